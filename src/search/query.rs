//! Searching: tantivy's query language plus structured filters, ranked hits, facet counts and
//! a per-period histogram.
//!
//! Filters never change the ranking: each is wrapped in a zero-score clause, so a hit ranks by
//! its match on the query text alone. A request with no query text lists the newest first.

use super::indexer::{day_to_datetime, parse_day};
use super::phrase::{self, RankedPhrase};
use super::schema::{self, keyword_token, Fields, INCIDENT};
use anyhow::{bail, Context, Result};
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{Cardinality, Column};
use tantivy::index::SegmentId;
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value as _};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DateTime, DocAddress, DocId, DocSet, Order, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term, TERMINATED,
};

/// What kind of document a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Incident,
    Article,
}

/// Histogram bucket width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

/// A longitude/latitude box, `minlon,minlat,maxlon,maxlat` (a box across the antimeridian has
/// `minlon > maxlon`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl FromStr for BBox {
    type Err = String;
    fn from_str(s: &str) -> Result<BBox, String> {
        let v: Vec<f64> = s
            .split(',')
            .map(|x| x.trim().parse::<f64>().map_err(|_| format!("{x:?} is not a number")))
            .collect::<Result<_, _>>()?;
        let [min_lon, min_lat, max_lon, max_lat] = v[..] else {
            return Err("expected minlon,minlat,maxlon,maxlat".into());
        };
        if min_lat > max_lat || !(-90.0..=90.0).contains(&min_lat) || !(-90.0..=90.0).contains(&max_lat) {
            return Err("latitudes must satisfy -90 <= minlat <= maxlat <= 90".into());
        }
        Ok(BBox { min_lon, min_lat, max_lon, max_lat })
    }
}

/// A date bound: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. As an upper bound a month or year means its
/// last day, so `--to 2025-06` includes June 30.
pub fn parse_date_bound(s: &str, upper: bool) -> Result<NaiveDate, String> {
    let s = s.trim();
    let start = parse_day(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))?;
    if !upper {
        return Ok(start);
    }
    Ok(match s.len() {
        4 => NaiveDate::from_ymd_opt(start.year(), 12, 31).expect("Dec 31"),
        7 => next_month(start) - Duration::days(1),
        _ => start,
    })
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).expect("first of a month")
}

/// One search. Values within one filter are alternatives (`countries: [Mali, Niger]`); different
/// filters must all hold.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// tantivy query language; empty or `*` matches everything.
    pub query: String,
    pub kind: Option<Kind>,
    /// Country names or ISO codes.
    pub countries: Vec<String>,
    pub tactics: Vec<String>,
    pub event_types: Vec<String>,
    /// Names or phrases matched against perpetrators and targets.
    pub actors: Vec<String>,
    pub min_killed: Option<u64>,
    pub from: Option<NaiveDate>,
    /// Inclusive.
    pub to: Option<NaiveDate>,
    pub bbox: Option<BBox>,
    pub limit: usize,
    /// Facet roots (`country`, `tactic`, …) or paths (`country/Mali`) to count incidents under.
    pub facets: Vec<String>,
    pub histogram: Option<Interval>,
    /// Whether article hits get a highlighted snippet.
    pub snippets: bool,
    /// Hits are counted up to this many (or `limit`, if larger) and no further: past it
    /// `total` is a lower bound. Counting every hit of a common phrase costs as much as reading
    /// all their positions. `None` counts them all.
    pub count_up_to: Option<u64>,
}

/// How far hits are counted by default.
pub const COUNT_UP_TO: u64 = 10_000;

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            kind: None,
            countries: vec![],
            tactics: vec![],
            event_types: vec![],
            actors: vec![],
            min_killed: None,
            from: None,
            to: None,
            bbox: None,
            limit: 10,
            facets: vec![],
            histogram: None,
            snippets: true,
            count_up_to: Some(COUNT_UP_TO),
        }
    }

    fn has_text(&self) -> bool {
        let q = self.query.trim();
        !q.is_empty() && q != "*"
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Documents matching the request; a lower bound when `total_is_lower_bound`.
    pub total: u64,
    /// Counting stopped at the request's `count_up_to`: at least `total` documents match.
    pub total_is_lower_bound: bool,
    pub hits: Vec<Hit>,
    /// Incidents the facets and histogram count (the request restricted to incidents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_incidents: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<FacetCounts>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub histogram: Vec<Bucket>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub article_id: String,
    /// Relevance; absent when the request had no query text (hits are then newest first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Articles: the best passage, with byte ranges of the matched words in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Snippet>,
    /// Incidents: date, place, type, perpetrator, killed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Incidents: the whole record; articles: their metadata and extra fields.
    pub record: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The passage with matched words between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(s, e) in &self.highlights {
            out.push_str(&self.text[at..s]);
            out.push_str(open);
            out.push_str(&self.text[s..e]);
            out.push_str(close);
            at = e;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetCounts {
    /// As requested: `country`, `country/Mali`, …
    pub facet: String,
    /// Most frequent first.
    pub counts: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bucket {
    /// `2025-06` (month), `2025-06-02` (day; week: its Monday), `2025` (year), `unknown`.
    pub period: String,
    pub incidents: u64,
    /// Sum of the conservative (`low`) killed figures.
    pub killed: u64,
}

/// Turns requests into tantivy queries for one index.
pub(super) struct Planner<'a> {
    pub index: &'a tantivy::Index,
    pub fields: &'a Fields,
    pub incidents: &'a IncidentSets,
}

/// Which documents of each segment are incidents, one bit each, kept for as long as the
/// segment is searched: segments never change (deletes are told apart elsewhere), and one
/// look at a bit is what telling incidents among a million hits costs then.
#[derive(Default)]
pub(super) struct IncidentSets(Mutex<HashMap<SegmentId, Arc<Vec<u64>>>>);

impl IncidentSets {
    fn of(&self, segment: &SegmentReader, kind: &Term) -> tantivy::Result<Arc<Vec<u64>>> {
        let id = segment.segment_id();
        if let Some(set) = self.0.lock().expect("not poisoned").get(&id) {
            return Ok(set.clone());
        }
        let mut words = vec![0u64; (segment.max_doc() as usize).div_ceil(64)];
        let postings = segment.inverted_index(kind.field())?;
        if let Some(mut blocks) = postings.read_block_postings(kind, IndexRecordOption::Basic)? {
            while blocks.block_len() > 0 {
                for &doc in blocks.docs() {
                    words[doc as usize / 64] |= 1 << (doc % 64);
                }
                blocks.advance();
            }
        }
        let set = Arc::new(words);
        self.0.lock().expect("not poisoned").insert(id, set.clone());
        Ok(set)
    }

    /// Forgets segments the searcher no longer has.
    fn keep_only(&self, searcher: &tantivy::Searcher) {
        let live: Vec<SegmentId> = searcher.segment_readers().iter().map(|s| s.segment_id()).collect();
        self.0.lock().expect("not poisoned").retain(|id, _| live.contains(id));
    }
}

impl Planner<'_> {
    fn parser(&self, fields: Vec<Field>) -> QueryParser {
        let mut p = QueryParser::for_index(self.index, fields);
        p.set_conjunction_by_default();
        p.set_field_boost(self.fields.title, TITLE_BOOST);
        p
    }

    /// The request as one query; `any_kind` leaves out the kind filter, for a collector that
    /// tells incidents itself.
    pub fn query(&self, req: &SearchRequest, any_kind: bool) -> Result<Box<dyn Query>> {
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if req.has_text() {
            let q = self
                .parser(schema::default_fields(f))
                .parse_query(&req.query)
                .with_context(|| format!("query {:?}", req.query))?;
            clauses.push((Occur::Must, q));
        }
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        let kind = if any_kind { None } else { req.kind };
        if let Some(kind) = kind {
            let value = if kind == Kind::Incident { INCIDENT } else { schema::ARTICLE };
            filters.push(term(f.kind, value));
        }
        if !req.countries.is_empty() {
            let alts = req.countries.iter().flat_map(|c| [keyword(f.country, c), keyword(f.country_code, c)]);
            filters.push(any(alts.collect()));
        }
        if !req.tactics.is_empty() {
            filters.push(any(req.tactics.iter().map(|t| keyword(f.tactic, t)).collect()));
        }
        if !req.event_types.is_empty() {
            filters.push(any(req.event_types.iter().map(|t| keyword(f.event_type, t)).collect()));
        }
        if !req.actors.is_empty() {
            let parser = self.parser(vec![f.perpetrator, f.target]);
            let mut alts = Vec::new();
            for a in &req.actors {
                let phrase: String = a.chars().filter(|c| !matches!(c, '"' | '\\')).collect();
                alts.push(
                    parser.parse_query(&format!("\"{}\"", phrase.trim())).with_context(|| format!("actor {a:?}"))?,
                );
            }
            filters.push(any(alts));
        }
        if let Some(n) = req.min_killed {
            filters.push(range(Bound::Included(Term::from_field_u64(f.killed, n)), Bound::Unbounded));
        }
        if req.from.is_some() || req.to.is_some() {
            let lo = req
                .from
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_date(f.date, day_to_datetime(d))));
            let hi = req.to.map_or(Bound::Unbounded, |d| {
                Bound::Excluded(Term::from_field_date(f.date, day_to_datetime(d + Duration::days(1))))
            });
            filters.push(range(lo, hi));
        }
        if let Some(b) = req.bbox {
            let f64_range = |field, lo: f64, hi: f64| {
                range(
                    Bound::Included(Term::from_field_f64(field, lo)),
                    Bound::Included(Term::from_field_f64(field, hi)),
                )
            };
            filters.push(f64_range(f.lat, b.min_lat, b.max_lat));
            if b.min_lon <= b.max_lon {
                filters.push(f64_range(f.lon, b.min_lon, b.max_lon));
            } else {
                filters.push(any(vec![f64_range(f.lon, b.min_lon, 180.0), f64_range(f.lon, -180.0, b.max_lon)]));
            }
        }
        // A phrase's hits cost position reads, which pruning saves even under filters; a word's
        // cost little, and tantivy prunes them itself when unfiltered, so a word is ranked here
        // only under the kind filter alone, which tantivy's pruning does not take.
        let phrase = if req.has_text() { self.phrase_clauses(&req.query)? } else { None };
        let only_kind = kind.is_some() && !self.has_filters(req);
        let phrase = phrase.filter(|clauses| clauses.iter().any(|c| c.terms.len() > 1) || only_kind);
        let phrase_filter: Option<Box<dyn Query>> = match filters.len() {
            _ if phrase.is_none() => None,
            0 => None,
            1 => Some(filters[0].box_clone()),
            _ => Some(Box::new(BooleanQuery::new(filters.iter().map(|f| (Occur::Must, f.box_clone())).collect()))),
        };
        for filter in filters {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 if req.has_text() => clauses.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        Ok(match phrase {
            Some(phrase) => Box::new(RankedPhrase { inner: query, clauses: phrase, filter: phrase_filter }),
            None => query,
        })
    }

    /// Whether the request has filters besides its kind.
    pub fn has_filters(&self, req: &SearchRequest) -> bool {
        !req.countries.is_empty()
            || !req.tactics.is_empty()
            || !req.event_types.is_empty()
            || !req.actors.is_empty()
            || req.min_killed.is_some()
            || req.from.is_some()
            || req.to.is_some()
            || req.bbox.is_some()
    }

    /// When the query text is one quoted phrase or one bare word, the parser's query for it
    /// field by field: its tokens at their positions under each default field's analyzer, as
    /// `QueryParser` makes them (a word the analyzer splits is a phrase there too), so that
    /// `RankedPhrase` can bound each field's share.
    fn phrase_clauses(&self, text: &str) -> Result<Option<Vec<phrase::Clause>>> {
        let text = text.trim();
        let inside = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inside) if !inside.contains(['"', '\\']) => inside,
            Some(_) => return Ok(None),
            None if is_bare_word(text) => text,
            None => return Ok(None),
        };
        let schema = self.index.schema();
        let mut out = Vec::new();
        for field in schema::default_fields(self.fields) {
            let tantivy::schema::FieldType::Str(options) = schema.get_field_entry(field).field_type() else {
                return Ok(None);
            };
            let Some(indexing) = options.get_indexing_options() else { return Ok(None) };
            let mut analyzer = self.index.tokenizer_for_field(field)?;
            let mut terms = Vec::new();
            analyzer
                .token_stream(inside)
                .process(&mut |t| terms.push((t.position, Term::from_field_text(field, &t.text))));
            if terms.is_empty() {
                continue;
            }
            if terms.len() > 1 && !indexing.index_option().has_positions() {
                return Ok(None);
            }
            let record = if indexing.index_option().has_freq() {
                IndexRecordOption::WithFreqs
            } else {
                IndexRecordOption::Basic
            };
            let boost = if field == self.fields.title { TITLE_BOOST } else { 1.0 };
            out.push(phrase::Clause { field, terms, boost, record });
        }
        Ok(Some(out).filter(|c| !c.is_empty()))
    }
}

/// A word the query language reads as a plain term: letters, digits, and inner hyphens, dots
/// or underscores (`zinriye-kou`, `al-shabaab`, `u.s.`), but no operator (`AND`, `OR`, `NOT`,
/// `TO`, `IN`).
fn is_bare_word(text: &str) -> bool {
    let inner = |c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '_');
    text.chars().next().is_some_and(char::is_alphanumeric)
        && text.chars().all(inner)
        && !matches!(text, "AND" | "OR" | "NOT" | "TO" | "IN")
}

/// Title words count double.
const TITLE_BOOST: f32 = 2.0;

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
}

fn keyword(field: Field, value: &str) -> Box<dyn Query> {
    term(field, &keyword_token(value))
}

fn any(mut alternatives: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if alternatives.len() == 1 {
        return alternatives.pop().expect("one");
    }
    Box::new(BooleanQuery::new(alternatives.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn range(lo: Bound<Term>, hi: Bound<Term>) -> Box<dyn Query> {
    Box::new(RangeQuery::new(lo, hi))
}

/// A requested facet: its name as asked, its dimension's field and the path whose children
/// are counted.
#[derive(Clone)]
struct Wanted {
    name: String,
    field: String,
    facet: Facet,
}

/// Checks facet requests. A facet and its own ancestor would count the same incidents twice
/// over, so asking for both is an error.
fn wanted_facets(names: &[String]) -> Result<Vec<Wanted>> {
    let mut wanted: Vec<Wanted> = Vec::new();
    for name in names {
        let name = name.trim().trim_matches('/').to_string();
        let (dimension, path) = name.split_once('/').unwrap_or((&name, ""));
        let Some(&dimension) = schema::FACETS.iter().find(|d| **d == dimension) else {
            bail!("unknown facet {name:?} (expected one of: {})", schema::FACETS.join(", "));
        };
        let facet = Facet::from_text(&format!("/{path}")).map_err(|e| anyhow::anyhow!("facet {name:?}: {e}"))?;
        let field = schema::facet_field_name(dimension);
        let clash = |w: &&Wanted| w.field == field && (w.facet.is_prefix_of(&facet) || facet.is_prefix_of(&w.facet));
        if let Some(other) = wanted.iter().find(clash) {
            bail!("facets {:?} and {name:?} overlap; ask for one of them", other.name);
        }
        wanted.push(Wanted { name: name.clone(), field, facet });
    }
    Ok(wanted)
}

/// Counts, for each wanted facet, the documents under each of its children, reading the facet
/// columns directly: a document's values are term ordinals of the segment's facet dictionary,
/// mapped once per segment to the child they fall under. (tantivy's `FacetCollector` does the
/// same through a general multi-valued read per document, which cost twice as much.)
struct FacetCounter(Vec<Wanted>);

/// One wanted facet in one segment.
struct FacetColumn {
    ords: Column<u64>,
    /// Whether every document has exactly one value, read then by position.
    dense: bool,
    /// Ordinal to child (an index into `children`), `u32::MAX` where not under the facet.
    child_of: Vec<u32>,
    children: Vec<String>,
    counts: Vec<u64>,
    /// Room for a block of values.
    values: Vec<u64>,
}

impl FacetColumn {
    fn new(segment: &SegmentReader, wanted: &Wanted) -> tantivy::Result<Option<FacetColumn>> {
        let Some(column) = segment.fast_fields().str(&wanted.field)? else { return Ok(None) };
        // The root's path is one empty step.
        let depth = wanted.facet.to_path().iter().filter(|step| !step.is_empty()).count();
        let (mut child_of, mut children) = (vec![u32::MAX; column.num_terms()], Vec::<String>::new());
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut terms = column.dictionary().stream()?;
        while terms.advance() {
            let Ok(facet) = Facet::from_encoded(terms.key().to_vec()) else { continue };
            if !wanted.facet.is_prefix_of(&facet) {
                continue;
            }
            let Some(child) = facet.to_path().get(depth).filter(|c| !c.is_empty()).map(|c| c.to_string()) else {
                continue;
            };
            let at = *index.entry(child).or_insert_with_key(|child| {
                children.push(child.clone());
                (children.len() - 1) as u32
            });
            child_of[terms.term_ord() as usize] = at;
        }
        let ords = column.ords().clone();
        let dense = ords.get_cardinality() == Cardinality::Full;
        Ok(Some(FacetColumn { ords, dense, child_of, counts: vec![0; children.len()], children, values: vec![] }))
    }

    /// A dense column is read a block of documents at a time.
    fn collect_block(&mut self, docs: &[DocId]) {
        if !self.dense {
            for &doc in docs {
                self.collect(doc);
            }
            return;
        }
        self.values.resize(docs.len(), 0);
        self.ords.values.get_vals(docs, &mut self.values);
        for &ord in &self.values {
            if let Some(&c) = self.child_of.get(ord as usize) {
                if c != u32::MAX {
                    self.counts[c as usize] += 1;
                }
            }
        }
    }

    fn collect(&mut self, doc: DocId) {
        if self.dense {
            if let Some(&c) = self.child_of.get(self.ords.values.get_val(doc) as usize) {
                if c != u32::MAX {
                    self.counts[c as usize] += 1;
                }
            }
            return;
        }
        // Several values may fall under one child; it counts the document once.
        let mut seen: [u32; 4] = [u32::MAX; 4];
        let mut seen_more: Vec<u32> = Vec::new();
        for (i, ord) in self.ords.values_for_doc(doc).enumerate() {
            let c = self.child_of.get(ord as usize).copied().unwrap_or(u32::MAX);
            if c == u32::MAX || seen.contains(&c) || seen_more.contains(&c) {
                continue;
            }
            match seen.get_mut(i) {
                Some(slot) => *slot = c,
                None => seen_more.push(c),
            }
            self.counts[c as usize] += 1;
        }
    }
}

impl Collector for FacetCounter {
    type Fruit = Vec<BTreeMap<String, u64>>;
    type Child = FacetCounterSegment;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<FacetCounterSegment> {
        Ok(FacetCounterSegment(self.0.iter().map(|w| FacetColumn::new(segment, w)).collect::<tantivy::Result<_>>()?))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut all = vec![BTreeMap::new(); self.0.len()];
        for fruit in fruits {
            for (into, from) in all.iter_mut().zip(fruit) {
                for (child, n) in from {
                    *into.entry(child).or_insert(0) += n;
                }
            }
        }
        Ok(all)
    }
}

struct FacetCounterSegment(Vec<Option<FacetColumn>>);

impl SegmentCollector for FacetCounterSegment {
    type Fruit = Vec<BTreeMap<String, u64>>;

    fn collect(&mut self, doc: DocId, _: Score) {
        for c in self.0.iter_mut().flatten() {
            c.collect(doc);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for c in self.0.iter_mut().flatten() {
            c.collect_block(docs);
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.0
            .into_iter()
            .map(|c| match c {
                Some(c) => c.children.into_iter().zip(c.counts).filter(|(_, n)| *n > 0).collect(),
                None => BTreeMap::new(),
            })
            .collect()
    }
}

fn facet_counts(counts: Vec<BTreeMap<String, u64>>, wanted: &[Wanted]) -> Vec<FacetCounts> {
    wanted
        .iter()
        .zip(counts)
        .map(|(w, counts)| {
            let mut values: Vec<FacetValue> =
                counts.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            FacetCounts { facet: w.name.clone(), counts: values }
        })
        .collect()
}

/// Incidents and killed per period, read from the `date` and `killed` fast fields.
pub(super) struct HistogramCollector {
    pub interval: Interval,
}

/// Bucket start as days since 1970-01-01; `i64::MIN` for undated documents.
type Buckets = BTreeMap<i64, (u64, u64)>;

pub(super) struct HistogramSegment {
    interval: Interval,
    date: Option<Column<DateTime>>,
    killed: Option<Column<u64>>,
    buckets: Buckets,
    /// The last day seen and its bucket: hits arrive in doc order, often clustered in time.
    memo: (i64, i64),
}

const SECS_PER_DAY: i64 = 86_400;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")
}

fn bucket_of(interval: Interval, day: i64) -> i64 {
    let date = epoch() + Duration::days(day);
    let start = match interval {
        Interval::Day => date,
        Interval::Week => date - Duration::days(date.weekday().num_days_from_monday() as i64),
        Interval::Month => date.with_day(1).expect("day 1"),
        Interval::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).expect("Jan 1"),
    };
    (start - epoch()).num_days()
}

fn period_label(interval: Interval, key: i64) -> String {
    if key == i64::MIN {
        return "unknown".into();
    }
    let d = epoch() + Duration::days(key);
    match interval {
        Interval::Day | Interval::Week => d.format("%Y-%m-%d").to_string(),
        Interval::Month => d.format("%Y-%m").to_string(),
        Interval::Year => d.format("%Y").to_string(),
    }
}

impl Collector for HistogramCollector {
    type Fruit = Buckets;
    type Child = HistogramSegment;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<HistogramSegment> {
        let ff = segment.fast_fields();
        Ok(HistogramSegment {
            interval: self.interval,
            date: ff.column_opt::<DateTime>("date")?,
            killed: ff.column_opt::<u64>("killed")?,
            buckets: Buckets::new(),
            memo: (i64::MIN, i64::MIN),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Buckets>) -> tantivy::Result<Buckets> {
        let mut all = Buckets::new();
        for fruit in fruits {
            for (k, (n, killed)) in fruit {
                let slot = all.entry(k).or_default();
                slot.0 += n;
                slot.1 += killed;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for HistogramSegment {
    type Fruit = Buckets;

    fn collect(&mut self, doc: DocId, _: Score) {
        let day =
            self.date.as_ref().and_then(|c| c.first(doc)).map(|d| d.into_timestamp_secs().div_euclid(SECS_PER_DAY));
        let key = match day {
            None => i64::MIN,
            Some(day) if day == self.memo.0 => self.memo.1,
            Some(day) => {
                let key = bucket_of(self.interval, day);
                self.memo = (day, key);
                key
            }
        };
        let killed = self.killed.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        let slot = self.buckets.entry(key).or_default();
        slot.0 += 1;
        slot.1 += killed;
    }

    fn harvest(self) -> Buckets {
        self.buckets
    }
}

pub(super) fn buckets(interval: Interval, b: Buckets) -> Vec<Bucket> {
    // Undated incidents sort last rather than first.
    let mut out: Vec<Bucket> = b
        .iter()
        .filter(|(k, _)| **k != i64::MIN)
        .map(|(&k, &(n, killed))| Bucket { period: period_label(interval, k), incidents: n, killed })
        .collect();
    if let Some(&(n, killed)) = b.get(&i64::MIN) {
        out.push(Bucket { period: "unknown".into(), incidents: n, killed });
    }
    out
}

/// Passes on to `inner` only the incidents among the documents matched.
///
/// Intersecting the query with `kind:incident` would do the same, but an intersection advances
/// its clauses by seeking, and seeking a union of terms (what a bare word becomes over the
/// default fields) costs several times reading it in order; here the union is read in order
/// and each hit looked up in the segment's set of incidents.
struct Incidents<'a, C> {
    kind: Term,
    sets: &'a IncidentSets,
    inner: C,
}

struct IncidentsSegment<C> {
    set: Arc<Vec<u64>>,
    inner: C,
    buffer: Vec<DocId>,
}

impl<C> IncidentsSegment<C> {
    fn is_incident(&self, doc: DocId) -> bool {
        self.set.get(doc as usize / 64).is_some_and(|w| w >> (doc % 64) & 1 == 1)
    }
}

impl<C: Collector> Collector for Incidents<'_, C> {
    type Fruit = C::Fruit;
    type Child = IncidentsSegment<C::Child>;

    fn for_segment(&self, ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<Self::Child> {
        let set = self.sets.of(segment, &self.kind)?;
        Ok(IncidentsSegment { set, inner: self.inner.for_segment(ord, segment)?, buffer: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(&self, fruits: Vec<<C::Child as SegmentCollector>::Fruit>) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

impl<C: SegmentCollector> SegmentCollector for IncidentsSegment<C> {
    type Fruit = C::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.is_incident(doc) {
            self.inner.collect(doc, score);
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        buffer.extend(docs.iter().copied().filter(|&d| self.is_incident(d)));
        self.inner.collect_block(&buffer);
        self.buffer = buffer;
    }

    fn harvest(self) -> C::Fruit {
        self.inner.harvest()
    }
}

/// Counts matching documents, stopping at a number if given; the count and whether it stopped.
/// Segments are counted in parallel towards one shared number, so together they stop as soon
/// as it is reached instead of each counting that many.
struct CountUpTo {
    up_to: Option<u64>,
    counted: AtomicU64,
}

impl CountUpTo {
    fn new(up_to: Option<u64>) -> CountUpTo {
        CountUpTo { up_to, counted: AtomicU64::new(0) }
    }
}

impl Collector for CountUpTo {
    type Fruit = (u64, bool);
    type Child = CountUpToSegment;

    fn for_segment(&self, _: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<CountUpToSegment> {
        Ok(CountUpToSegment((0, false)))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(u64, bool)>) -> tantivy::Result<(u64, bool)> {
        let n: u64 = fruits.iter().map(|f| f.0).sum();
        Ok(match self.up_to {
            Some(up_to) if fruits.iter().any(|f| f.1) => (n.min(up_to), true),
            _ => (n, false),
        })
    }

    fn collect_segment(
        &self,
        weight: &dyn tantivy::query::Weight,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<(u64, bool)> {
        let Some(up_to) = self.up_to else {
            return Ok((weight.count(reader)? as u64, false));
        };
        let mut docs = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let is_alive = |doc: DocId| alive.is_none_or(|a| a.is_alive(doc));
        let mut n = 0;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if is_alive(doc) {
                n += 1;
                if self.counted.fetch_add(1, Ordering::Relaxed) + 1 >= up_to {
                    // Whether this segment has more decides if the total is only a lower bound.
                    doc = docs.advance();
                    while doc != TERMINATED && !is_alive(doc) {
                        doc = docs.advance();
                    }
                    return Ok((n, doc != TERMINATED));
                }
            }
            doc = docs.advance();
        }
        Ok((n, false))
    }
}

struct CountUpToSegment((u64, bool));

impl SegmentCollector for CountUpToSegment {
    type Fruit = (u64, bool);

    fn collect(&mut self, _: DocId, _: Score) {
        self.0 .0 += 1;
    }

    fn harvest(self) -> (u64, bool) {
        self.0
    }
}

/// Runs a request against a searcher.
pub(super) fn run(planner: &Planner, searcher: &tantivy::Searcher, req: &SearchRequest) -> Result<SearchResults> {
    let f = planner.fields;
    let query = planner.query(req, false)?;
    let wanted = wanted_facets(&req.facets)?;
    let facet_collector = if wanted.is_empty() { None } else { Some(FacetCounter(wanted.clone())) };
    let histogram = req.histogram.map(|interval| HistogramCollector { interval });
    let counting = facet_collector.is_some() || histogram.is_some();
    // Without filters, or with a `RankedPhrase`, top hits are collected on their own: tantivy
    // passes over blocks of documents that cannot enter them (block-max WAND) only when
    // nothing else has to see every hit, and the total is counted apart, up to the cap. Other
    // filtered requests are ranked in one pass that also counts every hit: structured filters
    // leave few enough hits that scoring them all costs less than reading them twice.
    let filtered = req.kind.is_some() || planner.has_filters(req);
    let one_pass = filtered && query.downcast_ref::<RankedPhrase>().is_none();
    let newest = || TopDocs::with_limit(req.limit.max(1)).order_by_fast_field::<DateTime>("date", Order::Desc);
    let best = || TopDocs::with_limit(req.limit.max(1)).order_by_score();
    let (top, one_pass_total): (Vec<(Option<f32>, DocAddress)>, Option<u64>) = if one_pass {
        if req.has_text() {
            let (top, n) = searcher.search(&query, &(best(), Count))?;
            (top.into_iter().map(|(s, d)| (Some(s), d)).collect(), Some(n as u64))
        } else {
            let (top, n) = searcher.search(&query, &(newest(), Count))?;
            (top.into_iter().map(|(_, d)| (None, d)).collect(), Some(n as u64))
        }
    } else if req.limit == 0 {
        (vec![], None)
    } else if req.has_text() {
        let top = searcher.search(&query, &best())?;
        (top.into_iter().map(|(s, d)| (Some(s), d)).collect(), None)
    } else {
        (searcher.search(&query, &newest())?.into_iter().map(|(_, d)| (None, d)).collect(), None)
    };
    let top = if req.limit == 0 { vec![] } else { top };
    // Facets and the histogram see every matching incident, so they count exactly; when the
    // request is about incidents only, that same pass gives the exact total.
    let (counted, facet_fruit, hist_fruit) = if counting {
        let any_kind = planner.query(req, true)?;
        let kind = Term::from_field_text(f.kind, INCIDENT);
        planner.incidents.keep_only(searcher);
        let incidents = Incidents { kind, sets: planner.incidents, inner: (Count, facet_collector, histogram) };
        let (n, fr, hr) = searcher.search(&any_kind, &incidents)?;
        (Some(n as u64), fr, hr)
    } else {
        (None, None, None)
    };
    let (total, total_is_lower_bound) = match counted {
        Some(n) if req.kind == Some(Kind::Incident) => (n, false),
        _ if one_pass_total.is_some() => (one_pass_total.unwrap_or_default(), false),
        _ => {
            let up_to = req.count_up_to.map(|n| n.max(req.limit as u64));
            searcher.search(&query, &CountUpTo::new(up_to))?
        }
    };
    let mut snippets = None;
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let kind = if text(f.kind).as_deref() == Some(INCIDENT) { Kind::Incident } else { Kind::Article };
        let record: Value = text(f.record).and_then(|r| serde_json::from_str(&r).ok()).unwrap_or(Value::Null);
        let mut hit = Hit {
            kind,
            id: text(f.id).unwrap_or_default(),
            article_id: text(f.article_id).unwrap_or_default(),
            score,
            title: text(f.title),
            source: text(f.source),
            url: text(f.url),
            snippet: None,
            summary: None,
            record,
        };
        match kind {
            Kind::Incident => hit.summary = Some(summary(&hit.record)),
            Kind::Article if req.snippets => {
                if snippets.is_none() {
                    let mut g = SnippetGenerator::create(searcher, &*query, f.text)?;
                    g.set_max_num_chars(240);
                    snippets = Some(g);
                }
                let s = snippets.as_ref().expect("created above").snippet_from_doc(&doc);
                hit.snippet = Some(if s.is_empty() {
                    let body = text(f.text).unwrap_or_default();
                    Snippet { text: lead(&body, 240), highlights: vec![] }
                } else {
                    Snippet {
                        text: s.fragment().to_string(),
                        highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                    }
                });
            }
            Kind::Article => {}
        }
        hits.push(hit);
    }
    Ok(SearchResults {
        total,
        total_is_lower_bound,
        hits,
        counted_incidents: counted,
        facets: facet_fruit.map(|c| facet_counts(c, &wanted)).unwrap_or_default(),
        histogram: match (req.histogram, hist_fruit) {
            (Some(interval), Some(b)) => buckets(interval, b),
            _ => vec![],
        },
    })
}

/// The first `max` bytes of `text`, cut at a word boundary.
fn lead(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", &text[..cut])
}

/// One line for an incident record: date, place, type, perpetrator, killed.
pub fn summary(record: &Value) -> String {
    let s = |v: &Value| v.as_str().map(str::to_string);
    let date = s(&record["date"]["start"]).unwrap_or_else(|| "undated".into());
    let loc = &record["location"];
    let place: Vec<String> =
        [&loc["name"], &loc["admin1"], &loc["country"]].into_iter().filter_map(s).fold(Vec::new(), |mut acc, p| {
            if !acc.contains(&p) {
                acc.push(p);
            }
            acc
        });
    let place = if place.is_empty() { "unknown place".to_string() } else { place.join(", ") };
    let event = s(&record["event_type"]).unwrap_or_default();
    let perpetrator = record["perpetrators"]
        .as_array()
        .and_then(|a| a.first())
        .and_then(|a| s(&a["name"]))
        .unwrap_or_else(|| "unknown perpetrator".into());
    let killed = &record["casualties"]["killed"];
    let killed = match (killed["low"].as_u64(), killed["qualifier"].as_str()) {
        (None, _) => "killed ?".to_string(),
        (Some(n), Some("at_least" | "more_than")) => format!("killed ≥{n}"),
        (Some(n), Some("about" | "vague")) => format!("killed ~{n}"),
        (Some(n), Some("range" | "up_to")) => match killed["high"].as_u64() {
            Some(h) if h != n => format!("killed {n}–{h}"),
            _ => format!("killed {n}"),
        },
        (Some(n), _) => format!("killed {n}"),
    };
    format!("{date}  {place}  {event}  {perpetrator}  {killed}")
}

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
use std::collections::BTreeMap;
use std::ops::Bound;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use tantivy::collector::{Collector, Count, FacetCollector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
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
}

impl Planner<'_> {
    fn parser(&self, fields: Vec<Field>) -> QueryParser {
        let mut p = QueryParser::for_index(self.index, fields);
        p.set_conjunction_by_default();
        p.set_field_boost(self.fields.title, TITLE_BOOST);
        p
    }

    /// The request as one query; `only_incidents` narrows it for facets and histograms.
    pub fn query(&self, req: &SearchRequest, only_incidents: bool) -> Result<Box<dyn Query>> {
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
        let kind = if only_incidents { Some(Kind::Incident) } else { req.kind };
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
        let phrase = if req.has_text() { self.phrase_clauses(&req.query)? } else { None };
        let kept_filters: Vec<Box<dyn Query>> =
            if phrase.is_some() { filters.iter().map(|f| f.box_clone()).collect() } else { vec![] };
        for filter in filters {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 if req.has_text() => clauses.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        Ok(match phrase {
            Some(phrase) => Box::new(RankedPhrase { inner: query, clauses: phrase, filters: kept_filters }),
            None => query,
        })
    }

    /// When the query text is one quoted phrase, the parser's query for it field by field:
    /// the phrase's tokens at their positions under each default field's analyzer, as
    /// `QueryParser` makes them, so that `RankedPhrase` can bound each field's share.
    fn phrase_clauses(&self, text: &str) -> Result<Option<Vec<phrase::Clause>>> {
        let text = text.trim();
        let Some(inside) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
            return Ok(None);
        };
        if inside.contains(['"', '\\']) {
            return Ok(None);
        }
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

/// A requested facet: its name as asked, the dimension's collector and the path counted.
struct Wanted {
    name: String,
    collector: usize,
    facet: Facet,
}

/// Checks facet requests and builds one collector per dimension asked for; tantivy forbids
/// counting a facet and its own ancestor in one collector, so that is an error here rather than
/// a panic there.
fn facet_collector(names: &[String]) -> Result<Option<(Facets, Vec<Wanted>)>> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut collectors: Vec<(&str, FacetCollector)> = Vec::new();
    let mut wanted: Vec<Wanted> = Vec::new();
    for name in names {
        let name = name.trim().trim_matches('/').to_string();
        let (dimension, path) = name.split_once('/').unwrap_or((&name, ""));
        let Some(&dimension) = schema::FACETS.iter().find(|d| **d == dimension) else {
            bail!("unknown facet {name:?} (expected one of: {})", schema::FACETS.join(", "));
        };
        let facet = Facet::from_text(&format!("/{path}")).map_err(|e| anyhow::anyhow!("facet {name:?}: {e}"))?;
        let at = match collectors.iter().position(|(d, _)| *d == dimension) {
            Some(at) => at,
            None => {
                collectors.push((dimension, FacetCollector::for_field(schema::facet_field_name(dimension))));
                collectors.len() - 1
            }
        };
        let clash = |w: &&Wanted| {
            w.collector == at && (w.facet.is_prefix_of(&facet) || facet.is_prefix_of(&w.facet) || w.facet == facet)
        };
        if let Some(other) = wanted.iter().find(clash) {
            bail!("facets {:?} and {name:?} overlap; ask for one of them", other.name);
        }
        collectors[at].1.add_facet(facet.clone());
        wanted.push(Wanted { name: name.clone(), collector: at, facet });
    }
    Ok(Some((Facets(collectors.into_iter().map(|(_, c)| c).collect()), wanted)))
}

/// Several facet collectors run in one pass.
struct Facets(Vec<FacetCollector>);

struct FacetsSegment(Vec<<FacetCollector as Collector>::Child>);

impl Collector for Facets {
    type Fruit = Vec<tantivy::collector::FacetCounts>;
    type Child = FacetsSegment;

    fn for_segment(&self, ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<FacetsSegment> {
        Ok(FacetsSegment(self.0.iter().map(|c| c.for_segment(ord, segment)).collect::<tantivy::Result<_>>()?))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut per_collector: Vec<Vec<tantivy::collector::FacetCounts>> = self.0.iter().map(|_| Vec::new()).collect();
        for fruit in fruits {
            for (slot, counts) in per_collector.iter_mut().zip(fruit) {
                slot.push(counts);
            }
        }
        self.0.iter().zip(per_collector).map(|(c, f)| c.merge_fruits(f)).collect()
    }
}

impl SegmentCollector for FacetsSegment {
    type Fruit = Vec<tantivy::collector::FacetCounts>;

    fn collect(&mut self, doc: DocId, score: Score) {
        for c in &mut self.0 {
            c.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.0.into_iter().map(SegmentCollector::harvest).collect()
    }
}

fn facet_counts(counts: &[tantivy::collector::FacetCounts], wanted: &[Wanted]) -> Vec<FacetCounts> {
    wanted
        .iter()
        .map(|Wanted { name, collector, facet }| {
            let mut values: Vec<FacetValue> = counts[*collector]
                .get(facet.clone())
                .map(|(f, n)| FacetValue {
                    value: f.to_path().last().copied().unwrap_or_default().to_string(),
                    count: n,
                })
                .collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            FacetCounts { facet: name.clone(), counts: values }
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
    let facets = facet_collector(&req.facets)?;
    let (facet_collector, wanted) = match facets {
        Some((c, w)) => (Some(c), w),
        None => (None, vec![]),
    };
    let histogram = req.histogram.map(|interval| HistogramCollector { interval });
    let counting = facet_collector.is_some() || histogram.is_some();
    // Top hits are collected on their own: tantivy skips blocks of documents that cannot enter
    // them (block-max WAND) only when nothing else has to see every hit.
    let top: Vec<(Option<f32>, DocAddress)> = if req.limit == 0 {
        vec![]
    } else if req.has_text() {
        let top = searcher.search(&query, &TopDocs::with_limit(req.limit).order_by_score())?;
        top.into_iter().map(|(s, d)| (Some(s), d)).collect()
    } else {
        let newest = TopDocs::with_limit(req.limit).order_by_fast_field::<DateTime>("date", Order::Desc);
        searcher.search(&query, &newest)?.into_iter().map(|(_, d)| (None, d)).collect()
    };
    // Facets and the histogram see every matching incident, so they count exactly; when the
    // request is about incidents only, that same pass gives the exact total.
    let (counted, facet_fruit, hist_fruit) = if counting {
        let incidents = if req.kind == Some(Kind::Incident) { None } else { Some(planner.query(req, true)?) };
        let (n, fr, hr) =
            searcher.search(incidents.as_ref().unwrap_or(&query), &(Count, facet_collector, histogram))?;
        (Some(n as u64), fr, hr)
    } else {
        (None, None, None)
    };
    let (total, total_is_lower_bound) = match counted {
        Some(n) if req.kind == Some(Kind::Incident) => (n, false),
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
        facets: facet_fruit.map(|c| facet_counts(&c, &wanted)).unwrap_or_default(),
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

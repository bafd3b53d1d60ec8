//! The index writer: replaces each article (and its incidents) by id, commits in batches.
//!
//! Durability comes from tantivy's commit: until a commit, added documents live only in the
//! writer; a commit atomically publishes them (and the deletes before them) in `meta.json`. A run
//! killed midway therefore leaves the index as of its last commit, and because every article is
//! written as delete-by-`article_id` then add, a rerun over the same input converges to the same
//! index with no duplicates. The writer holds tantivy's directory lock, so a second writer on the
//! same index fails at once instead of corrupting it; the OS releases the lock if the process dies.

use super::schema::{Fields, ARTICLE, INCIDENT};
use crate::incidents::Incident;
use crate::read::Article;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::indexer::{NoMergePolicy, UserOperation};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DateTime, DocSet, IndexWriter, Searcher, TantivyDocument, Term, TERMINATED};

/// Operations handed to tantivy's indexing threads at once: one hand-over per document costs
/// a channel wake-up each, which on two cores took a third of the indexing time.
const OPS_PER_HANDOVER: usize = 1024;

/// How a writer batches and how much memory it may use.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Articles between commits. Each commit flushes segments to disk, so a small value bounds
    /// what a crash loses and a large one keeps indexing fast.
    pub commit_every: usize,
    /// Memory for tantivy's in-memory segments, shared by its indexing threads.
    pub memory_bytes: usize,
    /// Indexing threads; 0 lets tantivy choose (one per core).
    pub threads: usize,
    /// Whether segments are merged in the background while writing (tantivy's log merge
    /// policy). A bulk load does better without, and with [`Indexer::finish_merged`] at the end:
    /// background merges leave one segment much larger than the others, and a search reads
    /// segments in parallel, one per core, so it waits for the largest.
    pub merge_while_writing: bool,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions { commit_every: 10_000, memory_bytes: 256 << 20, threads: 0, merge_while_writing: true }
    }
}

/// Totals of one writer's life.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IndexStats {
    pub articles: u64,
    pub incidents: u64,
    /// Bytes of article text indexed.
    pub text_bytes: u64,
    pub commits: u64,
}

/// Every name of each canonical actor (`models/actors.tsv`). Indexed beside the name an
/// article used, they let `--actor ISWAP` find a record whose text said "Islamic State West
/// Africa Province".
#[derive(Debug, Clone, Default)]
pub struct ActorAliases(HashMap<String, Vec<String>>);

impl ActorAliases {
    pub fn from_models(models: &crate::models::Models) -> Result<ActorAliases> {
        Ok(ActorAliases::parse(&models.text("actors.tsv")?))
    }

    /// `canonical <TAB> kind <TAB> countries <TAB> alias|alias|…` lines; `#` starts a comment.
    pub fn parse(tsv: &str) -> ActorAliases {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for line in tsv.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let (Some(canonical), Some(aliases)) = (cols.first(), cols.get(3)) {
                let names = map.entry(canonical.trim().to_string()).or_default();
                names.extend(
                    aliases.split('|').map(str::trim).filter(|a| !a.is_empty() && a != canonical).map(String::from),
                );
            }
        }
        ActorAliases(map)
    }

    pub fn of(&self, canonical: &str) -> &[String] {
        self.0.get(canonical).map(Vec::as_slice).unwrap_or_default()
    }
}

/// The one writer of an index; see the module docs for its guarantees.
pub struct Indexer {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// The index as the writer found it, to tell which articles are already there.
    before: Searcher,
    /// Each segment of `before`'s content hashes.
    hashes: Vec<Option<Column<u64>>>,
    /// What besides the article decides its incidents (the extractor's version and models).
    fingerprint: String,
    aliases: Arc<ActorAliases>,
    /// Deletes and adds not yet handed to tantivy, in order.
    ops: Vec<UserOperation<TantivyDocument>>,
    commit_every: usize,
    pending: usize,
    stats: IndexStats,
}

impl Indexer {
    pub(super) fn new(
        index: &tantivy::Index,
        before: Searcher,
        fields: Fields,
        options: &WriterOptions,
        dir: &str,
    ) -> Result<Indexer> {
        let writer = if options.threads == 0 {
            index.writer(options.memory_bytes)
        } else {
            index.writer_with_num_threads(options.threads, options.memory_bytes)
        };
        let writer = match writer {
            Err(tantivy::TantivyError::LockFailure(..)) => {
                anyhow::bail!("{dir}: another process is writing to this index (its writer lock is held)")
            }
            other => other.with_context(|| format!("{dir}: cannot open an index writer"))?,
        };
        if !options.merge_while_writing {
            writer.set_merge_policy(Box::new(NoMergePolicy));
        }
        let hashes = before.segment_readers().iter().map(|s| s.fast_fields().u64("content_hash").ok()).collect();
        Ok(Indexer {
            writer,
            fields,
            before,
            hashes,
            fingerprint: String::new(),
            aliases: Arc::default(),
            ops: Vec::with_capacity(OPS_PER_HANDOVER + 8),
            commit_every: options.commit_every.max(1),
            pending: 0,
            stats: IndexStats::default(),
        })
    }

    /// Index these other names with every actor that has them.
    pub fn with_aliases(mut self, aliases: ActorAliases) -> Indexer {
        self.aliases = Arc::new(aliases);
        self
    }

    /// Records what, besides an article, decides the incidents drawn from it: an article
    /// indexed under another fingerprint is not [`Indexer::unchanged`].
    pub fn with_fingerprint(mut self, fingerprint: impl Into<String>) -> Indexer {
        self.fingerprint = fingerprint.into();
        self
    }

    /// Whether the index held no documents when this writer opened it.
    pub fn fresh(&self) -> bool {
        self.before.num_docs() == 0
    }

    /// Whether this article, byte for byte, was indexed under this writer's fingerprint before
    /// the writer opened the index: rewriting it would change nothing, and extracting it again
    /// can be skipped.
    pub fn unchanged(&self, article: &Article) -> Result<bool> {
        let hash = content_hash(article, &self.fingerprint);
        let id = Term::from_field_text(self.fields.article_id, &article.id);
        for (segment, hashes) in self.before.segment_readers().iter().zip(&self.hashes) {
            let Some(hashes) = hashes else { continue };
            let Some(mut docs) =
                segment.inverted_index(self.fields.article_id)?.read_postings(&id, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            let mut doc = docs.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) && hashes.first(doc) == Some(hash) {
                    return Ok(true);
                }
                doc = docs.advance();
            }
        }
        Ok(false)
    }

    /// Replaces `article` and every incident previously indexed from it with these; commits when
    /// the batch is full.
    pub fn add(&mut self, article: &Article, incidents: &[Incident]) -> Result<()> {
        // Order matters: a delete only removes documents added before it.
        self.ops.push(UserOperation::Delete(Term::from_field_text(self.fields.article_id, &article.id)));
        let mut doc = article_doc(&self.fields, &self.aliases, article, incidents);
        doc.add_u64(self.fields.content_hash, content_hash(article, &self.fingerprint));
        self.ops.push(UserOperation::Add(doc));
        for incident in incidents {
            self.ops.push(UserOperation::Add(incident_doc(&self.fields, &self.aliases, article, incident)));
        }
        if self.ops.len() >= OPS_PER_HANDOVER {
            self.hand_over()?;
        }
        self.stats.articles += 1;
        self.stats.incidents += incidents.len() as u64;
        self.stats.text_bytes += article.text.len() as u64;
        self.pending += 1;
        if self.pending >= self.commit_every {
            self.commit()?;
        }
        Ok(())
    }

    fn hand_over(&mut self) -> Result<()> {
        if !self.ops.is_empty() {
            self.writer.run(std::mem::take(&mut self.ops))?;
        }
        Ok(())
    }

    /// Publishes everything added so far.
    pub fn commit(&mut self) -> Result<()> {
        self.hand_over()?;
        self.writer.commit().context("committing the index")?;
        self.pending = 0;
        self.stats.commits += 1;
        Ok(())
    }

    /// Articles added since the last commit.
    pub fn pending(&self) -> usize {
        self.pending
    }

    pub fn stats(&self) -> IndexStats {
        self.stats
    }

    /// Commits, waits for background merges and releases the lock.
    pub fn finish(mut self) -> Result<IndexStats> {
        self.commit()?;
        let stats = self.stats;
        self.writer.wait_merging_threads().context("merging index segments")?;
        Ok(stats)
    }

    /// Commits, then merges the index into at most `segments` segments of about equal size
    /// (one per core suits searching: segments are searched in parallel). This rewrites the
    /// index, which is worth it after a bulk load. Background merges are let finish first; the
    /// lock is released for that moment and taken again, so a writer that starts in between
    /// makes this fail, with everything already committed.
    pub fn finish_merged(mut self, segments: usize) -> Result<IndexStats> {
        self.commit()?;
        let stats = self.stats;
        let index = self.writer.index().clone();
        self.writer.wait_merging_threads().context("merging index segments")?;
        // Segment metas keep their files from being collected while they live, so only ids
        // outlast this.
        let sizes = index.searchable_segment_metas()?.iter().map(|m| (m.id(), m.num_docs() as u64)).collect();
        let groups = balanced(sizes, segments.max(1));
        if groups.iter().any(|g| g.len() > 1) {
            let mut writer: IndexWriter<TantivyDocument> =
                index.writer_with_num_threads(1, 15 << 20).context("taking the index lock again to merge")?;
            writer.set_merge_policy(Box::new(NoMergePolicy));
            let merges: Vec<_> = groups.iter().filter(|g| g.len() > 1).map(|g| writer.merge(g)).collect();
            for merge in merges {
                merge.wait().context("merging index segments")?;
            }
            // The merged-away segments' files stay on disk until collected.
            writer.garbage_collect_files().wait().context("removing merged segments")?;
            writer.wait_merging_threads().context("merging index segments")?;
        }
        Ok(stats)
    }
}

/// Segments grouped into at most `n` groups of nearly equal documents: largest first, each into
/// the lightest group so far.
fn balanced(mut segments: Vec<(SegmentId, u64)>, n: usize) -> Vec<Vec<SegmentId>> {
    segments.sort_by_key(|s| std::cmp::Reverse(s.1));
    let mut groups: Vec<(u64, Vec<SegmentId>)> = vec![(0, vec![]); n.min(segments.len())];
    for (id, docs) in segments {
        let lightest = groups.iter_mut().min_by_key(|g| g.0).expect("at least one group");
        lightest.0 += docs;
        lightest.1.push(id);
    }
    groups.into_iter().map(|g| g.1).collect()
}

/// The article's content and the fingerprint, hashed to 64 bits.
fn content_hash(article: &Article, fingerprint: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    h.update([0]);
    h.update(serde_json::to_vec(article).unwrap_or_default());
    u64::from_le_bytes(h.finalize()[..8].try_into().expect("eight bytes"))
}

/// Midnight UTC of a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date (or the date part of RFC 3339).
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let full = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
    if let Some(d) = s.get(..10).and_then(full) {
        return Some(d);
    }
    if s.len() == 7 {
        return full(&format!("{s}-01"));
    }
    if s.len() == 4 {
        return full(&format!("{s}-01-01"));
    }
    None
}

pub fn day_to_datetime(day: NaiveDate) -> DateTime {
    let secs = day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp();
    DateTime::from_timestamp_secs(secs)
}

fn common(doc: &mut TantivyDocument, f: &Fields, article: &Article) {
    if let Some(title) = &article.title {
        doc.add_text(f.title, title);
    }
    if let Some(day) = article.published.as_deref().and_then(parse_day) {
        doc.add_date(f.published, day_to_datetime(day));
    }
    for (field, value) in [(f.source, &article.source), (f.url, &article.url), (f.language, &article.language)] {
        if let Some(v) = value {
            doc.add_text(field, v);
        }
    }
}

fn article_doc(f: &Fields, aliases: &ActorAliases, article: &Article, incidents: &[Incident]) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.kind, ARTICLE);
    doc.add_text(f.id, &article.id);
    doc.add_text(f.article_id, &article.id);
    doc.add_text(f.text, &article.text);
    common(&mut doc, f, article);
    if let Some(day) = article.published.as_deref().and_then(parse_day) {
        doc.add_date(f.date, day_to_datetime(day));
    }
    // The body is stored in `text`; the record keeps the rest, extra fields included.
    let mut meta = serde_json::to_value(article).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut meta {
        map.remove("text");
    }
    doc.add_text(f.record, meta.to_string());
    for dimension in super::schema::SINGLE_VALUED {
        let at = super::schema::FACETS.iter().position(|d| *d == dimension).expect("a known dimension");
        doc.add_facet(f.facets[at], Facet::root());
    }
    let mut seen = BTreeSet::new();
    for incident in incidents {
        for (field, value) in categorical(f, incident).into_iter().chain(actor_names(f, aliases, incident)) {
            if seen.insert((field, value.clone())) {
                doc.add_text(field, value);
            }
        }
    }
    doc
}

/// Perpetrator and target names as written, canonical, and their aliases.
fn actor_names(f: &Fields, aliases: &ActorAliases, i: &Incident) -> Vec<(tantivy::schema::Field, String)> {
    let mut out = Vec::new();
    for (field, actors) in [(f.perpetrator, &i.perpetrators), (f.target, &i.targets)] {
        for a in actors {
            out.push((field, a.name.clone()));
            if let Some(c) = &a.canonical {
                out.push((field, c.clone()));
                out.extend(aliases.of(c).iter().filter(|alias| **alias != a.name).map(|alias| (field, alias.clone())));
            }
        }
    }
    out
}

/// The keyword-field values of an incident.
fn categorical(f: &Fields, i: &Incident) -> Vec<(tantivy::schema::Field, String)> {
    let mut out = vec![
        (f.event_type, i.event_type.as_str().to_string()),
        (f.acled, i.acled.event_type.clone()),
        (f.acled_sub, i.acled.sub_event_type.clone()),
    ];
    if let Some(gtd) = &i.gtd_attack_type {
        out.push((f.gtd, gtd.clone()));
    }
    if let Some(loc) = &i.location {
        out.push((f.location, loc.name.clone()));
        for (field, v) in [(f.admin1, &loc.admin1), (f.country, &loc.country), (f.country_code, &loc.country_code)] {
            if let Some(v) = v {
                out.push((field, v.clone()));
            }
        }
    }
    out.extend(i.tactics.iter().map(|t| (f.tactic, t.as_str().to_string())));
    if let Some(k) = i.casualties.victim_kind {
        out.push((f.victim_kind, k.as_str().to_string()));
    }
    out
}

fn actor_label(a: &crate::incidents::Actor) -> &str {
    a.canonical.as_deref().unwrap_or(&a.name)
}

fn incident_doc(f: &Fields, aliases: &ActorAliases, article: &Article, i: &Incident) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(f.kind, INCIDENT);
    doc.add_text(f.id, &i.id);
    doc.add_text(f.article_id, &article.id);
    common(&mut doc, f, article);
    let evidence: Vec<&str> = i.evidence.iter().filter_map(|e| article.text.get(e.start..e.end)).collect();
    doc.add_text(f.text, evidence.join("\n"));
    let day = i
        .date
        .as_ref()
        .and_then(|d| d.start.as_deref())
        .and_then(parse_day)
        .or_else(|| article.published.as_deref().and_then(parse_day));
    if let Some(day) = day {
        doc.add_date(f.date, day_to_datetime(day));
    }
    doc.add_text(f.record, serde_json::to_string(i).unwrap_or_default());
    for (field, value) in categorical(f, i) {
        doc.add_text(field, value);
    }
    for (field, name) in actor_names(f, aliases, i) {
        doc.add_text(field, name);
    }
    if let Some(loc) = &i.location {
        doc.add_text(f.place, &loc.name);
        for v in [&loc.admin1, &loc.country].into_iter().flatten() {
            doc.add_text(f.place, v);
        }
        if let (Some(lat), Some(lon)) = (loc.lat, loc.lon) {
            doc.add_f64(f.lat, lat);
            doc.add_f64(f.lon, lon);
        }
        if let Some(g) = loc.geonames_id {
            doc.add_u64(f.geonames_id, g);
        }
    }
    let c = &i.casualties;
    for (field, count) in [(f.killed, &c.killed), (f.wounded, &c.wounded), (f.hostages, &c.hostages)] {
        if let Some(low) = count.as_ref().and_then(|n| n.low) {
            doc.add_u64(field, low);
        }
    }
    doc.add_f64(f.confidence, i.confidence);
    doc.add_bool(f.historical, i.historical);
    doc.add_bool(f.aggregate, i.aggregate);
    doc.add_bool(f.claimed, i.claim.is_some());
    for (dimension, facet) in facets(i) {
        let at = super::schema::FACETS.iter().position(|d| *d == dimension).expect("a known dimension");
        doc.add_facet(f.facets[at], facet);
    }
    doc
}

/// An incident's facets, by dimension. `country` and `event_type` are single-valued (an
/// unplaced incident counts under `unknown`) so their counts add up to the number of incidents.
pub fn facets(i: &Incident) -> Vec<(&'static str, Facet)> {
    let mut out = Vec::new();
    let loc = i.location.as_ref();
    let mut country = vec![loc.and_then(|l| l.country.as_deref()).unwrap_or("unknown")];
    if let Some(admin1) = loc.and_then(|l| l.admin1.as_deref()) {
        country.push(admin1);
    }
    out.push(("country", Facet::from_path(country)));
    out.push(("event_type", Facet::from_path([i.event_type.as_str()])));
    out.push(("acled", Facet::from_path([&i.acled.event_type, &i.acled.sub_event_type])));
    for t in &i.tactics {
        out.push(("tactic", Facet::from_path([t.as_str()])));
    }
    for a in &i.perpetrators {
        out.push(("perpetrator", Facet::from_path([actor_label(a)])));
    }
    for a in &i.targets {
        out.push(("target", Facet::from_path([actor_label(a)])));
    }
    if let Some(k) = i.casualties.victim_kind {
        out.push(("victim_kind", Facet::from_path([k.as_str()])));
    }
    out.sort();
    out.dedup();
    out
}

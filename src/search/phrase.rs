//! The top hits of a quoted phrase without checking the phrase in every document that has it.
//!
//! A phrase of common words can match a large part of the corpus (`"army post"`, a million
//! documents), and tantivy's phrase scorer reads and compares positions in every one of them:
//! for such phrases that was nearly all of a search's time. Single words escape that cost
//! through block-max WAND, which skips blocks of documents whose best possible score cannot
//! enter the current top k, but tantivy offers it only to unions and intersections of terms.
//!
//! A phrase occurs in a document at most as often as each of its words, and BM25 grows with
//! the frequency, so a word's score computed with the *phrase's* BM25 weight bounds the
//! phrase's score. [`RankedPhrase`] uses that bound twice when collecting top hits: per block,
//! from the maxima tantivy stores with each block of postings, to pass over whole blocks; and
//! per document, from the words' frequencies there, so that positions are read only where the
//! phrase could enter the top hits. Which documents match, their scores, counts and snippets
//! all still come from the query parser's own query, which it wraps unchanged, and the hits it
//! collects are those tantivy's phrase scorer ranks first. (Block maxima are computed with a
//! segment's own average length, as for tantivy's word queries, so across segments of very
//! different averages a bound can in rare cases be slightly low.)
//!
//! The same machinery ranks a lone word under filters: tantivy prunes a word's union only when
//! nothing else is required, and here filters are one required clause that the fields' cursors
//! leapfrog with.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{BlockSegmentPostings, Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, BoostQuery, EnableScoring, Explanation, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// One field's share of the phrase: its terms at their positions (one term when the field's
/// analyzer makes a single token of the phrase) and the field's boost.
#[derive(Clone, Debug)]
pub(super) struct Clause {
    pub field: Field,
    pub terms: Vec<(usize, Term)>,
    pub boost: Score,
    /// What the field's postings hold: keyword fields have no frequencies.
    pub record: IndexRecordOption,
}

impl Clause {
    /// The clause as the query parser builds it.
    fn query(&self) -> Box<dyn Query> {
        let q: Box<dyn Query> = if self.terms.len() == 1 {
            Box::new(TermQuery::new(self.terms[0].1.clone(), self.record))
        } else {
            Box::new(PhraseQuery::new_with_offset(self.terms.clone()))
        };
        if self.boost == 1.0 {
            q
        } else {
            Box::new(BoostQuery::new(q, self.boost))
        }
    }
}

/// `inner` (a union over fields of `clauses`, required to match `filter`) with
/// block-skipping top-hit collection.
#[derive(Debug)]
pub(super) struct RankedPhrase {
    pub inner: Box<dyn Query>,
    pub clauses: Vec<Clause>,
    /// What every hit must also match, without score: the request's filters together.
    pub filter: Option<Box<dyn Query>>,
}

impl Clone for RankedPhrase {
    fn clone(&self) -> Self {
        RankedPhrase {
            inner: self.inner.box_clone(),
            clauses: self.clauses.clone(),
            filter: self.filter.as_ref().map(|f| f.box_clone()),
        }
    }
}

impl Query for RankedPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(scoring)?;
        let (EnableScoring::Enabled { searcher, statistics_provider }, Some(_)) = (scoring, self.clauses.first())
        else {
            return Ok(inner);
        };
        let clauses = self
            .clauses
            .iter()
            .map(|c| {
                let terms: Vec<Term> = c.terms.iter().map(|(_, t)| t.clone()).collect();
                Ok(ClauseWeight {
                    clause: c.clone(),
                    exact: c.query().weight(scoring)?,
                    bm25: Bm25Weight::for_terms(statistics_provider, &terms)?.boost_by(c.boost),
                })
            })
            .collect::<tantivy::Result<_>>()?;
        let filter = match &self.filter {
            Some(f) => Some(f.weight(EnableScoring::disabled_from_searcher(searcher))?),
            None => None,
        };
        Ok(Box::new(RankedPhraseWeight { inner, clauses, filter }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct ClauseWeight {
    clause: Clause,
    /// Matches and scores exactly as the parser's clause does.
    exact: Box<dyn Weight>,
    /// The clause's BM25 weight (the phrase's, for a phrase), boost included.
    bm25: Bm25Weight,
}

struct RankedPhraseWeight {
    inner: Box<dyn Weight>,
    clauses: Vec<ClauseWeight>,
    filter: Option<Box<dyn Weight>>,
}

/// A clause during one segment's collection.
struct Cursor {
    exact: Box<dyn Scorer>,
    /// A phrase's terms, advanced together over the documents that have them all; empty for
    /// a single term, whose exact score is as cheap as a bound.
    terms: Vec<SegmentPostings>,
    norms: FieldNormReader,
    bm25: Bm25Weight,
    /// The clause's next candidate: a document with all its terms.
    doc: DocId,
    /// Each term's postings block by block, read for their maxima; empty where the field keeps
    /// no frequencies.
    blocks: Vec<Blocks>,
}

/// A term's current block of postings: its last document and its best score.
struct Blocks {
    postings: BlockSegmentPostings,
    /// Zero before the first block is read; `TERMINATED` once past the last.
    end: DocId,
    best: Score,
}

impl Blocks {
    fn at(&mut self, doc: DocId, norms: &FieldNormReader, bm25: &Bm25Weight) -> Option<(DocId, Score)> {
        if self.end == TERMINATED {
            return None;
        }
        if self.end == 0 || doc > self.end {
            let at = self.postings.seek(doc);
            let len = self.postings.block_len();
            if at >= len || self.postings.docs()[at] == TERMINATED {
                self.end = TERMINATED;
                return None;
            }
            self.end = self.postings.docs()[len - 1];
            self.best = self.postings.block_max_score(norms, bm25);
        }
        Some((self.end, self.best))
    }
}

impl Cursor {
    /// Moves to the first candidate at or after `target`.
    fn seek(&mut self, target: DocId) {
        if self.terms.is_empty() {
            self.doc = if self.exact.doc() < target { self.exact.seek(target) } else { self.exact.doc() };
            return;
        }
        let mut candidate = target;
        'agree: loop {
            for p in &mut self.terms {
                let d = if p.doc() < candidate { p.seek(candidate) } else { p.doc() };
                if d > candidate {
                    candidate = d;
                    if d == TERMINATED {
                        break 'agree;
                    }
                    continue 'agree;
                }
            }
            break;
        }
        self.doc = candidate;
    }

    /// From `from` on, the last document of the blocks `from` falls in and the best the clause
    /// can score up to it; `None` if a term has no documents left.
    fn block(&mut self, from: DocId) -> Option<(DocId, Score)> {
        if self.blocks.is_empty() {
            // Without frequencies a term counts once, and no document scores more than the
            // shortest could.
            return Some((TERMINATED - 1, self.bm25.score(0, 1)));
        }
        let (mut end, mut best) = (TERMINATED - 1, Score::MAX);
        for b in &mut self.blocks {
            let (e, s) = b.at(from, &self.norms, &self.bm25)?;
            end = end.min(e);
            best = best.min(s);
        }
        Some((end, best))
    }

    /// At most the clause's score at its candidate: the phrase occurs no more often than its
    /// rarest word there.
    fn bound(&mut self) -> Score {
        if self.terms.is_empty() {
            return self.exact.score();
        }
        let tf = self.terms.iter().map(|p| p.term_freq()).min().unwrap_or(0);
        self.bm25.score(self.norms.fieldnorm_id(self.doc), tf)
    }

    /// The clause's exact score at its candidate, if the phrase is there.
    fn score(&mut self) -> Option<Score> {
        let doc = self.doc;
        if self.exact.doc() < doc {
            self.exact.seek(doc);
        }
        if self.exact.doc() == doc {
            Some(self.exact.score())
        } else {
            // The phrase scorer read on to its next match; no candidate before it matches.
            let next = self.exact.doc();
            self.seek(next);
            None
        }
    }
}

impl RankedPhraseWeight {
    fn cursors(&self, reader: &SegmentReader) -> tantivy::Result<Vec<Cursor>> {
        let mut out = Vec::new();
        'clauses: for c in &self.clauses {
            let exact = c.exact.scorer(reader, 1.0)?;
            if exact.doc() == TERMINATED {
                continue;
            }
            let field = c.clause.field;
            let norms = match reader.fieldnorms_readers().get_field(field)? {
                Some(norms) => norms,
                None => FieldNormReader::constant(reader.max_doc(), 1),
            };
            let postings = reader.inverted_index(field)?;
            let mut terms = Vec::new();
            if c.clause.terms.len() > 1 {
                for (_, term) in &c.clause.terms {
                    let Some(p) = postings.read_postings(term, c.clause.record)? else { continue 'clauses };
                    terms.push(p);
                }
                // The rarest term leads the intersection.
                terms.sort_by_key(|p| p.doc_freq());
            }
            let mut blocks = Vec::new();
            if c.clause.record.has_freq() {
                for (_, term) in &c.clause.terms {
                    let Some(postings) = postings.read_block_postings(term, c.clause.record)? else {
                        continue 'clauses;
                    };
                    blocks.push(Blocks { postings, end: 0, best: 0.0 });
                }
            }
            let mut cursor = Cursor { exact, terms, norms, bm25: c.bm25.clone(), doc: 0, blocks };
            cursor.seek(0);
            out.push(cursor);
        }
        Ok(out)
    }
}

impl Weight for RankedPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.inner.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }

    fn for_each(&self, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score)) -> tantivy::Result<()> {
        self.inner.for_each(reader, callback)
    }

    fn for_each_no_score(&self, reader: &SegmentReader, callback: &mut dyn FnMut(&[DocId])) -> tantivy::Result<()> {
        self.inner.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut cursors = self.cursors(reader)?;
        let mut filter = self.filter.as_ref().map(|f| f.scorer(reader, 1.0)).transpose()?;
        loop {
            let doc = cursors.iter().map(|c| c.doc).min().unwrap_or(TERMINATED);
            if doc == TERMINATED {
                return Ok(());
            }
            // The widest range from `doc` over which each clause either cannot match (its next
            // candidate lies beyond) or stays within its current blocks, and the best score
            // there: if that cannot enter the top hits, the whole range is passed over.
            let (mut end, mut best) = (TERMINATED - 1, 0.0);
            for c in &mut cursors {
                if c.doc == TERMINATED {
                    continue;
                }
                match c.block(doc) {
                    Some((block_end, s)) if c.doc <= block_end => {
                        end = end.min(block_end);
                        best += s;
                    }
                    _ => end = end.min(c.doc - 1),
                }
            }
            let next = if best <= threshold {
                if end == TERMINATED - 1 {
                    return Ok(());
                }
                end + 1
            } else {
                match filter.as_mut().map(|f| if f.doc() < doc { f.seek(doc) } else { f.doc() }) {
                    // Leapfrog: the clauses skip to the filter's next document, and it to theirs.
                    Some(allowed) if allowed != doc => allowed,
                    _ => {
                        // Positions are read only where the words' frequencies there leave the
                        // phrase a chance.
                        let bound: Score = cursors.iter_mut().filter(|c| c.doc == doc).map(|c| c.bound()).sum();
                        if bound > threshold {
                            let mut score = None;
                            for c in cursors.iter_mut().filter(|c| c.doc == doc) {
                                if let Some(s) = c.score() {
                                    *score.get_or_insert(0.0) += s;
                                }
                            }
                            if let Some(score) = score.filter(|s| *s > threshold) {
                                threshold = callback(doc, score);
                            }
                        }
                        doc + 1
                    }
                }
            };
            if next == TERMINATED {
                return Ok(());
            }
            for c in cursors.iter_mut().filter(|c| c.doc < next) {
                c.seek(next);
            }
        }
    }
}

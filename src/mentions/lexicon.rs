//! Reading the TSV lexicons of `models/` and matching their phrases against folded text.

use crate::text::{fold, FoldedText, Span};
use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{bail, Result};

/// The data rows of a `models/` TSV file: comments (`#`) and blank lines skipped, each row split
/// on tabs and checked for at least `min_columns` columns. Errors name the file and line.
pub fn rows<'t>(name: &str, text: &'t str, min_columns: usize) -> Result<Vec<(usize, Vec<&'t str>)>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < min_columns {
            bail!("models/{name}:{}: expected {min_columns} tab-separated columns, found {}", n + 1, cols.len());
        }
        out.push((n + 1, cols));
    }
    Ok(out)
}

/// Whole-word phrase matching over folded text, leftmost-longest; each phrase carries a payload.
pub struct PhraseMatcher<T> {
    automaton: AhoCorasick,
    payloads: Vec<T>,
}

pub struct PhraseMatch<'p, T> {
    pub span: Span,
    pub folded_start: usize,
    pub payload: &'p T,
}

impl<T> PhraseMatcher<T> {
    /// `phrases` are folded before matching. Duplicate phrases keep their first payload.
    pub fn new(phrases: Vec<(String, T)>) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut patterns = Vec::new();
        let mut payloads = Vec::new();
        for (phrase, payload) in phrases {
            let folded = fold(phrase.trim());
            if !folded.is_empty() && seen.insert(folded.clone()) {
                patterns.push(folded);
                payloads.push(payload);
            }
        }
        // Every match, overlapping ones included: the longest phrase at a position may fail to end
        // on a word boundary ("ied attack" in "IED attacks") while a later one does not
        // ("attacks"), so the choice among them is made after the boundary test.
        let automaton =
            AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).expect("lexicon automaton builds");
        PhraseMatcher { automaton, payloads }
    }

    /// Whole-word matches, leftmost-longest and disjoint.
    pub fn find<'p>(&'p self, folded: &FoldedText) -> Vec<PhraseMatch<'p, T>> {
        let bytes = folded.text.as_bytes();
        let mut whole: Vec<aho_corasick::Match> = self
            .automaton
            .find_overlapping_iter(&folded.text)
            .filter(|m| is_word_start(bytes, m.start()) && is_word_end(bytes, m.end()))
            .collect();
        whole.sort_by_key(|m| (m.start(), std::cmp::Reverse(m.end()), m.pattern()));
        let mut out = Vec::new();
        let mut taken_to = 0;
        for m in whole {
            if m.start() < taken_to {
                continue;
            }
            taken_to = m.end();
            out.push(PhraseMatch {
                span: folded.original_span(m.start(), m.end()),
                folded_start: m.start(),
                payload: &self.payloads[m.pattern().as_usize()],
            });
        }
        out
    }
}

pub fn is_word_start(bytes: &[u8], at: usize) -> bool {
    at == 0
        || !(bytes[at - 1].is_ascii_alphanumeric()
            || bytes[at - 1] == b'-' && at >= 2 && bytes[at - 2].is_ascii_alphabetic())
}

pub fn is_word_end(bytes: &[u8], at: usize) -> bool {
    at == bytes.len()
        || !(bytes[at].is_ascii_alphanumeric()
            || bytes[at] == b'-' && at + 1 < bytes.len() && bytes[at + 1].is_ascii_alphabetic())
}

//! Reading the TSV lexicons of `models/` and matching their phrases against folded text.

use crate::text::{fold, FoldedText, Span};
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use anyhow::{bail, Result};

/// The entries of a `models/` list of one word or name per line: lines trimmed, blank lines and
/// `#` comments left out.
pub fn word_list(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

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
        // Searches are anchored at word starts. The longest phrase at a start may fail to end on
        // a word boundary ("ied attack" in "IED attacks") while a shorter one does not ("ied"), so
        // the search is repeated short of a failed end until a phrase ends on one.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .expect("lexicon automaton builds");
        PhraseMatcher { automaton, payloads }
    }

    /// Whole-word matches, leftmost-longest and disjoint.
    pub fn find<'p>(&'p self, folded: &FoldedText) -> Vec<PhraseMatch<'p, T>> {
        let bytes = folded.text.as_bytes();
        let mut out = Vec::new();
        let mut taken_to = 0;
        for start in 0..bytes.len() {
            if start < taken_to || !bytes[start].is_ascii_alphanumeric() || !is_word_start(bytes, start) {
                continue;
            }
            let mut end = bytes.len();
            let longest = loop {
                let input = Input::new(&folded.text).range(start..end).anchored(Anchored::Yes);
                match self.automaton.find(input) {
                    Some(m) if is_word_end(bytes, m.end()) => break Some(m),
                    Some(m) if m.end() > start + 1 => end = m.end() - 1,
                    _ => break None,
                }
            };
            if let Some(m) = longest {
                taken_to = m.end();
                out.push(PhraseMatch {
                    span: folded.original_span(m.start(), m.end()),
                    folded_start: m.start(),
                    payload: &self.payloads[m.pattern().as_usize()],
                });
            }
        }
        out
    }

    /// The parts of hyphen-joined words each of which is a whole phrase ("MSA-GATIA",
    /// "Barkhane-MINUSMA"): names a report runs together, which `find` passes over as one word.
    pub fn find_hyphen_joined<'p>(&'p self, folded: &FoldedText) -> Vec<PhraseMatch<'p, T>> {
        let bytes = folded.text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if !bytes[at].is_ascii_alphanumeric() || (at > 0 && bytes[at - 1].is_ascii_alphanumeric()) {
                at += 1;
                continue;
            }
            let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
            let word = &folded.text[at..end];
            if word.contains('-') {
                let mut parts = Vec::new();
                let mut from = at;
                for part in word.split('-') {
                    let whole = (!part.is_empty())
                        .then(|| self.automaton.find(Input::new(part).anchored(Anchored::Yes)))
                        .flatten()
                        .filter(|m| m.end() == part.len());
                    match whole {
                        Some(m) => parts.push(PhraseMatch {
                            span: folded.original_span(from, from + part.len()),
                            folded_start: from,
                            payload: &self.payloads[m.pattern().as_usize()],
                        }),
                        None => {
                            parts.clear();
                            break;
                        }
                    }
                    from += part.len() + 1;
                }
                if parts.len() >= 2 {
                    out.extend(parts);
                }
            }
            at = end.max(at + 1);
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

/// A manner adverb in "-ly" ("violently", "savagely"), which may stand between an auxiliary and
/// its verb.
pub fn is_ly_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrases: &[&str], text: &str) -> Vec<String> {
        let matcher = PhraseMatcher::new(phrases.iter().map(|p| (p.to_string(), ())).collect());
        let folded = FoldedText::new(text);
        matcher.find(&folded).iter().map(|m| m.span.of(text).to_string()).collect()
    }

    #[test]
    fn phrases_match_whole_words_longest_first() {
        let phrases = ["raid", "car bomb", "car bomb attack", "bomb", "ied", "ied attack"];
        assert_eq!(found(&phrases, "Afraid of a raid."), ["raid"]);
        assert_eq!(found(&phrases, "A car bomb attack, then a car bombing."), ["car bomb attack"]);
        // The longest phrase at "IED" ends inside "attacks": the shorter whole word is taken.
        assert_eq!(found(&phrases, "IED attacks"), ["IED"]);
        assert_eq!(found(&phrases, "Bombs and a bomb-maker's bomb."), ["bomb"]);
    }
}

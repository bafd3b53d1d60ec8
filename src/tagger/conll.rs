//! CoNLL-2003 files and conlleval-exact scoring.
//!
//! The reader takes the shared task's column format: one token a line, the word first and the
//! entity tag last, a blank line between sentences, `-DOCSTART-` lines between documents.
//! [`Evaluation`] replays conlleval's chunk logic (`startOfChunk`/`endOfChunk`, version
//! 2004-01-26) token by token, so its counts, and thus P/R/F1, are the script's own, for IOB1
//! and IOB2 tags alike.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
    /// Index of the document (`-DOCSTART-` block) the sentence belongs to.
    pub document: usize,
}

/// Sentences of a CoNLL file.
pub fn read(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    parse(&text).with_context(|| path.display().to_string())
}

pub fn parse(text: &str) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    let mut cur = Sentence { words: Vec::new(), tags: Vec::new(), document: 0 };
    let mut document = 0;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(&mut cur, Sentence { words: Vec::new(), tags: Vec::new(), document }));
            }
            if line.starts_with("-DOCSTART-") {
                document += 1;
            }
            cur.document = document;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 2 {
            bail!("line {}: expected a word and a tag", n + 1);
        }
        cur.words.push(cols[0].to_string());
        cur.tags.push(cols[cols.len() - 1].to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Precision, recall and F1 in percent, as conlleval prints them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Entities in the gold data.
    pub gold: usize,
    /// Entities predicted.
    pub found: usize,
    pub correct: usize,
}

impl Prf {
    fn new(correct: usize, found: usize, gold: usize) -> Prf {
        let precision = if found > 0 { 100.0 * correct as f64 / found as f64 } else { 0.0 };
        let recall = if gold > 0 { 100.0 * correct as f64 / gold as f64 } else { 0.0 };
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1, gold, found, correct }
    }
}

#[derive(Debug, Clone, Default)]
struct Counts {
    correct: usize,
    found: usize,
    gold: usize,
}

/// conlleval's running state over a stream of (gold, guessed) tags.
#[derive(Debug, Clone)]
pub struct Evaluation {
    by_type: BTreeMap<String, Counts>,
    total: Counts,
    tokens: usize,
    correct_tags: usize,
    in_correct: bool,
    last_correct: (String, String),
    last_guessed: (String, String),
}

impl Default for Evaluation {
    fn default() -> Self {
        Evaluation {
            by_type: BTreeMap::new(),
            total: Counts::default(),
            tokens: 0,
            correct_tags: 0,
            in_correct: false,
            last_correct: ("O".into(), String::new()),
            last_guessed: ("O".into(), String::new()),
        }
    }
}

/// `B-PER` → (`B`, `PER`); a tag without a hyphen has an empty type, as in conlleval.
fn split(tag: &str) -> (&str, &str) {
    tag.split_once('-').unwrap_or((tag, ""))
}

fn end_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    matches!((prev_tag, tag), ("B", "B") | ("B", "O") | ("I", "B") | ("I", "O") | ("E", "E") | ("E", "I") | ("E", "O"))
        || (prev_tag != "O" && prev_tag != "." && prev_type != ty)
        || prev_tag == "]"
        || prev_tag == "["
}

fn start_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    matches!((prev_tag, tag), ("B", "B") | ("I", "B") | ("O", "B") | ("O", "I") | ("E", "E") | ("E", "I") | ("O", "E"))
        || (tag != "O" && tag != "." && prev_type != ty)
        || tag == "["
        || tag == "]"
}

impl Evaluation {
    /// One token; `None` is a sentence boundary (conlleval's blank line: O against O, not
    /// counted as a token).
    pub fn add(&mut self, pair: Option<(&str, &str)>) {
        let (correct, guessed) = pair.unwrap_or(("O", "O"));
        let (c, ct) = split(correct);
        let (g, gt) = split(guessed);
        let (lc, lct) = (self.last_correct.0.as_str(), self.last_correct.1.as_str());
        let (lg, lgt) = (self.last_guessed.0.as_str(), self.last_guessed.1.as_str());
        let end_c = end_of_chunk(lc, c, lct, ct);
        let end_g = end_of_chunk(lg, g, lgt, gt);
        if self.in_correct {
            if end_c && end_g && lgt == lct {
                self.in_correct = false;
                self.total.correct += 1;
                self.by_type.entry(lct.to_string()).or_default().correct += 1;
            } else if end_c != end_g || gt != ct {
                self.in_correct = false;
            }
        }
        let start_c = start_of_chunk(lc, c, lct, ct);
        let start_g = start_of_chunk(lg, g, lgt, gt);
        if start_c && start_g && gt == ct {
            self.in_correct = true;
        }
        if start_c {
            self.total.gold += 1;
            self.by_type.entry(ct.to_string()).or_default().gold += 1;
        }
        if start_g {
            self.total.found += 1;
            self.by_type.entry(gt.to_string()).or_default().found += 1;
        }
        if pair.is_some() {
            self.tokens += 1;
            self.correct_tags += (c == g && ct == gt) as usize;
        }
        self.last_correct = (c.to_string(), ct.to_string());
        self.last_guessed = (g.to_string(), gt.to_string());
    }

    /// A sentence's gold and guessed tags, then a boundary.
    pub fn add_sentence<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], guessed: &[T]) {
        assert_eq!(gold.len(), guessed.len(), "one guess per gold tag");
        for (c, g) in gold.iter().zip(guessed) {
            self.add(Some((c.as_ref(), g.as_ref())));
        }
        self.add(None);
    }

    /// Closes a chunk still open at the end of the data, as conlleval does after its last line.
    fn finished(&self) -> (Counts, BTreeMap<String, Counts>) {
        let (mut total, mut by_type) = (self.total.clone(), self.by_type.clone());
        if self.in_correct {
            total.correct += 1;
            by_type.entry(self.last_correct.1.clone()).or_default().correct += 1;
        }
        (total, by_type)
    }

    pub fn overall(&self) -> Prf {
        let (t, _) = self.finished();
        Prf::new(t.correct, t.found, t.gold)
    }

    /// Per entity type, sorted by name; conlleval skips no type that was found or expected.
    pub fn by_type(&self) -> Vec<(String, Prf)> {
        let (_, by) = self.finished();
        by.into_iter().filter(|(k, _)| !k.is_empty()).map(|(k, c)| (k, Prf::new(c.correct, c.found, c.gold))).collect()
    }

    /// Token accuracy in percent.
    pub fn accuracy(&self) -> f64 {
        if self.tokens == 0 {
            0.0
        } else {
            100.0 * self.correct_tags as f64 / self.tokens as f64
        }
    }

    /// conlleval's report.
    pub fn report(&self) -> String {
        let o = self.overall();
        let mut s = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n",
            self.tokens, o.gold, o.found, o.correct
        );
        if self.tokens > 0 {
            s += &format!(
                "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
                self.accuracy(),
                o.precision,
                o.recall,
                o.f1
            );
        }
        for (ty, p) in self.by_type() {
            s += &format!(
                "{ty:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                p.precision, p.recall, p.f1, p.found
            );
        }
        s
    }
}

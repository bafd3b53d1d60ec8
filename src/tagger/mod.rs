//! Statistical entity tagging: persons, organisations, places and other names (PER, ORG, LOC,
//! MISC) that no lexicon of `models/` knows, found by a model trained on CoNLL-2003.
//!
//! # Why a structured averaged perceptron rather than a CRF
//!
//! Both are linear-chain models over the same sparse features, decoded by the same Viterbi, and
//! on CoNLL-2003 they land within a few tenths of a point of each other once the features are
//! good; the features, not the loss, decide the score. The perceptron wins on everything else
//! this project cares about:
//! - training is a Viterbi pass and an integer update per sentence, no forward-backward, no
//!   line search: an epoch over the 204k training tokens takes under a second on one core, so
//!   several seeded runs, each with per-epoch dev F1 and early stopping, fit in well under a
//!   minute, and their weights averaged cancel much of what the shuffle order alone decided;
//! - it is deterministic by construction (integer updates, seeded shuffles), with no learning
//!   rate, regulariser or convergence tolerance to tune;
//! - averaging leaves most hashed weights at or near zero, which quantises to `i16` and
//!   compresses well: the 36 MB weight table ships in a 5 MB file.
//!
//! What a CRF would add, calibrated marginals, nothing downstream reads yet.
//!
//! # Layout
//! - [`features`]: per-token feature hashing into a fixed-size table, the lexicons (word
//!   clusters, gazetteer phrases) the features consult, and the document context (capitals,
//!   neighbours and earlier predictions of each word);
//! - [`perceptron`]: the label scheme, Viterbi under BIO constraints, training;
//! - [`model`]: the binary model file;
//! - [`conll`]: the CoNLL-2003 reader and conlleval-exact scoring.
//!
//! Other backends (a transformer) implement [`EntityTagger`] and replace this one without
//! touching the extractor, which sees only [`EntitySpan`]s.

pub mod conll;
pub mod features;
pub mod model;
pub mod perceptron;

use crate::text::{Document, Span};
use serde::{Deserialize, Serialize};

pub use features::{DocContext, Lexicons};
pub use model::{ModelInfo, RunInfo};
pub use perceptron::{PerceptronTagger, TrainOptions};

/// The four CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [EntityType::Per, EntityType::Org, EntityType::Loc, EntityType::Misc];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => EntityType::Per,
            "ORG" => EntityType::Org,
            "LOC" => EntityType::Loc,
            "MISC" => EntityType::Misc,
            _ => return None,
        })
    }
}

impl std::fmt::Display for EntityType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One token's tag in the BIO (IOB2) scheme: every entity opens with `B`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntityType),
    I(EntityType),
}

impl Tag {
    pub fn entity(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }

    /// `B-PER`, `I-LOC`, `O`.
    pub fn parse(s: &str) -> Option<Self> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (prefix, ty) = s.split_once('-')?;
        let ty = EntityType::parse(ty)?;
        match prefix {
            "B" => Some(Tag::B(ty)),
            "I" => Some(Tag::I(ty)),
            _ => None,
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{t}"),
            Tag::I(t) => write!(f, "I-{t}"),
        }
    }
}

/// A named entity: a byte range of the article and its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySpan {
    pub span: Span,
    pub label: EntityType,
}

/// A sequence tagger over one sentence's words. Implementations are loaded once and shared
/// read-only across worker threads.
pub trait EntityTagger: Send + Sync {
    /// One BIO tag per word; never `I-X` except after `B-X` or `I-X`.
    fn tag(&self, words: &[&str]) -> Vec<Tag>;

    /// The sentences of one document, in order. A tagger that reads the whole document (how a
    /// word is written elsewhere in it) overrides this; by default sentences are independent.
    fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        sentences.iter().map(|s| self.tag(s)).collect()
    }
}

/// Entities as token ranges `[start, end)` with their type. An `I-X` that does not continue an
/// `X` entity opens one, as conlleval reads it, so no tagger output is ever dropped.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (Tag::I(t), Some((_, o))) if t == o);
        if continues {
            continue;
        }
        if let Some((start, ty)) = open.take() {
            out.push((start, i, ty));
        }
        if let Some(ty) = tag.entity() {
            open = Some((i, ty));
        }
    }
    if let Some((start, ty)) = open {
        out.push((start, tags.len(), ty));
    }
    out
}

/// The entities of a document, sentence by sentence, as byte spans of the article: each entity
/// runs from its first token's start to its last token's end.
pub fn tag_document(tagger: &dyn EntityTagger, doc: &Document) -> Vec<EntitySpan> {
    tag_sentences(tagger, doc, &(0..doc.sentences.len()).collect::<Vec<_>>())
}

/// As [`tag_document`], over some of the document's sentences (indices in order), read together
/// as one document.
pub fn tag_sentences(tagger: &dyn EntityTagger, doc: &Document, chosen: &[usize]) -> Vec<EntitySpan> {
    let words: Vec<Vec<&str>> =
        chosen.iter().map(|&s| doc.tokens_of(s).iter().map(|t| t.span.of(doc.text)).collect()).collect();
    let mut out = Vec::new();
    for (&s, tags) in chosen.iter().zip(tagger.tag_document(&words)) {
        let tokens = doc.tokens_of(s);
        for (start, end, label) in chunks(&tags) {
            out.push(EntitySpan { span: Span::new(tokens[start].span.start, tokens[end - 1].span.end), label });
        }
    }
    out
}

#[cfg(test)]
mod tests;

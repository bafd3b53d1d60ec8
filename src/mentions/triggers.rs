//! Event triggers from `models/triggers.tsv`: words and phrases that report an event, typed.

use super::lexicon::{rows, PhraseMatcher};
use super::vocab::EventType;
use crate::models::Models;
use crate::text::{Document, Span};
use anyhow::{bail, Context, Result};

/// How a trigger form reports its event; see the header of `models/triggers.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerClass {
    Past,
    Noun,
    Plural,
    Present,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TriggerMention {
    pub span: Span,
    pub event_type: EventType,
    pub class: TriggerClass,
    pub rank: u8,
    /// The ACLED sub-event type this trigger decides, for categories SCHEMA's `event_type` lumps
    /// into `other` ("Disrupted weapons use", "Agreement").
    pub acled_sub: Option<std::sync::Arc<str>>,
}

pub struct TriggerLexicon {
    matcher: PhraseMatcher<(EventType, TriggerClass, u8, Option<std::sync::Arc<str>>)>,
}

impl TriggerLexicon {
    pub fn from_models(models: &Models) -> Result<Self> {
        let text = models.text("triggers.tsv")?;
        let mut phrases = Vec::new();
        for (line, c) in rows("triggers.tsv", &text, 4)? {
            let event_type: EventType =
                c[1].parse().map_err(anyhow::Error::msg).with_context(|| format!("models/triggers.tsv:{line}"))?;
            let class = match c[2] {
                "past" => TriggerClass::Past,
                "noun" => TriggerClass::Noun,
                "plural" => TriggerClass::Plural,
                "present" => TriggerClass::Present,
                other => bail!("models/triggers.tsv:{line}: unknown class {other:?}"),
            };
            let rank: u8 = c[3].parse().with_context(|| format!("models/triggers.tsv:{line}: rank"))?;
            let sub: Option<std::sync::Arc<str>> = c.get(4).filter(|s| !s.is_empty()).map(|s| (*s).into());
            for form in c[0].split('|').filter(|s| !s.is_empty()) {
                phrases.push((form.to_string(), (event_type, class, rank, sub.clone())));
            }
        }
        Ok(TriggerLexicon { matcher: PhraseMatcher::new(phrases) })
    }

    pub fn find(&self, doc: &Document) -> Vec<TriggerMention> {
        self.matcher
            .find(&doc.folded)
            .into_iter()
            .filter(|m| !modifies_a_noun(doc, m.span))
            .filter(|m| {
                // A capitalised trigger inside a sentence is a name ("Operation Attack", "Boko Haram's
                // Strike Force"), unless the whole line is a title-case headline.
                let surface = m.span.of(doc.text);
                // (An acronym such as "IED" is written in capitals anywhere.)
                let acronym = surface.len() > 1 && surface.chars().all(|c| !c.is_lowercase());
                let first_upper = surface.chars().next().is_some_and(char::is_uppercase) && !acronym;
                !first_upper
                    || doc.casing.is_degraded()
                    || sentence_initial(doc, m.span.start)
                    || in_title_case_line(doc, m.span)
            })
            .map(|m| TriggerMention {
                span: m.span,
                event_type: m.payload.0,
                class: m.payload.1,
                rank: m.payload.2,
                acled_sub: m.payload.3.clone(),
            })
            .collect()
    }
}

fn sentence_initial(doc: &Document, at: usize) -> bool {
    doc.sentence_at(at).is_some_and(|s| {
        let sent = &doc.sentences[s];
        doc.text[sent.span.start..at].chars().all(|c| !c.is_alphanumeric())
    })
}

fn in_title_case_line(doc: &Document, span: Span) -> bool {
    let Some(s) = doc.sentence_at(span.start) else { return false };
    let words: Vec<&str> = doc.tokens_of(s).iter().map(|t| t.span.of(doc.text)).filter(|w| w.len() > 3).collect();
    words.len() >= 2 && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()))
}

/// "assault rifles", "attack helicopters", "14 wounded soldiers": an event word used as a
/// modifier reports no event.
fn modifies_a_noun(doc: &Document, span: Span) -> bool {
    let before = doc.tokens.partition_point(|t| t.span.start < span.start);
    let participle = matches!(
        span.of(doc.text).to_lowercase().as_str(),
        "wounded" | "injured" | "killed" | "abducted" | "kidnapped"
    );
    if participle && before > 0 {
        let prev = doc.tokens[before - 1];
        let w = prev.span.of(doc.text).to_lowercase();
        if prev.shape == crate::text::TokenShape::Number
            || matches!(w.as_str(), "the" | "a" | "an" | "two" | "three" | "four" | "five" | "six" | "several" | "of")
        {
            return true;
        }
    }
    let i = doc.tokens.partition_point(|t| t.span.start < span.end);
    doc.tokens.get(i).is_some_and(|t| {
        matches!(
            t.span.of(doc.text).to_lowercase().as_str(),
            "rifle"
                | "rifles"
                | "helicopter"
                | "helicopters"
                | "aircraft"
                | "drone"
                | "drones"
                | "dog"
                | "dogs"
                | "boat"
                | "boats"
                | "craft"
                | "weapons"
                | "weapon"
                | "vehicle"
                | "vehicles"
                | "jets"
                | "jet"
                | "submarine"
                | "squad"
                | "squads"
                | "unit"
                | "units"
                | "gear"
                | "warning"
                | "alert"
                | "victims"
                | "survivors"
                | "site"
                | "tubes"
                | "tube"
                | "launcher"
                | "launchers"
                | "crews"
                | "crew"
        )
    })
}

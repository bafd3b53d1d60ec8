//! Event triggers from `models/triggers.tsv`: words and phrases that report an event, typed.

use super::cues::{Cue, CueMention};
use super::lexicon::{rows, PhraseMatch, PhraseMatcher};
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

/// Where a trigger's required cue must lie, from its token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// In the words after it, within its clause: the object ("captured the town").
    Next,
    /// A few words either side, within its clause: "seized 20 rifles", "rifles were seized".
    Near,
    /// Anywhere in its sentence.
    Sentence,
}

/// A trigger row's context condition (the sixth column of `models/triggers.tsv`): a cue class
/// that must (or, with `!`, must not) be found in the scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Condition {
    negated: bool,
    scope: Scope,
    cue: Cue,
}

impl std::str::FromStr for Condition {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (negated, s) = match s.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (scope, cue) = s.split_once(':').ok_or_else(|| format!("{s:?}: expected scope:cue"))?;
        let scope = match scope {
            "next" => Scope::Next,
            "near" => Scope::Near,
            "sentence" => Scope::Sentence,
            other => return Err(format!("unknown scope {other:?} (next, near, sentence)")),
        };
        Ok(Condition { negated, scope, cue: cue.parse()? })
    }
}

/// A trigger form found in a text, with its readings.
pub type TriggerWord<'l> = PhraseMatch<'l, Vec<Reading>>;

/// A document's trigger words, not yet read, and its headline labels, which need no reading.
pub struct TriggerWords<'l> {
    words: Vec<TriggerWord<'l>>,
    labels: Vec<TriggerMention>,
}

/// One reading of a trigger form.
#[derive(Debug, Clone)]
pub struct Reading {
    event_type: EventType,
    class: TriggerClass,
    rank: u8,
    sub: Option<std::sync::Arc<str>>,
    condition: Option<Condition>,
}

/// How many words a `next` or `near` condition looks across.
const REACH: usize = 7;

pub struct TriggerLexicon {
    /// Each form's readings, conditional ones first (in file order), then the plain one.
    matcher: PhraseMatcher<Vec<Reading>>,
    /// Headline labels (folded) and the event each names (`models/labels.tsv`).
    labels: std::collections::HashMap<String, (EventType, std::sync::Arc<str>)>,
}

/// The rank of a headline label: the brief's own word for its event outranks any verb in it.
const LABEL_RANK: u8 = 100;

impl TriggerLexicon {
    pub fn from_models(models: &Models) -> Result<Self> {
        let text = models.text("triggers.tsv")?;
        let mut readings: Vec<(String, Vec<Reading>)> = Vec::new();
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
            let condition: Option<Condition> = match c.get(5).filter(|s| !s.is_empty()) {
                Some(s) => {
                    Some(s.parse().map_err(anyhow::Error::msg).with_context(|| format!("models/triggers.tsv:{line}"))?)
                }
                None => None,
            };
            for form in c[0].split('|').filter(|s| !s.is_empty()) {
                let reading = Reading { event_type, class, rank, sub: sub.clone(), condition };
                let key = crate::text::fold(form.trim());
                match readings.iter_mut().find(|(k, _)| *k == key) {
                    // A plain reading of a form stands alone: a second plain row adds nothing.
                    Some((_, rs)) if condition.is_some() || rs.iter().all(|r| r.condition.is_some()) => {
                        rs.push(reading)
                    }
                    Some(_) => {}
                    None => readings.push((key, vec![reading])),
                }
            }
        }
        for (_, rs) in &mut readings {
            rs.sort_by_key(|r| r.condition.is_none());
        }
        let text = models.text("labels.tsv")?;
        let mut labels = std::collections::HashMap::new();
        for (line, c) in rows("labels.tsv", &text, 3)? {
            let event_type: EventType =
                c[1].parse().map_err(anyhow::Error::msg).with_context(|| format!("models/labels.tsv:{line}"))?;
            for form in c[0].split('|').filter(|s| !s.is_empty()) {
                labels.insert(crate::text::fold(form.trim()), (event_type, std::sync::Arc::<str>::from(c[2])));
            }
        }
        Ok(TriggerLexicon { matcher: PhraseMatcher::new(readings), labels })
    }

    /// Headline labels that open sentences ("Property destruction: On March 11, …"), as triggers.
    fn labels(&self, doc: &Document) -> Vec<TriggerMention> {
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            let text = sentence.span.of(doc.text);
            let Some((head, _)) = text.split_once(':') else { continue };
            let Some((event_type, sub)) = self.labels.get(crate::text::fold(head).trim()) else { continue };
            let start = sentence.span.start + (head.len() - head.trim_start().len());
            out.push(TriggerMention {
                span: Span::new(start, sentence.span.start + head.trim_end().len()),
                event_type: *event_type,
                class: TriggerClass::Past,
                rank: LABEL_RANK,
                acled_sub: Some(sub.clone()),
            });
        }
        out
    }

    /// The trigger words of a document, not yet read: [`Self::read`] chooses each one's reading,
    /// so the text is searched once however many times the readings are chosen. A word inside a
    /// headline label is the label's.
    pub fn words<'l>(&'l self, doc: &Document) -> TriggerWords<'l> {
        let labels = self.labels(doc);
        let words = self
            .matcher
            .find(&doc.folded)
            .into_iter()
            .filter(|m| !labels.iter().any(|l| l.span.overlaps(m.span)))
            .filter(|m| !modifies_a_noun(doc, m.span))
            .filter(|m| {
                // A capitalised trigger inside a sentence is a name ("Operation Attack", "Boko Haram's
                // Strike Force", "a March 2018 report"), unless the whole line is a title-case headline.
                let surface = m.span.of(doc.text);
                // (An acronym such as "IED" is written in capitals anywhere.)
                let capitalised = |w: &str| {
                    let acronym = w.len() > 1 && w.chars().all(|c| !c.is_lowercase());
                    w.chars().next().is_some_and(char::is_uppercase) && !acronym
                };
                let mut words = surface.split_whitespace();
                let first_upper = words.next().is_some_and(capitalised);
                let inner_upper = words.any(capitalised);
                doc.casing.is_degraded()
                    || in_title_case_line(doc, m.span)
                    || !(inner_upper || first_upper && !sentence_initial(doc, m.span.start))
            })
            .collect();
        TriggerWords { words, labels }
    }

    /// Triggers of a document, each in the first of its readings whose condition the cues meet.
    pub fn read(&self, doc: &Document, found: &TriggerWords<'_>, cues: &[CueMention]) -> Vec<TriggerMention> {
        let mut out: Vec<TriggerMention> = found
            .words
            .iter()
            .filter_map(|m| {
                let r = m.payload.iter().find(|r| r.condition.is_none_or(|c| holds(doc, cues, m.span, c)))?;
                Some(TriggerMention {
                    span: m.span,
                    event_type: r.event_type,
                    class: r.class,
                    rank: r.rank,
                    acled_sub: r.sub.clone(),
                })
            })
            .collect();
        out.extend(found.labels.iter().cloned());
        out.sort_by_key(|t| t.span.start);
        out
    }
}

/// Whether a cue of the condition's class lies in its scope around `span`.
fn holds(doc: &Document, cues: &[CueMention], span: Span, c: Condition) -> bool {
    let Some(s) = doc.sentence_at(span.start) else { return c.negated };
    let sentence = doc.sentences[s].span;
    let toks = doc.tokens_of(s);
    let breaks = |t: &crate::text::Token| matches!(t.span.of(doc.text), ";" | ":" | ".");
    let scope = match c.scope {
        Scope::Sentence => sentence,
        Scope::Next | Scope::Near => {
            let after = toks.iter().position(|t| t.span.start >= span.end).unwrap_or(toks.len());
            // The object ends at an instrument or a place: "destroyed a vehicle with an IED",
            // "recovered cattle stolen in the village".
            let end = toks[after..]
                .iter()
                .take(REACH)
                .take_while(|t| {
                    !breaks(t)
                        && !matches!(
                            t.span.of(doc.text).to_lowercase().as_str(),
                            "with" | "in" | "at" | "near" | "during" | "after" | "while" | "when"
                        )
                })
                .last()
                .map_or(span.end, |t| t.span.end);
            let start = if c.scope == Scope::Near {
                let before = toks.iter().position(|t| t.span.start >= span.start).unwrap_or(toks.len());
                toks[..before]
                    .iter()
                    .rev()
                    .take(REACH)
                    .take_while(|t| !breaks(t))
                    .last()
                    .map_or(span.start, |t| t.span.start)
            } else {
                span.end
            };
            Span::new(start, end)
        }
    };
    let found = cues.iter().any(|q| q.cue == c.cue && scope.contains(q.span) && !q.span.overlaps(span));
    found != c.negated
}

/// Whether a word opens its sentence, or the clause after a colon ("Looting: Gunmen stole …").
fn sentence_initial(doc: &Document, at: usize) -> bool {
    doc.sentence_at(at).is_some_and(|s| {
        let sent = &doc.sentences[s];
        let before = &doc.text[sent.span.start..at];
        before.chars().all(|c| !c.is_alphanumeric()) || before.trim_end().ends_with(':')
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
        "wounded"
            | "injured"
            | "killed"
            | "abducted"
            | "kidnapped"
            | "occupied"
            | "liberated"
            | "captured"
            | "recaptured"
            | "seized"
            | "destroyed"
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
    // "the occupied territories", "an occupied city": an adjective, unless an object follows
    // ("occupied the town", "occupied three posts", "occupied Kidal").
    if span.of(doc.text).eq_ignore_ascii_case("occupied")
        && doc.tokens.get(i).is_some_and(|t| {
            let w = t.span.of(doc.text);
            w.chars().next().is_some_and(char::is_lowercase)
                && t.shape != crate::text::TokenShape::Number
                && !matches!(
                    w,
                    "the"
                        | "a"
                        | "an"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "two"
                        | "three"
                        | "several"
                        | "parts"
                        | "part"
                        | "most"
                        | "much"
                        | "all"
                        | "large"
                        | "key"
                        | "strategic"
                )
        })
    {
        return true;
    }
    // "riot police", "riot gear": the force that answers a riot, not one.
    if span.of(doc.text).eq_ignore_ascii_case("riot")
        && doc.tokens.get(i).is_some_and(|t| {
            matches!(t.span.of(doc.text).to_lowercase().as_str(), "police" | "policemen" | "officers" | "control")
        })
    {
        return true;
    }
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
                // "chemical weapons facilities", "a weapons programme": things, not events.
                | "facilities"
                | "facility"
                | "program"
                | "programme"
                | "programs"
                | "stockpile"
                | "stockpiles"
                | "inspectors"
                | "watchdog"
                | "convention"
        )
    })
}

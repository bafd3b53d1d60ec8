//! Stage 3 — `mentions`: a [`Document`] becomes typed spans — places, actors, event triggers,
//! tactics, numbers tied to what they count, and dates.
//!
//! Every lexicon is data in `models/`; [`MentionFinder`] loads them once and is shared read-only.

pub mod actors;
pub mod counts;
pub mod cues;
pub mod dates;
pub mod entities;
pub mod gazetteer;
pub mod lexicon;
pub mod modality;
pub mod places;
pub mod quantities;
pub mod speech;
pub mod tactics;
pub mod triggers;
pub mod vocab;

use crate::models::Models;
use crate::text::{Document, Span};
use anyhow::Result;

pub use actors::{ActorLexicon, ActorMention, RoleHint, UNIDENTIFIED};
pub use counts::{CountMention, Counted};
pub use cues::{Cue, CueLexicon, CueMention};
pub use dates::{DateMention, DatePrecision, DateValue};
pub use entities::Taggers;
pub use gazetteer::{Gazetteer, Place, PlaceId, PlaceKind};
pub use places::{clear_country, feed_country, CountryContext, FeedMap, PlaceMention, FEED_ARTICLES};
pub use quantities::Qualifier;
pub use tactics::{TacticLexicon, TacticMention};
pub use triggers::{TriggerClass, TriggerLexicon, TriggerMention};
pub use vocab::{ActorKind, EventType, Tactic};

/// Everything found in one document, each list sorted by position.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    pub places: Vec<PlaceMention>,
    pub country_context: CountryContext,
    pub actors: Vec<ActorMention>,
    /// Names the entity tagger found in sentences that report an event.
    pub entities: Vec<crate::tagger::EntitySpan>,
    pub triggers: Vec<TriggerMention>,
    /// Context cues (weapons named, protesters throwing stones, a flood), sorted by position.
    pub cues: Vec<CueMention>,
    pub tactics: Vec<TacticMention>,
    pub dates: Vec<DateMention>,
    /// Counts per sentence, indexed like `Document::sentences`.
    pub counts: Vec<Vec<CountMention>>,
    /// Spans of mentions that report nothing real (speculation, warnings, infinitives).
    pub irrealis: Vec<Span>,
}

pub struct MentionFinder {
    pub gazetteer: Gazetteer,
    pub actors: ActorLexicon,
    pub triggers: TriggerLexicon,
    pub cues: CueLexicon,
    pub tactics: TacticLexicon,
    pub taggers: Taggers,
}

impl MentionFinder {
    pub fn from_models(models: &Models) -> Result<Self> {
        Ok(MentionFinder {
            gazetteer: Gazetteer::from_models(models)?,
            actors: ActorLexicon::from_models(models)?,
            triggers: TriggerLexicon::from_models(models)?,
            cues: CueLexicon::from_models(models)?,
            tactics: TacticLexicon::from_models(models)?,
            taggers: Taggers::from_models(models)?,
        })
    }

    pub fn find(&self, doc: &Document) -> Mentions {
        let cues = self.cues.find(doc);
        // The tagger reads the sentences that report an event; which reading each trigger takes
        // waits for the places, so this first pass reads the cues alone.
        let trigger_words = self.triggers.words(doc);
        let candidates = self.triggers.read(doc, &trigger_words, &cues);
        let entities = self.taggers.find(doc, &candidates, &cues);
        let mut actors = self.actors.find(doc, &self.gazetteer);
        let (mut places, country_context) = places::find(doc, &self.gazetteer, &actors, &entities);
        places::mark_grievance_topics(doc, &cues, &mut places);
        actors.extend(entities::actors(doc, &entities, &actors, &places, &cues));
        actors.sort_by_key(|a| a.span.start);
        // A place named after a verb of capture is territory, as "the town" is.
        let mut context = cues.clone();
        context.extend(
            places.iter().filter(|p| !p.is_reference).map(|p| CueMention { span: p.span, cue: Cue::Territory }),
        );
        let triggers = self.triggers.read(doc, &trigger_words, &context);
        let tactics = self.tactics.find(doc);
        let mut dates = Vec::new();
        for s in &doc.sentences {
            dates.extend(dates::find_dates(s.span.of(doc.text), s.span.start, doc.published));
        }
        let blocked: Vec<Span> = dates.iter().map(|d| d.span).collect();
        let counts = (0..doc.sentences.len()).map(|i| counts::find(doc, i, &actors, &blocked)).collect();
        let irrealis = triggers
            .iter()
            .map(|t| t.span)
            .chain(tactics.iter().map(|t| t.span))
            .filter(|&s| modality::is_irrealis(doc, s))
            .collect();
        Mentions { places, country_context, actors, entities, triggers, cues, tactics, dates, counts, irrealis }
    }
}

#[cfg(test)]
mod tests;

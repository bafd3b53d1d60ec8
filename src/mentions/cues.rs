//! Context cues from `models/cues.tsv`: words that say what kind of situation a sentence is in
//! (weapons named, a town taken, protesters throwing stones, a flood, a traffic accident) without
//! reporting an event themselves. Triggers may require one near them; the incidents stage reads
//! them to tell a protest's escalation, a weapon's kind, and events that are no conflict at all.

use super::lexicon::{rows, PhraseMatcher};
use crate::models::Models;
use crate::text::{Document, Span};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

super::vocab::vocabulary!(
    /// A class of context cue; see the header of `models/cues.tsv`.
    Cue {
        Weapon = "weapon", Territory = "territory", Base = "base", Chemical = "chemical",
        ProtestWord = "protest_word", ProtesterViolence = "protester_violence", LethalForce = "lethal_force",
        Intervention = "intervention", Mob = "mob", NoResistance = "no_resistance", Withdrawal = "withdrawal",
        Disaster = "disaster", Accident = "accident", Crime = "crime", Hostile = "hostile",
        Projectile = "projectile", Accord = "accord", GroundFight = "ground_fight", VictimList = "victim_list",
        Grievance = "grievance",
    }
);

#[derive(Debug, Clone, PartialEq)]
pub struct CueMention {
    pub span: Span,
    pub cue: Cue,
}

pub struct CueLexicon {
    /// Each phrase's classes ("live rounds" is a weapon and, fired at a crowd, lethal force).
    matcher: PhraseMatcher<Vec<Cue>>,
}

impl CueLexicon {
    pub fn from_models(models: &Models) -> Result<Self> {
        let text = models.text("cues.tsv")?;
        let mut phrases: Vec<(String, Vec<Cue>)> = Vec::new();
        for (line, c) in rows("cues.tsv", &text, 2)? {
            let cue: Cue =
                c[0].parse().map_err(anyhow::Error::msg).with_context(|| format!("models/cues.tsv:{line}"))?;
            for form in c[1].split('|').filter(|s| !s.is_empty()) {
                let key = crate::text::fold(form.trim());
                match phrases.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, cues)) if !cues.contains(&cue) => cues.push(cue),
                    Some(_) => {}
                    None => phrases.push((key, vec![cue])),
                }
            }
        }
        Ok(CueLexicon { matcher: PhraseMatcher::new(phrases) })
    }

    pub fn find(&self, doc: &Document) -> Vec<CueMention> {
        self.matcher
            .find(&doc.folded)
            .into_iter()
            .flat_map(|m| m.payload.iter().map(move |&cue| CueMention { span: m.span, cue }))
            .collect()
    }
}

/// Whether a cue of `cue` lies within `span`.
pub fn any_in(cues: &[CueMention], cue: Cue, span: Span) -> bool {
    cues.iter().any(|c| c.cue == cue && span.contains(c.span))
}

//! The incident record: SCHEMA.md's output contract, field for field.

use crate::mentions::{ActorKind, DatePrecision, EventType, Qualifier, Tactic};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub article_id: String,
    pub event_type: EventType,
    pub acled: Acled,
    pub gtd_attack_type: Option<String>,
    pub date: Option<IncidentDate>,
    pub location: Option<Location>,
    pub perpetrators: Vec<Actor>,
    pub targets: Vec<Actor>,
    pub casualties: Casualties,
    pub tactics: Vec<Tactic>,
    pub weapons_seized: Vec<SeizedItem>,
    /// The weapons the text names for the violence itself, as written ("sticks of dynamite",
    /// "rifles"); arms seized are in `weapons_seized`.
    #[serde(default)]
    pub weapons_used: Vec<String>,
    /// The words by which the text reports a claim of responsibility for the incident ("JNIM
    /// claimed the attack", "took credit for the bombing"), as GTD's `claimed` records one;
    /// `null` when it reports none or says that no one has claimed it.
    #[serde(default)]
    pub claim: Option<Quote>,
    pub historical: bool,
    pub aggregate: bool,
    pub trigger: Quote,
    pub evidence: Vec<Evidence>,
    pub confidence: f64,
    /// Carried through from the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acled {
    pub event_type: String,
    pub sub_event_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentDate {
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: DatePrecision,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub admin1: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    /// `exact, city, admin2, admin1, country, unknown`.
    pub precision: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub canonical: Option<String>,
    pub kind: ActorKind,
    /// How the text describes them when it says more than their name: "FMLN guerrillas",
    /// "members of the ELN", or the "urban commandos" it calls a named group's people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Casualties {
    pub killed: Option<Count>,
    pub wounded: Option<Count>,
    pub hostages: Option<Count>,
    pub victim_kind: Option<ActorKind>,
    pub breakdown: Vec<BreakdownRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub low: Option<u64>,
    pub best: Option<u64>,
    pub high: Option<u64>,
    pub qualifier: Qualifier,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    pub kind: ActorKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub killed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wounded: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeizedItem {
    pub item: String,
    pub count: Option<u64>,
}

/// Words of the text as written, with their UTF-8 byte offsets (end exclusive): an incident's
/// trigger, its claim of responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
}

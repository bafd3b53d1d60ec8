//! Names no lexicon knows: persons, organisations and places found by the statistical entity
//! tagger ([`crate::tagger`]), turned into actor and place candidates for the other finders.
//!
//! The tagger reads only sentences that report an event (those holding a trigger): names
//! elsewhere in an article (sources, background, bylines) never reach a record, and skipping them
//! keeps extraction fast. A text whose capitals carry nothing (wire copy in capitals, lowercased
//! dumps) is tagged by the caseless model.

use super::actors::{ActorMention, RoleHint};
use super::cues::{Cue, CueMention};
use super::places::PlaceMention;
use super::triggers::TriggerMention;
use super::vocab::ActorKind;
use crate::models::Models;
use crate::tagger::{tag_sentences, EntitySpan, EntityTagger, EntityType, PerceptronTagger};
use crate::text::{fold, Document, Span};
use anyhow::Result;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The tagger backends, one for text with reliable capitals and one for text without.
pub struct Taggers {
    cased: Box<dyn EntityTagger>,
    /// Most feeds never hold a text without capitals, so that model is read on first need (from
    /// `caseless_path`); its file is checked when the pipeline is built, so a missing model fails
    /// there and not mid-run.
    caseless: OnceLock<Box<dyn EntityTagger>>,
    caseless_path: PathBuf,
}

impl Taggers {
    pub fn new(cased: Box<dyn EntityTagger>, caseless: Box<dyn EntityTagger>) -> Self {
        Taggers { cased, caseless: OnceLock::from(caseless), caseless_path: PathBuf::new() }
    }

    /// `tagger.bin` and `tagger-caseless.bin` of `models/`.
    pub fn from_models(models: &Models) -> Result<Self> {
        let caseless_path = models.path("tagger-caseless.bin");
        PerceptronTagger::read_info(&caseless_path)?;
        Ok(Taggers {
            cased: Box::new(PerceptronTagger::load(&models.path("tagger.bin"))?),
            caseless: OnceLock::new(),
            caseless_path,
        })
    }

    fn caseless(&self) -> &dyn EntityTagger {
        self.caseless
            .get_or_init(|| match PerceptronTagger::load(&self.caseless_path) {
                Ok(t) => Box::new(t),
                Err(e) => panic!("{e:#} (it was readable when the run began)"),
            })
            .as_ref()
    }

    /// The entities of the sentences that hold a trigger or name an event's victims ("the
    /// victims were identified as …"), in text order.
    pub fn find(&self, doc: &Document, triggers: &[TriggerMention], cues: &[CueMention]) -> Vec<EntitySpan> {
        let victim_lists = cues.iter().filter(|c| c.cue == Cue::VictimList).map(|c| c.span);
        let mut chosen: Vec<usize> =
            triggers.iter().map(|t| t.span).chain(victim_lists).filter_map(|s| doc.sentence_at(s.start)).collect();
        chosen.sort_unstable();
        chosen.dedup();
        let tagger = if doc.casing.is_degraded() { self.caseless() } else { self.cased.as_ref() };
        tag_sentences(tagger, doc, &chosen)
    }
}

/// Head words that say what kind of organisation a name is ("Azawad Liberation Front",
/// "Niger State Police").
const GROUP_WORDS: &[&str] = &[
    "front",
    "movement",
    "liberation",
    "brigade",
    "brigades",
    "battalion",
    "militia",
    "jihad",
    "mujahideen",
    "rebels",
    "commandos",
    "guerrillas",
    "insurgents",
    "islamic",
    "group",
    "cartel",
    "coalition",
    "alliance",
    "platform",
];
const POLICE_WORDS: &[&str] = &["police", "gendarmerie", "gendarmes"];
const MILITARY_WORDS: &[&str] = &["army", "forces", "military", "guard", "navy", "air"];

/// Words that end a place's name ("Chalatenango department", "Guevaras hamlet"): a name the
/// tagger took for a group or a person is a place when it ends so.
const PLACE_HEADS: &[&str] = &[
    "department",
    "province",
    "region",
    "district",
    "canton",
    "hamlet",
    "village",
    "town",
    "city",
    "municipality",
    "jurisdiction",
    "county",
    "commune",
    "corregimiento",
    "neighborhood",
    "neighbourhood",
    "hill",
    "hills",
    "volcano",
];
/// Words that open a place's name in the Spanish toponymy of a town's quarters, its streets and
/// its landscape ("Ciudad Delgado", "Colonia Escandia", "Cerro Nanzal", "Alameda Juan Pablo"),
/// and of towns named after a saint or a port ("San Isidro", "Puerto Lempira"): a name the
/// tagger took for a person or a group is a place when it opens so.
const PLACE_OPENERS: &[&str] = &[
    "ciudad",
    "colonia",
    "barrio",
    "reparto",
    "urbanizacion",
    "cerro",
    "serrania",
    "sierra",
    "loma",
    "llano",
    "valle",
    "jardin",
    "hacienda",
    "caserio",
    "canton",
    "municipio",
    "alameda",
    "avenida",
    "calle",
    "carretera",
    "rio",
    "lago",
    "laguna",
    "san",
    "santa",
    "puerto",
];
/// Words that make a name a weapon's ("Dragunov rifle", "RPG-7 launcher").
const WEAPON_WORDS: &[&str] = &[
    "rifle",
    "rifles",
    "launcher",
    "launchers",
    "gun",
    "guns",
    "machinegun",
    "machineguns",
    "pistol",
    "pistols",
    "grenade",
    "grenades",
    "mortar",
    "mortars",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "automatic",
    "carbine",
    "helicopter",
    "helicopters",
];

fn last_word(s: &str) -> String {
    s.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase()
}

/// Whether a tagged group or person is in fact a place ("Chalatenango department").
pub fn is_place_name(doc: &Document, e: &EntitySpan) -> bool {
    let name = e.span.of(doc.text);
    let first = fold(name.split_whitespace().next().unwrap_or(""));
    matches!(e.label, EntityType::Org | EntityType::Per)
        && (PLACE_HEADS.contains(&last_word(name).as_str())
            || name.split_whitespace().count() > 1 && PLACE_OPENERS.contains(&first.as_str()))
}

/// "Operation Serval", "operation 'Bayard'": the name of a military operation, neither where it
/// was nor who carried it out.
pub fn names_an_operation(doc: &Document, span: Span) -> bool {
    let before = doc.text[..span.start].trim_end_matches(['\'', '‘', '"', '“', ' ']);
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    before.len() < span.start && matches!(word.to_lowercase().as_str(), "operation" | "opération")
}

/// Persons and organisations the actor lexicon does not know, as actors. Organisations whose
/// name says what they are get that kind; others, and every person, are of unknown kind, and the
/// incident stage decides from the sentence whether they acted or suffered.
pub fn actors(
    doc: &Document,
    entities: &[EntitySpan],
    known: &[ActorMention],
    places: &[PlaceMention],
    cues: &[CueMention],
) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for e in entities.iter().filter(|e| matches!(e.label, EntityType::Org | EntityType::Per)) {
        let name = e.span.of(doc.text);
        if known.iter().any(|k| k.span.overlaps(e.span))
            || places.iter().any(|p| p.span == e.span)
            || is_place_name(doc, e)
            || names_an_operation(doc, e.span)
            || !name.chars().any(char::is_alphabetic)
            || name.chars().count() < 3
        {
            continue;
        }
        let next = doc.tokens.get(doc.tokens.partition_point(|t| t.span.start < e.span.end));
        // "struck by an IED": a weapon the tagger took for a group.
        let a_weapon = cues.iter().any(|c| c.cue == Cue::Weapon && c.span.contains(e.span));
        if a_weapon
            || WEAPON_WORDS.contains(&last_word(name).as_str())
            || next.is_some_and(|t| WEAPON_WORDS.contains(&t.span.of(doc.text).to_lowercase().as_str()))
        {
            continue;
        }
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        let (kind, hint) = match e.label {
            EntityType::Org if has(GROUP_WORDS) => (ActorKind::ArmedGroup, RoleHint::Perpetrator),
            EntityType::Org if has(POLICE_WORDS) => (ActorKind::Police, RoleHint::Either),
            EntityType::Org if has(MILITARY_WORDS) => (ActorKind::StateMilitary, RoleHint::Either),
            _ => (ActorKind::Unknown, RoleHint::Either),
        };
        out.push(ActorMention {
            span: e.span,
            name: name.to_string(),
            // A person is a name, not an organisation's canonical name.
            canonical: (e.label == EntityType::Org).then(|| name.to_string()),
            kind,
            country: None,
            named: true,
            hint,
            template: None,
            tagged: true,
        });
    }
    out
}

/// Place names the tagger found, to look up where the gazetteer matched nothing.
pub fn places<'a>(doc: &'a Document, entities: &'a [EntitySpan]) -> impl Iterator<Item = Span> + 'a {
    entities.iter().filter(|e| e.label == EntityType::Loc || is_place_name(doc, e)).map(|e| e.span)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Article;
    use crate::tagger::{EntitySpan, EntityType};
    use crate::text::Tokenizer;

    #[test]
    fn a_name_opening_with_a_quarter_or_street_word_is_a_place_not_a_person() {
        let a = Article {
            id: "t".into(),
            text: "Gunmen from Santa Rita shot Ramon Vega in Colonia Las Flores near Alameda Juan Ruiz.".into(),
            ..Default::default()
        };
        let doc = Document::new(&a, &Tokenizer::new());
        let at = |s: &str| {
            let start = doc.text.find(s).unwrap();
            EntitySpan { span: Span::new(start, start + s.len()), label: EntityType::Per }
        };
        let (person, quarter, street) = (at("Ramon Vega"), at("Colonia Las Flores"), at("Alameda Juan Ruiz"));
        let town = at("Santa Rita");
        assert!(!is_place_name(&doc, &person));
        assert!(is_place_name(&doc, &quarter) && is_place_name(&doc, &street) && is_place_name(&doc, &town));
        let found = actors(&doc, &[person, quarter, street, town], &[], &[], &[]);
        assert_eq!(found.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Ramon Vega"]);
    }
}

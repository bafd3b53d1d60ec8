//! Actors: named groups and forces from `models/actors.tsv`, and generic actor nouns from
//! `models/actor_nouns.tsv` ("suspected jihadist militants", "Malian soldiers", "Fulani civilians").

use super::gazetteer::Gazetteer;
use super::lexicon::{rows, PhraseMatcher};
use super::vocab::ActorKind;
use crate::models::Models;
use crate::text::{Document, Span};
use anyhow::{Context, Result};

#[derive(Debug, Clone)]
pub struct ActorEntry {
    pub canonical: String,
    pub kind: ActorKind,
    pub countries: Vec<String>,
    /// The names the lexicon knows it by ("FMLN", "Farabundo Marti National Liberation Front").
    pub aliases: Vec<String>,
}

/// Which side a generic noun usually stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleHint {
    Perpetrator,
    Victim,
    Either,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    pub span: Span,
    /// The text as written ("JNIM militants" → name "JNIM" for a named group).
    pub name: String,
    pub canonical: Option<String>,
    pub kind: ActorKind,
    pub country: Option<String>,
    /// A named group or force from the lexicon, not a generic noun.
    pub named: bool,
    pub hint: RoleHint,
    /// For a generic actor whose country is not yet known: its canonical name with `{country}`
    /// to fill in from the incident ("Unidentified Armed Group ({country})").
    pub template: Option<String>,
    /// Found by the entity tagger, not a lexicon: a name whose kind may be unknown.
    pub tagged: bool,
}

impl ActorMention {
    /// Whether it is property, something hit and never the hitter ("an ambulance", "the oil
    /// terminal"): the lexicon's nouns of no actor kind that only suffer events.
    pub fn is_property(&self) -> bool {
        is_property(self.kind, self.hint)
    }
}

/// Whether a lexicon noun of this kind and role hint names property: no actor kind, only hit.
fn is_property(kind: ActorKind, hint: RoleHint) -> bool {
    kind == ActorKind::Unknown && hint == RoleHint::Victim
}

pub struct ActorLexicon {
    entries: Vec<ActorEntry>,
    /// (entry, alias as written when it must match case-sensitively)
    named: PhraseMatcher<(usize, Option<String>)>,
    nouns: PhraseMatcher<(ActorKind, RoleHint, Option<String>)>,
    /// The noun forms of property (see [`ActorMention::is_property`]), as the lexicon spells them.
    property: Vec<String>,
}

/// Words before a generic noun that belong to its name.
const MODIFIERS: &[&str] = &[
    "suspected",
    "armed",
    "alleged",
    "heavily",
    "unidentified",
    "unknown",
    "jihadist",
    "islamist",
    "islamic",
    "rebel",
    "insurgent",
    "militant",
    "terrorist",
    "extremist",
    "government",
    "security",
    "local",
    "ethnic",
    "fleeing",
    "innocent",
    "unarmed",
    "fellow",
    "auxiliary",
    "pro-government",
    "self-defense",
    "self-defence",
    "dozo",
];

impl ActorLexicon {
    pub fn from_models(models: &Models) -> Result<Self> {
        let text = models.text("actors.tsv")?;
        let mut entries = Vec::new();
        let mut phrases = Vec::new();
        for (line, c) in rows("actors.tsv", &text, 4)? {
            let kind = c[1].parse().map_err(anyhow::Error::msg).with_context(|| format!("models/actors.tsv:{line}"))?;
            let id = entries.len();
            let aliases: Vec<String> = c[3].split('|').filter(|s| !s.is_empty()).map(str::to_string).collect();
            for alias in &aliases {
                let acronym = alias.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
                phrases.push((alias.clone(), (id, acronym.then(|| alias.clone()))));
            }
            entries.push(ActorEntry {
                canonical: c[0].to_string(),
                kind,
                countries: c[2].split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
                aliases,
            });
        }
        let text = models.text("actor_nouns.tsv")?;
        let mut nouns = Vec::new();
        let mut property = Vec::new();
        for (line, c) in rows("actor_nouns.tsv", &text, 3)? {
            let kind =
                c[1].parse().map_err(anyhow::Error::msg).with_context(|| format!("models/actor_nouns.tsv:{line}"))?;
            let hint = match c[2] {
                "perpetrator" => RoleHint::Perpetrator,
                "victim" => RoleHint::Victim,
                "either" => RoleHint::Either,
                other => anyhow::bail!("models/actor_nouns.tsv:{line}: unknown role hint {other:?}"),
            };
            let template = c.get(3).filter(|t| !t.is_empty()).map(|t| t.to_string());
            for form in c[0].split('|').filter(|s| !s.is_empty()) {
                if is_property(kind, hint) {
                    property.push(form.to_string());
                }
                nouns.push((form.to_string(), (kind, hint, template.clone())));
            }
        }
        Ok(ActorLexicon { entries, named: PhraseMatcher::new(phrases), nouns: PhraseMatcher::new(nouns), property })
    }

    /// The nouns of property ("ambulance", "power pylons", "oil terminal").
    pub fn property_nouns(&self) -> impl Iterator<Item = &str> {
        self.property.iter().map(String::as_str)
    }

    pub fn entries(&self) -> impl Iterator<Item = &ActorEntry> {
        self.entries.iter()
    }

    pub fn entry(&self, canonical: &str) -> Option<&ActorEntry> {
        self.entries.iter().find(|e| e.canonical == canonical)
    }

    /// The lexicon's force of a kind for a country, if any: its army ("ML", state military →
    /// Malian Armed Forces), the peacekeeping mission deployed there ("ML", peacekeepers →
    /// MINUSMA).
    pub fn force_of(&self, country: &str, kind: ActorKind) -> Option<&ActorEntry> {
        self.entries.iter().find(|e| e.kind == kind && e.countries.first().is_some_and(|c| c == country))
    }

    pub fn find(&self, doc: &Document, gazetteer: &Gazetteer) -> Vec<ActorMention> {
        let text = doc.text;
        let mut named: Vec<ActorMention> = Vec::new();
        let mut matches = self.named.find(&doc.folded);
        let joined: Vec<_> = self
            .named
            .find_hyphen_joined(&doc.folded)
            .into_iter()
            .filter(|j| !matches.iter().any(|m| m.span.overlaps(j.span)))
            .collect();
        matches.extend(joined);
        matches.sort_by_key(|m| m.span.start);
        for m in matches {
            let (id, exact) = m.payload;
            let surface = m.span.of(text);
            if doc.casing.is_degraded() {
                // No capitals to tell "ADF" from "adf": take the name unless it is short or an
                // ordinary word ("platform").
                if surface.len() <= 2 || gazetteer.is_common_word(&crate::text::fold(surface)) {
                    continue;
                }
            } else if let Some(alias) = exact {
                if surface != alias {
                    continue;
                }
            } else if !surface.chars().any(char::is_uppercase) {
                // Names are written with capitals; "shabab" in lower case is a word, not the group.
                continue;
            }
            let e = &self.entries[*id];
            named.push(ActorMention {
                span: m.span,
                name: surface.to_string(),
                canonical: Some(e.canonical.clone()),
                kind: e.kind,
                country: e.countries.first().cloned(),
                named: true,
                hint: if e.kind == ActorKind::ArmedGroup { RoleHint::Perpetrator } else { RoleHint::Either },
                template: None,
                tagged: false,
            });
        }
        // "Malian Armed Forces (FAMa)": one mention.
        let mut merged: Vec<ActorMention> = Vec::new();
        for m in named {
            if let Some(prev) = merged.last_mut() {
                let gap = &text[prev.span.end.min(m.span.start)..m.span.start];
                if prev.canonical == m.canonical && gap.trim() == "(" && text[m.span.end..].starts_with(')') {
                    prev.span = Span::new(prev.span.start, m.span.end + 1);
                    continue;
                }
            }
            merged.push(m);
        }
        for m in merged.iter_mut() {
            m.span = Span::new(people_of(doc, m.span.start), m.span.end);
        }
        let mut out: Vec<ActorMention> = Vec::new();
        for m in self.nouns.find(&doc.folded) {
            let (kind, hint, ref template) = *m.payload;
            if merged.iter().any(|n| n.span.overlaps(m.span)) || doc.followed_by(m.span, ATTIRE, 1) {
                continue;
            }
            let (start, modifier_kind, country, people) = extend_left(doc, m.span.start, gazetteer);
            // ("the government palace", "rebel positions' trucks": a modifier names whose
            // property it is; the thing stays a thing.)
            let modifier_kind = modifier_kind.filter(|_| !is_property(kind, hint));
            // "armed Fulani youth", "armed herders": civilians under arms are a militia.
            let armed = text[start..m.span.start].split_whitespace().any(|w| w.eq_ignore_ascii_case("armed"));
            let modifier_kind = modifier_kind.or((armed && kind == ActorKind::Civilian).then_some(ActorKind::Militia));
            // "a retired National Guard", "an off-duty policeman": out of the force's ranks when hit,
            // a civilian, though still named for the force (as ACLED names the actor).
            let span = Span::new(start, m.span.end);
            let off_duty = matches!(kind, ActorKind::StateMilitary | ActorKind::Police)
                && (doc.preceded_by(span, &["retired", "off-duty"], 1)
                    || doc.preceded_by(span, &["duty"], 1) && doc.preceded_by(span, &["off"], 2));
            let modifier_kind = modifier_kind.or(off_duty.then_some(ActorKind::Civilian));
            let kind = modifier_kind.unwrap_or(kind);
            let mut hint = if off_duty {
                RoleHint::Victim
            } else if modifier_kind.is_some() {
                RoleHint::Perpetrator
            } else {
                hint
            };
            // A named group right before the noun names it: "JNIM militants", "FAMa personnel".
            if let Some(n) = merged.iter_mut().find(|n| {
                n.span.end <= m.span.start
                    && text[n.span.end..m.span.start].trim().is_empty()
                    && m.span.start - n.span.end <= 2
            }) {
                n.span = Span::new(n.span.start, m.span.end);
                continue;
            }
            // A community named before the noun names the actor: "Fulani civilians" are the
            // Fulani Ethnic Group, "Dogon militiamen" the Dogon Ethnic Militia.
            let template = match (&people, kind) {
                (Some(p), ActorKind::Civilian) => Some(format!("{p} Ethnic Group ({{country}})")),
                (Some(p), ActorKind::Militia | ActorKind::ArmedGroup) => {
                    Some(format!("{p} Ethnic Militia ({{country}})"))
                }
                // "unidentified militants", "unknown assailants": no one knows whose they are.
                _ if kind == ActorKind::ArmedGroup && unidentified(&text[start..m.span.start]) => {
                    Some(UNIDENTIFIED.to_string())
                }
                // (Not the civilians' name of the noun's row.)
                _ if armed && modifier_kind == Some(ActorKind::Militia) => None,
                _ => template.clone(),
            };
            let mut canonical = None;
            if let Some(cc) = &country {
                if let Some(force) = self.force_of(cc, kind).filter(|_| kind == ActorKind::StateMilitary) {
                    canonical = Some(force.canonical.clone());
                } else if let (Some(t), Some(name)) = (&template, gazetteer.country_name(cc)) {
                    canonical = Some(t.replace("{country}", name));
                }
            }
            if kind == ActorKind::StateMilitary && hint == RoleHint::Victim && modifier_kind.is_none() {
                hint = RoleHint::Either;
            }
            let has_canonical = canonical.is_some();
            out.push(ActorMention {
                span,
                name: span.of(text).to_string(),
                canonical,
                kind,
                country,
                named: false,
                hint,
                template: template.filter(|_| !has_canonical),
                tagged: false,
            });
        }
        // "army troops", "armed forces elements": a force written with its people is one
        // actor, named for the force (the span keeps how the text describes them).
        for m in out.iter_mut().filter(|m| matches!(m.kind, ActorKind::StateMilitary | ActorKind::Police)) {
            let i = doc.tokens.partition_point(|t| t.span.start < m.span.end);
            if let Some(next) = doc.tokens.get(i).filter(|t| {
                t.span.start == m.span.end + 1
                    && FORCE_PEOPLE.contains(&t.span.of(text).to_lowercase().as_str())
                    && !m
                        .name
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| FORCE_PEOPLE.contains(&w.to_lowercase().as_str()))
            }) {
                m.span = Span::new(m.span.start, next.span.end);
            }
        }
        // "jihadist militants": the modifier matched on its own too; the longer phrase wins.
        let spans: Vec<Span> = out.iter().map(|m| m.span).collect();
        out.retain(|m| !spans.iter().any(|s| *s != m.span && s.contains(m.span)));
        // "the hospital ambulance", "an embassy vehicle": a thing named before another thing
        // says whose it is; the two are one thing hit.
        out.sort_by_key(|m| m.span.start);
        let mut things: Vec<ActorMention> = Vec::with_capacity(out.len());
        for m in out {
            if let Some(prev) = things.last_mut() {
                if prev.is_property() && m.is_property() && text[prev.span.end..m.span.start] == *" " {
                    prev.span = Span::new(prev.span.start, m.span.end);
                    prev.name = prev.span.of(text).to_string();
                    continue;
                }
            }
            things.push(m);
        }
        let mut out = things;
        out.extend(merged);
        for m in communities_at_odds(doc) {
            if !out.iter().any(|o| o.span.overlaps(m.span)) {
                out.push(m);
            }
        }
        out.sort_by_key(|m| m.span.start);
        out
    }
}

/// ACLED's name for an armed group no one has identified.
pub const UNIDENTIFIED: &str = "Unidentified Armed Group ({country})";

fn unidentified(modifiers: &str) -> bool {
    modifiers.split_whitespace().any(|w| matches!(w.to_lowercase().as_str(), "unidentified" | "unknown" | "unnamed"))
}

/// The people of a force, written after its name: "army troops", "police agents".
const FORCE_PEOPLE: &[&str] =
    &["troops", "soldiers", "members", "elements", "personnel", "officers", "agents", "units", "men", "forces"];

/// Clothes a noun describes ("men in civilian clothing", "wearing police uniforms"): what
/// people wore, not people.
const ATTIRE: &[&str] = &["clothes", "clothing", "dress", "attire", "garb", "uniform", "uniforms", "fatigues"];

/// Two communities named alone as the sides of a fight: "clashes between Fulani and Dogons",
/// "violence between Dogon and Fulani" — each side is its community's militia.
fn communities_at_odds(doc: &Document) -> Vec<ActorMention> {
    let toks = &doc.tokens;
    let word = |k: usize| toks[k].span.of(doc.text);
    // (A community named before its people, "between Fulani and Dogon herders", is left to the
    // noun's actor, which covers it.)
    let community = |k: usize| -> Option<String> {
        let w = word(k);
        let base = if is_ethnic_modifier(w) { w } else { w.strip_suffix('s').filter(|b| is_ethnic_modifier(b))? };
        Some(base.to_string())
    };
    let mut out = Vec::new();
    for k in 0..toks.len().saturating_sub(3) {
        if !word(k).eq_ignore_ascii_case("between") || !matches!(word(k + 2), "and" | "&") {
            continue;
        }
        let (Some(a), Some(b)) = (community(k + 1), community(k + 3)) else { continue };
        for (at, people) in [(k + 1, a), (k + 3, b)] {
            out.push(ActorMention {
                span: toks[at].span,
                name: word(at).to_string(),
                canonical: None,
                kind: ActorKind::Militia,
                country: None,
                named: false,
                hint: RoleHint::Either,
                template: Some(format!("{people} Ethnic Militia ({{country}})")),
                tagged: false,
            });
        }
    }
    out
}

/// Nouns for the people of a group or force, written before its name: "members of the FMLN",
/// "a commando of the MRTA", "troops of the 4th Brigade".
const PEOPLE_OF: &[&str] = &[
    "members",
    "member",
    "militants",
    "fighters",
    "guerrillas",
    "rebels",
    "terrorists",
    "commando",
    "commandos",
    "cell",
    "column",
    "unit",
    "units",
    "elements",
    "men",
    "troops",
    "soldiers",
    "agents",
    "officers",
];

/// Where a named actor's mention starts once the people it is written with ("members of the
/// ...") are taken in; `start` when there are none.
fn people_of(doc: &Document, start: usize) -> usize {
    let i = doc.tokens.partition_point(|t| t.span.start < start);
    let word = |k: usize| doc.tokens[k].span.of(doc.text).to_lowercase();
    let mut k = i;
    if k > 0 && word(k - 1) == "the" {
        k -= 1;
    }
    if k < 2 || !matches!(word(k - 1).as_str(), "of" | "from") || !PEOPLE_OF.contains(&word(k - 2).as_str()) {
        return start;
    }
    let noun = &doc.tokens[k - 2];
    // Both in one sentence: "of" never joins a name to the end of the previous sentence.
    if doc.sentence_at(noun.span.start) != doc.sentence_at(start) {
        return start;
    }
    noun.span.start
}

/// Walks back over modifiers and a demonym: "suspected jihadist militants", "Malian soldiers".
/// Returns the new start, the kind a modifier imposes (e.g. "insurgent forces"), and the country.
fn extend_left(
    doc: &Document,
    start: usize,
    gazetteer: &Gazetteer,
) -> (usize, Option<ActorKind>, Option<String>, Option<String>) {
    let idx = doc.tokens.partition_point(|t| t.span.start < start);
    let mut new_start = start;
    let mut kind = None;
    let mut country = None;
    let mut people = None;
    let mut i = idx;
    let mut steps = 0;
    while i > 0 && steps < 3 {
        let t = doc.tokens[i - 1];
        let w = t.span.of(doc.text);
        let lower = w.to_lowercase();
        let capitalised = w.chars().next().is_some_and(char::is_uppercase) || doc.casing.is_degraded();
        if let Some(cc) = gazetteer.demonym_country(w).filter(|_| capitalised) {
            country = Some(cc.to_string());
            new_start = t.span.start;
        } else if MODIFIERS.contains(&lower.as_str()) {
            if matches!(
                lower.as_str(),
                "jihadist" | "islamist" | "rebel" | "insurgent" | "militant" | "terrorist" | "extremist"
            ) {
                kind = Some(ActorKind::ArmedGroup);
            }
            new_start = t.span.start;
        } else if w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
            && i - 1 > 0
            && is_ethnic_modifier(w)
        {
            new_start = t.span.start;
            people = Some(w.to_string());
        } else {
            break;
        }
        i -= 1;
        steps += 1;
    }
    (new_start, kind, country, people)
}

/// Capitalised words that name communities before "civilians", "herders" and the like.
fn is_ethnic_modifier(w: &str) -> bool {
    matches!(
        w,
        "Fulani"
            | "Peul"
            | "Peulh"
            | "Tuareg"
            | "Dogon"
            | "Bambara"
            | "Mossi"
            | "Hausa"
            | "Kanuri"
            | "Christian"
            | "Muslim"
            | "Shia"
            | "Sunni"
            | "Yazidi"
            | "Kurdish"
            | "Hazara"
            | "Tutsi"
            | "Hutu"
            | "Hema"
            | "Lendu"
            | "Zarma"
            | "Songhai"
            | "Arab"
            | "Daoussahak"
            | "Tiv"
            | "Berom"
            | "Amhara"
            | "Oromo"
            | "Tigrayan"
    )
}

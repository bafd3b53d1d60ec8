//! The ACLED sub-event type where the event type alone does not decide it: how a protest was met
//! or turned, what weapon an explosion came from, who took a place and whether anyone fought for
//! it. Each rule reads the incident's opening sentence (and, for a protest, all its sentences)
//! through the context cues of `models/cues.tsv`, following the ACLED codebook's definitions.

use crate::mentions::{cues::any_in, ActorKind, ActorMention, Cue, EventType, Mentions, Tactic, TriggerMention};
use crate::text::{fold, Document, Span};
use std::collections::BTreeSet;

/// What the rules know of an incident.
pub struct Facts<'a> {
    pub doc: &'a Document<'a>,
    pub m: &'a Mentions,
    /// The opening sentence.
    pub anchor: Span,
    /// Every sentence of the incident.
    pub sentences: Vec<Span>,
    pub event_type: EventType,
    pub opening: &'a TriggerMention,
    pub anchor_tactics: &'a BTreeSet<Tactic>,
    /// Tactics of every sentence that reported the event (the opening one may only say "attacks").
    pub event_tactics: &'a BTreeSet<Tactic>,
    pub perpetrators: &'a [ActorKind],
    /// Where the counts of people killed and wounded are, with their conservative figures.
    pub killed: Vec<(Span, u64)>,
    pub wounded: Vec<(Span, u64)>,
}

impl Facts<'_> {
    fn in_anchor(&self, cue: Cue) -> bool {
        any_in(&self.m.cues, cue, self.anchor)
    }

    fn anywhere(&self, cue: Cue) -> bool {
        self.sentences.iter().any(|&s| any_in(&self.m.cues, cue, s))
    }
}

/// The event type and ACLED sub-event type the incident's context decides, if it decides one.
pub fn decide(f: &Facts) -> Option<(EventType, &'static str)> {
    protest(f).or_else(|| weapon(f)).or_else(|| territory(f)).or_else(|| plunder(f)).or_else(|| rampage(f))
}

/// Burning or wrecking by civilians alone ("youths torched the gendarmerie post", "residents
/// ransacked the town hall"): a crowd's violence, which ACLED codes a riot, not looting by an
/// armed group.
fn rampage(f: &Facts) -> Option<(EventType, &'static str)> {
    // ("Four men set fire to two vehicles": men are no crowd.)
    let crowd = f.m.actors.iter().any(|a| {
        f.anchor.contains(a.span)
            && a.kind == ActorKind::Civilian
            && fold(&a.name).split_whitespace().last().is_some_and(|w| CROWDS.contains(&w))
    });
    let by_civilians = !f.perpetrators.is_empty() && f.perpetrators.iter().all(|&k| k == ActorKind::Civilian);
    (matches!(f.event_type, EventType::Arson | EventType::LootingDestruction) && by_civilians && crowd)
        .then_some((EventType::Riot, "Violent demonstration"))
}

/// Nouns for a crowd of civilians.
const CROWDS: &[&str] =
    &["youth", "youths", "residents", "villagers", "locals", "inhabitants", "students", "crowd", "crowds", "mob"];

/// An attack whose only harm is to property ("gunmen attacked a truck and stripped the
/// passengers of their belongings", "attacked and burned the mayor's office"): no one killed or
/// wounded makes it looting or destruction (ACLED's codebook), not an attack on people.
fn plunder(f: &Facts) -> Option<(EventType, &'static str)> {
    if !matches!(f.event_type, EventType::ArmedAssault) || !f.killed.is_empty() || !f.wounded.is_empty() {
        return None;
    }
    let in_incident = |span: Span| f.sentences.iter().any(|s| s.contains(span));
    // Words that report harm to people ("assaulted", "opened fire", "found dead"), beyond the
    // attack itself, and forces attacked (a post, a patrol) make it an attack or a clash.
    let harm_to_people = f.m.triggers.iter().any(|t| {
        in_incident(t.span)
            && match t.event_type {
                EventType::ArmedAssault => !matches!(
                    fold(t.span.of(f.doc.text)).as_str(),
                    "attacked" | "attack" | "attacks" | "raided" | "raid" | "incursion" | "stormed" | "targeted"
                ),
                EventType::LootingDestruction | EventType::Arson => false,
                _ => true,
            }
    }) || f
        .m
        .actors
        .iter()
        .any(|a| in_incident(a.span) && (a.kind.is_state_side() || a.kind == ActorKind::Militia));
    // (Destroying or damaging in an attack is the attack's own harm; taking things is looting.)
    let wrecking = |t: &TriggerMention| {
        matches!(
            fold(t.span.of(f.doc.text)).as_str(),
            "destroyed" | "damaged" | "sabotaged" | "vandalized" | "vandalised"
        )
    };
    let plundered = |kind: EventType| {
        f.m.triggers
            .iter()
            .filter(|t| in_incident(t.span) && t.event_type == kind)
            .map(|t| if wrecking(t) { 1 } else { 2 })
            .max()
    };
    if harm_to_people {
        return None;
    }
    // (What was burned was set on fire, whatever else was taken.)
    let event_type = match (plundered(EventType::Arson), plundered(EventType::LootingDestruction)) {
        (Some(_), _) => EventType::Arson,
        (None, Some(2)) => EventType::LootingDestruction,
        (None, Some(_)) => EventType::ArmedAssault,
        (None, None) => return None,
    };
    Some((event_type, "Looting/property destruction"))
}

/// A protest by how it went (ACLED's order of precedence): protesters who fight, burn or smash
/// make a violent demonstration whatever the police did; otherwise force that kills or maims
/// peaceful protesters is excessive force (a few treated for tear gas or bruises are not); dispersal, tear gas or arrests are an intervention; and
/// a protest left alone is peaceful. A crowd's violence with no protest is mob violence.
fn protest(f: &Facts) -> Option<(EventType, &'static str)> {
    let crowd = f.in_anchor(Cue::ProtestWord);
    // Gunmen firing into a crowd attack civilians; only forces of order meet a protest.
    let armed_perpetrator = f.perpetrators.iter().any(|k| matches!(k, ActorKind::ArmedGroup | ActorKind::Militia))
        || f.m
            .actors
            .iter()
            .any(|a| f.anchor.contains(a.span) && matches!(a.kind, ActorKind::ArmedGroup | ActorKind::Militia));
    let in_protest = match f.event_type {
        EventType::Protest | EventType::Riot => true,
        // Forces firing on, beating or detaining a crowd of protesters: the protest is the event.
        EventType::ArmedAssault | EventType::ArmedClash | EventType::Arrest => crowd && !armed_perpetrator,
        _ => false,
    };
    if !in_protest {
        if f.in_anchor(Cue::Mob) && matches!(f.event_type, EventType::ArmedAssault | EventType::LootingDestruction) {
            return Some((EventType::Riot, "Mob violence"));
        }
        return None;
    }
    if (f.in_anchor(Cue::Mob) || f.opening.acled_sub.as_deref() == Some("Mob violence")) && !crowd {
        return Some((EventType::Riot, "Mob violence"));
    }
    // (Burning in a protest is the protesters' unless the text says otherwise.)
    let burning = f.sentences.iter().any(|s| {
        f.m.triggers.iter().any(|t| s.contains(t.span) && matches!(t.event_type, EventType::Riot | EventType::Arson))
    });
    if f.anywhere(Cue::ProtesterViolence) || f.opening.event_type == EventType::Riot || burning {
        return Some((EventType::Riot, "Violent demonstration"));
    }
    // Deaths and wounds a protest is about ("to mourn those killed last month", "over a fatal
    // shooting") are its grievance, not what happened to it.
    let own = |span: Span| !grievance(f.doc, span);
    let lethal =
        f.m.cues
            .iter()
            .any(|c| c.cue == Cue::LethalForce && f.sentences.iter().any(|s| s.contains(c.span)) && own(c.span));
    let killed = f.killed.iter().any(|&(s, _)| own(s));
    let many_wounded = f.wounded.iter().any(|&(s, n)| own(s) && n >= MANY_WOUNDED);
    if lethal || killed || many_wounded || f.opening.acled_sub.as_deref() == Some("Excessive force against protesters")
    {
        return Some((EventType::Protest, "Excessive force against protesters"));
    }
    if f.anywhere(Cue::Intervention) || f.opening.acled_sub.as_deref() == Some("Protest with intervention") {
        return Some((EventType::Protest, "Protest with intervention"));
    }
    Some((EventType::Protest, "Peaceful protest"))
}

/// Enough people wounded to make dispersal a use of excessive force.
const MANY_WOUNDED: u64 = 10;

/// Words that introduce what a protest is against or for.
const GRIEVANCE: &[&str] = &[
    "over",
    "against",
    "mourn",
    "mourning",
    "demanding",
    "demand",
    "demanded",
    "denouncing",
    "denounce",
    "condemning",
    "condemn",
    "for",
    "commemorate",
    "commemorating",
    "memory",
    "remember",
    "outrage",
    "justice",
    "after",
];

/// Whether `span` lies in the part of its sentence that says what a protest is about: after a
/// word of grievance that no verb of force follows before it.
fn grievance(doc: &Document, span: Span) -> bool {
    let Some(s) = doc.sentence_at(span.start) else { return false };
    let toks = doc.tokens_of(s);
    let before: Vec<String> =
        toks.iter().filter(|t| t.span.end <= span.start).map(|t| t.span.of(doc.text).to_lowercase()).collect();
    let Some(g) = before.iter().rposition(|w| GRIEVANCE.contains(&w.as_str())) else { return false };
    // "… demanding reforms when police opened fire", "protests against X turned deadly: one
    // shot dead": the force came in another clause.
    !before[g + 1..].iter().any(|w| {
        matches!(w.as_str(), "when" | "as" | "before" | "police" | "forces" | "troops" | "," | ":" | ";" | "-" | "–")
    })
}

/// An explosion or an attack by the weapon its opening sentence names: a grenade thrown, a
/// suicide bomber, aircraft. (A rocket-propelled grenade is a rocket, not a grenade.)
fn weapon(f: &Facts) -> Option<(EventType, &'static str)> {
    let t = f.anchor_tactics;
    let has = |x: Tactic| t.contains(&x);
    let planted = has(Tactic::Ied) || has(Tactic::Vbied) || has(Tactic::Landmine);
    let suicide = has(Tactic::Svbied) || has(Tactic::SuicideBombing);
    let aircraft = has(Tactic::Airstrike) || has(Tactic::Drone);
    // Shells or bombs said to carry poison gas make a chemical attack.
    if (f.anywhere(Cue::Chemical) || chemical_said_of_the_weapon(f))
        && matches!(
            f.event_type,
            EventType::Shelling | EventType::Bombing | EventType::AirDroneStrike | EventType::ArmedAssault
        )
    {
        return Some((EventType::Other, "Chemical weapon"));
    }
    // "The operation began with airstrikes followed by soldiers on land", "mortar fire followed
    // by gunfire": strikes from afar that open a fight on the ground are a battle (ACLED's codebook).
    let fought_on_ground = f.event_tactics.iter().any(|x| matches!(x, Tactic::SmallArms | Tactic::ComplexAttack))
        || f.anywhere(Cue::GroundFight);
    match f.event_type {
        EventType::AirDroneStrike | EventType::Shelling if fought_on_ground => {
            Some((EventType::ArmedClash, "Armed clash"))
        }
        EventType::Bombing | EventType::LootingDestruction if aircraft && fought_on_ground => {
            Some((EventType::ArmedClash, "Armed clash"))
        }
        EventType::Bombing | EventType::ArmedAssault if suicide => Some((EventType::SuicideBombing, "Suicide bomb")),
        // "A complex ambush initiated by an IED detonation followed by small arms fire": a bomb
        // that opens a firefight is a battle (ACLED's codebook), not remote violence.
        EventType::Bombing
            if (planted || f.event_tactics.iter().any(|x| matches!(x, Tactic::Ied | Tactic::Landmine)))
                && !aircraft
                && (f.event_tactics.contains(&Tactic::SmallArms)
                    || f.event_tactics.contains(&Tactic::ComplexAttack)) =>
        {
            Some((EventType::ArmedClash, "Armed clash"))
        }
        EventType::Bombing | EventType::ArmedAssault | EventType::ArmedClash
            if has(Tactic::Grenade) && !planted && !suicide && !aircraft =>
        {
            Some((EventType::Bombing, "Grenade"))
        }
        // "Attacks were launched in eleven places … mostly using grenades": an opening that
        // names no weapon takes the one the report goes on to name.
        EventType::Bombing | EventType::ArmedAssault
            if t.iter().all(|x| matches!(x, Tactic::SmallArms | Tactic::ComplexAttack))
                && f.event_tactics.contains(&Tactic::Grenade)
                && !f.event_tactics.iter().any(|x| {
                    matches!(
                        x,
                        Tactic::Ied
                            | Tactic::Vbied
                            | Tactic::Svbied
                            | Tactic::Landmine
                            | Tactic::SuicideBombing
                            | Tactic::Airstrike
                            | Tactic::Drone
                    )
                }) =>
        {
            Some((EventType::Bombing, "Grenade"))
        }
        // "Warplanes bombed", "missiles fired by jets", "jets destroyed the depot".
        EventType::Bombing | EventType::Shelling | EventType::LootingDestruction if aircraft => {
            Some((EventType::AirDroneStrike, "Air/drone strike"))
        }
        EventType::Other
            if aircraft
                && f.opening.acled_sub.as_deref() == Some("Disrupted weapons use")
                && f.in_anchor(Cue::Hostile) =>
        {
            Some((EventType::AirDroneStrike, "Air/drone strike"))
        }
        _ => None,
    }
}

/// "… fired shells into the town. Residents suspect the shells contained poison gas.": a later
/// sentence of the paragraph that names the incident's projectiles again, definitely, and a
/// chemical agent with them.
fn chemical_said_of_the_weapon(f: &Facts) -> bool {
    let Some(a) = f.doc.sentence_at(f.anchor.start) else { return false };
    let paragraph = f.doc.sentences[a].paragraph;
    (a + 1..f.doc.sentences.len()).take_while(|&s| f.doc.sentences[s].paragraph == paragraph).any(|s| {
        let span = f.doc.sentences[s].span;
        any_in(&f.m.cues, Cue::Chemical, span)
            && f.m.cues.iter().any(|c| {
                c.cue == Cue::Projectile
                    && span.contains(c.span)
                    && f.doc.text[span.start..c.span.start]
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| w.eq_ignore_ascii_case("the"))
            })
    })
}

/// A place taken: without a fight (the other side withdrew, no resistance) it is a non-violent
/// transfer; otherwise the one who took it decides — a state force regains territory, an armed
/// group overtakes it.
fn territory(f: &Facts) -> Option<(EventType, &'static str)> {
    let taking = f.event_type == EventType::SeizureOfTerritory
        || f.opening.acled_sub.as_deref() == Some("Non-violent transfer of territory");
    if !taking {
        return None;
    }
    let clause = Span::new(f.anchor.start, f.anchor.end);
    if any_in(&f.m.cues, Cue::NoResistance, clause)
        || f.event_type == EventType::SeizureOfTerritory && any_in(&f.m.cues, Cue::Withdrawal, clause)
    {
        return Some((EventType::Other, "Non-violent transfer of territory"));
    }
    if f.event_type != EventType::SeizureOfTerritory {
        return None;
    }
    match agent(f.doc, f.m, f.opening)?.kind {
        k if k.is_state_side() => Some((EventType::SeizureOfTerritory, "Government regains territory")),
        ActorKind::ArmedGroup | ActorKind::Militia => {
            Some((EventType::SeizureOfTerritory, "Non-state actor overtakes territory"))
        }
        _ => None,
    }
}

const NOT_SUBJECT: &[&str] = &["from", "of", "against", "with", "to", "by", "on", "at", "in", "near", "for"];

/// Who did what a trigger reports: the actor after "by" or "to" of a passive ("was overrun by",
/// "fell to"), else the first actor of the trigger's clause before it that no preposition
/// governs (the subject: "Army units and allied fighters recaptured …").
pub fn agent<'m>(doc: &Document<'_>, m: &'m Mentions, trigger: &TriggerMention) -> Option<&'m ActorMention> {
    let s = doc.sentence_at(trigger.span.start)?;
    let sentence = doc.sentences[s].span;
    let toks = doc.tokens_of(s);
    let word_before = |at: usize| -> Option<String> {
        toks.iter().rev().find(|t| t.span.end <= at).map(|t| t.span.of(doc.text).to_lowercase())
    };
    let written = trigger.span.of(doc.text).to_lowercase();
    let passive = written.starts_with("was ")
        || written.starts_with("were ")
        || written.starts_with("fell to")
        || word_before(trigger.span.start)
            .is_some_and(|w| matches!(w.as_str(), "was" | "were" | "been" | "being" | "is" | "are"));
    let in_sentence = m.actors.iter().filter(|a| sentence.contains(a.span));
    if passive {
        if let Some(a) = in_sentence.clone().filter(|a| a.span.start >= trigger.span.end).find(|a| {
            word_before(a.span.start).is_some_and(|w| w == "by" || w == "to")
                || doc.text[trigger.span.end..a.span.start].trim().is_empty()
        }) {
            return Some(a);
        }
    }
    // "An official said militants seized …": the clause reported starts after the saying.
    let clause_start = toks
        .iter()
        .rev()
        .filter(|t| t.span.end <= trigger.span.start)
        .find(|t| {
            matches!(t.span.of(doc.text).to_lowercase().as_str(), ";" | ":" | "said" | "says" | "that" | "reported")
        })
        .map_or(sentence.start, |t| t.span.end);
    in_sentence
        .filter(|a| a.span.start >= clause_start && a.span.end <= trigger.span.start)
        .filter(|a| a.kind != ActorKind::Unknown && a.kind != ActorKind::Civilian)
        .find(|a| !word_before(a.span.start).is_some_and(|w| NOT_SUBJECT.contains(&w.as_str())))
}

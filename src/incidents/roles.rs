//! Who did it and who suffered it: roles of the actors named in an incident's sentences.

use crate::mentions::speech::{is_saying, ATTRIBUTING};
use crate::mentions::{ActorKind, ActorMention, EventType, Mentions, RoleHint, TriggerMention};
use crate::text::{Document, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Perpetrator,
    Target,
}

const PASSIVE: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];
const ADVERBS: &[&str] = &[
    "reportedly",
    "allegedly",
    "also",
    "confirmed",
    "later",
    "all",
    "then",
    "first",
    "repeatedly",
    "brutally",
    "summarily",
    "completely",
    "totally",
    "partially",
    "partly",
    "seriously",
    "badly",
    "heavily",
];

/// An adverb that may stand between a subject or an auxiliary and its verb: one of the list, or
/// any manner adverb in "-ly" ("was violently murdered", "were savagely killed").
fn is_adverb(w: &str) -> bool {
    ADVERBS.contains(&w) || crate::mentions::lexicon::is_ly_adverb(w)
}

/// The role of `actor` in its sentence, read from its position relative to the nearest trigger;
/// `None` when the sentence does not tie it to the event (a bystander, a source, a place-holder).
pub fn role_of(
    doc: &Document,
    actor: &ActorMention,
    triggers: &[&TriggerMention],
    victim_spans: &[Span],
) -> Option<Role> {
    // "killed in the terrorist action": a word that qualifies the deeds named after it is no
    // one they hit (whoever did them, it may still name).
    let role = reading(doc, actor, triggers, victim_spans);
    let qualifier = !actor.named
        && !actor.name.contains(' ')
        && !actor.name.ends_with('s')
        && doc.followed_by(actor.span, DEEDS, 1);
    role.filter(|r| !(qualifier && *r == Role::Target))
}

fn reading(doc: &Document, actor: &ActorMention, triggers: &[&TriggerMention], victim_spans: &[Span]) -> Option<Role> {
    // "taken to the Rosales hospital", "evacuated to Gao": where the wounded were brought.
    if conveyed_to(doc, actor) {
        return None;
    }
    // Property is hit, never the hitter; and the "car" of "car bomb" is the weapon.
    if actor.is_property() {
        if triggers.iter().any(|t| t.span.overlaps(actor.span)) {
            return None;
        }
        // "was shot dead at a hospital", "killed near the embassy": where people were attacked,
        // not what was; a place a bomb went off or a fire was set is what was hit.
        let damage = triggers.iter().any(|t| {
            matches!(
                t.event_type,
                EventType::Bombing | EventType::SuicideBombing | EventType::Arson | EventType::LootingDestruction
            )
        });
        if !damage && after_locative(doc, actor, &[]) {
            return None;
        }
        let after_trigger = triggers.iter().any(|t| t.span.end <= actor.span.start);
        // "the offices were also looted": the subject of a passive is what was hit.
        let passive_subject = triggers.iter().any(|t| t.span.start >= actor.span.end && is_passive(doc, t));
        return (after_trigger || passive_subject).then_some(Role::Target);
    }
    let toks = &doc.tokens;
    let mut i = toks.partition_point(|t| t.span.start < actor.span.start);
    // "shot by a group of terrorists", "attacked by members of the front": the agent's noun
    // phrase may open with words the actor leaves out.
    let opening = i;
    // ("by motorcycle-riding gunmen": a compound adjective is part of that phrase too.)
    let opens_agent = |w: &str| {
        AGENT_PHRASE_OPENERS.contains(&w)
            || (w.contains('-') && w.split('-').all(|p| p.chars().all(char::is_alphabetic)))
    };
    while i > 0 && opening - i < 4 && opens_agent(&toks[i - 1].span.of(doc.text).to_lowercase()) {
        i -= 1;
    }
    if i > 0 && toks[i - 1].span.of(doc.text).eq_ignore_ascii_case("by") {
        // "a gas station owned by X", "the government headed by X": who owns or heads something,
        // not who did the deed.
        let before = (i > 1).then(|| toks[i - 2].span.of(doc.text).to_lowercase());
        if before.as_deref().is_some_and(|w| NOT_AGENTS.contains(&w)) {
            return None;
        }
        return Some(Role::Perpetrator);
    }
    // "police attribute the attacks to drug traffickers": whom the deed is put down to.
    if i > 0 && toks[i - 1].span.of(doc.text).eq_ignore_ascii_case("to") {
        let from = i.saturating_sub(8);
        if toks[from..i - 1].iter().any(|t| ATTRIBUTING.contains(&t.span.of(doc.text).to_lowercase().as_str())) {
            return Some(Role::Perpetrator);
        }
    }
    if answerable(doc, actor) {
        return Some(Role::Perpetrator);
    }
    if victim_spans.iter().any(|v| v.overlaps(actor.span)) {
        return Some(Role::Target);
    }
    // A name the tagger found after "at", "near" or "in" ("near Juan Pablo II boulevard", "in the
    // Providencia neighbourhood") is a place it took for a person or a group; "of" and "to" may
    // lead to a person ("the murder of X").
    if actor.tagged && actor.kind == ActorKind::Unknown && after_locative(doc, actor, &["of", "to"]) {
        return None;
    }
    // Roles are read against the violence when the sentence reports some ("was deployed" beside
    // "the assault" says nothing of who attacked whom).
    // Except the verb the actor is the very subject of ("the army rounded up civilians, who were
    // executed": the army did it, whatever befell the civilians).
    let violent = triggers.iter().any(|t| t.event_type.is_violent());
    let right_after = |t: &TriggerMention| {
        t.span.start >= actor.span.end && words_between(doc, actor.span.end, t.span.start).iter().all(|w| is_adverb(w))
    };
    // "Looting: unidentified militants seized cattle": a label before a colon takes no object;
    // the sentence's own verbs say who did what.
    let label = |t: &TriggerMention| doc.text[t.span.end..].starts_with(':');
    let only_labels = triggers.iter().all(|t| label(t));
    let nearest = triggers
        .iter()
        .filter(|t| !label(t) || only_labels)
        .filter(|t| !t.span.overlaps(actor.span) && (!violent || t.event_type.is_violent() || right_after(t)))
        .min_by_key(|t| {
            if t.span.start >= actor.span.end {
                t.span.start - actor.span.end
            } else {
                actor.span.start.saturating_sub(t.span.end)
            }
        });
    let group = actor.kind == ActorKind::ArmedGroup && actor.hint == RoleHint::Perpetrator;
    match nearest {
        Some(t) if t.span.start >= actor.span.end && t.span.of(doc.text).to_lowercase().starts_with("came under") => {
            Some(Role::Target)
        }
        Some(t) if t.span.start >= actor.span.end && undergoes(doc, actor, t) => Some(Role::Target),
        Some(t) if t.span.start >= actor.span.end && t.event_type.is_violent() && object_of_verb(doc, actor) => {
            Some(Role::Target)
        }
        Some(t) if t.span.start >= actor.span.end && !is_subject_of(doc, actor, t) => {
            // "the release of Juan Perez, kidnapped last week": a participle set off after the
            // actor tells what befell it, wherever the actor stands.
            let befell = t.class == crate::mentions::TriggerClass::Past
                && words_between(doc, actor.span.end, t.span.start) == [","]
                && t.event_type.is_violent();
            // "Positions of the Malian army were attacked": what was hit was the actor's.
            let owner_hit = t.event_type.is_violent()
                && (is_passive(doc, t) || (t.class == crate::mentions::TriggerClass::Past && doer_named_after(doc, t)))
                && phrase_opener(doc, actor, 3, &["of"], &[]).is_some()
                && words_between(doc, actor.span.end, t.span.start)
                    .iter()
                    .all(|w| is_adverb(w) || matches!(w.as_str(), "was" | "were" | "been" | "had" | "has" | "have"));
            // "An attack against MINUSMA forces was repelled": the object of an event noun
            // just before, whatever verb follows.
            let aimed_at = befell
                || owner_hit
                || hit_by_instrument(doc, actor, t)
                || triggers.iter().any(|e| aimed_at_by(doc, e, actor));
            // "the JNIM attack", "a Barkhane airstrike": a group that names the deed right before
            // it did it, and so did a force that names a strike from the air or afar (a force
            // before "attack" is as often the one attacked).
            let names_deed =
                matches!(t.class, crate::mentions::TriggerClass::Noun | crate::mentions::TriggerClass::Plural)
                    && words_between(doc, actor.span.end, t.span.start).is_empty()
                    && (matches!(actor.kind, ActorKind::ArmedGroup | ActorKind::Militia)
                        || (actor.kind.is_state_side()
                            && matches!(t.event_type, EventType::AirDroneStrike | EventType::Shelling)));
            if aimed_at {
                Some(Role::Target)
            } else {
                (group || names_deed).then_some(Role::Perpetrator)
            }
        }
        Some(t) if t.span.start >= actor.span.end => {
            // Actor before the trigger: the subject, unless the verb is passive.
            let j = toks.partition_point(|x| x.span.start < t.span.start);
            let mut k = j;
            while k > 0 && is_adverb(&toks[k - 1].span.of(doc.text).to_lowercase()) {
                k -= 1;
            }
            let written = t.span.of(doc.text).to_lowercase();
            // Wire shorthand: "FAMa checkpoint in Gossi attacked around 18h20", "Army convoy
            // ambushed near Boni": a participle with no object is passive.
            let next = toks
                .get(toks.partition_point(|x| x.span.start < t.span.end))
                .map(|x| x.span.of(doc.text).to_lowercase());
            // ("French jets carried out a strike on …" is a verb with its object, no shorthand.)
            let agency = written.split_whitespace().next().is_some_and(|w| AGENT_VERBS.contains(&w));
            // Forces are written so, and so is anyone whose deed's doer a "by" names in the same
            // clause ("Position of a self-defense group attacked in Hombori by GATIA"), and a
            // civilian hit by violence ("Elderly man abducted by jihadists"), not one who fought
            // or rioted.
            let undergoes = actor.kind.is_state_side()
                || doer_named_after(doc, t)
                || (actor.kind == ActorKind::Civilian
                    && t.event_type.is_violent()
                    && !matches!(t.event_type, EventType::ArmedClash | EventType::Riot));
            let shorthand = t.class == crate::mentions::TriggerClass::Past
                && !agency
                && undergoes
                && (k == 0 || !PASSIVE.contains(&toks[k - 1].span.of(doc.text).to_lowercase().as_str()))
                && next.as_deref().is_none_or(|n| {
                    matches!(
                        n,
                        "in" | "at"
                            | "near"
                            | "on"
                            | "around"
                            | "this"
                            | "last"
                            | "yesterday"
                            | "overnight"
                            | ","
                            | "."
                            | ";"
                            | ":"
                            | "by"
                            | "between"
                            | "outside"
                    )
                });
            // "Juan Perez, kidnapped last week": a participle set off after the actor by a comma
            // modifies it, as a relative clause in the passive would.
            let between = words_between(doc, actor.span.end, t.span.start);
            let modifier = t.class == crate::mentions::TriggerClass::Past && between == [","];
            let passive = (k > 0 && PASSIVE.contains(&toks[k - 1].span.of(doc.text).to_lowercase().as_str()))
                || written.starts_with("was ")
                || written.starts_with("were ")
                || shorthand
                || modifier
                || UNDERGONE
                    .iter()
                    .any(|u| written.strip_prefix(u).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')));
            // "Colonel X, the brigade's commander, reported that guerrillas attacked": the one who
            // tells of the event, not its subject.
            // So is a subject whose clause the event's is put under: "X described as most
            // important the report that army elements are responsible for the killing" ("that"
            // right after the actor opens a relative clause the actor is the subject of).
            let told = between.iter().any(|w| is_saying(w)) || between.iter().skip(1).any(|w| w == "that");
            // "Juan Perez's murder": the event a person's name is the possessor of befell them
            // (a group's "assaults" are its own, and a group is no person).
            let befell = actor.tagged
                && actor.kind == ActorKind::Unknown
                && matches!(t.class, crate::mentions::TriggerClass::Noun)
                && matches!(between.as_slice(), [p] if p == "'s" || p == "’s");
            match (passive || befell, told) {
                (true, _) => Some(Role::Target),
                (false, true) => group.then_some(Role::Perpetrator),
                (false, false) => Some(Role::Perpetrator),
            }
        }
        // After the trigger: its object ("attacked a military base", "assaults on military
        // positions"); a named armed group there is more often named as the one responsible.
        Some(t) if label(t) => group.then_some(Role::Perpetrator),
        // "VDP members clashed with JNIM militants": the other side of a fight, named or not.
        Some(t)
            if t.event_type == EventType::ArmedClash
                && matches!(
                    words_between(doc, t.span.end, actor.span.start).first().map(String::as_str),
                    Some("with" | "against")
                ) =>
        {
            Some(Role::Target)
        }
        // "an attack on MNLA fighters": the named group it was aimed at.
        Some(t) if aimed_at_by(doc, t, actor) => Some(Role::Target),
        Some(_) if group && actor.named => Some(Role::Perpetrator),
        Some(_) => Some(Role::Target),
        None => group.then_some(Role::Perpetrator),
    }
}

/// "an attack on MNLA fighters", "assaults against military positions": the actor is what the
/// deed named just before it was aimed at.
fn aimed_at_by(doc: &Document, deed: &TriggerMention, actor: &ActorMention) -> bool {
    deed.span.end <= actor.span.start
        && matches!(words_between(doc, deed.span.end, actor.span.start).as_slice(),
            [p] | [p, _] if matches!(p.as_str(), "against" | "on" | "targeting"))
}

/// "A FAMa motorcycle was hit by an IED", "a military vehicle struck by a mine": the weapon
/// named after a passive's "by" hit the actor before it.
fn hit_by_instrument(doc: &Document, actor: &ActorMention, t: &TriggerMention) -> bool {
    if t.class != crate::mentions::TriggerClass::Noun {
        return false;
    }
    let between = words_between(doc, actor.span.end, t.span.start);
    let Some(by) = between.iter().rposition(|w| w == "by") else { return false };
    let after_by = &between[by + 1..];
    let participle = by.checked_sub(1).map(|i| between[i].as_str());
    after_by.len() <= 2
        && !after_by.iter().any(|w| w == "," || w == "by")
        && by <= 4
        && participle.is_some_and(|w| HIT_PARTICIPLES.contains(&w))
}

/// Participles of a weapon's blow, which its "by" follows ("was hit by an IED").
const HIT_PARTICIPLES: &[&str] = &[
    "hit",
    "struck",
    "targeted",
    "destroyed",
    "damaged",
    "wrecked",
    "blown",
    "shot",
    "caught",
    "torn",
    "riddled",
    "killed",
    "wounded",
    "injured",
];

/// Words that may open an agent's noun phrase before the actor the lexicon found in it.
const AGENT_PHRASE_OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "group",
    "groups",
    "band",
    "gang",
    "squad",
    "unit",
    "column",
    "of",
    "members",
    "some",
    "several",
    "two",
    "three",
    "four",
    "five",
    "six",
    "unidentified",
    "unknown",
    "heavily",
    "armed",
    // "by presumed jihadists", "by suspected Islamist militants": a hedge on who they were.
    "presumed",
    "suspected",
    "alleged",
    "presumably",
    "possibly",
    "probably",
    "likely",
];

/// Prepositions that place an event rather than aim it.
const LOCATIVES: &[&str] = &["at", "in", "inside", "near", "outside", "of", "from", "to", "into", "toward", "towards"];

/// Whether an actor's phrase follows a locative preposition ("at the Rimac hospital", "near the
/// embassy"), a few words of its noun phrase between them; `except` are prepositions not counted.
fn after_locative(doc: &Document, actor: &ActorMention, except: &[&str]) -> bool {
    phrase_opener(doc, actor, 4, LOCATIVES, &["on", "against"]).is_some_and(|(_, w)| !except.contains(&w.as_str()))
}

/// The word among `openers` that opens an actor's noun phrase, with its token index: walking back
/// over at most `reach` words of the phrase; none when punctuation or one of `stops` comes first.
fn phrase_opener(
    doc: &Document,
    actor: &ActorMention,
    reach: usize,
    openers: &[&str],
    stops: &[&str],
) -> Option<(usize, String)> {
    let toks = &doc.tokens;
    let i = toks.partition_point(|t| t.span.start < actor.span.start);
    for k in (i.saturating_sub(reach)..i).rev() {
        let w = toks[k].span.of(doc.text).to_lowercase();
        if openers.contains(&w.as_str()) {
            return Some((k, w));
        }
        if !w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == '\'') || stops.contains(&w.as_str()) {
            return None;
        }
    }
    None
}

/// Nouns of deeds in general that a word for the attackers may qualify ("terrorist acts").
const DEEDS: &[&str] = &[
    "act",
    "acts",
    "action",
    "actions",
    "activity",
    "activities",
    "violence",
    "wave",
    "campaign",
    "threat",
    "threats",
    "plan",
    "plans",
    "propaganda",
];

/// Verbs that lay an event at someone's door: "blamed the army for the murder", "accused the
/// guerrillas of the attack", "held the cartel responsible".
const BLAMING: &[&str] = &["blamed", "blames", "blame", "blaming", "accused", "accuses", "accusing", "held", "holds"];

/// Whether an actor is named as answerable for an event: it owns up to it ("the army accepted
/// responsibility for the deaths", "members of the army were responsible for the massacre") or is
/// blamed for it, within one clause.
fn answerable(doc: &Document, actor: &ActorMention) -> bool {
    let toks = &doc.tokens;
    let word = |k: usize| toks[k].span.of(doc.text).to_lowercase();
    let end = toks.partition_point(|t| t.span.start < actor.span.end);
    let after: Vec<String> = (end..(end + 5).min(toks.len())).map(word).take_while(|w| !is_clause_mark(w)).collect();
    let owns_up = after.iter().position(|w| w == "responsibility" || w == "responsible").is_some_and(|k| {
        k > 0
            && matches!(
                after[k - 1].as_str(),
                "accepted"
                    | "accepts"
                    | "admitted"
                    | "admits"
                    | "assumed"
                    | "assumes"
                    | "took"
                    | "takes"
                    | "claimed"
                    | "claims"
                    | "is"
                    | "was"
                    | "were"
                    | "are"
                    | "be"
                    | "been"
                    | "full"
                    | "sole"
            )
    });
    // "members of the army participated in the murder", "two officers were involved in the
    // massacre", "the cartel was behind the bombing".
    let took_part = after.iter().position(|w| w == "in").is_some_and(|k| {
        k > 0 && matches!(after[k - 1].as_str(), "participated" | "participates" | "involved" | "part" | "implicated")
    }) || after
        .iter()
        .position(|w| w == "behind")
        .is_some_and(|k| k > 0 && matches!(after[k - 1].as_str(), "is" | "was" | "were" | "are" | "been"));
    let start = toks.partition_point(|t| t.span.start < actor.span.start);
    let blamed = (start.saturating_sub(8)..start)
        .rev()
        .map(word)
        .take_while(|w| !is_clause_mark(w) || w == ",")
        .any(|w| BLAMING.contains(&w.as_str()))
        && after.first().is_some_and(|w| matches!(w.as_str(), "for" | "of" | "responsible"));
    owns_up || took_part || blamed
}

fn is_clause_mark(w: &str) -> bool {
    matches!(w, "." | ";" | ":" | "that" | "which" | "who" | "but" | "while" | "\"" | "“" | "”")
}

/// Verbs that bring the wounded or the freed somewhere: what follows their "to" is a destination.
const CONVEYING: &[&str] = &[
    "taken",
    "rushed",
    "evacuated",
    "transferred",
    "admitted",
    "brought",
    "flown",
    "airlifted",
    "transported",
    "moved",
    "handed",
    "driven",
    "returned",
];

/// Whether an actor's phrase is the destination of a verb of conveying ("taken to the Pablo Tobon
/// hospital"), a few words of its noun phrase between.
fn conveyed_to(doc: &Document, actor: &ActorMention) -> bool {
    phrase_opener(doc, actor, 7, &["to"], &[])
        .is_some_and(|(k, _)| k > 0 && CONVEYING.contains(&doc.tokens[k - 1].span.of(doc.text).to_lowercase().as_str()))
}

/// Participles whose "by" names an owner, a leader or a stand-in rather than an agent.
const NOT_AGENTS: &[&str] = &[
    "owned",
    "headed",
    "chaired",
    "presided",
    "led",
    "replaced",
    "represented",
    "accompanied",
    "founded",
    "signed",
    "interviewed",
    "visited",
    "received",
    "attended",
    "financed",
    "sponsored",
];

/// Trigger words whose subject suffers the event rather than does it: "the judge died", "the
/// mayor's body was found", "two soldiers lost their lives".
const UNDERGONE: &[&str] = &[
    "died",
    "lost their lives",
    "found dead",
    "were found dead",
    "was found dead",
    "bodies were found",
    "body was found",
    "bodies were discovered",
    "body was discovered",
    "succumbed",
];

/// Verbs by which a subject undergoes the event noun after them: "a convoy was subjected to a
/// complex attack", "the patrol fell into an ambush", "the post suffered an attack".
const UNDERGOING: &[&str] = &["subjected", "suffered", "sustained", "underwent", "fell"];

/// Whether the actor is the subject of an undergoing verb whose object is the trigger, in one
/// clause ("MINUSMA convoy subjected to a complex ambush").
fn undergoes(doc: &Document, actor: &ActorMention, trigger: &TriggerMention) -> bool {
    let words = words_between(doc, actor.span.end, trigger.span.start);
    // "A patrol vehicle hit an IED", "the truck struck a mine": the weapon as the very object.
    let written = trigger.span.of(doc.text).to_lowercase();
    let ran_into = matches!(trigger.event_type, crate::mentions::EventType::Bombing)
        && (matches!(words.as_slice(), [v] | [v, _] if matches!(v.as_str(), "hit" | "struck"))
            || words.is_empty() && (written.starts_with("hit ") || written.starts_with("struck ")));
    ran_into
        || words.len() <= 8
            && !words.iter().any(|w| matches!(w.as_str(), "," | ";" | ":" | "."))
            && words.iter().any(|w| UNDERGOING.contains(&w.as_str()))
}

/// The lower-cased words of the tokens that start from byte `start` up to byte `end`: what
/// stands between two mentions ("convoy was", "against").
fn words_between(doc: &Document, start: usize, end: usize) -> Vec<String> {
    let toks = &doc.tokens;
    let from = toks.partition_point(|x| x.span.start < start);
    let to = toks.partition_point(|x| x.span.start < end).max(from);
    toks[from..to].iter().map(|x| x.span.of(doc.text).to_lowercase()).collect()
}

/// Whether a "by" follows a verb within its clause (a few words on), naming who did the deed.
fn doer_named_after(doc: &Document, t: &TriggerMention) -> bool {
    let toks = &doc.tokens;
    toks[toks.partition_point(|x| x.span.start < t.span.end)..]
        .iter()
        .map(|x| x.span.of(doc.text))
        .take_while(|w| !matches!(*w, "," | "." | ";" | ":"))
        .take(6)
        .any(|w| w.eq_ignore_ascii_case("by"))
}

/// Whether a trigger is a passive verb: an auxiliary of the passive before it, past adverbs
/// ("were also looted", "was completely destroyed").
fn is_passive(doc: &Document, t: &TriggerMention) -> bool {
    let toks = &doc.tokens;
    let mut k = toks.partition_point(|x| x.span.start < t.span.start);
    while k > 0 && is_adverb(&toks[k - 1].span.of(doc.text).to_lowercase()) {
        k -= 1;
    }
    let written = t.span.of(doc.text).to_lowercase();
    t.class == crate::mentions::TriggerClass::Past
        && ((k > 0 && PASSIVE.contains(&toks[k - 1].span.of(doc.text).to_lowercase().as_str()))
            || written.starts_with("was ")
            || written.starts_with("were "))
}

const PREPOSITIONS: &[&str] =
    &["in", "inside", "at", "near", "of", "on", "against", "from", "to", "into", "outside", "with", "among", "for"];
const AGENT_VERBS: &[&str] = &[
    "launched",
    "carried",
    "staged",
    "conducted",
    "mounted",
    "claimed",
    "led",
    "executed",
    "perpetrated",
    "committed",
    "’s",
    "'s",
    "have",
    "has",
    "had",
];

/// Whether an actor written before a trigger is the one doing it: not inside a prepositional
/// phrase ("inside the police headquarters, killing …"), and, for an event noun, tied to it by a
/// verb of agency or a possessive ("JNIM launched assaults", "JNIM's assaults").
fn is_subject_of(doc: &Document, actor: &ActorMention, trigger: &TriggerMention) -> bool {
    let toks = &doc.tokens;
    let a = toks.partition_point(|t| t.span.start < actor.span.start);
    let lower = |i: usize| toks[i].span.of(doc.text).to_lowercase();
    for i in a.saturating_sub(4)..a {
        let w = lower(i);
        if matches!(w.as_str(), "," | ";" | ":" | "." | "–" | "—") {
            continue;
        }
        if PREPOSITIONS.contains(&w.as_str()) && !(i + 1 < a && matches!(lower(i + 1).as_str(), "," | ";")) {
            // A preposition right before the actor's phrase, with no clause break after it.
            if !toks[i + 1..a].iter().any(|t| matches!(t.span.of(doc.text), "," | ";" | ":" | "–")) {
                return false;
            }
        }
    }
    match trigger.class {
        crate::mentions::TriggerClass::Noun | crate::mentions::TriggerClass::Plural => {
            words_between(doc, actor.span.end, trigger.span.start).iter().any(|w| AGENT_VERBS.contains(&w.as_str()))
        }
        _ => true,
    }
}

/// Participles that describe people rather than tell what was done to them.
const DESCRIPTIVE_PARTICIPLES: &[&str] = &[
    "armed",
    "suspected",
    "alleged",
    "unidentified",
    "wounded",
    "injured",
    "displaced",
    "retired",
    "uniformed",
    "hooded",
    "masked",
    "detained",
    "disguised",
    "unarmed",
    "trained",
    "qualified",
    "dressed",
    "named",
    "called",
    "presumed",
    "combined",
    "reputed",
    "purported",
    "organized",
    "organised",
    "affiliated",
    "hired",
];

/// Whether an actor is the object of a verb in the past right before it ("gunmen stopped a
/// trader and shot him dead"): what was done to it, so not the subject of the event after it.
fn object_of_verb(doc: &Document, actor: &ActorMention) -> bool {
    let toks = &doc.tokens;
    let mut i = toks.partition_point(|t| t.span.start < actor.span.start);
    while i > 0
        && (matches!(toks[i - 1].span.of(doc.text).to_lowercase().as_str(), "a" | "an" | "the" | "two" | "three")
            || toks[i - 1].shape == crate::text::TokenShape::Number)
    {
        i -= 1;
    }
    if i < 2 {
        return false;
    }
    let verb = toks[i - 1].span.of(doc.text);
    let before = toks[i - 2].span.of(doc.text).to_lowercase();
    verb.len() > 4
        && verb.ends_with("ed")
        && verb.chars().all(|c| c.is_ascii_lowercase())
        && !DESCRIPTIVE_PARTICIPLES.contains(&verb)
        && !matches!(before.as_str(), "was" | "were" | "been" | "being" | "is" | "are" | "be")
        // (The verb has a subject before it: "On Monday, presumed militants" opens with none.)
        && before.chars().all(char::is_alphabetic)
        && !PREPOSITIONS.contains(&before.as_str())
        && !matches!(before.as_str(), "and" | "or" | "but" | "who" | "which" | "that")
}

/// Actors that take no part: disguises ("wearing FAMa uniforms", "disguised as peacekeepers").
pub fn is_disguise(mentions: &Mentions, actor: &ActorMention, doc: &Document) -> bool {
    mentions.tactics.iter().filter(|t| t.tactic == crate::mentions::Tactic::Disguise).any(|t| {
        t.span.overlaps(actor.span)
            || (actor.span.start >= t.span.end && doc.text[t.span.end..actor.span.start].trim().is_empty())
    })
}

#[cfg(test)]
mod tests {
    use crate::incidents::Incident;
    use crate::read::Article;
    use crate::Pipeline;
    use std::sync::LazyLock;

    static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::builder().build().expect("models load"));

    /// The perpetrators and targets of an invented report's one record.
    fn sides(text: &str) -> (Vec<String>, Vec<String>) {
        let a =
            Article { id: "t".into(), text: text.into(), published: Some("1990-03-06".into()), ..Default::default() };
        let got: Vec<Incident> = PIPELINE.process(&a);
        assert_eq!(got.len(), 1, "{got:#?}");
        let names = |v: &[crate::incidents::Actor]| v.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
        (names(&got[0].perpetrators), names(&got[0].targets))
    }

    #[test]
    fn an_agent_phrase_may_open_before_its_actor() {
        let (perpetrators, targets) =
            sides("Two teachers were shot dead in Cali on Monday by a group of guerrillas from the mountains.");
        assert_eq!(perpetrators, ["guerrillas"]);
        assert!(!targets.iter().any(|t| t.contains("guerrillas")), "{targets:?}");
    }

    #[test]
    fn the_subject_of_died_is_a_victim() {
        let (perpetrators, targets) = sides("Judge Pedro Alvarado died in the bomb explosion in Cali on Monday.");
        assert!(perpetrators.is_empty(), "{perpetrators:?}");
        assert!(targets.iter().any(|t| t.contains("Pedro Alvarado")), "{targets:?}");
    }

    #[test]
    fn a_participle_after_a_comma_describes_the_victim() {
        let (perpetrators, targets) = sides("Tomas Vera, kidnapped in Cali on Monday, remains missing.");
        assert!(perpetrators.is_empty(), "{perpetrators:?}");
        assert_eq!(targets, ["Tomas Vera"]);
    }

    #[test]
    fn who_reports_an_attack_is_not_its_author() {
        let (perpetrators, targets) = sides(
            "Colonel Jaime Ruiz, commander of the fifth brigade, reported that guerrillas attacked a bus near Cali \
             on Monday.",
        );
        assert_eq!(perpetrators, ["guerrillas"]);
        assert_eq!(targets, ["bus"]);
    }

    #[test]
    fn an_owner_written_with_by_is_no_perpetrator() {
        let (perpetrators, targets) = sides("Guerrillas burned a warehouse owned by Ramiro Lopez in Cali on Monday.");
        assert_eq!(perpetrators, ["Guerrillas"]);
        assert_eq!(targets, ["warehouse"]);
    }

    #[test]
    fn a_person_whose_murder_it_was_is_its_victim() {
        let (perpetrators, targets) = sides("The senator condemned Julio Mesa's murder in Cali on Monday.");
        assert!(perpetrators.is_empty(), "{perpetrators:?}");
        assert_eq!(targets, ["Julio Mesa"]);
    }

    #[test]
    fn a_subject_whose_clause_holds_the_event_is_not_its_author() {
        let (perpetrators, _) = sides("Ricardo Paz admitted that guerrillas killed two peasants near Cali on Monday.");
        assert_eq!(perpetrators, ["guerrillas"]);
    }

    #[test]
    fn a_building_where_people_were_shot_is_no_target_but_one_a_bomb_hit_is() {
        let (_, targets) = sides("Gunmen shot dead a nurse at the hospital in Cali on Monday.");
        assert_eq!(targets, ["nurse"]);
        let (_, targets) = sides("A bomb exploded at the bank in Cali on Monday.");
        assert_eq!(targets, ["bank"]);
    }

    #[test]
    fn assassins_are_the_attackers() {
        let (perpetrators, targets) = sides("A judge was shot dead by assassins in Cali on Monday.");
        assert_eq!(perpetrators, ["assassins"]);
        assert_eq!(targets, ["judge"]);
    }

    #[test]
    fn a_name_after_near_is_a_place_not_a_victim() {
        let (_, targets) = sides("Gunmen killed two peasants near Alameda Juan Pablo in Cali on Monday.");
        assert_eq!(targets, ["peasants"]);
    }

    #[test]
    fn a_group_counted_among_the_dead_is_hit_whatever_hedge_names_it() {
        let (perpetrators, targets) = sides("On Monday, FAMa soldiers killed 12 presumed JNIM militants near Tessit.");
        assert_eq!(perpetrators, ["FAMa"]);
        assert_eq!(targets, ["JNIM"]);
    }
}

use super::record::*;
use super::roles::{is_disguise, role_of, Role};
use super::subevent;
use super::taxonomy::Taxonomy;
use crate::mentions::cues::any_in;
use crate::mentions::speech::{is_saying, is_statement, ATTRIBUTING, CLAIMS, RELAYED};
use crate::mentions::{
    ActorKind, ActorLexicon, ActorMention, CountMention, Counted, Cue, DatePrecision, DateValue, EventType, Gazetteer,
    MentionFinder, Mentions, PlaceKind, PlaceMention, Qualifier, RoleHint, Tactic, TriggerClass, TriggerMention,
};
use crate::text::{fold, Document, Span};
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// A calendar interval with its precision and the words that gave it.
#[derive(Debug, Clone, PartialEq)]
struct When {
    start: NaiveDate,
    end: NaiveDate,
    precision: DatePrecision,
    text: String,
    /// Reckoned from the incident in focus ("hours after the attack"): no news of a new event.
    from_focus: bool,
}

/// Where a draft happened: a gazetteer place, or a name no gazetteer knows with a country from context.
#[derive(Debug, Clone, PartialEq)]
struct Where {
    mention: PlaceMention,
    name: String,
    country_code: Option<String>,
}

#[derive(Debug, Clone)]
struct Draft {
    anchor: usize,
    trigger: TriggerMention,
    sentences: BTreeSet<usize>,
    place: Option<Where>,
    country_only: Option<String>,
    date: Option<When>,
    aggregate: bool,
    /// Sentences that reported the event itself (not only a detail of it); they decide its type.
    anchors: BTreeSet<usize>,
}

/// What one sentence offers, with the spans that refer back to other events masked out.
struct SentenceView<'m> {
    triggers: Vec<&'m TriggerMention>,
    places: Vec<&'m PlaceMention>,
    dates: Vec<&'m crate::mentions::DateMention>,
    masked: Vec<Span>,
}

const GENERIC_DETERMINERS: &[&str] =
    &["any", "every", "each", "such", "previous", "future", "similar", "another", "further", "more", "past", "other"];
/// Event types that say how an assault was carried out; a later sentence may sharpen an
/// assault into one of these, never into its aftermath (abductions, looting).
/// What follows an attack more often than it makes one: these decide an incident's type only
/// when its opening sentence reports nothing else.
const SECONDARY: &[EventType] = &[
    EventType::Arrest,
    EventType::LootingDestruction,
    EventType::Arson,
    EventType::Kidnapping,
    EventType::HostageTaking,
    EventType::Other,
];
/// A rank at which an `other` trigger decides even beside an attack (chemical weapons).
const DECISIVE: u8 = 60;
/// The rank from which an arrest or an `other` verb reports the event itself (below it: "were
/// deployed", "threatened", which follow events more than they make them).
const REPORTED: u8 = 20;
const MODES: &[EventType] = &[
    EventType::Bombing,
    EventType::SuicideBombing,
    EventType::Shelling,
    EventType::AirDroneStrike,
    EventType::SeizureOfTerritory,
    EventType::MassKilling,
];
/// Words that name the authors of an attack told elsewhere, beside [`ATTRIBUTING`] verbs: "the
/// authors of the attack", "the bombings were carried out by …".
const AUTHORSHIP: &[&str] = &["authors", "perpetrators", "blames", "responsible", "carried"];

/// With [`CLAIMS`] and [`ATTRIBUTING`], words that tie a named group to an attack told elsewhere:
/// credit, authorship, membership.
const TIES: &[&str] =
    &["credit", "accused", "authors", "perpetrators", "members", "member", "belongs", "belong", "joined"];

/// Whether a sentence's word attributes an attack told elsewhere to a group, named or not.
fn attributes(word: &str) -> bool {
    ATTRIBUTING.contains(&word) || AUTHORSHIP.contains(&word)
}

/// Words that make a report habitual or generic: "roads are regularly mined and ambushed".
const HABITUAL: &[&str] = &[
    "regularly",
    "often",
    "frequently",
    "routinely",
    "usually",
    "increasingly",
    "sometimes",
    "commonly",
    "typically",
    "repeatedly",
    "are",
    "is",
    "continue",
    "continues",
    "continued",
];
const USAGE_CUES: &[&str] = &[
    "use",
    "used",
    "using",
    "fired",
    "firing",
    "wearing",
    "wore",
    "disguised",
    "detonated",
    "planted",
    "launched",
    "armed",
    "dressed",
    "posing",
    "infiltrated",
    "deployed",
    "dropped",
    "struck",
    "hit",
];

pub fn assemble(doc: &Document, m: &Mentions, finder: &MentionFinder, taxonomy: &Taxonomy) -> Vec<Incident> {
    let views: Vec<SentenceView> = (0..doc.sentences.len()).map(|s| view(doc, m, s)).collect();
    let mut drafts = walk(doc, m, finder, &views, false);
    // Dated after the report, it is a plan ("agreed to wind down its mission by September"), not an event.
    if let Some(p) = doc.published {
        drafts.retain(|d| d.date.as_ref().is_none_or(|w| w.start <= p));
    }
    // A brief of a few sentences reports its event even without naming a place, a date or a toll
    // ("An attack against a patrol was repelled."); a longer text without one reports none.
    if drafts.is_empty() && doc.sentences.len() <= SHORT_REPORT {
        drafts = walk(doc, m, finder, &views, true);
    }
    drafts.retain(|d| !no_conflict(doc, m, d));
    drafts.iter().enumerate().map(|(n, d)| finish(doc, m, d, n + 1, &views, finder, taxonomy)).collect()
}

const SHORT_REPORT: usize = 4;

/// An event of no conflict: a disaster, an accident, or crime for gain. An explosion at a plant,
/// a fire in a warehouse, deaths in a flood or a crash, an arrest of smugglers or a haul of
/// counterfeit goods are news, but no political violence, unless the sentences name someone or
/// something hostile (a bomb, militants, gunmen, an arson).
fn no_conflict(doc: &Document, m: &Mentions, d: &Draft) -> bool {
    let anchor = doc.sentences[d.anchor].span;
    let in_anchor = |c: Cue| any_in(&m.cues, c, anchor);
    let spans: Vec<Span> = d.sentences.iter().map(|&s| doc.sentences[s].span).collect();
    // People protesting a disaster or a crime still protest.
    if matches!(d.trigger.event_type, EventType::Protest | EventType::Riot) || in_anchor(Cue::ProtestWord) {
        return false;
    }
    let hostile = spans.iter().any(|&s| any_in(&m.cues, Cue::Hostile, s))
        || m.actors.iter().any(|a| a.kind == ActorKind::ArmedGroup && spans.iter().any(|s| s.contains(a.span)));
    if hostile {
        return false;
    }
    if in_anchor(Cue::Disaster) || in_anchor(Cue::Accident) {
        return true;
    }
    in_anchor(Cue::Crime)
        && matches!(d.trigger.event_type, EventType::Arrest | EventType::LootingDestruction | EventType::Other)
        && d.trigger.acled_sub.as_deref() != Some(DISRUPTED)
}
const DISRUPTED: &str = "Disrupted weapons use";

/// One pass over the sentences; `relaxed` lets a real, specific trigger anchor without a place,
/// a date or a count.
fn walk(doc: &Document, m: &Mentions, finder: &MentionFinder, views: &[SentenceView], relaxed: bool) -> Vec<Draft> {
    let g = &finder.gazetteer;
    let mut drafts: Vec<Draft> = Vec::new();
    let mut focus: Option<usize> = None;
    let mut previous_place: Option<Where> = None;
    // "Police reported that terrorists bombed two embassies. A car bomb exploded in front of one
    // in San Isidro.": a report of violence too bare to open an incident leads the one the next
    // sentence of its paragraph opens, and says who did it.
    let mut lead: Option<usize> = None;
    for (s, v) in views.iter().enumerate() {
        let lead_sentence = lead.take().filter(|&l| doc.sentences[l].paragraph == doc.sentences[s].paragraph);
        let words: Vec<String> = doc.tokens_of(s).iter().map(|t| t.span.of(doc.text).to_lowercase()).collect();
        let counts = &m.counts[s];
        // ("He later died of his injuries", and after an abduction "The two were killed the
        // following day": the death of someone named before is a detail of the incident it
        // refers back to, not a report of its own.)
        let captives = focus
            .is_some_and(|f| matches!(drafts[f].trigger.event_type, EventType::Kidnapping | EventType::HostageTaking));
        let refers_back = |c: &CountMention| {
            matches!(c.text.to_lowercase().as_str(), "he" | "she") || captives && doc.preceded_by(c.span, &["the"], 1)
        };
        let casualty_count = counts
            .iter()
            .any(|c| !matches!(c.counted, Counted::Seized { .. }) && !masked(v, c.span) && !refers_back(c));
        let when = sentence_date(doc, m, v, &drafts, focus, g);
        // "One peacekeeper died of his wounds on 21 November": the day of a later death is not
        // the day of the incident it goes on with.
        let later_death = {
            let joined = words.join(" ");
            LATER_DEATHS.iter().any(|p| joined.contains(p))
        };
        let since = v.dates.iter().any(|d| matches!(d.value, DateValue::Since { .. }));
        let places: Vec<&PlaceMention> = v.places.iter().copied().filter(|p| !p.is_reference).collect();
        let endpoints: Vec<&PlaceMention> = v.places.iter().copied().filter(|p| p.is_endpoint).collect();
        let local_place = best_place(doc, &places, g).or_else(|| anaphoric_place(doc, m, s, &words, g));
        let endpoint = best_place(doc, &endpoints, g).filter(|p| p.mention.kind != Some(PlaceKind::Country));
        // "Gunmen tried to rob an office in Menaka. A guard was wounded.": the place of a sentence
        // that started no incident is where the next one in its paragraph happened.
        let carried = previous_place
            .take()
            .filter(|_| s > 0 && doc.sentences[s - 1].paragraph == doc.sentences[s].paragraph)
            .filter(|_| !drafts.iter().any(|d| d.sentences.contains(&(s - 1))));
        previous_place = local_place.clone().filter(|p| p.mention.kind != Some(PlaceKind::Country));
        let specific = |t: &&TriggerMention| -> bool {
            // ("Civilians are being held hostage": a state going on now, no habit.)
            let ongoing = doc.preceded_by(t.span, &["being"], 1);
            if !ongoing && (doc.preceded_by(t.span, HABITUAL, 3) || doc.followed_by(t.span, &HABITUAL[..10], 2)) {
                return casualty_count && when.is_some();
            }
            // An attempt reports an event: "attempted to assassinate", "tried to storm".
            if doc.preceded_by(t.span, &["attempted", "tried", "attempting", "trying"], 2) {
                return true;
            }
            match t.class {
                TriggerClass::Past => true,
                // ("Another attack targeted the post overnight": a report that opens so tells of
                // a new event, not of attacks in general.)
                TriggerClass::Noun => {
                    !doc.preceded_by(t.span, GENERIC_DETERMINERS, 3) || opens_with_another(doc, s, t.span)
                }
                // In a brief of a few sentences, even a plural or a headline verb reports the event.
                TriggerClass::Plural => {
                    relaxed
                        || casualty_count
                        || when
                            .as_ref()
                            .is_some_and(|w| matches!(w.precision, DatePrecision::Day | DatePrecision::Month))
                }
                TriggerClass::Present => relaxed || casualty_count,
            }
        };
        let anchors: Vec<&TriggerMention> = v.triggers.iter().copied().filter(specific).collect();
        // A completed event ("seven of the bombs exploded") is specific enough when its time
        // or its place is given, even where a date cannot be placed ("last night" in an
        // undated text, as once a publication date placed it) or the place was named by the
        // sentence before, which started nothing ("bombs were placed in banks in Medellin"), or
        // when it opens the text: a lead reports the news.
        let completed = anchors.iter().any(|t| t.class == TriggerClass::Past);
        let unplaced_date = v.dates.iter().any(|d| d.value == DateValue::Unresolved && !masked(v, d.span));
        let has_specifics = local_place.as_ref().is_some_and(|p| p.mention.kind != Some(PlaceKind::Country))
            || when.as_ref().is_some_and(|w| !w.from_focus)
            || casualty_count
            || completed && (unplaced_date || carried.is_some() || s == 0);
        let binding = bound_draft(doc, s, &words, v, &drafts, focus);
        let is_anchor = !anchors.is_empty() && (has_specifics || relaxed);
        // Weapons taken after a raid are its spoils, not a separate seizure: "the group said it
        // had seized 25 rifles" after the assault it reports.
        let spoils = is_anchor
            && anchors.iter().all(|t| t.acled_sub.as_deref() == Some(DISRUPTED))
            && focus.is_some_and(|f| !drafts[f].aggregate && drafts[f].trigger.event_type.is_violent());
        if spoils {
            let f = focus.expect("checked");
            attach(&mut drafts[f], s, None, None);
            continue;
        }

        if let Some((d, strong)) = binding {
            let conflict = !strong && is_anchor && conflicts(&drafts[d], local_place.as_ref(), None, g);
            if !conflict {
                // "JNIM claimed the attack on October 27": the date of the claim, not the attack.
                let claimed = words.iter().any(|w| is_statement(w));
                attach(&mut drafts[d], s, local_place, if claimed || later_death { None } else { when });
                focus = Some(d);
                continue;
            }
        }
        if is_anchor {
            let aggregate = since || is_aggregate(&words, when.as_ref(), &anchors);
            let trigger =
                anchors.iter().max_by_key(|t| (t.rank, std::cmp::Reverse(t.span.start))).copied().unwrap().clone();
            let violent = trigger.event_type.is_violent();
            // "1 person was killed, 4 injured and a vehicle and arms seized", "1 killed and 1
            // assailant arrested": a sentence with no place of its own that also reports violence
            // or a toll goes on with the violent incident in focus, whatever outranks it.
            let same_kind = |d: &Draft| {
                let focus_violent = d.trigger.event_type.is_violent();
                focus_violent == violent
                    || focus_violent && (casualty_count || anchors.iter().any(|t| t.event_type.is_violent()))
            };
            let target = if aggregate {
                None
            } else if let Some(p) = &local_place {
                let fits = |d: &Draft| {
                    !d.aggregate
                        && same_place(d.place.as_ref(), Some(p))
                        && dates_compatible(d.date.as_ref(), when.as_ref())
                        && d.trigger.event_type.is_violent() == violent
                };
                // With no date of its own, a sentence is about the present, not the background.
                (0..drafts.len())
                    .rev()
                    .find(|&d| fits(&drafts[d]) && (when.is_some() || !is_historical(doc.published, &drafts[d])))
                    .or_else(|| drafts.iter().rposition(fits))
                    .or_else(|| {
                        focus.filter(|&f| {
                            let d = &drafts[f];
                            !d.aggregate
                                && d.trigger.event_type.is_violent() == violent
                                && !conflicts(d, Some(p), when.as_ref(), g)
                        })
                    })
            } else {
                focus.filter(|&f| {
                    let d = &drafts[f];
                    !d.aggregate && dates_compatible(d.date.as_ref(), when.as_ref()) && same_kind(d)
                })
            };
            let countries: BTreeSet<String> = places
                .iter()
                .filter(|p| p.kind == Some(PlaceKind::Country))
                .filter_map(|p| p.country_code.clone())
                .collect();
            match target {
                Some(d) => {
                    // "JNIM claimed … on October 26": a claim going on with the incident in focus
                    // is dated by the claim, which came after the deed.
                    let claim = words.iter().any(|w| CLAIMS.contains(&w.as_str()));
                    attach(&mut drafts[d], s, local_place, if later_death || claim { None } else { when });
                    drafts[d].anchors.insert(s);
                    if trigger.rank > drafts[d].trigger.rank && drafts[d].anchor == s {
                        drafts[d].trigger = trigger;
                    }
                    focus = Some(d);
                }
                None => {
                    let reference_countries: BTreeSet<String> =
                        v.places.iter().filter(|p| p.is_reference).filter_map(|p| p.country_code.clone()).collect();
                    // A country alone says less than the town a journey left from or went to.
                    let country_only_here =
                        local_place.as_ref().is_some_and(|p| p.mention.kind == Some(PlaceKind::Country));
                    // The sentence a place is carried from told of the incident it places
                    // ("bombs were placed in banks in Medellin. Seven exploded.").
                    let from_before = carried.is_some() && (country_only_here || local_place.is_none());
                    let place = if country_only_here {
                        carried.or(endpoint).or(local_place)
                    } else {
                        local_place.or(carried).or(endpoint)
                    };
                    let place = place.map(|mut p| {
                        if p.country_code.is_none() {
                            p.country_code = dominant_country(m, &reference_countries);
                        }
                        p
                    });
                    // No place: the country the sentence names, else the one the story is about.
                    let country_only = match (&place, countries.len()) {
                        (Some(_), _) => None,
                        (None, 1) => countries.iter().next().cloned(),
                        (None, 0) => crate::mentions::clear_country(&m.country_context).map(str::to_string),
                        _ => None,
                    };
                    let mut sentences = BTreeSet::from([s]);
                    sentences.extend(lead_sentence.filter(|_| violent && !aggregate));
                    if from_before {
                        sentences.insert(s - 1);
                    }
                    drafts.push(Draft {
                        anchor: s,
                        trigger,
                        sentences,
                        place,
                        country_only,
                        date: when,
                        aggregate,
                        anchors: BTreeSet::from([s]),
                    });
                    focus = Some(drafts.len() - 1);
                }
            }
            continue;
        }
        // A sentence of detail: a toll, seized weapons, or a tactic in use.
        let tactic_in_use = m.tactics.iter().any(|t| doc.sentence_at(t.span.start) == Some(s) && !masked(v, t.span))
            && (!v.triggers.is_empty() || words.iter().any(|w| USAGE_CUES.contains(&w.as_str())));
        // "TTP claimed responsibility", "police blamed al-Shabaab", "the attacks were carried out
        // by gunmen": who did it.
        let claim = words.iter().any(|w| CLAIMS.contains(&w.as_str()) || attributes(w))
            && m.actors.iter().any(|a| a.kind == ActorKind::ArmedGroup && doc.sentences[s].span.contains(a.span));
        // Habits ("roads are regularly mined") add no detail to one event, but a claim still names its author.
        let habitual = words.iter().any(|w| HABITUAL[..10].contains(&w.as_str()));
        // "The victims were identified as X and Y": who was hit.
        let victims_named = any_in(&m.cues, Cue::VictimList, doc.sentences[s].span);
        let has_content =
            (!habitual && (counts.iter().any(|c| !masked(v, c.span)) || tactic_in_use)) || claim || victims_named;
        if !has_content || since || is_aggregate(&words, when.as_ref(), &[]) {
            let bare_report = !since
                && binding.is_none()
                && anchors.iter().any(|t| t.class == TriggerClass::Past && t.event_type.is_violent());
            // (A sentence between that starts nothing either keeps the lead waiting.)
            lead = if bare_report { Some(s) } else { lead_sentence };
            continue;
        }
        let by_place = local_place.as_ref().filter(|p| p.mention.kind != Some(PlaceKind::Country)).and_then(|p| {
            let candidates: Vec<usize> = (0..drafts.len())
                .filter(|&d| !drafts[d].aggregate && same_place(drafts[d].place.as_ref(), Some(p)))
                .collect();
            candidates
                .iter()
                .copied()
                .find(|&d| !is_historical(doc.published, &drafts[d]))
                .or(candidates.first().copied())
        });
        // A list of the victims refers back to the incident in focus, whatever places it names
        // (where the victims came from, where they worked).
        let target = if victims_named && binding.is_none() {
            focus.filter(|&f| !drafts[f].aggregate)
        } else {
            by_place.or_else(|| {
                focus.filter(|&f| !drafts[f].aggregate && !conflicts(&drafts[f], local_place.as_ref(), None, g))
            })
        };
        if let Some(d) = target {
            attach(&mut drafts[d], s, None, None);
            focus = Some(d);
        }
    }
    drafts
}

/// A person named after words that list an incident's victims ("the victims were identified as
/// X and Y"): the tagger's name with no canonical one, which an organisation would have.
fn listed_victim(doc: &Document, m: &Mentions, a: &ActorMention) -> bool {
    let s = doc.sentence_at(a.span.start);
    a.tagged
        && a.kind == ActorKind::Unknown
        && a.canonical.is_none()
        && m.cues
            .iter()
            .any(|c| c.cue == Cue::VictimList && c.span.end <= a.span.start && doc.sentence_at(c.span.start) == s)
}

fn view<'m>(doc: &Document, m: &'m Mentions, s: usize) -> SentenceView<'m> {
    let span = doc.sentences[s].span;
    let dates: Vec<_> =
        m.dates.iter().filter(|d| span.contains(d.span) && !doc.dateline.is_some_and(|l| l.overlaps(d.span))).collect();
    let masked: Vec<Span> = dates
        .iter()
        .filter_map(|d| match d.value {
            // The other event, to the end of its clause: "two days after gunmen kidnapped five traders".
            DateValue::EventRelative { reference, .. } if !reference.is_empty() => {
                Some(Span::new(reference.start, clause_end(doc, reference.end, span.end)))
            }
            _ => None,
        })
        .chain(doc.dateline.filter(|d| d.overlaps(span)))
        .chain(dates.iter().filter_map(|d| dated_background(doc, m, span, d)))
        .collect();
    let free = |x: Span| span.contains(x) && !masked.iter().any(|r| r.overlaps(x));
    SentenceView {
        triggers: m.triggers.iter().filter(|t| free(t.span) && !m.irrealis.contains(&t.span)).collect(),
        places: m.places.iter().filter(|p| free(p.span) && !attributive_country(doc, p)).collect(),
        dates,
        masked,
    }
}

/// "arrested the mastermind of the Grand Bassam (Ivory Coast) attack which left 19 people dead
/// in March 2016": an event noun whose relative clause dates it long before the report names
/// another event than the verb before it. The noun's phrase and clause, to the clause's end.
fn dated_background(doc: &Document, m: &Mentions, sentence: Span, d: &crate::mentions::DateMention) -> Option<Span> {
    let DateValue::Interval { end, .. } = d.value else { return None };
    if (doc.published? - end).num_days() < BACKGROUND_DAYS {
        return None;
    }
    let in_sentence = |t: &&TriggerMention| sentence.contains(t.span) && t.span.end <= d.span.start;
    let noun =
        m.triggers.iter().filter(in_sentence).filter(|t| t.class == TriggerClass::Noun).max_by_key(|t| t.span.end)?;
    let clause = doc.text[noun.span.end..d.span.start].trim_start().to_lowercase();
    let relative =
        (clause.starts_with("which ") || clause.starts_with("that ")) && !clause.contains([',', ';', ':', '(', ')']);
    let reported_before =
        m.triggers.iter().filter(in_sentence).any(|t| t.class == TriggerClass::Past && t.span.end <= noun.span.start);
    if !relative || !reported_before {
        return None;
    }
    // Back over the noun's modifiers: names, bracketed asides, years, to its article.
    let toks = &doc.tokens;
    let mut i = toks.partition_point(|t| t.span.start < noun.span.start);
    let mut depth = 0;
    while i > 0 && toks[i - 1].span.start >= sentence.start {
        let w = toks[i - 1].span.of(doc.text);
        match w {
            ")" => depth += 1,
            "(" => depth -= 1,
            _ if depth > 0 => {}
            "the" | "The" => {
                i -= 1;
                break;
            }
            _ if w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) => {}
            _ => break,
        }
        i -= 1;
    }
    Some(Span::new(toks[i].span.start, clause_end(doc, d.span.end, sentence.end)))
}

/// How long before its report a date must lie for the event it dates to be background.
const BACKGROUND_DAYS: i64 = 60;

/// A country written as a dotted abbreviation ("U.S. embassy", "U.S. advisers") tells whose the
/// thing is, not where the event happened, unless a preposition of place introduces it.
fn attributive_country(doc: &Document, p: &PlaceMention) -> bool {
    p.kind == Some(PlaceKind::Country)
        && p.span.of(doc.text).contains('.')
        && !doc.preceded_by(p.span, &["in", "into", "inside", "across", "throughout", "within", "to", "from"], 2)
}

fn masked(v: &SentenceView, span: Span) -> bool {
    v.masked.iter().any(|r| r.overlaps(span))
}

/// "a militant arrested by the police, has described …": a participle after its noun with its
/// agent, no auxiliary before it, describes someone rather than reporting the event.
fn reduced_relative(doc: &Document, span: Span) -> bool {
    doc.followed_by(span, &["by"], 1)
        && !doc.preceded_by(span, &["was", "were", "been", "being", "is", "are", "have", "has", "had"], 1)
}

/// Whether sentence `s` opens with "Another" right before the event noun at `span`.
fn opens_with_another(doc: &Document, s: usize, span: Span) -> bool {
    let toks = doc.tokens_of(s);
    toks.len() >= 2 && toks[0].span.of(doc.text) == "Another" && toks[1].span.start == span.start
}

/// "Fatalities split between two locations", "with fatalities spread across the two events": a
/// coder's note that the report's deaths are shared out among that many records, of which this
/// is one; each takes its share, rounded.
fn fatalities_shared_by(text: &str) -> Option<u64> {
    static SHARED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\b(?:fatalities|deaths|casualties)\s+(?:were\s+|are\s+)?(?:split|spread|divided|shared)\s+(?:between|across|over|among)\s+(?:the\s+)?(\w+)\s+(?:events|incidents|locations|places|villages|sites|attacks)\b",
        )
        .expect("shared-fatalities pattern compiles")
    });
    let how_many = SHARED.captures(text)?.get(1)?;
    let n = crate::mentions::quantities::find_numbers(how_many.as_str(), 0).first()?.low?;
    (n >= 2).then_some(n)
}

/// "coded as", "coded at approximate location in the vicinity of", right before a place.
static CODED_AS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\bcoded\s+(?:as|at)(?:[\s,]+(?:approximate|location|at|in|the|vicinity|of|as))*\s*$")
        .expect("coded-as pattern compiles")
});

/// The most specific place of a sentence: a town over a region over a country; unknown
/// toponyms count as towns.
fn best_place(doc: &Document, places: &[&PlaceMention], g: &Gazetteer) -> Option<Where> {
    // "the Macina", "the Gourma": a town's name after an article stands for the country around it.
    let as_area = |p: &PlaceMention| {
        doc.preceded_by(p.span, &["the"], 1)
            && !doc.text[p.span.end..].trim_start().starts_with(|c: char| c.is_alphanumeric() || c == '-')
    };
    let rank = |p: &PlaceMention| match p.kind {
        None => 3,
        Some(PlaceKind::Town) if as_area(p) => 2,
        Some(PlaceKind::Town) => 4,
        Some(PlaceKind::Admin2) => 2,
        Some(PlaceKind::Admin1) => 1,
        Some(PlaceKind::Country) => 0,
    };
    // A place the text says an event is "coded as" is the one meant, whatever else is named.
    let coded = |p: &PlaceMention| {
        let before = &doc.text[doc.sentences[doc.sentence_at(p.span.start).unwrap_or(0)].span.start..p.span.start];
        CODED_AS.is_match(before)
    };
    // A feed about one country reports what happened there: "protests in Cotonou, Dakar and
    // Bamako" in a feed about Mali is the Bamako one.
    let in_prior = |p: &PlaceMention| {
        p.kind != Some(PlaceKind::Country)
            && p.country_code.as_ref().is_some_and(|c| doc.country_prior.iter().any(|x| x == c))
    };
    let best =
        places.iter().copied().max_by_key(|p| (coded(p), in_prior(p), rank(p), std::cmp::Reverse(p.span.start)))?;
    let written = best.span.of(doc.text);
    let name = match best.place {
        Some(id) => name_as_written(g, id, written),
        None => written.to_string(),
    };
    Some(Where { mention: best.clone(), name, country_code: best.country_code.clone() })
}

/// A place keeps the spelling the report gives it ("In Nazour" rather than the gazetteer's
/// "I-n-Nazour"): readers and other coders know it by that name, and `geonames_id` still says
/// which place it is. So does a village found only by the nearest spelling of the story's
/// countries, which is a guess at where it lies, not at what it is called. Spellings that differ
/// only by accents or case, and texts without capitals, take the gazetteer's form.
fn name_as_written(g: &Gazetteer, id: crate::mentions::PlaceId, written: &str) -> String {
    let gazetteer_name = &g.place(id).name;
    let mixed_case = written.chars().any(char::is_lowercase) && written.starts_with(char::is_uppercase);
    if mixed_case && fold(written) != fold(gazetteer_name) {
        written.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        gazetteer_name.clone()
    }
}

fn same_place(a: Option<&Where>, b: Option<&Where>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => match (a.mention.place, b.mention.place) {
            (Some(x), Some(y)) => x == y,
            _ => !a.name.is_empty() && fold(&a.name) == fold(&b.name),
        },
        _ => false,
    }
}

fn dates_compatible(a: Option<&When>, b: Option<&When>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.start <= b.end && b.start <= a.end,
        _ => true,
    }
}

/// A sentence contradicts a draft when it names another town or region, another country, or another time.
fn conflicts(d: &Draft, place: Option<&Where>, when: Option<&When>, g: &Gazetteer) -> bool {
    if !dates_compatible(d.date.as_ref(), when) {
        return true;
    }
    let Some(p) = place else { return false };
    let draft_country = d.place.as_ref().and_then(|w| w.country_code.clone()).or(d.country_only.clone());
    if p.mention.kind == Some(PlaceKind::Country) {
        return draft_country.is_some_and(|c| Some(c) != p.country_code);
    }
    match &d.place {
        Some(w) if w.mention.kind == Some(PlaceKind::Country) => w.country_code != p.country_code,
        Some(w) => {
            if same_place(Some(w), Some(p)) {
                return false;
            }
            // A town inside the draft's region, or the region of the draft's town, agrees.
            let (Some(a), Some(b)) = (w.mention.place, p.mention.place) else { return true };
            let (a, b) = (g.place(a), g.place(b));
            !(a.country_code == b.country_code
                && a.admin1_code == b.admin1_code
                && (a.kind == PlaceKind::Admin1 || b.kind == PlaceKind::Admin1))
        }
        None => false,
    }
}

fn attach(d: &mut Draft, s: usize, place: Option<Where>, when: Option<When>) {
    d.sentences.insert(s);
    if d.place.is_none() || d.place.as_ref().is_some_and(|w| w.mention.kind == Some(PlaceKind::Country)) {
        if let Some(p) = place.filter(|p| p.mention.kind != Some(PlaceKind::Country)) {
            d.place = Some(p);
        }
    }
    if d.date.is_none() {
        d.date = when;
    }
}

/// A sentence that names an incident already reported: "In that incident", "The recent attack",
/// "The attack was claimed by …". Strong bindings hold even against a conflicting date.
fn bound_draft(
    doc: &Document,
    s: usize,
    words: &[String],
    v: &SentenceView,
    drafts: &[Draft],
    focus: Option<usize>,
) -> Option<(usize, bool)> {
    let focus = focus?;
    let _ = s;
    for (i, w) in words.windows(2).enumerate() {
        let noun = matches!(
            w[1].as_str(),
            "incident"
                | "attack"
                | "assault"
                | "raid"
                | "ambush"
                | "blast"
                | "bombing"
                | "explosion"
                | "massacre"
                | "strike"
                | "kidnapping"
                | "abduction"
                | "shelling"
                | "killing"
                | "bombardment"
        );
        // "the attacks" inside a relative date ("the day after the attacks") was masked already.
        let masked_here = doc.tokens_of(s).get(i + 1).is_some_and(|t| masked(v, t.span));
        if noun
            && !masked_here
            && matches!(
                w[0].as_str(),
                "that"
                    | "this"
                    | "the"
                    | "monday's"
                    | "tuesday's"
                    | "wednesday's"
                    | "thursday's"
                    | "friday's"
                    | "saturday's"
                    | "sunday's"
            )
        {
            // "In that incident", or a sentence whose subject is the event ("The bombing came a
            // week after …"): the sentence is about that event, whatever else it names.
            let strong = (w[1] == "incident" && w[0] != "the") || i < 2;
            return Some((focus, strong));
        }
    }
    for w in words.windows(3) {
        if w[0] == "the"
            && matches!(w[1].as_str(), "recent" | "latest" | "same" | "current")
            && v.triggers.iter().any(|t| t.span.of(doc.text).eq_ignore_ascii_case(&w[2]))
        {
            let latest = (0..drafts.len()).rev().find(|&d| {
                !drafts[d].aggregate
                    && !is_historical(doc.published, &drafts[d])
                    && drafts[d].trigger.event_type.is_violent()
            });
            return latest.map(|d| (d, true));
        }
    }
    None
}

/// The sentence's date: an interval it states, or one relative to an event it names.
fn sentence_date(
    doc: &Document,
    m: &Mentions,
    v: &SentenceView,
    drafts: &[Draft],
    focus: Option<usize>,
    g: &Gazetteer,
) -> Option<When> {
    for d in &v.dates {
        if let DateValue::Interval { start, end, precision } = d.value {
            // A bare year after a name is a model number ("Mirage 2000"), not a date.
            let written = d.span.of(doc.text);
            let bare_year = precision == DatePrecision::Year && written.chars().all(|c| c.is_ascii_digit()) && {
                let before = doc.text[..d.span.start].trim_end();
                before
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            };
            if !masked(v, d.span) && !bare_year {
                return Some(When { start, end, precision, text: d.span.of(doc.text).to_string(), from_focus: false });
            }
        }
    }
    for d in &v.dates {
        if let DateValue::EventRelative { offset_days, approximate, reference } = d.value {
            let named: Vec<&PlaceMention> = m.places.iter().filter(|p| reference.contains(p.span)).collect();
            let from_focus = named.is_empty();
            let event = if let Some(p) = named.first() {
                let w = best_place(doc, &[p], g);
                drafts
                    .iter()
                    .rev()
                    .find(|d| same_place(d.place.as_ref(), w.as_ref()) && !is_historical(doc.published, d))
            } else {
                focus.map(|f| &drafts[f])
            };
            if let Some(base) = event.and_then(|e| e.date.as_ref()).filter(|w| w.precision == DatePrecision::Day) {
                let day = base.start + Duration::days(offset_days);
                let precision = if approximate { DatePrecision::Week } else { DatePrecision::Day };
                let (start, end) =
                    if approximate { (day - Duration::days(1), day + Duration::days(1)) } else { (day, day) };
                return Some(When { start, end, precision, text: d.span.of(doc.text).to_string(), from_focus });
            }
        }
    }
    None
}

/// Whether a draft happened more than a year before `now`, the day the report speaks from.
fn is_historical(now: Option<NaiveDate>, d: &Draft) -> bool {
    match (&d.date, now) {
        (Some(w), Some(p)) => w.end < p - Duration::days(365),
        _ => false,
    }
}

/// The day a report speaks from: its publication date, else the latest day the text names, which
/// it was written on or after ("in 1984" beside "in 1989" is background even undated).
fn reference_day(doc: &Document, m: &Mentions) -> Option<NaiveDate> {
    doc.published.or_else(|| {
        m.dates
            .iter()
            .filter_map(|d| match d.value {
                DateValue::Interval { start, .. } => Some(start),
                _ => None,
            })
            .max()
    })
}

/// Whether a count is of the actor right after it ("12 militants", "12 presumed JNIM
/// militants": a hedge on who they were between them).
fn counts_actor(doc: &Document, c: &CountMention, a: &ActorMention) -> bool {
    a.span.start >= c.span.end
        && (a.span.start <= c.span.end + 2
            || doc.text[c.span.end..a.span.start].split_whitespace().all(|w| {
                matches!(w.to_lowercase().as_str(), "presumed" | "suspected" | "alleged" | "purported" | "reputed")
            }))
}

fn dominant_country(m: &Mentions, exclude: &BTreeSet<String>) -> Option<String> {
    m.country_context
        .iter()
        .filter(|(c, _)| !exclude.contains(*c))
        .max_by(|a, b| a.1.partial_cmp(b.1).unwrap().then(b.0.cmp(a.0)))
        .map(|(c, _)| c.clone())
}

fn finish(
    doc: &Document,
    m: &Mentions,
    d: &Draft,
    n: usize,
    views: &[SentenceView],
    finder: &MentionFinder,
    taxonomy: &Taxonomy,
) -> Incident {
    let (g, lexicon) = (&finder.gazetteer, &finder.actors);
    let in_draft = |span: Span| d.sentences.iter().any(|&s| doc.sentences[s].span.contains(span));
    // Event type: the highest-ranked real trigger, sharpened by the anchor's tactics.
    // The opening sentence decides: its highest-ranked trigger reporting the violence itself,
    // else its highest-ranked one (an arrest, a looting, an abduction alone).
    // A verb that reports an arrest, a seizure of arms, an agreement or a base set up competes
    // with the event nouns of its sentence when no verb reports violence: raids and fighting are
    // the circumstance of "arrested 100 people during raids" or "agreed a ceasefire after
    // fighting", while a bombing named beside an arrest stays the event.
    let anchor_triggers = &views[d.anchor].triggers;
    // (Violence "after a series of explosions killed 215" is another, earlier event.)
    let violent_verb = anchor_triggers.iter().any(|t| {
        t.class == TriggerClass::Past
            && t.event_type.is_violent()
            && !SECONDARY.contains(&t.event_type)
            && !doc.preceded_by(t.span, &["after", "following"], 5)
    });
    // An arrest "after an attack on a bus" is the sequel of an attack the text reports.
    let prior_violence = anchor_triggers
        .iter()
        .any(|t| t.event_type.is_violent() && doc.preceded_by(t.span, &["after", "following", "for", "over"], 5));
    // "two youths arrested amidst the operation": a participle right after the people it
    // describes.
    let describes = |t: &TriggerMention| {
        m.actors.iter().any(|a| {
            a.kind == ActorKind::Civilian
                && a.span.end <= t.span.start
                && doc.text[a.span.end..t.span.start].trim().is_empty()
        })
    };
    let reported = |t: &TriggerMention| {
        let overridden = violent_verb
            || reduced_relative(doc, t.span)
            || describes(t)
            || (t.event_type == EventType::Arrest && prior_violence);
        !overridden
            // (A cache or a stash of arms found reports its seizure as a verb would.)
            && (t.class == TriggerClass::Past || t.acled_sub.as_deref() == Some(DISRUPTED))
            && matches!(
                t.event_type,
                EventType::Arrest | EventType::Other | EventType::Kidnapping | EventType::HostageTaking
            )
            && t.rank >= REPORTED
    };
    // "the scene of a 2017 chemical attack": an event dated by a year before its noun is one the
    // sentence refers to, not the one it reports.
    let referred = |t: &TriggerMention| {
        t.class == TriggerClass::Noun && {
            let i = doc.tokens.partition_point(|x| x.span.start < t.span.start);
            let year = |w: &str| {
                w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.chars().all(|c| c.is_ascii_digit())
            };
            // What an act answers ("in retaliation for a gas attack") happened before it.
            doc.preceded_by(t.span, &["retaliation", "response", "revenge", "reprisal"], 5) ||
            // The year modifies the noun ("a deadly 2017 chemical attack"), with only words
            // between; a date ("On 14 May 2018, a mob …", "In 2019 a bomb …") does not.
            (i.saturating_sub(3)..i).any(|k| {
                year(doc.tokens[k].span.of(doc.text))
                    && doc.tokens[k + 1..i].iter().all(|x| x.shape == crate::text::TokenShape::Word)
                    && k > 0
                    && !doc.tokens[k - 1].span.of(doc.text).chars().all(|c| c.is_ascii_digit())
                    && !matches!(
                        doc.tokens[k - 1].span.of(doc.text).to_lowercase().as_str(),
                        "in" | "on" | "since" | "of" | "during" | "until" | "by" | "from" | "to" | "after" | "before"
                    )
                    // (A capitalised word before the year is a month: "in March 2018".)
                    && doc.tokens[k - 1].span.of(doc.text).chars().next().is_some_and(char::is_lowercase)
            })
        }
    };
    let opening_trigger = anchor_triggers
        .iter()
        .filter(|t| !referred(t) || anchor_triggers.iter().all(|x| referred(x)))
        .filter(|t| !SECONDARY.contains(&t.event_type) || t.rank >= DECISIVE || reported(t))
        .max_by_key(|t| (t.rank, reported(t)))
        .or_else(|| anchor_triggers.iter().max_by_key(|t| t.rank))
        .copied()
        .unwrap_or(&d.trigger);
    let opening = opening_trigger.event_type;
    let sharper = d
        .anchors
        .iter()
        .flat_map(|&s| views[s].triggers.iter().copied())
        .filter(|t| MODES.contains(&t.event_type))
        .max_by_key(|t| t.rank)
        .map(|t| t.event_type);
    let mut event_type = match sharper {
        Some(mode) if matches!(opening, EventType::ArmedAssault | EventType::ArmedClash) => mode,
        _ => opening,
    };
    let anchor_span = doc.sentences[d.anchor].span;
    let tactics: BTreeSet<Tactic> = m
        .tactics
        .iter()
        .filter(|t| {
            in_draft(t.span) && !m.irrealis.contains(&t.span) && !d.sentences.iter().any(|&s| masked(&views[s], t.span))
        })
        .map(|t| t.tactic)
        .collect();
    let anchor_tactics: BTreeSet<Tactic> =
        m.tactics.iter().filter(|t| anchor_span.contains(t.span)).map(|t| t.tactic).collect();
    if matches!(event_type, EventType::ArmedAssault) {
        if anchor_tactics.iter().any(|t| matches!(t, Tactic::Svbied | Tactic::SuicideBombing)) {
            event_type = EventType::SuicideBombing;
        } else if anchor_tactics.iter().any(|t| matches!(t, Tactic::Vbied | Tactic::Ied | Tactic::Landmine)) {
            event_type = EventType::Bombing;
        } else if anchor_tactics.iter().any(|t| matches!(t, Tactic::Drone | Tactic::Airstrike)) {
            event_type = EventType::AirDroneStrike;
        } else if anchor_tactics.iter().any(|t| matches!(t, Tactic::Mortar | Tactic::Artillery | Tactic::Rocket)) {
            event_type = EventType::Shelling;
        } else if anchor_tactics.is_empty()
            && tactics.iter().any(|t| matches!(t, Tactic::Vbied | Tactic::Ied | Tactic::Landmine))
            && tactics.iter().all(|t| {
                matches!(t, Tactic::Vbied | Tactic::Ied | Tactic::Landmine | Tactic::Disguise | Tactic::Infiltration)
            })
        {
            // "Seven guards were killed in an attack … The bus was hit by a car bomb": an attack
            // whose only weapon, told later, is a planted bomb is a bombing.
            event_type = EventType::Bombing;
        }
    }

    // Counts.
    let counts: Vec<&CountMention> =
        d.sentences.iter().flat_map(|&s| m.counts[s].iter().filter(move |c| !masked(&views[s], c.span))).collect();
    let victim_spans: Vec<Span> = m
        .actors
        .iter()
        .filter(|a| in_draft(a.span) && (counts.iter().any(|c| counts_actor(doc, c, a)) || listed_victim(doc, m, a)))
        .map(|a| a.span)
        .collect();

    // Actors and their roles.
    let mut perpetrators: Vec<&ActorMention> = Vec::new();
    let mut targets: Vec<&ActorMention> = Vec::new();
    for &s in &d.sentences {
        let span = doc.sentences[s].span;
        let actors: Vec<&ActorMention> = m
            .actors
            .iter()
            .filter(|a| span.contains(a.span) && !masked(&views[s], a.span))
            .filter(|a| !is_disguise(m, a, doc) && !is_source(doc, m, a))
            .collect();
        let mut roles: Vec<Option<Role>> =
            actors.iter().map(|a| role_of(doc, a, &views[s].triggers, &victim_spans)).collect();
        coordinated_targets(doc, m, &actors, &mut roles);
        bracketed_appositions(doc, &actors, &mut roles);
        for (a, role) in actors.into_iter().zip(roles) {
            match role {
                Some(Role::Perpetrator) => perpetrators.push(a),
                Some(Role::Target) => targets.push(a),
                None => {}
            }
        }
    }
    // A title and the name it introduces are one person: "Minister Juan Perez", "the mayor, Juan
    // Perez,". The name stands for both, written with its title when the two are adjacent.
    let titled = titled_names(doc, &targets);
    targets.retain(|a| !titled.iter().any(|(title, _)| title.span == a.span));
    // A named group anywhere in the incident names the generic "insurgents" who did it.
    // (Even as the source: "according to JNIM media, the group seized …".)
    // (Not a group named as the one hit: "killed six ISGS militants", "a Platform convoy was
    // attacked".)
    let victim_groups: BTreeSet<Option<String>> =
        targets.iter().filter(|a| a.named).map(|a| a.canonical.clone()).collect();
    let named_group = perpetrators
        .iter()
        .copied()
        .chain(m.actors.iter().filter(|a| in_draft(a.span) && !is_disguise(m, a, doc)))
        .find(|a| a.named && a.kind == ActorKind::ArmedGroup && !victim_groups.contains(&a.canonical))
        .or_else(|| {
            // "Terrorists attacked …", or an attack with no attacker named, in a report that names
            // one group and no other: that group, wherever the report names it (claims,
            // communiqués, membership of the attackers). Not past a force named as the attacker.
            if !perpetrators.is_empty() && !perpetrators.iter().any(|a| !a.named && a.kind == ActorKind::ArmedGroup) {
                return None;
            }
            // Only where the report ties the group to violence or to the attackers, not where it
            // merely says the group is active in the area.
            let tied = |a: &ActorMention| {
                doc.sentence_at(a.span.start).is_some_and(|s| {
                    m.triggers.iter().any(|t| doc.sentences[s].span.contains(t.span))
                        || doc.tokens_of(s).iter().any(|t| {
                            let w = t.span.of(doc.text).to_lowercase();
                            CLAIMS.contains(&w.as_str())
                                || TIES.contains(&w.as_str())
                                || ATTRIBUTING.contains(&w.as_str())
                        })
                })
            };
            let named = |a: &&ActorMention| {
                a.named
                    && a.kind == ActorKind::ArmedGroup
                    && a.canonical.is_some()
                    && !victim_groups.contains(&a.canonical)
                    && !is_disguise(m, a, doc)
            };
            let first = m.actors.iter().find(named)?;
            if !m.actors.iter().filter(named).all(|a| a.canonical == first.canonical) {
                return None;
            }
            m.actors.iter().filter(named).find(|a| tied(a))
        });
    // The generic words for the attackers that the group's name replaces say how the text
    // describes its people ("urban commandos").
    let mut described: Option<&ActorMention> = None;
    if let Some(group) = named_group {
        described = perpetrators.iter().copied().find(|a| !a.named && a.kind == ActorKind::ArmedGroup);
        perpetrators.retain(|a| a.named || a.kind != ActorKind::ArmedGroup);
        if !perpetrators.iter().any(|a| a.canonical == group.canonical) {
            perpetrators.insert(0, group);
            targets.retain(|a| a.canonical != group.canonical);
        }
    }
    if targets.iter().any(|a| a.named && a.kind == ActorKind::ArmedGroup) {
        targets.retain(|a| a.kind != ActorKind::ArmedGroup || a.named);
    }
    // One actor on both sides: a victim, or a state force beside an armed group, was the target.
    // Generic words for one group ("unknown gunmen", later "the gunmen") share its template.
    let key = |a: &ActorMention| {
        let generic_group = a.template.clone().filter(|_| a.kind == ActorKind::ArmedGroup);
        a.canonical.clone().or(generic_group).unwrap_or_else(|| fold(&a.name))
    };
    let has_group = perpetrators.iter().any(|a| a.kind == ActorKind::ArmedGroup);
    let both: BTreeSet<String> =
        perpetrators.iter().map(|a| key(a)).filter(|k| targets.iter().any(|t| &key(t) == k)).collect();
    for k in &both {
        let victim = targets.iter().any(|t| &key(t) == k && victim_spans.contains(&t.span));
        let state = perpetrators.iter().any(|a| &key(a) == k && a.kind.is_state_side());
        if victim || (state && has_group) {
            perpetrators.retain(|a| &key(a) != k);
        } else {
            targets.retain(|a| &key(a) != k);
        }
    }
    let country = d.place.as_ref().and_then(|p| p.country_code.clone()).or(d.country_only.clone());
    let country_name = country.as_deref().and_then(|cc| g.country_name(cc));
    let templates: BTreeMap<String, String> = perpetrators
        .iter()
        .chain(targets.iter())
        .filter_map(|a| a.template.clone().map(|t| (display_name(a), t)))
        .collect();
    let name_forces = |actors: Vec<Actor>| -> Vec<Actor> {
        let mut out: Vec<Actor> = Vec::new();
        for mut a in actors {
            if a.canonical.is_none() {
                if let (Some(t), Some(name)) = (templates.get(&a.name), country_name) {
                    a.canonical = Some(t.replace("{country}", name));
                }
            }
            if a.canonical.is_none() {
                a.canonical = country.as_deref().and_then(|cc| country_force(lexicon, g, cc, a.kind));
            }
            // Civilians share one canonical name, but "priests" and "peasants" are different people.
            let same = |o: &Actor| {
                o.canonical.is_some()
                    && o.canonical == a.canonical
                    && (a.kind != ActorKind::Civilian || fold(&o.name) == fold(&a.name))
            };
            if !out.iter().any(same) {
                out.push(a);
            }
        }
        out
    };
    // Without a name, the first generic description of the attackers stands for them all.
    if !perpetrators.iter().any(|a| a.named && a.kind == ActorKind::ArmedGroup) {
        let mut seen_generic = false;
        perpetrators.retain(|a| {
            let generic = !a.named && a.kind == ActorKind::ArmedGroup;
            let keep = !(generic && seen_generic);
            seen_generic |= generic;
            keep
        });
    }
    let mut perpetrators = name_forces(dedupe(doc, &perpetrators, &[]));
    // "2 individuals shot an aid worker": people the text leaves undescribed who take up arms are
    // an armed group no one has identified, as coders file them, not civilians.
    let armed_violence = matches!(
        event_type,
        EventType::ArmedAssault
            | EventType::Assassination
            | EventType::MassKilling
            | EventType::Kidnapping
            | EventType::HostageTaking
            | EventType::Bombing
    );
    for a in perpetrators.iter_mut().filter(|a| armed_violence && a.kind == ActorKind::Civilian) {
        let head = a.name.rsplit(' ').next().unwrap_or("").to_lowercase();
        if matches!(head.as_str(), "individuals" | "individual" | "men" | "man" | "persons" | "person" | "people") {
            a.kind = ActorKind::ArmedGroup;
            a.canonical = country_name.map(|name| crate::mentions::UNIDENTIFIED.replace("{country}", name));
        }
    }
    if let (Some(a), Some(group)) = (described, named_group) {
        // A group named away from the incident was written there for itself, not for its people.
        let elsewhere = !in_draft(group.span);
        if let Some(p) =
            perpetrators.iter_mut().find(|p| p.canonical == group.canonical && (p.written.is_none() || elsewhere))
        {
            p.written = Some(a.span.of(doc.text).to_string());
        }
    }
    // In a protest or a riot, the people in the street are its protesters or rioters.
    if matches!(event_type, EventType::Protest | EventType::Riot) {
        let who = if event_type == EventType::Protest { "Protesters" } else { "Rioters" };
        for a in perpetrators.iter_mut().filter(|a| a.kind == ActorKind::Civilian) {
            if let Some(name) = country_name {
                a.canonical = Some(format!("{who} ({name})"));
            }
        }
        if !perpetrators.iter().any(|a| a.kind == ActorKind::Civilian) {
            if let Some(name) = country_name {
                perpetrators.push(Actor {
                    name: who.to_lowercase(),
                    canonical: Some(format!("{who} ({name})")),
                    kind: ActorKind::Civilian,
                    written: None,
                });
            }
        }
    }
    let mut targets = name_forces(dedupe(doc, &targets, &perpetrators));
    for (title, person) in &titled {
        if doc.text[title.span.end..person.span.start].trim().is_empty() {
            let name = display_name(person);
            if let Some(t) = targets.iter_mut().find(|t| t.name == name) {
                t.name = doc.text[title.span.start..person.span.end].to_string();
            }
        }
    }

    let later_death = |c: &CountMention| {
        let end = doc.sentence_at(c.span.start).map(|s| doc.sentences[s].span.end).unwrap_or(doc.text.len());
        let mut to = (c.span.end + 48).min(end);
        while !doc.text.is_char_boundary(to) {
            to -= 1;
        }
        let after = doc.text[c.span.start..to].to_lowercase();
        LATER_DEATHS.iter().any(|w| after.contains(w))
    };
    let mut casualties = casualties(&counts, &targets, |at| doc.sentence_at(at).unwrap_or(0), later_death);
    if let (Some(parts), Some(killed)) = (fatalities_shared_by(doc.text), casualties.killed.as_mut()) {
        let share = |n: u64| (2 * n + parts) / (2 * parts);
        killed.low = killed.low.map(share);
        killed.best = killed.best.map(share);
        killed.high = killed.high.map(share);
    }
    let weapons_seized: Vec<SeizedItem> = counts
        .iter()
        .filter_map(|c| match &c.counted {
            Counted::Seized { item } => Some(SeizedItem { item: item.clone(), count: c.low }),
            _ => None,
        })
        .collect();
    let weapons_used = weapons_used(doc, m, d, views);

    let mut victim_kinds: Vec<ActorKind> = casualties.breakdown.iter().map(|b| b.kind).collect();
    if victim_kinds.is_empty() {
        // A target of unknown kind (a named person, a building) says nothing of who was hit.
        victim_kinds = targets.iter().map(|a| a.kind).filter(|k| *k != ActorKind::Unknown).collect();
    }
    // An attack whose victims were taken, none killed, is an abduction; a protest that turned to
    // fighting or burning, a riot.
    if event_type == EventType::ArmedAssault && casualties.hostages.is_some() && casualties.killed.is_none() {
        event_type = EventType::Kidnapping;
    }
    // An arrest after which those held were killed or tortured is violence against them.
    let abused = d.sentences.iter().any(|&s| {
        let text = doc.sentences[s].span.of(doc.text).to_lowercase();
        text.contains("tortur") || text.contains("executed")
    });
    let low = |c: &Option<Count>| c.as_ref().and_then(|c| c.low).unwrap_or(0);
    let someone_killed = low(&casualties.killed) > 0;
    let someone_hurt = someone_killed || low(&casualties.wounded) > 0;
    // A robbery in which people were shot or beaten is an attack on them.
    if event_type == EventType::LootingDestruction && someone_hurt && opening_trigger.acled_sub.is_none() {
        event_type = EventType::ArmedAssault;
    }
    if event_type == EventType::Arrest && (someone_killed || abused) {
        event_type = EventType::ArmedAssault;
    }
    if event_type == EventType::Protest
        && d.anchors
            .iter()
            .flat_map(|&s| views[s].triggers.iter())
            .any(|t| matches!(t.event_type, EventType::ArmedClash | EventType::Riot | EventType::Arson))
    {
        event_type = EventType::Riot;
    }
    let perpetrator_kinds: Vec<ActorKind> = perpetrators.iter().map(|a| a.kind).collect();
    let event_tactics: BTreeSet<Tactic> = m
        .tactics
        .iter()
        .filter(|t| d.anchors.iter().any(|&s| doc.sentences[s].span.contains(t.span)) && !m.irrealis.contains(&t.span))
        .map(|t| t.tactic)
        .collect();
    let decided = subevent::decide(&subevent::Facts {
        doc,
        m,
        anchor: anchor_span,
        sentences: d.sentences.iter().map(|&s| doc.sentences[s].span).collect(),
        event_type,
        opening: opening_trigger,
        anchor_tactics: &anchor_tactics,
        event_tactics: &event_tactics,
        perpetrators: &perpetrator_kinds,
        killed: casualty_spans(&counts, |c| matches!(c, Counted::Killed)),
        wounded: casualty_spans(&counts, |c| matches!(c, Counted::Wounded)),
    })
    .filter(|(_, sub)| taxonomy.code_sub(sub).is_some());
    if let Some((t, _)) = decided {
        event_type = t;
    }
    // A recapture by an armed group is a group overtaking territory, not a government regaining it.
    let group_did_it = perpetrators.iter().any(|a| a.kind == ActorKind::ArmedGroup);
    let named_sub = opening_trigger
        .acled_sub
        .as_deref()
        .filter(|_| event_type == opening)
        .filter(|sub| !(*sub == "Government regains territory" && group_did_it));
    let coded = decided
        .map(|(_, sub)| sub)
        .or(named_sub)
        .and_then(|sub| taxonomy.code_sub(sub))
        .unwrap_or_else(|| taxonomy.code(event_type, &victim_kinds, &perpetrator_kinds));
    // Captives killed: ACLED codes an abduction that ended in the captives' murder as the attack
    // on them (the event stays a kidnapping, as GTD and MUC-4 have it). Two shot while forty were
    // taken is still the abduction of the forty.
    let captives_killed = someone_killed && low(&casualties.killed) >= low(&casualties.hostages);
    let attack = taxonomy.code(EventType::ArmedAssault, &victim_kinds, &perpetrator_kinds);
    let coded =
        if captives_killed && coded.acled_sub == "Abduction/forced disappearance" && attack.acled_sub == "Attack" {
            super::taxonomy::Coded { acled_event: attack.acled_event, acled_sub: attack.acled_sub, gtd: coded.gtd }
        } else {
            coded
        };
    let location = location(d, g, event_type);
    let date = match (&d.date, doc.published) {
        (Some(w), _) => Some(IncidentDate {
            start: Some(w.start.to_string()),
            end: Some(w.end.to_string()),
            precision: w.precision,
            text: Some(w.text.clone()),
        }),
        // Undated news is dated by its report, as coders do: on or before publication, precision unknown.
        (None, Some(p)) if !d.aggregate => Some(IncidentDate {
            start: Some(p.to_string()),
            end: Some(p.to_string()),
            precision: DatePrecision::Unknown,
            text: None,
        }),
        (None, _) => None,
    };
    let evidence = evidence(doc, d);
    let historical = is_historical(reference_day(doc, m), d);
    let mut confidence = 0.35;
    if d.date.is_some() {
        confidence += 0.15;
    }
    if d.place.as_ref().is_some_and(|p| p.mention.kind != Some(PlaceKind::Country)) {
        confidence += 0.15;
    }
    if perpetrators.iter().any(|a| a.canonical.is_some()) {
        confidence += 0.1;
    }
    if casualties.killed.is_some() || casualties.wounded.is_some() || casualties.hostages.is_some() {
        confidence += 0.1;
    }
    if d.sentences.len() > 1 {
        confidence += 0.05;
    }
    if d.aggregate || historical {
        confidence -= 0.1;
    }
    Incident {
        id: format!("{}#{n}", doc.id),
        article_id: doc.id.to_string(),
        event_type,
        acled: Acled { event_type: coded.acled_event.to_string(), sub_event_type: coded.acled_sub.to_string() },
        gtd_attack_type: coded.gtd.map(str::to_string),
        date,
        location,
        perpetrators,
        targets,
        casualties,
        tactics: tactics.into_iter().collect(),
        weapons_seized,
        weapons_used,
        claim: reported_claim(doc, m, &d.sentences),
        historical,
        aggregate: d.aggregate,
        trigger: Quote {
            text: d.trigger.span.of(doc.text).to_string(),
            start: d.trigger.span.start,
            end: d.trigger.span.end,
        },
        evidence,
        confidence: (confidence * 100.0_f64).round() / 100.0,
        source: None,
        url: None,
        language: None,
    }
}

/// Words that deny a claim before it: "no group has yet claimed", "has not claimed", "denied
/// claiming".
const UNCLAIMED: &[&str] = &["no", "not", "nobody", "none", "never", "yet", "denied", "without", "n't", "neither"];

/// The first claim of responsibility in an incident's sentences: a claim verb whose object is
/// responsibility, credit or an event the sentence reports ("claimed the attack"), or that names
/// its author in the passive ("an attack later claimed by IS"). Not a claim to something else
/// ("claimed to have arrested him", "a war that has claimed 160,000 lives"), nor a denied one.
fn reported_claim(doc: &Document, m: &Mentions, sentences: &BTreeSet<usize>) -> Option<Quote> {
    let toks = &doc.tokens;
    for &s in sentences {
        let span = doc.sentences[s].span;
        let from = toks.partition_point(|t| t.span.start < span.start);
        let to = toks.partition_point(|t| t.span.start < span.end);
        let word = |i: usize| toks[i].span.of(doc.text).to_lowercase();
        for i in from..to {
            let w = word(i);
            let credit =
                w == "credit" && i > from && matches!(word(i - 1).as_str(), "took" | "takes" | "take" | "taking");
            if !credit && !matches!(w.as_str(), "claimed" | "claims" | "claim" | "claiming") {
                continue;
            }
            let verb = if credit { i - 1 } else { i };
            if (verb.saturating_sub(4).max(from)..verb).any(|k| UNCLAIMED.contains(&word(k).as_str())) {
                continue;
            }
            let next = (i + 1..(i + 7).min(to)).map(word).collect::<Vec<_>>();
            if next.first().is_some_and(|n| n == "to")
                || next.iter().take(4).any(|n| matches!(n.as_str(), "lives" | "life"))
            {
                continue;
            }
            let object_end = toks[(i + 7).min(to) - 1].span.end;
            let names_event = m.triggers.iter().any(|t| t.span.start > toks[i].span.end && t.span.end <= object_end);
            let claimed = credit
                || next.iter().any(|n| n == "responsibility" || n == "credit")
                || names_event
                || next.first().is_some_and(|n| n == "by");
            if claimed {
                let (start, end) = (toks[verb].span.start, toks[i].span.end);
                return Some(Quote { text: doc.text[start..end].to_string(), start, end });
            }
        }
    }
    None
}

/// Words that join the members of a list: "Ana Ruiz and Luis Gil", "the mayor, together with
/// two aides", "Luis Gil as well as his driver".
const COORDINATION: &[&str] = &["and", ",", "together", "with", "as", "well", "also", "plus"];

/// "MNLA fighters (members of the CMA)", "Katiba Macina (JNIM)": a group named in brackets
/// right after an actor is the same side, whatever its place in the sentence alone suggests.
fn bracketed_appositions(doc: &Document, actors: &[&ActorMention], roles: &mut [Option<Role>]) {
    for i in 1..actors.len() {
        let (a, b) = (actors[i - 1], actors[i]);
        if a.span.end > b.span.start || roles[i - 1].is_none() {
            continue;
        }
        let before = doc.text[a.span.end..b.span.start].trim();
        let opened = before
            .strip_prefix('(')
            .is_some_and(|rest| !rest.contains([')', '(', ',', ';']) && rest.split_whitespace().count() <= 3);
        let after = &doc.text[b.span.end..];
        let closed = after.find(')').is_some_and(|k| {
            let rest = &after[..k];
            !rest.contains(['(', ',', ';']) && rest.split_whitespace().count() <= 2
        });
        if opened && closed {
            roles[i] = roles[i - 1];
        }
    }
}

/// People listed beside a target are targets too, whatever the position of each in the sentence
/// made of them alone ("the two Italians, A of Milan and B of Rome, together with Spaniard C,
/// were taken hostage"). Between two neighbours: words of coordination, "of"/"from" and the
/// word after it (a home town), and at most one other word (a demonym, a title). Only people
/// take part: a list of the attackers' own is no list of victims, and a name the tagger read as
/// an organisation is as often the victims' employer or party.
fn coordinated_targets(doc: &Document, m: &Mentions, actors: &[&ActorMention], roles: &mut [Option<Role>]) {
    let joined = |a: &ActorMention, b: &ActorMention| {
        let (from, to) = (a.span.end.min(b.span.start), b.span.start.max(a.span.end));
        let first = doc.tokens.partition_point(|t| t.span.start < from);
        let last = doc.tokens.partition_point(|t| t.span.start < to);
        let words: Vec<String> = doc.tokens[first..last].iter().map(|t| t.span.of(doc.text).to_lowercase()).collect();
        let mut others = 0;
        let mut i = 0;
        while i < words.len() {
            if matches!(words[i].as_str(), "of" | "from") {
                i += 2;
                continue;
            }
            if !COORDINATION.contains(&words[i].as_str()) {
                others += 1;
            }
            i += 1;
        }
        !words.is_empty() && others <= 1 && words.iter().any(|w| COORDINATION.contains(&w.as_str()))
    };
    let person = |a: &ActorMention| {
        m.entities.iter().any(|e| e.label == crate::tagger::EntityType::Per && e.span.overlaps(a.span))
    };
    let eligible = |a: &ActorMention| {
        a.kind != ActorKind::ArmedGroup && a.hint != RoleHint::Perpetrator && (!a.tagged || person(a))
    };
    loop {
        let mut changed = false;
        for i in 0..actors.len() {
            if roles[i].is_some() || !eligible(actors[i]) {
                continue;
            }
            // A thing is listed with things, a person with people ("X, director of the
            // school, and Y": the school was not hit).
            let beside = |j: usize| {
                roles[j] == Some(Role::Target)
                    && eligible(actors[j])
                    && actors[j].is_property() == actors[i].is_property()
            };
            let before = i > 0 && beside(i - 1) && joined(actors[i - 1], actors[i]);
            let after = i + 1 < actors.len() && beside(i + 1) && joined(actors[i], actors[i + 1]);
            if before || after {
                roles[i] = Some(Role::Target);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Words for arms in general, which say nothing of what was used.
const ARMS_IN_GENERAL: &[&str] = &[
    "weapons",
    "weapon",
    "arms",
    "ammunition",
    "ammunitions",
    "munitions",
    "ordnance",
    "military equipment",
    "stockpile",
    "stockpiles",
    "arms cache",
    "arms caches",
    "weapons cache",
    "weapons caches",
    "arms depot",
    "weapons depot",
    "magazines",
    "rounds",
];

/// The weapons the incident's sentences name for the violence, as written ("sticks of
/// dynamite", "rifles"): weapon cues in a sentence that reports violence (a violent trigger or a
/// tactic in use), not in one that reports arms seized, and not spoken of as a threat or a
/// possibility. A phrase inside a longer one ("dynamite" in "dynamite sticks") or a plural of
/// one already kept adds nothing.
fn weapons_used(doc: &Document, m: &Mentions, d: &Draft, views: &[SentenceView]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &s in &d.sentences {
        let (v, span) = (&views[s], doc.sentences[s].span);
        let seizure = m.counts[s].iter().any(|c| matches!(c.counted, Counted::Seized { .. }))
            || v.triggers.iter().any(|t| t.acled_sub.as_deref() == Some(DISRUPTED));
        let violent = v.triggers.iter().any(|t| t.event_type.is_violent())
            || m.tactics.iter().any(|t| span.contains(t.span) && !masked(v, t.span));
        if seizure || !violent {
            continue;
        }
        for c in m.cues.iter().filter(|c| c.cue == Cue::Weapon && span.contains(c.span) && !masked(v, c.span)) {
            let folded = fold(c.span.of(doc.text));
            if ARMS_IN_GENERAL.contains(&folded.as_str()) || crate::mentions::modality::is_irrealis(doc, c.span) {
                continue;
            }
            let singular = |w: &str| w.strip_suffix('s').unwrap_or(w).to_string();
            let key = singular(&folded);
            if let Some(i) = out.iter().position(|o| {
                let o = singular(&fold(o));
                o == key || o.contains(&key) || key.contains(&o)
            }) {
                if fold(&out[i]).len() < folded.len() {
                    out[i] = c.span.of(doc.text).to_string();
                }
                continue;
            }
            out.push(c.span.of(doc.text).to_string());
        }
    }
    out
}

fn casualty_spans(counts: &[&CountMention], what: fn(&Counted) -> bool) -> Vec<(Span, u64)> {
    counts.iter().filter(|c| what(&c.counted)).map(|c| (c.span, c.low.unwrap_or(0))).collect()
}

fn dedupe(doc: &Document, actors: &[&ActorMention], exclude: &[Actor]) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    for a in actors {
        let key = a.canonical.clone().unwrap_or_else(|| fold(&a.name));
        // An actor written with its people ("FMLN guerrillas", "members of the ELN", "army
        // troops").
        let written = Some(a.span.of(doc.text)).filter(|w| fold(w) != fold(&a.name));
        if let Some(o) = out.iter_mut().find(|o| o.canonical.clone().unwrap_or_else(|| fold(&o.name)) == key) {
            if o.written.is_none() {
                o.written = written.map(str::to_string);
            }
            continue;
        }
        if exclude.iter().any(|o| o.canonical.clone().unwrap_or_else(|| fold(&o.name)) == key) {
            continue;
        }
        out.push(Actor {
            name: display_name(a),
            canonical: a.canonical.clone(),
            kind: a.kind,
            written: written.map(str::to_string),
        });
    }
    out
}

/// A named group by its own name ("JNIM militants" → "JNIM"); a generic actor as written.
fn display_name(a: &ActorMention) -> String {
    if a.named {
        let t = a.name.as_str();
        let t = t.split(" (").next().unwrap_or(t);
        for noun in
            [" militants", " fighters", " personnel", " soldiers", " troops", " insurgents", " members", " jihadists"]
        {
            if let Some(head) = t.strip_suffix(noun) {
                return head.to_string();
            }
        }
        t.to_string()
    } else {
        a.name.trim_start_matches("suspected ").to_string()
    }
}

/// Words that report deaths among those already counted as wounded: such a toll adds to the dead
/// of the same kind rather than restating them.
const LATER_DEATHS: &[&str] = &[
    "later died",
    "died later",
    "subsequently died",
    "succumbed",
    "died of his",
    "died of her",
    "died of their",
    "died in hospital",
    "died from his",
    "died from their",
];

/// `c` added to `e`: two groups of the dead (or wounded) stated apart.
fn add_count(e: &mut CountMention, c: &CountMention) {
    e.low = e.low.zip(c.low).map(|(a, b)| a + b).or(e.low.or(c.low));
    e.best = e.best.zip(c.best).map(|(a, b)| a + b).or(e.best.or(c.best));
    e.high = None;
    e.text = format!("{} + {}", e.text, c.text);
}

fn casualties(
    counts: &[&CountMention],
    targets: &[Actor],
    sentence_of: impl Fn(usize) -> usize,
    later_death: impl Fn(&CountMention) -> bool,
) -> Casualties {
    let default_kind = targets.first().map(|t| t.kind);
    let mut out = Casualties::default();
    let pick = |what: fn(&Counted) -> bool| -> Option<(Count, BTreeMap<ActorKind, u64>)> {
        let cs: Vec<&&CountMention> = counts.iter().filter(|c| what(&c.counted)).collect();
        if cs.is_empty() {
            return None;
        }
        // Within a sentence, counts of one kind add up ("a mechanic and an electricity provider");
        // across sentences, the largest figure stated for a kind stands (a toll restated).
        let mut per_kind: BTreeMap<ActorKind, CountMention> = BTreeMap::new();
        let mut by_sentence: BTreeMap<(usize, ActorKind), CountMention> = BTreeMap::new();
        for c in &cs {
            let kind = c.victim_kind.or(default_kind).unwrap_or(ActorKind::Unknown);
            let key = (sentence_of(c.span.start), kind);
            match by_sentence.get_mut(&key) {
                Some(e) => add_count(e, c),
                None => {
                    by_sentence.insert(key, (**c).clone());
                }
            }
        }
        let mut later: Vec<(ActorKind, CountMention)> = Vec::new();
        for ((_, kind), c) in by_sentence {
            if what(&Counted::Killed) && later_death(&c) {
                later.push((kind, c));
                continue;
            }
            let e = per_kind.entry(kind).or_insert_with(|| c.clone());
            // A figure stated firmly stands against "as many as" one (another source's high end).
            let hedged = |c: &CountMention| c.qualifier == Qualifier::UpTo;
            let replace = match (hedged(e), hedged(&c)) {
                (true, false) => true,
                (false, true) => false,
                _ => c.low.unwrap_or(0) > e.low.unwrap_or(0),
            };
            if replace {
                *e = c;
            }
        }
        // "2 later died of their injuries": added to the dead of their kind.
        for (kind, c) in later {
            // (Of the kind counted before, else of the one kind counted.)
            let into = if per_kind.contains_key(&kind) || per_kind.len() != 1 {
                kind
            } else {
                *per_kind.keys().next().expect("one kind")
            };
            match per_kind.get_mut(&into) {
                Some(e) => add_count(e, &c),
                None => {
                    per_kind.insert(kind, c);
                }
            }
        }
        let parts: Vec<&CountMention> = per_kind.values().collect();
        let count = if parts.len() == 1 {
            let c = parts[0];
            Count { low: c.low, best: c.best, high: c.high, qualifier: c.qualifier, text: c.text.clone() }
        } else {
            // "three militants and several soldiers": the figures stated are the conservative
            // total, and the vague part makes it a floor.
            let known = |f: fn(&CountMention) -> Option<u64>| -> Option<u64> {
                parts.iter().filter_map(|c| f(c)).reduce(|a, b| a + b)
            };
            let low = known(|c| c.low);
            let best = known(|c| c.best.or(c.low));
            let q = parts[0].qualifier;
            let qualifier = if parts.iter().all(|c| c.qualifier == q) { q } else { Qualifier::AtLeast };
            Count {
                low,
                best,
                high: None,
                qualifier,
                text: parts.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" + "),
            }
        };
        let kinds: BTreeMap<ActorKind, u64> = per_kind.iter().map(|(k, c)| (*k, c.low.unwrap_or(0))).collect();
        Some((count, kinds))
    };
    let killed = pick(|c| matches!(c, Counted::Killed));
    let wounded = pick(|c| matches!(c, Counted::Wounded));
    let hostages = pick(|c| matches!(c, Counted::Hostages));
    let mut rows: BTreeMap<ActorKind, BreakdownRow> = BTreeMap::new();
    if let Some((_, kinds)) = &killed {
        for (k, v) in kinds {
            rows.entry(*k).or_insert(BreakdownRow { kind: *k, killed: None, wounded: None }).killed = Some(*v);
        }
    }
    if let Some((_, kinds)) = &wounded {
        for (k, v) in kinds {
            rows.entry(*k).or_insert(BreakdownRow { kind: *k, killed: None, wounded: None }).wounded = Some(*v);
        }
    }
    // The victims are those killed, else those wounded, else those taken.
    let first_kinds = killed
        .as_ref()
        .or(wounded.as_ref())
        .or(hostages.as_ref())
        .map(|k| k.1.keys().copied().collect::<Vec<_>>())
        .unwrap_or_default();
    let kinds: BTreeSet<ActorKind> = first_kinds.into_iter().filter(|k| *k != ActorKind::Unknown).collect();
    out.victim_kind = match kinds.len() {
        0 => hostages.as_ref().and(default_kind).or(if rows.is_empty() { None } else { Some(ActorKind::Unknown) }),
        1 => kinds.into_iter().next(),
        _ => Some(ActorKind::Mixed),
    };
    out.breakdown = rows.into_values().collect();
    out.killed = killed.map(|k| k.0);
    out.wounded = wounded.map(|k| k.0);
    out.hostages = hostages.map(|k| k.0);
    out
}

fn precision_of(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Country => "country",
        PlaceKind::Admin1 => "admin1",
        PlaceKind::Admin2 => "admin2",
        PlaceKind::Town => "city",
    }
}

fn location(d: &Draft, g: &Gazetteer, event_type: EventType) -> Option<Location> {
    let at = |p: &crate::mentions::Place, name: String| Location {
        name,
        admin1: g.admin1_of(p).map(|a| a.name.clone()),
        country: g.country_name(&p.country_code).map(str::to_string),
        country_code: Some(p.country_code.clone()),
        lat: p.lat,
        lon: p.lon,
        geonames_id: Some(p.geonames_id),
        precision: precision_of(p.kind).to_string(),
    };
    // A demonstration whose report names no town is a national one, which coders place in the
    // capital; what is known is still only the country.
    let demonstration = matches!(event_type, EventType::Protest | EventType::Riot);
    let in_capital = |cc: &str| {
        let capital = g.capital(cc).filter(|_| demonstration)?;
        Some(Location { precision: "country".to_string(), ..at(capital, capital.name.clone()) })
    };
    if let Some(w) = &d.place {
        if w.mention.kind == Some(PlaceKind::Country) {
            if let Some(l) = w.country_code.as_deref().and_then(in_capital) {
                return Some(l);
            }
        }
        return Some(match (w.mention.place, w.mention.landmark) {
            (Some(id), _) => at(g.place(id), w.name.clone()),
            (None, Some(id)) => at(g.place(id), g.place(id).name.clone()),
            (None, None) => Location {
                name: w.name.clone(),
                admin1: None,
                country: w.country_code.as_deref().and_then(|c| g.country_name(c)).map(str::to_string),
                country_code: w.country_code.clone(),
                lat: None,
                lon: None,
                geonames_id: None,
                precision: "unknown".to_string(),
            },
        });
    }
    let cc = d.country_only.as_ref()?;
    if let Some(l) = in_capital(cc) {
        return Some(l);
    }
    let p = g.country(cc)?;
    Some(at(p, p.name.clone()))
}

fn evidence(doc: &Document, d: &Draft) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    for &s in &d.sentences {
        let span = doc.sentences[s].span;
        match out.last_mut() {
            Some(last)
                if doc.text[last.end..span.start].trim().is_empty()
                    && !doc.text[last.end..span.start].contains("\n\n") =>
            {
                last.end = span.end
            }
            _ => out.push(Evidence { start: span.start, end: span.end }),
        }
    }
    out
}

/// The name of a country's force of a kind: its army or the peacekeeping mission deployed there
/// as the lexicon has them, else ACLED's "Military Forces of X" or "Police Forces of X"; none for
/// other kinds.
fn country_force(lexicon: &ActorLexicon, g: &Gazetteer, cc: &str, kind: ActorKind) -> Option<String> {
    let listed = matches!(kind, ActorKind::StateMilitary | ActorKind::Peacekeepers).then(|| lexicon.force_of(cc, kind));
    if let Some(e) = listed.flatten() {
        return Some(e.canonical.clone());
    }
    let what = match kind {
        ActorKind::StateMilitary => "Military Forces",
        ActorKind::Police => "Police Forces",
        _ => return None,
    };
    g.country_name(cc).map(|n| format!("{what} of {n}"))
}

/// Targets that are a generic title directly before a tagged person's name among the targets,
/// adjacent or set off by a comma: (title, person).
fn titled_names<'a>(doc: &Document, targets: &[&'a ActorMention]) -> Vec<(&'a ActorMention, &'a ActorMention)> {
    let mut out = Vec::new();
    for &title in targets.iter().filter(|a| !a.named && !a.tagged && a.kind != ActorKind::ArmedGroup) {
        let person = targets.iter().copied().find(|p| {
            p.tagged
                && p.kind == ActorKind::Unknown
                && p.span.start >= title.span.end
                && matches!(doc.text[title.span.end..p.span.start].trim(), "" | ",")
                && !doc.text[title.span.end..p.span.start].contains('\n')
        });
        if let Some(person) = person {
            out.push((title, person));
        }
    }
    out
}

/// The teller, not a party: "a local official said", "according to residents".
fn is_source(doc: &Document, m: &Mentions, a: &ActorMention) -> bool {
    let toks = &doc.tokens;
    // A title's person stands between it and the verb: "the defence minister, Juan Perez, said".
    let mut end = a.span.end;
    if let Some(p) = m.actors.iter().find(|p| {
        p.tagged && p.span.start >= end && doc.text[end..p.span.start].trim_matches([' ', ',', '\n']).is_empty()
    }) {
        end = p.span.end;
    }
    let i = toks.partition_point(|t| t.span.start < end);
    let after: Vec<String> = toks[i..(i + 2).min(toks.len())]
        .iter()
        .map(|t| t.span.of(doc.text).to_lowercase())
        .filter(|w| w != ",")
        .collect();
    let j = toks.partition_point(|t| t.span.start < a.span.start);
    let before: Vec<String> = toks[j.saturating_sub(3)..j].iter().map(|t| t.span.of(doc.text).to_lowercase()).collect();
    // "reported by the agency", "quoted by the radio": the one who tells, not the one who did.
    let told_by = before.len() >= 2
        && before[before.len() - 1] == "by"
        && (is_saying(&before[before.len() - 2]) || RELAYED.contains(&before[before.len() - 2].as_str()));
    after.iter().any(|w| is_saying(w)) || before.windows(2).any(|w| w[0] == "according" && w[1] == "to") || told_by
}

/// A total over many events: "since January", "over the past decade", "every year",
/// "months of fighting", "last year alone".
fn is_aggregate(words: &[String], when: Option<&When>, triggers: &[&TriggerMention]) -> bool {
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let phrase = |p: &[&str]| w.windows(p.len()).any(|x| x == p);
    // "over the past decade" is a tally; "in the past 72 hours" is one report's window.
    let window = |p: &[&str]| {
        w.windows(p.len() + 1).any(|x| {
            x[..p.len()] == *p
                && !x[p.len()].chars().next().is_some_and(|c| c.is_ascii_digit())
                && !matches!(
                    x[p.len()],
                    "hours" | "day" | "days" | "night" | "few" | "two" | "three" | "24" | "48" | "72" | "week"
                )
        })
    };
    // "over the past day" still sums many strikes; "in the past 72 hours" dates one report.
    let over = |p: &[&str]| w.windows(p.len()).any(|x| x == p);
    if over(&["over", "the", "past"]) || over(&["over", "the", "last"]) || window(&["in", "the", "past"]) {
        return true;
    }
    let cues: &[&[&str]] = &[
        &["so", "far"],
        &["in", "recent", "years"],
        &["in", "recent", "months"],
        &["every", "year"],
        &["each", "year"],
        &["a", "year"],
        &["per", "year"],
        &["to", "date"],
        &["alone"],
        &["cumulative"],
        &["the", "conflict"],
        &["the", "war"],
        &["the", "insurgency"],
        &["every", "month"],
        &["each", "month"],
    ];
    if cues.iter().any(|c| phrase(c)) {
        return true;
    }
    // "months of fighting" sums a war, but "agreed a ceasefire after two weeks of fighting" dates
    // the event it reports by the fighting before it.
    let span_of = ["months", "years", "weeks", "decades"];
    let after = |i: usize| w[i.saturating_sub(3)..i].iter().any(|x| matches!(*x, "after" | "following" | "ending"));
    if w.windows(2).enumerate().any(|(i, x)| span_of.contains(&x[0]) && x[1] == "of" && !after(i)) {
        return true;
    }
    // "a total of 41 people" is a tally unless a single day bounds it.
    let day = when.is_some_and(|d| d.precision == DatePrecision::Day);
    if (phrase(&["in", "total"]) || phrase(&["a", "total", "of"])) && !day {
        return true;
    }
    // "last year" with no single event named: a yearly tally.
    let relative_year = phrase(&["last", "year"]) || phrase(&["this", "year"]);
    relative_year
        && when.is_some_and(|d| d.precision == DatePrecision::Year)
        && !triggers.iter().any(|t| t.class == TriggerClass::Noun)
}

/// "in the city", "the town", "there": the last town named before this sentence.
fn anaphoric_place(doc: &Document, m: &Mentions, s: usize, words: &[String], g: &Gazetteer) -> Option<Where> {
    let refers =
        words.windows(2).any(|w| w[0] == "the" && matches!(w[1].as_str(), "city" | "town" | "village" | "capital"));
    if !refers {
        return None;
    }
    let start = doc.sentences[s].span.start;
    let last = m
        .places
        .iter()
        .rev()
        .filter(|p| p.span.end <= start && !p.is_reference && p.kind == Some(PlaceKind::Town))
        .find(|p| !doc.dateline.is_some_and(|d| d.overlaps(p.span)))?;
    best_place(doc, &[last], g)
}

/// The end of the clause holding byte `at`: the next comma, semicolon, colon, dash or the sentence end.
fn clause_end(doc: &Document, at: usize, sentence_end: usize) -> usize {
    let i = doc.tokens.partition_point(|t| t.span.start < at);
    doc.tokens[i..]
        .iter()
        .take_while(|t| t.span.end <= sentence_end)
        .find(|t| matches!(t.span.of(doc.text), "," | ";" | ":" | "–" | "—" | "."))
        .map_or(sentence_end, |t| t.span.start)
}

//! Counts: numbers tied to what they count — people killed, wounded or taken hostage, and items
//! seized. A number reaches a casualty word only within its clause, through the noun phrase it
//! counts and auxiliaries; verbs such as "stationed" or "recruited", units ("percent", "km") and
//! hyphenated adjectives ("30-day") cut it off.

use super::actors::ActorMention;
use super::quantities::{find_numbers, NumberMention, Qualifier};
use super::speech::is_saying;
use super::vocab::ActorKind;
use crate::text::{Document, Span, Token};

#[derive(Debug, Clone, PartialEq)]
pub enum Counted {
    Killed,
    Wounded,
    Hostages,
    Seized { item: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct CountMention {
    pub span: Span,
    pub counted: Counted,
    pub low: Option<u64>,
    pub best: Option<u64>,
    pub high: Option<u64>,
    pub qualifier: Qualifier,
    pub victim_kind: Option<ActorKind>,
    /// The words that state the count, for the record's `text`.
    pub text: String,
}

const UNITS: &[&str] = &[
    "percent",
    "per",
    "%",
    "km",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "metres",
    "meters",
    "m",
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "minutes",
    "times",
    "kg",
    "tonnes",
    "tons",
    "dollars",
    "euros",
    "francs",
    "cfa",
    "usd",
    "million",
    "billion",
    "am",
    "pm",
    "a.m",
    "p.m",
    "o'clock",
    "degrees",
];
/// Heads after which a number counts something other than casualties.
const NON_CASUALTY_VERBS: &[&str] = &[
    "stationed",
    "deployed",
    "based",
    "recruited",
    "enrolled",
    "trained",
    "housed",
    "living",
    "displaced",
    "fled",
    "registered",
    "employed",
    "sent",
    "posted",
    "patrolling",
    "guarding",
    "arrived",
    "joined",
    "surrendered",
    "released",
    "freed",
    "rescued",
    "returned",
    "evacuated",
    "attended",
    "gathered",
    "voted",
];
/// Things a number near a toll may count instead of people.
const THINGS: &[&str] = &[
    "vehicles",
    "vehicle",
    "cars",
    "trucks",
    "pickups",
    "motorbikes",
    "motorcycles",
    "houses",
    "huts",
    "shops",
    "buildings",
    "boats",
    "pirogues",
];
const ANIMALS: &[&str] = &[
    "donkeys",
    "donkey",
    "cattle",
    "cows",
    "sheep",
    "goats",
    "camels",
    "horses",
    "animals",
    "livestock",
    "head",
    "oxen",
    "mules",
    "dogs",
];
/// Words that end the noun phrase a number counts.
const STOP_BEFORE_VICTIM: &[&str] = &[
    "were", "was", "when", "and", "or", "after", "as", "killed", "wounded", "injured", "dead", "died", "by", "in",
    "on", "at", "who", "had", "have", "has", "are", "is", "others", "while", "during", "from", "with",
];
const AUXILIARIES: &[&str] = &[
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "being",
    "are",
    "is",
    "reportedly",
    "confirmed",
    "later",
    "also",
    "all",
    "of",
    "them",
    "whom",
    "the",
    "who",
    "others",
    "other",
    "more",
    "people",
    "persons",
    "reported",
    "believed",
    "feared",
    "initially",
    "subsequently",
    "allegedly",
    "either",
    "both",
    "in",
    "total",
    "altogether",
    "now",
];

fn cue_after(words: &[String], i: usize) -> Option<(Counted, usize)> {
    let w = words[i].as_str();
    let next = words.get(i + 1).map(String::as_str).unwrap_or("");
    let c = match w {
        "killed" | "dead" | "died" | "perished" | "slain" | "executed" | "massacred" | "murdered" | "beheaded"
        | "deaths" | "fatalities" | "bodies" | "corpses" => Counted::Killed,
        "shot" if next == "dead" => Counted::Killed,
        "succumbed" | "drowned" => Counted::Killed,
        // "twenty jihadists were neutralised": the military euphemism, only of a stated number.
        "neutralised" | "neutralized" | "eliminated" => Counted::Killed,
        "found" if next == "dead" => Counted::Killed,
        "lost" if next == "their" || next == "his" => Counted::Killed,
        "wounded" | "injured" | "hurt" | "injuries" | "treated" | "hospitalised" | "hospitalized" | "maimed" => {
            Counted::Wounded
        }
        "kidnapped" | "abducted" | "hostages" | "captives" => Counted::Hostages,
        "taken" | "held" if next == "hostage" || next == "captive" => Counted::Hostages,
        _ => return None,
    };
    Some((c, i))
}

fn cue_before(words: &[String], i: usize) -> Option<Counted> {
    let w = words[i].as_str();
    Some(match w {
        "killed" | "killing" | "kill" | "kills" | "executed" | "executing" | "massacred" | "massacring"
        | "murdered" | "assassinated" | "assassinating" | "bodies" | "corpses" | "remains" | "death"
        | "slaughtered" | "slaughtering" | "beheaded" | "toll" | "deaths" | "murder" | "murders" | "massacre"
        | "killings" | "slaying" | "assassination" | "execution" => Counted::Killed,
        "dead" if i > 0 && words[i - 1] == "shot" => Counted::Killed,
        // "the body of one assailant", "the corpse of a herder".
        "body" | "corpse" if words.get(i + 1).is_some_and(|w| w == "of") => Counted::Killed,
        "wounded" | "wounding" | "injured" | "injuring" => Counted::Wounded,
        "kidnapped" | "kidnapping" | "abducted" | "abducting" | "hostage" => Counted::Hostages,
        "seized" | "seizing" | "captured" | "capturing" | "recovered" | "confiscated" | "seizure" | "took"
        | "looted" | "stole" | "seize" | "haul" => Counted::Seized { item: String::new() },
        _ => return None,
    })
}

/// "in revenge for the killing of two traders", "protests over the death of a student": deaths
/// named as the cause of what is reported, an earlier event of their own. `at` opens the noun
/// phrase of the dead.
fn motive(words: &[String], at: usize) -> bool {
    at >= 4
        && words[at - 1] == "of"
        && matches!(words[at - 2].as_str(), "killing" | "killings" | "death" | "deaths" | "murder" | "assassination")
        && words[at - 3] == "the"
        && matches!(words[at - 4].as_str(), "for" | "against" | "over" | "about" | "avenge" | "avenging")
        // ("claimed responsibility for the killing of", "blamed the militia for the killing of":
        // the event itself.)
        && !words[at.saturating_sub(10)..at - 4].iter().any(|w| {
            matches!(w.as_str(), "responsible" | "responsibility" | "blamed" | "blame" | "blames" | "credit" | "accused")
        })
}

/// "militants who had earlier executed an informer": a pluperfect relative clause tells what
/// the people named did before, not the event reported. `verb` is the killing verb's index.
fn backgrounded(words: &[String], verb: usize) -> bool {
    let adverb = |w: &str| ADVERBS.contains(&w) || matches!(w, "previously" | "earlier" | "already");
    let mut k = verb;
    while k > 0 && adverb(&words[k - 1]) {
        k -= 1;
    }
    if k == 0 || words[k - 1] != "had" {
        return false;
    }
    let mut r = k - 1;
    while r > 0 && adverb(&words[r - 1]) {
        r -= 1;
    }
    r > 0 && matches!(words[r - 1].as_str(), "who" | "which" | "that" | "whom")
}

/// "the attack which left 19 people dead in March 2016": a relative clause dating its toll to an
/// earlier year than the report tells of a past event named as background. `at` is the number's
/// first token, `after` the token after it.
fn earlier_year_relative(doc: &Document, toks: &[Token], words: &[String], at: usize, after: usize) -> bool {
    use chrono::Datelike;
    let Some(published) = doc.published else { return false };
    let relative = (at.saturating_sub(4)..at).rev().take_while(|&k| !is_clause_break(&words[k])).any(|k| {
        matches!(words[k].as_str(), "which" | "that")
            && words.get(k + 1).is_some_and(|w| is_verb_like(w) || w == "left")
    });
    relative
        && (after..(after + 12).min(words.len())).take_while(|&k| !is_clause_break(&words[k])).any(|k| {
            toks[k].span.of(doc.text).len() == 4
                && words[k].parse::<i32>().is_ok_and(|y| (1900..published.year()).contains(&y))
        })
}

/// Adverbs between a subject and its verb, or an auxiliary and its participle.
const ADVERBS: &[&str] =
    &["later", "also", "reportedly", "subsequently", "allegedly", "then", "eventually", "summarily", "brutally"];

/// The deaths a subject's own predicate reports, past an aside or a reduced relative clause
/// between them: "9 traders, most of whom were herders, were killed", "eight men abducted the
/// day before were found dead", "4 men arrested on Sunday were found to have been executed".
/// A relative clause's verb ("who were abducted") is passed over; another number ends the search.
fn main_predicate(words: &[String], toks: &[Token], numbers: &[NumberMention], first: usize) -> Option<usize> {
    for k in first..(first + 20).min(words.len()) {
        let w = words[k].as_str();
        // ("abducted two days before", "abducted in several villages": a measure or a number
        // inside a prepositional phrase is no other subject.)
        let measure = words.get(k + 1).is_some_and(|w| UNITS.contains(&w.as_str()))
            || (k > 0 && matches!(words[k - 1].as_str(), "in" | "at" | "from" | "by" | "near" | "across" | "of"));
        if matches!(w, ";" | "." | ":") || (numbers.iter().any(|m| m.span.contains(toks[k].span)) && !measure) {
            return None;
        }
        if !matches!(w, "were" | "was")
            || k == first
            || matches!(words[k - 1].as_str(), "who" | "that" | "which" | "whom")
        {
            continue;
        }
        let mut v = k + 1;
        while words.get(v).is_some_and(|w| ADVERBS.contains(&w.as_str())) {
            v += 1;
        }
        if words.get(v).is_some_and(|w| w == "found")
            && words.get(v + 1).is_some_and(|w| w == "to")
            && words.get(v + 2).is_some_and(|w| w == "have")
            && words.get(v + 3).is_some_and(|w| w == "been")
        {
            v += 4;
        }
        let v = then_killed(words, v).unwrap_or(v);
        if v < words.len() && cue_after(words, v).is_some_and(|(c, _)| c == Counted::Killed) {
            return Some(v);
        }
        // "One of them was shot in the head and succumbed": the same subject's second verb.
        let and =
            (v..(v + 8).min(words.len())).take_while(|&j| !is_clause_break(&words[j])).find(|&j| words[j] == "and")?;
        let mut d = and + 1;
        while words.get(d).is_some_and(|w| ADVERBS.contains(&w.as_str())) {
            d += 1;
        }
        return words.get(d).is_some_and(|w| w == "succumbed" || w == "died").then_some(d);
    }
    None
}

/// "abducted and (later) executed": what befell them last, when it is death.
fn then_killed(words: &[String], i: usize) -> Option<usize> {
    if words.get(i + 1).is_none_or(|w| w != "and") {
        return None;
    }
    let mut v = i + 2;
    while words.get(v).is_some_and(|w| ADVERBS.contains(&w.as_str())) {
        v += 1;
    }
    (v < words.len() && cue_after(words, v).is_some_and(|(c, _)| c == Counted::Killed)).then_some(v)
}

/// The cue at `i` is its subject's own verb ("were abducted", "had been abducted"), not a
/// participle of a reduced relative clause ("men abducted the day before") nor the verb of a
/// relative one ("who had been abducted").
fn is_main_verb(words: &[String], i: usize) -> bool {
    let mut j = i;
    while j > 0 && ADVERBS.contains(&words[j - 1].as_str()) {
        j -= 1;
    }
    let aux = |k: usize| k > 0 && matches!(words[k - 1].as_str(), "were" | "was" | "are" | "is");
    let relative = |k: usize| k > 0 && matches!(words[k - 1].as_str(), "who" | "that" | "which" | "whom");
    if aux(j) {
        return !relative(j - 1);
    }
    if j >= 2 && words[j - 1] == "been" && matches!(words[j - 2].as_str(), "have" | "has" | "had") {
        return !relative(j - 2);
    }
    false
}

fn is_clause_break(w: &str) -> bool {
    matches!(w, "," | ";" | ":" | "–" | "—" | "-" | "(" | ")" | "." | "but" | "while" | "whereas" | "although")
}

/// The counts of one sentence.
/// One sentence as the count finders after the first pass read it.
#[derive(Clone, Copy)]
struct Sentence<'a> {
    doc: &'a Document<'a>,
    toks: &'a [Token],
    words: &'a [String],
    actors: &'a [ActorMention],
    numbers: &'a [NumberMention],
}

pub fn find(doc: &Document, sentence: usize, actors: &[ActorMention], blocked: &[Span]) -> Vec<CountMention> {
    let sent = &doc.sentences[sentence];
    let toks: &[Token] = doc.tokens_of(sentence);
    let words: Vec<String> = toks.iter().map(|t| t.span.of(doc.text).to_lowercase()).collect();
    let base = sent.span.start;
    let numbers: Vec<NumberMention> = find_numbers(sent.span.of(doc.text), base)
        .into_iter()
        .filter(|n| !n.is_year && !n.is_ordinal && !blocked.iter().any(|b| b.overlaps(n.number_span)))
        .collect();
    let tok_after = |at: usize| toks.partition_point(|t| t.span.start < at);
    let mut out: Vec<CountMention> = Vec::new();
    // Index of a number whose count was decided together with an earlier one ("100 civilians and 200 soldiers").
    let mut decided: Vec<Option<(Counted, Qualifier)>> = vec![None; numbers.len()];
    for (k, n) in numbers.iter().enumerate() {
        let rest = &doc.text[n.number_span.end..sent.span.end];
        if rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_alphabetic()) {
            continue; // "30-day", "12-year-old"
        }
        let first = tok_after(n.span.end);
        if words.get(first).is_some_and(|w| UNITS.contains(&w.as_str())) {
            continue;
        }
        // "20 arrested", "8 missing", "four others arrested": counted, but not as casualties.
        let lead = if words.get(first).is_some_and(|w| w == "others" || w == "more") { first + 1 } else { first };
        if words.get(lead).is_some_and(|w| {
            matches!(
                w.as_str(),
                "arrested"
                    | "detained"
                    | "captured"
                    | "released"
                    | "freed"
                    | "rescued"
                    | "missing"
                    | "evacuated"
                    | "displaced"
                    | "deployed"
                    | "surrendered"
            )
        }) || (words.get(lead).is_some_and(|w| w == "taken")
            && words.get(lead + 1).is_some_and(|w| w.starts_with("prisoner")))
        {
            continue;
        }
        // "two donkeys", "three head of cattle": animals are no casualties.
        if words[first..(first + 2).min(words.len())].iter().any(|w| ANIMALS.contains(&w.as_str())) {
            continue;
        }
        // "two vehicles with their occupants", "2 vehicles destroyed and 1 burned": things counted
        // near a toll are no casualties, nor is what is listed with them (they may be seized).
        let thing = words[first..(first + 2).min(words.len())].iter().any(|w| THINGS.contains(&w.as_str()));
        // "21h", "5km", "14.5mm": a measure, not a count.
        if rest.starts_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        // "including 2 soldiers", "among them 3 children": part of a count already made.
        let before_number = toks.partition_point(|t| t.span.end <= n.span.start);
        if before_number > 0 && matches!(words[before_number - 1].as_str(), "including" | "incl" | "among" | "them") {
            continue;
        }
        // "one of the three soldiers": the whole a part is taken from, counted by the part.
        if before_number >= 3
            && words[before_number - 2] == "of"
            && words[before_number - 1] == "the"
            && (numbers.iter().any(|m| m.span.contains(toks[before_number - 3].span))
                || matches!(words[before_number - 3].as_str(), "each" | "all" | "both" | "none"))
        {
            continue;
        }
        if motive(&words, before_number) || earlier_year_relative(doc, toks, &words, before_number, first) {
            continue;
        }
        // "seized in two villages", "from three camps": places counted, unless the phrase is
        // the toll itself ("resulted in five soldiers killed", "in five deaths").
        if before_number >= 1
            && matches!(words[before_number - 1].as_str(), "in" | "from" | "near" | "across")
            && !(before_number >= 2 && matches!(words[before_number - 2].as_str(), "resulted" | "resulting"))
            && (first >= words.len() || cue_after(&words, first).is_none())
        {
            continue;
        }
        if first > 0 && toks[first - 1].span.end > n.span.end && words[first - 1].contains('-') {
            continue; // number inside a hyphenated word
        }
        let before_start = toks.partition_point(|t| t.span.end <= n.span.start);
        if before_start > 0 && matches!(words[before_start - 1].as_str(), "$" | "€" | "£" | "no" | "number") {
            continue;
        }
        // The counted noun: within two modifier words after the number ("60 Malian soldiers",
        // "130 Fulani civilians"), never past a verb or a conjunction.
        let victim = actors.iter().find(|a| {
            a.span.start >= n.span.end && a.span.start <= n.span.end + 40 && {
                let between = &doc.text[n.span.end..a.span.start];
                !between.contains([',', ';', '.', '('])
                    && between.split_whitespace().count() <= 2
                    && between.split_whitespace().all(|w| !STOP_BEFORE_VICTIM.contains(&w.to_lowercase().as_str()))
            }
        });
        let anaphoric = words.get(first).is_some_and(|w| matches!(w.as_str(), "others" | "more" | "of"));
        // ("and three others were subsequently abducted": over the auxiliaries to the verb.)
        let own_cue = (first..words.len())
            .find(|&k| cue_after(&words, k).is_some() || !AUXILIARIES.contains(&words[k].as_str()))
            .and_then(|k| cue_after(&words, k))
            .map(|(c, _)| c);
        let (counted, qualifier) = if let Some(d) = decided[k].take() {
            // "killing five militants and one wounded": a cue of its own wins.
            (Some(own_cue.unwrap_or(d.0)), d.1)
        } else {
            let mut found: Option<(Counted, usize)> = None;
            let mut coordinated: Vec<usize> = Vec::new();
            let mut i = first;
            let mut steps = 0;
            let mut since_number = 0;
            let mut past_noun_phrase = false;
            while i < words.len() && steps < 16 {
                let w = words[i].as_str();
                if let Some((mut c, _)) = cue_after(&words, i) {
                    // "the two wounded later succumbed": the wounded are the subject.
                    let mut v = i + 1;
                    while words.get(v).is_some_and(|w| ADVERBS.contains(&w.as_str())) {
                        v += 1;
                    }
                    if (c == Counted::Wounded && words.get(v).is_some_and(|w| w == "succumbed" || w == "died"))
                        || then_killed(&words, i).is_some()
                    {
                        c = Counted::Killed;
                    }
                    // "three huts and killed two sheep": a verb with an object of its own counts
                    // that object.
                    // ("were killed the following day": a passive participle takes no object, and a
                    // date is none.)
                    let passive = matches!(words[i - 1].as_str(), "were" | "was" | "been" | "being");
                    // ("two individuals shot dead a trader": the object follows the whole verb.)
                    let after = if matches!(words[i].as_str(), "shot" | "found") && words[i + 1] == "dead" {
                        i + 2
                    } else {
                        i + 1
                    };
                    let own_object = i > first
                        && !passive
                        && !toks.get(after).is_some_and(|t| blocked.iter().any(|b| b.contains(t.span)))
                        && toks.get(after).is_some_and(|t| {
                            numbers.iter().any(|m| m.span.start == t.span.start)
                                || matches!(words[after].as_str(), "a" | "an" | "the" | "his" | "her" | "their")
                        });
                    if !own_object {
                        found = Some((c, i));
                    }
                    break;
                }
                let in_victim_np =
                    actors.iter().any(|a| a.span.start <= toks[i].span.start && toks[i].span.end <= a.span.end);
                if in_victim_np {
                    i += 1;
                    continue;
                }
                // "10 Dozo hunters (Bambara) were killed": over a bracketed aside.
                if w == "(" {
                    if let Some(close) = (i + 1..(i + 8).min(words.len())).find(|&k| words[k] == ")") {
                        i = close + 1;
                        steps += 1;
                        continue;
                    }
                }
                // "Three witnesses said the man died": what the counted say is another clause;
                // "60 were confirmed killed", "4 reported killed" say nothing of their own.
                let passive = i > 0
                    && matches!(words[i - 1].as_str(), "were" | "was" | "been" | "being" | "are" | "is")
                    || i + 1 < words.len() && cue_after(&words, i + 1).is_some();
                if (is_clause_break(w) && w != ",")
                    || NON_CASUALTY_VERBS.contains(&w)
                    || is_saying(w) && !passive
                    || UNITS.contains(&w) && i == first
                {
                    break;
                }
                // ("killing two in the process, eight soldiers were wounded": a list continues
                // only right after its noun phrase.)
                if matches!(w, "in" | "at" | "on" | "near" | "during" | "after" | "while" | "from" | "by") {
                    past_noun_phrase = true;
                }
                if (w == "," || w == "and") && !past_noun_phrase {
                    // Coordination: "100 civilians and 200 soldiers were killed".
                    // ("four civilians, two of them children": a subset, not another count.)
                    // ("two men, one from Gao and the other from Kidal": one by one, the same two.)
                    let subset = |m: &NumberMention| {
                        let j = tok_after(m.span.end);
                        (words.get(j).is_some_and(|w| w == "of")
                            && words.get(j + 1).is_some_and(|w| w == "them" || w == "whom"))
                            || (m.best == Some(1)
                                && words[j..(j + 10).min(words.len())]
                                    .windows(2)
                                    .any(|p| p[0] == "the" && p[1] == "other"))
                    };
                    if let Some(next) = numbers.iter().position(|m| tok_after(m.span.start) == i + 1 && !subset(m)) {
                        coordinated.push(next);
                        i = tok_after(numbers[next].span.end);
                        steps += 1;
                        since_number = 0;
                        continue;
                    }
                    if w == "," {
                        break;
                    }
                }
                // "Two passengers who tried to run into the bush were shot dead": over the relative clause.
                if matches!(w, "who" | "which" | "that") {
                    if let Some(k) =
                        (i + 1..(i + 12).min(words.len())).find(|&k| matches!(words[k].as_str(), "were" | "was"))
                    {
                        i = k;
                        steps += 1;
                        continue;
                    }
                }
                if !AUXILIARIES.contains(&w) && since_number > 3 {
                    break;
                }
                i += 1;
                steps += 1;
                since_number += 1;
            }
            let mut after = found.clone().map(|(c, at)| (c, at - first));
            // A cue just before: "killing 12", "killed at least 60", "the death toll rose to 45".
            let mut before: Option<(Counted, usize)> = None;
            let mut j = before_start;
            let mut back = 0;
            let mut saw_and = false;
            while j > 0 && back < 4 {
                j -= 1;
                back += 1;
                let w = words[j].as_str();
                if is_clause_break(w) || numbers.iter().any(|m| m.span.contains(toks[j].span)) {
                    break;
                }
                if let Some(c) = cue_before(&words, j) {
                    // ("four soldiers were killed and two vehicles": a passive verb has its subject;
                    // so has "2 wounded and 1 assailant arrested".)
                    let passive = j > 0
                        && (matches!(words[j - 1].as_str(), "were" | "was" | "been")
                            || numbers.iter().any(|m| m.span.contains(toks[j - 1].span)));
                    if !((saw_and && passive) || backgrounded(&words, j)) {
                        before = Some((c, back));
                    }
                    break;
                }
                saw_and |= w == "and";
                if !matches!(
                    w,
                    "to" | "at"
                        | "of"
                        | "rose"
                        | "climbed"
                        | "reached"
                        | "stood"
                        | "stands"
                        | "risen"
                        | "least"
                        | "some"
                        | "another"
                        | "a"
                        | "an"
                        | "the"
                        | "total"
                        | "and"
                        | "with"
                        | "than"
                ) {
                    break;
                }
            }
            let opens_clause = before_start == 0
                || is_clause_break(&words[before_start - 1])
                || matches!(words[before_start - 1].as_str(), "and" | "while" | "when" | "the");
            if before.is_none()
                && opens_clause
                && found.as_ref().is_none_or(|(c, at)| *c != Counted::Killed && !is_main_verb(&words, *at))
            {
                if let Some(v) = main_predicate(&words, toks, &numbers, first) {
                    after = Some((Counted::Killed, v - first));
                }
            }
            // "the bodies of two herders kidnapped in May": whatever else befell them, they are dead.
            let remains = |at: usize| {
                matches!(words[before_start - at].as_str(), "bodies" | "corpses" | "remains" | "body" | "corpse")
            };
            let counted = match (after, before) {
                (Some(_), Some((b, db))) if b == Counted::Killed && remains(db) => Some(b),
                (Some((a, da)), Some((b, db))) => Some(if da <= db { a } else { b }),
                (Some((a, _)), None) => Some(a),
                (None, Some((b, _))) => Some(b),
                (None, None) => None,
            };
            if let Some(c) = counted
                .as_ref()
                .filter(|c| !(thing && matches!(c, Counted::Killed | Counted::Wounded | Counted::Hostages)))
            {
                for &m in &coordinated {
                    let q = if numbers[m].qualifier == Qualifier::Exact { n.qualifier } else { numbers[m].qualifier };
                    decided[m] = Some((c.clone(), q));
                }
            }
            (counted, n.qualifier)
        };
        let Some(mut counted) = counted else { continue };
        // ("three explosive devices were neutralised": the euphemism counts people only.)
        let euphemism = (first..(first + 8).min(words.len()))
            .find(|&k| cue_after(&words, k).is_some())
            .is_some_and(|k| matches!(words[k].as_str(), "neutralised" | "neutralized" | "eliminated"));
        if euphemism && victim.is_none_or(|v| v.kind == ActorKind::Unknown) {
            continue;
        }
        if thing && matches!(counted, Counted::Killed | Counted::Wounded | Counted::Hostages) {
            continue;
        }
        if let Counted::Seized { item } = &mut counted {
            *item = item_phrase(doc, toks, &words, first);
            if item.is_empty() {
                continue;
            }
            if victim.is_some_and(|v| v.kind == ActorKind::Civilian) {
                counted = Counted::Hostages;
            }
        }
        let (low, best, high) = with_qualifier(n, qualifier);
        // "Twelve soldiers were killed and nine others wounded": the others are of the same kind.
        let victim_kind = match victim {
            Some(v) => Some(v.kind),
            None if anaphoric => out.iter().rev().find_map(|c| c.victim_kind),
            None => None,
        };
        out.push(CountMention {
            span: n.span,
            counted,
            low,
            best,
            high,
            qualifier,
            victim_kind,
            text: n.span.of(doc.text).to_string(),
        });
    }
    // Victims named only in a partitive: "Of the 280 military personnel stationed there, at least 60 were killed".
    let s = Sentence { doc, toks, words: &words, actors, numbers: &numbers };
    let partitive = partitive_victim(&s);
    let more = remainders(&s, &out, partitive);
    out.extend(more);
    // Each finder sees the counts found before it, so that no number or person is counted twice.
    for finder in
        [singulars, objects, headline_victim, listed_with_numbers, later_deaths, captives_killed, coded_fatalities]
    {
        let more = finder(&s, &out);
        out.extend(more);
    }
    out.sort_by_key(|c| c.span.start);
    for c in out.iter_mut() {
        if c.victim_kind.is_none() && !matches!(c.counted, Counted::Seized { .. }) {
            c.victim_kind = partitive.map(|(_, k)| k);
        }
    }
    out
}

fn with_qualifier(n: &NumberMention, q: Qualifier) -> (Option<u64>, Option<u64>, Option<u64>) {
    if q == n.qualifier {
        (n.low, n.best, n.high)
    } else {
        // An inherited qualifier ("at least 100 civilians and 200 soldiers"): same figure, new reading.
        let v = n.best.or(n.low);
        (v, v, n.high)
    }
}

/// The thing counted after a seizure verb: "174 Kalashnikovs", "three vehicles".
fn item_phrase(doc: &Document, toks: &[Token], words: &[String], first: usize) -> String {
    let mut end = first;
    while end < toks.len() && end < first + 4 {
        let w = words[end].as_str();
        if is_clause_break(w)
            || matches!(
                w,
                "and"
                    | "or"
                    | "from"
                    | "in"
                    | "during"
                    | "as"
                    | "that"
                    | "which"
                    | "."
                    | "to"
                    | "at"
                    | "belonging"
                    | "along"
                    | "with"
                    | "including"
                    | "among"
                    | "after"
                    | "before"
                    | "when"
            )
        {
            break;
        }
        if toks[end].shape == crate::text::TokenShape::Number {
            break;
        }
        end += 1;
    }
    if end == first {
        return String::new();
    }
    doc.text[toks[first].span.start..toks[end - 1].span.end].to_string()
}

/// "Of the 280 military personnel …": the total and the kind it names.
fn partitive_victim(s: &Sentence) -> Option<(u64, ActorKind)> {
    let Sentence { doc, toks, words, actors, .. } = *s;
    for i in 0..words.len().saturating_sub(2) {
        if words[i] == "of" && words[i + 1] == "the" && toks[i + 2].shape == crate::text::TokenShape::Number {
            let total: u64 = words[i + 2].replace(',', "").parse().ok()?;
            let after = toks[i + 2].span.end;
            let kind = actors.iter().find(|a| a.span.start >= after && a.span.start <= after + 2)?.kind;
            let _ = doc;
            return Some((total, kind));
        }
    }
    None
}

/// "… and the remainder taken hostage": the partitive total less the counts already stated.
fn remainders(s: &Sentence, counts: &[CountMention], partitive: Option<(u64, ActorKind)>) -> Vec<CountMention> {
    let Sentence { doc, toks, words, numbers, .. } = *s;
    let mut out = Vec::new();
    for i in 1..words.len() {
        if !(words[i - 1] == "the" && matches!(words[i].as_str(), "remainder" | "rest" | "others")) {
            continue;
        }
        let mut counted = None;
        for j in i + 1..(i + 5).min(words.len()) {
            if let Some((c, _)) = cue_after(words, j) {
                counted = Some(c);
                break;
            }
        }
        let Some(counted) = counted else { continue };
        let total = partitive.map(|(t, _)| t);
        let stated: u64 = counts.iter().filter_map(|c| c.low).sum();
        let low = total.filter(|&t| t > stated && numbers.len() >= 2).map(|t| t - stated);
        let span = Span::new(toks[i - 1].span.start, toks[i].span.end);
        out.push(CountMention {
            span,
            counted,
            low,
            best: low,
            high: None,
            qualifier: if low.is_some() { Qualifier::Exact } else { Qualifier::Vague },
            victim_kind: partitive.map(|(_, k)| k),
            text: span.of(doc.text).to_string(),
        });
    }
    out
}

/// "a soldier was killed", "one civilian died": a count of one.
fn singulars(s: &Sentence, counts: &[CountMention]) -> Vec<CountMention> {
    let Sentence { doc, toks, words, actors, .. } = *s;
    let mut out = Vec::new();
    for a in actors.iter().filter(|a| !a.named || a.name.contains(' ')) {
        let i = toks.partition_point(|t| t.span.start < a.span.start);
        if i == 0 || i >= toks.len() || !matches!(words[i - 1].as_str(), "a" | "an" | "one") || motive(words, i - 1) {
            continue;
        }
        if a.name.ends_with('s') || counts.iter().any(|c| c.span.overlaps(a.span) || c.span.overlaps(toks[i - 1].span))
        {
            continue;
        }
        // The victim, not the killer: "a soldier killed", "a soldier was killed", not "an
        // individual armed with a hatchet killed".
        let end = toks.partition_point(|t| t.span.start < a.span.end);
        let mut j = end;
        while j < words.len() && matches!(words[j].as_str(), "was" | "has" | "been" | "reportedly" | "later" | "also") {
            j += 1;
        }
        let counted = if j < words.len() { cue_after(words, j).map(|(c, _)| c) } else { None };
        let Some(counted) = counted else { continue };
        let span = Span::new(toks[i - 1].span.start, a.span.end);
        out.push(one(doc, span, counted, Some(a.kind)));
    }
    // "an elderly Malinke was shot dead", "A former councillor was murdered": one person, even
    // when the lexicon knows no noun for them.
    for i in 0..words.len() {
        // ("GATIA's commander Ali Maiga was killed": a possessive determines the subject too.)
        let possessive = words[i].ends_with("'s")
            || words.get(i + 1).is_some_and(|w| w == "'s")
            || (words.get(i + 1).is_some_and(|w| w == "'") && words.get(i + 2).is_some_and(|w| w == "s"));
        // ("Marta Lopez was murdered": a person's name is one person as much as "a man" is.)
        let person = actors.iter().any(|a| a.tagged && a.canonical.is_none() && a.span.start == toks[i].span.start);
        if !(matches!(words[i].as_str(), "a" | "an" | "the" | "one") || possessive || person)
            || (i > 0 && !is_clause_break(&words[i - 1]) && !matches!(words[i - 1].as_str(), ":" | "'" | "\"" | "“"))
        {
            continue;
        }
        let Some(was) = (i + 2..(i + 12).min(words.len())).find(|&k| words[k] == "was") else { continue };
        // ("A Water and Forests agent": a conjunction inside a name joins no second subject; "a
        // 50-year-old man": a number inside a word counts nobody.)
        // ("a 50-year-old man": a hyphen between the parts of a word is no dash.)
        let inner_hyphen = |k: usize| {
            words[k] == "-" && toks[k - 1].span.end == toks[k].span.start && toks[k + 1].span.start == toks[k].span.end
        };
        // ("Moussa Diallo, a trader, was killed": an aside set off by commas names the same one.)
        let aside = |k: usize| {
            words[k] == ","
                && ((k + 1 < was && matches!(words[k + 1].as_str(), "a" | "an" | "the" | "aged"))
                    || (k + 1 == was && (i + 1..k).any(|j| words[j] == ",")))
        };
        if (i + 1..was).any(|k| {
            (is_clause_break(&words[k]) && !inner_hyphen(k) && !aside(k))
                || (words[k] == "and" && !toks[k + 1].span.of(doc.text).starts_with(char::is_uppercase))
                || (toks[k].shape == crate::text::TokenShape::Number && !doc.text[toks[k].span.end..].starts_with('-'))
        }) {
            continue;
        }
        // "the villagers was" does not happen; "the mayor of Boni was" does.
        if words[i] == "the" && words[i + 1].ends_with('s') {
            continue;
        }
        let after = |k: usize| words.get(k).map(String::as_str).unwrap_or("");
        let mut was = was;
        // ("was violently murdered": any manner adverb in "-ly".)
        while matches!(after(was + 1), "later" | "also" | "then") || super::lexicon::is_ly_adverb(after(was + 1)) {
            was += 1;
        }
        let killed = matches!(
            after(was + 1),
            "killed" | "murdered" | "assassinated" | "executed" | "beheaded" | "lynched" | "slain"
        ) || (after(was + 1) == "shot" && matches!(after(was + 2), "dead" | "and"))
            || (matches!(after(was + 1), "found") && after(was + 2) == "dead");
        let span = Span::new(toks[i].span.start, toks[was - 1].span.end);
        // ("A militia member was shot down": of a person, not of an aircraft, it is a killing.)
        let person_shot_down = after(was + 1) == "shot"
            && after(was + 2) == "down"
            && actors.iter().any(|a| span.contains(a.span) && !a.is_property() && a.kind != ActorKind::Unknown);
        let killed = killed || person_shot_down;
        if !killed || out.iter().chain(counts).any(|c| c.span.overlaps(span)) {
            continue;
        }
        out.push(one(doc, span, Counted::Killed, actors.iter().find(|a| span.contains(a.span)).map(|a| a.kind)));
    }
    out
}

/// People named by their relation or trade, for lists of victims.
const PERSON_WORDS: &[&str] = &[
    "son",
    "daughter",
    "father",
    "mother",
    "wife",
    "husband",
    "brother",
    "sister",
    "driver",
    "bodyguard",
    "guard",
    "associate",
    "companion",
    "child",
    "nephew",
    "cousin",
    "relative",
    "apprentice",
    "assistant",
    "uncle",
    "friend",
    "colleague",
    "escort",
];
const KILL_VERBS: &[&str] = &[
    "killed",
    "killing",
    "executed",
    "executing",
    "assassinated",
    "murdered",
    "beheaded",
    "slaughtered",
    "lynched",
    "slit",
    "strangled",
];
const DETERMINERS: &[&str] = &["a", "an", "one", "his", "her", "the", "its", "their", "another"];
/// Words that end a noun phrase in an object list.
const NP_ENDS: &[&str] = &[
    ",", ";", ".", "and", "with", "along", "in", "near", "at", "on", "between", "while", "during", "as", "after",
    "before", "from", "inside", "outside", "around", "who", "which", "that", "when", "by", "for", "to", "(", ")", "–",
    "-",
];

/// People counted one by one after a killing verb: "killed a customs officer", "executed a mechanic
/// and an electricity provider", "shot dead a businessman with his driver and bodyguard".
fn objects(s: &Sentence, counts: &[CountMention]) -> Vec<CountMention> {
    let Sentence { doc, toks, words, actors, .. } = *s;
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let verb_end = if KILL_VERBS.contains(&words[i].as_str()) {
            i + 1
        } else if (words[i] == "shot" || words[i] == "gunned")
            && words.get(i + 1).is_some_and(|w| w == "dead" || w == "down")
        {
            i + 2
        } else if words[i] == "shot"
            && matches!(words.get(i + 1).map(String::as_str), Some("him" | "her"))
            && words.get(i + 2).is_some_and(|w| w == "dead")
        {
            i + 1
        } else if words[i] == "death"
            && i >= 2
            && words[i - 1] == "the"
            && matches!(words[i - 2].as_str(), "announced" | "confirmed" | "reported" | "mourned" | "deplored")
            && words.get(i + 1).is_some_and(|w| w == "of")
        {
            // "announced the death of a soldier": a death reported, one victim.
            i + 1
        } else if matches!(words[i].as_str(), "shot" | "stabbed" | "beaten")
            && words.get(i + 1).is_some_and(|w| w == "to")
            && words.get(i + 2).is_some_and(|w| w == "death")
        {
            i + 3
        } else {
            i += 1;
            continue;
        };
        // Passive ("was killed") and counts already read ("killed 12 soldiers") are not objects.
        if (i > 0 && matches!(words[i - 1].as_str(), "was" | "were" | "been" | "being" | "be"))
            || backgrounded(words, i)
        {
            i = verb_end;
            continue;
        }
        let mut j = verb_end;
        // "the killing of an ISGS commander"
        if words.get(j).is_some_and(|w| w == "of") {
            j += 1;
            if motive(words, j) {
                i = j;
                continue;
            }
        }
        // "killed and buried a herder": one object for both verbs.
        if words.get(j).is_some_and(|w| w == "and") && words.get(j + 1).is_some_and(|w| is_verb_like(w)) {
            j += 2;
        }
        // "causing it to explode and killing him", "shot him dead": one person the sentence
        // has named before, when it counts nobody else.
        if matches!(words.get(j).map(String::as_str), Some("him" | "her"))
            && !counts.iter().chain(&out).any(|c| c.counted == Counted::Killed)
        {
            out.push(one(doc, toks[j].span, Counted::Killed, None));
            i = j + 1;
            continue;
        }
        let mut people = 0u64;
        let mut kind = None;
        let mut last_det = String::new();
        let start = toks.get(j).map(|t| t.span.start).unwrap_or(0);
        let mut end = start;
        while let Some(w) = words.get(j) {
            let bare_after_possessive = matches!(last_det.as_str(), "his" | "her" | "their")
                && w != "and"
                && !NP_ENDS.contains(&w.as_str())
                && people > 0;
            // "shot dead CSMAK officer Baba Ag Adobent", "killed Moussa Diallo": a person's name or
            // title needs no article.
            // ("executed Fulani notable in", "killed JNIM commander X also called Y": a bare
            // singular actor noun heads one person too; an alias ends the name.)
            let named_person = people == 0 && {
                let np_end = (j..words.len())
                    .find(|&k| {
                        NP_ENDS.contains(&words[k].as_str())
                            || matches!(words[k].as_str(), "also" | "alias" | "aka" | "nicknamed" | "called")
                    })
                    .unwrap_or(words.len());
                let within = |a: &ActorMention| {
                    np_end > j && a.span.start >= toks[j].span.start && a.span.end <= toks[np_end - 1].span.end
                };
                let generic = |a: &ActorMention| !a.named && !a.tagged && !a.name.ends_with('s');
                np_end <= j + 8
                    && actors.iter().filter(|a| within(a)).any(|a| (a.tagged && a.canonical.is_none()) || generic(a))
                    && (toks[np_end - 1].span.of(doc.text).chars().next().is_some_and(char::is_uppercase)
                        || actors.iter().any(|a| {
                            within(a)
                                && generic(a)
                                && a.kind != ActorKind::Unknown
                                && a.span.end == toks[np_end - 1].span.end
                        }))
            };
            if !DETERMINERS.contains(&w.as_str()) && !bare_after_possessive && !named_person {
                break;
            }
            if counts.iter().any(|c| c.span.contains(toks[j].span)) {
                break;
            }
            if DETERMINERS.contains(&w.as_str()) {
                last_det = w.clone();
                j += 1;
            }
            // The noun phrase: up to the next boundary ("of" may continue it: "a member of X").
            let np_start = j;
            while j < words.len() && j < np_start + 12 {
                // ("a chief of the Bella (Tuareg) community": over a bracketed aside.)
                if words[j] == "(" && j > np_start {
                    if let Some(close) = (j + 1..(j + 6).min(words.len())).find(|&k| words[k] == ")") {
                        j = close + 1;
                        continue;
                    }
                }
                if NP_ENDS.contains(&words[j].as_str()) {
                    break;
                }
                j += 1;
            }
            if j == np_start {
                break;
            }
            let head = words[j - 1].as_str();
            let np = crate::text::Span::new(toks[np_start].span.start, toks[j - 1].span.end);
            // ("found beheaded a day earlier", "a trader, the IED was planted": a time, a clause.)
            if words[np_start..j].iter().any(|w| {
                matches!(
                    w.as_str(),
                    "day"
                        | "days"
                        | "week"
                        | "weeks"
                        | "month"
                        | "months"
                        | "earlier"
                        | "ago"
                        | "was"
                        | "were"
                        | "is"
                        | "are"
                )
            }) {
                break;
            }
            // After the first, only people continue the list ("a trader, the IED was planted" is not).
            // ("and an electricity provider": an indefinite noun phrase is another person too.)
            let person = actors.iter().any(|a| a.span.overlaps(np))
                || PERSON_WORDS.contains(&head)
                || head.strip_suffix('s').is_some_and(|h| PERSON_WORDS.contains(&h))
                || head == "children"
                || matches!(last_det.as_str(), "a" | "an");
            if (people > 0 && !person)
                || matches!(words[np_start].as_str(), "unknown" | "number" | "several" | "dozens" | "undetermined")
            {
                break;
            }
            let plural = head.ends_with('s')
                && !head.ends_with("ss")
                && !matches!(last_det.as_str(), "a" | "an" | "one" | "another");
            // "a village chief and his three sons": a number of the kin or staff just named.
            let kin = (people > 0 && matches!(last_det.as_str(), "his" | "her" | "their"))
                .then(|| super::quantities::find_numbers(np.of(doc.text), np.start))
                .and_then(|ns| ns.into_iter().find(|n| n.span.start == np.start && !n.is_year && !n.is_ordinal))
                .and_then(|n| n.low)
                .filter(|_| head.strip_suffix('s').is_some_and(|h| PERSON_WORDS.contains(&h)) || head == "children");
            if (plural && kin.is_none()) || KILL_VERBS.contains(&head) {
                break;
            }
            people += kin.unwrap_or(1);
            if kind.is_none() {
                let mut in_np = actors.iter().filter(|a| a.span.overlaps(np)).map(|a| a.kind);
                kind = in_np.clone().find(|k| *k != ActorKind::Unknown).or_else(|| in_np.next());
            }
            end = np.end;
            // Another person in the list: ", his son", "and an electricity provider", "with his driver".
            match words.get(j).map(String::as_str) {
                Some("," | "and" | "with")
                    if words.get(j + 1).is_some_and(|n| {
                        DETERMINERS.contains(&n.as_str())
                            || (matches!(last_det.as_str(), "his" | "her" | "their")
                                && n != "and"
                                && !NP_ENDS.contains(&n.as_str())
                                && !is_verb_like(n))
                    }) =>
                {
                    j += 1
                }
                Some("and") if words.get(j + 1).is_some_and(|n| DETERMINERS.contains(&n.as_str())) => j += 1,
                _ => break,
            }
        }
        if people > 0 {
            let span = Span::new(start, end);
            out.push(people_counted(doc, span, Counted::Killed, people, kind.or(Some(ActorKind::Civilian))));
        }
        i = j.max(verb_end);
    }
    out
}

fn is_verb_like(w: &str) -> bool {
    w.ends_with("ed")
        || w.ends_with("ing")
        || matches!(w, "wounded" | "injured" | "seized" | "fled" | "left" | "took" | "stole")
}

/// Wire shorthand without an article: "Alleged jihadist commander killed by national guards",
/// "Guide of the brigade assassinated at his home": one person, named first, then the verb.
fn headline_victim(s: &Sentence, counts: &[CountMention]) -> Vec<CountMention> {
    let Sentence { doc, toks, words, actors, .. } = *s;
    // ("Teacher shot dead by gunmen", "Coordinator found dead in his room": the verb with "dead".)
    let with_dead =
        |k: usize| matches!(words[k].as_str(), "shot" | "found") && words.get(k + 1).is_some_and(|w| w == "dead");
    let Some(verb) = (1..words.len().min(10)).find(|&k| {
        matches!(words[k].as_str(), "killed" | "assassinated" | "murdered" | "executed" | "beheaded") || with_dead(k)
    }) else {
        return Vec::new();
    };
    let verb_end = if with_dead(verb) { verb + 1 } else { verb };
    let first = toks[0].span.of(doc.text);
    let opens_with_noun = first.chars().next().is_some_and(char::is_uppercase)
        && !matches!(
            words[0].as_str(),
            "a" | "an"
                | "the"
                | "one"
                | "two"
                | "on"
                | "in"
                | "at"
                | "unknown"
                | "unidentified"
                | "gunmen"
                | "militants"
                | "suspected"
                | "presumed"
                | "these"
                | "those"
                | "this"
                | "that"
                | "they"
                | "he"
                | "she"
                | "it"
                | "his"
                | "her"
                | "their"
                | "its"
                | "some"
                | "many"
                | "several"
                | "all"
        );
    // ("Teacher reportedly beheaded": the subject ends before an adverb.)
    let mut subject_end = verb;
    while subject_end > 1 && ADVERBS.contains(&words[subject_end - 1].as_str()) {
        subject_end -= 1;
    }
    let subj = subject_end;
    let head = &words[subj - 1];
    let span = Span::new(toks[0].span.start, toks[subj - 1].span.end);
    // One person is the subject ("Commander killed by …", "Councilman in Moungnoukana
    // assassinated at his home") when an actor noun ends it or opens it before a place, and the
    // verb takes no object ("JNIM killed two soldiers" is active).
    let noun_ends_subject = actors.iter().any(|a| {
        a.span.end == toks[subj - 1].span.end && !a.name.ends_with('s') && !(a.named && a.kind == ActorKind::ArmedGroup)
    });
    let passive = matches!(
        words.get(verb_end + 1).map(String::as_str),
        None | Some(
            "by" | "in"
                | "at"
                | "near"
                | "on"
                | "during"
                | "while"
                | "after"
                | "overnight"
                | "yesterday"
                | "today"
                | "last"
                | ","
                | "."
                | "with"
                | "around"
                | "outside"
                | "inside"
        )
    ) || (words.get(verb_end + 1).is_some_and(|w| w == "and")
        && words.get(verb_end + 2).is_some_and(|w| matches!(w.as_str(), "a" | "an" | "another" | "his" | "her")));
    let one_person = actors.iter().any(|a| {
        a.span.start == toks[0].span.start
            && !a.name.ends_with('s')
            && !(a.named && a.kind == ActorKind::ArmedGroup)
            && words[toks.partition_point(|t| t.span.start < a.span.end)..subj]
                .first()
                .is_some_and(|w| matches!(w.as_str(), "in" | "of" | "for" | "from" | "at"))
    });
    // "Forest guard and his driver killed": a companion named by a possessive is a second victim;
    // "Agent of the Water and Forests service": a conjunction inside a name joins nobody.
    let mut people = 1u64;
    let mut joins_other = false;
    for k in 0..subj {
        if words[k] != "and" {
            continue;
        }
        let next = toks.get(k + 1).map(|t| t.span.of(doc.text)).unwrap_or("");
        if matches!(words.get(k + 1).map(String::as_str), Some("his" | "her"))
            && k + 3 == subj
            && (PERSON_WORDS.contains(&words[k + 2].as_str())
                || actors.iter().any(|a| a.span == toks[k + 2].span && !a.name.ends_with('s')))
        {
            people += 1;
        } else if !(k > 0
            && next.starts_with(char::is_uppercase)
            && toks[k - 1].span.of(doc.text).starts_with(char::is_uppercase))
        {
            joins_other = true;
        }
    }
    let glued_hyphen = |k: usize| {
        words[k] == "-"
            && k > 0
            && toks[k - 1].span.end == toks[k].span.start
            && toks.get(k + 1).is_some_and(|t| t.span.start == toks[k].span.end)
    };
    let head_noun_ends_subject =
        people > 1 && actors.iter().any(|a| a.span.start == toks[0].span.start && !a.name.ends_with('s'));
    if !opens_with_noun
        || head.ends_with('s')
        || joins_other
        || (0..subj).any(|k| {
            (is_clause_break(&words[k]) && !glued_hyphen(k)) || toks[k].shape == crate::text::TokenShape::Number
        })
        || counts.iter().any(|c| c.span.overlaps(span))
        || !((noun_ends_subject || one_person || head_noun_ends_subject) && passive)
    {
        return Vec::new();
    }
    let kind = actors.iter().find(|a| span.contains(a.span)).map(|a| a.kind);
    vec![people_counted(doc, span, Counted::Killed, people, kind)]
}

/// People listed one by one beside numbers as the subject of a toll: "two civilians and an
/// officer were killed", "Three attackers, two soldiers and a civilian were killed". The numbers
/// are counted already; each "a"/"an" member adds one.
fn listed_with_numbers(s: &Sentence, counts: &[CountMention]) -> Vec<CountMention> {
    let Sentence { doc, toks, words, actors, numbers } = *s;
    let mut out = Vec::new();
    for k in 1..words.len() {
        let mut v = k + 1;
        while words.get(v).is_some_and(|w| ADVERBS.contains(&w.as_str())) {
            v += 1;
        }
        if words[k] != "were" || v >= words.len() || !cue_after(words, v).is_some_and(|(c, _)| c == Counted::Killed) {
            continue;
        }
        // The members, right to left, each ended by "and" or a comma.
        let mut end = k;
        let mut singles: Vec<Span> = Vec::new();
        let mut with_number = false;
        // A member is a number's noun phrase or an indefinite one, never a clause ("a car
        // exploded and two were killed").
        let mut member = |from: usize, to: usize| -> bool {
            if from >= to || (from..to).any(|j| is_clause_break(&words[j]) || is_verb_like(&words[j])) {
                return false;
            }
            let span = Span::new(toks[from].span.start, toks[to - 1].span.end);
            if numbers.iter().any(|m| m.span.start == span.start) {
                with_number = true;
            } else if matches!(words[from].as_str(), "a" | "an") {
                singles.push(span);
            } else {
                return false;
            }
            true
        };
        loop {
            // ("a GATIA and MOC officer, a leader and six others": a conjunction inside a member
            // is passed over to the separator before it.)
            let mut to = end;
            let sep = loop {
                match (end.saturating_sub(9)..to).rev().find(|&j| matches!(words[j].as_str(), "and" | ",")) {
                    Some(sep) if member(sep + 1, end) => break Some(Some(sep)),
                    Some(sep) if words[sep] == "and" => to = sep,
                    Some(_) => break Some(None),
                    None => break None,
                }
            };
            match sep {
                Some(Some(sep)) => end = sep,
                Some(None) => break,
                None => {
                    // The first member opens the clause: "Three attackers including the bomber, …".
                    if let Some(o) =
                        (end.saturating_sub(9)..end).rev().find(|&j| j == 0 || is_clause_break(&words[j - 1]))
                    {
                        member(o, end);
                    }
                    break;
                }
            }
        }
        if !with_number {
            continue;
        }
        for span in singles {
            if !counts.iter().chain(&out).any(|c| c.span.overlaps(span)) {
                out.push(one(
                    doc,
                    span,
                    Counted::Killed,
                    actors.iter().find(|a| span.contains(a.span)).map(|a| a.kind),
                ));
            }
        }
    }
    out
}

/// One person who died after what was reported: "He later died of his injuries", "wounded
/// another who succumbed the next day", "the guard who was wounded later succumbed", "the man
/// died in hospital", "he was later found dead", "his driver found dead".
fn later_deaths(s: &Sentence, counts: &[CountMention]) -> Vec<CountMention> {
    let Sentence { doc, toks, words, actors, .. } = *s;
    let mut out = Vec::new();
    for k in 1..words.len() {
        let found_dead = words[k] == "found" && words.get(k + 1).is_some_and(|w| w == "dead");
        if !(matches!(words[k].as_str(), "succumbed" | "died") || found_dead) {
            continue;
        }
        let mut j = k;
        while j > 0 && ADVERBS.contains(&words[j - 1].as_str()) {
            j -= 1;
        }
        // Died of what was done to them, not of a heart attack: "died of his wounds", "died in
        // hospital", "later died".
        let after = |d: usize| words.get(k + d).map(String::as_str).unwrap_or("");
        let of_wounds = (1..5).any(|d| matches!(after(d), "injuries" | "injury" | "wounds" | "hospital"))
            && matches!(after(1), "of" | "from" | "in" | "at");
        if words[k] == "died" && j == k && !of_wounds {
            continue;
        }
        if found_dead && j >= 1 && words[j - 1] == "was" {
            j -= 1;
        }
        if j >= 2 && matches!(words[j - 1].as_str(), "wounded" | "injured") && words[j - 2] == "was" {
            j -= 2;
        }
        if j >= 1 && words[j - 1] == "who" {
            j -= 1;
        }
        if j == 0 {
            continue;
        }
        let head = words[j - 1].as_str();
        let det = if matches!(head, "he" | "she" | "another") {
            Some(j - 1)
        } else if head.ends_with('s') || is_clause_break(head) {
            None
        } else {
            (j.saturating_sub(5)..j - 1)
                .rev()
                .find(|&d| matches!(words[d].as_str(), "a" | "an" | "the" | "one" | "his" | "her" | "their"))
        };
        let Some(d) = det else { continue };
        let opens = d == 0
            || is_clause_break(&words[d - 1])
            || matches!(words[d - 1].as_str(), "where" | "when" | "and" | "while" | "wounded" | "injured" | "that")
            || is_saying(&words[d - 1]);
        if !opens || (d..j).any(|x| is_clause_break(&words[x]) || toks[x].shape == crate::text::TokenShape::Number) {
            continue;
        }
        let span = Span::new(toks[d].span.start, toks[j - 1].span.end);
        if counts.iter().chain(&out).any(|c| c.span.overlaps(span)) {
            continue;
        }
        out.push(one(doc, span, Counted::Killed, actors.iter().find(|a| span.contains(a.span)).map(|a| a.kind)));
    }
    out
}

/// "abducted four men in the village, they were executed", "arrested six men, the corpses of those
/// arrested were found", "a car carrying four traders, the occupants were robbed and executed":
/// the captives or passengers just counted, killed.
fn captives_killed(s: &Sentence, counts: &[CountMention]) -> Vec<CountMention> {
    let Sentence { doc, toks, words, numbers, .. } = *s;
    let mut out = Vec::new();
    for k in 1..words.len() {
        if !(is_clause_break(&words[k - 1]) || words[k - 1] == "and") {
            continue;
        }
        let w = |j: usize| words.get(j).map(String::as_str).unwrap_or("");
        // The remains of them: "the corpses of those arrested".
        let (remains, s) = if w(k) == "the" && matches!(w(k + 1), "corpses" | "bodies" | "remains") && w(k + 2) == "of"
        {
            (true, k + 3)
        } else {
            (false, k)
        };
        let subject_end = match (w(s), w(s + 1)) {
            ("they" | "both", _) => s + 1,
            ("the", "occupants" | "passengers" | "captives" | "hostages" | "detainees" | "prisoners") => s + 2,
            ("those", "arrested" | "detained" | "abducted" | "kidnapped" | "captured") => s + 2,
            ("them", _) if remains => s + 1,
            _ => continue,
        };
        if w(subject_end) != "were" {
            continue;
        }
        let mut v = subject_end + 1;
        while words.get(v).is_some_and(|w| ADVERBS.contains(&w.as_str())) {
            v += 1;
        }
        // ("were stripped of their belongings and executed": the clause's last verb.)
        let killed = |v: usize| v < words.len() && cue_after(words, v).is_some_and(|(c, _)| c == Counted::Killed);
        let dead = remains
            || killed(then_killed(words, v).unwrap_or(v))
            || (v..(v + 8).min(words.len()))
                .take_while(|&j| !is_clause_break(&words[j]))
                .any(|j| words[j] == "and" && killed(j + 1));
        if !dead {
            continue;
        }
        let before = toks[k].span.start;
        let captives = counts
            .iter()
            .rev()
            .find(|c| c.span.end <= before && c.counted == Counted::Hostages && c.low.is_some())
            .cloned()
            .or_else(|| {
                // "arrested six individuals", "carrying four traders": a number of people held or carried.
                numbers.iter().rev().filter(|n| n.span.end <= before && n.low.is_some()).find_map(|n| {
                    let at = toks.partition_point(|t| t.span.end <= n.span.start);
                    let next = toks.partition_point(|t| t.span.start < n.span.end);
                    let held = at > 0
                        && matches!(
                            words[at - 1].as_str(),
                            "arrested"
                                | "detained"
                                | "carrying"
                                | "transporting"
                                | "captured"
                                | "abducted"
                                | "kidnapped"
                        )
                        && !words[next..(next + 2).min(words.len())]
                            .iter()
                            .any(|w| THINGS.contains(&w.as_str()) || ANIMALS.contains(&w.as_str()));
                    held.then(|| CountMention {
                        span: n.span,
                        counted: Counted::Killed,
                        low: n.low,
                        best: n.best,
                        high: n.high,
                        qualifier: n.qualifier,
                        victim_kind: None,
                        text: String::new(),
                    })
                })
            });
        if let Some(c) = captives {
            if counts.iter().any(|m| m.counted == Counted::Killed && m.span == c.span) {
                continue;
            }
            out.push(CountMention {
                span: toks[k].span,
                counted: Counted::Killed,
                text: toks[k].span.of(doc.text).to_string(),
                ..c
            });
        }
    }
    out
}

/// "(unknown fatalities coded as 10)", "fatalities coded at low estimate of 3": the figure a
/// coder's note gives the deaths the report could not count.
fn coded_fatalities(s: &Sentence, counts: &[CountMention]) -> Vec<CountMention> {
    let mut out = Vec::new();
    for n in s.numbers {
        if counts.iter().any(|c| c.span.overlaps(n.span)) {
            continue;
        }
        let Some(value) = n.low else { continue };
        let at = s.toks.partition_point(|t| t.span.start < n.span.start);
        let before: Vec<&str> = s.words[at.saturating_sub(9)..at].iter().map(String::as_str).collect();
        let Some(coded) = before.iter().rposition(|w| *w == "coded") else { continue };
        let between = &before[coded + 1..];
        let plain = matches!(between, ["as"] | ["at"] | ["as", "a"]);
        let estimate = matches!(between, ["at" | "as", "a" | "the", "low" | "conservative", "estimate", "of"])
            || matches!(between, ["at" | "as", "low" | "conservative", "estimate", "of"]);
        let of_deaths = before[..coded].iter().any(|w| matches!(*w, "fatalities" | "fatality" | "deaths" | "dead"));
        if (plain || estimate) && of_deaths {
            out.push(people_counted(s.doc, n.span, Counted::Killed, value, None));
        }
    }
    out
}

/// A count of one person.
fn one(doc: &Document, span: Span, counted: Counted, victim_kind: Option<ActorKind>) -> CountMention {
    people_counted(doc, span, counted, 1, victim_kind)
}

/// An exact count of people named one by one.
fn people_counted(
    doc: &Document,
    span: Span,
    counted: Counted,
    n: u64,
    victim_kind: Option<ActorKind>,
) -> CountMention {
    CountMention {
        span,
        counted,
        low: Some(n),
        best: Some(n),
        high: None,
        qualifier: Qualifier::Exact,
        victim_kind,
        text: span.of(doc.text).to_string(),
    }
}

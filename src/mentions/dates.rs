//! Date expressions, absolute and relative.
//!
//! Matching runs over the quantity finder's lexer ([`super::quantities::lex`]): every form is
//! tried at each token and the longest wins, so "On June 2, 2025" is one mention rather than a
//! day and a year, and the scan then moves past it (mentions never overlap).
use super::quantities::count_at;
use super::quantities::lex::{Kind, Lexed};
use crate::text::Span;
use chrono::{Datelike, Months, NaiveDate, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

/// SCHEMA.md's `date.precision` vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    /// A calendar interval, resolved (against `published` where the text is relative).
    Interval { start: NaiveDate, end: NaiveDate, precision: DatePrecision },
    /// Relative to another event named in the text: "the day following the Timbuktu siege"
    /// (offset_days 1), "within 24 hours of the Timbuktu attack" (offset 0, approximate).
    /// `reference` is the span naming that event ("the Timbuktu siege").
    EventRelative { offset_days: i64, approximate: bool, reference: Span },
    /// An open interval backwards: "since the start of May", "since January", "so far this year".
    /// Marks aggregate statements.
    Since { start: NaiveDate },
    /// A date that cannot be placed (e.g. "June 2" with no publication date to give the year).
    Unresolved,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub span: Span,
    pub value: DateValue,
}

/// Every date expression in `text` (spans offset by `base`), resolved against `published`.
///
/// Relative expressions ("on Tuesday", "last week", "in March") resolve backwards from the
/// publication date, as news reports past events; without one they are `Unresolved`.
/// Durations ("three years", "24 hours", "a 30-day curfew") and vague spans ("in recent
/// weeks") are not dates and are not returned.
pub fn find_dates(text: &str, base: usize, published: Option<NaiveDate>) -> Vec<DateMention> {
    let lx = Lexed::new(text);
    let cx = Cx { lx: &lx, published };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lx.len() {
        match cx.best_at(i) {
            Some((end, value)) => {
                let value = match value {
                    DateValue::EventRelative { offset_days, approximate, reference } => {
                        DateValue::EventRelative { offset_days, approximate, reference: reference.shift(base) }
                    }
                    v => v,
                };
                let span = Span::new(lx.toks[i].start, lx.toks[end - 1].end).shift(base);
                out.push(DateMention { span, value });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// A match: the index one past its last token, and its value (reference spans unshifted).
type Hit = (usize, DateValue);

/// Words that may open a date expression and belong to its span ("On June 2", "late on Sunday").
const LEADS: &[&[&str]] = &[
    &["on"],
    &["in"],
    &["during"],
    &["late", "on"],
    &["early", "on"],
    &["on", "the", "night", "of"],
    &["the", "night", "of"],
    &["on", "the", "morning", "of"],
    &["the", "morning", "of"],
    &["on", "the", "evening", "of"],
    &["the", "evening", "of"],
    &["in", "the", "early", "hours", "of"],
    &["the", "early", "hours", "of"],
];

/// Words before a bare month name that make it a date ("in March", "since May", "mid-June");
/// without one, "May" may be the verb and "March" the noun.
#[rustfmt::skip]
const MONTH_CONTEXT: &[&str] = &[
    "in", "on", "since", "early", "late", "mid", "of", "until", "till", "by", "last", "this", "next", "during",
    "through", "throughout", "from", "between",
];

/// Nouns a count precedes: "2000 people" is a count, not a year.
#[rustfmt::skip]
const COUNT_NOUNS: &[&str] = &[
    "people", "persons", "person", "civilians", "soldiers", "troops", "fighters", "militants", "men", "women",
    "children", "villagers", "residents", "refugees", "families", "households", "homes", "houses", "cattle", "head",
    "vehicles", "weapons", "rifles", "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "kg",
    "tonnes", "tons", "hectares", "percent", "per", "dollars", "euros", "francs", "cfa", "usd", "hours", "minutes",
    "days", "weeks", "months", "years", "deaths", "dead", "casualties", "victims", "displaced", "students", "pupils",
    "schools", "members", "jihadists", "insurgents", "rebels", "police", "policemen", "officers", "gendarmes",
    "personnel", "prisoners", "detainees", "hostages", "attacks", "incidents", "cases", "votes", "recruits",
    "peacekeepers", "mercenaries", "workers", "migrants", "animals", "rounds", "shells",
];

/// Words before a number that make it a count ("at least 2000", "killed 1950").
#[rustfmt::skip]
const COUNT_LEADS: &[&str] = &[
    "least", "than", "over", "nearly", "almost", "approximately", "some", "roughly", "estimated", "killed", "killing",
    "kill", "wounded", "injured", "displaced", "abducted", "kidnapped", "arrested", "seized", "captured", "deployed",
    "recruited", "freed", "released", "rescued",
];

/// Words that end a reference noun phrase: prepositions, conjunctions, auxiliaries and
/// common irregular past tenses (regular ones are caught by their "-ed").
#[rustfmt::skip]
const NP_STOP: &[&str] = &[
    "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "near", "during", "against", "after",
    "before", "since", "as", "than", "when", "while", "where", "which", "who", "whom", "whose", "that", "and", "or",
    "but", "nor", "so", "if", "because", "although", "though", "until", "till", "then", "there", "here", "also",
    "not", "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "did", "do", "does", "will",
    "would", "could", "should", "may", "might", "must", "can", "said", "says", "say", "according", "amid", "despite",
    "including", "between", "among", "across", "along", "around", "over", "under", "through", "toward", "towards",
    "within", "without", "upon", "about", "left", "began", "came", "took", "saw", "led", "hit", "struck", "fell",
    "made", "went", "became", "brought", "drove", "ran", "won", "lost", "sent", "got", "gave", "kept", "held", "met",
    "fled", "told", "later", "earlier", "ago", "yesterday", "today", "tonight", "overnight",
];

#[rustfmt::skip]
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "them", "us", "him", "one", "someone"];

#[rustfmt::skip]
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "last"];

/// Nouns ending in "-ed" that are not past tenses.
#[rustfmt::skip]
const ED_NOUNS: &[&str] = &["hundred", "speed", "seed", "need", "deed", "creed", "greed", "breed", "steed", "shed"];

/// Times of day: "shortly after dawn" is a time, not an event to anchor on.
#[rustfmt::skip]
const TIME_OF_DAY: &[&str] = &["midnight", "dawn", "noon", "midday", "sunrise", "sunset", "daybreak", "nightfall", "dusk"];

fn month_name(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

fn weekday_name(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Words that can open an expression some matcher accepts (besides digits and number words):
/// the scan rejects every other token before trying the matchers, which is most of the text.
fn may_open(w: &str) -> bool {
    month_name(w).is_some()
        || weekday_name(w).is_some()
        || unit_word(w).is_some()
        || matches!(
            w,
            "the"
                | "that"
                | "a"
                | "an"
                | "one"
                | "since"
                | "so"
                | "last"
                | "this"
                | "next"
                | "early"
                | "earlier"
                | "late"
                | "later"
                | "mid"
                | "yesterday"
                | "today"
                | "tonight"
                | "over"
                | "at"
                | "during"
                | "on"
                | "within"
                | "shortly"
                | "soon"
                | "just"
                | "immediately"
                | "right"
                | "several"
                | "few"
                | "start"
                | "beginning"
                | "end"
                | "middle"
                | "turn"
                | "close"
                | "summer"
                | "spring"
                | "autumn"
                | "fall"
                | "winter"
        )
}

fn is_part_of_day(w: &str) -> bool {
    matches!(w, "morning" | "afternoon" | "evening" | "night" | "overnight")
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(n)?)
}

fn day(d: NaiveDate) -> DateValue {
    DateValue::Interval { start: d, end: d, precision: DatePrecision::Day }
}

fn month_value(y: i32, m: u32) -> Option<DateValue> {
    let start = ymd(y, m, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(DateValue::Interval { start, end, precision: DatePrecision::Month })
}

fn year_span(y: i32, y_end: i32) -> Option<DateValue> {
    Some(DateValue::Interval { start: ymd(y, 1, 1)?, end: ymd(y_end, 12, 31)?, precision: DatePrecision::Year })
}

fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

fn week_value(monday: NaiveDate, end: Option<NaiveDate>) -> Option<DateValue> {
    let end = match end {
        Some(e) => e,
        None => add_days(monday, 6)?,
    };
    Some(DateValue::Interval { start: monday, end, precision: DatePrecision::Week })
}

/// The latest `wd` on or before `p`: a report dated Wednesday that says "on Tuesday" means
/// yesterday, and one dated Tuesday means that very day (wire style names the day rather than
/// writing "today"); "last Tuesday" in a report of a Tuesday (`strictly`) is a week before.
fn weekday_before(wd: Weekday, p: NaiveDate, strictly: bool) -> Option<NaiveDate> {
    let back = (7 + p.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    add_days(p, -i64::from(if back == 0 && strictly { 7 } else { back }))
}

fn weekday_after(wd: Weekday, p: NaiveDate) -> Option<NaiveDate> {
    let ahead = (7 + wd.num_days_from_monday() - p.weekday().num_days_from_monday()) % 7;
    add_days(p, i64::from(if ahead == 0 { 7 } else { ahead }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Plain,
    Last,
    This,
    Next,
}

/// Units of "two days after", "within 24 hours of", "hours later".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Moment,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Count {
    /// "the day after"
    The,
    /// "a day after", "one day after"
    One,
    N(u64),
    /// "days after", "hours later": a plural without a figure.
    Bare,
}

fn unit_word(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "minute" | "moment" => (Unit::Moment, false),
        "minutes" | "moments" => (Unit::Moment, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" | "night" | "morning" | "evening" | "afternoon" => (Unit::Day, false),
        "days" | "nights" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        _ => return None,
    })
}

/// Days and approximateness of an amount of time.
fn amount_days(count: Count, unit: Unit) -> (i64, bool) {
    let n = match count {
        Count::The | Count::One => Some(1i64),
        Count::N(n) => i64::try_from(n).ok(),
        Count::Bare => None,
    };
    match (unit, n) {
        (Unit::Moment, _) => (0, true),
        (Unit::Hour, Some(h)) => (h / 24, h % 24 != 0),
        (Unit::Hour, None) => (0, true),
        (Unit::Day, Some(n)) => (n, false),
        (Unit::Day, None) => (2, true),
        (Unit::Week, Some(n)) => (7 * n, count == Count::The),
        (Unit::Week, None) => (14, true),
        (Unit::Month, n) => (30 * n.unwrap_or(2), true),
        (Unit::Year, n) => (365 * n.unwrap_or(2), true),
    }
}

// ---------------------------------------------------------------------------------------------
// Matchers

struct Cx<'a, 'b> {
    lx: &'b Lexed<'a>,
    published: Option<NaiveDate>,
}

fn longest(hits: impl IntoIterator<Item = Option<Hit>>) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    for h in hits.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| h.0 > b.0) {
            best = Some(h);
        }
    }
    best
}

impl Cx<'_, '_> {
    fn best_at(&self, i: usize) -> Option<Hit> {
        if self.lx.kind(i) == Some(Kind::Punct) {
            return None;
        }
        let led = LEADS.iter().filter(|lead| self.lx.seq(i, lead)).map(|lead| self.core(i + lead.len()));
        longest(std::iter::once(self.core(i)).chain(led))
    }

    fn core(&self, i: usize) -> Option<Hit> {
        match self.lx.kind(i) {
            Some(Kind::Num) => {}
            Some(Kind::Word) if may_open(self.lx.word(i)) || count_at(self.lx, i).is_some() => {}
            _ => return None,
        }
        longest([
            self.iso(i),
            self.day_month(i),
            self.month_form(i),
            self.year_form(i),
            self.weekday(i),
            self.relative_word(i),
            self.relative_period(i),
            self.ago(i),
            self.since(i),
            self.so_far(i),
            self.event_relative(i),
        ])
    }

    fn prev_word(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.lx.word(i - 1)
        }
    }

    /// Month name, capitalised as written; abbreviations may carry a period ("Sept.").
    fn month_at(&self, i: usize) -> Option<(u32, usize, bool)> {
        if !self.lx.capitalised(i) {
            return None;
        }
        let (m, abbrev) = month_name(self.lx.word(i))?;
        let next = if abbrev && self.lx.is_punct(i + 1, '.') && self.lx.glued(i + 1) { i + 2 } else { i + 1 };
        Some((m, next, abbrev))
    }

    /// Day of month ("2", "02", "2nd") that is not part of a compound, time or slash date.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let lx = self.lx;
        if lx.raw(i).len() > 2 {
            return None;
        }
        let d = u32::try_from(lx.int(i)?).ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        if lx.glued(i) && (lx.kind(i - 1) == Some(Kind::Word) || matches!(lx.raw(i - 1), ":" | "/" | "." | "-")) {
            return None;
        }
        let mut k = i + 1;
        if lx.glued(k) && matches!(lx.word(k), "st" | "nd" | "rd" | "th") {
            k += 1;
        }
        if lx.glued(k) && lx.glued(k + 1) {
            let sep = lx.raw(k);
            if matches!(sep, ":" | "/") && lx.is_num(k + 1) {
                return None;
            }
            if sep == "-" && lx.kind(k + 1) == Some(Kind::Word) && self.month_at(k + 1).is_none() {
                return None;
            }
        }
        Some((d, k))
    }

    /// "2-3 June", "from 3 to 20 December", "between 3 and 5 May": the last day of a day range
    /// after the first day. Days joined by a word only where a month follows them (`joined_by`:
    /// the words that may join them), not in "March 5 to 10 militants".
    fn day_range(&self, d: u32, k: usize, joined_by: &[&str]) -> (u32, usize) {
        let lx = self.lx;
        let joined = lx.is_punct(k, '-') || lx.is_punct(k, '–') || joined_by.contains(&lx.word(k));
        if joined && lx.raw(k + 1).len() <= 2 {
            if let Some(d2) = lx.int(k + 1).and_then(|v| u32::try_from(v).ok()) {
                if d2 > d && d2 <= 31 {
                    let mut e = k + 2;
                    if lx.glued(e) && matches!(lx.word(e), "st" | "nd" | "rd" | "th") {
                        e += 1;
                    }
                    return (d2, e);
                }
            }
        }
        (d, k)
    }

    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let lx = self.lx;
        if lx.raw(i).len() != 4 {
            return None;
        }
        let y = i32::try_from(lx.int(i)?).ok()?;
        Some((y, i + 1))
    }

    /// A year completing a day or month ("June 2, 2025", "March 2025") unless it is a count.
    fn trailing_year(&self, k: usize) -> Option<(i32, usize)> {
        let at = if self.lx.is_punct(k, ',') { k + 1 } else { k };
        let (y, e) = self.year_at(at)?;
        if !(1800..=2099).contains(&y) || COUNT_NOUNS.contains(&self.lx.word(e)) {
            return None;
        }
        if self.lx.glued(e) && matches!(self.lx.raw(e), "/" | ":" | "-") {
            return None;
        }
        Some((y, e))
    }

    /// "(the) start|beginning|end|middle of": the token after "of", and whether it is the end.
    fn period_of(&self, j: usize) -> Option<(usize, bool)> {
        let k = if self.lx.is(j, "the") { j + 1 } else { j };
        let w = self.lx.word(k);
        if matches!(w, "start" | "beginning" | "end" | "middle" | "turn" | "close") && self.lx.is(k + 1, "of") {
            Some((k + 2, matches!(w, "end" | "close")))
        } else {
            None
        }
    }

    fn day_value(&self, y: Option<i32>, m: u32, d: u32, d2: u32) -> Option<DateValue> {
        if let Some(y) = y {
            return Some(DateValue::Interval {
                start: ymd(y, m, d)?,
                end: ymd(y, m, d2)?,
                precision: DatePrecision::Day,
            });
        }
        let Some(p) = self.published else {
            // A day that no year has is no date at all ("June 31").
            ymd(2000, m, d)?;
            return Some(DateValue::Unresolved);
        };
        // The latest such day on or before publication; leap days may need years of looking back.
        (0..=8).find_map(|back| {
            let y = p.year() - back;
            let (s, e) = (ymd(y, m, d)?, ymd(y, m, d2)?);
            (s <= p).then_some(DateValue::Interval { start: s, end: e, precision: DatePrecision::Day })
        })
    }

    /// "2025-06-02". Slash dates are left alone: 02/06 is June in Bamako and February in Washington.
    fn iso(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        if lx.raw(i).len() != 4 || !lx.is_num(i) {
            return None;
        }
        let parts_glued = (1..=4).all(|k| lx.glued(i + k));
        if !(parts_glued && lx.is_punct(i + 1, '-') && lx.is_punct(i + 3, '-')) {
            return None;
        }
        if lx.raw(i + 2).len() != 2 || lx.raw(i + 4).len() != 2 {
            return None;
        }
        let y = i32::try_from(lx.int(i)?).ok()?;
        let m = u32::try_from(lx.int(i + 2)?).ok()?;
        let d = u32::try_from(lx.int(i + 4)?).ok()?;
        Some((i + 5, day(ymd(y, m, d)?)))
    }

    /// "June 2", "June 2, 2025", "2 June 2025", "2nd of June", "June 2-3".
    fn day_month(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        if let Some((m, j, _)) = self.month_at(i) {
            // "on October, 27th", "on November, 24:": a comma between month and day, where the
            // number cannot be a count (an ordinal, or no word after it: "In October, 27 soldiers").
            let j = match self.day_at(j + 1) {
                Some((_, k)) if lx.is_punct(j, ',') && (k > j + 2 || lx.kind(k) != Some(Kind::Word)) => j + 1,
                _ => j,
            };
            if let Some((d, k)) = self.day_at(j) {
                let (d2, k) = self.day_range(d, k, &[]);
                let (y, end) = match self.trailing_year(k) {
                    Some((y, e)) => (Some(y), e),
                    None => (None, k),
                };
                return self.day_value(y, m, d, d2).map(|v| (end, v));
            }
            return None;
        }
        let (d, j) = self.day_at(i)?;
        let joined_by: &[&str] =
            if self.prev_word(i) == "between" { &["and"] } else { &["to", "until", "till", "through"] };
        let (d2, j) = self.day_range(d, j, joined_by);
        let j = if lx.is(j, "of") { j + 1 } else { j };
        let (m, k, _) = self.month_at(j)?;
        let (y, end) = match self.trailing_year(k) {
            Some((y, e)) => (Some(y), e),
            None => (None, k),
        };
        self.day_value(y, m, d, d2).map(|v| (end, v))
    }

    /// "March 2025", "in March", "last March", "early March", "mid-March", "the end of May".
    fn month_form(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        let mut j = i;
        let mut rel = Rel::Plain;
        let mut modified = true;
        if let Some((k, _)) = self.period_of(j) {
            j = k;
        } else {
            match lx.word(j) {
                "early" | "late" => j += 1,
                "mid" => j += if lx.is_punct(j + 1, '-') { 2 } else { 1 },
                "last" if self.prev_word(j) != "the" => {
                    rel = Rel::Last;
                    j += 1;
                }
                "this" => {
                    rel = Rel::This;
                    j += 1;
                }
                "next" => {
                    rel = Rel::Next;
                    j += 1;
                }
                _ => modified = false,
            }
        }
        let (m, k, abbrev) = self.month_at(j)?;
        let yk = if lx.is(k, "of") { k + 1 } else { k };
        if let Some((y, e)) = self.trailing_year(yk) {
            return Some((e, month_value(y, m)?));
        }
        if abbrev || !(modified || MONTH_CONTEXT.contains(&self.prev_word(i))) {
            return None;
        }
        let Some(p) = self.published else {
            return Some((k, DateValue::Unresolved));
        };
        let y = p.year();
        let y = match rel {
            Rel::Plain => y - i32::from(m > p.month()),
            Rel::Last => y - i32::from(m >= p.month()),
            Rel::This => y,
            Rel::Next => y + i32::from(m <= p.month()),
        };
        Some((k, month_value(y, m)?))
    }

    /// "in 2018", "the 2020 coup", "mid-2018", "the 1990s", "2019-20".
    fn year_form(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        let mut j = i;
        let mut modified = true;
        if let Some((k, _)) = self.period_of(j) {
            j = k;
        } else {
            match lx.word(j) {
                "early" | "late" => j += 1,
                "mid" if lx.is_punct(j + 1, '-') && lx.glued(j + 1) && lx.glued(j + 2) => j += 2,
                "mid" => j += 1,
                "summer" | "spring" | "autumn" | "fall" | "winter" => j += if lx.is(j + 1, "of") { 2 } else { 1 },
                _ => modified = false,
            }
        }
        let (y, k) = self.year_at(j)?;
        if lx.glued(j) && !modified {
            let prev = lx.raw(j - 1);
            if lx.kind(j - 1) == Some(Kind::Word) || matches!(prev, "/" | "." | ":" | "-" | "–" | "$" | "€" | "£" | "#")
            {
                return None;
            }
        }
        if lx.glued(k) && matches!(lx.raw(k), "/" | ":") {
            return None;
        }
        if lx.glued(k) && lx.kind(k) == Some(Kind::Word) && lx.word(k) != "s" {
            return None;
        }
        let prev = self.prev_word(j);
        let strong = matches!(prev, "in" | "since" | "of" | "from" | "until" | "by" | "during" | "before" | "after");
        let lo = if modified || strong { 1500 } else { 1900 };
        if !(lo..=2099).contains(&y) {
            return None;
        }
        if !modified {
            let up_to = prev == "to" && j >= 2 && lx.is(j - 2, "up");
            if COUNT_LEADS.contains(&prev) || up_to || COUNT_NOUNS.contains(&lx.word(k)) {
                return None;
            }
        }
        if lx.word(k) == "s" {
            return if y % 10 == 0 { Some((k + 1, year_span(y, y + 9)?)) } else { None };
        }
        if (lx.is_punct(k, '-') || lx.is_punct(k, '–')) && lx.glued(k) && lx.glued(k + 1) && lx.is_num(k + 1) {
            let r = lx.raw(k + 1);
            let v = lx.int(k + 1).and_then(|v| i32::try_from(v).ok());
            let y2 = match (r.len(), v) {
                (4, Some(v)) => Some(v),
                (2, Some(v)) => Some(y - y % 100 + v),
                _ => None,
            };
            if let Some(y2) = y2.filter(|&y2| y2 > y && y2 - y < 50) {
                return Some((k + 2, year_span(y, y2)?));
            }
        }
        Some((k, year_span(y, y)?))
    }

    /// "on Tuesday", "Tuesday night", "last Friday", "late Sunday", "Tuesday, June 10".
    fn weekday(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        let mut j = i;
        let mut rel = Rel::Plain;
        match lx.word(j) {
            "last" if self.prev_word(j) != "the" => {
                rel = Rel::Last;
                j += 1;
            }
            "this" => {
                rel = Rel::This;
                j += 1;
            }
            "next" => {
                rel = Rel::Next;
                j += 1;
            }
            "early" | "late" => j += 1,
            _ => {}
        }
        if !lx.capitalised(j) {
            return None;
        }
        let wd = weekday_name(lx.word(j))?;
        let mut k = j + 1;
        // A written date next to the weekday is the more precise of the two.
        let after = if lx.is_punct(k, ',') { k + 1 } else { k };
        if let Some(hit) = self.day_month(after) {
            return Some(hit);
        }
        if is_part_of_day(lx.word(k)) {
            k += 1;
        }
        let Some(p) = self.published else {
            return Some((k, DateValue::Unresolved));
        };
        let d = match rel {
            Rel::Next => weekday_after(wd, p)?,
            Rel::Last => weekday_before(wd, p, true)?,
            _ => weekday_before(wd, p, false)?,
        };
        Some((k, day(d)))
    }

    /// "yesterday", "today", "last night", "this morning", "the day before yesterday".
    fn relative_word(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        let (offset, end) = if lx.seq(i, &["the", "day", "before", "yesterday"]) {
            (-2, i + 4)
        } else {
            match lx.word(i) {
                "yesterday" => (-1, i + 1 + usize::from(is_part_of_day(lx.word(i + 1)))),
                "today" | "tonight" => (0, i + 1),
                "earlier" if lx.is(i + 1, "today") => (0, i + 2),
                "this" if matches!(lx.word(i + 1), "morning" | "afternoon" | "evening") => (0, i + 2),
                "last" if lx.is(i + 1, "night") && self.prev_word(i) != "the" => (-1, i + 2),
                _ => return None,
            }
        };
        let Some(p) = self.published else {
            return Some((end, DateValue::Unresolved));
        };
        Some((end, day(add_days(p, offset)?)))
    }

    /// "last week", "this month", "earlier this year", "late last year", "over the weekend".
    fn relative_period(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        let weekend_phrase =
            matches!(lx.word(i), "over" | "at" | "during" | "on") && lx.seq(i + 1, &["the", "weekend"]);
        let (rel, unit, soft, end) = if weekend_phrase {
            (Rel::Last, "weekend", "", i + 3)
        } else {
            let soft = lx.word(i);
            let j = if matches!(soft, "early" | "earlier" | "late" | "later") { i + 1 } else { i };
            let rel = match lx.word(j) {
                "last" if j > i || self.prev_word(j) != "the" => Rel::Last,
                "this" => Rel::This,
                "next" => Rel::Next,
                _ => return None,
            };
            let unit = lx.word(j + 1);
            if !matches!(unit, "week" | "month" | "year" | "weekend") {
                return None;
            }
            (rel, unit, if j > i { soft } else { "" }, j + 2)
        };
        let Some(p) = self.published else {
            return Some((end, DateValue::Unresolved));
        };
        let value = match unit {
            "week" => {
                let this_monday = monday_of(p)?;
                let shift = match rel {
                    Rel::Last => -7,
                    Rel::Next => 7,
                    _ => 0,
                };
                let monday = add_days(this_monday, shift)?;
                let end = (rel == Rel::This && soft == "earlier").then_some(p);
                week_value(monday, end)?
            }
            "month" => {
                let first = ymd(p.year(), p.month(), 1)?;
                let first = match rel {
                    Rel::Last => first.checked_sub_months(Months::new(1))?,
                    Rel::Next => first.checked_add_months(Months::new(1))?,
                    _ => first,
                };
                month_value(first.year(), first.month())?
            }
            "year" => {
                let y = match rel {
                    Rel::Last => p.year() - 1,
                    Rel::Next => p.year() + 1,
                    _ => p.year(),
                };
                year_span(y, y)?
            }
            _ => {
                let saturday = match rel {
                    Rel::Next => weekday_after(Weekday::Sat, p)?,
                    _ => weekday_before(Weekday::Sat, p, true)?,
                };
                week_value(saturday, Some(add_days(saturday, 1)?))?
            }
        };
        Some((end, value))
    }

    /// "two days ago", "a week ago", "three months ago".
    fn ago(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        let (n, k) = if matches!(lx.word(i), "a" | "an" | "one") {
            (1, i + 1)
        } else {
            let (n, last) = count_at(lx, i)?;
            (n, last + 1)
        };
        let (unit, _) = unit_word(lx.word(k))?;
        if !lx.is(k + 1, "ago") {
            return None;
        }
        let end = k + 2;
        let Some(p) = self.published else {
            return Some((end, DateValue::Unresolved));
        };
        let n32 = u32::try_from(n).ok()?;
        let n64 = i64::try_from(n).ok()?;
        let value = match unit {
            Unit::Moment | Unit::Hour => day(p),
            Unit::Day => day(add_days(p, -n64)?),
            Unit::Week => week_value(monday_of(add_days(p, -7 * n64)?)?, None)?,
            Unit::Month => {
                let d = ymd(p.year(), p.month(), 1)?.checked_sub_months(Months::new(n32))?;
                month_value(d.year(), d.month())?
            }
            Unit::Year => {
                let y = p.year() - i32::try_from(n32).ok()?;
                year_span(y, y)?
            }
        };
        Some((end, value))
    }

    /// "since 2012", "since May", "since the start of May", "since the beginning of the year".
    fn since(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        if !lx.is(i, "since") {
            return None;
        }
        let mut j = i + 1;
        let mut at_end = false;
        if let Some((k, end)) = self.period_of(j) {
            j = k;
            at_end = end;
            let current = if lx.is(j, "the") || lx.is(j, "this") { lx.word(j + 1) } else { "" };
            if !at_end && matches!(current, "year" | "month" | "week") {
                let end = j + 2;
                let Some(p) = self.published else {
                    return Some((end, DateValue::Unresolved));
                };
                let start = match current {
                    "year" => ymd(p.year(), 1, 1)?,
                    "month" => ymd(p.year(), p.month(), 1)?,
                    _ => monday_of(p)?,
                };
                return Some((end, DateValue::Since { start }));
            }
        }
        let (end, value) = longest([
            self.iso(j),
            self.day_month(j),
            self.month_form(j),
            self.year_form(j),
            self.weekday(j),
            self.relative_word(j),
            self.relative_period(j),
        ])?;
        let value = match value {
            DateValue::Interval { start, end, .. } => DateValue::Since { start: if at_end { end } else { start } },
            DateValue::Unresolved => DateValue::Unresolved,
            _ => return None,
        };
        Some((end, value))
    }

    /// "so far this year", "so far this month", "so far in 2025".
    fn so_far(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        if !lx.seq(i, &["so", "far"]) {
            return None;
        }
        if lx.is(i + 2, "in") {
            let (y, e) = self.year_at(i + 3)?;
            return Some((e, DateValue::Since { start: ymd(y, 1, 1)? }));
        }
        if !lx.is(i + 2, "this") {
            return None;
        }
        let unit = lx.word(i + 3);
        if !matches!(unit, "year" | "month" | "week") {
            return None;
        }
        let end = i + 4;
        let Some(p) = self.published else {
            return Some((end, DateValue::Unresolved));
        };
        let start = match unit {
            "year" => ymd(p.year(), 1, 1)?,
            "month" => ymd(p.year(), p.month(), 1)?,
            _ => monday_of(p)?,
        };
        Some((end, DateValue::Since { start }))
    }

    /// The amount opening "two days after", "the day following", "hours later", "shortly after".
    fn amount(&self, i: usize) -> Option<(Count, Unit, usize)> {
        let lx = self.lx;
        let w = lx.word(i);
        match w {
            "the" => {
                let (unit, plural) = unit_word(lx.word(i + 1))?;
                (!plural && matches!(unit, Unit::Day | Unit::Week)).then_some((Count::The, unit, i + 2))
            }
            "a" | "an" | "one" => {
                if lx.is(i + 1, "few") {
                    let (unit, plural) = unit_word(lx.word(i + 2))?;
                    return plural.then_some((Count::Bare, unit, i + 3));
                }
                let (unit, plural) = unit_word(lx.word(i + 1))?;
                (!plural).then_some((Count::One, unit, i + 2))
            }
            "shortly" | "soon" | "just" | "immediately" | "right" => Some((Count::Bare, Unit::Moment, i + 1)),
            "several" | "few" => {
                let (unit, plural) = unit_word(lx.word(i + 1))?;
                plural.then_some((Count::Bare, unit, i + 2))
            }
            _ => {
                if let Some((unit, true)) = unit_word(w) {
                    return Some((Count::Bare, unit, i + 1));
                }
                let (n, last) = count_at(lx, i)?;
                let (unit, _) = unit_word(lx.word(last + 1))?;
                Some((Count::N(n), unit, last + 2))
            }
        }
    }

    /// "the day following the Timbuktu siege", "within 24 hours of the attack", "the next day",
    /// "two days later", "hours after the ambush".
    fn event_relative(&self, i: usize) -> Option<Hit> {
        let lx = self.lx;
        let w = lx.word(i);
        let rel = |offset_days: i64, approximate: bool, reference: Span| DateValue::EventRelative {
            offset_days,
            approximate,
            reference,
        };
        let empty_at = |end: usize| {
            let at = lx.toks[end - 1].end;
            Span::new(at, at)
        };
        if w == "within" {
            let (_, _, k) = self.amount(i + 1)?;
            if !matches!(lx.word(k), "of" | "after" | "following") {
                return None;
            }
            let (s, e) = self.reference(k + 1)?;
            return Some((e, rel(0, true, lx.span(s, e - 1))));
        }
        if matches!(w, "the" | "that") {
            let (w1, w2) = (lx.word(i + 1), lx.word(i + 2));
            let part_of_day = w2 == "day" || is_part_of_day(w2) && w2 != "overnight";
            let fixed = match (w1, w2) {
                ("next" | "following", "week") if w == "the" => Some((7, true)),
                ("next" | "following", _) if part_of_day && w == "the" => Some((1, false)),
                ("previous" | "preceding", _) if part_of_day && w == "the" => Some((-1, false)),
                ("same", _) if part_of_day => Some((0, false)),
                ("eve", "of") if w == "the" => {
                    let (s, e) = self.reference(i + 3)?;
                    return Some((e, rel(-1, false, lx.span(s, e - 1))));
                }
                _ => None,
            };
            if let Some((off, approx)) = fixed {
                return Some((i + 3, rel(off, approx, empty_at(i + 3))));
            }
        }
        if matches!(w, "later" | "earlier") && lx.is(i + 1, "that") {
            let w2 = lx.word(i + 2);
            if w2 == "day" || matches!(w2, "morning" | "afternoon" | "evening" | "night") {
                return Some((i + 3, rel(0, false, empty_at(i + 3))));
            }
        }
        let (count, unit, k) = self.amount(i)?;
        let (days, approx) = amount_days(count, unit);
        let (sign, k_ref) = match lx.word(k) {
            "after" | "following" => (1, k + 1),
            "before" => (-1, k + 1),
            "prior" if lx.is(k + 1, "to") => (-1, k + 2),
            "of" if count == Count::The && unit == Unit::Day => (0, k + 1),
            "later" | "afterwards" | "afterward" if count != Count::The => {
                return Some((k + 1, rel(days, approx, empty_at(k + 1))));
            }
            "earlier" if count != Count::The => return Some((k + 1, rel(-days, approx, empty_at(k + 1)))),
            _ => return None,
        };
        match self.reference(k_ref) {
            Some((s, e)) => Some((e, rel(sign * days, approx, lx.span(s, e - 1)))),
            // "the day after, ..." names no event: the one just described is meant.
            None if count == Count::The && sign != 0 && !lx.is(k, "prior") => {
                Some((k + 1, rel(sign * days, approx, empty_at(k + 1))))
            }
            None => None,
        }
    }

    /// The noun phrase naming an event, from its determiner to its head noun, stopping at
    /// punctuation, a preposition or conjunction, or a verb: tokens `start..end`.
    fn reference(&self, j: usize) -> Option<(usize, usize)> {
        let lx = self.lx;
        let w0 = lx.word(j);
        if lx.kind(j) != Some(Kind::Word) && !lx.is_num(j) {
            return None;
        }
        if PRONOUNS.contains(&w0) || NP_STOP.contains(&w0) {
            return None;
        }
        let mut k = if DETERMINERS.contains(&w0) { j + 1 } else { j };
        let mut content = 0;
        let mut last = None;
        while k < lx.len() && k - j < 12 {
            match lx.kind(k) {
                Some(Kind::Word) => {
                    let w = lx.word(k);
                    // The second half of a hyphenated compound ("jihadist-led") is never a verb.
                    let compound = lx.glued(k) && matches!(lx.raw(k - 1), "-" | "‐");
                    if !compound {
                        if NP_STOP.contains(&w) || PRONOUNS.contains(&w) {
                            break;
                        }
                        if w == "of" {
                            let next_ok =
                                DETERMINERS.contains(&lx.word(k + 1)) || lx.capitalised(k + 1) || lx.is_num(k + 1);
                            if content > 0 && next_ok {
                                k += 1;
                                continue;
                            }
                            break;
                        }
                        if content > 0 {
                            let verb = w.len() > 4 && w.ends_with("ed") && !ED_NOUNS.contains(&w);
                            let calendar = lx.capitalised(k) && (weekday_name(w).is_some() || month_name(w).is_some());
                            if verb || calendar || DETERMINERS.contains(&w) {
                                break;
                            }
                        }
                    }
                    content += 1;
                    last = Some(k);
                    k += 1;
                }
                Some(Kind::Num) => {
                    content += 1;
                    last = Some(k);
                    k += 1;
                }
                Some(Kind::Punct) => {
                    let r = lx.raw(k);
                    if matches!(r, "'" | "’") && lx.glued(k) && lx.is(k + 1, "s") && lx.glued(k + 1) && content > 0 {
                        last = Some(k + 1);
                        k += 2;
                        continue;
                    }
                    let joins =
                        lx.glued(k) && lx.glued(k + 1) && matches!(lx.kind(k + 1), Some(Kind::Word | Kind::Num));
                    if matches!(r, "-" | "‐") && joins && content > 0 {
                        k += 1;
                        continue;
                    }
                    break;
                }
                None => break,
            }
        }
        let last = last?;
        if content == 1 && TIME_OF_DAY.contains(&lx.word(last)) {
            return None;
        }
        Some((j, last + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Thursday.
    fn published() -> Option<NaiveDate> {
        ymd(2025, 6, 12)
    }

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        ymd(y, m, dd).unwrap()
    }

    fn dates(text: &str) -> Vec<DateMention> {
        find_dates(text, 0, published())
    }

    fn one(text: &str) -> DateMention {
        let v = dates(text);
        assert_eq!(v.len(), 1, "expected one date in {text:?}, got {v:#?}");
        v.into_iter().next().unwrap()
    }

    fn interval(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> DateValue {
        DateValue::Interval { start, end, precision }
    }

    fn on(y: i32, m: u32, dd: u32) -> DateValue {
        interval(d(y, m, dd), d(y, m, dd), DatePrecision::Day)
    }

    fn text_of(text: &str, m: &DateMention) -> String {
        m.span.of(text).to_string()
    }

    fn assert_none(text: &str) {
        let v = dates(text);
        assert!(v.is_empty(), "expected no date in {text:?}, got {v:#?}");
    }

    #[test]
    fn day_without_year() {
        let t = "On June 2, JNIM militants launched";
        let m = one(t);
        assert_eq!(text_of(t, &m), "On June 2");
        assert_eq!(m.value, on(2025, 6, 2));
        assert_eq!(one("on 2 June").value, on(2025, 6, 2));
        assert_eq!(one("the 2nd of June").value, on(2025, 6, 2));
        // After publication: last year's.
        assert_eq!(one("on June 20").value, on(2024, 6, 20));
        // The publication day itself counts.
        assert_eq!(one("June 12").value, on(2025, 6, 12));
        assert_eq!(find_dates("On June 2", 0, None)[0].value, DateValue::Unresolved);
        // A comma some writers put between month and day, unless the number counts something.
        assert_eq!(one("claimed it on June, 2nd").value, on(2025, 6, 2));
        assert_eq!(one("claimed it on June, 2: four dead").value, on(2025, 6, 2));
        let t = "In June, 2 soldiers died";
        assert_eq!(text_of(t, &one(t)), "In June");
    }

    #[test]
    fn absolute_days() {
        for t in
            ["2 June 2025", "June 2, 2025", "June 2 2025", "2nd of June 2025", "2025-06-02", "Monday, June 2, 2025"]
        {
            assert_eq!(one(t).value, on(2025, 6, 2), "{t}");
            assert_eq!(text_of(t, &one(t)), t);
        }
        let t = "On 3 March 2018, gunmen";
        let m = one(t);
        assert_eq!(text_of(t, &m), "On 3 March 2018");
        assert_eq!(m.value, on(2018, 3, 3));
        assert_eq!(one("Sept. 11, 2001").value, on(2001, 9, 11));
        assert_eq!(one("Jan 5 2020").value, on(2020, 1, 5));
        assert_eq!(one("on June 2-3, 2025").value, interval(d(2025, 6, 2), d(2025, 6, 3), DatePrecision::Day));
        assert_eq!(find_dates("On 3 March 2018", 0, None)[0].value, on(2018, 3, 3));
        let days = |a, b| interval(d(2025, 6, a), d(2025, 6, b), DatePrecision::Day);
        assert_eq!(one("from 2 to 9 June").value, days(2, 9));
        assert_eq!(one("between 2 and 4 June").value, days(2, 4));
        // Two days named, not the days between them; and a count after a day is no range's end.
        assert_eq!(one("on 2 and 4 June").value, on(2025, 6, 4));
        assert_eq!(find_dates("on June 2 to 10 soldiers", 0, Some(d(2025, 6, 12)))[0].value, on(2025, 6, 2));
    }

    #[test]
    fn leap_day_without_year() {
        assert_eq!(one("on February 29").value, on(2024, 2, 29));
    }

    #[test]
    fn months() {
        let t = "in March 2025";
        let m = one(t);
        assert_eq!(text_of(t, &m), "in March 2025");
        assert_eq!(m.value, interval(d(2025, 3, 1), d(2025, 3, 31), DatePrecision::Month));
        assert_eq!(one("June 2025").value, interval(d(2025, 6, 1), d(2025, 6, 30), DatePrecision::Month));
        assert_eq!(one("in March").value, interval(d(2025, 3, 1), d(2025, 3, 31), DatePrecision::Month));
        // Current month counts; a later month is last year's.
        assert_eq!(one("in June").value, interval(d(2025, 6, 1), d(2025, 6, 30), DatePrecision::Month));
        assert_eq!(one("in August").value, interval(d(2024, 8, 1), d(2024, 8, 31), DatePrecision::Month));
        assert_eq!(one("last March").value, interval(d(2025, 3, 1), d(2025, 3, 31), DatePrecision::Month));
        assert_eq!(one("last June").value, interval(d(2024, 6, 1), d(2024, 6, 30), DatePrecision::Month));
        let t = "in mid-March the army";
        let m = one(t);
        assert_eq!(text_of(t, &m), "in mid-March");
        assert_eq!(m.value, interval(d(2025, 3, 1), d(2025, 3, 31), DatePrecision::Month));
        let t = "early March";
        assert_eq!(text_of(t, &one(t)), t);
        let t = "late May";
        assert_eq!(one(t).value, interval(d(2025, 5, 1), d(2025, 5, 31), DatePrecision::Month));
        let t = "at the end of May";
        assert_eq!(text_of(t, &one(t)), "the end of May");
        assert_eq!(one("February 2024").value, interval(d(2024, 2, 1), d(2024, 2, 29), DatePrecision::Month));
        assert_eq!(find_dates("in March", 0, None)[0].value, DateValue::Unresolved);
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert_none("The group may attack again.");
        assert_none("May God protect them.");
        assert_none("Theresa May said the troops would stay.");
        assert_none("the march on the capital");
        assert_eq!(one("in May").value, interval(d(2025, 5, 1), d(2025, 5, 31), DatePrecision::Month));
        assert_eq!(one("May 5").value, on(2025, 5, 5));
        assert_none("Jan Egeland visited the camp");
    }

    #[test]
    fn years() {
        let t = "occurred in 2018, when";
        let m = one(t);
        assert_eq!(text_of(t, &m), "in 2018");
        assert_eq!(m.value, interval(d(2018, 1, 1), d(2018, 12, 31), DatePrecision::Year));
        let t = "the 2020 coup";
        let m = one(t);
        assert_eq!(text_of(t, &m), "2020");
        assert_eq!(m.value, interval(d(2020, 1, 1), d(2020, 12, 31), DatePrecision::Year));
        let t = "in mid-2018";
        assert_eq!(text_of(t, &one(t)), t);
        assert_eq!(one("in the 1990s").value, interval(d(1990, 1, 1), d(1999, 12, 31), DatePrecision::Year));
        assert_eq!(one("the 2019-20 season").value, interval(d(2019, 1, 1), d(2020, 12, 31), DatePrecision::Year));
        assert_eq!(one("in 1893").value, interval(d(1893, 1, 1), d(1893, 12, 31), DatePrecision::Year));
        assert_eq!(
            find_dates("in 2018", 0, None)[0].value,
            interval(d(2018, 1, 1), d(2018, 12, 31), DatePrecision::Year)
        );
    }

    #[test]
    fn counts_are_not_years() {
        assert_none("at least 2000 people");
        assert_none("2000 people fled");
        assert_none("killed 1950 civilians");
        assert_none("1,950 soldiers");
        assert_none("some 2019 fighters");
        assert_none("costing $2000");
        assert_none("the 1800 troops");
        assert_none("an F-2018 model");
    }

    #[test]
    fn weekdays() {
        let t = "on Tuesday, gunmen";
        let m = one(t);
        assert_eq!(text_of(t, &m), "on Tuesday");
        assert_eq!(m.value, on(2025, 6, 10));
        assert_eq!(one("Tuesday").value, on(2025, 6, 10));
        let t = "on Tuesday night";
        assert_eq!(text_of(t, &one(t)), t);
        let t = "late on Sunday";
        let m = one(t);
        assert_eq!(text_of(t, &m), t);
        assert_eq!(m.value, on(2025, 6, 8));
        // Published on a Thursday: "Thursday" is that day, "last Thursday" a week back,
        // "Wednesday" yesterday.
        assert_eq!(one("on Thursday").value, on(2025, 6, 12));
        assert_eq!(one("last Thursday").value, on(2025, 6, 5));
        assert_eq!(one("on Wednesday").value, on(2025, 6, 11));
        assert_eq!(one("on Friday").value, on(2025, 6, 6));
        assert_eq!(one("last Friday").value, on(2025, 6, 6));
        assert_eq!(one("next Monday").value, on(2025, 6, 16));
        assert_eq!(one("Sunday's attack").value, on(2025, 6, 8));
        assert_eq!(find_dates("on Tuesday", 0, None)[0].value, DateValue::Unresolved);
        // A date beside the weekday wins.
        assert_eq!(one("on Tuesday, June 3").value, on(2025, 6, 3));
    }

    #[test]
    fn relative_days() {
        assert_eq!(one("yesterday").value, on(2025, 6, 11));
        let t = "yesterday morning";
        assert_eq!(text_of(t, &one(t)), t);
        assert_eq!(one("today").value, on(2025, 6, 12));
        assert_eq!(one("last night").value, on(2025, 6, 11));
        assert_eq!(one("the day before yesterday").value, on(2025, 6, 10));
        assert_eq!(one("two days ago").value, on(2025, 6, 10));
        assert_eq!(one("a day ago").value, on(2025, 6, 11));
        assert_none("overnight, the town was quiet");
    }

    #[test]
    fn relative_periods() {
        let t = "Just last week, General";
        let m = one(t);
        assert_eq!(text_of(t, &m), "last week");
        assert_eq!(m.value, interval(d(2025, 6, 2), d(2025, 6, 8), DatePrecision::Week));
        assert_eq!(one("this week").value, interval(d(2025, 6, 9), d(2025, 6, 15), DatePrecision::Week));
        assert_eq!(one("earlier this week").value, interval(d(2025, 6, 9), d(2025, 6, 12), DatePrecision::Week));
        assert_eq!(one("last month").value, interval(d(2025, 5, 1), d(2025, 5, 31), DatePrecision::Month));
        assert_eq!(one("earlier this month").value, interval(d(2025, 6, 1), d(2025, 6, 30), DatePrecision::Month));
        assert_eq!(one("last year").value, interval(d(2024, 1, 1), d(2024, 12, 31), DatePrecision::Year));
        assert_eq!(one("late last year").value, interval(d(2024, 1, 1), d(2024, 12, 31), DatePrecision::Year));
        assert_eq!(one("this year").value, interval(d(2025, 1, 1), d(2025, 12, 31), DatePrecision::Year));
        assert_eq!(one("over the weekend").value, interval(d(2025, 6, 7), d(2025, 6, 8), DatePrecision::Week));
        assert_eq!(one("three weeks ago").value, interval(d(2025, 5, 19), d(2025, 5, 25), DatePrecision::Week));
        assert_eq!(one("two months ago").value, interval(d(2025, 4, 1), d(2025, 4, 30), DatePrecision::Month));
        assert_eq!(one("ten years ago").value, interval(d(2015, 1, 1), d(2015, 12, 31), DatePrecision::Year));
        // "the last week" is a trailing window, not a calendar week.
        assert_none("in the last week");
        assert_eq!(find_dates("last week", 0, None)[0].value, DateValue::Unresolved);
    }

    #[test]
    fn vague_windows_and_durations_are_not_dates() {
        assert_none("in recent weeks");
        assert_none("in recent months");
        assert_none("in the last two weeks");
        assert_none("over the past three days");
        assert_none("in the short span of three years");
        assert_none("for several hours");
        assert_none("a 30-day curfew");
        assert_none("within 24 hours");
        assert_none("24 hours");
        assert_none("60 percent of the territory, 10 km away");
        assert_none("Operation Serval");
        assert_none("on 02/06/2025");
        assert_none("at 10:30 local time");
    }

    #[test]
    fn since_windows() {
        let t = "since the start of May, according to";
        let m = one(t);
        assert_eq!(text_of(t, &m), "since the start of May");
        assert_eq!(m.value, DateValue::Since { start: d(2025, 5, 1) });
        let t = "grappling with a threat since 2012";
        let m = one(t);
        assert_eq!(text_of(t, &m), "since 2012");
        assert_eq!(m.value, DateValue::Since { start: d(2012, 1, 1) });
        assert_eq!(one("since May").value, DateValue::Since { start: d(2025, 5, 1) });
        assert_eq!(one("since January 2024").value, DateValue::Since { start: d(2024, 1, 1) });
        assert_eq!(one("since the beginning of the year").value, DateValue::Since { start: d(2025, 1, 1) });
        assert_eq!(one("so far this year").value, DateValue::Since { start: d(2025, 1, 1) });
        assert_eq!(one("since last year").value, DateValue::Since { start: d(2024, 1, 1) });
        assert_eq!(one("since the end of May").value, DateValue::Since { start: d(2025, 5, 31) });
        assert_eq!(one("since June 2").value, DateValue::Since { start: d(2025, 6, 2) });
        assert_eq!(find_dates("since May", 0, None)[0].value, DateValue::Unresolved);
        assert_eq!(find_dates("since 2012", 0, None)[0].value, DateValue::Since { start: d(2012, 1, 1) });
        assert_none("since then");
    }

    fn event_relative(text: &str) -> (i64, bool, String, String) {
        let m = one(text);
        match m.value {
            DateValue::EventRelative { offset_days, approximate, reference } => {
                (offset_days, approximate, reference.of(text).to_string(), text_of(text, &m))
            }
            v => panic!("{text:?}: not event-relative: {v:?}"),
        }
    }

    #[test]
    fn event_relative_named() {
        let t = "The day following the Timbuktu siege, a curfew";
        assert_eq!(
            event_relative(t),
            (1, false, "the Timbuktu siege".into(), "The day following the Timbuktu siege".into())
        );
        assert_eq!(event_relative("the day after the attack on the base").0, 1);
        assert_eq!(event_relative("the day after the attack on the base").2, "the attack");
        assert_eq!(event_relative("a day after the ambush").0, 1);
        assert_eq!(event_relative("two days after the Boulkessi raid killed").2, "the Boulkessi raid");
        assert_eq!(event_relative("two days after the Boulkessi raid killed").0, 2);
        assert_eq!(event_relative("the day before the vote").0, -1);
        assert_eq!(event_relative("two days before the election").0, -2);
        let (off, approx, r, _) = event_relative("hours after the convoy left");
        assert_eq!((off, approx, r.as_str()), (0, true, "the convoy"));
        let (off, approx, r, _) = event_relative("shortly after the jihadist-led assault began");
        assert_eq!((off, approx, r.as_str()), (0, true, "the jihadist-led assault"));
        assert_eq!(event_relative("on the eve of the election").0, -1);
        assert_eq!(event_relative("on the day of the attack").0, 0);
        assert_eq!(event_relative("a week after Sunday's massacre").2, "Sunday's massacre");
        assert_eq!(event_relative("the day after the siege of Timbuktu.").2, "the siege of Timbuktu");
        assert_eq!(event_relative("48 hours after the attack").0, 2);
    }

    #[test]
    fn event_relative_within() {
        let t = "On June 1, within 24 hours of the Timbuktu attack, insurgents";
        let v = dates(t);
        assert_eq!(v.len(), 2, "{v:#?}");
        assert_eq!(text_of(t, &v[0]), "On June 1");
        assert_eq!(v[0].value, on(2025, 6, 1));
        assert_eq!(text_of(t, &v[1]), "within 24 hours of the Timbuktu attack");
        match v[1].value {
            DateValue::EventRelative { offset_days, approximate, reference } => {
                assert_eq!((offset_days, approximate), (0, true));
                assert_eq!(reference.of(t), "the Timbuktu attack");
            }
            ref other => panic!("{other:?}"),
        }
        assert_eq!(event_relative("within hours of the attack").0, 0);
    }

    #[test]
    fn event_relative_unnamed() {
        for (t, off) in [
            ("the next day", 1),
            ("The following day, soldiers", 1),
            ("the following morning", 1),
            ("the previous day", -1),
            ("the day before, militants", -1),
            ("the day after, militants", 1),
            ("two days later", 2),
            ("a week later", 7),
            ("later that day", 0),
            ("the same day", 0),
        ] {
            let m = one(t);
            match m.value {
                DateValue::EventRelative { offset_days, reference, .. } => {
                    assert_eq!(offset_days, off, "{t}");
                    assert!(reference.is_empty(), "{t}");
                    assert_eq!(reference.start, m.span.end, "{t}");
                }
                v => panic!("{t:?}: {v:?}"),
            }
        }
        let (off, approx, _, _) = event_relative("hours later");
        assert_eq!((off, approx), (0, true));
        // A pronoun starts a clause, not a name.
        let (off, _, r, span) = event_relative("the day after they arrived");
        assert_eq!((off, r.as_str(), span.as_str()), (1, "", "the day after"));
        // A time of day is not an event.
        assert_none("shortly after dawn");
    }

    #[test]
    fn offsets_sorted_non_overlapping() {
        let t = "On 3 March 2018, and again last year, and on Tuesday.";
        let v = find_dates(t, 500, published());
        assert_eq!(v.len(), 3);
        assert!(v.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        assert_eq!(&t[v[0].span.start - 500..v[0].span.end - 500], "On 3 March 2018");
        assert_eq!(&t[v[2].span.start - 500..v[2].span.end - 500], "on Tuesday");
        let t = "The day after the raid, troops";
        let v = find_dates(t, 100, published());
        match v[0].value {
            DateValue::EventRelative { reference, .. } => {
                assert_eq!(&t[reference.start - 100..reference.end - 100], "the raid")
            }
            ref o => panic!("{o:?}"),
        }
    }

    #[test]
    fn non_ascii_text() {
        let t = "À Ménaka, le 2 juin — on June 2 — « yesterday »";
        let v = dates(t);
        assert_eq!(v.len(), 2);
        assert_eq!(text_of(t, &v[0]), "on June 2");
        assert_eq!(text_of(t, &v[1]), "yesterday");
    }

    #[test]
    fn every_suffix_keeps_invariants() {
        let t = "Le 3 juin, « On June 2, 2025 » — the day after the Ménaka siege, at least 2000 people fled; \
                 since the start of May… mid-2018, last week’s raid, 02/06/2025, Sept. 11 and 2019–20, on Tuesday night.";
        for (at, _) in t.char_indices() {
            for part in [&t[at..], &t[..at]] {
                let v = find_dates(part, 7, published());
                for w in v.windows(2) {
                    assert!(w[0].span.end <= w[1].span.start, "{part:?}: {v:?}");
                }
                for m in &v {
                    let local = Span::new(m.span.start - 7, m.span.end - 7);
                    assert!(part.is_char_boundary(local.start) && part.is_char_boundary(local.end));
                    assert!(!local.is_empty());
                    if let DateValue::EventRelative { reference, .. } = m.value {
                        assert!(m.span.contains(reference), "{part:?}: {m:?}");
                    }
                }
            }
        }
    }
}

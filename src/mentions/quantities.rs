//! Numbers and quantities in words and digits, with their qualifiers.
//!
//! The finder works on a light lexer of its own ([`lex`]) rather than a regex per form: the
//! grammar of spelled-out numbers ("two hundred and fifty", "tens of thousands") needs
//! look-ahead across words, and one pass over a small token vector stays cheap on millions of
//! sentences. The date finder reuses the same lexer and [`count_at`].
use crate::text::Span;
use serde::{Deserialize, Serialize};

use self::lex::{Kind, Lexed};

/// SCHEMA.md's `qualifier` vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
    About,
    UpTo,
    Range,
    Vague,
}

/// A number as written: "at least sixty", "over 130", "dozens", "between 10 and 15", "174".
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// The whole expression including its qualifier ("at least sixty").
    pub span: Span,
    /// Span of the number proper ("sixty").
    pub number_span: Span,
    /// Conservative figure: "at least 60" → 60, "dozens" → 12, "tens" → 10, "hundreds" → 100,
    /// "between 10 and 15" → 10. `None` for vague words with no conventional floor ("several").
    pub low: Option<u64>,
    /// Best single estimate: the stated number; for ranges the lower bound; for vague words the floor.
    pub best: Option<u64>,
    /// Upper bound when stated ("up to 40" → 40, "between 10 and 15" → 15).
    pub high: Option<u64>,
    pub qualifier: Qualifier,
    /// Shape flags the linker uses to reject non-counts.
    pub is_year: bool,
    pub is_ordinal: bool,
}

/// Every number expression in `text`; spans are offset by `base`.
///
/// Mentions are sorted by `span.start` and never overlap: the scan is left to right and each
/// expression is read as far as its grammar allows before the scan moves past it.
pub fn find_numbers(text: &str, base: usize) -> Vec<NumberMention> {
    let lx = Lexed::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lx.len() {
        match mention_at(&lx, i) {
            Some((m, next)) => {
                out.push(NumberMention { span: m.span.shift(base), number_span: m.number_span.shift(base), ..m });
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// A plain count starting at token `i` ("24", "two", "twenty-five", "a hundred"): its value and
/// the index of its last token. Decimals, ordinals and vague words are not counts.
pub(crate) fn count_at(lx: &Lexed, i: usize) -> Option<(u64, usize)> {
    let c = cardinal(lx, i)?;
    if c.decimal {
        return None;
    }
    Some((c.value, c.last))
}

/// A small lexer shared by the quantity and date finders: words, digit groups and single
/// punctuation marks with byte offsets, plus whether each token touches the previous one
/// (which separates "30-day" and "twenty-five" from "30 - day").
pub(crate) mod lex {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Kind {
        Word,
        Num,
        Punct,
    }

    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Tok {
        pub kind: Kind,
        pub start: usize,
        pub end: usize,
        /// No whitespace between this token and the one before it.
        pub glued: bool,
    }

    pub(crate) struct Lexed<'a> {
        pub text: &'a str,
        /// ASCII-lowercased copy: same byte offsets as `text`, so word lookups need no allocation.
        lower: String,
        pub toks: Vec<Tok>,
    }

    impl<'a> Lexed<'a> {
        pub fn new(text: &'a str) -> Self {
            let bytes = text.as_bytes();
            let mut toks = Vec::with_capacity(text.len() / 4 + 1);
            let mut pos = 0;
            let mut gap = true;
            while pos < bytes.len() {
                let c = text[pos..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    pos += c.len_utf8();
                    gap = true;
                    continue;
                }
                let start = pos;
                let kind = if c.is_ascii_digit() {
                    pos = scan_number(bytes, pos);
                    Kind::Num
                } else if c.is_alphabetic() {
                    pos += text[pos..].chars().take_while(|ch| ch.is_alphabetic()).map(char::len_utf8).sum::<usize>();
                    Kind::Word
                } else {
                    pos += c.len_utf8();
                    Kind::Punct
                };
                toks.push(Tok { kind, start, end: pos, glued: !gap });
                gap = false;
            }
            Lexed { text, lower: text.to_ascii_lowercase(), toks }
        }

        pub fn len(&self) -> usize {
            self.toks.len()
        }

        pub fn kind(&self, i: usize) -> Option<Kind> {
            self.toks.get(i).map(|t| t.kind)
        }

        /// The token as written; "" past the end.
        pub fn raw(&self, i: usize) -> &'a str {
            self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
        }

        /// The lowercased word at `i`; "" when `i` is not a word.
        pub fn word(&self, i: usize) -> &str {
            match self.toks.get(i) {
                Some(t) if t.kind == Kind::Word => &self.lower[t.start..t.end],
                _ => "",
            }
        }

        pub fn is(&self, i: usize, w: &str) -> bool {
            self.word(i) == w
        }

        /// Words `ws` in order from `i`.
        pub fn seq(&self, i: usize, ws: &[&str]) -> bool {
            ws.iter().enumerate().all(|(k, w)| self.is(i + k, w))
        }

        pub fn is_punct(&self, i: usize, c: char) -> bool {
            matches!(self.toks.get(i), Some(t) if t.kind == Kind::Punct && self.text[t.start..].starts_with(c))
        }

        pub fn is_num(&self, i: usize) -> bool {
            self.kind(i) == Some(Kind::Num)
        }

        /// Token `i` touches token `i - 1`.
        pub fn glued(&self, i: usize) -> bool {
            self.toks.get(i).is_some_and(|t| t.glued)
        }

        pub fn capitalised(&self, i: usize) -> bool {
            self.kind(i) == Some(Kind::Word) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
        }

        /// A digit token without separators, as an integer.
        pub fn int(&self, i: usize) -> Option<u64> {
            let r = self.raw(i);
            if self.is_num(i) && r.len() <= 18 && r.bytes().all(|b| b.is_ascii_digit()) {
                r.parse().ok()
            } else {
                None
            }
        }

        /// Byte span of tokens `first..=last`.
        pub fn span(&self, first: usize, last: usize) -> crate::text::Span {
            crate::text::Span::new(self.toks[first].start, self.toks[last].end)
        }
    }

    /// Digits, thousands groups of exactly three ("100,000") and one decimal part ("2.5").
    fn scan_number(b: &[u8], mut p: usize) -> usize {
        let digit = |p: usize| p < b.len() && b[p].is_ascii_digit();
        while digit(p) {
            p += 1;
        }
        while p < b.len() && b[p] == b',' && digit(p + 1) && digit(p + 2) && digit(p + 3) && !digit(p + 4) {
            p += 4;
        }
        if p < b.len() && b[p] == b'.' && digit(p + 1) {
            p += 1;
            while digit(p) {
                p += 1;
            }
        }
        p
    }
}

// ---------------------------------------------------------------------------------------------
// Word tables

fn unit_word(w: &str) -> Option<u64> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(w: &str) -> Option<u64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Multipliers above a hundred, which close a group ("two thousand five hundred").
fn big_scale(w: &str) -> Option<u128> {
    Some(match w {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

fn any_scale(w: &str) -> Option<u128> {
    if w == "hundred" {
        Some(100)
    } else {
        big_scale(w)
    }
}

fn ordinal_word(w: &str) -> Option<u64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        _ => return None,
    })
}

/// Conventional floors for plural round numbers (ACLED's coding rules: "dozens" counts as 12).
fn plural_floor(w: &str) -> Option<u64> {
    Some(match w {
        "tens" => 10,
        "dozens" => 12,
        "scores" => 20,
        "hundreds" => 100,
        "thousands" => 1_000,
        "millions" => 1_000_000,
        "billions" => 1_000_000_000,
        _ => return None,
    })
}

/// Prefix qualifiers, longest first where one is the start of another.
const PREFIXES: &[(&[&str], Qualifier)] = &[
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["no", "more", "than"], Qualifier::UpTo),
    (&["not", "more", "than"], Qualifier::UpTo),
    (&["more", "than"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["well", "above"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["upward", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["nearly"], Qualifier::About),
    (&["almost"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["close", "to"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["just", "under"], Qualifier::About),
    (&["just", "below"], Qualifier::About),
    (&["up", "to"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["fewer", "than"], Qualifier::UpTo),
    (&["less", "than"], Qualifier::UpTo),
    (&["under"], Qualifier::UpTo),
];

/// Verbs whose particle "over" is not a qualifier ("took over two bases").
#[rustfmt::skip]
const OVER_PARTICLE_VERBS: &[&str] = &[
    "take", "takes", "took", "taken", "taking", "hand", "hands", "handed", "handing", "turn", "turns", "turned",
    "turning", "win", "wins", "won", "winning", "handover",
];

// ---------------------------------------------------------------------------------------------
// Grammar

/// A spelled or written cardinal: tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Card {
    value: u64,
    first: usize,
    last: usize,
    digits: bool,
    decimal: bool,
    is_year: bool,
}

fn cardinal(lx: &Lexed, i: usize) -> Option<Card> {
    if lx.is_num(i) {
        digit_cardinal(lx, i)
    } else {
        word_cardinal(lx, i)
    }
}

/// Digit tokens that are not counts: parts of designators ("F-16", "MiG-29", "COVID-19",
/// "M16"), clock times and ratios ("10:30", "24/7"), slash dates.
fn usable_digits(lx: &Lexed, i: usize) -> bool {
    if lx.glued(i) {
        match lx.kind(i - 1) {
            Some(Kind::Word) => return false,
            Some(Kind::Punct) => {
                let p = lx.raw(i - 1);
                if matches!(p, ":" | "/" | "." | "\\") && lx.glued(i - 1) && lx.is_num(i - 2) {
                    return false;
                }
                if matches!(p, "-" | "‐") && lx.glued(i - 1) && lx.kind(i - 2) == Some(Kind::Word) {
                    let prev = lx.raw(i - 2);
                    let period_prefix = matches!(lx.word(i - 2), "mid" | "early" | "late" | "pre" | "post");
                    if !period_prefix && prev.chars().any(|c| c.is_uppercase()) {
                        return false;
                    }
                }
            }
            _ => {}
        }
    }
    if lx.glued(i + 1) && matches!(lx.raw(i + 1), ":" | "/" | "\\") && lx.is_num(i + 2) && lx.glued(i + 2) {
        return false;
    }
    true
}

fn ordinal_suffix(lx: &Lexed, i: usize) -> bool {
    lx.glued(i + 1) && matches!(lx.word(i + 1), "st" | "nd" | "rd" | "th")
}

/// Mantissa without separators and the count of decimal digits: "1,500.25" → (150025, 2).
fn num_parts(raw: &str) -> Option<(u128, u32, bool)> {
    let mut mant: u128 = 0;
    let mut frac = 0u32;
    let mut in_frac = false;
    let mut comma = false;
    let mut digits = 0;
    for b in raw.bytes() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 30 {
                    return None;
                }
                mant = mant * 10 + u128::from(b - b'0');
                if in_frac {
                    frac += 1;
                }
            }
            b',' => comma = true,
            b'.' => in_frac = true,
            _ => return None,
        }
    }
    Some((mant, frac, comma))
}

fn digit_cardinal(lx: &Lexed, i: usize) -> Option<Card> {
    if !usable_digits(lx, i) || ordinal_suffix(lx, i) {
        return None;
    }
    let raw = lx.raw(i);
    let (mant, frac, comma) = num_parts(raw)?;
    // "1.5 million", "100 thousand": written multipliers after the digits.
    // Each multiplier must exceed the one before ("hundred thousand", not "thousand hundred").
    let mut mult: u128 = 1;
    let mut prev_scale: u128 = 1;
    let mut last = i;
    while let Some(s) = any_scale(lx.word(last + 1)) {
        if s <= prev_scale {
            break;
        }
        mult = mult.checked_mul(s)?;
        prev_scale = s;
        last += 1;
    }
    // Floor of mant * mult / 10^frac, done in integers so 2.3 million stays 2,300,000.
    let value = mant.checked_mul(mult)? / 10u128.checked_pow(frac)?;
    let value = u64::try_from(value).ok()?;
    let plain = mult == 1 && frac == 0 && !comma;
    Some(Card {
        value,
        first: i,
        last,
        digits: true,
        decimal: frac > 0 && mult == 1,
        is_year: plain && raw.len() == 4 && (1900..=2099).contains(&value),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Start,
    Article,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
}

fn word_cardinal(lx: &Lexed, i: usize) -> Option<Card> {
    let card = |value: u64, last: usize| Card { value, first: i, last, digits: false, decimal: false, is_year: false };
    let w0 = lx.word(i);
    if w0.is_empty() {
        return None;
    }
    if lx.seq(i, &["half", "a", "dozen"]) {
        return Some(card(6, i + 2));
    }
    let mut total: u128 = 0;
    let mut cur: u128 = 0;
    let mut st = St::Start;
    let mut last_tok: Option<usize> = None;
    let mut last_scale = u128::MAX;
    let mut j = i;
    if matches!(w0, "a" | "an") {
        // The article is a number only in front of a multiplier: "a dozen", "a hundred".
        let next = lx.word(i + 1);
        if next == "couple" && lx.is(i + 2, "of") {
            return Some(card(2, i + 1));
        }
        if next == "score" && lx.is(i + 2, "of") {
            return Some(card(20, i + 1));
        }
        if next != "dozen" && any_scale(next).is_none() {
            return None;
        }
        cur = 1;
        st = St::Article;
        j = i + 1;
    }
    loop {
        let w = lx.word(j);
        if w.is_empty() {
            break;
        }
        if let Some(v) = unit_word(w) {
            let fits = match st {
                St::Start | St::Hundred | St::Scale => true,
                St::Tens => v < 10,
                _ => false,
            };
            if !fits {
                break;
            }
            cur += u128::from(v);
            st = if v < 10 { St::Unit } else { St::Teen };
        } else if let Some(v) = tens_word(w) {
            if !matches!(st, St::Start | St::Hundred | St::Scale) {
                break;
            }
            cur += u128::from(v);
            st = St::Tens;
        } else if w == "hundred" {
            if !matches!(st, St::Unit | St::Teen | St::Tens | St::Article) || cur == 0 || cur >= 100 {
                break;
            }
            cur *= 100;
            st = St::Hundred;
        } else if let Some(s) = big_scale(w) {
            if !matches!(st, St::Unit | St::Teen | St::Tens | St::Hundred | St::Article) || cur == 0 || s >= last_scale
            {
                break;
            }
            total += cur * s;
            cur = 0;
            last_scale = s;
            st = St::Scale;
        } else if w == "dozen" {
            if matches!(st, St::Unit | St::Teen | St::Tens | St::Article) && cur < 100 {
                cur *= 12;
                last_tok = Some(j);
            }
            break;
        } else if w == "and" && matches!(st, St::Hundred | St::Scale) {
            let next = lx.word(j + 1);
            if unit_word(next).is_some() || tens_word(next).is_some() {
                j += 1;
                continue;
            }
            break;
        } else {
            break;
        }
        last_tok = Some(j);
        j += 1;
        // "twenty-five": the hyphen joins tens and units only.
        if st == St::Tens
            && lx.is_punct(j, '-')
            && lx.glued(j)
            && lx.glued(j + 1)
            && unit_word(lx.word(j + 1)).is_some_and(|v| v < 10)
        {
            j += 1;
        }
    }
    let last = last_tok?;
    let value = u64::try_from(total + cur).ok()?;
    if value == 1 && last == i && w0 == "one" && !one_is_count(lx, i) {
        return None;
    }
    Some(card(value, last))
}

/// "one" as a pronoun ("no one", "one another", "the one who") is not a count.
fn one_is_count(lx: &Lexed, i: usize) -> bool {
    let prev = if i > 0 { lx.word(i - 1) } else { "" };
    if matches!(prev, "no" | "any" | "every" | "each" | "the" | "this" | "that" | "which" | "someone") {
        return false;
    }
    !matches!(lx.word(i + 1), "another")
}

/// "3rd", "21st", "third", "twenty-first": value and last token.
fn ordinal(lx: &Lexed, i: usize) -> Option<(u64, usize)> {
    if lx.is_num(i) {
        if usable_digits(lx, i) && ordinal_suffix(lx, i) {
            return Some((lx.int(i)?, i + 1));
        }
        return None;
    }
    let w = lx.word(i);
    if let Some(v) = ordinal_word(w) {
        return Some((v, i));
    }
    let tens = tens_word(w)?;
    let (k, glue_ok) =
        if lx.is_punct(i + 1, '-') { (i + 2, lx.glued(i + 1) && lx.glued(i + 2)) } else { (i + 1, true) };
    match ordinal_word(lx.word(k)) {
        Some(u) if u < 10 && glue_ok => Some((tens + u, k)),
        _ => None,
    }
}

/// Vague quantities: floor (if conventional) and last token.
fn vague(lx: &Lexed, i: usize) -> Option<(Option<u64>, usize)> {
    let w = lx.word(i);
    if let Some(f) = plural_floor(w) {
        // "tens of thousands", "hundreds of thousands": floors multiply.
        if lx.is(i + 1, "of") {
            if let Some(g) = plural_floor(lx.word(i + 2)) {
                if g >= 1000 && g > f {
                    return Some((f.checked_mul(g), i + 2));
                }
            }
        }
        // "tens" and "scores" are counts only before "of" ("he scores", "tens" alone is rare).
        if matches!(w, "tens" | "scores") && !lx.is(i + 1, "of") {
            return None;
        }
        return Some((Some(f), i));
    }
    // "several hundred", "a few dozen": at least two of the unit.
    let (head_last, modifier) = match w {
        "several" => (i, true),
        "a" if lx.is(i + 1, "few") => (i + 1, true),
        "many" | "numerous" | "countless" | "multiple" => (i, false),
        "some" => (i, false),
        "a" if lx.seq(i + 1, &["number", "of"]) => return Some((None, i + 1)),
        "a" if lx.seq(i + 1, &["handful", "of"]) => return Some((None, i + 1)),
        _ => return None,
    };
    let mut k = head_last + 1;
    if modifier {
        let mut unit: u64 = 1;
        let mut prev_scale: u64 = 1;
        while let Some(s) = if lx.is(k, "dozen") { Some(12) } else { any_scale(lx.word(k)).map(|s| s as u64) } {
            if s <= prev_scale {
                break;
            }
            unit = unit.checked_mul(s)?;
            prev_scale = s;
            k += 1;
        }
        if unit > 1 {
            return Some((unit.checked_mul(2), k - 1));
        }
    }
    // "many hundreds", "several thousands": the plural's floor.
    if let Some(f) = plural_floor(lx.word(k)) {
        if !matches!(lx.word(k), "tens" | "scores") || lx.is(k + 1, "of") {
            return Some((Some(f), k));
        }
    }
    Some((None, head_last))
}

/// The qualifier phrase at `i` and the token after it.
fn prefix(lx: &Lexed, i: usize) -> Option<(Qualifier, usize)> {
    let w = lx.word(i);
    if w.is_empty() {
        return None;
    }
    for (words, q) in PREFIXES {
        if words[0] == w && lx.seq(i, words) {
            if words.len() == 1 && w == "over" && i > 0 && OVER_PARTICLE_VERBS.contains(&lx.word(i - 1)) {
                return None;
            }
            return Some((*q, i + words.len()));
        }
    }
    None
}

/// The core of a mention, before any prefix qualifier.
struct Core {
    first: usize,
    /// Last token of the number proper.
    num_last: usize,
    /// Last token of the whole core (suffix qualifiers included).
    last: usize,
    low: Option<u64>,
    best: Option<u64>,
    high: Option<u64>,
    qualifier: Qualifier,
    explicit: bool,
    is_year: bool,
    is_ordinal: bool,
}

fn core(lx: &Lexed, i: usize) -> Option<Core> {
    if let Some((low, last)) = vague(lx, i) {
        return Some(Core {
            first: i,
            num_last: last,
            last,
            low,
            best: low,
            high: None,
            qualifier: Qualifier::Vague,
            explicit: false,
            is_year: false,
            is_ordinal: false,
        });
    }
    if let Some((v, last)) = ordinal(lx, i) {
        return Some(Core {
            first: i,
            num_last: last,
            last,
            low: Some(v),
            best: Some(v),
            high: None,
            qualifier: Qualifier::Exact,
            explicit: false,
            is_year: false,
            is_ordinal: true,
        });
    }
    let a = cardinal(lx, i)?;
    let mut c = Core {
        first: i,
        num_last: a.last,
        last: a.last,
        low: Some(a.value),
        best: Some(a.value),
        high: None,
        qualifier: Qualifier::Exact,
        explicit: true,
        is_year: a.is_year,
        is_ordinal: false,
    };
    let k = a.last + 1;
    if lx.seq(k, &["or", "more"]) {
        c.qualifier = Qualifier::AtLeast;
        c.last = k + 1;
    } else if lx.seq(k, &["or", "so"]) {
        c.qualifier = Qualifier::About;
        c.last = k + 1;
    } else if lx.is_punct(k, '-') && lx.glued(k) && lx.glued(k + 1) && matches!(lx.word(k + 1), "odd" | "plus") {
        c.qualifier = if lx.is(k + 1, "odd") { Qualifier::About } else { Qualifier::AtLeast };
        c.last = k + 1;
    } else if lx.is_punct(k, '+') && lx.glued(k) {
        c.qualifier = Qualifier::AtLeast;
        c.last = k;
    } else if let Some(b) = range_tail(lx, &a) {
        c.qualifier = Qualifier::Range;
        c.high = Some(b.value);
        c.num_last = b.last;
        c.last = b.last;
        c.is_year = a.is_year && b.is_year;
    } else if lx.is(k, "plus") && cardinal(lx, k + 1).is_none() {
        c.qualifier = Qualifier::AtLeast;
        c.last = k;
    }
    Some(c)
}

/// "10 to 15", "10-15", "two or three": the upper bound.
fn range_tail(lx: &Lexed, a: &Card) -> Option<Card> {
    let k = a.last + 1;
    let dash = lx.is_punct(k, '-') || lx.is_punct(k, '–') || lx.is_punct(k, '‐');
    if !(dash || lx.is(k, "to") || lx.is(k, "or")) {
        return None;
    }
    let b = cardinal(lx, k + 1)?;
    if b.value <= a.value {
        return None;
    }
    // Digit ranges with a hyphen need digits on both sides ("10-15", not "10-fifteen").
    if dash && (!a.digits || !b.digits) {
        return None;
    }
    Some(b)
}

fn mention_at(lx: &Lexed, i: usize) -> Option<(NumberMention, usize)> {
    // "between 10 and 15"
    if lx.is(i, "between") {
        if let Some(a) = cardinal(lx, i + 1) {
            if lx.is(a.last + 1, "and") {
                if let Some(b) = cardinal(lx, a.last + 2) {
                    if b.value > a.value {
                        let m = NumberMention {
                            span: lx.span(i, b.last),
                            number_span: lx.span(a.first, b.last),
                            low: Some(a.value),
                            best: Some(a.value),
                            high: Some(b.value),
                            qualifier: Qualifier::Range,
                            is_year: a.is_year && b.is_year,
                            is_ordinal: false,
                        };
                        return Some((m, b.last + 1));
                    }
                }
            }
        }
    }
    if let Some((q, j)) = prefix(lx, i) {
        if let Some(c) = core(lx, j).filter(|c| !c.is_ordinal) {
            let mut m = build(lx, &c);
            m.span = lx.span(i, c.last);
            if c.explicit {
                m.qualifier = q;
                // "as many as 14 killed" stresses how many died: it reports 14, where "up to
                // 14" only bounds the toll.
                if q == Qualifier::UpTo && lx.word(i) != "as" {
                    m.low = None;
                    m.high = c.high.or(c.best);
                } else if q == Qualifier::UpTo {
                    m.high = c.high.or(c.best);
                }
            }
            return Some((m, c.last + 1));
        }
    }
    let c = core(lx, i)?;
    Some((build(lx, &c), c.last + 1))
}

fn build(lx: &Lexed, c: &Core) -> NumberMention {
    NumberMention {
        span: lx.span(c.first, c.last),
        number_span: lx.span(c.first, c.num_last),
        low: c.low,
        best: c.best,
        high: c.high,
        qualifier: c.qualifier,
        is_year: c.is_year,
        is_ordinal: c.is_ordinal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(text: &str) -> Vec<NumberMention> {
        find_numbers(text, 0)
    }

    fn one(text: &str) -> NumberMention {
        let v = nums(text);
        assert_eq!(v.len(), 1, "expected one mention in {text:?}, got {v:#?}");
        v.into_iter().next().unwrap()
    }

    fn s(text: &str, sp: Span) -> &str {
        sp.of(text)
    }

    #[test]
    fn at_least_words() {
        let t = "At least sixty Malian soldiers were killed";
        let m = one(t);
        assert_eq!(s(t, m.span), "At least sixty");
        assert_eq!(s(t, m.number_span), "sixty");
        assert_eq!((m.low, m.best, m.high, m.qualifier), (Some(60), Some(60), None, Qualifier::AtLeast));
    }

    #[test]
    fn more_than_digits() {
        let t = "over 130 Fulani civilians";
        let m = one(t);
        assert_eq!(s(t, m.span), "over 130");
        assert_eq!(s(t, m.number_span), "130");
        assert_eq!((m.low, m.qualifier), (Some(130), Qualifier::MoreThan));
        let m = one("more than 40 people");
        assert_eq!((m.low, m.qualifier), (Some(40), Qualifier::MoreThan));
        let m = one("in excess of 200 fighters");
        assert_eq!((m.low, m.qualifier), (Some(200), Qualifier::MoreThan));
        let m = one("upwards of 50 vehicles");
        assert_eq!((m.low, m.qualifier), (Some(50), Qualifier::MoreThan));
    }

    #[test]
    fn two_mentions_in_a_list() {
        let t = "seized 174 Kalashnikovs and three vehicles";
        let v = nums(t);
        assert_eq!(v.len(), 2);
        assert_eq!((s(t, v[0].span), v[0].best, v[0].qualifier), ("174", Some(174), Qualifier::Exact));
        assert_eq!(v[0].high, None);
        assert_eq!((s(t, v[1].span), v[1].best), ("three", Some(3)));
        assert!(v[0].span.start < v[1].span.start);
    }

    #[test]
    fn thousands_separator() {
        let t = "over 100,000 poorly trained";
        let m = one(t);
        assert_eq!((m.low, m.qualifier, m.is_year), (Some(100_000), Qualifier::MoreThan, false));
        assert_eq!(s(t, m.number_span), "100,000");
        assert_eq!(one("1,000 troops").best, Some(1000));
        assert_eq!(one("2,500,000 displaced").best, Some(2_500_000));
    }

    #[test]
    fn about_and_units() {
        let t = "roughly 60 percent of the territory";
        let m = one(t);
        assert_eq!((m.low, m.qualifier), (Some(60), Qualifier::About));
        assert_eq!(s(t, m.span), "roughly 60");
        for q in
            ["about", "around", "approximately", "nearly", "almost", "some", "an estimated", "estimated", "close to"]
        {
            let t = format!("{q} 40 people");
            let m = one(&t);
            assert_eq!((m.best, m.qualifier), (Some(40), Qualifier::About), "{t}");
            assert_eq!(s(&t, m.span), format!("{q} 40"));
        }
        let m = one("10 km from the town");
        assert_eq!((m.best, m.qualifier), (Some(10), Qualifier::Exact));
    }

    #[test]
    fn vague_words() {
        let t = "dozens of villagers";
        let m = one(t);
        assert_eq!(s(t, m.span), "dozens");
        assert_eq!((m.low, m.best, m.qualifier), (Some(12), Some(12), Qualifier::Vague));
        assert_eq!(one("scores of people").low, Some(20));
        assert_eq!(one("tens of people").low, Some(10));
        assert_eq!(one("hundreds of homes").low, Some(100));
        assert_eq!(one("thousands fled").low, Some(1000));
        let t = "tens of thousands of refugees";
        let m = one(t);
        assert_eq!((s(t, m.span), m.low, m.qualifier), ("tens of thousands", Some(10_000), Qualifier::Vague));
        assert_eq!(one("hundreds of thousands displaced").low, Some(100_000));
        for w in ["several", "many", "some", "numerous"] {
            let m = one(&format!("{w} soldiers"));
            assert_eq!((m.low, m.best, m.qualifier), (None, None, Qualifier::Vague), "{w}");
        }
        let t = "a number of attacks";
        let m = one(t);
        assert_eq!((s(t, m.span), m.low, m.qualifier), ("a number", None, Qualifier::Vague));
        let m = one("a few villagers");
        assert_eq!((m.low, m.qualifier), (None, Qualifier::Vague));
        assert_eq!(one("several hundred fighters").low, Some(200));
        assert_eq!(one("a few dozen men").low, Some(24));
        assert_eq!(one("several hundred thousand people").low, Some(200_000));
        // "scores" and "tens" alone are not counts
        assert!(nums("JNIM scores a victory").is_empty());
    }

    #[test]
    fn some_with_number_is_about() {
        let t = "some 40 bodies";
        let m = one(t);
        assert_eq!((s(t, m.span), m.best, m.qualifier), ("some 40", Some(40), Qualifier::About));
        let t = "some dozens of bodies";
        let m = one(t);
        assert_eq!((s(t, m.span), m.low, m.qualifier), ("some dozens", Some(12), Qualifier::Vague));
    }

    #[test]
    fn ranges() {
        let t = "between 10 and 15 people";
        let m = one(t);
        assert_eq!(s(t, m.span), "between 10 and 15");
        assert_eq!(s(t, m.number_span), "10 and 15");
        assert_eq!((m.low, m.best, m.high, m.qualifier), (Some(10), Some(10), Some(15), Qualifier::Range));
        let m = one("10 to 15 people");
        assert_eq!((m.low, m.high, m.qualifier), (Some(10), Some(15), Qualifier::Range));
        let t = "10-15 people";
        let m = one(t);
        assert_eq!((s(t, m.span), m.low, m.high, m.qualifier), ("10-15", Some(10), Some(15), Qualifier::Range));
        let m = one("10–15 people");
        assert_eq!((m.low, m.high), (Some(10), Some(15)));
        let m = one("two or three attackers");
        assert_eq!((m.low, m.high, m.qualifier), (Some(2), Some(3), Qualifier::Range));
        let m = one("between twenty and thirty");
        assert_eq!((m.low, m.high), (Some(20), Some(30)));
        let t = "at least 10 to 15 soldiers";
        let m = one(t);
        assert_eq!(s(t, m.span), "at least 10 to 15");
        assert_eq!((m.low, m.best, m.high, m.qualifier), (Some(10), Some(10), Some(15), Qualifier::AtLeast));
        // A falling pair is not a range: a score, or two numbers.
        assert_eq!(nums("won 3-1 at home").len(), 2);
    }

    #[test]
    fn up_to() {
        let t = "up to 40 hostages";
        let m = one(t);
        assert_eq!(s(t, m.span), "up to 40");
        assert_eq!((m.low, m.best, m.high, m.qualifier), (None, Some(40), Some(40), Qualifier::UpTo));
        let m = one("as many as 300 fighters");
        assert_eq!((m.low, m.high, m.qualifier), (Some(300), Some(300), Qualifier::UpTo));
        let m = one("no more than five");
        assert_eq!((m.low, m.high, m.qualifier), (None, Some(5), Qualifier::UpTo));
        let m = one("no fewer than five");
        assert_eq!((m.low, m.qualifier), (Some(5), Qualifier::AtLeast));
    }

    #[test]
    fn suffix_qualifiers() {
        let t = "60 or more civilians";
        let m = one(t);
        assert_eq!((s(t, m.span), s(t, m.number_span)), ("60 or more", "60"));
        assert_eq!((m.low, m.qualifier), (Some(60), Qualifier::AtLeast));
        let m = one("twenty or so gunmen");
        assert_eq!((m.best, m.qualifier), (Some(20), Qualifier::About));
        let m = one("a 40-odd strong convoy");
        assert_eq!((m.best, m.qualifier), (Some(40), Qualifier::About));
        let m = one("100+ casualties");
        assert_eq!((m.low, m.qualifier), (Some(100), Qualifier::AtLeast));
    }

    #[test]
    fn compound_words() {
        for (t, v) in [
            ("twenty-five", 25),
            ("Twenty five", 25),
            ("ninety-nine", 99),
            ("one hundred", 100),
            ("a hundred", 100),
            ("two hundred and fifty", 250),
            ("two hundred fifty", 250),
            ("three thousand", 3000),
            ("three thousand five hundred", 3500),
            ("a thousand", 1000),
            ("two dozen", 24),
            ("a dozen", 12),
            ("half a dozen", 6),
            ("one hundred thousand", 100_000),
            ("nineteen hundred", 1900),
            ("two million", 2_000_000),
        ] {
            let m = one(&format!("{t} people"));
            assert_eq!(m.best, Some(v), "{t}");
            assert_eq!(s(&format!("{t} people"), m.span), t);
            assert_eq!(m.qualifier, Qualifier::Exact);
        }
        let t = "a couple of trucks";
        let m = one(t);
        assert_eq!((s(t, m.span), m.best), ("a couple", Some(2)));
        let m = one("a score of horsemen");
        assert_eq!(m.best, Some(20));
        let m = one("more than a dozen");
        assert_eq!((m.low, m.qualifier), (Some(12), Qualifier::MoreThan));
    }

    #[test]
    fn separate_word_numbers_do_not_merge() {
        let v = nums("three soldiers and five civilians");
        assert_eq!(v.iter().map(|m| m.best).collect::<Vec<_>>(), vec![Some(3), Some(5)]);
        let v = nums("killed two hundred and wounded fifty");
        assert_eq!(v.iter().map(|m| m.best).collect::<Vec<_>>(), vec![Some(200), Some(50)]);
        let v = nums("five six");
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn hyphen_compound_keeps_exact_spans() {
        let t = "a 30-day curfew";
        let m = one(t);
        assert_eq!((s(t, m.span), s(t, m.number_span), m.best), ("30", "30", Some(30)));
        let t = "a thirty-day curfew";
        let m = one(t);
        assert_eq!((s(t, m.span), m.best), ("thirty", Some(30)));
        let t = "a five-year-old girl";
        assert_eq!(s(t, one(t).span), "five");
    }

    #[test]
    fn decimals_and_millions() {
        let m = one("2.5 tonnes");
        assert_eq!((m.low, m.best), (Some(2), Some(2)));
        let t = "1.5 million people";
        let m = one(t);
        assert_eq!((s(t, m.span), m.best), ("1.5 million", Some(1_500_000)));
        assert_eq!(one("2.3 million").best, Some(2_300_000));
        assert_eq!(one("100 thousand").best, Some(100_000));
    }

    #[test]
    fn years() {
        let t = "in 2018, when";
        let m = one(t);
        assert!(m.is_year);
        assert_eq!((s(t, m.span), m.best), ("2018", Some(2018)));
        assert!(one("the 2020 coup").is_year);
        assert!(!one("1,950 people").is_year);
        assert!(!one("174 rifles").is_year);
        assert!(!one("3000 people").is_year);
        assert!(one("mid-2018").is_year);
    }

    #[test]
    fn ordinals() {
        let t = "the third attack";
        let m = one(t);
        assert!(m.is_ordinal);
        assert_eq!((s(t, m.span), m.best), ("third", Some(3)));
        let t = "the 21st century";
        let m = one(t);
        assert!(m.is_ordinal);
        assert_eq!((s(t, m.span), m.best), ("21st", Some(21)));
        let m = one("the twenty-first attack");
        assert_eq!((m.best, m.is_ordinal), (Some(21), true));
        assert!(one("a fifth soldier").is_ordinal);
        assert!(one("2nd battalion").is_ordinal);
        // A qualifier does not take an ordinal.
        let v = nums("over third");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].qualifier, Qualifier::Exact);
    }

    #[test]
    fn word_boundaries() {
        assert!(nums("They often attack Tenenkou at night").is_empty());
        assert!(nums("Someone was seen; nobody knows").is_empty());
        assert!(nums("Eleventhly, a tenement").is_empty());
    }

    #[test]
    fn articles_and_pronoun_one() {
        assert!(nums("a soldier and an officer").is_empty());
        assert!(nums("no one was hurt").is_empty());
        assert!(nums("they blamed one another").is_empty());
        let m = one("one soldier died");
        assert_eq!((m.best, m.qualifier), (Some(1), Qualifier::Exact));
        assert_eq!(one("one of the attackers").best, Some(1));
    }

    #[test]
    fn over_as_particle_or_preposition() {
        assert!(nums("over the weekend").is_empty());
        let t = "jihadists took over two bases";
        let m = one(t);
        assert_eq!((s(t, m.span), m.qualifier), ("two", Qualifier::Exact));
    }

    #[test]
    fn designators_times_and_slashes() {
        assert!(nums("an F-16 and a MiG-29 flew over").is_empty());
        assert!(nums("during COVID-19").is_empty());
        assert!(nums("an M16 rifle").is_empty());
        assert!(nums("at 10:30 local time").is_empty());
        assert!(nums("on 02/06/2025").is_empty());
    }

    #[test]
    fn offsets_are_shifted_and_sorted() {
        let t = "In Mopti, gunmen killed 12 and wounded at least 7.";
        let v = find_numbers(t, 1000);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].span, Span::new(1000 + 24, 1000 + 26));
        assert_eq!(&t[v[1].span.start - 1000..v[1].span.end - 1000], "at least 7");
        assert_eq!(&t[v[1].number_span.start - 1000..v[1].number_span.end - 1000], "7");
        assert!(v.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }

    #[test]
    fn non_ascii_text_keeps_byte_offsets() {
        let t = "À Ménaka, « 45 » civils — vingt";
        let m = one(t);
        assert_eq!(s(t, m.span), "45");
    }

    #[test]
    fn count_at_for_dates() {
        let lx = Lexed::new("two days later and 24 hours and 2.5 hours");
        assert_eq!(count_at(&lx, 0), Some((2, 0)));
        let i = lx.toks.iter().position(|t| &lx.text[t.start..t.end] == "24").unwrap();
        assert_eq!(count_at(&lx, i), Some((24, i)));
        let i = lx.toks.iter().position(|t| &lx.text[t.start..t.end] == "2.5").unwrap();
        assert_eq!(count_at(&lx, i), None);
    }

    #[test]
    fn every_suffix_keeps_invariants() {
        let t = "« Plus de 45 » morts — at least sixty-one, between 10 and 15, tens of thousands, F-16s, \
                 1.5 million, 30-day, 10:30, 2019–20, some 40, a couple of 3rd-rate, two hundred and fifty…";
        for (at, _) in t.char_indices() {
            for part in [&t[at..], &t[..at]] {
                let v = find_numbers(part, 3);
                for w in v.windows(2) {
                    assert!(w[0].span.end <= w[1].span.start, "{part:?}: {v:?}");
                }
                for m in &v {
                    assert!(m.span.contains(m.number_span), "{part:?}: {m:?}");
                    assert!(part.is_char_boundary(m.span.start - 3) && part.is_char_boundary(m.span.end - 3));
                    assert!(!m.span.is_empty());
                }
            }
        }
    }
}

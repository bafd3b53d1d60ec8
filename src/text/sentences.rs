//! Sentence splitting over tokens: ends at `.`, `!`, `?` (and a closing quote or bracket after
//! them) when the next token starts a sentence, never after a known abbreviation or an initial;
//! a blank line always ends a sentence and a paragraph.

use super::{Span, Token, TokenShape};

/// Abbreviations after which a period does not end a sentence (lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "brig", "cmdr",
    "cdr", "gov", "sen", "rep", "pres", "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "no", "nos", "vol", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "approx", "est", "inc",
    "ltd", "co", "corp", "dept", "a.m", "p.m", "i.e", "e.g", "al", "jr", "sr", "rev", "hon", "fig", "km", "gen'l",
    "lt.-col", "lt-col",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index range into `Document::tokens`.
    pub tokens: std::ops::Range<usize>,
    pub paragraph: usize,
}

pub fn split(text: &str, tokens: &[Token], casing: super::Casing) -> Vec<Sentence> {
    let wrap = wrap_width(text);
    let mut sentences = Vec::new();
    let mut start = 0usize; // token index
    let mut paragraph = 0usize;
    let mut i = 0usize;
    while i < tokens.len() {
        let mut end_here = false;
        let mut new_paragraph = false;
        let tok = tokens[i];
        let piece = tok.span.of(text);
        if matches!(piece, "." | "!" | "?" | "…") {
            // Swallow closing quotes/brackets that belong to this sentence.
            while i + 1 < tokens.len()
                && is_closer(tokens[i + 1].span.of(text))
                && tokens[i + 1].span.start == tokens[i].span.end
            {
                i += 1;
            }
            end_here = match tokens.get(i + 1) {
                None => true,
                Some(next) => {
                    (casing.is_degraded() || starts_sentence(text, *next))
                        && !(piece == "." && is_abbreviation(text, tokens, i_of_period(tokens, i, text)))
                }
            };
        }
        if let Some(next) = tokens.get(i + 1) {
            let gap = &text[tokens[i].span.end..next.span.start];
            let newlines = gap.matches('\n').count();
            if newlines >= 2 {
                end_here = true;
                new_paragraph = true;
            } else if newlines == 1 && line_looks_finished(text, tokens[i]) {
                // In hard-wrapped text a line break is a space, unless the line stops well short
                // of the width (a headline, a dateline).
                let line_start = text[..tokens[i].span.end].rfind('\n').map_or(0, |k| k + 1);
                let line = text[line_start..tokens[i].span.end].trim().len();
                end_here |= wrap.is_none_or(|w| line * 2 < w);
            }
        } else {
            end_here = true;
        }
        if end_here {
            sentences.push(Sentence {
                span: Span::new(tokens[start].span.start, tokens[i].span.end),
                tokens: start..i + 1,
                paragraph,
            });
            start = i + 1;
            if new_paragraph {
                paragraph += 1;
            }
        }
        i += 1;
    }
    sentences
}

fn i_of_period(tokens: &[Token], mut i: usize, text: &str) -> usize {
    while i > 0 && tokens[i].span.of(text) != "." {
        i -= 1;
    }
    i
}

fn is_closer(piece: &str) -> bool {
    matches!(piece, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn starts_sentence(text: &str, next: Token) -> bool {
    let piece = next.span.of(text);
    let c = piece.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || next.shape == TokenShape::Number
        || matches!(piece, "\"" | "“" | "‘" | "'" | "(" | "«" | "-" | "–" | "—")
}

/// A period right after an abbreviation ("Gen.", "U.S.") or a single-letter initial ("J. Smith").
fn is_abbreviation(text: &str, tokens: &[Token], period: usize) -> bool {
    if period == 0 {
        return false;
    }
    let prev = tokens[period - 1];
    if prev.span.end != tokens[period].span.start {
        return false;
    }
    // Inside a dotted chain ("u.s.", "a.m."): a letter glued to both periods, which in text
    // without capitals is the only sign that the first period ends nothing.
    let glued = |k: usize| tokens.get(k).is_some_and(|t| tokens[k - 1].span.end == t.span.start);
    if glued(period + 1)
        && glued(period + 2)
        && tokens[period + 2].span.of(text) == "."
        && tokens[period + 1].span.of(text).chars().count() == 1
        && tokens[period + 1].shape == TokenShape::Word
        && prev.span.of(text).rsplit('-').next().is_some_and(|w| w.chars().count() == 1)
    {
        return true;
    }
    // Gather a dotted chain like "U.S" (tokens U . S).
    let mut first = period - 1;
    while first >= 2
        && tokens[first - 1].span.of(text) == "."
        && tokens[first - 2].span.end == tokens[first - 1].span.start
        && tokens[first - 1].span.end == tokens[first].span.start
        && tokens[first - 2].shape == TokenShape::Word
    {
        first -= 2;
    }
    let word = &text[tokens[first].span.start..prev.span.end];
    let lower = word.to_lowercase();
    // The last part of a compound counts alone: "Chilean-U.S.".
    if ABBREVIATIONS.contains(&lower.as_str())
        || lower.rsplit_once('-').is_some_and(|(_, w)| ABBREVIATIONS.contains(&w))
    {
        return true;
    }
    let chars: Vec<char> = word.chars().collect();
    // Single capital initials, and dotted chains of them ("J", "U.N").
    chars.iter().all(|c| c.is_uppercase() || *c == '.')
        && chars.iter().filter(|c| c.is_alphabetic()).count() <= 3
        && chars.len() <= 5
        && (chars.len() == 1 || word.contains('.'))
}

/// The width of a text hard-wrapped at a fixed width (wire copy, old archives), read from its
/// lines that run on into the next without final punctuation: at least three of them, and most
/// lines followed by another in a paragraph. `None` for text written a paragraph to a line.
fn wrap_width(text: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut followed = 0;
    let mut running_on: Vec<usize> = Vec::new();
    for pair in lines.windows(2) {
        let (line, next) = (pair[0].trim(), pair[1].trim());
        if line.is_empty() || next.is_empty() {
            continue;
        }
        followed += 1;
        if line.len() >= 40 && !line.ends_with(['.', '!', '?', ':', '"', '”', '\'']) {
            running_on.push(line.len());
        }
    }
    (running_on.len() >= 3 && running_on.len() * 2 >= followed).then(|| running_on.iter().copied().max().unwrap_or(0))
}

/// A line break ends a sentence when the line has no final punctuation (a headline, a dateline).
fn line_looks_finished(text: &str, last: Token) -> bool {
    let piece = last.span.of(text);
    !matches!(piece, "," | ";" | ":" | "-" | "–" | "(" | "and" | "or" | "of" | "the")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Tokenizer;

    fn sentences(text: &str) -> Vec<&str> {
        let toks = Tokenizer::new().tokenize(text);
        split(text, &toks, crate::text::Casing::Mixed).iter().map(|s| s.span.of(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "Gen. Michael Langley of U.S. Africa Command spoke. Col. Assimi Goita and J. Smith met on Jan. 3. Then it ended.";
        assert_eq!(
            sentences(text),
            [
                "Gen. Michael Langley of U.S. Africa Command spoke.",
                "Col. Assimi Goita and J. Smith met on Jan. 3.",
                "Then it ended."
            ]
        );
    }

    #[test]
    fn quotes_dashes_and_paragraphs() {
        let text = "Headline here\n\n\"We were attacked,\" he said. \"They came at night.\" Troops – many of them – fled.\n\nNew paragraph.";
        let toks = Tokenizer::new().tokenize(text);
        let s = split(text, &toks, crate::text::Casing::Mixed);
        let got: Vec<&str> = s.iter().map(|s| s.span.of(text)).collect();
        assert_eq!(
            got,
            [
                "Headline here",
                "\"We were attacked,\" he said.",
                "\"They came at night.\"",
                "Troops – many of them – fled.",
                "New paragraph."
            ]
        );
        assert_eq!(s.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 1, 1, 1, 2]);
    }

    #[test]
    fn texts_without_capitals_still_split() {
        let text = "gunmen killed two soldiers in the north. the army said the attackers fled. officials gave no toll.";
        let toks = Tokenizer::new().tokenize(text);
        let casing = crate::text::Casing::of(text);
        assert_eq!(casing, crate::text::Casing::Lower);
        assert_eq!(split(text, &toks, casing).len(), 3);
    }

    #[test]
    fn dotted_abbreviations_hold_in_texts_without_capitals() {
        for text in [
            "rebels attacked the u.s. embassy in the capital. the army said the attackers fled.",
            "rebels attacked the chilean-u.s. institute in the capital. the army said the attackers fled.",
        ] {
            let toks = Tokenizer::new().tokenize(text);
            let casing = crate::text::Casing::of(text);
            assert_eq!(split(text, &toks, casing).len(), 2, "{text}");
        }
    }

    #[test]
    fn lowercase_after_period_is_not_a_new_sentence() {
        assert_eq!(sentences("They fled at 3 a.m. and returned."), ["They fled at 3 a.m. and returned."]);
    }

    #[test]
    fn hard_wrapped_lines_run_on_but_a_short_headline_ends() {
        let text = "BOMB IN THE CAPITAL\n\
A POWERFUL BOMB EXPLODED LATE TONIGHT OUTSIDE THE OFFICES OF A\n\
NEWSPAPER IN THE CAPITAL, DESTROYING THE FRONT OF THE BUILDING AND\n\
WOUNDING TWO GUARDS WHO WERE STANDING AT THE DOOR OF THE OFFICES\n\
AT THE TIME. POLICE SAID THE DEVICE HAD BEEN LEFT IN A PARKED CAR\n\
NEAR THE ENTRANCE.";
        let got = sentences(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], "BOMB IN THE CAPITAL");
        assert!(got[1].ends_with("AT THE TIME."), "{got:?}");
    }
}

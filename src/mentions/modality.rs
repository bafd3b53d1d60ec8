//! Whether a mention reports something that happened: irrealis cues (modals, conditionals,
//! infinitives, warnings, negation) in the same clause before it make it speculative.

use crate::text::{Document, Span};

const MODALS: &[&str] = &[
    "could",
    "would",
    "might",
    "may",
    "should",
    "will",
    "shall",
    "can",
    "likely",
    "unlikely",
    "if",
    "unless",
    "possible",
    "possibly",
    "potential",
    "threatened",
    "threatens",
    "threaten",
    "threat",
    "warned",
    "warns",
    "warning",
    "fear",
    "fears",
    "feared",
    "risk",
    "risks",
    "plan",
    "plans",
    "planned",
    "planning",
    "aim",
    "aims",
    "intend",
    "intends",
    "prevent",
    "prevented",
    "foiled",
    "thwarted",
    "averted",
    "no",
    "not",
    "never",
    "denied",
    "deny",
    "future",
    "further",
    "previous",
    "any",
    "capacity",
    "ability",
    "capable",
    "vulnerable",
    "prone",
    "wave",
];

fn is_clause_break(w: &str) -> bool {
    matches!(
        w,
        "," | ";"
            | ":"
            | "–"
            | "—"
            | "("
            | ")"
            | "."
            | "and"
            | "but"
            | "while"
            | "after"
            | "when"
            | "as"
            | "who"
            | "which"
    )
}

/// "The report that … is absolutely unfounded", "reports that … are false": a story the sentence
/// itself discredits.
static DISCREDITED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:is|are|was|were|proved|proven)\s+(?:(?:absolutely|completely|totally|entirely|utterly|simply|to\s+be)\s+)?(?:unfounded|false|untrue|baseless|groundless|fabricated|incorrect|inaccurate)\b",
    )
    .expect("discredited pattern compiles")
});

/// Words that introduce a story told second hand: what follows "the report that" may yet be
/// called false by the sentence.
const HEARSAY: &[&str] = &[
    "report that",
    "reports that",
    "rumour that",
    "rumours that",
    "rumor that",
    "rumors that",
    "allegation that",
    "allegations that",
    "claim that",
    "claims that",
];

fn discredited(doc: &Document, sentence: Span, span: Span) -> bool {
    // The pattern's words are rare, so it rules most sentences out before the hearsay is read.
    DISCREDITED.is_match(&doc.text[span.end..sentence.end]) && {
        let before = doc.text[sentence.start..span.start].to_lowercase();
        HEARSAY.iter().any(|h| before.contains(h))
    }
}

/// True when the words of the clause before `span` mark it as not (yet) real, or the sentence
/// calls the story it belongs to false.
pub fn is_irrealis(doc: &Document, span: Span) -> bool {
    let Some(s) = doc.sentence_at(span.start) else { return false };
    if discredited(doc, doc.sentences[s].span, span) {
        return true;
    }
    let toks = doc.tokens_of(s);
    let i = toks.partition_point(|t| t.span.start < span.start);
    let mut j = i;
    let mut seen = 0;
    while j > 0 && seen < 8 {
        j -= 1;
        seen += 1;
        let w = toks[j].span.of(doc.text);
        // "May" the month is capitalised; "may" the modal is not.
        if w == "May" {
            continue;
        }
        let lower = w.to_lowercase();
        if is_clause_break(&lower) {
            break;
        }
        if MODALS.contains(&lower.as_str()) {
            return true;
        }
        // An infinitive: "to launch attacks", "to heavily shell" (but not "led to", "according to").
        // ("subjected to an attack": a noun after "to" is no infinitive.)
        let next = toks.get(j + 1).map(|t| t.span.of(doc.text).to_lowercase()).unwrap_or_default();
        let determiner = matches!(
            next.as_str(),
            "a" | "an"
                | "the"
                | "his"
                | "her"
                | "their"
                | "its"
                | "this"
                | "that"
                | "heavy"
                | "mortar"
                | "rocket"
                | "indirect"
        );
        // "claimed to have killed", "found to have been executed": a perfect infinitive reports
        // what is said to have happened.
        if lower == "to" && j + 1 < toks.len() && j + 3 >= i && !determiner && next != "have" {
            let prev = if j > 0 { toks[j - 1].span.of(doc.text).to_lowercase() } else { String::new() };
            // An attempt is an event ("attempted to assassinate", "tried to storm").
            if !matches!(
                prev.as_str(),
                "according"
                    | "due"
                    | "led"
                    | "lead"
                    | "leading"
                    | "rose"
                    | "up"
                    | "close"
                    | "next"
                    | "prior"
                    | "owing"
                    | "subjected"
                    | "exposed"
                    | "attempted"
                    | "tried"
                    | "attempting"
                    | "trying"
                    | "managed"
                    | "went"
                    | "proceeded"
                    | "began"
                    | "started"
                    | "continued"
            ) {
                return true;
            }
        }
    }
    false
}

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

/// True when the words of the clause before `span` mark it as not (yet) real.
pub fn is_irrealis(doc: &Document, span: Span) -> bool {
    let Some(s) = doc.sentence_at(span.start) else { return false };
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

//! Evaluation against hand-coded gold: `eventsift eval seed` and the sample-corpus tests.
pub mod gold;
pub use gold::{check, ArticleReport, Check, GoldFile};

use std::fmt::Write;

/// A per-field pass/fail table.
pub fn table(checks: &[Check]) -> String {
    let mut out = String::new();
    let w = checks.iter().map(|c| c.key.len()).max().unwrap_or(3).max(3);
    let f = checks.iter().map(|c| c.field.len().min(48)).max().unwrap_or(5).max(5);
    let _ = writeln!(out, "{:<w$}  {:<f$}  {:<6}  {:<30}  got", "key", "field", "result", "expected");
    for c in checks {
        let field: String = c.field.chars().take(48).collect();
        let expected: String = c.expected.chars().take(30).collect();
        let _ = writeln!(out, "{:<w$}  {:<f$}  {:<6}  {:<30}  {}", c.key, field, if c.pass { "PASS" } else { "FAIL" }, expected, c.got);
    }
    out
}

//! Measurement: hand-coded gold (`eventsift eval seed` and the sample-corpus tests) and the
//! dataset evaluations (`eventsift eval acled|muc4|case2021`, gated by `eval gate`).
pub mod acled;
pub mod case2021;
pub mod gold;
pub mod metrics;
pub mod muc4;
pub use gold::{check, ArticleReport, Check, GoldFile};
pub use metrics::Report;

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
        let _ = writeln!(
            out,
            "{:<w$}  {:<f$}  {:<6}  {:<30}  {}",
            c.key,
            field,
            if c.pass { "PASS" } else { "FAIL" },
            expected,
            c.got
        );
    }
    out
}

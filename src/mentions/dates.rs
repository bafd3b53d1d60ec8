//! Date expressions, absolute and relative. (Being written: see the contract below.)
use crate::text::Span;
use chrono::NaiveDate;
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
pub fn find_dates(_text: &str, _base: usize, _published: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}

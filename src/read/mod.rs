//! Stage 1 — `read`: files, directories, stdin, `.gz`/`.zst` → [`Article`]s and [`Reject`]s.
//!
//! Input formats are chosen by extension once a trailing `.gz` or `.zst` is stripped:
//! `.jsonl`, `.ndjson` and `.json` are JSON Lines (one article object per line, see
//! [`Article::from_json_line`]); `.txt` is one article whose id is the file stem; `-` is stdin as
//! JSON Lines. Anything unreadable becomes a [`Reject`] and the run carries on, so one bad
//! record in a multi-gigabyte dump costs that record only.
mod article;
mod reader;

pub use article::{text_id, Article};
pub use reader::Reader;

/// A record the reader could not turn into an article; the run goes on without it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    /// The input path as given or discovered, or `<stdin>`.
    pub file: String,
    /// 1-based line for JSON Lines input; `None` when the whole file is at fault.
    pub line: Option<usize>,
    pub reason: String,
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for Reject {}

/// What [`Reader`] yields, in input order.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadItem {
    Article(Article),
    Reject(Reject),
}

#[cfg(test)]
mod tests;

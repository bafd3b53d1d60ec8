//! Stage 5 — `sinks`: incident records (and articles) to storage.
mod jsonl;
pub use jsonl::JsonlWriter;

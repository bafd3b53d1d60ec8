//! Stage 5 — `sinks`: incident records (and articles) to storage.
mod index;
mod jsonl;
pub use index::{ActorAliases, IndexStats, Indexer, SearchIndex, WriterOptions};
pub use jsonl::JsonlWriter;

//! The search-index sink: `extract --index DIR` and `index` feed this writer, article by article,
//! with the article's incidents. It lives in `search` beside the schema and queries it must
//! agree with; this is its place among the sinks.
pub use crate::search::{ActorAliases, IndexStats, Indexer, SearchIndex, WriterOptions};

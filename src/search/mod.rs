//! Full-text and faceted search of articles and incidents, on a tantivy index in a directory.
//!
//! ```no_run
//! use eventsift::search::{SearchIndex, SearchRequest};
//! # fn main() -> anyhow::Result<()> {
//! let index = SearchIndex::open_or_create("corpus.idx")?;
//! let mut writer = index.writer()?;
//! # let (article, incidents) = (eventsift::read::Article::from_text("…"), vec![]);
//! writer.add(&article, &incidents)?; // replaces any earlier version of the article
//! writer.finish()?;
//!
//! index.reload()?;
//! let mut request = SearchRequest::new("svbied");
//! request.countries = vec!["Mali".into()];
//! request.min_killed = Some(50);
//! for hit in index.search(&request)?.hits {
//!     println!("{} {}", hit.id, hit.summary.unwrap_or_default());
//! }
//! # Ok(()) }
//! ```
//!
//! `schema` lays out the fields, `indexer` writes (one writer per index, batch commits,
//! replace-by-id), `query` reads (query language, filters, facets, histogram), `cli` renders.

pub mod cli;
mod indexer;
mod phrase;
mod query;
pub mod schema;

pub use indexer::{facets, parse_day, ActorAliases, IndexStats, Indexer, WriterOptions};
pub use query::{
    parse_date_bound, summary, BBox, Bucket, FacetCounts, FacetValue, Hit, Interval, Kind, SearchRequest,
    SearchResults, Snippet, COUNT_UP_TO,
};

use anyhow::{Context, Result};
use schema::Fields;
use std::path::{Path, PathBuf};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, ReloadPolicy, Term};

/// An index directory, open for searching and (through [`SearchIndex::writer`]) writing.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    dir: PathBuf,
    incidents: query::IncidentSets,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if there is none.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<SearchIndex> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the index directory", dir.display()))?;
        let mmap =
            tantivy::directory::MmapDirectory::open(dir).with_context(|| format!("{}: cannot open", dir.display()))?;
        let index = if Index::exists(&mmap)? {
            Index::open(mmap)
        } else {
            Index::create(mmap, schema::build(), tantivy::IndexSettings::default())
        }
        .with_context(|| format!("{}: cannot open the index", dir.display()))?;
        SearchIndex::wrap(index, dir)
    }

    /// Opens an existing index.
    pub fn open(dir: impl AsRef<Path>) -> Result<SearchIndex> {
        let dir = dir.as_ref();
        let index = Index::open_in_dir(dir).with_context(|| format!("{}: no search index here", dir.display()))?;
        SearchIndex::wrap(index, dir)
    }

    fn wrap(mut index: Index, dir: &Path) -> Result<SearchIndex> {
        schema::register_analyzers(index.tokenizers());
        let fields = Fields::of(&index.schema())
            .with_context(|| format!("{}: the index was built with another field layout; rebuild it", dir.display()))?;
        // Segments are searched in parallel: on a multi-segment index this is what keeps the
        // slowest queries down.
        index.set_default_multithread_executor()?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, fields, reader, dir: dir.to_path_buf(), incidents: Default::default() })
    }

    /// The index's writer with default options; fails if another writer holds the lock.
    pub fn writer(&self) -> Result<Indexer> {
        self.writer_with(&WriterOptions::default())
    }

    pub fn writer_with(&self, options: &WriterOptions) -> Result<Indexer> {
        self.reader.reload()?;
        Indexer::new(&self.index, self.reader.searcher(), self.fields, options, &self.dir.display().to_string())
    }

    /// Makes searches see the latest commit.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let planner = query::Planner { index: &self.index, fields: &self.fields, incidents: &self.incidents };
        query::run(&planner, &self.reader.searcher(), request)
    }

    /// Articles and incidents in the index, as of the last reload.
    pub fn counts(&self) -> Result<(u64, u64)> {
        let searcher = self.reader.searcher();
        let count = |kind: &str| -> Result<u64> {
            let q = TermQuery::new(Term::from_field_text(self.fields.kind, kind), IndexRecordOption::Basic);
            Ok(searcher.search(&q, &Count)? as u64)
        };
        Ok((count(schema::ARTICLE)?, count(schema::INCIDENT)?))
    }

    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

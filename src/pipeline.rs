//! [`Pipeline`]: the stages wired together, built once and shared read-only across threads.

use crate::incidents::{self, Incident, Taxonomy};
use crate::mentions::gazetteer::LoadStats;
use crate::mentions::{MentionFinder, Mentions};
use crate::models::Models;
use crate::read::Article;
use crate::text::{Document, Tokenizer};
use anyhow::Result;
use std::path::PathBuf;

pub struct Pipeline {
    country_prior: Vec<String>,
    tokenizer: Tokenizer,
    finder: MentionFinder,
    taxonomy: Taxonomy,
}

#[derive(Default)]
pub struct PipelineBuilder {
    models: Option<PathBuf>,
    gazetteers: Vec<PathBuf>,
    country_prior: Vec<String>,
}

impl PipelineBuilder {
    /// Read models from `dir` instead of `$EVENTSIFT_MODELS` or the crate's `models/`.
    pub fn models(mut self, dir: impl Into<PathBuf>) -> Self {
        self.models = Some(dir.into());
        self
    }

    /// Add a GeoNames dump (`XX.txt`, `allCountries.txt`) to the gazetteer.
    pub fn gazetteer(mut self, path: impl Into<PathBuf>) -> Self {
        self.gazetteers.push(path.into());
        self
    }

    /// Countries (ISO codes) the articles are expected to be about, as for a regional feed; used
    /// only to place names the text leaves ambiguous.
    pub fn country_prior(mut self, code: impl Into<String>) -> Self {
        self.country_prior.push(code.into().to_uppercase());
        self
    }

    pub fn build(self) -> Result<Pipeline> {
        let models = self.models.map(Models::at).unwrap_or_else(Models::locate);
        let mut finder = MentionFinder::from_models(&models)?;
        for path in &self.gazetteers {
            finder.gazetteer.add_geonames_dump(path)?;
        }
        Ok(Pipeline {
            country_prior: self.country_prior,
            tokenizer: Tokenizer::new(),
            finder,
            taxonomy: Taxonomy::from_models(&models)?,
        })
    }
}

/// The paths in `EVENTSIFT_GAZETTEER` (separated by `:`).
pub fn gazetteers_from_env() -> Vec<PathBuf> {
    std::env::var("EVENTSIFT_GAZETTEER")
        .map(|v| v.split(':').filter(|s| !s.is_empty()).map(PathBuf::from).collect())
        .unwrap_or_default()
}

impl Pipeline {
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The incidents an article reports, in order of first mention.
    pub fn process(&self, article: &Article) -> Vec<Incident> {
        self.process_in(article, &self.country_prior)
    }

    /// As [`Pipeline::process`], for an article expected to be about `countries` (ISO codes).
    pub fn process_in(&self, article: &Article, countries: &[String]) -> Vec<Incident> {
        let mut doc = Document::new(article, &self.tokenizer);
        doc.country_prior = countries.to_vec();
        let mentions = self.mentions(&doc);
        let mut out = incidents::assemble(&doc, &mentions, &self.finder, &self.taxonomy);
        for i in &mut out {
            i.source.clone_from(&article.source);
            i.url.clone_from(&article.url);
            i.language.clone_from(&article.language);
        }
        out
    }

    /// The kind of non-conflict news (a disaster, an accident, crime) an article reports, if any:
    /// why an article about such news yields no record.
    pub fn non_conflict(&self, article: &Article) -> Option<incidents::NonConflict> {
        let doc = self.document(article);
        incidents::non_conflict(&self.mentions(&doc))
    }

    /// The article as a document, expected to be about the pipeline's prior countries.
    pub fn document<'a>(&self, article: &'a Article) -> Document<'a> {
        let mut doc = Document::new(article, &self.tokenizer);
        doc.country_prior.clone_from(&self.country_prior);
        doc
    }

    pub fn mentions(&self, doc: &Document) -> Mentions {
        self.finder.find(doc)
    }

    pub fn finder(&self) -> &MentionFinder {
        &self.finder
    }

    /// The gazetteer files loaded, with how many places each added.
    pub fn gazetteer_files(&self) -> &[LoadStats] {
        &self.finder.gazetteer.loaded
    }
}

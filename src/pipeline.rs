//! [`Pipeline`]: the stages wired together, built once and shared read-only across threads.

use crate::incidents::{self, Incident, Taxonomy};
use crate::mentions::gazetteer::LoadStats;
use crate::mentions::{FeedMap, MentionFinder, Mentions};
use crate::models::Models;
use crate::read::Article;
use crate::text::{Document, Tokenizer};
use anyhow::Result;
use rayon::prelude::*;
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
        finder.gazetteer.add_geonames_dumps(&self.gazetteers)?;
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
        let doc = self.document_in(article, countries);
        let mentions = self.mentions(&doc);
        self.incidents(article, &doc, &mentions)
    }

    /// The incidents of each article of a batch from one feed, in parallel. Read together, the
    /// articles say where the feed's stories happen ([`FeedMap`]): a village name that several
    /// villages share, with nothing in its own story to choose by, is read as the one in a region
    /// the batch names far more often; and a batch that one country's stories fill, with no
    /// prior given, is read with that country as the prior ([`crate::mentions::feed_country`]).
    /// An article alone is read as by [`Pipeline::process`].
    pub fn process_batch(&self, articles: &[Article]) -> Vec<Vec<Incident>> {
        self.process_batch_in(articles, &self.country_prior)
    }

    /// As [`Pipeline::process_batch`], for articles expected to be about `countries`.
    pub fn process_batch_in(&self, articles: &[Article], countries: &[String]) -> Vec<Vec<Incident>> {
        let read_in = |countries: &[String]| -> Vec<(Document, Mentions)> {
            articles
                .par_iter()
                .map(|a| {
                    let doc = self.document_in(a, countries);
                    let mentions = self.mentions(&doc);
                    (doc, mentions)
                })
                .collect()
        };
        let mut read = read_in(countries);
        // A feed named by no country that one country's stories fill is read as that country's.
        if countries.is_empty() {
            if let Some(cc) = crate::mentions::feed_country(read.iter().map(|(_, m)| &m.country_context)) {
                read = read_in(&[cc]);
            }
        }
        let feed = FeedMap::learn(&self.finder.gazetteer, read.iter().map(|(_, m)| m.places.as_slice()));
        read.into_par_iter()
            .zip(articles)
            .map(|((doc, mut mentions), article)| {
                feed.settle(&self.finder.gazetteer, &mut mentions.places);
                self.incidents(article, &doc, &mentions)
            })
            .collect()
    }

    fn incidents(&self, article: &Article, doc: &Document, mentions: &Mentions) -> Vec<Incident> {
        let mut out = incidents::assemble(doc, mentions, &self.finder, &self.taxonomy);
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
        self.document_in(article, &self.country_prior)
    }

    fn document_in<'a>(&self, article: &'a Article, countries: &[String]) -> Document<'a> {
        let mut doc = Document::new(article, &self.tokenizer);
        doc.country_prior = countries.to_vec();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A GeoNames dump row for an invented populated place.
    fn dump_row(id: u64, name: &str, lat: f64, lon: f64, country: &str, admin1: &str, population: u32) -> String {
        format!(
            "{id}\t{name}\t{name}\t\t{lat}\t{lon}\tP\tPPL\t{country}\t\t{admin1}\t\t\t\t{population}\t\t293\tAfrica/Bamako\t2013-04-04"
        )
    }

    /// A pipeline whose gazetteer also reads the invented dump `rows`, with `prior` as its
    /// country prior when given.
    fn pipeline_with_dump(tag: &str, rows: &[String], prior: Option<&str>) -> Pipeline {
        let path = std::env::temp_dir().join(format!("eventsift-{tag}-{}.txt", std::process::id()));
        std::fs::write(&path, rows.join("\n")).unwrap();
        let mut builder = Pipeline::builder().gazetteer(&path);
        if let Some(cc) = prior {
            builder = builder.country_prior(cc);
        }
        let pipeline = builder.build().unwrap();
        std::fs::remove_file(&path).ok();
        pipeline
    }

    fn article(id: &str, text: &str) -> Article {
        Article { id: id.into(), text: text.into(), published: Some("2025-06-12".into()), ..Default::default() }
    }

    #[test]
    fn a_batch_reads_an_open_homonym_where_its_feed_reports_from_and_one_article_does_not() {
        let row = |id: u64, name: &str, lat: f64, lon: f64, admin1: &str| dump_row(id, name, lat, lon, "ML", admin1, 0);
        let rows = [
            row(9_200_001, "Dabankoro", 13.05, -11.10, "03"),
            row(9_200_002, "Dabankoro", 14.48, -4.05, "04"),
            row(9_200_003, "Zendoubi", 14.61, -3.92, "04"),
            row(9_200_004, "Sarkatogo", 14.22, -4.23, "04"),
            row(9_200_005, "Wendemba", 14.93, -3.54, "04"),
        ];
        let pipeline = pipeline_with_dump("batch", &rows, Some("ML"));
        let batch = [
            article("a", "Gunmen attacked the village of Zendoubi on Monday, killing two civilians."),
            article("b", "Militants killed three soldiers in Sarkatogo on Tuesday."),
            article("c", "Soldiers clashed with militants in Wendemba on Wednesday, killing one."),
            article("d", "Gunmen killed a shepherd in Dabankoro on Friday."),
        ];
        let id = |records: &[Incident]| records[0].location.as_ref().and_then(|l| l.geonames_id);
        assert_eq!(id(&pipeline.process(&batch[3])), Some(9_200_001));
        let read = pipeline.process_batch(&batch);
        assert_eq!(read.len(), 4);
        assert_eq!(id(&read[3]), Some(9_200_002));
        assert_eq!(id(&read[0]), Some(9_200_003));
    }

    #[test]
    fn a_batch_that_one_country_s_stories_fill_reads_an_ambiguous_name_as_that_country_s() {
        let row = |id: u64, name: &str, country: &str, population: u32| {
            dump_row(id, name, 14.5, -2.5, country, "01", population)
        };
        let rows = [
            row(9_300_001, "Kourandaga", "NE", 2_000),
            row(9_300_002, "Kourandaga", "ML", 0),
            row(9_300_003, "Wendoro", "ML", 0),
            row(9_300_004, "Bakaria", "ML", 0),
        ];
        let pipeline = pipeline_with_dump("feed", &rows, None);
        let ambiguous = article("k", "Gunmen killed a shepherd in Kourandaga on Friday.");
        let country = |records: &[Incident]| records[0].location.as_ref().and_then(|l| l.country_code.clone());
        assert_eq!(country(&pipeline.process(&ambiguous)).as_deref(), Some("NE"));
        let mut batch: Vec<Article> = (0..crate::mentions::FEED_ARTICLES)
            .map(|i| {
                let town = if i % 2 == 0 { "Wendoro" } else { "Bakaria" };
                article(&format!("a{i}"), &format!("Militants killed {} soldiers in {town} on Monday.", i + 2))
            })
            .collect();
        batch.push(ambiguous.clone());
        let read = pipeline.process_batch(&batch);
        assert_eq!(country(&read[0]).as_deref(), Some("ML"));
        assert_eq!(country(read.last().unwrap()).as_deref(), Some("ML"));
        // Fewer stories are no feed: each is read on its own.
        let few = [batch[0].clone(), batch[1].clone(), ambiguous];
        assert_eq!(country(&pipeline.process_batch(&few)[2]).as_deref(), Some("NE"));
    }
}

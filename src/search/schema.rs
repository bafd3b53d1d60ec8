//! The index's fields: one schema holds both articles and incidents, told apart by `kind`.
//!
//! Sharing one index (rather than one per kind) lets a single query rank articles and incidents
//! together, and lets one delete-by-`article_id` replace an article and every incident drawn from
//! it atomically at the next commit.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};

/// Analyzer for running text (titles, bodies, actor and place names): folded, lowercased and
/// stemmed so that "Djenné" finds "Djenne" and "attacks" finds "attacked".
pub const PROSE: &str = "eventsift_prose";
/// Analyzer for closed-vocabulary and name values: the whole value is one token, case and
/// accents folded, so `country:mali` and `country:"Burkina Faso"` both match exactly.
pub const KEYWORD: &str = "eventsift_keyword";

/// `kind` values.
pub const ARTICLE: &str = "article";
pub const INCIDENT: &str = "incident";

/// Every field, resolved once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    // Both kinds.
    pub kind: Field,
    pub id: Field,
    /// An article's own id, or the article an incident was drawn from: the replacement key.
    pub article_id: Field,
    pub title: Field,
    /// An article's body; an incident's evidence sentences.
    pub text: Field,
    pub published: Field,
    /// An incident's start date (its article's publication date when undated); an article's
    /// publication date. One field, so one date filter serves both kinds.
    pub date: Field,
    pub source: Field,
    pub url: Field,
    pub language: Field,
    /// The incident record, or the article's metadata and extra fields, as JSON.
    pub record: Field,
    /// Articles: a hash of the article and of the extractor that read it, so that a rerun can
    /// pass over what it would only rewrite.
    pub content_hash: Field,
    // Categorical values (keyword analyzer). Article documents carry the union of their
    // incidents' values so the same filters find articles.
    pub event_type: Field,
    pub acled: Field,
    pub acled_sub: Field,
    pub gtd: Field,
    pub country: Field,
    pub country_code: Field,
    pub admin1: Field,
    pub location: Field,
    pub tactic: Field,
    pub victim_kind: Field,
    // Names as running text.
    pub perpetrator: Field,
    pub target: Field,
    pub place: Field,
    // Incident numbers, fast for ranges and aggregation.
    pub killed: Field,
    pub wounded: Field,
    pub hostages: Field,
    pub lat: Field,
    pub lon: Field,
    pub confidence: Field,
    pub historical: Field,
    pub aggregate: Field,
    /// Whether the text reports a claim of responsibility for the incident.
    pub claimed: Field,
    pub geonames_id: Field,
    /// One facet field per dimension of [`FACETS`], in that order: `facet_country` holds
    /// `/Mali/Tombouctou`, `facet_tactic` `/svbied`, `facet_acled` `/Battles/Armed clash`. Apart,
    /// counting one dimension reads only its own column, not every facet of every hit.
    pub facets: [Field; FACETS.len()],
}

/// The facet dimensions `--facets` accepts.
pub const FACETS: [&str; 7] = ["country", "event_type", "acled", "tactic", "perpetrator", "target", "victim_kind"];

/// Dimensions with exactly one value per incident. Articles hold the root facet in these,
/// which no count includes (counts are of incidents), so that every document has exactly one
/// value: tantivy then stores the column densely and reads a document's value directly, where a
/// column some documents lack is read through an index of those that have one, which made up
/// most of the cost of counting facets over a million incidents.
pub const SINGLE_VALUED: [&str; 3] = ["country", "event_type", "acled"];

/// The field of a facet dimension.
pub fn facet_field_name(dimension: &str) -> String {
    format!("facet_{dimension}")
}

/// Fields a bare query word searches.
pub fn default_fields(f: &Fields) -> Vec<Field> {
    vec![f.title, f.text, f.place, f.perpetrator, f.target, f.tactic, f.event_type]
}

pub fn build() -> Schema {
    let mut b = Schema::builder();
    let raw_stored = STRING | STORED;
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYWORD)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let prose_indexing =
        TextFieldIndexing::default().set_tokenizer(PROSE).set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let prose = TextOptions::default().set_indexing_options(prose_indexing.clone());
    let prose_stored = prose.clone().set_stored();
    let date = DateOptions::default().set_indexed().set_fast().set_precision(DateTimePrecision::Seconds);
    let number = NumericOptions::default().set_indexed().set_fast();

    b.add_text_field("kind", STRING | STORED);
    b.add_text_field("id", raw_stored.clone());
    b.add_text_field("article_id", raw_stored);
    b.add_text_field("title", prose_stored.clone());
    b.add_text_field("text", prose_stored);
    b.add_date_field("published", date.clone().set_stored());
    b.add_date_field("date", date);
    b.add_text_field("source", keyword.clone().set_stored());
    b.add_text_field("url", keyword.clone().set_stored());
    b.add_text_field("language", keyword.clone());
    b.add_text_field("record", STORED);
    b.add_u64_field("content_hash", NumericOptions::default().set_fast());
    for name in [
        "event_type",
        "acled",
        "acled_sub",
        "gtd",
        "country",
        "country_code",
        "admin1",
        "location",
        "tactic",
        "victim_kind",
    ] {
        b.add_text_field(name, keyword.clone());
    }
    for name in ["perpetrator", "target", "place"] {
        b.add_text_field(name, prose.clone());
    }
    for name in ["killed", "wounded", "hostages", "geonames_id"] {
        b.add_u64_field(name, number.clone());
    }
    for name in ["lat", "lon", "confidence"] {
        b.add_f64_field(name, number.clone());
    }
    for name in ["historical", "aggregate", "claimed"] {
        b.add_bool_field(name, number.clone());
    }
    for dimension in FACETS {
        b.add_facet_field(&facet_field_name(dimension), FacetOptions::default());
    }
    b.build()
}

impl Fields {
    /// Resolves the fields of an index's schema; fails on an index built with another layout.
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            kind: f("kind")?,
            id: f("id")?,
            article_id: f("article_id")?,
            title: f("title")?,
            text: f("text")?,
            published: f("published")?,
            date: f("date")?,
            source: f("source")?,
            url: f("url")?,
            language: f("language")?,
            record: f("record")?,
            content_hash: f("content_hash")?,
            event_type: f("event_type")?,
            acled: f("acled")?,
            acled_sub: f("acled_sub")?,
            gtd: f("gtd")?,
            country: f("country")?,
            country_code: f("country_code")?,
            admin1: f("admin1")?,
            location: f("location")?,
            tactic: f("tactic")?,
            victim_kind: f("victim_kind")?,
            perpetrator: f("perpetrator")?,
            target: f("target")?,
            place: f("place")?,
            killed: f("killed")?,
            wounded: f("wounded")?,
            hostages: f("hostages")?,
            lat: f("lat")?,
            lon: f("lon")?,
            confidence: f("confidence")?,
            historical: f("historical")?,
            aggregate: f("aggregate")?,
            claimed: f("claimed")?,
            geonames_id: f("geonames_id")?,
            facets: {
                let mut out = [f("kind")?; FACETS.len()]; // every slot is overwritten below
                for (slot, dimension) in out.iter_mut().zip(FACETS) {
                    *slot = f(&facet_field_name(dimension))?;
                }
                out
            },
        })
    }
}

pub fn prose_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build()
}

/// Analyzers are not persisted with an index, so every open registers them again.
pub fn register_analyzers(tokenizers: &TokenizerManager) {
    tokenizers.register(PROSE, prose_analyzer());
    tokenizers.register(KEYWORD, keyword_analyzer());
}

/// The single token the keyword analyzer makes of `value`: how a filter value becomes a term.
pub fn keyword_token(value: &str) -> String {
    let mut analyzer = keyword_analyzer();
    let mut stream = analyzer.token_stream(value.trim());
    let mut out = String::new();
    while let Some(token) = stream.next() {
        out.push_str(&token.text);
    }
    out
}

//! The search index over the sample corpus plus one report of a Timbuktu attack written for
//! these tests: the real pipeline extracts the incidents, the real writer indexes them, and the
//! analyst's queries must find the Timbuktu incident; re-indexing and interrupted runs must
//! leave a complete index with no duplicates.

use eventsift::incidents::Incident;
use eventsift::models::Models;
use eventsift::read::{Article, ReadItem, Reader};
use eventsift::search::{ActorAliases, Interval, Kind, SearchIndex, SearchRequest, SearchResults, WriterOptions};
use eventsift::Pipeline;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

const TIMBUKTU_ID: &str = "test-timbuktu-camp";

/// A wire report of a complex attack: suicide car bombs, fighters in army uniforms, at least 62
/// soldiers killed.
const TIMBUKTU: &str = "TIMBUKTU, Mali, July 8 (Sahel Wire) - At least 62 Malian soldiers were killed on Sunday \
when jihadist fighters stormed the main army camp in Timbuktu with suicide car bombs and mortar fire, security \
sources said.\n\nTwo explosives-laden vehicles driven by suicide bombers blew open the gate of the camp before dawn, \
and dozens of gunmen wearing FAMa uniforms then poured into the base, a local official said. Mortar rounds also hit \
the airport during the assault.\n\nThe al Qaeda-linked Group for the Support of Islam and Muslims (JNIM) claimed the \
attack on Monday.\n\nThe army said in a statement that the situation was under control and that several assailants \
had been neutralised. It did not give its own losses.";

fn timbuktu() -> Article {
    Article {
        id: TIMBUKTU_ID.into(),
        title: Some("Dozens of Malian soldiers killed as jihadists storm Timbuktu army camp".into()),
        published: Some("2025-07-08".into()),
        source: Some("Sahel Wire".into()),
        url: Some("https://example.org/sahel-wire/timbuktu-camp".into()),
        text: TIMBUKTU.into(),
        ..Default::default()
    }
}

/// Every article with its extracted incidents, computed once for all tests.
fn extracted() -> &'static [(Article, Vec<Incident>)] {
    static DATA: OnceLock<Vec<(Article, Vec<Incident>)>> = OnceLock::new();
    DATA.get_or_init(|| {
        let pipeline = Pipeline::builder().build().expect("models load");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles.jsonl");
        let mut articles: Vec<Article> = Reader::new(&[corpus])
            .map(|item| match item {
                ReadItem::Article(a) => a,
                ReadItem::Reject(r) => panic!("the sample corpus has a bad line: {r}"),
            })
            .collect();
        articles.push(timbuktu());
        articles
            .into_iter()
            .map(|a| {
                let incidents = pipeline.process(&a);
                (a, incidents)
            })
            .collect()
    })
}

fn aliases() -> ActorAliases {
    ActorAliases::from_models(&Models::locate()).unwrap()
}

fn index_all(index: &SearchIndex, options: &WriterOptions) {
    let mut writer = index.writer_with(options).unwrap().with_aliases(aliases());
    for (article, incidents) in extracted() {
        writer.add(article, incidents).unwrap();
    }
    writer.finish().unwrap();
    index.reload().unwrap();
}

fn small_batches() -> WriterOptions {
    WriterOptions { commit_every: 5, memory_bytes: 15 << 20, threads: 1, ..Default::default() }
}

fn built() -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    index_all(&index, &small_batches());
    (dir, index)
}

fn expected_counts() -> (u64, u64) {
    let data = extracted();
    (data.len() as u64, data.iter().map(|(_, i)| i.len() as u64).sum())
}

fn search(index: &SearchIndex, request: &SearchRequest) -> SearchResults {
    index.search(request).unwrap_or_else(|e| panic!("{request:?}: {e:#}"))
}

fn incident_ids(results: &SearchResults) -> Vec<String> {
    results.hits.iter().filter(|h| h.kind == Kind::Incident).map(|h| h.id.clone()).collect()
}

fn timbuktu_incident() -> String {
    let (_, incidents) = extracted().iter().find(|(a, _)| a.id == TIMBUKTU_ID).unwrap();
    let found: Vec<&Incident> =
        incidents.iter().filter(|i| i.location.as_ref().is_some_and(|l| l.name == "Timbuktu")).collect();
    assert_eq!(found.len(), 1, "the pipeline should make one Timbuktu incident of the test report: {incidents:#?}");
    found[0].id.clone()
}

#[test]
fn the_pipeline_reads_the_test_report_as_the_searches_need() {
    let id = timbuktu_incident();
    let (_, incidents) = extracted().iter().find(|(a, _)| a.id == TIMBUKTU_ID).unwrap();
    let i = incidents.iter().find(|i| i.id == id).unwrap();
    assert_eq!(i.location.as_ref().unwrap().country.as_deref(), Some("Mali"));
    assert!(i.casualties.killed.as_ref().and_then(|k| k.low).unwrap() >= 60);
    let tactics: Vec<&str> = i.tactics.iter().map(|t| t.as_str()).collect();
    assert!(tactics.contains(&"svbied") && tactics.contains(&"disguise"), "{tactics:?}");
}

#[test]
fn svbied_finds_the_timbuktu_incident() {
    let (_dir, index) = built();
    let results = search(&index, &SearchRequest::new("svbied"));
    assert!(incident_ids(&results).contains(&timbuktu_incident()), "{results:#?}");
    let hit = results.hits.iter().find(|h| h.id == timbuktu_incident()).unwrap();
    let summary = hit.summary.as_deref().unwrap();
    assert!(summary.contains("Timbuktu") && summary.contains("Mali") && summary.contains("≥62"), "{summary}");
    assert_eq!(hit.record["id"], timbuktu_incident().as_str(), "the whole record is stored");
    // The tactic filter and the query language's field syntax agree with the bare word.
    let mut by_flag = SearchRequest::new("");
    by_flag.tactics = vec!["svbied".into()];
    by_flag.kind = Some(Kind::Incident);
    assert!(incident_ids(&search(&index, &by_flag)).contains(&timbuktu_incident()));
    let by_field = search(&index, &SearchRequest::new("tactic:svbied AND country:mali"));
    assert!(incident_ids(&by_field).contains(&timbuktu_incident()));
}

#[test]
fn claimed_incidents_are_found_by_their_flag() {
    let (_dir, index) = built();
    let claimed: BTreeSet<String> =
        extracted().iter().flat_map(|(_, i)| i).filter(|i| i.claim.is_some()).map(|i| i.id.clone()).collect();
    assert!(claimed.contains(&timbuktu_incident()), "JNIM claimed the Timbuktu attack");
    let mut request = SearchRequest::new("claimed:true");
    request.limit = 1000;
    let found: BTreeSet<String> = incident_ids(&search(&index, &request)).into_iter().collect();
    assert_eq!(found, claimed);
    let unclaimed = search(&index, &SearchRequest::new("claimed:false AND tactic:svbied"));
    assert!(!incident_ids(&unclaimed).contains(&timbuktu_incident()));
}

#[test]
fn mali_with_at_least_fifty_killed_finds_the_timbuktu_incident() {
    let (_dir, index) = built();
    let mut request = SearchRequest::new("");
    request.countries = vec!["Mali".into()];
    request.min_killed = Some(50);
    let results = search(&index, &request);
    assert!(incident_ids(&results).contains(&timbuktu_incident()), "{results:#?}");
    for hit in &results.hits {
        assert_eq!(hit.kind, Kind::Incident, "articles carry no killed figure: {}", hit.id);
        assert!(hit.record["casualties"]["killed"]["low"].as_u64().unwrap() >= 50);
        assert_eq!(hit.record["location"]["country"], "Mali");
    }
    // The same by country code, within dates and a box around northern Mali.
    request.countries = vec!["ml".into()];
    request.from = Some("2025-07-01".parse().unwrap());
    request.to = Some("2025-07-31".parse().unwrap());
    request.bbox = Some("-6,14,0,19".parse().unwrap());
    assert_eq!(incident_ids(&search(&index, &request)), vec![timbuktu_incident()]);
    request.to = Some("2025-07-05".parse().unwrap());
    assert!(search(&index, &request).hits.is_empty(), "the attack was on July 6");
    request.to = None;
    request.bbox = Some("10,0,20,10".parse().unwrap());
    assert!(search(&index, &request).hits.is_empty(), "Timbuktu is not in that box");
}

#[test]
fn the_phrase_fama_uniforms_finds_the_incident_and_its_article() {
    let (_dir, index) = built();
    let results = search(&index, &SearchRequest::new("\"FAMa uniforms\""));
    assert!(incident_ids(&results).contains(&timbuktu_incident()), "{results:#?}");
    let article = results.hits.iter().find(|h| h.kind == Kind::Article && h.id == TIMBUKTU_ID).expect("the article");
    let snippet = article.snippet.as_ref().unwrap();
    let marked: Vec<&str> = snippet.highlights.iter().map(|&(s, e)| &snippet.text[s..e]).collect();
    assert_eq!(marked, ["FAMa", "uniforms"]);
    // A phrase is not a bag of words: the words in another order match nothing.
    assert_eq!(search(&index, &SearchRequest::new("\"uniforms FAMa\"")).total, 0);
}

#[test]
fn a_lone_phrase_or_word_ranks_its_top_hits_as_the_full_query_does() {
    let (_dir, index) = built();
    // A lone quoted phrase or word takes the pruned path; the same in brackets is the plain
    // query, which scores every hit. Both must give the same hits with the same scores.
    let queries = [
        "\"FAMa uniforms\"",
        "\"security sources said\"",
        "\"suicide car bomb\"",
        "\"the army\"",
        "\"of the\"",
        "killed",
        "svbied",
        "al-shabaab",
        "boko-haram-fighters",
    ];
    for phrase in queries {
        let plain = format!("({phrase})");
        for limit in [1, 3, 10, 1000] {
            let ranked = |q: &str| {
                let mut r = SearchRequest::new(q);
                r.limit = limit;
                r.count_up_to = None;
                let results = search(&index, &r);
                let hits: Vec<(String, f32)> = results.hits.iter().map(|h| (h.id.clone(), h.score.unwrap())).collect();
                (results.total, hits)
            };
            let (pruned, full) = (ranked(phrase), ranked(&plain));
            assert_eq!(pruned.0, full.0, "{phrase}: totals");
            let scores = |h: &[(String, f32)]| h.iter().map(|x| x.1).collect::<Vec<_>>();
            assert_eq!(scores(&pruned.1), scores(&full.1), "{phrase} limit {limit}");
            // Ties may come in another order, but no hit outranks one it scored below.
            if limit == 1000 {
                assert_eq!(
                    pruned.1.iter().map(|x| &x.0).collect::<BTreeSet<_>>(),
                    full.1.iter().map(|x| &x.0).collect::<BTreeSet<_>>(),
                    "{phrase}"
                );
            }
        }
        // With filters too.
        for kind in [Kind::Article, Kind::Incident] {
            let ranked = |q: &str| {
                let mut r = SearchRequest::new(q);
                r.kind = Some(kind);
                r.from = Some("2000-01-01".parse().unwrap());
                r.limit = 3;
                search(&index, &r).hits.iter().map(|h| (h.kind, h.score.unwrap())).collect::<Vec<_>>()
            };
            let pruned = ranked(phrase);
            assert!(pruned.iter().all(|h| h.0 == kind), "{phrase}");
            assert_eq!(pruned, ranked(&plain), "{phrase} {kind:?}");
        }
    }
}

#[test]
fn hits_are_counted_up_to_the_cap_and_the_total_says_so() {
    let (_dir, index) = built();
    let mut request = SearchRequest::new("");
    request.count_up_to = None;
    let all = search(&index, &request);
    assert!(!all.total_is_lower_bound);
    assert!(all.total > 30, "{}", all.total);
    request.count_up_to = Some(7);
    request.limit = 3;
    let capped = search(&index, &request);
    assert_eq!((capped.total, capped.total_is_lower_bound), (7, true));
    assert_eq!(capped.hits.len(), 3);
    // Never fewer than the hits asked for.
    request.limit = 20;
    let capped = search(&index, &request);
    assert_eq!((capped.total, capped.total_is_lower_bound), (20, true));
    // A cap the hits do not reach leaves the total exact.
    request.count_up_to = Some(all.total);
    assert!(!search(&index, &request).total_is_lower_bound);
    let json = serde_json::to_value(&capped).unwrap();
    assert_eq!(json["total_is_lower_bound"], true);
    // The terminal output marks a lower bound.
    let mut out = Vec::new();
    eventsift::search::cli::render(&capped, &request, false, &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().starts_with("20+ hits"));
    // Counting facets sees every incident, so the incidents' total is exact.
    let mut request = SearchRequest::new("");
    request.kind = Some(Kind::Incident);
    request.facets = vec!["country".into()];
    request.count_up_to = Some(2);
    request.limit = 0;
    let results = search(&index, &request);
    assert!(!results.total_is_lower_bound && results.total > 2);
    assert_eq!(results.counted_incidents, Some(results.total));
}

#[test]
fn the_actor_filter_matches_any_name_of_the_group() {
    let (_dir, index) = built();
    for actor in ["JNIM", "Group for the Support of Islam and Muslims", "Jama'a Nusrat ul-Islam wa al-Muslimin"] {
        let mut request = SearchRequest::new("svbied");
        request.actors = vec![actor.into()];
        request.kind = Some(Kind::Incident);
        let ids = incident_ids(&search(&index, &request));
        // The report names the group in full and the acronym only in brackets: the lexicon's
        // aliases make every name find it.
        assert!(ids.contains(&timbuktu_incident()), "{actor}: {ids:?}");
    }
    let mut request = SearchRequest::new("");
    request.actors = vec!["Islamic State West Africa Province".into()];
    assert!(!incident_ids(&search(&index, &request)).contains(&timbuktu_incident()));
}

#[test]
fn facet_counts_add_up_to_the_hit_count() {
    let (_dir, index) = built();
    let requests =
        [("", None), ("killed", Some(Kind::Incident)), ("attack", None), ("svbied OR ambush OR kidnapping", None)];
    for (query, kind) in requests {
        let mut request = SearchRequest::new(query);
        request.kind = kind;
        request.facets = vec!["country".into(), "event_type".into(), "tactic".into()];
        request.histogram = Some(Interval::Month);
        let results = search(&index, &request);
        let counted = results.counted_incidents.unwrap();
        if kind == Some(Kind::Incident) {
            assert_eq!(counted, results.total, "{query}");
        }
        assert!(counted > 0, "{query}");
        for facet in ["country", "event_type"] {
            let f = results.facets.iter().find(|f| f.facet == facet).unwrap();
            let sum: u64 = f.counts.iter().map(|v| v.count).sum();
            assert_eq!(sum, counted, "{query}: {facet} counts {:?}", f.counts);
        }
        let months: u64 = results.histogram.iter().map(|b| b.incidents).sum();
        assert_eq!(months, counted, "{query}: histogram {:?}", results.histogram);
    }
    // Drill-down: Mali's regions add up to Mali's count.
    let mut request = SearchRequest::new("");
    request.facets = vec!["country/Mali".into()];
    request.countries = vec!["Mali".into()];
    request.kind = Some(Kind::Incident);
    let results = search(&index, &request);
    let sum: u64 = results.facets[0].counts.iter().map(|v| v.count).sum();
    assert_eq!(sum, results.total);
    assert!(results.facets[0].counts.iter().any(|v| v.value == "Tombouctou"));
    // Overlapping and unknown facets are errors, not panics.
    request.facets = vec!["country".into(), "country/Mali".into()];
    assert!(index.search(&request).is_err());
    request.facets = vec!["colour".into()];
    assert!(index.search(&request).is_err());
}

#[test]
fn the_histogram_sums_killed_per_month() {
    let (_dir, index) = built();
    let mut request = SearchRequest::new("");
    request.kind = Some(Kind::Incident);
    request.countries = vec!["Mali".into()];
    request.histogram = Some(Interval::Month);
    let results = search(&index, &request);
    let july = results.histogram.iter().find(|b| b.period == "2025-07").expect("July 2025");
    assert!(july.killed >= 62 && july.incidents >= 1, "{july:?}");
    let killed: u64 = extracted()
        .iter()
        .flat_map(|(_, i)| i)
        .filter(|i| i.location.as_ref().and_then(|l| l.country.as_deref()) == Some("Mali"))
        .filter_map(|i| i.casualties.killed.as_ref().and_then(|k| k.low))
        .sum();
    assert_eq!(results.histogram.iter().map(|b| b.killed).sum::<u64>(), killed);
}

#[test]
fn reindexing_twice_leaves_no_duplicates() {
    let (_dir, index) = built();
    let expected = expected_counts();
    assert_eq!(index.counts().unwrap(), expected);
    index_all(&index, &small_batches());
    index_all(&index, &WriterOptions::default());
    assert_eq!(index.counts().unwrap(), expected);
    let mut all = SearchRequest::new("");
    all.limit = 10_000;
    let results = search(&index, &all);
    let ids: BTreeSet<(String, String)> =
        results.hits.iter().map(|h| (format!("{:?}", h.kind), h.id.clone())).collect();
    assert_eq!(ids.len(), results.hits.len(), "duplicate ids");
    assert_eq!(results.total, expected.0 + expected.1);
    // An article whose extraction changed replaces all its old incidents.
    let (article, incidents) = extracted().iter().find(|(a, _)| a.id == TIMBUKTU_ID).unwrap();
    let mut writer = index.writer().unwrap();
    writer.add(article, &incidents[..0]).unwrap();
    writer.finish().unwrap();
    index.reload().unwrap();
    assert_eq!(index.counts().unwrap(), (expected.0, expected.1 - incidents.len() as u64));
    assert!(search(&index, &SearchRequest::new("svbied"))
        .hits
        .iter()
        .all(|h| h.article_id != TIMBUKTU_ID || h.kind == Kind::Article));
}

#[test]
fn a_bulk_load_ends_in_balanced_segments_with_nothing_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    let options = WriterOptions { merge_while_writing: false, ..small_batches() };
    let mut writer = index.writer_with(&options).unwrap().with_aliases(aliases());
    for (article, incidents) in extracted() {
        writer.add(article, incidents).unwrap();
    }
    writer.finish_merged(2).unwrap();
    index.reload().unwrap();
    assert_eq!(index.counts().unwrap(), expected_counts());
    let metas = index.tantivy().searchable_segment_metas().unwrap();
    assert_eq!(metas.len(), 2);
    let (a, b) = (metas[0].num_docs() as f64, metas[1].num_docs() as f64);
    assert!(a.min(b) / a.max(b) > 0.5, "{a} and {b} documents");
    // The merged-away segments' files are gone.
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|name| name.split_once('.').map(|(stem, _)| stem.to_string()))
        .filter(|stem| stem.len() == 32)
        .collect();
    assert_eq!(on_disk.len(), 2, "{on_disk:?}");
    assert!(incident_ids(&search(&index, &SearchRequest::new("\"FAMa uniforms\""))).contains(&timbuktu_incident()));
}

#[test]
fn an_unchanged_article_is_recognised_and_a_changed_one_is_not() {
    let (_dir, index) = built();
    let writer = index.writer().unwrap();
    let (article, _) = extracted().iter().find(|(a, _)| a.id == TIMBUKTU_ID).unwrap();
    assert!(writer.unchanged(article).unwrap());
    let mut edited = article.clone();
    edited.text.push_str(" The army gave no figures.");
    assert!(!writer.unchanged(&edited).unwrap());
    let mut retitled = article.clone();
    retitled.title = Some("Another title".into());
    assert!(!writer.unchanged(&retitled).unwrap());
    // The same article read by another extractor is not the same entry.
    let writer = writer.with_fingerprint("other models");
    assert!(!writer.unchanged(article).unwrap());
}

#[test]
fn an_interrupted_run_keeps_its_committed_batches_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let data = extracted();
    let options = small_batches();
    let committed: &[(Article, Vec<Incident>)] = &data[..options.commit_every];
    {
        let index = SearchIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer_with(&options).unwrap();
        // One full batch (committed by the writer itself), then part of the next.
        for (article, incidents) in &data[..options.commit_every + 3] {
            writer.add(article, incidents).unwrap();
        }
        assert_eq!(writer.stats().commits, 1);
        assert_eq!(writer.pending(), 3);
        // While it runs, no second writer may open the index.
        let err = index.writer().err().expect("the lock is held");
        assert!(format!("{err:#}").contains("another process is writing"), "{err:#}");
        drop(writer); // the run dies here, without its final commit
    }
    let index = SearchIndex::open(dir.path()).unwrap();
    let batch_incidents: u64 = committed.iter().map(|(_, i)| i.len() as u64).sum();
    assert_eq!(
        index.counts().unwrap(),
        (committed.len() as u64, batch_incidents),
        "exactly the committed batch survives"
    );
    // The rerun takes the lock the dead run left and converges to the full index.
    index_all(&index, &options);
    assert_eq!(index.counts().unwrap(), expected_counts());
    assert!(incident_ids(&search(&index, &SearchRequest::new("\"FAMa uniforms\""))).contains(&timbuktu_incident()));
}

#[test]
fn extra_article_fields_are_kept_as_stored_json() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    let mut article = Article::from_json_line(
        r#"{"id": "x1", "text": "Nothing happened in Boulkessi today.", "desk": "Sahel", "tags": ["a", "b"]}"#,
    )
    .unwrap();
    article.published = Some("2025-01-02".into());
    let mut writer = index.writer().unwrap();
    writer.add(&article, &[]).unwrap();
    writer.finish().unwrap();
    index.reload().unwrap();
    let results = search(&index, &SearchRequest::new("boulkessi"));
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert_eq!(hit.record["extra"]["desk"], "Sahel");
    assert_eq!(hit.record["extra"]["tags"][1], "b");
    assert_eq!(hit.record["published"], "2025-01-02");
    assert!(hit.record.get("text").is_none());
}

#[test]
fn a_malformed_query_is_an_error() {
    let (_dir, index) = built();
    assert!(index.search(&SearchRequest::new("killed:[50 TO")).is_err());
    assert!(index.search(&SearchRequest::new("nosuchfield:x")).is_err());
    assert!(index.search(&SearchRequest::new("killed:[50 TO *]")).unwrap().total > 0);
}

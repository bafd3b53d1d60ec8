//! The sample corpus, field by field: every article of `corpus/articles.jsonl` against its gold
//! file in `corpus/gold/`. Runs with the shipped models only (no `../shared`).

use eventsift::read::{ReadItem, Reader};
use eventsift::Pipeline;
use std::path::Path;

#[test]
fn sample_corpus_matches_its_gold_field_by_field() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let pipeline = Pipeline::builder().build().expect("models load");
    let mut failures = Vec::new();
    let mut articles = 0;
    let mut checks = 0;
    for item in Reader::new(&[root.join("articles.jsonl")]) {
        let ReadItem::Article(article) = item else { panic!("the sample corpus has a bad line") };
        articles += 1;
        let gold = eventsift::eval::GoldFile::load(&root.join("gold").join(format!("{}.json", article.id))).unwrap();
        let predicted = pipeline.process(&article);
        let report = eventsift::eval::check(&gold, &article, &predicted);
        checks += report.checks.len();
        for c in report.failures() {
            failures.push(format!("{} / {} / {}: expected {}, got {}", article.id, c.key, c.field, c.expected, c.got));
        }
    }
    assert!(articles >= 12, "the corpus holds {articles} articles");
    assert!(checks > 100, "only {checks} checks ran");
    assert!(failures.is_empty(), "{} of {checks} checks failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_report_without_incidents_yields_none() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let pipeline = Pipeline::builder().build().unwrap();
    for item in Reader::new(&[root.join("articles.jsonl")]) {
        let ReadItem::Article(article) = item else { continue };
        let gold = eventsift::eval::GoldFile::load(&root.join("gold").join(format!("{}.json", article.id))).unwrap();
        if gold.expected.is_empty() {
            let predicted = pipeline.process(&article);
            let real: Vec<_> = predicted.iter().filter(|i| !i.aggregate && !i.historical).map(|i| &i.id).collect();
            assert!(real.is_empty(), "{}: {:?}", article.id, real);
        }
    }
}

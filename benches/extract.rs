//! Extraction throughput on one core: bytes of article text per second through every stage
//! (`Pipeline::process`: tokens, sentences, mentions, the entity tagger, incidents), with the
//! shipped models and no GeoNames dump.
//!
//!     cargo bench --bench extract
//!
//! The articles are the bundled sample corpus (`corpus/articles.jsonl`); the pipeline is built once,
//! outside the timing, as `eventsift extract` builds it once per run.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventsift::pipeline::Pipeline;
use eventsift::read::Article;
use std::hint::black_box;
use std::path::PathBuf;

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pipeline = Pipeline::builder().models(root.join("models")).build().expect("the pipeline builds");
    let corpus = std::fs::read_to_string(root.join("corpus/articles.jsonl")).expect("the sample corpus reads");
    let articles: Vec<Article> = corpus
        .lines()
        .enumerate()
        .map(|(n, line)| Article::from_json_line(line).unwrap_or_else(|e| panic!("corpus line {}: {e}", n + 1)))
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function(format!("{} sample articles, {bytes} bytes of text", articles.len()), |b| {
        b.iter(|| articles.iter().map(|a| pipeline.process(black_box(a)).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Entity tagging throughput on one core: tokens per second of `EntityTagger::tag` (sentence by
//! sentence) and `EntityTagger::tag_document` (whole documents) with the shipped model, feature
//! extraction and Viterbi included.
//!
//!     cargo bench --bench tagger
//!
//! The sentences are generated from templates written for this benchmark (wire-style conflict
//! reports), with a fixed-seed generator, so every run tags the same 2,000 sentences. Set
//! `EVENTSIFT_TAGGER_MODEL` to measure another model file.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventsift::rng::SplitMix64;
use eventsift::tagger::{EntityTagger, PerceptronTagger};
use std::hint::black_box;
use std::path::PathBuf;

const GROUPS: &[&str] = &[
    "the Allied Democratic Forces",
    "Boko Haram",
    "al-Shabaab",
    "the Islamic State in the Greater Sahara",
    "JNIM",
    "the M23 rebels",
    "the Malian army",
    "the United Nations mission",
    "Ansar Dine",
    "the Rapid Support Forces",
];
const PLACES: &[&str] =
    &["Beni", "Mopti", "Maiduguri", "Mogadishu", "Goma", "Gao", "Timbuktu", "Kidal", "El Fasher", "Ouagadougou"];
const PEOPLE: &[&str] = &[
    "Mohamed Ali",
    "Amadou Traore",
    "Fatima Bello",
    "Jean-Pierre Mbeki",
    "Colonel Souleymane Diallo",
    "Aisha Yusuf",
    "Governor Babagana Zulum",
    "spokesman Olivier Hamuli",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const NUMBERS: &[&str] = &["two", "five", "12", "at least 20", "dozens of", "about 40", "three"];
const VICTIMS: &[&str] = &["civilians", "soldiers", "villagers", "farmers", "peacekeepers", "worshippers"];
const TEMPLATES: &[&str] = &[
    "Fighters of {G} attacked {P} on {D} , killing {N} {V} , said {H} .",
    "{N} {V} were killed when gunmen stormed a market near {P} , according to {H} .",
    "{H} told reporters in {P} that {G} had withdrawn from the area after clashes on {D} .",
    "A car bomb exploded outside a military base in {P} on {D} , wounding {N} {V} .",
    "{G} claimed responsibility for the ambush , which killed {N} {V} near {P} .",
    "Residents of {P} said {G} burned houses and abducted {N} {V} before dawn .",
    "The attack in {P} was the deadliest since {G} seized the town last year , {H} said .",
    "Troops of {G} recaptured {P} on {D} after a week of fighting , the army said in a statement .",
];

fn sentences(count: usize) -> Vec<Vec<String>> {
    let mut rng = SplitMix64::new(7);
    (0..count)
        .map(|_| {
            let template = *rng.pick(TEMPLATES);
            let mut words = Vec::new();
            for slot in template.split(' ') {
                let filler = match slot {
                    "{G}" => *rng.pick(GROUPS),
                    "{P}" => *rng.pick(PLACES),
                    "{H}" => *rng.pick(PEOPLE),
                    "{D}" => *rng.pick(DAYS),
                    "{N}" => *rng.pick(NUMBERS),
                    "{V}" => *rng.pick(VICTIMS),
                    word => word,
                };
                words.extend(filler.split(' ').map(str::to_string));
            }
            words
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let path = std::env::var_os("EVENTSIFT_TAGGER_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/tagger.bin"));
    let started = std::time::Instant::now();
    let tagger = PerceptronTagger::load(&path).expect("the tagger model loads");
    eprintln!("model {} loaded in {:.3} s", path.display(), started.elapsed().as_secs_f64());
    let corpus = sentences(2_000);
    let corpus: Vec<Vec<&str>> = corpus.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let tokens: usize = corpus.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(20);
    group.bench_function(format!("tag {} sentences, {tokens} tokens", corpus.len()), |b| {
        b.iter(|| {
            let mut entities = 0usize;
            for words in &corpus {
                entities += tagger.tag(black_box(words)).len();
            }
            black_box(entities)
        })
    });
    // Whole documents: the document context and the prediction history come on top.
    let documents: Vec<Vec<Vec<&str>>> = corpus.chunks(20).map(<[Vec<&str>]>::to_vec).collect();
    group.bench_function(format!("tag {} documents of 20 sentences, {tokens} tokens", documents.len()), |b| {
        b.iter(|| {
            let mut entities = 0usize;
            for doc in &documents {
                entities += tagger.tag_document(black_box(doc)).len();
            }
            black_box(entities)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

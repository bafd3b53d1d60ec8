use super::conll::{Evaluation, Sentence};
use super::features::{LexiconKind, Lexicons};
use super::perceptron::{self, viterbi, Scheme, TrainOptions};
use super::*;
use std::sync::LazyLock;

fn tags(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn score(gold: &str, guess: &str) -> Evaluation {
    let mut e = Evaluation::default();
    for (g, p) in gold.split('|').zip(guess.split('|')) {
        e.add_sentence(&tags(g), &tags(p));
    }
    e
}

fn counts(e: &Evaluation) -> (usize, usize, usize) {
    let o = e.overall();
    (o.correct, o.found, o.gold)
}

#[test]
fn conlleval_counts_whole_entities_only() {
    // Perfect.
    assert_eq!(counts(&score("B-PER I-PER O B-LOC", "B-PER I-PER O B-LOC")), (2, 2, 2));
    // A guess one token short is found but not correct.
    assert_eq!(counts(&score("B-PER I-PER O B-LOC", "B-PER O O B-LOC")), (1, 2, 2));
    // One token too long.
    assert_eq!(counts(&score("B-ORG O", "B-ORG I-ORG")), (0, 1, 1));
    // Right span, wrong type.
    assert_eq!(counts(&score("B-ORG I-ORG", "B-LOC I-LOC")), (0, 1, 1));
    let e = score("B-ORG I-ORG", "B-LOC I-LOC");
    let by: Vec<(String, usize, usize, usize)> =
        e.by_type().into_iter().map(|(t, p)| (t, p.correct, p.found, p.gold)).collect();
    assert_eq!(by, [("LOC".to_string(), 0, 1, 0), ("ORG".to_string(), 0, 0, 1)]);
    assert_eq!(e.accuracy(), 0.0);
}

#[test]
fn conlleval_reads_bio_edge_cases_as_the_script_does() {
    // An I- after O opens an entity (IOB1 style), for gold and guess alike.
    assert_eq!(counts(&score("B-PER I-PER", "I-PER I-PER")), (1, 1, 1));
    assert_eq!(counts(&score("O I-LOC O", "O B-LOC O")), (1, 1, 1));
    // A type change inside a run starts a new entity: I-PER I-ORG is two entities.
    assert_eq!(counts(&score("B-PER B-ORG", "I-PER I-ORG")), (2, 2, 2));
    // B- after B- of the same type: two entities.
    assert_eq!(counts(&score("B-LOC B-LOC", "B-LOC I-LOC")), (0, 1, 2));
    // A sentence boundary closes an entity: the same tags split over two sentences are two
    // entities, and an entity ending a sentence is still counted.
    assert_eq!(counts(&score("B-PER|I-PER", "B-PER|I-PER")), (2, 2, 2));
    assert_eq!(counts(&score("O B-MISC", "O B-MISC")), (1, 1, 1));
    // An entity that matches up to the guess running on is not correct.
    assert_eq!(counts(&score("B-ORG I-ORG O", "B-ORG I-ORG I-ORG")), (0, 1, 1));
    // P/R/F1 are percentages.
    let e = score("B-PER I-PER O B-LOC O B-ORG", "B-PER I-PER O B-LOC O O");
    let o = e.overall();
    assert_eq!((o.precision, o.recall), (100.0, 200.0 / 3.0));
    assert!((o.f1 - 80.0).abs() < 1e-9);
    assert!(e.report().contains("found: 2 phrases; correct: 2."));
}

#[test]
fn conll_reader_keeps_documents_apart() {
    let text = "-DOCSTART- -X- -X- O\n\nAlpha NNP B-NP B-ORG\nbeta NN I-NP O\n\nGamma NNP B-NP B-PER\n\n-DOCSTART- -X- -X- O\n\nDelta NNP B-NP B-LOC\n";
    let s = conll::parse(text).unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].words, ["Alpha", "beta"]);
    assert_eq!(s[0].tags, ["B-ORG", "O"]);
    assert_eq!((s[0].document, s[1].document, s[2].document), (1, 1, 2));
}

#[test]
fn chunks_follow_conlleval() {
    let t = |s: &str| s.split_whitespace().map(|x| Tag::parse(x).unwrap()).collect::<Vec<_>>();
    use EntityType::*;
    assert_eq!(chunks(&t("B-PER I-PER O B-LOC")), [(0, 2, Per), (3, 4, Loc)]);
    assert_eq!(chunks(&t("I-ORG I-ORG B-ORG")), [(0, 2, Org), (2, 3, Org)]);
    assert_eq!(chunks(&t("B-PER I-LOC")), [(0, 1, Per), (1, 2, Loc)]);
    for scheme in [Scheme::Bio, Scheme::Bioes] {
        let tags = t("B-PER I-PER O B-LOC B-LOC I-LOC I-LOC O B-MISC");
        let labels = scheme.encode(&tags);
        let back: Vec<Tag> = labels.iter().map(|&l| scheme.to_tag(l as usize)).collect();
        assert_eq!(back, tags, "{scheme:?}");
    }
}

/// SplitMix64, for test scores that are the same on every run.
fn noise(seed: &mut u64) -> i32 {
    *seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    ((z ^ (z >> 31)) % 2001) as i32 - 1000
}

#[test]
fn viterbi_never_emits_an_inside_tag_without_its_beginning() {
    let mut seed = 42;
    for scheme in [Scheme::Bio, Scheme::Bioes] {
        let nl = scheme.labels();
        let mut mask = vec![false; (nl + 1) * nl];
        for prev in 0..=nl {
            for cur in 0..nl {
                mask[prev * nl + cur] = scheme.allowed((prev < nl).then_some(prev), cur);
            }
        }
        for round in 0..500 {
            let n = 1 + round % 12;
            // Emissions that love inside tags and transitions that reward the forbidden ones.
            let emit: Vec<i32> =
                (0..n * nl).map(|k| noise(&mut seed) + if scheme.to_tag(k % nl) != Tag::O { 500 } else { 0 }).collect();
            let trans: Vec<i32> =
                (0..(nl + 1) * nl).map(|k| if mask[k] { noise(&mut seed) } else { 100_000 }).collect();
            let (mut back, mut out) = (Vec::new(), Vec::new());
            viterbi(scheme, &emit, &trans, &mask, &mut back, &mut out);
            assert_eq!(out.len(), n);
            let tags: Vec<Tag> = out.iter().map(|&l| scheme.to_tag(l as usize)).collect();
            let mut prev = Tag::O;
            for &tag in &tags {
                if let Tag::I(t) = tag {
                    assert!(matches!(prev, Tag::B(p) | Tag::I(p) if p == t), "{scheme:?}: {tags:?}");
                }
                prev = tag;
            }
        }
    }
}

/// A handful of made-up sentences, enough for a model to learn something.
fn toy_corpus() -> Vec<Sentence> {
    let raw = [
        "Rebels|O of|O the|O Kivu|B-ORG Front|I-ORG attacked|O Lubero|B-LOC .|O",
        "Amina|B-PER Sow|I-PER visited|O Lubero|B-LOC on|O Monday|O .|O",
        "The|O Kivu|B-ORG Front|I-ORG denied|O it|O ,|O said|O Amina|B-PER Sow|I-PER .|O",
        "Soldiers|O entered|O Kanyabayonga|B-LOC after|O Congolese|B-MISC troops|O left|O .|O",
    ];
    raw.iter()
        .map(|s| {
            let (words, tags) =
                s.split(' ').map(|p| p.split_once('|').unwrap()).map(|(w, t)| (w.to_string(), t.to_string())).unzip();
            Sentence { words, tags, document: 1 }
        })
        .collect()
}

#[test]
fn a_model_survives_saving_and_loading() {
    let corpus = toy_corpus();
    let mut lex = Lexicons::default();
    lex.add_phrase("Lubero", LexiconKind::Town);
    lex.clusters.insert(features::hash_lower("lubero"), [1, 2, 3]);
    let opts = TrainOptions { max_epochs: 5, patience: 5, seed: 3, bits: 14, scheme: Scheme::Bioes, runs: 2 };
    let info = ModelInfo { command: "test".into(), train: "toy".into(), ..Default::default() };
    let (tagger, reports) = perceptron::train(&corpus, &corpus, lex, &opts, info, |_, _| {}).unwrap();
    assert!(!reports.is_empty());
    assert_eq!(tagger.info.dev_f1, 100.0);
    let bytes = tagger.to_bytes().unwrap();
    let loaded = PerceptronTagger::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.to_bytes().unwrap(), bytes);
    assert_eq!(loaded.info.command, "test");
    assert_eq!(loaded.info.best_epoch, tagger.info.best_epoch);
    for s in &corpus {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        assert_eq!(loaded.tag(&words), tagger.tag(&words));
        let gold: Vec<Tag> = s.tags.iter().map(|t| Tag::parse(t).unwrap()).collect();
        assert_eq!(loaded.tag(&words), gold);
    }
    // The same settings train the same model, byte for byte.
    let again =
        perceptron::train(&corpus, &corpus, loaded.lexicons.clone(), &opts, loaded.info.clone(), |_, _| {}).unwrap().0;
    assert_eq!(again.emit, tagger.emit);
    assert!(PerceptronTagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(PerceptronTagger::from_bytes(b"not a model at all").is_err());
}

#[test]
fn lexicon_phrases_mark_their_tokens() {
    let mut lex = Lexicons::default();
    lex.add_phrase("Democratic Republic of Congo", LexiconKind::Country);
    lex.add_phrase("Congo", LexiconKind::Country);
    let (b, i) = features::phrase_kinds(&lex, &["the", "Democratic", "Republic", "of", "Congo", "said"]);
    let c = 1 << LexiconKind::Country as u16;
    assert_eq!(b, [0, c, 0, 0, c, 0]);
    assert_eq!(i, [0, 0, c, c, c, 0]);
}

static SHIPPED: LazyLock<PerceptronTagger> =
    LazyLock::new(|| PerceptronTagger::from_models(&crate::models::Models::locate()).expect("models/tagger.bin loads"));

#[test]
fn the_shipped_model_finds_groups_places_and_people() {
    let text = "Fighters of the Allied Democratic Forces attacked Beni on Sunday, said Mohamed Ali.";
    let article = crate::read::Article::from_text(text);
    let doc = Document::new(&article, &crate::text::Tokenizer::new());
    let found: Vec<(&str, EntityType)> =
        tag_document(&*SHIPPED, &doc).iter().map(|e| (e.span.of(text), e.label)).collect();
    assert_eq!(
        found,
        [("Allied Democratic Forces", EntityType::Org), ("Beni", EntityType::Loc), ("Mohamed Ali", EntityType::Per)]
    );
    // The sentence alone, through `tag`, agrees.
    let words: Vec<&str> = doc.tokens.iter().map(|t| t.span.of(text)).collect();
    let spans: Vec<(usize, usize, EntityType)> = chunks(&SHIPPED.tag(&words));
    assert_eq!(spans.len(), 3);
    assert_eq!(
        SHIPPED.tag_document(std::slice::from_ref(&words)),
        [SHIPPED.tag(&words)],
        "a sentence is its own document"
    );
    assert!(SHIPPED.info.dev_f1 > 85.0, "the header records the dev F1");
    assert!(SHIPPED.info.train.contains("conll2003"), "the header records the training data");
}

#[test]
fn the_shipped_model_reads_headlines_in_capitals() {
    let words = ["GUNMEN", "KILL", "FIVE", "IN", "NORTHERN", "MALI"];
    let found = chunks(&SHIPPED.tag(&words));
    // Whether "NORTHERN" belongs to the name is the annotators' call; "MALI" is a place and the
    // capitalised ordinary words are not names.
    assert!(found.iter().any(|&(s, e, t)| s <= 5 && 5 < e && t == EntityType::Loc), "{found:?}");
    assert!(found.iter().all(|&(s, _, _)| s >= 4), "{found:?}");
}

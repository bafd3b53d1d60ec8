//! The structured averaged perceptron: label scheme, Viterbi decoding under BIO constraints,
//! training with per-epoch dev F1 and early stopping, and the tagger that ships.

use super::conll::{Evaluation, Sentence};
use super::features::{self, DocContext, Lexicons, Scratch};
use super::model::{ModelInfo, RunInfo};
use super::{EntityTagger, EntityType, Tag};
use serde::{Deserialize, Serialize};

/// How entities are spelled as labels inside the model. BIOES marks single-token entities and
/// entity ends, which lets the transitions learn that, say, a person's name rarely ends on a
/// preposition; the tagger's output is BIO either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scheme {
    #[serde(rename = "BIO")]
    Bio,
    #[serde(rename = "BIOES")]
    Bioes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    O,
    B,
    I,
    E,
    S,
}

impl Scheme {
    pub fn labels(self) -> usize {
        match self {
            Scheme::Bio => 9,
            Scheme::Bioes => 17,
        }
    }

    fn part(self, label: usize) -> (Part, Option<EntityType>) {
        if label == 0 {
            return (Part::O, None);
        }
        let parts: &[Part] = match self {
            Scheme::Bio => &[Part::B, Part::I],
            Scheme::Bioes => &[Part::B, Part::I, Part::E, Part::S],
        };
        (parts[(label - 1) / 4], Some(EntityType::ALL[(label - 1) % 4]))
    }

    fn label(self, part: Part, ty: EntityType) -> usize {
        let p = match (self, part) {
            (_, Part::O) => return 0,
            (_, Part::B) => 0,
            (_, Part::I) => 1,
            (Scheme::Bioes, Part::E) => 2,
            (Scheme::Bioes, Part::S) => 3,
            (Scheme::Bio, Part::E) => 1,
            (Scheme::Bio, Part::S) => 0,
        };
        1 + p * 4 + ty as usize
    }

    /// Whether `cur` may follow `prev` (`None`: the sentence start). An entity's inside or end
    /// continues an entity of its own type; in BIOES nothing else may follow an open entity.
    pub fn allowed(self, prev: Option<usize>, cur: usize) -> bool {
        let (cp, ct) = self.part(cur);
        let (pp, pt) = prev.map(|p| self.part(p)).unwrap_or((Part::O, None));
        let continues = matches!(cp, Part::I | Part::E);
        let open = matches!(pp, Part::B | Part::I) && self == Scheme::Bioes;
        if continues {
            matches!(pp, Part::B | Part::I) && pt == ct
        } else {
            !open
        }
    }

    /// Whether a sentence may end on `label`.
    pub fn may_end(self, label: usize) -> bool {
        self == Scheme::Bio || !matches!(self.part(label).0, Part::B | Part::I)
    }

    pub fn to_tag(self, label: usize) -> Tag {
        match self.part(label) {
            (Part::O, _) | (_, None) => Tag::O,
            (Part::B | Part::S, Some(t)) => Tag::B(t),
            (Part::I | Part::E, Some(t)) => Tag::I(t),
        }
    }

    /// The labels of a BIO tag sequence (entities read as conlleval reads them).
    pub fn encode(self, tags: &[Tag]) -> Vec<u8> {
        let mut out = vec![0u8; tags.len()];
        for (start, end, ty) in super::chunks(tags) {
            for (k, slot) in out[start..end].iter_mut().enumerate() {
                let part = match (self, end - start, k) {
                    (Scheme::Bioes, 1, _) => Part::S,
                    (_, _, 0) => Part::B,
                    (Scheme::Bioes, len, k) if k + 1 == len => Part::E,
                    _ => Part::I,
                };
                *slot = self.label(part, ty) as u8;
            }
        }
        out
    }
}

const NEG: i32 = i32::MIN / 4;

/// The transitions a scheme allows, as a mask over `(labels + 1) × labels` (last row: start).
fn allowed_mask(scheme: Scheme) -> Vec<bool> {
    let nl = scheme.labels();
    let mut mask = vec![false; (nl + 1) * nl];
    for prev in 0..=nl {
        for cur in 0..nl {
            mask[prev * nl + cur] = scheme.allowed((prev < nl).then_some(prev), cur);
        }
    }
    mask
}

/// Best label sequence for emission scores `emit` (`n × nl`) and transition scores `trans`
/// (`(nl + 1) × nl`, last row from the start), never using a transition the mask forbids.
pub fn viterbi(scheme: Scheme, emit: &[i32], trans: &[i32], mask: &[bool], back: &mut Vec<u8>, out: &mut Vec<u8>) {
    let nl = scheme.labels();
    let n = emit.len() / nl;
    out.clear();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n * nl, 0);
    let mut score = [NEG; 32];
    let mut next = [NEG; 32];
    for cur in 0..nl {
        if mask[nl * nl + cur] {
            score[cur] = trans[nl * nl + cur] + emit[cur];
        }
    }
    for i in 1..n {
        for cur in 0..nl {
            let mut best = NEG;
            let mut arg = 0u8;
            for prev in 0..nl {
                if mask[prev * nl + cur] && score[prev] > NEG {
                    let s = score[prev] + trans[prev * nl + cur];
                    if s > best {
                        best = s;
                        arg = prev as u8;
                    }
                }
            }
            next[cur] = if best > NEG { best + emit[i * nl + cur] } else { NEG };
            back[i * nl + cur] = arg;
        }
        score[..nl].copy_from_slice(&next[..nl]);
    }
    let mut last = 0usize;
    let mut best = i32::MIN;
    for (l, &s) in score[..nl].iter().enumerate() {
        if scheme.may_end(l) && s > best {
            best = s;
            last = l;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last as u8;
    for i in (1..n).rev() {
        out[i - 1] = back[i * nl + out[i] as usize];
    }
}

/// The trained tagger: lexicons, a hashed `i16` emission table and `i32` transitions.
pub struct PerceptronTagger {
    pub info: ModelInfo,
    pub(crate) lexicons: Lexicons,
    pub(crate) scheme: Scheme,
    pub(crate) bits: u32,
    /// `2^bits × labels` quantised weights, row-major.
    pub(crate) emit: Vec<i16>,
    /// `(labels + 1) × labels`, on the same scale as `emit`.
    pub(crate) trans: Vec<i32>,
    mask: Vec<bool>,
}

impl PerceptronTagger {
    pub(crate) fn from_parts(
        info: ModelInfo,
        lexicons: Lexicons,
        scheme: Scheme,
        bits: u32,
        emit: Vec<i16>,
        trans: Vec<i32>,
    ) -> Self {
        PerceptronTagger { info, lexicons, scheme, bits, emit, trans, mask: allowed_mask(scheme) }
    }

    /// Quantises float weights: the largest emission weight maps to `i16::MAX`.
    fn quantise(info: ModelInfo, lexicons: Lexicons, scheme: Scheme, bits: u32, emit: &[f32], trans: &[f32]) -> Self {
        let max = emit.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = i16::MAX as f32 / max;
        let emit = emit.iter().map(|w| (w * scale).round() as i16).collect();
        let trans = trans.iter().map(|w| (w * scale).round() as i32).collect();
        Self::from_parts(ModelInfo { scale, ..info }, lexicons, scheme, bits, emit, trans)
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Internal labels of one sentence.
    fn labels_of(
        &self,
        words: &[&str],
        doc: Option<&DocContext>,
        scratch: &mut Scratch,
        emit: &mut Vec<i32>,
        back: &mut Vec<u8>,
        out: &mut Vec<u8>,
    ) {
        features::extract(&self.lexicons, self.bits, words, doc, scratch);
        emit.clear();
        emit.resize(words.len() * self.scheme.labels(), 0);
        match self.scheme {
            Scheme::Bioes => accumulate::<17>(&self.emit, &scratch.rows, &scratch.offsets, emit),
            Scheme::Bio => accumulate::<9>(&self.emit, &scratch.rows, &scratch.offsets, emit),
        }
        viterbi(self.scheme, emit, &self.trans, &self.mask, back, out);
    }
}

/// Emission scores: the sum of each token's weight rows. The table is far larger than the
/// caches and rows are scattered by hashing, so this loop waits on memory; the rows are known in
/// advance, so each is prefetched a few rows ahead, and a fixed label count lets the
/// accumulation stay in registers.
fn accumulate<const L: usize>(table: &[i16], rows: &[u32], offsets: &[u32], emit: &mut [i32]) {
    const AHEAD: usize = 12;
    for (i, bounds) in offsets.windows(2).enumerate() {
        let mut acc = [0i32; L];
        for j in bounds[0] as usize..bounds[1] as usize {
            if let Some(&ahead) = rows.get(j + AHEAD) {
                prefetch(&table[ahead as usize * L]);
                prefetch(&table[ahead as usize * L + L - 1]);
            }
            let w: &[i16; L] = table[rows[j] as usize * L..][..L].try_into().expect("a row of L weights");
            for k in 0..L {
                acc[k] += w[k] as i32;
            }
        }
        emit[i * L..(i + 1) * L].copy_from_slice(&acc);
    }
}

#[inline(always)]
fn prefetch(at: &i16) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it reads nothing and cannot fault, and `at` is a live reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at as *const i16 as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

/// Features, emission scores, back-pointers and labels of the sentence being tagged: reused so
/// that tagging allocates only its result.
type Buffers = (Scratch, Vec<i32>, Vec<u8>, Vec<u8>);

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = Default::default();
}

impl EntityTagger for PerceptronTagger {
    fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let lowered = self.info.caseless.then(|| lowercase(words));
        let words: Vec<&str> = match &lowered {
            Some(l) => l.iter().map(String::as_str).collect(),
            None => words.to_vec(),
        };
        BUFFERS.with(|b| {
            let (scratch, emit, back, out) = &mut *b.borrow_mut();
            self.labels_of(&words, None, scratch, emit, back, out);
            out.iter().map(|&l| self.scheme.to_tag(l as usize)).collect()
        })
    }

    fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let lowered: Option<Vec<Vec<String>>> =
            self.info.caseless.then(|| sentences.iter().map(|s| lowercase(s)).collect());
        let lowered_refs: Vec<Vec<&str>>;
        let sentences = match &lowered {
            Some(l) => {
                lowered_refs = l.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
                &lowered_refs
            }
            None => sentences,
        };
        let mut doc = DocContext::new(sentences);
        BUFFERS.with(|b| {
            let (scratch, emit, back, out) = &mut *b.borrow_mut();
            sentences
                .iter()
                .map(|words| {
                    self.labels_of(words, Some(&doc), scratch, emit, back, out);
                    let tags: Vec<Tag> = out.iter().map(|&l| self.scheme.to_tag(l as usize)).collect();
                    doc.remember(scratch, tags.iter().map(|t| t.entity()));
                    tags
                })
                .collect()
        })
    }
}

/// A caseless model sees words as it was trained on them.
pub fn lowercase(words: &[impl AsRef<str>]) -> Vec<String> {
    words.iter().map(|w| w.as_ref().to_lowercase()).collect()
}

/// Training settings; every run with the same settings and data gives the same model.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub max_epochs: usize,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    pub seed: u64,
    /// The weight table has `2^bits` rows.
    pub bits: u32,
    pub scheme: Scheme,
    /// Perceptrons trained (seeds `seed`, `seed + 1`, …) and averaged into the model.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { max_epochs: 30, patience: 4, seed: 1, bits: 20, scheme: Scheme::Bioes, runs: 1 }
    }
}

/// What one epoch did, for the progress lines.
#[derive(Debug, Clone)]
pub struct EpochReport {
    pub epoch: usize,
    pub mistakes: usize,
    pub sentences: usize,
    pub dev: Evaluation,
    pub seconds: f64,
}

/// A training document: what its capitals say, and its sentences with their gold labels.
struct TrainingDocument {
    context: DocContext,
    sentences: Vec<(Vec<String>, Vec<u8>)>,
}

/// Tags CoNLL sentences document by document (consecutive sentences of the same `document`).
pub fn tag_conll(tagger: &dyn EntityTagger, sentences: &[Sentence]) -> Vec<Vec<Tag>> {
    let mut out = Vec::with_capacity(sentences.len());
    for doc in sentences.chunk_by(|a, b| a.document == b.document) {
        let words: Vec<Vec<&str>> = doc.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect();
        out.extend(tagger.tag_document(&words));
    }
    out
}

/// Scores a tagger on CoNLL sentences, conlleval-exact.
pub fn evaluate(tagger: &dyn EntityTagger, sentences: &[Sentence]) -> Evaluation {
    let mut eval = Evaluation::default();
    for (s, tags) in sentences.iter().zip(tag_conll(tagger, sentences)) {
        let guess: Vec<String> = tags.iter().map(Tag::to_string).collect();
        eval.add_sentence(&s.tags, &guess);
    }
    eval
}

/// Trains `opts.runs` perceptrons on `train`, each with its own shuffling seed and each kept at
/// the epoch whose averaged weights score best on `dev`, and returns their mean: the runs agree
/// on what the data says and disagree on what the shuffle order says, so the mean is steadier
/// than any one of them. Runs go in parallel; the result does not depend on their timing.
/// `progress` hears about every epoch as it ends (tagged with its run).
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    lexicons: Lexicons,
    opts: &TrainOptions,
    info: ModelInfo,
    progress: impl Fn(usize, &EpochReport) + Sync,
) -> anyhow::Result<(PerceptronTagger, Vec<Vec<EpochReport>>)> {
    use rayon::prelude::*;
    let documents: Vec<TrainingDocument> = train
        .chunk_by(|a, b| a.document == b.document)
        .map(|doc| TrainingDocument {
            context: DocContext::new(&doc.iter().map(|s| s.words.as_slice()).collect::<Vec<_>>()),
            sentences: doc
                .iter()
                .map(|s| {
                    let tags: Vec<Tag> = s.tags.iter().map(|t| Tag::parse(t).unwrap_or(Tag::O)).collect();
                    (s.words.clone(), opts.scheme.encode(&tags))
                })
                .collect(),
        })
        .collect();
    let runs: Vec<Run> = (0..opts.runs.max(1))
        .into_par_iter()
        .map(|run| train_run(&documents, dev, &lexicons, opts, opts.seed + run as u64, &info, |r| progress(run + 1, r)))
        .collect::<anyhow::Result<_>>()?;
    let k = runs.len() as f32;
    let mut emit = vec![0f32; runs[0].emit.len()];
    let mut trans = vec![0f32; runs[0].trans.len()];
    for r in &runs {
        emit.iter_mut().zip(&r.emit).for_each(|(a, b)| *a += b / k);
        trans.iter_mut().zip(&r.trans).for_each(|(a, b)| *a += b / k);
    }
    let mut tagger = PerceptronTagger::quantise(info, lexicons, opts.scheme, opts.bits, &emit, &trans);
    tagger.info.dev_f1 = evaluate(&tagger, dev).overall().f1;
    tagger.info.best_epoch = runs.iter().map(|r| r.best_epoch).max().unwrap_or(0);
    tagger.info.epochs_run = runs.iter().map(|r| r.reports.len()).max().unwrap_or(0);
    tagger.info.runs = runs
        .iter()
        .map(|r| RunInfo { seed: r.seed, best_epoch: r.best_epoch, epochs_run: r.reports.len(), dev_f1: r.dev_f1 })
        .collect();
    Ok((tagger, runs.into_iter().map(|r| r.reports).collect()))
}

/// One perceptron's averaged weights at its best epoch.
struct Run {
    seed: u64,
    emit: Vec<f32>,
    trans: Vec<f32>,
    best_epoch: usize,
    dev_f1: f64,
    reports: Vec<EpochReport>,
}

fn train_run(
    documents: &[TrainingDocument],
    dev: &[Sentence],
    lexicons: &Lexicons,
    opts: &TrainOptions,
    seed: u64,
    info: &ModelInfo,
    progress: impl Fn(&EpochReport),
) -> anyhow::Result<Run> {
    let scheme = opts.scheme;
    let nl = scheme.labels();
    let rows = 1usize << opts.bits;
    let mask = allowed_mask(scheme);
    // Integer weights and their running sums: the average is exact, `w - u / c` (Daumé's trick).
    let mut w = vec![0i32; rows * nl];
    let mut u = vec![0i64; rows * nl];
    let mut tw = vec![0i32; (nl + 1) * nl];
    let mut tu = vec![0i64; (nl + 1) * nl];
    let mut c: i64 = 1;
    let mut rng = crate::rng::SplitMix64::new(seed);
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let (mut emit, mut back, mut pred) = (Vec::new(), Vec::new(), Vec::new());
    let mut scratch = Scratch::default();
    let sentences = documents.iter().map(|d| d.sentences.len()).sum();
    let mut reports = Vec::new();
    let mut best: Option<(f64, usize, Vec<f32>, Vec<f32>)> = None;
    let mut since_best = 0;
    for epoch in 1..=opts.max_epochs {
        let started = std::time::Instant::now();
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        // Documents in shuffled order, each read from the top, so that the prediction history
        // holds what this very model said earlier in the document, as it will when tagging.
        for &k in &order {
            let mut context = documents[k].context.clone();
            for (words, gold) in &documents[k].sentences {
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                features::extract(lexicons, opts.bits, &words, Some(&context), &mut scratch);
                let (feats, offsets) = (&scratch.rows, &scratch.offsets);
                let n = gold.len();
                emit.clear();
                emit.resize(n * nl, 0i32);
                for i in 0..n {
                    for &r in &feats[offsets[i] as usize..offsets[i + 1] as usize] {
                        let row = &w[r as usize * nl..r as usize * nl + nl];
                        for (s, &x) in emit[i * nl..(i + 1) * nl].iter_mut().zip(row) {
                            *s += x;
                        }
                    }
                }
                viterbi(scheme, &emit, &tw, &mask, &mut back, &mut pred);
                if pred != *gold {
                    mistakes += 1;
                    for i in 0..n {
                        let (g, p) = (gold[i] as usize, pred[i] as usize);
                        if g != p {
                            for &r in &feats[offsets[i] as usize..offsets[i + 1] as usize] {
                                let r = r as usize * nl;
                                w[r + g] += 1;
                                u[r + g] += c;
                                w[r + p] -= 1;
                                u[r + p] -= c;
                            }
                        }
                        let gp = if i == 0 { nl } else { gold[i - 1] as usize };
                        let pp = if i == 0 { nl } else { pred[i - 1] as usize };
                        if (gp, g) != (pp, p) {
                            tw[gp * nl + g] += 1;
                            tu[gp * nl + g] += c;
                            tw[pp * nl + p] -= 1;
                            tu[pp * nl + p] -= c;
                        }
                    }
                }
                c += 1;
                context.remember(&scratch, pred.iter().map(|&l| scheme.to_tag(l as usize).entity()));
            }
        }
        let average = |w: &[i32], u: &[i64]| -> Vec<f32> {
            w.iter().zip(u).map(|(&w, &u)| (w as f64 - u as f64 / c as f64) as f32).collect()
        };
        let (avg_emit, avg_trans) = (average(&w, &u), average(&tw, &tu));
        let tagger =
            PerceptronTagger::quantise(info.clone(), lexicons.clone(), scheme, opts.bits, &avg_emit, &avg_trans);
        let report = EpochReport {
            epoch,
            mistakes,
            sentences,
            dev: evaluate(&tagger, dev),
            seconds: started.elapsed().as_secs_f64(),
        };
        progress(&report);
        let f1 = report.dev.overall().f1;
        reports.push(report);
        if best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, epoch, avg_emit, avg_trans));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= opts.patience {
                break;
            }
        }
    }
    let (dev_f1, best_epoch, emit, trans) = best.ok_or_else(|| anyhow::anyhow!("no training epoch ran"))?;
    Ok(Run { seed, emit, trans, best_epoch, dev_f1, reports })
}

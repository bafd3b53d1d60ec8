//! Per-token features, hashed straight into rows of a fixed-size weight table.
//!
//! Each token's strings (word, lowercase, shape, affixes) are hashed once, without allocating;
//! a feature is then a template id mixed with one to three of those hashes, so a context feature
//! such as "previous word + this shape" costs a few multiplications. The weight table has
//! `2^bits` rows whatever the vocabulary, which bounds the model's size: rare features that
//! collide share a row, and the learner tolerates the noise.
//!
//! [`Lexicons`] travel inside the model file: word clusters (unsupervised, learned from
//! unlabelled text by `models/tools/word_clusters.py`) let a word unseen in training borrow
//! what was learned for its neighbours in embedding space, and gazetteer phrases (places,
//! demonyms, armed groups, name lists) mark tokens that a lexicon knows.
//!
//! A [`DocContext`] adds what the rest of the document says of a word: how it is written
//! elsewhere, the words around its other occurrences, and what the tagger made of it earlier.
//! Without one, a sentence is its own document, so `tag` and `tag_document` read the same
//! features.

use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Keys are already well-mixed 64-bit hashes; hashing them again would only cost time.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv(self.0, b);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline(always)]
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

/// MurmurHash3's finaliser: FNV alone leaves the high bits, which pick the table row, weak.
#[inline(always)]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline(always)]
fn mix(template: u64, a: u64, b: u64) -> u64 {
    fmix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a.rotate_left(23) ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f))
}

#[inline(always)]
fn fnv_char(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h = fnv(h, b);
    }
    h
}

#[inline(always)]
fn lower_char(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
    } else {
        for l in c.to_lowercase() {
            f(l);
        }
    }
}

/// The hash of a word's lowercase form: the key of the cluster table and of gazetteer tokens.
pub fn hash_lower(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in word.chars() {
        lower_char(c, |l| h = fnv_char(h, l));
    }
    fmix(h)
}

fn hash_bytes(s: &str) -> u64 {
    fmix(s.bytes().fold(FNV_OFFSET, fnv))
}

/// The key of a phrase of lowercase words.
fn phrase_key(words: impl IntoIterator<Item = u64>) -> u64 {
    words.into_iter().fold(0x5bd1_e995_u64, |h, w| fmix(h.rotate_left(17) ^ w))
}

/// What a lexicon says a phrase is. The first group comes from `models/`, the second from name
/// lists given at training time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexiconKind {
    Country = 0,
    Region = 1,
    Town = 2,
    Demonym = 3,
    Actor = 4,
    Common = 5,
    Loc = 6,
    Org = 7,
    Per = 8,
    Misc = 9,
    FirstName = 10,
    Surname = 11,
}

impl LexiconKind {
    /// The kinds a `--lexicon KIND=PATH` file may have.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "loc" => LexiconKind::Loc,
            "org" => LexiconKind::Org,
            "per" => LexiconKind::Per,
            "misc" => LexiconKind::Misc,
            "first" => LexiconKind::FirstName,
            "last" => LexiconKind::Surname,
            _ => return None,
        })
    }
    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// Word clusters and gazetteer phrases, keyed by hashes so that no text is stored.
#[derive(Default, Clone)]
pub struct Lexicons {
    /// lowercase word → cluster id + 1 at each granularity (0: not clustered).
    pub clusters: IdMap<[u16; CLUSTER_LEVELS]>,
    /// phrase of lowercase words → lexicon kinds (bits of [`LexiconKind`]).
    pub phrases: IdMap<u16>,
    /// first lowercase word of a phrase → the longest phrase it starts, in words.
    pub starts: IdMap<u8>,
    /// Where the clusters and phrases came from, for the model's header.
    pub sources: Vec<String>,
}

pub const CLUSTER_LEVELS: usize = 3;
const MAX_PHRASE: usize = 6;

impl Lexicons {
    /// Adds one phrase; it is split on white space as CoNLL-style tokens are.
    pub fn add_phrase(&mut self, phrase: &str, kind: LexiconKind) {
        let words: Vec<u64> = phrase.split_whitespace().map(hash_lower).collect();
        if words.is_empty() || words.len() > MAX_PHRASE {
            return;
        }
        *self.phrases.entry(phrase_key(words.iter().copied())).or_default() |= kind.bit();
        let longest = self.starts.entry(words[0]).or_default();
        *longest = (*longest).max(words.len() as u8);
    }

    /// The gazetteer, country aliases and demonyms, armed groups and ordinary words of a
    /// `models/` folder. Person-name lists derived from the tagger's own training labels are
    /// left out on purpose: a feature that copies the labels is trusted in training and fails
    /// on new text.
    pub fn add_models(&mut self, models: &crate::models::Models) -> Result<()> {
        let gz = models.gazetteer()?;
        let mut text = String::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_string(&mut text)
            .context("models/gazetteer.tsv.gz: not gzip text")?;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 10 {
                continue;
            }
            let kind = match cols[1] {
                "country" => LexiconKind::Country,
                "admin1" | "admin2" => LexiconKind::Region,
                _ => LexiconKind::Town,
            };
            self.add_phrase(cols[5], kind);
            for alt in cols[9].split('|').filter(|a| !a.is_empty()) {
                self.add_phrase(alt, kind);
            }
        }
        for (_, cols) in crate::mentions::lexicon::rows("countries.tsv", &models.text("countries.tsv")?, 1)? {
            for name in cols.get(1).into_iter().flat_map(|c| c.split('|')).filter(|a| !a.is_empty()) {
                self.add_phrase(name, LexiconKind::Country);
            }
            for name in cols.get(2).into_iter().flat_map(|c| c.split('|')).filter(|a| !a.is_empty()) {
                self.add_phrase(name, LexiconKind::Demonym);
            }
        }
        for (_, cols) in crate::mentions::lexicon::rows("actors.tsv", &models.text("actors.tsv")?, 1)? {
            self.add_phrase(cols[0], LexiconKind::Actor);
            for name in cols.get(3).into_iter().flat_map(|c| c.split('|')).filter(|a| !a.is_empty()) {
                self.add_phrase(name, LexiconKind::Actor);
            }
        }
        if let Ok(words) = models.text("common_words.txt") {
            for w in words.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                self.add_phrase(w.trim(), LexiconKind::Common);
            }
        }
        self.sources
            .push(format!("{}: gazetteer.tsv.gz, countries.tsv, actors.tsv, common_words.txt", models.dir().display()));
        Ok(())
    }

    /// A name list, one name per line; a line's first tab- or double-space-separated field is
    /// the name (so the US Census `dist.*` files read as they are). `#` lines are comments.
    pub fn add_list(&mut self, path: &Path, kind: LexiconKind) -> Result<usize> {
        let file = std::fs::File::open(path).with_context(|| format!("{}: cannot read lexicon", path.display()))?;
        let mut n = 0;
        for line in BufReader::new(file).lines() {
            let line = line.with_context(|| format!("{}: not text", path.display()))?;
            if line.starts_with('#') {
                continue;
            }
            let name = line.split('\t').next().unwrap_or("");
            let name = name.split("  ").next().unwrap_or("").trim();
            if !name.is_empty() {
                self.add_phrase(name, kind);
                n += 1;
            }
        }
        self.sources.push(format!("{}: {kind:?}, {n} names", path.display()));
        Ok(n)
    }

    /// Word clusters: `word<TAB>id<TAB>id…` with one id per granularity, as written by
    /// `models/tools/word_clusters.py`.
    pub fn add_clusters(&mut self, path: &Path) -> Result<usize> {
        let file = std::fs::File::open(path).with_context(|| format!("{}: cannot read clusters", path.display()))?;
        let mut n = 0;
        for (i, line) in BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("{}: not text", path.display()))?;
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("");
            let mut ids = [0u16; CLUSTER_LEVELS];
            for id in ids.iter_mut() {
                let Some(c) = cols.next() else {
                    bail!("{}:{}: expected {CLUSTER_LEVELS} cluster ids", path.display(), i + 1)
                };
                *id =
                    c.trim().parse::<u16>().with_context(|| format!("{}:{}: bad cluster id", path.display(), i + 1))?
                        + 1;
            }
            self.clusters.entry(hash_lower(word)).or_insert(ids);
            n += 1;
        }
        self.sources.push(format!("{}: {n} clustered words", path.display()));
        Ok(n)
    }
}

/// How a token uses capitals and what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Caps {
    NoLetters = 0,
    Lower = 1,
    Initial = 2,
    Upper = 3,
    Single = 4,
    Mixed = 5,
    Boundary = 6,
}

const HAS_DIGIT: u8 = 1;
const HAS_HYPHEN: u8 = 2;
const HAS_PERIOD: u8 = 4;
const HAS_APOSTROPHE: u8 = 8;
const ALL_DIGITS: u8 = 16;
const PUNCT: u8 = 32;

/// One token's hashes and classes, computed once per sentence.
#[derive(Debug, Clone, Copy)]
struct Tok {
    word: u64,
    lower: u64,
    shape: u64,
    prefix: [u64; AFFIXES],
    suffix: [u64; AFFIXES],
    cluster: [u16; CLUSTER_LEVELS],
    gaz_b: u16,
    gaz_i: u16,
    caps: Caps,
    flags: u8,
    len: u8,
}

const AFFIXES: usize = 4;

impl Tok {
    fn boundary(tag: u64) -> Tok {
        Tok {
            word: tag,
            lower: tag,
            shape: tag,
            prefix: [0; AFFIXES],
            suffix: [0; AFFIXES],
            cluster: [0; CLUSTER_LEVELS],
            gaz_b: 0,
            gaz_i: 0,
            caps: Caps::Boundary,
            flags: 0,
            len: 0,
        }
    }

    fn new(word: &str, lex: &Lexicons) -> Tok {
        let mut lower = FNV_OFFSET;
        let mut shape = FNV_OFFSET;
        let mut prefix = [0u64; AFFIXES];
        let (mut upper, mut lowercase, mut letters, mut digits, mut chars) = (0u32, 0u32, 0u32, 0u32, 0usize);
        let mut first_upper = false;
        let mut flags = 0u8;
        let mut last_class = 0u8;
        for c in word.chars() {
            let class = if c.is_uppercase() {
                upper += 1;
                letters += 1;
                first_upper |= chars == 0;
                b'X'
            } else if c.is_lowercase() {
                lowercase += 1;
                letters += 1;
                b'x'
            } else if c.is_numeric() {
                digits += 1;
                b'd'
            } else if c.is_alphabetic() {
                letters += 1;
                b'x'
            } else if c.is_ascii() {
                match c {
                    '-' => flags |= HAS_HYPHEN,
                    '.' => flags |= HAS_PERIOD,
                    '\'' => flags |= HAS_APOSTROPHE,
                    _ => {}
                }
                c as u8
            } else {
                if c == '’' {
                    flags |= HAS_APOSTROPHE;
                }
                b'*'
            };
            // Runs collapse: "Xxxxx" and "Xx" are one shape, "X.X." another, "dddd" is "d".
            if class != last_class {
                shape = fnv(shape, class);
                last_class = class;
            }
            lower_char(c, |l| lower = fnv_char(lower, l));
            if chars < AFFIXES {
                prefix[chars] = lower;
            }
            chars += 1;
        }
        let mut suffix = [0u64; AFFIXES];
        let mut h = FNV_OFFSET ^ 0x5555;
        for (k, c) in word.chars().rev().take(AFFIXES).enumerate() {
            lower_char(c, |l| h = fnv_char(h, l));
            suffix[k] = fmix(h);
        }
        for p in prefix.iter_mut().take(chars.min(AFFIXES)) {
            *p = fmix(*p ^ 0xaaaa);
        }
        if digits > 0 {
            flags |= HAS_DIGIT;
            if digits as usize == chars {
                flags |= ALL_DIGITS;
            }
        }
        if letters == 0 && digits == 0 {
            flags |= PUNCT;
        }
        let caps = if letters == 0 {
            Caps::NoLetters
        } else if upper == 0 {
            Caps::Lower
        } else if lowercase == 0 {
            if letters == 1 {
                Caps::Single
            } else {
                Caps::Upper
            }
        } else if first_upper && upper == 1 {
            Caps::Initial
        } else {
            Caps::Mixed
        };
        let lower = fmix(lower);
        Tok {
            word: hash_bytes(word),
            lower,
            shape: fmix(shape),
            prefix,
            suffix,
            cluster: lex.clusters.get(&lower).copied().unwrap_or_default(),
            gaz_b: 0,
            gaz_i: 0,
            caps,
            flags,
            len: chars.min(255) as u8,
        }
    }
}

/// How the words of a document are written across it, keyed by lowercase form: a word in a
/// capitalised headline is a name when the body writes it with an initial capital mid-sentence,
/// and an ordinary word when the body writes it in lower case.
///
/// It also remembers what the tagger made of each capitalised word earlier in the document (the
/// "prediction history"): a name is usually spelled out with its context once ("the Kivu
/// Front said") and then repeated bare, so the first reading informs the later ones.
#[derive(Default, Clone)]
pub struct DocContext {
    caps: IdMap<u8>,
    /// lowercase word → how often it was tagged O, PER, ORG, LOC, MISC so far.
    history: IdMap<[u16; 5]>,
    /// capitalised lowercase word → the words around its occurrences (previous, next), so that
    /// "said Ali" in one sentence tells about "Ali" in another.
    neighbours: IdMap<Vec<[u64; 2]>>,
}

/// Occurrences whose neighbours a word keeps.
const NEIGHBOURS: usize = 6;
const START: u64 = 0x1111_2222_3333_4444;
const END: u64 = 0x4444_3333_2222_1111;

fn is_capitalised(t: &Tok) -> bool {
    counts_for_context(t) && matches!(t.caps, Caps::Initial | Caps::Upper | Caps::Mixed)
}

fn add_neighbour(list: &mut Vec<[u64; 2]>, pair: [u64; 2]) {
    if list.len() < NEIGHBOURS && !list.contains(&pair) {
        list.push(pair);
    }
}

const SEEN_LOWER: u8 = 1;
const SEEN_INITIAL: u8 = 2;
const SEEN_ALL_CAPS: u8 = 4;
const SEEN_MIXED: u8 = 8;
const SEEN_FIRST: u8 = 16;
const SEEN_IN_CAPITALS: u8 = 32;

/// What one occurrence says of how its word is written.
fn seen_bit(caps: Caps, first: bool, upper_sentence: bool) -> u8 {
    if upper_sentence {
        SEEN_IN_CAPITALS
    } else if first {
        SEEN_FIRST
    } else {
        match caps {
            Caps::Lower => SEEN_LOWER,
            Caps::Initial => SEEN_INITIAL,
            Caps::Upper => SEEN_ALL_CAPS,
            _ => SEEN_MIXED,
        }
    }
}

fn is_upper_sentence(toks: &[Tok]) -> bool {
    let (mut caps_words, mut alpha_words) = (0usize, 0usize);
    for t in toks {
        if t.len > 1 && matches!(t.caps, Caps::Upper | Caps::Lower | Caps::Initial | Caps::Mixed) {
            alpha_words += 1;
            caps_words += (t.caps == Caps::Upper) as usize;
        }
    }
    // Headlines and sports tables come in capitals; there a capital says nothing of a name.
    alpha_words >= 2 && caps_words * 10 >= alpha_words * 9
}

fn counts_for_context(t: &Tok) -> bool {
    t.len > 1 && !matches!(t.caps, Caps::NoLetters | Caps::Boundary)
}

impl DocContext {
    pub fn new<S: AsRef<[W]>, W: AsRef<str>>(sentences: &[S]) -> Self {
        let mut doc = DocContext::default();
        let empty = Lexicons::default();
        let mut toks = Vec::new();
        for s in sentences {
            toks.clear();
            toks.extend(s.as_ref().iter().map(|w| Tok::new(w.as_ref(), &empty)));
            let upper = is_upper_sentence(&toks);
            for (i, t) in toks.iter().enumerate().filter(|(_, t)| counts_for_context(t)) {
                *doc.caps.entry(t.lower).or_default() |= seen_bit(t.caps, i == 0, upper);
                if is_capitalised(t) && !upper {
                    let prev = if i == 0 { START } else { toks[i - 1].lower };
                    let next = toks.get(i + 1).map_or(END, |n| n.lower);
                    add_neighbour(doc.neighbours.entry(t.lower).or_default(), [prev, next]);
                }
            }
        }
        doc
    }

    /// Records the labels just given to the sentence whose features are in `scratch`:
    /// `types[i]` is token `i`'s entity type, `None` outside entities.
    pub fn remember(&mut self, scratch: &Scratch, types: impl IntoIterator<Item = Option<super::EntityType>>) {
        for (t, ty) in scratch.toks[PAD..].iter().zip(types) {
            if counts_for_context(t) && t.caps != Caps::Lower {
                let slot = ty.map_or(0, |ty| 1 + ty as usize);
                let counts = self.history.entry(t.lower).or_default();
                counts[slot] = counts[slot].saturating_add(1);
            }
        }
    }

    /// Forgets the prediction history (the capitals seen stay).
    pub fn forget(&mut self) {
        self.history.clear();
    }
}

/// Reusable buffers for one sentence's features.
#[derive(Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    /// Feature rows of every token, flattened; token `i` owns `rows[offsets[i]..offsets[i + 1]]`.
    pub rows: Vec<u32>,
    pub offsets: Vec<u32>,
    seen: Vec<u8>,
}

// Template ids: changing one changes every hashed row, so the model format records
// `FEATURES_VERSION` and refuses a model built with other templates.
pub const FEATURES_VERSION: u32 = 5;
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_LOWER_AT: u64 = 4; // + offset
const T_BIGRAM: u64 = 10; // + offset
const T_SHAPE_AT: u64 = 20; // + offset
const T_SHAPE_BI: u64 = 26;
const T_SHAPE_TRI: u64 = 28;
const T_PREFIX: u64 = 30; // + length
const T_SUFFIX: u64 = 40; // + length
const T_CAPS_POS: u64 = 50;
const T_CAPS_CTX: u64 = 51;
const T_UPPER_SENT: u64 = 52;
const T_UPPER_SENT_WORD: u64 = 53;
const T_FLAGS: u64 = 54;
const T_LEN: u64 = 55;
const T_POSITION: u64 = 56;
const T_CLUSTER: u64 = 60; // + level
const T_CLUSTER_PREV: u64 = 64; // + level
const T_CLUSTER_NEXT: u64 = 68; // + level
const T_CLUSTER_SHAPE: u64 = 72;
const T_CLUSTER_PREV_WORD: u64 = 73;
const T_GAZ_B: u64 = 80;
const T_GAZ_I: u64 = 81;
const T_GAZ_SET_CAPS: u64 = 82;
const T_GAZ_PREV: u64 = 83;
const T_GAZ_NEXT: u64 = 84;
const T_PREV_WORD_SHAPE: u64 = 90;
const T_SHAPE_NEXT_WORD: u64 = 91;
const T_WORD_CAPS: u64 = 92;
const T_DOC_CAPS: u64 = 93;
const T_DOC_CAPS_POS: u64 = 94;
const T_CLUSTER_BIGRAM: u64 = 95; // + side
const T_CLUSTER_FAR: u64 = 97; // + side
const T_HISTORY_SET: u64 = 100;
const T_HISTORY_MAJORITY: u64 = 101;
const T_NEIGHBOUR_PREV: u64 = 102;
const T_NEIGHBOUR_NEXT: u64 = 103;

const PAD: usize = 2;

/// Fills `scratch.rows` and `scratch.offsets` with the feature rows (in `0..2^bits`) of every
/// word of one sentence.
/// Without a document, the sentence is its own document.
pub fn extract(lex: &Lexicons, bits: u32, words: &[&str], doc: Option<&DocContext>, scratch: &mut Scratch) {
    let n = words.len();
    let toks = &mut scratch.toks;
    toks.clear();
    toks.extend(std::iter::repeat_n(Tok::boundary(START), PAD));
    toks.extend(words.iter().map(|w| Tok::new(w, lex)));
    toks.extend(std::iter::repeat_n(Tok::boundary(END), PAD));
    mark_phrases(lex, &mut toks[PAD..PAD + n]);
    let upper_sentence = is_upper_sentence(&toks[PAD..PAD + n]);
    let seen = &mut scratch.seen;
    seen.clear();
    for i in 0..n {
        let t = &toks[PAD + i];
        seen.push(match doc {
            _ if !counts_for_context(t) => 0,
            Some(doc) => doc.caps.get(&t.lower).copied().unwrap_or(0),
            // Sentences are short: a scan beats building a map.
            None => toks[PAD..PAD + n]
                .iter()
                .enumerate()
                .filter(|(_, o)| o.lower == t.lower && counts_for_context(o))
                .fold(0, |m, (j, o)| m | seen_bit(o.caps, j == 0, upper_sentence)),
        });
    }

    let rows = &mut scratch.rows;
    let offsets = &mut scratch.offsets;
    rows.clear();
    offsets.clear();
    offsets.push(0);
    let shift = 64 - bits;
    macro_rules! push {
        ($h:expr) => {
            rows.push(($h >> shift) as u32)
        };
    }
    for (i, &seen_here) in seen.iter().enumerate() {
        let at = i + PAD;
        let (p2, p1, t, n1, n2) = (&toks[at - 2], &toks[at - 1], &toks[at], &toks[at + 1], &toks[at + 2]);
        push!(mix(T_BIAS, 0, 0));
        push!(mix(T_WORD, t.word, 0));
        push!(mix(T_LOWER, t.lower, 0));
        for (k, other) in [p2, p1, n1, n2].iter().enumerate() {
            push!(mix(T_LOWER_AT + k as u64, other.lower, 0));
        }
        push!(mix(T_BIGRAM, p1.lower, t.lower));
        push!(mix(T_BIGRAM + 1, t.lower, n1.lower));
        push!(mix(T_BIGRAM + 2, p2.lower, p1.lower));
        push!(mix(T_BIGRAM + 3, n1.lower, n2.lower));
        for (k, other) in [p1, t, n1].iter().enumerate() {
            push!(mix(T_SHAPE_AT + k as u64, other.shape, 0));
        }
        push!(mix(T_SHAPE_BI, p1.shape, t.shape));
        push!(mix(T_SHAPE_BI + 1, t.shape, n1.shape));
        push!(mix(T_SHAPE_TRI, p1.shape, t.shape ^ n1.shape.rotate_left(7)));
        for k in 0..AFFIXES.min(t.len as usize) {
            push!(mix(T_PREFIX + k as u64, t.prefix[k], 0));
            push!(mix(T_SUFFIX + k as u64, t.suffix[k], 0));
        }
        let first = (i == 0) as u64;
        push!(mix(T_CAPS_POS, t.caps as u64, first));
        push!(mix(T_CAPS_CTX, (p1.caps as u64) << 8 | t.caps as u64, n1.caps as u64));
        push!(mix(T_UPPER_SENT, upper_sentence as u64, t.caps as u64));
        if upper_sentence {
            push!(mix(T_UPPER_SENT_WORD, t.lower, 0));
        } else {
            push!(mix(T_WORD_CAPS, t.lower, t.caps as u64 | first << 8));
        }
        push!(mix(T_FLAGS, t.flags as u64, 0));
        push!(mix(T_LEN, t.len.min(12) as u64, t.caps as u64));
        push!(mix(T_POSITION, first | ((i + 1 == n) as u64) << 1 | (n.min(4) as u64) << 2, t.caps as u64));
        for level in 0..CLUSTER_LEVELS {
            push!(mix(T_CLUSTER + level as u64, t.cluster[level] as u64, 0));
            push!(mix(T_CLUSTER_PREV + level as u64, p1.cluster[level] as u64, p1.caps as u64));
            push!(mix(T_CLUSTER_NEXT + level as u64, n1.cluster[level] as u64, n1.caps as u64));
        }
        push!(mix(T_CLUSTER_SHAPE, t.cluster[CLUSTER_LEVELS - 1] as u64, t.shape));
        push!(mix(T_CLUSTER_PREV_WORD, p1.lower, t.cluster[1] as u64));
        push!(mix(T_CLUSTER_BIGRAM, p1.cluster[1] as u64, t.cluster[1] as u64));
        push!(mix(T_CLUSTER_BIGRAM + 1, t.cluster[1] as u64, n1.cluster[1] as u64));
        push!(mix(T_CLUSTER_FAR, p2.cluster[2] as u64, 0));
        push!(mix(T_CLUSTER_FAR + 1, n2.cluster[2] as u64, 0));
        let (gb, gi) = (t.gaz_b as u64, t.gaz_i as u64);
        for k in 0..16 {
            if gb >> k & 1 == 1 {
                push!(mix(T_GAZ_B, k, 0));
            }
            if gi >> k & 1 == 1 {
                push!(mix(T_GAZ_I, k, 0));
            }
        }
        push!(mix(T_GAZ_SET_CAPS, gb | gi << 16, t.caps as u64));
        push!(mix(T_GAZ_PREV, (p1.gaz_b | p1.gaz_i) as u64, 0));
        push!(mix(T_GAZ_NEXT, (n1.gaz_b | n1.gaz_i) as u64, 0));
        push!(mix(T_PREV_WORD_SHAPE, p1.lower, t.shape));
        push!(mix(T_SHAPE_NEXT_WORD, t.shape, n1.lower));
        if is_capitalised(t) {
            let own = [p1.lower, n1.lower];
            let mut local = Vec::new();
            let list = match doc {
                Some(doc) => doc.neighbours.get(&t.lower).map_or(&[][..], Vec::as_slice),
                None if upper_sentence => &[][..],
                None => {
                    for (j, o) in toks[PAD..PAD + n].iter().enumerate() {
                        if o.lower == t.lower && is_capitalised(o) {
                            add_neighbour(&mut local, [toks[PAD + j - 1].lower, toks[PAD + j + 1].lower]);
                        }
                    }
                    &local[..]
                }
            };
            for pair in list.iter().filter(|p| **p != own) {
                push!(mix(T_NEIGHBOUR_PREV, pair[0], 0));
                push!(mix(T_NEIGHBOUR_NEXT, pair[1], 0));
            }
        }
        if let Some(counts) = doc.and_then(|d| d.history.get(&t.lower)) {
            let set = counts.iter().enumerate().fold(0u64, |m, (k, &c)| m | ((c > 0) as u64) << k);
            let majority = (0..5).max_by_key(|&k| (counts[k], std::cmp::Reverse(k))).unwrap_or(0) as u64;
            push!(mix(T_HISTORY_SET, set, t.caps as u64));
            push!(mix(T_HISTORY_MAJORITY, majority, first));
        }
        if seen_here != 0 {
            push!(mix(T_DOC_CAPS, seen_here as u64, t.caps as u64));
            push!(mix(T_DOC_CAPS_POS, seen_here as u64, t.caps as u64 | first << 8 | (upper_sentence as u64) << 9));
        }
        offsets.push(rows.len() as u32);
    }
}

/// Marks every lexicon phrase in the sentence: its first token's `gaz_b`, the others' `gaz_i`.
fn mark_phrases(lex: &Lexicons, toks: &mut [Tok]) {
    if lex.phrases.is_empty() {
        return;
    }
    for start in 0..toks.len() {
        if toks[start].caps == Caps::NoLetters {
            continue;
        }
        let Some(&longest) = lex.starts.get(&toks[start].lower) else { continue };
        let mut key = 0x5bd1_e995_u64;
        for end in start..toks.len().min(start + longest as usize) {
            key = fmix(key.rotate_left(17) ^ toks[end].lower);
            if let Some(&kinds) = lex.phrases.get(&key) {
                toks[start].gaz_b |= kinds;
                for t in &mut toks[start + 1..=end] {
                    t.gaz_i |= kinds;
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) fn phrase_kinds(lex: &Lexicons, words: &[&str]) -> (Vec<u16>, Vec<u16>) {
    let mut toks: Vec<Tok> = words.iter().map(|w| Tok::new(w, lex)).collect();
    mark_phrases(lex, &mut toks);
    (toks.iter().map(|t| t.gaz_b).collect(), toks.iter().map(|t| t.gaz_i).collect())
}

//! The model file (`models/tagger.bin`).
//!
//! ```text
//! "ESTAGGER"  magic, 8 bytes
//! u32 LE      format version
//! u32 LE      header length, then the header: JSON (ModelInfo: data, command, epochs, seed, F1)
//! rest        zstd stream of the payload:
//!               u32 labels, u32 bits
//!               (labels + 1) × labels  i32 transitions
//!               2^bits × labels        i16 emission weights, stored as two byte planes (all low
//!                                      bytes, then all high bytes) because most weights are
//!                                      small and the high plane is then nearly all 0x00/0xff
//!               u32 n, n × (u64 word hash, u16 × CLUSTER_LEVELS cluster ids)
//!               u32 n, n × (u64 phrase hash, u16 lexicon kinds)
//!               u32 n, n × (u64 first-word hash, u8 longest phrase)
//! ```
//! All of it is read with one `read` and decoded in memory. No text is stored: words and
//! phrases appear only as 64-bit hashes.

use super::features::{IdMap, Lexicons, CLUSTER_LEVELS, FEATURES_VERSION};
use super::perceptron::{PerceptronTagger, Scheme};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

const MAGIC: &[u8; 8] = b"ESTAGGER";
const FORMAT: u32 = 1;

/// How a model was made: the header of the model file.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct ModelInfo {
    /// The feature templates the weights belong to.
    pub features_version: u32,
    /// When training finished (UTC, RFC 3339).
    pub created: String,
    /// The command line that trained the model.
    pub command: String,
    pub train: String,
    pub dev: String,
    /// Word clusters and name lists, with where they came from.
    pub lexicons: Vec<String>,
    pub seed: u64,
    pub max_epochs: usize,
    pub epochs_run: usize,
    /// The epoch whose averaged weights were kept (best dev F1).
    pub best_epoch: usize,
    pub dev_f1: f64,
    pub hash_bits: u32,
    pub scheme: Option<Scheme>,
    /// Quantisation: `i16 weight = round(float weight × scale)`.
    pub scale: f32,
    /// The perceptrons averaged into the model.
    #[serde(default)]
    pub runs: Vec<RunInfo>,
    /// Trained on lowercased text, for text whose capitals carry nothing (all capitals or none):
    /// the tagger lowercases what it is given.
    #[serde(default)]
    pub caseless: bool,
}

/// One of the perceptrons averaged into a model.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct RunInfo {
    pub seed: u64,
    pub best_epoch: usize,
    pub epochs_run: usize,
    pub dev_f1: f64,
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    fn u16(&mut self, x: u16) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.at + n > self.bytes.len() {
            bail!("model file truncated");
        }
        let s = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("2 bytes")))
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }
}

/// Sorted so that the same model always writes the same bytes.
fn sorted<V: Copy>(map: &IdMap<V>) -> Vec<(u64, V)> {
    let mut v: Vec<(u64, V)> = map.iter().map(|(&k, &v)| (k, v)).collect();
    v.sort_unstable_by_key(|e| e.0);
    v
}

impl PerceptronTagger {
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let nl = self.scheme.labels();
        let mut p = Writer(Vec::with_capacity(self.emit.len() * 2 + (8 << 20)));
        p.u32(nl as u32);
        p.u32(self.bits);
        for &t in &self.trans {
            p.u32(t as u32);
        }
        p.0.extend(self.emit.iter().map(|&w| w as u16 as u8));
        p.0.extend(self.emit.iter().map(|&w| (w as u16 >> 8) as u8));
        let clusters = sorted(&self.lexicons.clusters);
        p.u32(clusters.len() as u32);
        for (k, ids) in clusters {
            p.u64(k);
            for id in ids {
                p.u16(id);
            }
        }
        let phrases = sorted(&self.lexicons.phrases);
        p.u32(phrases.len() as u32);
        for (k, kinds) in phrases {
            p.u64(k);
            p.u16(kinds);
        }
        let starts = sorted(&self.lexicons.starts);
        p.u32(starts.len() as u32);
        for (k, len) in starts {
            p.u64(k);
            p.u8(len);
        }
        let mut info = self.info.clone();
        info.features_version = FEATURES_VERSION;
        info.hash_bits = self.bits;
        info.scheme = Some(self.scheme);
        info.lexicons.clone_from(&self.lexicons.sources);
        let header = serde_json::to_vec_pretty(&info)?;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend(zstd::encode_all(p.0.as_slice(), 19).context("compressing the model")?);
        Ok(out)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        let tmp = path.with_extension("bin.tmp");
        std::fs::write(&tmp, &bytes).with_context(|| format!("{}: cannot write", tmp.display()))?;
        std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read the tagger model", path.display()))?;
        Self::from_bytes(&bytes).with_context(|| format!("{}: not a tagger model", path.display()))
    }

    /// The model the crate ships, `models/tagger.bin` of `models` (see [`crate::models::Models`]).
    pub fn from_models(models: &crate::models::Models) -> Result<Self> {
        Self::load(&models.path("tagger.bin"))
    }

    /// Only the header: how the model was made, without decoding the weights.
    pub fn read_info(path: &Path) -> Result<ModelInfo> {
        let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
        Ok(split(&bytes)?.0)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (info, payload) = split(bytes)?;
        if info.features_version != FEATURES_VERSION {
            bail!(
                "built with feature templates v{}, this program has v{FEATURES_VERSION}: retrain it",
                info.features_version
            );
        }
        let payload = zstd::decode_all(payload).context("decompressing the model")?;
        let mut r = Reader { bytes: &payload, at: 0 };
        let nl = r.u32()? as usize;
        let bits = r.u32()?;
        let scheme = info.scheme.context("no label scheme")?;
        if nl != scheme.labels() || !(8..=26).contains(&bits) {
            bail!("inconsistent header: {nl} labels, {bits} bits");
        }
        let trans = (0..(nl + 1) * nl).map(|_| r.u32().map(|t| t as i32)).collect::<Result<Vec<_>>>()?;
        let n = (1usize << bits) * nl;
        let lo = r.take(n)?;
        let hi = r.take(n)?;
        let emit = lo.iter().zip(hi).map(|(&l, &h)| (l as u16 | (h as u16) << 8) as i16).collect();
        let mut lex = Lexicons { sources: info.lexicons.clone(), ..Default::default() };
        let count = r.u32()? as usize;
        lex.clusters.reserve(count);
        for _ in 0..count {
            let k = r.u64()?;
            let mut ids = [0u16; CLUSTER_LEVELS];
            for id in &mut ids {
                *id = r.u16()?;
            }
            lex.clusters.insert(k, ids);
        }
        let count = r.u32()? as usize;
        lex.phrases.reserve(count);
        for _ in 0..count {
            let k = r.u64()?;
            lex.phrases.insert(k, r.u16()?);
        }
        let count = r.u32()? as usize;
        lex.starts.reserve(count);
        for _ in 0..count {
            let k = r.u64()?;
            lex.starts.insert(k, r.u8()?);
        }
        if r.at != payload.len() {
            bail!("{} trailing bytes", payload.len() - r.at);
        }
        Ok(PerceptronTagger::from_parts(info, lex, scheme, bits, emit, trans))
    }
}

fn split(bytes: &[u8]) -> Result<(ModelInfo, &[u8])> {
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        bail!("no ESTAGGER magic");
    }
    let format = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if format != FORMAT {
        bail!("model format {format}, this program reads {FORMAT}");
    }
    let len = u32::from_le_bytes(bytes[12..16].try_into().expect("4 bytes")) as usize;
    let header = bytes.get(16..16 + len).context("model header truncated")?;
    let info: ModelInfo = serde_json::from_slice(header).context("model header is not JSON")?;
    Ok((info, &bytes[16 + len..]))
}

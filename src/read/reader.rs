use std::collections::{HashSet, VecDeque};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::{Article, ReadItem, Reject};

/// How `Reject.file` names standard input.
const STDIN_NAME: &str = "<stdin>";

/// Longest JSON Lines record accepted. A file without newlines (a binary or a pretty-printed
/// dump renamed `.jsonl`) would otherwise be buffered whole, breaking the flat-memory promise.
const MAX_LINE_BYTES: usize = 64 << 20;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

type Stream = Box<dyn BufRead + Send>;

/// Streams articles from files, directories (recursively, files in sorted path order) and `-`
/// (stdin), lazily: memory stays flat on multi-gigabyte dumps.
///
/// Directories are listed up front (paths only) so that [`Reader::total_bytes`] is known before
/// the first article; file contents are read one line at a time.
pub struct Reader {
    pending: VecDeque<Input>,
    current: Option<Lines>,
    total_bytes: u64,
    bytes_read: Arc<AtomicU64>,
    raw_bytes_read: Arc<AtomicU64>,
    max_line_bytes: usize,
    buf: Vec<u8>,
}

enum Input {
    Stdin,
    File(PathBuf),
    /// A failure found while listing inputs, reported in its place in the input order.
    Reject(Reject),
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Format {
    JsonLines,
    Text,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

/// An open JSON Lines input.
struct Lines {
    name: String,
    stream: Stream,
    /// Number of the line most recently started.
    line: usize,
}

impl Reader {
    pub fn new(inputs: &[PathBuf]) -> Reader {
        let mut pending = VecDeque::new();
        let mut total_bytes = 0;
        for path in inputs {
            if path.as_os_str() == "-" {
                pending.push_back(Input::Stdin);
                continue;
            }
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    let mut found = Vec::new();
                    let mut visited = HashSet::new();
                    walk(path, &mut found, &mut visited);
                    found.sort_by(|a, b| a.0.cmp(&b.0));
                    for (_, input) in found {
                        if let Input::File(file) = &input {
                            total_bytes += fs::metadata(file).map(|m| m.len()).unwrap_or(0);
                        }
                        pending.push_back(input);
                    }
                }
                Ok(meta) => {
                    total_bytes += meta.len();
                    pending.push_back(Input::File(path.clone()));
                }
                // Opening it later reports the OS error in the input's place.
                Err(_) => pending.push_back(Input::File(path.clone())),
            }
        }
        Reader {
            pending,
            current: None,
            total_bytes,
            bytes_read: Arc::new(AtomicU64::new(0)),
            raw_bytes_read: Arc::new(AtomicU64::new(0)),
            max_line_bytes: MAX_LINE_BYTES,
            buf: Vec::new(),
        }
    }

    /// Total bytes of the input files (compressed size), for progress bars; stdin counts 0.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// Bytes of input consumed so far (uncompressed text bytes read), shared with a progress bar.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes_read)
    }

    /// Bytes consumed so far from input files as stored on disk (compressed size, stdin
    /// excluded): the same unit as [`Reader::total_bytes`], so a progress bar over compressed
    /// inputs ends at 100% rather than several times past it.
    pub fn raw_bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.raw_bytes_read)
    }

    /// Starts the next input; a whole-file result (a `.txt` article or a reject) is returned
    /// directly, a JSON Lines input becomes `self.current`.
    fn open_next(&mut self) -> Option<Option<ReadItem>> {
        let input = self.pending.pop_front()?;
        Some(match input {
            Input::Reject(reject) => Some(ReadItem::Reject(reject)),
            Input::Stdin => {
                match sniff(Box::new(BufReader::new(io::stdin()))) {
                    Ok(stream) => self.current = Some(Lines { name: STDIN_NAME.into(), stream, line: 0 }),
                    Err(e) => return Some(Some(reject(STDIN_NAME, None, format!("read error: {e}")))),
                }
                None
            }
            Input::File(path) => {
                let name = path.display().to_string();
                let (compression, format, stem) = classify(&path);
                let file = match File::open(&path) {
                    Ok(file) => file,
                    Err(e) => return Some(Some(reject(&name, None, format!("cannot open: {e}")))),
                };
                let Some(format) = format else {
                    return Some(Some(reject(
                        &name,
                        None,
                        "unsupported file type (expected .jsonl, .ndjson, .json or .txt, \
                         optionally .gz or .zst)",
                    )));
                };
                let counted = Counted { inner: file, count: Arc::clone(&self.raw_bytes_read) };
                let stream = match decode(counted, compression) {
                    Ok(stream) => stream,
                    Err(e) => return Some(Some(reject(&name, None, format!("read error: {e}")))),
                };
                match format {
                    Format::JsonLines => {
                        self.current = Some(Lines { name, stream, line: 0 });
                        None
                    }
                    Format::Text => Some(self.read_text(name, stem, stream)),
                }
            }
        })
    }

    fn read_text(&self, name: String, stem: String, mut stream: Stream) -> ReadItem {
        let mut bytes = Vec::new();
        let result = stream.read_to_end(&mut bytes);
        self.bytes_read.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if let Err(e) = result {
            return reject(&name, None, format!("read error: {e}"));
        }
        let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
        let text = match std::str::from_utf8(body) {
            Ok(text) => text,
            Err(e) => return reject(&name, None, utf8_reason(&e)),
        };
        if text.trim().is_empty() {
            return reject(&name, None, "empty text");
        }
        let id = if stem.trim().is_empty() { Article::text_id(text) } else { stem };
        ReadItem::Article(Article { id, text: text.to_owned(), ..Default::default() })
    }

    /// The next item of the open JSON Lines input; `None` once it is exhausted or broken.
    fn next_line(&mut self) -> Option<ReadItem> {
        let lines = self.current.as_mut()?;
        loop {
            self.buf.clear();
            lines.line += 1;
            let limit = self.max_line_bytes as u64 + 1;
            let read = Read::take(&mut lines.stream, limit).read_until(b'\n', &mut self.buf);
            self.bytes_read.fetch_add(self.buf.len() as u64, Ordering::Relaxed);
            match read {
                Ok(0) => {
                    self.current = None;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    let item = reject(&lines.name, Some(lines.line), format!("read error: {e}"));
                    self.current = None;
                    return Some(item);
                }
            }
            if self.buf.last() != Some(&b'\n') && self.buf.len() as u64 == limit {
                let item =
                    reject(&lines.name, Some(lines.line), format!("line longer than {} bytes", self.max_line_bytes));
                if let Err(e) = skip_line(&mut lines.stream, &self.bytes_read) {
                    let item = reject(&lines.name, Some(lines.line), format!("read error: {e}"));
                    self.current = None;
                    return Some(item);
                }
                return Some(item);
            }
            let mut bytes = &self.buf[..];
            bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            if lines.line == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => return Some(reject(&lines.name, Some(lines.line), utf8_reason(&e))),
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(match Article::from_json_line(text) {
                Ok(article) => ReadItem::Article(article),
                Err(reason) => reject(&lines.name, Some(lines.line), reason),
            });
        }
    }
}

impl Iterator for Reader {
    type Item = ReadItem;

    fn next(&mut self) -> Option<ReadItem> {
        loop {
            if self.current.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                continue;
            }
            if let Some(item) = self.open_next()? {
                return Some(item);
            }
        }
    }
}

fn reject(file: &str, line: Option<usize>, reason: impl Into<String>) -> ReadItem {
    ReadItem::Reject(Reject { file: file.to_owned(), line, reason: reason.into() })
}

/// Names the first bad byte 1-based, like serde_json's columns, so both point the same way.
fn utf8_reason(e: &std::str::Utf8Error) -> String {
    format!("invalid UTF-8 (byte {})", e.valid_up_to() + 1)
}

/// Compression, format and article stem of a path, from its extensions (case-insensitive).
fn classify(path: &Path) -> (Compression, Option<Format>, String) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (mut rest, compression) = match split_ext(&name) {
        Some((base, ext)) if ext == "gz" => (base, Compression::Gzip),
        Some((base, ext)) if ext == "zst" => (base, Compression::Zstd),
        _ => (name.as_str(), Compression::None),
    };
    let mut format = None;
    if let Some((base, ext)) = split_ext(rest) {
        format = match ext.as_str() {
            "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
            "txt" => Some(Format::Text),
            _ => None,
        };
        if format.is_some() {
            rest = base;
        }
    }
    (compression, format, rest.to_owned())
}

/// `name` split at its last dot, with the extension lower-cased; a leading dot is no extension.
fn split_ext(name: &str) -> Option<(&str, String)> {
    let dot = name.rfind('.').filter(|&i| i > 0)?;
    Some((&name[..dot], name[dot + 1..].to_ascii_lowercase()))
}

/// Collects the readable files under `dir` (and listing failures) with their sort keys.
fn walk(dir: &Path, found: &mut Vec<(PathBuf, Input)>, visited: &mut HashSet<PathBuf>) {
    // Symlinked directories are followed, so a link back up the tree must not loop forever.
    if let Ok(real) = fs::canonicalize(dir) {
        if !visited.insert(real) {
            return;
        }
    }
    let listing_error = |e: io::Error| {
        let reason = format!("cannot read directory: {e}");
        (dir.to_path_buf(), Input::Reject(Reject { file: dir.display().to_string(), line: None, reason }))
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return found.push(listing_error(e)),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.push(listing_error(e));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false),
            Ok(t) => t.is_dir(),
            Err(_) => false,
        };
        if is_dir {
            walk(&path, found, visited);
        } else if classify(&path).1.is_some() {
            found.push((path.clone(), Input::File(path)));
        }
    }
}

fn decode<R: Read + Send + 'static>(inner: R, compression: Compression) -> io::Result<Stream> {
    Ok(match compression {
        Compression::None => Box::new(BufReader::new(inner)),
        Compression::Gzip => {
            // Multi-member, because `cat a.gz b.gz` and parallel gzip tools produce several.
            Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(BufReader::new(inner))))
        }
        Compression::Zstd => Box::new(BufReader::new(zstd::stream::read::Decoder::new(inner)?)),
    })
}

/// Stdin has no extension to go by, so a compressed pipe is recognised by its magic bytes.
fn sniff(mut stream: Stream) -> io::Result<Stream> {
    let head = stream.fill_buf()?;
    if head.starts_with(GZIP_MAGIC) {
        decode(stream, Compression::Gzip)
    } else if head.starts_with(ZSTD_MAGIC) {
        decode(stream, Compression::Zstd)
    } else {
        Ok(stream)
    }
}

/// Discards the rest of an over-long line without buffering it.
fn skip_line(stream: &mut Stream, bytes_read: &AtomicU64) -> io::Result<()> {
    loop {
        let chunk = stream.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        let (used, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        stream.consume(used);
        bytes_read.fetch_add(used as u64, Ordering::Relaxed);
        if done {
            return Ok(());
        }
    }
}

/// Counts bytes as they come off the disk, before any decompression.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
impl Reader {
    pub(super) fn set_max_line_bytes(&mut self, n: usize) {
        self.max_line_bytes = n;
    }
}

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use serde_json::json;

use super::*;

fn read_all(inputs: &[PathBuf]) -> Vec<ReadItem> {
    Reader::new(inputs).collect()
}

fn articles(items: &[ReadItem]) -> Vec<&Article> {
    items
        .iter()
        .filter_map(|i| match i {
            ReadItem::Article(a) => Some(a),
            ReadItem::Reject(_) => None,
        })
        .collect()
}

fn rejects(items: &[ReadItem]) -> Vec<&Reject> {
    items
        .iter()
        .filter_map(|i| match i {
            ReadItem::Reject(r) => Some(r),
            ReadItem::Article(_) => None,
        })
        .collect()
}

fn ids(items: &[ReadItem]) -> Vec<&str> {
    articles(items).iter().map(|a| a.id.as_str()).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

/// Good line, bad JSON, no text, non-UTF-8, numeric id, blank lines, non-object.
const MIXED: &[u8] = b"{\"id\": \"a1\", \"text\": \"Gunmen killed 12.\", \"published\": \"2025-06-02\"}\n\
{\"id\": \"a2\", \"text\": \n\
\n\
{\"id\": \"a3\", \"title\": \"No body\"}\n\
{\"id\": \"a4\", \"text\": \"caf\xe9\"}\n\
\x20\x20\t\n\
{\"id\": 42, \"text\": \"Shelling hit the market.\"}\n\
[1, 2]\n\
{\"id\": \"a8\", \"text\": \"\"}\n\
{\"id\": \"a9\", \"text\": \"Last line, no newline.\"}";

#[test]
fn jsonl_mixed_lines_give_articles_and_numbered_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    write(&path, MIXED);
    let items = read_all(std::slice::from_ref(&path));
    let name = path.display().to_string();

    assert_eq!(ids(&items), ["a1", "42", "a9"]);
    let first = articles(&items)[0];
    assert_eq!(first.text, "Gunmen killed 12.");
    assert_eq!(first.published.as_deref(), Some("2025-06-02"));

    let got: Vec<(Option<usize>, &str)> = rejects(&items).iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(rejects(&items).iter().all(|r| r.file == name));
    assert_eq!(got[0].0, Some(2));
    assert!(got[0].1.contains("EOF while parsing"), "{}", got[0].1);
    assert_eq!(got[1], (Some(4), "no \"text\" field"));
    assert_eq!(got[2], (Some(5), "invalid UTF-8 (byte 26)"));
    assert_eq!(got[3], (Some(8), "not a JSON object (found an array)"));
    assert_eq!(got[4], (Some(9), "empty text"));

    // Items come out in file order, rejects interleaved where they occurred.
    let order: Vec<String> = items
        .iter()
        .map(|i| match i {
            ReadItem::Article(a) => a.id.clone(),
            ReadItem::Reject(r) => format!("line {}", r.line.unwrap()),
        })
        .collect();
    assert_eq!(order, ["a1", "line 2", "line 4", "line 5", "42", "line 8", "line 9", "a9"]);
}

#[test]
fn reject_display() {
    let with_line = Reject { file: "a.jsonl".into(), line: Some(3), reason: "empty text".into() };
    let without = Reject { file: "b.txt".into(), line: None, reason: "invalid UTF-8 (byte 1)".into() };
    assert_eq!(with_line.to_string(), "a.jsonl:3: empty text");
    assert_eq!(without.to_string(), "b.txt: invalid UTF-8 (byte 1)");
}

#[test]
fn unknown_fields_are_kept_in_order_and_known_fields_typed() {
    let line = json!({
        "text": "Body.", "zeta": {"nested": [1, 2]}, "title": "T", "alpha": 1.5,
        "url": null, "source": "Wire", "language": "en", "mid": null
    })
    .to_string();
    let a = Article::from_json_line(&line).unwrap();
    assert_eq!(a.title.as_deref(), Some("T"));
    assert_eq!(a.url, None);
    assert_eq!(a.source.as_deref(), Some("Wire"));
    assert_eq!(a.language.as_deref(), Some("en"));
    let keys: Vec<&str> = a.extra.keys().map(String::as_str).collect();
    assert_eq!(keys, ["zeta", "alpha", "mid"]);
    assert_eq!(a.extra["zeta"], json!({"nested": [1, 2]}));
    assert_eq!(a.extra["alpha"], json!(1.5));
    assert_eq!(a.extra["mid"], json!(null));

    let err = Article::from_json_line(r#"{"text": "x", "published": 2025}"#).unwrap_err();
    assert_eq!(err, "\"published\" is not a string (found a number)");
    let err = Article::from_json_line(r#"{"text": "x", "id": true}"#).unwrap_err();
    assert!(err.starts_with("\"id\" must be a string or a number"), "{err}");
    let err = Article::from_json_line(r#"{"text": 7}"#).unwrap_err();
    assert!(err.starts_with("no \"text\" field"), "{err}");
    let err = Article::from_json_line(r#"{"text": null}"#).unwrap_err();
    assert_eq!(err, "no \"text\" field");
    let err = Article::from_json_line(r#""just a string""#).unwrap_err();
    assert_eq!(err, "not a JSON object (found a string)");
}

#[test]
fn id_from_hash_when_absent_and_stable() {
    let text = "Militants attacked a checkpoint.";
    let line = json!({ "text": text }).to_string();
    let a = Article::from_json_line(&line).unwrap();
    let b = Article::from_json_line(&line).unwrap();
    assert_eq!(a.id, b.id);
    assert_eq!(a.id, Article::text_id(text));
    assert_eq!(a.id, text_id(text));
    assert_eq!(a.id.len(), 16);
    assert!(a.id.chars().all(|c| c.is_ascii_hexdigit()));
    // Pinned, so ids stay stable across releases and machines.
    assert_eq!(text_id("abc"), "ba7816bf8f01cfea");
    assert_ne!(a.id, text_id("Militants attacked a checkpoint!"));
    // A blank or null id would make every such article collide downstream.
    for id in [json!(""), json!("  "), json!(null)] {
        let a = Article::from_json_line(&json!({ "id": id, "text": text }).to_string()).unwrap();
        assert_eq!(a.id, text_id(text));
    }
    assert_eq!(Article::from_json_line(r#"{"id": 7.5, "text": "x"}"#).unwrap().id, "7.5");
}

#[test]
fn txt_file_is_one_article_with_stem_id() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("sahel-report.txt");
    let packed = dir.path().join("x.txt.gz");
    let body = "On June 2, JNIM fighters attacked Timbuktu.\n\nSecond paragraph.\n";
    write(&plain, body.as_bytes());
    write(&packed, &gzip(body.as_bytes()));
    let items = read_all(&[plain, packed]);
    let got = articles(&items);
    assert_eq!(got.len(), 2, "{items:?}");
    assert_eq!(got[0].id, "sahel-report");
    assert_eq!(got[0].text, body);
    assert_eq!(got[0].published, None);
    assert_eq!(got[1].id, "x");
    assert_eq!(got[1].text, body);
}

#[test]
fn txt_with_invalid_utf8_is_rejected_whole() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    write(&bad, b"ok\n\xff\xfe");
    let items = read_all(std::slice::from_ref(&bad));
    assert_eq!(
        items,
        [ReadItem::Reject(Reject {
            file: bad.display().to_string(),
            line: None,
            reason: "invalid UTF-8 (byte 4)".into(),
        })]
    );
}

#[test]
fn gz_and_zst_match_plain() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("a.jsonl");
    let gz = dir.path().join("b.jsonl.gz");
    let zst = dir.path().join("c.ndjson.zst");
    write(&plain, MIXED);
    write(&gz, &gzip(MIXED));
    write(&zst, &zstd::encode_all(MIXED, 3).unwrap());

    let strip_file = |items: Vec<ReadItem>| -> Vec<ReadItem> {
        items
            .into_iter()
            .map(|i| match i {
                ReadItem::Reject(r) => ReadItem::Reject(Reject { file: String::new(), ..r }),
                a => a,
            })
            .collect()
    };
    let want = strip_file(read_all(&[plain]));
    assert_eq!(strip_file(read_all(&[gz])), want);
    assert_eq!(strip_file(read_all(&[zst])), want);
}

#[test]
fn concatenated_gzip_members_are_all_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("multi.jsonl.gz");
    let mut bytes = gzip(b"{\"id\":\"m1\",\"text\":\"one\"}\n");
    bytes.extend(gzip(b"{\"id\":\"m2\",\"text\":\"two\"}\n"));
    write(&path, &bytes);
    assert_eq!(ids(&read_all(&[path])), ["m1", "m2"]);
}

#[test]
fn truncated_gzip_rejects_at_the_line_and_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.jsonl.gz");
    let next = dir.path().join("next.jsonl");
    let mut body = Vec::new();
    for i in 0..2000 {
        body.extend(format!("{{\"id\":\"t{i}\",\"text\":\"body {i} {}\"}}\n", i * 7919).bytes());
    }
    let packed = gzip(&body);
    write(&broken, &packed[..packed.len() / 2]);
    write(&next, b"{\"id\":\"after\",\"text\":\"still read\"}\n");
    let items = read_all(&[broken.clone(), next]);

    let got = articles(&items);
    assert!(got.len() > 10 && got.len() < 2000, "{}", got.len());
    for (i, a) in got.iter().take(got.len() - 1).enumerate() {
        assert_eq!(a.id, format!("t{i}"));
    }
    assert_eq!(got.last().unwrap().id, "after");
    let r = rejects(&items);
    // The cut can fall mid-line (one partial-line reject) before the read error.
    let fatal = r.last().unwrap();
    assert_eq!(fatal.file, broken.display().to_string());
    assert!(fatal.reason.starts_with("read error"), "{fatal}");
    assert!(fatal.line.unwrap() >= got.len(), "{fatal}");
    assert!(matches!(items.last(), Some(ReadItem::Article(a)) if a.id == "after"));
}

#[test]
fn directory_is_walked_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let line = |id: &str| format!("{{\"id\":\"{id}\",\"text\":\"body of {id}\"}}\n");
    write(&root.join("b.jsonl"), line("b").as_bytes());
    write(&root.join("a/z.ndjson"), line("a/z").as_bytes());
    write(&root.join("a/deeper/m.json.gz"), &gzip(line("a/deeper/m").as_bytes()));
    write(&root.join("a/c.txt"), b"plain text article");
    write(&root.join("c/d.jsonl.zst"), &zstd::encode_all(line("c/d").as_bytes(), 0).unwrap());
    write(&root.join("ignored.csv"), b"id,text\n1,nope\n");
    write(&root.join("notes.md"), b"# nope");
    write(&root.join(".hidden.jsonl"), line("hidden").as_bytes());
    write(&root.join(".git/objects.jsonl"), line("hidden-dir").as_bytes());
    write(&root.join("c/archive.tar.gz"), &gzip(b"nope"));

    let mut reader = Reader::new(&[root.to_path_buf()]);
    let want_total: u64 = ["b.jsonl", "a/z.ndjson", "a/deeper/m.json.gz", "a/c.txt", "c/d.jsonl.zst"]
        .iter()
        .map(|p| fs::metadata(root.join(p)).unwrap().len())
        .sum();
    assert_eq!(reader.total_bytes(), want_total);
    let raw = reader.raw_bytes_read();
    let items: Vec<ReadItem> = reader.by_ref().collect();
    assert!(rejects(&items).is_empty(), "{items:?}");
    assert_eq!(ids(&items), ["c", "a/deeper/m", "a/z", "b", "c/d"]);
    assert_eq!(raw.load(Ordering::Relaxed), want_total);
}

#[test]
fn missing_path_is_rejected_and_the_run_continues() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.jsonl");
    let good = dir.path().join("good.jsonl");
    write(&good, b"{\"id\":\"g\",\"text\":\"fine\"}\n");
    let items = read_all(&[missing.clone(), good]);
    assert_eq!(items.len(), 2, "{items:?}");
    let ReadItem::Reject(r) = &items[0] else { panic!("{items:?}") };
    assert_eq!(r.file, missing.display().to_string());
    assert_eq!(r.line, None);
    assert!(r.reason.contains("os error"), "{r}");
    assert!(matches!(&items[1], ReadItem::Article(a) if a.id == "g"));
}

#[test]
fn explicit_file_of_unknown_type_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("data.csv");
    write(&csv, b"id,text\n");
    let items = read_all(&[csv]);
    let r = rejects(&items);
    assert_eq!(r.len(), 1);
    assert!(r[0].reason.starts_with("unsupported file type"), "{}", r[0]);
}

#[test]
fn bytes_read_counts_uncompressed_text() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("a.jsonl.gz");
    write(&gz, &gzip(MIXED));
    let reader = Reader::new(std::slice::from_ref(&gz));
    assert_eq!(reader.total_bytes(), fs::metadata(&gz).unwrap().len());
    let read = reader.bytes_read();
    let raw = reader.raw_bytes_read();
    assert_eq!(reader.count(), 8);
    assert_eq!(read.load(Ordering::Relaxed), MIXED.len() as u64);
    assert_eq!(raw.load(Ordering::Relaxed), fs::metadata(&gz).unwrap().len());
}

#[test]
fn crlf_bom_and_overlong_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("win.jsonl");
    let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}", "x".repeat(500));
    let body =
        format!("\u{feff}{{\"id\":\"w1\",\"text\":\"one\"}}\r\n{long}\r\n{{\"id\":\"w3\",\"text\":\"three\"}}\r\n");
    write(&path, body.as_bytes());
    let mut reader = Reader::new(&[path]);
    reader.set_max_line_bytes(100);
    let items: Vec<ReadItem> = reader.collect();
    assert_eq!(ids(&items), ["w1", "w3"]);
    assert_eq!(articles(&items)[0].text, "one");
    let r = rejects(&items);
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].line, r[0].reason.as_str()), (Some(2), "line longer than 100 bytes"));
}

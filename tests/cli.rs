//! The `eventsift` binary as an analyst or a data engineer runs it: inputs of every kind, bad
//! lines reported and skipped, the record contract of SCHEMA.md, byte offsets, determinism across
//! batch sizes, and the `eval` and `explain` commands.
//!
//! Every test spawns the real binary. The models load in a second or two, so tests keep the
//! number of runs small and spawn independent runs side by side.

use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// Publication date 2025-03-03 (a Monday): "on Sunday" is 2025-03-02.
const MOPTI: &str = "BAMAKO, March 3 - Suspected jihadists killed 12 soldiers in an ambush near \
                     Mopti on Sunday, the army said.";
const MOGADISHU: &str = "MOGADISHU, May 10 - At least seven people were killed when a car bomb \
                         exploded at a checkpoint in Mogadishu on Saturday, police said. \
                         Al-Shabaab claimed responsibility.";
/// Multi-byte characters (É, em dashes, é, guillemets) before and after the trigger, so that
/// character offsets and byte offsets differ.
const SEGOU: &str = "SÉGOU, March 3 — Suspected jihadists killed 12 soldiers in an ambush near \
                     Djenné on Sunday, the army said.\n\nThe attack — the third this month — \
                     came as « tensions » rose across the Ségou region.";

fn article_line(id: &str, published: &str, text: &str) -> String {
    json!({ "id": id, "published": published, "source": "cli test", "text": text }).to_string()
}

/// Two good articles around three bad lines: invalid JSON (line 2), no `text` (line 3),
/// invalid UTF-8 (line 4).
fn mixed_jsonl() -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend(article_line("mopti", "2025-03-03", MOPTI).bytes());
    bytes.extend(b"\n{\"id\": \"broken\", \"text\": \"Gunmen attacked\n");
    bytes.extend(b"{\"id\": \"untitled\", \"title\": \"No body here\"}\n");
    bytes.extend(b"{\"id\": \"latin1\", \"text\": \"Gunmen attacked Djenn\xe9 overnight.\"}\n");
    bytes.extend(article_line("mogadishu", "2025-05-10", MOGADISHU).bytes());
    bytes.push(b'\n');
    bytes
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_path() -> PathBuf {
    crate_root().join("corpus/articles.jsonl")
}

/// The binary with a clean environment for its own variables, run from `cwd`.
fn eventsift(cwd: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_eventsift"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("EVENTSIFT_MODELS")
        .env_remove("EVENTSIFT_GAZETTEER")
        .env_remove("EVENTSIFT_SHARED")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn spawn(cmd: &mut Command) -> Child {
    cmd.spawn().expect("the eventsift binary starts")
}

fn spawn_with_stdin(cmd: &mut Command, input: Vec<u8>) -> (Child, std::thread::JoinHandle<()>) {
    let mut child = cmd.stdin(Stdio::piped()).spawn().expect("the eventsift binary starts");
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        stdin.write_all(&input).unwrap();
    });
    (child, feeder)
}

fn finish(child: Child) -> Output {
    child.wait_with_output().unwrap()
}

fn run(cmd: &mut Command) -> Output {
    finish(spawn(cmd))
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn assert_ok(out: &Output) {
    assert!(out.status.success(), "exit {:?}\nstderr:\n{}\nstdout:\n{}", out.status.code(), stderr(out), stdout(out));
}

/// Every line of JSON Lines output, parsed; panics on a line that is not a JSON object.
fn parse_records(text: &str) -> Vec<Value> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("output line {} is not JSON ({e}): {line}", i + 1));
            assert!(v.is_object(), "output line {} is not an object: {line}", i + 1);
            v
        })
        .collect()
}

fn records(out: &Output) -> Vec<Value> {
    parse_records(&stdout(out))
}

/// Article ids in the order their records appear, consecutive repeats collapsed.
fn article_order(records: &[Value]) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for r in records {
        let id = r["article_id"].as_str().expect("article_id is a string").to_string();
        if order.last() != Some(&id) {
            order.push(id);
        }
    }
    order
}

fn records_of<'a>(records: &'a [Value], article: &str) -> Vec<&'a Value> {
    records.iter().filter(|r| r["article_id"] == article).collect()
}

/// The `eventsift: N articles, M incidents, R rejected, …` line that ends every run.
fn summary(out: &Output) -> (u64, u64, u64) {
    let err = stderr(out);
    let last = err.lines().last().unwrap_or_else(|| panic!("no summary line on stderr"));
    let rest =
        last.strip_prefix("eventsift: ").unwrap_or_else(|| panic!("last stderr line is not the summary: {last:?}"));
    let field = |suffix: &str| -> u64 {
        rest.split(", ")
            .find_map(|part| part.strip_suffix(suffix))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("summary {last:?} has no '{suffix}' count"))
    };
    (field(" articles"), field(" incidents"), field(" rejected"))
}

/// The stderr lines other than the summary (reject reports and the like).
fn reports(out: &Output) -> Vec<String> {
    let err = stderr(out);
    let mut lines: Vec<String> = err.lines().map(str::to_string).collect();
    lines.pop();
    lines
}

fn count_low(record: &Value, field: &str) -> Option<u64> {
    record["casualties"][field]["low"].as_u64()
}

#[test]
fn jsonl_bad_lines_are_reported_counted_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("wire.jsonl");
    write(&input, &mixed_jsonl());
    let out = run(&mut eventsift(dir.path(), &["extract", "--input", input.to_str().unwrap()]));
    assert_ok(&out);

    let name = input.display().to_string();
    let rejects = reports(&out);
    assert_eq!(rejects.len(), 3, "one report per bad line, nothing else:\n{}", stderr(&out));
    let line2 = format!("{name}:2: ");
    assert!(rejects[0].starts_with(&line2), "{:?} should start with {line2:?}", rejects[0]);
    assert!(rejects[0].len() > line2.len(), "the JSON error has a reason: {:?}", rejects[0]);
    assert_eq!(rejects[1], format!("{name}:3: no \"text\" field"));
    assert!(
        rejects[2].starts_with(&format!("{name}:4: invalid UTF-8")),
        "{:?} should name line 4 as invalid UTF-8",
        rejects[2]
    );

    let recs = records(&out);
    let (articles, incidents, rejected) = summary(&out);
    assert_eq!((articles, rejected), (2, 3), "summary: {}", stderr(&out));
    assert_eq!(incidents, recs.len() as u64, "the summary counts the records written");
    assert_eq!(article_order(&recs), ["mopti", "mogadishu"], "both good articles, in input order");

    let mopti = records_of(&recs, "mopti");
    assert_eq!(mopti.len(), 1, "{mopti:#?}");
    assert_eq!(mopti[0]["id"], "mopti#1");
    assert_eq!(mopti[0]["event_type"], "armed_assault");
    assert_eq!(mopti[0]["location"]["name"], "Mopti");
    assert_eq!(mopti[0]["location"]["country_code"], "ML");
    assert_eq!(mopti[0]["date"]["start"], "2025-03-02", "'on Sunday' before Monday 3 March");
    assert_eq!(count_low(mopti[0], "killed"), Some(12));
    assert_eq!(mopti[0]["casualties"]["killed"]["qualifier"], "exact");
    assert!(mopti[0]["tactics"].as_array().unwrap().contains(&json!("ambush")));

    let mog = records_of(&recs, "mogadishu");
    assert_eq!(mog.len(), 1, "{mog:#?}");
    assert_eq!(mog[0]["id"], "mogadishu#1");
    assert_eq!(mog[0]["location"]["name"], "Mogadishu");
    assert_eq!(count_low(mog[0], "killed"), Some(7));
    assert_eq!(mog[0]["casualties"]["killed"]["qualifier"], "at_least");
    assert_eq!(mog[0]["perpetrators"][0]["canonical"], "Al-Shabaab");
}

#[test]
fn directory_input_recurses_into_subfolders_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("inbox");
    write(&root.join("a.jsonl"), format!("{}\n", article_line("mog", "2025-05-10", MOGADISHU)).as_bytes());
    write(&root.join("sub/deeper/mopti-ambush.txt"), MOPTI.as_bytes());
    write(&root.join("sub/segou.txt.gz"), &gzip(SEGOU.as_bytes()));
    // Not articles: skipped silently, not rejected.
    write(&root.join("sub/notes.md"), b"# analyst notes\nGunmen killed 40 people in Gao.\n");
    write(&root.join(".cache/stale.jsonl"), article_line("stale", "2025-01-01", MOPTI).as_bytes());

    let out = run(&mut eventsift(dir.path(), &["extract", "-i", "inbox"]));
    assert_ok(&out);
    let recs = records(&out);
    assert_eq!(article_order(&recs), ["mog", "mopti-ambush", "segou"], "stderr: {}", stderr(&out));
    assert_eq!(summary(&out), (3, recs.len() as u64, 0), "stderr: {}", stderr(&out));
    assert!(reports(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn gz_input_gives_the_same_records_as_the_plain_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = Vec::new();
    for (id, date, text) in
        [("mopti", "2025-03-03", MOPTI), ("mogadishu", "2025-05-10", MOGADISHU), ("segou", "2025-03-03", SEGOU)]
    {
        jsonl.extend(article_line(id, date, text).bytes());
        jsonl.push(b'\n');
    }
    write(&dir.path().join("plain/wire.jsonl"), &jsonl);
    write(&dir.path().join("packed/wire.jsonl.gz"), &gzip(&jsonl));
    write(&dir.path().join("plain/mopti.txt"), MOPTI.as_bytes());
    write(&dir.path().join("packed/mopti.txt.gz"), &gzip(MOPTI.as_bytes()));

    let mut plain = eventsift(dir.path(), &["extract", "-i", "plain/wire.jsonl", "plain/mopti.txt"]);
    let mut packed = eventsift(dir.path(), &["extract", "-i", "packed/wire.jsonl.gz", "packed/mopti.txt.gz"]);
    let (plain, packed) = (spawn(&mut plain), spawn(&mut packed));
    let (plain, packed) = (finish(plain), finish(packed));
    assert_ok(&plain);
    assert_ok(&packed);

    let recs = records(&plain);
    assert_eq!(article_order(&recs), ["mopti", "mogadishu", "segou", "mopti"]);
    assert_eq!(stdout(&packed), stdout(&plain), "gzip must not change a single byte of output");
    assert_eq!(summary(&packed).0, 4);
    assert_eq!(summary(&packed).2, 0, "{}", stderr(&packed));
}

#[test]
fn dash_reads_stdin_plain_or_gzipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut plain = eventsift(dir.path(), &["extract", "-i", "-"]);
    let mut packed = eventsift(dir.path(), &["extract", "--input", "-"]);
    let (plain, feed1) = spawn_with_stdin(&mut plain, mixed_jsonl());
    let (packed, feed2) = spawn_with_stdin(&mut packed, gzip(&mixed_jsonl()));
    let (plain, packed) = (finish(plain), finish(packed));
    feed1.join().unwrap();
    feed2.join().unwrap();

    for out in [&plain, &packed] {
        assert_ok(out);
        let recs = records(out);
        assert_eq!(summary(out), (2, recs.len() as u64, 3), "{}", stderr(out));
        assert_eq!(article_order(&recs), ["mopti", "mogadishu"]);
    }
    assert_eq!(stdout(&packed), stdout(&plain), "a gzipped pipe is recognised and decoded");
    let rejects = reports(&plain);
    let places: Vec<&str> = rejects.iter().map(|r| r.split(": ").next().unwrap()).collect();
    assert_eq!(places, ["<stdin>:2", "<stdin>:3", "<stdin>:4"], "{}", stderr(&plain));
    assert_eq!(reports(&packed), rejects);
}

/// SCHEMA.md's record, key by key, with its vocabularies.
fn check_schema(r: &Value) {
    let keys = |v: &Value| -> BTreeSet<String> {
        v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect()
    };
    let set = |names: &[&str]| -> BTreeSet<String> { names.iter().map(|s| s.to_string()).collect() };
    let top = set(&[
        "id",
        "article_id",
        "event_type",
        "acled",
        "gtd_attack_type",
        "date",
        "location",
        "perpetrators",
        "targets",
        "casualties",
        "tactics",
        "weapons_seized",
        "historical",
        "aggregate",
        "trigger",
        "evidence",
        "confidence",
    ]);
    assert!(keys(r).is_superset(&top), "missing {:?} in {r}", top.difference(&keys(r)).collect::<Vec<_>>());

    let event_types = [
        "armed_assault",
        "armed_clash",
        "bombing",
        "suicide_bombing",
        "shelling",
        "air_drone_strike",
        "kidnapping",
        "hostage_taking",
        "mass_killing",
        "assassination",
        "seizure_of_territory",
        "looting_destruction",
        "arson",
        "arrest",
        "curfew",
        "protest",
        "riot",
        "other",
    ];
    let kinds = [
        "armed_group",
        "state_military",
        "police",
        "militia",
        "private_military",
        "peacekeepers",
        "foreign_military",
        "government",
        "civilian",
        "mixed",
        "unknown",
    ];
    let tactics = [
        "complex_attack",
        "ambush",
        "svbied",
        "vbied",
        "ied",
        "suicide_bombing",
        "landmine",
        "grenade",
        "mortar",
        "artillery",
        "rocket",
        "drone",
        "airstrike",
        "small_arms",
        "arson",
        "disguise",
        "infiltration",
        "kidnapping",
        "seizure_of_town",
        "looting",
        "siege",
        "human_shield",
    ];
    let acled_types = [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ];
    let qualifiers = ["exact", "at_least", "more_than", "about", "up_to", "range", "vague"];
    let in_vocab = |v: &Value, vocab: &[&str], what: &str| {
        let s = v.as_str().unwrap_or_else(|| panic!("{what} is not a string in {r}"));
        assert!(vocab.contains(&s), "{what} {s:?} is not in SCHEMA.md's vocabulary");
    };

    assert!(r["id"].is_string() && r["article_id"].is_string());
    in_vocab(&r["event_type"], &event_types, "event_type");
    assert!(keys(&r["acled"]).is_superset(&set(&["event_type", "sub_event_type"])), "{r}");
    in_vocab(&r["acled"]["event_type"], &acled_types, "acled.event_type");
    assert!(r["acled"]["sub_event_type"].is_string(), "{r}");
    assert!(r["gtd_attack_type"].is_string() || r["gtd_attack_type"].is_null(), "{r}");
    if !r["date"].is_null() {
        assert!(keys(&r["date"]).is_superset(&set(&["start", "end", "precision", "text"])), "{r}");
        in_vocab(&r["date"]["precision"], &["day", "week", "month", "year", "unknown"], "date.precision");
    }
    if !r["location"].is_null() {
        let want = set(&["name", "admin1", "country", "country_code", "lat", "lon", "geonames_id", "precision"]);
        assert!(keys(&r["location"]).is_superset(&want), "{r}");
        in_vocab(
            &r["location"]["precision"],
            &["exact", "city", "admin2", "admin1", "country", "unknown"],
            "location.precision",
        );
    }
    for role in ["perpetrators", "targets"] {
        for actor in r[role].as_array().unwrap_or_else(|| panic!("{role} is not an array in {r}")) {
            assert!(keys(actor).is_superset(&set(&["name", "canonical", "kind"])), "{r}");
            in_vocab(&actor["kind"], &kinds, "actor kind");
        }
    }
    let c = &r["casualties"];
    assert!(keys(c).is_superset(&set(&["killed", "wounded", "hostages", "victim_kind", "breakdown"])), "{r}");
    for field in ["killed", "wounded", "hostages"] {
        let n = &c[field];
        if n.is_null() {
            continue;
        }
        assert!(keys(n).is_superset(&set(&["low", "best", "high", "qualifier", "text"])), "{r}");
        in_vocab(&n["qualifier"], &qualifiers, "qualifier");
        assert!(n["text"].is_string(), "{r}");
    }
    if !c["victim_kind"].is_null() {
        in_vocab(&c["victim_kind"], &kinds, "victim_kind");
    }
    for row in c["breakdown"].as_array().unwrap_or_else(|| panic!("breakdown is not an array in {r}")) {
        in_vocab(&row["kind"], &kinds, "breakdown kind");
    }
    for t in r["tactics"].as_array().unwrap_or_else(|| panic!("tactics is not an array in {r}")) {
        in_vocab(t, &tactics, "tactic");
    }
    assert!(r["weapons_seized"].is_array(), "{r}");
    assert!(r["historical"].is_boolean() && r["aggregate"].is_boolean(), "{r}");
    assert!(keys(&r["trigger"]).is_superset(&set(&["text", "start", "end"])), "{r}");
    assert!(r["evidence"].is_array(), "{r}");
    let conf = r["confidence"].as_f64().unwrap_or_else(|| panic!("confidence is not a number in {r}"));
    assert!((0.0..=1.0).contains(&conf), "confidence {conf} out of [0, 1]");
}

fn offset(v: &Value, what: &str) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("{what} is not an offset: {v}")) as usize
}

#[test]
fn output_file_holds_schema_records_with_byte_offsets_into_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.jsonl");
    write(&extra, format!("{}\n", article_line("segou", "2025-03-03", SEGOU)).as_bytes());
    let output = dir.path().join("out/incidents.jsonl");
    std::fs::create_dir_all(output.parent().unwrap()).unwrap();
    let corpus = corpus_path();
    let out = run(&mut eventsift(
        dir.path(),
        &["extract", "-i", corpus.to_str().unwrap(), extra.to_str().unwrap(), "--output", output.to_str().unwrap()],
    ));
    assert_ok(&out);
    assert!(out.stdout.is_empty(), "--output leaves stdout empty, got {:?}", stdout(&out));

    // Texts as the input holds them, to check offsets against.
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut input_order = Vec::new();
    for path in [&corpus, &extra] {
        for line in std::fs::read_to_string(path).unwrap().lines().filter(|l| !l.trim().is_empty()) {
            let a: Value = serde_json::from_str(line).unwrap();
            let id = a["id"].as_str().unwrap().to_string();
            texts.insert(id.clone(), a["text"].as_str().unwrap().to_string());
            input_order.push(id);
        }
    }

    let written = std::fs::read_to_string(&output).expect("the output file is written");
    assert!(written.ends_with('\n'), "every record line ends with a newline");
    let recs = parse_records(&written);
    assert!(recs.len() >= 16, "only {} records from the corpus", recs.len());
    let (articles, incidents, rejected) = summary(&out);
    assert_eq!((articles, incidents, rejected), (input_order.len() as u64, recs.len() as u64, 0));

    let order = article_order(&recs);
    let positions: Vec<usize> = order
        .iter()
        .map(|id| input_order.iter().position(|x| x == id).unwrap_or_else(|| panic!("unknown article_id {id}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "records out of input order: {order:?}");
    assert!(order.contains(&"segou".to_string()), "no record for the multi-byte article");

    let mut ids = HashSet::new();
    for r in &recs {
        check_schema(r);
        let id = r["id"].as_str().unwrap();
        assert!(ids.insert(id.to_string()), "duplicate record id {id}");
        let article = r["article_id"].as_str().unwrap();
        assert!(id.starts_with(&format!("{article}#")), "record id {id} does not name {article}");
        let text = &texts[article];

        let trigger = &r["trigger"];
        let (start, end) = (offset(&trigger["start"], "trigger.start"), offset(&trigger["end"], "trigger.end"));
        assert!(start < end && end <= text.len(), "{id}: trigger {start}..{end} outside a {}-byte text", text.len());
        assert_eq!(
            text.get(start..end),
            Some(trigger["text"].as_str().unwrap()),
            "{id}: text[{start}..{end}] is not the trigger text"
        );
        for e in r["evidence"].as_array().unwrap() {
            let (s, t) = (offset(&e["start"], "evidence.start"), offset(&e["end"], "evidence.end"));
            assert!(s < t && t <= text.len(), "{id}: evidence {s}..{t} outside a {}-byte text", text.len());
            assert!(text.is_char_boundary(s) && text.is_char_boundary(t), "{id}: evidence {s}..{t} splits a character");
        }
    }

    // In the multi-byte article the trigger's byte offset is past its character offset.
    let segou = records_of(&recs, "segou");
    let start = offset(&segou[0]["trigger"]["start"], "trigger.start");
    let chars_before = SEGOU[..start].chars().count();
    assert!(chars_before < start, "offsets in SEGOU should be bytes, not characters");
    assert_eq!(count_low(segou[0], "killed"), Some(12));
}

#[test]
fn output_is_deterministic_and_batch_size_keeps_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_path();
    let corpus = corpus.to_str().unwrap();
    let input_order: Vec<String> = std::fs::read_to_string(corpus)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();

    // The default batch hands all 16 articles to the workers at once; 5 leaves a last batch of
    // one; 1 is strictly sequential.
    let runs: Vec<(&str, Child)> = [
        ("default batch", vec!["extract", "-i", corpus]),
        ("default batch, second run", vec!["extract", "-i", corpus]),
        ("--batch 1", vec!["extract", "-i", corpus, "--batch", "1"]),
        ("--batch 5", vec!["extract", "-i", corpus, "--batch", "5"]),
    ]
    .into_iter()
    .map(|(name, args)| (name, spawn(&mut eventsift(dir.path(), &args))))
    .collect();
    let outs: Vec<(&str, Output)> = runs.into_iter().map(|(n, c)| (n, finish(c))).collect();
    for (name, out) in &outs {
        assert!(out.status.success(), "{name}: {}", stderr(out));
    }

    let first = &outs[0].1.stdout;
    for (name, out) in &outs[1..] {
        assert!(out.stdout == *first, "{name} differs from the first default-batch run");
    }
    let recs = parse_records(std::str::from_utf8(first).unwrap());
    assert_eq!(summary(&outs[0].1), (input_order.len() as u64, recs.len() as u64, 0));
    let order = article_order(&recs);
    let expected: Vec<String> = input_order.iter().filter(|id| order.contains(id)).cloned().collect();
    assert_eq!(order, expected, "records must follow input order");
    assert!(order.len() + 1 >= input_order.len(), "records for at most one article missing: {order:?}");
}

/// A `.txt` article named on the command line after a path that does not exist (yet): the
/// missing path is reported, the text file still read, its stem the article id.
#[test]
fn txt_input_takes_its_stem_as_id_and_a_missing_input_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("mopti-ambush.txt");
    write(&txt, format!("{MOPTI}\n").as_bytes());
    let missing = dir.path().join("not-delivered-yet.jsonl");
    let out = run(&mut eventsift(dir.path(), &["extract", "-i", missing.to_str().unwrap(), txt.to_str().unwrap()]));
    assert_ok(&out);
    let rejects = reports(&out);
    assert_eq!(rejects.len(), 1, "{}", stderr(&out));
    assert!(
        rejects[0].starts_with(&format!("{}: ", missing.display())),
        "the report names the missing path: {:?}",
        rejects[0]
    );

    let recs = records(&out);
    assert!(!recs.is_empty(), "no record from {MOPTI:?}");
    for (n, r) in recs.iter().enumerate() {
        assert_eq!(r["article_id"], "mopti-ambush");
        assert_eq!(r["id"], format!("mopti-ambush#{}", n + 1));
    }
    assert_eq!(count_low(&recs[0], "killed"), Some(12));
    assert_eq!(recs[0]["location"]["name"], "Mopti");
    assert_eq!(summary(&out), (1, recs.len() as u64, 1));
}

#[test]
fn an_output_that_cannot_be_created_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    write(&good, format!("{}\n", article_line("mopti", "2025-03-03", MOPTI)).as_bytes());
    let output = dir.path().join("no/such/dir/out.jsonl");
    let out =
        run(&mut eventsift(dir.path(), &["extract", "-i", good.to_str().unwrap(), "-o", output.to_str().unwrap()]));
    assert!(!out.status.success(), "writing into a missing folder must fail");
    assert!(stderr(&out).contains(&output.display().to_string()), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn eval_muc4_names_the_keys_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().to_str().unwrap();
    for (flags, file) in [(vec![], "processed/dev.json"), (vec!["--train"], "processed/train.json")] {
        let mut args = vec!["eval", "muc4", "--shared", shared];
        args.extend(flags);
        let out = run(&mut eventsift(crate_root(), &args));
        assert!(!out.status.success(), "no keys, no score");
        assert!(stderr(&out).contains(file), "{}", stderr(&out));
    }
}

#[test]
fn eval_corpus_passes_on_the_shipped_corpus() {
    let out = run(&mut eventsift(crate_root(), &["eval", "corpus"]));
    assert_ok(&out);
    let text = stdout(&out);
    let articles = std::fs::read_to_string(corpus_path()).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(text.lines().filter(|l| l.starts_with("== ")).count(), articles, "one section per article");
    let last = text.lines().last().unwrap();
    assert!(last.starts_with("corpus: ") && last.ends_with(" passed, 0 failed"), "{last}");
    let passed: u64 = last["corpus: ".len()..].split(' ').next().unwrap().parse().unwrap();
    assert!(passed > 100, "{last}");
}

#[test]
fn explain_prints_sentences_then_records() {
    let dir = tempfile::tempdir().unwrap();
    let second = "Residents said the gunmen also torched two vehicles.";
    let input = dir.path().join("mopti-brief.txt");
    write(&input, format!("{MOPTI}\n\n{second}\n").as_bytes());
    let out = run(&mut eventsift(dir.path(), &["explain", "--input", input.to_str().unwrap()]));
    assert_ok(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"# mopti-brief"), "{text}");
    assert!(lines.contains(&format!("[0] p0 {MOPTI}").as_str()), "{text}");
    assert!(lines.contains(&format!("[1] p1 {second}").as_str()), "{text}");
    assert!(lines.iter().any(|l| l.trim_start().starts_with("place \"Mopti\"")), "{text}");
    assert!(lines.iter().any(|l| l.trim_start().starts_with("trigger \"ambush\"")), "{text}");
    assert!(lines.iter().any(|l| l.trim_start().starts_with("count \"12\"")), "{text}");

    let records: Vec<Value> = lines
        .iter()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).expect("record lines are JSON"))
        .collect();
    assert!(!records.is_empty(), "explain ends with the records: {text}");
    assert!(lines.last().unwrap().starts_with('{'), "records come last: {text}");
    for r in &records {
        assert_eq!(r["article_id"], "mopti-brief");
    }
    assert_eq!(count_low(&records[0], "killed"), Some(12));
}

/// The `eventsift: indexed N articles, …; U articles unchanged` line of an `index` run.
fn indexed(out: &Output) -> (u64, u64) {
    let err = stderr(out);
    let line = err.lines().find(|l| l.starts_with("eventsift: indexed ")).unwrap_or_else(|| panic!("{err}"));
    let number = |after: &str| -> u64 {
        line.split(after).nth(1).and_then(|r| r.split_whitespace().next()).and_then(|n| n.parse().ok()).unwrap()
    };
    let unchanged: u64 = line.rsplit("; ").next().and_then(|r| r.split_whitespace().next()).unwrap().parse().unwrap();
    (number("indexed "), unchanged)
}

fn index_total(cwd: &Path, kind: &str) -> u64 {
    let args = ["search", "--index", "idx", "--json", "--exact-count", "--limit", "0", "--kind", kind];
    let out = run(&mut eventsift(cwd, &args));
    assert_ok(&out);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["total_is_lower_bound"], false);
    v["total"].as_u64().unwrap()
}

#[test]
fn reindexing_passes_over_unchanged_articles_and_rewrites_changed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::fs::read_to_string(corpus_path()).unwrap();
    let articles = corpus.lines().filter(|l| !l.trim().is_empty()).count() as u64;
    write(&dir.path().join("in.jsonl"), corpus.as_bytes());
    let index = |extra: &[&str]| {
        let mut args = vec!["index", "--input", "in.jsonl", "--index", "idx"];
        args.extend_from_slice(extra);
        let out = run(&mut eventsift(dir.path(), &args));
        assert_ok(&out);
        indexed(&out)
    };
    assert_eq!(index(&[]), (articles, 0));
    assert_eq!(index_total(dir.path(), "article"), articles);
    let incidents = index_total(dir.path(), "incident");
    assert_eq!(index(&[]), (0, articles), "a rerun over the same input rewrites nothing");
    assert_eq!(index_total(dir.path(), "incident"), incidents);
    // One article edited: only it is extracted and replaced.
    let first: Value = serde_json::from_str(corpus.lines().next().unwrap()).unwrap();
    let mut edited = first.clone();
    edited["text"] = Value::String(format!("{} The army said nothing more.", first["text"].as_str().unwrap()));
    let rest: Vec<&str> = corpus.lines().skip(1).collect();
    write(&dir.path().join("in.jsonl"), format!("{}\n{}\n", edited, rest.join("\n")).as_bytes());
    assert_eq!(index(&[]), (1, articles - 1));
    assert_eq!(index_total(dir.path(), "article"), articles, "replaced, not added");
    assert_eq!(index(&["--force"]), (articles, 0));
    assert_eq!(index_total(dir.path(), "article"), articles);
}

#[test]
fn eval_acled_scores_another_export_given_by_path() {
    let dir = tempfile::tempdir().unwrap();
    // Invented rows in the export's layout; the second one's note says nothing of its deaths.
    let csv = "\
event_id_cnty,event_date,year,event_type,sub_event_type,actors,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,notes,fatalities
XX1,02 March 2024,2024,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims | Military Forces of Mali (2013-2020),Mali,Mopti,Mopti,Socoura,Mopti,14.4843,-4.18296,1,\"On March 2, JNIM militants attacked Malian soldiers in Mopti, killing 5 soldiers.\",5
XX2,14 July 2024,2024,Violence against civilians,Attack,Unidentified Armed Group (Mali),Mali,Kayes,Kayes,Kayes,Kayes,14.447,-11.4445,1,\"On July 14, gunmen attacked a bus near Kayes.\",2
";
    let path = dir.path().join("acled_mali_2024.csv");
    write(&path, csv.as_bytes());
    let out = run(&mut eventsift(dir.path(), &["eval", "acled", "--file", path.to_str().unwrap(), "--json"]));
    assert_ok(&out);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["counts"]["events"], 2);
    assert_eq!(report["counts"]["country_prior_from_file_name"], 1);
    assert_eq!(report["metrics"]["detected"], 100.0);
    assert_eq!(report["metrics"]["fatalities_exact"], 50.0);
    assert_eq!(report["sources"][0], path.to_str().unwrap());
}

#[test]
fn eval_case2021_scores_another_snippet_file_given_by_path() {
    let dir = tempfile::tempdir().unwrap();
    // Invented snippets in the file's layout.
    let tsv = "id\tEventSnippet\tSubType\n\
1\tA roadside bomb killed three soldiers near Gao on Monday.\tREM_EXPLOS\n\
2\tThe two foreign ministers met to discuss trade ties.\tDIPLO\n";
    let path = dir.path().join("snippets.tsv");
    write(&path, tsv.as_bytes());
    let out = run(&mut eventsift(dir.path(), &["eval", "case2021", "--file", path.to_str().unwrap(), "--json"]));
    assert_ok(&out);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["sources"][0], path.to_str().unwrap());
    assert_eq!(report["metrics"]["accuracy"], 100.0, "{report}");
}

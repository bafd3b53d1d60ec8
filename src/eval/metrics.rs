//! What the dataset evaluations (`eventsift eval acled|muc4|case2021|gate`) share: the report
//! they return, the metric arithmetic, name comparison, distances, and the choice of the record
//! that speaks for an article.

use crate::incidents::Incident;
use crate::text::fold;
use crate::Pipeline;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The outcome of one evaluation set. Every metric is a percentage where higher is better, so
/// that one rule ("no metric falls more than 2 points below the baseline") can gate them all.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub set: String,
    /// Data files read, relative to the shared folder.
    pub sources: Vec<String>,
    #[serde(serialize_with = "ordered_map")]
    pub metrics: Vec<(String, f64)>,
    #[serde(serialize_with = "ordered_map")]
    pub counts: Vec<(String, u64)>,
    /// GeoNames dumps the pipeline loaded, with the places each added.
    pub gazetteers: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub confusion: Vec<Confusion>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorCase>,
    /// Input rows the evaluation could not read and went on without, each "file:line: why".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    pub seconds: f64,
}

/// An input row that could not be read: its line in the file and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub line: u64,
    pub why: String,
}

/// How often a gold label received a predicted one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    pub field: String,
    pub gold: String,
    pub predicted: String,
    pub count: u64,
}

/// One badly handled case, gold beside predicted.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorCase {
    pub id: String,
    /// How many fields went wrong; the worst cases have the most.
    pub misses: usize,
    /// The opening of the text, enough to recognise it.
    pub text: String,
    pub rows: Vec<ErrorRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorRow {
    pub field: String,
    pub gold: String,
    pub predicted: String,
    pub ok: bool,
}

fn ordered_map<S: Serializer, V: Serialize>(pairs: &[(String, V)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

impl Report {
    pub fn new(set: &str) -> Self {
        Report { set: set.to_string(), ..Default::default() }
    }

    pub fn metric(&mut self, name: &str, value: f64) {
        self.metrics.push((name.to_string(), value));
    }

    pub fn count(&mut self, name: &str, n: usize) {
        self.counts.push((name.to_string(), n as u64));
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        self.metrics.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
    }

    /// Records which user gazetteer files the pipeline holds, so a number is never read without
    /// knowing whether villages were in the gazetteer.
    pub fn gazetteers_of(&mut self, pipeline: &Pipeline) {
        self.gazetteers =
            pipeline.gazetteer_files().iter().map(|f| format!("{} ({} places)", f.path, f.places)).collect();
    }

    /// Counts and lists the rows of `path` that could not be read, so that none is lost silently.
    pub fn skipped_rows(&mut self, path: &std::path::Path, rows: &[Unreadable]) {
        self.count("rows_skipped", rows.len());
        self.skipped.extend(rows.iter().map(|r| format!("{}:{}: {}", path.display(), r.line, r.why)));
    }

    /// Keeps the `n` cases with the most misses, the first in input order among equals.
    pub fn keep_worst(&mut self, mut cases: Vec<ErrorCase>, n: usize) {
        cases.retain(|c| c.misses > 0);
        cases.sort_by_key(|c| std::cmp::Reverse(c.misses));
        cases.truncate(n);
        self.errors = cases;
    }

    /// The metric table, the counts, the gazetteers and the commonest confusions.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let w = self
            .metrics
            .iter()
            .map(|(k, _)| k.len())
            .chain(self.counts.iter().map(|(k, _)| k.len()))
            .max()
            .unwrap_or(6)
            .max(6);
        let _ = writeln!(out, "== {} ({})", self.set, self.sources.join(", "));
        let _ = writeln!(out, "{:<w$}  {:>7}", "metric", "%");
        for (k, v) in &self.metrics {
            let _ = writeln!(out, "{k:<w$}  {v:>7.2}");
        }
        for (k, v) in &self.counts {
            let _ = writeln!(out, "{k:<w$}  {v:>7}");
        }
        if self.gazetteers.is_empty() {
            let _ = writeln!(out, "gazetteer files: none (shipped gazetteer only)");
        }
        for g in &self.gazetteers {
            let _ = writeln!(out, "gazetteer file: {g}");
        }
        let mut fields: Vec<&str> = self.confusion.iter().map(|c| c.field.as_str()).collect();
        fields.dedup();
        for field in fields {
            let rows: Vec<&Confusion> =
                self.confusion.iter().filter(|c| c.field == field && c.gold != c.predicted).take(10).collect();
            if rows.is_empty() {
                continue;
            }
            let _ = writeln!(out, "commonest {field} confusions (gold -> predicted):");
            for c in rows {
                let _ = writeln!(out, "  {:>4}  {} -> {}", c.count, c.gold, c.predicted);
            }
        }
        for s in &self.skipped {
            let _ = writeln!(out, "skipped {s}");
        }
        let _ = writeln!(out, "{:.2} s", self.seconds);
        out
    }

    /// The kept worst cases, each a header line and one line per field.
    pub fn errors_table(&self) -> String {
        let mut out = String::new();
        for (i, c) in self.errors.iter().enumerate() {
            let _ = writeln!(out, "#{} {} ({} wrong) {}", i + 1, c.id, c.misses, c.text);
            let f = c.rows.iter().map(|r| r.field.len()).max().unwrap_or(5);
            let g = c.rows.iter().map(|r| r.gold.chars().count().min(60)).max().unwrap_or(4);
            for r in &c.rows {
                let gold: String = r.gold.chars().take(60).collect();
                let _ =
                    writeln!(out, "   {} {:<f$}  {:<g$}  {}", if r.ok { " " } else { "x" }, r.field, gold, r.predicted);
            }
        }
        out
    }
}

/// `part` of `whole` in percent; 0 when there is nothing to count.
pub fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The share of pairs whose two labels agree, in percent.
pub fn accuracy<T: PartialEq>(pairs: &[(T, T)]) -> f64 {
    pct(pairs.iter().filter(|(g, p)| g == p).count(), pairs.len())
}

/// True positives against predictions and gold items, summed across cases (micro-averaging).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        pct(self.tp.min(self.gold), self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::ops::AddAssign for Prf {
    fn add_assign(&mut self, o: Prf) {
        self.tp += o.tp;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

/// Macro-averaged F1 over every label seen in gold or predictions, in percent.
pub fn macro_f1(pairs: &[(String, String)]) -> f64 {
    let mut per: BTreeMap<&str, Prf> = BTreeMap::new();
    for (g, p) in pairs {
        per.entry(g).or_default().gold += 1;
        per.entry(p).or_default().predicted += 1;
        if g == p {
            per.entry(g).or_default().tp += 1;
        }
    }
    if per.is_empty() {
        return 0.0;
    }
    per.values().map(Prf::f1).sum::<f64>() / per.len() as f64
}

/// Every (gold, predicted) pair with its count, commonest first, ties by name.
pub fn confusion(field: &str, pairs: &[(String, String)]) -> Vec<Confusion> {
    let mut counts: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for (g, p) in pairs {
        *counts.entry((g, p)).or_default() += 1;
    }
    let mut rows: Vec<Confusion> = counts
        .into_iter()
        .map(|((g, p), count)| Confusion { field: field.into(), gold: g.into(), predicted: p.into(), count })
        .collect();
    rows.sort_by_key(|c| std::cmp::Reverse(c.count));
    rows
}

pub use crate::mentions::gazetteer::haversine_km;

/// A name for comparison: case, accents and punctuation gone, spaces collapsed, so that
/// "Tombouctou", "TOMBOUCTOU" and "Tombouctou," agree and "N'Tillit" meets "Ntillit".
pub fn loose(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' {
            continue;
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Whether two names are the same once case, accents and punctuation are ignored.
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (loose(a), loose(b));
    !a.is_empty() && a == b
}

/// Whether one of two names contains the other (MUC-style lenient string match).
pub fn contains_either(a: &str, b: &str) -> bool {
    let (a, b) = (loose(a), loose(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// A maximum one-to-one matching between `left` and `right` items under `edge`; returns, for
/// each left item, the right item it is matched to. Greedy matching would undercount when an
/// early item takes the only partner of a later one.
pub fn max_matching(left: usize, right: usize, edge: impl Fn(usize, usize) -> bool) -> Vec<Option<usize>> {
    let adj: Vec<Vec<usize>> = (0..left).map(|i| (0..right).filter(|&j| edge(i, j)).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; right];
    fn augment(i: usize, adj: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
        for &j in &adj[i] {
            if seen[j] {
                continue;
            }
            seen[j] = true;
            if owner[j].is_none_or(|k| augment(k, adj, seen, owner)) {
                owner[j] = Some(i);
                return true;
            }
        }
        false
    }
    for i in 0..left {
        let mut seen = vec![false; right];
        augment(i, &adj, &mut seen, &mut owner);
    }
    let mut out = vec![None; left];
    for (j, o) in owner.iter().enumerate() {
        if let Some(i) = o {
            out[*i] = Some(j);
        }
    }
    out
}

/// The records that stand for events: tallies over many incidents and background from years
/// before are not the event a gold row describes.
pub fn current(records: &[Incident]) -> impl Iterator<Item = &Incident> {
    records.iter().filter(|r| !r.aggregate && !r.historical)
}

/// The record that speaks for an article: the deadliest current record, else the first current
/// one, else the first non-aggregate one.
pub fn primary(records: &[Incident]) -> Option<&Incident> {
    let killed = |r: &Incident| r.casualties.killed.as_ref().and_then(|c| c.low).unwrap_or(0);
    let mut best: Option<&Incident> = None;
    for r in current(records) {
        if best.is_none_or(|b| killed(r) > killed(b)) {
            best = Some(r);
        }
    }
    best.or_else(|| records.iter().find(|r| !r.aggregate))
}

/// The first `n` characters of a text on one line, for error listings.
pub fn opening(text: &str, n: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= n {
        return one_line;
    }
    let mut s: String = one_line.chars().take(n).collect();
    s.push('…');
    s
}

/// The numbers of several reports, set by set, rounded to hundredths: what `eval/baseline.json`
/// holds (no dataset text).
pub fn baseline(reports: &[Report]) -> serde_json::Value {
    let mut sets = serde_json::Map::new();
    for r in reports {
        let metrics: serde_json::Map<String, serde_json::Value> =
            r.metrics.iter().map(|(k, v)| (k.clone(), serde_json::json!((v * 100.0).round() / 100.0))).collect();
        sets.insert(r.set.clone(), serde_json::Value::Object(metrics));
    }
    serde_json::Value::Object(sets)
}

/// A metric that fell too far below its baseline, or vanished.
#[derive(Debug, Clone, PartialEq)]
pub struct Regression {
    pub set: String,
    pub metric: String,
    pub baseline: f64,
    pub current: Option<f64>,
}

/// Every baseline metric of the reported sets that is missing or more than `points` below its
/// baseline value. Sets absent from the reports are not checked; new metrics pass.
pub fn regressions(baseline: &serde_json::Value, reports: &[Report], points: f64) -> Vec<Regression> {
    let mut out = Vec::new();
    for r in reports {
        let Some(base) = baseline.get(&r.set).and_then(|v| v.as_object()) else { continue };
        for (metric, value) in base {
            let Some(b) = value.as_f64() else { continue };
            let current = r.get(metric);
            if current.is_none_or(|c| c < b - points) {
                out.push(Regression { set: r.set.clone(), metric: metric.clone(), baseline: b, current });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_accuracy() {
        assert_eq!(pct(1, 4), 25.0);
        assert_eq!(pct(3, 0), 0.0);
        assert_eq!(accuracy(&[("a", "a"), ("b", "c")]), 50.0);
        assert_eq!(accuracy::<&str>(&[]), 0.0);
    }

    #[test]
    fn micro_f1_adds_counts_before_dividing() {
        let mut total = Prf::default();
        total += Prf { tp: 1, predicted: 1, gold: 4 };
        total += Prf { tp: 1, predicted: 3, gold: 0 };
        assert_eq!(total, Prf { tp: 2, predicted: 4, gold: 4 });
        assert_eq!(total.precision(), 50.0);
        assert_eq!(total.recall(), 50.0);
        assert_eq!(total.f1(), 50.0);
        assert_eq!(Prf::default().f1(), 0.0);
    }

    #[test]
    fn macro_f1_weighs_labels_equally() {
        let s = |g: &str, p: &str| (g.to_string(), p.to_string());
        // label a: p 2/3, r 1 → f1 0.8; label b: p 0, r 0 → 0.
        let pairs = [s("a", "a"), s("a", "a"), s("b", "a")];
        assert!((macro_f1(&pairs) - 40.0).abs() < 1e-9);
        assert_eq!(macro_f1(&[s("x", "x")]), 100.0);
        let c = confusion("f", &pairs);
        assert_eq!(c[0], Confusion { field: "f".into(), gold: "a".into(), predicted: "a".into(), count: 2 });
        assert_eq!(c[1].gold, "b");
    }

    #[test]
    fn haversine_matches_known_distances() {
        assert!(haversine_km(10.0, 5.0, 10.0, 5.0).abs() < 1e-9);
        // One degree of latitude is about 111.2 km anywhere.
        assert!((haversine_km(14.0, -4.0, 15.0, -4.0) - 111.2).abs() < 0.2);
        // Bamako to Mopti, about 460 km.
        let d = haversine_km(12.6392, -8.0029, 14.4843, -4.18296);
        assert!((440.0..480.0).contains(&d), "{d}");
    }

    #[test]
    fn names_compare_without_case_accents_or_punctuation() {
        assert!(same_name("Ségou", "SEGOU"));
        assert!(same_name("N'Tillit", "Ntillit"));
        assert!(same_name("Gao-Ville ", "gao ville"));
        assert!(!same_name("", ""));
        assert!(!same_name("Gao", "Gaoua"));
        assert!(contains_either("urban guerrillas", "GUERRILLAS"));
        assert!(contains_either("bomb", "car bombs"));
        assert!(!contains_either("", "x"));
        assert!(!contains_either("rifle", "mortar"));
    }

    #[test]
    fn matching_is_maximum_not_greedy() {
        // Left 0 could take right 0 or 1; left 1 only right 0: a greedy pass pairs 0-0 and strands 1.
        let edges = [(0, 0), (0, 1), (1, 0)];
        let m = max_matching(2, 2, |i, j| edges.contains(&(i, j)));
        assert_eq!(m, vec![Some(1), Some(0)]);
        assert_eq!(max_matching(1, 0, |_, _| true), vec![None]);
    }

    #[test]
    fn report_serialises_metrics_as_an_ordered_object() {
        let mut r = Report::new("t");
        r.metric("zeta", 50.0);
        r.metric("alpha", 25.5);
        r.count("events", 4);
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["metrics"]["alpha"], 25.5);
        assert_eq!(v["counts"]["events"], 4);
        let keys: Vec<&String> = v["metrics"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["zeta", "alpha"]);
        assert_eq!(r.get("alpha"), Some(25.5));
        assert!(r.table().contains("zeta"));
    }

    #[test]
    fn worst_cases_are_the_ones_with_most_misses() {
        let case = |id: &str, misses| ErrorCase { id: id.into(), misses, text: String::new(), rows: vec![] };
        let mut r = Report::new("t");
        r.keep_worst(vec![case("a", 1), case("b", 3), case("c", 0), case("d", 3)], 2);
        let ids: Vec<&str> = r.errors.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["b", "d"]);
        assert!(r.errors_table().starts_with("#1 b"));
    }

    #[test]
    fn openings_are_short_and_on_one_line() {
        assert_eq!(opening("a\n b", 10), "a b");
        assert_eq!(opening("abcdef", 3), "abc…");
    }

    #[test]
    fn the_gate_flags_drops_beyond_the_tolerance_and_missing_metrics() {
        let mut r = Report::new("s");
        r.metric("same", 50.0);
        r.metric("small_drop", 48.5);
        r.metric("big_drop", 47.9);
        r.metric("new", 1.0);
        let base = serde_json::json!({"s": {"same": 50.0, "small_drop": 50.0, "big_drop": 50.0, "gone": 10.0}, "other": {"x": 1.0}});
        let found: Vec<String> = regressions(&base, &[r.clone()], 2.0).into_iter().map(|g| g.metric).collect();
        assert_eq!(found, ["big_drop", "gone"]);
        r.metrics[0].1 = 33.33333;
        let written = baseline(&[r]);
        assert_eq!(written["s"]["same"], 33.33);
        assert!(written["s"].as_object().unwrap().values().all(|v| v.is_number()));
    }
}

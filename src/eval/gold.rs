//! Gold incident files (the format of `corpus/gold/*.json` and the founding report's gold) and
//! the field-by-field comparison of predicted records against them.

use crate::incidents::Incident;
use crate::mentions::quantities::find_numbers;
use crate::read::Article;
use crate::text::fold;
use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    pub article_id: String,
    #[serde(default)]
    pub expected: Vec<Value>,
    #[serde(default)]
    pub optional: Vec<Value>,
    #[serde(default)]
    pub must_not: Vec<MustNot>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MustNot {
    pub text: String,
    #[serde(default)]
    pub why: String,
}

impl GoldFile {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("{}: not a gold file", path.display()))
    }
}

/// One checked field of one expected incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub key: String,
    pub field: String,
    pub expected: String,
    pub got: String,
    pub pass: bool,
}

/// The outcome for one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleReport {
    pub checks: Vec<Check>,
    /// Predicted records matched to no expected or optional incident.
    pub unmatched: Vec<String>,
}

impl ArticleReport {
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.pass)
    }
}

fn norm(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn location_matches(gold: &Value, inc: &Incident) -> bool {
    let Some(loc) = &inc.location else { return false };
    strings(&gold["location"]["name_any_of"]).iter().any(|n| norm(n) == norm(&loc.name))
}

fn date_matches(gold: &Value, inc: &Incident) -> bool {
    match &gold["date"] {
        Value::String(d) => {
            inc.date.as_ref().and_then(|x| x.start.as_deref()).is_some_and(|s| s.starts_with(d.as_str()))
        }
        // "No date in the text": none given, or only the report's own date (precision unknown).
        Value::Null => inc
            .date
            .as_ref()
            .is_none_or(|d| d.start.is_none() || d.precision == crate::mentions::DatePrecision::Unknown),
        _ => false,
    }
}

/// Checks every listed field of every expected incident, and every must-not statement.
pub fn check(gold: &GoldFile, article: &Article, predicted: &[Incident]) -> ArticleReport {
    let mut report = ArticleReport::default();
    let mut used = vec![false; predicted.len()];
    for exp in &gold.expected {
        let key = exp["key"].as_str().unwrap_or("?").to_string();
        // The best match: location and date agreeing first, then the most fields passing.
        let best = (0..predicted.len()).filter(|&i| !used[i]).max_by_key(|&i| {
            let inc = &predicted[i];
            let fields = field_checks(&key, exp, inc);
            (
                location_matches(exp, inc) as u8 + date_matches(exp, inc) as u8,
                fields.iter().filter(|c| c.pass).count(),
                std::cmp::Reverse(i),
            )
        });
        match best.filter(|&i| {
            location_matches(exp, &predicted[i]) || date_matches(exp, &predicted[i]) && exp["date"].is_string()
        }) {
            Some(i) => {
                used[i] = true;
                report.checks.push(Check {
                    key: key.clone(),
                    field: "found".into(),
                    expected: "a record".into(),
                    got: predicted[i].id.clone(),
                    pass: true,
                });
                report.checks.extend(field_checks(&key, exp, &predicted[i]));
            }
            None => report.checks.push(Check {
                key,
                field: "found".into(),
                expected: "a record".into(),
                got: "none".into(),
                pass: false,
            }),
        }
    }
    for opt in &gold.optional {
        if let Some(i) = (0..predicted.len()).find(|&i| !used[i] && location_matches(opt, &predicted[i])) {
            used[i] = true;
            let key = opt["key"].as_str().unwrap_or("optional").to_string();
            if let Some(et) = opt.get("event_type").and_then(Value::as_str) {
                let got = predicted[i].event_type.as_str();
                report.checks.push(Check {
                    key: key.clone(),
                    field: "event_type".into(),
                    expected: et.into(),
                    got: got.into(),
                    pass: got == et,
                });
            }
        }
    }
    for m in &gold.must_not {
        let Some(start) = article.text.find(&m.text) else {
            report.checks.push(Check {
                key: "must_not".into(),
                field: m.text.clone(),
                expected: "text in article".into(),
                got: "not found".into(),
                pass: false,
            });
            continue;
        };
        let end = start + m.text.len();
        let numbers: Vec<u64> = find_numbers(&m.text, 0).iter().filter_map(|n| n.low.or(n.best)).collect();
        let offender = predicted.iter().find(|inc| {
            if inc.aggregate {
                return false;
            }
            // A record matched to an expected incident may rest on the statement (a crowd size beside
            // a real protest); only its figures must not come from it.
            let matched = predicted.iter().position(|p| std::ptr::eq(p, *inc)).is_some_and(|i| used[i]);
            let trigger_inside = !matched && inc.trigger.start >= start && inc.trigger.end <= end;
            let covers = inc.evidence.iter().any(|e| e.start <= start && end <= e.end);
            let figures: Vec<u64> = [&inc.casualties.killed, &inc.casualties.wounded, &inc.casualties.hostages]
                .iter()
                .filter_map(|c| c.as_ref().and_then(|c| c.low))
                .chain(inc.weapons_seized.iter().filter_map(|w| w.count))
                .collect();
            trigger_inside || covers && numbers.iter().any(|n| figures.contains(n))
        });
        report.checks.push(Check {
            key: "must_not".into(),
            field: m.text.clone(),
            expected: "no record".into(),
            got: offender.map(|i| i.id.clone()).unwrap_or_else(|| "none".into()),
            pass: offender.is_none(),
        });
    }
    report.unmatched = predicted.iter().zip(&used).filter(|(_, u)| !**u).map(|(i, _)| i.id.clone()).collect();
    report
}

fn field_checks(key: &str, exp: &Value, inc: &Incident) -> Vec<Check> {
    let mut out = Vec::new();
    let mut push = |field: &str, expected: String, got: String, pass: bool| {
        out.push(Check { key: key.to_string(), field: field.to_string(), expected, got, pass });
    };
    let loc = inc.location.as_ref();
    if let Some(l) = exp.get("location") {
        if l.get("name_any_of").is_some() {
            push(
                "location.name",
                strings(&l["name_any_of"]).join("|"),
                loc.map(|l| l.name.clone()).unwrap_or_default(),
                location_matches(exp, inc),
            );
        }
        for f in ["country", "country_code"] {
            if let Some(want) = l.get(f).and_then(Value::as_str) {
                let got = loc
                    .and_then(|l| if f == "country" { l.country.clone() } else { l.country_code.clone() })
                    .unwrap_or_default();
                push(&format!("location.{f}"), want.into(), got.clone(), got == want);
            }
        }
    }
    if exp.get("date").is_some() {
        let got = inc.date.as_ref().and_then(|d| d.start.clone()).unwrap_or_else(|| "null".into());
        push("date", exp["date"].as_str().unwrap_or("null").into(), got, date_matches(exp, inc));
    }
    if let Some(p) = exp.get("date_precision").and_then(Value::as_str) {
        let got = inc.date.as_ref().map(|d| label(&d.precision)).unwrap_or_else(|| "null".into());
        push("date.precision", p.into(), got.clone(), got == p);
    }
    for flag in ["historical", "aggregate"] {
        if let Some(want) = exp.get(flag).and_then(Value::as_bool) {
            let got = if flag == "historical" { inc.historical } else { inc.aggregate };
            push(flag, want.to_string(), got.to_string(), got == want);
        }
    }
    let names = |actors: &[crate::incidents::Actor]| -> Vec<String> {
        actors.iter().flat_map(|a| [Some(a.name.clone()), a.canonical.clone()]).flatten().collect()
    };
    for (field, actors) in [("perpetrator_any_of", &inc.perpetrators), ("target_any_of", &inc.targets)] {
        if let Some(v) = exp.get(field) {
            let want = strings(v);
            let got = names(actors);
            let pass = want.iter().any(|w| got.iter().any(|g| norm(g) == norm(w)));
            push(field.trim_end_matches("_any_of"), want.join("|"), got.join("|"), pass);
        }
    }
    if let Some(v) = exp.get("target_kind_any_of") {
        let want = strings(v);
        let got: Vec<String> = inc.targets.iter().map(|a| a.kind.as_str().to_string()).collect();
        push("target_kind", want.join("|"), got.join("|"), want.iter().any(|w| got.contains(w)));
    }
    if let Some(want) = exp.get("victim_kind").and_then(Value::as_str) {
        let got = inc.casualties.victim_kind.map(|k| k.as_str().to_string()).unwrap_or_else(|| "null".into());
        push("victim_kind", want.into(), got.clone(), got == want);
    }
    for (field, count) in [
        ("killed", &inc.casualties.killed),
        ("wounded", &inc.casualties.wounded),
        ("hostages", &inc.casualties.hostages),
    ] {
        let Some(want) = exp.get(field) else { continue };
        let got_low = count.as_ref().and_then(|c| c.low);
        let shown =
            count.as_ref().map(|c| format!("{:?} {}", c.low, label(&c.qualifier))).unwrap_or_else(|| "null".into());
        if want.is_null() {
            push(field, "null".into(), shown, got_low.is_none_or(|l| l == 0));
            continue;
        }
        if let Some(low) = want.get("low").and_then(Value::as_u64) {
            push(&format!("{field}.low"), low.to_string(), shown.clone(), got_low == Some(low));
        }
        if let Some(any) = want.get("low_any_of").and_then(Value::as_array) {
            let pass = any.iter().any(|v| if v.is_null() { got_low.is_none() } else { v.as_u64() == got_low });
            push(&format!("{field}.low"), serde_json::to_string(any).unwrap_or_default(), shown.clone(), pass);
        }
        let quals: Vec<String> = want
            .get("qualifier")
            .map(strings)
            .or_else(|| want.get("qualifier_any_of").map(strings))
            .unwrap_or_default();
        if !quals.is_empty() {
            let got = count.as_ref().map(|c| label(&c.qualifier)).unwrap_or_default();
            push(&format!("{field}.qualifier"), quals.join("|"), got.clone(), quals.contains(&got));
        }
        if let Some(Value::Object(rows)) = want.get("breakdown") {
            for (kind, n) in rows {
                let got = inc.casualties.breakdown.iter().find(|b| b.kind.as_str() == kind).and_then(|b| {
                    if field == "wounded" {
                        b.wounded
                    } else {
                        b.killed
                    }
                });
                push(&format!("{field}.breakdown.{kind}"), n.to_string(), format!("{got:?}"), got == n.as_u64());
            }
        }
    }
    let tactics: Vec<String> = inc.tactics.iter().map(|t| t.as_str().to_string()).collect();
    if let Some(v) = exp.get("tactics_all_of") {
        let want = strings(v);
        push("tactics_all_of", want.join(","), tactics.join(","), want.iter().all(|w| tactics.contains(w)));
    }
    if let Some(v) = exp.get("tactics_any_of") {
        let want = strings(v);
        push("tactics_any_of", want.join("|"), tactics.join(","), want.iter().any(|w| tactics.contains(w)));
    }
    if let Some(Value::Array(items)) = exp.get("weapons_seized_all_of") {
        for item in items {
            let needle = norm(item["item_contains"].as_str().unwrap_or(""));
            let count = item["count"].as_u64();
            let got =
                inc.weapons_seized.iter().map(|w| format!("{} {:?}", w.item, w.count)).collect::<Vec<_>>().join("; ");
            let pass = inc
                .weapons_seized
                .iter()
                .any(|w| norm(&w.item).contains(&needle) && (count.is_none() || w.count == count));
            push("weapons_seized", format!("{needle} {count:?}"), got, pass);
        }
    }
    if let Some(v) = exp.get("claimed").and_then(Value::as_bool) {
        let got = inc.claim.is_some();
        push("claimed", v.to_string(), got.to_string(), got == v);
    }
    if let Some(v) = exp.get("event_type_any_of") {
        let want = strings(v);
        push("event_type", want.join("|"), inc.event_type.to_string(), want.contains(&inc.event_type.to_string()));
    }
    if let Some(v) = exp.get("acled_sub_event_type_any_of") {
        let want = strings(v);
        push(
            "acled.sub_event_type",
            want.join("|"),
            inc.acled.sub_event_type.clone(),
            want.contains(&inc.acled.sub_event_type),
        );
    }
    out
}

/// The serialized name of a vocabulary value ("at_least", "month").
pub fn label<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

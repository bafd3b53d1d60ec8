//! `eventsift eval case2021`: CASE 2021 task 2 snippets, each classified by the ACLED sub-event
//! type of its primary record and compared with its label.
//!
//! The labels are ACLED's 25 sub-event types in short form plus five types outside ACLED
//! (organised crime, natural and man-made disasters, diplomacy, attribution of responsibility).
//! A snippet that yields no record is labelled by the kind of non-conflict news the pipeline
//! finds in it ([`Pipeline::non_conflict`]: the reason such news yields no record): a disaster is
//! `NATURAL_DISASTER`, an accident `MAN_MADE_DISASTER`, crime for gain `ORG_CRIME`. One with none
//! of those is `DIPLO`: of the non-ACLED types, diplomacy is the one that reports no event at all.
//! Attributions claim attacks: a snippet whose primary record's claim of responsibility is worded
//! before the event it claims is `ATTRIB`.

use super::metrics::{accuracy, confusion, macro_f1, opening, primary, ErrorCase, ErrorRow, Report, Unreadable};
use crate::incidents::{Incident, NonConflict};
use crate::read::Article;
use crate::Pipeline;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

pub const SOURCE: &str = "data/case2021/case2021_task2_dev.tsv";

/// The label predicted for a snippet without any record that names no non-conflict news.
pub const NO_RECORD: &str = "DIPLO";

/// The label of a kind of non-conflict news.
pub fn label_of_non_conflict(kind: NonConflict) -> &'static str {
    match kind {
        NonConflict::Disaster => "NATURAL_DISASTER",
        NonConflict::Accident => "MAN_MADE_DISASTER",
        NonConflict::Crime => "ORG_CRIME",
    }
}

/// ACLED sub-event type → CASE 2021 label.
pub const LABELS: &[(&str, &str)] = &[
    ("Abduction/forced disappearance", "ABDUCT_DISSAP"),
    ("Agreement", "AGREEMENT"),
    ("Air/drone strike", "AIR_STRIKE"),
    ("Armed clash", "ARMED_CLASH"),
    ("Arrests", "ARREST"),
    ("Shelling/artillery/missile attack", "ART_MISS_ATTACK"),
    ("Attack", "ATTACK"),
    ("Change to group/activity", "CHANGE_TO_GROUP_ACT"),
    ("Chemical weapon", "CHEM_WEAP"),
    ("Disrupted weapons use", "DISR_WEAP"),
    ("Excessive force against protesters", "FORCE_AGAINST_PROTEST"),
    ("Government regains territory", "GOV_REGAINS_TERIT"),
    ("Grenade", "GRENADE"),
    ("Headquarters or base established", "HQ_ESTABLISHED"),
    ("Mob violence", "MOB_VIOL"),
    ("Non-state actor overtakes territory", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Non-violent transfer of territory", "NON_VIOL_TERRIT_TRANSFER"),
    ("Other", "OTHER"),
    ("Peaceful protest", "PEACE_PROTEST"),
    ("Looting/property destruction", "PROPERTY_DISTRUCT"),
    ("Protest with intervention", "PROTEST_WITH_INTER"),
    ("Remote explosive/landmine/IED", "REM_EXPLOS"),
    ("Sexual violence", "SEX_VIOL"),
    ("Suicide bomb", "SUIC_BOMB"),
    ("Violent demonstration", "VIOL_DEMONSTR"),
];

/// The label of an ACLED sub-event type; an unknown one maps to `OTHER`.
pub fn label_of(sub_event_type: &str) -> &'static str {
    LABELS.iter().find(|(s, _)| s.eq_ignore_ascii_case(sub_event_type.trim())).map(|(_, l)| *l).unwrap_or("OTHER")
}

/// What the pipeline made of a snippet: its records and, when it yields none, the kind of
/// non-conflict news it reports.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub records: Vec<Incident>,
    pub non_conflict: Option<NonConflict>,
}

impl Outcome {
    pub fn of(pipeline: &Pipeline, article: &Article) -> Outcome {
        let records = pipeline.process(article);
        let non_conflict = if primary(&records).is_none() { pipeline.non_conflict(article) } else { None };
        Outcome { records, non_conflict }
    }
}

/// The label of snippets that report who claimed an attack (a label outside ACLED).
pub const ATTRIBUTION: &str = "ATTRIB";

/// The label a snippet's outcome predicts: a claim worded before the event it claims ("IS
/// claimed responsibility for a car bomb that …") is the snippet's news, an attribution; one
/// after it ("… in an attack later claimed by IS") is a detail of the event.
pub fn predict(o: &Outcome) -> &'static str {
    match primary(&o.records) {
        Some(r) if r.claim.as_ref().is_some_and(|c| c.start < r.trigger.start) => ATTRIBUTION,
        Some(r) => label_of(&r.acled.sub_event_type),
        None => o.non_conflict.map_or(NO_RECORD, label_of_non_conflict),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub id: String,
    pub text: String,
    pub label: String,
}

/// Reads the tab-separated file (`id`, `EventSnippet`, `SubType`, a header first). Quotes are
/// text, not quoting, so every line is split on tabs as it stands. A line of fewer columns is
/// left out and returned with its number.
pub fn load(text: &str) -> Result<(Vec<Snippet>, Vec<Unreadable>)> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.split('\t').count() >= 3 => {}
        _ => bail!("no header of three tab-separated columns"),
    }
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            skipped.push(Unreadable { line: i as u64 + 1, why: format!("{} columns, expected 3", cols.len()) });
            continue;
        }
        let label = cols[cols.len() - 1].trim().to_string();
        let text = cols[1..cols.len() - 1].join("\t");
        out.push(Snippet { id: cols[0].trim().to_string(), text, label });
    }
    Ok((out, skipped))
}

/// Scores the records of each snippet (in the snippets' order).
pub fn score(snippets: &[Snippet], predicted: &[Outcome], errors: usize) -> Report {
    let pairs: Vec<(String, String)> =
        snippets.iter().zip(predicted).map(|(s, r)| (s.label.clone(), predict(r).to_string())).collect();
    let mut report = Report::new("case2021");
    report.metric("accuracy", accuracy(&pairs));
    report.metric("macro_f1", macro_f1(&pairs));
    report.count("snippets", snippets.len());
    report.count("snippets_without_record", predicted.iter().filter(|o| primary(&o.records).is_none()).count());
    report.confusion = confusion("label", &pairs);
    let cases = snippets
        .iter()
        .zip(&pairs)
        .zip(predicted)
        .map(|((s, (g, p)), o)| {
            let got = primary(&o.records)
                .map(|r| format!("{p} ({} / {})", r.event_type, r.acled.sub_event_type))
                .unwrap_or_else(|| format!("{p} (no record)"));
            ErrorCase {
                id: s.id.clone(),
                misses: (g != p) as usize,
                text: opening(&s.text, 160),
                rows: vec![ErrorRow { field: "label".into(), gold: g.clone(), predicted: got, ok: g == p }],
            }
        })
        .collect();
    report.keep_worst(cases, errors);
    report
}

/// Runs the pipeline over every snippet and scores it.
pub fn run(pipeline: &Pipeline, shared: &Path, errors: usize) -> Result<Report> {
    run_file(pipeline, &shared.join(SOURCE), errors)
}

/// [`run`] on another file of snippets in the same layout (id, EventSnippet, SubType).
pub fn run_file(pipeline: &Pipeline, path: &Path, errors: usize) -> Result<Report> {
    let started = Instant::now();
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let (snippets, skipped) = load(&text).with_context(|| path.display().to_string())?;
    let predicted: Vec<Outcome> = snippets
        .par_iter()
        .map(|s| Outcome::of(pipeline, &Article { id: s.id.clone(), text: s.text.clone(), ..Default::default() }))
        .collect();
    let mut report = score(&snippets, &predicted, errors);
    report.sources = vec![path.display().to_string()];
    report.skipped_rows(path, &skipped);
    report.gazetteers_of(pipeline);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Invented snippets in the file's layout (not taken from the dataset).
    const SAMPLE: &str = "id\tEventSnippet\tSubType
1\tA roadside bomb killed three soldiers near Gao on Monday.\tREM_EXPLOS
2\tThe two foreign ministers met to discuss \"trade\" ties.\tDIPLO
3\tThousands marched peacefully in the capital against fuel prices.\tPEACE_PROTEST
";

    #[test]
    fn snippets_load_with_quotes_as_text() {
        let (s, skipped) = load(SAMPLE).unwrap();
        assert_eq!((s.len(), skipped.len()), (3, 0));
        assert_eq!(s[1].text, "The two foreign ministers met to discuss \"trade\" ties.");
        assert_eq!((s[0].id.as_str(), s[0].label.as_str()), ("1", "REM_EXPLOS"));
        assert!(load("just one column\n").is_err());
        let (s, skipped) = load("id\ttext\tlabel\n7\tno label\n\n8\tA march.\tPEACE_PROTEST\n").unwrap();
        assert_eq!(s.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["8"]);
        assert_eq!(skipped, [Unreadable { line: 2, why: "2 columns, expected 3".into() }]);
    }

    #[test]
    fn every_acled_sub_event_type_has_a_label() {
        assert_eq!(LABELS.len(), 25);
        assert_eq!(label_of("Remote explosive/landmine/IED"), "REM_EXPLOS");
        assert_eq!(label_of("Looting/property destruction"), "PROPERTY_DISTRUCT");
        assert_eq!(label_of("something new"), "OTHER");
        assert_eq!(predict(&Outcome::default()), NO_RECORD);
        let flood = Outcome { records: vec![], non_conflict: Some(NonConflict::Disaster) };
        assert_eq!(predict(&flood), "NATURAL_DISASTER");
    }

    #[test]
    fn a_claim_worded_before_its_event_is_an_attribution() {
        let pipeline = Pipeline::builder().build().unwrap();
        let label = |text: &str| {
            predict(&Outcome::of(&pipeline, &Article { id: "t".into(), text: text.into(), ..Default::default() }))
        };
        assert_eq!(
            label("The Tillia Front claimed responsibility for a car bomb in Gao on Friday that killed 8 people."),
            ATTRIBUTION
        );
        assert_eq!(
            label("Gunmen attacked an army patrol near Gao on Friday, killing 4 soldiers, in an attack later claimed by the Tillia Front."),
            "ARMED_CLASH"
        );
    }

    #[test]
    fn invented_snippets_score_against_the_pipeline() {
        let (snippets, _) = load(SAMPLE).unwrap();
        let pipeline = Pipeline::builder().build().unwrap();
        let predicted: Vec<Outcome> = snippets
            .iter()
            .map(|s| Outcome::of(&pipeline, &Article { id: s.id.clone(), text: s.text.clone(), ..Default::default() }))
            .collect();
        let report = score(&snippets, &predicted, 3);
        // A meeting of ministers is no incident, so it falls to the no-record label and is right.
        assert_eq!(predict(&predicted[1]), "DIPLO");
        assert!(report.get("accuracy").unwrap() >= 100.0 / 3.0);
        assert!(report.get("macro_f1").is_some());
    }
}

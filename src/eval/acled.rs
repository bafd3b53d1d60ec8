//! `eventsift eval acled`: each ACLED event's `notes` read as an article published on the event
//! date, the records set beside the event's coded fields.
//!
//! Every metric is over events. A note describes one event, so the primary record (the deadliest
//! current record, else the first) answers for type, country, place and date, while detection,
//! fatalities, location hits and actors may use every record of the note: a note that splits
//! one event into two records still carries its facts.

use super::metrics::{
    self, accuracy, confusion, current, haversine_km, opening, pct, primary, same_name, ErrorCase, ErrorRow, Report,
    Unreadable,
};
use crate::incidents::Incident;
use crate::read::Article;
use crate::Pipeline;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

pub const SOURCE: &str = "data/acled_mali_2017_2018.csv";

/// One coded event: the columns the evaluation reads.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Event {
    pub event_id_cnty: String,
    /// "30 December 2018", or as ACLED's newer exports write it, "2018-12-30".
    pub event_date: String,
    pub event_type: String,
    pub sub_event_type: String,
    /// Every actor and associated actor, separated by `|`.
    #[serde(default)]
    pub actors: String,
    /// ACLED's own export has the actors in four columns instead, associated actors separated
    /// by `;`.
    #[serde(default)]
    pub actor1: String,
    #[serde(default)]
    pub assoc_actor_1: String,
    #[serde(default)]
    pub actor2: String,
    #[serde(default)]
    pub assoc_actor_2: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub admin1: String,
    #[serde(default)]
    pub admin2: String,
    #[serde(default)]
    pub admin3: String,
    #[serde(default)]
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub notes: String,
    pub fatalities: u64,
}

impl Event {
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        let d = self.event_date.trim();
        DATE_FORMATS.iter().find_map(|f| chrono::NaiveDate::parse_from_str(d, f).ok())
    }

    /// The note as an article published on the event date, as a wire report of the day would be.
    pub fn article(&self) -> Article {
        Article {
            id: self.event_id_cnty.clone(),
            text: self.notes.clone(),
            published: self.date().map(|d| d.to_string()),
            ..Default::default()
        }
    }

    /// The coded actors, each with the spellings a record may use for it.
    pub fn actor_names(&self) -> Vec<Vec<String>> {
        let columns = [&self.actor1, &self.assoc_actor_1, &self.actor2, &self.assoc_actor_2];
        let names: Vec<&str> = if self.actors.trim().is_empty() {
            columns.iter().flat_map(|c| c.split(';')).collect()
        } else {
            self.actors.split('|').collect()
        };
        names.into_iter().map(str::trim).filter(|a| !a.is_empty()).map(actor_aliases).collect()
    }
}

/// How ACLED exports write an event's date.
const DATE_FORMATS: &[&str] = &["%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d %b %Y"];

/// The columns without which an event cannot be scored.
const REQUIRED: &[&str] = &["event_id_cnty", "event_date", "event_type", "sub_event_type", "notes", "fatalities"];

/// Reads the events of an ACLED export (a header row, then one event per row). A row that
/// cannot be read (a missing field, a count that is no number, a date in no known form) is
/// left out and returned with its line, so the rest are still scored; a file without the
/// columns an event needs is an error.
pub fn load(input: impl Read) -> Result<(Vec<Event>, Vec<Unreadable>)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader.headers().context("no header row")?.clone();
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !headers.iter().any(|h| h == *c)).collect();
    if !missing.is_empty() {
        bail!("no column {} in the header", missing.join(", "));
    }
    let has_actors = ["actors", "actor1"].iter().any(|c| headers.iter().any(|h| h == *c));
    if !has_actors {
        bail!("no actors column (actors, or actor1 and actor2) in the header");
    }
    let mut events = Vec::new();
    let mut skipped = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.len() != headers.len() => skipped
                .push(Unreadable { line, why: format!("{} fields, the header has {}", record.len(), headers.len()) }),
            Ok(true) => match record.deserialize::<Event>(Some(&headers)) {
                Ok(e) if e.date().is_none() => skipped.push(Unreadable {
                    line,
                    why: format!("event_date {:?} is no date (\"30 December 2018\" or \"2018-12-30\")", e.event_date),
                }),
                Ok(e) => events.push(e),
                Err(e) => skipped.push(Unreadable { line, why: csv_reason(&e) }),
            },
            Err(e) => skipped.push(Unreadable { line, why: csv_reason(&e) }),
        }
    }
    Ok((events, skipped))
}

/// A CSV error without the position the caller already names.
fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(i) => format!("field {}: {}", i + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

/// The spellings of one coded actor: "JNIM: Group for Support of Islam and Muslims" is also
/// "JNIM" and the long name; "Military Forces of Mali (2013-2020)" drops its years; "Civilians
/// (Mali)" is also plain "Civilians".
pub fn actor_aliases(actor: &str) -> Vec<String> {
    static YEARS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)").expect("years pattern"));
    static BRACKETS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\s*\([^)]*\)").expect("brackets pattern"));
    let full = YEARS.replace_all(actor, "").trim().to_string();
    let mut out = vec![full.clone()];
    let mut push = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    // "Police Forces of Mali (2013-2020) Gendarmerie": the force, then its branch.
    if let Some(years) = YEARS.find(actor) {
        push(&actor[..years.start()]);
    }
    push(&BRACKETS.replace_all(&full, ""));
    if let Some((short, long)) = full.split_once(": ") {
        push(short);
        push(long);
        push(&BRACKETS.replace_all(long, ""));
    }
    // "Islamic State (Greater Sahara)" is also "ISGS": the initials of its words.
    push(&acronym(full.split_once(": ").map_or(full.as_str(), |(_, long)| long)));
    out
}

/// The initials of a name's words, small words left out ("Movement for Azawad Salvation" →
/// "MAS"); empty for a name of fewer than three words, whose two letters would match by chance.
fn acronym(name: &str) -> String {
    const SMALL: &[&str] =
        &["of", "the", "and", "for", "in", "to", "a", "an", "de", "du", "des", "la", "le", "al", "wa", "ul"];
    let words: Vec<&str> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !SMALL.contains(w)).collect();
    if words.len() < 3 {
        return String::new();
    }
    words.iter().filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect()
}

/// Whether a record's actor name is one of the aliases, also across a plural "s".
fn actor_matches(aliases: &[String], name: &str) -> bool {
    let singular = |s: &str| {
        let l = metrics::loose(s);
        l.strip_suffix('s').map(str::to_string).unwrap_or(l)
    };
    aliases.iter().any(|a| same_name(a, name) || singular(a) == singular(name) && !singular(name).is_empty())
}

fn killed(r: &Incident) -> u64 {
    r.casualties.killed.as_ref().and_then(|c| c.low).unwrap_or(0)
}

/// The place names a record offers for a location match.
fn record_places(r: &Incident) -> Vec<&str> {
    r.location.iter().flat_map(|l| std::iter::once(l.name.as_str()).chain(l.admin1.as_deref())).collect()
}

fn coordinates(at: Option<(f64, f64)>) -> String {
    at.map(|(lat, lon)| format!("{lat:.4}, {lon:.4}")).unwrap_or_else(|| "-".into())
}

/// The outcome for one event.
struct Outcome {
    detected: bool,
    fatalities_exact: bool,
    sub_event: (String, String),
    event_type: (String, String),
    country: bool,
    location: bool,
    km: Option<f64>,
    date: bool,
    actor: bool,
    case: ErrorCase,
}

fn judge(e: &Event, records: &[Incident]) -> Outcome {
    let detected = records.iter().any(|r| !r.aggregate);
    let sum: u64 = current(records).map(killed).sum();
    let p = primary(records);
    let none = || "no record".to_string();
    let sub_event = (e.sub_event_type.clone(), p.map(|r| r.acled.sub_event_type.clone()).unwrap_or_else(none));
    let event_type = (e.event_type.clone(), p.map(|r| r.acled.event_type.clone()).unwrap_or_else(none));
    let loc = p.and_then(|r| r.location.as_ref());
    let country = loc.and_then(|l| l.country.as_deref()).is_some_and(|c| same_name(c, &e.country));
    let gold_places = [&e.location, &e.admin1, &e.admin2, &e.admin3];
    let location = records
        .iter()
        .filter(|r| !r.aggregate)
        .flat_map(record_places)
        .any(|name| gold_places.iter().any(|g| same_name(g, name)));
    let km = match (loc.and_then(|l| l.lat.zip(l.lon)), e.latitude.zip(e.longitude)) {
        (Some((a, b)), Some((c, d))) => Some(haversine_km(a, b, c, d)),
        _ => None,
    };
    let gold_date = e.date().map(|d| d.to_string());
    let got_date = p.and_then(|r| r.date.as_ref()).and_then(|d| d.start.clone());
    let date = gold_date.is_some() && got_date == gold_date;
    let gold_actors = e.actor_names();
    let names: Vec<&str> = records
        .iter()
        .filter(|r| !r.aggregate)
        .flat_map(|r| r.perpetrators.iter().chain(&r.targets))
        .flat_map(|a| std::iter::once(a.name.as_str()).chain(a.canonical.as_deref()))
        // A canonical name in ACLED's style, "ICRC: International Committee of the Red Cross",
        // offers its short form as the gold's does.
        .flat_map(|n| std::iter::once(n).chain(n.split_once(": ").map(|(short, _)| short)))
        .collect();
    let actor = gold_actors.iter().any(|aliases| names.iter().any(|n| actor_matches(aliases, n)));

    let row =
        |field: &str, gold: String, predicted: String, ok: bool| ErrorRow { field: field.into(), gold, predicted, ok };
    let place = loc
        .map(|l| {
            format!(
                "{} / {} / {} ({})",
                l.name,
                l.admin1.as_deref().unwrap_or("-"),
                l.country.as_deref().unwrap_or("-"),
                coordinates(l.lat.zip(l.lon))
            )
        })
        .unwrap_or_else(|| "-".into());
    let mut distinct: Vec<&str> = Vec::new();
    for n in &names {
        if !distinct.contains(n) {
            distinct.push(n);
        }
    }
    let rows = vec![
        row(
            "records",
            "≥1".into(),
            format!("{} ({} aggregate)", records.len(), records.iter().filter(|r| r.aggregate).count()),
            detected,
        ),
        row("sub_event_type", sub_event.0.clone(), sub_event.1.clone(), sub_event.0 == sub_event.1),
        row("fatalities", e.fatalities.to_string(), sum.to_string(), sum == e.fatalities),
        row(
            "location",
            format!("{} / {} / {} / {} / {}", e.location, e.admin3, e.admin2, e.admin1, e.country),
            place,
            location && country,
        ),
        row(
            "geocode",
            coordinates(e.latitude.zip(e.longitude)),
            km.map(|k| format!("{k:.0} km off")).unwrap_or_else(|| "-".into()),
            km.is_some_and(|k| k <= 25.0),
        ),
        row("date", gold_date.clone().unwrap_or_default(), got_date.clone().unwrap_or_else(|| "-".into()), date),
        row("actors", e.actors.clone(), distinct.join(" | "), actor),
    ];
    let misses = rows.iter().filter(|r| !r.ok).count();
    let case = ErrorCase { id: e.event_id_cnty.clone(), misses, text: opening(&e.notes, 160), rows };
    Outcome {
        detected,
        fatalities_exact: sum == e.fatalities,
        sub_event,
        event_type,
        country,
        location,
        km,
        date,
        actor,
        case,
    }
}

/// Scores the records of each event's note (in the events' order).
pub fn score(events: &[Event], predicted: &[Vec<Incident>], errors: usize) -> Report {
    let outcomes: Vec<Outcome> = events.iter().zip(predicted).map(|(e, r)| judge(e, r)).collect();
    let n = outcomes.len();
    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let fatal: Vec<&Outcome> = outcomes.iter().zip(events).filter(|(_, e)| e.fatalities > 0).map(|(o, _)| o).collect();
    let subs: Vec<(String, String)> = outcomes.iter().map(|o| o.sub_event.clone()).collect();
    let types: Vec<(String, String)> = outcomes.iter().map(|o| o.event_type.clone()).collect();

    let mut report = Report::new("acled");
    report.metric("detected", pct(count(&|o| o.detected), n));
    report.metric("fatalities_exact", pct(count(&|o| o.fatalities_exact), n));
    report.metric("fatalities_exact_when_fatal", pct(fatal.iter().filter(|o| o.fatalities_exact).count(), fatal.len()));
    report.metric("sub_event_type_accuracy", accuracy(&subs));
    report.metric("event_type_accuracy", accuracy(&types));
    report.metric("country_accuracy", pct(count(&|o| o.country), n));
    report.metric("location_hit", pct(count(&|o| o.location), n));
    report.metric("geocode_within_25km", pct(count(&|o| o.km.is_some_and(|k| k <= 25.0)), n));
    report.metric("geocode_within_50km", pct(count(&|o| o.km.is_some_and(|k| k <= 50.0)), n));
    report.metric("date_exact", pct(count(&|o| o.date), n));
    report.metric("actor_hit", pct(count(&|o| o.actor), n));
    report.count("events", n);
    report.count("events_with_fatalities", fatal.len());
    report.count("records", predicted.iter().map(Vec::len).sum());
    report.confusion = confusion("sub_event_type", &subs);
    report.confusion.extend(confusion("event_type", &types));
    report.keep_worst(outcomes.into_iter().map(|o| o.case).collect(), errors);
    report
}

/// Countries named by the words of a file name ("acled_mali_2017_2018.csv" → ML).
fn feed_countries(pipeline: &Pipeline, path: &Path) -> Vec<String> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let g = &pipeline.finder().gazetteer;
    let mut out: Vec<String> = Vec::new();
    for word in stem.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() >= 4) {
        for &id in g.lookup(word) {
            let p = g.place(id);
            if p.kind == crate::mentions::PlaceKind::Country && !out.contains(&p.country_code) {
                out.push(p.country_code.clone());
            }
        }
    }
    out
}

/// Runs the pipeline over every note of the shared ACLED export and scores it.
pub fn run(pipeline: &Pipeline, shared: &Path, errors: usize) -> Result<Report> {
    run_file(pipeline, &shared.join(SOURCE), errors)
}

/// [`run`] on another ACLED export (the same columns), such as another country's or year's.
pub fn run_file(pipeline: &Pipeline, path: &Path, errors: usize) -> Result<Report> {
    let started = Instant::now();
    let file = std::fs::File::open(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let (events, skipped) = load(file).with_context(|| path.display().to_string())?;
    // An ACLED export is one country's feed, named in its file name ("acled_mali_…"): its notes
    // are read as a reader of that feed would, expecting that country when a name is ambiguous.
    let prior = feed_countries(pipeline, path);
    let articles: Vec<Article> = events.iter().map(Event::article).collect();
    let predicted: Vec<Vec<Incident>> = pipeline.process_batch_in(&articles, &prior);
    let mut report = score(&events, &predicted, errors);
    report.sources = vec![path.display().to_string()];
    report.count("country_prior_from_file_name", prior.len());
    report.skipped_rows(path, &skipped);
    report.gazetteers_of(pipeline);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Invented rows in the export's layout (not taken from any dataset).
    const SAMPLE: &str = "\
event_id_cnty,event_date,year,event_type,sub_event_type,actors,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,notes,fatalities
XX1,02 March 2024,2024,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims | Military Forces of Mali (2013-2020),Mali,Mopti,Mopti,Socoura,Mopti,14.4843,-4.18296,1,\"On March 2, JNIM militants attacked Malian soldiers in Mopti, killing 5 soldiers.\",5
XX2,14 July 2024,2024,Protests,Peaceful protest,Protesters (Mali),Mali,Bamako,Bamako,Bamako,Bamako,12.6392,-8.0029,1,\"On July 14, traders held a march in Bamako about taxes.\",0
";

    #[test]
    fn rows_load_with_quoted_notes_and_dates() {
        let (events, skipped) = load(SAMPLE.as_bytes()).unwrap();
        assert_eq!((events.len(), skipped.len()), (2, 0));
        assert_eq!(events[0].fatalities, 5);
        assert_eq!(events[0].latitude, Some(14.4843));
        assert!(events[0].notes.contains("Mopti, killing"));
        let a = events[0].article();
        assert_eq!((a.id.as_str(), a.published.as_deref()), ("XX1", Some("2024-03-02")));
        assert!(load("event_id_cnty,fatalities\nX,many\n".as_bytes()).is_err());
    }

    #[test]
    fn unreadable_rows_are_left_out_with_their_lines_and_the_rest_still_load() {
        let text = format!(
            "{}XX3,someday,2024,Battles,Armed clash,JNIM,Mali,,,,,,,1,\"A note.\",0\nXX4,3 May 2024,2024,Battles\nXX5,4 May 2024,2024,Battles,Armed clash,JNIM,Mali,,,,,,,1,\"A note.\",many\n",
            SAMPLE
        );
        let (events, skipped) = load(text.as_bytes()).unwrap();
        assert_eq!(events.iter().map(|e| e.event_id_cnty.as_str()).collect::<Vec<_>>(), ["XX1", "XX2"]);
        let lines: Vec<u64> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [4, 5, 6]);
        assert!(skipped[0].why.contains("someday"), "{}", skipped[0].why);
        assert!(skipped[1].why.contains("4 fields"), "{}", skipped[1].why);
        assert!(skipped[2].why.contains("field 16"), "{}", skipped[2].why);
        let mut report = Report::new("acled");
        report.skipped_rows(Path::new("feed.csv"), &skipped);
        assert!(report.table().contains("skipped feed.csv:5: 4 fields"), "{}", report.table());
        assert!(load("event_id_cnty,event_date\nX,1 May 2024\n".as_bytes()).unwrap_err().to_string().contains("notes"));
    }

    #[test]
    fn newer_exports_give_iso_dates_and_actors_in_four_columns() {
        let text = "\
event_id_cnty,event_date,event_type,sub_event_type,actor1,assoc_actor_1,actor2,assoc_actor_2,country,location,latitude,longitude,notes,fatalities
XX9,2024-05-03,Violence against civilians,Attack,Unidentified Armed Group (Mali),,Civilians (Mali),Fulani Ethnic Group (Mali); Herders (Mali),Mali,Mopti,14.48,-4.18,\"Gunmen killed two herders.\",2
";
        let (events, skipped) = load(text.as_bytes()).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(events[0].article().published.as_deref(), Some("2024-05-03"));
        let firsts: Vec<String> = events[0].actor_names().into_iter().map(|a| a[0].clone()).collect();
        assert_eq!(
            firsts,
            ["Unidentified Armed Group (Mali)", "Civilians (Mali)", "Fulani Ethnic Group (Mali)", "Herders (Mali)"]
        );
    }

    #[test]
    fn actor_aliases_drop_years_and_offer_acronyms() {
        assert_eq!(actor_aliases("Military Forces of Mali (2013-2020)"), ["Military Forces of Mali", "MFM"]);
        assert_eq!(actor_aliases("Military Forces of France (2017-)")[0], "Military Forces of France");
        let branch = actor_aliases("Police Forces of Mali (2013-2020) Gendarmerie");
        assert_eq!(branch[..2], ["Police Forces of Mali Gendarmerie", "Police Forces of Mali"]);
        assert_eq!(actor_aliases("Civilians (Mali)"), ["Civilians (Mali)", "Civilians"]);
        assert!(actor_matches(&actor_aliases("Islamic State (Greater Sahara)"), "ISGS"));
        assert!(!actor_matches(&actor_aliases("Islamic State (Greater Sahara)"), "IS"));
        let jnim = actor_aliases("JNIM: Group for Support of Islam and Muslims");
        assert!(
            jnim.contains(&"JNIM".to_string()) && jnim.contains(&"Group for Support of Islam and Muslims".to_string())
        );
        assert!(actor_matches(&actor_aliases("Civilians (Mali)"), "civilian"));
        assert!(!actor_matches(&actor_aliases("Civilians (Mali)"), "soldiers"));
    }

    #[test]
    fn invented_rows_score_against_the_pipeline() {
        let (events, _) = load(SAMPLE.as_bytes()).unwrap();
        let pipeline = Pipeline::builder().build().unwrap();
        let predicted: Vec<Vec<Incident>> = events.iter().map(|e| pipeline.process(&e.article())).collect();
        let report = score(&events, &predicted, 5);
        for m in [
            "detected",
            "fatalities_exact",
            "sub_event_type_accuracy",
            "location_hit",
            "geocode_within_25km",
            "date_exact",
            "actor_hit",
        ] {
            assert!(report.get(m).is_some(), "{m}");
        }
        assert_eq!(report.counts[0], ("events".to_string(), 2));
        // The attack note is plain enough that any working pipeline finds its place, toll and group.
        let first = judge(&events[0], &predicted[0]);
        assert!(first.detected && first.location && first.fatalities_exact && first.actor, "{:?}", first.case);
        assert!(report.errors.len() <= 2);
    }

    #[test]
    fn a_canonical_name_in_the_codebook_style_matches_by_its_short_form() {
        let (mut events, _) = load(SAMPLE.as_bytes()).unwrap();
        events[1].actors = "ICRC: International Committee of the Red Cross and Red Crescent".into();
        let mut record = Pipeline::builder().build().unwrap().process(&events[1].article());
        assert!(!record.is_empty());
        record[0].targets = vec![crate::incidents::Actor {
            name: "Red Cross".into(),
            canonical: Some("ICRC: International Committee of the Red Cross".into()),
            kind: crate::mentions::ActorKind::Civilian,
            written: None,
        }];
        assert!(judge(&events[1], &record).actor);
    }
}

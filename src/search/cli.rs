//! `eventsift search`: its arguments and how results are printed.

use super::{parse_date_bound, BBox, Interval, Kind, SearchIndex, SearchRequest, SearchResults};
use anyhow::Result;
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args, Debug, Clone)]
pub struct SearchArgs {
    /// tantivy query language: words (all must match), "exact phrases", OR, NOT/-word, +word,
    /// field:value (country:mali, tactic:svbied, event_type:kidnapping, perpetrator:jnim,
    /// location:timbuktu, source:…), killed:[50 TO *]. Several words may be given unquoted.
    pub query: Vec<String>,
    /// The index directory.
    #[arg(long, env = "EVENTSIFT_INDEX")]
    pub index: PathBuf,
    /// Only incidents or only articles (default: both, ranked together).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Country names or ISO codes, comma-separated alternatives.
    #[arg(long, value_delimiter = ',')]
    pub country: Vec<String>,
    /// SCHEMA tactics (svbied, ambush, …), comma-separated alternatives.
    #[arg(long, value_delimiter = ',')]
    pub tactic: Vec<String>,
    /// SCHEMA event types, comma-separated alternatives.
    #[arg(long = "event-type", value_delimiter = ',')]
    pub event_type: Vec<String>,
    /// A perpetrator or target name or phrase (ISWAP, "Malian Armed Forces"); repeat for alternatives.
    #[arg(long)]
    pub actor: Vec<String>,
    /// Incidents whose conservative killed figure is at least N.
    #[arg(long = "min-killed")]
    pub min_killed: Option<u64>,
    /// From this date (YYYY-MM-DD, YYYY-MM or YYYY): incident date, or publication for articles.
    #[arg(long, value_parser = lower_bound)]
    pub from: Option<NaiveDate>,
    /// Up to this date, inclusive (a month or year means its last day).
    #[arg(long, value_parser = upper_bound)]
    pub to: Option<NaiveDate>,
    /// Incidents located in minlon,minlat,maxlon,maxlat.
    #[arg(long, allow_hyphen_values = true)]
    pub bbox: Option<BBox>,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print one JSON object (hits, facets, histogram) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Count matching incidents per value: country, event_type, acled, tactic, perpetrator,
    /// target, victim_kind, or a path such as country/Mali (its admin1 regions).
    #[arg(long, value_delimiter = ',')]
    pub facets: Vec<String>,
    /// Matching incidents and killed per period.
    #[arg(long, value_enum)]
    pub histogram: Option<Interval>,
    /// Count every hit; by default counting stops past 10,000 and the total reads "10000+".
    #[arg(long = "exact-count")]
    pub exact_count: bool,
}

fn lower_bound(s: &str) -> Result<NaiveDate, String> {
    parse_date_bound(s, false)
}

fn upper_bound(s: &str) -> Result<NaiveDate, String> {
    parse_date_bound(s, true)
}

impl SearchArgs {
    pub fn request(&self) -> SearchRequest {
        let mut r = SearchRequest::new(self.query.join(" "));
        r.kind = self.kind;
        r.countries = self.country.clone();
        r.tactics = self.tactic.clone();
        r.event_types = self.event_type.clone();
        r.actors = self.actor.clone();
        r.min_killed = self.min_killed;
        r.from = self.from;
        r.to = self.to;
        r.bbox = self.bbox;
        r.limit = self.limit;
        r.facets = self.facets.clone();
        r.histogram = self.histogram;
        r.snippets = true;
        if self.exact_count {
            r.count_up_to = None;
        }
        r
    }
}

/// Runs `eventsift search`.
pub fn run(args: &SearchArgs) -> Result<()> {
    let index = SearchIndex::open(&args.index)?;
    let request = args.request();
    let results = index.search(&request)?;
    let stdout = std::io::stdout();
    let color = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
    } else {
        render(&results, &request, color, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

/// Prints results for a person: ranked hits, then facet counts, then the histogram.
pub fn render(
    results: &SearchResults,
    request: &SearchRequest,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (open, close) = if color { ("\x1b[1m", "\x1b[0m") } else { ("**", "**") };
    let shown = results.hits.len();
    let noun = if results.total == 1 && !results.total_is_lower_bound { "hit" } else { "hits" };
    let total = format!("{}{}", results.total, if results.total_is_lower_bound { "+" } else { "" });
    if request.query.trim().is_empty() {
        writeln!(out, "{total} {noun}, newest first{}", showing(shown, results.total))?;
    } else {
        writeln!(out, "{total} {noun} for {:?}{}", request.query, showing(shown, results.total))?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let score = hit.score.map(|s| format!("  ({s:.2})")).unwrap_or_default();
        match hit.kind {
            Kind::Incident => {
                writeln!(
                    out,
                    "{:>3}. incident {}  {}{score}",
                    i + 1,
                    hit.id,
                    hit.summary.as_deref().unwrap_or_default()
                )?;
            }
            Kind::Article => {
                let published = hit.record["published"].as_str().unwrap_or("undated");
                let title = hit.title.as_deref().unwrap_or("(untitled)");
                let source = hit.source.as_deref().map(|s| format!("  [{s}]")).unwrap_or_default();
                writeln!(out, "{:>3}. article  {}  {published}  {title}{source}{score}", i + 1, hit.id)?;
                if let Some(snippet) = &hit.snippet {
                    let text = snippet.marked(open, close).split_whitespace().collect::<Vec<_>>().join(" ");
                    writeln!(out, "     {text}")?;
                }
            }
        }
    }
    if let Some(n) = results.counted_incidents {
        if !results.facets.is_empty() {
            writeln!(out, "\nfacets over {n} matching incidents:")?;
            for facet in &results.facets {
                let values: Vec<String> = facet.counts.iter().map(|v| format!("{} {}", v.value, v.count)).collect();
                let values = if values.is_empty() { "(none)".to_string() } else { values.join(", ") };
                writeln!(out, "  {}: {values}", facet.facet)?;
            }
        }
        if !results.histogram.is_empty() || request.histogram.is_some() {
            writeln!(out, "\n{:<10} {:>9} {:>8}", "period", "incidents", "killed")?;
            for b in &results.histogram {
                writeln!(out, "{:<10} {:>9} {:>8}", b.period, b.incidents, b.killed)?;
            }
        }
    }
    Ok(())
}

fn showing(shown: usize, total: u64) -> String {
    if (shown as u64) < total {
        format!(" (top {shown})")
    } else {
        String::new()
    }
}

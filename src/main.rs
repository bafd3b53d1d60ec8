//! The `eventsift` command line.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use eventsift::read::{Article, ReadItem, Reader};
use eventsift::sinks::JsonlWriter;
use eventsift::Pipeline;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "eventsift", version, about = "News text in, conflict-incident records out")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct ModelArgs {
    /// Folder of models (gazetteer, lexicons); default $EVENTSIFT_MODELS or the crate's models/.
    #[arg(long, global = true)]
    models: Option<PathBuf>,
    /// GeoNames dump to add to the gazetteer (XX.txt, allCountries.txt); repeatable.
    #[arg(long = "gazetteer", global = true, env = "EVENTSIFT_GAZETTEER", value_delimiter = ':')]
    gazetteers: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Extract incident records from articles, one JSON line per incident.
    Extract {
        /// Files, directories (recursively) or - for stdin: .jsonl/.json/.txt, optionally .gz/.zst.
        #[arg(long, short, num_args = 1.., required = true)]
        input: Vec<PathBuf>,
        /// Where to write the records; - for stdout.
        #[arg(long, short, default_value = "-")]
        output: PathBuf,
        /// Articles handed to the worker threads at a time.
        #[arg(long, default_value_t = 512)]
        batch: usize,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Show what each stage found in articles, sentence by sentence, for error analysis.
    Explain {
        #[arg(long, short, num_args = 1.., required = true)]
        input: Vec<PathBuf>,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Measure the extractor against gold data.
    Eval {
        #[command(subcommand)]
        set: EvalSet,
    },
    /// Build the shipped gazetteer model from GeoNames files.
    Gazetteer {
        #[command(subcommand)]
        action: GazetteerAction,
    },
}

#[derive(Subcommand)]
enum EvalSet {
    /// The founding report against its hand-written gold; exits non-zero on any failure.
    Seed {
        /// The shared data folder.
        #[arg(long, env = "EVENTSIFT_SHARED", default_value = "../shared")]
        shared: PathBuf,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// The sample corpus (corpus/articles.jsonl against corpus/gold/*.json).
    Corpus {
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        #[command(flatten)]
        models: ModelArgs,
    },
}

#[derive(Subcommand)]
enum GazetteerAction {
    /// Write models/gazetteer.tsv.gz from countryInfo.txt, admin1CodesASCII.txt and cities15000.txt(.gz).
    Build {
        #[arg(long)]
        country_info: PathBuf,
        #[arg(long)]
        admin1: PathBuf,
        #[arg(long)]
        cities: PathBuf,
        #[arg(long, default_value = "models/gazetteer.tsv.gz")]
        out: PathBuf,
    },
}

fn main() {
    if let Err(e) = run(Cli::parse()) {
        eprintln!("eventsift: {e:#}");
        std::process::exit(2);
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Extract { input, output, batch, models } => extract(&input, &output, batch.max(1), &models),
        Command::Explain { input, models } => explain(&input, &models),
        Command::Eval { set: EvalSet::Seed { shared, models } } => eval_seed(&shared, &models),
        Command::Eval { set: EvalSet::Corpus { corpus, models } } => eval_corpus(&corpus, &models),
        Command::Gazetteer { action: GazetteerAction::Build { country_info, admin1, cities, out } } => {
            let n = eventsift::mentions::gazetteer::build_model(&country_info, &admin1, &cities, &out)?;
            eprintln!("wrote {n} places to {}", out.display());
            Ok(())
        }
    }
}

fn pipeline(models: &ModelArgs, extra_gazetteers: &[PathBuf]) -> Result<Pipeline> {
    let mut builder = Pipeline::builder();
    if let Some(dir) = &models.models {
        builder = builder.models(dir);
    }
    for g in models.gazetteers.iter().chain(extra_gazetteers) {
        builder = builder.gazetteer(g);
    }
    builder.build()
}

fn extract(inputs: &[PathBuf], output: &Path, batch: usize, models: &ModelArgs) -> Result<()> {
    let started = Instant::now();
    let pipeline = pipeline(models, &[])?;
    let out: Box<dyn Write> = if output == Path::new("-") {
        Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
    } else {
        let file = std::fs::File::create(output).with_context(|| format!("{}: cannot create", output.display()))?;
        Box::new(std::io::BufWriter::new(file))
    };
    let mut writer = JsonlWriter::new(out);
    let mut reader = Reader::new(inputs);
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(reader.total_bytes());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg}")
                .expect("progress template"),
        );
        Some(bar)
    } else {
        None
    };
    let raw_read = reader.raw_bytes_read();
    let text_read = reader.bytes_read();
    let (mut articles, mut rejected, mut incidents) = (0u64, 0u64, 0u64);
    loop {
        let mut chunk: Vec<Article> = Vec::with_capacity(batch);
        for item in reader.by_ref() {
            match item {
                ReadItem::Article(a) => {
                    chunk.push(a);
                    if chunk.len() == batch {
                        break;
                    }
                }
                ReadItem::Reject(r) => {
                    rejected += 1;
                    match &progress {
                        Some(bar) => bar.println(format!("{r}")),
                        None => eprintln!("{r}"),
                    }
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<_> = chunk.par_iter().map(|a| pipeline.process(a)).collect();
        for records in &results {
            for r in records {
                writer.write(r).context("writing records")?;
            }
            incidents += records.len() as u64;
        }
        articles += chunk.len() as u64;
        if let Some(bar) = &progress {
            bar.set_position(raw_read.load(Ordering::Relaxed));
            bar.set_message(format!("{articles} articles, {incidents} incidents"));
        }
    }
    writer.finish().context("writing records")?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = text_read.load(Ordering::Relaxed) as f64 / 1e6;
    eprintln!(
        "eventsift: {articles} articles, {incidents} incidents, {rejected} rejected, {mb:.1} MB in {secs:.2} s ({:.2} MB/s)",
        mb / secs.max(1e-9)
    );
    Ok(())
}

/// GeoNames country dumps under the shared folder, loaded as a user with them would.
fn shared_gazetteers(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("data/geonames/countries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn read_articles(path: &Path) -> Result<Vec<Article>> {
    let mut out = Vec::new();
    for item in Reader::new(&[path.to_path_buf()]) {
        match item {
            ReadItem::Article(a) => out.push(a),
            ReadItem::Reject(r) => bail!("{r}"),
        }
    }
    Ok(out)
}

fn eval_seed(shared: &Path, models: &ModelArgs) -> Result<()> {
    let gold_path = shared.join("gold/seed-incidents.json");
    let gold = eventsift::eval::GoldFile::load(&gold_path)?;
    let articles = read_articles(&shared.join("seeds/seed-article.jsonl"))?;
    let article = articles.iter().find(|a| a.id == gold.article_id).context("the seed article is missing")?;
    let pipeline = pipeline(models, &shared_gazetteers(shared))?;
    for f in pipeline.gazetteer_files() {
        println!("gazetteer: {} ({} places)", f.path, f.places);
    }
    let predicted = pipeline.process(article);
    let report = eventsift::eval::check(&gold, article, &predicted);
    print!("{}", eventsift::eval::table(&report.checks));
    let failed = report.failures().count();
    println!("records: {} predicted, {} matched to no gold incident ({})", predicted.len(), report.unmatched.len(), report.unmatched.join(", "));
    println!("seed: {} passed, {} failed", report.checks.len() - failed, failed);
    if failed > 0 {
        bail!("{failed} seed checks failed");
    }
    Ok(())
}

fn eval_corpus(corpus: &Path, models: &ModelArgs) -> Result<()> {
    let pipeline = pipeline(models, &[])?;
    let articles = read_articles(&corpus.join("articles.jsonl"))?;
    let (mut passed, mut failed) = (0, 0);
    for a in &articles {
        let gold = eventsift::eval::GoldFile::load(&corpus.join("gold").join(format!("{}.json", a.id)))?;
        let predicted = pipeline.process(a);
        let report = eventsift::eval::check(&gold, a, &predicted);
        let f = report.failures().count();
        println!("== {} ({} records, {} unmatched: {})", a.id, predicted.len(), report.unmatched.len(), report.unmatched.join(", "));
        print!("{}", eventsift::eval::table(&report.checks));
        passed += report.checks.len() - f;
        failed += f;
    }
    println!("corpus: {passed} passed, {failed} failed");
    if failed > 0 {
        bail!("{failed} corpus checks failed");
    }
    Ok(())
}

fn explain(inputs: &[PathBuf], models: &ModelArgs) -> Result<()> {
    let pipeline = pipeline(models, &[])?;
    for item in Reader::new(inputs) {
        let article = match item {
            ReadItem::Article(a) => a,
            ReadItem::Reject(r) => {
                eprintln!("{r}");
                continue;
            }
        };
        let doc = pipeline.document(&article);
        let m = pipeline.mentions(&doc);
        let g = &pipeline.finder().gazetteer;
        println!("# {}", article.id);
        for (i, s) in doc.sentences.iter().enumerate() {
            println!("[{i}] p{} {}", s.paragraph, s.span.of(&article.text));
            let within = |x: eventsift::text::Span| s.span.contains(x);
            for t in m.triggers.iter().filter(|t| within(t.span)) {
                let irrealis = if m.irrealis.contains(&t.span) { " irrealis" } else { "" };
                println!("    trigger {:?} {} {:?} rank {}{irrealis}", t.span.of(&article.text), t.event_type, t.class, t.rank);
            }
            for p in m.places.iter().filter(|p| within(p.span)) {
                let what = p.place.map(|id| format!("{} {:?} {}", g.place(id).name, g.place(id).kind, g.place(id).country_code)).unwrap_or_else(|| "unknown".into());
                println!("    place {:?} → {what}{}", p.span.of(&article.text), if p.is_reference { " (reference)" } else { "" });
            }
            for a in m.actors.iter().filter(|a| within(a.span)) {
                println!("    actor {:?} {} {:?} named={} {:?}", a.span.of(&article.text), a.kind, a.canonical, a.named, a.hint);
            }
            for t in m.tactics.iter().filter(|t| within(t.span)) {
                println!("    tactic {:?} {}", t.span.of(&article.text), t.tactic);
            }
            for d in m.dates.iter().filter(|d| within(d.span)) {
                println!("    date {:?} {:?}", d.span.of(&article.text), d.value);
            }
            for c in &m.counts[i] {
                println!("    count {:?} {:?} low {:?} {:?} victim {:?}", c.text, c.counted, c.low, c.qualifier, c.victim_kind);
            }
        }
        for inc in pipeline.process(&article) {
            println!("{}", serde_json::to_string(&inc)?);
        }
    }
    Ok(())
}

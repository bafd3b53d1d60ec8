//! The `eventsift` command line.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use eventsift::read::{Article, ReadItem, Reader};
use eventsift::sinks::JsonlWriter;
use eventsift::Pipeline;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Instant, UNIX_EPOCH};

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
    /// Country (ISO code) the articles are expected to be about, as for a regional feed; used only
    /// to place names the text leaves ambiguous. Repeatable.
    #[arg(long = "country-prior", global = true, value_delimiter = ',')]
    country_prior: Vec<String>,
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
        /// Also add the articles and their incidents to the search index in DIR (created if absent).
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
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
    /// Extract incidents from articles into a search index (articles with the same id are replaced).
    Index {
        #[arg(long, short, num_args = 1.., required = true)]
        input: Vec<PathBuf>,
        /// The index directory, created if absent.
        #[arg(long, value_name = "DIR")]
        index: PathBuf,
        /// Articles handed to the worker threads at a time.
        #[arg(long, default_value_t = 512)]
        batch: usize,
        /// Articles between commits: what a crash can lose at most.
        #[arg(long, default_value_t = 10_000)]
        commit_every: usize,
        /// Extract and rewrite every article, even one the index holds unchanged (by default an
        /// article indexed byte for byte the same, by this version with these models, is
        /// passed over).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Search an index: query language, filters, facet counts, histograms.
    Search(eventsift::search::cli::SearchArgs),
    /// Train a statistical model.
    Train {
        #[command(subcommand)]
        what: TrainWhat,
    },
}

#[derive(Subcommand)]
enum TrainWhat {
    /// The entity tagger (averaged perceptron) on CoNLL-2003 files, with per-epoch dev F1 and
    /// early stopping; deterministic for a given seed.
    Tagger {
        #[command(flatten)]
        training: TaggerTraining,
        #[command(flatten)]
        models: ModelArgs,
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
    /// ACLED Mali 2017-2018: each event's notes as an article, scored against the coded event.
    Acled {
        #[command(flatten)]
        args: DatasetArgs,
        /// Another ACLED export (CSV with the same columns) to score instead; a country named in
        /// its file name ("acled_niger_2019.csv") is expected where a name is ambiguous.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// MUC-4: incident types and role fillers of the processed test set and the raw dev keys.
    Muc4 {
        #[command(flatten)]
        args: DatasetArgs,
        /// Score the processed keys of the 1,300 development texts (train.json) instead of the
        /// 200 test texts (dev.json).
        #[arg(long)]
        train: bool,
    },
    /// CASE 2021 task 2: snippet labels from the primary record's ACLED sub-event type.
    Case2021 {
        #[command(flatten)]
        args: DatasetArgs,
        /// Another file of snippets (tab-separated id, EventSnippet, SubType) to score instead.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// CoNLL-2003 English NER: conlleval entity P/R/F1 per type and overall of the entity tagger.
    Conll {
        /// The CoNLL file to tag and score.
        #[arg(long, default_value = "../shared/data/conll2003/test.txt")]
        test: PathBuf,
        /// The tagger model (default: tagger.bin of the models folder).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Fail (exit non-zero) when the overall F1 falls below this.
        #[arg(long)]
        min_f1: Option<f64>,
        #[command(flatten)]
        models: ModelArgs,
    },
    /// Runs acled, muc4 and case2021 and compares every metric with a baseline file.
    Gate {
        /// Fail when a metric falls more than 2 points below its value in this file.
        #[arg(long, required_unless_present = "write")]
        baseline: Option<PathBuf>,
        /// Write the current numbers to this file instead of checking them.
        #[arg(long, conflicts_with = "baseline")]
        write: Option<PathBuf>,
        /// The shared data folder.
        #[arg(long, env = "EVENTSIFT_SHARED", default_value = "../shared")]
        shared: PathBuf,
        #[command(flatten)]
        models: ModelArgs,
    },
}

#[derive(clap::Args, Clone)]
struct DatasetArgs {
    /// The shared data folder.
    #[arg(long, env = "EVENTSIFT_SHARED", default_value = "../shared")]
    shared: PathBuf,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Also show the N worst cases, gold beside predicted.
    #[arg(long, default_value_t = 0, value_name = "N")]
    errors: usize,
    #[command(flatten)]
    models: ModelArgs,
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
        Command::Extract { input, output, batch, index, models } => {
            extract(&input, Some(&output), index.as_deref().map(|d| (d, 10_000)), batch.max(1), false, &models)
        }
        Command::Index { input, index, batch, commit_every, force, models } => {
            extract(&input, None, Some((&index, commit_every)), batch.max(1), !force, &models)
        }
        Command::Search(args) => eventsift::search::cli::run(&args),
        Command::Explain { input, models } => explain(&input, &models),
        Command::Eval { set: EvalSet::Seed { shared, models } } => eval_seed(&shared, &models),
        Command::Eval { set: EvalSet::Corpus { corpus, models } } => eval_corpus(&corpus, &models),
        Command::Eval { set: EvalSet::Acled { args, file: None } } => eval_dataset(&args, eventsift::eval::acled::run),
        Command::Eval { set: EvalSet::Acled { args, file: Some(file) } } => {
            eval_dataset(&args, |p, _, errors| eventsift::eval::acled::run_file(p, &file, errors))
        }
        Command::Eval { set: EvalSet::Muc4 { args, train: false } } => eval_dataset(&args, eventsift::eval::muc4::run),
        Command::Eval { set: EvalSet::Muc4 { args, train: true } } => eval_dataset(&args, |p, shared, errors| {
            eventsift::eval::muc4::run_on(p, shared, errors, eventsift::eval::muc4::PROCESSED_TRAIN)
        }),
        Command::Eval { set: EvalSet::Case2021 { args, file: None } } => {
            eval_dataset(&args, eventsift::eval::case2021::run)
        }
        Command::Eval { set: EvalSet::Case2021 { args, file: Some(file) } } => {
            eval_dataset(&args, |p, _, errors| eventsift::eval::case2021::run_file(p, &file, errors))
        }
        Command::Eval { set: EvalSet::Gate { baseline, write, shared, models } } => {
            eval_gate(baseline.as_deref(), write.as_deref(), &shared, &models)
        }
        Command::Eval { set: EvalSet::Conll { test, model, min_f1, models } } => {
            eval_conll(&test, model.as_deref(), min_f1, &models)
        }
        Command::Train { what: TrainWhat::Tagger { training, models } } => train_tagger(&training, &models),
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
    for c in &models.country_prior {
        builder = builder.country_prior(c);
    }
    builder.build()
}

/// Records go to `output` (JSON Lines), to a search index, or both. With `skip_unchanged`,
/// articles the index already holds as they are are neither extracted nor written again.
fn extract(
    inputs: &[PathBuf],
    output: Option<&Path>,
    index: Option<(&Path, usize)>,
    batch: usize,
    skip_unchanged: bool,
    models: &ModelArgs,
) -> Result<()> {
    let started = Instant::now();
    if let Some(out) = output.filter(|o| *o != Path::new("-")) {
        // Creating the output first would empty an input of the same name before it is read.
        let same = |i: &PathBuf| match (std::fs::canonicalize(i), std::fs::canonicalize(out)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if let Some(i) = inputs.iter().find(|i| same(i)) {
            bail!("{}: the output is also an input; choose another --output", i.display());
        }
    }
    let pipeline = pipeline(models, &[])?;
    let mut writer = match output {
        None => None,
        Some(output) => Some(JsonlWriter::new(if output == Path::new("-") {
            Box::new(std::io::BufWriter::new(std::io::stdout().lock())) as Box<dyn Write>
        } else {
            let file = std::fs::File::create(output).with_context(|| format!("{}: cannot create", output.display()))?;
            Box::new(std::io::BufWriter::new(file))
        })),
    };
    let mut indexer = index.map(|(dir, commit_every)| open_indexer(dir, commit_every, models)).transpose()?;
    let mut reader = Reader::new(inputs);
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(reader.total_bytes());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg}",
            )
            .expect("progress template"),
        );
        Some(bar)
    } else {
        None
    };
    let raw_read = reader.raw_bytes_read();
    let text_read = reader.bytes_read();
    let (mut articles, mut rejected, mut incidents, mut unchanged) = (0u64, 0u64, 0u64, 0u64);
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
        let read = chunk.len() as u64;
        if let Some(indexer) = indexer.as_ref().filter(|_| skip_unchanged) {
            let keep = chunk.iter().map(|a| indexer.unchanged(a).map(|same| !same)).collect::<Result<Vec<_>>>()?;
            let mut keep = keep.into_iter();
            chunk.retain(|_| keep.next().unwrap_or(true));
            unchanged += read - chunk.len() as u64;
        }
        let results = pipeline.process_batch(&chunk);
        for (article, records) in chunk.iter().zip(&results) {
            if let Some(writer) = writer.as_mut() {
                for r in records {
                    writer.write(r).context("writing records")?;
                }
            }
            if let Some(indexer) = indexer.as_mut() {
                indexer.add(article, records)?;
            }
            incidents += records.len() as u64;
        }
        articles += read;
        if let Some(bar) = &progress {
            bar.set_position(raw_read.load(Ordering::Relaxed));
            bar.set_message(format!("{articles} articles, {incidents} incidents"));
        }
    }
    if let Some(writer) = writer {
        writer.finish().context("writing records")?;
    }
    if let Some(indexer) = indexer {
        // A load into an empty index wrote without background merges (see `open_indexer`) and
        // ends with one segment per core.
        let stats = if indexer.fresh() {
            indexer.finish_merged(std::thread::available_parallelism().map_or(1, |n| n.get()))?
        } else {
            indexer.finish()?
        };
        let dir = index.map(|(d, _)| d.display().to_string()).unwrap_or_default();
        eprintln!(
            "eventsift: indexed {} articles, {} incidents into {dir} ({} commits); {unchanged} articles unchanged",
            stats.articles, stats.incidents, stats.commits
        );
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = text_read.load(Ordering::Relaxed) as f64 / 1e6;
    eprintln!(
        "eventsift: {articles} articles, {incidents} incidents, {rejected} rejected, {mb:.2} MB in {secs:.2} s ({:.2} MB/s)",
        mb / secs.max(1e-9)
    );
    Ok(())
}

/// GeoNames country dumps under the shared folder, loaded as a user with them would.
fn shared_gazetteers(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("data/geonames/countries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect()
        })
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
    println!(
        "records: {} predicted, {} matched to no gold incident ({})",
        predicted.len(),
        report.unmatched.len(),
        report.unmatched.join(", ")
    );
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
        println!(
            "== {} ({} records, {} unmatched: {})",
            a.id,
            predicted.len(),
            report.unmatched.len(),
            report.unmatched.join(", ")
        );
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
                println!(
                    "    trigger {:?} {} {:?} rank {}{irrealis}",
                    t.span.of(&article.text),
                    t.event_type,
                    t.class,
                    t.rank
                );
            }
            for p in m.places.iter().filter(|p| within(p.span)) {
                let what = p
                    .place
                    .map(|id| format!("{} {:?} {}", g.place(id).name, g.place(id).kind, g.place(id).country_code))
                    .unwrap_or_else(|| "unknown".into());
                println!(
                    "    place {:?} → {what}{}",
                    p.span.of(&article.text),
                    if p.is_reference { " (reference)" } else { "" }
                );
            }
            for a in m.actors.iter().filter(|a| within(a.span)) {
                println!(
                    "    actor {:?} {} {:?} named={} {:?}{}",
                    a.span.of(&article.text),
                    a.kind,
                    a.canonical,
                    a.named,
                    a.hint,
                    if a.tagged { " tagged" } else { "" }
                );
            }
            for e in m.entities.iter().filter(|e| within(e.span)) {
                println!("    entity {:?} {}", e.span.of(&article.text), e.label);
            }
            for t in m.tactics.iter().filter(|t| within(t.span)) {
                println!("    tactic {:?} {}", t.span.of(&article.text), t.tactic);
            }
            for d in m.dates.iter().filter(|d| within(d.span)) {
                println!("    date {:?} {:?}", d.span.of(&article.text), d.value);
            }
            for c in &m.counts[i] {
                println!(
                    "    count {:?} {:?} low {:?} {:?} victim {:?}",
                    c.text, c.counted, c.low, c.qualifier, c.victim_kind
                );
            }
        }
        for inc in pipeline.process(&article) {
            println!("{}", serde_json::to_string(&inc)?);
        }
    }
    Ok(())
}

type DatasetRun = fn(&Pipeline, &Path, usize) -> Result<eventsift::eval::Report>;

/// One dataset evaluation: the metric table (or JSON), then the worst cases when asked.
fn eval_dataset(
    args: &DatasetArgs,
    run: impl Fn(&Pipeline, &Path, usize) -> Result<eventsift::eval::Report>,
) -> Result<()> {
    let pipeline = pipeline(&args.models, &shared_gazetteers(&args.shared))?;
    let report = run(&pipeline, &args.shared, args.errors)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    print!("{}", report.table());
    if args.errors > 0 {
        println!("== {} worst cases", report.errors.len());
        print!("{}", report.errors_table());
    }
    Ok(())
}

/// The dataset evaluations against a baseline: every metric may fall at most 2 points below it.
fn eval_gate(baseline: Option<&Path>, write: Option<&Path>, shared: &Path, models: &ModelArgs) -> Result<()> {
    const TOLERANCE: f64 = 2.0;
    let started = Instant::now();
    let pipeline = pipeline(models, &shared_gazetteers(shared))?;
    let loaded = started.elapsed().as_secs_f64();
    let runs: [DatasetRun; 3] =
        [eventsift::eval::acled::run, eventsift::eval::muc4::run, eventsift::eval::case2021::run];
    let reports = runs.iter().map(|run| run(&pipeline, shared, 0)).collect::<Result<Vec<_>>>()?;
    for f in pipeline.gazetteer_files() {
        println!("gazetteer: {} ({} places)", f.path, f.places);
    }
    println!(
        "pipeline loaded in {loaded:.2} s; {}",
        reports.iter().map(|r| format!("{} {:.2} s", r.set, r.seconds)).collect::<Vec<_>>().join(", ")
    );
    if let Some(path) = write {
        let json = serde_json::to_string_pretty(&eventsift::eval::metrics::baseline(&reports))?;
        std::fs::write(path, json + "\n").with_context(|| format!("{}: cannot write", path.display()))?;
        for r in &reports {
            println!("{}: {} metrics", r.set, r.metrics.len());
        }
        println!("wrote {}", path.display());
        return Ok(());
    }
    let path = baseline.context("--baseline FILE or --write FILE")?;
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let base: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))?;
    let w = reports.iter().flat_map(|r| r.metrics.iter().map(|(k, _)| k.len() + r.set.len() + 1)).max().unwrap_or(6);
    println!("{:<w$}  {:>8}  {:>8}  {:>7}", "metric", "baseline", "current", "change");
    for r in &reports {
        for (k, v) in &r.metrics {
            let b = base.get(&r.set).and_then(|s| s.get(k)).and_then(|v| v.as_f64());
            let name = format!("{}.{k}", r.set);
            match b {
                Some(b) => {
                    let change = ((v - b) * 100.0).round() / 100.0 + 0.0;
                    println!(
                        "{name:<w$}  {b:>8.2}  {v:>8.2}  {change:>+7.2}{}",
                        if *v < b - TOLERANCE { "  FAIL" } else { "" }
                    )
                }
                None => println!("{name:<w$}  {:>8}  {v:>8.2}", "new"),
            }
        }
    }
    let offenders = eventsift::eval::metrics::regressions(&base, &reports, TOLERANCE);
    println!("gate: {:.2} s", started.elapsed().as_secs_f64());
    if !offenders.is_empty() {
        for o in &offenders {
            match o.current {
                Some(c) => eprintln!("{}.{}: {c:.2}, baseline {:.2}", o.set, o.metric, o.baseline),
                None => eprintln!("{}.{}: missing, baseline {:.2}", o.set, o.metric, o.baseline),
            }
        }
        bail!("{} metrics fell more than {TOLERANCE} points below {}", offenders.len(), path.display());
    }
    println!("gate: every metric within {TOLERANCE} points of {}", path.display());
    Ok(())
}

fn open_indexer(dir: &Path, commit_every: usize, models: &ModelArgs) -> Result<eventsift::sinks::Indexer> {
    let fingerprint = extractor_fingerprint(models);
    let models =
        models.models.clone().map(eventsift::models::Models::at).unwrap_or_else(eventsift::models::Models::locate);
    let aliases = eventsift::sinks::ActorAliases::from_models(&models)?;
    let index = eventsift::sinks::SearchIndex::open_or_create(dir)?;
    let fresh = index.counts()? == (0, 0);
    let options = eventsift::sinks::WriterOptions { commit_every, merge_while_writing: !fresh, ..Default::default() };
    Ok(index.writer_with(&options)?.with_aliases(aliases).with_fingerprint(fingerprint))
}

/// What decides the records of an article besides the article: this program's version, its
/// models and gazetteers (by name, size and modification time) and the country priors.
fn extractor_fingerprint(models: &ModelArgs) -> String {
    let mut out = format!("eventsift {}\n", env!("CARGO_PKG_VERSION"));
    let mut describe = |path: &Path| {
        let meta = std::fs::metadata(path).ok();
        let modified = meta.as_ref().and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        out.push_str(&format!(
            "{} {} {}\n",
            path.display(),
            meta.map_or(0, |m| m.len()),
            modified.map_or(0, |d| d.as_nanos())
        ));
    };
    let dir = models_dir(models).path("");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.sort();
    for f in files.iter().chain(&models.gazetteers) {
        describe(f);
    }
    out + &models.country_prior.join(",")
}

fn models_dir(models: &ModelArgs) -> eventsift::models::Models {
    models.models.clone().map(eventsift::models::Models::at).unwrap_or_else(eventsift::models::Models::locate)
}

/// `eval conll`: the tagger over a CoNLL file, scored by conlleval's rules.
fn eval_conll(test: &Path, model: Option<&Path>, min_f1: Option<f64>, models: &ModelArgs) -> Result<()> {
    use eventsift::tagger::{PerceptronTagger, Tag};
    let path = model.map(Path::to_path_buf).unwrap_or_else(|| models_dir(models).path("tagger.bin"));
    let started = Instant::now();
    let tagger = PerceptronTagger::load(&path)?;
    let loaded = started.elapsed().as_secs_f64();
    let sentences = eventsift::tagger::conll::read(test)?;
    let started = Instant::now();
    let guesses = eventsift::tagger::perceptron::tag_conll(&tagger, &sentences);
    let secs = started.elapsed().as_secs_f64();
    let mut eval = eventsift::tagger::conll::Evaluation::default();
    for (s, g) in sentences.iter().zip(&guesses) {
        eval.add_sentence(&s.tags, &g.iter().map(Tag::to_string).collect::<Vec<_>>());
    }
    let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
    println!(
        "model: {} (loaded in {loaded:.3} s; trained {}, dev F1 {:.2})",
        path.display(),
        tagger.info.created,
        tagger.info.dev_f1
    );
    println!(
        "data: {} ({} sentences, {tokens} tokens, tagged in {secs:.2} s, {:.0} tokens/s)",
        test.display(),
        sentences.len(),
        tokens as f64 / secs.max(1e-9)
    );
    print!("{}", eval.report());
    if let Some(min) = min_f1 {
        let f1 = eval.overall().f1;
        if f1 < min {
            bail!("CoNLL F1 {f1:.2} is below {min:.2}");
        }
    }
    Ok(())
}

#[derive(clap::Args)]
struct TaggerTraining {
    /// CoNLL training file (word first, entity tag last).
    #[arg(long, default_value = "../shared/data/conll2003/train.txt")]
    train: PathBuf,
    /// CoNLL development file: picks the epoch kept.
    #[arg(long, default_value = "../shared/data/conll2003/valid.txt")]
    dev: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "models/tagger.bin")]
    out: PathBuf,
    /// Word clusters (`word<TAB>id<TAB>id<TAB>id`, see models/tools/word_clusters.py).
    #[arg(long)]
    clusters: Option<PathBuf>,
    /// A name list as KIND=PATH, KIND one of loc, org, per, misc, first, last; repeatable.
    #[arg(long = "lexicon", value_name = "KIND=PATH")]
    lexicons: Vec<String>,
    #[arg(long, default_value_t = 30)]
    epochs: usize,
    /// Epochs without a better dev F1 before stopping.
    #[arg(long, default_value_t = 3)]
    patience: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Perceptrons to train (seeds SEED, SEED+1, …) and average into the model.
    #[arg(long, default_value_t = 8)]
    runs: usize,
    /// The weight table has 2^BITS rows.
    #[arg(long, default_value_t = 20)]
    bits: u32,
    /// Label scheme inside the model: bioes or bio (output is BIO either way).
    #[arg(long, default_value = "bioes")]
    scheme: String,
    /// Also score the kept model on this CoNLL file when training ends.
    #[arg(long)]
    test: Option<PathBuf>,
    /// Train on lowercased text: a model for texts written all in capitals or all in lower case.
    #[arg(long)]
    caseless: bool,
}

/// `train tagger`: lexicons, then epochs with dev F1, then the kept model written with its
/// provenance in the header.
fn train_tagger(o: &TaggerTraining, models: &ModelArgs) -> Result<()> {
    use eventsift::tagger::features::LexiconKind;
    use eventsift::tagger::perceptron::{self, Scheme};
    use eventsift::tagger::{conll, Lexicons, ModelInfo, TrainOptions};
    let started = Instant::now();
    let scheme = match o.scheme.as_str() {
        "bioes" => Scheme::Bioes,
        "bio" => Scheme::Bio,
        other => bail!("--scheme {other}: expected bioes or bio"),
    };
    if !(12..=24).contains(&o.bits) {
        bail!("--bits {}: expected 12 to 24", o.bits);
    }
    let mut train = conll::read(&o.train)?;
    let mut dev = conll::read(&o.dev)?;
    if o.caseless {
        for s in train.iter_mut().chain(dev.iter_mut()) {
            s.words = perceptron::lowercase(&s.words);
        }
    }
    let tokens: usize = train.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "train: {} ({} sentences, {tokens} tokens); dev: {} ({} sentences)",
        o.train.display(),
        train.len(),
        o.dev.display(),
        dev.len()
    );
    let mut lex = Lexicons::default();
    lex.add_models(&models_dir(models))?;
    if let Some(path) = &o.clusters {
        let n = lex.add_clusters(path)?;
        eprintln!("clusters: {n} words from {}", path.display());
    }
    for spec in &o.lexicons {
        let (kind, path) = spec.split_once('=').with_context(|| format!("--lexicon {spec}: expected KIND=PATH"))?;
        let kind = LexiconKind::parse(kind)
            .with_context(|| format!("--lexicon {spec}: KIND is one of loc, org, per, misc, first, last"))?;
        let n = lex.add_list(Path::new(path), kind)?;
        eprintln!("lexicon: {n} {kind:?} names from {path}");
    }
    eprintln!(
        "lexicons: {} phrases, {} clustered words ({:.1} s)",
        lex.phrases.len(),
        lex.clusters.len(),
        started.elapsed().as_secs_f64()
    );
    let opts =
        TrainOptions { max_epochs: o.epochs, patience: o.patience, seed: o.seed, bits: o.bits, scheme, runs: o.runs };
    let info = ModelInfo {
        created: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        command: std::env::args().collect::<Vec<_>>().join(" "),
        train: o.train.display().to_string(),
        dev: o.dev.display().to_string(),
        seed: o.seed,
        max_epochs: o.epochs,
        caseless: o.caseless,
        ..Default::default()
    };
    let (tagger, _) = perceptron::train(&train, &dev, lex, &opts, info, |run, r| {
        let d = r.dev.overall();
        let types: Vec<String> = r.dev.by_type().iter().map(|(t, p)| format!("{t} {:.2}", p.f1)).collect();
        eprintln!(
            "run {run} epoch {:>2}: {} of {} sentences mistaken; dev P {:.2} R {:.2} F1 {:.2} ({}); {:.1} s",
            r.epoch,
            r.mistakes,
            r.sentences,
            d.precision,
            d.recall,
            d.f1,
            types.join(", "),
            r.seconds
        );
    })?;
    tagger.save(&o.out)?;
    let size = std::fs::metadata(&o.out).map(|m| m.len()).unwrap_or(0);
    for r in &tagger.info.runs {
        eprintln!("run seed {}: kept epoch {} of {} (dev F1 {:.2})", r.seed, r.best_epoch, r.epochs_run, r.dev_f1);
    }
    eprintln!(
        "model: mean of {} runs, dev F1 {:.2}; wrote {} ({:.1} MB) in {:.1} s",
        tagger.info.runs.len(),
        tagger.info.dev_f1,
        o.out.display(),
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if let Some(test) = &o.test {
        let sentences = conll::read(test)?;
        let loaded = eventsift::tagger::PerceptronTagger::load(&o.out)?;
        println!("test: {}", test.display());
        print!("{}", perceptron::evaluate(&loaded, &sentences).report());
    }
    Ok(())
}

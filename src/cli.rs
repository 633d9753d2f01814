//! Command-line interface: clap definitions and the glue from arguments to the library.
//! Exit codes: 0 all good, 1 some documents failed, 2 usage or rules error.

use crate::batch;
use crate::error::RunError;
use crate::eval::restore::Damage;
use crate::output::writer::Sink;
use crate::repair::restore::vocabulary::BatchVocabulary;
use crate::repair::ToneStyle;
use crate::rules::RuleSet;
use crate::Context;
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(
    name = "vanban",
    version,
    about = "Vietnamese official documents → normalized JSON"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract records from files and folders, one JSON line per document.
    Extract(ExtractArgs),
    /// Print the repaired text of one file.
    Repair(RepairArgs),
    /// Measure throughput per stage and peak memory on a set of documents.
    Bench(BenchArgs),
    /// Render a JSON Lines output as an HTML review report for QA reviewers.
    Review(ReportArgs),
    /// Flatten a JSON Lines output into a tidy CSV (one row per number) for analysts.
    Tidy(ReportArgs),
    /// Print accuracy figures against labelled material.
    Eval {
        #[command(subcommand)]
        command: EvalCommand,
    },
    /// Rule files: validate and run their examples.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Rebuild shipped data derived from the shared corpus (for maintainers).
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum DataCommand {
    /// Word-pair counts of the dev third of the archive transcripts and of the probe
    /// documents, which the restore pass mixes into its language model.
    DomainCounts {
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// The repository root, whose fixtures/probe*/ documents are counted too.
        #[arg(long, default_value = ".")]
        repo: PathBuf,
        #[arg(long, default_value = "data/lm/domain_pairs.tsv")]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Encoding detection and conversion: accuracy per encoding on generated documents
    /// and on the real legacy corpus.
    Encodings {
        #[arg(long, default_value = "fixtures/encodings")]
        fixtures: PathBuf,
        /// The shared folder holding corpus/legacy (skipped when missing).
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
    },
    /// Lost-glyph and diacritic restoration on held-out text corrupted the seed-004 way,
    /// and on the hand-restored excerpt of seed 004.
    Restore {
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// List every wrongly restored word.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Body fields (references, dates) on hand-labelled seeds and corpus documents:
    /// precision and recall per field.
    Body {
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// List every miss.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Header and body fields after the text is damaged the seed-004 way or typed without
    /// diacritics, with and without restoration, against each document's clean record.
    Damaged {
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// List the dev split's differences after restoration.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Header fields (type, number, date, place, signer, issuer) on hand-labelled real
    /// documents: precision and recall per field.
    Headers {
        /// The shared folder holding corpus/legacy.
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        #[arg(long, default_value = "fixtures/eval/corpus-headers.json")]
        labels: PathBuf,
        /// Labels of the header excerpts taken from registry packages.
        #[arg(long, default_value = "fixtures/eval/package-headers.json")]
        package_labels: PathBuf,
        /// List every miss of the dev split.
        #[arg(short, long)]
        verbose: bool,
        /// With -v, list the held-out misses too (reading them spends the held-out set).
        #[arg(long)]
        held_out_misses: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders (walked recursively); `-` reads a list of paths from stdin.
    pub paths: Vec<PathBuf>,
    /// Read the list of input paths from this file, one per line.
    #[arg(long)]
    pub files_from: Option<PathBuf>,
    /// Write JSON Lines here (atomically) instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Use the rule files of this folder instead of the built-in rules.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Leave the repaired text out of the records.
    #[arg(long)]
    pub no_text: bool,
    /// Skip the language-model restorer.
    #[arg(long)]
    pub no_restore: bool,
    /// Read the batch twice: first count the words of its clean documents, then restore
    /// the damaged ones with those counts mixed into the language model (an archive's
    /// own vocabulary; a document's output then depends on the batch it came in, and every
    /// file is ingested twice).
    #[arg(long, conflicts_with = "no_restore")]
    pub learn_batch: bool,
    /// Read text that lost glyphs twice, the second time with the document's own first
    /// reading mixed into the language model (more right, about a third slower on such
    /// documents).
    #[arg(long, conflicts_with = "no_restore")]
    pub second_reading: bool,
    /// Tone-mark placement: modern ("hòa", default), traditional ("hoà"), keep.
    #[arg(long, value_enum, default_value = "modern")]
    pub tone_style: ToneArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum ToneArg {
    Modern,
    Traditional,
    Keep,
}

impl From<ToneArg> for ToneStyle {
    fn from(t: ToneArg) -> Self {
        match t {
            ToneArg::Modern => ToneStyle::Modern,
            ToneArg::Traditional => ToneStyle::Traditional,
            ToneArg::Keep => ToneStyle::Keep,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct RepairArgs {
    pub file: PathBuf,
    /// Show what each pass changed instead of the text.
    #[arg(long)]
    pub diff: bool,
    #[arg(long)]
    pub no_restore: bool,
    /// Read text that lost glyphs twice (see `extract --second-reading`).
    #[arg(long, conflicts_with = "no_restore")]
    pub second_reading: bool,
    #[arg(long, value_enum, default_value = "modern")]
    pub tone_style: ToneArg,
    /// Use the lexicon of this rules folder (see `extract --rules`) for the restorer.
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// A JSON Lines file written by `vanban extract`.
    pub records: PathBuf,
    /// Where to write the report (atomically); stdout when absent.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// Files or folders to measure on (default: fixtures/docs).
    pub paths: Vec<PathBuf>,
    /// How many times to process the set.
    #[arg(long, default_value_t = 20)]
    pub repeat: usize,
    /// Threads for the parallel measurement (default: all cores).
    #[arg(short, long)]
    pub jobs: Option<usize>,
    #[arg(long)]
    pub no_restore: bool,
    /// Also measure the encoding pass (MB/s per core) and the restorer (KB/s per core).
    #[arg(long)]
    pub stages: bool,
    /// The shared folder (held-out text for the restorer benchmark).
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Measure this restorer alone (no batch, no encoding pass): one steady workload to
    /// compare builds by, in time or under a profiler (scripts/restore_cost.sh).
    #[arg(long, value_enum)]
    pub restorer: Option<RestorerBench>,
    /// How long each restorer is measured, at least (0: one pass over the held-out text).
    #[arg(long, default_value_t = 3.0)]
    pub seconds: f64,
}

/// The restorer benchmarks `vanban bench --restorer` can run alone.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestorerBench {
    /// Lost glyphs (a random lost set per document).
    LostGlyphs,
    /// Text without diacritics.
    Diacritics,
    /// Lost glyphs, read twice (`extract --second-reading`).
    ReadTwice,
}

impl From<RestorerBench> for Damage {
    fn from(r: RestorerBench) -> Damage {
        match r {
            RestorerBench::LostGlyphs => Damage::LostGlyphs,
            RestorerBench::Diacritics => Damage::Diacritics,
            RestorerBench::ReadTwice => Damage::LostGlyphsReadTwice,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Load a rules folder (default: the built-in rules) and run every rule's examples.
    Check { dir: Option<PathBuf> },
}

/// Writes to standard output; a closed pipe (`vanban … | head`) surfaces as an error that
/// [`run`] turns into a quiet exit instead of a panic.
macro_rules! emit {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)?
    }};
}

/// Entry point for `main`: returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Repair(args) => repair(args),
        Command::Bench(args) => bench(args),
        Command::Review(args) => report(args, |lines| Ok(crate::output::review::render(lines))),
        Command::Tidy(args) => report(args, |lines| Ok(crate::output::tidy::render(lines)?)),
        Command::Rules {
            command: RulesCommand::Check { dir },
        } => rules_check(dir),
        Command::Eval { command } => eval(command),
        Command::Data {
            command: DataCommand::DomainCounts { shared, repo, out },
        } => domain_counts(&shared, &repo, &out),
    };
    let flushed = std::io::Write::flush(&mut std::io::stdout());
    match result.and_then(|code| flushed.map(|_| code).map_err(Into::into)) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("vanban: {e:#}");
            2
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn load_rules(dir: Option<&PathBuf>) -> Result<RuleSet, RunError> {
    match dir {
        Some(d) => RuleSet::load_dir(d),
        None => RuleSet::builtin(),
    }
}

/// The restorer's word lists from a rules folder given on the command line; None (the
/// built-in rules', read once) without one.
fn restorer_lexicon(
    dir: Option<&PathBuf>,
    rules: &RuleSet,
) -> Option<std::sync::Arc<crate::repair::restore::lexicon::Lexicon>> {
    dir.map(|_| std::sync::Arc::new(crate::repair::restore::lexicon::Lexicon::of_rules(rules)))
}

fn extract(args: ExtractArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let rules = load_rules(args.rules.as_ref())?;
    let lexicon = restorer_lexicon(args.rules.as_ref(), &rules);
    let mut ctx = Context {
        rules,
        repair: crate::repair::RepairOptions {
            tone_style: args.tone_style.into(),
            no_restore: args.no_restore,
            batch_vocabulary: None,
            second_reading: args.second_reading,
            lexicon,
        },
        include_text: !args.no_text,
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            paths.extend(batch::read_path_list(&s));
        } else {
            paths.push(p.clone());
        }
    }
    if let Some(list) = &args.files_from {
        let s = std::fs::read_to_string(list)
            .map_err(|e| RunError::Usage(format!("--files-from {}: {e}", list.display())))?;
        paths.extend(batch::read_path_list(&s));
    }
    if paths.is_empty() {
        return Err(
            RunError::Usage("no input paths given (see `vanban extract --help`)".into()).into(),
        );
    }
    let inputs = batch::collect_inputs(&paths)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let mut sink = Sink::open(args.output.as_deref())?;
    // Panics are turned into error records; keep their default message off the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    if args.learn_batch {
        let bar = progress_bar(inputs.len() as u64);
        let vocabulary = batch::learn_vocabulary(&pool, &inputs, &ctx, |done| {
            if let Some(b) = &bar {
                b.set_position(done as u64)
            }
        });
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        eprintln!(
            "vanban: learnt the batch's vocabulary: {} tokens of its clean documents",
            vocabulary.total()
        );
        ctx.repair.batch_vocabulary = Some(std::sync::Arc::new(
            BatchVocabulary::domain().with_batch(&vocabulary),
        ));
    }
    let bar = progress_bar(inputs.len() as u64);
    let summary = batch::run(
        &pool,
        &inputs,
        &ctx,
        |line| sink.write_line(&line.to_json()),
        |done| {
            if let Some(b) = &bar {
                b.set_position(done as u64)
            }
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    sink.commit()?;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    eprintln!(
        "vanban: {}, {}, {:.2} s",
        plural(summary.documents, "document"),
        plural(summary.errors, "error"),
        started.elapsed().as_secs_f64()
    );
    Ok(if summary.errors > 0 { 1 } else { 0 })
}

fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  ETA {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn repair(args: RepairArgs) -> anyhow::Result<i32> {
    let raw = match crate::ingest::read_path(&args.file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vanban: {}: {e}", args.file.display());
            return Ok(1);
        }
    };
    let lexicon = match &args.rules {
        Some(dir) => restorer_lexicon(Some(dir), &RuleSet::load_dir(dir)?),
        None => None,
    };
    let opts = crate::repair::RepairOptions {
        tone_style: args.tone_style.into(),
        no_restore: args.no_restore,
        batch_vocabulary: None,
        second_reading: args.second_reading,
        lexicon,
    };
    let repaired = crate::repair::run(&raw, &opts);
    if args.diff {
        let color = std::io::stdout().is_terminal();
        emit!("{}", crate::repair::diff::render(&repaired, color));
    } else {
        emit!("{}", repaired.text);
    }
    Ok(0)
}

fn rules_check(dir: Option<PathBuf>) -> anyhow::Result<i32> {
    let set = load_rules(dir.as_ref())?;
    let failures = set.check();
    for f in &failures {
        eprintln!("{f}");
    }
    let examples: usize = set
        .rules
        .iter()
        .map(|r| r.examples_match.len() + r.examples_no_match.len())
        .sum::<usize>()
        + set.agency_examples.len();
    emit!(
        "{} rules, {} examples, {} failures\n",
        set.rules.len(),
        examples,
        failures.len()
    );
    Ok(if failures.is_empty() { 0 } else { 2 })
}

fn bench(args: BenchArgs) -> anyhow::Result<i32> {
    let seconds = if args.seconds.is_finite() {
        args.seconds.max(0.0)
    } else {
        return Err(RunError::Usage(format!(
            "--seconds {}: not a number of seconds",
            args.seconds
        ))
        .into());
    };
    if let Some(restorer) = args.restorer {
        let report = crate::eval::restore::bench(
            &args.shared,
            std::path::Path::new("."),
            restorer.into(),
            seconds,
        );
        emit!("{report}\n");
        return Ok(0);
    }
    let mut ctx = Context::builtin()?;
    ctx.repair.no_restore = args.no_restore;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("fixtures/docs")]
    } else {
        args.paths
    };
    let inputs = batch::collect_inputs(&paths)?;
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let report = crate::bench::run(&inputs, &ctx, args.repeat, threads);
    emit!("{}", report.render());
    if args.stages {
        let enc =
            crate::eval::encodings::run_bench(std::path::Path::new("fixtures/encodings"), 8.0)
                .map_err(RunError::Usage)?;
        emit!("{enc}");
        for damage in [
            Damage::LostGlyphs,
            Damage::Diacritics,
            Damage::LostGlyphsReadTwice,
        ] {
            let restore = crate::eval::restore::bench(
                &args.shared,
                std::path::Path::new("."),
                damage,
                seconds,
            );
            emit!("{restore}\n");
        }
    }
    Ok(0)
}

fn report(
    args: ReportArgs,
    render: impl Fn(&[crate::output::OutputLine]) -> anyhow::Result<String>,
) -> anyhow::Result<i32> {
    let content = std::fs::read_to_string(&args.records)
        .map_err(|e| RunError::Usage(format!("{}: {e}", args.records.display())))?;
    let mut lines = Vec::new();
    for (n, line) in content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let parsed: crate::output::OutputLine = serde_json::from_str(line).map_err(|e| {
            RunError::Usage(format!(
                "{}:{}: not a vanban record: {e}",
                args.records.display(),
                n + 1
            ))
        })?;
        lines.push(parsed);
    }
    let text = render(&lines)?;
    match &args.output {
        Some(path) => crate::output::writer::write_atomic(path, text.as_bytes())?,
        None => emit!("{text}"),
    }
    Ok(0)
}

/// Writes the in-domain word-pair counts (atomically: a build interrupted halfway leaves
/// the old file).
fn domain_counts(
    shared: &std::path::Path,
    repo: &std::path::Path,
    out: &std::path::Path,
) -> anyhow::Result<i32> {
    let counts = crate::eval::restore::domain_counts(shared, repo).map_err(RunError::Usage)?;
    crate::output::writer::write_atomic(out, counts.as_bytes())?;
    let pairs = counts.lines().filter(|l| !l.starts_with('#')).count();
    emit!("{}: {pairs} word pairs\n", out.display());
    Ok(0)
}

fn eval(command: EvalCommand) -> anyhow::Result<i32> {
    match command {
        EvalCommand::Encodings { fixtures, shared } => {
            let corpus = shared.join("corpus/legacy");
            let corpus = corpus.is_dir().then_some(corpus.as_path());
            let report =
                crate::eval::encodings::run_eval(&fixtures, corpus).map_err(RunError::Usage)?;
            emit!("{report}");
            Ok(0)
        }
        EvalCommand::Body { shared, verbose } => {
            let ctx = Context::builtin()?;
            let labels = [
                PathBuf::from("fixtures/expected"),
                PathBuf::from("fixtures/eval"),
            ];
            let report = crate::eval::extract::run_eval(&shared, &labels, &ctx, verbose)
                .map_err(RunError::Usage)?;
            emit!("{report}");
            Ok(0)
        }
        EvalCommand::Restore { shared, verbose } => {
            let report =
                crate::eval::restore::run_eval(&shared, std::path::Path::new("."), verbose);
            emit!("{report}");
            Ok(0)
        }
        EvalCommand::Damaged { shared, verbose } => {
            let rules = crate::rules::RuleSet::builtin()?;
            let report =
                crate::eval::damaged::run_eval(&shared, std::path::Path::new("."), &rules, verbose);
            emit!("{report}");
            Ok(0)
        }
        EvalCommand::Headers {
            shared,
            labels,
            package_labels,
            verbose,
            held_out_misses,
        } => {
            let ctx = Context::builtin()?;
            let root = std::path::Path::new(".");
            let report = crate::eval::headers::run_eval(
                &shared,
                &labels,
                &package_labels,
                root,
                &ctx,
                crate::eval::headers::Misses::from_flags(verbose, held_out_misses),
            )
            .map_err(RunError::Usage)?;
            emit!("{report}");
            Ok(0)
        }
    }
}

//! Header-field evaluation: precision and recall per field (type, number, date, place,
//! signer, issuer, and the issuer's agency id) against hand-read labels of real documents
//! (`fixtures/eval/corpus-headers.json`, labels of `../shared/corpus/legacy`).
//! Runs twice: on the Unicode transcripts (extraction alone) and on the original legacy
//! files (ingest + encoding repair + extraction). Files from 2003–2004 were looked at while
//! writing the header rules (dev); files from 2005 on were not (held out).
//! A second label file (`fixtures/eval/package-headers.json`) labels header excerpts taken
//! from registry packages (`fixtures/eval/packages`, rebuilt by `scripts/fetch_eval_docs.py`);
//! each of its documents names its split, fixed before the first run.

use super::Counts;
use crate::output::Record;
use crate::Context;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct LabelFile {
    /// Folder of the labelled files, relative to the repository root (package labels only).
    #[serde(default)]
    dir: Option<String>,
    documents: Vec<LabelledDoc>,
}

#[derive(Debug, Deserialize)]
struct LabelledDoc {
    file: String,
    /// `dev` or `held_out` (package labels only; the corpus splits by year).
    #[serde(default)]
    split: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, Option<String>>,
}

pub const FIELDS: &[&str] = &[
    "type",
    "number",
    "date",
    "place",
    "signer",
    "issuer",
    "issuer_id",
];

/// The value the tool gives for a field, in the labels' form.
pub fn predicted(rec: &Record, field: &str) -> Option<String> {
    let d = &rec.document;
    match field {
        "type" => d.doc_type.as_ref().map(|v| v.value.id.clone()),
        "number" => d.number.as_ref().map(|v| v.value.normalized.clone()),
        "date" => d.date.as_ref().map(|v| v.value.iso.clone()),
        "place" => d.place.as_ref().map(|v| v.value.clone()),
        "signer" => d.signer.as_ref().and_then(|v| v.value.name.clone()),
        "issuer" => d.issuer.as_ref().map(|v| v.value.name.clone()),
        "issuer_id" => d
            .issuer
            .as_ref()
            .and_then(|v| v.value.agency.as_ref())
            .map(|a| a.id.clone()),
        _ => None,
    }
}

/// A field's value in the form values are compared in: names and places without case and
/// spacing differences, numbers without spaces.
pub fn comparison_key(field: &str, value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = value.nfc().collect();
    match field {
        "number" => s.chars().filter(|c| !c.is_whitespace()).collect(),
        "place" | "signer" | "issuer" => s
            .to_lowercase()
            .replace("hoà", "hòa")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        _ => s,
    }
}

fn same(field: &str, want: &str, got: &str) -> bool {
    comparison_key(field, want) == comparison_key(field, got)
}

/// Which misses `vanban eval headers` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misses {
    None,
    /// The dev split's only: reading held-out misses would spend the held-out set.
    Dev,
    All,
}

impl Misses {
    pub fn from_flags(verbose: bool, held_out_too: bool) -> Misses {
        match (verbose, held_out_too) {
            (false, _) => Misses::None,
            (true, false) => Misses::Dev,
            (true, true) => Misses::All,
        }
    }
}

/// Misses noted while scoring, each under the name of the set it came from.
struct MissLog {
    held_out: bool,
    set: String,
    lines: Vec<(bool, String)>,
}

impl MissLog {
    fn push(&mut self, line: String) {
        self.lines
            .push((self.held_out, format!("[{}] {line}", self.set)));
    }
}

/// Scores one set of documents; `path_of` maps a label's file name to the input to run.
fn score(
    docs: &[&LabelledDoc],
    ctx: &Context,
    path_of: &dyn Fn(&str) -> Option<std::path::PathBuf>,
    misses: &mut MissLog,
) -> (BTreeMap<&'static str, Counts>, usize) {
    let mut counts: BTreeMap<&'static str, Counts> =
        FIELDS.iter().map(|f| (*f, Counts::default())).collect();
    let mut ran = 0;
    for doc in docs {
        let Some(path) = path_of(&doc.file) else {
            continue;
        };
        let rec = match crate::process_path(&path, ctx) {
            Ok(r) => Some(r),
            Err(e) => {
                misses.push(format!("{}: {e}", doc.file));
                None
            }
        };
        ran += 1;
        for field in FIELDS {
            let want = doc.fields.get(*field).cloned().flatten();
            let got = rec.as_ref().and_then(|r| predicted(r, field));
            let c = counts.get_mut(field).expect("field listed");
            match (&want, &got) {
                (Some(w), Some(g)) if same(field, w, g) => c.tp += 1,
                (Some(w), Some(g)) => {
                    c.fp += 1;
                    c.fn_ += 1;
                    misses.push(format!("{}: {field}: expected {w:?}, got {g:?}", doc.file));
                }
                (Some(w), None) => {
                    c.fn_ += 1;
                    misses.push(format!(
                        "{}: {field}: expected {w:?}, got nothing",
                        doc.file
                    ));
                }
                (None, Some(g)) => {
                    c.fp += 1;
                    misses.push(format!(
                        "{}: {field}: expected nothing, got {g:?}",
                        doc.file
                    ));
                }
                (None, None) => {}
            }
        }
    }
    (counts, ran)
}

fn render_counts(
    out: &mut String,
    title: &str,
    counts: &BTreeMap<&'static str, Counts>,
    ran: usize,
) {
    let _ = writeln!(out, "{title}: {ran} documents");
    super::write_counts_table(out, FIELDS.iter().map(|f| (*f, counts[f])));
}

fn read_labels(labels: &Path) -> Result<LabelFile, String> {
    let text = std::fs::read_to_string(labels).map_err(|e| format!("{}: {e}", labels.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", labels.display()))
}

/// Scores the package excerpts (`package_labels`, whose `dir` is relative to `root`), held
/// out first. A missing label file is skipped with a note.
fn run_package_eval(
    root: &Path,
    package_labels: &Path,
    ctx: &Context,
    out: &mut String,
    misses: &mut MissLog,
) -> Result<(), String> {
    if !package_labels.is_file() {
        let _ = writeln!(
            out,
            "package excerpts: {} not found, skipped",
            package_labels.display()
        );
        return Ok(());
    }
    let file = read_labels(package_labels)?;
    let dir = root.join(file.dir.as_deref().unwrap_or("fixtures/eval/packages"));
    for (split_name, split) in [("held out", "held_out"), ("dev", "dev")] {
        let docs: Vec<&LabelledDoc> = file
            .documents
            .iter()
            .filter(|d| d.split.as_deref().unwrap_or("held_out") == split)
            .collect();
        let path = |f: &str| Some(dir.join(f));
        let set = format!("package excerpts, {split_name}");
        misses.held_out = split == "held_out";
        misses.set = set.clone();
        let (c, n) = score(&docs, ctx, &path, misses);
        render_counts(out, &set, &c, n);
    }
    Ok(())
}

/// Runs the evaluation; `shared` is the `../shared` folder, `labels` the corpus label file,
/// `package_labels` the label file of the package excerpts (paths relative to `root`).
pub fn run_eval(
    shared: &Path,
    labels: &Path,
    package_labels: &Path,
    root: &Path,
    ctx: &Context,
    listed: Misses,
) -> Result<String, String> {
    let mut out = String::new();
    let mut misses = MissLog {
        held_out: true,
        set: String::new(),
        lines: Vec::new(),
    };
    run_package_eval(root, package_labels, ctx, &mut out, &mut misses)?;
    let corpus = shared.join("corpus/legacy");
    if !corpus.is_dir() {
        let _ = writeln!(out, "corpus: {} not found, skipped", corpus.display());
    } else {
        run_corpus_eval(&corpus, labels, ctx, &mut out, &mut misses)?;
    }
    if listed != Misses::None {
        out.push_str(if listed == Misses::All {
            "misses:\n"
        } else {
            "misses (dev only; --held-out-misses lists the rest):\n"
        });
        for (held_out, m) in misses.lines {
            if !held_out || listed == Misses::All {
                let _ = writeln!(out, "  {m}");
            }
        }
    }
    Ok(out)
}

fn run_corpus_eval(
    corpus: &Path,
    labels: &Path,
    ctx: &Context,
    out: &mut String,
    misses: &mut MissLog,
) -> Result<(), String> {
    let file = read_labels(labels)?;
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv"))
        .map_err(|e| format!("{}: {e}", corpus.join("MANIFEST.tsv").display()))?;
    // ground-truth file name → original file path.
    let originals: BTreeMap<String, String> = manifest
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let truth = cols.get(3)?.rsplit('/').next()?.to_string();
            Some((truth, cols.first()?.to_string()))
        })
        .collect();
    let held_out = |f: &str| !(f.starts_with("2003") || f.starts_with("2004"));
    for (split_name, want_held) in [("held out (2005–2009)", true), ("dev (2003–2004)", false)]
    {
        let docs: Vec<&LabelledDoc> = file
            .documents
            .iter()
            .filter(|d| held_out(&d.file) == want_held)
            .collect();
        let transcript = |f: &str| Some(corpus.join("ground-truth").join(f));
        let original = |f: &str| originals.get(f).map(|o| corpus.join(o));
        misses.held_out = want_held;
        for (kind, path_of) in [
            ("Unicode transcripts", &transcript as &dyn Fn(&str) -> _),
            ("original legacy files", &original),
        ] {
            let set = format!("{split_name}, {kind}");
            misses.set = set.clone();
            let (c, n) = score(&docs, ctx, path_of, misses);
            render_counts(out, &set, &c, n);
        }
    }
    Ok(())
}

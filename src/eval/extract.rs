//! Body-extraction evaluation: precision and recall per field (references, reference
//! dates, dates, deadlines, periods, quantities, tables, warnings) against hand-read
//! labels. A label file is JSON with a `source` (a path under `../shared`: a seed or a
//! corpus transcript, whose text is read from there and never copied into the repository;
//! or `repo:PATH`, a permissively licensed excerpt kept in the repository) and
//! one list per field it labels; fields a file leaves out are not scored for it. Corpus
//! transcripts are also scored through their original legacy file (ingest + encoding
//! repair), found through the corpus MANIFEST.tsv.
//!
//! Keys compared (see [`keys`]): references as "kind number" (number without spaces,
//! dots or leading zeros, upper case) or "kind name" for acts cited by name (lower case,
//! no punctuation); reference dates as "number iso"; dates as ISO strings of mentions more
//! precise than a year; periods as ISO intervals; quantities as "value unit"; tables as
//! "rows x columns"; warnings by code. References, dates and periods are compared as sets
//! (distinct values), quantities and warnings as multisets.

pub use super::Counts;
use crate::extract::Extracted;
use crate::validate::Warning;
use crate::Context;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The fields scored, in report order.
pub const FIELDS: &[&str] = &[
    "references",
    "reference_dates",
    "dates",
    "deadlines",
    "periods",
    "quantities",
    "tables",
    "warnings",
];

/// Fields compared as multisets (repeats count); the others as sets.
const MULTISET: &[&str] = &["quantities", "warnings"];

#[derive(Debug, Deserialize)]
pub struct LabelFile {
    pub source: String,
    /// `seed`, `dev` (read while the rules were written) or `held_out` (labelled after).
    #[serde(default = "default_split")]
    pub split: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(flatten)]
    pub fields: BTreeMap<String, serde_json::Value>,
}

fn default_split() -> String {
    "dev".to_string()
}

/// A document number reduced for comparison: "1.234 /SGD ĐT-KHTC" and
/// "1234/SGDĐT-KHTC" agree, as do "06/2003/…" and "6/2003/…".
pub fn normalize_number(n: &str) -> String {
    let s: String = n
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .map(|c| if c == 'Ð' { 'Đ' } else { c })
        .flat_map(char::to_uppercase)
        .collect();
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    let (serial, rest) = s.split_at(digits);
    let serial = serial.trim_start_matches('0');
    format!(
        "{}{rest}",
        if serial.is_empty() && digits > 0 {
            "0"
        } else {
            serial
        }
    )
}

/// An act's name reduced for comparison: lower case, letters and spaces only.
pub fn normalize_name(n: &str) -> String {
    let s: String = n
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .flat_map(char::to_lowercase)
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn number_to_string(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The comparison key of a labelled reference: "kind number" or "kind name".
fn label_reference_key(s: &str) -> String {
    let (kind, rest) = s.split_once(' ').unwrap_or((s, ""));
    if rest.chars().any(|c| c.is_ascii_digit()) {
        format!("{kind} {}", normalize_number(rest))
    } else {
        format!("{kind} {}", normalize_name(rest))
    }
}

/// The keys the tool gives for one field.
pub fn keys(ex: &Extracted, warnings: &[Warning], field: &str) -> Vec<String> {
    match field {
        "references" => ex
            .references
            .iter()
            .filter_map(|r| {
                let v = &r.value;
                match (&v.number, &v.title) {
                    (Some(n), _) => Some(format!("{} {}", v.kind, normalize_number(n))),
                    (None, Some(t)) => Some(format!("{} {}", v.kind, normalize_name(t))),
                    _ => None,
                }
            })
            .collect(),
        "reference_dates" => ex
            .references
            .iter()
            .filter_map(|r| {
                let n = r.value.number.as_ref()?;
                let d = r.value.date.as_ref()?;
                Some(format!("{} {}", normalize_number(n), d.iso))
            })
            .collect(),
        "dates" | "deadlines" => ex
            .dates
            .iter()
            .filter(|d| field == "dates" || d.value.role == "deadline")
            .filter_map(|d| d.value.date.as_ref())
            .filter(|d| d.precision != crate::document::DatePrecision::Year)
            .map(|d| d.iso.clone())
            .collect(),
        "periods" => ex.periods.iter().map(|p| p.value.iso()).collect(),
        "quantities" => ex
            .quantities
            .iter()
            .map(|q| {
                format!(
                    "{} {}",
                    number_to_string(q.value.value),
                    q.value.unit_label.to_lowercase()
                )
            })
            .collect(),
        "tables" => ex
            .tables
            .iter()
            .map(|t| {
                let cols = t
                    .rows
                    .iter()
                    .map(|r| r.len())
                    .chain([t.header.len()])
                    .max()
                    .unwrap_or(0);
                format!("{}x{cols}", t.rows.len())
            })
            .collect(),
        "warnings" => warnings.iter().map(|w| w.code.clone()).collect(),
        _ => Vec::new(),
    }
}

/// The labelled keys of one field, normalized like the tool's.
fn label_keys(field: &str, value: &serde_json::Value) -> Result<Vec<String>, String> {
    let items = value
        .as_array()
        .ok_or_else(|| format!("field `{field}` must be a list"))?;
    items
        .iter()
        .map(|i| {
            let s = i
                .as_str()
                .ok_or_else(|| format!("field `{field}`: items must be strings"))?;
            Ok(match field {
                "references" => label_reference_key(s),
                "reference_dates" => match s.rsplit_once(' ') {
                    Some((n, d)) => format!("{} {d}", normalize_number(n)),
                    None => s.to_string(),
                },
                "quantities" => s.to_lowercase(),
                _ => s.to_string(),
            })
        })
        .collect()
}

/// Compares predicted with gold keys; also returns the misses and extras.
pub fn compare(field: &str, gold: &[String], got: &[String]) -> (Counts, Vec<String>, Vec<String>) {
    let count = |v: &[String]| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for k in v {
            *m.entry(k.clone()).or_default() += 1;
        }
        if !MULTISET.contains(&field) {
            m.values_mut().for_each(|n| *n = 1);
        }
        m
    };
    let (g, p) = (count(gold), count(got));
    let mut c = Counts::default();
    let (mut missed, mut extra) = (Vec::new(), Vec::new());
    for (k, &n) in &g {
        let m = p.get(k).copied().unwrap_or(0);
        c.tp += n.min(m);
        if n > m {
            c.fn_ += n - m;
            missed.push(k.clone());
        }
    }
    for (k, &m) in &p {
        let n = g.get(k).copied().unwrap_or(0);
        if m > n {
            c.fp += m - n;
            extra.push(k.clone());
        }
    }
    (c, missed, extra)
}

/// Runs ingest, repair, extract and validate on one file.
pub fn extract_file(path: &Path, ctx: &Context) -> Result<(Extracted, Vec<Warning>), String> {
    let raw =
        crate::ingest::read_path(path).map_err(|e| format!("{}: {}", path.display(), e.message))?;
    let repaired = crate::repair::run(&raw, &ctx.repair);
    let ex = crate::extract::run(&repaired, &ctx.rules);
    let warnings = crate::validate::run(&repaired, &ex, &ctx.rules);
    Ok((ex, warnings))
}

/// One document's scores per field, with misses and extras.
pub struct DocScore {
    pub source: String,
    pub fields: BTreeMap<String, (Counts, Vec<String>, Vec<String>)>,
}

/// Scores one label file against the text at `path`.
pub fn score_file(label: &LabelFile, path: &Path, ctx: &Context) -> Result<DocScore, String> {
    let (ex, warnings) = extract_file(path, ctx)?;
    let mut fields = BTreeMap::new();
    for field in FIELDS {
        let Some(v) = label.fields.get(*field) else {
            continue;
        };
        let gold = label_keys(field, v)?;
        let got = keys(&ex, &warnings, field);
        fields.insert(field.to_string(), compare(field, &gold, &got));
    }
    Ok(DocScore {
        source: label.source.clone(),
        fields,
    })
}

/// Label files: in the folders given, `*.body.json` (seeds, `fixtures/expected`) and
/// `body-*.json` (corpus, `fixtures/eval`); files given by path are read as they are.
pub fn label_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, LabelFile)>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    let name = f
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    name.ends_with(".body.json")
                        || name.starts_with("body-") && name.ends_with(".json")
                })
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        if json.get("source").is_none() {
            continue; // another evaluation's file
        }
        let label: LabelFile =
            serde_json::from_value(json).map_err(|e| format!("{}: {e}", f.display()))?;
        out.push((f, label));
    }
    Ok(out)
}

/// Where a label's source is read: `repo:PATH` relative to the repository root (the
/// working directory), anything else under `shared`.
pub fn source_path(shared: &Path, source: &str) -> PathBuf {
    match source.strip_prefix("repo:") {
        Some(p) => PathBuf::from(p),
        None => shared.join(source),
    }
}

/// The original legacy file of a corpus transcript, through MANIFEST.tsv.
fn original_of(shared: &Path, source: &str) -> Option<PathBuf> {
    let corpus = shared.join("corpus/legacy");
    let truth = source.strip_prefix("corpus/legacy/")?;
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).ok()?;
    manifest.lines().skip(1).find_map(|l| {
        let cols: Vec<&str> = l.split('\t').collect();
        (cols.get(3) == Some(&truth)).then(|| corpus.join(cols[0]))
    })
}

fn render(out: &mut String, title: &str, totals: &BTreeMap<String, Counts>, docs: usize) {
    let _ = writeln!(out, "{title} ({docs} documents)");
    let rows = FIELDS
        .iter()
        .filter_map(|f| totals.get(*f).map(|c| (*f, *c)));
    super::write_counts_table(out, rows);
}

/// Runs the evaluation over the label files found in `labels` (files or folders);
/// `shared` is the `../shared` folder the sources are read from.
pub fn run_eval(
    shared: &Path,
    labels: &[PathBuf],
    ctx: &Context,
    verbose: bool,
) -> Result<String, String> {
    let files = label_files(labels)?;
    let mut out = String::new();
    let mut details = String::new();
    let mut skipped = String::new();
    let splits = [
        ("seeds", "seed", false),
        ("corpus transcripts, dev", "dev", false),
        ("corpus transcripts, held out", "held_out", false),
        ("package excerpts, dev", "package_dev", false),
        ("package excerpts, held out", "package_held_out", false),
        (
            "corpus originals (legacy encodings), dev + held out",
            "corpus",
            true,
        ),
    ];
    for (title, split, originals) in splits {
        let mut totals: BTreeMap<String, Counts> = BTreeMap::new();
        let mut docs = 0;
        for (file, label) in &files {
            let is_corpus = label.source.starts_with("corpus/");
            let in_split = label.split == split || split == "corpus" && is_corpus;
            if !in_split {
                continue;
            }
            let path = if originals {
                match original_of(shared, &label.source) {
                    Some(p) => p,
                    None => continue,
                }
            } else {
                source_path(shared, &label.source)
            };
            let score = match score_file(label, &path, ctx) {
                Ok(s) => s,
                // An original the ingest stage cannot read yet is reported, not scored.
                Err(e) if originals => {
                    let _ = writeln!(skipped, "  skipped {}: {e}", label.source);
                    continue;
                }
                Err(e) => return Err(format!("{}: {e}", file.display())),
            };
            docs += 1;
            for (field, (c, missed, extra)) in &score.fields {
                totals.entry(field.clone()).or_default().add(*c);
                if verbose && (!missed.is_empty() || !extra.is_empty()) {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    let _ = writeln!(
                        details,
                        "  {name} {field}: missed {missed:?} extra {extra:?}"
                    );
                }
            }
        }
        render(&mut out, title, &totals, docs);
    }
    out.push_str(&skipped);
    if verbose {
        out.push_str("differences:\n");
        out.push_str(&details);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_normalize() {
        assert_eq!(normalize_number("1.234 /SGD ĐT-KHTC"), "1234/SGDĐT-KHTC");
        assert_eq!(normalize_number("06/2003/TT-NHNN"), "6/2003/TT-NHNN");
        assert_eq!(normalize_number("116/2021/NÐ-CP"), "116/2021/NĐ-CP");
        assert_eq!(normalize_name("Phòng, chống ma túy"), "phòng chống ma túy");
        assert_eq!(
            label_reference_key("luat Phòng chống  ma túy"),
            "luat phòng chống ma túy"
        );
    }

    #[test]
    fn sets_and_multisets() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (c, missed, extra) = compare("dates", &s(&["a", "b"]), &s(&["a", "a", "c"]));
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!((missed, extra), (s(&["b"]), s(&["c"])));
        let (c, _, _) = compare("quantities", &s(&["4 người", "4 người"]), &s(&["4 người"]));
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
    }
}

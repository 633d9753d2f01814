//! Evaluations and benchmarks that print figures (`vanban eval …`, `vanban bench`). Each
//! reads its labelled or generated material, runs the library, and returns a printable
//! report; nothing here is part of the pipeline, and nothing here is tuned on.

use std::path::Path;
use unicode_normalization::UnicodeNormalization;

pub mod damaged;
pub mod encodings;
pub mod extract;
pub mod headers;
pub mod restore;

/// True positives, false positives, false negatives for one field.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// NaN when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// NaN when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Writes a precision/recall table, one row per field, in the order given.
pub fn write_counts_table<'a>(out: &mut String, rows: impl IntoIterator<Item = (&'a str, Counts)>) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "  {:<16} {:>9} {:>9} {:>5} {:>5} {:>5}",
        "field", "precision", "recall", "tp", "fp", "fn"
    );
    for (field, c) in rows {
        let _ = writeln!(
            out,
            "  {:<16} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}",
            field,
            c.precision(),
            c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

/// The text files of `dir` whose names `keep` takes, in name order, by file name (as
/// written, not normalised); none when the folder cannot be read.
pub fn text_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().to_string();
            if !keep(&name) {
                return None;
            }
            Some((name, std::fs::read_to_string(p).ok()?))
        })
        .collect()
}

/// The made-up documents of the extraction probes (`fixtures/probe*/`, plain text and
/// Markdown, NFC), named `probeN/file`: headers, signatures and bodies of every kind. Their
/// word pairs are part of the shipped in-domain counts (see [`restore::domain_counts`]).
pub fn probe_documents(repo: &Path) -> Vec<(String, String)> {
    let mut dirs: Vec<String> = std::fs::read_dir(repo.join("fixtures"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("probe"))
        .collect();
    dirs.sort();
    let mut docs = Vec::new();
    for dir in dirs {
        let documents = text_files(&repo.join("fixtures").join(&dir), |name| {
            (name.ends_with(".txt") || name.ends_with(".md")) && name != "README.md"
        });
        for (name, text) in documents {
            docs.push((format!("{dir}/{name}"), text.nfc().collect()));
        }
    }
    docs
}

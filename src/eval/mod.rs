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

/// The made-up documents of the extraction probes (`fixtures/probe*/`, plain text and
/// Markdown, NFC), named `probeN/file`: headers, signatures and bodies of every kind. Their
/// word pairs are part of the shipped in-domain counts (see [`restore::domain_counts`]).
pub fn probe_documents(repo: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(repo.join("fixtures")) else {
        return Vec::new();
    };
    let mut dirs: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("probe"))
        })
        .collect();
    dirs.sort();
    let mut docs = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let text_like = name.ends_with(".txt") || name.ends_with(".md");
            if !text_like || name == "README.md" {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&f) {
                let dir_name = dir.file_name().unwrap_or_default().to_string_lossy();
                docs.push((format!("{dir_name}/{name}"), text.nfc().collect()));
            }
        }
    }
    docs
}

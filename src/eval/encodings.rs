//! Evaluation and benchmark of `repair::legacy` (legacy encodings → Unicode).
//!
//! [`run_eval`] decodes the generated fixtures (`fixtures/encodings`, clean text encoded
//! by independent encoders, see `scripts/gen_encoding_fixtures.py`) and, when given, the
//! real corpus (`../shared/corpus/legacy`, read through `ingest::read_path` and
//! `repair::run`), and reports detection accuracy and character accuracy per encoding.
//! [`run_bench`] measures detection + conversion throughput on one core. Neither
//! prints; both return text for the CLI.

use crate::ingest;
use crate::repair::{self, legacy, RepairOptions};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// Scores of one group of documents.
#[derive(Debug, Clone, Default)]
pub struct GroupScore {
    pub docs: usize,
    /// Documents of at least 200 characters, and those among them detected correctly.
    pub long_docs: usize,
    pub long_detected: usize,
    pub detected: usize,
    /// Characters of the reference text, and edit errors against it.
    pub chars: usize,
    pub char_errors: usize,
    /// Documents that could not be read (ingest error), with the first reason.
    pub unreadable: usize,
    pub first_error: Option<String>,
}

impl GroupScore {
    pub fn char_accuracy(&self) -> f64 {
        if self.chars == 0 {
            return 0.0;
        }
        1.0 - self.char_errors.min(self.chars) as f64 / self.chars as f64
    }
}

/// The result of [`run_eval`]; `Display` prints it as a table.
#[derive(Debug, Clone, Default)]
pub struct EvalReport {
    /// Per fixture variant (tcvn3, vni, …, mixed).
    pub fixtures: BTreeMap<String, GroupScore>,
    /// Per encoding of the real corpus, when it was given.
    pub corpus: BTreeMap<String, GroupScore>,
    /// Documents whose output differs most from their reference (name, accuracy).
    pub worst: Vec<(String, f64)>,
}

impl EvalReport {
    pub fn fixtures_total(&self) -> GroupScore {
        total(self.fixtures.values())
    }
    pub fn corpus_total(&self) -> GroupScore {
        total(self.corpus.values())
    }
}

fn total<'a>(groups: impl Iterator<Item = &'a GroupScore>) -> GroupScore {
    let mut t = GroupScore::default();
    for g in groups {
        t.docs += g.docs;
        t.long_docs += g.long_docs;
        t.long_detected += g.long_detected;
        t.detected += g.detected;
        t.chars += g.chars;
        t.char_errors += g.char_errors;
        t.unreadable += g.unreadable;
    }
    t
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = |f: &mut fmt::Formatter<'_>, name: &str, g: &GroupScore| {
            writeln!(
                f,
                "  {name:<24} {:>5} {:>9} {:>11} {:>10.4}%{}",
                g.docs,
                format!("{}/{}", g.detected, g.docs),
                format!("{}/{}", g.long_detected, g.long_docs),
                100.0 * g.char_accuracy(),
                if g.unreadable > 0 {
                    format!(
                        "  ({} unreadable: {})",
                        g.unreadable,
                        g.first_error.as_deref().unwrap_or("")
                    )
                } else {
                    String::new()
                }
            )
        };
        let header = |f: &mut fmt::Formatter<'_>| {
            writeln!(
                f,
                "  {:<24} {:>5} {:>9} {:>11} {:>11}",
                "group", "docs", "detected", "det. ≥200ch", "char acc."
            )
        };
        writeln!(f, "Generated fixtures (independent encoders):")?;
        header(f)?;
        for (k, g) in &self.fixtures {
            row(f, k, g)?;
        }
        row(f, "TOTAL", &self.fixtures_total())?;
        if !self.corpus.is_empty() {
            writeln!(f, "Real corpus (ingest::read_path + repair::run):")?;
            header(f)?;
            for (k, g) in &self.corpus {
                row(f, k, g)?;
            }
            row(f, "TOTAL", &self.corpus_total())?;
        }
        if !self.worst.is_empty() {
            writeln!(f, "Lowest character accuracy:")?;
            for (name, acc) in &self.worst {
                writeln!(f, "  {:>8.4}%  {name}", 100.0 * acc)?;
            }
        }
        Ok(())
    }
}

/// Runs the evaluation. `fixtures` is `fixtures/encodings`; `corpus` is
/// `../shared/corpus/legacy` (skipped when `None`).
pub fn run_eval(fixtures: &Path, corpus: Option<&Path>) -> Result<EvalReport, String> {
    let mut report = EvalReport::default();
    let mut all: Vec<(String, f64)> = Vec::new();
    let manifest = std::fs::read_to_string(fixtures.join("MANIFEST.tsv"))
        .map_err(|e| format!("{}: {e}", fixtures.join("MANIFEST.tsv").display()))?;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, variant, expected, clean] = cols[..] else {
            continue;
        };
        let group = report.fixtures.entry(variant.to_string()).or_default();
        let bytes = std::fs::read(fixtures.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let want =
            std::fs::read_to_string(fixtures.join(clean)).map_err(|e| format!("{clean}: {e}"))?;
        let raw = match ingest::read_bytes(file, &bytes) {
            Ok(raw) => raw,
            Err(e) => {
                group.docs += 1;
                group.unreadable += 1;
                group.first_error.get_or_insert(e.to_string());
                continue;
            }
        };
        let (pass, enc) = legacy::convert(&raw.text, raw.byte_encoding);
        let got: String = pass.text.nfc().collect();
        let errors = char_errors(&want, &got);
        add(
            group,
            want.chars().count(),
            errors,
            enc.encoding == expected,
        );
        all.push((file.to_string(), accuracy(want.chars().count(), errors)));
    }
    if let Some(corpus) = corpus {
        eval_corpus(corpus, &mut report, &mut all)?;
    }
    all.sort_by(|a, b| a.1.total_cmp(&b.1));
    report.worst = all.into_iter().filter(|w| w.1 < 1.0).take(8).collect();
    Ok(report)
}

fn add(group: &mut GroupScore, chars: usize, errors: usize, detected: bool) {
    group.docs += 1;
    group.chars += chars;
    group.char_errors += errors;
    group.detected += usize::from(detected);
    if chars >= 200 {
        group.long_docs += 1;
        group.long_detected += usize::from(detected);
    }
}

fn accuracy(chars: usize, errors: usize) -> f64 {
    if chars == 0 {
        return 1.0;
    }
    1.0 - errors.min(chars) as f64 / chars as f64
}

/// The real corpus: every MANIFEST row read with `ingest::read_path`, repaired with
/// `repair::run` (no restorer), compared with its transcript after NFC and whitespace
/// normalisation.
fn eval_corpus(
    corpus: &Path,
    report: &mut EvalReport,
    all: &mut Vec<(String, f64)>,
) -> Result<(), String> {
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv"))
        .map_err(|e| format!("{}: {e}", corpus.join("MANIFEST.tsv").display()))?;
    let opts = RepairOptions {
        no_restore: true,
        ..RepairOptions::default()
    };
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            continue;
        }
        let (file, encoding, format, truth) = (cols[0], cols[1], cols[2], cols[3]);
        let group = report
            .corpus
            .entry(format!("{encoding} .{format}"))
            .or_default();
        let want =
            std::fs::read_to_string(corpus.join(truth)).map_err(|e| format!("{truth}: {e}"))?;
        let want = normalize(&want);
        let raw = match ingest::read_path(&corpus.join(file)) {
            Ok(raw) => raw,
            Err(e) => {
                group.docs += 1;
                group.unreadable += 1;
                group.first_error.get_or_insert(e.to_string());
                continue;
            }
        };
        let repaired = repair::run(&raw, &opts);
        let got = normalize(&repaired.text);
        let detected = match encoding {
            "tcvn3+vni" => matches!(
                repaired.encoding.encoding.as_str(),
                "mixed" | "tcvn3" | "vni"
            ),
            e => repaired.encoding.encoding == e,
        };
        let n = want.chars().count();
        let errors = char_errors(&want, &got);
        add(group, n, errors, detected);
        all.push((file.to_string(), accuracy(n, errors)));
    }
    Ok(())
}

/// NFC, every whitespace run as one space, trimmed.
fn normalize(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Character errors of `got` against `want`: the edit distance with a substitution
/// counted once, from Myers' O(ND) diff (insertions and deletions paired up). Beyond
/// `MAX_D` differences the count is capped there (the text is hopeless anyway).
pub fn char_errors(want: &str, got: &str) -> usize {
    const MAX_D: usize = 50_000;
    let a: Vec<char> = want.chars().collect();
    let b: Vec<char> = got.chars().collect();
    let (n, m) = (a.len(), b.len());
    let max = (n + m).min(MAX_D);
    let offset = max + 1;
    let mut v = vec![0usize; 2 * max + 3];
    for d in 0..=max {
        let mut k = -(d as isize);
        while k <= d as isize {
            let idx = (k + offset as isize) as usize;
            let mut x = if k == -(d as isize) || (k != d as isize && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = (x as isize - k) as usize;
            while x < n && y < m && a[x] == b[y] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                let ins = ((d as isize + m as isize - n as isize) / 2).max(0) as usize;
                let del = d.saturating_sub(ins);
                return ins.max(del);
            }
            k += 2;
        }
    }
    n.max(m)
}

/// Throughput of `legacy::convert` on one core.
#[derive(Debug, Clone)]
pub struct BenchReport {
    pub utf8_mb_per_s: f64,
    pub legacy_single_byte_mb_per_s: f64,
    pub legacy_unicode_mb_per_s: f64,
    /// TCVN3 single-byte documents of about 16 KB (the median size of the real archive
    /// files), each converted on its own: detection is paid once per document.
    pub legacy_documents_mb_per_s: f64,
    /// The same for the fixture files as they are (about 1 KB each).
    pub legacy_small_documents_mb_per_s: f64,
    pub input_mb: f64,
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "repair::legacy detection + conversion, MB/s per core (thread CPU time), {:.1} MB inputs:",
            self.input_mb
        )?;
        writeln!(
            f,
            "  clean UTF-8 Vietnamese         {:>8.1} MB/s",
            self.utf8_mb_per_s
        )?;
        writeln!(
            f,
            "  TCVN3 file (single-byte)       {:>8.1} MB/s",
            self.legacy_single_byte_mb_per_s
        )?;
        writeln!(
            f,
            "  TCVN3 read as cp1252 (Unicode) {:>8.1} MB/s",
            self.legacy_unicode_mb_per_s
        )?;
        writeln!(
            f,
            "  TCVN3 documents of ~16 KB      {:>8.1} MB/s",
            self.legacy_documents_mb_per_s
        )?;
        writeln!(
            f,
            "  TCVN3 documents of ~1 KB       {:>8.1} MB/s",
            self.legacy_small_documents_mb_per_s
        )
    }
}

/// CPU time of the calling thread (Linux `/proc/thread-self/schedstat`, nanoseconds).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The files of a fixture folder, sorted.
fn fixture_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    Ok(files)
}

/// Measures throughput on inputs of about `mb` megabytes built from the fixtures.
pub fn run_bench(fixtures: &Path, mb: f64) -> Result<BenchReport, String> {
    let target = (mb * 1e6) as usize;
    let gather = |dir: &str| -> Result<Vec<u8>, String> {
        let files = fixture_files(&fixtures.join(dir))?;
        let mut one = Vec::new();
        for f in files {
            one.extend(std::fs::read(&f).map_err(|e| e.to_string())?);
            one.push(b'\n');
        }
        if one.is_empty() {
            return Err(format!("{dir}: no files"));
        }
        let mut out = Vec::with_capacity(target + one.len());
        while out.len() < target {
            out.extend_from_slice(&one);
        }
        Ok(out)
    };
    // CPU seconds per round (wall time where the OS does not say), over at least three
    // rounds and one second: on a shared machine wall time measures the neighbours. A
    // round converts every document once.
    let seconds_per_round = |docs: &[(String, ingest::ByteEncoding)]| -> f64 {
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        let mut rounds = 0u32;
        while rounds < 3 || start.elapsed().as_secs_f64() < 1.0 {
            for (text, enc) in docs {
                let (pass, _) = legacy::convert(text, *enc);
                std::hint::black_box(pass);
            }
            rounds += 1;
        }
        let spent = match (cpu_start, thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => start.elapsed().as_secs_f64(),
        };
        spent / f64::from(rounds)
    };
    let documents = |size: usize| -> Result<(Vec<(String, ingest::ByteEncoding)>, usize), String> {
        let files = fixture_files(&fixtures.join("tcvn3"))?;
        let mut docs = Vec::new();
        let mut bytes = 0;
        let mut current = Vec::new();
        for f in files.iter().cycle().take(files.len() * (1 + size / 1000)) {
            current.extend(std::fs::read(f).map_err(|e| e.to_string())?);
            current.push(b'\n');
            if current.len() >= size {
                bytes += current.len();
                docs.push(ingest::decode::decode_text(&std::mem::take(&mut current)));
            }
        }
        Ok((docs, bytes))
    };
    let seconds = |text: &str, enc: ingest::ByteEncoding| -> f64 {
        seconds_per_round(&[(text.to_string(), enc)])
    };
    let (docs, docs_bytes) = documents(16_000)?;
    let (small, small_bytes) = documents(1)?;
    let utf8 = String::from_utf8(gather("clean")?).map_err(|e| e.to_string())?;
    let single_bytes = gather("tcvn3")?;
    let (single, enc) = ingest::decode::decode_text(&single_bytes);
    let unicode = String::from_utf8(gather("tcvn3-read-as-cp1252")?).map_err(|e| e.to_string())?;
    // Throughput counts input bytes as they came: UTF-8 text, or the file's single bytes.
    Ok(BenchReport {
        utf8_mb_per_s: utf8.len() as f64 / seconds(&utf8, ingest::ByteEncoding::Utf8) / 1e6,
        legacy_single_byte_mb_per_s: single_bytes.len() as f64 / seconds(&single, enc) / 1e6,
        legacy_unicode_mb_per_s: unicode.len() as f64
            / seconds(&unicode, ingest::ByteEncoding::Unicode)
            / 1e6,
        legacy_documents_mb_per_s: docs_bytes as f64 / seconds_per_round(&docs) / 1e6,
        legacy_small_documents_mb_per_s: small_bytes as f64 / seconds_per_round(&small) / 1e6,
        input_mb: utf8.len() as f64 / 1e6,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_errors_counts_substitutions_once() {
        assert_eq!(char_errors("abc", "abc"), 0);
        assert_eq!(char_errors("abc", "abd"), 1);
        assert_eq!(char_errors("abc", "ab"), 1);
        assert_eq!(char_errors("abc", "xabc"), 1);
        assert_eq!(char_errors("Việt Nam", "Viet Nam"), 1);
        assert_eq!(char_errors("", "abc"), 3);
    }
}

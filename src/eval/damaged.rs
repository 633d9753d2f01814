//! Extraction on damaged text (`vanban eval damaged`): how much of what a clean document
//! yields the tool still extracts once the text is damaged the seed-004 way (a random lost
//! set, each lost char one space) or typed without diacritics, with the restorer and
//! without it. The clean text's own record is the reference, so every held-out document
//! counts, labelled or not; the header and body evaluations say how right that record is.
//!
//! Documents: seeds 000–003, the made-up documents of the extraction probes
//! (`fixtures/probe*/`) and the archive transcripts of `../shared/corpus/legacy`. The dev
//! split is the seeds, the probes and the transcripts whose counts make up the shipped
//! in-domain counts (probes and transcripts are restored with their own counts taken back
//! out, as `eval restore` does); the test
//! split is the other transcripts, whose differences are never listed.

use super::extract::{compare, keys};
use super::headers::{comparison_key, predicted};
use super::restore::{
    archive_transcripts, corrupt, held_out_documents, probes_in_domain_counts, random_lost_set,
    ARCHIVE_DEV_EVERY,
};
use super::Counts;
use crate::repair::restore::syllable::strip_marks;
use crate::repair::restore::vocabulary::BatchVocabulary;
use crate::repair::RepairOptions;
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// The header evaluation's fields.
const HEADER_FIELDS: &[&str] = super::headers::FIELDS;

/// The body evaluation's fields whose values a record holds (not its tables' shapes or its
/// warnings).
fn body_fields() -> Vec<&'static str> {
    super::extract::FIELDS
        .iter()
        .copied()
        .filter(|f| !matches!(*f, "tables" | "warnings"))
        .collect()
}

/// Lost sets drawn per document: one set can miss a document's key letters by chance.
const LOST_SETS_PER_DOCUMENT: u64 = 3;

/// The four readings of a damaged document, in report order.
const CONDITIONS: [(&str, bool, bool); 4] = [
    ("lost glyphs, as damaged", true, false),
    ("lost glyphs, restored", true, true),
    ("no diacritics, as typed", false, false),
    ("no diacritics, restored", false, true),
];

/// Every field's values in a record, as comparison keys.
type Values = BTreeMap<&'static str, Vec<String>>;

/// A document the pipeline failed on (an error or a panic) yields no values, and the
/// report says so.
fn values(name: &str, text: &str, rules: &RuleSet, opts: &RepairOptions) -> Option<Values> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        values_unguarded(name, text, rules, opts)
    }))
    .ok()
    .flatten()
}

fn values_unguarded(
    name: &str,
    text: &str,
    rules: &RuleSet,
    opts: &RepairOptions,
) -> Option<Values> {
    let raw = crate::ingest::read_bytes(name, text.as_bytes()).ok()?;
    let repaired = crate::repair::run(&raw, opts);
    let ex = crate::extract::run(&repaired, rules);
    let warnings = crate::validate::run(&repaired, &ex, rules);
    let mut out = Values::new();
    for field in body_fields() {
        out.insert(field, keys(&ex, &warnings, field));
    }
    let record = crate::output::Record::build(&raw, &repaired, ex, warnings, false);
    for field in HEADER_FIELDS {
        let got = predicted(&record, field).map(|v| comparison_key(field, &v));
        out.insert(field, got.into_iter().collect());
    }
    Some(out)
}

/// A field's counts against the clean record, with the keys missed and added.
type FieldDiff = (Counts, Vec<String>, Vec<String>);

/// One document's comparison: per condition and field, its [`FieldDiff`].
struct DocResult {
    name: String,
    clean: Values,
    found: Vec<BTreeMap<&'static str, FieldDiff>>,
    /// Readings the pipeline failed on (clean or damaged).
    failures: usize,
}

/// A stable seed from a document's name, so each document keeps its lost sets.
fn name_seed(name: &str) -> u64 {
    name.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn score_document(
    name: &str,
    text: &str,
    rules: &RuleSet,
    domain: Option<Arc<BatchVocabulary>>,
) -> DocResult {
    let restoring = RepairOptions {
        batch_vocabulary: domain,
        ..RepairOptions::default()
    };
    let as_damaged = RepairOptions {
        no_restore: true,
        ..RepairOptions::default()
    };
    let mut failures = 0;
    let clean = values(name, text, rules, &restoring).unwrap_or_else(|| {
        failures += 1;
        Values::new()
    });
    let mut found = Vec::new();
    for (_, lost_glyphs, restore) in CONDITIONS {
        let opts = if restore { &restoring } else { &as_damaged };
        let damaged: Vec<String> = if lost_glyphs {
            (0..LOST_SETS_PER_DOCUMENT)
                .map(|k| corrupt(text, &random_lost_set(name_seed(name).wrapping_add(k))))
                .collect()
        } else {
            vec![strip_marks(text)]
        };
        let mut per_field: BTreeMap<&'static str, FieldDiff> = BTreeMap::new();
        for d in &damaged {
            let got = values(name, d, rules, opts).unwrap_or_else(|| {
                failures += 1;
                Values::new()
            });
            for field in HEADER_FIELDS.iter().copied().chain(body_fields()) {
                let empty = Vec::new();
                let (c, missed, extra) = compare(
                    field,
                    clean.get(field).unwrap_or(&empty),
                    got.get(field).unwrap_or(&empty),
                );
                let slot = per_field.entry(field).or_default();
                slot.0.add(c);
                slot.1.extend(missed);
                slot.2.extend(extra);
            }
        }
        found.push(per_field);
    }
    DocResult {
        name: name.to_string(),
        clean,
        found,
        failures,
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_string()
    } else {
        format!("{:.1}", 100.0 * part as f64 / whole as f64)
    }
}

/// Writes one split's table: per field, the clean values and, per condition, the share of
/// them the damaged text still gives (kept) and the share of its values the clean text
/// does not give (added).
fn render(out: &mut String, title: &str, docs: &[DocResult]) {
    let failures: usize = docs.iter().map(|d| d.failures).sum();
    let _ = writeln!(
        out,
        "{title}: {} documents, {failures} readings failed",
        docs.len()
    );
    let _ = write!(out, "  {:<16} {:>6}", "field", "clean");
    for (label, _, _) in CONDITIONS {
        let _ = write!(out, " | {label:>23}");
    }
    let _ = writeln!(out);
    let _ = write!(out, "  {:<16} {:>6}", "", "values");
    for _ in CONDITIONS {
        let _ = write!(out, " | {:>11} {:>11}", "kept %", "added %");
    }
    let _ = writeln!(out);
    let groups: Vec<(&str, Vec<&str>)> = HEADER_FIELDS
        .iter()
        .copied()
        .chain(body_fields())
        .map(|f| (f, vec![f]))
        .chain([
            ("all header", HEADER_FIELDS.to_vec()),
            ("all body", body_fields()),
        ])
        .collect();
    for (label, fields) in groups {
        let clean: usize = docs
            .iter()
            .flat_map(|d| fields.iter().map(|f| d.clean.get(f).map_or(0, Vec::len)))
            .sum();
        let _ = write!(out, "  {label:<16} {clean:>6}");
        for k in 0..CONDITIONS.len() {
            let mut c = Counts::default();
            for d in docs {
                for f in &fields {
                    c.add(d.found[k][f].0);
                }
            }
            let _ = write!(
                out,
                " | {:>11} {:>11}",
                percent(c.tp, c.tp + c.fn_),
                percent(c.fp, c.tp + c.fp)
            );
        }
        let _ = writeln!(out);
    }
}

/// Runs the evaluation; `shared` is the `../shared` folder, `repo` the repository root;
/// `verbose` lists the dev split's differences after restoration.
pub fn run_eval(shared: &Path, repo: &Path, rules: &RuleSet, verbose: bool) -> String {
    let seeds: Vec<(String, String)> = held_out_documents(shared, repo)
        .into_iter()
        .filter(|(name, _)| !name.starts_with("heldout-law"))
        .collect();
    let transcripts: Vec<(usize, (String, String))> = archive_transcripts(shared)
        .into_iter()
        .enumerate()
        .collect();
    // A probe document counted in the shipped domain counts is restored without its own.
    let counted = probes_in_domain_counts();
    let mut jobs: Vec<(bool, String, String, bool)> = seeds
        .into_iter()
        .map(|(name, text)| (true, name, text, false))
        .chain(
            super::probe_documents(repo)
                .into_iter()
                .map(|(name, text)| {
                    let own_counts_out = counted.contains(name.as_str());
                    (true, name, text, own_counts_out)
                }),
        )
        .collect();
    for (i, (name, text)) in transcripts {
        let in_domain = i % ARCHIVE_DEV_EVERY == 0;
        jobs.push((in_domain, name, text.nfc().collect(), in_domain));
    }
    let results: Vec<(bool, DocResult)> = jobs
        .par_iter()
        .map(|(dev, name, text, own_counts_out)| {
            let domain = own_counts_out.then(|| {
                Arc::new(BatchVocabulary::domain().without(&BatchVocabulary::of_text(text)))
            });
            (*dev, score_document(name, text, rules, domain))
        })
        .collect();
    let (dev, test): (Vec<_>, Vec<_>) = results.into_iter().partition(|(d, _)| *d);
    let dev: Vec<DocResult> = dev.into_iter().map(|(_, r)| r).collect();
    let test: Vec<DocResult> = test.into_iter().map(|(_, r)| r).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Extraction on damaged text: each document's record from its clean text is the \
         reference; kept = share of its values the damaged text still gives, added = share \
         of the damaged text's values it lacks. Lost glyphs: {LOST_SETS_PER_DOCUMENT} random \
         lost sets per document (as in `eval restore`)."
    );
    render(
        &mut out,
        "dev (seeds 000–003, the probes' made-up documents and the archive transcripts of the \
         in-domain text, these two with their own counts out)",
        &dev,
    );
    render(
        &mut out,
        "test (the other archive transcripts; never tuned on)",
        &test,
    );
    if verbose {
        out.push_str("differences after restoration (dev only):\n");
        for d in &dev {
            for (k, (label, _, restore)) in CONDITIONS.iter().enumerate() {
                if !restore {
                    continue;
                }
                for (field, (_, missed, extra)) in &d.found[k] {
                    if !missed.is_empty() || !extra.is_empty() {
                        let _ = writeln!(
                            out,
                            "  {} [{label}] {field}: missed {missed:?} added {extra:?}",
                            d.name
                        );
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_from_names_are_stable_and_differ() {
        assert_eq!(name_seed("a.txt"), name_seed("a.txt"));
        assert_ne!(name_seed("a.txt"), name_seed("b.txt"));
    }

    #[test]
    fn a_damaged_header_loses_values_and_restoration_gets_them_back() {
        let rules = RuleSet::builtin().expect("rules");
        let text = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 125/BC-UBND\n\
                    Bình Định, ngày 15 tháng 3 năm 2024\n\nBÁO CÁO\n\
                    Kết quả thực hiện công tác giảm nghèo năm 2023\n\n\
                    Thực hiện Nghị định số 45/2022/NĐ-CP ngày 07/7/2022 của Chính phủ, \
                    Ủy ban nhân dân tỉnh báo cáo kết quả như sau.\n";
        let doc = score_document("t.txt", text, &rules, None);
        assert!(doc.clean["number"] == vec!["125/BC-UBND".to_string()]);
        assert!(!doc.clean["references"].is_empty());
        // Typed without diacritics ("So: 125/BC-UBND") the number is not read as typed,
        // and is once restored; so is the date.
        let (as_typed, restored) = (&doc.found[2], &doc.found[3]);
        assert_eq!(as_typed["number"].0.tp, 0);
        assert_eq!(restored["number"].0.tp, 1);
        assert_eq!(restored["date"].0.tp, 1);
        assert_eq!(doc.failures, 0);
    }
}

//! Body extraction (references, dates, periods, quantities, tables) and validation: golden
//! checks against fields read by hand off the seeds (fixtures/expected/<seed>.body.json)
//! and the precision/recall evaluation over those plus labelled corpus transcripts
//! (fixtures/eval/body-*.json). Texts are read from ../shared; without it the tests skip.

use crate::common::repo;
use std::path::PathBuf;
use vanban::eval::extract as body_eval;
use vanban::Context;

fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    if p.join("seeds").is_dir() {
        Some(p)
    } else {
        eprintln!("note: ../shared is missing; body-extraction checks skipped");
        None
    }
}

fn seed_labels() -> Vec<(PathBuf, body_eval::LabelFile)> {
    let all = body_eval::label_files(&[repo().join("fixtures/expected")]).expect("label files");
    assert!(all.len() >= 4, "expected the seed .body.json files");
    all
}

/// Every seed label is met exactly for these fields: nothing missed, nothing extra.
#[test]
fn seeds_match_hand_read_body_fields() {
    let Some(shared) = shared() else { return };
    let ctx = Context::builtin().expect("rules");
    let mut failures = Vec::new();
    for (file, label) in seed_labels() {
        let score =
            body_eval::score_file(&label, &shared.join(&label.source), &ctx).expect("score");
        for (field, (_, missed, extra)) in &score.fields {
            if !missed.is_empty() || !extra.is_empty() {
                let name = file.file_name().unwrap().to_string_lossy().to_string();
                failures.push(format!(
                    "{name} {field}: missed {missed:?}, extra {extra:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The evaluation runs over every label file and reports each field; the corpus part is
/// held to the recall and precision measured when the labels were written.
#[test]
fn evaluation_report() {
    let Some(shared) = shared() else { return };
    let ctx = Context::builtin().expect("rules");
    let labels = [
        repo().join("fixtures/expected"),
        repo().join("fixtures/eval"),
    ];
    let report = body_eval::run_eval(&shared, &labels, &ctx, true).expect("eval");
    println!("{report}");
    assert!(report.contains("references"), "{report}");
    // Corpus transcripts alone: references and dates must stay at or above these.
    let files = body_eval::label_files(&[repo().join("fixtures/eval")]).expect("labels");
    assert!(files.len() >= 6);
    let mut totals = std::collections::BTreeMap::<String, body_eval::Counts>::new();
    for (_, label) in files
        .iter()
        .filter(|(_, l)| l.source.starts_with("corpus/"))
    {
        let path = body_eval::source_path(&shared, &label.source);
        let s = body_eval::score_file(label, &path, &ctx).expect("score");
        for (f, (c, _, _)) in s.fields {
            let t = totals.entry(f).or_default();
            t.tp += c.tp;
            t.fp += c.fp;
            t.fn_ += c.fn_;
        }
    }
    let refs = totals["references"];
    let dates = totals["dates"];
    assert!(refs.recall() >= 0.8 && refs.precision() >= 0.8, "{refs:?}");
    assert!(
        dates.recall() >= 0.9 && dates.precision() >= 0.9,
        "{dates:?}"
    );
}

/// Prints what the body extractors find in `VANBAN_DUMP` (a path), for rule writers:
/// `VANBAN_DUMP=../shared/seeds/000_….txt cargo test --test integration dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("VANBAN_DUMP") else {
        return;
    };
    let ctx = Context::builtin().expect("rules");
    let (ex, warnings) =
        body_eval::extract_file(std::path::Path::new(&path), &ctx).expect("extract");
    let out = serde_json::json!({
        "references": ex.references, "dates": ex.dates, "periods": ex.periods,
        "quantities": ex.quantities, "tables": ex.tables, "places": ex.places, "warnings": warnings,
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
}

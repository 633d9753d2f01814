//! Body extraction (references, dates, periods, quantities, tables) and validation, on the
//! seed documents: golden files written by hand in fixtures/expected/<seed>.body.json.

use crate::common::repo;
use vanban::extract::{self, Extracted};
use vanban::rules::RuleSet;

/// Runs repair + extract on a text as the pipeline does.
fn extract_text(name: &str, text: &str) -> (vanban::repair::Repaired, Extracted) {
    let rules = RuleSet::builtin().expect("builtin rules");
    let raw = vanban::ingest::read_bytes(name, text.as_bytes()).expect("ingest");
    let repaired = vanban::repair::run(&raw, &vanban::repair::RepairOptions::default());
    let ex = extract::run(&repaired, &rules);
    (repaired, ex)
}

/// Prints what the body extractors find in `VANBAN_DUMP` (a path), for rule writers:
/// `VANBAN_DUMP=../shared/seeds/000_….txt cargo test --test integration dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("VANBAN_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read");
    let (repaired, ex) = extract_text(&path, &text);
    let warnings = vanban::validate::run(&repaired, &ex);
    let out = serde_json::json!({
        "references": ex.references, "dates": ex.dates, "periods": ex.periods,
        "quantities": ex.quantities, "tables": ex.tables, "warnings": warnings,
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
    let _ = repo();
}

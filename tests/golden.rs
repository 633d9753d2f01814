//! Golden tests: each fixture document against fields read off it by hand.

use crate::common::*;
use serde_json::Value as Json;

fn expected(stem: &str) -> Json {
    let p = repo()
        .join("fixtures/expected")
        .join(format!("{stem}.json"));
    let s = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&s).expect("expected file is JSON")
}

fn matches(expected: &Json, got: &Json) -> bool {
    match (expected, got) {
        (Json::String(e), Json::String(g)) => match e.strip_suffix('…') {
            Some(prefix) => g.starts_with(prefix),
            None => e == g,
        },
        (Json::Number(e), Json::Number(g)) => e.as_f64() == g.as_f64(),
        (e, g) => e == g,
    }
}

#[test]
fn seeds_match_hand_read_fields() {
    let docs = fixture_docs();
    let mut args = vec!["extract".to_string()];
    args.extend(docs.iter().map(|p| p.display().to_string()));
    let argv: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    let out = vanban(&argv, None, &repo());
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), docs.len());
    let mut failures = Vec::new();
    for (doc, rec) in docs.iter().zip(&recs) {
        let stem = doc.file_stem().unwrap().to_string_lossy().to_string();
        let short = &stem[..3];
        let exp = expected(&stem);
        for (path, want) in exp.as_object().expect("expected file is an object") {
            let got = lookup(rec, path).unwrap_or(Json::Null);
            if !matches(want, &got) {
                failures.push(format!("{short}: {path}: expected {want}, got {got}"));
            }
        }
        for e in check_spans(rec) {
            failures.push(format!("{short}: {e}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

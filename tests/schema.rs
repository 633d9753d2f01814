//! Every record the tests can produce validates against schema/record-v1.json.

use crate::common::*;

#[test]
fn every_record_matches_the_schema() {
    let schema_text = std::fs::read_to_string(repo().join("schema/record-v1.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("junk.bin"), b"\x00\x01\x02\x03\x04").unwrap();
    let junk = dir.path().display().to_string();
    let out = vanban(
        &[
            "extract",
            "fixtures/docs",
            "fixtures/inputs",
            "fixtures/probe7",
            "fixtures/probe8",
            &junk,
        ],
        None,
        &repo(),
    );
    let recs = records(&out.stdout);
    assert!(recs.len() >= 10);
    assert!(recs.iter().any(|r| r["status"] == "error"));
    for r in &recs {
        let errors: Vec<String> = validator
            .iter_errors(r)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{}: {:?}", r["source"]["path"], errors);
    }
}

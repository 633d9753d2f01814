//! Reviewer and analyst outputs read the JSON Lines back typed.

use crate::common::*;

#[test]
fn review_report_and_tidy_table_from_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("out.jsonl");
    let j = jsonl.display().to_string();
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, b"\x00\x00\x01binary").unwrap();
    let jk = junk.display().to_string();
    let out = vanban(&["extract", "fixtures/docs", &jk, "-o", &j], None, &repo());
    assert_eq!(out.code, 1);

    // Typed read-back: every line parses as the library's own output type.
    let content = std::fs::read_to_string(&jsonl).unwrap();
    for line in content.lines() {
        let parsed: vanban::output::OutputLine =
            serde_json::from_str(line).expect("typed read-back");
        assert_eq!(&parsed.to_json(), line, "re-serialized line differs");
    }

    let html_path = dir.path().join("review.html");
    let h = html_path.display().to_string();
    let review = vanban(&["review", &j, "-o", &h], None, &repo());
    assert_eq!(review.code, 0, "{}", review.stderr);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("vanban review: 6 documents"));
    assert!(
        html.contains("Hoàng Thành Thái"),
        "the signer appears in the report"
    );
    assert!(html.contains("signer.block"), "rule ids appear");
    assert!(html.contains("class=\"err\""), "the error record is listed");
    assert!(!html.contains("<script"), "document text is escaped");

    let tidy = vanban(&["tidy", &j], None, &repo());
    assert_eq!(tidy.code, 0, "{}", tidy.stderr);
    let header = tidy.stdout.lines().next().unwrap();
    assert!(header.starts_with(
        "source,doc_number,doc_date,doc_year,doc_province,doc_type,issuer,issuer_id,kind,indicator"
    ));

    let not_records = dir.path().join("x.jsonl");
    std::fs::write(&not_records, "{\"a\":1}\n").unwrap();
    let bad = vanban(
        &["review", &not_records.display().to_string()],
        None,
        &repo(),
    );
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("x.jsonl:1"), "{}", bad.stderr);
}

#[test]
fn html_escaping_of_hostile_text() {
    assert_eq!(
        vanban::output::review::escape("<script>\"x\"&'</script>"),
        "&lt;script&gt;&quot;x&quot;&amp;&#39;&lt;/script&gt;"
    );
}

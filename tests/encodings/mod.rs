//! Legacy encodings (repair pass 1): clean text passes through; legacy fixtures made by
//! independent encoders (iconv, GNU recode, Python codecs) decode back exactly.

use crate::common;
use vanban::ingest::ByteEncoding;
use vanban::repair::legacy;

fn shared() -> Option<std::path::PathBuf> {
    let p = common::repo().join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("note: ../shared missing; skipping");
        None
    }
}

#[test]
fn seeds_pass_through_with_zero_edits() {
    let Some(shared) = shared() else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(shared.join("seeds")).expect("seeds dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("seed is UTF-8");
        for enc in [ByteEncoding::Utf8, ByteEncoding::Unicode] {
            let (pass, report) = legacy::convert(&text, enc);
            assert!(
                pass.edits.is_empty(),
                "{}: {:?}",
                path.display(),
                pass.edits.first().map(|e| pass.edit_texts(e))
            );
            assert!(report.runs.is_empty());
        }
        n += 1;
    }
    assert_eq!(n, 5);
}

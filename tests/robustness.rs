//! No input makes the pipeline panic, and every span it reports is valid.

use crate::common::check_spans;
use proptest::prelude::*;

fn ctx() -> &'static vanban::Context {
    static CTX: std::sync::OnceLock<vanban::Context> = std::sync::OnceLock::new();
    CTX.get_or_init(|| vanban::Context::builtin().expect("built-in rules load"))
}

fn check(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    match vanban::process_bytes(name, bytes, ctx()) {
        Ok(record) => {
            let json = serde_json::to_value(&record).expect("record serializes");
            let errors = check_spans(&json);
            prop_assert!(errors.is_empty(), "{:?}", errors);
        }
        Err(e) => prop_assert!(!e.message.is_empty()),
    }
    Ok(())
}

/// Text made of the pieces official documents are built from, shuffled.
fn documentish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Số: ",
        "12",
        "/",
        "UBND-VP",
        "KH",
        "-",
        " ",
        "  ",
        "\n",
        "\n\n",
        "ngày ",
        "tháng ",
        "năm ",
        "2021",
        "Hà Nội, ",
        "V/v ",
        "Kính gửi:",
        "- ",
        ";",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn An",
        "Nơi nhận:",
        "**",
        "#",
        "BÁO CÁO",
        "ƣ",
        "Ð",
        "\u{301}",
        "\u{AD}",
        "\t",
        "1.587.000.000 đồng",
        "74,95%",
        "Nghị định số 111/2013/NĐ-CP",
        "Thự  hi n",
        "\u{feff}",
        "é",
        "Ö",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["txt", "md", "html", "pdf", "doc", "xls", "rtf"])) {
        check(&format!("x.{ext}"), &bytes)?;
    }

    #[test]
    fn document_like_text_never_panics(text in documentish()) {
        check("doc.txt", text.as_bytes())?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        check("u.txt", text.as_bytes())?;
    }
}

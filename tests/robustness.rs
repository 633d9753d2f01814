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
        "từ ",
        " đến ",
        "90 m2",
        "m2",
        "COVID-19",
        "120 ha",
        " người",
        "(",
        ")",
        ", trong đó ",
        "quý III/2024",
        "hoàn thành trong ",
        "đã ",
        "trước ngày 15/3/2024",
        "5-7%",
        "Điều 1. ",
        " | ",
        "Tổng cộng",
        "45.210/52.680",
        "đạt 104,5% kế hoạch",
        "(Bằng chữ: Năm tỷ đồng)",
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
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        check("u.txt", text.as_bytes())?;
    }
}

proptest! {
    // Cheap cases (short text): many of them, as a panic may need a rare sequence of
    // pieces ("90 m2" + " đến " + "120 ha" once made a range start inside a unit).
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn document_like_text_never_panics(text in documentish()) {
        check("doc.txt", text.as_bytes())?;
    }
}

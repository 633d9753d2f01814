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

/// Lines shaped like tesseract's TSV output (level, page, block, paragraph, line, word,
/// left, top, width, height, confidence, text), with odd numbers and words.
fn tesseract_tsv() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        Just("-1".to_string()),
        Just("0".to_string()),
        (0u32..5000).prop_map(|n| n.to_string()),
        Just("x".to_string()),
        Just(String::new()),
    ];
    let word = prop_oneof![
        Just("Số:".to_string()),
        Just("12/KH-UBND".to_string()),
        Just("l5/QĐ-UBND".to_string()),
        Just("2O21".to_string()),
        Just("CỘNG".to_string()),
        Just("|".to_string()),
        Just("ˆ".to_string()),
        "\\PC{0,6}",
    ];
    // Words are level 5; other levels (page, block, line) come with no text.
    let level = prop_oneof![4 => Just("5"), 1 => Just("4"), 1 => Just("1")];
    let line = (level, prop::collection::vec(number, 10), word)
        .prop_map(|(level, numbers, word)| format!("{level}\t{}\t{word}", numbers.join("\t")));
    prop::collection::vec(line, 0..40).prop_map(|lines| {
        let mut tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n".to_string();
        tsv.push_str(&lines.join("\n"));
        tsv
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn ocr_word_boxes_never_panic(tsv in tesseract_tsv(), noise in "\\PC{0,200}") {
        let _ = vanban::ingest::ocr::layout_tsv(&tsv);
        let _ = vanban::ingest::ocr::layout_tsv(&noise);
        for word in noise.split_whitespace() {
            let _ = vanban::ingest::ocr::fold_word(word);
        }
    }
}

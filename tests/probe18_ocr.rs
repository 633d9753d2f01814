//! Probe 18 (fixtures/probe18): scans, image-only PDFs of probe 16's made-up documents
//! (1-bit and grey, 150–300 dpi, skewed, speckled, stamped), read by tesseract. The layout
//! of OCR words, the folding of look-alikes and the signer's OCR slips are checked on
//! text written here and always run; the scans themselves only where tesseract and its
//! Vietnamese data are installed (CI has neither, so those tests say so and pass).

use crate::common::{field as get, fixture_record, record_of_text};
use serde_json::Value as Json;
use vanban::ingest::ocr::{fold_word, layout_tsv};

/// A tesseract TSV page 2400 px wide from (line, left, top, width, text) phrases, 40 px
/// high, each cut into words (tesseract's rows are words) spread over its width.
fn tsv(phrases: &[(u32, i64, i64, i64, &str)]) -> String {
    let mut s = String::from(
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
         1\t1\t0\t0\t0\t0\t0\t0\t2400\t3400\t-1\t\n",
    );
    for (line, left, top, width, text) in phrases {
        let per_char = width / text.chars().count().max(1) as i64;
        let mut at = 0;
        for word in text.split(' ') {
            let n = word.chars().count() as i64;
            let x = left + at * per_char;
            let w = (n * per_char).max(1);
            s.push_str(&format!(
                "5\t1\t1\t1\t{line}\t1\t{x}\t{top}\t{w}\t40\t93\t{word}\n"
            ));
            at += n + 1;
        }
    }
    s
}

#[test]
fn ocr_columns_side_by_side_are_read_as_header_and_signature() {
    // Tesseract puts the two columns on one line: agency | national name, number | date,
    // copy list | signer's block; speckle leaves "_" and "¬"; the number's slash is read
    // as a fraction slash and its zero as "O".
    let page = tsv(&[
        (1, 250, 100, 700, "ỦY BAN NHÂN DÂN"),
        (1, 1100, 100, 1100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (2, 300, 160, 550, "HUYỆN CẦN GIỜ"),
        (2, 1250, 160, 800, "Độc lập - Tự do - Hạnh phúc"),
        (3, 250, 260, 600, "Số: 3O5\u{2044}UBND-VP"),
        (3, 1150, 260, 950, "Cần Giờ, ngày 14 tháng 5 năm 2O24"),
        (4, 250, 320, 500, "V/v dọn vệ sinh"),
        (
            5,
            250,
            500,
            1900,
            "Ủy ban nhân dân huyện đề nghị các xã tổng vệ sinh trước ngày 20/5/2024.",
        ),
        (6, 250, 700, 250, "Nơi nhận:"),
        (6, 1300, 700, 700, "TM. ỦY BAN NHÂN DÂN"),
        (7, 250, 760, 300, "- UBND các xã;"),
        (7, 1400, 760, 500, "KT CHỦ TỊCH"),
        (7, 1950, 760, 20, "¬"),
        (8, 250, 820, 250, "- Lưu: VT."),
        (8, 1350, 820, 600, "PHO CHỦ TỊCH"),
        (9, 1700, 900, 20, "l"),
        (10, 1350, 1000, 600, "_Đinh Văn Tường"),
    ]);
    let text = layout_tsv(&page);
    assert!(
        text.starts_with(
            "ỦY BAN NHÂN DÂN\nHUYỆN CẦN GIỜ\nSố: 305/UBND-VP\nV/v dọn vệ sinh\n\nCỘNG HÒA"
        ),
        "{text}"
    );
    let r = record_of_text(&text);
    assert_eq!(get(&r, "document.number.value.normalized"), "305/UBND-VP");
    assert_eq!(get(&r, "document.date.value.iso"), "2024-05-14");
    assert_eq!(get(&r, "document.subject.value"), "dọn vệ sinh");
    assert_eq!(get(&r, "document.signer.value.name"), "Đinh Văn Tường");
    assert_eq!(get(&r, "document.signer.value.title"), "PHÓ CHỦ TỊCH");
    assert_eq!(
        get(&r, "document.signer.value.authority"),
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    );
    assert_eq!(
        get(&r, "document.copy_to").as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn ocr_table_rows_get_tabs_between_cells() {
    let page = tsv(&[
        (1, 250, 100, 300, "Loại đơn"),
        (1, 900, 100, 250, "Tiếp nhận"),
        (1, 1500, 100, 250, "Đã xử lý"),
        (2, 250, 160, 300, "Sáng chế"),
        (2, 900, 160, 150, "3.995"),
        (2, 1500, 160, 150, "3.412"),
    ]);
    assert_eq!(
        layout_tsv(&page),
        "Loại đơn\tTiếp nhận\tĐã xử lý\nSáng chế\t3.995\t3.412"
    );
}

#[test]
fn ocr_lookalikes_fold_in_figures_and_nowhere_else() {
    for (read, meant) in [
        ("2O21", "2021"),
        ("l5/KH-UBND", "15/KH-UBND"),
        ("1O/2O19/NĐ-CP", "10/2019/NĐ-CP"),
        ("3l/12/2O20;", "31/12/2020;"),
        ("1745\u{2215}QĐ-BTC", "1745/QĐ-BTC"),
        ("¬Như", "Như"),
    ] {
        assert_eq!(fold_word(read), meant, "{read}");
    }
    for word in [
        "Lưu",
        "VIII",
        "I.",
        "Ol",
        "QĐ-BTC",
        "l",
        "O",
        "2014-2015",
        "b/c",
    ] {
        assert_eq!(fold_word(word), word);
    }
}

#[test]
fn signer_lines_with_ocr_slips_are_read() {
    let text = "UBND TỈNH BẮC NINH\nSỞ XÂY DỰNG\nSố: 88/SXD-QLN\n\n\
                Bắc Ninh, ngày 02 tháng 3 năm 2023\n\nKính gửi: UBND các huyện\n\n\
                Đề nghị thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n\
                KT GIÁM ĐỐC\nPHO GIÁM ĐỐC\n\nLã Thị Hằng\n";
    let r = record_of_text(text);
    assert_eq!(get(&r, "document.signer.value.title"), "PHÓ GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.value.authority"), "KT. GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.value.name"), "Lã Thị Hằng");
    // Prose after a code without its dot is no authority line.
    let prose = "Nơi nhận:\n- Lưu: VT.\n\nKT giám đốc sở đã ký\nGIÁM ĐỐC\n\nLã Thị Hằng\n";
    let r = record_of_text(prose);
    assert_eq!(get(&r, "document.signer.value.authority"), Json::Null);
}

/// The record of one probe-18 scan, by the start of its file name.
fn scan(prefix: &str) -> Json {
    fixture_record("probe18", prefix, ".pdf")
}

#[test]
fn scans_read_by_ocr_give_number_date_issuer_and_signer() {
    if !vanban::ingest::pdf::ocr_available() {
        eprintln!("note: pdftoppm/tesseract-vie not installed; probe 18's OCR checks skipped");
        return;
    }
    // (file, number, date, issuer's agency id): what OCR of the scans gives back.
    let expected = [
        ("01", "4127/UBND-VX", "2012-08-06", "ubnd@p63-40"),
        ("03", "87/BC-UBND", "2016-03-25", "ubnd@d63-821"),
        ("06", "6318/SYT-NVY", "2021-10-12", "so:y_te@p63-01"),
        ("09", "38/2026/QĐ-UBND", "2026-01-09", "ubnd@p34-52"),
        ("10", "1902/BC-SHTT", "2013-12-30", "cuc:so-huu-tri-tue"),
    ];
    for (file, number, date, agency) in expected {
        let r = scan(file);
        assert_eq!(get(&r, "status"), "ok", "{file}");
        assert_eq!(
            get(&r, "document.number.value.normalized"),
            number,
            "{file}"
        );
        assert_eq!(get(&r, "document.date.value.iso"), date, "{file}");
        assert_eq!(get(&r, "document.issuer.value.agency.id"), agency, "{file}");
        if file == "01" {
            assert_eq!(get(&r, "document.signer.value.name"), "Lê Thị Quỳnh Hoa");
            assert_eq!(
                get(&r, "document.signer.value.authority"),
                "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
            );
        }
        // Page 2 starts with the copy list's last item, right after the title's line.
        if file == "09" {
            assert_eq!(get(&r, "document.signer.value.name"), "Rơ Châm Hyun");
            assert_eq!(get(&r, "document.signer.value.title"), "PHÓ CHỦ TỊCH");
            // The copy list's dashes were read as ":" and "ˆ".
            let copies = r["document"]["copy_to"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert!(
                copies
                    .iter()
                    .any(|c| c["value"] == "Cục Kiểm tra VBQPPL - Bộ Tư pháp"),
                "{copies:?}"
            );
        }
    }
}

#[test]
fn a_title_line_that_lost_its_marks_is_the_position_it_spells() {
    let signed = |title: &str| {
        let text = format!(
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\n{title}\n\n\n\nNguyễn Văn An\n"
        );
        let r = record_of_text(&text);
        (
            get(&r, "document.signer.title"),
            get(&r, "document.signer.name"),
        )
    };
    for (written, read) in [
        ("PHO GIAM ĐOC", "PHÓ GIÁM ĐỐC"),
        ("PHO CHU TỊCH", "PHÓ CHỦ TỊCH"),
        ("CHANH VAN PHONG", "CHÁNH VĂN PHÒNG"),
        ("PHÓ TRUONG BAN", "PHÓ TRƯỞNG BAN"),
    ] {
        assert_eq!(
            signed(written),
            (Json::from(read), Json::from("Nguyễn Văn An")),
            "{written}"
        );
    }
    // A line that only shares some words with a position is none.
    assert_ne!(
        signed("PHO GIAM DOC SO TAI CHINH").0,
        Json::from("PHÓ GIÁM ĐỐC")
    );
}

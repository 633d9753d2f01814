//! Probe 16 (fixtures/probe16): PDFs that a word processor exported (LibreOffice, subset
//! TrueType fonts with ToUnicode maps), their Decree 30/2020 header and signature built as
//! borderless two-column tables, justified paragraphs, bordered tables, footnotes, page
//! numbers. Made-up documents; the tests read the committed PDFs.

use crate::common::{field as get, fixture_record, header_of, header_written};
use serde_json::Value as Json;

/// The record of one probe-16 PDF, by the start of its file name.
fn pdf(prefix: &str) -> Json {
    fixture_record("probe16", prefix, ".pdf")
}

fn text(r: &Json) -> String {
    get(r, "text").as_str().unwrap_or("").to_string()
}

#[test]
fn every_probe16_header_and_signature_is_read() {
    // (file, type, number, date, issuer's agency id, signer's name, authority)
    let expected = [
        (
            "01",
            "cong_van",
            "4127/UBND-VX",
            "2012-08-06",
            "ubnd@p63-40",
            "Lê Thị Quỳnh Hoa",
            "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
        ),
        (
            "02",
            "ke_hoach",
            "215/KH-SGDĐT",
            "2014-09-18",
            "so:giao_duc_dao_tao@p63-01",
            "Nguyễn Hữu Khang",
            "KT. GIÁM ĐỐC",
        ),
        (
            "03",
            "bao_cao",
            "87/BC-UBND",
            "2016-03-25",
            "ubnd@d63-821",
            "Trần Văn Lợi",
            "TM. ỦY BAN NHÂN DÂN",
        ),
        (
            "04",
            "quyet_dinh",
            "1745/QĐ-BTC",
            "2018-09-28",
            "bo:tai_chinh",
            "Đỗ Minh Triết",
            "KT. BỘ TRƯỞNG",
        ),
        (
            "05",
            "to_trinh",
            "532/TTr-STNMT",
            "2019-05-14",
            "so:tai_nguyen_moi_truong@p63-68",
            "Phạm Ngọc Thạch",
            "",
        ),
        (
            "06",
            "cong_van",
            "6318/SYT-NVY",
            "2021-10-12",
            "so:y_te@p63-01",
            "Vũ Thị Minh Nguyệt",
            "KT. GIÁM ĐỐC",
        ),
        (
            "07",
            "thong_bao",
            "214-TB/HU",
            "2022-04-07",
            "huyen_uy:thang-binh@p63-49",
            "Huỳnh Tấn Phát Lộc",
            "T/M BAN THƯỜNG VỤ",
        ),
        (
            "08",
            "ke_hoach",
            "96/KH-UBND",
            "2025-08-21",
            "ubnd@c34-00070",
            "Đặng Thu Phương",
            "TM. ỦY BAN NHÂN DÂN",
        ),
        (
            "09",
            "quyet_dinh",
            "38/2026/QĐ-UBND",
            "2026-01-09",
            "ubnd@p34-52",
            "Rơ Châm Hyun",
            "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
        ),
        (
            "10",
            "bao_cao",
            "1902/BC-SHTT",
            "2013-12-30",
            "cuc:so-huu-tri-tue",
            "Hoàng Văn Tân",
            "",
        ),
    ];
    for (file, kind, number, date, agency, signer, authority) in expected {
        let written = header_written((kind, number, date, agency, signer, authority));
        assert_eq!(header_of(&pdf(file)), written, "fixture {file}");
    }
}

#[test]
fn a_national_name_wrapped_in_its_cell_is_no_part_of_the_agency() {
    // 14 pt capitals wrap "… CHỦ NGHĨA VIỆT" / "NAM" in the right cell; the text layer
    // gives the cell's lines after the agency's.
    let r = pdf("02");
    assert_eq!(get(&r, "document.issuer.name"), "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
    assert_eq!(get(&r, "document.issuer.parent"), "UBND THÀNH PHỐ HÀ NỘI");
    let r = pdf("09");
    assert_eq!(
        get(&r, "document.issuer.name"),
        "ỦY BAN NHÂN DÂN TỈNH GIA LAI"
    );
}

#[test]
fn an_agency_name_wrapped_before_a_kind_word_stays_whole() {
    // "SỞ TÀI NGUYÊN VÀ MÔI" / "TRƯỜNG": the last word could open a school's name.
    let r = pdf("05");
    assert_eq!(
        get(&r, "document.issuer.name"),
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    );
    assert_eq!(get(&r, "document.issuer.parent"), "UBND TỈNH LÂM ĐỒNG");
}

#[test]
fn units_with_superscripts_are_kept_in_unicode_text() {
    // The legacy pass read "m²" as VISCII ("mỗ").
    let t = text(&pdf("05"));
    assert!(t.contains("18.500.000 đồng/m²"), "{t}");
    assert!(!t.contains("mỗ"), "{t}");
}

#[test]
fn justified_lines_read_with_single_spaces() {
    // pdf-extract wrote the space glyph and the widened gap after it: "Nghị   định   số".
    let r = pdf("04");
    let t = text(&r);
    assert!(
        t.contains("Căn cứ Nghị định số 87/2017/NĐ-CP ngày 26 tháng 7 năm 2017"),
        "{t}"
    );
    assert!(!t.contains("   "), "{t}");
    let raws: Vec<String> = r["references"]
        .as_array()
        .expect("references")
        .iter()
        .map(|x| x["raw"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        raws.iter()
            .any(|x| x.starts_with("Nghị định số 77/2015/NĐ-CP ngày 10 tháng 9")),
        "{raws:?}"
    );
}

#[test]
fn cells_sharing_a_baseline_stay_apart() {
    // "- Lưu: VT, KGVX." (the copy list's last item) and "(Đã ký)" (the signature's
    // space) sit on one baseline in two cells; one space between them made one line.
    let r = pdf("09");
    assert!(text(&r).contains("KGVX.\t(Đã ký)"), "{}", text(&r));
    assert_eq!(get(&r, "document.signer.name"), "Rơ Châm Hyun");
    assert_eq!(get(&r, "document.signer.title"), "PHÓ CHỦ TỊCH");
    // That item comes after the signature's title lines, yet it is the list's last.
    let copies: Vec<String> = get(&r, "document.copy_to")
        .as_array()
        .expect("a copy list")
        .iter()
        .map(|c| c["value"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        copies.last().map(String::as_str),
        Some("Lưu: VT, KGVX"),
        "{copies:?}"
    );
}

#[test]
fn a_copy_item_past_the_signature_s_lines_ends_the_list_only_before_the_name() {
    let text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n\n\
        - Sở Tài chính;\t(Đã ký)\n\nNguyễn Văn An\n";
    let copies = |text: &str| -> Vec<String> {
        get(&crate::common::record_of_text(text), "document.copy_to")
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| c["value"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(copies(text), ["Như Điều 3", "Lưu: VT", "Sở Tài chính"]);
    // A dashed line after the signer's name, or beside a second column that is no signing
    // note, is none of the list's.
    let after_name = text.replace(
        "- Sở Tài chính;\t(Đã ký)\n\nNguyễn Văn An\n",
        "Nguyễn Văn An\n- Sở Tài chính;\n",
    );
    assert_eq!(copies(&after_name), ["Như Điều 3", "Lưu: VT"]);
    let beside = text.replace("(Đã ký)", "PHÓ CHỦ TỊCH");
    assert_eq!(copies(&beside), ["Như Điều 3", "Lưu: VT"]);
}

#[test]
fn a_superscript_footnote_number_is_a_marker_and_its_note_leaves_the_text() {
    // The number was glued to the word ("Tiền Giang1") and the note stayed in the page's
    // text, the separator being a drawn line.
    let r = pdf("03");
    let t = text(&r);
    assert!(t.contains("tỉnh Tiền Giang[^1], UBND huyện"), "{t}");
    assert!(t.contains("[^1]: Công văn về việc báo cáo định kỳ"), "{t}");
    let refs = r["references"].as_array().expect("references");
    assert_eq!(
        refs[0]["value"]["issuer"],
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Tiền Giang"
    );
    let t = text(&pdf("10"));
    assert!(t.contains("38.904 đơn[^1]. Chi tiết"), "{t}");
    assert!(
        t.contains("[^1]: Số liệu tính đến hết ngày 25/12/2013"),
        "{t}"
    );
}

#[test]
fn a_rule_under_the_title_ends_the_subject() {
    // A Party notice's "-----" under its title, the body right below it.
    let r = pdf("07");
    assert_eq!(
        get(&r, "document.subject"),
        "kết luận của Ban Thường vụ Huyện ủy về công tác phòng, chống thiên tai năm 2022"
    );
}

#[test]
fn a_number_wrapped_at_its_symbol_s_hyphen_is_rejoined() {
    // "Tờ trình số 17/TTr-" / "SGDĐT ngày …" at a justified line's end.
    let r = pdf("09");
    let raws: Vec<&str> = r["references"]
        .as_array()
        .expect("references")
        .iter()
        .filter_map(|x| x["raw"].as_str())
        .collect();
    assert!(
        raws.iter()
            .any(|x| x.starts_with("Tờ trình số 17/TTr-SGDĐT ngày 02 tháng 01 năm 2026")),
        "{raws:?}"
    );
}

#[test]
fn a_bordered_table_reads_as_rows_of_cells() {
    // Its rows came a blank line apart, a cell's wrapped lines as lines of their own, and
    // empty cells not at all; the drawn cell walls and row lines now place them.
    let r = pdf("03");
    let tables = r["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 1, "{tables:?}");
    assert_eq!(tables[0]["header"][3], "Vốn huy động (triệu đồng)");
    assert_eq!(
        tables[0]["rows"][1],
        serde_json::json!([2.0, "Long Hưng", 17.0, 9820.0, 74.2])
    );
    assert_eq!(tables[0]["rows"][4][1], "Cộng");
    assert_eq!(tables[0]["rows"][4][3], 34690.0);
    let r = pdf("10");
    let tables = r["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 1, "{tables:?}");
    assert_eq!(tables[0]["rows"][1][0], "Kiểu dáng công nghiệp");
    assert_eq!(tables[0]["total_row"], 3);
    assert!(r["warnings"].as_array().expect("warnings").is_empty());
    let r = pdf("09");
    assert_eq!(
        r["tables"][0]["rows"][1],
        serde_json::json!(["Xã vùng II", 100000.0, 70000.0])
    );
}

#[test]
fn a_one_page_document_s_footer_number_leaves_the_text() {
    for file in ["03", "05", "10"] {
        let t = text(&pdf(file));
        let body = t.split("\n[^").next().unwrap_or("").trim_end();
        assert!(!body.ends_with("\n1"), "fixture {file}: {body}");
    }
}

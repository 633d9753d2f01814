//! Probe 19 (fixtures/probe19): documents as word processors save them (LibreOffice 7.4:
//! .docx, .doc, .odt, .rtf and flat ODF), laid out the Decree 30/2020 way with borderless
//! tables, and carrying what the readers must see through: automatic numbering, header
//! cells merged across columns, tracked changes, a comment, text boxes, fields. Made-up
//! documents; the tests read the committed files and need no LibreOffice.

use crate::common::{field as get, header_of, header_written, record_of_bytes, repo};
use serde_json::Value as Json;

/// The record of one probe-19 file, by its full name.
fn office(name: &str) -> Json {
    let bytes =
        std::fs::read(repo().join("fixtures/probe19").join(name)).expect("the fixture exists");
    record_of_bytes(name, &bytes)
}

fn text(r: &Json) -> String {
    get(r, "text").as_str().unwrap_or("").to_string()
}

fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l.trim_end() == line)
}

#[test]
fn every_probe19_header_and_signature_is_read() {
    // (file, type, number, date, issuer's agency id, signer's name, authority)
    let kh = (
        "ke_hoach",
        "215/KH-SGDĐT",
        "2014-09-18",
        "so:giao_duc_dao_tao@p63-01",
        "Nguyễn Hữu Khang",
        "KT. GIÁM ĐỐC",
    );
    let bc = (
        "bao_cao",
        "87/BC-UBND",
        "2016-03-25",
        "ubnd@d63-821",
        "Trần Văn Lợi",
        "TM. ỦY BAN NHÂN DÂN",
    );
    let cv = (
        "cong_van",
        "6318/SYT-NVY",
        "2021-10-12",
        "so:y_te@p63-01",
        "Vũ Thị Minh Nguyệt",
        "KT. GIÁM ĐỐC",
    );
    let khan = (
        "cong_van",
        "4127/UBND-VX",
        "2012-08-06",
        "ubnd@p63-40",
        "Lê Thị Quỳnh Hoa",
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
    );
    let qd = (
        "quyet_dinh",
        "38/2026/QĐ-UBND",
        "2026-01-09",
        "ubnd@p34-52",
        "Rơ Châm Hyun",
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
    );
    let expected = [
        ("01_so_gddt_ke_hoach_danh_so_tu_dong.doc", kh),
        ("01_so_gddt_ke_hoach_danh_so_tu_dong.docx", kh),
        ("01_so_gddt_ke_hoach_danh_so_tu_dong.rtf", kh),
        ("02_ubnd_huyen_bao_cao_o_gop.doc", bc),
        ("02_ubnd_huyen_bao_cao_o_gop.odt", bc),
        ("03_so_y_te_cong_van_sua_doi.docx", cv),
        ("03_so_y_te_cong_van_sua_doi.rtf", cv),
        ("04_ubnd_tinh_cong_van_hop_chu.docx", khan),
        ("04_ubnd_tinh_cong_van_hop_chu.rtf", khan),
        ("05_ubnd_tinh_quyet_dinh_dieu_tu_dong.doc", qd),
        ("05_ubnd_tinh_quyet_dinh_dieu_tu_dong.odt", qd),
        (
            "06_bo_khcn_bao_cao_chu_thich.fodt",
            (
                "bao_cao",
                "1902/BC-SHTT",
                "2013-12-30",
                "cuc:so-huu-tri-tue",
                "Hoàng Văn Tân",
                "",
            ),
        ),
    ];
    for (file, written) in expected {
        let r = office(file);
        assert_eq!(header_of(&r), header_written(written), "{file}");
        assert_eq!(get(&r, "warnings#count"), 0, "{file}");
    }
}

#[test]
fn automatic_numbering_is_written_before_the_paragraph() {
    // The "1.", "a)", "-" of a list live in its definition (numbering.xml, the .doc's
    // list tables, an ODF list style, RTF's \listtext), not in the text.
    for file in [
        "01_so_gddt_ke_hoach_danh_so_tu_dong.doc",
        "01_so_gddt_ke_hoach_danh_so_tu_dong.docx",
        "01_so_gddt_ke_hoach_danh_so_tu_dong.rtf",
    ] {
        // (LibreOffice's .doc gives the second "1." list the first one's list override,
        // so Word too counts its items on as 3. and 4.; those lines are not compared.)
        let t = text(&office(file));
        for line in [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Nâng cao năng lực chuyên môn, nghiệp vụ cho đội ngũ giáo viên tiểu học.",
            "a) Nội dung 1 (40 tiết): hoàn thành trước ngày 30/11/2014;",
            "c) Nội dung 3 (40 tiết): giáo viên tự chọn các mô-đun, trong đó:",
            "- mô-đun bắt buộc về đánh giá học sinh;",
            "- Các trường tiểu học cử giáo viên tham gia đầy đủ./.",
        ] {
            assert!(has_line(&t, line), "{file}: no line {line:?} in\n{t}");
        }
    }
    for file in [
        "05_ubnd_tinh_quyet_dinh_dieu_tu_dong.doc",
        "05_ubnd_tinh_quyet_dinh_dieu_tu_dong.odt",
    ] {
        let t = text(&office(file));
        for line in [
            "1. Học sinh học tại các trường công lập:",
            "a) Khu vực phường: 150.000 đồng/tháng;",
            "b) Khu vực xã: 70.000 đồng/tháng.",
            "2. Học sinh học tại các trường ngoài công lập được hỗ trợ bằng mức của trường công lập cùng khu vực.",
        ] {
            assert!(has_line(&t, line), "{file}: no line {line:?} in\n{t}");
        }
    }
}

#[test]
fn header_cells_merged_across_columns_keep_the_columns() {
    // Word 97 saves a merged cell as one wide cell; the .doc reader pads it by the
    // table's column edges, as the ODF reader does for covered cells.
    for file in [
        "02_ubnd_huyen_bao_cao_o_gop.doc",
        "02_ubnd_huyen_bao_cao_o_gop.odt",
    ] {
        let r = office(file);
        let tables = r["tables"].as_array().expect("tables");
        assert_eq!(tables.len(), 1, "{file}: {tables:?}");
        let header: Vec<&str> = tables[0]["header"]
            .as_array()
            .expect("header")
            .iter()
            .map(|h| h.as_str().unwrap_or(""))
            .collect();
        assert_eq!(
            header,
            [
                "STT",
                "Xã",
                "Tiêu chí đạt / Năm 2015",
                "Tiêu chí đạt / Quý I/2016",
                "Vốn huy động (triệu đồng) / Ngân sách",
                "Vốn huy động (triệu đồng) / Nhân dân"
            ],
            "{file}"
        );
        assert_eq!(tables[0]["rows"][3][4], 20586.0, "{file}");
    }
}

#[test]
fn tracked_deletions_and_comments_are_not_text_but_insertions_are() {
    for file in [
        "03_so_y_te_cong_van_sua_doi.docx",
        "03_so_y_te_cong_van_sua_doi.rtf",
    ] {
        let t = text(&office(file));
        assert!(
            t.contains("từ 06 tháng trở lên, ưu tiên người trên 65 tuổi; hoàn thành trước ngày 20/10/2021."),
            "{file}:\n{t}"
        );
        assert!(t.contains("và có ít nhất 01 kíp cấp cứu."), "{file}");
        for leaked in ["25/10/2021", "chưa tiêm mũi nào", "Đề nghị ghi rõ"] {
            assert!(!t.contains(leaked), "{file}: {leaked:?} leaked");
        }
    }
}

#[test]
fn text_boxes_are_read_where_they_are_anchored() {
    for file in [
        "04_ubnd_tinh_cong_van_hop_chu.docx",
        "04_ubnd_tinh_cong_van_hop_chu.rtf",
    ] {
        let t = text(&office(file));
        assert_eq!(t.trim_start().lines().next(), Some("KHẨN"), "{file}:\n{t}");
        assert!(has_line(&t, "Dấu đỏ"), "{file}");
    }
}

#[test]
fn flat_odf_is_read_by_its_root_not_its_name() {
    let r = office("06_bo_khcn_bao_cao_chu_thich.fodt");
    assert_eq!(get(&r, "source.format"), "odt");
    assert_eq!(r["tables"][0]["rows"][3][0], "Tổng số");
    // The footnote follows the body, not the XML's styles or page footer.
    let t = text(&r);
    assert!(!t.contains("office:"), "{t}");
    assert!(t
        .trim_end()
        .ends_with("chưa gồm đơn nộp trực tuyến chờ xác nhận phí."));

    let r = office("07_so_cong_thuong_bieu_tong_hop.fods");
    assert_eq!(get(&r, "source.format"), "ods");
    assert_eq!(get(&r, "document.signer.name"), "Vũ Đình Thịnh");
    assert_eq!(
        get(&r, "document.issuer.agency.id"),
        "so:cong_thuong@p63-34"
    );
    assert_eq!(
        r["tables"][0]["header"][2],
        "Giá trị (tỷ đồng) / 6 tháng 2022"
    );

    // Whatever the name; the page header in master-styles is skipped; lists numbered.
    let flat = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- saved by hand -->
<o:document xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:s="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:t="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 o:mimetype="application/vnd.oasis.opendocument.text">
<o:automatic-styles><t:list-style s:name="L"><t:list-level-style-number t:level="1" s:num-format="a" s:num-suffix=")"/></t:list-style></o:automatic-styles>
<o:master-styles><s:master-page s:name="Standard"><s:header><t:p>TRANG ĐẦU</t:p></s:header></s:master-page></o:master-styles>
<o:body><o:text><t:p>Yêu cầu:</t:p><t:list t:style-name="L"><t:list-item><t:p>Một;</t:p></t:list-item><t:list-item><t:p>Hai.</t:p></t:list-item></t:list></o:text></o:body>
</o:document>"#;
    let r = record_of_bytes("ban-luu.txt", flat.as_bytes());
    assert_eq!(get(&r, "source.format"), "odt");
    assert_eq!(text(&r).trim_end(), "Yêu cầu:\na) Một;\nb) Hai.");
    // The same root in another namespace is just XML text.
    let other = flat.replace("urn:oasis:names:tc:opendocument:xmlns:office:1.0", "urn:x");
    let r = record_of_bytes("ban-luu.xml", other.as_bytes());
    assert_eq!(get(&r, "source.format"), "text");
}

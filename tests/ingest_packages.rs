//! Ingest of the ZIP-of-XML office formats (.docx, .xlsx, .odt, .ods): small files built
//! here with the `zip` writer, malformed and hostile archives, and one công văn end to end.

use std::io::{Cursor, Write};
use vanban::ingest::{self, ByteEncoding, Format};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, data) in parts {
        writer.start_file(*name, options).expect("start part");
        writer.write_all(data).expect("write part");
    }
    writer.finish().expect("finish zip").into_inner()
}

/// A .docx whose body is `body` (WordprocessingML), with extra parts.
pub fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"{W}\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
    ];
    parts.extend(extra.iter().map(|(n, d)| (*n, d.as_bytes())));
    zip_of(&parts)
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<w:tc><w:tcPr/>{}</w:tc>", p(c)))
        .collect();
    format!("<w:tr>{cells}</w:tr>")
}

#[test]
fn docx_paragraphs_tabs_breaks_tables_and_headers() {
    let body = format!(
        "{}\
         <w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
           <w:r><w:t>Số: 12</w:t><w:tab/><w:t>Hà Nội</w:t><w:br/><w:t>dòng hai</w:t></w:r></w:p>\
         <w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
           <w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>7</w:t></w:r>\
           <w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del></w:p>\
         <w:tbl>{}{}\
           <w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc>\
           <w:tc>{}</w:tc></w:tr></w:tbl>\
         <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>{}\
           </w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}\
           </w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>\
           <w:r><w:t>sau hộp</w:t></w:r></w:p>\
         <w:p/>{}",
        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        row(&["STT", "Nội dung", "Ghi chú"]),
        row(&["1", "Kiểm tra", ""]),
        p("Tổng"),
        p("5"),
        p("trong hộp"),
        p("trong hộp"),
        p("Kết thúc"),
    );
    let header = format!("<w:hdr xmlns:w=\"{W}\">{}</w:hdr>", p("Đầu trang"));
    let bytes = docx(
        &body,
        &[
            ("word/header1.xml", &header),
            ("word/header2.xml", &header),
            (
                "word/footer1.xml",
                &format!("<w:ftr xmlns:w=\"{W}\"><w:p/></w:ftr>"),
            ),
        ],
    );
    // Found by content whatever the name says.
    let raw = ingest::read_bytes("van-ban.bin", &bytes).expect("docx reads");
    assert_eq!(raw.format, Format::Docx);
    assert_eq!(raw.byte_encoding, ByteEncoding::Unicode);
    assert_eq!(
        raw.text,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: 12\tHà Nội\ndòng hai\n\
         7\n\
         STT\tNội dung\tGhi chú\n\
         1\tKiểm tra\n\
         Tổng\t\t5\n\
         trong hộp\nsau hộp\n\
         \n\
         Kết thúc\n\
         \n\
         Đầu trang\n"
    );
    assert!(
        raw.notes
            .iter()
            .any(|n| n == "docx: headers and footers appended after the body"),
        "{:?}",
        raw.notes
    );
}

#[test]
fn docx_in_a_legacy_font_is_left_for_the_legacy_pass() {
    // Word keeps .VnTime text as the Windows-1252 characters of its TCVN3 bytes:
    // "Céng hoµ" is TCVN3 for "Cộng hòa".
    let body = "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr>\
                <w:t>C\u{e9}ng ho\u{b5} x\u{b7} h\u{e9}i</w:t></w:r></w:p>";
    let bytes = docx(body, &[]);
    let raw = ingest::read_bytes("tcvn3.docx", &bytes).expect("docx reads");
    assert_eq!(raw.text, "C\u{e9}ng ho\u{b5} x\u{b7} h\u{e9}i\n");
    assert_eq!(raw.byte_encoding, ByteEncoding::SingleByte);
    let ctx = vanban::Context::builtin().expect("rules");
    let record = vanban::process_bytes("tcvn3.docx", &bytes, &ctx).expect("processed");
    let json = serde_json::to_value(record).expect("serializes");
    // Converted from TCVN3 by repair::legacy ("hoà" then gets the default tone style).
    assert_eq!(json["text"], "Cộng hòa xã hội\n", "{json}");
    assert_eq!(json["source"]["encoding"]["encoding"], "tcvn3");
}

#[test]
fn a_file_without_text_is_an_error_record() {
    let err = ingest::read_bytes("empty.docx", &docx("", &[])).expect_err("no text");
    assert_eq!(err.message, "docx: no text found");
    let err = ingest::read_bytes("empty.pdf", b"").expect_err("0 bytes");
    assert_eq!(err.message, "empty file: 0 bytes");
    let err = ingest::read_bytes("blank.txt", b"  \r\n\t\n").expect_err("blank");
    assert!(
        err.message.starts_with("text: no text found"),
        "{}",
        err.message
    );
    let err = ingest::read_bytes("blank.html", b"<html><body> </body></html>").expect_err("blank");
    assert!(
        err.message.starts_with("html: no text found"),
        "{}",
        err.message
    );
}

#[test]
fn xlsx_sheets_shared_and_inline_strings_numbers_and_dates() {
    let workbook = "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
        <sheets><sheet name=\"Báo cáo\" sheetId=\"1\" r:id=\"rId2\"/>\
        <sheet name=\"Trống\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
    let rels = "<Relationships>\
        <Relationship Id=\"rId1\" Target=\"worksheets/sheet2.xml\"/>\
        <Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>";
    let shared = "<sst><si><t>STT</t></si><si><r><t>Đơn </t></r><r><t>vị</t></r>\
        <rPh><t>ふりがな</t></rPh></si><si><t>Hà Nội</t></si></sst>";
    let styles =
        "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>\
        <cellStyleXfs><xf numFmtId=\"0\"/></cellStyleXfs>\
        <cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
    let sheet1 = "<worksheet><sheetData>\
        <row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>\
        <row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>Tab\there</t></is></c>\
          <c r=\"C3\"><v>1250000.5</v></c><c r=\"D3\" s=\"1\"><v>43895</v></c></row>\
        <row><c t=\"s\"><v>2</v></c><c t=\"b\"><v>1</v></c><c t=\"str\"><f>A1</f><v>x</v></c>\
          <c r=\"D4\" s=\"1\"/></row>\
        </sheetData></worksheet>";
    let sheet2 = "<worksheet><sheetData/></worksheet>";
    let bytes = zip_of(&[
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/sharedStrings.xml", shared.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet1.as_bytes()),
        ("xl/worksheets/sheet2.xml", sheet2.as_bytes()),
    ]);
    let raw = ingest::read_bytes("bang.xlsx", &bytes).expect("xlsx reads");
    assert_eq!(raw.format, Format::Xlsx);
    assert_eq!(
        raw.text,
        "=== Báo cáo ===\n\
         STT\t\tĐơn vị\t\n\
         \t\t\t\n\
         1\tTab here\t1250000.5\t05/03/2020\n\
         Hà Nội\tTRUE\tx\t\n\
         \x0C=== Trống ===\n"
    );
    assert_eq!(raw.byte_encoding, ByteEncoding::Unicode);
}

const ODF_NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
    xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
    xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"";

fn odf(kind: &str, body: &str) -> Vec<u8> {
    let content = format!(
        "<office:document-content {ODF_NS}><office:body><office:{kind}>{body}\
         </office:{kind}></office:body></office:document-content>"
    );
    let mimetype = format!("application/vnd.oasis.opendocument.{kind}");
    zip_of(&[
        ("mimetype", mimetype.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

#[test]
fn odt_spaces_tabs_breaks_tables_and_notes() {
    let body = "<text:h text:outline-level=\"1\">QUYẾT ĐỊNH</text:h>\
        <text:p>Điều<text:s text:c=\"3\"/>1.<text:tab/>Phạm vi<text:line-break/>dòng\n hai\
          <text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>\
          <text:note-body><text:p>Chú thích.</text:p></text:note-body></text:note></text:p>\
        <office:annotation><text:p>bình luận</text:p></office:annotation>\
        <table:table table:name=\"B1\"><table:table-row>\
          <table:table-cell><text:p>STT</text:p></table:table-cell>\
          <table:table-cell table:number-columns-repeated=\"2\"/>\
          <table:table-cell><text:p>Ghi</text:p><text:p>chú</text:p></table:table-cell>\
          <table:table-cell table:number-columns-repeated=\"1000000\"/>\
        </table:table-row></table:table>\
        <text:p>Hết</text:p>";
    let raw = ingest::read_bytes("qd.odt", &odf("text", body)).expect("odt reads");
    assert_eq!(raw.format, Format::Odt);
    assert_eq!(
        raw.text,
        "QUYẾT ĐỊNH\nĐiều   1.\tPhạm vi\ndòng  hai\nSTT\t\t\tGhi\nchú\nHết\n\nChú thích.\n"
    );
}

#[test]
fn ods_repeated_rows_and_cells_are_expanded_only_when_filled() {
    let body = "<table:table table:name=\"Tổng hợp\">\
        <table:table-column table:number-columns-repeated=\"1024\"/>\
        <table:table-row><table:table-cell><text:p>Đơn vị</text:p></table:table-cell>\
          <table:table-cell table:number-columns-repeated=\"2\"><text:p>0</text:p></table:table-cell>\
          <table:table-cell table:number-columns-repeated=\"1021\"/></table:table-row>\
        <table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
        <table:table-row table:number-rows-repeated=\"2\"><table:table-cell/><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>\
        <table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
        </table:table><table:table table:name=\"Hai\"/>";
    let raw = ingest::read_bytes("th.ods", &odf("spreadsheet", body)).expect("ods reads");
    assert_eq!(raw.format, Format::Ods);
    assert_eq!(
        raw.text,
        "=== Tổng hợp ===\nĐơn vị\t0\t0\n\t\t\n\t\t\n\tx\t\n\tx\t\n\x0C=== Hai ===\n"
    );
}

#[test]
fn broken_and_foreign_zips_give_error_records() {
    let mut corrupt = docx(&p("Số: 1"), &[]);
    let half = corrupt.len() / 2;
    corrupt.truncate(half);
    let err = ingest::read_bytes("cut.docx", &corrupt).expect_err("truncated zip");
    assert!(
        err.message.contains("not a readable ZIP"),
        "{}",
        err.message
    );
    assert_eq!(err.stage, vanban::error::Stage::Ingest);

    let foreign = zip_of(&[("anh.png", b"\x89PNG"), ("ghi-chu.txt", b"hello")]);
    let err = ingest::read_bytes("goi.zip", &foreign).expect_err("not an office zip");
    assert!(
        err.message.contains("not an office document"),
        "{}",
        err.message
    );

    // Right parts, broken XML inside.
    let bad_xml = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p")]);
    let err = ingest::read_bytes("bad.docx", &bad_xml).expect_err("broken XML");
    assert!(
        err.message.starts_with("docx: word/document.xml"),
        "{}",
        err.message
    );
}

#[test]
fn a_part_that_inflates_past_the_cap_is_refused() {
    use vanban::ingest::office::package::MAX_PART_BYTES;
    // Empty elements only, so parsing stays cheap; it compresses about 1000:1.
    let element = "<w:sectPr/>";
    let count = (MAX_PART_BYTES as usize) / element.len() + 1;
    let mut document = String::with_capacity(count * element.len() + 100);
    document.push_str("<w:document><w:body>");
    for _ in 0..count {
        document.push_str(element);
    }
    document.push_str("</w:body></w:document>");
    let bytes = zip_of(&[("word/document.xml", document.as_bytes())]);
    drop(document);
    assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
    let err = ingest::read_bytes("bomb.docx", &bytes).expect_err("over the cap");
    assert!(err.message.contains("over the limit"), "{}", err.message);
}

/// A công văn saved from Word: the usual two-column header table, then the body.
#[test]
fn cong_van_docx_end_to_end() {
    let header = format!(
        "<w:tbl><w:tr><w:tc>{}{}{}</w:tc><w:tc>{}{}{}</w:tc></w:tr></w:tbl>",
        p("ỦY BAN NHÂN DÂN"),
        p("TỈNH BẮC NINH"),
        p("Số: 12/UBND-VP"),
        p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        p("Độc lập - Tự do - Hạnh phúc"),
        p("Bắc Ninh, ngày 5 tháng 3 năm 2020"),
    );
    let body = format!(
        "{header}{}{}{}{}",
        p("V/v kiểm tra công tác phòng cháy"),
        p("Kính gửi: Sở Công Thương"),
        p("Ủy ban nhân dân tỉnh đề nghị Sở Công Thương kiểm tra công tác phòng cháy."),
        p("CHỦ TỊCH"),
    );
    let ctx = vanban::Context::builtin().expect("rules");
    let record =
        vanban::process_bytes("cong-van.docx", &docx(&body, &[]), &ctx).expect("processed");
    let json = serde_json::to_value(record).expect("serializes");
    let get = |path: &str| crate::common::lookup(&json, path).unwrap_or_default();
    assert_eq!(get("source.format"), "docx");
    assert_eq!(get("document.number.normalized"), "12/UBND-VP");
    assert_eq!(get("document.date.iso"), "2020-03-05");
    assert_eq!(get("document.type.id"), "cong_van");
    assert_eq!(get("document.place"), "Bắc Ninh");
}

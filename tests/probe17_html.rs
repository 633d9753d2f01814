//! Probe 17 (fixtures/probe17): official documents saved as web pages from portals and
//! legal-text sites (the site's banner, menus, breadcrumb and metadata box around the text;
//! header and signature as two-column tables or floated divs; Word's "Save as Web Page").
//! Made-up text, one class per test.

use crate::common::{field as get, record_of_text};
use serde_json::Value as Json;
use vanban::ingest::html::to_text;

/// The record of a small made-up page, read as HTML.
fn page(html: &str) -> Json {
    let ctx = vanban::Context::builtin().expect("rules load");
    let rec = vanban::process_bytes("page.html", html.as_bytes(), &ctx).expect("processed");
    serde_json::to_value(rec).expect("serializes")
}

fn text(r: &Json) -> String {
    get(r, "text").as_str().unwrap_or("").to_string()
}

#[test]
fn the_page_above_the_header_table_is_no_part_of_the_document() {
    // The site's name, a menu and breadcrumb in divs no class marks as chrome, the page
    // title, and a legal site's metadata box: the document starts at its header table.
    let html = "<html><body><div class=\"top\">CỔNG THÔNG TIN ĐIỆN TỬ<br>SỞ TÀI CHÍNH TỈNH BẮC KẠN</div>\
        <div class=\"path\">Trang chủ &gt; Văn bản &gt; Công văn</div>\
        <h1>Công văn 77/STC-QLNS về quyết toán năm 2018</h1>\
        <table border=1><tr><td>Số hiệu:</td><td>77/STC-QLNS</td><td>Người ký:</td><td>Hà Minh Tâm</td></tr></table>\
        <table><tr><td>UBND TỈNH BẮC KẠN<br><b>SỞ TÀI CHÍNH</b></td>\
        <td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>\
        <tr><td>Số: 77/STC-QLNS<br>V/v quyết toán ngân sách năm 2018</td>\
        <td><i>Bắc Kạn, ngày 15 tháng 1 năm 2019</i></td></tr></table>\
        <p>Kính gửi: Ủy ban nhân dân các huyện, thành phố.</p>\
        <p>Sở Tài chính đề nghị các đơn vị gửi báo cáo quyết toán trước ngày 28/02/2019./.</p>\
        </body></html>";
    let r = page(html);
    assert_eq!(get(&r, "document.issuer.name"), "SỞ TÀI CHÍNH");
    assert_eq!(get(&r, "document.issuer.parent"), "UBND TỈNH BẮC KẠN");
    assert_eq!(get(&r, "document.number.normalized"), "77/STC-QLNS");
    let t = text(&r);
    assert!(t.starts_with("UBND TỈNH BẮC KẠN\n"), "{t}");
    for gone in ["CỔNG THÔNG TIN", "Trang chủ", "Số hiệu", "Người ký"] {
        assert!(!t.contains(gone), "{gone} in {t}");
    }
    assert!(t.contains("trước ngày 28/02/2019./."));
    // A banner sentence naming the country is no header: the cut is still at the table.
    let banner = html.replace(
        "CỔNG THÔNG TIN ĐIỆN TỬ<br>",
        "CỔNG THÔNG TIN ĐIỆN TỬ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>",
    );
    assert!(to_text(&banner).starts_with("UBND TỈNH BẮC KẠN\n"));
    // A header written as plain paragraphs of the page has no block of its own: nothing
    // is cut.
    let plain = "<body><p>Trang chủ &gt; Văn bản</p><p>UBND TỈNH BẮC KẠN</p><p>SỞ TÀI CHÍNH</p>\
        <p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Số: 77/STC-QLNS</p></body>";
    assert!(to_text(plain).starts_with("Trang chủ > Văn bản\n"));
}

#[test]
fn a_header_in_floated_divs_or_a_party_header_starts_the_document_too() {
    // A 2025 commune's page: the header's columns are divs in a row div, under the site's
    // name.
    let html = "<body><div class=\"site\">TRANG THÔNG TIN ĐIỆN TỬ XÃ TÂN KỲ</div>\
        <div class=\"row\"><div class=\"col\"><div>ỦY BAN NHÂN DÂN</div><div>XÃ TÂN KỲ</div>\
        <div>Số: 31/UBND-VP</div></div><div class=\"col\"><div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>\
        <div>Độc lập - Tự do - Hạnh phúc</div><div>Tân Kỳ, ngày 4 tháng 8 năm 2025</div></div></div>\
        <div>Kính gửi: Các thôn, khối.</div></body>";
    let r = page(html);
    assert_eq!(get(&r, "document.issuer.name"), "ỦY BAN NHÂN DÂN XÃ TÂN KỲ");
    assert_eq!(get(&r, "document.issuer.parent"), Json::Null);
    assert!(!text(&r).contains("TRANG THÔNG TIN"));
    // A Party committee's header on its news site.
    let html = "<body><h2>BÁO ĐIỆN TỬ ĐẢNG BỘ HUYỆN CẨM XUYÊN</h2>\
        <table><tr><td>ĐẢNG BỘ TỈNH HÀ TĨNH<br>HUYỆN ỦY CẨM XUYÊN<br>*<br>Số 40-TB/HU</td>\
        <td><u>ĐẢNG CỘNG SẢN VIỆT NAM</u><br>Cẩm Xuyên, ngày 2 tháng 4 năm 2019</td></tr></table>\
        <p>THÔNG BÁO</p><p>Về lịch làm việc tháng 4 năm 2019</p></body>";
    let r = page(html);
    assert_eq!(get(&r, "document.issuer.name"), "HUYỆN ỦY CẨM XUYÊN");
    assert_eq!(get(&r, "document.issuer.parent"), "ĐẢNG BỘ TỈNH HÀ TĨNH");
}

#[test]
fn paragraphs_in_a_box_cell_are_lines_of_the_cell() {
    // Word's "Save as Web Page" puts each line of a header cell in a <p class=MsoNormal>,
    // empty ones as <o:p>&nbsp;</o:p>: the cell is written as the office readers write
    // one, its lines apart by one break, the next cell after a tab.
    let html = "<table><tr><td><p class=MsoNormal>UỶ BAN NHÂN DÂN<o:p></o:p></p>\
        <p class=MsoNormal><b>HUYỆN TÂN K</b><b>Ỳ<o:p></o:p></b></p>\
        <p class=MsoNormal><o:p>&nbsp;</o:p></p></td>\
        <td><p class=MsoNormal><b>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>\
        <p class=MsoNormal>Độc lập - Tự do - Hạnh phúc</p></td></tr></table>";
    assert_eq!(
        to_text(html),
        "UỶ BAN NHÂN DÂN\nHUYỆN TÂN KỲ\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    );
    let r = page(&format!(
        "{html}<p>KẾ HOẠCH</p><p>Trồng rừng năm 2013</p><p>Số: 12/KH-UBND</p>"
    ));
    assert_eq!(
        get(&r, "document.issuer.name"),
        "ỦY BAN NHÂN DÂN HUYỆN TÂN KỲ"
    );
    assert_eq!(get(&r, "document.issuer.agency.id"), "ubnd@d63-423");
}

#[test]
fn a_layout_cell_around_the_document_keeps_its_paragraphs_apart() {
    // An old portal wraps the whole document in one cell of its layout table: that cell
    // is no box, its paragraphs stay apart and the subject ends at its own paragraph.
    let html = "<table width=760><tr><td>\
        <table><tr><td>UBND TỈNH THANH HÓA<br>SỞ Y TẾ</td>\
        <td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr>\
        <tr><td>Số: 9/TB-SYT</td><td>Thanh Hóa, ngày 2 tháng 3 năm 2011</td></tr></table>\
        <p><b>THÔNG BÁO</b><br><b>Lịch giao ban tháng 3 năm 2011</b></p>\
        <p>Sở Y tế thông báo lịch giao ban như sau: sáng thứ Hai hằng tuần tại phòng họp số 2.</p>\
        <p>Các đơn vị biết, thực hiện./.</p></td></tr></table>";
    let r = page(html);
    assert_eq!(
        get(&r, "document.subject"),
        "Lịch giao ban tháng 3 năm 2011"
    );
    assert!(text(&r).contains("tháng 3 năm 2011\n\nSở Y tế thông báo"));
}

#[test]
fn a_second_authority_line_beside_the_copy_list_is_read() {
    // The signature cell beside "Nơi nhận" as the office and HTML readers write it: its
    // first line after the list's last item and a tab, the rest on lines of their own.
    let r = record_of_text(
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: 18/QĐ-UBND\tNghệ An, ngày 5 tháng 1 năm 2016\n\nQUYẾT ĐỊNH\n\nVề việc thành lập Tổ công tác\n\n\
         Điều 1. Thành lập Tổ công tác.\n\n\
         Nơi nhận:\n- Như Điều 1;\n- Lưu: VT.\tTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Quốc Bảo\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Trần Quốc Bảo");
    assert_eq!(get(&r, "document.signer.title"), "PHÓ CHỦ TỊCH");
    assert_eq!(
        get(&r, "document.signer.authority"),
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    );
    assert_eq!(get(&r, "document.signer.authority_code"), "KT");
}

#[test]
fn a_portal_s_footer_below_the_signature_goes_and_the_signer_stays() {
    // Share words, a "Văn bản liên quan" list, then the site's name, its address and
    // copyright; the signer's name sits just above the related list.
    let html = "<table><tr><td>UBND TỈNH LÀO CAI<br>SỞ NỘI VỤ<br>Số: 5/TB-SNV</td>\
        <td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>\
        Lào Cai, ngày 3 tháng 2 năm 2026</td></tr></table>\
        <p>THÔNG BÁO</p><p>Lịch tiếp công dân tháng 2 năm 2026</p>\
        <p>Giám đốc Sở tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở Sở.</p>\
        <table><tr><td>Nơi nhận:<br>- Các phòng;<br>- Lưu: VT.</td>\
        <td>GIÁM ĐỐC<br><br><br>Nông Văn Chiến</td></tr></table>\
        <div>File đính kèm: <a href=\"/f/5.pdf\">tb5-snv.pdf</a> (88 KB)</div>\
        <p>Chia sẻ: Facebook Zalo Email In trang</p>\
        <p>Văn bản liên quan</p><p>Quyết định 412/QĐ-UBND năm 2026 giao biên chế</p>\
        <p>SỞ NỘI VỤ TỈNH LÀO CAI</p>\
        <p>Địa chỉ: Đại lộ Trần Hưng Đạo, tỉnh Lào Cai - Điện thoại: 0214 3840 111</p>\
        <p>Bản quyền © 2026 Sở Nội vụ tỉnh Lào Cai. Ghi rõ nguồn khi phát hành lại thông tin.</p>";
    let r = page(html);
    assert_eq!(get(&r, "document.signer.name"), "Nông Văn Chiến");
    let t = text(&r);
    assert!(t.trim_end().ends_with("Nông Văn Chiến"), "{t}");
    assert_eq!(
        get(&r, "references").as_array().map(Vec::len),
        Some(0),
        "the related list gives no reference"
    );
    // A paragraph of the document that opens with "Bản quyền" is no footer.
    let own = html.replace(
        "<p>Giám đốc Sở",
        "<p>Bản quyền tác giả được bảo hộ theo Luật Sở hữu trí tuệ.</p><p>Giám đốc Sở",
    );
    assert!(text(&page(&own)).contains("Bản quyền tác giả được bảo hộ"));
}

#[test]
fn a_line_with_unicode_letters_is_never_read_as_viqr() {
    // VIQR is ASCII: "Lào Cai." beside a © once became "Lào Caị".
    let r = record_of_text(
        "Thông báo của Sở.\n\nBản quyền © 2026 Sở Nội vụ tỉnh Lào Cai. Ghi rõ nguồn khi đăng lại.\n",
    );
    assert!(text(&r).contains("tỉnh Lào Cai. Ghi rõ"), "{}", text(&r));
    // A VIQR line is still read as VIQR.
    let r = record_of_text("Ta.i Ha` No^.i, nga`y 5 tha'ng 3 na(m 2001\n");
    assert!(text(&r).contains("Hà Nội"), "{}", text(&r));
}

#[test]
fn a_page_declaring_windows_1258_is_read_as_it_says_and_cut_at_its_header() {
    // Windows-1258 writes most marks as combining bytes after the letter ("Ô" 0xD4 then the
    // dot below 0xF2); read as such, the motto is found and the site's banner goes.
    use unicode_normalization::UnicodeNormalization;
    // Each letter as the code page has it, else its tone split off as a combining mark.
    let cp1258 = |s: &str| -> Vec<u8> {
        let mut written = String::new();
        for c in s.chars() {
            let one = c.to_string();
            if !encoding_rs::WINDOWS_1258.encode(&one).2 {
                written.push(c);
                continue;
            }
            let is_tone =
                |m: char| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
            written.extend(one.nfd().filter(|&m| !is_tone(m)).nfc());
            written.extend(one.nfd().filter(|&m| is_tone(m)));
        }
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&written);
        assert!(!unmappable, "{s}");
        bytes.into_owned()
    };
    let body = "<table><tr><td>SỞ Y TẾ THANH HÓA - TRANG THÔNG TIN ĐIỆN TỬ</td></tr></table>\
        <table><tr><td>UBND TỈNH THANH HÓA<br>SỞ Y TẾ</td>\
        <td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr>\
        <tr><td>Số: 57/TB-SYT</td><td>Thanh Hóa, ngày 24 tháng 3 năm 2011</td></tr></table>\
        <p>THÔNG BÁO</p><p>Kết luận giao ban tháng 3 năm 2011.</p></body></html>";
    let declared = |charset: &str| {
        let mut bytes = format!(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\"></head><body>"
        )
        .into_bytes();
        bytes.extend(cp1258(body));
        bytes
    };
    let ctx = vanban::Context::builtin().expect("rules load");
    let read = |bytes: &[u8]| {
        let rec = vanban::process_bytes("page.html", bytes, &ctx).expect("processed");
        serde_json::to_value(rec).expect("serializes")
    };
    let r = read(&declared("windows-1258"));
    let t = text(&r);
    assert!(t.starts_with("UBND TỈNH THANH HÓA\n"), "{t}");
    assert!(!t.contains("TRANG THÔNG TIN"), "{t}");
    assert_eq!(get(&r, "source.encoding.encoding"), "windows-1258");
    assert_eq!(get(&r, "document.number.normalized"), "57/TB-SYT");
    // Declared otherwise (legacy-font pages say windows-1252), the bytes are left to the
    // legacy pass, which still reads them, banner and all.
    let r = read(&declared("windows-1252"));
    assert!(text(&r).contains("TRANG THÔNG TIN"), "{}", text(&r));
    assert_eq!(get(&r, "document.number.normalized"), "57/TB-SYT");
}

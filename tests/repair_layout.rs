//! Repair passes 2 (unicode) and 3 (layout) and HTML ingest, on small synthetic fixtures
//! in fixtures/layout/ and, when `../shared` is present, on the seed documents.

use crate::common;
use proptest::prelude::*;
use vanban::ingest::{self, Format};
use vanban::repair::{self, layout, unicode, Pass, RepairOptions, ToneStyle};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::repo().join("fixtures/layout").join(name)).expect("fixture exists")
}

/// Runs ingest and the repair passes (without the language-model restorer).
fn repaired(name: &str, bytes: &[u8], tone_style: ToneStyle) -> repair::Repaired {
    let raw = ingest::read_bytes(name, bytes).expect("ingest");
    let opts = RepairOptions {
        tone_style,
        no_restore: true,
        ..RepairOptions::default()
    };
    let r = repair::run(&raw, &opts);
    for p in &r.passes {
        assert_valid_edits(p);
    }
    r
}

fn text_of(name: &str) -> String {
    repaired(name, &fixture(name), ToneStyle::Modern).text
}

fn layout_pass(r: &repair::Repaired) -> &Pass {
    r.passes
        .iter()
        .find(|p| p.name == "layout")
        .expect("layout pass")
}

fn lines(t: &str) -> Vec<&str> {
    t.lines().map(str::trim).collect()
}

/// Edits are sorted, disjoint, on char boundaries, and rebuild the output from the input.
fn assert_valid_edits(p: &Pass) {
    let mut rebuilt = String::new();
    let (mut src_pos, mut dst_pos) = (0, 0);
    for e in &p.edits {
        assert!(
            e.src.start >= src_pos && e.src.start <= e.src.end,
            "{}: order",
            p.name
        );
        assert!(
            e.dst.start >= dst_pos && e.dst.start <= e.dst.end,
            "{}: order",
            p.name
        );
        assert!(p.input.is_char_boundary(e.src.start) && p.input.is_char_boundary(e.src.end));
        assert!(p.text.is_char_boundary(e.dst.start) && p.text.is_char_boundary(e.dst.end));
        assert_eq!(
            e.dst.start - dst_pos,
            e.src.start - src_pos,
            "{}: gap",
            p.name
        );
        rebuilt.push_str(&p.input[src_pos..e.src.start]);
        rebuilt.push_str(&p.text[e.dst.clone()]);
        src_pos = e.src.end;
        dst_pos = e.dst.end;
    }
    rebuilt.push_str(&p.input[src_pos..]);
    assert_eq!(
        rebuilt, p.text,
        "{}: edits do not rebuild the output",
        p.name
    );
}

#[test]
fn hard_wrapped_pdf_paragraph_is_joined() {
    let t = text_of("wrapped_pdf.txt");
    assert!(
        t.contains("tổng hợp kết quả sản xuất nông nghiệp, Sở Nông nghiệp báo cáo tình hình thực hiện kế hoạch vụ đông xuân"),
        "{t}"
    );
    assert!(t.contains("áp dụng tiến bộ khoa học kỹ thuật vào sản xuất để nâng cao"));
}

#[test]
fn space_aligned_table_rows_stay_apart_in_wrapped_text() {
    // PDF text wrapped at about 84 characters; the table's header is as wide as a full
    // line and its gaps narrower than a two-column line's, so only its being a row of an
    // aligned table keeps it off the sentence above and the first row below.
    let prose = "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2025 của Ủy ban nhân dân huyện về việc \n\
                 hỗ trợ hộ nghèo, hộ cận nghèo năm 2025, Phòng Lao động - Thương binh và Xã hội báo \n\
                 cáo kết quả thực hiện 6 tháng đầu năm 2025 như sau. Trong 6 tháng đầu năm, các xã \n\
                 đã rà soát và lập danh sách các hộ nghèo, hộ cận nghèo cần hỗ trợ về nhà ở, sinh kế \n\
                 và học nghề; kết quả hỗ trợ của từng xã được tổng hợp tại bảng dưới đây, theo số \n\
                 liệu do Ủy ban nhân dân các xã báo cáo đến ngày 15 tháng 6 năm 2025 cho phòng này \n\
                 Kết quả hỗ trợ hộ nghèo của các xã trong 6 tháng đầu năm 2025 được tổng hợp dưới \n";
    let table = "STT  Tên xã  Số hộ nghèo  Số hộ được hỗ trợ  Kinh phí (triệu đồng)  Ghi chú\n\
                 1     Xã Bình Minh      120             95                    1.250\n\
                 2     Xã Cao Viên       85              70                    980\n\
                 Trong thời gian tới, Phòng tiếp tục phối hợp với các xã rà soát, hỗ trợ các \n\
                 hộ còn lại theo đúng kế hoạch của Ủy ban nhân dân huyện.\n";
    let text = format!("{prose}{table}");
    let p = layout::repair(&text, Format::Pdf);
    assert_valid_edits(&p);
    let l = lines(&p.text);
    for want in [
        "STT  Tên xã  Số hộ nghèo  Số hộ được hỗ trợ  Kinh phí (triệu đồng)  Ghi chú",
        "1     Xã Bình Minh      120             95                    1.250",
        "2     Xã Cao Viên       85              70                    980",
    ] {
        assert!(l.contains(&want), "missing row {want:?} in\n{}", p.text);
    }
    // The wrapped sentences around the table are still joined.
    assert!(p.text.contains("báo cáo kết quả thực hiện"), "{}", p.text);
    assert!(
        p.text.contains("rà soát, hỗ trợ các hộ còn lại"),
        "{}",
        p.text
    );
}

#[test]
fn list_items_headings_and_header_lines_stay_apart() {
    let t = text_of("wrapped_pdf.txt");
    let l = lines(&t);
    for want in [
        "UBND TỈNH BÌNH AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 125/SNN-KH",
        "Bình An, ngày 05 tháng 3 năm 2023",
        "V/v báo cáo kết quả sản xuất vụ đông xuân",
        "Kính gửi: Ủy ban nhân dân tỉnh Bình An",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. PHƯƠNG HƯỚNG NHIỆM VỤ",
        "- Huyện Đông Sơn: 320 ha;",
        "- Huyện Tây Sơn: 280 ha;",
        "Nơi nhận:",
        "- Như trên;",
        "KT. GIÁM ĐỐC",
        "Nguyễn Văn An",
    ] {
        assert!(l.contains(&want), "missing line {want:?} in\n{t}");
    }
}

#[test]
fn footnote_is_marked_and_moved_page_furniture_dropped() {
    let r = repaired(
        "wrapped_pdf.txt",
        &fixture("wrapped_pdf.txt"),
        ToneStyle::Modern,
    );
    let t = &r.text;
    assert!(t.contains("cao nhất từ trước đến[^1]. Các huyện"), "{t}");
    let body = "[^1]: Theo số liệu của Cục Thống kê tỉnh công bố tháng 02 năm 2023 và được Sở tổng hợp lại.";
    assert!(t.trim_end().ends_with(body), "{t}");
    // The footnote no longer cuts its paragraph, which runs on across the page break.
    assert!(
        t.contains("khoảng 850 ha và  cho thu nhập bình quân"),
        "{t}"
    );
    // Page numbers 2, 3, 4 and the running header are gone.
    assert!(
        !lines(t).iter().any(|l| matches!(*l, "2" | "3" | "4")),
        "{t}"
    );
    assert!(
        !t.contains("Báo cáo tình hình sản xuất nông nghiệp tỉnh Bình An"),
        "{t}"
    );
    let notes = &layout_pass(&r).notes;
    for kind in [
        "footnote moved to end: 1",
        "page number dropped: 3",
        "running header/footer dropped: 3",
    ] {
        assert!(notes.iter().any(|n| n == kind), "{kind} not in {notes:?}");
    }
}

#[test]
fn superscript_footnotes_leave_the_text_and_the_page_rejoins() {
    let text = "BÁO CÁO\nTổng kết năm học 2002 - 2003\n\n\
        Thực hiện Chỉ thị số 15/2002/CT-BGD&ĐT về cuộc vận động chống tiêu\n\
        cực trong giáo dục¹ và hướng dẫn nhiệm vụ năm học của Sở, phòng đã\n\
        triển khai đến tất cả các trường học trên địa bàn toàn huyện. Tổng\n\
        diện tích phòng học mới xây là 420 m², tỷ lệ học sinh tốt nghiệp\n\
        trung học cơ sở đạt 96,4%, tăng 1,2% so với năm học trước; có\n\n\
        ____________\n\
        ¹ Chỉ thị này được triển khai trong toàn ngành từ học kỳ II năm học\n\
        2001 - 2002.\n\n\
                                 - 2 -\n\n\
        312 học sinh đạt giải học sinh giỏi cấp huyện và 41 học sinh đạt giải\n\
        cấp tỉnh, tăng 6 giải so với năm học 2001 - 2002 của toàn huyện.\n\n\
        Nơi nhận:\n- Lưu VP.\n";
    let r = repaired("notes.txt", text.as_bytes(), ToneStyle::Modern);
    let t = &r.text;
    assert!(t.contains("trong giáo dục[^1] và"), "{t}");
    assert!(t.contains("420 m², tỷ lệ"), "{t}");
    assert!(t.contains("so với năm học trước; có 312 học sinh"), "{t}");
    assert!(
        t.trim_end().ends_with(
            "[^1]: Chỉ thị này được triển khai trong toàn ngành từ học kỳ II năm học 2001 - 2002."
        ),
        "{t}"
    );
    assert!(t.contains("Nơi nhận:\n- Lưu VP."), "{t}");
}

#[test]
fn news_text_boilerplate_is_dropped_article_kept() {
    let r = repaired("news.txt", &fixture("news.txt"), ToneStyle::Modern);
    let t = &r.text;
    for gone in [
        "Giá phân bón tăng cao",
        "Chia sẻ Facebook",
        "Trần Minh",
        "Tin liên quan",
        "sàn thương mại điện tử",
        "Xem thêm",
        "Phiên bản di động",
    ] {
        assert!(!t.contains(gone), "{gone:?} still in\n{t}");
    }
    assert_eq!(
        t.matches("Tỉnh Bình An đẩy mạnh chuyển đổi số").count(),
        1,
        "{t}"
    );
    for kept in [
        "với sự tham gia của hơn 200 đại biểu.",
        "Đại biểu tham quan gian hàng giới thiệu sản phẩm nông nghiệp số.",
        "ký kết hợp tác với các hợp tác xã trên địa bàn.",
    ] {
        assert!(t.contains(kept), "{kept:?} lost from\n{t}");
    }
}

#[test]
fn html_page_becomes_article_text() {
    let r = repaired("news.html", &fixture("news.html"), ToneStyle::Modern);
    assert_eq!(r.format, Format::Html);
    let t = &r.text;
    for gone in [
        "Trang chủ",
        "window.ads",
        "Chia sẻ",
        "Tin liên quan",
        "Đọc nhiều",
        "Tin khác",
        "Bản quyền",
        "<p>",
    ] {
        assert!(!t.contains(gone), "{gone:?} still in\n{t}");
    }
    let l = lines(t);
    assert_eq!(
        l[0],
        "Tỉnh Bình An đẩy mạnh chuyển đổi số trong nông nghiệp"
    );
    // Entities decoded, NBSP made a plain space by the unicode pass.
    assert!(t.contains("giai đoạn 2024 - 2025."), "{t}");
    assert!(t.contains("quản lý & truy xuất"), "{t}");
    assert!(l.contains(&"Đại biểu tham quan gian hàng."));
}

#[test]
fn markdown_decoration_is_stripped() {
    let r = repaired("export.md", &fixture("export.md"), ToneStyle::Modern);
    let t = &r.text;
    assert!(
        !t.contains("**") && !t.contains('#') && !t.contains("<sup>"),
        "{t}"
    );
    let l = lines(t);
    for want in [
        "SỞ NÔNG NGHIỆP TỈNH BÌNH AN",
        "Số: 88/KH-SNN",
        "KẾ HOẠCH",
        "I. Mục đích, yêu cầu:",
        "- Các hợp tác xã: ứng dụng phần mềm quản lý;",
        "Nơi nhận:",
        "GIÁM ĐỐC",
        "Nguyễn Văn An",
    ] {
        assert!(l.contains(&want), "missing line {want:?} in\n{t}");
    }
    assert!(t.contains("vượt kế hoạch[^1] về ứng dụng công nghệ; liên hệ: vp@snn.binhan.vn."));
    assert!(
        t.trim_end().ends_with("[^1]: Đạt 112% kế hoạch năm."),
        "{t}"
    );
}

#[test]
fn lookalikes_and_tone_style_both_ways() {
    let src = "Ph\u{01A3}\u{01A1}ng h\u{01A3}\u{1EDB}ng \u{00D0}\u{1ED3}ng Th\u{00E1}p; ho\u{00E0} b\u{00EC}nh, th\u{1EE7}y l\u{1EE3}i, s\u{1EE9}c kho\u{1EBB}, c\u{0430}i nghi\u{1EC7}n\u{200B}\n";
    let modern = repaired("a.txt", src.as_bytes(), ToneStyle::Modern);
    assert_eq!(
        modern.text,
        "Phương hướng Đồng Tháp; hòa bình, thủy lợi, sức khỏe, cai nghiện\n"
    );
    let uni = modern.passes.iter().find(|p| p.name == "unicode").unwrap();
    assert!(
        uni.notes.contains(&"lookalike ƣ→ư: 2".to_string()),
        "{:?}",
        uni.notes
    );
    let tones = modern.passes.iter().find(|p| p.name == "tones").unwrap();
    assert!(
        tones.notes.contains(&"tone style: 2".to_string()),
        "{:?}",
        tones.notes
    );
    let traditional = repaired("a.txt", src.as_bytes(), ToneStyle::Traditional);
    assert_eq!(
        traditional.text,
        "Phương hướng Đồng Tháp; hoà bình, thuỷ lợi, sức khoẻ, cai nghiện\n"
    );
}

#[test]
fn clean_text_is_unchanged() {
    let t = "Số: 12/UBND-VP\nHà Nội, ngày 01 tháng 02 năm 2024\n\nKính gửi: Sở Tài chính\n\nCăn cứ Luật Ngân sách nhà nước năm 2015;\n\nỦy ban nhân dân thành phố đề nghị Sở Tài chính báo cáo trước ngày 15/02/2024.\n\n- Như trên;\n- Lưu: VT.\n";
    let r = repaired("clean.txt", t.as_bytes(), ToneStyle::Modern);
    assert_eq!(r.text, t);
    assert!(r.passes.iter().all(|p| p.edits.is_empty()));
}

#[test]
fn map_back_points_into_the_original() {
    let r = repaired(
        "wrapped_pdf.txt",
        &fixture("wrapped_pdf.txt"),
        ToneStyle::Modern,
    );
    for word in ["Các huyện", "Tiếp tục chỉ đạo", "Kính gửi", "Nguyễn Văn An"] {
        let at = r.text.find(word).expect("word in output");
        let orig = r.to_original(at);
        assert!(
            r.original[orig..].starts_with(word),
            "{word:?} maps to {orig}"
        );
    }
}

/// Header lines of the seed documents (Số:, date, V/v, Kính gửi, Nơi nhận) come out of
/// repair as lines of their own, decoration aside.
#[test]
fn seed_header_lines_stay_intact() {
    let dir = common::repo().join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} missing, seed check skipped", dir.display());
        return;
    };
    let is_header = |l: &str| {
        let l = l.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
        l.starts_with("Số:")
            || l.starts_with("V/v")
            || l.starts_with("Kính gửi")
            || l.starts_with("Nơi nhận")
            || (l.contains(", ngày") && l.contains("tháng") && l.len() < 80)
    };
    let mut checked = 0;
    for e in entries.flatten() {
        let bytes = std::fs::read(e.path()).expect("seed");
        let name = e.path().to_string_lossy().to_string();
        let r = repaired(&name, &bytes, ToneStyle::Keep);
        let out = lines(&r.text);
        for l in String::from_utf8_lossy(&bytes)
            .lines()
            .filter(|l| is_header(l))
        {
            let clean = l.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
            let clean = clean.replace('\u{01A3}', "ư");
            // "Nơi nhận: GIÁM ĐỐC" (two PDF columns on one line) is split in two.
            let found = if clean.starts_with("Nơi nhận") {
                out.iter()
                    .any(|o| o.starts_with("Nơi nhận") && clean.starts_with(o))
            } else {
                out.contains(&clean.as_str())
            };
            assert!(found, "{name}: header line {clean:?} lost");
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} header lines found");
}

fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\n",
        "\n\n",
        "\r\n",
        "\x0c",
        "  ",
        " ",
        "1",
        "23",
        "[^",
        "<sup>1</sup>",
        "<sup>",
        "**",
        "*",
        "#",
        "## ",
        "- ",
        "a) ",
        "I. ",
        "Số:",
        "V/v",
        "Kính gửi:",
        "Tin khác",
        "Xem thêm",
        "ƣ",
        "Ð",
        "\u{200B}",
        "\u{00AD}",
        "\u{00A0}",
        "hoà",
        "thủy",
        "а",
        "e\u{0301}",
        "\u{0323}",
        "|",
        "\t",
        "](",
        "\\",
        "./. 2",
        "                         ",
        "ngày 1 tháng 2 năm 2024",
        "Báo cáo tình hình",
        "ĐỒNG",
        "văn bản",
        ".",
        ";",
        "x",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn passes_never_panic_and_edits_are_valid(s in tricky_text(), any in ".{0,200}") {
        for text in [s.as_str(), any.as_str()] {
            for style in [ToneStyle::Modern, ToneStyle::Traditional, ToneStyle::Keep] {
                assert_valid_edits(&unicode::normalize(text, style));
            }
            for format in [Format::Text, Format::Markdown, Format::Html, Format::Pdf] {
                assert_valid_edits(&layout::repair(text, format));
            }
        }
    }

    #[test]
    fn html_tables_with_any_spans_keep_their_rows(
        rows in proptest::collection::vec(
            proptest::collection::vec((0usize..4, 0usize..6, "[a-z0-9]{0,3}"), 0..6),
            0..8,
        )
    ) {
        // Cells spanning any number of columns and rows, "0" and overlapping ones included.
        let mut html = String::from("<table>");
        for row in &rows {
            html.push_str("<tr>");
            for (cols, span_rows, text) in row {
                html.push_str(&format!("<td colspan=\"{cols}\" rowspan=\"{span_rows}\">{text}</td>"));
            }
            html.push_str("</tr>");
        }
        html.push_str("</table>");
        let t = ingest::html::to_text(&html);
        // Every cell's text comes out once, in order, and no line holds more tabs than
        // the columns the table could reach.
        let cells: String = rows.iter().flatten().map(|(_, _, text)| text.as_str()).collect();
        let written: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(written, cells);
        let widest = rows.iter().map(|r| r.iter().map(|(c, _, _)| (*c).max(1)).sum::<usize>()).sum::<usize>();
        prop_assert!(t.lines().all(|l| l.matches('\t').count() <= widest), "{:?}", t);
    }

    #[test]
    fn html_to_text_never_panics(s in "(<[a-z/]{1,8}>|&[a-z#0-9]{1,6};|[^<&]{0,10}){0,40}") {
        let t = ingest::html::to_text(&s);
        // Blocks are apart by at most one blank line; the text ends with one line break.
        prop_assert!(!t.contains("\n\n\n"), "{:?}", t);
        prop_assert!(t.is_empty() || (t.ends_with('\n') && !t.ends_with("\n\n")), "{:?}", t);
    }
}

#[test]
fn a_page_head_seen_twice_beside_page_numbers_is_dropped() {
    let head = "Chỉ thị số 09/2008/CT-UBND ngày 12/5/2008 của UBND tỉnh Hà Tây";
    let text = format!(
        "Toàn tỉnh hiện có 1.052 km đê các loại, 74 hồ chứa thủy lợi với tổng dung tích 196\n\n\
         \x20                                      Trang 1/3\n\n{head}\n\n\
         triệu m3, nhiều công trình đã xuống cấp. Các huyện kiểm tra đê điều, hoàn thành\n\
         trước ngày 31/5/2008; xây dựng phương án hộ đê, phương án sơ tán dân vùng phân\n\
         lũ, chậm lũ sông Đáy theo phương châm bốn tại chỗ và báo cáo kết quả trước ngày\n\n\
         \x20                                      Trang 2/3\n\n{head}\n\n\
         15/6/2008. Công ty Khai thác công trình thủy lợi chuẩn bị đủ vật tư, nhiên liệu,\n\
         vận hành các trạm bơm tiêu úng. Các sở, ngành thực hiện nghiêm Chỉ thị này.\n\n\
         \x20                                      Trang 3/3\n"
    );
    let r = repaired("chi_thi.txt", text.as_bytes(), ToneStyle::Modern);
    let t = &r.text;
    assert!(!t.contains(head), "{t}");
    assert!(t.contains("tổng dung tích 196 triệu m3"), "{t}");
    assert!(t.contains("trước ngày 15/6/2008"), "{t}");
    // A line said twice in the body, with no page number beside it, stays.
    let text = "Các xã thực hiện nghiêm túc.\n\nĐề nghị các đơn vị thực hiện nghiêm túc.\n\n\
                Một đoạn khác ở giữa văn bản để tách hai dòng.\nDòng thứ hai.\nDòng thứ ba.\n\
                Dòng thứ tư.\nDòng thứ năm.\nDòng thứ sáu.\nDòng thứ bảy.\n\n\
                Đề nghị các đơn vị thực hiện nghiêm túc.\n";
    let r = repaired("lap.txt", text.as_bytes(), ToneStyle::Modern);
    assert_eq!(
        r.text
            .matches("Đề nghị các đơn vị thực hiện nghiêm túc.")
            .count(),
        2
    );
}

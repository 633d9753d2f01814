//! The line model the layout steps work on: byte ranges into the pass input and what kind
//! of line each one looks like (list item, heading, table row, header-block line, …).

use regex::Regex;
use std::sync::LazyLock;

/// One physical line of the input: `start..end` excludes the line break.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into lines; form feeds (page breaks in PDF text) count as line breaks.
pub fn split(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || b == b'\x0c' {
            let end = if i > start && bytes[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            lines.push(Line { start, end });
            start = i + 1;
        }
        i += 1;
    }
    if start < text.len() {
        lines.push(Line {
            start,
            end: text.len(),
        });
    }
    lines
}

/// The line's text without Markdown decoration (`#`, `*`, `_`, `>`) or surrounding spaces.
pub fn core(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_' | '>'))
}

pub fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Length in characters, trailing spaces excluded: the measure of a wrapped line's width.
pub fn width(s: &str) -> usize {
    s.trim_end().chars().count()
}

static LIST_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(
        r"^\s*(?:[-–—•●○▪◦+*]\s|[a-zđ][)/]\s|[a-zđ]\)$|\(?\d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)|\(\d{1,3}\)|\([a-zđ]\)\s|[IVXLC]{1,7}\s?[.)/-]\s|\d{1,3}\s?[-–/]\s|[a-zđ]\s[-–]\s|(?:Điều|Chương|Mục|Phần|Khoản|Bước)\s+[\dIVXLC]+)",
    )
    .expect("valid regex")
});

/// A list item, numbered point or article heading starts here ("- ", "a)", "1.", "I.").
pub fn starts_block(s: &str) -> bool {
    LIST_START.is_match(core_start(s))
}

/// The line with leading Markdown emphasis removed (so "**1. Mục đích**" starts "1.").
fn core_start(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_' | '>'))
}

/// A table row: tab-separated cells or a Markdown pipe row.
pub fn is_table_row(s: &str) -> bool {
    let t = s.trim();
    s.contains('\t') || (t.starts_with('|') && t.len() > 1) || t.matches('|').count() >= 2
}

/// The cells of a line split at runs of two or more spaces ("STT  Tên xã  Số hộ" →
/// three); a line of prose has one.
pub fn aligned_cells(s: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut rest = s.trim();
    while let Some(i) = rest.find("  ") {
        cells.push(&rest[..i]);
        rest = rest[i..].trim_start();
    }
    cells.push(rest);
    cells.retain(|c| !c.trim().is_empty());
    cells
}

/// A cell that is a figure: digits with Vietnamese separators, a share ("1.250", "95,5",
/// "100%").
pub fn is_figure_cell(c: &str) -> bool {
    let c = c.trim();
    c.starts_with(|ch: char| ch.is_ascii_digit())
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | ',' | '%'))
}

/// The gaps to close in a letter-spaced title ("Q U Y Ế T   Đ Ị N H", a typist's way of
/// stretching it across the page): capitals one space apart, words apart by two or more.
/// Each gap is a byte range of `s` with what it becomes: nothing inside a word, one space
/// between words. `None` for any other line; a line whose words are all one space apart
/// too is left alone, since where its words end cannot be told.
pub fn letter_spacing_gaps(s: &str) -> Option<Vec<(std::ops::Range<usize>, &'static str)>> {
    let start = s.len() - core_start(s).len();
    let body = core(&s[start..]);
    let mut gaps = Vec::new();
    let (mut letters, mut words, mut word_len) = (0, 1, 0);
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_uppercase() {
            return None;
        }
        letters += 1;
        word_len += 1;
        // Vietnamese syllables have at most seven letters ("NGHIÊNG").
        if word_len > 7 {
            return None;
        }
        let gap_start = i + c.len_utf8();
        let mut gap_end = gap_start;
        while let Some(&(j, w)) = chars.peek() {
            if w != ' ' {
                break;
            }
            gap_end = j + 1;
            chars.next();
        }
        match gap_end - gap_start {
            0 if chars.peek().is_none() => {}
            0 => return None,
            1 => gaps.push((start + gap_start..start + gap_end, "")),
            _ => {
                gaps.push((start + gap_start..start + gap_end, " "));
                words += 1;
                word_len = 0;
            }
        }
    }
    (letters >= 5 && words >= 2 && gaps.iter().any(|(_, w)| w.is_empty())).then_some(gaps)
}

/// A Markdown heading (`# …`).
pub fn is_md_heading(s: &str) -> bool {
    let t = s.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ')
}

/// All letters upper case (at least two): a heading, agency line or title.
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(
        r"(?ix)^\s*(?:
            s[ốô]\s*:                                   # Số: 12/UBND-VP
          | v/v\b                                       # V/v subject
          | kính\s*gửi                                  # Kính gửi:
          | nơi\s*nhận                                  # Nơi nhận:
          | (?:kt|tm|tl|tuq|q|pkt)\s*\.\s               # KT. GIÁM ĐỐC
          | \(?\s*(?:đã\s+ký|ký\s+tên|ký,)              # (Đã ký)
          | c\S{2,3}\s+h\S{1,3}\s+x\S{1,2}\s+h\S{1,3}\s+ch\S{1,2}\s+ngh  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA
          | đ[ộo]c\s+l[ậa]p\s*[-–]                      # Độc lập - Tự do - Hạnh phúc
          | (?:thông\s+tư(?:\s+liên\s+tịch)?|quyết\s+định|nghị\s+định|nghị\s+quyết
              |chỉ\s+thị|kế\s+hoạch|báo\s+cáo|tờ\s+trình|thông\s+báo|hướng\s+dẫn
              |công\s+văn|công\s+điện|chương\s+trình|giấy\s+mời|quy\s+chế|quy\s+định
              |đề\s+án|phương\s+án|biên\s+bản)\s*[:.]?\s*$  # a title line: THÔNG TƯ
        )",
    )
    .expect("valid regex")
});

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"(?i)ngày\s*[\d.]*\s*tháng\s*[\d.]*\s*năm\s*\d{4}")
        .expect("valid regex")
});

static MOTTO_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(
        r"(?i)(?:^|\s)(?:độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc|cộng\s+h(?:òa|oà)\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam)\s*$",
    )
    .expect("valid regex")
});

/// A header row whose column gap a PDF text layer squeezed to one space: a short agency
/// name, then the national name or motto ending the line ("bộ tài chính cộng hoà xã hội
/// chủ nghĩa việt nam", "tổng cục hải quan Độc lập - Tự do - Hạnh phúc"); not the state's
/// name closing a sentence ("… của nước Cộng hòa xã hội chủ nghĩa Việt Nam").
fn is_squeezed_motto_row(c: &str) -> bool {
    let Some(m) = MOTTO_AT_END.find(c) else {
        return false;
    };
    let before = c[..m.start()].trim_end();
    let words = before.split_whitespace().count();
    let names_the_state = before
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.to_lowercase() == "nước");
    words <= 8 && !names_the_state && !before.ends_with([',', '.', ';', ':'])
}

/// A line of the Decree 30 header or signature block, which extraction reads line by
/// line: it is never joined to its neighbours.
pub fn is_header_line(s: &str) -> bool {
    let c = core(s);
    HEADER_LINE.is_match(c) || (width(c) <= 80 && is_place_and_date(c)) || is_squeezed_motto_row(c)
}

/// The header's place and date ("Phủ Lý, ngày 12 tháng 5 năm 2008"), alone or as the
/// right column of a flattened header: a short place name and a comma before the date,
/// nothing but another column after it. A date in running text ("… Pháp lệnh Phòng,
/// chống lụt, bão ngày 08 tháng 3 năm 1993 và các") is wrapped like the rest.
fn is_place_and_date(c: &str) -> bool {
    let Some(m) = DATE_LINE.find(c) else {
        return false;
    };
    let after = c[m.end()..].trim_end_matches(['.', ' ']);
    let another_column = after.starts_with("  ") || after.starts_with('\t');
    if !after.is_empty() && !another_column {
        return false;
    }
    let before = c[..m.start()].trim_end();
    let Some(place) = before.strip_suffix(',') else {
        return false;
    };
    // The place is the last column before the date.
    let place = place
        .rsplit('\t')
        .next()
        .unwrap_or(place)
        .rsplit("  ")
        .next()
        .unwrap_or(place)
        .trim();
    let words = place.split_whitespace().count();
    (1..=6).contains(&words) && place.starts_with(char::is_uppercase) && !place.contains(',')
}

static WRAPPABLE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"(?i)^\s*(?:v/v\b|kính\s*gửi\s*:?\s*\S)").expect("valid regex")
});

/// A header line whose text may run on to the next line: the subject ("V/v …") and a
/// recipient written after "Kính gửi:".
pub fn is_wrappable_header_line(s: &str) -> bool {
    WRAPPABLE_HEADER.is_match(core(s)) && !core(s).ends_with(':')
}

/// Ends a sentence or introduces what follows (".", "!", "?", ":", "…"), closing quotes
/// and brackets aside.
pub fn ends_sentence(s: &str) -> bool {
    let t = core(s).trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?', ':', '…'])
}

/// First letter is lower case (after spaces): the line continues a sentence.
pub fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_spaced_title_closes_up() {
        let close = |s: &str| {
            let gaps = letter_spacing_gaps(s)?;
            let mut out = String::new();
            let mut pos = 0;
            for (r, w) in gaps {
                out.push_str(&s[pos..r.start]);
                out.push_str(w);
                pos = r.end;
            }
            out.push_str(&s[pos..]);
            Some(out)
        };
        assert_eq!(close("Q U Y Ế T   Đ Ị N H").as_deref(), Some("QUYẾT ĐỊNH"));
        assert_eq!(
            close("   **B Á O  C Á O**").as_deref(),
            Some("   **BÁO CÁO**")
        );
        // Words one space apart like the letters: where they end is unknown.
        assert_eq!(close("Q U Y Ế T Đ Ị N H"), None);
        // Capitals that are words, a lost-glyph fragment, prose.
        assert_eq!(close("QUYẾT ĐỊNH"), None);
        assert_eq!(close("  O   O"), None);
        assert_eq!(close("A B   C"), None);
        assert_eq!(close("Q U Y Ế T   Đ Ị N H của"), None);
    }

    #[test]
    fn a_place_and_date_line_and_a_date_in_running_text() {
        for line in [
            "Phủ Lý, ngày 12 tháng 5 năm 2008",
            "Số: 21/UBND-NN                    Phủ Lý, ngày 12 tháng 5 năm 2008",
            "TỈNH HÀ NAM          Thành phố Hồ Chí Minh, ngày   tháng   năm 2024",
            "   Hà Nội, ngày 01 tháng 02 năm 2019.",
        ] {
            assert!(is_header_line(line), "{line}");
        }
        for line in [
            "được ban hành từ lâu, chống lụt, bão ngày 08 tháng 3 năm 1993 và các",
            "ngày 08 tháng 3 năm 1993 và các văn bản hướng dẫn, đồng thời báo cáo",
            "tỉnh đề nghị Sở tiếp tục thực hiện, ngày 08 tháng 3 năm 1993",
        ] {
            assert!(!is_header_line(line), "{line}");
        }
    }

    #[test]
    fn kinds() {
        assert!(starts_block("- Như trên;"));
        assert!(starts_block("a) Những ưu điểm"));
        assert!(starts_block("1. Mục đích:"));
        assert!(starts_block("II. KẾT QUẢ"));
        assert!(starts_block("**1.1. Tổ chức**"));
        assert!(!starts_block("Căn cứ Luật"));
        assert!(!starts_block("2020 với tổng số"));
        assert!(starts_block("1- Tổ chức, cá nhân"));
        assert!(starts_block("I/ Đối tượng và phạm vi"));
        assert!(starts_block("a - những quy định chung"));
        assert!(!starts_block("V/v báo cáo"));
        assert!(!starts_block("2003-2005 là giai đoạn"));
        assert!(is_header_line("Số: 125 /SNN-KH  "));
        assert!(is_header_line("Hà Nội, ngày 12 tháng 10 năm 2021"));
        assert!(is_header_line("**KT. GIÁM ĐỐC  "));
        assert!(is_header_line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(!is_header_line("Số lượng người nghiện tăng"));
        assert!(is_header_line(
            "bộ tài chính cộng hoà xã hội chủ nghĩa việt nam"
        ));
        assert!(is_header_line(
            "tổng cục hải quan Độc lập - Tự do - Hạnh phúc"
        ));
        assert!(!is_header_line(
            "là công dân của nước Cộng hòa xã hội chủ nghĩa Việt Nam"
        ));
        assert!(!is_header_line(
            "các tổ chức, cá nhân có quốc tịch hoặc cư trú hợp pháp tại Cộng hòa xã hội chủ nghĩa Việt Nam"
        ));
        assert!(is_table_row("1\tHai Bà Trưng\t120"));
        assert!(is_table_row("| a | b |"));
        assert_eq!(
            aligned_cells("  1     Xã Bình Minh      120  95,5 "),
            ["1", "Xã Bình Minh", "120", "95,5"]
        );
        assert_eq!(aligned_cells("Số: 2210 /SNV-CCVC  ").len(), 1);
        assert!(is_figure_cell("1.250") && is_figure_cell("95,5") && is_figure_cell("100%"));
        assert!(!is_figure_cell("128 143") && !is_figure_cell("Tổng") && !is_figure_cell(","));
        assert!(ends_sentence("cụ thể:**"));
        assert!(ends_sentence("năm 2021\u{201d}."));
        let l = split("a\r\nb\x0cc");
        assert_eq!(l.len(), 3);
        assert_eq!((l[0].start, l[0].end), (0, 1));
        assert_eq!((l[1].start, l[1].end), (3, 4));
        assert_eq!((l[2].start, l[2].end), (5, 6));
    }
}

//! Web-page boilerplate in text saved from news sites: the "Có thể bạn quan tâm" /
//! "Tin khác" / "Xem thêm" tail with its related-article titles and summaries, a byline
//! just above it, "Tin liên quan" boxes inside the article, share buttons, the title
//! repeated as image alt text, and related-article titles glued under a paragraph. Marks
//! lines to drop; it never edits inside a line, and it keeps everything on a page that
//! shows none of these signs (official documents are left alone).

use super::lines::{self, Line};
use super::Counts;
use crate::ingest::Format;

/// Headings that open a block of links to other articles.
const LINK_BLOCK_MARKERS: &[&str] = &[
    "tin liên quan",
    "bài liên quan",
    "bài viết liên quan",
    "tin cùng chuyên mục",
    "bài viết cùng chuyên mục",
    "văn bản liên quan",
    "văn bản cùng lĩnh vực",
    "văn bản khác",
    "các văn bản khác",
    "tin khác",
    "các tin khác",
    "tin tức khác",
    "tin mới",
    "tin mới nhất",
    "tin mới hơn",
    "tin cũ hơn",
    "tin nổi bật",
    "tin đọc nhiều",
    "đọc nhiều",
    "đọc nhiều nhất",
    "xem nhiều",
    "xem nhiều nhất",
    "xem thêm",
    "đọc thêm",
    "nên xem",
    "có thể bạn quan tâm",
    "bạn có thể quan tâm",
    "có thể bạn muốn xem",
    "bình luận",
    "ý kiến bạn đọc",
    "gửi bình luận",
    "từ khóa",
    "từ khoá",
    "tags",
    "tag",
    "phiên bản di động",
    "về đầu trang",
    "related",
    "related articles",
    "read more",
    "see also",
];

/// Markers that only ever open the end of a page, never a box inside an article.
const TAIL_ONLY_MARKERS: &[&str] = &[
    "có thể bạn quan tâm",
    "bạn có thể quan tâm",
    "tin cùng chuyên mục",
    "bài viết cùng chuyên mục",
    "tin khác",
    "các tin khác",
    "tin mới hơn",
    "tin cũ hơn",
    "bình luận",
    "ý kiến bạn đọc",
    "gửi bình luận",
    "phiên bản di động",
    "về đầu trang",
];

/// Words that make up share-button rows ("Chia sẻ Facebook Zalo").
const SHARE_WORDS: &[&str] = &[
    "chia",
    "sẻ",
    "share",
    "facebook",
    "zalo",
    "twitter",
    "x",
    "email",
    "gửi",
    "in",
    "bài",
    "viết",
    "bản",
    "trang",
    "print",
    "copy",
    "link",
    "sao",
    "chép",
    "lưu",
    "bookmark",
    "like",
    "thích",
    "tweet",
    "linkedin",
    "messenger",
    "telegram",
    "|",
    "-",
    "·",
    "•",
];

fn normalized(s: &str) -> String {
    lines::core(s)
        .trim_end_matches([':', '»', '›', '>', '.', ' '])
        .to_lowercase()
}

fn is_link_block_marker(s: &str) -> bool {
    let n = normalized(s);
    !n.is_empty() && n.chars().count() <= 30 && LINK_BLOCK_MARKERS.contains(&n.as_str())
}

fn is_share_row(s: &str) -> bool {
    let n = normalized(s);
    let words: Vec<&str> = n
        .split_whitespace()
        .map(|w| w.trim_end_matches(':'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 12
        && words
            .iter()
            .any(|w| matches!(*w, "facebook" | "zalo" | "twitter" | "share" | "sẻ"))
        && words.iter().all(|w| SHARE_WORDS.contains(w))
}

/// "Quảng cáo" labels and "Tags: …" / "Từ khóa: …" lines.
fn is_ad_or_tags(s: &str) -> bool {
    let n = normalized(s);
    matches!(n.as_str(), "quảng cáo" | "advertisement" | "ads")
        || ["tags:", "tag:", "từ khóa:", "từ khoá:"]
            .iter()
            .any(|p| lines::core(s).to_lowercase().starts_with(p))
}

/// A menu or breadcrumb row near the top: "Trang chủ » Thời sự", "A | B | C | D".
fn is_menu(s: &str) -> bool {
    let t = lines::core(s);
    let items: Vec<&str> = t
        .split(['|', '»', '›', '>'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect();
    let short = items.iter().all(|x| x.split_whitespace().count() <= 4);
    let home = items
        .first()
        .is_some_and(|x| matches!(x.to_lowercase().as_str(), "trang chủ" | "home"));
    short && !lines::ends_sentence(t) && ((home && items.len() >= 2) || items.len() >= 4)
}

/// A portal's footer line: its copyright, the "ghi rõ nguồn" notice, the office answerable
/// for the site, a visitor counter, the link to the attached file.
fn is_site_footer(s: &str) -> bool {
    let t = lines::core(s);
    let n = t.to_lowercase();
    // A label a paragraph could also open with counts with its colon only.
    let label = |l: &str| {
        n.strip_prefix(l)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    };
    t.chars().count() <= 250
        && (n.starts_with('©')
            || n.starts_with("copyright")
            || (n.starts_with("bản quyền") && (n.contains('©') || n.contains("bản quyền thuộc")))
            || (n.contains("ghi rõ nguồn") && n.contains("phát hành lại"))
            || label("cơ quan chủ quản")
            || label("chịu trách nhiệm nội dung")
            || label("người chịu trách nhiệm")
            || label("số lượt truy cập")
            || label("lượt truy cập")
            || n.starts_with("thiết kế bởi")
            || ((label("file đính kèm") || label("tệp đính kèm") || label("tải về"))
                && [".pdf", ".doc", ".xls", ".zip", ".rar"]
                    .iter()
                    .any(|x| n.contains(x))))
}

/// A line of a footer's contact details: address, telephone, e-mail.
fn is_contact(s: &str) -> bool {
    let n = lines::core(s).to_lowercase();
    n.chars().count() <= 250
        && (n.starts_with("địa chỉ")
            || ["điện thoại", "đt:", "email:", "e-mail:", "fax:"]
                .iter()
                .any(|w| n.contains(w)))
}

/// A short line of two to five capitalised words and nothing else: a reporter's name.
fn is_byline(s: &str) -> bool {
    let t = lines::core(s);
    if t.starts_with("Theo ") && t.chars().count() <= 60 {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && t.chars().count() <= 40
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
        })
}

/// Marks boilerplate lines in `drop`. Returns whether the text looked like a web page.
pub fn mark(
    text: &str,
    all: &[Line],
    format: Format,
    drop: &mut [bool],
    counts: &mut Counts,
) -> bool {
    let s = |i: usize| &text[all[i].start..all[i].end];
    let content: Vec<usize> = (0..all.len()).filter(|&i| !lines::is_blank(s(i))).collect();
    if content.is_empty() {
        return false;
    }
    // The page tail starts at a link-block marker past the article's first quarter that
    // is a tail-only marker, or is followed by another marker late in the page, or (in
    // HTML) sits near the end; other markers open a box inside the article. In plain text
    // one marker is not enough (a report may have a "Bình luận" heading), and nothing is
    // cut above an official document's header or signature lines.
    let markers: Vec<usize> = (0..content.len())
        .filter(|&k| is_link_block_marker(s(content[k])))
        .collect();
    let last_marker = markers.last().copied().unwrap_or(0);
    let html = format == Format::Html;
    let last_header = (0..content.len())
        .rev()
        .find(|&k| lines::is_header_line(s(content[k])));
    let tail_from = markers.iter().copied().find(|&k| {
        let at = all[content[k]].start;
        let later_marker = k < last_marker;
        let tail_only = TAIL_ONLY_MARKERS.contains(&normalized(s(content[k])).as_str());
        at * 4 >= text.len()
            && (if html {
                tail_only || later_marker || at * 100 >= text.len() * 85
            } else {
                later_marker && (tail_only || at * 10 >= text.len() * 6)
            })
            && last_header.map_or(true, |h| h < k)
    });
    let web = format == Format::Html || tail_from.is_some();
    if !web {
        return false;
    }
    if let Some(k) = tail_from {
        for &i in &content[k..] {
            drop[i] = true;
        }
        counts.add_n("web tail lines dropped", content.len() - k);
        // A name just below an official document's signature lines is its signer's.
        let signer_near = last_header.is_some_and(|h| h + 8 >= k);
        if k > 0 && !signer_near && is_byline(s(content[k - 1])) {
            drop[content[k - 1]] = true;
            counts.add("byline dropped");
        }
    }
    let mut end = tail_from.unwrap_or(content.len());
    // In a page, the site's footer below the signature: from its first footer line to
    // the end, with the contact lines and the site's name in capitals just above it.
    if html {
        let after = last_header.map_or(0, |h| h + 1);
        if let Some(f) = (after..end).find(|&k| is_site_footer(s(content[k]))) {
            let mut from = f;
            while from > after && is_contact(s(content[from - 1])) {
                from -= 1;
            }
            if from < f && from > after && is_capitals(s(content[from - 1])) {
                from -= 1;
            }
            for &i in &content[from..end] {
                drop[i] = true;
            }
            counts.add_n("site footer lines dropped", end - from);
            end = from;
        }
    }
    let title = lines::core(s(content[0]));
    // The first line is the page's title, but may be its menu.
    let mut k = 0;
    while k < end {
        let i = content[k];
        let line = s(i);
        if drop[i] {
            k += 1;
            continue;
        }
        if is_link_block_marker(line) {
            // A "Tin liên quan" box inside the article: the marker and the unpunctuated
            // titles under it.
            drop[i] = true;
            counts.add("related-links box lines dropped");
            let mut j = k + 1;
            while j < end && j <= k + 8 {
                let t = s(content[j]);
                if lines::ends_sentence(t) || t.chars().count() > 200 || lines::is_header_line(t) {
                    break;
                }
                drop[content[j]] = true;
                counts.add("related-links box lines dropped");
                j += 1;
            }
            k = j;
            continue;
        }
        if is_share_row(line) {
            drop[i] = true;
            counts.add("share buttons dropped");
        } else if is_ad_or_tags(line) {
            drop[i] = true;
            counts.add("ad or tags line dropped");
        } else if k * 10 < content.len() && is_menu(line) {
            drop[i] = true;
            counts.add("menu or breadcrumb dropped");
        } else if k > 0 && title.chars().count() >= 15 && lines::core(line) == title {
            drop[i] = true;
            counts.add("repeated title (image alt) dropped");
        } else if is_glued_related_titles(text, all, i) {
            drop[i] = true;
            counts.add("glued related-article titles dropped");
        }
        k += 1;
    }
    true
}

/// A short line in capitals only: a site's name.
fn is_capitals(s: &str) -> bool {
    let t = lines::core(s);
    t.chars().count() <= 100
        && t.chars().any(char::is_alphabetic)
        && !t.chars().any(char::is_lowercase)
}

/// A long line with no sentence punctuation, hung directly under a finished paragraph
/// and followed by a blank line: titles of related articles that a page's layout put
/// beside the text.
fn is_glued_related_titles(text: &str, all: &[Line], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let line = &text[all[i].start..all[i].end];
    let prev = &text[all[i - 1].start..all[i - 1].end];
    let next_blank = all
        .get(i + 1)
        .map_or(true, |l| lines::is_blank(&text[l.start..l.end]));
    let words = line.split_whitespace().count();
    !lines::is_blank(prev)
        && lines::ends_sentence(prev)
        && next_blank
        && words >= 10
        && !lines::ends_sentence(line)
        && !line.trim_end().ends_with([';', ','])
        && !line.contains(". ")
        && !lines::starts_block(line)
        && !lines::is_table_row(line)
        && !lines::is_header_line(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals() {
        assert!(is_link_block_marker("Có thể bạn quan tâm"));
        assert!(is_link_block_marker("**Tin liên quan:**"));
        assert!(!is_link_block_marker(
            "Tin liên quan đến vụ việc được xác minh."
        ));
        assert!(is_share_row("Chia sẻ Facebook Zalo"));
        assert!(!is_share_row("Chia sẻ kinh nghiệm"));
        assert!(is_byline("Phạm Diệp"));
        assert!(is_byline("Theo TTXVN"));
        assert!(!is_byline("Nơi nhận:"));
        assert!(is_menu("Trang chủ » Nông nghiệp"));
        assert!(is_menu("Thời sự | Kinh tế | Xã hội | Pháp luật"));
        assert!(!is_menu("Số: 12/UBND-VP"));
        assert!(is_ad_or_tags("Từ khóa: ma túy, cai nghiện"));
    }
}

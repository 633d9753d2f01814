//! HTML → plain text for ingest: the page is parsed by `scraper` (html5ever, the browser
//! parsing algorithm, so broken markup and entities are handled as a browser would) and
//! written out with its block structure as line breaks: paragraphs and headings apart by a
//! blank line, list items as "- " lines, table rows as tab-separated cells. Scripts,
//! styles, forms, navigation, page headers/footers outside the article, and elements whose
//! class or id names a menu, share bar, comment box, ad or related-links box are dropped.
//! Boilerplate that is plain text on the page is left for `repair::layout`.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose content is never text a reader sees as the document.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "form", "button", "select", "option",
    "iframe", "svg", "canvas", "object", "embed", "aside", "menu", "dialog", "input", "textarea",
    "img", "video", "audio", "picture", "map",
];

/// Page chrome, dropped unless it sits inside the article itself.
const CHROME: &[&str] = &["header", "footer"];

/// Words in a class or id that mark page chrome.
const CHROME_NAMES: &[&str] = &[
    "menu",
    "navbar",
    "nav-",
    "breadcrumb",
    "share",
    "social",
    "related",
    "comment",
    "advert",
    "ads-",
    "banner",
    "sidebar",
    "footer",
    "cookie",
    "popup",
    "modal",
    "subscribe",
    "tags",
];

/// Elements that end a line.
const LINE_BLOCKS: &[&str] = &[
    "div",
    "li",
    "tr",
    "dd",
    "dt",
    "figcaption",
    "address",
    "caption",
    "section",
    "article",
    "main",
    "body",
    "center",
    "figure",
    "label",
    "legend",
    "fieldset",
];

/// Elements that stand apart with a blank line.
const PARAGRAPH_BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "hr",
];

/// Converts an HTML page to text.
/// The page's own word on its encoding, where it names Windows-1258, the one Vietnamese
/// code page a browser knows: `<meta charset="windows-1258">` or the `http-equiv` form, in
/// the first 4 KiB. Read then as the page says, its national motto can be found for the cut
/// above the header ([`to_text`]); pages in the legacy fonts (TCVN3, VNI) declare
/// Windows-1252 or nothing, and stay for `repair::legacy` to tell apart.
pub fn declared_windows_1258(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = super::find(&lower[from..], b"charset") {
        let rest = &lower[from + at + b"charset".len()..];
        let rest = rest.trim_ascii_start();
        if let Some(value) = rest.strip_prefix(b"=") {
            let value = value.trim_ascii_start();
            let value = value
                .strip_prefix(b"\"")
                .or(value.strip_prefix(b"'"))
                .unwrap_or(value);
            let end = value
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
                .unwrap_or(value.len());
            return encoding_rs::Encoding::for_label(&value[..end])
                .is_some_and(|e| e == encoding_rs::WINDOWS_1258);
        }
        from += at + 1;
    }
    false
}

/// Whether an element that looks like page chrome by its tag or class holds the
/// document's own closing block (a portal's `<table class="footer-vb">` with "Nơi nhận:" and
/// the signature), which must stay.
fn holds_the_documents_end(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let mut text = String::new();
    for piece in node.descendants().filter_map(|n| n.value().as_text()) {
        text.push_str(piece);
        if text.len() > 20_000 {
            break;
        }
    }
    text.to_lowercase().contains("nơi nhận")
}

pub fn to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = Writer::default();
    // Open elements we are inside: (name, ordered-list counter).
    let mut stack: Vec<(String, usize)> = Vec::new();
    // Where each written element's text starts and ends in the output, and its parent;
    // `open_spans` runs beside `stack`.
    let mut spans: Vec<Span> = Vec::new();
    let mut open_spans: Vec<usize> = Vec::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => {
                        let pre = stack.iter().any(|(n, _)| n == "pre");
                        out.text(t, pre);
                    }
                    Node::Element(e) => {
                        let name = e.name().to_ascii_lowercase();
                        let in_article = stack.iter().any(|(n, _)| n == "article" || n == "main");
                        let chrome_name = e.attr("class").into_iter().chain(e.id()).any(|v| {
                            let v = v.to_ascii_lowercase();
                            CHROME_NAMES.iter().any(|c| v.contains(c))
                        });
                        let chrome = (CHROME.contains(&name.as_str()) && !in_article)
                            || (chrome_name
                                && !matches!(name.as_str(), "body" | "html" | "article" | "main"));
                        if SKIPPED.contains(&name.as_str())
                            || (chrome && !holds_the_documents_end(node))
                        {
                            skipping = Some(node.id());
                            continue;
                        }
                        let span = |attr: &str, most: usize| {
                            e.attr(attr)
                                .and_then(|v| v.trim().parse::<usize>().ok())
                                .unwrap_or(1)
                                .clamp(1, most)
                        };
                        let cell_spans = (span("colspan", 50), span("rowspan", 1_000));
                        open(&mut out, &name, &mut stack, cell_spans);
                        if matches!(name.as_str(), "td" | "th") {
                            out.cells.push((out.s.len(), is_box(node)));
                        }
                        // For <sup>, remember where its text starts.
                        let mark = if name == "sup" { out.s.len() } else { 0 };
                        spans.push(Span {
                            start: out.s.len(),
                            end: usize::MAX,
                            parent: open_spans.last().copied(),
                            name: name.clone(),
                        });
                        open_spans.push(spans.len() - 1);
                        stack.push((name, mark));
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(e) = node.value() {
                    let name = e.name().to_ascii_lowercase();
                    if stack.last().is_some_and(|(n, _)| *n == name) {
                        if let Some((_, mark)) = stack.pop().filter(|(n, _)| n == "sup") {
                            footnote_marker(&mut out, mark);
                        }
                        if let Some(k) = open_spans.pop() {
                            spans[k].end = out.s.len();
                        }
                    }
                    close(&mut out, &name);
                }
            }
        }
    }
    let start = document_start(&out.s, &spans);
    if out.s.is_char_boundary(start) {
        out.s.replace_range(..start, "");
    }
    out.finish()
}

/// An element's place in the output.
struct Span {
    start: usize,
    end: usize,
    parent: Option<usize>,
    name: String,
}

/// National names that head the right column of an official document's header.
const MOTTOS: &[&str] = &[
    "cộng hòa xã hội chủ nghĩa việt nam",
    "đảng cộng sản việt nam",
];

/// Where the document starts on a web page: at the smallest block around the first
/// national name that also holds text before it (the header table or row, the pair of
/// column divs), so that the site's banner, menus, breadcrumb, page title and a legal
/// site's metadata box above it go. Where no such block is smaller than the page (the
/// header written as plain paragraphs), nothing is cut.
fn document_start(text: &str, spans: &[Span]) -> usize {
    let lower = text.to_lowercase().replace("hoà", "hòa");
    // Lowercasing keeps byte offsets for Vietnamese letters, but not for every
    // character; without the same length nothing is cut.
    if lower.len() != text.len() {
        return 0;
    }
    // The first national name that begins a line or a cell (not one inside a banner's
    // sentence).
    let Some(motto) = MOTTOS
        .iter()
        .filter_map(|m| {
            lower.match_indices(m).map(|(i, _)| i).find(|&i| {
                let cell_start = text[..i].rfind(['\n', '\t']).map_or(0, |j| j + 1);
                text[cell_start..i].trim().is_empty()
            })
        })
        .min()
    else {
        return 0;
    };
    // The innermost element holding the motto's first letter, then the first one around
    // it that also holds text before it.
    let Some(mut k) = spans
        .iter()
        .rposition(|s| s.start <= motto && motto < s.end)
    else {
        return 0;
    };
    // Offsets of elements the writer trimmed back over may be stale: read them safely.
    let between = |a: usize, b: usize| text.get(a..b).unwrap_or("").trim().is_empty();
    while between(spans[k].start, motto) {
        match spans[k].parent {
            Some(p) => k = p,
            None => return 0,
        }
    }
    // A header row starts its table; a cell, its row's table too.
    let mut top = k;
    let mut up = Some(k);
    while let Some(u) = up {
        if spans[u].name == "table" {
            top = u;
            break;
        }
        if !matches!(
            spans[u].name.as_str(),
            "tr" | "td" | "th" | "tbody" | "thead"
        ) {
            break;
        }
        up = spans[u].parent;
    }
    let start = spans[top].start;
    // Nothing to cut, or the block holds the whole page.
    if between(0, start) || matches!(spans[top].name.as_str(), "body" | "html") {
        return 0;
    }
    start
}

/// Text a cell may hold and still be one box of its table.
const BOX_CELL_CHARS: usize = 1_500;

/// A cell that is one box of its table (a header's column, the "Nơi nhận" list, a figure)
/// and not a page-layout cell around the document: it holds no table and little text.
fn is_box(cell: ego_tree::NodeRef<'_, Node>) -> bool {
    let mut chars = 0;
    for n in cell.descendants() {
        match n.value() {
            Node::Element(e) if e.name().eq_ignore_ascii_case("table") => return false,
            Node::Text(t) => {
                chars += t.len();
                if chars > BOX_CELL_CHARS * 3 {
                    return false;
                }
            }
            _ => {}
        }
    }
    // Byte length over-counts Vietnamese letters; about 1.3 bytes a character.
    chars <= BOX_CELL_CHARS * 13 / 10
}

/// `<sup>1</sup>` after a word is a footnote marker, written `[^1]` as the layout pass
/// writes Markdown ones; `m<sup>2</sup>` (a unit's power) stays "m2".
fn footnote_marker(out: &mut Writer, mark: usize) {
    let Some(content) = out.s.get(mark..) else {
        return;
    };
    let num = content.trim().trim_start_matches('(').trim_end_matches(')');
    if num.is_empty() || num.len() > 3 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    let word_before = out.s[..mark]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let line_start =
        out.s[..mark].trim_end_matches(' ').is_empty() || out.s[..mark].ends_with('\n');
    if line_start || matches!(word_before, "m" | "km" | "cm" | "dm" | "mm" | "ha") {
        return;
    }
    let marker = format!("[^{num}]");
    out.s.truncate(mark);
    out.raw(&marker);
}

/// Opens an element; `spans` are a cell's (columns, rows).
fn open(out: &mut Writer, name: &str, stack: &mut [(String, usize)], spans: (usize, usize)) {
    match name {
        "br" => out.newlines(1),
        "table" => out.tables.push(TableGrid::default()),
        // Every cell after a row's first opens with a tab, an empty first cell too, and a
        // cell spanning columns, or one spanning rows from above, leaves their tabs: the
        // figures stay under their headers.
        "td" | "th" => {
            let tabs = out.grid().cell(spans);
            out.raw(&"\t".repeat(tabs));
        }
        "tr" => {
            out.newlines(1);
            out.grid().row();
        }
        "li" => {
            out.newlines(1);
            match stack.iter_mut().rev().find(|(n, _)| n == "ul" || n == "ol") {
                Some((list, counter)) if list == "ol" => {
                    *counter += 1;
                    out.raw(&format!("{counter}. "));
                }
                _ => out.raw("- "),
            }
        }
        _ if PARAGRAPH_BLOCKS.contains(&name) => out.newlines(2),
        _ if LINE_BLOCKS.contains(&name) => out.newlines(1),
        _ => {}
    }
}

fn close(out: &mut Writer, name: &str) {
    if name == "table" {
        out.tables.pop();
    }
    // A box cell's last line break is the cell's own, as the office readers write cells.
    if matches!(name, "td" | "th") {
        if let Some((start, true)) = out.cells.pop() {
            let kept = out
                .s
                .trim_end_matches(['\n', ' ', '\u{a0}'])
                .len()
                .max(start);
            out.s.truncate(kept);
            out.pending_space = false;
        }
        return;
    }
    if PARAGRAPH_BLOCKS.contains(&name) {
        out.newlines(2);
    } else if LINE_BLOCKS.contains(&name) {
        out.newlines(1);
    }
}

/// Collects text, collapsing HTML whitespace and keeping at most two line breaks.
#[derive(Default)]
struct Writer {
    s: String,
    pending_space: bool,
    /// The tables we are inside, innermost last.
    tables: Vec<TableGrid>,
    /// Where the text of each open table cell starts and whether it is a box of the
    /// table ([`is_box`]), innermost last.
    cells: Vec<(usize, bool)>,
}

/// Where a table's cells fall: the columns that cells spanning rows from above still
/// hold, and the current row's position.
#[derive(Default)]
struct TableGrid {
    /// Per column, the rows below the current one that a cell above still covers.
    held_below: Vec<usize>,
    /// Per column, whether a cell from a row above covers it in the current row.
    held_now: Vec<bool>,
    /// The column the next cell may start at, and the one the last cell started at.
    next: usize,
    written: usize,
}

impl TableGrid {
    /// Starts a row: the cells spanning rows from above hold their columns in it.
    fn row(&mut self) {
        self.held_now = self.held_below.iter().map(|&n| n > 0).collect();
        for n in &mut self.held_below {
            *n = n.saturating_sub(1);
        }
        self.next = 0;
        self.written = 0;
    }

    /// Places a cell of `spans` (columns, rows) at the first free column; returns the tabs
    /// that move the output from the last cell's column to it.
    fn cell(&mut self, (columns, rows): (usize, usize)) -> usize {
        let mut start = self.next;
        while self.held_now.get(start).copied().unwrap_or(false) {
            start += 1;
        }
        let tabs = start - self.written;
        let end = start + columns;
        if self.held_below.len() < end {
            self.held_below.resize(end, 0);
        }
        for held in &mut self.held_below[start..end] {
            *held = (*held).max(rows - 1);
        }
        self.written = start;
        self.next = end;
        tabs
    }
}

impl Writer {
    /// The innermost table's grid (a stray cell outside any table gets one of its own).
    fn grid(&mut self) -> &mut TableGrid {
        if self.tables.is_empty() {
            self.tables.push(TableGrid::default());
        }
        let last = self.tables.len() - 1;
        &mut self.tables[last]
    }

    fn at_line_start(&self) -> bool {
        self.s.is_empty() || self.s.ends_with('\n')
    }

    fn text(&mut self, t: &str, pre: bool) {
        if pre {
            self.s.push_str(t);
            return;
        }
        for c in t.chars() {
            if c.is_ascii_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.at_line_start() && !self.s.ends_with([' ', '\t']) {
                self.s.push(' ');
            }
            self.pending_space = false;
            self.s.push(c);
        }
    }

    fn raw(&mut self, t: &str) {
        self.pending_space = false;
        self.s.push_str(t);
    }

    /// Ends the current line and makes sure `n` line breaks stand at the end. Inside a box
    /// cell ([`is_box`]) paragraphs are lines and a block at the cell's start leaves the
    /// cell's tab alone, as the office readers write a cell; a line of no-break spaces
    /// only (Word's empty paragraph) counts as blank.
    fn newlines(&mut self, mut n: usize) {
        self.pending_space = false;
        // A layout cell's blocks stand apart as on the page.
        let floor = match self.cells.last() {
            Some(&(start, true)) if self.s.len() <= start => return,
            Some(&(start, true)) => {
                n = 1;
                start
            }
            _ => 0,
        };
        let line = self.s.rfind('\n').map_or(0, |i| i + 1).max(floor);
        let mut trimmed = self.s.trim_end_matches([' ', '\t']).len();
        if self.s[line..]
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\u{a0}'))
        {
            trimmed = line;
        }
        self.s.truncate(trimmed.max(floor));
        if self.s.is_empty() {
            return;
        }
        let have = self.s.len() - self.s.trim_end_matches('\n').len();
        for _ in have..n {
            self.s.push('\n');
        }
    }

    fn finish(mut self) -> String {
        let kept = self.s.trim_end().len();
        self.s.truncate(kept);
        self.newlines(1);
        self.s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_spanning_cells_keep_the_columns() {
        let html = "<table><tr><th>STT</th><th colspan=\"2\">Năm học</th><th>Ghi chú</th></tr>\
                    <tr><td>1</td><td>681</td><td>682</td><td>x</td></tr>\
                    <tr><td></td><td>Tổng cộng</td><td>682</td><td></td></tr></table>";
        assert_eq!(
            to_text(html),
            "STT\tNăm học\t\tGhi chú\n1\t681\t682\tx\n\tTổng cộng\t682\n"
        );
    }

    #[test]
    fn a_cell_spanning_rows_keeps_the_columns_of_the_rows_below() {
        // A group name spanning its districts' rows, a note spanning two rows at the end,
        // and a header whose first cells span two rows over a split last column.
        let html = "<table>\
            <tr><th rowspan=\"2\">Vùng</th><th rowspan=\"2\">Huyện</th><th colspan=\"2\">Số hộ</th></tr>\
            <tr><th>Kế hoạch</th><th>Thực hiện</th></tr>\
            <tr><td rowspan=\"2\">Miền núi</td><td>Huyện A</td><td>120</td><td rowspan=\"2\">chưa báo cáo</td></tr>\
            <tr><td>Huyện B</td><td>80</td></tr>\
            <tr><td>Đồng bằng</td><td>Huyện C</td><td>200</td><td>190</td></tr></table>";
        assert_eq!(
            to_text(html),
            "Vùng\tHuyện\tSố hộ\n\t\tKế hoạch\tThực hiện\nMiền núi\tHuyện A\t120\tchưa báo cáo\n\
             \tHuyện B\t80\nĐồng bằng\tHuyện C\t200\t190\n"
        );
        // A nested table keeps its own grid (and stands apart, as a table does); a span of 0
        // or garbage counts as 1.
        let nested = "<table><tr><td rowspan=\"0\">a</td><td><table><tr><td rowspan=\"x\">b</td>\
            <td>c</td></tr></table></td></tr><tr><td>d</td><td>e</td></tr></table>";
        assert_eq!(to_text(nested), "a\nb\tc\n\nd\te\n");
    }

    #[test]
    fn blocks_lists_tables_and_entities() {
        let html = r#"<!doctype html><html><head><title>T</title><style>p{}</style></head>
<body><nav><a href="/">Trang chủ</a> <a>Thời sự</a></nav>
<div class="share-bar">Chia sẻ Facebook</div>
<article><h1>Tiêu đề&nbsp;bài</h1><p>Đoạn   một<sup>1</sup>
 có &amp; ký tự, 5 m<sup>2</sup>.</p><p>Dòng<br>hai</p>
<ul><li>mục a</li><li>mục b</li></ul><ol><li>một</li><li>hai</li></ol>
<table><tr><th>STT</th><th>Tên</th></tr><tr><td>1</td><td>Hà Nội</td></tr></table>
</article><footer>Bản quyền</footer><script>var x = "<p>no</p>";</script></body></html>"#;
        let t = to_text(html);
        assert_eq!(
            t,
            "Tiêu đề\u{a0}bài\n\nĐoạn một[^1] có & ký tự, 5 m2.\n\nDòng\nhai\n\n- mục a\n- mục b\n\n1. một\n2. hai\n\nSTT\tTên\n1\tHà Nội\n"
        );
    }

    #[test]
    fn a_closing_block_classed_like_a_footer_stays() {
        let html = r#"<html><body><div class="content"><p>Đề nghị các đơn vị thực hiện./.</p>
<table class="footer-vb"><tr><td>Nơi nhận:<br>- Như trên;<br>- Lưu: VT.</td>
<td>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br>Lâm Hải Giang</td></tr></table></div>
<div class="site-footer">Cổng thông tin điện tử tỉnh</div></body></html>"#;
        let t = to_text(html);
        assert!(
            t.contains("Nơi nhận:") && t.contains("Lâm Hải Giang"),
            "{t}"
        );
        assert!(!t.contains("Cổng thông tin"), "{t}");
    }

    #[test]
    fn the_declared_charset_is_read_in_either_form() {
        assert!(declared_windows_1258(b"<meta charset=\"windows-1258\">"));
        assert!(declared_windows_1258(b"<META CHARSET='CP1258'>"));
        assert!(declared_windows_1258(
            b"<meta http-equiv=Content-Type content=\"text/html; charset = windows-1258\">"
        ));
        assert!(!declared_windows_1258(b"<meta charset=\"windows-1252\">"));
        assert!(!declared_windows_1258(b"<p>charset: windows-1258</p>"));
        assert!(!declared_windows_1258(
            b"<html><body>no declaration</body></html>"
        ));
    }

    #[test]
    fn empty_and_broken_markup_do_not_panic() {
        assert_eq!(to_text(""), "");
        let _ = to_text("<p><b>unclosed <i>tags <table><td>x");
        let deep = "<div>".repeat(2_000) + "x";
        assert_eq!(to_text(&deep), "x\n");
    }
}

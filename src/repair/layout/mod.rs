//! Pass 3 of repair, layout: text (Unicode-clean, from `unicode`) → the same words laid
//! out as paragraphs and lines that extraction can read.
//!
//! Steps, all decided on the pass input's lines and applied at once through one
//! [`Rewriter`] (so every change is an edit with positions), each counted in the notes:
//! 1. **Web boilerplate** (`web`): the related-articles tail, bylines, share rows,
//!    "Tin liên quan" boxes, the title repeated as image alt text, glued link titles.
//! 2. **Markdown decoration** (`markdown`), when the text is Markdown or looks like it:
//!    `#` heading marks, `**`/`*` emphasis, `<sup>n</sup>` (→ `[^n]`), links, escapes.
//!    A signature laid out as a pipe table ("Nơi nhận:" list beside the signer) is written
//!    as the plain block: the list, then the signer's lines.
//! 3. **Page furniture** (`furniture`): page numbers, running headers/footers, footnote
//!    bodies (moved to a footnotes section at the end as `[^n]: text`) and lone footnote
//!    numbers (→ `[^n]` glued to their sentence).
//!    A footnote is written the Markdown way wherever it came from: `[^n]` where it is
//!    referenced, `[^n]: text` in the section appended at the end of the text.
//! 4. **Two-column lines**: "Nơi nhận: GIÁM ĐỐC" (copy-list heading and signer's title
//!    side by side in a PDF) is split onto two lines.
//! 5. **Letter-spaced titles** ("Q U Y Ế T   Đ Ị N H") are closed up ("QUYẾT ĐỊNH").
//! 6. **Hard-wrapped lines** are joined into paragraphs. A line is joined to the next
//!    when the text is wrapped (most lines near one width, as in PDF text) and the line
//!    runs to that width without ending a sentence, or when the next line starts in lower
//!    case (a paragraph cut by a page break). Never joined: list items ("- ", "a)", "1.",
//!    "I."), headings (all-caps or `#`; a numbered all-caps heading wrapped onto a second
//!    all-caps line is joined), table rows (tabs, pipes, or rows of figures apart by runs
//!    of spaces with the header rows above them), Markdown hard breaks, "…;"
//!    followed by a capital (an unmarked list), and the Decree 30 header and signature
//!    lines ("Số:", the date line, "Kính gửi:", "Nơi nhận:", "KT. …"), which extraction
//!    reads line by line; only a wrapped "V/v …" subject or "Kính gửi: …" recipient takes
//!    its continuation line.
//!
//! Measured by `scripts/eval_layout.py` (transcripts re-wrapped as PDF text, see there).
//!
//! Joining replaces only the line break (and blank lines of a double-spaced PDF): spaces
//! at line ends are kept, since a space there may stand for a glyph the PDF lost, which
//! `restore` puts back. This pass does not change words (a letter-spaced title keeps its letters).

mod furniture;
pub(crate) mod lines;
mod markdown;
mod web;

use super::{Pass, Rewriter};
use crate::ingest::Format;
use lines::Line;
pub(crate) use markdown::names_the_nation;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Texts beyond this size are left as they are (bounded time on any input).
const MAX_LAYOUT_BYTES: usize = 64 * 1024 * 1024;

/// Per-kind counters, reported as "kind: n" notes.
#[derive(Default)]
pub(crate) struct Counts(BTreeMap<&'static str, usize>);

impl Counts {
    pub(crate) fn add(&mut self, kind: &'static str) {
        self.add_n(kind, 1);
    }
    pub(crate) fn add_n(&mut self, kind: &'static str, n: usize) {
        if n > 0 {
            *self.0.entry(kind).or_insert(0) += n;
        }
    }
    fn notes(&self) -> Vec<String> {
        self.0.iter().map(|(k, n)| format!("{k}: {n}")).collect()
    }
}

/// Runs the pass.
pub fn repair(text: &str, format: Format) -> Pass {
    if text.len() > MAX_LAYOUT_BYTES || text.is_empty() {
        return Pass::unchanged("layout", text);
    }
    let all = lines::split(text);
    let n = all.len();
    let s = |i: usize| &text[all[i].start..all[i].end];
    let mut counts = Counts::default();
    let mut drop = vec![false; n];
    let mut glue_after = vec![false; n];
    let mut heading = vec![false; n];
    let mut inline: Vec<(Range<usize>, String)> = Vec::new();
    let mut footnotes: Vec<(u32, String)> = Vec::new();

    web::mark(text, &all, format, &mut drop, &mut counts);

    let is_md = format == Format::Markdown
        || (format == Format::Text && markdown::looks_like_markdown(text, &all));
    if is_md {
        // What a `<br>` becomes, found only where the text has one.
        let br = if text.contains("<br") {
            markdown::br_replacements(text, &all)
        } else {
            Vec::new()
        };
        // A signature laid out as a pipe table becomes the plain block, written in place
        // of its first row; its other rows go.
        let mut laid_out = vec![false; n];
        for table in markdown::signature_tables(text, &all, &drop) {
            let first = table.lines.start;
            inline.push((all[first].start..all[first].end, table.text));
            for i in table.lines {
                laid_out[i] = true;
                drop[i] = i != first;
            }
            counts.add("markdown signature table laid out");
        }
        for i in 0..n {
            if drop[i] || laid_out[i] || lines::is_blank(s(i)) {
                continue;
            }
            let st = markdown::strip_line(text, all[i], br.get(i).copied().unwrap_or("\n"));
            if st.drop {
                drop[i] = true;
                counts.add("markdown rule dropped");
                continue;
            }
            counts.add_n("markdown emphasis", st.emphasis);
            counts.add_n("markdown other", st.other);
            heading[i] = st.heading;
            if let Some((num, body_start)) = markdown::footnote_body(text, all[i]) {
                let edits: Vec<_> = st
                    .edits
                    .into_iter()
                    .filter(|(r, _)| r.start >= body_start)
                    .collect();
                let body = apply(text, body_start..all[i].end, &edits);
                footnotes.push((num, body.trim().to_string()));
                drop[i] = true;
                continue;
            }
            counts.add_n("footnote marker", st.markers);
            inline.extend(st.edits);
        }
    }

    split_two_column_signature(text, &all, &drop, &mut inline, &mut counts);
    close_letter_spacing(text, &all, &drop, &mut inline, &mut counts);

    furniture::mark(
        text,
        &all,
        is_md,
        furniture::Furniture {
            drop: &mut drop,
            glue_after: &mut glue_after,
            inline: &mut inline,
            footnotes: &mut footnotes,
        },
        &mut counts,
    );
    counts.add_n("footnote moved to end", footnotes.len());

    let kept: Vec<usize> = (0..n)
        .filter(|&i| !drop[i] && !lines::is_blank(s(i)))
        .collect();
    let shape = Shape::measure(text, &all, &kept);
    let in_table = aligned_table_rows(text, &all, &kept);
    let ctx = JoinContext {
        text,
        all: &all,
        drop: &drop,
        heading: &heading,
        in_table: &in_table,
        glue_after: &glue_after,
        is_md,
        shape,
    };

    inline.sort_by_key(|(r, _)| (r.start, r.end));
    let mut rw = Rewriter::new(text);
    let mut next_inline = 0;
    let mut emit_inline_until = |rw: &mut Rewriter, end: usize| {
        while next_inline < inline.len() && inline[next_inline].0.start <= end {
            let (r, w) = &inline[next_inline];
            rw.replace(r.clone(), w, 0.9);
            next_inline += 1;
        }
    };
    // Dropped lines before the first kept line.
    let first_start = kept.first().map_or(text.len(), |&i| all[i].start);
    if let Some(rep) = gap_without_dropped(text, &all, &drop, None, first_start) {
        rw.replace(0..first_start, &rep, 0.8);
    }
    for (k, &a) in kept.iter().enumerate() {
        emit_inline_until(&mut rw, all[a].end);
        let gap_end = kept.get(k + 1).map_or(text.len(), |&b| all[b].start);
        let gap = all[a].end..gap_end;
        match kept.get(k + 1).map(|&b| ctx.decide(a, b)) {
            Some(Join::Glue) => {
                rw.replace(gap, "", 0.8);
                counts.add("lines joined");
            }
            Some(Join::Space) => {
                let sep = if s(a).ends_with(char::is_whitespace)
                    || s(kept[k + 1]).starts_with(char::is_whitespace)
                {
                    ""
                } else {
                    " "
                };
                rw.replace(gap, sep, 0.8);
                counts.add("lines joined");
            }
            _ => {
                if let Some(rep) = gap_without_dropped(text, &all, &drop, Some(a), gap_end) {
                    rw.replace(gap, &rep, 0.8);
                }
            }
        }
    }
    if !footnotes.is_empty() {
        footnotes.sort_by_key(|(k, _)| *k);
        let mut section = String::from(if text.ends_with('\n') { "\n" } else { "\n\n" });
        for (k, body) in &footnotes {
            section.push_str(&format!("[^{k}]: {}\n", body.trim_end()));
        }
        // Edits must go forward: add the section after everything else.
        rw.replace(text.len()..text.len(), &section, 0.8);
    }
    rw.finish("layout", counts.notes())
}

/// Rows of a table aligned with spaces (PDF or plain text), never joined to their
/// neighbours: a row of cells apart by runs of two or more spaces with at least two figures
/// ("1     Xã Bình Minh      120     95") next to another such row, and up to two header
/// rows of cells right above one ("STT  Tên xã  Số hộ nghèo"). A sentence above joined to
/// the header, or the header to the first row, would lose the table. Prose whose lost
/// glyphs left double spaces ("Ph ng   h i") has cells too, but seldom figures alone.
fn aligned_table_rows(text: &str, all: &[Line], kept: &[usize]) -> Vec<bool> {
    let cells: Vec<Vec<&str>> = kept
        .iter()
        .map(|&i| lines::aligned_cells(&text[all[i].start..all[i].end]))
        .collect();
    let row = |k: usize| cells.get(k).is_some_and(|c| c.len() >= 3);
    let figures =
        |k: usize| row(k) && cells[k].iter().filter(|c| lines::is_figure_cell(c)).count() >= 2;
    let body: Vec<bool> = (0..kept.len())
        .map(|k| figures(k) && (k > 0 && figures(k - 1) || figures(k + 1)))
        .collect();
    let body = |k: usize| body.get(k).copied().unwrap_or(false);
    let mut in_table = vec![false; all.len()];
    for (k, &i) in kept.iter().enumerate() {
        let header = row(k) && (body(k + 1) || row(k + 1) && body(k + 2));
        in_table[i] = body(k) || header;
    }
    in_table
}

static NOI_NHAN_AND_SIGNER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"^\s*\**Nơi nhận\s*:?\**(\s+)\**(?:(?:KT|TM|TL|TUQ|Q|PKT)\s*\.\s*)?\p{Lu}[\p{Lu}\s.]*\**\s*$")
        .expect("valid regex")
});

/// "Nơi nhận: GIÁM ĐỐC": a two-column PDF layout put the copy list's heading and the
/// signer's title on one line; they go on two lines, as extraction reads them.
fn split_two_column_signature(
    text: &str,
    all: &[Line],
    drop: &[bool],
    inline: &mut Vec<(Range<usize>, String)>,
    counts: &mut Counts,
) {
    for (i, l) in all.iter().enumerate() {
        let line = &text[l.start..l.end];
        if drop[i] || !line.contains("Nơi nhận") {
            continue;
        }
        if let Some(gap) = NOI_NHAN_AND_SIGNER.captures(line).and_then(|c| c.get(1)) {
            inline.push((l.start + gap.start()..l.start + gap.end(), "\n".into()));
            counts.add("two-column signature line split");
        }
    }
}

/// "Q U Y Ế T   Đ Ị N H": a title stretched across the page with a space after each
/// letter is written as its words ("QUYẾT ĐỊNH"), so that extraction knows it as the title.
fn close_letter_spacing(
    text: &str,
    all: &[Line],
    drop: &[bool],
    inline: &mut Vec<(Range<usize>, String)>,
    counts: &mut Counts,
) {
    for (i, l) in all.iter().enumerate() {
        if drop[i] {
            continue;
        }
        if let Some(gaps) = lines::letter_spacing_gaps(&text[l.start..l.end]) {
            inline.extend(
                gaps.into_iter()
                    .map(|(r, w)| (l.start + r.start..l.start + r.end, w.to_string())),
            );
            counts.add("letter-spaced title closed up");
        }
    }
}

/// Applies sorted edits to a slice of `text`, giving the resulting string.
fn apply(text: &str, range: Range<usize>, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::new();
    let mut pos = range.start;
    for (r, w) in edits {
        if r.start < pos || r.end > range.end {
            continue;
        }
        out.push_str(&text[pos..r.start]);
        out.push_str(w);
        pos = r.end;
    }
    out.push_str(&text[pos..range.end]);
    out
}

/// The text between kept line `a` (or the start) and `end` with dropped lines removed and
/// blank lines around them merged; `None` when nothing in between was dropped.
fn gap_without_dropped(
    text: &str,
    all: &[Line],
    drop: &[bool],
    a: Option<usize>,
    end: usize,
) -> Option<String> {
    let from = a.map_or(0, |a| a + 1);
    let between: Vec<usize> = (from..all.len())
        .take_while(|&i| all[i].start < end)
        .collect();
    if !between.iter().any(|&i| drop[i]) {
        return None;
    }
    let run = longest_blank_run(text, all, drop, &between);
    let mut rep = String::new();
    if a.is_some() {
        rep.push('\n');
    }
    if a.is_some() && end < text.len() {
        rep.push_str(&"\n".repeat(run));
    }
    Some(rep)
}

/// The longest run of blank lines among `between`, dropped lines breaking a run (a page
/// number between two blank lines does not make a paragraph break).
fn longest_blank_run(text: &str, all: &[Line], drop: &[bool], between: &[usize]) -> usize {
    let (mut best, mut run) = (0, 0);
    for &i in between {
        if !drop[i] && lines::is_blank(&text[all[i].start..all[i].end]) {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Whether the text is hard-wrapped and how lines are spaced.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// Typical width of a full line, in characters.
    width: usize,
    wrapped: bool,
    /// Lines separated by one blank line (PDF text): then one blank line is a line break
    /// and two are a paragraph break.
    double_spaced: bool,
}

impl Shape {
    fn measure(text: &str, all: &[Line], kept: &[usize]) -> Shape {
        let s = |i: usize| &text[all[i].start..all[i].end];
        let mut widths: Vec<usize> = kept
            .iter()
            .map(|&i| s(i))
            .filter(|l| !lines::is_table_row(l))
            .map(lines::width)
            .filter(|&w| w >= 20)
            .collect();
        widths.sort_unstable();
        let width = widths.get(widths.len() * 9 / 10).copied().unwrap_or(0);
        let full = widths
            .iter()
            .filter(|&&w| w * 10 >= width * 7 && w * 100 <= width * 115)
            .count();
        let wrapped = widths.len() >= 6 && width <= 160 && full * 2 >= widths.len();
        let mut one_blank = 0;
        for pair in kept.windows(2) {
            let blanks = (pair[0] + 1..pair[1])
                .filter(|&i| lines::is_blank(s(i)))
                .count();
            if blanks == 1 && pair[1] - pair[0] == 2 {
                one_blank += 1;
            }
        }
        let double_spaced = kept.len() >= 10 && one_blank * 10 >= (kept.len() - 1) * 6;
        Shape {
            width,
            wrapped,
            double_spaced,
        }
    }
}

fn blank_run_between(ctx: &JoinContext, a: usize, b: usize) -> usize {
    let between: Vec<usize> = (a + 1..b).collect();
    longest_blank_run(ctx.text, ctx.all, ctx.drop, &between)
}

/// How two consecutive kept lines are put together.
#[derive(Debug, PartialEq, Eq)]
enum Join {
    /// Left on separate lines.
    Keep,
    /// Joined with a space (none added when one side already has one).
    Space,
    /// Joined with nothing in between (a footnote marker).
    Glue,
}

struct JoinContext<'a> {
    text: &'a str,
    all: &'a [Line],
    drop: &'a [bool],
    heading: &'a [bool],
    /// Rows of a space-aligned table.
    in_table: &'a [bool],
    glue_after: &'a [bool],
    is_md: bool,
    shape: Shape,
}

/// Text, a gap of eight spaces or a tab, more text.
fn is_two_column(line: &str) -> bool {
    let core = line.trim();
    core.contains("        ") || core.contains('\t')
}

/// Leading spaces that put a line in the middle of its page or column: a header line.
const CENTRED_INDENT: usize = 20;

/// One of the two lines is centred and the other starts well left of it: a header line
/// ("Độc lập - Tự do - Hạnh phúc" with its mark lost, so no rule knows it) and the line
/// below it, which a wrapped paragraph never is.
fn centred_apart(a: &str, b: &str) -> bool {
    let indent = |s: &str| s.chars().take_while(|&c| c == ' ').count();
    let (ia, ib) = (indent(a), indent(b));
    ia.max(ib) >= CENTRED_INDENT && ia.abs_diff(ib) * 2 >= ia.max(ib)
}

/// A document's number wrapped at a hyphen of its symbol ("Tờ trình số 17/TTr-" /
/// "SGDĐT ngày …"): the symbol goes on with no space.
fn symbol_cut(a: &str, b: &str) -> bool {
    let last = a.trim_end().rsplit(' ').next().unwrap_or("");
    let Some(head) = last.strip_suffix('-') else {
        return false;
    };
    let numbered = head.split_once('/').is_some_and(|(n, rest)| {
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty()
    });
    let next = b.trim_start().split(' ').next().unwrap_or("");
    numbered && next.chars().any(char::is_uppercase) && !next.chars().any(char::is_lowercase)
}

impl JoinContext<'_> {
    fn line(&self, i: usize) -> &str {
        &self.text[self.all[i].start..self.all[i].end]
    }

    fn decide(&self, a: usize, b: usize) -> Join {
        match self.decide_break(a, b) {
            Join::Space if symbol_cut(self.line(a), self.line(b)) => Join::Glue,
            join => join,
        }
    }

    fn decide_break(&self, a: usize, b: usize) -> Join {
        if self.glue_after[a] {
            return Join::Glue;
        }
        let (sa, sb) = (self.line(a), self.line(b));
        let structural = |i: usize, s: &str| {
            self.heading[i]
                || lines::is_header_line(s)
                || lines::is_table_row(s)
                || self.in_table[i]
                || (self.is_md && lines::is_md_heading(s))
        };
        // The subject ("V/v …") and recipient ("Kính gửi: …") lines may wrap; their
        // continuation joins them, other header lines stand alone.
        let continues_header = lines::is_wrappable_header_line(sa) && !self.heading[a];
        if (structural(a, sa) && !continues_header) || structural(b, sb) || lines::starts_block(sb)
        {
            return Join::Keep;
        }
        if self.is_md && (sa.ends_with("  ") || sa.ends_with('\\')) {
            return Join::Keep;
        }
        // Two columns on one line (a copy list beside the signature): a wrapped tail
        // belongs to the left column, and joined here it would land after the right one.
        if is_two_column(sa) {
            return Join::Keep;
        }
        if centred_apart(sa, sb) {
            return Join::Keep;
        }
        if lines::ends_sentence(sa) {
            // A wrapped line that runs to the full width ends a sentence, not a paragraph:
            // a paragraph's last line is rarely full.
            let full_stop_at_width = self.shape.wrapped
                && lines::core(sa).ends_with('.')
                && lines::width(sa) * 100 >= self.shape.width * 97
                && !lines::is_all_caps(lines::core(sb))
                && blank_run_between(self, a, b) <= usize::from(self.shape.double_spaced);
            return if full_stop_at_width {
                Join::Space
            } else {
                Join::Keep
            };
        }
        // "…;" then a capital: the next item of an unmarked list ("Căn cứ …;").
        if sa.trim_end().ends_with(';') && !lines::starts_lowercase(sb) {
            return Join::Keep;
        }
        let caps_a = lines::is_all_caps(lines::core(sa));
        let caps_b = lines::is_all_caps(lines::core(sb));
        let blank_run = {
            let between: Vec<usize> = (a + 1..b).collect();
            longest_blank_run(self.text, self.all, self.drop, &between)
        };
        if caps_a && !caps_b {
            return Join::Keep;
        }
        // A subject or recipient wraps onto the very next line; after a blank line comes
        // the next part, which may be in small letters too (the enacting body of a header
        // whose capitals an H font lost: "giám đốc sở kế hoạch và đầu tư").
        if continues_header && blank_run > usize::from(self.shape.double_spaced) {
            return Join::Keep;
        }
        // A numbered heading wrapped onto a second all-caps line.
        if caps_a
            && caps_b
            && lines::starts_block(sa)
            && lines::width(sa) * 2 >= self.shape.width
            && blank_run <= if self.shape.double_spaced { 1 } else { 0 }
        {
            return Join::Space;
        }
        // A sentence cut by a page break or a blank line goes on in lower case.
        if lines::starts_lowercase(sb) && blank_run <= 4 && !sa.trim_end().ends_with(';') {
            return Join::Space;
        }
        // … or on in figures across page furniture taken out ("hoàn thành trước ngày" /
        // "Trang 2/3" / running head / "15/6/2008. Công ty …").
        let page_break_between =
            (a + 1..b).any(|i| self.drop[i] && furniture::is_page_number(self.line(i)));
        if page_break_between
            && self.shape.wrapped
            && lines::width(sa) * 100 >= self.shape.width * 80
            && blank_run <= 4
            && sb.trim_start().starts_with(|c: char| c.is_ascii_digit())
            && sa.trim_end().ends_with(char::is_alphabetic)
        {
            return Join::Space;
        }
        let paragraph_break = if self.shape.double_spaced {
            blank_run >= 2
        } else {
            blank_run >= 1
        };
        let full = lines::width(sa) * 10 >= self.shape.width * 7;
        if self.shape.wrapped && !paragraph_break && full && caps_a == caps_b {
            return Join::Space;
        }
        Join::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Pass {
        repair(s, Format::Text)
    }

    #[test]
    fn a_number_wrapped_at_its_symbol_s_hyphen_is_rejoined_without_a_space() {
        // A dash between words is no symbol.
        assert!(!symbol_cut("các xã -", "PHƯỜNG"));
        assert!(symbol_cut("Công văn số 12/UBND-", "VX ngày"));
    }

    #[test]
    fn clean_text_is_unchanged() {
        let t = "Số: 12/UBND-VP\nHà Nội, ngày 1 tháng 2 năm 2024\n\nKính gửi: Sở Tài chính\n\nNội dung một câu hoàn chỉnh.\n";
        let p = run(t);
        assert_eq!(p.text, t);
        assert!(p.edits.is_empty());
    }

    #[test]
    fn official_text_with_a_marker_like_heading_is_kept() {
        let t = "Báo cáo tình hình thực hiện.\n\nNội dung thứ nhất của báo cáo.\n\nBình luận\n\nNội dung nhận xét về kết quả.\n\nNơi nhận:\n- Như trên;\n";
        let p = run(t);
        assert_eq!(p.text, t);
    }

    #[test]
    fn two_column_signature_line_is_split() {
        let p = run("Nơi nhận: KT. GIÁM ĐỐC \n- Như trên;\n");
        assert_eq!(p.text, "Nơi nhận:\nKT. GIÁM ĐỐC \n- Như trên;\n");
        let p = run("Nơi nhận: các Sở, ngành.\n");
        assert!(p.edits.is_empty());
    }

    #[test]
    fn subject_is_not_joined_across_a_blank_line() {
        let text = "V/v thành lập tổ thẩm định\n\ngiám đốc sở kế hoạch và đầu tư\n";
        assert_eq!(run(text).text, text);
        let wrapped = "V/v thành lập tổ thẩm định\ndự án đầu tư\n";
        assert_eq!(
            run(wrapped).text,
            "V/v thành lập tổ thẩm định dự án đầu tư\n"
        );
    }

    #[test]
    fn wrapped_tail_is_not_joined_after_a_second_column() {
        let text = "- Các Cục, Vụ, Viện, đơn vị                 Đỗ Thị Lan\n  thuộc Bộ Y tế;\n";
        assert_eq!(run(text).text, text);
        // Without the second column the tail joins its line.
        let p = run("- Các Cục, Vụ, Viện, đơn vị\n  thuộc Bộ Y tế;\n");
        assert_eq!(p.text.lines().count(), 1);
    }

    #[test]
    fn a_centred_header_line_is_not_joined_to_the_line_below() {
        // The motto with glyphs lost is no header line any rule knows; being centred above
        // a line at the margin still keeps it apart. Wrapped prose lines around it join.
        let body = "Ủy ban nhân dân huyện báo cáo kết quả thực hiện nhiệm vụ năm 2031 như\n\
                    sau, với các chỉ tiêu chủ yếu đều đạt và vượt kế hoạch đã được giao.\n"
            .repeat(4);
        let header = format!(
            "{}Đ   lập - Tự do - Hạ   p ú \nNgh  quyết s : 15/NQ-HĐND\n",
            " ".repeat(39)
        );
        let p = run(&format!("{header}\n{body}"));
        assert!(p.text.starts_with(&header), "{:?}", p.text);
        assert!(p.text.contains("như sau, với"), "{}", p.text);
        assert!(!centred_apart(
            "    Căn cứ Luật Tổ chức",
            "chính quyền địa phương"
        ));
    }

    #[test]
    fn a_page_break_of_a_two_page_pdf_goes_with_its_running_lines() {
        let t = "đã giải ngân 1.605,3 tỷ đồng, đạt 87,1% kế\nhoạch vốn được giao.\nBáo cáo số 98/BC-SNV ngày 05/11/2025 của Sở Nội vụ\n\n2\n\nBáo cáo số 98/BC-SNV ngày 05/11/2025 của Sở Nội vụ\n3. Hỗ trợ nhà ở: đã hỗ trợ 3.460 căn nhà cho hộ nghèo,\nhộ cận nghèo.\n";
        let p = run(t);
        assert!(!p.text.contains("Báo cáo số 98"), "{}", p.text);
        assert!(!p.text.lines().any(|l| l.trim() == "2"), "{}", p.text);
        assert!(p.text.contains("3.460 căn nhà cho hộ nghèo, hộ cận nghèo."));
    }

    #[test]
    fn a_one_page_document_s_footer_number_is_dropped() {
        let t = "Nội dung báo cáo./.\n\nNơi nhận:\n- Lưu: VT.\n\nNguyễn Văn An\n\n1\n";
        let p = run(t);
        assert!(p.text.trim_end().ends_with("Nguyễn Văn An"), "{:?}", p.text);
        // Not a number inside the text, nor the last of several pages.
        let t = "Số liệu như sau\n\n1\n\ntrang tiếp\x0Cphần hai\n\n1\n";
        assert!(run(t).text.trim_end().ends_with('1'));
    }

    #[test]
    fn paragraph_cut_by_page_break_is_rejoined() {
        let t = "Báo cáo của các đơn vị theo đề cương\n\nbáo cáo gửi kèm trước ngày 14/12.\n";
        let p = run(t);
        assert_eq!(
            p.text,
            "Báo cáo của các đơn vị theo đề cương báo cáo gửi kèm trước ngày 14/12.\n"
        );
        assert!(p.notes.contains(&"lines joined: 1".to_string()));
    }
}

//! Markdown decoration that exported documents carry ("## KẾ HOẠCH", "**Nơi nhận:**",
//! `<sup>1</sup>`, `[x](mailto:x)`, `1\.`): found per line as edits, so extraction sees the
//! plain words. Only used when the text looks like Markdown ([`looks_like_markdown`]);
//! table pipes and list markers are kept, they carry structure.

use super::lines::{self, Line};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

/// Markdown signals: headings, strong emphasis, `<sup>` tags, pipe-table rules, links.
pub fn looks_like_markdown(text: &str, all: &[Line]) -> bool {
    let mut signals = 0;
    for l in all.iter().take(5000) {
        let s = &text[l.start..l.end];
        if lines::is_md_heading(s)
            || s.contains("**")
            || s.contains("<sup>")
            || s.contains("](")
            || MD_RULE.is_match(s)
        {
            signals += 1;
            if signals >= 2 {
                return true;
            }
        }
    }
    false
}

static MD_RULE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
        .expect("valid regex")
});
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"^\s*(?:#{1,6}[ \t]+|>[ \t]?)").expect("valid regex")
});
static HRULE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"^\s*([-*_])(?:\s*[-*_]){2,}\s*$").expect("valid regex")
});
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(concat!(
        r"(?P<fn><sup>\s*\(?(?P<num>\d{1,3})\)?\s*</sup>|\[\^(?P<num2>\d{1,3})\])",
        // Unbounded classes, not {0,N}: a bounded repeat of a Unicode class is copied N times
        // into the automaton, which cost ~10 MB here and as much again per worker thread.
        r"|<sup>(?P<supt>[^<\n]*)</sup>",
        r"|(?P<br><br\s*/?>)",
        r"|(?P<tag></?(?:sub|sup|u|b|i|em|strong|span|br|mark|small|ins|del)\b[^>\n]*>)",
        r"|(?P<img>!\[[^\]\n]*\]\([^)\n]*\))",
        r"|\[(?P<lt>[^\]\[\n]+)\]\([^)\s]*(?:\s+[^)\n]*)?\)",
        r"|\\(?P<esc>[!-/:-@\[-`{-~])",
        r"|(?P<emph>\*{1,3}|_{2,3})",
    ))
    .expect("valid regex")
});
static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"^\s*(?:<sup>\s*\(?(\d{1,3})\)?\s*</sup>|\[\^(\d{1,3})\]:)\s*")
        .expect("valid regex")
});

/// What stripping one line found.
#[derive(Default)]
pub struct Stripped {
    /// Replacements inside the line (absolute byte ranges, in order).
    pub edits: Vec<(Range<usize>, String)>,
    /// The whole line is decoration (a horizontal rule).
    pub drop: bool,
    /// The line was a `#` heading.
    pub heading: bool,
    /// Counters: (decoration kind, count).
    pub emphasis: usize,
    pub markers: usize,
    pub other: usize,
}

/// If the line is a footnote body (`<sup>1</sup> text` or `[^1]: text`): its number and
/// where its text starts.
pub fn footnote_body(text: &str, line: Line) -> Option<(u32, usize)> {
    let s = &text[line.start..line.end];
    let c = BODY_START.captures(s)?;
    let num = c.get(1).or_else(|| c.get(2))?.as_str().parse().ok()?;
    Some((num, line.start + c.get(0)?.end()))
}

/// What a `<br>` becomes on each line: a line break, except inside a table of data, whose
/// row must stay one line (there it is a space, so that "Xã A<br>(thôn B)" keeps its words
/// apart). A table that lays out a header or signature is no table of data: its cells'
/// lines become lines. Each table's rows are looked at once.
pub fn br_replacements(text: &str, all: &[Line]) -> Vec<&'static str> {
    let is_row = |k: usize| text[all[k].start..all[k].end].trim_start().starts_with('|');
    let mut out = vec!["\n"; all.len()];
    let mut first = 0;
    while first < all.len() {
        if !is_row(first) {
            first += 1;
            continue;
        }
        let end = (first..all.len())
            .find(|&k| !is_row(k))
            .unwrap_or(all.len());
        // A header or a signature block laid out in a table (the copy list beside the
        // signer) keeps its lines.
        let layout = (first..end).any(|k| {
            let row = &text[all[k].start..all[k].end];
            names_the_nation(row) || row.contains("Nơi nhận") || row.contains("NƠI NHẬN")
        });
        if !layout {
            out[first..end].fill(" ");
        }
        first = end;
    }
    out
}

pub fn strip_line(text: &str, line: Line, br: &str) -> Stripped {
    let s = &text[line.start..line.end];
    let mut out = Stripped::default();
    if HRULE.is_match(s) && !s.contains('|') {
        out.drop = true;
        return out;
    }
    let mut from = 0;
    if let Some(m) = PREFIX.find(s) {
        out.heading = s.trim_start().starts_with('#');
        // Keep the indentation, drop the marker.
        let indent = s.len() - s.trim_start().len();
        if m.end() > indent {
            out.edits
                .push((line.start + indent..line.start + m.end(), String::new()));
            out.other += 1;
        }
        from = m.end();
    }
    // Closing hashes of an ATX heading ("## Title ##").
    let mut until = s.len();
    if out.heading {
        let t = s.trim_end();
        let closing = t.len() - t.trim_end_matches('#').len();
        if closing > 0 && t[..t.len() - closing].ends_with(' ') {
            until = t[..t.len() - closing].trim_end().len().max(from);
        }
    }
    let body = &s[..until];
    for c in INLINE.captures_iter(&body[from..]) {
        let Some(m) = c.get(0) else { continue };
        let range = line.start + from + m.start()..line.start + from + m.end();
        if c.name("br").is_some() {
            out.edits.push((range, br.to_string()));
            out.other += 1;
            continue;
        }
        if let Some(rep) = replacement(&c, body, from + m.start(), from + m.end(), &mut out) {
            out.edits.push((range, rep));
        }
    }
    let t_end = s.trim_end().len();
    if until < t_end {
        out.edits
            .push((line.start + until..line.start + t_end, String::new()));
        out.other += 1;
    }
    out
}

fn replacement(
    c: &Captures,
    line: &str,
    start: usize,
    end: usize,
    out: &mut Stripped,
) -> Option<String> {
    if c.name("fn").is_some() {
        let n = c.name("num").or_else(|| c.name("num2"))?.as_str();
        out.markers += 1;
        return Some(format!("[^{n}]"));
    }
    if let Some(t) = c.name("supt") {
        out.other += 1;
        return Some(t.as_str().to_string());
    }
    if c.name("tag").is_some() || c.name("img").is_some() {
        out.other += 1;
        return Some(String::new());
    }
    if let Some(t) = c.name("lt") {
        out.other += 1;
        return Some(t.as_str().to_string());
    }
    if let Some(t) = c.name("esc") {
        out.other += 1;
        return Some(t.as_str().to_string());
    }
    if c.name("emph").is_some() {
        let before = line[..start].chars().next_back();
        let after = line[end..].chars().next();
        let space_or_edge = |c: Option<char>| c.map_or(true, char::is_whitespace);
        // "* item" at the start of a line is a bullet; " * " between spaces is arithmetic.
        if space_or_edge(after) && (space_or_edge(before) || line[..start].trim().is_empty()) {
            return None;
        }
        if line[..start].trim().is_empty() && after.is_some_and(char::is_whitespace) {
            return None;
        }
        // Underscores inside a word ("file__name") are not emphasis.
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if line[start..end].starts_with('_') && word(before) && word(after) {
            return None;
        }
        out.emphasis += 1;
        return Some(String::new());
    }
    None
}

/// A pipe table that lays out the closing block (the "Nơi nhận:" list in one column, the
/// signer's authority, title and name in the other, a cell or a row a line): its lines,
/// and the text a plain signature block gives for it, the columns one after another,
/// without pipes or empty cells. Read as a table, its rows would mix the copy list with
/// the signer's lines, and each row would be a row of data.
pub struct SignatureTable {
    pub lines: Range<usize>,
    pub text: String,
}

/// The signature tables among the lines not dropped: runs of pipe-table rows (opening
/// with `|`, or holding one beside a pipe rule row) of two or three columns, one cell of
/// which opens with "Nơi nhận", and none naming the nation (a header's table).
pub fn signature_tables(text: &str, all: &[Line], drop: &[bool]) -> Vec<SignatureTable> {
    let line = |k: usize| &text[all[k].start..all[k].end];
    let piped = |k: usize| !drop[k] && line(k).contains('|');
    let mut out = Vec::new();
    let mut first = 0;
    while first < all.len() {
        if !piped(first) {
            first += 1;
            continue;
        }
        let end = (first..all.len()).find(|&k| !piped(k)).unwrap_or(all.len());
        let rows = first..end;
        first = end;
        let is_table = rows.clone().all(|k| line(k).trim_start().starts_with('|'))
            || rows.clone().any(|k| MD_RULE.is_match(line(k)));
        if !is_table || rows.clone().any(|k| names_the_nation(line(k))) {
            continue;
        }
        let mut columns: Vec<Vec<String>> = Vec::new();
        for k in rows.clone().filter(|&k| !MD_RULE.is_match(line(k))) {
            for (c, cell) in cells(text, all[k]).into_iter().enumerate() {
                if columns.len() <= c {
                    columns.push(Vec::new());
                }
                let lines = cell.lines().map(str::trim).filter(|l| !l.is_empty());
                columns[c].extend(lines.map(str::to_string));
            }
        }
        columns.retain(|c| !c.is_empty());
        let opens_copy_list = |c: &Vec<String>| {
            c.iter().any(|l| {
                let lower = l.to_lowercase();
                lower.strip_prefix("nơi nhận").is_some_and(|rest| {
                    rest.trim().is_empty() || rest.trim_start().starts_with(':')
                })
            })
        };
        if !(2..=3).contains(&columns.len()) || !columns.iter().any(opens_copy_list) {
            continue;
        }
        let laid: Vec<String> = columns.iter().map(|c| c.join("\n")).collect();
        out.push(SignatureTable {
            lines: rows,
            text: laid.join("\n\n"),
        });
    }
    out
}

/// A pipe row's cells as plain text: decoration stripped and `<br>` a line break.
fn cells(text: &str, line: Line) -> Vec<String> {
    let s = &text[line.start..line.end];
    let mut bounds = Vec::new();
    let mut escaped = false;
    for (i, b) in s.bytes().enumerate() {
        if b == b'|' && !escaped {
            bounds.push(i);
        }
        escaped = b == b'\\' && !escaped;
    }
    let trimmed = s.trim();
    let lead = s.len() - s.trim_start().len();
    // The outer pipes close no cell.
    let mut edges = vec![if trimmed.starts_with('|') {
        lead + 1
    } else {
        0
    }];
    let inner_end = if trimmed.ends_with('|') && trimmed.len() > 1 {
        lead + trimmed.len() - 1
    } else {
        s.len()
    };
    for &b in &bounds {
        if b >= edges[0] && b < inner_end {
            edges.push(b + 1);
        }
    }
    let mut out = Vec::new();
    for (n, &from) in edges.iter().enumerate() {
        let to = edges.get(n + 1).map_or(inner_end, |&next| next - 1);
        if to < from {
            continue;
        }
        let cell = Line {
            start: line.start + from,
            end: line.start + to,
        };
        let stripped = strip_line(text, cell, "\n");
        out.push(super::apply(text, cell.start..cell.end, &stripped.edits));
    }
    out
}

/// Whether text holds the national name or motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
/// "Độc lập - Tự do - Hạnh phúc"), in any case, spacing, dash or tone placement: a
/// header laid out as a table, never data. The text is NFC.
pub(crate) fn names_the_nation(text: &str) -> bool {
    let letters: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphabetic())
        .collect::<String>()
        .replace("hoà", "hòa");
    letters.contains("cộnghòaxãhộichủnghĩaviệtnam") || letters.contains("độclậptựdohạnhphúc")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(s: &str) -> String {
        let all = lines::split(s);
        let st = strip_line(s, all[0], "\n");
        let mut out = String::new();
        let mut pos = 0;
        for (r, w) in st.edits {
            out.push_str(&s[pos..r.start]);
            out.push_str(&w);
            pos = r.end;
        }
        out.push_str(&s[pos..]);
        out
    }

    #[test]
    fn strips_decoration() {
        assert_eq!(apply("#### ***Nơi nhận:***"), "Nơi nhận:");
        assert_eq!(
            apply("- **Cơ sở số 2, trong đó:**"),
            "- Cơ sở số 2, trong đó:"
        );
        assert_eq!(apply("1. *Đẩy mạnh công tác.*"), "1. Đẩy mạnh công tác.");
        assert_eq!(apply("giao<sup>(1)</sup> tuy nhiên"), "giao[^1] tuy nhiên");
        assert_eq!(apply("email: [a@b.vn](mailto:a@b.vn))"), "email: a@b.vn)");
        assert_eq!(apply("* mục một"), "* mục một");
        assert_eq!(apply("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(apply("1\\. Mục"), "1. Mục");
        assert_eq!(apply("## KẾ HOẠCH ##"), "KẾ HOẠCH");
        assert!(strip_line("---", lines::split("---")[0], "\n").drop);
    }

    #[test]
    fn footnote_bodies() {
        let s = "<sup>1</sup> Một số đơn vị";
        let l = lines::split(s)[0];
        assert_eq!(footnote_body(s, l), Some((1, 13)));
        assert_eq!(
            footnote_body("[^2]: x", lines::split("[^2]: x")[0]),
            Some((2, 6))
        );
    }
}

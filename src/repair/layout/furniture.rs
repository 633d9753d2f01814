//! Page furniture in text pulled from PDFs: page numbers, running headers and footers,
//! and footnotes. Footnote bodies (the numbered notes under a rule line at a page's foot)
//! are taken out of the running text so the paragraph they interrupt can be rejoined;
//! a footnote number left alone on its own line is turned into a `[^n]` marker glued to
//! the sentence it belongs to. Decides per line; the layout pass applies the result.

use super::lines::{self, Line};
use super::Counts;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What this step decided, per line of the input.
pub struct Furniture<'p> {
    pub drop: &'p mut [bool],
    /// The line break after this line is removed with no space put in (marker glue).
    pub glue_after: &'p mut [bool],
    /// Replacements inside lines: (absolute range, text).
    pub inline: &'p mut Vec<(std::ops::Range<usize>, String)>,
    /// Footnote bodies taken out of the text: (number, text).
    pub footnotes: &'p mut Vec<(u32, String)>,
}

static PAGE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"(?i)^(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:trang|page)\s+\d{1,3}(?:\s*(?:/|của|of)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})$")
        .expect("valid regex")
});
static BODY_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"^ ?(\d{1,3}|[¹²³⁰⁴-⁹]{1,2})\s+\S").expect("valid regex")
});
static RULE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::compact_regex(r"^(?:\s{20,}|\s*[_\-–—]{10,}\s*)$").expect("valid regex")
});
static TRAILING_MARKER: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::compact_regex(r"\S\s(\d{1,2})$").expect("valid regex"));
static END_THEN_PAGE: LazyLock<Regex> =
    LazyLock::new(|| crate::rules::compact_regex(r"\./\.(\s+\d{1,3})\s*$").expect("valid regex"));

fn bare_number(s: &str) -> Option<u32> {
    let t = s.trim();
    if (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// A page number on its own line: a label ("- 3 -", "Trang 2/3") or a bare number.
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    PAGE_LABEL.is_match(t) || bare_number(t).is_some()
}

/// Marks furniture. `is_md` skips the PDF-only footnote heuristics.
// Lines are looked at with their neighbours, so loops go by index.
#[allow(clippy::needless_range_loop)]
pub fn mark(text: &str, all: &[Line], is_md: bool, f: Furniture, counts: &mut Counts) {
    let s = |i: usize| &text[all[i].start..all[i].end];
    let blank = |i: usize| lines::is_blank(s(i));
    let n = all.len();

    if !is_md {
        footnote_areas(text, all, &mut *f.drop, &mut *f.footnotes, counts);
    }
    let body_numbers: Vec<u32> = f.footnotes.iter().map(|(k, _)| *k).collect();

    // Page labels ("- 3 -", "Trang 3/12") anywhere; bare numbers when they stand alone
    // between blank lines and count up through the document.
    let mut bare: Vec<(usize, u32)> = Vec::new();
    for i in 0..n {
        if f.drop[i] || blank(i) {
            continue;
        }
        let t = s(i).trim();
        if PAGE_LABEL.is_match(t) {
            f.drop[i] = true;
            counts.add("page number dropped");
            continue;
        }
        let Some(num) = bare_number(t) else { continue };
        let prev_blank = i == 0 || blank(i - 1) || f.drop[i - 1];
        let next_blank = i + 1 >= n || blank(i + 1);
        if prev_blank && next_blank {
            bare.push((i, num));
        } else if !is_md && i > 0 && i + 1 < n && !blank(i + 1) && num <= 99 {
            // A footnote number alone on its line, between the word it follows and the
            // punctuation or words that continue the sentence.
            let next = s(i + 1);
            let continues = (next.starts_with(|c: char| {
                c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | ')')
            }) || lines::starts_lowercase(next))
                && !next.starts_with("..")
                && !next.starts_with('…');
            let prev = (0..i).rev().take(2).find(|&j| !blank(j) && !f.drop[j]);
            if let (true, Some(p)) = (continues, prev) {
                // A number after a word is a marker; after another number (a table column)
                // only when a footnote with that number was found.
                let after_word = s(p)
                    .trim_end()
                    .ends_with(|c: char| c.is_alphabetic() || matches!(c, ')' | '"' | '”'));
                if (after_word || body_numbers.contains(&num))
                    && !lines::is_table_row(s(p))
                    && !lines::is_table_row(next)
                {
                    let trimmed = s(i).trim();
                    let off = all[i].start + (s(i).len() - s(i).trim_start().len());
                    f.inline
                        .push((off..off + trimmed.len(), format!("[^{num}]")));
                    f.glue_after[p] = true;
                    f.glue_after[i] = true;
                    counts.add("footnote marker");
                }
            }
        }
    }
    // A lone page number between the same line repeated (the running footer of one page,
    // the running header of the next: a two-page document shows them only once each).
    for &(i, _) in &bare {
        let before = (0..i).rev().find(|&j| !blank(j));
        let after = (i + 1..n).find(|&j| !blank(j));
        let (Some(b), Some(a)) = (before, after) else {
            continue;
        };
        let (tb, ta) = (s(b).trim(), s(a).trim());
        let words = tb.split_whitespace().count();
        if i - b <= 3
            && a - i <= 3
            && tb == ta
            && words >= 2
            && tb.chars().count() <= 100
            && !lines::is_table_row(s(b))
        {
            for j in [b, i, a] {
                if !f.drop[j] {
                    f.drop[j] = true;
                    counts.add("running header/footer dropped");
                }
            }
        }
    }
    // Keep only runs that count up (1, 2, 3 …): a lone number may be a table cell.
    let mut k = 0;
    while k < bare.len() {
        let mut j = k;
        while j + 1 < bare.len() && bare[j + 1].1 == bare[j].1 + 1 {
            j += 1;
        }
        if j > k {
            for &(i, _) in &bare[k..=j] {
                f.drop[i] = true;
                counts.add("page number dropped");
            }
        }
        k = j + 1;
    }
    // A one-page document's footer: "1" alone at its very end.
    if let Some(&(i, 1)) = bare.last() {
        let last = (0..n).rev().find(|&j| !blank(j));
        if last == Some(i) && !f.drop[i] && !text.contains('\x0C') {
            f.drop[i] = true;
            counts.add("page number dropped");
        }
    }

    for i in 0..n {
        if f.drop[i] || blank(i) {
            continue;
        }
        let line = s(i);
        // "… Xã hội./. 2": a page number glued after the document's closing mark.
        if let Some(c) = END_THEN_PAGE.captures(line) {
            if let Some(m) = c.get(1) {
                f.inline.push((
                    all[i].start + m.start()..all[i].start + m.end(),
                    String::new(),
                ));
                counts.add("page number dropped");
            }
        }
        // "trong giáo dục¹ và …": a marker in superscript digits, where a note of that
        // number was found (not the "²" of "m²").
        if !is_md && !body_numbers.is_empty() {
            for (at, run) in superscript_runs(line) {
                let unit_before = line[..at]
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|w| matches!(w, "m" | "km" | "cm" | "dm" | "mm" | "ha"));
                // After a word, a bracket, or a year ("Chương trình giáo dục phổ thông
                // 2018²"), which no one squares.
                let digits_before = line[..at]
                    .bytes()
                    .rev()
                    .take_while(u8::is_ascii_digit)
                    .count();
                let glued = line[..at]
                    .ends_with(|c: char| c.is_alphabetic() || matches!(c, ')' | '.' | ','))
                    || digits_before == 4;
                match note_number(run) {
                    Some(num) if glued && !unit_before && body_numbers.contains(&num) => {
                        let start = all[i].start + at;
                        f.inline
                            .push((start..start + run.len(), format!("[^{num}]")));
                        counts.add("footnote marker");
                    }
                    _ => {}
                }
            }
        }
        // "… cộng đồng ... 4" + "; thường …": a footnote number typed after a space.
        if !is_md && i + 1 < n && s(i + 1).starts_with(['.', ',', ';', ':']) {
            if let Some(m) = TRAILING_MARKER.captures(line).and_then(|c| c.get(1)) {
                if let Ok(num) = m.as_str().parse::<u32>() {
                    if body_numbers.contains(&num) {
                        let r = all[i].start + m.start() - 1..all[i].start + m.end();
                        f.inline.push((r, format!("[^{num}]")));
                        f.glue_after[i] = true;
                        counts.add("footnote marker");
                    }
                }
            }
        }
    }

    running_headers(text, all, f.drop, counts);
}

/// The value of a superscript digit ("²" → 2).
fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁰' | '⁴'..='⁹' => Some(c as u32 - '⁰' as u32),
        _ => None,
    }
}

/// A footnote's number, in digits or in superscript digits ("12", "¹²").
fn note_number(written: &str) -> Option<u32> {
    written.chars().try_fold(0u32, |n, c| {
        let d = superscript_digit(c).or(c.to_digit(10))?;
        n.checked_mul(10)?.checked_add(d)
    })
}

/// The runs of superscript digits in `line`, with their byte offsets.
fn superscript_runs(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (k, c) in line.char_indices() {
        match (superscript_digit(c).is_some(), start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((s, &line[s..k]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

/// Finds rule lines followed by numbered notes, takes the notes out.
fn footnote_areas(
    text: &str,
    all: &[Line],
    drop: &mut [bool],
    footnotes: &mut Vec<(u32, String)>,
    counts: &mut Counts,
) {
    let s = |i: usize| &text[all[i].start..all[i].end];
    let n = all.len();
    let mut i = 0;
    while i < n {
        if !RULE_LINE.is_match(s(i)) {
            i += 1;
            continue;
        }
        let first = (i + 1..n.min(i + 3)).find(|&j| !lines::is_blank(s(j)));
        let Some(first) = first else {
            i += 1;
            continue;
        };
        let Some(num) = BODY_START
            .captures(s(first))
            .and_then(|c| note_number(&c[1]))
        else {
            i += 1;
            continue;
        };
        drop[i] = true;
        let mut current = (num, String::new());
        let mut taken = 0;
        let mut blanks = 0;
        let mut j = first;
        while j < n && taken < 40 {
            let line = s(j);
            if lines::is_blank(line) {
                blanks += 1;
                if blanks >= 2 {
                    break;
                }
                j += 1;
                continue;
            }
            // After a blank line, a note that has ended is followed only by another note
            // ("Nơi nhận:" under the notes of the last page is the document's); PDF text
            // double-spaced goes on with the note's next line.
            let note_ended = current.1.trim_end().ends_with(['.', ';', ':']);
            if blanks > 0 && !BODY_START.is_match(line) && note_ended {
                break;
            }
            if j != first {
                let next_num = BODY_START
                    .captures(line)
                    .and_then(|c| note_number(&c[1]))
                    .filter(|&k| k > current.0 && k <= current.0 + 3);
                if let Some(k) = next_num {
                    footnotes.push(std::mem::replace(&mut current, (k, String::new())));
                } else if line.starts_with(char::is_whitespace)
                    || RULE_LINE.is_match(line)
                    || bare_number(line).is_some()
                {
                    // The next page starts (its lines begin with a space in PDF text), or
                    // the page number under the notes.
                    break;
                }
            }
            let body = if current.1.is_empty() {
                let c = BODY_START.captures(line);
                let skip = c.and_then(|c| c.get(1)).map_or(0, |m| m.end());
                line[skip..].trim_start()
            } else {
                line
            };
            if !current.1.is_empty() && !current.1.ends_with(char::is_whitespace) {
                current.1.push(' ');
            }
            current.1.push_str(body);
            drop[j] = true;
            taken += 1;
            blanks = 0;
            j += 1;
        }
        footnotes.push(current);
        counts.add("footnote area");
        i = j;
    }
}

/// Short lines repeated on many pages (the same words, page numbers aside).
fn running_headers(text: &str, all: &[Line], drop: &mut [bool], counts: &mut Counts) {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in all.iter().enumerate() {
        let line = &text[l.start..l.end];
        let core = lines::core(line);
        let words = core
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if drop[i]
            || words < 2
            || core.chars().count() > 100
            || lines::starts_block(line)
            || lines::is_table_row(line)
            || lines::is_header_line(line)
        {
            continue;
        }
        let key: String = core
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        seen.entry(key).or_default().push(i);
    }
    // A page label ("Trang 2/3", "- 2 -") dropped right above or below line `i`, blank
    // lines between; a bare number may be a table's cell.
    let by_page_label = |i: usize| {
        let near = |j: &usize| !lines::is_blank(&text[all[*j].start..all[*j].end]);
        let above = (i.saturating_sub(4)..i).rev().find(near);
        let below = (i + 1..all.len().min(i + 5)).find(near);
        [above, below]
            .into_iter()
            .flatten()
            .any(|j| drop[j] && PAGE_LABEL.is_match(text[all[j].start..all[j].end].trim()))
    };
    let mut running = Vec::new();
    for (key, at) in seen {
        // Three copies make a running line; two do where each stands by a page label
        // (the head of pages 2 and 3 of a three-page document).
        let beside_page_labels = at.len() == 2 && at.iter().all(|&i| by_page_label(i));
        if at.len() < 3 && !beside_page_labels || at.windows(2).any(|w| w[1] - w[0] < 8) {
            continue;
        }
        // Keep the first copy when it opens the document (it may be the title) and does
        // not carry a page number.
        let opens = all[..at[0]]
            .iter()
            .filter(|l| !lines::is_blank(&text[l.start..l.end]))
            .count()
            < 5;
        let from = if opens && !key.contains('#') { 1 } else { 0 };
        running.extend_from_slice(&at[from..]);
    }
    for i in running {
        drop[i] = true;
        counts.add("running header/footer dropped");
    }
}

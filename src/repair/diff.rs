//! A reviewer's view of what repair changed (`vanban repair FILE --diff`): per pass, its
//! notes (what kind of fix, how many), then each change as a word diff in its context,
//! with the line number in that pass's input and the pass's confidence:
//!
//! ```text
//! == layout: 3 changes
//!    lines joined: 2
//!   12 │ …tổng hợp kết quả[-⏎⏎-]{+ +}sản xuất nông nghiệp… (0.80)
//! ```
//!
//! Removed text is shown as `[-…-]`, inserted text as `{+…+}` (red and green on a
//! terminal); line breaks as `⏎`, tabs as `→`. Changes close to each other share a line.

use super::{Edit, Pass, Repaired};
use std::fmt::Write;

/// Characters of unchanged text shown on each side of a change.
const CONTEXT_CHARS: usize = 30;
/// Longest removed or inserted text shown whole; longer ones are cut in the middle.
const MAX_SHOWN_CHARS: usize = 160;
/// Changes listed per pass before the rest are summed up.
const MAX_HUNKS_PER_PASS: usize = 5000;

struct Style {
    del: (&'static str, &'static str),
    ins: (&'static str, &'static str),
    dim: &'static str,
    bold: &'static str,
    reset: &'static str,
}

pub fn render(repaired: &Repaired, color: bool) -> String {
    let style = if color {
        Style {
            del: ("\x1b[31m[-", "-]\x1b[0m"),
            ins: ("\x1b[32m{+", "+}\x1b[0m"),
            dim: "\x1b[2m",
            bold: "\x1b[1m",
            reset: "\x1b[0m",
        }
    } else {
        Style {
            del: ("[-", "-]"),
            ins: ("{+", "+}"),
            dim: "",
            bold: "",
            reset: "",
        }
    };
    let mut out = String::new();
    for pass in &repaired.passes {
        render_pass(&mut out, pass, &style);
    }
    out
}

fn render_pass(out: &mut String, pass: &Pass, st: &Style) {
    let n = pass.edits.len();
    let plural = if n == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "{}== {}: {n} change{plural}{}",
        st.bold, pass.name, st.reset
    );
    for note in &pass.notes {
        let _ = writeln!(out, "   {}{note}{}", st.dim, st.reset);
    }
    let (mut line_no, mut counted_to) = (1usize, 0usize);
    let mut i = 0;
    let mut hunks = 0;
    while i < n {
        // Group edits whose contexts touch.
        let mut j = i + 1;
        while j < n
            && chars_between(
                &pass.input,
                pass.edits[j - 1].src.end,
                pass.edits[j].src.start,
            ) <= 2 * CONTEXT_CHARS
        {
            j += 1;
        }
        let group = &pass.edits[i..j];
        let start = group[0].src.start;
        line_no += pass.input[counted_to..start].matches('\n').count();
        counted_to = start;
        if hunks < MAX_HUNKS_PER_PASS {
            render_hunk(out, pass, group, line_no, st);
        }
        hunks += 1;
        i = j;
    }
    if hunks > MAX_HUNKS_PER_PASS {
        let _ = writeln!(out, "   … {} more", hunks - MAX_HUNKS_PER_PASS);
    }
}

fn render_hunk(out: &mut String, pass: &Pass, group: &[Edit], line_no: usize, st: &Style) {
    let input = &pass.input;
    let first = group[0].src.start;
    let last = group[group.len() - 1].src.end;
    let before_from = back_chars(input, first, CONTEXT_CHARS);
    let after_to = forward_chars(input, last, CONTEXT_CHARS);
    let mut line = String::new();
    if before_from > 0 && !input[..before_from].ends_with('\n') {
        line.push('…');
    }
    line.push_str(&visible(&input[before_from..first]));
    let mut pos = first;
    let mut confidence = 1.0f32;
    for e in group {
        line.push_str(&visible(&input[pos..e.src.start]));
        let (from, to) = pass.edit_texts(e);
        if !from.is_empty() {
            let _ = write!(line, "{}{}{}", st.del.0, shorten(&visible(from)), st.del.1);
        }
        if !to.is_empty() {
            let _ = write!(line, "{}{}{}", st.ins.0, shorten(&visible(to)), st.ins.1);
        }
        confidence = confidence.min(e.confidence);
        pos = e.src.end;
    }
    line.push_str(&visible(&input[pos..after_to]));
    if after_to < input.len() && !input[after_to..].starts_with('\n') {
        line.push('…');
    }
    let _ = writeln!(
        out,
        "{}{line_no:>5} │{} {line} {}({confidence:.2}){}",
        st.dim, st.reset, st.dim, st.reset
    );
}

fn chars_between(s: &str, a: usize, b: usize) -> usize {
    s.get(a..b).map_or(usize::MAX, |t| t.chars().count())
}

/// The byte offset `n` characters before `at`, not crossing a line break.
fn back_chars(s: &str, at: usize, n: usize) -> usize {
    let mut pos = at;
    for (i, c) in s[..at].char_indices().rev().take(n) {
        if c == '\n' {
            break;
        }
        pos = i;
    }
    pos
}

/// The byte offset `n` characters after `at`, not crossing a line break.
fn forward_chars(s: &str, at: usize, n: usize) -> usize {
    let mut pos = at;
    for (i, c) in s[at..].char_indices().take(n) {
        if c == '\n' {
            break;
        }
        pos = at + i + c.len_utf8();
    }
    pos
}

/// Makes line breaks, tabs and odd spaces visible.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\r' => '␍',
            '\t' => '→',
            '\x0c' => '␌',
            '\u{00A0}' => '⍽',
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => '¤',
            c => c,
        })
        .collect()
}

fn shorten(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_SHOWN_CHARS {
        return s.to_string();
    }
    let keep = MAX_SHOWN_CHARS / 2;
    let head: String = s.chars().take(keep).collect();
    let tail: String = s.chars().skip(n - keep).collect();
    format!("{head}…({} chars)…{tail}", n - 2 * keep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::Rewriter;

    #[test]
    fn word_diff_with_context_and_line_numbers() {
        let src = "dòng một\nhai ba\u{00A0}bốn năm\nsáu";
        let mut rw = Rewriter::new(src);
        let nbsp = src.find('\u{00A0}').unwrap();
        rw.replace(nbsp..nbsp + 2, " ", 1.0);
        let p = rw.finish("unicode", vec!["odd space → space: 1".into()]);
        let mut out = String::new();
        let st = Style {
            del: ("[-", "-]"),
            ins: ("{+", "+}"),
            dim: "",
            bold: "",
            reset: "",
        };
        render_pass(&mut out, &p, &st);
        assert_eq!(
            out,
            "== unicode: 1 change\n   odd space → space: 1\n    2 │ hai ba[-⍽-]{+ +}bốn năm (1.00)\n"
        );
    }

    #[test]
    fn long_texts_are_cut() {
        let long = "x".repeat(500);
        let s = shorten(&long);
        assert!(s.contains("…(340 chars)…"));
        assert!(s.chars().count() < 200);
    }
}

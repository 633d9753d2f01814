//! List markers and the numbering of tables. Official documents number the points of an article or a list with letters
//! in the order of the Vietnamese alphabet ("a)", "b)", "c)", "d)", "đ)", "e)", "g)" — no
//! f, j, w, z), some with a dash or a full stop ("a-", "b."). Where a font lost the letter,
//! the line opens with a space before its closing mark (" ) Tạm giữ tàu", "\t - Xuất
//! trình"); the line search, which spells syllables, numbers and codes, leaves it blank.
//! The letter is the one after the marker before it:
//! - a bracket never opens a line alone, so after "b)" the next " )" is "c)" (and the first
//!   one of a document is "a)"), where the document lost that letter;
//! - a dash or full stop after indentation may be a bullet of its own, so a run of such
//!   lines is read between two markers whose letters leave exactly that many letters
//!   between them ("a-", " -", "c-"), or after a marker at that marker's indentation, where
//!   no marker after them says otherwise (the list's last item, "a-", " -").
//!
//! Tables lose full stops of their own: a row's number before its tab ("1 \t", "A 1\t")
//! and a scale word cut before its unit ("Tr  USD", "Ng  tấn").

use super::{Fill, LostSet};
use crate::repair::restore::lexicon::Lexicon;
use crate::repair::restore::syllable;
use std::ops::Range;

/// Scale words that tables cut to two letters and a full stop before their unit ("Tr.
/// USD", "Ng. tấn": triệu, nghìn).
const CUT_SCALES: [&str; 2] = ["Tr", "Ng"];
/// Currencies a table's unit cell names in capitals.
const CURRENCIES: [&str; 4] = ["USD", "EUR", "VNĐ", "VND"];

/// Loss rate of the full stop from which a row's number gets it back.
const FULL_STOP_LOST: f32 = 0.5;
/// Confidence of the full stop after a row's number.
const ROW_CONFIDENCE: f32 = 0.7;

/// The letters of list markers, in order.
const MARKER_LETTERS: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];
/// The marks that close a list marker.
const CLOSERS: [char; 3] = [')', '-', '.'];
/// A letter's least loss rate for it to be filled into a marker.
const LETTER_LOST: f32 = 0.5;
/// Confidence of a marker's letter read between two markers, and after one only.
const BETWEEN_CONFIDENCE: f32 = 0.8;
const AFTER_CONFIDENCE: f32 = 0.7;

/// What opens a line, after its indentation.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Opening {
    /// A marker read as written: (its letter's place in [`MARKER_LETTERS`], its closer, the
    /// byte length of its indentation).
    Marker(usize, char, usize),
    /// A space before a closer ("\t - "): a marker whose letter was lost; the space's byte
    /// offset in the line.
    Lost(usize, char),
    /// A numbered clause, an article, a chapter: a new list starts after it.
    Section,
    Other,
}

/// Words that open an article, a chapter, a section.
const SECTION_WORDS: [&str; 5] = ["Điều ", "Chương ", "Mục ", "Phần ", "ĐIỀU "];

fn opening(line: &str) -> Opening {
    let body = line.trim_start_matches(['\t', ' ']);
    let indent = line.len() - body.len();
    if body.starts_with(|c: char| c.is_ascii_digit())
        || SECTION_WORDS.iter().any(|w| body.starts_with(w))
    {
        return Opening::Section;
    }
    let mut chars = body.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return Opening::Other;
    };
    let spaced = |c: Option<char>| c.is_some_and(|c| c == ' ' || c == '\t');
    if CLOSERS.contains(&first) && spaced(Some(second)) {
        // The lost letter is the indentation's last char, where that is a space.
        return match line[..indent].ends_with(' ') {
            true => Opening::Lost(indent - 1, first),
            false => Opening::Other,
        };
    }
    match MARKER_LETTERS.iter().position(|&l| l == first) {
        Some(k) if CLOSERS.contains(&second) && spaced(chars.next()) => {
            Opening::Marker(k, second, indent)
        }
        _ => Opening::Other,
    }
}

/// The full stop of a table row's number, lost before the tab that ends its cell ("1 \tSố
/// thu phí" for "1.\tSố thu phí", "A 1\t" for "A.1"), where the document's cells do not
/// end in a space by habit (`cells_end_in_space`): the byte offset of the space in `line`.
fn row_number_stop(line: &str, lost: &LostSet, cells_end_in_space: bool) -> Option<usize> {
    if cells_end_in_space || !lost.loses('.', FULL_STOP_LOST) {
        return None;
    }
    let body = line.trim_start_matches('\t');
    let indent = line.len() - body.len();
    let cell = body.split('\t').next()?;
    if cell.len() == body.len() {
        return None;
    }
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let roman = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b"IVX".contains(&b));
    // "1 " or "IV " (a number and the lost stop), "A 1" (a letter, the lost stop, a number).
    if let Some(number) = cell.strip_suffix(' ') {
        return (digits(number) || roman(number)).then(|| indent + number.len());
    }
    let (letter, number) = cell.split_once(' ')?;
    let capital = letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_uppercase());
    (capital && digits(number)).then_some(indent + 1)
}

/// The full stops of the scale words tables cut before a unit ("Tr  USD", "Ng tấn" for
/// "Tr. USD", "Ng.tấn"), each cell alone between tabs: the byte offsets of the spaces in
/// `line`. The line search spells the piece into a syllable ("Trị", "Ngợ").
fn cut_scale_stops(line: &str, lost: &LostSet, lexicon: &Lexicon) -> Vec<usize> {
    if !lost.loses('.', FULL_STOP_LOST) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cell in line.split('\t') {
        let at = start;
        start += cell.len() + 1;
        let Some((scale, unit)) = cell.split_once(' ') else {
            continue;
        };
        let unit = unit.strip_prefix(' ').unwrap_or(unit);
        let first = unit.split(' ').next().unwrap_or("");
        let is_unit =
            CURRENCIES.contains(&first) || lexicon.opens_unit_word(&syllable::lower(first));
        if CUT_SCALES.contains(&scale) && !first.is_empty() && is_unit {
            out.push(at + scale.len());
        }
    }
    out
}

/// The letters of the list markers whose letter was lost, the full stops of table rows'
/// numbers ([`row_number_stop`]) and of scale words cut in a table's unit cells
/// ([`cut_scale_stops`]), per line of `lines` (ranges of `text`), each fill at a byte
/// offset in its line.
pub fn list_markers(
    text: &str,
    lines: &[Range<usize>],
    lost: &LostSet,
    cells_end_in_space: bool,
    lexicon: &Lexicon,
) -> Vec<Vec<Fill>> {
    let mut out: Vec<Vec<Fill>> = lines
        .iter()
        .map(|r| {
            let line = &text[r.clone()];
            row_number_stop(line, lost, cells_end_in_space)
                .into_iter()
                .chain(cut_scale_stops(line, lost, lexicon))
                .map(|at| Fill {
                    at,
                    ch: '.',
                    confidence: ROW_CONFIDENCE,
                })
                .collect()
        })
        .collect();
    if !MARKER_LETTERS.iter().any(|&l| lost.loses(l, LETTER_LOST)) {
        return out;
    }
    let openings: Vec<Opening> = lines.iter().map(|r| opening(&text[r.clone()])).collect();
    let lost_letter = |k: usize| {
        MARKER_LETTERS
            .get(k)
            .is_some_and(|&l| lost.loses(l, LETTER_LOST))
    };
    for closer in CLOSERS {
        // The letter's place of the last marker with this closer, in the current list.
        let mut last: Option<usize> = None;
        let mut last_indent = "";
        let mut i = 0;
        while i < openings.len() {
            match openings[i] {
                Opening::Marker(k, c, indent) if c == closer => {
                    last = Some(k);
                    last_indent = &text[lines[i].start..lines[i].start + indent];
                    i += 1;
                }
                Opening::Lost(_, c) if c == closer => {
                    // The run of lost markers from here, and the marker after it.
                    let end = (i..openings.len())
                        .find(|&j| {
                            openings[j] == Opening::Section
                                || matches!(openings[j], Opening::Marker(_, c, _) if c == closer)
                        })
                        .unwrap_or(openings.len());
                    let run: Vec<usize> = (i..end)
                        .filter(|&j| matches!(openings[j], Opening::Lost(_, c) if c == closer))
                        .collect();
                    // The next marker read as written in the same list.
                    let next = openings[i..]
                        .iter()
                        .take_while(|o| **o != Opening::Section)
                        .find_map(|o| match *o {
                            Opening::Marker(k, c, _) if c == closer => Some(k),
                            _ => None,
                        });
                    let first = last.map_or(0, |k| k + 1);
                    let fits_next = next.is_some_and(|k| k == first + run.len());
                    // A dash or full stop with no marker after it that fits: only the
                    // lines at the indentation of the marker before ("a-", " -"), each
                    // reading the letter after the last.
                    let same_level = |j: usize| match openings[j] {
                        Opening::Lost(at, _) => {
                            &text[lines[j].start..lines[j].start + at] == last_indent
                        }
                        _ => false,
                    };
                    let run = match closer {
                        ')' => run,
                        _ if fits_next => run,
                        _ if last.is_some() && next.map_or(true, |k| k > first) => {
                            run.into_iter().take_while(|&j| same_level(j)).collect()
                        }
                        _ => Vec::new(),
                    };
                    let read = !run.is_empty() && next.map_or(true, |k| k >= first + run.len());
                    let letters_lost = (0..run.len()).all(|n| lost_letter(first + n));
                    if read && letters_lost {
                        let confidence = if fits_next {
                            BETWEEN_CONFIDENCE
                        } else {
                            AFTER_CONFIDENCE
                        };
                        for (n, &j) in run.iter().enumerate() {
                            if let Opening::Lost(at, _) = openings[j] {
                                out[j].push(Fill {
                                    at,
                                    ch: MARKER_LETTERS[first + n],
                                    confidence,
                                });
                            }
                        }
                        last = Some(first + run.len() - 1);
                    }
                    i = run.last().map_or(i + 1, |&j| j + 1).max(i + 1);
                }
                Opening::Section => {
                    last = None;
                    i += 1;
                }
                _ => i += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers_back(text: &str, lost: &str) -> String {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            lines.push(start..start + line.len());
            start += line.len() + 1;
        }
        let fills = list_markers(
            text,
            &lines,
            &LostSet::of_all(lost),
            false,
            Lexicon::builtin(),
        );
        let mut out = text.to_string();
        for (r, fills) in lines.iter().zip(fills).rev() {
            for f in fills.iter().rev() {
                let at = r.start + f.at;
                out.replace_range(at..at + 1, &f.ch.to_string());
            }
        }
        out
    }

    #[test]
    fn a_bracket_marker_takes_the_letter_after_the_one_before() {
        assert_eq!(
            markers_back("a) Khảo sát;\n ) Xây dựng;\n ) Thẩm định.", "bc"),
            "a) Khảo sát;\nb) Xây dựng;\nc) Thẩm định."
        );
        // đ follows d; the first marker of a list is a.
        assert_eq!(
            markers_back(" ) Một;\nb) Hai;\nc) Ba;\nd) Bốn;\n ) Năm;", "ađ"),
            "a) Một;\nb) Hai;\nc) Ba;\nd) Bốn;\nđ) Năm;"
        );
    }

    #[test]
    fn a_dash_marker_is_read_only_between_two_markers() {
        assert_eq!(
            markers_back("a- Giấy giới thiệu.\n\t - Xuất trình.\nc- Giấy phép.", "b"),
            "a- Giấy giới thiệu.\n\tb- Xuất trình.\nc- Giấy phép."
        );
        // The last marker of a list, at the indentation of the one before.
        assert_eq!(
            markers_back("a- Lưu giữ hồ sơ.\n - Thực hiện huỷ bỏ.", "b"),
            "a- Lưu giữ hồ sơ.\nb- Thực hiện huỷ bỏ."
        );
        // Bullets under a marker, indented further, with no marker after them: bullets.
        assert_eq!(
            markers_back("a- Giấy giới thiệu:\n  - bản chính;\n  - bản sao.", "bc"),
            "a- Giấy giới thiệu:\n  - bản chính;\n  - bản sao."
        );
        // Too many lines between the two markers for the letters between them.
        assert_eq!(
            markers_back("a- Một.\n - x;\n - y;\nc- Hai.", "b"),
            "a- Một.\n - x;\n - y;\nc- Hai."
        );
    }

    #[test]
    fn a_numbered_clause_starts_a_new_list() {
        assert_eq!(
            markers_back("1. Một:\na) x;\nb) y;\n2. Hai:\n ) z;\nb) w;", "a"),
            "1. Một:\na) x;\nb) y;\n2. Hai:\na) z;\nb) w;"
        );
    }

    #[test]
    fn a_table_row_s_number_gets_its_full_stop_back() {
        assert_eq!(
            markers_back("1 \tSố thu phí\t120\n\tA 1\tVốn trong nước\t5", "."),
            "1.\tSố thu phí\t120\n\tA.1\tVốn trong nước\t5"
        );
        // Not a figure's cell, nor where the full stop was kept.
        assert_eq!(markers_back("Tổng\t120 \t5", "."), "Tổng\t120 \t5");
        assert_eq!(markers_back("1 \tSố thu phí", "b"), "1 \tSố thu phí");
    }

    #[test]
    fn a_scale_word_cut_before_a_unit_in_a_table_gets_its_full_stop_back() {
        assert_eq!(
            markers_back(
                "1\tDầu thô\tNg  tấn\t18500\n3\tHàng dệt may\tTr  USD\t5200",
                "."
            ),
            "1\tDầu thô\tNg. tấn\t18500\n3\tHàng dệt may\tTr. USD\t5200"
        );
        // Not before a word that is no unit, nor in running text.
        assert_eq!(markers_back("1\tNg  Hải\t5", "."), "1\tNg  Hải\t5");
        assert_eq!(markers_back("giá tr  USD", "."), "giá tr  USD");
    }

    #[test]
    fn a_letter_the_document_kept_is_not_filled() {
        assert_eq!(markers_back("a) Một;\n ) Hai;", "c"), "a) Một;\n ) Hai;");
    }
}

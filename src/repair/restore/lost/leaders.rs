//! Dot leaders. Forms leave their fields blank as runs of full stops ("Mã số thuế:
//! ..........", "(Tháng .... năm ....)", "............, ngày ..... tháng ..... năm 200..");
//! where a font lost the full stop, each run became as many spaces, longer than any run of
//! lost glyphs the line search reads, so it stayed blank. Layout leaves long space runs
//! too (indentation, column gaps, a footnote's rule), so only the places a blank field
//! takes are read as leaders: a run after a label's colon up to the line's end, before a
//! closing bracket, or opening a line before its comma are leaders wherever the full stop
//! is lost. Places layout shares with fields are leaders only in a document that shows two
//! of those first: a blank date slot (its date words may have lost letters too), a run
//! after a year cut to its century, a run beside a slash, a blank table cell, a line of
//! spaces alone, a run that ends a line, a run after a colon before the next label, and a
//! run inside a sentence longer than any run of lost glyphs. A run of those places after a
//! word, far longer than any lost word and ending its line or clause (a column gap has
//! words on both sides), counts as shown too: a form may have no label ending its line. A
//! field's dots and its neighbours' spaces cannot be told apart: one space is kept beside a
//! word.

use super::{Fill, LostSet};
use std::ops::Range;

/// The fewest spaces read as a leader: "..." is the shortest a form writes.
const MIN_LEADER: usize = 3;
/// A run that ends a line after a word is a leader from this length, where the document
/// shows leaders elsewhere: a word lost whole at a line's end leaves two or three spaces.
const MIN_TRAILING_LEADER: usize = 4;
/// Leaders the document must show in the places only a blank field takes before the
/// places layout shares with it are read as leaders.
const LEADERS_FOR_EVIDENCE: usize = 2;
/// A run in a place layout shares, after a word and ending its line or clause, counts as
/// such a leader from this length: half again the longest run of lost glyphs any document
/// reads (`MAX_LOST_RUN`, 13). A column gap has words on both sides, in small letters too
/// where a transcript lowered its header ("Bộ tài chính      cộng hoà xã hội…"). With the
/// date slots and cut years read too, the made-up forms went 83.8 → 90.5%; dev unchanged
/// with the full stop lost in every document.
const LONG_LEADER: usize = 20;
/// Loss rate of the full stop from which leaders are read at all.
const FULL_STOP_LOST: f32 = 0.5;
/// Confidence of a full stop written into a leader: the run's length is known, where the
/// field's dots end and spaces begin is not.
const LEADER_CONFIDENCE: f32 = 0.7;
/// The same where the place is one layout shares with blank fields.
const WEAK_LEADER_CONFIDENCE: f32 = 0.6;

/// Words beside which a date leaves its day, month or year blank.
const DATE_WORDS: [&str; 4] = ["ngày", "tháng", "năm", "quý"];
/// Chars read beside a run for a date word: the longest ("tháng") and the char after it.
const DATE_WORD_WINDOW: usize = 6;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    /// Only a blank field takes it.
    Field,
    /// Layout takes it too.
    Shared,
}

/// One space run read as a leader: the byte range (in its line) to write full stops into.
#[derive(Debug)]
struct Leader {
    dots: Range<usize>,
    place: Place,
    /// A long run after a word, ending its line or clause ([`LONG_LEADER`]).
    long_beside_word: bool,
}

impl Leader {
    /// Whether the run shows the document has blank fields.
    fn is_evidence(&self) -> bool {
        self.place == Place::Field || self.long_beside_word
    }
}

/// Full stops for the dot leaders of `lines` (ranges of `text`), each line's fills at byte
/// offsets in that line; empty where the document did not lose its full stop.
/// A run inside a line, between words, is a leader where the document shows leaders
/// elsewhere and the run is longer than `longest_lost_run`, the longest run of lost glyphs
/// the line search reads ([`LostSet::longest_lost_run`]); column gaps open a capitalised
/// word or follow a tab.
pub fn dot_leaders(
    text: &str,
    lines: &[Range<usize>],
    lost: &LostSet,
    longest_lost_run: usize,
) -> Vec<Vec<Fill>> {
    if !lost.loses('.', FULL_STOP_LOST) {
        return vec![Vec::new(); lines.len()];
    }
    let lost_chars: Vec<char> = lost.chars.iter().map(|&(c, _)| c).collect();
    let found: Vec<Vec<Leader>> = lines
        .iter()
        .map(|r| {
            let line = text[r.clone()].trim_end_matches('\r');
            leaders_in(line, longest_lost_run, &lost_chars)
        })
        .collect();
    let evidence = found.iter().flatten().filter(|l| l.is_evidence()).count();
    found
        .into_iter()
        .map(|leaders| {
            leaders
                .into_iter()
                .filter(|l| l.place == Place::Field || evidence >= LEADERS_FOR_EVIDENCE)
                .flat_map(|l| {
                    let confidence = match l.place {
                        Place::Field => LEADER_CONFIDENCE,
                        Place::Shared => WEAK_LEADER_CONFIDENCE,
                    };
                    l.dots.map(move |at| Fill {
                        at,
                        ch: '.',
                        confidence,
                    })
                })
                .collect()
        })
        .collect()
}

/// The space runs of `line` that stand where a form's blank field does.
fn leaders_in(line: &str, longest_lost_run: usize, lost: &[char]) -> Vec<Leader> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        if i - start >= MIN_LEADER {
            if let Some(leader) = leader_at(line, start, i, longest_lost_run, lost) {
                out.push(leader);
            }
        }
    }
    out
}

/// Reads the space run `start..end` of `line` (spaces are one byte each); `lost` are the
/// chars the document may have lost.
fn leader_at(
    line: &str,
    start: usize,
    end: usize,
    longest_lost_run: usize,
    lost: &[char],
) -> Option<Leader> {
    let before = line[..start].chars().next_back();
    let after = line[end..].chars().next();
    let wordy = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // One real space is kept after a word, a label's colon or a comma, and before a word.
    let from = if wordy(before) || matches!(before, Some(':' | ',' | ';')) {
        start + 1
    } else {
        start
    };
    let to = if wordy(after) { end - 1 } else { end };
    let long_beside_word = end - start >= LONG_LEADER
        && before.is_some_and(|c| c != '\t')
        && after.map_or(true, |c| matches!(c, ',' | ';' | ')' | '.' | ':'));
    let leader = |place| {
        (from < to).then_some(Leader {
            dots: from..to,
            place,
            long_beside_word,
        })
    };
    let cell_edge = |c: Option<char>| c.is_none() || c == Some('\t');
    // A blank day, month or year between date words, which may have lost letters into the
    // run's ends ("ngày ...... tháng" read "ng y        th ng" or "ngày         háng").
    let word_before = date_word_before(&line[..start], end - start, lost);
    let word_after = date_word_after(&line[end..], end - start, lost);
    let slot = match (word_before, word_after) {
        (Some(lost_before), Some(lost_after)) => Some((lost_before, lost_after + 1)),
        (Some(lost_before), None) if after == Some(',') => Some((lost_before, 0)),
        (None, Some(lost_after)) if before == Some(',') => Some((0, lost_after + 1)),
        _ => None,
    };
    if let Some((lost_before, kept_after)) = slot {
        let (from, to) = (start + lost_before + 1, end.saturating_sub(kept_after));
        return (from < to).then_some(Leader {
            dots: from..to,
            place: Place::Shared,
            long_beside_word,
        });
    }
    match (before, after) {
        (Some(':'), None) => leader(Place::Field),
        // A label's blank before the next label or its unit ("Mã số thuế: ....  Ngày
        // cấp:", "Vốn: ...... đồng").
        (Some(':'), Some(_)) if end - start >= MIN_TRAILING_LEADER => leader(Place::Shared),
        // A blank day, month or number beside a slash ("...../...../200...",
        // "Số: ......./QĐ-UBND").
        (_, Some('/')) | (Some('/'), _) => leader(Place::Shared),
        // A table cell left blank.
        (b, a) if cell_edge(b) && cell_edge(a) && (b.is_some() || a.is_some()) => {
            leader(Place::Shared)
        }
        (_, Some(')')) if before != Some(':') => leader(Place::Field),
        (None, Some(',')) => leader(Place::Field),
        (None, None) => leader(Place::Shared),
        // A year cut to its century ("năm 200...", ".../.../19...") takes its dots
        // unspaced; one space is kept before what follows but a closing mark.
        (Some(c), a) if c.is_ascii_digit() && cut_year(line, start) => Some(Leader {
            dots: start..match a {
                None | Some(',' | ';' | ')' | ':') => end,
                Some(_) => end - 1,
            },
            place: Place::Shared,
            long_beside_word,
        }),
        (Some(_), None) if end - start >= MIN_TRAILING_LEADER => leader(Place::Shared),
        // A long blank inside a sentence or ending a clause ("số tài khoản .......... tại
        // ngân hàng", "Căn cứ ..........;").
        (Some(b), Some(a))
            if end - start > longest_lost_run
                && b != '\t'
                && (a.is_lowercase() || a.is_ascii_digit() || matches!(a, ',' | ';')) =>
        {
            leader(Place::Shared)
        }
        _ => None,
    }
}

/// Where `before` (a line up to a space run of `run` spaces) ends in a date word, how many
/// of its last letters were lost into the run: a word that lost letters shows at least two
/// and has a space for each other ("ng y", "thá" before "ng" went into the run).
fn date_word_before(before: &str, run: usize, lost: &[char]) -> Option<usize> {
    let before: Vec<char> = before.chars().rev().take(DATE_WORD_WINDOW).collect();
    DATE_WORDS.iter().find_map(|word| {
        let word: Vec<char> = word.chars().rev().collect();
        date_word_at(&before, &word, run, lost)
    })
}

/// The same for `after` (a line from the run's end) starting with a date word: how many of
/// its first letters were lost into the run.
fn date_word_after(after: &str, run: usize, lost: &[char]) -> Option<usize> {
    let after: Vec<char> = after.chars().take(DATE_WORD_WINDOW).collect();
    DATE_WORDS.iter().find_map(|word| {
        let word: Vec<char> = word.chars().collect();
        date_word_at(&after, &word, run, lost)
    })
}

/// `text` (read away from the run) starts with `word` (read the same way), its first
/// `k` letters lost into the run (the least such k): each letter shows or, lost, left a
/// space; at least two show; a non-letter follows.
fn date_word_at(text: &[char], word: &[char], run: usize, lost: &[char]) -> Option<usize> {
    let is_lost = |c: &char| lost.contains(c);
    (0..word.len().min(run)).find(|&k| {
        let rest = &word[k..];
        let shown = text.iter().zip(rest).filter(|(t, _)| **t != ' ').count();
        word[..k].iter().all(is_lost)
            && text.len() >= rest.len()
            && text.iter().zip(rest).all(|(&t, w)| {
                if t == ' ' {
                    is_lost(w)
                } else {
                    t.to_lowercase().eq(std::iter::once(*w))
                }
            })
            && (shown == rest.len() || shown >= 2)
            && text.get(rest.len()).map_or(true, |c| !c.is_alphanumeric())
    })
}

/// The number before `at` is a year's first two or three digits: after "năm" or "năm học",
/// a date's slash, or another cut year and a dash ("năm học 200... - 200...").
fn cut_year(line: &str, at: usize) -> bool {
    let mut words = line[..at].split_whitespace().rev();
    let last = words.next().unwrap_or("");
    let (year, after_slash) = match last.rsplit_once('/') {
        Some((_, year)) => (year, true),
        None => (last, false),
    };
    let cut = |y: &str| (2..=3).contains(&y.len()) && y.chars().all(|c| c.is_ascii_digit());
    let before = words.next().unwrap_or("").to_lowercase();
    let second = words.next().unwrap_or("").to_lowercase();
    cut(year)
        && (after_slash
            || before == "năm"
            || before == "học" && second == "năm"
            || before == "-" && cut(&second))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lost_full_stop() -> LostSet {
        LostSet {
            chars: vec![('a', 1.0), ('.', 1.0)],
        }
    }

    /// Writes the leaders' full stops into `text`.
    fn with_leaders(text: &str, lost: &LostSet) -> String {
        let lines = crate::repair::restore::line_ranges(text);
        let fills = dot_leaders(text, &lines, lost, 12);
        let mut out = String::new();
        for (r, fills) in lines.iter().zip(fills) {
            let mut line: Vec<u8> = text[r.clone()].as_bytes().to_vec();
            for f in fills {
                assert_eq!(line[f.at], b' ');
                line[f.at] = b'.';
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(std::str::from_utf8(&line).unwrap());
        }
        out
    }

    #[test]
    fn a_form_gets_its_blank_fields_back() {
        let damaged = [
            "Tên cơ sở:           ",
            "(Tháng      năm      )",
            "             , ngày         tháng         năm 20   ",
            "Người nhận: Nguyễn Văn Hùng",
            "               ",
        ]
        .join("\n");
        let want = [
            "Tên cơ sở: ..........",
            "(Tháng .... năm .....)",
            "............., ngày ....... tháng ....... năm 20...",
            "Người nhận: Nguyễn Văn Hùng",
            "...............",
        ]
        .join("\n");
        assert_eq!(with_leaders(&damaged, &lost_full_stop()), want);
    }

    #[test]
    fn fields_beside_other_fields_slashes_and_tabs_are_blanks_too() {
        let damaged = [
            "Mã số thuế:           ",
            "Ngày sinh:      /     /           Dân tộc:          ",
            "Vốn kinh doanh:                 đồng",
            "1\t            \t          ",
            "tài khoản số                  tại ngân hàng:          ",
        ]
        .join("\n");
        let want = [
            "Mã số thuế: ..........",
            "Ngày sinh: ...../...../.......... Dân tộc: .........",
            "Vốn kinh doanh: ............... đồng",
            "1\t............\t..........",
            "tài khoản số ................ tại ngân hàng: .........",
        ]
        .join("\n");
        assert_eq!(with_leaders(&damaged, &lost_full_stop()), want);
    }

    #[test]
    fn layout_stays_where_the_document_shows_no_field() {
        // A footnote's rule, an indented line and a column gap, in a document that lost
        // its full stop but has no form in it.
        let damaged = [
            "                                                 ",
            "    Kính gửi:    Sở Tài chính",
            "ỦY BAN NHÂN DÂN        CỘNG HÒA",
            "Tân An, ngày    tháng    năm 2031",
            "thực hiện  ủ   ",
        ]
        .join("\n");
        assert_eq!(with_leaders(&damaged, &lost_full_stop()), damaged);
    }

    #[test]
    fn long_blanks_beside_words_show_a_form_without_labels_ending_lines() {
        // A decision's template: no label ends its line with a blank, but two blanks that
        // end a line or a clause are longer than any lost word.
        let damaged = [
            "Về việc                          ",
            "Căn cứ                          ;",
            "Giao                          có trách nhiệm thi hành",
            "- Lưu: VT,         ",
        ]
        .join("\n");
        let want = [
            "Về việc .........................",
            "Căn cứ .........................;",
            "Giao ........................ có trách nhiệm thi hành",
            "- Lưu: VT, ........",
        ]
        .join("\n");
        assert_eq!(with_leaders(&damaged, &lost_full_stop()), want);
    }

    #[test]
    fn long_column_gaps_show_no_form() {
        let damaged = [
            "Nơi nhận:                               GIÁM ĐỐC",
            "- Như trên;                             (Đã ký)",
            "Bộ tài chính                            cộng hoà xã hội chủ nghĩa việt nam",
            "Số:      40   /2000/TT/BTC                         độc lập - tự do - hạnh phúc",
            "- Lưu: VT,         ",
        ]
        .join("\n");
        assert_eq!(with_leaders(&damaged, &lost_full_stop()), damaged);
    }

    #[test]
    fn date_words_that_lost_letters_still_mark_blank_slots() {
        let lost = LostSet {
            chars: vec![('t', 1.0), ('à', 1.0), ('á', 1.0), ('.', 1.0)],
        };
        let damaged = [
            "Họ tên:          ",
            "Địa chỉ:          ",
            "Từ ng y        th ng        năm 2008",
            "Ngày         h ng         năm 2008",
            "Nội dung  hứ  ư        h ng",
            "năm học 200    - 200    tại trường, sinh ngày      /     /19    ,",
        ]
        .join("\n");
        let want = [
            "Họ tên: .........",
            "Địa chỉ: .........",
            "Từ ng y ...... th ng ...... năm 2008",
            "Ngày ......  h ng ....... năm 2008",
            "Nội dung  hứ  ư        h ng",
            "năm học 200... - 200... tại trường, sinh ngày ...../...../19....,",
        ]
        .join("\n");
        assert_eq!(with_leaders(&damaged, &lost), want);
    }

    #[test]
    fn nothing_is_written_where_the_full_stop_was_not_lost() {
        let damaged = "Mã số thuế:           ";
        let lost = LostSet {
            chars: vec![('a', 1.0), (',', 1.0)],
        };
        assert_eq!(with_leaders(damaged, &lost), damaged);
    }
}

//! The place a date line opens with ("Đắk Lắk, ngày 5 tháng 3 năm 2024") is the name of
//! an administrative unit. Where the spaces lost glyphs left in it fit the letters of
//! exactly one name of the gazetteer, or its letters typed without marks spell exactly
//! one, that name is spelt there: the model alone reads "Đ k L k" as "Đầu Lâu" and "Lai
//! Chau" as "Lại Châu", syllables it knows better than a province's.

use super::lost::{Fill, LostSet};
use super::syllable::strip_marks;
use std::ops::Range;

/// Confidence of a letter a place name put back.
pub const NAME_CONFIDENCE: f32 = 0.9;

/// Distinct names of the gazetteer's units, as chars, each with the highest level it
/// names (0: a province, 1: a district, 2: a commune).
fn unit_names() -> &'static [(Vec<char>, u8)] {
    static CELL: std::sync::OnceLock<Vec<(Vec<char>, u8)>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut names: Vec<(Vec<char>, u8)> = crate::extract::places::gazetteer()
            .iter()
            .map(|u| {
                let rank = match u.level.as_str() {
                    "province" => 0,
                    "district" => 1,
                    _ => 2,
                };
                (u.name.chars().collect(), rank)
            })
            .collect();
        names.sort();
        names.dedup_by(|later, first| later.0 == first.0);
        names
    })
}

/// [`unit_names`]' names without marks, in small letters (the same order): computed once,
/// not for every place a line may open.
fn plain_unit_names() -> &'static [String] {
    static CELL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        unit_names()
            .iter()
            .map(|(name, _)| plain_key(name))
            .collect()
    })
}

/// Chars without their marks, in small letters ("Đắk Lắk" → "dak lak").
fn plain_key(chars: &[char]) -> String {
    strip_marks(&chars.iter().collect::<String>()).to_lowercase()
}

/// Whether text shows a capital inside a word, as a name in capitals does ("HÀ N I"), where
/// a name's own capitals open its words.
fn shows_capitals(chars: impl Iterator<Item = char>) -> bool {
    let mut previous_is_letter = false;
    for c in chars {
        if previous_is_letter && c.is_uppercase() {
            return true;
        }
        previous_is_letter = c.is_alphabetic();
    }
    false
}

/// Whether a line has the four digits a year needs. Repairs add and join no digits, so a
/// line without them holds no year in any reading: the cheap test before the dear ones.
fn may_hold_a_year(line: &str) -> bool {
    line.bytes().filter(u8::is_ascii_digit).count() >= 4
}

/// Spells the place of a date line of `line` (its text as damaged) after the search filled
/// it with `fills`, where the lost glyphs in it fit exactly one unit's name.
pub fn spell_date_line_place(line: &str, fills: &mut Vec<Fill>, lost: &LostSet) {
    if !may_hold_a_year(line) {
        return;
    }
    let damaged: Vec<(usize, char)> = line.char_indices().collect();
    let mut restored: Vec<char> = damaged.iter().map(|&(_, c)| c).collect();
    for f in fills.iter() {
        if let Ok(i) = damaged.binary_search_by_key(&f.at, |&(at, _)| at) {
            restored[i] = f.ch;
        }
    }
    if !reads_as_date_line(&restored) {
        return;
    }
    for start in place_starts(&damaged) {
        let Some(name) = only_fitting_name(&damaged, &restored, start, lost) else {
            continue;
        };
        let capitals = shows_capitals(damaged[start..start + name.len()].iter().map(|&(_, c)| c));
        for (k, &n) in name.iter().enumerate() {
            let (at, d) = damaged[start + k];
            if d != ' ' || n == ' ' {
                continue;
            }
            let ch = if capitals {
                n.to_uppercase().next().unwrap_or(n)
            } else {
                n
            };
            fills.retain(|f| f.at != at);
            fills.push(Fill {
                at,
                ch,
                confidence: NAME_CONFIDENCE,
            });
        }
        fills.sort_by_key(|f| f.at);
        return;
    }
}

/// For a block typed without marks, the places it names as a unit of the gazetteer spells
/// them (block-relative range, name): a date line's place, and in the header
/// (`in_header`) the name after a unit's level word ("UBND XA TAN HOA", "Phuong Ba Dinh"),
/// where the letters stripped of marks are one unit's name, or, of several, one of the
/// highest level. Places that are no unit's name are left to the model.
pub fn place_marks(block: &str, in_header: bool) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in block.split_inclusive('\n') {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let plain: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
        if !in_header && !may_hold_a_year(line) {
            line_start += line.len();
            continue;
        }
        let mut spell = |start: usize, len: usize, name: &[char]| {
            let from = chars[start].0;
            let to = chars.get(start + len).map_or(line.len(), |&(at, _)| at);
            let written = &line[from..to];
            let spelt = with_case_of(name, written);
            if spelt != written {
                out.push((line_start + from..line_start + to, spelt));
            }
        };
        if may_hold_a_year(line) && reads_as_date_line_plain(line) {
            let found = place_starts(&chars).into_iter().find_map(|start| {
                Some((
                    start,
                    unaccented_name_at(&plain, start, opens_the_day_plain)?,
                ))
            });
            if let Some((start, (len, name))) = found {
                spell(start, len, &name);
            }
        } else if in_header {
            for start in after_level_words(&plain) {
                if let Some((len, name)) = unaccented_name_at(&plain, start, ends_a_name) {
                    spell(start, len, &name);
                }
            }
        }
        line_start += line.len();
    }
    out
}

/// The words of a unit's level, without marks, in small letters.
const LEVEL_WORDS: &[&str] = &[
    "tinh",
    "huyen",
    "quan",
    "xa",
    "phuong",
    "thi xa",
    "thi tran",
    "thanh pho",
    "tp",
    "tp.",
];

/// Where a name may start after a level word ("XA " + "TAN HOA"): at a capital.
fn after_level_words(line: &[char]) -> Vec<usize> {
    let plain: Vec<char> = plain_key(line).chars().collect();
    if plain.len() != line.len() {
        return Vec::new();
    }
    let mut starts = Vec::new();
    for level in LEVEL_WORDS {
        let level: Vec<char> = level.chars().collect();
        for at in 0..plain.len().saturating_sub(level.len() + 1) {
            let before_ok = at == 0 || !plain[at - 1].is_alphanumeric();
            let end = at + level.len();
            if before_ok
                && plain[at..end] == level[..]
                && plain[end] == ' '
                && line.get(end + 1).is_some_and(|c| c.is_uppercase())
            {
                starts.push(end + 1);
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// After a date line's place: spaces or a comma, then "ngay".
fn opens_the_day_plain(rest: &str) -> bool {
    rest.trim_start_matches([' ', ',']).starts_with("ngay")
}

/// After a unit's name in a header line: the line's end, a column gap, a comma or a
/// bracket.
fn ends_a_name(rest: &str) -> bool {
    let rest = rest.trim_end_matches(['\n', '\r']);
    rest.trim().is_empty()
        || rest.starts_with("  ")
        || rest.starts_with('\t')
        || rest.starts_with([',', ')', ';'])
}

/// A line with a year and "ngày" or "tháng", with or without marks.
fn reads_as_date_line_plain(line: &str) -> bool {
    let plain = strip_marks(line).to_lowercase();
    has_year(&plain) && (plain.contains("ngay") || plain.contains("thang"))
}

/// The unit's name the letters at `start` spell without their marks, with what follows
/// it (without marks, in small letters) as `follows` wants: its length in chars and the
/// name. The longest fitting name wins; of several that long, the one of the highest
/// level when no other of that level shares its plain spelling.
fn unaccented_name_at(
    line: &[char],
    start: usize,
    follows: impl Fn(&str) -> bool,
) -> Option<(usize, Vec<char>)> {
    let mut fitting: Vec<(&Vec<char>, u8)> = Vec::new();
    for ((name, rank), plain) in unit_names().iter().zip(plain_unit_names()) {
        let end = start + name.len();
        if end > line.len() || (end < line.len() && line[end].is_alphanumeric()) {
            continue;
        }
        if plain_key(&line[start..end]) != *plain || !follows(&plain_key(&line[end..])) {
            continue;
        }
        fitting.push((name, *rank));
    }
    // The longest name first: "Hà Nam" is no place where "Hà Nam Ninh" fits.
    let longest = fitting.iter().map(|(n, _)| n.len()).max()?;
    fitting.retain(|(n, _)| n.len() == longest);
    Some((longest, the_one_of_highest_level(&fitting)?))
}

/// Of the fitting names, the one of the highest level, when no other name (in any case)
/// shares that level.
fn the_one_of_highest_level(fitting: &[(&Vec<char>, u8)]) -> Option<Vec<char>> {
    let lower = |c: &char| c.to_lowercase().next().unwrap_or(*c);
    let best = fitting.iter().map(|&(_, rank)| rank).min()?;
    let mut at_best = fitting.iter().filter(|&&(_, rank)| rank == best);
    let (first, _) = at_best.next()?;
    if at_best.any(|(other, _)| !other.iter().map(lower).eq(first.iter().map(lower))) {
        return None;
    }
    Some(first.to_vec())
}

/// `name` in the case the text wrote it: in capitals where the text's letters are.
fn with_case_of(name: &[char], written: &str) -> String {
    if shows_capitals(written.chars()) {
        name.iter().collect::<String>().to_uppercase()
    } else {
        name.iter().collect()
    }
}

/// A line with a year ("năm 2024", "12/3/2024") and the day or month words of a date.
fn reads_as_date_line(restored: &[char]) -> bool {
    let text: String = restored.iter().collect::<String>().to_lowercase();
    has_year(&text) && (text.contains("ngày") || text.contains("tháng"))
}

/// Four digits of a year of 19xx or 20xx.
fn has_year(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit))
}

/// Where a date line's place may start: the line's first char and the first after a tab
/// or a gap of 3+ spaces (the place and date beside the number), and after a "TP." that
/// names a city; only at a capital the damage left.
fn place_starts(damaged: &[(usize, char)]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut gap = 0usize;
    let mut at_start = true;
    for (i, &(_, c)) in damaged.iter().enumerate() {
        if c == ' ' || c == '\t' {
            gap += if c == '\t' { 3 } else { 1 };
            continue;
        }
        if (at_start || gap >= 3) && c.is_uppercase() {
            starts.push(i);
            let city: String = damaged[i..].iter().take(3).map(|&(_, c)| c).collect();
            if city == "TP." || city == "Tp." {
                let next = (i + 3..damaged.len()).find(|&j| damaged[j].1 != ' ');
                starts.extend(next);
            }
        }
        at_start = false;
        gap = 0;
    }
    starts
}

/// The name that fits the damaged text at `start`: as long as a stretch holding a lost
/// glyph, every other letter the same, each space a letter of the lost set; followed by a
/// space or a comma, then the day's "ngày" as restored. Of several, the one of the highest
/// level (a date line names a province or a city far more often than a commune), when no
/// other of that level fits. None when the restored text already is a unit's name, or no
/// name or no single one fits.
fn only_fitting_name(
    damaged: &[(usize, char)],
    restored: &[char],
    start: usize,
    lost: &LostSet,
) -> Option<Vec<char>> {
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let is_lost = |c: char| lost.chars.iter().any(|&(l, _)| l == lower(c));
    let same = |a: &[char], b: &[char]| a.iter().map(|&c| lower(c)).eq(b.iter().map(|&c| lower(c)));
    let mut fitting: Vec<(&Vec<char>, u8)> = Vec::new();
    for (name, rank) in unit_names() {
        let end = start + name.len();
        if end > damaged.len() {
            continue;
        }
        let window = &damaged[start..end];
        let mut any_lost = false;
        let fits = window.iter().zip(name).all(|(&(_, d), &n)| {
            if d == ' ' && n != ' ' {
                any_lost = true;
                is_lost(n)
            } else {
                lower(d) == lower(n)
            }
        });
        let after_ok = matches!(damaged.get(end).map(|&(_, c)| c), Some(' ' | ','));
        if !fits || !any_lost || !after_ok || !opens_the_day(&restored[end..]) {
            continue;
        }
        if same(&restored[start..end], name) {
            return None;
        }
        fitting.push((name, *rank));
    }
    the_one_of_highest_level(&fitting)
}

/// Whether the restored text after a place opens the day: spaces or a comma, then "ngày"
/// or as much of it as the restorer got right ("ng").
fn opens_the_day(after: &[char]) -> bool {
    let rest: String = after
        .iter()
        .skip_while(|&&c| c == ' ' || c == ',')
        .take(2)
        .collect::<String>()
        .to_lowercase();
    rest == "ng"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lost(chars: &str) -> LostSet {
        LostSet {
            chars: chars.chars().map(|c| (c, 1.0)).collect(),
        }
    }

    /// The line as restored with `fills` after the place was spelt.
    fn spelt(line: &str, fills: Vec<Fill>, lost_chars: &str) -> String {
        let mut fills = fills;
        spell_date_line_place(line, &mut fills, &lost(lost_chars));
        let mut out = String::new();
        for (at, c) in line.char_indices() {
            out.push(fills.iter().find(|f| f.at == at).map_or(c, |f| f.ch));
        }
        out
    }

    /// Fills that spell `wrong` into the spaces of `line`.
    fn fills_for(line: &str, wrong: &str) -> Vec<Fill> {
        line.char_indices()
            .zip(wrong.chars())
            .filter(|((_, d), w)| *d == ' ' && *w != ' ')
            .map(|((at, _), ch)| Fill {
                at,
                ch,
                confidence: 0.6,
            })
            .collect()
    }

    #[test]
    fn a_province_whose_vowels_were_lost_is_spelt() {
        let line = "Đ k L k, ng y 12 tháng 3 năm 2031";
        let wrong = "Đầk Lâk, ngày 12 tháng 3 năm 2031";
        assert_eq!(
            spelt(line, fills_for(line, wrong), "ắaâầ"),
            "Đắk Lắk, ngày 12 tháng 3 năm 2031"
        );
    }

    #[test]
    fn a_province_wins_over_a_commune_of_the_same_shape() {
        // "Đ   L   " (ắ, k and the comma lost) fits "Đắk Lắk" and a commune "Đak Lua".
        let line = "Đ   L    ngày 12 tháng 3 năm 2031";
        let wrong = "Đầu Lâu, ngày 12 tháng 3 năm 2031";
        assert_eq!(
            spelt(line, fills_for(line, wrong), "ắaâầuk,"),
            "Đắk Lắk, ngày 12 tháng 3 năm 2031"
        );
        // In capitals.
        let line = "HÀ N I, NG Y 12 THÁNG 3 NĂM 2031";
        let wrong = "HÀ NẠI, NGÀY 12 THÁNG 3 NĂM 2031";
        assert!(spelt(line, fills_for(line, wrong), "ộạà").starts_with("HÀ NỘI,"));
    }

    #[test]
    fn a_place_typed_without_marks_is_spelt_as_its_unit() {
        let block = "So: 12/SNV-VP\nLai Chau, ngay 5 thang 3 nam 2031\n";
        let places = place_marks(block, false);
        assert_eq!(places.len(), 1);
        let (range, name) = &places[0];
        assert_eq!(&block[range.clone()], "Lai Chau");
        assert_eq!(name, "Lai Châu");
        // In capitals, beside the number after a gap.
        let block = "SO: 12/UBND          DAK LAK, NGAY 5 THANG 3 NAM 2031";
        assert_eq!(place_marks(block, false)[0].1, "ĐẮK LẮK");
        // A name no unit has, or no date line: nothing.
        assert!(place_marks("Xom Moi, ngay 5 thang 3 nam 2031", false).is_empty());
        assert!(place_marks("Lai Chau la tinh mien nui nam 2031", true).is_empty());
    }

    #[test]
    fn a_province_that_no_longer_exists_is_spelt() {
        // Sông Bé was divided on 1 January 1997: an archive letter of its time is dated there.
        let block = "So: 45/UB\nSong Be, ngay 5 thang 3 nam 1996\n";
        assert_eq!(place_marks(block, false)[0].1, "Sông Bé");
        let block = "UY BAN NHAN DAN\nTINH BAC THAI          CONG HOA XA HOI CHU NGHIA VIET NAM\n";
        assert_eq!(place_marks(block, true)[0].1, "BẮC THÁI");
    }

    #[test]
    fn a_header_names_its_unit_after_the_level_word() {
        let block = "UY BAN NHAN DAN\nPHUONG BA DINH          CONG HOA XA HOI CHU NGHIA VIET NAM\n";
        let places = place_marks(block, true);
        assert_eq!(places.len(), 1, "{places:?}");
        assert_eq!(places[0].1, "BA ĐÌNH");
        // Only in the header; and a name no unit has stays to the model.
        assert!(place_marks(block, false).is_empty());
        assert!(place_marks("UBND XA XOM MOI\n", true).is_empty());
    }

    #[test]
    fn beside_the_number_after_a_gap() {
        let line = "Số: 12/UBND-VP          Nam  ịnh, ngày 5 tháng 3 năm 2031";
        let wrong = "Số: 12/UBND-VP          Nam ổịnh, ngày 5 tháng 3 năm 2031";
        assert_eq!(
            spelt(line, fills_for(line, wrong), "đổ"),
            "Số: 12/UBND-VP          Nam Định, ngày 5 tháng 3 năm 2031"
        );
    }

    #[test]
    fn a_letter_outside_the_lost_set_or_no_date_leaves_the_line() {
        // A letter outside the lost set: no name fits, the search's reading stays.
        let line = "Đ   L  , ng y 12 tháng 3 năm 2031";
        let wrong = "Đầu Lâu, ngày 12 tháng 3 năm 2031";
        assert_eq!(spelt(line, fills_for(line, wrong), "âầau"), wrong);
        // Nor one.
        let line = "Đà N  g, ng y 12 tháng 3 năm 2031";
        let wrong = "Đà Nông, ngày 12 tháng 3 năm 2031";
        assert_eq!(spelt(line, fills_for(line, wrong), "ôn"), wrong);
        // Not a date line.
        let line = "Đ k L k là tỉnh lớn";
        let wrong = "Đầk Lâk là tỉnh lớn";
        assert_eq!(spelt(line, fills_for(line, wrong), "ắ"), wrong);
    }
}

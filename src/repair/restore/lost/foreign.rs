//! Words of other languages. Documents write some in Latin letters ("Internet", "Website",
//! "Singapore", "Photocopy"); where a font lost some of their letters the pieces are no
//! syllables ("Int rn t"), the line search can only spell syllables into them, and they
//! stayed cut or were misread. A run of pieces in plain Latin letters, one of them no
//! Vietnamese syllable, whose spaces the document's lost letters fill into exactly one
//! word of the list (or one far commoner than the next) is read as that word.

use super::{Fill, LostSet};
use crate::repair::restore::syllable::{self, Syllables};
use std::collections::HashMap;
use std::ops::Range;

static FOREIGN_WORDS: &str = include_str!("../../../../data/lm/foreign_words.txt");

/// A lost letter's least loss rate for it to fill a foreign word.
const LETTER_LOST: f32 = 0.5;
/// At most one char in this many may be a lost one: fewer known letters match too many
/// words. A font that lost i, t and p leaves "Br   sh", "Ph l    nes" of country names;
/// one in three (until the thirty-first session) left them cut.
const CHARS_PER_FILL: usize = 2;
/// The commonest match must be this many times commoner than the next.
const DOMINANCE: u32 = 5;
/// A run holds a piece of at least this many Latin letters that is no syllable ("Int",
/// "oco", "Br", "al"). Two-letter pieces are also the common fragments of Vietnamese words
/// ("tr", "ng"), but where the line search spelt those into syllables its reading stands.
const MIN_CUT_PIECE: usize = 2;
/// Pieces in a run, at most.
const MAX_PIECES: usize = 7;
/// Confidence of a letter spelt into a foreign word.
const FOREIGN_CONFIDENCE: f32 = 0.7;

/// The word list, by length.
struct ForeignWords {
    by_len: HashMap<usize, Vec<(&'static str, u32)>>,
    /// The same by length and first letter, for the patterns whose first letter is known.
    by_len_first: HashMap<(usize, char), Vec<(&'static str, u32)>>,
}

impl ForeignWords {
    fn get() -> &'static ForeignWords {
        static CELL: std::sync::OnceLock<ForeignWords> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            let mut by_len: HashMap<usize, Vec<(&'static str, u32)>> = HashMap::new();
            let mut by_len_first: HashMap<(usize, char), Vec<(&'static str, u32)>> = HashMap::new();
            for line in FOREIGN_WORDS.lines().filter(|l| !l.starts_with('#')) {
                let mut parts = line.split('\t');
                let (Some(word), Some(count)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let count = count.trim().parse().unwrap_or(0);
                by_len.entry(word.len()).or_default().push((word, count));
                if let Some(first) = word.chars().next() {
                    by_len_first
                        .entry((word.len(), first))
                        .or_default()
                        .push((word, count));
                }
            }
            ForeignWords {
                by_len,
                by_len_first,
            }
        })
    }

    /// The one word that `pattern` (lower-case letters, `None` for a lost one whose fill
    /// `may_fill` allows) spells, if one stands out.
    fn spelt(&self, pattern: &[Option<char>], may_fill: impl Fn(char) -> bool) -> Option<&str> {
        let mut best: Option<(&str, u32)> = None;
        let mut second = 0u32;
        let candidates = match pattern.first()? {
            Some(first) => self.by_len_first.get(&(pattern.len(), *first))?,
            None => self.by_len.get(&pattern.len())?,
        };
        for &(word, count) in candidates {
            let fits = word.chars().zip(pattern).all(|(c, p)| match p {
                Some(known) => c == *known,
                None => may_fill(c),
            });
            if !fits {
                continue;
            }
            match best {
                Some((_, top)) if count <= top => second = second.max(count),
                _ => {
                    second = best.map_or(0, |(_, top)| top);
                    best = Some((word, count));
                }
            }
        }
        let (word, count) = best?;
        (count >= second.saturating_mul(DOMINANCE).max(1)).then_some(word)
    }
}

/// What reading the foreign words of a line changes: the letters to fill, and the spaces
/// beside each word, which the line search may have filled and which stay spaces.
#[derive(Debug, Default)]
pub struct ForeignReading {
    pub fills: Vec<Fill>,
    pub spaces: Vec<usize>,
}

/// The foreign words cut by lost letters in `line` (byte offsets in the line) that the line
/// search, whose fills are `search`, left cut: where it read syllables only, it stands.
pub fn foreign_words(line: &str, lost: &LostSet, search: &[Fill]) -> ForeignReading {
    let mut lost_mask = [false; 26];
    for &(c, rate) in &lost.chars {
        if c.is_ascii_lowercase() && rate >= LETTER_LOST {
            lost_mask[(c as u8 - b'a') as usize] = true;
        }
    }
    let lost_letter = |c: char| c.is_ascii_lowercase() && lost_mask[(c as u8 - b'a') as usize];
    let mut out = ForeignReading::default();
    if !lost_mask.contains(&true) {
        return out;
    }
    let pieces = pieces(line);
    let syl = Syllables::get();
    let words = ForeignWords::get();
    // Each piece once: Latin letters alone (marks at its ends aside), and no syllable.
    let (latin, cut): (Vec<bool>, Vec<bool>) = pieces
        .iter()
        .map(|r| {
            let core = line[r.clone()].trim_matches(|c: char| !c.is_alphanumeric());
            let latin = !core.is_empty() && core.bytes().all(|b| b.is_ascii_alphabetic());
            let syllable = || match core.bytes().any(|b| b.is_ascii_uppercase()) {
                true => syl.is_valid(&syllable::lower(core)),
                false => syl.is_valid(core),
            };
            (latin, latin && core.len() >= MIN_CUT_PIECE && !syllable())
        })
        .unzip();
    let mut i = 0;
    'pieces: while i < pieces.len() {
        let bound = (i + MAX_PIECES).min(pieces.len());
        let last = (i..bound).find(|&k| !latin[k]).unwrap_or(bound);
        // The longest run from piece i first; a piece alone may have lost its first or last
        // letter ("Zealan " before a tab).
        for j in (i..last).rev() {
            if !cut[i..=j].iter().any(|&c| c) {
                continue;
            }
            let run = &pieces[i..=j];
            if let Some((fills, word)) = run_spelt(line, run, syl, words, &lost_letter) {
                if read_as_syllables(line, word.clone(), search, syl) {
                    continue;
                }
                out.fills.extend(fills);
                out.spaces.extend([word.start.wrapping_sub(1), word.end]);
                i = j + 1;
                continue 'pieces;
            }
        }
        i += 1;
    }
    out
}

/// The line search read the words of `line` (with its `fills`) that overlap the bytes
/// `span` as syllables only.
fn read_as_syllables(line: &str, span: Range<usize>, fills: &[Fill], syl: &Syllables) -> bool {
    let mut word = String::new();
    let mut overlaps = false;
    for (at, c) in line.char_indices().chain([(line.len(), ' ')]) {
        let c = fills.iter().find(|f| f.at == at).map_or(c, |f| f.ch);
        if !c.is_whitespace() {
            word.push(c);
            overlaps |= span.contains(&at);
            continue;
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        if overlaps
            && !(core.chars().all(char::is_alphabetic) && syl.is_valid(&syllable::lower(core)))
        {
            return false;
        }
        word.clear();
        overlaps = false;
    }
    true
}

/// The pieces of a line between its spaces, as byte ranges (a run's opening and closing
/// marks are trimmed off by [`run_spelt`]).
fn pieces(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..line.len());
    }
    out
}

/// The fills that make the pieces `run` (joined by the spaces between them, each a lost
/// letter) one foreign word; a word's first or last letter may be lost too where two
/// spaces (or the line's edge and one, or one before a tab, a table cell's end, or before
/// a colon, semicolon, comma or closing bracket) stand beside it.
fn run_spelt(
    line: &str,
    run: &[Range<usize>],
    syl: &Syllables,
    words: &ForeignWords,
    lost_letter: &impl Fn(char) -> bool,
) -> Option<(Vec<Fill>, Range<usize>)> {
    let first = &line[run[0].clone()];
    let last = &line[run[run.len() - 1].clone()];
    let opening = first.len() - first.trim_start_matches(['(', '"', '“', '\'']).len();
    let closing = last.len()
        - last
            .trim_end_matches(['.', ',', ';', ':', ')', '"', '”', '\''])
            .len();
    let span = run[0].start + opening..run[run.len() - 1].end - closing;
    if span.start >= span.end {
        return None;
    }
    let text = &line[span.clone()];
    // Plain Latin letters and the spaces between them only; a capital opens the word alone.
    let plain = text
        .char_indices()
        .all(|(k, c)| c == ' ' || c.is_ascii_lowercase() || k == 0 && c.is_ascii_uppercase());
    if !plain {
        return None;
    }
    let cut = text
        .split(' ')
        .filter(|p| !p.is_empty())
        .any(|p| !syl.is_valid(&syllable::lower(p)));
    if !cut {
        return None;
    }
    let (before, after) = (&line[..span.start], &line[span.end..]);
    let lost_edge = |gap: &str, at_edge: bool| {
        let rest = gap.trim_start_matches(' ');
        let spaces = gap.len() - rest.len();
        spaces >= 2 || (at_edge || rest.starts_with(['\t', ':', ';', ',', ')'])) && spaces >= 1
    };
    let lost_first = opening == 0 && {
        let gap: String = before.chars().rev().collect();
        lost_edge(&gap, before.trim().is_empty())
    };
    let lost_last = closing == 0 && lost_edge(after, after.trim().is_empty());
    let mut tries = vec![(false, false)];
    if lost_last {
        tries.push((false, true));
    }
    if lost_first && !text.starts_with(|c: char| c.is_ascii_uppercase()) {
        tries.push((true, false));
    }
    for (lost_first, lost_last) in tries {
        let start = span.start - usize::from(lost_first);
        let end = span.end + usize::from(lost_last);
        let text = &line[start..end];
        let pattern: Vec<Option<char>> = text
            .chars()
            .map(|c| (c != ' ').then(|| c.to_ascii_lowercase()))
            .collect();
        let lost = pattern.iter().filter(|p| p.is_none()).count();
        if lost == 0 || lost * CHARS_PER_FILL > pattern.len() {
            continue;
        }
        if let Some(word) = words.spelt(&pattern, lost_letter) {
            let fills = text
                .char_indices()
                .zip(word.chars())
                .filter(|((_, c), _)| *c == ' ')
                .map(|((at, _), ch)| Fill {
                    at: start + at,
                    ch,
                    confidence: FOREIGN_CONFIDENCE,
                })
                .collect();
            return Some((fills, start..end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelt_back(line: &str, lost: &str) -> String {
        let lost = LostSet::of_all(lost);
        let mut out: Vec<char> = line.chars().collect();
        let offsets: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        for f in foreign_words(line, &lost, &[]).fills {
            let k = offsets.binary_search(&f.at).unwrap();
            assert_eq!(out[k], ' ');
            out[k] = f.ch;
        }
        out.into_iter().collect()
    }

    #[test]
    fn a_foreign_word_cut_by_lost_letters_is_spelt_back() {
        assert_eq!(
            spelt_back("truy cập Int rn t, gửi qua W bsit  của Sở", "eđạ"),
            "truy cập Internet, gửi qua Website của Sở"
        );
        assert_eq!(spelt_back("(bản Pho oco y)", "tp"), "(bản Photocopy)");
        // The last letter, lost before a colon.
        assert_eq!(spelt_back("Emai : vp@so.vn", "l"), "Email: vp@so.vn");
    }

    #[test]
    fn country_names_in_a_table_are_spelt_back() {
        // Three of seven letters lost, more than one in three.
        assert_eq!(spelt_back("14\tBr   sh\t3", "itp"), "14\tBritish\t3");
        assert_eq!(
            spelt_back("19\tPh l    nes\t14", "itp"),
            "19\tPhilippines\t14"
        );
        // A cell's last letter, lost before its tab; a name of two words.
        assert_eq!(
            spelt_back("28\tNew Zealan \t8\t24904500", "d"),
            "28\tNew Zealand\t8\t24904500"
        );
        assert_eq!(
            spelt_back("13\tCayman Islan s\t8", "d"),
            "13\tCayman Islands\t8"
        );
    }

    #[test]
    fn vietnamese_words_and_letters_not_lost_are_left_alone() {
        // Every piece a syllable: Vietnamese text, whatever word the pattern could spell.
        assert_eq!(spelt_back("tin ra nay", "ae"), "tin ra nay");
        // The fill would need a letter the document did not lose.
        assert_eq!(spelt_back("Int rn t", "a"), "Int rn t");
        // Too few letters left to tell one word from another.
        assert_eq!(spelt_back("  r  t", "aeiou"), "  r  t");
    }
}

//! Lost-glyph restoration: PDF fonts with broken maps drop some glyphs and leave exactly one
//! space for each. In a damaged line every space is either a real space or one lost
//! character. Each stretch between two real spaces is spelled out (interior spaces filled
//! with lost characters so that it forms a known syllable, number, date or reference:
//! [`spell`]), and a Viterbi search over the real-space boundaries, scored by the trigram
//! model (the best few model contexts kept per boundary, ranked with the best the next
//! token adds: [`line`]), picks the most likely line. A fill's confidence is the share of
//! the probability mass at its token's end, so ranked, that spelled that token the same way.
//!
//! Which characters were lost is estimated from the text itself ([`LostSet::estimate`]):
//! characters that are frequent in Vietnamese but (almost) never seen in the damaged lines.
//! The noise model: a real space costs nothing, filling char c costs log10(loss rate of c),
//! so the language model decides wherever the loss rate is high.

mod foreign;
mod leaders;
mod line;
mod markers;
mod rates;
mod spell;

pub use foreign::foreign_words;
pub use leaders::dot_leaders;
pub use line::{next_line_context, restore_line, LineSearch};
pub use markers::list_markers;
pub use rates::rate_slashes;
pub(crate) use spell::MIXED_CASE_CODES;

use super::lexicon::Lexicon;
use super::lm::Model;
use super::syllable::{self, is_letter, FxBuild, Syllables};
use std::collections::HashMap;

/// Loss rate given to chars seen somewhat less often than expected.
const UNSURE_RATE: f32 = 0.1;
/// Prior share of lost chars among those too rare to judge by counts, and the least
/// expected count for which never seeing one counts as evidence.
const RARE_PRIOR: f64 = 0.3;
const RARE_MIN_EXPECTED: f64 = 0.2;
/// Loss rate of a letter rarer still, never seen, that joins a damaged fragment pair into
/// a word ([`completes_fragments`]): short documents expect too few "è" for its absence to
/// count, yet "ngh o" is "nghèo". Chosen on dev: 0.1 and 0.3 measured alike (0.1 added
/// fewer false quantities); requiring two such pairs, alike too.
const FRAGMENT_RATE: f32 = 0.1;
/// Space runs longer than a document's plausible longest run of lost glyphs
/// ([`LostSet::longest_lost_run`]) are layout (indentation, rules, column gaps), never lost
/// glyphs; that bound lies between these two.
const MIN_LOST_RUN: usize = 7;
const MAX_LOST_RUN: usize = 13;
/// Share of spaces among the chars of Vietnamese running text (syllables of about four
/// letters).
const SPACE_SHARE: f64 = 0.2;

/// Characters a font may have lost, with their estimated loss rates.
#[derive(Debug, Clone, Default)]
pub struct LostSet {
    /// (char, loss rate in (0, 1]), most frequent first.
    pub chars: Vec<(char, f32)>,
}

/// Loss rate from which a run of lines adds a char to the document's lost set: a font
/// that changes within the document leaves no trace of what it lost, while a char merely
/// scarce in a few hundred lines is noise that the search would try in every space (dev:
/// +0.05 points over 0.5).
const RUN_LOSS_RATE: f32 = 0.95;

/// Chars that may be lost besides lower-case letters.
const LOSABLE_PUNCT: &str = ",./&";

impl LostSet {
    /// A lost set of `chars`, each lost everywhere (for tests).
    #[cfg(test)]
    pub(crate) fn of_all(chars: &str) -> LostSet {
        LostSet {
            chars: chars.chars().map(|c| (c, 1.0)).collect(),
        }
    }

    /// Estimates the lost set from the damaged lines of a text: a char is suspect when its
    /// expected count there is at least 2 and fewer than half of the expected occurrences
    /// are visible. Chars are counted as written: a capital is another glyph of the font,
    /// so a visible "T" says nothing of a lost "t" (the model's char shares are counted
    /// the same way).
    pub fn estimate(lines: &[&str], model: &Model, lexicon: &Lexicon) -> LostSet {
        let mut seen: HashMap<char, usize, FxBuild> = HashMap::default();
        let (mut total, mut letters) = (0usize, 0usize);
        for line in lines {
            for c in line.chars().filter(|c| !c.is_whitespace()) {
                *seen.entry(c).or_default() += 1;
                total += 1;
                letters += usize::from(is_letter(c));
            }
        }
        if total == 0 {
            return LostSet { chars: Vec::new() };
        }
        // Visible chars are those not lost, so scale up by an assumed 15% loss. A letter is
        // expected among the letters: tables of figures are mostly digits, which the
        // model's running text hardly has, and against all chars every letter of them
        // looked lost.
        let base = total as f64 * 1.15;
        let letter_base = letters as f64 * 1.15 / model.letter_share();
        let mut chars: Vec<(char, f32, f64)> = Vec::new();
        // Letters too rare to judge even by their absence, never seen.
        let mut rarest: Vec<(char, f64)> = Vec::new();
        for c in candidate_chars() {
            let expected = model.char_share(c) * if is_letter(c) { letter_base } else { base };
            let observed = seen.get(&c).copied().unwrap_or(0) as f64;
            if expected < 2.0 {
                // Too rare to tell from counts: never seen keeps it possible, at the odds
                // of a lost char given that absence (P(none seen | kept) = e^-expected).
                if observed == 0.0 && expected >= RARE_MIN_EXPECTED {
                    let rate = RARE_PRIOR / (RARE_PRIOR + (1.0 - RARE_PRIOR) * (-expected).exp());
                    chars.push((c, rate as f32, expected));
                } else if observed == 0.0 && is_letter(c) {
                    rarest.push((c, expected));
                }
                continue;
            }
            let ratio = observed / expected;
            // Clearly missing chars get their loss rate; chars seen less than expected
            // (the training text's domain differs) stay possible at a low rate.
            if ratio < 0.5 {
                let rate = (1.0 - ratio).clamp(0.05, 1.0) as f32;
                chars.push((c, rate, expected));
            } else if ratio < 0.8 {
                chars.push((c, UNSURE_RATE, expected));
            }
        }
        if !rarest.is_empty() {
            let pairs = fragment_pairs(lines);
            let names = name_fragments(lines, lexicon);
            for (c, expected) in rarest {
                if completes_fragments(&pairs, c, model) || completes_a_surname(&names, c, lexicon)
                {
                    chars.push((c, FRAGMENT_RATE, expected));
                }
            }
        }
        chars.sort_by(|a, b| b.2.total_cmp(&a.2));
        LostSet {
            chars: chars.into_iter().map(|(c, r, _)| (c, r)).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The longest run of spaces that lost glyphs plausibly leave in `chars` chars of
    /// text: a char shows as a space with probability q (a real space, or a lost glyph at
    /// the set's rates), so about `chars` × q^k runs reach k spaces, and the bound is the
    /// k where that falls to one. A font that lost a few letters leaves runs of 7 at most;
    /// one that lost a third of them, runs of 12.
    pub fn longest_lost_run(&self, model: &Model, chars: usize) -> usize {
        let lost_share: f64 = self
            .chars
            .iter()
            .map(|&(c, rate)| model.char_share(c) * rate as f64)
            .sum::<f64>()
            .min(0.9);
        let q = SPACE_SHARE + (1.0 - SPACE_SHARE) * lost_share;
        let k = (chars.max(2) as f64).ln() / (1.0 / q).ln();
        (k.floor() as usize).clamp(MIN_LOST_RUN, MAX_LOST_RUN)
    }

    /// Whether the set gives `c` a loss rate of `at_least` or more.
    pub fn loses(&self, c: char, at_least: f32) -> bool {
        self.chars
            .iter()
            .any(|&(x, rate)| x == c && rate >= at_least)
    }

    /// This set plus the chars `local` (a run's estimate) finds clearly lost, each at the
    /// higher of the two rates.
    pub fn merged_with(&self, local: &LostSet) -> LostSet {
        let mut chars = self.chars.clone();
        for &(c, rate) in local.chars.iter().filter(|(_, r)| *r >= RUN_LOSS_RATE) {
            match chars.iter_mut().find(|(x, _)| *x == c) {
                Some(entry) => entry.1 = entry.1.max(rate),
                None => chars.push((c, rate)),
            }
        }
        LostSet { chars }
    }
}

/// The pairs of letter runs either side of one space where one of them is no syllable
/// ("ngh o"), lower-cased: where a lost glyph must have been.
fn fragment_pairs(lines: &[&str]) -> Vec<(String, String)> {
    let syl = Syllables::get();
    let letters = |w: &str| !w.is_empty() && w.chars().all(is_letter);
    let mut out = Vec::new();
    for line in lines {
        let words: Vec<&str> = line.split(' ').collect();
        for pair in words.windows(2) {
            // The letters either side of the space ("(ngh o," is "ngh" and "o").
            let a = pair[0].trim_start_matches(|c: char| !is_letter(c));
            let b = pair[1].trim_end_matches(|c: char| !is_letter(c));
            if !(letters(a) && letters(b)) {
                continue;
            }
            let (a, b) = (syllable::lower(a), syllable::lower(b));
            if !syl.is_valid(&a) || !syl.is_valid(&b) {
                out.push((a, b));
            }
        }
    }
    out
}

/// Whether `c` joins one of the fragment pairs into a word the model knows well ("ngh o" +
/// è = "nghèo"): the evidence a rare letter was lost when counts are too few to show it.
fn completes_fragments(pairs: &[(String, String)], c: char, model: &Model) -> bool {
    let mut word = String::new();
    pairs.iter().any(|(a, b)| {
        word.clear();
        word.push_str(a);
        word.push(c);
        word.push_str(b);
        let known = model.syllable_id(&syllable::modern_tone(&word));
        known.is_some_and(|id| model.unigram(id) > -5.0)
    })
}

/// Capitalised words that open a line, are no family name and are followed by more than
/// one space, lower-cased, with the count of those spaces: a name whose surname lost its
/// last letters ("Nguy   Hữu Thắng", ễ and n lost).
fn name_fragments(lines: &[&str], lexicon: &Lexicon) -> Vec<(String, usize)> {
    lines
        .iter()
        .filter_map(|line| {
            let line = line.trim_start();
            let word_end = line.find(' ')?;
            let word = &line[..word_end];
            let spaces = line[word_end..].len() - line[word_end..].trim_start_matches(' ').len();
            let mut chars = word.chars();
            let title_case = chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_lowercase() && is_letter(c));
            let lower = syllable::lower(word);
            (title_case && spaces >= 2 && !lexicon.is_surname(&lower)).then_some((lower, spaces))
        })
        .collect()
}

/// Whether `c` continues one of the `fragments` into a family name whose rest fits the
/// spaces after it ("nguy" + ễ + n = "nguyễn"): the commonest surnames hold letters a short
/// document may never show.
fn completes_a_surname(fragments: &[(String, usize)], c: char, lexicon: &Lexicon) -> bool {
    fragments.iter().any(|(word, spaces)| {
        let mut opened = word.clone();
        opened.push(c);
        let added = |s: &str| s.chars().count() - word.chars().count();
        lexicon
            .surnames()
            .any(|s| s.starts_with(opened.as_str()) && added(s) < *spaces)
    })
}

fn candidate_chars() -> Vec<char> {
    let model = Model::get();
    let mut out: Vec<char> = "abcdeghiklmnopqrstuvxyđ"
        .chars()
        .chain("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ".chars())
        .chain(LOSABLE_PUNCT.chars())
        .collect();
    out.retain(|&c| model.char_share(c) > 0.0);
    out
}

/// Whether a line shows the marks of lost glyphs: a lower-case letter fragment that is no
/// syllable, or two spaces between words. Words end at any whitespace: table rows put
/// tabs between their cells ("Tây N nh\t93").
pub fn looks_damaged(line: &str) -> bool {
    let syl = Syllables::get();
    let trimmed = line.trim();
    if trimmed.contains("  ") {
        return true;
    }
    let chunks: Vec<&str> = trimmed.split_whitespace().collect();
    // A cell that is one such capital and the space its lost glyph left ("C " for "Có").
    if let [only] = chunks.as_slice() {
        if lone_capital(only, syl) && line.trim_start().ends_with(' ') {
            return true;
        }
    }
    chunks
        .iter()
        .any(|chunk| word_fragment(chunk, syl) == Some(true))
        || chunks.windows(2).enumerate().any(|(i, pair)| {
            let sentence_start = i == 0
                || chunks[i - 1].ends_with(['.', ':', ';', '!', '?'])
                || chunks[i - 1].starts_with(['-', '+', '•']);
            let next_lower = pair[1]
                .chars()
                .next()
                .is_some_and(|n| n.is_lowercase() && is_letter(n));
            sentence_start && next_lower && lone_capital(pair[0], syl)
        })
}

/// Whether a text groups thousands by spaces ("612 000 con", "1 250 000 đồng") where its
/// font kept the full stop: such a number cannot have lost a dot, and no decimal part is
/// all zeros or followed by another group of three, so the spaces are the writer's.
pub fn groups_thousands_by_spaces(text: &str, lost: &LostSet) -> bool {
    static GROUPED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if lost.loses('.', 0.5) {
        return false;
    }
    let grouped = GROUPED.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[^\d.,/])\d{1,3}(?: \d{3}){2,}(?:$|[^\d])|(?:^|[^\d.,/])\d{1,3} 000(?:$|[^\d])",
        )
        .expect("valid pattern")
    });
    grouped.is_match(text)
}

/// Digits after a space that no thousands group has (three): where the document lost its
/// decimal mark, a table's rates and ratios read "105 9850374", "86 15738082", on lines
/// whose words may all be syllables.
const DECIMALS_NO_GROUP: usize = 4;

/// Whether a line that [`looks_damaged`] passed over shows, in a document known to have lost
/// the chars of `lost`, a mark only those chars explain: a number and a code with the
/// slash between them gone ("Số: 2210 SNV-CCVC", "số 120 2002 TT BTC"), two short
/// numbers with the slash or decimal point between them gone ("ngày 25 11 2024", a cell
/// "16 9"), a number and decimals no group has ("105 9850374"), or a capital cut off
/// before a colon ("S : 2210" for "Số:").
pub fn shows_lost_chars(line: &str, lost: &LostSet) -> bool {
    let likely = |c: char| lost.loses(c, 0.5);
    let chunks: Vec<&str> = line.split_whitespace().collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let code = |s: &str| {
        s.chars().filter(|c| c.is_uppercase()).count() >= 2
            && s.chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '/'))
    };
    let after_so = |i: usize| {
        i > 0 && {
            let w = chunks[i - 1].trim_end_matches(':');
            w == "số" || w == "Số" || w == "SỐ"
        }
    };
    let slash = likely('/');
    let point = likely('.') || likely(',');
    let numbers_cut = chunks.windows(2).enumerate().any(|(i, w)| {
        let (a, b) = (w[0], w[1]);
        digits(a)
            && (slash && code(b) && (b.contains('-') || after_so(i))
                || slash && after_so(i) && digits(b)
                || (slash || point) && digits(b) && a.len() <= 2 && b.len() <= 2
                || point && digits(b) && b.len() >= DECIMALS_NO_GROUP)
    });
    let any_letter_lost = lost.chars.iter().any(|&(c, r)| is_letter(c) && r >= 0.5);
    let capital_cut = any_letter_lost
        && chunks
            .windows(2)
            .any(|w| lone_capital(w[0], Syllables::get()) && w[1].starts_with(':'));
    numbers_cut || capital_cut || any_letter_lost && name_cut(&chunks)
}

/// A piece in lower case inside a run of capitalised words, as a name cut by a lost glyph
/// leaves it ("Lê Văn T ắng", "Đỗ Thanh H i", "Ngu ễn Hồng Lĩnh"): each piece may be a
/// syllable, so only the run of capitals around shows the cut. The piece opens with a
/// vowel (its onset went with the lost glyph; a cut onset leaves a fragment that
/// [`looks_damaged`] sees), and the words around it are capitalised or capitals that are no
/// words on their own.
fn name_cut(chunks: &[&str]) -> bool {
    let syl = Syllables::get();
    let capitalised = |s: &str| {
        let s = s.trim_end_matches(['.', ',']);
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_uppercase() && is_letter(c))
            && chars.clone().next().is_some()
            && chars.all(|c| c.is_lowercase() && is_letter(c))
    };
    let vowel_piece = |s: &str| {
        let s = s.trim_end_matches(['.', ',']);
        let first: String = s.chars().take(1).collect();
        syllable::strip_marks(&first).starts_with(['a', 'e', 'i', 'o', 'u', 'y'])
            && s.chars().all(|c| c.is_lowercase() && is_letter(c))
    };
    let in_name = |s: &str| capitalised(s) || lone_capital(s, syl);
    (1..chunks.len()).any(|i| {
        let run_before = i >= 2 && in_name(chunks[i - 2]);
        vowel_piece(chunks[i])
            && in_name(chunks[i - 1])
            && chunks.get(i + 1).map_or(run_before, |s| in_name(s))
    })
}

/// A capital letter that is no word on its own: at the start of a line or sentence and
/// before a word in lower case ("K ông" for "Không"), the rest of its word was cut off by
/// a lost glyph. Initials and list letters stand before a capital or a mark ("H. Cao
/// Lãnh", "B)"), and a letter inside a sentence may name an annex ("Phụ lục B kèm theo").
fn lone_capital(chunk: &str, syl: &Syllables) -> bool {
    let mut chars = chunk.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    c.is_uppercase() && is_letter(c) && !syl.is_valid(&syllable::lower(chunk))
}

/// A chunk between spaces read as a word: `None` when its core (without the punctuation
/// around it) is not all letters, else whether it is a fragment — a word with a small
/// letter that is no syllable, as lost glyphs leave them ("Thự  hi n").
pub fn word_fragment(chunk: &str, syl: &Syllables) -> Option<bool> {
    let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() || !core.chars().all(is_letter) {
        return None;
    }
    Some(core.chars().any(char::is_lowercase) && !syl.is_valid(core))
}

/// A restored char: byte offset of the space in the line, the char, confidence.
#[derive(Clone, Debug)]
pub struct Fill {
    pub at: usize,
    pub ch: char,
    pub confidence: f32,
}

/// A line's char with the fills written in: (byte offset in the line, char, filled).
pub type FilledChar = (usize, char, bool);

/// The chars of `line` with `fills` written in at their offsets.
pub fn filled_chars(line: &str, fills: &[Fill]) -> Vec<FilledChar> {
    let mut chars: Vec<FilledChar> = line.char_indices().map(|(i, c)| (i, c, false)).collect();
    for f in fills {
        if let Ok(k) = chars.binary_search_by_key(&f.at, |c| c.0) {
            chars[k].1 = f.ch;
            chars[k].2 = true;
        }
    }
    chars
}

/// The words of such chars: runs of chars other than whitespace, as index ranges.
pub fn word_ranges(chars: &[FilledChar]) -> Vec<std::ops::Range<usize>> {
    let mut words = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if chars[k].1.is_whitespace() {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && !chars[k].1.is_whitespace() {
            k += 1;
        }
        words.push(start..k);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_grouped_by_spaces_count_only_where_no_dot_was_lost() {
        let comma = LostSet {
            chars: vec![(',', 1.0), ('a', 1.0)],
        };
        for text in [
            "đàn gia cầm 612 000 con",
            "hỗ trợ 1 250 000 đồng mỗi hộ",
            "Tổng:\t12 345 678",
        ] {
            assert!(groups_thousands_by_spaces(text, &comma), "{text}");
        }
        // One group that is not all zeros may be a decimal whose comma was lost; dates and
        // a number after a dot are no groups.
        for text in ["đàn trâu 3 420 con", "ngày 12 10 2021", "mục 1.250 000"] {
            assert!(!groups_thousands_by_spaces(text, &comma), "{text}");
        }
        let dot = LostSet {
            chars: vec![('.', 0.9)],
        };
        assert!(!groups_thousands_by_spaces("1 587 000 000 đồng", &dot));
    }

    #[test]
    fn a_rare_letter_that_completes_a_surname_is_possibly_lost() {
        // ễ and n lost from a signer's "Nguyễn": "ễ" is too rare for a short document to
        // show, yet the fragment and its spaces fit the commonest family name.
        let lines = ["                Nguy   Hữu Thắng", "Trần   Văn An", "Nguy"];
        let fragments = name_fragments(&lines, Lexicon::builtin());
        assert_eq!(fragments, [("nguy".to_string(), 3)]);
        assert!(completes_a_surname(&fragments, 'ễ', Lexicon::builtin()));
        assert!(
            !completes_a_surname(&fragments, 'ề', Lexicon::builtin()),
            "nguyền is no surname"
        );
        // The rest must fit the spaces: "Nguy" + two spaces leaves room for one letter.
        assert!(!completes_a_surname(
            &[("nguy".to_string(), 2)],
            'ễ',
            Lexicon::builtin()
        ));
    }

    #[test]
    fn a_rare_letter_that_joins_fragments_into_a_word_is_estimated_lost() {
        let model = Model::get();
        let lines = ["Năm 2031 toàn xã còn 12 hộ ngh o, giảm 3 hộ so với năm trước."];
        let estimate = LostSet::estimate(&lines, model, Lexicon::builtin());
        assert!(
            estimate.chars.iter().any(|&(c, _)| c == 'è'),
            "{estimate:?}"
        );
        // Without the fragment, nothing points at it.
        let lines = ["Năm 2031 toàn xã còn 12 hộ, giảm 3 hộ so với năm trước."];
        let estimate = LostSet::estimate(&lines, model, Lexicon::builtin());
        assert!(
            !estimate.chars.iter().any(|&(c, _)| c == 'è'),
            "{estimate:?}"
        );
    }

    #[test]
    fn a_capital_cut_off_from_its_word_marks_a_damaged_line() {
        assert!(looks_damaged("K ông"));
        assert!(looks_damaged("Đ ồng ý"));
        assert!(!looks_damaged("(H Cao Lãnh); xã Tân Hội"));
        assert!(!looks_damaged("theo Phụ lục B kèm theo"));
        assert!(!looks_damaged("Không"));
        assert!(looks_damaged("C "));
        assert!(!looks_damaged("C") && !looks_damaged("A "));
        // A capital that is a word on its own ("Ở", "Y") is no cut.
        assert!(!looks_damaged("Ở đây"));
    }

    #[test]
    fn lines_only_the_lost_set_explains_are_damaged_in_its_document() {
        let set = LostSet::of_all;
        let (slash, point, letters) = (set("/"), set("."), set("nh"));
        for line in ["Số: 2210 SNV-CCVC", "SỐ: 40 2000 TT BTC", "ngày 25 11 2024"] {
            assert!(!looks_damaged(line), "{line}");
            assert!(shows_lost_chars(line, &slash), "{line}");
            assert!(!shows_lost_chars(line, &letters), "{line}");
        }
        // A decimal point lost in a cell of percentages.
        assert!(shows_lost_chars("16 9", &point) && !shows_lost_chars("16 9", &letters));
        // More decimals than a thousands group has, in a row of syllables and figures.
        let row = "2\tThan đá\t\"\t11000\t802\t850\t105 9850374";
        assert!(!looks_damaged(row) && shows_lost_chars(row, &point));
        assert!(!shows_lost_chars("2\tThan đá\t11 000\t802", &point));
        // Thousands grouped by spaces and amounts before a currency are written so.
        assert!(!shows_lost_chars("Dưới 500 000 VND", &slash));
        assert!(!shows_lost_chars("năm 2020 UBND tỉnh", &slash));
        // A capital cut off before its colon, where letters were lost.
        assert!(shows_lost_chars("S : 2210/SNV-CCVC", &letters));
        assert!(!shows_lost_chars("S : 2210/SNV-CCVC", &slash));
        // A name cut into pieces that are each a syllable, where letters were lost.
        for line in ["Mạc Văn T ắng", "Ngu ễn Thu Hà", "Phí Q ốc Lâm"] {
            assert!(!looks_damaged(line), "{line}");
            assert!(shows_lost_chars(line, &letters), "{line}");
            assert!(!shows_lost_chars(line, &slash), "{line}");
        }
        // Capitalised words before a word with its onset are no cut.
        assert!(!shows_lost_chars("Công ty Cổ phần Xây dựng", &letters));
        assert!(!shows_lost_chars("theo Phụ lục B kèm theo", &letters));
    }

    #[test]
    fn figures_beside_the_words_do_not_make_letters_look_lost() {
        // Rows of a statistics table: far more digits than the model's running text has.
        let rows = [
            "Công nghiệp nặng\t1081\t7623158143\t3045765002\t3651571185",
            "Công nghiệp thực phẩm\t139\t2011384979\t922889897\t1363386468",
            "Nông, lâm nghiệp\t386\t2270264713\t935188194\t962202344",
            "Giao thông vận tải, bưu điện\t88\t1469011295\t1092348471\t398579941",
            "Tài chính, ngân hàng\t33\t478300000\t459845000\t388639101",
            "Văn hóa, y tế, giáo dục\t127\t424769672\t195650215\t180816308",
            "Xây dựng văn phòng, căn hộ\t66\t2769397817\t977072044\t1165512861",
            "Dịch vụ khác và các ngành còn lại\t412\t3150472210\t1287319845\t1402518230",
        ];
        let names: Vec<&str> = rows.iter().filter_map(|r| r.split('\t').next()).collect();
        let lost_letters = |lines: &[&str]| -> Vec<char> {
            let set = LostSet::estimate(lines, Model::get(), Lexicon::builtin());
            set.chars
                .iter()
                .filter(|(c, rate)| is_letter(*c) && *rate >= 0.5)
                .map(|(c, _)| *c)
                .collect()
        };
        // The figures beside the names change nothing about which letters look lost.
        assert_eq!(lost_letters(&rows), lost_letters(&names));
    }

    #[test]
    fn longer_space_runs_count_as_lost_glyphs_only_where_much_was_lost() {
        let model = Model::get();
        let set = LostSet::of_all;
        let mild = set("ỹẵ");
        let harsh = set("aehilotnc");
        assert_eq!(mild.longest_lost_run(model, 20_000), MIN_LOST_RUN);
        let long = harsh.longest_lost_run(model, 20_000);
        assert!((11..=MAX_LOST_RUN).contains(&long), "{long}");
        assert!(harsh.longest_lost_run(model, 300) < long);
    }
}

//! Pass 2 of repair, Unicode forms: text (already converted from legacy encodings by
//! `legacy`) → the same text with one spelling for each letter and space.
//!
//! What it fixes, each counted in the pass notes:
//! - **NFC**: decomposed or oddly ordered marks are composed ("a\u{0301}" → "á").
//! - **Look-alike letters** that PDFs and old fonts leave: ƣ/Ƣ (U+01A3/U+01A2, "oi") → ư/Ư,
//!   Ð/ð (U+00D0/U+00F0, eth) and Ɖ (U+0189) → Đ/đ, and Cyrillic or Greek letters that look
//!   Latin ("а", "о", "р", "с", "Н", "ο", …) inside a word that also has Latin letters. A
//!   word written wholly in Cyrillic or Greek is left alone.
//! - **Odd spaces** (NBSP, U+2000–U+200A, U+202F, U+205F, U+3000) → a plain space;
//!   **zero-width characters** (U+200B–U+200D, U+2060, U+FEFF) and **soft hyphens** (U+00AD)
//!   are removed; U+2028/U+2029 (line and paragraph separators) become line breaks.
//!   This runs after `legacy`, so a TCVN3 byte 0xAD is already "ư" here.
//! - **Tone-mark placement** in the open rhymes "oa", "oe", "uy", the only ones where two
//!   styles are in use (see [`ToneStyle`]): `Modern` puts the mark on the first vowel
//!   ("hòa", "khỏe", "thủy", the style of Decree 30/2020 documents), `Traditional` on the
//!   second ("hoà", "khoẻ", "thuỷ"), `Keep` leaves it. Rhymes with a final consonant
//!   ("hoàng", "khuyết") and "qu" + vowel ("quý", "quả") are written one way in both styles
//!   and are never touched, nor is any word whose onset is not Vietnamese.
//!
//! Edits are local: one per word (a run of non-space characters) or per odd space, never
//! a whole line. It does not guess lost letters or diacritics (that is `restore`).
//!
//! The pipeline runs [`normalize`] with `Keep` and moves tone marks last ([`place_tones`],
//! after `restore`): in damaged text "hoạ h" is "hoạch" that lost its c, and moving the
//! mark first ("họa h") would leave the restorer no syllable to spell.

use super::restore::syllable::is_letter;
use super::{Pass, Rewriter, ToneStyle};
use std::collections::BTreeMap;
use unicode_normalization::{char::compose, char::decompose_canonical, UnicodeNormalization};

/// Runs the pass.
pub fn normalize(text: &str, style: ToneStyle) -> Pass {
    let mut rw = Rewriter::new(text);
    let mut counts = Counts::default();
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(ws) = word_start.take() {
                fix_word(&mut rw, text, ws..i, style, &mut counts);
            }
            if is_odd_space(c) {
                rw.replace(i..i + c.len_utf8(), " ", 1.0);
                counts.add("odd space → space");
            } else if matches!(c, '\u{2028}' | '\u{2029}') {
                rw.replace(i..i + c.len_utf8(), "\n", 1.0);
                counts.add("line separator → line break");
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(ws) = word_start {
        fix_word(&mut rw, text, ws..text.len(), style, &mut counts);
    }
    rw.finish("unicode", counts.notes())
}

/// Moves tone marks to `style`'s vowel, word by word (pass "tones"; `Keep` changes nothing).
pub fn place_tones(text: &str, style: ToneStyle) -> Pass {
    let mut rw = Rewriter::new(text);
    let mut n = 0;
    if style != ToneStyle::Keep {
        let mut word_start: Option<usize> = None;
        let ends = text
            .char_indices()
            .map(|(i, c)| (i, c.is_whitespace()))
            .chain(std::iter::once((text.len(), true)));
        for (i, space) in ends {
            match (space, word_start) {
                (true, Some(ws)) => {
                    word_start = None;
                    let word = &text[ws..i];
                    if !word.is_ascii() && !lost_its_last_letters(&text[i..]) {
                        let (restyled, changed) = restyle_tones(word, style);
                        if changed > 0 {
                            rw.replace(ws..i, &restyled, 1.0);
                            n += changed;
                        }
                    }
                }
                (false, None) => word_start = Some(i),
                _ => {}
            }
        }
    }
    let mut counts = Counts::default();
    counts.add_n("tone style", n);
    rw.finish("tones", counts.notes())
}

/// Whether the text after a word (`rest`, from the space that ends it) is one space and a
/// lone small letter: "hoạ h" is "hoạch" that lost its c, which restoration may not have
/// read (too little damage in the document), and "họa h" would leave it no syllable to
/// spell. A list's letter ("khoẻ a)") is no such letter.
fn lost_its_last_letters(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next() == Some(' ')
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.next().map_or(true, |c| {
            c.is_whitespace() || (c.is_ascii_punctuation() && c != ')')
        })
}

/// Per-kind counters, reported as "kind: n" notes in a stable order.
#[derive(Default)]
struct Counts(BTreeMap<&'static str, usize>);

impl Counts {
    fn add(&mut self, kind: &'static str) {
        self.add_n(kind, 1);
    }
    fn add_n(&mut self, kind: &'static str, n: usize) {
        if n > 0 {
            *self.0.entry(kind).or_insert(0) += n;
        }
    }
    fn notes(&self) -> Vec<String> {
        self.0.iter().map(|(k, n)| format!("{k}: {n}")).collect()
    }
}

fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Fixes one word (no whitespace inside) and records one edit if anything changed.
fn fix_word(
    rw: &mut Rewriter,
    text: &str,
    range: std::ops::Range<usize>,
    style: ToneStyle,
    counts: &mut Counts,
) {
    let word = &text[range.clone()];
    if word.is_ascii() {
        return;
    }
    // 1. Invisible characters and soft hyphens go.
    let mut cleaned = String::with_capacity(word.len());
    for c in word.chars() {
        if is_invisible(c) {
            counts.add("zero-width removed");
        } else if c == '\u{00AD}' {
            counts.add("soft hyphen removed");
        } else {
            cleaned.push(c);
        }
    }
    // 2. NFC.
    let composed: String = cleaned.nfc().collect();
    if composed != cleaned {
        counts.add("nfc");
    }
    // 3. Look-alikes.
    let has_latin = composed
        .chars()
        .any(|c| c.is_ascii_alphabetic() || is_vietnamese(c));
    let mut fixed = String::with_capacity(composed.len());
    for c in composed.chars() {
        let to = match c {
            '\u{01A3}' => Some(('ư', "lookalike ƣ→ư")),
            '\u{01A2}' => Some(('Ư', "lookalike Ƣ→Ư")),
            '\u{00D0}' | '\u{0189}' => Some(('Đ', "lookalike Ð→Đ")),
            '\u{00F0}' => Some(('đ', "lookalike ð→đ")),
            _ if has_latin => confusable_to_latin(c).map(|l| (l, "lookalike cyrillic/greek→latin")),
            _ => None,
        };
        match to {
            Some((l, kind)) => {
                fixed.push(l);
                counts.add(kind);
            }
            None => fixed.push(c),
        }
    }
    // 4. Tone placement, syllable by syllable (a word may hold "hoà-bình" or "(thuỷ").
    if style != ToneStyle::Keep {
        let (restyled, n) = restyle_tones(&fixed, style);
        counts.add_n("tone style", n);
        fixed = restyled;
    }
    rw.replace(range, &fixed, 1.0);
}

/// Latin letters with Vietnamese diacritics (so "Нà" counts as a Latin word).
fn is_vietnamese(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

/// The Latin letter a Cyrillic or Greek letter is indistinguishable from, if any.
fn confusable_to_latin(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic lower case
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'һ' => 'h',
        // Cyrillic upper case
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        // Greek
        'ο' => 'o',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        _ => return None,
    })
}

/// The five tone marks as combining characters.
const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Splits a precomposed letter into (letter without tone, tone mark).
fn split_tone(c: char) -> (char, Option<char>) {
    let mut parts: Vec<char> = Vec::with_capacity(3);
    decompose_canonical(c, |p| parts.push(p));
    let tone = parts.iter().copied().find(|p| TONE_MARKS.contains(p));
    let Some(tone) = tone else {
        return (c, None);
    };
    let mut base = parts[0];
    for &m in parts[1..].iter().filter(|&&m| m != tone) {
        base = compose(base, m).unwrap_or(base);
    }
    (base, Some(tone))
}

fn with_tone(base: char, tone: char) -> char {
    compose(base, tone).unwrap_or(base)
}

/// Onsets of Vietnamese syllables (lower case, without "qu", handled apart).
const ONSETS: [&str; 27] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "r", "s", "t", "th", "tr", "v", "x",
];

/// Moves tone marks in open "oa"/"oe"/"uy" syllables of `word` to the style's vowel.
/// Returns the new word and how many syllables changed.
fn restyle_tones(word: &str, style: ToneStyle) -> (String, usize) {
    let chars: Vec<char> = word.chars().collect();
    let mut out = chars.clone();
    let mut changed = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_letter(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_letter(chars[i]) {
            i += 1;
        }
        if let Some(moved) = restyle_syllable(&chars[start..i], style) {
            out[start..i].copy_from_slice(&moved);
            changed += 1;
        }
    }
    (out.into_iter().collect(), changed)
}

fn restyle_syllable(syl: &[char], style: ToneStyle) -> Option<Vec<char>> {
    let n = syl.len();
    if !(2..=5).contains(&n) {
        return None;
    }
    let (v1, t1) = split_tone(syl[n - 2]);
    let (v2, t2) = split_tone(syl[n - 1]);
    let pair = (v1.to_lowercase().next()?, v2.to_lowercase().next()?);
    if !matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return None;
    }
    let onset: String = syl[..n - 2].iter().flat_map(|c| c.to_lowercase()).collect();
    if !ONSETS.contains(&onset.as_str()) || syl[..n - 2].iter().any(|&c| split_tone(c).1.is_some())
    {
        return None;
    }
    let (tone, on_first) = match (t1, t2) {
        (Some(t), None) => (t, true),
        (None, Some(t)) => (t, false),
        _ => return None,
    };
    let want_first = style == ToneStyle::Modern;
    if on_first == want_first {
        return None;
    }
    let mut out = syl.to_vec();
    if want_first {
        out[n - 2] = with_tone(v1, tone);
        out[n - 1] = v2;
    } else {
        out[n - 2] = v1;
        out[n - 1] = with_tone(v2, tone);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str, style: ToneStyle) -> String {
        normalize(s, style).text
    }

    #[test]
    fn tone_styles_both_ways() {
        let t = "Hoà bình, thuỷ lợi, sức khoẻ; HOÀ; hoàng, quý, quả, thuyền";
        assert_eq!(
            norm(t, ToneStyle::Modern),
            "Hòa bình, thủy lợi, sức khỏe; HÒA; hoàng, quý, quả, thuyền"
        );
        let m = "Hòa bình, thủy lợi, khỏe, (hòa)";
        assert_eq!(
            norm(m, ToneStyle::Traditional),
            "Hoà bình, thuỷ lợi, khoẻ, (hoà)"
        );
        assert_eq!(norm(t, ToneStyle::Keep), t);
    }

    #[test]
    fn a_word_cut_by_a_lost_letter_keeps_its_mark() {
        let pass = place_tones("Kế hoạ h và Đầu tư; hoà bình; khoẻ a)", ToneStyle::Modern);
        assert_eq!(pass.text, "Kế hoạ h và Đầu tư; hòa bình; khỏe a)");
    }

    #[test]
    fn lookalikes_spaces_and_invisibles() {
        let p = normalize(
            "ph\u{01A3}\u{01A1}ng \u{00D0}ồng\u{00A0}Tháp с\u{0430}i ngh\u{200B}iện báo\u{00AD}cáo Москва",
            ToneStyle::Keep,
        );
        assert_eq!(p.text, "phương Đồng Tháp cai nghiện báocáo Москва");
        assert!(
            p.notes.contains(&"lookalike ƣ→ư: 1".to_string()),
            "{:?}",
            p.notes
        );
        assert!(p
            .notes
            .contains(&"lookalike cyrillic/greek→latin: 2".to_string()));
        assert!(p.notes.contains(&"zero-width removed: 1".to_string()));
        assert!(p.notes.contains(&"odd space → space: 1".to_string()));
        assert_eq!(normalize("a\u{2028}b", ToneStyle::Keep).text, "a\nb");
    }

    #[test]
    fn nfc_is_local_and_counted() {
        let p = normalize("abc nghie\u{0302}\u{0323}n xyz", ToneStyle::Keep);
        assert_eq!(p.text, "abc nghiện xyz");
        assert_eq!(p.edits.len(), 1);
        assert_eq!(p.edits[0].src.start, 4);
        assert_eq!(p.notes, vec!["nfc: 1".to_string()]);
    }

    #[test]
    fn clean_text_is_untouched() {
        let t = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n";
        let p = normalize(t, ToneStyle::Modern);
        assert_eq!(p.text, t);
        assert!(p.edits.is_empty());
    }
}

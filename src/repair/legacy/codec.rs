//! Decoders for the legacy schemes, each working on one whitespace-free segment of text
//! whose characters stand for bytes (read as Windows-1252, or Latin-1 for the five bytes
//! Windows-1252 leaves undefined). Characters that stand for no byte (real Unicode
//! letters, CJK, …) pass through untouched, so a decoder never loses text. These
//! functions only decode; choosing a scheme is `legacy::detect`'s job.

use super::tables;
use unicode_normalization::char::compose;
use unicode_normalization::UnicodeNormalization;

/// A legacy way of writing Vietnamese that this pass can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    Tcvn3,
    Vni,
    Viscii,
    Vps,
    Cp1258,
    Viqr,
    Mojibake,
}

impl Scheme {
    pub const ALL: [Scheme; 7] = [
        Scheme::Tcvn3,
        Scheme::Vni,
        Scheme::Viscii,
        Scheme::Vps,
        Scheme::Cp1258,
        Scheme::Viqr,
        Scheme::Mojibake,
    ];

    /// The name used in [`crate::repair::EncodingReport`].
    pub fn label(self) -> &'static str {
        match self {
            Scheme::Tcvn3 => "tcvn3",
            Scheme::Vni => "vni",
            Scheme::Viscii => "viscii",
            Scheme::Vps => "vps",
            Scheme::Cp1258 => "cp1258",
            Scheme::Viqr => "viqr",
            Scheme::Mojibake => "mojibake-utf8-cp1252",
        }
    }

    /// Appends the decoding of `seg` to `out`; `next` is the following segment of the
    /// line, if any (VIQR reads a final "." as a tone only when the sentence goes on).
    pub fn decode_into(self, seg: &str, next: Option<&str>, out: &mut String) {
        match self {
            Scheme::Tcvn3 => decode_tcvn3(seg, out),
            Scheme::Vni => decode_vni(seg, out),
            Scheme::Viscii => decode_table(seg, &tables::VISCII, out),
            Scheme::Vps => decode_table(seg, &tables::VPS, out),
            Scheme::Cp1258 => decode_cp1258(seg, out),
            Scheme::Viqr => decode_viqr(seg, next, out),
            Scheme::Mojibake => decode_mojibake(seg, out),
        }
    }
}

/// The byte a character stands for when bytes were read as Windows-1252 (with the five
/// undefined bytes read as the C1 controls of the same value, as `encoding_rs` does).
#[inline]
pub fn to_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x100 {
        return Some(cp as u8);
    }
    Some(match cp {
        0x20AC => 0x80,
        0x201A => 0x82,
        0x0192 => 0x83,
        0x201E => 0x84,
        0x2026 => 0x85,
        0x2020 => 0x86,
        0x2021 => 0x87,
        0x02C6 => 0x88,
        0x2030 => 0x89,
        0x0160 => 0x8A,
        0x2039 => 0x8B,
        0x0152 => 0x8C,
        0x017D => 0x8E,
        0x2018 => 0x91,
        0x2019 => 0x92,
        0x201C => 0x93,
        0x201D => 0x94,
        0x2022 => 0x95,
        0x2013 => 0x96,
        0x2014 => 0x97,
        0x02DC => 0x98,
        0x2122 => 0x99,
        0x0161 => 0x9A,
        0x203A => 0x9B,
        0x0153 => 0x9C,
        0x017E => 0x9E,
        0x0178 => 0x9F,
        _ => return None,
    })
}

/// The character at byte `at` of `s` (a character boundary), its length in bytes and
/// the byte it stands for ([`to_byte`]). ASCII and U+0080..U+00FF, nearly all of a
/// legacy text, are read straight from the UTF-8 bytes.
#[inline(always)]
fn char_at(s: &str, at: usize) -> (char, usize, Option<u8>) {
    let b = s.as_bytes();
    match b.get(at) {
        Some(&x) if x < 0x80 => (char::from(x), 1, Some(x)),
        Some(&x @ (0xC2 | 0xC3)) if at + 1 < b.len() => {
            let byte = ((x & 0x1F) << 6) | (b[at + 1] & 0x3F);
            (char::from(byte), 2, Some(byte))
        }
        _ => {
            let c = s.get(at..).and_then(|t| t.chars().next()).unwrap_or('\0');
            (c, c.len_utf8(), to_byte(c))
        }
    }
}

/// The characters of `s` with the byte each stands for, read by [`char_at`].
#[inline(always)]
fn chars_and_bytes(s: &str) -> impl Iterator<Item = (char, Option<u8>)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= s.len() {
            return None;
        }
        let (c, len, byte) = char_at(s, at);
        at += len;
        Some((c, byte))
    })
}

/// Single-byte table decoding (VISCII, VPS): bytes that are letters become letters.
fn decode_table(seg: &str, table: &[char; 256], out: &mut String) {
    for (c, byte) in chars_and_bytes(seg) {
        match byte.map(|b| table[b as usize]) {
            Some(t) if t != '\0' => out.push(t),
            _ => out.push(c),
        }
    }
}

/// TCVN3 (ABC) uses the 0xA0–0xFF half of TCVN 5712 VN1. VN1 also puts capitals on C0
/// and 0x80–0x9F, where Windows documents typed in ABC fonts keep quotes and dashes, so
/// those are taken as letters only when that makes the segment one Vietnamese syllable.
fn decode_tcvn3(seg: &str, out: &mut String) {
    let start = out.len();
    let mut has_vn1_capital = false;
    for (c, byte) in chars_and_bytes(seg) {
        match byte {
            Some(b) if b >= 0xA0 && tables::TCVN3[b as usize] != '\0' => {
                out.push(tables::TCVN3[b as usize])
            }
            Some(b) if tables::TCVN3[b as usize] != '\0' => {
                has_vn1_capital = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if has_vn1_capital {
        let mut alt = String::with_capacity(seg.len() + 8);
        for c in seg.chars() {
            match to_byte(c).map(|b| tables::TCVN3[b as usize]) {
                Some(t) if t != '\0' => alt.push(t),
                _ => alt.push(c),
            }
        }
        // Only inside a word: a lone “ or – is punctuation, not Ỏ or Ọ.
        let core = alt.trim_matches(|c: char| !c.is_alphabetic());
        let primary = &out[start..];
        let primary_core = primary.trim_matches(|c: char| !c.is_alphabetic());
        let letters = core.chars().count();
        if letters >= 2
            && (letters > primary_core.chars().count()
                || !super::syllable::is_syllable(primary_core))
            && super::syllable::is_syllable(core)
        {
            out.truncate(start);
            out.push_str(&alt);
        }
    }
}

/// Windows-1258: letters plus combining tone marks, composed here to NFC.
fn decode_cp1258(seg: &str, out: &mut String) {
    let start = out.len();
    let mut combining = false;
    for (c, byte) in chars_and_bytes(seg) {
        let d = match byte {
            Some(b) if tables::CP1258[b as usize] != '\0' => tables::CP1258[b as usize],
            _ => c,
        };
        combining |= ('\u{300}'..='\u{36F}').contains(&d);
        out.push(d);
    }
    // Composing is only needed where a tone mark was decoded (most segments have none).
    if combining {
        let composed: String = out[start..].nfc().collect();
        out.truncate(start);
        out.push_str(&composed);
    }
}

/// VNI: a base letter followed by a mark byte (tone, hat, or hat + tone), plus a few bytes
/// that are whole letters (đ ơ ư and the i-letters).
fn decode_vni(seg: &str, out: &mut String) {
    let mut chars = seg.chars().peekable();
    while let Some(c) = chars.next() {
        let byte = to_byte(c);
        let base = match byte.map(|b| tables::VNI_LETTER[b as usize]) {
            Some(l) if l != '\0' => l,
            _ => c,
        };
        let can_take_mark = matches!(
            base,
            'a' | 'e' | 'o' | 'u' | 'y' | 'A' | 'E' | 'O' | 'U' | 'Y' | 'ơ' | 'ư' | 'Ơ' | 'Ư'
        );
        if can_take_mark {
            if let Some(&next) = chars.peek() {
                let mark = to_byte(next).map_or(0, |b| tables::VNI_MARK[b as usize]);
                if mark != 0 {
                    if let Some(letter) = vni_compose(base, mark) {
                        chars.next();
                        out.push(letter);
                        continue;
                    }
                }
            }
        }
        out.push(base);
    }
}

/// Applies a VNI mark code (1 + tone + 8 × hat) to a base letter.
fn vni_compose(base: char, mark: u8) -> Option<char> {
    let code = mark - 1;
    let hat = code / 8;
    let tone = code % 8;
    let mut hat_mark = None;
    if hat != 0 {
        let lower = base.to_ascii_lowercase();
        let allowed = match hat {
            1 => matches!(lower, 'a' | 'e' | 'o'),
            _ => lower == 'a',
        };
        if !allowed {
            return None;
        }
        hat_mark = Some(if hat == 1 { '\u{302}' } else { '\u{306}' });
    }
    let tone_mark = (tone != 0).then(|| TONE_MARKS[tone as usize]);
    compose_marks(base, hat_mark, tone_mark)
}

/// Base letter + optional hat + optional tone → one precomposed letter. Canonical order
/// puts the dot below before the hat (ộ = ọ + ◌̂), so both orders are tried.
pub fn compose_marks(base: char, hat: Option<char>, tone: Option<char>) -> Option<char> {
    match (hat, tone) {
        (None, None) => Some(base),
        (Some(h), None) => compose(base, h),
        (None, Some(t)) => compose(base, t),
        (Some(h), Some(t)) => compose(base, h)
            .and_then(|x| compose(x, t))
            .or_else(|| compose(base, t).and_then(|x| compose(x, h))),
    }
}

const TONE_MARKS: [char; 6] = ['\0', '\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// VIQR (RFC 1456): ASCII marks after the vowel — ( breve, ^ circumflex, + horn, then
/// ' ` ? ~ . for the tones; "dd" is đ; a backslash keeps the next mark literal. A tone
/// mark is taken once per segment, so the full stop in "No^.i." stays a full stop.
fn decode_viqr(seg: &str, next_seg: Option<&str>, out: &mut String) {
    // The characters, on the stack for a segment of a usual word's length (at most one
    // character per byte).
    let mut on_stack = ['\0'; 32];
    let on_heap: Vec<char>;
    let bytes: &[char] = if seg.len() <= on_stack.len() {
        let mut n = 0;
        for (slot, c) in on_stack.iter_mut().zip(seg.chars()) {
            *slot = c;
            n += 1;
        }
        &on_stack[..n]
    } else {
        on_heap = seg.chars().collect();
        &on_heap
    };
    let mut i = 0;
    let mut toned = false;
    let mut word_start = out.len();
    while i < bytes.len() {
        let c = bytes[i];
        if !c.is_alphanumeric() {
            word_start = out.len() + c.len_utf8();
        }
        let next = bytes.get(i + 1).copied();
        if c == '\\' && next.is_some_and(|n| "(^+'`?~.".contains(n)) {
            if let Some(n) = next {
                out.push(n);
            }
            i += 2;
            continue;
        }
        if (c == 'd' || c == 'D') && matches!(next, Some('d') | Some('D')) {
            out.push(if c == 'D' { 'Đ' } else { 'đ' });
            i += 2;
            continue;
        }
        let lower = c.to_ascii_lowercase();
        if !matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            out.push(c);
            i += 1;
            continue;
        }
        let mut letter = c;
        let mut j = i + 1;
        let mut hat = None;
        if let Some(h) = bytes.get(j) {
            hat = match (lower, h) {
                ('a', '(') => Some('\u{306}'),
                ('a' | 'e' | 'o', '^') => Some('\u{302}'),
                ('o' | 'u', '+') => Some('\u{31B}'),
                _ => None,
            };
            if let Some(h) = hat.and_then(|m| compose(letter, m)) {
                letter = h;
                j += 1;
            }
        }
        if !toned {
            if let Some(t) = bytes.get(j) {
                let tone = match t {
                    '\'' => Some('\u{301}'),
                    '`' => Some('\u{300}'),
                    '?' => Some('\u{309}'),
                    '~' => Some('\u{303}'),
                    '.' => Some('\u{323}'),
                    _ => None,
                };
                // A mark that ends the word must make it a syllable ("Methadone..." keeps
                // its dots). A "." that ends a line is a full stop; elsewhere "." and
                // "?" are tones (question marks are rare in official texts) ("bi. pha.t" is bị phạt; official texts capitalise names far
                // more often than they end sentences on an untoned vowel, so "nghi. U?y"
                // is nghị Ủy — and "giao. Trong" comes out wrong).
                let ends_word = bytes.get(j + 1).map_or(true, |n| !n.is_alphabetic());
                let last = j + 1 == bytes.len() && *t == '.' && next_seg.is_none();
                // Roman numerals: "I." and "V." are not Ị, Ṿ.
                let numeral =
                    *t == '.' && ends_word && out.len() == word_start && c.is_ascii_uppercase();
                let toned_letter = tone
                    .filter(|_| !last && !numeral)
                    .and_then(|m| compose_marks(c, hat, Some(m)))
                    .filter(|&t| {
                        !ends_word || {
                            let mut word = out[word_start..].to_string();
                            word.push(t);
                            super::syllable::is_syllable(&word)
                        }
                    });
                if let Some(t) = toned_letter {
                    letter = t;
                    toned = true;
                    j += 1;
                }
            }
        }
        out.push(letter);
        i = j;
    }
}

/// UTF-8 read as Windows-1252 (once or twice): bytes that form UTF-8 sequences again are
/// decoded; anything else stays.
fn decode_mojibake(seg: &str, out: &mut String) {
    let mut current = unmojibake_once(seg);
    for _ in 0..2 {
        match &current {
            Some(s) => match unmojibake_once(s) {
                Some(again) if again.chars().count() < s.chars().count() => current = Some(again),
                _ => break,
            },
            None => break,
        }
    }
    out.push_str(current.as_deref().unwrap_or(seg));
}

/// One round of mojibake repair; `None` when nothing changed.
fn unmojibake_once(seg: &str) -> Option<String> {
    let chars: Vec<char> = seg.chars().collect();
    let mut out = String::with_capacity(seg.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let lead = to_byte(c).filter(|&b| b >= 0xC2);
        let need = match lead {
            Some(b) if b < 0xE0 => 1,
            Some(b) if b < 0xF0 => 2,
            Some(b) if b < 0xF5 => 3,
            _ => 0,
        };
        if need > 0 && i + need < chars.len() + 1 {
            let mut buf = [0u8; 4];
            let mut ok = true;
            buf[0] = lead.unwrap_or(0);
            for (k, slot) in buf.iter_mut().enumerate().take(need + 1).skip(1) {
                match chars.get(i + k).and_then(|&c| to_byte(c)) {
                    Some(b) if (0x80..0xC0).contains(&b) => *slot = b,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                if let Ok(s) = std::str::from_utf8(&buf[..=need]) {
                    out.push_str(s);
                    changed = true;
                    i += need + 1;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: Scheme, text: &str) -> String {
        let mut out = String::new();
        for (i, seg) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            s.decode_into(seg, None, &mut out);
        }
        out
    }

    #[test]
    fn char_at_reads_every_character_as_chars_does() {
        let mut text: String = (0u32..0x300).filter_map(char::from_u32).collect();
        text.push_str("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ中文😀ệ");
        let mut at = 0;
        for c in text.chars() {
            assert_eq!(char_at(&text, at), (c, c.len_utf8(), to_byte(c)), "{c:?}");
            at += c.len_utf8();
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn decodes_known_samples() {
        assert_eq!(
            dec(Scheme::Tcvn3, "Céng hßa x· héi chñ nghÜa ViÖt Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(dec(Scheme::Tcvn3, "Th\u{AD}êng"), "Thường");
        assert_eq!(
            dec(Scheme::Vni, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(dec(Scheme::Vni, "ÑAØ NAÜNG ngöôøi"), "ĐÀ NẴNG người");
        assert_eq!(dec(Scheme::Viqr, "Vie^.t Nam, No^.i."), "Việt Nam, Nội.");
        assert_eq!(dec(Scheme::Viqr, "ddu+o+`ng"), "đường");
        assert_eq!(dec(Scheme::Mojibake, "Viá»‡t Nam"), "Việt Nam");
        let twice: String = "Việt"
            .bytes()
            .map(char::from)
            .collect::<String>()
            .bytes()
            .map(char::from)
            .collect();
        assert_eq!(dec(Scheme::Mojibake, &twice), "Việt");
    }
}

//! Vietnamese syllable check used to judge decoding candidates: a token "looks Vietnamese"
//! when it is one well-formed syllable (onset + rhyme, at most one tone, a tone that its
//! final consonant allows, the c/k, g/gh, ng/ngh spelling rules) written in a sane letter
//! case. It knows spelling only, not words: "céng" fails (c before e), "cộng" passes.
//! Used by `repair::legacy` alone; it allocates nothing per call.

use std::sync::OnceLock;
use unicode_normalization::char::decompose_canonical;

/// Longest syllable we accept, in letters ("nghiêng" has 7).
const MAX_LETTERS: usize = 8;

/// Compact codes for the Vietnamese base letters that are not ASCII.
const A_BREVE: u8 = b'1';
const A_CIRC: u8 = b'2';
const E_CIRC: u8 = b'3';
const O_CIRC: u8 = b'4';
const O_HORN: u8 = b'5';
const U_HORN: u8 = b'6';
const D_BAR: u8 = b'7';

/// One letter split into its lower-case base (hat kept: â, ơ…), tone (0 none, 1 acute,
/// 2 grave, 3 hook, 4 tilde, 5 dot below) and case; `None` for anything that is not a
/// Vietnamese letter (foreign accents, symbols, digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    pub base: u8,
    pub tone: u8,
    pub upper: bool,
}

/// Splits a letter; see [`Letter`]. Table lookups for the Latin-1, Latin Extended and
/// Vietnamese blocks.
#[inline]
pub fn letter(c: char) -> Option<Letter> {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_alphabetic().then(|| Letter {
            base: c.to_ascii_lowercase() as u8,
            tone: 0,
            upper: c.is_ascii_uppercase(),
        });
    }
    let tables = letter_tables();
    match cp {
        0xC0..=0x1FF => tables.0[(cp - 0xC0) as usize],
        0x1EA0..=0x1EFF => tables.1[(cp - 0x1EA0) as usize],
        _ => None,
    }
}

type LetterTables = ([Option<Letter>; 0x140], [Option<Letter>; 0x60]);

fn letter_tables() -> &'static LetterTables {
    static T: OnceLock<LetterTables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = ([None; 0x140], [None; 0x60]);
        for (i, slot) in t.0.iter_mut().enumerate() {
            *slot = char::from_u32(0xC0 + i as u32).and_then(letter_slow);
        }
        for (i, slot) in t.1.iter_mut().enumerate() {
            *slot = char::from_u32(0x1EA0 + i as u32).and_then(letter_slow);
        }
        t
    })
}

fn letter_slow(c: char) -> Option<Letter> {
    if c.is_ascii_alphabetic() {
        return Some(Letter {
            base: c.to_ascii_lowercase() as u8,
            tone: 0,
            upper: c.is_ascii_uppercase(),
        });
    }
    match c {
        'đ' => {
            return Some(Letter {
                base: D_BAR,
                tone: 0,
                upper: false,
            })
        }
        'Đ' => {
            return Some(Letter {
                base: D_BAR,
                tone: 0,
                upper: true,
            })
        }
        _ => {}
    }
    if !('\u{C0}'..='\u{1EF9}').contains(&c) {
        return None;
    }
    let mut base = None;
    let mut hat = None;
    let mut tone = 0u8;
    let mut ok = true;
    decompose_canonical(c, |d| match d {
        'a'..='z' | 'A'..='Z' if base.is_none() => base = Some(d),
        '\u{302}' | '\u{306}' | '\u{31B}' if hat.is_none() => hat = Some(d),
        '\u{301}' if tone == 0 => tone = 1,
        '\u{300}' if tone == 0 => tone = 2,
        '\u{309}' if tone == 0 => tone = 3,
        '\u{303}' if tone == 0 => tone = 4,
        '\u{323}' if tone == 0 => tone = 5,
        _ => ok = false,
    });
    let b = base?;
    if !ok {
        return None;
    }
    let upper = b.is_ascii_uppercase();
    let lower = b.to_ascii_lowercase() as u8;
    let code = match (lower, hat) {
        (l, None) if b"aeiouy".contains(&l) => l,
        (b'a', Some('\u{306}')) => A_BREVE,
        (b'a', Some('\u{302}')) => A_CIRC,
        (b'e', Some('\u{302}')) => E_CIRC,
        (b'o', Some('\u{302}')) => O_CIRC,
        (b'o', Some('\u{31B}')) => O_HORN,
        (b'u', Some('\u{31B}')) => U_HORN,
        _ => return None,
    };
    Some(Letter {
        base: code,
        tone,
        upper,
    })
}

/// True when `token` (letters only, NFC) is one well-formed Vietnamese syllable in lower
/// case, Title case or UPPER case.
pub fn is_syllable(token: &str) -> bool {
    let mut bases = [0u8; MAX_LETTERS];
    let mut n = 0;
    let mut tone = 0u8;
    let mut uppers = 0usize;
    let mut first_upper = false;
    for c in token.chars() {
        if n == MAX_LETTERS {
            return false;
        }
        let Some(l) = letter(c) else {
            return false;
        };
        if l.tone != 0 {
            if tone != 0 {
                return false;
            }
            tone = l.tone;
        }
        if l.upper {
            uppers += 1;
            if n == 0 {
                first_upper = true;
            }
        }
        bases[n] = l.base;
        n += 1;
    }
    if n == 0 {
        return false;
    }
    // Capital abbreviations with Đ ("QĐ", "HĐND") are Vietnamese too, and so is a lone
    // đ (the đồng sign of "1000 đ").
    if tone == 0 && bases[..n].contains(&D_BAR) && (n == 1 || (uppers == n && n >= 2)) {
        return true;
    }
    let case_ok = uppers == 0 || uppers == n || (uppers == 1 && first_upper);
    case_ok && well_formed(&bases[..n], tone)
}

fn is_vowel(b: u8) -> bool {
    matches!(
        b,
        b'a' | b'e'
            | b'i'
            | b'o'
            | b'u'
            | b'y'
            | A_BREVE
            | A_CIRC
            | E_CIRC
            | O_CIRC
            | O_HORN
            | U_HORN
    )
}

/// Onsets, longest first so the first match is the right split ([`onsets_starting_with`]
/// holds them by first letter; this list checks it).
#[cfg(test)]
const ONSETS: [&[u8]; 27] = [
    b"ngh",
    b"ng",
    b"nh",
    b"ch",
    b"gh",
    b"gi",
    b"kh",
    b"ph",
    b"qu",
    b"th",
    b"tr",
    b"b",
    b"c",
    b"d",
    &[D_BAR],
    b"g",
    b"h",
    b"k",
    b"l",
    b"m",
    b"n",
    b"p",
    b"r",
    b"s",
    b"t",
    b"v",
    b"x",
];

/// The onsets that start with `first`, longest first (a match rather than a scan of a
/// list: this runs once per scored word).
fn onsets_starting_with(first: u8) -> &'static [&'static [u8]] {
    match first {
        b'n' => &[b"ngh", b"ng", b"nh", b"n"],
        b'c' => &[b"ch", b"c"],
        b'g' => &[b"gh", b"gi", b"g"],
        b'k' => &[b"kh", b"k"],
        b'p' => &[b"ph", b"p"],
        b'q' => &[b"qu"],
        b't' => &[b"th", b"tr", b"t"],
        b'b' => &[b"b"],
        b'd' => &[b"d"],
        D_BAR => &[&[D_BAR]],
        b'h' => &[b"h"],
        b'l' => &[b"l"],
        b'm' => &[b"m"],
        b'r' => &[b"r"],
        b's' => &[b"s"],
        b'v' => &[b"v"],
        b'x' => &[b"x"],
        _ => &[],
    }
}

fn well_formed(s: &[u8], tone: u8) -> bool {
    let rhymes = rhymes();
    // Onsets that can start with this letter (longest first), then no onset.
    let candidates = onsets_starting_with(s[0])
        .iter()
        .copied()
        .chain(std::iter::once(&b""[..]));
    for onset in candidates {
        if !prefix(s, onset) {
            continue;
        }
        let rhyme = &s[onset.len()..];
        if rhyme_ok(onset, rhyme, tone, rhymes) {
            return true;
        }
        // "gi" + consonant-initial rest ("gìn") reads as g + i…
        if onset == b"gi" && rhyme_ok(b"g", &s[1..], tone, rhymes) {
            return true;
        }
    }
    false
}

/// `s.starts_with(p)` without a memcmp call for these 1–3 byte prefixes.
#[inline]
fn prefix(s: &[u8], p: &[u8]) -> bool {
    p.len() <= s.len() && p.iter().zip(s).all(|(a, b)| a == b)
}

fn rhyme_ok(onset: &[u8], rhyme: &[u8], tone: u8, rhymes: &Rhymes) -> bool {
    if rhyme.is_empty() {
        return onset == b"gi"; // "gì", "gỉ"
    }
    if !is_vowel(rhyme[0])
        || rhyme.len() > 8
        || rhymes[usize::from(rhyme[0])]
            .binary_search(&pack(rhyme))
            .is_err()
    {
        return false;
    }
    let front = matches!(rhyme[0], b'i' | b'e' | E_CIRC | b'y');
    let spelling = match onset {
        b"k" => front,
        b"c" | b"ng" => !front,
        b"gh" | b"ngh" => matches!(rhyme[0], b'i' | b'e' | E_CIRC),
        b"g" => !matches!(rhyme[0], b'e' | E_CIRC),
        b"qu" => rhyme[0] != b'u' && rhyme[0] != b'o',
        b"gi" => rhyme[0] != b'i',
        _ => true,
    };
    // Syllables closed by a stop take only the acute or dot-below tone.
    let stop = matches!(rhyme.last(), Some(b'c' | b'p' | b't'))
        || (rhyme.len() >= 2 && rhyme[rhyme.len() - 2..] == *b"ch");
    spelling && (!stop || tone == 1 || tone == 5)
}

/// Rhymes (vowel nucleus, with glide, plus final), written without tone.
const RHYMES: &str = "
a ac ach ai am an ang anh ao ap at au ay
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
yê yêm yên yêng yêt yêu
o oc oi om on ong op ot oong ooc
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet oem
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uân uâng uât uây
uê uêch uênh uên uêt
uy uya uych uyn uynh uyp uyt uyu uyên uyêt
uô uôc uôi uôm uôn uông uôt uơ
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươ ươc ươi ươm ươn ương ươp ươt ươu
y yt ynh ych yn yu
";

/// A rhyme packed into one integer for a binary search (rhymes have at most 5 letters).
fn pack(rhyme: &[u8]) -> u64 {
    rhyme.iter().fold(0u64, |k, &b| (k << 8) | u64::from(b))
}

/// The rhymes by first letter, each list sorted (a short binary search per word).
type Rhymes = [Vec<u64>; 256];

fn rhymes() -> &'static Rhymes {
    static SET: OnceLock<Rhymes> = OnceLock::new();
    SET.get_or_init(|| {
        let mut by_first: Rhymes = std::array::from_fn(|_| Vec::new());
        for r in RHYMES.split_whitespace() {
            let Some(r) = r
                .chars()
                .map(|c| letter_slow(c).map(|l| l.base))
                .collect::<Option<Vec<u8>>>()
            else {
                continue;
            };
            if let Some(&first) = r.first() {
                by_first[usize::from(first)].push(pack(&r));
            }
        }
        for keys in &mut by_first {
            keys.sort_unstable();
            keys.dedup();
        }
        by_first
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_syllables() {
        for w in [
            "Cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "Việt", "Nam", "NGHĨA", "Độc", "lập",
            "người", "quyết", "định", "khuỷu", "giữa", "gì", "thuở", "rượu", "nghiêng", "ủy",
            "quyền", "khuya", "oan", "ấy", "Ủy", "thủy", "hoàng",
        ] {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn onset_match_agrees_with_the_list() {
        for first in 0..=u8::MAX {
            let listed: Vec<&[u8]> = ONSETS.iter().copied().filter(|o| o[0] == first).collect();
            assert_eq!(onsets_starting_with(first), listed.as_slice(), "{first}");
        }
    }

    #[test]
    fn rejects_legacy_surfaces_and_foreign_words() {
        for w in [
            "Céng", "hßa", "héi", "chñ", "ViÖt", "Coäng", "hoøa", "hÕt", "Müller", "µ", "cộngx",
            "ViỆt", "hốt̀", "kan", "ghá", "bãt",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}

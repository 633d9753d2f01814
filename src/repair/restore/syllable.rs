//! The Vietnamese syllable model: a syllable is onset + rhyme + tone, and only some
//! combinations exist. Stop finals (-p -t -c -ch) take only the sắc or nặng tone; k/gh/ngh
//! are written before i e ê y, c/g/ng elsewhere; yê only stands without onset (or after qu).
//!
//! The whole inventory (both tone-mark placements, "hòa" and "hoà") is generated once from
//! these rules and kept as a set plus a prefix trie, so the restorer can ask "is this a
//! syllable?" and "can this letter string still grow into one?" in O(length).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

/// Rhymes without tone, as written after the onset.
const OPEN_RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "âu", "ây", "e", "eo", "ê", "êu", "i", "ia", "iu", "o", "oi", "ô",
    "ôi", "ơ", "ơi", "u", "ua", "ui", "uy", "ư", "ưa", "ưi", "ưu", "ươi", "ươu", "uôi", "y", "oa",
    "oai", "oay", "oe", "oeo", "uê", "uơ", "uya", "uyu", "uây", "iêu", "yêu", "oao",
];

/// (nucleus, finals it takes).
const CLOSED: &[(&str, &[&str])] = &[
    ("a", &["m", "n", "ng", "nh", "p", "t", "c", "ch"]),
    ("ă", &["m", "n", "ng", "p", "t", "c"]),
    ("â", &["m", "n", "ng", "p", "t", "c"]),
    ("e", &["m", "n", "ng", "p", "t", "c"]),
    ("ê", &["m", "n", "nh", "p", "t", "ch"]),
    ("i", &["m", "n", "nh", "p", "t", "ch"]),
    ("o", &["m", "n", "ng", "p", "t", "c"]),
    ("oo", &["ng", "c"]),
    ("ô", &["m", "n", "ng", "p", "t", "c"]),
    ("ơ", &["m", "n", "p", "t"]),
    ("u", &["m", "n", "ng", "p", "t", "c"]),
    ("ư", &["m", "n", "ng", "t", "c"]),
    ("iê", &["m", "n", "ng", "p", "t", "c"]),
    ("yê", &["m", "n", "ng", "t"]),
    ("uô", &["m", "n", "ng", "t", "c"]),
    ("ươ", &["m", "n", "ng", "p", "t", "c"]),
    ("oa", &["m", "n", "ng", "nh", "p", "t", "c", "ch"]),
    ("oă", &["m", "n", "ng", "t", "c"]),
    ("oe", &["m", "n", "t"]),
    ("uâ", &["n", "ng", "t", "y"]),
    ("uyê", &["n", "t"]),
    ("uê", &["nh", "ch"]),
    ("uy", &["n", "nh", "t", "ch"]),
];

/// Combining tone marks in tone order 1..=5: sắc, huyền, hỏi, ngã, nặng.
const TONE_MARKS: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn has_shape_mark(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Index (in chars of `rhyme`) of the vowel carrying the tone mark; `modern` puts the mark of
/// open oa/oe/uy on the first vowel ("hòa", "thủy").
fn mark_position(rhyme: &[char], modern: bool) -> Option<usize> {
    let vowels: Vec<usize> = (0..rhyme.len()).filter(|&i| is_vowel(rhyme[i])).collect();
    let last_vowel = *vowels.last()?;
    let closed = last_vowel + 1 < rhyme.len();
    if let Some(&i) = vowels.iter().rev().find(|&&i| has_shape_mark(rhyme[i])) {
        return Some(i);
    }
    if closed {
        return Some(last_vowel);
    }
    match vowels.len() {
        1 => Some(vowels[0]),
        2 => {
            let pair: String = vowels.iter().map(|&i| rhyme[i]).collect();
            if !modern && matches!(pair.as_str(), "oa" | "oe" | "uy") {
                Some(vowels[1])
            } else {
                Some(vowels[0])
            }
        }
        _ => Some(vowels[1]),
    }
}

fn with_tone(onset: &str, rhyme: &str, tone: usize, modern: bool) -> Option<String> {
    let chars: Vec<char> = rhyme.chars().collect();
    let mut out = String::from(onset);
    if tone == 0 {
        out.push_str(rhyme);
        return Some(out);
    }
    let pos = mark_position(&chars, modern)?;
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        if i == pos {
            out.push(TONE_MARKS[tone - 1]);
        }
    }
    Some(out.nfc().collect())
}

fn front(rhyme: &str) -> bool {
    matches!(rhyme.chars().next(), Some('i' | 'e' | 'ê' | 'y'))
}

/// Whether an onset spelling may stand before a rhyme.
fn onset_fits(onset: &str, rhyme: &str) -> bool {
    let first = rhyme.chars().next().unwrap_or(' ');
    match onset {
        "k" => front(rhyme),
        "gh" | "ngh" => front(rhyme) && first != 'y',
        "c" | "g" | "ng" => !front(rhyme),
        "qu" => !matches!(first, 'o' | 'u' | 'ư') && !rhyme.starts_with("iê"),
        "gi" => !matches!(first, 'i' | 'y'),
        "" => !rhyme.starts_with("iê") || rhyme == "iê",
        _ => !rhyme.starts_with("yê"),
    }
}

fn stop_final(rhyme: &str) -> bool {
    ["p", "t", "c", "ch"].iter().any(|f| rhyme.ends_with(f))
}

/// All (onset, rhyme) spellings, with "gi"+"i…" written as "g"+"i…" (gì, giếng).
fn spellings() -> Vec<(String, String)> {
    let mut rhymes: Vec<String> = OPEN_RHYMES.iter().map(|r| r.to_string()).collect();
    for (nucleus, finals) in CLOSED {
        for f in *finals {
            rhymes.push(format!("{nucleus}{f}"));
        }
    }
    let mut out = Vec::new();
    for onset in ONSETS {
        for rhyme in &rhymes {
            if rhyme.starts_with("yê") && !matches!(*onset, "" | "qu") {
                continue;
            }
            if onset_fits(onset, rhyme) {
                out.push((onset.to_string(), rhyme.clone()));
            } else if *onset == "gi" && rhyme.starts_with('i') {
                out.push(("g".to_string(), rhyme.clone()));
            }
        }
    }
    out
}

/// Syllable inventory and a prefix trie over it (lower case, NFC).
pub struct Syllables {
    set: HashSet<String>,
    /// Trie edges: (node, char) → child node.
    edges: HashMap<(u32, char), u32, FxBuild>,
    /// Nodes that end a syllable.
    terminal: Vec<bool>,
}

pub const ROOT: u32 = 0;

impl Syllables {
    fn build() -> Syllables {
        let mut set = HashSet::new();
        for (onset, rhyme) in spellings() {
            for tone in 0..=5 {
                if stop_final(&rhyme) && !matches!(tone, 1 | 5) {
                    continue;
                }
                for modern in [true, false] {
                    if let Some(s) = with_tone(&onset, &rhyme, tone, modern) {
                        set.insert(s);
                    }
                }
            }
        }
        let mut edges: HashMap<(u32, char), u32, FxBuild> = HashMap::default();
        let mut terminal = vec![false];
        for s in &set {
            let mut node = ROOT;
            for c in s.chars() {
                let next = terminal.len() as u32;
                node = *edges.entry((node, c)).or_insert_with(|| {
                    terminal.push(false);
                    next
                });
            }
            terminal[node as usize] = true;
        }
        Syllables {
            set,
            edges,
            terminal,
        }
    }

    /// The shared inventory, built on first use.
    pub fn get() -> &'static Syllables {
        static CELL: OnceLock<Syllables> = OnceLock::new();
        CELL.get_or_init(Syllables::build)
    }

    /// Whether `word` (any case, NFC) is a well-formed syllable.
    pub fn is_valid(&self, word: &str) -> bool {
        let mut node = ROOT;
        for c in word.chars() {
            match self.step(node, lower_char(c)) {
                Some(n) => node = n,
                None => return false,
            }
        }
        self.is_terminal(node)
    }

    /// Trie step on a lower-case char.
    pub fn step(&self, node: u32, c: char) -> Option<u32> {
        self.edges.get(&(node, c)).copied()
    }

    pub fn is_terminal(&self, node: u32) -> bool {
        self.terminal.get(node as usize).copied().unwrap_or(false)
    }

    /// Every syllable of the inventory.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.set.iter().map(String::as_str)
    }

    /// The trie node reached by a lower-case word.
    pub fn node_of(&self, word: &str) -> Option<u32> {
        word.chars().try_fold(ROOT, |n, c| self.step(n, c))
    }

    pub fn len(&self) -> usize {
        self.set.len()
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// `char::is_alphabetic` with a fast path for ASCII and the Vietnamese letter blocks
/// (the general Unicode table lookup dominated the search's profile).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match c {
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{1b0}' | '\u{1ea0}'..='\u{1ef9}' => true,
        _ => c.is_alphabetic(),
    }
}

/// A fast hasher (FxHash) for the small integer keys of the search's tables.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    /// The product's high bits depend on every input bit but its low bits only on the low
    /// input bits, and the table picks buckets by the low bits: rotating them down keeps
    /// n-gram keys that share their last token from piling into the same buckets.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time (span texts and syllables are hashed on every lookup).
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u32(n as u32);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Lower case, with the look-alike ƣ (U+01A3) read as ư.
pub fn lower(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match short_lower(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase().map(u_for_look_alike)),
        }
    }
    out
}

/// Lower-case char (first of its lower-case mapping).
pub fn lower_char(c: char) -> char {
    if let Some(l) = short_lower(c) {
        return l;
    }
    u_for_look_alike(c.to_lowercase().next().unwrap_or(c))
}

/// ư for its look-alike ƣ (U+01A3), which fonts of bold headings print in its place.
fn u_for_look_alike(c: char) -> char {
    if c == 'ƣ' {
        'ư'
    } else {
        c
    }
}

/// Chars below this have their lower case in [`short_lower`]'s table: the Latin blocks
/// that hold Vietnamese letters but those of Latin Extended Additional.
const LATIN_LOWER_END: u32 = 0x250;

/// The lower case of a Latin letter with a one-char lower case (ƣ read as ư), without the
/// Unicode tables' search: the spelling search lowers every letter it reads. None for
/// the others.
#[inline]
fn short_lower(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if ('\u{1ea0}'..='\u{1ef9}').contains(&c) {
        // Latin Extended Additional pairs upper (even) and lower (odd) case.
        return Some(char::from_u32(c as u32 | 1).unwrap_or(c));
    }
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..LATIN_LOWER_END)
            .map(|u| {
                let c = char::from_u32(u)?;
                let mut all = c.to_lowercase();
                let l = all.next()?;
                all.next().is_none().then_some(u_for_look_alike(l))
            })
            .collect()
    });
    table.get(c as usize).copied().flatten()
}

/// Moves the tone mark of open oa/oe/uy to the first vowel ("hoà" → "hòa"), the placement
/// the language model was built with. Input lower case NFC.
pub fn modern_tone(word: &str) -> Cow<'_, str> {
    // Only a word ending in oa, oe or uy (each vowel with at most a tone mark) can change:
    // most words are returned without decomposing them.
    let mut tail = word.chars().rev();
    let (Some(last), Some(before)) = (tail.next(), tail.next()) else {
        return Cow::Borrowed(word);
    };
    if !("aàáảãạeèéẻẽẹyỳýỷỹỵ".contains(last) && "oòóỏõọuùúủũụ".contains(before))
    {
        return Cow::Borrowed(word);
    }
    let decomposed: Vec<char> = word.nfd().collect();
    let tone = decomposed.iter().position(|c| TONE_MARKS.contains(c));
    let Some(tone_at) = tone else {
        return Cow::Borrowed(word);
    };
    let mark = decomposed[tone_at];
    let base: String = decomposed
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != tone_at)
        .map(|(_, c)| *c)
        .collect::<String>()
        .nfc()
        .collect();
    let base_chars: Vec<char> = base.chars().collect();
    let n = base_chars.len();
    if n >= 2 {
        let tail: String = base_chars[n - 2..].iter().collect();
        let is_quy = n >= 3 && base_chars[n - 3] == 'q' && tail == "uy";
        if matches!(tail.as_str(), "oa" | "oe" | "uy") && !is_quy {
            let mut out = String::new();
            for (i, c) in base_chars.iter().enumerate() {
                out.push(*c);
                if i == n - 2 {
                    out.push(mark);
                }
            }
            return Cow::Owned(out.nfc().collect());
        }
    }
    Cow::Borrowed(word)
}

/// Removes tone and shape marks and đ ("Thực" → "Thuc").
pub fn strip_marks(word: &str) -> String {
    word.nfd()
        .filter(|&c| !is_combining(c))
        .map(plain_letter)
        .collect()
}

/// A combining diacritic (the marks NFD splits off a Vietnamese letter).
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The letter under a stripped char's bar or horn look-alike: đ → d, ƣ → u.
fn plain_letter(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        'ƣ' => 'u',
        _ => c,
    }
}

/// Whether a char is a Vietnamese letter carrying any mark (or đ).
pub fn has_marks(c: char) -> bool {
    if c.is_ascii() || !is_letter(c) {
        return false;
    }
    // What `strip_marks` would leave first, without building the string.
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() && !is_combining(d) {
            base = Some(d);
        }
    });
    base.map(plain_letter) != Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_lower_case_table_lowers_as_unicode_does() {
        let read_as_u = |l: char| if l == 'ƣ' { 'ư' } else { l };
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            let full: String = c.to_lowercase().map(read_as_u).collect();
            assert_eq!(lower(&c.to_string()), full, "{c:?}");
            let first = read_as_u(c.to_lowercase().next().unwrap_or(c));
            assert_eq!(lower_char(c), first, "{c:?}");
        }
    }

    #[test]
    fn inventory_accepts_real_syllables() {
        let s = Syllables::get();
        for w in [
            "thực", "hiện", "của", "cục", "phòng", "chống", "nghiện", "người", "tỉnh", "ủy",
            "quyết", "giữa", "gì", "khuya", "hòa", "hoà", "thủy", "thuỷ", "nguyễn", "yêu", "ngoặc",
            "tuyển", "việc", "qui", "kỹ", "huỳnh", "khuếch", "xoong", "Thực",
        ] {
            assert!(s.is_valid(w), "{w} should be valid");
        }
    }

    #[test]
    fn inventory_rejects_fragments_and_bad_tones() {
        let s = Syllables::get();
        for w in ["ngi", "ce", "tàc", "th", "n", "kua", "nghă", "cụt̃"] {
            assert!(!s.is_valid(w), "{w} should be invalid");
        }
        assert!(!s.is_valid("tàc"));
        assert!(s.is_valid("tác"));
    }

    #[test]
    fn trie_walks_prefixes() {
        let s = Syllables::get();
        let mut node = ROOT;
        for c in "nghiệ".chars() {
            node = s.step(node, c).expect("prefix");
        }
        assert!(!s.is_terminal(node));
        let node = s.step(node, 'n').expect("nghiện");
        assert!(s.is_terminal(node));
        assert!(s.step(ROOT, 'f').is_none());
    }

    #[test]
    fn tone_placement_and_stripping() {
        assert_eq!(modern_tone("hoà"), "hòa");
        assert_eq!(modern_tone("thuỷ"), "thủy");
        assert_eq!(modern_tone("quý"), "quý");
        assert_eq!(modern_tone("hoàn"), "hoàn");
        assert_eq!(strip_marks("Thực hiện Đồng"), "Thuc hien Dong");
        assert!(has_marks('ệ') && has_marks('đ') && !has_marks('a'));
        for c in "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸạệỹ".chars()
        {
            assert_eq!(lower_char(c), c.to_lowercase().next().unwrap_or(c), "{c}");
        }
    }
}

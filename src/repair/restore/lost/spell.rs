//! Spelling one token span of a damaged line: every way of filling its interior spaces
//! with lost characters (or leaving them out of the token) that makes a known syllable, a
//! number, a date or a reference, with its context-free cost. The line search
//! ([`super::line`]) picks among them with the language model.

use super::LostSet;
use crate::repair::restore::lm::{self, Model, ABBR, DATE, NUM, REF, UNK};
use crate::repair::restore::syllable::{self, is_letter, FxBuild, Syllables, ROOT};
use smallvec::SmallVec;
use std::collections::HashMap;

/// Spellings kept per token span (ranked without context).
const PER_SPAN: usize = 16;
/// The same for a span that is mostly lost ("  i", "c  "): its spellings are many, and a
/// rare word ("cai" beside "cái", "hai", "mai") ranks low on its unigram alone (dev: +0.25
/// points over 16, for about 9% of the lost-glyph search's speed; 64: +0.06 more, 20%).
const PER_MOSTLY_LOST_SPAN: usize = 32;
/// A mostly lost span also keeps this many spellings in reserve, ranked below those: the
/// line search tries one only after a word the model has often seen it follow ("lập di
/// ____" is "di chúc", which 32 commoner syllables of four lost glyphs outrank on their
/// unigrams). Dev: +0.08 points (as much as keeping 512 for all, which cost 40% of the
/// speed; a reserve of 32 gained +0.05; 16 kept and 80 in reserve lost 0.08).
const MOSTLY_LOST_RESERVE: usize = 64;
/// Spellings ranked this much (log10) below a span's best are dropped.
const SPAN_MARGIN: f32 = 4.0;
/// A token spans at most this many chars and this many lost glyphs inside.
pub(super) const MAX_TOKEN_CHARS: usize = 30;
pub(super) const MAX_FILLS_IN_TOKEN: usize = 4;
/// log10 penalty for a letter-only fragment that is no syllable (kept as written).
const INVALID_FRAGMENT: f32 = -4.0;
/// log10 penalty for a well-formed syllable the model has not seen. The model's `<unk>`
/// holds the mass of every syllable it lacks, so one of them spelt into a lost glyph scored
/// above a known word ("1.200 h " read "hứ", `<unk>` −1.8 after a number, over "hộ", −3.6).
/// Dev lost glyphs: −1.5 95.16%, −2.5 95.21%, −3.5 95.23%, −5 95.23%.
const UNSEEN_SYLLABLE: f32 = -3.5;
/// Cost (log10) of a filled comma that leaves exactly three decimals ([`decimal_of_three`]).
const THREE_DECIMALS: f32 = -1.5;
/// The same in a document that groups thousands by spaces ([`Speller::groups_by_spaces`]):
/// there "3 420 con" is three thousand, not a decimal whose comma was lost.
const THREE_DECIMALS_SPACE_GROUPS: f32 = -4.0;

/// A prefix trie over the syllables the model knows (both tone placements), each
/// terminal node carrying the model id, so spelling a token never builds strings. Lost
/// letters are only filled in where they make a known syllable.
pub struct VocabTrie {
    edges: HashMap<(u32, char), u32, FxBuild>,
    ids: Vec<u16>,
    /// Where each node's children start in `child_edges` (one more entry at the end).
    child_starts: Vec<u32>,
    /// Children of every node, one node's after another's, each node's sorted by char:
    /// one array, so a node's children are one read away, not behind their own pointer.
    child_edges: Vec<(char, u32)>,
}

/// The syllables the spelling search can make, with their model ids: the valid ones the
/// model knows (in either tone placement, as written in the inventory).
fn spellable_syllables() -> impl Iterator<Item = (&'static str, u16)> {
    let model = Model::get();
    Syllables::get()
        .iter()
        .filter_map(move |word| Some((word, model.syllable_id(&syllable::modern_tone(word))?)))
}

impl VocabTrie {
    pub fn get() -> &'static VocabTrie {
        static CELL: std::sync::OnceLock<VocabTrie> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            let mut trie = VocabTrie {
                edges: HashMap::default(),
                ids: vec![u16::MAX],
                child_starts: Vec::new(),
                child_edges: Vec::new(),
            };
            for (word, id) in spellable_syllables() {
                let mut node = ROOT;
                for c in word.chars() {
                    let next = trie.ids.len() as u32;
                    node = *trie.edges.entry((node, c)).or_insert(next);
                    if node == next {
                        trie.ids.push(u16::MAX);
                    }
                }
                trie.ids[node as usize] = id;
            }
            let mut edges: Vec<(u32, char, u32)> = trie
                .edges
                .iter()
                .map(|(&(from, c), &to)| (from, c, to))
                .collect();
            edges.sort_unstable();
            trie.child_starts = Vec::with_capacity(trie.ids.len() + 1);
            let mut at = 0;
            for node in 0..trie.ids.len() as u32 {
                trie.child_starts.push(at as u32);
                while edges.get(at).is_some_and(|e| e.0 == node) {
                    at += 1;
                }
            }
            trie.child_starts.push(at as u32);
            trie.child_edges = edges.into_iter().map(|(_, c, to)| (c, to)).collect();
            trie
        })
    }

    fn children(&self, node: u32) -> &[(char, u32)] {
        let node = node as usize;
        match (self.child_starts.get(node), self.child_starts.get(node + 1)) {
            (Some(&a), Some(&b)) => self.child_edges.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub fn step(&self, node: u32, c: char) -> Option<u32> {
        self.edges.get(&(node, c)).copied()
    }

    /// Model id of the syllable ending at `node`.
    pub fn id(&self, node: u32) -> Option<u16> {
        self.ids
            .get(node as usize)
            .copied()
            .filter(|&i| i != u16::MAX)
    }
}

/// Fill costs (log10 loss rates): letters sorted by char (merged with trie children),
/// punctuation.
struct Costs {
    letters: Vec<(char, f32)>,
    puncts: Vec<(char, f32)>,
    /// What a filled comma costs that leaves exactly three decimals.
    three_decimals: f32,
}
/// Spells token spans for one document: the fill costs and a cache of spellings by span
/// text (the same fragments recur all through a damaged document).
pub struct Speller {
    costs: Costs,
    cache: HashMap<String, std::rc::Rc<Vec<Cand>>, FxBuild>,
    options: FillOptions,
    /// The span text being looked up (reused, so a cache hit allocates nothing).
    key: String,
    /// Buffers of the spelling search, kept between spans so it allocates little.
    scratch: (String, Vec<Cand>),
}

impl Speller {
    /// A speller filling spaces with the chars of `lost`.
    pub fn new(lost: &LostSet) -> Speller {
        let all = lost
            .chars
            .iter()
            .map(|&(c, rate)| (c, rate.max(1e-3).log10()));
        let (mut letters, puncts): (Vec<_>, Vec<_>) = all.partition(|&(c, _)| is_letter(c));
        letters.sort_by_key(|l| l.0);
        Speller {
            costs: Costs {
                letters,
                puncts,
                three_decimals: THREE_DECIMALS,
            },
            cache: HashMap::default(),
            key: String::new(),
            options: FillOptions::default(),
            scratch: (String::new(), Vec::new()),
        }
    }

    /// For a document that writes thousands grouped by spaces ("612 000", "1 250 000"):
    /// a comma filled between groups of digits costs more.
    pub fn groups_by_spaces(&mut self) {
        self.costs.three_decimals = THREE_DECIMALS_SPACE_GROUPS;
        self.cache.clear();
    }

    /// The spellings of the chars `span` of a line, best-ranked first (cached by text).
    pub(super) fn spellings(
        &mut self,
        chars: &[(usize, char)],
        span: std::ops::Range<usize>,
    ) -> std::rc::Rc<Vec<Cand>> {
        self.key.clear();
        self.key.extend(chars[span.clone()].iter().map(|&(_, c)| c));
        if let Some(hit) = self.cache.get(self.key.as_str()) {
            return hit.clone();
        }
        if self.cache.len() > 50_000 {
            self.cache.clear();
        }
        let spelled = std::rc::Rc::new(spellings(
            chars,
            span,
            &self.costs,
            &mut self.options,
            &mut self.scratch,
        ));
        self.cache.insert(self.key.clone(), spelled.clone());
        spelled
    }
}

/// The state of the token being spelled: visible and filled chars since the last real space.
#[derive(Clone, Copy, Default)]
struct Tok {
    /// A char other than leading punctuation has been pushed.
    core_started: bool,
    /// The last char pushed.
    last: Option<char>,
    /// Trie node of the token's letter core while it can still be a syllable.
    node: Option<u32>,
    /// Inside trailing punctuation of the token.
    trail: bool,
    /// Letters filled into the token.
    filled: u8,
    /// Any char (letter or punctuation) filled into the token.
    filled_any: bool,
    /// Chars pushed, and whether any was visible (not filled).
    len: u8,
    visible: bool,
    /// A char of the unsure tier was filled in.
    unsure: bool,
    /// The last char was a visible slash or hyphen after a whole syllable: a letter starts a
    /// new one.
    after_join: bool,
    /// Words joined by visible slashes or hyphens.
    joined: bool,
    /// Where the token stands in a symbol's dash- or slash-separated code part, for the
    /// small letters of [`MIXED_CASE_CODES`].
    code: CodePart,
}

/// The code part of a symbol read so far, as far as [`MIXED_CASE_CODES`] need it.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum CodePart {
    /// Not at the start of a code part, nor in one that may take a small letter.
    #[default]
    Other,
    /// Right after a dash or slash.
    Start,
    /// "T" or "C" read since the separator.
    FirstCapital(char),
    /// "TT" or "CT": a small letter may close it.
    Stem(char),
    /// A lost small letter, filled in, closed it ("QĐ-TT?" → "QĐ-TTg"): only a fill sets
    /// this state.
    Closed(CodeLetter),
}

/// Where a mixed-case code stands in its symbol, which decides what may follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CodeLetter {
    /// "TTr", "CTr": a type code, followed by a dash and the issuer's code.
    TypeCode,
    /// "TTg": the issuer, ending the symbol.
    Final,
}

impl CodePart {
    fn after(self, c: char) -> CodePart {
        match (self, c) {
            (_, '-' | '/') => CodePart::Start,
            (CodePart::Start, 'T' | 'C') => CodePart::FirstCapital(c),
            (CodePart::FirstCapital(first), 'T') => CodePart::Stem(first),
            _ => CodePart::Other,
        }
    }

    /// The small letters that may close the part: "TTg", "TTr", "CTr".
    fn closing_letters(self) -> &'static [char] {
        match self {
            CodePart::Stem('T') => &['g', 'r'],
            CodePart::Stem('C') => &['r'],
            _ => &[],
        }
    }
}

/// A token's model tokens (a syllable with its marks: rarely more than a few).
pub(super) type TokenIds = SmallVec<[u16; 6]>;
/// The chars filled into one token (at most [`MAX_FILLS_IN_TOKEN`] spaces).
type TokenFills = SmallVec<[(usize, char); 4]>;

/// One spelling of a token span: its model tokens, its context-free cost, its fills.
#[derive(Clone)]
pub struct Cand {
    pub(super) ids: TokenIds,
    pub(super) cost: f32,
    pub(super) fills: TokenFills,
    /// Cost plus unigram scores, for ranking spellings of one span.
    pub(super) rank: f32,
    /// Kept in reserve ([`MOSTLY_LOST_RESERVE`]): tried only after a word it follows.
    pub(super) reserve: bool,
}

/// Appends a char to the token; false when the result is impossible.
/// Letter or ASCII digit, fast.
#[inline]
fn is_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

fn push_char(h: &mut Tok, c: char, filled: bool, trie: &VocabTrie) -> bool {
    push_char_stepped(h, c, filled, trie, None)
}

/// [`push_char`] for a letter whose trie node after the token's is known (`stepped`, from
/// [`FillOptions`], which found it among the children of the node this would step from):
/// the trie is not asked again. A filled letter is pushed once per spelling branch, about
/// 1.4 million times a pass of the lost-glyph benchmark.
fn push_char_stepped(
    h: &mut Tok,
    c: char,
    filled: bool,
    trie: &VocabTrie,
    stepped: Option<u32>,
) -> bool {
    let core_empty = !h.core_started;
    if h.code == CodePart::Closed(CodeLetter::TypeCode) && c != '-' {
        // "TTr", "CTr" name a document type, which its issuer's code follows.
        return false;
    }
    if h.code == CodePart::Closed(CodeLetter::Final) && !lm::is_trail(c) {
        // "TTg" names the issuer, the symbol's last part.
        return false;
    }
    if filled && h.code.closing_letters().contains(&c) && !h.trail {
        // A symbol's "TT?"/"CT?" closed by its lost small letter; [`finish_token`] checks
        // the whole symbol.
        h.code = CodePart::Closed(if c == 'g' {
            CodeLetter::Final
        } else {
            CodeLetter::TypeCode
        });
        h.filled_any = true;
        h.len = h.len.saturating_add(1);
        h.last = Some(c);
        return true;
    }
    h.code = h.code.after(c);
    if h.trail {
        let closes = matches!(h.last, Some(')' | '%' | '"' | '”'));
        if filled && !(closes && matches!(c, ',' | '.')) {
            return false;
        }
        if is_alnum(c) {
            if filled || h.filled_any {
                return false;
            }
            h.trail = false;
            h.node = None;
        }
    } else if is_letter(c) {
        h.node = match (stepped, h.node) {
            (Some(child), _) => Some(child),
            (None, Some(n)) => trie.step(n, syllable::lower_char(c)),
            (None, None) if core_empty || h.after_join => trie.step(ROOT, syllable::lower_char(c)),
            (None, None) => None,
        };
        h.after_join = false;
        if h.node.is_none() && (filled || h.filled > 0) {
            return false;
        }
    } else if lm::is_lead(c) && core_empty {
        if filled {
            return false;
        }
    } else if matches!(c, ',' | '.') {
        let last = h.last;
        let after_digit = last.is_some_and(|p| p.is_ascii_digit());
        if filled && !last.is_some_and(|p| is_alnum(p) || p == ')' || p == '%') {
            return false;
        }
        if core_empty {
            if filled {
                return false;
            }
        } else if !after_digit {
            h.trail = true;
        }
    } else if lm::is_trail(c) && !core_empty {
        h.trail = true;
    } else if matches!(c, '/' | '-') && !filled && h.node.and_then(|n| trie.id(n)).is_some() {
        // Words joined by a slash or a hyphen as written ("đồng/người/tháng",
        // "Việt-Pháp"): the word so far is a syllable, and the next one starts afresh.
        h.node = None;
        h.after_join = true;
        h.joined = true;
    } else {
        // After a joining slash or hyphen only a letter is filled in.
        if filled && (h.after_join || !(c == '/' || c == '&')) {
            return false;
        }
        if c == '/' && filled && !h.last.is_some_and(is_alnum) {
            return false;
        }
        if h.filled > 0 {
            return false;
        }
        h.node = None;
    }
    if filled && is_letter(c) {
        h.filled = h.filled.saturating_add(1);
    }
    h.filled_any |= filled;
    h.visible |= !filled;
    h.len = h.len.saturating_add(1);
    h.core_started |= !(core_empty && lm::is_lead(c));
    h.last = Some(c);
    true
}

/// The model tokens of a finished token (its text `tok`, its search state `h`) and its
/// penalty; None when the token is impossible (filled chars that make no syllable, number
/// or reference).
fn finish_token(
    tok: &str,
    h: &Tok,
    model: &Model,
    trie: &VocabTrie,
    costs: &Costs,
) -> Option<(TokenIds, f32)> {
    let syl = Syllables::get();
    let mut ids = TokenIds::new();
    if tok.is_empty() {
        return Some((ids, 0.0));
    }
    let mut penalty = 0.0;
    let lead_end = tok
        .char_indices()
        .find(|&(_, c)| !lm::is_lead(c))
        .map(|(i, _)| i)
        .unwrap_or(tok.len());
    let rest = &tok[lead_end..];
    let core_end = rest
        .char_indices()
        .rev()
        .take_while(|&(_, c)| lm::is_trail(c))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let core = &rest[..core_end];
    for c in tok[..lead_end].chars() {
        ids.push(model.punct_id(c));
    }
    // The trie's syllable is the token's core only if the model's tokenizer cuts the same
    // core: in "tế,-" the comma is no trailing mark (a dash follows), so the core is no
    // syllable, and the dash must not vanish from the model's view.
    let known = h
        .node
        .filter(|_| !h.trail || core.chars().all(is_letter))
        .and_then(|n| trie.id(n));
    let joined = h.joined.then(|| joined_words(core)).flatten();
    if let Some(parts) = joined {
        // Words joined by slashes or hyphens as written ("đồng/người/tháng", "Việt-Pháp"): each part a
        // syllable the model knows once a glyph was filled in; it reads them one by one.
        let mut joins = core.chars().filter(|&c| matches!(c, '/' | '-'));
        for (k, part) in parts.iter().enumerate() {
            if k > 0 {
                ids.push(model.punct_id(joins.next().unwrap_or('/')));
            }
            let low = syllable::lower(part);
            match model.syllable_id(&syllable::modern_tone(&low)) {
                Some(id) => ids.push(id),
                None if h.filled_any => return None,
                None => {
                    ids.push(UNK);
                    penalty += UNSEEN_SYLLABLE;
                }
            }
        }
    } else if let (Some(id), false) = (known, core.is_empty()) {
        // A well-formed syllable (the trie walked its whole letter core).
        if id == UNK {
            penalty += UNSEEN_SYLLABLE;
        }
        ids.push(id);
    } else if !core.is_empty() {
        if core.chars().all(is_letter) {
            let low = syllable::lower(core);
            let valid = syl.is_valid(&low);
            if h.filled > 0 && !valid {
                return None;
            }
            match model.syllable_id(&syllable::modern_tone(&low)) {
                Some(id) if valid || h.filled == 0 => ids.push(id),
                _ if valid => {
                    ids.push(UNK);
                    penalty += UNSEEN_SYLLABLE;
                }
                _ => {
                    let id = model.classify_core(core).unwrap_or(UNK);
                    if id != ABBR {
                        penalty += INVALID_FRAGMENT;
                    }
                    ids.push(id);
                }
            }
        } else {
            let id = model.classify_core(core).unwrap_or(UNK);
            let malformed = match id {
                UNK => !section_number(core),
                ABBR => true,
                NUM => !well_formed_number(core),
                REF | DATE => !well_formed_reference(core),
                _ => false,
            };
            if h.filled_any && malformed {
                return None;
            }
            if h.filled_any && id == NUM && decimal_of_three(core) {
                penalty += costs.three_decimals;
            }
            if h.code == CodePart::Closed(CodeLetter::TypeCode) {
                return None; // "TTr" with no issuer after it
            }
            ids.push(id);
        }
    }
    model.push_marks(&rest[core_end..], &mut ids);
    Some((ids, penalty))
}

/// Whether a number reads as Vietnamese writes them: thousands grouped by dots in threes
/// (1.587.000.000), one decimal comma, or a single dot ("37.5" in tables); "30.9.2013" is
/// no number (it is a date that lost its slashes).
fn well_formed_number(core: &str) -> bool {
    let (int, fraction) = match core.split_once(',') {
        Some((int, fraction)) => (int, Some(fraction)),
        None => (core, None),
    };
    // One decimal comma, and a decimal part holds no thousands dots: "1,000.000" is
    // 1.000.000 with a wrong fill.
    if fraction.is_some_and(|f| f.is_empty() || f.contains([',', '.'])) {
        return false;
    }
    // "100,000" is 100.000 with a wrong fill: no decimal part is written as zeros only.
    if fraction.is_some_and(|f| f.len() >= 2 && f.bytes().all(|b| b == b'0')) {
        return false;
    }
    // "09,2003" is no number but a date's month and year.
    if int.len() > 1 && int.starts_with('0') {
        return false;
    }
    let groups = int.split('.').count();
    // "1.000.000,000": three decimals after grouped thousands are one more group.
    if groups > 1 && fraction.is_some_and(|f| f.len() == 3) {
        return false;
    }
    // "tháng 7,2003" is a month and year.
    let month = int.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    if month
        && fraction.is_some_and(|f| f.len() == 4 && (f.starts_with("19") || f.starts_with("20")))
    {
        return false;
    }
    let thousands = grouped_thousands(int);
    match groups {
        0 | 1 => true,
        // A decimal point ("37.5", tables) takes no decimal comma besides ("15.8,2005").
        2 if !thousands => int.split('.').all(|g| !g.is_empty()) && fraction.is_none(),
        _ => thousands,
    }
}

/// The words of a token joined by slashes or hyphens ("đồng/người/tháng", "Việt-Pháp"),
/// two to four of them, each of letters alone; None for anything else.
fn joined_words(core: &str) -> Option<SmallVec<[&str; 4]>> {
    let parts: SmallVec<[&str; 4]> = core.split(['/', '-']).collect();
    ((2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(is_letter)))
    .then_some(parts)
}

/// A small number with exactly three decimals ("1,269"): well formed, but far rarer than
/// the same digits grouped in thousands ("1.269 người"), so a lost separator between them
/// is read as the thousands dot unless the model's context says otherwise.
fn decimal_of_three(core: &str) -> bool {
    core.split_once(',').is_some_and(|(int, fraction)| {
        (1..=3).contains(&int.len())
            && fraction.len() == 3
            && int
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit())
    })
}

/// A numbered section's heading number followed by its dash ("1.1-", "2.3.1-"), as
/// reports number their sections: the model reads it as an unknown token, as it reads any
/// such token in clean text.
pub(super) fn section_number(core: &str) -> bool {
    let Some(number) = core.strip_suffix('-') else {
        return false;
    };
    let mut groups = number.split('.');
    groups.clone().count() >= 2
        && groups.all(|g| (1..=2).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Digits grouped in thousands by dots: one to three digits, then groups of three
/// ("1.587.000"); a number without dots is not grouped.
fn grouped_thousands(s: &str) -> bool {
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut groups = s.split('.');
    groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && digits(g))
        && groups.clone().count() > 0
        && groups.all(|g| g.len() == 3 && digits(g))
}

/// Whether a slashed token reads as a date (30/9/2013) or a reference number
/// (111/2013/NĐ-CP, 39/KH-UBND, the Party's 36-CT/TW): digits first, then digit groups or
/// codes.
fn well_formed_reference(core: &str) -> bool {
    let mut parts = core.split('/');
    let first = parts.next().unwrap_or("");
    // A number, or a range of days ("ngày 10-11/9/2003").
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    // Large numbers are grouped: "Công văn số 1.234/UBND-VP".
    let well_formed_first = match first.split_once('-') {
        // The Party's and mass organisations' numbers put the type before the slash.
        Some((from, to)) => number(from) && (number(to) || code_segment(to)),
        None => number(first) || grouped_thousands(first),
    };
    if !well_formed_first {
        return false;
    }
    parts.all(|p| {
        // A number after a slash is a day, a month or a year ("1/234/UBND" is 1.234).
        if number(p) {
            return matches!(p.len(), 1 | 2 | 4);
        }
        !p.is_empty() && p.split('-').all(code_segment)
    })
}

/// Codes of the Decree 30 symbol written with small letters: the Prime Minister's "TTg",
/// and the types "TTr" (tờ trình) and "CTr" (chương trình).
pub(crate) const MIXED_CASE_CODES: [&str; 3] = ["TTg", "TTr", "CTr"];

/// One dash-separated part of a symbol: capitals and digits ("UBND", "BLĐTBXH", "NĐ"), or
/// one of [`MIXED_CASE_CODES`]. Codes are initials, which carry no vowel marks but Ư
/// ("TƯ"): a heading's words in capitals ("6 THÁNG CUỐI NĂM") are no code.
fn code_segment(s: &str) -> bool {
    let initial = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, 'Đ' | 'Ư');
    !s.is_empty() && (s.chars().all(initial) || MIXED_CASE_CODES.contains(&s))
}

/// The fills worth trying at a space, per trie node of the token so far (None: the token
/// can no longer be a syllable) and letter after the space: the lost letters that continue
/// a syllable there, then the lost punctuation, likeliest first. Built once per node and
/// document, as the same nodes come up at every space.
#[derive(Default)]
struct FillOptions {
    /// (node, next letter) → where its fills lie in `all`.
    by_node: HashMap<u64, std::ops::Range<u32>, FxBuild>,
    /// The fills of every node asked for, one run after another (one allocation, read
    /// in place): char, cost, and for a letter the trie node it leads to.
    all: Vec<FillOption>,
}

/// A fill [`FillOptions`] offers: its char, its cost, and for a letter the trie node it
/// leads to (spelling then steps without asking the trie).
type FillOption = (char, f32, Option<u32>);

impl FillOptions {
    /// `next` is the visible letter right after the space (lower case), if any: a filled
    /// letter must then let the syllable go on with it ([`push_char`] refuses otherwise),
    /// so the others are left out here.
    fn at(
        &mut self,
        node: Option<u32>,
        next: Option<char>,
        costs: &Costs,
        trie: &VocabTrie,
    ) -> std::ops::Range<usize> {
        let key =
            ((node.unwrap_or(u32::MAX) as u64) << 32) | next.map_or(u32::MAX, u32::from) as u64;
        if let Some(hit) = self.by_node.get(&key) {
            return hit.start as usize..hit.end as usize;
        }
        let start = self.all.len();
        let options = &mut self.all;
        if let Some(from) = node {
            let kids = trie.children(from);
            let letters = &costs.letters;
            let (mut i, mut j) = (0, 0);
            while i < kids.len() && j < letters.len() {
                match kids[i].0.cmp(&letters[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        let child = kids[i].1;
                        if next.map_or(true, |n| trie.step(child, n).is_some()) {
                            options.push((letters[j].0, letters[j].1, Some(child)));
                        }
                        i += 1;
                        j += 1;
                    }
                }
            }
        }
        options.extend(costs.puncts.iter().map(|&(c, cost)| (c, cost, None)));
        // Likeliest fills first, so good spellings are found early and bound the rest.
        options[start..].sort_by(|a, b| b.1.total_cmp(&a.1));
        let end = options.len();
        self.by_node.insert(key, start as u32..end as u32);
        start..end
    }
}

/// Every spelling of the chars `span` (interior spaces filled from `costs`), best first.
fn spellings(
    chars: &[(usize, char)],
    span: std::ops::Range<usize>,
    costs: &Costs,
    options: &mut FillOptions,
    scratch: &mut (String, Vec<Cand>),
) -> Vec<Cand> {
    let (text, out) = scratch;
    out.clear();
    let mut search = SpellSearch {
        chars,
        start: span.start,
        end: span.end,
        text,
        costs,
        options,
        model: Model::get(),
        trie: VocabTrie::get(),
        fills: TokenFills::new(),
        out,
        best: f32::NEG_INFINITY,
        letters_only_before: marks_only_at_tail(&chars[span.clone()]).map_or(0, |k| span.start + k),
    };
    search.spell(span.start, Tok::default(), 0.0);
    out.sort_unstable_by(|a, b| b.rank.total_cmp(&a.rank));
    let best = out.first().map_or(0.0, |c| c.rank);
    let spaces = chars[span.clone()].iter().filter(|c| c.1 == ' ').count();
    let letters = chars[span.clone()]
        .iter()
        .filter(|c| is_letter(c.1))
        .count();
    let (per_span, reserve) = if spaces >= 2 || (spaces == 1 && letters <= 1) {
        (PER_MOSTLY_LOST_SPAN, MOSTLY_LOST_RESERVE)
    } else {
        (PER_SPAN, 0)
    };
    let kept = out
        .iter()
        .take(per_span + reserve)
        .take_while(|c| c.rank >= best - SPAN_MARGIN)
        .count();
    let mut out: Vec<Cand> = out.drain(..kept).collect();
    for cand in out.iter_mut().skip(per_span) {
        cand.reserve = true;
    }
    for cand in &mut out {
        for f in &mut cand.fills {
            f.0 -= span.start;
        }
    }
    out
}

/// Every run of letters of every syllable the spelling search can make (those of
/// [`VocabTrie`]), with the position it starts at: a span of letters whose lost glyphs
/// must be letters before its last visible one ([`marks_only_at_tail`]) can be spelled only
/// if each of its visible runs starts where some syllable has it. Checked before spelling:
/// most spans that have no spelling are short ones that start with lost glyphs ("   tư",
/// " t i"), whose search tried every onset the lost set allows.
pub(super) struct SyllableInfixes {
    /// Hashes of (position, letters); a collision only lets a span through to the search.
    keys: std::collections::HashSet<u64, FxBuild>,
}

impl SyllableInfixes {
    pub(super) fn get() -> &'static SyllableInfixes {
        static CELL: std::sync::OnceLock<SyllableInfixes> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            let mut keys = std::collections::HashSet::default();
            for (word, _) in spellable_syllables() {
                let letters: Vec<char> = word.chars().collect();
                for from in 0..letters.len() {
                    let mut key = Self::start(from);
                    for &c in &letters[from..] {
                        key = Self::extend(key, c);
                        keys.insert(key);
                    }
                }
            }
            SyllableInfixes { keys }
        })
    }

    fn start(position: usize) -> u64 {
        (position as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn extend(key: u64, c: char) -> u64 {
        (key.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    }

    /// False when the span (letters and spaces, lost glyphs before its last letter being
    /// letters, and at least one of those) can make no syllable; true otherwise, and for
    /// every other span.
    pub(super) fn may_spell(&self, span: &[(usize, char)]) -> bool {
        let Some(last_letter) = marks_only_at_tail(span) else {
            return true;
        };
        // Only lost glyphs after the last letter: it may stay a fragment as written, with a
        // lost full stop or comma after it.
        if !span[..last_letter].iter().any(|&(_, c)| c == ' ') {
            return true;
        }
        let mut run: Option<u64> = None;
        for (position, &(_, c)) in span.iter().enumerate() {
            if c == ' ' {
                if let Some(key) = run.take() {
                    if !self.keys.contains(&key) {
                        return false;
                    }
                }
                continue;
            }
            let key = run.unwrap_or_else(|| Self::start(position));
            run = Some(Self::extend(key, syllable::lower_char(c)));
        }
        run.map_or(true, |key| self.keys.contains(&key))
    }
}

/// For a span whose visible chars are letters, all in small letters after the first: the
/// position of its last visible letter, before which a filled mark could only make a
/// malformed token. None for any other span.
fn marks_only_at_tail(span: &[(usize, char)]) -> Option<usize> {
    let mut last = None;
    for (k, &(_, c)) in span.iter().enumerate() {
        if c == ' ' {
            continue;
        }
        if !is_letter(c) || (last.is_some() && c.is_uppercase()) {
            return None;
        }
        last = Some(k);
    }
    last
}

/// Fill costs above this are chars known to be lost; below, chars merely seen too rarely.
const SURE_COST: f32 = -0.35;
/// A token made only of lost glyphs has at most this many.
const MAX_FILLS_ONLY: usize = 4;

/// The depth-first spelling of one span: fills are tried at each space, the token is
/// finished at the span's end.
struct SpellSearch<'a> {
    chars: &'a [(usize, char)],
    start: usize,
    end: usize,
    /// The finished token's text (reused).
    text: &'a mut String,
    costs: &'a Costs,
    options: &'a mut FillOptions,
    model: &'a Model,
    trie: &'a VocabTrie,
    /// The fills on the current branch.
    fills: TokenFills,
    out: &'a mut Vec<Cand>,
    /// The best rank found so far: a branch whose cost (an upper bound on its rank, as
    /// every later term is a log probability) falls [`SPAN_MARGIN`] below it is cut.
    best: f32,
    /// Spaces before this position take letters only: in a word in small letters a mark
    /// filled before a visible letter makes a token that is neither a syllable nor a number
    /// nor a reference (only the tail of such a word may take a full stop or comma).
    letters_only_before: usize,
}

impl SpellSearch<'_> {
    fn spell(&mut self, k: usize, tok: Tok, cost: f32) {
        if self.out.len() > 400 || cost < self.best - SPAN_MARGIN {
            return;
        }
        let (model, trie, costs) = (self.model, self.trie, self.costs);
        if k == self.end {
            // The span's chars with the branch's fills (in position order) in their spaces.
            self.text.clear();
            let mut fills = self.fills.iter().peekable();
            for (at, &(_, c)) in self.chars[self.start..self.end].iter().enumerate() {
                match fills.next_if(|f| f.0 == self.start + at) {
                    Some(&(_, filled)) => self.text.push(filled),
                    None => self.text.push(c),
                }
            }
            if let Some((ids, penalty)) = finish_token(self.text, &tok, model, trie, costs) {
                let rank = cost + penalty + ids.iter().map(|&w| model.unigram(w)).sum::<f32>();
                if rank < self.best - SPAN_MARGIN {
                    return;
                }
                self.best = self.best.max(rank);
                self.out.push(Cand {
                    ids,
                    cost: cost + penalty,
                    fills: TokenFills::from_slice(&self.fills),
                    rank,
                    reserve: false,
                });
            }
            return;
        }
        let c = self.chars[k].1;
        if c != ' ' {
            let mut t = tok;
            if push_char(&mut t, c, false, trie) {
                self.spell(k + 1, t, cost);
            }
            return;
        }
        let core_empty = !tok.core_started;
        let unsure_used = tok.unsure;
        let only_fills = !tok.visible;
        let from = match tok.node {
            Some(n) if !tok.trail => Some(n),
            None if (core_empty || tok.after_join) && !tok.trail => Some(ROOT),
            _ => None,
        };
        let next = self
            .chars
            .get(k + 1)
            .filter(|_| k + 1 < self.end)
            .map(|&(_, c)| c)
            .filter(|&c| is_letter(c))
            .map(syllable::lower_char);
        let at = self.options.at(from, next, costs, trie);
        // After a symbol's "TT" or "CT" the lost small letters that close it are tried too
        // (rare: a Vec only then).
        let code_letters = tok.code.closing_letters();
        let with_code_letters: Option<Vec<FillOption>> = (!code_letters.is_empty()).then(|| {
            let mut all: Vec<FillOption> = self.options.all[at.clone()]
                .iter()
                .copied()
                .chain(
                    costs
                        .letters
                        .iter()
                        .filter(|(c, _)| code_letters.contains(c))
                        .map(|&(c, cost)| (c, cost, None)),
                )
                .collect();
            all.sort_by(|a, b| b.1.total_cmp(&a.1));
            all
        });
        let count = with_code_letters.as_ref().map_or(at.len(), Vec::len);
        for i in 0..count {
            // Read in place: the search below adds other nodes' fills after these.
            let (fc, fcost, stepped) = match &with_code_letters {
                Some(all) => all[i],
                None => self.options.all[at.start + i],
            };
            if cost + fcost < self.best - SPAN_MARGIN {
                break; // the rest cost more still
            }
            // At most one char of the unsure tier per token (a token made only of fills
            // may have one too: "có" with a rarely-lost ó).
            if k < self.letters_only_before && !is_letter(fc) {
                continue;
            }
            let unsure = fcost < SURE_COST;
            if unsure && unsure_used {
                continue;
            }
            if only_fills && self.fills.len() >= MAX_FILLS_ONLY {
                continue;
            }
            let mut t = tok;
            t.unsure |= unsure;
            if push_char_stepped(&mut t, fc, true, trie, stepped) {
                self.fills.push((k, fc));
                self.spell(k + 1, t, cost + fcost);
                self.fills.pop();
            }
        }
    }
}

/// A span whose visible chars are letters alone cannot be one token when it would make a
/// word of more than [`MAX_SYLLABLE_LETTERS`] letters: its inner spaces would have to be
/// lost letters, and a filled letter word must be a syllable. (Checked before spelling:
/// most multi-word spans are such, and a search that finds no spelling took two thirds of
/// the spelling's time.)
pub(super) fn letters_only_too_long(span: &[(usize, char)]) -> bool {
    if !span.iter().all(|&(_, c)| c == ' ' || is_letter(c)) {
        return false;
    }
    match marks_only_at_tail(span) {
        // A word in small letters: a lost glyph before or inside it is a letter too (only
        // abbreviations put a slash or a dot inside: "V/v", "TP.HCM"), so every position up
        // to its last letter holds one, and so do all but one (a full stop or comma) of the
        // lost glyphs after it.
        Some(last) => (last + 1).max(span.len() - 1) > MAX_SYLLABLE_LETTERS,
        None => span.iter().filter(|&&(_, c)| c != ' ').count() > MAX_SYLLABLE_LETTERS,
    }
}

/// A span in which a space (a lost glyph, as the span is one token) follows a visible
/// comma, period or other closing mark that itself follows a letter or a space: the mark
/// ends the token's core, and nothing may be filled after it ([`push_char`] refuses), so
/// no spelling exists. Checked before spelling: otherwise every fill of the spaces before
/// the mark would be tried first ("   , trừ").
pub(super) fn fill_after_closing_mark(span: &[(usize, char)]) -> bool {
    span.windows(3).any(|w| {
        let (before, mark, after) = (w[0].1, w[1].1, w[2].1);
        matches!(mark, ',' | '.' | ';' | ':' | '!' | '?' | '…')
            && after == ' '
            && (before == ' ' || is_letter(before))
    })
}

/// The longest Vietnamese syllable ("nghiêng", "nghiếng") has seven letters.
const MAX_SYLLABLE_LETTERS: usize = 7;

#[cfg(test)]
mod tests {
    use super::*;

    /// A span of a line as the spelling search sees it: (byte offset, char).
    fn span(s: &str) -> Vec<(usize, char)> {
        s.char_indices().collect()
    }

    #[test]
    fn no_syllable_is_longer_than_the_prefilter_allows() {
        let longest = Syllables::get().iter().map(|s| s.chars().count()).max();
        assert_eq!(longest, Some(MAX_SYLLABLE_LETTERS));
    }

    #[test]
    fn a_span_whose_letters_start_where_no_syllable_has_them_is_not_spelled() {
        let infixes = SyllableInfixes::get();
        // "???tư", "??tư": no syllable has "tư" at its fourth or third letter.
        assert!(!infixes.may_spell(&span("   tư")));
        assert!(!infixes.may_spell(&span("  tư")));
        // "khi", "thiếc" ("t" lost), "nghiện", and a fragment with a lost comma after it.
        assert!(infixes.may_spell(&span("  i")));
        assert!(infixes.may_spell(&span(" hi c")));
        assert!(infixes.may_spell(&span("ngh  n")));
        assert!(infixes.may_spell(&span("ớc ")));
        // Not letters alone: left to the search.
        assert!(infixes.may_spell(&span(" 2013")));
    }

    #[test]
    fn marks_are_filled_only_at_the_tail_of_a_word_in_small_letters() {
        assert_eq!(marks_only_at_tail(&span("ngh  n ")), Some(5));
        assert_eq!(marks_only_at_tail(&span("Tr ng")), Some(4));
        // Abbreviations, numbers and references take marks inside.
        assert_eq!(marks_only_at_tail(&span("TP HCM")), None);
        assert_eq!(marks_only_at_tail(&span("111 2013")), None);
        assert_eq!(marks_only_at_tail(&span("   ")), None);
    }

    #[test]
    fn a_span_of_small_letters_too_long_for_one_word_is_not_spelled() {
        // "ng?ện?m", "?t?i?c?í": eight letters at least.
        assert!(letters_only_too_long(&span("ng  ện m")));
        assert!(letters_only_too_long(&span(" t i c í")));
        // "nghiện" and "nghiện," (a lost comma after it), "c??ng", an abbreviation.
        assert!(!letters_only_too_long(&span("ngh  n")));
        assert!(!letters_only_too_long(&span("nghi n ")));
        assert!(!letters_only_too_long(&span("c  ng")));
        assert!(!letters_only_too_long(&span("TP HCM")));
    }

    #[test]
    fn numbers_and_dates() {
        assert!(well_formed_number("1.587.000.000"));
        assert!(well_formed_number("33,97"));
        assert!(decimal_of_three("1,269") && !decimal_of_three("1.269"));
        assert!(!decimal_of_three("12,5") && !decimal_of_three("1.234,567"));
        assert!(well_formed_number("37.5"));
        assert!(well_formed_number("1.000,5"));
        assert!(!well_formed_number("1,000.000.000"));
        assert!(!well_formed_number("1.000.000,000"));
        assert!(well_formed_number("1.000.000,25"));
        assert!(well_formed_number("1.500,75"));
        assert!(!well_formed_number("15.8,2005"));
        assert!(!well_formed_number("7,2003"));
        assert!(well_formed_number("7,25"));
        assert!(!well_formed_number("30.9.2013"));
        assert!(!well_formed_number("1,2,3"));
        assert!(!well_formed_number("09,2003"));
        assert!(well_formed_number("0,5"));
        assert!(!well_formed_number("100,000"));
        assert!(!well_formed_number("2,00"));
        assert!(well_formed_number("2,05"));
        assert!(section_number("1.1-"));
        assert!(section_number("2.3.1-"));
        assert!(!section_number("1-"));
        assert!(!section_number("1.1"));
        assert!(!section_number("1..1-"));
        assert!(!section_number("123.4-"));
        assert!(well_formed_reference("10-11/09/2003"));
        assert!(!well_formed_reference("10-/09/2003"));
        assert!(well_formed_reference("111/2013/NĐ-CP"));
        assert!(well_formed_reference("30/9/2013"));
        assert!(well_formed_reference("10/QĐ-TTg"));
        assert!(!well_formed_reference("111/ngày"));
        assert!(!well_formed_reference("theo/111"));
        assert!(well_formed_reference("53/1999/QĐ-TTg"));
        // The Party's numbers carry their type before the slash; TTr and CTr are types.
        assert!(well_formed_reference("41-CT/TU"));
        assert!(well_formed_reference("207-HD/BTGTW"));
        assert!(well_formed_reference("733/TTr-SNV"));
        assert!(well_formed_reference("12/CTr-UBND"));
        assert!(!well_formed_reference("41-ct/TU"));
        assert!(!well_formed_reference("733/TTx-SNV"));
        assert!(!well_formed_reference("41-CT/"));
        assert!(!well_formed_reference("53/1999,QĐ-TTg"));
        assert!(!well_formed_reference("12/-CP"));
        assert!(well_formed_reference("1.234/UBND-VP"));
        assert!(!well_formed_reference("1.23/UBND-VP"));
        assert!(!well_formed_reference("1/234/UBND-VP"));
        assert!(well_formed_reference("15/KH-BCĐTƯ"));
        assert!(!well_formed_reference("6/THÁNG/CUỐI/NĂM/2019"));
        assert!(!well_formed_reference("3/NĂM"));
    }
}

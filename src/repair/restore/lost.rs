//! Lost-glyph restoration: PDF fonts with broken maps drop some glyphs and leave exactly one
//! space for each. In a damaged line every space is either a real space or one lost
//! character. Each stretch between two real spaces is spelled out (interior spaces filled
//! with lost characters so that it forms a known syllable, number, date or reference), and a
//! Viterbi search over the real-space boundaries, scored by the trigram model (the best few
//! model contexts kept per boundary, ranked with the best the next token adds), picks the
//! most likely line. A fill's confidence is the share of the probability mass at its
//! token's end, so ranked, that spelled that token the same way.
//!
//! Which characters were lost is estimated from the text itself ([`LostSet::estimate`]):
//! characters that are frequent in Vietnamese but (almost) never seen in the damaged lines.
//! The noise model: a real space costs nothing, filling char c costs log10(loss rate of c),
//! so the language model decides wherever the loss rate is high.

use super::beam;
use super::lm::{self, Model, ScoreCache, ABBR, DATE, NUM, REF, UNK};
use super::syllable::{self, is_letter, FxBuild, Syllables, ROOT};
use smallvec::SmallVec;
use std::collections::HashMap;

/// Model contexts kept per real-space boundary.
const BEAM: usize = 8;
/// States scoring this much (log10) below the best at a boundary are dropped.
const STATE_MARGIN: f32 = 5.0;
/// Spellings kept per token span (ranked without context).
const PER_SPAN: usize = 16;
/// The same for a span that is mostly lost ("  i", "c  "): its spellings are many, and a
/// rare word ("cai" beside "cái", "hai", "mai") ranks low on its unigram alone (dev: +0.25
/// points over 16, for about 9% of the lost-glyph search's speed; 64: +0.06 more, 20%).
const PER_MOSTLY_LOST_SPAN: usize = 32;
/// Spellings ranked this much (log10) below a span's best are dropped.
const SPAN_MARGIN: f32 = 4.0;
/// A token spans at most this many chars and this many lost glyphs inside.
const MAX_TOKEN_CHARS: usize = 30;
const MAX_FILLS_IN_TOKEN: usize = 4;
/// log10 penalty for a letter-only fragment that is no syllable (kept as written).
const INVALID_FRAGMENT: f32 = -4.0;
/// log10 penalty for a well-formed syllable the model has not seen.
const UNSEEN_SYLLABLE: f32 = -1.5;
/// log10 penalty for a real space right after another real space inside a line.
const DOUBLE_SPACE: f32 = -3.5;
/// Loss rate given to chars seen somewhat less often than expected.
const UNSURE_RATE: f32 = 0.1;
/// log10 score of a line that ends without ending its sentence (wraps on), against the
/// model's end-of-line probability: whichever is higher counts.
const LINE_WRAP: f32 = -1.0;
/// The same where lines do not end in a space by habit: such lines are paragraphs (the
/// layout pass has joined hard-wrapped ones), which end their sentence.
const PARAGRAPH_LINE_WRAP: f32 = -2.5;
/// Prior share of lost chars among those too rare to judge by counts, and the least
/// expected count for which never seeing one counts as evidence.
const RARE_PRIOR: f64 = 0.3;
const RARE_MIN_EXPECTED: f64 = 0.2;
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
    /// Estimates the lost set from the damaged lines of a text: a char is suspect when its
    /// expected count there is at least 2 and fewer than half of the expected occurrences
    /// are visible. Chars are counted as written: a capital is another glyph of the font,
    /// so a visible "T" says nothing of a lost "t" (the model's char shares are counted
    /// the same way).
    pub fn estimate(lines: &[&str], model: &Model) -> LostSet {
        let mut seen: HashMap<char, usize> = HashMap::new();
        let mut total = 0usize;
        for line in lines {
            for c in line.chars().filter(|c| !c.is_whitespace()) {
                *seen.entry(c).or_default() += 1;
                total += 1;
            }
        }
        let mut chars: Vec<(char, f32, f64)> = Vec::new();
        if total == 0 {
            return LostSet { chars: Vec::new() };
        }
        // Visible chars are those not lost, so scale up by an assumed 15% loss.
        let base = total as f64 * 1.15;
        for c in candidate_chars() {
            let expected = model.char_share(c) * base;
            let observed = seen.get(&c).copied().unwrap_or(0) as f64;
            if expected < 2.0 {
                // Too rare to tell from counts: never seen keeps it possible, at the odds
                // of a lost char given that absence (P(none seen | kept) = e^-expected).
                if observed == 0.0 && expected >= RARE_MIN_EXPECTED {
                    let rate = RARE_PRIOR / (RARE_PRIOR + (1.0 - RARE_PRIOR) * (-expected).exp());
                    chars.push((c, rate as f32, expected));
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

/// A prefix trie over the syllables the model knows (both tone placements), each
/// terminal node carrying the model id, so spelling a token never builds strings. Lost
/// letters are only filled in where they make a known syllable.
pub struct VocabTrie {
    edges: HashMap<(u32, char), u32, FxBuild>,
    ids: Vec<u16>,
    /// Children of each node, sorted by char.
    children: Vec<Vec<(char, u32)>>,
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
                children: Vec::new(),
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
            trie.children = vec![Vec::new(); trie.ids.len()];
            for (&(from, c), &to) in &trie.edges {
                trie.children[from as usize].push((c, to));
            }
            trie.children.iter_mut().for_each(|k| k.sort_unstable());
            trie
        })
    }

    fn children(&self, node: u32) -> &[(char, u32)] {
        self.children
            .get(node as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
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
}

/// Spells token spans for one document: the fill costs and a cache of spellings by span
/// text (the same fragments recur all through a damaged document).
pub struct Speller {
    costs: Costs,
    cache: HashMap<String, std::rc::Rc<Vec<Cand>>, FxBuild>,
    options: FillOptions,
    /// The span text being looked up (reused, so a cache hit allocates nothing).
    key: String,
    /// Space runs longer than this are layout.
    longest_lost_run: usize,
    /// log10 cost of reading a line's last space as a real one: nothing where the
    /// document's lines end in a space anyway (text extracted from PDFs), a double space's
    /// cost where they do not (only a lost glyph leaves one there).
    trailing_space: f32,
    /// log10 score of a line that wraps on instead of ending its sentence.
    line_wrap: f32,
    /// Buffers of the spelling search, kept between spans so it allocates little.
    scratch: (String, Vec<Cand>),
    /// The line search's states per boundary, kept between lines likewise.
    line_states: Vec<Vec<State>>,
    /// The line search's look at the next token, kept likewise.
    lookahead: Lookahead,
}

impl Speller {
    /// A speller for `lost`, with space runs longer than `longest_lost_run` read as layout.
    pub fn new(lost: &LostSet, longest_lost_run: usize) -> Speller {
        let all = lost
            .chars
            .iter()
            .map(|&(c, rate)| (c, rate.max(1e-3).log10()));
        let (mut letters, puncts): (Vec<_>, Vec<_>) = all.partition(|&(c, _)| is_letter(c));
        letters.sort_by_key(|l| l.0);
        Speller {
            costs: Costs { letters, puncts },
            cache: HashMap::default(),
            key: String::new(),
            longest_lost_run,
            trailing_space: 0.0,
            line_wrap: LINE_WRAP,
            options: FillOptions::default(),
            scratch: (String::new(), Vec::new()),
            line_states: Vec::new(),
            lookahead: Lookahead::default(),
        }
    }

    /// Where the document's lines do not end in a space by habit, a line's last space is
    /// most likely a lost glyph (a final full stop, a closing bracket, a letter), and a
    /// line is a paragraph that ends its sentence.
    pub fn lines_end_without_space(mut self) -> Speller {
        self.trailing_space = DOUBLE_SPACE;
        self.line_wrap = PARAGRAPH_LINE_WRAP;
        self
    }

    fn spellings(
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
}

/// A token's model tokens (a syllable with its marks: rarely more than a few).
type TokenIds = SmallVec<[u16; 6]>;
/// The chars filled into one token (at most [`MAX_FILLS_IN_TOKEN`] spaces).
type TokenFills = SmallVec<[(usize, char); 4]>;

/// One spelling of a token span: its model tokens, its context-free cost, its fills.
pub struct Cand {
    ids: TokenIds,
    cost: f32,
    fills: TokenFills,
    /// Cost plus unigram scores, for ranking spellings of one span.
    rank: f32,
}

/// A restored char: byte offset of the space in the line, the char, confidence.
#[derive(Clone, Debug)]
pub struct Fill {
    pub at: usize,
    pub ch: char,
    pub confidence: f32,
}

/// Appends a char to the token; false when the result is impossible.
/// Letter or ASCII digit, fast.
#[inline]
fn is_alnum(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

fn push_char(h: &mut Tok, c: char, filled: bool, trie: &VocabTrie) -> bool {
    let core_empty = !h.core_started;
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
        h.node = match h.node {
            Some(n) => trie.step(n, syllable::lower_char(c)),
            None if core_empty => trie.step(ROOT, syllable::lower_char(c)),
            None => None,
        };
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
    } else {
        if filled && !(c == '/' || c == '&') {
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
fn finish_token(tok: &str, h: &Tok, model: &Model, trie: &VocabTrie) -> Option<(TokenIds, f32)> {
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
    if let (Some(id), false) = (known, core.is_empty()) {
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

/// A numbered section's heading number followed by its dash ("1.1-", "2.3.1-"), as
/// reports number their sections: the model reads it as an unknown token, as it reads any
/// such token in clean text.
fn section_number(core: &str) -> bool {
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
/// (111/2013/NĐ-CP, 39/KH-UBND): digits first, then digit groups or upper-case codes.
fn well_formed_reference(core: &str) -> bool {
    let mut parts = core.split('/');
    let first = parts.next().unwrap_or("");
    // A number, or a range of days ("ngày 10-11/9/2003").
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    // Large numbers are grouped: "Công văn số 1.234/UBND-VP".
    let well_formed_first = match first.split_once('-') {
        Some((from, to)) => number(from) && number(to),
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
        let code = !p.is_empty()
            && p.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !p.starts_with('-')
            && !p.ends_with('-');
        // Upper-case codes; the Prime Minister's "TTg" is the one with small letters.
        code && (!p.chars().any(char::is_lowercase) || p.ends_with("TTg"))
    })
}

/// The fills worth trying at a space, per trie node of the token so far (None: the token
/// can no longer be a syllable) and letter after the space: the lost letters that continue
/// a syllable there, then the lost punctuation, likeliest first. Built once per node and
/// document, as the same nodes come up at every space.
#[derive(Default)]
struct FillOptions {
    by_node: HashMap<u64, std::rc::Rc<[(char, f32)]>, FxBuild>,
}

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
    ) -> std::rc::Rc<[(char, f32)]> {
        let key =
            ((node.unwrap_or(u32::MAX) as u64) << 32) | next.map_or(u32::MAX, u32::from) as u64;
        if let Some(hit) = self.by_node.get(&key) {
            return hit.clone();
        }
        let mut options: Vec<(char, f32)> = Vec::new();
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
                            options.push(letters[j]);
                        }
                        i += 1;
                        j += 1;
                    }
                }
            }
        }
        options.extend_from_slice(&costs.puncts);
        // Likeliest fills first, so good spellings are found early and bound the rest.
        options.sort_by(|a, b| b.1.total_cmp(&a.1));
        let options: std::rc::Rc<[(char, f32)]> = options.into();
        self.by_node.insert(key, options.clone());
        options
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
    let per_span = if spaces >= 2 || (spaces == 1 && letters <= 1) {
        PER_MOSTLY_LOST_SPAN
    } else {
        PER_SPAN
    };
    let kept = out
        .iter()
        .take(per_span)
        .take_while(|c| c.rank >= best - SPAN_MARGIN)
        .count();
    let mut out: Vec<Cand> = out.drain(..kept).collect();
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
struct SyllableInfixes {
    /// Hashes of (position, letters); a collision only lets a span through to the search.
    keys: std::collections::HashSet<u64, FxBuild>,
}

impl SyllableInfixes {
    fn get() -> &'static SyllableInfixes {
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
    fn may_spell(&self, span: &[(usize, char)]) -> bool {
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
            if let Some((ids, penalty)) = finish_token(self.text, &tok, model, trie) {
                let rank = cost + penalty + ids.iter().map(|&w| model.unigram(w)).sum::<f32>();
                if rank < self.best - SPAN_MARGIN {
                    return;
                }
                self.best = self.best.max(rank);
                self.out.push(Cand {
                    ids,
                    cost: cost + penalty,
                    fills: self.fills.clone(),
                    rank,
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
            None if core_empty && !tok.trail => Some(ROOT),
            _ => None,
        };
        let next = self
            .chars
            .get(k + 1)
            .filter(|_| k + 1 < self.end)
            .map(|&(_, c)| c)
            .filter(|&c| is_letter(c))
            .map(syllable::lower_char);
        let options = self.options.at(from, next, costs, trie);
        for &(fc, fcost) in options.iter() {
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
            if push_char(&mut t, fc, true, trie) {
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
fn letters_only_too_long(span: &[(usize, char)]) -> bool {
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
fn fill_after_closing_mark(span: &[(usize, char)]) -> bool {
    span.windows(3).any(|w| {
        let (before, mark, after) = (w[0].1, w[1].1, w[2].1);
        matches!(mark, ',' | '.' | ';' | ':' | '!' | '?' | '…')
            && after == ' '
            && (before == ' ' || is_letter(before))
    })
}

/// The longest Vietnamese syllable ("nghiêng", "nghiếng") has seven letters.
const MAX_SYLLABLE_LETTERS: usize = 7;

/// The tokens that may start at a boundary: (boundary they end at, their spellings).
type TokensFrom = std::rc::Rc<Vec<(usize, std::rc::Rc<Vec<Cand>>)>>;

/// The tokens that may start at boundary `ai` of a line: those of at most
/// [`MAX_FILLS_IN_TOKEN`] lost glyphs and [`MAX_TOKEN_CHARS`] chars, not across a fixed
/// space, that have a spelling.
fn tokens_from(
    ai: usize,
    bounds: &[usize],
    chars: &[(usize, char)],
    fixed: &[bool],
    speller: &mut Speller,
) -> TokensFrom {
    let start = bounds[ai];
    let mut out = Vec::new();
    for bi in ai + 1..bounds.len() {
        let end = bounds[bi] - 1; // the token is chars[start..end]
        let interior = bi - ai - 1;
        if interior > MAX_FILLS_IN_TOKEN || end.saturating_sub(start) > MAX_TOKEN_CHARS {
            break;
        }
        if interior > 0 && fixed[bounds[bi - 1] - 1] {
            break;
        }
        if interior > 0
            && (letters_only_too_long(&chars[start..end])
                || fill_after_closing_mark(&chars[start..end])
                || !SyllableInfixes::get().may_spell(&chars[start..end]))
        {
            continue;
        }
        let spelled = speller.spellings(chars, start..end);
        if !spelled.is_empty() {
            out.push((bi, spelled));
        }
    }
    std::rc::Rc::new(out)
}

/// The best spellings of the token after a boundary, as (model tokens, cost).
type NextTokens = std::rc::Rc<Vec<(TokenIds, f32)>>;

/// Spellings of the next token looked at per context (the best-ranked first).
const LOOKAHEAD_SPELLINGS: usize = 8;

/// What the token after a boundary adds at best to a state's score there: pruning by it
/// keeps a rarer word that its next word confirms ("cai" before "nghiện", which "cái",
/// "tại", "hai" outscore until "nghiện" is read), where a beam comparing the scores so far
/// drops it (dev: +0.2 points, seed-004 excerpt CER 0.029 → 0.021; a beam of 32 without
/// it gains as much for more time). The next token's first word is scored after the
/// state's last word alone, so states ending in the same word share the value. Per line:
/// per boundary, the tokens that may start there, their best spellings, and the values.
#[derive(Default)]
struct Lookahead {
    /// Per boundary, the spans of the tokens that may start there, with their spellings
    /// (shared with the search, which spells them from there).
    tokens: Vec<Option<TokensFrom>>,
    /// Per boundary, the best spellings of those tokens (None inside: none).
    next: Vec<Option<Option<NextTokens>>>,
    /// (boundary, last token of the context) → value.
    best: HashMap<(u32, u16), f32, FxBuild>,
}

impl Lookahead {
    /// Empties the tables for a line of `boundaries` boundaries.
    fn start(&mut self, boundaries: usize) {
        self.next.clear();
        self.next.resize(boundaries, None);
        self.tokens.clear();
        self.tokens.resize(boundaries, None);
        self.best.clear();
    }

    /// The tokens that may start at boundary `bi`, from `spell` at the first call.
    fn tokens_at(&mut self, bi: usize, spell: impl FnOnce() -> TokensFrom) -> TokensFrom {
        self.tokens[bi].get_or_insert_with(spell).clone()
    }

    /// The [`LOOKAHEAD_SPELLINGS`] best-ranked spellings of the tokens `spans` that start
    /// at boundary `bi`, empty ones left out (None: there are none).
    fn next_best(&mut self, bi: usize, spans: &TokensFrom) -> Option<NextTokens> {
        if let Some(known) = &self.next[bi] {
            return known.clone();
        }
        let mut all: Vec<(f32, TokenIds, f32)> = spans
            .iter()
            .flat_map(|(_, s)| s.iter().take(LOOKAHEAD_SPELLINGS))
            .filter(|c| !c.ids.is_empty())
            .map(|c| (c.rank, c.ids.clone(), c.cost))
            .collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        all.truncate(LOOKAHEAD_SPELLINGS);
        let best = (!all.is_empty())
            .then(|| std::rc::Rc::new(all.into_iter().map(|(_, ids, cost)| (ids, cost)).collect()));
        self.next[bi] = Some(best.clone());
        best
    }

    /// The best score a spelling of `next` adds at boundary `bi` after a context ending in
    /// `last` (its first word is scored after that word alone).
    fn best_after(
        &mut self,
        bi: usize,
        last: u16,
        next: &[(TokenIds, f32)],
        scores: &mut ScoreCache,
        model: &Model,
    ) -> f32 {
        let key = (bi as u32, last);
        if let Some(&v) = self.best.get(&key) {
            return v;
        }
        let mut best = f32::NEG_INFINITY;
        for (ids, cost) in next {
            let mut v = *cost;
            let mut c = (0, last);
            for (k, &w) in ids.iter().enumerate() {
                v += if k == 0 {
                    scores.pair_logp(model, c.1, w)
                } else {
                    scores.logp(model, c.0, c.1, w)
                };
                c = (c.1, w);
            }
            best = best.max(v);
        }
        self.best.insert(key, best);
        best
    }
}

/// A search state at a real-space boundary.
#[derive(Clone, Copy)]
struct State {
    score: f32,
    /// The score plus the best the next token can add after this context
    /// ([`Lookahead`]): what pruning compares.
    rank: f32,
    ctx: (u16, u16),
    /// (boundary index, state index there, candidate index) it came from.
    back: Option<(usize, usize, usize)>,
    /// The mark the last token ended with, when it was filled: the next word's case
    /// tells a lost full stop from a lost comma, which the model (lower-cased) cannot.
    filled_mark: FilledMark,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FilledMark {
    None,
    FullStop,
    Comma,
}

/// A filled full stop before a word in lower case ("theo. nếu"): sentences start with a
/// capital. In the shipped in-domain text and the held-out law lines 2.3% of the words
/// after a full stop are in lower case (log10 -1.63), and 8% of those after a comma are
/// capitals (-1.09, names); the model, lower-cased, cannot tell.
const LOWER_AFTER_FILLED_STOP: f32 = -1.6;
/// A filled comma before a capital ("chung, Thời gian").
const UPPER_AFTER_FILLED_COMMA: f32 = -1.1;

impl Cand {
    /// The filled mark the spelling of `len` chars ends with.
    fn filled_mark(&self, len: usize) -> FilledMark {
        match self.fills.last() {
            Some(&(k, '.')) if k + 1 == len => FilledMark::FullStop,
            Some(&(k, ',')) if k + 1 == len => FilledMark::Comma,
            _ => FilledMark::None,
        }
    }

    /// The spelling's first char, `visible` unless it was filled.
    fn first_char(&self, visible: Option<char>) -> Option<char> {
        match visible {
            Some(' ') | None => self.fills.first().filter(|f| f.0 == 0).map(|f| f.1),
            c => c,
        }
    }
}

/// What a word's case says about the mark filled before it.
fn case_after_mark(mark: FilledMark, first: Option<char>) -> f32 {
    match (mark, first) {
        (FilledMark::FullStop, Some(c)) if c.is_lowercase() => LOWER_AFTER_FILLED_STOP,
        (FilledMark::Comma, Some(c)) if c.is_uppercase() => UPPER_AFTER_FILLED_COMMA,
        _ => 0.0,
    }
}

/// Restores one damaged line; `ctx` is the model context carried from the previous line
/// and is updated to this line's last two tokens.
pub fn restore_line(
    line: &str,
    speller: &mut Speller,
    scores: &mut ScoreCache,
    ctx: &mut (u16, u16),
) -> Vec<Fill> {
    let model = Model::get();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let n = chars.len();
    // Boundaries: before the line, every space, after the line. Spaces in long runs (and
    // other whitespace) are fixed real boundaries.
    let mut fixed = vec![false; n];
    let mut i = 0;
    while i < n {
        if chars[i].1 == ' ' {
            let j = (i..n).find(|&j| chars[j].1 != ' ').unwrap_or(n);
            if j - i > speller.longest_lost_run {
                fixed[i..j].iter_mut().for_each(|f| *f = true);
            }
            i = j;
        } else {
            if chars[i].1.is_whitespace() {
                fixed[i] = true;
            }
            i += 1;
        }
    }
    // Boundary positions as char index + 1 of the space (0 = line start, n + 1 = line end).
    let mut bounds: Vec<usize> = vec![0];
    bounds.extend(
        (0..n)
            .filter(|&k| chars[k].1.is_whitespace())
            .map(|k| k + 1),
    );
    bounds.push(n + 1);
    let last_visible = (0..n).rev().find(|&k| !chars[k].1.is_whitespace());
    let first_visible = (0..n).find(|&k| !chars[k].1.is_whitespace());
    // The per-boundary buffers of the last line, emptied: lines are many and short.
    let mut states = std::mem::take(&mut speller.line_states);
    states.iter_mut().for_each(Vec::clear);
    states.resize_with(bounds.len(), Vec::new);
    states[0].push(State {
        score: 0.0,
        rank: 0.0,
        ctx: *ctx,
        back: None,
        filled_mark: FilledMark::None,
    });
    let mut cands: Vec<Vec<(usize, std::rc::Rc<Vec<Cand>>)>> =
        (0..bounds.len()).map(|_| Vec::new()).collect();
    // Per boundary, the best score reached there so far less STATE_MARGIN: states below it
    // would be pruned anyway.
    let mut floors = vec![f32::NEG_INFINITY; bounds.len()];
    // Per boundary, the best contexts reached there: once BEAM of them score above a
    // state, pruning would drop it. Not at the line's end, whose every state weighs in the
    // fills' confidence.
    let mut leaders = vec![beam::Leaders::<BEAM>::default(); bounds.len()];
    let mut lookahead = std::mem::take(&mut speller.lookahead);
    lookahead.start(bounds.len());
    for ai in 0..bounds.len() - 1 {
        prune_states(&mut states[ai]);
        if states[ai].is_empty() {
            continue;
        }
        let start = bounds[ai]; // first char of the token
        let (done, ahead) = states.split_at_mut(ai + 1);
        let from = &done[ai];
        let spans = lookahead.tokens_at(ai, || tokens_from(ai, &bounds, &chars, &fixed, speller));
        for (bi, spelled) in spans.iter() {
            let (bi, spelled) = (*bi, spelled.clone());
            let end = bounds[bi] - 1; // the token is chars[start..end]
            let empty = start == end;
            let inside = first_visible.is_some_and(|f| start > f)
                && last_visible.is_some_and(|l| end <= l)
                && bi < bounds.len() - 1
                && !fixed[end];
            // The empty token after the line's last char, a space read as a real one.
            let after_trailing_space = start == n && chars.last().is_some_and(|c| c.1 == ' ');
            let extra = if empty && inside {
                DOUBLE_SPACE
            } else if empty && after_trailing_space {
                speller.trailing_space
            } else {
                0.0
            };
            let slot = cands[bi].len();
            let to = &mut ahead[bi - ai - 1];
            let floor = &mut floors[bi];
            let leaders = &mut leaders[bi];
            let at_line_end = bi == bounds.len() - 1;
            let visible_first = (start < end).then(|| chars[start].1);
            let next = if at_line_end {
                None
            } else {
                let spans =
                    lookahead.tokens_at(bi, || tokens_from(bi, &bounds, &chars, &fixed, speller));
                lookahead.next_best(bi, &spans)
            };
            for (si, st) in from.iter().enumerate() {
                for (ci, cand) in spelled.iter().enumerate() {
                    let mut score = st.score + cand.cost + extra;
                    if st.filled_mark != FilledMark::None {
                        score += case_after_mark(st.filled_mark, cand.first_char(visible_first));
                    }
                    // The model's terms and the next token's only lower the score: skip what
                    // pruning would drop, before looking them up.
                    if score < *floor {
                        continue;
                    }
                    // What the next token adds depends on the spelling's last word alone (or
                    // the state's, for an empty token): known before the model's terms.
                    let ahead = match &next {
                        Some(next) => {
                            let last = cand.ids.last().copied().unwrap_or(st.ctx.1);
                            lookahead.best_after(bi, last, next, scores, model)
                        }
                        None => 0.0,
                    };
                    if score + ahead < *floor {
                        continue;
                    }
                    let mut c = st.ctx;
                    for &w in &cand.ids {
                        score += scores.logp(model, c.0, c.1, w);
                        c = (c.1, w);
                    }
                    let rank = score + ahead;
                    if rank < *floor {
                        continue;
                    }
                    *floor = floor.max(rank - STATE_MARGIN);
                    if !at_line_end {
                        if let Some(beaten) = leaders.add(c, rank) {
                            *floor = floor.max(beaten);
                        }
                    }
                    to.push(State {
                        score,
                        rank,
                        ctx: c,
                        back: Some((ai, si, slot * 1024 + ci)),
                        filled_mark: cand.filled_mark(end - start),
                    });
                }
            }
            cands[bi].push((ai, spelled));
        }
    }
    let last = bounds.len() - 1;
    // A line either ends its sentence (the model's </s>) or wraps on to the next line.
    for st in states[last].iter_mut() {
        st.score += scores
            .logp(model, st.ctx.0, st.ctx.1, lm::EOS)
            .max(speller.line_wrap);
        st.rank = st.score;
    }
    speller.lookahead = lookahead;
    let all_final = states[last].clone();
    prune_states(&mut states[last]);
    let Some(best) = states[last].first().copied() else {
        speller.line_states = states;
        return Vec::new();
    };
    *ctx = next_line_context(best.ctx, model);
    // Confidence of each token on the best path: the weight of the states at its end
    // boundary that spelled the same span the same way.
    let mut out = Vec::new();
    let (mut bi, mut st) = (last, best);
    let mut pool: &[State] = &all_final;
    while let Some((ai, si, code)) = st.back {
        let (slot, ci) = (code / 1024, code % 1024);
        let top = pool.iter().map(|s| s.rank).fold(f32::MIN, f32::max);
        let weight = |s: &State| 10f32.powf((s.rank - top).max(-30.0));
        let total: f32 = pool.iter().map(weight).sum();
        let agree: f32 = pool
            .iter()
            .filter(|s| s.back.is_some_and(|(a, _, cc)| a == ai && cc == code))
            .map(weight)
            .sum();
        let confidence = if total > 0.0 {
            (agree / total).clamp(0.0, 1.0)
        } else {
            0.0
        };
        if let Some((_, spelled)) = cands[bi].get(slot) {
            if let Some(cand) = spelled.get(ci) {
                for &(k, ch) in &cand.fills {
                    let Some(&(at, _)) = chars.get(bounds[ai] + k) else {
                        continue;
                    };
                    out.push(Fill { at, ch, confidence });
                }
            }
        }
        let Some(prev) = states[ai].get(si).copied() else {
            break;
        };
        bi = ai;
        st = prev;
        pool = &states[ai];
    }
    speller.line_states = states;
    out.sort_by_key(|f| f.at);
    out
}

/// The model context a line hands to the next: the model was trained on lines that start
/// afresh, so after a line ending its sentence the next one starts from `<s> <s>`.
pub fn next_line_context(ctx: (u16, u16), model: &Model) -> (u16, u16) {
    if ['.', ';', ':', '!', '?']
        .iter()
        .any(|&c| model.punct_id(c) == ctx.1)
    {
        (lm::BOS, lm::BOS)
    } else {
        ctx
    }
}

/// Keeps the best state per model context, then the best [`BEAM`].
fn prune_states(states: &mut Vec<State>) {
    let Some(top) = states.iter().map(|s| s.rank).max_by(f32::total_cmp) else {
        return;
    };
    states.retain(|s| s.rank >= top - STATE_MARGIN);
    // Best first; ties go to the earlier back pointer, so the order is total and the
    // partial sort keeps what a full sort would.
    let order = |a: &State, b: &State| b.rank.total_cmp(&a.rank).then(a.back.cmp(&b.back));
    beam::keep_best_per_context(states, order, |s| s.ctx, BEAM);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::restore::vocabulary::BatchVocabulary;

    /// The states a full sort by rank would keep: the best of each context, then the best
    /// BEAM.
    fn kept_by_full_sort(states: &[State]) -> Vec<Option<(usize, usize, usize)>> {
        let mut all = states.to_vec();
        let top = all.iter().map(|s| s.rank).fold(f32::MIN, f32::max);
        all.retain(|s| s.rank >= top - STATE_MARGIN);
        all.sort_by(|a, b| b.rank.total_cmp(&a.rank).then(a.back.cmp(&b.back)));
        let mut kept: Vec<State> = Vec::new();
        for s in all {
            if kept.len() < BEAM && !kept.iter().any(|k| k.ctx == s.ctx) {
                kept.push(s);
            }
        }
        kept.iter().map(|s| s.back).collect()
    }

    proptest::proptest! {
        #[test]
        fn pruning_keeps_what_a_full_sort_keeps(
            raw in proptest::collection::vec((0u16..12, 0u16..3, -60i32..0), 0..300)
        ) {
            let states: Vec<State> = raw
                .iter()
                .enumerate()
                .map(|(i, &(a, b, rank))| State {
                    // Pruning goes by the rank, whatever the score so far.
                    score: -(rank as f32),
                    rank: rank as f32 / 10.0,
                    ctx: (a, b),
                    back: Some((0, i, 0)),
                    filled_mark: FilledMark::None,
                })
                .collect();
            let expected = kept_by_full_sort(&states);
            let mut pruned = states.clone();
            prune_states(&mut pruned);
            let got: Vec<_> = pruned.iter().map(|s| s.back).collect();
            proptest::prop_assert_eq!(&got, &expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_searched_without_panic(line in "[ a-zA-Zàáạệộơưđ,./0-9\t()%;:-]{0,160}") {
            let lost = LostSet {
                chars: vec![('c', 1.0), ('a', 0.9), ('ệ', 1.0), ('/', 0.8), ('.', 0.7), (',', 0.9), ('x', 0.1)],
            };
            let mut speller = Speller::new(&lost, MIN_LOST_RUN);
            let mut ctx = (lm::BOS, lm::BOS);
            let fills = restore_line(&line, &mut speller, &mut ScoreCache::for_document(None), &mut ctx);
            for f in fills {
                proptest::prop_assert_eq!(line.as_bytes().get(f.at), Some(&b' '));
                proptest::prop_assert!((0.0..=1.0).contains(&f.confidence));
            }
        }
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
    fn no_syllable_is_longer_than_the_prefilter_allows() {
        let longest = Syllables::get().iter().map(|s| s.chars().count()).max();
        assert_eq!(longest, Some(MAX_SYLLABLE_LETTERS));
    }

    #[test]
    fn a_span_whose_letters_start_where_no_syllable_has_them_is_not_spelled() {
        let span = |s: &str| s.char_indices().collect::<Vec<_>>();
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
        let span = |s: &str| s.char_indices().collect::<Vec<_>>();
        assert_eq!(marks_only_at_tail(&span("ngh  n ")), Some(5));
        assert_eq!(marks_only_at_tail(&span("Tr ng")), Some(4));
        // Abbreviations, numbers and references take marks inside.
        assert_eq!(marks_only_at_tail(&span("TP HCM")), None);
        assert_eq!(marks_only_at_tail(&span("111 2013")), None);
        assert_eq!(marks_only_at_tail(&span("   ")), None);
    }

    #[test]
    fn a_span_of_small_letters_too_long_for_one_word_is_not_spelled() {
        let span = |s: &str| s.char_indices().collect::<Vec<_>>();
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
        assert!(!well_formed_reference("53/1999,QĐ-TTg"));
        assert!(!well_formed_reference("12/-CP"));
        assert!(well_formed_reference("1.234/UBND-VP"));
        assert!(!well_formed_reference("1.23/UBND-VP"));
        assert!(!well_formed_reference("1/234/UBND-VP"));
    }

    #[test]
    fn longer_space_runs_count_as_lost_glyphs_only_where_much_was_lost() {
        let model = Model::get();
        let set = |chars: &str| LostSet {
            chars: chars.chars().map(|c| (c, 1.0)).collect(),
        };
        let mild = set("ỹẵ");
        let harsh = set("aehilotnc");
        assert_eq!(mild.longest_lost_run(model, 20_000), MIN_LOST_RUN);
        let long = harsh.longest_lost_run(model, 20_000);
        assert!((11..=MAX_LOST_RUN).contains(&long), "{long}");
        assert!(harsh.longest_lost_run(model, 300) < long);
    }

    #[test]
    fn a_last_space_is_a_lost_full_stop_where_lines_end_without_one() {
        let lost = LostSet {
            chars: vec![('h', 1.0), ('.', 0.8), (',', 0.8)],
        };
        let line = "Tổ c ức, cá n ân t u mua  àng  oá nông sản c ưa qua c ế biến ";
        let restored = |speller: &mut Speller| {
            let mut ctx = (lm::BOS, lm::BOS);
            let mut chars: Vec<char> = line.chars().collect();
            for f in restore_line(line, speller, &mut ScoreCache::for_document(None), &mut ctx) {
                let k = line[..f.at].chars().count();
                chars[k] = f.ch;
            }
            chars.into_iter().collect::<String>()
        };
        let paragraphs = restored(&mut Speller::new(&lost, MIN_LOST_RUN).lines_end_without_space());
        assert!(paragraphs.ends_with("biến."), "{paragraphs}");
        assert!(
            paragraphs.starts_with("Tổ chức, cá nhân thu mua hàng hoá"),
            "{paragraphs}"
        );
        let pdf_lines = restored(&mut Speller::new(&lost, MIN_LOST_RUN));
        assert!(pdf_lines.ends_with("biến "), "{pdf_lines}");
    }

    /// The line with the restorer's fills put in, scored as the restorer does (the model
    /// with the shipped in-domain counts).
    fn spelled_back(line: &str, lost: &[(char, f32)]) -> String {
        let lost = LostSet {
            chars: lost.to_vec(),
        };
        let mut speller = Speller::new(&lost, MIN_LOST_RUN);
        let mut ctx = (lm::BOS, lm::BOS);
        let fills = restore_line(
            line,
            &mut speller,
            &mut ScoreCache::for_document(Some(BatchVocabulary::domain())),
            &mut ctx,
        );
        let mut out: Vec<char> = line.chars().collect();
        let offsets: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
        for f in &fills {
            if let Some(k) = offsets.iter().position(|&o| o == f.at) {
                out[k] = f.ch;
            }
            assert!((0.0..=1.0).contains(&f.confidence));
        }
        out.into_iter().collect()
    }

    #[test]
    fn a_damaged_line_is_spelled_back() {
        let lost = [
            ('c', 1.0),
            ('b', 1.0),
            ('a', 1.0),
            ('ệ', 1.0),
            ('á', 1.0),
            ('/', 1.0),
            ('.', 1.0),
        ];
        let line = "Thự  hi n   o   o theo Nghị định số 111 2013 NĐ-CP ngày 30 9 2013 với 1 587 000 000 đồng";
        let out = spelled_back(line, &lost);
        assert!(out.starts_with("Thực hiện báo cáo"), "{out}");
        assert!(out.contains("111/2013/NĐ-CP"), "{out}");
        assert!(out.contains("ngày 30/9/2013"), "{out}");
        assert!(out.ends_with("1.587.000.000 đồng"), "{out}");
        let out = spelled_back("Công văn số 1 234 SLĐTBXH-VP với 1 000 000 000 đồng", &lost);
        assert!(out.contains("số 1.234/SLĐTBXH-VP"), "{out}");
        assert!(out.ends_with("1.000.000.000 đồng"), "{out}");
    }

    #[test]
    fn the_next_word_s_case_tells_a_lost_full_stop_from_a_lost_comma() {
        let lost = [('.', 1.0), (',', 1.0)];
        let out = spelled_back(
            "Hàng hóa bị rò rỉ  hao hụt so với kế hoạch đã giao  Trong đó nhiều địa phương",
            &lost,
        );
        assert!(out.contains("rò rỉ, hao hụt"), "{out}");
        assert!(out.contains("đã giao. Trong đó"), "{out}");
    }

    #[test]
    fn a_section_number_and_grouped_thousands_get_their_dots_back() {
        let lost = [('.', 1.0), (',', 1.0)];
        let out = spelled_back("1 2- Hóa đơn có giá trị dưới 100 000 đồng mỗi lần", &lost);
        assert!(out.starts_with("1.2- Hóa đơn"), "{out}");
        assert!(out.contains("dưới 100.000 đồng"), "{out}");
    }
}

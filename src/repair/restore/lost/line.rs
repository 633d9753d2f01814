//! The search over one damaged line: at each boundary a space may be real, and the tokens
//! between real spaces take the spellings of [`super::spell`]; a Viterbi search scored by
//! the trigram model keeps the best few model contexts per boundary, ranked with the best
//! the next token adds, and gives each fill the share of the ranked mass that agrees.

use super::spell::{
    fill_after_closing_mark, letters_only_too_long, Cand, Speller, SyllableInfixes, TokenIds,
    MAX_FILLS_IN_TOKEN, MAX_TOKEN_CHARS,
};
use super::{Fill, LostSet};
use crate::repair::restore::accents::NAME_GAIN;
use crate::repair::restore::beam;
use crate::repair::restore::lexicon::Lexicon;
use crate::repair::restore::lm::{self, Model, ScoreCache};
use crate::repair::restore::syllable::FxBuild;
use smallvec::SmallVec;
use std::collections::HashMap;

/// Model contexts kept per real-space boundary.
const BEAM: usize = 8;
/// States scoring this much (log10) below the best at a boundary are dropped.
const STATE_MARGIN: f32 = 5.0;
/// log10 penalty for a real space right after another real space inside a line.
const DOUBLE_SPACE: f32 = -3.5;
/// log10 score of a line that ends without ending its sentence (wraps on), against the
/// model's end-of-line probability: whichever is higher counts.
const LINE_WRAP: f32 = -1.0;
/// The same where lines do not end in a space by habit: such lines are paragraphs (the
/// layout pass has joined hard-wrapped ones), which end their sentence.
const PARAGRAPH_LINE_WRAP: f32 = -2.5;
/// log10 score of a real space after a filled full stop at a line's end, where lines do not
/// end in a space by habit ([`DOUBLE_SPACE`] elsewhere): a sentence's last full stop keeps
/// the space typed after it more often than a word does, and the space cost more than
/// the word "ở" spelt into it ("dự án ở" for "dự án. "). −1.0 measured as −2.0 on dev.
const TRAILING_SPACE_AFTER_FILLED_STOP: f32 = -2.0;

/// The line search for one run of a document's lines: its speller and the buffers it keeps
/// from one line to the next (lines are many and short).
pub struct LineSearch<'l> {
    speller: Speller,
    /// Space runs longer than this are layout.
    longest_lost_run: usize,
    /// log10 cost of reading a line's last space as a real one: nothing where the
    /// document's lines end in a space anyway (text extracted from PDFs), a double space's
    /// cost where they do not (only a lost glyph leaves one there).
    trailing_space: f32,
    /// log10 score of a line that wraps on instead of ending its sentence.
    line_wrap: f32,
    /// The states per boundary of the last line.
    states: Vec<Vec<State>>,
    /// The spellings tried per boundary of the last line (emptied, kept for their room).
    spelled_at: Vec<Vec<SpelledFrom>>,
    /// The look at the next token of the last line.
    lookahead: Lookahead,
    /// The rules' units of figures, which a spelling after a number opens.
    lexicon: &'l Lexicon,
}

impl<'l> LineSearch<'l> {
    /// A search filling spaces with the chars of `lost`, with space runs longer than
    /// `longest_lost_run` read as layout, and the units of `lexicon` after numbers.
    pub fn new(lost: &LostSet, longest_lost_run: usize, lexicon: &'l Lexicon) -> LineSearch<'l> {
        LineSearch {
            lexicon,
            speller: Speller::new(lost),
            longest_lost_run,
            trailing_space: 0.0,
            line_wrap: LINE_WRAP,
            states: Vec::new(),
            spelled_at: Vec::new(),
            lookahead: Lookahead::default(),
        }
    }

    /// Where the document groups thousands by spaces, a comma filled between groups of
    /// digits costs more ([`Speller::groups_by_spaces`]).
    pub fn numbers_grouped_by_spaces(mut self) -> LineSearch<'l> {
        self.speller.groups_by_spaces();
        self
    }

    /// Where the document's lines do not end in a space by habit, a line's last space is
    /// most likely a lost glyph (a final full stop, a closing bracket, a letter), and a
    /// line is a paragraph that ends its sentence.
    pub fn lines_end_without_space(mut self) -> LineSearch<'l> {
        self.trailing_space = DOUBLE_SPACE;
        self.line_wrap = PARAGRAPH_LINE_WRAP;
        self
    }
}

/// What a surname's spelling gains on a line that looks like a person's name
/// ([`name_like`]), against [`NAME_GAIN`] elsewhere: a signature's "Tr n Thị" is Trần,
/// where prose's "Tr n" may well be "Trên".
const NAME_LINE_GAIN: f32 = 2.5;

/// A short line of words alone, opening with a capital, two of them capitalized, not all
/// in capitals: the shape of a signer's name ("Tr n Th  H ng Nhung"), whatever glyphs
/// were lost. Headings in capitals and prose (longer, with marks or figures) are not.
fn name_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace();
    t.chars().next().is_some_and(char::is_uppercase)
        && t.chars().filter(|c| !c.is_whitespace()).count() <= 30
        && t.chars().all(|c| c.is_alphabetic() || c.is_whitespace())
        && t.chars().any(char::is_lowercase)
        && words.filter(|w| w.starts_with(char::is_uppercase)).count() >= 2
}

/// The spellings with those of one word that `gains` raised by `gain`, best first (the
/// same list when none does).
fn gained(
    spelled: std::rc::Rc<Vec<Cand>>,
    gain: f32,
    gains: impl Fn(u16) -> bool,
) -> std::rc::Rc<Vec<Cand>> {
    let one_word = |c: &Cand| c.ids.len() == 1 && gains(c.ids[0]);
    if !spelled.iter().any(one_word) {
        return spelled;
    }
    let mut out: Vec<Cand> = spelled.iter().cloned().collect();
    for c in out.iter_mut().filter(|c| one_word(c)) {
        c.cost += gain;
        c.rank += gain;
        c.reserve = false;
    }
    out.sort_by(|a, b| b.rank.total_cmp(&a.rank));
    std::rc::Rc::new(out)
}

/// What a word that numbers by Roman numerals gains before one ([`before_roman`]).
const ROMAN_GAIN: f32 = 1.5;

/// Whether the chars from `at` open a Roman numeral from I to X standing alone ("III",
/// "IV/2025", "II:").
fn roman_after(chars: &[(usize, char)], at: usize) -> bool {
    const NUMERALS: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    let rest = chars.get(at..).unwrap_or(&[]);
    let len = rest.iter().take_while(|c| c.1.is_alphanumeric()).count();
    let word = rest[..len].iter().map(|c| c.1);
    let next = rest.get(len).map(|c| c.1);
    NUMERALS.iter().any(|n| n.chars().eq(word.clone()))
        && next.map_or(true, |c| {
            c.is_whitespace() || matches!(c, '/' | '.' | ',' | ':' | ';' | ')' | '-')
        })
}

/// The model ids of words that number by Roman numerals: quarters, parts, chapters,
/// sections, annexes (phụ lục), courses, rounds, terms, stages.
fn before_roman(model: &Model) -> &'static [u16] {
    static IDS: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        [
            "quý", "phần", "chương", "mục", "lục", "khóa", "đợt", "kỳ", "kì", "đoạn", "tiết",
        ]
        .iter()
        .filter_map(|w| model.syllable_id(w))
        .collect()
    })
}

/// The tokens that may start at a boundary: (boundary they end at, their spellings).
type TokensFrom = std::rc::Rc<Vec<(usize, std::rc::Rc<Vec<Cand>>)>>;

/// The tokens that may start at boundary `ai` of a line: those of at most
/// [`MAX_FILLS_IN_TOKEN`] lost glyphs and [`MAX_TOKEN_CHARS`] chars, not across a fixed
/// space, that have a spelling.
fn tokens_from(
    ai: usize,
    (bounds, chars, fixed): (&[usize], &[(usize, char)], &[bool]),
    name_line: bool,
    speller: &mut Speller,
    lexicon: &Lexicon,
) -> TokensFrom {
    let start = bounds[ai];
    let mut out = Vec::with_capacity(MAX_FILLS_IN_TOKEN + 1);
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
                || fills_before_symbol(chars, start, end)
                || fill_after_closing_mark(&chars[start..end])
                || !SyllableInfixes::get().may_spell(&chars[start..end]))
        {
            continue;
        }
        let mut spelled = speller.spellings(chars, start..end);
        // A capitalized word before another is likely a name's first ("V  Thành Hưng" is
        // Võ, not Về): its spellings that are surnames gain as in the diacritic search,
        // more on a line shaped like a name.
        let capital = |k: usize| chars.get(k).is_some_and(|c| c.1.is_uppercase());
        if interior > 0 && capital(start) && capital(bounds[bi]) {
            let model = Model::get();
            let gain = if name_line { NAME_LINE_GAIN } else { NAME_GAIN };
            spelled = gained(spelled, gain, |w| lexicon.is_surname(model.word(w)));
        }
        // A word before a Roman numeral names what it numbers ("qu  III/2025" is quý,
        // not qua): the law codes write "Chương II", reports "quý III".
        if interior > 0 && bi < bounds.len() - 1 && roman_after(chars, bounds[bi]) {
            let ids = before_roman(Model::get());
            spelled = gained(spelled, ROMAN_GAIN, |w| ids.contains(&w));
        }
        if !spelled.is_empty() {
            out.push((bi, spelled));
        }
    }
    std::rc::Rc::new(out)
}

/// The spellings of a token and the boundary it starts at.
type SpelledFrom = (usize, std::rc::Rc<Vec<Cand>>);

/// The best spellings of the token after a boundary, as (model tokens, cost), and the
/// number [`Lookahead`] knows the list by.
type NextTokens = (std::rc::Rc<Vec<(TokenIds, f32)>>, u32);

/// Spellings of the next token looked at per context (the best-ranked first).
const LOOKAHEAD_SPELLINGS: usize = 8;

/// What the token after a boundary adds at best to a state's score there: pruning by it
/// keeps a rarer word that its next word confirms ("cai" before "nghiện", which "cái",
/// "tại", "hai" outscore until "nghiện" is read), where a beam comparing the scores so far
/// drops it (dev: +0.2 points, seed-004 excerpt CER 0.029 → 0.021; a beam of 32 without
/// it gains as much for more time). The next token's first word is scored after the
/// state's last word alone, so states ending in the same word share the value. Per line:
/// per boundary, the tokens that may start there and their best spellings; per run of
/// lines, the values, by list of spellings and word before: the same words come after
/// the same words all through a document (over the lost-glyph benchmark's documents three
/// values in five asked for had been asked for before; kept per run of lines, 3% fewer
/// instructions).
#[derive(Default)]
struct Lookahead {
    /// Per boundary, the spans of the tokens that may start there, with their spellings
    /// (shared with the search, which spells them from there).
    tokens: Vec<Option<TokensFrom>>,
    /// Per boundary, the best spellings of those tokens (None inside: none).
    next: Vec<Option<Option<NextTokens>>>,
    /// Each list of best spellings met (tokens, cost's bits), numbered, with the list.
    lists: HashMap<Vec<(TokenIds, u32)>, NextTokens, FxBuild>,
    /// (list number, last token of the context) → value.
    best: HashMap<(u32, u16), f32, FxBuild>,
    /// The counts the values were scored with ([`ScoreCache::tag`]): a document's second
    /// reading scores with its own counts mixed in.
    tag: u64,
}

/// Values [`Lookahead`] keeps before it starts afresh (about 16 bytes each).
const LOOKAHEAD_VALUES: usize = 1 << 18;

impl Lookahead {
    /// Empties the tables for a line of `boundaries` boundaries, scored by `scores`.
    fn start(&mut self, boundaries: usize, scores: &ScoreCache) {
        if self.tag != scores.tag() {
            self.best.clear();
            self.tag = scores.tag();
        }
        self.next.clear();
        self.next.resize(boundaries, None);
        self.tokens.clear();
        self.tokens.resize(boundaries, None);
        // Between lines only: a line's lists keep their numbers while it is searched.
        if self.best.len() > LOOKAHEAD_VALUES || self.lists.len() > LOOKAHEAD_VALUES {
            self.best.clear();
            self.lists.clear();
        }
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
        // Read in place: only the few kept are copied.
        let mut all: SmallVec<[&Cand; 64]> = spans
            .iter()
            .flat_map(|(_, s)| s.iter().take(LOOKAHEAD_SPELLINGS))
            .filter(|c| !c.ids.is_empty())
            .collect();
        all.sort_by(|a, b| b.rank.total_cmp(&a.rank));
        // Spellings the model cannot tell apart (unknown fragments all score as `<unk>`)
        // would take the places of other words: the best of each.
        let mut kept: SmallVec<[&Cand; LOOKAHEAD_SPELLINGS]> = SmallVec::new();
        for c in all {
            if kept.len() == LOOKAHEAD_SPELLINGS {
                break;
            }
            if !kept.iter().any(|k| k.ids == c.ids) {
                kept.push(c);
            }
        }
        let best = (!kept.is_empty()).then(|| {
            let key: SmallVec<[(TokenIds, u32); LOOKAHEAD_SPELLINGS]> = kept
                .iter()
                .map(|c| (TokenIds::from_slice(&c.ids), c.cost.to_bits()))
                .collect();
            if let Some(known) = self.lists.get(key.as_slice()) {
                return known.clone();
            }
            let list = kept
                .iter()
                .map(|c| (TokenIds::from_slice(&c.ids), c.cost))
                .collect();
            let numbered = (std::rc::Rc::new(list), self.lists.len() as u32);
            self.lists.insert(key.into_vec(), numbered.clone());
            numbered
        });
        self.next[bi] = Some(best.clone());
        best
    }

    /// The best score a spelling of `next` adds after a context ending in `last` (its
    /// first word is scored after that word alone).
    fn best_after(
        &mut self,
        last: u16,
        next: &NextTokens,
        scores: &mut ScoreCache,
        model: &Model,
    ) -> f32 {
        let key = (next.1, last);
        if let Some(&v) = self.best.get(&key) {
            return v;
        }
        let mut best = f32::NEG_INFINITY;
        // All the first words' lines at once ([`lm::PairLines`]).
        let lines = scores.lines_after(model, last);
        for (ids, _) in next.0.iter() {
            if let Some(&w) = ids.first() {
                lines.prefetch(w);
            }
        }
        for (ids, cost) in next.0.iter() {
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

/// Whether the first word of `ids` often follows `last` (as a word pair the model stores
/// with log10 P ≥ [`lm::OFTEN_AFTER`]): what a spelling kept in reserve needs to be tried
/// ([`Cand::reserve`]). Dev: −1.5 and −2.5 measured a few positions below −2.0; scoring
/// with the in-domain counts mixed in, alike and slower.
fn follows_often(model: &Model, last: u16, ids: &[u16]) -> bool {
    ids.first().is_some_and(|&w| model.often_follows(last, w))
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
/// A filled comma before a capital ("chung, Thời gian"), unless the capital opens an
/// issuing body's name (dev +7 positions, the 004 excerpt's CER 0.0064 → 0.0061).
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

/// A filled mark inside a date ("ngày, 05, tháng 3"): the aligned date line's double
/// spaces (each costs [`DOUBLE_SPACE`]) invite lost commas there, which dates never have;
/// the model only knows "30 ngày, 15 ngày" and such, far rarer.
const MARK_INSIDE_DATE: f32 = -4.0;

/// What the word after a filled mark says about it: its case, and whether the mark would
/// split a date (`before` is the word the mark follows, `first` and `first_id` the next
/// word's first char and model id).
fn after_mark(
    mark: FilledMark,
    before: u16,
    (first, first_id): (Option<char>, Option<u16>),
    model: &Model,
    lexicon: &Lexicon,
) -> f32 {
    let dates = date_words(model);
    let date_word = |w: u16| w != lm::UNK && dates.contains(&w);
    match (mark, first) {
        (FilledMark::FullStop, Some(c)) if c.is_lowercase() => LOWER_AFTER_FILLED_STOP,
        // Issuing bodies keep their capital inside a sentence ("UBND tỉnh, Sở Tài chính").
        (FilledMark::Comma, Some(c)) if c.is_uppercase() => {
            match first_id.is_some_and(|w| lexicon.opens_agency_id(w)) {
                true => 0.0,
                false => UPPER_AFTER_FILLED_COMMA,
            }
        }
        (FilledMark::None, _) => 0.0,
        (_, Some(c)) if c.is_ascii_digit() && date_word(before) => MARK_INSIDE_DATE,
        _ if before == lm::NUM && first_id.is_some_and(|w| w != dates[0] && date_word(w)) => {
            MARK_INSIDE_DATE
        }
        _ => 0.0,
    }
}

/// What a spelling after a number gains when it opens a unit of the rules' lexicon
/// ("1.234 h " is "hộ", not "họ"): reports count in units the law codes the model learnt
/// from hardly use after a figure. Units that are no syllable ("km") are the model's
/// unknown word and gain nothing.
fn unit_after_number(first: Option<u16>, lexicon: &Lexicon) -> f32 {
    match first {
        Some(w) if lexicon.opens_unit(w) => UNIT_GAIN,
        _ => 0.0,
    }
}

/// log10 gain of [`unit_after_number`]. Chosen on the dev set: 0.5, 1.0 and 1.5 kept
/// 88.6, 89.4 and 90.6% of its quantities (87.2% without) and added 5.4, 6.3 and 7.1%
/// (4.8%); 1.0 gained 4 positions.
const UNIT_GAIN: f32 = 1.0;

/// A decimal comma filled into the number after a word that cites a part of an act
/// ("khoản 1,8" for "khoản 1.8"), or into the first cell of a table's row ("2,1\tSự
/// nghiệp" for "2.1"): the parts of circulars and the rows of tables are numbered 1.1,
/// 1.2, and no part is cited by a decimal.
const DECIMAL_AFTER_SECTION_WORD: f32 = -3.0;

/// The model's ids of the words that cite a part of an act or a document.
fn section_words(model: &Model) -> &'static [u16; 7] {
    static IDS: std::sync::OnceLock<[u16; 7]> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        ["khoản", "điểm", "mục", "điều", "tiết", "phần", "chương"]
            .map(|w| model.syllable_id(w).unwrap_or(lm::UNK))
    })
}

/// What a line's first token gains where its fills make it a section's number and dash
/// ("1 6- Đối tượng" for "1.6-"): the model reads such a token as unknown, as it reads it in
/// clean text. 1.5 and 3.0 measured alike on dev (+3 positions).
const SECTION_NUMBER_GAIN: f32 = 1.5;

/// Whether `token` with `fills` written in is a section's number and its dash ("1.6-").
fn opens_section(token: &[(usize, char)], fills: &[(usize, char)]) -> bool {
    let text: String = token
        .iter()
        .enumerate()
        .map(|(k, &(_, c))| fills.iter().find(|f| f.0 == k).map_or(c, |f| f.1))
        .collect();
    super::spell::section_number(&text)
}

/// Whether `fills` (offsets in `token`) put a comma between two digits.
fn decimal_comma_filled(token: &[(usize, char)], fills: &[(usize, char)]) -> bool {
    let digit = |k: Option<usize>| {
        k.and_then(|k| token.get(k))
            .is_some_and(|&(_, c)| c.is_ascii_digit())
    };
    fills
        .iter()
        .any(|&(k, ch)| ch == ',' && digit(k.checked_sub(1)) && digit(Some(k + 1)))
}

/// The model's ids of "ngày", "tháng" and "năm", in that order.
fn date_words(model: &Model) -> &'static [u16; 3] {
    static IDS: std::sync::OnceLock<[u16; 3]> = std::sync::OnceLock::new();
    IDS.get_or_init(|| ["ngày", "tháng", "năm"].map(|w| model.syllable_id(w).unwrap_or(lm::UNK)))
}

/// Spaces this many or more beside a word in capitals part a header's columns ("ỦY BAN
/// NHÂN DÂN" + gap + "CỘNG HÒA…", "CỤC THỦY LỢI" + gap + tab, "XÃ HỘI" + gap + "Độc lập"),
/// even where lost glyphs may leave longer runs. Fonts lose small letters, so only small
/// words could fill the run; one of four letters and its spaces ("HĐND    UBND", a lost
/// "và") is the most a run between capitals holds.
const COLUMN_GAP_BESIDE_CAPITALS: usize = 6;

/// What stands on one side of a space run, as far as column gaps go.
#[derive(Clone, Copy, PartialEq)]
enum Beside {
    /// No letters before the next whitespace: the line's edge, a tab, a rule "____".
    NoWord,
    /// Two or more letters, all capitals.
    Capitals,
    /// A capital, then small letters ("Độc") or none (one cut off its word: "Đ c lập").
    Capitalised,
    Other,
}

fn beside(word: impl Iterator<Item = char>) -> Beside {
    let (mut capitals, mut small, mut first_capital) = (0, 0, None);
    for c in word {
        if c.is_uppercase() {
            capitals += 1;
        } else if c.is_lowercase() {
            small += 1;
        } else {
            continue;
        }
        first_capital.get_or_insert(c.is_uppercase());
    }
    match (capitals, small) {
        (0, 0) => Beside::NoWord,
        (2.., 0) => Beside::Capitals,
        (1, _) if first_capital == Some(true) => Beside::Capitalised,
        _ => Beside::Other,
    }
}

/// The space run `i..j` is as long as a column gap and has a word in capitals on one side
/// and, on the other, capitals too, a capitalised word or no word.
fn column_gap(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    if j - i < COLUMN_GAP_BESIDE_CAPITALS {
        return false;
    }
    let before = beside(
        chars[..i]
            .iter()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .map(|&(_, c)| c),
    );
    let after = beside(
        chars[j..]
            .iter()
            .take_while(|(_, c)| !c.is_whitespace())
            .map(|&(_, c)| c),
    );
    let open = |b: Beside| b != Beside::Other;
    before == Beside::Capitals && open(after) || after == Beside::Capitals && open(before)
}

/// The spaces after a label's colon and before its figure ("Số:    1520"), or before the
/// slash of a number left blank in a draft ("Số:    /BC-SKHĐT"), pad it: no lost letter
/// stands between them.
fn pads_figure(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    i > 0
        && chars[i - 1].1 == ':'
        && chars
            .get(j)
            .is_some_and(|c| c.1.is_ascii_digit() || c.1 == '/')
}

/// A run of three or more spaces in a date line's slots, as a draft leaves them blank
/// ("Tân An, ngày    tháng   năm 2006"): after "ngày" that follows the place's comma, or
/// after "tháng" that follows such a blank day. Only a figure fills a slot, and figures are
/// never lost, so no word is written there. ("6 tháng     năm" may have lost "đầu".)
fn blank_date_slot(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    if j - i < 3 {
        return false;
    }
    let words: Vec<String> = chars[..i]
        .split(|(_, c)| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .map(|w| w.iter().flat_map(|&(_, c)| c.to_lowercase()).collect())
        .collect();
    let slot_after = match words.as_slice() {
        [last, ..] if last == "ngày" => words.get(1).map_or(true, |w| w.ends_with(',')),
        [last, before] if last == "tháng" => {
            before == "ngày" && {
                let gap_before = chars[..i]
                    .iter()
                    .rev()
                    .skip_while(|(_, c)| !c.is_whitespace())
                    .take_while(|(_, c)| c.is_whitespace())
                    .count();
                gap_before >= 3
            }
        }
        _ => false,
    };
    slot_after && chars.get(j).is_some_and(|c| !c.1.is_ascii_digit())
}

/// The token `start..end` puts lost glyphs after a figure and before a symbol in capitals
/// ("1520   TL-QLCT"), as a word of its own ("1520 ở TL-QLCT") or a mark after the figure
/// ("1520, TL-QLCT"): a number and its symbol have only a slash between them, which joins
/// them into one token, so neither is ever right.
fn fills_before_symbol(chars: &[(usize, char)], start: usize, end: usize) -> bool {
    let span = &chars[start..end];
    let after_figure = match span.iter().rposition(|&(_, c)| c != ' ') {
        Some(last) => span[last].1.is_ascii_digit() && last + 1 < span.len(),
        None => start >= 2 && chars[start - 2].1.is_ascii_digit(),
    };
    // Checked for every span the search spells: the cheap test first, and no allocation.
    if !after_figure {
        return false;
    }
    let word = || {
        chars[(end + 1).min(chars.len())..]
            .iter()
            .map(|&(_, c)| c)
            .skip_while(|&c| c == ' ')
            .take_while(|c| !c.is_whitespace())
    };
    word().any(|c| c == '-')
        && word().filter(|c| c.is_uppercase()).count() >= 2
        && !word().any(char::is_lowercase)
}

/// Restores one damaged line; `ctx` is the model context carried from the previous line
/// and is updated to this line's last two tokens.
pub fn restore_line(
    line: &str,
    search: &mut LineSearch<'_>,
    scores: &mut ScoreCache,
    ctx: &mut (u16, u16),
) -> Vec<Fill> {
    let model = Model::get();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let n = chars.len();
    let name_line = name_like(line);
    // Boundaries: before the line, every space, after the line. Spaces in long runs (and
    // other whitespace) are fixed real boundaries.
    let mut fixed = vec![false; n];
    let mut i = 0;
    while i < n {
        if chars[i].1 == ' ' {
            let j = (i..n).find(|&j| chars[j].1 != ' ').unwrap_or(n);
            // Spaces between a tab and the cell's text pad it ("\t  1 820", "\t  CỘNG HÒA");
            // a lost glyph there is the text's first char, the run's last space.
            let after_tab = i > 0 && chars[i - 1].1 == '\t';
            let pads_cell = after_tab && j - i >= 2 && j < n && !chars[j].1.is_whitespace();
            if pads_figure(&chars, i, j) || column_gap(&chars, i, j) {
                fixed[i..j].iter_mut().for_each(|f| *f = true);
            } else if blank_date_slot(&chars, i, j) {
                // The run's last space may still be the next word's lost first letter.
                fixed[i..j - 1].iter_mut().for_each(|f| *f = true);
            } else if j - i > search.longest_lost_run || pads_cell {
                // A word may end or start with a lost glyph at a column gap ("BỘ TÀI
                // CHÍN" + gap): the run's first space after a char, and its last before
                // one, may still be filled.
                // Never before a capital: "   Hà Nội" read "nHà Nội".
                let from = if i > 0 && !after_tab { i + 1 } else { i };
                let to = if j < n && !chars[j].1.is_uppercase() {
                    j - 1
                } else {
                    j
                };
                fixed[from..to].iter_mut().for_each(|f| *f = true);
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
    let mut states = std::mem::take(&mut search.states);
    states.iter_mut().for_each(Vec::clear);
    states.resize_with(bounds.len(), Vec::new);
    states[0].push(State {
        score: 0.0,
        rank: 0.0,
        ctx: *ctx,
        back: None,
        filled_mark: FilledMark::None,
    });
    // Per boundary, the spellings of the tokens that end there, by the boundary they start at.
    let mut cands = std::mem::take(&mut search.spelled_at);
    cands.iter_mut().for_each(Vec::clear);
    cands.resize_with(bounds.len(), Vec::new);
    // Per boundary, the best score reached there so far less STATE_MARGIN: states below it
    // would be pruned anyway.
    let mut floors = vec![f32::NEG_INFINITY; bounds.len()];
    // Per boundary, the best contexts reached there: once BEAM of them score above a
    // state, pruning would drop it. Not at the line's end, whose every state weighs in the
    // fills' confidence.
    let mut leaders = vec![beam::Leaders::<BEAM>::default(); bounds.len()];
    let mut lookahead = std::mem::take(&mut search.lookahead);
    lookahead.start(bounds.len(), scores);
    let mut ahead_of_spelling: Vec<f32> = Vec::new();
    let mut first_words: Vec<u16> = Vec::new();
    let mut triples_after: Vec<lm::TriplesAfter<'_>> = Vec::new();
    for ai in 0..bounds.len() - 1 {
        prune_states(&mut states[ai]);
        if states[ai].is_empty() {
            continue;
        }
        let start = bounds[ai]; // first char of the token
        let (done, ahead) = states.split_at_mut(ai + 1);
        let from = &done[ai];
        // Each state's context is looked up once for all the words that may follow it.
        triples_after.clear();
        triples_after.extend(
            from.iter()
                .map(|st| model.triples_after(st.ctx.0, st.ctx.1)),
        );
        let spans = lookahead.tokens_at(ai, || {
            tokens_from(
                ai,
                (&bounds, &chars, &fixed),
                name_line,
                &mut search.speller,
                search.lexicon,
            )
        });
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
                search.trailing_space
            } else {
                0.0
            };
            let slot = cands[bi].len();
            let to = &mut ahead[bi - ai - 1];
            let floor = &mut floors[bi];
            let leaders = &mut leaders[bi];
            let at_line_end = bi == bounds.len() - 1;
            let visible_first = (start < end).then(|| chars[start].1);
            // The token opens its line (no visible char before it), and a table's row where
            // its cell ends at a tab: the row's number ("2.1\tSự nghiệp khoa học").
            let opens_line = first_visible.map_or(true, |f| start <= f);
            let opens_row = opens_line && chars.get(end).is_some_and(|c| c.1 == '\t');
            let next = if at_line_end {
                None
            } else {
                let spans = lookahead.tokens_at(bi, || {
                    tokens_from(
                        bi,
                        (&bounds, &chars, &fixed),
                        name_line,
                        &mut search.speller,
                        search.lexicon,
                    )
                });
                lookahead.next_best(bi, &spans)
            };
            // What the next token adds after each spelling that ends in a word of its own
            // (it depends on that word alone), looked up once per spelling, not per state.
            ahead_of_spelling.clear();
            ahead_of_spelling.resize(spelled.len(), f32::NAN);
            // The spellings' first words, whose scores after each state are asked for
            // before they are scored (not those kept in reserve: most go unscored).
            first_words.clear();
            first_words.extend(
                spelled
                    .iter()
                    .filter(|c| !c.reserve)
                    .filter_map(|c| c.ids.first().copied()),
            );
            for (si, st) in from.iter().enumerate() {
                // The scores of the words after this state lie in tables far larger than
                // the caches: their lines are asked for at once, not one miss at a time.
                let lines = scores.lines_after(model, st.ctx.1);
                for &w in &first_words {
                    lines.prefetch(w);
                }
                for (ci, cand) in spelled.iter().enumerate() {
                    if cand.reserve && !follows_often(model, st.ctx.1, &cand.ids) {
                        continue;
                    }
                    let mut score = st.score + cand.cost + extra;
                    if opens_line
                        && cand.ids.as_slice() == [lm::UNK]
                        && !cand.fills.is_empty()
                        && opens_section(&chars[start..end], &cand.fills)
                    {
                        score += SECTION_NUMBER_GAIN;
                    }
                    // A sentence's last full stop, filled, often keeps a space after it.
                    if empty && after_trailing_space && st.filled_mark == FilledMark::FullStop {
                        score +=
                            (TRAILING_SPACE_AFTER_FILLED_STOP - search.trailing_space).max(0.0);
                    }
                    if st.filled_mark != FilledMark::None {
                        let first = (cand.first_char(visible_first), cand.ids.first().copied());
                        score += after_mark(st.filled_mark, st.ctx.0, first, model, search.lexicon);
                    }
                    // The model's terms and the next token's only lower the score: skip what
                    // pruning would drop, before looking them up.
                    if score < *floor {
                        continue;
                    }
                    // What the next token adds depends on the spelling's last word alone (or
                    // the state's, for an empty token): known before the model's terms.
                    let ahead = match (&next, cand.ids.last()) {
                        (Some(next), Some(&last)) => {
                            let known = &mut ahead_of_spelling[ci];
                            if known.is_nan() {
                                *known = lookahead.best_after(last, next, scores, model);
                            }
                            *known
                        }
                        (Some(next), None) => lookahead.best_after(st.ctx.1, next, scores, model),
                        (None, _) => 0.0,
                    };
                    if score + ahead < *floor {
                        continue;
                    }
                    let mut c = st.ctx;
                    if c.1 == lm::NUM && !cand.fills.is_empty() {
                        score += unit_after_number(cand.ids.first().copied(), search.lexicon);
                    }
                    if decimal_comma_filled(&chars[start..end], &cand.fills)
                        && (opens_row || section_words(model).contains(&c.1))
                    {
                        score += DECIMAL_AFTER_SECTION_WORD;
                    }
                    for (k, &w) in cand.ids.iter().enumerate() {
                        score += match k {
                            0 => scores.logp_after(model, triples_after[si], c.1, w),
                            _ => scores.logp(model, c.0, c.1, w),
                        };
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
            .max(search.line_wrap);
        st.rank = st.score;
    }
    search.lookahead = lookahead;
    let all_final = states[last].clone();
    prune_states(&mut states[last]);
    let Some(best) = states[last].first().copied() else {
        search.states = states;
        search.spelled_at = cands;
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
    search.states = states;
    search.spelled_at = cands;
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
    use crate::repair::restore::lost::MIN_LOST_RUN;
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
            let mut search = LineSearch::new(&lost, MIN_LOST_RUN, Lexicon::builtin());
            let mut ctx = (lm::BOS, lm::BOS);
            let fills = restore_line(&line, &mut search, &mut ScoreCache::for_document(None), &mut ctx);
            for f in fills {
                proptest::prop_assert_eq!(line.as_bytes().get(f.at), Some(&b' '));
                proptest::prop_assert!((0.0..=1.0).contains(&f.confidence));
            }
        }
    }

    #[test]
    fn a_last_space_is_a_lost_full_stop_where_lines_end_without_one() {
        let lost = LostSet {
            chars: vec![('h', 1.0), ('.', 0.8), (',', 0.8)],
        };
        let line = "Tổ c ức, cá n ân t u mua  àng  oá nông sản c ưa qua c ế biến ";
        let restored = |search: &mut LineSearch<'_>| {
            let mut ctx = (lm::BOS, lm::BOS);
            let mut chars: Vec<char> = line.chars().collect();
            for f in restore_line(line, search, &mut ScoreCache::for_document(None), &mut ctx) {
                let k = line[..f.at].chars().count();
                chars[k] = f.ch;
            }
            chars.into_iter().collect::<String>()
        };
        let paragraphs = restored(
            &mut LineSearch::new(&lost, MIN_LOST_RUN, Lexicon::builtin()).lines_end_without_space(),
        );
        assert!(paragraphs.ends_with("biến."), "{paragraphs}");
        assert!(
            paragraphs.starts_with("Tổ chức, cá nhân thu mua hàng hoá"),
            "{paragraphs}"
        );
        let pdf_lines = restored(&mut LineSearch::new(
            &lost,
            MIN_LOST_RUN,
            Lexicon::builtin(),
        ));
        assert!(pdf_lines.ends_with("biến "), "{pdf_lines}");
    }

    #[test]
    fn a_document_grouping_thousands_by_spaces_keeps_them() {
        let lost = LostSet {
            chars: vec![(',', 1.0), ('c', 1.0)],
        };
        let line = "Tổng đàn trâu 3 420 con  đàn bò 11 860 con  đàn lợn 48 300 con.";
        // Commas filled between two digits.
        let decimals = |search: LineSearch<'_>| {
            let mut search = search;
            let fills = restore_line(
                line,
                &mut search,
                &mut ScoreCache::for_document(Some(BatchVocabulary::domain())),
                &mut (lm::BOS, lm::BOS),
            );
            fills
                .iter()
                .filter(|f| f.ch == ',' && line.as_bytes()[f.at - 1].is_ascii_digit())
                .count()
        };
        // Elsewhere "3 420 con" reads as a decimal that lost its comma.
        let plain = LineSearch::new(&lost, MIN_LOST_RUN, Lexicon::builtin());
        assert!(decimals(plain) > 0);
        let grouped =
            LineSearch::new(&lost, MIN_LOST_RUN, Lexicon::builtin()).numbers_grouped_by_spaces();
        assert_eq!(decimals(grouped), 0);
    }

    /// The restorer's fills of one line, scored as the restorer does (the model with the
    /// shipped in-domain counts), space runs up to `longest_run` read as lost glyphs.
    fn fills_of(line: &str, lost: &LostSet, longest_run: usize) -> Vec<Fill> {
        restore_line(
            line,
            &mut LineSearch::new(lost, longest_run, Lexicon::builtin()),
            &mut ScoreCache::for_document(Some(BatchVocabulary::domain())),
            &mut (lm::BOS, lm::BOS),
        )
    }

    /// The line with the restorer's fills put in (see [`fills_of`]).
    fn spelled_back(line: &str, lost: &[(char, f32)]) -> String {
        let lost = LostSet {
            chars: lost.to_vec(),
        };
        let fills = fills_of(line, &lost, MIN_LOST_RUN);
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
    fn a_rare_word_of_lost_glyphs_is_tried_after_a_word_it_follows() {
        // A font that lost most consonants and marks: "chúc" is four spaces, which 32
        // commoner syllables of four lost glyphs outrank on their unigrams ("cách", "hình").
        let set = LostSet::of_all("nhcguđàávệlbịốêềăậóớểồụìổỉòúặữù");
        let mut speller = Speller::new(&set);
        let span: Vec<(usize, char)> = "    ".char_indices().collect();
        let spelled = speller.spellings(&span, 0..4);
        let chuc = Model::get().syllable_id("chúc");
        let at = spelled.iter().position(|c| c.ids.first().copied() == chuc);
        assert!(
            at.is_some_and(|k| spelled[k].reserve),
            "chúc should be kept in reserve, at {at:?}"
        );
        let lost = set.chars;
        let lost_chars: Vec<char> = lost.iter().map(|l| l.0).collect();
        let line = crate::eval::restore::corrupt(
            "Người lập di chúc tuyên bố nội dung của di chúc trước công chứng viên.",
            &lost_chars,
        );
        let out = spelled_back(&line, &lost);
        assert_eq!(out.matches("di chúc").count(), 2, "{out}");
    }

    #[test]
    fn a_capitalized_word_before_another_may_be_a_surname() {
        let lost = [('õ', 1.0), ('ô', 1.0), ('ề', 1.0), ('ủ', 1.0), ('ỗ', 1.0)];
        for (line, want) in [
            ("V  Thành Hưng", "Võ Thành Hưng"),
            ("Ông Ng  Văn Đạt", "Ông Ngô Văn Đạt"),
            ("Đ  Văn Thành", "Đỗ Văn Thành"),
        ] {
            assert_eq!(spelled_back(line, &lost), want);
        }
        // Under a title, the model alone read "Nga Văn Đạt" and "Mùa Xươn Bình".
        let set = LostSet::of_all("ùaiầêươôớờăạ");
        for (title, name, want) in [
            ("TRƯỞNG PHÒNG", "Ng  V n Đạt", "Ngô Văn Đạt"),
            ("KT. CHỦ TỊCH", "M   X  n Bình", "Mai "),
        ] {
            let mut search = LineSearch::new(&set, MIN_LOST_RUN, Lexicon::builtin());
            let mut ctx = (lm::BOS, lm::BOS);
            let mut scores = ScoreCache::for_document(Some(BatchVocabulary::domain()));
            restore_line(title, &mut search, &mut scores, &mut ctx);
            let fills = restore_line(name, &mut search, &mut scores, &mut ctx);
            let mut out: Vec<char> = name.chars().collect();
            let offsets: Vec<usize> = name.char_indices().map(|(i, _)| i).collect();
            for f in &fills {
                if let Some(k) = offsets.iter().position(|&o| o == f.at) {
                    out[k] = f.ch;
                }
            }
            let out: String = out.into_iter().collect();
            assert!(out.starts_with(want), "{out}");
        }
    }

    #[test]
    fn a_word_may_lose_a_glyph_at_a_column_gap() {
        // "Bộ tài chính" with its "h"s lost ends its column with the space of its last
        // letter; the gap after it is layout, and its first space was never read.
        let lost = [('h', 1.0), ('ệ', 1.0)];
        let gap = " ".repeat(30);
        let line = format!("Bộ tài c ín {gap}Cộng  oà xã  ội c ủ ng ĩa Vi t Nam");
        let out = spelled_back(&line, &lost);
        assert!(out.starts_with(&format!("Bộ tài chính{gap}")), "{out}");
        assert!(out.ends_with("Cộng hoà xã hội chủ nghĩa Việt Nam"), "{out}");
        // No fill before a capital after a gap: "H  Nội" is "Hà Nội", never "nHà Nội".
        let lost = [('à', 1.0), ('n', 1.0), ('h', 1.0)];
        let out = spelled_back(
            &format!("Số: 12/UBND{gap}H  Nội, ngày 5 t áng 3 năm 2024"),
            &lost,
        );
        assert!(
            out.ends_with(&format!("{gap}Hà Nội, ngày 5 tháng 3 năm 2024")),
            "{out}"
        );
    }

    #[test]
    fn the_gap_between_two_columns_in_capitals_stays_empty() {
        // A document that lost many small letters reads runs of up to 12 spaces as lost
        // glyphs; the agency's column and the motto's, both in capitals, are still apart.
        let lost = LostSet::of_all("ởnướcharvềtó");
        let line = "ỦY BAN NHÂN DÂN XÃ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        let fills = fills_of(line, &lost, 12);
        assert!(fills.is_empty(), "{fills:?}");
        // A small word lost whole between two symbols in capitals is still read.
        assert!(column_gap(&chars_of("HĐND        UBND"), 4, 12));
        assert!(!column_gap(&chars_of("HĐND    UBND"), 4, 8));
        assert!(!column_gap(&chars_of("Cục Thuế        CỘNG HÒA"), 8, 16));
        // The motto's words start with a capital, whole or cut off ("Đ c lập").
        assert!(column_gap(&chars_of("XÃ HỘI      Độc lập"), 6, 12));
        assert!(column_gap(&chars_of("XÃ HỘI      Đ c lập"), 6, 12));
        assert!(!column_gap(&chars_of("XÃ HỘI      độc lập"), 6, 12));
        // A column in capitals that ends at a tab, and its gap.
        let fills = fills_of("   CỤC THỦY SẢN        \t        ____________", &lost, 12);
        assert!(fills.is_empty(), "{fills:?}");
    }

    #[test]
    fn nothing_but_the_slash_stands_between_a_number_and_its_symbol() {
        // The padding after "Số:" and the spaces before the symbol, with the slash and
        // many letters lost: no word, comma or full stop is written there.
        let lost = LostSet::of_all("/,.ởnướcatố");
        for line in [
            "Số:    2710   SX-KHTC",
            "S :    2710   SX-KHTC",
            "S :    /SX-KHTC",
        ] {
            let fills = fills_of(line, &lost, 12);
            let spelt: String = fills.iter().map(|f| f.ch).collect();
            assert!(
                spelt.chars().all(|c| c == '/' || c == 'ố'),
                "{line}: {fills:?}"
            );
        }
        assert_eq!(
            spelled_back("Số: 2710 SX-KHTC", &[('/', 1.0)]),
            "Số: 2710/SX-KHTC"
        );
    }

    fn chars_of(s: &str) -> Vec<(usize, char)> {
        s.char_indices().collect()
    }

    #[test]
    fn the_next_word_confirms_a_rare_one_even_when_it_lost_glyphs_too() {
        // A font that lost sixty chars: "cai nghiện" is "c   ng  ện". Among the next
        // token's spellings, three unknown fragments ranked above "nghiện" and had pushed
        // it out of the look-ahead, so "của" won.
        let lost = LostSet::of_all("htiđapoư.lảếềợủdêậâôìự/ặứớxồừòăeổởầữẩýọỏùéỉĩắằ").chars;
        let out = spelled_back("công tác c   ng  ện", &lost);
        assert_eq!(out, "công tác cai nghiện");
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
    fn a_cited_part_and_a_table_row_are_numbered_with_a_dot() {
        // The comma lost more often than the full stop: a decimal comma would cost less.
        let lost = [('.', 0.3), (',', 1.0)];
        let out = spelled_back(
            "theo quy định tại khoản 1 11 mục VI Phần B Thông tư này",
            &lost,
        );
        assert!(out.contains("khoản 1.11 mục VI"), "{out}");
        // The number of a table's row, in its first cell.
        let out = spelled_back("\t2 1\tSự nghiệp khoa học\t120\t95", &lost);
        assert!(out.starts_with("\t2.1\tSự nghiệp"), "{out}");
    }

    #[test]
    fn a_filled_full_stop_may_keep_a_space_after_it_at_a_line_s_end() {
        let lost = LostSet::of_all(".ở");
        let line = "Cục Hải quan các tỉnh có trách nhiệm theo dõi cho từng dự án  ";
        let fills = restore_line(
            line,
            &mut LineSearch::new(&lost, MIN_LOST_RUN, Lexicon::builtin()).lines_end_without_space(),
            &mut ScoreCache::for_document(Some(BatchVocabulary::domain())),
            &mut (lm::BOS, lm::BOS),
        );
        let filled: Vec<char> = fills.iter().map(|f| f.ch).collect();
        assert_eq!(filled, ['.'], "{fills:?}");
    }

    #[test]
    fn a_line_may_open_with_a_section_s_number_and_dash() {
        let lost = [('.', 1.0), (',', 1.0)];
        let out = spelled_back("1 6- Đối tượng sử dụng hoá đơn tự in", &lost);
        assert!(out.starts_with("1.6- Đối tượng"), "{out}");
    }

    #[test]
    fn a_lost_comma_may_stand_before_an_issuing_body_s_capital() {
        let lost = [('.', 1.0), (',', 1.0)];
        let out = spelled_back(
            "Nơi nhận: UBND tỉnh  Sở Tài chính  Cục Thuế  Kho bạc Nhà nước tỉnh  Lưu VT",
            &lost,
        );
        assert!(out.contains("tỉnh, Sở Tài chính, Cục Thuế,"), "{out}");
    }

    #[test]
    fn a_section_number_and_grouped_thousands_get_their_dots_back() {
        let lost = [('.', 1.0), (',', 1.0)];
        let out = spelled_back("1 2- Hóa đơn có giá trị dưới 100 000 đồng mỗi lần", &lost);
        assert!(out.starts_with("1.2- Hóa đơn"), "{out}");
        assert!(out.contains("dưới 100.000 đồng"), "{out}");
    }

    #[test]
    fn a_signers_name_line_is_told_from_headings_and_prose() {
        assert!(name_like("Tr n Th  H ng Nhung"));
        assert!(name_like("  Võ Th nh Hưng"));
        assert!(!name_like("GIÁM ĐỐC"));
        assert!(!name_like("Kính gửi: Sở Tài chính"));
        assert!(!name_like("Trong n m 2031 các đơn vị đã"));
        assert!(!name_like("Các đơn vị triển khai thực hiện kế hoạch này"));
    }

    #[test]
    fn spaces_that_pad_a_cell_after_a_tab_stay_spaces() {
        let lost = [('a', 1.0), ('ở', 1.0), ('t', 1.0), ('ừ', 1.0), (',', 1.0)];
        let line = "  BỘ XÂY DỰNG\t  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        assert_eq!(spelled_back(line, &lost), line);
        let line = "Số:\t  315 ngày 5 tháng 6";
        assert_eq!(spelled_back(line, &lost), line);
    }

    #[test]
    fn no_mark_is_filled_between_a_date_word_and_its_number() {
        let lost = [(',', 1.0), ('.', 0.3), ('g', 0.5)];
        let out = spelled_back("Nam Định  n ày  15  thán   7  năm 2031", &lost);
        assert!(out.contains("ngày  15  tháng  7"), "{out}");
    }

    #[test]
    fn a_day_and_month_left_blank_stay_blank() {
        let lost = LostSet::of_all("àvâhlịbkáyg");
        let fills = fills_of("Tân An, ngày    tháng    năm 2031", &lost, 12);
        assert!(fills.is_empty(), "{fills:?}");
        // The month's word cut after a blank day still gets its letters back.
        let out = spelled_back(
            "Tân An, ngày    t áng 5 năm 2031",
            &[('h', 1.0), ('à', 1.0)],
        );
        assert!(out.ends_with("ngày    tháng 5 năm 2031"), "{out}");
    }

    #[test]
    fn a_word_before_a_roman_numeral_is_what_it_numbers() {
        let lost = [('ý', 1.0), ('a', 1.0), ('ủ', 1.0), ('c', 0.5)];
        let out = spelled_back("Doanh thu dịch vụ qu  III 2031 ước tăng", &lost);
        assert!(out.contains("quý III"), "{out}");
        assert!(roman_after(
            &"Quý IV/2031".char_indices().collect::<Vec<_>>(),
            4
        ));
        assert!(!roman_after(
            &"Quý IVa".char_indices().collect::<Vec<_>>(),
            4
        ));
    }

    #[test]
    fn words_joined_by_a_written_slash_are_spelt_one_by_one() {
        let lost = [('ờ', 1.0), ('t', 1.0)];
        let out = spelled_back("Thu nhập bình quân đạ  5,5 triệu đồng/ngư i/ háng", &lost);
        assert!(out.contains("đồng/người/tháng"), "{out}");
        // A slash is not filled between words to join them.
        let lost = [('/', 1.0), ('ờ', 1.0)];
        let out = spelled_back("mức hỗ trợ cho ngư i dân", &lost);
        assert!(!out.contains('/'), "{out}");
    }

    #[test]
    fn words_joined_by_a_written_hyphen_are_spelt_one_by_one() {
        let lost = [('t', 1.0), ('ô', 1.0), ('&', 0.5)];
        let out = spelled_back("Diễn đàn Việ -Pháp về n ng-lâm nghiệp", &lost);
        assert!(out.contains("Việt-Pháp về nông-lâm"), "{out}");
        // A list item's letter and its hyphen take no mark after them.
        let out = spelled_back("a- Cơ quan thuế  hu  hồi", &lost);
        assert!(out.starts_with("a- Cơ"), "{out}");
    }

    #[test]
    fn a_word_after_a_figure_is_read_as_its_unit() {
        let lost = [('ộ', 1.0), ('ọ', 1.0)];
        let out = spelled_back("Năm 2031 toàn xã có 1.234 h  dùng nước sạch", &lost);
        assert!(out.contains("1.234 hộ dùng"), "{out}");
    }

    #[test]
    fn three_digits_after_a_lost_separator_are_a_thousands_group() {
        // A document whose lost commas outnumber its lost dots.
        let lost = [('.', 0.3), (',', 1.0)];
        let out = spelled_back("Quý II đã hỗ trợ 2 417 hộ gia đình khó khăn", &lost);
        assert!(out.contains("hỗ trợ 2.417 hộ"), "{out}");
    }
}

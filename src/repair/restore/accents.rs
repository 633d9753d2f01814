//! Diacritic restoration for text typed without marks ("Thuc hien ke hoach"): each
//! unaccented syllable may take any marked form that strips to it; a beam search under the
//! trigram model picks the sequence. Runs only on blocks where marks are (almost) absent and
//! nearly every word is a Vietnamese syllable, so English or clean text is left alone (short
//! unmarked blocks too, when the document as a whole is unaccented). Abbreviations that are
//! spelt with Đ (QĐ, LĐTBXH) get it back from a list.

use super::beam::{keep_best_per_context, Leaders};
use super::lexicon::Lexicon;
use super::lm::{self, Model, ScoreCache, BOS};
use super::syllable::{self, Syllables};
use super::vocabulary::dense_count;

const BEAM: usize = 16;
/// Confidence of an abbreviation's restored Đ (from a list, not weighed by the model).
const ABBREVIATION_CONFIDENCE: f32 = 0.9;

/// A word to replace: byte range in the block, new text, confidence.
pub struct Change {
    pub range: std::ops::Range<usize>,
    pub text: String,
    pub confidence: f32,
}

/// A word slot of the block: the token ids before it (fixed), then either a choice among
/// syllable candidates (with the byte range of the core) or a fixed token.
struct Slot {
    before: Vec<u16>,
    choice: Option<(std::ops::Range<usize>, Vec<u16>)>,
    after: Vec<u16>,
    /// A fixed token's own restoration (abbreviations that take Đ): range and new text.
    fixed: Option<(std::ops::Range<usize>, String)>,
}

static ABBREVIATIONS: &str = include_str!("../../../data/lm/abbreviations.txt");

/// Upper-case abbreviations written with Đ, by their plain-D spelling (QD → QĐ), built by
/// scripts/build_lm.py from soe-vinorm's list, leaving out those whose plain spelling is an
/// abbreviation too (ND, nhân dân, beside NĐ).
fn abbreviations_with_d() -> &'static std::collections::HashMap<String, &'static str> {
    static CELL: std::sync::OnceLock<std::collections::HashMap<String, &'static str>> =
        std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        ABBREVIATIONS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| (l.replace('Đ', "D"), l))
            .collect()
    })
}

/// The document-type codes of number symbols spelt with Đ (NĐ, QĐ, HĐ…), by their plain-D
/// spelling, from the lexicon of rules/lexicon.toml (Decree 30/2020, Appendix III). Right
/// after a reference's number they are codes whatever else the letters may abbreviate
/// ("116/2021/ND-CP" is a nghị định, though ND alone may be "nhân dân").
fn doc_type_codes_with_d() -> &'static std::collections::HashMap<String, String> {
    static CELL: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let Ok(rules) = crate::rules::RuleSet::builtin() else {
            return Default::default();
        };
        let codes: std::collections::HashSet<&str> = rules
            .doc_types
            .iter()
            .flat_map(|t| &t.codes)
            .flat_map(|code| code.split('-'))
            .collect();
        // A plain-D spelling that is a type code itself stays: HD is a hướng dẫn, HĐ a
        // hợp đồng.
        codes
            .iter()
            .filter(|code| code.contains('Đ') && !codes.contains(code.replace('Đ', "D").as_str()))
            .map(|code| (code.replace('Đ', "D"), code.to_string()))
            .collect()
    })
}

/// A rate's unit typed without marks ("dong/con", "trieu dong/ho", "nguoi/nam"): each word
/// of it is read on its own, the slash as the mark between them ("dong/", "con"). Other
/// chunks stay whole: codes ("QD/UB", "V/v", "b/c") keep their own reading.
fn per_unit_words(chunk: &str) -> smallvec::SmallVec<[&str; 3]> {
    let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    let unit_words = core.contains('/')
        && core
            .split('/')
            .all(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase()));
    if unit_words {
        chunk.split_inclusive('/').collect()
    } else {
        smallvec::smallvec![chunk]
    }
}

/// Digits grouped as Vietnamese writes amounts: "300.000", "1,5", "25".
fn is_amount(core: &str) -> bool {
    core.starts_with(|c: char| c.is_ascii_digit())
        && core
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// The đồng's abbreviation typed without its bar: "d" right after an amount ("300.000 d")
/// or stuck to one ("50.000d") is "đ"; no Vietnamese word is a lone "d".
fn money_unit(core: &str, after_amount: bool) -> Option<String> {
    if core == "d" && after_amount {
        return Some("đ".to_string());
    }
    let amount = core.strip_suffix('d')?;
    is_amount(amount).then(|| format!("{amount}đ"))
}

/// A code made of an office's initials and an abbreviation spelt with Đ: "SGDDT" is the
/// Sở of GDĐT, "TWDTN" the central committee of ĐTN. The abbreviation must be three letters
/// or more and the initials at most two, without a D of their own.
fn with_office_prefix(
    word: &str,
    table: &std::collections::HashMap<String, &'static str>,
) -> Option<String> {
    if !word.is_ascii() {
        return None;
    }
    (1..=2.min(word.len().saturating_sub(3)))
        .filter(|&k| !word[..k].contains('D'))
        .find_map(|k| table.get(&word[k..]).map(|w| format!("{}{w}", &word[..k])))
}

/// A token such as "303/QD-UBND" with its abbreviations' Đ restored ("303/QĐ-UBND"), if
/// any part changes.
fn abbreviation_marks(core: &str) -> Option<String> {
    let table = abbreviations_with_d();
    let is_reference = core.starts_with(|c: char| c.is_ascii_digit()) && core.contains('/');
    let mut type_code_next = false;
    let mut out = String::with_capacity(core.len() + 4);
    let mut changed = false;
    for part in core.split_inclusive(['-', '/']) {
        // A code may carry a number ("BCD799", the steering committee 799).
        let word = part
            .trim_end_matches(['-', '/'])
            .trim_end_matches(|c: char| c.is_ascii_digit());
        let upper_code = word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
        let as_type_code = (is_reference && type_code_next)
            .then(|| doc_type_codes_with_d().get(word).map(String::as_str))
            .flatten();
        type_code_next = part.ends_with('/') && word.bytes().all(|b| b.is_ascii_digit());
        match as_type_code
            .map(str::to_string)
            .or_else(|| table.get(word).map(|w| w.to_string()))
            .or_else(|| with_office_prefix(word, table))
            .filter(|_| upper_code && word.contains('D'))
        {
            Some(with_d) => {
                out.push_str(&with_d);
                out.push_str(&part[word.len()..]);
                changed = true;
            }
            None => out.push_str(part),
        }
    }
    changed.then_some(out)
}

static NAMES: &str = include_str!("../../../data/lm/names.txt");

/// Person names (`data/lm/names.txt`, built by scripts/build_lm.py): surnames, and the
/// syllables of middle and given names. The restorer's [`Lexicon`] adds the rules' family
/// names and keeps their spellings without marks.
pub(crate) struct Names {
    pub(crate) surnames: std::collections::HashSet<String>,
    pub(crate) syllables: std::collections::HashSet<String>,
}

pub(crate) fn names() -> &'static Names {
    static CELL: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut names = Names {
            surnames: Default::default(),
            syllables: Default::default(),
        };
        for line in NAMES.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            match (cols.next(), cols.next()) {
                (Some("surname"), Some(n)) => names.surnames.insert(syllable::lower(n)),
                (Some("name"), Some(n)) => names.syllables.insert(syllable::lower(n)),
                _ => false,
            };
        }
        names
    })
}

/// log10 gain of a name's syllable in a slot read as part of a person's name: the model
/// knows words, and "Nguyen Cao Lan" read as words is "Nguyễn Cao Lần".
pub(crate) const NAME_GAIN: f32 = 1.5;

/// A word of a signer's position gains this much: a title line typed without marks spells
/// the position, whatever the words' own counts say ("TRUONG PHONG" is "TRƯỞNG PHÒNG",
/// which the model, knowing "trường" and "phong" better, reads "TRƯỜNG PHONG").
const POSITION_GAIN: f32 = 6.0;

/// For each slot, the word a signer's position spells there: on a line (or a column of it:
/// the signature block stands beside "Nơi nhận:") in capitals that opens, after an
/// authority ("KT.") and "PHÓ" or "TỔNG", with the words of a position.
fn position_words<'l>(block: &str, slots: &[Slot], lexicon: &'l Lexicon) -> Vec<Option<&'l str>> {
    let mut out = vec![None; slots.len()];
    let mut i = 0;
    while i < slots.len() {
        let Some((range, _)) = &slots[i].choice else {
            i += 1;
            continue;
        };
        let (line_start, column_end) = column_around(block, range);
        // The slots of this column, from here.
        let mut j = i;
        while j < slots.len()
            && slots[j]
                .choice
                .as_ref()
                .is_some_and(|(r, _)| r.start < column_end)
        {
            j += 1;
        }
        let column = &block[line_start..column_end];
        let opens_line = {
            let before = &block[line_start..range.start];
            before.split_whitespace().all(|w| {
                let w = w.trim_end_matches(['.', ',']);
                w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase() || c == '/')
            })
        };
        if opens_line && !column.chars().any(char::is_lowercase) {
            let bare: Vec<String> = slots[i..j]
                .iter()
                .filter_map(|s| s.choice.as_ref())
                .map(|(r, _)| syllable::strip_marks(&syllable::lower(&block[r.clone()])))
                .collect();
            let skip = bare
                .iter()
                .take_while(|w| matches!(w.as_str(), "pho" | "tong"))
                .count();
            let rest = &bare[skip..];
            if let Some((words, _)) = lexicon
                .signer_positions()
                .iter()
                .find(|(_, b)| rest.len() >= b.len() && rest[..b.len()] == b[..])
            {
                for (k, w) in words.iter().enumerate() {
                    out[i + skip + k] = Some(w.as_str());
                }
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The start and end (byte offsets) of the line of `block` that holds `range`.
fn line_around(block: &str, range: &std::ops::Range<usize>) -> (usize, usize) {
    let start = block[..range.start].rfind('\n').map_or(0, |k| k + 1);
    let end = block[range.end..]
        .find('\n')
        .map_or(block.len(), |k| range.end + k);
    (start, end)
}

/// The start and end (byte offsets) of the column of its line that holds `range`: between
/// the column gaps ([`column_gap_at`]) around it, else the line's ends.
fn column_around(block: &str, range: &std::ops::Range<usize>) -> (usize, usize) {
    let (line_start, line_end) = line_around(block, range);
    let before = &block[line_start..range.start];
    let start = [before.rfind("   "), before.rfind('\t')]
        .into_iter()
        .flatten()
        .max()
        .map_or(line_start, |k| {
            let gap = &before[k..];
            line_start + k + gap.len() - gap.trim_start().len()
        });
    let end = column_gap_at(&block[range.start..line_end]).map_or(line_end, |k| range.start + k);
    (start, end)
}

/// Where the first gap between two columns starts in `text` (three or more spaces, or a
/// tab).
fn column_gap_at(text: &str) -> Option<usize> {
    let spaces = text.find("   ");
    let tab = text.find('\t');
    match (spaces, tab) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// For each slot, whether it opens a header line (or its first column) in capitals and is
/// followed there by another word: the name of an issuing body or of its unit.
fn header_openers(block: &str, slots: &[Slot]) -> Vec<bool> {
    let mut out = vec![false; slots.len()];
    for (i, slot) in slots.iter().enumerate() {
        let Some((range, _)) = &slot.choice else {
            continue;
        };
        let (line_start, line_end) = line_around(block, range);
        // The line's first column: a header puts the motto beside the agency's name.
        let column_end =
            column_gap_at(&block[range.end..line_end]).map_or(line_end, |k| range.end + k);
        let line = &block[line_start..column_end];
        let first_on_line = block[line_start..range.start].trim().is_empty();
        let in_capitals = !line.chars().any(char::is_lowercase);
        let continues = slot.after.is_empty()
            && slots
                .get(i + 1)
                .and_then(|next| next.choice.as_ref())
                .is_some_and(|(r, _)| r.start < column_end && slots[i + 1].before.is_empty());
        out[i] = first_on_line && in_capitals && continues;
    }
    out
}

/// A word capitalized as a name's syllables are ("Nguyen", not "NGUYEN" or "nguyen").
fn title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_uppercase()) && chars.all(|c| c.is_lowercase())
}

/// A slot read as part of a person's name.
#[derive(Debug, Clone, Copy)]
struct NameRole {
    /// The surname, else a middle or given name.
    surname: bool,
    /// What a name's syllable gains there (log10).
    gain: f32,
}

/// What a name's syllable gains in a name that stands alone in its line or column (a
/// signature's "Do Thi Lan" is Đỗ Thị Lan, where prose's may be "đô thị"), against
/// [`NAME_GAIN`] in running text.
const NAME_LINE_GAIN: f32 = 3.5;

/// Whether `range` of `block` is all its line holds, or all of the line's column, but for
/// emphasis marks ("**Lê Văn An**").
fn alone_in_its_column(block: &str, range: std::ops::Range<usize>) -> bool {
    let (start, end) = column_around(block, &range);
    let markup = |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#' | '>' | '|');
    // A run of words across a column gap is no name in one column.
    end >= range.end
        && block[start..range.start].chars().all(markup)
        && block[range.end..end].chars().all(markup)
}

/// For each slot, whether it reads as a person's name, and as which part. A name is two
/// to four title-case words in a row, with nothing between them, whose first is a surname
/// without its marks ("Phan Van Khai", "Dinh Quang Hai").
fn name_roles(block: &str, slots: &[Slot], lexicon: &Lexicon) -> Vec<Option<NameRole>> {
    let names = names();
    let mut roles = vec![None; slots.len()];
    let word = |i: usize| {
        slots[i]
            .choice
            .as_ref()
            .map(|(r, _)| &block[r.clone()])
            .filter(|w| title_case(w))
    };
    let mut i = 0;
    while i < slots.len() {
        let mut end = i;
        while end < slots.len()
            && word(end).is_some()
            && (end == i || slots[end].before.is_empty() && slots[end - 1].after.is_empty())
        {
            end += 1;
        }
        // The name starts at the run's first surname ("Giam doc So Dinh Quang Hai").
        let model = Model::get();
        let surname = |k: usize| {
            word(k).is_some_and(|w| {
                let w = syllable::lower(w);
                lexicon.is_plain_surname(&w)
            })
        };
        // Every word after the surname must be able to spell a name's syllable: "Do Bo
        // Tai chinh" is "Do Bộ Tài chính" (because the Ministry of Finance …), not a name.
        let name_like = |from: usize| {
            (from + 1..end).all(|k| {
                slots[k].choice.as_ref().is_some_and(|(_, cands)| {
                    cands
                        .iter()
                        .any(|&c| names.syllables.contains(model.word(c)))
                })
            })
        };
        // A run alone in its line or column (a signature's) is a name even with a rare
        // given name ("Ta Van Luy").
        let alone = |from: usize| {
            let span = |k: usize| slots[k].choice.as_ref().map(|(r, _)| r.clone());
            match (span(from), span(end - 1)) {
                (Some(a), Some(b)) => alone_in_its_column(block, a.start..b.end),
                _ => false,
            }
        };
        if let Some(first) = (i..end)
            .find(|&k| surname(k) && (2..=4).contains(&(end - k)) && (name_like(k) || alone(k)))
        {
            let gain = if alone(first) {
                NAME_LINE_GAIN
            } else {
                NAME_GAIN
            };
            roles[first] = Some(NameRole {
                surname: true,
                gain,
            });
            for role in &mut roles[first + 1..end] {
                *role = Some(NameRole {
                    surname: false,
                    gain,
                });
            }
        }
        i = end.max(i + 1);
    }
    roles
}

/// A beam hypothesis extended by one slot: score, model context, previous pick, this
/// slot's pick if the slot is a choice, and its place among the slot's expansions (ties
/// keep that order).
type Expansion = (f32, (u16, u16), u32, Option<u16>, u32);

/// Letter words of a block, those with marks, and those that are (or strip to) syllables.
/// Abbreviations (capitals that are no syllable: KT, VT, UBND) are not counted: a
/// signature block ("KT. CHU TICH") or a copy list ("Luu: VT.") is no less Vietnamese for
/// them.
fn word_stats(block: &str) -> (usize, usize, usize) {
    let syl = Syllables::get();
    let (mut words, mut marked, mut valid) = (0usize, 0usize, 0usize);
    for chunk in block.split_whitespace() {
        let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() || !core.chars().all(syllable::is_letter) {
            continue;
        }
        let plausible = syl.is_valid(core)
            || !Model::get()
                .accent_candidates(&syllable::lower(core))
                .is_empty();
        let abbreviation = core.chars().count() >= 2 && !core.chars().any(char::is_lowercase);
        if abbreviation && !plausible {
            continue;
        }
        words += 1;
        if core.chars().any(syllable::has_marks) {
            marked += 1;
        }
        if plausible {
            valid += 1;
        }
    }
    (words, marked, valid)
}

/// Whether a block of text reads as Vietnamese typed without diacritics.
pub fn looks_unaccented(block: &str) -> bool {
    let (words, marked, valid) = word_stats(block);
    words >= 6 && marked * 50 <= words && valid * 100 >= words * 85
}

/// Whether a block, however short, has no marks at all and its words are syllables: in a
/// document that as a whole [`looks_unaccented`], such a block (a heading, a list item) is
/// unaccented too.
pub fn has_no_marks(block: &str) -> bool {
    let (words, marked, valid) = word_stats(block);
    words >= 1 && marked == 0 && valid * 100 >= words * 85
}

fn apply_case(pattern: &str, word: &str) -> String {
    let mut chars = pattern.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let all_upper = first_upper
        && pattern.chars().filter(|&c| syllable::is_letter(c)).count() > 1
        && pattern.chars().all(|c| !c.is_lowercase());
    if all_upper {
        return word.chars().flat_map(char::to_uppercase).collect();
    }
    if first_upper {
        let mut w = word.chars();
        return match w.next() {
            Some(f) => f.to_uppercase().chain(w).collect(),
            None => String::new(),
        };
    }
    word.to_string()
}

/// How often each syllable was picked in a first reading of a document's unaccented blocks:
/// a document names the same things again and again, so a second reading leans towards
/// the forms the first one chose for the same unaccented word.
#[derive(Debug, Default)]
pub struct DocumentForms(Vec<u32>);

/// Weight of the document's own forms against the language model.
const DOCUMENT_FORMS_WEIGHT: f32 = 0.5;

impl DocumentForms {
    pub fn add(&mut self, picks: &[u16]) {
        for &p in picks {
            *dense_count(&mut self.0, p) += 1;
        }
    }

    /// log10 of `cand`'s share among the forms picked for its unaccented word (add-one).
    fn score(&self, cand: u16, cands: &[u16]) -> f32 {
        let n = |c: &u16| self.0.get(*c as usize).copied().unwrap_or(0) as f32 + 1.0;
        let total: f32 = cands.iter().map(n).sum();
        DOCUMENT_FORMS_WEIGHT * (n(&cand) / total).log10()
    }
}

/// Restores the marks of one block; offsets are relative to the block. Returns the
/// changes and the syllable picked for every unaccented word (changed or not).
pub fn restore_block(
    block: &str,
    forms: Option<&DocumentForms>,
    scores: &mut ScoreCache,
) -> (Vec<Change>, Vec<u16>) {
    restore_block_at(block, forms, scores, false, Lexicon::builtin())
}

/// [`restore_block`] for a block that may hold the document's header (`at_top`: it starts
/// among the document's first lines), whose lines in capitals open with an issuing body's
/// name. Further down such lines are titles ("TRUONG PHONG" is TRƯỞNG, not TRƯỜNG, PHÒNG).
pub fn restore_block_at(
    block: &str,
    forms: Option<&DocumentForms>,
    scores: &mut ScoreCache,
    at_top: bool,
    lexicon: &Lexicon,
) -> (Vec<Change>, Vec<u16>) {
    let model = Model::get();
    let mut slots: Vec<Slot> = Vec::new();
    let mut pos = 0;
    // The last chunk was an amount ("300.000"): a lone "d" after it is the đồng's "đ".
    let mut after_amount = false;
    for chunk in block.split_whitespace().flat_map(per_unit_words) {
        let Some(rel) = block[pos..].find(chunk) else {
            continue;
        };
        let start = pos + rel;
        pos = start + chunk.len();
        let lead_len: usize = chunk
            .chars()
            .take_while(|&c| !c.is_alphanumeric())
            .map(char::len_utf8)
            .sum();
        let rest = &chunk[lead_len..];
        let trail_len: usize = rest
            .chars()
            .rev()
            .take_while(|&c| !c.is_alphanumeric())
            .map(char::len_utf8)
            .sum();
        let core = &rest[..rest.len() - trail_len];
        // Marks the model does not know (markdown's `**`, `#`) are left out of its context.
        let known = |id: &u16| *id != lm::UNK;
        let before: Vec<u16> = chunk[..lead_len]
            .chars()
            .map(|c| model.punct_id(c))
            .filter(known)
            .collect();
        let mut after: Vec<u16> = Vec::new();
        model.push_marks(&rest[rest.len() - trail_len..], &mut after);
        after.retain(known);
        let money = money_unit(core, after_amount);
        after_amount = trail_len == 0 && is_amount(core);
        let cands = if money.is_some() {
            Vec::new()
        } else if !core.is_empty() && core.chars().all(|c| c.is_ascii_alphabetic()) {
            model.accent_candidates(&syllable::lower(core)).to_vec()
        } else {
            Vec::new()
        };
        let choice = if cands.is_empty() {
            None
        } else {
            Some((start + lead_len..start + lead_len + core.len(), cands))
        };
        let mut before = before;
        let mut fixed = None;
        if choice.is_none() {
            let read = money.as_deref().unwrap_or(core);
            if let Some(id) = model.classify_core(read) {
                before.push(id);
            }
            let core_start = start + lead_len;
            fixed = money
                .or_else(|| abbreviation_marks(core))
                .map(|t| (core_start..core_start + core.len(), t));
        }
        slots.push(Slot {
            before,
            choice,
            after,
            fixed,
        });
    }
    // Beam search over (score, model context, index of the last pick in `picks`); each
    // pick links to the one before it, so hypotheses share their history.
    let mut picks: Vec<(u32, u16)> = Vec::new();
    const NO_PICK: u32 = u32::MAX;
    let mut beam: Vec<(f32, (u16, u16), u32)> = vec![(0.0, (BOS, BOS), NO_PICK)];
    let mut next: Vec<Expansion> = Vec::new();
    let mut advance = |score: &mut f32, ctx: &mut (u16, u16), w: u16| {
        *score += scores.logp(model, ctx.0, ctx.1, w);
        *ctx = (ctx.1, w);
    };
    let mut bonus: Vec<f32> = Vec::new();
    let roles = name_roles(block, &slots, lexicon);
    let openers = if at_top {
        header_openers(block, &slots)
    } else {
        vec![false; slots.len()]
    };
    let positions = position_words(block, &slots, lexicon);
    let names = names();
    for (((slot, role), opener), position) in slots.iter().zip(&roles).zip(&openers).zip(&positions)
    {
        next.clear();
        // What a candidate gains whatever came before it: the document's forms. (An extra
        // weight on its unigram, worth 0.3 of its log probability while the model's triples
        // backed off with weights that favoured rare words, cost 0.2 points on the dev set
        // once they no longer did.)
        bonus.clear();
        if let Some((_, cands)) = &slot.choice {
            bonus.extend(cands.iter().map(|&cand| {
                let gain = match role {
                    Some(NameRole {
                        surname: true,
                        gain,
                    }) if lexicon.is_surname(model.word(cand)) => *gain,
                    Some(NameRole {
                        surname: false,
                        gain,
                    }) if names.syllables.contains(model.word(cand)) => *gain,
                    None if *opener && lexicon.opens_agency(model.word(cand)) => NAME_GAIN,
                    _ => 0.0,
                };
                let of_position = position.is_some_and(|w| model.word(cand) == w);
                forms.map_or(0.0, |f| f.score(cand, cands))
                    + gain
                    + if of_position { POSITION_GAIN } else { 0.0 }
            }));
        }
        // Once BEAM contexts score above a hypothesis, it cannot survive: every term
        // still to add (model scores and form shares) is a log probability, so
        // it is cut before its model scores are looked up.
        let mut leaders = Leaders::<BEAM>::default();
        let floor = std::cell::Cell::new(f32::NEG_INFINITY);
        let mut keep = |next: &mut Vec<Expansion>, e: (f32, (u16, u16), u32, Option<u16>)| {
            if e.0 >= floor.get() {
                if let Some(beaten) = leaders.add(e.1, e.0) {
                    floor.set(floor.get().max(beaten));
                }
                next.push((e.0, e.1, e.2, e.3, next.len() as u32));
            }
        };
        for &(score, ctx, last) in &beam {
            let (mut s, mut c) = (score, ctx);
            for &w in &slot.before {
                advance(&mut s, &mut c, w);
            }
            match &slot.choice {
                Some((_, cands)) => {
                    for (&cand, &gain) in cands.iter().zip(&bonus) {
                        if s + gain < floor.get() {
                            continue;
                        }
                        let (mut s2, mut c2) = (s, c);
                        advance(&mut s2, &mut c2, cand);
                        s2 += gain;
                        for &w in &slot.after {
                            advance(&mut s2, &mut c2, w);
                        }
                        keep(&mut next, (s2, c2, last, Some(cand)));
                    }
                }
                None => {
                    for &w in &slot.after {
                        advance(&mut s, &mut c, w);
                    }
                    keep(&mut next, (s, c, last, None));
                }
            }
        }
        // Best first, ties in expansion order (as a stable sort leaves them).
        let order = |a: &Expansion, b: &Expansion| b.0.total_cmp(&a.0).then(a.4.cmp(&b.4));
        // Recombine on the model context: the future only depends on it. Only survivors'
        // picks are stored, so memory grows by at most BEAM entries per slot.
        keep_best_per_context(&mut next, order, |e| e.1, BEAM);
        beam.clear();
        for &(score, ctx, last, pick, _) in &next {
            let at = match pick {
                Some(p) => {
                    picks.push((last, p));
                    picks.len() as u32 - 1
                }
                None => last,
            };
            beam.push((score, ctx, at));
        }
    }
    let Some(best) = beam.first() else {
        return (Vec::new(), Vec::new());
    };
    let best_score = best.0;
    // The picks of each final hypothesis, first slot first.
    let histories: Vec<Vec<u16>> = beam
        .iter()
        .map(|h| {
            let mut out = Vec::new();
            let mut at = h.2;
            while let Some(&(prev, pick)) = picks.get(at as usize) {
                out.push(pick);
                at = prev;
            }
            out.reverse();
            out
        })
        .collect();
    let weights: Vec<f32> = beam
        .iter()
        .map(|h| 10f32.powf((h.0 - best_score).max(-30.0)))
        .collect();
    let total: f32 = weights.iter().sum();
    let mut out = Vec::new();
    let mut k = 0;
    for slot in &slots {
        if let Some((range, text)) = &slot.fixed {
            out.push(Change {
                range: range.clone(),
                text: text.clone(),
                confidence: ABBREVIATION_CONFIDENCE,
            });
        }
        let Some((range, _)) = &slot.choice else {
            continue;
        };
        let Some(&pick) = histories[0].get(k) else {
            break;
        };
        let agree: f32 = histories
            .iter()
            .zip(&weights)
            .filter(|(h, _)| h.get(k) == Some(&pick))
            .map(|(_, w)| w)
            .sum();
        k += 1;
        let original = &block[range.clone()];
        let word = apply_case(original, model.word(pick));
        if word != original {
            out.push(Change {
                range: range.clone(),
                text: word,
                confidence: (agree / total).clamp(0.0, 1.0),
            });
        }
    }
    let picks = histories.into_iter().next().unwrap_or_default();
    (out, picks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_get_their_d_bar_back() {
        assert_eq!(
            abbreviation_marks("303/QD-UBND").as_deref(),
            Some("303/QĐ-UBND")
        );
        assert_eq!(abbreviation_marks("LDTBXH").as_deref(), Some("LĐTBXH"));
        // ND is nhân dân as well as Nghị định: left alone.
        assert_eq!(abbreviation_marks("ND-CP"), None);
        assert_eq!(
            abbreviation_marks("116/2021/ND-CP").as_deref(),
            Some("116/2021/NĐ-CP")
        );
        assert_eq!(
            abbreviation_marks("12/NQ-HDND").as_deref(),
            Some("12/NQ-HĐND")
        );
        // Only right after the number: "ND" further on is no type code.
        assert_eq!(abbreviation_marks("5/KH-ND"), None);
        assert_eq!(abbreviation_marks("UBND"), None);
        assert_eq!(
            abbreviation_marks("16/KH-BCD799").as_deref(),
            Some("16/KH-BCĐ799")
        );
        // An office's initials before an abbreviation; HD is a hướng dẫn, not a hợp đồng.
        assert_eq!(
            abbreviation_marks("4127/HD-SGDDT").as_deref(),
            Some("4127/HD-SGDĐT")
        );
        assert_eq!(abbreviation_marks("BGDDT").as_deref(), Some("BGDĐT"));
        assert_eq!(abbreviation_marks("đau"), None);
    }

    #[test]
    fn a_document_leans_towards_the_forms_it_picked() {
        let model = Model::get();
        let cands = model.accent_candidates("so").to_vec();
        let (so, sở) = (
            model.syllable_id("số").unwrap(),
            model.syllable_id("sở").unwrap(),
        );
        let mut forms = DocumentForms::default();
        forms.add(&[sở, sở, sở, so]);
        assert!(forms.score(sở, &cands) > forms.score(so, &cands));
        // No picks: every form alike.
        let none = DocumentForms::default();
        assert_eq!(none.score(sở, &cands), none.score(so, &cands));
    }

    #[test]
    fn unaccented_text_is_detected_and_restored() {
        let s =
            "Thuc hien ke hoach cua Uy ban nhan dan tinh ve cong tac cai nghien ma tuy nam 2021";
        assert!(looks_unaccented(s));
        let (changes, _) = restore_block(s, None, &mut ScoreCache::for_document(None));
        assert!(changes.len() >= 8, "only {} words changed", changes.len());
        assert!(!looks_unaccented(
            "Thực hiện kế hoạch của Ủy ban nhân dân tỉnh về công tác"
        ));
        assert!(!looks_unaccented(
            "The quick brown fox jumps over the lazy dog again"
        ));
    }

    /// A block restored with the counts `batch`, its changes applied.
    fn applied(
        block: &str,
        batch: Option<&crate::repair::restore::vocabulary::BatchVocabulary>,
        at_top: bool,
    ) -> String {
        let mut scores = ScoreCache::for_document(batch);
        let (changes, _) = restore_block_at(block, None, &mut scores, at_top, Lexicon::builtin());
        let mut out = block.to_string();
        for c in changes.iter().rev() {
            out.replace_range(c.range.clone(), &c.text);
        }
        out
    }

    #[test]
    fn a_header_line_in_capitals_opens_with_an_issuing_body() {
        let domain = crate::repair::restore::vocabulary::BatchVocabulary::domain();
        let restored = |s: &str, at_top: bool| applied(s, Some(domain), at_top);
        assert_eq!(
            restored("UBND TINH AN GIANG\nSO NOI VU", true),
            "UBND TỈNH AN GIANG\nSỞ NỘI VỤ"
        );
        // Also with the motto beside it, across a column gap.
        let gap = " ".repeat(30);
        assert_eq!(
            restored(
                &format!("UBND TINH KIEN LAM{gap}CONG HOA\nSO NOI VU{gap}Doc lap - Tu do"),
                true
            ),
            format!("UBND TỈNH KIÊN LÂM{gap}CỘNG HÒA\nSỞ NỘI VỤ{gap}Độc lập - Tự do")
        );
        // Lower down, a line in capitals is a title: "TRUONG PHONG" is the head of a
        // department, not a school.
        assert!(restored("TL. GIAM DOC\nTRUONG PHONG GIAO DUC", false)
            .ends_with("TRƯỞNG PHÒNG GIÁO DỤC"));
    }

    #[test]
    fn a_title_line_typed_without_marks_spells_the_signers_position() {
        let domain = crate::repair::restore::vocabulary::BatchVocabulary::domain();
        let restored = |s: &str| applied(s, Some(domain), false);
        assert_eq!(restored("TRUONG PHONG"), "TRƯỞNG PHÒNG");
        assert_eq!(
            restored("KT. BO TRUONG\nTHU TRUONG"),
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG"
        );
        assert_eq!(restored("PHO TRUONG PHONG"), "PHÓ TRƯỞNG PHÒNG");
        // Only a line in capitals that opens with the position: running text is the
        // model's ("thủ trưởng cơ quan", an agency's head, where the title line's gain
        // would write "thứ trưởng", a deputy minister).
        assert_eq!(restored("THU TRUONG CO QUAN"), "THỨ TRƯỞNG CƠ QUAN");
        assert_eq!(restored("thu truong co quan"), "thủ trưởng cơ quan");
        // The signature block beside "Nơi nhận:", past a column gap.
        let gap = " ".repeat(20);
        assert_eq!(
            restored(&format!(
                "Noi nhan:{gap}KT. TRUONG BAN\n- Luu VT.{gap}PHO TRUONG BAN"
            )),
            format!("Nơi nhận:{gap}KT. TRƯỞNG BAN\n- Lưu VT.{gap}PHÓ TRƯỞNG BAN")
        );
    }

    #[test]
    fn a_name_alone_in_its_line_or_column_is_read_as_a_name() {
        let domain = crate::repair::restore::vocabulary::BatchVocabulary::domain();
        let restored = |s: &str| applied(s, Some(domain), false);
        let gap = " ".repeat(24);
        let signed = |name: &str| format!("KT. GIAM DOC\nPHO GIAM DOC\n\n{name}");
        // "Đô thị" is far likelier than "Đỗ Thị" in running text.
        assert!(restored(&signed("Do Thi Lan")).ends_with("\nĐỗ Thị Lan"));
        assert!(restored(&format!("- Luu VT.{gap}Do Thi Lan")).ends_with("Đỗ Thị Lan"));
        // A family name the rules' lexicon lists, and a given name no list has.
        assert!(restored(&signed("Ban Thi Lien")).ends_with("\nBàn Thị Liên"));
        assert!(restored(&signed("Ta Van Luy")).ends_with("\nTạ Văn Lũy"));
        // Title-case words across a column gap are two cells, not one name in a column.
        assert!(restored(&format!("Ha Noi{gap}Hai Phong")).starts_with("Hà Nội"));
    }

    #[test]
    fn a_name_typed_without_marks_gets_a_names_syllables() {
        let restored = |s: &str| applied(s, None, false);
        // Read as words, "Trong" is "trong" (in) and "Dinh" "định".
        assert_eq!(
            restored("Bo truong Pham Van Trong da ky quyet dinh"),
            "Bộ trưởng Phạm Văn Trọng đã ký quyết định"
        );
        assert!(restored("Giam doc So Dinh Quang Hai").ends_with("Đinh Quang Hải"));
        // A title-case run whose words are no name's syllables is no name.
        assert!(restored("Do Bo Tai chinh chua co y kien").starts_with("Do Bộ Tài chính"));
    }

    #[test]
    fn the_words_of_a_rates_unit_are_read_one_by_one() {
        let restored = |s: &str| applied(s, None, false);
        assert_eq!(
            restored("Ho tro 15.000 dong/con va 2 trieu dong/nguoi/thang"),
            "Hỗ trợ 15.000 đồng/con và 2 triệu đồng/người/tháng"
        );
        // Codes keep their reading.
        assert_eq!(per_unit_words("V/v").len(), 1);
        assert_eq!(per_unit_words("QD/UB").len(), 1);
        assert_eq!(per_unit_words("b/c").len(), 1);
    }

    #[test]
    fn a_d_after_an_amount_is_the_dong() {
        assert_eq!(money_unit("d", true).as_deref(), Some("đ"));
        assert_eq!(money_unit("d", false), None);
        assert_eq!(money_unit("50.000d", false).as_deref(), Some("50.000đ"));
        assert_eq!(money_unit("dd", true), None);
        let s = "Tien giuong thap nhat la 80.000 d mot dem, cao nhat 450.000d mot dem";
        let (changes, _) = restore_block(s, None, &mut ScoreCache::for_document(None));
        let to: Vec<&str> = changes.iter().map(|c| c.text.as_str()).collect();
        assert!(to.contains(&"đ") && to.contains(&"450.000đ"), "{to:?}");
    }
}

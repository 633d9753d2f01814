//! Pass 4: restore glyphs and diacritics lost in broken text, with a Vietnamese syllable
//! language model. Input: the text after the layout pass; output: a [`Pass`] whose every
//! restored character (or re-accented word) is an edit carrying a confidence.
//!
//! Two kinds of damage are handled, each only where the text shows it:
//! * lost glyphs (PDF fonts that dropped some characters, each leaving one space) —
//!   [`lost`]: the lost set is estimated from the document, then damaged lines are decoded;
//! * text typed without diacritics — [`accents`]: blocks with (almost) no marks whose words
//!   are Vietnamese syllables get their marks back.
//!
//! The look-alike ƣ (U+01A3, from broken font maps) is read as ư. Clean text is left
//! alone: no lost set is estimated unless several characters are clearly missing. This pass
//! does not fix encodings, spacing or tone placement (earlier passes do).

pub mod accents;
pub mod beam;
pub mod lexicon;
pub mod lm;
pub mod lost;
mod packed;
mod place;
mod prefetch;
mod rows;
pub mod syllable;
pub mod vocabulary;

use super::{Pass, Rewriter};
use lexicon::Lexicon;
use lm::{Model, BOS};
use std::borrow::Cow;
use std::ops::Range;
use vocabulary::BatchVocabulary;

/// Damaged lines per run for the local lost-set estimate (runs of 30 measured worse on the
/// dev excerpt: too few chars for a reliable estimate).
const RUN_LINES: usize = 120;

/// Edits below this confidence are worth a reviewer's look.
pub const REVIEW_BELOW: f32 = 0.5;

/// A restored spot the model was unsure of.
#[derive(Debug, Clone, PartialEq)]
pub struct LowConfidence {
    /// Byte range in the pass output.
    pub range: Range<usize>,
    pub text: String,
    pub confidence: f32,
}

/// The edits of a restore pass whose confidence is below [`REVIEW_BELOW`].
pub fn low_confidence(pass: &Pass) -> Vec<LowConfidence> {
    pass.edits
        .iter()
        .filter(|e| e.confidence < REVIEW_BELOW)
        .map(|e| LowConfidence {
            range: e.dst.clone(),
            text: pass.text.get(e.dst.clone()).unwrap_or("").to_string(),
            confidence: e.confidence,
        })
        .collect()
}

/// Lines (byte ranges without the newline) of a text.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..text.len());
    out
}

/// Whether the lost set is strong enough to act on: some frequent char is (nearly) absent.
fn lost_set_is_credible(set: &lost::LostSet, damaged_chars: usize) -> bool {
    damaged_chars >= 150 && set.chars.iter().filter(|(_, rate)| *rate >= 0.9).count() >= 2
}

/// Fewest broken words, and smallest share of all words, that show a document lost
/// glyphs. Clean real documents stay below 1.2% however they are spaced (aligned columns,
/// double spaces typed by hand) unless they are lists of foreign names; a font that drops
/// glyphs breaks a large share of words into fragments ("Thự  hi n": 30% in the seed that
/// shows it).
const MIN_FRAGMENTS: usize = 20;
const MIN_FRAGMENT_SHARE: f64 = 0.08;

/// Does the document as a whole show lost glyphs? Counts the words (letters only, with a
/// small letter) that are not syllables: spaces alone, which layouts use freely, are no
/// evidence.
fn shows_lost_glyphs(text: &str) -> bool {
    let syllables = syllable::Syllables::get();
    let (mut words, mut fragments) = (0usize, 0usize);
    for fragment in text
        .split_whitespace()
        .filter_map(|chunk| lost::word_fragment(chunk, syllables))
    {
        words += 1;
        fragments += usize::from(fragment);
    }
    fragments >= MIN_FRAGMENTS && fragments as f64 >= MIN_FRAGMENT_SHARE * words as f64
}

/// Share of non-blank lines ending in a space at or above which that is the document's
/// habit (text extracted from PDFs: 95% of the lines of a seed that shows it), not a sign
/// of a lost glyph. Where a font lost a frequent final char (the full stop) up to three
/// lines in four end in a space.
const TRAILING_SPACE_HABIT: f64 = 0.9;

/// Whether the document's lines end in a space whatever they hold.
fn lines_end_in_space(text: &str) -> bool {
    share_ending_in_space(text) >= TRAILING_SPACE_HABIT
}

/// The share of a text's non-blank lines that end in a space.
fn share_ending_in_space(text: &str) -> f64 {
    let (mut lines, mut spaced) = (0usize, 0usize);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        spaced += usize::from(line.ends_with(' '));
    }
    spaced as f64 / lines.max(1) as f64
}

/// Below this share of lines ending in a space, one space after a line's last word is
/// read as a lost last glyph. Fonts that lose a final char leave up to a third of the lines
/// so; a PDF's text that ends lines in spaces by habit keeps most of them after the layout
/// pass joins its wrapped lines (seed 004: 0.9).
const LOST_LAST_GLYPH_SHARE: f64 = 0.5;

/// Whether a line with some text ends in exactly one space.
fn ends_in_one_space(line: &str) -> bool {
    line.strip_suffix(' ')
        .and_then(|rest| rest.chars().last())
        .is_some_and(|c| !c.is_whitespace())
}

/// The table cells of a line that a tab closes (its text after the last tab is none).
fn cells_before_tabs(line: &str) -> impl Iterator<Item = &str> {
    let mut parts = line.split('\t');
    parts.next_back();
    parts
}

/// Table cells of a text's lines: those with some text, and those of them ending in a
/// space.
fn cells_ending_in_space(text: &str) -> (usize, usize) {
    let (mut cells, mut spaced) = (0usize, 0usize);
    for cell in text
        .lines()
        .flat_map(cells_before_tabs)
        .filter(|c| !c.trim().is_empty())
    {
        cells += 1;
        spaced += usize::from(cell.ends_with(' '));
    }
    (cells, spaced)
}

/// Whether a table cell of the line ends in exactly one space before its tab ("Hàn Quố
/// \t655" for "Hàn Quốc"): where cells rarely end so, the cell's lost last glyph.
fn a_cell_ends_in_one_space(line: &str) -> bool {
    cells_before_tabs(line).any(ends_in_one_space)
}

/// Upper-cases filled letters inside all-caps words and at the start of a bulleted line or
/// a sentence.
fn case_fills(line: &str, fills: &mut [lost::Fill]) {
    let restored = lost::filled_chars(line, fills);
    let mut prev_token_end: Option<char> = None;
    for word in lost::word_ranges(&restored) {
        let start = word.start;
        let token = &restored[word];
        let visible_letters: Vec<char> = token
            .iter()
            .filter(|s| !s.2 && syllable::is_letter(s.1))
            .map(|s| s.1)
            .collect();
        let all_caps =
            visible_letters.len() >= 2 && visible_letters.iter().all(|c| c.is_uppercase());
        let sentence_start = matches!(prev_token_end, Some('.' | '?' | '!'))
            || (prev_token_end == Some('-') && first_token_after_bullet(&restored[..start]));
        let first_letter = token.iter().position(|s| syllable::is_letter(s.1));
        for (j, s) in token.iter().enumerate() {
            if !s.2 || !syllable::is_letter(s.1) {
                continue;
            }
            if closes_mixed_case_code(token, j) {
                continue;
            }
            if all_caps || (sentence_start && Some(j) == first_letter) {
                let upper: String = s.1.to_uppercase().collect();
                if let Some(f) = fills.iter_mut().find(|f| f.at == s.0) {
                    f.ch = upper.chars().next().unwrap_or(f.ch);
                }
            }
        }
        prev_token_end = token.last().map(|s| s.1);
    }
}

/// The filled small letter at `j` closes a symbol's code part written in mixed case
/// ("QĐ-TTg", "TTr-UBND"), which stays small in a token of capitals.
fn closes_mixed_case_code(token: &[(usize, char, bool)], j: usize) -> bool {
    let Some(start) = token[..j].iter().rposition(|s| matches!(s.1, '-' | '/')) else {
        return false;
    };
    let part: String = token[start + 1..=j].iter().map(|s| s.1).collect();
    lost::MIXED_CASE_CODES.contains(&part.as_str())
}

/// The text before a token is only spaces and one bullet dash.
fn first_token_after_bullet(before: &[(usize, char, bool)]) -> bool {
    let visible: Vec<char> = before
        .iter()
        .map(|s| s.1)
        .filter(|c| !c.is_whitespace())
        .collect();
    visible == ['-'] || visible == ['+'] || visible == ['•']
}

/// Letters among `chars`, and those that carry a mark.
fn letter_counts(chars: impl Iterator<Item = char>) -> (usize, usize) {
    chars
        .filter(|&c| syllable::is_letter(c))
        .fold((0, 0), |(n, m), c| {
            (n + 1, m + syllable::has_marks(c) as usize)
        })
}

/// Least share of marked letters in clean Vietnamese running text (about a third of its
/// letters carry a mark; English and unaccented text have none).
const CLEAN_MARKED_SHARE: f64 = 0.1;
/// Fewest letters for a document to teach a batch its words.
const CLEAN_MIN_LETTERS: usize = 200;

/// Whether a document is clean Vietnamese text that a batch can learn its words from:
/// letters marked as Vietnamese writes them and no sign of lost glyphs.
pub fn reads_clean(text: &str) -> bool {
    let (letters, marked) = letter_counts(text.chars());
    letters >= CLEAN_MIN_LETTERS
        && marked as f64 >= CLEAN_MARKED_SHARE * letters as f64
        && !text.contains(['ƣ', 'Ƣ'])
        && !shows_lost_glyphs(text)
}

/// Restores a text on its own: the language model with the shipped in-domain counts
/// ([`BatchVocabulary::domain`]) mixed in.
pub fn restore(text: &str) -> Pass {
    restore_in(text, Some(BatchVocabulary::domain()))
}

/// Fills below this confidence send their line to the second reading.
const SURE_FILL: f32 = 0.5;

/// Whether a line's fills include one the second reading should look at again.
fn unsure(fills: &[lost::Fill]) -> bool {
    fills.iter().any(|f| f.confidence < SURE_FILL)
}

/// The damaged lines of a document, for the lost-glyph search.
struct LostLines<'a> {
    text: &'a str,
    lines: &'a [Range<usize>],
    damaged: &'a [bool],
    /// Per line, the run of lines (and so the line search) it belongs to.
    run_of: &'a [usize],
}

impl LostLines<'_> {
    /// One reading of the damaged lines: per line, its fills (None: not damaged). With
    /// `earlier`, a line whose earlier fills are all sure keeps them unsearched.
    fn read(
        &self,
        searches: &mut [lost::LineSearch],
        scores: &mut lm::ScoreCache,
        earlier: Option<&[Option<Vec<lost::Fill>>]>,
    ) -> Vec<Option<Vec<lost::Fill>>> {
        let model = Model::get();
        let mut ctx = (BOS, BOS);
        let mut out: Vec<Option<Vec<lost::Fill>>> = vec![None; self.lines.len()];
        for (i, r) in self.lines.iter().enumerate() {
            let line = &self.text[r.clone()];
            if line.trim().is_empty() {
                continue;
            }
            let kept = earlier
                .and_then(|e| e.get(i))
                .and_then(Option::as_ref)
                .filter(|fills| !unsure(fills));
            if !self.damaged[i] || kept.is_some() {
                let read = kept.map_or(Cow::Borrowed(line), |f| Cow::Owned(with_fills(line, f)));
                for w in model.lm_tokens(&read) {
                    ctx = (ctx.1, w);
                }
                ctx = lost::next_line_context(ctx, model);
                out[i] = kept.cloned();
                continue;
            }
            let Some(search) = searches.get_mut(self.run_of[i]) else {
                continue;
            };
            let mut fills = lost::restore_line(line, search, scores, &mut ctx);
            case_fills(line, &mut fills);
            out[i] = Some(fills);
        }
        out
    }

    /// The second reading, with the document's own `first` reading mixed into the counts:
    /// a document repeats its words, and the lines that read them surely teach those that
    /// do not. Its fills keep the lower of the two readings' confidences: the document's
    /// own counts make it surer, not righter. None when every fill was sure.
    fn read_again(
        &self,
        searches: &mut [lost::LineSearch],
        batch: Option<&BatchVocabulary>,
        first: &[Option<Vec<lost::Fill>>],
    ) -> Option<(Vec<Option<Vec<lost::Fill>>>, String)> {
        if !first.iter().flatten().any(|fills| unsure(fills)) {
            return None;
        }
        let mut restored = String::new();
        for (i, fills) in first.iter().enumerate() {
            if let Some(fills) = fills {
                restored.push_str(&with_fills(&self.text[self.lines[i].clone()], fills));
                restored.push('\n');
            }
        }
        let own = BatchVocabulary::of_text(&restored);
        let counts = match batch {
            Some(b) => b.with_batch(&own),
            None => own,
        };
        let mut scores = lm::ScoreCache::for_document(Some(&counts));
        let mut again = self.read(searches, &mut scores, Some(first));
        let (mut lines_again, mut changed) = (0usize, 0usize);
        for (fills, first) in again.iter_mut().zip(first) {
            let (Some(fills), Some(first)) = (fills, first) else {
                continue;
            };
            lines_again += usize::from(unsure(first));
            let spelt = |fs: &[lost::Fill]| fs.iter().map(|f| (f.at, f.ch)).collect::<Vec<_>>();
            changed += usize::from(spelt(fills) != spelt(first));
            for f in fills.iter_mut() {
                if let Some(before) = first.iter().find(|b| b.at == f.at) {
                    f.confidence = f.confidence.min(before.confidence);
                }
            }
        }
        let note = format!(
            "lost glyphs read twice: {lines_again} lines read again, {changed} of them spelt otherwise"
        );
        Some((again, note))
    }
}

/// A line with its lost glyphs filled in.
fn with_fills(line: &str, fills: &[lost::Fill]) -> String {
    let mut out = String::with_capacity(line.len() + fills.len() * 2);
    let mut from = 0;
    for f in fills {
        out.push_str(&line[from..f.at]);
        out.push(f.ch);
        from = f.at + 1;
    }
    out.push_str(&line[from..]);
    out
}

/// Non-blank lines at the top of a document that may hold its header (agency, motto, number,
/// place and date, title).
const HEADER_LINES: usize = 8;

/// Restores a text with the counts `batch` mixed into the model: the shipped in-domain
/// counts, plus those of the batch's clean documents where the batch was learned (None:
/// the model alone).
pub fn restore_in(text: &str, batch: Option<&BatchVocabulary>) -> Pass {
    restore_with(text, batch, false)
}

/// [`restore_in`], reading lost glyphs twice where `second_reading` (`extract
/// --second-reading`): the lines with unsure fills are read again with the document's own
/// first reading mixed into the counts. About a third more time for lost-glyph documents.
pub fn restore_with(text: &str, batch: Option<&BatchVocabulary>, second_reading: bool) -> Pass {
    restore_using(text, batch, second_reading, Lexicon::builtin())
}

/// [`restore_with`] spelling headers, signers' positions and units after figures from the
/// word lists of `lexicon` (those of the rule set the batch runs with).
pub fn restore_using(
    text: &str,
    batch: Option<&BatchVocabulary>,
    second_reading: bool,
    lexicon: &Lexicon,
) -> Pass {
    let model = Model::get();
    if !model.is_loaded() {
        return Pass::unchanged("restore", text);
    }
    let mut edits: Vec<(Range<usize>, String, f32)> = Vec::new();
    let mut notes = Vec::new();
    for (i, c) in text.char_indices() {
        if c == 'ƣ' || c == 'Ƣ' {
            let with = if c == 'ƣ' { "ư" } else { "Ư" };
            edits.push((i..i + c.len_utf8(), with.to_string(), 1.0));
        }
    }
    let lines = line_ranges(text);
    let mut damaged: Vec<bool> = lines
        .iter()
        .map(|r| lost::looks_damaged(&text[r.clone()]))
        .collect();
    let damaged_lines: Vec<&str> = lines
        .iter()
        .zip(&damaged)
        .filter(|(_, d)| **d)
        .map(|(r, _)| &text[r.clone()])
        .collect();
    let damaged_chars: usize = damaged_lines.iter().map(|l| l.chars().count()).sum();
    let mut lost_lines = vec![false; lines.len()];
    // Text typed without marks also looks damaged; lost glyphs leave marked letters around.
    let (n_letters, n_marked) = letter_counts(damaged_lines.iter().flat_map(|l| l.chars()));
    let has_marked_letters = n_marked * 50 >= n_letters;
    // The lost set is only estimated for a document that shows lost glyphs at all.
    // One cache of model scores for both searches (the thread's, from its last document).
    let mut scores = lm::ScoreCache::for_document(batch);
    let lost_set = (has_marked_letters && shows_lost_glyphs(text))
        .then(|| lost::LostSet::estimate(&damaged_lines, model, lexicon))
        .filter(|set| lost_set_is_credible(set, damaged_chars));
    if let Some(lost_set) = lost_set {
        let shown: String = lost_set
            .chars
            .iter()
            .filter(|(_, r)| *r >= 0.5)
            .map(|(c, _)| *c)
            .collect();
        notes.push(format!("lost glyphs estimated: {shown}"));
        // Fonts change inside a document: runs of damaged lines add what they clearly lost.
        // With the set known, lines whose marks only its chars explain are damaged too.
        // Where few lines end in a space, one space after a line's last word is its lost
        // last glyph ("Lê Quang Vin " for Vinh), though every word is a syllable.
        let last_glyph_lost = share_ending_in_space(text) < LOST_LAST_GLYPH_SHARE;
        let (cells, spaced_cells) = cells_ending_in_space(text);
        let cell_glyph_lost = (spaced_cells as f64) < LOST_LAST_GLYPH_SHARE * cells as f64;
        for (flag, r) in damaged.iter_mut().zip(&lines) {
            let line = &text[r.clone()];
            *flag = *flag
                || lost::shows_lost_chars(line, &lost_set)
                || last_glyph_lost && ends_in_one_space(line)
                || cell_glyph_lost && a_cell_ends_in_one_space(line);
        }
        let trailing_space_habit = lines_end_in_space(text);
        let damaged_idx: Vec<usize> = (0..lines.len()).filter(|&i| damaged[i]).collect();
        let longest_run = lost_set.longest_lost_run(model, damaged_chars);
        notes.push(format!(
            "space runs of up to {longest_run} read as lost glyphs"
        ));
        let grouped_by_spaces = lost::groups_thousands_by_spaces(text, &lost_set);
        let mut run_of = vec![0usize; lines.len()];
        let mut searches = Vec::new();
        for (run, chunk) in damaged_idx.chunks(RUN_LINES).enumerate() {
            let run_lines: Vec<&str> = chunk.iter().map(|&i| &text[lines[i].clone()]).collect();
            let local = lost::LostSet::estimate(&run_lines, model, lexicon);
            let search = lost::LineSearch::new(&lost_set.merged_with(&local), longest_run, lexicon);
            let search = if grouped_by_spaces {
                search.numbers_grouped_by_spaces()
            } else {
                search
            };
            searches.push(if trailing_space_habit {
                search
            } else {
                search.lines_end_without_space()
            });
            for &i in chunk {
                run_of[i] = run;
            }
        }
        let damaged_text = LostLines {
            text,
            lines: &lines,
            damaged: &damaged,
            run_of: &run_of,
        };
        let mut read = damaged_text.read(&mut searches, &mut scores, None);
        if second_reading {
            if let Some((again, note)) = damaged_text.read_again(&mut searches, batch, &read) {
                read = again;
                notes.push(note);
            }
        }
        let mut restored_chars = 0usize;
        let leaders = lost::dot_leaders(text, &lines, &lost_set, longest_run);
        let markers = lost::list_markers(text, &lines, &lost_set, !cell_glyph_lost, lexicon);
        for (i, ((fills, dots), marker)) in read.into_iter().zip(leaders).zip(markers).enumerate() {
            let r = &lines[i];
            let foreign =
                lost::foreign_words(&text[r.clone()], &lost_set, fills.as_deref().unwrap_or(&[]));
            let mut fills = match fills {
                Some(fills) => fills,
                None if dots.is_empty() && foreign.fills.is_empty() && marker.is_empty() => {
                    continue
                }
                None => Vec::new(),
            };
            place::spell_date_line_place(&text[r.clone()], &mut fills, &lost_set);
            fills.retain(|f| !(f.ch.is_alphabetic() && foreign.spaces.contains(&f.at)));
            for own in [foreign.fills, dots, marker] {
                if !own.is_empty() {
                    fills.retain(|f| !own.iter().any(|o| o.at == f.at));
                    fills.extend(own);
                }
            }
            let rates = lost::rate_slashes(&text[r.clone()], &fills, &lost_set, lexicon);
            fills.extend(rates);
            restored_chars += fills.len();
            for f in fills {
                let at = r.start + f.at;
                edits.push((at..at + 1, f.ch.to_string(), f.confidence));
            }
        }
        for (flag, d) in lost_lines.iter_mut().zip(&damaged) {
            *flag = *d;
        }
        notes.push(format!("lost glyphs restored: {restored_chars}"));
    }
    // Diacritics: blocks of consecutive non-blank lines not handled above. Where the
    // document as a whole is unaccented, short unmarked blocks (headings, list items) are
    // restored too.
    let mut document_unaccented: Option<bool> = None;
    let mut accent_words = 0usize;
    let mut accent_blocks: Vec<Range<usize>> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        if text[lines[k].clone()].trim().is_empty() || lost_lines[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < lines.len() && !text[lines[k].clone()].trim().is_empty() && !lost_lines[k] {
            k += 1;
        }
        let block = lines[start].start..lines[k - 1].end;
        let block_text = &text[block.clone()];
        let restore_it = accents::looks_unaccented(block_text)
            || accents::has_no_marks(block_text)
                && *document_unaccented.get_or_insert_with(|| {
                    let rest: Vec<&str> = lines
                        .iter()
                        .zip(&lost_lines)
                        .filter(|(_, lost)| !**lost)
                        .map(|(r, _)| &text[r.clone()])
                        .collect();
                    accents::looks_unaccented(&rest.join("\n"))
                });
        if restore_it {
            accent_blocks.push(block);
        }
    }
    // The header is among the document's first non-blank lines.
    let header_end = lines
        .iter()
        .filter(|r| !text[(*r).clone()].trim().is_empty())
        .nth(HEADER_LINES)
        .map_or(text.len(), |r| r.start);
    let at_top = |block: &Range<usize>| block.start < header_end;
    // Two readings: the second leans on the forms the first picked across the document.
    let mut forms = accents::DocumentForms::default();
    for block in &accent_blocks {
        let picks = accents::restore_block_at(
            &text[block.clone()],
            None,
            &mut scores,
            at_top(block),
            lexicon,
        );
        forms.add(&picks.1);
    }
    for block in &accent_blocks {
        let restored = accents::restore_block_at(
            &text[block.clone()],
            Some(&forms),
            &mut scores,
            at_top(block),
            lexicon,
        );
        let places = place::place_marks(&text[block.clone()], at_top(block));
        for ch in restored.0 {
            if places
                .iter()
                .any(|(r, _)| r.start < ch.range.end && ch.range.start < r.end)
            {
                continue;
            }
            accent_words += 1;
            edits.push((
                block.start + ch.range.start..block.start + ch.range.end,
                ch.text,
                ch.confidence,
            ));
        }
        for (range, name) in places {
            accent_words += 1;
            edits.push((
                block.start + range.start..block.start + range.end,
                name,
                place::NAME_CONFIDENCE,
            ));
        }
    }
    if accent_words > 0 {
        notes.push(format!("diacritics restored in {accent_words} words"));
    }
    if let (Some(b), false) = (batch, edits.is_empty()) {
        if b.batch_tokens() > 0 {
            notes.push(format!(
                "scored with the batch's clean documents ({} tokens) mixed in",
                b.batch_tokens()
            ));
        }
    }
    edits.sort_by_key(|e| e.0.start);
    let mut rw = Rewriter::new(text);
    for (range, with, conf) in edits {
        rw.replace(range, &with, conf);
    }
    rw.finish("restore", notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_untouched() {
        let text = "Thực hiện Công văn số 287/SYT-NVY ngày 14/3/2022 của Sở về báo cáo tổng kết.\n\
                    Người lao động có quyền làm việc, tự do lựa chọn việc làm.\n";
        let p = restore(text);
        assert_eq!(p.text, text);
        assert!(p.edits.is_empty());
    }

    #[test]
    fn clean_text_with_double_spaces_and_columns_is_untouched() {
        // Office documents typed by hand: double spaces between words, a two-column
        // signature block aligned with spaces. Spaces are no evidence of lost glyphs.
        let text = "BỘ  TÀI CHÍNH                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                    Số:  45/2004/TT-BTC                    Độc lập - Tự do - Hạnh phúc\n\
                    Hướng dẫn  thực hiện chế độ  quản lý tài chính đối với  các đơn vị.\n\
                    Chi nhánh  nước ngoài phải có trách nhiệm  báo cáo  định kỳ hằng quý.\n\
                    Tổng doanh thu  của Chi nhánh  trong kỳ được tính  theo quy định.\n\
                    Nơi nhận:                               KT. BỘ TRƯỞNG\n\
                    - Văn phòng  Chính phủ;                 THỨ  TRƯỞNG\n\
                    - Các Bộ, cơ quan  ngang Bộ;\n\
                    - Lưu  VT.                              Nguyễn Văn Bình\n";
        let p = restore(text);
        assert_eq!(p.text, text);
        assert!(p.edits.is_empty());
    }

    #[test]
    fn a_second_reading_is_never_surer_than_the_first_and_leaves_clean_text_alone() {
        let law = include_str!("../../../data/lm/heldout.txt");
        let text: String = law.lines().take(40).collect::<Vec<_>>().join("\n");
        let damaged = crate::eval::restore::corrupt(&text, &['a', 'c', 'ệ', 'ư', '/', ',']);
        let counts = Some(BatchVocabulary::domain());
        let once = restore_with(&damaged, counts, false);
        let twice = restore_with(&damaged, counts, true);
        assert!(twice.edits.len() > 100, "{} fills", twice.edits.len());
        let mut compared = 0;
        for e in &twice.edits {
            if let Some(first) = once.edits.iter().find(|f| f.src == e.src) {
                assert!(e.confidence <= first.confidence + 1e-6);
                compared += 1;
            }
        }
        assert!(compared * 10 >= twice.edits.len() * 9);
        let clean = restore_with(&text, counts, true);
        assert!(clean.edits.is_empty());
    }

    #[test]
    fn look_alike_u_horn_is_read_as_u_horn() {
        let p = restore("phƣơng hƣớng");
        assert_eq!(p.text, "phương hướng");
    }
}

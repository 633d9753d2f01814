//! Measures the restore pass (repair pass 4). Three checks, all on text held out from the
//! language model's training:
//! 1. synthetic damage: clean text (seeds 000–003 from `../shared/seeds`, and the held-out
//!    law lines of data/lm/heldout.txt) is corrupted the seed-004 way — a random lost set
//!    per document, each lost char becoming one space — and separately stripped of its
//!    diacritics; both are restored and scored. Clean text is also run through unchanged
//!    to measure false edits.
//! 2. the hand-restored dev excerpt `../shared/eval/004_lines_001-100.*` scored with the
//!    measures of its README (CER, error removed, diacritic accuracy).
//! 3. [`bench`]: throughput of the restorer on damaged text and the process's peak memory.
//!
//! Nothing here prints; the reports implement Display for the caller.

use crate::repair::restore::vocabulary::BatchVocabulary;
use crate::repair::restore::{
    reads_clean, restore, restore_in, restore_with, syllable, REVIEW_BELOW,
};
use crate::repair::ToneStyle;
use std::fmt;
use std::path::Path;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// Deterministic pseudo-random numbers (splitmix64), so runs are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A random lost set like a broken PDF font's: some plain letters, many precomposed vowels,
/// some punctuation.
pub fn random_lost_set(seed: u64) -> Vec<char> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for c in "abcdeghiklmnopqrstuvxy".chars() {
        if rng.chance(0.25) {
            out.push(c);
        }
    }
    for c in "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ".chars()
    {
        if rng.chance(0.35) {
            out.push(c);
        }
    }
    for c in ",./".chars() {
        if rng.chance(0.5) {
            out.push(c);
        }
    }
    out
}

/// Replaces every char of `lost` by one space.
pub fn corrupt(text: &str, lost: &[char]) -> String {
    text.chars()
        .map(|c| if lost.contains(&c) { ' ' } else { c })
        .collect()
}

/// Char-level accuracy figures for one kind of damage.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Damaged positions (lost glyphs) or damaged words (diacritics).
    pub damaged: usize,
    pub restored: usize,
    /// Words containing damage, and those restored exactly.
    pub words: usize,
    pub words_right: usize,
    /// Lost glyphs: the spaces of the clean text (real spaces, kept by the damage), and
    /// those the restorer filled with a char. Positions score only what was lost, so this
    /// is the count of fills no position shows.
    pub spaces: usize,
    pub spaces_filled: usize,
}

impl Tally {
    fn rate(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }
    pub fn position_accuracy(&self) -> f64 {
        Self::rate(self.restored, self.damaged)
    }
    pub fn word_accuracy(&self) -> f64 {
        Self::rate(self.words_right, self.words)
    }
    fn add(&mut self, other: &Tally) {
        self.damaged += other.damaged;
        self.restored += other.restored;
        self.words += other.words;
        self.words_right += other.words_right;
        self.spaces += other.spaces;
        self.spaces_filled += other.spaces_filled;
    }
}

/// Scores of the dev excerpt.
#[derive(Debug, Default, Clone)]
pub struct DevScore {
    pub cer_damaged: f64,
    pub cer_restored: f64,
    pub diacritic_accuracy_damaged: f64,
    pub diacritic_accuracy_restored: f64,
}

impl DevScore {
    pub fn error_removed(&self) -> f64 {
        if self.cer_damaged == 0.0 {
            0.0
        } else {
            1.0 - self.cer_restored / self.cer_damaged
        }
    }
}

/// The figures of one set of corrupted documents (dev or test).
#[derive(Debug, Default, Clone)]
pub struct SetFigures {
    pub documents: usize,
    /// Lost-glyph positions restored.
    pub lost: Tally,
    /// Syllables (letter words) of the stripped text, and those restored exactly.
    pub accents: Tally,
    /// The set's archive transcripts alone (lost glyphs, diacritics).
    pub archive: (Tally, Tally),
    /// The same restored as part of their batch, as `extract --learn-batch` does: the other
    /// transcripts are its clean documents, whose counts are mixed into the model with the
    /// shipped ones.
    pub archive_in_batch: (Tally, Tally),
    /// Lost glyphs read twice (`--second-reading`): all documents, the archive transcripts.
    pub second_reading: (Tally, Tally),
}

impl SetFigures {
    /// Counts one document's lost glyphs read twice.
    fn add_second_reading(&mut self, lost: &Tally, from_archive: bool) {
        self.second_reading.0.add(lost);
        if from_archive {
            self.second_reading.1.add(lost);
        }
    }

    /// Counts one document's two measures.
    fn add(&mut self, lost: &Tally, accents: &Tally, from_archive: bool) {
        self.documents += 1;
        self.lost.add(lost);
        self.accents.add(accents);
        if from_archive {
            self.archive.0.add(lost);
            self.archive.1.add(accents);
        }
    }

    /// `purpose` follows "N documents held out of the model"; `batch` is the number of
    /// clean transcripts the batch learnt from.
    fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        title: &str,
        purpose: &str,
        batch: usize,
    ) -> fmt::Result {
        writeln!(
            f,
            "{title} ({} documents held out of the model{purpose})",
            self.documents
        )?;
        write_damage_figures(f, &self.lost, &self.accents)?;
        write_part(f, "of which the archive transcripts", &self.archive)?;
        writeln!(
            f,
            "  lost glyphs read twice (`extract --second-reading`): {:.2}%, archive transcripts {:.2}%",
            100.0 * self.second_reading.0.position_accuracy(),
            100.0 * self.second_reading.1.position_accuracy()
        )?;
        let label = format!(
            "the same, each restored in a batch with the other {} clean transcripts (`extract --learn-batch`)",
            batch.saturating_sub(1)
        );
        write_part(f, &label, &self.archive_in_batch)
    }
}

#[derive(Debug, Default, Clone)]
pub struct EvalReport {
    /// The dev set: what the restorer is tuned on.
    pub dev_set: SetFigures,
    pub clean_chars: usize,
    /// Chars changed when restoring clean text.
    pub clean_changed: usize,
    /// The same on the real archive transcripts of `../shared/corpus/legacy` (clean
    /// Unicode typed in offices, with their double spaces and aligned columns).
    pub real_clean_documents: usize,
    pub real_clean_chars: usize,
    pub real_clean_changed: usize,
    /// Clean transcripts the batch learnt from.
    pub batch_documents: usize,
    /// The same measures on the test set (held-out law lines and the archive
    /// transcripts): text nobody looked at while tuning the restorer, whose misses are
    /// never listed.
    pub test_set: SetFigures,
    /// The test set's law lines alone (lost glyphs, diacritics): the model's own domain.
    pub test_law: (Tally, Tally),
    pub dev: Option<DevScore>,
    /// Made-up forms (`fixtures/forms`, dev) whose font lost the full stop among others:
    /// every lost glyph, and the full stops of their dot leaders (runs of three or more).
    pub forms: FormFigures,
    /// Lost-glyph fills below / at or above the review threshold, and how many were wrong.
    pub low_confidence: (usize, usize),
    pub high_confidence: (usize, usize),
    pub notes: Vec<String>,
    /// Wrongly restored words ("doc: truth -> output | context"), when asked for.
    pub mistakes: Vec<String>,
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.dev_set.write(
            f,
            "restore eval, dev set",
            ", used to tune the restorer; its archive transcripts are the shipped in-domain \
             text, each restored with its own counts taken out",
            self.batch_documents,
        )?;
        self.test_set
            .write(f, "test set", " and never tuned on", self.batch_documents)?;
        write_part(f, "of which the law lines", &self.test_law)?;
        writeln!(
            f,
            "  clean text: {} of {} chars changed ({:.4}%)",
            self.clean_changed,
            self.clean_chars,
            100.0 * Tally::rate(self.clean_changed, self.clean_chars)
        )?;
        writeln!(
            f,
            "  clean real documents ({} archive transcripts): {} of {} chars changed ({:.4}%)",
            self.real_clean_documents,
            self.real_clean_changed,
            self.real_clean_chars,
            100.0 * Tally::rate(self.real_clean_changed, self.real_clean_chars)
        )?;
        let (lo, lo_wrong) = self.low_confidence;
        let (hi, hi_wrong) = self.high_confidence;
        writeln!(
            f,
            "  confidence: {lo} fills below {REVIEW_BELOW} ({:.1}% wrong), {hi} at or above ({:.1}% wrong)",
            100.0 * Tally::rate(lo_wrong, lo),
            100.0 * Tally::rate(hi_wrong, hi)
        )?;
        if self.forms.documents > 0 {
            let forms = &self.forms;
            writeln!(
                f,
                "  made-up forms ({} in fixtures/forms, dev; the full stop lost in each): lost glyphs {:.2}%, dot leaders' full stops {}/{} ({:.2}%), real spaces filled {} of {} ({:.3}%)",
                forms.documents,
                100.0 * forms.lost.position_accuracy(),
                forms.leader_stops_restored,
                forms.leader_stops,
                100.0 * Tally::rate(forms.leader_stops_restored, forms.leader_stops),
                forms.lost.spaces_filled,
                forms.lost.spaces,
                100.0 * Tally::rate(forms.lost.spaces_filled, forms.lost.spaces)
            )?;
        }
        match &self.dev {
            Some(d) => writeln!(
                f,
                "  dev 004 lines 1-100: CER {:.4} -> {:.4} (error removed {:.1}%), diacritic accuracy {:.1}% -> {:.1}%",
                d.cer_damaged,
                d.cer_restored,
                100.0 * d.error_removed(),
                100.0 * d.diacritic_accuracy_damaged,
                100.0 * d.diacritic_accuracy_restored
            )?,
            None => writeln!(f, "  dev excerpt not found")?,
        }
        for n in &self.notes {
            writeln!(f, "  note: {n}")?;
        }
        for m in &self.mistakes {
            writeln!(f, "  miss: {m}")?;
        }
        Ok(())
    }
}

/// The made-up forms' figures.
#[derive(Debug, Default, Clone)]
pub struct FormFigures {
    pub documents: usize,
    pub lost: Tally,
    /// Full stops of dot leaders, and those restored.
    pub leader_stops: usize,
    pub leader_stops_restored: usize,
}

/// One part of a set (lost glyphs, diacritics).
fn write_part(f: &mut fmt::Formatter<'_>, label: &str, part: &(Tally, Tally)) -> fmt::Result {
    writeln!(
        f,
        "  {label}: lost glyphs {:.2}%, diacritics {:.2}%",
        100.0 * part.0.position_accuracy(),
        100.0 * part.1.word_accuracy()
    )
}

/// Whether every word pair of `text` is in the shipped in-domain counts (a document of
/// thousands of words only is if it was copied there).
fn in_domain_text(text: &str) -> bool {
    let domain = BatchVocabulary::domain();
    let own = BatchVocabulary::of_text(text);
    own.total() > 0 && domain.total() - domain.without(&own).total() == own.total()
}

/// Scores one archive document restored as part of a batch whose clean documents' counts
/// are `batch` (the document's own taken out).
fn score_in_batch(text: &str, lost: &[char], batch: &BatchVocabulary, part: &mut (Tally, Tally)) {
    let out = restore_in(&corrupt(text, lost), Some(batch));
    score_lost(text, &out.text, lost, &mut part.0, None);
    let out = restore_in(&syllable::strip_marks(text), Some(batch));
    score_accents(text, &out.text, &mut part.1, None);
}

fn write_damage_figures(f: &mut fmt::Formatter<'_>, lost: &Tally, accents: &Tally) -> fmt::Result {
    writeln!(
        f,
        "  lost glyphs: {}/{} positions restored ({:.2}%), damaged words right {}/{} ({:.2}%)",
        lost.restored,
        lost.damaged,
        100.0 * lost.position_accuracy(),
        lost.words_right,
        lost.words,
        100.0 * lost.word_accuracy()
    )?;
    writeln!(
        f,
        "  lost glyphs: real spaces filled {} of {} ({:.3}%)",
        lost.spaces_filled,
        lost.spaces,
        100.0 * Tally::rate(lost.spaces_filled, lost.spaces)
    )?;
    writeln!(
        f,
        "  diacritics: syllables right {}/{} ({:.2}%), marked syllables right {}/{} ({:.2}%)",
        accents.words_right,
        accents.words,
        100.0 * accents.word_accuracy(),
        accents.restored,
        accents.damaged,
        100.0 * accents.position_accuracy()
    )
}

/// One archive transcript in this many is dev material (tuned on, and the source of the
/// shipped in-domain counts, [`domain_counts`]); the rest are test.
pub(super) const ARCHIVE_DEV_EVERY: usize = 3;

/// Law lines held out of the model in slices of 40 lines, named `{name}-{i}`.
fn law_slices(path: &Path, name: &str, docs: &mut Vec<(String, String)>) {
    if let Ok(t) = std::fs::read_to_string(path) {
        let lines: Vec<&str> = t.lines().collect();
        for (i, chunk) in lines.chunks(40).enumerate() {
            docs.push((format!("{name}-{i}"), chunk.join("\n")));
        }
    }
}

/// The real archive transcripts of `../shared/corpus/legacy/ground-truth` (official
/// documents of the 2000s, never trained on), by file name.
pub(super) fn archive_transcripts(shared: &Path) -> Vec<(String, String)> {
    super::text_files(&shared.join("corpus/legacy/ground-truth"), |_| true)
}

/// The contents of `data/lm/domain_pairs.tsv`: the word-pair counts of the dev third of the
/// archive transcripts (every [`ARCHIVE_DEV_EVERY`]th in name order, NFC), which every
/// restore mixes into the model, and of the project's own made-up probe documents
/// (`fixtures/probe*/`, see [`super::probe_documents`]), which speak of what offices write
/// about today. Only counts are shipped: the shared corpus is read from `../shared`, never
/// copied into the repository. The test transcripts are never read.
pub fn domain_counts(shared: &Path, repo: &Path) -> Result<String, String> {
    let transcripts = archive_transcripts(shared);
    if transcripts.is_empty() {
        return Err(format!(
            "no transcripts under {}",
            shared.join("corpus/legacy/ground-truth").display()
        ));
    }
    let total = transcripts.len();
    let mut counts = BatchVocabulary::default();
    let mut comments = vec![
        "Word-pair counts (first, second, count; in the language model's spelling) of \
         official documents, read by vanban's restore pass."
            .to_string(),
        "Sources: ../shared/corpus/legacy/ground-truth (MIT, (c) 2026 Dinh Minh Tri, \
         LICENSE-vn-legacy-corpus; documents of 2002-2009, administrative documents are \
         outside copyright, Law on Intellectual Property, Art. 15), and the made-up probe \
         documents of this repository's fixtures/probe*/ (written for the project, its \
         licence)."
            .to_string(),
        "Rebuilt by scripts/build_domain_counts.sh (vanban data domain-counts). Only counts \
         are kept, never the text."
            .to_string(),
        format!("Documents: every {ARCHIVE_DEV_EVERY}rd of {total} in name order:"),
    ];
    for (i, (name, text)) in transcripts.iter().enumerate() {
        if i % ARCHIVE_DEV_EVERY == 0 {
            counts.merge(&BatchVocabulary::of_text(&text.nfc().collect::<String>()));
            comments.push(format!("{TRANSCRIPT_PREFIX}{name}"));
        }
    }
    let probes = super::probe_documents(repo);
    comments.push(format!("Probe documents ({}):", probes.len()));
    for (name, text) in &probes {
        counts.merge(&BatchVocabulary::of_text(text));
        comments.push(format!("{PROBE_PREFIX}{name}"));
    }
    let written = domain_text(repo);
    comments.push(format!(
        "Made-up running text of {DOMAIN_TEXT_DIR} ({} documents):",
        written.len()
    ));
    for (name, text) in &written {
        counts.merge(&BatchVocabulary::of_text(text));
        comments.push(format!("{DOMAIN_TEXT_PREFIX}{name}"));
    }
    Ok(counts.to_tsv(&comments))
}

/// Where the made-up in-domain running text lives (written for the project: see its
/// README.md).
const DOMAIN_TEXT_DIR: &str = "data/lm/domain-text";
/// How `data/lm/domain_pairs.tsv` names a document of [`DOMAIN_TEXT_DIR`] it counts.
const DOMAIN_TEXT_PREFIX: &str = "domain text ";

/// The documents of [`DOMAIN_TEXT_DIR`] (`*.txt`, name order, NFC), by file name.
fn domain_text(repo: &Path) -> Vec<(String, String)> {
    super::text_files(&repo.join(DOMAIN_TEXT_DIR), |name| name.ends_with(".txt"))
        .into_iter()
        .map(|(name, text)| (name, text.nfc().collect()))
        .collect()
}

/// How `data/lm/domain_pairs.tsv` names a probe document it counts.
const PROBE_PREFIX: &str = "probe document ";
/// How `data/lm/domain_pairs.tsv` names an archive transcript it counts.
const TRANSCRIPT_PREFIX: &str = "document ";
/// The shipped in-domain counts, as the restorer reads them.
const SHIPPED_DOMAIN_COUNTS: &str = include_str!("../../data/lm/domain_pairs.tsv");

/// The documents the shipped domain counts name after `prefix` in their `#` lines, in
/// their order.
fn counted_documents(prefix: &str) -> Vec<&'static str> {
    SHIPPED_DOMAIN_COUNTS
        .lines()
        .filter_map(|l| l.strip_prefix("# ")?.strip_prefix(prefix))
        .collect()
}

/// The probe documents (`probeN/file`) whose counts the shipped domain counts hold: an
/// evaluation restores them with their own counts taken out.
pub fn probes_in_domain_counts() -> std::collections::HashSet<&'static str> {
    counted_documents(PROBE_PREFIX).into_iter().collect()
}

/// Held-out clean documents: seeds 000–003 and slices of the held-out law lines.
pub fn held_out_documents(shared: &Path, repo: &Path) -> Vec<(String, String)> {
    let mut docs = Vec::new();
    if let Ok(entries) = std::fs::read_dir(shared.join("seeds")) {
        let mut names: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        names.sort();
        for p in names {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if ["000_", "001_", "002_", "003_"]
                .iter()
                .any(|s| name.starts_with(s))
            {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    docs.push((name, t.nfc().collect()));
                }
            }
        }
    }
    law_slices(&repo.join("data/lm/heldout.txt"), "heldout-law", &mut docs);
    docs
}

/// The whitespace-separated word of `chars` around `k` and a few words either side.
fn word_context(chars: &[char], start: usize, end: usize) -> String {
    let mut a = start;
    let mut spaces = 0;
    while a > 0 && spaces < 4 {
        a -= 1;
        if chars[a] == '\n' {
            a += 1;
            break;
        }
        spaces += (chars[a] == ' ') as usize;
    }
    let mut b = end;
    spaces = 0;
    while b < chars.len() && spaces < 4 && chars[b] != '\n' {
        spaces += (chars[b] == ' ') as usize;
        b += 1;
    }
    chars[a..b].iter().collect()
}

fn score_lost(
    truth: &str,
    out: &str,
    lost: &[char],
    tally: &mut Tally,
    mistakes: Option<&mut Vec<String>>,
) {
    let mut mistakes = mistakes;
    let t: Vec<char> = truth.chars().collect();
    let o: Vec<char> = out.chars().collect();
    if t.len() != o.len() {
        // Length changed (should not happen): count every damaged position as missed.
        tally.damaged += t.iter().filter(|c| lost.contains(c)).count();
        return;
    }
    for (i, (tc, oc)) in t.iter().zip(&o).enumerate() {
        if *tc == ' ' {
            tally.spaces += 1;
            tally.spaces_filled += usize::from(*oc != ' ');
            if let (true, Some(m)) = (*oc != ' ', mistakes.as_deref_mut()) {
                m.push(format!("space -> {oc} | {}", word_context(&o, i, i + 1)));
            }
        }
    }
    let mut k = 0;
    while k < t.len() {
        if t[k].is_whitespace() {
            k += 1;
            continue;
        }
        let start = k;
        while k < t.len() && !t[k].is_whitespace() {
            k += 1;
        }
        let hits = (start..k).filter(|&i| lost.contains(&t[i])).count();
        if hits == 0 {
            continue;
        }
        tally.damaged += hits;
        tally.restored += (start..k)
            .filter(|&i| lost.contains(&t[i]) && o[i] == t[i])
            .count();
        tally.words += 1;
        let right_edges =
            (start == 0 || o[start - 1].is_whitespace()) && (k == o.len() || o[k].is_whitespace());
        if right_edges && t[start..k] == o[start..k] {
            tally.words_right += 1;
        } else if let Some(m) = mistakes.as_deref_mut() {
            let truth_word: String = t[start..k].iter().collect();
            let out_word: String = o[start..k].iter().collect();
            m.push(format!(
                "lost {truth_word} -> {out_word} | {}",
                word_context(&o, start, k)
            ));
        }
    }
}

/// Scores diacritic restoration word by word. Both sides are first put in one tone-mark
/// placement ("hoà" and "hòa" are the same word written two ways, and the restorer writes
/// the modern one while archives often hold the older one).
fn score_accents(
    truth: &str,
    out: &str,
    tally: &mut Tally,
    mut mistakes: Option<&mut Vec<String>>,
) {
    let modern = |text: &str| crate::repair::unicode::normalize(text, ToneStyle::Modern).text;
    let (truth, out) = (modern(truth), modern(out));
    let t_words: Vec<&str> = truth.split_whitespace().collect();
    let o_words: Vec<&str> = out.split_whitespace().collect();
    for (i, (t, o)) in t_words.iter().zip(&o_words).enumerate() {
        if !t.chars().any(char::is_alphabetic) {
            continue;
        }
        tally.words += 1;
        let right = t == o;
        if let (false, Some(m)) = (right, mistakes.as_deref_mut()) {
            let around = o_words[i.saturating_sub(3)..(i + 4).min(o_words.len())].join(" ");
            m.push(format!("accent {t} -> {o} | {around}"));
        }
        tally.words_right += right as usize;
        if t.chars().any(syllable::has_marks) {
            tally.damaged += 1;
            tally.restored += right as usize;
        }
    }
}

/// Splits the fills of a restore pass by confidence and counts the wrong ones (texts of
/// equal length in chars, as lost-glyph restoration keeps them).
fn tally_confidence(truth: &str, pass: &crate::repair::Pass, report: &mut EvalReport) {
    let truth: Vec<char> = truth.chars().collect();
    for e in &pass.edits {
        let at = pass.input[..e.src.start].chars().count();
        let (_, put) = pass.edit_texts(e);
        for (k, c) in put.chars().enumerate() {
            let wrong = truth.get(at + k) != Some(&c);
            let slot = if e.confidence < REVIEW_BELOW {
                &mut report.low_confidence
            } else {
                &mut report.high_confidence
            };
            slot.0 += 1;
            slot.1 += wrong as usize;
        }
    }
}

/// Changed chars between two texts of a pass (sum over edits of the longer side).
fn changed_chars(pass: &crate::repair::Pass) -> usize {
    pass.edits
        .iter()
        .map(|e| {
            let (a, b) = pass.edit_texts(e);
            a.chars().count().max(b.chars().count())
        })
        .sum()
}

/// Runs checks 1 and 2. `shared` is the shared folder (`../shared`), `repo` the repository
/// root (for data/lm/heldout.txt); `verbose` lists every wrongly restored word.
pub fn run_eval(shared: &Path, repo: &Path, verbose: bool) -> EvalReport {
    let mut report = EvalReport::default();
    let docs = held_out_documents(shared, repo);
    let first_archive_doc = docs.len();
    if docs.is_empty() {
        report
            .notes
            .push(format!("no held-out documents under {}", shared.display()));
    }
    let transcripts = archive_transcripts(shared);
    // Every third transcript (in name order) is dev material: documents of the kind the
    // restorer meets, to tune on; the others stay in the test set.
    let (dev_archive, test_archive): (Vec<_>, Vec<_>) = transcripts
        .iter()
        .enumerate()
        .partition(|(i, _)| i % ARCHIVE_DEV_EVERY == 0);
    let docs: Vec<(String, String)> = docs
        .into_iter()
        .chain(
            dev_archive
                .into_iter()
                .map(|(_, (name, t))| (name.clone(), t.nfc().collect())),
        )
        .collect();
    // The archive as one batch: its clean documents' counts, each document's own taken
    // back out when it is restored.
    let mut whole_batch = BatchVocabulary::default();
    let mut own_counts = std::collections::HashMap::new();
    for (name, text) in &transcripts {
        let text: String = text.nfc().collect();
        if reads_clean(&text) {
            let own = BatchVocabulary::of_text(&text);
            whole_batch.merge(&own);
            own_counts.insert(name.clone(), own);
            report.batch_documents += 1;
        }
    }
    // As `extract --learn-batch` mixes them: the shipped counts (a dev transcript's own
    // taken out of them too) with the batch's.
    let shipped: std::collections::HashSet<&str> =
        counted_documents(TRANSCRIPT_PREFIX).into_iter().collect();
    let in_batch = |name: &str| match own_counts.get(name) {
        Some(own) => {
            let domain = if shipped.contains(name) {
                BatchVocabulary::domain().without(own)
            } else {
                BatchVocabulary::domain().clone()
            };
            domain.with_batch(&whole_batch.without(own))
        }
        None => BatchVocabulary::domain().with_batch(&whole_batch),
    };
    for (_, text) in &transcripts {
        report.real_clean_documents += 1;
        report.real_clean_chars += text.chars().count();
        report.real_clean_changed += changed_chars(&restore(text));
    }
    // The test set: the law lines of data/lm/test.txt (held out of the model like the dev
    // lines, but never looked at while tuning), then the archive transcripts.
    let mut test_law = Vec::new();
    law_slices(&repo.join("data/lm/test.txt"), "test-law", &mut test_law);
    let test_docs = test_law
        .into_iter()
        .map(|(name, text)| (name, text, false))
        .chain(
            test_archive
                .into_iter()
                .map(|(_, (name, t))| (name.clone(), t.nfc().collect(), true)),
        );
    for (i, (name, text, from_archive)) in test_docs.enumerate() {
        let text = text.as_str();
        if from_archive && in_domain_text(text) {
            report.notes.push(format!(
                "test transcript {name} is in data/lm/domain_pairs.tsv: the test figures are not held out"
            ));
        }
        let lost = random_lost_set(0x7e57 + i as u64);
        let damaged = corrupt(text, &lost);
        let out = restore(&damaged);
        let (mut lost_tally, mut accent_tally) = (Tally::default(), Tally::default());
        score_lost(text, &out.text, &lost, &mut lost_tally, None);
        let twice = restore_with(&damaged, Some(BatchVocabulary::domain()), true);
        let mut twice_tally = Tally::default();
        score_lost(text, &twice.text, &lost, &mut twice_tally, None);
        report
            .test_set
            .add_second_reading(&twice_tally, from_archive);
        let out = restore(&syllable::strip_marks(text));
        score_accents(text, &out.text, &mut accent_tally, None);
        report
            .test_set
            .add(&lost_tally, &accent_tally, from_archive);
        if from_archive {
            score_in_batch(
                text,
                &lost,
                &in_batch(&name),
                &mut report.test_set.archive_in_batch,
            );
        } else {
            report.test_law.0.add(&lost_tally);
            report.test_law.1.add(&accent_tally);
        }
    }
    for (i, (_, text)) in docs.iter().enumerate() {
        let clean = restore(text);
        report.clean_chars += text.chars().count();
        report.clean_changed += changed_chars(&clean);
        let lost = random_lost_set(0x5eed + i as u64);
        let damaged = corrupt(text, &lost);
        // A dev transcript is in the shipped domain text: restore it without its own counts.
        let from_archive = i >= first_archive_doc;
        let domain = from_archive
            .then(|| BatchVocabulary::domain().without(&BatchVocabulary::of_text(text)));
        let restore = |t: &str| match &domain {
            Some(d) => restore_in(t, Some(d)),
            None => restore(t),
        };
        let out = restore(&damaged);
        let counts = domain.as_ref().unwrap_or_else(|| BatchVocabulary::domain());
        let twice = restore_with(&damaged, Some(counts), true);
        let mut twice_tally = Tally::default();
        score_lost(text, &twice.text, &lost, &mut twice_tally, None);
        report
            .dev_set
            .add_second_reading(&twice_tally, from_archive);
        let mut mistakes = Vec::new();
        let mut doc_tally = Tally::default();
        score_lost(
            text,
            &out.text,
            &lost,
            &mut doc_tally,
            verbose.then_some(&mut mistakes),
        );
        if verbose {
            let truth: String = lost.iter().filter(|c| text.contains(**c)).collect();
            mistakes.insert(
                0,
                format!(
                    "lost glyphs {}/{} ({:.2}%); lost set {truth}; {}",
                    doc_tally.restored,
                    doc_tally.damaged,
                    100.0 * doc_tally.position_accuracy(),
                    out.notes.join("; ")
                ),
            );
        }
        tally_confidence(text, &out, &mut report);
        let stripped = syllable::strip_marks(text);
        let out = restore(&stripped);
        let mut accent_tally = Tally::default();
        score_accents(
            text,
            &out.text,
            &mut accent_tally,
            verbose.then_some(&mut mistakes),
        );
        report.dev_set.add(&doc_tally, &accent_tally, from_archive);
        if from_archive {
            let batch = in_batch(&docs[i].0);
            score_in_batch(text, &lost, &batch, &mut report.dev_set.archive_in_batch);
        }
        let name = &docs[i].0;
        report
            .mistakes
            .extend(mistakes.into_iter().map(|m| format!("{name}: {m}")));
    }
    report.dev = score_dev(shared, verbose.then_some(&mut report.mistakes));
    report.forms = score_forms(repo, verbose.then_some(&mut report.mistakes));
    report
}

/// Corrupts the made-up forms of `fixtures/forms` (each with a random lost set that holds
/// the full stop) and scores their restoration, dot leaders apart.
fn score_forms(repo: &Path, mut mistakes: Option<&mut Vec<String>>) -> FormFigures {
    let mut figures = FormFigures::default();
    let forms = super::text_files(&repo.join("fixtures/forms"), |name| name.ends_with(".txt"));
    for (i, (name, text)) in forms.into_iter().enumerate() {
        let text: String = text.nfc().collect();
        let mut lost = random_lost_set(0xf0f0 + i as u64);
        if !lost.contains(&'.') {
            lost.push('.');
        }
        let damaged = corrupt(&text, &lost);
        let out = restore(&damaged);
        let mut tally = Tally::default();
        let mut doc_mistakes = Vec::new();
        score_lost(
            &text,
            &out.text,
            &lost,
            &mut tally,
            mistakes.is_some().then_some(&mut doc_mistakes),
        );
        if let Some(m) = mistakes.as_deref_mut() {
            m.extend(doc_mistakes.into_iter().map(|x| format!("{name}: {x}")));
        }
        let (t, o): (Vec<char>, Vec<char>) = (text.chars().collect(), out.text.chars().collect());
        if t.len() == o.len() {
            let mut k = 0;
            while k < t.len() {
                let run = t[k..].iter().take_while(|&&c| c == '.').count();
                if run >= 3 {
                    figures.leader_stops += run;
                    figures.leader_stops_restored += (k..k + run).filter(|&j| o[j] == '.').count();
                }
                k += run.max(1);
            }
        }
        figures.documents += 1;
        figures.lost.add(&tally);
    }
    figures
}

/// NFC, ƣ kept as is, every run of whitespace collapsed to one space.
fn collapse(text: &str) -> Vec<char> {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect()
}

/// Levenshtein distance over chars (two rows).
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + (ca != cb) as usize;
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Character error rate of `out` against `truth` (README measure).
pub fn cer(truth: &str, out: &str) -> f64 {
    let t = collapse(truth);
    let o = collapse(out);
    if t.is_empty() {
        return 0.0;
    }
    levenshtein(&t, &o) as f64 / t.len() as f64
}

fn base(c: char) -> char {
    let mut buf = [0u8; 4];
    syllable::strip_marks(c.encode_utf8(&mut buf))
        .chars()
        .next()
        .unwrap_or(c)
        .to_lowercase()
        .next()
        .unwrap_or(c)
}

/// Among the truth's letters with a diacritic (and đ/Đ), the share reproduced exactly after
/// aligning both texts on their base letters, line by line.
pub fn diacritic_accuracy(truth: &str, out: &str) -> (usize, usize) {
    let (mut right, mut total) = (0, 0);
    for (tl, ol) in truth.lines().zip(out.lines()) {
        let t = collapse(tl);
        let o = collapse(ol);
        let tb: Vec<char> = t.iter().map(|&c| base(c)).collect();
        let ob: Vec<char> = o.iter().map(|&c| base(c)).collect();
        // Full alignment matrix for the line, then trace back.
        let (n, m) = (tb.len(), ob.len());
        let mut d = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in 0..=n {
            d[at(i, 0)] = i as u32;
        }
        for j in 0..=m {
            d[at(0, j)] = j as u32;
        }
        for i in 1..=n {
            for j in 1..=m {
                let sub = d[at(i - 1, j - 1)] + (tb[i - 1] != ob[j - 1]) as u32;
                d[at(i, j)] = sub.min(d[at(i - 1, j)] + 1).min(d[at(i, j - 1)] + 1);
            }
        }
        let (mut i, mut j) = (n, m);
        while i > 0 {
            let marked = syllable::has_marks(t[i - 1]);
            if j > 0 && d[at(i, j)] == d[at(i - 1, j - 1)] + (tb[i - 1] != ob[j - 1]) as u32 {
                if marked {
                    total += 1;
                    right += (t[i - 1] == o[j - 1]) as usize;
                }
                i -= 1;
                j -= 1;
            } else if d[at(i, j)] == d[at(i - 1, j)] + 1 {
                total += marked as usize;
                i -= 1;
            } else {
                j -= 1;
            }
        }
    }
    (right, total)
}

/// Scores the dev excerpt, if present.
pub fn score_dev(shared: &Path, mistakes: Option<&mut Vec<String>>) -> Option<DevScore> {
    let dir = shared.join("eval");
    let damaged = std::fs::read_to_string(dir.join("004_lines_001-100.damaged.txt")).ok()?;
    let truth = std::fs::read_to_string(dir.join("004_lines_001-100.truth.txt")).ok()?;
    let restored = restore(&damaged).text;
    if let Some(m) = mistakes {
        for (n, (t, o)) in truth.lines().zip(restored.lines()).enumerate() {
            let tw: Vec<&str> = t.split_whitespace().collect();
            let ow: Vec<&str> = o.split_whitespace().collect();
            if tw.len() != ow.len() {
                m.push(format!("dev line {}: {o}\n        truth: {t}", n + 1));
                continue;
            }
            for (i, (a, b)) in tw.iter().zip(&ow).enumerate() {
                if a != b {
                    let around = ow[i.saturating_sub(3)..(i + 4).min(ow.len())].join(" ");
                    m.push(format!("dev line {}: {a} -> {b} | {around}", n + 1));
                }
            }
        }
    }
    let rate = |(a, b): (usize, usize)| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Some(DevScore {
        cer_damaged: cer(&truth, &damaged),
        cer_restored: cer(&truth, &restored),
        diacritic_accuracy_damaged: rate(diacritic_accuracy(&truth, &damaged)),
        diacritic_accuracy_restored: rate(diacritic_accuracy(&truth, &restored)),
    })
}

/// Throughput and memory of the restorer.
#[derive(Debug, Clone)]
pub struct BenchReport {
    /// What the text lost.
    pub damage: Damage,
    pub bytes: usize,
    pub seconds: f64,
    /// CPU time of the benchmarking thread (the machine may be shared), if the OS tells.
    pub cpu_seconds: Option<f64>,
    /// Peak resident memory of the process (VmHWM), if the OS tells.
    pub peak_rss_kb: Option<u64>,
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "restore bench ({}): {} bytes of damaged text in {:.3}s = {:.1} KB/s on one core",
            self.damage.label(),
            self.bytes,
            self.seconds,
            self.bytes as f64 / 1024.0 / self.seconds.max(1e-9)
        )?;
        if let Some(cpu) = self.cpu_seconds {
            write!(
                f,
                " wall, {:.1} KB/s per CPU second ({cpu:.3}s CPU)",
                self.bytes as f64 / 1024.0 / cpu.max(1e-9)
            )?;
        }
        if let Some(kb) = self.peak_rss_kb {
            write!(f, ", peak RSS {:.1} MB", kb as f64 / 1024.0)?;
        }
        Ok(())
    }
}

/// CPU seconds (user + system) used by the calling thread, from /proc (Linux, 100 Hz ticks).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The two kinds of damage the restorer mends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Glyphs lost to a broken font, each leaving a space (a random lost set per document).
    LostGlyphs,
    /// Text typed without diacritics.
    Diacritics,
    /// Lost glyphs read twice (`--second-reading`).
    LostGlyphsReadTwice,
}

impl Damage {
    fn label(self) -> &'static str {
        match self {
            Damage::LostGlyphs => "lost glyphs",
            Damage::Diacritics => "diacritics stripped",
            Damage::LostGlyphsReadTwice => "lost glyphs, read twice",
        }
    }
}

/// Restores damaged held-out documents on this thread for at least `min_seconds`.
pub fn bench(shared: &Path, repo: &Path, damage: Damage, min_seconds: f64) -> BenchReport {
    let docs: Vec<String> = held_out_documents(shared, repo)
        .iter()
        .enumerate()
        .map(|(i, (_, t))| match damage {
            Damage::LostGlyphs | Damage::LostGlyphsReadTwice => {
                corrupt(t, &random_lost_set(0xbe9c + i as u64))
            }
            Damage::Diacritics => syllable::strip_marks(t),
        })
        .collect();
    let twice = matches!(damage, Damage::LostGlyphsReadTwice);
    // Warm-up: loads the model outside the timing.
    let _ = restore("Thự  hi n");
    let start = Instant::now();
    let cpu_start = thread_cpu_seconds();
    let mut bytes = 0;
    loop {
        for d in &docs {
            bytes += d.len();
            let _ = restore_with(d, Some(BatchVocabulary::domain()), twice);
        }
        if docs.is_empty() || start.elapsed().as_secs_f64() >= min_seconds {
            break;
        }
    }
    let cpu_seconds = match (cpu_start, thread_cpu_seconds()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    BenchReport {
        damage,
        bytes,
        seconds: start.elapsed().as_secs_f64(),
        cpu_seconds,
        peak_rss_kb: peak_rss_kb(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_domain_counts_are_those_of_the_documents_they_name() {
        // Rebuilt from the documents the file names, so more transcripts in ../shared or
        // more probes do not make it stale.
        let names = counted_documents(TRANSCRIPT_PREFIX);
        assert_eq!(names.len(), 15, "the dev third of the 44 transcripts");
        let folder = Path::new("../shared/corpus/legacy/ground-truth");
        let mut built = BatchVocabulary::default();
        for name in names {
            let Ok(text) = std::fs::read_to_string(folder.join(name)) else {
                return; // no shared corpus here
            };
            built.merge(&BatchVocabulary::of_text(&text.nfc().collect::<String>()));
        }
        let probes = probes_in_domain_counts();
        assert!(probes.len() >= 100, "the probes are counted");
        for (name, text) in crate::eval::probe_documents(Path::new(".")) {
            if probes.contains(name.as_str()) {
                built.merge(&BatchVocabulary::of_text(&text));
            }
        }
        let written = counted_documents(DOMAIN_TEXT_PREFIX);
        for (name, text) in domain_text(Path::new(".")) {
            if written.contains(&name.as_str()) {
                built.merge(&BatchVocabulary::of_text(&text));
            }
        }
        assert!(
            BatchVocabulary::from_tsv(SHIPPED_DOMAIN_COUNTS) == built,
            "data/lm/domain_pairs.tsv is stale: run scripts/build_domain_counts.sh"
        );
    }

    #[test]
    fn a_copy_of_the_domain_text_is_caught_and_other_text_is_not() {
        let shipped = SHIPPED_DOMAIN_COUNTS;
        // Text the shipped counts hold: lines of one word each that opens lines there.
        let line_start =
            crate::repair::restore::lm::Model::get().word(crate::repair::restore::lm::BOS);
        let copied: String = shipped
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (v, w) = (f.next()?, f.next()?);
                (v == line_start && w.chars().all(char::is_alphabetic)).then(|| w.to_string())
            })
            .take(300)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(copied.lines().count() == 300);
        assert!(in_domain_text(&copied));
        let law = include_str!("../../data/lm/test.txt");
        let other: String = law.lines().take(300).collect::<Vec<_>>().join("\n");
        assert!(!in_domain_text(&other));
    }

    #[test]
    fn diacritics_are_scored_whatever_the_tone_placement() {
        let mut tally = Tally::default();
        score_accents("hoà bình, thuỷ lợi", "hòa bình, thủy lợi", &mut tally, None);
        assert_eq!((tally.words_right, tally.words), (4, 4));
        let mut tally = Tally::default();
        score_accents("hoà bình", "hóa bình", &mut tally, None);
        assert_eq!((tally.words_right, tally.words), (1, 2));
    }
}

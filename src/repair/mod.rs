//! Stage 2, repair: [`RawText`] → [`Repaired`]. A fixed sequence of passes, each a
//! function from text to text that also reports its edits:
//!
//! 1. `legacy`  — legacy encodings (TCVN3, VNI, VISCII, VPS, VIQR, CP1258, mojibake) → Unicode
//! 2. `unicode` — NFC, look-alike letters, odd spaces, zero-width characters, tone placement
//! 3. `layout`  — hard-wrapped lines, page furniture, footnotes, web boilerplate
//! 4. `restore` — glyphs and diacritics lost by broken PDF fonts, via a language model
//!
//! Every pass's edits are kept, so any span in the final text maps back to the ingested
//! text ([`Repaired::to_original`]) and a reviewer sees what each pass changed.

pub mod diff;
pub mod edits;
pub mod layout;
pub mod legacy;
pub mod restore;
pub mod unicode;

pub use edits::{Edit, Pass, Rewriter};

use crate::ingest::{Format, RawText};
use serde::{Deserialize, Serialize};

/// Which tone-mark placement style the output uses ("hoà" vs "hòa").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ToneStyle {
    /// Mark on the main vowel: "hòa", "thủy" (the style of Decree 30/2020 documents).
    #[default]
    Modern,
    /// Mark placed the older way: "hoà", "thuỷ".
    Traditional,
    /// Leave placement as written.
    Keep,
}

/// Settings for the repair stage, built once and shared by all threads.
#[derive(Debug, Clone, Default)]
pub struct RepairOptions {
    pub tone_style: ToneStyle,
    /// Skip the language-model restorer (faster; damaged text stays damaged).
    pub no_restore: bool,
    /// The shipped in-domain counts plus the word counts of the batch's clean documents,
    /// mixed into the restorer's model ([`crate::batch::learn_vocabulary`]); None: the
    /// shipped counts alone.
    pub batch_vocabulary: Option<std::sync::Arc<restore::vocabulary::BatchVocabulary>>,
    /// Read lost glyphs twice, the second time with the document's first reading mixed
    /// into the counts ([`restore::restore_with`]).
    pub second_reading: bool,
    /// The word lists of the rules the batch runs with (`--rules`), which the restorer
    /// spells headers, positions and units from; None: the built-in rules'.
    pub lexicon: Option<std::sync::Arc<restore::lexicon::Lexicon>>,
}

/// What one pass did, for the record's `repair` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    pub step: String,
    pub changes: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A run of the text that was decoded from a legacy encoding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncodingRun {
    pub encoding: String,
    /// Byte range in the ingested text.
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
}

/// The encoding verdict for a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EncodingReport {
    /// Main encoding: "utf-8", "utf-16le", "tcvn3", "vni", "cp1258", "mixed", …
    pub encoding: String,
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<EncodingRun>,
}

/// The repaired text plus everything needed to explain it.
#[derive(Debug, Clone)]
pub struct Repaired {
    pub original: String,
    pub text: String,
    pub format: Format,
    pub encoding: EncodingReport,
    pub passes: Vec<Pass>,
}

impl Repaired {
    /// Maps a byte offset in the final text back to the ingested text.
    pub fn to_original(&self, offset: usize) -> usize {
        self.passes
            .iter()
            .rev()
            .fold(offset, |off, pass| edits::map_back(&pass.edits, off))
    }

    pub fn steps(&self) -> Vec<StepReport> {
        self.passes
            .iter()
            .map(|p| StepReport {
                step: p.name.to_string(),
                changes: p.edits.len(),
                notes: p.notes.clone(),
            })
            .collect()
    }
}

/// Runs every repair pass in order.
pub fn run(raw: &RawText, opts: &RepairOptions) -> Repaired {
    let mut passes = Vec::new();
    let (legacy_pass, encoding) = legacy::convert(&raw.text, raw.byte_encoding);
    let mut text = legacy_pass.text.clone();
    passes.push(legacy_pass);

    // Tone marks are moved last: the restorer needs them where the text put them.
    let p = unicode::normalize(&text, ToneStyle::Keep);
    text = p.text.clone();
    passes.push(p);

    let p = layout::repair(&text, raw.format);
    text = p.text.clone();
    passes.push(p);

    if !opts.no_restore {
        let counts = opts
            .batch_vocabulary
            .as_deref()
            .unwrap_or_else(|| restore::vocabulary::BatchVocabulary::domain());
        let lexicon = opts
            .lexicon
            .as_deref()
            .unwrap_or_else(|| restore::lexicon::Lexicon::builtin());
        let p = restore::restore_using(&text, Some(counts), opts.second_reading, lexicon);
        text = p.text.clone();
        passes.push(p);
    }

    let p = unicode::place_tones(&text, opts.tone_style);
    text = p.text.clone();
    passes.push(p);

    Repaired {
        original: raw.text.clone(),
        text,
        format: raw.format,
        encoding,
        passes,
    }
}

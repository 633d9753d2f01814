//! The vocabulary of a batch: word and word-pair counts of the batch's clean documents,
//! mixed into the language model when the batch's damaged documents are restored.
//!
//! The model is trained on law codes; an archive speaks of taxes, investment or health
//! budgets in words the codes hardly use ("Thông tư này", "đầu tư", "thuế suất"). The
//! clean documents of the same batch use them all the time, so their counts tell the
//! restorer what this archive writes. Counting is order-free (sums), so the result does not
//! depend on the thread count; a batch is merged in input order and stops taking new word
//! pairs at [`MAX_PAIRS`], so memory stays bounded whatever the batch holds.
//!
//! The same counts of in-domain text ([`BatchVocabulary::domain`]: official documents of
//! the 2000s, shipped as counts, not text) are mixed in on every restore; a learnt batch
//! adds its own.
//!
//! This module only counts and scores; which documents are clean is decided by the caller
//! ([`super::reads_clean`]).

use super::lm::{pair_key, Model, BOS, UNK};
use super::syllable::FxBuild;
use std::collections::HashMap;

/// Weight of the batch's counts against the language model (chosen on the dev set's
/// archive documents: 0.15–0.3 measure alike).
const BATCH_WEIGHT: f32 = 0.2;
/// Pseudo-count of the batch unigram in a word pair's estimate (Dirichlet smoothing).
const PAIR_PRIOR: f32 = 2.0;
/// Pseudo-count of every token in the batch unigram.
const TOKEN_PRIOR: f32 = 0.01;
/// Word-pair counts of in-domain running text, see [`BatchVocabulary::domain`].
const DOMAIN_COUNTS: &str = include_str!("../../../data/lm/domain_pairs.tsv");
/// Most distinct word pairs kept (12 bytes each: about 50 MB).
pub const MAX_PAIRS: usize = 4_000_000;

/// Token and token-pair counts (model ids) of clean text.
#[derive(Debug, Default, Clone)]
pub struct BatchVocabulary {
    /// Counts by token id (dense: scoring reads them on every model lookup).
    tokens: Vec<u32>,
    /// Keyed by `v << 16 | w`.
    pairs: HashMap<u32, u32, FxBuild>,
    /// Pairs starting with each token.
    contexts: Vec<u32>,
    total: u64,
    /// Tokens of `total` that the batch's own documents taught (the rest were shipped).
    batch_tokens: u64,
    /// Which counts these are: renewed whenever they change, so cached scores are only
    /// reused with the counts they were computed with (0: empty, never changed).
    generation: u64,
}

/// Equal counts (whatever their generation).
impl PartialEq for BatchVocabulary {
    fn eq(&self, other: &Self) -> bool {
        self.tokens == other.tokens
            && self.pairs == other.pairs
            && self.contexts == other.contexts
            && self.total == other.total
            && self.batch_tokens == other.batch_tokens
    }
}

/// A new generation number, unique in the process.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The count of `id` in a dense table, grown to hold it.
pub(super) fn dense_count(counts: &mut Vec<u32>, id: u16) -> &mut u32 {
    let i = id as usize;
    if counts.len() <= i {
        counts.resize(i + 1, 0);
    }
    &mut counts[i]
}

impl BatchVocabulary {
    /// The counts of in-domain text shipped with the model (`data/lm/domain_pairs.tsv`:
    /// official documents of the 2000s), which every restore mixes in: the model's running
    /// text is law codes, and reports and letters speak of "đề tài", "dự toán", "cai nghiện".
    pub fn domain() -> &'static BatchVocabulary {
        static CELL: std::sync::OnceLock<BatchVocabulary> = std::sync::OnceLock::new();
        CELL.get_or_init(|| BatchVocabulary::from_tsv(DOMAIN_COUNTS))
    }

    /// The word pairs as `first<TAB>second<TAB>count` lines in the model's spelling, sorted,
    /// after `#` lines naming where they came from: what the shipped counts file holds, so
    /// the documents themselves need not be shipped.
    pub fn to_tsv(&self, comments: &[String]) -> String {
        let model = Model::get();
        let mut rows: Vec<(&str, &str, u32)> = self
            .pairs
            .iter()
            .map(|(&key, &n)| (model.word((key >> 16) as u16), model.word(key as u16), n))
            .collect();
        rows.sort_unstable();
        let mut out = String::new();
        for line in comments {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        for (v, w, n) in rows {
            out.push_str(&format!("{v}\t{w}\t{n}\n"));
        }
        out
    }

    /// Counts written by [`BatchVocabulary::to_tsv`]. A word the model no longer knows
    /// (a model rebuilt since) counts as unknown; malformed lines are skipped.
    pub fn from_tsv(text: &str) -> BatchVocabulary {
        let model = Model::get();
        let mut out = BatchVocabulary::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(v), Some(w), Some(n), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(n) = n.parse::<u32>() else {
                continue;
            };
            let id = |s: &str| model.token_id(s).unwrap_or(UNK);
            out.add(id(v), id(w), n);
        }
        out.generation = next_generation();
        out
    }

    /// The counts of one document's text.
    pub fn of_text(text: &str) -> BatchVocabulary {
        let model = Model::get();
        let mut out = BatchVocabulary::default();
        for line in text.lines() {
            let mut v = BOS;
            for w in model.lm_tokens(line) {
                out.add(v, w, 1);
                v = w;
            }
        }
        out.generation = next_generation();
        out
    }

    fn add(&mut self, v: u16, w: u16, n: u32) {
        let key = pair_key(v, w);
        if let Some(c) = self.pairs.get_mut(&key) {
            *c += n;
        } else if self.pairs.len() < MAX_PAIRS {
            self.pairs.insert(key, n);
        } else {
            return;
        }
        *dense_count(&mut self.tokens, w) += n;
        *dense_count(&mut self.contexts, v) += n;
        self.total += n as u64;
    }

    /// Adds another vocabulary's counts (merge in a fixed order for a fixed result once
    /// [`MAX_PAIRS`] is reached).
    pub fn merge(&mut self, other: &BatchVocabulary) {
        let mut pairs: Vec<(&u32, &u32)> = other.pairs.iter().collect();
        pairs.sort_unstable();
        for (&key, &n) in pairs {
            self.add((key >> 16) as u16, key as u16, n);
        }
        self.generation = next_generation();
    }

    /// These counts less those of `part` (a document taken back out of the batch).
    pub fn without(&self, part: &BatchVocabulary) -> BatchVocabulary {
        let mut out = self.clone();
        for (&key, &n) in &part.pairs {
            let Some(c) = out.pairs.get_mut(&key) else {
                continue;
            };
            let n = n.min(*c);
            *c -= n;
            if *c == 0 {
                out.pairs.remove(&key);
            }
            for (map, id) in [
                (&mut out.tokens, key as u16),
                (&mut out.contexts, (key >> 16) as u16),
            ] {
                if let Some(t) = map.get_mut(id as usize) {
                    *t = t.saturating_sub(n);
                }
            }
            out.total = out.total.saturating_sub(n as u64);
        }
        out.generation = next_generation();
        out
    }

    /// The shipped counts plus those a batch's clean documents taught (`learned`).
    pub fn with_batch(&self, learned: &BatchVocabulary) -> BatchVocabulary {
        let mut out = self.clone();
        let before = out.total;
        out.merge(learned);
        out.batch_tokens += out.total - before;
        out
    }

    /// Which counts these are (see the field): equal generations, equal counts.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Tokens that a batch's own documents taught.
    pub fn batch_tokens(&self) -> u64 {
        self.batch_tokens
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Tokens counted.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// log10 of the model's P(w | …v), given as `model_log10`, mixed with the batch's
    /// P(w | v).
    pub fn mix(&self, model_log10: f32, v: u16, w: u16) -> f32 {
        if self.total == 0 {
            return model_log10;
        }
        let n = |c: Option<&u32>| c.copied().unwrap_or(0) as f32;
        let vocabulary_size = Model::get().vocabulary_size() as f32;
        let p_token = (n(self.tokens.get(w as usize)) + TOKEN_PRIOR)
            / (self.total as f32 + TOKEN_PRIOR * vocabulary_size);
        let context = n(self.contexts.get(v as usize));
        // A context never seen has no pairs: the table (large, so a likely cache miss) is
        // only read for the others.
        let pair = if context > 0.0 {
            n(self.pairs.get(&pair_key(v, w)))
        } else {
            0.0
        };
        let p_pair = (pair + PAIR_PRIOR * p_token) / (context + PAIR_PRIOR);
        log10_approx((1.0 - BATCH_WEIGHT) * exp10_approx(model_log10) + BATCH_WEIGHT * p_pair)
    }
}

/// 10^x to a relative error below 4e-6 (a degree-4 fit of 2^f on [0, 1) times a power of
/// two built from its bits). The model's scores are stored to 0.001, and libm's powf was
/// a tenth of the restorer's time.
fn exp10_approx(x: f32) -> f32 {
    let y = (x * std::f32::consts::LOG2_10).clamp(-126.0, 126.0);
    let mut whole = y as i32;
    if whole as f32 > y {
        whole -= 1;
    }
    let f = y - whole as f32;
    let two_to_f = 1.000_003_6
        + f * (0.692_969_55 + f * (0.241_621_32 + f * (0.051_717_735 + f * 0.013_683_983)));
    f32::from_bits(((whole + 127) as u32) << 23) * two_to_f
}

/// log10 of a positive normal `x` to within 4e-5 (its exponent plus a degree-4 fit of
/// log2 on the mantissa's [1, 2)).
fn log10_approx(x: f32) -> f32 {
    let bits = x.to_bits();
    let exponent = ((bits >> 23) & 0xff) as i32 - 127;
    let m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    let log2_m =
        -2.505_614_7 + m * (4.049_617 + m * (-2.099_402_3 + m * (0.635_511_1 + m * -0.080_010_88)));
    (exponent as f32 + log2_m) * std::f32::consts::LOG10_2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_the_batch_uses_gains_on_one_it_does_not() {
        let model = Model::get();
        let id = |s: &str| model.syllable_id(s).expect("syllable");
        let batch =
            BatchVocabulary::of_text("Thông tư này hướng dẫn thi hành.\nTheo Thông tư này.");
        let (thong, tu_doc, tu_from) = (id("thông"), id("tư"), id("từ"));
        let base_doc = model.logp(BOS, thong, tu_doc);
        let base_from = model.logp(BOS, thong, tu_from);
        let doc = batch.mix(base_doc, thong, tu_doc);
        let from = batch.mix(base_from, thong, tu_from);
        assert!(
            doc > base_doc && from < base_from,
            "{doc} {base_doc} {from} {base_from}"
        );
        assert_eq!(
            BatchVocabulary::default().mix(base_doc, thong, tu_doc),
            base_doc
        );
    }

    #[test]
    fn the_approximations_hold_to_the_models_precision() {
        for i in -4000..=0 {
            let x = i as f32 / 200.0;
            let want = 10f32.powf(x);
            assert!((exp10_approx(x) / want - 1.0).abs() < 1e-5, "10^{x}");
            assert!((log10_approx(want) - x).abs() < 1e-4, "log10 10^{x}");
        }
    }

    #[test]
    fn counts_written_out_read_back_the_same() {
        let text =
            "Sở Tài chính đề nghị các đơn vị lập dự toán năm 2031.\nKính gửi: UBND các quận, huyện";
        let counts = BatchVocabulary::of_text(text);
        let written = counts.to_tsv(&["made-up text".to_string()]);
        assert!(written.starts_with("# made-up text\n"));
        assert!(written.contains("dự\ttoán\t1\n"), "{written}");
        assert_eq!(BatchVocabulary::from_tsv(&written), counts);
        // A line that is not three fields is skipped, not fatal.
        let damaged = format!("{written}dự\ttoán\n\tx\tmany\n");
        assert_eq!(BatchVocabulary::from_tsv(&damaged), counts);
    }

    #[test]
    fn merging_and_taking_back_out_agree() {
        let a = BatchVocabulary::of_text("Cơ quan thuế có thẩm quyền.");
        let b = BatchVocabulary::of_text("Thuế suất thuế giá trị gia tăng.");
        let mut both = a.clone();
        both.merge(&b);
        assert_eq!(both.total(), a.total() + b.total());
        let mut other_order = b.clone();
        other_order.merge(&a);
        assert_eq!(both, other_order);
        let back = both.without(&b);
        assert_eq!(back.total(), a.total());
        assert_eq!(back.pairs, a.pairs);
    }
}

//! The syllable trigram language model (Kneser-Ney estimates, stored as log10 scores),
//! built by scripts/build_lm.py from registry data (see data/lm/SOURCE.md). A triple the
//! model lacks scores as its last pair, with no back-off weight: the pairs come from a
//! corpus a hundred times the triples' (the script says why). It is compiled into the
//! binary, parsed once on first use and shared read-only by all threads.
//!
//! Tokens are lower-case syllables, punctuation marks and a few classes for official
//! document tokens: numbers (1.587.000.000), dates (30/9/2013), reference numbers
//! (111/2013/NĐ-CP) and abbreviations (UBND, NĐ-CP). [`lm_tokens`] mirrors the build
//! script's tokenizer; keep both in step.

use super::packed::PackedMap;
use super::rows::PairRows;
use super::syllable::{is_letter, lower, modern_tone, strip_marks, FxBuild};
use super::vocabulary::BatchVocabulary;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

static MODEL_BYTES: &[u8] = include_bytes!("../../../data/lm/vi_syllable.lm");

pub const UNK: u16 = 0;
pub const BOS: u16 = 1;
pub const EOS: u16 = 2;
pub const NUM: u16 = 3;
pub const DATE: u16 = 4;
pub const REF: u16 = 5;
pub const ABBR: u16 = 6;
const PUNCT: &str = ",.;:()-%?!\"/&“”…–—";
/// The sets of [`is_lead`] and [`is_trail`] as the build script writes them.
#[cfg(test)]
const LEAD: &str = "([\"“'-–—";
#[cfg(test)]
const TRAIL: &str = ",.;:)]\"”'!?%…";

/// Leading punctuation of a token (`LEAD`, written out for speed).
#[inline]
pub fn is_lead(c: char) -> bool {
    matches!(c, '(' | '[' | '"' | '“' | '\'' | '-' | '–' | '—')
}

/// Trailing punctuation of a token (`TRAIL`, written out for speed).
#[inline]
pub fn is_trail(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | ')' | ']' | '"' | '”' | '\'' | '!' | '?' | '%' | '…'
    )
}

/// The parsed model.
pub struct Model {
    vocab: Vec<Box<str>>,
    ids: HashMap<Box<str>, u16, FxBuild>,
    /// Per id: (log10 unigram probability, log10 back-off weight as bigram context), ×1000.
    unigram: Vec<(i16, i16)>,
    /// Pairs (v, w) → log10 P(w|v) ×1000 (an i16's bits), one row per v.
    bigrams: PairRows,
    /// Triples (u, v, w) → log10 score of w after u v, grouped by context.
    triples: Triples,
    /// Per word, the words that often follow it ([`Model::often_follows`]).
    often: Followers,
    /// Share of each non-space char in the training text.
    char_share: HashMap<char, f64>,
    /// The sum of the letters' shares.
    letter_share: f64,
    /// Unaccented form → syllable ids that strip to it (for diacritic restoration).
    by_stripped: HashMap<String, Vec<u16>>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
}

/// A word pair's key in the score cache and the batch vocabulary (and a triple context's
/// in the model's table): v << 16 | w.
pub(super) fn pair_key(v: u16, w: u16) -> u32 {
    ((v as u32) << 16) | w as u32
}

/// A score as the tables store it (an i16's bits, log10 ×1000).
fn stored_score(bits: u64) -> f32 {
    bits as u16 as i16 as f32 / 1000.0
}

/// A triple's key as the model file stores it: u << 32 | v << 16 | w.
#[cfg(test)]
fn trigram_key(u: u16, v: u16, w: u16) -> u64 {
    ((u as u64) << 32) | ((v as u64) << 16) | w as u64
}

/// Two bits per key in one 64-bit word of a bit array: a key with either bit clear is
/// surely absent. Most triple contexts the searches make are ones the model lacks; the
/// bits (a few hundred KB) stay in cache where the table (megabytes) does not, so those
/// look-ups end there. Two bits in one word cost one memory access, as one bit did, and
/// let fewer absent keys through to a miss in the table (of the model's triples about one
/// in twenty-five, where one bit let one in ten through; paired runs of the lost-glyph
/// benchmark: about 5% faster, when the bits stood before tables of pairs and triples).
struct PresenceBits {
    words: Vec<u64>,
    /// 64 − log2(words).
    shift: u32,
}

impl PresenceBits {
    /// Eight to sixteen bits per key (a power of two of 64-bit words).
    fn for_keys(keys: usize) -> PresenceBits {
        let words = (keys.max(1) * 8 / 64).next_power_of_two().max(1);
        PresenceBits {
            words: vec![0; words],
            // At most 52, so twelve bits below the word's stay in the hash.
            shift: 64 - words.trailing_zeros().min(52),
        }
    }

    /// The key's word and its two bits there: a multiplicative hash, whose top bits pick
    /// the word and the twelve below them the bits (bits that high mix in the whole key).
    #[inline]
    fn probe(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let word = h.checked_shr(self.shift).unwrap_or(0) as usize;
        let below = h >> (self.shift - 12);
        (word, (1u64 << (below & 63)) | (1u64 << ((below >> 6) & 63)))
    }

    fn insert(&mut self, key: u64) {
        let (i, bits) = self.probe(key);
        if let Some(word) = self.words.get_mut(i) {
            *word |= bits;
        }
    }

    #[inline]
    fn may_contain(&self, key: u64) -> bool {
        let (i, bits) = self.probe(key);
        self.words.get(i).is_some_and(|word| word & bits == bits)
    }
}

/// The model's triples grouped by their first two words. A search scores many words after
/// one context: it finds the context's triples once ([`Model::triples_after`]) and each
/// word in a short sorted slice (half the contexts have one triple, 99% fewer than 40),
/// where a table of triples took one look-up per word into 8 MB.
struct Triples {
    /// Context u << 16 | v → where its triples start in `entries` << [`COUNT_BITS`] | how
    /// many there are.
    contexts: PackedMap,
    /// Most contexts a search makes have no triple: those end here.
    context_bits: PresenceBits,
    /// w << 16 | the score's bits (log10 ×1000, an i16), sorted by context, then w.
    entries: Vec<u32>,
}

/// Bits of a context's triple count; the rest of 32 hold where they start.
const COUNT_BITS: u32 = 11;

/// Where a context's triples lie in [`Triples::entries`], from its value in the table.
fn entries_of(found: u64) -> std::ops::Range<usize> {
    let start = (found >> COUNT_BITS) as usize;
    start..start + (found & ((1 << COUNT_BITS) - 1)) as usize
}

impl Triples {
    /// From (u << 32 | v << 16 | w, score ×1000); None where a context has more triples
    /// than [`COUNT_BITS`] can count, or there are more than the other bits can reach.
    fn from_entries(mut all: Vec<(u64, i16)>) -> Option<Triples> {
        all.sort_by_key(|e| e.0);
        all.dedup_by_key(|e| e.0);
        if all.len() >= 1 << (32 - COUNT_BITS) {
            return None;
        }
        let mut triples = Triples {
            entries: all
                .iter()
                .map(|&(key, score)| (key as u16 as u32) << 16 | score as u16 as u32)
                .collect(),
            ..Triples::empty()
        };
        let mut starts: Vec<(u64, usize, usize)> = Vec::new();
        for (i, &(key, _)) in all.iter().enumerate() {
            match starts.last_mut() {
                Some(last) if last.0 == key >> 16 => last.2 += 1,
                _ => starts.push((key >> 16, i, 1)),
            }
        }
        triples.contexts = PackedMap::with_capacity(starts.len(), 32);
        triples.context_bits = PresenceBits::for_keys(starts.len());
        for (context, start, count) in starts {
            if count >= 1 << COUNT_BITS
                || !triples
                    .contexts
                    .insert(context, (start as u64) << COUNT_BITS | count as u64)
            {
                return None;
            }
            triples.context_bits.insert(context);
        }
        Some(triples)
    }

    fn empty() -> Triples {
        Triples {
            contexts: PackedMap::with_capacity(0, 32),
            context_bits: PresenceBits::for_keys(0),
            entries: Vec::new(),
        }
    }

    fn after(&self, u: u16, v: u16) -> TriplesAfter<'_> {
        let context = pair_key(u, v) as u64;
        if !self.context_bits.may_contain(context) {
            return TriplesAfter(&[]);
        }
        let Some(found) = self.contexts.get(context) else {
            return TriplesAfter(&[]);
        };
        TriplesAfter(self.entries.get(entries_of(found)).unwrap_or(&[]))
    }

    /// Every stored (u << 32 | v << 16 | w).
    #[cfg(test)]
    fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.contexts.iter().flat_map(move |(context, found)| {
            self.entries[entries_of(found)]
                .iter()
                .map(move |&e| context << 16 | (e >> 16) as u64)
        })
    }
}

/// The triples of one context, as [`Model::triples_after`] finds them.
#[derive(Clone, Copy)]
pub struct TriplesAfter<'m>(&'m [u32]);

impl TriplesAfter<'_> {
    /// log10 score of w after the context, where the triple is stored.
    #[inline]
    pub fn score(self, w: u16) -> Option<f32> {
        let found = self
            .0
            .binary_search_by_key(&w, |&e| (e >> 16) as u16)
            .ok()?;
        Some(stored_score(self.0[found] as u64))
    }
}

/// How likely (log10) a word must be after another to follow it often
/// ([`Model::often_follows`]).
pub(crate) const OFTEN_AFTER: f32 = -2.0;
/// [`OFTEN_AFTER`] as the tables store scores (×1000).
const OFTEN_AFTER_STORED: i16 = (OFTEN_AFTER * 1000.0) as i16;

/// Per word, the sorted words that often follow it: as a probability of at least 10^-2,
/// at most a hundred each. The searches ask this of every spelling kept in reserve after
/// every context, mostly for pairs the model lacks; the lists (a few hundred KB, read a
/// few at a time) stay in cache where the pair table does not.
struct Followers {
    /// Per word v, where its followers start in `words` (one more entry at the end).
    starts: Vec<u32>,
    words: Vec<u16>,
    /// Per word v, one bit per follower ([`follower_bit`]): most words asked about follow
    /// rarely, and a clear bit answers for them without a search.
    bits: Vec<u64>,
}

/// A word's bit in [`Followers::bits`].
#[inline]
fn follower_bit(w: u16) -> u64 {
    1 << ((w as u32).wrapping_mul(0x9e37_79b9) >> 26)
}

impl Followers {
    /// From pair keys (v << 16 | w), for a vocabulary of `n` words.
    fn from_pairs(mut pairs: Vec<u32>, n: usize) -> Followers {
        pairs.sort_unstable();
        let mut starts = Vec::with_capacity(n + 1);
        let mut at = 0;
        for v in 0..=n {
            starts.push(at as u32);
            while pairs.get(at).is_some_and(|&k| (k >> 16) as usize == v) {
                at += 1;
            }
        }
        let mut bits = vec![0; n];
        for &k in &pairs {
            if let Some(b) = bits.get_mut((k >> 16) as usize) {
                *b |= follower_bit(k as u16);
            }
        }
        Followers {
            starts,
            words: pairs.iter().map(|&k| k as u16).collect(),
            bits,
        }
    }

    fn contains(&self, v: u16, w: u16) -> bool {
        self.bits
            .get(v as usize)
            .is_some_and(|&b| b & follower_bit(w) != 0)
            && self.of(v).binary_search(&w).is_ok()
    }

    fn of(&self, v: u16) -> &[u16] {
        let v = v as usize;
        match (self.starts.get(v), self.starts.get(v + 1)) {
            (Some(&a), Some(&b)) => self.words.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Model {
    /// The built-in model (an empty one if the embedded file were unreadable).
    pub fn get() -> &'static Model {
        static CELL: OnceLock<Model> = OnceLock::new();
        CELL.get_or_init(|| Model::parse(MODEL_BYTES).unwrap_or_else(Model::empty))
    }

    fn empty() -> Model {
        Model {
            vocab: Vec::new(),
            ids: HashMap::default(),
            unigram: Vec::new(),
            bigrams: PairRows::empty(),
            triples: Triples::empty(),
            often: Followers::from_pairs(Vec::new(), 0),
            char_share: HashMap::new(),
            letter_share: 1.0,
            by_stripped: HashMap::new(),
        }
    }

    fn parse(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(6)? != b"VNLM2\n" {
            return None;
        }
        let n = r.u32()? as usize;
        let len = r.u32()? as usize;
        let text = std::str::from_utf8(r.take(len)?).ok()?;
        let vocab: Vec<Box<str>> = text.split('\n').map(Box::from).collect();
        if vocab.len() != n || n > u16::MAX as usize {
            return None;
        }
        let mut unigram = Vec::with_capacity(n);
        for _ in 0..n {
            unigram.push((r.i16()?, r.i16()?));
        }
        let nb = r.u32()? as usize;
        let mut pairs = Vec::with_capacity(nb.min(bytes.len() / 6));
        let mut often_pairs = Vec::new();
        for _ in 0..nb {
            let key = r.u32()?;
            let score = r.i16()?;
            pairs.push(((key >> 16) as u16, key as u16, score as u16));
            if score >= OFTEN_AFTER_STORED {
                often_pairs.push(key);
            }
        }
        let bigrams = PairRows::new(pairs, n)?;
        let often = Followers::from_pairs(often_pairs, n);
        let nt = r.u32()? as usize;
        let mut triple_entries = Vec::with_capacity(nt.min(bytes.len() / 10));
        for _ in 0..nt {
            let key = r.u64()?;
            triple_entries.push((key, r.i16()?));
        }
        let triples = Triples::from_entries(triple_entries)?;
        let clen = r.u32()? as usize;
        let ctext = std::str::from_utf8(r.take(clen)?).ok()?;
        let mut counts = Vec::new();
        for line in ctext.lines() {
            let mut parts = line.split('\t');
            let (Some(c), Some(k)) = (parts.next(), parts.next()) else {
                continue;
            };
            let mut chars = c.chars();
            if let (Some(ch), None, Ok(k)) = (chars.next(), chars.next(), k.parse::<f64>()) {
                counts.push((ch, k));
            }
        }
        let total: f64 = counts.iter().map(|(_, k)| k).sum::<f64>().max(1.0);
        let mut char_share: HashMap<char, f64> =
            counts.into_iter().map(|(c, k)| (c, k / total)).collect();
        // Official documents write dates and references with slashes far more than law codes.
        let slash = char_share.entry('/').or_default();
        *slash = slash.max(0.004);
        let ids: HashMap<Box<str>, u16, FxBuild> = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u16))
            .collect();
        let mut by_stripped: HashMap<String, Vec<u16>> = HashMap::new();
        for (i, w) in vocab.iter().enumerate() {
            if w.chars().all(char::is_alphabetic) {
                by_stripped
                    .entry(strip_marks(w))
                    .or_default()
                    .push(i as u16);
            }
        }
        Some(Model {
            vocab,
            ids,
            unigram,
            bigrams,
            triples,
            often,
            letter_share: char_share
                .iter()
                .filter(|(c, _)| is_letter(**c))
                .map(|(_, k)| k)
                .sum::<f64>()
                .max(1e-6),
            char_share,
            by_stripped,
        })
    }

    pub fn is_loaded(&self) -> bool {
        !self.vocab.is_empty()
    }

    pub fn word(&self, id: u16) -> &str {
        self.vocab.get(id as usize).map(|w| &**w).unwrap_or("")
    }

    /// Id of any token of the vocabulary as [`Model::word`] spells it.
    pub fn token_id(&self, word: &str) -> Option<u16> {
        self.ids.get(word).copied()
    }

    /// Id of a lower-case syllable in modern tone placement.
    pub fn syllable_id(&self, low: &str) -> Option<u16> {
        self.ids.get(low).copied().filter(|&i| i > ABBR)
    }

    pub fn punct_id(&self, c: char) -> u16 {
        // The law texts write dashes as hyphens.
        let c = if matches!(c, '–' | '—') { '-' } else { c };
        if !PUNCT.contains(c) {
            return UNK;
        }
        let mut buf = [0u8; 4];
        self.ids
            .get(&*c.encode_utf8(&mut buf))
            .copied()
            .unwrap_or(UNK)
    }

    /// Share of `c` among non-space chars of Vietnamese text.
    pub fn char_share(&self, c: char) -> f64 {
        self.char_share.get(&c).copied().unwrap_or(0.0)
    }

    /// Share of letters among non-space chars of Vietnamese text.
    pub fn letter_share(&self) -> f64 {
        self.letter_share
    }

    /// Syllable ids whose unaccented form is `stripped` (lower case).
    pub fn accent_candidates(&self, stripped: &str) -> &[u16] {
        self.by_stripped
            .get(stripped)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn unigram_of(&self, w: u16) -> (f32, f32) {
        match self.unigram.get(w as usize) {
            Some(&(p, b)) => (p as f32 / 1000.0, b as f32 / 1000.0),
            None => (-7.0, 0.0),
        }
    }

    /// log10 P(w | v), where the model stores the pair (None: it has not seen w follow v).
    pub(crate) fn bigram_p(&self, v: u16, w: u16) -> Option<f32> {
        self.bigrams.get(v, w).map(|s| stored_score(s as u64))
    }

    /// Whether the model stores w after v with log10 P(w | v) ≥ [`OFTEN_AFTER`]: a short
    /// sorted list per v, where [`Model::bigram_p`] reads the large tables.
    pub(crate) fn often_follows(&self, v: u16, w: u16) -> bool {
        self.often.contains(v, w)
    }

    /// log10 unigram probability of a token.
    pub fn unigram(&self, w: u16) -> f32 {
        self.unigram_of(w).0
    }

    /// Tokens the model knows (specials, punctuation, syllables).
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len()
    }

    /// log10 P(w | u v), mixed with the batch's own counts where given.
    pub fn logp_in(&self, u: u16, v: u16, w: u16, batch: Option<&BatchVocabulary>) -> f32 {
        let p = self.logp(u, v, w);
        match batch {
            Some(b) => b.mix(p, v, w),
            None => p,
        }
    }

    /// log10 score of w after u v: the triple's if stored, else the pair's, else the
    /// unigram's with v's back-off weight.
    pub fn logp(&self, u: u16, v: u16, w: u16) -> f32 {
        self.trigram_p(u, v, w)
            .unwrap_or_else(|| self.pair_level(v, w))
    }

    /// log10 score of a stored triple.
    fn trigram_p(&self, u: u16, v: u16, w: u16) -> Option<f32> {
        self.triples_after(u, v).score(w)
    }

    /// The stored triples that open with u v.
    pub fn triples_after(&self, u: u16, v: u16) -> TriplesAfter<'_> {
        self.triples.after(u, v)
    }

    /// log10 score of w after v where no triple is stored: the pair's, else the unigram's
    /// with v's back-off weight.
    fn pair_level(&self, v: u16, w: u16) -> f32 {
        match self.bigram_p(v, w) {
            Some(p) => p,
            None => self.unigram_of(v).1 + self.unigram_of(w).0,
        }
    }

    /// Classifies a token core (no leading/trailing punctuation) as the build script does.
    pub fn classify_core(&self, core: &str) -> Option<u16> {
        let first = core.chars().next()?;
        if core.chars().all(is_letter) {
            // Its shape: lower case, capitalised or all capitals ("ƣ" lower-cases to "ư").
            let changes_in_lower = |c: char| c.is_uppercase() || c == 'ƣ';
            let all_lower = !core.chars().any(changes_in_lower);
            let rest_lower = !core[first.len_utf8()..].chars().any(changes_in_lower);
            let all_upper = !core.chars().any(char::is_lowercase);
            if rest_lower || all_upper {
                let low = if all_lower {
                    Cow::Borrowed(core)
                } else {
                    Cow::Owned(lower(core))
                };
                if let Some(id) = self.syllable_id(&modern_tone(&low)) {
                    return Some(id);
                }
            }
            if all_upper && core.len() > first.len_utf8() {
                return Some(ABBR);
            }
            return Some(UNK);
        }
        if core.bytes().all(|b| b.is_ascii_digit()) {
            return Some(NUM);
        }
        let last = core.chars().last().unwrap_or(first);
        let mut others = core.chars().filter(|c| !c.is_ascii_digit());
        if first.is_ascii_digit() && last.is_ascii_digit() {
            if others.clone().all(|c| matches!(c, '.' | ',')) {
                return Some(NUM);
            }
            if others.clone().any(|c| c == '/') && others.all(|c| matches!(c, '/' | '-' | '.')) {
                return Some(DATE);
            }
        }
        if core.bytes().any(|b| b.is_ascii_digit()) && core.contains('/') {
            return Some(REF);
        }
        if core.chars().all(|c| c.is_alphanumeric() || c == '-')
            && core.chars().any(char::is_uppercase)
        {
            return Some(ABBR);
        }
        Some(UNK)
    }

    /// The model tokens of one whitespace-free chunk, appended to `out`.
    pub fn chunk_tokens(&self, chunk: &str, out: &mut Vec<u16>) {
        let mut start = 0;
        for (i, c) in chunk.char_indices() {
            if is_lead(c) {
                out.push(self.punct_id(c));
                start = i + c.len_utf8();
            } else {
                break;
            }
        }
        let rest = &chunk[start..];
        let mut end = rest.len();
        for (i, c) in rest.char_indices().rev() {
            if is_trail(c) {
                end = i;
            } else {
                break;
            }
        }
        if let Some(id) = self.classify_core(&rest[..end]) {
            out.push(id);
        }
        self.push_marks(&rest[end..], out);
    }

    /// The tokens of a chunk's trailing marks: a run of two or more full stops is one
    /// ellipsis ("..." is "…", as `dots_as_ellipsis` in scripts/build_lm.py reads it), so
    /// the model scores a run of dots once, not as so many sentence ends.
    pub fn push_marks(&self, marks: &str, out: &mut impl Extend<u16>) {
        let mut chars = marks.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '.' && chars.peek() == Some(&'.') {
                while chars.next_if_eq(&'.').is_some() {}
                out.extend([self.punct_id('…')]);
            } else {
                out.extend([self.punct_id(c)]);
            }
        }
    }

    /// The model tokens of a line.
    pub fn lm_tokens(&self, line: &str) -> Vec<u16> {
        let mut out = Vec::new();
        for chunk in line.split_whitespace() {
            self.chunk_tokens(chunk, &mut out);
        }
        out
    }
}

/// Scores of word pairs (v, w) where the model stores no triple (u, v, w), batch counts
/// mixed in, in sets of two slots (a set keeps the last two keys that hashed to it; two
/// ways instead of one: 3% fewer reads missing the L2, paired runs 1.02). The searches ask
/// for the same pairs after many different words u, and only about one triple in a hundred
/// they ask for is stored, so keying on the pair serves far more look-ups than keying on
/// the triple did (a third). A thread keeps its slots from one document to the next
/// ([`ScoreCache::for_document`]), so a batch of short documents does not start cold each time.
pub struct ScoreCache<'b> {
    slots: Vec<(u32, f32)>,
    batch: Option<&'b BatchVocabulary>,
    /// The counts the slots were scored with ([`BatchVocabulary::generation`]; 0: none).
    tag: u64,
}

/// log2 of a score cache's slots (8 bytes each: 1 MB per thread). On the lost-glyph
/// benchmark 32K slots served 72% of look-ups, 128K serve 80% and ran 5% faster, 512K 83%.
const CACHE_BITS: u32 = 17;
const CACHE_SLOTS: usize = 1 << CACHE_BITS;
/// No pair has this key: the model has fewer than 65,535 tokens.
const EMPTY_SLOT: u32 = u32::MAX;

/// Cache slots (packed pair, score) with the tag of the counts they were scored with.
type TaggedSlots = (Vec<(u32, f32)>, u64);

thread_local! {
    /// The slots of the last cache dropped on this thread.
    static SPARE_SLOTS: std::cell::RefCell<Option<TaggedSlots>> =
        const { std::cell::RefCell::new(None) };
}

impl<'b> ScoreCache<'b> {
    /// A cache for one document scored with `batch`'s counts mixed in: the thread's slots
    /// from the document before, emptied unless it was scored with the same counts.
    pub fn for_document(batch: Option<&'b BatchVocabulary>) -> ScoreCache<'b> {
        let batch = batch.filter(|b| !b.is_empty());
        let tag = batch.map_or(0, |b| b.generation());
        let spare = SPARE_SLOTS.with(|s| s.borrow_mut().take());
        let slots = match spare {
            Some((mut slots, spare_tag)) if slots.len() == CACHE_SLOTS => {
                if spare_tag != tag {
                    slots.fill((EMPTY_SLOT, 0.0));
                }
                slots
            }
            _ => vec![(EMPTY_SLOT, 0.0); CACHE_SLOTS],
        };
        ScoreCache { slots, batch, tag }
    }

    /// Which counts the cache scores with ([`BatchVocabulary::generation`]; 0: none).
    pub fn tag(&self) -> u64 {
        self.tag
    }

    /// log10 P(w | u v), as [`Model::logp_in`] gives it.
    pub fn logp(&mut self, model: &Model, u: u16, v: u16, w: u16) -> f32 {
        self.logp_after(model, model.triples_after(u, v), v, w)
    }

    /// [`ScoreCache::logp`] with the context's triples found once for many words.
    #[inline]
    pub fn logp_after(&mut self, model: &Model, after: TriplesAfter<'_>, v: u16, w: u16) -> f32 {
        if let Some(p) = after.score(w) {
            return self.mixed(p, v, w);
        }
        self.pair_logp(model, v, w)
    }

    /// A model score of w after v with the batch's counts mixed in, where there are any.
    fn mixed(&self, model_log10: f32, v: u16, w: u16) -> f32 {
        match self.batch {
            Some(b) => b.mix(model_log10, v, w),
            None => model_log10,
        }
    }

    /// What [`ScoreCache::pair_logp`] reads for words after v, to start loading it
    /// ([`PairLines::prefetch`]).
    #[inline]
    pub fn lines_after<'a>(&'a self, model: &'a Model, v: u16) -> PairLines<'a> {
        PairLines {
            slots: &self.slots,
            row: model.bigrams.row_of(v),
            v,
        }
    }

    /// log10 score of w after v alone (the pair level of [`ScoreCache::logp`]): what a
    /// triple the model lacks scores.
    pub fn pair_logp(&mut self, model: &Model, v: u16, w: u16) -> f32 {
        let key = pair_key(v, w);
        // Two slots per set, side by side in one cache line, the last used first.
        let set = cache_set(key);
        if let Some(ways) = self.slots.get_mut(set * 2..set * 2 + 2) {
            if ways[0].0 == key {
                return ways[0].1;
            }
            if ways[1].0 == key {
                ways.swap(0, 1);
                return ways[0].1;
            }
        }
        let p = self.mixed(model.pair_level(v, w), v, w);
        if let Some(ways) = self.slots.get_mut(set * 2..set * 2 + 2) {
            ways[1] = ways[0];
            ways[0] = (key, p);
        }
        p
    }
}

/// The set of two slots the pair `key` may be cached in.
#[inline]
fn cache_set(key: u32) -> usize {
    ((key as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (65 - CACHE_BITS)) as usize
}

/// The score cache's slots and the model's pair row for words after one word v
/// ([`ScoreCache::lines_after`]). The searches know the pairs they will score a little
/// before they score them; asked for together, the lines' loads overlap instead of
/// stalling one after another (paired runs of the lost-glyph benchmark, 5–13% faster).
pub struct PairLines<'a> {
    slots: &'a [(u32, f32)],
    row: super::rows::Row<'a>,
    v: u16,
}

impl PairLines<'_> {
    /// Starts loading the slots [`ScoreCache::pair_logp`] reads for (v, w), and the
    /// model's pair for where they lack it.
    #[inline]
    pub fn prefetch(&self, w: u16) {
        if let Some(slot) = self.slots.get(cache_set(pair_key(self.v, w)) * 2) {
            super::prefetch::prefetch(slot);
        }
        self.row.prefetch(w);
    }
}

impl Drop for ScoreCache<'_> {
    fn drop(&mut self) {
        let slots = std::mem::take(&mut self.slots);
        let tag = self.tag;
        // Ignored when the thread is being torn down.
        let _ = SPARE_SLOTS.try_with(|s| *s.borrow_mut() = Some((slots, tag)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pair_keyed_cache_scores_as_the_model_does() {
        let model = Model::get();
        let batch = BatchVocabulary::of_text("Thông tư này hướng dẫn thi hành nghị định.");
        let mut cache = ScoreCache::for_document(Some(&batch));
        let stored: Vec<u64> = model.triples.keys().take(200).collect();
        for _ in 0..2 {
            for &key in &stored {
                let (u, v, w) = ((key >> 32) as u16, (key >> 16) as u16, key as u16);
                // The stored triple, then the same pair after a word it never follows.
                assert_eq!(
                    cache.logp(model, u, v, w),
                    model.logp_in(u, v, w, Some(&batch))
                );
                let other = (0..model.vocabulary_size() as u16)
                    .find(|&x| model.trigram_p(x, v, w).is_none())
                    .expect("a context without the triple");
                let alone = cache.logp(model, other, v, w);
                assert_eq!(alone, model.logp_in(other, v, w, Some(&batch)));
                assert_eq!(
                    cache.logp(model, u, v, w),
                    model.logp_in(u, v, w, Some(&batch))
                );
            }
        }
    }

    #[test]
    fn a_cache_kept_across_documents_never_serves_other_counts() {
        let model = Model::get();
        let id = |s: &str| model.syllable_id(s).expect("syllable");
        let (thong, tu) = (id("thông"), id("tư"));
        let first = BatchVocabulary::of_text("Thông tư này hướng dẫn.");
        let mut grown = first.clone();
        grown.merge(&BatchVocabulary::of_text(
            "Thông tư số 01. Thông tư liên tịch.",
        ));
        let from_first = ScoreCache::for_document(Some(&first)).logp(model, BOS, thong, tu);
        assert_eq!(from_first, model.logp_in(BOS, thong, tu, Some(&first)));
        // The thread's slots now hold the first counts' score; other counts must not see it.
        let from_grown = ScoreCache::for_document(Some(&grown)).logp(model, BOS, thong, tu);
        assert_eq!(from_grown, model.logp_in(BOS, thong, tu, Some(&grown)));
        assert_ne!(from_first, from_grown);
        let alone = ScoreCache::for_document(None).logp(model, BOS, thong, tu);
        assert_eq!(alone, model.logp(BOS, thong, tu));
    }

    #[test]
    fn model_loads_and_scores_in_domain_text_higher() {
        let m = Model::get();
        assert!(m.is_loaded());
        let score = |s: &str| {
            let t = m.lm_tokens(s);
            let (mut u, mut v, mut total) = (BOS, BOS, 0.0);
            for w in t {
                total += m.logp(u, v, w);
                u = v;
                v = w;
            }
            total
        };
        assert!(score("người lao động có quyền") > score("quyền có động lao người"));
        assert!(score("thực hiện kế hoạch") > score("thuc hien ke hoach"));
        // Word pairs the law codes hardly use come from the general-domain counts: there
        // "tư" is mostly "đầu tư", and "từ" a common word.
        assert!(score("y tế tư nhân") > score("y tế từ nhân"));
        assert!(score("in hóa đơn") > score("in hoa đơn") + 1.0);
        // A context the law codes know well does not shut out a word they never saw after it.
        assert!(score("để nâng cao hiệu quả") > score("để năng cao hiệu quả") + 1.0);
    }

    #[test]
    fn a_run_of_dots_is_one_ellipsis_and_a_full_stop_stays_one() {
        let m = Model::get();
        let ellipsis = m.punct_id('…');
        assert_eq!(m.lm_tokens("cộng đồng...")[2], ellipsis);
        assert_eq!(m.lm_tokens("cộng đồng..."), m.lm_tokens("cộng đồng…"));
        assert_eq!(m.lm_tokens("số ..... đến").len(), 3);
        assert_eq!(
            m.lm_tokens("Methadone...),")[1..],
            [ellipsis, m.punct_id(')'), m.punct_id(',')]
        );
        assert_eq!(m.lm_tokens("giao.")[1], m.punct_id('.'));
    }

    #[test]
    fn presence_bits_never_miss_a_key_and_mostly_reject_others() {
        let keys: Vec<u64> = (0..10_000u64).map(|k| k.wrapping_mul(7_919) << 3).collect();
        let mut bits = PresenceBits::for_keys(keys.len());
        for &k in &keys {
            bits.insert(k);
        }
        assert!(keys.iter().all(|&k| bits.may_contain(k)));
        let others = (0..10_000u64).map(|k| (k.wrapping_mul(7_919) << 3) | 1);
        let passed = others.filter(|&k| bits.may_contain(k)).count();
        assert!(passed < 800, "{passed} of 10000 absent keys passed");
        assert!(!PresenceBits::for_keys(0).may_contain(5));
    }

    #[test]
    fn few_contexts_the_model_lacks_get_past_their_presence_bits() {
        let m = Model::get();
        let n = m.vocabulary_size() as u64;
        let (mut absent, mut passed) = (0, 0);
        let contexts: Vec<u64> = m.triples.contexts.iter().map(|(c, _)| c).collect();
        for (i, &context) in contexts.iter().take(20_000).enumerate() {
            // The stored context with another second word.
            let other = (context & !0xffff) | ((context + 7 + i as u64 * 131) % n);
            if m.triples.contexts.get(other).is_none() {
                absent += 1;
                passed += usize::from(m.triples.context_bits.may_contain(other));
            }
        }
        assert!(absent > 15_000);
        assert!(
            passed * 100 < absent * 6,
            "{passed} of {absent} absent contexts passed"
        );
    }

    #[test]
    fn every_stored_triple_is_found_with_its_score_and_no_other() {
        let mut r = Reader {
            bytes: MODEL_BYTES,
            pos: 6,
        };
        let n = r.u32().unwrap() as usize;
        let len = r.u32().unwrap() as usize;
        r.take(len + 4 * n).unwrap();
        let nb = r.u32().unwrap() as usize;
        r.take(6 * nb).unwrap();
        let nt = r.u32().unwrap() as usize;
        let m = Model::get();
        let mut stored = std::collections::HashSet::new();
        for _ in 0..nt {
            let key = r.u64().unwrap();
            let score = r.i16().unwrap();
            let (u, v, w) = ((key >> 32) as u16, (key >> 16) as u16, key as u16);
            assert_eq!(m.trigram_p(u, v, w), Some(score as f32 / 1000.0));
            stored.insert(key);
        }
        assert_eq!(m.triples.keys().count(), nt);
        // Each stored triple with its last word moved on: found only where it is stored.
        for (i, &key) in stored.iter().enumerate().take(50_000) {
            let other = (key & !0xffff) | ((key + 1 + i as u64 % 5) & 0xffff);
            let (u, v, w) = ((other >> 32) as u16, (other >> 16) as u16, other as u16);
            assert_eq!(m.trigram_p(u, v, w).is_some(), stored.contains(&other));
        }
    }

    proptest::proptest! {
        #[test]
        fn triples_are_found_as_a_map_finds_them(
            entries in proptest::collection::vec((0u16..6, 0u16..6, 0u16..40, -5000i16..0), 0..300),
            probes in proptest::collection::vec((0u16..7, 0u16..7, 0u16..41), 0..100),
        ) {
            let keyed: Vec<(u64, i16)> =
                entries.iter().map(|&(u, v, w, s)| (trigram_key(u, v, w), s)).collect();
            let triples = Triples::from_entries(keyed.clone()).expect("few triples");
            // The first of a repeated key stands.
            let mut map = HashMap::new();
            for (key, score) in keyed {
                map.entry(key).or_insert(score);
            }
            for (u, v, w) in probes.into_iter().chain(entries.iter().map(|e| (e.0, e.1, e.2))) {
                let expected = map.get(&trigram_key(u, v, w)).map(|&s| s as f32 / 1000.0);
                proptest::prop_assert_eq!(triples.after(u, v).score(w), expected);
            }
        }
    }

    #[test]
    fn the_followers_lists_hold_the_pairs_at_least_as_likely_as_often_and_no_others() {
        let m = Model::get();
        let mut often = 0;
        for (i, (v, w, _)) in m.bigrams.iter().enumerate() {
            let expected = m.bigram_p(v, w).is_some_and(|p| p >= OFTEN_AFTER);
            assert_eq!(
                m.often_follows(v, w),
                expected,
                "{} {}",
                m.word(v),
                m.word(w)
            );
            often += usize::from(expected);
            // A pair the model lacks never follows often.
            let other = (w as usize + 1 + i % 97) % m.vocabulary_size();
            if m.bigram_p(v, other as u16).is_none() {
                assert!(!m.often_follows(v, other as u16));
            }
        }
        assert!(often > 10_000, "{often}");
        assert!(m.often.of(u16::MAX).is_empty());
    }

    #[test]
    fn a_truncated_model_or_one_of_the_old_format_is_refused() {
        assert!(Model::parse(MODEL_BYTES).is_some());
        assert!(Model::parse(&MODEL_BYTES[..MODEL_BYTES.len() / 2]).is_none());
        let mut old = MODEL_BYTES.to_vec();
        old[..6].copy_from_slice(b"VNLM1\n");
        assert!(Model::parse(&old).is_none());
    }

    #[test]
    fn a_triple_the_model_lacks_scores_as_its_pair() {
        let m = Model::get();
        let (v, w, p) = m.bigrams.iter().next().expect("a word pair");
        let p = p as i16;
        assert!(p < 0, "a log probability");
        assert_eq!(m.bigram_p(v, w), Some(p as f32 / 1000.0));
        let absent = (0..m.vocabulary_size() as u16)
            .find(|&u| m.trigram_p(u, v, w).is_none())
            .expect("a context without the triple");
        assert_eq!(m.logp(absent, v, w), p as f32 / 1000.0);
    }

    #[test]
    fn punctuation_sets_agree_with_their_lists() {
        for c in LEAD.chars() {
            assert!(is_lead(c), "{c}");
        }
        for c in TRAIL.chars() {
            assert!(is_trail(c), "{c}");
        }
        assert!(!is_lead('a') && !is_trail('/'));
    }

    #[test]
    fn classes_of_official_tokens() {
        let m = Model::get();
        assert_eq!(m.classify_core("1.587.000.000"), Some(NUM));
        assert_eq!(m.classify_core("30/9/2013"), Some(DATE));
        assert_eq!(m.classify_core("111/2013/NĐ-CP"), Some(REF));
        assert_eq!(m.classify_core("UBND"), Some(ABBR));
        assert_eq!(m.classify_core("NĐ-CP"), Some(ABBR));
        assert!(m.classify_core("Thực").is_some_and(|i| i > ABBR));
        assert_eq!(m.lm_tokens("(tăng 185 người),").len(), 6);
    }
}

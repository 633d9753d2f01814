//! Lost-glyph restoration: PDF fonts with broken maps drop some glyphs and leave exactly one
//! space for each. In a damaged line every space is either a real space or one lost
//! character; a beam search over those choices, scored by the syllable language model
//! and the syllable inventory, picks the most likely original line.
//!
//! Which characters were lost is estimated from the text itself ([`LostSet::estimate`]):
//! characters that are frequent in Vietnamese but (almost) never seen in the damaged lines.
//! The noise model: a real space costs nothing, filling char c costs log10(loss rate of c),
//! so the language model decides wherever the loss rate is high.

use super::lm::{self, Model, ABBR, BOS, UNK};
use super::syllable::{self, Syllables, ROOT};
use std::collections::HashMap;

/// Beam width of the search (hypotheses kept per position).
const BEAM: usize = 24;
/// log10 penalty for a letter-only fragment that is no syllable (kept as written).
const INVALID_FRAGMENT: f32 = -4.0;
/// log10 penalty for a well-formed syllable the model has not seen.
const UNSEEN_SYLLABLE: f32 = -1.5;
/// log10 penalty for a real space right after another real space inside a line.
const DOUBLE_SPACE: f32 = -2.5;
/// Space runs longer than this are layout (indentation, rules), never lost glyphs.
const MAX_LOST_RUN: usize = 7;
/// A line longer than this (in chars) is cut into pieces of this size for the search.
const MAX_PIECE: usize = 400;

/// Characters a font may have lost, with their estimated loss rates.
#[derive(Debug, Clone, Default)]
pub struct LostSet {
    /// (char, loss rate in (0, 1]), most frequent first.
    pub chars: Vec<(char, f32)>,
}

/// Chars that may be lost besides lower-case letters.
const LOSABLE_PUNCT: &str = ",./&";

impl LostSet {
    /// Estimates the lost set from the damaged lines of a text: a char is suspect when its
    /// expected count there is at least 3 and fewer than 40% of the expected occurrences
    /// are visible.
    pub fn estimate(lines: &[&str], model: &Model) -> LostSet {
        let mut seen: HashMap<char, usize> = HashMap::new();
        let mut total = 0usize;
        for line in lines {
            for c in line.chars().filter(|c| !c.is_whitespace()) {
                *seen.entry(syllable::lower_char(c)).or_default() += 1;
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
            if expected < 3.0 {
                continue;
            }
            let observed = seen.get(&c).copied().unwrap_or(0) as f64;
            let ratio = observed / expected;
            if ratio < 0.4 {
                let rate = (1.0 - ratio).clamp(0.05, 1.0) as f32;
                chars.push((c, rate, expected));
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
/// syllable, or two spaces between words.
pub fn looks_damaged(line: &str) -> bool {
    let syl = Syllables::get();
    let trimmed = line.trim();
    if trimmed.contains("  ") {
        return true;
    }
    trimmed.split(' ').any(|chunk| {
        let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
        !core.is_empty()
            && core.chars().all(char::is_alphabetic)
            && core.chars().any(char::is_lowercase)
            && !syl.is_valid(core)
    })
}

/// One hypothesis of the search.
#[derive(Clone)]
struct Hyp {
    score: f32,
    ctx: (u16, u16),
    /// The current token (since the last real space), visible and filled chars.
    tok: String,
    /// Trie node of the token's letter core while it can still be a syllable.
    node: Option<u32>,
    /// Inside trailing punctuation of the token.
    trail: bool,
    /// Letters filled into the current token.
    filled: u8,
    /// Any char (letter or punctuation) filled into the current token.
    filled_any: bool,
    /// Decision arena index (u32::MAX = none).
    back: u32,
    after_space: bool,
}

/// A space choice in the arena: the filled char or None for a real space.
struct Step {
    parent: u32,
    fill: Option<char>,
}

/// A restored char: byte offset of the space in the line, the char, confidence.
pub struct Fill {
    pub at: usize,
    pub ch: char,
    pub confidence: f32,
}

/// Restores one damaged line; `ctx` is the model context carried from the previous line
/// and is updated to this line's last two tokens.
pub fn restore_line(line: &str, lost: &LostSet, ctx: &mut (u16, u16)) -> Vec<Fill> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut fills = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // Cut long lines at a real layout gap or at MAX_PIECE chars.
        let mut end = (start + MAX_PIECE).min(chars.len());
        if end < chars.len() {
            if let Some(k) = (start + MAX_PIECE / 2..end)
                .rev()
                .find(|&k| chars[k].1 == '\t')
            {
                end = k + 1;
            }
        }
        fills.extend(search(&chars[start..end], lost, ctx));
        start = end;
    }
    fills
}

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

fn key(h: &Hyp) -> u64 {
    let mut k = fnv(0xcbf29ce484222325, &h.ctx.0.to_le_bytes());
    k = fnv(k, &h.ctx.1.to_le_bytes());
    k = fnv(k, h.tok.as_bytes());
    fnv(
        k,
        &[
            h.trail as u8,
            (h.filled > 0) as u8,
            h.filled_any as u8,
            h.after_space as u8,
        ],
    )
}

/// Appends a char to the hypothesis' token; false when the result is impossible.
fn push_char(h: &mut Hyp, c: char, filled: bool, syl: &Syllables) -> bool {
    let core_empty = h.tok.chars().all(lm::is_lead);
    if h.trail {
        if c.is_alphanumeric() {
            if filled || h.filled_any {
                return false;
            }
            h.trail = false;
            h.node = None;
        }
    } else if c.is_alphabetic() {
        h.node = match h.node {
            Some(n) => syl.step(n, syllable::lower_char(c)),
            None if core_empty => syl.step(ROOT, syllable::lower_char(c)),
            None => None,
        };
        if h.node.is_none() && (filled || h.filled > 0) {
            return false;
        }
    } else if lm::is_lead(c) && core_empty {
        // still leading punctuation
    } else if matches!(c, ',' | '.') {
        let last = h.tok.chars().last();
        let after_digit = last.is_some_and(|p| p.is_ascii_digit());
        if filled && !last.is_some_and(|p| p.is_alphanumeric() || p == ')' || p == '%') {
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
        if c == '/' && filled && !h.tok.chars().last().is_some_and(char::is_alphanumeric) {
            return false;
        }
        if h.filled > 0 {
            return false;
        }
        h.node = None;
    }
    if filled && c.is_alphabetic() {
        h.filled = h.filled.saturating_add(1);
    }
    h.filled_any |= filled;
    h.tok.push(c);
    true
}

/// Closes the current token: scores its model tokens. None when the token is impossible
/// (filled letters that make no syllable).
fn finish_token(h: &mut Hyp, model: &Model, syl: &Syllables, buf: &mut Vec<u16>) -> Option<()> {
    if h.tok.is_empty() {
        return Some(());
    }
    buf.clear();
    let tok = std::mem::take(&mut h.tok);
    let mut penalty = 0.0;
    // Split as the tokenizer does, but look syllables up case-blind.
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
        buf.push(model.punct_id(c));
    }
    if !core.is_empty() {
        if core.chars().all(char::is_alphabetic) {
            let low = syllable::lower(core);
            let valid = h.node.is_some_and(|n| syl.is_terminal(n)) || syl.is_valid(&low);
            if h.filled > 0 && !valid {
                return None;
            }
            match model.syllable_id(&syllable::modern_tone(&low)) {
                Some(id) if valid || h.filled == 0 => buf.push(id),
                _ if valid => {
                    buf.push(UNK);
                    penalty += UNSEEN_SYLLABLE;
                }
                _ => {
                    let id = model.classify_core(core).unwrap_or(UNK);
                    if id != ABBR {
                        penalty += INVALID_FRAGMENT;
                    }
                    buf.push(id);
                }
            }
        } else {
            let id = model.classify_core(core).unwrap_or(UNK);
            if h.filled_any && matches!(id, UNK | ABBR) {
                return None;
            }
            buf.push(id);
        }
    }
    for c in rest[core_end..].chars() {
        buf.push(model.punct_id(c));
    }
    let mut score = penalty;
    for &w in buf.iter() {
        score += model.logp(h.ctx.0, h.ctx.1, w);
        h.ctx = (h.ctx.1, w);
    }
    h.score += score;
    h.node = None;
    h.trail = false;
    h.filled = 0;
    h.filled_any = false;
    Some(())
}

fn prune(hyps: &mut Vec<Hyp>) {
    hyps.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut seen = std::collections::HashSet::with_capacity(hyps.len());
    hyps.retain(|h| seen.insert(key(h)));
    hyps.truncate(BEAM);
}

fn search(chars: &[(usize, char)], lost: &LostSet, ctx: &mut (u16, u16)) -> Vec<Fill> {
    let model = Model::get();
    let syl = Syllables::get();
    let mut buf = Vec::new();
    // Soft per-line evidence: a char visible in this line is less likely lost here.
    let costs: Vec<(char, f32)> = lost
        .chars
        .iter()
        .map(|&(c, rate)| {
            let visible = chars.iter().any(|&(_, x)| syllable::lower_char(x) == c);
            let rate = if visible { rate * 0.3 } else { rate };
            (c, rate.max(1e-3).log10())
        })
        .collect();
    let mut arena: Vec<Step> = Vec::new();
    let mut hyps = vec![Hyp {
        score: 0.0,
        ctx: *ctx,
        tok: String::new(),
        node: None,
        trail: false,
        filled: 0,
        filled_any: false,
        back: u32::MAX,
        after_space: true,
    }];
    // Space runs too long to be lost glyphs.
    let mut fixed = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1 == ' ' {
            let j = (i..chars.len())
                .find(|&j| chars[j].1 != ' ')
                .unwrap_or(chars.len());
            if j - i > MAX_LOST_RUN {
                fixed[i..j].iter_mut().for_each(|f| *f = true);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let mut space_positions = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let mut next: Vec<Hyp> = Vec::with_capacity(hyps.len() * 4);
        if c.is_whitespace() && (c != ' ' || fixed[k]) {
            for mut h in hyps.drain(..) {
                if finish_token(&mut h, model, syl, &mut buf).is_some() {
                    h.after_space = true;
                    next.push(h);
                }
            }
        } else if c == ' ' {
            space_positions.push(at);
            for h in hyps.drain(..) {
                // A real space.
                let mut real = h.clone();
                let double = real.tok.is_empty() && !real.after_space;
                let _ = double;
                let was_empty = real.tok.is_empty();
                if finish_token(&mut real, model, syl, &mut buf).is_some() {
                    if was_empty && k > 0 && !is_line_start(chars, k) {
                        real.score += DOUBLE_SPACE;
                    }
                    arena.push(Step {
                        parent: real.back,
                        fill: None,
                    });
                    real.back = (arena.len() - 1) as u32;
                    real.after_space = true;
                    next.push(real);
                }
                // A lost char.
                for &(fc, cost) in &costs {
                    let mut f = h.clone();
                    if !push_char(&mut f, fc, true, syl) {
                        continue;
                    }
                    f.score += cost;
                    f.after_space = false;
                    arena.push(Step {
                        parent: f.back,
                        fill: Some(fc),
                    });
                    f.back = (arena.len() - 1) as u32;
                    next.push(f);
                }
            }
        } else {
            for mut h in hyps.drain(..) {
                if push_char(&mut h, c, false, syl) {
                    h.after_space = false;
                    next.push(h);
                }
            }
        }
        if next.is_empty() {
            // Nothing fits (should not happen: real spaces and visible chars always fit).
            return Vec::new();
        }
        prune(&mut next);
        hyps = next;
    }
    let mut finals: Vec<Hyp> = hyps
        .into_iter()
        .filter_map(|mut h| finish_token(&mut h, model, syl, &mut buf).map(|_| h))
        .collect();
    if finals.is_empty() {
        return Vec::new();
    }
    finals.sort_by(|a, b| b.score.total_cmp(&a.score));
    let best_score = finals[0].score;
    let paths: Vec<(f32, Vec<Option<char>>)> = finals
        .iter()
        .map(|h| {
            let mut path = Vec::with_capacity(space_positions.len());
            let mut at = h.back;
            while let Some(step) = arena.get(at as usize) {
                path.push(step.fill);
                at = step.parent;
            }
            path.reverse();
            (10f32.powf((h.score - best_score).max(-30.0)), path)
        })
        .collect();
    let total: f32 = paths.iter().map(|p| p.0).sum();
    *ctx = finals[0].ctx;
    let best = &paths[0].1;
    let mut out = Vec::new();
    for (idx, choice) in best.iter().enumerate() {
        let Some(ch) = choice else { continue };
        let agree: f32 = paths
            .iter()
            .filter(|p| p.1.get(idx) == Some(choice))
            .map(|p| p.0)
            .sum();
        if let Some(&at) = space_positions.get(idx) {
            out.push(Fill {
                at,
                ch: *ch,
                confidence: (agree / total).clamp(0.0, 1.0),
            });
        }
    }
    let _ = BOS;
    out
}

fn is_line_start(chars: &[(usize, char)], k: usize) -> bool {
    chars[..k].iter().all(|&(_, c)| c.is_whitespace())
}

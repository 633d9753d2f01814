//! Text rewriting with an edit log: every pass builds its output through [`Rewriter`], so
//! offsets can be mapped between the text before and after the pass.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One replacement: `src` bytes of the pass input became `dst` bytes of its output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub src: Range<usize>,
    pub dst: Range<usize>,
    /// How sure the pass is of this change (1.0 for deterministic conversions).
    pub confidence: f32,
}

/// The output of one repair pass.
#[derive(Debug, Clone)]
pub struct Pass {
    pub name: &'static str,
    pub input: String,
    pub text: String,
    /// Sorted by position, non-overlapping.
    pub edits: Vec<Edit>,
    pub notes: Vec<String>,
}

impl Pass {
    /// A pass that changed nothing.
    pub fn unchanged(name: &'static str, text: &str) -> Pass {
        Pass {
            name,
            input: text.to_string(),
            text: text.to_string(),
            edits: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The text this edit replaced and the text it put in.
    pub fn edit_texts(&self, e: &Edit) -> (&str, &str) {
        (&self.input[e.src.clone()], &self.text[e.dst.clone()])
    }
}

/// Builds a pass output from its input by replacements given in increasing order.
pub struct Rewriter<'a> {
    src: &'a str,
    out: String,
    pos: usize,
    edits: Vec<Edit>,
}

impl<'a> Rewriter<'a> {
    pub fn new(src: &'a str) -> Self {
        Self::with_capacity(src, src.len())
    }

    /// A rewriter whose output is expected to grow to about `capacity` bytes (saves the
    /// reallocations of a pass that lengthens the text).
    pub fn with_capacity(src: &'a str, capacity: usize) -> Self {
        Rewriter {
            src,
            out: String::with_capacity(capacity),
            pos: 0,
            edits: Vec::new(),
        }
    }

    /// Replaces `range` of the source by `with`. Ranges must not go backwards or overlap;
    /// an out-of-order call is ignored rather than corrupting the map.
    pub fn replace(&mut self, range: Range<usize>, with: &str, confidence: f32) {
        if self.out_of_order(&range) {
            return;
        }
        if &self.src[range.clone()] == with {
            return;
        }
        self.out.push_str(&self.src[self.pos..range.start]);
        let dst_start = self.out.len();
        self.out.push_str(with);
        let dst = dst_start..self.out.len();
        self.pos = range.end;
        self.push_edit(range, dst, confidence);
    }

    /// A range that goes backwards, overlaps what is written or lies past the source.
    fn out_of_order(&self, range: &Range<usize>) -> bool {
        range.start < self.pos || range.end < range.start || range.end > self.src.len()
    }

    /// Records an edit, merged with the previous one when adjacent, so maps stay small.
    fn push_edit(&mut self, src: Range<usize>, dst: Range<usize>, confidence: f32) {
        match self.edits.last_mut() {
            Some(last) if last.src.end == src.start && last.dst.end == dst.start => {
                last.src.end = src.end;
                last.dst.end = dst.end;
                last.confidence = last.confidence.min(confidence);
            }
            _ => self.edits.push(Edit {
                src,
                dst,
                confidence,
            }),
        }
    }

    /// Replaces `range` of the source by `with`, where only the `pieces` differ: each is
    /// (source range relative to `range.start`, output range relative to the start of
    /// `with`), in order, and the text between pieces is the same on both sides. One copy
    /// of `with` and one edit per piece: cheaper than a [`Rewriter::replace`] per piece.
    /// Ignored, like `replace`, when it would go backwards.
    pub fn splice(
        &mut self,
        range: Range<usize>,
        with: &str,
        pieces: &[(Range<usize>, Range<usize>)],
        confidence: f32,
    ) {
        if self.out_of_order(&range) {
            return;
        }
        self.out.push_str(&self.src[self.pos..range.start]);
        let base = self.out.len();
        self.out.push_str(with);
        for (src, dst) in pieces {
            let src = range.start + src.start..range.start + src.end;
            let dst = base + dst.start..base + dst.end;
            self.push_edit(src, dst, confidence);
        }
        self.pos = range.end;
    }

    pub fn finish(mut self, name: &'static str, notes: Vec<String>) -> Pass {
        self.out.push_str(&self.src[self.pos..]);
        Pass {
            name,
            input: self.src.to_string(),
            text: self.out,
            edits: self.edits,
            notes,
        }
    }
}

/// Maps an offset in a pass output back to its input.
pub fn map_back(edits: &[Edit], offset: usize) -> usize {
    let idx = edits.partition_point(|e| e.dst.start <= offset);
    if idx == 0 {
        return offset;
    }
    let e = &edits[idx - 1];
    if offset < e.dst.end {
        // Inside a replacement: the start of what it replaced (end for the end boundary).
        e.src.start
    } else {
        offset - e.dst.end + e.src.end
    }
}

/// Maps an offset in a pass input forward to its output.
pub fn map_forward(edits: &[Edit], offset: usize) -> usize {
    let idx = edits.partition_point(|e| e.src.start <= offset);
    if idx == 0 {
        return offset;
    }
    let e = &edits[idx - 1];
    if offset < e.src.end {
        e.dst.start
    } else {
        offset - e.src.end + e.dst.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_and_map() {
        let src = "ab  cd ef";
        let mut r = Rewriter::new(src);
        r.replace(2..4, " ", 1.0);
        r.replace(7..9, "EFG", 1.0);
        let p = r.finish("t", vec![]);
        assert_eq!(p.text, "ab cd EFG");
        assert_eq!(map_back(&p.edits, 3), 4); // 'c'
        assert_eq!(map_forward(&p.edits, 4), 3);
        assert_eq!(map_back(&p.edits, 6), 7);
        assert_eq!(p.edit_texts(&p.edits[1]), ("ef", "EFG"));
    }

    #[test]
    fn splice_matches_one_replace_per_piece() {
        let src = "x Céng hoµ ok\nyy";
        let line = 2..16;
        let with = "Cộng hoà ok\n";
        let pieces = [(0..5, 0..6), (6..10, 7..11)];
        let mut spliced = Rewriter::new(src);
        spliced.splice(line.clone(), with, &pieces, 0.9);
        let spliced = spliced.finish("t", vec![]);
        let mut replaced = Rewriter::new(src);
        for (s, d) in &pieces {
            replaced.replace(
                line.start + s.start..line.start + s.end,
                &with[d.clone()],
                0.9,
            );
        }
        let replaced = replaced.finish("t", vec![]);
        assert_eq!(spliced.text, "x Cộng hoà ok\nyy");
        assert_eq!(spliced.text, replaced.text);
        let ranges = |p: &Pass| -> Vec<_> {
            p.edits
                .iter()
                .map(|e| (e.src.clone(), e.dst.clone()))
                .collect()
        };
        assert_eq!(ranges(&spliced), ranges(&replaced));
        // "hoà" maps back onto "hoµ".
        let at = spliced.text.find("hoà").unwrap();
        assert_eq!(map_back(&spliced.edits, at), src.find("hoµ").unwrap());
    }
}

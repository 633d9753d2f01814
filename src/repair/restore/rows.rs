//! The language model's word pairs as one small hash table per first word. The searches
//! score many words after each state's last word: with the pairs of one word side by side
//! (its row), those look-ups stay in a few kilobytes the core keeps in cache, where one
//! table of all pairs (8 MB) sent each to a random place, behind a filter of presence bits.
//! A row stores each pair in 4 bytes (the second word and its score), half its slots free.

/// A free slot: no second word is `u16::MAX` (the model has fewer tokens).
const FREE: u32 = u32::MAX;

pub struct PairRows {
    /// Per first word v, where its row starts in `slots` (one more entry at the end): a
    /// row's length is a power of two, or zero.
    starts: Vec<u32>,
    /// w << 16 | value.
    slots: Vec<u32>,
}

impl PairRows {
    /// From (v, w, value) for first words below `words`; None where a pair is out of that
    /// range, a second word is `u16::MAX`, or the slots would pass `u32::MAX`.
    pub fn new(mut pairs: Vec<(u16, u16, u16)>, words: usize) -> Option<PairRows> {
        pairs.sort_by_key(|p| (p.0, p.1));
        pairs.dedup_by_key(|p| (p.0, p.1));
        let mut counts = vec![0usize; words];
        for &(v, w, _) in &pairs {
            if w == u16::MAX {
                return None;
            }
            *counts.get_mut(v as usize)? += 1;
        }
        let mut starts = Vec::with_capacity(words + 1);
        let mut total = 0usize;
        for &count in &counts {
            starts.push(u32::try_from(total).ok()?);
            total += row_len(count);
        }
        starts.push(u32::try_from(total).ok()?);
        let mut rows = PairRows {
            starts,
            slots: vec![FREE; total],
        };
        for (v, w, value) in pairs {
            let (start, len) = rows.row(v);
            let mut i = home(w, len);
            while rows.slots[start + i] != FREE {
                i = (i + 1) & (len - 1);
            }
            rows.slots[start + i] = (w as u32) << 16 | value as u32;
        }
        Some(rows)
    }

    /// No pairs.
    pub fn empty() -> PairRows {
        PairRows {
            starts: Vec::new(),
            slots: Vec::new(),
        }
    }

    /// Where v's row starts and how long it is.
    #[inline]
    fn row(&self, v: u16) -> (usize, usize) {
        let v = v as usize;
        match (self.starts.get(v), self.starts.get(v + 1)) {
            (Some(&a), Some(&b)) => (a as usize, (b - a) as usize),
            _ => (0, 0),
        }
    }

    /// The value stored for the pair (v, w).
    #[inline]
    pub fn get(&self, v: u16, w: u16) -> Option<u16> {
        let (start, len) = self.row(v);
        if len == 0 {
            return None;
        }
        let row = self.slots.get(start..start + len)?;
        let mut i = home(w, len);
        loop {
            let slot = row[i];
            if slot == FREE {
                return None;
            }
            if (slot >> 16) as u16 == w {
                return Some(slot as u16);
            }
            i = (i + 1) & (len - 1);
        }
    }

    /// v's row, to start loading what [`PairRows::get`] reads for many words after v.
    #[inline]
    pub fn row_of(&self, v: u16) -> Row<'_> {
        let (start, len) = self.row(v);
        Row {
            slots: self.slots.get(start..start + len).unwrap_or(&[]),
            shift: home_shift(len),
        }
    }

    /// Every (v, w, value), by v.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (u16, u16, u16)> + '_ {
        (0..self.starts.len().saturating_sub(1)).flat_map(move |v| {
            let (start, len) = self.row(v as u16);
            self.slots[start..start + len]
                .iter()
                .filter(|&&s| s != FREE)
                .map(move |&s| (v as u16, (s >> 16) as u16, s as u16))
        })
    }
}

/// One first word's slots ([`PairRows::row_of`]).
#[derive(Clone, Copy)]
pub struct Row<'r> {
    slots: &'r [u32],
    /// What [`home`] shifts by for this row's length.
    shift: u32,
}

impl Row<'_> {
    /// Where [`PairRows::get`] starts its probe for w: [`home`], its shift computed once.
    #[inline]
    fn home(self, w: u16) -> usize {
        home_shifted(w, self.shift, self.slots.len())
    }

    /// Starts loading the slot [`PairRows::get`] first reads for w.
    #[inline]
    pub fn prefetch(self, w: u16) {
        if let Some(slot) = self.slots.get(self.home(w)) {
            super::prefetch::prefetch(slot);
        }
    }
}

/// Slots for a row of `count` pairs: twice as many, to a power of two (a probe seldom goes
/// past the first slot, and always ends at a free one).
fn row_len(count: usize) -> usize {
    match count {
        0 => 0,
        n => (2 * n).next_power_of_two(),
    }
}

/// Where w's probe starts in a row of `len` slots (a power of two).
#[inline]
fn home(w: u16, len: usize) -> usize {
    home_shifted(w, home_shift(len), len)
}

/// How far [`home`] shifts w's hash for a row of `len` slots.
#[inline]
fn home_shift(len: usize) -> u32 {
    32 - len.trailing_zeros().max(1)
}

#[inline]
fn home_shifted(w: u16, shift: u32, len: usize) -> usize {
    ((w as u32).wrapping_mul(0x9e37_79b1) >> shift) as usize & len.wrapping_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    proptest::proptest! {
        #[test]
        fn it_answers_as_a_hash_map_does(
            pairs in proptest::collection::vec((0u16..20, 0u16..3000, 0u16..u16::MAX), 0..600),
            probes in proptest::collection::vec((0u16..22, 0u16..3000), 0..200),
        ) {
            let rows = PairRows::new(pairs.clone(), 20).expect("pairs in range");
            // The first of a repeated pair stands.
            let mut map = HashMap::new();
            let mut sorted = pairs.clone();
            sorted.sort_by_key(|p| (p.0, p.1));
            for (v, w, value) in sorted {
                map.entry((v, w)).or_insert(value);
            }
            for (v, w) in probes.into_iter().chain(pairs.iter().map(|p| (p.0, p.1))) {
                proptest::prop_assert_eq!(rows.get(v, w), map.get(&(v, w)).copied());
            }
            proptest::prop_assert_eq!(rows.iter().count(), map.len());
        }
    }

    #[test]
    fn a_row_asks_for_the_slot_a_look_up_reads_first() {
        // Rows of 2 to 512 slots, and the empty one.
        let pairs: Vec<(u16, u16, u16)> = (0..10u16)
            .flat_map(|v| (0..(1u16 << v) / 2).map(move |w| (v, w * 7, w)))
            .collect();
        let rows = PairRows::new(pairs, 11).expect("pairs in range");
        for v in 0..11u16 {
            let (_, len) = rows.row(v);
            let row = rows.row_of(v);
            assert_eq!(row.slots.len(), len);
            for w in [0u16, 1, 7, 300, 65_000] {
                if len > 0 {
                    assert_eq!(row.home(w), home(w, len), "row {v}, word {w}");
                }
            }
        }
    }

    #[test]
    fn pairs_out_of_range_are_refused() {
        assert!(PairRows::new(vec![(3, 1, 0)], 3).is_none());
        assert!(PairRows::new(vec![(0, u16::MAX, 0)], 3).is_none());
        for empty in [
            PairRows::new(Vec::new(), 0).expect("no pairs"),
            PairRows::empty(),
        ] {
            assert_eq!(empty.get(0, 0), None);
            assert_eq!(empty.get(u16::MAX, 1), None);
        }
    }
}

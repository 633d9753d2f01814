//! A read-only hash table for the language model's triple contexts (once its word pairs
//! and triples too): each entry is one `u64` (key above, value below), probed linearly from
//! its hash. A look-up costs one memory access where hashbrown's control bytes and
//! buckets, kept apart, cost two (paired runs of the lost-glyph benchmark: 3–20% faster
//! than hashbrown, cachegrind: 3% fewer reads missing the L2).

/// Entries are `key << value_bits | value`; a slot holding `EMPTY` is free. No key fills
/// all its bits: keys pack token ids below `u16::MAX` (the model refuses more tokens).
const EMPTY: u64 = u64::MAX;

pub struct PackedMap {
    slots: Vec<u64>,
    /// 64 − log2(slots).
    shift: u32,
    value_bits: u32,
    len: usize,
}

impl PackedMap {
    /// A table for about `keys` keys of at most `64 − value_bits` bits, with values of
    /// `value_bits` bits; half its slots stay free, so a probe seldom runs past one line.
    pub fn with_capacity(keys: usize, value_bits: u32) -> PackedMap {
        let slots = (keys.max(1) * 2).next_power_of_two().max(16);
        PackedMap {
            slots: vec![EMPTY; slots],
            shift: 64 - slots.trailing_zeros(),
            value_bits,
            len: 0,
        }
    }

    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn value_mask(&self) -> u64 {
        (1u64 << self.value_bits) - 1
    }

    /// Stores `value` under `key`, replacing what was there; refuses (false) a key or
    /// value too wide for the table, and a new key once three quarters of the slots are
    /// taken (so a probe always ends at a free slot).
    pub fn insert(&mut self, key: u64, value: u64) -> bool {
        let key_bits = 64 - self.value_bits;
        if (key_bits < 64 && key >> key_bits != 0) || value & !self.value_mask() != 0 {
            return false;
        }
        let packed = (key << self.value_bits) | value;
        if packed == EMPTY {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = self.slots[i];
            if slot == EMPTY {
                if self.len * 4 >= self.slots.len() * 3 {
                    return false;
                }
                self.slots[i] = packed;
                self.len += 1;
                return true;
            }
            if slot >> self.value_bits == key {
                self.slots[i] = packed;
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /// The value stored under `key`.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u64> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = *self.slots.get(i)?;
            if slot == EMPTY {
                return None;
            }
            if slot >> self.value_bits == key {
                return Some(slot & self.value_mask());
            }
            i = (i + 1) & mask;
        }
    }

    /// Every (key, value), in slot order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        let value_mask = self.value_mask();
        self.slots
            .iter()
            .filter(|&&s| s != EMPTY)
            .map(move |&s| (s >> self.value_bits, s & value_mask))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn it_answers_as_a_hash_map_does() {
        let mut table = PackedMap::with_capacity(5_000, 16);
        let mut reference = HashMap::new();
        for k in 0..5_000u64 {
            let key = k.wrapping_mul(2_654_435_761) & ((1 << 48) - 1);
            let value = (k * 7) & 0xffff;
            assert!(table.insert(key, value));
            reference.insert(key, value);
        }
        // Replacing a value keeps one entry.
        let (&some_key, _) = reference.iter().next().expect("a key");
        assert!(table.insert(some_key, 1));
        reference.insert(some_key, 1);
        for (&key, &value) in &reference {
            assert_eq!(table.get(key), Some(value));
        }
        for k in 0..5_000u64 {
            let other = (k.wrapping_mul(2_654_435_761) & ((1 << 48) - 1)) ^ (1 << 47);
            assert_eq!(table.get(other), reference.get(&other).copied());
        }
        let mut listed: Vec<(u64, u64)> = table.iter().collect();
        let mut expected: Vec<(u64, u64)> = reference.into_iter().collect();
        listed.sort_unstable();
        expected.sort_unstable();
        assert_eq!(listed, expected);
    }

    #[test]
    fn keys_and_values_too_wide_are_refused_and_a_full_table_says_so() {
        let mut table = PackedMap::with_capacity(4, 16);
        assert!(!table.insert(1 << 48, 0));
        assert!(!table.insert(0, 1 << 16));
        assert!(
            !table.insert((1 << 48) - 1, 0xffff),
            "the free slot's own bits"
        );
        let stored: Vec<u64> = (0..100).filter(|&key| table.insert(key, 3)).collect();
        assert!(stored.len() < 100 && stored.len() == table.iter().count());
        assert!(stored.iter().all(|&k| table.get(k) == Some(3)));
        assert_eq!(table.get(99), None);
        assert!(PackedMap::with_capacity(0, 16).get(3).is_none());
    }
}

//! Pruning shared by the restorer's two beam searches (lost glyphs, diacritics). Both
//! keep, at each step, the best hypothesis per model context and then the best few
//! contexts; most hypotheses lose, so they are cut before their model terms are looked
//! up ([`Leaders`]) and only the best few are sorted ([`sort_leading`]) before the best of
//! each context is kept ([`keep_best_per_context`]).

use smallvec::SmallVec;
use std::cmp::Ordering;

/// A model context: the last two tokens.
pub type Context = (u16, u16);

/// The `N` best-scoring distinct model contexts seen at a search step so far.
#[derive(Clone)]
pub struct Leaders<const N: usize> {
    best: [(Context, f32); N],
    len: usize,
}

impl<const N: usize> Default for Leaders<N> {
    fn default() -> Self {
        Leaders {
            best: [((0, 0), f32::NEG_INFINITY); N],
            len: 0,
        }
    }
}

impl<const N: usize> Leaders<N> {
    /// Counts a hypothesis; once `N` contexts are known, the lowest of their scores: a
    /// hypothesis scoring below it is beaten by `N` other contexts, and the beam drops it.
    pub fn add(&mut self, ctx: Context, score: f32) -> Option<f32> {
        let known = &mut self.best[..self.len];
        if let Some(entry) = known.iter_mut().find(|(c, _)| *c == ctx) {
            entry.1 = entry.1.max(score);
        } else if self.len < N {
            self.best[self.len] = (ctx, score);
            self.len += 1;
        } else if let Some(lowest) = known
            .iter_mut()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|lowest| lowest.1 < score)
        {
            *lowest = (ctx, score);
        }
        (self.len == N).then(|| {
            self.best
                .iter()
                .map(|(_, s)| *s)
                .fold(f32::INFINITY, f32::min)
        })
    }
}

/// Sorts `items` by `order` (a total order, best first) as far as a beam of `wanted`
/// distinct contexts needs: when the best `4 × wanted` items hold that many contexts,
/// only they are sorted, and the rest stay behind them unordered.
pub fn sort_leading<T>(
    items: &mut [T],
    order: impl Fn(&T, &T) -> Ordering + Copy,
    context: impl Fn(&T) -> Context,
    wanted: usize,
) {
    let few = 4 * wanted;
    if items.len() > few {
        items.select_nth_unstable_by(few, order);
        items[..few].sort_unstable_by(order);
        if distinct_contexts(&items[..few], &context, wanted) >= wanted {
            return;
        }
    }
    items.sort_unstable_by(order);
}

/// Keeps the best item of each context, in `order` (a total order, best first), until
/// `wanted` contexts are kept, best first; the rest are dropped.
pub fn keep_best_per_context<T: Copy>(
    items: &mut Vec<T>,
    order: impl Fn(&T, &T) -> Ordering + Copy,
    context: impl Fn(&T) -> Context,
    wanted: usize,
) {
    sort_leading(items, order, &context, wanted);
    let mut kept = 0;
    for i in 0..items.len() {
        if kept == wanted {
            break;
        }
        let c = context(&items[i]);
        if items[..kept].iter().any(|k| context(k) == c) {
            continue;
        }
        items[kept] = items[i];
        kept += 1;
    }
    items.truncate(kept);
}

/// How many distinct contexts `items` hold, counting up to `enough`.
fn distinct_contexts<T>(items: &[T], context: impl Fn(&T) -> Context, enough: usize) -> usize {
    let mut seen: SmallVec<[Context; 16]> = SmallVec::new();
    for item in items {
        if seen.len() >= enough {
            break;
        }
        let c = context(item);
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_leading_items_are_those_a_full_sort_puts_first(
            raw in proptest::collection::vec((0u16..12, 0u16..3, -60i32..0), 0..300),
            wanted in 1usize..20,
        ) {
            let items: Vec<(f32, Context, usize)> = raw
                .iter()
                .enumerate()
                .map(|(i, &(a, b, s))| (s as f32 / 10.0, (a, b), i))
                .collect();
            let order = |x: &(f32, Context, usize), y: &(f32, Context, usize)| {
                y.0.total_cmp(&x.0).then(x.2.cmp(&y.2))
            };
            let mut full = items.clone();
            full.sort_by(order);
            let mut partial = items.clone();
            sort_leading(&mut partial, order, |x| x.1, wanted);
            // The beam takes the first item of each context until it has `wanted`.
            let beam = |sorted: &[(f32, Context, usize)]| {
                let mut kept: Vec<(f32, Context, usize)> = Vec::new();
                for x in sorted {
                    if kept.len() < wanted && !kept.iter().any(|k| k.1 == x.1) {
                        kept.push(*x);
                    }
                }
                kept.iter().map(|k| k.2).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(beam(&partial), beam(&full));
            let mut pruned = items.clone();
            keep_best_per_context(&mut pruned, order, |x| x.1, wanted);
            let pruned: Vec<usize> = pruned.iter().map(|x| x.2).collect();
            proptest::prop_assert_eq!(pruned, beam(&full));
            // A hypothesis below the leaders' floor when it arrives is never kept.
            let kept = beam(&full);
            let mut leaders = Leaders::<8>::default();
            let mut floor = f32::NEG_INFINITY;
            for x in &items {
                if x.0 < floor {
                    if wanted <= 8 {
                        proptest::prop_assert!(!kept.contains(&x.2));
                    }
                    continue;
                }
                if let Some(beaten) = leaders.add(x.1, x.0) {
                    floor = floor.max(beaten);
                }
            }
        }
    }
}

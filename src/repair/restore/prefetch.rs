//! A hint that a cache line will be read soon. The searches look scores up in tables
//! far larger than the core's caches (the score cache, the model's pair rows), at
//! addresses known a little before they are read: asking for a line early lets its load
//! overlap other work instead of stalling the loop that reads it.

/// Asks the CPU to start loading the cache line holding `item`. Only a hint: it changes
/// no value a later read returns (a no-op off x86-64).
#[inline(always)]
#[allow(unsafe_code)]
pub fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault; the pointer
    // comes from a live reference anyway.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(
            (item as *const T).cast(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

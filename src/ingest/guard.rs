//! Runs a third-party parser on one file so that its failures stay that file's failure:
//! the parser runs on its own thread with a generous stack, a panic is caught (and kept
//! off stderr, since the library never prints), and a parser that runs past a time limit
//! is abandoned. An abandoned thread cannot be killed; it finishes in the background and
//! its result is dropped, so the limit bounds the batch's wait, not the CPU spent.

use std::cell::Cell;
use std::sync::mpsc;
use std::sync::Once;
use std::time::Duration;

/// Stack for parser threads: PDF and RTF parsers recurse on nested objects.
const PARSER_STACK_BYTES: usize = 64 * 1024 * 1024;

thread_local! {
    /// Set on guarded threads so the panic hook stays silent for them.
    static QUIET_PANICS: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that is silent on guarded threads and otherwise defers to
/// the hook that was there before.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Why a guarded run produced no result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardFailure {
    Panicked,
    TimedOut(Duration),
    CannotStart,
}

impl std::fmt::Display for GuardFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuardFailure::Panicked => f.write_str("parser failed (panicked) on this file"),
            GuardFailure::TimedOut(limit) => {
                write!(f, "parser took longer than {}s; gave up", limit.as_secs())
            }
            GuardFailure::CannotStart => f.write_str("cannot start a parser thread"),
        }
    }
}

/// Runs `work` on a fresh thread, waiting at most `limit` for it.
pub fn run_guarded<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, GuardFailure> {
    install_quiet_hook();
    let (sender, receiver) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("vanban-parser".into())
        .stack_size(PARSER_STACK_BYTES)
        .spawn(move || {
            QUIET_PANICS.with(|q| q.set(true));
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            // The receiver may have given up waiting; nothing to do then.
            let _ = sender.send(result);
        });
    let Ok(handle) = spawned else {
        return Err(GuardFailure::CannotStart);
    };
    let outcome = receiver.recv_timeout(limit);
    // A thread that answered has only its exit left: waiting for it frees its
    // thread-locals before the next file (the leak checker saw them still held). One that
    // ran out of time is left to finish alone.
    if !matches!(outcome, Err(mpsc::RecvTimeoutError::Timeout)) {
        let _ = handle.join();
    }
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_panic)) => Err(GuardFailure::Panicked),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(GuardFailure::TimedOut(limit)),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(GuardFailure::Panicked),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_panic_and_timeout() {
        assert_eq!(run_guarded(Duration::from_secs(5), || 7), Ok(7));
        let panicked: Result<(), _> = run_guarded(Duration::from_secs(5), || panic!("parser bug"));
        assert_eq!(panicked, Err(GuardFailure::Panicked));
        let slow = run_guarded(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_millis(500));
        });
        assert!(matches!(slow, Err(GuardFailure::TimedOut(_))));
    }
}

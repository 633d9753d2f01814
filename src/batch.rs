//! Many inputs → output lines in input order. Inputs are indexed first; every pool thread
//! takes the next input as soon as it is free, and the caller's thread writes the results
//! in input order ([`map_in_order`]), so the bytes written do not depend on the thread
//! count, no thread waits for a slow document in a batch of others, and memory stays
//! bounded by a window of results ahead of the next one to write. A panic in one document
//! becomes that document's error record.

use crate::error::{DocError, RunError, Stage};
use crate::output::{ErrorRecord, OutputLine};
use crate::repair::restore::{reads_clean, vocabulary::BatchVocabulary};
use crate::Context;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Results that may wait ahead of the next one to write, per pool thread (and at least
/// [`MIN_WINDOW`]): enough that a document several times slower than the rest holds no
/// thread up, few enough that memory stays near the old 64-document chunks on 16 threads.
const WINDOW_PER_THREAD: usize = 4;
const MIN_WINDOW: usize = 16;

/// Counts for the end-of-run summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub errors: usize,
}

/// Expands files and folders (recursively, sorted by path) into the list of inputs.
/// Hidden files and folders are skipped inside folders, kept when named directly. Links
/// and other non-folder entries are kept, so a dangling link gets an error record.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, RunError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(|e| match e {
                    Ok(e) => (!e.file_type().is_dir()).then(|| e.into_path()),
                    // An unreadable folder entry still becomes an input, so it gets a record.
                    Err(e) => e.path().map(|p| p.to_path_buf()),
                })
                .collect();
            found.sort();
            out.extend(found);
        } else {
            // Missing or unreadable files still get a record: ingest reports them.
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Reads a list of paths, one per line (for `-` and `--files-from`).
pub fn read_path_list(content: &str) -> Vec<PathBuf> {
    content
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Processes one path, turning errors and panics into an error line.
pub fn process_one(path: &Path, ctx: &Context) -> OutputLine {
    let name = path.to_string_lossy();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::process_path(path, ctx)
    }));
    match result {
        Ok(Ok(record)) => OutputLine::Ok(Box::new(record)),
        Ok(Err(e)) => OutputLine::Error(ErrorRecord::new(&name, &e)),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let err = DocError::new(Stage::Extract, format!("internal error: {msg}"));
            OutputLine::Error(ErrorRecord::new(&name, &err))
        }
    }
}

/// Reads every input once, up to the layout pass (no restoring), and counts the words of
/// those that read as clean Vietnamese ([`reads_clean`]): the vocabulary the batch's
/// damaged documents are then restored with. Counts are merged in input order, so the
/// result does not depend on the thread count. Unreadable inputs are skipped here; the
/// main run gives them their error records.
pub fn learn_vocabulary(
    pool: &rayon::ThreadPool,
    inputs: &[PathBuf],
    ctx: &Context,
    mut progress: impl FnMut(usize),
) -> BatchVocabulary {
    let opts = crate::repair::RepairOptions {
        no_restore: true,
        batch_vocabulary: None,
        ..ctx.repair.clone()
    };
    let mut vocabulary = BatchVocabulary::default();
    let learn = |i: usize| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let raw = crate::ingest::read_path(&inputs[i]).ok()?;
            let repaired = crate::repair::run(&raw, &opts);
            reads_clean(&repaired.text).then(|| BatchVocabulary::of_text(&repaired.text))
        }))
        .ok()
        .flatten()
    };
    let mut done = 0;
    let merged = map_in_order(pool, inputs.len(), learn, |part| {
        if let Some(part) = part {
            vocabulary.merge(&part);
        }
        done += 1;
        progress(done);
        Ok(())
    });
    // The sink above never fails.
    debug_assert!(merged.is_ok());
    vocabulary
}

/// Runs every input on `pool` and hands each output line, in input order, to `emit`.
/// `progress` is called after each line with the number of documents done.
pub fn run(
    pool: &rayon::ThreadPool,
    inputs: &[PathBuf],
    ctx: &Context,
    mut emit: impl FnMut(&OutputLine) -> std::io::Result<()>,
    mut progress: impl FnMut(usize),
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    map_in_order(
        pool,
        inputs.len(),
        |i| process_one(&inputs[i], ctx),
        |line| {
            summary.documents += 1;
            if matches!(line, OutputLine::Error(_)) {
                summary.errors += 1;
            }
            emit(&line)?;
            progress(summary.documents);
            Ok(())
        },
    )?;
    Ok(summary)
}

/// Computes `work(i)` for every `i` in `0..len` on all of `pool`'s threads and hands the
/// results to `sink` in index order, on the caller's thread. Threads take indices in order,
/// and none starts one more than a window ahead of the next result to hand over, so at
/// most a window of results waits in memory. A failing `sink` stops the work.
pub fn map_in_order<R: Send>(
    pool: &rayon::ThreadPool,
    len: usize,
    work: impl Fn(usize) -> R + Sync,
    mut sink: impl FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if pool.current_thread_index().is_some() {
        // Called from one of the pool's own threads, which would wait here for work that
        // may need it (a one-thread pool would never start): this thread does it all.
        for i in 0..len {
            sink(work(i))?;
        }
        return Ok(());
    }
    let threads = pool.current_num_threads().max(1);
    let window = (threads * WINDOW_PER_THREAD).max(MIN_WINDOW);
    let next = AtomicUsize::new(0);
    let gate = Gate::default();
    let (sender, receiver) = mpsc::channel::<(usize, R)>();
    pool.in_place_scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, gate, work) = (&next, &gate, &work);
            scope.spawn(move |_| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= len || !gate.wait_until_within(i, window) {
                    break;
                }
                // A panic here must not leave the other threads waiting for this index.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i)));
                match result {
                    Ok(r) => {
                        if sender.send((i, r)).is_err() {
                            break;
                        }
                    }
                    Err(panic) => {
                        gate.stop();
                        std::panic::resume_unwind(panic);
                    }
                }
            });
        }
        drop(sender);
        let mut ahead = BTreeMap::new();
        let mut handed = 0;
        for (i, r) in receiver.iter() {
            ahead.insert(i, r);
            while let Some(r) = ahead.remove(&handed) {
                if let Err(e) = sink(r) {
                    gate.stop();
                    return Err(e);
                }
                handed += 1;
                gate.advance(handed);
            }
        }
        Ok(())
    })
}

/// How far the writer has got, shared with the threads waiting to start an index.
#[derive(Default)]
struct Gate {
    /// (results handed to the sink, stopped)
    state: Mutex<(usize, bool)>,
    moved: Condvar,
}

impl Gate {
    fn lock(&self) -> std::sync::MutexGuard<'_, (usize, bool)> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until index `i` is within `window` of the next result to hand over; false
    /// if the work was stopped.
    fn wait_until_within(&self, i: usize, window: usize) -> bool {
        let mut state = self.lock();
        while !state.1 && i >= state.0 + window {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.1
    }

    fn advance(&self, handed: usize) {
        self.lock().0 = handed;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.lock().1 = true;
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn results_come_in_index_order_whatever_the_work_takes() {
        for threads in [1, 3] {
            let mut seen = Vec::new();
            let slow = |i: usize| {
                // Early indices are the slowest, so later ones finish first.
                std::thread::sleep(Duration::from_micros(((40 - i % 40) * 50) as u64));
                i * 2
            };
            map_in_order(&pool(threads), 200, slow, |r| {
                seen.push(r);
                Ok(())
            })
            .unwrap();
            assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn no_thread_starts_more_than_a_window_ahead_and_a_failing_sink_stops_the_work() {
        let threads = 3;
        let started = AtomicUsize::new(0);
        let work = |i: usize| {
            started.fetch_add(1, Ordering::Relaxed);
            i
        };
        let result = map_in_order(&pool(threads), 100_000, work, |i| {
            if i == 10 {
                return Err(std::io::Error::other("disk full"));
            }
            Ok(())
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        let window = (threads * WINDOW_PER_THREAD).max(MIN_WINDOW);
        let started = started.load(Ordering::Relaxed);
        assert!(started <= 11 + window + threads, "{started} started");
    }

    #[test]
    fn a_call_from_inside_the_pool_does_the_work_itself() {
        for threads in [1, 2] {
            let pool = pool(threads);
            let mut seen = Vec::new();
            pool.install(|| {
                map_in_order(
                    &pool,
                    50,
                    |i| i + 1,
                    |r| {
                        seen.push(r);
                        Ok(())
                    },
                )
            })
            .unwrap();
            assert_eq!(seen, (1..=50).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panicking_work_item_ends_the_run_instead_of_hanging_it() {
        let outcome = std::panic::catch_unwind(|| {
            map_in_order(
                &pool(2),
                1000,
                |i| {
                    assert!(i != 5, "item 5 breaks");
                    i
                },
                |_| Ok(()),
            )
        });
        assert!(outcome.is_err());
    }
}

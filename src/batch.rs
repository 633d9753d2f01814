//! Many inputs → output lines in input order. Inputs are indexed first, processed in
//! bounded chunks on the rayon pool, and written chunk by chunk, so the bytes written do
//! not depend on the thread count and memory stays bounded by the chunk size. A panic in
//! one document becomes that document's error record.

use crate::error::{DocError, RunError, Stage};
use crate::output::{ErrorRecord, OutputLine};
use crate::repair::restore::{reads_clean, vocabulary::BatchVocabulary};
use crate::Context;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Documents processed per chunk: enough to keep every core busy, small enough to bound memory.
pub const CHUNK: usize = 64;

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
/// damaged documents are then restored with. Chunks are merged in input order, so the
/// result does not depend on the thread count. Unreadable inputs are skipped here; the
/// main run gives them their error records.
pub fn learn_vocabulary(
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
    let mut done = 0;
    for chunk in inputs.chunks(CHUNK) {
        let parts: Vec<Option<BatchVocabulary>> = chunk
            .par_iter()
            .map(|path| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let raw = crate::ingest::read_path(path).ok()?;
                    let repaired = crate::repair::run(&raw, &opts);
                    reads_clean(&repaired.text).then(|| BatchVocabulary::of_text(&repaired.text))
                }))
                .ok()
                .flatten()
            })
            .collect();
        for part in parts.iter().flatten() {
            vocabulary.merge(part);
        }
        done += chunk.len();
        progress(done);
    }
    vocabulary
}

/// Runs every input and hands each output line, in input order, to `emit`. `progress`
/// is called after each chunk with the number of documents done.
pub fn run(
    inputs: &[PathBuf],
    ctx: &Context,
    mut emit: impl FnMut(&OutputLine) -> std::io::Result<()>,
    mut progress: impl FnMut(usize),
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    for chunk in inputs.chunks(CHUNK) {
        let lines: Vec<OutputLine> = chunk.par_iter().map(|p| process_one(p, ctx)).collect();
        for line in &lines {
            summary.documents += 1;
            if matches!(line, OutputLine::Error(_)) {
                summary.errors += 1;
            }
            emit(line)?;
        }
        progress(summary.documents);
    }
    Ok(summary)
}

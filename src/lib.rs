//! # vanban
//!
//! Turns Vietnamese official documents (công văn, kế hoạch, báo cáo, quyết định, …) into
//! normalized JSON records. The pipeline, one module per stage:
//!
//! ```text
//!  path ──ingest──▶ RawText ──repair──▶ Repaired ──extract──▶ Extracted ──validate──▶ warnings
//!                                                                      └──output──▶ Record (JSON Lines)
//! ```
//!
//! [`process`] runs one document through every stage; [`batch`] runs many in parallel and
//! keeps their output in input order. The library never prints.

pub mod batch;
pub mod bench;
pub mod cli;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod output;
pub mod repair;
pub mod rules;
pub mod validate;

use error::DocError;
use output::Record;
use std::path::Path;

/// Everything a run needs, built once and shared read-only by all worker threads.
pub struct Context {
    pub rules: rules::RuleSet,
    pub repair: repair::RepairOptions,
    /// Include the repaired text in each record (spans point into it).
    pub include_text: bool,
}

impl Context {
    /// A context with the rules compiled into the binary.
    pub fn builtin() -> Result<Context, error::RunError> {
        Ok(Context {
            rules: rules::RuleSet::builtin()?,
            repair: repair::RepairOptions::default(),
            include_text: true,
        })
    }
}

/// Runs one file through every stage.
pub fn process_path(path: &Path, ctx: &Context) -> Result<Record, DocError> {
    let raw = ingest::read_path(path)?;
    Ok(process_raw(raw, ctx))
}

/// Runs already-read bytes through every stage (used by tests and stdin input).
pub fn process_bytes(name: &str, bytes: &[u8], ctx: &Context) -> Result<Record, DocError> {
    let raw = ingest::read_bytes(name, bytes)?;
    Ok(process_raw(raw, ctx))
}

fn process_raw(raw: ingest::RawText, ctx: &Context) -> Record {
    let repaired = repair::run(&raw, &ctx.repair);
    let extracted = extract::run(&repaired, &ctx.rules);
    let mut warnings = validate::input_checks(&raw.path, raw.format, &repaired);
    warnings.extend(validate::run(&repaired, &extracted, &ctx.rules));
    output::Record::build(&raw, &repaired, extracted, warnings, ctx.include_text)
}

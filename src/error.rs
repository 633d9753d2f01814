//! Errors carry the file, the pipeline stage and a lower-case message once; the batch turns
//! them into error records and keeps going.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The pipeline stage where a document failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Ingest,
    Repair,
    Extract,
    Validate,
    Output,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Stage::Ingest => "ingest",
            Stage::Repair => "repair",
            Stage::Extract => "extract",
            Stage::Validate => "validate",
            Stage::Output => "output",
        };
        f.write_str(s)
    }
}

/// A per-document failure.
#[derive(Debug, thiserror::Error)]
#[error("{stage}: {message}")]
pub struct DocError {
    pub stage: Stage,
    pub message: String,
}

impl DocError {
    pub fn new(stage: Stage, message: impl Into<String>) -> Self {
        DocError {
            stage,
            message: message.into(),
        }
    }
}

/// Errors that stop the whole run (bad rules, unusable output path).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("rules: {file}: rule `{rule}`: {message}")]
    Rule {
        file: String,
        rule: String,
        message: String,
    },
    #[error("rules: {file}: {message}")]
    RuleFile { file: String, message: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
}

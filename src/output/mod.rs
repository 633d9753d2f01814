//! Stage 5, output: the versioned record (schema `schema/record-v1.json`), error records,
//! and writers that replace their target file atomically.

pub mod review;
pub mod tidy;
pub mod writer;

use crate::document::Value;
use crate::error::DocError;
use crate::extract::{DateMention, DocumentFields, Extracted, Period, Quantity, Reference, Table};
use crate::ingest::{Format, RawText};
use crate::repair::{EncodingReport, Repaired, StepReport};
use crate::validate::Warning;
use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub format: Format,
    pub encoding: EncodingReport,
}

/// One change the repair made, for reviewers: where it is in the final text, where it
/// was in the ingested text, and what it replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub step: String,
    pub span: crate::document::Span,
    pub original_span: crate::document::Span,
    pub from: String,
    pub to: String,
    pub confidence: f32,
}

/// The `repair` section of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepairSection {
    pub steps: Vec<StepReport>,
    /// Every edit, capped at [`MAX_CHANGES`] per document (the count is in `steps`).
    pub changes: Vec<Change>,
}

pub const MAX_CHANGES: usize = 5000;

/// One successfully processed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema_version: u32,
    pub status: String,
    pub source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub repair: RepairSection,
    pub document: DocumentFields,
    pub references: Vec<Value<Reference>>,
    pub quantities: Vec<Value<Quantity>>,
    pub tables: Vec<Table>,
    /// Dates named in the body, with precision.
    pub dates: Vec<Value<DateMention>>,
    /// Periods, ranges and deadlines named in the body.
    pub periods: Vec<Value<Period>>,
    /// Time limits counted from an event ("trong thời hạn 10 ngày làm việc kể từ …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub time_limits: Vec<Value<crate::extract::TimeLimit>>,
    /// Days and hours that come back every day, week, month, quarter or year ("trước ngày
    /// 25 hằng tháng", "trước 16 giờ hằng ngày").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recurring_dates: Vec<Value<crate::extract::RecurringDate>>,
    /// Provinces, districts (before 1 July 2025) and communes (from then), normalized to
    /// gazetteer ids.
    pub places: Vec<Value<crate::extract::places::Place>>,
    pub warnings: Vec<Warning>,
}

/// A document that could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub schema_version: u32,
    pub status: String,
    pub path: String,
    pub stage: crate::error::Stage,
    pub message: String,
}

impl ErrorRecord {
    pub fn new(path: &str, err: &DocError) -> Self {
        ErrorRecord {
            schema_version: SCHEMA_VERSION,
            status: "error".into(),
            path: path.to_string(),
            stage: err.stage,
            message: err.message.clone(),
        }
    }
}

/// One output line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OutputLine {
    Ok(Box<Record>),
    Error(ErrorRecord),
}

impl OutputLine {
    pub fn to_json(&self) -> String {
        // Serializing these plain data types cannot fail.
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"schema_version":1,"status":"error","path":"","stage":"output","message":"{e}"}}"#)
        })
    }
}

impl Record {
    pub fn build(
        raw: &RawText,
        repaired: &Repaired,
        extracted: Extracted,
        warnings: Vec<Warning>,
        include_text: bool,
    ) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            status: "ok".into(),
            source: Source {
                path: raw.path.clone(),
                sha256: raw.sha256.clone(),
                bytes: raw.bytes,
                format: raw.format,
                encoding: repaired.encoding.clone(),
            },
            text: include_text.then(|| repaired.text.clone()),
            repair: RepairSection {
                steps: repaired.steps(),
                changes: changes(repaired),
            },
            document: extracted.document,
            references: extracted.references,
            quantities: extracted.quantities,
            tables: extracted.tables,
            dates: extracted.dates,
            periods: extracted.periods,
            time_limits: extracted.time_limits,
            recurring_dates: extracted.recurring_dates,
            places: extracted.places,
            warnings,
        }
    }
}

/// Every pass's edits, placed in the final text and in the ingested text.
pub fn changes(repaired: &Repaired) -> Vec<Change> {
    use crate::repair::edits::{map_back, map_forward};
    let mut out = Vec::new();
    for (k, pass) in repaired.passes.iter().enumerate() {
        for e in &pass.edits {
            if out.len() >= MAX_CHANGES {
                return out;
            }
            let (from, to) = pass.edit_texts(e);
            let later = &repaired.passes[k + 1..];
            let fwd = |o: usize| later.iter().fold(o, |o, p| map_forward(&p.edits, o));
            let earlier = &repaired.passes[..k];
            let back = |o: usize| earlier.iter().rev().fold(o, |o, p| map_back(&p.edits, o));
            let (s, t) = (fwd(e.dst.start), fwd(e.dst.end).max(fwd(e.dst.start)));
            out.push(Change {
                step: pass.name.to_string(),
                span: crate::document::Span::new(s, t),
                original_span: crate::document::Span::new(back(e.src.start), back(e.src.end)),
                from: from.to_string(),
                to: to.to_string(),
                confidence: e.confidence,
            });
        }
    }
    out
}

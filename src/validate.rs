//! Stage 4, validate: cross-checks of what was extracted → warnings with spans. Never
//! changes a value; a reviewer decides.

use crate::document::Span;
use crate::extract::Extracted;
use crate::repair::Repaired;
use serde::{Deserialize, Serialize};

/// A problem worth a reviewer's look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable code, e.g. `number.mismatch`, `table.rate`, `date.impossible`.
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

pub fn run(_repaired: &Repaired, _extracted: &Extracted) -> Vec<Warning> {
    Vec::new()
}

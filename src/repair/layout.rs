//! Pass 3: layout repair for text pulled from PDFs and web pages.

use super::Pass;
use crate::ingest::Format;

pub fn repair(text: &str, _format: Format) -> Pass {
    Pass::unchanged("layout", text)
}

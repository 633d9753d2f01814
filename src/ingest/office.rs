//! Legacy office files (.doc, .xls, .rtf): text extraction.

use super::{ByteEncoding, Format};
use crate::error::{DocError, Stage};

/// Text pulled out of an office file.
pub struct OfficeText {
    pub text: String,
    pub byte_encoding: ByteEncoding,
    pub notes: Vec<String>,
}

pub fn extract_text(format: Format, _bytes: &[u8]) -> Result<OfficeText, DocError> {
    Err(DocError::new(
        Stage::Ingest,
        format!("{format:?} files are not supported yet"),
    ))
}

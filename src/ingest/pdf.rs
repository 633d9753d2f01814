//! PDF text layer via pdf-extract; its panics are caught here, per file.

use crate::error::{DocError, Stage};

/// Extracts the text layer of a PDF. A scanned PDF without text gets an error unless an
/// OCR engine is available.
pub fn extract_text(bytes: &[u8]) -> Result<(String, Vec<String>), DocError> {
    let owned = bytes.to_vec();
    let result = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&owned));
    match result {
        Ok(Ok(text)) => {
            if text.trim().is_empty() {
                Err(DocError::new(
                    Stage::Ingest,
                    "pdf has no text layer (scanned?) and no OCR engine is configured",
                ))
            } else {
                Ok((text, Vec::new()))
            }
        }
        Ok(Err(e)) => Err(DocError::new(Stage::Ingest, format!("pdf: {e}"))),
        Err(_) => Err(DocError::new(
            Stage::Ingest,
            "pdf: parser panicked on this file",
        )),
    }
}

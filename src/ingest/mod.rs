//! Stage 1, ingest: a path (or bytes) → [`RawText`]. Detects the container format, pulls
//! the text out (plain text, Markdown/HTML, PDF, office files) and decodes bytes to a
//! Rust string. Single-byte legacy text is decoded losslessly as Windows-1252 here and
//! left for `repair::legacy` to convert, because telling TCVN3 from VNI or CP1258 needs
//! the text-level statistics that live there. Nothing here guesses at Vietnamese.

pub mod decode;
pub mod external;
pub mod guard;
pub mod html;
pub mod ocr;
pub mod office;
pub mod pdf;

use crate::error::{DocError, Stage};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Largest input read into memory; larger files get an error record instead.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// The container format an input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Doc,
    Xls,
    Rtf,
    /// Word 2007+ (Office Open XML).
    Docx,
    /// Excel 2007+ (Office Open XML).
    Xlsx,
    /// OpenDocument text.
    Odt,
    /// OpenDocument spreadsheet.
    Ods,
}

/// How the bytes became text, before any Vietnamese-specific conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ByteEncoding {
    Utf8,
    Utf16le,
    Utf16be,
    /// Not UTF-8: decoded byte-for-byte as Windows-1252 (lossless; undefined bytes become
    /// C1 controls) so `repair::legacy` can tell CP1258, TCVN3, VNI, VISCII, VPS apart.
    SingleByte,
    /// Text handed over by a parser that produced real Unicode (PDF, office files).
    Unicode,
    /// A web page that declares Windows-1258, decoded as it says (and composed to NFC).
    Windows1258,
}

/// The text of one input, as read.
#[derive(Debug, Clone)]
pub struct RawText {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub format: Format,
    pub byte_encoding: ByteEncoding,
    pub text: String,
    /// Notes from the reader worth a reviewer's eye (e.g. "pdf has no text layer").
    pub notes: Vec<String>,
}

/// Reads one file from disk.
pub fn read_path(path: &Path) -> Result<RawText, DocError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| DocError::new(Stage::Ingest, format!("cannot stat file: {e}")))?;
    if meta.is_dir() {
        return Err(DocError::new(Stage::Ingest, "is a directory"));
    }
    // FIFOs and devices could block forever or never end.
    if !meta.is_file() {
        return Err(DocError::new(Stage::Ingest, "not a regular file"));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(DocError::new(
            Stage::Ingest,
            format!(
                "file too large: {} bytes (limit {MAX_INPUT_BYTES})",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| DocError::new(Stage::Ingest, format!("cannot read file: {e}")))?;
    read_bytes(&path.to_string_lossy(), &bytes)
}

/// Reads one document from bytes; `name` is used for the record and the extension hint.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<RawText, DocError> {
    // An empty file (a failed download, a placeholder) is no document: its record says so
    // instead of passing for one with nothing found.
    if bytes.is_empty() {
        return Err(DocError::new(Stage::Ingest, "empty file: 0 bytes"));
    }
    let sha256 = hex(&Sha256::digest(bytes));
    // A ZIP that is no office document gets its own message, not "binary content"; the
    // package is opened once to tell which it is.
    let package = if office::package::is_zip(bytes) {
        Some(office::package::detect(bytes).map_err(|m| DocError::new(Stage::Ingest, m))?)
    } else {
        None
    };
    let format = sniff(name, bytes, package);
    let (text, byte_encoding, notes) = match format {
        Format::Pdf => {
            let out = pdf::extract_text(bytes)?;
            (out.text, out.byte_encoding, out.notes)
        }
        Format::Doc
        | Format::Xls
        | Format::Rtf
        | Format::Docx
        | Format::Xlsx
        | Format::Odt
        | Format::Ods => {
            let out = office::extract_text(format, bytes)?;
            (out.text, out.byte_encoding, out.notes)
        }
        Format::Text | Format::Markdown | Format::Html => {
            if decode::looks_binary(bytes) {
                return Err(DocError::new(
                    Stage::Ingest,
                    "binary content: not a text, PDF or office file",
                ));
            }
            let (text, enc) = decode::decode_text(bytes);
            let mut notes = Vec::new();
            let (text, enc) = if format == Format::Html
                && enc == ByteEncoding::SingleByte
                && html::declared_windows_1258(bytes)
            {
                notes.push("html: read as windows-1258, as the page declares".to_string());
                let (decoded, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
                (decoded.nfc().collect(), ByteEncoding::Windows1258)
            } else {
                (text, enc)
            };
            let text = if format == Format::Html {
                html::to_text(&text)
            } else {
                text
            };
            (text, enc, notes)
        }
    };
    if text.trim().is_empty() {
        let kind = format!("{format:?}").to_lowercase();
        return Err(DocError::new(
            Stage::Ingest,
            format!("{kind}: no text found, the file holds only blank space"),
        ));
    }
    Ok(RawText {
        path: name.to_string(),
        sha256,
        bytes: bytes.len() as u64,
        format,
        byte_encoding,
        text,
        notes,
    })
}

/// Decides the container from magic bytes first, then the file extension.
pub fn sniff_format(name: &str, bytes: &[u8]) -> Format {
    let package = office::package::is_zip(bytes)
        .then(|| office::package::detect(bytes).ok())
        .flatten();
    sniff(name, bytes, package)
}

/// [`sniff_format`] with the office format of a ZIP package already told (`package`).
fn sniff(name: &str, bytes: &[u8], package: Option<Format>) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"%PDF") || find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        let lower = name.to_ascii_lowercase();
        return office::cfb_format(bytes).unwrap_or(if lower.ends_with(".xls") {
            Format::Xls
        } else {
            Format::Doc
        });
    }
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    // A flat OpenDocument file (.fodt, .fods) by its root element, whatever its name.
    if package.is_none() {
        if let Some(format) = office::package::flat_odf(bytes) {
            return format;
        }
    }
    // By the parts inside, whatever the extension says.
    if let Some(format) = package {
        return format;
    }
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    match ext {
        "md" | "markdown" => Format::Markdown,
        "htm" | "html" | "xhtml" => Format::Html,
        _ => {
            let probe = String::from_utf8_lossy(head).to_ascii_lowercase();
            if probe.contains("<html") || probe.contains("<!doctype html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// Where `needle` first occurs in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

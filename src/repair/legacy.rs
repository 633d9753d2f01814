//! Pass 1: legacy Vietnamese encodings → Unicode.

use super::{EncodingReport, Pass, Rewriter};
use crate::ingest::ByteEncoding;
use encoding_rs::{WINDOWS_1252, WINDOWS_1258};

/// Converts text that still carries a legacy encoding. `byte_encoding` says how ingest
/// decoded the bytes; `SingleByte` text holds the raw bytes as Windows-1252 characters.
pub fn convert(text: &str, byte_encoding: ByteEncoding) -> (Pass, EncodingReport) {
    let label = match byte_encoding {
        ByteEncoding::Utf8 => "utf-8",
        ByteEncoding::Utf16le => "utf-16le",
        ByteEncoding::Utf16be => "utf-16be",
        ByteEncoding::Unicode => "unicode",
        ByteEncoding::SingleByte => "cp1258",
    };
    if byte_encoding != ByteEncoding::SingleByte {
        return (
            Pass::unchanged("legacy", text),
            EncodingReport {
                encoding: label.into(),
                confidence: 1.0,
                runs: Vec::new(),
            },
        );
    }
    let (bytes, _, _) = WINDOWS_1252.encode(text);
    let (decoded, _) = WINDOWS_1258.decode_without_bom_handling(&bytes);
    let mut rw = Rewriter::new(text);
    rw.replace(0..text.len(), &decoded, 0.5);
    (
        rw.finish("legacy", vec!["decoded as cp1258".into()]),
        EncodingReport {
            encoding: label.into(),
            confidence: 0.5,
            runs: Vec::new(),
        },
    )
}

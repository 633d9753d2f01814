//! Bytes → string for plain-text inputs: BOMs, UTF-8, UTF-16, and a lossless single-byte
//! fallback for the legacy encodings that `repair::legacy` converts.

use super::ByteEncoding;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// True when the bytes are clearly not text: NUL bytes outside a UTF-16 layout, or many
/// control characters that no Vietnamese encoding uses.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return false;
    }
    if looks_utf16_without_bom(sample).is_some() {
        return false;
    }
    let nul = sample.iter().filter(|&&b| b == 0).count();
    // VISCII uses six C0 codes (0x02 0x05 0x06 0x14 0x19 0x1E) for letters, so they count as text.
    let odd_controls = sample
        .iter()
        .filter(|&&b| {
            b < 0x20
                && !matches!(
                    b,
                    b'\t' | b'\n' | b'\r' | 0x0C | 0x02 | 0x05 | 0x06 | 0x14 | 0x19 | 0x1E
                )
        })
        .count();
    nul > 0 || odd_controls * 20 > sample.len()
}

/// UTF-16 text without a BOM shows NUL in every other byte for ASCII-heavy text.
fn looks_utf16_without_bom(sample: &[u8]) -> Option<ByteEncoding> {
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 > pairs * 4 && even_nul * 20 < pairs {
        Some(ByteEncoding::Utf16le)
    } else if even_nul * 10 > pairs * 4 && odd_nul * 20 < pairs {
        Some(ByteEncoding::Utf16be)
    } else {
        None
    }
}

/// Decodes text bytes; never fails (invalid sequences become U+FFFD only in UTF-16).
pub fn decode_text(bytes: &[u8]) -> (String, ByteEncoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            ByteEncoding::Utf8,
        );
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (s, _) = UTF_16LE.decode_without_bom_handling(rest);
        return (s.into_owned(), ByteEncoding::Utf16le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (s, _) = UTF_16BE.decode_without_bom_handling(rest);
        return (s.into_owned(), ByteEncoding::Utf16be);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), ByteEncoding::Utf8);
    }
    match looks_utf16_without_bom(&bytes[..bytes.len().min(64 * 1024)]) {
        Some(ByteEncoding::Utf16le) => {
            let (s, _) = UTF_16LE.decode_without_bom_handling(bytes);
            return (s.into_owned(), ByteEncoding::Utf16le);
        }
        Some(ByteEncoding::Utf16be) => {
            let (s, _) = UTF_16BE.decode_without_bom_handling(bytes);
            return (s.into_owned(), ByteEncoding::Utf16be);
        }
        _ => {}
    }
    let (s, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    (s.into_owned(), ByteEncoding::SingleByte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_fallback() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFabc"),
            ("abc".into(), ByteEncoding::Utf8)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Số".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode_text(&utf16).0, "Số");
        assert_eq!(decode_text(b"S\xf2").1, ByteEncoding::SingleByte);
        assert!(looks_binary(b"\x00\x01\x02\x03\x7fELF\x00\x00"));
        assert!(!looks_binary("Số: 12/UBND".as_bytes()));
    }
}

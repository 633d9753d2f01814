//! Office files → text, for ingest: the legacy binary formats (.doc, .xls, .rtf) and the
//! ZIP packages of XML that replaced them (.docx, .xlsx, .odt, .ods; see [`package`]).
//! Each reader returns the
//! text in one convention: 8-bit text typed in legacy Vietnamese fonts (TCVN3, VNI) comes
//! out as the Windows-1252 characters of its bytes (lossless; the undefined bytes 0x81,
//! 0x8D, 0x8F, 0x90, 0x9D as U+0081…), whether the file stored bytes or the cp1252
//! Unicode that Word/Excel 97+ write for such fonts. [`classify`] then reports
//! [`ByteEncoding::SingleByte`] when the text stays inside that repertoire, so
//! `repair::legacy` converts it, or [`ByteEncoding::Unicode`] when the file held real
//! Unicode. Readers run under [`super::guard`], so a malformed file gives an error record,
//! never a panic. When a built-in reader fails and `antiword` (.doc) or LibreOffice
//! `soffice` is installed, that program is tried instead (see [`super::external`]); only
//! for the binary formats, whose files an outside reader may still open.
//! Nothing here converts TCVN3/VNI; that is `repair::legacy`'s job.

pub mod doc;
pub mod docx;
pub mod flow;
pub mod numbering;
pub mod odf;
pub mod package;
pub mod rtf;
pub mod xls;
pub mod xlsx;

use super::external::{self, Tool};
use super::{guard, ByteEncoding, Format};
use crate::error::{DocError, Stage};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A reader that takes longer than this on one file gives an error record.
const OFFICE_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Text pulled out of an office file (the PDF reader returns the same shape).
pub struct OfficeText {
    pub text: String,
    pub byte_encoding: ByteEncoding,
    pub notes: Vec<String>,
}

/// Extracts the text of a .doc, .xls, .rtf, .docx, .xlsx, .odt or .ods file.
pub fn extract_text(format: Format, bytes: &[u8]) -> Result<OfficeText, DocError> {
    let owned = bytes.to_vec();
    let outcome = guard::run_guarded(OFFICE_TIME_LIMIT, move || match format {
        Format::Doc => doc::extract(&owned),
        Format::Xls => xls::extract(&owned),
        Format::Rtf => Ok(rtf::extract(&owned)),
        Format::Docx => docx::extract(&owned),
        Format::Xlsx => xlsx::extract(&owned),
        Format::Odt => odf::extract(&owned, false),
        Format::Ods => odf::extract(&owned, true),
        other => Err(format!("{other:?} is not an office format")),
    });
    let problem = match outcome {
        Ok(Ok(found)) => Ok(found),
        Ok(Err(message)) => Err(message),
        Err(failure) => Err(format!("{}: {failure}", format_name(format))),
    };
    let (text, mut notes) = match problem {
        Ok(found) => found,
        Err(message) => match convert_externally(format, bytes) {
            Some(Ok((text, note))) => (text, vec![format!("{message}; used {note}")]),
            Some(Err(external)) => {
                return Err(DocError::new(
                    Stage::Ingest,
                    format!("{message}; {external}"),
                ))
            }
            None => return Err(DocError::new(Stage::Ingest, message)),
        },
    };
    // A document of blank pages or empty sheets is no document: an error record, as for
    // any other input without text.
    if text.trim().is_empty() {
        return Err(DocError::new(
            Stage::Ingest,
            format!("{}: no text found", format_name(format)),
        ));
    }
    let (byte_encoding, note) = classify_noted(&text);
    notes.extend(note);
    Ok(OfficeText {
        text,
        byte_encoding,
        notes,
    })
}

/// Time an outside converter may take on one file.
const EXTERNAL_TIME_LIMIT: Duration = Duration::from_secs(120);

/// Text from an installed outside converter, for files the built-in readers cannot read:
/// `antiword` for .doc, else LibreOffice `soffice`. `None` when neither is installed or
/// the bytes are not an OLE2 Word/Excel container.
fn convert_externally(format: Format, bytes: &[u8]) -> Option<Result<(String, String), String>> {
    // Converters import unknown bytes as plain text; only a real container is handed over.
    if cfb_format(bytes) != Some(format) {
        return None;
    }
    if format == Format::Doc {
        if let Some(antiword) = external::locate(Tool::Antiword) {
            return Some(run_antiword(antiword, bytes));
        }
    }
    let soffice = external::locate(Tool::Soffice)?;
    Some(run_soffice(soffice, format, bytes))
}

fn temp_input(bytes: &[u8], suffix: &str) -> Result<(tempfile::TempDir, PathBuf), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let path = dir.path().join(format!("input{suffix}"));
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write a temporary file: {e}"))?;
    Ok((dir, path))
}

fn run_antiword(exe: &Path, bytes: &[u8]) -> Result<(String, String), String> {
    let (_dir, input) = temp_input(bytes, ".doc")?;
    let mut cmd = Command::new(exe);
    cmd.args(["-m", "UTF-8.txt", "-w", "0"]).arg(&input);
    let out = external::run_bounded(cmd, EXTERNAL_TIME_LIMIT, 256 << 20)?;
    if !out.success {
        return Err(format!(
            "antiword failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Ok((text, "antiword".into()))
}

fn run_soffice(exe: &Path, format: Format, bytes: &[u8]) -> Result<(String, String), String> {
    let (suffix, filter, produced) = match format {
        Format::Xls => (
            ".xls",
            // Tab-separated, double-quoted, UTF-8 (76), every sheet.
            "csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false,false,-1",
            "csv",
        ),
        _ => (".doc", "txt:Text (encoded):UTF8", "txt"),
    };
    let (dir, input) = temp_input(bytes, suffix)?;
    let profile = dir.path().join("profile");
    let mut cmd = Command::new(exe);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        filter,
        "--outdir",
    ])
    .arg(dir.path())
    .arg(&input);
    let out = external::run_bounded(cmd, EXTERNAL_TIME_LIMIT, 1 << 20)?;
    let mut converted: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == produced))
        .collect();
    converted.sort();
    if converted.is_empty() {
        return Err(format!(
            "soffice produced nothing: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let mut text = String::new();
    for (index, path) in converted.iter().enumerate() {
        if index > 0 {
            text.push('\x0C');
        }
        let data = std::fs::read(path).map_err(|e| e.to_string())?;
        text.push_str(String::from_utf8_lossy(&data).trim_start_matches('\u{FEFF}'));
    }
    Ok((text, "LibreOffice (soffice)".into()))
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Doc => "doc",
        Format::Xls => "xls",
        Format::Rtf => "rtf",
        Format::Docx => "docx",
        Format::Xlsx => "xlsx",
        Format::Odt => "odt",
        Format::Ods => "ods",
        _ => "office",
    }
}

/// Tells a Word file from an Excel file inside an OLE2 container by its streams; `None`
/// when the container is unreadable or holds neither.
pub fn cfb_format(bytes: &[u8]) -> Option<Format> {
    let container = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    if container.is_stream("/WordDocument") {
        Some(Format::Doc)
    } else if container.is_stream("/Workbook") || container.is_stream("/Book") {
        Some(Format::Xls)
    } else {
        None
    }
}

/// The 32 characters Windows-1252 gives the bytes 0x80–0x9F (undefined ones kept as C1).
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// The Windows-1252 character of a byte, lossless (0x81 → U+0081).
pub fn cp1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The byte whose lossless Windows-1252 character is `c`, if any.
pub fn cp1252_byte(c: char) -> Option<u8> {
    match c {
        '\0'..='\u{7F}' | '\u{A0}'..='\u{FF}' => Some(c as u8),
        _ => CP1252_HIGH
            .iter()
            .position(|&x| x == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// `SingleByte` when the text is (almost) all Windows-1252 characters and some are not
/// ASCII, so it may be legacy 8-bit Vietnamese; otherwise `Unicode`. See [`classify_noted`].
pub fn classify(text: &str) -> ByteEncoding {
    classify_noted(text).0
}

/// Like [`classify`], with a note when the call was not clear-cut. Private-use characters
/// (symbol-font glyphs such as Wingdings bullets, U+F0xx) say nothing about the encoding
/// and are not counted. A file that is legacy text with a few cells or words typed in
/// real Unicode (seen in spreadsheets edited over the years) still counts as legacy when
/// those characters are under 5% of the non-ASCII ones; the note says how many there are.
pub fn classify_noted(text: &str) -> (ByteEncoding, Option<String>) {
    let mut legacy_candidates = 0usize;
    let mut outside = 0usize;
    for c in text.chars() {
        if c.is_ascii() || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            continue;
        }
        if cp1252_byte(c).is_some() {
            legacy_candidates += 1;
        } else {
            outside += 1;
        }
    }
    if legacy_candidates == 0 {
        (ByteEncoding::Unicode, None)
    } else if outside == 0 {
        (ByteEncoding::SingleByte, None)
    } else if outside * 20 < legacy_candidates {
        let note = format!(
            "mixed text: {outside} characters outside Windows-1252 (real Unicode) among \
             {legacy_candidates} single-byte ones; treated as legacy 8-bit text"
        );
        (ByteEncoding::SingleByte, Some(note))
    } else {
        (ByteEncoding::Unicode, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_round_trip_matches_encoding_rs() {
        for byte in 0..=255u8 {
            let one = [byte];
            let (expected, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
            let c = cp1252_char(byte);
            assert_eq!(expected.chars().next(), Some(c), "byte {byte:#x}");
            assert_eq!(cp1252_byte(c), Some(byte));
        }
        assert_eq!(cp1252_byte('\u{1ea1}'), None);
    }

    #[test]
    fn classification() {
        assert_eq!(
            classify("C\u{b8}c b\u{b8}o \u{201e}"),
            ByteEncoding::SingleByte
        );
        assert_eq!(classify("Các báo cáo"), ByteEncoding::SingleByte);
        assert_eq!(classify("Số: 12 — Hà Nội"), ByteEncoding::Unicode);
        assert_eq!(classify("plain ascii"), ByteEncoding::Unicode);
        // Symbol-font bullets do not count; a few real Unicode letters among many
        // legacy bytes still leave the text legacy, with a note.
        assert_eq!(classify("\u{f0b7} C\u{b8}c"), ByteEncoding::SingleByte);
        let mostly_legacy = format!("{} \u{1ea1}", "\u{b8}".repeat(40));
        let (encoding, note) = classify_noted(&mostly_legacy);
        assert_eq!(encoding, ByteEncoding::SingleByte);
        assert!(note.is_some_and(|n| n.contains("1 characters outside")));
        assert_eq!(classify("C\u{e1}c \u{1ea1}\u{1edf}"), ByteEncoding::Unicode);
    }

    /// Runs only where antiword is installed and the shared corpus is beside the repo.
    #[test]
    fn antiword_fallback_reads_a_word_file_when_installed() {
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/legacy/corpus/public-domain/tcvn3/2004-B8.doc");
        let (Some(exe), Ok(bytes)) = (external::locate(Tool::Antiword), std::fs::read(&sample))
        else {
            return;
        };
        let (text, note) = run_antiword(exe, &bytes).expect("antiword reads the file");
        assert_eq!(note, "antiword");
        // Same legacy bytes as the built-in reader gives.
        let (ours, _) = doc::extract(&bytes).expect("built-in reader");
        let first_line = ours
            .lines()
            .find(|l| l.starts_with("S\u{e8}:"))
            .expect("number line");
        assert!(text.contains(first_line.trim()), "{first_line:?}");
    }

    #[test]
    fn junk_with_office_extensions_gives_errors() {
        for format in [Format::Doc, Format::Xls] {
            let err = extract_text(format, b"\xD0\xCF\x11\xE0 junk").err();
            assert!(err.is_some(), "{format:?}");
        }
        assert!(cfb_format(b"junk").is_none());
    }
}

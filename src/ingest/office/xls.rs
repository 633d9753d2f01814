//! Excel 97–2003 (BIFF8) and Excel 5/95 (BIFF5/7) `.xls` → text, through `calamine`.
//! Each sheet becomes a title line `=== name ===` followed by its rows as tab-separated
//! lines (from column A, so columns line up across rows); sheets are separated by a form
//! feed. Numbers are written the way Excel's General format shows them (up to 10
//! significant digits), dates as dd/mm/yyyy. Formulas are represented by their cached
//! values; formatting, merged cells and hidden state are not interpreted.
//!
//! calamine decodes BIFF8 "compressed" 8-bit strings as Latin-1, which turns the bytes
//! 0x80–0x9F into C1 controls; [`cp1252_fixup`] maps them to their Windows-1252 characters
//! so legacy TCVN3/VNI strings come out in the same lossless cp1252 form as everywhere else.

use super::cp1252_char;
use calamine::{Data, Reader, Xls, XlsOptions};
use std::fmt::Write;
use std::io::Cursor;

/// A sheet whose cells span a larger rectangle than this is refused: calamine allocates
/// the whole rectangle, and a corrupt coordinate would ask for gigabytes.
const MAX_CELLS_PER_SHEET: u64 = 4_000_000;
/// The same bound over all sheets together (calamine holds every sheet at once).
const MAX_CELLS_PER_BOOK: u64 = 12_000_000;
/// Largest workbook stream read out of the container.
const MAX_STREAM_BYTES: u64 = 256 * 1024 * 1024;

/// Text of a workbook, or why it cannot be read.
pub fn extract(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let (clean, biff5) = rebuilt_container(bytes)?;
    // BIFF5/7 stores 8-bit strings in the CODEPAGE record's code page. Reading them as
    // Windows-1252 keeps the bytes lossless for `repair::legacy`, which also recognises
    // real CP1258 text; BIFF8 strings are Unicode and need no override.
    let mut options = XlsOptions::default();
    options.force_codepage = biff5.then_some(1252);
    let mut book = Xls::new_with_options(Cursor::new(clean), options)
        .map_err(|e| format!("xls: cannot open workbook: {e}"))?;
    let names: Vec<String> = book.sheet_names().to_vec();
    let mut text = String::new();
    let mut notes = Vec::new();
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            text.push('\x0C');
        }
        let _ = writeln!(text, "=== {} ===", cp1252_fixup(name));
        match book.worksheet_range(name) {
            Ok(range) => write_range(&range, &mut text),
            Err(e) => notes.push(format!("xls: sheet {name:?} unreadable: {e}")),
        }
    }
    if names.is_empty() {
        notes.push("xls: workbook has no sheets".into());
    }
    Ok((text, notes))
}

/// The workbook stream, checked, in a freshly written OLE2 container. calamine has its
/// own container reader that trusts sector numbers (a corrupt one makes it allocate
/// without bound, which aborts the process); the `cfb` crate validates the container,
/// and calamine then only ever sees the well-formed copy.
/// Also tells whether the workbook is BIFF5/7 (Excel 5–95) rather than BIFF8.
fn rebuilt_container(bytes: &[u8]) -> Result<(Vec<u8>, bool), String> {
    use std::io::{Read, Write};
    let mut source = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("xls: not a readable OLE2 container: {e}"))?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| source.is_stream(n))
        .ok_or("xls: no Workbook stream (not an Excel 5–2003 file)")?;
    let mut workbook = Vec::new();
    source
        .open_stream(name)
        .and_then(|s| s.take(MAX_STREAM_BYTES).read_to_end(&mut workbook))
        .map_err(|e| format!("xls: cannot read the workbook stream: {e}"))?;
    check_cell_extent(&workbook)?;
    // The stream opens with a BOF record (0x0809) whose first field is the BIFF version.
    let biff5 = matches!(workbook.get(0..6), Some([0x09, 0x08, _, _, 0x00, 0x05]));
    // Version 3 (512-byte sectors), the layout Excel writes and calamine expects.
    let mut copy = cfb::CompoundFile::create_with_version(
        cfb::Version::V3,
        Cursor::new(Vec::with_capacity(workbook.len() + 4096)),
    )
    .map_err(|e| format!("xls: {e}"))?;
    copy.create_stream(name)
        .and_then(|mut stream| {
            stream.write_all(&workbook)?;
            // The stream's own buffer must reach the container before it is taken apart.
            stream.flush()
        })
        .and_then(|_| copy.flush())
        .map_err(|e| format!("xls: {e}"))?;
    Ok((copy.into_inner().into_inner(), biff5))
}

/// Walks the BIFF records and refuses a workbook whose cell coordinates span an absurd
/// rectangle (see [`MAX_CELLS_PER_SHEET`]).
fn check_cell_extent(stream: &[u8]) -> Result<(), String> {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    // NUMBER, RK, MULRK, LABELSST, LABEL, FORMULA, BLANK, MULBLANK, BOOLERR, RSTRING.
    const CELLS: [u16; 10] = [
        0x0203, 0x027E, 0x00BD, 0x00FD, 0x0204, 0x0006, 0x0201, 0x00BE, 0x0205, 0x00D6,
    ];
    let mut at = 0usize;
    let mut extent: Option<(u16, u16, u16, u16)> = None;
    let mut total = 0u64;
    let mut close = |extent: &mut Option<(u16, u16, u16, u16)>| -> Result<(), String> {
        if let Some((r0, r1, c0, c1)) = extent.take() {
            let cells = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
            total += cells;
            if cells > MAX_CELLS_PER_SHEET || total > MAX_CELLS_PER_BOOK {
                return Err(format!(
                    "xls: a sheet spans {cells} cells (limit {MAX_CELLS_PER_SHEET}); corrupt or too large"
                ));
            }
        }
        Ok(())
    };
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        at += 4 + len;
        if kind == BOF || kind == EOF {
            close(&mut extent)?;
            continue;
        }
        if !CELLS.contains(&kind) || data.len() < 4 {
            continue;
        }
        let row = u16::from_le_bytes([data[0], data[1]]);
        let first_col = u16::from_le_bytes([data[2], data[3]]);
        // MULRK and MULBLANK end with their last column.
        let last_col = if kind == 0x00BD || kind == 0x00BE {
            let n = data.len();
            u16::from_le_bytes([data[n - 2], data[n - 1]]).max(first_col)
        } else {
            first_col
        };
        extent = Some(match extent {
            None => (row, row, first_col, last_col),
            Some((r0, r1, c0, c1)) => (
                r0.min(row),
                r1.max(row),
                c0.min(first_col),
                c1.max(last_col),
            ),
        });
    }
    close(&mut extent)
}

/// Writes a sheet from A1 (the extent check bounds it to 65536 × 65536 cells' worth of
/// separators at most), one line per row.
fn write_range(range: &calamine::Range<Data>, text: &mut String) {
    let (Some((_, _)), Some((last_row, last_col))) = (range.start(), range.end()) else {
        return; // empty sheet
    };
    let width = last_col as usize + 1;
    let height = last_row as usize + 1;
    for row in 0..height as u32 {
        for col in 0..width as u32 {
            if col > 0 {
                text.push('\t');
            }
            if let Some(cell) = range.get_value((row, col)) {
                write_cell(cell, text);
            }
        }
        text.push('\n');
    }
}

fn write_cell(cell: &Data, text: &mut String) {
    match cell {
        Data::String(s) => push_cell_text(&cp1252_fixup(s), text),
        Data::Float(f) => text.push_str(&general_number(*f)),
        Data::Int(i) => {
            let _ = write!(text, "{i}");
        }
        Data::Bool(b) => text.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => text.push_str(&excel_date(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => push_cell_text(s, text),
        Data::Error(e) => {
            let _ = write!(text, "{e}");
        }
        Data::Empty => {}
    }
}

/// Line breaks and tabs inside a cell would break the row structure; they become spaces.
fn push_cell_text(s: &str, text: &mut String) {
    text.extend(s.chars().map(|c| match c {
        '\r' | '\n' | '\t' => ' ',
        c => c,
    }));
}

/// Maps C1 controls (how calamine decodes the bytes 0x80–0x9F of BIFF8 8-bit strings) to
/// the Windows-1252 characters of those bytes. Undefined bytes stay U+0081 etc.
pub fn cp1252_fixup(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{80}'..='\u{9F}' => cp1252_char(c as u8),
            c => c,
        })
        .collect()
}

/// A number as Excel's General format shows it: integers plainly, otherwise at most 10
/// significant digits without trailing zeros.
pub fn general_number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let magnitude = f.abs().log10().floor() as i32 + 1;
    if !(-4..=11).contains(&magnitude) {
        let s = format!("{f:.5e}");
        return trim_exponent_zeros(&s);
    }
    let decimals = (10 - magnitude).clamp(0, 15) as usize;
    let s = format!("{f:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn trim_exponent_zeros(s: &str) -> String {
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}E{exp}")
        }
        None => s.to_string(),
    }
}

/// An Excel serial date (1900 system) as dd/mm/yyyy, with hh:mm when it has a time part.
pub fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return general_number(serial);
    }
    let days = serial.floor() as i64;
    let minutes = ((serial - serial.floor()) * 1440.0).round() as i64;
    let time = format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60);
    if days == 0 {
        return time;
    }
    // Excel counts 1900-02-29, which did not exist; serials after it are one day ahead.
    let offset = if days >= 60 { days - 1 } else { days };
    let (y, m, d) = civil_from_days(offset - 25568);
    let date = format!("{d:02}/{m:02}/{y:04}");
    if minutes == 0 {
        date
    } else {
        format!("{date} {time}")
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_become_cp1252() {
        assert_eq!(
            cp1252_fixup("a\u{80}\u{81}\u{9f}\u{b8}"),
            "a\u{20ac}\u{81}\u{178}\u{b8}"
        );
    }

    #[test]
    fn general_format_numbers() {
        assert_eq!(general_number(36000.0), "36000");
        assert_eq!(general_number(118.27956989247312), "118.2795699");
        assert_eq!(general_number(6.111111111111111), "6.111111111");
        assert_eq!(general_number(0.5), "0.5");
        assert_eq!(general_number(-2.25), "-2.25");
        assert_eq!(general_number(f64::NAN), "");
    }

    #[test]
    fn serial_dates() {
        assert_eq!(excel_date(1.0), "01/01/1900");
        assert_eq!(excel_date(61.0), "01/03/1900");
        assert_eq!(excel_date(38353.0), "01/01/2005");
        assert_eq!(excel_date(38353.5), "01/01/2005 12:00");
        assert_eq!(excel_date(0.25), "06:00");
    }

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut r = kind.to_le_bytes().to_vec();
        r.extend_from_slice(&(data.len() as u16).to_le_bytes());
        r.extend_from_slice(data);
        r
    }

    /// A workbook stream of one sheet: globals (BOF, optional CODEPAGE, BOUNDSHEET, any
    /// extra records, EOF), then the sheet (BOF, its cells, EOF).
    fn workbook(
        biff8: bool,
        codepage: Option<u16>,
        globals: &[Vec<u8>],
        cells: &[Vec<u8>],
    ) -> Vec<u8> {
        let version: u16 = if biff8 { 0x0600 } else { 0x0500 };
        let bof = |kind: u16| {
            let mut d = version.to_le_bytes().to_vec();
            d.extend_from_slice(&kind.to_le_bytes());
            d.extend_from_slice(&[0; 12]);
            record(0x0809, &d[..if biff8 { 16 } else { 8 }])
        };
        let name = b"S1";
        let boundsheet_len = 4 + 4 + 2 + 1 + name.len() + usize::from(biff8);
        let mut head = bof(0x0005);
        if let Some(cp) = codepage {
            head.extend(record(0x0042, &cp.to_le_bytes()));
        }
        for g in globals {
            head.extend_from_slice(g);
        }
        let sheet_at = head.len() + boundsheet_len + 4; // + the EOF record
        let mut bs = (sheet_at as u32).to_le_bytes().to_vec();
        bs.extend_from_slice(&[0, 0, name.len() as u8]);
        if biff8 {
            bs.push(0);
        }
        bs.extend_from_slice(name);
        head.extend(record(0x0085, &bs));
        head.extend(record(0x000A, &[]));
        head.extend(bof(0x0010));
        for c in cells {
            head.extend_from_slice(c);
        }
        head.extend(record(0x000A, &[]));
        head
    }

    fn container(stream_name: &str, stream: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut file =
            cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
                .unwrap();
        let mut s = file.create_stream(stream_name).unwrap();
        s.write_all(stream).unwrap();
        s.flush().unwrap();
        drop(s);
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    #[test]
    fn biff8_compressed_strings_come_out_as_cp1252() {
        // SST with one "compressed" (8-bit) string holding TCVN3 bytes, one LABELSST at B1.
        let text = b"Qu\x80n \xb8\x81";
        let mut sst = 1u32.to_le_bytes().to_vec();
        sst.extend_from_slice(&1u32.to_le_bytes());
        sst.extend_from_slice(&(text.len() as u16).to_le_bytes());
        sst.push(0);
        sst.extend_from_slice(text);
        let cell = record(0x00FD, &[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        let stream = workbook(true, Some(1200), &[record(0x00FC, &sst)], &[cell]);
        let (out, _) = extract(&container("/Workbook", &stream)).expect("biff8 reads");
        assert_eq!(out, "=== S1 ===\n\tQu\u{20ac}n \u{b8}\u{81}\n");
    }

    #[test]
    fn biff5_bytes_stay_cp1252_whatever_the_codepage_record_says() {
        // LABEL at A1 in BIFF5: row, col, xf, then a byte string.
        let text = b"Nh\xf2";
        let mut label = vec![0, 0, 0, 0, 0, 0];
        label.extend_from_slice(&(text.len() as u16).to_le_bytes());
        label.extend_from_slice(text);
        let stream = workbook(false, Some(1258), &[], &[record(0x0204, &label)]);
        let (out, _) = extract(&container("/Book", &stream)).expect("biff5 reads");
        assert_eq!(out, "=== S1 ===\nNh\u{f2}\n");
    }

    #[test]
    fn absurd_cell_extent_is_refused() {
        // BOF, a NUMBER at A1 and one at (65535, 255), EOF: 16.7M cells.
        let mut stream = record(0x0809, &[0; 16]);
        stream.extend(record(0x0203, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        stream.extend(record(
            0x0203,
            &[0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ));
        stream.extend(record(0x000A, &[]));
        assert!(check_cell_extent(&stream).is_err());
        // A normal small sheet passes.
        let mut small = record(0x0809, &[0; 16]);
        small.extend(record(0x0203, &[5, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        small.extend(record(0x000A, &[]));
        assert!(check_cell_extent(&small).is_ok());
        // Truncated records are tolerated.
        assert!(check_cell_extent(&small[..small.len() - 3]).is_ok());
    }

    #[test]
    fn junk_is_an_error() {
        assert!(extract(b"definitely not a workbook").is_err());
    }
}

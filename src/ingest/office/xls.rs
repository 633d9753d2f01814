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
use calamine::{Data, Reader, Xls};
use std::fmt::Write;
use std::io::Cursor;

/// Cells beyond this many per sheet are not written (a guard against absurd dimensions).
const MAX_CELLS_PER_SHEET: usize = 4_000_000;

/// Text of a workbook, or why it cannot be read.
pub fn extract(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut book =
        Xls::new(Cursor::new(bytes)).map_err(|e| format!("xls: cannot open workbook: {e}"))?;
    let names: Vec<String> = book.sheet_names().to_vec();
    let mut text = String::new();
    let mut notes = Vec::new();
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            text.push('\x0C');
        }
        let _ = writeln!(text, "=== {} ===", cp1252_fixup(name));
        match book.worksheet_range(name) {
            Ok(range) => write_range(&range, &mut text, &mut notes, name),
            Err(e) => notes.push(format!("xls: sheet {name:?} unreadable: {e}")),
        }
    }
    if names.is_empty() {
        notes.push("xls: workbook has no sheets".into());
    }
    Ok((text, notes))
}

fn write_range(
    range: &calamine::Range<Data>,
    text: &mut String,
    notes: &mut Vec<String>,
    sheet: &str,
) {
    let (Some((_, _)), Some((last_row, last_col))) = (range.start(), range.end()) else {
        return; // empty sheet
    };
    let width = last_col as usize + 1;
    let height = last_row as usize + 1;
    if width.saturating_mul(height) > MAX_CELLS_PER_SHEET {
        notes.push(format!(
            "xls: sheet {sheet:?} has {height}×{width} cells; only the first rows are written"
        ));
    }
    let max_rows = (MAX_CELLS_PER_SHEET / width.max(1)).min(height);
    for row in 0..max_rows as u32 {
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

    #[test]
    fn junk_is_an_error() {
        assert!(extract(b"definitely not a workbook").is_err());
    }
}

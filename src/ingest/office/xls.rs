//! Excel 97–2003 (BIFF8) and Excel 5/95 (BIFF5/7) `.xls` → text, through `calamine`.
//! Each sheet becomes a title line `=== name ===` followed by its rows as tab-separated
//! lines (from column A, so columns line up across rows); sheets are separated by a form
//! feed. Numbers are written through their cell's number format ([`NumberFormat`]: dates
//! as dd/mm/yyyy, percentages times 100 with "%", else as Excel's General format shows
//! them, up to 10 significant digits), read from the FORMAT, XF and cell records, which calamine
//! does not expose. Formulas are represented by their cached values; merged cells and
//! hidden state are not interpreted.
//!
//! calamine decodes BIFF8 "compressed" 8-bit strings as Latin-1, which turns the bytes
//! 0x80–0x9F into C1 controls; [`cp1252_fixup`] maps them to their Windows-1252 characters
//! so legacy TCVN3/VNI strings come out in the same lossless cp1252 form as everywhere else.

use super::cp1252_char;
use super::flow::Grid;
use calamine::{Data, Reader, Xls, XlsOptions};
use std::collections::HashMap;
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
    let (clean, biff5, layouts) = rebuilt_container(bytes)?;
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
    let empty = Layout::default();
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            text.push('\x0C');
        }
        let shown = cp1252_fixup(name);
        // calamine names the sheets in BOUNDSHEET order, the order of the layouts.
        let layout = layouts.get(index).unwrap_or(&empty);
        let grid = match book.worksheet_range(name) {
            Ok(range) => sheet_grid(&range, layout),
            Err(e) => {
                notes.push(format!("xls: sheet {name:?} unreadable: {e}"));
                Grid::default()
            }
        };
        if grid.truncated {
            notes.push("xls: text too long; the rest was dropped".into());
        }
        notes.extend(grid.write(&shown, &mut text).map(|n| format!("xls: {n}")));
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
/// Also tells whether the workbook is BIFF5/7 (Excel 5–95) rather than BIFF8, and gives
/// each sheet's number formats.
fn rebuilt_container(bytes: &[u8]) -> Result<(Vec<u8>, bool, Vec<Layout>), String> {
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
    make_safe_for_calamine(&mut workbook)?;
    // The stream opens with a BOF record (0x0809) whose first field is the BIFF version.
    let biff5 = matches!(workbook.get(0..6), Some([0x09, 0x08, _, _, 0x00, 0x05]));
    let layouts = layouts(&workbook, biff5);
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
    Ok((copy.into_inner().into_inner(), biff5, layouts))
}

const BIFF_EOF: u16 = 0x000A;
const BIFF_BOUNDSHEET: u16 = 0x0085;
const BIFF_DIMENSIONS: u16 = 0x0200;
/// NUMBER, RK, MULRK, LABELSST, LABEL, FORMULA, BLANK, MULBLANK, BOOLERR, RSTRING.
const BIFF_CELLS: [u16; 10] = [
    0x0203, 0x027E, 0x00BD, 0x00FD, 0x0204, 0x0006, 0x0201, 0x00BE, 0x0205, 0x00D6,
];

/// The records calamine will read from `start`: type and data range, up to and
/// including the first EOF record.
fn records_from(stream: &[u8], start: usize) -> Vec<(u16, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut at = start;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = at + 4..(at + 4 + len).min(stream.len());
        at += 4 + len;
        out.push((kind, data));
        if kind == BIFF_EOF {
            break;
        }
    }
    out
}

/// Where calamine starts reading: the globals at 0, then each sheet at the offset its
/// BOUNDSHEET record gives.
fn substream_starts(stream: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    for (kind, data) in records_from(stream, 0) {
        if kind == BIFF_BOUNDSHEET && data.len() >= 4 {
            let d = &stream[data];
            starts.push(u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize);
        }
    }
    starts
}

/// Makes the workbook stream safe for calamine, which allocates from what the file
/// declares: DIMENSIONS records (only a capacity hint there) are zeroed, then every
/// substream is checked so that its cells span at most [`MAX_CELLS_PER_SHEET`]. Records
/// are read at the same offsets calamine reads them, so a crafted offset cannot hide one.
fn make_safe_for_calamine(stream: &mut [u8]) -> Result<(), String> {
    for start in substream_starts(stream) {
        for (kind, data) in records_from(stream, start) {
            if kind == BIFF_DIMENSIONS {
                stream[data].fill(0);
            }
        }
    }
    check_cell_extent(stream)
}

/// Refuses a workbook whose cells (or declared dimensions) span an absurd rectangle.
fn check_cell_extent(stream: &[u8]) -> Result<(), String> {
    let mut total = 0u64;
    for start in substream_starts(stream) {
        let mut extent: Option<(u16, u16, u16, u16)> = None;
        for (kind, data) in records_from(stream, start) {
            let data = &stream[data];
            if kind == BIFF_DIMENSIONS && data.iter().any(|&b| b != 0) {
                return Err("xls: overlapping records; corrupt file".into());
            }
            if !BIFF_CELLS.contains(&kind) || data.len() < 4 {
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
        if let Some((r0, r1, c0, c1)) = extent {
            let cells = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
            total += cells;
            if cells > MAX_CELLS_PER_SHEET || total > MAX_CELLS_PER_BOOK {
                return Err(format!(
                    "xls: a sheet spans {cells} cells (limit {MAX_CELLS_PER_SHEET}); corrupt or too large"
                ));
            }
        }
    }
    Ok(())
}

const BIFF_FORMAT: u16 = 0x041E;
const BIFF_XF: u16 = 0x00E0;
/// Cell records that carry a number and their XF index: NUMBER, RK, FORMULA (MULRK apart).
const BIFF_NUMBER_CELLS: [u16; 3] = [0x0203, 0x027E, 0x0006];
const BIFF_MULRK: u16 = 0x00BD;

/// What calamine does not give of a sheet: the format of each number cell that has one
/// other than General.
type Layout = HashMap<(u32, u32), NumberFormat>;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

/// Each sheet's number formats, in BOUNDSHEET order, from the globals' FORMAT and XF
/// records and the sheet's cell records.
fn layouts(stream: &[u8], biff5: bool) -> Vec<Layout> {
    let mut codes: HashMap<u16, NumberFormat> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    for (kind, range) in records_from(stream, 0) {
        let d = &stream[range];
        match kind {
            BIFF_FORMAT => {
                if let (Some(id), Some(code)) = (u16_at(d, 0), format_code(d, biff5)) {
                    codes.insert(id, NumberFormat::of_code(&code));
                }
            }
            BIFF_XF => xf_formats.push(u16_at(d, 2).unwrap_or(0)),
            _ => {}
        }
    }
    let format_of = |xf: u16| {
        let id = xf_formats.get(usize::from(xf)).copied().unwrap_or(0);
        codes
            .get(&id)
            .copied()
            .unwrap_or_else(|| NumberFormat::builtin(u32::from(id)))
    };
    let mut out = Vec::new();
    for start in substream_starts(stream).into_iter().skip(1) {
        let mut layout = Layout::default();
        for (kind, range) in records_from(stream, start) {
            let d = &stream[range];
            let (Some(row), Some(col)) = (u16_at(d, 0), u16_at(d, 2)) else {
                continue;
            };
            let (row, col) = (u32::from(row), u32::from(col));
            match kind {
                _ if BIFF_NUMBER_CELLS.contains(&kind) => {
                    let format = format_of(u16_at(d, 4).unwrap_or(0));
                    if format != NumberFormat::default() {
                        layout.insert((row, col), format);
                    }
                }
                // Row, first column, then (XF, RK) pairs of 6 bytes, then the last column.
                BIFF_MULRK => {
                    for (k, pair) in d
                        .get(4..d.len().saturating_sub(2))
                        .unwrap_or(&[])
                        .chunks_exact(6)
                        .enumerate()
                    {
                        let format = format_of(u16::from_le_bytes([pair[0], pair[1]]));
                        if format != NumberFormat::default() {
                            layout.insert((row, col + k as u32), format);
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(layout);
    }
    out
}

/// The format string of a FORMAT record (after its 2-byte id): BIFF8 has a 16-bit length
/// and a flag byte (bit 0: UTF-16 rather than 8-bit), BIFF5 an 8-bit length.
fn format_code(d: &[u8], biff5: bool) -> Option<String> {
    if biff5 {
        let len = usize::from(*d.get(2)?);
        let bytes = d.get(3..3 + len)?;
        return Some(bytes.iter().map(|&b| char::from(b)).collect());
    }
    let len = usize::from(u16_at(d, 2)?);
    let wide = d.get(4)? & 1 != 0;
    if wide {
        let bytes = d.get(5..5 + 2 * len)?;
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(d.get(5..5 + len)?.iter().map(|&b| char::from(b)).collect())
    }
}

/// A sheet's cells as a [`Grid`] (the extent check bounds the sheet), number cells
/// written through their format.
fn sheet_grid(range: &calamine::Range<Data>, layout: &Layout) -> Grid {
    let mut grid = Grid::default();
    for (row, col, cell) in range.used_cells() {
        let (row, col) = match range.start() {
            Some((r0, c0)) => (r0 + row as u32, c0 + col as u32),
            None => continue,
        };
        let format = layout.get(&(row, col)).copied().unwrap_or_default();
        let value = match cell {
            Data::String(s) => cp1252_fixup(s),
            Data::Float(f) => format.show(*f),
            Data::Int(i) => format.show(*i as f64),
            Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
            Data::DateTime(dt) => excel_date(dt.as_f64()),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Error(e) => e.to_string(),
            Data::Empty => continue,
        };
        if !grid.set(row, col, &value) {
            break;
        }
    }
    grid
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

/// What the readers take from a cell's number format: dates are written as dd/mm/yyyy and
/// percentages as the value times 100 with "%" ("0.0%" of 0.505 is "50.5%", not "0.505",
/// which no one reading the sheet saw); any other number as Excel's General format shows
/// it, with all its digits and no thousands separators, so that a figure reads the same
/// whatever its format and whichever of .xls, .xlsx or .ods it was saved in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumberFormat {
    pub date: bool,
    pub percent: bool,
}

impl NumberFormat {
    /// The format of a format code ("#,##0.0", "0.00%", "dd/mm/yyyy"); only its first
    /// section (positive numbers) counts. Quoted text, escapes and bracketed parts
    /// (colours, locales, conditions) are not part of the pattern.
    pub fn of_code(code: &str) -> NumberFormat {
        let mut format = NumberFormat::default();
        if code.trim().eq_ignore_ascii_case("general") {
            return format;
        }
        let (mut quoted, mut bracket, mut escaped) = (false, false, false);
        for c in code.chars() {
            match c {
                _ if escaped => escaped = false,
                '"' => quoted = !quoted,
                _ if quoted => {}
                '\\' | '_' | '*' => escaped = true,
                '[' => bracket = true,
                ']' => bracket = false,
                _ if bracket => {}
                ';' => break,
                'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => {
                    return NumberFormat {
                        date: true,
                        percent: false,
                    }
                }
                '%' => format.percent = true,
                _ => {}
            }
        }
        format
    }

    /// One of Excel's built-in formats, by its id (ids not listed show no date or "%").
    pub fn builtin(id: u32) -> NumberFormat {
        NumberFormat {
            date: matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58),
            percent: matches!(id, 9 | 10),
        }
    }

    /// A cell's value as this format shows it (see the type's description).
    pub fn show(&self, value: f64) -> String {
        if self.date {
            excel_date(value)
        } else if self.percent && value.is_finite() {
            format!("{}%", unambiguous_decimal(general_number(value * 100.0)))
        } else {
            unambiguous_decimal(general_number(value))
        }
    }
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

/// A number written with a decimal point before exactly three digits ("484.492", a
/// plan's "Nghìn tỷ đồng") reads as a thousands group in Vietnamese text, where "." groups
/// thousands: it is written with the decimal comma instead ("484,492"), which no reader
/// takes for thousands. Other decimals keep the point ("6.8", "33.74668725"): nothing else
/// reads them.
fn unambiguous_decimal(number: String) -> String {
    match number.split_once('.') {
        Some((int, frac))
            if frac.len() == 3
                && frac.bytes().all(|b| b.is_ascii_digit())
                && !int.trim_start_matches('-').starts_with('0') =>
        {
            format!("{int},{frac}")
        }
        _ => number,
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
        // Three decimals would read as thousands: the decimal comma.
        let plain = NumberFormat::default();
        assert_eq!(plain.show(484.492), "484,492");
        assert_eq!(plain.show(-1.125), "-1,125");
        assert_eq!(plain.show(0.935), "0.935");
        assert_eq!(plain.show(6.8), "6.8");
        assert_eq!(plain.show(1500.0), "1500");
        let percent = NumberFormat {
            date: false,
            percent: true,
        };
        assert_eq!(percent.show(0.12345), "12,345%");
        assert_eq!(
            crate::extract::numbers::parse_vn_number("484,492"),
            Some(484.492)
        );
    }

    #[test]
    fn number_formats_show_dates_and_percentages() {
        let f = NumberFormat::of_code;
        assert_eq!(f("0.0%").show(0.5049599846), "50.49599846%");
        assert_eq!(f("0%").show(0.97), "97%");
        assert_eq!(f("0.00%").show(0.935), "93.5%");
        assert_eq!(f("#,##0").show(702345.0), "702345");
        assert_eq!(f("#,##0.0").show(36150.54), "36150.54");
        assert_eq!(f("#,##0 \"%\"").show(12.0), "12");
        assert_eq!(f("[$-42A]#,##0.0").show(2.25), "2.25");
        assert_eq!(f("General").show(0.30000000000000004), "0.3");
        assert!(f("dd/mm/yyyy").date);
        assert!(f("[$-42A]d mmmm yyyy").date);
        assert!(f("h:mm").date);
        assert!(!f("[Red]0.00").date);
        assert!(!f("0.00E+00").date);
        assert!(!f("#,##0 \"đồng\"").date);
        assert_eq!(NumberFormat::builtin(10).show(0.9683257919), "96.83257919%");
        assert_eq!(NumberFormat::builtin(14).show(43831.0), "01/01/2020");
        assert_eq!(NumberFormat::builtin(0).show(1250000.5), "1250000.5");
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
        // A DIMENSIONS record declaring ~2^32 × 256 cells, which calamine would reserve.
        let mut dims = 5u32.to_le_bytes().to_vec();
        dims.extend_from_slice(&u32::MAX.to_le_bytes());
        dims.extend_from_slice(&[0, 0, 0xFF, 0, 0, 0]);
        let stream = workbook(
            true,
            Some(1200),
            &[record(0x00FC, &sst)],
            &[record(0x0200, &dims), cell],
        );
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

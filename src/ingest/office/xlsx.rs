//! Excel 2007+ `.xlsx` (Office Open XML) → text, laid out like `xls.rs`: each sheet, in
//! workbook order, is a title line `=== name ===` then its rows from A1 as tab-separated
//! lines; sheets are separated by a form feed. Strings come from the shared-string table
//! or the cell itself (inline strings); numbers are written through their cell's number
//! format as the .xls reader writes them ([`NumberFormat`]: dates as dd/mm/yyyy,
//! percentages times 100 with "%", other numbers as Excel's General format shows them), so
//! one table reads the same whichever format it was saved in. Formulas are represented by
//! their cached values; merged cells, hidden rows, columns and sheets, comments and charts
//! are not interpreted.

use super::flow::{cell_ref, Grid};
use super::package::{attr, local, Package, XmlEvent};
use super::xls::NumberFormat;
use std::collections::HashMap;

/// Text of a workbook, or why it cannot be read.
pub fn extract(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut package = Package::open(bytes).map_err(|e| format!("xlsx: {e}"))?;
    let sheets = sheet_list(&mut package)?;
    let shared = shared_strings(&mut package)?;
    let formats = cell_formats(&mut package)?;
    let date1904 = uses_1904_dates(&mut package)?;
    let mut text = String::new();
    let mut notes = Vec::new();
    for (index, (name, part)) in sheets.iter().enumerate() {
        if index > 0 {
            text.push('\x0C');
        }
        let grid = match part {
            Some(part) => read_sheet(&mut package, part, &shared, &formats, date1904)?,
            None => None,
        };
        let Some(grid) = grid else {
            notes.push(format!("xlsx: sheet {name:?} has no worksheet part"));
            text.push_str(&format!("=== {name} ===\n"));
            continue;
        };
        if grid.truncated {
            notes.push("xlsx: text too long; the rest was dropped".into());
        }
        notes.extend(grid.write(name, &mut text).map(|n| format!("xlsx: {n}")));
    }
    if sheets.is_empty() {
        notes.push("xlsx: workbook has no sheets".into());
    }
    Ok((text, notes))
}

/// Whether the workbook counts its dates from 1904 (`workbookPr date1904`, as Excel for
/// the Mac once did): its serials are 1462 days short of the 1900 system's.
fn uses_1904_dates(package: &mut Package<'_>) -> Result<bool, String> {
    let mut date1904 = false;
    package
        .parse("xl/workbook.xml", |event| {
            if let XmlEvent::Start(e) = event {
                if local(e) == b"workbookPr" {
                    date1904 = matches!(attr(e, b"date1904").as_deref(), Some("1" | "true"));
                }
            }
        })
        .map_err(|e| format!("xlsx: {e}"))?;
    Ok(date1904)
}

/// Sheet names in workbook order with the part each one is stored in.
fn sheet_list(package: &mut Package<'_>) -> Result<Vec<(String, Option<String>)>, String> {
    let mut sheets: Vec<(String, Option<String>)> = Vec::new();
    let mut ids: Vec<Option<String>> = Vec::new();
    package
        .parse("xl/workbook.xml", |event| {
            if let XmlEvent::Start(e) = event {
                if local(e) == b"sheet" {
                    sheets.push((attr(e, b"name").unwrap_or_default(), None));
                    ids.push(attr(e, b"id"));
                }
            }
        })
        .map_err(|e| format!("xlsx: {e}"))?;
    let mut targets: HashMap<String, String> = HashMap::new();
    package
        .parse("xl/_rels/workbook.xml.rels", |event| {
            if let XmlEvent::Start(e) = event {
                if let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target")) {
                    targets.insert(id, target);
                }
            }
        })
        .map_err(|e| format!("xlsx: {e}"))?;
    for (index, (sheet, id)) in sheets.iter_mut().zip(ids).enumerate() {
        let part = match id.and_then(|id| targets.get(&id)) {
            Some(target) => match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            },
            // Without relationships, Excel's own naming.
            None => format!("xl/worksheets/sheet{}.xml", index + 1),
        };
        sheet.1 = package.has(&part).then_some(part);
    }
    Ok(sheets)
}

/// The shared-string table; phonetic guides (`rPh`) are not part of the text.
fn shared_strings(package: &mut Package<'_>) -> Result<Vec<String>, String> {
    let mut strings = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    let mut phonetic = 0usize;
    package
        .parse("xl/sharedStrings.xml", |event| match event {
            XmlEvent::Start(e) => match local(e).as_slice() {
                b"si" => current.clear(),
                b"t" => in_text = true,
                b"rPh" => phonetic += 1,
                _ => {}
            },
            XmlEvent::End(name) => match name {
                b"si" => strings.push(std::mem::take(&mut current)),
                b"t" => in_text = false,
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            XmlEvent::Text(t) => {
                if in_text && phonetic == 0 {
                    current.push_str(t);
                }
            }
        })
        .map_err(|e| format!("xlsx: {e}"))?;
    Ok(strings)
}

/// For each cell style (`cellXfs` index), its number format.
fn cell_formats(package: &mut Package<'_>) -> Result<Vec<NumberFormat>, String> {
    let mut custom: HashMap<u32, NumberFormat> = HashMap::new();
    let mut style_formats: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    package
        .parse("xl/styles.xml", |event| match event {
            XmlEvent::Start(e) => match local(e).as_slice() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(e, b"numFmtId").and_then(|v| v.parse().ok()),
                        attr(e, b"formatCode"),
                    ) {
                        custom.insert(id, NumberFormat::of_code(&code));
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => style_formats.push(
                    attr(e, b"numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0),
                ),
                _ => {}
            },
            XmlEvent::End(b"cellXfs") => in_cell_xfs = false,
            _ => {}
        })
        .map_err(|e| format!("xlsx: {e}"))?;
    Ok(style_formats
        .into_iter()
        .map(|id| {
            custom
                .get(&id)
                .copied()
                .unwrap_or_else(|| NumberFormat::builtin(id))
        })
        .collect())
}

/// One worksheet's cells; `None` when the part is absent.
fn read_sheet(
    package: &mut Package<'_>,
    part: &str,
    shared: &[String],
    formats: &[NumberFormat],
    date1904: bool,
) -> Result<Option<Grid>, String> {
    let mut grid = Grid::default();
    // Position of the cell being read, and its type and style.
    let mut row = 0u32;
    let mut col = 0u32;
    let mut next_row = 0u32;
    let mut cell_type = String::new();
    let mut format = NumberFormat::default();
    let mut value = String::new();
    let mut in_value = false;
    let mut phonetic = 0usize;
    let found = package
        .parse(part, |event| match event {
            XmlEvent::Start(e) => match local(e).as_slice() {
                b"row" => {
                    row = attr(e, b"r")
                        .and_then(|r| r.parse::<u32>().ok())
                        .and_then(|r| r.checked_sub(1))
                        .unwrap_or(next_row);
                    next_row = row.saturating_add(1);
                    col = 0;
                }
                b"c" => {
                    if let Some((r, c)) = attr(e, b"r").as_deref().and_then(cell_ref) {
                        row = r;
                        col = c;
                    }
                    cell_type = attr(e, b"t").unwrap_or_default();
                    format = attr(e, b"s")
                        .and_then(|s| s.parse::<usize>().ok())
                        .and_then(|s| formats.get(s).copied())
                        .unwrap_or_default();
                    value.clear();
                }
                b"v" | b"t" => in_value = true,
                b"rPh" => phonetic += 1,
                _ => {}
            },
            XmlEvent::End(name) => match name {
                b"v" | b"t" => in_value = false,
                b"rPh" => phonetic = phonetic.saturating_sub(1),
                b"c" => {
                    grid.set(
                        row,
                        col,
                        &cell_text(&cell_type, &value, format, date1904, shared),
                    );
                    col = col.saturating_add(1);
                }
                _ => {}
            },
            XmlEvent::Text(t) => {
                if in_value && phonetic == 0 {
                    value.push_str(t);
                }
            }
        })
        .map_err(|e| format!("xlsx: {e}"))?;
    Ok(found.then_some(grid))
}

fn cell_text(
    cell_type: &str,
    value: &str,
    format: NumberFormat,
    date1904: bool,
    shared: &[String],
) -> String {
    match cell_type {
        "s" => value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| shared.get(i))
            .cloned()
            .unwrap_or_default(),
        "inlineStr" | "str" | "e" | "d" => value.to_string(),
        "b" => match value.trim() {
            "1" => "TRUE".into(),
            "0" => "FALSE".into(),
            other => other.into(),
        },
        _ => match value.trim().parse::<f64>() {
            // A time of day alone (below 1) is the same in both systems.
            Ok(n) if format.date && date1904 && n >= 1.0 => format.show(n + 1462.0),
            Ok(n) => format.show(n),
            Err(_) => value.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats() {
        let date = |code: &str| NumberFormat::of_code(code).date;
        assert!(date("dd/mm/yyyy"));
        assert!(date("[$-42A]d mmmm yyyy"));
        assert!(date("h:mm"));
        assert!(!date("#,##0"));
        assert!(!date("#,##0 \"đồng\""));
        assert!(!date("[Red]0.00"));
        assert!(!date("General"));
        assert!(!date("0.00E+00"));
    }

    #[test]
    fn cell_values() {
        let shared = vec!["Hà Nội".to_string()];
        let general = NumberFormat::default();
        let date = NumberFormat::builtin(14);
        let percent = NumberFormat::of_code("0.0%");
        assert_eq!(cell_text("s", "0", general, false, &shared), "Hà Nội");
        assert_eq!(cell_text("s", "7", general, false, &shared), "");
        assert_eq!(
            cell_text("", "0.30000000000000004", general, false, &shared),
            "0.3"
        );
        assert_eq!(
            cell_text("n", "1250000", general, false, &shared),
            "1250000"
        );
        assert_eq!(cell_text("", "43831", date, false, &shared), "01/01/2020");
        assert_eq!(cell_text("", "0.505", percent, false, &shared), "50.5%");
        // The same day in the 1904 system; a time alone is unchanged.
        assert_eq!(cell_text("", "42369", date, true, &shared), "01/01/2020");
        assert_eq!(cell_text("", "0.25", date, true, &shared), "06:00");
        assert_eq!(cell_text("b", "1", general, false, &shared), "TRUE");
        assert_eq!(cell_text("e", "#N/A", general, false, &shared), "#N/A");
    }
}

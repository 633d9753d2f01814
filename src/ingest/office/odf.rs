//! OpenDocument `.odt` and `.ods` (LibreOffice, and what Vietnamese government offices
//! using open-source suites circulate) → text, from `content.xml`.
//!
//! Text documents are laid out like `docx.rs`: paragraphs and headings as lines, `text:tab`
//! as a tab, `text:s` as its `text:c` spaces, `text:line-break` as a newline, tables as
//! tab-separated rows; footnotes and endnotes follow the body after a blank line.
//! Spreadsheets are laid out like `xls.rs`: `=== name ===` then the rows from A1, sheets
//! separated by form feeds, each cell as the text it displays, but for numbers and dates,
//! written from their value as the .xlsx and .xls readers write them ([`shown_number`]):
//! the text displayed follows the file's locale ("1,204" is 1204 in English, 1.204 to a
//! Vietnamese reader). Repeated rows and cells
//! (`number-rows-repeated`, `number-columns-repeated`) are expanded when they hold text,
//! up to a cap, and only counted when empty: LibreOffice marks a sheet's unused tail as
//! one empty row repeated a million times. Page headers and footers (in `styles.xml`),
//! comments, tracked deletions and embedded objects are not read. A list item's paragraph
//! starts with the label its list style draws ("1.", "a)", "-"; see [`super::numbering`]).
//! A flat document (`.fodt`, `.fods`: one XML file, LibreOffice's other way of saving) is
//! read the same way, that file standing for every part.

use super::flow::{Flow, Grid};
use super::numbering::{bullet_text, Counters, Level, Style, MAX_LEVELS};
use super::package::{attr, is_zip, local, Package, XmlEvent};
use super::xls::NumberFormat;
use std::collections::HashMap;

/// Copies of one repeated cell or row that hold text, kept at most.
const MAX_REPEATED_CELLS: u32 = 1024;
const MAX_REPEATED_ROWS: u32 = 1024;
/// Spaces one `text:s` gives at most.
const MAX_SPACES: usize = 1024;

/// Elements whose content is not document text. A flat document also holds its page
/// headers and footers (`master-styles`) before the body; its metadata and settings have
/// no paragraphs, so their text is never taken.
const SKIPPED: [&[u8]; 5] = [
    b"annotation",
    b"master-styles",
    b"tracked-changes",
    b"note-citation",
    b"sequence-decls",
];

/// Text of an OpenDocument text (`spreadsheet` false) or spreadsheet, or why not.
pub fn extract(bytes: &[u8], spreadsheet: bool) -> Result<(String, Vec<String>), String> {
    let which = if spreadsheet { "ods" } else { "odt" };
    // A flat document is one XML file standing for all the package's parts.
    let flat = !is_zip(bytes);
    let mut package = if flat {
        Package::flat(bytes)
    } else {
        Package::open(bytes).map_err(|e| format!("{which}: {e}"))?
    };
    let result = if spreadsheet {
        read_spreadsheet(&mut package)
    } else {
        read_text(&mut package)
    };
    let (text, mut notes) = result.map_err(|e| format!("{which}: {e}"))?;
    if flat {
        notes.insert(0, format!("{which}: flat XML document"));
    }
    Ok((text, notes))
}

/// ODF text nodes treat line breaks and tabs as spaces; only the elements above break.
fn plain(t: &str) -> String {
    t.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn repeat_of(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

fn spaces_of(e: &quick_xml::events::BytesStart<'_>) -> usize {
    attr(e, b"c")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .min(MAX_SPACES)
}

/// The list styles (`text:list-style`) of the document, from `styles.xml` and the
/// automatic ones of `content.xml` (in a flat document both are the one file).
fn list_styles(package: &mut Package<'_>) -> Result<HashMap<String, Vec<Level>>, String> {
    let mut styles: HashMap<String, Vec<Level>> = HashMap::new();
    for part in ["styles.xml", "content.xml"] {
        let mut current: Option<String> = None;
        package.parse(part, |event| {
            let XmlEvent::Start(e) = event else {
                if let XmlEvent::End(b"list-style") = event {
                    current = None;
                }
                return;
            };
            let name = local(e);
            if name == b"list-style" {
                current = attr(e, b"name");
                if let Some(n) = &current {
                    styles.insert(n.clone(), Vec::new());
                }
                return;
            }
            let Some(levels) = current.as_ref().and_then(|n| styles.get_mut(n)) else {
                return;
            };
            let kind = name.as_slice();
            if !matches!(
                kind,
                b"list-level-style-number" | b"list-level-style-bullet" | b"list-level-style-image"
            ) {
                return;
            }
            let Some(level) = attr(e, b"level")
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|l| (1..=MAX_LEVELS).contains(l))
            else {
                return;
            };
            if levels.len() < level {
                levels.resize(level, Level::default());
            }
            let prefix = attr(e, b"num-prefix").unwrap_or_default();
            let suffix = attr(e, b"num-suffix").unwrap_or_default();
            let this = &mut levels[level - 1];
            this.start = attr(e, b"start-value")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            this.style = match kind {
                b"list-level-style-number" => match attr(e, b"num-format").as_deref() {
                    Some("1") => Style::Decimal,
                    Some("a") => Style::LowerLetter,
                    Some("A") => Style::UpperLetter,
                    Some("i") => Style::LowerRoman,
                    Some("I") => Style::UpperRoman,
                    _ => Style::None,
                },
                b"list-level-style-bullet" => {
                    Style::Bullet(bullet_text(&attr(e, b"bullet-char").unwrap_or_default()))
                }
                _ => Style::Bullet("•".into()),
            };
            // "1.2." when the level shows its parents' numbers too.
            let shown = attr(e, b"display-levels")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, level);
            let counters: Vec<String> = (level + 1 - shown..=level)
                .map(|k| format!("%{k}"))
                .collect();
            this.template = format!("{prefix}{}{suffix}", counters.join("."));
        })?;
    }
    Ok(styles)
}

fn read_text(package: &mut Package<'_>) -> Result<(String, Vec<String>), String> {
    let styles = list_styles(package)?;
    let mut counters = Counters::default();
    // The open lists' styles (a nested list without one uses its parent's), and the
    // label owed to the next paragraph of an open list item: (style, level).
    let mut lists: Vec<Option<String>> = Vec::new();
    let mut owed: Option<(String, usize)> = None;
    let mut body = Flow::default();
    let mut notes_flow = Flow::default();
    let mut skip_depth = 0usize;
    let mut note_depth = 0usize;
    // Extra (empty) copies owed by each open table cell.
    let mut repeats: Vec<u32> = Vec::new();
    let found = package.parse("content.xml", |event| {
        let flow = if note_depth > 0 {
            &mut notes_flow
        } else {
            &mut body
        };
        match event {
            XmlEvent::Start(e) => {
                let name = local(e);
                if skip_depth > 0 || SKIPPED.contains(&name.as_slice()) {
                    skip_depth += 1;
                    return;
                }
                match name.as_slice() {
                    b"p" | b"h" => {
                        flow.paragraph_start();
                        if let Some((style, level)) = owed.take() {
                            let levels = styles.get(&style).map_or(&[][..], Vec::as_slice);
                            let label = counters.next_label(&style, levels, level);
                            if !label.is_empty() {
                                flow.push_str(&label);
                                flow.push(' ');
                            }
                        }
                    }
                    b"list" => {
                        let style =
                            attr(e, b"style-name").or_else(|| lists.last().cloned().flatten());
                        // A list starts its numbering afresh unless told to continue.
                        let continues = attr(e, b"continue-numbering").is_some_and(|v| v == "true")
                            || attr(e, b"continue-list").is_some();
                        if let (true, false, Some(s)) = (lists.is_empty(), continues, &style) {
                            counters.restart(s);
                        }
                        lists.push(style);
                    }
                    b"list-item" => {
                        let level = lists.len().saturating_sub(1);
                        owed = lists.last().cloned().flatten().map(|s| (s, level));
                        if let (Some((s, l)), Some(v)) = (
                            &owed,
                            attr(e, b"start-value").and_then(|v| v.parse::<u32>().ok()),
                        ) {
                            counters.set_next(s, *l, v);
                        }
                    }
                    b"list-header" => owed = None,
                    b"tab" => flow.push('\t'),
                    b"s" => flow.push_str(&" ".repeat(spaces_of(e))),
                    b"line-break" => flow.push('\n'),
                    b"table-cell" | b"covered-table-cell" => flow.cell_start(),
                    b"note-body" => note_depth += 1,
                    _ => {}
                }
                // Extra copies of a repeated cell are written empty.
                if matches!(name.as_slice(), b"table-cell" | b"covered-table-cell") {
                    let extra =
                        repeat_of(e, b"number-columns-repeated").min(MAX_REPEATED_CELLS) - 1;
                    repeats.push(extra);
                }
            }
            XmlEvent::End(name) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    return;
                }
                match name {
                    b"p" | b"h" => flow.paragraph_end(),
                    b"list" => {
                        lists.pop();
                    }
                    b"list-item" => owed = None,
                    b"table-cell" | b"covered-table-cell" => {
                        flow.cell_end();
                        flow.empty_cells(repeats.pop().unwrap_or(0) as usize);
                    }
                    b"table-row" => flow.row_end(),
                    b"note-body" => note_depth = note_depth.saturating_sub(1),
                    _ => {}
                }
            }
            XmlEvent::Text(t) => {
                if skip_depth == 0 && flow.in_paragraph() {
                    flow.push_str(&plain(t));
                }
            }
        }
    })?;
    if !found {
        return Err("no content.xml".into());
    }
    let mut notes = Vec::new();
    let mut text = body.text;
    let footnotes = notes_flow.text.trim_matches('\n');
    if !footnotes.trim().is_empty() {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
        text.push_str(footnotes);
        text.push('\n');
        notes.push("odt: footnotes appended after the body".into());
    }
    if body.truncated || notes_flow.truncated {
        notes.push("odt: text too long; the rest was dropped".into());
    }
    Ok((text, notes))
}

/// One sheet being read.
struct Sheet {
    name: String,
    grid: Grid,
    row: u32,
    rows_repeated: u32,
    col: u32,
    cols_repeated: u32,
    /// The cells of the current row that hold text: (column, copies, text).
    cells: Vec<(u32, u32, String)>,
    /// The text of the current cell, while inside one.
    cell: Option<String>,
    /// The current cell's value when it is a number or a date: (type, value).
    value: Option<(String, String)>,
}

/// A number, percentage or currency cell's text: its value as Excel's General format shows
/// it (a percentage times 100 with "%"); a date cell's value as dd/mm/yyyy (and hh:mm);
/// `None` for other cells, which keep their displayed text.
fn shown_number(kind: &str, value: &str, displayed: &str) -> Option<String> {
    // A format can show nothing (zeros hidden); the sheet then shows nothing either.
    if displayed.trim().is_empty() {
        return None;
    }
    if kind == "date" {
        let (date, time) = value.split_once('T').unwrap_or((value, ""));
        let mut parts = date.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let hm = time.get(0..5).filter(|t| *t != "00:00");
        return Some(match hm {
            Some(t) => format!("{d}/{m}/{y} {t}"),
            None => format!("{d}/{m}/{y}"),
        });
    }
    let percent = kind == "percentage";
    if !(percent || kind == "float" || kind == "currency") {
        return None;
    }
    let number: f64 = value.trim().parse().ok()?;
    Some(
        NumberFormat {
            date: false,
            percent,
        }
        .show(number),
    )
}

fn read_spreadsheet(package: &mut Package<'_>) -> Result<(String, Vec<String>), String> {
    let mut text = String::new();
    let mut notes = Vec::new();
    let mut sheets = 0usize;
    let mut sheet: Option<Sheet> = None;
    let mut skip_depth = 0usize;
    let mut paragraphs_in_cell = 0usize;
    let found = package.parse("content.xml", |event| match event {
        XmlEvent::Start(e) => {
            let name = local(e);
            if skip_depth > 0 || SKIPPED.contains(&name.as_slice()) {
                skip_depth += 1;
                return;
            }
            if name == b"table" {
                sheet = Some(Sheet {
                    name: attr(e, b"name").unwrap_or_default(),
                    grid: Grid::default(),
                    row: 0,
                    rows_repeated: 1,
                    col: 0,
                    cols_repeated: 1,
                    cells: Vec::new(),
                    cell: None,
                    value: None,
                });
                return;
            }
            let Some(s) = sheet.as_mut() else { return };
            match name.as_slice() {
                b"table-row" => {
                    s.rows_repeated = repeat_of(e, b"number-rows-repeated");
                    s.col = 0;
                    s.cells.clear();
                }
                b"table-cell" | b"covered-table-cell" => {
                    s.cols_repeated = repeat_of(e, b"number-columns-repeated");
                    s.cell = Some(String::new());
                    paragraphs_in_cell = 0;
                    s.value = attr(e, b"value-type").and_then(|kind| {
                        let value = match kind.as_str() {
                            "date" => attr(e, b"date-value"),
                            _ => attr(e, b"value"),
                        };
                        value.map(|v| (kind, v))
                    });
                }
                b"p" | b"h" => {
                    if let Some(cell) = s.cell.as_mut() {
                        if paragraphs_in_cell > 0 {
                            cell.push('\n');
                        }
                        paragraphs_in_cell += 1;
                    }
                }
                b"s" => {
                    if let Some(cell) = s.cell.as_mut() {
                        cell.push_str(&" ".repeat(spaces_of(e)));
                    }
                }
                b"tab" | b"line-break" => {
                    if let Some(cell) = s.cell.as_mut() {
                        cell.push(' ');
                    }
                }
                _ => {}
            }
        }
        XmlEvent::End(name) => {
            if skip_depth > 0 {
                skip_depth -= 1;
                return;
            }
            if name == b"table" {
                if let Some(done) = sheet.take() {
                    if sheets > 0 {
                        text.push('\x0C');
                    }
                    sheets += 1;
                    if done.grid.truncated {
                        notes.push(format!("ods: sheet {:?} cut short (too large)", done.name));
                    }
                    notes.extend(
                        done.grid
                            .write(&done.name, &mut text)
                            .map(|n| format!("ods: {n}")),
                    );
                }
                return;
            }
            let Some(s) = sheet.as_mut() else { return };
            match name {
                b"table-cell" | b"covered-table-cell" => {
                    if let Some(mut cell) = s.cell.take() {
                        if let Some((kind, value)) = s.value.take() {
                            if let Some(shown) = shown_number(&kind, &value, &cell) {
                                cell = shown;
                            }
                        }
                        if !cell.trim().is_empty() {
                            s.cells.push((s.col, s.cols_repeated, cell));
                        }
                    }
                    s.col = s.col.saturating_add(s.cols_repeated);
                }
                b"table-row" => {
                    let copies = s.rows_repeated.min(MAX_REPEATED_ROWS);
                    'rows: for k in 0..if s.cells.is_empty() { 0 } else { copies } {
                        for (col, repeated, value) in &s.cells {
                            for j in 0..(*repeated).min(MAX_REPEATED_CELLS) {
                                let at = (s.row.saturating_add(k), col.saturating_add(j));
                                if !s.grid.set(at.0, at.1, value) {
                                    break 'rows;
                                }
                            }
                        }
                    }
                    s.row = s.row.saturating_add(s.rows_repeated);
                }
                _ => {}
            }
        }
        XmlEvent::Text(t) => {
            if skip_depth > 0 {
                return;
            }
            if let Some(cell) = sheet.as_mut().and_then(|s| s.cell.as_mut()) {
                if paragraphs_in_cell > 0 {
                    cell.push_str(&plain(t));
                }
            }
        }
    })?;
    if !found {
        return Err("no content.xml".into());
    }
    if sheets == 0 {
        notes.push("ods: spreadsheet has no sheets".into());
    }
    Ok((text, notes))
}

//! Tables in the text (extract stage): tab-separated (Word/Excel exports), Markdown pipe
//! tables and space-aligned tables (PDF text) → header rows (two-level headers merged into
//! "parent / child" names), typed cells, the total row ("Tổng cộng", "Cộng"), column units
//! from the header ("Tỷ lệ (%)") and the caption above ("KẾT QUẢ … (Kèm theo Công văn số
//! …)"). Checking the figures is validation's job.

use super::lines::Lines;
use super::numbers::parse_vn_number;
use super::Table;
use crate::document::Span;
use serde::{Deserialize, Serialize};

/// A typed table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

impl Cell {
    /// Types a cell: empty, a Vietnamese-format number ("1.587", "37,5", "62.9%"), or text.
    pub fn parse(s: &str) -> Cell {
        let t = s.trim().trim_matches(['*', '_']).trim();
        if t.is_empty() || matches!(t, "-" | "–" | "x") {
            return Cell::Empty;
        }
        let num = t.trim_end_matches('%').trim_end();
        // A change is signed ("-176", "+222"; a minus may be typed as a dash).
        let (sign, num) = match num.strip_prefix(['-', '−', '–', '+']) {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => {
                (if num.starts_with('+') { 1.0 } else { -1.0 }, rest)
            }
            _ => (1.0, num),
        };
        match parse_vn_number(num).map(|v| sign * v) {
            Some(v)
                if num
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ')) =>
            {
                Cell::Number(v)
            }
            _ => Cell::Text(t.to_string()),
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Cell::Number(v) => Some(*v),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Fewest body rows for a space-aligned table (prose lines rarely line up three times).
const MIN_ALIGNED_ROWS: usize = 3;
/// Longest mean length (characters) of a table's text cells; longer means a list of prose.
const MAX_MEAN_TEXT_CELL: usize = 60;
/// Most caption lines looked at above a table.
const CAPTION_LINES: usize = 4;
/// Words that open a caption line.
const CAPTION_WORDS: &[&str] = &[
    "Phụ lục",
    "PHỤ LỤC",
    "Biểu",
    "BIỂU",
    "Bảng",
    "BẢNG",
    "Kết quả",
    "KẾT QUẢ",
    "Danh sách",
    "DANH SÁCH",
    "Tổng hợp",
    "TỔNG HỢP",
];

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Tsv,
    Pipe,
    Aligned,
}

impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::Tsv => "tsv",
            Layout::Pipe => "pipe",
            Layout::Aligned => "aligned",
        }
    }
}

/// Cells of a line under one layout, or `None` when the line is not a row of it.
fn cells(line: &str, layout: Layout) -> Option<Vec<String>> {
    match layout {
        Layout::Tsv => {
            let parts: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
            (parts.len() >= 3 || parts.len() == 2 && !parts[1].is_empty()).then_some(parts)
        }
        Layout::Pipe => {
            let t = line.trim();
            // Markdown also writes tables without the outer pipes ("STT | Chỉ tiêu | …").
            if !t.starts_with('|') && t.matches('|').count() < 2 || t.len() < 2 {
                return None;
            }
            let inner = t.trim_start_matches('|').trim_end_matches('|');
            Some(inner.split('|').map(|c| c.trim().to_string()).collect())
        }
        Layout::Aligned => {
            let t = line.trim();
            let mut parts = Vec::new();
            let mut rest = t;
            while let Some(i) = rest.find("  ") {
                parts.push(rest[..i].trim().to_string());
                rest = rest[i..].trim_start();
            }
            parts.push(rest.trim().to_string());
            parts.retain(|p| !p.is_empty());
            (parts.len() >= 3).then_some(parts)
        }
    }
}

/// A space-aligned row whose first cells are empty ("     Tổng số   ha   8.630 …" under
/// "STT  Cây trồng  Đơn vị tính …") lost them when split at the gaps: where its first cell
/// starts at or right of the column a full row's second cell starts in, it gets an empty
/// first cell back, so its figures stay under their headers.
fn pad_indented_rows(lines: &Lines, first: usize, rows: &mut [Vec<String>]) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let indent = |raw: &str| raw.chars().take_while(|c| c.is_whitespace()).count();
    // Where the second cell of each full row starts, in characters.
    let second_starts: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.len() == width && width >= 2)
        .filter_map(|(k, r)| {
            let raw = lines.raw(first + k);
            let byte = raw.find(r[1].as_str())?;
            Some(raw[..byte].chars().count())
        })
        .collect();
    let Some(&second) = second_starts.iter().min() else {
        return;
    };
    for (k, row) in rows.iter_mut().enumerate() {
        if row.len() + 1 == width && indent(lines.raw(first + k)) + 2 >= second {
            row.insert(0, String::new());
        }
    }
}

/// How many rows at the top of a tab-separated block are a title block, not the table: the
/// rows above the one that opens the header with "STT" ("TT", "Số TT"), except a parent
/// header right above it that spans data columns only ("<tab><tab>QUYẾT TOÁN" over "STT
/// <tab>NỘI DUNG<tab>NĂM 2004"); a unit line ("Đơn vị tính: …") or a row with text in
/// column A or B (a title, the agency) is the title block's. `None` without such a row.
fn title_block_rows(rows: &[Vec<String>]) -> Option<usize> {
    let opens_header = |r: &Vec<String>| {
        r.iter().take(2).any(|c| {
            let c = c.trim().trim_end_matches('.').to_lowercase();
            matches!(c.as_str(), "stt" | "tt" | "số tt" | "s tt" | "số thứ tự")
        })
    };
    let h = rows.iter().position(opens_header)?;
    let parent_header = |r: &Vec<String>| {
        let filled = filled_columns(r);
        !filled.is_empty()
            && filled.iter().all(|&k| k >= 2)
            && unit_statement(&r.join(" ")).is_none()
    };
    Some(match h.checked_sub(1) {
        Some(above) if parent_header(&rows[above]) => above,
        _ => h,
    })
}

/// The columns of a row whose cells hold some text.
fn filled_columns(row: &[String]) -> Vec<usize> {
    (0..row.len())
        .filter(|&k| !row[k].trim().is_empty())
        .collect()
}

/// How many rows of a tab-separated block come before its footer: up to the first empty
/// row below the last row holding a figure or a total's label; all of them without one.
fn rows_above_footer(rows: &[Vec<String>]) -> usize {
    let holds_figures = |r: &Vec<String>| {
        r.iter().any(|c| matches!(Cell::parse(c), Cell::Number(_)))
            || r.iter().take(2).any(|c| is_total_label(c))
    };
    let Some(last) = rows.iter().rposition(holds_figures) else {
        return rows.len();
    };
    rows[last + 1..]
        .iter()
        .position(|r| r.iter().all(|c| c.trim().is_empty()))
        .map_or(rows.len(), |p| last + 1 + p)
}

/// The label of a total row: "Tổng cộng", "Cộng", "Tổng số", "Tổng", or a whole area's
/// ("Toàn tỉnh", "Toàn huyện", "Cả nước") in a table of its units.
fn is_total_label(cell: &str) -> bool {
    let l = cell.trim().to_lowercase();
    l.starts_with("tổng cộng")
        || l.starts_with("cộng")
        || l.starts_with("tổng số")
        || l == "tổng"
        || [
            "toàn tỉnh",
            "toàn huyện",
            "toàn thành phố",
            "toàn thị xã",
            "toàn quận",
            "toàn xã",
        ]
        .contains(&l.as_str())
        || l == "cả nước"
        || l == "toàn quốc"
}

/// A row numbering the columns under the header ("A  B  1  2  3=2/1  4"; "1  2  3 … 11"):
/// letters and numbers counting up by one, a number perhaps followed by its formula; no
/// data.
fn is_numbering_row(row: &[String]) -> bool {
    let labels: Vec<&str> = row
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if labels.len() < 3 {
        return false;
    }
    let mut last_number: Option<u32> = None;
    let mut last_letter: Option<char> = None;
    for label in labels {
        let head = label
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')');
        let formula = label.contains('=');
        if let Ok(n) = head.parse::<u32>() {
            if last_number.is_some_and(|l| n != l + 1) || last_number.is_none() && n > 1 {
                return false;
            }
            last_number = Some(n);
        } else if head.len() == 1 && head.chars().all(|c| c.is_ascii_uppercase()) && !formula {
            let c = head.chars().next().unwrap_or('A');
            if last_number.is_some() || last_letter.is_some_and(|l| c as u32 != l as u32 + 1) {
                return false;
            }
            last_letter = Some(c);
        } else {
            return false;
        }
    }
    last_number.is_some_and(|n| n >= 2) || last_letter.is_some() && last_number.is_some()
}

/// A short line of words that labels the rows below it ("Trong đó:", "Chia ra:").
fn is_group_label(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 30
        && t.ends_with(':')
        && !t.chars().any(|c| c.is_ascii_digit())
}

fn is_pipe_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

pub fn extract(text: &str) -> Vec<Table> {
    let lines = Lines::new(text);
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let raw = lines.raw(i);
        let layout = if raw.contains('\t') && cells(raw, Layout::Tsv).is_some() {
            Layout::Tsv
        } else if cells(raw, Layout::Pipe).is_some() {
            Layout::Pipe
        } else if cells(raw, Layout::Aligned).is_some() {
            Layout::Aligned
        } else {
            i += 1;
            continue;
        };
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header_end: Option<usize> = None;
        let mut j = i;
        while j < lines.len() {
            let raw = lines.raw(j);
            if layout == Layout::Pipe && is_pipe_separator(raw) {
                header_end = Some(rows.len());
                j += 1;
                continue;
            }
            match cells(raw, layout) {
                Some(c) if layout != Layout::Tsv || raw.contains('\t') => rows.push(c),
                // A group label inside an aligned table ("Trong đó:") between two rows.
                _ if layout == Layout::Aligned
                    && !rows.is_empty()
                    && is_group_label(raw)
                    && j + 1 < lines.len()
                    && cells(lines.raw(j + 1), layout).is_some() =>
                {
                    j += 1;
                    continue;
                }
                _ => break,
            }
            j += 1;
        }
        if layout == Layout::Aligned {
            pad_indented_rows(&lines, i, &mut rows);
        }
        // A sheet's rows are one block from its first row: its title block (agency, title,
        // note, unit line) stands above the row that opens the header with "STT".
        // Below its last figures, after an empty row, such a table has its footer: the place
        // and date, the signatures' cells and names.
        let (first, end) = match title_block_rows(&rows).filter(|_| layout == Layout::Tsv) {
            Some(skip) => {
                rows.drain(..skip);
                rows.truncate(rows_above_footer(&rows));
                (i + skip, i + skip + rows.len())
            }
            None => (i, j),
        };
        // A header or signature laid out in columns (a Word table, a tab export) is no
        // table of data: no data table holds the national name or motto.
        let layout_only = rows
            .iter()
            .flatten()
            .any(|c| crate::repair::layout::names_the_nation(c));
        if !layout_only {
            if let Some(t) = build(text, &lines, first, end, layout, rows, header_end) {
                tables.push(t);
            }
        }
        i = j.max(i + 1);
    }
    tables
}

fn build(
    text: &str,
    lines: &Lines,
    first: usize,
    end: usize,
    layout: Layout,
    rows: Vec<Vec<String>>,
    header_end: Option<usize>,
) -> Option<Table> {
    let typed: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| r.iter().map(|c| Cell::parse(c)).collect())
        .collect();
    let numeric = |r: &Vec<Cell>| r.iter().filter(|c| matches!(c, Cell::Number(_))).count();
    // Header: leading rows with no number (at most three), unless a separator says; a row
    // naming its columns by year ("STT  Tỉnh  2005  2006") is one too, when the row below
    // it holds other figures.
    let names_years = |k: usize| {
        let mut figures = typed[k]
            .iter()
            .zip(&rows[k])
            .filter(|(c, _)| matches!(c, Cell::Number(_)))
            .peekable();
        figures.peek().is_some()
            && figures.all(|(c, raw)| {
                let t = raw.trim();
                t.len() == 4
                    && c.as_number()
                        .is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v))
            })
    };
    // A table of words alone (a schedule: "Thời gian  Nội dung công việc  Người phụ
    // trách" over "Tháng 9/2025  Tổ chức Lễ khai giảng …") has one header row: its body
    // has no figures to tell it by. (Two or three rows of words are a list laid out with
    // tabs more often than a table, and stay none.)
    let words_only = typed.len() >= 4 && typed.iter().all(|r| numeric(r) == 0);
    let named = header_end.unwrap_or_else(|| {
        if words_only {
            return 1;
        }
        let plain = typed.iter().take(3).take_while(|r| numeric(r) == 0).count();
        let with_years = (0..typed.len().min(3))
            .take_while(|&k| numeric(&typed[k]) == 0 || names_years(k))
            .count();
        match typed.get(with_years) {
            Some(_) if with_years > plain && !names_years(with_years) => with_years,
            _ => plain,
        }
    });
    // A row below the header whose one cell names a group of the rows under it, in the
    // name columns ("A. Chỉ tiêu kinh tế" under "Số TT  Tên chỉ tiêu  Đơn vị tính  …"),
    // opens the body: it names no column.
    let named = (1..named)
        .find(|&k| {
            matches!(filled_columns(&rows[k]).as_slice(), [only] if *only <= 1)
                && rows[..k].iter().any(|r| filled_columns(r).len() >= 2)
        })
        .unwrap_or(named);
    // The row numbering the columns below them is the header's too, but names none.
    let numbered = named > 0 && rows.get(named).is_some_and(|r| is_numbering_row(r));
    let n_header = named + usize::from(numbered);
    let body = &typed[n_header.min(typed.len())..];
    if body.is_empty() {
        return None;
    }
    if layout == Layout::Aligned {
        // Prose with double spaces is not a table: rows must carry figures and agree on width.
        let width = body[0].len();
        let agreeing = body.iter().filter(|r| r.len() == width).count();
        let with_figures = body.iter().filter(|r| numeric(r) >= 2).count();
        if body.len() < MIN_ALIGNED_ROWS
            || agreeing * 4 < body.len() * 3
            || with_figures * 2 < body.len()
        {
            return None;
        }
    }
    if layout == Layout::Tsv && typed.len() < 2 {
        return None;
    }
    // Pipes inside prose are no table: rows must agree on their width.
    if layout == Layout::Pipe {
        let width = typed[0].len();
        let agreeing = typed.iter().filter(|r| r.len() == width).count();
        if typed.len() < 2 || agreeing * 4 < typed.len() * 3 {
            return None;
        }
    }
    // Tabs used to indent prose give rows of one filled cell; a table fills at least two
    // cells in most rows.
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !matches!(c, Cell::Empty)).count();
    if body.iter().filter(|r| filled(r) >= 2).count() * 2 < body.len() {
        return None;
    }
    // A bulleted or numbered list laid out with tabs has one long sentence per row; table
    // cells are short.
    let texts: Vec<usize> = body
        .iter()
        .flatten()
        .filter_map(|c| c.as_text().map(|t| t.chars().count()))
        .collect();
    if !texts.is_empty() && texts.iter().sum::<usize>() / texts.len() > MAX_MEAN_TEXT_CELL {
        return None;
    }
    let header_rows: Vec<Vec<String>> = rows[..n_header.min(rows.len())].to_vec();
    let width = typed.iter().map(|r| r.len()).max().unwrap_or(0);
    // Empty rows between the header's rows name nothing, nor does a title above them
    // whose one cell stands in the name columns ("3. Nông, lâm, ngư nghiệp" over "Tên chỉ
    // tiêu  Đơn vị tính  …"): a parent header spans the columns it heads.
    let naming_rows = &header_rows[..named.min(header_rows.len())];
    let naming: Vec<Vec<String>> = naming_rows
        .iter()
        .enumerate()
        .filter(|&(k, r)| match filled_columns(r).as_slice() {
            [] => false,
            [only] => *only > 1 || k + 1 == naming_rows.len(),
            _ => true,
        })
        .map(|(_, r)| r.clone())
        .collect();
    let header = merge_header(&naming, width);
    let units = header.iter().map(|h| unit_of(h)).collect();
    let total_row = body
        .iter()
        .position(|r| {
            r.iter()
                .take(2)
                .any(|c| c.as_text().is_some_and(is_total_label))
        })
        .or_else(|| unlabelled_total(body));
    let start = lines.lines[first].start;
    let stop = lines.lines[end - 1].end;
    let (caption, caption_span) = caption(text, lines, first).unzip();
    Some(Table {
        caption,
        header,
        rows: body.to_vec(),
        span: Span::new(start, stop),
        header_rows,
        units,
        total_row,
        layout: layout.name().to_string(),
        caption_span,
        column_roles: Vec::new(),
        column_periods: Vec::new(),
        unit_column: None,
        unit: None,
    })
}

/// Reads what each column holds from its header (role and period), which column gives the
/// rows their units, and the unit stated for the whole table above it.
pub fn annotate_columns(table: &mut Table, text: &str, rules: &crate::rules::RuleSet) {
    table.column_roles = table
        .header
        .iter()
        .zip(table.units.iter().chain(std::iter::repeat(&None)))
        .map(|(h, unit)| column_role(h, unit.as_deref()))
        .collect();
    // "Quý I", "Thực hiện 6 tháng", "Cả năm" name no year: the caption's is theirs, else
    // a sibling column's ("Tháng 8/2016 | Lũy kế 8 tháng"), else the last one above.
    let named: Vec<Option<String>> = table
        .header
        .iter()
        .map(|h| header_period(h, rules))
        .collect();
    let sibling = table
        .header
        .iter()
        .zip(&named)
        .filter(|(h, _)| !names_other_time(h))
        .find_map(|(_, p)| p.as_deref().and_then(|p| p.get(..4)?.parse::<u16>().ok()));
    let above = super::matching::tail(&text[..table.span.start.min(text.len())], 400);
    let year = table
        .caption
        .as_deref()
        .and_then(last_year)
        .or(sibling)
        .or_else(|| last_year(above));
    table.column_periods = table
        .header
        .iter()
        .zip(named)
        .map(|(h, p)| {
            p.or_else(|| {
                if !names_time_of_year(h) {
                    return None;
                }
                let y = last_year(h).or(year)?;
                // "Thực hiện 9 tháng (trẻ)": the unit in brackets parts the time from the year.
                let bare = h.find('(').map_or(h.as_str(), |k| &h[..k]).trim_end();
                let p = header_period(&format!("{bare} năm {y}"), rules)?;
                // A whole year only where the header says so ("Cả năm"): "Tháng 6 / TH" or
                // "Mức học phí (đồng/tháng)" is no year.
                (p.len() > 4 || h.to_lowercase().contains("cả năm")).then_some(p)
            })
        })
        .collect();
    table.unit_column = table.header.iter().enumerate().position(|(c, h)| {
        // Cells wrapped in a sheet keep the line break as a space: "Đơn vị  tính".
        let h = super::matching::squash_spaces(h).to_lowercase();
        match h.trim_end_matches([':', '.']) {
            "đvt" | "đơn vị tính" | "đv tính" => true,
            // "Đơn vị" heads a column of units or a column of the bodies the rows are about
            // ("Huyện Quế Phong"): only cells that read as units make it the first.
            "đơn vị" => holds_units(table, c, rules),
            _ => false,
        }
    });
    let lead = table.caption.as_deref().unwrap_or("");
    table.unit = stated_unit(above, rules).or_else(|| stated_unit(lead, rules));
}

/// Dates and periods in the cells of a task-assignment table's time column ("Thời gian
/// hoàn thành", "Thời gian thực hiện"; rules `table.deadline_column`,
/// `table.period_column`) get their row's task from its task column ("Nội dung",
/// "Nhiệm vụ"; rule `table.task_column`), and those of a deadline column the role
/// `deadline`: "Quý III/2026" there is when the task must be done. Tab, pipe and
/// space-aligned tables, whose rows are lines; a date that a cell shares with a column
/// separator, one in a header row, or one in an aligned row short of cells (which lost an
/// empty cell somewhere) is left as it is.
pub fn date_cells(
    table: &Table,
    text: &str,
    rules: &crate::rules::RuleSet,
    dates: &mut [crate::document::Value<super::DateMention>],
    periods: &mut [crate::document::Value<super::Period>],
) {
    let layout = match table.layout.as_str() {
        "tsv" => Layout::Tsv,
        "pipe" => Layout::Pipe,
        "aligned" => Layout::Aligned,
        _ => return,
    };
    let header_rule = |field: &str, h: &str| {
        super::matching::rules_of(rules, field)
            .into_iter()
            .find(|r| r.regex.is_match(h.trim()))
            .map(|r| r.id.as_str())
    };
    // The last header line names the column (a two-level header: its lower cell, or the
    // merged "parent / child" name).
    let column_rule = |k: usize, field: &str| {
        let lower = table.header_rows.last().and_then(|r| r.get(k));
        lower
            .and_then(|h| header_rule(field, h))
            .or_else(|| header_rule(field, table.header.get(k)?))
    };
    let time_columns: Vec<Option<bool>> = (0..table.header.len())
        .map(|k| column_rule(k, "table.time_column").map(|id| id == "table.deadline_column"))
        .collect();
    if time_columns.iter().all(Option::is_none) {
        return;
    }
    let task_column =
        (0..table.header.len()).find(|&k| column_rule(k, "table.task_column").is_some());
    let span = table.span;
    // The cell of a span inside the table: its column, whether it is a deadline column's,
    // and the row's task.
    let cell_of = |start: usize, end: usize| -> Option<(bool, Option<String>)> {
        if start < span.start || end > span.end {
            return None;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let line = &text[line_start..line_end];
        let cells = cells(line, layout)?;
        if table.header_rows.contains(&cells) {
            return None;
        }
        let column = if layout == Layout::Aligned {
            // Cells split at runs of spaces: a row short of cells has lost an empty one
            // somewhere, so its columns are not known.
            if cells.len() != table.header.len() {
                return None;
            }
            aligned_cell_index(line, start - line_start, end - line_start)?
        } else {
            let sep = match layout {
                Layout::Tsv => '\t',
                _ => '|',
            };
            if text[start..end].contains(sep) {
                return None;
            }
            let before = &text[line_start..start];
            let mut column = before.matches(sep).count();
            if layout == Layout::Pipe && line.trim_start().starts_with('|') {
                column = column.checked_sub(1)?;
            }
            column
        };
        let deadline = (*time_columns.get(column)?)?;
        let task = task_column
            .filter(|&k| k != column)
            .and_then(|k| cells.get(k))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        Some((deadline, task))
    };
    for d in dates.iter_mut() {
        if let Some((deadline, task)) = cell_of(d.span.start, d.span.end) {
            if deadline {
                d.value.role = "deadline".to_string();
            }
            d.value.task = task;
        }
    }
    for p in periods.iter_mut() {
        if let Some((_, task)) = cell_of(p.span.start, p.span.end) {
            p.value.task = task;
        }
    }
}

/// The index of the cell of a space-aligned row (cells split at runs of two spaces or
/// more, as [`cells`] splits them) that holds the bytes `start..end` of `line`; `None`
/// when they cross a gap.
fn aligned_cell_index(line: &str, start: usize, end: usize) -> Option<usize> {
    let mut index = 0;
    let mut cell_start: Option<usize> = None;
    let mut last_end = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((pos, c)) = chars.next() {
        let gap = c.is_whitespace() && chars.peek().is_some_and(|&(_, n)| n.is_whitespace());
        if gap || c.is_whitespace() && cell_start.is_none() {
            if let Some(cs) = cell_start.take() {
                if cs <= start && end <= last_end {
                    return Some(index);
                }
                index += 1;
            }
            continue;
        }
        if !c.is_whitespace() {
            cell_start.get_or_insert(pos);
            last_end = pos + c.len_utf8();
        }
    }
    let cs = cell_start?;
    (cs <= start && end <= last_end).then_some(index)
}

/// Words of a column header that name a plan, a result or a rate; the first kind found in
/// this order wins ("Thực hiện so với kế hoạch (%)" is a rate).
const RATE_WORDS: &[&str] = &[
    "tỷ lệ",
    "tỉ lệ",
    "so sánh",
    "so với",
    "so cùng kỳ",
    "so cùng kì",
    "tăng, giảm",
    "tăng/giảm",
];
const PLAN_WORDS: &[&str] = &["kế hoạch", "dự toán", "chỉ tiêu giao", "mục tiêu", "kh"];
const RESULT_WORDS: &[&str] = &[
    "thực hiện",
    "ước",
    "kết quả",
    "lũy kế",
    "luỹ kế",
    "giải ngân",
    "quyết toán",
    "th",
    "uth",
    "qt",
];

/// A last row that adds up the rows above it in every column it fills (two at least) is
/// the total even when its label was lost ("Cộng" that lost its C reads " ộng"); a column
/// whose last value lies among the others, a rate or a mean, is left out. Without this the
/// tidy table counts the total as one more row.
fn unlabelled_total(body: &[Vec<Cell>]) -> Option<usize> {
    let (last, above) = body.split_last()?;
    if above.len() < 2 || matches!(last.first(), Some(Cell::Number(_))) {
        return None;
    }
    let (mut sums, mut others) = (0, 0);
    for (c, cell) in last.iter().enumerate() {
        let Some(total) = cell.as_number() else {
            continue;
        };
        let parts: Vec<f64> = above
            .iter()
            .filter_map(|r| r.get(c).and_then(Cell::as_number))
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let sum: f64 = parts.iter().sum();
        let (low, high) = parts
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), &v| (l.min(v), h.max(v)));
        if total != 0.0 && (sum - total).abs() < 0.5 {
            sums += 1;
        } else if !(low..=high).contains(&total) {
            others += 1;
        }
    }
    (sums >= 2 && others == 0).then_some(body.len() - 1)
}

/// Header openings of columns that say who, when or how a task is done ("Thời gian thực
/// hiện", "Đơn vị thực hiện"): their "thực hiện" names no result.
const TASK_COLUMN_OPENINGS: &[&str] = &[
    "thời gian",
    "thời hạn",
    "thời điểm",
    "tiến độ",
    "đơn vị",
    "cơ quan",
    "người",
    "nội dung",
    "địa điểm",
    "phương thức",
    "hình thức",
];

fn column_role(header: &str, unit: Option<&str>) -> Option<String> {
    let lower = header.to_lowercase();
    if TASK_COLUMN_OPENINGS
        .iter()
        .any(|w| lower.trim_start().starts_with(w))
    {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| {
        list.iter().any(|w| {
            if w.contains(' ') || w.contains(',') || w.contains('/') {
                lower.contains(w)
            } else {
                words.contains(w)
            }
        })
    };
    let role = if unit == Some("%") || has(RATE_WORDS) {
        "rate"
    } else if has(PLAN_WORDS) {
        "plan"
    } else if has(RESULT_WORDS) {
        "result"
    } else {
        return None;
    };
    Some(role.to_string())
}

/// The last year (1945–2099) written in `text`, as "năm 2019", "/2019" or alone.
fn last_year(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .rfind(|y| (1945..2100).contains(y))
}

/// A header naming a time other than its table's own: "Cùng kỳ", "Năm trước", "Kỳ sau".
fn names_other_time(header: &str) -> bool {
    let h = header.to_lowercase();
    h.contains("cùng k") || h.contains("trước") || h.contains("sau")
}

/// A header that names a part of a year or the whole of it but no year ("Quý II", "Thực
/// hiện 6 tháng", "Tháng 8", "Cả năm"); not one that names another time ("Cùng kỳ", "Năm
/// trước").
fn names_time_of_year(header: &str) -> bool {
    let h = header.to_lowercase();
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !names_other_time(header)
        && (words.contains(&"quý") || words.contains(&"tháng") || h.contains("cả năm"))
}

/// The period a header names: "Kế hoạch năm 2024" → 2024, "Quý III/2025" → 2025-Q3,
/// "10 tháng năm 2025" → 2025-01/2025-10.
fn header_period(header: &str, rules: &crate::rules::RuleSet) -> Option<String> {
    if !header.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (dates, periods) = super::dates::extract(header, rules, None);
    periods.first().map(|p| p.value.iso()).or_else(|| {
        dates
            .iter()
            .find_map(|d| d.value.date.as_ref().map(|d| d.iso.clone()))
    })
}

/// What the last "Đơn vị tính:" (or "ĐVT:") in `s` states, up to the line's end.
fn unit_statement(s: &str) -> Option<&str> {
    let lower = s.to_lowercase();
    let at = ["đơn vị tính", "đvt"]
        .iter()
        .filter_map(|k| lower.rfind(k).map(|i| i + k.len()))
        .max()?;
    let rest = s.get(at..)?.trim_start().strip_prefix(':')?;
    rest.split(['\n', ';', ')']).next()
}

/// "Đơn vị tính: triệu đồng" (or "ĐVT: người") in `s`: the last one stated; none where it
/// lists a unit per column ("Đơn vị tính: ha, tạ/ha, tấn"), while a qualifier may follow
/// the unit ("Đơn vị: tỷ đồng, giá hiện hành").
fn stated_unit(s: &str, rules: &crate::rules::RuleSet) -> Option<String> {
    let mut parts = unit_statement(s)?
        .split(',')
        .map(|p| p.trim().trim_end_matches('.'));
    let unit = parts.next()?;
    let is_unit = |p: &str| {
        let p = p.to_lowercase();
        rules.units.iter().any(|u| u.name.to_lowercase() == p)
    };
    if parts.any(is_unit) {
        return None;
    }
    (!unit.is_empty() && unit.chars().count() <= 20).then(|| unit.to_string())
}

/// Column names from one or two header rows: an empty parent cell continues the one to
/// its left (a merged cell), and a child under a parent is named "parent / child".
fn merge_header(rows: &[Vec<String>], width: usize) -> Vec<String> {
    let get = |r: &Vec<String>, k: usize| r.get(k).cloned().unwrap_or_default();
    match rows {
        [] => Vec::new(),
        [only] => (0..width).map(|k| get(only, k)).collect(),
        [.., parent, child] => {
            let mut out = Vec::with_capacity(width);
            let mut current = String::new();
            for k in 0..width {
                let p = get(parent, k);
                let c = get(child, k);
                if !p.is_empty() {
                    current = p.clone();
                } else if c.is_empty() {
                    current.clear();
                }
                let name = match (current.is_empty(), c.is_empty()) {
                    (false, false) if p.is_empty() || p != c => format!("{current} / {c}"),
                    (false, _) => current.clone(),
                    (true, _) => c,
                };
                out.push(name);
            }
            out
        }
    }
}

/// Whether the text cells of column `c` are units ("ha", "người", "tỷ đồng", "%"): every
/// one of them, and at least one.
fn holds_units(table: &Table, c: usize, rules: &crate::rules::RuleSet) -> bool {
    let is_unit = |s: &str| {
        let s = s.trim();
        let lower = s.to_lowercase();
        s == "%"
            || lower.ends_with("đồng")
            || lower.ends_with("usd")
            || rules.units.iter().any(|u| u.name.to_lowercase() == lower)
            || s.contains('/') && s.split_whitespace().count() <= 3
    };
    let mut texts = table
        .rows
        .iter()
        .filter_map(|row| row.get(c).and_then(Cell::as_text))
        .filter(|s| !s.trim().is_empty())
        .peekable();
    texts.peek().is_some() && texts.all(is_unit)
}

/// Words of a column header's bracket that qualify the column (its time, its state, whether
/// it must be filled), never a unit.
const QUALIFIER_WORDS: &[&str] = &[
    "cũ", "mới", "trước", "sau", "sắp", "xếp", "nếu", "có", "ghi", "rõ", "dự", "kiến",
];

/// "Tỷ lệ (%)" → "%", "Số người (người)" → "người", "Kinh phí (triệu đồng)" → "triệu đồng".
fn unit_of(header: &str) -> Option<String> {
    let h = header.trim();
    if let Some(open) = h.rfind('(') {
        let inner = h[open + 1..].trim_end_matches(')').trim();
        let short = !inner.is_empty() && inner.split_whitespace().count() <= 3;
        let looks_like_unit = inner == "%"
            || inner
                .chars()
                .all(|c| c.is_lowercase() || c.is_whitespace() || c == '%');
        // A bracket that says which or when, not in what: "Đơn vị (trước sắp xếp)", "Khu
        // vực (phường cũ)", "Ghi chú (nếu có)".
        let qualifies = inner
            .split_whitespace()
            .any(|w| QUALIFIER_WORDS.contains(&w));
        if short && looks_like_unit && !qualifies {
            return Some(inner.to_string());
        }
    }
    (h.ends_with('%') || h.to_lowercase().starts_with("tỷ lệ") && !is_rate_per_count(h))
        .then(|| "%".to_string())
}

/// A rate per a count of people ("Tỷ lệ mắc/100.000 dân", "Tỷ suất chết/1.000 trẻ"): no
/// percentage, and no result over a plan.
pub fn is_rate_per_count(header: &str) -> bool {
    header
        .split('/')
        .skip(1)
        .any(|w| w.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Fewest words of a line ending in a full stop that is a sentence, not a short caption
/// closed by a stray dot ("Đơn vị: người.").
const MIN_SENTENCE_WORDS: usize = 6;

/// Most characters of a caption line; a longer line is a paragraph of prose.
const MAX_CAPTION_LINE: usize = 160;

/// A line no caption reaches past: a paragraph introducing the table ("… báo cáo kết
/// quả như sau:"), a long line of prose, or a header line ("Kính gửi:", "Căn cứ …").
fn is_prose_above_table(core: &str) -> bool {
    let core = core.trim_end_matches(['*', '_', ' ']);
    let bare = core.trim_start_matches(['*', '_', ' ', '#']);
    // "Tổng giá trị sản xuất ước đạt 1.284,6 tỷ đồng, tăng 9,1% so với năm 2024.": a
    // sentence of the body, which a caption (a title) never ends with a full stop.
    let sentence = core.ends_with('.')
        && !core.ends_with("..")
        && core.split_whitespace().count() >= MIN_SENTENCE_WORDS
        && !CAPTION_WORDS.iter().any(|w| bare.starts_with(w));
    sentence
        || core.chars().count() > MAX_CAPTION_LINE
        || core.ends_with("như sau:")
        || ["Kính gửi", "Căn cứ", "Nơi nhận"]
            .iter()
            .any(|w| core.trim_start_matches(['*', '_', ' ']).starts_with(w))
}

/// The title line the spreadsheet readers open each sheet with: `=== name ===`.
fn is_sheet_title(core: &str) -> bool {
    let core = core.trim_matches(|c: char| c.is_whitespace() || c == '\x0C');
    core.len() > 8 && core.starts_with("=== ") && core.ends_with(" ===")
}

/// The caption above a table: from the nearest line above that opens a caption (all
/// capitals, or "Phụ lục", "Biểu", "Kết quả", …) down to the table, looking at most
/// [`CAPTION_LINES`] non-blank lines up; else a lone "(Kèm theo …)"/"ĐVT" line right above.
fn caption(text: &str, lines: &Lines, first: usize) -> Option<(String, Span)> {
    let mut above = Vec::new();
    let mut j = first;
    while j > 0 && above.len() < CAPTION_LINES {
        j -= 1;
        if lines.is_blank(j) {
            continue;
        }
        // Nor past a spreadsheet's sheet title ("=== Ghi chú ==="): what is above it
        // belongs to the sheet before.
        if is_prose_above_table(lines.core(j)) || is_sheet_title(lines.core(j)) {
            break;
        }
        above.push(j);
    }
    let opens = |k: usize| {
        let core = lines.core(k);
        let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase());
        all_caps || CAPTION_WORDS.iter().any(|w| core.starts_with(w))
    };
    let top = above.iter().copied().find(|&k| opens(k)).or_else(|| {
        above.first().copied().filter(|&k| {
            let c = lines.core(k);
            c.starts_with('(')
                || c.contains("Kèm theo")
                || c.contains("kèm theo")
                || c.starts_with("ĐVT")
                || c.starts_with("Đơn vị tính")
        })
    })?;
    let first_caption = above.iter().copied().filter(|&k| k >= top).min()?;
    let last_caption = above.first().copied()?;
    let span = Span::new(
        lines.lines[first_caption].core_start,
        lines.lines[last_caption].core_end,
    );
    let parts: Vec<&str> = (first_caption..=last_caption)
        .filter(|&k| !lines.is_blank(k))
        .map(|k| lines.core(k))
        .collect();
    let _ = text;
    Some((parts.join(" "), span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_row_that_adds_up_the_rows_above_is_the_total_without_its_label() {
        let table = |last: &str| {
            let text = format!(
                "Bảng 1\nĐịa phương\tSố hộ\tSố con\tTỷ lệ (%)\nXã An Bình\t120\t1.500\t12,5\nXã Tân Phú\t80\t900\t10,0\nXã Mỹ Lợi\t100\t1.100\t11,0\n{last}\n"
            );
            extract(&text).into_iter().next().expect("a table")
        };
        assert_eq!(table(" ộng\t300\t3.500\t11,2").total_row, Some(3));
        // A last row of its own figures is no total.
        assert_eq!(table("Xã Vĩnh Hòa\t90\t1.000\t9,5").total_row, None);
    }

    #[test]
    fn who_when_and_how_columns_name_no_result() {
        assert_eq!(
            column_role("Thực hiện năm 2024", None).as_deref(),
            Some("result")
        );
        assert_eq!(column_role("Kế hoạch", None).as_deref(), Some("plan"));
        assert_eq!(column_role("Thời gian thực hiện", None), None);
        assert_eq!(column_role("Đơn vị thực hiện", None), None);
        assert_eq!(column_role("Cơ quan chủ trì thực hiện", None), None);
    }

    /// Dates and periods of `text` after [`date_cells`] has read its tables: (raw, role or
    /// "period", task).
    fn dated_tasks(text: &str) -> Vec<(String, String, Option<String>)> {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let (mut dates, mut periods) = super::super::dates::extract(text, &rules, None);
        for t in &mut extract(text) {
            annotate_columns(t, text, &rules);
            date_cells(t, text, &rules, &mut dates, &mut periods);
        }
        let d = dates
            .into_iter()
            .map(|d| (d.raw, d.value.role, d.value.task));
        let p = periods
            .into_iter()
            .map(|p| (p.raw, "period".to_string(), p.value.task));
        d.chain(p).collect()
    }

    #[test]
    fn dates_of_a_task_table_s_time_column_are_its_rows_deadlines() {
        let own = |s: &str| Some(s.to_string());
        let text = "Trước ngày 10/01/2026 các sở báo cáo.\n\nSTT\tNội dung\tCơ quan chủ trì\tThời gian hoàn thành\n1\tXây dựng Kho dữ liệu\tSở Khoa học và Công nghệ\tQuý III/2026\n2\tSố hóa hồ sơ\tVăn phòng UBND tỉnh\tTháng 12/2026\n3\tTuyên truyền\tSở Văn hóa\tThường xuyên\n";
        assert_eq!(
            dated_tasks(text),
            [
                ("Trước ngày 10/01/2026".into(), "deadline".into(), None),
                (
                    "Quý III/2026".into(),
                    "deadline".into(),
                    own("Xây dựng Kho dữ liệu")
                ),
                (
                    "Tháng 12/2026".into(),
                    "deadline".into(),
                    own("Số hóa hồ sơ")
                ),
            ]
        );
        // A column of when the work is done: the task, no deadline; a period too.
        let text = "| STT | Nhiệm vụ | Thời gian thực hiện | Ghi chú |\n|---|---|---|---|\n| 1 | Tập huấn cán bộ | Quý II/2026 | Tháng 3/2026 |\n| 2 | Kiểm tra | 6 tháng cuối năm 2026 | |\n";
        let got = dated_tasks(text);
        assert!(
            got.contains(&("Quý II/2026".into(), "date".into(), own("Tập huấn cán bộ"))),
            "{got:?}"
        );
        // Another column's date is not the row's time.
        assert!(
            got.contains(&("Tháng 3/2026".into(), "date".into(), None)),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(raw, kind, task)| raw.contains("6 tháng cuối năm 2026")
                    && kind == "period"
                    && task.as_deref() == Some("Kiểm tra")),
            "{got:?}"
        );
        // A table with no time column changes nothing.
        let text = "STT\tNội dung\tKế hoạch\n1\tTrồng rừng đến Quý III/2026\t8.500\n2\tCây phân tán\t1.200\n";
        assert_eq!(
            dated_tasks(text),
            [("Quý III/2026".into(), "date".into(), None)]
        );
    }

    #[test]
    fn dates_of_a_space_aligned_task_table_are_its_rows_deadlines() {
        let own = |s: &str| Some(s.to_string());
        let text = "STT   Nội dung                 Kinh phí   Thời gian hoàn thành   Ghi chú\n\
                    1     Xây dựng Kho dữ liệu     1.200      Quý III/2026           x\n\
                    2     Số hóa hồ sơ             850        Tháng 12/2026          Tháng 6/2026\n\
                    3     Nâng cấp mạng            430        Quý IV/2026\n\
                    4     Đào tạo                  95         Quý II/2026            x\n";
        assert_eq!(extract(text)[0].layout, "aligned");
        assert_eq!(
            dated_tasks(text),
            [
                (
                    "Quý III/2026".into(),
                    "deadline".into(),
                    own("Xây dựng Kho dữ liệu")
                ),
                (
                    "Tháng 12/2026".into(),
                    "deadline".into(),
                    own("Số hóa hồ sơ")
                ),
                // Another column's date is not the row's time.
                ("Tháng 6/2026".into(), "date".into(), None),
                // A row short of a cell: its columns are not known.
                ("Quý IV/2026".into(), "date".into(), None),
                ("Quý II/2026".into(), "deadline".into(), own("Đào tạo")),
            ]
        );
        assert_eq!(aligned_cell_index("  1   Quý III/2026  x", 6, 18), Some(1));
        assert_eq!(aligned_cell_index("1  a  b", 0, 4), None);
    }

    #[test]
    fn a_caption_stops_at_the_paragraph_introducing_the_table() {
        let text = "BÁO CÁO\nKết quả thực hiện chương trình trồng rừng năm 2024\n\nKính gửi: Ủy ban nhân dân tỉnh.\n\nSở báo cáo kết quả như sau:\n\n| STT | Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|---|---|---|\n| 1 | Trồng rừng | 8.500 | 7.820 |\n| 2 | Cây phân tán | 1.200 | 1.350 |\n";
        let t = extract(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].caption, None);
        let text = "Biểu 1. KẾT QUẢ TRỒNG RỪNG\n\n| STT | Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|---|---|---|\n| 1 | Trồng rừng | 8.500 | 7.820 |\n| 2 | Cây phân tán | 1.200 | 1.350 |\n";
        assert_eq!(
            extract(text)[0].caption.as_deref(),
            Some("Biểu 1. KẾT QUẢ TRỒNG RỪNG")
        );
        // A sentence of the body right above the table: no heading above it is its caption.
        let text = "## I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n\n### 1. Về kinh tế\n\nTổng giá trị sản xuất ước đạt 1.284,6 tỷ đồng, tăng 9,1%.\n\n| STT | Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|---|---|---|\n| 1 | Trồng rừng | 8.500 | 7.820 |\n| 2 | Cây phân tán | 1.200 | 1.350 |\n";
        assert_eq!(extract(text)[0].caption, None);
    }

    #[test]
    fn tsv_table_with_caption_units_and_types() {
        let text = "Lời văn.\n\nKẾT QUẢ\n\nThực hiện chỉ tiêu năm 2021\n\n(Kèm theo Công văn số 12/UBND ngày 1/2/2021)\n\nSTT\tQuận, huyện\tKế hoạch năm\tKết quả thực hiện\tTỷ lệ (%)\tGhi chú\n1\tHai Bà Trưng\t120\t45\t37.5\t\n2\tHoàn Kiếm\t1.050\t14\t28,0\t\n\tTổng cộng\t1.170\t59\t\t\n";
        let t = extract(text);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(t.layout, "tsv");
        assert_eq!(t.header[2], "Kế hoạch năm");
        assert_eq!(t.units[4].as_deref(), Some("%"));
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1][2], Cell::Number(1050.0));
        assert_eq!(t.rows[1][4], Cell::Number(28.0));
        assert_eq!(t.rows[0][5], Cell::Empty);
        assert_eq!(t.total_row, Some(2));
        let cap = t.caption.as_deref().unwrap();
        assert!(cap.starts_with("KẾT QUẢ Thực hiện"), "{cap}");
        assert!(cap.ends_with("ngày 1/2/2021)"), "{cap}");
        assert_eq!(
            &text[t.caption_span.unwrap().range()],
            &text[text.find("KẾT").unwrap()..text.find("2021)").unwrap() + 5]
        );
    }

    #[test]
    fn a_group_row_under_the_header_opens_the_body() {
        // A plan's sheet: the header, an empty row, then "A. Chỉ tiêu kinh tế" naming the
        // group of rows below it, not a column.
        let text = "Số TT\tTên chỉ tiêu\tĐơn vị tính\tThực hiện năm 2001\tKế hoạch năm 2003\n\
                    \t\t\t\t\n\
                    \tA. Chỉ tiêu kinh tế\t\t\t\n\
                    1\tTốc độ tăng GDP\t%\t6.8\t7.5\n\
                    2\tĐầu tư xã hội\tNghìn tỷ đồng\t163.5\t215\n";
        let t = extract(text);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(
            t.header,
            [
                "Số TT",
                "Tên chỉ tiêu",
                "Đơn vị tính",
                "Thực hiện năm 2001",
                "Kế hoạch năm 2003"
            ]
        );
        assert_eq!(t.rows.len(), 3, "{:?}", t.rows);
        assert_eq!(t.rows[0][1], Cell::Text("A. Chỉ tiêu kinh tế".into()));
        assert_eq!(t.rows[2][4], Cell::Number(215.0));
        // A bracket saying when or which is no unit.
        assert_eq!(unit_of("Đơn vị (trước sắp xếp)"), None);
        assert_eq!(unit_of("Tỷ lệ mắc/100.000 dân"), None);
        assert_eq!(unit_of("Tỷ lệ tử vong").as_deref(), Some("%"));
        assert_eq!(unit_of("Khu vực (phường cũ)"), None);
        assert_eq!(
            unit_of("Kinh phí (triệu đồng)").as_deref(),
            Some("triệu đồng")
        );
        // A header cell wrapped in its sheet ("Đơn vị  tính") still names the unit column.
        let text = text.replace("Đơn vị tính", "Đơn vị  tính");
        let mut t = extract(&text).remove(0);
        annotate_columns(&mut t, &text, &crate::rules::RuleSet::builtin().unwrap());
        assert_eq!(t.unit_column, Some(2));
    }

    #[test]
    fn a_sheet_s_table_starts_at_its_header_and_ends_before_its_footer() {
        // The xls reader gives a sheet as one block of tab rows: the title block above
        // the "STT" row, a row numbering the columns, a total row of a whole province, then
        // an empty row and the footer (date, signatures, names).
        let text = "=== Sheet1 ===\nUBND TỈNH LÂM ĐỒNG\t\t\t\t\t\nSỞ Y TẾ\t\t\t\t\t\n\t\t\t\t\t\n\
                    \tKẾT QUẢ TIÊM CHỦNG NĂM 2007\t\t\t\t\n\t\t\t\tĐơn vị tính: trẻ\t\n\
                    STT\tHuyện\tKế hoạch\tThực hiện\tTỷ lệ (%)\tGhi chú\n\
                    A\tB\t1\t2\t3=2/1\t\n\
                    1\tĐức Trọng\t1200\t1150\t95.83\t\n2\tLâm Hà\t900\t918\t102\t\n\
                    \tToàn tỉnh\t2100\t2068\t98.48\t\n\t\t\t\t\t\n\
                    \t\t\tĐà Lạt, ngày 5 tháng 1 năm 2008\t\t\n\tNgười lập biểu\t\tGIÁM ĐỐC\t\t\n\
                    \tHà Thị Lụa\t\tK'Brăng Đức\t\t\n";
        let t = extract(text);
        assert_eq!(t.len(), 1);
        let t = &t[0];
        assert_eq!(
            t.header[..5],
            ["STT", "Huyện", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"]
        );
        // The numbering row is the header's, no data.
        assert_eq!(t.header_rows.len(), 2);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0][2], Cell::Number(1200.0));
        assert_eq!(t.total_row, Some(2));
        let cap = t.caption.as_deref().unwrap();
        assert!(cap.starts_with("KẾT QUẢ TIÊM CHỦNG"), "{cap}");
        assert!(text[t.span.range()].starts_with("STT"));
        assert!(text[t.span.range()].ends_with("98.48\t"));
        // Without an "STT" row the block is read as before, and a parent header over the
        // data columns stays the header's.
        let text =
            "\t\tNĂM 2006\t\nSTT\tChỉ tiêu\tKế hoạch\tThực hiện\n1\tThu\t10\t12\n2\tChi\t8\t9\n";
        let t = &extract(text)[0];
        assert_eq!(t.header[2], "NĂM 2006 / Kế hoạch");
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn a_header_naming_its_columns_by_year_is_a_header() {
        let text = "STT\tTỉnh\t2005\t2006\t2006 so 2005 (%)\n1\tBạc Liêu\t112.5\t120.3\t106.9\n\
                    2\tSóc Trăng\t98.2\t101\t102.9\n\tCộng\t210.7\t221.3\t105\n";
        let t = &extract(text)[0];
        assert_eq!(t.header[..4], ["STT", "Tỉnh", "2005", "2006"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.total_row, Some(2));
        // Rows of years alone are data when no other figure comes below them.
        let text = "Sự kiện\tNăm\tNăm\nThành lập\t1975\t1976\nSáp nhập\t1991\t1992\n";
        let t = &extract(text)[0];
        assert_eq!(t.header[..2], ["Sự kiện", "Năm"]);
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn a_table_of_words_alone_has_one_header_row() {
        let text = "Thời gian\tNội dung công việc\tNgười phụ trách\n\
                    Tháng 9/2025\tTổ chức Lễ khai giảng năm học mới\tHiệu trưởng\n\
                    Tháng 10/2025\tTổ chức Hội nghị viên chức\tHiệu trưởng, Công đoàn\n\
                    Tháng 11/2025\tHội giảng chào mừng Ngày Nhà giáo Việt Nam\tPhó Hiệu trưởng\n";
        let t = &extract(text)[0];
        assert_eq!(t.header_rows.len(), 1);
        assert_eq!(
            t.header,
            ["Thời gian", "Nội dung công việc", "Người phụ trách"]
        );
        assert_eq!(t.rows.len(), 3);
    }

    #[test]
    fn a_unit_line_listing_a_unit_per_column_states_none_for_the_table() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let unit = |s: &str| stated_unit(s, &rules);
        assert_eq!(
            unit("Đơn vị tính: triệu đồng").as_deref(),
            Some("triệu đồng")
        );
        assert_eq!(
            unit("ĐVT: tỷ đồng, giá hiện hành").as_deref(),
            Some("tỷ đồng")
        );
        assert_eq!(unit("Đơn vị tính: ha, tạ/ha, tấn"), None);
    }

    #[test]
    fn a_numbering_row_counts_up() {
        let row = |s: &str| s.split('\t').map(str::to_string).collect::<Vec<_>>();
        assert!(is_numbering_row(&row("A\tB\t1\t2\t3=2/1\t4")));
        assert!(is_numbering_row(&row("1\t2\t3\t4\t5")));
        assert!(is_numbering_row(&row("(1)\t(2)\t(3)")));
        assert!(!is_numbering_row(&row("1\t2\t5\t4")));
        assert!(!is_numbering_row(&row("1\tXã A\t2\t3")));
        assert!(!is_numbering_row(&row("12\t13\t14")));
    }

    #[test]
    fn pipe_table_with_two_level_header() {
        let text = "| Đơn vị | Năm 2021 | | Năm 2022 | |\n| | Kế hoạch | Thực hiện | Kế hoạch | Thực hiện |\n|---|---|---|---|---|\n| Sở A | 10 | 8 | 12 | 12 |\n| Cộng | 10 | 8 | 12 | 12 |\n";
        let t = &extract(text)[0];
        assert_eq!(t.layout, "pipe");
        assert_eq!(t.header_rows.len(), 2);
        assert_eq!(
            t.header,
            [
                "Đơn vị",
                "Năm 2021 / Kế hoạch",
                "Năm 2021 / Thực hiện",
                "Năm 2022 / Kế hoạch",
                "Năm 2022 / Thực hiện"
            ]
        );
        assert_eq!(t.total_row, Some(1));
    }

    #[test]
    fn a_signed_cell_is_a_number() {
        assert_eq!(Cell::parse("-176"), Cell::Number(-176.0));
        assert_eq!(Cell::parse("+1.222"), Cell::Number(1222.0));
        assert_eq!(Cell::parse("−2,5"), Cell::Number(-2.5));
        assert_eq!(Cell::parse("-"), Cell::Empty);
        assert_eq!(Cell::parse("- Trong đó"), Cell::Text("- Trong đó".into()));
    }

    #[test]
    fn tab_indented_prose_is_not_a_table() {
        let text = "\ta/ Các trang thiết bị:\n\t\t- Máy chủ: 586/16MRAM\n\t\t- Modem: 28.800bps\n\t\t- Máy in\n";
        assert!(extract(text).is_empty());
        let list = "1\tPhục vụ trực tiếp cho các thao tác hoạt động thường xuyên của sở Tài chính Vật giá\n2\tBáo cáo lên lãnh đạo sở Tài chính Vật giá và các cơ quan cấp trên theo định kỳ\n";
        assert!(extract(list).is_empty());
    }

    #[test]
    fn aligned_table_and_prose_with_double_spaces() {
        let text = "Đơn vị        Kế hoạch    Kết quả    Tỷ lệ (%)\nHuyện A       100         50         50,0\nHuyện B       40          10         25,0\nHuyện C       20          20         100\n";
        let t = extract(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].layout, "aligned");
        assert_eq!(t[0].rows.len(), 3);
        assert_eq!(t[0].rows[2][3], Cell::Number(100.0));
        let prose = "Thự  hi n Công văn số 410  ủ  C   \nPh ng   hống t  n n    h i về   o \ns u   i nghi n m  tú   Sở L o đ ng\n";
        assert!(extract(prose).is_empty());
    }

    #[test]
    fn a_pipe_table_without_outer_pipes() {
        let text = "STT | Chỉ tiêu | ĐVT | Năm học 2023-2024 | Năm học 2024-2025\n1 | Trẻ 5 tuổi ra lớp | % | 99,3 | 99,6\n2 | Học viên xóa mù chữ | người | 585 | 540\n\nTỷ lệ A | B đạt yêu cầu.\n";
        let t = extract(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].layout, "pipe");
        assert_eq!(t[0].rows[1][4], Cell::Number(540.0));
    }

    #[test]
    fn an_aligned_total_row_without_its_number_keeps_its_columns() {
        let text = "STT  Cây trồng     ĐVT   Kế hoạch   Thực hiện   Tỷ lệ (%)
                    1    Lúa           ha       6.200       6.245       100,7
                    2    Ngô           ha         850         812        95,5
                    3    Lạc           ha         430         398        92,6
                         Tổng số       ha       7.480       7.455        99,7
";
        let t = &extract(text)[0];
        assert_eq!(t.total_row, Some(3));
        assert_eq!(t.rows[3][0], Cell::Empty);
        assert_eq!(t.rows[3][1], Cell::Text("Tổng số".into()));
        assert_eq!(t.rows[3][3], Cell::Number(7480.0));
        assert_eq!(t.rows[3][5], Cell::Number(99.7));
    }
}

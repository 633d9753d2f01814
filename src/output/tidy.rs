//! The analysts' tidy table: one CSV row per number (quantities, percentages, money and
//! numeric table cells) with the document's identity beside it, ready for a time series.

use super::{OutputLine, Record};
use crate::extract::tables::Cell;
use serde::Serialize;

/// One observation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TidyRow {
    pub source: String,
    pub doc_number: String,
    pub doc_date: String,
    /// The document's year, also where only the body dates it (`document.year`).
    pub doc_year: String,
    /// The gazetteer id of the province the document is from (`document.province`).
    pub doc_province: String,
    pub doc_type: String,
    pub issuer: String,
    /// The issuer's stable agency id (`so:lao_dong_tbxh@p63-31`), empty when unknown.
    pub issuer_id: String,
    pub kind: String,
    pub indicator: String,
    /// Who or where the figure is about (locality, facility, agency).
    pub subject: String,
    /// The period or date the figure refers to (ISO), when the text says.
    pub period: String,
    pub role: String,
    pub row_label: String,
    pub column: String,
    pub value: f64,
    pub unit: String,
    pub raw: String,
    pub confidence: f32,
    pub rule: String,
    pub span_start: usize,
    pub span_end: usize,
    /// `increase` or `decrease` when the figure is a change ("giảm 2,3%"), else empty.
    pub change: String,
    /// `at_least`, `at_most` or `about` when the figure is a bound ("trên 2.000").
    pub bound: String,
}

/// Rows of one record.
pub fn rows(rec: &Record) -> Vec<TidyRow> {
    let d = &rec.document;
    let base = TidyRow {
        source: rec.source.path.clone(),
        doc_number: d
            .number
            .as_ref()
            .map(|n| n.value.normalized.clone())
            .unwrap_or_default(),
        doc_date: d
            .date
            .as_ref()
            .map(|n| n.value.iso.clone())
            .unwrap_or_default(),
        doc_year: d
            .year
            .as_ref()
            .map(|y| y.value.to_string())
            .unwrap_or_default(),
        doc_province: d
            .province
            .as_ref()
            .and_then(|p| p.value.id.clone())
            .unwrap_or_default(),
        doc_type: d
            .doc_type
            .as_ref()
            .map(|n| n.value.id.clone())
            .unwrap_or_default(),
        issuer: d
            .issuer
            .as_ref()
            .map(|n| n.value.name.clone())
            .unwrap_or_default(),
        issuer_id: d
            .issuer
            .as_ref()
            .and_then(|n| n.value.agency.as_ref())
            .map(|a| a.id.clone())
            .unwrap_or_default(),
        kind: String::new(),
        indicator: String::new(),
        subject: String::new(),
        period: String::new(),
        role: String::new(),
        row_label: String::new(),
        column: String::new(),
        value: 0.0,
        unit: String::new(),
        raw: String::new(),
        confidence: 0.0,
        rule: String::new(),
        span_start: 0,
        span_end: 0,
        change: String::new(),
        bound: String::new(),
    };
    let mut out = Vec::new();
    for q in &rec.quantities {
        // Amounts are stored in đồng (or dollars): the scale word is the text's, not the
        // value's ("1,5 tỷ đồng" is 1.5e9 đồng).
        let unit = match money_scale(&q.value.unit_label) {
            Some((_, bare)) if q.value.unit != "percent" => bare,
            _ => q.value.unit_label.clone(),
        };
        out.push(TidyRow {
            kind: "quantity".into(),
            indicator: q.value.indicator.clone().unwrap_or_default(),
            subject: q.value.subject.clone().unwrap_or_default(),
            period: q.value.period.clone().unwrap_or_default(),
            role: q.value.role.clone(),
            value: q.value.value,
            unit,
            raw: q.raw.clone(),
            confidence: q.confidence,
            rule: q.rule.clone(),
            span_start: q.span.start,
            span_end: q.span.end,
            change: q.value.change.clone().unwrap_or_default(),
            bound: q.value.bound.clone().unwrap_or_default(),
            ..base.clone()
        });
    }
    for (t, table) in rec.tables.iter().enumerate() {
        let numbering = numbering_columns(table);
        let caption = table.caption.as_deref().map(without_unit_statement);
        for (r, row) in table.rows.iter().enumerate() {
            // Summing a column must skip its total row: its kind says which it is.
            let kind = if table.total_row == Some(r) {
                format!("table{t}.total")
            } else {
                format!("table{t}")
            };
            let row_unit = table
                .unit_column
                .and_then(|c| row.get(c))
                .and_then(Cell::as_text)
                .map(str::to_string);
            // The row's first words, past its number ("A", "II", "1.2" in a text STT cell).
            let label = row
                .iter()
                .enumerate()
                .filter(|(c, _)| {
                    !numbering.contains(c)
                        && !table.header.get(*c).is_some_and(|h| is_ordinal_column(h))
                })
                .find_map(|(_, c)| match c {
                    Cell::Text(s) if !is_row_marker(s) => Some(s.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            for (c, cell) in row.iter().enumerate() {
                let column = table.header.get(c).cloned().unwrap_or_default();
                if is_ordinal_column(&column) || numbering.contains(&c) {
                    continue;
                }
                if let Cell::Number(v) = cell {
                    // The column's own unit, else the row's (ĐVT column), else the table's.
                    // A table stated in money ("Đơn vị tính: triệu đồng") prices its money
                    // columns even beside a ĐVT column, and none of its count columns.
                    let table_money = table
                        .unit
                        .clone()
                        .filter(|u| money_scale(u).is_some() || u.contains("đồng"));
                    let table_unit = match &table_money {
                        Some(_) if counts_things(&column) => None,
                        _ => table.unit.clone(),
                    };
                    let row_unit = match &table_money {
                        Some(money) if holds_money(&column) => Some(money.clone()),
                        _ => row_unit.clone(),
                    };
                    let written = Some(unit_in_header(&column))
                        .filter(|u| !u.is_empty())
                        .or(row_unit)
                        .or(table_unit)
                        .unwrap_or_default();
                    let (value, unit) = match money_scale(&written) {
                        Some((factor, bare)) => {
                            (crate::extract::numbers::scale_exact(*v, factor), bare)
                        }
                        None => (*v, written),
                    };
                    let role = table.column_roles.get(c).cloned().flatten();
                    let period = table.column_periods.get(c).cloned().flatten();
                    // A column that is no plan, result, rate or time names what is counted
                    // ("Tổng kinh phí", "Số căn hộ"): its rows are who or where. Else a row
                    // names who or where ("Huyện A": the caption says what is counted) or
                    // what is counted ("Diện tích gieo trồng lúa": the indicator, of no
                    // subject).
                    let measure = bare_header(&column);
                    let column_names_measure =
                        role.is_none() && period.is_none() && !measure.is_empty();
                    let caption = caption.clone().unwrap_or_default();
                    let (indicator, subject) = if label.is_empty() {
                        (
                            if column_names_measure {
                                measure
                            } else {
                                caption
                            },
                            String::new(),
                        )
                    } else if column_names_measure {
                        (measure, label.clone())
                    } else if names_a_subject(&label) {
                        (caption, label.clone())
                    } else {
                        (label.clone(), String::new())
                    };
                    out.push(TidyRow {
                        kind: kind.clone(),
                        indicator,
                        subject,
                        period: period.unwrap_or_default(),
                        role: role.unwrap_or_default(),
                        row_label: label.clone(),
                        unit,
                        column,
                        value,
                        raw: v.to_string(),
                        confidence: 0.8,
                        rule: "table.cell".into(),
                        span_start: table.span.start,
                        span_end: table.span.end,
                        ..base.clone()
                    });
                }
            }
        }
    }
    out
}

/// A unit of money with a scale word ("tỷ đồng", "triệu USD/người"): the factor and the
/// unit without it ("đồng", "USD/người").
fn money_scale(unit: &str) -> Option<(f64, String)> {
    let trimmed = unit.trim();
    let (word, rest) = trimmed.split_once(' ')?;
    let factor = crate::extract::numbers::scale_of(word)?;
    let rest = rest.trim_start();
    let rest_lower = rest.to_lowercase();
    ["đồng", "usd", "eur", "đ"]
        .iter()
        .any(|c| rest_lower.starts_with(c))
        .then(|| (factor, rest.to_string()))
}

/// Columns of a table without a header row whose numbers count the rows 1, 2, 3, … (a
/// numbered list read as a table): row numbers, not observations.
fn numbering_columns(table: &crate::extract::Table) -> Vec<usize> {
    if !table.header.iter().all(|h| h.trim().is_empty()) {
        return Vec::new();
    }
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .filter(|&c| {
            let numbers: Vec<f64> = table
                .rows
                .iter()
                .filter_map(|row| row.get(c).and_then(Cell::as_number))
                .collect();
            numbers.len() >= 2
                && numbers
                    .iter()
                    .enumerate()
                    .all(|(k, &v)| v == (k + 1) as f64)
        })
        .collect()
}

/// A caption without the "Đơn vị tính: triệu đồng" it states the unit in (the rows carry
/// the unit): "Đơn vị tính: triệu đồng" alone names nothing.
fn without_unit_statement(caption: &str) -> String {
    let lower = caption.to_lowercase();
    let cut = ["đơn vị tính", "đvt:", "(đvt", "(đơn vị tính"]
        .iter()
        .filter_map(|w| lower.find(w))
        .min()
        .unwrap_or(caption.len());
    caption[..cut]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '-' | ',' | ';'))
        .to_string()
}

/// Words that open the name of a body or a place a table row can be about.
const SUBJECT_OPENERS: &[&str] = &[
    "huyện",
    "quận",
    "xã",
    "phường",
    "thị xã",
    "thị trấn",
    "thành phố",
    "tỉnh",
    "tp",
    "tx",
    "sở",
    "phòng",
    "ban",
    "cục",
    "chi cục",
    "trung tâm",
    "bệnh viện",
    "trường",
    "ubnd",
    "ủy ban",
    "công an",
    "khu vực",
    "thôn",
    "ấp",
    "bản",
    "tổ dân phố",
    "đơn vị",
    "hội",
    "công ty",
    "tổng cộng",
    "tổng số",
    "cộng",
    "toàn tỉnh",
    "toàn huyện",
    "toàn xã",
];

/// A row's number written as text: a Roman numeral, a letter or a dotted number ("II",
/// "a)", "B.", "1.2").
fn is_row_marker(cell: &str) -> bool {
    let t = cell.trim().trim_end_matches(['.', ')']);
    let roman = !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = t.chars().count() == 1 && t.chars().all(char::is_alphabetic);
    let dotted = !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    roman || letter || dotted
}

/// Whether a table row's label names a body or place (a locality, an agency, a total of
/// them) rather than what is counted; a name of capitalized words ("Tây Hồ") counts too.
fn names_a_subject(label: &str) -> bool {
    let lower = label.trim().to_lowercase();
    let opens = SUBJECT_OPENERS.iter().any(|w| {
        lower
            .strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']))
    });
    // A place name's words are each capitalized ("Tây Hồ"); an acronym ("Vốn ODA") is not.
    let title_case = |w: &&str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    opens || (2..=4).contains(&words.len()) && words.iter().all(title_case)
}

/// "STT", "TT", "Số TT": row numbers, not observations.
fn is_ordinal_column(header: &str) -> bool {
    let h = header.trim().to_lowercase();
    matches!(h.as_str(), "stt" | "tt" | "số tt" | "số thứ tự" | "thứ tự")
}

/// A column header without the unit it states in parentheses: "Tổng mức đầu tư (tỷ đồng)"
/// → "Tổng mức đầu tư".
fn bare_header(header: &str) -> String {
    let unit = unit_in_header(header);
    let h = if unit.is_empty() {
        header
    } else {
        header.rfind('(').map_or(header, |k| &header[..k])
    };
    h.trim().to_string()
}

/// The unit a column header states in parentheses: "Tỷ lệ (%)" → "%".
fn unit_in_header(header: &str) -> String {
    match (header.rfind('('), header.rfind(')')) {
        (Some(a), Some(b)) if a < b => header[a + 1..b].trim().to_string(),
        _ => String::new(),
    }
}

/// CSV text for all records (error lines contribute nothing).
pub fn render(lines: &[OutputLine]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut wrote_any = false;
    for line in lines {
        if let OutputLine::Ok(r) = line {
            for row in rows(r) {
                w.serialize(row)?;
                wrote_any = true;
            }
        }
    }
    if !wrote_any {
        w.write_record([
            "source",
            "doc_number",
            "doc_date",
            "doc_year",
            "doc_province",
            "doc_type",
            "issuer",
            "issuer_id",
            "kind",
            "indicator",
            "subject",
            "period",
            "role",
            "row_label",
            "column",
            "value",
            "unit",
            "raw",
            "confidence",
            "rule",
            "span_start",
            "span_end",
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A column that counts things ("Số nhà văn hóa được hỗ trợ", "Số hộ"), not money.
fn counts_things(header: &str) -> bool {
    let h = header.to_lowercase();
    h.starts_with("số ") && !holds_money(header)
}

/// A column of money ("Kinh phí", "Số tiền", "Vốn", "Thành tiền", "Giá trị").
fn holds_money(header: &str) -> bool {
    let h = header.to_lowercase();
    ["kinh phí", "tiền", "vốn", "giá trị", "dự toán", "ngân sách"]
        .iter()
        .any(|w| h.contains(w))
}

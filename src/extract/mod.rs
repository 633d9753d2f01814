//! Stage 3, extract: [`Repaired`] + [`RuleSet`] → [`Extracted`]. Each submodule reads one
//! family of fields using the rules of `rules/`; every value keeps its span, raw text,
//! confidence and rule id. Nothing here changes the text.

pub mod agencies;
pub mod dates;
pub mod header;
pub mod inferred;
pub mod lines;
pub mod matching;
pub mod number_words;
pub mod numbers;
pub mod places;
pub mod quantities;
pub mod references;
pub mod tables;

use crate::document::{PartialDate, Value};
use crate::repair::Repaired;
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};

/// A document type: stable id and its Vietnamese label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocType {
    pub id: String,
    pub label: String,
}

/// "3471 /SGDĐT-KHTC" → normalized "3471/SGDĐT-KHTC", serial 3471.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocNumber {
    pub normalized: String,
    pub serial: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub symbol: String,
}

/// Who signed, and in what capacity ("KT. GIÁM ĐỐC" → authority KT, on behalf of GIÁM ĐỐC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    pub name: Option<String>,
    pub title: Option<String>,
    /// "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", …
    pub authority: Option<String>,
    /// KT, TM, TL, TUQ, Q, PP.
    pub authority_code: Option<String>,
    /// The office a title line below the position names ("CHI CỤC TRƯỞNG" / "CHI CỤC
    /// QUẢN LÝ ĐẤT ĐAI").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
}

/// The agency lines of the header ("UBND THÀNH PHỐ HẢI PHÒNG", "SỞ LAO ĐỘNG - …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issuer {
    pub lines: Vec<String>,
    /// The issuing body itself: the last agency of the header, lines joined.
    pub name: String,
    /// Its parent body when the header has two levels.
    pub parent: Option<String>,
    /// The issuing body normalized to a stable id (`name` stays as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<agencies::Agency>,
    /// The parent body normalized, when the header has two levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_agency: Option<agencies::Agency>,
}

/// A legal act cited in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub kind: String,
    pub kind_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A date written in the body. `date` is `None` when the written day or month cannot exist
/// (31/4, 29/2/2021); validation flags those, nothing corrects them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub date: Option<PartialDate>,
    /// As written: year, month, day, quarter (1–4).
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarter: Option<u32>,
    /// `date`, or `deadline` ("trước ngày 14/12/2022").
    pub role: String,
    /// The time of day written with it, `HH:MM` ("vào lúc 14 giờ 00 ngày …": a meeting's
    /// or an event's hour; "trước 16 giờ ngày …": a deadline's).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub time: Option<String>,
    /// The year was not written ("ngày 26/6") and was taken from the context.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub year_inferred: bool,
    /// In a task-assignment table's time column ("Thời gian hoàn thành"), the task of the
    /// date's row, as its task column writes it ("Xây dựng Kho dữ liệu dùng chung").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub task: Option<String>,
}

/// A stretch of time: "từ ngày 15/12/2021 đến ngày 14/12/2022", "6 tháng đầu năm 2022",
/// "giai đoạn 2021-2025".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// `range`, `part_of_year` or `years`.
    pub kind: String,
    pub start: PartialDate,
    pub end: PartialDate,
    /// In a task-assignment table's time column, the task of the period's row.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub task: Option<String>,
}

/// A time limit counted from an event rather than given as a date: "trong thời hạn 10
/// ngày làm việc", "trong vòng 15 ngày kể từ ngày nhận được Thông báo này".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeLimit {
    pub count: u32,
    /// `working_day`, `day`, `month`, `year` or `hour`.
    pub unit: String,
    /// What the time runs from, as written ("kể từ ngày nhận được Thông báo này").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// A day or hour that comes back every day, week, month, quarter or year ("trước ngày 25
/// hằng tháng", "trước 16 giờ hằng ngày"), which names no single date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecurringDate {
    /// The day of the month (of a monthly, quarterly or yearly one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// The month of a yearly day ("ngày 15/12 hằng năm").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// The weekday of a weekly one, ISO-numbered: 1 = thứ Hai (Monday) … 7 = Chủ nhật.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u32>,
    /// `day`, `week`, `month`, `quarter` or `year`.
    pub every: String,
    /// The hour, `HH:MM` ("trước 16 giờ hằng ngày", "trước 15 giờ thứ Năm hằng tuần").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Something must be done before it ("trước", "chậm nhất là").
    pub deadline: bool,
}

/// A number with a unit, and what it counts where the text says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    /// Unit id from the lexicon (`person`, `trainee`, `vnd`, `percent`, …); `vnd_per_unit`
    /// for an amount per person, household or month (`unit_label` "triệu đồng/hộ").
    pub unit: String,
    /// plan (chỉ tiêu, kế hoạch), result (kết quả, thực hiện được), rate, or other.
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The unit as written ("học viên", "tỷ đồng", "%").
    pub unit_label: String,
    /// Who or where the figure is about: a locality, facility or agency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The period or date the figure refers to, in ISO form ("2024-01/2024-06", "2024-06-14").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Index (in `Extracted::quantities`) of the total this figure is a part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<usize>,
    /// An amount of money as the words beside it spell it ("(Bằng chữ: Một tỷ hai trăm
    /// năm mươi triệu đồng)"), in đồng; validation warns when it is not `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_words: Option<Value<f64>>,
    /// A change rather than a level: `increase` ("tăng 5,2%") or `decrease` ("giảm 2,3%");
    /// "giảm còn 2,1%" and "tăng lên 40%" are levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<String>,
    /// A bound rather than an exact figure: `at_least` ("trên 2.000", "ít nhất"),
    /// `at_most` ("dưới", "không quá", "tối đa") or `about` ("gần 3 tỷ", "khoảng").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
}

/// A table found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<tables::Cell>>,
    pub span: crate::document::Span,
    /// The header as written, one entry per header line (two for a two-level header).
    pub header_rows: Vec<Vec<String>>,
    /// The unit of each column when its header names one ("Tỷ lệ (%)" → "%").
    pub units: Vec<Option<String>>,
    /// Index in `rows` of the total row ("Tổng cộng", "Cộng"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_row: Option<usize>,
    /// `tsv`, `pipe` or `aligned`.
    pub layout: String,
    /// Where the caption is in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption_span: Option<crate::document::Span>,
    /// The role of each column's figures, read from its header: `plan` ("Kế hoạch năm
    /// 2024"), `result` ("Thực hiện 6 tháng"), `rate` ("Tỷ lệ (%)"), or none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub column_roles: Vec<Option<String>>,
    /// The period each column's header names (ISO: "2024", "2025-Q3", "2025-01/2025-10").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub column_periods: Vec<Option<String>>,
    /// The column that gives each row its unit ("ĐVT", "Đơn vị tính"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_column: Option<usize>,
    /// The unit the whole table is in ("Đơn vị tính: triệu đồng" above it), if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The fields of the document header and signature block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentFields {
    #[serde(rename = "type")]
    pub doc_type: Option<Value<DocType>>,
    pub number: Option<Value<DocNumber>>,
    pub issuer: Option<Value<Issuer>>,
    pub place: Option<Value<String>>,
    pub date: Option<Value<PartialDate>>,
    pub subject: Option<Value<String>>,
    pub recipients: Vec<Value<String>>,
    pub copy_to: Vec<Value<String>>,
    pub signer: Option<Value<Signer>>,
    /// The year the document was issued: its date's, or inferred from the body when the
    /// header has no date (`year.latest_citation`).
    pub year: Option<Value<i32>>,
    /// The province the document is from: its place line's, or the one its body names most
    /// (`province.mentions`).
    pub province: Option<Value<places::Place>>,
    /// The urgency or secrecy mark stamped on the header ("hỏa tốc", "khẩn", "mật").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Value<String>>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub document: DocumentFields,
    pub references: Vec<Value<Reference>>,
    pub quantities: Vec<Value<Quantity>>,
    pub tables: Vec<Table>,
    pub dates: Vec<Value<DateMention>>,
    pub periods: Vec<Value<Period>>,
    pub time_limits: Vec<Value<TimeLimit>>,
    pub recurring_dates: Vec<Value<RecurringDate>>,
    pub places: Vec<Value<places::Place>>,
}

/// Normalizes the issuing bodies again once the provinces the document names are known:
/// they settle a commune that several provinces share ("UBND XÃ TÂN PHÚ" in a report to
/// "UBND tỉnh Đồng Tháp"), as they settle the same name among the places.
fn settle_issuer_commune(
    issuer: &mut Issuer,
    rules: &RuleSet,
    doc_date: Option<&PartialDate>,
    named_provinces: &[&str],
) {
    let mut chain = agencies::normalize_chain(&issuer.lines, rules, doc_date, named_provinces);
    issuer.agency = chain.pop().flatten();
    issuer.parent_agency = chain.pop().flatten();
}

/// Runs every extractor over the repaired text.
pub fn run(repaired: &Repaired, rules: &RuleSet) -> Extracted {
    let text = repaired.text.as_str();
    let lines = lines::Lines::new(text);
    let mut document = header::extract(&lines, rules);
    let doc_date = document.date.as_ref().map(|d| &d.value);
    let mut references = references::extract(text, rules);
    // The header's own `Số:` line ("Luật số: 91/2015/QH13") is the document's number, not
    // a citation; a number read from a title block ("Nghị định … số 114/2003/NĐ-CP") stays.
    if let Some(n) = document
        .number
        .as_ref()
        .filter(|n| n.rule == "number.header")
    {
        references.retain(|r| r.span.end <= n.span.start || r.span.start >= n.span.end);
    }
    // A document does not cite itself: its own number in the body is an annex caption
    // ("Kèm theo Công văn số 1873/SYT-NVY …") or a closing line, not a legal act it rests on.
    // A year-less number recurs every year, so one dated otherwise is another document.
    // Only a number from the `Số:` line counts: an archive's title-block number is kept as
    // a reference above, and is labelled as one.
    if let Some(own) = document
        .number
        .as_ref()
        .filter(|n| n.value.serial.is_some() && n.rule.starts_with("number.header"))
    {
        let own = own.value.normalized.as_str();
        let own_date = doc_date.map(|d| d.iso.as_str());
        references.retain(|r| {
            let same_number = r.value.number.as_deref() == Some(own);
            let ref_date = r.value.date.as_ref().map(|d| d.iso.as_str());
            let other_date = ref_date.is_some() && own_date.is_some() && ref_date != own_date;
            !same_number || other_date
        });
    }
    let (dates, periods) = dates::extract(text, rules, doc_date);
    let time_limits = dates::time_limits(text, rules);
    let recurring_dates = dates::recurring_dates(text, rules);
    let doc_type = document.doc_type.as_ref().map(|t| t.value.id.as_str());
    // A cited act's own date ("theo Quyết định số 1234/QĐ-UBND ngày 11/01/2024") is when
    // that act was signed, never the time of a figure beside it.
    let figure_dates: Vec<Value<DateMention>> = dates
        .iter()
        .filter(|d| !is_cited_act_date(d, &references))
        .cloned()
        .collect();
    let mut quantities = quantities::extract_with(text, rules, &figure_dates, &periods, doc_type);
    if let Some(p) = quantities::title_period(text, rules, &document, &references, &dates, &periods)
    {
        quantities::date_by_title(text, rules, &mut quantities, &p);
    }
    quantities::date_yearless_parts(text, rules, &mut quantities, &figure_dates, &periods);
    quantities::date_compared(text, &mut quantities, &figure_dates, &periods);
    let mut tables = tables::extract(text);
    for t in &mut tables {
        tables::annotate_columns(t, text, rules);
    }
    let (mut dates, mut periods) = (dates, periods);
    for t in &tables {
        tables::date_cells(t, text, rules, &mut dates, &mut periods);
    }
    let places::Found {
        places,
        named_provinces,
    } = places::find(text, rules, doc_date);
    // A commune of the 2025 map, or a district that several provinces share ("UBND HUYỆN
    // TAM NÔNG": Phú Thọ's and Đồng Tháp's), settles among the provinces the text names.
    if let Some(issuer) = document.issuer.as_mut() {
        let unplaced = issuer
            .value
            .agency
            .as_ref()
            .is_some_and(|a| a.place.is_none());
        if places::is_new_era(doc_date) {
            settle_issuer_commune(&mut issuer.value, rules, doc_date, &named_provinces);
        } else if unplaced {
            let mut settled = issuer.value.clone();
            settle_issuer_commune(&mut settled, rules, doc_date, &named_provinces);
            let placed = settled.agency.as_ref().is_some_and(|a| a.place.is_some());
            if placed
                && settled.agency.as_ref().map(|a| &a.kind)
                    == issuer.value.agency.as_ref().map(|a| &a.kind)
            {
                issuer.value = settled;
            }
        }
    }
    document.year = inferred::year(&document, &references);
    document.province = inferred::province(&document, &places, rules);
    Extracted {
        document,
        references,
        quantities,
        tables,
        dates,
        periods,
        time_limits,
        recurring_dates,
        places,
    }
}

/// Whether a date mention is the date of a reference it stands in ("… số 12/KH-UBND ngày
/// 08/02/2021 …"): inside the reference's span and equal to its date.
fn is_cited_act_date(d: &Value<DateMention>, references: &[Value<Reference>]) -> bool {
    let iso = d.value.date.as_ref().map(|x| x.iso.as_str());
    iso.is_some()
        && references.iter().any(|r| {
            r.span.start <= d.span.start
                && d.span.end <= r.span.end
                && r.value.date.as_ref().map(|x| x.iso.as_str()) == iso
        })
}

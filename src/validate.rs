//! Stage 4, validate: cross-checks of what was extracted → warnings with codes and spans.
//! Never changes a value; a reviewer decides. Checks:
//!
//! - `table.rate`: a table's rate column equals result / plan × 100 within its rounding (a
//!   column against another period, "So với cùng kỳ (%)", is not checked);
//! - `table.total`: a total row equals the sum of the rows above it, or of those of the top
//!   level, or of those no row below breaks down ("1.1", "1.2" under "1");
//! - `sum.exceeds_total` / `sum.below_total`: the parts of a breakdown ("930 người, trong
//!   đó: …") add up to their total;
//! - `percent.over_100`: a percentage above 100 that is neither said to exceed ("vượt") nor
//!   measured against a plan, a target or another period ("đạt 118,8% kế hoạch", "bằng
//!   112% so với cùng kỳ", "tăng 150%"), which may well pass 100;
//! - `deadline.before_issue`: a deadline earlier than the document's date, unless its
//!   sentence recalls an earlier request ("đã yêu cầu …, nhưng đến nay …");
//! - `reference.after_document`: a cited act dated after the citing document;
//! - `annex.number_mismatch` / `annex.date_mismatch`: an annex caption opening its line ("Kèm theo Công văn
//!   số …") naming another number or date than the header (below the header's number: one
//!   above it is the caption of the template the document was filled in on);
//! - `date.impossible`: a written date that does not exist (31/4, 29/2/2021);
//! - `money.words_mismatch`: an amount whose words ("Bằng chữ: …") spell another number
//!   than its figure;
//! - `share.percent_mismatch`: a share written as a fraction ("45.210/52.680 người") and
//!   the percentage right after it ("đạt 87,4%") disagree;
//! - `quantity.conflict`: the same figure (indicator, subject, period, role) given twice
//!   with different values.

use crate::document::{PartialDate, Span};
use crate::extract::matching::{clip, tail};
use crate::extract::tables::Cell;
use crate::extract::{Extracted, Quantity, Table};
use crate::ingest::Format;
use crate::repair::Repaired;
use crate::rules::spec::ValidationSpec;
use crate::rules::RuleSet;
use regex::Regex;
use serde::{Deserialize, Serialize};

/// A problem worth a reviewer's look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable code, e.g. `number.mismatch`, `table.rate`, `date.impossible`.
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Warning {
    fn new(code: &str, message: String, span: Option<Span>) -> Warning {
        Warning {
            code: code.to_string(),
            message,
            span,
        }
    }
}

/// Sums and rates agree when they differ by less than this (figures are whole or rounded).
const SUM_TOLERANCE: f64 = 0.5;

/// What the checks read the text by: the cue words and patterns of the rule set
/// (`rules/validate.toml`). A pattern the rules leave out matches nothing.
struct Cues<'r> {
    words: &'r ValidationSpec,
    percent_reference: Option<&'r Regex>,
    percent_growth: Option<&'r Regex>,
    plan_named: Option<&'r Regex>,
    share_gap: Option<&'r Regex>,
    annex_caption: Option<&'r Regex>,
}

impl<'r> Cues<'r> {
    fn of(rules: &'r RuleSet) -> Cues<'r> {
        let pattern = |field: &'static str| rules.for_field(field).next().map(|r| &r.regex);
        Cues {
            words: &rules.validation,
            percent_reference: pattern("validate.percent_reference"),
            percent_growth: pattern("validate.percent_growth"),
            plan_named: pattern("validate.plan_named"),
            share_gap: pattern("validate.share_gap"),
            annex_caption: pattern("validate.annex_caption"),
        }
    }
}

fn is_match(pattern: Option<&Regex>, text: &str) -> bool {
    pattern.is_some_and(|p| p.is_match(text))
}

/// Whether lower-cased `text` holds one of `words`.
fn holds_any(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| text.contains(w.as_str()))
}

pub fn run(repaired: &Repaired, extracted: &Extracted, rules: &RuleSet) -> Vec<Warning> {
    let text = repaired.text.as_str();
    let cues = Cues::of(rules);
    let mut out = Vec::new();
    for t in &extracted.tables {
        table_checks(text, t, &cues, &mut out);
    }
    breakdown_sums(&extracted.quantities, &mut out);
    percents_over_100(text, &extracted.quantities, &cues, &mut out);
    amounts_in_words(&extracted.quantities, &mut out);
    shares_against_percentages(text, &extracted.quantities, &cues, &mut out);
    changes_against_counts(text, &extracted.quantities, &mut out);
    dates_against_document(text, extracted, &cues, &mut out);
    annex_number(text, extracted, &cues, &mut out);
    impossible_dates(extracted, &mut out);
    conflicting_figures(&extracted.quantities, &mut out);
    cut_numbers(text, &extracted.quantities, &mut out);
    uncertain_restorations(repaired, &mut out);
    header_complete(extracted, &mut out);
    out
}

/// What the reader noticed about the file itself: a name whose extension promises another
/// format than the bytes hold (an error page saved as `.pdf`), and characters the decoder
/// could not read (a cut or mis-encoded file). Both mean the record may not be the
/// document at all, which no later check can tell.
pub fn input_checks(path: &str, format: Format, repaired: &Repaired) -> Vec<Warning> {
    let mut out = Vec::new();
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let promised = match ext.as_str() {
        "pdf" => Some(Format::Pdf),
        "doc" => Some(Format::Doc),
        "docx" => Some(Format::Docx),
        "xls" => Some(Format::Xls),
        "xlsx" => Some(Format::Xlsx),
        "odt" => Some(Format::Odt),
        "ods" => Some(Format::Ods),
        "rtf" => Some(Format::Rtf),
        _ => None,
    };
    let text_like = matches!(format, Format::Text | Format::Markdown | Format::Html);
    if let Some(promised) = promised.filter(|_| text_like) {
        out.push(Warning::new(
            "ingest.format_mismatch",
            format!(
                "named .{ext} ({}) but holds {}: a saved web page or an error page instead of the document?",
                format_name(promised),
                format_name(format)
            ),
            None,
        ));
    }
    let text = repaired.text.as_str();
    let undecoded = text.matches('\u{FFFD}').count();
    if undecoded > 0 {
        let at = text.find('\u{FFFD}').unwrap_or(0);
        let cut = text[at + '\u{FFFD}'.len_utf8()..].trim().is_empty();
        out.push(Warning::new(
            "ingest.undecoded",
            format!(
                "{undecoded} character(s) could not be decoded (shown as \u{FFFD}){}",
                if cut {
                    "; the text ends there, so the file may be cut short"
                } else {
                    ""
                }
            ),
            Some(Span::new(at, at + '\u{FFFD}'.len_utf8())),
        ));
    }
    out
}

fn format_name(format: Format) -> String {
    serde_json::to_value(format)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// An official document carries its number, date, issuer and signer; a record that has a
/// type or a number but lacks some of them tells a reviewer where to look first (a damaged
/// header, a cut signature block), since no other warning would.
fn header_complete(extracted: &Extracted, out: &mut Vec<Warning>) {
    let d = &extracted.document;
    if d.doc_type.is_none() && d.number.is_none() {
        return;
    }
    let missing: Vec<&str> = [
        ("number", d.number.is_none()),
        ("date", d.date.is_none()),
        ("issuer", d.issuer.is_none()),
        ("signer", d.signer.is_none()),
    ]
    .iter()
    .filter(|(_, absent)| *absent)
    .map(|(name, _)| *name)
    .collect();
    if !missing.is_empty() {
        out.push(Warning::new(
            "header.incomplete",
            format!(
                "no {} found: check the header and signature block",
                missing.join(", no ")
            ),
            None,
        ));
    }
}

/// The words are what the signer read; a figure that disagrees is a typo in one of them.
fn amounts_in_words(quantities: &[crate::document::Value<Quantity>], out: &mut Vec<Warning>) {
    for q in quantities {
        let Some(words) = &q.value.in_words else {
            continue;
        };
        if (words.value - q.value.value).abs() >= SUM_TOLERANCE {
            out.push(Warning::new(
                "money.words_mismatch",
                format!(
                    "{:?} is {} đồng but its words {:?} say {}",
                    q.raw, q.value.value, words.raw, words.value
                ),
                Some(Span::new(q.span.start, words.span.end)),
            ));
        }
    }
}

/// A share written as a fraction and its percentage right after ("45.210/52.680 người,
/// đạt 87,4%", "52/64 trường (81,3%)"): the percentage is the fraction, rounded as written.
/// A percentage measured against a plan or another period, a growth, or one named by its
/// own indicator ("…, tỷ lệ hộ nghèo 3%") is another figure.
fn shares_against_percentages(
    text: &str,
    qs: &[crate::document::Value<Quantity>],
    cues: &Cues,
    out: &mut Vec<Warning>,
) {
    for (n, share) in qs.iter().enumerate() {
        let Some(d) = share
            .value
            .part_of
            .filter(|_| share.rule == "quantity.share")
        else {
            continue;
        };
        let (Some(whole), Some(pct)) = (qs.get(d), qs.get(d + 1)) else {
            continue;
        };
        if d != n + 1 || pct.value.unit != "percent" || whole.value.value <= 0.0 {
            continue;
        }
        let Some(gap) = text.get(whole.span.end..pct.span.start) else {
            continue;
        };
        let lower = gap.to_lowercase().replace("tỉ lệ", "tỷ lệ");
        let own_indicator = lower.contains("tỷ lệ") && !lower.trim_end().ends_with("tỷ lệ");
        if !is_match(cues.share_gap, gap)
            || own_indicator
            || against_a_reference(text, pct.span, cues)
        {
            continue;
        }
        let expected = share.value.value / whole.value.value * 100.0;
        let written = pct.value.value;
        let tolerance = half_last_decimal(written) + 1e-6;
        if (expected - written).abs() > tolerance {
            out.push(Warning::new(
                "share.percent_mismatch",
                format!(
                    "{}/{} is {expected:.2}% but the text says {}",
                    share.raw, whole.raw, pct.raw
                ),
                Some(Span::new(share.span.start, pct.span.end)),
            ));
        }
    }
}

/// What may stand between a change and its percentage: "giảm 2 người (-20%)", "giảm 2
/// người chết (-20%)" (what is counted, in brackets), "tăng 5 vụ, tương ứng 16,7%".
fn joins_change_and_percent(gap: &str) -> bool {
    let sign = |c: char| c.is_whitespace() || matches!(c, '-' | '+');
    if let Some((counted, _)) = gap
        .trim_end_matches(sign)
        .rsplit_once('(')
        .filter(|(_, after)| after.is_empty())
    {
        let words: Vec<&str> = counted.split_whitespace().collect();
        return words.len() <= 3 && words.iter().all(|w| w.chars().all(char::is_alphabetic));
    }
    let gap = gap.trim_matches(|c: char| sign(c) || c == ',');
    gap.is_empty() || matches!(gap.to_lowercase().as_str(), "tương ứng" | "tức" | "bằng")
}

/// A change and its percentage right after it ("giảm 2 người chết (-20%)") against the two
/// counts of the same unit earlier in its paragraph that differ by the change (16 and 14):
/// the percentage is the change over the earlier count. Where no two counts differ by the
/// change, or any such pair fits, nothing is said.
fn changes_against_counts(
    text: &str,
    qs: &[crate::document::Value<Quantity>],
    out: &mut Vec<Warning>,
) {
    for (n, change) in qs.iter().enumerate() {
        let (Some(direction), Some(pct)) = (change.value.change.as_deref(), qs.get(n + 1)) else {
            continue;
        };
        let step = change.value.value;
        if change.value.unit == "percent"
            || pct.value.unit != "percent"
            || pct.value.change.as_deref() != Some(direction)
            || step <= 0.0
            || !text
                .get(change.span.end..pct.span.start)
                .is_some_and(joins_change_and_percent)
        {
            continue;
        }
        let paragraph = text[..change.span.start].rfind('\n').map_or(0, |i| i + 1);
        let counts: Vec<f64> = qs[..n]
            .iter()
            .filter(|q| {
                q.span.start >= paragraph
                    && q.value.unit == change.value.unit
                    && q.value.change.is_none()
            })
            .map(|q| q.value.value)
            .collect();
        // The earlier count of each pair: the larger one for a fall, the smaller for a rise.
        let earlier: Vec<f64> = counts
            .iter()
            .flat_map(|&a| counts.iter().map(move |&b| (a, b)))
            .filter(|(a, b)| (a - b - step).abs() < SUM_TOLERANCE)
            .map(|(a, b)| if direction == "decrease" { a } else { b })
            .collect();
        let written = pct.value.value;
        let tolerance = half_last_decimal(written) + 1e-6;
        let fits = |base: &f64| (step / base * 100.0 - written).abs() <= tolerance;
        if let Some(base) = earlier.first().filter(|_| !earlier.iter().any(fits)) {
            out.push(Warning::new(
                "change.percent_mismatch",
                format!(
                    "{:?} ({}{}%) but {} / {} is {:.2}%",
                    change.raw,
                    if direction == "decrease" { "-" } else { "+" },
                    pct.value.value,
                    step,
                    base,
                    step / base * 100.0
                ),
                Some(Span::new(change.span.start, pct.span.end)),
            ));
        }
    }
}

/// Warnings listed per document for uncertain restorations before they are summarized.
const MAX_RESTORE_WARNINGS: usize = 50;

/// Characters the restorer put back without being sure: a reviewer should read them.
/// Its spots are offsets into the restore pass's output, carried through the passes after it.
fn uncertain_restorations(repaired: &Repaired, out: &mut Vec<Warning>) {
    let Some(at) = repaired.passes.iter().rposition(|p| p.name == "restore") else {
        return;
    };
    let later = &repaired.passes[at + 1..];
    // The passes after it (tone marks) may move the spots: their edits carry them on.
    let to_final = |offset: usize| {
        later.iter().fold(offset, |o, p| {
            crate::repair::edits::map_forward(&p.edits, o)
        })
    };
    let spots = crate::repair::restore::low_confidence(&repaired.passes[at]);
    for spot in spots.iter().take(MAX_RESTORE_WARNINGS) {
        out.push(Warning {
            code: "restore.low_confidence".into(),
            message: format!(
                "restored {:?} with confidence {:.2}; check against the original",
                spot.text, spot.confidence
            ),
            span: Some(Span::new(
                to_final(spot.range.start),
                to_final(spot.range.end),
            )),
        });
    }
    if spots.len() > MAX_RESTORE_WARNINGS {
        out.push(Warning {
            code: "restore.low_confidence".into(),
            message: format!(
                "{} more uncertain restorations not listed (see repair.changes with confidence below 0.5)",
                spots.len() - MAX_RESTORE_WARNINGS
            ),
            span: None,
        });
    }
}

/// Byte span of each body row of a table (header lines and pipe separators skipped).
fn row_spans(text: &str, t: &Table) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut pos = t.span.start;
    let Some(body) = text.get(t.span.range()) else {
        return spans;
    };
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        let separator = trimmed.starts_with('|')
            && trimmed.contains('-')
            && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        if !separator {
            spans.push(Span::new(
                pos,
                pos + line.trim_end_matches(['\n', '\r']).len(),
            ));
        }
        pos += line.len();
    }
    spans.into_iter().skip(t.header_rows.len()).collect()
}

/// The first column of figures whose header holds one of `words`, tried in order: a
/// "Chỉ tiêu" column of indicator names is no plan when a "Kế hoạch" column follows it.
fn column(t: &Table, words: &[String]) -> Option<usize> {
    let holds_figures = |c: usize| {
        t.rows
            .iter()
            .any(|r| r.get(c).and_then(Cell::as_number).is_some())
    };
    words.iter().find_map(|w| {
        (0..t.header.len())
            .find(|&c| t.header[c].to_lowercase().contains(w.as_str()) && holds_figures(c))
    })
}

/// Decimals a figure is written with, as far as its value tells (0 to 3).
fn decimals(v: f64) -> i32 {
    (0..3)
        .find(|&d| {
            let scaled = v * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        })
        .unwrap_or(3)
}

/// Half a unit of a figure's last decimal: how far rounding may have moved it.
fn half_last_decimal(v: f64) -> f64 {
    0.5 * 10f64.powi(-decimals(v))
}

/// How far a written rate may lie from result / plan × 100: half a unit of its last
/// decimal (it was rounded), widened for a rate with two decimals by what the rounding
/// of the plan and result themselves may move it (2.047 triệu may stand for 2.047,4),
/// never beyond the 0.05 a rate with one decimal gets.
fn rate_tolerance(plan: f64, result: f64, rate: f64) -> f64 {
    let half = half_last_decimal;
    match decimals(rate) {
        0 => 0.51,
        1 => 0.051,
        _ => {
            let moved = rate.abs()
                * (half(plan) / plan.abs() + half(result) / result.abs().max(half(result)));
            (half(rate) + moved + 0.0001).min(0.051)
        }
    }
}

/// Whether a rate column's header measures against another period than the plan
/// ("So với cùng kỳ (%)", "So với năm 2023 (%)", "So CK").
fn names_another_period(header: &str, cues: &ValidationSpec) -> bool {
    let h = header.to_lowercase();
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    holds_any(&h, &cues.another_period)
        || cues
            .another_period_words
            .iter()
            .any(|w| words.contains(&w.as_str()))
        || words
            .windows(3)
            .any(|w| matches!(w[0], "so" | "với") && w[1] == "năm" && year(w[2]))
}

fn table_checks(text: &str, t: &Table, cues: &Cues, out: &mut Vec<Warning>) {
    let words = cues.words;
    let spans = row_spans(text, t);
    let span_of = |r: usize| spans.get(r).copied().or(Some(t.span));
    // The roles read from the headers ("KH năm 2024", "TH quý I") first, then the words.
    let role = |r: &str| t.column_roles.iter().position(|x| x.as_deref() == Some(r));
    // With two plans or two results ("Thực hiện 2001", "Ước TH 2002", "Kế hoạch 2003") a
    // rate column could compare any pair: no check.
    let count = |r: &str| {
        t.column_roles
            .iter()
            .filter(|x| x.as_deref() == Some(r))
            .count()
    };
    let ambiguous = count("plan") > 1 || count("result") > 1;
    let result = role("result").or_else(|| column(t, &words.result_columns));
    let plan = role("plan")
        .or_else(|| column(t, &words.plan_columns))
        .filter(|_| !ambiguous);
    // A rate against another period ("So với cùng kỳ (%)") compares the result with a
    // figure the table does not hold.
    let against_plan = |c: &usize| {
        !names_another_period(&t.header[*c], words)
            && !crate::extract::tables::is_rate_per_count(&t.header[*c])
    };
    let rate = column(t, &words.rate_columns)
        .filter(against_plan)
        .or_else(|| {
            (0..t.header.len()).find(|&c| {
                t.units.get(c).is_some_and(|u| u.as_deref() == Some("%")) && against_plan(&c)
            })
        })
        .or_else(|| {
            (0..t.header.len()).find(|&c| {
                t.column_roles
                    .get(c)
                    .is_some_and(|r| r.as_deref() == Some("rate"))
                    && against_plan(&c)
            })
        });
    // A budget table's "Dự toán 2016 | Ước TH 2016 | So sánh (%) | Dự toán 2017": the rate
    // right after the one result compares it with the plan just before it; the later plan
    // is the next period's.
    let plan = plan.or_else(|| {
        let (r, k) = (result?, rate?);
        if count("result") > 1 || k < r {
            return None;
        }
        let is_plan = |c: usize| {
            t.column_roles
                .get(c)
                .is_some_and(|x| x.as_deref() == Some("plan"))
        };
        if (r..k).any(is_plan) {
            return None;
        }
        let p = (0..r).rev().find(|&c| is_plan(c))?;
        // The year of each column as the table's reading of its header gives it.
        let year = |c: usize| t.column_periods.get(c)?.as_deref()?.get(..4);
        match (year(p), year(r)) {
            (Some(a), Some(b)) if a != b => None,
            _ => Some(p),
        }
    });
    if let (Some(p), Some(r), Some(k)) = (plan, result, rate) {
        for (i, row) in t.rows.iter().enumerate() {
            let get = |c: usize| row.get(c).and_then(Cell::as_number);
            let (Some(pv), Some(rv), Some(kv)) = (get(p), get(r), get(k)) else {
                continue;
            };
            if pv == 0.0 {
                continue;
            }
            let expected = rv / pv * 100.0;
            if (expected - kv).abs() > rate_tolerance(pv, rv, kv) {
                out.push(Warning::new(
                    "table.rate",
                    format!("row {}: rate {kv} but {rv} / {pv} = {expected:.2}%", i + 1),
                    span_of(i),
                ));
            }
        }
    }
    if let Some(total) = t.total_row {
        let width = t.rows.get(total).map_or(0, |r| r.len());
        for c in 0..width {
            // Rates and percentages do not add up, nor do row numbers.
            let is_rate = t.units.get(c).is_some_and(|u| u.as_deref() == Some("%"))
                || t.column_roles
                    .get(c)
                    .is_some_and(|r| r.as_deref() == Some("rate"));
            if Some(c) == rate
                || is_rate
                || t.header
                    .get(c)
                    .is_some_and(|h| is_per_unit_measure(h, words))
                || t.header
                    .get(c)
                    .is_some_and(|h| h.eq_ignore_ascii_case("STT"))
            {
                continue;
            }
            let Some(tv) = t.rows[total].get(c).and_then(Cell::as_number) else {
                continue;
            };
            let value = |r: &Vec<Cell>| r.get(c).and_then(Cell::as_number);
            let parts: Vec<f64> = t.rows[..total].iter().filter_map(value).collect();
            let sum: f64 = parts.iter().sum();
            // Rows numbered below others ("1.1", "a)" under "1") break their row down: the
            // total adds up the rows of the top level, or the rows that break down no
            // further.
            let nested = |rows: &[usize]| {
                let sum: f64 = rows.iter().filter_map(|&r| value(&t.rows[r])).sum();
                (sum - tv).abs() <= SUM_TOLERANCE
            };
            let (top, leaves) = row_levels(&t.rows[..total]);
            let adds_up = (sum - tv).abs() <= SUM_TOLERANCE || nested(&top) || nested(&leaves);
            // A column whose header was lost, or of decimals, may hold rates: a "total"
            // among its values under a hundred is their mean, no sum.
            let (low, high) = parts
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), &v| (l.min(v), h.max(v)));
            let unnamed = t.header.get(c).map_or(true, |h| h.trim().is_empty());
            let decimals = parts.iter().any(|v| v.fract() != 0.0);
            let mean_like = (unnamed || decimals)
                && parts.len() >= 2
                && high <= 100.0
                && (low..=high).contains(&tv);
            if !parts.is_empty() && !adds_up && !mean_like {
                let name = match t.header.get(c).map(|h| h.trim()) {
                    Some(h) if !h.is_empty() => format!("\"{h}\""),
                    _ => format!("{} (no header)", c + 1),
                };
                out.push(Warning::new(
                    "table.total",
                    format!(
                        "column {name}: total {} but the rows add up to {}",
                        plain_number(tv),
                        plain_number(sum)
                    ),
                    span_of(total),
                ));
            }
        }
    }
}

/// A figure as a reader writes it: no float noise ("297.40000000000003" is 297.4), no ".0".
fn plain_number(v: f64) -> String {
    let rounded = (v * 1000.0).round() / 1000.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// A column of a measure per unit, whose total row holds the whole's mean, not a sum: a
/// yield, an average, a density or a unit price ("Năng suất (tạ/ha)", "Bình quân",
/// "Mật độ (người/km2)", "Đơn giá"), or any figure per unit, its unit written with a slash.
fn is_per_unit_measure(header: &str, cues: &ValidationSpec) -> bool {
    let h = header.to_lowercase();
    let per_unit = h
        .rfind('(')
        .is_some_and(|open| h[open..].contains('/') && !h[open..].contains("%"));
    per_unit || holds_any(&h, &cues.per_unit_measures)
}

/// The depth a row's number gives it: a Roman numeral heads a part (0), a whole number a
/// row (1), a dotted number ("1.1", read as 1.1) or a letter ("a", "b)") a row's
/// breakdown (2), a dotted number of three parts ("1.1.2") one level further (3).
fn row_level(first: Option<&Cell>) -> Option<u8> {
    match first? {
        Cell::Number(v) if *v >= 1.0 => Some(if v.fract() == 0.0 { 1 } else { 2 }),
        Cell::Text(t) => {
            let t = t.trim_end_matches([')', '.']);
            let letter = t.chars().count() == 1 && t.chars().all(|c| c.is_lowercase());
            let roman = !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
            let dotted = t.split('.').count() >= 3
                && t.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if roman {
                Some(0)
            } else if letter {
                Some(2)
            } else if dotted {
                Some(3)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// An unnumbered row that breaks the row above down: its label opens with a dash or a
/// plus, or with "Trong đó" / "Gồm".
fn is_breakdown_row(row: &[Cell]) -> bool {
    if !matches!(row.first(), Some(Cell::Empty)) {
        return false;
    }
    let Some(label) = row.iter().find_map(|c| match c {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }) else {
        return false;
    };
    let lower = label.to_lowercase();
    label.starts_with(['-', '+', '–', '•', '*'])
        || lower.starts_with("trong đó")
        || lower.starts_with("gồm")
}

/// When the rows above a total are numbered on more than one level: the rows of the top
/// level, and the rows no row below breaks down (empty lists otherwise). A row without a
/// number may only be a label ("Trong đó:"), holding no figure.
fn row_levels(rows: &[Vec<Cell>]) -> (Vec<usize>, Vec<usize>) {
    let mut numbered: Vec<(usize, u8)> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        match row_level(row.first()) {
            Some(level) => numbered.push((r, level)),
            // "Trong đó:" and its dashed rows ("- Chi sự nghiệp giáo dục") under a numbered
            // row break it down, below every numbered level.
            None if is_breakdown_row(row) => numbered.push((r, u8::MAX)),
            None if row.iter().skip(1).any(|c| c.as_number().is_some()) => {
                return (Vec::new(), Vec::new())
            }
            None => {}
        }
    }
    let lo = numbered.iter().map(|&(_, l)| l).min();
    let hi = numbered.iter().map(|&(_, l)| l).max();
    if lo == hi {
        return (Vec::new(), Vec::new());
    }
    let top = numbered
        .iter()
        .filter(|&&(_, l)| Some(l) == lo)
        .map(|&(r, _)| r)
        .collect();
    let leaves = numbered
        .iter()
        .enumerate()
        .filter(|&(k, &(_, l))| numbered.get(k + 1).map_or(true, |&(_, next)| next <= l))
        .map(|(_, &(r, _))| r)
        .collect();
    (top, leaves)
}

fn breakdown_sums(qs: &[crate::document::Value<Quantity>], out: &mut Vec<Warning>) {
    // Per total: its parts, and whether every part names its own place or body.
    let mut parts_of: std::collections::BTreeMap<usize, (Vec<f64>, bool)> = Default::default();
    for q in qs {
        if let Some(p) = q.value.part_of {
            let own_subject = q.value.subject.is_some()
                && q.value.subject != qs.get(p).and_then(|t| t.value.subject.clone());
            let entry = parts_of.entry(p).or_insert((Vec::new(), true));
            entry.0.push(q.value.value);
            entry.1 &= own_subject;
        }
    }
    for (p, (parts, by_subject)) in parts_of {
        let Some(total) = qs.get(p) else { continue };
        if parts.len() < 2 {
            continue;
        }
        let sum: f64 = parts.iter().sum();
        let tv = total.value.value;
        let (code, word) = if sum > tv + SUM_TOLERANCE {
            ("sum.exceeds_total", "more")
        } else if sum < tv - SUM_TOLERANCE && !by_subject {
            // Parts that each name a district or facility ("trong đó huyện A 2.100 ha,
            // huyện B 1.950 ha") are the notable ones, not the whole: only a sum above
            // the total is wrong there.
            ("sum.below_total", "less")
        } else {
            continue;
        };
        out.push(Warning::new(
            code,
            format!(
                "\"{}\": its {} parts add up to {sum}, {word} than the total {tv}",
                total.raw,
                parts.len()
            ),
            Some(total.span),
        ));
    }
}

/// "vượt" in the sentence of `at`, or, in a footnote, in the sentence that cites it.
fn says_exceeded(text: &str, at: usize, cues: &ValidationSpec) -> bool {
    let exceeded = |s: usize, e: usize| holds_any(&text[s..e].to_lowercase(), &cues.exceeded);
    let (s, e) = crate::extract::matching::full_sentence_around(text, at);
    if exceeded(s, e) {
        return true;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    // "[^1]: …" (layout pass) or "<sup>1</sup> …": find where "1" is cited.
    let label = if let Some(rest) = line.strip_prefix("[^") {
        rest.split(']').next()
    } else if let Some(rest) = line.strip_prefix("<sup>") {
        rest.split('<').next()
    } else {
        None
    };
    let Some(label) = label.filter(|l| !l.is_empty() && l.len() < 8) else {
        return false;
    };
    let anchors = [
        format!("[^{label}]"),
        format!("<sup>({label})</sup>"),
        format!("<sup>{label}</sup>"),
    ];
    anchors.iter().any(|a| {
        text.match_indices(a.as_str())
            .filter(|(i, _)| *i != line_start)
            .any(|(i, _)| {
                let (s, e) = crate::extract::matching::full_sentence_around(text, i);
                exceeded(s, e)
            })
    })
}

/// Whether the percentage at `span` measures against a plan, a target or another period
/// ("118,8% kế hoạch", "112% so với cùng kỳ") or is a growth ("tăng 150%"): such shares
/// pass 100 as a matter of course, while a share of a whole ("tỷ lệ hộ nghèo 104%") cannot.
fn against_a_reference(text: &str, span: Span, cues: &Cues) -> bool {
    // Both patterns are anchored at the figure: a short window holds any match.
    let after = clip(text.get(span.end..).unwrap_or(""), 120);
    let before = tail(text.get(..span.start).unwrap_or(""), 48);
    is_match(cues.percent_reference, after)
        || is_match(cues.percent_growth, before)
        || names_a_ratio(text, span, cues.words)
}

/// Whether the clause before the percentage at `span` names a ratio that passes 100 as a
/// matter of course: a use of capacity ("công suất sử dụng giường bệnh đạt 112,4%") or an
/// index ("chỉ số giá tiêu dùng bằng 103,2%").
fn names_a_ratio(text: &str, span: Span, cues: &ValidationSpec) -> bool {
    let before = tail(text.get(..span.start).unwrap_or(""), 160);
    let clause = before
        .rfind(['.', ';', '\n'])
        .map_or(before, |k| &before[k + 1..])
        .to_lowercase();
    holds_any(&clause, &cues.ratios)
}

/// Whether the sentence of the percentage at `i` states a plan before it ("Kế hoạch giao
/// 5.000 người, thực hiện 5.260 người, đạt 105,2%"): the percentage is the result's share
/// of that plan.
fn after_a_plan(
    text: &str,
    qs: &[crate::document::Value<Quantity>],
    i: usize,
    cues: &Cues,
) -> bool {
    let (start, _) = crate::extract::matching::sentence_around(text, qs[i].span.start);
    let Some(plan) = cues.plan_named else {
        return false;
    };
    // Where a plan word names a plan, not an act ("Thực hiện Kế hoạch số 12/KH-UBND").
    let named = plan
        .find_iter(&text[start..qs[i].span.start])
        .filter(|m| {
            let after = text[start + m.end()..].trim_start().to_lowercase();
            !after.starts_with("số") && !after.starts_with('/') && !after.starts_with('-')
        })
        .map(|m| start + m.start())
        .min();
    qs[..i]
        .iter()
        .rev()
        .take_while(|q| q.span.start >= start)
        .filter(|q| q.value.unit != "percent")
        .any(|q| q.value.role == "plan" || named.is_some_and(|at| at < q.span.start))
}

fn percents_over_100(
    text: &str,
    qs: &[crate::document::Value<Quantity>],
    cues: &Cues,
    out: &mut Vec<Warning>,
) {
    for (i, q) in qs.iter().enumerate() {
        if q.value.unit == "percent"
            && q.value.value > 100.0
            && !says_exceeded(text, q.span.start, cues.words)
            && !against_a_reference(text, q.span, cues)
            && !after_a_plan(text, qs, i, cues)
        {
            out.push(Warning::new(
                "percent.over_100",
                format!(
                    "{} is above 100% and the text does not say it was exceeded (vượt)",
                    q.raw
                ),
                Some(q.span),
            ));
        }
    }
}

/// `a` is later than `b` at the precision both share.
fn later(a: &PartialDate, b: &PartialDate) -> bool {
    if a.year != b.year {
        return a.year > b.year;
    }
    match (a.month, b.month) {
        (Some(am), Some(bm)) if am != bm => am > bm,
        (Some(_), Some(_)) => matches!((a.day, b.day), (Some(ad), Some(bd)) if ad > bd),
        _ => false,
    }
}

/// Whether the sentence around `at` tells of a deadline already past ("Tại Công văn số …,
/// UBND tỉnh đã yêu cầu … trước ngày 30/9/2024, nhưng đến nay …"): a reminder recalls it,
/// it sets no new one.
fn recalls_a_past_request(text: &str, at: usize, cues: &ValidationSpec) -> bool {
    let (s, e) = crate::extract::matching::full_sentence_around(text, at);
    holds_any(&text[s..e].to_lowercase(), &cues.past_request)
}

fn dates_against_document(text: &str, ex: &Extracted, cues: &Cues, out: &mut Vec<Warning>) {
    let Some(doc) = ex.document.date.as_ref().map(|d| &d.value) else {
        return;
    };
    for d in &ex.dates {
        if d.value.role != "deadline" {
            continue;
        }
        if let Some(date) = &d.value.date {
            if later(doc, date) && !recalls_a_past_request(text, d.span.start, cues.words) {
                out.push(Warning::new(
                    "deadline.before_issue",
                    format!(
                        "deadline {} is before the document's date {}",
                        date.iso, doc.iso
                    ),
                    Some(d.span),
                ));
            }
        }
    }
    for r in &ex.references {
        if let Some(date) = &r.value.date {
            if later(date, doc) {
                out.push(Warning::new(
                    "reference.after_document",
                    format!(
                        "{} is dated {}, after the citing document ({})",
                        r.value.number.as_deref().unwrap_or(&r.value.kind_label),
                        date.iso,
                        doc.iso
                    ),
                    Some(r.span),
                ));
            }
        }
    }
}

/// A number reduced for comparison: no spaces, no dots, look-alike Đ, upper case.
fn comparable(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .map(|c| if c == 'Ð' { 'Đ' } else { c })
        .flat_map(char::to_uppercase)
        .collect()
}

fn annex_number(text: &str, ex: &Extracted, cues: &Cues, out: &mut Vec<Warning>) {
    let Some(number) = ex.document.number.as_ref() else {
        return;
    };
    for r in &ex.references {
        // A caption opens its line ("(Kèm theo Công văn số …", "Ban hành kèm theo …"); the
        // same words inside a sentence ("theo mẫu ban hành kèm theo Thông tư số …") or
        // after a footnote's mark ("² Ban hành kèm theo …") cite another act.
        let line = text.get(..r.span.start).map_or("", |b| {
            let line = &b[b.rfind('\n').map_or(0, |i| i + 1)..];
            crate::extract::matching::tail(line, 80)
        });
        if !is_match(cues.annex_caption, line) {
            continue;
        }
        // Above the header's own number, the caption is the template's: a report filled in
        // on "Mẫu số 03/BC-LĐ (Ban hành kèm theo Thông tư số …)" is not that act's annex.
        if r.span.start < number.span.start {
            continue;
        }
        let (Some(serial), Some(symbol)) = (r.value.serial, r.value.symbol.as_deref()) else {
            continue;
        };
        let same_serial = number.value.serial.is_none_or_eq(serial);
        let same_symbol = comparable(symbol) == comparable(&number.value.symbol);
        if !(same_serial && same_symbol) {
            out.push(Warning::new(
                "annex.number_mismatch",
                format!(
                    "annex caption cites {} but the document's number is {}",
                    r.value.number.as_deref().unwrap_or_default(),
                    number.value.normalized
                ),
                Some(r.span),
            ));
        }
        if let (Some(d), Some(doc)) = (&r.value.date, ex.document.date.as_ref()) {
            if doc.value.day.is_some() && d.iso != doc.value.iso {
                out.push(Warning::new(
                    "annex.date_mismatch",
                    format!(
                        "annex caption dates the document {} but its date is {}",
                        d.iso, doc.value.iso
                    ),
                    Some(r.span),
                ));
            }
        }
    }
}

/// A header number with a blank serial ("Số: /KH-…") matches any serial.
trait SerialMatch {
    fn is_none_or_eq(&self, serial: u64) -> bool;
}

impl SerialMatch for Option<u64> {
    fn is_none_or_eq(&self, serial: u64) -> bool {
        self.map_or(true, |s| s == serial)
    }
}

fn impossible_dates(ex: &Extracted, out: &mut Vec<Warning>) {
    for d in &ex.dates {
        if d.value.date.is_none() {
            out.push(Warning::new(
                "date.impossible",
                format!("\"{}\" is not a calendar date", d.raw),
                Some(d.span),
            ));
        }
    }
}

/// What a figure is about: indicator, subject, period, role, unit, total it belongs to.
type FigureKey<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    &'a str,
    Option<usize>,
    // A bound ("trên 2.000", either end of a range) is no rival to an exact figure.
    Option<&'a str>,
);

/// "24 8 tỷ đồng": digits and one space right before a figure's number, where a lost
/// comma or dot cut a number in two ("24,8 tỷ đồng") and restoration did not mend it.
/// The figure then reads as its last part, so a reviewer must look. A year before it
/// ("năm 2024 8 tỷ") and grouped thousands ("1 587 000", "120 1.500") are no cut.
fn cut_numbers(text: &str, qs: &[crate::document::Value<Quantity>], out: &mut Vec<Warning>) {
    for q in qs {
        let before = &text[..q.span.start];
        let Some(head) = before.strip_suffix(' ') else {
            continue;
        };
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let lead = &head[..head.len() - digits];
        // A cut number's second part is its decimals: one or two digits, no separator.
        let own = q
            .raw
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap_or("");
        let decimals_only =
            (1..=2).contains(&own.len()) && !q.raw[own.len()..].starts_with(['.', ',']);
        let glued = lead.ends_with(|c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | ','));
        if (1..=3).contains(&digits) && decimals_only && !glued {
            let start = q.span.start - 1 - digits;
            out.push(Warning::new(
                "quantity.number_cut",
                format!(
                    "\"{}\" reads as {}: the digits before it may be the same number cut by a lost comma or dot",
                    &text[start..q.span.end],
                    q.raw
                ),
                Some(Span::new(start, q.span.end)),
            ));
        }
    }
}

fn conflicting_figures(qs: &[crate::document::Value<Quantity>], out: &mut Vec<Warning>) {
    for (i, a) in qs.iter().enumerate() {
        // Only a figure pinned to what and whom it counts can conflict with another.
        let (Some(ind), Some(_)) = (a.value.indicator.as_deref(), a.value.subject.as_deref())
        else {
            continue;
        };
        fn key(q: &Quantity) -> FigureKey<'_> {
            (
                q.indicator.as_deref(),
                q.subject.as_deref(),
                q.period.as_deref(),
                q.role.as_str(),
                q.unit.as_str(),
                q.part_of,
                q.bound.as_deref(),
            )
        }
        let earlier = qs[..i].iter().find(|b| {
            key(&b.value) == key(&a.value) && (b.value.value - a.value.value).abs() > f64::EPSILON
        });
        if let Some(b) = earlier {
            out.push(Warning::new(
                "quantity.conflict",
                format!(
                    "\"{ind}\" is given as {} here and as {} earlier ({})",
                    a.value.value, b.value.value, b.raw
                ),
                Some(a.span),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Value;
    use crate::extract::{DocNumber, DocumentFields};
    use crate::rules::RuleSet;

    fn check(text: &str, doc: Option<(&str, u64, PartialDate)>) -> Vec<String> {
        let rules = RuleSet::builtin().unwrap();
        let raw = crate::ingest::read_bytes("t.txt", text.as_bytes()).unwrap();
        let repaired = crate::repair::run(&raw, &Default::default());
        let mut ex = crate::extract::run(&repaired, &rules);
        if let Some((symbol, serial, date)) = doc {
            ex.document = DocumentFields::default();
            let n = DocNumber {
                normalized: format!("{serial}/{symbol}"),
                serial: Some(serial),
                year: None,
                symbol: symbol.to_string(),
            };
            ex.document.number = Some(Value::new(n, "", Span::default(), 1.0, "test"));
            ex.document.date = Some(Value::new(date, "", Span::default(), 1.0, "test"));
        }
        // A made-up body with a number has no issuer or signer: not what these tests check.
        run(&repaired, &ex, &rules)
            .into_iter()
            .map(|w| w.code)
            .filter(|c| c != "header.incomplete")
            .collect()
    }

    fn day(y: i32, m: u32, d: u32) -> PartialDate {
        PartialDate::new(y, Some(m), Some(d)).unwrap()
    }

    #[test]
    fn a_total_row_adds_up_the_numbered_rows_not_their_dashed_breakdown() {
        let t = "STT\tNội dung\tDự toán năm 2013\tQuyết toán năm 2013\n1\tChi đầu tư\t98.500\t104.325\n2\tChi thường xuyên\t286.400\t281.760\n\tTrong đó:\n\t- Chi giáo dục\t168.200\t170.115\n\t- Chi quản lý\t42.600\t41.020\n3\tDự phòng\t7.800\t0\n\tTổng cộng\t392.700\t386.085\n";
        assert!(check(t, None).is_empty(), "{:?}", check(t, None));
        let wrong = t.replace("392.700", "393.700");
        assert_eq!(check(&wrong, None), ["table.total"]);
    }

    #[test]
    fn table_rates_and_totals() {
        let ok = "STT\tĐơn vị\tKế hoạch năm\tKết quả thực hiện\tTỷ lệ (%)\n1\tA\t120\t45\t37.5\n2\tB\t65\t33\t50.8\n\tTổng cộng\t185\t78\t\n";
        assert!(check(ok, None).is_empty(), "{:?}", check(ok, None));
        let bad = "STT\tĐơn vị\tKế hoạch năm\tKết quả thực hiện\tTỷ lệ (%)\n1\tA\t120\t45\t35.7\n2\tB\t65\t33\t50.8\n\tTổng cộng\t190\t78\t\n";
        assert_eq!(check(bad, None), ["table.rate", "table.total"]);
        // Abbreviated headers name the plan and the result ("KH năm 2024", "TH quý I"); a
        // group label ("Trong đó:") inside the table does not end it.
        let abbreviated = "STT   Chỉ tiêu          ĐVT     KH năm 2024   TH quý I   Tỷ lệ (%)\n1     Lao động          người       5.500      1.320      24,0\n      Trong đó:\n1.1   Trong nước        người       5.100      1.245      24,4\n2     Trợ cấp           tỷ đồng      96,5       23,9      42,8\n";
        assert_eq!(check(abbreviated, None), ["table.rate"]);
        // Two results and a plan: the rate could compare any two, so none is checked.
        let ambiguous = "Chỉ tiêu\tThực hiện 2001\tƯớc TH 2002\tKế hoạch 2003\tSo sánh (%)\nA\t100\t120\t150\t125,0\nB\t10\t12\t15\t80,0\n";
        assert!(
            check(ambiguous, None).is_empty(),
            "{:?}",
            check(ambiguous, None)
        );
        // A budget table's next-year estimate after the rate: the rate compares the
        // result with the plan before it.
        let budget = "STT\tChỉ tiêu\tDự toán năm 2016\tƯớc thực hiện năm 2016\tSo sánh (%)\tDự toán năm 2017\n1\tThu thuế\t55.000\t62.400\t123,5\t60.000\n2\tThu phí\t4.000\t4.400\t110,0\t4.500\n";
        assert_eq!(check(budget, None), ["table.rate"]);
        let right = budget.replace("123,5", "113,5");
        assert!(check(&right, None).is_empty(), "{:?}", check(&right, None));
        // A plan of another year than the result's is not what the rate compares.
        let other_year = budget.replace("Dự toán năm 2016", "Dự toán năm 2015");
        assert!(
            check(&other_year, None).is_empty(),
            "{:?}",
            check(&other_year, None)
        );
        // A second percentage column ("So cùng kỳ (%)") is no sum either.
        let two_rates = "STT\tĐơn vị\tKế hoạch\tThực hiện\tTỷ lệ (%)\tSo cùng kỳ (%)\n1\tA\t120\t45\t37.5\t101.2\n2\tB\t65\t33\t50.8\t99.0\n\tTổng cộng\t185\t78\t42.2\t100.4\n";
        assert!(
            check(two_rates, None).is_empty(),
            "{:?}",
            check(two_rates, None)
        );
    }

    #[test]
    fn an_amount_whose_words_spell_another_number() {
        let agree = "Tổng kinh phí: 1.250.000.000 đồng (Bằng chữ: Một tỷ hai trăm năm mươi triệu đồng). Tập huấn 21.000.000 đồng (Hai mươi mốt triệu đồng chẵn); mức 2.150.000 đồng/tháng (bằng chữ: Hai triệu một trăm năm mươi nghìn đồng).";
        assert!(check(agree, None).is_empty(), "{:?}", check(agree, None));
        let typo = "Tổng số tiền là 3.415.500.000 đồng (Bằng chữ: Ba tỷ bốn trăm năm mươi lăm triệu năm trăm nghìn đồng).";
        assert_eq!(check(typo, None), ["money.words_mismatch"]);
        let on_next_line = "Số tiền: 450 triệu đồng.\nBằng chữ: Bốn trăm linh năm triệu đồng.";
        assert_eq!(check(on_next_line, None), ["money.words_mismatch"]);
        // A unit in brackets after a figure is no amount in words.
        assert!(check("Kinh phí 1.250 đồng (triệu đồng)", None).is_empty());
    }

    #[test]
    fn a_rate_table_whose_indicator_column_is_called_chi_tieu() {
        let t = "| STT | Chỉ tiêu | Đơn vị | Kế hoạch | Thực hiện | Tỷ lệ (%) |\n|---|---|---|---|---|---|\n| 1 | Hộ được hỗ trợ | hộ | 1.500 | 1.200 | 80 |\n| 2 | Lao động được đào tạo | người | 3.000 | 2.340 | 87 |\n";
        assert_eq!(check(t, None), ["table.rate"]);
    }

    #[test]
    fn a_change_s_percentage_against_the_two_counts() {
        let text = "Xảy ra 21 vụ, làm chết 14 người, bị thương 17 người. So với cùng kỳ (24 vụ, 16 người chết, 20 người bị thương), giảm 3 vụ (-12,5%), giảm 2 người chết (-20%), giảm 3 người bị thương (-15%).\n";
        assert_eq!(check(text, None), ["change.percent_mismatch"]);
        let right = text.replace("(-20%)", "(-12,5%)");
        assert!(check(&right, None).is_empty());
        // No two counts differ by the change: nothing to check it against.
        let alone = "Năm nay xảy ra 35 vụ va chạm, tăng 5 vụ (+20%).\n";
        assert!(check(alone, None).is_empty());
    }

    #[test]
    fn breakdown_sums() {
        let text = "Có 3.795 học viên (trong đó: 2.679 người cai nghiện bắt buộc; 662 người cai nghiện tự nguyện; 261 người lưu trú).";
        assert_eq!(check(text, None), ["sum.below_total"]);
        let text = "Có 100 học viên (trong đó: 60 người nam; 50 người nữ).";
        assert_eq!(check(text, None), ["sum.exceeds_total"]);
        let text = "Có 100 học viên (trong đó: 60 người nam; 40 người nữ).";
        assert!(check(text, None).is_empty());
    }

    #[test]
    fn a_breakdown_by_locality_may_name_only_some() {
        let text = "Tổng diện tích rừng trồng mới đạt 7.820 ha, trong đó huyện Chi Lăng 2.100 ha, huyện Hữu Lũng 1.950 ha.";
        assert!(check(text, None).is_empty(), "{:?}", check(text, None));
        let text = "Tổng diện tích đạt 3.000 ha, trong đó huyện Chi Lăng 2.100 ha, huyện Hữu Lũng 1.950 ha.";
        assert_eq!(check(text, None), ["sum.exceeds_total"]);
        let text = "Diện tích gieo cấy 320 ha, trong đó lúa lai 100 ha, lúa thuần 180 ha.";
        assert_eq!(check(text, None), ["sum.below_total"]);
    }

    #[test]
    fn percentages_over_100_need_vuot_or_a_reference() {
        assert_eq!(
            check("Tỷ lệ hộ nghèo của huyện A là 118,8%.", None),
            ["percent.over_100"]
        );
        assert_eq!(check("Huyện A đạt tỷ lệ 104%.", None), ["percent.over_100"]);
        assert!(check("Huyện A đạt 118,8% kế hoạch.", None).is_empty());
        assert!(check("Thu ngân sách bằng 112% so với cùng kỳ năm trước.", None).is_empty());
        assert!(check("Doanh thu đạt 105,2% dự toán năm.", None).is_empty());
        assert!(check("Số vụ việc tăng 150% so với năm 2023.", None).is_empty());
        assert!(check("Số khách du lịch tăng 130%.", None).is_empty());
        assert!(check("Huyện A vượt chỉ tiêu, đạt 118,8%.", None).is_empty());
        // A use of capacity or an index passes 100 as a matter of course.
        assert!(check("Công suất sử dụng giường bệnh đạt 112,4%.", None).is_empty());
        assert!(check("Chỉ số giá tiêu dùng bằng 103,2%.", None).is_empty());
        let footnote = "Nhiều nơi hoàn thành vượt mức chỉ tiêu<sup>(1)</sup> trong năm.\n\n<sup>1</sup> huyện Sóc Sơn 118,8%, huyện Mê Linh 115,6%\n";
        assert!(
            check(footnote, None).is_empty(),
            "{:?}",
            check(footnote, None)
        );
    }

    #[test]
    fn dates_against_the_document() {
        let doc = Some(("UBND-VP", 12, day(2022, 11, 28)));
        let text =
            "Căn cứ Kế hoạch số 259/KH-UBND ngày 17/12/2023 của UBND; gửi trước ngày 14/10/2022.";
        assert_eq!(
            check(text, doc),
            ["deadline.before_issue", "reference.after_document"]
        );
        let doc = Some(("UBND-VP", 12, day(2022, 11, 28)));
        let text =
            "Căn cứ Kế hoạch số 259/KH-UBND ngày 17/12/2018 của UBND; gửi trước ngày 14/12/2022.";
        assert!(check(text, doc).is_empty());
    }

    #[test]
    fn annex_caption_against_header_number() {
        let text = "KẾT QUẢ\n\n(Kèm theo Công văn số 1.234 /SGD ĐT-PKHTC ngày 12 /10/2021)\n";
        let doc = Some(("SGDĐT-KHTC", 1234, day(2021, 10, 12)));
        assert_eq!(check(text, doc), ["annex.number_mismatch"]);
        let doc = Some(("SGDĐT-PKHTC", 1234, day(2021, 10, 13)));
        assert_eq!(check(text, doc), ["annex.date_mismatch"]);
        let doc = Some(("SGDĐT-PKHTC", 1234, day(2021, 10, 12)));
        assert!(check(text, doc).is_empty());
        // The same words inside a sentence or after a footnote's mark cite another act.
        let doc = Some(("BGDĐT-GDPT", 3871, day(2026, 7, 24)));
        for text in [
            "Báo cáo theo mẫu ban hành kèm theo Thông tư số 79/1998/TT-BTC ngày 12/6/1998.\n",
            "Nội dung.\n\n² Ban hành kèm theo Thông tư số 32/2018/TT-BGDĐT ngày 26/12/2018.\n",
        ] {
            assert!(check(text, doc.clone()).is_empty(), "{text}");
        }
        let text = "QUY CHẾ\n(Ban hành kèm theo Quyết định số 58/QĐ-STP ngày 03/3/2026)\n";
        assert_eq!(
            check(text, doc),
            ["annex.number_mismatch", "annex.date_mismatch"]
        );
    }

    #[test]
    fn a_number_cut_by_a_lost_comma_is_warned() {
        assert_eq!(
            check("Tổng kinh phí 24 8 tỷ đồng từ ngân sách tỉnh.", None),
            ["quantity.number_cut"]
        );
        for fine in [
            "Tổng kinh phí 24,8 tỷ đồng.",
            "Trong năm 2024 8 tỷ đồng đã được giải ngân.",
            "Xã An Bình 120 1.500 hộ.",
        ] {
            assert!(
                check(fine, None).is_empty(),
                "{fine}: {:?}",
                check(fine, None)
            );
        }
    }

    #[test]
    fn a_total_warning_reads_its_figures_plainly() {
        assert_eq!(plain_number(297.40000000000003), "297.4");
        assert_eq!(plain_number(2845.0), "2845");
        assert_eq!(plain_number(0.125), "0.125");
    }

    #[test]
    fn a_yield_or_an_average_column_does_not_add_up() {
        // A total row's yield and mean are the whole's, not the sum of the rows'.
        let text = "STT\tHuyện\tDiện tích (ha)\tNăng suất\tMật độ (người/km2)\tSản lượng (tấn)\n\
                    1\tA\t100\t50\t300\t500\n2\tB\t300\t60\t100\t1800\n\
                    \tToàn tỉnh\t400\t57.5\t150\t2300\n";
        assert!(check(text, None).is_empty(), "{:?}", check(text, None));
        // A column of amounts still does.
        let bad = text.replace("\t2300\n", "\t2400\n");
        assert_eq!(check(&bad, None), ["table.total"]);
        // A column of decimals under a hundred whose "total" lies among them is a mean.
        let rates = "STT\tXã\tSố hộ\tChỉ số\n1\tA\t20\t12,5\n2\tB\t30\t10,1\n3\tC\t50\t11,0\n\tCộng\t100\t11,2\n";
        assert!(check(rates, None).is_empty(), "{:?}", check(rates, None));
        // A count column's wrong total is still one, whatever its size.
        let wrong = rates.replace("\t100\t11,2", "\t45\t11,2");
        assert_eq!(check(&wrong, None), ["table.total"]);
    }

    #[test]
    fn a_template_s_caption_above_the_number_is_no_annex_caption() {
        // A report filled in on a form keeps the form's caption above its own header.
        let head =
            "Mẫu số 02/BC-NN\n(Ban hành kèm theo Thông tư số 18/2006/TT-BNN ngày 14/3/2006)\n\n\
                    UBND XÃ HÒA AN\nSố: 31/BC-UBND\nHòa An, ngày 20 tháng 11 năm 2007\n\nBÁO CÁO\n\
                    Kết quả tiêm phòng\n\nĐã tiêm 1.200 con.\n";
        assert!(check(head, None).is_empty(), "{:?}", check(head, None));
        // Below the number, a caption naming another number is the document's annex's.
        let annexed =
            format!("{head}\nPHỤ LỤC\n(Kèm theo Báo cáo số 13/BC-UBND ngày 20/11/2007)\n");
        assert_eq!(check(&annexed, None), ["annex.number_mismatch"]);
    }

    #[test]
    fn impossible_dates_and_conflicts() {
        assert_eq!(check("họp ngày 31/4/2021", None), ["date.impossible"]);
        let text = "- Cơ sở A: 10 người cai nghiện bắt buộc.\n\nSau đó:\n\n- Cơ sở A: 12 người cai nghiện bắt buộc.\n";
        assert_eq!(check(text, None), ["quantity.conflict"]);
        // Same label, no subject: rows of a listing, not one figure given twice.
        let text = "- Số nhân sự: 9 người.\n- Số nhân sự: 8 người.\n";
        assert!(check(text, None).is_empty());
        // Shares of a total are not parts that add up.
        assert!(check("đạt 20%, trong đó nam 50%, nữ 40%.", None).is_empty());
    }

    #[test]
    fn a_total_adds_up_the_rows_of_the_top_level() {
        // "1.1", "1.2" break row 1 down: the total adds up rows 1 and 2.
        let t = "STT\tNội dung\tSố lượt\n1\tKhám bệnh\t1.200\n1.1\tTrẻ em\t300\n1.2\tNgười cao tuổi\t250\n2\tĐiều trị nội trú\t180\n\tTổng cộng\t1.380\n";
        assert!(check(t, None).is_empty(), "{:?}", check(t, None));
        // Parts headed by Roman numerals, and rows numbered within them.
        let t = "STT\tNội dung\tSố lượng\nI\tKhối tỉnh\t30\n1\tSở A\t10\n2\tSở B\t20\nII\tKhối huyện\t15\n1\tHuyện C\t15\n\tTổng cộng\t45\n";
        assert!(check(t, None).is_empty(), "{:?}", check(t, None));
        let t = "STT\tNội dung\tSố lượt\n1\tKhám bệnh\t1.200\n1.1\tTrẻ em\t300\n2\tĐiều trị nội trú\t180\n\tTổng cộng\t1.390\n";
        assert_eq!(check(t, None), ["table.total"]);
    }

    #[test]
    fn a_signed_change_column_adds_up() {
        let t = "STT\tLoại rừng\tNăm 2010\tNăm 2011\tTăng (+), giảm (-)\n1\tPhòng hộ\t4.326\t4.298\t-28\n2\tSản xuất\t9.874\t10.514\t+640\n\tCộng\t14.200\t14.812\t612\n";
        assert!(check(t, None).is_empty(), "{:?}", check(t, None));
    }

    #[test]
    fn a_rate_with_two_decimals_is_rounded_to_them() {
        // 5214 / 4860 = 107.28%: "107,32" is off; "107,28" and an integer-rounded "107" are
        // not, nor is a rate of figures rounded to units (2.047 / 3.860 = 53.031).
        let t = |rate: &str| {
            format!("STT\tNguồn thu\tDự toán\tThực hiện\tTỷ lệ (%)\n1\tLệ phí\t4.860\t5.214\t{rate}\n2\tThu xã\t3.860\t2.047\t53,03\n")
        };
        assert_eq!(check(&t("107,32"), None), ["table.rate"]);
        for ok in ["107,28", "107,3", "107"] {
            assert!(
                check(&t(ok), None).is_empty(),
                "{ok}: {:?}",
                check(&t(ok), None)
            );
        }
    }

    #[test]
    fn a_rate_against_last_year_is_not_result_over_plan() {
        let t = "STT\tChỉ tiêu\tKế hoạch 2018\tThực hiện 2018\tSo với cùng kỳ (%)\n1\tCao đẳng\t600\t640\t104,2\n2\tTrung cấp\t1.200\t1.215\t98,1\n";
        assert!(check(t, None).is_empty(), "{:?}", check(t, None));
        // With a rate against the plan beside it, that one is checked.
        let t = "STT\tChỉ tiêu\tKế hoạch\tThực hiện\tSo với cùng kỳ (%)\tSo với KH (%)\n1\tCao đẳng\t600\t640\t104,2\t101,0\n";
        assert_eq!(check(t, None), ["table.rate"]);
    }

    #[test]
    fn percentages_over_100_against_abbreviated_or_stated_references() {
        assert!(check("Tổng đàn gia cầm 48.600 con, bằng 103,8% so CK.", None).is_empty());
        assert!(check("Giá trị sản xuất bằng 104,6% kỳ trước.", None).is_empty());
        let stated =
            "Kế hoạch tuyển sinh năm 2018 giao 5.000 người, thực hiện 5.260 người, đạt 105,2%.";
        assert!(check(stated, None).is_empty(), "{:?}", check(stated, None));
        // An act named "Kế hoạch số …" states no plan.
        assert_eq!(
            check(
                "Thực hiện Kế hoạch số 12/KH-UBND, tỷ lệ tiêm chủng đạt 104%.",
                None
            ),
            ["percent.over_100"]
        );
    }

    #[test]
    fn a_reminder_recalls_a_past_deadline() {
        let doc = Some(("UBND-KT", 2406, day(2024, 10, 14)));
        let text = "Tại Công văn số 1875/UBND-KT ngày 05/8/2024, UBND tỉnh đã yêu cầu các chủ đầu tư báo cáo trước ngày 30/9/2024, nhưng đến nay còn 02 đơn vị chưa báo cáo.";
        assert!(
            check(text, doc.clone()).is_empty(),
            "{:?}",
            check(text, doc)
        );
        let doc = Some(("UBND-KT", 2406, day(2024, 10, 14)));
        let text =
            "Đề nghị các xã gửi báo cáo về Ủy ban nhân dân huyện trước ngày 30/9/2024 để tổng hợp.";
        assert_eq!(check(text, doc), ["deadline.before_issue"]);
    }

    #[test]
    fn the_cue_words_come_from_the_rule_set() {
        // A rule folder's own validate.toml: another word recalls a past request, and a
        // folder without the file checks with no cue at all.
        let sources = |validate: Option<String>| -> Vec<(String, String)> {
            crate::rules::BUILTIN
                .iter()
                .filter(|(name, _)| *name != "validate.toml")
                .map(|(n, c)| (n.to_string(), c.to_string()))
                .chain(validate.map(|v| ("validate.toml".to_string(), v)))
                .collect()
        };
        let builtin = crate::rules::BUILTIN
            .iter()
            .find(|(name, _)| *name == "validate.toml")
            .unwrap()
            .1;
        let text = "UBND tỉnh nhắc lại việc báo cáo trước ngày 30/9/2024 để tổng hợp.";
        let codes = |rules: &RuleSet| {
            let raw = crate::ingest::read_bytes("t.txt", text.as_bytes()).unwrap();
            let repaired = crate::repair::run(&raw, &Default::default());
            let mut ex = crate::extract::run(&repaired, rules);
            ex.document.date = Some(Value::new(
                day(2024, 10, 14),
                "",
                Span::default(),
                1.0,
                "test",
            ));
            run(&repaired, &ex, rules)
                .into_iter()
                .map(|w| w.code)
                .collect::<Vec<_>>()
        };
        let stock = RuleSet::from_sources(&sources(Some(builtin.to_string()))).unwrap();
        assert_eq!(codes(&stock), ["deadline.before_issue"]);
        let widened = builtin.replace("\"đã giao\",", "\"đã giao\", \"Nhắc Lại\",");
        assert_ne!(widened, builtin);
        let widened = RuleSet::from_sources(&sources(Some(widened))).unwrap();
        assert!(codes(&widened).is_empty());
        let bare = RuleSet::from_sources(&sources(None)).unwrap();
        assert_eq!(codes(&bare), ["deadline.before_issue"]);
        let share = "Đã tiêm cho 45.210/52.680 người trong diện, đạt 80%.";
        let shares = |rules: &RuleSet| {
            let raw = crate::ingest::read_bytes("t.txt", share.as_bytes()).unwrap();
            let repaired = crate::repair::run(&raw, &Default::default());
            let ex = crate::extract::run(&repaired, rules);
            run(&repaired, &ex, rules).len()
        };
        assert_eq!(shares(&stock), 1);
        assert_eq!(shares(&bare), 0);
    }

    #[test]
    fn a_part_broken_down_in_brackets_is_no_second_part() {
        let text = "Tổng số 1.250 hộ, trong đó: hộ nghèo 430 hộ (trong đó hộ nghèo dân tộc thiểu số 215 hộ), hộ cận nghèo 820 hộ.";
        assert!(check(text, None).is_empty(), "{:?}", check(text, None));
        let text = "Tổng số 1.250 hộ, trong đó: hộ nghèo 430 hộ (trong đó hộ nghèo dân tộc thiểu số 215 hộ), hộ cận nghèo 870 hộ.";
        assert_eq!(check(text, None), ["sum.exceeds_total"]);
    }

    #[test]
    fn a_fraction_and_its_percentage() {
        let ok = "Có 52/64 trường đạt chuẩn quốc gia (81,3%). Đã tiêm cho 45.210/52.680 người trong diện, đạt 85,82%. Có 12/15 xã hoàn thành, đạt 90% kế hoạch. Có 45/50 xã hoàn thành, tỷ lệ hộ nghèo đạt 3%.";
        assert!(check(ok, None).is_empty(), "{:?}", check(ok, None));
        let off = "Đã tiêm mũi 3 cho 45.210/52.680 người trong diện, đạt 87,4%.";
        assert_eq!(check(off, None), ["share.percent_mismatch"]);
    }
}

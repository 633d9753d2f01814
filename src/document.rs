//! Types shared by every stage: byte spans into the repaired text and extracted values
//! that carry where they came from, so a reviewer can always trace a value to its source.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `[start, end)` into the record's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn shifted(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// One extracted value with its provenance: the text it was read from, where, how sure
/// we are, and which rule produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value<T> {
    pub value: T,
    pub raw: String,
    pub span: Span,
    pub confidence: f32,
    pub rule: String,
}

impl<T> Value<T> {
    pub fn new(value: T, raw: &str, span: Span, confidence: f32, rule: &str) -> Self {
        Value {
            value,
            raw: raw.to_string(),
            span,
            confidence,
            rule: rule.to_string(),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Value<U> {
        Value {
            value: f(self.value),
            raw: self.raw,
            span: self.span,
            confidence: self.confidence,
            rule: self.rule,
        }
    }
}

/// How precisely a date is known: a blank "ngày   tháng   năm 2024" is a year, not an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Quarter,
    Year,
}

/// A calendar date known to some precision; `iso` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialDate {
    pub iso: String,
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    pub precision: DatePrecision,
}

impl PartialDate {
    /// Builds a date, rejecting impossible calendar days (31/4, 29/2 of a common year).
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Option<PartialDate> {
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let (iso, precision) = match (month, day) {
            (Some(m), Some(d)) => {
                if !(1..=12).contains(&m) || d == 0 || d > days_in_month(year, m) {
                    return None;
                }
                (format!("{year:04}-{m:02}-{d:02}"), DatePrecision::Day)
            }
            (Some(m), None) => {
                if !(1..=12).contains(&m) {
                    return None;
                }
                (format!("{year:04}-{m:02}"), DatePrecision::Month)
            }
            (None, _) => (format!("{year:04}"), DatePrecision::Year),
        };
        Some(PartialDate {
            iso,
            year,
            month,
            day: if month.is_some() { day } else { None },
            precision,
        })
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(PartialDate::new(2021, Some(2), Some(29)).is_none());
        assert!(PartialDate::new(2024, Some(2), Some(29)).is_some());
        assert!(PartialDate::new(2021, Some(4), Some(31)).is_none());
        assert_eq!(
            PartialDate::new(2024, None, None).unwrap().precision,
            DatePrecision::Year
        );
    }
}

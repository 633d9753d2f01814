//! Stage 3, extract: [`Repaired`] + [`RuleSet`] → [`Extracted`]. Each submodule reads one
//! family of fields using the rules of `rules/`; every value keeps its span, raw text,
//! confidence and rule id. Nothing here changes the text.

pub mod header;
pub mod lines;
pub mod numbers;
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

/// "5666 /SLĐTBXH-PCTNXH" → normalized "5666/SLĐTBXH-PCTNXH", serial 5666.
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
}

/// The agency lines of the header ("UBND THÀNH PHỐ HẢI PHÒNG", "SỞ LAO ĐỘNG - …").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issuer {
    pub lines: Vec<String>,
    /// The issuing body itself: the last agency of the header, lines joined.
    pub name: String,
    /// Its parent body when the header has two levels.
    pub parent: Option<String>,
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

/// A number with a unit, and what it counts where the text says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
    /// plan (chỉ tiêu, kế hoạch), result (kết quả, thực hiện được), rate, or other.
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
}

/// A table found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<tables::Cell>>,
    pub span: crate::document::Span,
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
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    pub document: DocumentFields,
    pub references: Vec<Value<Reference>>,
    pub quantities: Vec<Value<Quantity>>,
    pub tables: Vec<Table>,
}

/// Runs every extractor over the repaired text.
pub fn run(repaired: &Repaired, rules: &RuleSet) -> Extracted {
    let text = repaired.text.as_str();
    let lines = lines::Lines::new(text);
    let document = header::extract(&lines, rules);
    let references = references::extract(text, rules);
    let quantities = quantities::extract(text, rules);
    let tables = tables::extract(text);
    Extracted {
        document,
        references,
        quantities,
        tables,
    }
}

//! The header and signature block: number, place and date, type, subject, recipients,
//! issuer, copy list and signer.

use super::lines::Lines;
use super::DocumentFields;
use crate::rules::RuleSet;

pub fn extract(_lines: &Lines, _rules: &RuleSet) -> DocumentFields {
    DocumentFields::default()
}

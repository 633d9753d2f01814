//! Counts, percentages and money in the body.

use super::Quantity;
use crate::document::Value;
use crate::rules::RuleSet;

pub fn extract(_text: &str, _rules: &RuleSet) -> Vec<Value<Quantity>> {
    Vec::new()
}

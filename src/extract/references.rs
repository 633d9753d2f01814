//! Legal references in the body.

use super::Reference;
use crate::document::Value;
use crate::rules::RuleSet;

pub fn extract(_text: &str, _rules: &RuleSet) -> Vec<Value<Reference>> {
    Vec::new()
}

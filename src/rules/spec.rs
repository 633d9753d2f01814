//! The on-disk shape of a rule file; unknown keys are errors so typos surface at load.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
    #[serde(default)]
    pub lexicon: Option<LexiconSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub field: String,
    pub description: String,
    pub pattern: String,
    #[serde(default)]
    pub confidence: Option<f32>,
    pub examples: Examples,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(rename = "match", default)]
    pub matches: Vec<String>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LexiconSpec {
    #[serde(default)]
    pub doc_type: Vec<DocTypeSpec>,
    #[serde(default)]
    pub authority: Vec<AuthoritySpec>,
    #[serde(default)]
    pub act_kind: Vec<ActKindSpec>,
    #[serde(default)]
    pub unit: Vec<UnitSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocTypeSpec {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub codes: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthoritySpec {
    pub prefix: String,
    pub meaning: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActKindSpec {
    pub name: String,
    pub id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    pub name: String,
    pub id: String,
}

//! The on-disk shape of a rule file; unknown keys are errors so typos surface at load.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
    #[serde(default)]
    pub lexicon: Option<LexiconSpec>,
    #[serde(default)]
    pub validation: Option<ValidationSpec>,
}

/// The cue words of the cross-checks (stage 4, `src/validate.rs`), all in lower case.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidationSpec {
    /// Header words of a table's plan column, tried in order ("kế hoạch", "chỉ tiêu").
    #[serde(default)]
    pub plan_columns: Vec<String>,
    /// Header words of a table's result column.
    #[serde(default)]
    pub result_columns: Vec<String>,
    /// Header words of a table's rate column.
    #[serde(default)]
    pub rate_columns: Vec<String>,
    /// Phrases of a rate column's header naming another period than the plan ("cùng kỳ").
    #[serde(default)]
    pub another_period: Vec<String>,
    /// Whole words of such a header ("ck").
    #[serde(default)]
    pub another_period_words: Vec<String>,
    /// Header phrases of a measure per unit, whose total is a mean ("năng suất").
    #[serde(default)]
    pub per_unit_measures: Vec<String>,
    /// Words saying a target was exceeded ("vượt").
    #[serde(default)]
    pub exceeded: Vec<String>,
    /// Words naming a ratio that passes 100% as a matter of course ("công suất").
    #[serde(default)]
    pub ratios: Vec<String>,
    /// Words of a sentence recalling an earlier request ("đã yêu cầu", "đến nay").
    #[serde(default)]
    pub past_request: Vec<String>,
}

impl ValidationSpec {
    /// Appends another file's lists to these, in lower case (the checks compare them with
    /// lower-cased text).
    pub fn extend(&mut self, other: ValidationSpec) {
        let lists = [
            (&mut self.plan_columns, other.plan_columns),
            (&mut self.result_columns, other.result_columns),
            (&mut self.rate_columns, other.rate_columns),
            (&mut self.another_period, other.another_period),
            (&mut self.another_period_words, other.another_period_words),
            (&mut self.per_unit_measures, other.per_unit_measures),
            (&mut self.exceeded, other.exceeded),
            (&mut self.ratios, other.ratios),
            (&mut self.past_request, other.past_request),
        ];
        for (into, from) in lists {
            into.extend(from.into_iter().map(|w| w.to_lowercase()));
        }
    }
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
    #[serde(default)]
    pub agency_kind: Vec<AgencyKindSpec>,
    #[serde(default)]
    pub agency_sector: Vec<AgencySectorSpec>,
    #[serde(default)]
    pub agency_example: Vec<AgencyExampleSpec>,
    /// Family names in capitals ("NGUYỄN"), which open a signer's name typed in capitals.
    #[serde(default)]
    pub surnames: Vec<String>,
    /// Titles of laws holding a word that otherwise ends a name ("Phòng cháy và chữa
    /// cháy").
    #[serde(default)]
    pub law_titles: Vec<String>,
    /// Fixed phrases with a comma inside ("sửa đổi, bổ sung"), which separates no items.
    #[serde(default)]
    pub comma_phrases: Vec<String>,
    /// Positions a signer holds ("TRƯỞNG PHÒNG", "THỨ TRƯỞNG"), in capitals: the words a
    /// signature block's title line typed without marks spells.
    #[serde(default)]
    pub signer_positions: Vec<String>,
}

/// A kind of issuing body ("Sở", "Ủy ban nhân dân"): its names and abbreviations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyKindSpec {
    pub id: String,
    pub label: String,
    pub names: Vec<String>,
    /// Belongs to a province, district or commune, so its id carries a place.
    #[serde(default)]
    pub local: bool,
    /// Named after a sector ("Bộ Tài chính", "Sở Y tế").
    #[serde(default)]
    pub sector: bool,
    /// The committee of the body named after it ("Ban Chấp hành Hội Nông dân …"): that
    /// body's kind becomes the qualifier of the id.
    #[serde(default)]
    pub of_body: bool,
    /// The words after it are a proper name, a place's as a rule ("Huyện ủy Nga Sơn"):
    /// capitalized word by word where the gazetteer does not know them.
    #[serde(default)]
    pub proper_name: bool,
}

/// A sector agencies are named after ("Lao động - Thương binh và Xã hội", "LĐTBXH").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencySectorSpec {
    pub id: String,
    pub label: String,
    pub names: Vec<String>,
    /// Last day the sector existed under this name (ISO date).
    #[serde(default)]
    pub until: Option<String>,
    /// The sector it was merged into or renamed to.
    #[serde(default)]
    pub successor: Option<String>,
}

/// An agency line and the id the normalizer must give it; run by `vanban rules check`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyExampleSpec {
    pub text: String,
    #[serde(default)]
    pub parent: Option<String>,
    /// The document date (ISO), which picks the gazetteer era.
    #[serde(default)]
    pub date: Option<String>,
    pub id: String,
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
    /// `count` (default): counted things, in the `{units}` alternation; `measure`: units
    /// of area, length, weight, energy (also in `{units}`, never part of a count's total);
    /// `money`: amounts of money, in neither alternation; `per`: only after a slash in an
    /// amount per unit (`đồng/người/tháng`), in `{per_units}` with the count units.
    #[serde(default)]
    pub kind: Option<String>,
}

//! The word lists of the rules' lexicon that the restorer spells with: the first words of
//! the issuing bodies' names, the signers' positions and the units of figures. They come
//! from the rule set the batch runs with, so a rules folder given with `--rules` guides
//! the restorer as it guides extraction.

use super::lm::{self, Model};
use super::syllable;
use crate::rules::spec::LexiconSpec;
use crate::rules::RuleSet;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Scale words of amounts ("1,5 tỷ"), units of figures too.
const SCALE_WORDS: [&str; 4] = ["tỷ", "triệu", "nghìn", "ngàn"];
/// Money written as signs or codes after an amount, as the money rule reads them.
const MONEY_SIGNS: [&str; 4] = ["đ", "vnđ", "vnd", "usd"];

/// What the restorer reads of a rule set's lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// First words, in small letters, of the kinds of issuing bodies ("sở", "ủy") and of
    /// the levels they are named after ("tỉnh", "huyện").
    agency_openers: HashSet<String>,
    /// Each signer's position as its words in small letters and those words without
    /// marks, longest first.
    signer_positions: Vec<(Vec<String>, Vec<String>)>,
    /// First words of the units of figures and of the scale words ("hộ", "tỷ").
    unit_words: Vec<String>,
    /// Family names, in small letters: the rules' and those of `data/lm/names.txt`.
    surnames: HashSet<String>,
    /// The same without their marks, as text typed without marks writes them.
    plain_surnames: HashSet<String>,
    /// Words an amount of money ends with ("đồng", "đ"), small letters: a rate's head
    /// before its slash ("đồng/tháng"). Scale words are not: "2,5 triệu lượt khách" is a
    /// count.
    rate_heads: HashSet<String>,
    /// Units of one word a rate is per ("tháng", "người", "ha"), small letters.
    rate_tails: HashSet<String>,
    /// Those that are spans of time ("tháng", "năm"): a percentage is per them alone
    /// ("7,5%/năm"; "38% người nghiện" is a share of people).
    rate_periods: HashSet<String>,
    /// Units of two words joined by a slash ("tạ/ha", "km/giờ"), in small letters.
    slash_units: HashSet<String>,
    /// `unit_words` as the model's token ids, looked up at first use.
    unit_ids: OnceLock<HashSet<u16>>,
    /// `agency_openers` as the model's token ids, looked up at first use.
    agency_ids: OnceLock<HashSet<u16>>,
}

impl Lexicon {
    /// The lexicon of a loaded rule set.
    pub fn of_rules(rules: &RuleSet) -> Lexicon {
        Lexicon::from_lists(
            rules.agency_kinds.iter().map(|k| k.label.as_str()),
            rules.signer_positions.iter().map(String::as_str),
            rules
                .units
                .iter()
                .map(|u| (u.name.as_str(), u.kind.as_str())),
            rules.surnames.iter().map(String::as_str),
        )
    }

    /// The built-in rules' lexicon, read without compiling their patterns.
    pub fn builtin() -> &'static Lexicon {
        static CELL: OnceLock<Lexicon> = OnceLock::new();
        CELL.get_or_init(|| {
            let lexicons: Vec<LexiconSpec> = RuleSet::builtin_lexicons();
            Lexicon::from_lists(
                lexicons
                    .iter()
                    .flat_map(|l| &l.agency_kind)
                    .map(|k| k.label.as_str()),
                lexicons
                    .iter()
                    .flat_map(|l| &l.signer_positions)
                    .map(String::as_str),
                lexicons
                    .iter()
                    .flat_map(|l| &l.unit)
                    .map(|u| (u.name.as_str(), u.kind.as_deref().unwrap_or("count"))),
                lexicons
                    .iter()
                    .flat_map(|l| &l.surnames)
                    .map(String::as_str),
            )
        })
    }

    fn from_lists<'a>(
        agency_labels: impl Iterator<Item = &'a str>,
        positions: impl Iterator<Item = &'a str>,
        units: impl Iterator<Item = (&'a str, &'a str)>,
        surnames: impl Iterator<Item = &'a str>,
    ) -> Lexicon {
        let units: Vec<(&str, &str)> = units.collect();
        // The rules' family names and the model's name list (`data/lm/names.txt`).
        let surnames: HashSet<String> = surnames
            .map(syllable::lower)
            .chain(super::accents::names().surnames.iter().cloned())
            .collect();
        let plain_surnames = surnames.iter().map(|s| syllable::strip_marks(s)).collect();
        let mut agency_openers: HashSet<String> = agency_labels
            .filter_map(|label| label.split_whitespace().next())
            .map(syllable::lower)
            .collect();
        for level in ["tỉnh", "thành", "huyện", "quận", "thị", "xã", "phường"] {
            agency_openers.insert(level.to_string());
        }
        let mut signer_positions: Vec<(Vec<String>, Vec<String>)> = positions
            .map(|p| {
                let words: Vec<String> = p.split_whitespace().map(syllable::lower).collect();
                let bare = words.iter().map(|w| syllable::strip_marks(w)).collect();
                (words, bare)
            })
            .filter(|(words, _)| !words.is_empty())
            .collect();
        signer_positions.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let unit_words = units
            .iter()
            .map(|&(name, _)| name)
            .chain(SCALE_WORDS)
            .filter_map(|name| name.split_whitespace().next())
            .map(str::to_string)
            .collect();
        let rate_heads = units
            .iter()
            .filter(|&&(_, kind)| kind == "money")
            .filter_map(|&(name, _)| name.split_whitespace().last())
            .chain(MONEY_SIGNS)
            .map(syllable::lower)
            .collect();
        let rate_tails = units
            .iter()
            .filter(|&&(name, kind)| {
                matches!(kind, "count" | "measure" | "per")
                    && !name.contains(char::is_whitespace)
                    && !name.contains('/')
            })
            .map(|&(name, _)| syllable::lower(name))
            .collect();
        let rate_periods = units
            .iter()
            .filter(|&&(_, kind)| kind == "per")
            .map(|&(name, _)| syllable::lower(name))
            .collect();
        let slash_units = units
            .iter()
            .filter(|&&(name, _)| {
                name.matches('/').count() == 1 && !name.contains(char::is_whitespace)
            })
            .map(|&(name, _)| syllable::lower(name))
            .collect();
        Lexicon {
            slash_units,
            agency_openers,
            signer_positions,
            unit_words,
            rate_heads,
            rate_tails,
            rate_periods,
            unit_ids: OnceLock::new(),
            agency_ids: OnceLock::new(),
            surnames,
            plain_surnames,
        }
    }

    /// Whether `word` (small letters) opens an issuing body's name or a level's.
    pub fn opens_agency(&self, word: &str) -> bool {
        self.agency_openers.contains(word)
    }

    /// The signers' positions, longest first: (words, words without marks).
    pub fn signer_positions(&self) -> &[(Vec<String>, Vec<String>)] {
        &self.signer_positions
    }

    /// Whether `word` (small letters) is a family name of the lexicon or the name list.
    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// The family names, in small letters.
    pub fn surnames(&self) -> impl Iterator<Item = &str> {
        self.surnames.iter().map(String::as_str)
    }

    /// Whether `word` (small letters, no marks) is a family name without its marks.
    pub fn is_plain_surname(&self, word: &str) -> bool {
        self.plain_surnames.contains(word)
    }

    /// Whether `word` (small letters) ends an amount of money or a percentage.
    pub fn is_rate_head(&self, word: &str) -> bool {
        self.rate_heads.contains(word)
    }

    /// Whether `word` (small letters) is a unit of one word an amount may be per.
    pub fn is_rate_tail(&self, word: &str) -> bool {
        self.rate_tails.contains(word)
    }

    /// Whether `head/tail` (small letters) is a unit of the rules written with a slash.
    pub fn is_slash_unit(&self, head: &str, tail: &str) -> bool {
        self.slash_units.contains(&format!("{head}/{tail}"))
    }

    /// Whether `word` (small letters) is a span of time a rate may be per.
    pub fn is_rate_period(&self, word: &str) -> bool {
        self.rate_periods.contains(word)
    }

    /// Whether the model's token `id` opens an issuing body's name or a level's.
    pub fn opens_agency_id(&self, id: u16) -> bool {
        self.agency_ids
            .get_or_init(|| model_ids(self.agency_openers.iter()))
            .contains(&id)
    }

    /// Whether `word` (small letters) opens a unit of figures or is a scale word.
    pub fn opens_unit_word(&self, word: &str) -> bool {
        self.unit_words.iter().any(|w| w == word)
    }

    /// Whether the model's token `id` opens a unit of figures. Units that are no syllable
    /// ("km") are the model's unknown word and open none.
    pub fn opens_unit(&self, id: u16) -> bool {
        self.unit_ids
            .get_or_init(|| model_ids(self.unit_words.iter()))
            .contains(&id)
    }
}

/// The model's ids of `words` that are words of its vocabulary (not a class such as a
/// number or an abbreviation).
fn model_ids<'a>(words: impl Iterator<Item = &'a String>) -> HashSet<u16> {
    let model = Model::get();
    words
        .filter_map(|w| model.classify_core(w))
        .filter(|&id| id > lm::ABBR)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rules_folder_brings_its_own_positions_and_units() {
        let rules = RuleSet::from_sources(&[(
            "lexicon.toml".to_string(),
            "[lexicon]\nsigner_positions = [\"TRƯỞNG ĐÀI\", \"TRƯỞNG BAN CHỈ ĐẠO\"]\n\
             [[lexicon.unit]]\nname = \"con\"\nid = \"con\"\n"
                .to_string(),
        )])
        .unwrap();
        let lexicon = Lexicon::of_rules(&rules);
        let positions: Vec<&[String]> = lexicon
            .signer_positions()
            .iter()
            .map(|(_, bare)| bare.as_slice())
            .collect();
        assert_eq!(
            positions,
            [
                ["truong", "ban", "chi", "dao"].map(String::from).as_slice(),
                ["truong", "dai"].map(String::from).as_slice()
            ]
        );
        assert!(lexicon.unit_words.iter().any(|w| w == "con"));
        assert!(!Lexicon::builtin()
            .signer_positions()
            .iter()
            .any(|(words, _)| words.join(" ") == "trưởng đài"));
        assert!(Lexicon::builtin().opens_agency("sở"));
        assert!(!lexicon.opens_agency("sở"));
        assert!(lexicon.opens_agency("huyện"));
    }
}

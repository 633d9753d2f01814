//! Extraction rules kept as data in `rules/*.toml`, parsed in two steps: a serde shape
//! that rejects unknown keys ([`spec`]), then compilation into a [`RuleSet`] that checks
//! fields, compiles regexes and runs each rule's own examples ([`RuleSet::check`]).
//! The files in the repository's `rules/` folder are also compiled into the binary, so
//! `vanban` works from any directory; `--rules DIR` replaces them.

pub mod spec;

use crate::error::RunError;
use regex::Regex;
use spec::{
    AgencyExampleSpec, AgencyKindSpec, AgencySectorSpec, LexiconSpec, RuleFile, ValidationSpec,
};
use std::collections::BTreeMap;
use std::path::Path;

/// The rule files shipped in the binary, by file name.
pub const BUILTIN: &[(&str, &str)] = &[
    ("header.toml", include_str!("../../rules/header.toml")),
    (
        "references.toml",
        include_str!("../../rules/references.toml"),
    ),
    (
        "quantities.toml",
        include_str!("../../rules/quantities.toml"),
    ),
    ("lexicon.toml", include_str!("../../rules/lexicon.toml")),
    ("dates.toml", include_str!("../../rules/dates.toml")),
    ("places.toml", include_str!("../../rules/places.toml")),
    ("agencies.toml", include_str!("../../rules/agencies.toml")),
    ("validate.toml", include_str!("../../rules/validate.toml")),
];

/// Fields a rule may fill; a rule naming another field is an error.
pub const FIELDS: &[&str] = &[
    "document.number",
    "document.date",
    "document.type",
    "document.subject",
    "document.subject_written_out",
    "document.recipients",
    "document.co_recipients",
    "document.urgency",
    "document.signer",
    "document.issuer",
    "document.copy_to",
    "reference",
    "date",
    "period",
    "time_limit",
    "recurring_date",
    "date.past_fact",
    "date.request",
    "quantity",
    "percent",
    "money",
    "money.in_words",
    "table.caption",
    "reference.list",
    "reference.issuer",
    "reference.title",
    "reference.title_stop",
    "quantity.role",
    "quantity.subject",
    "quantity.indicator_before",
    "quantity.indicator_after_plan",
    "quantity.share_of",
    "quantity.time_in_clause",
    "quantity.share_date_cue",
    "quantity.report_section_ahead",
    "quantity.title_ahead",
    "quantity.relative_time",
    "quantity.yearless_part",
    "quantity.worked_example",
    "place",
    "table.time_column",
    "table.task_column",
    "place.locality",
    "validate.percent_reference",
    "validate.percent_growth",
    "validate.plan_named",
    "validate.share_gap",
    "validate.annex_caption",
];

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub field: String,
    pub description: String,
    pub regex: Regex,
    pub confidence: f32,
    pub file: String,
    pub examples_match: Vec<String>,
    pub examples_no_match: Vec<String>,
}

/// A unit of the lexicon: its name as written, its id, and its kind (`count`, `measure`,
/// `money`, `per`: see [`spec::UnitSpec`]).
#[derive(Debug, Clone)]
pub struct Unit {
    pub name: String,
    pub id: String,
    pub kind: String,
}

/// A document type: stable id, Vietnamese label, the codes used in number symbols.
#[derive(Debug, Clone)]
pub struct DocTypeDef {
    pub id: String,
    pub label: String,
    pub codes: Vec<String>,
    /// Title-line words, upper case without marks removed ("KẾ HOẠCH").
    pub titles: Vec<String>,
}

/// All rules and lexicons, compiled once and shared read-only.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub doc_types: Vec<DocTypeDef>,
    /// Signing authority prefixes (KT., TM., TL., Q., TUQ.) → meaning.
    pub authorities: BTreeMap<String, String>,
    /// Legal act kinds ("Nghị định" → "nghi_dinh") for references.
    pub act_kinds: Vec<(String, String)>,
    /// Units of quantities ("người", "lượt người", "ha", …), longest names first.
    pub units: Vec<Unit>,
    /// Kinds of issuing bodies, sectors, and the examples the agency normalizer must pass.
    pub agency_kinds: Vec<AgencyKindSpec>,
    pub agency_sectors: Vec<AgencySectorSpec>,
    pub agency_examples: Vec<AgencyExampleSpec>,
    /// Folded names of the kinds and sectors (`"ubnd"`, `"laodongthuongbinhxahoi"`) with the
    /// index of their entry, computed once at load.
    pub agency_kind_keys: Vec<(String, usize)>,
    pub agency_sector_keys: Vec<(String, usize)>,
    /// Family names in capitals, which open a signer's name typed in capitals.
    pub surnames: Vec<String>,
    /// Titles of laws that hold a word which otherwise ends a name cited without its year
    /// ("Phòng cháy và chữa cháy"), longest first.
    pub law_titles: Vec<String>,
    /// Fixed phrases with a comma inside ("sửa đổi, bổ sung"), which separates no items of
    /// a list.
    pub comma_phrases: Vec<String>,
    /// Positions a signer holds ("GIÁM ĐỐC", "TRƯỞNG PHÒNG"), in capitals: the `{positions}`
    /// alternation of the signer's title rule, and what the restorer spells on a title
    /// line typed without marks.
    pub signer_positions: Vec<String>,
    /// The cue words of the cross-checks (`rules/validate.toml`).
    pub validation: ValidationSpec,
}

impl RuleSet {
    /// The built-in lexicons alone (units, kinds of issuing bodies…), read without
    /// compiling any rule's pattern: for the restorer, which needs a few word lists and
    /// not the ~20 ms a whole rule set takes to build.
    pub fn builtin_lexicons() -> Vec<spec::LexiconSpec> {
        BUILTIN
            .iter()
            .filter_map(|(_, source)| toml::from_str::<spec::RuleFile>(source).ok())
            .filter_map(|file| file.lexicon)
            .collect()
    }

    /// The rules compiled into the binary.
    pub fn builtin() -> Result<RuleSet, RunError> {
        let files: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string()))
            .collect();
        Self::from_sources(&files)
    }

    /// Every `*.toml` file of a folder, in name order.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, RunError> {
        let rd = std::fs::read_dir(dir).map_err(|e| RunError::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let mut paths: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(RunError::RuleFile {
                file: dir.display().to_string(),
                message: "no .toml rule files in this folder".into(),
            });
        }
        let mut files = Vec::new();
        for p in paths {
            let content = std::fs::read_to_string(&p).map_err(|e| RunError::Io {
                path: p.display().to_string(),
                source: e,
            })?;
            files.push((p.display().to_string(), content));
        }
        Self::from_sources(&files)
    }

    /// Parses and compiles rule files given as (name, content). The lexicons of all files
    /// are read first, so a pattern in any file may use the unit alternations built from
    /// them (`{units}`, `{per_units}`: see [`unit_alternations`]).
    pub fn from_sources(files: &[(String, String)]) -> Result<RuleSet, RunError> {
        let mut set = RuleSet::default();
        let mut seen = std::collections::HashSet::new();
        let mut parsed_files = Vec::with_capacity(files.len());
        for (name, content) in files {
            let mut parsed: RuleFile = toml::from_str(content).map_err(|e| RunError::RuleFile {
                file: name.clone(),
                message: e.to_string(),
            })?;
            if let Some(cues) = parsed.validation.take() {
                set.validation.extend(cues);
            }
            if let Some(lex) = parsed.lexicon.take() {
                for u in &lex.unit {
                    if !matches!(
                        u.kind.as_deref(),
                        None | Some("count" | "measure" | "money" | "per")
                    ) {
                        return Err(RunError::RuleFile {
                            file: name.clone(),
                            message: format!(
                                "unit `{}`: kind must be count, measure, money or per",
                                u.name
                            ),
                        });
                    }
                }
                set.add_lexicon(lex);
            }
            parsed_files.push((name, parsed));
        }
        let (count_units, per_units) = unit_alternations(&set.units);
        let positions = position_alternation(&set.signer_positions);
        for (name, parsed) in parsed_files {
            for r in parsed.rule {
                let err = |message: String| RunError::Rule {
                    file: name.clone(),
                    rule: r.id.clone(),
                    message,
                };
                if !seen.insert(r.id.clone()) {
                    return Err(err("duplicate rule id".into()));
                }
                if !FIELDS.contains(&r.field.as_str()) {
                    return Err(err(format!("unknown field `{}`", r.field)));
                }
                if r.examples.matches.is_empty() || r.examples.no_match.is_empty() {
                    return Err(err(
                        "every rule needs at least one `match` and one `no_match` example".into(),
                    ));
                }
                let pattern = r
                    .pattern
                    .replace("{units}", &count_units)
                    .replace("{per_units}", &per_units)
                    .replace("{positions}", &positions);
                let regex = compact_regex(&pattern).map_err(|e| err(format!("pattern: {e}")))?;
                let confidence = r.confidence.unwrap_or(0.9);
                if !(0.0..=1.0).contains(&confidence) {
                    return Err(err(format!("confidence {confidence} outside 0..1")));
                }
                set.rules.push(Rule {
                    id: r.id,
                    field: r.field,
                    description: r.description,
                    regex,
                    confidence,
                    file: name.clone(),
                    examples_match: r.examples.matches,
                    examples_no_match: r.examples.no_match,
                });
            }
        }
        Ok(set)
    }

    fn add_lexicon(&mut self, lex: LexiconSpec) {
        for t in lex.doc_type {
            self.doc_types.push(DocTypeDef {
                id: t.id,
                label: t.label,
                codes: t.codes,
                titles: t.titles,
            });
        }
        for a in lex.authority {
            self.authorities.insert(a.prefix, a.meaning);
        }
        for k in lex.act_kind {
            self.act_kinds.push((k.name, k.id));
        }
        for u in lex.unit {
            self.units.push(Unit {
                name: u.name,
                id: u.id,
                kind: u.kind.unwrap_or_else(|| "count".to_string()),
            });
        }
        self.agency_kinds.extend(lex.agency_kind);
        self.agency_sectors.extend(lex.agency_sector);
        self.agency_examples.extend(lex.agency_example);
        self.surnames.extend(lex.surnames);
        self.law_titles.extend(lex.law_titles);
        self.comma_phrases.extend(lex.comma_phrases);
        self.signer_positions.extend(lex.signer_positions);
        let keys = |names: Vec<&Vec<String>>| -> Vec<(String, usize)> {
            names
                .into_iter()
                .enumerate()
                .flat_map(|(i, ns)| {
                    ns.iter()
                        .map(move |n| (crate::extract::agencies::name_key(n), i))
                })
                .filter(|(k, _)| !k.is_empty())
                .collect()
        };
        self.agency_kind_keys = keys(self.agency_kinds.iter().map(|k| &k.names).collect());
        self.agency_sector_keys = keys(self.agency_sectors.iter().map(|s| &s.names).collect());
        // Longest names first so "lượt người" wins over "người".
        self.act_kinds
            .sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        self.units
            .sort_by_key(|u| std::cmp::Reverse(u.name.chars().count()));
        self.law_titles
            .sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    }

    /// Rules filling one field, in file order (earlier rules take precedence).
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.iter().filter(move |r| r.field == field)
    }

    /// Runs every rule's own examples and the agency examples; one line per failure.
    pub fn check(&self) -> Vec<String> {
        let mut failures = crate::extract::agencies::check_examples(self);
        for r in &self.rules {
            for ex in &r.examples_match {
                if !r.regex.is_match(ex) {
                    failures.push(format!("{}: rule `{}`: should match {ex:?}", r.file, r.id));
                }
            }
            for ex in &r.examples_no_match {
                if r.regex.is_match(ex) {
                    failures.push(format!(
                        "{}: rule `{}`: should not match {ex:?}",
                        r.file, r.id
                    ));
                }
            }
        }
        failures
    }

    pub fn doc_type_by_code(&self, code: &str) -> Option<&DocTypeDef> {
        self.doc_types
            .iter()
            .find(|t| t.codes.iter().any(|c| c.eq_ignore_ascii_case(code)))
    }

    pub fn doc_type_by_id(&self, id: &str) -> Option<&DocTypeDef> {
        self.doc_types.iter().find(|t| t.id == id)
    }
}

/// The regex alternations a pattern gets for `{units}` (the count and measure units of the
/// lexicon) and `{per_units}` (those and the `per` units), longest names first so "lượt
/// người" wins over "người"; unit names are one list in `lexicon.toml`, not copied into
/// each pattern.
pub fn unit_alternations(units: &[Unit]) -> (String, String) {
    let mut count: Vec<&str> = Vec::new();
    let mut per: Vec<&str> = Vec::new();
    for u in units {
        match u.kind.as_str() {
            "count" | "measure" => {
                count.push(&u.name);
                per.push(&u.name);
            }
            "per" => per.push(&u.name),
            _ => {}
        }
    }
    let join = |mut names: Vec<&str>| -> String {
        if names.is_empty() {
            // No units in the lexicon: a class that matches nothing, not an empty string.
            return r"[^\s\S]".to_string();
        }
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        names.dedup();
        let mut alternatives: Vec<String> = Vec::new();
        for n in names {
            alternatives.push(regex::escape(n));
            // A name of several words is also written with a capital ("18.500 Giấy chứng
            // nhận"); a lone word in capitals after a figure is more often a name.
            if n.contains(' ') && n.starts_with(char::is_lowercase) {
                alternatives.push(regex::escape(&capitalized(n)));
            }
        }
        format!("(?:{})", alternatives.join("|"))
    };
    (join(count), join(per))
}

/// `name` with its first letter in capitals.
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// The unit of the lexicon written `written`, as the lexicon spells it or with a capital.
pub fn unit_named<'u>(units: &'u [Unit], written: &str) -> Option<&'u Unit> {
    units.iter().find(|u| u.name == written).or_else(|| {
        units
            .iter()
            .find(|u| u.name.contains(' ') && capitalized(&u.name) == written)
    })
}

/// The regex alternation a pattern gets for `{positions}`: the signers' positions of the
/// lexicon, longest first ("TRƯỞNG BAN CHỈ ĐẠO" before "TRƯỞNG BAN"), words joined by one
/// space (the extractor squeezes runs of spaces first). One list serves the signer's title
/// rule and the restorer.
pub fn position_alternation(positions: &[String]) -> String {
    let mut names: Vec<&str> = positions.iter().map(|p| p.trim()).collect();
    names.retain(|n| !n.is_empty());
    if names.is_empty() {
        return r"[^\s\S]".to_string();
    }
    names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    names.dedup();
    let alternatives: Vec<String> = names
        .iter()
        .map(|n| {
            n.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    format!("(?:{})", alternatives.join("|"))
}

/// Compiles a regex with a small lazy-DFA cache and Vietnamese-sized classes
/// ([`vietnamese_classes`]). Every worker thread keeps its own caches per regex; the
/// default limit (2 MB) across dozens of Unicode-heavy patterns and many threads grew a
/// batch run's memory by tens of MB per thread.
pub fn compact_regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(&vietnamese_classes(pattern))
        .dfa_size_limit(64 * 1024)
        .build()
}

/// In patterns, the letter classes `\p{L}`, `\p{Lu}`, `\p{Ll}` stand for letters of the
/// Latin script and `\d` for the ASCII digits. The text is Vietnamese, whose letters are all
/// Latin and whose numbers are ASCII (the extractors parse them as such), while the
/// Unicode-wide classes compile to automata many times larger, whose matching caches every
/// worker thread keeps a copy of: 9 MB less at one thread, and about 3 MB less per thread,
/// on the bundled documents, with the same output.
pub fn vietnamese_classes(pattern: &str) -> std::borrow::Cow<'_, str> {
    const NARROWED: [(&str, &str); 4] = [
        (r"\p{Lu}", r"[\p{Lu}&&\p{Latin}]"),
        (r"\p{Ll}", r"[\p{Ll}&&\p{Latin}]"),
        (r"\p{L}", r"[\p{L}&&\p{Latin}]"),
        (r"\d", "[0-9]"),
    ];
    if !NARROWED.iter().any(|(from, _)| pattern.contains(from)) {
        return pattern.into();
    }
    // A nested class is valid inside a class too, so each escape is replaced as it stands;
    // only an escaped backslash (`\\d` is a backslash and a d) must be stepped over.
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some((from, to)) = NARROWED.iter().find(|(from, _)| rest.starts_with(from)) {
            out.push_str(to);
            rest = &rest[from.len()..];
        } else {
            // The backslash and the char it escapes.
            let len = 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..len]);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_alternations_come_longest_first_and_never_match_empty() {
        let units: Vec<Unit> = [
            ("người", "count"),
            ("lượt người", "count"),
            ("ha", "measure"),
            ("đồng", "money"),
            ("tháng", "per"),
        ]
        .iter()
        .map(|(n, k)| Unit {
            name: n.to_string(),
            id: String::new(),
            kind: k.to_string(),
        })
        .collect();
        let (count, per) = unit_alternations(&units);
        // A name of several words may be written with a capital; a lone word may not.
        assert_eq!(count, "(?:lượt người|Lượt người|người|ha)");
        assert_eq!(per, "(?:lượt người|Lượt người|người|tháng|ha)");
        assert_eq!(
            unit_named(&units, "Lượt người").map(|u| u.name.as_str()),
            Some("lượt người")
        );
        assert!(unit_named(&units, "Người").is_none());
        let (none, _) = unit_alternations(&[]);
        let re = compact_regex(&format!("^5 {none}")).unwrap();
        assert!(!re.is_match("5 "));
    }

    #[test]
    fn the_signers_title_rule_reads_the_lexicons_positions() {
        let positions = ["TRƯỞNG BAN", "TRƯỞNG BAN CHỈ ĐẠO", "GIÁM ĐỐC"].map(String::from);
        assert_eq!(
            position_alternation(&positions),
            "(?:TRƯỞNG BAN CHỈ ĐẠO|TRƯỞNG BAN|GIÁM ĐỐC)"
        );
        let none = compact_regex(&format!("^{}$", position_alternation(&[]))).unwrap();
        assert!(!none.is_match(""));
        // A position the rules folder adds is a title line at once; the rule's pattern
        // lists none itself.
        let rule = |extra: &str| {
            let mut files: Vec<(String, String)> = BUILTIN
                .iter()
                .map(|(n, c)| (n.to_string(), c.to_string()))
                .collect();
            files.push((
                "extra.toml".to_string(),
                format!("[lexicon]\nsigner_positions = [{extra}]\n"),
            ));
            let set = RuleSet::from_sources(&files).unwrap();
            set.rules
                .into_iter()
                .find(|r| r.id == "signer.title")
                .unwrap()
                .regex
        };
        assert!(!rule("").is_match("ĐẠI SỨ"));
        assert!(rule("\"ĐẠI SỨ\"").is_match("ĐẠI SỨ"));
        assert!(rule("").is_match("PHÓ TRƯỞNG BAN CHỈ ĐẠO"));
    }

    #[test]
    fn letter_and_digit_classes_are_narrowed_inside_and_outside_classes() {
        assert_eq!(
            vietnamese_classes(r"\p{Lu}[\p{L}\d.]*\\d\.\p{Ll}"),
            r"[\p{Lu}&&\p{Latin}][[\p{L}&&\p{Latin}][0-9].]*\\d\.[\p{Ll}&&\p{Latin}]"
        );
        assert_eq!(vietnamese_classes(r"Số\s*:"), r"Số\s*:");
        let code = compact_regex(r"^\p{Lu}[\p{Lu}\d]*$").unwrap();
        assert!(code.is_match("ĐBQH12"));
        assert!(code.is_match("ƯƠNG"));
        assert!(!code.is_match("ЖБ"), "Cyrillic is not Vietnamese");
        assert!(!code.is_match("Đ٣"), "nor are Arabic-Indic digits");
    }
}

//! Agencies (extract stage): an issuing body's name as the header writes it ("UBND TỈNH
//! ĐỒNG THÁP", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Tài chính") → a stable id
//! composed from the kind of body, its sector or remaining name, and its place:
//! `kind[:sector or name]@place` (`so:lao_dong_tbxh@p63-31`, `ubnd@p63-87`, `bo:tai_chinh`).
//! Kinds and sectors, with the abbreviations offices write (UBND, LĐTBXH, NN&PTNT), are
//! data in `rules/agencies.toml`; places come from the gazetteer of [`super::places`], in
//! the era of the document's date. A local body whose own line names no place takes its
//! parent's ("UBND TỈNH X" above "SỞ Y TẾ"). Names that match no kind get no id; nothing
//! here guesses a body that the text does not name.

use super::matching::{all_matches, capitalized};
use super::places::{self, fold};
use crate::document::PartialDate;
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};

/// An agency normalized to a stable id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    /// `kind[:sector or name]@place`, e.g. `so:lao_dong_tbxh@p63-31`.
    pub id: String,
    /// Kind id from the lexicon (`ubnd`, `so`, `bo`, …).
    pub kind: String,
    /// Sector id when the kind is named after one (`tai_chinh`, `lao_dong_tbxh`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Gazetteer id of the province, district or (from 1 July 2025) commune the body
    /// belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The name with abbreviations expanded ("Sở Lao động - Thương binh và Xã hội").
    pub name: String,
    /// For a sector later merged or renamed, the id under its successor sector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

/// One word of a name: its folded form and where it sits in the original text.
struct Token {
    folded: String,
    start: usize,
    end: usize,
}

/// Words split at anything that is not a letter or digit, folded; "và" is dropped so that
/// "Kế hoạch và Đầu tư" and "Kế hoạch - Đầu tư" agree.
fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |s: usize, e: usize, out: &mut Vec<Token>| {
        let folded = fold(&text[s..e]);
        if !folded.is_empty() && folded != "va" {
            out.push(Token {
                folded,
                start: s,
                end: e,
            });
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(s, i, &mut out);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Whether the token after `last` goes on the same name written in capitals: one space
/// between them (a flattened layout's stray text stands after a gap or on another line),
/// both words in capitals, the next not the national name's "CỘNG HÒA" that a flattened
/// header may put right after the agency.
fn continues_the_name(text: &str, last: &Token, next: &[Token]) -> bool {
    let Some(first) = next.first() else {
        return false;
    };
    text[last.end..first.start] == *" "
        && places::in_capitals(&text[last.start..last.end])
        && places::in_capitals(&text[first.start..first.end])
        && !(first.folded == "cong" && next.get(1).is_some_and(|t| t.folded == "hoa"))
}

/// A lexicon name as one string of folded letters ("LĐ-TB&XH" and "LĐTBXH" → "ldtbxh").
pub fn name_key(name: &str) -> String {
    tokenize(name).into_iter().map(|t| t.folded).collect()
}

/// The token index just past `key` when the tokens from `at` spell it exactly.
fn match_at(tokens: &[Token], at: usize, key: &str) -> Option<usize> {
    let mut acc = String::new();
    for (j, t) in tokens.iter().enumerate().skip(at) {
        acc.push_str(&t.folded);
        if acc == key {
            return Some(j + 1);
        }
        if !key.starts_with(&acc) {
            return None;
        }
    }
    None
}

/// The entry with the longest name spelled at `at` (`keys`: folded name, entry index),
/// and the index past it.
fn longest<'a, T>(
    tokens: &[Token],
    at: usize,
    keys: &[(String, usize)],
    entries: &'a [T],
) -> Option<(&'a T, usize)> {
    keys.iter()
        .filter_map(|(k, i)| Some((entries.get(*i)?, match_at(tokens, at, k)?)))
        .max_by_key(|(_, end)| *end)
}

/// Place type words as folded tokens ("tinh", "thanh pho", "tp", …), longest first.
const TYPE_WORDS: &[&[&str]] = &[
    &["thanh", "pho"],
    &["thi", "xa"],
    &["tinh"],
    &["tp"],
    &["quan"],
    &["huyen"],
    &["tx"],
];

/// Commune type words of the 2025 map as folded tokens, longest first. Apart from
/// [`TYPE_WORDS`]: before that map a "xã" is a commune of an old district, which the
/// gazetteer does not hold, so an older document's "UBND XÃ …" keeps its name as written.
const COMMUNE_TYPE_WORDS: &[&[&str]] = &[&["dac", "khu"], &["xa"], &["phuong"]];

/// What a run of words names.
enum Fit {
    Unit(&'static places::Unit),
    /// A commune whose name several provinces share, which neither the parent body nor the
    /// document settles: the search stops there rather than read a shorter name into it.
    UnsettledCommune,
    None,
}

/// A place spelled by all of `tokens`: an optional type word, then a gazetteer name.
/// A district shared by several provinces is settled by `parent_place` only; a commune (in
/// documents of the 2025 map) by `parent_place`, then as [`places::settle`] settles it with
/// the provinces the document names.
fn place_of(
    tokens: &[Token],
    text: &str,
    doc_date: Option<&PartialDate>,
    parent_place: Option<&str>,
    named_provinces: &[&str],
) -> Fit {
    let new_era = places::is_new_era(doc_date);
    let starts_with = |w: &&&[&str]| {
        w.len() < tokens.len() && w.iter().zip(tokens).all(|(a, t)| *a == t.folded.as_str())
    };
    let commune_type = new_era
        .then(|| COMMUNE_TYPE_WORDS.iter().find(starts_with))
        .flatten();
    let (type_len, written_type) = TYPE_WORDS
        .iter()
        .find(starts_with)
        .or(commune_type)
        .map_or((0, None), |w| (w.len(), Some(w.join(" "))));
    let rest = &tokens[type_len..];
    // An untyped name must be a province of two words or more: one bare word is too
    // often an ordinary word.
    if written_type.is_none() && rest.len() < 2 {
        return Fit::None;
    }
    let (Some(first), Some(last)) = (rest.first(), rest.last()) else {
        return Fit::None;
    };
    let name = &text[first.start..last.end];
    let mut cands = places::lookup(name, written_type.as_deref(), doc_date);
    if cands.len() > 1 {
        if let Some(p) = parent_place {
            cands.retain(|u| u.parent.as_deref() == Some(p) || u.id == p);
        }
    }
    // A commune of the 2025 map, or a district several provinces share ("Tam Nông"),
    // settles among the provinces the document names.
    let is_commune = cands.iter().any(|u| u.level == "commune");
    if is_commune || cands.len() > 1 {
        cands = places::settle(cands, name, named_provinces);
    }
    match cands[..] {
        [u] => Fit::Unit(u),
        [_, _, ..] if is_commune => Fit::UnsettledCommune,
        _ => Fit::None,
    }
}

/// Normalizes one agency name; `parent_place` is the place of the body on the header line
/// above (or of a bare place line there, "THÀNH PHỐ HỒ CHÍ MINH"), if any.
pub fn normalize(
    text: &str,
    parent_place: Option<&str>,
    rules: &RuleSet,
    doc_date: Option<&PartialDate>,
) -> Option<Agency> {
    normalize_below(text, parent_place, None, rules, doc_date, &[])
}

/// [`normalize`], where `parent_kind` is the kind of the body on the line above: the
/// committee a line names without its body is that body's ("HỘI NÔNG DÂN VIỆT NAM" /
/// "BCH TỈNH THANH HÓA"); `named_provinces`, the provinces the document names, settle a
/// commune's name.
fn normalize_below(
    text: &str,
    parent_place: Option<&str>,
    parent_kind: Option<&str>,
    rules: &RuleSet,
    doc_date: Option<&PartialDate>,
    named_provinces: &[&str],
) -> Option<Agency> {
    let tokens = tokenize(text);
    let (kind, mut at) = longest(&tokens, 0, &rules.agency_kind_keys, &rules.agency_kinds)?;
    let sector = if kind.sector {
        longest(
            &tokens,
            at,
            &rules.agency_sector_keys,
            &rules.agency_sectors,
        )
        .map(|(s, end)| {
            at = end;
            s
        })
    } else {
        None
    };
    // "Ban Chấp hành Đoàn TNCS Hồ Chí Minh": the body's full name, not a place in it.
    let body = kind
        .of_body
        .then(|| longest(&tokens, at, &rules.agency_kind_keys, &rules.agency_kinds))
        .flatten()
        .map(|(b, end)| {
            at = end;
            b
        })
        .or_else(|| {
            let above = parent_kind.filter(|_| kind.of_body)?;
            rules.agency_kinds.iter().find(|k| k.id == above)
        });
    // The place: the earliest, then longest, run of the remaining words that names one.
    // Words after it (stray text of a flattened layout) stay in the name.
    let mut own_place = None;
    let mut place_run = tokens.len()..tokens.len();
    if kind.local {
        // Names right after a commune's or district's type word ("XÃ HÒA BÌNH" of a 2020
        // header, whose commune the gazetteer lacks): never read as a province without
        // its type word (rule `province.own_locality`).
        // A type word inside the kind's own name ("Liên minh Hợp tác xã") types nothing.
        let after_kind = tokens.get(at).map_or(usize::MAX, |t| t.start);
        let unit_names: Vec<usize> = all_matches(text, rules, "place.locality")
            .iter()
            .filter(|c| c.start >= after_kind && !places::after_thi(text, c.start))
            .filter_map(|c| c.group_range("name").map(|r| r.0))
            .collect();
        'search: for from in at..tokens.len() {
            // "THỊ XÃ …" is an old district's type, never a commune's.
            if from > 0 && tokens[from - 1].folded == "thi" && tokens[from].folded == "xa" {
                continue;
            }
            if unit_names.contains(&tokens[from].start) {
                continue;
            }
            for to in (from + 1..=tokens.len()).rev() {
                // A place cut short inside its written name ("PHƯỜNG TÂN MỸ" of "PHƯỜNG TÂN
                // MỸ HƯNG", a ward the gazetteer lacks) is another place: the next word, one
                // space on and capitalised like the name, is the name's.
                if to < tokens.len() && continues_the_name(text, &tokens[to - 1], &tokens[to..]) {
                    continue;
                }
                let run = &tokens[from..to];
                match place_of(run, text, doc_date, parent_place, named_provinces) {
                    Fit::Unit(u) => {
                        own_place = Some(u);
                        place_run = from..to;
                        break 'search;
                    }
                    Fit::UnsettledCommune => break 'search,
                    Fit::None => {}
                }
            }
        }
    }
    let place = own_place.map(|u| u.id.clone()).or_else(|| {
        kind.local
            .then(|| parent_place.map(str::to_string))
            .flatten()
    });
    let mut rest: Vec<&Token> = tokens[at..place_run.start]
        .iter()
        .chain(&tokens[place_run.end..])
        .collect();
    // "Hội Nông dân Việt Nam": the national body, which has no place.
    let national = own_place.is_none()
        && rest.len() == 2
        && rest[0].folded == "viet"
        && rest[1].folded == "nam";
    if national {
        rest.clear();
    }
    let place = if national { None } else { place };
    let slug = rest
        .iter()
        .map(|t| t.folded.as_str())
        .collect::<Vec<_>>()
        .join("-");
    let qualifier = sector.map(|s| s.id.clone()).or_else(|| {
        if let Some(b) = body {
            return Some(if slug.is_empty() {
                b.id.clone()
            } else {
                format!("{}-{slug}", b.id)
            });
        }
        let is_bare_type_word = TYPE_WORDS.iter().any(|w| {
            w.len() == rest.len() && w.iter().zip(&rest).all(|(a, t)| *a == t.folded.as_str())
        });
        (!slug.is_empty() && !is_bare_type_word).then(|| slug.clone())
    });
    let compose = |qualifier: Option<&str>| {
        let mut id = kind.id.clone();
        if let Some(q) = qualifier {
            id.push(':');
            id.push_str(q);
        }
        if let Some(p) = &place {
            id.push('@');
            id.push_str(p);
        }
        id
    };
    let mut name = kind.label.clone();
    if let Some(s) = sector {
        name.push(' ');
        name.push_str(&s.label);
    } else if let Some(b) = body {
        name.push(' ');
        name.push_str(&b.label);
    }
    if sector.is_none() && !rest.is_empty() {
        let words: Vec<&str> = rest.iter().map(|t| &text[t.start..t.end]).collect();
        for w in readable_case(&words, kind.proper_name) {
            name.push(' ');
            name.push_str(&w);
        }
    }
    if let Some(u) = own_place {
        // "Quận 5" names its type; "Tỉnh đoàn Bắc Ninh" has it in the kind.
        let typed = fold(&u.name).starts_with(&fold(&u.unit_type))
            || fold(&kind.label).starts_with(&fold(&u.unit_type));
        if typed {
            name.push_str(&format!(" {}", u.name));
        } else {
            name.push_str(&format!(" {} {}", u.unit_type.to_lowercase(), u.name));
        }
    }
    if national {
        name.push_str(" Việt Nam");
    }
    let successor = sector
        .and_then(|s| s.successor.as_deref())
        .map(|succ| compose(Some(succ)));
    Some(Agency {
        id: compose(qualifier.as_deref()),
        kind: kind.id.clone(),
        sector: sector.map(|s| s.id.clone()),
        place,
        name,
        successor,
    })
}

/// Words after the kind, as a name is written in running text when the header typed them
/// in capitals: a commune's type word in lower case and its name capitalized ("XÃ TÂN
/// PHÚ" → "xã Tân Phú"), other names in sentence case ("KỸ THUẬT" → "Kỹ thuật");
/// abbreviations without a vowel ("PTNT", "HĐND") stay, and the words after one are a
/// proper name ("THPT LÊ QUÝ ĐÔN" → "THPT Lê Quý Đôn"), as are all the words after a kind
/// named after a place (`proper_name`: "HUYỆN ỦY NGA SƠN" → "Nga Sơn"). Words not all in
/// capitals are kept.
fn readable_case(words: &[&str], proper_name: bool) -> Vec<String> {
    let all_caps = words.iter().all(|w| !w.chars().any(char::is_lowercase));
    if !all_caps {
        return words.iter().map(|w| w.to_string()).collect();
    }
    let has_vowel = |w: &str| {
        fold(w)
            .chars()
            .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    };
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    // A place's type word opens the words ("HỘI NÔNG DÂN TỈNH HẢI VÂN" with a province
    // the gazetteer lacks): "tỉnh Hải Vân", not "Tỉnh hải vân".
    // Told with their marks: "QUẢN LÝ" folds to the "quan" of "QUẬN".
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let type_len = match folded.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["thi", "tran", ..] => 2,
        ["xa" | "phuong" | "thon" | "ap", ..] => 1,
        _ => match lower.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["thị", "xã", ..] | ["thành", "phố", ..] => 2,
            ["tỉnh" | "huyện" | "quận", ..] => 1,
            _ => 0,
        },
    };
    // "CÔNG TY CỔ PHẦN MAY …": the legal form is a common noun, the name after it proper.
    let form_len = LEGAL_FORMS
        .iter()
        .find(|form| {
            form.len() < folded.len() && form.iter().zip(&folded).all(|(a, b)| *a == b.as_str())
        })
        .map_or(0, |form| form.len());
    // After an abbreviation ("THPT LÊ QUÝ ĐÔN") or a school's level or a hospital's
    // scope ("TIỂU HỌC NGHĨA ĐÔ", "ĐA KHOA GIA LÂM"), the words are a proper name.
    let mut name_from = if proper_name { 0 } else { words.len() };
    if let Some(level) = NAMED_AFTER.iter().find(|level| {
        level.len() < folded.len() && level.iter().zip(&folded).all(|(a, b)| *a == b.as_str())
    }) {
        name_from = name_from.min(level.len());
    }
    if let Some(k) = words
        .iter()
        .position(|w| !has_vowel(w) && w.chars().count() >= 2)
    {
        name_from = name_from.min(k + 1);
    }
    // In the proper name, a place's type word stays a common noun ("Bệnh viện Đa khoa
    // tỉnh Quảng Trị").
    let place_type = |k: usize| match lower[k].as_str() {
        "tỉnh" | "huyện" | "quận" | "xã" | "phường" => true,
        "thành" => lower.get(k + 1).is_some_and(|n| n == "phố"),
        "thị" => lower.get(k + 1).is_some_and(|n| n == "xã" || n == "trấn"),
        "phố" | "trấn" => k > 0 && matches!(lower[k - 1].as_str(), "thành" | "thị"),
        _ => false,
    };
    words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if !has_vowel(w) || w.chars().count() < 2 {
                w.to_string()
            } else if k < type_len
                || k < form_len
                || k >= name_from && k > 0 && type_len == 0 && place_type(k)
            {
                w.to_lowercase()
            } else if type_len > 0 || k == 0 || k >= name_from {
                capitalized(w)
            } else {
                w.to_lowercase()
            }
        })
        .collect()
}

/// What a school's or hospital's name opens with before its proper name (folded words):
/// "Trường Tiểu học Nghĩa Đô", "Trường Mầm non Hoa Sen", "Bệnh viện Đa khoa Gia Lâm".
const NAMED_AFTER: &[&[&str]] = &[
    &["tieu", "hoc"],
    &["mam", "non"],
    &["mau", "giao"],
    &["trung", "hoc", "co", "so"],
    &["trung", "hoc", "pho", "thong"],
    &["pho", "thong", "dan", "toc", "noi", "tru"],
    &["da", "khoa"],
];

/// The legal forms of a company written after "Công ty" (folded words), in lower case in
/// running text as the Law on Enterprises writes them ("Công ty cổ phần …").
const LEGAL_FORMS: &[&[&str]] = &[
    &["co", "phan"],
    &["trach", "nhiem", "huu", "han", "mot", "thanh", "vien"],
    &["trach", "nhiem", "huu", "han"],
    &["hop", "danh"],
    &["tu", "nhan"],
];

/// True when `text` opens with the name of a kind of agency ("BQL", "Sở", "UBND").
pub fn starts_with_kind(text: &str, rules: &RuleSet) -> bool {
    let tokens = tokenize(text);
    longest(&tokens, 0, &rules.agency_kind_keys, &rules.agency_kinds).is_some()
}

/// Normalizes the agency lines of a header, top (parent) to bottom (issuer);
/// `named_provinces` (the provinces the document names, empty while they are not known)
/// settle a commune's name that several provinces share.
pub fn normalize_chain(
    lines: &[String],
    rules: &RuleSet,
    doc_date: Option<&PartialDate>,
    named_provinces: &[&str],
) -> Vec<Option<Agency>> {
    let mut out: Vec<Option<Agency>> = Vec::with_capacity(lines.len());
    let mut context: Option<String> = None;
    for l in lines {
        let above = out.last().and_then(|a| a.as_ref()).map(|a| a.kind.as_str());
        let a = normalize_below(
            l,
            context.as_deref(),
            above,
            rules,
            doc_date,
            named_provinces,
        );
        match &a {
            Some(a) => context = a.place.clone().or(context),
            // A line that only names a place is context for the bodies below it.
            None => {
                let tokens = tokenize(l);
                let fit = place_of(&tokens, l, doc_date, context.as_deref(), named_provinces);
                if let Fit::Unit(u) = fit {
                    context = Some(u.id.clone());
                }
            }
        }
        out.push(a);
    }
    out
}

/// Runs the `[[lexicon.agency_example]]` entries; one line per failure.
pub fn check_examples(rules: &RuleSet) -> Vec<String> {
    let mut failures = Vec::new();
    for ex in &rules.agency_examples {
        let date = ex.date.as_deref().and_then(parse_iso);
        if ex.date.is_some() && date.is_none() {
            failures.push(format!("agency example {:?}: bad date", ex.text));
            continue;
        }
        let mut lines: Vec<String> = ex.parent.iter().cloned().collect();
        lines.push(ex.text.clone());
        let got = normalize_chain(&lines, rules, date.as_ref(), &[])
            .pop()
            .flatten()
            .map(|a| a.id);
        if got.as_deref() != Some(ex.id.as_str()) {
            failures.push(format!(
                "agency example {:?}: expected id {:?}, got {got:?}",
                ex.text, ex.id
            ));
        }
    }
    failures
}

fn parse_iso(s: &str) -> Option<PartialDate> {
    let mut parts = s.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().and_then(|m| m.parse().ok());
    let day = parts.next().and_then(|d| d.parse().ok());
    PartialDate::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        RuleSet::builtin().unwrap()
    }

    fn id(text: &str, parent: Option<&str>, date: Option<(i32, u32, u32)>) -> Option<String> {
        let r = rules();
        let date = date.and_then(|(y, m, d)| PartialDate::new(y, Some(m), Some(d)));
        let mut lines: Vec<String> = parent.iter().map(|p| p.to_string()).collect();
        lines.push(text.to_string());
        normalize_chain(&lines, &r, date.as_ref(), &[])
            .pop()
            .flatten()
            .map(|a| a.id)
    }

    #[test]
    fn lexicon_examples_pass() {
        assert_eq!(check_examples(&rules()), Vec::<String>::new());
    }

    #[test]
    fn abbreviations_and_spellings_agree() {
        let full = id(
            "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH ĐỒNG THÁP",
            None,
            None,
        );
        assert!(full.is_some());
        for variant in [
            "Sở LĐTBXH tỉnh Đồng Tháp",
            "SỞ LĐ-TB&XH TỈNH ĐỒNG THÁP",
            "Sở Lao động-Thương binh và Xã hội tỉnh Đồng Tháp",
            "SỞ LAO ĐỘNG THƯƠNG BINH XÃ HỘI TỈNH ĐỒNG THÁP",
        ] {
            assert_eq!(id(variant, None, None), full, "{variant}");
        }
        assert_eq!(
            id("UỶ BAN NHÂN DÂN TỈNH ĐỒNG THÁP", None, None),
            id("UBND tỉnh Đồng Tháp", None, None)
        );
    }

    #[test]
    fn local_body_takes_parent_place_and_era() {
        let old = id("SỞ Y TẾ", Some("UBND TỈNH HẢI DƯƠNG"), Some((2021, 1, 5)));
        assert_eq!(old.as_deref(), Some("so:y_te@p63-30"));
        // After 1 July 2025 Hải Dương is part of Hải Phòng: the new-map id.
        let new = id(
            "SỞ Y TẾ",
            Some("UBND THÀNH PHỐ HẢI PHÒNG"),
            Some((2025, 9, 1)),
        );
        assert_eq!(new.as_deref(), Some("so:y_te@p34-31"));
        // A bare place line above settles a district name shared by several provinces.
        assert!(id("UBND HUYỆN CHÂU THÀNH", None, None).is_some_and(|i| !i.contains('@')));
        assert_eq!(
            id("UBND HUYỆN CHÂU THÀNH", Some("TỈNH ĐỒNG THÁP"), None),
            id("UBND HUYỆN CHÂU THÀNH", Some("UBND TỈNH ĐỒNG THÁP"), None)
        );
        assert!(id("UBND HUYỆN CHÂU THÀNH", Some("TỈNH ĐỒNG THÁP"), None)
            .is_some_and(|i| i.starts_with("ubnd@d63-")));
        // A ministry is not local: no place even under a parent with one.
        assert_eq!(
            id("BỘ TÀI CHÍNH", Some("UBND TỈNH LONG AN"), None).as_deref(),
            Some("bo:tai_chinh")
        );
    }

    #[test]
    fn commune_bodies_of_the_2025_map() {
        let new = Some((2026, 3, 10));
        for (text, parent, want) in [
            ("UBND PHƯỜNG BA ĐÌNH", None, "ubnd@c34-00004"),
            ("Ủy ban nhân dân xã Ba Đình", None, "ubnd@c34-16171"),
            ("HĐND ĐẶC KHU PHÚ QUỐC", None, "hdnd@c34-31078"),
            ("CÔNG AN XÃ SÓC SƠN", None, "cong_an@c34-00376"),
            (
                "ĐẢNG ỦY XÃ TÂN PHÚ",
                Some("ĐẢNG BỘ TỈNH ĐỒNG THÁP"),
                "dang_uy@c34-28468",
            ),
            // Five provinces have a xã Tân Phú: nothing settles it, no place is guessed.
            ("UBND XÃ TÂN PHÚ", None, "ubnd:xa-tan-phu"),
            // An old district's type, never a commune.
            ("UBND THỊ XÃ SƠN TÂY", None, "ubnd@d63-269"),
            ("UBND THỊ XÃ BA ĐÌNH", None, "ubnd:thi-xa-ba-dinh"),
            // A ward the gazetteer lacks is not the one its name begins with (Tân Mỹ of
            // Hồ Chí Minh City), nor is a commune its first words name.
            ("UBND PHƯỜNG TÂN MỸ HƯNG", None, "ubnd:phuong-tan-my-hung"),
            ("UBND PHƯỜNG TÂN MỸ", None, "ubnd@c34-27487"),
        ] {
            assert_eq!(id(text, parent, new).as_deref(), Some(want), "{text}");
        }
        // Before the 2025 map a xã is a commune of an old district.
        assert_eq!(
            id("UBND PHƯỜNG BA ĐÌNH", None, Some((2025, 6, 30))).as_deref(),
            Some("ubnd:phuong-ba-dinh")
        );
        assert_eq!(
            id("UBND XÃ BA ĐÌNH", None, None).as_deref(),
            Some("ubnd:xa-ba-dinh")
        );
    }

    #[test]
    fn the_provinces_a_document_names_settle_a_commune_body() {
        let r = rules();
        let date = PartialDate::new(2026, Some(3), Some(10));
        let chain = |lines: &[&str], named: &[&str]| {
            let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            normalize_chain(&lines, &r, date.as_ref(), named)
                .pop()
                .flatten()
                .unwrap()
        };
        let a = chain(&["ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"], &["p63-87", "p34-82"]);
        assert_eq!(a.id, "ubnd@c34-28468");
        assert_eq!(a.place.as_deref(), Some("c34-28468"));
        assert_eq!(a.name, "Ủy ban nhân dân xã Tân Phú");
        // Two provinces named, each with a xã Tân Phú: still unsettled.
        let two = ["p34-82", "p34-80"];
        assert_eq!(chain(&["UBND XÃ TÂN PHÚ"], &two).id, "ubnd:xa-tan-phu");
        // The parent body outranks the document's mentions.
        let a = chain(
            &["ĐẢNG BỘ TỈNH ĐỒNG THÁP", "ĐẢNG ỦY XÃ TÂN PHÚ"],
            &["p34-80"],
        );
        assert_eq!(a.id, "dang_uy@c34-28468");
    }

    #[test]
    fn merged_sector_names_its_successor() {
        let r = rules();
        let a = normalize("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", None, &r, None).unwrap();
        assert_eq!(a.id, "bo:ke_hoach_dau_tu");
        assert_eq!(a.successor.as_deref(), Some("bo:tai_chinh"));
        assert_eq!(a.name, "Bộ Kế hoạch và Đầu tư");
        let a = normalize("UBND TP. CẦN THƠ", None, &r, None).unwrap();
        assert_eq!(a.name, "Ủy ban nhân dân thành phố Cần Thơ");
    }

    #[test]
    fn a_name_in_capitals_reads_as_running_text() {
        let rules = rules();
        let name = |text: &str| normalize(text, None, &rules, None).map(|a| a.name);
        assert_eq!(
            name("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ").as_deref(),
            Some("Ủy ban nhân dân xã Tân Phú")
        );
        assert_eq!(
            name("UBND THỊ TRẤN PHONG CHÂU").as_deref(),
            Some("Ủy ban nhân dân thị trấn Phong Châu")
        );
        assert_eq!(name("PHÒNG KỸ THUẬT").as_deref(), Some("Phòng Kỹ thuật"));
        // A proper name after an abbreviation, or after a kind named after a place.
        assert_eq!(
            name("TRƯỜNG THPT LÊ QUÝ ĐÔN").as_deref(),
            Some("Trường THPT Lê Quý Đôn")
        );
        // … or after a school's level or a hospital's scope.
        assert_eq!(
            name("TRƯỜNG TIỂU HỌC NGHĨA ĐÔ").as_deref(),
            Some("Trường Tiểu học Nghĩa Đô")
        );
        assert_eq!(
            name("BỆNH VIỆN ĐA KHOA GIA LÂM").as_deref(),
            Some("Bệnh viện Đa khoa Gia Lâm")
        );
        assert_eq!(
            name("BỆNH VIỆN ĐA KHOA TỈNH QUẢNG TRỊ").as_deref(),
            Some("Bệnh viện Đa khoa tỉnh Quảng Trị")
        );
        assert_eq!(
            name("HUYỆN ỦY XUÂN ĐÀI").as_deref(),
            Some("Huyện ủy Xuân Đài")
        );
        assert_eq!(
            name("TỈNH ĐOÀN BẮC NINH").as_deref(),
            Some("Tỉnh đoàn Bắc Ninh")
        );
        // Written in running text already: kept as written.
        assert_eq!(name("Phòng Kỹ thuật").as_deref(), Some("Phòng Kỹ thuật"));
        // A place the gazetteer lacks keeps its type word in lower case and its name
        // capitalized; a company's legal form is a common noun before its proper name.
        assert_eq!(
            name("HỘI NÔNG DÂN TỈNH HẢI VÂN").as_deref(),
            Some("Hội Nông dân tỉnh Hải Vân")
        );
        assert_eq!(
            name("CÔNG TY CỔ PHẦN MAY XUẤT KHẨU HÒA LỢI").as_deref(),
            Some("Công ty cổ phần May Xuất Khẩu Hòa Lợi")
        );
        assert_eq!(
            name("CÔNG TY TNHH THỜI TRANG SAO BIỂN").as_deref(),
            Some("Công ty TNHH Thời Trang Sao Biển")
        );
        assert_eq!(
            name("CỤC QUẢN LÝ KHÁM CHỮA BỆNH").as_deref(),
            Some("Cục Quản lý khám chữa bệnh")
        );
    }

    #[test]
    fn unknown_names_get_no_id_and_no_panic() {
        assert_eq!(id("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, None), None);
        assert_eq!(id("", None, None), None);
        assert_eq!(id("---", None, None), None);
        // A kind with an unknown name keeps the name as a slug.
        assert_eq!(
            id("BAN CHỈ ĐẠO CHƯƠNG TRÌNH 135", None, None).as_deref(),
            Some("ban_chi_dao:chuong-trinh-135")
        );
    }
}

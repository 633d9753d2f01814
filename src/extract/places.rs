//! Places (extract stage): provinces, districts and communes named with their type word
//! ("tỉnh Đồng Tháp", "huyện Sóc Sơn", "TX Sơn Tây", "xã Tân Phú") normalized to stable ids
//! through the gazetteer in `data/gazetteer/units.tsv` (built by
//! `scripts/build_gazetteer.py`; see its SOURCE.md) and the hand-written
//! `data/gazetteer/history.tsv`. Time-aware: a document dated from 1 July 2025 gets the 34 new
//! provinces and their communes (xã, phường, đặc khu), an older one the 63 old provinces and
//! their districts, each old province naming its successor; one of 1997–2008 the provinces of
//! its day (Hà Tây until 31 July 2008, the old Lai Châu and Cần Thơ until 2003, the provinces
//! divided on 1 January 1997) and a district's province of its day. An undated document gets
//! the map of the end of 2024, a unit that no longer existed by then only when nothing else
//! fits the name ("tỉnh Hà Tây"). A district or commune name found in several provinces is
//! settled by the provinces the document names; otherwise it stays without an id. The old
//! map's wards are not covered.

use super::matching::all_matches;
use crate::document::{PartialDate, Value};
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const UNITS_TSV: &str = include_str!("../../data/gazetteer/units.tsv");
/// Provinces that no longer exist, the day a province began, and districts as they were
/// before a change of province or type (`data/gazetteer/history.tsv`, written by hand).
const HISTORY_TSV: &str = include_str!("../../data/gazetteer/history.tsv");
/// A day: year, month, day.
pub type Day = (i32, u32, u32);
/// First day of the 34-province map.
const REFORM: Day = (2025, 7, 1);
/// Last day of the 63-province map: the day an undated document's units are those of.
const LAST_OLD_MAP_DAY: Day = (2025, 6, 30);

/// One administrative unit of the gazetteer.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub level: String,
    pub unit_type: String,
    pub name: String,
    pub parent: Option<String>,
    /// True for units of the 2025 map, false for the 63-province map and the units before it.
    pub new_map: bool,
    /// First and last day of the unit (or of this state of it), when known.
    pub valid_from: Option<Day>,
    pub valid_to: Option<Day>,
    /// The unit it became part of: for a province of the 63-province map the 2025 province,
    /// for one that ended before (Hà Tây) the province of that map that took it in.
    pub successor: Option<String>,
    /// For a province divided into several (the old Lai Châu), the provinces it became.
    pub split_into: Vec<String>,
    /// A copy of a unit under a former name or older spelling (its id is the unit's).
    pub former_name: bool,
    /// A unit as it was before a change of its province or type (its id is the unit's).
    pub earlier: bool,
    key: String,
    type_key: String,
}

/// A place named in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Gazetteer id (`p63-01`, `d63-271`, `p34-31`, `c34-00004`), `None` when ambiguous.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `province`, `district` or `commune`.
    pub level: String,
    /// Type and name as the gazetteer writes them ("Huyện", "Sóc Sơn").
    #[serde(rename = "type")]
    pub unit_type: String,
    pub name: String,
    /// The province of a district or commune.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// For a province of the old map, the 2025 province it is now part of; for a province
    /// that ended before that map did (Hà Tây), the province that took it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// For a province that was divided (the old Lai Châu, Hà Bắc), the provinces it became.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split_into: Vec<String>,
    /// How many gazetteer units fit the name (more than one leaves `id` empty).
    pub candidates: usize,
}

impl Place {
    /// The place a gazetteer unit stands for; ids only when the name fitted one unit
    /// (`settled`) of the `candidates` that fitted.
    pub fn of_unit(unit: &Unit, settled: bool, candidates: usize) -> Place {
        Place {
            id: settled.then(|| unit.id.clone()),
            level: unit.level.clone(),
            unit_type: unit.unit_type.clone(),
            name: unit.name.clone(),
            province: if settled { unit.parent.clone() } else { None },
            successor: if settled {
                unit.successor.clone()
            } else {
                None
            },
            split_into: if settled {
                unit.split_into.clone()
            } else {
                Vec::new()
            },
            candidates,
        }
    }
}

/// Lower case without tone marks or diacritics: "Thủy Nguyên" and "Thuỷ Nguyên" agree.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'Đ' | 'đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Former names and older spellings of units (`data/gazetteer/former_names.tsv`).
const FORMER_NAMES_TSV: &str = include_str!("../../data/gazetteer/former_names.tsv");

/// The gazetteer compiled into the binary, parsed once, followed by a copy of a unit under
/// each of its former names ("Thừa Thiên Huế" for the Huế of the 63-province map), with
/// the unit's id: a document of their time names it so; then the units of `history.tsv`
/// (provinces that no longer exist, districts as they were before a change).
pub fn gazetteer() -> &'static [Unit] {
    static UNITS: OnceLock<Vec<Unit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        let mut units = parse_units();
        let history = apply_history(&mut units);
        let former: Vec<Unit> = FORMER_NAMES_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                let unit = units.iter().find(|u| Some(&u.id.as_str()) == c.first())?;
                let (unit_type, name) = (*c.get(1)?, *c.get(2)?);
                Some(Unit {
                    unit_type: unit_type.to_string(),
                    name: name.to_string(),
                    key: fold(name),
                    type_key: fold(unit_type),
                    former_name: true,
                    ..unit.clone()
                })
            })
            .collect();
        units.extend(former);
        units.extend(history);
        units
    })
}

/// An ISO day ("2008-07-31").
fn parse_day(s: &str) -> Option<Day> {
    let mut parts = s.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Some((i32::try_from(y).ok()?, m, d))
}

/// The day after `day`.
fn next_day((y, m, d): Day) -> Day {
    let days = crate::document::days_in_month(y, m);
    match (d < days, m < 12) {
        (true, _) => (y, m, d + 1),
        (false, true) => (y, m + 1, 1),
        (false, false) => (y + 1, 1, 1),
    }
}

/// Reads `history.tsv` into `units`: a row of a unit units.tsv has without a last day sets
/// the day it began; one with a last day is the unit as it was then, and units.tsv's row
/// begins the day after the last such row ends. Returns the rows that are units of their own:
/// the earlier states and the units that no longer exist.
fn apply_history(units: &mut [Unit]) -> Vec<Unit> {
    let mut extra: Vec<Unit> = Vec::new();
    for l in HISTORY_TSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let c: Vec<&str> = l.split('\t').collect();
        if c.len() < 8 {
            continue;
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let (valid_from, valid_to) = (parse_day(c[5]), parse_day(c[6]));
        let known = units.iter_mut().find(|u| u.id == c[0]);
        let earlier = known.is_some();
        match (known, valid_to) {
            (Some(u), None) => u.valid_from = valid_from,
            (known, Some(to)) => {
                if let Some(u) = known {
                    let begins = next_day(to);
                    if u.valid_from.map_or(true, |f| f < begins) {
                        u.valid_from = Some(begins);
                    }
                }
                let successors: Vec<String> = c[7].split_whitespace().map(str::to_string).collect();
                let (successor, split_into) = match &successors[..] {
                    [one] => (Some(one.clone()), Vec::new()),
                    _ => (None, successors),
                };
                extra.push(Unit {
                    id: c[0].to_string(),
                    level: c[1].to_string(),
                    unit_type: c[2].to_string(),
                    name: c[3].to_string(),
                    parent: opt(c[4]),
                    new_map: false,
                    valid_from,
                    valid_to: Some(to),
                    successor,
                    split_into,
                    former_name: false,
                    earlier,
                    key: fold(c[3]),
                    type_key: fold(c[2]),
                });
            }
            (None, None) => {}
        }
    }
    extra
}

fn parse_units() -> Vec<Unit> {
    UNITS_TSV
        .lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() < 8 {
                return None;
            }
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            Some(Unit {
                id: c[0].to_string(),
                level: c[1].to_string(),
                unit_type: c[2].to_string(),
                name: c[3].to_string(),
                parent: opt(c[4]),
                new_map: !c[5].is_empty(),
                valid_from: parse_day(c[5]),
                valid_to: parse_day(c[6]),
                successor: opt(c[7]),
                split_into: Vec::new(),
                former_name: false,
                earlier: false,
                key: fold(c[3]),
                type_key: fold(c[2]),
            })
        })
        .collect()
}

/// Unit types a written type word can stand for.
fn types_for(written: &str) -> &'static [&'static str] {
    match fold(written.trim_end_matches('.')).as_str() {
        "tinh" => &["tinh"],
        "thanh pho" | "tp" => &["thanh pho"],
        "quan" => &["quan"],
        "huyen" => &["huyen"],
        "thi xa" | "tx" => &["thi xa"],
        "xa" => &["xa"],
        "phuong" => &["phuong"],
        "dac khu" => &["dac khu"],
        _ => &[],
    }
}

/// Communes exist only on the 2025 map (the old map's wards are not in the gazetteer): an
/// older or undated document's "xã X" must not become a 2025 commune of the same name.
fn in_era(unit: &Unit, new_era: bool) -> bool {
    new_era || unit.level != "commune"
}

/// "xã" after "thị" is the district type "thị xã", not a commune.
pub fn after_thi(text: &str, at: usize) -> bool {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| fold(w) == "thi")
}

/// Of communes whose names fold alike ("Văn Lang", "Văn Lăng"; "Dương Hòa", "Đường Hoa"),
/// the one spelled as written, when only one is: exactly, else up to its tone marks ("Dương
/// Hoà" with the old placement).
fn spelled_as_written<'u>(cands: &[&'u Unit], written: &str) -> Option<&'u Unit> {
    let exact = |s: &str| s.nfc().collect::<String>().to_lowercase();
    let toneless = |s: &str| {
        s.nfd()
            .filter(|c| !matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
            .nfc()
            .collect::<String>()
            .to_lowercase()
    };
    [exact, toneless]
        .into_iter()
        .find_map(|spell: fn(&str) -> String| {
            let written = spell(written);
            let mut same = cands
                .iter()
                .filter(|u| u.level == "commune" && spell(&u.name) == written);
            match (same.next(), same.next()) {
                (Some(u), None) => Some(*u),
                _ => None,
            }
        })
}

/// The day a document's units are those of: its date (a month or day it lacks counts as the
/// first), or for an undated document the last day of the 63-province map, whose units an
/// undated document gets.
pub fn day_of(doc_date: Option<&PartialDate>) -> Day {
    doc_date.map_or(LAST_OLD_MAP_DAY, |d| {
        (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
    })
}

/// True when a document of this date belongs to the 34-province map (from 1 July 2025).
pub fn is_new_era(doc_date: Option<&PartialDate>) -> bool {
    day_of(doc_date) >= REFORM
}

/// A count of days, to measure how far apart two days are.
fn day_number((y, m, d): Day) -> i64 {
    // Days from 1 March of year 0: a year counted from March ends with its leap day.
    let (y, m) = if m <= 2 {
        (i64::from(y) - 1, i64::from(m) + 12)
    } else {
        (i64::from(y), i64::from(m))
    };
    365 * y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        + (153 * (m - 3) + 2) / 5
        + i64::from(d)
}

/// How many days `day` lies before the unit began or after it ended (0 while it existed).
fn days_outside(unit: &Unit, day: Day) -> i64 {
    match (unit.valid_from, unit.valid_to) {
        (Some(from), _) if day < from => day_number(from) - day_number(day),
        (_, Some(to)) if day > to => day_number(day) - day_number(to),
        _ => 0,
    }
}

/// Of the units a name fits, those of `day`: the ones that existed on it, else the ones whose
/// time lies nearest to it. So a unit of the other map, or one that had ended or not yet
/// begun, counts only when nothing of the day fits the name ("tỉnh Hà Tây" in 2020).
fn of_the_day(mut cands: Vec<&Unit>, day: Day) -> Vec<&Unit> {
    if let Some(nearest) = cands.iter().map(|u| days_outside(u, day)).min() {
        cands.retain(|u| days_outside(u, day) == nearest);
    }
    cands
}

/// True when the unit began after the document's day (Hải Dương, a province from 1997, in a
/// document of 1996); never for an undated document.
pub fn begins_after(unit: &Unit, doc_date: Option<&PartialDate>) -> bool {
    doc_date.is_some() && unit.valid_from.is_some_and(|from| day_of(doc_date) < from)
}

/// The unit `id` stands for as it was on the document's day (a district's province then),
/// of the states the gazetteer holds for it; copies under former names aside.
pub fn unit_of_day(id: &str, doc_date: Option<&PartialDate>) -> Option<&'static Unit> {
    let states: Vec<&Unit> = gazetteer()
        .iter()
        .filter(|u| u.id == id && !u.former_name)
        .collect();
    of_the_day(states, day_of(doc_date)).first().copied()
}

/// Units named `name` (any case or tone placement) of a type the written type word allows
/// ("tỉnh", "TP", "huyện"…), or provinces only when no type word was written; those of the
/// document's day (see [`of_the_day`]).
pub fn lookup(
    name: &str,
    written_type: Option<&str>,
    doc_date: Option<&PartialDate>,
) -> Vec<&'static Unit> {
    // Numbered districts and wards carry their type in the name ("Quận 5").
    let key = match written_type {
        Some(t) if name.chars().all(|c| c.is_ascii_digit()) => fold(&format!("{t} {name}")),
        _ => fold(name),
    };
    if key.is_empty() {
        return Vec::new();
    }
    let types = written_type.map_or(&[][..], types_for);
    units_of_the_day(&key, types, doc_date, |u| match written_type {
        Some(_) => types.contains(&u.type_key.as_str()),
        None => u.level == "province",
    })
}

/// The units whose folded name is `key` and that `fits` (its type or level), those of the
/// document's day first (see [`of_the_day`]); on the old map, where none fits, a district
/// of the written `types` raised since to a higher rank. One path for [`lookup`] and
/// [`find`].
fn units_of_the_day(
    key: &str,
    types: &[&str],
    doc_date: Option<&PartialDate>,
    fits: impl Fn(&Unit) -> bool,
) -> Vec<&'static Unit> {
    let new_era = is_new_era(doc_date);
    let cands: Vec<&Unit> = gazetteer()
        .iter()
        .filter(|u| u.key == key && in_era(u, new_era) && fits(u))
        .collect();
    // A district raised since the document was written is found under its later rank
    // when nothing has the written one.
    if cands.is_empty() && !new_era {
        return raised_districts(key, types);
    }
    of_the_day(cands, day_of(doc_date))
}

/// Districts of the old map named `key` whose type is one a district of the written
/// `types` may have been raised to since: a rural district (huyện) to a town, a city or an
/// urban district; a town (thị xã) to a city or an urban district. The old map is the one
/// of 2025, so "huyện Hoài Nhơn" of 2007 is the thị xã of 2020.
fn raised_districts(key: &str, types: &[&str]) -> Vec<&'static Unit> {
    let later: &[&str] = match types {
        ["huyen"] => &["thi xa", "thanh pho", "quan"],
        ["thi xa"] => &["thanh pho", "quan"],
        _ => &[],
    };
    gazetteer()
        .iter()
        .filter(|u| u.key == key && u.level == "district" && !u.new_map)
        .filter(|u| later.contains(&u.type_key.as_str()))
        .collect()
}

/// Narrows the units a district or commune name fits (`written` as the text spells it) to
/// those the document settles: in a province it names, then of names that fold alike the
/// one spelled as written. Shared by the places and the issuing body's commune, so that
/// both settle a name alike.
pub fn settle<'u>(
    mut cands: Vec<&'u Unit>,
    written: &str,
    named_provinces: &[&str],
) -> Vec<&'u Unit> {
    if cands.len() > 1 {
        let narrowed: Vec<&Unit> = cands
            .iter()
            .copied()
            .filter(|u| {
                u.parent
                    .as_deref()
                    .is_some_and(|p| named_provinces.contains(&p))
            })
            .collect();
        if !narrowed.is_empty() {
            cands = narrowed;
        }
    }
    if cands.len() > 1 {
        if let Some(u) = spelled_as_written(&cands, written) {
            cands = vec![u];
        }
    }
    cands
}

/// The places of a text, and the provinces it names (of either map, by name alone), which
/// settle names found in several provinces.
pub struct Found {
    pub places: Vec<Value<Place>>,
    pub named_provinces: Vec<&'static str>,
}

pub fn extract(text: &str, rules: &RuleSet, doc_date: Option<&PartialDate>) -> Vec<Value<Place>> {
    find(text, rules, doc_date).places
}

/// The units named one after another after a place (", Mỹ Đức, Chương Mỹ và Phú Xuyên"),
/// of the written `types`: each item's start, end and units, up to the first item that
/// names none. An item is a run of up to four capitalized words.
fn listed_after(
    text: &str,
    mut pos: usize,
    types: &[&str],
    doc_date: Option<&PartialDate>,
) -> Vec<(usize, usize, Vec<&'static Unit>)> {
    let mut out = Vec::new();
    while out.len() < 40 {
        let rest = &text[pos..];
        let Some(sep) = [", và ", ", ", " và "]
            .into_iter()
            .find(|sep| rest.starts_with(sep))
        else {
            break;
        };
        let start = pos + sep.len();
        // Ends of the runs of one to four capitalized words.
        let mut ends = Vec::new();
        let mut at = start;
        for word in text[start..].split(' ').take(4) {
            let bare = word.trim_end_matches([',', ';', '.', ')', ':']);
            if !bare.starts_with(char::is_uppercase) || !bare.chars().all(char::is_alphanumeric) {
                break;
            }
            ends.push(at + bare.len());
            if bare.len() < word.len() {
                break;
            }
            at += word.len() + 1;
        }
        let hit = ends.iter().rev().find_map(|&end| {
            let key = fold(&text[start..end]);
            let cands = units_of_the_day(&key, types, doc_date, |u| {
                types.contains(&u.type_key.as_str())
            });
            (!cands.is_empty()).then_some((end, cands))
        });
        let Some((end, cands)) = hit else { break };
        out.push((start, end, cands));
        pos = end;
    }
    out
}

/// A unit's name followed by "(cũ)" ("former"), as documents of the 2025 mergers write
/// the units they replaced.
fn marked_former(after_name: &str) -> bool {
    let rest = after_name.trim_start_matches([' ', '\t']);
    rest.strip_prefix('(')
        .map(|r| r.trim_start().to_lowercase())
        .is_some_and(|r| {
            r.strip_prefix("cũ")
                .is_some_and(|r| r.trim_start().starts_with([')', ',', ';']))
        })
}

/// A word of letters, all of them capitals ("HƯNG"; not "Hưng", not "XV80").
pub fn in_capitals(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_alphabetic() && !c.is_lowercase())
}

/// [`extract`], keeping the provinces the text names.
pub fn find(text: &str, rules: &RuleSet, doc_date: Option<&PartialDate>) -> Found {
    let units = gazetteer();
    // (start, start of the name, end, candidates, rule)
    let mut found: Vec<(usize, usize, usize, Vec<&Unit>, &str)> = Vec::new();
    for c in all_matches(text, rules, "place") {
        let (Some(t), Some(name)) = (c.group("type"), c.caps.name("name")) else {
            continue;
        };
        let types = types_for(t);
        if types == ["xa"] && after_thi(text, c.start) {
            continue;
        }
        let words: Vec<(usize, &str)> = name
            .as_str()
            .split(' ')
            .scan(0usize, |pos, w| {
                let at = *pos;
                *pos += w.len() + 1;
                Some((at, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        // Longest run of the captured words that names a unit of a fitting type.
        for n in (1..=words.len()).rev() {
            let (at, last) = words[n - 1];
            // "Văn Miếu - Quốc Tử Giám": a run never ends on the dash.
            if fold(last).is_empty() {
                continue;
            }
            // A run cut short inside a name written in capitals ("PHƯỜNG TÂN MỸ" of
            // "PHƯỜNG TÂN MỸ HƯNG", a ward the gazetteer lacks) is another place: the next
            // word in capitals, one space on, is the name's (a flattened header's national
            // name aside). In running text a name may well be followed by another ("thành
            // phố Hải Phòng Nguyễn Văn A").
            if let Some(&(next_at, next)) = words.get(n) {
                let one_space = next_at == at + last.len() + 1;
                if one_space && in_capitals(last) && in_capitals(next) && fold(next) != "cong" {
                    continue;
                }
            }
            let end = name.start() + at + last.len();
            let key = fold(&text[name.start()..end]);
            // "xã Tân Bình (cũ)": a commune merged away in 2025, which the gazetteer does
            // not hold; the 2025 commune of that name is another unit, often in another
            // province. Former districts and provinces are on the old map.
            let former = marked_former(&text[end..]);
            let cands = units_of_the_day(&key, types, doc_date, |u| {
                types.contains(&u.type_key.as_str()) && !(former && u.level == "commune")
            });
            if cands.is_empty() {
                if former {
                    break;
                }
                continue;
            }
            found.push((c.start, name.start(), end, cands, c.rule.id.as_str()));
            // "các huyện Ứng Hòa, Mỹ Đức, Chương Mỹ": the names listed after the first
            // share its type word.
            let before = text[..c.start].trim_end();
            let plural = before
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "các" | "những"));
            if plural && !former {
                for (item, item_end, cands) in listed_after(text, end, types, doc_date) {
                    found.push((item, item, item_end, cands, c.rule.id.as_str()));
                }
            }
            break;
        }
    }
    // A listed name also read by a rule of its own counts once.
    found.sort_by_key(|f| (f.1, std::cmp::Reverse(f.2)));
    found.dedup_by_key(|f| f.1);
    // In text order, whichever rule read them (stable: one rule's matches are in order).
    found.sort_by_key(|f| f.0);
    // Provinces the document names settle districts and communes found in several; a
    // commune's own name does not count ("phường Phú Thọ" of Hồ Chí Minh City).
    let mut province_text = text.to_string();
    for (_, name_start, end, cands, _) in &found {
        if cands.iter().any(|u| u.level == "commune") {
            province_text.replace_range(*name_start..*end, &" ".repeat(end - name_start));
        }
    }
    let folded_text = fold(&province_text);
    let named_provinces: Vec<&'static str> = units
        .iter()
        .filter(|u| u.level == "province" && folded_text.contains(&u.key))
        .map(|u| u.id.as_str())
        .collect();
    let places = found
        .into_iter()
        .map(|(start, name_start, end, cands, rule)| {
            let total = cands.len();
            let cands = settle(cands, &text[name_start..end], &named_provinces);
            let unit = cands[0];
            let settled = cands.len() == 1;
            let place = Place::of_unit(unit, settled, total);
            let confidence = if settled { 0.85 } else { 0.5 };
            Value::new(
                place,
                &text[start..end],
                (start..end).into(),
                confidence,
                rule,
            )
        })
        .collect();
    Found {
        places,
        named_provinces,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(text: &str, date: Option<PartialDate>) -> Vec<Place> {
        let rules = RuleSet::builtin().unwrap();
        extract(text, &rules, date.as_ref())
            .into_iter()
            .map(|v| v.value)
            .collect()
    }

    #[test]
    fn gazetteer_has_both_maps() {
        let g = gazetteer();
        let provinces_on = |day: Day| {
            g.iter()
                .filter(|u| u.level == "province" && !u.former_name)
                .filter(|u| days_outside(u, day) == 0)
                .count()
        };
        assert_eq!(provinces_on(LAST_OLD_MAP_DAY), 63);
        assert_eq!(provinces_on(REFORM), 34);
        assert_eq!(
            g.iter()
                .filter(|u| u.level == "province" && u.new_map)
                .count(),
            34
        );
        assert!(g
            .iter()
            .filter(|u| u.level == "province" && !u.new_map)
            .all(|u| u.successor.is_some() || u.split_into.len() > 1));
    }

    #[test]
    fn a_district_and_a_town_of_one_name_are_told_by_their_type() {
        // The package names them "Long Mỹ (Huyện)" and "Long Mỹ (Thị xã)"; texts write
        // the type word before the bare name.
        let day = PartialDate::new(2020, Some(5), Some(4));
        let found = places(
            "UBND huyện Long Mỹ và UBND thị xã Long Mỹ, UBND TP Cao Lãnh",
            day,
        );
        let ids: Vec<Option<&str>> = found.iter().map(|p| p.id.as_deref()).collect();
        assert_eq!(ids, [Some("d63-936"), Some("d63-937"), Some("d63-866")]);
        assert!(gazetteer().iter().all(|u| !u.name.contains('(')));
    }

    #[test]
    fn provinces_by_era_and_successor() {
        let old = PartialDate::new(2021, Some(10), Some(12));
        let p = places("Ủy ban nhân dân tỉnh Hải Dương", old.clone());
        assert_eq!(p[0].id.as_deref(), Some("p63-30"));
        let succ = p[0].successor.clone().unwrap();
        let new = PartialDate::new(2025, Some(9), Some(1));
        let p2 = places("Ủy ban nhân dân thành phố Hải Phòng", new);
        assert_eq!(
            p2[0].id.as_deref(),
            Some(succ.as_str()),
            "Hải Dương became part of Hải Phòng"
        );
        let p3 = places("thành phố Hải Phòng Nguyễn Văn A", old);
        assert_eq!(p3[0].id.as_deref(), Some("p63-31"));
    }

    #[test]
    fn a_district_raised_since_is_found_under_its_later_rank() {
        // The old map is the one of 2025: "huyện Hoài Nhơn" (a thị xã from 2020) and
        // "thị xã Bà Rịa" (a city from 2012) are found under their later ranks.
        let d = PartialDate::new(2007, Some(5), Some(25));
        let ids = |t: &str| {
            places(t, d.clone())
                .into_iter()
                .filter_map(|p| p.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("huyện Hoài Nhơn tỉnh Bình Định"), ["d63-543", "p63-52"]);
        let rank = |name: &str, written: &str| {
            lookup(name, Some(written), d.as_ref())
                .iter()
                .map(|u| u.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(rank("Hoài Nhơn", "huyện"), ["d63-543"]);
        assert!(!rank("Bà Rịa", "thị xã").is_empty());
        // Never the other way: a city is not found as a rural district's lower rank.
        assert!(rank("Hoài Nhơn", "quận").is_empty());
    }

    #[test]
    fn districts_and_ambiguity() {
        let p = places(
            "huyện Sóc Sơn 118,8%, TX Sơn Tây: 106%, quận Ngô Quyền, Hải Phòng",
            None,
        );
        assert_eq!(p.len(), 3);
        assert!(
            p.iter().all(|p| p.level == "district" && p.id.is_some()),
            "{p:?}"
        );
        assert_eq!(p[0].province.as_deref(), Some("p63-01"));
        // "Châu Thành" is a district of many provinces; naming one settles it.
        let p = places("huyện Châu Thành", None);
        assert!(p[0].id.is_none() && p[0].candidates > 1);
        let p = places("huyện Châu Thành, tỉnh Đồng Tháp", None);
        assert!(p[0].id.is_some(), "{p:?}");
        assert!(places("thành phố về việc", None).is_empty());
    }

    fn date(y: i32, m: u32, d: u32) -> Option<PartialDate> {
        PartialDate::new(y, Some(m), Some(d))
    }

    fn communes(text: &str, date: Option<PartialDate>) -> Vec<Place> {
        places(text, date)
            .into_iter()
            .filter(|p| p.level == "commune")
            .collect()
    }

    #[test]
    fn gazetteer_has_the_2025_communes() {
        let g = gazetteer();
        let provinces: Vec<&str> = g
            .iter()
            .filter(|u| u.level == "province" && u.new_map)
            .map(|u| u.id.as_str())
            .collect();
        let communes: Vec<&Unit> = g.iter().filter(|u| u.level == "commune").collect();
        assert_eq!(communes.len(), 3321);
        for u in &communes {
            assert!(u.new_map && u.id.starts_with("c34-"), "{u:?}");
            assert!(["Xã", "Phường", "Đặc khu"].contains(&u.unit_type.as_str()));
            assert!(provinces.contains(&u.parent.as_deref().unwrap()), "{u:?}");
        }
        let units: Vec<&Unit> = g.iter().filter(|u| !u.former_name && !u.earlier).collect();
        let mut ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), units.len(), "ids are unique");
    }

    #[test]
    fn communes_of_the_new_era() {
        let new = date(2026, 3, 15);
        let p = places("UBND xã Tân Phú, tỉnh Đồng Tháp", new.clone());
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].level, "commune");
        assert_eq!(p[0].unit_type, "Xã");
        assert_eq!(p[0].id.as_deref(), Some("c34-28468"));
        assert_eq!(p[0].province.as_deref(), Some("p34-82"));
        assert_eq!(p[1].id.as_deref(), Some("p34-82"));
        // Five provinces have a xã Tân Phú (the phường of Hồ Chí Minh City is not a xã).
        let p = places("ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ", new.clone());
        assert_eq!((p[0].id.as_deref(), p[0].candidates), (None, 5), "{p:?}");
        assert!(p[0].province.is_none());
        let p = communes("phường Tân Phú, Thành phố Hồ Chí Minh", new.clone());
        assert_eq!(p[0].id.as_deref(), Some("c34-27031"));
        for (text, id) in [
            ("Phường Ba Đình", "c34-00004"),
            ("PHƯỜNG BA ĐÌNH", "c34-00004"),
            ("xã Ba Đình", "c34-16171"),
            ("Đảng ủy xã Nam Đàn", "c34-17935"),
            ("đặc khu Phú Quốc", "c34-31078"),
            ("ĐẶC KHU CÔN ĐẢO", "c34-26732"),
            ("phường 1 Bảo Lộc", "c34-24823"),
            ("phường Văn Miếu - Quốc Tử Giám", "c34-00226"),
            ("xã Ea M'Droh", "c34-24286"),
            ("phường Yên Hoà", "c34-00175"),
            ("xã Dương Hòa", "c34-09856"),
            ("xã Dương Hoà", "c34-09856"),
            // Names that fold alike: the one spelled as written.
            ("xã Văn Lăng", "c34-05665"),
        ] {
            let p = communes(text, new.clone());
            assert_eq!(p.len(), 1, "{text}: {p:?}");
            assert_eq!(p[0].id.as_deref(), Some(id), "{text}");
            assert!(fold(text).ends_with(&fold(&p[0].name)), "{text}");
        }
        assert!(communes("xã Văn Lang", new.clone())[0].id.is_none());
        let rules = RuleSet::builtin().unwrap();
        let text = "phường Văn Miếu - Quốc Tử Giám - nơi";
        let v = extract(text, &rules, new.as_ref());
        assert_eq!(v[0].raw, "phường Văn Miếu - Quốc Tử Giám");
        // Names listed after a plural type word share it.
        let p = communes(
            "các xã Tân Phú, Tân Phú Trung và Bình Thành, tỉnh Đồng Tháp",
            new.clone(),
        );
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Tân Phú", "Tân Phú Trung", "Bình Thành"], "{p:?}");
        // A commune marked former was merged away; the 2025 one of its name is another.
        let p = communes("xã Tân Phú (cũ), nay là xã Tân Phú Trung", new.clone());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].name, "Tân Phú Trung");
        assert!(communes("Phường Ba Đình ( cũ )", new.clone()).is_empty());
        assert_eq!(communes("Phường Ba Đình (cũng là)", new.clone()).len(), 1);
        // No phường is numbered alone on the 2025 map.
        assert!(places("Phường 5", new.clone()).is_empty());
    }

    #[test]
    fn commune_words_that_are_not_communes() {
        let new = date(2026, 3, 15);
        assert!(places("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", new.clone()).is_empty());
        assert!(places("toàn xã thu hoạch; các phường, xã", new.clone()).is_empty());
        // "thị xã Sơn Tây" is the old district, never phường or xã Sơn Tây.
        let p = places("thị xã Sơn Tây", new.clone());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].level, "district");
    }

    #[test]
    fn a_commune_is_never_a_province_or_district() {
        let new = date(2026, 3, 15);
        let p = places("phường Bắc Giang", new.clone());
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].level.as_str(), p[0].id.as_deref()),
            ("commune", Some("c34-07210"))
        );
        let p = places("xã Sóc Sơn", new.clone());
        assert_eq!(p[0].id.as_deref(), Some("c34-00376"));
        assert!(lookup("Sóc Sơn", None, new.as_ref()).is_empty());
        assert!(lookup("Bắc Giang", None, new.as_ref())
            .iter()
            .all(|u| u.level == "province"));
        // The commune's own name does not name its province: phường Phú Thọ is in Phú
        // Thọ and in Hồ Chí Minh City.
        let p = places("phường Phú Thọ", new.clone());
        assert_eq!((p[0].id.as_deref(), p[0].candidates), (None, 2), "{p:?}");
        let p = places("phường Phú Thọ, Thành phố Hồ Chí Minh", new);
        assert_eq!(p[0].id.as_deref(), Some("c34-27226"));
    }

    /// A place's id and province, as [`one_place`] gives them.
    fn id_in(id: &str, province: &str) -> (String, Option<String>) {
        (id.to_string(), Some(province.to_string()))
    }

    /// The id and province of the one place `text` names, in a document of `date`.
    fn one_place(text: &str, date: Option<PartialDate>) -> (String, Option<String>) {
        let p = places(text, date.clone());
        assert_eq!(p.len(), 1, "{text} {date:?}: {p:?}");
        (p[0].id.clone().expect("settled"), p[0].province.clone())
    }

    #[test]
    fn a_district_has_the_province_of_the_documents_day() {
        for (text, date, want) in [
            // Hà Tây was merged into Hà Nội on 1 August 2008, Mê Linh moved from Vĩnh Phúc.
            (
                "huyện Ba Vì",
                date(2006, 3, 15),
                id_in("d63-271", "p63h-hatay"),
            ),
            (
                "huyện Ba Vì",
                date(2008, 7, 31),
                id_in("d63-271", "p63h-hatay"),
            ),
            ("huyện Ba Vì", date(2008, 8, 1), id_in("d63-271", "p63-01")),
            (
                "huyện Ứng Hòa",
                date(1999, 1, 4),
                id_in("d63-281", "p63h-hatay"),
            ),
            (
                "huyện Mê Linh",
                date(2006, 3, 15),
                id_in("d63-250", "p63-26"),
            ),
            (
                "huyện Mê Linh",
                date(2010, 1, 1),
                id_in("d63-250", "p63-01"),
            ),
            // Đắk Nông, Điện Biên and Hậu Giang were made on 1 January 2004.
            (
                "huyện Đắk Mil",
                date(2003, 12, 31),
                id_in("d63-663", "p63-66"),
            ),
            (
                "huyện Đắk Mil",
                date(2004, 1, 1),
                id_in("d63-663", "p63-67"),
            ),
            (
                "huyện Tuần Giáo",
                date(2002, 5, 20),
                id_in("d63-099", "p63h-laichau"),
            ),
            (
                "huyện Tuần Giáo",
                date(2005, 5, 20),
                id_in("d63-099", "p63-11"),
            ),
            (
                "huyện Mường Tè",
                date(2002, 5, 20),
                id_in("d63-107", "p63h-laichau"),
            ),
            (
                "huyện Than Uyên",
                date(2002, 5, 20),
                id_in("d63-110", "p63-10"),
            ),
            (
                "huyện Than Uyên",
                date(2005, 5, 20),
                id_in("d63-110", "p63-12"),
            ),
            (
                "huyện Phụng Hiệp",
                date(2003, 6, 10),
                id_in("d63-934", "p63h-cantho"),
            ),
            (
                "huyện Phụng Hiệp",
                date(2004, 6, 10),
                id_in("d63-934", "p63-93"),
            ),
            // A town under the type of its day.
            (
                "thị xã Hà Đông",
                date(2005, 1, 10),
                id_in("d63-268", "p63h-hatay"),
            ),
            (
                "thành phố Hà Đông",
                date(2007, 6, 1),
                id_in("d63-268", "p63h-hatay"),
            ),
            (
                "thành phố Hà Đông",
                date(2008, 10, 1),
                id_in("d63-268", "p63-01"),
            ),
            ("quận Hà Đông", date(2012, 1, 1), id_in("d63-268", "p63-01")),
            (
                "thành phố Sơn Tây",
                date(2008, 3, 1),
                id_in("d63-269", "p63h-hatay"),
            ),
            (
                "thị xã Điện Biên Phủ",
                date(1999, 1, 1),
                id_in("d63-094", "p63h-laichau"),
            ),
            (
                "thành phố Cần Thơ",
                date(2002, 1, 1),
                id_in("d63h-cantho", "p63h-cantho"),
            ),
        ] {
            assert_eq!(one_place(text, date.clone()), want, "{text} {date:?}");
        }
    }

    #[test]
    fn districts_merged_away_in_2019_to_2024_are_found_in_their_time() {
        for (text, date, want) in [
            (
                "huyện Hoành Bồ",
                date(2018, 4, 2),
                id_in("d63h-hoanhbo", "p63-22"),
            ),
            (
                "huyện Cát Tiên",
                date(2022, 9, 1),
                id_in("d63h-cattien", "p63-68"),
            ),
            (
                "thị xã Cửa Lò",
                date(2015, 6, 1),
                id_in("d63h-cualo", "p63-40"),
            ),
            (
                "thành phố Huế",
                date(2020, 3, 1),
                id_in("d63h-hue", "p63-46"),
            ),
            // The old district whose name the merged one took, and the merged one.
            (
                "huyện Đạ Huoai",
                date(2020, 3, 1),
                id_in("d63h-dahuoai", "p63-68"),
            ),
            (
                "huyện Đạ Huoai",
                date(2025, 3, 1),
                id_in("d63-682", "p63-68"),
            ),
            (
                "thành phố Thủ Đức",
                date(2022, 3, 1),
                id_in("d63-769", "p63-79"),
            ),
            // A district that became a city keeps the type of its day.
            ("huyện Hoa Lư", date(2016, 3, 1), id_in("d63-374", "p63-37")),
        ] {
            assert_eq!(one_place(text, date.clone()), want, "{text} {date:?}");
        }
        let quan9 = lookup("9", Some("quận"), date(2019, 1, 1).as_ref());
        assert_eq!(
            quan9.iter().map(|u| &u.id[..]).collect::<Vec<_>>(),
            ["d63h-quan9"]
        );
        let earlier = unit_of_day("d63-374", date(2016, 3, 1).as_ref()).unwrap();
        assert_eq!(earlier.unit_type, "Huyện");
    }

    #[test]
    fn an_undated_document_keeps_the_map_of_2024() {
        // Nothing dates it: districts have their province of the end of 2024, and only a
        // name that nothing else fits is a province that no longer exists.
        for (text, want) in [
            ("huyện Ba Vì", ("d63-271", Some("p63-01"))),
            ("huyện Mê Linh", ("d63-250", Some("p63-01"))),
            ("huyện Tuần Giáo", ("d63-099", Some("p63-11"))),
            ("TX Sơn Tây", ("d63-269", Some("p63-01"))),
            ("thành phố Cần Thơ", ("p63-92", None)),
            ("tỉnh Lai Châu", ("p63-12", None)),
            ("tỉnh Hà Tây", ("p63h-hatay", None)),
            ("tỉnh Cần Thơ", ("p63h-cantho", None)),
        ] {
            let (id, province) = one_place(text, None);
            assert_eq!((id.as_str(), province.as_deref()), want, "{text}");
        }
        assert_eq!(lookup("Lai Châu", None, None)[0].id, "p63-12");
        assert_eq!(lookup("Cần Thơ", None, None)[0].id, "p63-92");
        // And a document of the 2025 map keeps it too.
        let new = date(2026, 3, 15);
        assert_eq!(lookup("Lai Châu", None, new.as_ref())[0].id, "p34-12");
        assert_eq!(one_place("huyện Ba Vì", new).1.as_deref(), Some("p63-01"));
    }

    #[test]
    fn provinces_that_no_longer_exist() {
        let old = date(2006, 3, 15);
        let p = places("Ủy ban nhân dân tỉnh Hà Tây", old.clone());
        assert_eq!(p[0].id.as_deref(), Some("p63h-hatay"));
        assert_eq!(p[0].successor.as_deref(), Some("p63-01"));
        // Still Hà Tây in a document written after the merger.
        assert_eq!(one_place("tỉnh Hà Tây", date(2020, 1, 1)).0, "p63h-hatay");
        // The old Lai Châu, divided in two, and the new one.
        let p = places("tỉnh Lai Châu", date(2002, 5, 20));
        assert_eq!(p[0].id.as_deref(), Some("p63h-laichau"));
        assert_eq!(
            (p[0].successor.as_ref(), &p[0].split_into[..]),
            (None, &["p63-11".to_string(), "p63-12".to_string()][..])
        );
        assert_eq!(one_place("tỉnh Lai Châu", date(2004, 1, 1)).0, "p63-12");
        let [unit] = lookup("Lai Châu", None, date(2003, 12, 31).as_ref())[..] else {
            panic!("one Lai Châu");
        };
        assert_eq!(unit.id, "p63h-laichau");
        // The provinces divided on 1 January 1997; one made then is still the only unit
        // of its name before.
        let p = places("tỉnh Hải Hưng", date(1996, 11, 25));
        assert_eq!(p[0].id.as_deref(), Some("p63h-haihung"));
        assert_eq!(p[0].split_into, ["p63-30", "p63-33"]);
        assert_eq!(one_place("tỉnh Hải Dương", date(1996, 11, 25)).0, "p63-30");
        let unit = &lookup("Hải Dương", None, date(1996, 11, 25).as_ref())[0];
        assert!(begins_after(unit, date(1996, 11, 25).as_ref()));
        assert!(!begins_after(unit, date(1997, 1, 1).as_ref()) && !begins_after(unit, None));
        let [unit] = lookup(
            "Quảng Nam - Đà Nẵng",
            Some("tỉnh"),
            date(1995, 1, 1).as_ref(),
        )[..] else {
            panic!("one Quảng Nam - Đà Nẵng");
        };
        assert_eq!(unit.split_into, ["p63-49", "p63-48"]);
    }

    #[test]
    fn a_unit_as_it_was_on_the_day() {
        let province = |id: &str, date: Option<PartialDate>| {
            unit_of_day(id, date.as_ref()).and_then(|u| u.parent.clone())
        };
        assert_eq!(
            province("d63-271", date(2006, 3, 15)).as_deref(),
            Some("p63h-hatay")
        );
        assert_eq!(province("d63-271", None).as_deref(), Some("p63-01"));
        assert_eq!(
            province("d63-268", date(2008, 10, 1)).as_deref(),
            Some("p63-01")
        );
        let u = unit_of_day("d63-268", date(2007, 6, 1).as_ref()).unwrap();
        assert_eq!((u.unit_type.as_str(), u.earlier), ("Thành phố", true));
        // A former name's copy is never the unit: Huế, not Thừa Thiên Huế.
        assert_eq!(unit_of_day("p63-46", None).unwrap().name, "Huế");
    }

    #[test]
    fn the_history_table_holds_together() {
        let g = gazetteer();
        let units = parse_units();
        let rows: Vec<Vec<&str>> = HISTORY_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(rows.len() > 50);
        let is_id = |id: &str| g.iter().any(|u| u.id == id);
        for c in &rows {
            assert_eq!(c.len(), 10, "{c:?}");
            assert!(
                !c[8].is_empty() && !c[9].is_empty(),
                "an act and a reason: {c:?}"
            );
            let (from, to) = (parse_day(c[5]), parse_day(c[6]));
            assert_eq!(from.is_some(), !c[5].is_empty(), "{c:?}");
            assert_eq!(to.is_some(), !c[6].is_empty(), "{c:?}");
            assert!(from.is_some() || to.is_some(), "{c:?}");
            assert!(from.zip(to).map_or(true, |(f, t)| f <= t), "{c:?}");
            assert!(c[4].is_empty() || is_id(c[4]), "{c:?}");
            assert!(c[7].split_whitespace().all(is_id), "{c:?}");
            match units.iter().find(|u| u.id == c[0]) {
                // The day a unit of units.tsv began: as units.tsv writes it.
                Some(u) if to.is_none() => {
                    assert_eq!(
                        (u.unit_type.as_str(), u.name.as_str()),
                        (c[2], c[3]),
                        "{c:?}"
                    );
                }
                Some(u) => assert_eq!(u.level, c[1], "{c:?}"),
                // A unit that no longer exists: an id of its own, which says so.
                None => {
                    assert!(
                        c[0].starts_with("p63h-") || c[0].starts_with("d63h-"),
                        "{c:?}"
                    );
                    assert!(to.is_some(), "{c:?}");
                }
            }
        }
        // A unit's states follow one another: no two of one id overlap.
        let mut states: Vec<&Unit> = g.iter().filter(|u| !u.former_name).collect();
        states.sort_by_key(|u| (&u.id, u.valid_from));
        for w in states.windows(2) {
            if w[0].id == w[1].id {
                let (to, from) = (w[0].valid_to.unwrap(), w[1].valid_from.unwrap());
                assert!(to < from, "{:?} {:?}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn no_communes_before_the_2025_map() {
        for date in [date(2024, 11, 5), date(2025, 6, 30), None] {
            let p = places("UBND xã Tân Phú, tỉnh Đồng Tháp; xã Sóc Sơn", date.clone());
            assert_eq!(p.len(), 1, "{date:?}: {p:?}");
            assert_eq!(p[0].id.as_deref(), Some("p63-87"));
            assert!(lookup("Tân Phú", Some("xã"), date.as_ref()).is_empty());
        }
        assert_eq!(
            lookup("Tân Phú", Some("xã"), date(2026, 3, 15).as_ref()).len(),
            5
        );
    }
}

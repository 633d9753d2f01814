//! Places (extract stage): provinces, districts and communes named with their type word
//! ("tỉnh Đồng Tháp", "huyện Sóc Sơn", "TX Sơn Tây", "xã Tân Phú") normalized to stable ids
//! through the gazetteer in `data/gazetteer/units.tsv` (built by
//! `scripts/build_gazetteer.py`; see its SOURCE.md). Time-aware: a document dated from 1 July
//! 2025 gets the 34 new provinces and their communes (xã, phường, đặc khu), an older one the
//! 63 old provinces and their districts, each old province naming its successor. A district
//! or commune name found in several provinces is settled by the provinces the document
//! names; otherwise it stays without an id. The old map's wards are not covered.

use super::matching::all_matches;
use crate::document::{PartialDate, Value};
use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const UNITS_TSV: &str = include_str!("../../data/gazetteer/units.tsv");
/// First day of the 34-province map.
const REFORM: (i32, u32, u32) = (2025, 7, 1);

/// One administrative unit of the gazetteer.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub level: String,
    pub unit_type: String,
    pub name: String,
    pub parent: Option<String>,
    /// True for units of the 2025 map, false for the 63-province map.
    pub new_map: bool,
    pub successor: Option<String>,
    /// A copy of a unit under a former name or older spelling (its id is the unit's).
    pub former_name: bool,
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
    /// For a province of the old map, the 2025 province it is now part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
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
/// the unit's id: a document of their time names it so.
pub fn gazetteer() -> &'static [Unit] {
    static UNITS: OnceLock<Vec<Unit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        let mut units = parse_units();
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
        units
    })
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
                successor: opt(c[7]),
                former_name: false,
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

/// True when a document of this date belongs to the 34-province map (from 1 July 2025).
pub fn is_new_era(doc_date: Option<&PartialDate>) -> bool {
    doc_date.is_some_and(|d| (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1)) >= REFORM)
}

/// Units named `name` (any case or tone placement) of a type the written type word allows
/// ("tỉnh", "TP", "huyện"…), or provinces only when no type word was written; units of the
/// document's era first, the other era only when nothing else fits.
pub fn lookup(name: &str, written_type: Option<&str>, new_era: bool) -> Vec<&'static Unit> {
    // Numbered districts and wards carry their type in the name ("Quận 5").
    let key = match written_type {
        Some(t) if name.chars().all(|c| c.is_ascii_digit()) => fold(&format!("{t} {name}")),
        _ => fold(name),
    };
    if key.is_empty() {
        return Vec::new();
    }
    let mut cands: Vec<&Unit> = gazetteer()
        .iter()
        .filter(|u| u.key == key && in_era(u, new_era))
        .filter(|u| match written_type {
            Some(t) => types_for(t).contains(&u.type_key.as_str()),
            None => u.level == "province",
        })
        .collect();
    if cands.iter().any(|u| u.new_map == new_era) {
        cands.retain(|u| u.new_map == new_era);
    }
    // A district raised since the document was written is found under its later rank
    // when nothing has the written one.
    if cands.is_empty() && !new_era {
        cands = raised_districts(&key, written_type.map_or(&[][..], types_for));
    }
    cands
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

/// [`extract`], keeping the provinces the text names.
pub fn find(text: &str, rules: &RuleSet, doc_date: Option<&PartialDate>) -> Found {
    let units = gazetteer();
    let new_era = is_new_era(doc_date);
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
            let end = name.start() + at + last.len();
            let key = fold(&text[name.start()..end]);
            let mut cands: Vec<&Unit> = units
                .iter()
                .filter(|u| u.key == key && types.contains(&u.type_key.as_str()))
                .filter(|u| in_era(u, new_era))
                .collect();
            if cands.is_empty() && !new_era {
                cands = raised_districts(&key, types);
            }
            if cands.is_empty() {
                continue;
            }
            // The era of the document first; the other era only when nothing else fits.
            if cands.iter().any(|u| u.new_map == new_era) {
                cands.retain(|u| u.new_map == new_era);
            }
            found.push((c.start, name.start(), end, cands, c.rule.id.as_str()));
            break;
        }
    }
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
        assert_eq!(
            g.iter()
                .filter(|u| u.level == "province" && !u.new_map && !u.former_name)
                .count(),
            63
        );
        assert_eq!(
            g.iter()
                .filter(|u| u.level == "province" && u.new_map)
                .count(),
            34
        );
        assert!(g
            .iter()
            .filter(|u| u.level == "province" && !u.new_map)
            .all(|u| u.successor.is_some()));
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
            lookup(name, Some(written), false)
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
        let units: Vec<&Unit> = g.iter().filter(|u| !u.former_name).collect();
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
        assert!(lookup("Sóc Sơn", None, true).is_empty());
        assert!(lookup("Bắc Giang", None, true)
            .iter()
            .all(|u| u.level == "province"));
        // The commune's own name does not name its province: phường Phú Thọ is in Phú
        // Thọ and in Hồ Chí Minh City.
        let p = places("phường Phú Thọ", new.clone());
        assert_eq!((p[0].id.as_deref(), p[0].candidates), (None, 2), "{p:?}");
        let p = places("phường Phú Thọ, Thành phố Hồ Chí Minh", new);
        assert_eq!(p[0].id.as_deref(), Some("c34-27226"));
    }

    #[test]
    fn no_communes_before_the_2025_map() {
        for date in [date(2024, 11, 5), date(2025, 6, 30), None] {
            let p = places("UBND xã Tân Phú, tỉnh Đồng Tháp; xã Sóc Sơn", date.clone());
            assert_eq!(p.len(), 1, "{date:?}: {p:?}");
            assert_eq!(p[0].id.as_deref(), Some("p63-87"));
            assert!(lookup("Tân Phú", Some("xã"), false).is_empty());
        }
        assert_eq!(lookup("Tân Phú", Some("xã"), true).len(), 5);
    }
}

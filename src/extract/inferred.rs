//! What the header did not say, read from the body: the document's year and province.
//!
//! Archive files often come without their header block (a scan that starts at the title,
//! a text layer that lost the top of the page); an analyst still needs a year and a place
//! to file them. Inferred values carry their own rule names and a lower confidence, so a
//! reviewer sees that the document did not write them as such.

use super::matching::all_matches;
use super::places::{self, fold, Place};
use super::{DocumentFields, Reference};
use crate::document::Value;
use crate::rules::RuleSet;
use std::collections::HashMap;

/// The latest cited document dates the year only from below.
pub const YEAR_FROM_CITATION_CONFIDENCE: f32 = 0.6;
/// A province named again and again is most likely, not surely, where the document is from.
pub const PLACE_FROM_MENTIONS_CONFIDENCE: f32 = 0.5;
/// How often the province must be named, and how many times more than any other.
const MIN_PLACE_MENTIONS: usize = 3;
const PLACE_DOMINANCE: usize = 2;

/// The year the document was issued: its header date's, or else the year of the latest
/// document it cites (a document is issued after everything it cites).
pub fn year(document: &DocumentFields, references: &[Value<Reference>]) -> Option<Value<i32>> {
    if let Some(date) = &document.date {
        return Some(Value::new(
            date.value.year,
            &date.raw,
            date.span,
            date.confidence,
            "year.date",
        ));
    }
    references
        .iter()
        .filter_map(|r| {
            let year = r.value.date.as_ref().map(|d| d.year).or(r.value.year)?;
            Some((year, r))
        })
        // The latest year; of its citations, the first in the text.
        .max_by_key(|(year, r)| (*year, std::cmp::Reverse(r.span.start)))
        .map(|(year, r)| {
            Value::new(
                year,
                &r.raw,
                r.span,
                YEAR_FROM_CITATION_CONFIDENCE,
                "year.latest_citation",
            )
        })
}

/// The province the document is from, as a gazetteer unit: the one its place line names
/// ("Hà Nội, ngày …"), else the one its body names at least [`MIN_PLACE_MENTIONS`] times (its
/// districts, and its communes whose names are unique on the map, count for it) and
/// [`PLACE_DOMINANCE`] times as often as any other; the value then points at the first
/// mention of the province itself. A place line that names a district ("Đông Anh"), spells
/// out the province's type ("Thành phố Hồ Chí Minh") or names a province made after the
/// document's date ("Hải Dương" in 1996, Hải Hưng's seat) gives way to the issuer's own
/// place first (rule `province.issuer`; a district's province as of the document's date),
/// and so does a place line that names the issuing body's own commune or district ("ỦY BAN
/// NHÂN DÂN / XÃ HÒA BÌNH" writing "Hòa Bình, ngày …": the commune, not the province of that
/// name; rule `province.own_locality`).
pub fn province(
    document: &DocumentFields,
    mentions: &[Value<Place>],
    rules: &RuleSet,
) -> Option<Value<Place>> {
    if let Some(line) = document
        .place
        .as_ref()
        .filter(|l| !names_own_locality(document, &l.value, rules))
    {
        let date = document.date.as_ref().map(|d| &d.value);
        // A province made after the document's day names a town there, which gives way to
        // the issuer's place: "Hải Dương, ngày … 1996" is Hải Hưng's seat, not the province
        // of Hải Dương, made in 1997.
        match places::lookup(&line.value, None, date)[..] {
            [unit] if !places::begins_after(unit, date) => {
                return Some(Value::new(
                    Place::of_unit(unit, true, 1),
                    &line.raw,
                    line.span,
                    line.confidence,
                    "province.place_line",
                ));
            }
            _ => {}
        }
    }
    if let Some(v) = province_of_issuer(document) {
        return Some(v);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for p in mentions {
        let province = match p.value.level.as_str() {
            "province" => p.value.id.as_deref(),
            // Only a commune unique by name is evidence of its own: one settled by the
            // provinces the document names would count those provinces twice.
            "commune" if p.value.candidates > 1 => None,
            _ => p.value.province.as_deref(),
        };
        if let Some(id) = province {
            *counts.entry(id).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (top, n) = *ranked.first()?;
    let runner_up = ranked.get(1).map_or(0, |r| r.1);
    if n < MIN_PLACE_MENTIONS || n < PLACE_DOMINANCE * runner_up {
        return None;
    }
    let first = mentions
        .iter()
        .filter(|p| p.value.level == "province" && p.value.id.as_deref() == Some(top))
        .min_by_key(|p| p.span.start)?;
    Some(Value::new(
        first.value.clone(),
        &first.raw,
        first.span,
        PLACE_FROM_MENTIONS_CONFIDENCE,
        "province.mentions",
    ))
}

/// True when `place` (the place line's name) is the name of a unit below the province that
/// the issuing body, or its parent, is named after ("XÃ HÒA BÌNH", "HUYỆN QUẢNG NINH").
fn names_own_locality(document: &DocumentFields, place: &str, rules: &RuleSet) -> bool {
    let Some(issuer) = &document.issuer else {
        return false;
    };
    let place = fold(place);
    if place.is_empty() {
        return false;
    }
    let names = std::iter::once(&issuer.value.name).chain(issuer.value.parent.as_ref());
    names.into_iter().any(|name| {
        all_matches(name, rules, "place.locality")
            .iter()
            // "THỊ XÃ …" is a town, named like the province it lies in.
            .filter(|c| !places::after_thi(name, c.start))
            .filter_map(|c| c.group("name"))
            .any(|n| {
                let n = fold(n);
                // Words of a flattened layout may follow the name.
                n == place || n.starts_with(&format!("{place} "))
            })
    })
}

/// The province of the issuing body's place (its own, or its parent body's), when the
/// header names a place the agency normalizer found in the gazetteer.
fn province_of_issuer(document: &DocumentFields) -> Option<Value<Place>> {
    let issuer = document.issuer.as_ref()?;
    let place = [&issuer.value.agency, &issuer.value.parent_agency]
        .into_iter()
        .find_map(|a| a.as_ref()?.place.as_deref())?;
    // The unit as it was on the document's day: a district of Hà Tây in 2006 is Hà Tây's.
    let date = document.date.as_ref().map(|d| &d.value);
    let by_id = |id: &str| places::unit_of_day(id, date);
    let unit = by_id(place)?;
    let province = if unit.level == "province" {
        unit
    } else {
        by_id(unit.parent.as_deref()?)?
    };
    Some(Value::new(
        Place::of_unit(province, true, 1),
        &issuer.raw,
        issuer.span,
        issuer.confidence,
        "province.issuer",
    ))
}

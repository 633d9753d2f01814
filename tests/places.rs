//! Communes of the 2025 map end to end, on the made-up documents of fixtures/probe7: a
//! commune People's Committee's report dated 2026 gets its commune with id and province,
//! and so does its issuing body's agency id; an ambiguous commune without its province
//! gets none, nor does a body named after one; the same report dated 2024 gets no 2025
//! commune.

use crate::common::{records, repo, vanban};
use serde_json::Value as Json;

fn record(file: &str) -> Json {
    record_at(&format!("fixtures/probe7/{file}"))
}

fn record_at(path: &str) -> Json {
    let out = vanban(&["extract", path, "--no-text"], None, &repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    records(&out.stdout).remove(0)
}

/// The places whose raw text is `raw`.
fn places<'r>(record: &'r Json, raw: &str) -> Vec<&'r Json> {
    record["places"]
        .as_array()
        .expect("places")
        .iter()
        .filter(|p| p["raw"] == raw)
        .map(|p| &p["value"])
        .collect()
}

#[test]
fn a_commune_report_of_2026_names_its_commune() {
    let r = record("01_ubnd_xa_bao_cao_2026.txt");
    // Five provinces have a xã Tân Phú; the document names Đồng Tháp.
    for raw in ["XÃ TÂN PHÚ", "xã Tân Phú"] {
        let p = places(&r, raw);
        assert_eq!(p.len(), 1, "{raw}: {p:?}");
        assert_eq!(p[0]["level"], "commune");
        assert_eq!(p[0]["type"], "Xã");
        assert_eq!(p[0]["id"], "c34-28468");
        assert_eq!(p[0]["province"], "p34-82");
        assert_eq!(p[0]["candidates"], 5);
    }
    let p = places(&r, "phường Mỹ Tho");
    assert_eq!(
        (&p[0]["id"], &p[0]["province"]),
        (&"c34-28261".into(), &"p34-82".into())
    );
    // Xã Tân Kỳ is in three provinces, none of which the document names.
    let p = places(&r, "xã Tân Kỳ");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0]["level"], "commune");
    assert!(
        p[0].get("id").is_none() && p[0].get("province").is_none(),
        "{p:?}"
    );
    assert_eq!(p[0]["candidates"], 3);
    // Neither a district nor a province of the commune's name.
    assert!(r["places"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["value"]["level"] != "district"
            && (p["value"]["level"] == "commune" || p["value"]["name"] == "Đồng Tháp")));
    assert_eq!(r["document"]["province"]["value"]["id"], "p34-82");
}

#[test]
fn a_report_of_2024_names_no_2025_commune() {
    let r = record("02_ubnd_xa_bao_cao_2024.txt");
    let all = r["places"].as_array().expect("places");
    assert!(!all.is_empty());
    for p in all {
        assert_ne!(p["value"]["level"], "commune", "{p}");
        let id = p["value"]["id"].as_str().unwrap_or("");
        assert!(!id.starts_with("c34-") && !id.starts_with("p34-"), "{p}");
    }
    assert!(places(&r, "xã Tân Phú").is_empty());
    assert_eq!(r["document"]["province"]["value"]["id"], "p63-87");
}

/// The issuing body's agency, and the document's province with the rule that read it.
fn issuer_and_province(r: &Json) -> (&Json, &Json, &Json) {
    let province = &r["document"]["province"];
    (
        &r["document"]["issuer"]["value"]["agency"],
        &province["value"]["id"],
        &province["rule"],
    )
}

#[test]
fn a_commune_body_of_2026_names_its_commune_and_province() {
    let r = record("01_ubnd_xa_bao_cao_2026.txt");
    let (agency, province, rule) = issuer_and_province(&r);
    // Settled by the province the report names (tỉnh Đồng Tháp), as its places are.
    assert_eq!(agency["id"], "ubnd@c34-28468", "{agency}");
    assert_eq!(agency["place"], "c34-28468");
    assert_eq!(agency["name"], "Ủy ban nhân dân xã Tân Phú");
    // The place line ("Tân Phú") names no province; the issuer's commune does.
    assert_eq!(
        (province, rule),
        (&"p34-82".into(), &"province.issuer".into())
    );
}

#[test]
fn an_unsettled_commune_body_keeps_its_name_without_a_place() {
    // Xã Tân Kỳ is in three provinces and the report names none of them.
    let r = record_at("fixtures/probe6/10_xa_ntm_figures.txt");
    let (agency, province, _) = issuer_and_province(&r);
    assert_eq!(agency["id"], "ubnd:xa-tan-ky", "{agency}");
    assert!(agency.get("place").is_none(), "{agency}");
    assert!(province.is_null(), "{r:#}");
}

#[test]
fn a_commune_body_of_2024_keeps_its_old_id() {
    let r = record("02_ubnd_xa_bao_cao_2024.txt");
    let (agency, province, rule) = issuer_and_province(&r);
    assert_eq!(agency["id"], "ubnd:xa-tan-phu", "{agency}");
    assert!(agency.get("place").is_none(), "{agency}");
    assert_eq!(
        (province, rule),
        (&"p63-87".into(), &"province.mentions".into())
    );
}

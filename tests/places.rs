//! Communes of the 2025 map end to end, on the made-up documents of fixtures/probe7: a
//! commune People's Committee's report dated 2026 gets its commune with id and province,
//! and so does its issuing body's agency id; an ambiguous commune without its province
//! gets none, nor does a body named after one; the same report dated 2024 gets no 2025
//! commune. The provinces of 1997–2008, on those of fixtures/history: a document of its day
//! gets the province of its day (Hà Tây, the old Lai Châu and Cần Thơ, Hải Hưng) for its
//! issuer, itself and its districts; an undated one the map of the end of 2024.

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

fn history(file: &str) -> Json {
    record_at(&format!("fixtures/history/{file}"))
}

/// The id and province of each place whose raw text is `raw`.
fn ids(record: &Json, raw: &str) -> Vec<(Json, Json)> {
    places(record, raw)
        .into_iter()
        .map(|p| (p["id"].clone(), p["province"].clone()))
        .collect()
}

/// `(id, province)` as the record writes them; `Json::Null` for a province it leaves out.
fn id_in(id: &str, province: &str) -> (Json, Json) {
    let province = if province.is_empty() {
        Json::Null
    } else {
        province.into()
    };
    (id.into(), province)
}

#[test]
fn a_ha_tay_letter_of_2006_has_the_provinces_of_its_day() {
    let r = history("01_ubnd_tinh_ha_tay_2006.txt");
    let (agency, province, rule) = issuer_and_province(&r);
    // The issuer carries its province's id as any other province's committee does.
    assert_eq!(agency["id"], "ubnd@p63h-hatay", "{agency}");
    assert_eq!(agency["place"], "p63h-hatay");
    // The place line names Hà Đông, the province's seat: the issuer gives the province.
    assert_eq!(
        (province, rule),
        (&"p63h-hatay".into(), &"province.issuer".into())
    );
    assert_eq!(r["document"]["province"]["value"]["successor"], "p63-01");
    for (raw, want) in [
        ("huyện Ba Vì", id_in("d63-271", "p63h-hatay")),
        ("huyện Thạch Thất", id_in("d63-276", "p63h-hatay")),
        ("thị xã Sơn Tây", id_in("d63-269", "p63h-hatay")),
        // Mê Linh was Vĩnh Phúc's until the same day.
        ("huyện Mê Linh", id_in("d63-250", "p63-26")),
        ("tỉnh Hà Tây", id_in("p63h-hatay", "")),
    ] {
        let found = ids(&r, raw);
        assert!(!found.is_empty(), "{raw}");
        assert!(found.iter().all(|f| *f == want), "{raw}: {found:?}");
    }
    // The same district's report of 2010, after the merger: Hà Nội's.
    let r = history("06_ubnd_huyen_ba_vi_2010.txt");
    let (agency, province, rule) = issuer_and_province(&r);
    assert_eq!(agency["id"], "ubnd@d63-271", "{agency}");
    assert_eq!(
        (province, rule),
        (&"p63-01".into(), &"province.issuer".into())
    );
    assert_eq!(ids(&r, "thị xã Sơn Tây"), [id_in("d63-269", "p63-01")]);
}

#[test]
fn an_undated_text_has_the_map_of_2024() {
    let r = history("02_ha_tay_khong_ngay.txt");
    assert!(r["document"]["date"].is_null());
    for (raw, want) in [
        ("Huyện Ba Vì", id_in("d63-271", "p63-01")),
        ("huyện Mê Linh", id_in("d63-250", "p63-01")),
        ("Thị xã Sơn Tây", id_in("d63-269", "p63-01")),
        // Only a province that no longer exists has this name.
        ("tỉnh Hà Tây", id_in("p63h-hatay", "")),
    ] {
        assert_eq!(ids(&r, raw), [want], "{raw}");
    }
}

#[test]
fn the_provinces_divided_in_2004_before_their_division() {
    let r = history("03_ubnd_tinh_lai_chau_2002.txt");
    let (agency, province, rule) = issuer_and_province(&r);
    assert_eq!(agency["id"], "ubnd@p63h-laichau", "{agency}");
    assert_eq!(
        (province, rule),
        (&"p63h-laichau".into(), &"province.issuer".into())
    );
    assert_eq!(
        r["document"]["province"]["value"]["split_into"],
        serde_json::json!(["p63-11", "p63-12"])
    );
    for (raw, want) in [
        ("huyện Tuần Giáo", id_in("d63-099", "p63h-laichau")),
        ("huyện Mường Tè", id_in("d63-107", "p63h-laichau")),
        ("huyện Tam Đường", id_in("d63-106", "p63h-laichau")),
        ("thị xã Điện Biên Phủ", id_in("d63-094", "p63h-laichau")),
        // Lào Cai's until the new Lai Châu took it.
        ("huyện Than Uyên", id_in("d63-110", "p63-10")),
    ] {
        assert_eq!(ids(&r, raw), [want], "{raw}");
    }

    let r = history("04_so_nn_tinh_can_tho_2003.txt");
    let agency = &r["document"]["issuer"]["value"]["agency"];
    assert_eq!(agency["id"], "so:nong_nghiep_ptnt@p63h-cantho", "{agency}");
    let parent = &r["document"]["issuer"]["value"]["parent_agency"];
    assert_eq!(parent["name"], "Ủy ban nhân dân tỉnh Cần Thơ", "{parent}");
    assert_eq!(r["document"]["province"]["value"]["id"], "p63h-cantho");
    assert_eq!(r["document"]["province"]["rule"], "province.place_line");
    for (raw, want) in [
        // The province's own city, not the centrally-run city made in 2004.
        ("thành phố Cần Thơ", id_in("d63h-cantho", "p63h-cantho")),
        ("huyện Phụng Hiệp", id_in("d63-934", "p63h-cantho")),
        ("huyện Châu Thành A", id_in("d63-932", "p63h-cantho")),
        // Đắk Lắk's until Đắk Nông was made.
        ("huyện Đắk Mil", id_in("d63-663", "p63-66")),
    ] {
        let found = ids(&r, raw);
        assert!(!found.is_empty(), "{raw}");
        assert!(found.iter().all(|f| *f == want), "{raw}: {found:?}");
    }
}

#[test]
fn a_letter_of_1996_is_from_hai_hung() {
    let r = history("05_ubnd_tinh_hai_hung_1996.txt");
    let (agency, province, rule) = issuer_and_province(&r);
    assert_eq!(agency["id"], "ubnd@p63h-haihung", "{agency}");
    // "Hải Dương, ngày … 1996" is the seat of Hải Hưng: the province of Hải Dương was made
    // on 1 January 1997, so the issuer gives the province.
    assert_eq!(
        (province, rule),
        (&"p63h-haihung".into(), &"province.issuer".into())
    );
    assert_eq!(ids(&r, "tỉnh Hải Hưng")[0], id_in("p63h-haihung", ""));
    // The provinces it was divided into, named as such.
    assert_eq!(ids(&r, "tỉnh Hải Dương"), [id_in("p63-30", "")]);
    assert_eq!(ids(&r, "tỉnh Hưng Yên"), [id_in("p63-33", "")]);
}

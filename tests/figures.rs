//! Figures in reports of every year: the time each figure belongs to when its sentence
//! compares with another time, and the cross-checks of changes. Made-up text.

use crate::common::record_of_text as record;
use serde_json::Value;

/// Each figure as written, with its period.
fn periods(r: &Value) -> Vec<(String, Option<String>)> {
    r["quantities"]
        .as_array()
        .expect("quantities")
        .iter()
        .map(|q| {
            (
                q["raw"].as_str().unwrap_or_default().to_string(),
                q["value"]["period"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn period_of<'a>(ps: &'a [(String, Option<String>)], raw: &str) -> Option<&'a str> {
    ps.iter()
        .find(|(r, _)| r == raw)
        .unwrap_or_else(|| panic!("no figure {raw:?} in {ps:?}"))
        .1
        .as_deref()
}

const HEAD: &str = "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ\nSố: 45/BC-UBND\n\nBÁO CÁO\nKết quả công tác 6 tháng đầu năm 2019\n\n";

#[test]
fn figures_in_brackets_after_the_compared_time_are_that_time_s() {
    let r = record(&format!(
        "{HEAD}Trên địa bàn huyện xảy ra 21 vụ tai nạn giao thông, làm chết 14 người. So với cùng kỳ năm trước (24 vụ, 16 người chết), giảm 3 vụ.\n\
         Giải quyết việc làm cho 3.510 lao động, tăng 2,6% so với năm 2018 (3.421 lao động).\n\
         So với cùng kỳ năm 2017 (30 vụ), giảm 9 vụ.\n\
         Thu ngân sách đạt 120 tỷ đồng (năm trước 100 tỷ đồng).\n\
         Tổng giá trị sản xuất tăng 9,7% so với năm 2018 (kế hoạch 10,5%).\n"
    ));
    let ps = periods(&r);
    assert_eq!(period_of(&ps, "21 vụ"), Some("2019-01/2019-06"));
    // "cùng kỳ năm trước": the same half a year earlier.
    assert_eq!(period_of(&ps, "24 vụ"), Some("2018-01/2018-06"));
    assert_eq!(period_of(&ps, "16 người"), Some("2018-01/2018-06"));
    assert_eq!(period_of(&ps, "3 vụ"), Some("2019-01/2019-06"));
    // "so với năm 2018 (…)": the year named.
    assert_eq!(period_of(&ps, "3.421 lao động"), Some("2018"));
    // "cùng kỳ năm 2017": that year's same half; the change is the report's own.
    assert_eq!(period_of(&ps, "30 vụ"), Some("2017-01/2017-06"));
    assert_eq!(period_of(&ps, "9 vụ"), Some("2019-01/2019-06"));
    assert_eq!(period_of(&ps, "100 tỷ đồng"), Some("2018-01/2018-06"));
    // A plan in the bracket is no figure of the compared year.
    assert_ne!(period_of(&ps, "10,5%"), Some("2018"));
}

/// The validation warnings' codes.
fn warnings(r: &Value) -> Vec<String> {
    r["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .filter(|c| !c.starts_with("restore"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_change_s_percentage_is_checked_against_its_two_counts() {
    let text = format!(
        "{HEAD}Xảy ra 21 vụ, làm chết 14 người, bị thương 17 người. So với cùng kỳ năm trước (24 vụ, 16 người chết, 20 người bị thương), giảm 3 vụ (-12,5%), giảm 2 người chết (-20%), giảm 3 người bị thương (-15%).\n"
    );
    assert_eq!(warnings(&record(&text)), ["change.percent_mismatch"]);
    let right = text.replace("(-20%)", "(-12,5%)");
    assert!(warnings(&record(&right)).is_empty());
}

#[test]
fn columns_that_name_no_year_take_the_caption_s_or_a_sibling_s() {
    let r = record(&format!(
        "{HEAD}Biểu 01. Kết quả giải quyết việc làm năm 2019\n\nSTT\tChỉ tiêu\tQuý I\tQuý II\tCả năm\tCùng kỳ\n1\tLao động\t1.200\t1.350\t2.550\t2.400\n2\tHộ\t300\t320\t620\t600\n\nSố liệu tháng:\n\nSTT\tChỉ tiêu\tTháng 8/2016\tLũy kế 8 tháng\n1\tVụ\t18\t152\n2\tNgười\t20\t160\n"
    ));
    let periods: Vec<Vec<Option<String>>> = r["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .map(|t| {
            t["column_periods"]
                .as_array()
                .expect("column periods")
                .iter()
                .map(|p| p.as_str().map(str::to_string))
                .collect()
        })
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        periods[0],
        [
            None,
            None,
            some("2019-Q1"),
            some("2019-Q2"),
            some("2019"),
            None
        ]
    );
    assert_eq!(
        periods[1],
        [None, None, some("2016-08"), some("2016-01/2016-08")]
    );
}

#[test]
fn unsure_restorations_are_warned_where_they_stand_in_the_final_text() {
    let clean = std::fs::read_to_string(
        crate::common::repo().join("fixtures/probe25/05_cv_so_tai_chinh_2025.txt"),
    )
    .expect("fixture");
    let lost = ['đ', 'u', 'ố', 'v', 'e', 'ì', 'c', 'ổ', 'n', 'ư'];
    let damaged = vanban::eval::restore::corrupt(&clean, &lost);
    let r = record(&damaged);
    let text = r["text"].as_str().expect("text");
    let unsure: Vec<&Value> = r["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["code"] == "restore.low_confidence")
        .collect();
    assert!(!unsure.is_empty(), "no restore.low_confidence warning");
    for w in unsure {
        let (s, e) = (
            w["span"]["start"].as_u64().unwrap() as usize,
            w["span"]["end"].as_u64().unwrap() as usize,
        );
        let message = w["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("{:?}", &text[s..e])),
            "{message} at {:?}",
            &text[s..e]
        );
    }
}

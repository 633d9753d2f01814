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

#[test]
fn a_lone_percentage_after_the_compared_time_is_the_ratio_of_the_two() {
    let r = record(&format!(
        "{HEAD}Tổng mức bán lẻ hàng hóa đạt 10.830 tỷ đồng, tăng mạnh so với cùng kỳ (109,8%).\n\
         Kim ngạch xuất khẩu tăng so với cùng kỳ năm trước (146,7%).\n\
         Tỷ lệ hộ nghèo còn 6,82%, giảm so với năm 2018 (8,95%).\n"
    ));
    let ps = periods(&r);
    assert_eq!(period_of(&ps, "109,8%"), Some("2019-01/2019-06"));
    assert_eq!(period_of(&ps, "146,7%"), Some("2019-01/2019-06"));
    // A rate compared with a rate: the bracket holds the earlier year's level.
    assert_eq!(period_of(&ps, "8,95%"), Some("2018"));
}

/// The validation warnings' codes.
fn warnings(r: &Value) -> Vec<String> {
    r["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .filter(|c| !c.starts_with("restore") && *c != "header.incomplete")
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

#[test]
fn the_time_of_a_ratio_or_of_another_figure_s_bracket_dates_no_figure() {
    let head = "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ\nSố: 12/BC-UBND\n\nBÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2018\n\n";
    let r = record(&format!(
        "{head}Tổng vốn đầu tư toàn xã hội đạt 1.260 tỷ đồng, gấp 1,5 lần năm 2017.\n\
         Tỷ lệ hộ nghèo còn 6,82% (năm 2017 là 8,95%).\n\
         Kết quả (tính đến ngày 30/11/2018): giải quyết việc làm cho 3.510 lao động.\n"
    ));
    let ps = periods(&r);
    assert_eq!(period_of(&ps, "1.260 tỷ đồng"), Some("2018"));
    assert_eq!(period_of(&ps, "6,82%"), Some("2018"));
    assert_eq!(period_of(&ps, "8,95%"), Some("2017"));
    // A bracket that names only a time still dates its sentence.
    assert_eq!(period_of(&ps, "3.510 lao động"), Some("2018-11-30"));
}

#[test]
fn a_part_of_the_year_named_without_its_year_takes_the_figure_s_year() {
    let head = "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ\nSố: 12/BC-UBND\n\nBÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2018\n\n";
    let r = record(&format!(
        "{head}Trong quý II giải quyết việc làm cho 12.450 người; tỷ lệ thất nghiệp quý I là 2,31%, quý IV còn 1,97%.\n\
         Tháng 8 xảy ra 18 vụ; lũy kế 8 tháng xảy ra 152 vụ.\n\
         Tỷ lệ lao động qua đào tạo đạt 45% trong quý III.\n\
         6 tháng cuối năm tuyển sinh 320 học viên; cả năm tuyển sinh 610 học viên.\n\
         Ngày 15 tháng 8 tổ chức hội nghị với 120 đại biểu.\n\
         Số vụ tăng 5% so với quý I.\n\
         Rét đậm trong tháng 1 và tháng 2 làm chết 214 con trâu, bò.\n\
         Số doanh nghiệp lỗ 6 tháng 2,86 tỷ đồng, lỗ lũy kế 14,2 tỷ đồng.\n\
         Vụ hè thu (thu từ tháng 9): thu được 43.160 kg thóc.\n"
    ));
    let ps = periods(&r);
    assert_eq!(period_of(&ps, "12.450 người"), Some("2018-Q2"));
    assert_eq!(period_of(&ps, "2,31%"), Some("2018-Q1"));
    assert_eq!(period_of(&ps, "1,97%"), Some("2018-Q4"));
    assert_eq!(period_of(&ps, "18 vụ"), Some("2018-08"));
    assert_eq!(period_of(&ps, "152 vụ"), Some("2018-01/2018-08"));
    assert_eq!(period_of(&ps, "45%"), Some("2018-Q3"));
    assert_eq!(period_of(&ps, "320 học viên"), Some("2018-07/2018-12"));
    assert_eq!(period_of(&ps, "610 học viên"), Some("2018"));
    // A day's month and a compared quarter date nothing.
    assert_eq!(period_of(&ps, "120 đại biểu"), Some("2018"));
    assert_eq!(period_of(&ps, "5%"), Some("2018"));
    assert_eq!(period_of(&ps, "214 con"), Some("2018-01/2018-02"));
    // Months then a figure ("6 tháng 2,86"), and where a time starts, name no month.
    assert_eq!(period_of(&ps, "14,2 tỷ đồng"), Some("2018"));
    assert_eq!(period_of(&ps, "43.160 kg"), Some("2018"));
}

#[test]
fn a_share_of_money_takes_its_whole_s_scale_word() {
    let head =
        "ỦY BAN NHÂN DÂN TỈNH HÀ NAM\nSố: 12/BC-UBND\n\nBÁO CÁO\nKết quả giải ngân năm 2025\n\n";
    let r = record(&format!(
        "{head}Đến ngày 30/11/2025 đã giải ngân 265,3/425 tỷ đồng, đạt 62,4%.\n\
         Vốn sự nghiệp giải ngân 18,6 tỷ đồng/24 tỷ đồng kế hoạch.\n"
    ));
    let qs = r["quantities"].as_array().unwrap();
    let find = |raw: &str| {
        qs.iter()
            .find(|q| q["raw"] == raw)
            .unwrap_or_else(|| panic!("no {raw} in {qs:?}"))
    };
    assert_eq!(find("265,3")["value"]["value"], 265_300_000_000.0);
    assert!(warnings(&r).is_empty(), "{:?}", r["warnings"]);
    // The figure after the slash is its own: the plan the one before reached.
    assert_eq!(find("24 tỷ đồng")["value"]["role"], "plan");
    assert_eq!(find("18,6 tỷ đồng")["value"]["role"], "result");
    // A share that disagrees with its percentage is still flagged.
    let wrong = record(&format!(
        "{head}Đã giải ngân 265,3/425 tỷ đồng, đạt 72,4%.\n"
    ));
    assert!(
        warnings(&wrong).contains(&"share.percent_mismatch".to_string()),
        "{:?}",
        wrong["warnings"]
    );
}

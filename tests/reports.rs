//! Reviewer and analyst outputs read the JSON Lines back typed.

use crate::common::*;

#[test]
fn review_report_and_tidy_table_from_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("out.jsonl");
    let j = jsonl.display().to_string();
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, b"\x00\x00\x01binary").unwrap();
    let jk = junk.display().to_string();
    let out = vanban(&["extract", "fixtures/docs", &jk, "-o", &j], None, &repo());
    assert_eq!(out.code, 1);

    // Typed read-back: every line parses as the library's own output type.
    let content = std::fs::read_to_string(&jsonl).unwrap();
    for line in content.lines() {
        let parsed: vanban::output::OutputLine =
            serde_json::from_str(line).expect("typed read-back");
        assert_eq!(&parsed.to_json(), line, "re-serialized line differs");
    }

    let html_path = dir.path().join("review.html");
    let h = html_path.display().to_string();
    let review = vanban(&["review", &j, "-o", &h], None, &repo());
    assert_eq!(review.code, 0, "{}", review.stderr);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("vanban review: 6 documents"));
    assert!(
        html.contains("Hoàng Thành Thái"),
        "the signer appears in the report"
    );
    assert!(html.contains("signer.block"), "rule ids appear");
    assert!(html.contains("class=\"err\""), "the error record is listed");
    assert!(!html.contains("<script"), "document text is escaped");

    let tidy = vanban(&["tidy", &j], None, &repo());
    assert_eq!(tidy.code, 0, "{}", tidy.stderr);
    let header = tidy.stdout.lines().next().unwrap();
    assert!(header.starts_with(
        "source,doc_number,doc_date,doc_year,doc_province,doc_type,issuer,issuer_id,kind,indicator"
    ));

    let not_records = dir.path().join("x.jsonl");
    std::fs::write(&not_records, "{\"a\":1}\n").unwrap();
    let bad = vanban(
        &["review", &not_records.display().to_string()],
        None,
        &repo(),
    );
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("x.jsonl:1"), "{}", bad.stderr);
}

#[test]
fn html_escaping_of_hostile_text() {
    assert_eq!(
        vanban::output::review::escape("<script>\"x\"&'</script>"),
        "&lt;script&gt;&quot;x&quot;&amp;&#39;&lt;/script&gt;"
    );
}

/// The tidy row of a table cell, by its row label and column header.
fn cell<'a>(
    rows: &'a [vanban::output::tidy::TidyRow],
    label: &str,
    column: &str,
) -> &'a vanban::output::tidy::TidyRow {
    rows.iter()
        .find(|r| r.row_label == label && r.column == column)
        .unwrap_or_else(|| panic!("no cell {label} / {column}: {rows:?}"))
}

#[test]
fn a_table_in_money_prices_its_money_columns_and_none_of_its_counts() {
    let ctx = vanban::Context::builtin().expect("rules load");
    let text = "QUYẾT ĐỊNH\nVề việc phân bổ kinh phí năm 2008\n\n\
                Đơn vị tính: triệu đồng\n\
                STT\tXã\tSố nhà văn hóa được hỗ trợ\tKinh phí hỗ trợ\n\
                1\tThạch Kênh\t6\t640\n\
                2\tThạch Liên\t5\t560\n\n\
                Đơn vị tính: triệu đồng\n\
                STT\tXã\tSố lượng\tĐVT\tKinh phí\n\
                1\tThạch Đài\t9\tnhà\t820\n\
                2\tThạch Lưu\t7\tnhà\t610\n";
    let rec = vanban::process_bytes("t.txt", text.as_bytes(), &ctx).expect("processed");
    let rows = vanban::output::tidy::rows(&rec);
    let houses = cell(&rows, "Thạch Kênh", "Số nhà văn hóa được hỗ trợ");
    assert_eq!((houses.value, houses.unit.as_str()), (6.0, ""));
    let money = cell(&rows, "Thạch Kênh", "Kinh phí hỗ trợ");
    assert_eq!((money.value, money.unit.as_str()), (6.4e8, "đồng"));
    // Beside a ĐVT column the row's unit counts, the table's prices the money.
    let counted = cell(&rows, "Thạch Đài", "Số lượng");
    assert_eq!((counted.value, counted.unit.as_str()), (9.0, "nhà"));
    let priced = cell(&rows, "Thạch Đài", "Kinh phí");
    assert_eq!((priced.value, priced.unit.as_str()), (8.2e8, "đồng"));
}

#[test]
fn tidy_rows_of_a_table_carry_role_period_unit_and_mark_the_total() {
    let ctx = vanban::Context::builtin().expect("rules load");
    let text = "BÁO CÁO\nKết quả 6 tháng đầu năm 2024\n\n\
                Đơn vị tính: triệu đồng\n\
                STT\tChỉ tiêu\tKế hoạch năm 2024\tThực hiện 6 tháng\tTỷ lệ (%)\n\
                1\tThu ngân sách\t1.250\t700\t56,0\n\
                2\tChi ngân sách\t1.000\t450\t45,0\n\
                \tTổng cộng\t2.250\t1.150\t51,1\n\n\
                Thu ngân sách 6 tháng đạt 700 triệu đồng.\n";
    let rec = vanban::process_bytes("t.txt", text.as_bytes(), &ctx).expect("processed");
    let rows = vanban::output::tidy::rows(&rec);
    let plan = cell(&rows, "Thu ngân sách", "Kế hoạch năm 2024");
    assert_eq!((plan.role.as_str(), plan.period.as_str()), ("plan", "2024"));
    // The table's unit scaled to đồng, as body amounts are.
    assert_eq!((plan.value, plan.unit.as_str()), (1.25e9, "đồng"));
    let done = cell(&rows, "Thu ngân sách", "Thực hiện 6 tháng");
    assert_eq!(done.role, "result");
    assert_eq!(cell(&rows, "Thu ngân sách", "Tỷ lệ (%)").role, "rate");
    assert_eq!(cell(&rows, "Thu ngân sách", "Tỷ lệ (%)").unit, "%");
    assert!(cell(&rows, "Tổng cộng", "Kế hoạch năm 2024")
        .kind
        .ends_with(".total"));
    assert!(!plan.kind.ends_with(".total"));
    let body = rows
        .iter()
        .find(|r| r.kind == "quantity" && r.raw == "700 triệu đồng")
        .expect("the body's amount");
    assert_eq!((body.value, body.unit.as_str()), (7e8, "đồng"));
}

#[test]
fn a_row_numbered_in_letters_is_named_by_its_words() {
    let ctx = vanban::Context::builtin().expect("rules load");
    let text = "TỜ TRÌNH\n\nĐơn vị tính: triệu đồng\n\
                STT\tChỉ tiêu\tDự toán năm 2016\tƯớc thực hiện năm 2016\n\
                A\tTổng thu ngân sách trên địa bàn\t120.500\t131.200\n\
                I\tThu nội địa\t110.000\t120.000\n\
                1.1\tThu thuế\t55.000\t62.400\n";
    let rec = vanban::process_bytes("t.txt", text.as_bytes(), &ctx).expect("processed");
    let rows = vanban::output::tidy::rows(&rec);
    let total = cell(
        &rows,
        "Tổng thu ngân sách trên địa bàn",
        "Ước thực hiện năm 2016",
    );
    assert_eq!(total.indicator, "Tổng thu ngân sách trên địa bàn");
    cell(&rows, "Thu nội địa", "Dự toán năm 2016");
    cell(&rows, "Thu thuế", "Dự toán năm 2016");
}

#[test]
fn tidy_rows_tell_who_from_what_and_skip_a_list_s_numbers() {
    let ctx = vanban::Context::builtin().expect("rules load");
    // A column headed "Đơn vị" that lists communes is no unit column: the table's
    // "Đơn vị tính" scales the amounts, and each commune is the subject of its row.
    let text = "QUYẾT ĐỊNH\n\nĐơn vị tính: triệu đồng\n\
                STT\tĐơn vị\tTổng kinh phí\tKế hoạch năm 2026\n\
                1\tXã Đông Hòa\t1.320\t900\n\
                2\tXã Tây Hòa\t870\t600\n\n\
                Biểu 2. Kết quả 9 tháng năm 2025\n\
                STT\tChỉ tiêu\tKế hoạch năm 2025\tThực hiện 9 tháng\n\
                1\tDiện tích trồng rừng mới (ha)\t420\t315\n\n\
                Phân công như sau:\n\
                1\tKế toán thu chi:\n\
                2\tKế toán tài sản:\n\
                3\tThủ quỹ:\n";
    let rec = vanban::process_bytes("t.txt", text.as_bytes(), &ctx).expect("processed");
    let rows = vanban::output::tidy::rows(&rec);
    let amount = cell(&rows, "Xã Đông Hòa", "Tổng kinh phí");
    assert_eq!((amount.value, amount.unit.as_str()), (1.32e9, "đồng"));
    assert_eq!(
        (amount.subject.as_str(), amount.indicator.as_str()),
        ("Xã Đông Hòa", "Tổng kinh phí")
    );
    let planned = cell(&rows, "Xã Tây Hòa", "Kế hoạch năm 2026");
    assert_eq!(planned.subject, "Xã Tây Hòa");
    let forest = cell(&rows, "Diện tích trồng rừng mới (ha)", "Thực hiện 9 tháng");
    assert_eq!(
        (forest.indicator.as_str(), forest.subject.as_str()),
        ("Diện tích trồng rừng mới (ha)", "")
    );
    // The numbers of a numbered list are no figures.
    assert!(
        rows.iter().all(|r| !r.row_label.starts_with("Kế toán")),
        "{rows:?}"
    );
}

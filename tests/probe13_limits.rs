//! Probe 13 (fixtures/probe13): time limits, periods, recipients, subjects and legal
//! references in documents of the Decree 30/2020 layout. Made-up text, one class per test.

use crate::common::{field as get, record_of_text as record};

/// The recipients' names.
fn recipients(r: &serde_json::Value) -> serde_json::Value {
    r["document"]["recipients"]
        .as_array()
        .map(|a| a.iter().map(|v| v["value"].clone()).collect())
        .unwrap_or_default()
}

/// A letter head of the modern layout around `body`.
fn letter(recipients: &str, body: &str) -> String {
    format!(
        "ỦY BAN NHÂN DÂN\nHUYỆN MINH SƠN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 77/UBND-VP\n\
         V/v triển khai nhiệm vụ năm 2025\nMinh Sơn, ngày 03 tháng 3 năm 2025\n\n\
         {recipients}\n\n{body}\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nLê Văn Tâm\n"
    )
}

#[test]
fn issuer_ends_before_the_next_act_of_a_list_or_what_became_of_the_act() {
    let r = record(&letter(
        "Kính gửi: UBND các xã.",
        "Căn cứ Nghị định số 12/2022/NĐ-CP ngày 03/3/2022 của Chính phủ và Quyết định số \
         7/2023/QĐ-UBND ngày 04/4/2023 của UBND tỉnh; Chỉ thị số 5/CT-TTg ngày 9/5/2024 \
         của Thủ tướng Chính phủ và Thông tư số 8/2024/TT-BTC của Bộ Tài chính; Nghị quyết \
         số 3/2019/NQ-HĐND ngày 01/7/2019 của HĐND tỉnh hết hiệu lực từ ngày 01/01/2025.",
    ));
    assert_eq!(get(&r, "references.0.number"), "12/2022/NĐ-CP");
    assert_eq!(get(&r, "references.0.issuer"), "Chính phủ");
    assert_eq!(get(&r, "references.1.issuer"), "UBND tỉnh");
    assert_eq!(get(&r, "references.2.issuer"), "Thủ tướng Chính phủ");
    assert_eq!(get(&r, "references.3.issuer"), "Bộ Tài chính");
    assert_eq!(get(&r, "references.4.number"), "3/2019/NQ-HĐND");
    assert_eq!(get(&r, "references.4.issuer"), "HĐND tỉnh");
    // "và" inside a body's name stays in it.
    let r = record(&letter(
        "Kính gửi: UBND các xã.",
        "Thực hiện Công văn số 15/LĐTBXH-BTXH ngày 02/4/2024 của Bộ Lao động - Thương binh \
         và Xã hội về rà soát đối tượng.",
    ));
    assert_eq!(
        get(&r, "references.0.issuer"),
        "Bộ Lao động - Thương binh và Xã hội"
    );
}

#[test]
fn title_cut_before_the_next_act_leaves_the_joining_va_out() {
    let r = record(&letter(
        "Kính gửi: UBND các xã.",
        "Thực hiện Nghị định số 5/2021/NĐ-CP ngày 02/02/2021 của Chính phủ quy định chế độ \
         hỗ trợ người cao tuổi và Công văn số 77/BYT-KH ngày 3/3/2024 của Bộ Y tế, UBND \
         huyện yêu cầu các xã rà soát.",
    ));
    assert_eq!(
        get(&r, "references.0.title"),
        "quy định chế độ hỗ trợ người cao tuổi"
    );
    let raw = r["references"][0]["raw"].as_str().unwrap();
    assert!(raw.ends_with("người cao tuổi"), "{raw}");
    assert_eq!(get(&r, "references.1.number"), "77/BYT-KH");
}

#[test]
fn title_ends_where_the_citing_body_assigns_the_work() {
    let r = record(&letter(
        "Kính gửi: Công chức các bộ phận.",
        "Thực hiện Kế hoạch số 20/KH-UBND ngày 27/12/2024 của UBND huyện về cải cách hành \
         chính năm 2025, UBND xã phân công thực hiện các nhiệm vụ sau:",
    ));
    assert_eq!(
        get(&r, "references.0.title"),
        "cải cách hành chính năm 2025"
    );
}

#[test]
fn recipients_under_a_bare_kinh_gui_without_dashes_and_co_addressees() {
    // One recipient on the line under "Kính gửi:", no dash.
    let r = record(&letter(
        "Kính gửi:\nCông chức chuyên môn và Trưởng các thôn thuộc xã.",
        "Thực hiện nhiệm vụ năm 2025, UBND xã đề nghị như sau.",
    ));
    assert_eq!(
        recipients(&r),
        serde_json::json!(["Công chức chuyên môn và Trưởng các thôn thuộc xã"])
    );
    // "Đồng kính gửi:" after the list: its co-addressees are recipients too; a copy
    // list's "- Như Đồng kính gửi;" is not one.
    let r = record(&letter(
        "Kính gửi:\n- Sở Tài chính;\n- Sở Y tế.\nĐồng kính gửi: Kho bạc Nhà nước khu vực XII.",
        "Đề nghị các đơn vị phối hợp thực hiện.",
    ));
    assert_eq!(
        recipients(&r),
        serde_json::json!(["Sở Tài chính", "Sở Y tế", "Kho bạc Nhà nước khu vực XII"])
    );
    let r = record(&letter(
        "Kính gửi: Trung tâm Y tế huyện.\nĐồng kính gửi: Trạm Y tế các xã, thị trấn.",
        "Đề nghị các đơn vị phối hợp thực hiện.",
    ));
    assert_eq!(get(&r, "document.recipients#count"), 2);
    assert_eq!(
        get(&r, "document.recipients.1"),
        "Trạm Y tế các xã, thị trấn"
    );
    // The body's first paragraph under a blank line is no recipient.
    let r = record(&letter(
        "Kính gửi:",
        "Thực hiện nhiệm vụ năm 2025, UBND xã đề nghị như sau.",
    ));
    assert_eq!(recipients(&r), serde_json::json!([]));
}

#[test]
fn a_share_written_with_decimal_commas_is_a_part_of_its_whole() {
    let r = record(&letter(
        "Kính gửi: UBND các xã.",
        "Đến nay đã bàn giao 18,6/24,3 km mặt bằng, đạt 76,5%.",
    ));
    assert_eq!(get(&r, "quantities.0.value.value"), 18.6);
    assert_eq!(get(&r, "quantities.0.unit"), "km");
    assert_eq!(get(&r, "quantities.0.part_of"), 1);
    assert_eq!(get(&r, "quantities.1.value.value"), 24.3);
    // A day and month stay no share.
    let r = record(&letter(
        "Kính gửi: UBND các xã.",
        "Tổ chức kiểm tra ngày 15/6 tại 12 xã.",
    ));
    assert_eq!(get(&r, "quantities.0.value.value"), 12.0);
    assert_eq!(get(&r, "quantities#count"), 1);
}

#[test]
fn a_cited_acts_date_is_no_period_of_a_figure() {
    let r = record(&letter(
        "Kính gửi: UBND các xã.",
        "Các xã giải ngân 100% kế hoạch vốn theo Quyết định số 1234/QĐ-UBND ngày \
         11/01/2024 của UBND tỉnh.",
    ));
    assert_eq!(get(&r, "quantities.0.value.value"), 100.0);
    assert_ne!(get(&r, "quantities.0.period"), "2024-01-11");
    // A date of its own still is.
    let r = record(&letter(
        "Kính gửi: UBND các xã.",
        "Đến ngày 20/6/2024 đã giải ngân 98,4 tỷ đồng.",
    ));
    assert_eq!(get(&r, "quantities.0.period"), "2024-06-20");
}

#[test]
fn a_header_laid_out_in_tab_columns_is_no_table() {
    let r = record(
        "BỘ XÂY DỰNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         CỤC QUẢN LÝ NHÀ\tĐộc lập - Tự do - Hạnh phúc\n-------\t---------------\n\
         Số: 12/QLN-KH\tHà Nội, ngày 02 tháng 4 năm 2024\n\
         V/v trả lời kiến nghị\n\nKính gửi: Sở Xây dựng tỉnh Yên Bình.\n\n\
         Cục có ý kiến như sau.\n\nSTT\tNội dung\tSố lượng\n1\tNhà ở xã hội\t120\n\
         2\tNhà ở công vụ\t35\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "12/QLN-KH");
    assert_eq!(get(&r, "tables#count"), 1);
    assert_eq!(get(&r, "tables.0.header.1"), "Nội dung");
}

#[test]
fn markdown_header_table_with_line_breaks_in_its_cells() {
    let r = record(
        "| UBND TỈNH BÌNH LAM<br>**SỞ TÀI CHÍNH** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>\
         **Độc lập - Tự do - Hạnh phúc** |\n|---|---|\n\
         | Số: 204/STC-QLNS<br>V/v lập dự toán ngân sách năm 2025 | *Quảng Ngãi, ngày 16 tháng 7 \
         năm 2024* |\n\nKính gửi: Các sở, ban, ngành.\n\nĐề nghị các đơn vị thực hiện.\n\n\
         | STT | Đơn vị<br>(cấp tỉnh) | Dự toán |\n|---|---|---|\n| 1 | Sở Y tế | 120 |\n\
         | 2 | Sở Nội vụ | 45 |\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "204/STC-QLNS");
    assert_eq!(get(&r, "document.issuer.name"), "SỞ TÀI CHÍNH");
    assert_eq!(get(&r, "document.issuer.parent"), "UBND TỈNH BÌNH LAM");
    assert_eq!(get(&r, "document.date.iso"), "2024-07-16");
    assert_eq!(get(&r, "document.place"), "Quảng Ngãi");
    assert_eq!(
        get(&r, "document.subject"),
        "lập dự toán ngân sách năm 2025"
    );
    // In a table of data a line break inside a cell keeps the row one line: a space.
    assert_eq!(get(&r, "tables#count"), 1);
    assert_eq!(get(&r, "tables.0.header.1"), "Đơn vị (cấp tỉnh)");
    assert_eq!(get(&r, "tables.0.rows#count"), 2);
}

#[test]
fn markdown_signature_table_with_line_breaks_in_its_cells() {
    let r = record(
        "Số: 1046/BC-SLĐTBXH\n\nĐề nghị các đơn vị thực hiện./.\n\n\
         | **Nơi nhận:**<br>- Bộ LĐTBXH (b/c);<br>- UBND tỉnh (b/c);<br>- Lưu: VT, KHTC. \
         | **GIÁM ĐỐC**<br><br><br><br>**Nguyễn Thành Tâm** |\n|---|---|\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Nguyễn Thành Tâm");
    assert_eq!(get(&r, "document.copy_to#count"), 3);
}

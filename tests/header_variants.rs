//! Header layouts real offices produce, written here as small synthetic documents.

use crate::common::{field as get, record_of_text as record};

#[test]
fn two_columns_flattened_onto_shared_lines() {
    let r = record(
        "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         TỈNH BẮC NINH                      Độc lập - Tự do - Hạnh phúc\n\
         Số: 12/UBND-VP                Bắc Ninh, ngày 5 tháng 3 năm 2020\n\n\
         V/v kiểm tra công tác phòng cháy\n\nKính gửi: Sở Công Thương\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "12/UBND-VP");
    assert_eq!(get(&r, "document.place"), "Bắc Ninh");
    assert_eq!(get(&r, "document.date.iso"), "2020-03-05");
    assert_eq!(
        get(&r, "document.issuer.name"),
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    );
    assert_eq!(get(&r, "document.subject"), "kiểm tra công tác phòng cháy");
    assert_eq!(get(&r, "document.recipients.0"), "Sở Công Thương");
    assert_eq!(get(&r, "document.type.id"), "cong_van");
}

#[test]
fn spaces_colons_and_lookalikes_in_the_number() {
    for (line, normalized, serial) in [
        ("Số : 12 /UBND-VP", "12/UBND-VP", 12),
        ("Số:12/ QĐ-UBND", "12/QĐ-UBND", 12),
        ("Số 7/KH-BCĐ", "7/KH-BCĐ", 7),
        ("SỐ:   99/ 1998/TT-BTC", "99/1998/TT-BTC", 99),
        ("Số: 45/ÐHQG-KHTC", "45/ĐHQG-KHTC", 45),
    ] {
        let r = record(&format!("{line}\nHà Nội, ngày 01 tháng 02 năm 2019\n"));
        assert_eq!(get(&r, "document.number.normalized"), normalized, "{line}");
        assert_eq!(get(&r, "document.number.serial"), serial, "{line}");
    }
}

#[test]
fn type_from_the_symbol_code_or_the_title() {
    let cases = [
        ("Số: 3/QĐ-UBND\n", "quyet_dinh"),
        ("Số: 3/TB-VP\n", "thong_bao"),
        ("Số: 3/TTr-SNV\n", "to_trinh"),
        ("Số: 3/CTr-UBND\n", "chuong_trinh"),
        ("Số: 3/GM-UBND\n", "giay_moi"),
        ("Số: 3/UBND-KT\n", "cong_van"),
        ("Số: 3/BC-UBND\n\nBÁO CÁO\nTình hình kinh tế\n", "bao_cao"),
        ("QUYẾT ĐỊNH\nVề việc thành lập tổ công tác\n", "quyet_dinh"),
    ];
    for (text, id) in cases {
        assert_eq!(get(&record(text), "document.type.id"), id, "{text:?}");
    }
}

#[test]
fn dates_blank_one_digit_and_impossible() {
    let r = record("Số: 1/UBND\nHà Nội, ngày 5 tháng 3 năm 2020\n");
    assert_eq!(get(&r, "document.date.iso"), "2020-03-05");
    let r = record("Số: 1/UBND\nHà Nội, ngày   tháng   năm 2024\n");
    assert_eq!(get(&r, "document.date.iso"), "2024");
    assert_eq!(get(&r, "document.date.precision"), "year");
    let r = record("Số: 1/UBND\nHà Nội, ngày    tháng 6  năm 2024\n");
    assert_eq!(get(&r, "document.date.iso"), "2024-06");
    // 31 April does not exist: no date is reported rather than a wrong one.
    let r = record("Số: 1/UBND\nHà Nội, ngày 31 tháng 4 năm 2024\n");
    assert_eq!(get(&r, "document.date"), serde_json::Value::Null);
}

#[test]
fn signature_blocks() {
    let r = record("Số: 1/UBND\n\nNội dung.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nLê Văn Hùng\n");
    assert_eq!(get(&r, "document.signer.name"), "Lê Văn Hùng");
    assert_eq!(get(&r, "document.signer.title"), "CHỦ TỊCH");
    assert_eq!(get(&r, "document.signer.authority_code"), "TM");
    assert_eq!(get(&r, "document.copy_to#count"), 2);
    let r = record("Số: 1/SYT\n\nNội dung.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Thị Mai\n");
    assert_eq!(get(&r, "document.signer.authority"), "KT. GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.title"), "PHÓ GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.name"), "Trần Thị Mai");
    // An acting director signs as director: no title line of their own.
    let r = record("Số: 2/STC\n\nNội dung.\n\nQ. GIÁM ĐỐC\n\n\nTrần Thị Hồng Nhung\n");
    assert_eq!(get(&r, "document.signer.authority_code"), "Q");
    assert_eq!(get(&r, "document.signer.title"), "GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.name"), "Trần Thị Hồng Nhung");
    // A comma for the code's dot (a restored lost glyph, an OCR misreading) is the dot.
    let r = record("Số: 3/STC\n\nNội dung.\n\nQ, GIÁM ĐỐC\n\n\nĐoàn Văn Lực\n");
    assert_eq!(get(&r, "document.signer.authority"), "Q. GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.title"), "GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.name"), "Đoàn Văn Lực");
}

#[test]
fn the_motto_beside_a_lowercase_agency_and_a_lowercase_title() {
    let r = record(
        "Bộ tài chính                 Cộng hoà xã hội chủ nghĩa Việt Nam\n\
         - * -                        Độc lập - Tự do - Hạnh phúc\n\
         SỐ:  120 /2002/TT-BTC\n\
                       Hà nội, ngày  30  tháng 12 năm 2002\n\n\
         Thông tư\nHướng dẫn thi hành Nghị định số 89/2002/NĐ-CP\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "Bộ tài chính");
    assert_eq!(get(&r, "document.number.normalized"), "120/2002/TT-BTC");
    assert_eq!(get(&r, "document.date.iso"), "2002-12-30");
    assert_eq!(get(&r, "document.type.id"), "thong_tu");
}

#[test]
fn signature_beside_the_copy_list() {
    // Copy list on the left, signature on the right, flattened onto shared lines.
    let r = record(
        "SỞ Y TẾ\n\nSố: 7/SYT-VP\n\nV/v báo cáo\n\nNội dung công văn.\n\n\
         Nơi nhận:\t\t\t\tKT. GIÁM ĐỐC\n\
         - Như trên;\t\t\t\tPHÓ GIÁM ĐỐC\n\
         - UBND tỉnh;\n\
         - Lưu: VT.\t\t\t\t(đã ký)\n\
         \t\t\t\t\tTrần Thị Bình\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Trần Thị Bình");
    assert_eq!(get(&r, "document.signer.title"), "PHÓ GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.authority_code"), "KT");
    // The copy list keeps its own column only.
    assert_eq!(get(&r, "document.copy_to#count"), 3);
    assert_eq!(get(&r, "document.copy_to.0"), "Như trên");
    assert_eq!(get(&r, "document.copy_to.2"), "Lưu: VT");
    // The name may sit on a copy-list line, after a wide gap of spaces.
    let r = record(
        "Nơi nhận:                          GIÁM ĐỐC\n\
         - Như trên;\n\
         - Lưu VT.                          Lê Văn Cường\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Lê Văn Cường");
    assert_eq!(get(&r, "document.signer.title"), "GIÁM ĐỐC");
}

#[test]
fn position_and_name_on_one_line() {
    let r = record("Nội dung.\n\nCHỦ TỊCH QUỐC HỘI Nguyễn Văn An\n");
    assert_eq!(get(&r, "document.signer.name"), "Nguyễn Văn An");
    assert_eq!(get(&r, "document.signer.title"), "CHỦ TỊCH QUỐC HỘI");
}

#[test]
fn issuer_carries_its_agency_id() {
    let r = record(
        "UBND TỈNH ĐỒNG THÁP\nSỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n\n\
         Số: 15/SLĐTBXH-VP\nĐồng Tháp, ngày 2 tháng 3 năm 2021\n",
    );
    assert_eq!(
        get(&r, "document.issuer.name"),
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    );
    assert_eq!(
        get(&r, "document.issuer.agency.id"),
        "so:lao_dong_tbxh@p63-87"
    );
    assert_eq!(get(&r, "document.issuer.parent_agency.id"), "ubnd@p63-87");
    // After the 2025 reorganisation the same header maps to the new province.
    let r = record("UBND TỈNH ĐỒNG THÁP\n\nSố: 15/UBND-VP\nĐồng Tháp, ngày 2 tháng 9 năm 2025\n");
    assert_eq!(get(&r, "document.issuer.agency.id"), "ubnd@p34-82");
}

#[test]
fn a_comma_before_the_motto_column_is_not_part_of_the_issuer() {
    let r = record(
        "UBND XÃ PHÚ LỘC,           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         \x20                           Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 27/UBND                  Phú Lộc, ngày 9 tháng 4 năm 2031\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "UBND XÃ PHÚ LỘC");
}

#[test]
fn place_with_a_day_range_month_only_or_numeric_date() {
    // A meeting over two days: the place stands, no single day is claimed.
    let r = record("HỘI THẢO KHOA HỌC\n\nĐà Nẵng, ngày 14, 15 tháng 06 năm 2003\n\nNội dung.\n");
    assert_eq!(get(&r, "document.place"), "Đà Nẵng");
    assert_eq!(get(&r, "document.date"), serde_json::Value::Null);
    let r = record("Tham luận\n\nThành phố Huế, ngày 3-4/11/2004\n\nNội dung.\n");
    assert_eq!(get(&r, "document.place"), "Thành phố Huế");
    assert_eq!(get(&r, "document.date"), serde_json::Value::Null);
    // Month and year only, in words or with a slash.
    let r = record("Bài phát biểu\n\nLyon, tháng 09 năm 2002\n\nNội dung.\n");
    assert_eq!(get(&r, "document.place"), "Lyon");
    assert_eq!(get(&r, "document.date.iso"), "2002-09");
    let r = record("Tài liệu tập huấn\n\nCần Thơ, 11/1999\nLời giới thiệu\n");
    assert_eq!(get(&r, "document.place"), "Cần Thơ");
    assert_eq!(get(&r, "document.date.iso"), "1999-11");
    let r = record("Số: 4/UBND\nVinh, ngày 7/8/2004\n");
    assert_eq!(get(&r, "document.date.iso"), "2004-08-07");
}

#[test]
fn blank_form_slots_are_not_values() {
    for line in [
        "Số: ……/BC",
        "Số: ......./QĐ",
        "Số:    /BC",
        "Số: ...../KH-UBND",
    ] {
        let r = record(&format!(
            "TÊN ĐƠN VỊ\n{line}\n.........., ngày … tháng … năm 200…\n"
        ));
        assert_eq!(
            get(&r, "document.number"),
            serde_json::Value::Null,
            "{line}"
        );
        assert_eq!(get(&r, "document.date"), serde_json::Value::Null, "{line}");
    }
    // A draft's blank serial before a full symbol still names its issuer.
    let r = record("Số:     /KH-UBND\nHà Nội, ngày   tháng   năm 2024\n");
    assert_eq!(get(&r, "document.number.symbol"), "KH-UBND");
}

#[test]
fn act_titled_with_its_number_above_the_enacting_formula() {
    let r = record(
        "Chính phủ\n\nNghị định của Chính phủ số 27/2004/NĐ-CP ngày 5/3/2004 về quản lý chợ.\n\n\
         Chính phủ\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nNghị định:\n\nĐiều 1. Phạm vi\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "27/2004/NĐ-CP");
    assert_eq!(get(&r, "document.date.iso"), "2004-03-05");
    assert_eq!(get(&r, "document.type.id"), "nghi_dinh");
    // The first line names the issuer in lower case (capitals lost in conversion).
    assert_eq!(get(&r, "document.issuer.name"), "Chính phủ");
}

#[test]
fn a_title_that_cites_another_document_does_not_lend_it_its_number_or_date() {
    // A report without its header, whose subject cites the plan it reports on.
    let r = record(
        "BÁO CÁO\nKết quả thực hiện Kế hoạch số 12/KH-UBND ngày 08/02/2021 của Ủy ban nhân dân \
         tỉnh về công tác phòng cháy\n\nThực hiện Kế hoạch nói trên, Sở báo cáo như sau.\n",
    );
    assert_eq!(get(&r, "document.type.id"), "bao_cao");
    assert_eq!(get(&r, "document.number"), serde_json::Value::Null);
    assert_eq!(get(&r, "document.date"), serde_json::Value::Null);
    // Its year is still bounded by what it cites.
    assert_eq!(get(&r, "document.year.rule"), "year.latest_citation");
    // The same number opening a title of its own kind is the act's own.
    let r = record(
        "KẾ HOẠCH\nKế hoạch số 12/KH-UBND ngày 08/02/2021 về công tác phòng cháy\n\n\
         Căn cứ Luật Phòng cháy và chữa cháy;\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "12/KH-UBND");
    assert_eq!(get(&r, "document.date.iso"), "2021-02-08");
}

#[test]
fn issuer_in_lower_case_and_what_is_not_an_issuer() {
    // Lower-case agency on the first line, motto on its own line below, agency name
    // spread across a wide gap.
    let r = record(
        "Bộ  xây dựng\n                cộng hòa xã hội chủ nghĩa việt nam\n\
         Số: 5/1999/TT-BXD\nHà nội, ngày 2 tháng 3 năm 1999\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "Bộ xây dựng");
    let r =
        record("Ban điều phối Dự án Quốc gia      về Nước sạch\n\nHà nội, 5/2001\nLời nói đầu\n");
    assert_eq!(
        get(&r, "document.issuer.name"),
        "Ban điều phối Dự án Quốc gia về Nước sạch"
    );
    // A form code, a table heading, or a sentence that names the republic.
    for text in [
        "C2-5-BKH\nĐề cương dự án\n(Kèm theo Quyết định số 9/2004/QĐ-BKH)\n",
        "Tổng quan\n\nMục lục\nSTT\nNội dung\n",
        "Thông tư\nSố 7/2002/TT-BTC ngày 3 tháng 2 năm 2002\n\n\
         - Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;\n",
    ] {
        assert_eq!(
            get(&record(text), "document.issuer"),
            serde_json::Value::Null,
            "{text:?}"
        );
    }
}

#[test]
fn signature_with_lost_capitals_gaps_and_wrapped_copy_list() {
    // Authority and position on one line across a wide gap, lower case (H-font capitals
    // lost), the name far down beside the copy list, whose wrapped items share lines.
    // (Gaps are tabs here: the restore pass reads short runs of spaces in a small text
    // as lost glyphs.)
    let r = record(
        "Nội dung.\n\n\
         \t\t\t\t\tkt/bộ trưởng bộ xây dựng\t\tthứ  trưởng\n\
         Nơi nhận:\n\
         - Văn phòng Chính phủ;\n\
         - Các Bộ, cơ quan ngang Bộ, cơ quan\t\tkhác thuộc Chính phủ;\n\
         - Công báo;\n\
         - UBND các tỉnh, thành phố                          Hoàng Văn Nam\n\
         - Lưu VP.\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Hoàng Văn Nam");
    assert_eq!(get(&r, "document.signer.title"), "thứ trưởng");
    assert_eq!(get(&r, "document.signer.authority_code"), "kt");
    // A copy-list item's wrapped tail joined after the name.
    let r = record(
        "Nội dung.\n\nNơi nhận :\t\t\t\tkt.bộ trưởng bộ y tế\n\
         - VP Quốc hội\t\t\t\tthứ trưởng\n\
         - Công báo;\n\
         - Các Cục, Vụ, Viện, đơn vị\t\t\tĐỗ Thị Lan, thuộc Bộ Y tế\n\
         - Lưu VP.\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Đỗ Thị Lan");
    assert_eq!(get(&r, "document.signer.title"), "thứ trưởng");
    // The same with the tail wrapped onto the next line, which layout repair joins back
    // after the name across a gap of spaces.
    let r = record(
        "Nội dung.\n\nNơi nhận:                              KT. BỘ TRƯỞNG\n\
         - VP Quốc hội;                          THỨ TRƯỞNG\n\
         - Công báo;\n\
         - Các Cục, Vụ, Viện, đơn vị                 Đỗ Thị Lan\n\
         \x20\x20thuộc Bộ Y tế;\n\
         - Lưu VP.\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Đỗ Thị Lan");
}

#[test]
fn two_positions_and_the_office_line_above_the_name() {
    // No copy list; the foreword is signed, forms with blank signature slots follow.
    let r = record(
        "Lời nói đầu\n\nNội dung.\n\n\
         Thứ trưởng- Phó trưởng ban thường trực\n\
         Ban chỉ đạo Chương trình quốc gia về Nước sạch\n\
         Trần Quang Huy\n\n\
         Mẫu 1\n\nNội dung mẫu.\n\nGiám đốc\n\n(ký tên)\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Trần Quang Huy");
    assert_eq!(
        get(&r, "document.signer.title"),
        "Thứ trưởng- Phó trưởng ban thường trực"
    );
    // A place-and-date line below an author's position is not a name.
    let r = record(
        "Tham luận\n\nÔng Nguyễn Văn Bình\nViện trưởng\nViện Kinh tế miền Trung\n\n\
         Đà Nẵng, ngày 2, 3 tháng 4 năm 2003\n\nNội dung.\n",
    );
    assert_ne!(get(&r, "document.signer.name"), "Đà Nẵng");
}

#[test]
fn place_and_date_broken_over_two_lines() {
    for text in [
        "Số: 8/UBND-VP\nQuảng Ninh,\nngày 9 tháng 11 năm 2004\n\nV/v họp\n",
        "Số: 8/UBND-VP\nQuảng Ninh, ngày 9 tháng 11\nnăm 2004\n\nV/v họp\n",
        "Số: 8/UBND-VP\nQuảng Ninh, ngày  9  tháng  11  năm\n2004\n\nV/v họp\n",
    ] {
        let r = record(text);
        assert_eq!(get(&r, "document.place"), "Quảng Ninh", "{text:?}");
        assert_eq!(get(&r, "document.date.iso"), "2004-11-09", "{text:?}");
    }
    // A body sentence ending in a comma, then a date further on, is not a place line.
    let r = record(
        "Số: 8/UBND-VP\n\nCăn cứ Luật Tổ chức chính quyền địa phương của Quốc hội khóa XIII,\n\
         ngày 19 tháng 6 năm 2015 và các văn bản hướng dẫn;\n",
    );
    assert_eq!(get(&r, "document.place"), serde_json::Value::Null);
    // A blank slot split over two lines is not a date.
    let r = record("Số: 8/UBND-VP\nQuảng Ninh, ngày … tháng …\nnăm 200…\n");
    assert_eq!(get(&r, "document.date"), serde_json::Value::Null);
}

#[test]
fn a_document_without_its_header_gets_its_year_and_province_from_its_body() {
    let body = "BÁO CÁO\nKết quả công tác năm 2021\n\n\
        Kính gửi: Cục Phòng, chống tệ nạn xã hội\n\nNăm qua, công tác được triển khai.\n\n\
        Thực hiện Công văn số 410/PCTNXH-CNMT ngày 25/11/2021 của Cục Phòng, chống tệ nạn xã hội; \
        theo Nghị định số 111/2013/NĐ-CP ngày 30/9/2013, tỉnh Đồng Tháp báo cáo như sau.\n\
        Trên địa bàn tỉnh Đồng Tháp có 12 xã; huyện Tháp Mười của tỉnh Đồng Tháp có 3 xã, \
        tỉnh An Giang có 2 xã.\n";
    let r = record(body);
    assert_eq!(get(&r, "document.year.value"), 2021);
    assert_eq!(get(&r, "document.year.rule"), "year.latest_citation");
    // The header has no place line; the province is read from the body's mentions.
    assert_eq!(get(&r, "document.place"), serde_json::Value::Null);
    assert_eq!(get(&r, "document.province.value.name"), "Đồng Tháp");
    assert_eq!(get(&r, "document.province.value.id"), "p63-87");
    assert_eq!(get(&r, "document.province.rule"), "province.mentions");
    assert!(get(&r, "document.province.confidence").as_f64().unwrap() < 0.9);
    // Two provinces named as often: no place is guessed.
    let r = record(
        "Báo cáo\n\ntỉnh Đồng Tháp, tỉnh An Giang; tỉnh Đồng Tháp, tỉnh An Giang; \
         tỉnh Đồng Tháp, tỉnh An Giang.\n",
    );
    assert_eq!(get(&r, "document.province"), serde_json::Value::Null);
    assert_eq!(get(&r, "document.year"), serde_json::Value::Null);
    // A header date gives the year; the header's place is kept.
    let r = record(&format!(
        "Số: 8/UBND-VP\nHuế, ngày 9 tháng 11 năm 2022\n\n{body}"
    ));
    assert_eq!(get(&r, "document.year.value"), 2022);
    assert_eq!(get(&r, "document.year.rule"), "year.date");
    assert_eq!(get(&r, "document.place.value"), "Huế");
}

#[test]
fn a_header_whose_font_lost_its_slashes_is_still_read() {
    let r = record(
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 5666 SLĐTBXH-PCTNXH\n\
         V v tích cực triển khai vận động người nghiện\n\nKính gửi: UBND các quận, huyện\n",
    );
    assert_eq!(
        get(&r, "document.number.value.normalized"),
        "5666/SLĐTBXH-PCTNXH"
    );
    assert_eq!(get(&r, "document.number.rule"), "number.header_lost_slash");
    assert_eq!(
        get(&r, "document.subject.value"),
        "tích cực triển khai vận động người nghiện"
    );
    // A line that names a place after a number is no number.
    let r = record("Số 3 Hà Nội\n");
    assert_eq!(get(&r, "document.number"), serde_json::Value::Null);
}

#[test]
fn a_subject_stacked_above_the_motto_or_the_date_line_stops_there() {
    // Columns stacked instead of side by side: the V/v block runs straight into the
    // national name, or into the place-and-date line, with no blank line between.
    let r = record(
        "SỞ NỘI VỤ TỈNH AN GIANG\nSố: 9/SNV-TCBC\nV/v rà soát biên chế\nnăm 2025\n\
         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
         An Giang, ngày 2 tháng 4 năm 2025\n\nKính gửi: Các sở, ngành\n",
    );
    assert_eq!(get(&r, "document.subject"), "rà soát biên chế năm 2025");
    assert_eq!(get(&r, "document.date.iso"), "2025-04-02");
    let r = record(
        "SỞ NỘI VỤ\nSố: 9/SNV-TCBC\nV/v rà soát biên chế\nAn Giang, ngày 2 tháng 4 năm 2025\n\n\
         Kính gửi: Các sở, ngành\n",
    );
    assert_eq!(get(&r, "document.subject"), "rà soát biên chế");
}

#[test]
fn the_invitees_of_a_giay_moi_are_its_recipients() {
    let r = record(
        "SỞ Y TẾ\nSố: 3/GM-SYT\nHuế, ngày 2 tháng 4 năm 2024\n\nGIẤY MỜI\nHọp giao ban\n\n\
         Sở Y tế trân trọng kính mời:\n- Giám đốc các bệnh viện;\n- Trưởng phòng Y tế.\n\n\
         Thời gian: 8 giờ, ngày 5 tháng 4 năm 2024.\nĐề nghị đại biểu tới dự đúng giờ.\n",
    );
    assert_eq!(get(&r, "document.recipients.0"), "Giám đốc các bệnh viện");
    assert_eq!(get(&r, "document.recipients.1"), "Trưởng phòng Y tế");
    // A label over the list names no one.
    let r = record(
        "SỞ Y TẾ\nSố: 3/GM-SYT\nHuế, ngày 2 tháng 4 năm 2024\n\nGIẤY MỜI\nHọp giao ban\n\n\
         Sở Y tế trân trọng kính mời:\nThành phần:\n- Giám đốc các bệnh viện;\n- Trưởng phòng Y tế.\n\n\
         Thời gian: 8 giờ, ngày 5 tháng 4 năm 2024.\n",
    );
    assert_eq!(get(&r, "document.recipients.0"), "Giám đốc các bệnh viện");
    assert_eq!(get(&r, "document.recipients.1"), "Trưởng phòng Y tế");
    // An invitation in a sentence, with no colon, lists nobody.
    let r = record(
        "SỞ Y TẾ\nSố: 3/GM-SYT\n\nGIẤY MỜI\nHọp giao ban\n\n\
         Sở Y tế trân trọng kính mời đại biểu tới dự.\n- Thời gian: 8 giờ.\n",
    );
    assert_eq!(get(&r, "document.recipients"), serde_json::json!([]));
}

#[test]
fn an_annex_caption_naming_the_document_itself_is_no_citation() {
    let r = record(
        "SỞ Y TẾ\nSố: 73/SYT-NVY\nHuế, ngày 11 tháng 9 năm 2024\nV/v tiêm chủng\n\n\
         Thực hiện Công văn số 48/BYT-DP ngày 30/8/2024 của Bộ Y tế.\n\n\
         Phụ lục\n(Kèm theo Công văn số 73/SYT-NVY ngày 11/9/2024 của Sở Y tế)\n\
         Căn cứ Quyết định số 73/SYT-NVY ngày 2/1/2023 của Sở Y tế.\n",
    );
    let numbers: Vec<_> = r["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["value"]["number"].as_str().unwrap_or("").to_string())
        .collect();
    // The same year-less number dated another day is another document, and stays.
    assert_eq!(numbers, ["48/BYT-DP", "73/SYT-NVY"]);
    assert_eq!(r["references"][1]["value"]["date"]["iso"], "2023-01-02");
}

#[test]
fn older_slashed_signing_authorities() {
    for (line, code) in [
        ("K/T. TRƯỞNG PHÒNG", "KT"),
        ("T/M ỦY BAN NHÂN DÂN", "TM"),
        ("T/L GIÁM ĐỐC", "TL"),
    ] {
        let r = record(&format!(
            "PHÒNG GIÁO DỤC\nSố: 15/PGD\nV/v thi\n\nNội dung.\n\nNơi nhận:\n- Như trên;\n- Lưu VT.\n\n\
             {line}\nPHÓ TRƯỞNG PHÒNG\n\nNguyễn Văn Bình\n"
        ));
        assert_eq!(get(&r, "document.signer.authority"), line, "{line}");
        assert_eq!(get(&r, "document.signer.authority_code"), code, "{line}");
        assert_eq!(get(&r, "document.signer.name"), "Nguyễn Văn Bình", "{line}");
    }
}

#[test]
fn an_older_letter_heads_its_copy_list_noi_gui_beside_the_signature() {
    // Copy list left, signature right, on shared lines: by runs of spaces or by tabs.
    for gap in ["                                   ", "\t\t\t\t"] {
        let r = record(&format!(
            "UỶ BAN NHÂN DÂN\nTỈNH HÀ TÂY\nSố: 15/UB\nV/v khai giảng\n\nNội dung.\n\n\
             Nơi gửi:{gap}T/M UỶ BAN NHÂN DÂN TỈNH\n\
             - Như trên;{gap}K/T CHỦ TỊCH\n\
             - TT Tỉnh uỷ (để b/c);{gap}PHÓ CHỦ TỊCH\n\
             - Lưu VP.\n\n\n\n\
             {gap}{gap}Nguyễn Văn Bình\n"
        ));
        assert_eq!(
            get(&r, "document.signer.name"),
            "Nguyễn Văn Bình",
            "{gap:?}"
        );
        assert_eq!(get(&r, "document.signer.title"), "PHÓ CHỦ TỊCH", "{gap:?}");
        assert_eq!(get(&r, "document.signer.authority_code"), "KT", "{gap:?}");
        let copies: Vec<serde_json::Value> = (0..4)
            .map(|k| get(&r, &format!("document.copy_to.{k}")))
            .collect();
        assert_eq!(
            copies,
            ["Như trên", "TT Tỉnh ủy (để b/c)", "Lưu VP", ""].map(|s| if s.is_empty() {
                serde_json::Value::Null
            } else {
                s.into()
            }),
            "{gap:?}"
        );
    }
    // A form's "Nơi gửi tờ khai:" heads no copy list.
    let r = record("Số: 2/TK\n\nNơi gửi tờ khai:\n- Chi cục Thuế;\n");
    assert_eq!(get(&r, "document.copy_to.0"), serde_json::Value::Null);
}

#[test]
fn recipients_on_one_line_or_numbered() {
    let r = record(
        "SỞ Y TẾ\nSố: 7/SYT-VP\nV/v họp\n\n\
         Kính gửi: Hiệu trưởng các trường THCS; Hiệu trưởng các trường Tiểu học.\n\nNội dung.\n",
    );
    assert_eq!(get(&r, "document.recipients#count"), 2);
    assert_eq!(
        get(&r, "document.recipients.1"),
        "Hiệu trưởng các trường Tiểu học"
    );
    // After a colon, ";" separates the units one recipient enumerates.
    let r = record(
        "SỞ Y TẾ\nSố: 7/SYT-VP\nV/v họp\n\nKính gửi: UBND các huyện: Ba Vì; Mỹ Đức.\n\nNội dung.\n",
    );
    assert_eq!(get(&r, "document.recipients#count"), 1);
    let r = record(
        "BỘ TÀI CHÍNH\nSố: 12/BTC-NSNN\nV/v kinh phí\n\nKính gửi:\n1. Ủy ban nhân dân tỉnh Lào Cai;\n\
         2. Ủy ban nhân dân tỉnh Yên Bái.\n\n1. Tình hình thực hiện.\n2. Kiến nghị.\n",
    );
    assert_eq!(get(&r, "document.recipients#count"), 2);
    assert_eq!(
        get(&r, "document.recipients.0"),
        "Ủy ban nhân dân tỉnh Lào Cai"
    );
    assert_eq!(
        get(&r, "document.recipients.1"),
        "Ủy ban nhân dân tỉnh Yên Bái"
    );
    // A dashed list does not run on into the body's numbered sections.
    let r = record(
        "SỞ Y TẾ\nSố: 7/SYT-VP\nV/v họp\n\nKính gửi:\n- Sở Tài chính;\n- Sở Nội vụ.\n\n\
         1. Tình hình thực hiện.\n",
    );
    assert_eq!(get(&r, "document.recipients#count"), 2);
    // After recipients named on the "Kính gửi" line, numbers open the body.
    let r = record(
        "SỞ TÀI CHÍNH\nSố: 22/STC-QLNS\nV/v dự toán\n\n\
         Kính gửi: Các sở, ban, ngành; UBND các huyện, thành phố.\n\n\
         1. Tổng dự toán chi thường xuyên năm 2025 dự kiến là 3.450,5 tỷ đồng.\n\
         2. Các đơn vị gửi dự toán chậm nhất ngày 20/11/2024.\n",
    );
    assert_eq!(get(&r, "document.recipients#count"), 2);
    assert_eq!(
        get(&r, "document.recipients.1"),
        "UBND các huyện, thành phố"
    );
}

#[test]
fn a_signer_name_typed_in_capitals() {
    let r = record(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 15/UBND-KTTH\nV/v báo cáo\n\nNội dung.\n\n\
         Nơi nhận:\n- Như trên;\n- Lưu VT.\n\nT/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNGUYỄN VĂN SƠN\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Nguyễn Văn Sơn");
    assert_eq!(get(&r, "document.signer.title"), "CHỦ TỊCH");
    // An office line in capitals below the position is no name.
    let r = record(
        "Nội dung.\n\nNơi nhận:\n- Như trên.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nVĂN PHÒNG CHÍNH PHỦ\n\nLê Văn An\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Lê Văn An");
}

#[test]
fn a_meeting_record_titled_with_its_kind_and_signed_side_by_side() {
    let r = record(
        "CÔNG TY CỔ PHẦN CẤP NƯỚC NAM ĐỊNH     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         PHÒNG KỸ THUẬT                          Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 15/BB-PKT                          Nam Định, ngày 05 tháng 3 năm 2024\n\n\
         BIÊN BẢN HỌP\nVề việc nghiệm thu hệ thống đồng hồ đo nước\n\n\
         Hôm nay, vào lúc 14 giờ 00 ngày 05 tháng 3 năm 2024, tại trụ sở Công ty.\n\n\
         THƯ KÝ                                    CHỦ TRÌ\n\n\n\n\
         Lê Thị Hoa                                Trần Văn Bình\n",
    );
    assert_eq!(get(&r, "document.type.id"), "bien_ban");
    assert_eq!(get(&r, "document.type.rule"), "type.title");
    assert_eq!(
        get(&r, "document.subject"),
        "Về việc nghiệm thu hệ thống đồng hồ đo nước"
    );
    assert_eq!(get(&r, "document.signer.title"), "CHỦ TRÌ");
    assert_eq!(get(&r, "document.signer.name"), "Trần Văn Bình");
}

#[test]
fn a_record_signed_by_two_parties_side_by_side_is_signed_by_the_first() {
    let r = record(
        "BIÊN BẢN BÀN GIAO\nVề việc bàn giao tài sản\n\nHai bên đã thống nhất bàn giao.\n\n\
         BÊN GIAO                                  BÊN NHẬN\n\n\n\
         Nguyễn Văn Hùng                           Trần Thị Lan\n",
    );
    assert_eq!(get(&r, "document.signer.title"), "BÊN GIAO");
    assert_eq!(get(&r, "document.signer.name"), "Nguyễn Văn Hùng");
    let r = record(
        "BIÊN BẢN THANH LÝ HỢP ĐỒNG\n\nHợp đồng được thanh lý.\n\n\
         ĐẠI DIỆN BÊN A                            ĐẠI DIỆN BÊN B\n\
         (Ký, ghi rõ họ tên)                       (Ký, ghi rõ họ tên)\n\n\
         Lê Văn Nam                                Phạm Thị Hoa\n",
    );
    assert_eq!(get(&r, "document.signer.title"), "ĐẠI DIỆN BÊN A");
    assert_eq!(get(&r, "document.signer.name"), "Lê Văn Nam");
    // A position under the party's heading is the signer's title, the party its authority.
    let r = record(
        "BIÊN BẢN THANH LÝ HỢP ĐỒNG\n\nHợp đồng được thanh lý.\n\n\
         ĐẠI DIỆN BÊN A                            ĐẠI DIỆN BÊN B\n\
         HIỆU TRƯỞNG                               GIÁM ĐỐC\n\n\n\
         Trần Minh Khôi                            Võ Thị Ngọc Lan\n",
    );
    assert_eq!(get(&r, "document.signer.title"), "HIỆU TRƯỞNG");
    assert_eq!(get(&r, "document.signer.authority"), "ĐẠI DIỆN BÊN A");
    assert_eq!(get(&r, "document.signer.name"), "Trần Minh Khôi");
    // The right-hand name alone (the first party has not signed) is still the second's.
    let r = record(
        "BIÊN BẢN GIAO NHẬN\n\nĐã giao đủ.\n\n\
         BÊN GIAO                                  BÊN NHẬN\n\n\
         \t\t\t\t\t\tTrần Thị Lan\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Trần Thị Lan");
}

#[test]
fn a_cong_dien_dated_with_its_hour() {
    let r = record(
        "BAN CHỈ ĐẠO PHÒNG, CHỐNG THIÊN TAI VÀ TÌM KIẾM CỨU NẠN TỈNH QUẢNG BÌNH\n\
         Số: 18/CĐ-BCH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         Quảng Bình, 16 giờ 00 ngày 26 tháng 10 năm 2024\n\nCÔNG ĐIỆN\n\
         Về việc chủ động ứng phó với bão số 6\n\n\
         Hiện có khoảng 1.245 tàu cá đang hoạt động trên biển.\n",
    );
    assert_eq!(get(&r, "document.place"), "Quảng Bình");
    assert_eq!(get(&r, "document.date.iso"), "2024-10-26");
    assert_eq!(get(&r, "dates.0.time"), "16:00");
    assert_eq!(get(&r, "quantities.0.unit"), "vessel");
}

#[test]
fn a_time_limit_counted_from_an_event_is_in_the_record() {
    let r = record(
        "KẾ HOẠCH\nThu hoạch lúa vụ Mùa\n\n\
         Hợp tác xã báo cáo kết quả trong thời hạn 10 ngày làm việc kể từ ngày kết thúc thu hoạch.\n",
    );
    assert_eq!(get(&r, "time_limits.0.count"), 10);
    assert_eq!(get(&r, "time_limits.0.unit"), "working_day");
    assert_eq!(
        get(&r, "time_limits.0.from"),
        "kể từ ngày kết thúc thu hoạch"
    );
    // Without one, the key is left out.
    assert!(record("KẾ HOẠCH\nThu hoạch lúa\n")
        .get("time_limits")
        .is_none());
}

#[test]
fn a_party_document_with_its_dashed_number_and_national_name() {
    let r = record(
        "ĐẢNG BỘ TỈNH BẮC NINH                     ĐẢNG CỘNG SẢN VIỆT NAM\n\
         TỈNH ỦY\n\
         *\n\
         Số 123-CV/TU                              Bắc Ninh, ngày 18 tháng 9 năm 2025\n\n\
         V/v tổ chức học tập Nghị quyết Đại hội\n\n\
         Kính gửi: Các huyện ủy, thị ủy, thành ủy trực thuộc Tỉnh ủy.\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "123-CV/TU");
    assert_eq!(get(&r, "document.number.serial"), 123);
    assert_eq!(get(&r, "document.type.id"), "cong_van");
    assert_eq!(get(&r, "document.type.rule"), "type.symbol_code");
    // The Party's name is the right column's, like the national motto: not an issuer line.
    assert_eq!(get(&r, "document.issuer.name"), "TỈNH ỦY");
    assert_eq!(get(&r, "document.issuer.parent"), "ĐẢNG BỘ TỈNH BẮC NINH");
    assert_eq!(get(&r, "document.issuer.agency.id"), "tinh_uy@p34-24");
    assert_eq!(get(&r, "document.date.iso"), "2025-09-18");

    let r = record(
        "HỘI NÔNG DÂN VIỆT NAM                      ĐẢNG CỘNG SẢN VIỆT NAM\n\
         BCH TỈNH THANH HÓA\n\
         ***\n\
         Số: 58-BC/HNDT                          Thanh Hóa, ngày 25 tháng 12 năm 2024\n\n\
         BÁO CÁO\nTổng kết công tác Hội năm 2024\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "58-BC/HNDT");
    assert_eq!(get(&r, "document.type.id"), "bao_cao");
    // The title and the symbol's code agree.
    assert!(get(&r, "document.type.confidence").as_f64().unwrap() > 0.98);
    let name = get(&r, "document.issuer.name");
    assert!(
        !name.as_str().unwrap_or("").contains("ĐẢNG CỘNG SẢN"),
        "{name}"
    );
    // The mass organisation's national body above its provincial committee.
    assert_eq!(name, "BCH TỈNH THANH HÓA");
    assert_eq!(get(&r, "document.issuer.parent"), "HỘI NÔNG DÂN VIỆT NAM");
    assert_eq!(get(&r, "document.issuer.parent_agency.id"), "hoi_nong_dan");
    assert_eq!(
        get(&r, "document.issuer.agency.id"),
        "ban_chap_hanh:hoi_nong_dan@p63-38"
    );
    assert_eq!(
        get(&r, "document.issuer.agency.name"),
        "Ban Chấp hành Hội Nông dân tỉnh Thanh Hóa"
    );
}

#[test]
fn a_district_or_spelt_out_city_place_line_takes_the_issuers_province() {
    let r = record(
        "UBND HUYỆN ĐÔNG ANH                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI      Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 88/BC-LĐTBXH                      Đông Anh, ngày 15 tháng 12 năm 2023\n\n\
         BÁO CÁO\nKết quả giải quyết việc làm năm 2023\n",
    );
    assert_eq!(get(&r, "document.place"), "Đông Anh");
    assert_eq!(get(&r, "document.province.id"), "p63-01");
    assert_eq!(get(&r, "document.province.rule"), "province.issuer");
    let r = record(
        "UBND THÀNH PHỐ HỒ CHÍ MINH          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         SỞ GIÁO DỤC VÀ ĐÀO TẠO                      Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 3021/KH-SGDĐT        Thành phố Hồ Chí Minh, ngày 26 tháng 8 năm 2024\n\n\
         KẾ HOẠCH\nTổ chức các hoạt động giáo dục kỹ năng sống\n",
    );
    assert_eq!(get(&r, "document.province.name"), "Hồ Chí Minh");
    // A commune of the two-level map names no province: none is made up.
    let r = record(
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         XÃ TÂN HÒA                                 Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 215/UBND-VP                      Tân Hòa, ngày 14 tháng 8 năm 2025\n\
         V/v rà soát hộ nghèo\n",
    );
    assert_eq!(get(&r, "document.province"), serde_json::Value::Null);
}

#[test]
fn a_place_line_naming_the_issuers_own_commune_or_district_is_no_province() {
    // "Hòa Bình" is the commune's name; the old province Hòa Bình is another place. Both
    // 2025 communes of the name lie elsewhere, and the report names no province: none.
    for date in ["12 tháng 01 năm 2026", "12 tháng 01 năm 2020"] {
        let r = record(&format!(
            "ỦY BAN NHÂN DÂN                        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             XÃ HÒA BÌNH                                   Độc lập - Tự do - Hạnh phúc\n\n\
             Số: 36/BC-UBND                              Hòa Bình, ngày {date}\n\n\
             BÁO CÁO\nTình hình thực hiện dự toán ngân sách xã\n"
        ));
        assert_eq!(get(&r, "document.place"), "Hòa Bình", "{date}");
        assert_eq!(
            get(&r, "document.province"),
            serde_json::Value::Null,
            "{date}"
        );
    }
    // A district named like another province: the district's own province.
    let r = record(
        "UBND HUYỆN QUẢNG NINH                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         PHÒNG GIÁO DỤC VÀ ĐÀO TẠO                  Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 41/PGDĐT-VP                       Quảng Ninh, ngày 9 tháng 5 năm 2019\n\n\
         V/v tổ chức thi học sinh giỏi\n",
    );
    assert_eq!(get(&r, "document.province.name"), "Quảng Bình", "{r:#}");
    assert_eq!(get(&r, "document.province.rule"), "province.issuer");
    // The province's own body keeps the province its place line names.
    let r = record(
        "ỦY BAN NHÂN DÂN                        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         TỈNH HÒA BÌNH                                 Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 36/BC-UBND                              Hòa Bình, ngày 12 tháng 01 năm 2020\n\n\
         BÁO CÁO\nTình hình thực hiện dự toán ngân sách tỉnh\n",
    );
    assert_eq!(get(&r, "document.province.id"), "p63-17");
    assert_eq!(get(&r, "document.province.rule"), "province.place_line");
}

#[test]
fn an_urgent_cong_dien_with_its_addressees() {
    let r = record(
        "HỎA TỐC\n\n\
         ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         TỈNH HÀ TĨNH                               Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 09/CĐ-UBND                        Hà Tĩnh, ngày 24 tháng 8 năm 2025\n\n\
         CÔNG ĐIỆN\nVề việc ứng phó với bão số 5\n\n\
         CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n\n\
         - Giám đốc các Sở, ban, ngành cấp tỉnh;\n\
         - Chủ tịch Ủy ban nhân dân các xã, phường.\n\n\
         Dự báo chiều tối nay bão ảnh hưởng; không cắt điện: giữ liên lạc.\n",
    );
    assert_eq!(get(&r, "document.urgency.value"), "hỏa tốc");
    // The mark is not the issuer's parent.
    assert_eq!(get(&r, "document.issuer.parent"), serde_json::Value::Null);
    assert_eq!(get(&r, "document.issuer.agency.id"), "ubnd@p34-42");
    assert_eq!(get(&r, "document.type.id"), "cong_dien");
    assert_eq!(
        get(&r, "document.recipients.0"),
        "Giám đốc các Sở, ban, ngành cấp tỉnh"
    );
    assert_eq!(
        get(&r, "document.recipients.1"),
        "Chủ tịch Ủy ban nhân dân các xã, phường"
    );
    assert_eq!(get(&r, "document.recipients.2"), serde_json::Value::Null);
}

#[test]
fn a_youth_union_header_and_a_numbered_district() {
    let r = record(
        "TỈNH ĐOÀN BẮC NINH                        ĐOÀN TNCS HỒ CHÍ MINH\n\
         ***\n\
         Số: 312-BC/TĐTN-VP                        Bắc Ninh, ngày 12 tháng 12 năm 2025\n\n\
         BÁO CÁO\nTổng kết công tác Đoàn năm 2025\n",
    );
    // The right column's name is the Union's motto, not part of the issuer.
    assert_eq!(get(&r, "document.issuer.name"), "TỈNH ĐOÀN BẮC NINH");
    assert_eq!(get(&r, "document.issuer.agency.id"), "tinh_doan@p34-24");
    assert_eq!(get(&r, "document.urgency"), serde_json::Value::Null);

    let r = record(
        "PHÒNG GD&ĐT QUẬN 5                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         TRƯỜNG THCS NGUYỄN DU                       Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 27/BB-THCSND                      Quận 5, ngày 28 tháng 6 năm 2024\n\n\
         BIÊN BẢN\nThanh lý hợp đồng\n",
    );
    assert_eq!(get(&r, "document.place"), "Quận 5");
    assert_eq!(get(&r, "document.province.id"), "p63-79");
    assert_eq!(
        get(&r, "document.issuer.parent_agency.id"),
        "phong:giao_duc_dao_tao@d63-774"
    );
}

#[test]
fn a_subject_beside_the_date_column_keeps_to_its_own_column() {
    let r = record(
        "UBND TỈNH QUẢNG BÌNH                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG                 Độc lập - Tự do - Hạnh phúc\n\
         Số: 365/STNMT-QLĐĐ\n\
         V/v báo cáo kết quả cấp Giấy chứng           Quảng Bình, ngày 05 tháng 3 năm 2015\n\
         nhận quyền sử dụng đất năm 2014\n\n\
         Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.\n\n\
         Đề nghị các đơn vị báo cáo trước ngày 20/3/2015.\n\n\
         Nơi nhận:\n- Như trên;\n- Lưu: VT, QLĐĐ.\n\n\
         TL. GIÁM ĐỐC\nCHI CỤC TRƯỞNG\nCHI CỤC QUẢN LÝ ĐẤT ĐAI\n\n\nNguyễn Văn Hải\n",
    );
    // The office named below the title is the signer's office, not the title.
    assert_eq!(get(&r, "document.signer.title"), "CHI CỤC TRƯỞNG");
    assert_eq!(get(&r, "document.signer.office"), "CHI CỤC QUẢN LÝ ĐẤT ĐAI");
    assert_eq!(get(&r, "document.signer.name"), "Nguyễn Văn Hải");
    assert_eq!(
        get(&r, "document.subject"),
        "báo cáo kết quả cấp Giấy chứng nhận quyền sử dụng đất năm 2014"
    );
    assert_eq!(get(&r, "document.date.iso"), "2015-03-05");
    assert_eq!(get(&r, "document.place"), "Quảng Bình");
}

#[test]
fn a_recipient_wrapped_onto_the_next_line_is_one_recipient() {
    let r = record(
        "BỘ NÔNG NGHIỆP VÀ PTNT              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         CỤC THỦY LỢI                              Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 45/TL-QLCT                        Hà Nội, ngày 02 tháng 01 năm 2025\n\
         V/v lấy nước phục vụ gieo cấy vụ Đông Xuân\n\n\
         Kính gửi:\n\
         \x20   - Sở Nông nghiệp và Phát triển nông thôn các tỉnh, thành phố\n\
         \x20     vùng Trung du và Đồng bằng Bắc Bộ;\n\
         \x20   - Công ty TNHH MTV Khai thác công trình thủy lợi Bắc Hưng Hải.\n\n\
         Cục Thủy lợi đề nghị các đơn vị như sau:\n",
    );
    assert_eq!(
        get(&r, "document.recipients.0"),
        "Sở Nông nghiệp và Phát triển nông thôn các tỉnh, thành phố vùng Trung du và Đồng bằng Bắc Bộ"
    );
    assert_eq!(
        get(&r, "document.recipients.1"),
        "Công ty TNHH MTV Khai thác công trình thủy lợi Bắc Hưng Hải"
    );
}

#[test]
fn authority_of_two_offices_held_together() {
    // The Government Office signs "KT. BỘ TRƯỞNG, CHỦ NHIỆM": one authority with a comma.
    let r = record(
        "VĂN PHÒNG CHÍNH PHỦ            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: 215/TB-VPCP                       Hà Nội, ngày 08 tháng 5 năm 2026\n\n\
         THÔNG BÁO\nÝ kiến chỉ đạo của Phó Thủ tướng\n\nNội dung.\n\n\
         Nơi nhận:\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n\n\n\nLê Thị Thanh Hà\n",
    );
    assert_eq!(
        get(&r, "document.signer.authority"),
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM"
    );
    assert_eq!(get(&r, "document.signer.authority_code"), "KT");
    assert_eq!(get(&r, "document.signer.title"), "PHÓ CHỦ NHIỆM");
    assert_eq!(get(&r, "document.signer.name"), "Lê Thị Thanh Hà");
}

#[test]
fn parent_body_and_agency_on_one_line() {
    let r = record(
        "UBND HUYỆN CHÂU THÀNH - PHÒNG GIÁO DỤC VÀ ĐÀO TẠO      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         \x20                                                 Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 418/PGDĐT                          Châu Thành, ngày 27 tháng 9 năm 2023\n\
         V/v tổ chức Hội khỏe Phù Đổng\n\nKính gửi: Các trường.\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
    assert_eq!(get(&r, "document.issuer.parent"), "UBND HUYỆN CHÂU THÀNH");
    // A dash inside one agency's name does not split it.
    let r = record(
        "UBND TỈNH HÀ TÂY                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         SỞ GIÁO DỤC - ĐÀO TẠO                  Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 12/GD-ĐT                          Hà Đông, ngày 2 tháng 9 năm 1998\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "SỞ GIÁO DỤC - ĐÀO TẠO");
}

#[test]
fn an_annex_alone_has_no_issuer() {
    // The capitals under "Phụ lục II" are the annex's title.
    let r = record(
        "Phụ lục II\nDANH MỤC CÔNG TRÌNH NHÀ Ở XÃ HỘI KHỞI CÔNG NĂM 2026\n\
         (Kèm theo Công văn số 905/SXD-QLN ngày 28 tháng 02 năm 2026 của Sở Xây dựng)\n\n\
         STT\tTên dự án\tSố căn hộ\n1\tNhà ở xã hội Quế Võ\t1.250\n",
    );
    assert_eq!(get(&r, "document.issuer"), serde_json::Value::Null);
}

#[test]
fn a_symbol_ending_in_tp_names_no_city() {
    // "QĐ-STP" then the column gap and the place line: no "TP … Đà Nẵng" place.
    let r = record(
        "SỞ TƯ PHÁP                                     Độc lập - Tự do - Hạnh phúc\n\n\
         Số: 58/QĐ-STP                              Đà Nẵng, ngày 03 tháng 3 năm 2026\n",
    );
    let places = get(&r, "places");
    assert!(places.as_array().is_none_or(|p| p.is_empty()), "{places}");
}

#[test]
fn a_report_s_title_block_dates_figures_that_name_no_time() {
    let periods = |text: &str| -> Vec<(String, Option<String>)> {
        let r = record(text);
        r["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                let p = q["value"]["period"].as_str().map(str::to_string);
                (q["raw"].as_str().unwrap().to_string(), p)
            })
            .collect()
    };
    let own = |s: &str| Some(s.to_string());
    let got = periods(
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n\nSố: 21/BC-SNNMT                 Đắk Lắk, ngày 03 tháng 7 năm 2026\n\n\
         BÁO CÁO\nKết quả công tác bảo vệ rừng\n(Số liệu tính từ ngày 01/01/2026 đến ngày 30/6/2026)\n\n\
         1. Trong kỳ báo cáo, phát hiện 146 vụ vi phạm, giảm 21 vụ so với cùng kỳ năm 2025.\n\n\
         2. Trồng mới 3.860 ha rừng, đạt 77,2% kế hoạch năm 2026.\n\n\
         3. Trong tuần qua, xảy ra 2 vụ cháy rừng.\n\n\
         II. PHƯƠNG HƯỚNG, NHIỆM VỤ\nTrồng thêm 1.140 ha rừng.\n",
    );
    let range = own("2026-01-01/2026-06-30");
    assert_eq!(
        got,
        [
            ("146 vụ".to_string(), range.clone()),
            ("21 vụ".to_string(), range),
            // A figure's own time stays its own.
            ("3.860 ha".to_string(), own("2026")),
            ("77,2%".to_string(), own("2026")),
            // A part of the report's time, and what comes next, are not the report's.
            ("2 vụ".to_string(), None),
            ("1.140 ha".to_string(), None),
        ]
    );
    // The period of the title, not of what the subject says comes next; only reports.
    let got = periods(
        "Số: 5/BC-UBND                 Hà Nội, ngày 10 tháng 01 năm 2022\n\n\
         BÁO CÁO\nTổng kết công tác năm 2021 và phương hướng, nhiệm vụ năm 2022\n\n\
         Toàn tỉnh hỗ trợ 625 học viên.\n",
    );
    assert_eq!(got, [("625 học viên".to_string(), own("2021"))]);
    let got = periods(
        "Số: 5/BC-UBND                 Hà Nội, ngày 10 tháng 01 năm 2022\n\n\
         BÁO CÁO\nKết quả sản xuất vụ Đông Xuân và kế hoạch sản xuất vụ Hè Thu năm 2022\n\n\
         Gieo trồng 8.663 ha.\n",
    );
    assert_eq!(got, [("8.663 ha".to_string(), None)]);
    let got = periods(
        "Số: 5/TTr-UBND                 Hà Nội, ngày 10 tháng 01 năm 2022\n\n\
         TỜ TRÌNH\nVề hỗ trợ học viên năm 2022\n\nHiện có 625 học viên.\n",
    );
    assert_eq!(got, [("625 học viên".to_string(), None)]);
}

#[test]
fn a_motto_spaced_squeezed_or_in_a_table_cell_is_not_part_of_the_agency() {
    for (first, second) in [
        // Doubled spaces inside the national name; the motto without spaces around its dashes.
        (
            "BỘ XÂY DỰNG          CỘNG HOÀ  XÃ  HỘI  CHỦ  NGHĨA  VIỆT  NAM",
            "CỤC QUẢN LÝ NHÀ            Độc lập-Tự do-Hạnh phúc",
        ),
        // A converter squeezed the column gap to one space.
        (
            "BỘ XÂY DỰNG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "CỤC QUẢN LÝ NHÀ Độc lập - Tự do - Hạnh phúc",
        ),
        // A table's cells.
        (
            "| BỘ XÂY DỰNG | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            "| CỤC QUẢN LÝ NHÀ | Độc lập - Tự do - Hạnh phúc |",
        ),
    ] {
        let r = record(&format!(
            "{first}\n{second}\nSố: 57/QLN-TH\nHà Nội, ngày 9 tháng 10 năm 2007\nV/v nhà công vụ\n"
        ));
        assert_eq!(
            get(&r, "document.issuer.name"),
            "CỤC QUẢN LÝ NHÀ",
            "{first}"
        );
        assert_eq!(get(&r, "document.issuer.parent"), "BỘ XÂY DỰNG", "{first}");
        assert_eq!(
            get(&r, "document.issuer.parent_agency.id"),
            "bo:xay_dung",
            "{first}"
        );
    }
    // The state's name in a title is no column: "… NƯỚC CỘNG HÒA XÃ HỘI …".
    let r = record("LUẬT QUỐC TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐiều 1. Phạm vi\n");
    assert_ne!(get(&r, "document.issuer.name"), "LUẬT QUỐC TỊCH NƯỚC");
}

#[test]
fn agency_lines_stacked_without_the_motto_beside_them_in_any_case() {
    for (top, below, id) in [
        (
            "Bộ Công Thương",
            "Cục Xúc tiến thương mại",
            "cuc:xuc-tien-thuong-mai",
        ),
        (
            "UBND TỈNH HÀ NAM",
            "SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
            "so:lao_dong_tbxh@p63-35",
        ),
    ] {
        let r = record(&format!(
            "{top}\n{below}\n\nSố: 88/XT-KH\n                  Hà Nội, ngày 4 tháng 5 năm 2008\nV/v hội chợ\n"
        ));
        assert_eq!(get(&r, "document.issuer.name"), below, "{below}");
        assert_eq!(get(&r, "document.issuer.parent"), top, "{below}");
        assert_eq!(get(&r, "document.issuer.agency.id"), id, "{below}");
    }
    // A lower-case name wrapped before "và …" is one name.
    let r = record(
        "Bộ nông nghiệp\nvà phát triển nông thôn\n\nSố: 3/2006/QĐ-BNN\nHà Nội, ngày 2 tháng 2 năm 2006\n",
    );
    assert_eq!(get(&r, "document.issuer.agency.id"), "bo:nong_nghiep_ptnt");
}

#[test]
fn a_banner_above_the_header_row_is_no_parent_body() {
    let r = record(
        "CÔNG BÁO ĐIỆN TỬ\n\nBỘ NỘI VỤ             CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         \x20                      Độc lập - Tự do - Hạnh phúc\n\
         Số: 11/2007/TT-BNV            Hà Nội, ngày 3 tháng 4 năm 2007\n\nTHÔNG TƯ\nHướng dẫn\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "BỘ NỘI VỤ");
    assert_eq!(get(&r, "document.issuer.parent"), serde_json::Value::Null);
}

#[test]
fn a_number_beside_the_agency_on_its_line() {
    let r = record(
        "UỶ BAN MẶT TRẬN TỔ QUỐC VIỆT NAM     CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         TỈNH YÊN BÁI   Số: 31/MTTQ-BTT          Độc lập - Tự do - Hạnh phúc\n\
         \x20                                  Yên Bái, ngày 6 tháng 9 năm 2006\n\nKẾ HOẠCH\nTổ chức hội nghị\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "31/MTTQ-BTT");
    assert_eq!(get(&r, "document.number.serial"), 31);
    assert_eq!(
        get(&r, "document.issuer.name"),
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH YÊN BÁI"
    );
    assert_eq!(get(&r, "document.issuer.agency.id"), "ubmttq@p63-15");
}

#[test]
fn a_joint_act_is_issued_by_its_bodies_together() {
    // The names wrap over two lines; the symbol (TTLT) says the act is joint.
    let r = record(
        "BỘ Y TẾ - BỘ GIAO THÔNG              CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         VẬN TẢI                                   Độc lập - Tự do - Hạnh phúc\n\
         Số: 14/2006/TTLT-BYT-BGTVT\n                       Hà Nội, ngày 10 tháng 11 năm 2006\n\n\
         THÔNG TƯ LIÊN TỊCH\nHướng dẫn khám sức khỏe\n",
    );
    assert_eq!(
        get(&r, "document.issuer.name"),
        "BỘ Y TẾ - BỘ GIAO THÔNG VẬN TẢI"
    );
    assert_eq!(get(&r, "document.issuer.parent"), serde_json::Value::Null);
    assert_eq!(get(&r, "document.issuer.agency.id"), "bo:y_te");
    assert_eq!(
        get(&r, "document.issuer.parent_agency"),
        serde_json::Value::Null
    );
    // Stacked on two lines, a joint act's bodies are still co-issuers.
    let r = record(
        "BỘ TÀI CHÍNH\nBỘ NỘI VỤ\n\nSố: 3/2008/TTLT-BTC-BNV\nHà Nội, ngày 1 tháng 2 năm 2008\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "BỘ TÀI CHÍNH - BỘ NỘI VỤ");
    assert_eq!(get(&r, "document.issuer.parent"), serde_json::Value::Null);
    // A parent and its agency on one line stay a parent and its agency.
    let r =
        record("UBND HUYỆN GIA LÂM - PHÒNG Y TẾ\n\nSố: 5/PYT\nGia Lâm, ngày 1 tháng 2 năm 2008\n");
    assert_eq!(get(&r, "document.issuer.name"), "PHÒNG Y TẾ");
    assert_eq!(get(&r, "document.issuer.parent"), "UBND HUYỆN GIA LÂM");
}

#[test]
fn the_authoritys_office_on_its_own_line_and_positions_of_other_bodies() {
    let r = record(
        "BỘ TÀI CHÍNH\nSố: 9/2006/TT-BTC\nHà Nội, ngày 1 tháng 2 năm 2006\n\nThông tư này có hiệu lực.\n\n\
         Nơi nhận:                          KT. BỘ TRƯỞNG\n\
         - Như trên;                         BỘ TÀI CHÍNH\n\
         - Lưu: VT.                          THỨ TRƯỞNG\n\n\
         \x20                                   Đặng Quốc Hưng\n",
    );
    assert_eq!(
        get(&r, "document.signer.authority"),
        "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH"
    );
    assert_eq!(get(&r, "document.signer.title"), "THỨ TRƯỞNG");
    assert_eq!(get(&r, "document.signer.name"), "Đặng Quốc Hưng");
    for (position, authority) in [
        ("PHÓ THỐNG ĐỐC", "KT. THỐNG ĐỐC"),
        ("PHÓ CHÁNH ÁN", "KT. CHÁNH ÁN"),
    ] {
        let r = record(&format!(
            "Số: 2/QĐ-NHNN\n\nĐiều 1. Hiệu lực.\n\nNơi nhận:                   {authority}\n\
             - Lưu: VP.                  {position}\n\n                            Hồ Thị Mai\n"
        ));
        assert_eq!(get(&r, "document.signer.title"), position);
        assert_eq!(get(&r, "document.signer.name"), "Hồ Thị Mai");
    }
}

#[test]
fn a_vv_subject_without_a_title_makes_a_cong_van_whatever_its_symbol_code() {
    // CT opens a Cục Thuế's symbols as it opens a chỉ thị's.
    let r = record(
        "TỔNG CỤC THUẾ\nCỤC THUẾ TỈNH THÁI BÌNH\nSố: 402/CT-TTHT\nThái Bình, ngày 8 tháng 3 năm 2007\n\
         V/v hoàn thuế\n\nKính gửi: Công ty TNHH Minh Phát\n",
    );
    assert_eq!(get(&r, "document.type.id"), "cong_van");
    assert_eq!(get(&r, "document.type.rule"), "type.vv_subject");
    // Without a V/v line the code still names the kind, and a title still wins.
    let r = record("UBND TỈNH THÁI BÌNH\nSố: 4/CT-UBND\nThái Bình, ngày 8 tháng 3 năm 2007\n");
    assert_eq!(get(&r, "document.type.id"), "chi_thi");
}

#[test]
fn agency_ids_of_national_bodies_academies_and_enterprises() {
    for (line, id) in [
        ("ỦY BAN DÂN TỘC", "uy_ban:dan-toc"),
        ("KIỂM TOÁN NHÀ NƯỚC", "kiem_toan_nha_nuoc"),
        ("HỌC VIỆN TÀI CHÍNH", "hoc_vien:tai-chinh"),
        ("CÔNG TY CẤP NƯỚC SƠN LA", "cong_ty:cap-nuoc-son-la"),
    ] {
        let r = record(&format!(
            "{line}          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             \x20                     Độc lập - Tự do - Hạnh phúc\n\
             Số: 7/VP            Hà Nội, ngày 3 tháng 4 năm 2007\nV/v báo cáo\n"
        ));
        assert_eq!(get(&r, "document.issuer.agency.id"), id, "{line}");
    }
}

#[test]
fn a_title_block_number_of_another_kind_is_a_citation() {
    // The header's number line is unreadable; under a "Thông tư" title the number of a
    // decree is cited, even when the word naming the decree was misread.
    let r = record(
        "BỘ TÀI CHÍNH                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: ……                          Độc lập - Tự do - Hạnh phúc\n\
         Hà Nội, ngày 30 tháng 12 năm 2031\n\n\
         THÔNG TƯ\n\
         Hướng dẫn thi hành Nghề, định số: 77/2031/NĐ-CP ngày 07/11/2031 của Chính phủ\n\n\
         Căn cứ Luật Ngân sách nhà nước;\n",
    );
    assert_eq!(get(&r, "document.type.id"), "thong_tu");
    assert!(
        get(&r, "document.number").is_null(),
        "{}",
        get(&r, "document.number")
    );
    // The act's own number in its title block stays its number.
    let r = record(
        "CHÍNH PHỦ\n\nNGHỊ ĐỊNH\nCỦA CHÍNH PHỦ SỐ 77/2031/NĐ-CP NGÀY 7 THÁNG 11 NĂM 2031\n\
         Về hóa đơn\n\nCăn cứ Luật Tổ chức Chính phủ;\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "77/2031/NĐ-CP");
}

#[test]
fn a_slash_read_as_a_comma_before_the_year() {
    let r = record(
        "BỘ TÀI CHÍNH                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         SỐ:  57, 2031 TT-BTC            Độc lập - Tự do - Hạnh phúc\n\
         Hà Nội, ngày 30 tháng 12 năm 2031\n\nTHÔNG TƯ\nHướng dẫn về hóa đơn\n",
    );
    assert_eq!(get(&r, "document.number.normalized"), "57/2031/TT-BTC");
}

#[test]
fn the_head_of_any_unit_signs() {
    for (title, name) in [
        ("TRƯỞNG TRẠM", "A Thuyên"),
        ("HẠT TRƯỞNG", "Hồ Sỹ Tình"),
        ("PHÓ TRƯỞNG CÔNG AN XÃ", "Lê Văn Bé Tư"),
    ] {
        let r = record(&format!(
            "UBND XÃ AN PHÚ\nTRẠM Y TẾ\n\nSố: 12/BC-TYT\nAn Phú, ngày 5 tháng 3 năm 2031\n\n\
             BÁO CÁO\nKết quả quý I\n\nTrạm báo cáo như sau.\n\nNơi gửi:\n- Như trên;\n\
             - Lưu TYT.\n\n{title}\n\n{name}\n"
        ));
        assert_eq!(get(&r, "document.signer.title"), title);
        assert_eq!(get(&r, "document.signer.name"), name);
    }
}

#[test]
fn associations_cooperatives_and_funds_issue_documents() {
    for (header, kind) in [
        ("HỘI KHUYẾN HỌC HUYỆN NGA SƠN", "hoi_khuyen_hoc"),
        (
            "TRUNG ƯƠNG HỘI CHỮ THẬP ĐỎ VIỆT NAM\nHỘI CHỮ THẬP ĐỎ TỈNH BẮC NINH",
            "hoi_chu_thap_do",
        ),
        ("HỢP TÁC XÃ NÔNG NGHIỆP XUÂN PHONG", "hop_tac_xa"),
        ("LIÊN MINH HỢP TÁC XÃ TỈNH SÓC TRĂNG", "lien_minh_htx"),
        ("QUỸ TÍN DỤNG NHÂN DÂN XÃ ĐỒNG TÂM", "quy"),
    ] {
        let r = record(&format!(
            "{header}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
             Số: 12/BC\nBắc Ninh, ngày 5 tháng 3 năm 2031\n\nBÁO CÁO\nKết quả quý I\n"
        ));
        assert_eq!(get(&r, "document.issuer.agency.kind"), kind, "{header}");
    }
    // The "xã" of "Hợp tác xã" types no place: the province is named once.
    let r = record(
        "LIÊN MINH HỢP TÁC XÃ TỈNH SÓC TRĂNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Độc lập - Tự do - Hạnh phúc\n\nSố: 12/BC\nSóc Trăng, ngày 5 tháng 3 năm 2020\n",
    );
    assert_eq!(
        get(&r, "document.issuer.agency.name"),
        "Liên minh Hợp tác xã tỉnh Sóc Trăng"
    );
    // A conference heading a record is no association.
    let r = record(
        "HỘI NGHỊ TỔNG KẾT NĂM 2030\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Độc lập - Tự do - Hạnh phúc\n\nBIÊN BẢN\nHọp tổng kết\n",
    );
    assert!(get(&r, "document.issuer.agency").is_null());
}

#[test]
fn a_province_under_its_former_name() {
    let r = record(
        "UBND TỈNH THỪA THIÊN HUẾ\nSỞ Y TẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Độc lập - Tự do - Hạnh phúc\n\nSố: 12/BC-SYT\nHuế, ngày 5 tháng 3 năm 2009\n\n\
         BÁO CÁO\nKết quả quý I\n",
    );
    assert_eq!(get(&r, "document.issuer.agency.place"), "p63-46");
    let r = record(
        "UBND TỈNH ĐẮC LẮC\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
         Số: 12/BC-UBND\nBuôn Ma Thuột, ngày 5 tháng 3 năm 1998\n\nBÁO CÁO\nKết quả quý I\n",
    );
    assert_eq!(get(&r, "document.issuer.agency.place"), "p63-66");
}

#[test]
fn a_report_titled_with_its_kind_and_a_summary_of_a_scheme() {
    for (title, kind) in [
        ("BÁO CÁO SƠ KẾT", "bao_cao"),
        ("BÁO CÁO CHUYÊN ĐỀ", "bao_cao"),
        ("TÓM TẮT ĐỀ ÁN", "de_an"),
    ] {
        let r = record(&format!(
            "UBND HUYỆN AN PHÚ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
             An Phú, ngày 5 tháng 3 năm 2031\n\n{title}\nMột năm thực hiện cơ chế một cửa\n\
             tại các xã, thị trấn\n\nI. KẾT QUẢ\n"
        ));
        assert_eq!(get(&r, "document.type.id"), kind, "{title}");
        assert_eq!(
            get(&r, "document.subject"),
            "Một năm thực hiện cơ chế một cửa tại các xã, thị trấn",
            "{title}"
        );
    }
}

#[test]
fn a_unit_stacked_under_its_body_is_the_issuer() {
    for (header, issuer, parent) in [
        ("UBND XÃ ĐẮK LA\nTRẠM Y TẾ", "TRẠM Y TẾ", "UBND XÃ ĐẮK LA"),
        (
            "CHI CỤC KIỂM LÂM QUẢNG TRỊ\nHẠT KIỂM LÂM HƯỚNG HÓA",
            "HẠT KIỂM LÂM HƯỚNG HÓA",
            "CHI CỤC KIỂM LÂM QUẢNG TRỊ",
        ),
    ] {
        let r = record(&format!(
            "{header}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
             Số: 12/BC\nĐắk La, ngày 5 tháng 3 năm 2031\n\nBÁO CÁO\nKết quả quý I\n"
        ));
        assert_eq!(get(&r, "document.issuer.name"), issuer, "{header}");
        assert_eq!(get(&r, "document.issuer.parent"), parent, "{header}");
    }
}

#[test]
fn a_letter_spaced_title_still_names_the_type_and_subject() {
    let r = record(
        "ỦY BAN NHÂN DÂN\nXÃ BÌNH AN\nSố: 21/QĐ-UBND\n\n\
         Q U Y Ế T   Đ Ị N H\n\
         Về việc thành lập Tổ công tác chuyển đổi số\n\
         CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BÌNH AN\n\n\
         Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Thành lập Tổ.\n",
    );
    assert_eq!(get(&r, "document.type.raw"), "QUYẾT ĐỊNH");
    assert_eq!(
        get(&r, "document.subject"),
        "Về việc thành lập Tổ công tác chuyển đổi số"
    );
}

#[test]
fn a_centred_subject_of_three_lines_is_read_whole() {
    let r = record(
        "   Số: 58/TB-UBND                       Hà Tiên, ngày 14 tháng 01 năm 2026\n\n\
         \x20                                   THÔNG BÁO\n\
         \x20        Kết luận của Chủ tịch Ủy ban nhân dân phường tại cuộc họp\n\
         \x20               về tiến độ giải phóng mặt bằng các công trình phục vụ\n\
         \x20                          Lễ hội Văn hóa năm 2026\n\n\
         \x20  Ngày 10/01/2026, Chủ tịch Ủy ban nhân dân phường chủ trì cuộc họp.\n",
    );
    assert_eq!(
        get(&r, "document.subject"),
        "Kết luận của Chủ tịch Ủy ban nhân dân phường tại cuộc họp về tiến độ giải \
         phóng mặt bằng các công trình phục vụ Lễ hội Văn hóa năm 2026"
    );
}

#[test]
fn a_party_committee_beside_the_rule_under_the_party_s_name() {
    let r = record(
        "     ĐẢNG BỘ TỈNH BÌNH ĐỊNH                ĐẢNG CỘNG SẢN VIỆT NAM\n\
         \x20     HUYỆN ỦY PHÙ CÁT                                 -----\n\
         \x20             *\n\
         \x20      Số 112-BC/HU                   Phù Cát, ngày 15 tháng 7 năm 1999\n\n\
         \x20                              BÁO CÁO\n\
         \x20    Sơ kết công tác 6 tháng đầu năm 1999\n",
    );
    let name = get(&r, "document.issuer.name")
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(name.ends_with("HUYỆN ỦY PHÙ CÁT"), "{name}");
}

#[test]
fn a_district_two_provinces_share_settles_among_the_provinces_the_text_names() {
    let r = record(
        "ỦY BAN NHÂN DÂN\nHUYỆN TAM NÔNG\nSố: 356/QĐ-UBND\nTam Nông, ngày 26 tháng 01 năm 2018\n\n\
         QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm 2018\n\n\
         Căn cứ Quyết định số 12/QĐ-UBND ngày 5/1/2018 của UBND tỉnh Phú Thọ về việc giao chỉ tiêu.\n",
    );
    assert_eq!(get(&r, "document.issuer.value.agency.id"), "ubnd@d63-236");
    // Named by no province, it stays unsettled.
    let r = record(
        "ỦY BAN NHÂN DÂN\nHUYỆN TAM NÔNG\nSố: 356/QĐ-UBND\nTam Nông, ngày 26 tháng 01 năm 2018\n\n\
         QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm 2018\n",
    );
    assert_eq!(
        get(&r, "document.issuer.value.agency.id"),
        "ubnd:huyen-tam-nong"
    );
}

#[test]
fn a_rank_before_the_signer_s_name_is_no_part_of_it() {
    let r = record(
        "CÔNG AN HUYỆN NAM ĐÀN\nSố: 15/BC-CAH\nNam Đàn, ngày 20 tháng 6 năm 2019\n\n\
         BÁO CÁO\nTình hình trật tự an toàn giao thông\n\nNội dung báo cáo.\n\n\
         Nơi nhận:\n- Lưu: VT.\n\nTRƯỞNG CÔNG AN HUYỆN\n\nThượng tá Hồ Sỹ Lâm\n",
    );
    assert_eq!(get(&r, "document.signer.value.name"), "Hồ Sỹ Lâm");
}

#[test]
fn a_subject_in_capitals_goes_on_in_capitals_on_its_next_line() {
    let r = record(
        "UỶ BAN NHÂN DÂN HUYỆN GIA LÂM     CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: 27/BC-UB\n\n                                  Hà Nội, ngày 5 tháng 3 năm 1999\n\n\
         \x20                           BÁO CÁO\n\
         \x20       TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH XĐGN NĂM 1998\n\
         \x20                VÀ PHƯƠNG HƯỚNG NĂM 1999\n\n\
         Kính gửi: UBND Thành phố Hà Nội\n\nNội dung báo cáo.\n",
    );
    assert_eq!(
        get(&r, "document.subject.value"),
        "TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH XĐGN NĂM 1998 VÀ PHƯƠNG HƯỚNG NĂM 1999"
    );
}

#[test]
fn a_type_guessed_from_a_cut_symbol_is_doubtful() {
    let r = record(
        "SỞ CÔNG THƯƠNG TỈNH ĐỒNG NAI\nSố: 1956/ C-SCT\nĐồng Nai, ngày 12 tháng 5 năm 2025\n\n ÁO CÁO\nKết quả\n\nNội dung.\n",
    );
    assert_eq!(r["document"]["type"]["value"]["id"], "cong_van");
    assert!(r["document"]["type"]["confidence"].as_f64().unwrap() < 0.5);
    let whole = record(
        "SỞ CÔNG THƯƠNG TỈNH ĐỒNG NAI\nSố: 1956/SCT-QLTM\nĐồng Nai, ngày 12 tháng 5 năm 2025\n\nV/v kiểm tra thị trường\n\nNội dung.\n",
    );
    assert!(whole["document"]["type"]["confidence"].as_f64().unwrap() >= 0.8);
}

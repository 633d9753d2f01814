//! Header layouts real offices produce, written here as small synthetic documents.

fn record(text: &str) -> serde_json::Value {
    let ctx = vanban::Context::builtin().expect("rules load");
    let rec = vanban::process_bytes("t.txt", text.as_bytes(), &ctx).expect("processed");
    serde_json::to_value(rec).expect("serializes")
}

fn get(r: &serde_json::Value, path: &str) -> serde_json::Value {
    crate::common::lookup(r, path).unwrap_or(serde_json::Value::Null)
}

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

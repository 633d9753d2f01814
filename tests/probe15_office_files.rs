//! Probe 15 (fixtures/probe15): forms, templates and spreadsheet reports of the 2002–2009
//! archives as the office readers lay them out (a sheet's title block above its table,
//! tab-separated cells, a form appended after the signature). Made-up text, one class per
//! test.

use crate::common::{field as get, record_of_text as record};

#[test]
fn a_sheet_s_title_below_a_blank_row_is_no_part_of_the_agency() {
    // The xls reader gives each row as tab-separated cells; the title block's agency sits
    // in column A, its title in column B after an empty row.
    let r = record(
        "=== Sheet1 ===\nUBND TỈNH PHÚ YÊN\t\t\t\t\nSỞ CÔNG NGHIỆP\t\t\t\t\n\t\t\t\t\n\
         \tTỔNG HỢP GIÁ TRỊ SẢN XUẤT CÔNG NGHIỆP NĂM 2006\t\t\t\n\
         STT\tNgành\tNăm 2005\tNăm 2006\t\n1\tKhai khoáng\t120\t135\t\n2\tChế biến\t840\t912\t\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "SỞ CÔNG NGHIỆP");
    assert_eq!(get(&r, "document.issuer.parent"), "UBND TỈNH PHÚ YÊN");
    assert_eq!(
        get(&r, "document.issuer.agency.id"),
        "so:cong_nghiep@p63-54"
    );
    // Wrapped onto the very next line, the name goes on.
    let r = record(
        "UBND TỈNH PHÚ YÊN\nSỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n\nDANH SÁCH HỘ NGHÈO NĂM 2007\n",
    );
    assert_eq!(
        get(&r, "document.issuer.name"),
        "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    );
}

#[test]
fn a_sheet_s_footer_signs_in_its_right_hand_cells() {
    // The preparer's cell ("Người lập biểu") and the head's share the footer's rows; the
    // rows open with a tab where column A is empty, and the head's cells are the right-hand
    // ones, the names included.
    let r = record(
        "=== Bieu 1 ===\nSỞ XÂY DỰNG TỈNH YÊN BÁI\t\t\t\t\n\t\t\t\t\n\
         STT\tCông trình\tVốn giao\tGiải ngân\t\n1\tTrường tiểu học\t850\t612\t\n\
         2\tTrạm y tế xã\t420\t398\t\n\t\t\t\t\n\
         \t\t\tYên Bái, ngày 12 tháng 5 năm 2006\t\n\
         \tNgười lập biểu\t\tKT. GIÁM ĐỐC\t\n\t\t\tPHÓ GIÁM ĐỐC\t\n\t\t\t\t\n\
         \tLò Thị Hoa\t\tTriệu Văn Thắm\t\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Triệu Văn Thắm");
    assert_eq!(get(&r, "document.signer.title"), "PHÓ GIÁM ĐỐC");
    assert_eq!(get(&r, "document.signer.authority"), "KT. GIÁM ĐỐC");
    // A Word table's row with an empty left cell still puts its text in the right column.
    let r = record(
        "BỘ CÔNG NGHIỆP\nSố: 15/2004/QĐ-BCN\nHà Nội, ngày 3 tháng 2 năm 2004\n\nQUYẾT ĐỊNH\n\
         Về việc giao kế hoạch\n\nĐiều 1. Giao kế hoạch.\n\n\
         Nơi nhận:\tKT. BỘ TRƯỞNG\n- Như Điều 1;\tTHỨ TRƯỞNG\n- Lưu: VT.\t\n\tĐinh Công Hậu\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Đinh Công Hậu");
    assert_eq!(get(&r, "document.signer.authority"), "KT. BỘ TRƯỞNG");
}

#[test]
fn a_form_appended_after_the_signature_addresses_no_one_of_the_act() {
    // A decision issuing a form carries the form after its signature; the form's "Kính
    // gửi:" is for whoever fills it, not the decision's addressee.
    let r = record(
        "BỘ THƯƠNG MẠI\nSố: 0412/2005/QĐ-BTM\nHà Nội, ngày 9 tháng 3 năm 2005\n\nQUYẾT ĐỊNH\n\
         Ban hành mẫu tờ khai\n\nĐiều 1. Ban hành kèm theo Quyết định này Mẫu số 01/TK.\n\n\
         Nơi nhận:\n- Như Điều 1;\n- Lưu: VT.\n\nBỘ TRƯỞNG\n\nHà Văn Lịch\n\n\
         Mẫu số 01/TK\n\nTỜ KHAI\n\nKính gửi: Sở Thương mại tỉnh Bắc Giang\n\nTên thương nhân: ……\n",
    );
    assert_eq!(get(&r, "document.recipients#count"), 0);
    assert_eq!(get(&r, "document.signer.name"), "Hà Văn Lịch");
    // A letter's own addressees stand above its copy list.
    let r = record(
        "SỞ THƯƠNG MẠI\nSố: 45/STM-QLTT\nV/v kiểm tra thị trường\nBắc Giang, ngày 2 tháng 4 năm 2005\n\n\
         Kính gửi: Chi cục Quản lý thị trường\n\nĐề nghị kiểm tra.\n\nNơi nhận:\n- Như trên;\n\
         - Lưu: VT.\n\nGIÁM ĐỐC\n\nVi Văn Sình\n",
    );
    assert_eq!(
        get(&r, "document.recipients.0"),
        "Chi cục Quản lý thị trường"
    );
}

#[test]
fn a_centred_subject_s_second_line_joined_with_its_indent_stays_in_it() {
    // The layout pass joins the wrapped line with the spaces that centred it.
    let r = record(
        "SỞ THỦY SẢN\nSố: 61/QĐ-STS\nNha Trang, ngày 4 tháng 6 năm 2004\n\n\
         \u{20}                             QUYẾT ĐỊNH\n\
         \u{20}        Về việc cấp giấy phép khai thác hải sản cho Hợp tác xã\n\
         \u{20}                 nghề cá Vĩnh Lương\n\n\
         GIÁM ĐỐC SỞ THỦY SẢN\n\nĐiều 1. Cấp giấy phép.\n",
    );
    assert_eq!(
        get(&r, "document.subject"),
        "Về việc cấp giấy phép khai thác hải sản cho Hợp tác xã nghề cá Vĩnh Lương"
    );
    // A second column beside the subject opens in capitals and is not the subject's.
    let r = record(
        "SỞ THỦY SẢN\nSố: 62/STS-KT\nV/v kiểm tra tàu cá               Nha Trang, ngày 5 tháng 6 năm 2004\n\n\
         Kính gửi: Chi cục Bảo vệ nguồn lợi thủy sản\n",
    );
    assert_eq!(get(&r, "document.subject"), "kiểm tra tàu cá");
}

#[test]
fn a_signer_s_academic_title_is_no_part_of_the_name() {
    let letter = |name: &str| {
        record(&format!(
            "BỘ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 311/BKHCN-VP\nHà Nội, ngày 2 tháng 3 năm 2006\n\n\
             Kính gửi: Các đơn vị\n\nNội dung.\n\nNơi nhận:\tKT. BỘ TRƯỞNG\n- Như trên;\tTHỨ TRƯỞNG\n\
             - Lưu: VT.\t\n\t\n\t{name}\n"
        ))
    };
    assert_eq!(
        get(&letter("TS. Đàm Quang Huy"), "document.signer.name"),
        "Đàm Quang Huy"
    );
    assert_eq!(
        get(&letter("PGS.TS. Hứa Thị Lan"), "document.signer.name"),
        "Hứa Thị Lan"
    );
    assert_eq!(
        get(&letter("TSKH. NGUYỄN HỮU BÌNH"), "document.signer.name"),
        "Nguyễn Hữu Bình"
    );
}

#[test]
fn a_form_s_or_a_table_s_title_is_no_agency() {
    // An accounting form filled in by a school: its unit stands in a "Tên đơn vị:" slot,
    // the form's title is in capitals; neither line of capitals there is an agency.
    let r = record(
        "Tên đơn vị: Trường tiểu học Kim Đồng\t\t\tMẫu số B02-H\n\nBẢNG THEO DÕI KINH PHÍ\n\
         Quý II năm 2006\n\nSTT\tNội dung\tSố tiền\n1\tLương\t4500\n\tCộng\t4500\n",
    );
    assert_eq!(get(&r, "document.issuer"), serde_json::Value::Null);
    // A form's code in capitals above the agency is passed over.
    let r = record(
        "BIỂU SỐ 04\nUBND TỈNH KON TUM\nSỞ Y TẾ\n\nDANH SÁCH TRẠM Y TẾ ĐẠT CHUẨN NĂM 2008\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "SỞ Y TẾ");
    assert_eq!(get(&r, "document.issuer.agency.id"), "so:y_te@p63-62");
}

#[test]
fn an_office_of_the_2000s_under_a_district_raised_since() {
    // "Phòng Giáo dục" was a district's education office before it took "và Đào tạo";
    // the district has been a thị xã since, the only rank the gazetteer knows.
    let r = record(
        "UBND HUYỆN HOÀI NHƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         PHÒNG GIÁO DỤC\tĐộc lập - Tự do - Hạnh phúc\n\
         Số: 58/PGD\tHoài Nhơn, ngày 12 tháng 9 năm 2006\n\nKính gửi: Các trường tiểu học\n",
    );
    assert_eq!(
        get(&r, "document.issuer.agency.id"),
        "phong:giao_duc@d63-543"
    );
    assert_eq!(get(&r, "document.issuer.parent_agency.id"), "ubnd@d63-543");
}

//! Headers and signatures in the layouts of older documents (1995–2010) as old Word files,
//! text dumps and PDF text layers give them: made-up text, one class per test.

use crate::common::{field as get, record_of_text as record};

fn null() -> serde_json::Value {
    serde_json::Value::Null
}

#[test]
fn title_naming_its_issuer_after_cua() {
    // Before 2005 a decision's title named who made it; a PDF text layer may drop the
    // blank lines, so the enacting body follows the subject at once.
    let r = record(
        "BỘ CÔNG NGHIỆP\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         Số: 77/2003/QĐ-BCN\nHà Nội, ngày 02 tháng 6 năm 2003\n\
         QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ CÔNG NGHIỆP\n\
         Về việc ban hành Quy chế quản lý vật liệu nổ\n\
         BỘ TRƯỞNG BỘ CÔNG NGHIỆP\n\
         Căn cứ Nghị định số 55/2003/NĐ-CP;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.\n",
    );
    assert_eq!(get(&r, "document.type.rule"), "type.title");
    assert_eq!(
        get(&r, "document.subject"),
        "Về việc ban hành Quy chế quản lý vật liệu nổ"
    );
    // In small letters (an H font lost its capitals).
    let r = record(
        "Số: 5/QĐ-UB\n\nquyết định của uỷ ban nhân dân huyện\nVề việc giao đất làm trường học\n\n\
         Điều 1. Giao đất.\n",
    );
    assert_eq!(
        get(&r, "document.subject"),
        "Về việc giao đất làm trường học"
    );
}

#[test]
fn enacting_formula_has_no_subject_below_it() {
    // The only title-like line is the enacting formula: an article follows, no subject.
    let r = record(
        "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP\nSố: 9/2004/QĐ-UB\n\nCăn cứ Luật Tổ chức HĐND và UBND;\n\n\
         QUYẾT ĐỊNH:\n\nĐiều 1. Thành lập Hội đồng thi đua.\n",
    );
    assert_eq!(get(&r, "document.subject"), null());
    assert_eq!(get(&r, "document.type.id"), "quyet_dinh");
}

#[test]
fn numeric_date_in_the_right_column_after_the_subject() {
    let r = record(
        "SỞ XÂY DỰNG                CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         Số: 51/SXD-QLN\n\
         V/v cấp phép xây dựng nhà ở                   Huế, ngày 7/11/2005\n\n\
         Kính gửi: UBND các huyện\n",
    );
    assert_eq!(get(&r, "document.date.iso"), "2005-11-07");
    assert_eq!(get(&r, "document.place"), "Huế");
    assert_eq!(get(&r, "document.subject"), "cấp phép xây dựng nhà ở");
}

#[test]
fn serial_and_slashed_symbol_apart() {
    // The 1990s form: a space, not a slash, after the serial.
    for (text, normalized, serial) in [
        (
            "BỘ THỦY SẢN\nSố: 1402 BTS/KHĐT\tHà Nội, ngày 18 tháng 4 năm 2001\nV/v kế hoạch năm 2002\n",
            "1402/BTS/KHĐT",
            1402,
        ),
        (
            "UBND TỈNH BẮC KẠN\nSố 304 QĐ/UB\nBắc Kạn, ngày 3 tháng 2 năm 1998\n",
            "304/QĐ/UB",
            304,
        ),
    ] {
        let r = record(text);
        assert_eq!(get(&r, "document.number.normalized"), normalized, "{text}");
        assert_eq!(get(&r, "document.number.serial"), serial, "{text}");
    }
    assert_eq!(
        get(&record("Số: 304 QĐ/UB\n"), "document.type.id"),
        "quyet_dinh"
    );
}

#[test]
fn seal_note_is_no_copy_item_and_does_not_end_the_list() {
    let r = record(
        "Nội dung.\n\n\
         Nơi nhận:                                 (Ký tên, đóng dấu)\n\
         - Sở Tài chính;\n\
         - Kho bạc Nhà nước tỉnh;\n\
         (Đã ký)\n\
         - Lưu VT.\n",
    );
    let items: Vec<_> = (0..4)
        .map(|i| get(&r, &format!("document.copy_to.{i}")))
        .collect();
    assert_eq!(
        items,
        ["Sở Tài chính", "Kho bạc Nhà nước tỉnh", "Lưu VT", ""].map(|s| {
            if s.is_empty() {
                null()
            } else {
                serde_json::Value::from(s)
            }
        })
    );
}

#[test]
fn form_slots_give_no_issuer_and_no_recipient() {
    let r = record(
        "TÊN CƠ QUAN, ĐƠN VỊ                CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         …………………                                Độc lập - Tự do - Hạnh phúc\n\
         Số: ……/……                          ……, ngày …… tháng …… năm ……\n\n\
         GIẤY ĐỀ NGHỊ\n\nKính gửi: ……………………………\n",
    );
    assert_eq!(get(&r, "document.issuer"), null());
    assert_eq!(get(&r, "document.number"), null());
    assert_eq!(get(&r, "document.date"), null());
    assert_eq!(get(&r, "document.recipients.0"), null());
    // A slot of dots after a recipient's template goes.
    let r =
        record("Tên đơn vị:\t\tĐộc lập - Tự do - Hạnh phúc\n\nKính gửi: Sở Y tế . . . . . . . .\n");
    assert_eq!(get(&r, "document.issuer"), null());
    assert_eq!(get(&r, "document.recipients.0"), "Sở Y tế");
}

#[test]
fn header_columns_squeezed_to_one_space_in_small_letters() {
    // A PDF text layer of an H-font header: the column gap is one space, capitals lost.
    let r = record(
        "bộ nông nghiệp cộng hoà xã hội chủ nghĩa việt nam\n\
         cục thú y Độc lập - Tự do - Hạnh phúc\n\
         Số: 610/TY-DT Hà Nội, ngày 09 tháng 8 năm 2006\n\
         V/v phòng chống dịch lở mồm long móng\n\
         Kính gửi: Chi cục Thú y các tỉnh\n",
    );
    assert_eq!(get(&r, "document.issuer.name"), "cục thú y");
    assert_eq!(get(&r, "document.issuer.parent"), "bộ nông nghiệp");
    assert_eq!(get(&r, "document.place"), "Hà Nội");
    assert_eq!(get(&r, "document.date.iso"), "2006-08-09");
    assert_eq!(get(&r, "document.number.normalized"), "610/TY-DT");
    // The agency's name goes on in small letters before the motto.
    let r = record(
        "kho bạc nhà nước cộng hoà xã hội chủ nghĩa việt nam\n\
         trung ương Độc lập - Tự do - Hạnh phúc\n\
         Số: 12/KB-KT Hà Nội, ngày 4 tháng 1 năm 2007\n",
    );
    assert_eq!(
        get(&r, "document.issuer.name"),
        "kho bạc nhà nước trung ương"
    );
    // Not the state's name at the end of a sentence.
    let r = record(
        "Thông tư áp dụng cho công dân của nước cộng hoà xã hội chủ nghĩa việt nam\n\
         sinh sống ở nước ngoài.\n",
    );
    assert_eq!(get(&r, "document.issuer"), null());
}

#[test]
fn signature_squeezed_into_the_copy_list() {
    // The two columns flattened with one space: the position after an item's ";", the
    // name after the archive item's "." or a wrapped item's ";".
    let r = record(
        "Nội dung.\n\
         Nơi nhận: kt. cục trưởng\n\
         - Như trên; phó cục trưởng\n\
         - Vụ Pháp chế (để phối\n\
         hợp);\n\
         - Lưu: VT, KH. Tạ Quang Vịnh\n",
    );
    assert_eq!(get(&r, "document.signer.authority"), "kt. cục trưởng");
    assert_eq!(get(&r, "document.signer.title"), "phó cục trưởng");
    assert_eq!(get(&r, "document.signer.name"), "Tạ Quang Vịnh");
    assert_eq!(get(&r, "document.copy_to.0"), "Như trên");
    assert_eq!(get(&r, "document.copy_to.2"), "Lưu: VT, KH");
    let r = record(
        "Nội dung.\n\
         Nơi nhận: KT. GIÁM ĐỐC\n\
         - UBND các huyện, thị xã (để phối\n\
         hợp); Lâm Thị Huệ\n\
         - Lưu VP.\n",
    );
    assert_eq!(get(&r, "document.signer.name"), "Lâm Thị Huệ");
    // "TP." inside an item is no end of it.
    let r = record(
        "Nội dung.\n\nNơi nhận:          GIÁM ĐỐC\n- Cục Thuế TP. Hồ Chí Minh\n- Lưu.\n\n\
         Phan Văn Tâm\n",
    );
    assert_eq!(get(&r, "document.copy_to.0"), "Cục Thuế TP. Hồ Chí Minh");
    assert_eq!(get(&r, "document.signer.name"), "Phan Văn Tâm");
}

#[test]
fn name_after_the_list_with_its_indent_squeezed() {
    let r = record(
        "Nội dung.\n\n\
         Nơi nhận:  TM. BAN THƯỜNG VỤ\n\
         - Như trên;  CHỦ TỊCH\n\
         - Lưu VP.\n\
         \x20 MAI THỊ NGÂN\n",
    );
    assert_eq!(get(&r, "document.signer.title"), "CHỦ TỊCH");
    assert_eq!(get(&r, "document.signer.name"), "Mai Thị Ngân");
    assert_eq!(get(&r, "document.copy_to.0"), "Như trên");
}

#[test]
fn name_in_small_letters_under_a_position_that_lost_its_capitals() {
    let r = record(
        "Nội dung.\n\n\t\t\tt/m uỷ ban nhân dân huyện\n\t\t\tchủ tịch\n\n\t\t\tvương đình khải\n",
    );
    assert_eq!(get(&r, "document.signer.title"), "chủ tịch");
    assert_eq!(get(&r, "document.signer.name"), "Vương Đình Khải");
    // Under a position in capitals, a line in small letters is no name.
    let r = record("Nội dung.\n\n\t\t\tCHỦ TỊCH\n\n\t\t\tvương đình khải\n");
    assert_eq!(get(&r, "document.signer.name"), null());
}

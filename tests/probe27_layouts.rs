//! Probe 27: a Markdown signature laid out as a pipe table of several rows.

use crate::common::{field as get, record_of_bytes};
use serde_json::Value as Json;

fn copy_to(r: &Json) -> Vec<String> {
    get(r, "document.copy_to")
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["value"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A decision in Markdown whose signature is `signature`.
fn decision_md(signature: &str) -> String {
    format!(
        "**BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n\
         ---|---\n\
         Số: 3120/QĐ-BNN-TCCB | **Độc lập - Tự do - Hạnh phúc**\n\
         \x20| *Hà Nội, ngày 14 tháng 9 năm 2022*\n\n\
         # QUYẾT ĐỊNH\n\n\
         ## Về việc tặng Bằng khen cho các tập thể có thành tích xuất sắc\n\n\
         **Điều 1.** Tặng Bằng khen cho 4 tập thể có tên tại danh sách kèm theo.\n\n\
         **Điều 2.** Quyết định có hiệu lực kể từ ngày ký./.\n\n\
         {signature}\n\
         ---\n\n\
         | TT | Tên tập thể |\n|---|---|\n| 1 | Chi cục Thú y vùng III |\n| 2 | Viện Chăn nuôi |\n"
    )
}

fn assert_signature(r: &Json, layout: &str) {
    assert_eq!(get(r, "document.signer.name"), "Lê Quốc Hưng", "{layout}");
    assert_eq!(get(r, "document.signer.title"), "THỨ TRƯỞNG", "{layout}");
    assert_eq!(
        get(r, "document.signer.authority"),
        "KT. BỘ TRƯỞNG",
        "{layout}"
    );
    assert_eq!(
        copy_to(r),
        ["Như Điều 2", "Bộ trưởng (để b/c)", "Lưu: VT, TCCB"],
        "{layout}"
    );
    // The signature is no table of data; the list of units is.
    assert_eq!(get(r, "tables#count"), 1, "{layout}");
    assert_eq!(get(r, "tables.0.header.1"), "Tên tập thể", "{layout}");
}

#[test]
fn a_markdown_signature_table_of_several_rows_reads_as_a_signature_block() {
    for signature in [
        "| Nơi nhận: | KT. BỘ TRƯỞNG |\n|---|---|\n| - Như Điều 2; | THỨ TRƯỞNG |\n\
         | - Bộ trưởng (để b/c); | |\n| - Lưu: VT, TCCB. | **Lê Quốc Hưng** |\n",
        "| **Nơi nhận:** | **KT. BỘ TRƯỞNG** |\n|---|---|\n| - Như Điều 2; | **THỨ TRƯỞNG** |\n\
         | - Bộ trưởng (để b/c); | *(đã ký)* |\n| - Lưu: VT, TCCB. | **Lê Quốc Hưng** |\n",
        // Rows and `<br>` mixed, without the outer pipes.
        "Nơi nhận: | KT. BỘ TRƯỞNG<br>THỨ TRƯỞNG\n---|---\n- Như Điều 2;<br>- Bộ trưởng (để b/c); |\n\
         - Lưu: VT, TCCB. | Lê Quốc Hưng\n",
    ] {
        let r = record_of_bytes("qd.md", decision_md(signature).as_bytes());
        assert_signature(&r, signature);
    }
}

#[test]
fn a_markdown_signature_table_of_one_row_reads_as_before() {
    let signature = "| **Nơi nhận:**<br>- Như Điều 2;<br>- Bộ trưởng (để b/c);<br>- Lưu: VT, TCCB. \
                     | **KT. BỘ TRƯỞNG**<br>**THỨ TRƯỞNG**<br><br><br>**Lê Quốc Hưng** |\n|---|---|\n";
    let r = record_of_bytes("qd.md", decision_md(signature).as_bytes());
    assert_signature(&r, signature);
}

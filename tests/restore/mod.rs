//! Restore pass (repair pass 4): clean text stays untouched, damaged text gets better,
//! arbitrary input never panics.

use crate::common::repo;
use proptest::prelude::*;
use vanban::eval::restore::{cer, corrupt, random_lost_set};
use vanban::repair::restore::restore;

fn shared() -> Option<std::path::PathBuf> {
    let dir = repo().join("../shared");
    if dir.join("seeds").is_dir() {
        Some(dir)
    } else {
        println!("note: ../shared not found; skipping");
        None
    }
}

fn seed(prefix: &str) -> Option<String> {
    let dir = shared()?.join("seeds");
    let entry = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    std::fs::read_to_string(entry.path()).ok()
}

#[test]
fn clean_seed_text_gets_no_edits() {
    for prefix in ["000_", "001_", "003_"] {
        let Some(text) = seed(prefix) else { return };
        let pass = restore(&text);
        assert!(
            pass.edits.is_empty(),
            "{prefix}: {} edits, first {:?}",
            pass.edits.len(),
            pass.edits.first().map(|e| pass.edit_texts(e))
        );
    }
}

#[test]
fn corrupted_text_is_restored_better_than_damaged() {
    let text = std::fs::read_to_string(repo().join("data/lm/heldout.txt")).expect("heldout");
    let sample: String = text.lines().take(30).collect::<Vec<_>>().join("\n");
    let lost = ['c', 'a', 'ệ', 'á', 'ộ', 'ạ', ','];
    let damaged = corrupt(&sample, &lost);
    let restored = restore(&damaged).text;
    let before = cer(&sample, &damaged);
    let after = cer(&sample, &restored);
    assert!(after < before * 0.5, "CER {before:.4} -> {after:.4}");
    // A random lost set, too.
    let damaged = corrupt(&sample, &random_lost_set(7));
    let restored = restore(&damaged).text;
    assert!(cer(&sample, &restored) < cer(&sample, &damaged));
}

#[test]
fn unaccented_text_gets_its_marks_back() {
    let text = std::fs::read_to_string(repo().join("data/lm/heldout.txt")).expect("heldout");
    let sample: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let stripped = vanban::repair::restore::syllable::strip_marks(&sample);
    let restored = restore(&stripped).text;
    assert!(cer(&sample, &restored) < cer(&sample, &stripped) * 0.3);
}

#[test]
fn an_unaccented_signature_block_with_abbreviations_gets_its_marks_back() {
    // Abbreviations (KT, VT) are no syllables, and must not make the block look foreign.
    let letter = "Thuc hien Cong van so 12/UBND ngay 05/3/2024 cua Uy ban nhan dan tinh, \
                  Uy ban nhan dan huyen yeu cau cac don vi trien khai ngay cac bien phap.\n\n\
                  Noi nhan:                          KT. CHU TICH\n\
                  - Nhu tren;                        PHO CHU TICH\n\
                  - Luu: VT.\n";
    let restored = restore(letter).text;
    for expected in [
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "- Như trên;",
        "PHÓ CHỦ TỊCH",
        "- Lưu: VT.",
    ] {
        assert!(
            restored.contains(expected),
            "{expected} missing in {restored}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics_and_keeps_edits_ordered(s in "[ a-zA-Zàáạệộơư,./0-9\\n-]{0,200}") {
        let pass = restore(&s);
        for pair in pass.edits.windows(2) {
            prop_assert!(pair[0].src.end <= pair[1].src.start);
        }
        for e in &pass.edits {
            prop_assert!(pass.text.is_char_boundary(e.dst.start));
            prop_assert!((0.0..=1.0).contains(&e.confidence));
        }
    }

    #[test]
    fn never_panics_on_any_unicode(s in "\\PC{0,120}") {
        let _ = restore(&s);
    }
}

#[test]
fn low_confidence_spots_are_more_often_wrong() {
    use vanban::repair::restore::low_confidence;
    let text = std::fs::read_to_string(repo().join("data/lm/heldout.txt")).expect("heldout");
    let lines: Vec<&str> = text.lines().collect();
    let (mut lo, mut lo_wrong, mut hi, mut hi_wrong) = (0, 0, 0, 0);
    // Law text is the model's own domain and restores almost without error: several
    // samples, each with its own lost set, give enough mistakes to compare.
    for (k, chunk) in lines.chunks(60).enumerate() {
        let sample = chunk.join("\n");
        let damaged = corrupt(&sample, &random_lost_set(11 + k as u64));
        let pass = restore(&damaged);
        let truth: Vec<char> = sample.chars().collect();
        let wrong = |e: &vanban::repair::Edit| {
            let at = pass.input[..e.src.start].chars().count();
            let (_, put) = pass.edit_texts(e);
            put.chars()
                .enumerate()
                .any(|(k, c)| truth.get(at + k) != Some(&c))
        };
        let low = low_confidence(&pass);
        for e in &pass.edits {
            if low.iter().any(|l| l.range == e.dst) {
                lo += 1;
                lo_wrong += wrong(e) as usize;
            } else {
                hi += 1;
                hi_wrong += wrong(e) as usize;
            }
        }
    }
    assert!(lo > 0 && hi > 0, "low {lo}, high {hi}");
    assert!(
        lo_wrong as f64 / lo as f64 > hi_wrong as f64 / hi as f64,
        "low {lo_wrong}/{lo} wrong, high {hi_wrong}/{hi} wrong"
    );
}

#[test]
fn a_batch_teaches_the_restorer_its_words() {
    use vanban::repair::restore::{reads_clean, restore_in, vocabulary::BatchVocabulary};
    // Clean documents of a fisheries archive: a fish the model's text never names.
    let clean = "Các hộ nuôi cá bông lau và cá rô phi đăng ký với Hợp tác xã Vĩnh Hưng.\n\
                 Hợp tác xã Vĩnh Hưng cấp con giống cá bông lau cho các hộ nuôi trong vùng.\n\
                 Sản lượng cá bông lau và cá rô phi của hợp tác xã tăng so với cùng kỳ.\n"
        .repeat(4);
    assert!(reads_clean(&clean));
    let batch = BatchVocabulary::of_text(&clean);
    let unaccented = "Cac ho nuoi ca bong lau va ca ro phi dang ky voi Hop tac xa Vinh Hung.";
    let alone = restore_in(unaccented, None).text;
    let in_batch = restore_in(unaccented, Some(&batch)).text;
    assert!(in_batch.contains("cá bông lau"), "{in_batch}");
    assert!(
        !alone.contains("cá bông lau"),
        "the model alone knew: {alone}"
    );
    // The shipped in-domain counts and text (official documents) teach their words.
    let shipped =
        restore("Nguoi nop thue ke khai theo to khai mau so 01 dinh kem Thong tu nay.").text;
    assert!(shipped.contains("mẫu số 01 đính kèm"), "{shipped}");
    // Damaged text is not clean, and an empty batch changes nothing.
    assert!(!reads_clean(unaccented));
    assert_eq!(
        restore_in(unaccented, Some(&BatchVocabulary::default())).text,
        alone
    );
}

#[test]
fn tone_marks_are_moved_after_lost_letters_are_back() {
    use vanban::repair::{self, RepairOptions, ToneStyle};
    // A report whose font lost c, ê and ư: "kế hoạch" reads "k  hoạ h". Moving the tone of
    // "hoạ" first ("họa h", the modern style of an open syllable) would leave no syllable
    // to spell; the restorer must see the text as it came.
    let clean = "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện chương trình năm 2021.\n\
                 Các sở, ngành xây dựng kế hoạch chi tiết và báo cáo kết quả thực hiện.\n\
                 Kế hoạch này được triển khai đến các huyện, thị xã và thành phố.\n"
        .repeat(3);
    let damaged = corrupt(&clean, &['c', 'ê', 'ư', 'ế']);
    let raw = vanban::ingest::read_bytes("report.txt", damaged.as_bytes()).expect("ingest");
    let opts = RepairOptions {
        tone_style: ToneStyle::Modern,
        ..RepairOptions::default()
    };
    let out = repair::run(&raw, &opts).text;
    assert!(out.contains("kế hoạch chi tiết"), "{out}");
    assert!(!out.contains("họa"), "{out}");
}

#[test]
fn a_symbols_lost_small_letter_is_put_back_in_its_place() {
    // A letter whose font lost g, r, n and the slash: "QĐ-TTg" reads "QĐ-TT ", "TTr-UBND"
    // reads "TT -UBND". The small letters of the Prime Minister's code and of the tờ trình
    // type come back, each where the symbol has it (TTg ends a symbol, TTr opens one).
    let clean = "Căn cứ Quyết định số 1234/QĐ-TTg ngày 15/3/2024 của Thủ tướng Chính phủ về việc phê duyệt đề án.\n\
                 Xét đề nghị của Ủy ban nhân dân huyện tại Tờ trình số 56/TTr-UBND ngày 02/4/2024.\n\
                 Thực hiện Chỉ thị số 07/CT-TTg ngày 20/01/2024, các sở, ngành triển khai kế hoạch.\n\
                 Ủy ban nhân dân tỉnh giao các sở, ngành tổ chức thực hiện kế hoạch năm 2024.\n"
        .repeat(2);
    let damaged = corrupt(&clean, &['g', 'r', 'n', '/']);
    let restored = restore(&damaged).text;
    assert!(restored.contains("1234/QĐ-TTg ngày"), "{restored}");
    assert!(restored.contains("56/TTr-UBND"), "{restored}");
    assert!(restored.contains("07/CT-TTg"), "{restored}");
    assert!(
        !restored.contains("TTG") && !restored.contains("TTR"),
        "{restored}"
    );
}

#[test]
fn a_name_whose_pieces_are_each_a_syllable_is_restored() {
    // A font that lost h, u and o: "Thắng" reads "T ắng", "Quốc" "Q ốc", "Thị" "T ị". Every
    // piece left is a syllable, so no fragment shows the cut; only the capitalised words
    // around a piece in lower case do.
    let body = "Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác năm 2031 tại hội trường.\n\
                Các thôn báo cáo kết quả thực hiện kế hoạch phát triển kinh tế - xã hội.\n\
                Đề nghị các đơn vị gửi báo cáo về Văn phòng trước ngày 15 tháng 12.\n"
        .repeat(3);
    let clean = format!("{body}\nCHỦ TỊCH\n\nLương Quốc Thắng\n\nNgười nhận: Đàm Thị Hòa\n");
    let damaged = corrupt(&clean, &['h', 'u', 'o']);
    assert!(damaged.contains("Lương Q ốc T ắng"), "{damaged}");
    let restored = restore(&damaged).text;
    assert!(restored.contains("Lương Quốc Thắng"), "{restored}");
    assert!(restored.contains("Đàm Thị Hòa"), "{restored}");
}

#[test]
fn a_rules_folders_signer_positions_guide_the_restorer() {
    use vanban::repair::restore::lexicon::Lexicon;
    use vanban::repair::{self, RepairOptions};
    // A district radio station's report typed without marks, signed beside "Nơi nhận:".
    // Its head's position is no entry of the built-in lexicon, and the model reads "KT.
    // TRUONG DAI" as TRƯỜNG ĐẠI (a university); a rules folder that lists the position
    // spells it, as extraction reads it.
    let text = "UY BAN NHAN DAN HUYEN TAN LAP       CONG HOA XA HOI CHU NGHIA VIET NAM\n\
                DAI TRUYEN THANH                    Doc lap - Tu do - Hanh phuc\n\n\
                So: 12/BC-DTT                       Tan Lap, ngay 10 thang 5 nam 2012\n\n\
                BAO CAO\nKet qua cong tac thong tin tuyen truyen thang 4 nam 2012\n\n\
                Trong thang, dai da phat song 120 gio, phoi hop voi cac xa dua tin ve cong tac \
                phong chong dich benh tren dia ban.\n\n\
                Noi nhan:                           KT. TRUONG DAI\n\
                - UBND huyen;                       PHO TRUONG DAI\n\
                - Luu VT.\n\n\
                                                    Nguyen Van Hung\n";
    let position = "TRƯỞNG ĐÀI";
    let builtin = vanban::rules::RuleSet::builtin().expect("rules");
    assert!(!builtin.signer_positions.iter().any(|p| p == position));
    let mut files = vec![(
        "lexicon-extra.toml".to_string(),
        format!("[lexicon]\nsigner_positions = [\"{position}\"]\n"),
    )];
    for entry in std::fs::read_dir("rules").expect("rules folder") {
        let path = entry.expect("entry").path();
        let content = std::fs::read_to_string(&path).expect("rule file");
        files.push((path.display().to_string(), content));
    }
    let rules = vanban::rules::RuleSet::from_sources(&files).expect("rules with the position");
    let raw = vanban::ingest::read_bytes("report.txt", text.as_bytes()).expect("ingest");
    let with = |lexicon: Option<Lexicon>| {
        let opts = RepairOptions {
            lexicon: lexicon.map(std::sync::Arc::new),
            ..RepairOptions::default()
        };
        repair::run(&raw, &opts).text
    };
    let plain = with(None);
    assert!(!plain.contains("KT. TRƯỞNG ĐÀI"), "{plain}");
    let guided = with(Some(Lexicon::of_rules(&rules)));
    assert!(guided.contains("KT. TRƯỞNG ĐÀI\n"), "{guided}");
    assert!(guided.contains("PHÓ TRƯỞNG ĐÀI\n"), "{guided}");
}

#[test]
fn a_lines_lost_last_glyph_comes_back_though_every_word_is_a_syllable() {
    // The font lost h, c, ư and ạ; the signer's "Vinh" reads "Vin " with every word still a
    // syllable. The document's lines do not end in spaces, so that one space is a glyph.
    let clean = "Ủy ban nhân dân huyện ban hành kế hoạch thực hiện chuyển đổi số năm 2024.\n\
                 Các cơ quan, đơn vị xây dựng kế hoạch chi tiết và báo cáo kết quả thực hiện.\n\
                 Phòng Văn hóa và Thông tin theo dõi, đôn đốc, tổng hợp báo cáo hằng quý.\n\n"
        .repeat(6)
        + "\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Quang Vinh\n";
    let damaged = corrupt(&clean, &['h', 'c', 'ư', 'ạ']);
    assert!(damaged.ends_with("Lê Quang Vin \n"), "{damaged}");
    let restored = restore(&damaged).text;
    assert!(restored.ends_with("Lê Quang Vinh\n"), "{restored}");
}

#[test]
fn a_table_cells_lost_last_glyph_comes_back() {
    // The font lost c, p and i; a country's cell reads "Hàn Quố " before its tab. Cells of
    // the table otherwise end at their text, so that one space is a glyph.
    let clean = "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc báo cáo tình hình đầu tư trực tiếp nước ngoài, Sở Kế hoạch và Đầu tư báo cáo như sau.\n\
                 Các dự án đầu tư tập trung tại các khu công nghiệp, chủ yếu là công nghiệp chế biến.\n\
                 Công tác giải phóng mặt bằng còn chậm, thủ tục hành chính còn phức tạp.\n"
        .repeat(4)
        + "STT\tNước\tSố dự án\n1\tHàn Quốc\t655\n2\tNhật Bản\t300\n3\tĐức\t12\n4\tPháp\t40\n";
    let damaged = corrupt(&clean, &['c', 'p', 'i']);
    assert!(damaged.contains("\tHàn Quố \t655"), "{damaged}");
    let restored = restore(&damaged).text;
    for row in ["\tHàn Quốc\t655", "\tĐức\t12", "\tPháp\t40"] {
        assert!(restored.contains(row), "{row}: {restored}");
    }
    // A table whose cells end in a space by habit keeps them: there "Nhật Bản " is whole.
    let habit = clean.replace('\t', " \t");
    let restored = restore(&corrupt(&habit, &['c', 'p', 'i'])).text;
    assert!(restored.contains("\tNhật Bản \t300"), "{restored}");
}

//! Ingest of PDF and legacy office files: fixtures built in code, junk inputs, and a
//! measurement over the shared legacy corpus (skipped when `../shared` is absent).

use crate::common;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use std::path::PathBuf;
use vanban::ingest::{self, pdf, ByteEncoding, Format};

/// A PDF with one page per entry of `pages`, each drawing its string with a WinAnsi font
/// (a page given as `None` has no text at all).
fn make_pdf(pages: &[Option<&[u8]>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for page in pages {
        let operations = match page {
            Some(text) => vec![
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 12.into()]),
                Operation::new("Td", vec![72.into(), 720.into()]),
                Operation::new("Tj", vec![Object::string_literal(text.to_vec())]),
                Operation::new("ET", vec![]),
            ],
            None => vec![Operation::new("q", vec![]), Operation::new("Q", vec![])],
        };
        let content = Content { operations }.encode().expect("content encodes");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(Object::from(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf saves");
    out
}

#[test]
fn pdf_pages_are_separated_by_form_feeds_and_legacy_bytes_kept() {
    // 0xB8 0xB5 are TCVN3 letters; a WinAnsi font shows them as cp1252 characters.
    let bytes = make_pdf(&[Some(b"Quy\xb8t \xb5inh"), Some(b"Trang hai")]);
    let raw = ingest::read_bytes("two-pages.pdf", &bytes).expect("pdf reads");
    assert_eq!(raw.format, Format::Pdf);
    let pages: Vec<&str> = raw.text.split('\x0C').collect();
    assert_eq!(pages.len(), 2, "{:?}", raw.text);
    assert!(pages[0].contains("Quy\u{b8}t \u{b5}inh"), "{:?}", pages[0]);
    assert!(pages[1].contains("Trang hai"));
    assert_eq!(raw.byte_encoding, ByteEncoding::SingleByte);
    assert!(
        raw.notes.iter().any(|n| n == "pdf: 2 pages"),
        "{:?}",
        raw.notes
    );
}

#[test]
fn pdf_without_text_layer_needs_ocr() {
    let bytes = make_pdf(&[None, None]);
    let result = ingest::read_bytes("scan.pdf", &bytes);
    if pdf::ocr_available() {
        // A blank page gives no OCR text either: still an error, never a panic.
        assert!(result.is_err() || result.is_ok_and(|r| r.notes.iter().any(|n| n.contains("OCR"))));
    } else {
        let err = result.expect_err("a scan without OCR is an error record");
        assert!(
            err.message.starts_with(pdf::NO_OCR_MESSAGE),
            "{}",
            err.message
        );
    }
}

/// A PDF whose only page is a grayscale image (a "scan") of `width` × `height` pixels.
fn image_only_pdf(width: i64, height: i64, pixels: Vec<u8>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image_id = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => width,
            "Height" => height,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        pixels,
    ));
    let draw = format!("q {width} 0 0 {height} 0 0 cm /Im1 Do Q");
    let content_id = doc.add_object(Stream::new(dictionary! {}, draw.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
        "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![Object::from(page_id)],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("pdf saves");
    out
}

/// Runs only where pdftoppm and tesseract (with `vie`) are installed: a text PDF is
/// rasterised into an image-only PDF, which must come back through OCR.
#[test]
fn scanned_pdf_is_read_by_ocr_when_installed() {
    if !pdf::ocr_available() {
        eprintln!("note: pdftoppm/tesseract-vie not installed; OCR test skipped");
        return;
    }
    let text_pdf = make_pdf(&[Some(b"THONG BAO SO 12 NAM 2024")]);
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, text_pdf).expect("write");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-singlefile"])
        .arg(&input)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    // Binary PGM: "P5\n<w> <h>\n255\n" then the pixels.
    let pgm = std::fs::read(dir.path().join("page.pgm")).expect("pgm written");
    let header: Vec<&[u8]> = pgm.splitn(5, |b| b.is_ascii_whitespace()).collect();
    let parse = |b: &[u8]| {
        std::str::from_utf8(b)
            .ok()
            .and_then(|s| s.parse::<i64>().ok())
    };
    let (width, height) = (parse(header[1]).expect("w"), parse(header[2]).expect("h"));
    let pixels = pgm[pgm.len() - (width * height) as usize..].to_vec();
    let scan = image_only_pdf(width, height, pixels);
    let raw = ingest::read_bytes("scan.pdf", &scan).expect("OCR reads the scan");
    assert_eq!(raw.byte_encoding, ByteEncoding::Unicode);
    assert!(
        raw.notes.iter().any(|n| n.contains("OCR")),
        "{:?}",
        raw.notes
    );
    assert!(raw.text.contains("THONG BAO"), "{:?}", raw.text);
}

#[test]
fn junk_with_office_and_pdf_extensions_gives_error_records() {
    let ole_magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut junk_ole = ole_magic.to_vec();
    junk_ole.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    for name in ["x.doc", "x.xls"] {
        assert!(ingest::read_bytes(name, &junk_ole).is_err(), "{name}");
    }
    let junk_pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer";
    assert!(ingest::read_bytes("x.pdf", junk_pdf).is_err());
    let binary: Vec<u8> = (0..2048u32).map(|i| (i * 7 % 256) as u8).collect();
    assert!(ingest::read_bytes("x.doc", &binary).is_err());
    // Truncated RTF still yields what it could, without panicking.
    let raw = ingest::read_bytes("x.rtf", b"{\\rtf1\\ansi {\\b Ch\\'b8nh").expect("partial rtf");
    assert_eq!(raw.text, "Ch\u{b8}nh");
}

#[test]
fn rtf_fixture_keeps_tcvn3_bytes_and_table_structure() {
    let path = common::repo().join("fixtures/ingest/tcvn3-table.rtf");
    let raw = ingest::read_path(&path).expect("fixture reads");
    assert_eq!(raw.format, Format::Rtf);
    assert_eq!(raw.byte_encoding, ByteEncoding::SingleByte);
    let lines: Vec<&str> = raw.text.lines().collect();
    // TCVN3 "Céng hoµ" as the cp1252 images of its bytes.
    assert_eq!(lines[0], "C\u{e9}ng ho\u{b5}");
    assert_eq!(lines[1], "STT\tN\u{e9}i dung");
    assert_eq!(lines[2], "1\t\u{a7}\u{b8}t");
    assert!(
        !raw.text.contains("Times"),
        "font table leaked: {:?}",
        raw.text
    );
}

/// Truncated and bit-flipped corpus files: the readers answer (text or error), never panic.
#[test]
fn damaged_corpus_files_never_panic_the_readers() {
    let Some(files) = corpus() else {
        eprintln!("note: ../shared/corpus/legacy absent; damaged-file test skipped");
        return;
    };
    let mut tried = 0;
    for format in ["doc", "rtf", "xls"] {
        let Some(file) = files.iter().find(|f| f.format == format) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(&file.path) else {
            continue;
        };
        for step in 1..=12usize {
            let mut damaged = bytes.clone();
            // Flip a spread of bytes, and every other time cut the tail at a varying point.
            for k in 0..64usize {
                let at = (k * 7919 + step * 104_729) % damaged.len();
                damaged[at] ^= 0x5A;
            }
            if step % 2 == 0 {
                damaged.truncate(bytes.len() * (12 + step) / 25);
            }
            let outcome = std::panic::catch_unwind(|| match format {
                "doc" => vanban::ingest::office::doc::extract(&damaged).map(|_| ()),
                "rtf" => {
                    vanban::ingest::office::rtf::extract(&damaged);
                    Ok(())
                }
                _ => ingest::read_bytes("damaged.xls", &damaged)
                    .map(|_| ())
                    .map_err(|e| e.message),
            });
            assert!(
                outcome.is_ok(),
                "{format} reader panicked on damaged input (step {step})"
            );
            tried += 1;
        }
    }
    assert!(tried > 0);
}

/// One row of the corpus manifest.
struct CorpusFile {
    path: PathBuf,
    truth: PathBuf,
    format: String,
}

fn corpus() -> Option<Vec<CorpusFile>> {
    let root = common::repo().join("../shared/corpus/legacy");
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).ok()?;
    Some(
        manifest
            .lines()
            .skip(1)
            .filter_map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                Some(CorpusFile {
                    path: root.join(cols.first()?),
                    truth: root.join(cols.get(3)?),
                    format: cols.get(2)?.to_string(),
                })
            })
            .collect(),
    )
}

/// Every corpus file extracts; prints per-file length against the transcript. Legacy
/// conversion quality is measured by `repair::legacy`, not here.
#[test]
fn legacy_corpus_extracts() {
    let Some(files) = corpus() else {
        eprintln!("note: ../shared/corpus/legacy absent; corpus measurement skipped");
        return;
    };
    let mut failures = Vec::new();
    let mut single_byte = 0;
    eprintln!("format\tencoding\tchars\ttruth\tratio\tfile");
    for file in &files {
        let name = file.path.file_name().unwrap_or_default().to_string_lossy();
        match ingest::read_path(&file.path) {
            Ok(raw) => {
                let chars = raw.text.chars().filter(|c| !c.is_whitespace()).count();
                let truth = std::fs::read_to_string(&file.truth)
                    .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
                    .unwrap_or(0);
                if raw.byte_encoding == ByteEncoding::SingleByte {
                    single_byte += 1;
                }
                eprintln!(
                    "{}\t{:?}\t{chars}\t{truth}\t{:.2}\t{name}",
                    file.format,
                    raw.byte_encoding,
                    chars as f64 / truth.max(1) as f64
                );
                // Legacy text is one character per byte-image, VNI up to two per letter;
                // much less means lost text, much more means leaked markup.
                let ratio = chars as f64 / truth.max(1) as f64;
                if !(0.95..=1.25).contains(&ratio) {
                    failures.push(format!(
                        "{name}: {chars} characters for {truth} in the transcript"
                    ));
                }
            }
            Err(e) => {
                eprintln!("{}\tERROR\t\t\t\t{name}: {e}", file.format);
                failures.push(format!("{name}: {e}"));
            }
        }
    }
    eprintln!(
        "corpus: {} of {} files extracted, {single_byte} as single-byte legacy text",
        files.len() - failures.len(),
        files.len()
    );
    assert!(failures.is_empty(), "extraction failures: {failures:#?}");
}

#[test]
fn an_html_table_with_cells_spanning_rows_keeps_its_columns() {
    // probe6/08: "STT" and "Cấp học" span the header's two rows, over "Năm học" columns.
    let out = common::vanban(
        &[
            "extract",
            "fixtures/probe6/08_html_export_so_gddt.html",
            "--no-text",
        ],
        None,
        &common::repo(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let record = common::records(&out.stdout).remove(0);
    let header = &record["tables"][0]["header"];
    assert_eq!(header[0], "STT", "{header}");
    assert_eq!(header[1], "Cấp học", "{header}");
    assert_eq!(header[4], "Số học sinh / Năm học 2023-2024", "{header}");
    assert_eq!(header[5], "Số học sinh / Năm học 2024-2025", "{header}");
}

/// The warning codes of a record.
fn warning_codes(record: &serde_json::Value) -> Vec<String> {
    record["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["code"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_file_that_is_not_what_its_name_says_or_cut_short_is_warned() {
    // An error page saved under the document's name.
    let page = "<!DOCTYPE html><html><body><h1>Không tìm thấy trang</h1></body></html>";
    let r = common::record_of_bytes("cong-van-12.pdf", page.as_bytes());
    assert!(warning_codes(&r).contains(&"ingest.format_mismatch".to_string()));
    // The same page under its own name is no surprise.
    let r = common::record_of_bytes("trang.html", page.as_bytes());
    assert!(!warning_codes(&r).contains(&"ingest.format_mismatch".to_string()));
    // UTF-16 cut in the middle of a character: the last one cannot be decoded.
    let text =
        "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ\nSố: 15/BC-UBND\nBÁO CÁO\nKết quả 6 tháng đầu năm 2024\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.push(0x31);
    let r = common::record_of_bytes("bao-cao.txt", &bytes);
    let undecoded = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "ingest.undecoded")
        .unwrap_or_else(|| panic!("no ingest.undecoded in {:?}", r["warnings"]));
    assert!(undecoded["message"].as_str().unwrap().contains("cut short"));
    // Its header has a number but no date, issuer's signature or signer.
    assert!(warning_codes(&r).contains(&"header.incomplete".to_string()));
}

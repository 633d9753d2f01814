//! The QA reviewer's HTML report: what a reviewer needs to find and judge each value,
//! change and warning (QA probe 28).

use vanban::document::Span;
use vanban::output::review::{readable, render};
use vanban::output::{Change, ErrorRecord, OutputLine, Record};
use vanban::validate::Warning;

const TEXT: &str = "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                    HUYỆN ĐÔNG ANH                     Độc lập - Tự do - Hạnh phúc\n\
                    Số: 456/UBND-NN                Đông Anh, ngày 08 tháng 3 năm 2012\n\n\
                    V/v triển khai các biện pháp phòng, chống dịch cúm gia cầm\n\n\
                    Kính gửi: Ủy ban nhân dân các xã, thị trấn\n\n\
                    Ủy ban nhân dân huyện yêu cầu các xã báo cáo trước ngày 20 tháng 3 năm 2012.\n";

/// The record of [`TEXT`], read as `name`, with no repair changes and no warnings.
fn record(name: &str) -> Record {
    let ctx = vanban::Context::builtin().expect("rules load");
    let mut r = vanban::process_bytes(name, TEXT.as_bytes(), &ctx).expect("processed");
    r.repair.changes.clear();
    r.warnings.clear();
    r
}

fn html_of(records: Vec<Record>) -> String {
    let lines: Vec<OutputLine> = records
        .into_iter()
        .map(|r| OutputLine::Ok(Box::new(r)))
        .collect();
    render(&lines)
}

/// The byte span of the first `needle` in the record's text.
fn span_of(r: &Record, needle: &str) -> Span {
    let text = r.text.as_deref().expect("the record keeps its text");
    let start = text.find(needle).expect("needle in the text");
    Span::new(start, start + needle.len())
}

fn change(span: Span, from: &str, to: &str, confidence: f32) -> Change {
    Change {
        step: "restore".into(),
        span,
        original_span: span,
        from: from.into(),
        to: to.into(),
        confidence,
    }
}

/// The opening tag of the element with `id`.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id}"));
    let start = html[..at].rfind('<').expect("a tag opens");
    let end = at + html[at..].find('>').expect("the tag closes");
    &html[start..=end]
}

#[test]
fn a_change_inside_a_value_keeps_its_change_mark_and_shows_its_confidence() {
    let mut r = record("t.txt");
    let subject = r.document.subject.clone().expect("a subject");
    // One doubtful and one sure fill, both inside the subject.
    let doubtful = span_of(&r, "dịch");
    let sure = span_of(&r, "cúm");
    assert!(subject.span.start <= doubtful.start && sure.end <= subject.span.end);
    r.repair.changes.push(change(doubtful, " ", "dịch", 0.3));
    r.repair.changes.push(change(sure, " ", "cúm", 0.9));
    let html = html_of(vec![r]);

    let low = tag_with_id(&html, "d0c0");
    assert!(low.contains("class=\"value change low\""), "{low}");
    assert!(
        low.contains("(0.30)"),
        "the fill's confidence is in its title: {low}"
    );
    let ok = tag_with_id(&html, "d0c1");
    assert!(ok.contains("class=\"value change\""), "{ok}");
    assert!(ok.contains("(0.90)"), "{ok}");
}

#[test]
fn a_doubtful_change_row_is_flagged_and_placed_by_line_and_column() {
    let mut r = record("t.txt");
    // "cúm" is on line 5 at character column 48, byte column 56.
    let span = span_of(&r, "cúm");
    r.repair.changes.push(change(span, " ", "cúm", 0.11));
    r.repair
        .changes
        .push(change(span_of(&r, "gia"), " ", "gia", 0.8));
    let html = html_of(vec![r]);

    let row = html
        .lines()
        .find(|l| l.contains("&quot;cúm&quot;"))
        .expect("the change's row");
    assert!(row.starts_with("<tr class=\"low\">"), "{row}");
    assert!(
        row.contains("<a href=\"#d0c0\""),
        "links to its span: {row}"
    );
    assert!(
        row.contains(">5:48</a>"),
        "line and character column: {row}"
    );
    let sure = html
        .lines()
        .find(|l| l.contains("&quot;gia&quot;"))
        .expect("the second change's row");
    assert!(sure.starts_with("<tr><td>restore"), "{sure}");
    assert!(html.contains("tr.low td{background"), "low rows are styled");
}

#[test]
fn a_warning_with_a_span_links_to_the_text_and_quotes_it() {
    let mut r = record("t.txt");
    let span = span_of(&r, "báo cáo");
    r.warnings.push(Warning {
        code: "restore.low_confidence".into(),
        message: "restored \"á\" with confidence 0.11; check against the original".into(),
        span: Some(span),
    });
    r.warnings.push(Warning {
        code: "table.total".into(),
        message: "no place".into(),
        span: None,
    });
    let html = html_of(vec![r]);

    let item = html
        .lines()
        .find(|l| l.starts_with("<li><b>restore.low_confidence</b>"))
        .expect("the warning is listed");
    assert!(item.contains("<a href=\"#d0w0\""), "{item}");
    assert!(item.contains("<mark>báo cáo</mark>"), "{item}");
    assert!(
        item.contains("các xã <mark>"),
        "text before it is quoted: {item}"
    );
    let target = tag_with_id(&html, "d0w0");
    assert!(target.contains("warn"), "the place is marked: {target}");
    assert!(html.contains("<li><b>table.total</b>: no place</li>"));
    assert!(html.contains("2 warnings in 1 documents (restore.low_confidence 1, table.total 1)"));
}

#[test]
fn values_read_as_text_with_the_json_kept_in_a_title() {
    let html = html_of(vec![record("t.txt")]);
    let row = html
        .lines()
        .find(|l| l.starts_with("<tr><td>document.date</td>"))
        .expect("the date's row");
    assert!(row.contains(">2012-03-08</td>"), "{row}");
    assert!(row.contains("title=\"{&quot;"), "full JSON kept: {row}");
    let issuer = html
        .lines()
        .find(|l| l.starts_with("<tr><td>document.issuer</td>"))
        .expect("the issuer's row");
    assert!(
        issuer.contains(">ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH"),
        "{issuer}"
    );

    let q = serde_json::json!({"value": 2400.0, "unit": "litre", "role": "other"});
    assert_eq!(readable(&q), "2400 litre");
    let t = serde_json::json!({"id": "cong_van", "label": "công văn"});
    assert_eq!(readable(&t), "công văn (cong_van)");
    let p = serde_json::json!({"kind": "range", "start": {"iso": "2021"}, "end": {"iso": "2022"}});
    assert_eq!(readable(&p), "2021 – 2022");
    let other = serde_json::json!({"every": "day", "time": "16:00"});
    assert_eq!(readable(&other), "every: day, time: 16:00");
}

#[test]
fn the_index_has_issuer_subject_totals_and_file_anchors() {
    let error = ErrorRecord {
        schema_version: 1,
        status: "error".into(),
        path: "docs/broken/empty.txt".into(),
        stage: vanban::error::Stage::Ingest,
        message: "empty file: 0 bytes".into(),
    };
    let lines = vec![
        OutputLine::Ok(Box::new(record("docs/glyph/d2 cv.txt"))),
        OutputLine::Error(error),
    ];
    let html = render(&lines);
    assert!(html.contains("<th>issuer</th><th>subject</th>"));
    assert!(html.contains(
        "<p class=\"totals\">2 documents · 1 ok · 1 errors · 0 warnings in 0 documents</p>"
    ));
    let row = html
        .lines()
        .find(|l| l.contains("<td>ok</td>"))
        .expect("the record's row");
    assert!(
        row.contains("<a href=\"#file-docs/glyph/d2_cv.txt\">"),
        "{row}"
    );
    assert!(
        row.contains("<td>ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH</td>"),
        "{row}"
    );
    assert!(row.contains("triển khai các biện pháp"), "{row}");
    // Both anchors lead to the section: the old numeric one and the file's.
    assert!(html.contains("<section id=\"doc0\"><h2 id=\"file-docs/glyph/d2_cv.txt\">"));
    let err = html
        .lines()
        .find(|l| l.starts_with("<tr class=\"err\">"))
        .expect("the error's row");
    assert!(
        err.contains("href=\"#file-docs/broken/empty.txt\""),
        "{err}"
    );
    assert!(tag_with_id(&html, "file-docs/broken/empty.txt").starts_with("<h2"));
}

#[test]
fn the_same_file_twice_gets_two_anchors() {
    let html = html_of(vec![record("a.txt"), record("a.txt")]);
    assert!(html.contains("id=\"file-a.txt\""));
    assert!(html.contains("id=\"file-a.txt~2\""));
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let mut r = record("<img src=x onerror=alert(1)>.txt");
    r.document.subject.as_mut().expect("a subject").value = "<script>alert(1)</script>".into();
    r.source.sha256 = "<script>x</script>".into();
    let span = span_of(&r, "cúm");
    r.repair
        .changes
        .push(change(span, "<script>", "\"><img onerror=x>", 0.2));
    r.warnings.push(Warning {
        code: "<b>code".into(),
        message: "<script>m</script>".into(),
        span: Some(span),
    });
    let error = ErrorRecord {
        schema_version: 1,
        status: "error".into(),
        path: "<img src=y onerror=alert(2)>.doc".into(),
        stage: vanban::error::Stage::Ingest,
        message: "<script>e</script>".into(),
    };
    let html = render(&[OutputLine::Ok(Box::new(r)), OutputLine::Error(error)]);
    for bad in ["<script", "<img", "<b>code"] {
        assert!(!html.contains(bad), "{bad} is not escaped");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.txt"));
    assert!(html.contains("&quot;\\&quot;&gt;&lt;img onerror=x&gt;&quot;"));
}

//! The QA reviewer's HTML report: for each document, every extracted value with its rule
//! and confidence, the warnings, what repair changed, and the text with each value's
//! source span highlighted (hover for the field, click a field to jump to its span).

use super::{OutputLine, Record};
use crate::document::Span;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One highlighted region of the text.
struct Mark {
    span: Span,
    label: String,
    kind: &'static str,
    anchor: String,
}

/// Flattened (field, value, raw, confidence, rule, span) rows of a record.
pub fn field_rows(rec: &Record) -> Vec<(String, String, String, f32, String, Span)> {
    let json = serde_json::to_value(rec).unwrap_or_default();
    let mut rows = Vec::new();
    for section in [
        "document",
        "references",
        "quantities",
        "dates",
        "periods",
        "time_limits",
        "recurring_dates",
        "places",
    ] {
        collect(&json[section], section, &mut rows);
    }
    rows
}

fn collect(
    v: &serde_json::Value,
    path: &str,
    rows: &mut Vec<(String, String, String, f32, String, Span)>,
) {
    match v {
        serde_json::Value::Object(map) if map.contains_key("span") && map.contains_key("raw") => {
            let span: Span = serde_json::from_value(map["span"].clone()).unwrap_or_default();
            let value = match &map["value"] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            rows.push((
                path.to_string(),
                value,
                map["raw"].as_str().unwrap_or("").to_string(),
                map["confidence"].as_f64().unwrap_or(0.0) as f32,
                map["rule"].as_str().unwrap_or("").to_string(),
                span,
            ));
        }
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                collect(child, &format!("{path}.{k}"), rows);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect(child, &format!("{path}[{i}]"), rows);
            }
        }
        _ => {}
    }
}

/// Renders the text with marks; overlapping marks are split at every boundary.
fn render_text(text: &str, marks: &[Mark]) -> String {
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for m in marks {
        if m.span.end <= text.len()
            && text.is_char_boundary(m.span.start)
            && text.is_char_boundary(m.span.end)
        {
            bounds.push(m.span.start);
            bounds.push(m.span.end);
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::new();
    for w in bounds.windows(2) {
        let (s, e) = (w[0], w[1]);
        let seg = &text[s..e];
        let covering: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.span.start <= s && e <= m.span.end && m.span.start < m.span.end)
            .collect();
        if covering.is_empty() {
            out.push_str(&escape(seg));
            continue;
        }
        let kind = if covering.iter().any(|m| m.kind == "value") {
            "value"
        } else {
            "change"
        };
        let title: Vec<&str> = covering.iter().map(|m| m.label.as_str()).collect();
        let id = covering
            .iter()
            .find(|m| m.span.start == s)
            .map(|m| m.anchor.clone());
        let _ = write!(
            out,
            "<span class=\"{kind}\"{} title=\"{}\">{}</span>",
            id.map(|i| format!(" id=\"{i}\"")).unwrap_or_default(),
            escape(&title.join("\n")),
            escape(seg)
        );
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;max-width:80em}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}\
.value{background:#fff3a0}.change{border-bottom:2px solid #e07000}.low{color:#b00;font-weight:bold}\
pre{white-space:pre-wrap;font-family:'DejaVu Sans','Noto Sans',sans-serif;line-height:1.5;background:#fafafa;border:1px solid #ddd;padding:1em}.err{color:#b00}\
section{border-top:3px solid #446;margin-top:2em}";

/// The whole report for a list of output lines.
pub fn render(lines: &[OutputLine]) -> String {
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>vanban review</title><style>{STYLE}</style></head><body>\n<h1>vanban review: {} documents</h1>\n<table><tr><th>#</th><th>file</th><th>status</th><th>type</th><th>number</th><th>date</th><th>warnings</th><th>repair changes</th></tr>\n",
        lines.len()
    );
    for (i, line) in lines.iter().enumerate() {
        match line {
            OutputLine::Ok(r) => {
                let d = &r.document;
                let changes: usize = r.repair.steps.iter().map(|s| s.changes).sum();
                let _ = writeln!(
                    out,
                    "<tr><td><a href=\"#doc{i}\">{i}</a></td><td>{}</td><td>ok</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{changes}</td></tr>",
                    escape(&r.source.path),
                    escape(&d.doc_type.as_ref().map(|t| t.value.label.clone()).unwrap_or_default()),
                    escape(&d.number.as_ref().map(|n| n.value.normalized.clone()).unwrap_or_default()),
                    escape(&d.date.as_ref().map(|n| n.value.iso.clone()).unwrap_or_default()),
                    r.warnings.len(),
                );
            }
            OutputLine::Error(e) => {
                let _ = writeln!(
                    out,
                    "<tr class=\"err\"><td>{i}</td><td>{}</td><td>error ({})</td><td colspan=\"5\">{}</td></tr>",
                    escape(&e.path),
                    e.stage,
                    escape(&e.message)
                );
            }
        }
    }
    out.push_str("</table>\n");
    for (i, line) in lines.iter().enumerate() {
        if let OutputLine::Ok(r) = line {
            out.push_str(&render_record(i, r));
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn render_record(i: usize, r: &Record) -> String {
    let mut out = format!(
        "<section id=\"doc{i}\"><h2>{i}. {}</h2><p>sha256 {} · {} bytes · format {:?} · encoding {} ({:.2})</p>\n",
        escape(&r.source.path),
        &r.source.sha256,
        r.source.bytes,
        r.source.format,
        escape(&r.source.encoding.encoding),
        r.source.encoding.confidence
    );
    let rows = field_rows(r);
    let mut marks = Vec::new();
    out.push_str("<h3>Extracted values</h3><table><tr><th>field</th><th>value</th><th>raw</th><th>confidence</th><th>rule</th><th>span</th></tr>\n");
    for (k, (field, value, raw, conf, rule, span)) in rows.iter().enumerate() {
        let anchor = format!("d{i}v{k}");
        let low = if *conf < 0.7 { " class=\"low\"" } else { "" };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td{low}>{conf:.2}</td><td>{}</td><td><a href=\"#{anchor}\">{}–{}</a></td></tr>",
            escape(field), escape(value), escape(raw), escape(rule), span.start, span.end
        );
        marks.push(Mark {
            span: *span,
            label: format!("{field} ({rule}, {conf:.2})"),
            kind: "value",
            anchor,
        });
    }
    out.push_str("</table>\n");
    if !r.warnings.is_empty() {
        out.push_str("<h3>Warnings</h3><ul>\n");
        for w in &r.warnings {
            let _ = writeln!(
                out,
                "<li><b>{}</b>: {}</li>",
                escape(&w.code),
                escape(&w.message)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>Repair</h3><table><tr><th>step</th><th>changes</th><th>notes</th></tr>\n");
    for s in &r.repair.steps {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.step),
            s.changes,
            escape(&s.notes.join("; "))
        );
    }
    out.push_str("</table>\n");
    if !r.repair.changes.is_empty() {
        out.push_str("<details><summary>every change</summary><table><tr><th>step</th><th>from</th><th>to</th><th>confidence</th><th>at</th></tr>\n");
        for (k, c) in r.repair.changes.iter().enumerate() {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td></tr>",
                escape(&c.step),
                escape(&format!("{:?}", c.from)),
                escape(&format!("{:?}", c.to)),
                c.confidence,
                c.span.start
            );
            marks.push(Mark {
                span: c.span,
                label: format!("{}: {:?} → {:?}", c.step, c.from, c.to),
                kind: "change",
                anchor: format!("d{i}c{k}"),
            });
        }
        out.push_str("</table></details>\n");
    }
    if let Some(text) = &r.text {
        out.push_str("<h3>Text</h3><pre>");
        out.push_str(&render_text(text, &marks));
        out.push_str("</pre>\n");
    }
    out.push_str("</section>\n");
    out
}

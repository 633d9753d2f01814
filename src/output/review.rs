//! The QA reviewer's HTML report: an index with totals, then for each document every
//! extracted value with its rule and confidence, the warnings, what repair changed, and
//! the text with each value's, change's and warning's span highlighted (hover for what
//! it is, click a field, change or warning to jump to its span).

use super::{OutputLine, Record};
use crate::document::Span;
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

/// Repair changes below this confidence are flagged for a reviewer's check.
const LOW_CHANGE: f32 = 0.5;
/// Extracted values below this confidence are flagged in the values table.
const LOW_VALUE: f32 = 0.7;

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

/// What a highlighted region is; a segment covered by several keeps every kind's class.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Value,
    Change,
    Warning,
}

/// One highlighted region of the text.
struct Mark {
    span: Span,
    label: String,
    kind: Kind,
    /// A change a reviewer should check (confidence below [`LOW_CHANGE`]).
    low: bool,
    anchor: String,
}

/// One extracted value of a record, with its value still as JSON.
struct Row {
    field: String,
    value: Json,
    raw: String,
    confidence: f32,
    rule: String,
    span: Span,
}

/// Flattened (field, value, raw, confidence, rule, span) rows of a record; the value is
/// a string as is, anything else as JSON.
pub fn field_rows(rec: &Record) -> Vec<(String, String, String, f32, String, Span)> {
    rows(rec)
        .into_iter()
        .map(|r| {
            let value = match &r.value {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            };
            (r.field, value, r.raw, r.confidence, r.rule, r.span)
        })
        .collect()
}

fn rows(rec: &Record) -> Vec<Row> {
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

fn collect(v: &Json, path: &str, rows: &mut Vec<Row>) {
    match v {
        Json::Object(map) if map.contains_key("span") && map.contains_key("raw") => {
            rows.push(Row {
                field: path.to_string(),
                value: map.get("value").cloned().unwrap_or_default(),
                raw: map["raw"].as_str().unwrap_or("").to_string(),
                confidence: map["confidence"].as_f64().unwrap_or(0.0) as f32,
                rule: map["rule"].as_str().unwrap_or("").to_string(),
                span: serde_json::from_value(map["span"].clone()).unwrap_or_default(),
            });
        }
        Json::Object(map) => {
            for (k, child) in map {
                collect(child, &format!("{path}.{k}"), rows);
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect(child, &format!("{path}[{i}]"), rows);
            }
        }
        _ => {}
    }
}

/// Longest readable value shown in a cell; the full JSON stays in its `title`.
const MAX_READABLE: usize = 300;

/// A value as a reviewer reads it: a date as its ISO day, a number as normalized, a body
/// by its name (and id), an amount with its unit, anything else as `key: value` pairs.
pub fn readable(v: &Json) -> String {
    let s = readable_inner(v);
    if s.chars().count() > MAX_READABLE {
        let cut: String = s.chars().take(MAX_READABLE).collect();
        format!("{cut}…")
    } else {
        s
    }
}

fn number(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

fn readable_inner(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => number(n),
        Json::String(s) => s.clone(),
        Json::Array(items) => items
            .iter()
            .map(readable_inner)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        Json::Object(map) => {
            if let (Some(Json::Number(n)), Some(Json::String(unit))) = (
                map.get("value").or_else(|| map.get("count")),
                map.get("unit"),
            ) {
                return match map.get("from").and_then(Json::as_str) {
                    Some(from) => format!("{} {unit} {from}", number(n)),
                    None => format!("{} {unit}", number(n)),
                };
            }
            let primary = [
                "iso",
                "normalized",
                "name",
                "label",
                "text",
                "number",
                "title",
                "date",
            ]
            .iter()
            .filter_map(|k| map.get(*k))
            .map(readable_inner)
            .find(|s| !s.is_empty());
            let id = map
                .get("id")
                .or_else(|| map.get("agency").and_then(|a| a.get("id")))
                .and_then(Json::as_str);
            match (primary, id) {
                (Some(p), Some(id)) if p != id => {
                    let kind = map.get("kind_label").and_then(Json::as_str);
                    let p = kind.map_or(p.clone(), |k| format!("{k} {p}"));
                    format!("{p} ({id})")
                }
                (Some(p), _) => match map.get("kind_label").and_then(Json::as_str) {
                    Some(k) => format!("{k} {p}"),
                    None => p,
                },
                (None, Some(id)) => id.to_string(),
                (None, None) if map.contains_key("start") && map.contains_key("end") => {
                    format!(
                        "{} – {}",
                        readable_inner(&map["start"]),
                        readable_inner(&map["end"])
                    )
                }
                (None, None) => map
                    .iter()
                    .filter_map(|(k, v)| {
                        let s = readable_inner(v);
                        (!s.is_empty()).then(|| format!("{k}: {s}"))
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        }
    }
}

/// Finds byte offsets of the text as line, column and character number (all from 1),
/// which is what a reviewer can look up in an editor.
struct Locator<'a> {
    text: &'a str,
    /// (byte offset, characters before it) of every line start.
    lines: Vec<(usize, usize)>,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        let mut lines = vec![(0, 0)];
        let mut chars = 0;
        for (b, c) in text.char_indices() {
            chars += 1;
            if c == '\n' {
                lines.push((b + 1, chars));
            }
        }
        Locator { text, lines }
    }

    /// (line, column, character) of a byte offset, none when it is not in the text.
    fn locate(&self, byte: usize) -> Option<(usize, usize, usize)> {
        if byte > self.text.len() || !self.text.is_char_boundary(byte) {
            return None;
        }
        let line = self.lines.partition_point(|&(b, _)| b <= byte) - 1;
        let (start, before) = self.lines[line];
        let col = self.text[start..byte].chars().count();
        Some((line + 1, col + 1, before + col + 1))
    }

    /// A short place for a table cell: `line:column`, with the character and byte
    /// numbers in a hover title.
    fn place(&self, byte: usize) -> (String, String) {
        match self.locate(byte) {
            Some((l, c, ch)) => (format!("{l}:{c}"), format!("character {ch}, byte {byte}")),
            None => (format!("byte {byte}"), format!("byte {byte}")),
        }
    }

    /// Up to `n` characters either side of a span, with the span itself, on one line.
    fn quote(&self, span: Span, n: usize) -> Option<(String, String, String)> {
        let t = self.text;
        if span.end > t.len() || span.start > span.end {
            return None;
        }
        let mid = t.get(span.start..span.end)?;
        let before: String = {
            let b: Vec<char> = t[..span.start].chars().rev().take(n).collect();
            b.into_iter().rev().collect()
        };
        let after: String = t[span.end..].chars().take(n).collect();
        let flat = |s: &str| s.replace('\n', " ⏎ ").replace('\t', " ");
        let mid: String = if mid.chars().count() > 3 * n {
            let head: String = mid.chars().take(3 * n).collect();
            format!("{head}…")
        } else {
            mid.to_string()
        };
        Some((flat(&before), flat(&mid), flat(&after)))
    }
}

/// The classes of a text segment covered by `marks`: a change inside a value stays
/// marked as a change, and a doubtful change as low.
fn classes(covering: &[&Mark]) -> String {
    let mut c = Vec::new();
    if covering.iter().any(|m| m.kind == Kind::Value) {
        c.push("value");
    }
    if covering.iter().any(|m| m.kind == Kind::Change) {
        c.push("change");
    }
    if covering.iter().any(|m| m.kind == Kind::Change && m.low) {
        c.push("low");
    }
    if covering.iter().any(|m| m.kind == Kind::Warning) {
        c.push("warn");
    }
    c.join(" ")
}

/// An empty element at a zero-width mark (a deletion), so its link has a target.
fn empty_mark(out: &mut String, m: &Mark) {
    let del = if m.kind == Kind::Change { " del" } else { "" };
    let _ = write!(
        out,
        "<span class=\"{}{del}\" id=\"{}\" title=\"{}\"></span>",
        classes(&[m]),
        escape(&m.anchor),
        escape(&m.label)
    );
}

/// Renders the text with marks; overlapping marks are split at every boundary, and every
/// mark gets its anchor at its start.
fn render_text(text: &str, marks: &[Mark]) -> String {
    let marks: Vec<&Mark> = marks
        .iter()
        .filter(|m| {
            m.span.start <= m.span.end
                && m.span.end <= text.len()
                && text.is_char_boundary(m.span.start)
                && text.is_char_boundary(m.span.end)
        })
        .collect();
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for m in &marks {
        bounds.push(m.span.start);
        bounds.push(m.span.end);
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::new();
    for w in bounds.windows(2) {
        let (s, e) = (w[0], w[1]);
        for m in marks
            .iter()
            .filter(|m| m.span.start == s && m.span.end == s)
        {
            empty_mark(&mut out, m);
        }
        let seg = &text[s..e];
        let covering: Vec<&Mark> = marks
            .iter()
            .copied()
            .filter(|m| m.span.start <= s && e <= m.span.end && m.span.start < m.span.end)
            .collect();
        if covering.is_empty() {
            out.push_str(&escape(seg));
            continue;
        }
        let mut ids = covering.iter().filter(|m| m.span.start == s);
        let id = ids.next();
        for extra in ids {
            let _ = write!(out, "<a id=\"{}\"></a>", escape(&extra.anchor));
        }
        let title: Vec<&str> = covering.iter().map(|m| m.label.as_str()).collect();
        let _ = write!(
            out,
            "<span class=\"{}\"{} title=\"{}\">{}</span>",
            classes(&covering),
            id.map(|m| format!(" id=\"{}\"", escape(&m.anchor)))
                .unwrap_or_default(),
            escape(&title.join("\n")),
            escape(seg)
        );
    }
    let end = text.len();
    for m in marks
        .iter()
        .filter(|m| m.span.start == end && m.span.end == end)
    {
        empty_mark(&mut out, m);
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;max-width:80em}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}\
.value{background:#fff3a0}.change{border-bottom:2px solid #e07000}.del{border-left:2px solid #e07000}\
.warn{outline:1px dashed #b00}span.low{background:#ffb0b0;border-bottom:3px solid #d00}\
td.low,li.low{color:#b00;font-weight:bold}tr.low td{background:#ffe0e0}\
:target{outline:2px solid #06c}q mark{background:#ffd0a0}\
pre{white-space:pre-wrap;font-family:'DejaVu Sans','Noto Sans',sans-serif;line-height:1.5;background:#fafafa;border:1px solid #ddd;padding:1em}.err{color:#b00}\
section{border-top:3px solid #446;margin-top:2em}";

/// A stable anchor from a file path (`file-docs/glyph/d1.txt`), so a link to a document
/// survives the batch being run again in another order.
fn file_anchor(path: &str) -> String {
    let mut a = String::from("file-");
    for c in path.chars() {
        if c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_') {
            a.push(c);
        } else {
            a.push('_');
        }
    }
    a
}

/// Anchors for every line: from the file path, made unique with `~2`, `~3`, ….
fn file_anchors(lines: &[OutputLine]) -> Vec<String> {
    let mut seen = HashSet::new();
    lines
        .iter()
        .map(|line| {
            let path = match line {
                OutputLine::Ok(r) => &r.source.path,
                OutputLine::Error(e) => &e.path,
            };
            let base = file_anchor(path);
            let mut a = base.clone();
            let mut n = 1;
            while !seen.insert(a.clone()) {
                n += 1;
                a = format!("{base}~{n}");
            }
            a
        })
        .collect()
}

/// At most `n` characters of `s`, with the whole in a hover title when cut.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return escape(s);
    }
    let cut: String = s.chars().take(n).collect();
    format!("<span title=\"{}\">{}…</span>", escape(s), escape(&cut))
}

/// The whole report for a list of output lines.
pub fn render(lines: &[OutputLine]) -> String {
    let anchors = file_anchors(lines);
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>vanban review</title><style>{STYLE}</style></head><body>\n<h1>vanban review: {} documents</h1>\n",
        lines.len()
    );
    out.push_str(&totals(lines));
    out.push_str("<table><tr><th>#</th><th>file</th><th>status</th><th>type</th><th>number</th><th>date</th><th>issuer</th><th>subject</th><th>warnings</th><th>repair changes</th></tr>\n");
    for (i, line) in lines.iter().enumerate() {
        let anchor = escape(&anchors[i]);
        match line {
            OutputLine::Ok(r) => {
                let d = &r.document;
                let changes: usize = r.repair.steps.iter().map(|s| s.changes).sum();
                let _ = writeln!(
                    out,
                    "<tr><td><a href=\"#{anchor}\">{i}</a></td><td><a href=\"#{anchor}\">{}</a></td><td>ok</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{changes}</td></tr>",
                    escape(&r.source.path),
                    escape(&d.doc_type.as_ref().map(|t| t.value.label.clone()).unwrap_or_default()),
                    escape(&d.number.as_ref().map(|n| n.value.normalized.clone()).unwrap_or_default()),
                    escape(&d.date.as_ref().map(|n| n.value.iso.clone()).unwrap_or_default()),
                    short(&d.issuer.as_ref().map(|n| n.value.name.clone()).unwrap_or_default(), 60),
                    short(&d.subject.as_ref().map(|n| n.value.clone()).unwrap_or_default(), 80),
                    r.warnings.len(),
                );
            }
            OutputLine::Error(e) => {
                let _ = writeln!(
                    out,
                    "<tr class=\"err\"><td><a href=\"#{anchor}\">{i}</a></td><td><a href=\"#{anchor}\">{}</a></td><td>error ({})</td><td colspan=\"7\">{}</td></tr>",
                    escape(&e.path),
                    escape(&e.stage.to_string()),
                    escape(&e.message)
                );
            }
        }
    }
    out.push_str("</table>\n");
    for (i, line) in lines.iter().enumerate() {
        match line {
            OutputLine::Ok(r) => out.push_str(&render_record(i, &anchors[i], r)),
            OutputLine::Error(e) => {
                let _ = writeln!(
                    out,
                    "<section id=\"doc{i}\" class=\"err\"><h2 id=\"{}\">{i}. {}</h2><p>error at stage {}: {}</p></section>",
                    escape(&anchors[i]),
                    escape(&e.path),
                    escape(&e.stage.to_string()),
                    escape(&e.message)
                );
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

/// The totals line above the index: documents, ok, errors, and warnings by code.
fn totals(lines: &[OutputLine]) -> String {
    let mut ok = 0;
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut warned = 0;
    for line in lines {
        if let OutputLine::Ok(r) = line {
            ok += 1;
            warned += usize::from(!r.warnings.is_empty());
            for w in &r.warnings {
                *by_code.entry(w.code.as_str()).or_default() += 1;
            }
        }
    }
    let total: usize = by_code.values().sum();
    let mut codes: Vec<(&str, usize)> = by_code.into_iter().collect();
    codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let codes: Vec<String> = codes
        .iter()
        .map(|(c, n)| format!("{} {n}", escape(c)))
        .collect();
    let mut out = format!(
        "<p class=\"totals\">{} documents · {ok} ok · {} errors · {total} warnings in {warned} documents",
        lines.len(),
        lines.len() - ok
    );
    if !codes.is_empty() {
        let _ = write!(out, " ({})", codes.join(", "));
    }
    out.push_str("</p>\n");
    out
}

fn render_record(i: usize, file_anchor: &str, r: &Record) -> String {
    let mut out = format!(
        "<section id=\"doc{i}\"><h2 id=\"{}\">{i}. {}</h2><p>sha256 {} · {} bytes · format {:?} · encoding {} ({:.2})</p>\n",
        escape(file_anchor),
        escape(&r.source.path),
        escape(&r.source.sha256),
        r.source.bytes,
        r.source.format,
        escape(&r.source.encoding.encoding),
        r.source.encoding.confidence
    );
    let locator = r.text.as_deref().map(Locator::new);
    let range = |span: Span| -> (String, String) {
        match &locator {
            Some(l) => {
                let (a, at) = l.place(span.start);
                let (b, bt) = l.place(span.end);
                (format!("{a}–{b}"), format!("{at} – {bt}"))
            }
            None => {
                let s = format!("bytes {}–{}", span.start, span.end);
                (s.clone(), s)
            }
        }
    };
    let mut marks = Vec::new();
    out.push_str("<h3>Extracted values</h3><table><tr><th>field</th><th>value</th><th>raw</th><th>confidence</th><th>rule</th><th>at (line:column)</th></tr>\n");
    for (k, row) in rows(r).iter().enumerate() {
        let anchor = format!("d{i}v{k}");
        let low = if row.confidence < LOW_VALUE {
            " class=\"low\""
        } else {
            ""
        };
        let full = match &row.value {
            v @ (Json::Object(_) | Json::Array(_)) => {
                format!(" title=\"{}\"", escape(&v.to_string()))
            }
            _ => String::new(),
        };
        let (at, at_title) = range(row.span);
        let conf = row.confidence;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td{full}>{}</td><td>{}</td><td{low}>{conf:.2}</td><td>{}</td><td><a href=\"#{anchor}\" title=\"{}\">{}</a></td></tr>",
            escape(&row.field),
            escape(&readable(&row.value)),
            escape(&row.raw),
            escape(&row.rule),
            escape(&at_title),
            escape(&at)
        );
        marks.push(Mark {
            span: row.span,
            label: format!("{} ({}, {conf:.2})", row.field, row.rule),
            kind: Kind::Value,
            low: false,
            anchor,
        });
    }
    out.push_str("</table>\n");
    if !r.warnings.is_empty() {
        out.push_str("<h3>Warnings</h3><ul>\n");
        for (k, w) in r.warnings.iter().enumerate() {
            let anchor = format!("d{i}w{k}");
            let _ = write!(
                out,
                "<li><b>{}</b>: {}",
                escape(&w.code),
                escape(&w.message)
            );
            if let (Some(span), Some(l)) = (w.span, &locator) {
                let (at, at_title) = l.place(span.start);
                let _ = write!(
                    out,
                    " — <a href=\"#{anchor}\" title=\"{}\">at {}</a>",
                    escape(&at_title),
                    escape(&at)
                );
                if let Some((before, mid, after)) = l.quote(span, 30) {
                    let _ = write!(
                        out,
                        ": <q>{}<mark>{}</mark>{}</q>",
                        escape(&before),
                        escape(&mid),
                        escape(&after)
                    );
                }
                marks.push(Mark {
                    span,
                    label: format!("{}: {}", w.code, w.message),
                    kind: Kind::Warning,
                    low: false,
                    anchor,
                });
            } else if let Some(span) = w.span {
                let _ = write!(out, " (bytes {}–{})", span.start, span.end);
            }
            out.push_str("</li>\n");
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
        let doubtful = r
            .repair
            .changes
            .iter()
            .filter(|c| c.confidence < LOW_CHANGE)
            .count();
        let _ = writeln!(
            out,
            "<details><summary>every change ({}, {doubtful} below {LOW_CHANGE:.1})</summary><table><tr><th>step</th><th>from</th><th>to</th><th>confidence</th><th>at (line:column)</th></tr>",
            r.repair.changes.len()
        );
        for (k, c) in r.repair.changes.iter().enumerate() {
            let anchor = format!("d{i}c{k}");
            let low = c.confidence < LOW_CHANGE;
            let (at, at_title) = match &locator {
                Some(l) => l.place(c.span.start),
                None => (
                    format!("byte {}", c.span.start),
                    format!("byte {}", c.span.start),
                ),
            };
            let at = if locator.is_some() {
                format!(
                    "<a href=\"#{anchor}\" title=\"{}\">{}</a>",
                    escape(&at_title),
                    escape(&at)
                )
            } else {
                escape(&at)
            };
            let _ = writeln!(
                out,
                "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{at}</td></tr>",
                if low { " class=\"low\"" } else { "" },
                escape(&c.step),
                escape(&format!("{:?}", c.from)),
                escape(&format!("{:?}", c.to)),
                c.confidence,
            );
            marks.push(Mark {
                span: c.span,
                label: format!(
                    "{}: {:?} → {:?} ({:.2})",
                    c.step, c.from, c.to, c.confidence
                ),
                kind: Kind::Change,
                low,
                anchor,
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

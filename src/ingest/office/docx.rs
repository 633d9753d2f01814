//! Word 2007+ `.docx` (Office Open XML) → text. The body (`word/document.xml`) comes
//! first: paragraphs as lines, runs' text (`w:t`), tabs, line and page breaks, tables as
//! tab-separated rows (see [`super::flow`]), text boxes where they are anchored. Then, as
//! `doc.rs` does for Word 97 files, footnotes, headers and footers, and endnotes follow
//! the body, each after a blank line: letterheads and document numbers sometimes sit in a
//! page header, and the header extractor then still finds them, after the body text it
//! reads first. Repeated headers (first page, even pages) are kept once. Deleted revisions,
//! field codes, comments and the fallback copy of drawings are not text and are skipped;
//! formatting, styles and pictures are not interpreted.
//!
//! Text typed in legacy Vietnamese fonts (.VnTime, VNI-Times) is stored by Word as the
//! Windows-1252 characters of its bytes; it comes out unchanged, and
//! [`super::classify_noted`] marks it for `repair::legacy`.

use super::flow::Flow;
use super::package::{attr, local, Package, XmlEvent};

/// Text of a Word 2007+ document, or why it cannot be read.
pub fn extract(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut package = Package::open(bytes).map_err(|e| format!("docx: {e}"))?;
    let mut notes = Vec::new();
    let body = story(&mut package, "word/document.xml")?
        .ok_or("docx: no word/document.xml (not a Word document)")?;
    let mut text = body.text;
    let mut truncated = body.truncated;
    let mut names = package.names();
    names.sort_by_key(|name| part_number(name));
    let headers_footers: Vec<String> = names
        .into_iter()
        .filter(|n| {
            n.strip_prefix("word/")
                .is_some_and(|n| n.starts_with("header") || n.starts_with("footer"))
                && n.ends_with(".xml")
        })
        .collect();
    let mut secondary: Vec<(&str, Vec<String>)> =
        vec![("footnotes", vec!["word/footnotes.xml".into()])];
    secondary.push(("headers and footers", headers_footers));
    secondary.push(("endnotes", vec!["word/endnotes.xml".into()]));
    for (story_name, parts) in secondary {
        let mut seen: Vec<String> = Vec::new();
        for part in parts {
            let Some(found) = story(&mut package, &part)? else {
                continue;
            };
            truncated |= found.truncated;
            let found = found.text.trim_matches('\n').to_string();
            if found.trim().is_empty() || seen.contains(&found) {
                continue;
            }
            if !text.ends_with('\n') && !text.is_empty() {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&found);
            text.push('\n');
            seen.push(found);
        }
        if !seen.is_empty() {
            notes.push(format!("docx: {story_name} appended after the body"));
        }
    }
    if truncated {
        notes.push("docx: text too long; the rest was dropped".into());
    }
    Ok((text, notes))
}

/// "word/header12.xml" → 12, so header10 sorts after header2.
fn part_number(name: &str) -> (String, u32) {
    let stem = name.trim_end_matches(".xml");
    let digits = stem.len() - stem.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, number) = stem.split_at(stem.len() - digits);
    (prefix.to_string(), number.parse().unwrap_or(0))
}

/// Elements whose content is not document text: the fallback copy of a drawing (the same
/// text box again, as VML), text moved away (it reappears where it was moved to).
const SKIPPED: [&[u8]; 2] = [b"Fallback", b"moveFrom"];

/// The text of one story part; `None` when the part is absent.
fn story(package: &mut Package<'_>, part: &str) -> Result<Option<Flow>, String> {
    let mut flow = Flow::default();
    let mut skip_depth = 0usize;
    let mut run_depth = 0usize;
    let mut in_text = false;
    // Extra grid columns each open cell spans (w:gridSpan), so merged cells keep the
    // columns of the rows below aligned.
    let mut spans: Vec<usize> = Vec::new();
    let found = package
        .parse(part, |event| match event {
            XmlEvent::Start(e) => {
                let name = local(e);
                if skip_depth > 0 || SKIPPED.contains(&name.as_slice()) {
                    skip_depth += 1;
                    return;
                }
                match name.as_slice() {
                    b"p" => flow.paragraph_start(),
                    b"r" => run_depth += 1,
                    b"t" => in_text = true,
                    b"tc" => {
                        flow.cell_start();
                        spans.push(0);
                    }
                    b"gridSpan" => {
                        if let (Some(top), Some(n)) = (
                            spans.last_mut(),
                            attr(e, b"val").and_then(|v| v.parse::<usize>().ok()),
                        ) {
                            *top = n.clamp(1, 64) - 1;
                        }
                    }
                    b"tab" | b"ptab" if run_depth > 0 => flow.push('\t'),
                    b"br" if run_depth > 0 => {
                        let page = attr(e, b"type").is_some_and(|t| t == "page");
                        flow.push(if page { '\x0C' } else { '\n' });
                    }
                    b"cr" if run_depth > 0 => flow.push('\n'),
                    b"noBreakHyphen" => flow.push('-'),
                    _ => {}
                }
            }
            XmlEvent::End(name) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    return;
                }
                match name {
                    b"p" => flow.paragraph_end(),
                    b"r" => run_depth = run_depth.saturating_sub(1),
                    b"t" => in_text = false,
                    b"tc" => {
                        flow.cell_end();
                        flow.empty_cells(spans.pop().unwrap_or(0));
                    }
                    b"tr" => flow.row_end(),
                    _ => {}
                }
            }
            XmlEvent::Text(t) => {
                if in_text && skip_depth == 0 {
                    flow.push_str(t);
                }
            }
        })
        .map_err(|e| format!("docx: {e}"))?;
    Ok(found.then_some(flow))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_parts_sort_by_number() {
        let mut names = vec!["word/header10.xml", "word/header2.xml", "word/footer1.xml"];
        names.sort_by_key(|n| part_number(n));
        assert_eq!(
            names,
            ["word/footer1.xml", "word/header2.xml", "word/header10.xml"]
        );
    }
}

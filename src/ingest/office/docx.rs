//! Word 2007+ `.docx` (Office Open XML) → text. The body (`word/document.xml`) comes
//! first: paragraphs as lines, runs' text (`w:t`), tabs, line and page breaks, tables as
//! tab-separated rows (see [`super::flow`]), text boxes where they are anchored. Then, as
//! `doc.rs` does for Word 97 files, footnotes, headers and footers, and endnotes follow
//! the body, each after a blank line: letterheads and document numbers sometimes sit in a
//! page header, and the header extractor then still finds them, after the body text it
//! reads first. Repeated headers (first page, even pages) are kept once. Deleted revisions,
//! field codes, comments and the fallback copy of drawings are not text and are skipped;
//! formatting and pictures are not interpreted. Automatic numbering is: a numbered
//! paragraph starts with its label ("1.", "a)", "-"), from `word/numbering.xml`, see
//! [`super::numbering`].
//!
//! Text typed in legacy Vietnamese fonts (.VnTime, VNI-Times) is stored by Word as the
//! Windows-1252 characters of its bytes; it comes out unchanged, and
//! [`super::classify_noted`] marks it for `repair::legacy`.

use super::flow::Flow;
use super::numbering::{bullet_text, Counters, Level, Style, MAX_LEVELS};
use super::package::{attr, local, Package, XmlEvent};
use std::collections::HashMap;

/// Text of a Word 2007+ document, or why it cannot be read.
pub fn extract(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut package = Package::open(bytes).map_err(|e| format!("docx: {e}"))?;
    let mut notes = Vec::new();
    let mut lists = Lists::read(&mut package)?;
    let body = story(&mut package, "word/document.xml", &mut lists)?
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
            let Some(found) = story(&mut package, &part, &mut lists)? else {
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
/// text box again, as VML), text moved away (it reappears where it was moved to), the
/// paragraph properties a tracked change replaced.
const SKIPPED: [&[u8]; 3] = [b"Fallback", b"moveFrom", b"pPrChange"];

/// The document's automatic numbering (`word/numbering.xml`) and the lists that
/// paragraph styles carry (`word/styles.xml`), with the counters while the body is read.
#[derive(Default)]
struct Lists {
    /// `abstractNumId` → its levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// `numId` → (`abstractNumId`, levels whose start is overridden).
    nums: HashMap<String, (String, Vec<(usize, u32)>)>,
    /// Paragraph style id → (`numId`, level).
    styles: HashMap<String, (String, usize)>,
    counters: Counters,
}

impl Lists {
    fn read(package: &mut Package<'_>) -> Result<Self, String> {
        let mut lists = Lists::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<usize> = None;
        let mut over: Option<usize> = None;
        package
            .parse("word/numbering.xml", |event| {
                let XmlEvent::Start(e) = event else { return };
                let val = || attr(e, b"val").unwrap_or_default();
                match local(e).as_slice() {
                    b"abstractNum" => {
                        abstract_id = attr(e, b"abstractNumId");
                        num_id = None;
                    }
                    b"num" => {
                        num_id = attr(e, b"numId");
                        abstract_id = None;
                        if let Some(id) = &num_id {
                            lists.nums.insert(id.clone(), (String::new(), Vec::new()));
                        }
                    }
                    b"abstractNumId" => {
                        if let Some(entry) = num_id.as_ref().and_then(|id| lists.nums.get_mut(id)) {
                            entry.0 = val();
                        }
                    }
                    b"lvl" => {
                        level = attr(e, b"ilvl")
                            .and_then(|v| v.parse::<usize>().ok())
                            .filter(|&l| l < MAX_LEVELS);
                        if let (Some(id), Some(l)) = (&abstract_id, level) {
                            let levels = lists.abstracts.entry(id.clone()).or_default();
                            if levels.len() <= l {
                                levels.resize(l + 1, Level::default());
                            }
                        }
                    }
                    b"lvlOverride" => {
                        over = attr(e, b"ilvl").and_then(|v| v.parse::<usize>().ok());
                    }
                    b"startOverride" => {
                        let start = val().parse::<u32>().unwrap_or(1);
                        if let (Some(entry), Some(l)) =
                            (num_id.as_ref().and_then(|id| lists.nums.get_mut(id)), over)
                        {
                            entry.1.push((l, start));
                        }
                    }
                    name @ (b"start" | b"numFmt" | b"lvlText") => {
                        let (Some(id), Some(l)) = (&abstract_id, level) else {
                            return;
                        };
                        let Some(this) = lists.abstracts.get_mut(id).and_then(|v| v.get_mut(l))
                        else {
                            return;
                        };
                        match name {
                            b"start" => this.start = val().parse().unwrap_or(1),
                            b"lvlText" => {
                                this.template = val();
                                if let Style::Bullet(b) = &mut this.style {
                                    *b = bullet_text(&this.template);
                                }
                            }
                            _ => {
                                this.style = match val().as_str() {
                                    "bullet" => Style::Bullet(bullet_text(&this.template)),
                                    "none" => Style::None,
                                    "decimalZero" => Style::DecimalZero,
                                    "lowerLetter" => Style::LowerLetter,
                                    "upperLetter" => Style::UpperLetter,
                                    "lowerRoman" => Style::LowerRoman,
                                    "upperRoman" => Style::UpperRoman,
                                    _ => Style::Decimal,
                                }
                            }
                        }
                    }
                    _ => {}
                }
            })
            .map_err(|e| format!("docx: {e}"))?;
        // Paragraph styles that number their paragraphs (headings, "List Number").
        let mut style: Option<String> = None;
        let mut pending: (Option<String>, usize) = (None, 0);
        package
            .parse("word/styles.xml", |event| match event {
                XmlEvent::Start(e) => match local(e).as_slice() {
                    b"style" => {
                        style = attr(e, b"styleId");
                        pending = (None, 0);
                    }
                    b"numId" if style.is_some() => pending.0 = attr(e, b"val"),
                    b"ilvl" if style.is_some() => {
                        pending.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
                    }
                    _ => {}
                },
                XmlEvent::End(b"style") => {
                    if let (Some(id), Some(num)) = (style.take(), pending.0.take()) {
                        lists.styles.insert(id, (num, pending.1));
                    }
                }
                _ => {}
            })
            .map_err(|e| format!("docx: {e}"))?;
        Ok(lists)
    }

    /// The label of a paragraph numbered by list `num` at `level`; empty when none.
    fn label(&mut self, num: &str, level: usize) -> String {
        let Some((abstract_id, overrides)) = self.nums.get(num) else {
            return String::new();
        };
        let Some(levels) = self.abstracts.get(abstract_id) else {
            return String::new();
        };
        let mut levels = levels.clone();
        for &(l, start) in overrides {
            if let Some(this) = levels.get_mut(l) {
                this.start = start;
            }
        }
        self.counters.next_label(num, &levels, level)
    }
}

/// The text of one story part; `None` when the part is absent.
fn story(package: &mut Package<'_>, part: &str, lists: &mut Lists) -> Result<Option<Flow>, String> {
    let mut flow = Flow::default();
    // The open paragraph's properties: depth inside `w:pPr`, its style and its list.
    let mut ppr_depth = 0usize;
    let mut para_style: Option<String> = None;
    let mut num: (Option<String>, Option<usize>) = (None, None);
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
                if ppr_depth > 0 {
                    ppr_depth += 1;
                }
                match name.as_slice() {
                    b"p" => {
                        flow.paragraph_start();
                        para_style = None;
                        num = (None, None);
                    }
                    b"pPr" if ppr_depth == 0 => ppr_depth = 1,
                    b"pStyle" if ppr_depth == 2 => para_style = attr(e, b"val"),
                    b"numId" if ppr_depth == 3 => num.0 = attr(e, b"val"),
                    b"ilvl" if ppr_depth == 3 => {
                        num.1 = attr(e, b"val").and_then(|v| v.parse().ok())
                    }
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
                if ppr_depth > 0 {
                    ppr_depth -= 1;
                    if ppr_depth == 0 {
                        // The paragraph's own list, else its style's; "0" means none.
                        let styled = para_style.as_ref().and_then(|s| lists.styles.get(s));
                        let (id, level) = match (&num.0, styled) {
                            (Some(id), _) => (Some(id.clone()), num.1.unwrap_or(0)),
                            (None, Some((id, l))) => (Some(id.clone()), num.1.unwrap_or(*l)),
                            (None, None) => (None, 0),
                        };
                        if let Some(id) = id.filter(|id| id != "0") {
                            let label = lists.label(&id, level);
                            if !label.is_empty() {
                                flow.push_str(&label);
                                flow.push(' ');
                            }
                        }
                    }
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

//! The header and signature block (Decree 30/2020/NĐ-CP layout): number, place and date,
//! type, subject, recipients, issuer, copy list and signer. Works line by line on the
//! "core" of each line (Markdown emphasis and list decoration trimmed), because exported
//! documents wrap header lines in `**…**` and `#`.

use super::lines::Lines;
use super::matching::{capitalized, squash_spaces};
use super::{DocNumber, DocType, DocumentFields, Issuer, Signer};
use crate::document::{PartialDate, Span, Value};
use crate::rules::{DocTypeDef, Rule, RuleSet};
use regex::Captures;

/// How far into the document the header may reach, in lines.
const HEADER_LINES: usize = 60;

/// Extracts every header field it can find.
pub fn extract(lines: &Lines, rules: &RuleSet) -> DocumentFields {
    let header_end = lines.len().min(HEADER_LINES);
    let title = title_line(lines, rules, header_end);
    let block = title_block(lines, rules, title.as_ref(), header_end);
    let header_number = number(lines, rules, 0..header_end, NumberSource::Header);
    let block_number = match (&header_number, &block) {
        (None, Some(b)) => {
            let kind = title.as_ref().and_then(|t| title_kind(rules, t));
            number(lines, rules, b.clone(), NumberSource::TitleBlock(kind))
        }
        _ => None,
    };
    let (mut place, mut date) = place_and_date(lines, rules, 0..header_end, false);
    if date.is_none() {
        if let Some(b) = block {
            // The act's own date follows its number in the title block; without one, a
            // date that follows a cited number is the cited document's.
            let from = block_number
                .as_ref()
                .map_or(b.start, |n| lines.line_of(n.span.start));
            (place, date) = place_and_date(lines, rules, from..b.end, true);
            let follows_cited_number = |d: &Value<PartialDate>| {
                let line = lines.line_of(d.span.start);
                let start = lines.lines[line].core_start;
                let before = lines.core(line).get(..d.span.start.saturating_sub(start));
                before.is_some_and(ends_with_cited_number)
            };
            if block_number.is_none() && date.as_ref().is_some_and(follows_cited_number) {
                (place, date) = (None, None);
            }
        }
    }
    let number = header_number.or(block_number);
    let subject = subject(lines, rules, header_end, title.as_ref());
    let vv_subject = subject
        .as_ref()
        .is_some_and(|s| s.rule.starts_with("subject.vv"));
    let doc_type = doc_type(rules, title.as_ref(), number.as_ref(), vv_subject);
    // The addressees head the letter, above its body; a "Kính gửi:" below the copy list
    // ("Nơi nhận:") is a form's appended after the signature (a decision issuing forms).
    let copy_list_line =
        first_match(lines, rules, "document.copy_to", 0..lines.len(), |_| true).map(|m| m.line);
    let recipients_end = copy_list_line.map_or(header_end.max(80), |n| n.min(header_end.max(80)));
    let mut recipients = list_after(lines, rules, "document.recipients", recipients_end);
    // "Đồng kính gửi:" names co-addressees, recipients too.
    recipients.extend(list_after(
        lines,
        rules,
        "document.co_recipients",
        recipients_end,
    ));
    let copy_to = list_after(lines, rules, "document.copy_to", lines.len());
    let signer = signer(lines, rules);
    // The agency lines sit above the place-and-date line and the title.
    let issuer_end = [
        date.as_ref().map(|d| lines.line_of(d.span.start)),
        title.as_ref().map(|t| t.line),
    ]
    .into_iter()
    .flatten()
    .fold(header_end.min(20), usize::min);
    let joint = number
        .as_ref()
        .is_some_and(|n| is_joint_symbol(&n.value.symbol));
    let issuer = issuer(
        lines,
        rules,
        issuer_end,
        date.as_ref().map(|d| &d.value),
        joint,
    );
    let urgency = urgency(lines, rules, issuer_end.max(header_end.min(8)));
    DocumentFields {
        doc_type,
        number,
        issuer,
        place,
        date,
        subject,
        recipients,
        copy_to,
        signer,
        // Need the body's citations and places: `extract::run` fills them.
        year: None,
        province: None,
        urgency,
    }
}

/// A rule match on one line's core, with byte offsets into the whole text.
struct LineMatch<'t> {
    line: usize,
    caps: Captures<'t>,
    base: usize,
    rule: &'t Rule,
    /// For two lines read as one: where the second starts in the matched string, and
    /// where its core starts in the whole text.
    second: Option<(usize, usize)>,
}

impl<'t> LineMatch<'t> {
    /// Byte offset in the whole text of a position in the matched string.
    fn at(&self, pos: usize) -> usize {
        match self.second {
            Some((split, base2)) if pos >= split => base2 + (pos - split),
            _ => self.base + pos,
        }
    }

    fn group(&self, name: &str) -> Option<(&'t str, Span)> {
        self.caps
            .name(name)
            .map(|m| (m.as_str(), Span::new(self.at(m.start()), self.at(m.end()))))
    }

    fn whole(&self) -> (&'t str, Span) {
        let m = self.caps.get(0).expect("group 0 always exists");
        (m.as_str(), Span::new(self.at(m.start()), self.at(m.end())))
    }
}

/// First line in `range` where a rule of `field` matches, rules tried in file order.
fn first_match<'t>(
    lines: &Lines<'t>,
    rules: &'t RuleSet,
    field: &'t str,
    range: std::ops::Range<usize>,
    accept: impl Fn(&LineMatch<'t>) -> bool,
) -> Option<LineMatch<'t>> {
    for i in range.start..range.end.min(lines.len()) {
        if lines.is_blank(i) {
            continue;
        }
        let core = lines.core(i);
        for rule in rules.for_field(field) {
            if let Some(caps) = rule.regex.captures(core) {
                let m = LineMatch {
                    line: i,
                    caps,
                    base: lines.lines[i].core_start,
                    rule,
                    second: None,
                };
                if accept(&m) {
                    return Some(m);
                }
            }
        }
    }
    None
}

/// Title-block rules apply only inside the title block, the others only outside it.
fn is_title_block_rule(rule: &Rule) -> bool {
    rule.id.contains(".title_block")
}

/// The lines of an act's title ("Nghị định của Chính phủ số …" / "ngày … về …"): from the
/// title line, or a line opening with a document kind, up to the first body line.
fn title_block(
    lines: &Lines,
    rules: &RuleSet,
    title: Option<&LineMatch>,
    header_end: usize,
) -> Option<std::ops::Range<usize>> {
    // A line opening with a document kind and carrying its issuer or number ("Nghị định
    // của Chính phủ số …") is the title even when a bare kind line ("Nghị định:", the
    // enacting formula) comes later.
    let kind_led = (0..header_end.min(20)).find(|&i| {
        let lower = lines.core(i).to_lowercase();
        rules.doc_types.iter().flat_map(|t| &t.titles).any(|t| {
            let t = t.to_lowercase();
            lower.starts_with(&t)
                && [" của", " số", " liên tịch"]
                    .iter()
                    .any(|next| lower[t.len()..].starts_with(next))
        })
    });
    let start = match (title.map(|t| t.line), kind_led) {
        (Some(t), Some(k)) => t.min(k),
        (t, k) => t.or(k)?,
    };
    let mut end = start;
    let mut seen = 0;
    while end < lines.len() && seen < 5 {
        if !lines.is_blank(end) {
            let lower = lines.core(end).to_lowercase();
            if end > start
                && (lower.starts_with("căn cứ")
                    || lower.starts_with("kính gửi")
                    || lower.starts_with("- căn cứ"))
            {
                break;
            }
            seen += 1;
        }
        end += 1;
    }
    Some(start..end)
}

/// Where a document's number is looked for.
enum NumberSource<'r> {
    /// The header's `Số:` line.
    Header,
    /// The title block of an act, whose title names this kind (if any): a number that
    /// another kind of document stands right before is a citation there.
    TitleBlock(Option<&'r DocTypeDef>),
}

fn number(
    lines: &Lines,
    rules: &RuleSet,
    range: std::ops::Range<usize>,
    source: NumberSource,
) -> Option<Value<DocNumber>> {
    let in_title_block = matches!(source, NumberSource::TitleBlock(_));
    let m = first_match(lines, rules, "document.number", range, |m| {
        let symbol = m.group("symbol").map_or("", |(s, _)| s);
        let form_slot =
            m.group("serial").is_none() && is_form_slot(rules, symbol, m.group("blank").is_some());
        let cited = match source {
            NumberSource::TitleBlock(kind) => {
                let start = m.caps.get(0).map_or(0, |g| g.start());
                let before = lines.core(m.line).get(..start).unwrap_or("");
                cited_by_other_kind(before, rules, kind)
                    || opens_with_other_code(rules, symbol, kind)
            }
            NumberSource::Header => false,
        };
        is_title_block_rule(m.rule) == in_title_block && !form_slot && !cited
    })?;
    let (raw, span) = m.whole();
    // The agency's name before a number on its line is no part of the number.
    let raw = match m.group("lead") {
        Some((_, lead)) => lines.text.get(lead.end..span.end).unwrap_or(raw),
        None => raw,
    };
    let raw = raw.trim_start_matches(|c: char| c.is_whitespace() || "*_#>|".contains(c));
    let serial_txt = m.group("serial").map(|(s, _)| s.replace(['.', ' '], ""));
    let serial = serial_txt.as_deref().and_then(|s| s.parse().ok());
    let year = m.group("year").and_then(|(y, _)| y.parse().ok());
    let symbol: String = m
        .group("symbol")
        .map(|(s, _)| s.split_whitespace().collect::<String>())
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_string();
    let mut normalized = serial_txt.unwrap_or_default();
    // A Party document's serial is joined to its symbol by a dash ("123-CV/TU").
    normalized.push(if m.group("dash").is_some() { '-' } else { '/' });
    if let Some(y) = year {
        normalized.push_str(&format!("{y}/"));
    }
    normalized.push_str(&symbol);
    let confidence = if serial.is_some() {
        m.rule.confidence
    } else {
        m.rule.confidence * 0.9
    };
    let start = span.end - raw.len();
    Some(Value::new(
        DocNumber {
            normalized,
            serial,
            year,
            symbol,
        },
        raw.trim_end(),
        Span::new(start, start + raw.trim_end().len()),
        confidence,
        &m.rule.id,
    ))
}

/// The kind a title line names ("BÁO CÁO", "Nghị định").
fn title_kind<'r>(rules: &'r RuleSet, title: &LineMatch) -> Option<&'r DocTypeDef> {
    let (title_txt, _) = title.group("title").unwrap_or_else(|| title.whole());
    let upper = title_txt.trim().to_uppercase();
    rules.doc_types.iter().find(|t| t.titles.contains(&upper))
}

/// Whether the text before a title-block number ends with a document kind that is not the
/// act's own title opening its line: "… thực hiện Kế hoạch số 39/KH-UBND" in a report's
/// title cites a plan; "Nghị định số 114/2003/NĐ-CP" opening a decree's title, or "… của
/// Chính phủ số …", is the act's own.
fn cited_by_other_kind(before: &str, rules: &RuleSet, own: Option<&DocTypeDef>) -> bool {
    let upper = before.trim_end().to_uppercase();
    rules.doc_types.iter().any(|t| {
        t.titles.iter().any(|title| {
            let Some(lead) = upper.strip_suffix(title.as_str()) else {
                return false;
            };
            let whole_word = lead.is_empty() || lead.ends_with(char::is_whitespace);
            let own_title = own.is_some_and(|o| o.id == t.id) && lead.trim().is_empty();
            whole_word && !own_title
        })
    })
}

/// Whether a title-block number's symbol opens with the type code of another kind than
/// the act's title names: Decree 30 opens a symbol with its own kind's code, so under a
/// "Thông tư" title "số 89/2002/NĐ-CP" cites a decree, even where the kind before it was
/// misspelt by a repair ("Nghề, định số: 89/2002/NĐ-CP"). Codes one of which opens the
/// other (TT, TTLT) are taken as one kind.
fn opens_with_other_code(rules: &RuleSet, symbol: &str, own: Option<&DocTypeDef>) -> bool {
    let Some(own) = own else {
        return false;
    };
    let code = symbol.split(['-', '/']).next().unwrap_or("").trim();
    rules.doc_type_by_code(code).is_some_and(|t| {
        t.id != own.id
            && !own
                .codes
                .iter()
                .any(|c| c.starts_with(code) || code.starts_with(c.as_str()))
    })
}

/// Whether a line's text ends with a cited number ("… Kế hoạch số 39/KH-UBND "), so that
/// a date right after it is that document's.
fn ends_with_cited_number(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let (Some(number), Some(so)) = (words.next(), words.next()) else {
        return false;
    };
    number.contains('/')
        && number.starts_with(|c: char| c.is_ascii_digit())
        && so.to_lowercase() == "số"
}

/// A number line with no serial is a form's blank slot ("Số: …/BC", "Số: /QĐ") when the
/// slot is written with dots or the symbol is a bare type code, naming no issuer. A draft's
/// blank serial before a full symbol ("Số: /KH-SLĐTBXH") still identifies its issuer.
fn is_form_slot(rules: &RuleSet, symbol: &str, dotted_slot: bool) -> bool {
    let symbol: String = symbol.split_whitespace().collect();
    let symbol = symbol.trim_end_matches('.');
    dotted_slot || symbol.is_empty() || rules.doc_type_by_code(symbol).is_some()
}

fn place_and_date(
    lines: &Lines,
    rules: &RuleSet,
    range: std::ops::Range<usize>,
    in_title_block: bool,
) -> (Option<Value<String>>, Option<Value<PartialDate>>) {
    let accept =
        |m: &LineMatch| m.group("year").is_some() && is_title_block_rule(m.rule) == in_title_block;
    if let Some(m) = first_match(lines, rules, "document.date", range.clone(), accept) {
        return place_and_date_of(lines, &m);
    }
    if in_title_block {
        return (None, None);
    }
    // A place-and-date line broken in two ("Hà Nội," / "ngày 5 tháng 3 năm 2020", or
    // "Hà Nội, ngày 5 tháng 3" / "năm 2020"): each line that opens one but holds no year
    // is read together with the next line.
    for i in range.start..range.end.min(lines.len()).saturating_sub(1) {
        let (first, second) = (lines.core(i), lines.core(i + 1));
        let lower = first.to_lowercase();
        let opens_date = lower.trim_end().ends_with(',')
            || (lower.contains("ngày") && !lower.contains("năm"))
            || (lower.contains("tháng") && lower.trim_end().ends_with("năm"));
        // Both halves are short: a body sentence ending in a comma is not a date line.
        let short = |t: &str| t.trim().chars().count() <= 40;
        if lines.is_blank(i)
            || lines.is_blank(i + 1)
            || !opens_date
            || !short(first)
            || !short(second)
        {
            continue;
        }
        let joined = format!("{first} {second}");
        for rule in rules.for_field("document.date") {
            let Some(caps) = rule.regex.captures(&joined) else {
                continue;
            };
            let m = LineMatch {
                line: i,
                caps,
                base: lines.lines[i].core_start,
                rule,
                second: Some((first.len() + 1, lines.lines[i + 1].core_start)),
            };
            // The match must reach into the second line, or it was a one-line match.
            if accept(&m) && m.caps.get(0).is_some_and(|w| w.end() > first.len()) {
                return place_and_date_of(lines, &m);
            }
        }
    }
    (None, None)
}

/// The place and the date of a matched place-and-date line.
fn place_and_date_of(
    lines: &Lines,
    m: &LineMatch,
) -> (Option<Value<String>>, Option<Value<PartialDate>>) {
    let num = |g: &str| m.group(g).and_then(|(s, _)| s.parse::<u32>().ok());
    let year = num("year").map(|y| y as i32);
    let (day, month) = (num("day"), num("month"));
    let place = m.group("place").and_then(|(p, span)| {
        let trimmed = p.trim();
        if trimmed.is_empty() {
            return None;
        }
        let start = span.start + (p.len() - p.trim_start().len());
        Some(Value::new(
            trimmed.to_string(),
            trimmed,
            Span::new(start, start + trimmed.len()),
            m.rule.confidence,
            &m.rule.id,
        ))
    });
    let (raw, span) = m.whole();
    let raw_trim = raw.trim_start_matches(|c: char| c.is_whitespace() || "*_#>|".contains(c));
    let whole_start = m.caps.get(0).map_or(0, |w| w.start());
    let span = Span::new(m.at(whole_start + (raw.len() - raw_trim.len())), span.end);
    let raw_trim = lines.text.get(span.range()).unwrap_or(raw_trim);
    // A blank day or month leaves a coarser date; a day without a month is not a date. A
    // day range ("ngày 20, 21 tháng 3") names no single day: the place stands, the date not.
    let is_day_range = m.group("range").is_some();
    let date = year.filter(|_| !is_day_range).and_then(|y| {
        let day = if month.is_some() { day } else { None };
        PartialDate::new(y, month, day)
    });
    let date = date.map(|d| {
        let conf = if d.precision == crate::document::DatePrecision::Day {
            m.rule.confidence
        } else {
            m.rule.confidence * 0.9
        };
        Value::new(d, raw_trim, span, conf, &m.rule.id)
    });
    (place, date)
}

/// The title line naming the document type ("KẾ HOẠCH", "BÁO CÁO").
fn title_line<'t>(
    lines: &Lines<'t>,
    rules: &'t RuleSet,
    header_end: usize,
) -> Option<LineMatch<'t>> {
    first_match(lines, rules, "document.type", 0..header_end, |_| true)
}

/// The document's type: its title's, else its symbol's kind code. A `V/v` subject
/// (`vv_subject`) is a công văn's; with no title, a code before it names the issuing body
/// ("1207/CT-TTHT" of a Cục Thuế, CT), not a kind.
fn doc_type(
    rules: &RuleSet,
    title: Option<&LineMatch>,
    number: Option<&Value<DocNumber>>,
    vv_subject: bool,
) -> Option<Value<DocType>> {
    let code_kind = number.and_then(|n| {
        n.value.symbol.split(['-', '/']).next().and_then(|code| {
            // "QH13", "UBTVQH14": the code followed by the legislature's number.
            rules.doc_type_by_code(code).or_else(|| {
                rules.doc_type_by_code(code.trim_end_matches(|c: char| c.is_ascii_digit()))
            })
        })
    });
    let titled = title.and_then(|m| title_kind(rules, m)).is_some();
    let code_names_body = vv_subject && !titled && code_kind.is_some_and(|t| t.id != "cong_van");
    let from_symbol = number.and_then(|n| {
        code_kind
            .filter(|_| !code_names_body)
            .map(|t| (t, n, true))
            .or_else(|| {
                rules
                    .doc_type_by_id("cong_van")
                    .filter(|_| !n.value.symbol.is_empty())
                    .map(|t| (t, n, false))
            })
    });
    if let Some(m) = title {
        let (title_txt, span) = m.group("title").unwrap_or_else(|| m.whole());
        if let Some(t) = title_kind(rules, m) {
            // The symbol can name a narrower kind than a title cut short by a line
            // break ("Thông tư" / "Liên tịch …" with TTLT): the narrower one wins.
            if let Some((s, n, _)) =
                from_symbol.filter(|(s, _, _)| s.id != t.id && s.label.starts_with(&t.label))
            {
                return Some(Value::new(
                    DocType {
                        id: s.id.clone(),
                        label: s.label.clone(),
                    },
                    &n.raw,
                    n.span,
                    0.9,
                    "type.symbol_narrows_title",
                ));
            }
            let agrees = from_symbol.is_some_and(|(s, _, _)| s.id == t.id);
            let conf = if agrees { 0.99 } else { m.rule.confidence };
            return Some(Value::new(
                DocType {
                    id: t.id.clone(),
                    label: t.label.clone(),
                },
                title_txt.trim(),
                span,
                conf,
                &m.rule.id,
            ));
        }
    }
    let (t, n, coded) = from_symbol?;
    // "Số: 1956/ C-SCT": a symbol whose first part is one letter after a gap may be a
    // code that lost its glyphs ("BC"), so a công văn is only a guess there.
    let first_part = n.value.symbol.split('-').next().unwrap_or("");
    let cut = first_part.chars().count() == 1 || n.raw.contains("/ ");
    Some(Value::new(
        DocType {
            id: t.id.clone(),
            label: t.label.clone(),
        },
        &n.raw,
        n.span,
        match (coded, cut) {
            (true, _) => 0.9,
            (false, false) => 0.8,
            (false, true) => 0.4,
        },
        match (coded, code_names_body) {
            (true, _) => "type.symbol_code",
            (false, true) => "type.vv_subject",
            (false, false) => "type.symbol_without_code",
        },
    ))
}

fn is_header_keyword_line(core: &str) -> bool {
    let lower = core.to_lowercase();
    lower.starts_with("kính gửi")
        || lower.starts_with("căn cứ")
        || lower.starts_with("số:")
        || lower.starts_with("nơi nhận")
}

/// A line of the header's other parts that a stacked layout puts right below the `V/v`
/// block with no blank line between: the national name or motto, or the place-and-date
/// line. A subject never continues into one.
fn is_other_header_part(rules: &RuleSet, core: &str) -> bool {
    motto_position(core, rules).is_some()
        || rules
            .for_field("document.date")
            .filter(|r| !is_title_block_rule(r) && r.id.starts_with("date.header"))
            .any(|r| r.regex.is_match(core))
}

/// Joins the lines of a multi-line field: `first` then continuation lines until a blank
/// line (or, with `lowercase_after_blank`, a following paragraph that starts in lower case).
fn join_continuation(
    lines: &Lines,
    rules: &RuleSet,
    first_line: usize,
    first_span: Span,
    lowercase_after_blank: bool,
) -> (String, Span) {
    // A second column flattened beside the subject ("V/v báo cáo …      Quảng Bình, ngày …")
    // is not part of it.
    let first_full = &lines.text[first_span.range()];
    let mut first_text = left_column(first_full);
    // The layout pass joins a wrapped line with its indent ("… cho Công ty" / "        cổ
    // phần …" becomes one line with a wide gap inside); a tail that goes on in small
    // letters is the subject's, not a second column's (a place and date, the motto,
    // "Kính gửi" open in capitals). A centred subject of three lines leaves two such gaps,
    // its last piece may open in capitals ("… phục vụ" / "Hội nghị APEC 2027").
    let mut kept = first_text.len();
    loop {
        let rest = &first_full[kept..];
        let piece = left_column(rest.trim_start());
        // A subject in capitals goes on in capitals ("… XĐGN NĂM 1998" / "VÀ PHƯƠNG HƯỚNG
        // NĂM 1999").
        let goes_on = if kept == first_text.len() {
            piece.starts_with(char::is_lowercase)
                || in_capitals(first_text) && in_capitals(piece) && first_text.trim().contains(' ')
        } else {
            piece.starts_with(char::is_alphanumeric) && !in_capitals(piece)
        };
        if piece.is_empty()
            || !goes_on
            || piece.starts_with("ngày")
            || is_other_header_part(rules, piece)
        {
            break;
        }
        kept += rest.len() - rest.trim_start().len() + piece.len();
    }
    first_text = &first_full[..kept];
    let mut text = first_text.trim().to_string();
    let mut end = first_span.start + first_text.len();
    let mut i = first_line + 1;
    while i < lines.len() {
        if lines.is_blank(i) {
            if !lowercase_after_blank {
                break;
            }
            let next = (i..lines.len()).find(|&j| !lines.is_blank(j));
            match next {
                Some(j)
                    if lines
                        .core(j)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase()) =>
                {
                    i = j;
                    continue;
                }
                _ => break,
            }
        }
        let core = left_column(lines.core(i));
        // A subject in small letters never goes on into a line of capitals: that is the
        // next part, the enacting body under a decision's title ("BỘ TRƯỞNG BỘ THƯƠNG MẠI")
        // where the text lost the blank line between them.
        let next_part_in_capitals =
            in_capitals(core) && core.split_whitespace().count() >= 2 && !in_capitals(&text);
        // A rule under the title ("-----", "***") closes it; the body may follow with no
        // blank line between (a Party notice's dashes, its spacing lost in a PDF).
        let rule_line = !core.is_empty() && !core.chars().any(char::is_alphanumeric);
        if is_header_keyword_line(core)
            || is_other_header_part(rules, core)
            || next_part_in_capitals
            || rule_line
            || core.len() > 300
        {
            break;
        }
        text.push(' ');
        text.push_str(core);
        end = lines.lines[i].core_start + core.len();
        i += 1;
    }
    (squash_spaces(&text), Span::new(first_span.start, end))
}

fn subject(
    lines: &Lines,
    rules: &RuleSet,
    header_end: usize,
    title: Option<&LineMatch>,
) -> Option<Value<String>> {
    let letter_about = || {
        // "Về việc …" in a letter's V/v place; under a title the title's lines are read.
        title.is_none().then(|| {
            first_match(
                lines,
                rules,
                "document.subject_written_out",
                0..header_end,
                |_| true,
            )
        })?
    };
    let matched = first_match(lines, rules, "document.subject", 0..header_end, |_| true)
        .or_else(letter_about);
    if let Some(m) = matched {
        let (_, span) = m.group("subject")?;
        let (text, full) = join_continuation(lines, rules, m.line, span, false);
        let raw = &lines.text[full.range()];
        return Some(Value::new(text, raw, full, m.rule.confidence, &m.rule.id));
    }
    // A titled document states its subject on the lines below the title (trích yếu).
    let t = title?;
    let first = (t.line + 1..lines.len().min(t.line + 6)).find(|&i| !lines.is_blank(i))?;
    let l = lines.lines[first];
    let core = lines.core(first);
    // The enacting formula ("QUYẾT ĐỊNH:") read as the title has the body below it.
    if is_header_keyword_line(core) || opens_body(core) || core.len() > 400 {
        return None;
    }
    let (text, full) = join_continuation(
        lines,
        rules,
        first,
        Span::new(l.core_start, l.core_end),
        true,
    );
    let raw = &lines.text[full.range()];
    Some(Value::new(text, raw, full, 0.8, "subject.after_title"))
}

/// A line that opens the body of an act: an article or a chapter ("Điều 1.", "Chương I").
fn opens_body(core: &str) -> bool {
    let mut words = core.split_whitespace();
    let (Some(head), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    let numbered = next
        .trim_end_matches(['.', ':'])
        .chars()
        .all(|c| c.is_ascii_digit() || "IVXLC".contains(c));
    matches!(head.to_lowercase().as_str(), "điều" | "chương") && numbered
}

fn is_list_item(core_raw: &str) -> bool {
    let t = core_raw.trim_start();
    t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("• ") || t.starts_with("– ")
}

/// An item without its list mark and end punctuation; a form's dotted slot after it
/// ("Sở Tài chính . . . . ", "……") goes too.
fn clean_item(s: &str) -> &str {
    s.trim()
        .trim_start_matches(['-', '+', '•', '–'])
        .trim()
        .trim_end_matches([';', ',', '.', '…', '_', ' '])
}

/// Items of a list introduced by a line matching `field` ("Kính gửi:", "Nơi nhận:"):
/// the rest of that line, if any, then the `- item` lines below it.
fn list_after(lines: &Lines, rules: &RuleSet, field: &str, limit: usize) -> Vec<Value<String>> {
    let Some(m) = first_match(lines, rules, field, 0..limit, |_| true) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let conf = m.rule.confidence;
    let rule_id = m.rule.id.clone();
    // An item found inside `container`, which starts at byte `container_start`.
    let push =
        |out: &mut Vec<Value<String>>, item: &str, container: &str, container_start: usize| {
            // A form's blank slot ("Kính gửi: ……………") names no one.
            if !item.chars().any(char::is_alphanumeric) {
                return;
            }
            let start = container_start + container.find(item).unwrap_or(0);
            out.push(Value::new(
                item.to_string(),
                item,
                Span::new(start, start + item.len()),
                conf,
                &rule_id,
            ));
        };
    if let Some((rest, span)) = m.group("rest") {
        let rest_left = left_column(rest);
        // "Nơi nhận: GIÁM ĐỐC" is a two-column layout flattened: the rest is the signer's.
        if !is_signature_text(rules, clean_item(rest_left)) {
            // "Kính gửi: Sở Tài chính; Sở Y tế." names several on one line; but after a
            // colon the ";" separates the units one recipient enumerates ("UBND các
            // quận, huyện: Hai Bà Trưng; Hoàn Kiếm").
            let parts: Vec<&str> = if rest_left.contains(':') {
                vec![rest_left]
            } else {
                rest_left.split(';').collect()
            };
            for part in parts {
                let item = clean_item(part);
                if !item.is_empty() {
                    push(&mut out, item, rest, span.start);
                }
            }
        }
    }
    // The items' style, set by the first: dashes (a blank line may fall between items)
    // or numbers ("1. Ủy ban nhân dân tỉnh A;", which end at a blank line, since the body's
    // numbered sections follow).
    let mut numbered: Option<bool> = None;
    let mut blank_before = false;
    // Recipients under a bare "Kính gửi:" written without marks, one per line right under
    // it ("Kính gửi:" / "Trưởng các ấp thuộc xã."), up to a blank line or an item that
    // ends with a full stop.
    let mut plain = false;
    let bare_heading = out.is_empty()
        && m.group("rest")
            .map_or(true, |(r, _)| clean_item(r).is_empty());
    for i in m.line + 1..lines.len() {
        if lines.is_blank(i) {
            if plain {
                break;
            }
            blank_before = true;
            continue;
        }
        let l = lines.lines[i];
        let raw = &lines.text[l.start..l.end];
        let bare = raw.trim_start_matches(['*', '_']);
        let dashed = is_list_item(bare);
        let number_len = numbered_item_marker(bare);
        if field == "document.recipients"
            && bare_heading
            && numbered.is_none()
            && !blank_before
            && !dashed
            && number_len.is_none()
            && (out.is_empty() || plain)
        {
            let core = lines.core(i).trim_matches(['*', '_', ' ']);
            // A label over the list ("Thành phần:", "Thành phần mời:") names no one.
            if out.is_empty() && core.ends_with(':') && core.split_whitespace().count() <= 4 {
                continue;
            }
            let fits = core.chars().next().is_some_and(char::is_uppercase)
                && core.chars().count() <= 150
                && !is_signature_text(rules, core);
            if !fits {
                break;
            }
            plain = true;
            let item = clean_item(core);
            if !item.is_empty() {
                let ends_sentence = core.ends_with('.');
                push(&mut out, item, raw, l.start);
                if ends_sentence {
                    break;
                }
            }
            continue;
        }
        let style_fits = match numbered {
            // Numbered recipients stand right under a bare "Kính gửi:"; after a line that
            // names its recipients, or a blank line, numbers open the body's sections.
            None => dashed || number_len.is_some() && out.is_empty() && !blank_before,
            Some(false) => dashed,
            Some(true) => number_len.is_some() && !blank_before,
        };
        // An item wrapped onto the next line: "- Sở Nông nghiệp … các tỉnh, thành phố" /
        // "vùng Trung du và Đồng bằng Bắc Bộ;".
        let wrapped = !style_fits
            && !blank_before
            && left_column(lines.core(i))
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        blank_before = false;
        if wrapped {
            let prev_line = lines.lines[i - 1];
            let prev = lines.text[prev_line.start..prev_line.end].trim_end();
            if let Some(last) = out.last_mut().filter(|_| !prev.ends_with([';', '.', ','])) {
                let more = clean_item(before_squeezed_signature(left_column(lines.core(i)), rules));
                let at = l.start + raw.find(more).unwrap_or(0);
                last.value = format!("{} {more}", last.value);
                last.span = Span::new(last.span.start, at + more.len());
                last.raw = lines.text[last.span.range()].to_string();
                continue;
            }
        }
        if !style_fits {
            // The signature's column split off onto its own line ("KT. GIÁM ĐỐC") sits
            // inside the list; anything else ends it.
            // A signing note ("(Đã ký)") flattened into the list, anywhere, is passed over.
            let signature_line = out.len() <= 1 && is_signature_text(rules, lines.core(i));
            if numbered != Some(true) && (signature_line || is_signing_note(lines.core(i))) {
                continue;
            }
            if field == "document.copy_to" && numbered == Some(false) {
                if let Some(last) = item_past_the_signature(lines, rules, i) {
                    let l = lines.lines[last];
                    let raw = &lines.text[l.start..l.end];
                    let item = clean_item(left_column(raw.trim_matches(['*', '_', ' '])));
                    if !item.is_empty() {
                        push(&mut out, item, raw, l.start);
                    }
                }
            }
            break;
        }
        numbered = Some(!dashed);
        let item_text = match (dashed, number_len) {
            (false, Some(n)) => &bare.trim_start()[n..],
            _ => raw,
        };
        let cell = before_squeezed_signature(item_text.trim_matches(['*', '_', ' ']), rules);
        let left = left_column(cell);
        // A wide gap before lower-case words that end the item is a wrapped line the layout
        // pass joined ("… các tỉnh, thành phố      vùng Trung du …;"), not a second column.
        let rest = cell[left.len()..].trim();
        let wrapped = rest.chars().next().is_some_and(char::is_lowercase)
            && rest.ends_with([';', '.'])
            && !left.ends_with([';', '.', ',']);
        let item = clean_item(if wrapped { cell } else { left });
        if !item.is_empty() {
            push(&mut out, item, raw, l.start);
            if wrapped {
                if let Some(last) = out.last_mut() {
                    last.value = squash_spaces(&last.value);
                }
            }
        }
    }
    out
}

/// The byte length of a numbered item's marker ("1. ", "2) ") at the start of a line.
fn numbered_item_marker(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &t[digits..];
    let mark = rest.chars().next().filter(|c| matches!(c, '.' | ')'))?;
    let after = &rest[mark.len_utf8()..];
    let spaces = after.len() - after.trim_start().len();
    (spaces > 0 && after.trim_start().starts_with(char::is_alphabetic))
        .then_some(digits + mark.len_utf8() + spaces)
}

/// The left column of a list line that shares its line with the signature block: the text
/// before a tab, a gap of five spaces or a pipe table's cell border ("- Như trên;<tab>PHÓ GIÁM ĐỐC"
/// → "- Như trên;").
/// Where a column of rule characters ("-----", "*", "___") starts after a gap of two or
/// more spaces or a tab at the end of `s`, when text stands before it.
fn rule_column_at_end(s: &str) -> Option<usize> {
    let trimmed = s.trim_end();
    let gap = trimmed.rfind("  ").or_else(|| trimmed.rfind('\t'))?;
    let rest = trimmed[gap..].trim_start();
    let is_rule = !rest.is_empty() && rest.chars().all(|c| "-–—_=*~.".contains(c));
    (is_rule && !trimmed[..gap].trim().is_empty()).then_some(gap)
}

fn left_column(s: &str) -> &str {
    let mut run_start: Option<usize> = None;
    for (pos, c) in s.char_indices() {
        if c.is_whitespace() {
            let rs = *run_start.get_or_insert(pos);
            let run = &s[rs..pos + c.len_utf8()];
            if c == '\t' || run.chars().count() >= 5 {
                if s[..rs].trim().is_empty() {
                    continue;
                }
                return s[..rs].trim_end();
            }
        } else if c == '|' && run_start.is_some() && !s[..pos].trim().is_empty() {
            // A pipe table's cell border: "V/v lập dự toán … | Quảng Ngãi, ngày …".
            return s[..pos].trim_end();
        } else {
            run_start = None;
        }
    }
    s
}

/// A note of the signature block on its own: "(Đã ký)", "(Ký tên, đóng dấu)", "(Ký, ghi
/// rõ họ tên)"; short or in brackets, since a recipient's name may mention signing.
/// The copy list's last item where a PDF text layer put it after the signature's title
/// lines, since it shares its baseline with a line further down the signature's column
/// ("- Lưu: VT, KGVX.<tab>(Đã ký)"): from the signature line at `from`, past the
/// signature's lines, signing notes and blank lines, a dashed line whose other column is
/// only a signing note or nothing. The line's index.
fn item_past_the_signature(lines: &Lines, rules: &RuleSet, from: usize) -> Option<usize> {
    const LOOK_AHEAD: usize = 8;
    if !is_signature_text(rules, lines.core(from)) {
        return None;
    }
    for i in from + 1..lines.len().min(from + LOOK_AHEAD) {
        if lines.is_blank(i) {
            continue;
        }
        let bare = lines.raw(i).trim_matches(['*', '_', ' ']);
        if is_list_item(bare) {
            let left = left_column(bare);
            let other = bare[left.len()..].trim();
            return (other.is_empty() || is_signing_note(other)).then_some(i);
        }
        let core = lines.core(i);
        if !is_signature_text(rules, core) && !is_signing_note(core) {
            return None;
        }
    }
    None
}

fn is_signing_note(s: &str) -> bool {
    let s = s.trim();
    let lower = s.to_lowercase();
    let note_sized = s.starts_with('(') || s.split_whitespace().count() <= 6;
    let note = ["đã ký", "ký tên", "đóng dấu", "ghi rõ họ tên"]
        .iter()
        .any(|note| lower.contains(note));
    note && note_sized
}

/// Where the signature's column starts in a line of the copy list (an item, or its wrapped
/// tail in small letters) whose column gap a PDF text layer squeezed to one space, as a
/// byte offset: after the item's closing ";" or "."
/// when a signature line follows ("- Như trên; PHÓ GIÁM ĐỐC"), or after its ";" (or the
/// archive item's "." that ends the list: "- Lưu: VT. Nguyễn Văn An") when the signer's
/// name follows, its first word a family name. A "." inside an item ("TP. Hồ Chí Minh")
/// never splits one.
fn squeezed_signature_at(core: &str, rules: &RuleSet) -> Option<usize> {
    let (cut, mark) = core
        .char_indices()
        .rev()
        .find(|&(p, c)| matches!(c, ';' | '.') && core[p + 1..].starts_with(' '))?;
    let tail = core[cut + 1..].trim();
    // The head is a copy-list item or its wrapped tail, never a signature line itself
    // ("KT. CHỦ TỊCH").
    let item_text = is_list_item(core) || core.starts_with(char::is_lowercase);
    if !item_text || tail.is_empty() || tail.ends_with([';', ',']) {
        return None;
    }
    let at = core.len() - core[cut + 1..].trim_start().len();
    if is_signature_text(rules, tail) {
        return Some(at);
    }
    let archive_item = clean_item(core).to_lowercase().starts_with("lưu");
    let name_rule = rule_by_id(rules, "signer.name")?;
    let family_name_first = tail
        .split_whitespace()
        .next()
        .is_some_and(|w| is_family_name(w, rules));
    let is_name = name_rule.regex.is_match(tail) && family_name_first
        || name_in_capitals(tail, rules).is_some();
    (is_name && (mark == ';' || archive_item)).then_some(at)
}

/// A copy-list line without the signature's text squeezed after its item.
fn before_squeezed_signature<'s>(core: &'s str, rules: &RuleSet) -> &'s str {
    match squeezed_signature_at(core, rules) {
        Some(at) => core[..at].trim_end(),
        None => core,
    }
}

/// An authority line, a position, the "(đã ký)" note or a seal note ("(Ký tên, đóng
/// dấu)", "(Ký, ghi rõ họ tên)"): text of the signature block.
fn is_signature_text(rules: &RuleSet, s: &str) -> bool {
    let s = s.trim();
    s.to_lowercase().contains("đã ký")
        || is_signing_note(s)
        || rules
            .for_field("document.signer")
            .any(|r| (r.id == "signer.title" || r.id == "signer.authority") && r.regex.is_match(s))
}

fn rule_by_id<'r>(rules: &'r RuleSet, id: &str) -> Option<&'r Rule> {
    rules.for_field("document.signer").find(|r| r.id == id)
}

/// The right-hand column of a line flattened from a two-column layout (copy list on the
/// left, signature on the right): the whole core when the line is pushed far right (eight
/// spaces before it, or a tab and no other cell after it), else the text after the last
/// wide gap (a tab or three spaces), as (byte offset in the text, text). `None` for a
/// single-column line.
fn right_column<'t>(lines: &Lines<'t>, i: usize) -> Option<(usize, &'t str)> {
    let l = lines.lines[i];
    let core = lines.core(i);
    if core.is_empty() {
        return None;
    }
    let lead = &lines.text[l.start..l.core_start];
    // A spreadsheet's row opens with a tab wherever its column A is empty, so a tab before
    // the text pushes it right only when no other cell follows on the row: the footer's
    // "NGƯỜI LẬP BIỂU<tabs>KT. GIÁM ĐỐC" and its names below are two columns, the head's
    // on the right.
    let pushed_right = lead.contains('\t') && !core.contains('\t')
        || lead.chars().filter(|c| *c == ' ').count() >= 8;
    if pushed_right {
        return Some((l.core_start, core));
    }
    let mut gap_end = None;
    let mut run_start: Option<usize> = None;
    for (pos, c) in core.char_indices() {
        if c.is_whitespace() {
            run_start.get_or_insert(pos);
        } else if let Some(rs) = run_start.take() {
            let run = &core[rs..pos];
            if run.contains('\t') || run.chars().count() >= 3 {
                gap_end = Some(pos);
            }
        }
    }
    let at = gap_end?;
    let piece = core[at..].trim_end();
    (!piece.is_empty()).then_some((l.core_start + at, piece))
}

/// A signature line part: an authority line, a position, or a position with the name on
/// the same line ("CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng").
enum SignerPart {
    Authority(String, String),
    Title(String),
    TitleAndName(String, String, Span),
    /// "KT. BỘ TRƯỞNG      THỨ TRƯỞNG": both on one line, a wide gap between them.
    AuthorityAndTitle(String, String, String),
    /// "BÊN GIAO          BÊN NHẬN": two parties sign side by side; the first (left) one's
    /// heading, its name read from the left column below.
    LeftParty(String),
}

/// The text before and after the first wide gap (a tab or three spaces) of a piece.
fn split_at_wide_gap(piece: &str) -> Option<(&str, &str)> {
    let piece = piece.trim();
    let at = piece
        .find('\t')
        .into_iter()
        .chain(piece.find("   "))
        .min()?;
    let (left, right) = (piece[..at].trim(), piece[at..].trim());
    (!left.is_empty() && !right.is_empty()).then_some((left, right))
}

/// An authority line or a position line, read with its repeated spaces squeezed.
fn authority_or_title(
    piece: &str,
    authority_rule: &Rule,
    title_rule: &Rule,
    positions: &[String],
) -> Option<SignerPart> {
    let mut squeezed = squash_spaces(piece);
    // "KT CHỦ TỊCH": OCR lost the code's dot. Put back only before an office in capitals,
    // so that prose starting "TM " or "KT " stays prose.
    if let Some(office) = ["KT ", "TM ", "TL "]
        .iter()
        .find_map(|code| squeezed.trim_start().strip_prefix(code))
    {
        let caps = office
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '-');
        if caps && office.chars().any(char::is_alphabetic) && office.split(' ').count() <= 6 {
            let code = &squeezed.trim_start()[..2];
            squeezed = format!("{code}. {}", office.trim());
        }
    }
    if let Some(a) = authority_rule.regex.captures(&squeezed) {
        // "K/T." and "KT." are one code: its letters, as written.
        let code = a
            .name("authority")
            .map_or("", |m| m.as_str())
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        // "KT, GIÁM ĐỐC" (a comma for the code's dot) reads as "KT. GIÁM ĐỐC".
        let line = match a.name("authority") {
            Some(m) if m.as_str().ends_with(',') => {
                format!("{}.{}", &squeezed[..m.end() - 1], &squeezed[m.end()..])
            }
            _ => squeezed.clone(),
        };
        return Some(SignerPart::Authority(code, line));
    }
    let Some(t) = title_rule.regex.captures(&squeezed) else {
        return title_without_marks(&squeezed, positions).map(SignerPart::Title);
    };
    let title = t
        .name("title")
        .map_or(squeezed.as_str(), |m| m.as_str())
        .trim();
    // "PHO CHỦ TỊCH": OCR lost the mark of the capital Ó; the rule takes it, the value
    // is written as the position is.
    let title = match title.get(..4) {
        Some("PHO ") => format!("PHÓ {}", &title[4..]),
        Some("Pho ") => format!("Phó {}", &title[4..]),
        _ => title.to_string(),
    };
    Some(SignerPart::Title(title))
}

/// A title line whose marks a scan or a careless typist lost ("PHO CHU TỊCH", "GIAM DOC"):
/// the whole line, marks and đ aside, is one of the lexicon's positions, after "PHÓ" or
/// "TỔNG" as often as written. The value is the position as the lexicon spells it.
fn title_without_marks(line: &str, positions: &[String]) -> Option<String> {
    use crate::repair::restore::syllable::strip_marks;
    let bare = |s: &str| strip_marks(s).to_uppercase();
    let line = line.trim_matches(|c: char| matches!(c, '*' | '_' | ' '));
    let mut words: Vec<&str> = line.split(' ').collect();
    let mut prefix = String::new();
    while words.len() > 1 {
        match bare(words[0]).as_str() {
            "PHO" => prefix.push_str("PHÓ "),
            "TONG" => prefix.push_str("TỔNG "),
            _ => break,
        }
        words.remove(0);
    }
    let rest = bare(&words.join(" "));
    positions
        .iter()
        .filter(|p| p.split(' ').count() >= 2 || !prefix.is_empty())
        .find(|p| bare(p) == rest)
        .map(|p| format!("{prefix}{p}"))
}

fn signer_part(
    piece: &str,
    offset: usize,
    authority_rule: &Rule,
    title_rule: &Rule,
    name_rule: &Rule,
    party_rule: &Rule,
    positions: &[String],
) -> Option<SignerPart> {
    if let Some((left, right)) = split_at_wide_gap(piece) {
        let party = |p: &str| {
            let squeezed = squash_spaces(p);
            party_rule
                .regex
                .captures(&squeezed)
                .and_then(|c| c.name("title"))
                .map(|m| m.as_str().to_string())
        };
        if let (Some(first), Some(_)) = (party(left), party(right)) {
            return Some(SignerPart::LeftParty(first));
        }
        match (
            authority_or_title(left, authority_rule, title_rule, positions),
            authority_or_title(right, authority_rule, title_rule, positions),
        ) {
            (Some(SignerPart::Authority(code, line)), Some(SignerPart::Title(title))) => {
                return Some(SignerPart::AuthorityAndTitle(code, line, title));
            }
            // "THƯ KÝ        CHỦ TRÌ": two signatures side by side (a biên bản); the one
            // on the right is the principal's, and its name is the right-hand one below.
            (Some(SignerPart::Title(_)), Some(SignerPart::Title(title))) => {
                return Some(SignerPart::Title(title));
            }
            _ => {}
        }
    }
    if let Some(part) = authority_or_title(piece, authority_rule, title_rule, positions) {
        return Some(part);
    }
    // Position then name on one line: split at each space, name part last.
    for (pos, _) in piece
        .match_indices(' ')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let (head, tail) = (&piece[..pos], &piece[pos + 1..]);
        let Some(n) = name_rule.regex.captures(tail).and_then(|c| c.name("name")) else {
            continue;
        };
        if let Some(t) = title_rule
            .regex
            .captures(head)
            .and_then(|c| c.name("title"))
        {
            let start = offset + pos + 1 + n.start();
            return Some(SignerPart::TitleAndName(
                t.as_str().trim().to_string(),
                n.as_str().to_string(),
                Span::new(start, start + n.as_str().len()),
            ));
        }
    }
    None
}

/// The signature block: authority line(s) (KT. GIÁM ĐỐC), the position (PHÓ GIÁM ĐỐC) and
/// the name below. Several candidates may exist (annexes are signed too); the one nearest
/// to the `Nơi nhận` block, or else the last, is the document's signer. Two-column layouts
/// flattened into text (copy list left, signature right, on the same lines) are read from
/// their right-hand column, skipping the lines that hold only the copy list.
fn signer(lines: &Lines, rules: &RuleSet) -> Option<Value<Signer>> {
    let authority_rule = rule_by_id(rules, "signer.authority")?;
    let title_rule = rule_by_id(rules, "signer.title")?;
    let name_rule = rule_by_id(rules, "signer.name")?;
    let party_rule = rule_by_id(rules, "signer.party")?;
    let noi_nhan =
        first_match(lines, rules, "document.copy_to", 0..lines.len(), |_| true).map(|m| m.line);
    let part = |piece: &str, offset: usize| {
        signer_part(
            piece,
            offset,
            authority_rule,
            title_rule,
            name_rule,
            party_rule,
            &rules.signer_positions,
        )
    };

    let mut candidates: Vec<(usize, Value<Signer>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let core = lines.core(i);
        // The title may share its line with "Nơi nhận:" in flattened two-column text.
        let title_part = match noi_nhan {
            Some(n) if n == i => core
                .split_once(':')
                .map(|(_, rest)| rest.trim().trim_matches(['*', '_', ' ']))
                .unwrap_or(""),
            _ => core,
        };
        let right = right_column(lines, i);
        let title_part_at = lines.lines[i].core_start + core.len() - title_part.len();
        let first = part(title_part, title_part_at)
            .map(|p| (p, false))
            .or_else(|| {
                right
                    .and_then(|(at, piece)| part(piece, at))
                    .map(|p| (p, true))
            });
        let Some((first, from_right)) = first else {
            i += 1;
            continue;
        };
        // Side-by-side layout: the block sits in the right column of lines it shares.
        let mut side_by_side = from_right || noi_nhan == Some(i) || right.is_some();
        let start_line = i;
        let mut authorities: Vec<(String, String)> = Vec::new();
        let mut title_txt: Option<String> = None;
        let mut name: Option<(String, Span)> = None;
        let mut left_party = false;
        // "ĐẠI DIỆN BÊN A": the party the signer signs for, read as the authority.
        let mut party: Option<String> = None;
        match first {
            SignerPart::LeftParty(t) => {
                party = Some(t);
                left_party = true;
            }
            SignerPart::Authority(code, line) => authorities.push((code, line)),
            SignerPart::AuthorityAndTitle(code, line, t) => {
                authorities.push((code, line));
                title_txt = Some(t);
            }
            SignerPart::Title(t) => title_txt = Some(t),
            SignerPart::TitleAndName(t, n, span) => {
                title_txt = Some(t);
                name = Some((n, span));
            }
        }
        // Walk the next few lines: more authority lines, the title, then the name.
        let mut office: Option<String> = None;
        let mut j = i + 1;
        let mut seen = 0;
        while name.is_none() && j < lines.len() && seen < 5 && j < i + 30 {
            if lines.is_blank(j) {
                j += 1;
                continue;
            }
            // In the copy list, the signature's column may follow an item after one space.
            let in_copy_list = noi_nhan.is_some_and(|n| n <= j);
            let right = right_column(lines, j).or_else(|| {
                let core = lines.core(j);
                let at = squeezed_signature_at(core, rules).filter(|_| in_copy_list)?;
                Some((lines.lines[j].core_start + at, &core[at..]))
            });
            if noi_nhan == Some(j) || right.is_some() {
                side_by_side = true;
            }
            // The first of two parties: its name is the left half of a shared line, or a
            // line of its own that is not pushed to the right.
            if left_party {
                let l = lines.lines[j];
                let core = lines.core(j);
                let left = match split_at_wide_gap(core) {
                    Some((left, _)) => Some(left),
                    None if right.is_some_and(|(at, _)| at == l.core_start) => None,
                    None => Some(core),
                };
                // The party's signer's position: "ĐẠI DIỆN BÊN A" / "HIỆU TRƯỞNG".
                if title_txt.is_none() {
                    let position = left.and_then(|p| {
                        title_rule
                            .regex
                            .captures(p)
                            .and_then(|c| c.name("title"))
                            .map(|t| t.as_str().trim().to_string())
                    });
                    if position.is_some() {
                        title_txt = position;
                        seen += 1;
                        j += 1;
                        continue;
                    }
                }
                // `core` is trimmed, so its left half starts where it does.
                let at = l.core_start;
                let found = left.and_then(|p| {
                    name_in_piece(p, name_rule, false)
                        .map(|(n_start, n)| (n_start, n.len(), n.to_string()))
                        .or_else(|| {
                            name_in_capitals(p, rules)
                                .map(|(n_start, written, cased)| (n_start, written.len(), cased))
                        })
                });
                if let Some((n_start, len, n)) = found {
                    name = Some((n, Span::new(at + n_start, at + n_start + len)));
                    break;
                }
            }
            let (at, c) = match right {
                Some(r) => r,
                // A line of the left column only (the copy list): in a side-by-side
                // block, or a copy-list item, which is never part of a signature.
                None if (side_by_side
                    || is_list_item(lines.raw(j).trim_start_matches(['*', '_'])))
                    && noi_nhan.is_some_and(|n| n <= j) =>
                {
                    // Where the layout squeezed the signature's indent, its lines of their
                    // own among or after the list's ("  NGUYỄN THỊ HẢO", "phó Thống đốc"):
                    // the position while none is read, then the name below it.
                    let own_line = !is_list_item(lines.raw(j).trim_start_matches(['*', '_']));
                    let position = match part(lines.core(j), lines.lines[j].core_start) {
                        Some(SignerPart::Title(t)) if own_line && title_txt.is_none() => Some(t),
                        // A second authority line under the first, as a table cell beside
                        // the copy list writes them ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH").
                        Some(SignerPart::Authority(code, line))
                            if own_line && title_txt.is_none() && !authorities.is_empty() =>
                        {
                            authorities.push((code, line));
                            j += 1;
                            continue;
                        }
                        _ => None,
                    };
                    if position.is_some() {
                        title_txt = position;
                        j += 1;
                        continue;
                    }
                    let lone_name = title_txt
                        .as_ref()
                        .filter(|_| own_line)
                        .and_then(|_| lone_signer_name(lines.core(j), name_rule, rules));
                    if let Some((n_start, len, n)) = lone_name {
                        let at = lines.lines[j].core_start + n_start;
                        name = Some((n, Span::new(at, at + len)));
                        break;
                    }
                    j += 1;
                    continue;
                }
                None => (lines.lines[j].core_start, lines.core(j)),
            };
            seen += 1;
            let lower = c.to_lowercase();
            if lower.contains("đã ký")
                || lower.contains("ký, đóng dấu")
                || lower.contains("ký tên")
                || lower.contains("ghi rõ họ tên")
            {
                j += 1;
                continue;
            }
            if title_txt.is_none() {
                match part(c, at) {
                    Some(SignerPart::Authority(code, line)) => {
                        authorities.push((code, line));
                        j += 1;
                        continue;
                    }
                    Some(SignerPart::Title(t)) => {
                        title_txt = Some(t);
                        j += 1;
                        continue;
                    }
                    Some(SignerPart::AuthorityAndTitle(code, line, t)) => {
                        authorities.push((code, line));
                        title_txt = Some(t);
                        j += 1;
                        continue;
                    }
                    Some(SignerPart::TitleAndName(t, n, span)) => {
                        title_txt = Some(t);
                        name = Some((n, span));
                        j += 1;
                        break;
                    }
                    Some(SignerPart::LeftParty(_)) | None => {}
                }
            }
            // The authority's office wrapped onto a line of its own ("KT. BỘ TRƯỞNG" /
            // "BỘ TÀI CHÍNH" / "THỨ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NAM").
            if title_txt.is_none() && continues_authority(c, rules) {
                if let Some(last) = authorities.last_mut() {
                    last.1.push(' ');
                    last.1
                        .push_str(&squash_spaces(c.trim_matches(['*', '_', ' '])));
                    j += 1;
                    continue;
                }
            }
            if let Some((n_start, n)) = name_in_piece(c, name_rule, right.is_some()) {
                name = Some((
                    n.to_string(),
                    Span::new(at + n_start, at + n_start + n.len()),
                ));
                break;
            }
            // Below the position, a name may be typed in capitals ("NGUYỄN VĂN SƠN"), or,
            // under a position that lost its capitals with an H font ("chủ tịch"), in
            // small letters ("nguyễn văn lịch").
            let lost_capitals = title_txt
                .as_ref()
                .is_some_and(|t| !t.contains(char::is_uppercase));
            let capitals_name = title_txt
                .as_ref()
                .filter(|_| !is_agency_name_line(c, rules))
                .and_then(|_| {
                    name_in_capitals(c, rules)
                        .or_else(|| lost_capitals.then(|| name_in_small_letters(c, rules))?)
                });
            if let Some((n_start, written, name_cased)) = capitals_name {
                name = Some((
                    name_cased,
                    Span::new(at + n_start, at + n_start + written.len()),
                ));
                break;
            }
            // Below the position, the line naming its office ("Ban chỉ đạo …") may come
            // before the name; beside the copy list, the list's wrapped text may share the
            // signature's lines ("… các cơ quan      khác thuộc Chính phủ").
            let office_line = title_txt.is_some() && is_agency_name_line(c, rules);
            let copy_list_text =
                right.is_some() && side_by_side && noi_nhan.is_some_and(|n| n <= j);
            if office_line && office.is_none() && !copy_list_text {
                office = Some(squash_spaces(c.trim_matches(['*', '_', ' '])));
            }
            if office_line || copy_list_text {
                j += 1;
                continue;
            }
            break;
        }
        if title_txt.is_some() || name.is_some() || party.is_some() {
            let l0 = lines.lines[start_line];
            let end = name
                .as_ref()
                .map_or(lines.lines[j.min(lines.len() - 1)].core_end, |n| n.1.end);
            let span = Span::new(l0.core_start, end.max(l0.core_start));
            let confidence = match (&name, &title_txt) {
                (Some(_), Some(_)) => 0.9,
                (Some(_), None) => 0.75,
                _ => 0.5,
            };
            let authority = (!authorities.is_empty()).then(|| {
                authorities
                    .iter()
                    .map(|(_, l)| l.as_str())
                    .collect::<Vec<_>>()
                    .join(" / ")
            });
            // The party is the signer's title unless a position follows it.
            let (title_txt, party) = match (title_txt, party) {
                (None, Some(p)) => (Some(p), None),
                other => other,
            };
            let authority = authority.or(party);
            let authority_code = authorities.last().map(|(c, _)| c.clone());
            // "Q. GIÁM ĐỐC" over a name: an acting director signs as director, and no
            // line of their own title follows.
            let title_txt = title_txt.or_else(|| match authorities.last() {
                Some((code, line)) if code == "Q" => line
                    .split_once('.')
                    .map(|(_, position)| position.trim().to_string())
                    .filter(|p| !p.is_empty()),
                _ => None,
            });
            let raw = &lines.text[span.range()];
            candidates.push((
                start_line,
                Value::new(
                    Signer {
                        name: name.map(|n| n.0),
                        title: title_txt,
                        authority,
                        authority_code,
                        office,
                    },
                    raw,
                    span,
                    confidence,
                    "signer.block",
                ),
            ));
        }
        i = j.max(i + 1);
    }
    if candidates.is_empty() {
        return signer_name_only(lines, name_rule, noi_nhan);
    }
    let best = match noi_nhan {
        Some(n) => candidates
            .into_iter()
            .min_by_key(|(line, v)| (line.abs_diff(n), v.value.name.is_none())),
        // Without a copy list, the last block that names its signer: blank signature
        // slots of appended forms ("Giám đốc" with no name) come after the real one.
        None => {
            let named = candidates.iter().rposition(|(_, v)| v.value.name.is_some());
            let at = named.unwrap_or(candidates.len() - 1);
            candidates.into_iter().nth(at)
        }
    };
    best.map(|(_, v)| v)
}

/// A line of capitals naming a body or a place ("BỘ TÀI CHÍNH", "TỈNH QUẢNG NAM"): below
/// an authority line and above the position, the rest of the authority's office.
fn continues_authority(piece: &str, rules: &RuleSet) -> bool {
    let piece = piece.trim_matches(['*', '_', ' ']);
    let words: Vec<&str> = piece.split_whitespace().collect();
    let place_word = ["TỈNH", "THÀNH", "HUYỆN", "QUẬN", "THỊ", "XÃ", "PHƯỜNG"];
    in_capitals(piece)
        && (1..=10).contains(&words.len())
        && !piece.chars().any(|c| c.is_ascii_digit())
        && (is_agency_name_line(piece, rules)
            || words.first().is_some_and(|w| place_word.contains(w)))
}

/// The signer's name in a piece of a line, as (byte offset, name): the whole piece, or, in
/// the right column beside the copy list, the part before a comma or a gap of spaces when a
/// copy-list item's wrapped tail was joined after the name ("Lê Văn An, thuộc Bộ Tài
/// chính", "Lê Văn An   thuộc Bộ Tài chính").
fn name_in_piece<'p>(
    piece: &'p str,
    name_rule: &Rule,
    beside_copy_list: bool,
) -> Option<(usize, &'p str)> {
    let whole = |p: &'p str| {
        name_rule
            .regex
            .captures(p)
            .and_then(|c| c.name("name"))
            .map(|m| (m.start(), m.as_str()))
    };
    whole(piece).or_else(|| {
        if !beside_copy_list {
            return None;
        }
        let cut = [piece.find(','), piece.find("  ")]
            .into_iter()
            .flatten()
            .min()?;
        let (head, tail) = (&piece[..cut], piece[cut..].trim_start_matches([',', ' ']));
        let tail_is_lowercase = tail
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        tail_is_lowercase.then(|| whole(head)).flatten()
    })
}

/// A name whose capitals an H font lost: two to five words in small letters, the first a
/// family name of the lexicon, as [`name_in_capitals`] gives it.
fn name_in_small_letters<'p>(piece: &'p str, rules: &RuleSet) -> Option<(usize, &'p str, String)> {
    name_in_one_case(piece, rules, char::is_lowercase)
}

/// A name typed in capitals: two to five words of capitals, the first a family name of the
/// lexicon (a line of capitals below the signer's position that opens with one is the
/// signer's name, not an office), as (byte offset in the piece, the name as written, the
/// name with word-initial capitals).
fn name_in_capitals<'p>(piece: &'p str, rules: &RuleSet) -> Option<(usize, &'p str, String)> {
    name_in_one_case(piece, rules, char::is_uppercase)
}

/// Two to five words whose letters are all of one case (`in_case`), the first a family name
/// of the lexicon, as [`name_in_capitals`] gives them.
fn name_in_one_case<'p>(
    piece: &'p str,
    rules: &RuleSet,
    in_case: fn(char) -> bool,
) -> Option<(usize, &'p str, String)> {
    let trimmed =
        after_academic_titles(piece.trim_matches(|c: char| c.is_whitespace() || "*_".contains(c)));
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let one_case = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_alphabetic() && in_case(c)));
    let family_name = words.first().is_some_and(|w| is_family_name(w, rules));
    if !(2..=5).contains(&words.len()) || !one_case || !family_name {
        return None;
    }
    let cased = words
        .iter()
        .map(|w| capitalized(w))
        .collect::<Vec<_>>()
        .join(" ");
    let offset = piece.find(trimmed)?;
    Some((offset, trimmed, cased))
}

/// The academic and professional titles written before a signer's name ("TS.", "PGS.TS.",
/// "ThS.", "BS."), as the rule `signer.name` passes over them.
const ACADEMIC_TITLES: &[&str] = &[
    "GS", "PGS", "TSKH", "TS", "ThS", "Ths", "KS", "BS", "Bs", "DS", "LS",
];

/// A name without the titles before it ("TS. NGUYỄN VĂN AN" → "NGUYỄN VĂN AN").
fn after_academic_titles(s: &str) -> &str {
    let mut rest = s;
    while let Some(after) = ACADEMIC_TITLES.iter().find_map(|t| {
        rest.strip_prefix(t)
            .and_then(|r| r.strip_prefix('.'))
            .map(str::trim_start)
    }) {
        rest = after;
    }
    rest
}

/// A line that is only a person's name, its first word a family name of the lexicon:
/// title-cased ("Nguyễn Thị Hảo") or in capitals ("NGUYỄN THỊ HẢO", given word-initial
/// capitals), as (byte offset, length as written, name).
fn lone_signer_name(
    core: &str,
    name_rule: &Rule,
    rules: &RuleSet,
) -> Option<(usize, usize, String)> {
    if let Some((at, written, cased)) = name_in_capitals(core, rules) {
        return Some((at, written.len(), cased));
    }
    let m = name_rule.regex.captures(core)?.name("name")?;
    let first = m.as_str().split_whitespace().next()?;
    is_family_name(first, rules).then(|| (m.start(), m.as_str().len(), m.as_str().to_string()))
}

/// A family name of the lexicon, in any case ("Nguyễn", "NGUYỄN", "nguyễn").
fn is_family_name(word: &str, rules: &RuleSet) -> bool {
    let upper = word.to_uppercase();
    rules.surnames.contains(&upper)
}

/// A lone name after the `Nơi nhận` list, when the position line was lost in conversion.
fn signer_name_only(
    lines: &Lines,
    name_rule: &Rule,
    noi_nhan: Option<usize>,
) -> Option<Value<Signer>> {
    let n = noi_nhan?;
    let mut i = n + 1;
    while i < lines.len()
        && (lines.is_blank(i) || is_list_item(lines.raw(i).trim_start_matches(['*', '_'])))
    {
        i += 1;
    }
    let first = (i..lines.len()).find(|&k| !lines.is_blank(k))?;
    let caps = name_rule.regex.captures(lines.core(first))?;
    let m = caps.name("name")?;
    let base = lines.lines[first].core_start;
    let span = Span::new(base + m.start(), base + m.end());
    Some(Value::new(
        Signer {
            name: Some(m.as_str().to_string()),
            title: None,
            authority: None,
            authority_code: None,
            office: None,
        },
        m.as_str(),
        span,
        0.6,
        "signer.name_after_copy_list",
    ))
}

/// A short line that opens with the name of a kind of agency ("Bộ tài chính", "Ban chỉ
/// đạo …"), in any case, with no digits and no sentence punctuation at its end.
fn is_agency_name_line(core: &str, rules: &RuleSet) -> bool {
    let words = core.split_whitespace().count();
    (1..=12).contains(&words)
        && !core.chars().any(|c| c.is_ascii_digit())
        && !core.trim_end().ends_with([':', ';', ',', '.'])
        && (opens_with_agency_head(core) || super::agencies::starts_with_kind(core, rules))
}

/// Whether a line opens with a word of [`AGENCY_HEADS`] as a whole word: "TỔ CÔNG TÁC",
/// never "TỔNG HỢP …" (a table's title), which only starts with the letters of "TỔ".
fn opens_with_agency_head(core: &str) -> bool {
    let upper = core.to_uppercase();
    AGENCY_HEADS.iter().any(|h| {
        upper
            .strip_prefix(h)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

/// Where the national name or motto (rule `issuer.motto`: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
/// NAM", "Độc lập - Tự do - Hạnh phúc", any case, spacing and dash) starts in a line, when
/// it stands at the line's start or as a second column.
fn motto_position(line: &str, rules: &RuleSet) -> Option<usize> {
    let rule = rules
        .for_field("document.issuer")
        .find(|r| r.id == "issuer.motto")?;
    rule.regex.captures_iter(line).find_map(|caps| {
        let m = caps.get(0)?;
        let p = m.start();
        // The Youth Union's name opening a line is its parent body's line, not a motto.
        if p == 0 {
            return caps.name("national").map(|_| 0);
        }
        let squeezed_gap_allowed = caps.name("national").is_some();
        let before = &line[..p];
        let gap = is_column_gap(before, m.as_str(), squeezed_gap_allowed)
            || (squeezed_gap_allowed && is_squeezed_gap_in_small_letters(before, line, m, rules));
        gap.then_some(p)
    })
}

/// Words that end the national name or the motto.
const MOTTO_TAIL: [&str; 6] = ["hạnh", "phúc", "chủ", "nghĩa", "việt", "nam"];

/// Whether the text holds only words that end the national name or the motto (none at
/// all included).
fn is_motto_tail(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| MOTTO_TAIL.contains(&w.to_lowercase().as_str()))
}

/// Whether a single space before the national name or motto is a column gap that a PDF
/// text layer squeezed: an agency's whole name before it ("bộ tài chính cộng hoà xã hội
/// …", a header whose H-font capitals were lost), or a few words in small letters
/// continuing the agency column, with the motto capitalised and ending the line ("việt
/// nam Độc lập - Tự do - Hạnh phúc"), never a sentence that goes on past it.
fn is_squeezed_gap_in_small_letters(
    before: &str,
    line: &str,
    motto: regex::Match,
    rules: &RuleSet,
) -> bool {
    let trimmed = before.trim_end();
    if !before.ends_with(' ') || trimmed.is_empty() {
        return false;
    }
    if is_agency_name_line(trimmed, rules) {
        return true;
    }
    let tail_only = is_motto_tail(&line[motto.end()..]);
    let column_words = trimmed.split_whitespace().count() <= 4
        && !trimmed.contains(char::is_uppercase)
        && !trimmed.ends_with([',', '.', ';', ':']);
    column_words && motto.as_str().starts_with(char::is_uppercase) && tail_only
}

/// Whether the text `before` a motto ends in a gap between two header columns: a tab, two
/// spaces or a table's `|`; or, with `squeezed` (the national name and motto, never part
/// of an agency's name as the Youth Union's is: "BCH ĐOÀN TNCS HỒ CHÍ MINH"), a single
/// space when converters squeezed the gap, where the text before is in capitals (an
/// agency's name, never a sentence) or the motto is, and no "nước" stands before it ("…
/// NƯỚC CỘNG HÒA XÃ HỘI …" names the state in a title).
fn is_column_gap(before: &str, motto: &str, squeezed: bool) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t']);
    if before.ends_with('\t') || before.ends_with("  ") || trimmed.ends_with('|') {
        return true;
    }
    let names_the_state = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.to_lowercase() == "nước");
    squeezed
        && before.ends_with(' ')
        && !names_the_state
        && (in_capitals(trimmed) || in_capitals(motto))
}

/// Letters, and none in small case: an agency's or a motto's line, never a sentence.
fn in_capitals(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

/// Words that open the name of an agency; a header line starting otherwise continues
/// the agency above it ("SỞ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI").
const AGENCY_HEADS: &[&str] = &[
    "UBND",
    "ỦY BAN",
    "UỶ BAN",
    "HĐND",
    "HỘI ĐỒNG",
    "SỞ",
    "BỘ",
    "BAN",
    "CHI CỤC",
    "CỤC",
    "TỔNG CỤC",
    "VỤ",
    "VIỆN",
    "VĂN PHÒNG",
    "PHÒNG",
    "TRUNG TÂM",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "CÔNG AN",
    "THANH TRA",
    "KHO BẠC",
    "NGÂN HÀNG",
    "TÒA ÁN",
    "TOÀ ÁN",
    "VIỆN KIỂM SÁT",
    "CHÍNH PHỦ",
    "THỦ TƯỚNG",
    "QUỐC HỘI",
    "ĐẢNG ỦY",
    "ĐẢNG BỘ",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "HUYỆN ỦY",
    "MẶT TRẬN",
    "ĐOÀN",
    "HỘI",
    "LIÊN ĐOÀN",
    "CƠ SỞ",
    "BỘ CHỈ HUY",
    "CÔNG TY",
    "TẬP ĐOÀN",
    "TỔNG CÔNG TY",
    "ĐẠI HỌC",
    "HỌC VIỆN",
    "TÒA",
    "TỔ",
];

/// The first urgency or secrecy mark on a line of its own above `end`, in lower case.
fn urgency(lines: &Lines, rules: &RuleSet, end: usize) -> Option<Value<String>> {
    let rule = rules.for_field("document.urgency").next()?;
    (0..end.min(lines.len())).find_map(|i| {
        let l = &lines.lines[i];
        let m = rule.regex.captures(lines.core(i))?.name("mark")?;
        let span = Span::new(l.core_start + m.start(), l.core_start + m.end());
        let value = squash_spaces(&m.as_str().to_lowercase()).replace("hoả", "hỏa");
        Some(Value::new(
            value,
            &lines.text[span.range()],
            span,
            rule.confidence,
            &rule.id,
        ))
    })
}

/// "Phụ lục II", "PHỤ LỤC 1", "Phụ lục kèm theo …" (the line lower-cased).
fn is_annex_heading(lower: &str) -> bool {
    lower
        .trim_start_matches(['*', '_', '#', ' '])
        .strip_prefix("phụ lục")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '.', '*', '_']))
}

fn is_urgency_mark(core: &str, rules: &RuleSet) -> bool {
    rules
        .for_field("document.urgency")
        .any(|r| r.regex.is_match(core))
}

/// Where the header's number stands after a column gap on an agency's line ("TỈNH PHÚ
/// THỌ  Số: 45/MTTQ-BTT", older layouts that put the number beside the agency's name).
fn number_beside(core: &str) -> Option<usize> {
    core.match_indices(['S'])
        .map(|(p, _)| p)
        .filter(|&p| p > 0)
        .find(|&p| {
            let before = &core[..p];
            let rest = &core[p..];
            let opens_number = ["Số", "SỐ"].iter().any(|so| {
                rest.strip_prefix(so).is_some_and(|after| {
                    after
                        .trim_start()
                        .starts_with(|c: char| c == ':' || c.is_ascii_digit())
                })
            });
            opens_number
                && (before.ends_with('\t') || before.ends_with("  "))
                && !before.trim().is_empty()
        })
}

/// Words that open the title of a document, a table or a form in capitals, never an
/// agency's name.
const TITLE_HEADS: &[&str] = &[
    "BÁO CÁO",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "THÔNG BÁO",
    "TỜ TRÌNH",
    "CHỈ THỊ",
    "HƯỚNG DẪN",
    "BIÊN BẢN",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "BẢNG",
    "BIỂU",
    "DANH SÁCH",
    "DANH MỤC",
    "TỔNG HỢP",
    "DỰ TOÁN",
    "QUYẾT TOÁN",
    "CÂN ĐỐI",
    "TỜ KHAI",
    "ĐƠN",
    "GIẤY",
    "PHIẾU",
    "LÝ LỊCH",
    "MẪU",
];

/// Whether a header line in capitals opens with a word of [`TITLE_HEADS`]: `Some(true)`
/// for a form's or a table's code ("BIỂU SỐ 02", "MẪU B01-H": the word, then "SỐ" or a
/// code with a digit), `Some(false)` for a title.
fn title_head(line: &str) -> Option<bool> {
    let upper = line.to_uppercase();
    let rest = TITLE_HEADS.iter().find_map(|h| {
        upper
            .strip_prefix(h)
            .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })?;
    let next = rest.split_whitespace().next().unwrap_or("");
    Some(next.starts_with("SỐ") || next.chars().any(|c| c.is_ascii_digit()))
}

/// A joint act's symbol ("29/2008/TTLT-BTC-BLĐTBXH", "NQLT"): its bodies issue it together.
fn is_joint_symbol(symbol: &str) -> bool {
    symbol
        .split(['-', '/'])
        .next()
        .is_some_and(|code| code.chars().count() >= 3 && code.ends_with("LT"))
}

/// The issuing agency from the header's top-left lines, read from the top down to
/// `scan_end` (the place-and-date line or the title). In a joint act (`joint`: its symbol
/// says so), or where one line names two bodies of one kind ("BỘ TÀI CHÍNH - BỘ NỘI VỤ"),
/// the bodies are co-issuers, not a parent and its agency: the name is theirs joined, the
/// agency the first's (the lead body, which the symbol names first).
fn issuer(
    lines: &Lines,
    rules: &RuleSet,
    scan_end: usize,
    doc_date: Option<&PartialDate>,
    joint: bool,
) -> Option<Value<Issuer>> {
    let rule = rules
        .for_field("document.issuer")
        .find(|r| r.id == "issuer.header_line")?;
    // Each unit: its name, span, and whether it issues together with the one before.
    let mut units: Vec<(String, Span, bool)> = Vec::new();
    let mut first_span: Option<Span> = None;
    let mut last_end = 0;
    let mut last_taken: Option<usize> = None;
    let mut motto_seen = false;
    let mut motto_row: Option<usize> = None;
    let first_line = (0..lines.len()).find(|&i| !lines.is_blank(i));
    let starts_unit =
        |t: &str| opens_with_agency_head(t) || super::agencies::starts_with_kind(t, rules);
    for i in 0..scan_end {
        if lines.is_blank(i) {
            continue;
        }
        let l = lines.lines[i];
        let mut core = lines.core(i);
        // Two header columns flattened onto one line: the agency is left of the motto,
        // and is taken whatever its case (H-font capitals often lose theirs).
        let beside_motto = motto_position(core, rules);
        if let Some(pos) = beside_motto {
            core = core[..pos].trim_end_matches([' ', '\t', '|']);
            // A banner above the header's first row ("VĂN BẢN QUY PHẠM PHÁP LUẬT") is no
            // parent body: the agency column starts on the motto's row unless a body is
            // named above it.
            if !motto_seen && units.first().is_some_and(|u| !starts_unit(&u.0)) {
                units.clear();
                first_span = None;
            }
            motto_seen = true;
            motto_row = Some(i);
        } else if motto_row.is_some_and(|m| m + 1 == i)
            && core.chars().any(char::is_alphabetic)
            && is_motto_tail(core)
        {
            // The national name wrapped in its table cell ("… CHỦ NGHĨA VIỆT" / "NAM"): a
            // word processor's PDF gives the cell's lines one after the other.
            continue;
        }
        // The rule under the motto, flattened beside the agency ("HUYỆN ỦY PHÙ CÁT
        // -----"), is the right column's.
        if let Some(pos) = rule_column_at_end(core) {
            core = core[..pos].trim_end();
        }
        // The number after a gap on the agency's line: the agency ends there, and so does
        // the agency column.
        let number_here = number_beside(core);
        if let Some(pos) = number_here {
            core = core[..pos].trim_end();
        }
        let lower = core.to_lowercase();
        // A form's slot for the agency ("TÊN CƠ QUAN, ĐƠN VỊ", "Tên đơn vị:", "……")
        // names none: whoever fills the form writes it.
        let form_slot =
            lower.starts_with("tên ") || core.chars().all(|c| "-–—_=.…*:~ ".contains(c));
        if lower.starts_with("độc lập") || lower.starts_with("số") || form_slot {
            if lower.starts_with("số") {
                break;
            }
            continue;
        }
        if core.is_empty() || is_urgency_mark(core, rules) {
            continue;
        }
        // An annex on its own ("Phụ lục II" over "DANH MỤC CÔNG TRÌNH …"): the capitals
        // below its heading are its title, not an agency.
        if units.is_empty() && beside_motto.is_none() && is_annex_heading(&lower) {
            break;
        }
        let matched = rule.regex.captures(core).and_then(|c| c.name("line"));
        // The document's first line naming an agency is its issuer whatever its case
        // (H-font capitals lose theirs when converted: "Bộ tài chính", "Chính phủ").
        let agency_first_line =
            units.is_empty() && first_line == Some(i) && is_agency_name_line(core, rules);
        // Right below an agency's line, a line naming another body, or one going on with
        // "và …", is the agency column's whatever its case ("Bộ Tài chính" / "Tổng cục
        // Thuế", "Bộ nông nghiệp" / "và phát triển nông thôn").
        let continues_column = last_taken.is_some_and(|t| t + 1 == i)
            && (is_agency_name_line(core, rules)
                || (lower.starts_with("và ") && !core.trim_end().ends_with(['.', ';', ':'])));
        let (txt, m_start, m_end) = match (matched, beside_motto) {
            (Some(m), _) => (m.as_str().trim(), m.start(), m.end()),
            (None, Some(_)) if core.chars().any(char::is_alphabetic) => (core, 0, core.len()),
            (None, None) if agency_first_line || continues_column => (core, 0, core.len()),
            _ => {
                if units.is_empty() {
                    continue;
                }
                break;
            }
        };
        // No agency's name ends with a comma or semicolon: one there was typed before the
        // motto's column, or put back by the restorer into the gap.
        let trimmed = txt.trim_end_matches([',', ';']).trim_end();
        let m_end = m_end - (txt.len() - trimmed.len());
        let txt = trimmed;
        // Title lines are not agencies.
        if rules
            .doc_types
            .iter()
            .any(|t| t.titles.iter().any(|x| x == txt))
        {
            break;
        }
        // Nor is a form's code above the agency ("BIỂU SỐ 02", "MẪU B01-H"), nor a title of
        // a document, a table or a form ("BÁO CÁO KẾT QUẢ …", "BẢNG CÂN ĐỐI TÀI KHOẢN"),
        // below which the agency column has ended.
        match title_head(txt) {
            Some(true) => continue,
            Some(false) => break,
            None => {}
        }
        // A lone code or table heading ("STT", "B1-2-TMDA") is not an agency.
        if units.is_empty() && beside_motto.is_none() && !is_agency_name_line(txt, rules) {
            let words = txt.split_whitespace().filter(|w| {
                w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(|c| c.is_ascii_digit())
            });
            if words.count() < 2 {
                continue;
            }
        }
        let txt_joined = squash_spaces(txt);
        let txt = txt_joined.as_str();
        // An agency's name wraps onto the very next line; a line of capitals after a blank
        // line that names no body of its own is the next part (a spreadsheet's title in
        // its title block: "SỞ NÔNG NGHIỆP VÀ PTNT" / "" / "BÁO CÁO KẾT QUẢ …").
        let after_blank = last_taken.is_some_and(|t| (t + 1..i).any(|k| lines.is_blank(k)));
        if after_blank && !starts_unit(txt) {
            break;
        }
        // One word right below the agency's line is the end of its wrapped name ("SỞ TÀI
        // NGUYÊN VÀ MÔI" / "TRƯỜNG"), even a word that could open a unit's name: a unit is
        // never named by its kind alone.
        let wrapped_word =
            last_taken.is_some_and(|t| t + 1 == i) && txt.split_whitespace().count() == 1;
        let span = Span::new(l.core_start + m_start, l.core_start + m_end);
        first_span.get_or_insert(span);
        last_end = span.end;
        last_taken = Some(i);
        // "UBND HUYỆN CHÂU THÀNH - PHÒNG GIÁO DỤC VÀ ĐÀO TẠO": a parent body and its agency
        // on one line, split where a dash stands between two agency names ("SỞ GIÁO DỤC -
        // ĐÀO TẠO" and "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" stay whole).
        let mut pieces = vec![txt];
        while let Some((head, tail)) = pieces.last().and_then(|t| {
            t.match_indices([' '])
                .filter_map(|(i, _)| {
                    let rest = t[i..].trim_start();
                    let rest = rest.strip_prefix(['-', '–'])?;
                    Some((t[..i].trim_end(), rest.trim_start()))
                })
                .find(|(head, tail)| starts_unit(head) && starts_unit(tail))
        }) {
            pieces.pop();
            pieces.push(head);
            pieces.push(tail);
        }
        let kind_of =
            |t: &str| super::agencies::normalize(t, None, rules, doc_date).map(|a| a.kind);
        for (k, txt) in pieces.iter().enumerate() {
            match units.last_mut() {
                Some(last) if k == 0 && (wrapped_word || !starts_unit(txt)) => {
                    last.0.push(' ');
                    last.0.push_str(txt);
                    last.1.end = span.end;
                }
                _ => {
                    // Two bodies of one kind dashed on one line issue together.
                    let same_kind_as_before =
                        k > 0 && kind_of(pieces[k - 1]).is_some_and(|a| Some(a) == kind_of(txt));
                    units.push((txt.to_string(), span, same_kind_as_before));
                }
            }
        }
        if number_here.is_some() {
            break;
        }
    }
    let first = first_span?;
    let span = Span::new(first.start, last_end);
    let unit_names: Vec<String> = units.iter().map(|u| u.0.clone()).collect();
    let mut agencies = super::agencies::normalize_chain(&unit_names, rules, doc_date, &[]);
    // The co-issuers at the foot of the column: all its bodies in a joint act.
    let co_from = if joint && units.len() > 1 {
        0
    } else {
        let mut from = units.len().checked_sub(1)?;
        while from > 0 && units[from].2 {
            from -= 1;
        }
        from
    };
    let (name, agency, parent_at) = if co_from + 1 < units.len() {
        let name = unit_names[co_from..].join(" - ");
        let lead = agencies.get(co_from).cloned().flatten();
        (name, lead, co_from.checked_sub(1))
    } else {
        let name = units.last()?.0.clone();
        (name, agencies.pop().flatten(), units.len().checked_sub(2))
    };
    let parent = parent_at.map(|p| {
        units[..=p]
            .iter()
            .map(|u| u.0.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    });
    let parent_agency = parent_at.and_then(|p| agencies.get(p).cloned().flatten());
    Some(Value::new(
        Issuer {
            lines: unit_names,
            name,
            parent,
            agency,
            parent_agency,
        },
        &lines.text[span.range()],
        span,
        rule.confidence,
        &rule.id,
    ))
}

//! Legal references in the body (extract stage): "Kế hoạch số 12/KH-UBND ngày 08/02/2021
//! của Ủy ban nhân dân tỉnh … về …", "Nghị định 111/2013/NĐ-CP", a number with thousands
//! and a symbol broken by stray spaces ("Công văn số 4.207 /STN MT-QLĐĐ"), laws by name
//! ("Luật Đất đai năm 2013") and lists sharing one kind ("Nghị định số 111/2013/NĐ-CP và
//! 221/2013/NĐ-CP"). Patterns are in `rules/references.toml`; this module reads their
//! groups, then looks right after each match for a date, an issuing body and a title. It
//! does not check the references against anything (validation does).

use super::dates::date_at_start;
use super::matching::{char_before, clip, match_at_start, squash_spaces, tail};
use super::Reference;
use crate::document::{PartialDate, Value};
use crate::rules::{Rule, RuleSet};

/// Words that cannot open a law's name ("Luật này", "Luật số …", "luật và …").
const NOT_A_LAW_NAME: &[&str] = &[
    "này", "số", "và", "của", "các", "theo", "đã", "được", "có", "mới", "định", "pháp", "sư",
    "hiện", "trên", "khác", "liên", "nói", "chung", "quy", "cũng", "thì", "sửa",
];

/// Words that end a law's name written without a year ("Luật Đầu tư tại …" → "Đầu tư").
const LAW_NAME_STOP: &[&str] = &[
    "về", "và", "của", "theo", "đã", "được", "này", "năm", "để", "trong", "tại", "có", "thì",
    "các", "cho", "nhằm", "đối", "với", "hiện", "số", "ngày", "là", "sẽ", "đang", "như", "khi",
    "Luật", "sửa",
];

/// Two-word verbs that end a law's name ("Luật Đất đai quy định …", "… hướng dẫn thi
/// hành"); their first word alone does not, since names contain it ("Luật Ban hành văn bản
/// quy phạm pháp luật", "Luật Quy hoạch đô thị").
const LAW_NAME_STOP_PAIRS: &[(&str, &str)] = &[("quy", "định"), ("hướng", "dẫn"), ("thi", "hành")];

/// Longest title kept, in bytes.
const MAX_TITLE: usize = 600;

struct Found {
    start: usize,
    end: usize,
    /// Byte range of a "về …" title, which may run over later references of a list.
    title_span: Option<(usize, usize)>,
    value: Reference,
    confidence: f32,
    rule: String,
}

pub fn extract(text: &str, rules: &RuleSet) -> Vec<Value<Reference>> {
    let mut found: Vec<Found> = Vec::new();
    for rule in rules.for_field("reference") {
        let mut pos = 0;
        while pos < text.len() {
            let Some(caps) = rule.regex.captures_at(text, pos) else {
                break;
            };
            let Some(m) = caps.get(0) else { break };
            match reference_from(text, rules, rule, &caps) {
                Some(items) => {
                    // Resume after what was used: a law name cut short frees the rest.
                    let used = items.iter().map(core_end).max().unwrap_or(m.end());
                    pos = used.max(pos + 1);
                    found.extend(items);
                }
                None => pos = m.start() + 1,
            }
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
    // Overlaps: a numbered reference beats a law name found inside it; earlier rules win.
    found.sort_by_key(|f| f.start);
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        let core_overlaps = kept
            .iter()
            .any(|k| f.start < core_end(k) && k.start < core_end(&f));
        if !core_overlaps {
            kept.push(f);
        }
    }
    // Titles end where the next reference of a list begins.
    shorten_to_known_names(text, &mut kept);
    // Only a numbered act or a law with its year ends a title; a bare law name inside a
    // title ("… của Luật Phòng, chống ma túy, Luật Xử lý …") belongs to it.
    let starts: Vec<usize> = kept
        .iter()
        .filter(|k| k.value.number.is_some() || k.value.year.is_some())
        .map(|k| k.start)
        .collect();
    let mut out = Vec::new();
    for f in kept {
        let mut value = f.value;
        let mut end = f.end;
        if let Some((t_start, t_end)) = f.title_span {
            let t_len = t_end - t_start;
            let cut = starts
                .iter()
                .copied()
                .find(|&s| s > t_start && s < t_start + t_len && list_break_before(text, s))
                .map_or(t_len, |s| s - t_start);
            let mut t = trim_title(&text[t_start..t_start + cut]);
            // Cut where the next act of a list starts: the "và" that joins them is no
            // part of the title ("… bảo trợ xã hội và Công văn số …").
            if cut < t_len {
                t = trim_title(without_list_joiner(t));
            }
            end = t_start + t.len();
            value.title =
                (!t.is_empty()).then(|| squash_spaces(&super::matching::without_note_markers(t)));
            if value.title.is_none() {
                end = t_start;
            }
            // An amending law's date follows its whole title, and stays in its span.
            if cut == t_len && f.end > t_end {
                end = f.end;
            }
        }
        let end = trim_end_ws(text, f.start, end);
        out.push(Value::new(
            value,
            &text[f.start..end],
            (f.start..end).into(),
            f.confidence,
            &f.rule,
        ));
    }
    out
}

/// Whether the word before `at` names a form, a template or a table ("Mẫu", "Biểu",
/// "Bảng", "Phụ lục"): the number after it is the form's code.
fn names_a_form_before(text: &str, at: usize) -> bool {
    let before = tail(&text[..at], 20).trim_end().to_lowercase();
    ["mẫu", "biểu", "bảng", "phụ lục"].iter().any(|w| {
        before
            .strip_suffix(w)
            .is_some_and(|head| !head.ends_with(char::is_alphanumeric))
    })
}

/// A law name read without a year can run on into the sentence ("Pháp lệnh Cán bộ, công
/// chức, làm việc tại …"); when the same document names a law of the same kind by a
/// shorter name that starts it, the shorter name is the law's.
fn shorten_to_known_names(text: &str, found: &mut [Found]) {
    let names: Vec<(String, String)> = found
        .iter()
        .filter(|f| f.value.number.is_none())
        .filter_map(|f| Some((f.value.kind.clone(), f.value.title.clone()?)))
        .collect();
    for f in found
        .iter_mut()
        .filter(|f| f.value.number.is_none() && f.value.year.is_none())
    {
        let Some(title) = f.value.title.clone() else {
            continue;
        };
        let shorter = names
            .iter()
            .filter(|(k, n)| *k == f.value.kind && n.len() < title.len())
            .filter(|(_, n)| {
                title.starts_with(n.as_str()) && title[n.len()..].starts_with([',', ' '])
            })
            .map(|(_, n)| n)
            .min_by_key(|n| n.len());
        if let Some(n) = shorter {
            // The title had its spaces squashed, so the cut is counted in the chars that
            // are not spaces, which the source span has too.
            let dropped = title[n.len()..]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            f.end = end_without_last(text, f.start, f.end, dropped);
            f.value.title = Some(n.clone());
        }
    }
}

/// Where the span `start..end` of `text` ends once its last `dropped` chars that are not
/// spaces are left out (with the spaces among them).
fn end_without_last(text: &str, start: usize, end: usize, dropped: usize) -> usize {
    let mut left = dropped;
    let mut cut = end;
    for (i, c) in text[start..end].char_indices().rev() {
        if left == 0 {
            break;
        }
        left -= usize::from(!c.is_whitespace());
        cut = start + i;
    }
    cut
}

/// End of the part of a reference that identifies it (kind and number or name), without
/// issuer and title, which may hold other references.
fn core_end(f: &Found) -> usize {
    f.title_span.map_or(f.end, |(s, _)| s)
}

/// `s` is preceded by a list separator (",", ";", "và"), so a title running over it ends.
fn list_break_before(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end();
    before.ends_with(',')
        || before.ends_with(';')
        || before.ends_with(" và")
        || before.ends_with(" và các")
}

/// A title cut before the next act of a list, without the "và" / "và các" that joins
/// them.
fn without_list_joiner(t: &str) -> &str {
    let trimmed = t.trim_end();
    for joiner in [" và các", " và"] {
        if let Some(rest) = trimmed.strip_suffix(joiner) {
            return rest;
        }
    }
    t
}

fn trim_title(t: &str) -> &str {
    t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '*' | '_'))
        .trim_start()
}

fn trim_end_ws(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// Builds the reference(s) of one match: the act, then a list of further numbers, a date,
/// an issuing body and a title, each only where the text continues with one.
fn reference_from(
    text: &str,
    rules: &RuleSet,
    rule: &Rule,
    caps: &regex::Captures,
) -> Option<Vec<Found>> {
    let m = caps.get(0)?;
    let start = m.start();
    if char_before(text, start).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let kind_written = caps.name("kind").map(|k| squash_spaces(k.as_str()));
    // "Mẫu số 03/BC-LĐ", "Biểu số 02/DT-NS": a form's or a table's code, whose symbol may
    // look like a report's, is no act the text cites.
    if kind_written.is_none() && names_a_form_before(text, start) {
        return None;
    }
    let symbol = ["symbol", "symbol_dash", "symbol_glued"]
        .iter()
        .find_map(|n| caps.name(n));
    let mut items: Vec<(usize, usize, Reference)> = Vec::new();
    let mut end;
    if let (Some(serial), Some(symbol)) = (caps.name("serial"), symbol) {
        let (symbol_text, trimmed) = clean_symbol(symbol.as_str());
        end = symbol.end() - trimmed;
        let (kind, label) = kind_of(rules, kind_written.as_deref(), &symbol_text)?;
        let year = caps.name("year").and_then(|y| y.as_str().parse().ok());
        let sep = match symbol.start() == serial.end() {
            true => "",
            false if caps.name("symbol").is_some() => "/",
            false => "-",
        };
        let mut first = numbered(kind, label, serial.as_str(), year, &symbol_text, sep);
        // "Luật Đấu thầu số 22/2023/QH15": the law's name is its title.
        first.title = caps.name("law_name").map(|n| squash_spaces(n.as_str()));
        items.push((start, end, first));
        // Further numbers of the same kind, each with its own date.
        loop {
            if let Some((d_end, date)) = date_at_start(clip(&text[end..], 80), rules) {
                let last = &mut items.last_mut()?.2;
                last.year = last.year.or(date.as_ref().map(|d| d.year));
                last.date = date;
                end += d_end;
                items.last_mut()?.1 = end;
            }
            // "số 1440/CP-KTTH ngày … của Chính phủ và số 2687/…": an issuer per item.
            if let Some(c) = match_at_start(clip(&text[end..], 200), rules, "reference.issuer") {
                let after = end + c.end;
                let list_follows = match_at_start(
                    clip(&text[after_issuer(&c, end)..], 160),
                    rules,
                    "reference.list",
                )
                .is_some();
                if let (true, Some(g)) = (list_follows, c.caps.name("issuer")) {
                    let name = g.as_str().trim_end();
                    items.last_mut()?.2.issuer = Some(squash_spaces(name));
                    end += g.start() + name.len();
                    items.last_mut()?.1 = end;
                }
                let _ = after;
            }
            let Some(next) = match_at_start(clip(&text[end..], 160), rules, "reference.list")
            else {
                break;
            };
            let (Some(serial), Some(sym)) = (next.caps.name("serial"), next.caps.name("symbol"))
            else {
                break;
            };
            let (sym_text, trimmed) = clean_symbol(sym.as_str());
            let item_start = end + serial.start();
            let item_end = end + sym.end() - trimmed;
            let year = next.group("year").and_then(|y| y.parse().ok());
            let (kind, label) = (items[0].2.kind.clone(), items[0].2.kind_label.clone());
            items.push((
                item_start,
                item_end,
                numbered(kind, label, serial.as_str(), year, &sym_text, "/"),
            ));
            end = item_end;
        }
    } else if let Some(title) = caps.name("title") {
        let kind_written = kind_written?;
        if rule.id == AMENDING_LAW_RULE {
            return amending_law(text, rules, rule, start, &kind_written, title);
        }
        // "Luật Phòng cháy và chữa cháy ngày 29 tháng 6 năm 2001": up to its date the words
        // are the name, "và" included, as up to a year.
        let dated = caps
            .name("year")
            .is_none()
            .then(|| name_before_date(text, title.start(), title.as_str(), rules))
            .flatten();
        let name = match dated {
            Some(name) => name,
            None => law_name(title.as_str(), caps.name("year").is_some(), rules)?,
        };
        let (kind, label) = kind_of(rules, Some(&kind_written), "")?;
        let mut year = caps.name("year").and_then(|y| y.as_str().parse().ok());
        end = match caps.name("year") {
            Some(y) => y.end(),
            None => title.start() + name.len(),
        };
        // "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001": the date of the law; but in
        // "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B ngày …" the date is the
        // amending law's, not B's.
        let mut date = None;
        if year.is_none() && !inside_amending_title(text, start) {
            if let Some((d_end, d)) = date_at_start(clip(&text[end..], 80), rules) {
                year = d.as_ref().map(|d| d.year);
                date = d;
                end += d_end;
            }
        }
        items.push((
            start,
            end,
            Reference {
                kind,
                kind_label: label,
                number: None,
                serial: None,
                year,
                symbol: None,
                date,
                issuer: None,
                title: Some(squash_spaces(&name)),
            },
        ));
        // A law's name is its title; no issuer or "về" title follows it.
        return Some(finish(items, rule, None, end, None, None));
    } else {
        return None;
    }
    // Issuing body, then title, shared by every item of a list that lacks its own.
    let mut issuer = None;
    if let Some(c) = match_at_start(clip(&text[end..], 200), rules, "reference.issuer") {
        if let Some(g) = c.caps.name("issuer") {
            let name = g.as_str().trim_end();
            if !name.is_empty() {
                issuer = Some(squash_spaces(name));
                end += g.start() + name.len();
            }
        }
    }
    let mut title = None;
    let mut title_span = None;
    if let Some(c) = match_at_start(clip(&text[end..], 60), rules, "reference.title") {
        let t_start = end
            + match (c.caps.name("cue"), c.caps.name("keep")) {
                (Some(cue), _) => c.end.max(cue.end()),
                (None, Some(keep)) => keep.start(),
                _ => c.end,
            };
        let t_end = clause_end(text, t_start, rules);
        if t_end > t_start {
            title = Some(text[t_start..t_end].to_string());
            title_span = Some((t_start, t_end));
            end = t_end;
        }
    }
    Some(finish(items, rule, issuer, end, title, title_span))
}

/// The rule that reads an amending law by its title ("Luật sửa đổi, bổ sung một số điều
/// của Luật …"), whose date follows the laws its title names.
const AMENDING_LAW_RULE: &str = "reference.amending_law";

/// An amending law: its title is everything up to its date, and the laws named in that
/// title stay references of their own (the title is a title span, outside the core).
fn amending_law(
    text: &str,
    rules: &RuleSet,
    rule: &Rule,
    start: usize,
    kind_written: &str,
    title: regex::Match,
) -> Option<Vec<Found>> {
    let (kind, label) = kind_of(rules, Some(kind_written), "")?;
    let name = title.as_str().trim_end_matches([',', ' ']);
    let t_end = title.start() + name.len();
    let (d_end, date) = date_at_start(clip(&text[t_end..], 80), rules)?;
    let reference = Reference {
        kind,
        kind_label: label,
        number: None,
        serial: None,
        year: date.as_ref().map(|d| d.year),
        symbol: None,
        date,
        issuer: None,
        title: None,
    };
    let end = t_end + d_end;
    let title_span = Some((title.start(), t_end));
    Some(finish(
        vec![(start, end, reference)],
        rule,
        None,
        end,
        None,
        title_span,
    ))
}

/// Whether `at` lies in the title of an amending law ("Luật sửa đổi, bổ sung … của Luật A
/// và Luật B"): the clause before it (back to a line end or ";") opens one.
fn inside_amending_title(text: &str, at: usize) -> bool {
    let before = tail(text.get(..at).unwrap_or(""), 400);
    let clause = before.rsplit(['\n', ';']).next().unwrap_or(before);
    let lower = clause.to_lowercase();
    ["luật sửa đổi", "pháp lệnh sửa đổi"]
        .iter()
        .any(|k| lower.contains(k))
}

fn finish(
    items: Vec<(usize, usize, Reference)>,
    rule: &Rule,
    issuer: Option<String>,
    end: usize,
    title: Option<String>,
    title_span: Option<(usize, usize)>,
) -> Vec<Found> {
    let n = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, (s, e, mut r))| {
            if r.issuer.is_none() {
                r.issuer = issuer.clone();
            }
            let last = i + 1 == n;
            // Only the last item of a list carries the title and reaches the end of it.
            if last {
                r.title = r.title.or(title.clone());
            }
            Found {
                start: s,
                end: if last { end } else { e },
                title_span: if last { title_span } else { None },
                value: r,
                confidence: rule.confidence,
                rule: rule.id.clone(),
            }
        })
        .collect()
}

fn numbered(
    kind: String,
    kind_label: String,
    serial: &str,
    year: Option<i32>,
    symbol: &str,
    sep: &str,
) -> Reference {
    let serial_digits: String = serial.chars().filter(|c| c.is_ascii_digit()).collect();
    let number = match year {
        Some(y) => format!("{serial_digits}/{y}/{symbol}"),
        None => format!("{serial_digits}{sep}{symbol}"),
    };
    Reference {
        kind,
        kind_label,
        number: Some(number),
        serial: serial_digits.parse().ok(),
        year,
        symbol: Some(symbol.to_string()),
        date: None,
        issuer: None,
        title: None,
    }
}

/// Symbol without spaces, look-alike letters or a sentence's final dot; also returns how
/// many bytes were trimmed from its end.
fn clean_symbol(raw: &str) -> (String, usize) {
    let trimmed_raw = raw.trim_end_matches(['.', '-', '/', ' ']);
    let cut = raw.len() - trimmed_raw.len();
    let s: String = trimmed_raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Ð' => 'Đ',
            '–' => '-',
            c => c,
        })
        .collect();
    (s, cut)
}

/// Where an issuer match's name ends, in the whole text.
fn after_issuer(c: &super::matching::Candidate, base: usize) -> usize {
    c.caps.name("issuer").map_or(base + c.end, |g| {
        base + g.start() + g.as_str().trim_end().len()
    })
}

/// The kind id and label: from the kind word, else from the code in the symbol.
fn kind_of(rules: &RuleSet, written: Option<&str>, symbol: &str) -> Option<(String, String)> {
    let norm = |s: &str| squash_spaces(s).to_lowercase().replace('ð', "đ");
    if let Some(w) = written {
        let w = norm(w);
        if let Some((_, id)) = rules.act_kinds.iter().find(|(n, _)| norm(n) == w) {
            return Some((id.clone(), label_of(rules, id)));
        }
        if let Some(t) = rules.doc_types.iter().find(|t| norm(&t.label) == w) {
            return Some((t.id.clone(), t.label.clone()));
        }
    }
    // "số 39/KH-UBND", "văn bản số 12/UBND-VP": the symbol's first code.
    let code = symbol.split(['-', '/']).next().unwrap_or("");
    // "QH11", "UBTVQH14": the code followed by the legislature's number.
    let code_only = code.trim_end_matches(|c: char| c.is_ascii_digit());
    if let Some(t) = rules
        .doc_type_by_code(code)
        .or_else(|| rules.doc_type_by_code(code_only))
    {
        return Some((t.id.clone(), label_of(rules, &t.id)));
    }
    match written {
        Some(_) if !symbol.is_empty() => Some(("cong_van".into(), label_of(rules, "cong_van"))),
        _ => None,
    }
}

/// The full Vietnamese label of a kind id (the longest name the lexicon gives it).
fn label_of(rules: &RuleSet, id: &str) -> String {
    rules
        .act_kinds
        .iter()
        .find(|(_, i)| i == id)
        .map(|(n, _)| n.clone())
        .or_else(|| rules.doc_type_by_id(id).map(|t| t.label.clone()))
        .unwrap_or_else(|| id.to_string())
}

/// A law's name that runs up to its date: the words of `title` (at byte `at` of `text`)
/// before a "ngày" that starts a date, when they all read as a name.
fn name_before_date(text: &str, at: usize, title: &str, rules: &RuleSet) -> Option<String> {
    let before = title.rfind(" ngày")?;
    date_at_start(clip(&text[at + before..], 80), rules)?.1?;
    law_name(&title[..before], true, rules)
}

/// A law's name from the words after "Luật", or `None` when they are not a name.
fn law_name(title: &str, has_year: bool, rules: &RuleSet) -> Option<String> {
    // A known title holding "và", "của", … ("Phòng cháy và chữa cháy"): up to a year it
    // must be the whole stretch, without one it is the name however the words go on.
    if let Some(known) = known_law_title(title, rules) {
        let whole = title.trim_end_matches([',', ' ']);
        if !has_year || known.len() == whole.len() {
            return Some(known.to_string());
        }
    }
    let words: Vec<&str> = title.split_whitespace().collect();
    let first = words.first()?.trim_end_matches(',');
    if NOT_A_LAW_NAME.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    if has_year {
        // The whole stretch up to the year must be a name.
        if words.iter().any(|w| {
            let w = w.trim_end_matches(',');
            w == "Luật" || w == "luật" || matches!(w, "của" | "theo" | "này" | "tại" | "về")
        }) {
            return None;
        }
        // "Luật phòng, chống ma túy sửa đổi năm 2021" names the same law, amended.
        let name = title.trim_end_matches([',', ' ']);
        let name = ["sửa đổi, bổ sung", "sửa đổi bổ sung", "sửa đổi"]
            .iter()
            .find_map(|s| name.strip_suffix(s))
            .unwrap_or(name);
        return Some(name.trim_end_matches([',', ' ']).to_string());
    }
    // No year: the name stops at the first function word; two words at least.
    let mut kept: Vec<&str> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches(',');
        // A capitalized word after a comma starts the next item of a list.
        let after_comma = kept.last().is_some_and(|k| k.ends_with(','));
        let next = words.get(k + 1).map(|n| n.trim_end_matches(','));
        let stop_pair = LAW_NAME_STOP_PAIRS
            .iter()
            .any(|&(a, b)| bare == a && next == Some(b));
        if LAW_NAME_STOP.contains(&bare)
            || stop_pair
            || after_comma && bare.starts_with(char::is_uppercase)
        {
            break;
        }
        kept.push(*w);
    }
    if kept.len() < 2 {
        return None;
    }
    // Byte length of the kept prefix in the original title.
    let last = kept.last()?;
    let end = title.find(last).map(|i| i + last.len())?;
    let name = title[..end].trim_end_matches(',');
    Some(name.to_string())
}

/// The start of `title` that is one of the lexicon's law titles (`law_titles`), compared
/// word by word ignoring case, a comma or semicolon after its last word aside.
fn known_law_title<'t>(title: &'t str, rules: &RuleSet) -> Option<&'t str> {
    let words: Vec<(usize, &str)> = title
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - title.as_ptr() as usize, w))
        .collect();
    rules.law_titles.iter().find_map(|known| {
        let want: Vec<&str> = known.split_whitespace().collect();
        if want.len() > words.len() {
            return None;
        }
        let last = want.len() - 1;
        let same = want
            .iter()
            .zip(&words)
            .enumerate()
            .all(|(k, (w, (_, got)))| {
                let got = if k == last {
                    got.trim_end_matches([',', ';'])
                } else {
                    got
                };
                got.to_lowercase() == w.to_lowercase()
            });
        let (at, w) = words[last];
        same.then(|| &title[..at + w.trim_end_matches([',', ';']).len()])
    })
}

/// Bytes after a comma in which `reference.title_stop` must find the clause's subject and
/// verb.
const TITLE_STOP_WINDOW: usize = 200;

/// Where a title that starts at `from` ends: a line end, ";", a sentence-final ".", a ")"
/// closing a bracket opened before it, or a comma where the citing sentence's own clause
/// starts (rule `reference.title_stop`: "Thực hiện Quyết định số … về …, Sở Y tế đề nghị").
fn clause_end(text: &str, from: usize, rules: &RuleSet) -> usize {
    let window = clip(&text[from..], MAX_TITLE);
    let bytes = window.as_bytes();
    let mut depth = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' | b';' => return from + i,
            b'(' => depth += 1,
            b')' => {
                if depth == 0 {
                    return from + i;
                }
                depth -= 1;
            }
            b'.' => {
                let next = bytes.get(i + 1);
                if next.map_or(true, |c| c.is_ascii_whitespace() || *c == b'/') {
                    return from + i;
                }
            }
            b',' if depth == 0 => {
                let rest = clip(&text[from + i..], TITLE_STOP_WINDOW);
                if match_at_start(rest, rules, "reference.title_stop").is_some() {
                    return from + i;
                }
            }
            _ => {}
        }
    }
    from + window.len()
}

/// The date of a reference, for validation.
pub fn date_of(r: &Reference) -> Option<&PartialDate> {
    r.date.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<Value<Reference>> {
        extract(text, &RuleSet::builtin().unwrap())
    }

    #[test]
    fn a_title_ends_where_a_dated_clause_begins() {
        let r = refs("Thực hiện Kế hoạch số 125/KH-UBND ngày 15/3/2022 của UBND tỉnh về đẩy mạnh cấp Giấy chứng nhận lần đầu năm 2022, ngày 10/6/2022 Sở Tài nguyên và Môi trường đã có Công văn số 3560/STNMT-QLĐĐ đề nghị các huyện báo cáo.");
        assert_eq!(
            r[0].value.title.as_deref(),
            Some("đẩy mạnh cấp Giấy chứng nhận lần đầu năm 2022")
        );
        assert_eq!(r[1].value.number.as_deref(), Some("3560/STNMT-QLĐĐ"));
    }

    #[test]
    fn a_symbol_with_a_small_letter_inside() {
        let r = refs("Thực hiện Công văn số 1652/SGDĐT-GDTrH ngày 28/8/2023 của Sở Giáo dục và Đào tạo về hướng dẫn nhiệm vụ năm học.");
        assert_eq!(r[0].value.number.as_deref(), Some("1652/SGDĐT-GDTrH"));
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2023-08-28");
    }

    #[test]
    fn full_reference_with_date_issuer_and_title() {
        let r = refs("Căn cứ Kế hoạch số 39/KH-UBND ngày 08/02/2021 của Ủy ban nhân dân Thành phố Hà Nội về triển khai công tác cai nghiện năm 2021, trong đó có giao nhiệm vụ.");
        assert_eq!(r.len(), 1);
        let v = &r[0].value;
        assert_eq!(v.kind, "ke_hoach");
        assert_eq!(v.number.as_deref(), Some("39/KH-UBND"));
        assert_eq!(v.serial, Some(39));
        assert_eq!(v.date.as_ref().unwrap().iso, "2021-02-08");
        assert_eq!(
            v.issuer.as_deref(),
            Some("Ủy ban nhân dân Thành phố Hà Nội")
        );
        // ", trong đó …" is the citing sentence's own clause, not the plan's title.
        assert_eq!(
            v.title.as_deref(),
            Some("triển khai công tác cai nghiện năm 2021")
        );
        assert!(r[0].raw.starts_with("Kế hoạch số 39"));
        // An issuer merged away in 2025, marked former.
        let r = refs("Quyết định số 12/QĐ-UBND ngày 10/01/2025 của UBND tỉnh Trà Vinh (cũ) về việc giao dự toán ngân sách năm 2025;");
        assert_eq!(r[0].value.issuer.as_deref(), Some("UBND tỉnh Trà Vinh"));
        assert_eq!(
            r[0].value.title.as_deref(),
            Some("giao dự toán ngân sách năm 2025")
        );
    }

    #[test]
    fn number_variants() {
        let r = refs("(Kèm theo Công văn số 1.234 /SGD ĐT-KHTC ngày 12 /10/2021)");
        assert_eq!(r[0].value.number.as_deref(), Some("1234/SGDĐT-KHTC"));
        assert_eq!(r[0].value.serial, Some(1234));
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2021-10-12");
        let r = refs("theo Nghị định 111/2013/NĐ-CP.");
        assert_eq!(r[0].value.number.as_deref(), Some("111/2013/NĐ-CP"));
        assert_eq!(r[0].value.year, Some(2013));
        assert_eq!(r[0].raw, "Nghị định 111/2013/NĐ-CP");
        let r = refs("QĐ số 2232/QĐ-SLĐTBXH và Nghị định số 116/2021/NÐ-CP");
        assert_eq!(r[0].value.kind, "quyet_dinh");
        assert_eq!(r[0].value.kind_label, "Quyết định");
        assert_eq!(r[1].value.symbol.as_deref(), Some("NĐ-CP"));
        let r = refs("Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị về \"Tăng cường\", Luật");
        assert_eq!(r[0].value.number.as_deref(), Some("36-CT/TW"));
        assert_eq!(r[0].value.issuer.as_deref(), Some("Bộ Chính trị"));
    }

    #[test]
    fn party_acts_contracts_and_schemes() {
        let r = refs("Căn cứ Kết luận số 40-KL/TW ngày 18/7/2022 của Bộ Chính trị; Quy định số 08-QĐi/TW ngày 25/10/2018; Hợp đồng kinh tế số 15/2024/HĐKT ngày 02/4/2024; Thông tri số 03-TT/TU; Đề án số 06/ĐA-UBND.");
        let got: Vec<(&str, Option<&str>)> = r
            .iter()
            .map(|x| (x.value.kind.as_str(), x.value.number.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("ket_luan", Some("40-KL/TW")),
                ("quy_dinh", Some("08-QĐi/TW")),
                ("hop_dong", Some("15/2024/HĐKT")),
                ("thong_tri", Some("03-TT/TU")),
                ("de_an", Some("06/ĐA-UBND"))
            ]
        );
        assert_eq!(r[1].value.date.as_ref().map(|d| d.year), Some(2018));
    }

    #[test]
    fn line_break_inside_a_reference() {
        let r = refs("Quyết định số 610/QĐ-\nLĐTBXH ngày 25/5/2021 của Bộ");
        assert_eq!(r[0].value.number.as_deref(), Some("610/QĐ-LĐTBXH"));
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2021-05-25");
    }

    #[test]
    fn lists_share_the_kind() {
        let r = refs("theo Nghị định số 111/2013/NĐ-CP và 221/2013/NĐ-CP của Chính phủ.");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].value.kind, "nghi_dinh");
        assert_eq!(r[1].value.number.as_deref(), Some("221/2013/NĐ-CP"));
        assert_eq!(r[0].value.issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(r[1].value.issuer.as_deref(), Some("Chính phủ"));
    }

    #[test]
    fn laws_by_name() {
        let r = refs("Căn cứ Luật Phòng, chống ma túy năm 2021; Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ quy định chi tiết một số điều của Luật Phòng, chống ma túy, Luật Xử lý vi phạm hành chính về cai nghiện ma túy;");
        let law = &r[0].value;
        assert_eq!(law.kind, "luat");
        assert_eq!(law.title.as_deref(), Some("Phòng, chống ma túy"));
        assert_eq!(law.year, Some(2021));
        let nd = &r[1].value;
        assert_eq!(nd.title.as_deref(), Some("quy định chi tiết một số điều của Luật Phòng, chống ma túy, Luật Xử lý vi phạm hành chính về cai nghiện ma túy"));
        // The laws named inside the decree's title are references too.
        let names: Vec<_> = r.iter().filter_map(|v| v.value.title.clone()).collect();
        assert!(
            names.contains(&"Xử lý vi phạm hành chính".to_string()),
            "{names:?}"
        );
        assert!(refs("theo Luật này và luật pháp hiện hành").is_empty());
    }

    #[test]
    fn a_title_ends_where_the_citing_sentence_s_own_clause_starts() {
        let title = |text: &str| refs(text).first().and_then(|r| r.value.title.clone());
        let cases = [
            ("Thực hiện Quyết định số 45/QĐ-UBND ngày 03/3/2023 của Ủy ban nhân dân tỉnh về việc phòng, chống dịch bệnh, Sở Y tế đề nghị các đơn vị báo cáo kết quả.",
             "phòng, chống dịch bệnh"),
            ("Căn cứ Thông tư số 12/2022/TT-BTC ngày 10/02/2022 về hướng dẫn quản lý hóa đơn, trong đó có quy định về hóa đơn điện tử.",
             "hướng dẫn quản lý hóa đơn"),
            ("Căn cứ Thông tư số 22/2021/TT-BGDĐT ngày 20 tháng 7 năm 2021 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về đánh giá học sinh trung học cơ sở và học sinh trung học phổ thông, Bộ Giáo dục và Đào tạo hướng dẫn các Sở tổ chức kiểm tra như sau:",
             "quy định về đánh giá học sinh trung học cơ sở và học sinh trung học phổ thông"),
            // A ministry's answer: the body, then what it does ("có ý kiến", "trả lời").
            ("Trả lời Công văn số 456/UBND-TH ngày 20/3/2026 của Ủy ban nhân dân tỉnh Lào Cai về việc đề nghị hỗ trợ kinh phí khắc phục hậu quả thiên tai, Bộ Tài chính có ý kiến như sau:",
             "đề nghị hỗ trợ kinh phí khắc phục hậu quả thiên tai"),
            ("Về Công văn số 88/STC-QLNS ngày 02/4/2025 của Sở Tài chính về việc bổ sung dự toán, Kho bạc Nhà nước khu vực VIII trả lời như sau:",
             "bổ sung dự toán"),
            // A comma before a body that is not a clause's subject stays in the title.
            ("Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã hội, Bộ Lao động - Thương binh và Xã hội;",
             "quy định chính sách trợ giúp xã hội, Bộ Lao động - Thương binh và Xã hội"),
            ("theo Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND tỉnh về chức năng của Sở Y tế, Sở Tài chính và các huyện.",
             "chức năng của Sở Y tế, Sở Tài chính và các huyện"),
        ];
        for (text, expected) in cases {
            assert_eq!(title(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn a_law_cited_by_name_and_number_keeps_its_name_as_title() {
        let r = refs("Căn cứ Luật Đấu thầu số 22/2023/QH15 ngày 23 tháng 6 năm 2023;");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].value.number.as_deref(), Some("22/2023/QH15"));
        assert_eq!(r[0].value.title.as_deref(), Some("Đấu thầu"));
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2023-06-23");
        let r = refs("theo Bộ luật dân sự số 33/2005/QH11 của Quốc hội");
        assert_eq!(r[0].value.title.as_deref(), Some("dân sự"));
    }

    #[test]
    fn a_law_name_with_va_runs_to_its_date() {
        let r = refs("Căn cứ Luật Phòng cháy và chữa cháy ngày 29 tháng 6 năm 2001;");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].value.title.as_deref(), Some("Phòng cháy và chữa cháy"));
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2001-06-29");
        // Without a date, "và" still ends the name: it may join two laws.
        let r = refs("theo Luật Đất đai và các văn bản hướng dẫn");
        assert_eq!(r[0].value.title.as_deref(), Some("Đất đai"));
        // A name is no stretch that holds another law or a function word.
        let r = refs("Luật này và Luật Đất đai ngày 29/11/2013");
        assert!(r
            .iter()
            .all(|x| x.value.title.as_deref() != Some("này và Luật Đất đai")));
    }

    #[test]
    fn a_title_ends_at_the_next_reference_of_a_list() {
        let r = refs("Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ quy định chi tiết một số điều, Nghị định số 105/2021/NĐ-CP ngày 04/12/2021 của Chính phủ.");
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].value.title.as_deref(),
            Some("quy định chi tiết một số điều")
        );
        assert_eq!(r[1].value.date.as_ref().unwrap().iso, "2021-12-04");
    }

    #[test]
    fn issuer_between_list_items_and_dated_laws() {
        let r = refs("tại các Công văn số 4830/KTTH ngày 24/9/1997, số 1440/CP-KTTH ngày 07/11/1998 của Chính phủ và số 2687/VPCP-KTTH ngày 15/7/1998 của Văn phòng Chính phủ về chính sách thuế;");
        let n: Vec<_> = r.iter().filter_map(|v| v.value.number.clone()).collect();
        assert_eq!(n, ["4830/KTTH", "1440/CP-KTTH", "2687/VPCP-KTTH"]);
        assert_eq!(r[1].value.issuer.as_deref(), Some("Chính phủ"));
        assert_eq!(r[2].value.issuer.as_deref(), Some("Văn phòng Chính phủ"));
        assert_eq!(r[2].value.date.as_ref().unwrap().iso, "1998-07-15");
        let r = refs("Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001; Pháp lệnh Cán bộ, công chức sửa đổi, bổ sung");
        assert_eq!(r[0].value.title.as_deref(), Some("Tổ chức Chính phủ"));
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2001-12-25");
        assert_eq!(r[1].value.kind, "phap_lenh");
        assert_eq!(r[1].value.title.as_deref(), Some("Cán bộ, công chức"));
        let r = refs("Luật phòng, chống ma túy sửa đổi năm 2021");
        assert_eq!(r[0].value.title.as_deref(), Some("phòng, chống ma túy"));
    }

    #[test]
    fn a_law_cut_to_its_known_name_keeps_a_span_on_char_boundaries() {
        // Text that lost glyphs keeps runs of spaces; the title is read with them squashed,
        // and cutting the source span by the squashed length once landed inside "đ".
        let r = refs(
            "vi phạm Điều 9 Luật Doanh nghiệp đượ  x  l  theo     quy đ nh sau đây: \
             theo Điều 112 Luật Doanh nghiệp.",
        );
        let laws: Vec<(&str, &str)> = r
            .iter()
            .map(|v| (v.value.title.as_deref().unwrap_or(""), v.raw.as_str()))
            .collect();
        assert_eq!(
            laws,
            [
                ("Doanh nghiệp", "Luật Doanh nghiệp"),
                ("Doanh nghiệp", "Luật Doanh nghiệp")
            ]
        );
    }

    #[test]
    fn an_amending_law_takes_the_date_after_the_laws_it_names() {
        let r = refs("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;");
        let got: Vec<(Option<String>, Option<String>)> = r
            .iter()
            .map(|v| {
                (
                    v.value.title.clone(),
                    v.value.date.as_ref().map(|d| d.iso.clone()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương".to_string()),
                    Some("2019-11-22".to_string())
                ),
                (Some("Tổ chức Chính phủ".to_string()), None),
                (Some("Tổ chức chính quyền địa phương".to_string()), None),
            ]
        );
        assert!(r[0].raw.ends_with("năm 2019"), "{}", r[0].raw);
        // A law named with its date outside an amending title keeps it.
        let r = refs("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;");
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2015-06-19");
    }

    #[test]
    fn a_law_name_holding_quy_or_huong_keeps_its_words_and_date() {
        // "quy" ends a name only as "quy định", so "quy phạm" stays in it and the date
        // after the name is found.
        let r = refs("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;");
        assert_eq!(
            r[0].value.title.as_deref(),
            Some("Ban hành văn bản quy phạm pháp luật")
        );
        assert_eq!(r[0].value.date.as_ref().unwrap().iso, "2015-06-22");
        let r = refs("theo Luật Đất đai quy định chi tiết; Luật Thủy lợi hướng dẫn thi hành");
        let names: Vec<_> = r.iter().filter_map(|v| v.value.title.clone()).collect();
        assert_eq!(names, ["Đất đai", "Thủy lợi"]);
    }

    #[test]
    fn a_law_title_holding_va_or_cua_is_kept_whole() {
        // Titles of the lexicon's `law_titles` keep their "và"/"của" without a year; other
        // names still stop there.
        let r = refs(
            "Căn cứ Luật Phòng cháy và chữa cháy; Luật Bảo vệ và phát triển rừng, Luật Đất đai; \
             Luật phòng, chống tác hại của thuốc lá năm 2012; Luật Các tổ chức tín dụng; \
             theo Luật Trẻ em và các văn bản hướng dẫn; Luật Phòng, chống ma túy và Luật Cư trú.",
        );
        let names: Vec<_> = r.iter().filter_map(|v| v.value.title.clone()).collect();
        assert_eq!(
            names,
            [
                "Phòng cháy và chữa cháy",
                "Bảo vệ và phát triển rừng",
                "Đất đai",
                "phòng, chống tác hại của thuốc lá",
                "Các tổ chức tín dụng",
                "Trẻ em",
                "Phòng, chống ma túy",
                "Cư trú"
            ]
        );
        assert_eq!(r[0].raw, "Luật Phòng cháy và chữa cháy");
        assert_eq!(r[3].value.year, Some(2012));
    }

    #[test]
    fn no_reference_in_plain_words() {
        assert!(refs("Kế hoạch năm 2021 đã giao; quyết định của UBND; cơ sở số 2").is_empty());
        assert!(refs("Số: 3471 /SGDĐT-KHTC").is_empty());
    }

    #[test]
    fn a_form_s_code_is_no_reference() {
        // A form's or a table's code reads like a report's number ("BC"), but names the form.
        for text in [
            "Mẫu số 05/BC-TKĐĐ\n(Ban hành kèm theo Thông tư số 9/2004/TT-BTNMT)",
            "Biểu số 02/BC-NS: Quyết toán chi",
            "theo mẫu số 07/BC-TC và Phụ lục số 2/BC-XD",
        ] {
            let r = refs(text);
            assert!(
                r.iter().all(|r| r.value.kind != "bao_cao"),
                "{text}: {:?}",
                r.iter().map(|r| &r.raw).collect::<Vec<_>>()
            );
        }
        // The act that issued the form is still cited, and a report cited by number too.
        assert_eq!(
            refs("Mẫu số 05/BC-TKĐĐ (Ban hành kèm theo Thông tư số 9/2004/TT-BTNMT)")[0]
                .value
                .number
                .as_deref(),
            Some("9/2004/TT-BTNMT")
        );
        assert_eq!(refs("báo cáo theo số 16/BC-UBND")[0].value.kind, "bao_cao");
    }
}

//! Counts, percentages and money in the body (extract stage), in Vietnamese number format
//! ("1.587.000.000", "74,95", "1,5 tỷ"), with what each one counts where the text says:
//! the indicator ("cai nghiện tự nguyện"), the subject (a facility, agency or locality),
//! the period, the role (plan, result, rate) and the total it is a part of ("930 người,
//! trong đó: …", or a "+" item under a "-" item). Patterns and cue words are in
//! `rules/quantities.toml`. Tables are read by `tables`, not here; nothing is checked here.

use super::lines::Lines;
use super::matching::{
    all_matches, char_before, clip, contains_words, full_sentence_around, keep_longest,
    match_at_start, rules_of, sentence_around, squash_spaces, tail, Candidate,
};
use super::number_words::parse_number_words;
use super::numbers::parse_vn_scaled;
use super::{DateMention, Period, Quantity};
use crate::document::Value;
use crate::rules::RuleSet;

/// Lines looked back for the item a list item belongs to (bounds time on long lists).
const MAX_LIST_LOOKBACK: usize = 300;

/// Longest indicator kept, in words.
const MAX_INDICATOR_WORDS: usize = 14;

/// Quantities with no date context (the older entry point).
pub fn extract(text: &str, rules: &RuleSet) -> Vec<Value<Quantity>> {
    extract_with(text, rules, &[], &[], None)
}

/// Quantities, using the dates and periods already found for their period and the
/// document type (a plan's figures are targets unless the text says otherwise).
pub fn extract_with(
    text: &str,
    rules: &RuleSet,
    dates: &[Value<DateMention>],
    periods: &[Value<Period>],
    doc_type: Option<&str>,
) -> Vec<Value<Quantity>> {
    let mut cands = all_matches(text, rules, "quantity");
    cands.extend(all_matches(text, rules, "percent"));
    cands.extend(all_matches(text, rules, "money"));
    let examples = worked_examples(text, rules);
    let cands: Vec<Candidate> = keep_longest(cands)
        .into_iter()
        .filter(|c| !examples.iter().any(|&(s, e)| s <= c.start && c.start < e))
        .filter(|c| !after_unit_statement(text, c.start))
        .filter(|c| {
            !char_before(text, c.start)
                .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '.' | ','))
                && (char_before(text, c.start) != Some('/')
                    || share_before(text, rules, c).is_some()
                    || unit_repeated_before(text, c.start, c.end))
        })
        .collect();
    let lines = Lines::new(text);
    let mut out: Vec<Value<Quantity>> = Vec::new();
    let mut line_of: Vec<usize> = Vec::new();
    for c in &cands {
        let Some(q) = quantity(text, rules, c) else {
            continue;
        };
        // A rate's base ("/100.000 người") is part of the figure before it, no count.
        if out.last().is_some_and(|last| q.span.start < last.span.end) {
            continue;
        }
        // "đạt 1.234/1.500 hộ": the share reached, a part of the whole after the slash.
        if let Some((at, number)) = share_before(text, rules, c) {
            if let Some(v) = super::numbers::parse_vn_number(number) {
                let mut part = q.value.clone();
                // "265,3/425 tỷ đồng": the whole's scale word counts for the part too.
                let written = super::numbers::leading_number(&text[c.start..]);
                let scale = super::numbers::parse_vn_number(written.trim_end_matches(['.', ',']))
                    .filter(|&w| w > 0.0)
                    .map_or(1.0, |w| q.value.value / w);
                part.value = if scale > 1.5 { (v * scale).round() } else { v };
                part.in_words = None;
                line_of.push(lines.line_of(at));
                out.push(Value::new(
                    part,
                    &text[at..at + number.len()],
                    (at..at + number.len()).into(),
                    q.confidence * 0.9,
                    "quantity.share",
                ));
            }
        }
        // "8,0 - 8,5%", "từ 40.000 đến 45.000 tỷ đồng": the lower end of a range shares
        // the upper end's unit; both are bounds.
        if let Some(low) = range_start(text, &q) {
            line_of.push(lines.line_of(low.span.start));
            out.push(low);
        } else if let Some(low) = out.last_mut().filter(|low| percent_range(text, low, &q)) {
            // "từ 5% đến 10%": the lower end carries its own sign.
            low.rule = "quantity.range_start".to_string();
        }
        line_of.push(lines.line_of(c.start));
        out.push(q);
    }
    link_parts(text, rules, &lines, &mut out, &line_of);
    // The share "1.234" of "1.234/1.500 hộ" is a part of the whole after it.
    for k in 0..out.len().saturating_sub(1) {
        if out[k].rule == "quantity.share" {
            out[k].value.part_of = Some(k + 1);
        }
    }
    let outline = Outline::new(&lines);
    for i in 0..out.len() {
        describe(
            text, rules, &lines, &outline, &mut out, &line_of, i, dates, periods, doc_type,
        );
    }
    // "265,3 tỷ đồng/425 tỷ đồng kế hoạch": the figure after the slash is the plan the
    // one before it reached.
    for k in 1..out.len() {
        let (before, after) = (out[k - 1].span, out[k].span);
        let slash_between = text[before.end..after.start].trim() == "/";
        let next = text[after.end..].trim_start().to_lowercase();
        let plan_after = ["kế hoạch", "dự toán", "chỉ tiêu"]
            .iter()
            .any(|w| next.starts_with(w));
        if slash_between && plan_after && out[k - 1].value.unit == out[k].value.unit {
            out[k].value.role = "plan".to_string();
            if out[k - 1].value.role == "other" {
                out[k - 1].value.role = "result".to_string();
            }
        }
    }
    // "128/143 xã đạt chuẩn nông thôn mới": the share and its whole count the same thing,
    // named after the whole (or by a label before the share).
    for k in 0..out.len().saturating_sub(1) {
        if out[k].rule == "quantity.share" {
            let (share, whole) = out.split_at_mut(k + 1);
            let (share, whole) = (&mut share[k].value, &mut whole[0].value);
            if whole.indicator.is_some() {
                share.indicator = whole.indicator.clone();
            } else {
                whole.indicator = share.indicator.clone();
            }
            if whole.subject.is_some() {
                share.subject = whole.subject.clone();
            } else {
                whole.subject = share.subject.clone();
            }
        }
    }
    // A range's upper end is a bound too, and shares the lower end's change and words.
    for k in 1..out.len() {
        if out[k - 1].rule == "quantity.range_start" {
            let (low, up) = out.split_at_mut(k);
            let (low, up) = (&mut low[k - 1].value, &mut up[0].value);
            low.bound = Some("at_least".to_string());
            up.bound = Some("at_most".to_string());
            up.change = up.change.take().or(low.change.clone());
            low.change = low.change.take().or(up.change.clone());
            // "Mở 12 - 15 lớp dạy nghề": the words after the upper end name both ends.
            up.indicator = up.indicator.take().or(low.indicator.clone());
            low.indicator = up.indicator.clone();
            up.subject = up.subject.take().or(low.subject.clone());
            low.subject = up.subject.clone();
        }
    }
    out
}

/// The stretches of `text` that are worked examples (rule `quantity.worked_example`): a
/// guidance letter's "Ví dụ: xã A có 1.200 hộ, trong đó 96 hộ nghèo …" shows how to count,
/// and its figures, read as results of "xã A", would be wrong ones. A line that opens with
/// the cue is the example up to its end, with the next non-blank line when the cue stands
/// alone; a bracket that opens with it ends at its closing bracket (or the line's end).
fn worked_examples(text: &str, rules: &RuleSet) -> Vec<(usize, usize)> {
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |k| at + k);
    let mut out = Vec::new();
    for r in rules_of(rules, "quantity.worked_example") {
        for caps in r.regex.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let end = if caps.name("bracket").is_some() {
                text[m.end()..]
                    .find([')', '\n'])
                    .map_or(text.len(), |k| m.end() + k)
            } else {
                let end = line_end(m.end());
                if text[m.end()..end]
                    .trim_matches(['*', '_', ' ', '\t', '\r'])
                    .is_empty()
                {
                    let next = text[end..]
                        .find(|c: char| !c.is_whitespace())
                        .map_or(text.len(), |k| end + k);
                    line_end(next)
                } else {
                    end
                }
            };
            out.push((m.start(), end));
        }
    }
    out
}

/// "ĐVT: 1000 đồng", "Đơn vị tính: triệu đồng": the unit the figures of a table are
/// written in, no amount of its own.
fn after_unit_statement(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let lead = text[line_start..start]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | '*' | '_' | '|' | ':'))
        .to_lowercase();
    matches!(lead.as_str(), "đvt" | "đơn vị tính" | "đơn vị")
}

/// The unit id and the name of a foreign currency as written ("đô la Mỹ" → USD).
fn foreign_currency(written: &str) -> (&'static str, &'static str) {
    if written.eq_ignore_ascii_case("eur") || written.eq_ignore_ascii_case("euro") {
        ("eur", "EUR")
    } else {
        ("usd", "USD")
    }
}

/// Words that make a scale word the first half of another word: "năm 2025 tỷ lệ hộ nghèo"
/// is a rate, not 2,025 billion đồng.
const SCALE_WORD_COMPOUNDS: &[&str] = &["lệ", "trọng", "giá", "chứng"];

/// Words that make a unit the first half of a position ("chi hội trưởng", "tổ phó").
const UNIT_WORD_POSITIONS: &[&str] = &["trưởng", "phó"];

/// "năm 2000 doanh nghiệp A phát sinh lỗ": a year after "năm" is the sentence's time, not
/// a count of what follows it.
fn is_a_year_after_nam(text: &str, start: usize, digits: &str) -> bool {
    let year = digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.starts_with("19") || digits.starts_with("20"));
    year && word_before(text, start).is_some_and(|w| w == "năm")
}

/// Words a number follows as an ordinal or a label ("đợt 1 vụ Đông Xuân", "Quận 5 có",
/// "tổ 3 hộ"), or as the name of a programme or act ("Đề án 06 xã Mỹ An", "Chương trình 135
/// xã", "Dự án 3 hộ"): the number names which one, it does not count what follows. Not "số"
/// ("tổng số 502 người") nor the parts of an act ("khoản", often "khoảng" mistyped).
const LABEL_WORDS: &[&str] = &[
    "đề án",
    "chương trình",
    "dự án",
    "nghị quyết",
    "chỉ thị",
    "đợt",
    "kỳ",
    "kì",
    "khóa",
    "khoá",
    "giai đoạn",
    "lần thứ",
    "thứ",
    "tầng",
    "tổ",
    "khu",
    "lô",
    "quận",
    "phường",
    "lớp",
    "đội",
    "tuần",
    "phòng",
    "ấp",
    "thôn",
    "xóm",
    "khối",
];

fn is_a_label_number(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let mut words = before.rsplit(char::is_whitespace);
    let (Some(last), second) = (words.next(), words.next()) else {
        return false;
    };
    let last = last.to_lowercase();
    let two = second.map(|w| format!("{} {last}", w.to_lowercase()));
    LABEL_WORDS
        .iter()
        .any(|&w| w == last || two.as_deref() == Some(w))
}

/// Digits glued to a word, or joined to it by a hyphen, are part of a name ("COVID-19 mũi
/// 3", "H5N1", "ASEAN-6"), not a figure; a range's dash has a digit before it ("60-100").
fn is_part_of_a_name(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        Some(ch) if ch.is_alphabetic() => true,
        Some('-') => before.next().is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// The word right before `start`, in lower case.
fn word_before(text: &str, start: usize) -> Option<String> {
    let before = text[..start].trim_end_matches([' ', '\t']);
    before
        .rsplit(char::is_whitespace)
        .next()
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// "1 029 bệnh nhân", "16 900 cơ sở" (thousands grouped by a space, as old Word files and
/// tables extracted from PDFs write them): "029" and "900" are the last group of a number,
/// not a count of its own — reading "900" alone gave a count a thousand times too small. A
/// group with a leading zero is sure to be one; another is one when a single space parts
/// it from a group of one to three digits that opens the number mid-line, right after an
/// opening bracket or after a word that is no year, date, label word or act ("năm 2021 150 người", "đợt 2 150 hộ", "Điều 5 100 người"
/// are counts; so is a list item's "1 500 người" at the start of a line).
fn is_a_spaced_thousands_group(text: &str, start: usize, digits: &str) -> bool {
    let before = &text.as_bytes()[..start];
    if digits.len() != 3
        || before.len() < 2
        || before[before.len() - 1] != b' '
        || !before[before.len() - 2].is_ascii_digit()
    {
        return false;
    }
    if digits.starts_with('0') {
        return true;
    }
    // The group before: one to three digits, no more.
    let head_end = before.len() - 1;
    let head_start = text[..head_end]
        .char_indices()
        .rfind(|&(_, c)| !c.is_ascii_digit())
        .map_or(0, |(k, c)| k + c.len_utf8());
    if head_end - head_start > 3 {
        return false;
    }
    // What precedes the head: a plain space after a word (not a digit, a date's or a
    // code's mark, a line start or a column gap).
    let lead = &text[..head_start];
    let Some(prev) = lead.chars().next_back() else {
        return false;
    };
    // "(208 622 giường)": a bracket opens the number as a word before it does; a list's
    // numbering is written "(1)", never with a group of three digits after it.
    if prev == '(' {
        return true;
    }
    if prev != ' '
        || lead
            .trim_end_matches(' ')
            .ends_with(['\n', '\t', '/', '-', '.', ','])
    {
        return false;
    }
    let line_start = lead.rfind('\n').map_or(0, |k| k + 1);
    if lead[line_start..].trim().is_empty() {
        return false;
    }
    let word = word_before(text, head_start).unwrap_or_default();
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    const NOT_AMOUNT_LEADS: &[&str] = &[
        "năm", "ngày", "tháng", "quý", "điều", "khoản", "điểm", "mục", "chương", "phần", "lúc",
        "giờ", "tuổi", "bảng", "biểu", "mẫu", "lục",
    ];
    !word.is_empty()
        && !word.chars().any(|c| c.is_ascii_digit())
        && !NOT_AMOUNT_LEADS.contains(&word)
        && !is_a_label_number(text, head_start)
}

/// The whole number whose last group, `last`, starts at `at` ("1 029": its start and
/// "1029"), reading back over groups of three digits to a group of one to three that no
/// digit precedes; `None` when the groups do not read as one number.
fn spaced_number_before(text: &str, at: usize, last: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let mut start = at;
    let mut groups = vec![last];
    while start >= 2 && bytes[start - 1] == b' ' && bytes[start - 2].is_ascii_digit() {
        let end = start - 1;
        let mut from = end;
        while from > 0 && bytes[from - 1].is_ascii_digit() && end - from < 3 {
            from -= 1;
        }
        groups.push(&text[from..end]);
        start = from;
        if end - from < 3 {
            break;
        }
    }
    let leading_digit = start > 0 && bytes[start - 1].is_ascii_digit();
    if groups.len() < 2 || leading_digit {
        return None;
    }
    groups.reverse();
    Some((start, groups.concat()))
}

/// The base of a rate per so many people right after a count's unit, in digits without
/// dots, and the base as written: "/100.000 dân" gives ("100000", "100.000 dân").
fn per_population(after: &str) -> Option<(String, &str)> {
    let rest = after.strip_prefix('/')?;
    // "12 bác sĩ/vạn dân", "/nghìn dân": the base in words.
    for (word, base) in [("vạn", "10000"), ("nghìn", "1000"), ("ngàn", "1000")] {
        let Some(tail) = rest.strip_prefix(word) else {
            continue;
        };
        if tail.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        let end = match tail.strip_prefix(' ').filter(|t| t.starts_with("dân")) {
            Some(_) => word.len() + " dân".len(),
            None => word.len(),
        };
        return Some((base.to_string(), &rest[..end]));
    }
    let digits = super::numbers::leading_number(rest);
    let digits = digits.trim_end_matches(['.', ',']);
    // A base is a round hundred, thousand … ("/100.000 dân"); "78 vụ/412 đối tượng" is
    // two counts.
    let plain = digits.replace('.', "");
    let round = plain.len() >= 3 && plain.starts_with('1') && plain[1..].bytes().all(|b| b == b'0');
    if !round {
        return None;
    }
    // The word after the base ("dân"), without the punctuation that ends the clause.
    let after = &rest[digits.len()..];
    let gap = after.len() - after.trim_start().len();
    let word = after[gap..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|ch: char| !ch.is_alphanumeric());
    let end = if word.is_empty() {
        digits.len()
    } else {
        digits.len() + gap + word.len()
    };
    Some((plain, &rest[..end]))
}

fn quantity(text: &str, rules: &RuleSet, c: &Candidate) -> Option<Value<Quantity>> {
    let scale = c
        .group("scale")
        .and_then(super::numbers::scale_of)
        .unwrap_or(1.0);
    // Only a scale word that ends the match can be the first half of a longer word.
    if c.group_range("scale").is_some_and(|(_, end)| end == c.end) {
        let next_word = text[c.end..].split_whitespace().next().unwrap_or("");
        let next_word = next_word.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if SCALE_WORD_COMPOUNDS.contains(&next_word) {
            return None;
        }
    }
    // "1.308 chi hội trưởng", "12 tổ phó": a unit followed by these words names a
    // position held by people, not the units counted.
    if c.rule.field == "quantity" {
        let next_word = text[c.end..].split_whitespace().next().unwrap_or("");
        let next_word = next_word.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if UNIT_WORD_POSITIONS.contains(&next_word) {
            return None;
        }
    }
    let mut digits = c.group("number")?.to_string();
    let mut start = c.start;
    if is_a_year_after_nam(text, c.start, &digits)
        || (c.rule.field == "quantity" && is_a_label_number(text, c.start))
        || is_part_of_a_name(text, c.start)
    {
        return None;
    }
    if is_a_spaced_thousands_group(text, c.start, &digits) {
        (start, digits) = spaced_number_before(text, c.start, &digits)?;
    }
    let number = parse_vn_scaled(&digits, scale)?;
    // A rate per so many people ends after its base ("12 bác sĩ/vạn dân").
    let mut end = c.end;
    let (unit, unit_label, role) = match c.rule.field.as_str() {
        "percent" if text[c.start..c.end].ends_with('%') => {
            ("percent".to_string(), "%".to_string(), "rate")
        }
        // "16,2‰", "3,5 phần nghìn": a rate per thousand, never added to percentages.
        "percent" => ("per_mille".to_string(), "‰".to_string(), "rate"),
        "money" => {
            // A foreign currency keeps its own unit: never added to amounts in đồng.
            let currency = c
                .group("currency")
                .or(c.group("currency_only"))
                .map(foreign_currency);
            let name = currency.map_or("đồng", |(_, name)| name);
            let mut label = match c.group("scale") {
                Some(s) => format!("{s} {name}"),
                None => name.to_string(),
            };
            // An amount per person, household or month is a rate, not a sum of money:
            // its own unit, so it is never added to or compared with amounts.
            let unit = match c.group("per") {
                Some(per) => {
                    let per: Vec<&str> = per.split('/').map(str::trim).collect();
                    label = format!("{label}/{}", per.join("/"));
                    currency.map_or("vnd_per_unit", |(id, _)| match id {
                        "usd" => "usd_per_unit",
                        _ => "eur_per_unit",
                    })
                }
                None => currency.map_or("vnd", |(id, _)| id),
            };
            (unit.to_string(), label, "other")
        }
        _ => {
            let written = c.group("unit")?;
            let id = crate::rules::unit_named(&rules.units, written)
                .map_or("count".to_string(), |u| u.id.clone());
            // "278,1 ca/100.000 dân": a rate per so many people, no count of cases.
            match per_population(&text[c.end..]) {
                Some((per, whole)) => {
                    end = c.end + 1 + whole.len();
                    (
                        format!("{id}_per_{per}"),
                        format!("{written}/{whole}"),
                        "other",
                    )
                }
                None => (id, written.to_string(), "other"),
            }
        }
    };
    let in_words = if c.rule.field == "money" {
        amount_in_words(text, rules, c.end)
    } else {
        None
    };
    Some(Value::new(
        Quantity {
            value: number,
            unit,
            role: role.to_string(),
            indicator: None,
            unit_label,
            subject: None,
            period: None,
            part_of: None,
            in_words,
            change: None,
            bound: None,
        },
        &text[start..end],
        (start..end).into(),
        c.rule.confidence,
        &c.rule.id,
    ))
}

/// The amount spelt out right after a figure ("(Bằng chữ: Hai mươi mốt triệu đồng)"), read
/// so that validation can compare it with the figure; words that spell no number are none.
fn amount_in_words(text: &str, rules: &RuleSet, at: usize) -> Option<Value<f64>> {
    let c = match_at_start(&text[at..], rules, "money.in_words")?;
    let (start, _) = c.group_range("words")?;
    let written = c.group("words")?.trim_end();
    let amount = parse_number_words(written)?;
    let span = (at + start)..(at + start + written.len());
    Some(Value::new(
        amount as f64,
        written,
        span.into(),
        c.rule.confidence,
        &c.rule.id,
    ))
}

/// Nesting level of a line: headings and numbered items low, "-" and "+" items high,
/// plain paragraphs `None`.
/// The list levels of a text's lines, read once: every figure looks up the headings above
/// it, and reading them line by line from each figure made long texts with few headings
/// quadratic.
struct Outline {
    levels: Vec<Option<u32>>,
    /// The lines that can head others (a level below 10: not a bullet), in text order.
    headings: Vec<usize>,
}

impl Outline {
    fn new(lines: &Lines) -> Outline {
        let levels: Vec<Option<u32>> = (0..lines.len()).map(|i| level(lines, i)).collect();
        let headings = (0..levels.len())
            .filter(|&i| levels[i].is_some_and(|l| l < 10))
            .collect();
        Outline { levels, headings }
    }
}

fn level(lines: &Lines, i: usize) -> Option<u32> {
    let raw = lines.raw(i).trim_start();
    if raw.starts_with('#') {
        return Some(raw.chars().take_while(|&c| c == '#').count() as u32 - 1);
    }
    let core = lines.core(i);
    if core.starts_with("+ ") {
        return Some(11);
    }
    if part_marker(core).is_some() {
        return Some(0);
    }
    if core.starts_with("- ") || core.starts_with("• ") || core.starts_with("– ") {
        return Some(10);
    }
    let head: String = core.chars().take_while(|c| !c.is_whitespace()).collect();
    if !head.is_empty()
        && head
            .trim_end_matches('.')
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && head.ends_with('.')
    {
        return Some(1 + head.matches('.').count() as u32);
    }
    if !head.is_empty()
        && head
            .trim_end_matches('.')
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X'))
        && head.ends_with('.')
    {
        return Some(1);
    }
    if head.len() == 2 && head.ends_with(')') && head.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Some(5);
    }
    None
}

/// A report's part heading ("PHẦN I", "Phần thứ hai", "PHẦN II. PHƯƠNG HƯỚNG …"): the
/// words after the marker, empty when its title is on the next line.
fn part_marker(core: &str) -> Option<&str> {
    let core = core.trim_matches(['*', '_', ' ']);
    let (head, rest) = core.split_at(core.find(' ')?);
    if head != "PHẦN" && head != "Phần" {
        return None;
    }
    let rest = rest.trim_start();
    let (number, title) = rest.split_at(rest.find([' ', '.', ':']).unwrap_or(rest.len()));
    let roman = !number.is_empty() && number.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let ordinal = ["thứ", "THỨ"].contains(&number);
    if !(roman || ordinal || number.bytes().all(|b| b.is_ascii_digit()) && !number.is_empty()) {
        return None;
    }
    let title = title.trim_start_matches(['.', ':', ' ', '-']);
    if ordinal {
        // "Phần thứ hai": the ordinal's word goes with the marker.
        let after = title.split_once(' ').map_or("", |(_, t)| t);
        return Some(after.trim_start_matches(['.', ':', ' ', '-']));
    }
    Some(title)
}

/// The line that holds the words of heading `j`: the next non-blank line for a part
/// marker that stands alone ("PHẦN II" over "PHƯƠNG HƯỚNG, NHIỆM VỤ …").
fn heading_words_line(lines: &Lines, j: usize) -> usize {
    if part_marker(lines.core(j)).is_some_and(str::is_empty) {
        if let Some(next) = (j + 1..lines.len()).find(|&k| !lines.is_blank(k)) {
            return next;
        }
    }
    j
}

/// What a figure measures, broadly: people and things can be parts of one another's totals
/// ("3.795 học viên (trong đó: 2.679 người …)"); percentages and money cannot, nor can a
/// measure (a unit of kind `measure` in the lexicon: ha, tấn, kWh) be part of another
/// unit's total.
fn dimension<'q>(rules: &RuleSet, q: &'q Quantity) -> &'q str {
    match q.unit.as_str() {
        "percent" | "vnd" | "vnd_per_unit" | "usd" | "usd_per_unit" | "eur" | "eur_per_unit" => {
            &q.unit
        }
        u if u.contains("_per_") => &q.unit,
        _ if rules
            .units
            .iter()
            .any(|u| u.name == q.unit_label && u.kind == "measure") =>
        {
            &q.unit
        }
        _ => "count",
    }
}

/// Sets `part_of`: list items under an item ending in ":" that carries a total, and
/// figures after "trong đó" in the same sentence.
fn link_parts(
    text: &str,
    rules: &RuleSet,
    lines: &Lines,
    qs: &mut [Value<Quantity>],
    line_of: &[usize],
) {
    let mut breakdown: Option<(usize, usize)> = None; // (parent, closes at)
                                                      // A part's own breakdown in brackets ("hộ nghèo 430 hộ (trong đó hộ DTTS 215 hộ), …").
    let mut nested: Option<(usize, usize)> = None;
    for i in 0..qs.len() {
        let (start, line) = (qs[i].span.start, line_of[i]);
        // Percentages of different bases do not add up; they are never parts, nor is the
        // lower end of a range (its upper end stands for it).
        if dimension(rules, &qs[i].value) == "percent"
            || matches!(
                qs[i].rule.as_str(),
                "quantity.range_start" | "quantity.share"
            )
        {
            continue;
        }
        if let Some((p, close)) = nested {
            if start < close && dimension(rules, &qs[p].value) == dimension(rules, &qs[i].value) {
                qs[i].value.part_of = Some(p);
                continue;
            }
            nested = None;
        }
        if let Some((p, close)) = breakdown {
            if start < close
                && dimension(rules, &qs[p].value) == dimension(rules, &qs[i].value)
                && !leaves_breakdown(text, qs, p, i)
            {
                // "(trong đó …" right after a part breaks that part down, up to its ")".
                let previous = qs[i - 1].span.end;
                let gap = &text[previous..start];
                let opens = gap
                    .find('(')
                    .filter(|&k| gap[k..].contains("trong đó") && !gap[k..].contains(')'));
                if opens.is_some() && qs[i - 1].value.part_of == Some(p) {
                    let inner = text[start..].find(')').map_or(close, |k| start + k);
                    qs[i].value.part_of = Some(i - 1);
                    nested = Some((i - 1, inner.min(close)));
                    continue;
                }
                qs[i].value.part_of = Some(p);
                continue;
            }
            breakdown = None;
        }
        if i > 0 {
            let gap_start = qs[i - 1].span.end;
            if let Some(at) = text[gap_start..start].find("trong đó") {
                let at = gap_start + at;
                if let Some(total) = breakdown_total(text, rules, qs, i, at) {
                    qs[i].value.part_of = Some(total);
                    let lead = &text[qs[total].span.end..at];
                    let in_brackets = lead.rfind('(') > lead.rfind(')');
                    // "trong đó: A 1.526,4 tỷ đồng; B 184,2 tỷ đồng; C 132 tỷ đồng." lists
                    // its parts up to the sentence's end, past the ";" between them; without
                    // the colon a ";" ends the breakdown ("trong đó hết hiệu lực 345 văn
                    // bản …; cấp huyện là 1096 văn bản").
                    let listed = text[at + "trong đó".len()..].trim_start().starts_with(':');
                    let close = if in_brackets {
                        text[start..].find(')').map_or(text.len(), |k| start + k)
                    } else if listed {
                        full_sentence_around(text, start).1
                    } else {
                        sentence_around(text, start).1
                    };
                    breakdown = Some((total, close));
                    continue;
                }
            }
        }
        // List hierarchy.
        let Some(lv) = level(lines, line) else {
            continue;
        };
        let mut j = line;
        let floor = line.saturating_sub(MAX_LIST_LOOKBACK);
        while j > floor {
            j -= 1;
            if lines.is_blank(j) {
                continue;
            }
            match level(lines, j) {
                None => {
                    // Only the level the intro line opens breaks its total down.
                    let first_item = (j + 1..line).find(|&k| !lines.is_blank(k));
                    if first_item.map_or(true, |k| level(lines, k) == Some(lv)) {
                        qs[i].value.part_of = list_total(text, lines, qs, line_of, i, j);
                    }
                    break;
                }
                Some(l) if l >= lv => continue,
                Some(_) => {
                    let ends_colon = lines
                        .core(j)
                        .trim_end_matches(['*', '_', ' '])
                        .ends_with(':');
                    if ends_colon {
                        let unit = qs[i].value.unit.clone();
                        qs[i].value.part_of = (0..i)
                            .rev()
                            .find(|&k| line_of[k] == j && qs[k].value.unit == unit);
                    }
                    break;
                }
            }
        }
    }
}

/// Whether figure `i` no longer breaks down total `p` though it is in the same sentence: a
/// new total opens before it ("…, 23 trường THCS với tổng số 31.640 học sinh"), or it counts
/// another thing than the parts before it that counted what the total counts (schools,
/// then pupils).
fn leaves_breakdown(text: &str, qs: &[Value<Quantity>], p: usize, i: usize) -> bool {
    let gap = &text[qs[i - 1].span.end..qs[i].span.start];
    if gap.contains("tổng số") || gap.contains("tổng cộng") {
        return true;
    }
    let unit = &qs[p].value.unit;
    !unit.is_empty()
        && qs[i].value.unit != *unit
        && (p + 1..i).any(|k| qs[k].value.part_of == Some(p) && qs[k].value.unit == *unit)
}

/// The total a list breaks down when the line `intro` that opens it ends with a cue
/// ("Tổng kinh phí: 4.826.500.000 đồng, trong đó:" / "- Ngân sách trung ương: …"): the
/// last figure before the cue on that line, or, when the cue stands alone ("Trong đó:"),
/// the first figure of the line above; in the unit of item `i`, outside brackets.
fn list_total(
    text: &str,
    lines: &Lines,
    qs: &[Value<Quantity>],
    line_of: &[usize],
    i: usize,
    intro: usize,
) -> Option<usize> {
    let core = lines.core(intro).trim_end_matches(['*', '_', ' ']);
    let body = core.strip_suffix(':')?.trim_end();
    let lower = body.to_lowercase();
    let cue_at = ["trong đó", "bao gồm", "gồm", "cụ thể"]
        .iter()
        .filter_map(|c| lower.rfind(c).filter(|&k| k + c.len() == lower.len()))
        .min()?;
    let same = |k: &usize| {
        qs[*k].value.unit == qs[i].value.unit && {
            let l = lines.lines[line_of[*k]];
            let before = &text[l.core_start..qs[*k].span.start];
            before.matches('(').count() <= before.matches(')').count()
        }
    };
    let cue_start = lines.lines[intro].core_start + cue_at;
    if let Some(k) = (0..i)
        .rev()
        .filter(|&k| line_of[k] == intro && qs[k].span.end <= cue_start)
        .find(same)
    {
        return Some(k);
    }
    if !body[..cue_at].trim().is_empty() {
        return None;
    }
    let above = (0..intro).rev().find(|&j| !lines.is_blank(j))?;
    (0..i).filter(|&k| line_of[k] == above).find(same)
}

/// The total a "trong đó" at `at` breaks down, for the figure `i` after it: the last figure
/// before it in the same sentence (a ";" does not end it: "4.812 người; trong đó: …") that
/// is no percentage and not inside a bracket closed before "trong đó" ("5.200 lao động,
/// đạt 104% kế hoạch (kế hoạch 5.000 lao động); trong đó …" breaks down the 5.200).
fn breakdown_total(
    text: &str,
    rules: &RuleSet,
    qs: &[Value<Quantity>],
    i: usize,
    at: usize,
) -> Option<usize> {
    // The figure is in the clause "trong đó" opens, not after a bracket it opened closed:
    // "162 trường hợp (trong đó nghỉ hưu: 28; …); cử 45 người" breaks down nothing.
    let after = &text[at..qs[i].span.start];
    if sentence_around(text, at).1 < qs[i].span.start || after.contains(')') {
        return None;
    }
    let sentence_start = full_sentence_around(text, qs[i].span.start).0;
    let k = earlier_from(qs, i, sentence_start).find(|&k| {
        let between = &text[qs[k].span.end..at];
        dimension(rules, &qs[k].value) != "percent"
            && between.matches(')').count() <= between.matches('(').count()
    })?;
    (dimension(rules, &qs[k].value) == dimension(rules, &qs[i].value)).then_some(k)
}

/// The figures before figure `i` back to the first that starts before `from` (its
/// sentence's start), nearest first.
fn earlier_from(qs: &[Value<Quantity>], i: usize, from: usize) -> impl Iterator<Item = usize> + '_ {
    (0..i).rev().take_while(move |&k| qs[k].span.start >= from)
}

/// The label written before a figure on its line: "+ Cai nghiện bắt buộc: 300 người" →
/// "Cai nghiện bắt buộc"; "Cơ sở … là 930 người" → "Cơ sở …".
fn label_before(
    text: &str,
    lines: &Lines,
    line: usize,
    floor: usize,
    start: usize,
) -> Option<String> {
    let l = lines.lines[line];
    let from = l.core_start.max(floor).min(start);
    let before = text[from..start].trim_end_matches(['*', '_', ' ', '\t']);
    let before = before
        .strip_suffix(':')
        .or_else(|| before.strip_suffix(" là"))
        .or_else(|| before.strip_suffix(" là:"))?;
    let before = before
        .trim_end_matches(['*', '_', ' '])
        .trim_end_matches(" là");
    // Drop the list marker or numbering and emphasis at the start.
    let mut s = before.trim_start_matches(['-', '+', '•', '–', '*', '_', ' ']);
    // "Điều 1. Giá trông giữ xe đạp là 2.000 đồng/lượt": the article's number is no label.
    if let Some(rest) = s.strip_prefix("Điều ") {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            if let Some(after) = rest[digits..].strip_prefix('.') {
                s = after.trim_start();
            }
        }
    }
    if let Some((head, rest)) = s.split_once(' ') {
        let numbering = head.trim_end_matches(['.', ')']);
        if !numbering.is_empty() && numbering.chars().all(|c| c.is_ascii_digit() || c == '.')
            || head.len() <= 2 && head.ends_with(')')
        {
            s = rest;
        }
    }
    let s = s.trim_matches(['*', '_', ' ', '(']);
    // "…; số giường bệnh tuyến xã là 1 716 giường": the label is the last clause's, and
    // the last sentence's ("… định danh điện tử. Kinh phí hoạt động năm 2025 là").
    let s = s.rsplit_once(';').map_or(s, |(_, last)| last.trim());
    let last_sentence = s
        .rmatch_indices(". ")
        .find(|&(k, _)| s[k + 2..].starts_with(char::is_uppercase))
        .map(|(k, _)| s[k + 2..].trim());
    // … unless that sentence holds an aside or runs long (a sentence, not a label).
    if last_sentence.is_some_and(|l| l.contains('(') || l.split_whitespace().count() > 12) {
        return None;
    }
    let s = last_sentence.unwrap_or(s);
    if matches!(s, "trong đó" | "cụ thể" | "gồm" | "bao gồm") {
        return None;
    }
    // A label holding another figure or sentence is not a label.
    if s.is_empty() || s.contains(['.', ';']) && !s.contains("số") {
        return None;
    }
    Some(squash_spaces(s))
}

/// Words that, right after a figure, open another clause rather than name what it counts.
const CLAUSE_OPENERS: &[&str] = &[
    "với", "và", "hoặc", "trở", "so", "thì", "nên", "mà", "nhưng", "gồm", "bao", "tương",
];

/// Words that, right after a figure, lead to the next one when a number follows them
/// ("xuống còn 10.215 hộ", "bằng 82,2%"); elsewhere they may name ("420 phòng học xuống
/// cấp").
const FIGURE_LEADS: &[&str] = &[
    "xuống", "lên", "tăng", "giảm", "bằng", "chiếm", "đạt", "còn",
];

/// Most words from a figure lead ("xuống còn", "tăng lên khoảng") to the next figure.
const MAX_LEAD_WORDS: usize = 3;

/// A sentence that says its figures are the whole year's without naming it ("cả năm",
/// "trong năm", "cả năm nay").
fn whole_year_named(sentence: &str) -> bool {
    ["cả năm", "trong năm"].iter().any(|cue| {
        sentence.match_indices(cue).any(|(k, _)| {
            let after = sentence[k + cue.len()..].trim_start();
            !after.starts_with(|c: char| c.is_ascii_digit()) && !after.starts_with("học")
        })
    })
}

/// Whether the time at `span` is one a figure is compared with, not its own: "tăng 8,3 tỷ
/// đồng so với năm 2023", "So với cùng kỳ năm 2023".
fn compares_with(text: &str, span: crate::document::Span) -> bool {
    let lead = tail(&text[..span.start], 30).to_lowercase();
    lead.contains("so với") || lead.contains("so cùng kỳ") || lead.contains("so cùng kì")
}

/// A time a ratio is taken against: "gấp 1,5 lần năm 2017", "bằng 0,8 lần cùng kỳ".
fn times_of(text: &str, span: crate::document::Span) -> bool {
    let lead = tail(&text[..span.start], 30).to_lowercase();
    let lead = lead.trim_end();
    lead.ends_with(" lần") && (lead.contains("gấp") || lead.contains("bằng"))
}

/// Whether the time at `time` stands in a bracket of the sentence `sentence` that does not
/// hold `figure` but a figure of its own ("(năm 2017 là 8,95%)"); a bracket that names
/// only a time ("(tính đến ngày 30/6/2019)") still dates the sentence.
fn bracket_of_another_figure(
    text: &str,
    qs: &[Value<Quantity>],
    sentence: (usize, usize),
    time: crate::document::Span,
    figure: crate::document::Span,
) -> bool {
    let (from, to) = sentence;
    let Some(open) = bracket_opened_before(text, from, time.start) else {
        return false;
    };
    let close = text[time.end..to].find(')').map_or(to, |k| time.end + k);
    if figure.start > open && figure.end <= close {
        return false;
    }
    qs.iter()
        .any(|q| q.span.start > open && q.span.end <= close && q.span != figure)
}

/// Figures in brackets after the time their sentence compares with are that time's ("so
/// với năm 2023 (34.222 lao động)", "So với cùng kỳ năm trước (24 vụ, 16 người chết)"):
/// run after every other reading of their period, which the comparison then moves.
pub fn date_compared(
    text: &str,
    quantities: &mut [Value<Quantity>],
    dates: &[Value<DateMention>],
    periods: &[Value<Period>],
) {
    let marks: Vec<(crate::document::Span, Option<String>)> = periods
        .iter()
        .map(|p| (p.span, Some(p.value.iso())))
        .chain(
            dates
                .iter()
                .filter(|d| d.value.role == "date")
                .map(|d| (d.span, d.value.date.as_ref().map(|d| d.iso.clone()))),
        )
        .collect();
    for i in 0..quantities.len() {
        let (f_start, _) = full_sentence_around(text, quantities[i].span.start);
        let Some(open) = bracket_opened_before(text, f_start, quantities[i].span.start) else {
            continue;
        };
        let inside = text[open + 1..quantities[i].span.start].to_lowercase();
        if OTHER_FIGURE.iter().any(|w| inside.contains(w))
            || is_comparison_ratio(text, quantities, i, f_start, open)
        {
            continue;
        }
        let q = &mut quantities[i];
        // "(cùng kỳ năm 2011 thiệt hại 5.906 ha)": the bracket names the time itself;
        // "(năm trước 691 vụ)": it opens with the comparison; else it follows it.
        let own = q.value.period.take();
        let inner = marks
            .iter()
            .rfind(|(span, _)| span.start > open && span.end <= q.span.start);
        let (lead, named) = if let Some((span, iso)) = inner {
            // "(so với cùng kỳ năm 1999 giảm 19,4%)": a change of the figure's own time.
            if compares_with(text, *span) {
                q.value.period = own;
                continue;
            }
            (&text[open + 1..q.span.start], iso.clone())
        } else if YEAR_BEFORE
            .iter()
            .any(|w| inside.trim_start().starts_with(w))
        {
            (&text[open + 1..q.span.start], None)
        } else {
            let named = marks
                .iter()
                .find(|(span, _)| {
                    text.get(span.end..open)
                        .is_some_and(|gap| gap.trim().is_empty())
                        && compares_with(text, *span)
                })
                .and_then(|(_, iso)| iso.clone());
            (&text[f_start..open], named)
        };
        q.value.period = compared_period(lead, named, own);
    }
}

/// A lone percentage in the bracket after the compared time is the ratio of the two
/// times, not a figure of the earlier one: "tăng mạnh so với cùng kỳ (146,7%)". It is
/// the earlier time's level only where the figure compared is a percentage too ("còn
/// 6,82%, giảm so với năm 2020 (8,95%)") and it stays under a hundred.
fn is_comparison_ratio(
    text: &str,
    quantities: &[Value<Quantity>],
    index: usize,
    sentence_start: usize,
    open: usize,
) -> bool {
    let q = &quantities[index];
    let lone = text[open + 1..q.span.start].trim().is_empty()
        && text[q.span.end..].trim_start().starts_with(')');
    if q.value.unit != "percent" || !lone {
        return false;
    }
    if q.value.value >= 100.0 {
        return true;
    }
    let compared = quantities
        .iter()
        .rfind(|other| other.span.start >= sentence_start && other.span.end <= open);
    compared.is_some_and(|other| other.value.unit != "percent")
}

/// The byte offset of the bracket a figure at `start` stands in, opened in the same
/// sentence (from `from`) and not closed before it.
fn bracket_opened_before(text: &str, from: usize, start: usize) -> Option<usize> {
    let before = &text[from..start];
    let open = before.rfind('(')?;
    (!before[open..].contains(')')).then_some(from + open)
}

/// Words in a bracket before its figure that make it another figure than the compared
/// time's: a plan ("so với năm 2005 (kế hoạch 12,5%)"), growth net of prices ("(loại trừ
/// yếu tố giá tăng 11,2%)"), a part of the period ("(quý I tăng 14,8%)").
const OTHER_FIGURE: [&str; 8] = [
    "kế hoạch",
    "chỉ tiêu",
    "mục tiêu",
    "nghị quyết",
    "dự toán",
    "loại trừ",
    "quý",
    "tháng",
];

/// Words for the same time a year before ("so với cùng kỳ năm trước").
const YEAR_BEFORE: [&str; 4] = [
    "cùng kỳ năm trước",
    "cùng kỳ năm ngoái",
    "cùng kỳ",
    "năm trước",
];

/// The period of figures in brackets after `lead`, when the lead compares with another
/// time: "so với năm 2023 (34.222 lao động)" gives the year it names (`named`);
/// "So với cùng kỳ năm trước (24 vụ, 16 người chết)" the figure's own period a year
/// earlier, and "cùng kỳ năm 2018" its own part of the year in 2018. Any other lead
/// leaves `own` as it was.
fn compared_period(lead: &str, named: Option<String>, own: Option<String>) -> Option<String> {
    let lead = lead.trim_end().to_lowercase().replace("kì", "kỳ");
    let same_time = lead.contains("cùng kỳ");
    if let Some(named) = named {
        let shifted = own
            .as_deref()
            .filter(|_| same_time && named.len() == 4)
            .and_then(|p| Some((p, year_of(p)?.parse::<i32>().ok()?)))
            .zip(named.parse::<i32>().ok())
            .and_then(|((p, year), to)| shift_years(p, to - year));
        return Some(shifted.unwrap_or(named));
    }
    let year_before = YEAR_BEFORE
        .iter()
        .any(|w| lead.ends_with(w) || lead.starts_with(w));
    if year_before {
        return own.and_then(|p| shift_years(&p, -1));
    }
    own
}

/// An ISO period or date moved by whole years ("2019-01/2019-06" → "2018-01/2018-06");
/// a 29 February becomes the 28th where the year has none.
fn shift_years(iso: &str, by: i32) -> Option<String> {
    let parts: Option<Vec<String>> = iso
        .split('/')
        .map(|part| {
            let year: i32 = part.get(..4)?.parse().ok()?;
            let to = year + by;
            let rest = &part[4..];
            let rest = if rest == "-02-29" && crate::document::days_in_month(to, 2) == 28 {
                "-02-28"
            } else {
                rest
            };
            Some(format!("{to:04}{rest}"))
        })
        .collect();
    parts.map(|p| p.join("/"))
}

/// The year a period lies in ("1999-07/1999-12" → "1999"), when it lies in one.
fn year_of(period: &str) -> Option<&str> {
    let year = period.get(..4)?;
    let in_one = year.chars().all(|c| c.is_ascii_digit())
        && period.split('/').all(|part| part.starts_with(year));
    in_one.then_some(year)
}

/// The words between a figure and the total it is a part of: "trên tổng số", "trong tổng
/// số", "trên tổng", "trong số", "/ tổng số".
fn part_of_total_between(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["trên" | "trong", "tổng", "số"] | ["trên" | "trong", "tổng" | "số"] | ["/", "tổng", "số"]
    )
}

/// Words after the unit up to the clause end: "681 người cai nghiện tự nguyện (" →
/// "cai nghiện tự nguyện".
fn words_after(text: &str, end: usize) -> Option<String> {
    let rest = &text[end..];
    let stop = rest
        .find(|c: char| matches!(c, ',' | ';' | '(' | ')' | ':' | '\n' | '.') || c.is_ascii_digit())
        .unwrap_or(rest.len());
    let mut words: Vec<&str> = rest[..stop].split_whitespace().collect();
    // "350 triệu đồng từ ngân sách huyện để mua sắm dụng cụ": where the money comes from is
    // skipped to the purpose that follows it.
    let source = |w: &[&str]| w[0] == "từ" && matches!(w[1], "nguồn" | "ngân" | "quỹ");
    if let Some(k) = words.windows(2).position(source) {
        if let Some(j) = words[k..].iter().position(|w| *w == "để") {
            words.drain(..k + j);
        }
    }
    // "1.286 phòng học với tổng kinh phí gần 960 tỷ đồng", "giảm từ 24.380 hộ xuống còn
    // 10.215 hộ", "từ 500 lao động trở lên": words that open another clause, a comparison
    // or a bound name the next figure or none, never what this one counts.
    let to_figure = rest[stop..].starts_with(|c: char| c.is_ascii_digit());
    // A lead counts only close to the next figure: "… xã đạt chuẩn nông thôn mới nâng cao
    // và 9 xã" names what the first figure counts (the "và" cuts it below).
    let leads_to_figure =
        |w: &&str| to_figure && words.len() <= MAX_LEAD_WORDS && FIGURE_LEADS.contains(w);
    if words
        .first()
        .is_some_and(|w| CLAUSE_OPENERS.contains(w) || leads_to_figure(w))
        || to_figure && part_of_total_between(&rest[..stop])
    {
        return None;
    }
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(*w, "đi" | "được" | "là")),
    );
    // A time phrase ("trước ngày 30/6", "trong tháng 5", "từ năm …") is the figure's
    // deadline or period, read by `dates`, and "so với …" what it is compared with; the
    // indicator stops before either, before a source with no purpose after it ("từ nguồn
    // dự phòng …") and before the act the figure follows ("theo Quyết định số …", "theo
    // hướng dẫn tại …"; not "theo dõi").
    let cut = words.windows(2).position(|w| {
        matches!(w[0], "trước" | "sau" | "từ" | "đến" | "trong" | "vào")
            && matches!(w[1], "ngày" | "tháng" | "năm" | "quý" | "thời")
            || w == ["so", "với"]
            || source(w)
            || w[0] == "theo"
                && matches!(
                    w[1].to_lowercase().as_str(),
                    "quyết"
                        | "nghị"
                        | "công"
                        | "kế"
                        | "thông"
                        | "chỉ"
                        | "tờ"
                        | "văn"
                        | "luật"
                        | "hướng"
                        | "quy"
                        | "đề"
                )
    });
    // Whether the words kept run up to the stop.
    let to_stop = cut.is_none() && words.len() <= skip + MAX_INDICATOR_WORDS;
    // "38,5 km kênh mương với khối lượng 21.400 m3": a joiner before another figure ends
    // the name.
    let cut = cut.or_else(|| {
        to_figure
            .then(|| {
                // "đối với", "so với" join no clause.
                (1..words.len()).find(|&k| {
                    matches!(words[k], "với" | "và" | "thì")
                        && !matches!(words[k - 1], "đối" | "so")
                })
            })
            .flatten()
    });
    let words = &words[..cut.unwrap_or(words.len())];
    let mut kept: Vec<&str> = words
        .iter()
        .skip(skip)
        .take(MAX_INDICATOR_WORDS)
        .copied()
        .collect();
    // A word the stop at a digit left dangling ("… năm" of "năm 2026", "… số" of "số 12")
    // goes with what was cut.
    if to_stop
        && rest[stop..].starts_with(|c: char| c.is_ascii_digit())
        && kept
            .last()
            .is_some_and(|w| matches!(*w, "năm" | "tháng" | "quý" | "ngày" | "số"))
    {
        kept.pop();
        // … with the words that led to the time ("trong các tháng 3", "vào khoảng năm 1984").
        while kept.last().is_some_and(|w| {
            matches!(
                *w,
                "trong" | "các" | "những" | "vào" | "khoảng" | "từ" | "đến" | "đầu" | "cuối"
            )
        }) {
            kept.pop();
        }
    }
    while !kept.is_empty() && {
        let n = kept.len();
        // "bằng" closes "mặt bằng", "đồng bằng", "cân bằng" and is kept there.
        let compound = n >= 2
            && kept[n - 1] == "bằng"
            && matches!(kept[n - 2], "mặt" | "đồng" | "cân" | "công" | "văn" | "san");
        !compound
            && matches!(
                kept[n - 1],
                "và" | "hoặc"
                    | "của"
                    | "có"
                    | "là"
                    | "trong"
                    | "từ"
                    | "bằng"
                    | "cho"
                    | "với"
                    | "gồm"
            )
    } {
        kept.pop();
    }
    (kept.len() >= 2).then(|| kept.join(" "))
}

/// Words before the figure in its comma-delimited segment: "huyện Sóc Sơn 118,8%" →
/// "huyện Sóc Sơn".
fn segment_before(text: &str, rules: &RuleSet, start: usize) -> Option<String> {
    let before = text[..start].trim_end().trim_end_matches(':');
    // A comma inside a fixed phrase ("sửa đổi, bổ sung") separates no items: look past it.
    let mut end = before.len();
    let from = loop {
        match before[..end].rfind([',', ';', '(', ')', '\n', '.', ':']) {
            Some(i) if before[i..].starts_with(',') && in_comma_phrase(before, i, rules) => end = i,
            found => break found.map_or(0, |i| i + 1),
        }
    };
    let seg = before[from..].trim().trim_end_matches(':').trim();
    // "…, trong đó huyện A 2.100 ha": the words opening a breakdown are not its subject.
    let seg = ["trong đó", "bao gồm", "gồm", "cụ thể"]
        .iter()
        .find_map(|w| seg.strip_prefix(w).filter(|rest| rest.starts_with(' ')))
        .map_or(seg, str::trim_start);
    // A footnote number or what is left of its tag ("2</sup> huyện A"); a word that starts
    // with "s", "u" or "p" ("sửa đổi", "phòng") keeps its letters.
    let mut seg = seg;
    loop {
        let t = seg.trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '<' | '>' | '/')
        });
        let t = t.strip_prefix("sup>").unwrap_or(t);
        if t.len() == seg.len() {
            break;
        }
        seg = t;
    }
    let seg = seg.trim();
    // "… 378 văn bản và đề nghị sửa đổi, bổ sung 21 văn bản": "và" after a figure starts
    // the next item.
    let seg = seg
        .rfind(" và ")
        .filter(|&k| seg[..k].contains(|c: char| c.is_ascii_digit()))
        .map_or(seg, |k| seg[k + " và ".len()..].trim());
    let n = seg.split_whitespace().count();
    (1..=6).contains(&n).then(|| seg.to_string())
}

/// Whether the comma at byte `comma` of `s` sits inside one of the lexicon's
/// `comma_phrases` ("sửa đổi, bổ sung"), as whole words, ignoring case.
fn in_comma_phrase(s: &str, comma: usize, rules: &RuleSet) -> bool {
    // Only the text next to the comma can hold a phrase's halves and the chars around
    // them; lowering all the text before a figure, once per figure, made extraction
    // quadratic in the document's length.
    let reach = 2 * rules
        .comma_phrases
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0)
        + 8;
    let right = s[comma + 1..].trim_start();
    let mut right_end = reach.min(right.len());
    while !right.is_char_boundary(right_end) {
        right_end -= 1;
    }
    let (left, right) = (
        tail(&s[..comma], reach).to_lowercase(),
        right[..right_end].to_lowercase(),
    );
    rules.comma_phrases.iter().any(|p| {
        let p = p.to_lowercase();
        p.match_indices(',').any(|(at, _)| {
            let (l, r) = (&p[..at], p[at + 1..].trim_start());
            let ends = left
                .strip_suffix(l)
                .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric));
            let starts = right
                .trim_start()
                .strip_prefix(r)
                .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric));
            ends && starts
        })
    })
}

/// The label of a list item whose figure comes later on its line: "1. Hỗ trợ nhà ở bị sập:
/// 46 nhà, …, thành tiền 1.840.000.000 đồng" → "Hỗ trợ nhà ở bị sập" for each figure.
fn item_label(text: &str, lines: &Lines, line: usize, start: usize) -> Option<String> {
    level(lines, line)?;
    let from = lines.lines[line].core_start;
    let colon = text[from..start].find(':')? + from;
    label_before(text, lines, line, from, colon + 1)
        .filter(|l| l.split_whitespace().count() <= MAX_INDICATOR_WORDS)
}

/// The name of a part of a breakdown from the words before it, without the verbs that lead
/// to the figure: "có 03 sinh viên" names nothing, "GERUCO khoảng 215.000 ha" → "GERUCO".
fn part_name(seg: &str) -> Option<String> {
    let mut words: Vec<&str> = seg.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| matches!(*w, "có" | "là" | "gồm"))
    {
        words.remove(0);
    }
    while words.last().is_some_and(|w| {
        matches!(
            *w,
            "có" | "là" | "đạt" | "chiếm" | "khoảng" | "gần" | "trên" | "dưới" | "hơn" | "được"
        )
    }) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The indicator a rule of `field` (`quantity.indicator_before`, …) reads in the clause
/// before the figure at `start` ("Tỷ lệ lao động qua đào tạo đạt" → "Tỷ lệ lao động qua
/// đào tạo").
fn named_before(text: &str, rules: &RuleSet, field: &str, start: usize) -> Option<String> {
    let before = &text[..start];
    // A clause starts after a mark, or after a full stop that ends a sentence (not the
    // dots of "1.234").
    let from = before
        .rfind([',', ';', '(', ')', '\n', ':'])
        .map_or(0, |i| i + 1);
    // Only a full stop after the last mark can move the start (searched there alone: the
    // whole text before the figure was searched once per figure).
    let from = before[from..].rfind(". ").map_or(from, |i| from + i + 2);
    let clause = tail(&before[from..], 200);
    let read = |clause: &str| {
        rules_of(rules, field)
            .iter()
            .find_map(|r| r.regex.captures(clause)?.name("indicator"))
            .map(|m| squash_spaces(m.as_str().trim_matches(['*', '_', ' '])))
    };
    read(clause)
        // "Giải ngân vốn đầu tư công đến ngày 15/6/2026 đạt": the time is the period's.
        .or_else(|| {
            let mut timeless = clause.to_string();
            for r in rules_of(rules, "quantity.time_in_clause") {
                timeless = r.regex.replace_all(&timeless, "").into_owned();
            }
            (timeless != clause).then(|| read(&timeless)).flatten()
        })
        // The rule bounds its length; a named rate is often long ("Tỷ lệ trẻ em dưới 1
        // tuổi được tiêm chủng đầy đủ các loại vắc xin").
        .filter(|s| s.split_whitespace().count() <= 2 * MAX_INDICATOR_WORDS)
}

/// A label that names only a time ("năm 2024", "Quý I/2025", "cùng kỳ năm trước",
/// "tháng 6"): the figure after it is a measure at that time, not one named by the time.
fn is_time_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    let timeish = |w: &&str| {
        w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-'))
            || matches!(
                *w,
                "i" | "ii" | "iii" | "iv" | "năm" | "trước" | "nay" | "đầu" | "cuối"
            )
    };
    match first {
        "năm" | "quý" | "tháng" => !rest.is_empty() && rest.iter().all(timeish),
        "cùng" => rest.first() == Some(&"kỳ") || rest.first() == Some(&"kì"),
        _ => false,
    }
}

fn is_subject(rules: &RuleSet, label: &str) -> bool {
    // A whole clause ("phường trên địa bàn tỉnh với tổng số tiền") names no one.
    if label.split_whitespace().any(|w| w == "với") {
        return false;
    }
    if rules_of(rules, "quantity.subject")
        .iter()
        .any(|r| r.regex.is_match(label))
    {
        return true;
    }
    // A place name: every word capitalized ("Tây Hồ", "Hà Đông"); one word alone is a
    // sentence's first word ("Có 42.650 hộ", "Mở 12 - 15 lớp") as often as a name.
    let words: Vec<&str> = label.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 5
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

#[allow(clippy::too_many_arguments)]
fn describe(
    text: &str,
    rules: &RuleSet,
    lines: &Lines,
    outline: &Outline,
    qs: &mut [Value<Quantity>],
    line_of: &[usize],
    i: usize,
    dates: &[Value<DateMention>],
    periods: &[Value<Period>],
    doc_type: Option<&str>,
) {
    let (start, end) = (qs[i].span.start, qs[i].span.end);
    let parent = qs[i].value.part_of;
    let is_rate = matches!(qs[i].value.unit.as_str(), "percent" | "per_mille");
    // Indicator and subject.
    let mut indicator = None;
    let mut subject = None;
    // A label starts after the figure before it on the same line, if any.
    let floor = (i > 0 && line_of[i - 1] == line_of[i]).then(|| {
        let e = qs[i - 1].span.end.min(start);
        e + text[e..start].find([',', ';']).map_or(0, |k| k + 1)
    });
    if let Some(label) = label_before(text, lines, line_of[i], floor.unwrap_or(0), start) {
        if is_time_label(&label) {
            // "Tỷ lệ hài lòng đạt 92,3% (năm 2024: 90,8%)": the same measure at another
            // time, named by the last figure of its unit before it in the sentence.
            let sentence_start = full_sentence_around(text, start).0;
            let same =
                earlier_from(qs, i, sentence_start).find(|&k| qs[k].value.unit == qs[i].value.unit);
            if let Some(k) = same {
                indicator = qs[k].value.indicator.clone();
                subject = qs[k].value.subject.clone();
            }
        } else if is_subject(rules, &label) {
            subject = Some(label);
        } else {
            indicator = Some(label);
        }
    } else if let Some(seg) = segment_before(text, rules, start).filter(|s| is_subject(rules, s)) {
        // "phường đã tiếp 86 lượt": the subject ends where its verb starts.
        let words: Vec<&str> = seg
            .split_whitespace()
            .take_while(|w| !matches!(*w, "đã" | "đạt" | "có" | "là" | "được" | "chiếm" | "đang"))
            .collect();
        subject = Some(words.join(" "));
    }
    if indicator.is_none() && !is_rate {
        // "312,5 ha trên tổng số 405 ha đất cần giải phóng mặt bằng": a part of the total
        // after it counts what the total counts.
        indicator = words_after(text, end).or_else(|| {
            let total = qs
                .get(i + 1)
                .filter(|t| t.value.unit == qs[i].value.unit && t.span.start >= end)?;
            part_of_total_between(&text[end..total.span.start])
                .then(|| words_after(text, total.span.end))
                .flatten()
        });
    }
    // "Tỷ lệ lao động qua đào tạo đạt 72,5%", "Tổng số hộ được hỗ trợ 1.200 hộ": a total,
    // number or rate named before the figure in its clause.
    if indicator.is_none() && subject.is_none() {
        indicator = named_before(text, rules, "quantity.indicator_before", start);
    }
    // "giảm 10% số ca mắc sốt xuất huyết", "đạt 95% dân số từ 14 tuổi trở lên được cấp
    // tài khoản": a share of what follows it, unless named before ("Tỷ lệ bao phủ đạt
    // 93,2% dân số"; "đạt 95% kế hoạch" names no indicator).
    if indicator.is_none() && is_rate {
        let next = clip(&text[end..], 80);
        if rules_of(rules, "quantity.share_of")
            .iter()
            .any(|r| r.regex.is_match(next))
        {
            indicator = words_after(text, end);
        }
    }
    // "Chỉ tiêu tạo việc làm mới 2.000 lao động": what a plan word names, for a count.
    if indicator.is_none() && subject.is_none() && !is_rate {
        indicator = named_before(text, rules, "quantity.indicator_after_plan", start)
            .filter(|s| !s.split_whitespace().any(|w| w == "là"));
    }
    // A part of a breakdown is named by the words before it ("trong đó: hộ nghèo 650 hộ,
    // hộ cận nghèo 550 hộ"), not by its total's indicator.
    // (A share's whole follows it and names what both count: see `extract_with`.)
    if indicator.is_none()
        && subject.is_none()
        && parent.is_some()
        && qs[i].rule != "quantity.share"
    {
        indicator = parent
            .filter(|&p| line_of[p] != line_of[i])
            .and_then(|_| item_label(text, lines, line_of[i], start))
            .or_else(|| segment_before(text, rules, start).and_then(|s| part_name(&s)))
            .filter(|s| !is_subject(rules, s));
    }
    // A rate right after a count ("1.269 người … (đạt 71,1% kế hoạch)") is about it.
    // Rates in a row after it count too ("đạt 6.250 tỷ đồng, bằng 52,1% dự toán, tăng 12%").
    let (s_start, _) = sentence_around(text, start);
    let prev_count = earlier_from(qs, i, s_start).find(|&k| qs[k].value.unit != "percent");
    if is_rate && indicator.is_none() {
        if let Some(k) = prev_count {
            indicator = qs[k].value.indicator.clone();
            subject = subject.or(qs[k].value.subject.clone());
        } else if change_and_bound(text, start, end).0.is_some() {
            // "Tỷ lệ lao động qua đào tạo đạt 72,5%, tăng 1,5% so với năm 2022": with no
            // count before it, a change right after a named rate is that rate's.
            if let Some(k) = earlier_from(qs, i, s_start).next() {
                if qs[k].value.unit == "percent" && qs[k].value.change.is_none() {
                    indicator = qs[k].value.indicator.clone();
                    subject = subject.or(qs[k].value.subject.clone());
                }
            }
        }
    }
    // "Tỷ lệ hộ nghèo còn 2,31%, giảm 0,74 điểm phần trăm": a change in points names the
    // rate before it in its sentence.
    if indicator.is_none() && subject.is_none() && qs[i].value.unit == "percentage_point" {
        if let Some(k) = earlier_from(qs, i, s_start).find(|&k| qs[k].value.unit == "percent") {
            indicator = qs[k].value.indicator.clone();
            subject = qs[k].value.subject.clone();
        }
    }
    if let Some(p) = parent {
        if indicator.is_none()
            || subject.is_some() && qs[p].value.indicator.is_some() && indicator.is_none()
        {
            indicator = qs[p].value.indicator.clone();
        }
        if subject.is_none() {
            subject = qs[p].value.subject.clone();
        }
    }
    // Period: one named in the sentence, else the total's.
    let (f_start, s_end) = full_sentence_around(text, start);
    // "Kế hoạch đào tạo nghề là 1.500 người, 9 tháng thực hiện được 1.230 người": a result
    // that names nothing, after a plan of its unit in the same sentence, is that plan's.
    let clause_start = text[s_start..start]
        .rfind(['(', ':'])
        .map_or(s_start, |k| s_start + k + 1);
    // The role its own clause names (a rate's is its own).
    let clause_cue = (!is_rate)
        .then(|| cue(rules, &text[clause_start..start]))
        .flatten();
    if indicator.is_none()
        && subject.is_none()
        && parent.is_none()
        && clause_cue.as_deref() == Some("result")
    {
        indicator = earlier_from(qs, i, f_start)
            .find(|&k| qs[k].value.unit == qs[i].value.unit)
            .filter(|&k| qs[k].value.role == "plan")
            .and_then(|k| qs[k].value.indicator.clone());
    }
    let in_sentence = |span: crate::document::Span| span.start >= f_start && span.end <= s_end;
    // The nearest period or date of the sentence, one written before the figure first
    // ("Quý I/2025 hoàn thành 30%; 6 tháng cuối năm 2025 …": the quarter's); a date inside
    // a period ("năm 2024" of "6 tháng đầu năm 2024") is the period's.
    let inside_period = |span: crate::document::Span| {
        periods
            .iter()
            .any(|p| p.span.start <= span.start && span.end <= p.span.end)
    };
    // A time the figure is compared with is no time of its own: "tăng 8,3 tỷ đồng so với
    // năm 2023", "so với cùng kỳ năm 2023".
    // So is the time of a ratio ("gấp 1,5 lần năm 2017"), and one in a bracket that holds
    // its own figure ("đạt 6,82% (năm 2017 là 8,95%)").
    let figure = qs[i].span;
    let baseline = |span: crate::document::Span| {
        compares_with(text, span)
            || times_of(text, span)
            || bracket_of_another_figure(text, qs, (f_start, s_end), span, figure)
    };
    let period_marks = periods
        .iter()
        .filter(|p| in_sentence(p.span) && !baseline(p.span))
        .map(|p| (p.span.start, Some(p.value.iso())));
    let date_marks = dates
        .iter()
        .filter(|d| {
            d.value.role == "date"
                && in_sentence(d.span)
                && !inside_period(d.span)
                && !baseline(d.span)
        })
        .map(|d| (d.span.start, d.value.date.as_ref().map(|d| d.iso.clone())));
    // A time written after the figure is its own only within its clause: "kết nạp 12.500
    // đoàn viên; 100% cơ sở tổ chức Đại hội nhiệm kỳ 2026 - 2031" is the next clause's.
    let same_clause = |at: usize| at <= start || !text[start..at].contains(';');
    let figure_end = qs[i].span.end;
    let mut period = period_marks
        .chain(date_marks)
        .filter(|&(at, ref iso)| iso.is_some() && same_clause(at))
        // A time written right after the figure is its own ("tăng từ 1,1 triệu đồng năm
        // 2021 lên 1,9 triệu đồng năm 2024"), before any written ahead of it.
        .min_by_key(|&(at, _)| {
            let right_after = at >= figure_end && text[figure_end..at].trim().is_empty();
            (!right_after, at > start, at.abs_diff(start))
        })
        .and_then(|(_, iso)| iso);
    if period.is_none() {
        period = parent.and_then(|p| qs[p].value.period.clone());
    }
    if period.is_none() {
        period = heading_period(lines, outline, line_of[i], dates, periods);
        // "sản lượng lương thực cả năm đạt 104.000 tấn" under "6 THÁNG CUỐI NĂM 1999":
        // the whole year of the heading's half.
        if whole_year_named(&text[f_start..s_end]) {
            period = period.map(|p| year_of(&p).map_or(p.clone(), str::to_string));
        }
    }
    // Role.
    let mut role = qs[i].value.role.clone();
    if !is_rate {
        role = clause_cue
            .or_else(|| cue(rules, &text[f_start..start]))
            .or_else(|| {
                parent
                    .map(|p| qs[p].value.role.clone())
                    .filter(|r| r != "other")
            })
            .or_else(|| heading_cue(rules, lines, outline, line_of[i]))
            .or_else(|| (doc_type == Some("ke_hoach")).then(|| "plan".to_string()))
            .unwrap_or_else(|| "other".to_string());
        // A plan or resolution states its targets with "đạt" too ("GRDP bình quân đầu người
        // đạt 92 triệu đồng"): there it names a result only with a mark of the past or a
        // heading of results.
        if role == "result" && doc_type.is_some_and(|t| TARGET_SETTING.contains(&t)) {
            let sentence = text[f_start..start].to_lowercase();
            let past = [
                "đã",
                "thực hiện",
                "kết quả",
                "ước",
                "tính đến",
                "hiện có",
                "năm qua",
            ]
            .iter()
            .any(|w| contains_words(&sentence, w));
            let results_heading =
                heading_cue(rules, lines, outline, line_of[i]).is_some_and(|r| r == "result");
            if !past && !results_heading {
                role = "plan".to_string();
            }
        }
    }
    let (change, bound) = change_and_bound(text, start, end);
    let q = &mut qs[i].value;
    q.change = change;
    q.bound = bound;
    q.indicator = indicator.and_then(|s| tidy_indicator(&s));
    q.subject = subject;
    q.period = period;
    q.role = role;
}

/// "1.234/" right before the figure `c` ("đạt 1.234/1.500 hộ", "312/400 thẻ", "10/12 dự
/// án"): where it starts and the number, when it is no date ("30/9/2013", "ngày 10/12 xã"),
/// no code and not larger than the whole.
fn share_before<'t>(text: &'t str, rules: &RuleSet, c: &Candidate) -> Option<(usize, &'t str)> {
    let start = c.start;
    let before = text.get(..start)?.strip_suffix('/')?;
    let (from, number) = super::numbers::trailing_number(before);
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "30/9/2013", "111/2013/NĐ-CP": a slash before the number too, or letters glued to it.
    if before[..from].ends_with(|c: char| c.is_alphanumeric() || matches!(c, '/' | '-')) {
        return None;
    }
    let whole_digits = super::numbers::leading_number(&text[start..]);
    let whole = super::numbers::parse_vn_number(whole_digits.trim_end_matches(['.', ',']))?;
    let part = super::numbers::parse_vn_number(number)?;
    // A day and month ("15/6 năm") are no share: the whole must be above 31 or carry
    // thousands or a decimal comma ("18,6/24,3 km", never a day), or else count things
    // ("10/12 dự án", not "10/12 ha") with no word before that leads to a date (rule
    // `quantity.share_date_cue`); and the part no larger.
    let small_share = || {
        counts_things(rules, c) && {
            let lead = super::matching::tail(&before[..from], 40);
            !rules_of(rules, "quantity.share_date_cue")
                .iter()
                .any(|r| r.regex.is_match(lead))
        }
    };
    let decimal = whole_digits.trim_end_matches(['.', ',']).contains(',') || number.contains(',');
    (part <= whole && (whole > 31.0 || whole_digits.contains('.') || decimal || small_share()))
        .then_some((from, number))
}

/// "265,3 tỷ đồng/425 tỷ đồng kế hoạch": a figure after a slash that closes a figure of
/// the same unit is a figure of its own, not a rate's base.
fn unit_repeated_before(text: &str, start: usize, end: usize) -> bool {
    let figure = &text[start..end];
    let number = super::numbers::leading_number(figure);
    let unit = figure[number.len()..].trim();
    let before = text[..start].trim_end_matches('/').trim_end();
    unit.chars().count() >= 2
        && before.ends_with(unit)
        && before[..before.len() - unit.len()]
            .trim_end()
            .ends_with(|ch: char| ch.is_ascii_digit())
}

/// True when the figure `c` is a count of things or people: a unit of the lexicon's kind
/// `count` (not a measure, money or a percentage).
fn counts_things(rules: &RuleSet, c: &Candidate) -> bool {
    c.rule.field == "quantity"
        && c.group("unit").is_some_and(|written| {
            crate::rules::unit_named(&rules.units, written).map_or(true, |u| u.kind == "count")
        })
}

/// Whether two percentages make a range: "từ 5% đến 10%", "5% - 10%", the lower first.
fn percent_range(text: &str, low: &Value<Quantity>, up: &Value<Quantity>) -> bool {
    let (Some(gap), true) = (
        text.get(low.span.end..up.span.start),
        low.value.unit == "percent" && up.value.unit == "percent",
    ) else {
        return false;
    };
    let opens_with_tu = tail(&text[..low.span.start], 6)
        .trim_end()
        .to_lowercase()
        .ends_with("từ");
    let joined = match gap.trim() {
        "-" | "–" => true,
        "đến" | "tới" => opens_with_tu,
        _ => false,
    };
    joined && low.value.value < up.value.value
}

/// The lower end of a range whose upper end is `upper`: a bare number right before it,
/// joined by a dash or "đến"/"tới" ("8,0 - 8,5%", "từ 40.000 đến 45.000 tỷ đồng"), with the
/// upper end's unit and scale.
fn range_start(text: &str, upper: &Value<Quantity>) -> Option<Value<Quantity>> {
    let before = tail(&text[..upper.span.start], 40);
    let trimmed = before.trim_end();
    let joined = ["-", "–", "đến", "tới"]
        .iter()
        .find_map(|j| trimmed.strip_suffix(j))?
        .trim_end();
    let (digits_at, number) = super::numbers::trailing_number(joined);
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Not a date ("01/10 - 31/12"), a code, a larger number's tail or a unit's digit
    // ("từ 90 m2 đến 120 m2": the 2 of m2 is no lower end).
    if joined[..digits_at].ends_with(['/', '.', ',']) || is_part_of_a_name(joined, digits_at) {
        return None;
    }
    // The upper end's scale word ("45.000 tỷ đồng") applies to the lower end as well.
    let written = super::numbers::leading_number(&upper.raw);
    let scale = upper.raw[written.len()..]
        .split_whitespace()
        .next()
        .and_then(super::numbers::scale_of)
        .unwrap_or(1.0);
    let mut value = super::numbers::parse_vn_scaled(number, scale)?;
    // "450 - 500.000 ha", "60 - 100 000 đồng": the lower end's thousands are elided.
    while value > 0.0 && value * 100.0 < upper.value.value && value * 1000.0 <= upper.value.value {
        value *= 1000.0;
    }
    // Also refuses NaN: only a lower end strictly below the upper one makes a range.
    if value.partial_cmp(&upper.value.value) != Some(std::cmp::Ordering::Less) {
        return None;
    }
    let start = upper.span.start - before.len() + digits_at;
    let end = start + number.len();
    let mut q = upper.value.clone();
    q.value = value;
    q.in_words = None;
    q.bound = Some("at_least".to_string());
    Some(Value::new(
        q,
        &text[start..end],
        (start..end).into(),
        upper.confidence * 0.9,
        "quantity.range_start",
    ))
}

/// Document types that report on a stretch of time their title block may name ("BÁO CÁO
/// … 6 tháng đầu năm 2026", "(Số liệu tính từ ngày 01/01/2026 đến ngày 30/6/2026)").
const REPORTING: &[&str] = &["bao_cao"];

/// The period a report's title block names: from its type line ("BÁO CÁO") to the end of
/// its subject, the bracketed line under it included, or to where the subject turns to
/// what comes next ("… năm 2024 và phương hướng, nhiệm vụ năm 2025"; rule
/// `quantity.title_ahead`); a period first, else a month, quarter or year (a day is a cited
/// act's date), never one inside a cited act ("Tổng kết Luật Đất đai năm 2013").
pub fn title_period(
    text: &str,
    rules: &RuleSet,
    document: &super::DocumentFields,
    references: &[Value<super::Reference>],
    dates: &[Value<DateMention>],
    periods: &[Value<Period>],
) -> Option<String> {
    let doc_type = document
        .doc_type
        .as_ref()
        .filter(|t| t.rule == "type.title")?;
    if !REPORTING.contains(&doc_type.value.id.as_str()) {
        return None;
    }
    let subject = document
        .subject
        .as_ref()
        .filter(|s| s.rule == "subject.after_title")?;
    let from = doc_type.span.start;
    let to = text
        .get(subject.span.start..subject.span.end)
        .and_then(|subject_text| {
            rules_of(rules, "quantity.title_ahead")
                .iter()
                .filter_map(|r| r.regex.find(subject_text).map(|m| m.start()))
                .min()
        })
        .map_or(subject.span.end, |at| subject.span.start + at);
    let within = |s: crate::document::Span| {
        s.start >= from
            && s.end <= to
            && !references
                .iter()
                .any(|r| r.span.start <= s.start && s.end <= r.span.end)
    };
    time_within(periods, dates, within)
}

/// The first period in the spans `within` accepts, else the first month or year there (a
/// day is a cited act's date, not the figures' time).
fn time_within(
    periods: &[Value<Period>],
    dates: &[Value<DateMention>],
    within: impl Fn(crate::document::Span) -> bool,
) -> Option<String> {
    periods
        .iter()
        .find(|p| within(p.span))
        .map(|p| p.value.iso())
        .or_else(|| {
            dates
                .iter()
                .filter(|d| d.value.role == "date" && d.value.day.is_none() && within(d.span))
                .find_map(|d| d.value.date.as_ref().map(|d| d.iso.clone()))
        })
}

/// A report's figures that name no time of their own, take none from the figure they
/// break down and none from a heading above take the period of the report's title block
/// (`period`, from [`title_period`]), like a heading over the whole report. Not a target
/// ("kế hoạch", "phấn đấu": the next period's), nor a figure in a section that looks ahead
/// (a heading above it opening with "Phương hướng", "Nhiệm vụ", "Giải pháp", "Kiến nghị"…;
/// rule `quantity.report_section_ahead`), nor one whose sentence names a part of the
/// report's time ("Trong tháng, …" in a report on ten months; rule
/// `quantity.relative_time`), unless the report's period is that very month or quarter.
pub fn date_by_title(
    text: &str,
    rules: &RuleSet,
    quantities: &mut [Value<Quantity>],
    period: &str,
) {
    let lines = Lines::new(text);
    let outline = Outline::new(&lines);
    let ahead = rules_of(rules, "quantity.report_section_ahead");
    let relative = rules_of(rules, "quantity.relative_time");
    // "2025-Q3" is one quarter, "2025-10" one month.
    let one = if period.contains('/') {
        ""
    } else if period.contains("-Q") {
        "quý"
    } else if period.len() == 7 {
        "tháng"
    } else {
        ""
    };
    for q in quantities.iter_mut() {
        if q.value.period.is_some() || q.value.role == "plan" {
            continue;
        }
        let (s, e) = full_sentence_around(text, q.span.start);
        let sentence = &text[s..e.max(q.span.end).min(text.len())];
        let part_of_time = relative.iter().any(|r| {
            r.regex.captures_iter(sentence).any(|c| {
                c.name("unit")
                    .or(c.name("unit_before"))
                    .map_or(true, |u| u.as_str().to_lowercase() != one)
            })
        });
        if part_of_time {
            continue;
        }
        let line = lines.line_of(q.span.start);
        let looks_ahead = nearest_heading(&outline, line, |j| {
            let words = lines.core(heading_words_line(&lines, j));
            ahead.iter().any(|r| r.regex.is_match(words)).then_some(())
        });
        if looks_ahead.is_none() {
            q.value.period = Some(period.to_string());
        }
    }
}

/// A part of a year its sentence names without the year ("Trong quý II …", "lũy kế 8
/// tháng …", "… 2,31% trong quý I") narrows a figure's period to that part of the year the
/// figure is already dated in (by its report, heading or sentence). The nearest such part
/// before the figure in its clause counts, unless a dated time stands between; else one
/// right after the figure.
pub fn date_yearless_parts(
    text: &str,
    rules: &RuleSet,
    quantities: &mut [Value<Quantity>],
    dates: &[Value<DateMention>],
    periods: &[Value<Period>],
) {
    let parts = rules_of(rules, "quantity.yearless_part");
    if parts.is_empty() {
        return;
    }
    let dated: Vec<crate::document::Span> = periods
        .iter()
        .map(|p| p.span)
        .chain(
            dates
                .iter()
                .filter(|d| d.value.role == "date")
                .map(|d| d.span),
        )
        .collect();
    for i in 0..quantities.len() {
        let Some(year) = quantities[i].value.period.as_deref().and_then(single_year) else {
            continue;
        };
        let figure = quantities[i].span;
        let (from, to) = full_sentence_around(text, figure.start);
        let to = to.max(figure.end).min(text.len());
        let found: Vec<YearlessPart> = parts
            .iter()
            .flat_map(|r| r.regex.captures_iter(&text[from..to]))
            .filter_map(|c| yearless_part(text, from, &c))
            .filter(|p| {
                let span = crate::document::Span {
                    start: p.start,
                    end: p.end,
                };
                !compares_with(text, span)
                    && !times_of(text, span)
                    && !bracket_of_another_figure(text, quantities, (from, to), span, figure)
            })
            .collect();
        let before = found
            .iter()
            .filter(|p| p.end <= figure.start)
            .max_by_key(|p| p.end)
            .filter(|p| {
                let between = &text[p.end..figure.start];
                !between.contains(';')
                    && !between.to_lowercase().contains("cả năm")
                    && !dated
                        .iter()
                        .any(|d| d.start >= p.end && d.end <= figure.start)
            });
        let after = || {
            found
                .iter()
                .filter(|p| p.start >= figure.end)
                .min_by_key(|p| p.start)
                .filter(|p| {
                    let between = &text[figure.end..p.start];
                    between.len() <= 24
                        && !between.contains([',', ';', '(', ')'])
                        && !quantities
                            .iter()
                            .any(|q| q.span.start >= figure.end && q.span.end <= p.start)
                })
        };
        if let Some(part) = before.or_else(after) {
            quantities[i].value.period = Some(part.period_in(year));
        }
    }
}

/// The one year a period lies in ("2019", "2019-Q2", "2019-01/2019-06"), if one.
fn single_year(period: &str) -> Option<i32> {
    let mut years = period
        .split('/')
        .map(|p| p.get(..4).and_then(|y| y.parse::<i32>().ok()));
    let first = years.next()??;
    years.all(|y| y == Some(first)).then_some(first)
}

/// A part of a year read by `quantity.yearless_part`, at byte offsets of the text.
struct YearlessPart {
    start: usize,
    end: usize,
    /// (first month, last month), or a quarter.
    months: (u32, u32),
    quarter: Option<u32>,
}

impl YearlessPart {
    fn period_in(&self, year: i32) -> String {
        match (self.quarter, self.months) {
            (Some(q), _) => format!("{year}-Q{q}"),
            (None, (1, 12)) => year.to_string(),
            (None, (a, b)) if a == b => format!("{year}-{a:02}"),
            (None, (a, b)) => format!("{year}-{a:02}/{year}-{b:02}"),
        }
    }
}

/// The part a match names, unless its year follows ("quý I/2019", "tháng 8 năm 2016",
/// "6 tháng đầu năm 2019") or it is a day's month ("ngày 15 tháng 8").
fn yearless_part(text: &str, offset: usize, c: &regex::Captures) -> Option<YearlessPart> {
    let whole = c.get(0)?;
    let end = offset + whole.end();
    let after = text[end..].trim_start();
    let after_lower = after.to_lowercase();
    let year_follows = after.starts_with(|ch: char| ch.is_ascii_digit())
        || after.starts_with(|ch: char| ch.is_alphanumeric()) && !text[end..].starts_with(' ')
        || ["/", "-", "năm"].iter().any(|sep| {
            after_lower.strip_prefix(sep).is_some_and(|rest| {
                rest.trim_start()
                    .starts_with(|ch: char| ch.is_ascii_digit())
            })
        });
    if year_follows {
        return None;
    }
    let number = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (months, quarter) = if let Some(q) = c.name("quarter") {
        let n = match q.as_str() {
            "I" | "1" => 1,
            "II" | "2" => 2,
            "III" | "3" => 3,
            _ => 4,
        };
        ((3 * n - 2, 3 * n), Some(n))
    } else if let Some(m) = number("month") {
        // "ngày 30 tháng 11", "đến 30 tháng 11" (a day), "6 tháng 2,86 tỷ đồng" (months,
        // then a figure).
        let month = c.name("month")?;
        let before = text[..offset + month.start()].trim_end();
        let before = before
            .strip_suffix("tháng")
            .or(before.strip_suffix("Tháng"))?;
        let before = before.trim_end().to_lowercase();
        let figure_after = text[offset + month.end()..]
            .strip_prefix([',', '.'])
            .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_ascii_digit()));
        if before.ends_with(|ch: char| ch.is_ascii_digit()) || figure_after {
            return None;
        }
        let to = number("month_to").filter(|&to| to > m).unwrap_or(m);
        ((m, to), None)
    } else if let Some(n) = number("months").or(number("first")).or(number("past")) {
        ((1, n), None)
    } else {
        let n = number("last")?;
        ((13 - n.min(12), 12), None)
    };
    if !(1..=12).contains(&months.1) || months.0 < 1 {
        return None;
    }
    // The match may open on the character before the words.
    let start = offset
        + whole.start()
        + whole
            .as_str()
            .find(|ch: char| ch.is_alphanumeric())
            .unwrap_or(0);
    // "từ quý II", "từ tháng 9": where a time starts, not the figure's time.
    let lead = text[..start].trim_end();
    if lead.ends_with(" từ") || lead.ends_with(" Từ") || lead == "từ" || lead == "Từ" {
        return None;
    }
    Some(YearlessPart {
        start,
        end,
        months,
        quarter,
    })
}

/// Document types that set targets: a figure they state is a plan unless marked as past.
const TARGET_SETTING: &[&str] = &[
    "ke_hoach",
    "nghi_quyet",
    "chuong_trinh",
    "de_an",
    "phuong_an",
];

/// Words right before a figure that make it a bound: (words, bound), longest first.
const BOUND_WORDS: &[(&str, &str)] = &[
    ("không dưới", "at_least"),
    ("ít nhất", "at_least"),
    ("tối thiểu", "at_least"),
    ("trên", "at_least"),
    ("hơn", "at_least"),
    ("không quá", "at_most"),
    ("chưa đến", "at_most"),
    ("tối đa", "at_most"),
    ("dưới", "at_most"),
    ("xấp xỉ", "about"),
    ("khoảng", "about"),
    ("gần", "about"),
    ("ước", "about"),
];

/// Whether the figure at `start` is a change ("tăng 5,2%", "giảm thêm 120 hộ") and a bound
/// ("trên 2.000", "tăng hơn 10%"), read from the words right before it. "giảm còn 2,1%",
/// "giảm xuống 3%", "tăng lên 40%" name the level reached: no change.
fn change_and_bound(text: &str, start: usize, end: usize) -> (Option<String>, Option<String>) {
    let before = tail(&text[..start], 60).to_lowercase();
    // "(tăng 84 giường …)": a bracket or quote opening the clause is no part of its words.
    let mut words: Vec<&str> = before
        .split_whitespace()
        .map(|w| w.trim_start_matches(['(', '[', '"', '“']))
        .collect();
    // "từ 500 lao động trở lên", "từ 30% trở lên": a bound written after the figure.
    let mut after = text[end..].split_whitespace();
    let mut bound = match (after.next(), after.next()) {
        (Some("trở"), Some(w)) if w.starts_with("lên") => Some("at_least".to_string()),
        (Some("trở"), Some(w)) if w.starts_with("xuống") => Some("at_most".to_string()),
        _ => None,
    };
    // "mức hỗ trợ tối đa là 300.000 đồng": the bound may stand before the copula.
    let copula = usize::from(words.last() == Some(&"là"));
    for (w, b) in BOUND_WORDS {
        let n = w.split(' ').count() + copula;
        if words.len() >= n && words[words.len() - n..words.len() - copula].join(" ") == *w {
            bound = bound.or(Some(b.to_string()));
            words.truncate(words.len() - n);
            break;
        }
    }
    if words.last() == Some(&"thêm") {
        words.pop();
    }
    // "giảm 3 vụ (-12,5%)", "(+16,7%)": a signed figure in brackets says which way.
    let signed = text[..start].trim_end();
    // "giảm từ 3 - 4%/năm": a change by a range (the range's upper end takes it from the
    // lower); "giảm từ 48,2% xuống 32,6%" starts from a level and is no change.
    let mut ahead: String = text[end..]
        .chars()
        .take(40)
        .collect::<String>()
        .to_lowercase();
    if let Some(stop) = [";", ", ", "\n"].iter().filter_map(|w| ahead.find(w)).min() {
        ahead.truncate(stop);
    }
    let to_level = [" xuống", " lên", " còn"].iter().any(|w| ahead.contains(w));
    let by_range = text[end..].trim_start().starts_with(['-', '–'])
        && !to_level
        && words.len() >= 2
        && words[words.len() - 1] == "từ";
    if by_range {
        words.pop();
    }
    let change = match words.last() {
        Some(&"tăng") => Some("increase"),
        Some(&"giảm") => Some("decrease"),
        _ if signed.ends_with("(+") => Some("increase"),
        _ if signed.ends_with("(-") || signed.ends_with("(−") || signed.ends_with("(–") => {
            Some("decrease")
        }
        _ => None,
    };
    (change.map(str::to_string), bound)
}

/// Words that name nothing on their own: an indicator made only of them ("với khoảng",
/// "so với năm") is none.
const FUNCTION_WORDS: &[&str] = &[
    "với", "khoảng", "so", "năm", "và", "của", "là", "có", "được", "đạt", "trên", "dưới", "gần",
    "hơn", "tới", "đến", "ngày", "tháng", "trong", "đó", "từ", "các", "những", "này", "cho",
];

/// An indicator without the punctuation a clause boundary left at its start ("). Tổng
/// số …", "/môn thi"), or none when only function words remain.
fn tidy_indicator(s: &str) -> Option<String> {
    let mut s = s.trim();
    // A footnote's marker ("[^6]: Có …").
    if let Some(k) = s.strip_prefix("[^").and_then(|rest| rest.find(']')) {
        s = &s[k + 3..];
    }
    // The rest of a rate's unit ("50 m3/h BS"): the word after the slash is no name.
    if let Some(rest) = s.strip_prefix('/') {
        s = rest
            .trim_start()
            .split_once(' ')
            .map_or("", |(_, after)| after);
    }
    let s = trim_clause_edges(s.trim_start_matches(|c: char| !c.is_alphanumeric()).trim());
    let named = s
        .split_whitespace()
        .any(|w| !FUNCTION_WORDS.contains(&w.to_lowercase().as_str()));
    (named && !s.is_empty()).then(|| s.to_string())
}

/// Words that join an indicator to what came before it ("và thu nhập", "Với quy mô …",
/// "thì phần thu nhập"): no part of its name.
const LEADING_JOINERS: &[&str] = &["và", "với", "thì", "còn", "nên", "mà", "nhưng", "hoặc"];

/// Words that lead from an indicator to its figure ("tỷ lệ hộ nghèo giảm từ", "thu nhập
/// trên", "ngoại ngữ gồm"): a verb, a bound or a comparison, no part of its name.
const TRAILING_LEADS: &[&str] = &[
    "trở lên",
    "từ",
    "trên",
    "dưới",
    "đến",
    "tới",
    "gần",
    "khoảng",
    "hơn",
    "vượt",
    "lên",
    "xuống",
    "còn",
    "là",
    "đạt",
    "bằng",
    "gồm",
    "với",
    "và",
    "tăng",
    "giảm",
    "ước",
    "chiếm",
];

/// `s` without the joining words at its start and the leading words at its end; the whole
/// of `s` when nothing but such words is left.
fn trim_clause_edges(s: &str) -> &str {
    let mut t = s;
    // "Số hộ nghèo giảm từ 86 hộ", "… cho các xã với tổng số tiền": what follows names
    // another figure.
    for cut in [" từ ", " với tổng"] {
        if let Some(k) = t.find(cut) {
            let after = t[k + cut.len()..].trim_start();
            if cut == " với tổng" || after.starts_with(|c: char| c.is_ascii_digit()) {
                t = &t[..k];
            }
        }
    }
    while let Some((first, rest)) = t.split_once(' ') {
        if !LEADING_JOINERS.contains(&first.to_lowercase().as_str()) {
            break;
        }
        t = rest.trim_start();
        // "152 hộ còn lại chưa được hỗ trợ": the remaining ones, "lại" no indicator's word.
        if first.eq_ignore_ascii_case("còn") {
            if let Some(after) = t.strip_prefix("lại ") {
                t = after.trim_start();
            }
        }
    }
    'strip: loop {
        for lead in TRAILING_LEADS {
            if let Some(rest) = t.strip_suffix(lead).and_then(|r| r.strip_suffix(' ')) {
                // "mặt bằng", "đồng bằng", "cân bằng" end in "bằng" and keep it.
                let compound = *lead == "bằng"
                    && ["mặt", "đồng", "cân", "công", "văn", "san"]
                        .iter()
                        .any(|w| rest.ends_with(w));
                if compound {
                    break 'strip;
                }
                t = rest.trim_end();
                continue 'strip;
            }
        }
        break;
    }
    if t.is_empty() {
        s
    } else {
        t
    }
}

/// The role named by the cue nearest the end of `s`. A bare "đạt" after a plan cue is the
/// target's ("Phấn đấu tổng thu ngân sách cả năm đạt 12.000 tỷ đồng"), unless the past
/// marks it ("đã", "chỉ tiêu đạt được").
fn cue(rules: &RuleSet, s: &str) -> Option<String> {
    let mut best: Option<(usize, &str, &str)> = None;
    let mut first_plan: Option<usize> = None;
    for r in rules_of(rules, "quantity.role") {
        for caps in r.regex.captures_iter(s) {
            let (role, m) = if let Some(m) = caps.name("plan") {
                ("plan", m)
            } else if let Some(m) = caps.name("result") {
                ("result", m)
            } else {
                continue;
            };
            if role == "plan" {
                first_plan = Some(first_plan.map_or(m.start(), |p| p.min(m.start())));
            }
            // "KẾT QUẢ THỰC HIỆN MỤC TIÊU GIẢM NGHÈO", "Kết quả thực hiện kế hoạch năm
            // 2024": the plan word names what was carried out, the figures are results.
            let lead = s[..m.start()].trim_end().to_lowercase();
            let lead = lead.strip_suffix(" các").unwrap_or(&lead);
            // "ƯỚC THỰC HIỆN DỰ TOÁN NGÂN SÁCH NĂM 2016": the estimate of what was done.
            let carried_out = role == "plan"
                && ["kết quả thực hiện", "ước thực hiện", "tình hình thực hiện"]
                    .iter()
                    .any(|w| lead.ends_with(w));
            // "đạt 53,3% kế hoạch năm", "bằng 107,5% dự toán": the plan a rate is set
            // against, no mark of the sentence's other figures.
            // "đạt 85,3% kế hoạch năm (600 lao động)" still names the plan right after it.
            if role == "plan" && lead.ends_with('%') && !matches!(s[m.end()..].trim(), "" | "(") {
                continue;
            }
            // "tăng 6,2% so với ước thực hiện năm 2025": what a figure is compared with,
            // not what it is.
            if role == "result" && lead.ends_with("so với") {
                continue;
            }
            let role = if carried_out { "result" } else { role };
            if best.as_ref().map_or(true, |(e, _, _)| m.end() > *e) {
                best = Some((m.end(), role, m.as_str()));
            }
        }
    }
    let (end, role, written) = best?;
    let target_reached = role == "result"
        && written.to_lowercase() == "đạt"
        && first_plan.is_some_and(|p| p < end)
        && !contains_words(&s[..end], "đã")
        && !s[end..].trim_start().starts_with("được");
    Some(if target_reached { "plan" } else { role }.to_string())
}

/// The period a heading above the figure names, when its sentence names none: "II.
/// NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025" / "1. Kết nạp 2.500 hội viên mới" (the nearest of up to
/// four headings of rising level, as for roles).
fn heading_period(
    lines: &Lines,
    outline: &Outline,
    line: usize,
    dates: &[Value<DateMention>],
    periods: &[Value<Period>],
) -> Option<String> {
    let time_of_line = |j: usize| {
        let (from, to) = (lines.lines[j].core_start, lines.lines[j].core_end);
        time_within(periods, dates, |s| s.start >= from && s.end <= to)
    };
    list_intro(lines, outline, line)
        .and_then(time_of_line)
        .or_else(|| {
            nearest_heading(outline, line, |j| {
                time_of_line(heading_words_line(lines, j))
            })
        })
}

/// The line that opens the dashed list holding `line`, when it is a short unnumbered line
/// ending in ":" ("Phấn đấu đến năm 2025:" over "- 100% cơ sở Hội …").
fn list_intro(lines: &Lines, outline: &Outline, line: usize) -> Option<usize> {
    if outline.levels[line] != Some(10) {
        return None;
    }
    let mut j = line;
    while j > 0 {
        j -= 1;
        if lines.is_blank(j) || outline.levels[j] == Some(10) {
            continue;
        }
        let core = lines.core(j).trim_end_matches(['*', '_', ' ']);
        let short = core.split_whitespace().count() <= 15;
        return (outline.levels[j].is_none() && short && core.ends_with(':')).then_some(j);
    }
    None
}

/// The first of up to four headings above `line`, each of a higher level than the one
/// before (a list item's section, then its chapter), for which `read` finds something.
fn nearest_heading<T>(
    outline: &Outline,
    line: usize,
    mut read: impl FnMut(usize) -> Option<T>,
) -> Option<T> {
    let mut seen = 0;
    let mut below = outline.levels[line].unwrap_or(u32::MAX);
    let above = outline.headings.partition_point(|&j| j < line);
    for &j in outline.headings[..above].iter().rev() {
        let Some(l) = outline.levels[j].filter(|&l| l < below) else {
            continue;
        };
        below = l;
        seen += 1;
        if let Some(found) = read(j) {
            return Some(found);
        }
        if seen >= 4 || l == 0 {
            return None;
        }
    }
    None
}

/// A role named in one of the headings above a line ("II. … chỉ tiêu cụ thể"). Only lines
/// of a higher level than the figure's own line are its headings: a sibling item above
/// ("1. Diện tích đạt 1.200 ha" over "2. Kinh phí thực hiện: 3,5 tỷ đồng") lends no role.
fn heading_cue(rules: &RuleSet, lines: &Lines, outline: &Outline, line: usize) -> Option<String> {
    nearest_heading(outline, line, |j| {
        cue(rules, lines.core(heading_words_line(lines, j)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qs(text: &str) -> Vec<Value<Quantity>> {
        extract(text, &RuleSet::builtin().unwrap())
    }

    /// Each figure with the indicator it names.
    fn named(q: &[Value<Quantity>]) -> Vec<(f64, Option<&str>)> {
        q.iter()
            .map(|q| (q.value.value, q.value.indicator.as_deref()))
            .collect()
    }

    #[test]
    fn rates_per_thousand_and_per_ten_thousand_people() {
        let q = qs("Tỷ suất sinh 16,2‰, giảm 0,3 phần nghìn; có 12 bác sĩ/vạn dân.");
        assert_eq!(q[0].value.unit, "per_mille");
        assert_eq!(q[0].value.role, "rate");
        assert_eq!(
            (q[1].value.unit.as_str(), q[1].value.value),
            ("per_mille", 0.3)
        );
        assert_eq!(q[2].value.unit, "doctor_per_10000");
        assert_eq!(q[2].raw, "12 bác sĩ/vạn dân");
        assert_eq!(q[2].value.indicator, None);
        // The base is no count of its own.
        let q = qs("Tỷ lệ mắc 85 ca/100.000 người.");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn a_period_moved_by_years() {
        assert_eq!(
            shift_years("2019-01/2019-06", -1).as_deref(),
            Some("2018-01/2018-06")
        );
        assert_eq!(shift_years("2024-02-29", -1).as_deref(), Some("2023-02-28"));
        assert_eq!(shift_years("2012-Q3", 2).as_deref(), Some("2014-Q3"));
        assert_eq!(shift_years("quý I", -1), None);
        // "cùng kỳ năm 2017" moves the figure's own half into 2017; "năm 2017" names it.
        let own = Some("2019-01/2019-06".to_string());
        let named = Some("2017".to_string());
        assert_eq!(
            compared_period("So với cùng kỳ năm 2017 ", named.clone(), own.clone()).as_deref(),
            Some("2017-01/2017-06")
        );
        assert_eq!(
            compared_period("so với năm 2017 ", named, own.clone()).as_deref(),
            Some("2017")
        );
        assert_eq!(compared_period("trong đó ", None, own.clone()), own);
    }

    #[test]
    fn a_spaced_group_after_a_letter_of_two_bytes() {
        // The group "12" follows "ư" (two bytes in UTF-8): no slicing inside it.
        let q = qs("Xã Phư12 120 ha lúa.");
        assert!(q.iter().any(|q| q.value.unit_label == "ha"), "{q:?}");
    }

    #[test]
    fn a_range_of_areas_in_square_metres() {
        let q = qs("Mỗi hộ được giao một lô diện tích từ 90 m2 đến 120 m2, nộp tiền sử dụng đất.");
        let values: Vec<f64> = q.iter().map(|q| q.value.value).collect();
        assert_eq!(values, vec![90.0, 120.0]);
    }

    #[test]
    fn digits_of_a_name_are_no_figure() {
        let q = qs("Đã tiêm vắc xin COVID-19 mũi 3 cho 1.250 người; vùng ASEAN-6 có 3 dự án.");
        let values: Vec<f64> = q.iter().map(|q| q.value.value).collect();
        assert_eq!(values, vec![1250.0, 3.0]);
        // A programme's number names it: "Đề án 06" counts no communes.
        let q = qs("Triển khai Đề án 06 xã Mỹ An và Chương trình 135 xã đặc biệt khó khăn; 09 ấp hoàn thành.");
        let values: Vec<f64> = q.iter().map(|q| q.value.value).collect();
        assert_eq!(values, vec![9.0]);
        // A range's dash follows a digit: both ends stay figures.
        let q = qs("Mỗi lớp có 25-30 học viên.");
        assert!(q.iter().any(|q| q.value.value == 30.0), "{q:?}");
    }

    #[test]
    fn a_number_grouped_by_spaces_is_one_number() {
        let q = qs("Phòng khám chuyên khoa có 23 400 cơ sở, tổng số 2 715 giường bệnh.");
        let values: Vec<f64> = q.iter().map(|q| q.value.value).collect();
        assert_eq!(values, vec![23400.0, 2715.0]);
        // In brackets after another figure: "(208 622 giường)" is not 622 beds.
        let q =
            qs("Toàn quốc có 1 562 bệnh viện (208 622 giường), trong đó tư nhân (32 082 giường).");
        let values: Vec<f64> = q.iter().map(|q| q.value.value).collect();
        assert_eq!(values, vec![208622.0, 32082.0]);
        assert_eq!(q[0].raw, "208 622 giường");
        // A year, an article or a date before the group keeps it a count of its own.
        for text in [
            "Năm 2021 150 người",
            "Điều 5 300 người",
            "ngày 12 450 hộ",
            "đợt 2 150 hộ",
        ] {
            let q = qs(text);
            assert!(q.iter().all(|q| q.value.value < 1000.0), "{text}: {q:?}");
        }
    }

    #[test]
    fn a_clause_after_a_figure_names_the_next_one_not_it() {
        let q = qs("Toàn tỉnh xây mới 1.146 phòng học với tổng kinh phí gần 870 tỷ đồng.");
        assert_eq!(q[0].value.indicator, None);
        let q = qs("Số hộ nghèo giảm từ 73 hộ xuống còn 52 hộ.");
        assert_eq!(q[0].value.indicator.as_deref(), Some("Số hộ nghèo"));
        assert_eq!(q[1].value.indicator.as_deref(), Some("Số hộ nghèo"));
        let q = qs("Nạo vét 27,5 km kênh mương nội đồng với khối lượng 18.300 m3.");
        assert_eq!(q[0].value.indicator.as_deref(), Some("kênh mương nội đồng"));
        // A word that names keeps its place ("xuống cấp" is no "xuống còn").
        let q = qs("Sửa chữa 310 phòng học xuống cấp.");
        assert_eq!(q[0].value.indicator.as_deref(), Some("xuống cấp"));
    }

    #[test]
    fn an_indicator_loses_the_words_that_lead_to_its_figure() {
        let q = qs("Tỷ lệ hộ dùng nước sạch toàn xã tăng từ 61% lên 74%.");
        assert_eq!(
            q[0].value.indicator.as_deref(),
            Some("Tỷ lệ hộ dùng nước sạch toàn xã")
        );
        let q = qs("Hộ có doanh thu trên 70 triệu đồng/năm và thu nhập trên 28 triệu đồng/năm.");
        assert_ne!(q[0].value.indicator.as_deref(), Some("và thu nhập trên"));
        let q = qs("Tuy nhiên, 03 dự án còn vướng giải phóng mặt bằng.");
        assert!(q[0]
            .value
            .indicator
            .as_deref()
            .is_some_and(|i| i.ends_with("mặt bằng")));
    }

    #[test]
    fn a_bound_written_after_the_figure() {
        let q = qs("Doanh nghiệp sử dụng từ 40 lao động trở lên; thuế suất từ 25% trở lên.");
        assert_eq!(
            bounds_and_changes(&q),
            vec![
                (40.0, Some("at_least"), None),
                (25.0, Some("at_least"), None)
            ]
        );
        assert_eq!(q[0].value.indicator, None);
        // A bound before the copula; the copula alone bounds nothing.
        let q = qs("Mức hỗ trợ tối đa là 300.000 đồng/người; số người được hỗ trợ là 120 người.");
        assert_eq!(
            bounds_and_changes(&q),
            vec![(300_000.0, Some("at_most"), None), (120.0, None, None)]
        );
    }

    #[test]
    fn a_change_after_a_named_rate_is_that_rate_s() {
        let q = qs("Tỷ lệ trẻ được tiêm đủ mũi đạt 91,6%, tăng 2,4% so với năm 2024.");
        assert_eq!(q[1].value.indicator, q[0].value.indicator);
        assert_eq!(q[1].value.change.as_deref(), Some("increase"));
    }

    #[test]
    fn results_of_carrying_out_a_plan_and_the_plan_behind_a_rate() {
        let text = "I. KẾT QUẢ THỰC HIỆN MỤC TIÊU GIẢM NGHÈO\n1. Số hộ nghèo giảm từ 73 hộ xuống còn 52 hộ.\n";
        let q = qs(text);
        assert!(q.iter().all(|q| q.value.role == "result"), "{q:?}");
        // The estimate of a year's result, under a heading that names the estimate.
        let text = "I. ƯỚC THỰC HIỆN DỰ TOÁN NGÂN SÁCH NĂM 2016\nTổng thu ngân sách trên địa bàn ước thực hiện 131.200 triệu đồng.\n";
        let q = qs(text);
        assert_eq!(q[0].value.role, "result", "{q:?}");
        // … but not what a plan is compared with.
        let q = qs("2. Dự toán năm 2026: tổng thu là 3.850 triệu đồng, tăng 6,2% so với ước thực hiện năm 2025; trong đó thu phí, lệ phí 410 triệu đồng.");
        assert_eq!(q[2].value.role, "plan", "{q:?}");
        // "đạt 47% kế hoạch năm" sets the rate against the plan; the parts after it are no
        // plan, the bracket right after it is.
        let q = qs("Giải quyết việc làm cho 940 lao động, đạt 47% kế hoạch năm (2.000 lao động); trong đó lao động nữ 410 người.");
        let roles: Vec<(f64, &str)> = q
            .iter()
            .map(|q| (q.value.value, q.value.role.as_str()))
            .collect();
        assert!(roles.contains(&(2000.0, "plan")), "{roles:?}");
        assert!(!roles.contains(&(410.0, "plan")), "{roles:?}");
    }

    #[test]
    fn indicators_cut_at_sources_acts_and_whole_words() {
        let ind = |text: &str, i: usize| qs(text)[i].value.indicator.clone();
        // Where the money comes from and the act it follows are no indicator.
        for text in [
            "bổ sung cho tỉnh 150 tỷ đồng từ nguồn dự phòng ngân sách trung ương năm 2026.",
            "Sở Tài chính cấp 3.150 triệu đồng theo Quyết định số 876/QĐ-UB ngày 20/6/1998.",
        ] {
            let got = ind(text, 0);
            assert!(
                got.as_deref()
                    .is_none_or(|s| !s.starts_with("từ") && !s.starts_with("theo")),
                "{text}: {got:?}"
            );
        }
        assert_eq!(
            ind(
                "dạy học 2 buổi ở những nơi đủ điều kiện theo hướng dẫn tại Công văn số 12.",
                0
            )
            .as_deref(),
            Some("ở những nơi đủ điều kiện")
        );
        // "mặt bằng" keeps its "bằng" where the word limit cuts after "và"; a "năm" the
        // year's digits left is dropped.
        let got = ind(
            "còn 02 dự án thành phần còn chậm tiến độ do vướng mắc giải phóng mặt bằng và \
             thiếu vật liệu đắp nền.",
            0,
        );
        assert!(
            got.as_deref().is_some_and(|s| s.ends_with("mặt bằng")),
            "{got:?}"
        );
        assert_eq!(
            ind("khắc phục sạt lở tại 12 xã vùng cao năm 2026.", 0).as_deref(),
            Some("vùng cao")
        );
        assert_eq!(
            ind(
                "Xảy ra 07 vụ cháy rừng trong các tháng 3 và tháng 4 năm 2026.",
                0
            )
            .as_deref(),
            Some("cháy rừng")
        );
        assert_eq!(
            ind(
                "huyện bố trí 350 triệu đồng từ ngân sách huyện để mua sắm dụng cụ.",
                0
            )
            .as_deref(),
            Some("để mua sắm dụng cụ")
        );
        // "theo" cuts only before an act or instruction: "theo dõi" is a verb.
        assert_eq!(
            ind("mua 40 máy theo dõi bệnh nhân, cụ thể như sau", 0).as_deref(),
            Some("theo dõi bệnh nhân")
        );
        // "thực hiện" leads to the figure whole; "Phấn đấu" opens a target's clause.
        let text =
            "Tổng thu ngân sách xã năm 2025 thực hiện 14.862 triệu đồng, đạt 108,2% dự toán; \
                    tổng chi ngân sách xã thực hiện 13.905 triệu đồng. Phấn đấu tổng thu ngân sách \
                    xã năm 2026 đạt 15.500 triệu đồng.";
        let q = qs(text);
        assert_eq!(
            q[0].value.indicator.as_deref(),
            Some("Tổng thu ngân sách xã năm 2025")
        );
        assert_eq!(
            q[2].value.indicator.as_deref(),
            Some("tổng chi ngân sách xã")
        );
        assert_eq!(
            q[3].value.indicator.as_deref(),
            Some("tổng thu ngân sách xã năm 2026")
        );
    }

    #[test]
    fn numbers_units_and_money() {
        let q =
            qs("có 1.840 người, chi 1.587.000.000 đồng và 1,5 tỷ; tỷ lệ 74,95%; 15 triệu đồng.");
        let vals: Vec<(f64, &str)> = q
            .iter()
            .map(|q| (q.value.value, q.value.unit.as_str()))
            .collect();
        assert_eq!(
            vals,
            [
                (1840.0, "person"),
                (1_587_000_000.0, "vnd"),
                (1.5e9, "vnd"),
                (74.95, "percent"),
                (15e6, "vnd")
            ]
        );
        assert_eq!(q[3].value.role, "rate");
    }

    /// (value, unit, unit label) of each figure.
    fn values_and_units(q: &[Value<Quantity>]) -> Vec<(f64, &str, &str)> {
        q.iter()
            .map(|q| {
                (
                    q.value.value,
                    q.value.unit.as_str(),
                    q.value.unit_label.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn a_scale_word_before_a_unit_is_a_measure_not_money() {
        let q = qs("rừng cần bảo vệ khoảng 1,2 triệu ha; giải quyết việc làm cho 18.540 lao động; 2.500 hộ gia đình cài đặt ứng dụng.");
        assert_eq!(
            values_and_units(&q),
            [
                (1.2e6, "hectare", "ha"),
                (18540.0, "worker", "lao động"),
                (2500.0, "household", "hộ gia đình")
            ]
        );
        assert_eq!(q[2].value.indicator.as_deref(), Some("cài đặt ứng dụng"));
    }

    #[test]
    fn a_year_before_ty_le_is_no_money() {
        let q = qs("Phấn đấu đến cuối năm 2025 tỷ lệ hộ nghèo giảm còn 2,5%; năm 2024 tỷ trọng dịch vụ đạt 40%.");
        assert_eq!(
            values_and_units(&q),
            [(2.5, "percent", "%"), (40.0, "percent", "%")]
        );
        // A bare scale word that ends a sentence is still money.
        let q = qs("Nguồn vốn đạt 1,5 tỷ. Hỗ trợ 2 tỷ từ ngân sách.");
        assert_eq!(values_and_units(&q)[1], (2e9, "vnd", "tỷ đồng"));
    }

    #[test]
    fn a_decimal_amount_times_its_scale_is_exact() {
        let q = qs("đạt 152,5 tỷ đồng, tăng 8,3 tỷ đồng; chi 0,35 triệu đồng.");
        let vals: Vec<f64> = q.iter().map(|q| q.value.value).collect();
        assert_eq!(vals, [152_500_000_000.0, 8_300_000_000.0, 350_000.0]);
    }

    #[test]
    fn an_amount_per_unit_keeps_its_unit() {
        let q = qs("Mức hỗ trợ: 40 triệu đồng/hộ xây mới; 1.500.000 đồng/người/tháng; 38 triệu đồng / người; tổng 2 tỷ đồng.");
        assert_eq!(
            values_and_units(&q),
            [
                (40e6, "vnd_per_unit", "triệu đồng/hộ"),
                (1.5e6, "vnd_per_unit", "đồng/người/tháng"),
                (38e6, "vnd_per_unit", "triệu đồng/người"),
                (2e9, "vnd", "tỷ đồng")
            ]
        );
        assert_eq!(q[0].value.indicator.as_deref(), Some("Mức hỗ trợ"));
    }

    #[test]
    fn an_amount_said_to_be_assigned_is_a_plan() {
        let q = qs(
            "Vốn đã giải ngân là 1.250 tỷ đồng, đạt 15,2% kế hoạch vốn được giao (8.223 tỷ đồng).",
        );
        let roles: Vec<&str> = q.iter().map(|q| q.value.role.as_str()).collect();
        assert_eq!(roles, ["result", "rate", "plan"]);
    }

    #[test]
    fn an_indicator_stops_before_a_time_phrase() {
        let q = qs("lắp thiết bị báo cháy cho 5.000 hộ trước ngày 30/6/2024; hỗ trợ 300 hộ nghèo xây nhà trong năm 2024.");
        // (The first is named by what is done for those counted, not by what follows.)
        assert_eq!(
            q[0].value.indicator.as_deref(),
            Some("lắp thiết bị báo cháy")
        );
        assert_eq!(q[1].value.indicator.as_deref(), Some("nghèo xây nhà"));
    }

    #[test]
    fn a_sibling_item_above_is_no_heading_for_the_role() {
        let text = "Điều 1. Nội dung:\n1. Diện tích gieo trồng đạt 120 hộ.\n2. Kinh phí thực hiện: 3,5 tỷ đồng.\n";
        let q = qs(text);
        assert_eq!(q[0].value.role, "result");
        assert_eq!(q[1].value.value, 3.5e9);
        assert_eq!(q[1].value.role, "other");
        // A heading of a higher level still lends its role.
        let q = qs("II. CHỈ TIÊU\n1. Kinh phí: 3,5 tỷ đồng.\n");
        assert_eq!(q[0].value.role, "plan");
    }

    #[test]
    fn list_breakdown_links_parts_to_totals() {
        let text = "II. Chỉ tiêu cụ thể:\n\n1.1. Tổ chức cai nghiện: 2.020 người, cụ thể:\n\n- **Cơ sở cai nghiện ma túy số 2 là 930 người, trong đó:**\n\n+ Cai nghiện bắt buộc: 300 người.\n\n+ Cai nghiện tự nguyện: 630 người.\n\n- Cơ sở Gia Minh là: 1.090 người\n";
        let q = qs(text);
        assert_eq!(q.len(), 5);
        assert_eq!(q[1].value.part_of, Some(0));
        assert_eq!(
            q[1].value.subject.as_deref(),
            Some("Cơ sở cai nghiện ma túy số 2")
        );
        assert_eq!(q[2].value.part_of, Some(1));
        assert_eq!(q[2].value.indicator.as_deref(), Some("Cai nghiện bắt buộc"));
        assert_eq!(
            q[2].value.subject.as_deref(),
            Some("Cơ sở cai nghiện ma túy số 2")
        );
        assert_eq!(q[4].value.part_of, Some(0));
        assert!(q.iter().all(|q| q.value.role == "plan"), "{q:?}");
    }

    #[test]
    fn in_sentence_breakdown_and_rates() {
        let rules = RuleSet::builtin().unwrap();
        let text = "6 tháng đầu năm 2024, toàn Thành phố đã đưa 1.269 người đi cai nghiện bắt buộc (đạt 71,1% kế hoạch). Hiện có 100 học viên (trong đó: 60 học viên nam; 40 học viên nữ).";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        assert_eq!(q[0].value.indicator.as_deref(), Some("cai nghiện bắt buộc"));
        assert_eq!(q[0].value.role, "result");
        assert_eq!(q[0].value.period.as_deref(), Some("2024-01/2024-06"));
        assert_eq!(q[1].value.role, "rate");
        assert_eq!(q[1].value.indicator.as_deref(), Some("cai nghiện bắt buộc"));
        assert_eq!(q[3].value.part_of, Some(2));
        assert_eq!(q[4].value.part_of, Some(2));
    }

    #[test]
    fn children_delegates_and_outbreaks_are_counted() {
        let q = qs("Số học sinh tiểu học là 14.380 em, trẻ mầm non ra lớp là 3.740 cháu; 23/23 đại biểu dự họp; phát hiện 12 ổ dịch; còn 152 hộ còn lại chưa được hỗ trợ.");
        let units: Vec<_> = q
            .iter()
            .map(|q| (q.value.value, q.value.unit.as_str()))
            .collect();
        assert_eq!(
            units,
            [
                (14380.0, "child"),
                (3740.0, "child"),
                (23.0, "delegate"),
                (23.0, "delegate"),
                (12.0, "outbreak"),
                (152.0, "household")
            ]
        );
        assert_eq!(q[2].rule, "quantity.share");
        assert_eq!(q[5].value.indicator.as_deref(), Some("chưa được hỗ trợ"));
    }

    #[test]
    fn a_list_under_a_line_naming_a_year_has_that_period() {
        let rules = RuleSet::builtin().unwrap();
        let text = "II. CHỈ TIÊU\nPhấn đấu đến năm 2025:\n- 100% cơ sở Hội tổ chức tuyên truyền;\n- Hỗ trợ 150 phụ nữ khởi nghiệp.\n";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        let got: Vec<_> = q.iter().map(|q| q.value.period.as_deref()).collect();
        assert_eq!(got, [Some("2025"), Some("2025")]);
    }

    #[test]
    fn a_rate_per_so_many_people_is_no_count() {
        let q = qs("Tỷ lệ mắc là 278,1 ca/100.000 dân, tăng 24 ca so với cùng kỳ.");
        assert_eq!(q[0].value.unit, "case_per_100000");
        assert_eq!(q[0].value.unit_label, "ca/100.000 dân");
        assert_eq!(q[1].value.unit, "case");
    }

    #[test]
    fn a_signed_share_in_brackets_and_units_written_with_a_capital() {
        let q = qs("Tai nạn giảm 3 vụ (-12,5%), người bị thương (+16,7%); đã cấp 7.215 Giấy chứng nhận, làm 150 m đường với 41.000 ngày công.");
        let got: Vec<_> = q
            .iter()
            .map(|q| (q.value.unit.as_str(), q.value.change.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("case", Some("decrease")),
                ("percent", Some("decrease")),
                ("percent", Some("increase")),
                ("certificate", None),
                ("metre", None),
                ("workday", None)
            ]
        );
    }

    #[test]
    fn a_breakdown_ends_where_another_thing_is_counted() {
        let q = qs("Toàn huyện có 72 trường, trong đó 24 trường mầm non, 25 trường tiểu học và 23 trường trung học cơ sở với tổng số 31.640 học sinh, giảm 1.215 học sinh so với năm học trước.");
        let parts: Vec<_> = q.iter().map(|q| q.value.part_of).collect();
        assert_eq!(parts, [None, Some(0), Some(0), Some(0), None, None]);
        // Parts counted in another word for the same people stay parts.
        let q = qs("Tổng số 930 người, trong đó 500 lao động nữ, 430 lao động nam.");
        assert_eq!(q[1].value.part_of, Some(0));
        assert_eq!(q[2].value.part_of, Some(0));
    }

    #[test]
    fn a_rate_named_before_its_verb() {
        let q = qs("Tỷ lệ lao động qua đào tạo đạt 72,5%, tỷ lệ hộ nghèo giảm còn 2,1%.");
        let got: Vec<_> = q.iter().map(|q| q.value.indicator.as_deref()).collect();
        assert_eq!(
            got,
            [Some("Tỷ lệ lao động qua đào tạo"), Some("tỷ lệ hộ nghèo")]
        );
        // A rate right after its count still takes the count's indicator.
        let q = qs("đã đưa 1.269 người đi cai nghiện bắt buộc (đạt 71,1% kế hoạch).");
        assert_eq!(q[1].value.indicator.as_deref(), Some("cai nghiện bắt buộc"));
    }

    #[test]
    fn the_parts_of_a_breakdown_keep_their_own_names() {
        let q =
            qs("Tổng số hộ được hỗ trợ 1.200 hộ, trong đó: hộ nghèo 650 hộ, hộ cận nghèo 550 hộ.");
        let got: Vec<_> = q
            .iter()
            .map(|q| (q.value.indicator.as_deref(), q.value.part_of))
            .collect();
        assert_eq!(
            got,
            [
                (Some("Tổng số hộ được hỗ trợ"), None),
                (Some("hộ nghèo"), Some(0)),
                (Some("hộ cận nghèo"), Some(0))
            ]
        );
        // Words that only lead to the figure name no part; it keeps its total's indicator.
        let q = qs("Tổng số hội viên tham gia là 300 người, trong đó có 120 người.");
        assert_eq!(
            q[1].value.indicator.as_deref(),
            Some("Tổng số hội viên tham gia")
        );
        // A clause that does not open with the indicator gives none.
        let q = qs("Bệnh nhân đa số ở huyện Bình Chánh 29,1%. Các quận khác chiếm 40%.");
        assert!(q.iter().all(|q| q.value.indicator.is_none()), "{q:?}");
        // The comma of a fixed phrase (lexicon `comma_phrases`) separates no parts.
        let q = qs("Tổng số văn bản được ban hành là 45 văn bản, trong đó: ban hành mới 24 văn bản, sửa đổi, bổ sung 21 văn bản; phòng, chống ma túy 3 văn bản.");
        let got: Vec<_> = q.iter().map(|q| q.value.indicator.as_deref()).collect();
        assert_eq!(
            got,
            [
                Some("Tổng số văn bản được ban hành"),
                Some("ban hành mới"),
                Some("sửa đổi, bổ sung"),
                Some("phòng, chống ma túy")
            ]
        );
    }

    #[test]
    fn a_breakdown_after_a_semicolon_or_a_bracketed_plan() {
        let q = qs("Tổng số cán bộ, công chức cấp xã hiện có: 4.812 người; trong đó: cán bộ 2.105 người, công chức 2.607 người.");
        let parts: Vec<Option<usize>> = q.iter().map(|q| q.value.part_of).collect();
        assert_eq!(parts, [None, Some(0), Some(0)]);
        let q = qs("giải quyết việc làm cho 5.200 lao động, đạt 104% kế hoạch (kế hoạch 5.000 lao động); trong đó: lao động nữ 2.600 người, lao động nam 2.500 người.");
        let parts: Vec<Option<usize>> = q.iter().map(|q| q.value.part_of).collect();
        assert_eq!(parts, [None, None, None, Some(0), Some(0)]);
        // A bracketed breakdown without units closes before the next figure.
        let q = qs("giải quyết 162 trường hợp nghỉ hưu, nghỉ việc (trong đó nghỉ hưu: 28; nghỉ việc: 134); cử 45 người đi học, trong đó có 03 sinh viên.");
        assert_eq!(q[1].value.part_of, None);
        // A figure of another sentence is no total.
        let q = qs("Đã hỗ trợ 300 hộ. Năm nay trong đó có 20 hộ mới.");
        assert_eq!(q[1].value.part_of, None);
    }

    #[test]
    fn a_time_compared_with_is_no_period_of_the_figure() {
        let rules = RuleSet::builtin().unwrap();
        let text = "Năm 2024, nguồn vốn đạt 152,5 tỷ đồng, tăng 8,3 tỷ đồng so với năm 2023.\nTỷ lệ lao động qua đào tạo đạt 72,5%, tăng 1,5% so với cùng kỳ năm 2022.";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        let got: Vec<Option<&str>> = q.iter().map(|q| q.value.period.as_deref()).collect();
        assert_eq!(got, [Some("2024"), Some("2024"), None, None]);
    }

    #[test]
    fn localities_as_subjects() {
        let q = qs("huyện Sóc Sơn 118,8%, Tây Hồ: 107,3%, TX Sơn Tây: 106%");
        let s: Vec<_> = q
            .iter()
            .map(|q| q.value.subject.clone().unwrap_or_default())
            .collect();
        assert_eq!(s, ["huyện Sóc Sơn", "Tây Hồ", "TX Sơn Tây"]);
    }

    #[test]
    fn decimal_measures_labels_and_amounts_per_thing() {
        let q = qs("Cấp 412.356 giấy chứng nhận với tổng diện tích 538.720,45 ha.");
        assert_eq!(
            values_and_units(&q),
            [
                (412356.0, "certificate", "giấy chứng nhận"),
                (538720.45, "hectare", "ha")
            ]
        );
        // A label's number names which one; a scale before a measure is not money.
        let q = qs("Lấy nước đợt 1 vụ Đông Xuân, khoảng 1,85 triệu m3; Quận 5 có 120 hộ.");
        assert_eq!(
            values_and_units(&q),
            [
                (1_850_000.0, "cubic_metre", "m3"),
                (120.0, "household", "hộ")
            ]
        );
        let q = qs("Tỷ lệ hộ nghèo giảm 0,8 điểm phần trăm; năng suất đạt 58,4 tạ/ha.");
        assert_eq!(
            values_and_units(&q),
            [
                (0.8, "percentage_point", "điểm phần trăm"),
                (58.4, "quintal_per_hectare", "tạ/ha")
            ]
        );
        // A rate per unit of time is no distance or volume; a course is counted and paid for.
        let q = qs(
            "Gió mạnh 135 km/giờ; 18 trạm bơm công suất 126.000 m3/giờ; hỗ trợ \
             4.000.000 đồng/người/khóa học cho 03 khóa học.",
        );
        assert_eq!(
            values_and_units(&q),
            [
                (135.0, "km_per_hour", "km/giờ"),
                (18.0, "pumping_station", "trạm bơm"),
                (126_000.0, "cubic_metre_per_hour", "m3/giờ"),
                (4_000_000.0, "vnd_per_unit", "đồng/người/khóa học"),
                (3.0, "course", "khóa học")
            ]
        );
        // A change by a range, not a level it starts from.
        let q = qs(
            "Tỷ lệ hộ nghèo giảm từ 3 - 4%/năm; tỷ trọng giảm từ 48,2% xuống 32,6%; \
                    chi phí giảm từ 8-10 triệu đồng xuống còn 3 triệu đồng.",
        );
        let changes: Vec<Option<&str>> = q.iter().map(|v| v.value.change.as_deref()).collect();
        assert_eq!(
            changes,
            [
                Some("decrease"),
                Some("decrease"),
                None,
                None,
                None,
                None,
                None
            ]
        );
        // Flood stores and the places a campaign watches are counted too.
        let q = qs("Chuẩn bị 2.000 bao tải, 40 xuồng máy; kiểm tra 27 trọng điểm.");
        assert_eq!(
            values_and_units(&q),
            [
                (2000.0, "bag", "bao tải"),
                (40.0, "boat", "xuồng máy"),
                (27.0, "hotspot", "trọng điểm")
            ]
        );
        let q = qs("Hỗ trợ 46 nhà, mức 40.000.000 đồng/nhà; tổng số 502 người.");
        assert_eq!(
            values_and_units(&q),
            [
                (46.0, "house", "nhà"),
                (40_000_000.0, "vnd_per_unit", "đồng/nhà"),
                (502.0, "person", "người")
            ]
        );
    }

    #[test]
    fn a_list_under_a_line_ending_in_trong_do_breaks_its_total_down() {
        let q = qs("Tổng kinh phí: 4.826.500.000 đồng (Bằng chữ: …), trong đó:\n- Ngân sách trung ương: 2.950.000.000 đồng;\n- Ngân sách thành phố: 1.876.500.000 đồng.\n\n1. Biên chế giao: 38.462 người, giảm 1.215 người (năm 2025 giao 39.677 người).\nTrong đó:\n- Giáo dục: 31.540 người;\n- Y tế: 6.922 người.\n2. Hợp đồng lao động: 1.150 người.\n3. Hỗ trợ nhà bị sập: 46 nhà, thành tiền 1.840.000.000 đồng.");
        let got: Vec<(f64, Option<usize>)> =
            q.iter().map(|q| (q.value.value, q.value.part_of)).collect();
        assert_eq!(
            got,
            [
                (4_826_500_000.0, None),
                (2_950_000_000.0, Some(0)),
                (1_876_500_000.0, Some(0)),
                (38462.0, None),
                (1215.0, None),
                (39677.0, None),
                (31540.0, Some(3)),
                (6922.0, Some(3)),
                // A sibling of the item the cue line follows is no part.
                (1150.0, None),
                (46.0, None),
                (1_840_000_000.0, None)
            ]
        );
    }

    #[test]
    fn foreign_currencies_are_not_dong() {
        let q = qs("Kim ngạch xuất khẩu đạt 612,4 triệu USD; vốn FDI 45 triệu đô la Mỹ; viện trợ 20.000 EUR; thu 1,5 tỷ.");
        assert_eq!(
            values_and_units(&q),
            [
                (612_400_000.0, "usd", "triệu USD"),
                (45_000_000.0, "usd", "triệu USD"),
                (20_000.0, "eur", "EUR"),
                (1.5e9, "vnd", "tỷ đồng")
            ]
        );
    }

    #[test]
    fn indicators_lose_stray_punctuation_and_function_words_name_nothing() {
        assert_eq!(
            tidy_indicator("). Tổng số đoàn viên").as_deref(),
            Some("Tổng số đoàn viên")
        );
        assert_eq!(
            tidy_indicator("/h Công suất đến").as_deref(),
            Some("Công suất")
        );
        assert_eq!(tidy_indicator("[^6]: Có"), None);
        assert_eq!(tidy_indicator("so với năm"), None);
        assert_eq!(tidy_indicator("với khoảng"), None);
        assert_eq!(tidy_indicator("hộ nghèo").as_deref(), Some("hộ nghèo"));
    }

    #[test]
    fn a_breakdown_after_trong_do_colon_runs_past_semicolons() {
        let q = qs("Tổng vốn 1.842,6 tỷ đồng, trong đó: ngân sách trung ương 1.526,4 tỷ đồng; ngân sách địa phương 184,2 tỷ đồng; vốn khác 132,0 tỷ đồng.\nĐã rà soát 744 văn bản, trong đó hết hiệu lực 345 văn bản; cấp huyện là 1096 văn bản.");
        let got: Vec<(f64, Option<usize>, Option<&str>)> = q
            .iter()
            .map(|q| (q.value.value, q.value.part_of, q.value.indicator.as_deref()))
            .collect();
        assert_eq!(got[1], (1.5264e12, Some(0), Some("ngân sách trung ương")));
        assert_eq!(got[2], (1.842e11, Some(0), Some("ngân sách địa phương")));
        assert_eq!(got[3], (1.32e11, Some(0), Some("vốn khác")));
        // Without the colon a ";" ends the breakdown.
        assert_eq!((got[5].0, got[5].1), (345.0, Some(4)));
        assert_eq!((got[6].0, got[6].1), (1096.0, None));
    }

    /// (value, bound, change) of each figure.
    fn bounds_and_changes(q: &[Value<Quantity>]) -> Vec<(f64, Option<&str>, Option<&str>)> {
        q.iter()
            .map(|q| {
                (
                    q.value.value,
                    q.value.bound.as_deref(),
                    q.value.change.as_deref(),
                )
            })
            .collect()
    }

    #[test]
    fn a_resolution_states_its_targets_with_dat() {
        let rules = RuleSet::builtin().unwrap();
        let text = "GRDP bình quân đầu người đạt 92 triệu đồng. Năm 2024 đã đạt 85 triệu đồng.\n\nI. KẾT QUẢ THỰC HIỆN\n\n1. Thu ngân sách đạt 1.200 tỷ đồng.\n";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let roles = |doc_type| {
            extract_with(text, &rules, &dates, &periods, doc_type)
                .iter()
                .map(|q| q.value.role.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(roles(Some("nghi_quyet")), ["plan", "result", "result"]);
        assert_eq!(roles(Some("bao_cao")), ["result", "result", "result"]);
    }

    #[test]
    fn a_past_mark_is_a_whole_word() {
        // "ưu đãi" holds no "đã", "nước" and "trước" no "ước": the plan's targets stay
        // targets; "đã" and "ước" standing alone still mark what was reached.
        let rules = RuleSet::builtin().unwrap();
        let text = "1. Chính sách ưu đãi thu hút 25 dự án.\n\n\
                    2. Số hộ dùng nước sạch đạt 1.500 hộ.\n\n\
                    3. Trước mắt, số hộ thoát nghèo đạt 300 hộ.\n\n\
                    4. Năm 2024 đã hỗ trợ 800 hộ; ước đạt 900 hộ.\n";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let roles: Vec<String> = extract_with(text, &rules, &dates, &periods, Some("ke_hoach"))
            .iter()
            .map(|q| q.value.role.clone())
            .collect();
        assert_eq!(roles, ["plan", "plan", "plan", "result", "result"]);
    }

    #[test]
    fn a_share_of_a_whole_is_a_part_of_it() {
        let q = qs("Số hộ dùng nước sạch đạt 1.234/1.500 hộ; cấp 312/400 thẻ; ngày 30/9/2013; Nghị định 111/2013 NĐ-CP; ngày 15/6 có 20 người.");
        let got: Vec<(f64, Option<usize>)> =
            q.iter().map(|q| (q.value.value, q.value.part_of)).collect();
        assert_eq!(
            got,
            [
                (1234.0, Some(1)),
                (1500.0, None),
                (312.0, Some(3)),
                (400.0, None),
                (20.0, None)
            ]
        );
        assert_eq!(q[0].value.unit, "household");
        // A whole of 31 or less counts things, unless a word before makes it a date (or
        // it measures: "10/12 ha"); a date's number after the slash is no figure.
        let q = qs("Đến nay, 10/12 dự án đã hoàn thành; 3/5 xã đạt chuẩn; ngày 10/12 xã tổ chức hội nghị; trồng 10/12 ha; đến 30/6 hộ dân phải kê khai.");
        let got: Vec<(f64, Option<usize>)> =
            q.iter().map(|q| (q.value.value, q.value.part_of)).collect();
        assert_eq!(
            got,
            [(10.0, Some(1)), (12.0, None), (3.0, Some(3)), (5.0, None)],
            "{q:?}"
        );
        assert_eq!(q[0].value.unit, "project");
    }

    #[test]
    fn a_share_and_its_whole_name_the_same_thing() {
        let q = qs("Đến nay, toàn tỉnh có 128/143 xã đạt chuẩn nông thôn mới, trong đó 41/128 xã đạt chuẩn nông thôn mới nâng cao và 9 xã đạt chuẩn kiểu mẫu.");
        let named = named(&q);
        assert_eq!(
            named,
            [
                (128.0, Some("đạt chuẩn nông thôn mới")),
                (143.0, Some("đạt chuẩn nông thôn mới")),
                (41.0, Some("đạt chuẩn nông thôn mới nâng cao")),
                (128.0, Some("đạt chuẩn nông thôn mới nâng cao")),
                (9.0, Some("đạt chuẩn kiểu mẫu"))
            ]
        );
        // A label before the share names the whole as well.
        let q = qs("a) Giáo dục: 4/4 trường.");
        assert_eq!(q[1].value.indicator.as_deref(), Some("Giáo dục"));
    }

    #[test]
    fn a_figure_at_another_time_and_a_change_in_points_name_their_rate() {
        let q = qs("Tỷ lệ hài lòng của người bệnh đạt 92,3% (năm 2024: 90,8%). Tỷ lệ hộ nghèo còn 2,31%, giảm 0,74 điểm phần trăm.");
        let named = named(&q);
        assert_eq!(
            named,
            [
                (92.3, Some("Tỷ lệ hài lòng của người bệnh")),
                (90.8, Some("Tỷ lệ hài lòng của người bệnh")),
                (2.31, Some("Tỷ lệ hộ nghèo")),
                (0.74, Some("Tỷ lệ hộ nghèo"))
            ]
        );
    }

    #[test]
    fn a_label_is_its_own_clause_s_and_a_bracket_hides_no_change() {
        let q = qs("Có 143 trạm y tế đạt chuẩn; số giường bệnh tuyến xã là 1.716 giường (tăng 84 giường so với năm 2024).");
        assert_eq!(
            q[0].value.indicator.as_deref(),
            Some("số giường bệnh tuyến xã")
        );
        assert_eq!(q[1].value.change.as_deref(), Some("increase"));
        let q = qs("Số giường bệnh trên 10.000 dân đạt 32,6 giường.");
        assert_eq!(
            q[0].value.indicator.as_deref(),
            Some("Số giường bệnh trên 10.000 dân")
        );
    }

    #[test]
    fn a_unit_that_opens_a_position_counts_nothing() {
        let q = qs("Có 1.308/1.412 chi hội trưởng đã qua tập huấn; thành lập 12 chi hội mới.");
        let raws: Vec<&str> = q.iter().map(|q| q.raw.as_str()).collect();
        assert_eq!(raws, ["12 chi hội"]);
    }

    #[test]
    fn a_table_s_unit_statement_is_no_amount() {
        let q = qs("(ĐVT: 1000 đồng)\nĐơn vị tính: 1.000 đồng\nKinh phí: 1000 đồng");
        let raws: Vec<&str> = q.iter().map(|q| q.raw.as_str()).collect();
        assert_eq!(raws, ["1000 đồng"]);
        assert_eq!(q[0].value.indicator.as_deref(), Some("Kinh phí"));
    }

    #[test]
    fn both_ends_of_a_range_name_the_same_thing() {
        let q = qs("2. Mở 12 - 15 lớp dạy nghề ngắn hạn.\nCó 42.650 hộ đăng ký thi đua.");
        let named: Vec<(f64, Option<&str>, Option<&str>)> = q
            .iter()
            .map(|q| {
                let v = &q.value;
                (v.value, v.indicator.as_deref(), v.subject.as_deref())
            })
            .collect();
        assert_eq!(
            named,
            [
                (12.0, Some("dạy nghề ngắn hạn"), None),
                (15.0, Some("dạy nghề ngắn hạn"), None),
                (42650.0, Some("đăng ký thi đua"), None)
            ]
        );
    }

    #[test]
    fn a_range_gives_both_ends_as_bounds() {
        let q = qs("GRDP tăng 8,0 - 8,5%; hộ nghèo giảm 0,8 - 1%/năm; thu từ 40.000 đến 45.000 tỷ đồng; trồng 450 - 500.000 ha; từ 01/10 - 31/12/2024; giảm từ 5% đến 10%.");
        assert_eq!(
            bounds_and_changes(&q),
            [
                (8.0, Some("at_least"), Some("increase")),
                (8.5, Some("at_most"), Some("increase")),
                (0.8, Some("at_least"), Some("decrease")),
                (1.0, Some("at_most"), Some("decrease")),
                (4e13, Some("at_least"), None),
                (4.5e13, Some("at_most"), None),
                (450_000.0, Some("at_least"), None),
                (500_000.0, Some("at_most"), None),
                (5.0, Some("at_least"), None),
                (10.0, Some("at_most"), None)
            ]
        );
    }

    #[test]
    fn changes_and_bounds_are_told_from_levels() {
        let q = qs("Thu ngân sách tăng 5,2%; tỷ lệ hộ nghèo giảm còn 2,1%, giảm 0,8 điểm phần trăm; tăng thêm 120 hộ; kết nạp trên 2.000 hội viên; gần 3 tỷ đồng; tăng hơn 10%; tăng lên 40%; đạt 95%.");
        assert_eq!(
            bounds_and_changes(&q),
            [
                (5.2, None, Some("increase")),
                (2.1, None, None),
                (0.8, None, Some("decrease")),
                (120.0, None, Some("increase")),
                (2000.0, Some("at_least"), None),
                (3e9, Some("about"), None),
                (10.0, Some("at_least"), Some("increase")),
                (40.0, None, None),
                (95.0, None, None)
            ]
        );
    }

    #[test]
    fn a_heading_names_the_period_of_the_figures_under_it() {
        let rules = RuleSet::builtin().unwrap();
        let text = "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025\n\n1. Kết nạp 2.500 hội viên mới.\n\n2. Theo Nghị định ngày 10/3/2024\n\n- Hỗ trợ 45 mái ấm; năm 2024 đã hỗ trợ 30 mái ấm.\n\n3. Sản lượng lương thực cả năm đạt 104.000 tấn.\n";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        let got: Vec<(f64, Option<&str>)> = q
            .iter()
            .map(|q| (q.value.value, q.value.period.as_deref()))
            .collect();
        // A day in a heading is a cited act's: the heading above it names the period.
        assert_eq!(
            got,
            [
                (2500.0, Some("2025-07/2025-12")),
                (45.0, Some("2025-07/2025-12")),
                (30.0, Some("2024")),
                // The whole year of the heading's half.
                (104_000.0, Some("2025"))
            ]
        );
    }

    #[test]
    fn a_part_heading_names_the_period_and_role_of_its_figures() {
        let rules = RuleSet::builtin().unwrap();
        let text = "PHẦN I\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ\n1. Kết nạp 2.145 hội viên mới.\n\nPHẦN II\nPHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025\n1. Kết nạp 1.500 hội viên mới.\n\nPhần thứ ba. Kế hoạch năm 2026\n- Kết nạp 3.000 hội viên mới.\n";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        let got: Vec<(f64, &str, Option<&str>)> = q
            .iter()
            .map(|q| {
                (
                    q.value.value,
                    q.value.role.as_str(),
                    q.value.period.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (2145.0, "result", None),
                (1500.0, "other", Some("2025-07/2025-12")),
                (3000.0, "plan", Some("2026"))
            ]
        );
    }

    #[test]
    fn a_time_right_after_a_figure_is_its_own() {
        let rules = RuleSet::builtin().unwrap();
        let text = "Số hộ nghèo giảm từ 24.380 hộ năm 2021 xuống còn 10.215 hộ năm 2024.";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        let got: Vec<Option<&str>> = q.iter().map(|q| q.value.period.as_deref()).collect();
        assert_eq!(got, [Some("2021"), Some("2024")]);
    }

    #[test]
    fn a_time_in_the_next_clause_is_not_the_figures() {
        let rules = RuleSet::builtin().unwrap();
        let text = "Phấn đấu kết nạp 12.500 đoàn viên mới; 100% cơ sở tổ chức Đại hội nhiệm kỳ 2026 - 2031. Năm 2025 kết nạp 11.800 đoàn viên; vượt kế hoạch.";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        let got: Vec<(f64, Option<&str>)> = q
            .iter()
            .map(|q| (q.value.value, q.value.period.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (12500.0, None),
                (100.0, Some("2026/2031")),
                (11800.0, Some("2025"))
            ]
        );
    }

    #[test]
    fn multiples_and_occurrences_are_counted_in_times() {
        let q =
            qs("Sản lượng đạt 1.250 tấn, tăng 2,4 lần so với năm 2023; tổ chức 3 lần kiểm tra.");
        assert_eq!(
            values_and_units(&q),
            [
                (1250.0, "tonne", "tấn"),
                (2.4, "times", "lần"),
                (3.0, "times", "lần")
            ]
        );
    }

    #[test]
    fn units_come_from_the_lexicon() {
        let q = qs("mua sắm 25 máy thở và 3 hệ thống X-quang; sản lượng 1.920 tấn; đã lắp 1.250 đồng hồ đo nước; tiết kiệm 35.000 kWh.");
        assert_eq!(
            values_and_units(&q),
            [
                (25.0, "machine", "máy"),
                (3.0, "system", "hệ thống"),
                (1920.0, "tonne", "tấn"),
                (1250.0, "meter", "đồng hồ"),
                (35000.0, "kilowatt_hour", "kWh"),
            ]
        );
        let q = qs("Kết nạp 2.500 hội viên mới; giải quyết 30 đơn; tặng 6 tivi và 4 ti vi.");
        assert_eq!(
            values_and_units(&q),
            [
                (2500.0, "member", "hội viên"),
                (30.0, "petition", "đơn"),
                (6.0, "television", "tivi"),
                (4.0, "television", "ti vi"),
            ]
        );
        // "tỷ" before a unit scales a measure, as "triệu" does; it is money only alone.
        let q = qs("tiết kiệm được 1,62 tỷ kWh và chi 1,5 tỷ.");
        assert_eq!(
            values_and_units(&q),
            [(1.62e9, "kilowatt_hour", "kWh"), (1.5e9, "vnd", "tỷ đồng")]
        );
        // A time unit counts only after a slash, in an amount per unit.
        assert!(qs("trong 5 năm").is_empty());
        let q = qs("hỗ trợ 1.200.000 đồng/người/tháng");
        assert_eq!(q[0].value.unit_label, "đồng/người/tháng");
        // Every count unit also divides money: "200 triệu đồng/huyện".
        let q = qs("ghi nhận 1.236 ca mắc; bố trí 200 triệu đồng/huyện cho 12 huyện.");
        assert_eq!(
            values_and_units(&q),
            [
                (1236.0, "case", "ca"),
                (2e8, "vnd_per_unit", "triệu đồng/huyện"),
                (12.0, "district", "huyện"),
            ]
        );
    }

    #[test]
    fn the_plan_a_result_is_set_against() {
        let q = qs("Đã lắp đặt 1.250 đồng hồ trên kế hoạch 1.400 đồng hồ, đạt 89,3%.");
        let roles: Vec<&str> = q.iter().map(|q| q.value.role.as_str()).collect();
        assert_eq!(roles, ["result", "plan", "rate"]);
        let q = qs("Đã giải quyết việc làm cho 5.200 lao động, đạt 104% kế hoạch (kế hoạch 5.000 lao động).");
        let roles: Vec<&str> = q.iter().map(|q| q.value.role.as_str()).collect();
        assert_eq!(roles, ["result", "rate", "plan"]);
    }

    #[test]
    fn what_reaches_a_figure_is_its_indicator() {
        let q = qs(
            "Năng suất lúa bình quân đạt 65,8 tạ/ha; năng suất ước đạt 58,4 tạ/ha.\n\
             - GRDP bình quân đầu người đạt 92 triệu đồng;\n\
             Phấn đấu thu ngân sách đạt 12 tỷ đồng.",
        );
        let got: Vec<Option<&str>> = q.iter().map(|q| q.value.indicator.as_deref()).collect();
        assert_eq!(
            got,
            [
                Some("Năng suất lúa bình quân"),
                Some("năng suất"),
                Some("GRDP bình quân đầu người"),
                None
            ]
        );
        // The action done for those counted, the area that does it left out; the rate
        // after the count is about the same.
        let q =
            qs("Trong quý, toàn xã giải quyết việc làm cho 124 lao động, đạt 31% kế hoạch năm.");
        let got: Vec<Option<&str>> = q.iter().map(|q| q.value.indicator.as_deref()).collect();
        assert_eq!(
            got,
            [Some("giải quyết việc làm"), Some("giải quyết việc làm")]
        );
        // A time inside the clause is the period's, not the indicator's.
        let q = qs(
            "Giải ngân vốn đầu tư công đến ngày 15/6/2026 đạt 3.120 tỷ đồng.\n\
             Chi ngân sách 10 tháng đạt 8,42 tỷ đồng.",
        );
        let got: Vec<Option<&str>> = q.iter().map(|q| q.value.indicator.as_deref()).collect();
        assert_eq!(
            got,
            [Some("Giải ngân vốn đầu tư công"), Some("Chi ngân sách")]
        );
        // Rates in a row after a figure are all about it.
        let q = qs(
            "Tổng thu ngân sách đạt 6.250 tỷ đồng, bằng 52,1% dự toán, tăng 12% so với cùng kỳ.",
        );
        assert!(
            q.iter()
                .all(|q| q.value.indicator.as_deref() == Some("Tổng thu ngân sách")),
            "{q:?}"
        );
    }

    #[test]
    fn a_share_names_what_follows_it_and_a_comparison_names_nothing() {
        // (A clause also starts after a full stop: "Số hộ nghèo giảm 12 hộ".)
        let q = qs(
            "Phấn đấu giảm 10% số ca mắc sốt xuất huyết so với năm 2025; 100% trường hợp \
             mắc bệnh được phát hiện sớm; đạt 95% kế hoạch. Số hộ nghèo giảm 12 hộ so với quý \
             trước; miễn 50% số thuế thu nhập phải nộp trong thời hạn 2 năm.",
        );
        let got = named(&q);
        assert_eq!(
            got,
            [
                (10.0, Some("số ca mắc sốt xuất huyết")),
                (100.0, Some("trường hợp mắc bệnh được phát hiện sớm")),
                (95.0, None),
                (12.0, Some("Số hộ nghèo")),
                (50.0, Some("số thuế thu nhập phải nộp")),
            ]
        );
        // A share of the people or units after it; a rate named before keeps its name.
        let q = qs(
            "Phấn đấu đạt 95% dân số được cấp tài khoản định danh điện tử. Tỷ lệ bao phủ \
             bảo hiểm y tế đạt 93,2% dân số; 100% xã có trạm y tế.",
        );
        assert_eq!(
            named(&q),
            [
                (95.0, Some("dân số được cấp tài khoản định danh điện tử")),
                (93.2, Some("Tỷ lệ bao phủ bảo hiểm y tế")),
                (100.0, Some("xã có trạm y tế")),
            ]
        );
    }

    #[test]
    fn a_part_before_its_total_and_a_label_of_the_last_sentence() {
        let q = qs(
            "Đã bàn giao 312,5 ha trên tổng số 405 ha đất cần giải phóng mặt bằng. Kinh phí \
             hoạt động của Ban năm 2025 là 85 triệu đồng.",
        );
        assert_eq!(
            named(&q),
            [
                (312.5, Some("đất cần giải phóng mặt bằng")),
                (405.0, Some("đất cần giải phóng mặt bằng")),
                (85_000_000.0, Some("Kinh phí hoạt động của Ban năm 2025")),
            ]
        );
    }

    #[test]
    fn a_plan_stated_before_its_result_in_one_sentence() {
        let roles = |text: &str| -> Vec<String> {
            let q = qs(text);
            q.iter().map(|q| q.value.role.clone()).collect()
        };
        assert_eq!(
            roles("Kế hoạch đào tạo nghề năm 2024 là 1.500 người, 9 tháng thực hiện được 1.230 người, đạt 82%."),
            ["plan", "result", "rate"]
        );
        assert_eq!(
            roles("Số hộ được hỗ trợ: kế hoạch 400 hộ, đã hỗ trợ 350 hộ."),
            ["plan", "result"]
        );
        // The result takes the plan's indicator, a plan word names one on its own, and a
        // result that names its own action keeps it.
        let q = qs("Kế hoạch đào tạo nghề năm 2024 là 1.500 người, 9 tháng thực hiện được 1.230 người.\n\
             Chỉ tiêu tạo việc làm mới 2.000 lao động; kết quả đã giải quyết việc làm cho 1.650 lao động.");
        let indicators: Vec<Option<&str>> =
            q.iter().map(|q| q.value.indicator.as_deref()).collect();
        assert_eq!(
            indicators,
            [
                Some("Kế hoạch đào tạo nghề năm 2024"),
                Some("Kế hoạch đào tạo nghề năm 2024"),
                Some("tạo việc làm mới"),
                Some("giải quyết việc làm"),
            ]
        );
        // "đạt" after a plan word is the target's; after "đã" it is what was reached.
        assert_eq!(
            roles("Phấn đấu tổng thu ngân sách cả năm đạt 12.000 tỷ đồng."),
            ["plan"]
        );
        assert_eq!(
            roles("Chỉ tiêu giao 120 hộ, đã đạt 98 hộ."),
            ["plan", "result"]
        );
        let q = qs("1. Tổng thu ngân sách nhà nước trên địa bàn ước đạt 6.250 tỷ đồng.");
        assert_eq!(
            q[0].value.indicator.as_deref(),
            Some("Tổng thu ngân sách nhà nước trên địa bàn")
        );
        // A plan cited by its number names no figure of its own.
        assert_eq!(
            roles("Thực hiện Kế hoạch số 12/KH-UBND, huyện đã hỗ trợ 350 hộ."),
            ["result"]
        );
    }

    #[test]
    fn an_article_number_does_not_hide_the_label() {
        let q = qs("Điều 1. Giá trông giữ xe đạp là 2.000 đồng/lượt; xe máy là 5.000 đồng/lượt.");
        assert_eq!(
            q[0].value.indicator.as_deref(),
            Some("Giá trông giữ xe đạp")
        );
        assert_eq!(q[1].value.indicator.as_deref(), Some("xe máy"));
    }

    #[test]
    fn a_figure_takes_the_time_written_before_it() {
        let rules = RuleSet::builtin().unwrap();
        let text = "Quý I/2025 hoàn thành 30% khối lượng; 6 tháng cuối năm 2025 hoàn thành 500 hộ.";
        let (dates, periods) = super::super::dates::extract(text, &rules, None);
        let q = extract_with(text, &rules, &dates, &periods, None);
        assert_eq!(q[0].value.period.as_deref(), Some("2025-Q1"));
        assert_eq!(q[1].value.period.as_deref(), Some("2025-07/2025-12"));
    }

    #[test]
    fn a_measure_is_no_part_of_a_count() {
        let q = qs("Toàn xã có 1.200 hộ, trong đó 320 ha lúa, 150 hộ nghèo.");
        assert_eq!(q[1].value.unit, "hectare");
        assert_eq!(q[1].value.part_of, None);
        let q = qs("Diện tích 320 ha, trong đó lúa lai 100 ha, lúa thuần 180 ha.");
        assert_eq!((q[1].value.part_of, q[2].value.part_of), (Some(0), Some(0)));
    }

    #[test]
    fn the_first_locality_after_trong_do_is_a_subject() {
        let q = qs("Tổng diện tích đạt 7.820 ha, trong đó huyện Chi Lăng 2.100 ha, huyện Hữu Lũng 1.950 ha.");
        assert_eq!(q[1].value.subject.as_deref(), Some("huyện Chi Lăng"));
        assert_eq!(q[2].value.subject.as_deref(), Some("huyện Hữu Lũng"));
        assert_eq!((q[1].value.part_of, q[2].value.part_of), (Some(0), Some(0)));
    }

    #[test]
    fn a_worked_example_gives_no_figures() {
        let text = "Tỷ lệ hộ dùng nước sạch = số hộ dùng nước sạch / tổng số hộ x 100.\n\
            Ví dụ: xã A có 1.200 hộ, trong đó 1.080 hộ dùng nước sạch, tỷ lệ đạt 90%.\n\
            Ví dụ 2:\n\
            Thôn B có 85 hộ gia đình, 17 hộ chưa có nhà tiêu (chiếm 20%).\n\
            Năm 2024, toàn tỉnh có 312 hộ được hỗ trợ (ví dụ: 40 hộ ở xã C), đạt 97,5%.";
        let q = qs(text);
        let raws: Vec<&str> = q.iter().map(|q| q.raw.as_str()).collect();
        assert_eq!(raws, ["312 hộ", "97,5%"]);
    }

    #[test]
    fn years_and_plain_numbers_are_not_quantities() {
        assert!(qs("năm 2021, Điều 5, khoản 2").is_empty());
        assert!(qs("Ví dụ: năm 2000 doanh nghiệp A phát sinh lỗ.").is_empty());
        let q = qs("Số nội trú:\t1 029 bệnh nhân; viện phí 300 000 đồng; năm 2021 050 người");
        assert_eq!(
            values_and_units(&q),
            [(1029.0, "patient", "bệnh nhân"), (300000.0, "vnd", "đồng")]
        );
        assert_eq!(q[0].raw, "1 029 bệnh nhân");
        let q = qs("Năm 2021 150 người được hỗ trợ; 07 thành viên; 2000 doanh nghiệp tham gia.");
        assert_eq!(
            values_and_units(&q),
            [
                (150.0, "person", "người"),
                (7.0, "member", "thành viên"),
                (2000.0, "enterprise", "doanh nghiệp")
            ]
        );
    }
}

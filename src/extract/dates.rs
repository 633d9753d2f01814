//! Dates and periods in the body (extract stage): "ngày 12 tháng 10 năm 2021", "12/10/2021",
//! "ngày 26/6" (year from context), "tháng 10/2021", "quý III năm 2021", "năm 2021",
//! deadlines ("trước ngày 14/12/2022") and periods ("từ ngày … đến ngày …", "6 tháng đầu
//! năm 2022", "giai đoạn 2021-2025"), and time limits that run from an event rather than
//! to a date ("trong thời hạn 10 ngày làm việc kể từ …"). Patterns live in `rules/dates.toml`; this module reads
//! their named groups. A written date that cannot exist keeps `date: None` so validation
//! can flag it; nothing is corrected here.

use super::matching::{all_matches, char_at, char_before, keep_longest, squash_spaces, Candidate};
use super::{DateMention, Period, RecurringDate, TimeLimit};
use crate::document::{DatePrecision, PartialDate, Value};
use crate::rules::RuleSet;

/// Every date and period of the text. `doc_date` (the header date) supplies the year of a
/// "ngày 26/6" that has no year nearer to it.
pub fn extract(
    text: &str,
    rules: &RuleSet,
    doc_date: Option<&PartialDate>,
) -> (Vec<Value<DateMention>>, Vec<Value<Period>>) {
    let cands: Vec<Candidate> = all_matches(text, rules, "date")
        .into_iter()
        .filter(|c| standalone(text, c.start, c.end))
        .collect();
    let mut dates = Vec::new();
    let kept = keep_longest(cands);
    // Positions of years written out, for the year of "ngày 26/6".
    let years: Vec<(usize, i32)> = kept
        .iter()
        .filter_map(|c| Some((c.start, c.group("year")?.parse().ok()?)))
        .collect();
    for c in &kept {
        if let Some(mut m) = mention(text, c, &years, doc_date) {
            if m.value.role == "deadline" && tells_a_past_fact(text, rules, c.start) {
                m.value.role = "date".to_string();
            }
            dates.push(m);
        }
    }
    let periods = keep_longest(all_matches(text, rules, "period"))
        .iter()
        .filter_map(|c| period(text, c, &years, doc_date))
        .collect();
    (dates, periods)
}

/// Time limits counted from an event ("trong thời hạn 10 ngày làm việc kể từ …"), which
/// name no date: the `time_limit` rules, longest match kept where two overlap.
pub fn time_limits(text: &str, rules: &RuleSet) -> Vec<Value<TimeLimit>> {
    keep_longest(all_matches(text, rules, "time_limit"))
        .iter()
        .filter_map(|c| {
            let count: u32 = c.group("count")?.parse().ok()?;
            let written = c.group("unit")?.split_whitespace().collect::<Vec<_>>();
            let unit = match written[..] {
                ["ngày", "làm", "việc"] => "working_day",
                ["ngày"] => "day",
                ["tháng"] => "month",
                ["năm"] => "year",
                ["giờ"] => "hour",
                _ => return None,
            };
            let from = c.group("from").map(squash_spaces);
            Some(c.value(
                text,
                TimeLimit {
                    count,
                    unit: unit.to_string(),
                    from,
                },
            ))
        })
        .collect()
}

/// Days and hours that come back every day, week, month, quarter or year ("trước 16 giờ
/// hằng ngày", "vào thứ Sáu hằng tuần", "trước ngày 25 hằng tháng"): the `recurring_date`
/// rules; a day, month or hour that no calendar or clock has is dropped, and a daily one
/// needs its hour. Days listed before the last one ("ngày 10 và ngày 25 hằng tháng", group
/// `others`) each give an entry of their own with the same recurrence and span; a yearly
/// one without its own month ("ngày 15 và 20/12 hằng năm") takes the last day's.
pub fn recurring_dates(text: &str, rules: &RuleSet) -> Vec<Value<RecurringDate>> {
    let mut out = Vec::new();
    for c in keep_longest(all_matches(text, rules, "recurring_date")) {
        let Some(every) = (match c.group("every") {
            Some("ngày") => Some("day"),
            Some("tuần") => Some("week"),
            Some("tháng") => Some("month"),
            Some("quý") => Some("quarter"),
            Some("năm") => Some("year"),
            _ => None,
        }) else {
            continue;
        };
        let time = time_of_day(&c);
        if c.group("hour").is_some() && time.is_none() {
            continue;
        }
        let recurring =
            |day: Option<u32>, month: Option<u32>, weekday: Option<u32>| RecurringDate {
                day,
                month,
                weekday,
                every: every.to_string(),
                time: time.clone(),
                deadline: c.group("deadline").is_some(),
            };
        match every {
            "day" => {
                if time.is_some() {
                    out.push(c.value(text, recurring(None, None, None)));
                }
                continue;
            }
            "week" => {
                if let Some(weekday) = weekday_number(&c) {
                    out.push(c.value(text, recurring(None, None, Some(weekday))));
                }
                continue;
            }
            _ => {}
        }
        let month = c.group("month").or(c.group("month_word"));
        let Some(last) = day_month(c.group("day"), month) else {
            continue;
        };
        let mut days: Vec<(u32, Option<u32>)> = Vec::new();
        for written in c.group("others").unwrap_or("").split(',') {
            let mut parts = written.trim().trim_start_matches("ngày").split('/');
            let day = parts.next().map(str::trim).filter(|d| !d.is_empty());
            let Some((day, month)) = day_month(day, parts.next().map(str::trim)) else {
                continue;
            };
            days.push((day, month.or(if every == "year" { last.1 } else { None })));
        }
        days.push(last);
        for (day, month) in days {
            // A yearly day needs its month, a monthly one none; 29 February counts.
            let real = match (every, month) {
                ("year", Some(m)) => PartialDate::new(2024, Some(m), Some(day)).is_some(),
                ("year", None) => false,
                (_, None) => (1..=31).contains(&day),
                _ => false,
            };
            if real {
                out.push(c.value(text, recurring(Some(day), month, None)));
            }
        }
    }
    out
}

/// The weekday a rule matched, ISO-numbered (1 = thứ Hai … 7 = Chủ nhật): Vietnamese counts
/// the days from Sunday, so "thứ Hai" (the second) is Monday and "thứ 7" Saturday.
fn weekday_number(c: &Candidate) -> Option<u32> {
    if c.group("sunday").is_some() {
        return Some(7);
    }
    let written = c.group("weekday")?.to_lowercase();
    let second_to_seventh = match written.as_str() {
        "hai" | "2" => 2,
        "ba" | "3" => 3,
        "tư" | "4" => 4,
        "năm" | "5" => 5,
        "sáu" | "6" => 6,
        "bảy" | "7" => 7,
        _ => return None,
    };
    Some(second_to_seventh - 1)
}

/// A written day and optional month as numbers; `None` if either is no number.
fn day_month(day: Option<&str>, month: Option<&str>) -> Option<(u32, Option<u32>)> {
    let day: u32 = day?.parse().ok()?;
    let month = match month {
        Some(m) => Some(m.parse().ok()?),
        None => None,
    };
    Some((day, month))
}

/// A date at the very start of `s` ("ngày 08/02/2021 của …"), for references: the date
/// rules' first match, if it begins after at most a comma and spaces.
pub fn date_at_start(s: &str, rules: &RuleSet) -> Option<(usize, Option<PartialDate>)> {
    let lead = s.len() - s.trim_start_matches([' ', ',', '\t', '\n', '\r']).len();
    let rest = &s[lead..];
    let mut best: Option<(usize, Option<PartialDate>)> = None;
    for rule in rules.for_field("date") {
        let Some(caps) = rule.regex.captures(rest) else {
            continue;
        };
        let Some(m) = caps.get(0) else { continue };
        if m.start() != 0 || caps.name("day").is_none() || caps.name("deadline").is_some() {
            continue;
        }
        if !standalone(rest, 0, m.end()) {
            continue;
        }
        let written = written(&caps);
        let date = written.and_then(|(y, mo, d, _)| PartialDate::new(y, mo, d));
        let longer = match &best {
            Some((e, _)) => lead + m.end() > *e,
            None => true,
        };
        if longer {
            best = Some((lead + m.end(), date));
        }
    }
    best
}

/// Year, month, day and quarter as written.
type Written = (i32, Option<u32>, Option<u32>, Option<u32>);

/// Year, month, day, quarter as written in a date match.
fn written(caps: &regex::Captures) -> Option<Written> {
    let num = |n: &str| caps.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    if let (Some(a), Some(b)) = (caps.name("sep1"), caps.name("sep2")) {
        if a.as_str() != b.as_str() {
            return None;
        }
    }
    let year: i32 = caps.name("year")?.as_str().parse().ok()?;
    let quarter = caps
        .name("quarter")
        .and_then(|m| roman_or_digit(m.as_str()));
    Some((year, num("month"), num("day"), quarter))
}

fn roman_or_digit(s: &str) -> Option<u32> {
    match s {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

/// The match is not a piece of a longer number ("111/2013/NĐ-CP", "1.587.000").
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let before_ok = match char_before(text, start) {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '/' => false,
        Some('.') | Some(',') | Some('-') => {
            !char_before(text, start - 1).is_some_and(|c| c.is_ascii_digit())
        }
        Some(_) => true,
    };
    let after_ok = match char_at(text, end) {
        None => true,
        Some(c) if c.is_ascii_digit() || c == '/' => false,
        Some('.') | Some(',') | Some('-') => {
            !char_at(text, end + 1).is_some_and(|c| c.is_ascii_digit())
        }
        Some(_) => true,
    };
    before_ok && after_ok
}

/// Whether the clause before a deadline's cue at `at` tells what was done ("đã được công
/// nhận trước ngày 01/01/2020", "12 xã đã hoàn thành trước ngày 30/6"): a past marker (rule
/// `date.past_fact`) with no request after it (rule `date.request`: "đã yêu cầu các xã nộp
/// trước ngày …" still sets a deadline). Such a date is no deadline of the document's.
fn tells_a_past_fact(text: &str, rules: &RuleSet, at: usize) -> bool {
    let before = &text[..at];
    let clause_start = before
        .rfind(['.', ';', ':', ',', '\n'])
        .map_or(0, |i| i + 1);
    let clause = &before[clause_start..];
    let Some(past) = super::matching::rules_of(rules, "date.past_fact")
        .iter()
        .filter_map(|r| r.regex.find_iter(clause).last())
        .map(|m| m.end())
        .max()
    else {
        return false;
    };
    !super::matching::rules_of(rules, "date.request")
        .iter()
        .any(|r| r.regex.is_match(&clause[past..]))
}

/// Whether the words right after a day and month make it yearly ("hằng năm", "hàng năm",
/// "mỗi năm").
/// Another day of the same list may stand between ("15/6 và 15/12 hằng năm").
fn every_year_after(rest: &str) -> bool {
    let rest = super::matching::clip(rest, 60).to_lowercase();
    let mut words = rest.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let w = w.trim_end_matches([',', ';']);
        if matches!(w, "hằng" | "hàng" | "mỗi") {
            return words.peek().is_some_and(|n| n.starts_with("năm"));
        }
        let list_word = matches!(w, "và" | "ngày" | "tháng")
            || w.bytes().all(|b| b.is_ascii_digit() || b == b'/');
        if !list_word {
            return false;
        }
    }
    false
}

fn mention(
    text: &str,
    c: &Candidate,
    years: &[(usize, i32)],
    doc_date: Option<&PartialDate>,
) -> Option<Value<DateMention>> {
    let num = |n: &str| c.group(n).and_then(|s| s.parse::<u32>().ok());
    if let (Some(a), Some(b)) = (c.group("sep1"), c.group("sep2")) {
        if a != b {
            return None;
        }
    }
    let quarter = c.group("quarter").and_then(roman_or_digit);
    let (month, day) = (num("month"), num("day"));
    let (year, inferred) = match c.group("year").and_then(|y| y.parse::<i32>().ok()) {
        Some(y) => (y, false),
        // "trước ngày 15/12 hằng năm" comes back every year: a recurring date, no one day.
        None if every_year_after(&text[c.end..]) => return None,
        None => (context_year(text, c.start, years, doc_date)?, true),
    };
    let date = match quarter {
        Some(q) => quarter_date(year, q),
        None => PartialDate::new(year, month, day),
    };
    let role = if c.group("deadline").is_some() {
        "deadline"
    } else {
        "date"
    };
    let mut mention = c.value(
        text,
        DateMention {
            date,
            year,
            month,
            day,
            quarter,
            role: role.to_string(),
            time: time_of_day(c),
            year_inferred: inferred,
            task: None,
        },
    );
    // A year taken from the context is less sure than one written.
    if inferred {
        mention.confidence *= 0.9;
    }
    Some(mention)
}

/// The hour written with a date, as `HH:MM`: "14 giờ 00" → 14:00, "2 giờ chiều" → 14:00,
/// "8h30" → 08:30; `None` without an hour or for an impossible one.
fn time_of_day(c: &Candidate) -> Option<String> {
    let mut hour: u32 = c.group("hour")?.parse().ok()?;
    let minute: u32 = c.group("minute").map_or(Some(0), |m| m.parse().ok())?;
    if matches!(c.group("part"), Some("chiều" | "tối")) && (1..12).contains(&hour) {
        hour += 12;
    }
    (hour < 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
}

/// A quarter as a partial date: iso `YYYY-Qn`.
fn quarter_date(year: i32, q: u32) -> Option<PartialDate> {
    let mut d = PartialDate::new(year, None, None)?;
    d.iso = format!("{year:04}-Q{q}");
    d.precision = DatePrecision::Quarter;
    Some(d)
}

/// The year a date without one most likely means: a year written on the same line, else
/// the document's year, else the nearest year written before it.
fn context_year(
    text: &str,
    at: usize,
    years: &[(usize, i32)],
    doc_date: Option<&PartialDate>,
) -> Option<i32> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let on_line = years
        .iter()
        .filter(|(p, _)| (line_start..line_end).contains(p))
        .min_by_key(|(p, _)| p.abs_diff(at));
    if let Some((_, y)) = on_line {
        return Some(*y);
    }
    if let Some(d) = doc_date {
        return Some(d.year);
    }
    years.iter().rev().find(|(p, _)| *p < at).map(|(_, y)| *y)
}

/// "15/12/2021", "15/12" → (day, month, year?).
fn loose_date(s: &str) -> Option<(u32, u32, Option<i32>)> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).map(|p| p.trim()).collect();
    match parts.as_slice() {
        [d, m] => Some((d.parse().ok()?, m.parse().ok()?, None)),
        [d, m, y] => Some((d.parse().ok()?, m.parse().ok()?, Some(y.parse().ok()?))),
        _ => None,
    }
}

fn period(
    text: &str,
    c: &Candidate,
    years: &[(usize, i32)],
    doc_date: Option<&PartialDate>,
) -> Option<Value<Period>> {
    let from = c.group("from").or(c.group("year_start").map(|_| "1/1"));
    let (kind, start, end) = if let (Some(f), Some(t)) = (from, c.group("to")) {
        let (td, tm, ty) = loose_date(t)?;
        let ty = ty?;
        let (fd, fm, fy) = loose_date(f)?;
        let fy = fy.or(c.group("year_start").and_then(|y| y.parse().ok()));
        // "từ 15/12 đến 14/12/2022": the first date takes the second's year, or the one
        // before when it would otherwise come after it.
        let fy = fy.unwrap_or(if (fm, fd) > (tm, td) { ty - 1 } else { ty });
        (
            "range",
            PartialDate::new(fy, Some(fm), Some(fd))?,
            PartialDate::new(ty, Some(tm), Some(td))?,
        )
    } else if let (Some(f), Some(t)) = (c.group("from_month"), c.group("to_month")) {
        // "ngày 20 tháng 3 và 4 năm 2026": a day's month, not a span of months.
        if text[..c.start]
            .trim_end()
            .ends_with(|ch: char| ch.is_ascii_digit())
        {
            return None;
        }
        let to_year: i32 = c.group("year")?.parse().ok()?;
        let first_year: i32 = match c.group("first_year") {
            Some(y) => y.parse().ok()?,
            None => to_year,
        };
        // Months as counted from year 0: "tháng 12/2025 và tháng 1/2026" follow each other.
        let at = |y: i32, m: &str| -> Option<i32> {
            let m: i32 = m.parse().ok()?;
            (1..=12).contains(&m).then_some(y * 12 + m - 1)
        };
        let first = at(first_year, f)?;
        let last = at(to_year, t)?;
        if last <= first {
            return None;
        }
        let middle: Vec<&str> = c
            .group("middle")
            .unwrap_or("")
            .split(',')
            .map(|m| m.trim().trim_start_matches("tháng").trim())
            .filter(|m| !m.is_empty())
            .collect();
        if c.group("joint").is_some() {
            // Months named together make one span only when each follows the one before.
            let mut listed = vec![first];
            for m in &middle {
                listed.push(at(first_year, m)?);
            }
            listed.push(last);
            if listed.windows(2).any(|w| w[1] != w[0] + 1) {
                return None;
            }
        } else if !middle.is_empty() {
            return None;
        }
        let month =
            |n: i32| PartialDate::new(n.div_euclid(12), Some(n.rem_euclid(12) as u32 + 1), None);
        ("range", month(first)?, month(last)?)
    } else if let Some(months) = c.group("months") {
        let months: u32 = months.parse().ok()?;
        if !(1..=12).contains(&months) {
            return None;
        }
        let year = match c.group("year") {
            Some(y) => y.parse().ok()?,
            None => context_year(text, c.start, years, doc_date)?,
        };
        // Headings write it in capitals: "6 THÁNG CUỐI NĂM 2025".
        let end_of_year = c.group("part").is_some_and(|p| p.to_lowercase() == "cuối");
        let (first, last) = if end_of_year {
            (13 - months, 12)
        } else {
            (1, months)
        };
        (
            "part_of_year",
            PartialDate::new(year, Some(first), None)?,
            PartialDate::new(year, Some(last), None)?,
        )
    } else {
        let from: i32 = c.group("from_year")?.parse().ok()?;
        let to: i32 = c.group("to_year")?.parse().ok()?;
        if to < from {
            return None;
        }
        // "năm học 2024 - 2025" runs from one autumn to the next summer: no two whole years.
        let kind = if c.group("school").is_some() && to == from + 1 {
            "school_year"
        } else {
            "years"
        };
        (
            kind,
            PartialDate::new(from, None, None)?,
            PartialDate::new(to, None, None)?,
        )
    };
    Some(c.value(
        text,
        Period {
            kind: kind.to_string(),
            start,
            end,
            task: None,
        },
    ))
}

impl Period {
    /// "2022-01/2022-06", the ISO 8601 interval form.
    pub fn iso(&self) -> String {
        format!("{}/{}", self.start.iso, self.end.iso)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<Value<DateMention>>, Vec<Value<Period>>) {
        let rules = RuleSet::builtin().unwrap();
        extract(text, &rules, None)
    }

    fn isos(text: &str) -> Vec<String> {
        run(text)
            .0
            .iter()
            .map(|d| {
                d.value
                    .date
                    .as_ref()
                    .map_or("invalid".into(), |d| d.iso.clone())
            })
            .collect()
    }

    #[test]
    fn written_forms() {
        assert_eq!(isos("ngày 12 tháng 10 năm 2021"), ["2021-10-12"]);
        assert_eq!(
            isos("Hạn 12/10/2021 và 3-4-2020."),
            ["2021-10-12", "2020-04-03"]
        );
        assert_eq!(isos("ký ngày 12 /10/2021"), ["2021-10-12"]);
        assert_eq!(isos("trong tháng 10/2021"), ["2021-10"]);
        assert_eq!(isos("quý III năm 2021"), ["2021-Q3"]);
        assert_eq!(isos("kế hoạch năm 2021"), ["2021"]);
    }

    #[test]
    fn mixed_separators_and_numbers_are_not_dates() {
        assert!(isos("Nghị định 111/2013/NĐ-CP").is_empty());
        assert!(isos("tổng 1.587.000.000 đồng").is_empty());
        assert!(isos("ngày 12/10-2021").is_empty());
    }

    #[test]
    fn year_from_context() {
        let (d, _) = run("Năm 2023 có nhiều việc.\nNgày quốc tế (ngày 26/6) năm 2024 được tổ chức");
        let last = d.iter().find(|d| d.raw == "ngày 26/6").unwrap();
        assert_eq!(last.value.date.as_ref().unwrap().iso, "2024-06-26");
        assert!(last.value.year_inferred);
        let rules = RuleSet::builtin().unwrap();
        let doc = PartialDate::new(2022, Some(3), Some(1)).unwrap();
        let (d, _) = extract("Họp sáng 5/12.", &rules, Some(&doc));
        assert_eq!(d[0].value.date.as_ref().unwrap().iso, "2022-12-05");
    }

    #[test]
    fn impossible_dates_are_kept_without_a_date() {
        let (d, _) = run("ngày 31/4/2021");
        assert_eq!(d.len(), 1);
        assert!(d[0].value.date.is_none());
        assert_eq!((d[0].value.day, d[0].value.month), (Some(31), Some(4)));
    }

    #[test]
    fn deadlines() {
        let (d, _) = run("gửi về Sở trước ngày **14/12/2022** để tổng hợp");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].value.role, "deadline");
        assert_eq!(d[0].value.date.as_ref().unwrap().iso, "2022-12-14");
    }

    #[test]
    fn a_date_a_past_clause_tells_is_no_deadline() {
        for (text, role) in [
            ("12 xã đã được công nhận trước ngày 01/01/2030.", "date"),
            ("Đến nay, 8 xã đã hoàn thành trước ngày 30/6/2030.", "date"),
            // A request, even a past one, sets a deadline.
            (
                "Sở đã có văn bản yêu cầu các xã nộp trước ngày 15/3/2030.",
                "deadline",
            ),
            (
                "Huyện đã họp, đề nghị các xã hoàn thành trước ngày 15/7/2030.",
                "deadline",
            ),
            (
                "Đề nghị các xã hoàn thành trước ngày 15/7/2030.",
                "deadline",
            ),
        ] {
            let (d, _) = run(text);
            assert_eq!(d[0].value.role, role, "{text}");
        }
    }

    #[test]
    fn a_school_year_is_its_own_kind() {
        let (_, p) = run("Trong năm học 2030 - 2031 và giai đoạn 2030-2035, niên khóa 2030-2034.");
        let kinds: Vec<&str> = p.iter().map(|p| p.value.kind.as_str()).collect();
        assert_eq!(kinds, ["school_year", "years", "years"]);
    }

    #[test]
    fn a_quarter_or_month_to_finish_in_is_a_deadline() {
        let (d, _) = run("Các xã hoàn thành trong quý III/2030 việc cấp giấy chứng nhận.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].value.role, "deadline");
        assert_eq!(d[0].value.date.as_ref().unwrap().iso, "2030-Q3");
        let (d, _) = run("Báo cáo chậm nhất trong tháng 10/2030.");
        assert_eq!(d[0].value.role, "deadline");
        assert_eq!(d[0].value.date.as_ref().unwrap().iso, "2030-10");
        // A quarter named for its results is no deadline.
        let (d, _) = run("Kết quả trong quý III/2030 đạt 95%.");
        assert_eq!(d[0].value.role, "date");
    }

    #[test]
    fn days_that_come_back_every_month_or_year() {
        let rules = RuleSet::builtin().unwrap();
        let r = recurring_dates(
            "Các xã báo cáo trước ngày 25 hằng tháng; giao ban vào ngày 05 hàng tháng; \
             tổng kết trước ngày 15/12 hằng năm; không phải ngày 31/2 hằng năm. Định kỳ \
             hằng quý, các phòng gửi báo cáo trước ngày 10; hằng năm trước ngày 20/11/2024.",
            &rules,
        );
        let got: Vec<_> = r
            .iter()
            .map(|v| {
                (
                    v.value.day,
                    v.value.month,
                    v.value.every.as_str(),
                    v.value.deadline,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some(25), None, "month", true),
                (Some(5), None, "month", false),
                (Some(15), Some(12), "year", true),
                (Some(10), None, "quarter", true)
            ]
        );
        assert_eq!(r[0].raw, "trước ngày 25 hằng tháng");
    }

    #[test]
    fn a_range_from_the_start_of_a_year() {
        let (_, p) = run("Từ đầu năm 2024 đến ngày 10/4/2024, toàn tỉnh ghi nhận 1.250 ca mắc.");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].value.iso(), "2024-01-01/2024-04-10");
    }

    #[test]
    fn a_yearly_day_is_no_day_of_one_year() {
        let (d, _) = run("Năm 2022, các xã báo cáo trước ngày 15/12 hằng năm; sơ kết trước ngày 15/6 và 15/12 hằng năm; tổng kết trước ngày 20/12.");
        let got: Vec<_> = d.iter().map(|d| (d.value.day, d.value.month)).collect();
        assert_eq!(got, [(None, None), (Some(20), Some(12))]);
    }

    #[test]
    fn several_days_of_one_recurrence() {
        let rules = RuleSet::builtin().unwrap();
        let r = recurring_dates(
            "Giao ban vào ngày 10 và ngày 25 hằng tháng; kiểm tra ngày 5, 15 và 25 hằng \
             quý; sơ kết trước ngày 15/6 và 15/12 hằng năm. Hằng tháng, báo cáo trước \
             ngày 8 và ngày 22. Tổng kết trước ngày 20 tháng 11 hằng năm.",
            &rules,
        );
        let got: Vec<_> = r
            .iter()
            .map(|v| (v.value.day, v.value.month, v.value.every.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(10), None, "month"),
                (Some(25), None, "month"),
                (Some(5), None, "quarter"),
                (Some(15), None, "quarter"),
                (Some(25), None, "quarter"),
                (Some(15), Some(6), "year"),
                (Some(15), Some(12), "year"),
                (Some(8), None, "month"),
                (Some(22), None, "month"),
                (Some(20), Some(11), "year")
            ]
        );
        assert_eq!(r[0].raw, "vào ngày 10 và ngày 25 hằng tháng");
        assert_eq!(r[0].raw, r[1].raw);
    }

    #[test]
    fn hours_and_weekdays_that_come_back_every_day_or_week() {
        let rules = RuleSet::builtin().unwrap();
        let r = recurring_dates(
            "Các xã báo cáo nhanh trước 16 giờ hằng ngày; giao ban vào lúc 7 giờ 30 sáng hàng \
             ngày. Hằng ngày, Công an huyện gửi số liệu trước 4 giờ chiều để tổng hợp. Họp \
             vào thứ Hai hằng tuần; báo cáo trước 15 giờ thứ Năm hằng tuần, trước 10h ngày \
             thứ 7 hằng tuần và Chủ nhật hàng tuần. Hằng tuần, các phòng báo cáo trước \
             thứ Sáu để tổng hợp. Cập nhật số liệu hằng ngày; họp trước 25 giờ hằng ngày; \
             hằng tuần, vào thứ Sáu, ngày 25/10/2024 họp; trước 16 giờ ngày 25 hằng tháng.",
            &rules,
        );
        let got: Vec<_> = r
            .iter()
            .map(|v| {
                let v = &v.value;
                (
                    v.every.as_str(),
                    v.weekday,
                    v.day,
                    v.time.as_deref(),
                    v.deadline,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("day", None, None, Some("16:00"), true),
                ("day", None, None, Some("07:30"), false),
                ("day", None, None, Some("16:00"), true),
                ("week", Some(1), None, None, false),
                ("week", Some(4), None, Some("15:00"), true),
                ("week", Some(6), None, Some("10:00"), true),
                ("week", Some(7), None, None, false),
                ("week", Some(5), None, None, true),
                ("month", None, Some(25), Some("16:00"), true),
            ]
        );
        assert_eq!(r[0].raw, "trước 16 giờ hằng ngày");
        assert_eq!(r[4].raw, "trước 15 giờ thứ Năm hằng tuần");
    }

    #[test]
    fn time_limits_counted_from_an_event() {
        let rules = RuleSet::builtin().unwrap();
        let t = time_limits(
            "Hợp tác xã báo cáo trong thời hạn 10 ngày làm việc kể từ ngày kết thúc thu hoạch. \
             Các hộ nhận tiền trong vòng 15 ngày kể từ ngày nhận được Thông báo này; \
             hồ sơ giải quyết trong 5 ngày. Số liệu trong 5 năm qua.",
            &rules,
        );
        let got: Vec<(u32, &str, Option<&str>)> = t
            .iter()
            .map(|t| {
                (
                    t.value.count,
                    t.value.unit.as_str(),
                    t.value.from.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (10, "working_day", Some("kể từ ngày kết thúc thu hoạch")),
                (15, "day", Some("kể từ ngày nhận được Thông báo này")),
            ]
        );
    }

    #[test]
    fn a_meeting_keeps_its_hour() {
        let (d, _) = run("Hôm nay, vào lúc 14 giờ 00 ngày 05 tháng 3 năm 2024, tại trụ sở");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].value.date.as_ref().unwrap().iso, "2024-03-05");
        assert_eq!(d[0].value.time.as_deref(), Some("14:00"));
        assert_eq!(d[0].value.role, "date");
        let (d, _) = run("Thời gian: 2 giờ 30 chiều, thứ Hai, ngày 9 tháng 12 năm 2024.");
        assert_eq!(d[0].value.time.as_deref(), Some("14:30"));
        let (d, _) = run("Thời gian: 8h30 ngày 10/12/2024.");
        assert_eq!(d[0].value.time.as_deref(), Some("08:30"));
        let (d, _) = run("báo cáo trước 16 giờ ngày 25/10/2024");
        assert_eq!(d[0].value.role, "deadline");
        assert_eq!(d[0].value.time.as_deref(), Some("16:00"));
        let (d, _) = run("ngày 05 tháng 3 năm 2024");
        assert_eq!(d[0].value.time, None);
    }

    #[test]
    fn a_deadline_at_an_hour_of_the_day() {
        for text in [
            "Các xã báo cáo trước 16 giờ ngày 25/10/2024.",
            "gửi về Sở trước 9h30 ngày 25/10/2024",
            "nộp hồ sơ chậm nhất là 17 giờ 00 ngày 25 tháng 10 năm 2024",
        ] {
            let (d, _) = run(text);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(d[0].value.role, "deadline", "{text}");
            assert_eq!(d[0].value.date.as_ref().unwrap().iso, "2024-10-25");
        }
    }

    #[test]
    fn periods() {
        let (_, p) = run("tính từ ngày 15/12/2021 đến ngày 14/12/2022");
        assert_eq!(p[0].value.iso(), "2021-12-15/2022-12-14");
        let (_, p) = run("Từ 20/12 đến 10/1/2022");
        assert_eq!(p[0].value.iso(), "2021-12-20/2022-01-10");
        let (_, p) = run("6 tháng đầu năm 2022, ...; 3 tháng cuối năm 2021");
        assert_eq!(p[0].value.iso(), "2022-01/2022-06");
        assert_eq!(p[1].value.iso(), "2021-10/2021-12");
        let (_, p) = run("giai đoạn 2021 - 2025");
        assert_eq!(p[0].value.iso(), "2021/2025");
    }

    #[test]
    fn spans_of_months() {
        let spans =
            |text: &str| -> Vec<String> { run(text).1.iter().map(|p| p.value.iso()).collect() };
        assert_eq!(
            spans("Xảy ra 07 vụ cháy rừng trong các tháng 3 và tháng 4 năm 2026, làm thiệt hại"),
            ["2026-03/2026-04"]
        );
        assert_eq!(
            spans("từ tháng 3 đến tháng 4 năm 2026"),
            ["2026-03/2026-04"]
        );
        assert_eq!(
            spans("Từ tháng 10/2025 đến hết tháng 3/2026"),
            ["2025-10/2026-03"]
        );
        assert_eq!(spans("các tháng 3, 4 và 5 năm 2026"), ["2026-03/2026-05"]);
        assert_eq!(spans("tháng 12/2025 và tháng 1/2026"), ["2025-12/2026-01"]);
        assert_eq!(spans("tháng 3 - 4/2026"), ["2026-03/2026-04"]);
        // Two months apart, a span going back, a day's month: no span.
        assert!(spans("trong tháng 3 và tháng 5 năm 2026").is_empty());
        assert!(spans("từ tháng 5 đến tháng 3 năm 2026").is_empty());
        assert!(spans("ngày 20 tháng 3 và 4 năm 2026").is_empty());
        assert!(spans("báo cáo tháng 3 và kế hoạch tháng 4 năm 2026").is_empty());
    }

    #[test]
    fn periods_and_years_in_capitals() {
        let (d, p) = run(
            "BÁO CÁO\nKẾT QUẢ 6 THÁNG ĐẦU NĂM VÀ PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM 2025\n\
             TỔNG KẾT NĂM 2024; QUÝ III NĂM 2025; THÁNG 10/2025; GIAI ĐOẠN 2021-2025",
        );
        let p: Vec<String> = p.iter().map(|p| p.value.iso()).collect();
        assert_eq!(p, ["2025-07/2025-12", "2021/2025"]);
        let d: Vec<String> = d
            .iter()
            .filter_map(|d| Some(d.value.date.as_ref()?.iso.clone()))
            .collect();
        assert!(d.contains(&"2024".to_string()), "{d:?}");
        assert!(d.contains(&"2025-10".to_string()), "{d:?}");
        assert!(d.contains(&"2025-Q3".to_string()), "{d:?}");
    }

    #[test]
    fn date_at_start_for_references() {
        let rules = RuleSet::builtin().unwrap();
        let (end, d) = date_at_start(" ngày 08/02/2021 của UBND", &rules).unwrap();
        assert_eq!(end, " ngày 08/02/2021".len());
        assert_eq!(d.unwrap().iso, "2021-02-08");
        assert!(date_at_start(" của UBND ngày 08/02/2021", &rules).is_none());
    }
}

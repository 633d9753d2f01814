//! Small helpers shared by the extractors (references, dates, quantities; header and
//! agencies for casing): running a field's rules over the text, keeping the longest of
//! overlapping matches, safe slicing at character boundaries, and casing a word typed in
//! capitals. They never look at what a match means.

use crate::document::Value;
use crate::rules::{Rule, RuleSet};
use regex::Captures;

/// One rule match in the text.
pub struct Candidate<'t, 'r> {
    pub start: usize,
    pub end: usize,
    pub rule: &'r Rule,
    pub caps: Captures<'t>,
}

impl<'t, 'r> Candidate<'t, 'r> {
    /// The text of a named group, if it took part in the match.
    pub fn group(&self, name: &str) -> Option<&'t str> {
        self.caps.name(name).map(|m| m.as_str())
    }

    /// `value` as read by this match of `text`: the matched text, its span, the rule's
    /// confidence and id.
    pub fn value<T>(&self, text: &str, value: T) -> Value<T> {
        Value::new(
            value,
            &text[self.start..self.end],
            (self.start..self.end).into(),
            self.rule.confidence,
            &self.rule.id,
        )
    }

    /// Byte range of a named group in the whole text.
    pub fn group_range(&self, name: &str) -> Option<(usize, usize)> {
        self.caps.name(name).map(|m| (m.start(), m.end()))
    }
}

/// Every match of every rule of `field`, over the whole text.
pub fn all_matches<'t, 'r>(
    text: &'t str,
    rules: &'r RuleSet,
    field: &str,
) -> Vec<Candidate<'t, 'r>> {
    let mut out = Vec::new();
    for rule in rules_of(rules, field) {
        for caps in rule.regex.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            if m.start() == m.end() {
                continue;
            }
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                rule,
                caps,
            });
        }
    }
    out
}

/// The rules of one field, in file order.
pub fn rules_of<'r>(rules: &'r RuleSet, field: &str) -> Vec<&'r Rule> {
    rules.rules.iter().filter(|r| r.field == field).collect()
}

/// Keeps, among overlapping candidates, the longest (then the earliest rule); the result is
/// sorted by position.
pub fn keep_longest<'t, 'r>(mut cands: Vec<Candidate<'t, 'r>>) -> Vec<Candidate<'t, 'r>> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        if kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// The first rule of `field` that matches at the very start of `s` (after `skip` bytes of
/// leading text it may jump, as its pattern allows).
pub fn match_at_start<'t, 'r>(
    s: &'t str,
    rules: &'r RuleSet,
    field: &str,
) -> Option<Candidate<'t, 'r>> {
    for rule in rules_of(rules, field) {
        if let Some(caps) = rule.regex.captures(s) {
            if let Some(m) = caps.get(0) {
                if m.start() == 0 && m.end() > 0 {
                    return Some(Candidate {
                        start: 0,
                        end: m.end(),
                        rule,
                        caps,
                    });
                }
            }
        }
    }
    None
}

/// `s` cut to at most `max` bytes, backing off to a character boundary.
pub fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The last `max` bytes of `s` at most, moving forward to a character boundary.
pub fn tail(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while start < s.len() && !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The character just before byte `at`, if any.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The character at byte `at`, if any.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// A word in lower case with its first letter a capital ("TUẤN" → "Tuấn"): a name or an
/// agency typed in capitals, read as running text.
pub fn capitalized(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether `phrase` occurs in `hay` as whole words, ignoring case: "đã" is in "huyện đã
/// hỗ trợ" but not in "ưu đãi", "ước" not in "nước sạch". Both sides are compared in NFC,
/// so a mark typed apart ("đa\u{303}") changes nothing, and a letter or combining mark
/// right before or after the match makes it part of a longer word.
pub fn contains_words(hay: &str, phrase: &str) -> bool {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let fold = |s: &str| -> String { s.nfc().flat_map(char::to_lowercase).collect() };
    let (hay, phrase) = (fold(hay), fold(phrase));
    if phrase.is_empty() {
        return false;
    }
    let in_word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    hay.match_indices(phrase.as_str()).any(|(at, m)| {
        !hay[..at].chars().next_back().is_some_and(in_word)
            && !hay[at + m.len()..].chars().next().is_some_and(in_word)
    })
}

/// Collapses runs of whitespace into one space and trims.
/// `s` without the footnote markers the layout pass writes (`giáo dục[^1] và` → `giáo dục
/// và`): a value names no note.
pub fn without_note_markers(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("[^") {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("[^") {
        let digits = rest[at + 2..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        let closes = digits > 0 && rest[at + 2 + digits..].starts_with(']');
        let skip = if closes { at + 3 + digits } else { at + 2 };
        out.push_str(&rest[..if closes { at } else { skip }]);
        rest = &rest[skip..];
    }
    out.push_str(rest);
    out.into()
}

pub fn squash_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte range of the sentence around `at`: from after the previous `.`/`;`/newline that
/// ends a clause to the next one (a `.` between digits does not count).
pub fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    sentence_bounds(text, at, true)
}

/// Like [`sentence_around`], but a `;` does not end the sentence.
pub fn full_sentence_around(text: &str, at: usize) -> (usize, usize) {
    sentence_bounds(text, at, false)
}

fn sentence_bounds(text: &str, at: usize, semicolon_ends: bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_end = |i: usize| -> bool {
        match bytes[i] {
            b'\n' => true,
            b';' => semicolon_ends,
            b'.' => {
                let next_digit = bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
                let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                !(next_digit && prev_digit)
            }
            _ => false,
        }
    };
    let at = at.min(bytes.len());
    let mut start = at;
    while start > 0 && !is_end(start - 1) {
        start -= 1;
    }
    let mut end = at;
    while end < bytes.len() && !is_end(end) {
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_markers_leave_a_value() {
        assert_eq!(without_note_markers("giáo dục[^1] và"), "giáo dục và");
        assert_eq!(without_note_markers("a[^12][^3]b [^x]"), "ab [^x]");
        assert_eq!(without_note_markers("không có"), "không có");
    }

    #[test]
    fn clip_respects_char_boundaries() {
        assert_eq!(clip("ngày", 3), "ng");
        assert_eq!(clip("ngày", 4), "ngà");
        assert_eq!(clip("ngày", 10), "ngày");
        assert_eq!(tail("ngày", 2), "y");
        assert_eq!(tail("ngày", 3), "ày");
    }

    #[test]
    fn whole_words_only() {
        assert!(contains_words("huyện đã hỗ trợ", "đã"));
        assert!(contains_words("Đã hỗ trợ", "đã"));
        assert!(contains_words("(đã)", "đã"));
        assert!(!contains_words("chính sách ưu đãi", "đã"));
        assert!(!contains_words("sử dụng nước sạch", "ước"));
        assert!(!contains_words("trước mắt", "ước"));
        assert!(contains_words("ước thực hiện", "ước"));
        assert!(contains_words("kết quả thực hiện", "thực hiện"));
        assert!(!contains_words("kết quả thực hiện", "thực hiệ"));
        // Decomposed marks: "đa" + a combining tilde is "đã"; "đã" + a hook is no "đã".
        assert!(contains_words("huyện \u{111}a\u{303} hỗ trợ", "đã"));
        assert!(!contains_words("\u{111}ã\u{309}", "đã"));
    }

    #[test]
    fn sentences_ignore_decimal_points() {
        let t = "Đầu câu. Có 1.269 người đi; hết";
        let at = t.find("269").unwrap();
        let (s, e) = sentence_around(t, at);
        assert_eq!(&t[s..e], " Có 1.269 người đi");
    }
}

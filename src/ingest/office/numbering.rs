//! Automatic numbering: the "1.", "a)", "I." and "-" that a word processor draws before a
//! list paragraph from the list's definition, not from the text. Official documents number
//! their parts, clauses and points this way, and downstream passes read those labels
//! (sections, "Điều"/"khoản"/"điểm", recipients' dashes), so the readers write them at
//! the start of the paragraph, followed by a space, as a typist would have typed them.
//! The formats shared by .docx, .odt and .doc are kept here; each reader maps its own
//! definitions onto [`Level`].

use std::collections::HashMap;

/// Levels a list has at most (Word's nine; ODF allows ten).
pub const MAX_LEVELS: usize = 10;

/// How one level writes its counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Style {
    Decimal,
    /// "01", "02", … (Word's `decimalZero`).
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// A bullet: the label is this text and no counter.
    Bullet(String),
    /// No label at all.
    None,
}

/// One level of a list definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    pub style: Style,
    /// The label with `%1`…`%9` standing for the counters of levels 1…9 (Word's
    /// `lvlText`); the readers build it for ODF from prefix, suffix and display levels.
    pub template: String,
    pub start: u32,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            style: Style::Decimal,
            template: String::new(),
            start: 1,
        }
    }
}

impl Style {
    /// A counter as this style writes it; `None` for bullets and unnumbered levels.
    pub fn format(&self, n: u32) -> String {
        match self {
            Style::Decimal => n.to_string(),
            Style::DecimalZero => format!("{n:02}"),
            Style::LowerLetter => letters(n).to_lowercase(),
            Style::UpperLetter => letters(n),
            Style::LowerRoman => roman(n).to_lowercase(),
            Style::UpperRoman => roman(n),
            Style::Bullet(_) | Style::None => String::new(),
        }
    }
}

/// 1 → "A", 26 → "Z", 27 → "AA" (Word repeats the letter; both suites agree up to 26).
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat(letter)
        .take(((n - 1) / 26 + 1).min(8) as usize)
        .collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A bullet character as text: the private-use glyphs of the Symbol and Wingdings fonts
/// (Word's default bullets) become "•"; anything else is kept.
pub fn bullet_text(raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty()
        || raw
            .chars()
            .any(|c| ('\u{F000}'..='\u{F0FF}').contains(&c) || c.is_control())
    {
        "•".into()
    } else {
        raw.into()
    }
}

/// The running counters of every list instance in one document: per level, the value
/// last written, `None` before the level's first item.
#[derive(Default)]
pub struct Counters {
    lists: HashMap<String, [Option<u32>; MAX_LEVELS]>,
}

impl Counters {
    /// Forgets a list's counters (ODF starts a list afresh unless told to continue).
    pub fn restart(&mut self, list: &str) {
        self.lists.remove(list);
    }

    /// Sets the next value of one level (an item's own start value).
    pub fn set_next(&mut self, list: &str, level: usize, value: u32) {
        if level < MAX_LEVELS {
            let counters = self.lists.entry(list.to_string()).or_default();
            counters[level] = value.checked_sub(1);
            counters[level + 1..].iter_mut().for_each(|c| *c = None);
        }
    }

    /// The label of the next paragraph at `level` (0-based) of `list`, whose levels are
    /// `levels`; it counts the paragraph and restarts the deeper levels. Empty when the
    /// level writes nothing.
    pub fn next_label(&mut self, list: &str, levels: &[Level], level: usize) -> String {
        let Some(this) = levels.get(level).filter(|_| level < MAX_LEVELS) else {
            return String::new();
        };
        let counters = self.lists.entry(list.to_string()).or_default();
        counters[level] = Some(match counters[level] {
            None => this.start,
            Some(n) => n.saturating_add(1),
        });
        counters[level + 1..].iter_mut().for_each(|c| *c = None);
        match &this.style {
            Style::None => return String::new(),
            Style::Bullet(text) => return text.clone(),
            _ => {}
        }
        let value = |k: usize| -> String {
            let Some(l) = levels.get(k) else {
                return String::new();
            };
            l.style.format(counters[k].unwrap_or(l.start))
        };
        let mut out = String::new();
        let mut chars = this.template.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    if (1..=9).contains(&d) {
                        out.push_str(&value(d as usize - 1));
                    }
                    continue;
                }
            }
            out.push(c);
        }
        out.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(style: Style, template: &str) -> Level {
        Level {
            style,
            template: template.into(),
            start: 1,
        }
    }

    #[test]
    fn labels_count_restart_and_nest() {
        let levels = vec![
            level(Style::UpperRoman, "%1."),
            level(Style::Decimal, "%2."),
            level(Style::LowerLetter, "%3)"),
            level(Style::Bullet("-".into()), ""),
        ];
        let mut c = Counters::default();
        let labels: Vec<String> = [0, 1, 2, 2, 3, 1, 0, 1]
            .iter()
            .map(|&l| c.next_label("n1", &levels, l))
            .collect();
        assert_eq!(labels, ["I.", "1.", "a)", "b)", "-", "2.", "II.", "1."]);
        // Word's multi-level "1.2." and a list restarted.
        let outline = vec![
            level(Style::Decimal, "%1."),
            level(Style::Decimal, "%1.%2."),
        ];
        assert_eq!(c.next_label("o", &outline, 0), "1.");
        assert_eq!(c.next_label("o", &outline, 1), "1.1.");
        assert_eq!(c.next_label("o", &outline, 1), "1.2.");
        c.restart("o");
        assert_eq!(c.next_label("o", &outline, 0), "1.");
        c.set_next("o", 0, 5);
        assert_eq!(c.next_label("o", &outline, 0), "5.");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(letters(28), "BB");
        assert_eq!(bullet_text("\u{F0B7}"), "•");
        assert_eq!(bullet_text("-"), "-");
    }
}

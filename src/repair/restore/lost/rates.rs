//! Rates whose slash was lost: "80 000 đ đêm" for "80 000 đ/đêm", "15 triệu đồng tháng",
//! "7,5% năm". The language model never reads a slash between words (its training text
//! counts "đồng/tháng" as one unknown word), so the line search scores "đồng tháng" and
//! "đồng/tháng" alike and keeps the space. Where the document lost its slash, an amount of
//! money or a percentage followed by a unit it may be per is read as a rate, and a rate's
//! unit followed by another as a chain ("đồng/người/tháng"). A unit the rules write with a
//! slash ("tạ/ha", "km/giờ") is read whole after a figure.

use super::{Fill, LostSet};
use crate::repair::restore::lexicon::Lexicon;
use crate::repair::restore::syllable;

/// Loss rate of the slash from which rates are read.
const SLASH_LOST: f32 = 0.5;
/// Confidence of a slash written into a rate: the words around it are read, the slash is
/// not seen.
const RATE_CONFIDENCE: f32 = 0.6;
/// Words after a month, year or day that make it a time, not what a rate is per ("đồng
/// tháng này", "đồng năm trước").
const TIME_AFTER: [&str; 9] = [
    "này", "nay", "trước", "sau", "tới", "qua", "đó", "ấy", "kia",
];

/// Slashes for the rates of `line` whose slash was lost: each at a real space (one not in
/// `fills`, the line search's and the other passes' fills, which are read as written).
pub fn rate_slashes(line: &str, fills: &[Fill], lost: &LostSet, lexicon: &Lexicon) -> Vec<Fill> {
    if !lost.loses('/', SLASH_LOST) {
        return Vec::new();
    }
    let chars = super::filled_chars(line, fills);
    let words = super::word_ranges(&chars);
    // Each word's text and small letters, once (a word is the head of one pair and the
    // tail of another).
    let texts: Vec<String> = words
        .iter()
        .map(|w| chars[w.clone()].iter().map(|c| c.1).collect())
        .collect();
    let lowered: Vec<String> = texts.iter().map(|t| syllable::lower(t)).collect();
    let mut out = Vec::new();
    let mut chained = false;
    for w in 1..words.len() {
        let (head, tail) = (&words[w - 1], &words[w]);
        let space = head.end;
        let single_real_space = tail.start == space + 1 && chars[space].1 == ' ' && !chars[space].2;
        let head_text = &lowered[w - 1];
        let before = (w >= 2).then(|| lowered[w - 2].as_str());
        let after = texts.get(w + 1).map(String::as_str);
        let tail_text = &texts[w];
        let tail_unit = syllable::lower(unit_core(tail_text));
        let is_rate = single_real_space
            && (before.is_some_and(is_figure) && lexicon.is_slash_unit(head_text, &tail_unit)
                || match amount_ends(head_text, before, lexicon) {
                    Some(Amount::Money) => per_unit(tail_text, after, lexicon),
                    Some(Amount::Percentage) => {
                        per_unit(tail_text, after, lexicon) && lexicon.is_rate_period(&tail_unit)
                    }
                    None => chained && per_unit(tail_text, after, lexicon),
                });
        if is_rate {
            out.push(Fill {
                at: chars[space].0,
                ch: '/',
                confidence: RATE_CONFIDENCE,
            });
        }
        // "đồng/người/tháng" goes on after a unit that closes no clause.
        chained = is_rate && tail_text.ends_with(|c: char| c.is_alphanumeric());
    }
    out
}

/// What an amount before a rate's slash is.
enum Amount {
    Money,
    /// A percentage: per a span of time alone.
    Percentage,
}

/// What `word` (small letters) ends, if an amount of money or a percentage: a money word
/// after a figure or a scale word ("80 000 đ", "triệu đồng"), or a figure with its sign
/// ("000đ", "7,5%"). On the project's made-up documents and probes with every slash
/// taken out, the rule put back 939 slashes between words and wrote none where a space
/// was; with scale words as heads ("15 triệu/tháng") it wrote 217 wrong ones ("2,5 triệu
/// lượt khách", "1,2 nghìn tấn").
fn amount_ends(word: &str, before: Option<&str>, lexicon: &Lexicon) -> Option<Amount> {
    let sign = word.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if sign.len() < word.len() {
        return match sign {
            "%" => Some(Amount::Percentage),
            _ if !sign.is_empty() && lexicon.is_rate_head(sign) => Some(Amount::Money),
            _ => None,
        };
    }
    let figure_or_scale = |b: &str| is_figure(b) || matches!(b, "tỷ" | "triệu" | "nghìn" | "ngàn");
    (lexicon.is_rate_head(word) && before.is_some_and(figure_or_scale)).then_some(Amount::Money)
}

/// Whether a word is a figure ("80", "1.500.000", "63,7").
fn is_figure(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
}

/// `word` (as written) is a unit an amount may be per, in small letters, perhaps closing a
/// clause ("tháng).", "người,"), and `after`, the next word, makes it no time ("tháng 5",
/// "năm nay") where the clause goes on.
fn per_unit(word: &str, after: Option<&str>, lexicon: &Lexicon) -> bool {
    let core = unit_core(word);
    if core.is_empty() || core.starts_with(char::is_uppercase) || !lexicon.is_rate_tail(core) {
        return false;
    }
    let clause_goes_on = core.len() == word.len();
    let is_time = after.is_some_and(|a| {
        let a = syllable::lower(a.trim_end_matches([',', '.', ';', ':', ')']));
        a.starts_with(|c: char| c.is_ascii_digit())
            || TIME_AFTER.contains(&a.as_str())
            || a.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) && !a.is_empty()
    });
    !(clause_goes_on && is_time)
}

/// A unit word without the marks that close its clause ("tháng).").
fn unit_core(word: &str) -> &str {
    word.trim_end_matches([',', '.', ';', ':', ')', '”', '"'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lost_slash() -> LostSet {
        LostSet {
            chars: vec![('a', 1.0), ('/', 1.0)],
        }
    }

    fn with_rates(line: &str, lost: &LostSet) -> String {
        let mut out: Vec<u8> = line.as_bytes().to_vec();
        for f in rate_slashes(line, &[], lost, Lexicon::builtin()) {
            assert_eq!(out[f.at], b' ');
            out[f.at] = b'/';
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn amounts_before_a_unit_are_rates_where_the_slash_was_lost() {
        let lost = lost_slash();
        for (damaged, want) in [
            (
                "giá 80 000 đ đêm (phòng 4 giường)",
                "giá 80 000 đ/đêm (phòng 4 giường)",
            ),
            (
                "trung bình 15 triệu đồng tháng.",
                "trung bình 15 triệu đồng/tháng.",
            ),
            (
                "mức 1.500.000 đồng người tháng",
                "mức 1.500.000 đồng/người/tháng",
            ),
            ("lãi suất 7,5% năm, thời hạn", "lãi suất 7,5%/năm, thời hạn"),
            ("thu 50 000đ người", "thu 50 000đ/người"),
            // Units the rules write with a slash, after a figure.
            ("đạt 63,7 tạ ha, tăng", "đạt 63,7 tạ/ha, tăng"),
            ("tốc độ 60 km giờ.", "tốc độ 60 km/giờ."),
        ] {
            assert_eq!(with_rates(damaged, &lost), want);
        }
    }

    #[test]
    fn times_contracts_and_kept_slashes_are_no_rates() {
        let lost = lost_slash();
        for line in [
            "chi 15 triệu đồng tháng 5 năm 2021",
            "thu 20 triệu đồng năm nay",
            "ký hợp đồng người lao động",
            "đạt 45% Kế hoạch",
            "hỗ trợ 10 triệu đồng Xã Tân Phú",
            "có 38,60% người nghiện ma túy được cai nghiện",
            "đón 2,5 triệu lượt khách, sản lượng 1,2 nghìn tấn",
            "100% xã, phường, thị trấn",
            // No figure before the unit.
            "mỗi tạ ha đất",
        ] {
            assert_eq!(with_rates(line, &lost), line);
        }
        let kept = LostSet {
            chars: vec![('a', 1.0)],
        };
        let line = "trung bình 15 triệu đồng tháng.";
        assert_eq!(with_rates(line, &kept), line);
    }
}

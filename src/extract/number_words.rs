//! Vietnamese numbers written in words, as an amount is spelt out beside its figure on
//! anything that moves money ("1.250.000.000 đồng (Bằng chữ: Một tỷ hai trăm năm mươi
//! triệu đồng)"), so that validation can tell when the two disagree. The spoken variants
//! are all read: "mốt" (1 after a ten), "lăm"/"nhăm" (5), "tư" (4), "linh"/"lẻ" (no tens),
//! "mười"/"mươi", "nghìn"/"ngàn", "tỷ"/"tỉ".

/// What one word contributes to a number.
enum Word {
    Digit(u64),
    /// "mười": ten, with no digit before it.
    Ten,
    /// "mươi": the digit before it counts tens.
    Tens,
    Hundred,
    /// "linh", "lẻ": a zero in the tens place ("một trăm linh năm").
    NoTens,
    /// nghìn, triệu, tỷ.
    Scale(u64),
    /// The currency and "chẵn" (a round amount) say nothing about the number.
    Filler,
}

fn word(w: &str) -> Option<Word> {
    Some(match w {
        "không" => Word::Digit(0),
        "một" | "mốt" => Word::Digit(1),
        "hai" => Word::Digit(2),
        "ba" => Word::Digit(3),
        "bốn" | "tư" => Word::Digit(4),
        "năm" | "lăm" | "nhăm" => Word::Digit(5),
        "sáu" => Word::Digit(6),
        "bảy" | "bẩy" => Word::Digit(7),
        "tám" => Word::Digit(8),
        "chín" => Word::Digit(9),
        "mười" => Word::Ten,
        "mươi" => Word::Tens,
        "trăm" => Word::Hundred,
        "linh" | "lẻ" => Word::NoTens,
        "nghìn" | "ngàn" => Word::Scale(1_000),
        "triệu" => Word::Scale(1_000_000),
        "tỷ" | "tỉ" => Word::Scale(1_000_000_000),
        "đồng" | "chẵn" | "vnđ" | "vnd" | "việt" | "nam" => Word::Filler,
        _ => return None,
    })
}

/// The number the words spell, or `None` when any word is not a number word or the words
/// do not form a number ("hai ba", "mươi" with no digit before it).
pub fn parse_number_words(s: &str) -> Option<u64> {
    if s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = s.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|t| !t.is_empty())
        .collect();
    // "Việt Nam đồng": "năm" would otherwise read as a five.
    let tokens: Vec<&str> = match tokens.iter().rposition(|t| *t == "việt") {
        Some(i) if tokens.get(i + 1) == Some(&"nam") => [&tokens[..i], &tokens[i + 2..]].concat(),
        _ => tokens,
    };
    // Above the current scale word, below it, and the part below a thousand being read.
    let (mut above, mut section, mut small) = (0u64, 0u64, 0u64);
    let mut digit: Option<u64> = None;
    let mut any_number = false;
    for t in tokens {
        match word(t)? {
            Word::Filler => continue,
            Word::Digit(d) => {
                if digit.is_some() {
                    return None;
                }
                digit = Some(d);
            }
            Word::Ten => {
                if digit.is_some() {
                    return None;
                }
                small += 10;
            }
            Word::Tens => small += digit.take()? * 10,
            Word::Hundred => small += digit.take().unwrap_or(1) * 100,
            Word::NoTens => {
                if digit.is_some() {
                    return None;
                }
            }
            Word::Scale(scale) => {
                let below = small + digit.take().unwrap_or(0);
                // A scale word with no number before it is a unit ("(triệu đồng)"), except
                // billions of thousands ("hai nghìn tỷ").
                if below == 0 && !(scale == 1_000_000_000 && section > 0) {
                    return None;
                }
                if scale == 1_000_000_000 {
                    // "hai nghìn tỷ": everything read so far counts billions.
                    above = (above + section + below).checked_mul(scale)?;
                    section = 0;
                } else {
                    section += below.checked_mul(scale)?;
                }
                small = 0;
            }
        }
        any_number = true;
    }
    any_number.then(|| above + section + small + digit.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_words() {
        for (words, n) in [
            ("Một tỷ hai trăm năm mươi triệu đồng", 1_250_000_000),
            ("Hai mươi mốt triệu đồng", 21_000_000),
            (
                "Ba tỷ bốn trăm mười lăm triệu năm trăm nghìn đồng",
                3_415_500_000,
            ),
            ("Năm triệu năm trăm ngàn đồng", 5_500_000),
            ("Một trăm linh năm nghìn đồng chẵn", 105_000),
            ("Hai trăm lẻ tư triệu", 204_000_000),
            ("Hai nghìn tỷ đồng", 2_000_000_000_000),
            ("Mười lăm tỉ", 15_000_000_000),
            ("Bảy mươi nhăm triệu Việt Nam đồng", 75_000_000),
            ("Không đồng", 0),
            ("Một tỷ không trăm linh năm triệu đồng", 1_005_000_000),
        ] {
            assert_eq!(parse_number_words(words), Some(n), "{words}");
        }
    }

    #[test]
    fn words_that_are_no_number() {
        for words in [
            "để báo cáo",
            "hai ba triệu",
            "mươi triệu",
            "đồng",
            "Một tỷ 200 triệu",
            "triệu đồng",
        ] {
            assert_eq!(parse_number_words(words), None, "{words}");
        }
    }
}

//! Vietnamese number format: "." groups thousands, "," marks decimals ("1.587.000.000",
//! "74,95"); a lone "." followed by one or two digits is read as a decimal point.

/// Parses a Vietnamese-formatted number.
pub fn parse_vn_number(s: &str) -> Option<f64> {
    normalize(s)?.parse().ok()
}

/// A number times a scale word ("8,3" tỷ), computed from its digits so that the result is
/// exact: 8.3 × 1e9 in floating point is 8300000000.000001, an amount no one wrote.
pub fn parse_vn_scaled(s: &str, scale: f64) -> Option<f64> {
    scaled_digits(&normalize(s)?, scale)
}

/// A value already read times a scale, as exactly as [`parse_vn_scaled`]: from the shortest
/// decimal form of the value ("8.3"), not its binary one.
pub fn scale_exact(value: f64, scale: f64) -> f64 {
    scaled_digits(&value.to_string(), scale).unwrap_or(value * scale)
}

/// A number in Rust's float syntax ("8.3") times `scale`, through its digits.
fn scaled_digits(number: &str, scale: f64) -> Option<f64> {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let mantissa: f64 = format!("{int}{frac}").parse().ok()?;
    Some(mantissa * scale / 10f64.powi(frac.len() as i32))
}

/// The factor of a scale word written after a number ("tỷ", "Triệu", "nghìn", "ngàn").
pub fn scale_of(word: &str) -> Option<f64> {
    match word.to_lowercase().as_str() {
        "tỷ" => Some(1e9),
        "triệu" => Some(1e6),
        "nghìn" | "ngàn" => Some(1e3),
        _ => None,
    }
}

/// The run of digits, dots and commas that ends `s`: where it starts, and the run (empty
/// when `s` does not end in one).
pub fn trailing_number(s: &str) -> (usize, &str) {
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_digit() || c == '.' || c == ',')
        .last()
        .map_or(s.len(), |(i, _)| i);
    (start, &s[start..])
}

/// The run of digits, dots and commas that opens `s`.
pub fn leading_number(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    &s[..end]
}

/// The number in Rust's float syntax ("1587000000", "74.95").
fn normalize(s: &str) -> Option<String> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let normalized = match (dots, commas) {
        (0, 0) => s.clone(),
        (_, 0) => {
            // "1.587.000" thousands; "37.5" decimal (groups after a dot not of three digits).
            let groups: Vec<&str> = s.split('.').collect();
            // A leading "0" is never a group of thousands: "0.935" is a decimal.
            if groups[1..].iter().all(|g| g.len() == 3)
                && groups[0].len() <= 3
                && !groups[0].starts_with('0')
            {
                groups.concat()
            } else if dots == 1 {
                s.clone()
            } else {
                return None;
            }
        }
        (0, 1) => s.replace(',', "."),
        (_, 1) => {
            let (int, frac) = s.split_once(',')?;
            format!("{}.{}", int.replace('.', ""), frac)
        }
        _ => {
            // "1,587,000" written the English way.
            let groups: Vec<&str> = s.split(',').collect();
            if dots == 0 && groups[1..].iter().all(|g| g.len() == 3) {
                groups.concat()
            } else {
                return None;
            }
        }
    };
    Some(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(parse_vn_number("1.587.000.000"), Some(1_587_000_000.0));
        assert_eq!(parse_vn_number("74,95"), Some(74.95));
        assert_eq!(parse_vn_number("37.5"), Some(37.5));
        assert_eq!(parse_vn_number("2.020"), Some(2020.0));
        assert_eq!(parse_vn_number("0.935"), Some(0.935));
        assert_eq!(parse_vn_number("0.250.000"), None);
        assert_eq!(parse_vn_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_vn_number("abc"), None);
    }

    #[test]
    fn a_scaled_decimal_is_the_amount_written() {
        assert_eq!(parse_vn_scaled("8,3", 1e9), Some(8_300_000_000.0));
        assert_eq!(parse_vn_scaled("152,5", 1e9), Some(152_500_000_000.0));
        assert_eq!(parse_vn_scaled("0,35", 1e6), Some(350_000.0));
        assert_eq!(parse_vn_scaled("1.250", 1e6), Some(1_250_000_000.0));
        assert_eq!(scale_exact(8.3, 1e9), 8_300_000_000.0);
        assert_eq!(scale_of("Triệu"), Some(1e6));
        // Byte offsets: "đạt " is 7 bytes.
        assert_eq!(trailing_number("đạt 8,0"), (7, "8,0"));
        assert_eq!(trailing_number("đạt "), (7, ""));
        assert_eq!(leading_number("8,5%"), "8,5");
        assert_eq!(parse_vn_scaled("74,95", 1.0), Some(74.95));
    }
}

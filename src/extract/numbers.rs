//! Vietnamese number format: "." groups thousands, "," marks decimals ("1.587.000.000",
//! "74,95"); a lone "." followed by one or two digits is read as a decimal point.

/// Parses a Vietnamese-formatted number.
pub fn parse_vn_number(s: &str) -> Option<f64> {
    normalize(s)?.parse().ok()
}

/// A number times a scale word ("8,3" tỷ), computed from its digits so that the result is
/// exact: 8.3 × 1e9 in floating point is 8300000000.000001, an amount no one wrote.
pub fn parse_vn_scaled(s: &str, scale: f64) -> Option<f64> {
    let normalized = normalize(s)?;
    let (int, frac) = normalized.split_once('.').unwrap_or((&normalized, ""));
    let mantissa: f64 = format!("{int}{frac}").parse().ok()?;
    Some(mantissa * scale / 10f64.powi(frac.len() as i32))
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
            if groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3 {
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
        assert_eq!(parse_vn_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_vn_number("abc"), None);
    }

    #[test]
    fn a_scaled_decimal_is_the_amount_written() {
        assert_eq!(parse_vn_scaled("8,3", 1e9), Some(8_300_000_000.0));
        assert_eq!(parse_vn_scaled("152,5", 1e9), Some(152_500_000_000.0));
        assert_eq!(parse_vn_scaled("0,35", 1e6), Some(350_000.0));
        assert_eq!(parse_vn_scaled("1.250", 1e6), Some(1_250_000_000.0));
        assert_eq!(parse_vn_scaled("74,95", 1.0), Some(74.95));
    }
}

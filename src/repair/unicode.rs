//! Pass 2: Unicode forms: NFC and look-alike letters.

use super::{Pass, Rewriter, ToneStyle};
use unicode_normalization::UnicodeNormalization;

pub fn normalize(text: &str, _style: ToneStyle) -> Pass {
    let mut rw = Rewriter::new(text);
    let mut start = 0;
    // Normalize per line so edits stay local.
    for line in text.split_inclusive('\n') {
        let fixed: String = line
            .nfc()
            .map(|c| match c {
                '\u{01A3}' => 'ư',
                '\u{01A2}' => 'Ư',
                '\u{00D0}' => 'Đ',
                '\u{00A0}' => ' ',
                c => c,
            })
            .collect();
        if fixed != line {
            rw.replace(start..start + line.len(), &fixed, 1.0);
        }
        start += line.len();
    }
    rw.finish("unicode", Vec::new())
}

//! Pass 4: restore glyphs and diacritics lost in broken PDF text.

use super::Pass;

pub fn restore(text: &str) -> Pass {
    Pass::unchanged("restore", text)
}

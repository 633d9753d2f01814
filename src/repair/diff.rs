//! A reviewer's view of what repair changed: one line per edit, per pass.

use super::Repaired;
use std::fmt::Write;

pub fn render(repaired: &Repaired, color: bool) -> String {
    let (red, green, dim, reset) = if color {
        ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut out = String::new();
    for pass in &repaired.passes {
        let _ = writeln!(out, "== {} ({} changes)", pass.name, pass.edits.len());
        for note in &pass.notes {
            let _ = writeln!(out, "   {dim}{note}{reset}");
        }
        for e in &pass.edits {
            let (from, to) = pass.edit_texts(e);
            let _ = writeln!(
                out,
                "@{}: {red}-{:?}{reset} {green}+{:?}{reset} {dim}({:.2}){reset}",
                e.src.start, from, to, e.confidence
            );
        }
    }
    out
}

//! RTF → text. A small tokenizer over the RTF grammar (groups, control words, control
//! symbols, plain bytes) that keeps the visible body text and drops destinations that are
//! not text (font and colour tables, style sheets, document info, pictures, field
//! instructions, any `\*` destination but a shape's text box, text marked `\deleted` by
//! tracked changes). Hex escapes `\'hh` are bytes in the document's
//! ANSI code page (`\ansicpg`, Windows-1252 when absent); for Windows-1252 and -1258
//! they become the lossless cp1252 characters that `repair::legacy` expects from
//! TCVN3/VNI fonts. `\uN` escapes are real Unicode. Per-font `\fcharset` is deliberately
//! not used to decode: legacy Vietnamese fonts often carry a wrong charset (".VnTimeH
//! Tur" as Turkish).

use super::cp1252_char;
use encoding_rs::Encoding;

/// Destinations whose content is not document body text.
const SKIPPED_DESTINATIONS: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "objdata",
    "fldinst",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "generator",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "atnid",
    "atnauthor",
    "bkmkstart",
    "bkmkend",
    "template",
    "docvar",
    "nonshppict",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "xmlnstbl",
    "mmathPr",
    "sp",
    "sn",
    "sv",
    "pnseclvl",
    "pntxta",
    "pntxtb",
    "filetbl",
    "private",
    "userprops",
    "xe",
    "tc",
    // A shape's fallback rendering: the text box again, as a picture or a drawing object.
    "shprslt",
];

/// Nesting deeper than this is treated as malformed input; keeps the state stack bounded.
const MAX_DEPTH: usize = 512;

#[derive(Clone, Copy)]
struct GroupState {
    skip: bool,
    /// `skip` of the enclosing group: a shape's instructions (`\*\shpinst`) are read
    /// for their text box (`\shptxt`) unless the shape itself sits in skipped text.
    outer_skip: bool,
    /// Inside text marked as a tracked deletion (`\deleted`): not the document's text.
    deleted: bool,
    /// Inside `{\listtext …}`: the automatic number Word also writes as plain text for
    /// readers without list support; it is kept, tidied to "label " (see `end_label`).
    list_label: bool,
    /// How many fallback characters follow each `\uN` (the `\ucN` setting).
    unicode_fallback: u32,
}

/// Text of an RTF document plus notes about anything unusual.
pub fn extract(bytes: &[u8]) -> (String, Vec<String>) {
    let mut reader = Reader {
        bytes,
        pos: 0,
        out: String::with_capacity(bytes.len() / 3),
        codepage: None,
        pending_high_surrogate: None,
        label_start: 0,
        fallback_to_skip: 0,
        notes: Vec::new(),
    };
    reader.run();
    if reader.pos < bytes.len() {
        reader
            .notes
            .push("rtf: stopped early on malformed input".into());
    }
    (reader.out, reader.notes)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    out: String,
    /// The `\ansicpg` code page when it is not Windows-1252 and encoding_rs knows it.
    codepage: Option<&'static Encoding>,
    pending_high_surrogate: Option<u16>,
    /// Where the list label being read starts in `out`.
    label_start: usize,
    /// Fallback characters still to drop after a `\uN`.
    fallback_to_skip: u32,
    notes: Vec<String>,
}

impl Reader<'_> {
    fn run(&mut self) {
        let mut stack: Vec<GroupState> = Vec::new();
        let mut state = GroupState {
            skip: false,
            outer_skip: false,
            deleted: false,
            list_label: false,
            unicode_fallback: 1,
        };
        // True right after `{`: a destination control word may follow.
        let mut group_start = false;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            match b {
                b'{' => {
                    if stack.len() >= MAX_DEPTH {
                        self.notes.push("rtf: groups nested too deeply".into());
                        return;
                    }
                    stack.push(state);
                    state.outer_skip = state.skip;
                    self.pos += 1;
                    group_start = true;
                    self.fallback_to_skip = 0;
                    continue;
                }
                b'}' => {
                    if let Some(outer) = stack.pop() {
                        if state.list_label && !outer.list_label {
                            self.end_label();
                        }
                        state = outer;
                    }
                    self.pos += 1;
                    self.fallback_to_skip = 0;
                }
                b'\\' => {
                    let was_group_start = group_start;
                    // `{\*\word`: the word after the star still opens the group.
                    let star = self.bytes.get(self.pos + 1) == Some(&b'*');
                    group_start = star && was_group_start;
                    self.control(&mut state, was_group_start);
                    continue;
                }
                b'\r' | b'\n' => self.pos += 1,
                _ => {
                    self.pos += 1;
                    if self.consume_fallback() || state.skip || state.deleted {
                        // still counts as text for \uc fallback purposes
                    } else {
                        self.push_byte(b);
                    }
                }
            }
            group_start = false;
        }
    }

    /// Rewrites the list label just read as "label ": its padding and tab dropped, a
    /// symbol-font bullet (`\'b7` in Symbol, a private-use glyph) as "•".
    fn end_label(&mut self) {
        let start = self.label_start.min(self.out.len());
        let raw = self.out.split_off(start);
        let label = raw.trim();
        if label.is_empty() {
            return;
        }
        let label = if label == "\u{B7}" {
            "•".to_string()
        } else {
            super::numbering::bullet_text(label)
        };
        self.out.push_str(&label);
        self.out.push(' ');
    }

    /// Drops one fallback character after `\uN`; true when it did.
    fn consume_fallback(&mut self) -> bool {
        if self.fallback_to_skip > 0 {
            self.fallback_to_skip -= 1;
            true
        } else {
            false
        }
    }

    fn control(&mut self, state: &mut GroupState, at_group_start: bool) {
        // self.bytes[self.pos] == b'\\'
        self.pos += 1;
        let Some(&c) = self.bytes.get(self.pos) else {
            return;
        };
        if !c.is_ascii_alphabetic() {
            self.pos += 1;
            self.control_symbol(c, state);
            return;
        }
        let word_start = self.pos;
        while self.pos < self.bytes.len()
            && self.bytes[self.pos].is_ascii_alphabetic()
            && self.pos - word_start < 32
        {
            self.pos += 1;
        }
        let word = std::str::from_utf8(&self.bytes[word_start..self.pos]).unwrap_or("");
        let param = self.parameter();
        if self.bytes.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        if word == "bin" {
            // Raw binary data of the given length follows.
            let len = param.unwrap_or(0).max(0) as usize;
            self.pos = self.pos.saturating_add(len).min(self.bytes.len());
            return;
        }
        if at_group_start && SKIPPED_DESTINATIONS.contains(&word) {
            state.skip = true;
            return;
        }
        if at_group_start && word == "listtext" && !state.list_label {
            state.list_label = true;
            self.label_start = self.out.len();
            return;
        }
        // A shape's instructions are an ignorable destination, but its text box is text.
        if at_group_start && word == "shpinst" {
            state.skip = state.outer_skip;
            return;
        }
        match word {
            "deleted" => state.deleted = param != Some(0),
            "plain" => state.deleted = false,
            _ => {}
        }
        match word {
            "ansicpg" => self.set_codepage(param),
            "uc" => state.unicode_fallback = param.unwrap_or(1).clamp(0, 16) as u32,
            "u" => {
                if let Some(n) = param {
                    if !state.skip && !state.deleted {
                        self.push_utf16(n.rem_euclid(65536) as u16);
                    }
                    self.fallback_to_skip = state.unicode_fallback;
                }
                return;
            }
            _ => {}
        }
        if self.consume_fallback() || state.skip {
            return;
        }
        // A deleted run keeps the table's structure but gives no text, not even its breaks.
        if state.deleted && !matches!(word, "cell" | "nestcell" | "row" | "nestrow") {
            return;
        }
        match word {
            "par" | "line" | "sect" => self.out.push('\n'),
            "page" => self.out.push('\x0C'),
            // A list label's tab is the gap after the number, not a cell.
            "tab" if state.list_label => self.out.push(' '),
            "tab" | "cell" | "nestcell" => self.out.push('\t'),
            "row" | "nestrow" => {
                while self.out.ends_with('\t') {
                    self.out.pop();
                }
                self.out.push('\n');
            }
            "emdash" => self.out.push('\u{2014}'),
            "endash" => self.out.push('\u{2013}'),
            "lquote" => self.out.push('\u{2018}'),
            "rquote" => self.out.push('\u{2019}'),
            "ldblquote" => self.out.push('\u{201C}'),
            "rdblquote" => self.out.push('\u{201D}'),
            "bullet" => self.out.push('\u{2022}'),
            "emspace" | "enspace" | "qmspace" => self.out.push(' '),
            _ => {}
        }
    }

    fn control_symbol(&mut self, c: u8, state: &mut GroupState) {
        match c {
            b'*' => state.skip = true,
            b'\'' => {
                let hex = self.bytes.get(self.pos..self.pos + 2);
                let byte = hex
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(byte) = byte {
                    self.pos += 2;
                    if !self.consume_fallback() && !state.skip && !state.deleted {
                        self.push_byte(byte);
                    }
                }
            }
            b'\r' | b'\n' => {
                if !self.consume_fallback() && !state.skip && !state.deleted {
                    self.out.push('\n');
                }
            }
            _ => {
                if self.consume_fallback() || state.skip || state.deleted {
                    return;
                }
                match c {
                    b'\\' | b'{' | b'}' => self.out.push(c as char),
                    b'~' => self.out.push('\u{A0}'),
                    b'_' => self.out.push('-'),
                    _ => {} // \- optional hyphen, \: index subentry, \| formula
                }
            }
        }
    }

    /// The optional signed decimal parameter of a control word.
    fn parameter(&mut self) -> Option<i32> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let digits = self.pos;
        while self.pos < self.bytes.len()
            && self.bytes[self.pos].is_ascii_digit()
            && self.pos - digits < 10
        {
            self.pos += 1;
        }
        if self.pos == digits {
            self.pos = start;
            return None;
        }
        std::str::from_utf8(&self.bytes[start..self.pos])
            .ok()
            .and_then(|s| s.parse::<i64>().ok())
            .map(|n| n.clamp(i32::MIN as i64, i32::MAX as i64) as i32)
    }

    fn set_codepage(&mut self, param: Option<i32>) {
        let Some(cp) = param.and_then(|p| u16::try_from(p).ok()) else {
            return;
        };
        // Vietnamese Windows (1258) systems wrote TCVN3/VNI-font documents under \ansicpg1258
        // too; the bytes stay as their cp1252 images and `repair::legacy`, which knows
        // CP1258 as well, decides what they are.
        if cp == 1252 || cp == 1258 {
            self.codepage = None;
            return;
        }
        match codepage::to_encoding(cp) {
            Some(enc) if enc.is_single_byte() => self.codepage = Some(enc),
            _ => self.notes.push(format!(
                "rtf: code page {cp} not decoded; bytes kept as cp1252"
            )),
        }
    }

    /// One 8-bit text byte in the document code page.
    fn push_byte(&mut self, byte: u8) {
        self.flush_surrogate();
        match self.codepage {
            Some(enc) if byte >= 0x80 => {
                let one = [byte];
                let (s, _) = enc.decode_without_bom_handling(&one);
                self.out.push_str(&s);
            }
            _ => self.out.push(cp1252_char(byte)),
        }
    }

    fn push_utf16(&mut self, unit: u16) {
        match unit {
            0xD800..=0xDBFF => {
                self.flush_surrogate();
                self.pending_high_surrogate = Some(unit);
            }
            0xDC00..=0xDFFF => {
                if let Some(high) = self.pending_high_surrogate.take() {
                    let c =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    self.out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                } else {
                    self.out.push('\u{FFFD}');
                }
            }
            _ => {
                self.flush_surrogate();
                self.out
                    .push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
            }
        }
    }

    fn flush_surrogate(&mut self) {
        if self.pending_high_surrogate.take().is_some() {
            self.out.push('\u{FFFD}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_with_escapes_tables_and_skipped_destinations() {
        let rtf = br"{\rtf1\ansi\ansicpg1252\uc1{\fonttbl{\f0\fcharset0 .VnTime;}}{\info{\title X}}
{\*\generator Foo;}\pard\plain\f0 C\'b8c b\'b8o c\'b8o\par
{\field{\*\fldinst HYPERLINK x}{\fldrslt link}}\tab \u7889?n\par
\trowd\intbl a\cell b\cell\row {\pict 0123abcd}end\par}";
        let (text, notes) = extract(rtf);
        assert_eq!(
            text,
            "C\u{b8}c b\u{b8}o c\u{b8}o\nlink\t\u{1ed1}n\na\tb\nend\n"
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn undefined_cp1252_bytes_stay_lossless_and_other_codepages_decode() {
        let (text, _) = extract(br"{\rtf1\ansi \'81\'8d\'80}");
        assert_eq!(text, "\u{81}\u{8d}\u{20ac}");
        let (text, _) = extract(br"{\rtf1\ansi\ansicpg1258 \'f2}");
        assert_eq!(text, "\u{f2}");
        let (text, _) = extract(br"{\rtf1\ansi\ansicpg1251 \'e4}");
        assert_eq!(text, "\u{434}");
    }

    #[test]
    fn malformed_input_never_panics() {
        for junk in [
            &b"{\\rtf1 \\'"[..],
            b"{\\rtf1 \\u",
            b"}}}}{{{",
            b"\\bin999999999 x",
            b"{\\rtf1\\u-1\\u55357\\u56832?}",
        ] {
            let _ = extract(junk);
        }
        let deep = vec![b'{'; 10_000];
        let (_, notes) = extract(&deep);
        assert!(!notes.is_empty());
    }
}

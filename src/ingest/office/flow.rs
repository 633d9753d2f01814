//! Text layout shared by the XML office readers, in the conventions of the .doc and .xls
//! readers so that downstream passes read every format alike:
//! - [`Flow`] (word processing): a paragraph is a line; a table row is one line of
//!   tab-separated cells, paragraphs inside a cell separated by newlines (as Word's own
//!   cell marks come out of `doc.rs`), trailing empty cells dropped.
//! - [`Grid`] (spreadsheets): a sheet is a title line `=== name ===` then its rows from
//!   A1, every row padded with tabs to the sheet's width, like `xls.rs`.

use std::collections::BTreeMap;

/// Characters of output kept from one file at most; past it text is dropped with a note.
pub const MAX_TEXT_CHARS: usize = 64 * 1024 * 1024;

/// Running text of a word-processing document.
#[derive(Default)]
pub struct Flow {
    pub text: String,
    /// Where each open table cell starts in `text`.
    cells: Vec<usize>,
    /// Open paragraphs (text boxes nest paragraphs inside paragraphs).
    paragraphs: usize,
    /// A nested paragraph just ended: its newline also ends the enclosing one.
    after_nested: bool,
    pub truncated: bool,
}

impl Flow {
    pub fn push_str(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.after_nested = false;
        if self.text.len() + s.len() > MAX_TEXT_CHARS {
            self.truncated = true;
            return;
        }
        self.text.push_str(s);
    }

    pub fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf));
    }

    pub fn in_paragraph(&self) -> bool {
        self.paragraphs > 0
    }

    pub fn paragraph_start(&mut self) {
        // A paragraph inside a paragraph (a text box) starts on a line of its own.
        if self.paragraphs > 0 && !self.text.is_empty() && !self.text.ends_with(['\n', '\t']) {
            self.push('\n');
        }
        self.paragraphs += 1;
    }

    pub fn paragraph_end(&mut self) {
        self.paragraphs = self.paragraphs.saturating_sub(1);
        if self.after_nested && self.text.ends_with('\n') {
            self.after_nested = false;
            return;
        }
        self.push('\n');
        self.after_nested = self.paragraphs > 0;
    }

    pub fn cell_start(&mut self) {
        self.cells.push(self.text.len());
    }

    /// Ends a cell with a tab; its last paragraph's newline is the cell's own.
    pub fn cell_end(&mut self) {
        let start = self.cells.pop().unwrap_or(0);
        if self.text.len() > start && self.text.ends_with('\n') {
            self.text.pop();
        }
        self.push('\t');
    }

    /// `count` more empty cells (repeated or spanned ones).
    pub fn empty_cells(&mut self, count: usize) {
        for _ in 0..count {
            self.push('\t');
        }
    }

    pub fn row_end(&mut self) {
        while self.text.ends_with('\t') {
            self.text.pop();
        }
        self.push('\n');
    }
}

/// Rows further down or columns further right than these are not read (Excel's own
/// limits; an .ods marks its unused tail as one row repeated a million times).
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 16_384;
/// Cells kept from one sheet at most (an .ods can repeat a filled cell or row).
const MAX_GRID_CELLS: usize = 2_000_000;
/// A sheet padded to a larger rectangle than this is written without padding instead.
const MAX_PADDED_CELLS: u64 = 4_000_000;

/// The non-empty cells of one sheet, by position.
#[derive(Default)]
pub struct Grid {
    rows: BTreeMap<u32, BTreeMap<u32, String>>,
    chars: usize,
    cells: usize,
    pub truncated: bool,
}

impl Grid {
    /// Sets a cell (0-based); tabs and line breaks inside it become spaces, as in `xls.rs`.
    /// False once the sheet is full (then nothing more is kept).
    pub fn set(&mut self, row: u32, col: u32, value: &str) -> bool {
        let value = value.trim_end_matches(['\r', '\n']);
        if value.is_empty() || row >= MAX_ROWS || col >= MAX_COLUMNS {
            return !self.truncated;
        }
        if self.truncated
            || self.chars + value.len() > MAX_TEXT_CHARS
            || self.cells >= MAX_GRID_CELLS
        {
            self.truncated = true;
            return false;
        }
        self.chars += value.len();
        self.cells += 1;
        let clean: String = value
            .chars()
            .map(|c| {
                if matches!(c, '\r' | '\n' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        self.rows.entry(row).or_default().insert(col, clean);
        true
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the sheet after its title line. Returns a note when the sheet was too
    /// sparse and large to pad and its rows were written as found.
    pub fn write(&self, name: &str, text: &mut String) -> Option<String> {
        text.push_str("=== ");
        text.push_str(name);
        text.push_str(" ===\n");
        let last_row = *self.rows.keys().next_back()?;
        let width = self
            .rows
            .values()
            .filter_map(|cells| cells.keys().next_back())
            .max()
            .map_or(1, |&c| c + 1);
        let padded = (u64::from(last_row) + 1) * u64::from(width) <= MAX_PADDED_CELLS;
        if padded {
            for row in 0..=last_row {
                let cells = self.rows.get(&row);
                for col in 0..width {
                    if col > 0 {
                        text.push('\t');
                    }
                    if let Some(value) = cells.and_then(|c| c.get(&col)) {
                        text.push_str(value);
                    }
                }
                text.push('\n');
            }
            None
        } else {
            for cells in self.rows.values() {
                let row: Vec<&str> = cells.values().map(String::as_str).collect();
                text.push_str(&row.join("\t"));
                text.push('\n');
            }
            Some(format!(
                "sheet {name:?} spans {} rows × {width} columns; written without padding",
                last_row + 1
            ))
        }
    }
}

/// A cell reference such as "B12" → (row 11, column 1), 0-based.
pub fn cell_ref(reference: &str) -> Option<(u32, u32)> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0u32;
    for b in reference[..letters].bytes() {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = reference[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("b12"), Some((11, 1)));
        assert_eq!(cell_ref("AA3"), Some((2, 26)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
        assert_eq!(cell_ref("ABCD1"), None);
    }

    #[test]
    fn grid_pads_to_width_and_refuses_huge_padding() {
        let mut grid = Grid::default();
        grid.set(0, 0, "STT");
        grid.set(0, 2, "Ghi\nchú");
        grid.set(2, 1, "x");
        let mut text = String::new();
        assert_eq!(grid.write("S", &mut text), None);
        assert_eq!(text, "=== S ===\nSTT\t\tGhi chú\n\t\t\n\tx\t\n");
        let mut sparse = Grid::default();
        sparse.set(0, 0, "a");
        sparse.set(1_000_000, 16_000, "b");
        let mut text = String::new();
        assert!(sparse.write("T", &mut text).is_some());
        assert_eq!(text, "=== T ===\na\nb\n");
    }

    #[test]
    fn flow_tables_and_nested_paragraphs() {
        let mut flow = Flow::default();
        flow.paragraph_start();
        flow.push_str("Tiêu đề");
        flow.paragraph_start();
        flow.push_str("hộp chữ");
        flow.paragraph_end();
        flow.paragraph_end();
        for row in [["1", "Hai"], ["", ""]] {
            for cell in row {
                flow.cell_start();
                flow.paragraph_start();
                flow.push_str(cell);
                flow.paragraph_end();
                flow.cell_end();
            }
            flow.row_end();
        }
        assert_eq!(flow.text, "Tiêu đề\nhộp chữ\n1\tHai\n\n");
    }
}

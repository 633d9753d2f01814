//! PDF → text for ingest. The text layer is read by pdf-extract, page by page, and laid
//! out by [`PlainLayout`] (pdf-extract's plain-text rules, with the spacing, table cells
//! and footnote numbers of word processors' PDFs); when it fails on a file, lopdf's own
//! extractor is tried, then `pdftotext` if installed. Pages
//! are joined with a form feed (`\x0C`), which the layout pass reads as a page break. A
//! PDF without a text layer (a scan) is OCRed with `pdftoppm` + `tesseract -l vie` when
//! both are installed; otherwise it becomes an error record saying what to install.
//! Every parser runs under [`super::guard`] (panics caught, time limited) and the input
//! size is bounded. Legacy TCVN3/VNI fonts give text whose characters are the cp1252
//! images of the font's bytes; that text is kept as-is and classified `SingleByte` for
//! `repair::legacy`. This module does not repair or reorder text.

use super::external::{self, Tool};
use super::guard;
use super::office::{classify_noted, cp1252_byte, OfficeText};
use super::ByteEncoding;
use crate::error::{DocError, Stage};
use std::process::Command;
use std::time::Duration;

/// PDFs larger than this are not parsed (pdf-extract holds the whole object graph).
pub const MAX_PDF_BYTES: usize = 100 * 1024 * 1024;
/// Time one parser may spend on one file.
const PARSE_TIME_LIMIT: Duration = Duration::from_secs(120);
/// Time for rasterising or recognising one page with the outside programs.
const OCR_TIME_LIMIT: Duration = Duration::from_secs(600);
/// Pages OCRed at most; a longer scan is cut with a note.
const MAX_OCR_PAGES: usize = 200;
/// Recognition time for one document; pages after it are left out with a note, so one
/// long scan cannot hold a batch worker for hours.
const OCR_DOCUMENT_LIMIT: Duration = Duration::from_secs(900);

/// The message of the error record for a scan when OCR cannot run.
pub const NO_OCR_MESSAGE: &str =
    "pdf has no text layer; OCR unavailable: install tesseract-ocr and tesseract-ocr-vie";

/// Extracts the text of a PDF, one page per form-feed-separated block.
pub fn extract_text(bytes: &[u8]) -> Result<OfficeText, DocError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(DocError::new(
            Stage::Ingest,
            format!(
                "pdf too large to parse: {} bytes (limit {MAX_PDF_BYTES})",
                bytes.len()
            ),
        ));
    }
    let mut notes = Vec::new();
    let pages = match text_layer(bytes, &mut notes) {
        Ok(pages) => pages,
        Err(message) => return Err(DocError::new(Stage::Ingest, message)),
    };
    notes.push(format!("pdf: {} pages", pages.len()));
    let empty_pages = pages.iter().filter(|p| p.trim().is_empty()).count();
    if empty_pages == pages.len() {
        return ocr(bytes, pages.len(), notes);
    }
    if empty_pages > 0 {
        notes.push(format!("pdf: {empty_pages} pages have no text layer"));
    }
    let (text, byte_encoding) = fold_legacy_lookalikes(pages.join("\x0C"), &mut notes);
    Ok(OfficeText {
        byte_encoding,
        text,
        notes,
    })
}

/// Glyphs that legacy-font PDFs name after a look-alike, mapped back to the cp1252
/// character of the byte the font drew them at: TCVN3's "ư" sits at 0xAD, whose glyph is
/// often named `minus`, and "ã" at 0xB7 (`periodcentered`, read as U+2219).
const LEGACY_LOOKALIKES: [(char, char); 2] = [('\u{2212}', '\u{AD}'), ('\u{2219}', '\u{B7}')];

/// Folds [`LEGACY_LOOKALIKES`] when the text is otherwise single-byte legacy text, so the
/// legacy pass sees one consistent byte image; real Unicode text is left untouched.
fn fold_legacy_lookalikes(text: String, notes: &mut Vec<String>) -> (String, ByteEncoding) {
    let is_lookalike = |c: char| LEGACY_LOOKALIKES.iter().any(|&(from, _)| from == c);
    let count = text.chars().filter(|&c| is_lookalike(c)).count();
    // Legacy text shows many other non-ASCII cp1252 characters; an English text with a
    // few minus signs does not, and keeps them.
    let legacy_looking = text
        .chars()
        .filter(|&c| !c.is_ascii() && cp1252_byte(c).is_some())
        .count();
    if count > 0 && legacy_looking >= count.max(10) {
        let folded: String = text
            .chars()
            .map(|c| {
                LEGACY_LOOKALIKES
                    .iter()
                    .find(|&&(from, _)| from == c)
                    .map_or(c, |&(_, to)| to)
            })
            .collect();
        let (encoding, note) = classify_noted(&folded);
        if encoding == ByteEncoding::SingleByte {
            notes.push(format!(
                "pdf: {count} legacy-font glyphs mapped back to their cp1252 bytes"
            ));
            notes.extend(note);
            return (folded, encoding);
        }
    }
    let (encoding, note) = classify_noted(&text);
    notes.extend(note);
    (text, encoding)
}

/// The text of each page, from the first extractor that works.
fn text_layer(bytes: &[u8], notes: &mut Vec<String>) -> Result<Vec<String>, String> {
    let first_problem = match pdf_extract_pages(bytes.to_vec()) {
        Ok(pages) if pages.iter().any(|p| !p.trim().is_empty()) => return Ok(pages),
        Ok(pages) => {
            // Possibly a scan, or streams pdf-extract could not decode: retry below.
            let normalized = normalize_filter_names(bytes);
            match normalized.map(pdf_extract_pages) {
                Some(Ok(retried)) if retried.iter().any(|p| !p.trim().is_empty()) => {
                    notes.push("pdf: abbreviated stream filter names expanded".into());
                    return Ok(retried);
                }
                _ => return Ok(pages),
            }
        }
        Err(problem) => problem,
    };
    if let Some(normalized) = normalize_filter_names(bytes) {
        if let Ok(pages) = pdf_extract_pages(normalized) {
            notes.push("pdf: abbreviated stream filter names expanded".into());
            return Ok(pages);
        }
    }
    notes.push(format!(
        "pdf: pdf-extract failed ({first_problem}); used a fallback"
    ));
    let owned = bytes.to_vec();
    let second = guard::run_guarded(PARSE_TIME_LIMIT, move || lopdf_pages(&owned));
    let second_problem = match second {
        Ok(Ok(pages)) => return Ok(pages),
        Ok(Err(e)) => e,
        Err(failure) => failure.to_string(),
    };
    if external::locate(Tool::Pdftotext).is_some() {
        match pdftotext(bytes) {
            Ok(pages) => return Ok(pages),
            Err(e) => notes.push(format!("pdf: pdftotext failed ({e})")),
        }
    }
    Err(format!(
        "pdf: unreadable (pdf-extract: {first_problem}; lopdf: {second_problem})"
    ))
}

fn pdf_extract_pages(bytes: Vec<u8>) -> Result<Vec<String>, String> {
    match guard::run_guarded(PARSE_TIME_LIMIT, move || pages_as_text(&bytes)) {
        Ok(result) => result,
        Err(failure) => Err(failure.to_string()),
    }
}

/// pdf-extract's pages through [`PlainLayout`], as its own `extract_text_from_mem_by_pages`
/// does with its plain-text output.
fn pages_as_text(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|e| e.to_string())?;
    }
    let mut pages = Vec::new();
    for number in 1.. {
        let mut page = PlainLayout::default();
        if pdf_extract::output_doc_page(&doc, &mut page, number).is_err() {
            break;
        }
        pages.push(page.text);
    }
    Ok(pages)
}

/// A gap this many font sizes wide on one baseline separates two columns (the cells of a
/// borderless header or signature table, a data table's cells), never two words.
const COLUMN_GAP: f64 = 1.5;

/// What stands between the glyph last written and the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    #[default]
    None,
    Space,
    Column,
}

/// pdf-extract's plain-text layout (a line break where the baseline moves, a space where
/// a glyph starts right of the last one's end) with two changes for word processors'
/// PDFs: a space glyph and the widened gap after it (justified text) give one space, not
/// two or three; and a gap of [`COLUMN_GAP`] on one baseline is a tab, as the office
/// readers write a Word table's cells, so that the two cells of a header or signature
/// row that share a line ("Số: 12/UBND" and the date, "- Lưu: VT." and "(Đã ký)") stay
/// apart. Where a page draws a bordered table, its cell walls and row lines place the
/// text: each row on one line, a cell's wrapped lines joined, a tab per cell passed (an
/// empty cell too). A footnote's number set as a superscript (smaller, raised) becomes the `[^n]`
/// marker that the layout pass writes for footnotes, not a digit glued to the word
/// ("Tiền Giang1"); a raised 2 or 3 after "m" is the unit's "²" or "³".
struct PlainLayout {
    text: String,
    last_end: f64,
    /// Where the last glyph other than a space ended.
    word_end: f64,
    last_y: f64,
    /// The size of the last glyph on the baseline (not raised).
    last_size: f64,
    first_char: bool,
    pending: Gap,
    /// Inside a `[^n]` marker being written.
    in_marker: bool,
    /// Tabs a pending column gap writes: the cells it passes.
    tabs: usize,
    /// The page's footnote markers: where each ends in `text`, its number, and the size
    /// of the text it follows.
    markers: Vec<(usize, String, f64)>,
    /// Where each line starts in `text`, and the size of its first glyph.
    line_starts: Vec<(usize, f64)>,
    /// The page's glyphs and text-showing operations, in the content's order; laid out
    /// at the page's end, once the table rules drawn after the text are known too.
    events: Vec<Event>,
    /// Vertical rules drawn on the page (a bordered table's cell walls): x, top, bottom,
    /// reading downwards.
    walls: Vec<(f64, f64, f64)>,
    /// Horizontal rules drawn on the page (a bordered table's row lines): y, left, right.
    floors: Vec<(f64, f64, f64)>,
}

/// One call of pdf-extract's output, kept until the page ends.
enum Event {
    /// A text-showing operation starts (pdf-extract's `begin_word`).
    Show,
    Glyph {
        x: f64,
        y: f64,
        size: f64,
        width: f64,
        glyph: String,
    },
}

impl PlainLayout {
    /// Lays out one glyph at (x, y), reading downwards.
    fn place(&mut self, x: f64, y: f64, size: f64, width: f64, glyph: &str) {
        let raised = self.last_size > 0.0
            && size < self.last_size * 0.8
            && self.last_y - y > self.last_size * 0.2
            && self.last_y - y < self.last_size
            && x >= self.word_end - self.last_size * 0.1
            && x < self.word_end + self.last_size * 0.5;
        if raised && glyph.chars().all(|c| c.is_ascii_digit()) && !glyph.is_empty() {
            let unit = !self.in_marker && self.text.ends_with('m');
            match glyph {
                "2" if unit => self.text.push('²'),
                "3" if unit => self.text.push('³'),
                _ => {
                    if !self.in_marker {
                        self.text.push_str("[^");
                        self.in_marker = true;
                    }
                    self.text.push_str(glyph);
                }
            }
            // The baseline stays the line's; the marker's end is where the word goes on.
            self.word_end = x + width * size;
            self.last_end = self.word_end;
            self.first_char = false;
            return;
        }
        self.close_marker();
        if self.first_char {
            let down = (y - self.last_y).abs();
            let mut broke = false;
            // The rows of a bordered table are one line apart, as a Word table's rows
            // come from the office readers; a cell's wrapped lines are one line of the
            // row, and its empty cells are tabs too.
            let in_table = self.walled_together(self.last_y, y);
            if in_table && down > size * 0.5 {
                let walls = self.walls_between(self.word_end.min(x), self.word_end.max(x), y);
                if self.floor_between(self.last_y, y, x) {
                    self.text.push('\n');
                    let left = self
                        .walls
                        .iter()
                        .filter(|&&(_, t, b)| t <= y && b >= y)
                        .map(|w| w.0)
                        .fold(f64::INFINITY, f64::min);
                    let empty = self.walls_between(left, x, y);
                    self.text.push_str(&"\t".repeat(empty));
                    self.pending = Gap::None;
                } else if x > self.word_end && walls > 0 {
                    self.pending = Gap::Column;
                    self.tabs = walls;
                } else {
                    self.pending = self.pending.max(Gap::Space);
                }
                self.first_char = false;
                self.last_y = y;
                return self.write(x, size, width, glyph);
            }
            if down > size * 1.5 && !in_table {
                self.text.push('\n');
                broke = true;
            }
            if (x < self.last_end || in_table) && down > size * 0.5 {
                self.text.push('\n');
                broke = true;
            }
            if broke {
                self.pending = Gap::None;
            } else if x > self.word_end + size * COLUMN_GAP
                || (x > self.word_end && self.wall_between(self.word_end, x, y))
            {
                self.pending = Gap::Column;
                self.tabs = self.walls_between(self.word_end, x, y).max(1);
            } else if x > self.last_end + size * 0.1 {
                self.pending = self.pending.max(Gap::Space);
            }
        }
        self.first_char = false;
        self.last_y = y;
        self.write(x, size, width, glyph);
    }

    /// Writes a glyph on the current line after the pending gap.
    fn write(&mut self, x: f64, size: f64, width: f64, glyph: &str) {
        self.last_end = x + width * size;
        if glyph == " " {
            self.pending = self.pending.max(Gap::Space);
            return;
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            match self.pending {
                Gap::None => {}
                Gap::Space => self.text.push(' '),
                Gap::Column => self.text.push_str(&"\t".repeat(self.tabs.max(1))),
            }
        }
        self.pending = Gap::None;
        if self.text.is_empty() || self.text.ends_with('\n') {
            self.line_starts.push((self.text.len(), size));
        }
        self.text.push_str(glyph);
        self.word_end = self.last_end;
        self.last_size = size;
    }

    /// Keeps the vertical segments of a drawn path (a line, or a rectangle thinner than
    /// two points), in page space.
    fn note_walls(&mut self, ctm: &pdf_extract::Transform, path: &pdf_extract::Path) {
        use pdf_extract::PathOp;
        let at = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                -(x * ctm.m12 + y * ctm.m22 + ctm.m32),
            )
        };
        let mut from: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => from = Some(at(x, y)),
                PathOp::LineTo(x, y) => {
                    let to = at(x, y);
                    if let Some((fx, fy)) = from {
                        if (fx - to.0).abs() < 0.5 && (fy - to.1).abs() > 2.0 {
                            self.walls.push((fx, fy.min(to.1), fy.max(to.1)));
                        } else if (fy - to.1).abs() < 0.5 && (fx - to.0).abs() > 2.0 {
                            self.floors.push((fy, fx.min(to.0), fx.max(to.0)));
                        }
                    }
                    from = Some(to);
                }
                PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (at(x, y), at(x + w, y + h));
                    if (a.0 - b.0).abs() < 2.0 && (a.1 - b.1).abs() > 2.0 {
                        self.walls
                            .push(((a.0 + b.0) / 2.0, a.1.min(b.1), a.1.max(b.1)));
                    } else if (a.1 - b.1).abs() < 2.0 && (a.0 - b.0).abs() > 2.0 {
                        self.floors
                            .push(((a.1 + b.1) / 2.0, a.0.min(b.0), a.0.max(b.0)));
                    }
                }
                _ => {}
            }
        }
    }

    /// Joins the walls that continue one another (a table draws each cell's wall).
    fn merge_walls(&mut self) {
        self.walls
            .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut merged: Vec<(f64, f64, f64)> = Vec::with_capacity(self.walls.len());
        for &(x, top, bottom) in &self.walls {
            match merged.last_mut() {
                Some(last) if (last.0 - x).abs() < 0.5 && top <= last.2 + 1.0 => {
                    last.2 = last.2.max(bottom);
                }
                _ => merged.push((x, top, bottom)),
            }
        }
        self.walls = merged;
    }

    /// A wall between x positions `left` and `right` on the baseline `y`.
    fn wall_between(&self, left: f64, right: f64, y: f64) -> bool {
        self.walls
            .iter()
            .any(|&(x, top, bottom)| x > left && x < right && top <= y && bottom >= y)
    }

    /// How many walls stand between x positions `left` and `right` on the baseline `y`.
    fn walls_between(&self, left: f64, right: f64, y: f64) -> usize {
        self.walls
            .iter()
            .filter(|&&(x, top, bottom)| x > left && x < right && top <= y && bottom >= y)
            .count()
    }

    /// A row line between the baselines `y1` and `y2` under the position `x`.
    fn floor_between(&self, y1: f64, y2: f64, x: f64) -> bool {
        let (top, bottom) = (y1.min(y2), y1.max(y2));
        self.floors
            .iter()
            .any(|&(y, left, right)| y > top && y < bottom && left <= x && right >= x)
    }

    /// Two baselines between the walls of one table of two columns or more: three walls
    /// at least span both, so a frame drawn round a page or a note is no table.
    fn walled_together(&self, y1: f64, y2: f64) -> bool {
        let (top, bottom) = (y1.min(y2), y1.max(y2));
        self.walls
            .iter()
            .filter(|&&(_, t, b)| t <= top && b >= bottom)
            .count()
            >= 3
    }

    fn close_marker(&mut self) {
        if self.in_marker {
            let number = self.text[self.text.rfind("[^").map_or(0, |at| at + 2)..].to_string();
            self.text.push(']');
            self.in_marker = false;
            self.markers.push((self.text.len(), number, self.last_size));
        }
    }

    /// Puts a rule line above the page's first footnote, as a typewritten page has one:
    /// the first line below a marker that opens with the marker's number in a smaller
    /// size than the text the marker follows ("1 Số liệu tính đến …"). The layout pass
    /// takes the notes under a rule line out of the running text.
    fn rule_above_footnotes(&mut self) {
        let Some((after, number, size)) = self.markers.first().cloned() else {
            return;
        };
        let found = self.line_starts.iter().find(|&&(at, first_size)| {
            let rest = &self.text[at..];
            at >= after
                && first_size < size * 0.9
                && rest.strip_prefix(number.as_str()).is_some_and(|r| {
                    r.starts_with([' ', '\t']) || r.starts_with(|c: char| c.is_alphabetic())
                })
        });
        if let Some(&(at, _)) = found {
            self.text.insert_str(at, "__________\n");
        }
    }
}

impl Default for PlainLayout {
    fn default() -> Self {
        PlainLayout {
            text: String::new(),
            last_end: 100_000.0,
            word_end: 100_000.0,
            last_y: 0.0,
            last_size: 0.0,
            first_char: false,
            pending: Gap::None,
            in_marker: false,
            tabs: 1,
            markers: Vec::new(),
            line_starts: Vec::new(),
            events: Vec::new(),
            walls: Vec::new(),
            floors: Vec::new(),
        }
    }
}

impl pdf_extract::OutputDev for PlainLayout {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.merge_walls();
        for event in std::mem::take(&mut self.events) {
            match event {
                Event::Show => self.first_char = true,
                Event::Glyph {
                    x,
                    y,
                    size,
                    width,
                    glyph,
                } => self.place(x, y, size, width, &glyph),
            }
        }
        self.close_marker();
        self.rule_above_footnotes();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        glyph: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // The side of the square of the font size's transformed area, as pdf-extract does.
        let size = ((font_size * (trm.m11 + trm.m21)) * (font_size * (trm.m12 + trm.m22)))
            .abs()
            .sqrt();
        // Page space grows upwards; lines are read downwards.
        self.events.push(Event::Glyph {
            x: trm.m31,
            y: -trm.m32,
            size,
            width,
            glyph: glyph.to_string(),
        });
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &pdf_extract::Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), pdf_extract::OutputError> {
        self.note_walls(ctm, path);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &pdf_extract::Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), pdf_extract::OutputError> {
        self.note_walls(ctm, path);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.events.push(Event::Show);
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// The full filter name for an abbreviation that the PDF spec allows only in inline
/// images but some producers (pdfFactory) also write on streams, where parsers reject it.
fn full_filter_name(name: &[u8]) -> Option<&'static [u8]> {
    Some(match name {
        b"Fl" => b"FlateDecode",
        b"AHx" => b"ASCIIHexDecode",
        b"A85" => b"ASCII85Decode",
        b"LZW" => b"LZWDecode",
        b"RL" => b"RunLengthDecode",
        b"CCF" => b"CCITTFaxDecode",
        b"DCT" => b"DCTDecode",
        _ => return None,
    })
}

/// The PDF rewritten with full filter names, when it used abbreviations on streams.
fn normalize_filter_names(bytes: &[u8]) -> Option<Vec<u8>> {
    let owned = bytes.to_vec();
    guard::run_guarded(PARSE_TIME_LIMIT, move || {
        let mut doc = lopdf::Document::load_mem(&owned).ok()?;
        let mut changed = false;
        for object in doc.objects.values_mut() {
            let lopdf::Object::Stream(stream) = object else {
                continue;
            };
            let Ok(filter) = stream.dict.get_mut(b"Filter") else {
                continue;
            };
            let names: Vec<&mut lopdf::Object> = match filter {
                lopdf::Object::Array(items) => items.iter_mut().collect(),
                other => vec![other],
            };
            for name in names {
                if let lopdf::Object::Name(n) = name {
                    if let Some(full) = full_filter_name(n) {
                        *n = full.to_vec();
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return None;
        }
        let mut out = Vec::with_capacity(owned.len());
        doc.save_to(&mut out).ok()?;
        Some(out)
    })
    .ok()
    .flatten()
}

/// lopdf's own extractor, one page at a time so one bad page loses only itself.
fn lopdf_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err("no pages".into());
    }
    Ok(numbers
        .iter()
        .map(|&n| doc.extract_text(&[n]).unwrap_or_default())
        .collect())
}

fn pdftotext(bytes: &[u8]) -> Result<Vec<String>, String> {
    let exe = external::locate(Tool::Pdftotext).ok_or("not installed")?;
    let input = temp_pdf(bytes)?;
    let mut cmd = Command::new(exe);
    cmd.args(["-layout", "-enc", "UTF-8"])
        .arg(input.path())
        .arg("-");
    let out = external::run_bounded(cmd, PARSE_TIME_LIMIT, 256 << 20)?;
    if !out.success {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\x0C').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

fn temp_pdf(bytes: &[u8]) -> Result<tempfile::NamedTempFile, String> {
    use std::io::Write;
    let mut file = tempfile::Builder::new()
        .prefix("vanban-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| format!("cannot create a temporary file: {e}"))?;
    file.write_all(bytes)
        .map_err(|e| format!("cannot write a temporary file: {e}"))?;
    Ok(file)
}

/// True when both programs OCR needs, and tesseract's Vietnamese model, are installed.
pub fn ocr_available() -> bool {
    external::locate(Tool::Pdftoppm).is_some() && external::tesseract_has_vietnamese()
}

/// OCR of a scanned PDF: rasterise with pdftoppm, recognise each page with tesseract.
fn ocr(bytes: &[u8], page_count: usize, mut notes: Vec<String>) -> Result<OfficeText, DocError> {
    if !ocr_available() {
        let mut message = NO_OCR_MESSAGE.to_string();
        if external::locate(Tool::Pdftoppm).is_none() {
            message.push_str(" (and poppler-utils for pdftoppm)");
        }
        return Err(DocError::new(Stage::Ingest, message));
    }
    let pages = ocr_pages(bytes, page_count, &mut notes)
        .map_err(|e| DocError::new(Stage::Ingest, format!("pdf: OCR failed: {e}")))?;
    notes.push(format!(
        "pdf: text from OCR (tesseract -l vie), {} pages",
        pages.len()
    ));
    let text = pages.join("\x0C");
    if text.trim().is_empty() {
        return Err(DocError::new(Stage::Ingest, "pdf: OCR found no text"));
    }
    Ok(OfficeText {
        text,
        byte_encoding: ByteEncoding::Unicode,
        notes,
    })
}

/// Rasterises and recognises one page at a time, so temporary disk stays at one image.
fn ocr_pages(
    bytes: &[u8],
    page_count: usize,
    notes: &mut Vec<String>,
) -> Result<Vec<String>, String> {
    let (Some(pdftoppm), Some(tesseract)) = (
        external::locate(Tool::Pdftoppm),
        external::locate(Tool::Tesseract),
    ) else {
        return Err("pdftoppm or tesseract missing".into());
    };
    let input = temp_pdf(bytes)?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let prefix = dir.path().join("page");
    let image = dir.path().join("page.png");
    let wanted = page_count.clamp(1, MAX_OCR_PAGES);
    if page_count > MAX_OCR_PAGES {
        notes.push(format!(
            "pdf: OCR limited to the first {MAX_OCR_PAGES} pages"
        ));
    }
    let started = std::time::Instant::now();
    let mut pages = Vec::with_capacity(wanted);
    for number in 1..=wanted {
        if started.elapsed() > OCR_DOCUMENT_LIMIT {
            notes.push(format!(
                "pdf: OCR stopped after {} of {wanted} pages (time limit {}s)",
                pages.len(),
                OCR_DOCUMENT_LIMIT.as_secs()
            ));
            break;
        }
        let mut raster = Command::new(pdftoppm);
        raster
            .args(["-r", "300", "-gray", "-png", "-singlefile", "-f"])
            .arg(number.to_string())
            .arg("-l")
            .arg(number.to_string())
            .arg(input.path())
            .arg(&prefix);
        let out = external::run_bounded(raster, OCR_TIME_LIMIT, 1 << 20)?;
        if !out.success {
            return Err(format!(
                "pdftoppm (page {number}): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let mut recognise = Command::new(tesseract);
        // Words with their boxes (TSV), laid out by `ocr::layout_tsv`: tesseract's own
        // text puts side-by-side header and signature columns on one line.
        recognise
            .arg(&image)
            .arg("stdout")
            .args(["-l", "vie", "tsv"]);
        let out = external::run_bounded(recognise, OCR_TIME_LIMIT, 16 << 20)?;
        if !out.success {
            return Err(format!(
                "tesseract (page {number}): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        pages.push(super::ocr::layout_tsv(&String::from_utf8_lossy(
            &out.stdout,
        )));
        // Best effort: the folder is removed at the end anyway.
        let _ = std::fs::remove_file(&image);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_pdf_is_an_error_record() {
        let err = extract_text(b"%PDF-1.4\n garbage garbage").err();
        assert!(err.is_some());
        let err = extract_text(b"%PDF-").err();
        assert!(err.is_some());
    }

    #[test]
    fn lookalikes_fold_only_in_legacy_looking_text() {
        let mut notes = Vec::new();
        let legacy = "ng\u{e2}n h\u{b5}ng nh\u{b5} n\u{2212}\u{ed}c x\u{2219} h\u{e9}i \u{b8}\u{b8}\u{b8}\u{b8} \u{b8}\u{b8}\u{b8}\u{b8}";
        let (text, encoding) = fold_legacy_lookalikes(legacy.to_string(), &mut notes);
        assert_eq!(encoding, ByteEncoding::SingleByte);
        assert!(text.contains("n\u{ad}\u{ed}c x\u{b7} h"), "{text:?}");
        let english = "x \u{2212} y = 3";
        let (text, encoding) = fold_legacy_lookalikes(english.to_string(), &mut notes);
        assert_eq!((text.as_str(), encoding), (english, ByteEncoding::Unicode));
        let unicode = "Nước \u{2212} xã hội chủ nghĩa Việt Nam độc lập tự do hạnh phúc";
        let (text, encoding) = fold_legacy_lookalikes(unicode.to_string(), &mut notes);
        assert_eq!((text.as_str(), encoding), (unicode, ByteEncoding::Unicode));
    }

    /// Lays out glyphs given as (x, y, text), one show operation each, 10 points high.
    fn laid_out(
        walls: &[(f64, f64, f64)],
        floors: &[(f64, f64, f64)],
        glyphs: &[(f64, f64, &str)],
    ) -> String {
        let mut page = PlainLayout {
            walls: walls.to_vec(),
            floors: floors.to_vec(),
            ..PlainLayout::default()
        };
        page.merge_walls();
        for &(x, y, text) in glyphs {
            page.first_char = true;
            let mut at = x;
            for c in text.chars() {
                page.place(at, y, 10.0, 0.5, &c.to_string());
                at += 5.0;
            }
        }
        // The first line breaks after the page's top, as pdf-extract's own output does.
        page.text.trim_start_matches('\n').to_string()
    }

    #[test]
    fn a_frame_round_the_page_is_no_table() {
        let frame = [(50.0, 10.0, 800.0), (550.0, 10.0, 800.0)];
        let text = laid_out(&frame, &[], &[(100.0, 100.0, "Một"), (100.0, 130.0, "Hai")]);
        assert_eq!(text, "Một\n\nHai");
    }

    #[test]
    fn a_bordered_table_s_cells_are_tabs_and_its_rows_lines() {
        // Three columns; the second row's first cell is empty, the first row's second
        // cell wraps onto a second line.
        let walls = [
            (50.0, 90.0, 100.0),
            (50.0, 100.0, 160.0),
            (150.0, 90.0, 160.0),
            (250.0, 90.0, 160.0),
            (350.0, 90.0, 160.0),
        ];
        let floors = [
            (90.0, 50.0, 350.0),
            (125.0, 50.0, 350.0),
            (160.0, 50.0, 350.0),
        ];
        let text = laid_out(
            &walls,
            &floors,
            &[
                (60.0, 100.0, "A"),
                (160.0, 100.0, "ba"),
                (160.0, 112.0, "bb"),
                (260.0, 100.0, "12"),
                (160.0, 140.0, "c"),
                (260.0, 140.0, "34"),
            ],
        );
        assert_eq!(text, "A\tba bb\t12\n\tc\t34");
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = vec![b' '; MAX_PDF_BYTES + 1];
        let err = extract_text(&big).err().expect("refused");
        assert!(err.message.contains("too large"));
    }
}

//! Word 97–2003 and Word 6/95 binary `.doc` → text. Reads the OLE2 container with the
//! `cfb` crate, the File Information Block (FIB) at the head of the `WordDocument` stream,
//! and the piece table (CLX/PlcPcd) in the table stream, which maps character positions to
//! stored text: "compressed" pieces are 8-bit Windows-1252 bytes, the rest UTF-16LE. The
//! main story comes first; footnotes, headers/footers, comments, endnotes and text boxes
//! (where official letterheads often sit) follow it, each after a blank line (Word 6/95:
//! main story only). Field codes are dropped (their results kept), Word's control
//! characters become newlines and tabs, and table rows become tab-separated lines (the
//! row-end mark is found through the paragraph properties, PAPX). A paragraph numbered
//! by a list (its PAPX names a list override) starts with the label the list's level
//! draws (see [`super::numbering`]). No other formatting, styles or pictures are
//! interpreted.

use super::cp1252_char;
use std::io::{Cursor, Read};

/// Word 97 and later.
const MAGIC_WORD97: u16 = 0xA5EC;
/// Word 6.0 / Word 95.
const MAGIC_WORD6: u16 = 0xA5DC;
const FLAG_COMPLEX: u16 = 0x0004;
const FLAG_ENCRYPTED: u16 = 0x0100;
const FLAG_TABLE_1: u16 = 0x0200;
/// Largest stream read out of the container.
const MAX_STREAM_BYTES: u64 = 256 * 1024 * 1024;
/// Characters read from one file at most; a corrupt FIB cannot make output grow past it.
const MAX_CHARS: usize = 64 * 1024 * 1024;
/// Deeper field nesting than this is treated as broken and ignored.
const MAX_FIELD_DEPTH: usize = 64;

/// Text of a Word document, or why it cannot be read.
pub fn extract(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut container = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("doc: not a readable OLE2 container: {e}"))?;
    let word = read_stream(&mut container, "/WordDocument")?
        .ok_or("doc: no WordDocument stream (not a Word file)")?;
    let magic = u16_at(&word, 0).ok_or("doc: WordDocument stream too short")?;
    let flags = u16_at(&word, 0x0A).unwrap_or(0);
    if flags & FLAG_ENCRYPTED != 0 {
        return Err("doc: file is encrypted (password protected)".into());
    }
    match magic {
        MAGIC_WORD97 => {
            let table_name = if flags & FLAG_TABLE_1 != 0 {
                "/1Table"
            } else {
                "/0Table"
            };
            let table = read_stream(&mut container, table_name)?
                .ok_or_else(|| format!("doc: table stream {table_name} missing"))?;
            word97(&word, &table)
        }
        MAGIC_WORD6 => word6(&word, flags),
        other => Err(format!("doc: unknown Word format (magic {other:#06x})")),
    }
}

fn read_stream(
    container: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    if !container.is_stream(name) {
        return Ok(None);
    }
    let stream = container
        .open_stream(name)
        .map_err(|e| format!("doc: cannot open {name}: {e}"))?;
    let mut data = Vec::new();
    stream
        .take(MAX_STREAM_BYTES)
        .read_to_end(&mut data)
        .map_err(|e| format!("doc: cannot read {name}: {e}"))?;
    Ok(Some(data))
}

/// Where the Word 97 FIB keeps what we need.
struct Fib97 {
    /// Character counts of the stories, in the order they follow each other in
    /// character-position space: main text, footnotes, headers, (macros), comments,
    /// endnotes, text boxes, header text boxes.
    story_lengths: [u32; 8],
    clx: (u32, u32),
    bte_papx: (u32, u32),
    /// The list definitions (PlfLst, followed by their levels) and the list overrides
    /// that paragraphs point at (PlfLfo), in the table stream; absent in short FIBs.
    plf_lst: Option<(u32, u32)>,
    plf_lfo: Option<(u32, u32)>,
}

fn parse_fib97(word: &[u8]) -> Option<Fib97> {
    let csw = usize::from(u16_at(word, 32)?);
    let lw_count_at = 34 + csw * 2;
    let cslw = usize::from(u16_at(word, lw_count_at)?);
    let lw = lw_count_at + 2;
    let fc_lcb_count_at = lw + cslw * 4;
    let fc_lcb = fc_lcb_count_at + 2;
    let pair = |i: usize| -> Option<(u32, u32)> {
        Some((
            u32_at(word, fc_lcb + i * 8)?,
            u32_at(word, fc_lcb + i * 8 + 4)?,
        ))
    };
    Some(Fib97 {
        story_lengths: [
            u32_at(word, lw + 3 * 4)?,
            u32_at(word, lw + 4 * 4)?,
            u32_at(word, lw + 5 * 4)?,
            u32_at(word, lw + 6 * 4)?,
            u32_at(word, lw + 7 * 4)?,
            u32_at(word, lw + 8 * 4)?,
            u32_at(word, lw + 9 * 4)?,
            u32_at(word, lw + 10 * 4)?,
        ],
        clx: pair(33)?,
        bte_papx: pair(13)?,
        plf_lst: pair(73),
        plf_lfo: pair(74),
    })
}

fn word97(word: &[u8], table: &[u8]) -> Result<(String, Vec<String>), String> {
    let fib = parse_fib97(word).ok_or("doc: FIB truncated")?;
    let clx = slice(table, fib.clx.0, fib.clx.1).ok_or("doc: piece table out of bounds")?;
    let pieces = parse_clx(clx, true).ok_or("doc: piece table malformed")?;
    let rows = RowEnds::new(word, slice(table, fib.bte_papx.0, fib.bte_papx.1));
    let mut lists = DocLists::read(table, fib.plf_lst, fib.plf_lfo);
    let mut notes = Vec::new();
    if rows.is_none() {
        notes.push("doc: paragraph properties unreadable; table rows not split".into());
    }
    let mut text = String::new();
    let mut start = 0u32;
    for (index, &length) in fib.story_lengths.iter().enumerate() {
        let end = start.saturating_add(length);
        let story = assemble(
            word,
            &pieces,
            start..end,
            rows.as_ref(),
            lists.as_mut(),
            &mut notes,
        );
        start = end;
        if index == 0 {
            text = story;
        } else if !story.trim().is_empty() {
            // Secondary stories follow the body, each after a blank line.
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(story.trim_matches('\n'));
            text.push('\n');
            notes.push(format!(
                "doc: {} appended after the body",
                STORY_NAMES[index]
            ));
        }
    }
    Ok((text, notes))
}

fn word6(word: &[u8], flags: u16) -> Result<(String, Vec<String>), String> {
    let fc_min = u32_at(word, 0x18).ok_or("doc: FIB truncated")?;
    let fc_mac = u32_at(word, 0x1C).ok_or("doc: FIB truncated")?;
    let ccp_text = u32_at(word, 0x4C).ok_or("doc: FIB truncated")?;
    let mut notes = vec!["doc: Word 6/95 format".to_string()];
    let pieces = if flags & FLAG_COMPLEX != 0 {
        let fc_clx = u32_at(word, 0x1A2).ok_or("doc: FIB truncated")?;
        let lcb_clx = u32_at(word, 0x1A6).ok_or("doc: FIB truncated")?;
        let clx = slice(word, fc_clx, lcb_clx).ok_or("doc: piece table out of bounds")?;
        parse_clx(clx, false).ok_or("doc: piece table malformed")?
    } else {
        let len = ccp_text.min(fc_mac.saturating_sub(fc_min));
        vec![Piece {
            cp_start: 0,
            cp_end: len,
            offset: fc_min as usize,
            eight_bit: true,
        }]
    };
    let text = assemble(word, &pieces, 0..ccp_text, None, None, &mut notes);
    Ok((text, notes))
}

/// A run of consecutive characters stored together.
struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset of the first character in the WordDocument stream.
    offset: usize,
    eight_bit: bool,
}

/// Parses the CLX: optional property blocks (`0x01`) then the piece table (`0x02`).
/// `word97` tells whether piece offsets carry the "compressed" flag (Word 6 is all 8-bit).
fn parse_clx(clx: &[u8], word97: bool) -> Option<Vec<Piece>> {
    let mut at = 0;
    while at < clx.len() {
        match clx[at] {
            0x01 => {
                let cb = usize::from(u16_at(clx, at + 1)?);
                at += 3 + cb;
            }
            0x02 => {
                let lcb = u32_at(clx, at + 1)? as usize;
                let plc = clx.get(at + 5..at + 5 + lcb)?;
                return parse_plcpcd(plc, word97);
            }
            _ => return None,
        }
    }
    None
}

fn parse_plcpcd(plc: &[u8], word97: bool) -> Option<Vec<Piece>> {
    if plc.len() < 4 {
        return None;
    }
    let n = (plc.len() - 4) / 12;
    let pcd_base = 4 * (n + 1);
    let mut pieces = Vec::with_capacity(n);
    let mut covered_to = 0u32;
    for i in 0..n {
        let cp_start = u32_at(plc, i * 4)?;
        let cp_end = u32_at(plc, (i + 1) * 4)?;
        let fc = u32_at(plc, pcd_base + i * 8 + 2)?;
        let (offset, eight_bit) = if !word97 {
            (fc as usize, true)
        } else if fc & 0x4000_0000 != 0 {
            (((fc & 0x3FFF_FFFF) / 2) as usize, true)
        } else {
            (fc as usize, false)
        };
        // Character positions only grow; a piece that goes back is corrupt and would let
        // a crafted file repeat text without bound.
        if cp_end > cp_start && cp_start >= covered_to {
            covered_to = cp_end;
            pieces.push(Piece {
                cp_start,
                cp_end,
                offset,
                eight_bit,
            });
        }
    }
    Some(pieces)
}

/// Names of the stories after the main text, for notes.
const STORY_NAMES: [&str; 8] = [
    "main text",
    "footnotes",
    "headers and footers",
    "macro text",
    "comments",
    "endnotes",
    "text boxes",
    "header text boxes",
];

/// Walks the pieces over the character positions `range`, turning Word's control
/// characters into plain-text structure.
fn assemble(
    word: &[u8],
    pieces: &[Piece],
    range: std::ops::Range<u32>,
    rows: Option<&RowEnds>,
    mut lists: Option<&mut DocLists>,
    notes: &mut Vec<String>,
) -> String {
    let mut out = TextBuilder::default();
    // The next character opens a paragraph: a numbered one gets its label first.
    let mut paragraph_start = true;
    let mut truncated = false;
    let mut pending_high: Option<u32> = None;
    let mut surrogate_halves = 0usize;
    for piece in pieces {
        let first = piece.cp_start.max(range.start);
        let end = piece.cp_end.min(range.end);
        if first >= end {
            continue;
        }
        let width = if piece.eight_bit { 1 } else { 2 };
        let skipped = (first - piece.cp_start) as usize;
        let count = ((end - first) as usize).min(MAX_CHARS.saturating_sub(out.text.len()));
        if count == 0 {
            truncated = true;
            break;
        }
        for k in skipped..skipped + count {
            let at = piece.offset + k * width;
            let unit = if piece.eight_bit {
                word.get(at).map(|&b| u32::from(b))
            } else {
                u16_at(word, at).map(u32::from)
            };
            let Some(unit) = unit else {
                truncated = true;
                break;
            };
            let c = if piece.eight_bit {
                cp1252_char(unit as u8)
            } else {
                match (pending_high.take(), unit) {
                    (None, 0xD800..=0xDBFF) => {
                        pending_high = Some(unit);
                        continue;
                    }
                    (Some(high), 0xDC00..=0xDFFF) => {
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
                            .unwrap_or('\u{FFFD}')
                    }
                    (high, _) => {
                        if high.is_some() {
                            surrogate_halves += 1;
                        }
                        char::from_u32(unit).unwrap_or_else(|| {
                            surrogate_halves += 1;
                            '\u{FFFD}'
                        })
                    }
                }
            };
            let ends_paragraph = matches!(c, '\r' | '\x07');
            if paragraph_start {
                if let Some(props) = rows.and_then(|r| r.props(at as u32)) {
                    if !props.in_table {
                        out.table += 1;
                    }
                    if let Some(lists) = lists.as_deref_mut().filter(|_| !ends_paragraph) {
                        let label = lists.label(props.ilfo, props.ilvl);
                        if !label.is_empty() {
                            out.text.push_str(&label);
                            out.text.push(' ');
                        }
                    }
                }
            }
            paragraph_start = ends_paragraph;
            let row = if c == '\x07' {
                rows.and_then(|r| r.props(at as u32)).filter(|p| p.ttp)
            } else {
                None
            };
            out.push(c, row.is_some());
            if let Some(props) = row {
                out.end_row(props.centers);
            }
        }
    }
    if truncated {
        notes.push("doc: text truncated (past the end of the stream or the size limit)".into());
    }
    if surrogate_halves > 0 {
        notes.push(format!(
            "doc: {surrogate_halves} unpaired UTF-16 halves replaced"
        ));
    }
    out.align_merged_cells();
    out.text
}

/// Turns the character stream into text, tracking nested fields.
#[derive(Default)]
struct TextBuilder {
    text: String,
    /// One entry per open field: true while in its instructions (hidden).
    fields: Vec<bool>,
    /// Counts the paragraphs outside tables: rows between two of them form one table.
    table: usize,
    /// Where the tab of each cell mark of the open row was written.
    cells: Vec<usize>,
    /// Each row read: its table, its cells' tabs (`None`: dropped as trailing at the
    /// row's end), its cell edges (twips).
    rows: Vec<(usize, Vec<Option<usize>>, Vec<i16>)>,
}

/// Cell edges closer than this (twips; 1/20 pt) are one column edge.
const EDGE_TOLERANCE: i32 = 30;

impl TextBuilder {
    fn end_row(&mut self, centers: Option<(usize, [i16; 65])>) {
        let cells = std::mem::take(&mut self.cells);
        if let Some((n, edges)) = centers {
            if n >= 1 && cells.len() == n {
                // The row's newline is the last character; tabs past it were dropped.
                let end = self.text.len();
                let cells = cells.into_iter().map(|p| (p < end).then_some(p)).collect();
                self.rows.push((self.table, cells, edges[..=n].to_vec()));
            }
        }
    }

    /// Word saves a cell merged across columns as one wide cell, so such a row has fewer
    /// cells than the rows below. Each cell is followed by one empty cell per column edge
    /// of its table that falls inside it, as `docx.rs` does for `w:gridSpan`, so a merged
    /// header keeps its columns over the data.
    fn align_merged_cells(&mut self) {
        let mut inserts: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < self.rows.len() {
            let table = self.rows[i].0;
            let j = i + self.rows[i..].iter().take_while(|r| r.0 == table).count();
            let group = &self.rows[i..j];
            let mut edges: Vec<i32> = group
                .iter()
                .flat_map(|r| r.2.iter().map(|&e| i32::from(e)))
                .collect();
            edges.sort_unstable();
            edges.dedup_by(|a, b| (*a - *b).abs() <= EDGE_TOLERANCE);
            for (_, tabs, own) in group {
                for (k, tab) in tabs.iter().enumerate() {
                    let Some(tab) = *tab else { continue };
                    let (left, right) = (i32::from(own[k]), i32::from(own[k + 1]));
                    let inside = edges
                        .iter()
                        .filter(|&&e| e > left + EDGE_TOLERANCE && e < right - EDGE_TOLERANCE)
                        .count();
                    if inside > 0 {
                        inserts.push((tab, inside.min(64)));
                    }
                }
            }
            i = j;
        }
        inserts.sort_unstable();
        for &(at, count) in inserts.iter().rev() {
            if self.text.is_char_boundary(at) && at <= self.text.len() {
                self.text.insert_str(at, &"\t".repeat(count));
            }
        }
    }

    fn push(&mut self, c: char, row_end: bool) {
        match c {
            '\x13' => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(true);
                }
                return;
            }
            '\x14' => {
                if let Some(top) = self.fields.last_mut() {
                    *top = false;
                }
                return;
            }
            '\x15' => {
                self.fields.pop();
                return;
            }
            _ => {}
        }
        if self.fields.iter().any(|&in_code| in_code) {
            return;
        }
        match c {
            '\r' | '\x0B' | '\x0E' => self.text.push('\n'),
            '\x0C' => self.text.push('\x0C'),
            '\t' => self.text.push('\t'),
            '\x07' if row_end => {
                while self.text.ends_with('\t') {
                    self.text.pop();
                }
                self.text.push('\n');
            }
            '\x07' => {
                self.text.push('\t');
                self.cells.push(self.text.len());
            }
            '\x1E' => self.text.push('-'),
            c if (c as u32) < 0x20 => {} // anchors for pictures, footnotes, drawings
            c => self.text.push(c),
        }
    }
}

/// Finds which cell marks (0x07) end a table row, from the paragraph properties: the
/// row-end mark sits in a paragraph with the "table terminating paragraph" flag.
struct RowEnds<'a> {
    word: &'a [u8],
    /// (first FC, last FC exclusive, page number) of each PAPX FKP page.
    pages: Vec<(u32, u32, u32)>,
}

const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;

impl<'a> RowEnds<'a> {
    fn new(word: &'a [u8], plc: Option<&[u8]>) -> Option<RowEnds<'a>> {
        let plc = plc?;
        if plc.len() < 4 {
            return None;
        }
        let n = (plc.len() - 4) / 8;
        let mut pages = Vec::with_capacity(n);
        for i in 0..n {
            let first = u32_at(plc, i * 4)?;
            let last = u32_at(plc, (i + 1) * 4)?;
            let pn = u32_at(plc, 4 * (n + 1) + i * 4)? & 0x003F_FFFF;
            pages.push((first, last, pn));
        }
        Some(RowEnds { word, pages })
    }

    /// The properties of the paragraph holding the character stored at `fc`.
    fn props(&self, fc: u32) -> Option<ParaProps> {
        let &(_, _, pn) = self
            .pages
            .iter()
            .find(|&&(first, last, _)| first <= fc && fc < last)?;
        let start = (pn as usize).checked_mul(512)?;
        let page = self.word.get(start..start + 512)?;
        let runs = usize::from(page[511]);
        let run = (0..runs).find(|&j| {
            let lo = u32_at(page, j * 4).unwrap_or(u32::MAX);
            let hi = u32_at(page, (j + 1) * 4).unwrap_or(0);
            lo <= fc && fc < hi
        })?;
        let bx = 4 * (runs + 1) + run * 13;
        let papx_at = usize::from(*page.get(bx)?) * 2;
        if papx_at == 0 {
            return Some(ParaProps::default());
        }
        let cb = usize::from(*page.get(papx_at)?);
        let (grpprl_at, len) = if cb != 0 {
            (papx_at + 1, 2 * cb - 1)
        } else {
            (papx_at + 2, 2 * usize::from(*page.get(papx_at + 1)?))
        };
        let papx = page.get(grpprl_at..(grpprl_at + len).min(512))?;
        // First two bytes: the style index; then the property modifiers.
        Some(para_props(papx.get(2..)?))
    }
}

/// What the readers take from a paragraph's property modifiers.
#[derive(Default, Clone, Copy)]
struct ParaProps {
    /// The table-terminating-paragraph flag: this paragraph's mark ends a row.
    ttp: bool,
    /// In a table (sprmPFInTable).
    in_table: bool,
    /// A row's cell count and cell edges (sprmTDefTable), on its row-end paragraph.
    centers: Option<(usize, [i16; 65])>,
    /// 1-based index of the list override numbering the paragraph (0: none), its level.
    ilfo: u16,
    ilvl: u8,
}

const SPRM_P_ILVL: u16 = 0x260A;
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_ILFO: u16 = 0x460B;

fn para_props(mut grpprl: &[u8]) -> ParaProps {
    let mut props = ParaProps::default();
    while grpprl.len() >= 2 {
        let sprm = u16::from_le_bytes([grpprl[0], grpprl[1]]);
        let rest = &grpprl[2..];
        let operand_len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                if sprm == 0xD608 {
                    match u16_at(rest, 0) {
                        Some(cb) => usize::from(cb) + 1,
                        None => return props,
                    }
                } else {
                    match rest.first() {
                        Some(&255) if sprm == 0xC615 => return props,
                        Some(&cb) => usize::from(cb) + 1,
                        None => return props,
                    }
                }
            }
        };
        match sprm {
            SPRM_P_F_TTP | SPRM_P_F_INNER_TTP => {
                props.ttp |= rest.first().is_some_and(|&v| v != 0);
            }
            SPRM_P_ILVL => props.ilvl = rest.first().copied().unwrap_or(0),
            SPRM_P_F_IN_TABLE => props.in_table = rest.first().is_some_and(|&v| v != 0),
            SPRM_T_DEF_TABLE => {
                // cb (2 bytes), itcMac, then itcMac + 1 edges.
                let n = usize::from(rest.get(2).copied().unwrap_or(0)).min(64);
                let mut edges = [0i16; 65];
                let mut ok = n > 0;
                for (k, edge) in edges.iter_mut().enumerate().take(n + 1) {
                    match u16_at(rest, 3 + 2 * k) {
                        Some(v) => *edge = v as i16,
                        None => ok = false,
                    }
                }
                if ok {
                    props.centers = Some((n, edges));
                }
            }
            SPRM_P_ILFO => props.ilfo = u16_at(rest, 0).unwrap_or(0),
            _ => {}
        }
        match rest.get(operand_len..) {
            Some(next) => grpprl = next,
            None => return props,
        }
    }
    props
}

/// Word 97's automatic numbering: the lists (LSTF and their LVLs, in PlfLst) by id, and
/// the overrides (LFO, in PlfLfo) that paragraphs name by 1-based index. Lists sharing
/// an id count on together, as Word does; an override's start values (LFOLVL.fStartAt)
/// restart its list when first used. Override formatting is not read.
struct DocLists {
    levels: std::collections::HashMap<u32, Vec<super::numbering::Level>>,
    /// Per override, the id of its list and its levels' start values.
    overrides: Vec<(u32, Vec<(usize, u32)>)>,
    /// Overrides already used (their restarts done).
    used: std::collections::HashSet<u16>,
    counters: super::numbering::Counters,
}

impl DocLists {
    fn read(table: &[u8], lst: Option<(u32, u32)>, lfo: Option<(u32, u32)>) -> Option<DocLists> {
        use super::numbering::{bullet_text, Level, Style};
        let (fc_lst, lcb_lst) = lst.filter(|l| l.1 > 2)?;
        let (fc_lfo, lcb_lfo) = lfo.filter(|l| l.1 > 4)?;
        let plf = slice(table, fc_lst, lcb_lst)?;
        let count = usize::from(u16_at(plf, 0)?).min(4096);
        // The levels follow the whole PlfLst in the table stream.
        let mut at = fc_lst as usize + lcb_lst as usize;
        let mut levels = std::collections::HashMap::new();
        for i in 0..count {
            let lstf = plf.get(2 + i * 28..2 + (i + 1) * 28)?;
            let lsid = u32_at(lstf, 0)?;
            let simple = lstf[26] & 1 != 0;
            let mut list = Vec::new();
            for _ in 0..if simple { 1 } else { 9 } {
                let lvlf = table.get(at..at + 28)?;
                let start = u32_at(lvlf, 0)?;
                let nfc = lvlf[4];
                let papx_len = usize::from(lvlf[25]);
                let chpx_len = usize::from(lvlf[24]);
                let xst_at = at + 28 + papx_len + chpx_len;
                let cch = usize::from(u16_at(table, xst_at)?);
                let mut template = String::new();
                for k in 0..cch {
                    let unit = u16_at(table, xst_at + 2 + 2 * k)?;
                    if unit < 9 {
                        template.push('%');
                        template.push(char::from(b'1' + unit as u8));
                    } else {
                        template.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
                    }
                }
                at = xst_at + 2 + 2 * cch;
                let style = match nfc {
                    0 => Style::Decimal,
                    1 => Style::UpperRoman,
                    2 => Style::LowerRoman,
                    3 => Style::UpperLetter,
                    4 => Style::LowerLetter,
                    22 => Style::DecimalZero,
                    23 => Style::Bullet(bullet_text(&template)),
                    255 => Style::None,
                    _ => Style::Decimal,
                };
                list.push(Level {
                    style,
                    template,
                    start,
                });
            }
            levels.insert(lsid, list);
        }
        let plf = slice(table, fc_lfo, lcb_lfo)?;
        let count = (u32_at(plf, 0)? as usize).min(4096);
        let mut overrides: Vec<(u32, Vec<(usize, u32)>)> = Vec::new();
        let mut levels_overridden = Vec::new();
        for i in 0..count {
            let Some(lsid) = u32_at(plf, 4 + i * 16) else {
                break;
            };
            levels_overridden.push(usize::from(plf.get(4 + i * 16 + 12).copied().unwrap_or(0)));
            overrides.push((lsid, Vec::new()));
        }
        // Each override's data follows the array: a CP, then its level overrides, each
        // possibly followed by a whole level definition.
        let mut at = 4 + count * 16;
        'lfo: for (i, &n) in levels_overridden.iter().enumerate() {
            at += 4;
            for _ in 0..n {
                let (Some(start), Some(flags)) = (u32_at(plf, at), u32_at(plf, at + 4)) else {
                    break 'lfo;
                };
                at += 8;
                if flags & 0x10 != 0 {
                    overrides[i].1.push(((flags & 0xF) as usize, start));
                }
                if flags & 0x20 != 0 {
                    // fFormatting: an LVL follows (LVLF, its two grpprls, its xst).
                    let Some(lvlf) = plf.get(at..at + 28) else {
                        break 'lfo;
                    };
                    let xst_at = at + 28 + usize::from(lvlf[25]) + usize::from(lvlf[24]);
                    let Some(cch) = u16_at(plf, xst_at) else {
                        break 'lfo;
                    };
                    at = xst_at + 2 + 2 * usize::from(cch);
                }
            }
        }
        Some(DocLists {
            levels,
            overrides,
            used: Default::default(),
            counters: Default::default(),
        })
    }

    /// The label of a paragraph numbered by override `ilfo` (1-based) at level `ilvl`.
    fn label(&mut self, ilfo: u16, ilvl: u8) -> String {
        let Some((lsid, starts)) = (ilfo as usize)
            .checked_sub(1)
            .and_then(|i| self.overrides.get(i))
        else {
            return String::new();
        };
        let Some(levels) = self.levels.get(lsid) else {
            return String::new();
        };
        let key = lsid.to_string();
        if self.used.insert(ilfo) {
            for &(level, start) in starts {
                self.counters.set_next(&key, level, start);
            }
        }
        self.counters.next_label(&key, levels, usize::from(ilvl))
    }
}

fn slice(data: &[u8], offset: u32, len: u32) -> Option<&[u8]> {
    let start = offset as usize;
    data.get(start..start.checked_add(len as usize)?)
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece_table(pieces: &[(u32, u32, u32)]) -> Vec<u8> {
        // (cp_start, cp_end, fc) with consecutive CPs.
        let mut plc = Vec::new();
        for &(start, _, _) in pieces {
            plc.extend_from_slice(&start.to_le_bytes());
        }
        plc.extend_from_slice(&pieces.last().map_or(0, |p| p.1).to_le_bytes());
        for &(_, _, fc) in pieces {
            plc.extend_from_slice(&0u16.to_le_bytes());
            plc.extend_from_slice(&fc.to_le_bytes());
            plc.extend_from_slice(&0u16.to_le_bytes());
        }
        let mut clx = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        clx.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        clx.extend_from_slice(&plc);
        clx
    }

    #[test]
    fn compressed_and_unicode_pieces_with_fields_and_controls() {
        let mut word = vec![0u8; 64];
        // 8-bit piece at byte 64: "C\xb8c\r" + a field whose code is hidden.
        let eight = b"C\xb8c\r\x13 PAGE \x142\x15\x81\x07";
        word.extend_from_slice(eight);
        let unicode_at = word.len();
        for u in "S\u{1ed1}\x0b".encode_utf16() {
            word.extend_from_slice(&u.to_le_bytes());
        }
        let n8 = eight.len() as u32;
        let clx = piece_table(&[
            (0, n8, 0x4000_0000 | (64 * 2)),
            (n8, n8 + 3, unicode_at as u32),
        ]);
        let pieces = parse_clx(&clx, true).expect("clx parses");
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].eight_bit && !pieces[1].eight_bit);
        let mut notes = Vec::new();
        let text = assemble(&word, &pieces, 0..n8 + 3, None, None, &mut notes);
        assert_eq!(text, "C\u{b8}c\n2\u{81}\tS\u{1ed1}\n");
        assert!(notes.is_empty());
        // A story is a range of character positions, possibly across pieces.
        let short = assemble(&word, &pieces, 0..3, None, None, &mut notes);
        assert_eq!(short, "C\u{b8}c");
        let across = assemble(&word, &pieces, n8 - 1..n8 + 2, None, None, &mut notes);
        assert_eq!(across, "\tS\u{1ed1}");
    }

    #[test]
    fn pieces_past_the_stream_are_truncated_with_a_note() {
        let clx = piece_table(&[(0, 100, 0x4000_0000 | 20)]);
        let pieces = parse_clx(&clx, true).unwrap();
        let mut notes = Vec::new();
        let text = assemble(b"0123456789abcdef", &pieces, 0..100, None, None, &mut notes);
        assert_eq!(text, "abcdef");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn ttp_flag_is_found_among_sprms() {
        // sprmPJc (0x2403, 1-byte operand) then sprmPFInTable then sprmPFTtp = 1.
        let flag = |grpprl: &[u8]| para_props(grpprl).ttp;
        assert!(flag(&[
            0x03, 0x24, 0x01, 0x16, 0x24, 0x01, 0x17, 0x24, 0x01
        ]));
        assert!(!flag(&[0x03, 0x24, 0x01, 0x16, 0x24, 0x01]));
        assert!(!flag(&[0x17, 0x24, 0x00]));
        assert!(!flag(&[0x15, 0xC6, 0xFF, 0x17]));
        // sprmPFInTable, sprmPIlvl = 2, sprmPIlfo = 3.
        let props = para_props(&[0x16, 0x24, 0x01, 0x0A, 0x26, 0x02, 0x0B, 0x46, 0x03, 0x00]);
        assert!(props.in_table);
        assert_eq!((props.ilvl, props.ilfo), (2, 3));
    }

    #[test]
    fn word6_plain_file_reads_its_8_bit_text() {
        // A non-complex Word 6 FIB: text bytes from fcMin, ccpText characters.
        let mut word = vec![0u8; 0x200];
        word[0..2].copy_from_slice(&MAGIC_WORD6.to_le_bytes());
        let body = b"Quy\xb8t \xb5inh\rHai\x07";
        word[0x18..0x1C].copy_from_slice(&0x200u32.to_le_bytes());
        word[0x1C..0x20].copy_from_slice(&(0x200 + body.len() as u32).to_le_bytes());
        word[0x4C..0x50].copy_from_slice(&(body.len() as u32).to_le_bytes());
        word.extend_from_slice(body);
        let (text, notes) = word6(&word, 0).expect("word 6 reads");
        assert_eq!(text, "Quy\u{b8}t \u{b5}inh\nHai\t");
        assert!(notes.iter().any(|n| n.contains("Word 6")));
        // A complex Word 6 file whose piece table points nowhere is an error.
        assert!(word6(&word, FLAG_COMPLEX).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Arbitrary FIB fields, piece tables and paragraph properties never panic.
        #[test]
        fn arbitrary_streams_never_panic(
            mut word in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3000),
            table in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
            csw in 0u16..20, cslw in 0u16..30,
        ) {
            if word.len() > 40 {
                word[0..2].copy_from_slice(&MAGIC_WORD97.to_le_bytes());
                word[32..34].copy_from_slice(&csw.to_le_bytes());
            }
            let at = 34 + usize::from(csw) * 2;
            if word.len() > at + 2 {
                word[at..at + 2].copy_from_slice(&cslw.to_le_bytes());
            }
            let _ = word97(&word, &table);
            let _ = word6(&word, FLAG_COMPLEX);
            let _ = parse_clx(&table, true);
            let _ = para_props(&table);
            let _ = DocLists::read(&table, Some((0, 64)), Some((0, 64)));
            if let Some(rows) = RowEnds::new(&word, Some(&table)) {
                for fc in [0u32, 1, 511, 512, 4096, u32::MAX] {
                    let _ = rows.props(fc);
                }
            }
        }
    }

    #[test]
    fn junk_is_an_error_not_a_panic() {
        assert!(extract(b"not an ole file at all").is_err());
        assert!(parse_clx(&[0x02, 0xFF, 0xFF, 0xFF, 0x7F], true).is_none());
        assert!(parse_clx(&[0x07], true).is_none());
    }
}

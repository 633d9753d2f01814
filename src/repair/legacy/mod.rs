//! Pass 1 of repair: legacy Vietnamese encodings → Unicode.
//!
//! Input is the ingested text; output is a [`Pass`] whose edits replace each legacy
//! segment by its Unicode decoding, plus an [`EncodingReport`] naming the scheme of every
//! converted run. Handled: TCVN3 (ABC fonts, with the capitals of the `.VnTimeH` fonts
//! restored from context), VNI-Windows, VISCII, VPS and Windows-1258 bytes — arriving
//! either as a single-byte file (ingest reads it losslessly as Windows-1252) or inside
//! Unicode text that some loader read as Windows-1252 — plus UTF-8 mojibake (once or
//! twice) and VIQR. The choice is made per line by how Vietnamese each decoding looks
//! (well-formed syllables, [`syllable`]), against a document-wide favourite, and a line
//! is changed only when its decoding is strictly more Vietnamese than the text as it
//! stands: clean Unicode passes through untouched. Decomposed tone marks are left to the
//! `unicode` pass (NFC); this pass does not clean soft hyphens or spacing.

pub mod codec;
pub mod syllable;
#[rustfmt::skip]
pub mod tables;

pub use codec::Scheme;

use super::{EncodingReport, EncodingRun, Pass, Rewriter};
use crate::ingest::ByteEncoding;
use std::ops::Range;

/// Lines scored with every scheme before the document's favourite is fixed.
const SAMPLE_LINES: usize = 400;
/// Longest line scored as a whole; longer lines are scored in chunks of this many bytes.
const MAX_LINE: usize = 64 * 1024;
/// Most notes listed; the rest are summed up in one line.
const MAX_NOTES: usize = 40;

/// Converts text that still carries a legacy encoding. `byte_encoding` says how ingest
/// decoded the bytes; `SingleByte` text holds the raw bytes as Windows-1252 characters.
pub fn convert(text: &str, byte_encoding: ByteEncoding) -> (Pass, EncodingReport) {
    let single_byte = byte_encoding == ByteEncoding::SingleByte;
    let base_label = match byte_encoding {
        ByteEncoding::Utf8 => "utf-8",
        ByteEncoding::Utf16le => "utf-16le",
        ByteEncoding::Utf16be => "utf-16be",
        ByteEncoding::Unicode => "unicode",
        ByteEncoding::SingleByte => "windows-1252",
    };
    if !single_byte && !has_indicator(text.as_bytes()) {
        return (
            Pass::unchanged("legacy", text),
            EncodingReport {
                encoding: base_label.into(),
                confidence: 1.0,
                runs: Vec::new(),
            },
        );
    }
    let schemes: &[Scheme] = if single_byte {
        &Scheme::ALL[..6]
    } else {
        &Scheme::ALL
    };
    let lines = line_ranges(text);
    let decisions = decide(text, &lines, schemes, single_byte);
    build(text, &lines, &decisions, base_label)
}

/// What was decided for one line.
#[derive(Debug, Clone, Default)]
struct LineDecision {
    scheme: Option<Scheme>,
    /// Tokens that look Vietnamese / do not, in the chosen reading.
    valid: u32,
    invalid: u32,
    /// The decoded line and, per whitespace-free segment, its source and output ranges.
    decoded: Option<Decoded>,
}

#[derive(Debug, Clone, Default)]
struct Decoded {
    buf: String,
    segs: Vec<(Range<usize>, Range<usize>)>,
}

/// Token counts of one reading of a line.
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    valid: u32,
    invalid: u32,
}

impl Score {
    fn net(self) -> i64 {
        i64::from(self.valid) - i64::from(self.invalid)
    }
}

fn decide(
    text: &str,
    lines: &[Range<usize>],
    schemes: &[Scheme],
    single_byte: bool,
) -> Vec<LineDecision> {
    let mut out = vec![LineDecision::default(); lines.len()];
    let suspicious: Vec<bool> = lines
        .iter()
        .map(|r| {
            let b = &text.as_bytes()[r.clone()];
            if single_byte {
                b.iter()
                    .any(|&x| x >= 0x80 || matches!(x, b'^' | b'`' | b'~'))
                    || b.iter()
                        .any(|&x| x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r'))
            } else {
                has_indicator(b)
            }
        })
        .collect();

    // Phase 1: every scheme on a sample of suspicious lines picks the favourite.
    let mut totals = vec![0i64; schemes.len()];
    let mut sampled = 0usize;
    let mut scored: Vec<Option<(Score, Vec<Score>)>> = vec![None; lines.len()];
    for (i, r) in lines.iter().enumerate() {
        if !suspicious[i] || sampled >= SAMPLE_LINES {
            continue;
        }
        let line = &text[r.clone()];
        let ident = score_text(line);
        let per: Vec<Score> = schemes
            .iter()
            .map(|&s| score_decoded(&decode_line(s, line)))
            .collect();
        for (t, s) in totals.iter_mut().zip(&per) {
            *t += s.net() - ident.net();
        }
        scored[i] = Some((ident, per));
        sampled += 1;
    }
    let favourite = totals
        .iter()
        .enumerate()
        .filter(|(_, &t)| t > 0)
        .max_by_key(|(_, &t)| t)
        .map(|(k, _)| k);

    // When every character of the document stands for a byte (a single-byte file, or
    // legacy text that a loader read as Windows-1252), a line on which the favourite
    // ties with the text as it stands ("hèng" / "hống") follows the favourite: nothing
    // in such a document is Unicode Vietnamese.
    let all_bytes =
        favourite.is_some() && (single_byte || text.chars().all(|c| codec::to_byte(c).is_some()));
    let beats =
        |s: Score, ident: Score| s.net() > ident.net() || (all_bytes && s.net() == ident.net());

    // Phase 2: each suspicious line takes the favourite when that beats the text as it
    // stands, or another scheme that clearly beats both (mixed documents).
    for (i, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        if !suspicious[i] {
            continue;
        }
        let ident = match &scored[i] {
            Some((ident, _)) => *ident,
            None => score_text(line),
        };
        let score_of = |k: usize, scored: &Option<(Score, Vec<Score>)>| match scored {
            Some((_, per)) => per[k],
            None => score_decoded(&decode_line(schemes[k], line)),
        };
        let mut best: Option<(usize, Score)> = None;
        if let Some(f) = favourite {
            let s = score_of(f, &scored[i]);
            if beats(s, ident) {
                best = Some((f, s));
            }
        }
        let settled = best.is_some_and(|(_, s)| s.invalid == 0);
        if !settled {
            for k in 0..schemes.len() {
                if Some(k) == favourite {
                    continue;
                }
                let s = score_of(k, &scored[i]);
                // Leaving the favourite takes two more Vietnamese words than it gives.
                let margin = if favourite.is_some() { 2 } else { 1 };
                let bar = best.map_or(ident.net() + margin, |(_, b)| b.net() + 2);
                if s.net() >= bar && s.valid >= margin as u32 {
                    best = Some((k, s));
                }
            }
        }
        if let Some((k, s)) = best {
            out[i] = LineDecision {
                scheme: Some(schemes[k]),
                valid: s.valid,
                invalid: s.invalid,
                decoded: Some(decode_line(schemes[k], line)),
            };
        }
    }

    // Phase 3 (Unicode input): lines with no tell-tale character may still be legacy text
    // made only of letters that also exist in Vietnamese (e.g. TCVN3 "hÕt"); in a document
    // whose favourite is known, they follow it when that is more Vietnamese.
    if let (Some(f), false) = (favourite, single_byte) {
        for (i, r) in lines.iter().enumerate() {
            let b = &text.as_bytes()[r.clone()];
            // VIQR lines are ASCII; other schemes need a non-ASCII character.
            let candidate = if schemes[f] == Scheme::Viqr {
                b.iter()
                    .any(|&x| matches!(x, b'\'' | b'?' | b'.' | b'(' | b'+'))
            } else {
                !b.is_ascii()
            };
            if suspicious[i] || !candidate {
                continue;
            }
            let line = &text[r.clone()];
            let ident = score_text(line);
            let decoded = decode_line(schemes[f], line);
            let s = score_decoded(&decoded);
            if beats(s, ident) {
                out[i] = LineDecision {
                    scheme: Some(schemes[f]),
                    valid: s.valid,
                    invalid: s.invalid,
                    decoded: Some(decoded),
                };
            }
        }
    }
    out
}

/// Turns per-line decisions into runs, edits and the report.
fn build(
    text: &str,
    lines: &[Range<usize>],
    decisions: &[LineDecision],
    base_label: &str,
) -> (Pass, EncodingReport) {
    struct Run {
        scheme: Scheme,
        start: usize,
        end: usize,
        lines: usize,
        valid: u32,
        invalid: u32,
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut rw = Rewriter::new(text);
    for (r, d) in lines.iter().zip(decisions) {
        let Some(scheme) = d.scheme else {
            continue;
        };
        let confidence = confidence(d.valid, d.invalid);
        if let Some(dec) = &d.decoded {
            for (src, dst) in &dec.segs {
                let with = &dec.buf[dst.clone()];
                let abs = r.start + src.start..r.start + src.end;
                rw.replace(abs, with, confidence);
            }
        }
        // Lines of the same scheme separated only by ASCII/blank lines form one run.
        let line_end = text[r.clone()].trim_end_matches(['\n', '\r']).len() + r.start;
        match runs.last_mut() {
            Some(run) if run.scheme == scheme && text.as_bytes()[run.end..r.start].is_ascii() => {
                run.end = line_end;
                run.lines += 1;
                run.valid += d.valid;
                run.invalid += d.invalid;
            }
            _ => runs.push(Run {
                scheme,
                start: r.start,
                end: line_end,
                lines: 1,
                valid: d.valid,
                invalid: d.invalid,
            }),
        }
    }
    let mut notes = Vec::new();
    for run in runs.iter().take(MAX_NOTES) {
        notes.push(format!(
            "{} → Unicode: bytes {}..{} ({} line{}, {} of {} words Vietnamese after decoding)",
            run.scheme.label(),
            run.start,
            run.end,
            run.lines,
            if run.lines == 1 { "" } else { "s" },
            run.valid,
            run.valid + run.invalid
        ));
    }
    if runs.len() > MAX_NOTES {
        notes.push(format!(
            "… and {} more converted runs",
            runs.len() - MAX_NOTES
        ));
    }
    let (valid, invalid) = runs
        .iter()
        .fold((0, 0), |(v, i), r| (v + r.valid, i + r.invalid));
    let mut schemes_used: Vec<Scheme> = runs.iter().map(|r| r.scheme).collect();
    schemes_used.sort_by_key(|s| s.label());
    schemes_used.dedup();
    let encoding = match schemes_used.as_slice() {
        [] => base_label.to_string(),
        [one] => one.label().to_string(),
        _ => "mixed".to_string(),
    };
    let report = EncodingReport {
        encoding,
        confidence: if runs.is_empty() {
            1.0
        } else {
            confidence(valid, invalid)
        },
        runs: runs
            .iter()
            .map(|r| EncodingRun {
                encoding: r.scheme.label().to_string(),
                start: r.start,
                end: r.end,
                confidence: confidence(r.valid, r.invalid),
            })
            .collect(),
    };
    (rw.finish("legacy", notes), report)
}

/// Share of decoded words that are Vietnamese syllables, as a confidence in (0, 1].
fn confidence(valid: u32, invalid: u32) -> f32 {
    let total = valid + invalid;
    if total == 0 {
        return 0.5;
    }
    // Few words: less sure, whatever their share.
    let share = valid as f32 / total as f32;
    let size = 1.0 - 1.0 / (1.0 + total as f32);
    (share * size).clamp(0.01, 1.0)
}

/// Byte ranges of the lines (each including its newline).
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut s = start;
        let end = start + line.len();
        // Very long lines (tables flattened to one line) are scored in pieces.
        while end - s > MAX_LINE {
            let mut cut = s + MAX_LINE;
            while !text.is_char_boundary(cut) || !text.as_bytes()[cut - 1].is_ascii_whitespace() {
                cut -= 1;
                if cut <= s + 1 {
                    cut = s + MAX_LINE;
                    while !text.is_char_boundary(cut) {
                        cut += 1;
                    }
                    break;
                }
            }
            out.push(s..cut);
            s = cut;
        }
        out.push(s..end);
        start = end;
    }
    out
}

/// Decodes one line segment by segment (whitespace is never part of a legacy letter).
fn decode_line(scheme: Scheme, line: &str) -> Decoded {
    let mut d = Decoded {
        buf: String::with_capacity(line.len() + line.len() / 4),
        segs: Vec::new(),
    };
    let bytes = line.as_bytes();
    let mut segs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        segs.push(start..i);
    }
    let mut last = 0;
    for (k, seg) in segs.iter().enumerate() {
        d.buf.push_str(&line[last..seg.start]);
        let next = segs.get(k + 1).map(|r| &line[r.clone()]);
        let out_start = d.buf.len();
        scheme.decode_into(&line[seg.clone()], next, &mut d.buf);
        d.segs.push((seg.clone(), out_start..d.buf.len()));
        last = seg.end;
    }
    d.buf.push_str(&line[last..]);
    if scheme == Scheme::Tcvn3 {
        restore_hfont_case(line, &mut d);
    }
    d
}

/// TCVN3 has no capital toned letters: headings were set in the `.VnTimeH` fonts, which
/// draw the small-letter codes as capitals. A segment is taken as capitals when its
/// case-bearing letters (ASCII and the capital hat-letters ĂÂÊÔƠƯĐ) are all capitals and
/// there are at least two, or, with fewer, when its neighbouring words are capitals.
fn restore_hfont_case(line: &str, d: &mut Decoded) {
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        Caps,
        Abbreviation,
        Lower,
        Unsure,
        NotWord,
    }
    let classes: Vec<Case> = d
        .segs
        .iter()
        .map(|(src, dst)| {
            let seg = &line[src.clone()];
            if seg.bytes().any(|b| b.is_ascii_digit()) {
                return Case::NotWord;
            }
            let (mut up, mut low) = (0, 0);
            for c in seg.chars() {
                match codec::to_byte(c) {
                    Some(b'A'..=b'Z') | Some(0xA1..=0xA7) => up += 1,
                    Some(b'a'..=b'z') | Some(0xA8..=0xAE) => low += 1,
                    _ => {}
                }
            }
            if low > 0 {
                Case::Lower
            } else if up >= 2 {
                // Capital words are evidence for their neighbours; abbreviations are not.
                let decoded = &d.buf[dst.clone()];
                let core: String = decoded
                    .trim_matches(|c: char| !c.is_alphabetic())
                    .chars()
                    .flat_map(char::to_uppercase)
                    .collect();
                if syllable::is_syllable(&core) {
                    Case::Caps
                } else {
                    Case::Abbreviation
                }
            } else if seg.chars().any(char::is_alphabetic) {
                Case::Unsure
            } else {
                Case::NotWord
            }
        })
        .collect();
    let caps_total = classes.iter().filter(|&&c| c == Case::Caps).count();
    let neighbour = |from: usize, step: isize| -> Option<Case> {
        let mut k = from as isize + step;
        while k >= 0 && (k as usize) < classes.len() {
            match classes[k as usize] {
                Case::Caps => return Some(Case::Caps),
                Case::Lower => return Some(Case::Lower),
                _ => k += step,
            }
        }
        None
    };
    let mut upper: Vec<bool> = vec![false; classes.len()];
    let mut any = false;
    for (k, &class) in classes.iter().enumerate() {
        upper[k] = match class {
            Case::Caps | Case::Abbreviation => true,
            Case::Unsure => {
                let (l, r) = (neighbour(k, -1), neighbour(k, 1));
                (caps_total >= 2 || !classes.contains(&Case::Lower))
                    && (l.is_some() || r.is_some())
                    && l.map_or(true, |c| c == Case::Caps)
                    && r.map_or(true, |c| c == Case::Caps)
            }
            _ => false,
        };
        let dst = &d.segs[k].1;
        any |= upper[k] && d.buf[dst.clone()].chars().any(|c| c.is_lowercase());
    }
    if !any {
        return;
    }
    let mut buf = String::with_capacity(d.buf.len());
    let mut segs = Vec::with_capacity(d.segs.len());
    let mut last = 0;
    for (k, (src, dst)) in d.segs.iter().enumerate() {
        buf.push_str(&d.buf[last..dst.start]);
        let start = buf.len();
        if upper[k] {
            buf.extend(d.buf[dst.clone()].chars().flat_map(char::to_uppercase));
        } else {
            buf.push_str(&d.buf[dst.clone()]);
        }
        segs.push((src.clone(), start..buf.len()));
        last = dst.end;
    }
    buf.push_str(&d.buf[last..]);
    d.buf = buf;
    d.segs = segs;
}

fn score_decoded(d: &Decoded) -> Score {
    score_text(&d.buf)
}

/// Counts the words of a text that carry a non-ASCII character and are / are not
/// Vietnamese syllables. Plain ASCII words and words with digits count for nothing.
fn score_text(text: &str) -> Score {
    let mut score = Score::default();
    for token in text.split(is_break) {
        if token.is_empty() || token.is_ascii() || token.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if syllable::is_syllable(token) {
            score.valid += 1;
        } else {
            score.invalid += 1;
        }
    }
    score
}

/// Word breaks for scoring: whitespace, ASCII punctuation and the common typographic
/// punctuation (quotes, dashes, ellipsis) of clean text.
fn is_break(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{2013}'
                | '\u{2014}'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{2026}'
        )
}

/// Fast screen: does this UTF-8 text hold a character that clean Vietnamese text does
/// not use but legacy text read as Windows-1252 does (Latin-1 symbols and the Latin-1
/// letters foreign to Vietnamese, Windows-1252's extra symbols, VIQR marks, C0
/// controls)? No
/// allocation; a byte scan.
pub fn has_indicator(b: &[u8]) -> bool {
    let n = b.len();
    let mut i = 0;
    while i < n {
        let x = b[i];
        if x < 0x80 {
            // VIQR marks; C0 controls, which VN1, VISCII and VPS use for capitals.
            if matches!(x, b'^' | b'`' | b'~' | 0x01..=0x08 | 0x0E..=0x1F) {
                return true;
            }
            i += 1;
            continue;
        }
        let y = if i + 1 < n { b[i + 1] } else { 0 };
        let hit = match x {
            0xC2 => !matches!(y, 0xA0 | 0xB0),
            0xC3 => matches!(
                y,
                0x83..=0x87
                    | 0x8B
                    | 0x8E..=0x91
                    | 0x96..=0x98
                    | 0x9B
                    | 0x9C
                    | 0x9E
                    | 0x9F
                    | 0xA4..=0xA7
                    | 0xAB
                    | 0xAE..=0xB1
                    | 0xB6..=0xB8
                    | 0xBB
                    | 0xBC
                    | 0xBE
                    | 0xBF
            ),
            0xC5 => matches!(y, 0x92 | 0x93 | 0xA0 | 0xA1 | 0xB8 | 0xBD | 0xBE),
            0xC6 => y == 0x92,
            0xCB => matches!(y, 0x86 | 0x9C),
            0xE2 => {
                let z = if i + 2 < n { b[i + 2] } else { 0 };
                matches!(
                    (y, z),
                    (0x80, 0x9A | 0x9E | 0xA0 | 0xA1 | 0xB0 | 0xB9 | 0xBA)
                        | (0x82, 0xAC)
                        | (0x84, 0xA2)
                )
            }
            _ => false,
        };
        if hit {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, enc: ByteEncoding) -> (String, EncodingReport) {
        let (p, r) = convert(text, enc);
        (p.text, r)
    }

    #[test]
    fn tcvn3_read_as_cp1252_in_unicode_text() {
        let (t, r) = run(
            "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n",
            ByteEncoding::Unicode,
        );
        assert_eq!(
            t,
            "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n"
        );
        assert_eq!(r.encoding, "tcvn3");
        assert_eq!(r.runs.len(), 1);
    }

    #[test]
    fn hfont_capitals_restored() {
        let (t, _) = run(
            "céng hoµ x· héi chñ nghÜa viÖt nam\nCéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\nSè: 12/Q§-UBND\n",
            ByteEncoding::Unicode,
        );
        assert_eq!(
            t,
            "cộng hoà xã hội chủ nghĩa việt nam\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-UBND\n"
        );
    }

    #[test]
    fn clean_unicode_untouched() {
        let clean = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTôi là người Việt. “Hà Nội” – 25°C…\nCafé Müller, São Paulo.\n";
        let (t, r) = run(clean, ByteEncoding::Utf8);
        assert_eq!(t, clean);
        assert_eq!(r.encoding, "utf-8");
        assert!(r.runs.is_empty());
    }

    #[test]
    fn mixed_unicode_header_and_tcvn3_body() {
        let text = "Số: 12/QĐ-UBND\nCéng hßa x· héi chñ nghÜa ViÖt Nam\n";
        let (t, r) = run(text, ByteEncoding::Unicode);
        assert_eq!(t, "Số: 12/QĐ-UBND\nCộng hòa xã hội chủ nghĩa Việt Nam\n");
        assert_eq!(r.runs[0].start, text.find('C').unwrap_or(0));
    }

    #[test]
    fn tcvn3_and_vni_lines_in_one_document() {
        let text = "Céng hßa x· héi chñ nghÜa ViÖt Nam\nCoäng hoøa xaõ hoäi chuû nghóa Vieät Nam\n";
        let (t, r) = run(text, ByteEncoding::Unicode);
        assert_eq!(
            t,
            "Cộng hòa xã hội chủ nghĩa Việt Nam\nCộng hòa xã hội chủ nghĩa Việt Nam\n"
        );
        assert_eq!(r.encoding, "mixed");
    }
}

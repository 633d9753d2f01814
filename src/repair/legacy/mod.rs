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
use std::cell::Cell;
use std::ops::Range;

/// Most lines scored with every scheme before the document's favourite is fixed.
const SAMPLE_LINES: usize = 400;
/// The sample stops early once one scheme leads every other (and the text as it stands)
/// by this many Vietnamese words: further lines would not change the favourite, and
/// scoring every scheme on every line of a short document is most of its cost.
const CLEAR_LEAD_WORDS: i64 = 10;
/// Words of a sampled line scored per scheme: enough to rank the schemes on it.
const SAMPLE_WORDS: usize = 16;
/// Words of a sampled line every scheme is screened on first: a scheme this many
/// Vietnamese words behind the best one there ([`SCREEN_MARGIN`]) is not read further on
/// that line, as a wrong scheme falls further behind with every word.
const SCREEN_WORDS: usize = 4;
const SCREEN_MARGIN: i64 = 3;
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
        ByteEncoding::Windows1258 => "windows-1258",
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
    convert_lines(text, &lines, schemes, single_byte, base_label)
}

/// A decoded line and, per whitespace-free segment, its source and output ranges.
#[derive(Debug, Clone, Default)]
struct Decoded {
    buf: String,
    segs: Vec<(Range<usize>, Range<usize>)>,
}

/// One reading of a line: its score and, when it was kept, its decoding (the sample
/// stops decoding a long line after its first words; such a line is decoded again if
/// it is written).
type Reading = (Score, Option<Decoded>);

/// A sampled line: its score as it stands and, per scheme, its reading. A scheme dropped
/// from the sample early has no entry; it is scored again if needed.
type SampledLine = (Score, Vec<Option<Reading>>);

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

/// Could this line hold legacy text? Single-byte files: any high byte, VIQR mark or
/// control character; Unicode text: any tell-tale character ([`has_indicator`]).
fn is_suspicious(line: &[u8], single_byte: bool) -> bool {
    if single_byte {
        line.iter().any(|&x| {
            x >= 0x80
                || matches!(x, b'^' | b'`' | b'~')
                || (x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r'))
        })
    } else {
        has_indicator(line)
    }
}

/// Phase 1: every scheme on a sample of suspicious lines picks the document's favourite.
/// Returns it with the sampled lines' scores and decodings (kept for phase 2).
fn pick_favourite(
    text: &str,
    lines: &[Range<usize>],
    suspicious: &[bool],
    schemes: &[Scheme],
    scratch: &mut Decoded,
) -> (Option<usize>, Vec<(usize, Option<SampledLine>)>) {
    let mut totals = vec![0i64; schemes.len()];
    let mut words = vec![Score::default(); schemes.len()];
    let mut sampled = 0usize;
    let mut scored: Vec<(usize, Option<SampledLine>)> = Vec::new();
    let mut alive = vec![true; schemes.len()];
    let mut segments = Vec::new();
    for (i, r) in lines.iter().enumerate() {
        if !suspicious[i] {
            continue;
        }
        if sampled >= SAMPLE_LINES {
            break;
        }
        let line = &text[r.clone()];
        let ident = score_text_limited(line, SAMPLE_WORDS);
        let hfont = has_capital_word(line.as_bytes());
        line_segments(line, &mut segments);
        // Every live scheme on the line's first words; those far behind there count with
        // that short reading, and phase 2 scores them again should a line need them.
        let screened: Vec<Option<Score>> = schemes
            .iter()
            .zip(&alive)
            .map(|(&s, &alive)| {
                alive.then(|| score_prefix(s, line, &segments, hfont, SCREEN_WORDS, scratch).0)
            })
            .collect();
        let lead = screened.iter().flatten().map(|s| s.net()).max();
        let behind = |s: &Score| lead.is_some_and(|l| s.net() + SCREEN_MARGIN <= l);
        // The line as it stands, on the same few words, for the schemes screened out.
        let ident_screened = std::cell::OnceCell::new();
        let per: Vec<Option<Reading>> = schemes
            .iter()
            .zip(&screened)
            .map(|(&s, quick)| match quick {
                Some(q) if !behind(q) => Some(score_prefix(
                    s,
                    line,
                    &segments,
                    hfont,
                    SAMPLE_WORDS,
                    scratch,
                )),
                _ => None,
            })
            .collect();
        for (k, (t, words)) in totals.iter_mut().zip(words.iter_mut()).enumerate() {
            let (s, against) = match (&per[k], &screened[k]) {
                (Some((s, _)), _) => (*s, ident),
                (None, Some(q)) => (
                    *q,
                    *ident_screened.get_or_init(|| score_text_limited(line, SCREEN_WORDS)),
                ),
                (None, None) => continue,
            };
            *t += s.net() - against.net();
            words.valid += s.valid;
            words.invalid += s.invalid;
        }
        // A scheme far behind the leader will not catch up: stop decoding with it.
        let top = totals.iter().copied().max().unwrap_or(0);
        for (alive, &t) in alive.iter_mut().zip(&totals) {
            *alive &= t + CLEAR_LEAD_WORDS / 2 >= top;
        }
        scored.push((i, Some((ident, per))));
        sampled += 1;
        if clear_leader(&totals, &words) {
            break;
        }
    }
    // The favourite must make the document mostly Vietnamese, not just a little more:
    // French "aß" read as TCVN3 is "aò", one syllable among ten non-words.
    let favourite = totals
        .iter()
        .enumerate()
        .filter(|&(k, &t)| t > 0 && words[k].valid > words[k].invalid)
        .max_by_key(|(_, &t)| t)
        .map(|(k, _)| k);
    (favourite, scored)
}

/// `line` decoded with `scheme` into a new buffer, scored on its first `words` words.
fn decode_scored(scheme: Scheme, line: &str, words: usize) -> (Score, Decoded) {
    let mut d = Decoded::default();
    decode_line(scheme, line, &mut d);
    (score_text_limited(&d.buf, words), d)
}

/// What `decode_scored(scheme, line, words)` says, decoding segment by segment into
/// `scratch` and stopping once `words` words are scored: the decoding is returned (a
/// copy) only when the whole line was decoded. Segments are separated by ASCII
/// whitespace, a word break, so no word spans two. `scratch` is built exactly as
/// [`decode_line`] builds it; `hfont` is `has_capital_word(line)`: such TCVN3 lines
/// are decoded whole, their letter case depending on the whole line.
fn score_prefix(
    scheme: Scheme,
    line: &str,
    segments: &[(Range<usize>, bool)],
    hfont: bool,
    words: usize,
    scratch: &mut Decoded,
) -> Reading {
    if hfont && scheme == Scheme::Tcvn3 {
        decode_line(scheme, line, scratch);
        return (
            score_text_limited(&scratch.buf, words),
            Some(scratch.clone()),
        );
    }
    let d = scratch;
    d.buf.clear();
    d.segs.clear();
    // VIQR lists and decodes every segment (decode_line_all_segments); the other
    // schemes copy printable ASCII, which means itself and holds no scored word.
    let viqr = scheme == Scheme::Viqr;
    let mut score = Score::default();
    let mut copied = 0;
    for (n, (seg, printable)) in segments.iter().enumerate() {
        if (score.valid + score.invalid) as usize >= words {
            return (score, None);
        }
        if viqr || !printable {
            d.buf.push_str(&line[copied..seg.start]);
            let out_start = d.buf.len();
            let next_text = segments
                .get(n + 1)
                .filter(|_| viqr)
                .map(|(r, _)| &line[r.clone()]);
            scheme.decode_into(&line[seg.clone()], next_text, &mut d.buf);
            add_scores(&d.buf[out_start..], words, &mut score);
            copied = seg.end;
            d.segs.push((seg.clone(), out_start..d.buf.len()));
        }
    }
    d.buf.push_str(&line[copied..]);
    (score, Some(d.clone()))
}

/// The whitespace-free segments of `line` into `out` ([`next_segment`] in turn), for
/// the sample to read once for all schemes.
fn line_segments(line: &str, out: &mut Vec<(Range<usize>, bool)>) {
    out.clear();
    let bytes = line.as_bytes();
    let mut current = next_segment(bytes, 0);
    while let Some((seg, printable)) = current {
        current = next_segment(bytes, seg.end);
        out.push((seg, printable));
    }
}

/// Does one scheme lead the text as it stands and every other scheme by
/// [`CLEAR_LEAD_WORDS`], with most of its words Vietnamese?
fn clear_leader(totals: &[i64], words: &[Score]) -> bool {
    let Some((best, &top)) = totals.iter().enumerate().max_by_key(|(_, &t)| t) else {
        return false;
    };
    let runner_up = totals
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != best)
        .map(|(_, &t)| t)
        .max()
        .unwrap_or(0)
        .max(0);
    top - runner_up >= CLEAR_LEAD_WORDS && words[best].valid > 2 * words[best].invalid
}

/// Decides every line and writes the converted text as it goes, so a line's decoding
/// is dropped as soon as it is written (memory stays one line deep past the sample).
fn convert_lines(
    text: &str,
    lines: &[Range<usize>],
    schemes: &[Scheme],
    single_byte: bool,
    base_label: &str,
) -> (Pass, EncodingReport) {
    let suspicious: Vec<bool> = lines
        .iter()
        .map(|r| is_suspicious(&text.as_bytes()[r.clone()], single_byte))
        .collect();
    let mut buffers = BUFFERS.try_with(Cell::take).unwrap_or_default();
    let (favourite, mut scored) =
        pick_favourite(text, lines, &suspicious, schemes, &mut buffers.sample);
    let scratch = &mut buffers.line;

    // When every character of the document stands for a byte (a single-byte file, or
    // legacy text that a loader read as Windows-1252), a line on which the favourite
    // ties with the text as it stands ("hèng" / "hống") follows the favourite: nothing
    // in such a document is Unicode Vietnamese.
    let all_bytes =
        favourite.is_some() && (single_byte || text.chars().all(|c| codec::to_byte(c).is_some()));
    let beats =
        |s: Score, ident: Score| s.net() > ident.net() || (all_bytes && s.net() == ident.net());

    let mut out = Writer::new(text);
    for (i, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        // VIQR is written in ASCII: a line that already holds Unicode letters no byte
        // stands for ("ộ", "ả") is no VIQR, whatever its "Cai." or "ra?" would make.
        let unicode_letters = line.chars().any(|c| codec::to_byte(c).is_none());
        let applies = |scheme: Scheme| scheme != Scheme::Viqr || !unicode_letters;
        let favourite = favourite.filter(|&f| applies(schemes[f]));
        if !suspicious[i] {
            // Phase 3 (Unicode input): lines with no tell-tale character may still be
            // legacy text made only of letters that also exist in Vietnamese (e.g. TCVN3
            // "hÕt"); in a document whose favourite is known, they follow it when that
            // is more Vietnamese.
            let Some(f) = favourite.filter(|_| !single_byte) else {
                continue;
            };
            let b = line.as_bytes();
            // VIQR lines are ASCII; other schemes need a non-ASCII character.
            let candidate = if schemes[f] == Scheme::Viqr {
                b.iter()
                    .any(|&x| matches!(x, b'\'' | b'?' | b'.' | b'(' | b'+'))
            } else {
                !b.is_ascii()
            };
            if !candidate {
                continue;
            }
            let ident = score_text(line);
            decode_line(schemes[f], line, scratch);
            let s = score_decoded(scratch);
            if beats(s, ident) {
                out.line(r, schemes[f], s, scratch);
            }
            continue;
        }
        let mut cached = scored
            .binary_search_by_key(&i, |(k, _)| *k)
            .ok()
            .and_then(|at| scored[at].1.take());
        let sampled_line = cached.is_some();
        // Fast path for documents made only of bytes: a line that the favourite turns
        // into Vietnamese (four words in five) is taken without scoring it as it stands.
        if let (Some(f), true, false) = (favourite, all_bytes, sampled_line) {
            decode_line(schemes[f], line, scratch);
            let s = score_text_limited(&scratch.buf, FAST_PATH_WORDS);
            if s.valid > 0 && s.invalid * 5 <= s.valid {
                out.line(r, schemes[f], s, scratch);
                continue;
            }
            let per = schemes
                .iter()
                .enumerate()
                .map(|(k, &scheme)| {
                    Some(if k == f {
                        let d = std::mem::take(scratch);
                        (score_decoded(&d), Some(d))
                    } else {
                        let (s, d) = decode_scored(scheme, line, usize::MAX);
                        (s, Some(d))
                    })
                })
                .collect();
            cached = Some((score_text(line), per));
        }
        let ident = match &cached {
            Some((ident, _)) => *ident,
            None => score_text(line),
        };
        // Scored as the line's other readings were (sampled lines: a prefix).
        let prefix_scratch = &mut buffers.sample;
        let mut score_of = |k: usize| -> Reading {
            cached
                .as_mut()
                .and_then(|(_, per)| per[k].take())
                .unwrap_or_else(|| {
                    if sampled_line {
                        let hfont = has_capital_word(line.as_bytes());
                        let mut segments = Vec::new();
                        line_segments(line, &mut segments);
                        score_prefix(
                            schemes[k],
                            line,
                            &segments,
                            hfont,
                            SAMPLE_WORDS,
                            prefix_scratch,
                        )
                    } else {
                        let (s, d) = decode_scored(schemes[k], line, usize::MAX);
                        (s, Some(d))
                    }
                })
        };
        let mut best: Option<(usize, Score, Option<Decoded>)> = None;
        if let Some(f) = favourite {
            let (s, d) = score_of(f);
            if beats(s, ident) {
                best = Some((f, s, d));
            }
        }
        // The favourite settles a line it turns into Vietnamese (four words in five);
        // other schemes are tried where it does not (the other half of a mixed
        // document), and must then beat it clearly.
        let settled = best
            .as_ref()
            .is_some_and(|(_, s, _)| s.invalid * 5 <= s.valid);
        if !settled {
            for (k, &scheme) in schemes.iter().enumerate() {
                if Some(k) == favourite || !applies(scheme) {
                    continue;
                }
                let (s, d) = score_of(k);
                // Leaving the favourite takes two more Vietnamese words than it gives.
                let margin = if favourite.is_some() { 2 } else { 1 };
                let bar = best
                    .as_ref()
                    .map_or(ident.net() + margin, |(_, b, _)| b.net() + 2);
                if s.net() >= bar && s.valid >= margin as u32 && s.valid > s.invalid {
                    best = Some((k, s, d));
                }
            }
        }
        if let Some((k, s, d)) = best {
            // A sampled reading was only scored: decode it now that it is written.
            let decoded = match &d {
                Some(d) => d,
                None => {
                    decode_line(schemes[k], line, scratch);
                    &*scratch
                }
            };
            out.line(r, schemes[k], s, decoded);
        }
    }
    let _ = BUFFERS.try_with(|cell| cell.set(buffers));
    out.finish(base_label)
}

/// Line buffers of [`convert_lines`], kept on the thread from one document to the next:
/// a run of small documents then does not grow them again each time. They hold at most
/// a line's decoding ([`MAX_LINE`] bytes of source).
#[derive(Default)]
struct Buffers {
    /// The line being written.
    line: Decoded,
    /// The sample's segments (and whole H-font lines).
    sample: Decoded,
}

thread_local! {
    static BUFFERS: Cell<Buffers> = Cell::default();
}

/// A run of lines converted with one scheme.
struct Run {
    scheme: Scheme,
    start: usize,
    end: usize,
    lines: usize,
    valid: u32,
    invalid: u32,
}

/// Applies line decisions in order: the edits and the runs of the report.
struct Writer<'a> {
    text: &'a str,
    rw: Rewriter<'a>,
    runs: Vec<Run>,
    /// The changed segments of the line being written (reused buffer).
    pieces: Vec<(Range<usize>, Range<usize>)>,
}

impl<'a> Writer<'a> {
    fn new(text: &'a str) -> Self {
        Writer {
            text,
            // Decoded Vietnamese is a little longer than its Windows-1252 reading.
            rw: Rewriter::with_capacity(text, text.len() + text.len() / 4),
            runs: Vec::new(),
            pieces: Vec::new(),
        }
    }

    /// Writes line `r` as `scheme` decoded it; `s` is how Vietnamese that reading is.
    fn line(&mut self, r: &Range<usize>, scheme: Scheme, s: Score, decoded: &Decoded) {
        let confidence = confidence(s.valid, s.invalid);
        let line = &self.text[r.clone()];
        self.pieces.clear();
        // Bytes compared: equal bytes are equal text, without char-boundary checks.
        let (from, to) = (line.as_bytes(), decoded.buf.as_bytes());
        for (src, dst) in &decoded.segs {
            if from.get(src.clone()) != to.get(dst.clone()) {
                self.pieces.push((src.clone(), dst.clone()));
            }
        }
        self.rw
            .splice(r.clone(), &decoded.buf, &self.pieces, confidence);
        // Lines of the same scheme separated only by ASCII/blank lines form one run.
        let text = self.text;
        let line_end = text[r.clone()].trim_end_matches(['\n', '\r']).len() + r.start;
        match self.runs.last_mut() {
            Some(run) if run.scheme == scheme && text.as_bytes()[run.end..r.start].is_ascii() => {
                run.end = line_end;
                run.lines += 1;
                run.valid += s.valid;
                run.invalid += s.invalid;
            }
            _ => self.runs.push(Run {
                scheme,
                start: r.start,
                end: line_end,
                lines: 1,
                valid: s.valid,
                invalid: s.invalid,
            }),
        }
    }

    /// The pass and the report.
    fn finish(self, base_label: &str) -> (Pass, EncodingReport) {
        let runs = self.runs;
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
        (self.rw.finish("legacy", notes), report)
    }
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

/// The whitespace-free segment starting at or after `from`, and whether it is all
/// printable ASCII (which means itself in every scheme but VIQR, made of it).
fn next_segment(bytes: &[u8], from: usize) -> Option<(Range<usize>, bool)> {
    let mut start = from;
    while start < bytes.len() && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    if start >= bytes.len() {
        return None;
    }
    let rest = &bytes[start..];
    let len = rest
        .iter()
        .position(|&b| BYTE_CLASS[usize::from(b)] == WHITESPACE)
        .unwrap_or(rest.len());
    let printable = rest[..len]
        .iter()
        .all(|&b| BYTE_CLASS[usize::from(b)] == PRINTABLE);
    Some((start..start + len, printable))
}

/// Classes of [`BYTE_CLASS`]: ASCII whitespace, printable ASCII, anything else.
const WHITESPACE: u8 = 0;
const PRINTABLE: u8 = 1;
const OTHER: u8 = 2;

/// Each byte's class, so that a segment is scanned with one table look-up per byte.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_whitespace() {
            WHITESPACE
        } else if matches!(byte, 0x20..=0x7E) {
            PRINTABLE
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// Decodes one line segment by segment into `d` (cleared first, its buffers reused);
/// whitespace is never part of a legacy letter. `d.segs` lists the segments that were
/// decoded; printable ASCII, which means itself in every scheme but VIQR, is copied.
fn decode_line(scheme: Scheme, line: &str, d: &mut Decoded) {
    let bytes = line.as_bytes();
    let hfont = scheme == Scheme::Tcvn3 && has_capital_word(bytes);
    // VIQR reads the next segment; the H-font case pass classifies every segment.
    if scheme == Scheme::Viqr || hfont {
        decode_line_all_segments(scheme, line, d);
        if hfont {
            restore_hfont_case(line, d);
        }
        return;
    }
    d.buf.clear();
    d.segs.clear();
    d.buf.reserve(line.len() + line.len() / 4);
    // About one segment per six bytes of Vietnamese text.
    d.segs.reserve(line.len() / 6 + 1);
    let mut copied = 0;
    let mut from = 0;
    while let Some((seg, printable)) = next_segment(bytes, from) {
        from = seg.end;
        if !printable {
            d.buf.push_str(&line[copied..seg.start]);
            let out_start = d.buf.len();
            scheme.decode_into(&line[seg.clone()], None, &mut d.buf);
            d.segs.push((seg.clone(), out_start..d.buf.len()));
            copied = seg.end;
        }
    }
    d.buf.push_str(&line[copied..]);
}

/// [`decode_line`] listing every segment, ASCII ones included.
fn decode_line_all_segments(scheme: Scheme, line: &str, d: &mut Decoded) {
    d.buf.clear();
    d.segs.clear();
    d.buf.reserve(line.len() + line.len() / 4);
    // About one segment per six bytes of Vietnamese text.
    d.segs.reserve(line.len() / 6 + 1);
    let bytes = line.as_bytes();
    let ascii_is_itself = scheme != Scheme::Viqr;
    let mut last = 0;
    let mut current = next_segment(bytes, 0);
    while let Some((seg, printable)) = current {
        let next = next_segment(bytes, seg.end);
        d.buf.push_str(&line[last..seg.start]);
        let out_start = d.buf.len();
        let source = &line[seg.clone()];
        if ascii_is_itself && printable {
            d.buf.push_str(source);
        } else {
            let next_text = next.as_ref().map(|(r, _)| &line[r.clone()]);
            scheme.decode_into(source, next_text, &mut d.buf);
        }
        d.segs.push((seg.clone(), out_start..d.buf.len()));
        last = seg.end;
        current = next;
    }
    d.buf.push_str(&line[last..]);
}

/// Does a whitespace-free segment of this line (characters standing for bytes) hold two
/// capitals — ASCII or the TCVN3 capital hat-letters 0xA1–0xA7 — and no small letter?
/// A byte scan: most prose lines have none, and then the H-font check is skipped.
fn has_capital_word(bytes: &[u8]) -> bool {
    // One pass, segment by segment; a segment is left at its first small letter.
    // 0xC2 leads U+00A1..U+00AE in UTF-8 and is always followed by a continuation byte.
    let mut k = 0;
    while k < bytes.len() {
        let mut up = 0u32;
        let mut low = false;
        while k < bytes.len() && !low {
            let b = bytes[k];
            match b {
                b'A'..=b'Z' => up += 1,
                b'a'..=b'z' => low = true,
                0xC2 if k + 1 < bytes.len() => {
                    match bytes[k + 1] {
                        0xA1..=0xA7 => up += 1,
                        0xA8..=0xAE => low = true,
                        _ => {}
                    }
                    k += 1;
                }
                _ if BYTE_CLASS[usize::from(b)] == WHITESPACE => break,
                _ => {}
            }
            k += 1;
        }
        if up >= 2 && !low {
            return true;
        }
        // The rest of the segment, then its whitespace.
        while k < bytes.len() && BYTE_CLASS[usize::from(bytes[k])] != WHITESPACE {
            k += 1;
        }
        k += 1;
    }
    false
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
    // The upper-cased letters of a capital word (one buffer for the line).
    let mut core = String::new();
    let classes: Vec<Case> = d
        .segs
        .iter()
        .map(|(src, dst)| {
            let seg = &line[src.clone()];
            if seg.bytes().any(|b| b.is_ascii_digit()) {
                return Case::NotWord;
            }
            // Characters standing for bytes A–Z or 0xA1–0xA7, a–z or 0xA8–0xAE: ASCII
            // letters, or U+00A1..U+00AE (0xC2 then the byte in UTF-8).
            let (mut up, mut low) = (0, 0);
            let mut bytes = seg.bytes();
            while let Some(b) = bytes.next() {
                match b {
                    b'A'..=b'Z' => up += 1,
                    b'a'..=b'z' => low += 1,
                    0xC2 => match bytes.next() {
                        Some(0xA1..=0xA7) => up += 1,
                        Some(0xA8..=0xAE) => low += 1,
                        _ => {}
                    },
                    _ => {}
                }
            }
            if low > 0 {
                Case::Lower
            } else if up >= 2 {
                // Capital words are evidence for their neighbours; abbreviations are not.
                let decoded = &d.buf[dst.clone()];
                core.clear();
                core.extend(
                    decoded
                        .trim_matches(|c: char| !c.is_alphabetic())
                        .chars()
                        .flat_map(char::to_uppercase),
                );
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
    let has_lower = classes.contains(&Case::Lower);
    let mut upper: Vec<bool> = vec![false; classes.len()];
    let mut any = false;
    for (k, &class) in classes.iter().enumerate() {
        upper[k] = match class {
            Case::Caps | Case::Abbreviation => true,
            Case::Unsure => {
                let (l, r) = (neighbour(k, -1), neighbour(k, 1));
                (caps_total >= 2 || !has_lower)
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
/// Vietnamese syllables. Plain ASCII words, words with digits and one-character words
/// count for nothing.
fn score_text(text: &str) -> Score {
    score_text_limited(text, usize::MAX)
}

/// Words a line's favourite reading is judged on in the fast path (a sample is enough to
/// see that it reads as Vietnamese).
const FAST_PATH_WORDS: usize = 8;

/// [`score_text`] over the first `max_words` scored words only.
fn score_text_limited(text: &str, max_words: usize) -> Score {
    let mut score = Score::default();
    add_scores(text, max_words, &mut score);
    score
}

/// Adds the words of `text` to `score` until it counts `max_words` words.
/// Words are the runs between [`is_break`] characters; one pass over the bytes notes
/// what decides whether a word is scored at all (ASCII bytes are not decoded).
fn add_scores(text: &str, max_words: usize, score: &mut Score) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    // Of the word being read: characters, and whether it has a non-ASCII one or a digit.
    let (mut chars, mut non_ascii, mut digit) = (0usize, false, false);
    while at <= bytes.len() {
        let (c, len) = match bytes.get(at) {
            None => (' ', 1),
            Some(&x) if x < 0x80 => (char::from(x), 1),
            Some(_) => {
                let c = text[at..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        if !is_break(c) {
            chars += 1;
            non_ascii |= len > 1;
            digit |= c.is_ascii_digit();
            at += len;
            continue;
        }
        // One-character words say little ("‰" would read as a capital in VISCII) and
        // count for nothing either way; nor do ASCII words and words with digits.
        if non_ascii && !digit && chars >= 2 {
            if (score.valid + score.invalid) as usize >= max_words {
                return;
            }
            if syllable::is_syllable(&text[start..at]) {
                score.valid += 1;
            } else {
                score.invalid += 1;
            }
        }
        at += len;
        start = at;
        (chars, non_ascii, digit) = (0, false, false);
    }
}

/// Word breaks for scoring: whitespace, ASCII punctuation and the common typographic
/// punctuation (quotes, dashes, ellipsis) of clean text. The whitespace is Unicode's
/// White_Space, written out ([`char::is_whitespace`] looks non-ASCII characters up in
/// a table; a test checks the two agree on every character).
#[inline]
fn is_break(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r') || c.is_ascii_punctuation();
    }
    if (c as u32) < 0x1680 {
        return matches!(c, '\u{85}' | '\u{A0}');
    }
    matches!(
        c,
        '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{2013}'
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
/// controls)? A superscript two or three after a Latin letter is a unit of area or
/// volume, not a legacy letter. No allocation; a byte scan.
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
            // "m²", "km²", "m³": a superscript digit after a Latin letter is a unit.
            0xC2 if matches!(y, 0xB2 | 0xB3) && i > 0 && b[i - 1].is_ascii_alphabetic() => false,
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

    /// The word count as first written: split at breaks, then filter the words.
    fn simple_score(text: &str, max_words: usize) -> (u32, u32) {
        let (mut valid, mut invalid) = (0, 0);
        for token in text.split(is_break) {
            if (valid + invalid) as usize >= max_words {
                break;
            }
            if token.is_ascii()
                || token.bytes().any(|b| b.is_ascii_digit())
                || token.chars().nth(1).is_none()
            {
                continue;
            }
            if syllable::is_syllable(token) {
                valid += 1;
            } else {
                invalid += 1;
            }
        }
        (valid, invalid)
    }

    /// The capital-word check as first written: split at whitespace, count per segment.
    fn simple_capital_word(bytes: &[u8]) -> bool {
        bytes.split(u8::is_ascii_whitespace).any(|segment| {
            let (mut up, mut low) = (0u32, 0u32);
            let mut k = 0;
            while k < segment.len() && low == 0 {
                match segment[k] {
                    b'A'..=b'Z' => up += 1,
                    b'a'..=b'z' => low += 1,
                    0xC2 if k + 1 < segment.len() => {
                        match segment[k + 1] {
                            0xA1..=0xA7 => up += 1,
                            0xA8..=0xAE => low += 1,
                            _ => {}
                        }
                        k += 1;
                    }
                    _ => {}
                }
                k += 1;
            }
            up >= 2 && low == 0
        })
    }

    #[test]
    fn capital_word_scan_matches_the_simple_split() {
        let lines = [
            "",
            " ",
            "UBND",
            "Sè: 1208 /SGD§T-KHTC\n",
            "KÝnh göi: UBND c¸c quËn",
            "Môc 2. TH TC XT §¥N Y£U",
            "Céng hßa x· héi chñ nghÜa ViÖt Nam\n",
            "A B\tC§\r\n",
            "§· bÞ xö lý",
            "§§ ¡¢ ¨A",
            "II.",
            "aB CD",
        ];
        for line in lines {
            let b = line.as_bytes();
            assert_eq!(has_capital_word(b), simple_capital_word(b), "{line:?}");
        }
    }

    #[test]
    fn word_breaks_are_whitespace_and_punctuation() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = c.is_whitespace()
                || c.is_ascii_punctuation()
                || "\u{2013}\u{2014}\u{2018}\u{2019}\u{201C}\u{201D}\u{2026}".contains(c);
            assert_eq!(is_break(c), expected, "{c:?}");
        }
    }

    #[test]
    fn word_scores_match_the_simple_count() {
        let texts = [
            "",
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Céng hßa x· héi chñ nghÜa ViÖt Nam\n",
            "“Hà Nội” – 25°C… đ 1000đ ĐẠI-HỘI x\u{a0}yên\u{2003}năm;ưu",
            "é ê 2đồng ngày12 …người… a",
        ];
        for text in texts {
            for max in [0, 1, 3, 16, usize::MAX] {
                let s = score_text_limited(text, max);
                assert_eq!(
                    (s.valid, s.invalid),
                    simple_score(text, max),
                    "{text:?} {max}"
                );
            }
        }
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
    fn units_with_superscripts_are_not_legacy_letters() {
        // VISCII reads "²" as "ỗ", and "mỗ" is a syllable: the line scored better decoded.
        let t = "Đất ở vị trí 1: 18.500.000 đồng/m²; vị trí 2: 9.200.000 đồng/m²; 3 m³ nước.";
        assert_eq!(run(t, ByteEncoding::Utf8).0, t);
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
    fn western_single_byte_text_left_alone() {
        let text = "Le café de la gare, où l'été dure. Müller aß Käse für 5 €.\nÀ bientôt, Noël!\n";
        let (t, r) = run(text, ByteEncoding::SingleByte);
        assert_eq!(t, text);
        assert_eq!(r.encoding, "windows-1252");
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

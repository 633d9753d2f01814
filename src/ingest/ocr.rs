//! Lays out tesseract's words (its TSV output: one word a row with its box) as text the
//! rest of the pipeline reads.
//!
//! Tesseract's own text output puts side-by-side columns on one line: the agency and the
//! national name of a Decree 30 header, the copy list and the signer's block
//! ("Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- Lưu: VT. PHÓ CHỦ TỊCH"), which the header and
//! signature readers cannot take apart. Here each OCR line is cut at wide gaps; a run of
//! lines that are half-width (one column each, or both columns side by side) is written
//! left column first, then the right column, as a word processor's text layer gives it.
//! Lines with three or more pieces are table rows, written with tabs between cells. Marks
//! a speckled or stamped page leaves (`_`, `¬`, `|`, quotes) are dropped when a word is
//! nothing else, and trimmed off a word's ends; look-alikes are folded where the word
//! leaves no doubt ([`fold_word`]).

/// One recognised word and its box, in pixels.
struct Word {
    /// Block, paragraph and line numbers: tesseract's grouping.
    line: (u32, u32, u32),
    left: i64,
    top: i64,
    width: i64,
    height: i64,
    text: String,
}

/// A piece of an OCR line between wide gaps.
struct Piece {
    left: i64,
    right: i64,
    text: String,
}

/// Where a line lies on the page.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// Across the page (body text) or centred on it (a title): ends a column run.
    Wide,
    /// One column's worth, or two columns side by side.
    Half,
    /// Three or more pieces: a table row.
    Table,
}

/// Characters that alone make a word of noise: speckle, a stamp's edge, a rule line.
const NOISE: &[char] = &[
    '_', '`', '¬', '|', '‹', '›', '^', '~', '‘', '’', '“', '”', '"', '\'', '•', '—', '«', '»',
];

/// A word with no letter or digit made only of noise marks, or one tesseract itself
/// barely believes.
fn is_noise(text: &str, conf: f64) -> bool {
    if text.chars().any(char::is_alphanumeric) {
        return false;
    }
    text.chars().all(|c| NOISE.contains(&c)) || conf < 40.0
}

/// Marks that never start or end a Vietnamese word: stray speckle glued to one.
const EDGE_NOISE: &[char] = &['_', '`', '¬', '|', '‹', '›', '^', '~', '='];

/// One word cleaned of OCR's unambiguous slips: noise marks trimmed off its ends, a
/// fraction or division slash read for the slash of a number ("1745⁄QĐ-BTC"), and in a
/// number-like word (digits, perhaps with slashes, dots, commas and a symbol after a
/// slash or hyphen) the letters O/o read for 0 and l/I for 1 ("2O21", "l5/KH-UBND",
/// "2l/6/2O19"). A word of letters ("Lưu", "OK") or a symbol ("QĐ-BTC") is left alone.
pub fn fold_word(word: &str) -> String {
    let w = word
        .trim_matches(EDGE_NOISE)
        .replace(['\u{2044}', '\u{2215}'], "/");
    // The figure part: up to the first hyphen or the first slash followed by a letter.
    let cut = w
        .char_indices()
        .find(|&(i, c)| {
            c == '-'
                || (c == '/'
                    && w[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_alphabetic() && !matches!(n, 'O' | 'l' | 'I')))
        })
        .map_or(w.len(), |(i, _)| i);
    let (figure, rest) = w.split_at(cut);
    let digits = figure.chars().filter(char::is_ascii_digit).count();
    let lookalikes = figure
        .chars()
        .filter(|c| matches!(c, 'O' | 'o' | 'l' | 'I'))
        .count();
    let figure_like = figure.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                'O' | 'o' | 'l' | 'I' | '/' | '.' | ',' | ':' | ';' | '(' | ')'
            )
    });
    if lookalikes == 0 || digits < 1 || digits < lookalikes || !figure_like {
        return w;
    }
    let folded: String = figure
        .chars()
        .map(|c| match c {
            'O' | 'o' => '0',
            'l' | 'I' => '1',
            c => c,
        })
        .collect();
    folded + rest
}

/// Marks OCR reads for a list item's dash: "ˆ" (a circumflex alone is never a word), and
/// at a line's start a colon, tilde or equals sign before a capital ("ˆ Cục Kiểm tra
/// VBQPPL ˆ Bộ Tư pháp;", ": Bộ Giáo dục và Đào tạo;"), so copy lists stay lists.
fn list_dash(line: &str) -> String {
    let mut words: Vec<&str> = line.split(' ').collect();
    let starts_list = words.len() > 1
        && matches!(words[0], ":" | "~" | "=")
        && words[1].chars().next().is_some_and(char::is_uppercase);
    if starts_list {
        words[0] = "-";
    }
    for w in words.iter_mut() {
        if *w == "\u{2c6}" {
            *w = "-";
        }
    }
    words.join(" ")
}

/// Parses tesseract's TSV; returns the page width and the words in reading order.
fn parse(tsv: &str) -> (i64, Vec<Word>) {
    let mut width = 0;
    let mut words = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.splitn(12, '\t').collect();
        if f.len() < 12 {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<i64>().unwrap_or(0);
        match f[0] {
            "1" => width = width.max(num(6) + num(8)),
            "5" => {
                let text = f[11].trim();
                let conf = f[10].trim().parse::<f64>().unwrap_or(0.0);
                if text.is_empty() || is_noise(text, conf) {
                    continue;
                }
                let text = fold_word(text);
                if text.is_empty() {
                    continue;
                }
                words.push(Word {
                    line: (num(2) as u32, num(3) as u32, num(4) as u32),
                    left: num(6),
                    top: num(7),
                    width: num(8),
                    height: num(9),
                    text: text.to_string(),
                });
            }
            _ => {}
        }
    }
    (width, words)
}

/// Cuts one line's words (left to right) at gaps wider than twice the line's typical
/// word height: a column gap or a table cell, never a space between words.
fn pieces(mut words: Vec<&Word>) -> Vec<Piece> {
    words.sort_by_key(|w| w.left);
    let mut heights: Vec<i64> = words.iter().map(|w| w.height).collect();
    heights.sort_unstable();
    let h = heights.get(heights.len() / 2).copied().unwrap_or(1).max(1);
    let mut out: Vec<Piece> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(p) if w.left - p.right <= 2 * h => {
                p.text.push(' ');
                p.text.push_str(&w.text);
                p.right = p.right.max(w.left + w.width);
            }
            _ => out.push(Piece {
                left: w.left,
                right: w.left + w.width,
                text: w.text.clone(),
            }),
        }
    }
    out
}

/// Where a line of `pieces` lies on a page `width` wide.
fn place(pieces: &[Piece], width: i64) -> Place {
    if pieces.len() >= 3 {
        return Place::Table;
    }
    if pieces.len() == 2 {
        return Place::Half;
    }
    let Some(p) = pieces.first() else {
        return Place::Wide;
    };
    let w = width.max(1) as f64;
    let (l, r) = (p.left as f64 / w, p.right as f64 / w);
    let centre = (l + r) / 2.0;
    let across = l < 0.4 && r > 0.6;
    let centred = (centre - 0.5).abs() < 0.08;
    if across || centred {
        Place::Wide
    } else {
        Place::Half
    }
}

/// Lays out one page of tesseract TSV as text.
pub fn layout_tsv(tsv: &str) -> String {
    let (width, words) = parse(tsv);
    // Lines in tesseract's order, each with its paragraph and top.
    let mut lines: Vec<((u32, u32), i64, Vec<&Word>)> = Vec::new();
    for w in &words {
        match lines.last_mut() {
            Some((_, _, ws)) if ws[0].line == w.line => ws.push(w),
            _ => lines.push(((w.line.0, w.line.1), w.top, vec![w])),
        }
    }
    // Tesseract may give the two columns of a header as blocks one after the other;
    // page order is top to bottom (stable, so a block's lines keep their order).
    lines.sort_by_key(|(_, top, _)| *top);
    let laid: Vec<((u32, u32), Vec<Piece>)> = lines
        .into_iter()
        .map(|(par, _, ws)| {
            let mut ps = pieces(ws);
            // A piece of one letter or of marks alone ("l", "Ì", "+", a lone dash far
            // from the words) is a stamp's edge, a table rule, speckle or the star under
            // an agency read as a glyph: it makes no line and no column. Digits stay (a
            // page number), and so does a row of three cells or more (a nil cell "-").
            let worded = |p: &Piece| {
                p.text.chars().filter(|c| c.is_alphanumeric()).count() > 1
                    || p.text.chars().any(|c| c.is_ascii_digit())
            };
            let n = ps.iter().filter(|p| worded(p)).count();
            if n < 3 {
                ps.retain(worded);
            }
            (par, ps)
        })
        .filter(|(_, ps)| !ps.is_empty())
        .collect();
    let places: Vec<Place> = laid.iter().map(|(_, p)| place(p, width)).collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < laid.len() {
        if places[i] != Place::Half {
            if i > 0 && laid[i - 1].0 != laid[i].0 {
                out.push(String::new());
            }
            let sep = if places[i] == Place::Table { "\t" } else { " " };
            let texts: Vec<&str> = laid[i].1.iter().map(|p| p.text.as_str()).collect();
            out.push(texts.join(sep));
            i += 1;
            continue;
        }
        let end = (i..laid.len())
            .find(|&k| places[k] != Place::Half)
            .unwrap_or(laid.len());
        let run = &laid[i..end];
        let split = run.iter().any(|(_, p)| p.len() == 2);
        if i > 0 {
            out.push(String::new());
        }
        if split {
            let mid = width / 2;
            let (mut left, mut right) = (Vec::new(), Vec::new());
            for (_, ps) in run {
                for p in ps {
                    if (p.left + p.right) / 2 < mid {
                        left.push(p.text.clone());
                    } else {
                        right.push(p.text.clone());
                    }
                }
            }
            out.extend(left);
            out.push(String::new());
            out.extend(right);
        } else {
            out.extend(run.iter().map(|(_, ps)| ps[0].text.clone()));
        }
        out.push(String::new());
        i = end;
    }
    let out: Vec<String> = out.iter().map(|l| list_dash(l)).collect();
    let mut text = out.join("\n");
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TSV word row.
    fn w(line: u32, left: i64, top: i64, width: i64, text: &str) -> String {
        format!("5\t1\t1\t1\t{line}\t1\t{left}\t{top}\t{width}\t40\t95\t{text}")
    }

    fn page(rows: &[String]) -> String {
        let mut s = String::from("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n");
        s.push_str("1\t1\t0\t0\t0\t0\t0\t0\t2400\t3400\t-1\t\n");
        for r in rows {
            s.push_str(r);
            s.push('\n');
        }
        s
    }

    #[test]
    fn side_by_side_columns_are_written_one_after_the_other() {
        let tsv = page(&[
            w(1, 300, 100, 300, "SỞ"),
            w(1, 620, 100, 200, "Y TẾ"),
            w(1, 1200, 100, 900, "CỘNG HÒA XÃ HỘI"),
            w(2, 300, 200, 500, "Số: 12/SYT"),
            w(2, 1300, 200, 700, "Hà Nội, ngày 1"),
            w(3, 300, 400, 1800, "Thân bài trải rộng cả trang."),
            w(4, 1400, 500, 30, "l"),
            w(5, 1150, 600, 30, "2"),
        ]);
        assert_eq!(
            layout_tsv(&tsv),
            "SỞ Y TẾ\nSố: 12/SYT\n\nCỘNG HÒA XÃ HỘI\nHà Nội, ngày 1\n\nThân bài trải rộng cả trang.\n2"
        );
    }

    #[test]
    fn misread_list_dashes_are_dashes() {
        assert_eq!(list_dash(": Bộ Tư pháp;"), "- Bộ Tư pháp;");
        assert_eq!(
            list_dash("\u{2c6} Cục Kiểm tra VBQPPL \u{2c6} Bộ Tư pháp;"),
            "- Cục Kiểm tra VBQPPL - Bộ Tư pháp;"
        );
        for same in ["Nơi nhận: Bộ Tư pháp;", ": các đơn vị", "= 12", "a\tb"] {
            assert_eq!(list_dash(same), same);
        }
    }

    #[test]
    fn lookalikes_fold_only_in_figures() {
        assert_eq!(fold_word("2O21"), "2021");
        assert_eq!(fold_word("l5/KH-UBND"), "15/KH-UBND");
        assert_eq!(fold_word("2l/6/2O19;"), "21/6/2019;");
        assert_eq!(fold_word("1745\u{2044}QĐ-BTC"), "1745/QĐ-BTC");
        assert_eq!(fold_word("_Điều"), "Điều");
        for same in [
            "Lưu", "OK", "QĐ-BTC", "I.", "l", "10", "VIII", "Ol", "1O5O", "B/c",
        ] {
            let want = if same == "1O5O" { "1050" } else { same };
            assert_eq!(fold_word(same), want, "{same}");
        }
    }

    #[test]
    fn three_pieces_are_a_table_row_and_noise_marks_go() {
        let tsv = page(&[
            w(1, 300, 100, 200, "Sáng"),
            w(1, 510, 100, 150, "chế"),
            w(1, 1000, 100, 100, "3.995"),
            w(1, 1500, 100, 100, "3.412"),
            w(1, 1700, 100, 30, "¬"),
        ]);
        assert_eq!(layout_tsv(&tsv), "Sáng chế\t3.995\t3.412");
    }
}

//! A line view of the text with byte offsets and a "clean" form of each line, without the
//! Markdown emphasis and list markers that exported documents wrap around header lines.

/// One line: its byte range in the text and the trimmed core range without decoration.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// Byte range of the content once `#`, `*`, `_`, `>` decoration and spaces are trimmed.
    pub core_start: usize,
    pub core_end: usize,
}

pub struct Lines<'a> {
    pub text: &'a str,
    pub lines: Vec<Line>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        // A page break (form feed) ends a line too: a scan's or PDF's next page may start
        // right after the last line of the one before ("PHÓ CHỦ TỊCH\x0c- Lưu: VT").
        for raw in text.split_inclusive(['\n', '\x0c']) {
            let body = raw.trim_end_matches(['\n', '\r', '\x0c']);
            let end = start + body.len();
            let is_deco = |c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_' | '>' | '|');
            let lead = body.len() - body.trim_start_matches(is_deco).len();
            let trail = body.len() - body.trim_end_matches(is_deco).len();
            let (cs, ce) = if lead >= body.len() {
                (end, end)
            } else {
                (start + lead, end - trail)
            };
            lines.push(Line {
                start,
                end,
                core_start: cs,
                core_end: ce,
            });
            start += raw.len();
        }
        Lines { text, lines }
    }

    pub fn core(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        &self.text[l.core_start..l.core_end]
    }

    pub fn raw(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        &self.text[l.start..l.end]
    }

    pub fn is_blank(&self, i: usize) -> bool {
        self.core(i).is_empty()
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn a_page_break_ends_a_line() {
        let text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\x0c- Lưu: VT.\r\n\nLê Văn An";
        let lines = Lines::new(text);
        let cores: Vec<&str> = (0..lines.len()).map(|i| lines.core(i)).collect();
        assert_eq!(
            cores,
            [
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "- Lưu: VT.",
                "",
                "Lê Văn An"
            ]
        );
        assert_eq!(lines.raw(2), "- Lưu: VT.");
    }
}

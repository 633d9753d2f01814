//! Evaluations and benchmarks that print figures (`vanban eval …`, `vanban bench`). Each
//! reads its labelled or generated material, runs the library, and returns a printable
//! report; nothing here is part of the pipeline, and nothing here is tuned on.

pub mod damaged;
pub mod encodings;
pub mod extract;
pub mod headers;
pub mod restore;

/// True positives, false positives, false negatives for one field.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// NaN when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// NaN when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Writes a precision/recall table, one row per field, in the order given.
pub fn write_counts_table<'a>(out: &mut String, rows: impl IntoIterator<Item = (&'a str, Counts)>) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "  {:<16} {:>9} {:>9} {:>5} {:>5} {:>5}",
        "field", "precision", "recall", "tp", "fp", "fn"
    );
    for (field, c) in rows {
        let _ = writeln!(
            out,
            "  {:<16} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}",
            field,
            c.precision(),
            c.recall(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

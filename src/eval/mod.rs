//! Evaluations and benchmarks that print figures (`vanban eval …`, `vanban bench`). Each
//! reads its labelled or generated material, runs the library, and returns a printable
//! report; nothing here is part of the pipeline, and nothing here is tuned on.

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

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

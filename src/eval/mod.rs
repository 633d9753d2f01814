//! Evaluations and benchmarks of the pipeline's stages, run by `vanban eval` and
//! `vanban bench`; each returns a printable report and prints nothing itself.

pub mod encodings;

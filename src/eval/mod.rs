//! Evaluations that print accuracy figures (`vanban eval …`). Each reads its labelled
//! material, runs the library, and returns a printable report; nothing here is tuned on.

pub mod headers;
//! Evaluations and benchmarks of the pipeline's stages, run by `vanban eval` and
//! `vanban bench`; each returns a printable report and prints nothing itself.
pub mod encodings;
//! Measurements of pipeline stages against held-out material (not part of the pipeline).
pub mod restore;

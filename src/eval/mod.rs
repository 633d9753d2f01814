//! Evaluations and benchmarks that print figures (`vanban eval …`, `vanban bench`). Each
//! reads its labelled or generated material, runs the library, and returns a printable
//! report; nothing here is part of the pipeline, and nothing here is tuned on.

pub mod encodings;
pub mod extract;
pub mod headers;
pub mod restore;

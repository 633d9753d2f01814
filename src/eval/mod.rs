//! Measurements of pipeline stages against held-out material (not part of the pipeline).

pub mod restore;

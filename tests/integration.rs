//! The one integration-test binary (one link step on a 2-core CI); modules by area.

mod common;
mod encodings;
mod ingest;

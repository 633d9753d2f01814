//! The one integration-test binary (one link step on a 2-core CI); modules by area.

mod cli;
mod common;
mod extract_body;
mod golden;
mod header_variants;
mod repair_layout;
mod reports;
mod robustness;
mod rules;
mod schema;
mod ingest;
mod encodings;
mod restore;

//! The one integration-test binary (one link step on a 2-core CI); modules by area.

mod cli;
mod common;
mod golden;
mod robustness;
mod rules;
mod schema;

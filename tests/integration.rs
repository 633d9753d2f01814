//! The one integration-test binary (one link step on a 2-core CI); modules by area.

mod cli;
mod common;
mod encodings;
mod extract_body;
mod figures;
mod golden;
mod header_old_layouts;
mod header_variants;
mod ingest;
mod ingest_packages;
mod places;
mod probe13_limits;
mod probe15_office_files;
mod probe16_pdf;
mod probe17_html;
mod probe18_ocr;
mod probe19_office;
mod probe20_sheets;
mod probe27_layouts;
mod repair_layout;
mod reports;
mod restore;
mod review_report;
mod robustness;
mod rules;
mod schema;

//! Prints the restore-pass evaluation and benchmark:
//! `cargo run --release --example restore_eval [-- SHARED_DIR [BENCH_SECONDS]]`.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let shared = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let secs: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if !shared.exists() {
        println!("note: {} not found; nothing to measure", shared.display());
        return;
    }
    print!("{}", vanban::eval::restore::run_eval(&shared, &repo));
    println!("{}", vanban::eval::restore::bench(&shared, &repo, secs));
}

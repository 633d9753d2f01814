//! `cargo run --release --example eval_encodings [-- bench]`: prints the encodings
//! evaluation (fixtures + ../shared corpus when present) or the throughput benchmark.
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("fixtures/encodings");
    if std::env::args().any(|a| a == "bench") {
        match vanban::eval::encodings::run_bench(&fixtures, 8.0) {
            Ok(r) => print!("{r}"),
            Err(e) => eprintln!("{e}"),
        }
        return;
    }
    let corpus = root.join("../shared/corpus/legacy");
    let corpus = corpus.is_dir().then_some(corpus.as_path());
    match vanban::eval::encodings::run_eval(&fixtures, corpus) {
        Ok(r) => print!("{r}"),
        Err(e) => eprintln!("{e}"),
    }
}

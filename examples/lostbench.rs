use vanban::eval::restore::{corrupt, held_out_documents, random_lost_set};
use vanban::repair::restore::{restore_in, vocabulary::BatchVocabulary};
fn main() {
    let shared = std::path::Path::new("/work/shared");
    let docs: Vec<String> = held_out_documents(shared, std::path::Path::new("."))
        .iter()
        .enumerate()
        .map(|(i, (_, t))| corrupt(t, &random_lost_set(0xbe9c + i as u64)))
        .collect();
    let domain = BatchVocabulary::domain();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let _ = restore_in("Thự  hi n", Some(domain));
    if mode == "alone" || mode == "domain" {
        let v = if mode == "alone" { None } else { Some(domain) };
        for d in &docs {
            let _ = restore_in(d, v);
        }
        return;
    }
    for round in 0..8 {
        for (label, v) in [("model alone", None), ("with domain", Some(domain))] {
            let t = std::time::Instant::now();
            let mut bytes = 0;
            for _ in 0..2 {
                for d in &docs {
                    bytes += d.len();
                    let _ = restore_in(d, v);
                }
            }
            println!(
                "{round} {label}: {:.1} KB/s",
                bytes as f64 / 1024.0 / t.elapsed().as_secs_f64()
            );
        }
    }
}

use vanban::repair::restore::lm::{Model, BOS};
use vanban::repair::restore::vocabulary::BatchVocabulary;
fn main() {
    let m = Model::get();
    let d = BatchVocabulary::domain();
    let args: Vec<String> = std::env::args().skip(1).collect();
    for phrase in args {
        let toks = m.lm_tokens(&phrase);
        let (mut u, mut v) = (BOS, BOS);
        let (mut s, mut sd) = (0.0, 0.0);
        for &w in &toks {
            let p = m.logp(u, v, w);
            s += p;
            sd += d.mix(p, v, w);
            u = v;
            v = w;
        }
        println!("{phrase:30} model {s:7.2}  +domain {sd:7.2}");
    }
}
#[allow(dead_code)]
fn unused() {}

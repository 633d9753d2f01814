use vanban::repair::restore::syllable::{self, Syllables};
fn main() {
    let syl = Syllables::get();
    let dir = "/work/shared/corpus/legacy/ground-truth";
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let (mut words, mut marked_invalid, mut shown) = (0, 0, 0);
    for p in paths {
        let t = std::fs::read_to_string(&p).unwrap();
        for w in t.split_whitespace() {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !core.chars().any(char::is_alphabetic) {
                continue;
            }
            words += 1;
            if core.chars().all(char::is_alphabetic)
                && core.chars().any(syllable::has_marks)
                && !syl.is_valid(&syllable::lower(core))
            {
                marked_invalid += 1;
                if shown < 40 {
                    print!("{core} ");
                    shown += 1;
                }
            }
        }
    }
    println!("\nwords {words}, marked but no syllable {marked_invalid}");
}

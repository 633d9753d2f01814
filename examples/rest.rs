fn main() {
    let path = std::env::args().nth(1).unwrap();
    let lost: Vec<char> = std::env::args().nth(2).unwrap().chars().collect();
    let text: String = std::fs::read_to_string(path).unwrap();
    let dmg = vanban::eval::restore::corrupt(&text, &lost);
    let out = vanban::repair::restore::restore(&dmg);
    println!("{}", out.notes.join("; "));
    for (a, (b, c)) in text.lines().zip(dmg.lines().zip(out.text.lines())) {
        if a != c {
            println!("T: {a}\nD: {b}\nR: {c}\n");
        }
    }
}

//! The `vanban` command: parses arguments and hands them to the library.

fn main() {
    std::process::exit(vanban::cli::run());
}

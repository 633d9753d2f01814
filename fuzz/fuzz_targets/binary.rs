//! Any bytes, read as one of the binary formats (PDF, Word 97–2003, Excel 97–2003, the
//! ZIP-packaged office formats), give a record or an error record: never an uncaught
//! panic, a hang or a memory blow-up. The outside parsers run under vanban's guard, which
//! catches their panics by design, so the fuzzer's abort-on-panic hook is replaced by a
//! silent one; a panic that escapes the pipeline still aborts the run (libfuzzer-sys).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::{Once, OnceLock};

/// File names whose extension picks the reader; the first input byte chooses.
const NAMES: [&str; 6] = ["in.pdf", "in.doc", "in.xls", "in.docx", "in.xlsx", "in.odt"];

fn context() -> &'static vanban::Context {
    static CONTEXT: OnceLock<vanban::Context> = OnceLock::new();
    CONTEXT.get_or_init(|| vanban::Context::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    if let Err(error) = vanban::process_bytes(name, bytes, context()) {
        assert!(!error.message.is_empty(), "an error record says why");
    }
});

//! Any bytes, read as one of the text formats vanban parses with its own code (plain text
//! in any encoding, Markdown, HTML, RTF), go through every stage without a panic, and
//! every span of the record lies on the text and holds its raw value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;
use std::sync::OnceLock;

/// File names whose extension picks the reader; the first input byte chooses.
const NAMES: [&str; 4] = ["in.txt", "in.md", "in.html", "in.rtf"];

fn context() -> &'static vanban::Context {
    static CONTEXT: OnceLock<vanban::Context> = OnceLock::new();
    CONTEXT.get_or_init(|| vanban::Context::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    match vanban::process_bytes(name, bytes, context()) {
        Ok(record) => {
            let json = serde_json::to_value(&record).expect("a record serializes");
            let text = json["text"].as_str().unwrap_or("").to_string();
            check_spans(&json, &text);
        }
        Err(error) => assert!(!error.message.is_empty(), "an error record says why"),
    }
});

fn check_spans(value: &Json, text: &str) {
    match value {
        Json::Object(map) => {
            if let (Some(raw), Some(span)) =
                (map.get("raw").and_then(Json::as_str), map.get("span"))
            {
                let start = span["start"].as_u64().unwrap_or(u64::MAX) as usize;
                let end = span["end"].as_u64().unwrap_or(0) as usize;
                assert_eq!(text.get(start..end), Some(raw), "span {start}..{end}");
            }
            for (key, child) in map {
                if key != "text" {
                    check_spans(child, text);
                }
            }
        }
        Json::Array(items) => items.iter().for_each(|child| check_spans(child, text)),
        _ => {}
    }
}

//! Helpers shared by the integration tests.

#![allow(dead_code)]

use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, when present (CI lays it there).
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir().then_some(p)
}

/// The golden documents, sorted.
pub fn fixture_docs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join("fixtures/docs"))
        .expect("fixtures/docs exists")
        .map(|e| e.expect("readable dir entry").path())
        .collect();
    v.sort();
    v
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the built `vanban` binary.
pub fn vanban(args: &[&str], stdin: Option<&str>, cwd: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(args)
        .current_dir(cwd)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("vanban starts");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin piped")
            .write_all(input.as_bytes())
            .expect("stdin written");
    }
    let out = child.wait_with_output().expect("vanban finishes");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Parses JSON Lines.
pub fn records(stdout: &str) -> Vec<Json> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

/// Looks up a dotted path; extracted values (objects with `value` and `span`) are
/// stepped through transparently; `#count` gives a list length.
pub fn lookup(record: &Json, path: &str) -> Option<Json> {
    let (path, count) = match path.strip_suffix("#count") {
        Some(p) => (p, true),
        None => (path, false),
    };
    let mut cur = record.clone();
    for key in path.split('.') {
        if cur.get("span").is_some() && cur.get("value").is_some() && cur.get(key).is_none() {
            cur = cur["value"].clone();
        }
        cur = match key.parse::<usize>() {
            Ok(i) => cur.get(i)?.clone(),
            Err(_) => cur.get(key)?.clone(),
        };
        if cur.is_null() {
            return Some(Json::Null);
        }
    }
    if cur.get("span").is_some() && cur.get("value").is_some() {
        cur = cur["value"].clone();
    }
    if count {
        return Some(Json::from(cur.as_array().map_or(0, |a| a.len())));
    }
    Some(cur)
}

/// Every `{raw, span}` object in a record must point at its raw text inside `text`.
pub fn check_spans(record: &Json) -> Vec<String> {
    let text = record["text"].as_str().unwrap_or("");
    let mut errors = Vec::new();
    walk(record, text, "", &mut errors);
    errors
}

fn walk(v: &Json, text: &str, path: &str, errors: &mut Vec<String>) {
    match v {
        Json::Object(map) => {
            if let (Some(raw), Some(span)) =
                (map.get("raw").and_then(|r| r.as_str()), map.get("span"))
            {
                let s = span["start"].as_u64().unwrap_or(u64::MAX) as usize;
                let e = span["end"].as_u64().unwrap_or(0) as usize;
                match text.get(s..e) {
                    Some(found) if found == raw => {}
                    Some(found) => errors.push(format!(
                        "{path}: span {s}..{e} is {found:?}, raw is {raw:?}"
                    )),
                    None => errors.push(format!(
                        "{path}: span {s}..{e} outside text or not on a char boundary"
                    )),
                }
            }
            for (k, child) in map {
                if k != "text" {
                    walk(child, text, &format!("{path}.{k}"), errors);
                }
            }
        }
        Json::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, text, &format!("{path}.{i}"), errors);
            }
        }
        _ => {}
    }
}

/// The record of a small made-up text, read with the built-in rules.
pub fn record_of_text(text: &str) -> Json {
    let ctx = vanban::Context::builtin().expect("rules load");
    let rec = vanban::process_bytes("t.txt", text.as_bytes(), &ctx).expect("processed");
    serde_json::to_value(rec).expect("serializes")
}

/// A record's value at `path` (see [`lookup`]), null where it has none.
pub fn field(record: &Json, path: &str) -> Json {
    lookup(record, path).unwrap_or(Json::Null)
}

/// The record of a file read as `name` (its extension picks the reader).
pub fn record_of_bytes(name: &str, bytes: &[u8]) -> Json {
    let ctx = vanban::Context::builtin().expect("rules load");
    let rec = vanban::process_bytes(name, bytes, &ctx).expect("processed");
    serde_json::to_value(rec).expect("serializes")
}

/// The record of the file of `fixtures/<dir>/` whose name starts with `prefix` and ends
/// with `extension`.
pub fn fixture_record(dir: &str, prefix: &str, extension: &str) -> Json {
    let folder = repo().join("fixtures").join(dir);
    let path = std::fs::read_dir(&folder)
        .unwrap_or_else(|_| panic!("fixtures/{dir} exists"))
        .map(|e| e.expect("readable entry").path())
        .find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(prefix) && name.ends_with(extension)
        })
        .expect("the fixture exists");
    let bytes = std::fs::read(&path).expect("readable");
    let name = path.file_name().and_then(|n| n.to_str()).expect("named");
    record_of_bytes(name, &bytes)
}

/// A record's header as (type, number, date, issuer's agency id, signer's name, signer's
/// authority), for comparing with what a fixture's author wrote; an empty authority is none.
pub fn header_of(record: &Json) -> [Json; 6] {
    [
        "document.type.id",
        "document.number.normalized",
        "document.date.iso",
        "document.issuer.agency.id",
        "document.signer.name",
        "document.signer.authority",
    ]
    .map(|path| field(record, path))
}

/// The header a fixture's author wrote, in the shape of [`header_of`].
pub fn header_written(fields: (&str, &str, &str, &str, &str, &str)) -> [Json; 6] {
    let (kind, number, date, agency, signer, authority) = fields;
    let authority = if authority.is_empty() {
        Json::Null
    } else {
        authority.into()
    };
    [
        kind.into(),
        number.into(),
        date.into(),
        agency.into(),
        signer.into(),
        authority,
    ]
}

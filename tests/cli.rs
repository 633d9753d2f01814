//! The built binary on batches: order, error records, exit codes, atomic output, inputs.

use crate::common::*;
use std::path::Path;

fn doc_args(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = vec!["extract".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push("fixtures/docs".into());
    args
}

fn run(args: &[String], cwd: &Path) -> Output {
    let argv: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    vanban(&argv, None, cwd)
}

#[test]
fn folder_batch_gives_one_record_per_file_in_path_order() {
    let out = run(&doc_args(&["--no-text"]), &repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let recs = records(&out.stdout);
    let docs = fixture_docs();
    assert_eq!(recs.len(), docs.len());
    for (r, d) in recs.iter().zip(&docs) {
        assert_eq!(r["status"], "ok");
        assert!(r["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with(d.file_name().unwrap().to_str().unwrap()));
        assert!(r.get("text").is_none(), "--no-text leaves the text out");
    }
    assert!(
        out.stderr.contains("5 documents, 0 errors"),
        "summary line: {}",
        out.stderr
    );
}

#[test]
fn output_is_identical_across_thread_counts() {
    let one = run(&doc_args(&["--jobs", "1"]), &repo());
    let eight = run(&doc_args(&["--jobs", "8"]), &repo());
    assert_eq!(one.code, 0);
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == eight.stdout, "--jobs 1 and --jobs 8 differ");
}

/// The fixtures run with `flag` on one thread and on two: it succeeds, and the records
/// are the same bytes; the one-thread run.
fn same_on_one_and_two_threads(flag: &str) -> Output {
    let one = run(&doc_args(&[flag, "--jobs", "1"]), &repo());
    let two = run(&doc_args(&[flag, "--jobs", "2"]), &repo());
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(
        one.stdout == two.stdout,
        "{flag}: --jobs 1 and --jobs 2 differ"
    );
    one
}

#[test]
fn a_learnt_batch_restores_with_its_clean_documents_whatever_the_thread_count() {
    let one = same_on_one_and_two_threads("--learn-batch");
    assert!(
        one.stderr.contains("learnt the batch's vocabulary"),
        "{}",
        one.stderr
    );
    // The damaged seed is restored with the clean seeds' counts mixed in, and says so.
    let recs = records(&one.stdout);
    let notes = |r: &serde_json::Value| r["repair"].to_string();
    assert!(
        recs.iter()
            .any(|r| notes(r).contains("batch's clean documents")),
        "no record was restored with the batch's counts"
    );
    let plain = records(&run(&doc_args(&[]), &repo()).stdout);
    assert!(plain
        .iter()
        .all(|r| !notes(r).contains("batch's clean documents")));
}

#[test]
fn a_second_reading_is_asked_for_and_does_not_depend_on_the_thread_count() {
    let one = same_on_one_and_two_threads("--second-reading");
    let notes = |r: &serde_json::Value| r["repair"].to_string();
    assert!(records(&one.stdout)
        .iter()
        .any(|r| notes(r).contains("lost glyphs read twice")));
    let plain = records(&run(&doc_args(&[]), &repo()).stdout);
    assert!(plain
        .iter()
        .all(|r| !notes(r).contains("lost glyphs read twice")));
    let both = run(&doc_args(&["--second-reading", "--no-restore"]), &repo());
    assert_eq!(both.code, 2, "the flags conflict");
}

#[test]
fn bad_files_become_error_records_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("fixtures/inputs/source-header.txt"),
        dir.path().join("a-good.txt"),
    )
    .unwrap();
    // Binary junk: an ELF-like header with NUL bytes.
    std::fs::write(
        dir.path().join("b-junk.bin"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\xff\xfe\x00",
    )
    .unwrap();
    // A PDF that is not one.
    std::fs::write(
        dir.path().join("c-broken.pdf"),
        b"%PDF-1.4\n garbage without objects",
    )
    .unwrap();
    // A link to nothing: cannot be read.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("missing"),
        dir.path().join("d-dangling.txt"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("e-good.md"),
        "# KẾ HOẠCH\n\nSố: 12/KH-UBND\n",
    )
    .unwrap();

    let d = dir.path().display().to_string();
    let out = vanban(&["extract", &d, "missing-file.txt"], None, &repo());
    assert_eq!(
        out.code, 1,
        "some documents failed → exit 1; stderr: {}",
        out.stderr
    );
    let recs = records(&out.stdout);
    let statuses: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| {
            let path = r["source"]["path"].as_str().or(r["path"].as_str()).unwrap();
            (
                path.rsplit('/').next().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    let mut expected = vec![
        ("a-good.txt", "ok"),
        ("b-junk.bin", "error"),
        ("c-broken.pdf", "error"),
    ];
    if cfg!(unix) {
        expected.push(("d-dangling.txt", "error"));
    }
    expected.push(("e-good.md", "ok"));
    expected.push(("missing-file.txt", "error"));
    assert_eq!(statuses, expected);
    for r in recs.iter().filter(|r| r["status"] == "error") {
        assert_eq!(r["stage"], "ingest");
        assert!(!r["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn output_file_is_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    std::fs::write(&target, "old content\n").unwrap();
    let t = target.display().to_string();
    let out = vanban(&["extract", "fixtures/docs", "-o", &t], None, &repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "-o writes nothing to stdout");
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(records(&written).len(), 5);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "out.jsonl")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn failed_run_leaves_the_old_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.jsonl");
    std::fs::write(&target, "old content\n").unwrap();
    let t = target.display().to_string();
    // A broken rules folder stops the run before anything is written.
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("bad.toml"), "[[rule]]\nid = \"x\"\n").unwrap();
    let r = rules.display().to_string();
    let out = vanban(
        &["extract", "fixtures/docs", "-o", &t, "--rules", &r],
        None,
        &repo(),
    );
    assert_eq!(out.code, 2);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old content\n");
}

#[test]
fn paths_from_stdin_and_from_a_list_file() {
    let list = "fixtures/docs/000_2ea9eab734f3842e.txt\nfixtures/docs/002_37cc5d8507f63fd2.txt\n";
    let out = vanban(&["extract", "-", "--no-text"], Some(list), &repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2);
    assert_eq!(lookup(&recs[1], "document.type.id").unwrap(), "ke_hoach");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.txt");
    std::fs::write(&file, list).unwrap();
    let f = file.display().to_string();
    let out2 = vanban(&["extract", "--files-from", &f, "--no-text"], None, &repo());
    assert_eq!(out2.stdout, out.stdout);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vanban(&["extract"], None, &repo()).code, 2);
    assert_eq!(vanban(&["no-such-command"], None, &repo()).code, 2);
    assert_eq!(
        vanban(&["extract", "--jobs", "many", "x"], None, &repo()).code,
        2
    );
}

#[test]
fn text_encodings_of_the_same_header_give_the_same_fields() {
    let mut seen = Vec::new();
    for f in [
        "source-header.txt",
        "header-utf16.txt",
        "header-utf8bom.md",
        "header-cp1258.txt",
    ] {
        let p = format!("fixtures/inputs/{f}");
        let out = vanban(&["extract", &p], None, &repo());
        assert_eq!(out.code, 0, "{f}: {}", out.stderr);
        let r = &records(&out.stdout)[0];
        let fields: Vec<String> = [
            "document.number.normalized",
            "document.date.iso",
            "document.place",
            "document.subject",
            "document.signer.name",
            "document.signer.authority",
            "document.issuer.name",
        ]
        .iter()
        .map(|k| format!("{k}={}", lookup(r, k).unwrap_or_default()))
        .collect();
        assert!(check_spans(r).is_empty(), "{f}: {:?}", check_spans(r));
        seen.push((f, fields));
    }
    let (_, first) = &seen[0];
    assert!(first[0].contains("127/UBND-KGVX"), "{first:?}");
    assert!(first[1].contains("2019-04-03"), "{first:?}");
    assert!(first[4].contains("Trần Văn Minh"), "{first:?}");
    for (f, fields) in &seen[1..] {
        assert_eq!(fields, first, "{f} differs from the UTF-8 original");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["extract", "fixtures/docs", "fixtures/docs", "fixtures/docs"])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vanban");
    let mut first = [0u8; 16];
    let mut stdout = child.stdout.take().expect("piped stdout");
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout); // like `vanban … | head -c 16`
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn one_restorer_is_measured_alone_for_one_pass() {
    let argv = [
        "bench",
        "--restorer",
        "lost-glyphs",
        "--seconds",
        "0",
        "--shared",
        "../shared",
    ];
    let out = vanban(&argv, None, &repo());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "the restorer's line alone: {}", out.stdout);
    assert!(
        lines[0].starts_with("restore bench (lost glyphs): "),
        "{}",
        lines[0]
    );
    // One pass over the held-out text, whatever its size: some bytes, measured once.
    let bytes: u64 = lines[0]
        .split(": ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a byte count");
    assert!(bytes > 0, "{}", lines[0]);
    let again = vanban(&argv, None, &repo());
    assert!(
        again
            .stdout
            .contains(&format!(": {bytes} bytes of damaged text")),
        "one pass again, not as many as fit in a time: {}",
        again.stdout
    );
    let bad = vanban(
        &["bench", "--restorer", "lost-glyphs", "--seconds", "inf"],
        None,
        &repo(),
    );
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

//! Rule files: the shipped rules pass their own examples; broken rules are reported
//! with file, rule id and the problem.

use crate::common::*;

#[test]
fn shipped_rules_pass_their_examples() {
    let out = vanban(&["rules", "check", "rules"], None, &repo());
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains(" 0 failures"), "{}", out.stdout);
    let builtin = vanban(&["rules", "check"], None, &repo());
    assert_eq!(builtin.stdout, out.stdout, "built-in rules equal rules/");
}

fn check_dir(content: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.toml"), content).unwrap();
    let d = dir.path().display().to_string();
    vanban(&["rules", "check", &d], None, &repo())
}

#[test]
fn a_bad_regex_names_file_rule_and_error() {
    let out = check_dir(
        r#"[[rule]]
id = "broken.one"
field = "document.number"
description = "unbalanced group"
pattern = '(Số'
examples.match = ["Số"]
examples.no_match = ["x"]
"#,
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("r.toml") && out.stderr.contains("broken.one"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("pattern"), "{}", out.stderr);
}

#[test]
fn failing_examples_and_unknown_keys_are_reported() {
    let out = check_dir(
        r#"[[rule]]
id = "wrong.example"
field = "document.number"
description = "example that does not match"
pattern = 'Số'
examples.match = ["Ngày"]
examples.no_match = ["Số"]
"#,
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("wrong.example") && out.stderr.contains("should match"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("should not match"), "{}", out.stderr);

    let typo = check_dir("[[rule]]\nid = \"t\"\nfeild = \"x\"\n");
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("feild") || typo.stderr.contains("unknown field"),
        "{}",
        typo.stderr
    );

    let no_neg = check_dir(
        "[[rule]]\nid = \"n\"\nfield = \"document.number\"\ndescription = \"d\"\npattern = 'a'\nexamples.match = [\"a\"]\n",
    );
    assert_eq!(no_neg.code, 2);
    assert!(no_neg.stderr.contains("no_match"), "{}", no_neg.stderr);
}

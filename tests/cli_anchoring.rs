//! Anchoring through the command line (issue 9 §7 and §8): orphans come back when their
//! text does, and a set checked against another document keeps its fingerprint.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

use std::fs;
use std::path::Path;

mod cli_support;
use cli_support::factmark;

const ARTICLE: &str = "Harbor Council Votes on Budget

The council approved a budget of $48 million on Tuesday, the largest in the city’s history.
“We have cut waste by a third,” said Mayor Ana Ruiz at the meeting.
According to the finance office, property taxes rose 4 percent last year.
Critics said the bridge repairs were delayed twice.
";

fn annotated(quotes: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("article.txt"), ARTICLE).expect("write doc");
    for quote in quotes {
        let args = [
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            quote,
        ];
        let run = factmark(&args, dir.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    dir
}

/// The `sha256: "…"` line of the set file.
fn fingerprint_line(dir: &Path) -> String {
    let text = fs::read_to_string(dir.join("article.txt.factmark.ron")).expect("set");
    text.lines()
        .find(|l| l.trim_start().starts_with("sha256:"))
        .expect("a sha256 line")
        .to_owned()
}

#[test]
fn orphans_of_a_truncated_document_come_back_when_it_is_restored() {
    let dir = annotated(&["$48 million", "cut waste by a third", "delayed twice"]);
    let doc = dir.path().join("article.txt");
    let cut = ARTICLE.find("Critics").expect("in text");
    fs::write(&doc, &ARTICLE[..cut]).expect("truncate");
    let run = factmark(&["check", "article.txt", "--write"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("2 exact, 0 moved, 0 fuzzy, 1 orphaned"),
        "{}",
        run.stdout
    );
    fs::write(&doc, ARTICLE).expect("restore");
    let run = factmark(&["check", "article.txt"], dir.path());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("3 exact"), "{}", run.stdout);
}

#[test]
fn a_set_checked_against_another_document_warns_and_keeps_its_fingerprint() {
    let dir = annotated(&["$48 million", "cut waste by a third", "delayed twice"]);
    let before = fingerprint_line(dir.path());
    fs::write(
        dir.path().join("other.txt"),
        "Minutes of the garden club: tomatoes, beans and a dispute about hedges.\n",
    )
    .expect("write other");
    let set = "article.txt.factmark.ron";
    let run = factmark(&["check", "other.txt", "--set", set, "--write"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("3 of 3 annotations could not be found")
            && run.stderr.contains("may belong to another document")
            && run.stderr.contains("--accept-document"),
        "{}",
        run.stderr
    );
    assert_eq!(fingerprint_line(dir.path()), before, "fingerprint kept");
    // Against its own document nothing is lost: all exact, no warning.
    let run = factmark(&["check", "article.txt"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("3 exact"), "{}", run.stdout);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // A person accepts the other document.
    let run = factmark(
        &["check", "other.txt", "--set", set, "--accept-document"],
        dir.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_ne!(fingerprint_line(dir.path()), before, "fingerprint accepted");
}

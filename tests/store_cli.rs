//! The store's promises seen from the command line (issue 9): writes that change nothing
//! write nothing, only regular files are read, read-only sets are not replaced, imports and
//! exports say what they could not place.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests: a panic is a failure report

mod cli_support;

use cli_support::{ARTICLE, annotate, factmark, ok, set_path, setup, snapshot};
use factmark::store::backup_path;

/// `review` with no flags, an empty import and `check --write` with nothing moved leave
/// the set and its `.bak` as they were, and `check --write` says nothing was written.
#[test]
fn commands_that_change_nothing_write_nothing() {
    let (dir, _doc) = setup(ARTICLE);
    annotate(dir.path(), "claim", "$48 million");
    annotate(dir.path(), "quote", "We have cut waste by a third");
    let before = snapshot(dir.path());
    assert!(backup_path(&set_path(dir.path())).exists());
    ok(&["review", "article.txt"], dir.path());
    std::fs::write(
        dir.path().join("empty.json"),
        r#"{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","items":[]}"#,
    )
    .unwrap();
    ok(&["import", "article.txt", "empty.json"], dir.path());
    let out = ok(&["check", "article.txt", "--write"], dir.path());
    assert!(out.contains("nothing written"), "{out}");
    let mut after = snapshot(dir.path());
    after.retain(|(name, _)| name != "empty.json");
    assert_eq!(before, after);
}

/// A FIFO as the document, the set or the import file, and `--set /dev/zero`, are refused
/// at once (the helper kills a run that hangs) with a message naming what the path is.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_hanging() {
    let (dir, _doc) = setup(ARTICLE);
    annotate(dir.path(), "claim", "$48 million");
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let before = snapshot(dir.path());
    for args in [
        vec!["list", "pipe"],
        vec!["list", "article.txt", "--set", "pipe"],
        vec![
            "annotate",
            "article.txt",
            "--set",
            "pipe",
            "--tag",
            "claim",
            "--quote",
            "Tuesday",
        ],
        vec!["import", "article.txt", "pipe"],
        vec!["list", "article.txt", "--set", "/dev/zero"],
        vec!["check", "/dev/zero"],
    ] {
        let run = factmark(&args, dir.path());
        run.refused_with("not a regular file");
        assert!(
            run.stderr.contains("named pipe") || run.stderr.contains("a device"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(snapshot(dir.path()), before);
}

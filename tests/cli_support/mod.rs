//! The real `factmark` binary run in a temp folder, for the store and bad-input tests.
#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A short document of our own writing.
pub const ARTICLE: &str = "Harbor Council Votes on Budget

The council approved a budget of $48 million on Tuesday, the largest in the city's history.
\"We have cut waste by a third,\" said Mayor Ana Ruiz at the meeting.
According to the finance office, property taxes rose 4 percent last year.
Critics said the bridge repairs were delayed twice.
";

/// What a run gave.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// The run failed with one error line on stderr (exit 2) containing `want`.
    #[track_caller]
    pub fn refused_with(&self, want: &str) {
        assert_eq!(self.code, 2, "expected a refusal, got {self:?}");
        assert_eq!(self.stderr.trim_end().lines().count(), 1, "{self:?}");
        assert!(
            self.stderr.contains(want),
            "expected {want:?} in {:?}",
            self.stderr
        );
    }
}

/// Run `factmark ARGS` in `dir` (author "tester"), killing it after 20 s so a hang fails
/// the test instead of stalling it.
pub fn factmark(args: &[&str], dir: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(dir)
        .env("FACTMARK_AUTHOR", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("factmark {args:?} hung (killed after 20 s)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "factmark panicked: {run:?}"
    );
    run
}

/// Run and expect exit 0; its stdout.
#[track_caller]
pub fn ok(args: &[&str], dir: &Path) -> String {
    let run = factmark(args, dir);
    assert_eq!(run.code, 0, "{args:?} failed: {run:?}");
    run.stdout
}

/// A temp folder holding `article.txt` with `text`.
pub fn setup(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("article.txt");
    std::fs::write(&doc, text).expect("write doc");
    (dir, doc)
}

/// Annotate the only occurrence of `quote` in `article.txt`; the new id.
pub fn annotate(dir: &Path, tag: &str, quote: &str) -> String {
    ok(
        &["annotate", "article.txt", "--tag", tag, "--quote", quote],
        dir,
    )
    .trim()
    .to_owned()
}

/// The default set of `article.txt`.
pub fn set_path(dir: &Path) -> PathBuf {
    dir.join("article.txt.factmark.ron")
}

/// Every file in `dir` with its bytes (sorted by name), but lock files: to check that a
/// refused command wrote nothing.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let is_file = e.file_type().unwrap().is_file();
            (is_file && !name.ends_with(".lock")).then(|| (name, std::fs::read(e.path()).unwrap()))
        })
        .collect();
    files.sort();
    files
}

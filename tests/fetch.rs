//! Fetching web pages from a local server on 127.0.0.1 started inside the test:
//! `factmark fetch` saves the page, its text and a set with the address and retrieval
//! time; redirects, size, time and pages without an article are limited and refused with
//! one line, exit 2, nothing written.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a failing step fails the test"
)]

mod http_support;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use factmark::store::fetch::{FetchError, FetchLimits, fetch};
use http_support::serve;

fn factmark(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(dir)
        .env("FACTMARK_AUTHOR", "tester")
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

#[test]
fn fetch_saves_the_page_its_text_and_a_set_with_address_and_time() {
    let base = serve();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("{base}/short");
    let (code, stdout, stderr) = factmark(&["fetch", &url, "-o", "pages"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let page = dir.path().join("pages/bridge.html");
    assert_eq!(Path::new(stdout.trim()), Path::new("pages/bridge.html"));
    assert!(page.is_file());
    let set = fs::read_to_string(dir.path().join("pages/bridge.html.factmark.ron")).expect("set");
    assert!(
        set.contains(&format!("document_url: \"{base}/2026/bridge\"")),
        "{set}"
    );
    assert!(
        set.contains(&format!("fetched_from: Some(\"{url}\")")),
        "{set}"
    );
    assert!(set.contains("retrieved: Some(\""), "{set}");
    assert!(set.contains("html-readability"), "{set}");
    let text = fs::read_to_string(dir.path().join("pages/bridge.html.factmark.txt")).expect("text");
    assert!(text.contains("cut average commute times in half"), "{text}");
    // It annotates like any document; a second fetch does not overwrite the first.
    let (code, _, stderr) = factmark(
        &[
            "annotate",
            "pages/bridge.html",
            "--tag",
            "claim",
            "--quote",
            "cut average commute times in half",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    // Where and when it was fetched is said by `review` and the reports.
    let (code, review, stderr) = factmark(&["review", "pages/bridge.html"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        review.contains(&format!("fetched from: {url}\n")),
        "{review}"
    );
    assert!(
        review.contains("text extracted by: html-readability"),
        "{review}"
    );
    assert!(review.contains("retrieved: 20"), "{review}");
    let (code, report, stderr) = factmark(
        &["export", "pages/bridge.html", "--format", "md"],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(report.contains(", retrieved 20"), "{report}");
    let (code, stdout, _) = factmark(&["fetch", &url, "-o", "pages"], dir.path());
    assert_eq!(code, 0);
    assert_eq!(Path::new(stdout.trim()), Path::new("pages/bridge-2.html"));
}

#[test]
fn fetch_refuses_with_one_line_and_writes_nothing() {
    let base = serve();
    let dir = tempfile::tempdir().expect("temp dir");
    for (route, says) in [
        ("/loop", "redirected more than 5 times"),
        ("/nav", "no article"),
        ("/huge", "larger than"),
        ("/missing", "HTTP 404"),
    ] {
        let url = format!("{base}{route}");
        let (code, _, stderr) = factmark(&["fetch", &url, "-o", "out"], dir.path());
        assert_eq!(code, 2, "{route}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{route}: {stderr}");
        assert!(
            !dir.path().join("out").exists(),
            "nothing written for {route}"
        );
    }
    let (code, _, stderr) = factmark(&["fetch", "file:///etc/hostname"], dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("not an http or https address"), "{stderr}");
}

#[test]
fn a_slow_server_times_out() {
    let base = serve();
    let limits = FetchLimits {
        timeout: Duration::from_millis(700),
        ..FetchLimits::default()
    };
    let started = std::time::Instant::now();
    let err = fetch(&format!("{base}/slow"), limits).expect_err("times out");
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

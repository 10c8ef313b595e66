//! The HTML report in a real browser: injected markup in the document text, notes, titles
//! and URLs must stay text. Needs Chromium; without it this test FAILS (CI installs it with
//! `apt-get install -y chromium`).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use export_fixture::{aid, eid, now, span};
use factmark::export::{ExportContext, Format, export};
use factmark::model::{Annotation, AnnotationSet, Document, Evidence, EvidenceKind, Link, Stance};

const SCRIPT: &str = "<script>document.title='PWNED'</script>";
const IMG: &str = "<img src=x onerror=\"document.title='PWNED'\">";

/// The browser: `$CHROMIUM` if set (a name or a full path), else the usual names.
fn chromium() -> String {
    let from_env = std::env::var("CHROMIUM").ok().filter(|v| !v.is_empty());
    for name in
        from_env
            .iter()
            .map(String::as_str)
            .chain(["chromium", "chromium-browser", "google-chrome"])
    {
        if Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
        {
            return name.to_owned();
        }
    }
    panic!(
        "chromium is not installed: run `apt-get install -y chromium`, or set CHROMIUM to a Chrome/Chromium binary (scripts/test.sh installs it as root)"
    );
}

/// Run headless Chromium on `path` and return the DOM it dumps, killing it after 90 s.
fn dump_dom(browser: &str, path: &std::path::Path, profile: &std::path::Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("output");
    String::from_utf8(output.stdout).expect("utf-8 DOM")
}

#[test]
fn injected_markup_stays_text_in_chromium() {
    let browser = chromium();
    let text = format!("Before {SCRIPT} middle {IMG} after.\nSecond line.\n");
    let doc = Document::new(&text);
    let mut set = AnnotationSet::new(&doc, "evil.txt", &format!("Title {SCRIPT}"), now());
    set.review.organization = IMG.into();
    set.review.organization_url = format!("https://org.example/\">{SCRIPT}");
    let mut claim = Annotation::new(&doc, span(&doc, SCRIPT), "claim", IMG, now());
    claim.id = aid(1);
    claim.note = format!("note {SCRIPT} {IMG}");
    let mut quote = Annotation::new(
        &doc,
        span(&doc, &format!("middle {IMG}")),
        "quote",
        "x",
        now(),
    );
    quote.id = aid(2);
    quote.note = IMG.into();
    set.annotations = vec![claim, quote];
    set.evidence.push(Evidence {
        id: eid(1),
        kind: EvidenceKind::Url {
            url: "javascript:document.title='PWNED'".into(),
            archived_url: None,
        },
        title: IMG.into(),
        accessed: None,
        note: SCRIPT.into(),
        created: now(),
        author: String::new(),
        snapshot: None,
    });
    set.links.push(Link::Evidence {
        annotation: aid(1),
        evidence: eid(1),
        stance: Stance::Refutes,
    });
    let ctx = ExportContext::new(&set, &doc, "evil.txt", now());
    let html = export(&ctx, Format::Html).expect("export").remove(0).bytes;

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.html");
    std::fs::write(&path, &html).expect("write report");
    let profile = tempfile::tempdir().expect("profile dir");
    let dom = dump_dom(&browser, &path, profile.path());

    assert!(dom.contains("<title>"), "chromium produced no DOM: {dom:?}");
    let title = dom
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or_default();
    // A script that ran would have set the title to exactly "PWNED".
    assert_eq!(
        title,
        "Title &lt;script&gt;document.title='PWNED'&lt;/script&gt;"
    );
    assert!(!dom.contains("<script"), "a script element survived");
    assert!(!dom.contains("<img"), "an img element survived");
    assert!(
        !dom.contains("href=\"javascript"),
        "a javascript: link survived"
    );
    // The payloads are shown as text.
    assert!(dom.contains("&lt;script&gt;document.title='PWNED'&lt;/script&gt;"));
    assert!(dom.contains("&lt;img src=x onerror=\"document.title='PWNED'\"&gt;"));
    // The document is rendered (the highlight exists).
    assert!(dom.contains("<mark"), "no highlights in the DOM");
}

//! Evidence that outlives link rot: `factmark evidence add DOC --url URL --snapshot` keeps a
//! copy of the page (fetched from a local server started inside the test) beside the
//! document with its SHA-256 and retrieval time; `evidence list` and `check` notice a
//! missing or changed copy; reports link it; a failed fetch writes nothing; a hostile
//! snapshot path in a teammate's file is flagged and never linked.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a failing step fails the test"
)]

mod cli_support;
mod http_support;

use std::fs;
use std::path::Path;

use cli_support::{ARTICLE, factmark, ok};
use http_support::{NOTES, article, serve};
use serde_json::Value;
use sha2::{Digest as _, Sha256};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A folder with `article.txt`; its path.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("article.txt"), ARTICLE).expect("write");
    dir
}

fn listed(dir: &Path) -> Vec<Value> {
    let text = ok(&["evidence", "list", "article.txt", "--json"], dir);
    serde_json::from_str::<Value>(&text)
        .expect("json")
        .as_array()
        .expect("array")
        .clone()
}

#[test]
fn a_snapshot_keeps_the_page_with_its_hash_and_retrieval_time() {
    let base = serve();
    let dir = folder();
    let d = dir.path();
    let before = chrono::Utc::now() - chrono::Duration::seconds(2);
    let url = format!("{base}/short");
    let id = ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            &url,
            "--snapshot",
        ],
        d,
    );
    let id = id.trim();
    let relative = format!("article.txt.factmark.evidence/{id}.html");
    let kept = fs::read(d.join(&relative)).expect("snapshot written");
    assert_eq!(kept, article(), "the copy is the page as served");

    let set = fs::read_to_string(d.join("article.txt.factmark.ron")).expect("set");
    assert!(set.contains(&format!("path: \"{relative}\"")), "{set}");
    assert!(
        set.contains(&format!("sha256: \"{}\"", sha256_hex(&kept))),
        "{set}"
    );
    assert!(
        set.contains(&format!("final_url: \"{base}/2026/bridge\"")),
        "{set}"
    );
    // The evidence keeps the address the reviewer gave; the snapshot where it led.
    assert!(set.contains(&format!("url: \"{url}\"")), "{set}");

    let list = listed(d);
    assert_eq!(list.len(), 1);
    let snapshot = &list[0]["snapshot"];
    assert_eq!(snapshot["path"], relative.as_str());
    assert_eq!(snapshot["state"], "kept");
    assert_eq!(snapshot["content_type"], "text/html; charset=utf-8");
    let retrieved: chrono::DateTime<chrono::Utc> = snapshot["retrieved"]
        .as_str()
        .expect("time")
        .parse()
        .expect("RFC 3339");
    assert!(
        retrieved >= before && retrieved <= chrono::Utc::now(),
        "{retrieved}"
    );
    let lines = ok(&["evidence", "list", "article.txt"], d);
    assert!(lines.contains(&format!("snapshot {relative}")), "{lines}");
    assert!(lines.contains("kept"), "{lines}");

    // The snapshot folder is not a document on the desk.
    let desk: Value = serde_json::from_str(&ok(&["desk", ".", "--json"], d)).expect("json");
    let docs: Vec<&str> = desk["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|doc| doc["path"].as_str().expect("path"))
        .collect();
    assert_eq!(docs, ["article.txt"]);

    // check says nothing while the copy is intact, warns (exit unchanged) when it is not.
    let run = factmark(&["check", "article.txt"], d);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stderr.contains("snapshot"), "{run:?}");
    fs::write(d.join(&relative), "edited afterwards").expect("write");
    let run = factmark(&["check", "article.txt"], d);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("has changed since it was retrieved"),
        "{run:?}"
    );
    assert_eq!(listed(d)[0]["snapshot"]["state"], "changed");
    fs::remove_file(d.join(&relative)).expect("remove");
    let run = factmark(&["check", "article.txt"], d);
    assert!(
        run.stderr
            .contains(&format!("snapshot {relative} is missing")),
        "{run:?}"
    );
    assert_eq!(listed(d)[0]["snapshot"]["state"], "missing");
}

#[test]
fn the_copy_is_named_by_its_content_type() {
    let base = serve();
    let dir = folder();
    let d = dir.path();
    let id = ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            &format!("{base}/notes.txt"),
            "--snapshot",
        ],
        d,
    );
    let kept =
        fs::read_to_string(d.join(format!("article.txt.factmark.evidence/{}.txt", id.trim())))
            .expect("snapshot");
    assert_eq!(kept, NOTES);
}

#[test]
fn evidence_without_a_snapshot_is_written_as_before() {
    let dir = folder();
    let d = dir.path();
    ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            "https://records.example/budget",
        ],
        d,
    );
    let set = fs::read_to_string(d.join("article.txt.factmark.ron")).expect("set");
    assert!(!set.contains("snapshot"), "{set}");
    assert!(!d.join("article.txt.factmark.evidence").exists());
    assert_eq!(listed(d)[0]["snapshot"], Value::Null);
    // --snapshot needs a web address.
    let run = factmark(
        &[
            "evidence",
            "add",
            "article.txt",
            "--citation",
            "A book",
            "--snapshot",
        ],
        d,
    );
    run.refused_with("give the page with --url");
    assert_eq!(
        fs::read_to_string(d.join("article.txt.factmark.ron")).expect("set"),
        set
    );
}

#[test]
fn a_failed_fetch_adds_nothing_and_writes_nothing() {
    let base = serve();
    let dir = folder();
    let d = dir.path();
    ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--citation",
            "Harbor board minutes",
        ],
        d,
    );
    let set_before = fs::read(d.join("article.txt.factmark.ron")).expect("set");
    for (route, says) in [("/missing", "HTTP 404"), ("/huge", "larger than")] {
        let url = format!("{base}{route}");
        let run = factmark(
            &[
                "evidence",
                "add",
                "article.txt",
                "--url",
                &url,
                "--snapshot",
            ],
            d,
        );
        run.refused_with(says);
        assert!(run.stderr.contains(&url), "names the address: {run:?}");
        assert!(run.stderr.contains("no evidence was added"), "{run:?}");
        assert_eq!(
            fs::read(d.join("article.txt.factmark.ron")).expect("set"),
            set_before,
            "{route}: the set is unchanged"
        );
        assert!(
            !d.join("article.txt.factmark.evidence").exists(),
            "{route}: no snapshot folder"
        );
    }
}

#[test]
fn reports_link_the_snapshot_beside_the_live_page() {
    let base = serve();
    let dir = folder();
    let d = dir.path();
    let annotation = ok(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "the largest in the city's history",
        ],
        d,
    );
    let url = format!("{base}/2026/bridge");
    let id = ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            &url,
            "--snapshot",
            "--title",
            "City budget archive",
            "--link",
            annotation.trim(),
        ],
        d,
    );
    let relative = format!("article.txt.factmark.evidence/{}.html", id.trim());
    let markdown = ok(&["export", "article.txt", "--format", "md"], d);
    assert!(
        markdown.contains(&format!("[snapshot]({relative}) (retrieved ")),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!("[City budget archive]({url})")),
        "{markdown}"
    );
    let html = ok(&["export", "article.txt", "--format", "html"], d);
    assert!(html.contains(&format!("href=\"{relative}\"")), "{html}");
    assert!(html.contains("(retrieved "), "{html}");
    let w3c: Value =
        serde_json::from_str(&ok(&["export", "article.txt", "--format", "w3c"], d)).expect("json");
    let body = w3c["first"]["items"][0]["body"]
        .as_array()
        .expect("bodies")
        .iter()
        .find(|b| b["purpose"] == "linking")
        .expect("evidence body")
        .clone();
    assert_eq!(body["source"], url.as_str());
    assert_eq!(body["state"]["type"], "TimeState");
    assert_eq!(body["state"]["cached"], relative.as_str());

    // Imported into a copy of the document in the same folder, the evidence keeps its
    // snapshot record, and the copy is found intact.
    let original = listed(d);
    fs::write(
        d.join("ann.json"),
        ok(&["export", "article.txt", "--format", "w3c"], d),
    )
    .expect("write");
    fs::write(d.join("copy.txt"), ARTICLE).expect("write");
    ok(&["import", "copy.txt", "ann.json"], d);
    let text = ok(&["evidence", "list", "copy.txt", "--json"], d);
    let imported: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(imported[0]["snapshot"], original[0]["snapshot"], "{text}");
    assert_eq!(imported[0]["snapshot"]["state"], "kept", "{text}");

    // A snapshot path that leaves the folder is dropped, and said; the evidence stays.
    let hostile = fs::read_to_string(d.join("ann.json"))
        .expect("read")
        .replace(&format!("\"{relative}\""), "\"../outside.html\"");
    fs::write(d.join("hostile.json"), hostile).expect("write");
    fs::write(d.join("third.txt"), ARTICLE).expect("write");
    let said = ok(&["import", "third.txt", "hostile.json"], d);
    assert!(said.contains("dropped the snapshot of evidence"), "{said}");
    let text = ok(&["evidence", "list", "third.txt", "--json"], d);
    let third: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(third.as_array().map(Vec::len), Some(1), "{text}");
    assert!(third[0]["snapshot"].is_null(), "{text}");
}

#[test]
fn a_hostile_snapshot_path_is_flagged_and_never_linked() {
    let base = serve();
    let dir = folder();
    let d = dir.path();
    let annotation = ok(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "the largest in the city's history",
        ],
        d,
    );
    let id = ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            &format!("{base}/2026/bridge"),
            "--snapshot",
            "--link",
            annotation.trim(),
        ],
        d,
    );
    fs::write(d.join("secret.html"), "not evidence").expect("write");
    let set_path = d.join("article.txt.factmark.ron");
    let set = fs::read_to_string(&set_path).expect("set");
    let kept = format!("article.txt.factmark.evidence/{}.html", id.trim());
    for hostile in [
        "article.txt.factmark.evidence/../secret.html",
        "/etc/hostname",
        "secret.html",
    ] {
        fs::write(&set_path, set.replace(&kept, hostile)).expect("write");
        let run = factmark(&["evidence", "list", "article.txt", "--json"], d);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(run.stderr.contains("is unsafe"), "{hostile}: {run:?}");
        let list: Value = serde_json::from_str(&run.stdout).expect("json");
        assert_eq!(list[0]["snapshot"]["state"], "unsafe", "{hostile}");
        let html = ok(&["export", "article.txt", "--format", "html"], d);
        assert!(!html.contains("secret.html"), "{hostile}");
        assert!(!html.contains("/etc/hostname"), "{hostile}");
        let markdown = ok(&["export", "article.txt", "--format", "md"], d);
        assert!(!markdown.contains("[snapshot]"), "{hostile}");
        // check reports it once (on load), and reads nothing.
        let run = factmark(&["check", "article.txt"], d);
        assert_eq!(
            run.stderr.matches("snapshot").count(),
            1,
            "{hostile}: {run:?}"
        );
    }
}

/// Evidence added without a copy gets one later with `evidence snapshot`; a kept copy is
/// never replaced; a failed fetch or citation evidence changes nothing.
#[test]
fn evidence_already_in_the_set_gets_a_copy_later_and_keeps_it() {
    let base = serve();
    let dir = folder();
    let d = dir.path();
    let url = format!("{base}/short");
    let id = ok(&["evidence", "add", "article.txt", "--url", &url], d)
        .trim()
        .to_owned();
    let cite = ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--citation",
            "Board minutes",
        ],
        d,
    )
    .trim()
    .to_owned();
    let set_before = fs::read(d.join("article.txt.factmark.ron")).expect("set");
    factmark(&["evidence", "snapshot", "article.txt", &cite], d)
        .refused_with("only a web page can be kept");
    let missing = format!("{base}/missing");
    let gone = ok(&["evidence", "add", "article.txt", "--url", &missing], d)
        .trim()
        .to_owned();
    let set_with_gone = fs::read(d.join("article.txt.factmark.ron")).expect("set");
    assert_ne!(set_with_gone, set_before);
    let run = factmark(&["evidence", "snapshot", "article.txt", &gone], d);
    run.refused_with("HTTP 404");
    assert!(run.stderr.contains("the set is unchanged"), "{run:?}");
    assert_eq!(
        fs::read(d.join("article.txt.factmark.ron")).expect("set"),
        set_with_gone
    );

    let path = ok(&["evidence", "snapshot", "article.txt", &id[..8]], d);
    let path = path.trim();
    assert!(path.starts_with("article.txt.factmark.evidence/"), "{path}");
    let bytes = fs::read(d.join(path)).expect("copy");
    assert_eq!(bytes, article());
    let item = listed(d)
        .into_iter()
        .find(|e| e["id"] == id.as_str())
        .expect("listed");
    assert_eq!(item["snapshot"]["sha256"], sha256_hex(&bytes), "{item}");
    assert_eq!(item["snapshot"]["state"], "kept", "{item}");

    // Taking it again is refused, and the copy stays as it was.
    let set_after = fs::read(d.join("article.txt.factmark.ron")).expect("set");
    factmark(&["evidence", "snapshot", "article.txt", &id], d).refused_with("never replaced");
    assert_eq!(fs::read(d.join(path)).expect("copy"), bytes);
    assert_eq!(
        fs::read(d.join("article.txt.factmark.ron")).expect("set"),
        set_after
    );
}

/// A first copy that cannot be written (a full disk) leaves no temp file and no empty
/// snapshot folder behind.
#[test]
fn a_failed_first_copy_leaves_no_empty_folder() {
    use factmark::store::snapshot::take_snapshot;
    use factmark::store::{FaultyFs, WriteStep};
    let base = serve();
    let dir = folder();
    let d = dir.path();
    let fs = FaultyFs::new();
    fs.fail_next(WriteStep::WriteTemp, std::io::ErrorKind::StorageFull);
    let made = take_snapshot(
        &fs,
        &d.join("article.txt"),
        factmark::model::EvidenceId::random(),
        &format!("{base}/2026/bridge"),
        factmark::store::fetch::FetchLimits::default(),
        chrono::Utc::now(),
    );
    assert!(made.is_err());
    assert!(!d.join("article.txt.factmark.evidence").exists());
    let names: Vec<String> = fs::read_dir(d)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["article.txt".to_owned()]);
}

//! `factmark desk DIR [--json]` through the real binary: documents with their progress,
//! our own files skipped, and claims quoted in several documents grouped.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a failing step fails the test"
)]

use std::fs;
use std::path::Path;

use serde_json::Value;

mod cli_support;
use cli_support::{factmark, ok};

fn claim(dir: &Path, doc: &str, quote: &str, verdict: Option<&str>) -> String {
    let mut args = vec!["annotate", doc, "--tag", "claim", "--quote", quote];
    if let Some(v) = verdict {
        args.extend(["--verdict", v]);
    }
    ok(&args, dir).trim().to_owned()
}

#[test]
fn desk_json_lists_progress_and_repeated_claims() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::create_dir_all(d.join("week 1/evening")).expect("dirs");
    fs::write(
        d.join("week 1/interview.txt"),
        "The minister said: \u{201c}Ferry traffic rose by 40 percent in 2025.\u{201d}\nOther words.\n",
    )
    .expect("write");
    fs::write(
        d.join("week 1/evening/speech.md"),
        "# Speech\n\nFerry traffic rose by 40 percent during 2025 \u{2014} a record.\nTaxes fell.\n",
    )
    .expect("write");
    fs::write(d.join("notes.txt"), "Nothing annotated here.\n").expect("write");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/formats/harbour-report.pdf"),
        d.join("report.pdf"),
    )
    .expect("copy");
    let first = claim(
        d,
        "week 1/interview.txt",
        "Ferry traffic rose by 40 percent in 2025.",
        Some("false"),
    );
    let second = claim(
        d,
        "week 1/evening/speech.md",
        "Ferry traffic rose by 40 percent during 2025",
        None,
    );
    let third = claim(
        d,
        "report.pdf",
        "ferry traffic rose by 40 percent in 2025",
        None,
    );
    claim(d, "week 1/evening/speech.md", "Taxes fell.", Some("true"));
    ok(
        &[
            "annotate",
            "report.pdf",
            "--tag",
            "quote",
            "--quote",
            "no new berths",
        ],
        d,
    );
    // Our own files, backups and hidden folders are not documents.
    fs::create_dir_all(d.join("report.pdf.factmark.evidence")).expect("dir");
    fs::write(d.join("report.pdf.factmark.evidence/page.html"), "<p>x</p>").expect("write");
    fs::write(d.join("notes.txt.bak"), "old").expect("write");
    fs::create_dir_all(d.join(".git")).expect("dir");
    fs::write(d.join(".git/HEAD.txt"), "x").expect("write");
    // The interview changed: its claim is now fuzzy or orphaned.
    fs::write(
        d.join("week 1/interview.txt"),
        "The minister said something else entirely.\n",
    )
    .expect("write");

    let desk: Value = serde_json::from_str(&ok(&["desk", ".", "--json"], d)).expect("json");
    let docs = desk["documents"].as_array().expect("documents");
    let paths: Vec<&str> = docs
        .iter()
        .map(|doc| doc["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        paths,
        [
            "notes.txt",
            "report.pdf",
            "week 1/evening/speech.md",
            "week 1/interview.txt"
        ]
    );
    assert_eq!(docs[0]["annotations"], 0);
    assert_eq!(docs[0]["modified"], Value::Null);
    assert_eq!(docs[1]["annotations"], 2);
    assert_eq!(docs[1]["by_tag"]["claim"], 1);
    assert_eq!(docs[1]["by_tag"]["quote"], 1);
    assert_eq!(docs[1]["by_verdict"]["unreviewed"], 1);
    assert!(docs[1]["modified"].as_str().expect("time").ends_with('Z'));
    assert_eq!(docs[2]["by_verdict"]["true"], 1);
    assert_eq!(docs[2]["needs_review"], 0);
    assert_eq!(docs[3]["by_verdict"]["false"], 1);
    assert_eq!(docs[3]["needs_review"], 1);

    let repeated = desk["repeated"].as_array().expect("repeated");
    assert_eq!(repeated.len(), 1, "{repeated:?}");
    let mut ids: Vec<&str> = repeated[0]
        .as_array()
        .expect("group")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    ids.sort_unstable();
    let mut want = vec![first.as_str(), second.as_str(), third.as_str()];
    want.sort_unstable();
    assert_eq!(ids, want);
    let member = &repeated[0][0];
    assert!(member["path"].is_string() && member["quote"].is_string());

    let table = ok(&["desk", "."], d);
    assert!(table.contains("week 1/interview.txt"), "{table}");
    assert!(table.contains("repeated claim 1:"), "{table}");
}

#[test]
fn desk_of_a_file_or_missing_folder_is_one_line_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "text").expect("write");
    for target in ["a.txt", "missing"] {
        let run = factmark(&["desk", target], dir.path());
        let (code, stderr) = (run.code, run.stderr);
        assert_eq!(code, 2, "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains("not a folder"), "{stderr}");
    }
}

#[test]
fn documents_without_a_set_are_listed_without_being_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/formats/harbour-report.pdf"),
        d.join("report.pdf"),
    )
    .expect("copy");
    let json: Value = serde_json::from_str(&ok(&["desk", ".", "--json"], d)).expect("json");
    assert_eq!(json["documents"][0]["path"], "report.pdf");
    assert_eq!(json["documents"][0]["annotations"], 0);
    assert!(
        !d.join("report.pdf.factmark.txt").exists(),
        "listing a folder extracts nothing and writes nothing"
    );
}

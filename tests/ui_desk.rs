//! File → Open Folder… shows the desk: documents with their progress and the annotations
//! across them; a row opens its document at the annotation.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use std::path::Path;
use std::process::Command;

use egui_kittest::kittest::Queryable as _;
use ui_support::{Env, drop_path, menu, settle};

#[test]
fn open_folder_shows_the_desk_and_a_row_opens_the_document_at_its_annotation() {
    let env = Env::new();
    let docs = env.doc.parent().expect("docs folder").to_path_buf();
    let pdf = docs.join("harbour-report.pdf");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/formats/harbour-report.pdf"),
        &pdf,
    )
    .expect("copy");
    factmark(
        &docs,
        &[
            "annotate",
            "harbour-report.pdf",
            "--tag",
            "claim",
            "--quote",
            "ferry traffic rose by 40 percent",
        ],
    );
    let mut harness = env.harness();
    env.dialogs.push(&docs);
    menu(&mut harness, "File", "Open Folder…");
    settle(&mut harness);
    harness.run();
    assert!(
        harness.query_by_label("harbor-bridge.txt").is_some(),
        "text document listed"
    );
    harness
        .get_by_label("ferry traffic rose by 40 percent")
        .click();
    harness.run();
    settle(&mut harness);
    let session = harness.state().session().expect("document opened");
    assert_eq!(session.doc_path(), pdf.as_path());
    assert!(
        session.doc().text().contains("\u{c}"),
        "PDF text with its page breaks"
    );
}

/// Run `factmark ARGS` in `dir` as reviewer ana and fail the test if it fails.
fn factmark(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(dir)
        .env("FACTMARK_AUTHOR", "ana")
        .output()
        .expect("run factmark");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn copy_verdict_gives_the_repeated_claim_in_another_document_the_same_verdict() {
    let env = Env::new();
    let docs = env.doc.parent().expect("docs folder").to_path_buf();
    let claim = "the ferry carried two million passengers last year";
    std::fs::write(
        docs.join("monday.txt"),
        format!("Monday briefing.\nThe mayor said {claim}.\n"),
    )
    .expect("write");
    std::fs::write(
        docs.join("friday.txt"),
        format!("Friday column.\nAs the mayor keeps saying, {claim}.\n"),
    )
    .expect("write");
    factmark(
        &docs,
        &[
            "annotate",
            "monday.txt",
            "--tag",
            "claim",
            "--quote",
            claim,
            "--verdict",
            "false",
        ],
    );
    let friday_id = factmark(
        &docs,
        &["annotate", "friday.txt", "--tag", "claim", "--quote", claim],
    );
    let mut harness = env.harness();
    env.dialogs.push(&docs);
    menu(&mut harness, "File", "Open Folder…");
    settle(&mut harness);
    harness.run();
    let buttons = harness.query_all_by_label("Copy verdict").count();
    assert_eq!(
        buttons, 1,
        "only the claim with a verdict offers to copy it"
    );
    harness.get_by_label("Copy verdict").click();
    harness.run();
    settle(&mut harness);
    let listed = factmark(&docs, &["list", "friday.txt", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("json");
    let friday = listed
        .as_array()
        .and_then(|all| all.iter().find(|a| a["id"] == friday_id.trim()))
        .expect("friday's claim listed");
    assert_eq!(friday["verdict"], "false", "{friday}");
    // The desk was scanned again: nothing left to copy.
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.query_all_by_label("Copy verdict").count(), 0);
}

#[test]
fn dropping_a_pdf_docx_html_file_or_a_folder_opens_it() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/formats");
    for (name, words) in [
        ("harbour-report.pdf", "ferry traffic rose by 40 percent"),
        ("water-prices.docx", "household water bills will fall"),
        ("bridge-article.html", "cut average commute times in half"),
    ] {
        let env = Env::new();
        let docs = env.doc.parent().expect("docs folder").to_path_buf();
        let path = docs.join(name);
        std::fs::copy(samples.join(name), &path).expect("copy");
        let mut harness = env.harness();
        drop_path(&mut harness, &path);
        settle(&mut harness);
        let session = harness.state().session().expect("dropped document opened");
        assert_eq!(session.doc_path(), path.as_path(), "{name}");
        let text = session.doc().text();
        assert!(text.contains(words), "{name}: {text}");
        assert!(
            !text.contains("<p") && !text.contains("PK\u{3}"),
            "{name}: {text}"
        );
    }
    let env = Env::new();
    let docs = env.doc.parent().expect("docs folder").to_path_buf();
    let mut harness = env.harness();
    drop_path(&mut harness, &docs);
    settle(&mut harness);
    harness.run();
    assert!(
        harness.state().session().is_none(),
        "a folder opens no document"
    );
    assert!(
        harness.query_by_label("harbor-bridge.txt").is_some(),
        "the desk lists the folder's documents"
    );
}

#[test]
fn review_details_say_how_an_extracted_document_got_its_text() {
    let env = Env::new();
    let docs = env.doc.parent().expect("docs folder").to_path_buf();
    let page = docs.join("bridge-article.html");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/formats/bridge-article.html"),
        &page,
    )
    .expect("copy");
    factmark(
        &docs,
        &[
            "annotate",
            "bridge-article.html",
            "--tag",
            "claim",
            "--quote",
            "cut average commute times in half",
        ],
    );
    let mut harness = env.harness();
    drop_path(&mut harness, &page);
    settle(&mut harness);
    menu(&mut harness, "File", "Review Details…");
    harness.get_by_label_contains("Text extracted by html-readability");
    // The byline was prefilled as the document's author.
    assert_eq!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .review
            .document_author,
        "Dana Okafor"
    );
}

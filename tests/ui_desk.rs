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
use ui_support::{Env, menu, settle};

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
    let status = Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args([
            "annotate",
            "harbour-report.pdf",
            "--tag",
            "claim",
            "--quote",
            "ferry traffic rose by 40 percent",
        ])
        .current_dir(&docs)
        .env("FACTMARK_AUTHOR", "ana")
        .status()
        .expect("annotate");
    assert!(status.success());
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

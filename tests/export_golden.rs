//! Golden files: every format exported from the fixed fixture, compared byte-for-byte with
//! `tests/golden/*` (reviewed by hand). `UPDATE_GOLDEN=1 cargo test --test export_golden`
//! rewrites them; review the diff before committing.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use export_fixture::{assert_golden, context, fixture};
use factmark::export::{Format, export};

fn check(format: Format, stem: &str) {
    let (doc, set) = fixture();
    let files = export(&context(&doc, &set), format).expect("export succeeds");
    assert!(!files.is_empty());
    for file in files {
        assert_golden(&format!("{stem}.{}", file.extension), &file.bytes);
    }
}

#[test]
fn w3c_golden() {
    check(Format::W3c, "harbor");
}

#[test]
fn claimreview_golden() {
    check(Format::ClaimReview, "harbor");
}

#[test]
fn brat_golden() {
    check(Format::Brat, "harbor");
}

#[test]
fn csv_golden() {
    check(Format::Csv, "harbor");
}

#[test]
fn export_is_deterministic() {
    let (doc, set) = fixture();
    for format in Format::ALL {
        let first = export(&context(&doc, &set), format).expect("export");
        let second = export(&context(&doc, &set), format).expect("export");
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn html_golden() {
    check(Format::Html, "harbor");
}

#[test]
fn markdown_golden() {
    check(Format::Markdown, "harbor");
}

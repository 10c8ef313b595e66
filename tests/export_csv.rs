//! CSV export: RFC 4180 quoting survives a parse back, formula cells are guarded.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use export_fixture::{context, fixture, span};
use factmark::export::{Format, export};
use factmark::model::{Annotation, Document};

fn rows(doc: &Document, set: &factmark::model::AnnotationSet) -> Vec<Vec<String>> {
    let files = export(&context(doc, set), Format::Csv).expect("export");
    let bytes = &files[0].bytes;
    assert!(bytes.ends_with(b"\r\n"), "CRLF line ends");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn header_and_one_row_per_annotation() {
    let (doc, set) = fixture();
    let rows = rows(&doc, &set);
    assert_eq!(
        rows[0],
        [
            "id", "tag", "start", "end", "quote", "verdict", "status", "author", "note", "evidence"
        ]
    );
    assert_eq!(rows.len(), set.annotations.len() + 1);
    for row in &rows[1..] {
        assert_eq!(row.len(), 10);
        let a = set
            .annotations
            .iter()
            .find(|a| a.id.to_string() == row[0])
            .expect("known id");
        assert_eq!(row[2], a.position.char_start.to_string());
        assert_eq!(row[3], a.position.char_end.to_string());
        assert_eq!(row[5], a.verdict.name());
        assert_eq!(row[6], a.status.name());
    }
}

#[test]
fn commas_quotes_newlines_and_formulas() {
    let (doc, mut set) = fixture();
    let text_cases = [
        "a, b, c",
        "she said \"no\"",
        "line one\nline two\r\nthree",
        "=1+2",
        "+SUM(A1:A2)",
        "-2+3",
        "@cmd",
        "\tindented",
        "plain = fine",
    ];
    set.annotations.truncate(0);
    for (i, note) in text_cases.iter().enumerate() {
        let mut a = Annotation::new(
            &doc,
            span(&doc, "The mayor"),
            "claim",
            note,
            export_fixture::now(),
        );
        a.id = export_fixture::aid(100 + i as u128);
        a.note = (*note).to_owned();
        set.annotations.push(a);
    }
    let rows = rows(&doc, &set);
    for (row, note) in rows[1..].iter().zip(text_cases) {
        let guarded = matches!(note.chars().next(), Some('=' | '+' | '-' | '@' | '\t'));
        let want = if guarded {
            format!("'{note}")
        } else {
            note.to_owned()
        };
        assert_eq!(row[8], want, "note");
        assert_eq!(row[7], want, "author");
    }
}

//! Documents that are not plain text (HTML, PDF, DOCX) through the real binary: extraction
//! against expected text, annotate + reopen round trips, the canonical-text rule (saved
//! text reused, changed original re-extracted and re-anchored, only original + set shared),
//! and bad files refused with one line, exit 2, nothing written.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a failing step fails the test"
)]

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod cli_support;
use cli_support::{factmark, ok};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_docs/formats")
        .join(name)
}

/// A temp folder holding a copy of the sample `name`.
fn copy_sample(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(sample(name), dir.path().join(name)).expect("copy sample");
    dir
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

fn list(dir: &Path, doc: &str) -> Vec<Value> {
    serde_json::from_str(&ok(&["list", doc, "--json"], dir)).expect("json")
}

fn set_of(dir: &Path, doc: &str) -> String {
    fs::read_to_string(dir.join(format!("{doc}.factmark.ron"))).expect("set")
}

const PDF_TEXT: &str = "Harbour Council Annual Report
The council says ferry traffic rose by 40 percent in 2025.
Officials added that no new berths were built.
\u{c}
Budget
The mayor claimed the budget was balanced for the first
time since 2009, despite the spending on misinformation
campaigns that the opposition described.
\u{c}
Outlook
Tourism is expected to double by 2030, the report states.
";

const DOCX_TEXT: &str = "Press statement: water prices

The utility says household water bills will fall by 12 percent next year.[1]

Background

Prices have risen every year since 2019 & the regulator approved the cut.[2]

Contact: press office

Footnotes

[1] Based on the average bill of a two-person household.

[2] Regulator decision of 3 March.
";

#[test]
fn pdf_text_keeps_pages_and_joins_hyphenation() {
    let dir = copy_sample("harbour-report.pdf");
    assert_eq!(ok(&["text", "harbour-report.pdf"], dir.path()), PDF_TEXT);
}

#[test]
fn docx_text_has_paragraphs_headings_and_footnotes_after() {
    let dir = copy_sample("water-prices.docx");
    assert_eq!(ok(&["text", "water-prices.docx"], dir.path()), DOCX_TEXT);
}

#[test]
fn html_text_is_the_article_in_blocks() {
    let dir = copy_sample("bridge-article.html");
    let text = ok(&["text", "bridge-article.html"], dir.path());
    let blocks: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert!(
        blocks.contains(&"What the traffic counts show"),
        "heading is a block: {text}"
    );
    assert!(
        blocks.contains(&"Morning peak: 26 minutes before, 18 minutes after."),
        "list item is a block: {text}"
    );
    assert!(
        blocks
            .iter()
            .any(|b| b.starts_with("\u{201c}Drivers from the east bank")),
        "entities decoded, paragraph kept: {text}"
    );
    for chrome in ["Most read", "Privacy", "All rights reserved", "Sport"] {
        assert!(!text.contains(chrome), "{chrome:?} is page chrome: {text}");
    }
    assert!(!text.contains('<') && !text.contains("&ldquo;"), "{text}");
}

#[test]
fn html_metadata_prefills_the_review_details() {
    let dir = copy_sample("bridge-article.html");
    ok(
        &[
            "annotate",
            "bridge-article.html",
            "--tag",
            "claim",
            "--quote",
            "cut average commute times in half",
            "--verdict",
            "false",
        ],
        dir.path(),
    );
    let set = set_of(dir.path(), "bridge-article.html");
    assert!(set.contains("document_published: \"2026-02-14\""), "{set}");
    assert!(
        set.contains("https://courier.example/2026/02/bridge-commutes"),
        "{set}"
    );
    assert!(set.contains("cut commutes in half"), "title: {set}");
    // The byline is the document's author, shown by the reports and ClaimReview.
    assert!(set.contains("document_author: \"Dana Okafor\""), "{set}");
    let markdown = ok(
        &["export", "bridge-article.html", "--format", "md"],
        dir.path(),
    );
    assert!(markdown.contains(", by Dana Okafor"), "{markdown}");
    ok(
        &[
            "review",
            "bridge-article.html",
            "--organization",
            "Harbour Desk",
            "--review-url",
            "https://desk.example/bridge",
        ],
        dir.path(),
    );
    let claims = ok(
        &["export", "bridge-article.html", "--format", "claimreview"],
        dir.path(),
    );
    let claims: serde_json::Value = serde_json::from_str(&claims).expect("json");
    assert_eq!(
        claims[0]["itemReviewed"]["appearance"]["author"]["name"], "Dana Okafor",
        "{claims}"
    );
}

/// Annotate, reopen, and check the annotation anchors exactly, the text is saved beside
/// the original and the set records the original's SHA-256 and the extractor.
fn round_trip(name: &str, quote: &str, extractor: &str) -> tempfile::TempDir {
    let dir = copy_sample(name);
    let id = ok(
        &["annotate", name, "--tag", "claim", "--quote", quote],
        dir.path(),
    );
    let listed = list(dir.path(), name);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id.trim());
    assert_eq!(listed[0]["status"], "exact");
    assert_eq!(listed[0]["quote"], quote);
    let text_path = dir.path().join(format!("{name}.factmark.txt"));
    let saved = fs::read_to_string(&text_path).expect("canonical text saved beside");
    assert_eq!(saved, ok(&["text", name], dir.path()));
    let set = set_of(dir.path(), name);
    let original = sha256_hex(&fs::read(dir.path().join(name)).expect("original"));
    assert!(
        set.contains(&original),
        "original's SHA-256 recorded: {set}"
    );
    assert!(set.contains(extractor), "extractor recorded: {set}");
    assert!(set.contains("extractor_version"), "{set}");
    dir
}

#[test]
fn each_format_round_trips_annotate_and_reopen() {
    round_trip(
        "harbour-report.pdf",
        "misinformation\ncampaigns",
        "pdf-text",
    );
    round_trip(
        "water-prices.docx",
        "fall by 12 percent next year",
        "docx-xml",
    );
    round_trip(
        "bridge-article.html",
        "a reduction of about 29 percent",
        "html-readability",
    );
}

#[test]
fn pdf_locations_read_page_and_line() {
    let dir = round_trip("harbour-report.pdf", "double by 2030", "pdf-text");
    let lines = ok(&["list", "harbour-report.pdf"], dir.path());
    assert!(lines.contains("page 3, line 2"), "{lines}");
    ok(
        &[
            "export",
            "harbour-report.pdf",
            "--format",
            "markdown",
            "-o",
            "r.md",
        ],
        dir.path(),
    );
    let report = fs::read_to_string(dir.path().join("r.md")).expect("report");
    assert!(report.contains("page 3, line 2"), "{report}");
}

#[test]
fn reopening_uses_the_saved_text_not_a_new_extraction() {
    let dir = round_trip("water-prices.docx", "fall by 12 percent", "docx-xml");
    // As if an older extractor had made this text, and the set had been saved on it: it
    // is kept, so anchors do not move because the extractor changed.
    let text_path = dir.path().join("water-prices.docx.factmark.txt");
    let text = fs::read_to_string(&text_path).expect("text");
    let older = format!("Older extractor heading\n\n{text}");
    fs::write(&text_path, &older).expect("write");
    let set_path = dir.path().join("water-prices.docx.factmark.ron");
    let set = fs::read_to_string(&set_path).expect("set");
    let set = set
        .replacen(
            &sha256_hex(text.as_bytes()),
            &sha256_hex(older.as_bytes()),
            1,
        )
        .replacen(
            &format!("char_len: {}", text.chars().count()),
            &format!("char_len: {}", older.chars().count()),
            1,
        );
    fs::write(&set_path, set).expect("write set");
    let run = factmark(&["text", "water-prices.docx"], dir.path());
    assert_eq!(run.stdout, older);
    assert_eq!(run.stderr, "", "nothing to say");
    let listed = list(dir.path(), "water-prices.docx");
    assert_eq!(listed[0]["status"], "moved");
    assert_eq!(fs::read_to_string(&text_path).expect("text"), older, "kept");
}

#[test]
fn a_saved_text_edited_by_hand_is_extracted_again() {
    let dir = round_trip("water-prices.docx", "fall by 12 percent", "docx-xml");
    let text_path = dir.path().join("water-prices.docx.factmark.txt");
    let text = fs::read_to_string(&text_path).expect("text");
    let edited = text.replace("12 percent", "21 percent");
    assert_ne!(edited, text);
    fs::write(&text_path, &edited).expect("write");
    let run = factmark(&["text", "water-prices.docx"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, text, "the original's text, not the edit");
    assert!(run.stderr.contains("extracted again"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&text_path).expect("text"), text);
    let listed = list(dir.path(), "water-prices.docx");
    assert_eq!(listed[0]["status"], "exact", "{listed:?}");
}

#[test]
fn a_changed_original_is_extracted_again_and_re_anchored() {
    let dir = round_trip(
        "bridge-article.html",
        "a reduction of about 29 percent",
        "html-readability",
    );
    let html_path = dir.path().join("bridge-article.html");
    let html = fs::read_to_string(&html_path).expect("html");
    let changed = html.replace(
        "<h2>What the traffic counts show</h2>",
        "<p>A correction was added on Monday: the minister later said \u{201c}nearly half\u{201d}.</p>\n<h2>What the traffic counts show</h2>",
    );
    assert_ne!(html, changed);
    fs::write(&html_path, &changed).expect("write");
    let listed = list(dir.path(), "bridge-article.html");
    assert_eq!(listed[0]["status"], "moved", "{listed:?}");
    let saved =
        fs::read_to_string(dir.path().join("bridge-article.html.factmark.txt")).expect("text");
    assert!(
        saved.contains("A correction was added on Monday"),
        "text file replaced: {saved}"
    );
    // Removing the claim's sentence orphans it, keeping the annotation.
    fs::write(
        &html_path,
        changed.replace(", a reduction of about 29 percent", ""),
    )
    .expect("write");
    let listed = list(dir.path(), "bridge-article.html");
    assert_eq!(listed.len(), 1);
    assert_ne!(listed[0]["status"], "exact");
}

#[test]
fn with_only_original_and_set_extraction_is_repeated_and_checked() {
    let dir = round_trip(
        "harbour-report.pdf",
        "ferry traffic rose by 40 percent",
        "pdf-text",
    );
    let text_path = dir.path().join("harbour-report.pdf.factmark.txt");
    fs::remove_file(&text_path).expect("remove text");
    let listed = list(dir.path(), "harbour-report.pdf");
    assert_eq!(
        listed[0]["status"], "exact",
        "same extraction, same fingerprint"
    );
    assert_eq!(
        fs::read_to_string(&text_path).expect("written again"),
        PDF_TEXT
    );
}

#[test]
fn the_scan_message_names_ocr() {
    let dir = copy_sample("scanned-letter.pdf");
    let run = factmark(&["text", "scanned-letter.pdf"], dir.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("OCR"), "{}", run.stderr);
    assert!(run.stderr.contains("2 page(s)"), "{}", run.stderr);
}

/// `annotate` on a bad file: exit 2, one line naming the file, nothing written.
fn refused(dir: &Path, name: &str, says: &str) {
    let before = files_in(dir);
    let run = factmark(&["annotate", name, "--tag", "claim", "--quote", "x"], dir);
    assert_eq!(run.code, 2, "{name}: {}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{:?}", run.stderr);
    assert!(run.stderr.contains(name), "names the file: {}", run.stderr);
    assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
    assert_eq!(files_in(dir), before, "nothing written for {name}");
}

#[test]
fn bad_files_are_one_line_exit_2_nothing_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::copy(sample("locked.pdf"), d.join("locked.pdf")).expect("copy");
    refused(d, "locked.pdf", "encrypted");
    fs::copy(sample("scanned-letter.pdf"), d.join("scan.pdf")).expect("copy");
    refused(d, "scan.pdf", "OCR");
    let pdf = fs::read(sample("harbour-report.pdf")).expect("pdf");
    fs::write(d.join("cut.pdf"), &pdf[..pdf.len() / 2]).expect("write");
    refused(d, "cut.pdf", "not a readable PDF");
    fs::write(d.join("fake.pdf"), "just words, not a PDF").expect("write");
    refused(d, "fake.pdf", "not a readable PDF");
    fs::write(d.join("letter.docx"), "plain text with a .docx name").expect("write");
    refused(d, "letter.docx", "not a zip");
    fs::write(d.join("bomb.docx"), zip_bomb()).expect("write");
    refused(d, "bomb.docx", "zip bomb");
    fs::write(
        d.join("empty.html"),
        "<html><body><nav><a href=/>Home</a></nav></body></html>",
    )
    .expect("write");
    refused(d, "empty.html", "no article");
    let mut big = fs::File::create(d.join("huge.html")).expect("create");
    big.write_all(b"<html><body><p>").expect("write");
    let chunk = "word ".repeat(1024 * 1024 / 5);
    for _ in 0..50 {
        big.write_all(chunk.as_bytes()).expect("write");
    }
    drop(big);
    refused(d, "huge.html", "limit");
}

/// A DOCX whose document.xml unpacks to 200 MB of spaces (under 1 MB packed).
fn zip_bomb() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("word/document.xml", options).expect("start");
        zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
            .expect("write");
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..200 {
            zip.write_all(&spaces).expect("write");
        }
        zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
            .expect("write");
        zip.finish().expect("finish");
    }
    let bytes = out.into_inner();
    assert!(bytes.len() < 1024 * 1024, "packed {} bytes", bytes.len());
    bytes
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every command takes an extracted document as it takes `.txt`: agreement between two
/// reviewers of a PDF, and a W3C export imported into a copy of it.
#[test]
fn agree_and_import_take_a_pdf() {
    let dir = copy_sample("harbour-report.pdf");
    let d = dir.path();
    ok(
        &[
            "annotate",
            "harbour-report.pdf",
            "--tag",
            "claim",
            "--quote",
            "ferry traffic rose by 40 percent",
        ],
        d,
    );
    ok(
        &[
            "export",
            "harbour-report.pdf",
            "--format",
            "w3c",
            "-o",
            "ann.json",
        ],
        d,
    );
    fs::copy(d.join("harbour-report.pdf"), d.join("copy.pdf")).expect("copy");
    ok(&["import", "copy.pdf", "ann.json"], d);
    let run = factmark(
        &[
            "agree",
            "harbour-report.pdf",
            "harbour-report.pdf.factmark.ron",
            "copy.pdf.factmark.ron",
            "--json",
        ],
        d,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(json["kappa"], 1.0, "{json}");
}

/// A team that shares the set and the saved text but not a large original still opens
/// every annotation, with a note; without a set, a missing original is an error as before.
#[test]
fn without_the_original_the_saved_text_opens_the_set() {
    let dir = round_trip(
        "harbour-report.pdf",
        "ferry traffic rose by 40 percent",
        "pdf-text",
    );
    let d = dir.path();
    let text = fs::read_to_string(d.join("harbour-report.pdf.factmark.txt")).expect("text");
    fs::remove_file(d.join("harbour-report.pdf")).expect("remove original");
    let run = factmark(&["list", "harbour-report.pdf", "--json"], d);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("the original is missing"),
        "{}",
        run.stderr
    );
    let listed: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(listed[0]["status"], "exact", "{listed}");
    assert_eq!(ok(&["text", "harbour-report.pdf"], d), text);
    // The desk lists it by the original's name, with its annotation.
    let desk: Value = serde_json::from_str(&ok(&["desk", ".", "--json"], d)).expect("json");
    assert_eq!(desk["documents"][0]["path"], "harbour-report.pdf", "{desk}");
    assert_eq!(desk["documents"][0]["annotations"], 1, "{desk}");
    fs::remove_file(d.join("harbour-report.pdf.factmark.ron")).expect("remove set");
    let desk: Value = serde_json::from_str(&ok(&["desk", ".", "--json"], d)).expect("json");
    assert_eq!(desk["documents"], Value::Array(Vec::new()), "{desk}");
    factmark(&["text", "harbour-report.pdf"], d).refused_with("could not open harbour-report.pdf");
}

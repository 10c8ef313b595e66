//! The bad-input corpus (issue 9, section 12): one test per hostile or broken input, each
//! with its expected outcome — a specific one-line error, or the correct behaviour — and,
//! whenever the command is refused or only reads, no file written over.
//!
//! Every case starts from `tests/bad_input/article.txt` and its set
//! `article.txt.factmark.ron` (two annotations, one web evidence linked to the claim; fixed
//! ids below), copied into a temp folder, then spoils one thing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests: a panic is a failure report

mod cli_support;

use std::path::{Path, PathBuf};

use cli_support::{Run, factmark, snapshot};

const CLAIM: &str = "c1a10000-0000-4000-8000-000000000001";
const QUOTE: &str = "c1a10000-0000-4000-8000-000000000002";
const WEB: &str = "e0e10000-0000-4000-8000-000000000001";

/// A temp folder holding the corpus' document and set.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input");
        for name in ["article.txt", "article.txt.factmark.ron"] {
            std::fs::copy(from.join(name), dir.path().join(name)).unwrap();
        }
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn set(&self) -> PathBuf {
        self.path("article.txt.factmark.ron")
    }

    fn set_text(&self) -> String {
        std::fs::read_to_string(self.set()).unwrap()
    }

    /// Replace `from` (which must occur) by `to` in the set file.
    fn edit_set(&self, from: &str, to: &str) -> &Self {
        let text = self.set_text();
        assert!(text.contains(from), "the corpus set has no {from:?}");
        std::fs::write(self.set(), text.replacen(from, to, 1)).unwrap();
        self
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> &Self {
        std::fs::write(self.path(name), bytes).unwrap();
        self
    }

    fn run(&self, args: &[&str]) -> Run {
        factmark(args, self.dir.path())
    }

    /// Run, expect a one-line refusal containing `want`, and no file changed.
    #[track_caller]
    fn refused(&self, args: &[&str], want: &str) -> Run {
        let before = snapshot(self.dir.path());
        let run = self.run(args);
        run.refused_with(want);
        assert_eq!(snapshot(self.dir.path()), before, "{args:?} changed files");
        run
    }

    /// Run a command that only reads: expect exit `code`, and no file changed.
    #[track_caller]
    fn reads(&self, args: &[&str], code: i32) -> Run {
        let before = snapshot(self.dir.path());
        let run = self.run(args);
        assert_eq!(run.code, code, "{args:?}: {run:?}");
        assert_eq!(snapshot(self.dir.path()), before, "{args:?} changed files");
        run
    }

    /// Run and expect success.
    #[track_caller]
    fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code, 0, "{args:?}: {run:?}");
        run
    }

    fn mkfifo(&self, name: &str) -> &Self {
        let status = std::process::Command::new("mkfifo")
            .arg(self.path(name))
            .status()
            .unwrap();
        assert!(status.success());
        self
    }
}

/// A W3C collection holding `items` (JSON text of annotations).
fn collection(items: &str) -> String {
    format!(
        r#"{{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
           "first": {{"type": "AnnotationPage", "items": [{items}]}}}}"#
    )
}

/// A W3C annotation on the quote `exact` with `bodies` (JSON list items).
fn annotation(id: &str, exact: &str, bodies: &str) -> String {
    format!(
        r#"{{"id": "{id}", "type": "Annotation", "motivation": "assessing", "body": [{bodies}],
           "target": {{"selector": {{"type": "TextQuoteSelector", "exact": "{exact}"}}}}}}"#
    )
}

fn linking(kind: &str, source: &str) -> String {
    format!(
        r#"{{"type": "SpecificResource", "purpose": "linking", "factmark:kind": "{kind}",
           "source": "{source}", "factmark:stance": "supports"}}"#
    )
}

// ---------------------------------------------------------------- the corpus is sound

#[test]
fn the_corpus_set_loads_clean() {
    let case = Case::new();
    let run = case.reads(&["check", "article.txt"], 0);
    assert!(run.stdout.contains("2 annotations: 2 exact"), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
}

// ---------------------------------------------------------------- broken set files

#[test]
fn an_empty_set_file_is_a_parse_error() {
    let case = Case::new();
    case.write("article.txt.factmark.ron", "");
    case.refused(&["list", "article.txt"], "article.txt.factmark.ron:1:1");
}

#[test]
fn a_truncated_set_file_is_a_parse_error_that_names_the_backup() {
    let case = Case::new();
    let text = case.set_text();
    case.write("article.txt.factmark.ron", &text[..text.len() / 2]);
    case.refused(&["list", "article.txt"], "restore its .bak copy");
}

#[test]
fn json_instead_of_ron_is_a_parse_error() {
    let case = Case::new();
    case.write("article.txt.factmark.ron", r#"{"version": 1}"#);
    case.refused(&["list", "article.txt"], "article.txt.factmark.ron:1:");
}

#[test]
fn invalid_utf8_in_the_set_names_line_and_byte() {
    let case = Case::new();
    let mut bytes = case.set_text().into_bytes();
    bytes.splice(2..2, [0xff, 0xfe]);
    case.write("article.txt.factmark.ron", bytes);
    case.refused(&["list", "article.txt"], "not valid UTF-8 at byte 2");
}

#[test]
fn format_version_zero_does_not_exist() {
    let case = Case::new();
    case.edit_set("version: 1,", "version: 0,");
    case.refused(&["list", "article.txt"], "format version 0 does not exist");
}

#[test]
fn a_newer_format_asks_to_upgrade() {
    let case = Case::new();
    case.edit_set("version: 1,", "version: 99,");
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "Tuesday",
        ],
        "upgrade factmark",
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let case = Case::new();
    case.edit_set("    title: \"Harbor Council Votes on Budget\",\n", "");
    case.refused(&["list", "article.txt"], "title");
}

#[test]
fn a_text_where_a_number_belongs_is_a_parse_error() {
    let case = Case::new();
    case.edit_set("char_start: 65,", "char_start: \"sixty\",");
    case.refused(&["list", "article.txt"], "article.txt.factmark.ron:");
}

#[test]
fn a_negative_offset_is_a_parse_error() {
    let case = Case::new();
    case.edit_set("char_start: 65,", "char_start: -1,");
    case.refused(&["list", "article.txt"], "article.txt.factmark.ron:");
}

#[test]
fn an_offset_too_large_for_any_machine_is_a_parse_error() {
    let case = Case::new();
    case.edit_set("char_end: 76,", "char_end: 999999999999999999999999999,");
    case.refused(&["list", "article.txt"], "article.txt.factmark.ron:");
}

#[test]
fn an_unknown_anchor_status_is_a_parse_error() {
    let case = Case::new();
    case.edit_set("status: Exact,", "status: Sideways,");
    case.refused(&["list", "article.txt"], "Sideways");
}

#[test]
fn an_unknown_verdict_is_a_parse_error() {
    let case = Case::new();
    case.edit_set("verdict: Unreviewed,", "verdict: Spicy,");
    case.refused(&["list", "article.txt"], "Spicy");
}

#[test]
fn a_bad_tag_colour_is_a_parse_error() {
    let case = Case::new();
    case.edit_set("color: \"#f5a623\",", "color: \"#zz0000\",");
    case.refused(&["list", "article.txt"], "article.txt.factmark.ron:");
}

#[test]
fn an_id_that_is_not_a_uuid_is_a_parse_error() {
    let case = Case::new();
    case.edit_set(&format!("id: \"{QUOTE}\""), "id: \"not-a-uuid\"");
    case.refused(&["list", "article.txt"], "article.txt.factmark.ron:");
}

#[test]
fn duplicate_annotation_ids_are_refused_with_a_way_out() {
    let case = Case::new();
    case.edit_set(&format!("id: \"{QUOTE}\""), &format!("id: \"{CLAIM}\""));
    let run = case.refused(&["list", "article.txt"], "appears 2 times");
    assert!(run.stderr.contains("give all but one a new id"), "{run:?}");
    assert!(run.stderr.contains(CLAIM), "{run:?}");
    // Commands that write are refused too, before anything is written.
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "Tuesday",
        ],
        "appears 2 times",
    );
}

#[test]
fn duplicate_evidence_ids_are_refused_with_a_way_out() {
    let case = Case::new();
    let text = case.set_text();
    let start = text.find("    evidence: [\n").unwrap() + "    evidence: [\n".len();
    let end = text.find("    ],\n    links:").unwrap();
    let item = &text[start..end];
    case.write(
        "article.txt.factmark.ron",
        format!("{}{item}{}", &text[..end], &text[end..]),
    );
    case.refused(
        &["evidence", "list", "article.txt"],
        &format!("evidence {WEB} appears 2 times"),
    );
}

#[test]
fn a_byte_order_mark_before_the_set_is_accepted() {
    let case = Case::new();
    case.write(
        "article.txt.factmark.ron",
        format!("\u{feff}{}", case.set_text()),
    );
    let run = case.reads(&["check", "article.txt"], 0);
    assert!(run.stdout.contains("2 exact"), "{run:?}");
}

#[test]
fn windows_line_endings_in_the_set_are_accepted() {
    let case = Case::new();
    case.write(
        "article.txt.factmark.ron",
        case.set_text().replace('\n', "\r\n"),
    );
    let run = case.reads(&["check", "article.txt"], 0);
    assert!(run.stdout.contains("2 exact"), "{run:?}");
}

#[test]
fn a_folder_as_the_set_is_refused() {
    let case = Case::new();
    std::fs::create_dir(case.path("sets")).unwrap();
    case.refused(
        &["list", "article.txt", "--set", "sets"],
        "is a folder, not a regular file",
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_set_is_refused_without_hanging() {
    let case = Case::new();
    case.mkfifo("pipe.ron");
    case.refused(
        &["list", "article.txt", "--set", "pipe.ron"],
        "named pipe (FIFO)",
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_as_the_set_is_refused_without_reading() {
    let case = Case::new();
    case.refused(
        &["list", "article.txt", "--set", "/dev/zero"],
        "is a device",
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_as_the_set_of_a_write_is_refused() {
    let case = Case::new();
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--set",
            "/dev/zero",
            "--tag",
            "claim",
            "--quote",
            "Tuesday",
        ],
        "is a device",
    );
}

// ---------------------------------------------------------------- the validation door

#[test]
fn a_link_to_missing_evidence_is_reported_not_dropped() {
    let case = Case::new();
    case.edit_set(
        &format!("evidence: \"{WEB}\""),
        "evidence: \"e0e10000-0000-4000-8000-0000000000ff\"",
    );
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr.contains("its evidence is not in the set"),
        "{run:?}"
    );
    assert!(
        run.stderr
            .contains("warning: article.txt.factmark.ron: link"),
        "{run:?}"
    );
}

#[test]
fn a_said_by_link_to_a_missing_attribution_is_reported() {
    let case = Case::new();
    case.edit_set(
        "    links: [\n",
        &format!(
            "    links: [\n        SaidBy(\n            annotation: \"{QUOTE}\",\n            attribution: \"c1a10000-0000-4000-8000-0000000000ff\",\n        ),\n"
        ),
    );
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr.contains("its attribution is not in the set"),
        "{run:?}"
    );
}

#[test]
fn a_reversed_span_is_reported_with_its_annotation() {
    let case = Case::new();
    case.edit_set(
        "char_start: 65,\n                char_end: 76,",
        "char_start: 76,\n                char_end: 65,",
    );
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr.contains(&format!(
            "annotation {CLAIM}: span 76..65 ends before it starts"
        )),
        "{run:?}"
    );
}

#[test]
fn a_span_past_the_end_of_its_text_is_reported() {
    let case = Case::new();
    case.edit_set("char_end: 76,", "char_end: 5000,");
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr.contains("past the end of the text (192 chars)"),
        "{run:?}"
    );
}

#[test]
fn an_unknown_tag_is_reported_and_kept() {
    let case = Case::new();
    case.edit_set("tag: \"quote\",", "tag: \"gossip\",");
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr.contains("tag \"gossip\" is not defined"),
        "{run:?}"
    );
    assert!(run.stdout.contains("gossip"), "kept, not dropped: {run:?}");
}

#[test]
fn a_tag_defined_twice_is_reported() {
    let case = Case::new();
    case.edit_set("name: \"quote\",", "name: \"claim\",");
    let run = case.reads(&["tag", "list", "article.txt"], 0);
    assert!(
        run.stderr.contains("tag \"claim\" is defined 2 times"),
        "{run:?}"
    );
}

// ---------------------------------------------------------------- untrusted evidence

#[test]
fn a_javascript_address_in_the_set_is_flagged_on_load() {
    let case = Case::new();
    case.edit_set(
        "url: \"https://city.example/budget\"",
        "url: \"javascript:alert(1)\"",
    );
    let run = case.reads(&["evidence", "list", "article.txt"], 0);
    assert!(
        run.stderr.contains(&format!("evidence {WEB} is unsafe")),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("\"javascript\" addresses are refused"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("javascript:alert(1)"),
        "shown, not hidden: {run:?}"
    );
}

#[test]
fn a_file_address_in_the_set_is_flagged_on_load() {
    let case = Case::new();
    case.edit_set(
        "url: \"https://city.example/budget\"",
        "url: \"file:///etc/passwd\"",
    );
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr.contains("\"file\" addresses are refused"),
        "{run:?}"
    );
}

#[test]
fn an_absolute_evidence_path_in_the_set_is_flagged_on_load() {
    let case = Case::new();
    case.edit_set(
        "kind: Url(\n                url: \"https://city.example/budget\",\n                archived_url: None,\n            ),",
        "kind: File(\n                path: \"/etc/shadow\",\n            ),",
    );
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr.contains("\"/etc/shadow\": it is absolute"),
        "{run:?}"
    );
}

#[test]
fn an_evidence_path_climbing_out_of_the_folder_is_flagged_on_load() {
    let case = Case::new();
    case.edit_set(
        "kind: Url(\n                url: \"https://city.example/budget\",\n                archived_url: None,\n            ),",
        "kind: File(\n                path: \"../../../etc/passwd\",\n            ),",
    );
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(run.stderr.contains("it contains `..`"), "{run:?}");
}

#[test]
fn an_unsafe_archived_copy_is_flagged_on_load() {
    let case = Case::new();
    case.edit_set(
        "archived_url: None,",
        "archived_url: Some(\"javascript:alert(2)\"),",
    );
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(
        run.stderr
            .contains("the archived copy's address is refused"),
        "{run:?}"
    );
}

#[test]
fn a_javascript_address_is_never_a_w3c_source() {
    let case = Case::new();
    case.edit_set(
        "url: \"https://city.example/budget\"",
        "url: \"javascript:alert(1)\"",
    );
    let run = case.reads(&["export", "article.txt", "--format", "w3c"], 0);
    assert!(
        !run.stdout.contains("\"source\": \"javascript:"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\"factmark:unsafe\""), "{}", run.stdout);
}

#[test]
fn a_javascript_address_is_never_an_html_link() {
    let case = Case::new();
    case.edit_set(
        "url: \"https://city.example/budget\"",
        "url: \"javascript:alert(1)\"",
    );
    let run = case.reads(&["export", "article.txt", "--format", "html"], 0);
    assert!(!run.stdout.contains("href=\"javascript:"), "{}", run.stdout);
}

#[test]
fn a_javascript_address_is_never_a_markdown_link() {
    let case = Case::new();
    case.edit_set(
        "url: \"https://city.example/budget\"",
        "url: \"javascript:alert(1)\"",
    );
    let run = case.reads(&["export", "article.txt", "--format", "md"], 0);
    assert!(!run.stdout.contains("](javascript:"), "{}", run.stdout);
}

#[test]
fn evidence_add_refuses_a_javascript_address() {
    let case = Case::new();
    case.refused(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            "javascript:alert(1)",
        ],
        "\"javascript\" addresses are refused",
    );
}

#[test]
fn evidence_add_refuses_a_file_address() {
    let case = Case::new();
    case.refused(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            "file:///etc/passwd",
        ],
        "\"file\" addresses are refused",
    );
}

#[test]
fn evidence_add_refuses_a_file_outside_the_folder() {
    let case = Case::new();
    case.refused(
        &["evidence", "add", "article.txt", "--file", "/etc/hostname"],
        "outside the document folder",
    );
}

#[test]
fn evidence_titled_by_its_host_names_the_real_host_not_the_user_part() {
    let case = Case::new();
    case.ok(&[
        "evidence",
        "add",
        "article.txt",
        "--url",
        "https://trusted.example@evil.example/x",
    ]);
    let run = case.reads(&["evidence", "list", "article.txt"], 0);
    let line = run.stdout.lines().find(|l| l.contains("@evil")).unwrap();
    assert!(line.trim_end().ends_with("evil.example"), "{line}");
}

#[test]
fn a_non_ascii_host_is_shown_in_punycode() {
    let case = Case::new();
    case.ok(&[
        "evidence",
        "add",
        "article.txt",
        "--url",
        "https://bücher.example/budget",
    ]);
    let run = case.reads(&["evidence", "list", "article.txt"], 0);
    assert!(run.stdout.contains("xn--bcher-kva.example"), "{run:?}");
}

// ---------------------------------------------------------------- imports

#[test]
fn an_import_that_is_not_json_is_refused_with_its_position() {
    let case = Case::new();
    case.write("in.json", "{ not json");
    case.refused(
        &["import", "article.txt", "in.json"],
        "could not import in.json",
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_import_file_is_refused_without_hanging() {
    let case = Case::new();
    case.mkfifo("in.json");
    case.refused(&["import", "article.txt", "in.json"], "named pipe (FIFO)");
}

#[test]
fn an_import_that_is_not_utf8_is_refused() {
    let case = Case::new();
    case.write("in.json", b"[\xff\xfe]");
    case.refused(
        &["import", "article.txt", "in.json"],
        "is not UTF-8 (invalid byte at 1)",
    );
}

#[test]
fn an_import_without_annotations_is_refused() {
    let case = Case::new();
    case.write("in.json", r#"{"hello": 1}"#);
    case.refused(
        &["import", "article.txt", "in.json"],
        "found no annotations",
    );
}

#[test]
fn an_import_of_an_empty_collection_writes_nothing() {
    let case = Case::new();
    case.write("in.json", collection(""));
    let run = case.reads(&["import", "article.txt", "in.json"], 0);
    assert!(run.stdout.contains("imported 0 annotation(s)"), "{run:?}");
}

#[test]
fn an_imported_javascript_address_is_refused_with_its_reason() {
    let case = Case::new();
    let item = annotation(
        "urn:uuid:a1000000-0000-4000-8000-000000000001",
        "Tuesday",
        &linking("url", "javascript:alert(1)"),
    );
    case.write("in.json", collection(&item));
    let run = case.ok(&["import", "article.txt", "in.json"]);
    assert!(run.stdout.contains("refused evidence"), "{run:?}");
    assert!(
        run.stdout.contains("\"javascript\" addresses are refused"),
        "{run:?}"
    );
    assert!(!case.set_text().contains("javascript:"), "not stored");
}

#[test]
fn an_imported_file_address_is_refused() {
    let case = Case::new();
    let item = annotation(
        "urn:uuid:a1000000-0000-4000-8000-000000000002",
        "Tuesday",
        &linking("url", "file:///etc/passwd"),
    );
    case.write("in.json", collection(&item));
    let run = case.ok(&["import", "article.txt", "in.json"]);
    assert!(
        run.stdout.contains("\"file\" addresses are refused"),
        "{run:?}"
    );
    assert!(!case.set_text().contains("/etc/passwd"));
}

#[test]
fn an_imported_path_out_of_the_folder_is_refused() {
    let case = Case::new();
    let item = annotation(
        "urn:uuid:a1000000-0000-4000-8000-000000000003",
        "Tuesday",
        &linking("file", "../../../etc/passwd"),
    );
    case.write("in.json", collection(&item));
    let run = case.ok(&["import", "article.txt", "in.json"]);
    assert!(run.stdout.contains("it contains `..`"), "{run:?}");
    assert!(!case.set_text().contains("etc/passwd"));
}

#[test]
fn an_imported_annotation_whose_text_is_missing_is_kept_as_an_orphan() {
    let case = Case::new();
    let item = annotation(
        "urn:uuid:a1000000-0000-4000-8000-000000000004",
        "a sentence that is not there",
        "",
    );
    case.write("in.json", collection(&item));
    let run = case.ok(&["import", "article.txt", "in.json"]);
    assert!(
        run.stdout
            .contains("1 orphaned annotation(s) in the set, kept with their quotes"),
        "{run:?}"
    );
    assert!(!run.stdout.contains("not imported"), "{run:?}");
    let check = case.run(&["check", "article.txt"]);
    assert_eq!(check.code, 1, "{check:?}");
    assert!(check.stdout.contains("orphaned"), "{check:?}");
    assert!(
        check.stdout.contains("a sentence that is not there"),
        "{check:?}"
    );
}

#[test]
fn a_skipped_import_is_said_in_words_not_debug_text() {
    let case = Case::new();
    case.write(
        "in.json",
        collection(r#"{"id": "r", "target": {"selector": {"type": "TextPositionSelector", "start": 9, "end": 2}}}"#),
    );
    let run = case.reads(&["import", "article.txt", "in.json"], 0);
    assert!(
        run.stdout.contains("skipped annotation 1 (id \"r\"):"),
        "{run:?}"
    );
    assert!(!run.stdout.contains("SkippedAnnotation"), "{run:?}");
}

// ---------------------------------------------------------------- documents

#[cfg(unix)]
#[test]
fn a_fifo_as_the_document_is_refused_without_hanging() {
    let case = Case::new();
    case.mkfifo("doc.txt");
    case.refused(&["list", "doc.txt"], "named pipe (FIFO)");
}

#[test]
fn a_folder_as_the_document_is_refused() {
    let case = Case::new();
    std::fs::create_dir(case.path("docs")).unwrap();
    case.refused(&["check", "docs"], "is a folder, not a regular file");
}

#[test]
fn a_missing_document_says_to_check_the_path() {
    let case = Case::new();
    case.refused(&["check", "nowhere.txt"], "check the path");
}

#[test]
fn a_binary_document_is_refused() {
    let case = Case::new();
    case.write("photo.txt", [0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, 0xfd]);
    case.refused(&["list", "photo.txt"], "could not open photo.txt");
}

#[cfg(unix)]
#[test]
fn dev_zero_as_the_document_is_refused() {
    let case = Case::new();
    case.refused(&["check", "/dev/zero"], "is a device");
}

#[test]
fn a_document_over_the_size_cap_is_refused_before_reading() {
    let case = Case::new();
    case.write("big.txt", "x".repeat(1024 * 1024 + 1));
    let before = snapshot(case.dir.path());
    let run = factmark_with_cap(&case, &["list", "big.txt"]);
    run.refused_with("over the 1048576-byte limit");
    assert_eq!(snapshot(case.dir.path()), before);
}

fn factmark_with_cap(case: &Case, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(case.dir.path())
        .env("FACTMARK_MAX_DOCUMENT_MIB", "1")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_utf16_document_with_bom_anchors_like_utf8() {
    let case = Case::new();
    let text = std::fs::read_to_string(case.path("article.txt")).unwrap();
    let mut bytes = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    case.write("article.txt", bytes);
    let run = case.reads(&["check", "article.txt"], 0);
    assert!(run.stdout.contains("2 exact"), "{run:?}");
}

// ---------------------------------------------------------------- saving over files

#[cfg(unix)]
#[test]
fn a_read_only_set_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt as _;
    let case = Case::new();
    std::fs::set_permissions(case.set(), std::fs::Permissions::from_mode(0o444)).unwrap();
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "Tuesday",
        ],
        "is read-only, so it was not replaced",
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_set_is_replaced_with_force() {
    use std::os::unix::fs::PermissionsExt as _;
    let case = Case::new();
    std::fs::set_permissions(case.set(), std::fs::Permissions::from_mode(0o444)).unwrap();
    case.ok(&[
        "annotate",
        "article.txt",
        "--tag",
        "claim",
        "--quote",
        "Tuesday",
        "--force",
    ]);
    assert!(case.set_text().contains("exact: \"Tuesday\""));
}

#[test]
fn unknown_fields_are_not_dropped_by_a_save() {
    let case = Case::new();
    case.edit_set(
        "verdict: Unreviewed,\n",
        "verdict: Unreviewed,\n            mood: \"wry\",\n",
    );
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "Tuesday",
        ],
        "fields this factmark does not know (annotations[0].mood)",
    );
}

#[test]
fn unknown_fields_still_list() {
    let case = Case::new();
    case.edit_set("    links: [", "    future: (level: 3),\n    links: [");
    let run = case.reads(&["list", "article.txt"], 0);
    assert!(run.stdout.contains("$48 million"), "{run:?}");
}

#[test]
fn unknown_fields_are_dropped_only_with_force() {
    let case = Case::new();
    case.edit_set("    links: [", "    future: (level: 3),\n    links: [");
    case.ok(&[
        "annotate",
        "article.txt",
        "--tag",
        "claim",
        "--quote",
        "Tuesday",
        "--force",
    ]);
    assert!(!case.set_text().contains("future"));
}

#[test]
fn brat_export_says_how_many_orphans_it_left_out() {
    let case = Case::new();
    case.edit_set(
        "exact: \"We have cut waste by a third\"",
        "exact: \"a sentence that was deleted long ago\"",
    );
    case.edit_set(
        "status: Exact,\n            verdict: Unreviewed,\n        ),\n    ],",
        "status: Orphaned,\n            verdict: Unreviewed,\n        ),\n    ],",
    );
    let out = case.path("out");
    let run = case.ok(&[
        "export",
        "article.txt",
        "--format",
        "brat",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.stderr.contains("leaves out 1 orphaned annotation(s)"),
        "{run:?}"
    );
}

#[test]
fn check_write_with_nothing_moved_writes_nothing() {
    let case = Case::new();
    let run = case.reads(&["check", "article.txt", "--write"], 0);
    assert!(run.stdout.contains("nothing written"), "{run:?}");
}

#[test]
fn review_without_flags_writes_nothing() {
    let case = Case::new();
    case.reads(&["review", "article.txt"], 0);
}

#[test]
fn a_temp_file_left_by_a_crash_is_removed_by_the_next_save() {
    let case = Case::new();
    case.write(".article.txt.factmark.ron.4242-7.tmp", "half a set");
    case.write(".article.txt.factmark.ron.bak.4242-8.tmp", "half a backup");
    case.write(".article.txt.factmark.ron.notes.tmp", "someone else's");
    case.ok(&[
        "annotate",
        "article.txt",
        "--tag",
        "claim",
        "--quote",
        "Tuesday",
    ]);
    assert!(!case.path(".article.txt.factmark.ron.4242-7.tmp").exists());
    assert!(
        !case
            .path(".article.txt.factmark.ron.bak.4242-8.tmp")
            .exists()
    );
    assert!(case.path(".article.txt.factmark.ron.notes.tmp").exists());
}

#[test]
fn a_reversed_range_is_refused() {
    let case = Case::new();
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--range",
            "40..10",
        ],
        "40..10",
    );
}

#[test]
fn a_range_past_the_text_is_refused() {
    let case = Case::new();
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--range",
            "100..9999",
        ],
        "9999",
    );
}

#[test]
fn a_quote_that_is_not_in_the_text_is_refused() {
    let case = Case::new();
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "forty-eight",
        ],
        "forty-eight",
    );
}

#[test]
fn an_unknown_tag_on_annotate_is_refused() {
    let case = Case::new();
    case.refused(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "gossip",
            "--quote",
            "Tuesday",
        ],
        "gossip",
    );
}

#[test]
fn a_link_to_an_unknown_annotation_is_refused() {
    let case = Case::new();
    case.refused(
        &["link", "article.txt", "--from", QUOTE, "--to", "ffffffff"],
        "ffffffff",
    );
}

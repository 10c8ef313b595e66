//! File → Export… and File → Import W3C annotations… in the app: HTML escapes what it
//! shows, ClaimReview refuses without review details (set in their window), brat writes
//! two files, and an import is one undo step.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::Verdict;
use factmark::ui::FactmarkApp;
use factmark::ui::app::dialogs::Opened;
use ui_support::{Env, annotate, menu, open_document, opened, press, select_text, settle};

const FIRM: &str = "engineering firm Callow & Birch";
const COST: &str = "$41.3 million";

type App = Harness<'static, FactmarkApp>;

fn count(harness: &App) -> usize {
    harness
        .state()
        .session()
        .expect("open")
        .set()
        .annotations
        .len()
}

fn type_into(harness: &mut App, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Clear a single-line field, then type `text`.
fn replace_in(harness: &mut App, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Tag `needle` as a claim (key 1); it becomes the selected annotation.
fn claim(harness: &mut App, needle: &str) {
    select_text(harness, needle);
    press(harness, Key::Num1);
}

/// Open the export window, choose `format` and press Export…; the dialog answers `out`.
fn export_as(env: &Env, harness: &mut App, format: &str, out: &Path) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label(format).click();
    harness.run();
    env.dialogs.push(out);
    harness.get_by_label("Export…").click();
    harness.run();
    settle(harness);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} not written: {e}", path.display()))
}

#[test]
fn html_report_escapes_the_quote_and_a_script_note_and_opens_in_the_browser() {
    let (env, mut harness) = opened();
    annotate(&mut harness, FIRM, Key::Num2);
    type_into(&mut harness, "Note", "<script>alert('x')</script> check");
    let out = env.dir.path().join("report.html");
    export_as(&env, &mut harness, "HTML report", &out);

    let html = read(&out);
    assert!(html.contains("Callow &amp; Birch"), "quote escaped");
    assert!(html.contains("&lt;script&gt;"), "note escaped");
    assert!(
        !html.contains("<script>alert"),
        "no live script from the note"
    );
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("Exported HTML report to") && m.text.contains("report.html")),
        "success says where"
    );
    // The note typed before exporting was committed as an edit, not lost.
    let note = &harness.state().session().expect("open").set().annotations[0].note;
    assert!(note.contains("<script>"), "{note:?}");

    harness.get_by_label("Open report in browser").click();
    harness.run();
    assert_eq!(env.opener.opened(), vec![Opened::Report(out)]);
}

#[test]
fn claimreview_needs_review_details_which_the_window_sets_as_one_undo_step() {
    let (env, mut harness) = opened();
    claim(&mut harness, COST);
    harness.get_by_label("Verdict").click();
    harness.run();
    harness.get_by_label("Mostly true").click();
    harness.run();
    let set = harness.state().session().expect("open").set();
    assert_eq!(set.annotations[0].verdict, Verdict::MostlyTrue);

    let out = env.dir.path().join("review.claimreview.jsonld");
    export_as(&env, &mut harness, "ClaimReview (schema.org JSON-LD)", &out);
    let messages = harness.state().messages();
    assert!(
        messages.has_error_containing("url (set the review's web address"),
        "{:?}",
        messages.current().collect::<Vec<_>>()
    );
    let errors = messages
        .current()
        .filter(|m| m.text.contains("ClaimReview"))
        .count();
    assert_eq!(errors, 1, "shown once");
    assert!(!out.exists(), "nothing written");
    assert_eq!(
        env.dialogs.remaining(),
        1,
        "no save dialog for a failed export"
    );
    // The unused answer (the same path) goes to the next export's dialog.
    let title_before = harness.state().session().expect("open").set().title.clone();

    // Review details from the export window; a javascript: address is refused.
    harness.get_by_label("Review Details…").click();
    harness.run();
    type_into(&mut harness, "Organization", "Harbor Fact Desk");
    type_into(&mut harness, "Review URL", "javascript:alert(1)");
    harness.get_by_label("Apply").click();
    harness.run();
    harness.get_by_label_contains("Review URL refused");
    assert_eq!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .review
            .organization,
        "",
        "nothing applied"
    );
    replace_in(
        &mut harness,
        "Review URL",
        "https://factdesk.example.org/bridge",
    );
    replace_in(&mut harness, "Title", "Bridge costs, checked");
    harness.get_by_label("Apply").click();
    harness.run();
    let session = harness.state().session().expect("open");
    assert_eq!(session.set().review.organization, "Harbor Fact Desk");
    assert_eq!(session.set().title, "Bridge costs, checked");
    assert_eq!(
        session.history().undo_label(),
        Some("Edit review details"),
        "one step"
    );

    export_as(&env, &mut harness, "ClaimReview (schema.org JSON-LD)", &out);
    let json: serde_json::Value = serde_json::from_str(&read(&out)).expect("JSON");
    let first = &json[0];
    assert_eq!(first["author"]["name"], "Harbor Fact Desk");
    assert_eq!(first["url"], "https://factdesk.example.org/bridge");

    // One undo takes back organization, address and title together.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let set = harness.state().session().expect("open").set();
    assert_eq!(set.review.organization, "");
    assert_eq!(set.review.review_url, "");
    assert_eq!(set.title, title_before);
}

#[test]
fn brat_writes_ann_and_txt() {
    let (env, mut harness) = opened();
    claim(&mut harness, COST);
    let out = env.dir.path().join("out.ann");
    export_as(&env, &mut harness, "brat standoff (.ann + .txt)", &out);
    let ann = read(&out);
    let txt = read(&env.dir.path().join("out.txt"));
    assert!(ann.contains(COST), "{ann}");
    assert!(txt.starts_with("Kestrel Point Council"));
    assert_eq!(read(&env.doc), ui_support::SAMPLE, "document untouched");

    // brat beside the document under its own name would write OUT.txt over it: refused.
    let over_document = env.doc.with_extension("ann");
    export_as(
        &env,
        &mut harness,
        "brat standoff (.ann + .txt)",
        &over_document,
    );
    assert!(
        harness
            .state()
            .messages()
            .has_error_containing("is the open document or its annotation set"),
        "refused"
    );
    assert!(!over_document.exists());
    assert_eq!(read(&env.doc), ui_support::SAMPLE, "document untouched");

    // A folder that does not exist: the write fails and says so.
    let nowhere = env.dir.path().join("missing").join("out.csv");
    export_as(&env, &mut harness, "CSV table", &nowhere);
    assert!(
        harness
            .state()
            .messages()
            .has_error_containing("Could not write the CSV table export"),
        "{:?}",
        harness.state().messages().current().collect::<Vec<_>>()
    );
}

#[test]
fn importing_a_file_that_is_not_json_changes_nothing_and_says_where() {
    let (env, mut harness) = opened();
    let file = env.dir.path().join("broken.jsonld");
    std::fs::write(&file, "{\n  \"type\": \"Annotation\",\n  oops\n}").expect("write");
    env.dialogs.push(&file);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import W3C Annotations…").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(count(&harness), 0);
    assert!(
        harness
            .state()
            .messages()
            .has_error_containing("not valid JSON at line 3"),
        "{:?}",
        harness.state().messages().current().collect::<Vec<_>>()
    );
    assert_eq!(
        harness
            .state()
            .session()
            .expect("open")
            .history()
            .undo_label(),
        None,
        "no undo step for a failed import"
    );
}

/// Regression: a W3C file read for a document that was replaced meanwhile was dropped
/// without a word after it had been read.
#[test]
fn an_import_for_a_document_closed_meanwhile_says_so() {
    let env = Env::new();
    let file = env.dir.path().join("theirs.jsonld");
    std::fs::write(&file, "{}").expect("write");
    let fs = std::sync::Arc::new(factmark::store::FaultyFs::new());
    let release = fs.hold(&file);
    let mut harness = env.harness_with_fs(fs);
    open_document(&env, &mut harness);

    env.dialogs.push(&file);
    menu(&mut harness, "File", "Import W3C Annotations…");
    // While the import file is still being read, another document is opened.
    let other = env.dir.path().join("docs").join("other.txt");
    std::fs::write(&other, "Another story entirely.").expect("write");
    env.dialogs.push(&other);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    for _ in 0..200 {
        harness.run();
        if harness
            .state()
            .session()
            .is_some_and(|s| s.doc_path() == other.as_path())
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    release.send(()).expect("release the read");
    settle(&mut harness);

    assert_eq!(
        harness.state().session().expect("open").doc_path(),
        other.as_path()
    );
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("Nothing was imported from theirs.jsonld")),
        "{:?}",
        harness.state().messages().current().collect::<Vec<_>>()
    );
    assert_eq!(count(&harness), 0);
}

#[test]
fn import_w3c_from_another_copy_is_one_undo_step() {
    // Another reviewer's copy: two annotations, exported as W3C.
    let other = Env::new();
    let mut theirs = other.harness();
    open_document(&other, &mut theirs);
    claim(&mut theirs, COST);
    annotate(&mut theirs, FIRM, Key::Num3);
    let file = other.dir.path().join("theirs.jsonld");
    export_as(&other, &mut theirs, "W3C Web Annotation (JSON-LD)", &file);
    assert!(file.exists());

    let (env, mut harness) = opened();
    claim(&mut harness, "Mayor Adaeze Thorncroft");
    assert_eq!(count(&harness), 1);

    env.dialogs.push(&file);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import W3C Annotations…").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(count(&harness), 3);
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("imported 2 annotation(s)")),
        "summary shown"
    );
    // They are in the list.
    harness.get_by_label_contains("Callow & Birch");
    let session = harness.state().session().expect("open");
    assert_eq!(session.history().undo_label(), Some("Import 2 annotations"));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(count(&harness), 1, "one undo removes the whole import");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(count(&harness), 3, "redo brings it back");

    // Importing the same file again adds nothing and says why.
    env.dialogs.push(&file);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import W3C Annotations…").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(count(&harness), 3);
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("already in the set")),
        "skips explained"
    );
}

//! Keeping a copy of a cited page in the app: Ctrl+L, a web address from a local server
//! started inside the test, "Keep a copy (snapshot)", Add and link. The page is fetched on
//! the worker; the evidence arrives with its snapshot as one undoable step; the detail panel
//! offers the copy beside the live link and marks one that has gone missing; a failed fetch
//! adds nothing and says why.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

mod http_support;
mod ui_support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{EvidenceKind, Link, Stance};
use factmark::store::{RealFs, load_set};
use factmark::ui::FactmarkApp;
use factmark::ui::app::dialogs::Opened;
use sha2::{Digest as _, Sha256};
use ui_support::{Env, annotate, open_document, save, settle};

type App = Harness<'static, FactmarkApp>;

/// Ctrl+L on the selected annotation, type `url`, tick "Keep a copy", Add and link, and
/// wait for the fetch.
fn add_with_snapshot(harness: &mut App, url: &str) {
    start_snapshot(harness, url);
    settle(harness);
}

/// Ctrl+L on the selected annotation, type `url`, tick "Keep a copy", Add and link.
fn start_snapshot(harness: &mut App, url: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    harness.get_by_label("Web address").type_text(url);
    harness.run();
    harness.get_by_label("Keep a copy (snapshot)").click();
    harness.run();
    harness.get_by_label("Add and link").click();
    harness.run();
}

#[test]
fn a_snapshot_arrives_in_the_background_as_one_undoable_step() {
    let base = http_support::serve();
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    let claim = annotate(&mut harness, "$41.3 million", Key::Num1);
    let url = format!("{base}/short");
    add_with_snapshot(&mut harness, &url);

    let session = harness.state().session().expect("open");
    let [evidence] = session.set().evidence.as_slice() else {
        panic!("one evidence: {:?}", session.set().evidence);
    };
    assert!(matches!(&evidence.kind, EvidenceKind::Url { url: u, .. } if *u == url));
    let snapshot = evidence.snapshot.clone().expect("kept a copy");
    assert_eq!(snapshot.final_url, format!("{base}/2026/bridge"));
    let copy = env.doc.parent().expect("docs").join(&snapshot.path);
    let bytes = std::fs::read(&copy).expect("the copy is beside the document");
    assert_eq!(bytes, http_support::article());
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(snapshot.sha256, sha);
    assert_eq!(
        session.set().links,
        vec![Link::Evidence {
            annotation: claim,
            evidence: evidence.id,
            stance: Stance::Supports,
        }]
    );
    assert!(
        session
            .history()
            .undo_label()
            .is_some_and(|l| l.starts_with("Add and link evidence")),
        "{:?}",
        session.history().undo_label()
    );

    // The detail panel offers the copy beside the live link: shown, never opened.
    harness.get_by_label("snapshot").click();
    harness.run();
    assert_eq!(env.opener.opened(), [Opened::Revealed(copy.clone())]);

    // One undo step takes the evidence and its link away together; redo brings them back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let set = harness.state().session().expect("open").set().clone();
    assert!(set.evidence.is_empty() && set.links.is_empty(), "{set:?}");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .evidence
            .len(),
        1
    );
    // Editing its details in the evidence tab keeps the copy (and who added it).
    let author = harness.state().session().expect("open").set().evidence[0]
        .author
        .clone();
    harness.get_by_label_contains("Evidence (").click();
    harness.run();
    harness.get_by_label("Edit details").click();
    harness.run();
    harness.get_by_label("Update evidence").click();
    harness.run();
    let edited = harness.state().session().expect("open").set().evidence[0].clone();
    assert_eq!(edited.snapshot.as_ref(), Some(&snapshot));
    assert_eq!(edited.author, author);
    assert!(
        harness
            .state()
            .session()
            .expect("open")
            .history()
            .undo_label()
            .is_some_and(|l| l.starts_with("Edit evidence")),
        "the edit was applied"
    );
    save(&mut harness);
    let saved = load_set(&RealFs, &env.sidecar()).expect("saved").set;
    assert_eq!(saved.evidence[0].snapshot.as_ref(), Some(&snapshot));

    // A copy gone from disk is marked when the set is opened again.
    std::fs::remove_file(&copy).expect("remove the copy");
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    harness
        .state_mut()
        .session_mut()
        .expect("open")
        .select(Some(claim));
    harness.run();
    settle(&mut harness);
    harness.get_by_label("snapshot (missing)");
}

#[test]
fn a_failed_fetch_adds_nothing_and_says_why() {
    let base = http_support::serve();
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    annotate(&mut harness, "$41.3 million", Key::Num1);
    let url = format!("{base}/missing");
    add_with_snapshot(&mut harness, &url);
    let session = harness.state().session().expect("open");
    assert!(session.set().evidence.is_empty());
    assert!(session.set().links.is_empty());
    harness.get_by_label_contains("HTTP 404");
    harness.get_by_label_contains("The evidence was not added");
    let folder = env
        .doc
        .parent()
        .expect("docs")
        .join("harbor-bridge.txt.factmark.evidence");
    assert!(!folder.exists(), "nothing written");
}

#[test]
fn closing_while_a_copy_is_fetched_waits_and_then_asks_about_the_new_evidence() {
    let base = http_support::serve();
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    annotate(&mut harness, "$41.3 million", Key::Num1);
    save(&mut harness);
    // The server answers after 4 s; the window is closed meanwhile.
    start_snapshot(&mut harness, &format!("{base}/slow"));
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    assert!(!harness.state().close_confirmed(), "waits for the fetch");
    settle(&mut harness);
    let session = harness.state().session().expect("open");
    assert_eq!(session.set().evidence.len(), 1, "the evidence arrived");
    assert!(session.is_dirty());
    assert!(
        !harness.state().close_confirmed(),
        "not closed over unsaved evidence"
    );
    assert!(matches!(
        harness.state().prompt(),
        Some(factmark::ui::windows::prompts::Prompt::Unsaved { .. })
    ));
}

#[test]
fn a_copy_whose_evidence_cannot_be_added_is_removed_again() {
    let base = http_support::serve();
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    let claim = annotate(&mut harness, "$41.3 million", Key::Num1);
    start_snapshot(&mut harness, &format!("{base}/slow"));
    // The claim goes while the page is fetched: the link cannot be made.
    harness
        .state_mut()
        .session_mut()
        .expect("open")
        .apply(
            "Delete claim",
            factmark::model::Edit::DeleteAnnotation(claim),
            chrono::Utc::now(),
        )
        .expect("deleted");
    settle(&mut harness);
    assert!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .evidence
            .is_empty()
    );
    let folder = env
        .doc
        .parent()
        .expect("docs")
        .join("harbor-bridge.txt.factmark.evidence");
    let left = std::fs::read_dir(&folder).map_or(0, Iterator::count);
    assert_eq!(left, 0, "the copy was removed");
}

/// Evidence added without a copy gets one later from its card in the Evidence tab; the
/// copy is recorded in it as one undoable step.
#[test]
fn keep_a_copy_of_evidence_already_in_the_set() {
    let base = http_support::serve();
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    annotate(&mut harness, "$41.3 million", Key::Num1);
    let url = format!("{base}/short");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run();
    harness.get_by_label("Web address").type_text(&url);
    harness.run();
    harness.get_by_label("Add and link").click();
    settle(&mut harness);
    let evidence =
        |harness: &App| harness.state().session().expect("open").set().evidence[0].clone();
    assert!(evidence(&harness).snapshot.is_none());

    harness.get_by_label("Evidence (1)").click();
    harness.run();
    harness.get_by_label("Keep a copy").click();
    harness.run();
    settle(&mut harness);
    let kept = evidence(&harness).snapshot.expect("snapshot recorded");
    let copy = env.doc.parent().expect("folder").join(&kept.path);
    let bytes = std::fs::read(&copy).expect("copy kept");
    assert_eq!(kept.sha256, format!("{:x}", Sha256::digest(&bytes)));
    assert!(
        harness.query_by_label("Keep a copy").is_none(),
        "offered only while there is no copy"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(evidence(&harness).snapshot.is_none(), "one undo step");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert!(evidence(&harness).snapshot.is_some(), "redone");
}

//! The document changed on disk while open (issue 9 §10): the app notices, says so, and
//! offers to reload and re-anchor with unsaved edits kept, or to keep the old text. And a
//! set that mostly orphans asks before it takes the document's fingerprint (§8).

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::AnchorStatus;
use factmark::store::RealFs;
use factmark::ui::windows::prompts::Prompt;
use factmark::ui::{AppDeps, FactmarkApp};
use ui_support::{Env, SAMPLE, annotate, open_document, settle};

/// An app over `env` that checks the document every second (of the harness clock).
fn watching(env: &Env) -> Harness<'static, FactmarkApp> {
    let dialogs = env.dialogs.clone();
    let opener = env.opener.clone();
    let data_dir = env.data_dir.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(12)
        .build_eframe(move |cc| {
            let deps = AppDeps::new(Box::new(dialogs), Arc::new(RealFs), data_dir)
                .with_opener(Box::new(opener))
                .with_document_check_interval(Duration::from_secs(1));
            FactmarkApp::new(cc, deps)
        });
    settle(&mut harness);
    open_document(env, &mut harness);
    harness
}

/// Run frames until the document-changed question is up (at most 10 s).
fn wait_for_prompt(harness: &mut Harness<'static, FactmarkApp>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !matches!(
        harness.state().prompt(),
        Some(Prompt::DocumentChanged { .. })
    ) {
        assert!(Instant::now() < deadline, "the change was not noticed");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    // Draw it.
    harness.step();
    harness.step();
}

/// Run frames for a while (1.5 s of real time), checking the document several
/// times, then let file work finish.
fn idle(harness: &mut Harness<'static, FactmarkApp>) {
    let until = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < until {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    settle(harness);
}

const NOTE: &str = "Editor's note: this story was updated on Friday.\n\n";

#[test]
fn a_changed_document_is_reloaded_and_re_anchored_keeping_unsaved_edits() {
    let env = Env::new();
    let mut harness = watching(&env);
    let quote = "$41.3 million";
    let id = annotate(&mut harness, quote, Key::Num1);
    idle(&mut harness);
    assert!(harness.state().prompt().is_none(), "nothing changed yet");
    let before = harness.state().session().expect("open").doc().char_len();

    std::fs::write(&env.doc, format!("{NOTE}{SAMPLE}")).expect("edit outside");
    wait_for_prompt(&mut harness);
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("changed on disk")),
        "the app says so"
    );
    // Until the reviewer answers, the view keeps the text it showed.
    assert_eq!(
        harness.state().session().expect("open").doc().char_len(),
        before
    );
    harness.get_by_label("Reload and re-anchor").click();
    settle(&mut harness);

    let session = harness.state().session().expect("open");
    assert_eq!(session.doc().text(), format!("{NOTE}{SAMPLE}"));
    let annotation = session
        .annotation(id)
        .expect("the unsaved annotation is kept");
    assert_eq!(annotation.status, AnchorStatus::Moved);
    assert_eq!(session.doc().slice(annotation.position.range()), quote);
    assert!(session.is_dirty(), "re-anchored places are unsaved");
    assert_eq!(
        session.set().source.sha256,
        session.doc().fingerprint().sha256
    );
    assert!(harness.state().prompt().is_none());
    idle(&mut harness);
    assert!(harness.state().prompt().is_none(), "asked once per change");
}

#[test]
fn keeping_the_old_text_asks_again_only_after_another_change() {
    let env = Env::new();
    let mut harness = watching(&env);
    // Rewriting the same text (a touch, a sync tool) is not a change.
    std::fs::write(&env.doc, SAMPLE).expect("touch");
    idle(&mut harness);
    assert!(harness.state().prompt().is_none(), "same text, no question");

    std::fs::write(&env.doc, SAMPLE.replace("Harbor", "Harbour")).expect("edit outside");
    wait_for_prompt(&mut harness);
    harness.get_by_label("Keep the old text").click();
    idle(&mut harness);
    assert!(harness.state().prompt().is_none(), "not asked again");
    assert_eq!(
        harness.state().session().expect("open").doc().text(),
        SAMPLE,
        "the old text stays"
    );

    std::fs::write(&env.doc, format!("{NOTE}{SAMPLE}")).expect("edit again");
    wait_for_prompt(&mut harness);
}

#[test]
fn a_set_that_mostly_orphans_asks_before_taking_the_documents_fingerprint() {
    let env = Env::new();
    let mut harness = watching(&env);
    for (quote, key) in [
        ("$41.3 million", Key::Num1),
        ("Harbor", Key::Num2),
        ("bridge", Key::Num1),
    ] {
        annotate(&mut harness, quote, key);
    }
    ui_support::save(&mut harness);
    let recorded = harness
        .state()
        .session()
        .expect("open")
        .set()
        .source
        .sha256
        .clone();
    // The document is replaced by another text altogether, then reloaded.
    std::fs::write(
        &env.doc,
        "Minutes of the garden club: tomatoes, beans and a dispute about hedges.\n",
    )
    .expect("replace");
    wait_for_prompt(&mut harness);
    harness.get_by_label("Reload and re-anchor").click();
    settle(&mut harness);
    assert!(
        matches!(harness.state().prompt(), Some(Prompt::OtherDocument { .. })),
        "{:?}",
        harness.state().prompt()
    );
    let session = harness.state().session().expect("open");
    assert!(
        session.is_dirty(),
        "re-anchored after a save: unsaved again"
    );
    assert_eq!(session.current_summary().orphaned, 3);
    assert_eq!(session.set().source.sha256, recorded, "fingerprint kept");
    harness.get_by_label("Accept this document").click();
    settle(&mut harness);
    let session = harness.state().session().expect("open");
    assert_eq!(
        session.set().source.sha256,
        session.doc().fingerprint().sha256
    );
    assert_eq!(session.set().annotations.len(), 3, "nothing lost");
}

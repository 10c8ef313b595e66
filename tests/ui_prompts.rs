//! Unsaved changes on close, a teammate's change on disk, recovery after a crash.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use std::time::Duration;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::ui::FactmarkApp;
use factmark::ui::windows::prompts::Prompt;
use ui_support::{Env, annotate, open_document, opened, opened_with_faults, press, save, settle};

fn request_close(harness: &mut Harness<'static, FactmarkApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
}

/// The `title: "…"` line of the open set as the sidecar writes it.
fn title_line(harness: &Harness<'static, FactmarkApp>) -> String {
    let title = &harness.state().session().expect("open").set().title;
    format!("title: {title:?}")
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_them() {
    let (env, mut harness) = opened();

    // Nothing changed: closing is allowed straight away.
    request_close(&mut harness);
    assert!(harness.state().close_confirmed());

    let mut harness = env.harness();
    open_document(&env, &mut harness);
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    request_close(&mut harness);
    assert!(matches!(
        harness.state().prompt(),
        Some(Prompt::Unsaved { .. })
    ));
    assert!(!harness.state().close_confirmed());
    harness.get_by_label_contains("changes that are not saved");

    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().prompt().is_none());
    assert!(!harness.state().close_confirmed());
    assert!(harness.state().session().expect("open").is_dirty());

    // Save from the prompt: the file is written, then the window may close.
    request_close(&mut harness);
    harness.get_by_label("Save").click();
    settle(&mut harness);
    assert!(harness.state().close_confirmed());
    let saved = std::fs::read_to_string(env.sidecar()).expect("saved");
    assert!(saved.contains("days of emergency repairs"));
}

#[test]
fn discard_on_close_drops_changes_and_their_recovery_copy() {
    let mut env = Env::new();
    env.recovery_interval = Duration::ZERO;
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    settle(&mut harness);
    let recovery_dir = env.data_dir.join("recovery");
    let copies = || std::fs::read_dir(&recovery_dir).map_or(0, |d| d.count());
    assert_eq!(copies(), 1, "a recovery copy is written");

    request_close(&mut harness);
    harness.get_by_label("Discard").click();
    settle(&mut harness);
    assert!(harness.state().close_confirmed());
    assert!(!env.sidecar().exists(), "discard writes nothing");
    assert_eq!(copies(), 0, "the recovery copy is removed on discard");
}

#[test]
fn recovery_copy_is_offered_on_next_start() {
    let mut env = Env::new();
    env.recovery_interval = Duration::ZERO;
    {
        let mut harness = env.harness();
        open_document(&env, &mut harness);
        annotate(&mut harness, "days of emergency repairs", Key::Num1);
        settle(&mut harness);
        // The app "crashes": dropped without saving or discarding.
    }
    let mut harness = env.harness();
    assert!(matches!(
        harness.state().prompt(),
        Some(Prompt::Recover { .. })
    ));
    harness.get_by_label("Restore").click();
    settle(&mut harness);
    let session = harness.state().session().expect("document reopened");
    assert_eq!(session.doc_path(), env.doc.as_path());
    assert_eq!(session.set().annotations.len(), 1);
    assert!(session.is_dirty(), "recovered work is unsaved until saved");

    save(&mut harness);
    assert!(!harness.state().session().expect("open").is_dirty());
    let copies = std::fs::read_dir(env.data_dir.join("recovery")).map_or(0, |d| d.count());
    assert_eq!(copies, 0, "a successful save removes the recovery copy");
}

#[test]
fn teammate_change_on_disk_is_not_overwritten() {
    let (env, mut harness) = opened();
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);

    // A teammate saves their version of the set (git pull, shared folder…).
    let theirs = std::fs::read_to_string(env.sidecar())
        .expect("saved")
        .replace(&title_line(&harness), "title: \"their title\"");
    std::fs::write(env.sidecar(), &theirs).expect("teammate writes");

    annotate(&mut harness, "Mayor Adaeze Thorncroft", Key::Num3);
    save(&mut harness);
    assert!(matches!(
        harness.state().prompt(),
        Some(Prompt::ChangedOnDisk { .. })
    ));
    assert!(harness.state().session().expect("open").is_dirty());
    assert_eq!(
        std::fs::read_to_string(env.sidecar()).expect("theirs"),
        theirs
    );

    // Keep mine: Save As to another file; theirs stays untouched.
    let mine = env.doc.with_file_name("mine.factmark.ron");
    env.dialogs.push(&mine);
    harness.get_by_label("Save as another file…").click();
    settle(&mut harness);
    assert!(!harness.state().session().expect("open").is_dirty());
    assert_eq!(
        std::fs::read_to_string(env.sidecar()).expect("theirs"),
        theirs
    );
    let mine_text = std::fs::read_to_string(&mine).expect("mine saved");
    assert!(mine_text.contains("Mayor Adaeze Thorncroft"));
    assert_eq!(
        harness.state().session().expect("open").set_path(),
        Some(mine.as_path())
    );
}

#[test]
fn reload_takes_the_teammates_version() {
    let (env, mut harness) = opened();
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    let theirs = std::fs::read_to_string(env.sidecar())
        .expect("saved")
        .replace(&title_line(&harness), "title: \"their title\"");
    std::fs::write(env.sidecar(), &theirs).expect("teammate writes");
    annotate(&mut harness, "Mayor Adaeze Thorncroft", Key::Num3);
    save(&mut harness);
    harness.get_by_label("Reload").click();
    settle(&mut harness);
    let session = harness.state().session().expect("open");
    assert_eq!(session.set().title, "their title");
    assert_eq!(session.set().annotations.len(), 1);
    assert!(!session.is_dirty());
}

#[test]
fn opening_another_document_with_unsaved_changes_asks() {
    let env = Env::new();
    let other = env.doc.with_file_name("other.txt");
    std::fs::write(&other, "Another story.").expect("write");
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    env.dialogs.push(&other);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut harness);
    assert!(matches!(
        harness.state().prompt(),
        Some(Prompt::Unsaved { .. })
    ));
    harness.get_by_label("Save").click();
    settle(&mut harness);
    let session = harness.state().session().expect("open");
    assert_eq!(session.doc_path(), other.as_path());
    assert!(
        std::fs::read_to_string(env.sidecar())
            .expect("saved first")
            .contains("days of emergency")
    );
}

#[test]
fn a_set_from_a_newer_factmark_is_read_only_and_never_overwritten() {
    let (env, mut harness) = opened();
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    drop(harness);
    let newer = std::fs::read_to_string(env.sidecar())
        .expect("saved")
        .replacen("version: 1,", "version: 99,", 1);
    std::fs::write(env.sidecar(), &newer).expect("write newer");

    let mut harness = env.harness();
    open_document(&env, &mut harness);
    let session = harness.state().session().expect("open");
    assert_eq!(session.set().annotations.len(), 1, "shown read-only");
    assert_eq!(session.set_path(), None);
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("read-only"))
    );
    annotate(&mut harness, "Mayor Adaeze Thorncroft", Key::Num3);
    let elsewhere = env.doc.with_file_name("mine.factmark.ron");
    env.dialogs.push(&elsewhere);
    save(&mut harness);
    assert_eq!(std::fs::read_to_string(env.sidecar()).expect("kept"), newer);
    assert!(
        std::fs::read_to_string(&elsewhere)
            .expect("saved")
            .contains("Thorncroft")
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_changes() {
    let (env, mut harness, fs) = opened_with_faults();
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    fs.fail_next(
        factmark::store::WriteStep::WriteTemp,
        std::io::ErrorKind::StorageFull,
    );
    save(&mut harness);
    assert!(harness.state().session().expect("open").is_dirty());
    assert!(harness.state().messages().has_error_containing("NOT saved"));
    assert!(!env.sidecar().exists());

    save(&mut harness);
    assert!(!harness.state().session().expect("open").is_dirty());
    assert!(env.sidecar().exists());
}

/// Regression: the worker turned every store error into text, so a permission problem got
/// the same advice as any other failure. The app now matches on the typed error.
#[test]
fn a_save_refused_by_permissions_says_to_save_elsewhere() {
    let (_env, mut harness, fs) = opened_with_faults();
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    fs.fail_next(
        factmark::store::WriteStep::Rename,
        std::io::ErrorKind::PermissionDenied,
    );
    save(&mut harness);
    let messages = harness.state().messages();
    assert!(
        messages.has_error_containing("you may not write to this file or folder"),
        "{:?}",
        messages.current().collect::<Vec<_>>()
    );
    assert!(!messages.has_error_containing("the disk is full"));
    assert!(harness.state().session().expect("open").is_dirty());

    fs.fail_next(
        factmark::store::WriteStep::WriteTemp,
        std::io::ErrorKind::StorageFull,
    );
    save(&mut harness);
    assert!(
        harness
            .state()
            .messages()
            .has_error_containing("the disk is full")
    );
    assert!(harness.state().session().expect("open").is_dirty());
}

#[test]
fn open_another_annotation_set_for_the_document() {
    let env = Env::new();
    let mine = env.doc.with_file_name("bea.factmark.ron");
    {
        let mut harness = env.harness();
        open_document(&env, &mut harness);
        annotate(&mut harness, "Mayor Adaeze Thorncroft", Key::Num3);
        env.dialogs.push(&mine);
        harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
        settle(&mut harness);
        assert!(mine.exists());
        assert!(!env.sidecar().exists(), "Save As wrote elsewhere");
    }
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    assert!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .annotations
            .is_empty()
    );
    env.dialogs.push(&mine);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Annotation Set…").click();
    settle(&mut harness);
    let session = harness.state().session().expect("open");
    assert_eq!(session.set_path(), Some(mine.as_path()));
    assert_eq!(session.set().annotations.len(), 1);
    assert!(!session.is_dirty());
    assert!(harness.state().messages().current().any(|m| {
        m.text
            .contains("Loaded 1 annotation(s) from bea.factmark.ron")
    }));
}

#[test]
fn reopening_clears_notices_about_the_replaced_document() {
    let (env, mut harness) = opened();
    // A stale warning: a tag key pressed with nothing selected.
    press(&mut harness, Key::Num1);
    let warned = |h: &Harness<'static, FactmarkApp>| {
        h.state()
            .messages()
            .current()
            .any(|m| m.text.contains("Select some text"))
    };
    assert!(warned(&harness), "the tag key without a selection warns");

    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    open_document(&env, &mut harness);

    assert!(!warned(&harness), "the old warning is gone after reopening");
    let loaded = harness
        .state()
        .messages()
        .current()
        .filter(|m| m.text.starts_with("Loaded "))
        .count();
    assert_eq!(loaded, 1, "exactly the new load summary is shown");
}

//! Changes you can see and files you can find again: the unsaved mark follows undo and redo
//! back to the saved state; recent documents are remembered canonical and once.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed expectation is the test failing"
)]

mod ui_support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use ui_support::{Env, open_document, opened, save, settle};

#[test]
fn undo_and_redo_back_to_the_saved_state_are_not_unsaved() {
    let (_env, mut harness) = opened();
    ui_support::annotate(&mut harness, "poor", Key::Num1);
    ui_support::annotate(&mut harness, "We had a bridge", Key::Num2);
    save(&mut harness);
    let dirty = |h: &egui_kittest::Harness<'static, factmark::ui::FactmarkApp>| {
        h.state().session().unwrap().is_dirty()
    };
    assert!(!dirty(&harness));
    assert!(harness.query_by_label("Unsaved changes").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(dirty(&harness));
    harness.get_by_label("Unsaved changes");
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    harness.run();
    assert!(!dirty(&harness), "redo back to what is saved");
    assert!(harness.query_by_label("Unsaved changes").is_none());
    // Undo twice, redo twice: saved again; a new change after an undo is unsaved for good.
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
    }
    assert!(dirty(&harness));
    for _ in 0..2 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
        harness.run();
    }
    assert!(!dirty(&harness));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    ui_support::annotate(&mut harness, "Port Authority", Key::Num1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(dirty(&harness), "one annotation fewer than saved");
}

#[test]
fn recent_documents_are_canonical_and_listed_once() {
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    // The same file spelled another way (as a relative path from elsewhere would resolve).
    let docs = env.doc.parent().unwrap();
    let roundabout = docs
        .join("..")
        .join("docs")
        .join(".")
        .join("harbor-bridge.txt");
    env.dialogs.push(&roundabout);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut harness);
    let canonical = std::fs::canonicalize(&env.doc).unwrap();
    assert_eq!(harness.state().persisted().recent, vec![canonical]);
}

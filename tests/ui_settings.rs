//! Settings: reviewer name becomes the author, font size keys, persistence through
//! eframe storage; the title shows unsaved changes.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use std::collections::HashMap;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use factmark::ui::state::settings::{Persisted, STORAGE_KEY};
use ui_support::{Env, annotate, open_document, opened};

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn reviewer_name_from_settings_is_the_author() {
    let (_env, mut harness) = opened();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run();
    let name = harness.get_by_label("Reviewer name");
    name.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Reviewer name")
        .type_text("Bea Okafor");
    harness.run();
    assert_eq!(harness.state().persisted().settings.reviewer, "Bea Okafor");

    // Leave the field, then annotate.
    harness.key_press(Key::Escape);
    harness.run();
    annotate(&mut harness, "$41.3 million", Key::Num1);
    let session = harness.state().session().expect("open");
    assert_eq!(
        session.set().annotations.first().expect("added").author,
        "Bea Okafor"
    );
}

#[test]
fn font_size_keys_and_persistence() {
    let (env, mut harness) = opened();
    let before = harness.state().persisted().settings.font_size;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    let after = harness.state().persisted().settings.font_size;
    assert!((after - (before + 1.0)).abs() < 1e-3, "{before} -> {after}");
    let view_size = harness
        .state()
        .session()
        .expect("open")
        .doc_view
        .font_size();
    assert!((view_size - after).abs() < 1e-3);

    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let stored: Persisted = eframe::get_value(&storage, STORAGE_KEY).expect("persisted");
    assert!((stored.settings.font_size - after).abs() < 1e-3);
    assert_eq!(stored.recent.first(), Some(&env.doc));
}

#[test]
fn status_bar_counts_tags_and_shows_saved_state() {
    let (_env, mut harness) = opened();
    harness.get_by_label("All changes saved");
    annotate(&mut harness, "$41.3 million", Key::Num1);
    harness.get_by_label("claim 1");
    harness.get_by_label("quote 0");
    harness.get_by_label("Unsaved changes");
}

#[test]
fn custom_tag_with_its_own_key() {
    let (_env, mut harness) = opened();
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Tags…").click();
    harness.run();
    harness.get_by_label("Tag name").focus();
    harness.run();
    harness.get_by_label("Tag name").type_text("statistic");
    harness.get_by_label("Key").focus();
    harness.run();
    harness.get_by_label("Key").type_text("4");
    harness.run();
    harness.get_by_label("Add tag").click();
    harness.run();
    let session = harness.state().session().expect("open");
    let tag = session.set().tag("statistic").expect("tag added");
    assert_eq!(tag.key, Some('4'));

    // Leave the form, then key 4 applies the new tag.
    harness.key_press(Key::Escape);
    harness.run();
    annotate(&mut harness, "28,400 vehicles a day", Key::Num4);
    let session = harness.state().session().expect("open");
    assert_eq!(
        session.set().annotations.first().map(|a| a.tag.as_str()),
        Some("statistic")
    );
}

#[test]
fn dropping_a_file_opens_it() {
    let env = Env::new();
    let mut harness = env.harness();
    ui_support::drop_path(&mut harness, &env.doc);
    ui_support::settle(&mut harness);
    let session = harness.state().session().expect("dropped document opened");
    assert_eq!(session.doc_path(), env.doc.as_path());
}

#[test]
fn title_marks_unsaved_changes() {
    let env = Env::new();
    let mut harness = env.harness();
    assert_eq!(harness.state().window_title(), "factmark");
    open_document(&env, &mut harness);
    assert_eq!(
        harness.state().window_title(),
        "harbor-bridge.txt — factmark"
    );
    annotate(&mut harness, "$41.3 million", Key::Num1);
    assert_eq!(
        harness.state().window_title(),
        "● harbor-bridge.txt — factmark"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    ui_support::settle(&mut harness);
    assert_eq!(
        harness.state().window_title(),
        "harbor-bridge.txt — factmark"
    );
}

#[test]
fn open_recent_from_the_file_menu() {
    let env = Env::new();
    let other = env.doc.with_file_name("other.txt");
    std::fs::write(&other, "Another story.").expect("write");
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    env.dialogs.push(&other);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    ui_support::settle(&mut harness);
    assert_eq!(
        harness.state().persisted().recent,
        vec![other.clone(), env.doc.clone()]
    );
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").hover();
    harness.run();
    harness.get_by_label(&env.doc.display().to_string()).click();
    ui_support::settle(&mut harness);
    let session = harness.state().session().expect("open");
    assert_eq!(session.doc_path(), env.doc.as_path());
}

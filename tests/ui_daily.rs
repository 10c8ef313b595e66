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

/// Write a set whose claim was made on an older wording of the sample's last paragraph
/// ("published" was "posted", "second-phase" was "second"): it anchors fuzzy.
fn write_set_with_fuzzy(env: &Env) -> factmark::model::AnnotationId {
    use chrono::TimeZone as _;
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("time");
    let new_text = "The city has published the first-phase invoices on its website, a \
                    spokesperson for the mayor said on Monday, and will hold a public hearing \
                    on the second-phase budget";
    let old_text = new_text
        .replace("published", "posted")
        .replace("second-phase", "second");
    assert!(ui_support::SAMPLE.contains(new_text));
    let old = factmark::model::Document::new(&ui_support::SAMPLE.replace(new_text, &old_text));
    let mut set = factmark::model::AnnotationSet::new(&old, "harbor-bridge.txt", "t", now);
    let start = *old.find_all_char_starts(&old_text).first().expect("in old");
    let annotation = factmark::model::Annotation::new(
        &old,
        start..start + old_text.chars().count(),
        factmark::model::TAG_CLAIM,
        "ana",
        now,
    );
    let id = annotation.id;
    set.annotations.push(annotation);
    factmark::store::save_set(&factmark::store::RealFs, &env.sidecar(), &set, None, true)
        .expect("write set");
    id
}

#[test]
fn show_in_the_review_queue_scrolls_to_and_flashes_the_proposed_place() {
    let env = Env::new();
    let id = write_set_with_fuzzy(&env);
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    let session = harness.state().session().unwrap();
    let annotation = session.annotation(id).unwrap().clone();
    assert!(
        matches!(
            annotation.status,
            factmark::model::AnchorStatus::Fuzzy { .. }
        ),
        "{:?}",
        annotation.status
    );
    let place = annotation.position.range();
    assert!(
        session.doc_view.char_screen_rect(place.start).is_none(),
        "the place starts off screen"
    );
    harness.get_by_label("Show").click();
    harness.run_steps(2);
    let view = &harness.state().session().unwrap().doc_view;
    assert_eq!(view.flashing(), Some(place.clone()));
    assert!(
        view.char_screen_rect(place.start).is_some(),
        "scrolled to the place"
    );
    // The flash ends by itself (each harness step is a quarter of a second).
    harness.run_steps(8);
    assert_eq!(harness.state().session().unwrap().doc_view.flashing(), None);
}

#[test]
fn said_by_choices_show_line_and_context() {
    let env = Env::new();
    std::fs::write(
        &env.doc,
        "“We will appeal,” she said.\nThe lawyer disagreed.\n“It is over,” she said.\n",
    )
    .unwrap();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    let first = {
        let doc = std::sync::Arc::clone(harness.state().session().unwrap().doc());
        let starts = doc.find_all_char_starts("she said");
        assert_eq!(starts.len(), 2);
        starts
    };
    for start in &first {
        harness
            .state_mut()
            .session_mut()
            .unwrap()
            .doc_view
            .set_selection(Some(*start..*start + 8));
        harness.run();
        ui_support::press(&mut harness, Key::Num3);
    }
    ui_support::annotate(&mut harness, "It is over", Key::Num2);
    let said_by = |h: &mut egui_kittest::Harness<'static, factmark::ui::FactmarkApp>| {
        h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Said by")
            .click();
        h.run();
    };
    said_by(&mut harness);
    // Two "she said": told apart by their line and the words before them.
    harness.get_by_label("line 1: …“We will appeal,” “she said”");
    harness
        .get_by_label("line 3: …disagreed. “It is over,” “she said”")
        .click();
    harness.run();
    let session = harness.state().session().unwrap();
    let quote = session.selected().unwrap();
    let said = session.set().said_by(quote).expect("linked");
    assert_eq!(said.position.char_start, first[1]);
}

#[test]
fn messages_stack_where_they_cover_no_control() {
    let (_env, mut harness) = opened();
    ui_support::annotate(&mut harness, "poor", Key::Num1);
    // Nothing selected in the text now: the tag key warns, and the warning stays.
    ui_support::press(&mut harness, Key::Num1);
    for (width, height) in [(1400.0, 900.0), (800.0, 600.0)] {
        harness.set_size(egui::vec2(width, height));
        harness.run_steps(3);
        let warning = harness.get_by_label_contains("Select some text").rect();
        let side_left = harness.get_by_label("Annotations (1)").rect().left();
        assert!(
            warning.right() < side_left,
            "at {width}: the warning reaches into the side panel: {warning:?}"
        );
        for control in ["Delete annotation", "Note"] {
            for node in harness.query_all_by_label(control) {
                assert!(
                    !warning.intersects(node.rect()),
                    "the warning covers {control}: {warning:?} / {:?}",
                    node.rect()
                );
            }
        }
    }
    // Information fades after a few seconds (a harness step is a quarter second); the
    // warning stays until dismissed.
    ui_support::press(&mut harness, Key::Escape);
    harness.key_press_modifiers(Modifiers::ALT, Key::Num1);
    harness.run();
    harness.get_by_label_contains("Select a claim first");
    harness.run_steps(28);
    assert!(
        harness
            .query_by_label_contains("Select a claim first")
            .is_none(),
        "information faded"
    );
    harness.get_by_label_contains("Select some text");
    let dismiss: Vec<_> = harness.query_all_by_label("Dismiss").collect();
    assert_eq!(dismiss.len(), 1, "one message left");
    dismiss[0].click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Select some text")
            .is_none()
    );
}

#[test]
fn small_windows_keep_a_readable_document_column() {
    let (_env, mut harness) = opened();
    ui_support::annotate(&mut harness, "poor", Key::Num1);
    for (width, height) in [(800.0, 600.0), (560.0, 600.0), (1400.0, 900.0)] {
        harness.set_size(egui::vec2(width, height));
        harness.run_steps(4);
        // The side panel starts where the document column's minimum ends, or further right.
        let side_left = harness.get_by_label("Annotations (1)").rect().left();
        assert!(
            side_left >= factmark::ui::app::layout::DOC_MIN_WIDTH,
            "at {width}x{height} the document column is {side_left} wide"
        );
        // Its tabs wrap rather than run off the window.
        let tab = harness.get_by_label("Review queue (0)").rect();
        assert!(tab.right() <= width + 1.0, "{tab:?}");
    }
}

#[test]
fn without_file_dialogs_open_says_what_is_missing_and_takes_a_path() {
    let env = Env::new();
    env.dialogs.set_missing("no D-Bus session and no zenity");
    let mut harness = env.harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.get_by_label_contains("no D-Bus session and no zenity");
    harness.event(egui::Event::Text(env.doc.display().to_string()));
    harness.run();
    harness.key_press(Key::Enter);
    settle(&mut harness);
    let session = harness.state().session().expect("opened by its path");
    assert_eq!(session.doc_path(), env.doc.as_path());
}

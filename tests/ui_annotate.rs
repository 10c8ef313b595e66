//! Open a document, annotate with the keyboard, see it in the list, save, reopen; undo/redo.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use factmark::model::{TAG_ATTRIBUTION, TAG_QUOTE};
use ui_support::{annotate, open_document, opened, press, save, select_text};

const QUOTE: &str = "I wasn’t going to wait for a spreadsheet to tell me it was safe";

#[test]
fn select_press_2_list_save_reopen() {
    let (env, mut harness) = opened();

    let range = select_text(&mut harness, QUOTE);
    press(&mut harness, Key::Num2);

    let session = harness.state().session().expect("open");
    let annotations = &session.set().annotations;
    assert_eq!(annotations.len(), 1);
    let annotation = annotations.first().expect("one annotation");
    assert_eq!(annotation.tag, TAG_QUOTE);
    assert_eq!(annotation.position.range(), range);
    assert_eq!(annotation.quote.exact, QUOTE);
    assert_eq!(session.selected(), Some(annotation.id));
    assert!(session.is_dirty());
    // The list shows it, with its tag and the quote.
    harness.get_by_label_contains("quote  “I wasn’t going to wait");
    harness.get_by_label_contains("Unsaved changes");

    save(&mut harness);
    assert!(!harness.state().session().expect("open").is_dirty());
    harness.get_by_label_contains("All changes saved");
    let saved = std::fs::read_to_string(env.sidecar()).expect("sidecar written");
    assert!(saved.contains("spreadsheet"), "{saved}");
    drop(harness);

    let mut again = env.harness();
    open_document(&env, &mut again);
    let session = again.state().session().expect("reopened");
    let reloaded = session.set().annotations.first().expect("annotation back");
    assert_eq!(reloaded.quote.exact, QUOTE);
    assert_eq!(reloaded.position.range(), range);
    assert!(!session.is_dirty());
    again.get_by_label_contains("quote  “I wasn’t going to wait");
}

#[test]
fn selection_is_trimmed_and_whitespace_only_is_refused() {
    let (_env, mut harness) = opened();
    let padded = select_text(&mut harness, " Councillor Bram Ostendorf, ");
    press(&mut harness, Key::Num3);
    let session = harness.state().session().expect("open");
    let annotation = session.set().annotations.first().expect("added");
    assert_eq!(annotation.tag, TAG_ATTRIBUTION);
    assert_eq!(annotation.quote.exact, "Councillor Bram Ostendorf,");
    assert_eq!(annotation.position.char_start, padded.start + 1);

    // Nothing selected: a warning, no annotation.
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Num1);
    assert_eq!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .annotations
            .len(),
        1
    );
    harness.get_by_label_contains("Select some text in the document first");
}

#[test]
fn undo_redo_with_keys_and_menu_label() {
    let (_env, mut harness) = opened();
    annotate(&mut harness, QUOTE, Key::Num1);
    annotate(&mut harness, "Mayor Adaeze Thorncroft", Key::Num3);
    let count = |h: &egui_kittest::Harness<'static, factmark::ui::FactmarkApp>| {
        h.state().session().expect("open").set().annotations.len()
    };
    assert_eq!(count(&harness), 2);

    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo Add attribution");
    press(&mut harness, Key::Escape);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(count(&harness), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(count(&harness), 0);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(count(&harness), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(count(&harness), 2);

    // Delete the selected annotation with the Delete key, then undo it.
    press(&mut harness, Key::N);
    let selected = harness.state().session().expect("open").selected();
    assert!(selected.is_some());
    press(&mut harness, Key::Delete);
    assert_eq!(count(&harness), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(count(&harness), 2);
}

#[test]
fn keys_do_not_fire_while_typing_in_a_text_field() {
    let (_env, mut harness) = opened();
    select_text(&mut harness, QUOTE);
    harness.get_by_label("Search").focus();
    harness.run();
    harness.get_by_label("Search").type_text("2");
    harness.key_press(Key::Num2);
    harness.run();
    assert!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .annotations
            .is_empty(),
        "typing 2 in the search field must not tag the selection"
    );
}

#[test]
fn link_a_quote_to_who_said_it() {
    use factmark::model::Link;
    let (_env, mut harness) = opened();
    annotate(&mut harness, "Mayor Adaeze Thorncroft", Key::Num3);
    annotate(&mut harness, QUOTE, Key::Num2);
    let (quote, mayor) = {
        let set = harness.state().session().expect("open").set();
        let id = |tag: &str| {
            set.annotations
                .iter()
                .find(|a| a.tag == tag)
                .map(|a| a.id)
                .expect("annotation")
        };
        (id(TAG_QUOTE), id(TAG_ATTRIBUTION))
    };
    assert_eq!(
        harness.state().session().expect("open").selected(),
        Some(quote)
    );

    harness.get_by_label("Said by").click();
    harness.run();
    // Choices read "line N: …words before “attribution”".
    let line = {
        let session = harness.state().session().expect("open");
        let start = session
            .annotation(mayor)
            .expect("mayor")
            .position
            .char_start;
        session.doc().line_col(start).line
    };
    harness
        .get_by_label_contains(&format!("line {line}: "))
        .click();
    harness.run();
    let session = harness.state().session().expect("open");
    assert_eq!(
        session.set().links,
        vec![Link::SaidBy {
            annotation: quote,
            attribution: mayor,
        }]
    );
    assert_eq!(session.set().said_by(quote).map(|a| a.id), Some(mayor));

    // The attribution lists what was said there; clicking it selects the quote.
    harness
        .state_mut()
        .session_mut()
        .expect("open")
        .select(Some(mayor));
    harness.run();
    harness.get_by_label("Said here (1)");
    harness
        .get_by_label_contains("quote: “I wasn’t going")
        .click();
    harness.run();
    assert_eq!(
        harness.state().session().expect("open").selected(),
        Some(quote)
    );
}

/// A new set is titled by the document's first line in the app, as on the command line
/// (the app used the file stem).
#[test]
fn a_new_set_is_titled_by_the_documents_headline() {
    let (_env, harness) = opened();
    let headline = ui_support::SAMPLE.lines().next().expect("a first line");
    assert_eq!(
        harness.state().session().expect("open").set().title,
        headline
    );
}

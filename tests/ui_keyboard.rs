//! The reviewer's daily loop with the keyboard only: find as pasted, caret and selection
//! keys, verdict keys, evidence in one step, Esc and Enter in windows and prompts.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

mod ui_support;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{EvidenceKind, Link, Stance, Verdict};
use factmark::store::{RealFs, load_set};
use factmark::ui::FactmarkApp;
use ui_support::{Env, open_document, opened, save, settle};

type App = Harness<'static, FactmarkApp>;

fn key(harness: &mut App, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// An Alt shortcut as X11 delivers it: the key press and the text it would type.
fn alt_key(harness: &mut App, key: Key, text: &str) {
    let input = harness.input_mut();
    input.events.push(Event::ModifiersChanged(Modifiers::ALT));
    input.events.push(Event::Key {
        key,
        physical_key: Some(key),
        pressed: true,
        repeat: false,
        modifiers: Modifiers::ALT,
    });
    input.events.push(Event::Text(text.to_owned()));
    harness.step();
    harness
        .input_mut()
        .events
        .push(Event::ModifiersChanged(Modifiers::NONE));
    harness.step();
    harness.run();
}

fn type_text(harness: &mut App, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

/// Press a key and let the scroll animation finish.
fn key_and_scroll(harness: &mut App, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(40);
}

fn selection(harness: &App) -> Option<std::ops::Range<usize>> {
    harness.state().session()?.doc_view.selection()
}

/// The phrase as a reviewer types it (straight quotes, plain spaces); the sample writes
/// `rated “poor” in three consecutive`.
const TYPED: &str = "rated \"poor\" in three consecutive";
const EXACT: &str = "rated “poor” in three consecutive";

#[test]
fn keyboard_only_review_from_open_to_save() {
    let env = Env::new();
    let mut harness = env.harness();
    // Open (Ctrl+O; the fake dialog answers), then find the phrase as typed.
    open_document(&env, &mut harness);
    key(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, TYPED);
    harness.get_by_label("1 match");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("1 of 1");
    // Esc leaves the find bar; the match stays selected and the keys go to the document.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    let found = selection(&harness).expect("the match is selected");
    let doc = std::sync::Arc::clone(harness.state().session().unwrap().doc());
    assert_eq!(doc.slice(found.clone()), EXACT);
    // Tag it as a claim (1), give it a verdict (Alt+5: False).
    key(&mut harness, Modifiers::NONE, Key::Num1);
    let id = harness
        .state()
        .session()
        .and_then(|s| s.selected())
        .expect("the new claim is selected");
    alt_key(&mut harness, Key::Num5, "5");
    // Evidence in one step: Ctrl+L, paste the address, Alt+R refutes, Enter.
    key(&mut harness, Modifiers::COMMAND, Key::L);
    type_text(&mut harness, "https://example.org/inspections-2021");
    alt_key(&mut harness, Key::R, "r");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        harness.state().session().unwrap().history().undo_label(),
        Some("Add and link evidence example.org"),
        "one step, named in the Edit menu"
    );
    save(&mut harness);

    let saved = load_set(&RealFs, &env.sidecar())
        .expect("saved set loads")
        .set;
    let [annotation] = saved.annotations.as_slice() else {
        panic!("one annotation saved: {:?}", saved.annotations);
    };
    assert_eq!(annotation.id, id);
    assert_eq!(annotation.tag, "claim");
    assert_eq!(annotation.verdict, Verdict::False);
    assert_eq!(
        annotation.quote.exact, EXACT,
        "the stored quote is the document's text"
    );
    assert_eq!(annotation.position.char_start, found.start);
    let [evidence] = saved.evidence.as_slice() else {
        panic!("one evidence saved: {:?}", saved.evidence);
    };
    assert!(
        matches!(&evidence.kind, EvidenceKind::Url { url, .. } if url == "https://example.org/inspections-2021"),
        "{evidence:?}"
    );
    assert!(saved.links.contains(&Link::Evidence {
        annotation: id,
        evidence: evidence.id,
        stance: Stance::Refutes,
    }));
}

#[test]
fn find_bar_counts_one_match_and_finds_through_no_break_spaces() {
    let env = Env::new();
    std::fs::write(
        &env.doc,
        "Aid reached the\u{a0}NGOs\u{a0}Doctors Without Borders.\nA 5\u{2009}km walk — \
         “not\nfar”.\n",
    )
    .expect("write doc");
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    key(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "the NGOs Doctors");
    harness.get_by_label("1 match");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let doc = std::sync::Arc::clone(harness.state().session().unwrap().doc());
    let found = selection(&harness).expect("selected");
    assert_eq!(doc.slice(found), "the\u{a0}NGOs\u{a0}Doctors");
    // Replace the query: thin space, dash and a line break inside curly quotes.
    key(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "5 km walk - \"not far\"");
    harness.get_by_label("1 match");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let found = selection(&harness).expect("selected");
    assert_eq!(doc.slice(found), "5\u{2009}km walk — “not\nfar”");
    type_text(&mut harness, "zzz");
    harness.get_by_label("no matches");
}

#[test]
fn caret_keys_move_select_and_scroll() {
    let (_env, mut harness) = opened();
    let doc = std::sync::Arc::clone(harness.state().session().unwrap().doc());
    let first_line_end = doc.text().find('\n').map(|b| doc.byte_to_char(b)).unwrap();
    // The view has focus after opening: no click needed.
    key(&mut harness, Modifiers::SHIFT, Key::End);
    assert_eq!(selection(&harness), Some(0..first_line_end), "Shift+End");
    key(&mut harness, Modifiers::NONE, Key::Home);
    assert_eq!(selection(&harness), None, "Home collapses to a caret");
    key(
        &mut harness,
        Modifiers::SHIFT.plus(Modifiers::COMMAND),
        Key::ArrowRight,
    );
    assert_eq!(
        selection(&harness).map(|r| doc.slice(r).to_owned()),
        Some("Kestrel".into())
    );
    key(
        &mut harness,
        Modifiers::SHIFT.plus(Modifiers::COMMAND),
        Key::ArrowRight,
    );
    assert_eq!(
        selection(&harness).map(|r| doc.slice(r).to_owned()),
        Some("Kestrel Point".into()),
        "Shift+Ctrl+Right extends by a word"
    );
    key(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(
        selection(&harness).map(|r| doc.slice(r).to_owned()),
        Some("Kestrel Poin".into())
    );
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    key(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(
        selection(&harness).map(|r| doc.slice(r).to_owned()),
        Some("t".into()),
        "Right collapses to the selection's end, Shift+Right extends from there"
    );
    // Scrolling keys follow the caret.
    let top = |h: &App| h.state().session().unwrap().doc_view.first_visible_char();
    let start = top(&harness).expect("drawn");
    key_and_scroll(&mut harness, Modifiers::NONE, Key::PageDown);
    let paged = top(&harness).expect("drawn");
    assert!(paged > start, "PageDown scrolls: {start} -> {paged}");
    key_and_scroll(&mut harness, Modifiers::COMMAND, Key::End);
    let end = top(&harness).expect("drawn");
    assert!(end > paged, "Ctrl+End scrolls to the end: {paged} -> {end}");
    key_and_scroll(&mut harness, Modifiers::SHIFT, Key::ArrowUp);
    let up = selection(&harness).expect("Shift+Up selects");
    assert_eq!(up.end, doc.char_len());
    key_and_scroll(&mut harness, Modifiers::COMMAND, Key::Home);
    assert_eq!(top(&harness), Some(0), "Ctrl+Home scrolls to the top");
}

#[test]
fn verdict_keys_are_in_the_menu_and_say_why_not() {
    let (_env, mut harness) = opened();
    // No annotation selected: a message, nothing changes.
    key(&mut harness, Modifiers::ALT, Key::Num1);
    assert!(
        harness
            .state()
            .session()
            .unwrap()
            .set()
            .annotations
            .is_empty()
    );
    harness.get_by_label_contains("Select a claim first");
    let id = ui_support::annotate(&mut harness, "poor", Key::Num1);
    key(&mut harness, Modifiers::ALT, Key::Num7);
    let verdict = |h: &App| h.state().session().unwrap().annotation(id).unwrap().verdict;
    assert_eq!(verdict(&harness), Verdict::Unverifiable);
    key(&mut harness, Modifiers::ALT, Key::Num0);
    assert_eq!(verdict(&harness), Verdict::Unreviewed);
    // While typing the note, Alt+3 sets the verdict and types nothing.
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note")
        .focus();
    harness.run();
    type_text(&mut harness, "Checked the minutes");
    alt_key(&mut harness, Key::Num3, "3");
    assert_eq!(verdict(&harness), Verdict::HalfTrue);
    key(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(
        harness
            .state()
            .session()
            .unwrap()
            .annotation(id)
            .unwrap()
            .note,
        "Checked the minutes"
    );
    // The Edit menu lists each verdict with its key.
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Verdict")
        .hover();
    harness.run();
    harness.get_by_label("Mostly true Alt+2");
    // Esc closes the open menu and changes nothing else.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness.query_by_label("Mostly true Alt+2").is_none(),
        "menu closed"
    );
    assert_eq!(harness.state().session().unwrap().selected(), Some(id));
}

#[test]
fn esc_closes_the_export_window() {
    let (_env, mut harness) = opened();
    key(&mut harness, Modifiers::COMMAND, Key::E);
    assert!(harness.state().export_window().open);
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().export_window().open);
}

#[test]
fn enter_confirms_the_default_button_of_a_prompt() {
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    ui_support::annotate(&mut harness, "poor", Key::Num1);
    // Open again with unsaved changes: the question; Enter answers Save.
    env.dialogs.push(&env.doc);
    key(&mut harness, Modifiers::COMMAND, Key::O);
    assert!(
        harness.state().prompt().is_some(),
        "asks about unsaved changes"
    );
    key(&mut harness, Modifiers::NONE, Key::Enter);
    settle(&mut harness);
    assert!(harness.state().prompt().is_none());
    let saved = load_set(&RealFs, &env.sidecar()).expect("saved").set;
    assert_eq!(saved.annotations.len(), 1);
}

#[test]
fn evidence_in_one_step_is_one_undo_and_its_stance_changes_later() {
    let (_env, mut harness) = opened();
    let claim = ui_support::annotate(&mut harness, "poor", Key::Num1);
    key(&mut harness, Modifiers::COMMAND, Key::L);
    harness.get_by_label("Citation").click();
    harness.run();
    type_text(&mut harness, "Port Authority report 2025");
    key(&mut harness, Modifiers::COMMAND, Key::Enter);
    let set = |h: &App| h.state().session().unwrap().set().clone();
    assert_eq!(set(&harness).evidence.len(), 1);
    assert_eq!(
        set(&harness)
            .evidence_of(claim)
            .map(|(_, s)| s)
            .collect::<Vec<_>>(),
        [Stance::Supports]
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        set(&harness).evidence.is_empty(),
        "one undo takes both back"
    );
    assert!(set(&harness).links.is_empty());
    key(
        &mut harness,
        Modifiers::COMMAND.plus(Modifiers::SHIFT),
        Key::Z,
    );
    assert_eq!(set(&harness).evidence.len(), 1);

    // Change the stance in the detail panel.
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::ComboBox,
            "Port Authority report 2025",
        )
        .click();
    harness.run();
    harness.get_by_label("refutes").click();
    harness.run();
    assert_eq!(
        set(&harness)
            .evidence_of(claim)
            .map(|(_, s)| s)
            .collect::<Vec<_>>(),
        [Stance::Refutes]
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        set(&harness)
            .evidence_of(claim)
            .map(|(_, s)| s)
            .collect::<Vec<_>>(),
        [Stance::Supports]
    );

    // Another annotation links the same evidence from the searchable list.
    let quote = ui_support::annotate(&mut harness, "We had a bridge", Key::Num2);
    key(&mut harness, Modifiers::COMMAND, Key::L);
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::TextInput,
            "Or link evidence already in the set",
        )
        .focus();
    harness.run();
    type_text(&mut harness, "authority");
    key(&mut harness, Modifiers::ALT, Key::C);
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let set = set(&harness);
    assert_eq!(set.evidence.len(), 1, "linked, not copied");
    assert_eq!(
        set.evidence_of(quote).map(|(_, s)| s).collect::<Vec<_>>(),
        [Stance::Context]
    );
}

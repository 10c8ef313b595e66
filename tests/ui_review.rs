//! The review queue: re-attach an orphan to the selection, accept, delete; the find bar;
//! the note editor makes one undo step per burst of typing; the sample document.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use chrono::TimeZone as _;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use factmark::model::{AnchorStatus, Annotation, AnnotationSet, Document, TAG_CLAIM};
use factmark::store::RealFs;
use factmark::ui::SideTab;
use ui_support::{Env, SAMPLE, annotate, open_document, opened, press, select_text, settle};

/// Write a set whose only annotation quotes text the document no longer has.
fn write_set_with_orphan(env: &Env) -> factmark::model::AnnotationId {
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("time");
    let old = Document::new(&SAMPLE.replace("$41.3 million", "$39.9 million"));
    let mut set = AnnotationSet::new(&old, "harbor-bridge.txt", "harbor-bridge", now);
    let start = *old
        .find_all_char_starts("$39.9 million")
        .first()
        .expect("in old text");
    let annotation = Annotation::new(&old, start..start + 13, TAG_CLAIM, "ana", now);
    let id = annotation.id;
    set.annotations.push(annotation);
    factmark::store::save_set(&RealFs, &env.sidecar(), &set, None, true).expect("write set");
    id
}

#[test]
fn reattach_an_orphan_to_the_selection() {
    let env = Env::new();
    let id = write_set_with_orphan(&env);
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    let session = harness.state().session().expect("open");
    let orphan = session.set().annotation(id).expect("kept, not dropped");
    assert!(orphan.status.needs_review(), "{:?}", orphan.status);
    assert_eq!(harness.state().tab(), SideTab::Review);
    harness.get_by_label_contains("$39.9 million");

    let range = select_text(&mut harness, "$41.3 million");
    harness.get_by_label("Re-attach to selection").click();
    harness.run();
    let session = harness.state().session().expect("open");
    let placed = session.set().annotation(id).expect("still there");
    assert_eq!(placed.status, AnchorStatus::Exact);
    assert_eq!(placed.position.range(), range);
    assert_eq!(placed.quote.exact, "$41.3 million");
    harness.get_by_label_contains("Nothing to review");

    // Undo puts it back in the queue.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let session = harness.state().session().expect("open");
    assert!(
        session
            .set()
            .annotation(id)
            .expect("there")
            .status
            .needs_review()
    );
}

#[test]
fn delete_from_the_review_queue() {
    let env = Env::new();
    let id = write_set_with_orphan(&env);
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .annotation(id)
            .is_none()
    );
}

#[test]
fn find_bar_counts_matches_and_selects_the_current_one() {
    let (_env, mut harness) = opened();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find").type_text("BRIDGE");
    harness.run();
    let expected = SAMPLE.to_lowercase().matches("bridge").count();
    assert!(expected > 1);
    harness.get_by_label_contains(&format!("{expected} matches"));
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label_contains(&format!("1 of {expected}"));
    let session = harness.state().session().expect("open");
    let selection = session.doc_view.selection().expect("match selected");
    assert_eq!(session.doc().slice(selection).to_lowercase(), "bridge");

    // The match is selected, so a tag key annotates it once the find field lets go.
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Num1);
    let session = harness.state().session().expect("open");
    let annotation = session.set().annotations.first().expect("tagged the match");
    assert_eq!(annotation.quote.exact.to_lowercase(), "bridge");
}

#[test]
fn note_typing_is_one_undo_step() {
    let (_env, mut harness) = opened();
    annotate(&mut harness, "$41.3 million", Key::Num1);
    harness.get_by_label("Note").focus();
    harness.run();
    harness.get_by_label("Note").type_text("Check the council");
    harness.run();
    harness
        .get_by_label("Note")
        .type_text(" minutes of March 3");
    harness.run();
    // Still typing: not yet an edit.
    let note = |h: &egui_kittest::Harness<'static, factmark::ui::FactmarkApp>| {
        h.state()
            .session()
            .expect("open")
            .set()
            .annotations
            .first()
            .expect("a")
            .note
            .clone()
    };
    assert_eq!(note(&harness), "");
    // Leaving the field commits the whole note as one edit.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(note(&harness), "Check the council minutes of March 3");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(note(&harness), "");
    assert_eq!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .annotations
            .len(),
        1,
        "one undo takes back the note, not the annotation"
    );
}

#[test]
fn welcome_screen_opens_the_sample() {
    let env = Env::new();
    let mut harness = env.harness();
    harness.get_by_label("Open the sample document").click();
    settle(&mut harness);
    let session = harness.state().session().expect("sample open");
    assert_eq!(session.doc().text(), Document::new(SAMPLE).text());
    assert!(session.doc_path().starts_with(&env.data_dir));
    assert!(
        !session.set().annotations.is_empty(),
        "the sample comes with its example set"
    );
    assert!(
        session
            .set()
            .annotations
            .iter()
            .all(|a| !a.status.needs_review()),
        "the example set anchors exactly"
    );
    assert_eq!(
        harness
            .state()
            .persisted()
            .recent
            .first()
            .map(|p| p.as_path()),
        Some(session.doc_path())
    );
}

#[test]
fn accept_a_fuzzy_match_at_its_proposed_place() {
    let env = Env::new();
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("time");
    let old_phrase = "rated “poor” in two consecutive inspections since 2021";
    let old = Document::new(&SAMPLE.replace(
        "rated “poor” in three consecutive inspections",
        "rated “poor” in two consecutive inspections",
    ));
    let mut set = AnnotationSet::new(&old, "harbor-bridge.txt", "harbor-bridge", now);
    let start = *old
        .find_all_char_starts(old_phrase)
        .first()
        .expect("in old text");
    let annotation = Annotation::new(
        &old,
        start..start + old_phrase.chars().count(),
        TAG_CLAIM,
        "ana",
        now,
    );
    let id = annotation.id;
    set.annotations.push(annotation);
    factmark::store::save_set(&RealFs, &env.sidecar(), &set, None, true).expect("write set");

    let mut harness = env.harness();
    open_document(&env, &mut harness);
    let session = harness.state().session().expect("open");
    let proposed = session.annotation(id).expect("kept");
    assert!(
        matches!(proposed.status, AnchorStatus::Fuzzy { .. }),
        "{:?}",
        proposed.status
    );
    let place = proposed.position.range();
    harness.get_by_label("Accept").click();
    harness.run();
    let session = harness.state().session().expect("open");
    let accepted = session.annotation(id).expect("kept");
    assert_eq!(accepted.status, AnchorStatus::Exact);
    assert_eq!(accepted.position.range(), place);
    assert_eq!(accepted.quote.exact, session.doc().slice(place));
    assert!(accepted.quote.exact.contains("three consecutive"));
}

#[test]
fn note_is_committed_after_a_pause_in_typing() {
    let (_env, mut harness) = opened();
    annotate(&mut harness, "$41.3 million", Key::Num1);
    harness.get_by_label("Note").focus();
    harness.run();
    harness.get_by_label("Note").type_text("First thought.");
    harness.run();
    let note = |h: &egui_kittest::Harness<'static, factmark::ui::FactmarkApp>| {
        h.state()
            .session()
            .expect("open")
            .set()
            .annotations
            .first()
            .expect("a")
            .note
            .clone()
    };
    assert_eq!(note(&harness), "");
    // Keep the field focused and wait (simulated time: 120 frames ≈ 2 s).
    for _ in 0..120 {
        harness.step();
    }
    assert_eq!(note(&harness), "First thought.");
    harness.get_by_label("Note").type_text(" Second.");
    for _ in 0..120 {
        harness.step();
    }
    assert_eq!(note(&harness), "First thought. Second.");
    // Each pause is one undo step.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(note(&harness), "First thought.");
}

#[test]
fn status_bar_never_draws_the_save_state_over_the_counts() {
    let env = Env::new();
    // One annotation in the review queue, one new: a long anchoring summary.
    write_set_with_orphan(&env);
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    for width in [1400.0, 900.0, 700.0] {
        harness.set_size(egui::vec2(width, 600.0));
        harness.run();
        harness.run();
        let state = harness.get_by_label("Unsaved changes").rect();
        let anchoring = harness.get_by_label("1 exact, 1 fuzzy").rect();
        let doc_name = harness.get_by_label("harbor-bridge.txt").rect();
        assert!(
            doc_name.left() < anchoring.left(),
            "at width {width} the document name still comes first"
        );
        assert!(
            anchoring.right() <= state.left(),
            "at width {width} the anchoring summary {anchoring:?} runs under the save state {state:?}"
        );
    }
}

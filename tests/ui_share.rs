//! Sharing in the app: a teammate's change on disk is merged (never overwritten), conflicts
//! are settled in the Review queue, a teammate's set is merged from the File menu; each
//! merge and each settled conflict is one undo step.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{AnnotationId, AnnotationSet, Edit};
use factmark::store::{self, RealFs};
use factmark::ui::FactmarkApp;
use factmark::ui::windows::prompts::Prompt;
use ui_support::{Env, annotate, menu, opened, save, settle};

/// A teammate rewrites the set file: `change` edits what they loaded.
fn teammate_saves(env: &Env, change: impl FnOnce(&mut AnnotationSet)) {
    let mut theirs = store::load_set(&RealFs, &env.sidecar())
        .expect("teammate loads")
        .set;
    change(&mut theirs);
    store::save_set(&RealFs, &env.sidecar(), &theirs, None, true).expect("teammate saves");
}

/// The char range of the first `needle` in the document.
fn char_range(doc: &factmark::model::Document, needle: &str) -> std::ops::Range<usize> {
    let start = *doc
        .find_all_char_starts(needle)
        .first()
        .expect("in the sample");
    start..start + needle.chars().count()
}

fn on_disk(env: &Env) -> AnnotationSet {
    store::load_set(&RealFs, &env.sidecar())
        .expect("the set on disk loads")
        .set
}

fn session_set(harness: &Harness<'static, FactmarkApp>) -> AnnotationSet {
    harness.state().session().expect("open").set().clone()
}

fn set_note(harness: &mut Harness<'static, FactmarkApp>, id: AnnotationId, note: &str) {
    let now = chrono::Utc::now();
    harness
        .state_mut()
        .session_mut()
        .expect("open")
        .apply(
            "Edit note",
            Edit::SetNote {
                id,
                note: note.to_owned(),
            },
            now,
        )
        .expect("note set");
    harness.run();
}

#[test]
fn merge_on_a_changed_file_keeps_both_and_undo_takes_it_back() {
    let (env, mut harness) = opened();
    let mine = annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    // The teammate adds an attribution of their own.
    let doc = harness.state().session().expect("open").doc().clone();
    let theirs_id = {
        let theirs = factmark::model::Annotation::new(
            &doc,
            char_range(&doc, "Mayor Adaeze Thorncroft"),
            "attribution",
            "bea",
            chrono::Utc::now(),
        );
        let id = theirs.id;
        teammate_saves(&env, |set| set.annotations.push(theirs));
        id
    };

    annotate(&mut harness, "146 days", Key::Num1);
    save(&mut harness);
    assert!(matches!(
        harness.state().prompt(),
        Some(Prompt::ChangedOnDisk { .. })
    ));
    harness.get_by_label("Merge").click();
    settle(&mut harness);

    let set = session_set(&harness);
    assert!(set.annotation(mine).is_some());
    assert!(
        set.annotation(theirs_id).is_some(),
        "their attribution came in"
    );
    assert_eq!(set.annotations.len(), 3);
    assert!(!harness.state().session().expect("open").is_dirty());
    let disk = on_disk(&env);
    assert_eq!(disk.annotations.len(), 3, "the file holds both sides");
    assert!(disk.annotation(theirs_id).is_some());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let set = session_set(&harness);
    assert!(
        set.annotation(theirs_id).is_none(),
        "undo takes the merge back"
    );
    assert_eq!(set.annotations.len(), 2);
}

#[test]
fn a_same_field_conflict_is_settled_in_the_review_queue_and_undo_brings_it_back() {
    let (env, mut harness) = opened();
    let id = annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    teammate_saves(&env, |set| {
        if let Some(a) = set.annotations.iter_mut().find(|a| a.id == id) {
            a.note = "Bea: the report says 146 days".into();
        }
    });
    set_note(&mut harness, id, "Ana: check the council minutes");
    save(&mut harness);
    harness.get_by_label("Merge").click();
    settle(&mut harness);

    let set = session_set(&harness);
    assert_eq!(set.conflicts.len(), 1, "the conflict is recorded");
    assert_eq!(
        set.annotation(id).expect("kept").note,
        "",
        "the agreed value stays"
    );
    assert_eq!(on_disk(&env).conflicts.len(), 1, "and saved with the set");
    harness.get_by_label_contains("Merge conflicts (1)");
    harness.get_by_label("1 conflict(s)"); // the status bar counts it

    // The second "Keep this" is the teammate's side.
    let keep = harness
        .get_all_by_label("Keep this")
        .nth(1)
        .expect("their side");
    keep.click();
    harness.run();
    let set = session_set(&harness);
    assert!(set.conflicts.is_empty());
    assert_eq!(
        set.annotation(id).expect("kept").note,
        "Bea: the report says 146 days"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        session_set(&harness).conflicts.len(),
        1,
        "undo brings it back"
    );
}

#[test]
fn save_as_another_file_never_writes_over_the_teammates_file() {
    let (env, mut harness) = opened();
    annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    teammate_saves(&env, |set| set.title = "their title".into());
    let theirs = std::fs::read(env.sidecar()).expect("theirs");
    annotate(&mut harness, "146 days", Key::Num1);
    save(&mut harness);

    // Choosing the teammate's own file in the dialog is refused.
    env.dialogs.push(env.sidecar());
    harness.get_by_label("Save as another file…").click();
    settle(&mut harness);
    assert_eq!(std::fs::read(env.sidecar()).expect("theirs"), theirs);
    assert!(harness.state().session().expect("open").is_dirty());
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("holds your teammate's changes")),
        "{:?}",
        harness.state().messages().current().collect::<Vec<_>>()
    );
}

#[test]
fn merging_a_teammates_set_from_the_file_menu_is_one_undo_step() {
    let (env, mut harness) = opened();
    let mine = annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);

    // Bea annotated her own copy of the same document.
    let bea_set = env.doc.with_file_name("bea.factmark.ron");
    {
        let doc = harness.state().session().expect("open").doc().clone();
        let mut theirs = AnnotationSet::new(&doc, "harbor-bridge.txt", "Bea's", chrono::Utc::now());
        theirs.annotations.push(factmark::model::Annotation::new(
            &doc,
            char_range(&doc, "146 days"),
            "claim",
            "bea",
            chrono::Utc::now(),
        ));
        store::save_set(&RealFs, &bea_set, &theirs, None, true).expect("bea saves");
    }

    env.dialogs.push(&bea_set);
    menu(&mut harness, "File", "Merge a Teammate's Set…");
    settle(&mut harness);
    let set = session_set(&harness);
    assert_eq!(set.annotations.len(), 2);
    assert!(set.annotation(mine).is_some());
    assert!(harness.state().session().expect("open").is_dirty());
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.starts_with("Merged bea.factmark.ron")),
        "{:?}",
        harness.state().messages().current().collect::<Vec<_>>()
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(session_set(&harness).annotations.len(), 1);
}

#[test]
fn a_teammates_set_shows_as_a_layer_with_their_notes_and_can_be_hidden_or_merged() {
    let (env, mut harness) = opened();
    let mine = annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    // Bea's own set, made apart from ours (no shared history): the same claim, with her
    // own id, note and verdict.
    let bea_set = env.doc.with_file_name("bea.factmark.ron");
    {
        let mut theirs = on_disk(&env);
        theirs.revision = None;
        for a in &mut theirs.annotations {
            a.id = AnnotationId(uuid::Uuid::new_v4());
            a.author = "bea".into();
            a.note = "Bea: 146 days per the port authority".into();
            a.verdict = factmark::model::Verdict::MostlyTrue;
        }
        store::save_set(&RealFs, &bea_set, &theirs, None, true).expect("bea saves");
    }

    env.dialogs.push(&bea_set);
    menu(&mut harness, "File", "Show a Teammate's Set as a Layer…");
    settle(&mut harness);
    let layers = |h: &Harness<'static, FactmarkApp>| {
        h.state()
            .session()
            .expect("open")
            .doc_view
            .highlights()
            .iter()
            .filter(|h| matches!(h.kind, factmark::ui::doc_view::HighlightKind::Layer { .. }))
            .count()
    };
    assert_eq!(layers(&harness), 1, "her annotation is outlined");
    assert_eq!(
        session_set(&harness).annotations.len(),
        1,
        "nothing merged yet"
    );
    assert!(!harness.state().session().expect("open").is_dirty());

    // Selecting our claim shows her note beside it.
    harness
        .state_mut()
        .session_mut()
        .expect("open")
        .select(Some(mine));
    harness.run();
    harness.get_by_label_contains("Teammates here");
    harness.get_by_label_contains("Bea: 146 days per the port authority");

    // Hide her layer, then show it again.
    harness.get_by_label("bea.factmark.ron (dashed)").click();
    harness.run();
    assert_eq!(layers(&harness), 0, "hidden");
    harness.get_by_label("bea.factmark.ron (dashed)").click();
    harness.run();
    assert_eq!(layers(&harness), 1, "shown again");

    // Merge it: her same-span claim folds into ours, her note is a conflict to settle.
    harness.get_by_label("Merge").click();
    harness.run();
    let set = session_set(&harness);
    assert_eq!(
        set.annotations.len(),
        1,
        "the same span and tag folded into ours"
    );
    assert_eq!(
        set.conflicts.len(),
        2,
        "her note and verdict differ from ours"
    );
    assert_eq!(layers(&harness), 0, "the merged layer is gone");
}

/// A teammate's copy that grew out of the version we opened merges three ways: their note
/// and our verdict combine without a conflict (a union would see two different notes).
#[test]
fn a_teammates_set_that_descends_from_ours_merges_three_ways() {
    let (env, mut harness) = opened();
    let id = annotate(&mut harness, "days of emergency repairs", Key::Num1);
    save(&mut harness);
    let bea_set = env.doc.with_file_name("bea.factmark.ron");
    {
        let mut theirs = on_disk(&env);
        if let Some(a) = theirs.annotations.iter_mut().find(|a| a.id == id) {
            a.note = "Bea: confirmed with the port authority".into();
        }
        store::save_set(&RealFs, &bea_set, &theirs, None, true).expect("bea saves");
    }
    harness
        .state_mut()
        .session_mut()
        .expect("open")
        .apply(
            "Set verdict",
            Edit::SetVerdict {
                id,
                verdict: factmark::model::Verdict::True,
            },
            chrono::Utc::now(),
        )
        .expect("verdict set");
    harness.run();

    env.dialogs.push(&bea_set);
    menu(&mut harness, "File", "Merge a Teammate's Set…");
    settle(&mut harness);
    let set = session_set(&harness);
    assert!(set.conflicts.is_empty(), "{:#?}", set.conflicts);
    let merged = set.annotation(id).expect("kept");
    assert_eq!(merged.note, "Bea: confirmed with the port authority");
    assert_eq!(merged.verdict, factmark::model::Verdict::True);
    assert!(
        harness
            .state()
            .messages()
            .current()
            .any(|m| m.text.contains("three-way")),
        "{:?}",
        harness.state().messages().current().collect::<Vec<_>>()
    );
}

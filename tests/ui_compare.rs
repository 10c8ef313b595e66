//! The compare window: agreement figures between this set and a teammate's layer, the
//! disagreements on the text (clicking one selects it), adopting a teammate's span as one
//! undo step that keeps their id and author, and taking their reading of one of ours.

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
use factmark::model::agreement::{Coding, agreement};
use factmark::model::{Annotation, AnnotationSet};
use factmark::store::{self, RealFs};
use factmark::ui::FactmarkApp;
use ui_support::{annotate, menu, opened, range_of, save, settle};

fn session_set(harness: &Harness<'static, FactmarkApp>) -> AnnotationSet {
    harness.state().session().expect("open").set().clone()
}

/// Three-decimal text of a figure, as the window shows it.
fn shown(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

#[test]
fn compare_lists_figures_and_disagreements_and_adopts_a_teammates_span() {
    let (env, mut harness) = opened();
    // Ours: a claim and an attribution.
    annotate(
        &mut harness,
        "after 146 days of emergency repairs",
        Key::Num1,
    );
    annotate(
        &mut harness,
        "According to the Port Authority’s annual report",
        Key::Num3,
    );
    save(&mut harness);
    // Bea's set, made on her own: the same claim, the attribution read as a quote, and a
    // claim we did not mark.
    let doc = harness.state().session().expect("open").doc().clone();
    let now = chrono::Utc::now();
    let mut bea = AnnotationSet::new(&doc, "harbor-bridge.txt", "Bea's review", now);
    for (needle, tag) in [
        ("after 146 days of emergency repairs", "claim"),
        ("According to the Port Authority’s annual report", "quote"),
        ("The city spent $14.2 million", "claim"),
    ] {
        let range = range_of(&harness, needle);
        bea.annotations
            .push(Annotation::new(&doc, range, tag, "bea", now));
    }
    let only_bea = bea.annotations[2].id;
    let bea_path = env.doc.with_file_name("bea.factmark.ron");
    store::save_set(&RealFs, &bea_path, &bea, None, true).expect("bea saves");
    env.dialogs.push(&bea_path);
    menu(&mut harness, "File", "Show a Teammate's Set as a Layer…");
    settle(&mut harness);

    menu(&mut harness, "File", "Compare Reviewers…");
    settle(&mut harness);
    harness.get_by_label("Compare reviewers");
    // Per tag, B (Bea) against A (ours):
    // claim: A {146 days}, B {146 days, city spent} → exact 1 pair: P 1/2, R 1/1, F1 2/3
    // attribution: A 1, B 0 → P -, R 0/1, F1 0;  quote: A 0, B 1 → P 0/1, R -, F1 0
    harness.get_by_label("Disagreements (2)");
    let expected = agreement(
        &doc,
        &[Coding::of(&session_set(&harness)), Coding::of(&bea)],
    );
    let claim = expected.tags.get("claim").expect("claim figures").exact;
    assert_eq!(
        (
            shown(claim.precision()),
            shown(claim.recall()),
            shown(claim.f1())
        ),
        ("0.500".into(), "1.000".into(), "0.667".into())
    );
    harness.get_by_label_contains(&format!(
        "Cohen's kappa (A, B): {}    Krippendorff's alpha (2 sets): {}",
        shown(expected.kappa),
        shown(expected.alpha)
    ));
    harness.get_by_label("tag differs");
    harness.get_by_label("only in B");

    // Clicking a disagreement's text selects it in the document.
    harness
        .get_by_label("“The city spent $14.2 million”")
        .click();
    settle(&mut harness);
    let selection = harness
        .state()
        .session()
        .expect("open")
        .doc_view
        .selection();
    assert_eq!(
        selection,
        Some(range_of(&harness, "The city spent $14.2 million"))
    );

    // Adopt Bea's claim: it comes with her id and author; one disagreement is left.
    harness.get_by_label("Adopt B's claim").click();
    settle(&mut harness);
    let set = session_set(&harness);
    let adopted = set.annotation(only_bea).expect("adopted with Bea's id");
    assert_eq!(adopted.author, "bea");
    assert_eq!(set.annotations.len(), 3);
    harness.get_by_label("Disagreements (1)");
    assert!(harness.query_by_label("Adopt B's claim").is_none());

    // One undo step takes it back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert!(session_set(&harness).annotation(only_bea).is_none());
    assert_eq!(session_set(&harness).annotations.len(), 2);
    harness.get_by_label("Disagreements (2)");

    // Take Bea's reading of our attribution (she tagged it a quote): ours changes tag, keeps
    // its id and author; one undo step restores it.
    let attribution = session_set(&harness)
        .annotations
        .iter()
        .find(|a| a.tag == "attribution")
        .map(|a| a.id)
        .expect("our attribution");
    harness.get_by_label("Use B's tag").click();
    settle(&mut harness);
    let retagged = session_set(&harness);
    let taken = retagged.annotation(attribution).expect("still ours");
    assert_eq!(taken.tag, "quote");
    assert_ne!(taken.author, "bea");
    harness.get_by_label("Disagreements (1)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    let restored = session_set(&harness);
    assert_eq!(
        restored.annotation(attribution).map(|a| a.tag.as_str()),
        Some("attribution")
    );
    harness.get_by_label("Disagreements (2)");

    // Swap A and B: precision and recall trade places, the disagreement kinds turn round.
    harness.get_by_label("Swap A and B").click();
    settle(&mut harness);
    harness.get_by_label("only in A");
    assert!(harness.query_by_label("only in B").is_none());
}

#[test]
fn compare_without_a_layer_offers_to_show_one() {
    let (_env, mut harness) = opened();
    menu(&mut harness, "File", "Compare Reviewers…");
    settle(&mut harness);
    harness.get_by_label_contains("Comparing needs a teammate's set");
    harness.get_by_label("Show a Teammate's Set as a Layer…");
}

#[test]
fn three_reviewers_give_alpha_over_all_and_kappa_per_pair() {
    let (env, mut harness) = opened();
    annotate(
        &mut harness,
        "after 146 days of emergency repairs",
        Key::Num1,
    );
    save(&mut harness);
    let doc = harness.state().session().expect("open").doc().clone();
    let now = chrono::Utc::now();
    for (who, needle) in [
        ("bea", "after 146 days of emergency repairs"),
        ("cy", "The city spent $14.2 million"),
    ] {
        let mut theirs = AnnotationSet::new(&doc, "harbor-bridge.txt", who, now);
        let range = range_of(&harness, needle);
        theirs
            .annotations
            .push(Annotation::new(&doc, range, "claim", who, now));
        let path = env.doc.with_file_name(format!("{who}.factmark.ron"));
        store::save_set(&RealFs, &path, &theirs, None, true).expect("saved");
        env.dialogs.push(&path);
        menu(&mut harness, "File", "Show a Teammate's Set as a Layer…");
        settle(&mut harness);
    }
    menu(&mut harness, "File", "Compare Reviewers…");
    settle(&mut harness);
    // A = ours and B = bea agree exactly: no disagreements, kappa 1; cy differs.
    harness.get_by_label("Disagreements (0)");
    harness.get_by_label_contains("Cohen's kappa (A, B): 1.000");
    harness.get_by_label_contains("Krippendorff's alpha (3 sets)");
    harness.get_by_label_contains("Kappa for each pair: this set / bea.factmark.ron: 1.000");
}

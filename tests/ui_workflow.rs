//! The review workflow in the app: sign-off (self-approval refused with the reason shown,
//! another reviewer approves, the verdict locks, undo takes the approval back), a comment
//! resolved and reopened, the work filters and the status bar's claim counts.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use factmark::model::workflow::ClaimState;
use factmark::model::{Annotation, AnnotationId, Verdict};
use factmark::ui::FactmarkApp;
use ui_support::{annotate, opened, settle};

fn be(harness: &mut Harness<'static, FactmarkApp>, name: &str) {
    harness.state_mut().persisted_mut().settings.reviewer = name.to_owned();
    harness.run();
}

fn annotation(harness: &Harness<'static, FactmarkApp>, id: AnnotationId) -> Annotation {
    harness
        .state()
        .session()
        .and_then(|s| s.annotation(id))
        .cloned()
        .expect("annotation")
}

/// Scroll the widget into view (the detail panel scrolls), then click it.
fn click(harness: &mut Harness<'static, FactmarkApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Scroll the text field into view, focus it and type.
fn type_into(harness: &mut Harness<'static, FactmarkApp>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn set_verdict(harness: &mut Harness<'static, FactmarkApp>, verdict: &str) {
    click(harness, "Verdict");
    click(harness, verdict);
}

fn select(harness: &mut Harness<'static, FactmarkApp>, id: AnnotationId) {
    harness
        .state_mut()
        .session_mut()
        .expect("open")
        .select(Some(id));
    harness.run();
}

#[test]
fn sign_off_refuses_self_approval_and_locks_the_verdict() {
    let (_env, mut harness) = opened();
    be(&mut harness, "ana");
    let id = annotate(&mut harness, "146 days of emergency repairs", Key::Num1);
    set_verdict(&mut harness, "Mostly true");
    assert_eq!(annotation(&harness, id).verdict, Verdict::MostlyTrue);
    // From open: no Approve button at all (only allowed moves are offered).
    assert!(harness.query_by_label("Approve").is_none());
    click(&mut harness, "Send for review");
    assert_eq!(
        annotation(&harness, id).workflow.state,
        ClaimState::NeedsReview
    );

    // ana set the verdict: Approve is there but disabled, and the reason is on screen.
    assert!(
        harness
            .get_by_label("Approve")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label(
        "Approve: ana cannot approve this claim: ana set its verdict; another reviewer must \
         sign it off",
    );
    click(&mut harness, "Approve");
    assert_eq!(
        annotation(&harness, id).workflow.state,
        ClaimState::NeedsReview
    );

    // bea signs it off.
    be(&mut harness, "bea");
    assert!(
        !harness
            .get_by_label("Approve")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "Approve");
    let approved = annotation(&harness, id);
    assert_eq!(approved.workflow.state, ClaimState::Approved);
    assert_eq!(
        approved.workflow.sign_off.as_ref().expect("signed").by,
        "bea"
    );
    assert!(
        harness
            .query_by_label_contains("Signed off by bea on ")
            .is_some()
    );
    // The verdict is locked: its box is disabled.
    assert!(
        harness
            .get_by_label("Verdict")
            .accesskit_node()
            .is_disabled()
    );
    let fields: Vec<(String, String)> = approved
        .workflow
        .history
        .iter()
        .map(|h| (h.by.clone(), h.field.clone()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("ana".to_owned(), "verdict".to_owned()),
            ("ana".to_owned(), "state".to_owned()),
            ("bea".to_owned(), "state".to_owned()),
        ]
    );
    harness.get_by_label("History (3)");

    // One undo step takes the approval back, history line and sign-off included.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let back = annotation(&harness, id);
    assert_eq!(back.workflow.state, ClaimState::NeedsReview);
    assert_eq!(back.workflow.sign_off, None);
    assert_eq!(back.workflow.history.len(), 2);
    assert!(
        !harness
            .get_by_label("Verdict")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_comment_is_added_resolved_and_reopened() {
    let (_env, mut harness) = opened();
    be(&mut harness, "bea");
    let id = annotate(&mut harness, "28,400 vehicles a day", Key::Num1);
    assert!(
        harness
            .get_by_label("Add comment")
            .accesskit_node()
            .is_disabled()
    );
    type_into(&mut harness, "New comment", "Which year is the count from?");
    click(&mut harness, "Add comment");
    let comments = annotation(&harness, id).workflow.comments;
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author, "bea");
    assert_eq!(comments[0].text, "Which year is the count from?");
    harness.get_by_label("Comments (1 open of 1)");

    be(&mut harness, "ana");
    click(&mut harness, "Resolve");
    let resolved = annotation(&harness, id).workflow.comments[0]
        .resolved
        .clone();
    assert_eq!(resolved.expect("resolved").by, "ana");
    harness.get_by_label("Comments (0 open of 1)");
    assert!(
        harness
            .query_by_label_contains("Resolved by ana on ")
            .is_some()
    );

    click(&mut harness, "Reopen");
    assert_eq!(annotation(&harness, id).workflow.comments[0].resolved, None);
    harness.get_by_label("Comments (1 open of 1)");
    // Each step is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        annotation(&harness, id).workflow.comments[0]
            .resolved
            .is_some()
    );
}

/// Choose a work filter in the annotation list; the rows it shows.
fn shown(harness: &mut Harness<'static, FactmarkApp>, filter: &str) -> Vec<AnnotationId> {
    click(harness, "Filter by review work");
    click(harness, filter);
    harness.state().annotation_rows().to_vec()
}

#[test]
fn work_filters_pick_my_claims_and_the_status_bar_counts_states() {
    let (_env, mut harness) = opened();
    be(&mut harness, "ana");
    let mine = annotate(&mut harness, "146 days of emergency repairs", Key::Num1);
    type_into(&mut harness, "Assigned to", "bea");
    click(&mut harness, "Assign");
    assert_eq!(annotation(&harness, mine).workflow.assignee, "bea");
    set_verdict(&mut harness, "True");
    click(&mut harness, "Send for review");

    let disputed = annotate(&mut harness, "28,400 vehicles a day", Key::Num1);
    click(&mut harness, "Dispute");
    let commented = annotate(&mut harness, "Old Quay district", Key::Num2);
    type_into(&mut harness, "New comment", "Check the spelling");
    click(&mut harness, "Add comment");
    select(&mut harness, mine);

    // The status bar counts claims per state.
    harness.get_by_label("claims: needs review 1, disputed 1");

    be(&mut harness, "bea");
    assert_eq!(shown(&mut harness, "Assigned to me"), vec![mine]);
    assert_eq!(shown(&mut harness, "Needs my review"), vec![mine]);
    assert_eq!(shown(&mut harness, "Unresolved comments"), vec![commented]);
    assert_eq!(shown(&mut harness, "Disputed"), vec![disputed]);
    assert_eq!(shown(&mut harness, "All work").len(), 3);
    // ana set the verdict: nothing needs her review.
    be(&mut harness, "ana");
    assert!(shown(&mut harness, "Needs my review").is_empty());
}

#[test]
fn the_export_window_can_leave_out_claims_not_yet_approved() {
    let (env, mut harness) = opened();
    be(&mut harness, "ana");
    annotate(&mut harness, "146 days of emergency repairs", Key::Num1);
    set_verdict(&mut harness, "True");
    click(&mut harness, "Send for review");
    be(&mut harness, "bea");
    click(&mut harness, "Approve");
    annotate(&mut harness, "28,400 vehicles a day", Key::Num1);
    set_verdict(&mut harness, "False");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    click(&mut harness, "HTML report");
    click(&mut harness, "Leave out claims not yet approved");
    assert!(harness.state().export_window().approved_only());
    let out = env.dir.path().join("published.html");
    env.dialogs.push(&out);
    click(&mut harness, "Export…");
    settle(&mut harness);
    let html = std::fs::read_to_string(&out).expect("report written");
    assert!(html.contains("Approved by bea on "), "{html}");
    assert!(
        html.contains("1 claim(s) not yet approved left out"),
        "{html}"
    );
    assert!(
        html.contains("True</span>"),
        "the approved claim's verdict badge"
    );
    assert!(
        !html.contains("False</span>"),
        "the unapproved claim has no row"
    );
}

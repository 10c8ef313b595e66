//! Reports and ClaimReview say who approved each claim and when; a report can leave out
//! claims not yet approved.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use export_fixture::{aid, at, context, fixture};
use factmark::export::{Format, export, without_unapproved_claims};
use factmark::model::workflow::ClaimState;
use factmark::model::{AnnotationSet, Document, Edit, apply_by};
use serde_json::Value;

/// The fixture with claim 1 (alice's verdict) approved by dana and claim 3 sent for review.
fn reviewed() -> (Document, AnnotationSet) {
    let (doc, mut set) = fixture();
    let state = |n, state| Edit::SetState { id: aid(n), state };
    for (edit, minute, by) in [
        (state(1, ClaimState::NeedsReview), 1, "alice"),
        (state(1, ClaimState::Approved), 2, "dana"),
        (state(3, ClaimState::NeedsReview), 3, "bob"),
    ] {
        apply_by(&mut set, edit, at(12, minute), by).expect("applies");
    }
    (doc, set)
}

fn text(doc: &Document, set: &AnnotationSet, format: Format, left_out: usize) -> String {
    let mut ctx = context(doc, set);
    ctx.left_out_unapproved = left_out;
    let files = export(&ctx, format).expect("export");
    String::from_utf8(files.into_iter().next().unwrap().bytes).unwrap()
}

#[test]
fn html_and_markdown_name_the_approver_and_the_time() {
    let (doc, set) = reviewed();
    let html = text(&doc, &set, Format::Html, 0);
    assert!(
        html.contains(r#"<small class="signoff">Approved by dana on 2026-05-12 12:02 UTC</small>"#),
        "{html}"
    );
    assert!(html.contains(r#"<small class="signoff">Needs review</small>"#));
    let md = text(&doc, &set, Format::Markdown, 0);
    assert!(
        md.contains("| Mostly false (Approved by dana on 2026-05-12 12:02 UTC) |"),
        "{md}"
    );
    assert!(md.contains("Review: Approved by dana on"), "{md}");
    assert!(md.contains("Review: Needs review."), "{md}");
    // Claims still open say nothing (the default, as before the workflow).
    assert_eq!(md.matches("Review: ").count(), 2, "{md}");
}

#[test]
fn claimreview_names_the_editor_who_approved() {
    let (doc, set) = reviewed();
    let json: Value = serde_json::from_str(&text(&doc, &set, Format::ClaimReview, 0)).unwrap();
    let approved = &json[0];
    assert_eq!(approved["editor"]["@type"], "Person");
    assert_eq!(approved["editor"]["name"], "dana");
    assert_eq!(approved["dateModified"], "2026-05-12T12:02:00Z");
    assert!(json[1].get("editor").is_none(), "not approved: {}", json[1]);
}

#[test]
fn a_report_can_leave_out_claims_not_yet_approved() {
    let (doc, set) = reviewed();
    let (published, left_out) = without_unapproved_claims(&set);
    assert_eq!(left_out, 2, "claims 3 and 6 are not approved");
    let html = text(&doc, &published, Format::Html, left_out);
    assert!(html.contains("1 claim(s), 1 orphaned (not found in the document); 2 claim(s) not yet approved left out."), "{html}");
    assert!(html.contains(r#"id="a1""#));
    // Claim 3 (traffic) has neither a row nor a highlight; the text itself stays.
    assert!(!html.contains("Needs review"), "{html}");
    assert!(!html.contains("Misleading"), "claim 6's verdict is gone");
    // Other annotations (attributions, quotes) stay.
    assert!(html.contains("the transport office"));
    let full = text(&doc, &set, Format::Html, 0);
    assert!(full.contains("Misleading") && full.contains("Needs review"));
}

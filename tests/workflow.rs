//! The review workflow's rules, through the one `apply` door: states move only along the
//! table, nobody approves their own verdict, approval locks the verdict and evidence links
//! until the claim is reopened, every field change leaves a history line (taken back with
//! its undo), comments resolve and reopen; and two reviewers' workflow changes merge field
//! by field, the same field changed two ways being a conflict.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

use chrono::{DateTime, Duration, TimeZone as _, Utc};
use factmark::model::merge::{ConflictField, ConflictItem, Side, merge};
use factmark::model::resolve::{Resolution, resolve};
use factmark::model::workflow::{ClaimState, Comment, WorkflowError, state_choices};
use factmark::model::{
    Annotation, AnnotationId, AnnotationSet, Document, Edit, EditError, Evidence, EvidenceId,
    EvidenceKind, Link, Stance, TAG_CLAIM, TAG_QUOTE, Verdict, apply_by,
};
use uuid::Uuid;

const TEXT: &str = "The council spent $3 million on the ferry. Ridership doubled in a year.";

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single().unwrap() + Duration::minutes(minute)
}

const CLAIM: AnnotationId = AnnotationId(Uuid::from_u128(1));
const QUOTE: AnnotationId = AnnotationId(Uuid::from_u128(2));
const EVIDENCE: EvidenceId = EvidenceId(Uuid::from_u128(0xe1));

/// A claim by ana with a verdict set by ana, one evidence item (unlinked), one quote.
fn fixture() -> AnnotationSet {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(&doc, "doc.txt", "Ferry", at(0));
    let mut claim = Annotation::new(&doc, 0..42, TAG_CLAIM, "ana", at(0));
    claim.id = CLAIM;
    let mut quote = Annotation::new(&doc, 43..71, TAG_QUOTE, "ana", at(0));
    quote.id = QUOTE;
    set.annotations = vec![claim, quote];
    set.evidence = vec![Evidence {
        id: EVIDENCE,
        kind: EvidenceKind::Citation {
            text: "Council minutes, 3 March".into(),
        },
        title: "Minutes".into(),
        accessed: None,
        note: String::new(),
        created: at(0),
        author: String::new(),
        snapshot: None,
    }];
    set.normalize();
    ok(&mut set, verdict(Verdict::MostlyTrue), 1, "ana");
    set
}

fn verdict(v: Verdict) -> Edit {
    Edit::SetVerdict {
        id: CLAIM,
        verdict: v,
    }
}

fn state(s: ClaimState) -> Edit {
    Edit::SetState {
        id: CLAIM,
        state: s,
    }
}

fn link() -> Link {
    Link::Evidence {
        annotation: CLAIM,
        evidence: EVIDENCE,
        stance: Stance::Supports,
    }
}

fn ok(set: &mut AnnotationSet, edit: Edit, minute: i64, by: &str) -> Edit {
    apply_by(set, edit, at(minute), by).expect("edit applies")
}

fn refused(set: &mut AnnotationSet, edit: Edit, by: &str) -> WorkflowError {
    let before = set.clone();
    let err = apply_by(set, edit, at(50), by).expect_err("refused");
    assert_eq!(*set, before, "a refused edit changes nothing");
    match err {
        EditError::Workflow(err) => err,
        other => panic!("expected a workflow refusal, got {other:?}"),
    }
}

fn claim(set: &AnnotationSet) -> &Annotation {
    set.annotation(CLAIM).unwrap()
}

#[test]
fn self_approval_is_refused_and_another_reviewer_signs_off() {
    let mut set = fixture();
    ok(&mut set, state(ClaimState::NeedsReview), 2, "ana");
    let err = refused(&mut set, state(ClaimState::Approved), "ana");
    assert_eq!(
        err.to_string(),
        "ana cannot approve this claim: ana set its verdict; another reviewer must sign it off"
    );
    // The reason is the same one the app shows beside the disabled button.
    let choices = state_choices(claim(&set), "ana");
    let approve = choices
        .iter()
        .find(|(s, _)| *s == ClaimState::Approved)
        .unwrap();
    assert_eq!(approve.1, Err(err));

    ok(&mut set, state(ClaimState::Approved), 3, "bea");
    let w = &claim(&set).workflow;
    assert_eq!(w.state, ClaimState::Approved);
    let sign_off = w.sign_off.as_ref().unwrap();
    assert_eq!((sign_off.by.as_str(), sign_off.at), ("bea", at(3)));
}

#[test]
fn the_last_verdict_setter_counts_not_the_annotation_author() {
    let mut set = fixture();
    // bea changes the verdict, so ana (the author) may approve and bea may not.
    ok(&mut set, verdict(Verdict::HalfTrue), 2, "bea");
    ok(&mut set, state(ClaimState::NeedsReview), 3, "bea");
    assert!(matches!(
        refused(&mut set, state(ClaimState::Approved), "bea"),
        WorkflowError::SelfApproval { .. }
    ));
    ok(&mut set, state(ClaimState::Approved), 4, "ana");
}

#[test]
fn a_set_without_a_verdict_record_counts_the_author_as_its_setter() {
    let mut set = fixture();
    set.annotations[0].workflow.verdict_by = None; // as in files written before the workflow
    ok(&mut set, state(ClaimState::NeedsReview), 2, "ana");
    assert!(matches!(
        refused(&mut set, state(ClaimState::Approved), "ana"),
        WorkflowError::SelfApproval { .. }
    ));
    ok(&mut set, state(ClaimState::Approved), 3, "bea");
}

#[test]
fn disallowed_transitions_unrated_claims_and_non_claims_are_refused() {
    let mut set = fixture();
    let err = refused(&mut set, state(ClaimState::Approved), "bea");
    assert_eq!(
        err.to_string(),
        "a claim cannot go from open to approved; from open it can go to researching, \
         needs-review, disputed"
    );
    ok(&mut set, verdict(Verdict::Unreviewed), 2, "ana");
    ok(&mut set, state(ClaimState::NeedsReview), 3, "ana");
    assert_eq!(
        refused(&mut set, state(ClaimState::Approved), "bea"),
        WorkflowError::NoVerdict
    );
    assert_eq!(
        refused(&mut set, state(ClaimState::NeedsReview), "bea").to_string(),
        "a claim cannot go from needs-review to needs-review; from needs-review it can go to \
         researching, approved, disputed"
    );
    ok(&mut set, verdict(Verdict::False), 4, "ana");
    assert_eq!(
        refused(&mut set, state(ClaimState::Approved), " "),
        WorkflowError::NoApprover
    );
    let quote_state = Edit::SetState {
        id: QUOTE,
        state: ClaimState::Researching,
    };
    assert_eq!(
        refused(&mut set, quote_state, "ana").to_string(),
        "only claims have a review state; this annotation is tagged \"quote\""
    );
}

#[test]
fn approval_locks_verdict_and_evidence_links_until_reopened() {
    let mut set = fixture();
    ok(&mut set, Edit::AddLink(link()), 2, "ana");
    ok(&mut set, state(ClaimState::NeedsReview), 3, "ana");
    ok(&mut set, state(ClaimState::Approved), 4, "bea");
    let locked = |what| WorkflowError::Locked { what };
    assert_eq!(
        refused(&mut set, verdict(Verdict::False), "bea"),
        locked("verdict")
    );
    assert_eq!(
        refused(&mut set, Edit::RemoveLink(link()), "bea"),
        locked("evidence links")
    );
    assert_eq!(
        refused(&mut set, Edit::DeleteEvidence(EVIDENCE), "bea"),
        locked("evidence links")
    );
    let other = Link::Evidence {
        annotation: CLAIM,
        evidence: EVIDENCE,
        stance: Stance::Refutes,
    };
    assert_eq!(
        refused(&mut set, Edit::AddLink(other), "bea").to_string(),
        "the claim is approved: its evidence links cannot change until the claim is reopened"
    );
    // The note and the assignee stay editable.
    ok(
        &mut set,
        Edit::SetNote {
            id: CLAIM,
            note: "published".into(),
        },
        5,
        "bea",
    );
    // Reopening unlocks and clears the sign-off.
    ok(&mut set, state(ClaimState::Researching), 6, "ana");
    assert_eq!(claim(&set).workflow.sign_off, None);
    ok(&mut set, verdict(Verdict::False), 7, "ana");
    ok(&mut set, Edit::RemoveLink(link()), 8, "ana");
}

#[test]
fn every_field_change_is_in_the_history_and_undo_takes_its_line_back() {
    let mut set = fixture();
    let note = Edit::SetNote {
        id: CLAIM,
        note: "see minutes".into(),
    };
    ok(&mut set, note, 2, "ana");
    ok(
        &mut set,
        Edit::SetAssignee {
            id: CLAIM,
            assignee: "bea".into(),
        },
        3,
        "ana",
    );
    ok(&mut set, state(ClaimState::NeedsReview), 4, "ana");
    let before_approval = set.clone();
    let undo = ok(&mut set, state(ClaimState::Approved), 5, "bea");
    let lines: Vec<String> = claim(&set)
        .workflow
        .history
        .iter()
        .map(|h| {
            format!(
                "{} {} {}: {} -> {}",
                h.at.format("%M"),
                h.by,
                h.field,
                h.old,
                h.new
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            "01 ana verdict: unreviewed -> mostly-true",
            "02 ana note:  -> see minutes",
            "03 ana assignee:  -> bea",
            "04 ana state: open -> needs-review",
            "05 bea state: needs-review -> approved",
        ]
    );
    // Undo puts the annotation back as it was, history and sign-off included; redo
    // brings the line back.
    let redo = ok(&mut set, undo, 6, "bea");
    assert_eq!(set.annotations, before_approval.annotations);
    ok(&mut set, redo, 7, "bea");
    assert_eq!(claim(&set).workflow.history.len(), 5);
    assert_eq!(claim(&set).workflow.state, ClaimState::Approved);
    // A change to the same value records nothing.
    let same = Edit::SetAssignee {
        id: CLAIM,
        assignee: "bea".into(),
    };
    ok(&mut set, same, 8, "ana");
    assert_eq!(claim(&set).workflow.history.len(), 5);
}

#[test]
fn comments_resolve_and_reopen() {
    let mut set = fixture();
    let comment = Comment::new("bea", "Which year's ridership?", at(2));
    let cid = comment.id;
    ok(&mut set, Edit::AddComment { id: CLAIM, comment }, 2, "bea");
    assert_eq!(claim(&set).workflow.unresolved_comments(), 1);
    let resolve_edit = |resolved| Edit::SetCommentResolved {
        id: CLAIM,
        comment: cid,
        resolved,
    };
    assert_eq!(
        refused(&mut set, resolve_edit(false), "ana").to_string(),
        "the comment is already open"
    );
    ok(&mut set, resolve_edit(true), 3, "ana");
    let c = claim(&set).workflow.comment(cid).unwrap();
    let resolved = c.resolved.as_ref().unwrap();
    assert_eq!((resolved.by.as_str(), resolved.at), ("ana", at(3)));
    assert_eq!(claim(&set).workflow.unresolved_comments(), 0);
    assert_eq!(
        refused(&mut set, resolve_edit(true), "ana").to_string(),
        "the comment is already resolved"
    );
    ok(&mut set, resolve_edit(false), 4, "bea");
    assert_eq!(claim(&set).workflow.comment(cid).unwrap().resolved, None);
    let empty = Comment::new("bea", "  ", at(5));
    assert_eq!(
        refused(
            &mut set,
            Edit::AddComment {
                id: CLAIM,
                comment: empty
            },
            "bea"
        ),
        WorkflowError::EmptyComment
    );
    // Comments can be added to any annotation, and to an approved claim.
    let on_quote = Comment::new("bea", "Source?", at(6));
    ok(
        &mut set,
        Edit::AddComment {
            id: QUOTE,
            comment: on_quote,
        },
        6,
        "bea",
    );
}

#[test]
fn a_set_with_a_workflow_round_trips_and_an_empty_one_writes_nothing_new() {
    let mut set = fixture();
    let plain = factmark::store::serialize_set(&{
        let mut s = set.clone();
        s.annotations[0].workflow = Default::default();
        s
    })
    .unwrap();
    assert!(!plain.contains("workflow"), "{plain}");
    ok(&mut set, state(ClaimState::Researching), 2, "ana");
    let comment = Comment::new("bea", "ok", at(3));
    ok(&mut set, Edit::AddComment { id: CLAIM, comment }, 3, "bea");
    let text = factmark::store::serialize_set(&set).unwrap();
    let back: AnnotationSet = ron::from_str(&text).unwrap();
    assert_eq!(back, set);
    assert_eq!(factmark::store::serialize_set(&back).unwrap(), text);
}

fn three_way(base: &AnnotationSet, ours: &AnnotationSet, theirs: &AnnotationSet) -> AnnotationSet {
    merge(
        base,
        Side {
            set: ours,
            by: "ana",
        },
        Side {
            set: theirs,
            by: "bea",
        },
    )
    .0
}

#[test]
fn state_assignee_and_comments_from_two_reviewers_merge_by_field() {
    let base = fixture();
    let mut ours = base.clone();
    ok(&mut ours, state(ClaimState::Researching), 2, "ana");
    let ours_comment = Comment::new("ana", "Checking the budget", at(2));
    ok(
        &mut ours,
        Edit::AddComment {
            id: CLAIM,
            comment: ours_comment.clone(),
        },
        2,
        "ana",
    );
    let mut theirs = base.clone();
    ok(
        &mut theirs,
        Edit::SetAssignee {
            id: CLAIM,
            assignee: "cyd".into(),
        },
        3,
        "bea",
    );
    let theirs_comment = Comment::new("bea", "Ask the council", at(3));
    ok(
        &mut theirs,
        Edit::AddComment {
            id: CLAIM,
            comment: theirs_comment.clone(),
        },
        3,
        "bea",
    );
    let merged = three_way(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
    let w = &claim(&merged).workflow;
    assert_eq!(w.state, ClaimState::Researching);
    assert_eq!(w.assignee, "cyd");
    let texts: Vec<&str> = w.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, vec!["Checking the budget", "Ask the council"]);
    // History is the union, in time order.
    let fields: Vec<(&str, &str)> = w
        .history
        .iter()
        .map(|h| (h.by.as_str(), h.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![("ana", "verdict"), ("ana", "state"), ("bea", "assignee")]
    );
    // Merging is symmetric apart from who is "ours".
    let swapped = three_way(&base, &theirs, &ours);
    assert_eq!(claim(&swapped).workflow, *w);

    // Then: ana resolves her comment while bea resolves the other one: both kept.
    let base2 = merged.clone();
    let mut ours2 = merged.clone();
    let mut theirs2 = merged.clone();
    let resolve_edit = |cid, resolved| Edit::SetCommentResolved {
        id: CLAIM,
        comment: cid,
        resolved,
    };
    ok(&mut ours2, resolve_edit(ours_comment.id, true), 5, "ana");
    ok(
        &mut theirs2,
        resolve_edit(theirs_comment.id, true),
        6,
        "bea",
    );
    let merged2 = three_way(&base2, &ours2, &theirs2);
    assert!(merged2.conflicts.is_empty(), "{:#?}", merged2.conflicts);
    assert_eq!(claim(&merged2).workflow.unresolved_comments(), 0);
}

#[test]
fn the_same_workflow_field_changed_two_ways_is_a_conflict() {
    let base = fixture();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ok(&mut ours, state(ClaimState::Researching), 2, "ana");
    ok(&mut theirs, state(ClaimState::Disputed), 3, "bea");
    let assign = |name: &str| Edit::SetAssignee {
        id: CLAIM,
        assignee: name.into(),
    };
    ok(&mut ours, assign("ana"), 2, "ana");
    ok(&mut theirs, assign("bea"), 3, "bea");
    let merged = three_way(&base, &ours, &theirs);
    let fields: Vec<ConflictField> = merged.conflicts.iter().map(|c| c.field).collect();
    assert_eq!(merged.conflicts.len(), 2, "{:#?}", merged.conflicts);
    assert!(fields.contains(&ConflictField::State) && fields.contains(&ConflictField::Assignee));
    // While in conflict the claim keeps the value both agreed on.
    assert_eq!(claim(&merged).workflow.state, ClaimState::Open);
    assert_eq!(claim(&merged).workflow.assignee, "");
    // Settling the state takes their side; the assignee is typed.
    let state_conflict = merged
        .conflicts
        .iter()
        .find(|c| c.field == ConflictField::State)
        .unwrap();
    assert_eq!(state_conflict.item, ConflictItem::Annotation(CLAIM));
    let settled = resolve(&merged, &state_conflict.id, &Resolution::Theirs).unwrap();
    assert_eq!(claim(&settled).workflow.state, ClaimState::Disputed);
    let assignee_conflict = settled.conflicts[0].id.clone();
    let settled = resolve(
        &settled,
        &assignee_conflict,
        &Resolution::Value("cyd".into()),
    )
    .unwrap();
    assert_eq!(claim(&settled).workflow.assignee, "cyd");
    assert!(settled.conflicts.is_empty());

    // A comment's resolved flag merges three-way: reopened on one side, reopened and
    // resolved again on the other (back to the base's flag) gives the one change, no
    // conflict; who resolved it when travels with the flag.
    let comment = Comment::new("cyd", "Figures from 2024?", at(10));
    let cid = comment.id;
    let mut base3 = base.clone();
    ok(
        &mut base3,
        Edit::AddComment { id: CLAIM, comment },
        10,
        "cyd",
    );
    ok(
        &mut base3,
        Edit::SetCommentResolved {
            id: CLAIM,
            comment: cid,
            resolved: true,
        },
        11,
        "cyd",
    );
    let mut ours3 = base3.clone();
    let mut theirs3 = base3.clone();
    // ana reopens it; bea reopens and resolves it again (a new resolution, same flag).
    let flag = |resolved| Edit::SetCommentResolved {
        id: CLAIM,
        comment: cid,
        resolved,
    };
    ok(&mut ours3, flag(false), 12, "ana");
    ok(&mut theirs3, flag(false), 12, "bea");
    ok(&mut theirs3, flag(true), 13, "bea");
    let merged3 = three_way(&base3, &ours3, &theirs3);
    // Flag: base resolved, ours open, theirs resolved: only ours changed it -> open.
    assert!(merged3.conflicts.is_empty(), "{:#?}", merged3.conflicts);
    assert_eq!(
        claim(&merged3).workflow.comment(cid).unwrap().resolved,
        None
    );
}

#[test]
fn two_approvals_by_different_reviewers_conflict_and_settle_with_their_sign_off() {
    let mut base = fixture();
    ok(&mut base, state(ClaimState::NeedsReview), 2, "ana");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ok(&mut ours, state(ClaimState::Approved), 3, "cyd");
    ok(&mut theirs, state(ClaimState::Approved), 4, "bea");
    let merged = three_way(&base, &ours, &theirs);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.field, ConflictField::State);
    let settled = resolve(&merged, &conflict.id, &Resolution::Theirs).unwrap();
    let w = &claim(&settled).workflow;
    assert_eq!(w.state, ClaimState::Approved);
    assert_eq!(w.sign_off.as_ref().unwrap().by, "bea");
    // Approval cannot be typed (it needs a sign-off): choose a side.
    assert!(resolve(&merged, &conflict.id, &Resolution::Value("approved".into())).is_err());
}

#[test]
fn a_set_file_with_a_bad_rating_scale_is_refused_with_where_and_why() {
    let set = fixture();
    let text = factmark::store::serialize_set(&set).unwrap();
    assert!(
        !text.contains("rating_scale"),
        "the default scale is not written"
    );
    let bad = text.replacen(
        "    tags: [",
        "    rating_scale: (worst: 1, best: 1, levels: []),\n    tags: [",
        1,
    );
    let err = factmark::store::parse_set(&bad, std::path::Path::new("ferry.txt.factmark.ron"))
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("ferry.txt.factmark.ron") && message.contains("must differ"),
        "{message}"
    );
    let good = text.replacen(
        "    tags: [",
        "    rating_scale: (worst: 0, best: 3, levels: [(verdict: True, label: \"Correct\", \
         value: Some(3))]),\n    tags: [",
        1,
    );
    let loaded = factmark::store::parse_set(&good, std::path::Path::new("x")).unwrap();
    assert_eq!(loaded.rating_scale.label(Verdict::True), "Correct");
}

#[test]
fn work_filters_and_state_counts() {
    use factmark::model::workflow::{WorkFilter, state_counts};
    let mut set = fixture(); // ana set the verdict
    let accepts = |set: &AnnotationSet, filter: WorkFilter, me: &str| {
        filter.accepts(set.annotation(CLAIM).unwrap(), me)
    };
    assert!(!accepts(&set, WorkFilter::AssignedToMe, "bea"));
    ok(&mut set, state(ClaimState::NeedsReview), 2, "ana");
    // Waiting for review: bea may sign it off, ana (the verdict's setter) may not.
    assert!(accepts(&set, WorkFilter::NeedsMyReview, "bea"));
    assert!(!accepts(&set, WorkFilter::NeedsMyReview, "ana"));
    let assign = Edit::SetAssignee {
        id: CLAIM,
        assignee: "cyd".into(),
    };
    ok(&mut set, assign, 3, "ana");
    assert!(accepts(&set, WorkFilter::AssignedToMe, "cyd"));
    assert!(
        !accepts(&set, WorkFilter::AssignedToMe, " "),
        "no name, nothing is mine"
    );
    assert!(accepts(&set, WorkFilter::NeedsMyReview, "cyd"));
    assert!(
        !accepts(&set, WorkFilter::NeedsMyReview, "bea"),
        "assigned to cyd"
    );
    assert!(!accepts(&set, WorkFilter::UnresolvedComments, "bea"));
    let comment = Comment::new("bea", "Source?", at(4));
    ok(&mut set, Edit::AddComment { id: CLAIM, comment }, 4, "bea");
    assert!(accepts(&set, WorkFilter::UnresolvedComments, "anyone"));
    assert!(!accepts(&set, WorkFilter::Disputed, "bea"));
    ok(&mut set, state(ClaimState::Disputed), 5, "bea");
    assert!(accepts(&set, WorkFilter::Disputed, "bea"));
    // The quote is not a claim and is not counted.
    assert_eq!(state_counts(&set.annotations), [0, 0, 0, 0, 1]);
}

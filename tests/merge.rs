//! Merging sets: a table of every kind of conflict, and property tests over random edits on
//! both sides (an untouched side gives the other; the merge is symmetric; nothing is lost;
//! merging again changes nothing).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

use chrono::{DateTime, Duration, TimeZone as _, Utc};
use factmark::model::merge::{Conflict, ConflictField, ConflictItem, Side, merge, union};
use factmark::model::resolve::{Resolution, ResolveError, resolve};
use factmark::model::{
    Annotation, AnnotationId, AnnotationSet, Color, Document, Evidence, EvidenceId, EvidenceKind,
    Link, Stance, TAG_CLAIM, TAG_QUOTE, Verdict,
};
use proptest::prelude::*;
use uuid::Uuid;

const TEXT: &str = "The bridge carries 28,400 vehicles a day. Repairs cost $14.2 million. \
                    The mayor said it was safe. Councillors disagreed about the bill.";

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single().unwrap() + Duration::minutes(minute)
}

fn aid(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

fn eid(n: u128) -> EvidenceId {
    EvidenceId(Uuid::from_u128(0xe000 + n))
}

fn doc() -> Document {
    Document::new(TEXT)
}

fn annotation(n: u128, range: std::ops::Range<usize>, tag: &str) -> Annotation {
    let mut a = Annotation::new(&doc(), range, tag, "ana", at(0));
    a.id = aid(n);
    a
}

fn evidence(n: u128) -> Evidence {
    Evidence {
        id: eid(n),
        kind: EvidenceKind::Citation {
            text: format!("source {n}"),
        },
        title: format!("Evidence {n}"),
        accessed: None,
        note: String::new(),
        created: at(0),
        author: String::new(),
        snapshot: None,
    }
}

/// A base set: two claims, a quote, one evidence item linked to the first claim.
fn base() -> AnnotationSet {
    let mut set = AnnotationSet::new(&doc(), "doc.txt", "Bridge", at(0));
    set.annotations = vec![
        annotation(1, 0..40, TAG_CLAIM),
        annotation(2, 42..69, TAG_CLAIM),
        annotation(3, 70..97, TAG_QUOTE),
    ];
    set.evidence = vec![evidence(1)];
    set.links = vec![Link::Evidence {
        annotation: aid(1),
        evidence: eid(1),
        stance: Stance::Supports,
    }];
    set.normalize();
    set
}

fn edit_annotation(set: &mut AnnotationSet, n: u128, minute: i64, f: impl FnOnce(&mut Annotation)) {
    let a = set
        .annotations
        .iter_mut()
        .find(|a| a.id == aid(n))
        .expect("annotation");
    f(a);
    a.modified = at(minute);
    set.modified = set.modified.max(at(minute));
}

fn three_way(
    base: &AnnotationSet,
    ours: &AnnotationSet,
    theirs: &AnnotationSet,
) -> (AnnotationSet, Vec<String>) {
    let (merged, report) = merge(
        base,
        Side {
            set: ours,
            by: "ana",
        },
        Side {
            set: theirs,
            by: "bea",
        },
    );
    (merged, report.new_conflicts)
}

fn only_conflict(set: &AnnotationSet) -> &Conflict {
    assert_eq!(set.conflicts.len(), 1, "{:#?}", set.conflicts);
    &set.conflicts[0]
}

#[test]
fn different_fields_and_items_combine() {
    let base = base();
    let mut ours = base.clone();
    edit_annotation(&mut ours, 1, 5, |a| {
        a.note = "checked against the report".into()
    });
    edit_annotation(&mut ours, 3, 5, |a| a.tag = TAG_CLAIM.into());
    let mut theirs = base.clone();
    edit_annotation(&mut theirs, 1, 7, |a| a.verdict = Verdict::MostlyTrue);
    theirs.annotations.push(annotation(4, 98..109, TAG_QUOTE));
    theirs.evidence.push(evidence(2));

    let (merged, conflicts) = three_way(&base, &ours, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    let first = merged.annotation(aid(1)).unwrap();
    assert_eq!(first.note, "checked against the report");
    assert_eq!(first.verdict, Verdict::MostlyTrue);
    assert_eq!(first.modified, at(7));
    assert_eq!(merged.annotation(aid(3)).unwrap().tag, TAG_CLAIM);
    assert!(merged.annotation(aid(4)).is_some());
    assert_eq!(merged.evidence.len(), 2);
    assert!(merged.conflicts.is_empty());
}

#[test]
fn the_same_field_changed_two_ways_is_a_conflict_with_both_values_and_who() {
    let base = base();
    let mut ours = base.clone();
    edit_annotation(&mut ours, 2, 5, |a| a.verdict = Verdict::True);
    let mut theirs = base.clone();
    edit_annotation(&mut theirs, 2, 9, |a| a.verdict = Verdict::False);

    let (merged, conflicts) = three_way(&base, &ours, &theirs);
    let conflict = only_conflict(&merged);
    assert_eq!(conflicts, vec![conflict.id.clone()]);
    assert_eq!(conflict.item, ConflictItem::Annotation(aid(2)));
    assert_eq!(conflict.field, ConflictField::Verdict);
    assert_eq!(conflict.ours.value.as_deref(), Some("True"));
    assert_eq!(conflict.theirs.value.as_deref(), Some("False"));
    assert_eq!(
        (conflict.ours.by.as_str(), conflict.ours.at),
        ("ana", at(5))
    );
    assert_eq!(
        (conflict.theirs.by.as_str(), conflict.theirs.at),
        ("bea", at(9))
    );
    // Neither side wins while the conflict is open: the agreed value stays.
    assert_eq!(
        merged.annotation(aid(2)).unwrap().verdict,
        Verdict::Unreviewed
    );
}

#[test]
fn deleted_on_one_side_and_edited_on_the_other_keeps_the_edit_and_says_so() {
    let base = base();
    let mut ours = base.clone();
    ours.annotations.retain(|a| a.id != aid(2));
    let mut theirs = base.clone();
    edit_annotation(&mut theirs, 2, 9, |a| a.note = "still needed".into());

    let (merged, _) = three_way(&base, &ours, &theirs);
    assert_eq!(merged.annotation(aid(2)).unwrap().note, "still needed");
    let conflict = only_conflict(&merged);
    assert_eq!(conflict.field, ConflictField::Existence);
    assert_eq!(conflict.ours.value, None);
    assert!(
        conflict
            .theirs
            .value
            .as_deref()
            .unwrap()
            .contains("still needed")
    );
}

#[test]
fn deleted_on_one_side_and_untouched_on_the_other_is_deleted() {
    let base = base();
    let mut ours = base.clone();
    ours.annotations.retain(|a| a.id != aid(3));
    let (merged, conflicts) = three_way(&base, &ours, &base);
    assert!(conflicts.is_empty());
    assert!(merged.annotation(aid(3)).is_none());
}

#[test]
fn a_link_to_evidence_the_other_side_deleted_keeps_the_evidence() {
    let base = base();
    let mut ours = base.clone();
    ours.links.push(Link::Evidence {
        annotation: aid(2),
        evidence: eid(1),
        stance: Stance::Refutes,
    });
    let mut theirs = base.clone();
    theirs.links.clear();
    theirs.evidence.clear();

    let (merged, _) = three_way(&base, &ours, &theirs);
    assert!(merged.evidence_item(eid(1)).is_some(), "evidence kept");
    assert!(merged.links.contains(&Link::Evidence {
        annotation: aid(2),
        evidence: eid(1),
        stance: Stance::Refutes,
    }));
    let conflict = only_conflict(&merged);
    assert_eq!(conflict.item, ConflictItem::Evidence(eid(1)));
    assert_eq!(conflict.field, ConflictField::Existence);
    assert_eq!(conflict.theirs.value, None, "theirs deleted it");
}

#[test]
fn a_stance_changed_two_ways_is_a_conflict_on_the_link() {
    let base = base();
    let restance = |stance| {
        let mut set = base.clone();
        set.links = vec![Link::Evidence {
            annotation: aid(1),
            evidence: eid(1),
            stance,
        }];
        set
    };
    let (merged, _) = three_way(
        &base,
        &restance(Stance::Refutes),
        &restance(Stance::Context),
    );
    let conflict = only_conflict(&merged);
    assert_eq!(
        conflict.item,
        ConflictItem::EvidenceLink {
            annotation: aid(1),
            evidence: eid(1)
        }
    );
    assert_eq!(conflict.field, ConflictField::Stance);
    assert_eq!(merged.links.len(), 1, "one link, with the agreed stance");
}

#[test]
fn tag_colours_titles_and_review_details_merge_by_field() {
    let base = base();
    let mut ours = base.clone();
    ours.tags[0].color = Color::rgb(1, 2, 3);
    ours.review.organization = "Harbor Checks".into();
    ours.title = "Bridge costs".into();
    let mut theirs = base.clone();
    theirs.tags[0].color = Color::rgb(9, 9, 9);
    theirs.title = "Bridge repair costs".into();

    let (merged, _) = three_way(&base, &ours, &theirs);
    assert_eq!(merged.review.organization, "Harbor Checks");
    let fields: Vec<_> = merged.conflicts.iter().map(|c| c.field).collect();
    assert!(fields.contains(&ConflictField::Color), "{fields:?}");
    assert!(fields.contains(&ConflictField::Title), "{fields:?}");
    assert_eq!(merged.conflicts.len(), 2);
}

#[test]
fn an_open_conflict_is_carried_along_and_one_resolved_by_a_side_is_dropped() {
    let base = base();
    let mut ours = base.clone();
    edit_annotation(&mut ours, 2, 5, |a| a.verdict = Verdict::True);
    let mut theirs = base.clone();
    edit_annotation(&mut theirs, 2, 9, |a| a.verdict = Verdict::False);
    let (with_conflict, _) = three_way(&base, &ours, &theirs);
    assert_eq!(with_conflict.conflicts.len(), 1);

    // A third reviewer edits another field of the conflicted set: the conflict stays.
    let mut carol = with_conflict.clone();
    edit_annotation(&mut carol, 1, 20, |a| a.note = "carol was here".into());
    let (carried, new) = three_way(&with_conflict, &with_conflict, &carol);
    assert!(new.is_empty());
    assert_eq!(carried.conflicts, with_conflict.conflicts);
    assert_eq!(carried.annotation(aid(1)).unwrap().note, "carol was here");

    // One side resolves it (picks False and removes the record): the merge drops it.
    let mut resolved = with_conflict.clone();
    resolved.conflicts.clear();
    edit_annotation(&mut resolved, 2, 30, |a| a.verdict = Verdict::False);
    let (settled, new) = three_way(&with_conflict, &carried, &resolved);
    assert!(new.is_empty());
    assert!(settled.conflicts.is_empty(), "{:#?}", settled.conflicts);
    assert_eq!(settled.annotation(aid(2)).unwrap().verdict, Verdict::False);
}

#[test]
fn a_merged_set_with_conflicts_saves_and_loads_back_the_same() {
    let base = base();
    let mut ours = base.clone();
    edit_annotation(&mut ours, 2, 5, |a| a.note = "ours \"quoted\"\nnote".into());
    let mut theirs = base.clone();
    edit_annotation(&mut theirs, 2, 9, |a| a.note = "theirs".into());
    let (merged, _) = three_way(&base, &ours, &theirs);
    let text = factmark::store::serialize_set(&merged).expect("serializes");
    assert!(text.contains("conflicts:"));
    let back = factmark::store::parse_set(&text, std::path::Path::new("x.ron")).expect("parses");
    assert_eq!(back, merged);
    assert_eq!(factmark::store::serialize_set(&back).expect("again"), text);
    // A set without conflicts does not mention them (files stay as they were).
    let plain = factmark::store::serialize_set(&base).expect("serializes");
    assert!(!plain.contains("conflicts"));
}

#[test]
fn union_folds_the_same_span_with_the_same_tag_and_reports_it() {
    let mut ana = AnnotationSet::new(&doc(), "doc.txt", "Bridge", at(0));
    ana.annotations = vec![
        annotation(1, 0..40, TAG_CLAIM),
        annotation(2, 42..69, TAG_CLAIM),
    ];
    let mut bea = AnnotationSet::new(&doc(), "doc.txt", "Bridge", at(1));
    let mut same = annotation(11, 0..40, TAG_CLAIM);
    same.author = "bea".into();
    same.note = "bea's note".into();
    bea.annotations = vec![same, annotation(12, 70..97, TAG_QUOTE)];
    bea.evidence = vec![evidence(1)];
    bea.links = vec![Link::Evidence {
        annotation: aid(11),
        evidence: eid(1),
        stance: Stance::Supports,
    }];

    let (merged, report) = union(
        Side {
            set: &ana,
            by: "ana",
        },
        Side {
            set: &bea,
            by: "bea",
        },
    );
    assert_eq!(report.folded, vec![(aid(1), aid(11))]);
    let ids: Vec<_> = merged.annotations.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![aid(1), aid(2), aid(12)]);
    assert!(
        merged.links.contains(&Link::Evidence {
            annotation: aid(1),
            evidence: eid(1),
            stance: Stance::Supports
        }),
        "bea's link moved to the kept annotation"
    );
    // The notes differ: that is shown, never settled.
    let conflict = only_conflict(&merged);
    assert_eq!(conflict.field, ConflictField::Note);
    let theirs: String = ron::from_str(conflict.theirs.value.as_deref().unwrap()).unwrap();
    assert_eq!(theirs, "bea's note");
}

#[test]
fn resolving_puts_the_chosen_value_in_and_removes_the_conflict() {
    let base = base();
    let mut ours = base.clone();
    edit_annotation(&mut ours, 2, 5, |a| {
        a.verdict = Verdict::True;
        a.note = "ours".into();
    });
    let mut theirs = base.clone();
    edit_annotation(&mut theirs, 2, 9, |a| {
        a.verdict = Verdict::False;
        a.note = "theirs".into();
    });
    let (merged, _) = three_way(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 2);
    let id_of = |field| {
        merged
            .conflicts
            .iter()
            .find(|c| c.field == field)
            .unwrap()
            .id
            .clone()
    };
    let note = merged
        .conflicts
        .iter()
        .find(|c| c.field == ConflictField::Note)
        .unwrap();
    assert_eq!(note.ours.shown(), "ours");

    let settled = resolve(&merged, &id_of(ConflictField::Verdict), &Resolution::Theirs).unwrap();
    assert_eq!(settled.annotation(aid(2)).unwrap().verdict, Verdict::False);
    assert_eq!(settled.conflicts.len(), 1);
    let settled = resolve(
        &settled,
        &id_of(ConflictField::Note),
        &Resolution::Value("both were right".into()),
    )
    .unwrap();
    assert_eq!(settled.annotation(aid(2)).unwrap().note, "both were right");
    assert!(settled.conflicts.is_empty());

    let typed = resolve(
        &merged,
        &id_of(ConflictField::Verdict),
        &Resolution::Value("mostly-true".into()),
    )
    .unwrap();
    assert_eq!(
        typed.annotation(aid(2)).unwrap().verdict,
        Verdict::MostlyTrue
    );
    let bad = resolve(
        &merged,
        &id_of(ConflictField::Verdict),
        &Resolution::Value("pants on fire".into()),
    );
    assert!(matches!(bad, Err(ResolveError::BadValue { .. })), "{bad:?}");
    assert!(matches!(
        resolve(&merged, "nope", &Resolution::Ours),
        Err(ResolveError::UnknownConflict { .. })
    ));
    let dropped = resolve(&merged, &id_of(ConflictField::Verdict), &Resolution::Drop).unwrap();
    assert_eq!(dropped.conflicts.len(), 1);
    assert_eq!(
        dropped.annotation(aid(2)).unwrap().verdict,
        Verdict::Unreviewed
    );
}

#[test]
fn resolving_an_existence_conflict_for_the_deleting_side_deletes_the_item_and_its_links() {
    let base = base();
    let mut ours = base.clone();
    ours.annotations.retain(|a| a.id != aid(1));
    ours.links.clear();
    let mut theirs = base.clone();
    edit_annotation(&mut theirs, 1, 9, |a| a.note = "keep me".into());
    let (merged, _) = three_way(&base, &ours, &theirs);
    let conflict = only_conflict(&merged).clone();
    assert_eq!(conflict.ours.shown(), "(deleted)");

    let kept = resolve(&merged, &conflict.id, &Resolution::Theirs).unwrap();
    assert_eq!(kept.annotation(aid(1)).unwrap().note, "keep me");
    let deleted = resolve(&merged, &conflict.id, &Resolution::Ours).unwrap();
    assert!(deleted.annotation(aid(1)).is_none());
    assert!(deleted.links.iter().all(|l| !l.mentions_annotation(aid(1))));
}

// ---- property tests ------------------------------------------------------------------

/// A tiny deterministic generator, so one seed describes a whole case.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn random_base(rng: &mut Lcg) -> AnnotationSet {
    let mut set = AnnotationSet::new(&doc(), "doc.txt", "Bridge", at(0));
    let len = TEXT.chars().count();
    for n in 0..(2 + rng.below(6)) as u128 {
        let start = rng.below(len - 10);
        let end = start + 1 + rng.below(9);
        let tag = [TAG_CLAIM, TAG_QUOTE][rng.below(2)];
        set.annotations.push(annotation(n + 1, start..end, tag));
    }
    for n in 0..rng.below(3) as u128 {
        set.evidence.push(evidence(n + 1));
    }
    add_random_links(&mut set, rng, 3);
    set.normalize();
    set
}

fn add_random_links(set: &mut AnnotationSet, rng: &mut Lcg, count: usize) {
    for _ in 0..rng.below(count + 1) {
        if set.annotations.is_empty() || set.evidence.is_empty() {
            return;
        }
        let a = set.annotations[rng.below(set.annotations.len())].id;
        let e = set.evidence[rng.below(set.evidence.len())].id;
        if set.links.iter().any(|l| {
            matches!(l, Link::Evidence { annotation, evidence, .. } if *annotation == a && *evidence == e)
        }) {
            continue;
        }
        set.links.push(Link::Evidence {
            annotation: a,
            evidence: e,
            stance: Stance::ALL[rng.below(3)],
        });
    }
}

/// Random edits as a reviewer makes them; `salt` keeps new ids apart between sides.
fn random_edits(base: &AnnotationSet, rng: &mut Lcg, salt: u128) -> AnnotationSet {
    let mut set = base.clone();
    let minute = 10 + salt as i64;
    for step in 0..rng.below(6) {
        match rng.below(7) {
            0 if !set.annotations.is_empty() => {
                let i = rng.below(set.annotations.len());
                set.annotations[i].note =
                    ["", "checked", "see source", "disputed"][rng.below(4)].into();
                set.annotations[i].modified = at(minute);
            }
            1 if !set.annotations.is_empty() => {
                let i = rng.below(set.annotations.len());
                set.annotations[i].verdict = Verdict::ALL[rng.below(Verdict::ALL.len())];
                set.annotations[i].modified = at(minute);
            }
            2 if !set.annotations.is_empty() => {
                let i = rng.below(set.annotations.len());
                let id = set.annotations[i].id;
                set.annotations.remove(i);
                set.links.retain(|l| !l.mentions_annotation(id));
            }
            3 => {
                let start = rng.below(100);
                set.annotations.push(annotation(
                    salt * 1000 + step as u128,
                    start..start + 5,
                    TAG_CLAIM,
                ));
            }
            4 if !set.evidence.is_empty() => {
                let i = rng.below(set.evidence.len());
                let id = set.evidence[i].id;
                set.evidence.remove(i);
                set.links.retain(|l| !l.mentions_evidence(id));
            }
            5 => set.evidence.push(evidence(salt * 1000 + step as u128)),
            _ => {
                if let Some(Link::Evidence { stance, .. }) = set
                    .links
                    .iter_mut()
                    .find(|l| matches!(l, Link::Evidence { .. }))
                {
                    *stance = Stance::ALL[rng.below(3)];
                } else {
                    add_random_links(&mut set, rng, 2);
                }
            }
        }
    }
    set.modified = at(minute);
    set.normalize();
    set
}

/// The parts of a set that merging decides (not who wrote it or when).
fn content(set: &AnnotationSet) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{}\n{:?}",
        set.annotations, set.evidence, set.links, set.tags, set.title, set.review
    )
}

fn swap_sides(conflicts: &[Conflict]) -> Vec<Conflict> {
    conflicts
        .iter()
        .map(|c| Conflict {
            ours: c.theirs.clone(),
            theirs: c.ours.clone(),
            ..c.clone()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn an_untouched_side_gives_the_other(seed in any::<u64>()) {
        let mut rng = Lcg(seed);
        let base = random_base(&mut rng);
        let ours = random_edits(&base, &mut rng, 1);
        let (merged, conflicts) = three_way(&base, &ours, &base);
        prop_assert!(conflicts.is_empty());
        prop_assert_eq!(content(&merged), content(&ours));
        let (merged, conflicts) = three_way(&base, &base, &ours);
        prop_assert!(conflicts.is_empty());
        prop_assert_eq!(content(&merged), content(&ours));
    }

    #[test]
    fn merging_is_symmetric_but_for_which_side_is_ours(seed in any::<u64>()) {
        let mut rng = Lcg(seed);
        let base = random_base(&mut rng);
        let ours = random_edits(&base, &mut rng, 1);
        let theirs = random_edits(&base, &mut rng, 2);
        let (ab, _) = three_way(&base, &ours, &theirs);
        let (ba, _) = merge(&base, Side { set: &theirs, by: "bea" }, Side { set: &ours, by: "ana" });
        prop_assert_eq!(content(&ab), content(&ba));
        prop_assert_eq!(ab.conflicts, swap_sides(&ba.conflicts));
    }

    #[test]
    fn nothing_either_side_changed_is_lost(seed in any::<u64>()) {
        let mut rng = Lcg(seed);
        let base = random_base(&mut rng);
        let ours = random_edits(&base, &mut rng, 1);
        let theirs = random_edits(&base, &mut rng, 2);
        let (merged, _) = three_way(&base, &ours, &theirs);
        for side in [&ours, &theirs] {
            for a in &side.annotations {
                if base.annotation(a.id) == Some(a) {
                    continue; // untouched here: the other side may have deleted it
                }
                let kept = merged.annotation(a.id);
                prop_assert!(kept.is_some(), "changed annotation {} dropped", a.id);
                let kept = kept.unwrap();
                let before = base.annotation(a.id);
                for (field, mine, was, now) in [
                    (ConflictField::Note, format!("{:?}", a.note),
                     before.map(|b| format!("{:?}", b.note)), format!("{:?}", kept.note)),
                    (ConflictField::Verdict, format!("{:?}", a.verdict),
                     before.map(|b| format!("{:?}", b.verdict)), format!("{:?}", kept.verdict)),
                ] {
                    if was.as_ref() == Some(&mine) {
                        continue; // this side did not change the field
                    }
                    let in_conflict = merged.conflicts.iter().any(|c| {
                        c.item == ConflictItem::Annotation(a.id) && c.field == field
                    });
                    prop_assert!(mine == now || in_conflict, "{field:?} of {} lost", a.id);
                }
            }
            for e in &side.evidence {
                if base.evidence_item(e.id).is_none() {
                    prop_assert!(merged.evidence_item(e.id).is_some(), "new evidence {} dropped", e.id);
                }
            }
            for link in &side.links {
                if !base.links.contains(link) {
                    let same_ends = merged.links.iter().any(|l| match (l, link) {
                        (Link::Evidence { annotation: a, evidence: e, .. },
                         Link::Evidence { annotation: b, evidence: f, .. }) => a == b && e == f,
                        _ => l == link,
                    });
                    prop_assert!(same_ends, "new link {link:?} dropped");
                }
            }
        }
        // The result is a valid set: every link's ends exist.
        for link in &merged.links {
            match link {
                Link::Evidence { annotation, evidence, .. } => {
                    prop_assert!(merged.annotation(*annotation).is_some());
                    prop_assert!(merged.evidence_item(*evidence).is_some());
                }
                Link::SaidBy { annotation, attribution } => {
                    prop_assert!(merged.annotation(*annotation).is_some());
                    prop_assert!(merged.annotation(*attribution).is_some());
                }
            }
        }
    }

    #[test]
    fn merging_the_result_again_with_either_side_changes_nothing(seed in any::<u64>()) {
        let mut rng = Lcg(seed);
        let base = random_base(&mut rng);
        let ours = random_edits(&base, &mut rng, 1);
        let theirs = random_edits(&base, &mut rng, 2);
        let (merged, _) = three_way(&base, &ours, &theirs);
        for side in [&ours, &theirs] {
            // The side is an ancestor of the result, so it is the base of this merge.
            let (again, new) = three_way(side, &merged, side);
            prop_assert!(new.is_empty());
            prop_assert_eq!(content(&again), content(&merged));
            prop_assert_eq!(&again.conflicts, &merged.conflicts);
        }
        let (twice, _) = three_way(&base, &merged, &merged);
        prop_assert_eq!(content(&twice), content(&merged));
    }
}

fn snapshot(n: u128, minute: i64) -> factmark::model::Snapshot {
    factmark::model::Snapshot {
        path: format!("doc.txt.factmark.evidence/{}.html", eid(n)),
        sha256: format!("{minute:064x}"),
        retrieved: at(minute),
        final_url: format!("https://records.example/{n}"),
        content_type: Some("text/html".into()),
    }
}

fn web_evidence(n: u128, minute: i64) -> Evidence {
    Evidence {
        kind: EvidenceKind::Url {
            url: format!("https://records.example/{n}"),
            archived_url: None,
        },
        snapshot: Some(snapshot(n, minute)),
        ..evidence(n)
    }
}

#[test]
fn snapshots_added_on_both_sides_combine_and_two_copies_of_one_page_conflict() {
    let base = base();
    let mut ours = base.clone();
    ours.evidence.push(web_evidence(2, 1));
    let mut theirs = base.clone();
    theirs.evidence.push(web_evidence(3, 2));
    let (merged, conflicts) = three_way(&base, &ours, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    let kept: Vec<_> = merged
        .evidence
        .iter()
        .filter_map(|e| e.snapshot.clone())
        .collect();
    assert_eq!(kept, [snapshot(2, 1), snapshot(3, 2)]);

    // One reviewer keeps a copy of evidence both have, the other does not: it is kept.
    let mut ours = base.clone();
    ours.evidence[0].snapshot = Some(snapshot(1, 3));
    let (merged, conflicts) = three_way(&base, &ours, &base);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(merged.evidence[0].snapshot, Some(snapshot(1, 3)));

    // Two different copies of the same evidence: a conflict over the snapshot, settled by
    // choosing one.
    let mut theirs = base.clone();
    theirs.evidence[0].snapshot = Some(snapshot(1, 4));
    let (merged, _) = three_way(&base, &ours, &theirs);
    let conflict = only_conflict(&merged);
    assert_eq!(conflict.field, ConflictField::Snapshot);
    assert_eq!(conflict.item, ConflictItem::Evidence(eid(1)));
    let settled = resolve(&merged, &conflict.id, &Resolution::Theirs).unwrap();
    assert!(settled.conflicts.is_empty());
    assert_eq!(settled.evidence[0].snapshot, Some(snapshot(1, 4)));
}

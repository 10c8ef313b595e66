//! Property test for undo and redo (issue 9 §7): random sequences of edits, undos and redos
//! on a set holding orphans (some with the empty or out-of-range positions older builds
//! wrote), links and evidence; undoing everything gives the original set back, byte for
//! byte as saved. Edits go through the app's own [`History`].
//!
//! The set's `modified` time records when it last changed, and an undo is a change, so it
//! is set back before comparing; every other byte must be equal (annotation times
//! included, since edits run at later times than the set was made).

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

use chrono::{DateTime, Duration, TimeZone as _, Utc};
use factmark::model::{
    AnchorStatus, Annotation, AnnotationSet, Document, Edit, Evidence, EvidenceId, EvidenceKind,
    Link, Stance, TAG_ATTRIBUTION, TAG_CLAIM, TAG_QUOTE, TagDef, TextPosition, Verdict, anchor_set,
};
use factmark::store::serialize_set;
use factmark::ui::state::history::History;
use proptest::prelude::*;

const TEXT: &str = "The mayor said the budget grew by 12 percent last year. \
Critics replied that most of the growth went to consultants. \
A council report later put the figure at nine percent. \
Nobody has explained the difference between the two numbers.";

/// A tiny deterministic generator (LCG), so one `u64` seed describes a whole case.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 6, 7, 0, 0)
        .single()
        .expect("valid")
        + Duration::minutes(minutes)
}

/// A set with claims, a quote, an attribution, evidence, links, and three orphans: one
/// left by truncating the document, one with the empty position an older build clamped to
/// the end, one past the end.
fn fixture() -> AnnotationSet {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(&doc, "doc.txt", "undo props", at(0));
    let find = |needle: &str| {
        let start = doc.find_all_char_starts(needle)[0];
        start..start + needle.chars().count()
    };
    for (needle, tag) in [
        ("12 percent", TAG_CLAIM),
        ("most of the growth went to consultants", TAG_CLAIM),
        ("The mayor", TAG_ATTRIBUTION),
        ("nine percent", TAG_QUOTE),
        ("between the two numbers", TAG_CLAIM),
    ] {
        set.annotations
            .push(Annotation::new(&doc, find(needle), tag, "ana", at(0)));
    }
    set.evidence.push(Evidence {
        id: EvidenceId::random(),
        kind: EvidenceKind::Url {
            url: "https://example.org/budget".to_owned(),
            archived_url: None,
        },
        title: "Budget".to_owned(),
        accessed: None,
        note: String::new(),
        created: at(0),
        author: "ana".to_owned(),
        snapshot: None,
    });
    set.links.push(Link::Evidence {
        annotation: set.annotations[0].id,
        evidence: set.evidence[0].id,
        stance: Stance::Refutes,
    });
    set.links.push(Link::SaidBy {
        annotation: set.annotations[0].id,
        attribution: set.annotations[2].id,
    });
    // Truncate the document: the last claim orphans (and keeps its position).
    let cut = TEXT.find("Nobody").expect("in text");
    let truncated = Document::new(&TEXT[..cut]);
    anchor_set(&mut set, &truncated);
    assert_eq!(set.annotations[4].status, AnchorStatus::Orphaned);
    // Orphans as older builds left them: empty at the end, and reversed past it.
    let mut clamped = Annotation::new(&doc, find("Critics replied"), TAG_QUOTE, "bo", at(0));
    clamped.position = TextPosition {
        char_start: truncated.char_len(),
        char_end: truncated.char_len(),
    };
    clamped.status = AnchorStatus::Orphaned;
    let mut reversed = Annotation::new(&doc, find("the budget grew"), TAG_CLAIM, "bo", at(0));
    reversed.position = TextPosition {
        char_start: 9_000,
        char_end: 8_990,
    };
    reversed.status = AnchorStatus::Orphaned;
    set.annotations.push(clamped);
    set.annotations.push(reversed);
    set.links.push(Link::Evidence {
        annotation: set.annotations[5].id,
        evidence: set.evidence[0].id,
        stance: Stance::Context,
    });
    set
}

/// A random edit that may or may not apply to the set as it is now.
fn random_edit(rng: &mut Lcg, set: &AnnotationSet, serial: usize) -> Edit {
    let doc = Document::new(TEXT);
    let annotation = set
        .annotations
        .get(rng.below(set.annotations.len()))
        .cloned();
    let evidence = set.evidence.get(rng.below(set.evidence.len())).cloned();
    let id = annotation.as_ref().map(|a| a.id);
    match (rng.below(14), id) {
        (0, Some(id)) => Edit::DeleteAnnotation(id),
        (1, Some(id)) => Edit::SetNote {
            id,
            note: format!("note {serial}"),
        },
        (2, Some(id)) => Edit::SetTag {
            id,
            tag: [TAG_CLAIM, TAG_QUOTE, TAG_ATTRIBUTION, "opinion"][rng.below(4)].to_owned(),
        },
        (3, Some(id)) => Edit::SetVerdict {
            id,
            verdict: [Verdict::True, Verdict::False, Verdict::Unreviewed][rng.below(3)],
        },
        (4, Some(id)) => {
            let start = rng.below(TEXT.len() - 10);
            Edit::SetAnchor {
                id,
                position: (start..start + 1 + rng.below(9)).into(),
                quote: doc.quote(start..start + 4),
                status: AnchorStatus::Exact,
            }
        }
        (5, _) => {
            let start = rng.below(TEXT.len() - 12);
            Edit::AddAnnotation(Annotation::new(
                &doc,
                start..start + 1 + rng.below(11),
                [TAG_CLAIM, TAG_ATTRIBUTION][rng.below(2)],
                "cy",
                at(0),
            ))
        }
        (6, _) => Edit::AddEvidence(Evidence {
            id: EvidenceId::random(),
            kind: EvidenceKind::Citation {
                text: format!("Report {serial}"),
            },
            title: format!("Report {serial}"),
            accessed: None,
            note: String::new(),
            created: at(0),
            author: "cy".to_owned(),
            snapshot: None,
        }),
        (7, _) => match (&annotation, &evidence) {
            (Some(a), Some(e)) => Edit::AddLink(Link::Evidence {
                annotation: a.id,
                evidence: e.id,
                stance: Stance::ALL[rng.below(3)],
            }),
            _ => Edit::SetTitle(format!("title {serial}")),
        },
        (8, _) => match set.links.get(rng.below(set.links.len())) {
            Some(link) => Edit::RemoveLink(link.clone()),
            None => Edit::SetTitle(format!("title {serial}")),
        },
        (9, _) => match &evidence {
            Some(e) => Edit::DeleteEvidence(e.id),
            None => Edit::SetTitle(format!("title {serial}")),
        },
        (10, Some(id)) => {
            let other = &set.annotations[rng.below(set.annotations.len())];
            Edit::AddLink(Link::SaidBy {
                annotation: id,
                attribution: other.id,
            })
        }
        (11, _) => {
            if set.tag("opinion").is_some() {
                Edit::RemoveTag("opinion".to_owned())
            } else {
                Edit::AddTag(TagDef {
                    name: "opinion".to_owned(),
                    color: factmark::model::Color::rgb(1, 2, 3),
                    key: None,
                })
            }
        }
        (12, _) => {
            let first = random_edit(rng, set, serial + 1000);
            let second = random_edit(rng, set, serial + 2000);
            Edit::Batch(vec![first, second])
        }
        _ => Edit::SetTitle(format!("title {serial}")),
    }
}

fn saved(set: &AnnotationSet) -> String {
    serialize_set(set).expect("serializes")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn undoing_everything_gives_the_original_set_byte_for_byte(
        seed in any::<u64>(),
        steps in 1usize..60,
    ) {
        let mut rng = Lcg(seed);
        let original = fixture();
        let mut set = original.clone();
        let mut history = History::default();
        let mut minute = 1;
        for serial in 0..steps {
            minute += 1;
            match rng.below(5) {
                0 => {
                    history.undo(&mut set, at(minute)).map_err(|e| {
                        TestCaseError::fail(format!("undo failed: {e}"))
                    })?;
                }
                1 => {
                    history.redo(&mut set, at(minute)).map_err(|e| {
                        TestCaseError::fail(format!("redo failed: {e}"))
                    })?;
                }
                _ => {
                    let edit = random_edit(&mut rng, &set, serial);
                    let before = saved(&set);
                    if history.apply(&mut set, "step", edit, at(minute)).is_err() {
                        prop_assert_eq!(saved(&set), before, "a refused edit changes nothing");
                    }
                }
            }
        }
        while history.undo_label().is_some() {
            minute += 1;
            history.undo(&mut set, at(minute)).map_err(|e| {
                TestCaseError::fail(format!("undo failed: {e}"))
            })?;
        }
        set.modified = original.modified;
        prop_assert_eq!(saved(&set), saved(&original));
    }
}

#[test]
fn deleting_an_orphan_left_empty_by_an_older_build_can_be_undone() {
    let mut set = fixture();
    let original = saved(&set);
    let mut history = History::default();
    let ids: Vec<_> = [5, 6, 4].map(|index| set.annotations[index].id).into();
    for id in ids {
        history
            .apply(&mut set, "delete", Edit::DeleteAnnotation(id), at(1))
            .expect("delete");
    }
    assert_eq!(set.annotations.len(), 4);
    for _ in 0..3 {
        history.undo(&mut set, at(2)).expect("undo never fails");
    }
    set.modified = at(0);
    assert_eq!(saved(&set), original);
}

//! Shared fixtures for the store tests: a deterministic set and a proptest strategy.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone as _, Utc};
use factmark::model::workflow::{ClaimState, Comment, CommentId, HistoryEntry, Stamp, Workflow};
use factmark::model::{
    AnchorStatus, Annotation, AnnotationId, AnnotationSet, Color, Document, Evidence, EvidenceId,
    EvidenceKind, Link, Stance, TagDef, Verdict,
};
use proptest::prelude::*;
use uuid::Uuid;

/// A fixed time, `minute` minutes after 2026-11-27 09:00 UTC, with nanoseconds.
pub fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, minute, 7)
        .single()
        .expect("valid time")
        + chrono::Duration::nanoseconds(123_456_789)
}

/// A small set touching every kind of field: tags, statuses, verdicts, evidence, links.
pub fn sample_set() -> AnnotationSet {
    let doc = Document::new(
        "The minister said unemployment fell by 40% in 2025. \"It's the best year,\" she added.\n",
    );
    let mut set = AnnotationSet::new(&doc, "article.txt", "Review of \"the speech\"", at(0));
    let mut claim = Annotation::new(&doc, 18..50, "claim", "ana", at(1));
    claim.id = AnnotationId(Uuid::from_u128(0x20));
    claim.note = "Official data says 4%.\nSee ILO \"table 3\" — ünïcödé 👩‍👩‍👧\t\u{7}".into();
    claim.verdict = Verdict::MostlyFalse;
    claim.status = AnchorStatus::Fuzzy { score: 0.873_456_7 };
    let mut quote = Annotation::new(&doc, 52..72, "quote", "bo", at(2));
    quote.id = AnnotationId(Uuid::from_u128(0x10));
    quote.status = AnchorStatus::Moved;
    let mut who = Annotation::new(&doc, 0..12, "attribution", "bo", at(3));
    who.id = AnnotationId(Uuid::from_u128(0x30));
    who.status = AnchorStatus::Orphaned;
    let web = Evidence {
        id: EvidenceId(Uuid::from_u128(0x99)),
        kind: EvidenceKind::Url {
            url: "https://example.org/stats?q=1&x=\"2\"".into(),
            archived_url: Some("https://web.archive.org/web/2026/https://example.org".into()),
        },
        title: "Labour statistics".into(),
        accessed: chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
        note: String::new(),
        created: at(4),
        author: String::new(),
        snapshot: None,
    };
    let file = Evidence {
        id: EvidenceId(Uuid::from_u128(0x98)),
        kind: EvidenceKind::File {
            path: "evidence/table 3.pdf".into(),
        },
        title: "Table".into(),
        accessed: None,
        note: "scan".into(),
        created: at(5),
        author: String::new(),
        snapshot: None,
    };
    let book = Evidence {
        id: EvidenceId(Uuid::from_u128(0x97)),
        kind: EvidenceKind::Citation {
            text: "Annual report, p. 12".into(),
        },
        title: String::new(),
        accessed: None,
        note: String::new(),
        created: at(6),
        author: String::new(),
        snapshot: None,
    };
    set.links = vec![
        Link::SaidBy {
            annotation: quote.id,
            attribution: who.id,
        },
        Link::Evidence {
            annotation: claim.id,
            evidence: web.id,
            stance: Stance::Refutes,
        },
        Link::Evidence {
            annotation: claim.id,
            evidence: book.id,
            stance: Stance::Context,
        },
    ];
    set.annotations = vec![claim, quote, who];
    set.evidence = vec![web, file, book];
    set.review.organization = "Check & Co".into();
    set.modified = at(9);
    set
}

/// Strings with quotes, backslashes, newlines, unicode, control and bidi characters.
pub fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[\"\\\\\n\r\t \u{0}-\u{1f}\u{7f}\u{202e}\u{200b}é中👩‍👩‍👧a-z]{0,24}",
        any::<String>(),
    ]
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(secs, nanos)| DateTime::from_timestamp(secs, nanos).unwrap_or_default())
}

fn status() -> impl Strategy<Value = AnchorStatus> {
    prop_oneof![
        Just(AnchorStatus::Exact),
        Just(AnchorStatus::Moved),
        Just(AnchorStatus::Orphaned),
        // Any finite f32 (the anchoring code gives 0..=1, but files are untrusted).
        any::<f32>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|score| AnchorStatus::Fuzzy { score }),
        (0.0f32..=1.0).prop_map(|score| AnchorStatus::Fuzzy { score }),
    ]
}

fn stamp() -> impl Strategy<Value = Stamp> {
    (nasty_string(), time()).prop_map(|(by, at)| Stamp { by, at })
}

/// A workflow: empty most often (as most files have), else every field filled.
fn workflow() -> impl Strategy<Value = Workflow> {
    let comment = (
        any::<u128>(),
        nasty_string(),
        time(),
        nasty_string(),
        proptest::option::of(stamp()),
    )
        .prop_map(|(id, author, created, text, resolved)| Comment {
            id: CommentId(Uuid::from_u128(id)),
            author,
            created,
            text,
            resolved,
        });
    let entry = (
        time(),
        nasty_string(),
        "[a-z]{1,8}",
        nasty_string(),
        nasty_string(),
    )
        .prop_map(|(at, by, field, old, new)| HistoryEntry {
            at,
            by,
            field,
            old,
            new,
        });
    prop_oneof![
        Just(Workflow::default()),
        (
            proptest::sample::select(ClaimState::ALL.to_vec()),
            nasty_string(),
            proptest::option::of(stamp()),
            proptest::option::of(stamp()),
            proptest::collection::vec(comment, 0..3),
            proptest::collection::vec(entry, 0..3),
        )
            .prop_map(
                |(state, assignee, verdict_by, sign_off, comments, history)| Workflow {
                    state,
                    assignee,
                    verdict_by,
                    sign_off,
                    comments,
                    history,
                }
            ),
    ]
}

fn annotation() -> impl Strategy<Value = Annotation> {
    (
        workflow(),
        any::<u128>(),
        "[a-z_-]{1,10}",
        (0usize..100_000, 0usize..1000),
        (nasty_string(), nasty_string(), nasty_string()),
        nasty_string(),
        nasty_string(),
        (time(), time()),
        status(),
        proptest::sample::select(Verdict::ALL.to_vec()),
    )
        .prop_map(
            |(
                workflow,
                id,
                tag,
                (start, len),
                (exact, prefix, suffix),
                note,
                author,
                (created, modified),
                status,
                verdict,
            )| {
                Annotation {
                    id: AnnotationId(Uuid::from_u128(id)),
                    tag,
                    position: (start..start + len).into(),
                    quote: factmark::model::TextQuote {
                        exact,
                        prefix,
                        suffix,
                    },
                    note,
                    author,
                    created,
                    modified,
                    status,
                    verdict,
                    workflow,
                }
            },
        )
}

fn evidence() -> impl Strategy<Value = Evidence> {
    let kind = prop_oneof![
        (nasty_string(), proptest::option::of(nasty_string()))
            .prop_map(|(url, archived_url)| EvidenceKind::Url { url, archived_url }),
        nasty_string().prop_map(|path| EvidenceKind::File { path }),
        nasty_string().prop_map(|text| EvidenceKind::Citation { text }),
    ];
    (
        any::<u128>(),
        kind,
        nasty_string(),
        proptest::option::of((1i32..9999, 1u32..=12, 1u32..=28)),
        nasty_string(),
        time(),
    )
        .prop_map(|(id, kind, title, date, note, created)| Evidence {
            id: EvidenceId(Uuid::from_u128(id)),
            kind,
            title,
            accessed: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
            note,
            created,
            author: String::new(),
            snapshot: None,
        })
}

/// Random sets: random annotations, evidence, links (ids may dangle: files are untrusted).
pub fn any_set() -> impl Strategy<Value = AnnotationSet> {
    (
        proptest::collection::vec(annotation(), 0..6),
        proptest::collection::vec(evidence(), 0..4),
        proptest::collection::vec((any::<u128>(), any::<u128>(), 0usize..4), 0..6),
        nasty_string(),
        nasty_string(),
        (time(), time()),
        (
            "[a-z0-9_-]{1,32}",
            any::<[u8; 3]>(),
            proptest::option::of(any::<char>()),
        ),
    )
        .prop_map(
            |(annotations, evidence, links, title, path, (created, modified), tag)| {
                let mut set = AnnotationSet::new(&Document::new(""), &path, &title, created);
                set.modified = modified;
                set.links = links
                    .into_iter()
                    .map(|(a, b, kind)| match kind {
                        0 => Link::SaidBy {
                            annotation: AnnotationId(Uuid::from_u128(a)),
                            attribution: AnnotationId(Uuid::from_u128(b)),
                        },
                        k => Link::Evidence {
                            annotation: AnnotationId(Uuid::from_u128(a)),
                            evidence: EvidenceId(Uuid::from_u128(b)),
                            stance: Stance::ALL.get(k - 1).copied().unwrap_or(Stance::Context),
                        },
                    })
                    .collect();
                set.annotations = annotations;
                set.evidence = evidence;
                set.review.document_url = title.chars().rev().collect();
                let (name, [r, g, b], key) = tag;
                set.tags.push(TagDef {
                    name,
                    color: Color::rgb(r, g, b),
                    key,
                });
                set
            },
        )
}

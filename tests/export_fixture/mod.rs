//! A small fixed annotation set over a fixed document, shared by the export tests.
//! Fixed ids and times, so every export of it is byte-for-byte reproducible.

#![allow(dead_code)]

use std::ops::Range;
use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use factmark::export::ExportContext;
use factmark::model::{
    AnchorStatus, Annotation, AnnotationId, AnnotationSet, Color, Document, Evidence, EvidenceId,
    EvidenceKind, Link, ReviewInfo, Stance, TagDef, TextPosition, Verdict,
};
use uuid::Uuid;

/// The fixture document.
pub const TEXT: &str = "Harbor Council Minutes, 12 May 2026\n\
\n\
The mayor said the new bridge \"will cost less than €40 million & open by 2027\".\n\
According to the transport office, traffic fell by 30% after the toll <was> introduced.\n\
=SUM(A1) is not a formula here, | pipes | too.\n\
\n\
A claim spanning\n\
two lines.\n";

/// A fixed time: 2026-05-12 at `hour`:`minute` UTC.
pub fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 12, hour, minute, 0)
        .single()
        .expect("valid time")
}

/// The export time used by every golden file.
pub fn now() -> DateTime<Utc> {
    at(18, 30)
}

/// Annotation id number `n`.
pub fn aid(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(
        0xa000_0000_0000_4000_8000_0000_0000_0000 + n,
    ))
}

/// Evidence id number `n`.
pub fn eid(n: u128) -> EvidenceId {
    EvidenceId(Uuid::from_u128(
        0xe000_0000_0000_4000_8000_0000_0000_0000 + n,
    ))
}

/// The char range of the first occurrence of `needle`.
pub fn span(doc: &Document, needle: &str) -> Range<usize> {
    let start = *doc
        .find_all_char_starts(needle)
        .first()
        .expect("needle in text");
    start..start + needle.chars().count()
}

fn annotation(doc: &Document, n: u128, needle: &str, tag: &str, author: &str) -> Annotation {
    let mut a = Annotation::new(doc, span(doc, needle), tag, author, at(9, n as u32));
    a.id = aid(n);
    a.modified = at(10, n as u32);
    a
}

/// The fixture: document plus set.
pub fn fixture() -> (Document, AnnotationSet) {
    let doc = Document::new(TEXT);
    let mut set = AnnotationSet::new(&doc, "harbor-minutes.txt", "Harbor bridge claims", at(8, 0));
    set.modified = at(11, 0);
    set.review = ReviewInfo {
        organization: "Harbor Fact Desk".into(),
        organization_url: "https://factdesk.example/".into(),
        document_url: "https://news.example/harbor-minutes".into(),
        document_published: "2026-05-12".into(),
        review_url: "https://factdesk.example/reviews/harbor-bridge".into(),
        document_author: String::new(),
    };
    set.tags.push(TagDef {
        name: "legal-ref".into(),
        color: Color::rgb(0xbd, 0x10, 0xe0),
        key: None,
    });

    let mut cost = annotation(
        &doc,
        1,
        "will cost less than €40 million & open by 2027",
        "claim",
        "alice",
    );
    cost.verdict = Verdict::MostlyFalse;
    cost.note = "Budget documents show €52 million.\nSee the audit.".into();
    let mayor = annotation(&doc, 2, "The mayor", "attribution", "alice");
    let mut traffic = annotation(
        &doc,
        3,
        "traffic fell by 30% after the toll <was> introduced",
        "claim",
        "bob",
    );
    traffic.verdict = Verdict::True;
    traffic.note = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
    let office = annotation(&doc, 4, "the transport office", "attribution", "bob");
    let mut pipes = annotation(
        &doc,
        5,
        "=SUM(A1) is not a formula here, | pipes | too.",
        "quote",
        "bob",
    );
    pipes.note = "He said \"yes\", then 'no' <b>bold</b>".into();
    let mut spanning = annotation(&doc, 6, "A claim spanning\ntwo lines.", "claim", "carol");
    spanning.verdict = Verdict::Misleading;
    let overlap = annotation(&doc, 7, "€40 million", "legal-ref", "carol");
    let mut orphan = annotation(&doc, 8, "Harbor Council", "quote", "carol");
    orphan.quote.exact = "a sentence that was deleted".into();
    orphan.position = TextPosition {
        char_start: 0,
        char_end: 27,
    };
    orphan.status = AnchorStatus::Orphaned;
    set.annotations = vec![
        cost, mayor, traffic, office, pipes, spanning, overlap, orphan,
    ];

    set.evidence = vec![
        Evidence {
            id: eid(1),
            kind: EvidenceKind::Url {
                url: "https://city.example/audit-2025?year=2025&part=2".into(),
                archived_url: Some("https://archive.example/web/2026/city-audit".into()),
            },
            title: "City audit 2025".into(),
            accessed: chrono::NaiveDate::from_ymd_opt(2026, 5, 10),
            note: "Table 4".into(),
            created: at(12, 1),
            author: String::new(),
            snapshot: None,
        },
        Evidence {
            id: eid(2),
            kind: EvidenceKind::Citation {
                text: "Interview with the harbor master, 3 May 2026".into(),
            },
            title: String::new(),
            accessed: None,
            note: String::new(),
            created: at(12, 2),
            author: String::new(),
            snapshot: None,
        },
        Evidence {
            id: eid(3),
            kind: EvidenceKind::File {
                path: "docs/traffic-counts.pdf".into(),
            },
            title: "Traffic counts".into(),
            accessed: None,
            note: String::new(),
            created: at(12, 3),
            author: String::new(),
            snapshot: None,
        },
        Evidence {
            id: eid(4),
            kind: EvidenceKind::Url {
                url: "javascript:alert(1)".into(),
                archived_url: None,
            },
            title: "Suspicious link".into(),
            accessed: None,
            note: String::new(),
            created: at(12, 4),
            author: String::new(),
            snapshot: None,
        },
    ];
    set.links = vec![
        Link::Evidence {
            annotation: aid(1),
            evidence: eid(1),
            stance: Stance::Refutes,
        },
        Link::Evidence {
            annotation: aid(1),
            evidence: eid(2),
            stance: Stance::Context,
        },
        Link::Evidence {
            annotation: aid(3),
            evidence: eid(3),
            stance: Stance::Supports,
        },
        Link::Evidence {
            annotation: aid(6),
            evidence: eid(4),
            stance: Stance::Supports,
        },
        Link::SaidBy {
            annotation: aid(1),
            attribution: aid(2),
        },
        Link::SaidBy {
            annotation: aid(3),
            attribution: aid(4),
        },
    ];
    set.normalize();
    (doc, set)
}

/// An export context over the fixture at the fixed time.
pub fn context<'a>(doc: &'a Document, set: &'a AnnotationSet) -> ExportContext<'a> {
    ExportContext::new(set, doc, "harbor-minutes.txt", now())
}

/// Compare `bytes` with `tests/golden/NAME`; with `UPDATE_GOLDEN=1` rewrite the file instead.
pub fn assert_golden(name: &str, bytes: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, bytes).expect("write golden file");
        return;
    }
    let want = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read golden file {}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if want != bytes {
        let got = String::from_utf8_lossy(bytes);
        let want = String::from_utf8_lossy(&want);
        let line = got
            .lines()
            .zip(want.lines())
            .position(|(g, w)| g != w)
            .map_or(got.lines().count().min(want.lines().count()), |i| i);
        panic!(
            "{name} differs from the golden file at line {} :\n got: {:?}\nwant: {:?}\n\
             (if the change is intended, review it and run with UPDATE_GOLDEN=1)",
            line + 1,
            got.lines().nth(line),
            want.lines().nth(line)
        );
    }
}

//! Merge benchmark: two 10,000-annotation versions of one set, each with 1% of its
//! annotations changed (notes on one side, verdicts on the other, a few deleted and added),
//! merged three ways with their common base; 2,000 evidence items and links ride along.
//! Prints the median of 9 runs. Run: `cargo bench --bench merge`.
#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::time::{Duration, Instant};

use chrono::{TimeZone as _, Utc};
use factmark::model::merge::{Side, merge};
use factmark::model::{
    Annotation, AnnotationId, AnnotationSet, Document, Evidence, EvidenceId, EvidenceKind, Link,
    Stance, TAG_CLAIM, TAG_QUOTE, Verdict,
};
use uuid::Uuid;

const ANNOTATIONS: usize = 10_000;
const EVIDENCE: usize = 2_000;
const RUNS: usize = 9;

#[path = "support/lcg.rs"]
mod lcg;
use lcg::Lcg;

fn at(minute: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + chrono::Duration::minutes(minute)
}

/// A document of numbered words, long enough for every annotation to have its own span.
fn document() -> Document {
    let text: String = (0..ANNOTATIONS * 3)
        .map(|n| format!("word{n:05} "))
        .collect();
    Document::new(&text)
}

fn annotation(doc: &Document, rng: &mut Lcg, n: usize) -> Annotation {
    let start = n * 30 + rng.below(10);
    let tag = if n.is_multiple_of(3) {
        TAG_QUOTE
    } else {
        TAG_CLAIM
    };
    let mut a = Annotation::new(doc, start..start + 12, tag, "ana", at(0));
    a.id = AnnotationId(Uuid::from_u128(n as u128 + 1));
    a
}

fn base(doc: &Document, rng: &mut Lcg) -> AnnotationSet {
    let mut set = AnnotationSet::new(doc, "doc.txt", "Benchmark", at(0));
    set.annotations = (0..ANNOTATIONS).map(|n| annotation(doc, rng, n)).collect();
    let template = Evidence {
        id: EvidenceId(Uuid::nil()),
        kind: EvidenceKind::Url {
            url: "https://example.org/report".to_owned(),
            archived_url: None,
        },
        title: "Report".to_owned(),
        accessed: None,
        note: String::new(),
        created: at(0),
        author: String::new(),
        snapshot: None,
    };
    set.evidence = (0..EVIDENCE)
        .map(|n| Evidence {
            id: EvidenceId(Uuid::from_u128(0xe000_0000 + n as u128)),
            title: format!("Report {n}"),
            ..template.clone()
        })
        .collect();
    set.links = set
        .evidence
        .iter()
        .zip(set.annotations.iter().step_by(ANNOTATIONS / EVIDENCE))
        .map(|(e, a)| Link::Evidence {
            annotation: a.id,
            evidence: e.id,
            stance: Stance::Supports,
        })
        .collect();
    set.normalize();
    set
}

/// 1% of the annotations changed by `change`, 10 deleted and 10 added (ids from `fresh`).
fn side(
    base: &AnnotationSet,
    doc: &Document,
    rng: &mut Lcg,
    fresh: usize,
    change: impl Fn(&mut Annotation, usize),
) -> AnnotationSet {
    let mut set = base.clone();
    for n in 0..ANNOTATIONS / 100 {
        let index = rng.below(set.annotations.len());
        if let Some(a) = set.annotations.get_mut(index) {
            change(a, n);
            a.modified = at(5);
        }
    }
    for _ in 0..10 {
        let index = rng.below(set.annotations.len());
        let id = set.annotations.get(index).map(|a| a.id);
        set.annotations.retain(|a| Some(a.id) != id);
        set.links
            .retain(|l| id.is_none_or(|id| !l.mentions_annotation(id)));
    }
    for n in 0..10 {
        set.annotations
            .push(annotation(doc, rng, fresh + n).tap_id(fresh + n));
    }
    set.normalize();
    set
}

trait TapId {
    fn tap_id(self, n: usize) -> Self;
}

impl TapId for Annotation {
    fn tap_id(mut self, n: usize) -> Self {
        self.id = AnnotationId(Uuid::from_u128(0xa000_0000 + n as u128));
        self
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let doc = document();
    let mut rng = Lcg(7);
    let base = base(&doc, &mut rng);
    let ours = side(&base, &doc, &mut rng, 0, |a, n| {
        a.note = format!("ours {n}")
    });
    let theirs = side(&base, &doc, &mut rng, 100, |a, n| {
        a.verdict = if n.is_multiple_of(2) {
            Verdict::False
        } else {
            Verdict::True
        };
    });
    let mut times = Vec::with_capacity(RUNS);
    let mut conflicts = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let (merged, report) = merge(
            &base,
            Side {
                set: &ours,
                by: "ana",
            },
            Side {
                set: &theirs,
                by: "bea",
            },
        );
        times.push(start.elapsed());
        conflicts = report.new_conflicts.len();
        std::hint::black_box(merged);
    }
    println!(
        "merge of two {ANNOTATIONS}-annotation sets (1% changed each side, {EVIDENCE} links): \
         median {:.1} ms of {RUNS} runs, {conflicts} conflict(s)",
        median(times).as_secs_f64() * 1000.0
    );
}

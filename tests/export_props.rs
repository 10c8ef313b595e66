//! Property tests: random sets over random documents (emoji, RTL, markup characters,
//! newlines) survive W3C export → import → export unchanged, and the HTML report keeps
//! valid nesting and the exact document text whatever the overlaps.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use chrono::{Duration, TimeZone as _, Utc};
use export_fixture::{aid, eid};
use factmark::export::{ExportContext, Format, export, import_w3c};
use factmark::model::{
    Annotation, AnnotationSet, Document, Evidence, EvidenceKind, Link, Stance, TAG_ATTRIBUTION,
    Verdict,
};
use proptest::prelude::*;

/// A tiny deterministic generator, so one `u64` seed describes a whole case.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn text(&mut self, max_pieces: usize) -> String {
        const PIECES: [&str; 14] = [
            "word",
            " ",
            "\n",
            "é",
            "€",
            "👩\u{200d}👩\u{200d}👧",
            "שלום",
            "<b>",
            "&amp;",
            "\"q\"",
            "'",
            "|",
            "=1+1",
            "\u{202e}",
        ];
        (0..self.below(max_pieces))
            .map(|_| self.pick(&PIECES))
            .collect()
    }
}

fn random_case(seed: u64) -> (Document, AnnotationSet) {
    let mut rng = Lcg(seed);
    let mut text = String::new();
    while text.chars().count() < 40 {
        text.push_str(&rng.text(30));
        text.push_str(" sentence.\n");
    }
    let doc = Document::new(&text);
    let t0 = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single().unwrap();
    let mut set = AnnotationSet::new(&doc, "doc.txt", "Random", t0);
    set.tags.push(factmark::model::TagDef {
        name: "legal-ref".into(),
        color: factmark::model::Color::rgb(1, 2, 3),
        key: None,
    });
    let tags = ["claim", "quote", "attribution", "legal-ref"];
    let len = doc.char_len();
    for i in 0..1 + rng.below(12) {
        let start = rng.below(len - 1);
        let end = start + 1 + rng.below((len - start).min(60));
        let range = doc.snap_to_graphemes(start..end.min(len));
        let time = t0
            + Duration::seconds(rng.below(100_000) as i64)
            + Duration::nanoseconds(rng.below(999_999_999) as i64);
        let mut a = Annotation::new(&doc, range, rng.pick(&tags), &rng.text(4), time);
        a.id = aid(i as u128);
        a.modified = time + Duration::milliseconds(rng.below(10_000) as i64);
        a.note = rng.text(8);
        a.verdict = Verdict::ALL[rng.below(Verdict::ALL.len())];
        set.annotations.push(a);
    }
    for i in 0..rng.below(4) {
        let kind = match rng.below(3) {
            0 => EvidenceKind::Url {
                // Evidence addresses are valid URLs (an import refuses others): the random
                // text goes in percent-encoded, as a browser would send it.
                url: format!(
                    "https://example.org/{i}?a=1&b=%22{}%22",
                    url::form_urlencoded::byte_serialize(rng.text(2).as_bytes())
                        .collect::<String>()
                ),
                archived_url: (rng.below(2) == 0).then(|| "https://archive.example/x".to_owned()),
            },
            1 => EvidenceKind::File {
                path: format!("docs/file {i}.pdf"),
            },
            _ => EvidenceKind::Citation { text: rng.text(5) },
        };
        set.evidence.push(Evidence {
            id: eid(i as u128),
            kind,
            title: rng.text(3),
            accessed: (rng.below(2) == 0)
                .then(|| chrono::NaiveDate::from_ymd_opt(2026, 2, 3).unwrap()),
            note: rng.text(3),
            created: t0,
            author: String::new(),
            snapshot: None,
        });
    }
    let count = set.annotations.len();
    // Every evidence item is linked at least once (W3C carries evidence through links).
    for e in 0..set.evidence.len() {
        let annotation = aid(rng.below(count) as u128);
        let stance = Stance::ALL[rng.below(3)];
        set.links.push(Link::Evidence {
            annotation,
            evidence: eid(e as u128),
            stance,
        });
    }
    let attributions: Vec<_> = set
        .annotations
        .iter()
        .filter(|a| a.tag == TAG_ATTRIBUTION)
        .map(|a| a.id)
        .collect();
    for a in set.annotations.iter().filter(|a| a.tag != TAG_ATTRIBUTION) {
        if !attributions.is_empty() && rng.below(2) == 0 {
            let attribution = attributions[rng.below(attributions.len())];
            set.links.push(Link::SaidBy {
                annotation: a.id,
                attribution,
            });
        }
    }
    set.normalize();
    (doc, set)
}

fn w3c(doc: &Document, set: &AnnotationSet) -> String {
    let ctx = ExportContext::new(set, doc, "doc.txt", set.created);
    String::from_utf8(export(&ctx, Format::W3c).unwrap().remove(0).bytes).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn w3c_round_trips(seed in any::<u64>()) {
        let (doc, set) = random_case(seed);
        let first = w3c(&doc, &set);
        let mut fresh = AnnotationSet::new(&doc, "doc.txt", "Random", set.created);
        let summary = import_w3c(&first, &doc, &mut fresh, set.created).unwrap();
        prop_assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
        prop_assert!(summary.links_dropped.is_empty(), "{:?}", summary.links_dropped);
        prop_assert_eq!(&fresh.annotations, &set.annotations);
        prop_assert_eq!(&fresh.evidence, &set.evidence);
        prop_assert_eq!(&fresh.links, &set.links);
        prop_assert_eq!(&fresh.tags, &set.tags);
        prop_assert_eq!(w3c(&doc, &fresh), first);
    }

    #[test]
    fn html_keeps_text_and_nesting(seed in any::<u64>()) {
        let (doc, set) = random_case(seed);
        let ctx = ExportContext::new(&set, &doc, "doc.txt", set.created);
        let html = String::from_utf8(export(&ctx, Format::Html).unwrap().remove(0).bytes).unwrap();
        prop_assert!(!html.contains("<script") && !html.contains("<b>"));
        prop_assert!(!html.contains('\u{202e}'), "bidi override shown as a badge");
        // balanced tags
        let mut depth: Vec<&str> = Vec::new();
        let mut rest = html.as_str();
        while let Some(open) = rest.find('<') {
            let after = &rest[open + 1..];
            let close = after.find('>').unwrap();
            let tag = &after[..close];
            rest = &after[close + 1..];
            if tag.starts_with('!') || tag.ends_with('/') {
                continue;
            }
            let name = tag.split([' ', '/']).find(|s| !s.is_empty()).unwrap_or("");
            if tag.starts_with('/') {
                prop_assert_eq!(depth.pop(), Some(name));
            } else if !["meta", "br", "rect"].contains(&name) {
                depth.push(name);
            }
        }
        prop_assert!(depth.is_empty());
    }
}

//! Write a demonstration annotation set beside a document, for screenshots and trying the
//! app: `cargo run --example demo_set -- sample_docs/harbor-bridge.txt`.
//!
//! Phrases that are not in the document are skipped, so it works on edited copies too.

use std::path::PathBuf;

use anyhow::Context as _;
use factmark::model::{
    Annotation, AnnotationSet, Edit, Evidence, EvidenceId, EvidenceKind, Link, Stance,
    TAG_ATTRIBUTION, TAG_CLAIM, TAG_QUOTE, Verdict, apply,
};
use factmark::store::{self, RealFs};

/// (phrase, tag, verdict, note)
const SPANS: &[(&str, &str, Verdict, &str)] = &[
    (
        "a bill that has grown to $41.3 million",
        TAG_CLAIM,
        Verdict::True,
        "Matches the council finance report, table 3.",
    ),
    (
        "carries roughly 28,400 vehicles a day",
        TAG_CLAIM,
        Verdict::MostlyTrue,
        "2025 traffic count says 27,950; rounding is generous.",
    ),
    (
        "According to the Port Authority’s annual report",
        TAG_ATTRIBUTION,
        Verdict::Unreviewed,
        "",
    ),
    (
        "Mayor Adaeze Thorncroft",
        TAG_ATTRIBUTION,
        Verdict::Unreviewed,
        "",
    ),
    (
        "I wasn’t going to wait for a spreadsheet to tell me it was safe",
        TAG_QUOTE,
        Verdict::Unreviewed,
        "Confirmed against the press-conference video at 14:02.",
    ),
    (
        "came in 23 percent above the engineers’ original estimate of $11.5 million",
        TAG_CLAIM,
        Verdict::HalfTrue,
        "14.2 / 11.5 is 23.5%, but the estimate excluded bracing.",
    ),
    (
        "Every dollar we put into that bridge is a dollar we don’t put into our schools.",
        TAG_QUOTE,
        Verdict::Unreviewed,
        "",
    ),
    (
        "regional unemployment fell to 3.1 percent in February",
        TAG_CLAIM,
        Verdict::Unreviewed,
        "Waiting for the labour office to reply.",
    ),
    (
        "This bridge was built for a city of 60,000 people. We now have 143,000.",
        TAG_CLAIM,
        Verdict::Misleading,
        "Census says 138,600; 143,000 is a planning estimate.",
    ),
];

#[allow(clippy::print_stdout, reason = "the example reports what it wrote")]
fn main() -> anyhow::Result<()> {
    let document = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: demo_set DOCUMENT")?;
    let doc = store::load_document(&RealFs, &document, 64 * 1024 * 1024)?;
    let sidecar = store::default_sidecar_path(&document);
    let now = chrono::Utc::now();
    let mut set = AnnotationSet::new(
        &doc,
        &store::source_path_for(&sidecar, &document),
        "Harbor bridge repair bill",
        now,
    );
    let mut ids = Vec::new();
    for (phrase, tag, verdict, note) in SPANS {
        let Some(&start) = doc.find_all_char_starts(phrase).first() else {
            continue;
        };
        let mut annotation =
            Annotation::new(&doc, start..start + phrase.chars().count(), tag, "ana", now);
        annotation.verdict = *verdict;
        annotation.note = (*note).to_owned();
        ids.push((annotation.id, *tag, *phrase));
        apply(&mut set, Edit::AddAnnotation(annotation), now)?;
    }
    let evidence = Evidence {
        id: EvidenceId::random(),
        kind: EvidenceKind::Url {
            url: "https://council.example.org/finance/2026-03-harbor-bridge.pdf".to_owned(),
            archived_url: None,
        },
        title: "Finance committee report, March 2026".to_owned(),
        accessed: Some(now.date_naive()),
        note: "Table 3 lists both phases.".to_owned(),
        created: now,
        author: "ana".to_owned(),
        snapshot: None,
    };
    let evidence_id = evidence.id;
    apply(&mut set, Edit::AddEvidence(evidence), now)?;
    if let Some((first_claim, _, _)) = ids.iter().find(|(_, tag, _)| *tag == TAG_CLAIM) {
        apply(
            &mut set,
            Edit::AddLink(Link::Evidence {
                annotation: *first_claim,
                evidence: evidence_id,
                stance: Stance::Supports,
            }),
            now,
        )?;
    }
    let quote = ids.iter().find(|(_, tag, _)| *tag == TAG_QUOTE);
    let mayor = ids
        .iter()
        .find(|(_, tag, phrase)| *tag == TAG_ATTRIBUTION && phrase.starts_with("Mayor"));
    if let (Some((quote, _, _)), Some((mayor, _, _))) = (quote, mayor) {
        apply(
            &mut set,
            Edit::AddLink(Link::SaidBy {
                annotation: *quote,
                attribution: *mayor,
            }),
            now,
        )?;
    }
    store::save_set(&RealFs, &sidecar, &set, None, true)?;
    println!(
        "wrote {} annotations to {}",
        set.annotations.len(),
        sidecar.display()
    );
    Ok(())
}

//! What the HTML and Markdown reports (and other writers) share: numbering, counts, and the
//! [`ReportView`], the format-neutral content of a report (header facts, title fallback,
//! summary sentence, numbered items with their evidence, footer) that each report writer
//! only renders.

use super::ExportContext;
use super::escape::is_web_url;
use crate::model::workflow::ClaimState;
use crate::model::{
    AnchorStatus, Annotation, AnnotationSet, Document, Evidence, EvidenceKind, LineCol, Snapshot,
    Stance, Verdict,
};

/// Annotations in document order, numbered from 1 (the numbers shown in every report).
pub(crate) fn numbered(set: &AnnotationSet) -> Vec<(usize, &Annotation)> {
    let mut items: Vec<&Annotation> = set.annotations.iter().collect();
    items.sort_by_key(|a| (a.position, a.id));
    items
        .into_iter()
        .enumerate()
        .map(|(i, a)| (i + 1, a))
        .collect()
}

/// Does this annotation sit on the document (not orphaned, non-empty, in range)?
pub(crate) fn is_placed(annotation: &Annotation, doc: &Document) -> bool {
    annotation.status != AnchorStatus::Orphaned
        && annotation.position.char_start < annotation.position.char_end
        && annotation.position.char_end <= doc.char_len()
}

/// Count per tag (in the set's tag order, then unknown tags by name) and per verdict
/// (claims with a verdict other than Unreviewed, plus Unreviewed claims).
#[derive(Debug, Clone)]
pub(crate) struct Counts {
    /// (tag name, count), tags with zero annotations included.
    pub tags: Vec<(String, usize)>,
    /// (verdict, count) over claims ([`Annotation::is_claim`]); zero rows left out.
    pub verdicts: Vec<(Verdict, usize)>,
}

pub(crate) fn counts(set: &AnnotationSet) -> Counts {
    let mut tags: Vec<(String, usize)> = set.tags.iter().map(|t| (t.name.clone(), 0)).collect();
    let mut verdicts: Vec<(Verdict, usize)> = Verdict::ALL.iter().map(|v| (*v, 0)).collect();
    for annotation in &set.annotations {
        match tags.iter_mut().find(|(name, _)| *name == annotation.tag) {
            Some((_, n)) => *n += 1,
            None => tags.push((annotation.tag.clone(), 1)),
        }
        if annotation.is_claim()
            && let Some((_, n)) = verdicts.iter_mut().find(|(v, _)| *v == annotation.verdict)
        {
            *n += 1;
        }
    }
    verdicts.retain(|(_, n)| *n > 0);
    Counts { tags, verdicts }
}

/// `line:column` of an annotation's start.
pub(crate) fn location(annotation: &Annotation, doc: &Document) -> LineCol {
    doc.line_col(annotation.position.char_start)
}

/// The evidence's title, or its address/path/citation when untitled.
pub(crate) fn evidence_title(evidence: &Evidence) -> &str {
    if !evidence.title.trim().is_empty() {
        return evidence.title.trim();
    }
    match &evidence.kind {
        EvidenceKind::Url { url, .. } => url,
        EvidenceKind::File { path } => path,
        EvidenceKind::Citation { text } => text,
    }
}

/// Text that is a link when it has a web address (`href` is set only for http/https URLs,
/// [`is_web_url`]); otherwise the writers show the text alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Linked<'a> {
    /// What the reader sees.
    pub text: &'a str,
    /// Where it leads, if it may become a link.
    pub href: Option<&'a str>,
}

impl<'a> Linked<'a> {
    /// `text` linking to `url` if that is a web address.
    fn new(url: &'a str, text: &'a str) -> Self {
        Self {
            text,
            href: is_web_url(url).then_some(url),
        }
    }
}

/// One evidence item as reports list it: `stance title (url) (archived copy) — note`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EvidenceView<'a> {
    /// supports, refutes or context.
    pub stance: Stance,
    /// Its title ([`evidence_title`]), a link for web pages.
    pub title: Linked<'a>,
    /// A URL that is not a web address, shown as text after the title.
    pub bad_url: Option<&'a str>,
    /// A link to the archived copy (its text is "archived copy").
    pub archived: Option<Linked<'a>>,
    /// The file path when it differs from the title.
    pub file: Option<&'a str>,
    /// Is this a web page (its title then links to it, when the URL is a web address)?
    pub is_url: bool,
    /// The reviewer's note on it, trimmed, if any.
    pub note: Option<&'a str>,
    /// The kept copy of a web page, when its record is safe to link.
    pub snapshot: Option<SnapshotView>,
}

/// A kept copy of a web page as reports show it: `snapshot (retrieved DATE)`, a link
/// relative to the document's folder (it works for a report saved beside the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SnapshotView {
    /// The copy's path relative to the document's folder, percent-encoded for a link.
    pub href: String,
    /// When it was fetched: `2026-03-01 09:30 UTC`.
    pub retrieved: String,
    /// Its SHA-256 when fetched.
    pub sha256: String,
}

impl SnapshotView {
    fn new(snapshot: &Snapshot) -> Self {
        Self {
            href: relative_href(&snapshot.path),
            retrieved: snapshot.retrieved.format("%Y-%m-%d %H:%M UTC").to_string(),
            sha256: snapshot.sha256.clone(),
        }
    }
}

/// A relative path as a link: each byte outside `A-Z a-z 0-9 - . _ ~ /` percent-encoded.
pub(crate) fn relative_href(path: &str) -> String {
    use std::fmt::Write as _;
    let mut href = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            href.push(char::from(byte));
        } else {
            let _ = write!(href, "%{byte:02X}");
        }
    }
    href
}

/// One numbered annotation as reports show it.
#[derive(Debug, Clone)]
pub(crate) struct ItemView<'a> {
    /// Number in document order, from 1.
    pub number: usize,
    /// The annotation.
    pub annotation: &'a Annotation,
    /// Where it starts, when it sits on the document ([`is_placed`]).
    pub location: Option<LineCol>,
    /// The quote of the attribution it is "said by", if linked.
    pub said_by: Option<&'a str>,
    /// That attribution's number, when it is in the report (for a link to it).
    pub said_by_number: Option<usize>,
    /// Its linked evidence.
    pub evidence: Vec<EvidenceView<'a>>,
    /// Where a claim is in review, when past open: `Approved by bea on 2026-12-01 09:30
    /// UTC`, `Needs review` … ([`review_line`]).
    pub review_line: Option<String>,
}

/// Where a claim is in review, as reports print it: who approved it and when, or the
/// state's label; `None` for open claims (nothing to report yet) and other tags.
pub(crate) fn review_line(annotation: &Annotation) -> Option<String> {
    if !annotation.is_claim() {
        return None;
    }
    let w = &annotation.workflow;
    match (w.state, &w.sign_off) {
        (ClaimState::Open, _) => None,
        (ClaimState::Approved, Some(sign_off)) => Some(format!(
            "Approved by {} on {}",
            sign_off.by.trim(),
            sign_off.at.format("%Y-%m-%d %H:%M UTC")
        )),
        (state, _) => Some(state.label().to_owned()),
    }
}

/// The set as a report that leaves out claims not yet approved shows it: those claims and
/// their links removed (their evidence stays listed only where another item links it), and
/// how many were left out.
pub fn without_unapproved_claims(set: &AnnotationSet) -> (AnnotationSet, usize) {
    let mut published = set.clone();
    let unapproved: Vec<_> = set
        .annotations
        .iter()
        .filter(|a| a.is_claim() && a.workflow.state != ClaimState::Approved)
        .map(|a| a.id)
        .collect();
    published
        .annotations
        .retain(|a| !unapproved.contains(&a.id));
    published
        .links
        .retain(|l| !unapproved.iter().any(|id| l.mentions_annotation(*id)));
    (published, unapproved.len())
}

/// Everything the HTML and Markdown reports say, as plain data; each writer only renders it.
#[derive(Debug, Clone)]
pub(crate) struct ReportView<'a> {
    /// The set's title, or the document's name when it has none.
    pub title: &'a str,
    /// The document's name, linked to its address when published.
    pub document: Linked<'a>,
    /// When the document was published, if known.
    pub published: Option<&'a str>,
    /// Who wrote the document (its byline), if known.
    pub author: Option<&'a str>,
    /// When factmark fetched the document from the web (`YYYY-MM-DD HH:MM UTC`), if it did.
    pub retrieved: Option<String>,
    /// The reviewing organization, linked to its address.
    pub reviewer: Option<Linked<'a>>,
    /// The review's address, linked to itself.
    pub review: Option<Linked<'a>>,
    /// `12 annotation(s), 5 claim(s), 1 orphaned (not found in the document).`
    pub summary: String,
    /// Counts per tag and per verdict.
    pub counts: Counts,
    /// Every annotation, in document order.
    pub items: Vec<ItemView<'a>>,
    /// Who made the annotations and how many each, most first (then by name).
    pub annotators: Vec<(&'a str, usize)>,
    /// `Exported 2026-05-12 09:30 UTC by factmark. …`
    pub footer: String,
}

/// Trimmed text, or `None` when blank.
fn present(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

impl<'a> ReportView<'a> {
    /// Gather what the reports show from an export context.
    pub fn new(ctx: &ExportContext<'a>) -> Self {
        let set = ctx.set;
        let review = &set.review;
        let document = match present(&review.document_url) {
            Some(url) => Linked::new(url, ctx.document_name),
            None => Linked {
                text: ctx.document_name,
                href: None,
            },
        };
        let reviewer = present(&review.organization)
            .map(|name| Linked::new(review.organization_url.trim(), name));
        let claims = set.annotations.iter().filter(|a| a.is_claim()).count();
        let orphaned = set
            .annotations
            .iter()
            .filter(|a| a.status == AnchorStatus::Orphaned)
            .count();
        let mut summary = format!("{} annotation(s), {claims} claim(s)", set.annotations.len());
        if orphaned > 0 {
            summary.push_str(&format!(
                ", {orphaned} orphaned (not found in the document)"
            ));
        }
        if ctx.left_out_unapproved > 0 {
            summary.push_str(&format!(
                "; {} claim(s) not yet approved left out",
                ctx.left_out_unapproved
            ));
        }
        summary.push('.');
        let numbers: std::collections::HashMap<_, usize> = numbered(set)
            .into_iter()
            .map(|(number, annotation)| (annotation.id, number))
            .collect();
        let items = numbered(set)
            .into_iter()
            .map(|(number, annotation)| ItemView {
                number,
                annotation,
                location: is_placed(annotation, ctx.doc).then(|| location(annotation, ctx.doc)),
                said_by: set.said_by(annotation.id).map(|a| a.quote.exact.as_str()),
                said_by_number: set
                    .said_by(annotation.id)
                    .and_then(|a| numbers.get(&a.id).copied()),
                evidence: set
                    .evidence_of(annotation.id)
                    .map(|(evidence, stance)| evidence_view(evidence, stance))
                    .collect(),
                review_line: review_line(annotation),
            })
            .collect();
        Self {
            title: present(&set.title).unwrap_or(ctx.document_name),
            document,
            published: present(&review.document_published),
            author: present(&review.document_author),
            retrieved: set
                .source
                .original
                .as_ref()
                .and_then(|original| original.retrieved)
                .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
            reviewer,
            review: present(&review.review_url).map(|url| Linked::new(url, url)),
            summary,
            counts: counts(set),
            items,
            annotators: annotators(set),
            footer: format!(
                "Exported {} by factmark. Offsets are characters of the canonical text.",
                ctx.now.format("%Y-%m-%d %H:%M UTC")
            ),
        }
    }
}

/// Each author with their number of annotations, most first, then by name.
fn annotators(set: &AnnotationSet) -> Vec<(&str, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for annotation in &set.annotations {
        let name = annotation.author.trim();
        if !name.is_empty() {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut list: Vec<(&str, usize)> = counts.into_iter().collect();
    list.sort_by_key(|&(name, count)| (std::cmp::Reverse(count), name));
    list
}

fn evidence_view(evidence: &Evidence, stance: Stance) -> EvidenceView<'_> {
    let title = evidence_title(evidence);
    let mut view = EvidenceView {
        stance,
        title: Linked {
            text: title,
            href: None,
        },
        bad_url: None,
        archived: None,
        file: None,
        is_url: false,
        note: present(&evidence.note),
        snapshot: evidence.safe_snapshot().map(SnapshotView::new),
    };
    match &evidence.kind {
        EvidenceKind::Url { url, archived_url } => {
            view.is_url = true;
            view.title = Linked::new(url, title);
            view.bad_url = (!is_web_url(url)).then_some(url.as_str());
            view.archived = archived_url
                .as_deref()
                .map(|archived| Linked::new(archived, "archived copy"));
        }
        EvidenceKind::File { path } => view.file = (path != title).then_some(path.as_str()),
        EvidenceKind::Citation { .. } => {}
    }
    view
}

//! What the HTML and Markdown reports (and other writers) share: numbering, counts, and
//! short display forms of quotes and evidence.

use crate::model::{
    AnchorStatus, Annotation, AnnotationSet, Document, Evidence, EvidenceKind, LineCol, Verdict,
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

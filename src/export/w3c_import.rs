//! W3C Web Annotation (and Hypothesis) import.
//!
//! Accepts an `AnnotationCollection` (items in an embedded `first` page or directly in
//! `items`), an `AnnotationPage`, a JSON array of annotations, a single annotation, or a
//! Hypothesis API answer (`{"rows": […]}`). Per annotation:
//! - id: `urn:uuid:X` or a bare UUID is kept; any other id (Hypothesis) becomes a UUID
//!   derived from it (SHA-256), so importing twice gives the same ids;
//! - target: an object, or an array (the first with selectors); selectors in any order,
//!   `TextQuoteSelector` and `TextPositionSelector` used, `RangeSelector` and others ignored;
//! - tag: the first `tagging` body, else the first of `tags`, else from the motivation
//!   (assessing → claim, identifying → attribution, else quote); names are lowercased and
//!   unknown tags are defined (colour from `factmark:tags` or a palette); every tag a
//!   factmark file declares in `factmark:tags` is defined too, used or not;
//! - note: `commenting` bodies, untyped text bodies, `bodyValue`, Hypothesis `text`;
//! - verdict: an `assessing` body; author: `creator` (name), Hypothesis `user_info`/`user`.
//!
//! Annotations whose id is already in the set, or with no usable selector, are skipped and
//! listed. Then the set is normalized and anchored with [`anchor_set`].

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::ExportError;
use super::w3c_parse::{ParsedAnnotation, annotation_list, parse_annotation, tag_colors};
use crate::model::evidence::evidence_problem;
use crate::model::snapshot::snapshot_problem;
use crate::model::{
    AnchorStatus, AnchorSummary, Annotation, AnnotationId, AnnotationSet, Color, Document, Edit,
    Link, TagDef, Verdict, anchor_set, apply,
};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// Annotations added.
    pub imported: usize,
    /// Annotations not added, with why.
    pub skipped: Vec<SkippedAnnotation>,
    /// Evidence items added.
    pub evidence_added: usize,
    /// Links added.
    pub links_added: usize,
    /// Links that could not be added, with why.
    pub links_dropped: Vec<String>,
    /// Evidence refused as unsafe (a `javascript:` or `file:` address, a path leaving the
    /// document folder), with why; links to it are not added either.
    pub evidence_refused: Vec<String>,
    /// Snapshot records left out as unsafe (the evidence itself is added), with why.
    pub snapshots_dropped: Vec<String>,
    /// Tags the import defined: declared in the file (`factmark:tags`) or used by its
    /// annotations, and not yet in the set.
    pub tags_added: Vec<String>,
    /// How the set anchored against the document afterwards.
    pub anchors: AnchorSummary,
}

impl std::fmt::Display for ImportSummary {
    /// One paragraph for the command line or a status bar, skipped items one per line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "imported {} annotation(s), {} evidence item(s), {} link(s); anchored {}",
            self.imported, self.evidence_added, self.links_added, self.anchors
        )?;
        if !self.tags_added.is_empty() {
            write!(f, "; new tags: {}", self.tags_added.join(", "))?;
        }
        for skipped in &self.skipped {
            write!(f, "\nskipped {skipped}")?;
        }
        for link in &self.links_dropped {
            write!(f, "\ndropped link {link}")?;
        }
        for refused in &self.evidence_refused {
            write!(f, "\nrefused evidence {refused}")?;
        }
        for dropped in &self.snapshots_dropped {
            write!(f, "\ndropped the snapshot of evidence {dropped}")?;
        }
        Ok(())
    }
}

/// An annotation the import left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedAnnotation {
    /// 1-based position in the file's list of annotations.
    pub index: usize,
    /// Its id as written in the file, if any.
    pub id: String,
    /// Why it was skipped.
    pub reason: String,
}

impl std::fmt::Display for SkippedAnnotation {
    /// "annotation 3 (id "x"): why".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "annotation {}", self.index)?;
        if !self.id.is_empty() {
            write!(f, " (id {:?})", self.id)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Colours given to imported tags that bring none.
const PALETTE: [Color; 6] = [
    Color::rgb(0xbd, 0x10, 0xe0),
    Color::rgb(0x50, 0xe3, 0xc2),
    Color::rgb(0xd0, 0x02, 0x1b),
    Color::rgb(0x8b, 0x57, 0x2a),
    Color::rgb(0x9b, 0x9b, 0x9b),
    Color::rgb(0xf8, 0xe7, 0x1c),
];

/// Read W3C (or Hypothesis) annotations from `json` into `set`, then anchor the set on `doc`.
pub fn import_w3c(
    json: &str,
    doc: &Document,
    set: &mut AnnotationSet,
    now: DateTime<Utc>,
) -> Result<ImportSummary, ExportError> {
    let root: Value = serde_json::from_str(json).map_err(|e| ExportError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let items = annotation_list(&root)?;
    let colors = tag_colors(&root);
    let mut summary = ImportSummary::default();
    for (name, color) in &colors {
        if TagDef::is_valid_name(name) && set.tag(name).is_none() {
            set.tags.push(TagDef {
                name: name.clone(),
                color: *color,
                key: None,
            });
            summary.tags_added.push(name.clone());
        }
    }
    let mut pending_links = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let written_id = item
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let skip = |reason: String| SkippedAnnotation {
            index: index + 1,
            id: written_id.clone(),
            reason,
        };
        let mut parsed = match parse_annotation(item, now) {
            Ok(parsed) => parsed,
            Err(reason) => {
                summary.skipped.push(skip(reason));
                continue;
            }
        };
        let id = AnnotationId(id_from(&parsed.id, "annotation"));
        if set.annotation(id).is_some() {
            summary
                .skipped
                .push(skip(format!("annotation {id} is already in the set")));
            continue;
        }
        if set.tag(&parsed.tag).is_none() {
            let color = colors
                .iter()
                .find(|(name, _)| *name == parsed.tag)
                .map(|(_, c)| *c)
                .unwrap_or_else(|| palette_color(set.tags.len()));
            set.tags.push(TagDef {
                name: parsed.tag.clone(),
                color,
                key: None,
            });
            summary.tags_added.push(parsed.tag.clone());
        }
        parsed.evidence.retain(|(evidence, _)| {
            let problem = evidence_problem(&evidence.kind);
            if let Some(reason) = &problem {
                summary
                    .evidence_refused
                    .push(format!("{} (annotation {id}): {reason}", evidence.id));
            }
            problem.is_none()
        });
        for (evidence, _) in &mut parsed.evidence {
            let problem = evidence.snapshot.as_ref().and_then(snapshot_problem);
            if let Some(reason) = problem {
                evidence.snapshot = None;
                summary
                    .snapshots_dropped
                    .push(format!("{}: {reason}", evidence.id));
            }
        }
        let annotation = build_annotation(id, &parsed, doc);
        set.annotations.push(annotation);
        summary.imported += 1;
        add_evidence(set, &parsed, &mut summary);
        pending_links.extend(links_of(id, &parsed));
    }
    for link in pending_links {
        match apply(set, Edit::AddLink(link.clone()), now) {
            Ok(_) => summary.links_added += 1,
            Err(err) => summary
                .links_dropped
                .push(format!("{}: {err}", link_text(&link))),
        }
    }
    if summary.imported > 0 {
        set.modified = now;
    }
    set.normalize();
    summary.anchors = anchor_set(set, doc);
    Ok(summary)
}

/// A link as a person reads it: "ANNOTATION -> evidence EVIDENCE (stance)" or
/// "ANNOTATION said by ATTRIBUTION".
pub fn link_text(link: &Link) -> String {
    match link {
        Link::Evidence {
            annotation,
            evidence,
            stance,
        } => format!("{annotation} -> evidence {evidence} ({})", stance.name()),
        Link::SaidBy {
            annotation,
            attribution,
        } => format!("{annotation} said by {attribution}"),
    }
}

fn palette_color(index: usize) -> Color {
    PALETTE
        .get(index % PALETTE.len())
        .copied()
        .unwrap_or(Color::rgb(0x9b, 0x9b, 0x9b))
}

/// A UUID from `urn:uuid:X` or a bare UUID; otherwise one derived from the text, stable.
pub(crate) fn id_from(written: &str, kind: &str) -> Uuid {
    let bare = written.strip_prefix("urn:uuid:").unwrap_or(written);
    if let Ok(uuid) = Uuid::parse_str(bare) {
        return uuid;
    }
    let digest = Sha256::digest(format!("factmark-import:{kind}:{written}").as_bytes());
    let mut bytes = [0u8; 16];
    for (slot, byte) in bytes.iter_mut().zip(digest.iter()) {
        *slot = *byte;
    }
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn build_annotation(id: AnnotationId, parsed: &ParsedAnnotation, doc: &Document) -> Annotation {
    let position = match (parsed.position.clone(), &parsed.quote) {
        (Some(range), _) => range,
        (None, Some(quote)) => find_quote(doc, quote),
        (None, None) => 0..0,
    };
    let quote = parsed
        .quote
        .clone()
        .unwrap_or_else(|| doc.quote(position.clone()));
    Annotation {
        id,
        tag: parsed.tag.clone(),
        position: position.into(),
        quote,
        note: parsed.note.clone(),
        author: parsed.author.clone(),
        created: parsed.created,
        modified: parsed.modified,
        status: AnchorStatus::Exact,
        verdict: parsed.verdict.unwrap_or(Verdict::Unreviewed),
        workflow: crate::model::workflow::Workflow::default(),
    }
}

/// Where a quote without a position sits: the first occurrence whose context agrees, else
/// the first occurrence, else nowhere (anchoring then marks it orphaned).
fn find_quote(doc: &Document, quote: &crate::model::TextQuote) -> std::ops::Range<usize> {
    let len = quote.exact.chars().count();
    let found = doc.find_all_char_starts(&quote.exact);
    let agrees = |start: usize| {
        let around = doc.quote(start..start + len);
        around.prefix.ends_with(&quote.prefix) || quote.prefix.ends_with(&around.prefix)
    };
    let start = found
        .iter()
        .copied()
        .find(|s| agrees(*s))
        .or_else(|| found.first().copied());
    start.map_or(0..0, |s| s..s + len)
}

fn add_evidence(set: &mut AnnotationSet, parsed: &ParsedAnnotation, summary: &mut ImportSummary) {
    for (evidence, _) in &parsed.evidence {
        if set.evidence_item(evidence.id).is_none() {
            set.evidence.push(evidence.clone());
            summary.evidence_added += 1;
        }
    }
}

fn links_of(id: AnnotationId, parsed: &ParsedAnnotation) -> Vec<Link> {
    let mut links: Vec<Link> = parsed
        .evidence
        .iter()
        .map(|(evidence, stance)| Link::Evidence {
            annotation: id,
            evidence: evidence.id,
            stance: *stance,
        })
        .collect();
    if let Some(attribution) = &parsed.said_by {
        links.push(Link::SaidBy {
            annotation: id,
            attribution: AnnotationId(id_from(attribution, "annotation")),
        });
    }
    links
}

//! The annotation set: what a sidecar file holds.
//!
//! Plain structs and enums only (no untagged or flattened enums), so RON round-trips them
//! exactly. Collections are kept in a stable order by [`AnnotationSet::normalize`] so the
//! same set always serializes to the same bytes.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::conflict::Conflict;
use crate::model::rating::RatingScale;
use crate::model::revision::Revision;
use crate::model::text::{Document, Fingerprint};
use crate::model::workflow::Workflow;

/// The sidecar format version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// The name written as the generator of a set.
pub const GENERATOR_NAME: &str = "factmark";

/// Id of an annotation: a random UUID, stable for its life, never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub Uuid);

/// Id of an evidence item: a random UUID, stable, never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EvidenceId(pub Uuid);

impl AnnotationId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}

impl EvidenceId {
    /// A fresh random id.
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for EvidenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The tool and version that wrote a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generator {
    /// Program name, `factmark`.
    pub name: String,
    /// Program version (semver).
    pub version: String,
}

impl Default for Generator {
    fn default() -> Self {
        Self {
            name: GENERATOR_NAME.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The document a set annotates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Path of the document relative to the sidecar's folder, with `/` separators.
    pub path: String,
    /// SHA-256 of the canonical text, lowercase hex.
    pub sha256: String,
    /// Length of the canonical text in chars.
    pub char_len: usize,
    /// For a document that is not plain text (HTML, PDF, DOCX): the original file and the
    /// extractor that made the canonical text. Absent for text documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<OriginalRef>,
}

/// The original of an extracted document: its bytes' SHA-256 and the extractor (name and
/// version) that made the canonical text kept beside it (`report.pdf.factmark.txt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginalRef {
    /// SHA-256 of the original file's bytes, lowercase hex.
    pub sha256: String,
    /// Which extractor made the canonical text (`pdf-text`, `html-readability`, `docx-xml`).
    pub extractor: String,
    /// The extractor's version.
    pub extractor_version: String,
    /// For a page fetched by factmark: the address it was fetched from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_from: Option<String>,
    /// For a page fetched by factmark: when (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<DateTime<Utc>>,
}

impl SourceRef {
    /// The fingerprint part of this reference.
    pub fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            sha256: self.sha256.clone(),
            char_len: self.char_len,
        }
    }
}

/// Publishing details used by reports and ClaimReview export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewInfo {
    /// The fact-checking organisation publishing the review.
    pub organization: String,
    /// The organisation's web address.
    pub organization_url: String,
    /// Where the reviewed document was published (web address), if known.
    pub document_url: String,
    /// When the reviewed document was published (`YYYY-MM-DD`), if known.
    pub document_published: String,
    /// Who wrote the reviewed document (a web page's byline), if known. Not written when
    /// empty, so sets from before it existed keep their bytes.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub document_author: String,
    /// Where the review itself is published, if known.
    pub review_url: String,
}

/// An sRGB colour, written `"#rrggbb"` in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// A colour from its three channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parse `#rrggbb` (the `#` is optional).
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#').unwrap_or(text);
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let channel = |range: std::ops::Range<usize>| {
            hex.get(range).and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        Some(Self::rgb(channel(0..2)?, channel(2..4)?, channel(4..6)?))
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("colour {text:?} is not of the form \"#rrggbb\""))
        })
    }
}

/// Built-in tag name for claims.
pub const TAG_CLAIM: &str = "claim";
/// Is an annotation with this tag a claim? The one rule every view, count and export uses
/// (see [`Annotation::is_claim`]).
pub fn is_claim_tag(tag: &str) -> bool {
    tag == TAG_CLAIM
}

/// Built-in tag name for direct quotes.
pub const TAG_QUOTE: &str = "quote";
/// Built-in tag name for attributions ("according to…", "she said").
pub const TAG_ATTRIBUTION: &str = "attribution";

/// A tag that annotations can carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagDef {
    /// Stable lowercase name used in annotations and on the command line.
    pub name: String,
    /// Highlight colour.
    pub color: Color,
    /// Key that applies the tag to the selection in the app (`'1'`, `'2'` …), if any.
    pub key: Option<char>,
}

impl TagDef {
    /// The three built-in tags: claim (1), quote (2), attribution (3).
    pub fn builtins() -> Vec<Self> {
        vec![
            Self {
                name: TAG_CLAIM.to_owned(),
                color: Color::rgb(0xf5, 0xa6, 0x23),
                key: Some('1'),
            },
            Self {
                name: TAG_QUOTE.to_owned(),
                color: Color::rgb(0x4a, 0x90, 0xe2),
                key: Some('2'),
            },
            Self {
                name: TAG_ATTRIBUTION.to_owned(),
                color: Color::rgb(0x7e, 0xd3, 0x21),
                key: Some('3'),
            },
        ]
    }

    /// Is this a valid tag name: 1–32 chars of lowercase ASCII letters, digits, `-`, `_`?
    pub fn is_valid_name(name: &str) -> bool {
        (1..=32).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    }
}

/// Where an annotation sits: char offsets over canonical text, half-open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TextPosition {
    /// First char of the span.
    pub char_start: usize,
    /// One past the last char of the span.
    pub char_end: usize,
}

impl TextPosition {
    /// The span as a range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.char_start..self.char_end
    }

    /// Length in chars.
    pub fn char_len(&self) -> usize {
        self.char_end.saturating_sub(self.char_start)
    }
}

impl From<std::ops::Range<usize>> for TextPosition {
    fn from(range: std::ops::Range<usize>) -> Self {
        Self {
            char_start: range.start,
            char_end: range.end,
        }
    }
}

/// What an annotation says: the exact text and the context around it (W3C TextQuoteSelector).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct TextQuote {
    /// The annotated text.
    pub exact: String,
    /// Up to 32 chars before it.
    pub prefix: String,
    /// Up to 32 chars after it.
    pub suffix: String,
}

/// How an annotation was placed when its set was last anchored against the document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum AnchorStatus {
    /// At its recorded position, text unchanged.
    #[default]
    Exact,
    /// The exact quote was found at another position.
    Moved,
    /// An approximate match; `score` in 0..=1 (1 = identical).
    Fuzzy {
        /// Similarity of the match, 0..=1.
        score: f32,
    },
    /// Could not be placed confidently; kept with its quote for the reviewer.
    Orphaned,
}

impl AnchorStatus {
    /// Short lowercase name: exact, moved, fuzzy, orphaned.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy { .. } => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }

    /// Does this status need the reviewer's attention (fuzzy or orphaned)?
    pub fn needs_review(&self) -> bool {
        matches!(self, Self::Fuzzy { .. } | Self::Orphaned)
    }
}

/// A claim's verdict.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Verdict {
    /// Not yet reviewed.
    #[default]
    Unreviewed,
    /// Accurate.
    True,
    /// Accurate but needs clarification.
    MostlyTrue,
    /// Partly accurate, leaves out important details.
    HalfTrue,
    /// Contains an element of truth but ignores critical facts.
    MostlyFalse,
    /// Not accurate.
    False,
    /// Accurate facts presented in a way that misleads.
    Misleading,
    /// Cannot be checked with available evidence.
    Unverifiable,
}

impl Verdict {
    /// Every verdict, in display order.
    pub const ALL: [Self; 8] = [
        Self::Unreviewed,
        Self::True,
        Self::MostlyTrue,
        Self::HalfTrue,
        Self::MostlyFalse,
        Self::False,
        Self::Misleading,
        Self::Unverifiable,
    ];

    /// Command-line and export name: `mostly-true`, `false` …
    pub fn name(self) -> &'static str {
        match self {
            Self::Unreviewed => "unreviewed",
            Self::True => "true",
            Self::MostlyTrue => "mostly-true",
            Self::HalfTrue => "half-true",
            Self::MostlyFalse => "mostly-false",
            Self::False => "false",
            Self::Misleading => "misleading",
            Self::Unverifiable => "unverifiable",
        }
    }

    /// Human label: `Mostly true` …
    pub fn label(self) -> &'static str {
        match self {
            Self::Unreviewed => "Unreviewed",
            Self::True => "True",
            Self::MostlyTrue => "Mostly true",
            Self::HalfTrue => "Half true",
            Self::MostlyFalse => "Mostly false",
            Self::False => "False",
            Self::Misleading => "Misleading",
            Self::Unverifiable => "Unverifiable",
        }
    }

    /// Parse a name as written by [`Verdict::name`] (case-insensitive; `_` or space for `-`).
    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Self::ALL.into_iter().find(|v| v.name() == wanted)
    }
}

/// One highlighted span with its tag, note and anchoring state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable id.
    pub id: AnnotationId,
    /// Name of a tag in the set's tag definitions.
    pub tag: String,
    /// Position selector (chars over canonical text).
    pub position: TextPosition,
    /// Quote selector with context.
    pub quote: TextQuote,
    /// Reviewer's note.
    pub note: String,
    /// Who made it.
    pub author: String,
    /// When it was made (UTC).
    pub created: DateTime<Utc>,
    /// When it last changed (UTC).
    pub modified: DateTime<Utc>,
    /// How it anchored last time.
    pub status: AnchorStatus,
    /// Verdict (meaningful for claims).
    pub verdict: Verdict,
    /// Review state, sign-off, assignee, comments and history; left out of the file while
    /// empty (see [`crate::model::workflow`]).
    #[serde(default, skip_serializing_if = "Workflow::is_empty")]
    pub workflow: Workflow,
}

impl Annotation {
    /// A new annotation over `range` of `doc`, with quote and context taken from the text.
    pub fn new(
        doc: &Document,
        range: std::ops::Range<usize>,
        tag: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: AnnotationId::random(),
            tag: tag.to_owned(),
            position: range.clone().into(),
            quote: doc.quote(range),
            note: String::new(),
            author: author.to_owned(),
            created: now,
            modified: now,
            status: AnchorStatus::Exact,
            verdict: Verdict::Unreviewed,
            workflow: Workflow::default(),
        }
    }

    /// Is this a claim (tagged `claim`)? Only a claim's verdict counts: a rated claim
    /// retagged as a quote keeps its stored verdict (retagging it back restores it), but no
    /// view, count or export shows it as rated.
    pub fn is_claim(&self) -> bool {
        is_claim_tag(&self.tag)
    }

    /// The verdict a reviewer gave this claim: `Some` for a claim whose verdict is not
    /// Unreviewed, `None` for unrated claims and for every other tag.
    pub fn rated_verdict(&self) -> Option<Verdict> {
        (self.is_claim() && self.verdict != Verdict::Unreviewed).then_some(self.verdict)
    }
}

/// What an evidence item points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceKind {
    /// A web page (http or https only), optionally with an archived copy.
    Url {
        /// The page's address.
        url: String,
        /// An archive copy's address, if any.
        archived_url: Option<String>,
    },
    /// A local file, relative to the document's folder (`/` separators, never `..`).
    File {
        /// Relative path.
        path: String,
    },
    /// A free-text citation (a book, a court record, an interview).
    Citation {
        /// The citation text.
        text: String,
    },
}

/// A source that supports, refutes or gives context to annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Stable id.
    pub id: EvidenceId,
    /// What it points at.
    pub kind: EvidenceKind,
    /// Short title.
    pub title: String,
    /// When it was accessed (`YYYY-MM-DD`), if known.
    pub accessed: Option<chrono::NaiveDate>,
    /// Reviewer's note.
    pub note: String,
    /// When it was added (UTC).
    pub created: DateTime<Utc>,
    /// Who added it (empty in sets written before this was recorded).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// A copy of the cited web page kept beside the document, if one was taken (absent in
    /// sets without snapshots, so their files are unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Snapshot>,
}

/// A copy of a cited web page that factmark fetched and keeps beside the document, so the
/// page the reviewer saw outlives link rot. The file is
/// `<document file name>.factmark.evidence/<evidence id>.<ext>`; the path here is relative
/// to the document's folder with `/` separators, e.g.
/// `article.txt.factmark.evidence/0b5c…e1.html`. Paths read from a shared file are checked by
/// [`crate::model::snapshot::snapshot_problem`] before anything opens or links them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The copy, relative to the document's folder (`/` separators, inside a
    /// `*.factmark.evidence` folder).
    pub path: String,
    /// SHA-256 of the copy's bytes, lowercase hex.
    pub sha256: String,
    /// When it was fetched (UTC).
    pub retrieved: DateTime<Utc>,
    /// The address it was fetched from after redirects.
    pub final_url: String,
    /// The `Content-Type` the server gave, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

/// How evidence bears on an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stance {
    /// The evidence supports the annotated text.
    Supports,
    /// The evidence contradicts it.
    Refutes,
    /// Background without a side.
    Context,
}

impl Stance {
    /// Every stance.
    pub const ALL: [Self; 3] = [Self::Supports, Self::Refutes, Self::Context];

    /// Lowercase name: supports, refutes, context.
    pub fn name(self) -> &'static str {
        match self {
            Self::Supports => "supports",
            Self::Refutes => "refutes",
            Self::Context => "context",
        }
    }

    /// Parse a lowercase name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.name() == text.trim().to_ascii_lowercase())
    }
}

/// A relation from an annotation to evidence or to another annotation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Link {
    /// Evidence bearing on an annotation.
    Evidence {
        /// The annotation.
        annotation: AnnotationId,
        /// The evidence.
        evidence: EvidenceId,
        /// How it bears on it.
        stance: Stance,
    },
    /// A quote or claim said by the person in an attribution span.
    SaidBy {
        /// The quote or claim.
        annotation: AnnotationId,
        /// The attribution span naming who said it.
        attribution: AnnotationId,
    },
}

impl Link {
    /// Does this link mention the annotation (on either end)?
    pub fn mentions_annotation(&self, id: AnnotationId) -> bool {
        match self {
            Self::Evidence { annotation, .. } => *annotation == id,
            Self::SaidBy {
                annotation,
                attribution,
            } => *annotation == id || *attribution == id,
        }
    }

    /// Does this link mention the evidence?
    pub fn mentions_evidence(&self, id: EvidenceId) -> bool {
        matches!(self, Self::Evidence { evidence, .. } if *evidence == id)
    }
}

/// Everything a sidecar file holds.
///
/// Two sets are equal when their content is: the revision records history, not content
/// (its id is computed from everything else), so a set read back from the file a save
/// wrote equals the set that was saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnnotationSet {
    /// Format version (see [`FORMAT_VERSION`]).
    pub version: u32,
    /// Who wrote it.
    pub generator: Generator,
    /// The annotated document.
    pub source: SourceRef,
    /// Title of the review.
    pub title: String,
    /// When the set was created (UTC).
    pub created: DateTime<Utc>,
    /// When the set last changed (UTC).
    pub modified: DateTime<Utc>,
    /// Publishing details.
    #[serde(default)]
    pub review: ReviewInfo,
    /// How verdicts are labelled and numbered (checked on load); files with today's default
    /// scale do not mention it.
    #[serde(default, skip_serializing_if = "RatingScale::is_default")]
    pub rating_scale: RatingScale,
    /// Tags annotations may carry; the built-ins first.
    pub tags: Vec<TagDef>,
    /// Annotations in document order (see [`AnnotationSet::normalize`]).
    pub annotations: Vec<Annotation>,
    /// Evidence, ordered by id.
    pub evidence: Vec<Evidence>,
    /// Links, in their natural order.
    pub links: Vec<Link>,
    /// Unresolved merge conflicts, by id (see [`crate::model::merge`]); files without any
    /// do not mention them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Which saved version this is (see [`crate::model::revision`]); set by the store on
    /// every write that changes the file, absent from files written before revisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
}

impl PartialEq for AnnotationSet {
    fn eq(&self, other: &Self) -> bool {
        // Destructured so that a new field must be considered here.
        let Self {
            version,
            generator,
            source,
            title,
            created,
            modified,
            review,
            rating_scale,
            tags,
            annotations,
            evidence,
            links,
            conflicts,
            revision: _,
        } = self;
        *version == other.version
            && *generator == other.generator
            && *source == other.source
            && *title == other.title
            && *created == other.created
            && *modified == other.modified
            && *review == other.review
            && *rating_scale == other.rating_scale
            && *tags == other.tags
            && *annotations == other.annotations
            && *evidence == other.evidence
            && *links == other.links
            && *conflicts == other.conflicts
    }
}

impl AnnotationSet {
    /// A new empty set for a document at `source_path` (relative to the sidecar).
    pub fn new(doc: &Document, source_path: &str, title: &str, now: DateTime<Utc>) -> Self {
        let fingerprint = doc.fingerprint();
        Self {
            version: FORMAT_VERSION,
            generator: Generator::default(),
            source: SourceRef {
                path: source_path.to_owned(),
                sha256: fingerprint.sha256.clone(),
                char_len: fingerprint.char_len,
                original: None,
            },
            title: title.to_owned(),
            created: now,
            modified: now,
            review: ReviewInfo::default(),
            rating_scale: RatingScale::default(),
            tags: TagDef::builtins(),
            annotations: Vec::new(),
            evidence: Vec::new(),
            links: Vec::new(),
            conflicts: Vec::new(),
            revision: None,
        }
    }

    /// Put every collection in its stable order: annotations by position then id,
    /// evidence by id, links by their derived order. Saving calls this.
    pub fn normalize(&mut self) {
        self.annotations.sort_by_key(|a| (a.position, a.id));
        for annotation in &mut self.annotations {
            annotation.workflow.normalize();
        }
        self.evidence.sort_by_key(|e| e.id);
        self.links.sort();
        self.links.dedup();
        self.conflicts.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The evidence with this id.
    pub fn evidence_item(&self, id: EvidenceId) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// The tag definition with this name.
    pub fn tag(&self, name: &str) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// Names of all tags, comma-separated, for error messages.
    pub fn tag_names(&self) -> String {
        self.tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Links that start at or point to this annotation.
    pub fn links_of(&self, id: AnnotationId) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.mentions_annotation(id))
    }

    /// Claims with a verdict (see [`Annotation::rated_verdict`]): what ClaimReview exports
    /// and what the export window counts.
    pub fn rated_claims(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations
            .iter()
            .filter(|a| a.rated_verdict().is_some())
    }

    /// Evidence linked to an annotation, with the stance.
    pub fn evidence_of(&self, id: AnnotationId) -> impl Iterator<Item = (&Evidence, Stance)> {
        self.links.iter().filter_map(move |l| match l {
            Link::Evidence {
                annotation,
                evidence,
                stance,
            } if *annotation == id => self.evidence_item(*evidence).map(|e| (e, *stance)),
            _ => None,
        })
    }

    /// The attribution an annotation is "said by", if linked.
    pub fn said_by(&self, id: AnnotationId) -> Option<&Annotation> {
        self.links.iter().find_map(|l| match l {
            Link::SaidBy {
                annotation,
                attribution,
            } if *annotation == id => self.annotation(*attribution),
            _ => None,
        })
    }

    /// Record that the set now describes `doc` (after re-anchoring).
    pub fn set_source_fingerprint(&mut self, doc: &Document) {
        let fingerprint = doc.fingerprint();
        self.source.sha256.clone_from(&fingerprint.sha256);
        self.source.char_len = fingerprint.char_len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_round_trip() {
        let c = Color::parse("#F5a623").expect("valid");
        assert_eq!(c, Color::rgb(0xf5, 0xa6, 0x23));
        assert_eq!(c.to_string(), "#f5a623");
        for bad in ["", "#12345", "#1234567", "#gg0000", "#ééé"] {
            assert_eq!(Color::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn verdict_names_parse_back() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.name()), Some(v));
        }
        assert_eq!(Verdict::parse("Mostly True"), Some(Verdict::MostlyTrue));
        assert_eq!(Verdict::parse("pants on fire"), None);
    }

    #[test]
    fn tag_names() {
        assert!(TagDef::is_valid_name("claim"));
        assert!(TagDef::is_valid_name("legal-ref_2"));
        assert!(!TagDef::is_valid_name("Claim"));
        assert!(!TagDef::is_valid_name(""));
        assert!(!TagDef::is_valid_name("a b"));
    }

    #[test]
    fn retagged_rated_claim_is_not_rated() {
        let doc = Document::new("The mayor said taxes fell. Critics disagree.");
        let now = DateTime::<Utc>::default();
        let mut set = AnnotationSet::new(&doc, "x.txt", "t", now);
        let mut rated = Annotation::new(&doc, 15..25, TAG_CLAIM, "ana", now);
        rated.verdict = Verdict::False;
        let mut retagged = Annotation::new(&doc, 0..9, TAG_QUOTE, "ana", now);
        retagged.verdict = Verdict::True;
        let unrated = Annotation::new(&doc, 27..43, TAG_CLAIM, "ana", now);
        set.annotations = vec![rated.clone(), retagged.clone(), unrated.clone()];
        assert!(rated.is_claim() && unrated.is_claim() && !retagged.is_claim());
        assert_eq!(rated.rated_verdict(), Some(Verdict::False));
        assert_eq!(retagged.rated_verdict(), None);
        assert_eq!(unrated.rated_verdict(), None);
        let ids: Vec<AnnotationId> = set.rated_claims().map(|a| a.id).collect();
        assert_eq!(ids, vec![rated.id]);
    }
}

//! Interop and reports: W3C Web Annotation, schema.org ClaimReview, brat standoff, CSV,
//! self-contained HTML and Markdown, plus W3C (and Hypothesis) import.
//!
//! Every writer is pure: it takes an [`ExportContext`] (set, document, names, the time) and
//! returns the bytes of one or more files; the caller decides where they go.
//!
//! ```text
//! export(&ctx, Format::Brat)  ->  [ExportFile { extension: "ann", .. }, ExportFile { extension: "txt", .. }]
//! ```

mod brat;
mod claimreview;
mod csv_table;
mod escape;
mod html;
mod html_chart;
mod html_spans;
pub mod import_plan;
mod markdown;
mod report;
mod w3c;
mod w3c_import;
mod w3c_parse;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

use crate::model::{AnnotationSet, Document};

pub use crate::model::rating::{RatingScale, ScaleError};
pub use escape::{escape_html, escape_html_visible, escape_markdown, guard_formula, is_web_url};
pub use report::without_unapproved_claims;
pub use w3c_import::{ImportSummary, SkippedAnnotation, import_w3c};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// W3C Web Annotation JSON-LD (an `AnnotationCollection`).
    W3c,
    /// schema.org ClaimReview JSON-LD, one per claim with a verdict.
    ClaimReview,
    /// brat standoff: an `.ann` file and the canonical `.txt` it refers to.
    Brat,
    /// One CSV row per annotation.
    Csv,
    /// One self-contained HTML report.
    Html,
    /// A Markdown report.
    Markdown,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Self; 6] = [
        Self::W3c,
        Self::ClaimReview,
        Self::Brat,
        Self::Csv,
        Self::Html,
        Self::Markdown,
    ];

    /// Command-line name: `w3c`, `claimreview`, `brat`, `csv`, `html`, `md`.
    pub fn name(self) -> &'static str {
        match self {
            Self::W3c => "w3c",
            Self::ClaimReview => "claimreview",
            Self::Brat => "brat",
            Self::Csv => "csv",
            Self::Html => "html",
            Self::Markdown => "md",
        }
    }

    /// Human label for menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::W3c => "W3C Web Annotation (JSON-LD)",
            Self::ClaimReview => "ClaimReview (schema.org JSON-LD)",
            Self::Brat => "brat standoff (.ann + .txt)",
            Self::Csv => "CSV table",
            Self::Html => "HTML report",
            Self::Markdown => "Markdown report",
        }
    }

    /// Extension of the main file written (brat also writes a `.txt`).
    pub fn default_extension(self) -> &'static str {
        match self {
            Self::W3c => "jsonld",
            Self::ClaimReview => "claimreview.jsonld",
            Self::Brat => "ann",
            Self::Csv => "csv",
            Self::Html => "html",
            Self::Markdown => "md",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}; use one of: w3c, claimreview, brat, csv, html, md")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        let alias = match wanted.as_str() {
            "markdown" => "md",
            "claim-review" => "claimreview",
            "jsonld" | "w3c-annotation" => "w3c",
            other => other,
        };
        Self::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or(UnknownFormat(text.to_owned()))
    }
}

/// Everything a writer needs. Build it with [`ExportContext::new`] and adjust fields.
#[derive(Debug, Clone)]
pub struct ExportContext<'a> {
    /// The annotation set, anchored against `doc`.
    pub set: &'a AnnotationSet,
    /// The canonical document.
    pub doc: &'a Document,
    /// The document's file name (shown in reports).
    pub document_name: &'a str,
    /// The document's identifier in W3C targets: its URL if published, else its file name.
    pub document_uri: &'a str,
    /// The time of the export (UTC); ClaimReview's `datePublished` is its date.
    pub now: DateTime<Utc>,
    /// How many claims not yet approved the caller left out of `set` (see
    /// [`without_unapproved_claims`]); reports say so in their summary.
    pub left_out_unapproved: usize,
    /// The rating scale for ClaimReview and reports (the set's; default false = 1 … true = 5).
    pub rating_scale: RatingScale,
}

impl<'a> ExportContext<'a> {
    /// A context with the set's rating scale; `document_uri` is the set's
    /// `review.document_url` when set, else `document_name`.
    pub fn new(
        set: &'a AnnotationSet,
        doc: &'a Document,
        document_name: &'a str,
        now: DateTime<Utc>,
    ) -> Self {
        let document_uri = if set.review.document_url.trim().is_empty() {
            document_name
        } else {
            set.review.document_url.trim()
        };
        Self {
            set,
            doc,
            document_name,
            document_uri,
            now,
            rating_scale: set.rating_scale.clone(),
            left_out_unapproved: 0,
        }
    }
}

/// One file produced by an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Extension without the dot (`ann`, `txt`, `html` …).
    pub extension: &'static str,
    /// The file's bytes (UTF-8).
    pub bytes: Vec<u8>,
}

/// Why an export or import failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// ClaimReview needs fields the set does not have.
    #[error("cannot export ClaimReview, required fields are missing:\n{}", list_missing(.0))]
    ClaimReviewMissing(Vec<MissingFields>),
    /// No claim has a verdict, so there is nothing to put in a ClaimReview.
    #[error("cannot export ClaimReview: no claim has a verdict; give claims a verdict first")]
    NoVerdicts,
    /// The rating scale is not valid.
    #[error("invalid rating scale: {0}")]
    Scale(#[from] ScaleError),
    /// The import file is not JSON.
    #[error("import: not valid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said.
        message: String,
    },
    /// The import JSON is not a W3C annotation, collection, page, array or Hypothesis export.
    #[error("import: {0}")]
    NotAnnotations(String),
    /// Serializing failed (should not happen with plain values).
    #[error("could not write {format}: {message}")]
    Write {
        /// The format being written.
        format: Format,
        /// The underlying error.
        message: String,
    },
}

/// The required ClaimReview fields one claim lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFields {
    /// 1-based number of the annotation in document order (as in reports).
    pub number: usize,
    /// Where it starts in the document (displays as `line:column`).
    pub location: crate::model::LineCol,
    /// The start of its quote, for recognition.
    pub quote: String,
    /// Missing field names with what to do, e.g. `url (set the review URL in review settings)`.
    pub fields: Vec<String>,
}

fn list_missing(items: &[MissingFields]) -> String {
    items
        .iter()
        .map(|m| {
            format!(
                "  claim {} at {} ({:?}): {}",
                m.number,
                m.location,
                m.quote,
                m.fields.join("; ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Write the set in `format`. Brat gives two files (`ann` then `txt`), the others one.
pub fn export(ctx: &ExportContext<'_>, format: Format) -> Result<Vec<ExportFile>, ExportError> {
    let one = |extension: &'static str, text: String| {
        vec![ExportFile {
            extension,
            bytes: text.into_bytes(),
        }]
    };
    Ok(match format {
        Format::W3c => one("jsonld", w3c::to_json(ctx)?),
        Format::ClaimReview => one("claimreview.jsonld", claimreview::to_json(ctx)?),
        Format::Brat => {
            let (ann, txt) = brat::to_standoff(ctx);
            vec![
                ExportFile {
                    extension: "ann",
                    bytes: ann.into_bytes(),
                },
                ExportFile {
                    extension: "txt",
                    bytes: txt.into_bytes(),
                },
            ]
        }
        Format::Csv => one("csv", csv_table::to_csv(ctx)?),
        Format::Html => one("html", html::to_html(ctx)),
        Format::Markdown => one("md", markdown::to_markdown(ctx)),
    })
}

fn write_error(format: Format, err: impl fmt::Display) -> ExportError {
    ExportError::Write {
        format,
        message: err.to_string(),
    }
}

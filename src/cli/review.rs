//! `factmark review`: the publishing details used by ClaimReview and reports.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::cli::output::outln;
use crate::cli::{SetArg, Workspace};
use crate::model::web::web_host;
use crate::model::{Edit, ReviewInfo};

/// Arguments of `factmark review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The document.
    pub document: PathBuf,
    /// The fact-checking organisation publishing the review.
    #[arg(long)]
    pub organization: Option<String>,
    /// The organisation's web address.
    #[arg(long)]
    pub organization_url: Option<String>,
    /// Where the reviewed document was published.
    #[arg(long)]
    pub document_url: Option<String>,
    /// When the reviewed document was published, YYYY-MM-DD.
    #[arg(long)]
    pub document_published: Option<chrono::NaiveDate>,
    /// Who wrote the reviewed document (its byline).
    #[arg(long)]
    pub document_author: Option<String>,
    /// Where the review itself is published.
    #[arg(long)]
    pub review_url: Option<String>,
    /// A title for the review.
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark review`.
pub fn run(args: &ReviewArgs) -> anyhow::Result<i32> {
    let mut workspace = Workspace::open(&args.document, &args.set, true)?;
    for (flag, url) in [
        ("--organization-url", &args.organization_url),
        ("--document-url", &args.document_url),
        ("--review-url", &args.review_url),
    ] {
        if let Some(url) = url
            && !url.is_empty()
        {
            web_host(url).with_context(|| format!("{flag} {url:?} refused"))?;
        }
    }
    let old_review = workspace.set.review.clone();
    let old = old_review.clone();
    let review = ReviewInfo {
        organization: args.organization.clone().unwrap_or(old.organization),
        organization_url: args
            .organization_url
            .clone()
            .unwrap_or(old.organization_url),
        document_url: args.document_url.clone().unwrap_or(old.document_url),
        document_published: args
            .document_published
            .map(|d| d.to_string())
            .unwrap_or(old.document_published),
        document_author: args
            .document_author
            .as_deref()
            .map(|a| a.trim().to_owned())
            .unwrap_or(old.document_author),
        review_url: args.review_url.clone().unwrap_or(old.review_url),
    };
    // Only what changes: an edit that changes nothing would still touch `modified`, and a
    // save with nothing to save must write nothing.
    let mut edits = Vec::new();
    if review != old_review {
        edits.push(Edit::SetReview(review.clone()));
    }
    if let Some(title) = args.title.as_ref().filter(|t| **t != workspace.set.title) {
        edits.push(Edit::SetTitle(title.clone()));
    }
    if !edits.is_empty() {
        workspace.apply(Edit::Batch(edits))?;
    }
    let saved = workspace.save()?;
    outln!("title: {}", workspace.set.title);
    outln!("organization: {}", review.organization);
    outln!("organization url: {}", review.organization_url);
    outln!("document url: {}", review.document_url);
    outln!("document published: {}", review.document_published);
    outln!("document author: {}", review.document_author);
    outln!("review url: {}", review.review_url);
    if let Some(original) = &workspace.set.source.original {
        let visible = crate::model::invisible::visible;
        outln!(
            "text extracted by: {} {} (original sha256 {})",
            visible(&original.extractor),
            visible(&original.extractor_version),
            visible(&original.sha256)
        );
        if let Some(url) = &original.fetched_from {
            outln!("fetched from: {}", visible(url));
        }
        if let Some(at) = original.retrieved {
            outln!(
                "retrieved: {}",
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            );
        }
    }
    Ok(saved.exit_code(0))
}

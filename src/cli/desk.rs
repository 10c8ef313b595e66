//! `factmark desk`: every document under a folder with its progress, and the claims
//! quoted in several of them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::excerpt;
use crate::cli::output::outln;
use crate::store::desk::{Desk, scan_desk};
use crate::store::{self, Fs as _, RealFs};

/// Arguments of `factmark desk`.
#[derive(Debug, Args)]
pub struct DeskArgs {
    /// The folder (searched recursively).
    pub folder: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The desk as `desk --json` prints it.
#[derive(Debug, Serialize)]
pub struct DeskJson<'a> {
    /// Each document with its progress.
    pub documents: Vec<DocumentJson<'a>>,
    /// Groups of the same claim quoted in several documents.
    pub repeated: Vec<Vec<RepeatedJson<'a>>>,
}

/// One document in `desk --json`.
#[derive(Debug, Serialize)]
pub struct DocumentJson<'a> {
    /// Path relative to the folder, with `/`.
    pub path: &'a str,
    /// How many annotations.
    pub annotations: usize,
    /// Annotations per tag.
    pub by_tag: &'a BTreeMap<String, usize>,
    /// Claims per verdict.
    pub by_verdict: &'a BTreeMap<String, usize>,
    /// Fuzzy and orphaned annotations.
    pub needs_review: usize,
    /// When the set last changed (RFC 3339), or null without a set.
    pub modified: Option<String>,
    /// Why the document could not be read (only when it could not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
}

/// One claim of a repeated group in `desk --json`.
#[derive(Debug, Serialize)]
pub struct RepeatedJson<'a> {
    /// Its document, relative to the folder.
    pub path: &'a str,
    /// Its annotation id.
    pub id: String,
    /// Its quote.
    pub quote: &'a str,
}

/// The JSON form of a desk.
pub fn desk_json(desk: &Desk) -> DeskJson<'_> {
    let path_of = |document: usize| {
        desk.documents
            .get(document)
            .map_or("", |d| d.relative.as_str())
    };
    DeskJson {
        documents: desk
            .documents
            .iter()
            .map(|d| DocumentJson {
                path: &d.relative,
                annotations: d.annotations,
                by_tag: &d.by_tag,
                by_verdict: &d.by_verdict,
                needs_review: d.needs_review,
                modified: d
                    .modified
                    .map(|m| m.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
                error: d.error.as_deref(),
            })
            .collect(),
        repeated: desk
            .repeated
            .iter()
            .map(|group| {
                group
                    .iter()
                    .filter_map(|&i| desk.items.get(i))
                    .map(|item| RepeatedJson {
                        path: path_of(item.document),
                        id: item.id.to_string(),
                        quote: &item.quote,
                    })
                    .collect()
            })
            .collect(),
    }
}

/// Run `factmark desk`. Exit 1 when a document could not be read (it is listed with its
/// error), else 0.
pub fn run(args: &DeskArgs) -> anyhow::Result<i32> {
    let fs = RealFs;
    match fs.metadata(&args.folder)? {
        Some(meta) if meta.is_dir => {}
        _ => anyhow::bail!(
            "{} is not a folder; `factmark desk` lists the documents in a folder",
            args.folder.display()
        ),
    }
    let desk = scan_desk(&fs, &args.folder, store::max_document_bytes()?)?;
    let failed = desk.documents.iter().any(|d| d.error.is_some());
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&desk_json(&desk))?);
        return Ok(i32::from(failed));
    }
    outln!(
        "{:<40} {:>5} {:>6} {:>7} {:>6}  modified",
        "document",
        "notes",
        "claims",
        "checked",
        "review"
    );
    for d in &desk.documents {
        let claims: usize = d.by_verdict.values().sum();
        let unreviewed = d.by_verdict.get("unreviewed").copied().unwrap_or(0);
        let modified = d.modified.map_or_else(
            || "-".to_owned(),
            |m| m.format("%Y-%m-%d %H:%M").to_string(),
        );
        outln!(
            "{:<40} {:>5} {:>6} {:>7} {:>6}  {}",
            excerpt(&d.relative, 40),
            d.annotations,
            claims,
            claims - unreviewed,
            d.needs_review,
            d.error
                .as_deref()
                .map_or(modified, |e| format!("error: {e}"))
        );
    }
    for (g, group) in desk.repeated.iter().enumerate() {
        outln!("");
        outln!("repeated claim {}:", g + 1);
        for item in group.iter().filter_map(|&i| desk.items.get(i)) {
            let path = desk
                .documents
                .get(item.document)
                .map_or("", |d| d.relative.as_str());
            outln!(
                "  {path}  {}  {:<13} {}",
                item.id,
                item.verdict.name(),
                excerpt(&item.quote, 60)
            );
        }
    }
    Ok(i32::from(failed))
}

//! `factmark list`.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::output::outln;
use crate::cli::{SetArg, Workspace, excerpt};

/// Arguments of `factmark list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The document.
    pub document: PathBuf,
    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// One annotation as `list --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListedAnnotation<'a> {
    /// Annotation id.
    pub id: String,
    /// Tag name.
    pub tag: &'a str,
    /// First char (canonical text).
    pub char_start: usize,
    /// One past the last char.
    pub char_end: usize,
    /// The quoted text.
    pub quote: &'a str,
    /// exact, moved, fuzzy or orphaned.
    pub status: &'static str,
    /// Verdict name.
    pub verdict: &'static str,
    /// Note.
    pub note: &'a str,
    /// Author.
    pub author: &'a str,
    /// Ids of unresolved merge conflicts about it (see `factmark conflicts`).
    pub conflicts: Vec<String>,
}

/// Run `factmark list`.
pub fn run(args: &ListArgs) -> anyhow::Result<i32> {
    let workspace = Workspace::open(&args.document, &args.set, false)?;
    let mut annotations: Vec<_> = workspace.set.annotations.iter().collect();
    annotations.sort_by_key(|a| (a.position, a.id));
    if args.json {
        let listed: Vec<ListedAnnotation<'_>> = annotations
            .iter()
            .map(|a| ListedAnnotation {
                id: a.id.to_string(),
                tag: &a.tag,
                char_start: a.position.char_start,
                char_end: a.position.char_end,
                quote: &a.quote.exact,
                status: a.status.name(),
                verdict: a.verdict.name(),
                note: &a.note,
                author: &a.author,
                conflicts: crate::cli::conflicts::conflicts_of(&workspace.set, a.id),
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&listed)?);
        return Ok(0);
    }
    for a in annotations {
        outln!(
            "{}  {:<12} {:>11} {:<9} {:<13} {}",
            a.id,
            a.tag,
            workspace.doc.line_col(a.position.char_start),
            a.status.name(),
            a.verdict.name(),
            excerpt(&a.quote.exact, 60)
        );
    }
    Ok(0)
}

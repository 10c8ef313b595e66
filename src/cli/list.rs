//! `factmark list`.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::output::outln;
use crate::cli::{SetArg, Workspace, excerpt};
use crate::model::workflow::{HistoryEntry, Stamp};

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
    /// Review state (open, researching, needs-review, approved, disputed).
    pub state: &'static str,
    /// The reviewer it is assigned to, or null.
    pub assignee: Option<&'a str>,
    /// Who approved it and when, while approved; else null.
    pub sign_off: Option<&'a Stamp>,
    /// Who last set the verdict and when, if recorded.
    pub verdict_by: Option<&'a Stamp>,
    /// The comment thread, oldest first.
    pub comments: Vec<ListedComment<'a>>,
    /// Field changes, oldest first.
    pub history: &'a [HistoryEntry],
}

/// A comment as `list --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListedComment<'a> {
    /// Comment id.
    pub id: String,
    /// Who wrote it.
    pub author: &'a str,
    /// When (UTC, RFC 3339).
    pub created: String,
    /// What it says.
    pub text: &'a str,
    /// Is it resolved?
    pub resolved: bool,
    /// Who resolved it and when, if resolved.
    pub resolved_by: Option<&'a Stamp>,
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
                state: a.workflow.state.name(),
                assignee: Some(a.workflow.assignee.as_str()).filter(|s| !s.is_empty()),
                sign_off: a.workflow.sign_off.as_ref(),
                verdict_by: a.workflow.verdict_by.as_ref(),
                comments: a
                    .workflow
                    .comments
                    .iter()
                    .map(|c| ListedComment {
                        id: c.id.to_string(),
                        author: &c.author,
                        created: c.created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        text: &c.text,
                        resolved: c.resolved.is_some(),
                        resolved_by: c.resolved.as_ref(),
                    })
                    .collect(),
                history: &a.workflow.history,
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&listed)?);
        return Ok(0);
    }
    for a in annotations {
        // A claim's review state beside its verdict; other annotations have none.
        let state = if a.is_claim() {
            a.workflow.state.name()
        } else {
            "-"
        };
        outln!(
            "{}  {:<12} {:>11} {:<9} {:<13} {:<12} {}",
            a.id,
            a.tag,
            workspace.doc.line_col(a.position.char_start),
            a.status.name(),
            a.verdict.name(),
            state,
            excerpt(&a.quote.exact, 60)
        );
    }
    Ok(0)
}

//! `factmark claim` and `factmark comment`: the review workflow from the command line.
//!
//! Each change is one edit through [`crate::model::apply_by`], so the rules (the transition
//! table, no self-approval, approval locks) are the model's, and a refusal is one line on
//! stderr with exit code 2, leaving the set untouched.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;

use crate::cli::output::outln;
use crate::cli::{SetArg, Workspace};
use crate::model::defaults::reviewer_name;
use crate::model::workflow::{ClaimState, Comment, CommentId};
use crate::model::{AnnotationId, Edit};

/// Arguments of `factmark claim`.
#[derive(Debug, Args)]
pub struct ClaimArgs {
    /// The document.
    pub document: PathBuf,
    /// The claim's id (or a unique prefix of at least 4 characters).
    pub id: String,
    /// New state: open, researching, needs-review, approved or disputed.
    #[arg(long)]
    pub state: Option<String>,
    /// Assign the claim to this reviewer ("" for nobody).
    #[arg(long, value_name = "NAME")]
    pub assign: Option<String>,
    /// Who makes the change [default: the first non-blank of $FACTMARK_AUTHOR, $USER,
    /// $USERNAME].
    #[arg(long)]
    pub author: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Arguments of `factmark comment`.
#[derive(Debug, Args)]
pub struct CommentArgs {
    /// The document.
    pub document: PathBuf,
    /// The annotation to comment on (id or unique prefix).
    #[arg(required_unless_present_any = ["resolve", "reopen"])]
    pub id: Option<String>,
    /// The comment's text.
    #[arg(required_unless_present_any = ["resolve", "reopen"])]
    pub text: Option<String>,
    /// Resolve this comment (id or unique prefix).
    #[arg(long, value_name = "COMMENT_ID", conflicts_with_all = ["id", "text", "reopen"])]
    pub resolve: Option<String>,
    /// Reopen this resolved comment (id or unique prefix).
    #[arg(long, value_name = "COMMENT_ID", conflicts_with_all = ["id", "text"])]
    pub reopen: Option<String>,
    /// Who writes, resolves or reopens [default: as for `annotate`].
    #[arg(long)]
    pub author: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

fn author(arg: Option<&str>) -> String {
    reviewer_name(arg, |var| std::env::var(var).ok())
}

/// Run `factmark claim`: change state and/or assignee, or (with neither) show them.
pub fn run_claim(args: &ClaimArgs) -> anyhow::Result<i32> {
    let writes = args.state.is_some() || args.assign.is_some();
    let mut workspace = Workspace::open(&args.document, &args.set, false)?;
    let id = workspace.annotation_id(&args.id)?;
    let state = args
        .state
        .as_deref()
        .map(|text| {
            ClaimState::parse(text).with_context(|| {
                let names: Vec<&str> = ClaimState::ALL.iter().map(|s| s.name()).collect();
                format!("unknown --state {text:?}; use one of: {}", names.join(", "))
            })
        })
        .transpose()?;
    if !writes {
        outln!("{}", describe(&workspace, id));
        return Ok(0);
    }
    let mut edits = Vec::new();
    if let Some(assignee) = &args.assign {
        edits.push(Edit::SetAssignee {
            id,
            assignee: assignee.clone(),
        });
    }
    if let Some(state) = state {
        edits.push(Edit::SetState { id, state });
    }
    let by = author(args.author.as_deref());
    workspace
        .apply_as(Edit::Batch(edits), &by)
        .context("the claim was not changed")?;
    let saved = workspace.save()?;
    outln!("{}", describe(&workspace, id));
    Ok(saved.exit_code(0))
}

/// One line: state, assignee, sign-off, open comments.
fn describe(workspace: &Workspace, id: AnnotationId) -> String {
    let Some(annotation) = workspace.set.annotation(id) else {
        return format!("{id}: gone after the merge with the file on disk");
    };
    let w = &annotation.workflow;
    let mut line = format!("{id}  {}", w.state.name());
    if let Some(sign_off) = &w.sign_off {
        line.push_str(&format!(
            " by {} at {}",
            sign_off.by,
            sign_off.at.format("%Y-%m-%dT%H:%MZ")
        ));
    }
    if !w.assignee.is_empty() {
        line.push_str(&format!("  assigned to {}", w.assignee));
    }
    let open = w.unresolved_comments();
    if open > 0 {
        line.push_str(&format!("  {open} open comment(s)"));
    }
    line
}

/// Run `factmark comment`: add one (prints its id), or resolve or reopen one.
pub fn run_comment(args: &CommentArgs) -> anyhow::Result<i32> {
    let mut workspace = Workspace::open(&args.document, &args.set, false)?;
    let by = author(args.author.as_deref());
    let (wanted, resolved) = match (&args.resolve, &args.reopen) {
        (Some(cid), _) => (cid, true),
        (None, Some(cid)) => (cid, false),
        (None, None) => {
            let (Some(id), Some(text)) = (&args.id, &args.text) else {
                bail!("give the annotation id and the comment text, or --resolve/--reopen ID");
            };
            let id = workspace.annotation_id(id)?;
            let comment = Comment::new(&by, text.trim(), crate::cli::workspace::now());
            let cid = comment.id;
            workspace
                .apply_as(Edit::AddComment { id, comment }, &by)
                .context("the comment was not added")?;
            let saved = workspace.save()?;
            outln!("{cid}");
            return Ok(saved.exit_code(0));
        }
    };
    let (id, comment) = comment_id(&workspace, wanted)?;
    let what = if resolved { "resolved" } else { "reopened" };
    workspace
        .apply_as(
            Edit::SetCommentResolved {
                id,
                comment,
                resolved,
            },
            &by,
        )
        .with_context(|| format!("the comment was not {what}"))?;
    let saved = workspace.save()?;
    outln!("{comment} {what}");
    Ok(saved.exit_code(0))
}

/// The annotation and comment a full id or unique prefix (4+ characters) names.
fn comment_id(workspace: &Workspace, text: &str) -> anyhow::Result<(AnnotationId, CommentId)> {
    let wanted = text.trim().to_ascii_lowercase();
    if wanted.len() < 4 {
        bail!("comment id {text:?} is too short; give at least 4 characters of the id");
    }
    let matches: Vec<(AnnotationId, CommentId)> = workspace
        .set
        .annotations
        .iter()
        .flat_map(|a| a.workflow.comments.iter().map(move |c| (a.id, c.id)))
        .filter(|(_, c)| c.to_string().starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => bail!("no comment with id {text:?} in this set (see `factmark list --json`)"),
        many => bail!(
            "comment id {text:?} matches {} comments; give more characters",
            many.len()
        ),
    }
}

//! The `factmark <subcommand>` command line over model, store and export.
//!
//! Every error is one line on stderr and exit code 2; `check` exits 1 when an annotation
//! needs review. Files are only written after every check has passed.

mod agree;
mod annotate;
mod check;
mod claim;
mod conflicts;
mod desk;
mod evidence;
mod export;
mod fetch;
mod git_setup;
mod import;
mod link;
mod list;
mod merge;
pub mod output;
mod review;
mod tag;
mod text;
mod workspace;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use workspace::Workspace;

/// Command-line arguments of `factmark`.
#[derive(Debug, Parser)]
#[command(
    name = "factmark",
    version,
    about = "Fact-check annotation of text documents: claims, quotes, attributions, evidence.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A document to open in the app.
    pub document: Option<PathBuf>,
    /// A teammate's set for the document, shown over it as a read-only layer (repeatable).
    #[arg(long = "layer", value_name = "SET", requires = "document")]
    pub layers: Vec<PathBuf>,
    /// What to do without opening the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The `--set PATH` option shared by every subcommand.
#[derive(Debug, Args)]
pub struct SetArg {
    /// Annotation set file [default: DOC.factmark.ron beside the document].
    #[arg(long, value_name = "PATH")]
    pub set: Option<PathBuf>,
    /// Save even if the set changed on disk since it was read (overwrites a teammate's
    /// change), is read-only, or holds fields this factmark does not know (drops them).
    #[arg(long)]
    pub force: bool,
}

/// A document and its set: the arguments of the listing subcommands.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The document.
    pub document: PathBuf,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// A subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Annotate a span of a document; prints the new annotation's id.
    Annotate(annotate::AnnotateArgs),
    /// List a document's annotations (re-anchored against the current text).
    List(list::ListArgs),
    /// Re-anchor annotations; exit 0 if all are exact or moved, 1 if any is fuzzy or orphaned.
    Check(check::CheckArgs),
    /// Manage evidence.
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// Link a quote or claim to the attribution that says who said it ("said by").
    Link(link::LinkArgs),
    /// Manage tags.
    #[command(subcommand)]
    Tag(tag::TagCommand),
    /// Export the set: w3c, claimreview, brat, csv, html or md.
    Export(export::ExportArgs),
    /// Import W3C Web Annotations (also Hypothesis-style exports) into the set.
    Import(import::ImportArgs),
    /// Set publishing details used by ClaimReview and reports.
    Review(review::ReviewArgs),
    /// Merge sets: three-way with --base (exit 0 clean, 1 conflicts kept in OUT), else a
    /// union of two or more sets.
    Merge(merge::MergeArgs),
    /// git's merge driver for sets: `factmark merge-driver %O %A %B %P` (see git-setup).
    #[command(name = "merge-driver")]
    MergeDriver(merge::MergeDriverArgs),
    /// Make git merge `*.factmark.ron` with factmark: writes .gitattributes, prints (or with
    /// --write sets) the git config lines.
    #[command(name = "git-setup")]
    GitSetup(git_setup::GitSetupArgs),
    /// List the conflicts a merge left in a document's set; exit 1 while any are left.
    Conflicts(conflicts::ConflictsArgs),
    /// Settle a conflict with our value, theirs, or a new one.
    Resolve(conflicts::ResolveArgs),
    /// Fetch a web page (http/https) into a folder with a set for it; prints its path.
    Fetch(fetch::FetchArgs),
    /// Every document under a folder with its progress, and claims quoted in several.
    Desk(desk::DeskArgs),
    /// Print a document's canonical text (extracted for HTML, PDF and DOCX): the text
    /// offsets count in.
    Text(text::TextArgs),
    /// Move a claim through review (open, researching, needs-review, approved, disputed)
    /// and assign it; refuses self-approval and disallowed moves (exit 2). With neither
    /// --state nor --assign, shows the claim's state.
    Claim(claim::ClaimArgs),
    /// Comment on an annotation (prints the comment's id), or resolve or reopen a comment.
    Comment(claim::CommentArgs),
    /// Agreement between reviewers' sets of one document: per tag precision, recall and F1
    /// of B against A (exact and overlapping spans), Cohen's kappa, Krippendorff's alpha.
    Agree(agree::AgreeArgs),
}

/// Run a subcommand; `Ok(code)` is the process exit code.
pub fn run(command: Command) -> anyhow::Result<i32> {
    match command {
        Command::Annotate(args) => annotate::run(&args),
        Command::List(args) => list::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Evidence(cmd) => evidence::run(cmd),
        Command::Link(args) => link::run(&args),
        Command::Tag(cmd) => tag::run(cmd),
        Command::Export(args) => export::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Review(args) => review::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::MergeDriver(args) => merge::run_driver(&args),
        Command::GitSetup(args) => git_setup::run(&args),
        Command::Conflicts(args) => conflicts::run(&args),
        Command::Resolve(args) => conflicts::run_resolve(&args),
        Command::Text(args) => text::run(&args),
        Command::Desk(args) => desk::run(&args),
        Command::Fetch(args) => fetch::run(&args),
        Command::Agree(args) => agree::run(&args),
        Command::Claim(args) => claim::run_claim(&args),
        Command::Comment(args) => claim::run_comment(&args),
    }
}

pub use crate::model::text::excerpt;

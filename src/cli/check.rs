//! `factmark check`.

use std::path::PathBuf;

use clap::Args;

use crate::cli::output::outln;
use crate::cli::{SetArg, Workspace, excerpt};
use crate::model::AnchorStatus;
use crate::model::anchor::accept_document;
use crate::store::RealFs;
use crate::store::snapshot::{SnapshotState, check_snapshot};

/// Arguments of `factmark check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The document.
    pub document: PathBuf,
    /// Save the re-anchored positions (orphans are kept).
    #[arg(long)]
    pub write: bool,
    /// Accept this document for a set whose annotations mostly could not be found (it kept
    /// its old document fingerprint), and save.
    #[arg(long)]
    pub accept_document: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark check`: exit 0 if all annotations are exact or moved, 1 if any is fuzzy or
/// orphaned.
pub fn run(args: &CheckArgs) -> anyhow::Result<i32> {
    let mut workspace = Workspace::open(&args.document, &args.set, false)?;
    let s = workspace.summary;
    outln!("{} annotations: {s}", workspace.set.annotations.len());
    let mut annotations: Vec<_> = workspace.set.annotations.iter().collect();
    annotations.sort_by_key(|a| (a.position, a.id));
    for a in annotations {
        if a.status == AnchorStatus::Exact {
            continue;
        }
        let old = workspace
            .stored_positions
            .get(&a.id)
            .copied()
            .unwrap_or(a.position);
        let status = match a.status {
            AnchorStatus::Fuzzy { score } => format!("fuzzy({score:.2})"),
            other => other.name().to_owned(),
        };
        let place = if a.status == AnchorStatus::Orphaned {
            format!("was {}..{}", old.char_start, old.char_end)
        } else {
            format!(
                "{}..{} -> {}..{}",
                old.char_start, old.char_end, a.position.char_start, a.position.char_end
            )
        };
        outln!(
            "{status:<12} {}  {:<12} {place}  {}",
            a.id,
            a.tag,
            excerpt(&a.quote.exact, 60)
        );
    }
    warn_snapshots(&workspace);
    let code = i32::from(s.fuzzy + s.orphaned > 0);
    if args.accept_document {
        accept_document(&mut workspace.set, &workspace.doc);
    }
    if args.write || args.accept_document {
        let saved = workspace.save()?;
        if saved.unchanged {
            outln!(
                "unchanged: {} already holds these positions (nothing written)",
                workspace.set_path.display()
            );
        } else {
            outln!("saved {}", workspace.set_path.display());
        }
        return Ok(saved.exit_code(code));
    }
    Ok(code)
}

/// Say on stderr which kept copies of web pages are missing or changed (a warning: the
/// evidence and its live link still stand, so the exit code does not change).
#[allow(
    clippy::print_stderr,
    reason = "warnings beside the answer, where the user sees them"
)]
fn warn_snapshots(workspace: &Workspace) {
    let doc_dir = workspace.doc_dir();
    let max = crate::store::fetch::FetchLimits::default().max_bytes;
    for evidence in &workspace.set.evidence {
        let Some(snapshot) = &evidence.snapshot else {
            continue;
        };
        let state = check_snapshot(&RealFs, &doc_dir, snapshot, max);
        if matches!(state, SnapshotState::Unsafe(_)) {
            // Loading the set already said why; say it once.
            continue;
        }
        if let Some(warning) = state.warning(snapshot) {
            eprintln!("factmark: warning: evidence {}: {warning}", evidence.id);
        }
    }
}

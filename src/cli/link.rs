//! `factmark link`: say who said a quote or claim (a "said by" link to an attribution).

use std::path::PathBuf;

use anyhow::bail;
use clap::Args;

use crate::cli::output::outln;
use crate::cli::{SetArg, Workspace};
use crate::model::{Edit, Link, TAG_ATTRIBUTION};

/// Arguments of `factmark link`.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The document.
    pub document: PathBuf,
    /// The quote or claim (id or unique prefix).
    #[arg(long, value_name = "ANNOTATION_ID")]
    pub from: String,
    /// The attribution span naming who said it (id or unique prefix).
    #[arg(long, value_name = "ANNOTATION_ID")]
    pub to: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark link`.
pub fn run(args: &LinkArgs) -> anyhow::Result<i32> {
    let mut workspace = Workspace::open(&args.document, &args.set, false)?;
    let from = workspace.annotation_id(&args.from)?;
    let to = workspace.annotation_id(&args.to)?;
    let target = workspace
        .set
        .annotation(to)
        .map(|a| a.tag.clone())
        .unwrap_or_default();
    if target != TAG_ATTRIBUTION {
        bail!("--to must be an attribution span, but {to} is tagged {target:?}");
    }
    if from == to {
        bail!("--from and --to are the same annotation");
    }
    let mut edits = Vec::new();
    if let Some(old) = workspace.set.said_by(from) {
        edits.push(Edit::RemoveLink(Link::SaidBy {
            annotation: from,
            attribution: old.id,
        }));
    }
    edits.push(Edit::AddLink(Link::SaidBy {
        annotation: from,
        attribution: to,
    }));
    workspace.apply(Edit::Batch(edits))?;
    let saved = workspace.save()?;
    outln!("{from} said by {to}");
    Ok(saved.exit_code(0))
}

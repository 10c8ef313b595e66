//! `factmark import`: W3C Web Annotations into the set, as one batch of edits.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;

use crate::cli::{SetArg, Workspace};
use crate::export::{Format, import_plan, import_w3c};
use crate::model::Edit;
use crate::store::{self, RealFs};

/// Arguments of `factmark import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The document the annotations belong to.
    pub document: PathBuf,
    /// Only w3c (W3C Web Annotation JSON-LD, including Hypothesis-style exports).
    #[arg(long, default_value = "w3c")]
    pub format: String,
    /// The file to import.
    pub file: PathBuf,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark import`.
#[allow(
    clippy::print_stdout,
    reason = "the import summary is the command's answer"
)]
pub fn run(args: &ImportArgs) -> anyhow::Result<i32> {
    let format: Format = args.format.parse()?;
    if format != Format::W3c {
        bail!("import reads only w3c (W3C Web Annotation JSON-LD), not {format}");
    }
    let json = store::read_import_text(&RealFs, &args.file)?;
    let mut workspace = Workspace::open(&args.document, &args.set, true)?;
    // Import into a copy, then carry the difference over as one batch of edits, so the
    // change goes through `apply` like every other.
    let mut imported = workspace.set.clone();
    let summary = import_w3c(
        &json,
        &workspace.doc,
        &mut imported,
        crate::cli::workspace::now(),
    )
    .with_context(|| format!("could not import {}", args.file.display()))?;
    let plan = import_plan::plan(&workspace.set, &imported);
    workspace.apply(Edit::Batch(plan.edits))?;
    let saved = workspace.save()?;
    println!(
        "imported {} annotation(s), {} evidence, {} link(s); anchoring: {}",
        summary.imported, summary.evidence_added, summary.links_added, summary.anchors
    );
    for skipped in &summary.skipped {
        println!("skipped: {skipped:?}");
    }
    for dropped in &summary.links_dropped {
        println!("link not kept: {dropped}");
    }
    for left_out in &plan.left_out {
        println!("not imported: {left_out}");
    }
    Ok(saved.exit_code(0))
}

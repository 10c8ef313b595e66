//! `factmark import`: W3C Web Annotations merged into the set by id.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;

use crate::cli::output::outln;
use crate::cli::workspace::conflicts_kept;
use crate::cli::{SetArg, Workspace};
use crate::export::{Format, import_plan};
use crate::model::defaults::reviewer_name;
use crate::model::merge::Side;
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

/// Run `factmark import`: the file is merged into the set by id (see
/// [`import_plan::merge_import`]); exit 1 when it differs from annotations already in the
/// set (the differences are kept as conflicts and named on stderr).
#[allow(clippy::print_stderr, reason = "conflicts are named beside the answer")]
pub fn run(args: &ImportArgs) -> anyhow::Result<i32> {
    let format: Format = args.format.parse()?;
    if format != Format::W3c {
        bail!("import reads only w3c (W3C Web Annotation JSON-LD), not {format}");
    }
    let json = store::read_import_text(&RealFs, &args.file)?;
    let mut workspace = Workspace::open(&args.document, &args.set, true)?;
    let who = reviewer_name(None, |name| std::env::var(name).ok());
    let from = format!("{} (imported)", store::paths::file_name(&args.file));
    let (summary, merged) = import_plan::import_w3c_merging(
        &json,
        &workspace.doc,
        Side {
            set: &workspace.set,
            by: &who,
        },
        &from,
        crate::cli::workspace::now(),
    )
    .with_context(|| format!("could not import {}", args.file.display()))?;
    workspace.set = merged.set;
    // The one validation door: what the import brought is checked like a loaded set.
    crate::cli::workspace::report_findings(
        &workspace.set_path,
        &crate::model::validate::validate(&workspace.set, workspace.doc.char_len()),
    );
    let saved = workspace.save()?;
    outln!(
        "imported {} annotation(s): {} new, {} updated, {} unchanged; {} new evidence, {} new \
         link(s); anchoring: {}",
        summary.imported,
        merged.added,
        merged.updated,
        merged.unchanged,
        merged.evidence_added,
        merged.links_added,
        summary.anchors
    );
    if summary.anchors.orphaned > 0 {
        outln!(
            "{} orphaned annotation(s) in the set, kept with their quotes (their text is not in the \
             document); see `factmark check {}`",
            summary.anchors.orphaned,
            args.document.display()
        );
    }
    for skipped in &summary.skipped {
        outln!("skipped {skipped}");
    }
    for refused in &summary.evidence_refused {
        outln!("refused evidence {refused}");
    }
    for dropped in &summary.snapshots_dropped {
        outln!("dropped the snapshot of evidence {dropped}");
    }
    for dropped in &summary.links_dropped {
        outln!("link not kept: {dropped}");
    }
    for left_out in &merged.left_out {
        outln!("not imported: {left_out}");
    }
    let conflicts = &merged.report.new_conflicts;
    if conflicts.is_empty() {
        return Ok(saved.exit_code(0));
    }
    eprintln!(
        "factmark: {} differs from the set; {}",
        store::paths::file_name(&args.file),
        conflicts_kept(conflicts, &workspace.doc_path)
    );
    Ok(saved.exit_code(1))
}

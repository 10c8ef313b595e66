//! `factmark export`.

use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::Args;

use crate::cli::{SetArg, Workspace};
use crate::export::{ExportContext, Format, export, without_unapproved_claims};
use crate::store::{Fs as _, RealFs};

/// Arguments of `factmark export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The document.
    pub document: PathBuf,
    /// w3c, claimreview, brat, csv, html or md.
    #[arg(long)]
    pub format: String,
    /// Output file [default: standard output]; for brat the base name of OUT.ann and OUT.txt.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Reports (html, md) only: leave out claims not yet approved (for publishing).
    #[arg(long)]
    pub approved_only: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark export`.
pub fn run(args: &ExportArgs) -> anyhow::Result<i32> {
    let format: Format = args.format.parse()?;
    let workspace = Workspace::open(&args.document, &args.set, false)?;
    let name = file_name(&workspace.doc_path);
    if args.approved_only && !matches!(format, Format::Html | Format::Markdown) {
        bail!("--approved-only is for the html and md reports, not {format}");
    }
    let (published, left_out) = if args.approved_only {
        without_unapproved_claims(&workspace.set)
    } else {
        (workspace.set.clone(), 0)
    };
    let mut ctx = ExportContext::new(
        &published,
        &workspace.doc,
        &name,
        crate::cli::workspace::now(),
    );
    ctx.left_out_unapproved = left_out;
    let files = export(&ctx, format)?;
    if format == Format::Brat {
        note_orphans_left_out(&workspace);
    }
    let Some(out) = &args.output else {
        let [one] = files.as_slice() else {
            bail!(
                "{format} writes {} files; give a base name with -o OUT (writes OUT.ann and OUT.txt)",
                files.len()
            );
        };
        crate::cli::output::write_bytes(&one.bytes)?;
        return Ok(0);
    };
    let targets: Vec<PathBuf> = match files.as_slice() {
        [_] => vec![out.clone()],
        many => many
            .iter()
            .map(|file| sibling_with_extension(out, file.extension))
            .collect(),
    };
    for target in &targets {
        refuse_own_files(target, &workspace)?;
    }
    for (target, file) in targets.iter().zip(&files) {
        write_output(target, &file.bytes)?;
    }
    Ok(0)
}

/// brat standoff needs a place in the text: say on stderr how many orphans it left out.
#[allow(
    clippy::print_stderr,
    reason = "a note beside the export, where the user sees it; never silent"
)]
fn note_orphans_left_out(workspace: &Workspace) {
    let orphans = workspace
        .set
        .annotations
        .iter()
        .filter(|a| a.status == crate::model::AnchorStatus::Orphaned)
        .count();
    if orphans > 0 {
        eprintln!(
            "factmark: the brat export leaves out {orphans} orphaned annotation(s) (and their \
             links): they have no place in the text; see `factmark check {}`",
            workspace.doc_path.display()
        );
    }
}

/// `OUT` with `.ext` appended, after dropping a trailing `.ann` or `.txt` the user typed
/// (`report.ann` → `report.txt`, `x.brat` → `x.brat.txt`).
fn sibling_with_extension(out: &Path, extension: &str) -> PathBuf {
    let base = match out.extension().and_then(|e| e.to_str()) {
        Some("ann" | "txt") => out.with_extension(""),
        _ => out.to_path_buf(),
    };
    let mut name = base.into_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Refuse to write an export over the document or its annotation set.
fn refuse_own_files(target: &Path, workspace: &Workspace) -> anyhow::Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(target, &workspace.doc_path) || same(target, &workspace.set_path) {
        bail!(
            "refusing to write the export to {}: that is the document or its annotation set; choose another -o name",
            target.display()
        );
    }
    Ok(())
}

fn write_output(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    RealFs.write_atomic(path, bytes, false)?;
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

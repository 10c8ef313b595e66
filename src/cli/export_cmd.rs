//! `factmark export`, `factmark import` and `factmark review` (publishing details).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Args;

use crate::cli::{Session, SetArg};
use crate::export::{ExportContext, Format, export, import_plan, import_w3c};
use crate::model::web::web_host;
use crate::model::{Edit, ReviewInfo};
use crate::store::{Fs as _, RealFs};

/// Largest import file read (64 MiB).
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

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
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

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

/// Arguments of `factmark review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The document.
    pub document: PathBuf,
    /// The fact-checking organisation publishing the review.
    #[arg(long)]
    pub organization: Option<String>,
    /// The organisation's web address.
    #[arg(long)]
    pub organization_url: Option<String>,
    /// Where the reviewed document was published.
    #[arg(long)]
    pub document_url: Option<String>,
    /// When the reviewed document was published, YYYY-MM-DD.
    #[arg(long)]
    pub document_published: Option<chrono::NaiveDate>,
    /// Where the review itself is published.
    #[arg(long)]
    pub review_url: Option<String>,
    /// A title for the review.
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark export`.
pub fn run_export(args: &ExportArgs) -> anyhow::Result<i32> {
    let format: Format = args.format.parse()?;
    let session = Session::open(&args.document, &args.set, false)?;
    let name = file_name(&session.doc_path);
    let ctx = ExportContext::new(
        &session.set,
        &session.doc,
        &name,
        crate::cli::session::now(),
    );
    let files = export(&ctx, format)?;
    let Some(out) = &args.output else {
        let [one] = files.as_slice() else {
            bail!(
                "{format} writes {} files; give a base name with -o OUT (writes OUT.ann and OUT.txt)",
                files.len()
            );
        };
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&one.bytes)
            .and_then(|()| stdout.flush())
            .context("could not write to standard output")?;
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
        refuse_own_files(target, &session)?;
    }
    for (target, file) in targets.iter().zip(&files) {
        write_output(target, &file.bytes)?;
    }
    Ok(0)
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
fn refuse_own_files(target: &Path, session: &Session) -> anyhow::Result<()> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(target, &session.doc_path) || same(target, &session.set_path) {
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

/// Run `factmark import`.
#[allow(
    clippy::print_stdout,
    reason = "the import summary is the command's answer"
)]
pub fn run_import(args: &ImportArgs) -> anyhow::Result<i32> {
    let format: Format = args.format.parse()?;
    if format != Format::W3c {
        bail!("import reads only w3c (W3C Web Annotation JSON-LD), not {format}");
    }
    let bytes = RealFs.read(&args.file, MAX_IMPORT_BYTES)?;
    let json = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 (invalid byte at {}); W3C annotations are JSON in UTF-8",
            args.file.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let mut session = Session::open(&args.document, &args.set, true)?;
    // Import into a copy, then carry the difference over as one batch of edits, so the
    // change goes through `apply` like every other.
    let mut imported = session.set.clone();
    let summary = import_w3c(
        &json,
        &session.doc,
        &mut imported,
        crate::cli::session::now(),
    )
    .with_context(|| format!("could not import {}", args.file.display()))?;
    let plan = import_plan::plan(&session.set, &imported);
    session.apply(Edit::Batch(plan.edits))?;
    session.save()?;
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
    Ok(0)
}

/// Run `factmark review`.
#[allow(clippy::print_stdout, reason = "shows the details now in force")]
pub fn run_review(args: &ReviewArgs) -> anyhow::Result<i32> {
    let mut session = Session::open(&args.document, &args.set, true)?;
    for (flag, url) in [
        ("--organization-url", &args.organization_url),
        ("--document-url", &args.document_url),
        ("--review-url", &args.review_url),
    ] {
        if let Some(url) = url
            && !url.is_empty()
        {
            web_host(url).with_context(|| format!("{flag} {url:?} refused"))?;
        }
    }
    let old = session.set.review.clone();
    let review = ReviewInfo {
        organization: args.organization.clone().unwrap_or(old.organization),
        organization_url: args
            .organization_url
            .clone()
            .unwrap_or(old.organization_url),
        document_url: args.document_url.clone().unwrap_or(old.document_url),
        document_published: args
            .document_published
            .map(|d| d.to_string())
            .unwrap_or(old.document_published),
        review_url: args.review_url.clone().unwrap_or(old.review_url),
    };
    let mut edits = vec![Edit::SetReview(review.clone())];
    if let Some(title) = &args.title {
        edits.push(Edit::SetTitle(title.clone()));
    }
    session.apply(Edit::Batch(edits))?;
    session.save()?;
    println!("title: {}", session.set.title);
    println!("organization: {}", review.organization);
    println!("organization url: {}", review.organization_url);
    println!("document url: {}", review.document_url);
    println!("document published: {}", review.document_published);
    println!("review url: {}", review.review_url);
    Ok(0)
}

//! `factmark evidence …`: add and list evidence.

use std::path::PathBuf;

use anyhow::{Context as _, anyhow, bail};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::output::outln;
use crate::cli::workspace::SaveOutcome;
use crate::cli::{SetArg, Workspace, excerpt};
use crate::model::{Edit, Evidence, EvidenceId, EvidenceKind, Link, Stance};
use crate::store::RealFs;
use crate::store::fetch::FetchLimits;
use crate::store::snapshot::{
    SnapshotState, check_snapshot, discard_snapshot, short_hash, take_snapshot,
};

/// `factmark evidence …`.
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Add evidence (a web page, a local file or a citation); prints its id.
    Add(EvidenceAddArgs),
    /// List the evidence of a document's set, with each snapshot and whether its copy is
    /// still there unchanged.
    List(EvidenceListArgs),
    /// Keep a copy of web page evidence already in the set (it has none yet); prints the
    /// copy's path. A kept copy is never replaced: add the page again for a newer one.
    Snapshot(EvidenceSnapshotArgs),
}

/// Arguments of `factmark evidence snapshot`.
#[derive(Debug, Args)]
pub struct EvidenceSnapshotArgs {
    /// The document.
    pub document: PathBuf,
    /// The evidence (id or unique prefix), a web page.
    pub evidence: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Arguments of `factmark evidence list`.
#[derive(Debug, Args)]
pub struct EvidenceListArgs {
    /// The document.
    pub document: PathBuf,
    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// One evidence item as `evidence list --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListedEvidence<'a> {
    /// Evidence id.
    pub id: String,
    /// url, file or citation.
    pub kind: &'static str,
    /// The address, path or citation text.
    pub source: &'a str,
    /// Title.
    pub title: &'a str,
    /// Date accessed, if known.
    pub accessed: Option<String>,
    /// The kept copy of a web page, or null.
    pub snapshot: Option<ListedSnapshot<'a>>,
}

/// A snapshot as `evidence list --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListedSnapshot<'a> {
    /// The copy, relative to the document's folder.
    pub path: &'a str,
    /// SHA-256 recorded when it was fetched.
    pub sha256: &'a str,
    /// When it was fetched (UTC, RFC 3339).
    pub retrieved: String,
    /// The address after redirects.
    pub final_url: &'a str,
    /// The server's content type, if any.
    pub content_type: Option<&'a str>,
    /// kept, missing, changed, unsafe or unreadable.
    pub state: &'static str,
    /// What is wrong, when not kept.
    pub warning: Option<String>,
}

/// Arguments of `factmark evidence add`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["url", "file", "citation"])))]
pub struct EvidenceAddArgs {
    /// The document.
    pub document: PathBuf,
    /// A web page (http or https only).
    #[arg(long)]
    pub url: Option<String>,
    /// An archived copy of the web page.
    #[arg(long, requires = "url")]
    pub archived_url: Option<String>,
    /// Fetch the web page now and keep a copy beside the document (in
    /// DOC.factmark.evidence/), with its SHA-256 and retrieval time in the evidence.
    #[arg(long)]
    pub snapshot: bool,
    /// A local file inside the document's folder.
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// A free-text citation.
    #[arg(long)]
    pub citation: Option<String>,
    /// Short title [default: the web page's host, the file path or the citation's start].
    #[arg(long, default_value = "")]
    pub title: String,
    /// A note.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Date accessed, YYYY-MM-DD [default: today, for web pages].
    #[arg(long)]
    pub accessed: Option<chrono::NaiveDate>,
    /// Link the evidence to this annotation (id or unique prefix).
    #[arg(long, value_name = "ANNOTATION_ID")]
    pub link: Option<String>,
    /// How the evidence bears on the linked annotation: supports, refutes or context.
    #[arg(long, requires = "link", default_value = "supports")]
    pub stance: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark evidence …`.
pub fn run(command: EvidenceCommand) -> anyhow::Result<i32> {
    match command {
        EvidenceCommand::Add(args) => {
            let (id, saved) = add(&args)?;
            outln!("{id}");
            return Ok(saved.exit_code(0));
        }
        EvidenceCommand::List(args) => list(&args)?,
        EvidenceCommand::Snapshot(args) => {
            let (path, saved) = snapshot_existing(&args)?;
            outln!("{path}");
            return Ok(saved.exit_code(0));
        }
    }
    Ok(0)
}

fn list(args: &EvidenceListArgs) -> anyhow::Result<()> {
    let workspace = Workspace::open(&args.document, &args.set, false)?;
    let doc_dir = workspace.doc_dir();
    let max = crate::store::fetch::FetchLimits::default().max_bytes;
    let mut listed = Vec::with_capacity(workspace.set.evidence.len());
    for e in &workspace.set.evidence {
        let (kind, source) = match &e.kind {
            EvidenceKind::Url { url, .. } => ("url", url.as_str()),
            EvidenceKind::File { path } => ("file", path.as_str()),
            EvidenceKind::Citation { text } => ("citation", text.as_str()),
        };
        let snapshot = e.snapshot.as_ref().map(|snapshot| {
            let state = check_snapshot(&RealFs, &doc_dir, snapshot, max);
            ListedSnapshot {
                path: &snapshot.path,
                sha256: &snapshot.sha256,
                retrieved: snapshot
                    .retrieved
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                final_url: &snapshot.final_url,
                content_type: snapshot.content_type.as_deref(),
                state: state_name(&state),
                warning: state.warning(snapshot),
            }
        });
        listed.push(ListedEvidence {
            id: e.id.to_string(),
            kind,
            source,
            title: &e.title,
            accessed: e.accessed.map(|d| d.to_string()),
            snapshot,
        });
    }
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&listed)?);
        return Ok(());
    }
    for e in &listed {
        let what = match e.kind {
            "url" => format!("url  {}", e.source),
            "file" => format!("file {}", e.source),
            _ => format!("cite {}", excerpt(e.source, 60)),
        };
        outln!("{}  {what}  {}", e.id, excerpt(e.title, 40));
        if let Some(snapshot) = &e.snapshot {
            outln!(
                "    snapshot {} (retrieved {}, {}, sha256 {})",
                snapshot.path,
                snapshot.retrieved,
                snapshot.state,
                short_hash(snapshot.sha256)
            );
        }
    }
    Ok(())
}

/// The word `evidence list` and `check` use for a snapshot's state.
pub fn state_name(state: &SnapshotState) -> &'static str {
    match state {
        SnapshotState::Kept => "kept",
        SnapshotState::Missing => "missing",
        SnapshotState::Changed(_) => "changed",
        SnapshotState::Unsafe(_) => "unsafe",
        SnapshotState::Unreadable(_) => "unreadable",
    }
}

fn add(args: &EvidenceAddArgs) -> anyhow::Result<(EvidenceId, SaveOutcome)> {
    if args.snapshot && args.url.is_none() {
        bail!(
            "--snapshot keeps a copy of a web page: give the page with --url (nothing was added)"
        );
    }
    let mut workspace = Workspace::open(&args.document, &args.set, true)?;
    let now = crate::cli::workspace::now();
    let kind = if let Some(url) = &args.url {
        EvidenceKind::Url {
            url: url.clone(),
            archived_url: args.archived_url.clone(),
        }
    } else if let Some(file) = &args.file {
        let path = crate::store::relative_to(&workspace.doc_dir(), file)?;
        EvidenceKind::File { path }
    } else if let Some(text) = &args.citation {
        EvidenceKind::Citation { text: text.clone() }
    } else {
        bail!("give the evidence with --url, --file or --citation");
    };
    let mut evidence = Evidence::new(kind, &args.title, args.accessed, &args.note, now)
        .context("evidence not added")?;
    let stance = Stance::parse(&args.stance).with_context(|| {
        format!(
            "unknown --stance {:?}; use supports, refutes or context",
            args.stance
        )
    })?;
    let annotation = args
        .link
        .as_deref()
        .map(|text| workspace.annotation_id(text))
        .transpose()?;
    let id = evidence.id;
    if args.snapshot
        && let EvidenceKind::Url { url, .. } = &evidence.kind
    {
        let snapshot = take_snapshot(
            &RealFs,
            &workspace.doc_path,
            id,
            url,
            FetchLimits::default(),
            now,
        )
        .map_err(|err| anyhow!("{err}; no snapshot was kept and no evidence was added"))?;
        evidence.snapshot = Some(snapshot);
    }
    let snapshot = evidence.snapshot.clone();
    let mut edits = vec![Edit::AddEvidence(evidence)];
    if let Some(annotation) = annotation {
        edits.push(Edit::AddLink(Link::Evidence {
            annotation,
            evidence: id,
            stance,
        }));
    }
    let saved = workspace
        .apply(Edit::Batch(edits))
        .and_then(|()| workspace.save());
    if saved.is_err()
        && let Some(snapshot) = &snapshot
    {
        // The evidence was not saved: its new copy would be an orphan.
        discard_snapshot(&RealFs, &workspace.doc_dir(), snapshot);
    }
    Ok((id, saved?))
}

/// Keep a copy of evidence already in the set: fetch, write the copy, record it, save; if
/// the save fails the new copy is removed again.
fn snapshot_existing(args: &EvidenceSnapshotArgs) -> anyhow::Result<(String, SaveOutcome)> {
    let mut workspace = Workspace::open(&args.document, &args.set, true)?;
    let id = workspace.evidence_id(&args.evidence)?;
    let Some(mut evidence) = workspace.set.evidence_item(id).cloned() else {
        bail!("no evidence {id} in the set; see `factmark evidence list`");
    };
    if let Some(kept) = &evidence.snapshot {
        bail!(
            "evidence {id} already has a copy, {} (retrieved {}); a kept copy is never replaced: \
             to keep a newer one, add the page again with `evidence add --url … --snapshot`",
            crate::model::invisible::visible(&kept.path),
            kept.retrieved.format("%Y-%m-%d %H:%M UTC")
        );
    }
    let EvidenceKind::Url { url, .. } = &evidence.kind else {
        bail!("evidence {id} is not a web page; only a web page can be kept as a snapshot");
    };
    let snapshot = take_snapshot(
        &RealFs,
        &workspace.doc_path,
        id,
        url,
        FetchLimits::default(),
        crate::cli::workspace::now(),
    )
    .map_err(|err| anyhow!("{err}; no snapshot was kept and the set is unchanged"))?;
    let path = snapshot.path.clone();
    evidence.snapshot = Some(snapshot.clone());
    let saved = workspace
        .apply(Edit::UpdateEvidence(evidence))
        .and_then(|()| workspace.save());
    if saved.is_err() {
        discard_snapshot(&RealFs, &workspace.doc_dir(), &snapshot);
    }
    Ok((path, saved?))
}

//! `factmark evidence …`: add and list evidence.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};

use crate::cli::output::outln;
use crate::cli::workspace::SaveOutcome;
use crate::cli::{DocumentArgs, SetArg, Workspace, excerpt};
use crate::model::{Edit, Evidence, EvidenceId, EvidenceKind, Link, Stance};

/// `factmark evidence …`.
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Add evidence (a web page, a local file or a citation); prints its id.
    Add(EvidenceAddArgs),
    /// List the evidence of a document's set.
    List(DocumentArgs),
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
        EvidenceCommand::List(DocumentArgs { document, set }) => {
            let workspace = Workspace::open(&document, &set, false)?;
            for e in &workspace.set.evidence {
                let what = match &e.kind {
                    EvidenceKind::Url { url, .. } => format!("url  {url}"),
                    EvidenceKind::File { path } => format!("file {path}"),
                    EvidenceKind::Citation { text } => format!("cite {}", excerpt(text, 60)),
                };
                outln!("{}  {what}  {}", e.id, excerpt(&e.title, 40));
            }
        }
    }
    Ok(0)
}

fn add(args: &EvidenceAddArgs) -> anyhow::Result<(EvidenceId, SaveOutcome)> {
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
    let evidence = Evidence::new(kind, &args.title, args.accessed, &args.note, now)
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
    let mut edits = vec![Edit::AddEvidence(evidence)];
    if let Some(annotation) = annotation {
        edits.push(Edit::AddLink(Link::Evidence {
            annotation,
            evidence: id,
            stance,
        }));
    }
    workspace.apply(Edit::Batch(edits))?;
    let saved = workspace.save()?;
    Ok((id, saved))
}

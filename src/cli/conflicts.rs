//! `factmark conflicts` (what a merge left to settle) and `factmark resolve` (settle one).

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use crate::cli::output::outln;
use crate::cli::{DocumentArgs, SetArg, Workspace, excerpt};
use crate::model::AnnotationSet;
use crate::model::merge::{Conflict, ConflictItem};
use crate::model::resolve::{Resolution, resolve};

/// Arguments of `factmark conflicts`.
#[derive(Debug, Args)]
pub struct ConflictsArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub document: DocumentArgs,
    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `factmark resolve`.
#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("choice")
        .required(true)
        .args(["ours", "theirs", "value", "drop"])
))]
pub struct ResolveArgs {
    /// The document.
    pub document: std::path::PathBuf,
    /// The conflict's id (see `factmark conflicts`).
    pub conflict: String,
    /// Keep our side's value.
    #[arg(long)]
    pub ours: bool,
    /// Keep their side's value.
    #[arg(long)]
    pub theirs: bool,
    /// Use this value instead (text for notes and titles, a verdict or stance name…).
    #[arg(long, value_name = "TEXT")]
    pub value: Option<String>,
    /// Remove the conflict record and change nothing (for a record that cannot be applied).
    #[arg(long)]
    pub drop: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// One side of a conflict as `conflicts --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListedSide {
    /// The value as a person reads it ("(deleted)" where the side deleted the item).
    pub value: String,
    /// Who changed it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// One conflict as `conflicts --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListedConflict {
    /// Conflict id (for `factmark resolve`).
    pub id: String,
    /// What it is about: "annotation ID", "evidence ID", "link ID -> ID", "tag NAME", "set".
    pub item: String,
    /// The field.
    pub field: &'static str,
    /// Our side.
    pub ours: ListedSide,
    /// Their side.
    pub theirs: ListedSide,
}

/// What a conflict is about, in words.
pub fn item_text(item: &ConflictItem) -> String {
    match item {
        ConflictItem::Annotation(id) => format!("annotation {id}"),
        ConflictItem::Evidence(id) => format!("evidence {id}"),
        ConflictItem::EvidenceLink {
            annotation,
            evidence,
        } => format!("link {annotation} -> {evidence}"),
        ConflictItem::Comment {
            annotation,
            comment,
        } => format!("comment {comment} on annotation {annotation}"),
        ConflictItem::Tag(name) => format!("tag {name}"),
        ConflictItem::Set => "set".to_owned(),
    }
}

/// The ids of the conflicts about an annotation (its fields, or its links).
pub fn conflicts_of(set: &AnnotationSet, id: crate::model::AnnotationId) -> Vec<String> {
    set.conflicts
        .iter()
        .filter(|c| match c.item {
            ConflictItem::Annotation(a)
            | ConflictItem::EvidenceLink { annotation: a, .. }
            | ConflictItem::Comment { annotation: a, .. } => a == id,
            _ => false,
        })
        .map(|c| c.id.clone())
        .collect()
}

fn listed(conflict: &Conflict) -> ListedConflict {
    let side = |s: &crate::model::merge::ConflictSide| ListedSide {
        value: s.shown(),
        by: s.by.clone(),
        at: s.at,
    };
    ListedConflict {
        id: conflict.id.clone(),
        item: item_text(&conflict.item),
        field: conflict.field.name(),
        ours: side(&conflict.ours),
        theirs: side(&conflict.theirs),
    }
}

/// Run `factmark conflicts`: exit 0 when there are none, 1 when some are left.
pub fn run(args: &ConflictsArgs) -> anyhow::Result<i32> {
    let workspace = Workspace::open(&args.document.document, &args.document.set, false)?;
    let conflicts: Vec<ListedConflict> = workspace.set.conflicts.iter().map(listed).collect();
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&conflicts)?);
    } else {
        for c in &conflicts {
            outln!("{}  {}  {}", c.id, c.item, c.field);
            for (name, side) in [("ours", &c.ours), ("theirs", &c.theirs)] {
                outln!(
                    "    {name:<7} {}  (by {}, {})",
                    excerpt(&side.value, 100),
                    excerpt(&side.by, 40),
                    side.at.format("%Y-%m-%d %H:%M UTC")
                );
            }
        }
        if conflicts.is_empty() {
            outln!("no conflicts");
        }
    }
    Ok(i32::from(!conflicts.is_empty()))
}

/// Run `factmark resolve`.
pub fn run_resolve(args: &ResolveArgs) -> anyhow::Result<i32> {
    let mut workspace = Workspace::open(&args.document, &args.set, false)?;
    let resolution = match (&args.value, args.ours, args.drop) {
        (Some(value), _, _) => Resolution::Value(value.clone()),
        (None, true, _) => Resolution::Ours,
        (None, false, true) => Resolution::Drop,
        (None, false, false) => Resolution::Theirs,
    };
    let id = args.conflict.trim().to_ascii_lowercase();
    workspace.set = resolve(&workspace.set, &id, &resolution)?;
    let saved = workspace.save()?;
    outln!(
        "resolved {id}; {} conflict(s) left",
        workspace.set.conflicts.len()
    );
    Ok(saved.exit_code(0))
}

//! `factmark tag`: define custom tags and list a set's tags.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::cli::output::outln;
use crate::cli::{DocumentArgs, SetArg, Workspace};
use crate::model::tag_key::tag_key;
use crate::model::{Color, Edit, TagDef};

/// `factmark tag …`.
#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Define a custom tag in a document's set.
    Add(TagAddArgs),
    /// List the tags of a document's set.
    List(DocumentArgs),
}

/// Arguments of `factmark tag add`.
#[derive(Debug, Args)]
pub struct TagAddArgs {
    /// The document.
    pub document: PathBuf,
    /// Tag name: lowercase letters, digits, '-' and '_'.
    pub name: String,
    /// Highlight colour, #RRGGBB.
    #[arg(long)]
    pub color: String,
    /// Key that applies the tag in the app (one character).
    #[arg(long)]
    pub key: Option<char>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark tag …`.
pub fn run(command: TagCommand) -> anyhow::Result<i32> {
    let mut code = 0;
    match command {
        TagCommand::Add(args) => {
            let color = Color::parse(&args.color)
                .with_context(|| format!("--color {:?} is not of the form #RRGGBB", args.color))?;
            let mut workspace = Workspace::open(&args.document, &args.set, true)?;
            let key = args
                .key
                .map(|key| tag_key(key, &workspace.set.tags))
                .transpose()
                .with_context(|| format!("tag {:?} not added", args.name))?;
            workspace.apply(Edit::AddTag(TagDef {
                name: args.name.clone(),
                color,
                key,
            }))?;
            code = workspace.save()?.exit_code(0);
            outln!("{}", args.name);
        }
        TagCommand::List(DocumentArgs { document, set }) => {
            let workspace = Workspace::open(&document, &set, true)?;
            for tag in &workspace.set.tags {
                let key = tag.key.map(String::from).unwrap_or_default();
                outln!("{}\t{}\t{}", tag.name, tag.color, key);
            }
        }
    }
    Ok(code)
}

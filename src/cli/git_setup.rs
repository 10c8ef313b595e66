//! `factmark git-setup`: make git merge annotation sets with factmark instead of writing
//! conflict markers into them.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command as Process;

use anyhow::{Context as _, bail};
use clap::Args;

/// The `.gitattributes` line that routes sets to the driver.
pub const ATTRIBUTES_LINE: &str = "*.factmark.ron merge=factmark";

/// The git configuration the driver needs: (key, value).
pub const CONFIG: [(&str, &str); 2] = [
    ("merge.factmark.name", "factmark annotation sets"),
    ("merge.factmark.driver", "factmark merge-driver %O %A %B %P"),
];

/// Arguments of `factmark git-setup`.
#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The repository folder [default: the current folder].
    pub dir: Option<PathBuf>,
    /// Also set the two `git config` entries in that repository (otherwise they are
    /// printed for you to run).
    #[arg(long)]
    pub write: bool,
}

/// Run `factmark git-setup`.
#[allow(
    clippy::print_stdout,
    reason = "the git commands are the command's answer"
)]
pub fn run(args: &GitSetupArgs) -> anyhow::Result<i32> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        bail!(
            "{} is not a folder; give the repository folder",
            dir.display()
        );
    }
    let attributes = dir.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => {
            return Err(err).with_context(|| format!("could not read {}", attributes.display()));
        }
    };
    if existing.lines().any(|line| line.trim() == ATTRIBUTES_LINE) {
        println!("{} already routes sets to factmark", attributes.display());
    } else {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&attributes)
            .with_context(|| format!("could not open {}", attributes.display()))?;
        let separator = if existing.is_empty() || existing.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        writeln!(file, "{separator}{ATTRIBUTES_LINE}")
            .with_context(|| format!("could not write {}", attributes.display()))?;
        println!("added `{ATTRIBUTES_LINE}` to {}", attributes.display());
    }
    for (key, value) in CONFIG {
        if args.write {
            let status = Process::new("git")
                .arg("-C")
                .arg(&dir)
                .args(["config", key, value])
                .status()
                .context("could not run git (is it installed and on PATH?)")?;
            if !status.success() {
                bail!(
                    "`git config {key}` failed in {} (is it a git repository?)",
                    dir.display()
                );
            }
            println!("set git config {key}");
        } else {
            println!("git config {key} {value:?}");
        }
    }
    Ok(0)
}

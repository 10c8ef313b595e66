//! `factmark git-setup`: make git merge annotation sets with factmark instead of writing
//! conflict markers into them.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command as Process;

use crate::cli::output::outln;
use anyhow::{Context as _, bail};
use clap::Args;

/// The `.gitattributes` line that routes sets to the driver.
pub const ATTRIBUTES_LINE: &str = "*.factmark.ron merge=factmark";

/// `.gitignore` lines for the files factmark keeps beside a set: the previous version and
/// the lock file.
pub const IGNORE_LINES: [&str; 2] = ["*.factmark.ron.bak", ".*.factmark.ron.lock"];

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
pub fn run(args: &GitSetupArgs) -> anyhow::Result<i32> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !dir.is_dir() {
        bail!(
            "{} is not a folder; give the repository folder",
            dir.display()
        );
    }
    append_missing_line(&dir.join(".gitattributes"), ATTRIBUTES_LINE)?;
    for line in IGNORE_LINES {
        append_missing_line(&dir.join(".gitignore"), line)?;
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
            outln!("set git config {key}");
        } else {
            outln!("git config {key} {value:?}");
        }
    }
    Ok(0)
}

/// Add `line` to the text file at `path` (created if missing) unless it is there already.
fn append_missing_line(path: &std::path::Path, line: &str) -> anyhow::Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => {
            return Err(err).with_context(|| format!("could not read {}", path.display()));
        }
    };
    if existing.lines().any(|l| l.trim() == line) {
        outln!("{} already has `{line}`", path.display());
        return Ok(());
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("could not open {}", path.display()))?;
    let separator = if existing.is_empty() || existing.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    writeln!(file, "{separator}{line}")
        .with_context(|| format!("could not write {}", path.display()))?;
    outln!("added `{line}` to {}", path.display());
    Ok(())
}

//! `factmark merge` (three-way or union of sets) and `factmark merge-driver` (git's merge
//! driver for `*.factmark.ron`).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Args;

use crate::model::AnnotationSet;
use crate::model::merge::{MergeReport, Side, merge, union};
use crate::store::{self, Fs as _, RealFs};

/// Arguments of `factmark merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common base both sets started from; without it, the sets are combined as a
    /// union (same span and tag from two reviewers folded into one).
    #[arg(long, value_name = "BASE")]
    pub base: Option<PathBuf>,
    /// The sets: with --base exactly two (OURS THEIRS), without it two or more.
    #[arg(required = true, num_args = 2.., value_name = "SET")]
    pub sets: Vec<PathBuf>,
    /// Where to write the merged set (may be one of the inputs).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
}

/// Arguments of `factmark merge-driver` (git's `%O %A %B %P`).
#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// %O: the common ancestor's version.
    pub base: PathBuf,
    /// %A: our version; the result is written here.
    pub ours: PathBuf,
    /// %B: their version.
    pub theirs: PathBuf,
    /// %P: the path of the set in the repository (for messages).
    pub path: Option<String>,
}

fn load(path: &Path) -> anyhow::Result<AnnotationSet> {
    Ok(store::load_set(&RealFs, path)?.set)
}

/// A side named after its file.
fn label(path: &Path) -> String {
    store::paths::file_name(path)
}

/// Run `factmark merge`: exit 0 clean, 1 merged with conflicts (written to OUT), 2 error.
#[allow(
    clippy::print_stderr,
    reason = "what the merge found is reported beside the written file"
)]
pub fn run(args: &MergeArgs) -> anyhow::Result<i32> {
    if args.base.is_some() && args.sets.len() != 2 {
        bail!(
            "a three-way merge takes two sets beside --base (OURS THEIRS), not {}",
            args.sets.len()
        );
    }
    let sets: Vec<AnnotationSet> = args
        .sets
        .iter()
        .map(|path| load(path))
        .collect::<anyhow::Result<_>>()?;
    let labels: Vec<String> = args.sets.iter().map(|p| label(p)).collect();
    let (merged, report) = match &args.base {
        Some(base_path) => {
            let [ours, theirs] = sets.as_slice() else {
                bail!(
                    "a three-way merge takes two sets beside --base (OURS THEIRS), not {}",
                    sets.len()
                );
            };
            let base = load(base_path)?;
            merge(&base, side(ours, &labels, 0), side(theirs, &labels, 1))
        }
        None => {
            let Some((first, rest)) = sets.split_first() else {
                bail!("give at least two sets to merge");
            };
            union_all(first, rest, &labels)
        }
    };
    store::save_set(&RealFs, &args.output, &merged, None, true).with_context(|| {
        format!(
            "the merged set was not written to {}",
            args.output.display()
        )
    })?;
    for (kept, folded) in &report.folded {
        eprintln!("factmark: folded {folded} into {kept} (same span and tag)");
    }
    Ok(report_conflicts(&merged, &report, &args.output))
}

fn side<'a>(set: &'a AnnotationSet, labels: &'a [String], index: usize) -> Side<'a> {
    Side {
        set,
        by: labels.get(index).map_or("", String::as_str),
    }
}

/// Union of two or more sets, left to right.
fn union_all(
    first: &AnnotationSet,
    rest: &[AnnotationSet],
    labels: &[String],
) -> (AnnotationSet, MergeReport) {
    let mut report = MergeReport::default();
    let mut merged = first.clone();
    let mut merged_label = labels.first().cloned().unwrap_or_default();
    for (index, next) in rest.iter().enumerate() {
        let (combined, step) = union(
            Side {
                set: &merged,
                by: &merged_label,
            },
            side(next, labels, index + 1),
        );
        merged = combined;
        report.new_conflicts.extend(step.new_conflicts);
        report.folded.extend(step.folded);
        merged_label = "merged".to_owned();
    }
    (merged, report)
}

#[allow(
    clippy::print_stderr,
    reason = "conflicts are named beside the written file"
)]
fn report_conflicts(merged: &AnnotationSet, report: &MergeReport, written: &Path) -> i32 {
    if merged.conflicts.is_empty() {
        return 0;
    }
    eprintln!(
        "factmark: {} conflict(s) kept in {} ({} new); list them with `factmark conflicts`, settle them with `factmark resolve`",
        merged.conflicts.len(),
        written.display(),
        report.new_conflicts.len()
    );
    1
}

/// Run `factmark merge-driver %O %A %B %P`: the merged set goes to %A, always a loadable
/// set (never conflict markers); exit 0 when clean, 1 when conflicts remain in it.
pub fn run_driver(args: &MergeDriverArgs) -> anyhow::Result<i32> {
    let name = args.path.clone().unwrap_or_else(|| label(&args.ours));
    let base = load(&args.base).with_context(|| format!("merging {name}: the base"))?;
    let ours = load(&args.ours).with_context(|| format!("merging {name}: our version"))?;
    let theirs = load(&args.theirs).with_context(|| format!("merging {name}: their version"))?;
    let (merged, report) = merge(
        &base,
        Side {
            set: &ours,
            by: "ours",
        },
        Side {
            set: &theirs,
            by: "theirs",
        },
    );
    // %A is git's temporary file: replaced atomically, with no .bak and no lock file
    // beside it (they would be left in the work tree).
    let text = store::serialize_set(&merged)?;
    RealFs
        .write_atomic(&args.ours, text.as_bytes(), false)
        .with_context(|| format!("merging {name}: the result was not written"))?;
    Ok(report_conflicts(&merged, &report, Path::new(&name)))
}

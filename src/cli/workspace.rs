//! One command-line run's workspace: a document, its annotation set and where it lives.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{DateTime, SubsecRound as _, Utc};

use crate::cli::SetArg;
use crate::model::defaults::{new_set_title, reviewer_name};
use crate::model::{
    AnchorSummary, AnnotationId, AnnotationSet, Document, Edit, EvidenceId, TextPosition, apply_by,
};
use crate::store::{self, DiskStamp, LoadedSet, RealFs, SetOnDisk};

/// A document, its set (loaded or new) and where the set lives.
pub struct Workspace {
    /// The document's path as given.
    pub doc_path: PathBuf,
    /// The canonical document.
    pub doc: Document,
    /// Where the set is read from and saved to.
    pub set_path: PathBuf,
    /// The set, anchored against `doc`.
    pub set: AnnotationSet,
    /// The set file's state when loaded (None: no file yet).
    pub stamp: Option<DiskStamp>,
    /// How anchoring went.
    pub summary: AnchorSummary,
    /// Each annotation's position as the file had it, before anchoring.
    pub stored_positions: HashMap<AnnotationId, TextPosition>,
    /// Overwrite the set even if it changed on disk since it was read.
    pub force: bool,
    /// The set as read from disk (anchored) with the file's stamp: the base a save merges
    /// from when a teammate saved meanwhile. `None` when there was no file.
    base: Option<LoadedSet>,
    fs: RealFs,
}

/// What a save did that the command's exit code must say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use = "a save that merged with conflicts must exit 1"]
pub struct SaveOutcome {
    /// Conflicts the save's merge with a change on disk found (kept in the saved set).
    pub new_conflicts: usize,
    /// The file already held exactly the set's bytes, so nothing was written (its `.bak`
    /// still holds the version before).
    pub unchanged: bool,
}

impl SaveOutcome {
    /// The command's exit code: `code`, or 1 when the save left new conflicts to resolve.
    pub fn exit_code(self, code: i32) -> i32 {
        if self.new_conflicts > 0 {
            code.max(1)
        } else {
            code
        }
    }
}

/// How a command names the conflicts it kept: "2 conflict(s) kept in the set (ids); see
/// `factmark conflicts DOC`".
pub fn conflicts_kept(ids: &[String], doc_path: &Path) -> String {
    format!(
        "{} conflict(s) kept in the set ({}); see `factmark conflicts {}`",
        ids.len(),
        ids.join(", "),
        doc_path.display()
    )
}

/// Now, in UTC, whole seconds (files keep times to the second).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

/// Say on stderr, one line per item, what the set's validation found (the set is used as
/// it is: nothing is fixed or dropped behind the reviewer's back).
#[allow(
    clippy::print_stderr,
    reason = "warnings about the set go beside the answer, where the user sees them"
)]
pub fn report_findings(set_path: &Path, findings: &[crate::model::validate::Finding]) {
    for finding in findings {
        eprintln!(
            "factmark: warning: {}: {finding}",
            crate::store::paths::file_name(set_path)
        );
    }
}

/// Say on stderr that the set may belong to another document, and how to accept this one.
#[allow(
    clippy::print_stderr,
    reason = "a warning beside the answer, where the user sees it; the command goes on"
)]
fn warn_other_document(summary: &AnchorSummary, doc_path: &Path) {
    eprintln!(
        "factmark: warning: {} If {} is the right document, run `factmark check {} \
         --accept-document`.",
        summary.other_document_warning(),
        doc_path.display(),
        doc_path.display()
    );
}

impl Workspace {
    /// Load the document and its set. With `create`, a missing set starts empty; without,
    /// a missing set is an error.
    pub fn open(doc_path: &Path, set_arg: &SetArg, create: bool) -> anyhow::Result<Self> {
        let fs = RealFs;
        let opened = store::open_document_with_set(
            &fs,
            doc_path,
            set_arg.set.as_deref(),
            store::max_document_bytes()?,
        )?;
        let extraction = opened.extraction;
        if let Some(note) = extraction.as_ref().and_then(|e| e.note()) {
            #[allow(clippy::print_stderr, reason = "a note beside the answer, said once")]
            {
                eprintln!("factmark: {}: {note}", doc_path.display());
            }
        }
        let (doc, set_path) = (opened.doc, opened.set_path);
        let (set, stamp, summary, stored_positions) = match opened.set {
            SetOnDisk::Loaded {
                set,
                stamp,
                summary,
                stored_positions,
                findings,
            } => {
                report_findings(&set_path, &findings);
                (*set, Some(stamp), summary, stored_positions)
            }
            SetOnDisk::Missing if create => {
                let title = new_set_title(&doc, doc_path);
                let source = store::source_path_for(&set_path, doc_path);
                let mut set = AnnotationSet::new(&doc, &source, &title, now());
                if let Some(extraction) = &extraction {
                    extraction.prepare_new_set(&mut set);
                }
                (set, None, AnchorSummary::default(), HashMap::new())
            }
            SetOnDisk::Missing => bail!(
                "no annotation set at {}; create one with `factmark annotate`, or pass --set PATH",
                set_path.display()
            ),
            // The command line writes what it loads: a newer set is refused, not shown.
            SetOnDisk::ReadOnly { reason: err, .. } | SetOnDisk::Failed(err) => {
                return Err(err.into());
            }
        };
        if summary.kept_fingerprint {
            warn_other_document(&summary, doc_path);
        }
        let base = stamp.clone().map(|stamp| LoadedSet {
            set: set.clone(),
            stamp,
        });
        Ok(Self {
            doc_path: doc_path.to_path_buf(),
            doc,
            set_path,
            set,
            base,
            stamp,
            summary,
            stored_positions,
            force: set_arg.force,
            fs,
        })
    }

    /// Apply an edit now, made by the default reviewer (as `annotate` names the author).
    pub fn apply(&mut self, edit: Edit) -> anyhow::Result<()> {
        let by = reviewer_name(None, |name| std::env::var(name).ok());
        self.apply_as(edit, &by)
    }

    /// Apply an edit now, made by `by` (recorded in history, sign-offs and comments).
    pub fn apply_as(&mut self, edit: Edit, by: &str) -> anyhow::Result<()> {
        apply_by(&mut self.set, edit, now(), by)?;
        Ok(())
    }

    /// Save atomically under the set's lock. If a teammate saved the file since it was
    /// read, merge with their version (conflicts are kept in the set and named on stderr);
    /// with `--force`, overwrite it instead.
    #[allow(
        clippy::print_stderr,
        reason = "a merge on save is reported where the user sees it, beside the answer"
    )]
    pub fn save(&mut self) -> anyhow::Result<SaveOutcome> {
        const NOT_SAVED: &str = "the annotation set was not saved";
        if self.force {
            let stamp = store::save_set(&self.fs, &self.set_path, &self.set, None, true)
                .context(NOT_SAVED)?;
            self.remember_saved(stamp)?;
            return Ok(SaveOutcome::default());
        }
        let who = reviewer_name(None, |name| std::env::var(name).ok());
        let saved = store::save_set_merging(
            &self.fs,
            &self.set_path,
            &self.set,
            self.base.as_ref(),
            &who,
        )
        .context(NOT_SAVED)?;
        let mut outcome = SaveOutcome {
            unchanged: saved.unchanged,
            ..SaveOutcome::default()
        };
        if let Some(merged) = saved.merged {
            outcome.new_conflicts = merged.report.new_conflicts.len();
            self.set = merged.set;
            let file = store::paths::file_name(&self.set_path);
            if outcome.new_conflicts == 0 {
                eprintln!(
                    "factmark: {file} changed on disk meanwhile; merged with it, no conflicts"
                );
            } else {
                eprintln!(
                    "factmark: {file} changed on disk meanwhile; merged with it, {}",
                    conflicts_kept(&merged.report.new_conflicts, &self.doc_path)
                );
            }
        }
        self.remember_saved(saved.stamp)?;
        Ok(outcome)
    }

    /// Continue from the set as written (with its new revision) and read it as the base.
    fn remember_saved(&mut self, stamp: DiskStamp) -> anyhow::Result<()> {
        crate::cli::output::note_saved();
        self.set = store::written_set(&self.set, &stamp)?;
        self.base = Some(LoadedSet {
            set: self.set.clone(),
            stamp: stamp.clone(),
        });
        self.stamp = Some(stamp);
        Ok(())
    }

    /// Find an annotation by full id or a unique prefix of it.
    pub fn annotation_id(&self, text: &str) -> anyhow::Result<AnnotationId> {
        let ids: Vec<AnnotationId> = self.set.annotations.iter().map(|a| a.id).collect();
        unique_prefix(text, &ids, "annotation")
    }

    /// Find evidence by full id or a unique prefix of it.
    pub fn evidence_id(&self, text: &str) -> anyhow::Result<EvidenceId> {
        let ids: Vec<EvidenceId> = self.set.evidence.iter().map(|e| e.id).collect();
        unique_prefix(text, &ids, "evidence")
    }

    /// The folder the document is in.
    pub fn doc_dir(&self) -> PathBuf {
        match self.doc_path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

fn unique_prefix<T: Copy + std::fmt::Display>(
    text: &str,
    ids: &[T],
    what: &str,
) -> anyhow::Result<T> {
    let wanted = text.trim().to_ascii_lowercase();
    if wanted.len() < 4 {
        bail!(
            "{what} id {text:?} is too short; give at least 4 characters of the id (see `factmark list`)"
        );
    }
    let matches: Vec<T> = ids
        .iter()
        .copied()
        .filter(|id| id.to_string().starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => bail!("no {what} with id {text:?} in this set (see `factmark list`)"),
        many => bail!(
            "{what} id {text:?} matches {} ids; give more characters",
            many.len()
        ),
    }
}

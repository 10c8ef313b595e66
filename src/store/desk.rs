//! The desk: every supported document under a folder with its progress, and the claims
//! across them (repeated ones grouped, see [`crate::model::repeated`]). The command line's
//! `factmark desk` and the app's desk view both scan here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::model::repeated::repeated_groups;
use crate::model::{AnchorStatus, AnnotationId, Verdict};
use crate::store::fs::Fs;
use crate::store::open::{SetOnDisk, open_document_with_set};

/// Deepest folder nesting the desk walks (symlink loops end here).
const MAX_DEPTH: usize = 32;

/// File extensions the desk lists (text and extracted formats).
const DOCUMENT_EXTENSIONS: [&str; 9] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx",
];

/// One document on the desk.
#[derive(Debug, Clone)]
pub struct DeskDocument {
    /// Where it is.
    pub path: PathBuf,
    /// Its path relative to the desk folder, with `/`.
    pub relative: String,
    /// How many annotations its set holds.
    pub annotations: usize,
    /// Annotations per tag.
    pub by_tag: BTreeMap<String, usize>,
    /// Claims per verdict (`unreviewed` included).
    pub by_verdict: BTreeMap<String, usize>,
    /// Annotations that anchored fuzzy or were orphaned.
    pub needs_review: usize,
    /// When its set last changed, if it has one.
    pub modified: Option<DateTime<Utc>>,
    /// Why the document or its set could not be read (then the counts are zero).
    pub error: Option<String>,
}

/// One annotation on the desk.
#[derive(Debug, Clone)]
pub struct DeskItem {
    /// Index of its document in [`Desk::documents`].
    pub document: usize,
    /// Its id.
    pub id: AnnotationId,
    /// Its tag.
    pub tag: String,
    /// Its verdict (claims only; `Unreviewed` otherwise).
    pub verdict: Verdict,
    /// Is it a claim?
    pub is_claim: bool,
    /// The quoted text.
    pub quote: String,
    /// Where it starts (chars, canonical text).
    pub char_start: usize,
    /// Index of its group in [`Desk::repeated`], if the claim turns up in other documents.
    pub repeated: Option<usize>,
}

/// A folder of documents.
#[derive(Debug, Clone, Default)]
pub struct Desk {
    /// The documents, by relative path.
    pub documents: Vec<DeskDocument>,
    /// Every annotation, document by document in text order.
    pub items: Vec<DeskItem>,
    /// Groups of claims (indices into `items`) quoted in several documents.
    pub repeated: Vec<Vec<usize>>,
}

/// Is `path` a document the desk lists (by name: not our sidecars, texts, backups)?
pub fn is_desk_document(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') || name.contains(".factmark.") {
        return false;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    DOCUMENT_EXTENSIONS.contains(&ext.as_str())
}

/// Every desk document under `dir`, recursively, sorted; hidden folders and our evidence
/// snapshot folders are skipped.
pub fn desk_documents(fs: &dyn Fs, dir: &Path) -> Result<Vec<PathBuf>, crate::store::StoreError> {
    let mut found = Vec::new();
    let mut folders = vec![(dir.to_path_buf(), 0)];
    while let Some((folder, depth)) = folders.pop() {
        for path in fs.list_dir(&folder)? {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let Ok(Some(meta)) = fs.metadata(&path) else {
                continue;
            };
            if meta.is_dir {
                if depth < MAX_DEPTH && !name.starts_with('.') && !name.contains(".factmark.") {
                    folders.push((path, depth + 1));
                }
            } else if is_desk_document(&path) {
                found.push(path);
            } else if let Some(original) = name
                .strip_suffix(crate::store::canonical::TEXT_SUFFIX)
                .map(|original| path.with_file_name(original))
                .filter(|original| is_desk_document(original))
                && matches!(fs.metadata(&original), Ok(None))
                && matches!(
                    fs.metadata(&crate::store::default_sidecar_path(&original)),
                    Ok(Some(_))
                )
            {
                // The original is not here but its saved text and set are (it was not
                // shared): listed by the original's name, which opens from the text.
                found.push(original);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `path` below `dir` as a relative path with `/` separators.
fn relative_slash_path(dir: &Path, path: &Path) -> String {
    let inner = path.strip_prefix(dir).unwrap_or(path);
    inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Scan the desk at `dir`: open each document that has a default set, with it, count, and
/// group the claims that repeat across documents. A document that cannot be read is listed
/// with its error; one without a set is listed with nothing counted, unopened.
pub fn scan_desk(
    fs: &dyn Fs,
    dir: &Path,
    max_document_bytes: u64,
) -> Result<Desk, crate::store::StoreError> {
    let mut desk = Desk::default();
    for path in desk_documents(fs, dir)? {
        let relative = relative_slash_path(dir, &path);
        let mut entry = DeskDocument {
            path: path.clone(),
            relative,
            annotations: 0,
            by_tag: BTreeMap::new(),
            by_verdict: BTreeMap::new(),
            needs_review: 0,
            modified: None,
            error: None,
        };
        let index = desk.documents.len();
        // A document without a set has nothing to count: it is not opened, so a folder of
        // new PDFs is listed without extracting (and writing the text of) every one.
        if matches!(
            fs.metadata(&crate::store::default_sidecar_path(&path)),
            Ok(None)
        ) {
            desk.documents.push(entry);
            continue;
        }
        let set = match open_document_with_set(fs, &path, None, max_document_bytes) {
            Ok(opened) => match opened.set {
                SetOnDisk::Loaded { set, .. } | SetOnDisk::ReadOnly { set, .. } => Some(set),
                SetOnDisk::Missing => None,
                SetOnDisk::Failed(err) => {
                    entry.error = Some(err.to_string());
                    None
                }
            },
            Err(err) => {
                entry.error = Some(err.to_string());
                None
            }
        };
        if let Some(set) = set {
            entry.annotations = set.annotations.len();
            entry.modified = Some(set.modified);
            let mut annotations: Vec<_> = set.annotations.iter().collect();
            annotations.sort_by_key(|a| (a.position, a.id));
            for a in annotations {
                *entry.by_tag.entry(a.tag.clone()).or_default() += 1;
                if a.is_claim() {
                    let verdict = a.rated_verdict().unwrap_or_default();
                    *entry
                        .by_verdict
                        .entry(verdict.name().to_owned())
                        .or_default() += 1;
                }
                if matches!(
                    a.status,
                    AnchorStatus::Fuzzy { .. } | AnchorStatus::Orphaned
                ) {
                    entry.needs_review += 1;
                }
                desk.items.push(DeskItem {
                    document: index,
                    id: a.id,
                    tag: a.tag.clone(),
                    verdict: a.rated_verdict().unwrap_or_default(),
                    is_claim: a.is_claim(),
                    quote: a.quote.exact.clone(),
                    char_start: a.position.char_start,
                    repeated: None,
                });
            }
        }
        desk.documents.push(entry);
    }
    let claims: Vec<usize> = (0..desk.items.len())
        .filter(|&i| desk.items.get(i).is_some_and(|item| item.is_claim))
        .collect();
    let quotes: Vec<(usize, &str)> = claims
        .iter()
        .filter_map(|&i| desk.items.get(i))
        .map(|item| (item.document, item.quote.as_str()))
        .collect();
    let groups = repeated_groups(&quotes);
    desk.repeated = groups
        .into_iter()
        .map(|group| {
            group
                .into_iter()
                .filter_map(|k| claims.get(k).copied())
                .collect()
        })
        .collect();
    for (g, group) in desk.repeated.iter().enumerate() {
        for &i in group {
            if let Some(item) = desk.items.get_mut(i) {
                item.repeated = Some(g);
            }
        }
    }
    Ok(desk)
}

/// Give each target annotation (document, id) `verdict`, saving each document's default
/// set (merging with a change on disk, as every save does). Returns how many changed; the
/// first failure stops the run and names its document (sets saved before it stay saved).
pub fn copy_verdict(
    fs: &dyn Fs,
    targets: &[(PathBuf, AnnotationId)],
    verdict: Verdict,
    who: &str,
    now: DateTime<Utc>,
    max_document_bytes: u64,
) -> Result<usize, crate::store::StoreError> {
    use crate::model::{Edit, apply};
    let mut changed = 0;
    for (doc_path, id) in targets {
        let opened = open_document_with_set(fs, doc_path, None, max_document_bytes)?;
        let (set, stamp) = match opened.set {
            SetOnDisk::Loaded { set, stamp, .. } => (set, stamp),
            SetOnDisk::Failed(err) | SetOnDisk::ReadOnly { reason: err, .. } => return Err(err),
            SetOnDisk::Missing => continue,
        };
        let base = crate::store::LoadedSet {
            set: (*set).clone(),
            stamp,
        };
        let mut set = *set;
        if apply(&mut set, Edit::SetVerdict { id: *id, verdict }, now).is_err() {
            continue;
        }
        crate::store::save_set_merging(fs, &opened.set_path, &set, Some(&base), who)?;
        changed += 1;
    }
    Ok(changed)
}

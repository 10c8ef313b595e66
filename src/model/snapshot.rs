//! Snapshots of cited web pages: where the copy goes, what it is called, and which stored
//! snapshot records are safe to open or link. The one place these rules live; the command
//! line, the app, loading, and every report follow them.
//!
//! ```
//! # use factmark::model::snapshot::{snapshot_extension, snapshot_folder_name};
//! assert_eq!(snapshot_folder_name("article.txt"), "article.txt.factmark.evidence");
//! assert_eq!(snapshot_extension(Some("text/html; charset=utf-8"), "https://x.example/a"), "html");
//! assert_eq!(snapshot_extension(None, "https://x.example/setup.exe"), "bin");
//! ```

use crate::model::evidence::relative_path_problem;
use crate::model::set::{Evidence, EvidenceId, Snapshot};
use crate::model::web::web_host;

/// What a snapshot folder's name ends with: `article.txt.factmark.evidence`.
pub const SNAPSHOT_FOLDER_SUFFIX: &str = ".factmark.evidence";

/// Extensions a copy may get, by content type (main type, lowercase) or by the address's
/// last segment. Anything else is saved as `.bin`: a server never chooses an extension
/// (a `.exe`, a `.desktop`) that a file manager might run.
const KNOWN_TYPES: [(&str, &str); 12] = [
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("application/pdf", "pdf"),
    ("text/plain", "txt"),
    ("application/json", "json"),
    ("text/csv", "csv"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
];

/// Extensions taken from an address when the content type says nothing useful.
const KNOWN_EXTENSIONS: [(&str, &str); 13] = [
    ("html", "html"),
    ("htm", "html"),
    ("pdf", "pdf"),
    ("txt", "txt"),
    ("json", "json"),
    ("csv", "csv"),
    ("xml", "xml"),
    ("png", "png"),
    ("jpg", "jpg"),
    ("jpeg", "jpg"),
    ("gif", "gif"),
    ("webp", "webp"),
    ("docx", "docx"),
];

/// The snapshot folder for a document file name: `article.txt` →
/// `article.txt.factmark.evidence` (beside the document, like its set).
pub fn snapshot_folder_name(document_file_name: &str) -> String {
    format!("{document_file_name}{SNAPSHOT_FOLDER_SUFFIX}")
}

/// Is this a snapshot folder's name (`*.factmark.evidence`)? The desk skips these folders.
pub fn is_snapshot_folder_name(name: &str) -> bool {
    name.len() > SNAPSHOT_FOLDER_SUFFIX.len() && name.ends_with(SNAPSHOT_FOLDER_SUFFIX)
}

/// The extension for a copy: from the content type, else from the address's last path
/// segment, among a fixed list (html, pdf, txt, json, csv, xml, png, jpg, gif, webp,
/// docx); otherwise `bin`.
pub fn snapshot_extension(content_type: Option<&str>, url: &str) -> &'static str {
    let main = content_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if let Some((_, ext)) = KNOWN_TYPES.iter().find(|(t, _)| *t == main) {
        return ext;
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    let last = path
        .split_once('/')
        .map_or("", |(_, p)| p)
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let Some((_, ext)) = last.rsplit_once('.') else {
        return "bin";
    };
    let ext = ext.to_ascii_lowercase();
    KNOWN_EXTENSIONS
        .iter()
        .find(|(e, _)| *e == ext)
        .map_or("bin", |(_, known)| known)
}

/// The copy's path relative to the document's folder:
/// `<document file name>.factmark.evidence/<evidence id>.<ext>`.
pub fn snapshot_path(document_file_name: &str, id: EvidenceId, ext: &str) -> String {
    format!("{}/{id}.{ext}", snapshot_folder_name(document_file_name))
}

/// Why a stored snapshot record is unsafe to open or link (`None`: it is safe). Its path
/// must be a safe relative path ([`relative_path_problem`]) naming a plain file directly
/// inside a snapshot folder in the document's folder (`X.factmark.evidence/FILE`), its
/// SHA-256 64 lowercase hex digits, and its final address a web address. Run on load, on
/// check and before any report links it.
pub fn snapshot_problem(snapshot: &Snapshot) -> Option<String> {
    let path = &snapshot.path;
    if let Some(reason) = relative_path_problem(path) {
        return Some(format!("its snapshot path {path:?} is refused: {reason}"));
    }
    let inside = match path.split_once('/') {
        Some((folder, file)) => {
            is_snapshot_folder_name(folder)
                && !file.is_empty()
                && !file.starts_with('.')
                && !file.contains(['/', '\\'])
        }
        None => false,
    };
    if !inside {
        return Some(format!(
            "its snapshot path {path:?} is not a file directly inside a \
             `*{SNAPSHOT_FOLDER_SUFFIX}` folder beside the document"
        ));
    }
    let sha = &snapshot.sha256;
    if sha.len() != 64
        || !sha
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Some(format!(
            "its snapshot's SHA-256 {sha:?} is not 64 lowercase hex digits"
        ));
    }
    web_host(&snapshot.final_url)
        .err()
        .map(|err| format!("its snapshot's address is refused: {err}"))
}

impl Evidence {
    /// The snapshot, if there is one and it is safe to open or link
    /// ([`snapshot_problem`]); what the app and every report show.
    pub fn safe_snapshot(&self) -> Option<&Snapshot> {
        self.snapshot
            .as_ref()
            .filter(|snapshot| snapshot_problem(snapshot).is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone as _, Utc};

    fn snapshot(path: &str) -> Snapshot {
        Snapshot {
            path: path.to_owned(),
            sha256: "ab".repeat(32),
            retrieved: Utc
                .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
                .single()
                .unwrap_or_default(),
            final_url: "https://records.example/minutes".to_owned(),
            content_type: None,
        }
    }

    #[test]
    fn extensions_table() {
        for (content_type, url, want) in [
            (
                Some("text/html; charset=utf-8"),
                "https://x.example/",
                "html",
            ),
            (Some("Application/PDF"), "https://x.example/a", "pdf"),
            (Some("text/plain"), "https://x.example/a.html", "txt"),
            (None, "https://x.example/report.PDF?v=2", "pdf"),
            (
                Some("application/octet-stream"),
                "https://x.example/a.docx",
                "docx",
            ),
            (None, "https://x.example/setup.exe", "bin"),
            (None, "https://x.example", "bin"),
            (None, "https://x.example.html", "bin"),
            (Some("application/x-sh"), "https://x.example/run.sh", "bin"),
        ] {
            assert_eq!(snapshot_extension(content_type, url), want, "{url}");
        }
    }

    #[test]
    fn paths_table() {
        let id = EvidenceId(uuid::Uuid::nil());
        assert_eq!(
            snapshot_path("a.txt", id, "html"),
            "a.txt.factmark.evidence/00000000-0000-0000-0000-000000000000.html"
        );
        for (path, safe) in [
            ("a.txt.factmark.evidence/1.html", true),
            ("a.txt.factmark.evidence/../../etc/passwd", false),
            ("/tmp/a.txt.factmark.evidence/1.html", false),
            ("C:a.txt.factmark.evidence/1.html", false),
            ("a.txt.factmark.evidence/sub/1.html", false),
            ("a.txt.factmark.evidence\\1.html", false),
            ("a.txt.factmark.evidence/.hidden", false),
            ("a.txt.factmark.evidence/", false),
            ("notes/1.html", false),
            (".factmark.evidence/1.html", false),
            ("1.html", false),
        ] {
            assert_eq!(snapshot_problem(&snapshot(path)).is_none(), safe, "{path}");
        }
    }

    #[test]
    fn hash_and_address_are_checked() {
        let mut bad_hash = snapshot("a.txt.factmark.evidence/1.html");
        bad_hash.sha256 = "AB".repeat(32);
        assert!(snapshot_problem(&bad_hash).is_some_and(|p| p.contains("SHA-256")));
        let mut bad_url = snapshot("a.txt.factmark.evidence/1.html");
        bad_url.final_url = "javascript:alert(1)".to_owned();
        assert!(snapshot_problem(&bad_url).is_some_and(|p| p.contains("address")));
    }
}

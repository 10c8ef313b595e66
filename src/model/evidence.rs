//! New evidence: one constructor, with the same checks and defaults for the command line and
//! the app's evidence form.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::set::{Evidence, EvidenceId, EvidenceKind};
use crate::model::text::excerpt;
use crate::model::web::{UrlError, web_host};

/// Longest default title made from a citation, in chars.
const CITATION_TITLE_CHARS: usize = 40;

/// Why evidence could not be made from what the reviewer gave.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    /// The web address is refused (see [`web_host`]).
    #[error(transparent)]
    Url(#[from] UrlError),
    /// The archived copy's address is refused.
    #[error("the archived copy's address is refused: {0}")]
    ArchivedUrl(UrlError),
    /// A file evidence without a path.
    #[error("no file given; choose a file inside the document's folder first")]
    NoFile,
    /// A citation without text.
    #[error("the citation is empty; write the citation text first")]
    EmptyCitation,
    /// A file path that could leave the document folder.
    #[error(
        "refusing file path {path:?}: {reason}; evidence files must be given relative to the document folder"
    )]
    UnsafePath {
        /// The path as given.
        path: String,
        /// Why it was refused.
        reason: &'static str,
    },
}

/// Why a relative path from a shared file may not name an evidence file (`None`: it may):
/// empty, NUL, absolute, `..`, or `:` (a drive or stream name). The one rule the app, the
/// command line, imports, loading and [`crate::store::resolve_relative`] all follow.
///
/// ```
/// # use factmark::model::evidence::relative_path_problem;
/// assert_eq!(relative_path_problem("scans/p1.pdf"), None);
/// assert!(relative_path_problem("../../etc/passwd").is_some());
/// assert!(relative_path_problem("/etc/shadow").is_some());
/// ```
pub fn relative_path_problem(relative: &str) -> Option<&'static str> {
    if relative.trim().is_empty() {
        return Some("it is empty");
    }
    if relative.contains('\0') {
        return Some("it contains a NUL character");
    }
    if relative.starts_with('/') || relative.starts_with('\\') {
        return Some("it is absolute");
    }
    let parts: Vec<&str> = relative.split(['/', '\\']).collect();
    if parts.contains(&"..") {
        return Some("it contains `..`");
    }
    if parts.iter().any(|part| part.contains(':')) {
        return Some("it contains `:` (a drive or stream name)");
    }
    if parts.iter().all(|part| part.is_empty() || *part == ".") {
        return Some("it names the document folder itself");
    }
    None
}

/// Why stored evidence is unsafe to open or to export as a link (`None`: it is safe): a web
/// address that is not http(s) with a host, the same for its archived copy, or a file path
/// that could leave the document folder. Run at every door: loading, importing, exporting.
pub fn evidence_problem(kind: &EvidenceKind) -> Option<String> {
    match kind {
        EvidenceKind::Url { url, archived_url } => {
            if let Err(err) = web_host(url) {
                return Some(err.to_string());
            }
            let archived = archived_url.as_deref()?;
            web_host(archived)
                .err()
                .map(|err| EvidenceError::ArchivedUrl(err).to_string())
        }
        EvidenceKind::File { path } => relative_path_problem(path).map(|reason| {
            EvidenceError::UnsafePath {
                path: path.clone(),
                reason,
            }
            .to_string()
        }),
        EvidenceKind::Citation { .. } => None,
    }
}

impl Evidence {
    /// New evidence, checked: web addresses must be http or https with a host, a file needs
    /// a path (relative to the document folder, made by the caller), a citation needs text.
    /// Text is trimmed. A blank `title` becomes the host, the file path or the start of the
    /// citation; a web page without `accessed` was accessed `now` (its UTC date).
    ///
    /// ```
    /// # use factmark::model::{Evidence, EvidenceKind};
    /// let kind = EvidenceKind::Url { url: "https://News.example/a".into(), archived_url: None };
    /// let evidence = Evidence::new(kind, " ", None, "", chrono::Utc::now())?;
    /// assert_eq!(evidence.title, "news.example");
    /// assert!(evidence.accessed.is_some());
    /// # Ok::<(), factmark::model::evidence::EvidenceError>(())
    /// ```
    pub fn new(
        kind: EvidenceKind,
        title: &str,
        accessed: Option<NaiveDate>,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, EvidenceError> {
        let (kind, default_title) = checked_kind(kind)?;
        let accessed =
            accessed.or_else(|| matches!(kind, EvidenceKind::Url { .. }).then(|| now.date_naive()));
        let title = match title.trim() {
            "" => default_title,
            title => title.to_owned(),
        };
        Ok(Self {
            id: EvidenceId::random(),
            kind,
            title,
            accessed,
            note: note.trim().to_owned(),
            created: now,
            author: String::new(),
            snapshot: None,
        })
    }
}

/// The kind with its text trimmed, and the title it gives when none is typed.
fn checked_kind(kind: EvidenceKind) -> Result<(EvidenceKind, String), EvidenceError> {
    match kind {
        EvidenceKind::Url { url, archived_url } => {
            let host = web_host(&url)?;
            let archived_url = archived_url
                .map(|archived| {
                    web_host(&archived)
                        .map(|_| archived.trim().to_owned())
                        .map_err(EvidenceError::ArchivedUrl)
                })
                .transpose()?;
            let url = url.trim().to_owned();
            Ok((EvidenceKind::Url { url, archived_url }, host))
        }
        EvidenceKind::File { path } => {
            let path = path.trim().to_owned();
            if path.is_empty() {
                return Err(EvidenceError::NoFile);
            }
            if let Some(reason) = relative_path_problem(&path) {
                return Err(EvidenceError::UnsafePath { path, reason });
            }
            Ok((EvidenceKind::File { path: path.clone() }, path))
        }
        EvidenceKind::Citation { text } => {
            let text = text.trim().to_owned();
            if text.is_empty() {
                return Err(EvidenceError::EmptyCitation);
            }
            let title = excerpt(&text, CITATION_TITLE_CHARS);
            Ok((EvidenceKind::Citation { text }, title))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0)
            .single()
            .expect("valid")
    }

    fn url(url: &str) -> EvidenceKind {
        EvidenceKind::Url {
            url: url.to_owned(),
            archived_url: None,
        }
    }

    #[test]
    fn defaults_table() {
        let march_1 = NaiveDate::from_ymd_opt(2026, 3, 1);
        let jan_5 = NaiveDate::from_ymd_opt(2026, 1, 5);
        for (kind, title, accessed, want_title, want_accessed) in [
            (
                url(" https://News.example/a "),
                "",
                None,
                "news.example",
                march_1,
            ),
            (
                url("https://news.example/a"),
                " Budget ",
                jan_5,
                "Budget",
                jan_5,
            ),
            (
                EvidenceKind::File {
                    path: "minutes.pdf".to_owned(),
                },
                "",
                None,
                "minutes.pdf",
                None,
            ),
            (
                EvidenceKind::Citation {
                    text: " Council minutes, 3 March ".to_owned(),
                },
                "",
                None,
                "Council minutes, 3 March",
                None,
            ),
        ] {
            let evidence = Evidence::new(kind, title, accessed, " n ", now()).expect("valid");
            assert_eq!(evidence.title, want_title);
            assert_eq!(evidence.accessed, want_accessed, "{want_title}");
            assert_eq!(evidence.note, "n");
            assert_eq!(evidence.created, now());
        }
    }

    #[test]
    fn refusals_table() {
        let archived = EvidenceKind::Url {
            url: "https://ok.example".to_owned(),
            archived_url: Some("javascript:alert(1)".to_owned()),
        };
        for (kind, want) in [
            (
                url("javascript:alert(1)"),
                EvidenceError::Url(UrlError::Scheme {
                    scheme: "javascript".to_owned(),
                }),
            ),
            (
                archived,
                EvidenceError::ArchivedUrl(UrlError::Scheme {
                    scheme: "javascript".to_owned(),
                }),
            ),
            (
                EvidenceKind::File {
                    path: " ".to_owned(),
                },
                EvidenceError::NoFile,
            ),
            (
                EvidenceKind::Citation {
                    text: "\n".to_owned(),
                },
                EvidenceError::EmptyCitation,
            ),
        ] {
            assert_eq!(Evidence::new(kind, "t", None, "", now()), Err(want));
        }
    }
}

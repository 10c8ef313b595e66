//! Fetching web pages over http/https (ureq with rustls): a timeout, a size cap and a
//! limited number of redirects. `factmark fetch`, `evidence add --snapshot` and the app's
//! Open Web Address all fetch here.

use std::time::Duration;

use sha2::{Digest as _, Sha256};

use crate::model::text::hex;

/// Limits on one fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    /// Longest the whole request may take.
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: u32,
}

impl Default for FetchLimits {
    /// 30 s, 16 MiB (the HTML cap), 5 redirects.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_bytes: crate::store::extract::MAX_HTML_BYTES,
            max_redirects: 5,
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address after redirects.
    pub final_url: String,
    /// The body.
    pub bytes: Vec<u8>,
    /// SHA-256 of the body, lowercase hex.
    pub sha256: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
}

/// Why a page could not be fetched; each message names the address.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an http/https address.
    #[error("{url:?} is not an http or https address; factmark fetches only web pages")]
    Scheme {
        /// The address.
        url: String,
    },
    /// The server answered with an error status.
    #[error("{url} answered HTTP {status}; check the address")]
    Status {
        /// The address.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The page is larger than the cap.
    #[error("{url} is larger than {max} bytes; it was not saved")]
    TooLarge {
        /// The address.
        url: String,
        /// The cap in bytes.
        max: u64,
    },
    /// More redirects than allowed.
    #[error("{url} redirected more than {max} times; open the final address instead")]
    TooManyRedirects {
        /// The address.
        url: String,
        /// The cap.
        max: u32,
    },
    /// No answer in time.
    #[error("{url} did not answer within {seconds} s; try again later")]
    Timeout {
        /// The address.
        url: String,
        /// The timeout.
        seconds: u64,
    },
    /// The page was fetched but holds nothing factmark can annotate (no article, …).
    #[error("{url}: {source}; nothing was saved")]
    Extract {
        /// The address.
        url: String,
        /// Why its text could not be extracted.
        source: crate::store::extract::ExtractError,
    },
    /// Saving the page or its set failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Any other network failure.
    #[error("could not fetch {url}: {reason}")]
    Network {
        /// The address.
        url: String,
        /// What failed.
        reason: String,
    },
}

/// Fetch `url` (http or https only) within `limits`.
pub fn fetch(url: &str, limits: FetchLimits) -> Result<Fetched, FetchError> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(FetchError::Scheme {
            url: url.to_owned(),
        });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(true)
        .user_agent(concat!("factmark/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let error = |err: ureq::Error| match err {
        ureq::Error::StatusCode(status) => FetchError::Status {
            url: url.to_owned(),
            status,
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url: url.to_owned(),
            max: limits.max_bytes,
        },
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url: url.to_owned(),
            max: limits.max_redirects,
        },
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url: url.to_owned(),
            seconds: limits.timeout.as_secs(),
        },
        other => FetchError::Network {
            url: url.to_owned(),
            reason: other.to_string(),
        },
    };
    let mut response = agent.get(url.trim()).call().map_err(error)?;
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(error)?;
    Ok(Fetched {
        final_url,
        sha256: hex(&Sha256::digest(&bytes)),
        bytes,
        content_type,
    })
}

/// Fetch `url` into `dir` as a new document: check its text can be extracted (else nothing
/// is written), save it under a free name from [`page_file_name`], and beside it its set,
/// whose review details hold the address and whose source records the retrieval time
/// `now`. Returns the page's path. `factmark fetch` and the app's Open Web Address both
/// come here.
pub fn fetch_to_folder(
    fs: &dyn crate::store::Fs,
    url: &str,
    dir: &std::path::Path,
    limits: FetchLimits,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<std::path::PathBuf, FetchError> {
    use crate::store::extract::{Format, extract};
    let fetched = fetch(url, limits)?;
    let path = free_path(fs, dir, &page_file_name(&fetched.final_url))?;
    let format = Format::of_path(&path);
    if format.is_extracted() {
        extract(format, &fetched.bytes).map_err(|source| FetchError::Extract {
            url: url.to_owned(),
            source,
        })?;
    }
    fs.create_dir_all(dir)?;
    fs.write_atomic(&path, &fetched.bytes, false)?;
    let max = crate::store::max_document_bytes()?;
    let opened = crate::store::open_document_with_set(fs, &path, None, max)?;
    let title = crate::model::defaults::new_set_title(&opened.doc, &path);
    let source = crate::store::source_path_for(&opened.set_path, &path);
    let mut set = crate::model::AnnotationSet::new(&opened.doc, &source, &title, now);
    opened.prepare_new_set(&mut set);
    // The address the reviewer fetched (after redirects), not the page's own canonical
    // claim about itself.
    set.review.document_url.clone_from(&fetched.final_url);
    if let Some(original) = set.source.original.as_mut() {
        original.fetched_from = Some(url.trim().to_owned());
        original.retrieved = Some(now);
    }
    crate::store::save_set(fs, &opened.set_path, &set, None, false)?;
    Ok(path)
}

/// `dir/name`, or `dir/stem-2.ext`, `-3` … if taken.
fn free_path(
    fs: &dyn crate::store::Fs,
    dir: &std::path::Path,
    name: &str,
) -> Result<std::path::PathBuf, crate::store::StoreError> {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "html"));
    let mut candidate = dir.join(name);
    let mut n = 2;
    while fs.metadata(&candidate)?.is_some() {
        candidate = dir.join(format!("{stem}-{n}.{ext}"));
        n += 1;
    }
    Ok(candidate)
}

/// A file name for a fetched page: the address's last path segment or host, made safe
/// (letters, digits, `-`, `_`, `.`), ending in `.html` unless it names a PDF or DOCX.
pub fn page_file_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let last = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(host);
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    name = name.trim_matches(['.', '-']).to_owned();
    if name.is_empty() {
        name = "page".to_owned();
    }
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".html")
        || lower.ends_with(".htm")
        || lower.ends_with(".pdf")
        || lower.ends_with(".docx"))
    {
        name.push_str(".html");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_table() {
        for (url, name) in [
            (
                "https://courier.example/2026/02/bridge-commutes",
                "bridge-commutes.html",
            ),
            ("https://courier.example/", "courier.example.html"),
            ("http://x.example/report.pdf?v=2", "report.pdf"),
            ("https://x.example/a/b%20c/", "b-20c.html"),
            ("https://x.example/../..", "page.html"),
        ] {
            assert_eq!(page_file_name(url), name, "{url}");
        }
    }

    #[test]
    fn only_web_addresses_are_fetched() {
        for url in [
            "file:///etc/passwd",
            "ftp://x.example/",
            "javascript:alert(1)",
        ] {
            assert!(matches!(
                fetch(url, FetchLimits::default()),
                Err(FetchError::Scheme { .. })
            ));
        }
    }
}

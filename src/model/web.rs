//! Web addresses of evidence: only http and https, with a host the reviewer can see first.

/// Why an address was refused as evidence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Nothing was given.
    #[error("no address given; type a web address starting with https:// or http://")]
    Empty,
    /// Not http or https (e.g. `javascript:`, `file:`, `data:`).
    #[error(
        "only http:// and https:// addresses can be evidence; {scheme:?} addresses are refused (for a local file use a file evidence instead)"
    )]
    Scheme {
        /// The scheme found, lowercase.
        scheme: String,
    },
    /// No scheme at all (e.g. `www.example.org/page`).
    #[error(
        "the address {0:?} does not start with https:// or http://; write it in full, e.g. https://example.org/page"
    )]
    NoScheme(String),
    /// No host after the scheme.
    #[error("the address {0:?} has no host; write it in full, e.g. https://example.org/page")]
    NoHost(String),
    /// Whitespace or control characters inside the address.
    #[error("the address {0:?} contains spaces or control characters; remove them or encode them")]
    BadChars(String),
}

/// Check a web address for use as evidence and return its host (lowercase, without port or
/// user info), e.g. `https://User@Example.org:8080/x` → `example.org`.
pub fn web_host(url: &str) -> Result<String, UrlError> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || crate::model::invisible::is_invisible(c))
    {
        return Err(UrlError::BadChars(url.to_owned()));
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(UrlError::NoScheme(url.to_owned()));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(UrlError::Scheme { scheme });
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return Err(UrlError::NoHost(url.to_owned()));
    };
    // Browsers read `\` like `/` here: `https://evil.example\@good.example` goes to evil.
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(UrlError::NoHost(url.to_owned()));
    }
    Ok(host.to_ascii_lowercase())
}

/// Is this an address that may become a clickable link (http or https with a host)?
pub fn is_web_url(url: &str) -> bool {
    web_host(url).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_table() {
        for (url, host) in [
            ("https://example.org/a?b#c", "example.org"),
            ("HTTP://Example.ORG", "example.org"),
            ("https://user:pw@news.example:8443/x", "news.example"),
            ("https://[::1]:80/", "::1"),
            ("  https://ok.example  ", "ok.example"),
            ("https://evil.example\\@good.example/", "evil.example"),
        ] {
            assert_eq!(web_host(url).as_deref(), Ok(host), "{url}");
        }
    }

    #[test]
    fn refusal_names_the_scheme() {
        let err = web_host("javascript:alert(1)").expect_err("refused");
        assert!(err.to_string().contains("\"javascript\""), "{err}");
    }

    #[test]
    fn an_address_without_scheme_says_to_write_it_in_full() {
        let err = web_host("www.example.org/page").expect_err("refused");
        assert_eq!(err, UrlError::NoScheme("www.example.org/page".to_owned()));
        assert!(err.to_string().contains("https://"), "{err}");
        assert!(!err.to_string().contains("\"\""), "{err}");
    }

    #[test]
    fn refused_table() {
        for url in [
            "javascript:alert(1)",
            "JavaScript://%0aalert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "https://example.org/\u{202e}",
            "https:example.org",
            "",
        ] {
            assert!(web_host(url).is_err(), "{url} was accepted");
        }
    }
}

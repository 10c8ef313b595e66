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
    /// Not an address the URL standard accepts (a bad host, port or character).
    #[error("the address {0:?} is not a valid web address; check the host name and port")]
    Invalid(String),
    /// Whitespace or control characters inside the address.
    #[error("the address {0:?} contains spaces or control characters; remove them or encode them")]
    BadChars(String),
}

/// Check a web address for use as evidence and return the host a browser would visit:
/// lowercase, without port or user info, non-ASCII names in punycode, e.g.
/// `https://User@Example.org:8080/x` → `example.org`, `https://trusted@evil.example` →
/// `evil.example`, `https://bücher.example` → `xn--bcher-kva.example`.
///
/// Parsed with the `url` crate (the WHATWG URL standard browsers follow, with IDNA), after
/// two stricter checks of our own: no spaces, control or invisible characters anywhere
/// (browsers drop some silently), and `//` right after the scheme.
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
    let parsed = match url::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return Err(UrlError::NoScheme(url.to_owned()));
        }
        Err(url::ParseError::EmptyHost) => return Err(UrlError::NoHost(url.to_owned())),
        Err(_) => return Err(UrlError::Invalid(url.to_owned())),
    };
    let scheme = parsed.scheme();
    if scheme != "http" && scheme != "https" {
        return Err(UrlError::Scheme {
            scheme: scheme.to_owned(),
        });
    }
    // `https:example.org` and `https:///x` parse (the standard repairs them), but what the
    // reviewer wrote is not an address: ask for it in full.
    let after_scheme = url.get(scheme.len() + 1..).unwrap_or_default();
    let authority = after_scheme
        .strip_prefix("//")
        .or_else(|| after_scheme.strip_prefix("\\\\"))
        .unwrap_or_default();
    if authority.is_empty() || authority.starts_with(['/', '\\']) {
        return Err(UrlError::NoHost(url.to_owned()));
    }
    match parsed.host() {
        Some(url::Host::Domain(domain)) if !domain.is_empty() => Ok(domain.to_owned()),
        Some(url::Host::Ipv4(address)) => Ok(address.to_string()),
        Some(url::Host::Ipv6(address)) => Ok(address.to_string()),
        _ => Err(UrlError::NoHost(url.to_owned())),
    }
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
            ("https://trusted@evil.example", "evil.example"),
            ("https://trusted.example@evil.example/login", "evil.example"),
            ("https://bücher.example/a", "xn--bcher-kva.example"),
            ("https://EXAMPLE.org./", "example.org."),
            ("http://0x7f.1/", "127.0.0.1"),
            ("https://%65vil.example/", "evil.example"),
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
            "https://exa<mple.org/",
            "https://example.org:99999/",
            "",
        ] {
            assert!(web_host(url).is_err(), "{url} was accepted");
        }
    }
}

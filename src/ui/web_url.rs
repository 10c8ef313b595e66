//! Checking evidence web addresses: only `http` and `https`, with a host we can show.
//!
//! Annotation files come from teammates, so an address is untrusted: `javascript:`,
//! `file:`, `data:` and anything else is refused before it can reach the browser.

/// Why an address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Nothing was typed.
    #[error("type a web address starting with https:// or http://")]
    Empty,
    /// Not http or https.
    #[error("only http:// and https:// addresses can be evidence links, not {scheme:?}")]
    Scheme {
        /// The scheme found (lowercase), or the whole start of the text.
        scheme: String,
    },
    /// No host after `//`.
    #[error("the address has no host name after {scheme}://")]
    NoHost {
        /// The scheme.
        scheme: String,
    },
    /// Spaces or control characters.
    #[error("the address contains spaces, control or text-direction characters; paste it again")]
    BadCharacters,
}

/// Check that `text` is an http(s) address and return its host (lowercase, no port, no
/// user name).
pub fn web_host(text: &str) -> Result<String, UrlError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(UrlError::Empty);
    }
    if text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c))
    {
        return Err(UrlError::BadCharacters);
    }
    let Some((scheme, rest)) = text.split_once(':') else {
        return Err(UrlError::Scheme {
            scheme: text.chars().take(16).collect(),
        });
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(UrlError::Scheme { scheme });
    }
    let Some(rest) = rest.strip_prefix("//") else {
        return Err(UrlError::NoHost { scheme });
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        // IPv6 literal: [::1]:8080
        bracketed.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(UrlError::NoHost { scheme });
    }
    Ok(host.to_ascii_lowercase())
}

/// Invisible characters that reorder text (used to disguise addresses).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_host_table() {
        let cases: &[(&str, Result<&str, ()>)] = &[
            ("https://example.org/a?b#c", Ok("example.org")),
            (
                "HTTP://User:pw@News.Example.com:8080/x",
                Ok("news.example.com"),
            ),
            ("https://[::1]:80/", Ok("::1")),
            ("  https://ok.example  ", Ok("ok.example")),
            ("javascript:alert(1)", Err(())),
            ("JavaScript://example.org/%0aalert(1)", Err(())),
            ("file:///etc/passwd", Err(())),
            ("data:text/html,hi", Err(())),
            ("example.org", Err(())),
            ("https:example.org", Err(())),
            ("https://", Err(())),
            ("https://exa mple.org", Err(())),
            ("https://example.org/\u{202e}gpj.exe", Err(())),
            ("", Err(())),
        ];
        for (text, want) in cases {
            let got = web_host(text).map_err(|_| ());
            assert_eq!(got.as_deref(), want.as_deref(), "{text:?}");
        }
    }

    #[test]
    fn refusal_names_the_scheme() {
        let err = web_host("javascript:alert(1)").expect_err("refused");
        assert!(err.to_string().contains("\"javascript\""), "{err}");
    }
}

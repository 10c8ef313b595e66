//! Escaping for the text formats: HTML, Markdown, spreadsheet cells, and the URL check
//! deciding what becomes a clickable link.

use std::fmt::Write as _;

use crate::model::invisible::{InvisibleKind, code_point, flag_chars, has_flagged};

/// Escape text for HTML element content and quoted attribute values:
/// `&` `<` `>` `"` `'` become entities.
///
/// ```
/// assert_eq!(factmark::export::escape_html(r#"<a href="x">'&'</a>"#),
///            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The HTML rendering of invisible text: like [`escape_html`], but the characters the
/// table in [`crate::model::invisible`] flags become visible `[U+202E]` badges, so hidden or
/// reordered text cannot mislead the reader of a report. For element content only (not
/// attributes or `<title>`).
pub fn escape_html_visible(text: &str) -> String {
    if !has_flagged(text) {
        return escape_html(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    write_html_visible(&mut out, flag_chars(text));
    out
}

/// Append flagged chars (from [`flag_chars`] or `flag_chars_in`) as escaped HTML with badges.
pub(crate) fn write_html_visible(
    out: &mut String,
    chars: impl Iterator<Item = (char, Option<InvisibleKind>)>,
) {
    let mut plain = String::new();
    for (c, kind) in chars {
        if kind.is_some() {
            out.push_str(&escape_html(&plain));
            plain.clear();
            let _ = write!(
                out,
                "<span class=\"invisible\" title=\"invisible character\">[{}]</span>",
                code_point(c)
            );
        } else {
            plain.push(c);
        }
    }
    out.push_str(&escape_html(&plain));
}

/// Untrusted text for HTML element content in `maud` templates: rendered with
/// [`escape_html_visible`], so it is escaped and its invisible characters are shown.
pub(crate) struct Visible<'a>(pub &'a str);

impl maud::Render for Visible<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(&escape_html_visible(self.0));
    }
}

/// Is this an `http://` or `https://` address with a host and no whitespace, control or
/// invisible characters ([`crate::model::web::is_web_url`])? Only such URLs become links in
/// reports; others are shown as text.
pub fn is_web_url(url: &str) -> bool {
    crate::model::web::is_web_url(url)
}

/// Guard a spreadsheet cell against formula injection: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`, so Excel, LibreOffice and Google
/// Sheets show it as text instead of evaluating it (OWASP "CSV injection").
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Escape text for Markdown inline content (table cells, list items, headings): ASCII
/// punctuation with a meaning in CommonMark/GFM gets a backslash, newlines become spaces.
/// Raw HTML cannot get through (`<` is escaped). The Markdown rendering of invisible text:
/// what [`crate::model::invisible`] flags is written `\[U+202E\]` (shown as `[U+202E]`).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (c, kind) in flag_chars(text) {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!' | '('
            | ')' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if kind.is_some() => {
                let _ = write!(out, "\\[{}\\]", code_point(c));
            }
            '+' | '-' | '=' if out.trim().is_empty() => {
                out.push('\\');
                out.push(c);
            }
            '.' if !out.is_empty() && out.chars().all(|d| d.is_ascii_digit()) => {
                out.push_str("\\.");
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_table() {
        for (input, want) in [
            ("plain", "plain"),
            ("a & b", "a &amp; b"),
            ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
            (r#"" onerror="x"#, "&quot; onerror=&quot;x"),
            ("it's", "it&#39;s"),
            ("&amp;", "&amp;amp;"),
            ("é 👩‍👩‍👧", "é 👩‍👩‍👧"),
        ] {
            assert_eq!(escape_html(input), want, "{input:?}");
        }
    }

    #[test]
    fn invisible_characters_become_visible() {
        assert_eq!(escape_html_visible("a<b"), "a&lt;b");
        assert_eq!(
            escape_html_visible("x\u{202E}<y>\u{200B}"),
            "x<span class=\"invisible\" title=\"invisible character\">[U+202E]</span>&lt;y&gt;\
             <span class=\"invisible\" title=\"invisible character\">[U+200B]</span>"
        );
        // ZWJ joins emoji and stays
        assert_eq!(escape_html_visible("👩\u{200D}👧"), "👩\u{200D}👧");
    }

    /// ZWNJ and tag characters (U+E0020–E007F) were flagged in the app but passed through
    /// reports unflagged.
    #[test]
    fn zwnj_and_tag_characters_are_flagged_like_in_the_app() {
        for c in ['\u{200C}', '\u{E0001}', '\u{E0041}', '\u{E007F}'] {
            let text = format!("a{c}b");
            assert!(
                crate::model::invisible::invisible_kind(c).is_some(),
                "{c:?}"
            );
            let code = crate::model::invisible::code_point(c);
            assert!(escape_html_visible(&text).contains(&format!(">[{code}]</span>")));
            assert_eq!(escape_markdown(&text), format!("a\\[{code}\\]b"));
        }
    }

    #[test]
    fn web_urls() {
        for (url, want) in [
            ("https://example.org/a?b=c", true),
            ("HTTP://EXAMPLE.ORG", true),
            ("javascript:alert(1)", false),
            ("JaVaScRiPt:alert(1)", false),
            ("data:text/html,<script>", false),
            ("file:///etc/passwd", false),
            ("https://", false),
            ("https://ex ample.org", false),
            ("https://example.org/\nx", false),
            ("//example.org", false),
            ("", false),
        ] {
            assert_eq!(is_web_url(url), want, "{url:?}");
        }
    }

    #[test]
    fn formula_guard() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+cmd", "'+cmd"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("safe = yes", "safe = yes"),
            ("", ""),
        ] {
            assert_eq!(guard_formula(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn markdown_table() {
        for (input, want) in [
            ("a | b", r"a \| b"),
            ("<b>x</b>", r"\<b\>x\</b\>"),
            ("*x* _y_", r"\*x\* \_y\_"),
            ("[l](u)", r"\[l\]\(u\)"),
            ("one\ntwo", "one two"),
            ("- item", r"\- item"),
            ("1. first", r"1\. first"),
            ("a - b", "a - b"),
            ("# h", r"\# h"),
            ("a\u{202E}b", r"a\[U+202E\]b"),
        ] {
            assert_eq!(escape_markdown(input), want, "{input:?}");
        }
    }
}

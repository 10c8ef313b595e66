//! Turning untrusted text (quotes, notes, names from teammates' files) into safe one-line
//! labels: invisible and direction-changing characters are shown as `<U+202E>`.

use crate::model::{AnchorStatus, Annotation};

pub use crate::model::text::{excerpt, visible};

/// An [`excerpt`] in curly quotes, unless the text already opens with a quote mark
/// (`“We had…”` rather than `““We had…”`).
pub fn quoted(text: &str, max_chars: usize) -> String {
    let shown = excerpt(text, max_chars);
    if shown.starts_with(['“', '"', '«', '„', '‘', '\'', '「']) {
        shown
    } else {
        format!("“{shown}”")
    }
}

/// A short text for an anchor status: "exact", "moved", "fuzzy 83%", "orphaned".
pub fn status_text(status: AnchorStatus) -> String {
    match status {
        AnchorStatus::Fuzzy { score } => format!("fuzzy {:.0}%", score * 100.0),
        other => other.name().to_owned(),
    }
}

/// The verdict label for claims, empty for other tags.
pub fn verdict_text(annotation: &Annotation) -> &'static str {
    if annotation.is_claim() {
        annotation.verdict.label()
    } else {
        ""
    }
}

pub use crate::store::paths::file_name;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_does_not_double_quote_marks() {
        assert_eq!(quoted("plain words", 40), "“plain words”");
        assert_eq!(quoted("“Already quoted,” she", 40), "“Already quoted,” she");
    }

    #[test]
    fn excerpt_table() {
        let cases = [
            ("short", 10, "short"),
            ("  two\nlines ", 20, "two lines"),
            ("abcdefghij", 5, "abcd…"),
            ("evil\u{202e}txt", 40, "evil<U+202E>txt"),
            ("zero\u{200b}width", 40, "zero<U+200B>width"),
        ];
        for (text, max, want) in cases {
            assert_eq!(excerpt(text, max), want, "{text:?}");
        }
    }
}

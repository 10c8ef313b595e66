//! Turning untrusted text (quotes, notes, names from teammates' files) into safe one-line
//! labels: invisible and direction-changing characters are shown as `<U+202E>`.

use crate::model::{AnchorStatus, Annotation, TAG_CLAIM};

pub use crate::model::text::{excerpt, visible};

/// A short text for an anchor status: "exact", "moved", "fuzzy 83%", "orphaned".
pub fn status_text(status: AnchorStatus) -> String {
    match status {
        AnchorStatus::Fuzzy { score } => format!("fuzzy {:.0}%", score * 100.0),
        other => other.name().to_owned(),
    }
}

/// The verdict label for claims, empty for other tags.
pub fn verdict_text(annotation: &Annotation) -> &'static str {
    if annotation.tag == TAG_CLAIM {
        annotation.verdict.label()
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! Turning untrusted text (quotes, notes, names from teammates' files) into safe one-line
//! labels: invisible and direction-changing characters are shown as `<U+202E>`.

use crate::model::{AnchorStatus, Annotation, TAG_CLAIM};

/// Is this character invisible or able to reorder the text around it?
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
                | '\u{061c}'
        )
}

/// `text` with invisible characters written as `<U+XXXX>`.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// At most `max_chars` of `text` on one line (newlines become spaces), made visible,
/// ending with `…` when cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let mut out = visible(flat.trim());
    if out.chars().count() > max_chars {
        out = out.chars().take(max_chars.saturating_sub(1)).collect();
        out.push('…');
    }
    out
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

//! Shortening untrusted text to one line: the one function behind app labels, CLI lines and
//! the short forms in exports.
//!
//! ```
//! use factmark::model::text::{Shorten, shorten};
//! let note = "one two\nthree\u{202E} four";
//! assert_eq!(shorten(note, Shorten::label(14)), "one two three…");
//! assert_eq!(shorten(note, Shorten::label(40)), "one two three<U+202E> four");
//! assert_eq!(shorten(note, Shorten::words(12)), "one two…");
//! ```

use crate::model::invisible::{code_point, flag_chars};

/// How [`shorten`] makes text short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shorten {
    /// At most this many chars, the closing `…` included.
    pub max_chars: usize,
    /// Cut after the last whole word (when that keeps at least half), not anywhere.
    pub at_word: bool,
    /// Write invisible and bidi characters as `<U+XXXX>` (never cut in half). Off when the
    /// caller's own rendering shows them (HTML, Markdown) or the text is data (JSON).
    pub show_invisible: bool,
}

impl Shorten {
    /// For labels and terminal lines: invisible characters shown, cut anywhere.
    pub fn label(max_chars: usize) -> Self {
        Self {
            max_chars,
            at_word: false,
            show_invisible: true,
        }
    }

    /// For exports that render the text further: characters kept, cut at a word.
    pub fn words(max_chars: usize) -> Self {
        Self {
            max_chars,
            at_word: true,
            show_invisible: false,
        }
    }
}

/// `text` on one line (whitespace runs become one space, ends trimmed), at most
/// `how.max_chars` chars, ending with `…` when cut.
pub fn shorten(text: &str, how: Shorten) -> String {
    // Room for the text when `…` is added.
    let limit = how.max_chars.saturating_sub(1);
    let mut out = String::with_capacity(text.len().min(how.max_chars * 4));
    let mut chars = 0;
    let mut cut: Option<usize> = None;
    let mut space_pending = false;
    let mut piece = String::new();
    for (c, kind) in flag_chars(text) {
        piece.clear();
        if space_pending {
            piece.push(' ');
            space_pending = false;
        }
        if how.show_invisible && kind.is_some() {
            piece.push('<');
            piece.push_str(&code_point(c));
            piece.push('>');
        } else if c.is_whitespace() {
            space_pending = !out.is_empty();
            continue;
        } else {
            piece.push(c);
        }
        let len = piece.chars().count();
        if cut.is_none() && chars + len > limit {
            cut = Some(out.len());
        }
        chars += len;
        out.push_str(&piece);
        if chars > how.max_chars {
            break;
        }
    }
    let Some(cut) = cut.filter(|_| chars > how.max_chars) else {
        return out;
    };
    let mut shown = out.get(..cut).unwrap_or_default();
    if how.at_word
        && let Some(space) = shown.rfind(' ')
        && space > shown.len() / 2
    {
        shown = shown.get(..space).unwrap_or(shown);
    }
    format!("{}…", shown.trim_end())
}

/// [`shorten`] for a label: at most `max_chars` of `text` on one line, invisible characters
/// shown as `<U+XXXX>`, ending with `…` when cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    shorten(text, Shorten::label(max_chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_table() {
        let label: fn(usize) -> Shorten = Shorten::label;
        let words: fn(usize) -> Shorten = Shorten::words;
        for (how, text, max, want) in [
            (label, "short", 10, "short"),
            (label, "  two\nlines ", 20, "two lines"),
            (label, "two  \t spaces", 20, "two spaces"),
            (label, "abcdefghij", 5, "abcd…"),
            (label, "abcdefghij", 10, "abcdefghij"),
            (label, "ab cdefghij", 4, "ab…"),
            (label, "evil\u{202e}txt", 40, "evil<U+202E>txt"),
            (label, "zero\u{200b}width", 40, "zero<U+200B>width"),
            (
                label,
                "zwnj\u{200C}tag\u{E0041}",
                40,
                "zwnj<U+200C>tag<U+E0041>",
            ),
            // a code point is never cut in half
            (label, "ab\u{202E}cdef", 8, "ab…"),
            (label, "", 5, ""),
            (words, "  a \n b  ", 10, "a b"),
            (words, "one two three four", 12, "one two…"),
            (words, "abcdefghij", 5, "abcd…"),
            (words, "", 5, ""),
            (words, "keep\u{202E}raw", 20, "keep\u{202E}raw"),
        ] {
            assert_eq!(shorten(text, how(max)), want, "{text:?}");
            assert!(want.chars().count() <= max, "{want:?}");
        }
    }
}

//! Invisible and bidi control characters, shown as visible stand-ins of the same char count.
//!
//! A right-to-left override (U+202E) or a zero-width space in a document can hide or reorder
//! what a reviewer reads; the view replaces each such char with one visible symbol, so char
//! offsets are unchanged: `"a\u{202E}b"` is shown as `"a⮜b"`, still 3 chars.

pub use crate::model::invisible::{InvisibleKind, describe, invisible_kind};

/// Text prepared for layout: invisible chars replaced one for one, and where they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayText {
    /// The text to lay out; same char count as the source.
    pub text: String,
    /// Local char index and original char of every substituted char, in order.
    pub substituted: Vec<(usize, char)>,
}

/// Replace invisible chars of `source` with the symbol `pick(kind)` returns.
pub fn display_text(source: &str, pick: impl Fn(InvisibleKind) -> char) -> DisplayText {
    let mut text = String::with_capacity(source.len());
    let mut substituted = Vec::new();
    for (index, (c, kind)) in crate::model::invisible::flag_chars(source).enumerate() {
        match kind {
            Some(kind) => {
                text.push(pick(kind));
                substituted.push((index, c));
            }
            None => text.push(c),
        }
    }
    DisplayText { text, substituted }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(kind: InvisibleKind) -> char {
        kind.candidates().first().copied().unwrap_or('?')
    }

    #[test]
    fn substitution_keeps_char_count_and_records_positions() {
        let source = "a\u{202E}b\u{200B}c\u{00AD}d\u{FEFF}\u{2066}x\u{2069}\u{1}\te";
        let shown = display_text(source, first);
        assert_eq!(shown.text.chars().count(), source.chars().count());
        assert_eq!(shown.text, "a⮜b◇c‐d◇⮞x◆¤\te");
        let positions: Vec<usize> = shown.substituted.iter().map(|&(i, _)| i).collect();
        assert_eq!(positions, vec![1, 3, 5, 7, 8, 10, 11]);
        assert_eq!(shown.substituted.first(), Some(&(1, '\u{202E}')));
    }

    #[test]
    fn every_listed_range_is_caught() {
        for c in [
            '\u{200B}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
            '\u{180E}',
            '\u{200C}',
            '\u{E0020}',
            '\u{E007F}',
        ] {
            assert!(invisible_kind(c).is_some(), "{c:?}");
            assert!(describe(c).starts_with("U+"));
        }
        for c in ['a', ' ', '\t', '\n', 'é', '中', 'ש', '😀'] {
            assert_eq!(invisible_kind(c), None, "{c:?}");
        }
        assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
    }

    #[test]
    fn emoji_joiners_stay() {
        let family = "👩\u{200D}👩\u{200D}👧";
        assert_eq!(display_text(family, first).text, family);
        let rainbow = "🏳\u{FE0F}\u{200D}🌈";
        assert_eq!(display_text(rainbow, first).text, rainbow);
        assert_eq!(display_text("a\u{200D}b", first).text, "a◇b");
    }
}

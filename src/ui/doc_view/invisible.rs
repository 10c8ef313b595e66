//! Invisible and bidi control characters, shown as visible stand-ins of the same char count.
//!
//! A right-to-left override (U+202E) or a zero-width space in a document can hide or reorder
//! what a reviewer reads; the view replaces each such char with one visible symbol, so char
//! offsets are unchanged: `"a\u{202E}b"` is shown as `"a⮜b"`, still 3 chars.

/// What kind of invisible char this is; decides the stand-in symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvisibleKind {
    /// Starts right-to-left text (RLE, RLO, RLI, RLM, ALM).
    RightToLeft,
    /// Starts left-to-right text (LRE, LRO, LRI, LRM).
    LeftToRight,
    /// Ends or isolates a bidi run (PDF, PDI, FSI).
    BidiEnd,
    /// Zero-width space, joiners, word joiner, BOM.
    ZeroWidth,
    /// Soft hyphen.
    SoftHyphen,
    /// A C0/C1 control char (tab and newline excepted).
    Control,
    /// Any other format (Cf) char.
    Format,
}

impl InvisibleKind {
    /// Stand-in symbols, best first; the view picks the first one its font has.
    pub fn candidates(self) -> &'static [char] {
        match self {
            Self::RightToLeft => &['⮜', '◀', '«'],
            Self::LeftToRight => &['⮞', '▶', '»'],
            Self::BidiEnd => &['◆', '♦', '¦'],
            Self::ZeroWidth => &['◇', '○', '°'],
            Self::SoftHyphen => &['‐', '-'],
            Self::Control => &['¤'],
            Self::Format => &['◆', '¤'],
        }
    }
}

/// Is `c` shown with a stand-in, and which kind is it? `None` for ordinary chars.
pub fn invisible_kind(c: char) -> Option<InvisibleKind> {
    use InvisibleKind::*;
    let kind = match c {
        '\t' | '\n' => return None,
        '\u{202B}' | '\u{202E}' | '\u{2067}' | '\u{200F}' | '\u{061C}' => RightToLeft,
        '\u{202A}' | '\u{202D}' | '\u{2066}' | '\u{200E}' => LeftToRight,
        '\u{202C}' | '\u{2069}' | '\u{2068}' => BidiEnd,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => ZeroWidth,
        '\u{00AD}' => SoftHyphen,
        '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}' => Control,
        '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{180E}'
        | '\u{2061}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}' => Format,
        _ => return None,
    };
    Some(kind)
}

/// A short name of an invisible char for hover text, e.g. `"U+202E RIGHT-TO-LEFT OVERRIDE"`.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        '\u{00AD}' => "SOFT HYPHEN",
        _ => match invisible_kind(c) {
            Some(InvisibleKind::Control) => "CONTROL CHARACTER",
            _ => "INVISIBLE FORMAT CHARACTER",
        },
    };
    format!("U+{:04X} {name}", u32::from(c))
}

/// Is this a zero-width joiner inside an emoji sequence (kept, so emoji render whole)?
fn is_emoji_joiner(prev: Option<char>, c: char, next: Option<char>) -> bool {
    // Pictographs, symbols, and the emoji variation selector (as in 🏳️‍🌈 = 🏳 FE0F ZWJ 🌈).
    let emoji = |c: Option<char>| {
        c.is_some_and(
            |c| matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{FE0F}'),
        )
    };
    c == '\u{200D}' && emoji(prev) && emoji(next)
}

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
    let mut prev = None;
    let mut chars = source.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match invisible_kind(c) {
            Some(kind) if !is_emoji_joiner(prev, c, next) => {
                text.push(pick(kind));
                substituted.push((index, c));
            }
            _ => text.push(c),
        }
        prev = Some(c);
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

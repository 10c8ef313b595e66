//! Invisible and bidi control characters: the one table saying which characters could hide
//! or reorder what a reviewer reads, with their names. Every rendering is made from it, one
//! function per medium: plain text and the CLI ([`visible`], `<U+202E>`),
//! HTML (`escape_html_visible` in export), Markdown (`escape_markdown` in export) and the
//! app's document view (stand-in symbols, `display_text` in ui).
//!
//! ```
//! use factmark::model::invisible::{InvisibleKind, describe, invisible_kind};
//! assert_eq!(invisible_kind('\u{202E}'), Some(InvisibleKind::RightToLeft));
//! assert_eq!(invisible_kind('\u{200C}'), Some(InvisibleKind::ZeroWidth)); // ZWNJ
//! assert_eq!(invisible_kind('\u{E0041}'), Some(InvisibleKind::Format)); // tag LATIN A
//! assert_eq!(invisible_kind('a'), None);
//! assert_eq!(describe('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
//! ```

use std::cmp::Ordering;

/// What kind of invisible char this is; decides the app's stand-in symbol.
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
    /// Any other format (Cf) char, tag characters included.
    Format,
}

impl InvisibleKind {
    /// The app's stand-in symbols, best first; the document view picks the first one its
    /// font has.
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

    /// Does this kind reorder how text displays (embeddings, overrides, isolates, marks)?
    pub fn is_bidi(self) -> bool {
        matches!(self, Self::RightToLeft | Self::LeftToRight | Self::BidiEnd)
    }
}

/// One row of the table: an inclusive char range, its kind and its name.
struct Entry {
    first: char,
    last: char,
    kind: InvisibleKind,
    name: &'static str,
}

const fn one(c: char, kind: InvisibleKind, name: &'static str) -> Entry {
    Entry {
        first: c,
        last: c,
        kind,
        name,
    }
}

const fn range(first: char, last: char, kind: InvisibleKind, name: &'static str) -> Entry {
    Entry {
        first,
        last,
        kind,
        name,
    }
}

const CONTROL: &str = "CONTROL CHARACTER";
const FORMAT: &str = "INVISIBLE FORMAT CHARACTER";

/// The table, sorted by code point, ranges not overlapping (checked by a test). Tab and
/// newline are not listed: they are layout, not hiding places.
const TABLE: &[Entry] = {
    use InvisibleKind::*;
    &[
        range('\u{0000}', '\u{0008}', Control, CONTROL),
        range('\u{000B}', '\u{001F}', Control, CONTROL),
        range('\u{007F}', '\u{009F}', Control, CONTROL),
        one('\u{00AD}', SoftHyphen, "SOFT HYPHEN"),
        range('\u{0600}', '\u{0605}', Format, FORMAT),
        one('\u{061C}', RightToLeft, "ARABIC LETTER MARK"),
        one('\u{06DD}', Format, FORMAT),
        one('\u{070F}', Format, FORMAT),
        range('\u{0890}', '\u{0891}', Format, FORMAT),
        one('\u{08E2}', Format, FORMAT),
        one('\u{180E}', Format, FORMAT),
        one('\u{200B}', ZeroWidth, "ZERO WIDTH SPACE"),
        one('\u{200C}', ZeroWidth, "ZERO WIDTH NON-JOINER"),
        one('\u{200D}', ZeroWidth, "ZERO WIDTH JOINER"),
        one('\u{200E}', LeftToRight, "LEFT-TO-RIGHT MARK"),
        one('\u{200F}', RightToLeft, "RIGHT-TO-LEFT MARK"),
        one('\u{202A}', LeftToRight, "LEFT-TO-RIGHT EMBEDDING"),
        one('\u{202B}', RightToLeft, "RIGHT-TO-LEFT EMBEDDING"),
        one('\u{202C}', BidiEnd, "POP DIRECTIONAL FORMATTING"),
        one('\u{202D}', LeftToRight, "LEFT-TO-RIGHT OVERRIDE"),
        one('\u{202E}', RightToLeft, "RIGHT-TO-LEFT OVERRIDE"),
        one('\u{2060}', ZeroWidth, "WORD JOINER"),
        range('\u{2061}', '\u{2064}', Format, FORMAT),
        one('\u{2066}', LeftToRight, "LEFT-TO-RIGHT ISOLATE"),
        one('\u{2067}', RightToLeft, "RIGHT-TO-LEFT ISOLATE"),
        one('\u{2068}', BidiEnd, "FIRST STRONG ISOLATE"),
        one('\u{2069}', BidiEnd, "POP DIRECTIONAL ISOLATE"),
        range('\u{206A}', '\u{206F}', Format, FORMAT),
        one('\u{FEFF}', ZeroWidth, "ZERO WIDTH NO-BREAK SPACE (BOM)"),
        range('\u{FFF9}', '\u{FFFB}', Format, FORMAT),
        one('\u{110BD}', Format, FORMAT),
        one('\u{110CD}', Format, FORMAT),
        range('\u{13430}', '\u{1343F}', Format, FORMAT),
        range('\u{1BCA0}', '\u{1BCA3}', Format, FORMAT),
        range('\u{1D173}', '\u{1D17A}', Format, FORMAT),
        one('\u{E0001}', Format, "LANGUAGE TAG"),
        range('\u{E0020}', '\u{E007F}', Format, "TAG CHARACTER"),
    ]
};

fn entry(c: char) -> Option<&'static Entry> {
    if (' '..'\u{7F}').contains(&c) {
        return None; // printable ASCII, the common case
    }
    let found = TABLE.binary_search_by(|e| {
        if e.last < c {
            Ordering::Less
        } else if e.first > c {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    });
    found.ok().and_then(|i| TABLE.get(i))
}

/// Is `c` shown visibly, and which kind is it? `None` for ordinary chars.
pub fn invisible_kind(c: char) -> Option<InvisibleKind> {
    entry(c).map(|e| e.kind)
}

/// Is `c` an invisible, formatting, bidi control or control character (tab and newline
/// excepted) that could hide or reorder text?
pub fn is_invisible(c: char) -> bool {
    entry(c).is_some()
}

/// Is `c` one of the bidi controls that reorder how text displays?
pub fn is_bidi_control(c: char) -> bool {
    invisible_kind(c).is_some_and(InvisibleKind::is_bidi)
}

/// `U+202E`: the code point every rendering shows.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// The code point and name of a char for hover text and messages, e.g.
/// `"U+202E RIGHT-TO-LEFT OVERRIDE"`.
pub fn describe(c: char) -> String {
    let name = entry(c).map_or(FORMAT, |e| e.name);
    format!("{} {name}", code_point(c))
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

/// Each char of `text` with its kind when it must be shown visibly: the walk every
/// rendering makes. A zero-width joiner inside an emoji sequence is not flagged.
pub fn flag_chars(text: &str) -> impl Iterator<Item = (char, Option<InvisibleKind>)> + '_ {
    flag_chars_in(None, text, None)
}

/// [`flag_chars`] for a piece of a longer text, `before` and `after` being the chars around
/// it, so a joiner at the piece's edge is judged in context (`👩|\u{200D}👧` stays an emoji).
pub fn flag_chars_in(
    before: Option<char>,
    text: &str,
    after: Option<char>,
) -> impl Iterator<Item = (char, Option<InvisibleKind>)> + '_ {
    let mut prev = before;
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let next = chars.peek().copied().or(after);
        let kind = invisible_kind(c).filter(|_| !is_emoji_joiner(prev, c, next));
        prev = Some(c);
        Some((c, kind))
    })
}

/// Does `text` hold any char [`flag_chars`] flags?
pub fn has_flagged(text: &str) -> bool {
    flag_chars(text).any(|(_, kind)| kind.is_some())
}

/// The plain-text rendering (CLI, messages, app labels): `text` with every flagged char
/// written as `<U+XXXX>`, so untrusted text cannot hide or reorder what a reviewer reads.
///
/// ```
/// assert_eq!(factmark::model::invisible::visible("evil\u{202E}txt"), "evil<U+202E>txt");
/// ```
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (c, kind) in flag_chars(text) {
        if kind.is_some() {
            out.push('<');
            out.push_str(&code_point(c));
            out.push('>');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_disjoint() {
        for pair in TABLE.windows(2) {
            let [a, b] = pair else { continue };
            assert!(a.first <= a.last && a.last < b.first, "{:?}", a.first);
        }
    }

    #[test]
    fn kinds_table() {
        use InvisibleKind::*;
        for (c, want) in [
            ('\u{202E}', Some(RightToLeft)),
            ('\u{061C}', Some(RightToLeft)),
            ('\u{2066}', Some(LeftToRight)),
            ('\u{2069}', Some(BidiEnd)),
            ('\u{200B}', Some(ZeroWidth)),
            ('\u{200C}', Some(ZeroWidth)),
            ('\u{00AD}', Some(SoftHyphen)),
            ('\u{0001}', Some(Control)),
            ('\r', Some(Control)),
            ('\u{0085}', Some(Control)),
            ('\u{E0001}', Some(Format)),
            ('\u{E0020}', Some(Format)),
            ('\u{E007F}', Some(Format)),
            ('\t', None),
            ('\n', None),
            (' ', None),
            ('~', None),
            ('é', None),
            ('\u{E0080}', None),
            ('😀', None),
        ] {
            assert_eq!(invisible_kind(c), want, "{c:?}");
        }
        assert!(is_bidi_control('\u{202E}') && is_bidi_control('\u{200E}'));
        assert!(!is_bidi_control('\u{200B}') && !is_bidi_control('a'));
        assert_eq!(describe('\u{E0041}'), "U+E0041 TAG CHARACTER");
        assert_eq!(describe('\u{1}'), "U+0001 CONTROL CHARACTER");
    }

    #[test]
    fn emoji_joiners_are_not_flagged() {
        let flagged = |text: &str| -> Vec<char> {
            flag_chars(text)
                .filter_map(|(c, kind)| kind.map(|_| c))
                .collect()
        };
        assert_eq!(flagged("👩\u{200D}👩\u{200D}👧"), Vec::<char>::new());
        assert_eq!(flagged("🏳\u{FE0F}\u{200D}🌈"), Vec::<char>::new());
        assert_eq!(flagged("a\u{200D}b\u{200C}c"), vec!['\u{200D}', '\u{200C}']);
        assert!(has_flagged("x\u{E0041}") && !has_flagged("plain"));
        let piece: Vec<_> = flag_chars_in(Some('👩'), "\u{200D}", Some('👧')).collect();
        assert_eq!(piece, vec![('\u{200D}', None)]);
        assert!(flag_chars_in(Some('a'), "\u{200D}", Some('👧')).any(|(_, k)| k.is_some()));
    }
}

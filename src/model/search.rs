//! Finding text as a reviewer types or pastes it: every run of spaces and line breaks
//! (no-break, thin, ideographic … spaces included) reads as one space, and straight and
//! typographic quotes, apostrophes and dashes read as equal. Matches are char ranges over
//! the canonical text, so what is stored stays the document's exact text.
//!
//! ```text
//! text:    "the\u{a0}NGOs\n“Doctors”"      needle: "NGOs \"Doctors\""
//! folded:  the NGOs "Doctors"              match: chars 4..18 of the text
//! ```
//!
//! Find (Ctrl+F) and `factmark annotate --quote` both use this one rule.

use std::ops::Range;

/// How loosely to compare, beyond spaces, quotes and dashes (always loose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Case {
    /// Upper and lower case differ.
    #[default]
    Sensitive,
    /// Upper and lower case are equal (per char, when lower case is one char).
    Insensitive,
}

/// A text folded for loose search, with the way back to char offsets of the original.
///
/// Invariant: folded char `i` stands for original chars
/// `original_start(i)..original_start(i + 1)` (the last one ends at the text's end); only
/// runs of whitespace stand for more than one char.
#[derive(Debug, Clone, Default)]
pub struct FoldedText {
    chars: Vec<char>,
    /// `(folded index, chars dropped before it)`: from this folded index on, the original
    /// offset is the folded index plus the dropped count. Sorted by folded index.
    shifts: Vec<(usize, usize)>,
    original_len: usize,
    case: Case,
}

impl FoldedText {
    /// Fold `text` (one pass, linear).
    pub fn new(text: &str, case: Case) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut dropped = 0;
        let mut original_len = 0;
        let mut in_space = false;
        for c in text.chars() {
            original_len += 1;
            let folded = fold_char(c, case);
            if folded == ' ' && in_space {
                dropped += 1;
                continue;
            }
            if dropped > 0 && shifts.last().is_none_or(|&(_, d)| d != dropped) {
                shifts.push((chars.len(), dropped));
            }
            in_space = folded == ' ';
            chars.push(folded);
        }
        Self {
            chars,
            shifts,
            original_len,
            case,
        }
    }

    /// Length of the original text in chars.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Original char offset where folded char `index` starts (the text's end past the last).
    fn original_start(&self, index: usize) -> usize {
        if index >= self.chars.len() {
            return self.original_len;
        }
        let at = self.shifts.partition_point(|&(from, _)| from <= index);
        let dropped = at
            .checked_sub(1)
            .and_then(|i| self.shifts.get(i))
            .map_or(0, |&(_, d)| d);
        index + dropped
    }

    /// Char ranges of the original text where `needle` occurs loosely, left to right, not
    /// overlapping, at most `limit`. Spaces at the needle's ends are ignored, so a pasted
    /// phrase never takes the neighbouring line break with it.
    pub fn find(&self, needle: &str, limit: usize) -> Vec<Range<usize>> {
        let needle = fold_needle(needle, self.case);
        let Some(&first) = needle.first() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut start = 0;
        while start + needle.len() <= self.chars.len() && found.len() < limit {
            if self.chars.get(start) == Some(&first)
                && self.chars.get(start..start + needle.len()) == Some(needle.as_slice())
            {
                let end = start + needle.len();
                found.push(self.original_start(start)..self.original_start(end));
                start = end;
            } else {
                start += 1;
            }
        }
        found
    }
}

/// Char ranges of `text` where `needle` occurs loosely (see the module doc), at most `limit`.
pub fn find_loose(text: &str, needle: &str, case: Case, limit: usize) -> Vec<Range<usize>> {
    FoldedText::new(text, case).find(needle, limit)
}

/// The needle folded the same way, spaces collapsed and trimmed.
fn fold_needle(needle: &str, case: Case) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(needle.len());
    for c in needle.chars() {
        let folded = fold_char(c, case);
        if folded == ' ' && (out.is_empty() || out.last() == Some(&' ')) {
            continue;
        }
        out.push(folded);
    }
    if out.last() == Some(&' ') {
        out.pop();
    }
    out
}

/// One char as loose search sees it: any whitespace is a space; double quotes, single
/// quotes and apostrophes, and dashes and hyphens each fold to their ASCII form.
pub fn fold_char(c: char, case: Case) -> char {
    match c {
        c if c.is_whitespace() => ' ',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' => '"',
        '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' | 'ʼ' | '＇' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹘' | '﹣' | '－' => '-',
        c => match case {
            Case::Sensitive => c,
            Case::Insensitive => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => l,
                    _ => c,
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slices(text: &str, needle: &str, case: Case) -> Vec<String> {
        find_loose(text, needle, case, 100)
            .into_iter()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    #[test]
    fn spaces_quotes_and_dashes_read_as_pasted() {
        let s = Case::Sensitive;
        // (text, needle, exact text found)
        let table: &[(&str, &str, &[&str])] = &[
            (
                "said the\u{a0}NGOs\u{a0}Doctors today",
                "the NGOs Doctors",
                &["the\u{a0}NGOs\u{a0}Doctors"],
            ),
            ("a 5\u{2009}km walk", "5 km", &["5\u{2009}km"]),
            ("a 5\u{202f}km walk", "5 km", &["5\u{202f}km"]),
            ("she said “we won’t”.", "\"we won't\"", &["“we won’t”"]),
            ("the 2019–2021 plan", "2019-2021", &["2019–2021"]),
            ("the line\nbreaks here", "line breaks", &["line\nbreaks"]),
            ("two  \n\t spaces", "two spaces", &["two  \n\t spaces"]),
            (
                "pasted with  gaps",
                "pasted  with gaps",
                &["pasted with  gaps"],
            ),
            ("ends here.\nNext", " here. ", &["here."]),
            ("Bridge bridge", "bridge", &["bridge"]),
            ("abc", "", &[]),
            ("abc", "   ", &[]),
        ];
        for (text, needle, want) in table {
            assert_eq!(&slices(text, needle, s), want, "{text:?} / {needle:?}");
        }
        assert_eq!(
            slices("Bridge bridge BRIDGE", "bridge", Case::Insensitive),
            ["Bridge", "bridge", "BRIDGE"]
        );
    }

    #[test]
    fn offsets_are_chars_of_the_original_after_collapsed_runs() {
        let text = "é  \u{a0} x\n\ny  z é";
        let found = find_loose(text, "y z é", Case::Sensitive, 10);
        assert_eq!(found, vec![8..14]);
        let doc: Vec<char> = text.chars().collect();
        assert_eq!(
            doc.get(8..14).map(|c| c.iter().collect::<String>()),
            Some("y  z é".into())
        );
        assert_eq!(find_loose(text, "x y", Case::Sensitive, 10), vec![5..9]);
        assert_eq!(find_loose(text, "é x", Case::Sensitive, 10), vec![0..6]);
        assert_eq!(find_loose(text, "é", Case::Sensitive, 1), vec![0..1]);
    }
}

//! brat standoff: an `.ann` file whose offsets point into the `.txt` written beside it (the
//! canonical text, so offsets are our char offsets).
//!
//! - `T1\tclaim 10 25\tthe text`: one text-bound annotation per placed annotation, numbered
//!   in document order; a span crossing line breaks becomes fragments split at each `\n`
//!   (`T2\tquote 0 5;6 11\tfirst second`, the text being the fragments joined by a space).
//! - `R1\tSaid_by Arg1:T1 Arg2:T3`: a "said by" link from a claim/quote to its attribution.
//! - `A1\tVerdict T1 mostly-true`: a claim's verdict (left out when unreviewed).
//! - `#1\tAnnotatorNotes T1\tnote`: the note, with line breaks and tabs turned into spaces.
//!
//! Orphaned annotations have no place in the text and are left out, as are their links.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::ExportContext;
use super::report::{is_placed, numbered};
use crate::model::{AnnotationId, Document, Link, Verdict};

/// Returns (`.ann` text, `.txt` text).
pub(crate) fn to_standoff(ctx: &ExportContext<'_>) -> (String, String) {
    let doc = ctx.doc;
    let mut ann = String::new();
    let mut t_ids: HashMap<AnnotationId, usize> = HashMap::new();
    let mut attribute = 0;
    let mut note_number = 0;
    let mut t_next = 0;
    for (_, annotation) in numbered(ctx.set) {
        if !is_placed(annotation, doc) {
            continue;
        }
        let fragments = fragments(annotation.position.range(), doc);
        if fragments.is_empty() {
            continue;
        }
        t_next += 1;
        t_ids.insert(annotation.id, t_next);
        let offsets: Vec<String> = fragments
            .iter()
            .map(|r| format!("{} {}", r.start, r.end))
            .collect();
        let text: Vec<&str> = fragments.iter().map(|r| doc.slice(r.clone())).collect();
        let _ = writeln!(
            ann,
            "T{t_next}\t{} {}\t{}",
            annotation.tag,
            offsets.join(";"),
            text.join(" ")
        );
        if annotation.verdict != Verdict::Unreviewed {
            attribute += 1;
            let _ = writeln!(
                ann,
                "A{attribute}\tVerdict T{t_next} {}",
                annotation.verdict.name()
            );
        }
        if !annotation.note.trim().is_empty() {
            note_number += 1;
            let _ = writeln!(
                ann,
                "#{note_number}\tAnnotatorNotes T{t_next}\t{}",
                flatten(&annotation.note)
            );
        }
    }
    let mut relation = 0;
    for link in &ctx.set.links {
        if let Link::SaidBy {
            annotation,
            attribution,
        } = link
            && let (Some(from), Some(to)) = (t_ids.get(annotation), t_ids.get(attribution))
        {
            relation += 1;
            let _ = writeln!(ann, "R{relation}\tSaid_by Arg1:T{from} Arg2:T{to}");
        }
    }
    (ann, doc.text().to_owned())
}

/// Split a char range at newlines into non-empty fragments that contain no newline.
fn fragments(range: std::ops::Range<usize>, doc: &Document) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, c) in doc.slice(range.clone()).chars().enumerate() {
        if c == '\n' {
            let at = range.start + i;
            if at > start {
                out.push(start..at);
            }
            start = at + 1;
        }
    }
    if range.end > start {
        out.push(start..range.end);
    }
    out
}

/// A note on one line: line breaks and tabs become spaces, ends trimmed.
fn flatten(note: &str) -> String {
    note.trim()
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_split_at_newlines() {
        let doc = Document::new("ab\ncd\n\nef");
        // (1, 8): a[b\ncd\n\ne]f
        assert_eq!(fragments(1..8, &doc), vec![1..2, 3..5, 7..8]);
        assert_eq!(fragments(0..2, &doc), vec![0..2]);
        assert_eq!(fragments(2..3, &doc), Vec::<std::ops::Range<usize>>::new());
    }

    #[test]
    fn notes_flatten() {
        assert_eq!(flatten(" a\nb\r\nc\td "), "a b  c d");
    }
}

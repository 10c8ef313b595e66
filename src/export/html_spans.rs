//! The document body of the HTML report: escaped text with coloured `<mark>` highlights and
//! numbered markers. Overlapping spans stay valid HTML: the text is cut at every span edge,
//! and each piece is wrapped in one `<mark>` per span covering it (outer spans outside), all
//! closed before the next piece, so elements never cross. Pieces are also cut at line
//! starts: every line is a `<div dir="auto">` of its own (marks are reopened on the next line).
//!
//! ```text
//! spans (0, 9): [The mayor] and (4, 15): The [mayor said]
//! [1]<mark 1>The </mark><mark 1>[2]<mark 2>mayor</mark></mark><mark 2> said</mark>
//! ```

use std::fmt::Write as _;

use super::escape::{escape_html, write_html_visible};
use crate::model::invisible::flag_chars_in;
use crate::model::{Annotation, Document};

/// One span to draw: its number in the report, CSS class and tooltip.
pub(crate) struct Highlight<'a> {
    /// The annotation.
    pub annotation: &'a Annotation,
    /// Its report number.
    pub number: usize,
    /// CSS class giving its colour (`t0`, `t1` … or `tx`).
    pub class: String,
}

/// The document text as HTML with highlights; `highlights` must be placed on `doc`.
pub(crate) fn document_html(doc: &Document, highlights: &[Highlight<'_>]) -> String {
    let len = doc.char_len();
    let mut edges: Vec<usize> = vec![0, len];
    let line_starts: Vec<usize> = doc
        .line_starts()
        .iter()
        .copied()
        .filter(|&s| s > 0 && s < len)
        .collect();
    edges.extend(&line_starts);
    for h in highlights {
        edges.push(h.annotation.position.char_start.min(len));
        edges.push(h.annotation.position.char_end.min(len));
    }
    edges.sort_unstable();
    edges.dedup();
    let mut order: Vec<&Highlight<'_>> = highlights.iter().collect();
    order.sort_by_key(|h| {
        (
            h.annotation.position.char_start,
            std::cmp::Reverse(h.annotation.position.char_end),
            h.number,
        )
    });
    let mut out = String::with_capacity(doc.text().len() * 2);
    out.push_str(LINE_OPEN);
    for pair in edges.windows(2) {
        let [start, end] = *pair else { continue };
        if line_starts.binary_search(&start).is_ok() {
            out.push_str("</div>");
            out.push_str(LINE_OPEN);
        }
        let covering: Vec<&&Highlight<'_>> = order
            .iter()
            .filter(|h| {
                h.annotation.position.char_start <= start && h.annotation.position.char_end >= end
            })
            .collect();
        for h in &covering {
            if h.annotation.position.char_start == start {
                let _ = write!(
                    out,
                    "<sup class=\"marker {class}\" id=\"m{n}\"><a href=\"#a{n}\">{n}</a></sup>",
                    class = h.class,
                    n = h.number
                );
            }
            let _ = write!(
                out,
                "<mark class=\"{}\" title=\"{} {}\">",
                h.class,
                h.number,
                escape_html(&h.annotation.tag)
            );
        }
        // The chars around the piece judge a joiner at its edge (it may cut an emoji).
        let around = |at: usize| doc.slice(at..at + 1).chars().next();
        let before = start.checked_sub(1).and_then(around);
        write_html_visible(
            &mut out,
            flag_chars_in(before, doc.slice(start..end), around(end)),
        );
        for _ in &covering {
            out.push_str("</mark>");
        }
    }
    out.push_str("</div>");
    out
}

/// Each line is its own block with `dir="auto"`, so a Hebrew or Arabic line reads right to
/// left and the English line after it left to right. The line's `\n` stays inside it.
const LINE_OPEN: &str = "<div class=\"line\" dir=\"auto\">";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn annotation(doc: &Document, range: std::ops::Range<usize>) -> Annotation {
        let now = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default();
        Annotation::new(doc, range, "claim", "t", now)
    }

    #[test]
    fn lines_are_blocks_and_marks_reopen() {
        let doc = Document::new("ab\n\ncd");
        let a = annotation(&doc, 1..5);
        let highlights = [Highlight {
            annotation: &a,
            number: 1,
            class: "t0".into(),
        }];
        let open = "<div class=\"line\" dir=\"auto\">";
        let mark = "<mark class=\"t0\" title=\"1 claim\">";
        assert_eq!(
            document_html(&doc, &highlights),
            format!(
                "{open}a<sup class=\"marker t0\" id=\"m1\"><a href=\"#a1\">1</a></sup>\
                 {mark}b\n</mark></div>{open}{mark}\n</mark></div>{open}{mark}c</mark>d</div>"
            )
        );
    }

    #[test]
    fn overlapping_spans_nest_without_crossing() {
        let doc = Document::new("The mayor said <so>");
        let a = annotation(&doc, 0..9);
        let b = annotation(&doc, 4..14);
        let c = annotation(&doc, 15..19);
        let highlights = [
            Highlight {
                annotation: &a,
                number: 1,
                class: "t0".into(),
            },
            Highlight {
                annotation: &b,
                number: 2,
                class: "t1".into(),
            },
            Highlight {
                annotation: &c,
                number: 3,
                class: "t0".into(),
            },
        ];
        let html = document_html(&doc, &highlights);
        assert_eq!(
            html,
            "<div class=\"line\" dir=\"auto\"><sup class=\"marker t0\" id=\"m1\"><a href=\"#a1\">1</a></sup>\
             <mark class=\"t0\" title=\"1 claim\">The </mark>\
             <mark class=\"t0\" title=\"1 claim\">\
             <sup class=\"marker t1\" id=\"m2\"><a href=\"#a2\">2</a></sup>\
             <mark class=\"t1\" title=\"2 claim\">mayor</mark></mark>\
             <mark class=\"t1\" title=\"2 claim\"> said</mark> \
             <sup class=\"marker t0\" id=\"m3\"><a href=\"#a3\">3</a></sup>\
             <mark class=\"t0\" title=\"3 claim\">&lt;so&gt;</mark></div>"
        );
    }
}

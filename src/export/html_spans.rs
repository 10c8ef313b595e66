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

use maud::{Markup, Render, html};

use super::escape::write_html_visible;
use crate::model::invisible::flag_chars_in;
use crate::model::text::PAGE_BREAK_CHAR;
use crate::model::{Annotation, Document};

/// A piece of the document's text, rendered like `Visible` but judging the chars at its
/// edges with their neighbours in the document (a piece may end inside an emoji sequence).
struct Piece<'a> {
    doc: &'a Document,
    start: usize,
    end: usize,
}

impl Render for Piece<'_> {
    fn render_to(&self, buffer: &mut String) {
        let around = |at: usize| self.doc.slice(at..at + 1).chars().next();
        let before = self.start.checked_sub(1).and_then(around);
        let text = self.doc.slice(self.start..self.end);
        write_html_visible(buffer, flag_chars_in(before, text, around(self.end)));
    }
}

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
pub(crate) fn document_html(doc: &Document, highlights: &[Highlight<'_>]) -> Markup {
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
    // Pieces of text between edges, grouped by line.
    let mut lines: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
    for pair in edges.windows(2) {
        let [start, end] = *pair else { continue };
        if line_starts.binary_search(&start).is_ok() {
            lines.push(Vec::new());
        }
        if let Some(line) = lines.last_mut() {
            line.push((start, end));
        }
    }
    let covering = |start: usize, end: usize| -> Vec<&Highlight<'_>> {
        order
            .iter()
            .copied()
            .filter(|h| {
                h.annotation.position.char_start <= start && h.annotation.position.char_end >= end
            })
            .collect()
    };
    // Each line is its own block with `dir="auto"`, so a Hebrew or Arabic line reads right
    // to left and the English line after it left to right. The line's `\n` stays inside it.
    // A PDF's page break (a form feed line) is a rule with the number of the page after it.
    let page_after = |line: &[(usize, usize)]| -> Option<usize> {
        let start = line.first()?.0;
        let end = line.last()?.1;
        let text = doc.slice(start..end);
        let is_break = text.trim_end_matches('\n') == PAGE_BREAK_CHAR.to_string();
        (is_break && end < len)
            .then(|| doc.line_col(end).page.map(|at| at.page))
            .flatten()
    };
    html! {
        @for line in &lines {
            @if let Some(page) = page_after(line) {
                div.line.page-break role="separator" { "page " (page) "\n" }
            } @else {
                div.line dir="auto" {
                    @for &(start, end) in line {
                        (piece(&covering(start, end), Piece { doc, start, end }))
                    }
                }
            }
        }
    }
}

/// `text` inside one `<mark>` per covering span (outer first), each span's marker placed
/// before its mark where the span starts.
fn piece(covering: &[&Highlight<'_>], text: Piece<'_>) -> Markup {
    let start = text.start;
    let Some((h, inner)) = covering.split_first() else {
        return html! { (text) };
    };
    html! {
        @if h.annotation.position.char_start == start {
            sup class={ "marker " (h.class) } id={ "m" (h.number) } {
                a href={ "#a" (h.number) } { (h.number) }
            }
        }
        mark class=(h.class) title={ (h.number) " " (h.annotation.tag) } {
            (piece(inner, text))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_breaks_are_rules_naming_the_next_page() {
        let doc = Document::new("one\n\u{c}\ntwo\n\u{c}\nthree");
        let html = document_html(&doc, &[]).into_string();
        assert!(
            html.contains("<div class=\"line page-break\" role=\"separator\">page 2\n</div>"),
            "{html}"
        );
        assert!(html.contains(">page 3\n</div>"), "{html}");
        assert!(!html.contains("U+000C"), "{html}");
    }
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
            document_html(&doc, &highlights).into_string(),
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
        let html = document_html(&doc, &highlights).into_string();
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

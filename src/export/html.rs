//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
//! assets) under a strict Content-Security-Policy, so a report opened from disk or a mail
//! attachment can run nothing and load nothing.
//!
//! Sections: header (title, document, reviewer), summary (SVG bar charts per tag and per
//! verdict), legend, the document with highlights and numbered markers, the claims table
//! (verdict, said by, note, evidence) and a table of the other annotations. It renders the
//! [`ReportView`] through `maud`, which escapes every inserted value; text from the set or
//! the document is inserted as `Visible`, which also shows invisible characters. Only
//! http/https URLs become links (`rel="noopener noreferrer"`), others are shown as text.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::ExportContext;
use super::escape::Visible;
use super::html_chart::{Bar, bar_chart, verdict_color};
use super::html_spans::{Highlight, document_html};
use super::report::{EvidenceView, ItemView, Linked, ReportView};
use crate::model::{AnchorStatus, Verdict};

/// The policy: nothing loads, nothing runs; inline styles and data: images only.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;\
color:#222;max-width:1100px;margin:0 auto;padding:16px 24px;background:#fff}\
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}\
.meta{color:#555;margin:.2em 0}\
.doc{white-space:pre-wrap;word-wrap:break-word;border:1px solid #ddd;border-radius:6px;\
padding:12px 16px;background:#fcfcfc;line-height:1.9}\
.line{min-height:1.9em}mark{color:inherit;border-radius:2px;padding:1px 0}\
.page-break{display:flex;align-items:center;color:#888;font-size:.8em}\
.page-break::before,.page-break::after{content:\"\";flex:1;border-top:1px solid #ccc;margin:0 .8em}\
.marker{font-size:.7em;font-weight:bold;padding:0 3px;margin-right:1px;border-radius:3px}\
.marker a{color:#222;text-decoration:none}\
table{border-collapse:collapse;width:100%;margin:.5em 0}\
th,td{border:1px solid #ddd;padding:5px 8px;vertical-align:top;text-align:left}\
th{background:#f3f3f3}td.num a{color:#222}\
.quote{white-space:pre-wrap;unicode-bidi:plaintext}\
.invisible{font-size:.75em;color:#a00;border:1px solid #a00;border-radius:3px;padding:0 2px}.note{white-space:pre-wrap;color:#333}\
.badge{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:.85em;\
white-space:nowrap}\
.status{color:#a00;font-size:.85em}\
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px}\
.swatch{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;\
margin-right:4px;border:1px solid #0003}\
ul.ev{margin:0;padding-left:1.1em}.stance{font-size:.8em;font-weight:bold;\
text-transform:uppercase;margin-right:4px}.supports{color:#2e7d32}.refutes{color:#c62828}\
.context{color:#555}.charts{display:flex;flex-wrap:wrap;gap:24px}\
.chart text{font:13px system-ui,sans-serif;fill:#222}.chart .chart-title{font-weight:bold}\
footer{margin-top:2em;color:#777;font-size:.85em}";

pub(crate) fn to_html(ctx: &ExportContext<'_>) -> String {
    let view = ReportView::new(ctx);
    let page = html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta http-equiv="Content-Security-Policy" content=(CSP); "\n"
                meta name="referrer" content="no-referrer"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { (view.title) } "\n"
                // CSS is raw text: a constant, and rules built from validated #rrggbb colours.
                style { (PreEscaped(STYLE)) "\n" (PreEscaped(tag_styles(ctx))) } "\n"
            } "\n"
            body {
                "\n"
                (header(&view))
                (summary(ctx, &view))
                (legend(ctx))
                (document(ctx, &view))
                (tables(ctx, &view))
                footer { (view.footer) } "\n"
            } "\n"
        } "\n"
    };
    page.into_string()
}

/// CSS class of a tag: `t{index}` for defined tags, `tx` for unknown ones.
fn tag_class(ctx: &ExportContext<'_>, tag: &str) -> String {
    ctx.set
        .tags
        .iter()
        .position(|t| t.name == tag)
        .map_or_else(|| "tx".to_owned(), |i| format!("t{i}"))
}

fn tag_styles(ctx: &ExportContext<'_>) -> String {
    let mut css = String::from(".tx{background:#9b9b9b59}.sx{background:#9b9b9b}");
    for (i, tag) in ctx.set.tags.iter().enumerate() {
        // #rrggbb plus alpha 0x59 (35 %) so overlapping marks stay readable.
        css.push_str(&format!(
            ".t{i}{{background:{}59}}.s{i}{{background:{}}}",
            tag.color, tag.color
        ));
    }
    css
}

/// A link if it has a web address, else the text.
fn link(linked: Linked<'_>) -> Markup {
    html! {
        @if let Some(href) = linked.href {
            a href=(href) rel="noopener noreferrer" { (Visible(linked.text)) }
        } @else {
            (Visible(linked.text))
        }
    }
}

fn header(view: &ReportView<'_>) -> Markup {
    html! {
        header {
            "\n"
            h1 { (Visible(view.title)) } "\n"
            p.meta {
                "Document: " (link(view.document))
                @if let Some(author) = view.author { ", by " (Visible(author)) }
                @if let Some(published) = view.published { ", published " (Visible(published)) }
                @if let Some(retrieved) = &view.retrieved { ", retrieved " (retrieved) }
            } "\n"
            @if let Some(reviewer) = view.reviewer {
                p.meta { "Reviewed by " (link(reviewer)) } "\n"
            }
            @if !view.annotators.is_empty() {
                p.meta {
                    "Annotated by "
                    @for (i, (name, count)) in view.annotators.iter().enumerate() {
                        @if i > 0 { ", " }
                        (Visible(name)) " (" (count) ")"
                    }
                } "\n"
            }
            @if let Some(review) = view.review {
                p.meta { "Review: " (link(review)) } "\n"
            }
        } "\n"
    }
}

fn summary(ctx: &ExportContext<'_>, view: &ReportView<'_>) -> Markup {
    let tag_bars: Vec<Bar> = view
        .counts
        .tags
        .iter()
        .map(|(name, count)| Bar {
            label: name.clone(),
            count: *count,
            color: ctx
                .set
                .tag(name)
                .map_or_else(|| "#9b9b9b".to_owned(), |t| t.color.to_string()),
        })
        .collect();
    let verdict_bars: Vec<Bar> = view
        .counts
        .verdicts
        .iter()
        .map(|(verdict, count)| Bar {
            label: verdict.label().to_owned(),
            count: *count,
            color: verdict_color(*verdict).to_owned(),
        })
        .collect();
    html! {
        section {
            "\n" h2 { "Summary" } "\n"
            p { (view.summary) } "\n"
            div.charts {
                "\n" (bar_chart("Annotations per tag", &tag_bars))
                "\n" (bar_chart("Claims per verdict", &verdict_bars)) "\n"
            } "\n"
        } "\n"
    }
}

fn legend(ctx: &ExportContext<'_>) -> Markup {
    html! {
        section {
            "\n" h2 { "Legend" } "\n"
            ul.legend {
                "\n"
                @for (i, tag) in ctx.set.tags.iter().enumerate() {
                    li { span class={ "swatch s" (i) } {} (tag.name) } "\n"
                }
            } "\n"
        } "\n"
    }
}

fn document(ctx: &ExportContext<'_>, view: &ReportView<'_>) -> Markup {
    let highlights: Vec<Highlight<'_>> = view
        .items
        .iter()
        .filter(|item| item.location.is_some())
        .map(|item| Highlight {
            annotation: item.annotation,
            number: item.number,
            class: tag_class(ctx, &item.annotation.tag),
        })
        .collect();
    html! {
        section {
            "\n" h2 { "Document" } "\n"
            div.doc { (document_html(ctx.doc, &highlights)) } "\n"
        } "\n"
    }
}

fn tables(ctx: &ExportContext<'_>, view: &ReportView<'_>) -> Markup {
    let (claims, others): (Vec<&ItemView<'_>>, Vec<&ItemView<'_>>) = view
        .items
        .iter()
        .partition(|item| item.annotation.is_claim());
    let claim_rows = html! {
        @for item in &claims {
            tr id={ "a" (item.number) } {
                (number_cell(item))
                (quote_cell(item))
                td {
                    (verdict_badge(item.annotation.verdict))
                    @if let Some(line) = &item.review_line { br; small.signoff { (Visible(line)) } }
                }
                (said_by_cell(item))
                (note_and_evidence_cells(item))
            } "\n"
        }
        @if claims.is_empty() {
            tr { td colspan="6" { "No claims." } } "\n"
        }
    };
    let other_rows = html! {
        @for item in &others {
            tr id={ "a" (item.number) } {
                (number_cell(item))
                td {
                    span class={
                        "swatch s" (tag_class(ctx, &item.annotation.tag).trim_start_matches('t'))
                    } {}
                    (item.annotation.tag)
                }
                (quote_cell(item))
                (said_by_cell(item))
                (note_and_evidence_cells(item))
            } "\n"
        }
    };
    html! {
        (table_section("Claims", &["#", "Claim", "Verdict", "Said by", "Note", "Evidence"], claim_rows))
        @if !others.is_empty() {
            (table_section("Other annotations", &["#", "Tag", "Text", "Said by", "Note", "Evidence"], other_rows))
        }
    }
}

/// Who said it: the attribution's text, linked to its row when it is in the report.
fn said_by_cell(item: &ItemView<'_>) -> Markup {
    html! {
        td {
            @if let Some(said_by) = item.said_by {
                @if let Some(number) = item.said_by_number {
                    a href={ "#a" (number) } { (Visible(said_by)) " (" (number) ")" }
                } @else {
                    (Visible(said_by))
                }
            }
        }
    }
}

/// A titled section holding one table with these column headings.
fn table_section(heading: &str, columns: &[&str], rows: Markup) -> Markup {
    html! {
        section {
            "\n" h2 { (heading) } "\n"
            table {
                "\n"
                thead { tr { @for column in columns { th { (column) } } } } "\n"
                tbody { "\n" (rows) } "\n"
            } "\n"
        } "\n"
    }
}

/// The quote, with a warning when it is not exactly where it was.
fn quote_cell(item: &ItemView<'_>) -> Markup {
    html! { td.quote { (Visible(&item.annotation.quote.exact)) (status_note(item)) } }
}

fn note_and_evidence_cells(item: &ItemView<'_>) -> Markup {
    html! {
        td.note { (Visible(&item.annotation.note)) }
        td { (evidence_list(&item.evidence)) }
    }
}

/// The `#` cell: a link back to the marker in the text (placed annotations) and the line.
fn number_cell(item: &ItemView<'_>) -> Markup {
    html! {
        td.num {
            @if let Some(at) = item.location {
                a href={ "#m" (item.number) } { (item.number) } br; small { (at) }
            } @else {
                (item.number)
            }
        }
    }
}

fn status_note(item: &ItemView<'_>) -> Markup {
    html! {
        @match item.annotation.status {
            AnchorStatus::Orphaned => {
                br; span.status { "orphaned: not found in the document" }
            }
            AnchorStatus::Fuzzy { score } => {
                br; span.status { "approximate match (" (format!("{:.0}", score * 100.0)) " %), check it" }
            }
            AnchorStatus::Exact | AnchorStatus::Moved => {}
        }
    }
}

fn verdict_badge(verdict: Verdict) -> Markup {
    let color = if verdict == Verdict::Unreviewed {
        "#9e9e9e"
    } else {
        verdict_color(verdict)
    };
    html! {
        span.badge style={ "background:" (color) } { (verdict.label()) }
    }
}

fn evidence_list(evidence: &[EvidenceView<'_>]) -> Markup {
    html! {
        @if !evidence.is_empty() {
            ul.ev {
                @for e in evidence {
                    li {
                        span class={ "stance " (e.stance.name()) } { (e.stance.name()) }
                        (link(e.title))
                        @if let Some(url) = e.bad_url { " " small { "(" (Visible(url)) ")" } }
                        @if let Some(archived) = e.archived { " (" (link(archived)) ")" }
                        @if let Some(snapshot) = &e.snapshot {
                            " · " a href=(snapshot.href) title={ "Kept copy, SHA-256 " (snapshot.sha256) } { "snapshot" }
                            " (retrieved " (snapshot.retrieved) ")"
                        }
                        @if let Some(path) = e.file { " " small { "(file " (Visible(path)) ")" } }
                        @if let Some(note) = e.note { " — " (Visible(note)) }
                    }
                }
            }
        }
    }
}

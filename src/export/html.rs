//! The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external
//! assets) under a strict Content-Security-Policy, so a report opened from disk or a mail
//! attachment can run nothing and load nothing.
//!
//! Sections: header (title, document, reviewer), summary (SVG bar charts per tag and per
//! verdict), legend, the document with highlights and numbered markers, the claims table
//! (verdict, said by, note, evidence) and a table of the other annotations. Every piece of
//! text from the set or the document goes through [`escape_html`]; only http/https URLs
//! become links (`rel="noopener noreferrer"`), others are shown as text.

use std::fmt::Write as _;

use super::ExportContext;
use super::escape::{escape_html, escape_html_visible as visible, is_web_url};
use super::html_chart::{Bar, bar_chart, verdict_color};
use super::html_spans::{Highlight, document_html};
use super::report::{counts, evidence_title, is_placed, location, numbered};
use crate::model::{AnchorStatus, Annotation, EvidenceKind, Verdict};

/// The policy: nothing loads, nothing runs; inline styles and data: images only.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;\
color:#222;max-width:1100px;margin:0 auto;padding:16px 24px;background:#fff}\
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}\
.meta{color:#555;margin:.2em 0}\
.doc{white-space:pre-wrap;word-wrap:break-word;border:1px solid #ddd;border-radius:6px;\
padding:12px 16px;background:#fcfcfc;line-height:1.9}\
.line{min-height:1.9em}mark{color:inherit;border-radius:2px;padding:1px 0}\
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
    let set = ctx.set;
    let title = if set.title.trim().is_empty() {
        ctx.document_name
    } else {
        set.title.trim()
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}\n{}</style>\n</head>\n<body>\n",
        escape_html(title),
        tag_styles(ctx)
    );
    header(ctx, title, &mut out);
    summary(ctx, &mut out);
    legend(ctx, &mut out);
    document(ctx, &mut out);
    tables(ctx, &mut out);
    let _ = write!(
        out,
        "<footer>Exported {} by factmark. Offsets are characters of the canonical text.</footer>\n\
         </body>\n</html>\n",
        ctx.now.format("%Y-%m-%d %H:%M UTC")
    );
    out
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
        let _ = write!(
            css,
            ".t{i}{{background:{}59}}.s{i}{{background:{}}}",
            tag.color, tag.color
        );
    }
    css
}

/// A link if `url` is http/https, else the escaped text.
fn link_or_text(url: &str, text: &str) -> String {
    if is_web_url(url) {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape_html(url),
            visible(text)
        )
    } else {
        visible(text)
    }
}

fn header(ctx: &ExportContext<'_>, title: &str, out: &mut String) {
    let review = &ctx.set.review;
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", visible(title));
    let document = if review.document_url.trim().is_empty() {
        visible(ctx.document_name)
    } else {
        link_or_text(review.document_url.trim(), ctx.document_name)
    };
    let mut meta = format!("Document: {document}");
    if !review.document_published.trim().is_empty() {
        let _ = write!(
            meta,
            ", published {}",
            visible(review.document_published.trim())
        );
    }
    let _ = writeln!(out, "<p class=\"meta\">{meta}</p>");
    if !review.organization.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"meta\">Reviewed by {}</p>",
            link_or_text(review.organization_url.trim(), review.organization.trim())
        );
    }
    if !review.review_url.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"meta\">Review: {}</p>",
            link_or_text(review.review_url.trim(), review.review_url.trim())
        );
    }
    out.push_str("</header>\n");
}

fn summary(ctx: &ExportContext<'_>, out: &mut String) {
    let counts = counts(ctx.set);
    let tag_bars: Vec<Bar> = counts
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
    let verdict_bars: Vec<Bar> = counts
        .verdicts
        .iter()
        .map(|(verdict, count)| Bar {
            label: verdict.label().to_owned(),
            count: *count,
            color: verdict_color(*verdict).to_owned(),
        })
        .collect();
    let total = ctx.set.annotations.len();
    let orphaned = ctx
        .set
        .annotations
        .iter()
        .filter(|a| a.status == AnchorStatus::Orphaned)
        .count();
    let _ = write!(
        out,
        "<section>\n<h2>Summary</h2>\n<p>{total} annotation(s), {} claim(s)",
        ctx.set.annotations.iter().filter(|a| a.is_claim()).count()
    );
    if orphaned > 0 {
        let _ = write!(out, ", {orphaned} orphaned (not found in the document)");
    }
    let _ = writeln!(
        out,
        ".</p>\n<div class=\"charts\">\n{}\n{}\n</div>\n</section>",
        bar_chart("Annotations per tag", &tag_bars),
        bar_chart("Claims per verdict", &verdict_bars)
    );
}

fn legend(ctx: &ExportContext<'_>, out: &mut String) {
    out.push_str("<section>\n<h2>Legend</h2>\n<ul class=\"legend\">\n");
    for (i, tag) in ctx.set.tags.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><span class=\"swatch s{i}\"></span>{}</li>",
            escape_html(&tag.name)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

fn document(ctx: &ExportContext<'_>, out: &mut String) {
    let highlights: Vec<Highlight<'_>> = numbered(ctx.set)
        .into_iter()
        .filter(|(_, a)| is_placed(a, ctx.doc))
        .map(|(number, annotation)| Highlight {
            annotation,
            number,
            class: tag_class(ctx, &annotation.tag),
        })
        .collect();
    let _ = writeln!(
        out,
        "<section>\n<h2>Document</h2>\n<div class=\"doc\">{}</div>\n</section>",
        document_html(ctx.doc, &highlights)
    );
}

fn tables(ctx: &ExportContext<'_>, out: &mut String) {
    let all = numbered(ctx.set);
    let (claims, others): (Vec<_>, Vec<_>) = all.iter().partition(|(_, a)| a.is_claim());
    out.push_str(
        "<section>\n<h2>Claims</h2>\n<table>\n<thead><tr><th>#</th><th>Claim</th>\
         <th>Verdict</th><th>Said by</th><th>Note</th><th>Evidence</th></tr></thead>\n<tbody>\n",
    );
    for (number, annotation) in &claims {
        let said_by = ctx
            .set
            .said_by(annotation.id)
            .map(|a| visible(&a.quote.exact))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr id=\"a{number}\">{}<td class=\"quote\">{}{}</td><td>{}</td><td>{said_by}</td>\
             <td class=\"note\">{}</td><td>{}</td></tr>",
            number_cell(*number, annotation, ctx),
            visible(&annotation.quote.exact),
            status_note(annotation),
            verdict_badge(annotation.verdict),
            visible(&annotation.note),
            evidence_list(ctx, annotation)
        );
    }
    if claims.is_empty() {
        out.push_str("<tr><td colspan=\"6\">No claims.</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    if others.is_empty() {
        return;
    }
    out.push_str(
        "<section>\n<h2>Other annotations</h2>\n<table>\n<thead><tr><th>#</th><th>Tag</th>\
         <th>Text</th><th>Note</th><th>Evidence</th></tr></thead>\n<tbody>\n",
    );
    for (number, annotation) in &others {
        let _ = writeln!(
            out,
            "<tr id=\"a{number}\">{}<td><span class=\"swatch s{}\"></span>{}</td>\
             <td class=\"quote\">{}{}</td><td class=\"note\">{}</td><td>{}</td></tr>",
            number_cell(*number, annotation, ctx),
            tag_class(ctx, &annotation.tag).trim_start_matches('t'),
            escape_html(&annotation.tag),
            visible(&annotation.quote.exact),
            status_note(annotation),
            visible(&annotation.note),
            evidence_list(ctx, annotation)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// The `#` cell: a link back to the marker in the text (placed annotations) and the line.
fn number_cell(number: usize, annotation: &Annotation, ctx: &ExportContext<'_>) -> String {
    if is_placed(annotation, ctx.doc) {
        format!(
            "<td class=\"num\"><a href=\"#m{number}\">{number}</a><br><small>{}</small></td>",
            location(annotation, ctx.doc)
        )
    } else {
        format!("<td class=\"num\">{number}</td>")
    }
}

fn status_note(annotation: &Annotation) -> String {
    match annotation.status {
        AnchorStatus::Orphaned => {
            "<br><span class=\"status\">orphaned: not found in the document</span>".to_owned()
        }
        AnchorStatus::Fuzzy { score } => format!(
            "<br><span class=\"status\">approximate match ({:.0} %), check it</span>",
            score * 100.0
        ),
        AnchorStatus::Exact | AnchorStatus::Moved => String::new(),
    }
}

fn verdict_badge(verdict: Verdict) -> String {
    if verdict == Verdict::Unreviewed {
        return "<span class=\"badge\" style=\"background:#9e9e9e\">Unreviewed</span>".into();
    }
    format!(
        "<span class=\"badge\" style=\"background:{}\">{}</span>",
        verdict_color(verdict),
        verdict.label()
    )
}

fn evidence_list(ctx: &ExportContext<'_>, annotation: &Annotation) -> String {
    let items: Vec<String> = ctx
        .set
        .evidence_of(annotation.id)
        .map(|(evidence, stance)| {
            let title = evidence_title(evidence);
            let body = match &evidence.kind {
                EvidenceKind::Url { url, archived_url } => {
                    let mut text = link_or_text(url, title);
                    if !is_web_url(url) {
                        let _ = write!(text, " <small>({})</small>", visible(url));
                    }
                    if let Some(archived) = archived_url {
                        let _ = write!(text, " ({})", link_or_text(archived, "archived copy"));
                    }
                    text
                }
                EvidenceKind::File { path } if path != title => {
                    format!("{} <small>(file {})</small>", visible(title), visible(path))
                }
                EvidenceKind::File { .. } | EvidenceKind::Citation { .. } => visible(title),
            };
            let note = if evidence.note.trim().is_empty() {
                String::new()
            } else {
                format!(" — {}", visible(evidence.note.trim()))
            };
            format!(
                "<li><span class=\"stance {0}\">{0}</span>{body}{note}</li>",
                stance.name()
            )
        })
        .collect();
    if items.is_empty() {
        String::new()
    } else {
        format!("<ul class=\"ev\">{}</ul>", items.join(""))
    }
}

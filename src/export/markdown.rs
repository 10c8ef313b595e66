//! The Markdown report (CommonMark + GFM tables): the HTML report's content without the
//! highlighted document. Header, counts per tag and verdict, a claims table, then every
//! annotation with its quote as a blockquote, its note and its evidence. It renders the
//! [`ReportView`]; it decides nothing about the content.
//!
//! All text goes through [`escape_markdown`] (pipes, brackets, `<` … get a backslash), so
//! a note can neither break a table nor inject HTML or links. Only http/https URLs become
//! links; `(`, `)`, `<`, `>`, quotes and backslashes in them are percent-encoded.

use std::fmt::Write as _;

use super::ExportContext;
use super::escape::escape_markdown;
use super::report::{EvidenceView, ItemView, Linked, ReportView};
use crate::model::AnchorStatus;
use crate::model::text::{Shorten, shorten};

pub(crate) fn to_markdown(ctx: &ExportContext<'_>) -> String {
    let view = ReportView::new(ctx);
    let mut out = format!("# {}\n\n", escape_markdown(view.title));
    header(&view, &mut out);
    summary(&view, &mut out);
    claims_table(&view, &mut out);
    details(&view, &mut out);
    let _ = writeln!(out, "---\n\n{}", view.footer);
    out
}

/// Escaped text cut at a word to `max_chars`.
fn short(text: &str, max_chars: usize) -> String {
    escape_markdown(&shorten(text, Shorten::words(max_chars)))
}

/// `[text](url)` for a web link, else the escaped text.
fn link(linked: Linked<'_>) -> String {
    let Some(url) = linked.href else {
        return escape_markdown(linked.text);
    };
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' | ')' | '<' | '>' | '"' | '\'' | '\\' | '`' | '|' => {
                let _ = write!(encoded, "%{:02X}", u32::from(c));
            }
            other => encoded.push(other),
        }
    }
    format!("[{}]({encoded})", escape_markdown(linked.text))
}

fn header(view: &ReportView<'_>, out: &mut String) {
    let mut document = link(view.document);
    if let Some(author) = view.author {
        let _ = write!(document, ", by {}", escape_markdown(author));
    }
    if let Some(published) = view.published {
        let _ = write!(document, ", published {}", escape_markdown(published));
    }
    if let Some(retrieved) = &view.retrieved {
        let _ = write!(document, ", retrieved {retrieved}");
    }
    let _ = writeln!(out, "- **Document:** {document}");
    if let Some(reviewer) = view.reviewer {
        let _ = writeln!(out, "- **Reviewed by:** {}", link(reviewer));
    }
    if let Some(review) = view.review {
        let _ = writeln!(out, "- **Review:** {}", link(review));
    }
    out.push('\n');
}

fn summary(view: &ReportView<'_>, out: &mut String) {
    // The summary sentence is numbers and our own words; its `(s)` must stay unescaped.
    let _ = write!(out, "## Summary\n\n{}", view.summary);
    out.push_str("\n\n| Tag | Count |\n|---|---:|\n");
    for (tag, count) in &view.counts.tags {
        let _ = writeln!(out, "| {} | {count} |", escape_markdown(tag));
    }
    if !view.counts.verdicts.is_empty() {
        out.push_str("\n| Verdict | Count |\n|---|---:|\n");
        for (verdict, count) in &view.counts.verdicts {
            let _ = writeln!(out, "| {} | {count} |", verdict.label());
        }
    }
    out.push('\n');
}

fn claims_table(view: &ReportView<'_>, out: &mut String) {
    out.push_str("## Claims\n\n");
    let claims: Vec<&ItemView<'_>> = view
        .items
        .iter()
        .filter(|item| item.annotation.is_claim())
        .collect();
    if claims.is_empty() {
        out.push_str("No claims.\n\n");
        return;
    }
    out.push_str(
        "| # | Where | Claim | Verdict | Said by | Evidence |\n|---:|---|---|---|---|---|\n",
    );
    for item in claims {
        let said_by = item.said_by.map(|s| short(s, 80)).unwrap_or_default();
        let evidence: Vec<String> = item
            .evidence
            .iter()
            .map(|e| {
                let shown = if e.is_url {
                    link(e.title)
                } else {
                    short(e.title.text, 80)
                };
                format!("{shown} ({})", e.stance.name())
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {said_by} | {} |",
            item.number,
            where_text(item),
            short(&item.annotation.quote.exact, 200),
            match &item.review_line {
                Some(line) => format!("{} ({})", item.annotation.verdict.label(), short(line, 80)),
                None => item.annotation.verdict.label().to_owned(),
            },
            evidence.join("; ")
        );
    }
    out.push('\n');
}

/// `line:column`, or the anchoring problem.
fn where_text(item: &ItemView<'_>) -> String {
    match (item.annotation.status, item.location) {
        (AnchorStatus::Orphaned, _) | (_, None) => "orphaned".to_owned(),
        (AnchorStatus::Fuzzy { score }, Some(at)) => {
            format!("{at} (approximate, {:.0} %)", score * 100.0)
        }
        (AnchorStatus::Exact | AnchorStatus::Moved, Some(at)) => at.to_string(),
    }
}

/// Multi-line text as escaped lines, each prefixed (blank lines keep the bare prefix).
fn lines_with(prefix: &str, text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| {
            let escaped = escape_markdown(line);
            if escaped.is_empty() {
                prefix.trim_end().to_owned()
            } else {
                format!("{prefix}{escaped}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A note keeping the reviewer's line breaks: lines end with a `\` hard break, blank
/// lines separate paragraphs.
fn note_lines(text: &str) -> String {
    let lines: Vec<String> = text.trim().lines().map(escape_markdown).collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let next_has_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if !line.trim().is_empty() && next_has_text {
            out.push('\\');
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
    out
}

/// `- **supports**: title (url) (archived copy) — note`.
fn evidence_item(e: &EvidenceView<'_>) -> String {
    let mut item = format!("- **{}**: {}", e.stance.name(), link(e.title));
    if let Some(url) = e.bad_url {
        let _ = write!(item, " ({})", escape_markdown(url));
    }
    if let Some(archived) = e.archived {
        let _ = write!(item, " ({})", link(archived));
    }
    if let Some(snapshot) = &e.snapshot {
        let copy = Linked {
            text: "snapshot",
            href: Some(&snapshot.href),
        };
        let _ = write!(item, " · {} (retrieved {})", link(copy), snapshot.retrieved);
    }
    if let Some(path) = e.file {
        let _ = write!(item, " (file {})", escape_markdown(path));
    }
    if let Some(note) = e.note {
        let _ = write!(item, " — {}", escape_markdown(note));
    }
    item
}

fn details(view: &ReportView<'_>, out: &mut String) {
    out.push_str("## Annotations\n\n");
    for item in &view.items {
        let annotation = item.annotation;
        let mut heading = format!("### {}. {}", item.number, escape_markdown(&annotation.tag));
        if let Some(verdict) = annotation.rated_verdict() {
            let _ = write!(heading, ": {}", verdict.label());
        }
        let _ = write!(heading, " ({})", where_text(item));
        let _ = writeln!(
            out,
            "{heading}\n\n{}\n",
            lines_with("> ", &annotation.quote.exact)
        );
        if let Some(said_by) = item.said_by {
            let _ = writeln!(out, "Said by: {}\n", short(said_by, 120));
        }
        if !annotation.author.trim().is_empty() {
            let _ = writeln!(
                out,
                "Annotated by {}.\n",
                escape_markdown(annotation.author.trim())
            );
        }
        if let Some(line) = &item.review_line {
            let _ = writeln!(out, "Review: {}.\n", short(line, 120));
        }
        if !annotation.note.trim().is_empty() {
            let _ = writeln!(out, "Note:\n\n{}\n", note_lines(&annotation.note));
        }
        let evidence: Vec<String> = item.evidence.iter().map(evidence_item).collect();
        if !evidence.is_empty() {
            let _ = writeln!(out, "Evidence:\n\n{}\n", evidence.join("\n"));
        }
    }
}

//! The Markdown report (CommonMark + GFM tables): the HTML report's content without the
//! highlighted document. Header, counts per tag and verdict, a claims table, then every
//! annotation with its quote as a blockquote, its note and its evidence.
//!
//! All text goes through [`escape_markdown`] (pipes, brackets, `<` … get a backslash), so
//! a note can neither break a table nor inject HTML or links. Only http/https URLs become
//! links; `(`, `)`, `<`, `>`, quotes and backslashes in them are percent-encoded.

use std::fmt::Write as _;

use super::ExportContext;
use super::escape::{escape_markdown, is_web_url};
use super::report::{counts, evidence_title, is_placed, location, numbered};
use crate::model::text::{Shorten, shorten};
use crate::model::{AnchorStatus, Annotation, EvidenceKind};

pub(crate) fn to_markdown(ctx: &ExportContext<'_>) -> String {
    let set = ctx.set;
    let title = if set.title.trim().is_empty() {
        ctx.document_name
    } else {
        set.title.trim()
    };
    let mut out = format!("# {}\n\n", escape_markdown(title));
    header(ctx, &mut out);
    summary(ctx, &mut out);
    claims_table(ctx, &mut out);
    details(ctx, &mut out);
    let _ = writeln!(
        out,
        "---\n\nExported {} by factmark. Offsets are characters of the canonical text.",
        ctx.now.format("%Y-%m-%d %H:%M UTC")
    );
    out
}

/// `[text](url)` for an http/https URL, else the escaped text.
fn link(url: &str, text: &str) -> String {
    if !is_web_url(url) {
        return escape_markdown(text);
    }
    let mut encoded = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' | ')' | '<' | '>' | '"' | '\'' | '\\' | '`' | '|' => {
                let _ = write!(encoded, "%{:02X}", u32::from(c));
            }
            other => encoded.push(other),
        }
    }
    format!("[{}]({encoded})", escape_markdown(text))
}

fn header(ctx: &ExportContext<'_>, out: &mut String) {
    let review = &ctx.set.review;
    let mut document = if review.document_url.trim().is_empty() {
        escape_markdown(ctx.document_name)
    } else {
        link(review.document_url.trim(), ctx.document_name)
    };
    if !review.document_published.trim().is_empty() {
        let _ = write!(
            document,
            ", published {}",
            escape_markdown(review.document_published.trim())
        );
    }
    let _ = writeln!(out, "- **Document:** {document}");
    if !review.organization.trim().is_empty() {
        let _ = writeln!(
            out,
            "- **Reviewed by:** {}",
            link(review.organization_url.trim(), review.organization.trim())
        );
    }
    if !review.review_url.trim().is_empty() {
        let url = review.review_url.trim();
        let _ = writeln!(out, "- **Review:** {}", link(url, url));
    }
    out.push('\n');
}

fn summary(ctx: &ExportContext<'_>, out: &mut String) {
    let counts = counts(ctx.set);
    let claims = ctx.set.annotations.iter().filter(|a| a.is_claim()).count();
    let orphaned = ctx
        .set
        .annotations
        .iter()
        .filter(|a| a.status == AnchorStatus::Orphaned)
        .count();
    let _ = write!(
        out,
        "## Summary\n\n{} annotation(s), {claims} claim(s)",
        ctx.set.annotations.len()
    );
    if orphaned > 0 {
        let _ = write!(out, ", {orphaned} orphaned (not found in the document)");
    }
    out.push_str(".\n\n| Tag | Count |\n|---|---:|\n");
    for (tag, count) in &counts.tags {
        let _ = writeln!(out, "| {} | {count} |", escape_markdown(tag));
    }
    if !counts.verdicts.is_empty() {
        out.push_str("\n| Verdict | Count |\n|---|---:|\n");
        for (verdict, count) in &counts.verdicts {
            let _ = writeln!(out, "| {} | {count} |", verdict.label());
        }
    }
    out.push('\n');
}

fn claims_table(ctx: &ExportContext<'_>, out: &mut String) {
    out.push_str("## Claims\n\n");
    let claims: Vec<(usize, &Annotation)> = numbered(ctx.set)
        .into_iter()
        .filter(|(_, a)| a.is_claim())
        .collect();
    if claims.is_empty() {
        out.push_str("No claims.\n\n");
        return;
    }
    out.push_str(
        "| # | Where | Claim | Verdict | Said by | Evidence |\n|---:|---|---|---|---|---|\n",
    );
    for (number, annotation) in claims {
        let said_by = ctx
            .set
            .said_by(annotation.id)
            .map(|a| escape_markdown(&shorten(&a.quote.exact, Shorten::words(80))))
            .unwrap_or_default();
        let evidence: Vec<String> = ctx
            .set
            .evidence_of(annotation.id)
            .map(|(e, stance)| {
                let title = evidence_title(e);
                let shown = match &e.kind {
                    EvidenceKind::Url { url, .. } => link(url, title),
                    EvidenceKind::File { .. } | EvidenceKind::Citation { .. } => {
                        escape_markdown(&shorten(title, Shorten::words(80)))
                    }
                };
                format!("{shown} ({})", stance.name())
            })
            .collect();
        let _ = writeln!(
            out,
            "| {number} | {} | {} | {} | {said_by} | {} |",
            where_text(ctx, annotation),
            escape_markdown(&shorten(&annotation.quote.exact, Shorten::words(200))),
            annotation.verdict.label(),
            evidence.join("; ")
        );
    }
    out.push('\n');
}

/// `line:column`, or the anchoring problem.
fn where_text(ctx: &ExportContext<'_>, annotation: &Annotation) -> String {
    match annotation.status {
        AnchorStatus::Orphaned => "orphaned".to_owned(),
        _ if !is_placed(annotation, ctx.doc) => "orphaned".to_owned(),
        AnchorStatus::Fuzzy { score } => format!(
            "{} (approximate, {:.0} %)",
            location(annotation, ctx.doc),
            score * 100.0
        ),
        AnchorStatus::Exact | AnchorStatus::Moved => location(annotation, ctx.doc).to_string(),
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

fn details(ctx: &ExportContext<'_>, out: &mut String) {
    out.push_str("## Annotations\n\n");
    for (number, annotation) in numbered(ctx.set) {
        let mut heading = format!("### {number}. {}", escape_markdown(&annotation.tag));
        if let Some(verdict) = annotation.rated_verdict() {
            let _ = write!(heading, ": {}", verdict.label());
        }
        let _ = write!(heading, " ({})", where_text(ctx, annotation));
        let _ = writeln!(
            out,
            "{heading}\n\n{}\n",
            lines_with("> ", &annotation.quote.exact)
        );
        if let Some(attribution) = ctx.set.said_by(annotation.id) {
            let _ = writeln!(
                out,
                "Said by: {}\n",
                escape_markdown(&shorten(&attribution.quote.exact, Shorten::words(120)))
            );
        }
        if !annotation.author.trim().is_empty() {
            let _ = writeln!(
                out,
                "Annotated by {}.\n",
                escape_markdown(annotation.author.trim())
            );
        }
        if !annotation.note.trim().is_empty() {
            let _ = writeln!(out, "Note:\n\n{}\n", note_lines(&annotation.note));
        }
        let evidence: Vec<String> = ctx
            .set
            .evidence_of(annotation.id)
            .map(|(e, stance)| {
                let title = evidence_title(e);
                let mut item = format!("- **{}**: ", stance.name());
                match &e.kind {
                    EvidenceKind::Url { url, archived_url } => {
                        item.push_str(&link(url, title));
                        if !is_web_url(url) {
                            let _ = write!(item, " ({})", escape_markdown(url));
                        }
                        if let Some(archived) = archived_url {
                            let _ = write!(item, " ({})", link(archived, "archived copy"));
                        }
                    }
                    EvidenceKind::File { path } => {
                        item.push_str(&escape_markdown(title));
                        if path != title {
                            let _ = write!(item, " (file {})", escape_markdown(path));
                        }
                    }
                    EvidenceKind::Citation { .. } => item.push_str(&escape_markdown(title)),
                }
                if !e.note.trim().is_empty() {
                    let _ = write!(item, " — {}", escape_markdown(e.note.trim()));
                }
                item
            })
            .collect();
        if !evidence.is_empty() {
            let _ = writeln!(out, "Evidence:\n\n{}\n", evidence.join("\n"));
        }
    }
}

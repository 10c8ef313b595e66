//! Markdown report: tables keep their columns whatever the text holds, quotes are
//! blockquotes, no raw HTML or non-web links get through.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use export_fixture::{aid, context, fixture, now, span};
use factmark::export::{Format, escape_markdown, export};
use factmark::model::{Annotation, AnnotationSet, Document, Verdict};

fn markdown(doc: &Document, set: &AnnotationSet) -> String {
    let files = export(&context(doc, set), Format::Markdown).expect("export");
    String::from_utf8(files.into_iter().next().expect("one file").bytes).expect("utf-8")
}

/// Cells of a GFM table row: split at pipes not preceded by a backslash.
fn cells(row: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count - 1
}

#[test]
fn hostile_text_keeps_tables_and_blocks_html() {
    let text = "He said | x | <script>alert(1)</script> [click](javascript:alert(1))\nline two\n";
    let doc = Document::new(text);
    let mut set = AnnotationSet::new(&doc, "x.txt", "T | <b>", now());
    let mut a = Annotation::new(&doc, 0..doc.char_len() - 1, "claim", "a|b", now());
    a.id = aid(1);
    a.verdict = Verdict::False;
    a.note = "- not a list\n# not a heading\n1. not a list".into();
    set.annotations.push(a);
    let md = markdown(&doc, &set);
    let claims = md.split("## Claims").nth(1).expect("claims section");
    let rows: Vec<&str> = claims.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 3, "{claims}");
    for row in rows {
        assert_eq!(cells(row), 6, "{row}");
    }
    let raw_angle = md
        .char_indices()
        .any(|(i, c)| c == '<' && !md[..i].ends_with('\\'));
    assert!(!raw_angle, "an unescaped < (raw HTML) in {md}");
    assert!(!md.contains("](javascript"), "a javascript link");
    assert!(
        md.contains("> He said \\| x \\| \\<script\\>alert\\(1\\)\\</script\\>"),
        "{md}"
    );
    assert!(
        md.contains("\n> line two\n"),
        "multi-line quote stays a blockquote"
    );
    assert!(
        md.contains("\n\\- not a list\\\n\\# not a heading\\\n1\\. not a list\n"),
        "{md}"
    );
    assert!(md.starts_with("# T \\| \\<b\\>\n"));
}

#[test]
fn fixture_report_links_only_web_addresses() {
    let (doc, set) = fixture();
    let md = markdown(&doc, &set);
    for (i, _) in md.match_indices("](") {
        let target = &md[i + 2..];
        assert!(
            target.starts_with("https://") || target.starts_with("http://"),
            "{}",
            &target[..20.min(target.len())]
        );
    }
    assert!(md.contains("Suspicious link (javascript:alert\\(1\\))"));
    let _ = span(&doc, "The mayor");
}

#[test]
fn escape_markdown_is_reversible_by_a_renderer() {
    // every escape is a backslash before ASCII punctuation, which CommonMark renders as the
    // character itself: removing the backslashes gives the text back (newlines become spaces)
    let text = "a|b *c* _d_ [e](f) <g> `h` #i ~j~ & \\k";
    let escaped = escape_markdown(text);
    let mut back = String::new();
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            back.push(chars.next().expect("escaped char"));
        } else {
            back.push(c);
        }
    }
    assert_eq!(back, text);
}

/// A rated claim retagged as a quote: the app hides its verdict, and so do both reports (they
/// used to count it as a claim and show its verdict).
#[test]
fn retagged_rated_claim_is_not_a_claim_in_reports() {
    let text = "The mayor said taxes fell. Critics disagree.\n";
    let doc = Document::new(text);
    let mut set = AnnotationSet::new(&doc, "x.txt", "T", now());
    let mut retagged = Annotation::new(&doc, span(&doc, "taxes fell"), "quote", "ana", now());
    retagged.id = aid(1);
    retagged.verdict = Verdict::False;
    set.annotations.push(retagged);
    let md = markdown(&doc, &set);
    assert!(md.contains("1 annotation(s), 0 claim(s)."), "{md}");
    assert!(md.contains("No claims."), "{md}");
    assert!(md.contains("### 1. quote (1:16)"), "{md}");
    assert!(!md.contains("False"), "{md}");
    let files = export(&context(&doc, &set), Format::Html).expect("export");
    let html = String::from_utf8(files[0].bytes.clone()).expect("utf-8");
    assert!(html.contains("1 annotation(s), 0 claim(s)."), "{html}");
    assert!(html.contains("No claims."), "{html}");
    assert!(!html.contains(">False<"), "{html}");
}

/// Both reports render one view: the same summary sentence and footer, word for word.
#[test]
fn html_and_markdown_reports_say_the_same_summary_and_footer() {
    let (doc, set) = fixture();
    let md = markdown(&doc, &set);
    let files = export(&context(&doc, &set), Format::Html).expect("export");
    let html = String::from_utf8(files[0].bytes.clone()).expect("utf-8");
    let summary = md
        .split("## Summary\n\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .expect("summary sentence");
    assert!(html.contains(&format!("<p>{summary}</p>")), "{summary}");
    let footer = md.lines().last().expect("footer");
    assert!(footer.starts_with("Exported "), "{footer}");
    assert!(
        html.contains(&format!("<footer>{footer}</footer>")),
        "{footer}"
    );
}

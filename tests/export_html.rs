//! HTML report: escaping of everything that comes from the set or the document, links only
//! for http/https, valid nesting with overlapping spans, and the CSP.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use export_fixture::{aid, context, fixture, now, span};
use factmark::export::{Format, escape_html, export};
use factmark::model::{Annotation, AnnotationSet, Document};

fn html_of(doc: &Document, set: &AnnotationSet) -> String {
    let files = export(&context(doc, set), Format::Html).expect("export");
    String::from_utf8(files.into_iter().next().expect("one file").bytes).expect("utf-8")
}

const VOID: [&str; 5] = ["meta", "br", "rect", "input", "img"];

/// Check that tags nest properly; return the element names in order of opening.
fn check_nesting(html: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut opened = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').expect("tag closes");
        let tag = &after[..close];
        rest = &after[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(top, name, "</{name}> closes <{top}>");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        opened.push(name.clone());
        if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    opened
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The document section's text with markers and tags removed.
fn document_text(html: &str) -> String {
    let start = html.find("<div class=\"doc\">").expect("doc") + "<div class=\"doc\">".len();
    let end = start + html[start..].find("</div>\n</section>").expect("end");
    let mut body = html[start..end].to_owned();
    while let Some(s) = body.find("<sup") {
        let e = s + body[s..].find("</sup>").expect("sup end") + "</sup>".len();
        body.replace_range(s..e, "");
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
}

#[test]
fn escape_html_table() {
    assert_eq!(escape_html("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
    assert_eq!(
        escape_html("<img src=x onerror=\"alert('x')\">"),
        "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;"
    );
}

#[test]
fn fixture_report_is_valid_and_safe() {
    let (doc, set) = fixture();
    let html = html_of(&doc, &set);
    let elements = check_nesting(&html);
    assert!(
        !elements
            .iter()
            .any(|e| e == "script" || e == "img" || e == "iframe")
    );
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:\">"
    ));
    assert_eq!(document_text(&html), doc.text());
    // Markers for every placed annotation, none for the orphan.
    for n in 2..=8 {
        assert!(html.contains(&format!("id=\"m{n}\"")), "marker {n}");
    }
    assert!(!html.contains("id=\"m1\""));
    // The javascript: evidence is text, never a link; web links carry rel.
    assert!(!html.contains("href=\"javascript"));
    assert!(html.contains("(javascript:alert(1))"));
    for (i, _) in html.match_indices("<a href=\"http") {
        let tag_end = i + html[i..].find('>').expect("end");
        assert!(
            html[i..tag_end].contains("rel=\"noopener noreferrer\""),
            "{}",
            &html[i..tag_end]
        );
    }
    assert!(html.contains("href=\"https://city.example/audit-2025?year=2025&amp;part=2\""));
    assert!(html.contains("traffic fell by 30% after the toll &lt;was&gt; introduced"));
    assert!(html.contains("He said &quot;yes&quot;, then &#39;no&#39; &lt;b&gt;bold&lt;/b&gt;"));
}

#[test]
fn injection_in_every_field_is_escaped() {
    let payload = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">&amp;";
    let text = format!("Intro {payload} outro.\n");
    let doc = Document::new(&text);
    let mut set = AnnotationSet::new(&doc, "x.txt", payload, now());
    set.review.organization = payload.into();
    set.review.organization_url = "https://org.example/\"><script>x</script>".into();
    set.review.document_url = "javascript:alert(1)".into();
    set.review.review_url = payload.into();
    let mut a = Annotation::new(&doc, span(&doc, payload), "claim", payload, now());
    a.id = aid(1);
    a.note = payload.into();
    set.annotations.push(a);
    let html = html_of(&doc, &set);
    let elements = check_nesting(&html);
    assert!(
        !elements.iter().any(|e| e == "script" || e == "img"),
        "{elements:?}"
    );
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("href=\"javascript"));
    assert!(html.contains("href=\"https://org.example/&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""));
    assert!(html.contains(&escape_html(payload)));
    assert_eq!(document_text(&html), doc.text());
}

#[test]
fn heavy_overlap_renders_valid_nesting() {
    let doc = Document::new("0123456789 abcdefghij\nklmnopqrst 👩‍👩‍👧 end");
    let mut set = AnnotationSet::new(&doc, "x.txt", "t", now());
    let ranges = [
        0..5,
        2..8,
        3..4,
        4..15,
        0..30,
        7..23,
        21..22,
        29..34,
        33..36,
    ];
    for (i, range) in ranges.iter().enumerate() {
        let tag = ["claim", "quote", "attribution"][i % 3];
        let mut a = Annotation::new(&doc, range.clone(), tag, "t", now());
        a.id = aid(i as u128);
        set.annotations.push(a);
    }
    set.normalize();
    let html = html_of(&doc, &set);
    check_nesting(&html);
    assert_eq!(document_text(&html), doc.text());
    for n in 1..=ranges.len() {
        assert!(html.contains(&format!("id=\"m{n}\"")), "marker {n}");
    }
}

#[test]
fn bidi_and_invisible_characters_are_shown() {
    // U+202E (right-to-left override) would display "evil\u{202E}txt.exe" reordered.
    let doc = Document::new("Open invoice\u{202E}fdp.exe now, zero\u{200B}width.\n");
    let mut set = AnnotationSet::new(&doc, "x.txt", "t", now());
    let mut a = Annotation::new(&doc, 0..doc.char_len() - 1, "claim", "a", now());
    a.id = aid(1);
    a.note = "note \u{2066}isolate\u{2069}".into();
    set.annotations.push(a);
    let html = html_of(&doc, &set);
    check_nesting(&html);
    for c in ['\u{202E}', '\u{200B}', '\u{2066}', '\u{2069}'] {
        assert!(!html.contains(c), "raw {c:?} in the report");
    }
    assert!(html.contains("[U+202E]</span>fdp.exe"));
    assert!(html.contains(
        "note <span class=\"invisible\" title=\"invisible character\">[U+2066]</span>isolate"
    ));
}

#[test]
fn report_links_said_by_names_annotators_and_uses_the_set_title() {
    let (doc, set) = fixture();
    let html = html_of(&doc, &set);
    assert!(
        html.contains("<h1>Harbor bridge claims</h1>"),
        "the set's title, not the file name"
    );
    assert!(
        html.contains("Annotated by bob (3), carol (3), alice (2)"),
        "reviewer names, most annotations first"
    );
    // The claim's "said by" links to the attribution's row.
    let numbered: Vec<_> = {
        let mut items: Vec<_> = set.annotations.iter().collect();
        items.sort_by_key(|a| (a.position, a.id));
        items.iter().map(|a| a.id).collect()
    };
    let number = numbered
        .iter()
        .position(|id| *id == aid(2))
        .expect("numbered")
        + 1;
    let link = format!("<a href=\"#a{number}\">The mayor ({number})</a>");
    assert!(html.contains(&link), "{link} missing");
    assert!(html.contains(&format!("<tr id=\"a{number}\">")));
    check_nesting(&html);
}

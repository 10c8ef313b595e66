//! Opening documents that are not plain text: a 300-page PDF (45 lines a page) and a 1 MB
//! HTML article, each (a) the first open, when the text is extracted and saved beside the
//! original, and (b) a reopen with a set, when the saved text is used. Prints the median of
//! 5 runs per case. Run: `cargo bench --bench formats`.
#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![allow(clippy::expect_used, reason = "a benchmark whose setup fails stops")]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{TimeZone as _, Utc};
use factmark::model::{AnnotationSet, TAG_CLAIM};
use factmark::store::canonical::text_path;
use factmark::store::{RealFs, max_document_bytes, open_document_with_set, save_set};

const PAGES: usize = 300;
const LINES_PER_PAGE: usize = 45;
const HTML_BYTES: usize = 1024 * 1024;
const RUNS: usize = 5;

#[path = "support/lcg.rs"]
mod lcg;
use lcg::Lcg;

/// A line of prose-like words, about `chars` long.
fn line(rng: &mut Lcg, chars: usize) -> String {
    const WORDS: [&str; 24] = [
        "council",
        "budget",
        "harbour",
        "ferry",
        "percent",
        "report",
        "claimed",
        "rose",
        "since",
        "the",
        "of",
        "and",
        "in",
        "2025",
        "officials",
        "spending",
        "tourism",
        "berths",
        "mayor",
        "figures",
        "were",
        "not",
        "by",
        "record",
    ];
    let mut out = String::new();
    while out.len() < chars {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(WORDS.get(rng.below(WORDS.len())).copied().unwrap_or("x"));
    }
    out
}

/// A PDF of `PAGES` pages of Helvetica text lines, with a correct cross-reference table.
fn pdf(rng: &mut Lcg) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec()); // 1
    objects.push(Vec::new()); // 2: the page tree, filled below
    let mut kids = Vec::new();
    for page in 0..PAGES {
        let mut ops = String::from("BT\n/F1 11 Tf\n60 790 Td\n16 TL\n");
        for n in 0..LINES_PER_PAGE {
            let text = if n == 0 {
                format!("Section {}", page + 1)
            } else {
                line(rng, 80)
            };
            let _ = writeln!(ops, "({text}) Tj T*");
        }
        ops.push_str("ET");
        let mut content = format!("<< /Length {} >>\nstream\n", ops.len()).into_bytes();
        content.extend_from_slice(ops.as_bytes());
        content.extend_from_slice(b"\nendstream");
        objects.push(content);
        let content_id = objects.len();
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 1 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        kids.push(format!("{} 0 R", objects.len()));
    }
    if let Some(tree) = objects.get_mut(1) {
        *tree = format!(
            "<< /Type /Pages /Kids [{}] /Count {PAGES} >>",
            kids.join(" ")
        )
        .into_bytes();
    }
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let catalog = objects.len();
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

/// An HTML page of about `HTML_BYTES`: metadata, a menu and a footer around an article of
/// headings and paragraphs.
fn html(rng: &mut Lcg) -> String {
    let mut page = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Harbour budget review</title>\
         <meta name=\"author\" content=\"Bench Writer\">\
         <meta property=\"article:published_time\" content=\"2026-11-30T08:00:00Z\">\
         </head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>Harbour budget review</h1><p class=\"byline\">By Bench Writer</p>\n",
    );
    let mut section = 0;
    while page.len() < HTML_BYTES {
        section += 1;
        let _ = writeln!(page, "<h2>Part {section}</h2>");
        for _ in 0..8 {
            let _ = writeln!(page, "<p>{}.</p>", line(rng, 400));
        }
    }
    page.push_str("</article><footer>Subscribe for more</footer></body></html>\n");
    page
}

/// Median of `RUNS` runs of `prepare` (untimed) then `open` (timed).
fn median(mut prepare: impl FnMut(), mut open: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut chars = 0;
    for _ in 0..RUNS {
        prepare();
        let started = Instant::now();
        chars = open();
        times.push(started.elapsed());
    }
    times.sort();
    (times.get(RUNS / 2).copied().unwrap_or_default(), chars)
}

fn case(name: &str, path: &Path) {
    let max = max_document_bytes().expect("max document size");
    let open = || {
        open_document_with_set(&RealFs, path, None, max)
            .expect("open")
            .doc
            .char_len()
    };
    let text = text_path(path);
    let (first, chars) = median(
        || {
            let _ = std::fs::remove_file(&text);
        },
        open,
    );
    // Save a set (one claim), so a reopen trusts the saved text.
    let opened = open_document_with_set(&RealFs, path, None, max).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut set = AnnotationSet::new(&opened.doc, "bench", "Bench", now);
    opened.prepare_new_set(&mut set);
    set.annotations.push(factmark::model::Annotation::new(
        &opened.doc,
        0..10,
        TAG_CLAIM,
        "ana",
        now,
    ));
    save_set(&RealFs, &opened.set_path, &set, None, false).expect("save set");
    let (reopen, _) = median(|| {}, open);
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{name} ({:.1} MB, {chars} chars of text): first open (extract) median {:.0} ms; reopen with set (saved text) median {:.0} ms; {RUNS} runs each",
        size as f64 / 1e6,
        first.as_secs_f64() * 1000.0,
        reopen.as_secs_f64() * 1000.0,
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rng = Lcg(20_261_202);
    let pdf_path = dir.path().join("report.pdf");
    std::fs::write(&pdf_path, pdf(&mut rng)).expect("write pdf");
    let html_path = dir.path().join("article.html");
    std::fs::write(&html_path, html(&mut rng)).expect("write html");
    case(&format!("{PAGES}-page PDF"), &pdf_path);
    case("1 MB HTML page", &html_path);
}

//! Agreement benchmark: three reviewers' sets of 10,000 annotations each over a ~10 MB
//! document (each reviewer moves an edge, changes a tag or leaves out about 1 span in 10),
//! the whole `factmark agree` computation (per-tag figures, kappa, alpha) and the compare
//! view's disagreement list. Prints the median of 9 runs. Run: `cargo bench --bench agree`.
#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::time::{Duration, Instant};

use factmark::model::Document;
use factmark::model::agreement::{Coding, agreement, disagreements};

const ANNOTATIONS: usize = 10_000;
const RUNS: usize = 9;
const TAGS: [&str; 3] = ["claim", "quote", "attribution"];

#[path = "support/lcg.rs"]
mod lcg;
use lcg::Lcg;

/// About 10 MB of numbered words.
fn document() -> Document {
    let text: String = (0..1_000_000).map(|n| format!("word{n:05} ")).collect();
    Document::new(&text)
}

/// One reviewer: span `n` starts near `n · 1000` chars; `rng` decides the differences.
fn coding(rng: &mut Lcg, exact_copy: bool) -> Coding {
    let spans = (0..ANNOTATIONS).filter_map(|n| {
        let mut start = n * 1000 + 100;
        let mut end = start + 60;
        let mut tag = TAGS.get(n % 3).copied().unwrap_or("claim");
        if !exact_copy {
            match rng.below(30) {
                0 => return None,
                1 => start += 5,
                2 => end += 7,
                3 => tag = TAGS.get((n + 1) % 3).copied().unwrap_or("claim"),
                _ => {}
            }
        }
        Some((tag, start..end))
    });
    Coding::from_spans(spans)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let doc = document();
    let mut rng = Lcg(7);
    let codings = vec![
        coding(&mut rng, true),
        coding(&mut rng, false),
        coding(&mut rng, false),
    ];
    let mut figures = Vec::new();
    let mut listing = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let result = agreement(&doc, &codings);
        figures.push(started.elapsed());
        let started = Instant::now();
        let found = match codings.as_slice() {
            [a, b, ..] => disagreements(a, b),
            _ => Vec::new(),
        };
        listing.push(started.elapsed());
        last = Some((result, found.len()));
    }
    if let Some((result, found)) = last {
        println!(
            "{} chars, 3 sets x {ANNOTATIONS} annotations: kappa {:?}, alpha {:?}, {found} disagreements",
            doc.char_len(),
            result.kappa,
            result.alpha
        );
    }
    println!(
        "agreement (tags, kappa, alpha): median {:?} over {RUNS} runs",
        median(figures)
    );
    println!(
        "disagreements of A and B: median {:?} over {RUNS} runs",
        median(listing)
    );
}

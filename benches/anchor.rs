//! Re-anchoring benchmark: 10,000 annotations on a ~10 MB synthetic document.
//!
//! Cases: (a) the same document, (b) a paragraph inserted at the top, (c) 1% of sentences
//! edited; plus (d) an unrelated document (worst case: all fuzzy searches). Prints the median of 5 runs per case. Run: `cargo bench --bench anchor`.
#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::time::{Duration, Instant};

use chrono::{TimeZone as _, Utc};
use factmark::model::{AnchorSummary, Annotation, AnnotationSet, Document, anchor_set};

const TARGET_BYTES: usize = 10 * 1024 * 1024;
const ANNOTATIONS: usize = 10_000;
const RUNS: usize = 5;

#[path = "support/lcg.rs"]
mod lcg;
use lcg::Lcg;

/// A vocabulary of pseudo-words built from syllables.
fn vocabulary(rng: &mut Lcg) -> Vec<String> {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pre", "str", "an", "el", "or", "us",
        "ber", "dan", "gel", "hor", "jin", "qua", "wen", "yol", "zed", "ché",
    ];
    (0..3000)
        .map(|_| {
            (0..1 + rng.below(3))
                .filter_map(|_| SYLLABLES.get(rng.below(SYLLABLES.len())).copied())
                .collect()
        })
        .collect()
}

/// Sentences of 6–20 words, each a list of vocabulary indices.
fn sentences(rng: &mut Lcg, words: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        let sentence: Vec<usize> = (0..6 + rng.below(15)).map(|_| rng.below(words)).collect();
        bytes += sentence.len() * 6;
        out.push(sentence);
    }
    out
}

/// The text, and the char range of each sentence.
fn render(
    vocab: &[String],
    sentences: &[Vec<usize>],
    top: &str,
) -> (String, Vec<std::ops::Range<usize>>) {
    let mut text = String::from(top);
    let mut chars = text.chars().count();
    let mut ranges = Vec::with_capacity(sentences.len());
    for (index, sentence) in sentences.iter().enumerate() {
        let start = chars;
        for (position, word) in sentence.iter().enumerate() {
            let word = vocab.get(*word).map_or("x", String::as_str);
            if position > 0 {
                text.push(' ');
                chars += 1;
            }
            text.push_str(word);
            chars += word.chars().count();
        }
        text.push('.');
        chars += 1;
        ranges.push(start..chars);
        let gap = if index % 6 == 5 { "\n\n" } else { " " };
        text.push_str(gap);
        chars += gap.len();
    }
    (text, ranges)
}

fn median_run(set: &AnnotationSet, doc: &Document) -> (Duration, AnchorSummary) {
    let mut times = Vec::with_capacity(RUNS);
    let mut summary = AnchorSummary::default();
    for _ in 0..RUNS {
        let mut copy = set.clone();
        let started = Instant::now();
        summary = anchor_set(&mut copy, doc);
        times.push(started.elapsed());
    }
    times.sort();
    (times.get(RUNS / 2).copied().unwrap_or_default(), summary)
}

fn main() {
    let mut rng = Lcg(0x5eed);
    let vocab = vocabulary(&mut rng);
    let mut sentences = sentences(&mut rng, vocab.len());
    let (text, ranges) = render(&vocab, &sentences, "");
    let doc = Document::new(&text);

    let now = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let mut set = AnnotationSet::new(&doc, "bench.txt", "bench", now);
    let step = (ranges.len() / ANNOTATIONS).max(1);
    for range in ranges.iter().step_by(step).take(ANNOTATIONS) {
        // A clause of the sentence: skip a few chars at the start, stop a few before the end.
        let len = range.end - range.start;
        let start = range.start + rng.below(len / 3);
        let end = range.end - rng.below(len / 3);
        let span = doc.snap_to_graphemes(start..end);
        set.annotations
            .push(Annotation::new(&doc, span, "claim", "bench", now));
    }
    println!(
        "document: {} bytes, {} chars, {} sentences; {} annotations",
        doc.text().len(),
        doc.char_len(),
        sentences.len(),
        set.annotations.len()
    );

    let (time, summary) = median_run(&set, &doc);
    println!("(a) same document:           median {time:?}  {summary:?}");

    let top = "An editor's note was added at the very top of this text, shifting everything.\n\n";
    let (inserted_text, _) = render(&vocab, &sentences, top);
    let inserted = Document::new(&inserted_text);
    let (time, summary) = median_run(&set, &inserted);
    println!("(b) paragraph inserted at top: median {time:?}  {summary:?}");

    let edits = sentences.len() / 100;
    for _ in 0..edits {
        let at = rng.below(sentences.len());
        if let Some(sentence) = sentences.get_mut(at) {
            let word = rng.below(sentence.len());
            if let Some(slot) = sentence.get_mut(word) {
                *slot = rng.below(vocab.len());
            }
        }
    }
    let (edited_text, _) = render(&vocab, &sentences, "");
    let edited = Document::new(&edited_text);
    let (time, summary) = median_run(&set, &edited);
    println!("(c) 1% of sentences edited:  median {time:?}  {summary:?}");

    // Worst case: an unrelated document of the same size, so every annotation goes through
    // the windowed fuzzy search and ends orphaned.
    let mut other = Lcg(0xd1ff);
    let other_vocab = vocabulary(&mut other);
    let other_sentences = self::sentences(&mut other, other_vocab.len());
    let (other_text, _) = render(&other_vocab, &other_sentences, "");
    let unrelated = Document::new(&other_text);
    let (time, summary) = median_run(&set, &unrelated);
    println!("(d) unrelated document:      median {time:?}  {summary:?}");
}

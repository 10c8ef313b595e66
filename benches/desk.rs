//! Desk benchmark: `scan_desk` over 1,000 documents (about 3 KB each, in 10 folders), each
//! with a set of 8 annotations (5 claims, some quoted in other documents), as
//! `factmark desk DIR --json` reads them. Prints the median of 5 runs.
//! Run: `cargo bench --bench desk --no-default-features`.
#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![allow(clippy::expect_used, reason = "a benchmark whose setup fails stops")]

use std::time::{Duration, Instant};

use chrono::{TimeZone as _, Utc};
use factmark::model::{Annotation, AnnotationSet, Document, TAG_CLAIM, TAG_QUOTE};
use factmark::store::desk::scan_desk;
use factmark::store::{RealFs, default_sidecar_path, save_set};

const DOCUMENTS: usize = 1_000;
const RUNS: usize = 5;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    for n in 0..DOCUMENTS {
        let folder = dir.path().join(format!("week{:02}", n % 10));
        std::fs::create_dir_all(&folder).expect("folder");
        let path = folder.join(format!("doc{n:04}.txt"));
        let mut text = String::new();
        for line in 0..30 {
            // Every 50th document repeats claim 7 of document 0.
            let shared = if n % 50 == 0 { 0 } else { n };
            text.push_str(&format!(
                "Statement {line} of report {shared}: the council spent {} thousand on item {line}.\n",
                (shared * 31 + line * 7) % 997
            ));
        }
        std::fs::write(&path, &text).expect("write");
        let doc = Document::new(&text);
        let mut set = AnnotationSet::new(&doc, &format!("doc{n:04}.txt"), "Bench", now);
        for k in 0..8 {
            let line_start = doc.line_starts().get(k * 3).copied().unwrap_or(0);
            let tag = if k < 5 { TAG_CLAIM } else { TAG_QUOTE };
            set.annotations.push(Annotation::new(
                &doc,
                line_start..line_start + 40,
                tag,
                "ana",
                now,
            ));
        }
        save_set(&RealFs, &default_sidecar_path(&path), &set, None, false).expect("save");
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut repeated = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let desk = scan_desk(&RealFs, dir.path(), 64 * 1024 * 1024).expect("scan");
        times.push(started.elapsed());
        assert_eq!(desk.documents.len(), DOCUMENTS);
        repeated = desk.repeated.len();
    }
    times.sort();
    let median = times.get(RUNS / 2).copied().unwrap_or_default();
    println!(
        "desk over {DOCUMENTS} documents with sets: median {:.0} ms of {RUNS} runs ({repeated} repeated claim groups)",
        median.as_secs_f64() * 1000.0
    );
}

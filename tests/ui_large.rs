//! Ten thousand annotations: the list is virtualized, so a frame stays fast.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::print_stderr
)]

mod ui_support;

use std::time::Instant;

use chrono::TimeZone as _;
use factmark::model::{Annotation, AnnotationSet, Document, TAG_CLAIM, TAG_QUOTE};
use factmark::store::RealFs;
use ui_support::{Env, open_document};

#[test]
fn ten_thousand_annotations_stay_responsive() {
    let env = Env::new();
    let text: String = (0..10_000)
        .map(|i| format!("Sentence {i} says the bridge cost {i} dollars.\n"))
        .collect();
    std::fs::write(&env.doc, &text).expect("write doc");
    let doc = Document::new(&text);
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("time");
    let mut set = AnnotationSet::new(&doc, "harbor-bridge.txt", "big", now);
    let mut start = 0;
    for (i, line) in text.lines().enumerate() {
        let len = line.chars().count();
        let tag = if i % 2 == 0 { TAG_CLAIM } else { TAG_QUOTE };
        set.annotations
            .push(Annotation::new(&doc, start..start + len, tag, "ana", now));
        start += len + 1;
    }
    factmark::store::save_set(&RealFs, &env.sidecar(), &set, None, true).expect("write set");

    let mut harness = env.harness();
    open_document(&env, &mut harness);
    assert_eq!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .annotations
            .len(),
        10_000
    );
    // Warm up (first layout), then time plain frames and a frame after an edit.
    harness.run();
    let frames = 10;
    let started = Instant::now();
    for _ in 0..frames {
        harness.step();
    }
    let per_frame = started.elapsed() / frames;
    harness.key_press(egui::Key::N);
    let started = Instant::now();
    harness.step();
    let after_select = started.elapsed();
    eprintln!("10k annotations: {per_frame:?} per frame, {after_select:?} after selecting");
    // Generous bounds for a debug build of factmark on a shared 2-core machine.
    assert!(per_frame.as_millis() < 250, "{per_frame:?} per frame");
    assert!(
        after_select.as_millis() < 500,
        "{after_select:?} after selecting"
    );
}

//! The app's saves under faults (issue 9, section 1): whatever step of a save fails or
//! "crashes", the set and its `.bak` on disk both load, the app still counts the edits as
//! unsaved and says so, and the next save writes them.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use egui::Key;
use factmark::store::{RealFs, WriteStep, backup_path, load_set};
use ui_support::{annotate, opened_with_faults, save};

#[test]
fn a_fault_at_any_save_step_keeps_the_edits_unsaved_and_both_files_loadable() {
    for (index, step) in WriteStep::ALL.into_iter().enumerate() {
        for crash in [false, true] {
            let (env, mut harness, fs) = opened_with_faults();
            // Two saves first, so that the set has a .bak.
            annotate(&mut harness, "days of emergency repairs", Key::Num1);
            save(&mut harness);
            annotate(&mut harness, "Mayor Adaeze Thorncroft", Key::Num3);
            save(&mut harness);
            let on_disk = std::fs::read(env.sidecar()).expect("saved");
            annotate(&mut harness, "two lanes of traffic", Key::Num2);
            if crash {
                fs.crash_at(step);
            } else {
                fs.fail_next(step, std::io::ErrorKind::StorageFull);
            }
            save(&mut harness);
            let case = format!("{index} {step:?} crash={crash}");
            let session = harness.state().session().expect("open");
            assert!(session.is_dirty(), "{case}: the edit is still unsaved");
            assert!(
                harness.state().messages().has_error_containing("NOT saved"),
                "{case}"
            );
            assert_eq!(
                std::fs::read(env.sidecar()).expect("kept"),
                on_disk,
                "{case}: the set on disk is the last saved one"
            );
            load_set(&RealFs, &env.sidecar()).expect("the set loads");
            load_set(&RealFs, &backup_path(&env.sidecar())).expect("the .bak loads");
            // The next save writes the edit.
            save(&mut harness);
            assert!(
                !harness.state().session().expect("open").is_dirty(),
                "{case}"
            );
            let saved = load_set(&RealFs, &env.sidecar()).expect("loads");
            assert_eq!(saved.set.annotations.len(), 3, "{case}");
        }
    }
}

//! Every committed fuzz input (fuzz/corpus/TARGET/ and fuzz/found/TARGET/) runs again
//! through its target: no panic, and the target's round-trip property holds. See
//! examples/fuzz.rs for the harness and README "Fuzzing" for the runs.
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is the test failing"
)]

use std::path::PathBuf;

#[path = "../fuzz/targets.rs"]
mod targets;

#[test]
fn committed_fuzz_inputs_keep_their_properties() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut checked = 0;
    let mut failures = Vec::new();
    for target in targets::TARGETS {
        for folder in ["corpus", "found"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
                continue;
            };
            for entry in entries.filter_map(Result::ok) {
                let bytes = std::fs::read(entry.path()).expect("readable input");
                let outcome = std::panic::catch_unwind(|| targets::run(target, &bytes));
                checked += 1;
                match outcome {
                    Ok(Ok(_)) => {}
                    Ok(Err(property)) => {
                        failures.push(format!("{}: {property}", entry.path().display()));
                    }
                    Err(_) => failures.push(format!("{}: panicked", entry.path().display())),
                }
            }
        }
    }
    assert!(
        checked >= targets::TARGETS.len(),
        "only {checked} inputs found"
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

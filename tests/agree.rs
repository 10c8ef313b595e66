//! `factmark agree`, run as the real binary on sets written by `factmark annotate`.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

use std::fs;
use std::path::Path;

use serde_json::Value;

mod cli_support;
use cli_support::factmark;

/// 23 chars, 3 of them spaces: 20 character units.
/// ```text
/// Rents rose. Wages fell.
/// 0    5    10   15   20
/// ```
const TEXT: &str = "Rents rose. Wages fell.";

/// Exit 2 with one line on stderr that contains `wanted`.
fn refused(args: &[&str], dir: &Path, wanted: &str) {
    let run = factmark(args, dir);
    run.refused_with(wanted);
    assert!(run.stdout.is_empty(), "{:?}", run.stdout);
}

/// Write `doc.txt` and one set per reviewer: `(file, [(tag, "START..END")])`.
fn setup(sets: &[(&str, &[(&str, &str)])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("doc.txt"), TEXT).expect("doc");
    for (file, spans) in sets {
        for (tag, range) in *spans {
            let run = factmark(
                &[
                    "annotate", "doc.txt", "--tag", tag, "--range", range, "--set", file,
                ],
                dir.path(),
            );
            assert_eq!(run.code, 0, "{}", run.stderr);
        }
    }
    dir
}

/// A: claim "Rents rose." (0..11), quote "Wages" (12..17).
/// B: claim "Rents rose" (0..10), claim "Wages fell." (12..23).
fn two_reviewers() -> tempfile::TempDir {
    setup(&[
        ("a.ron", &[("claim", "0..11"), ("quote", "12..17")]),
        ("b.ron", &[("claim", "0..10"), ("claim", "12..23")]),
    ])
}

fn close(value: &Value, expected: f64) {
    let actual = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"));
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn json_figures_match_the_hand_computation() {
    let dir = two_reviewers();
    let run = factmark(
        &["agree", "doc.txt", "a.ron", "b.ron", "--json"],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("json");
    // Exactly the documented shape.
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["alpha", "kappa", "tags"]);
    let tags = json["tags"].as_object().unwrap();
    assert_eq!(tags.keys().collect::<Vec<_>>(), ["claim", "quote"]);
    for figures in tags.values() {
        let modes: Vec<&str> = figures
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(modes, ["exact", "overlap"]);
        for mode in ["exact", "overlap"] {
            let names: Vec<&str> = figures[mode]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(names, ["f1", "precision", "recall"]);
        }
    }
    // claim: A {0..11}, B {0..10, 12..23}.
    // exact: no span in both → P = 0/2, R = 0/1, F1 = 2·0/(1+2) = 0
    let claim = &json["tags"]["claim"];
    close(&claim["exact"]["precision"], 0.0);
    close(&claim["exact"]["recall"], 0.0);
    close(&claim["exact"]["f1"], 0.0);
    // overlap: 0..11 pairs with 0..10 → P = 1/2, R = 1/1, F1 = 2·1/(1+2) = 2/3
    close(&claim["overlap"]["precision"], 0.5);
    close(&claim["overlap"]["recall"], 1.0);
    close(&claim["overlap"]["f1"], 2.0 / 3.0);
    // quote: A {12..17}, B none → P = 0/0 = null, R = 0/1 = 0, F1 = 2·0/(1+0) = 0
    let quote = &json["tags"]["quote"];
    assert!(quote["exact"]["precision"].is_null());
    close(&quote["exact"]["recall"], 0.0);
    close(&quote["overlap"]["f1"], 0.0);
    // Character units (spaces left out), A then B:
    //   Rents (5)  claim claim   agree
    //   rose  (4)  claim claim   agree
    //   .     (1)  claim none
    //   Wages (5)  quote claim
    //   fell. (5)  none  claim
    // N = 20, agreed 9 → p_o = 9/20 = 180/400
    // A: claim 10, quote 5, none 5; B: claim 19, quote 0, none 1
    // p_e = (10·19 + 5·0 + 5·1)/400 = 195/400
    // kappa = (180 − 195)/(400 − 195) = −15/205
    close(&json["kappa"], -15.0 / 205.0);
    // alpha: n = 40 values; n_claim = 29, n_quote = 5, n_none = 6
    // Σ_{c≠k} n_c·n_k = 40² − (29² + 5² + 6²) = 1600 − 902 = 698
    // 11 disagreeing units, each o[x][y] + o[y][x] = 2 → Σ_{c≠k} o_ck = 22
    // alpha = 1 − (40 − 1)·22/698 = 1 − 858/698 = −160/698
    close(&json["alpha"], -160.0 / 698.0);
}

#[test]
fn the_table_names_the_sets_and_the_figures() {
    let dir = two_reviewers();
    let run = factmark(&["agree", "doc.txt", "a.ron", "b.ron"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("A = a.ron: 2 span(s)"), "{out}");
    assert!(out.contains("B = b.ron: 2 span(s)"), "{out}");
    let claim = out
        .lines()
        .find(|l| l.starts_with("claim"))
        .expect("claim row");
    let cells: Vec<&str> = claim.split_whitespace().filter(|c| *c != "|").collect();
    assert_eq!(
        cells,
        [
            "claim", "1", "2", "0.000", "0.000", "0.000", "0.500", "1.000", "0.667"
        ]
    );
    let quote = out
        .lines()
        .find(|l| l.starts_with("quote"))
        .expect("quote row");
    assert!(
        quote.contains(" - "),
        "undefined precision shows as -: {quote}"
    );
    assert!(out.contains("over 20 character(s): -0.073"), "{out}");
    assert!(out.contains("-0.229"), "{out}");
}

#[test]
fn three_sets_give_alpha_over_all_and_identical_sets_agree_fully() {
    let dir = setup(&[
        ("a.ron", &[("claim", "0..11"), ("quote", "12..17")]),
        ("b.ron", &[("claim", "0..11"), ("quote", "12..17")]),
        ("c.ron", &[("claim", "0..11"), ("quote", "12..17")]),
    ]);
    let run = factmark(
        &["agree", "doc.txt", "a.ron", "b.ron", "c.ron", "--json"],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    close(&json["kappa"], 1.0);
    close(&json["alpha"], 1.0);
    close(&json["tags"]["claim"]["exact"]["f1"], 1.0);
    // The table adds kappa for every pair when there are three or more sets.
    let table = factmark(&["agree", "doc.txt", "a.ron", "b.ron", "c.ron"], dir.path());
    for pair in ["(A, B)", "(A, C): 1.000", "(B, C): 1.000"] {
        assert!(table.stdout.contains(pair), "{pair}: {}", table.stdout);
    }
    // Both tagged every unit the same: one category only, chance agreement is total and
    // kappa = (1 − 1)/(1 − 1), alpha likewise: null, not NaN.
    let whole = setup(&[
        ("a.ron", &[("claim", "0..23")]),
        ("b.ron", &[("claim", "0..23")]),
    ]);
    let run = factmark(
        &["agree", "doc.txt", "a.ron", "b.ron", "--json"],
        whole.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(json["kappa"].is_null() && json["alpha"].is_null(), "{json}");
    close(&json["tags"]["claim"]["exact"]["f1"], 1.0);
}

#[test]
fn orphaned_annotations_are_left_out_and_said() {
    let dir = two_reviewers();
    // The document loses "Wages fell.": B's second claim and A's quote cannot anchor.
    fs::write(dir.path().join("doc.txt"), "Rents rose. Prices held.").unwrap();
    let run = factmark(
        &["agree", "doc.txt", "a.ron", "b.ron", "--json"],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 orphaned annotation(s) of a.ron left out"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("1 orphaned annotation(s) of b.ron left out"),
        "{}",
        run.stderr
    );
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    // Only the claims at 0..11 (A) and 0..10 (B) remain; quote has no span left.
    assert_eq!(json["tags"].as_object().unwrap().len(), 1);
    close(&json["tags"]["claim"]["overlap"]["f1"], 1.0);
    let table = factmark(&["agree", "doc.txt", "a.ron", "b.ron"], dir.path());
    assert!(
        table.stdout.contains("1 orphaned left out"),
        "{}",
        table.stdout
    );
}

#[test]
fn bad_input_is_one_line_exit_2_and_files_stay_untouched() {
    let dir = two_reviewers();
    let before = fs::read(dir.path().join("a.ron")).unwrap();
    refused(&["agree", "doc.txt"], dir.path(), "at least two sets");
    refused(
        &["agree", "doc.txt", "a.ron"],
        dir.path(),
        "at least two sets, got 1",
    );
    refused(
        &["agree", "doc.txt", "a.ron", "missing.ron"],
        dir.path(),
        "missing.ron",
    );
    refused(
        &["agree", "nothing.txt", "a.ron", "b.ron"],
        dir.path(),
        "nothing.txt",
    );
    refused(
        &["agree", "doc.txt", "a.ron", "doc.txt"],
        dir.path(),
        "doc.txt",
    );
    // A set of another document: other text, other name, nothing anchors.
    fs::write(
        dir.path().join("other.txt"),
        "The ferry schedule changes in May.",
    )
    .unwrap();
    let run = factmark(
        &[
            "annotate",
            "other.txt",
            "--tag",
            "claim",
            "--range",
            "0..17",
            "--set",
            "o.ron",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    refused(
        &["agree", "doc.txt", "a.ron", "o.ron"],
        dir.path(),
        "o.ron is a set of \"other.txt\", not of doc.txt",
    );
    assert_eq!(fs::read(dir.path().join("a.ron")).unwrap(), before);
}

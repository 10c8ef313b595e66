//! Sidecar files: round trips, determinism, versions, malformed input, size caps.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests: a panic is a failure report

mod store_support;

use std::path::{Path, PathBuf};

use factmark::model::{AnchorStatus, AnnotationSet, FORMAT_VERSION};
use factmark::store::{
    Fs, MAX_SET_BYTES, RealFs, StoreError, default_sidecar_path, load_set, load_set_read_only,
    parse_set, save_set, serialize_set,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use store_support::{any_set, sample_set};

fn normalized(set: &AnnotationSet) -> AnnotationSet {
    let mut set = set.clone();
    set.normalize();
    set
}

fn sidecar_in(dir: &tempfile::TempDir) -> PathBuf {
    default_sidecar_path(&dir.path().join("article.txt"))
}

#[test]
fn save_then_load_gives_the_same_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let set = sample_set();
    let saved = save_set(&RealFs, &path, &set, None, false).unwrap();
    let loaded = load_set(&RealFs, &path).unwrap();
    assert_eq!(loaded.set, normalized(&set));
    assert_eq!(loaded.stamp, saved);
    assert_eq!(Some(saved), RealFs.stamp(&path).unwrap());
}

#[test]
fn saving_twice_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let set = sample_set();
    let first_stamp = save_set(&RealFs, &path, &set, None, false).unwrap();
    let first = std::fs::read(&path).unwrap();
    let loaded = load_set(&RealFs, &path).unwrap();
    save_set(&RealFs, &path, &loaded.set, Some(&first_stamp), false).unwrap();
    let second = std::fs::read(&path).unwrap();
    assert_eq!(first, second);
    assert_eq!(serialize_set(&set).unwrap(), serialize_set(&set).unwrap());
    let text = String::from_utf8(first).unwrap();
    assert!(text.ends_with(")\n") && !text.contains('\r'), "{text}");
    assert!(text.starts_with(&format!("(\n    version: {FORMAT_VERSION},\n")));
}

#[test]
fn collection_order_does_not_change_the_bytes() {
    let set = sample_set();
    let want = serialize_set(&set).unwrap();
    for rotate in 0..3 {
        let mut shuffled = set.clone();
        shuffled.annotations.rotate_left(rotate);
        shuffled.evidence.reverse();
        shuffled.evidence.rotate_left(rotate);
        shuffled.links.rotate_right(rotate);
        // A duplicated link is written once.
        shuffled.links.push(set.links[0].clone());
        assert_eq!(serialize_set(&shuffled).unwrap(), want, "rotation {rotate}");
    }
}

#[test]
fn one_field_per_line_and_readable_values() {
    let text = serialize_set(&sample_set()).unwrap();
    for want in [
        "            status: Fuzzy(\n                score: 0.8734567,\n            ),\n",
        "    created: \"2026-11-27T09:00:07.123456789Z\",\n",
        "            id: \"00000000-0000-0000-0000-000000000020\",\n",
        "            accessed: Some(\"2026-11-01\"),\n",
        "            key: Some('1'),\n",
        "            color: \"#f5a623\",\n",
        "            verdict: MostlyFalse,\n",
        // Control characters are escaped, so a note can never break the layout.
        "\\t\\u{7}\",\n",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    let set = parse_set(&text, Path::new("x")).unwrap();
    let score = set.annotations.iter().find_map(|a| match a.status {
        AnchorStatus::Fuzzy { score } => Some(score),
        _ => None,
    });
    assert_eq!(score.map(f32::to_bits), Some(0.873_456_7f32.to_bits()));
}

#[test]
fn extreme_floats_round_trip_bit_for_bit() {
    for score in [
        0.0f32,
        -0.0,
        1.0,
        f32::MIN_POSITIVE,
        1e-45,
        f32::MAX,
        f32::EPSILON,
        0.1,
        1.0 / 3.0,
        f32::INFINITY,
        f32::NAN,
    ] {
        let mut set = sample_set();
        set.annotations[0].status = AnchorStatus::Fuzzy { score };
        let text = serialize_set(&set).unwrap();
        let back = parse_set(&text, Path::new("x")).unwrap();
        assert_eq!(serialize_set(&back).unwrap(), text, "{score:?}");
        let scores: Vec<u32> = back
            .annotations
            .iter()
            .filter_map(|a| match a.status {
                AnchorStatus::Fuzzy { score } => Some(score.to_bits()),
                _ => None,
            })
            .collect();
        assert_eq!(scores, vec![score.to_bits()], "{score:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn save_load_save_is_byte_identical(set in any_set()) {
        let text = serialize_set(&set).unwrap();
        let back = parse_set(&text, Path::new("random.factmark.ron")).unwrap();
        prop_assert_eq!(&back, &normalized(&set));
        prop_assert_eq!(serialize_set(&back).unwrap(), text);
    }
}

#[test]
fn random_sets_survive_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut stamp = None;
    for _ in 0..20 {
        let set = any_set().new_tree(&mut runner).unwrap().current();
        let saved = save_set(&RealFs, &path, &set, stamp.as_ref(), false).unwrap();
        let loaded = load_set(&RealFs, &path).unwrap();
        assert_eq!(loaded.set, normalized(&set));
        assert_eq!(loaded.stamp.sha256, saved.sha256);
        stamp = Some(loaded.stamp);
    }
}

#[test]
fn newer_version_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let newer = FORMAT_VERSION + 1;
    let current = serialize_set(&sample_set()).unwrap();
    let cases = [
        // A newer file with an extra field this build does not know.
        current.replacen(
            &format!("version: {FORMAT_VERSION},"),
            &format!("version: {newer},\n    reviewers: [\"ana\"],"),
            1,
        ),
        // A newer file this build cannot even parse.
        format!("(\n    version: {newer},\n    annotations: {{ \"map\": <new syntax> }},\n)\n"),
    ];
    for text in cases {
        std::fs::write(&path, &text).unwrap();
        let err = load_set(&RealFs, &path).unwrap_err();
        match &err {
            StoreError::NewerVersion {
                path: p,
                found,
                supported,
            } => {
                assert_eq!((p, *found, *supported), (&path, newer, FORMAT_VERSION));
            }
            other => panic!("expected NewerVersion, got {other:?}"),
        }
        let message = err.to_string();
        assert!(message.contains("upgrade factmark"), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
        // The app then has no stamp: saving must refuse instead of overwriting.
        let refused = save_set(&RealFs, &path, &sample_set(), None, false).unwrap_err();
        assert!(
            matches!(refused, StoreError::ChangedOnDisk { .. }),
            "{refused:?}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}

#[test]
fn malformed_files_report_line_and_column() {
    let good = serialize_set(&sample_set()).unwrap();
    let line_of = |needle: &str| good.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let title_line = line_of("    title: ");
    let verdict_line = line_of("verdict: MostlyFalse");
    let cases = [
        // Missing colon after a field name: reported where the colon should be.
        (
            good.replacen("    title: ", "    title ", 1),
            title_line,
            10,
            "colon",
        ),
        // A verdict that does not exist.
        (
            good.replacen("verdict: MostlyFalse", "verdict: PantsOnFire", 1),
            verdict_line,
            22,
            "PantsOnFire",
        ),
        // Cut short after a field: reported at its trailing comma (12 spaces + 20 chars + 1).
        (
            good.get(..good.find("verdict: MostlyFalse,").unwrap() + 21)
                .unwrap()
                .to_owned(),
            verdict_line,
            33,
            "end",
        ),
    ];
    for (text, line, column, mention) in cases {
        let err = parse_set(&text, Path::new("bad.factmark.ron")).unwrap_err();
        let StoreError::Parse {
            line: got_line,
            column: got_column,
            message,
            ..
        } = &err
        else {
            panic!("expected Parse, got {err:?}");
        };
        assert_eq!((*got_line, *got_column), (line, column), "{err}");
        assert!(message.contains(mention), "{message}");
        assert!(
            err.to_string()
                .starts_with(&format!("bad.factmark.ron:{got_line}:{got_column}: ")),
            "{err}"
        );
    }
}

#[test]
fn version_zero_and_invalid_utf8_are_parse_errors() {
    let good = serialize_set(&sample_set()).unwrap();
    let zero = good.replacen(&format!("version: {FORMAT_VERSION},"), "version: 0,", 1);
    assert!(matches!(
        parse_set(&zero, Path::new("z")),
        Err(StoreError::Parse { .. })
    ));

    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let mut bytes = b"(\n    version: 1,\n    title: \"ab".to_vec();
    bytes.push(0xFF);
    std::fs::write(&path, &bytes).unwrap();
    match load_set(&RealFs, &path) {
        Err(StoreError::Parse { line, column, .. }) => assert_eq!((line, column), (3, 15)),
        other => panic!("expected Parse, got {other:?}"),
    }
}

#[test]
fn a_bom_written_by_an_editor_is_accepted() {
    let good = serialize_set(&sample_set()).unwrap();
    let with_bom = format!("\u{FEFF}{good}");
    assert_eq!(
        parse_set(&with_bom, Path::new("b")).unwrap(),
        normalized(&sample_set())
    );
}

#[test]
fn too_large_files_are_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    // Sparse: takes no disk space. Reading it would return MAX + 1, not the full size.
    let file = std::fs::File::create(&path).unwrap();
    let size = MAX_SET_BYTES * 2;
    file.set_len(size).unwrap();
    drop(file);
    match load_set(&RealFs, &path) {
        Err(StoreError::TooLarge {
            path: p,
            size: s,
            max,
        }) => assert_eq!((p, s, max), (path.clone(), size, MAX_SET_BYTES)),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    std::fs::write(&path, b"12345").unwrap();
    assert!(matches!(
        RealFs.read(&path, 4),
        Err(StoreError::TooLarge {
            size: 5,
            max: 4,
            ..
        })
    ));
    assert_eq!(RealFs.read(&path, 5).unwrap(), b"12345");
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let err = load_set(&RealFs, &path).unwrap_err();
    assert!(
        matches!(&err, StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    );
    assert!(err.to_string().contains(&path.display().to_string()));
}

#[test]
fn a_newer_file_can_still_be_viewed_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let newer = FORMAT_VERSION + 1;
    let text = serialize_set(&sample_set()).unwrap().replacen(
        &format!("version: {FORMAT_VERSION},"),
        &format!("version: {newer},\n    reviewers: [\"ana\"],"),
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let viewed = load_set_read_only(&RealFs, &path).unwrap();
    assert_eq!(viewed.set.version, newer);
    assert_eq!(
        viewed.set.annotations,
        normalized(&sample_set()).annotations
    );
    // Unreadable newer syntax is still a parse error, with a position.
    std::fs::write(
        &path,
        format!("(\n    version: {newer},\n    x: <new>,\n)\n"),
    )
    .unwrap();
    assert!(matches!(
        load_set_read_only(&RealFs, &path),
        Err(StoreError::Parse { line: 3, .. })
    ));
}

/// ron issue class "stack overflow on deep nesting": untrusted files must fail cleanly.
#[test]
fn deeply_nested_input_is_an_error_not_a_crash() {
    for depth in [200, 100_000] {
        let text = format!(
            "(version: 1, title: {}{})",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let err = parse_set(&text, Path::new("deep.factmark.ron")).unwrap_err();
        assert!(matches!(err, StoreError::Parse { line: 1, .. }), "{err:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    /// Arbitrary text and mutations of a valid file never panic: they parse or give an error.
    #[test]
    fn any_text_parses_or_errors(
        junk in ".{0,200}",
        cut in 0usize..4000,
        insert in "[\\(\\)\\[\\]{}:,\"' a-z0-9]{0,4}",
    ) {
        let _ = parse_set(&junk, Path::new("junk"));
        let good = serialize_set(&sample_set()).unwrap();
        let mut at = cut.min(good.len());
        while !good.is_char_boundary(at) {
            at -= 1;
        }
        let mutated = format!("{}{insert}{}", &good[..at], &good[at..]);
        match parse_set(&mutated, Path::new("m")) {
            Ok(_) => {}
            Err(StoreError::Parse { line, column, .. }) => {
                prop_assert!(line >= 1 && column >= 1);
                prop_assert!(line <= mutated.lines().count() + 1);
            }
            // A digit typed into `version: 1`.
            Err(StoreError::NewerVersion { found, .. }) => prop_assert!(found > FORMAT_VERSION),
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}

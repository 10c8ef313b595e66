//! Crash-recovery copies in the app data folder, and document loading.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests: a panic is a failure report

mod store_support;

use std::io::ErrorKind;

use factmark::store::{
    FaultyFs, RealFs, StoreError, WriteStep, list_recoveries, load_document, recovery_path,
    remove_recovery, scan_recoveries, write_recovery,
};
use store_support::sample_set;

#[test]
fn write_list_remove_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("app-data").join("recovery");
    let docs = dir.path().join("docs");
    let first = docs.join("article.txt");
    let second = docs.join("sub").join("speech.md");

    assert!(
        list_recoveries(&RealFs, &data).unwrap().is_empty(),
        "missing folder"
    );
    let mut other = sample_set();
    other.title = "second".into();
    let p1 = write_recovery(&RealFs, &data, &first, &sample_set()).unwrap();
    let p2 = write_recovery(&RealFs, &data, &second, &other).unwrap();
    assert_ne!(p1, p2);
    assert_eq!(p1, recovery_path(&data, &first));
    assert!(p1.starts_with(&data), "never beside the shared file");

    let found = list_recoveries(&RealFs, &data).unwrap();
    assert_eq!(found.len(), 2);
    let mut want = sample_set();
    want.normalize();
    let r1 = found.iter().find(|r| r.document == first).unwrap();
    assert_eq!((r1.path.clone(), r1.set.clone()), (p1.clone(), want));
    let r2 = found.iter().find(|r| r.document == second).unwrap();
    assert_eq!(r2.set.title, "second");
    assert!(r1.saved > std::time::SystemTime::UNIX_EPOCH);

    // Writing again replaces the copy (one per document).
    other.title = "second, later".into();
    write_recovery(&RealFs, &data, &second, &other).unwrap();
    let found = list_recoveries(&RealFs, &data).unwrap();
    assert_eq!(found.len(), 2);
    assert!(found.iter().any(|r| r.set.title == "second, later"));

    remove_recovery(&RealFs, &data, &first).unwrap();
    remove_recovery(&RealFs, &data, &first).unwrap(); // already gone: fine
    let found = list_recoveries(&RealFs, &data).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].document, second);
}

#[test]
fn a_relative_document_path_names_the_same_recovery_as_its_absolute_path() {
    let dir = tempfile::tempdir().unwrap();
    let relative = std::path::Path::new("some/doc.txt");
    let absolute = std::env::current_dir().unwrap().join(relative);
    assert_eq!(
        recovery_path(dir.path(), relative),
        recovery_path(dir.path(), &absolute)
    );
    write_recovery(&RealFs, dir.path(), relative, &sample_set()).unwrap();
    assert_eq!(
        list_recoveries(&RealFs, dir.path()).unwrap()[0].document,
        absolute
    );
}

#[test]
fn broken_and_foreign_files_do_not_hide_good_copies() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    write_recovery(&RealFs, dir.path(), &doc, &sample_set()).unwrap();
    std::fs::write(dir.path().join("0000000000000000.recovery.ron"), "(garbage").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "unrelated").unwrap();
    let (found, problems) = scan_recoveries(&RealFs, dir.path()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].document, doc);
    assert_eq!(problems.len(), 1);
    assert!(
        matches!(problems[0], StoreError::Parse { line: 1, .. }),
        "{:?}",
        problems[0]
    );
    assert_eq!(list_recoveries(&RealFs, dir.path()).unwrap().len(), 1);
}

#[test]
fn a_failed_recovery_write_keeps_the_previous_copy() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.txt");
    let path = write_recovery(&RealFs, dir.path(), &doc, &sample_set()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let fs = FaultyFs::new();
    fs.fail_next(WriteStep::WriteTemp, ErrorKind::StorageFull);
    let mut changed = sample_set();
    changed.title = "changed".into();
    assert!(write_recovery(&fs, dir.path(), &doc, &changed).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp, no .bak"
    );
}

#[test]
fn documents_are_decoded_capped_and_errors_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.txt");
    std::fs::write(&path, b"\xEF\xBB\xBFline one\r\nline two\r\n").unwrap();
    let doc = load_document(&RealFs, &path, 1024).unwrap();
    assert_eq!(doc.text(), "line one\nline two\n");

    assert!(matches!(
        load_document(&RealFs, &path, 10),
        Err(StoreError::TooLarge {
            size: 23,
            max: 10,
            ..
        })
    ));

    std::fs::write(&path, b"ok\xFFno").unwrap();
    let err = load_document(&RealFs, &path, 1024).unwrap_err();
    assert!(matches!(err, StoreError::Decode { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()) && message.contains("byte 2"),
        "{message}"
    );
}

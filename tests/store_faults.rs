//! Faults at every step of a save (issue 9, section 1): after each one the set and its
//! `.bak` both load, the unsaved version is not on disk, the message says what changed, and
//! what a crash leaves behind is removed by the next save.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests: a panic is a failure report

mod store_support;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use factmark::model::AnnotationSet;
use factmark::store::{
    DiskStamp, FaultyFs, Fs as _, RealFs, WINDOWS_RENAME_DELAYS, WriteStep, backup_path,
    default_sidecar_path, load_set, save_set, save_set_merging,
};
use store_support::sample_set;

/// The set with another title: three versions make the set, its `.bak` and the unsaved one.
fn titled(title: &str) -> AnnotationSet {
    let mut set = sample_set();
    set.title = title.into();
    set
}

/// The files in `dir`, without the set's lock file (kept on purpose by every save).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".lock"))
        .collect();
    names.sort();
    names
}

/// A folder holding the set saved twice: the file holds "second", its `.bak` "first".
fn saved_twice() -> (tempfile::TempDir, PathBuf, DiskStamp) {
    let dir = tempfile::tempdir().unwrap();
    let path = default_sidecar_path(&dir.path().join("article.txt"));
    let first = save_set(&RealFs, &path, &titled("first"), None, false).unwrap();
    let second = save_set(&RealFs, &path, &titled("second"), Some(&first), false).unwrap();
    (dir, path, second)
}

fn title_on_disk(path: &Path) -> String {
    load_set(&RealFs, path).unwrap().set.title
}

/// Every step, failed with a full disk, a permission error and an I/O error, and crashed.
#[test]
fn a_fault_at_any_step_leaves_the_set_and_its_backup_loadable() {
    for step in WriteStep::ALL {
        for fault in [
            Some(ErrorKind::StorageFull),
            Some(ErrorKind::PermissionDenied),
            Some(ErrorKind::Other),
            None, // crash
        ] {
            let (dir, path, stamp) = saved_twice();
            let fs = FaultyFs::new();
            match fault {
                Some(kind) => fs.fail_next(step, kind),
                None => fs.crash_at(step),
            }
            let err = save_set(&fs, &path, &titled("unsaved"), Some(&stamp), false).unwrap_err();
            assert_eq!(fs.pending_faults(), 0, "{step:?} was reached");
            let case = format!("{step:?} {fault:?}");
            // The unsaved version is not on disk: the set still holds the second version.
            assert_eq!(title_on_disk(&path), "second", "{case}");
            // The .bak loads: the first version, or (only once its own rename happened)
            // a copy of the second.
            let backup = title_on_disk(&backup_path(&path));
            let refreshed = step == WriteStep::Rename;
            assert_eq!(backup, if refreshed { "second" } else { "first" }, "{case}");
            let message = err.to_string();
            if fault.is_some() {
                assert!(
                    message.contains("the old file was left as it was"),
                    "{case}: {message}"
                );
                let backup_step = matches!(
                    step,
                    WriteStep::Backup | WriteStep::SyncBackup | WriteStep::RenameBackup
                );
                assert_eq!(
                    message.contains("and so was its .bak"),
                    backup_step,
                    "{case}: {message}"
                );
                assert_eq!(
                    message.contains(".bak was refreshed"),
                    refreshed,
                    "{case}: {message}"
                );
                assert_eq!(
                    listing(dir.path()),
                    ["article.txt.factmark.ron", "article.txt.factmark.ron.bak"],
                    "{case}: a failed save cleans up"
                );
            }
            // The next save (problem fixed) writes the edits and removes what a crash left.
            save_set(&fs, &path, &titled("unsaved"), Some(&stamp), false).unwrap();
            assert_eq!(title_on_disk(&path), "unsaved", "{case}");
            assert_eq!(title_on_disk(&backup_path(&path)), "second", "{case}");
            assert_eq!(
                listing(dir.path()),
                ["article.txt.factmark.ron", "article.txt.factmark.ron.bak"],
                "{case}: leftovers removed"
            );
        }
    }
}

/// A crash after the temp file was written leaves it behind; the next save of the set (even
/// one that has nothing to write) removes it, and only files named like our temp files.
#[test]
fn temp_files_left_by_a_crash_are_removed_by_the_next_save() {
    let (dir, path, stamp) = saved_twice();
    let fs = FaultyFs::new();
    fs.crash_at(WriteStep::Rename);
    save_set(&fs, &path, &titled("unsaved"), Some(&stamp), false).unwrap_err();
    let left = listing(dir.path());
    assert_eq!(left.len(), 3, "set, .bak and the set's temp file: {left:?}");
    assert!(left[0].ends_with(".tmp"), "{left:?}");
    let other = dir.path().join(".article.txt.factmark.ron.mine.tmp");
    std::fs::write(&other, "not ours").unwrap();
    // Nothing to write (the same set again), but the leftovers go.
    let loaded = load_set(&RealFs, &path).unwrap();
    let saved = save_set_merging(&RealFs, &path, &loaded.set, Some(&loaded), "ana").unwrap();
    assert!(saved.unchanged);
    assert_eq!(
        listing(dir.path()),
        [
            ".article.txt.factmark.ron.mine.tmp",
            "article.txt.factmark.ron",
            "article.txt.factmark.ron.bak"
        ]
    );
}

/// A save that would write the bytes already on disk writes nothing: the `.bak` keeps the
/// real previous version (and its time).
#[test]
fn a_save_that_changes_nothing_keeps_the_backup() {
    let (_dir, path, stamp) = saved_twice();
    let bak_before = std::fs::metadata(backup_path(&path))
        .unwrap()
        .modified()
        .unwrap();
    let file_before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let loaded = load_set(&RealFs, &path).unwrap();
    for force in [false, true] {
        save_set(&RealFs, &path, &loaded.set, Some(&stamp), force).unwrap();
    }
    RealFs
        .write_atomic(&path, &std::fs::read(&path).unwrap(), true)
        .unwrap();
    assert_eq!(title_on_disk(&backup_path(&path)), "first");
    let bak_after = std::fs::metadata(backup_path(&path))
        .unwrap()
        .modified()
        .unwrap();
    let file_after = std::fs::metadata(&path).unwrap().modified().unwrap();
    assert_eq!(bak_before, bak_after);
    assert_eq!(file_before, file_after);
}

/// The backup is made even when the old `.bak` is read-only, by renaming over it (never
/// by deleting it first).
#[cfg(unix)]
#[test]
fn a_read_only_backup_is_replaced_by_rename() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, path, stamp) = saved_twice();
    let bak = backup_path(&path);
    std::fs::set_permissions(&bak, std::fs::Permissions::from_mode(0o444)).unwrap();
    save_set(&RealFs, &path, &titled("third"), Some(&stamp), false).unwrap();
    assert_eq!(title_on_disk(&bak), "second");
}

/// Windows: a rename refused for a moment (a scanner holds the file) is retried with a
/// short backoff; one refused for good fails after the last pause with the old file kept.
#[test]
fn renames_held_for_a_moment_are_retried_with_backoff() {
    let (_dir, path, stamp) = saved_twice();
    let fs = FaultyFs::new();
    fs.retry_renames_like_windows();
    for _ in 0..3 {
        fs.fail_next(WriteStep::Rename, ErrorKind::PermissionDenied);
    }
    let stamp = save_set(&fs, &path, &titled("third"), Some(&stamp), false).unwrap();
    assert_eq!(title_on_disk(&path), "third");
    assert_eq!(fs.slept(), WINDOWS_RENAME_DELAYS[..3]);

    let fs = FaultyFs::new();
    fs.retry_renames_like_windows();
    for _ in 0..=WINDOWS_RENAME_DELAYS.len() {
        fs.fail_next(WriteStep::RenameBackup, ErrorKind::PermissionDenied);
    }
    let err = save_set(&fs, &path, &titled("fourth"), Some(&stamp), false).unwrap_err();
    assert_eq!(fs.slept(), WINDOWS_RENAME_DELAYS);
    assert!(err.to_string().contains("replace the backup"), "{err}");
    assert_eq!(title_on_disk(&path), "third");
    assert_eq!(title_on_disk(&backup_path(&path)), "second");
}

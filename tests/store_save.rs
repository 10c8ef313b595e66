//! Saving safely: conflicts, injected failures, permissions, backups, symlinks.
//! (helix's save tests are the checklist: overwrite protection, failed writes, symlinks.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests: a panic is a failure report

mod store_support;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use factmark::store::{
    DiskStamp, FaultyFs, Fs, RealFs, StoreError, WriteStep, backup_path, default_sidecar_path,
    load_set, save_set, serialize_set,
};
use store_support::sample_set;

fn sidecar_in(dir: &tempfile::TempDir) -> PathBuf {
    default_sidecar_path(&dir.path().join("article.txt"))
}

/// Names in `dir`, sorted.
/// The files in `dir`, but the set's lock file, which every save keeps on purpose (see
/// `store::lock`): what a save may leave behind is the set and its `.bak`, nothing else.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !(name.starts_with('.') && name.ends_with(".factmark.ron.lock")))
        .collect();
    names.sort();
    names
}

/// A saved sample set: returns its path, its bytes and its stamp.
fn saved_sample(dir: &tempfile::TempDir) -> (PathBuf, Vec<u8>, DiskStamp) {
    let path = sidecar_in(dir);
    let stamp = save_set(&RealFs, &path, &sample_set(), None, false).unwrap();
    (path.clone(), std::fs::read(&path).unwrap(), stamp)
}

fn edited_set() -> factmark::model::AnnotationSet {
    let mut set = sample_set();
    set.title = "Edited title".into();
    set
}

#[test]
fn a_change_on_disk_since_loading_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = saved_sample(&dir);
    let loaded = load_set(&RealFs, &path).unwrap();
    // A teammate saves in between (same length, different bytes, so only the hash tells).
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("Check & Co", "Check + Co", 1);
    std::fs::write(&path, &theirs).unwrap();

    let err = save_set(&RealFs, &path, &edited_set(), Some(&loaded.stamp), false).unwrap_err();
    assert!(
        matches!(&err, StoreError::ChangedOnDisk { path: p } if *p == path),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()) && message.contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);

    // Forcing overwrites, and the teammate's version is in the .bak.
    let stamp = save_set(&RealFs, &path, &edited_set(), Some(&loaded.stamp), true).unwrap();
    assert_eq!(load_set(&RealFs, &path).unwrap().set.title, "Edited title");
    assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), theirs);
    assert_eq!(Some(stamp), RealFs.stamp(&path).unwrap());
}

#[test]
fn an_existing_file_that_was_never_loaded_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    std::fs::write(&path, "not even RON").unwrap();
    let err = save_set(&RealFs, &path, &sample_set(), None, false).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not even RON");
}

#[test]
fn touching_without_changing_content_is_not_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes, stamp) = saved_sample(&dir);
    let later = stamp.modified.unwrap() + std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let touched = RealFs.stamp(&path).unwrap().unwrap();
    assert!(touched.differs_from(&stamp) && touched.same_content(&stamp));
    save_set(&RealFs, &path, &sample_set(), Some(&stamp), false).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_file_deleted_since_loading_is_written_again() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes, stamp) = saved_sample(&dir);
    std::fs::remove_file(&path).unwrap();
    save_set(&RealFs, &path, &sample_set(), Some(&stamp), false).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn the_backup_holds_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let (path, first, stamp) = saved_sample(&dir);
    assert!(!backup_path(&path).exists(), "no .bak for a new file");
    let second_stamp = save_set(&RealFs, &path, &edited_set(), Some(&stamp), false).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
    let second = std::fs::read(&path).unwrap();
    let mut third = edited_set();
    third.title = "Third".into();
    save_set(&RealFs, &path, &third, Some(&second_stamp), false).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), second);
    assert_eq!(
        listing(dir.path()),
        vec![
            "article.txt.factmark.ron".to_owned(),
            "article.txt.factmark.ron.bak".to_owned()
        ]
    );
}

/// Every injected failure: the error says what failed, the old file is byte-identical,
/// the .bak is unchanged or (when the backup step itself ran) holds the same old bytes,
/// and no temp file is left behind.
#[test]
fn failed_saves_keep_the_old_file_and_leave_no_temp_file() {
    let cases = [
        (
            WriteStep::CreateTemp,
            ErrorKind::PermissionDenied,
            "permissions",
        ),
        (
            WriteStep::WriteTemp,
            ErrorKind::StorageFull,
            "free some disk space",
        ),
        (
            WriteStep::WriteTemp,
            ErrorKind::QuotaExceeded,
            "free some disk space",
        ),
        (WriteStep::SyncTemp, ErrorKind::Other, "flush"),
        (WriteStep::Backup, ErrorKind::PermissionDenied, ".bak"),
        (WriteStep::Rename, ErrorKind::PermissionDenied, "replace"),
        (WriteStep::Rename, ErrorKind::CrossesDevices, "replace"),
    ];
    for (step, kind, mention) in cases {
        let dir = tempfile::tempdir().unwrap();
        let (path, old_bytes, stamp) = saved_sample(&dir);
        let fs = FaultyFs::new();
        fs.fail_next(step, kind);
        let err = save_set(&fs, &path, &edited_set(), Some(&stamp), false).unwrap_err();
        assert_eq!(fs.pending_faults(), 0, "{step:?} was reached");
        let StoreError::Io { source, .. } = &err else {
            panic!("{step:?}: expected Io, got {err:?}");
        };
        assert_eq!(source.kind(), kind, "{step:?}");
        let message = err.to_string();
        assert!(message.contains(mention), "{step:?}: {message}");
        assert!(
            message.contains(&dir.path().display().to_string()),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), old_bytes, "{step:?}");
        let names = listing(dir.path());
        assert!(
            names.iter().all(|n| !n.ends_with(".tmp")),
            "{step:?} left {names:?}"
        );
        // A retry after the problem is fixed succeeds (the stamp still matches).
        save_set(&fs, &path, &edited_set(), Some(&stamp), false).unwrap();
        assert_eq!(load_set(&fs, &path).unwrap().set.title, "Edited title");
    }
}

#[test]
fn a_failed_read_while_checking_for_changes_does_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old_bytes, stamp) = saved_sample(&dir);
    let fs = FaultyFs::new();
    fs.fail_next_read(ErrorKind::PermissionDenied);
    let err = save_set(&fs, &path, &edited_set(), Some(&stamp), false).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), old_bytes);
}

#[test]
fn a_first_save_that_fails_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    let fs = FaultyFs::new();
    fs.fail_next(WriteStep::WriteTemp, ErrorKind::StorageFull);
    assert!(save_set(&fs, &path, &sample_set(), None, false).is_err());
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_new_files_get_the_default() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let (path, _, stamp) = saved_sample(&dir);
    let probe = dir.path().join("probe");
    std::fs::write(&probe, b"").unwrap();
    let default_mode = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        default_mode
    );
    for mode in [0o640, 0o600, 0o444] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let stamp = RealFs.stamp(&path).unwrap().unwrap_or(stamp.clone());
        // A read-only set is replaced only on purpose (issue 9: refuse unless --force).
        let read_only = mode & 0o222 == 0;
        if read_only {
            let err = save_set(&RealFs, &path, &edited_set(), Some(&stamp), false).unwrap_err();
            assert!(matches!(err, StoreError::ReadOnlyFile { .. }), "{err:?}");
        }
        save_set(&RealFs, &path, &edited_set(), Some(&stamp), read_only).unwrap();
        let got = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "mode {mode:o}");
    }
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("set.factmark.ron");
    let link = dir.path().join("link.factmark.ron");
    let stamp = save_set(&RealFs, &target, &sample_set(), None, false).unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();

    save_set(&RealFs, &link, &edited_set(), Some(&stamp), false).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        load_set(&RealFs, &target).unwrap().set.title,
        "Edited title"
    );
    assert!(
        backup_path(&target).exists(),
        "the .bak goes beside the real file"
    );
}

#[test]
fn a_folder_in_the_way_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = sidecar_in(&dir);
    std::fs::create_dir(&path).unwrap();
    let err = RealFs.write_atomic(&path, b"x", true).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert!(path.is_dir());
}

#[test]
fn save_writes_exactly_the_serialized_text() {
    let dir = tempfile::tempdir().unwrap();
    let (path, bytes, stamp) = saved_sample(&dir);
    assert_eq!(bytes, serialize_set(&sample_set()).unwrap().into_bytes());
    assert_eq!(stamp.len, bytes.len() as u64);
    assert_eq!(stamp, DiskStamp::of_bytes(&bytes, stamp.modified));
    assert_eq!(Some(&stamp), RealFs.stamp(&path).unwrap().as_ref());
}

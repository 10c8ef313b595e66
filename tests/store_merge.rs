//! Saves that merge: a set changed on disk since it was read is merged, never overwritten,
//! under a lock that makes concurrent writers take turns.
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // tests fail by panicking

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone as _, Utc};
use factmark::model::merge::ConflictField;
use factmark::model::{Annotation, AnnotationSet, Document, TAG_CLAIM, Verdict};
use factmark::store::{self, Fs, LoadedSet, RealFs};

const TEXT: &str = "One claim here. Another claim there. A third one at the end of the text.";

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0)
        .single()
        .expect("time")
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.txt.factmark.ron");
    let set = AnnotationSet::new(&Document::new(TEXT), "doc.txt", "Doc", now());
    store::save_set(&RealFs, &path, &set, None, false).expect("first save");
    (dir, path)
}

fn load(path: &Path) -> LoadedSet {
    store::load_set(&RealFs, path).expect("loads")
}

fn add(set: &mut AnnotationSet, start: usize, author: &str) -> factmark::model::AnnotationId {
    let annotation = Annotation::new(
        &Document::new(TEXT),
        start..start + 3,
        TAG_CLAIM,
        author,
        now(),
    );
    let id = annotation.id;
    set.annotations.push(annotation);
    id
}

#[test]
fn a_change_on_disk_is_merged_not_overwritten() {
    let (_dir, path) = setup();
    let mine = load(&path);
    let theirs = load(&path);

    let mut bea = theirs.set.clone();
    let bea_id = add(&mut bea, 16, "bea");
    store::save_set_merging(&RealFs, &path, &bea, Some(&theirs), "bea").expect("bea saves");

    let mut ana = mine.set.clone();
    let ana_id = add(&mut ana, 0, "ana");
    let saved =
        store::save_set_merging(&RealFs, &path, &ana, Some(&mine), "ana").expect("ana saves");
    let merged = saved.merged.expect("merged with bea's change");
    assert!(merged.report.is_clean());

    let on_disk = load(&path).set;
    assert!(on_disk.annotation(ana_id).is_some());
    assert!(on_disk.annotation(bea_id).is_some());
    assert_eq!(on_disk, merged.set.clone().tap_normalize());
    assert_eq!(saved.stamp.sha256, load(&path).stamp.sha256);
}

trait TapNormalize {
    fn tap_normalize(self) -> Self;
}

impl TapNormalize for AnnotationSet {
    fn tap_normalize(mut self) -> Self {
        self.normalize();
        self
    }
}

#[test]
fn the_same_field_changed_by_both_is_saved_as_a_conflict() {
    let (_dir, path) = setup();
    let mut start = load(&path);
    let id = add(&mut start.set, 0, "ana");
    let saved =
        store::save_set_merging(&RealFs, &path, &start.set, Some(&start), "ana").expect("saves");
    let base = LoadedSet {
        set: start.set.clone(),
        stamp: saved.stamp,
    };

    let mut bea = base.set.clone();
    bea.annotations[0].verdict = Verdict::False;
    store::save_set_merging(&RealFs, &path, &bea, Some(&base), "bea").expect("bea saves");
    let mut ana = base.set.clone();
    ana.annotations[0].verdict = Verdict::True;
    let saved =
        store::save_set_merging(&RealFs, &path, &ana, Some(&base), "ana").expect("ana saves");

    let report = saved.merged.expect("merged").report;
    assert_eq!(report.new_conflicts.len(), 1);
    let on_disk = load(&path).set;
    let conflict = &on_disk.conflicts[0];
    assert_eq!(conflict.field, ConflictField::Verdict);
    assert_eq!(conflict.ours.by, "ana");
    assert_eq!(conflict.theirs.by, "doc.txt.factmark.ron on disk");
    assert_eq!(
        on_disk.annotation(id).expect("kept").verdict,
        Verdict::Unreviewed
    );
}

#[test]
fn saving_the_same_bytes_writes_nothing_and_keeps_the_backup() {
    let (_dir, path) = setup();
    let mut loaded = load(&path);
    add(&mut loaded.set, 0, "ana");
    let saved =
        store::save_set_merging(&RealFs, &path, &loaded.set, Some(&loaded), "ana").expect("saves");
    assert!(!saved.unchanged);
    let backup = store::backup_path(&path);
    let backup_before = std::fs::read(&backup).expect("backup of the first version");

    let again = LoadedSet {
        set: loaded.set.clone(),
        stamp: saved.stamp,
    };
    let saved =
        store::save_set_merging(&RealFs, &path, &again.set, Some(&again), "ana").expect("saves");
    assert!(saved.unchanged, "identical bytes are not written again");
    assert_eq!(
        std::fs::read(&backup).expect("backup"),
        backup_before,
        "the backup still holds the previous version"
    );
}

#[test]
fn no_base_and_a_file_on_disk_is_a_union() {
    let (_dir, path) = setup();
    let mut disk = load(&path).set;
    let theirs_id = add(&mut disk, 20, "bea");
    store::save_set(&RealFs, &path, &disk, None, true).expect("write");

    let mut fresh = AnnotationSet::new(&Document::new(TEXT), "doc.txt", "Doc", now());
    let ours_id = add(&mut fresh, 0, "ana");
    let saved = store::save_set_merging(&RealFs, &path, &fresh, None, "ana").expect("saves");
    assert!(saved.merged.is_some());
    let on_disk = load(&path).set;
    assert!(on_disk.annotation(theirs_id).is_some());
    assert!(on_disk.annotation(ours_id).is_some());
}

#[test]
fn the_lock_lives_beside_the_set_as_a_hidden_file() {
    assert_eq!(
        store::lock_path(Path::new("/d/doc.txt.factmark.ron")),
        PathBuf::from("/d/.doc.txt.factmark.ron.lock")
    );
}

/// Two writers in parallel, each reading, adding one annotation and saving, 50 rounds:
/// every annotation is in the file at the end (without the lock, reads and renames
/// interleave and some are lost).
#[test]
fn concurrent_writers_lose_nothing() {
    let (_dir, path) = setup();
    let path = Arc::new(path);
    let writers: Vec<_> = ["ana", "bea"]
        .into_iter()
        .enumerate()
        .map(|(n, who)| {
            let path = Arc::clone(&path);
            std::thread::spawn(move || {
                let mut ids = Vec::new();
                for round in 0..50 {
                    let loaded = load(&path);
                    let mut set = loaded.set.clone();
                    ids.push(add(&mut set, (round * 2 + n) % 60, who));
                    store::save_set_merging(&RealFs, &path, &set, Some(&loaded), who)
                        .expect("save");
                }
                ids
            })
        })
        .collect();
    let ids: Vec<_> = writers
        .into_iter()
        .flat_map(|w| w.join().expect("writer"))
        .collect();
    let on_disk = load(&path).set;
    assert_eq!(ids.len(), 100);
    for id in ids {
        assert!(on_disk.annotation(id).is_some(), "annotation {id} lost");
    }
    assert!(on_disk.conflicts.is_empty());
    assert!(RealFs.stamp(&path).expect("stamp").is_some());
}

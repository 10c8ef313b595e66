//! Saves that merge: a set changed on disk since it was read is merged, never overwritten,
//! under a lock that makes concurrent writers take turns. Every save that changes a set's
//! file records its revision, so a later merge can tell whether a teammate's set grew out
//! of ours.
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // tests fail by panicking

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone as _, Utc};
use factmark::export::{ExportContext, Format, export};
use factmark::model::merge::{ConflictField, Side, descends_from, merge};
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

fn fresh() -> AnnotationSet {
    AnnotationSet::new(&Document::new(TEXT), "doc.txt", "Doc", now())
}

fn sidecar(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("doc.txt.factmark.ron")
}

/// Save `set` over what `base` was read from, and read the file back.
fn save(path: &Path, set: &AnnotationSet, base: Option<&LoadedSet>) -> LoadedSet {
    store::save_set_merging(&RealFs, path, set, base, "ana").expect("saves");
    load(path)
}

fn revision_id(set: &AnnotationSet) -> String {
    set.revision.as_ref().expect("has a revision").id.clone()
}

#[test]
fn revision_ids_are_16_hex_digits_of_the_content_and_deterministic() {
    let set = fresh();
    let once = store::revised(&set).expect("revises");
    let twice = store::revised(&set).expect("revises");
    assert_eq!(once.revision, twice.revision);
    let id = revision_id(&once);
    assert_eq!(id.len(), 16);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    assert!(
        once.revision
            .as_ref()
            .expect("revision")
            .ancestors
            .is_empty()
    );
    // Revising a revised set changes nothing; different content gives a different id.
    assert_eq!(
        store::revised(&once).expect("again").revision,
        once.revision
    );
    let mut other = set.clone();
    add(&mut other, 0, "ana");
    assert_ne!(revision_id(&store::revised(&other).expect("revises")), id);
    // The id does not depend on the history: the same content saved over anything has it.
    let mut later = other.clone();
    later.revision = once.revision.clone();
    assert_eq!(
        revision_id(&store::revised(&later).expect("revises")),
        revision_id(&store::revised(&other).expect("revises"))
    );
}

#[test]
fn a_set_saved_twice_names_the_first_revision_as_its_ancestor() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sidecar(&dir);
    let first = save(&path, &fresh(), None);
    let first_id = revision_id(&first.set);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(&format!("id: \"{first_id}\"")), "{text}");
    assert_eq!(text, store::serialize_set(&fresh()).expect("serializes"));

    let mut edited = first.set.clone();
    add(&mut edited, 0, "ana");
    let second = save(&path, &edited, Some(&first));
    let revision = second.set.revision.clone().expect("revision");
    assert_ne!(revision.id, first_id);
    assert_eq!(revision.ancestors, vec![first_id.clone()]);

    // Saving again without a change writes nothing and keeps the revision.
    let saved =
        store::save_set_merging(&RealFs, &path, &second.set, Some(&second), "ana").expect("saves");
    assert!(saved.unchanged);
    assert_eq!(load(&path).set.revision, Some(revision));

    assert!(descends_from(&second.set, &first.set));
    assert!(descends_from(&second.set, &second.set));
    assert!(!descends_from(&first.set, &second.set), "not the other way");
}

#[test]
fn a_file_written_before_revisions_stays_byte_identical_until_it_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sidecar(&dir);
    let mut set = fresh();
    add(&mut set, 0, "ana");
    let revised = store::serialize_set(&set).expect("serializes");
    let old: String = revised
        .lines()
        .take_while(|line| !line.starts_with("    revision:"))
        .map(|line| format!("{line}\n"))
        .collect::<String>()
        + ")\n";
    assert!(!old.contains("revision"), "{old}");
    std::fs::write(&path, &old).expect("write an old file");

    let loaded = load(&path);
    assert_eq!(loaded.set.revision, None);
    let saved =
        store::save_set_merging(&RealFs, &path, &loaded.set, Some(&loaded), "ana").expect("saves");
    assert!(saved.unchanged);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), old);
    store::save_set(&RealFs, &path, &loaded.set, Some(&loaded.stamp), false).expect("saves");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), old);

    let mut edited = loaded.set.clone();
    edited.annotations[0].verdict = Verdict::False;
    let after = save(&path, &edited, Some(&loaded));
    let revision = after.set.revision.expect("a changed file gets a revision");
    assert!(revision.ancestors.is_empty(), "the old file had none");
}

#[test]
fn a_teammate_set_descends_only_from_versions_it_grew_out_of() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = sidecar(&dir);
    let loaded = save(&path, &fresh(), None);

    // A teammate's copy, changed and saved elsewhere, grew out of what I loaded.
    let theirs_dir = tempfile::tempdir().expect("temp dir");
    let theirs_path = sidecar(&theirs_dir);
    std::fs::copy(&path, &theirs_path).expect("copy");
    let theirs_loaded = load(&theirs_path);
    let mut theirs = theirs_loaded.set.clone();
    add(&mut theirs, 16, "ana");
    let theirs = save(&theirs_path, &theirs, Some(&theirs_loaded)).set;
    assert!(descends_from(&theirs, &loaded.set));

    // A set started separately (a union is the only honest merge), or never saved.
    let mut stranger = fresh();
    stranger.title = "Someone else's".into();
    let stranger = save(
        &sidecar(&tempfile::tempdir().expect("dir")),
        &stranger,
        None,
    )
    .set;
    assert!(!descends_from(&stranger, &loaded.set));
    assert!(
        !descends_from(&fresh(), &loaded.set),
        "no revision, no descent"
    );
    assert!(!descends_from(&theirs, &fresh()));

    // A three-way merge keeps ours' revision; the save then names it as the ancestor.
    let mut mine = loaded.set.clone();
    add(&mut mine, 0, "ana");
    let (merged, report) = merge(
        &loaded.set,
        Side {
            set: &mine,
            by: "ana",
        },
        Side {
            set: &theirs,
            by: "bea",
        },
    );
    assert!(report.is_clean());
    assert_eq!(merged.revision, loaded.set.revision);
    let saved = save(&path, &merged, Some(&loaded)).set;
    assert!(descends_from(&saved, &loaded.set));
}

#[test]
fn exports_do_not_mention_the_revision() {
    let doc = Document::new(TEXT);
    let mut set = fresh();
    add(&mut set, 0, "ana");
    let revised = store::revised(&set).expect("revises");
    let id = revision_id(&revised);
    for format in Format::ALL {
        let plain = export(&ExportContext::new(&set, &doc, "doc.txt", now()), format);
        let with = export(
            &ExportContext::new(&revised, &doc, "doc.txt", now()),
            format,
        );
        let (Ok(plain), Ok(with)) = (plain, with) else {
            continue; // ClaimReview needs verdicts and publishing details
        };
        assert_eq!(plain, with, "{format}");
        for file in with {
            let text = String::from_utf8_lossy(&file.bytes);
            assert!(!text.contains(&id), "{format}: {text}");
        }
    }
}

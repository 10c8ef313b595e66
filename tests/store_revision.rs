//! Revisions: every save that changes a set's file names its content and the revision it
//! was saved over, so a later merge can tell whether a teammate's set grew out of ours.
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)] // tests fail by panicking

use std::path::{Path, PathBuf};

use chrono::{TimeZone as _, Utc};
use factmark::export::{ExportContext, Format, export};
use factmark::model::merge::{Side, descends_from, merge};
use factmark::model::{Annotation, AnnotationSet, Document, TAG_CLAIM, Verdict};
use factmark::store::{self, LoadedSet, RealFs};

const TEXT: &str = "One claim here. Another claim there. A third one at the end of the text.";

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0)
        .single()
        .expect("time")
}

fn fresh() -> AnnotationSet {
    AnnotationSet::new(&Document::new(TEXT), "doc.txt", "Doc", now())
}

fn add(set: &mut AnnotationSet, start: usize) {
    let annotation = Annotation::new(
        &Document::new(TEXT),
        start..start + 3,
        TAG_CLAIM,
        "ana",
        now(),
    );
    set.annotations.push(annotation);
}

fn sidecar(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("doc.txt.factmark.ron")
}

fn load(path: &Path) -> LoadedSet {
    store::load_set(&RealFs, path).expect("loads")
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
    add(&mut other, 0);
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
    add(&mut edited, 0);
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
    add(&mut set, 0);
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
    add(&mut theirs, 16);
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
    add(&mut mine, 0);
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
    add(&mut set, 0);
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

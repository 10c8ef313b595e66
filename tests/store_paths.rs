//! Evidence paths stay inside the document folder; source paths are relative to the sidecar.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests: a panic is a failure report

use std::path::Path;

use factmark::store::{StoreError, relative_to, resolve_relative, source_path_for};

fn touch(path: &Path) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, b"x").unwrap();
}

#[test]
fn files_inside_the_folder_get_slash_separated_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("docs");
    touch(&base.join("evidence").join("scan 1.pdf"));
    touch(&base.join("top.png"));
    assert_eq!(
        relative_to(&base, &base.join("evidence").join("scan 1.pdf")).unwrap(),
        "evidence/scan 1.pdf"
    );
    assert_eq!(
        relative_to(&base, &base.join("top.png")).unwrap(),
        "top.png"
    );
    // A path spelled with `..` that ends up inside is fine; the result has no `..`.
    let roundabout = base.join("evidence").join("..").join("top.png");
    assert_eq!(relative_to(&base, &roundabout).unwrap(), "top.png");
    // And resolving gives the file back.
    let resolved = resolve_relative(&base, "evidence/scan 1.pdf").unwrap();
    assert_eq!(std::fs::read(resolved).unwrap(), b"x");
}

#[test]
fn files_outside_the_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("docs");
    std::fs::create_dir_all(&base).unwrap();
    let outside = dir.path().join("secret.txt");
    touch(&outside);
    for target in [
        outside.clone(),
        base.join("..").join("secret.txt"),
        base.clone(),
    ] {
        let err = relative_to(&base, &target).unwrap_err();
        assert!(
            matches!(err, StoreError::OutsideFolder { .. }),
            "{target:?}: {err:?}"
        );
        assert!(
            err.to_string().contains("outside the document folder"),
            "{err}"
        );
    }
    // A missing file cannot be resolved at all.
    assert!(matches!(
        relative_to(&base, &base.join("missing.pdf")),
        Err(StoreError::Io { .. })
    ));
}

#[test]
fn untrusted_relative_paths_that_escape_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("docs");
    std::fs::create_dir_all(&base).unwrap();
    let outside = dir.path().join("secret.txt");
    touch(&outside);
    let absolute = outside.to_string_lossy().into_owned();
    for bad in [
        "../secret.txt",
        "sub/../../secret.txt",
        absolute.as_str(),
        "/etc/passwd",
        "..",
    ] {
        let err = resolve_relative(&base, bad).unwrap_err();
        assert!(
            matches!(err, StoreError::BadRelativePath { .. }),
            "{bad:?}: {err:?}"
        );
        // The message escapes the untrusted text.
        assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
    }
    // Missing files are allowed here (a teammate may not have sent them yet).
    assert_eq!(
        resolve_relative(&base, "later/scan.pdf").unwrap(),
        base.join("later").join("scan.pdf")
    );
}

#[cfg(unix)]
#[test]
fn symlinks_leading_out_of_the_folder_are_refused() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("docs");
    std::fs::create_dir_all(&base).unwrap();
    let outside_dir = dir.path().join("private");
    touch(&outside_dir.join("key.txt"));
    symlink(outside_dir.join("key.txt"), base.join("innocent.pdf")).unwrap();
    symlink(&outside_dir, base.join("folder")).unwrap();
    symlink(base.join("nowhere"), base.join("dangling")).unwrap();
    touch(&base.join("real.pdf"));
    symlink(base.join("real.pdf"), base.join("alias.pdf")).unwrap();

    for bad in [
        "innocent.pdf",
        "folder/key.txt",
        "folder/not-yet.txt",
        "dangling",
    ] {
        let err = resolve_relative(&base, bad).unwrap_err();
        assert!(
            matches!(err, StoreError::OutsideFolder { .. }),
            "{bad:?}: {err:?}"
        );
    }
    assert!(matches!(
        relative_to(&base, &base.join("innocent.pdf")),
        Err(StoreError::OutsideFolder { .. })
    ));
    // A link that stays inside is fine, and is stored as the file it points to.
    assert_eq!(
        resolve_relative(&base, "alias.pdf").unwrap(),
        base.join("alias.pdf")
    );
    assert_eq!(
        relative_to(&base, &base.join("alias.pdf")).unwrap(),
        "real.pdf"
    );
}

#[cfg(unix)]
#[test]
fn a_base_folder_reached_through_a_symlink_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    touch(&real.join("e.pdf"));
    let via = dir.path().join("via");
    std::os::unix::fs::symlink(&real, &via).unwrap();
    assert_eq!(relative_to(&via, &real.join("e.pdf")).unwrap(), "e.pdf");
    assert_eq!(relative_to(&real, &via.join("e.pdf")).unwrap(), "e.pdf");
    assert_eq!(resolve_relative(&via, "e.pdf").unwrap(), via.join("e.pdf"));
}

#[test]
fn source_paths_are_relative_to_the_sidecar_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    touch(&root.join("article.txt"));
    touch(&root.join("texts").join("speech.md"));
    touch(&root.join("elsewhere").join("other.txt"));
    std::fs::create_dir_all(root.join("sets")).unwrap();
    let cases = [
        (
            root.join("article.txt.factmark.ron"),
            root.join("article.txt"),
            "article.txt",
        ),
        (
            root.join("review.ron"),
            root.join("texts").join("speech.md"),
            "texts/speech.md",
        ),
        // Not below the sidecar's folder: just the file name, never `..`.
        (
            root.join("sets").join("a.ron"),
            root.join("elsewhere").join("other.txt"),
            "other.txt",
        ),
        // The sidecar need not exist yet.
        (
            root.join("new.ron"),
            root.join("article.txt"),
            "article.txt",
        ),
    ];
    for (sidecar, document, want) in cases {
        assert_eq!(source_path_for(&sidecar, &document), want, "{sidecar:?}");
    }
    assert_eq!(
        source_path_for(Path::new("a.txt.factmark.ron"), Path::new("a.txt")),
        "a.txt"
    );
}

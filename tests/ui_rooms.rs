//! The app's rooms keep their imports pointing down: `app` on top; `panels`, `windows` and
//! `chrome` below it; then `state`, `text`, and `doc_view` at the bottom. A view that
//! imported `app` (or state that imported a view) would make a cycle and hide who owns what.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a failing read fails the test"
)]

use std::path::{Path, PathBuf};

/// Each room and its height: a file may import only rooms lower than its own (or its own).
const ROOMS: [(&str, u8); 7] = [
    ("app", 5),
    ("panels", 4),
    ("windows", 4),
    ("chrome", 4),
    ("state", 3),
    ("text", 2),
    ("doc_view", 1),
];

fn height(room: &str) -> Option<u8> {
    ROOMS
        .iter()
        .find(|(name, _)| *name == room)
        .map(|(_, height)| *height)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/ui") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The rooms that `code` names as `crate::ui::ROOM`, outside comments.
fn rooms_used(code: &str) -> Vec<String> {
    let mut used = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        for rest in line.split("crate::ui::").skip(1) {
            let room: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            used.push(room);
        }
    }
    used
}

#[test]
fn every_import_inside_ui_points_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).expect("under src/ui");
        let Some(room) = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .filter(|_| relative.components().count() > 1)
        else {
            continue; // ui/mod.rs sits above every room
        };
        let own = height(room).unwrap_or_else(|| panic!("{room} is not a known room"));
        let code = std::fs::read_to_string(file).expect("read file");
        for used in rooms_used(&code) {
            let Some(theirs) = height(&used) else {
                wrong.push(format!("{}: unknown room ui::{used}", relative.display()));
                continue;
            };
            if used != room && theirs >= own {
                wrong.push(format!("{} imports ui::{used}", relative.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that do not point down:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_rule_catches_an_import_that_points_up() {
    assert_eq!(
        rooms_used("use crate::ui::app::FactmarkApp;\n// crate::ui::windows in a comment"),
        vec!["app".to_owned()]
    );
}

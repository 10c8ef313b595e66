//! The eframe/egui desktop app (cargo feature `gui`).

pub mod doc_view;

/// Open the app (placeholder until the app lands from its branch).
pub fn run(_document: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!("the desktop app is not part of this build yet")
}

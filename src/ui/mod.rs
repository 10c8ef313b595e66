//! The eframe/egui desktop app (cargo feature `gui`).

pub mod doc_view;

//! The eframe/egui desktop app (cargo feature `gui`).
//!
//! Views draw from state and emit [`commands::Action`]s; the app loop ([`app`]) applies
//! edits through `model::apply` (with undo history) and runs file work on background
//! threads ([`worker`]). Dialogs and the system opener sit behind traits ([`dialogs`]) so
//! tests drive the whole app headless with egui_kittest.

pub mod annotation_list;
pub mod app;
mod app_actions;
mod app_export;
mod app_layout;
mod app_results;
pub mod commands;
pub mod detail;
pub mod dialogs;
pub mod doc_view;
pub mod evidence_card;
pub mod evidence_panel;
pub mod export_window;
pub mod find_bar;
pub mod highlights;
pub mod history;
pub mod labels;
pub mod menu;
pub mod messages;
pub mod prompts;
pub mod review_details;
pub mod review_queue;
pub mod session;
pub mod settings;
pub mod status_bar;
pub mod tags;
pub mod welcome;
pub mod worker;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::{AppDeps, FactmarkApp, SideTab};
pub use dialogs::{FileDialogs, RfdDialogs, ScriptedDialogs, SystemOpener};

/// Application id: window class on Linux and the name of the settings folder.
pub const APP_ID: &str = "factmark";

/// Open the desktop app, optionally on `document`; returns when the window closes.
pub fn run(document: Option<PathBuf>) -> anyhow::Result<()> {
    let data_dir = eframe::storage_dir(APP_ID).unwrap_or_else(|| std::env::temp_dir().join(APP_ID));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("factmark")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            let deps = AppDeps::new(
                Box::new(RfdDialogs),
                Arc::new(crate::store::RealFs),
                data_dir,
            );
            let mut app = FactmarkApp::new(cc, deps);
            if let Some(path) = document {
                app.open_document(path);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not open the factmark window: {err}"))
}

//! The eframe/egui desktop app (cargo feature `gui`).
//!
//! Rooms named for what a person sees; imports inside `ui/` point down only:
//!
//! - [`app`] on top: owns every piece of state, runs the frame, applies [`state::commands::Action`]s
//!   (edits go through `model::apply` with undo history) and runs file work on background
//!   threads ([`app::worker`]). Dialogs and the system opener sit behind traits
//!   ([`app::dialogs`]) so tests drive the whole app headless with egui_kittest.
//! - [`panels`] (the side panel's tabs), [`windows`] (floating windows and prompts) and
//!   [`chrome`] (menu, toolbar's find bar, status bar, welcome screen): each takes the state
//!   it shows and returns `Action`s; none imports `app`.
//! - [`state`] (the command table, the open document's session, undo history, messages,
//!   settings) and [`text`] (safe display text, colours): plain data and helpers.
//! - [`doc_view`] at the bottom: the document widget.

pub mod app;
pub mod chrome;
pub mod doc_view;
pub mod panels;
pub mod state;
pub mod text;
pub mod windows;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::dialogs::{FileDialogs, RfdDialogs, ScriptedDialogs, SystemOpener};
pub use app::{AppDeps, FactmarkApp, SideTab};

/// Application id: window class on Linux and the name of the settings folder.
pub const APP_ID: &str = "factmark";

/// Open the desktop app, optionally on `document` with teammates' sets shown as `layers`;
/// returns when the window closes.
pub fn run(document: Option<PathBuf>, layers: Vec<PathBuf>) -> anyhow::Result<()> {
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
                app.show_layers_when_open(layers);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not open the factmark window: {err}"))
}

//! Shared set-up for the UI tests: a temp folder with a copy of the sample document, fake
//! dialogs and opener, and a headless app harness.

#![allow(
    dead_code,
    clippy::expect_used,
    clippy::panic,
    reason = "shared test fixtures; a failing fixture fails its test"
)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::AnnotationId;
use factmark::store::RealFs;
use factmark::ui::app::dialogs::RecordingOpener;
use factmark::ui::{AppDeps, FactmarkApp, ScriptedDialogs};

/// The sample document's text.
pub const SAMPLE: &str = include_str!("../../sample_docs/harbor-bridge.txt");

/// A temp folder with a document and the fakes the app is built with.
pub struct Env {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// Answers for file dialogs.
    pub dialogs: ScriptedDialogs,
    /// Records browser/file-manager requests.
    pub opener: RecordingOpener,
    /// The document (a copy of the sample).
    pub doc: PathBuf,
    /// The app data folder.
    pub data_dir: PathBuf,
    /// How often recovery copies are written.
    pub recovery_interval: Duration,
}

impl Env {
    /// A fresh folder with `docs/harbor-bridge.txt`.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let docs = dir.path().join("docs");
        std::fs::create_dir_all(&docs).expect("docs dir");
        let doc = docs.join("harbor-bridge.txt");
        std::fs::write(&doc, SAMPLE).expect("write sample");
        let data_dir = dir.path().join("data");
        Self {
            dir,
            dialogs: ScriptedDialogs::new(),
            opener: RecordingOpener::new(),
            doc,
            data_dir,
            recovery_interval: Duration::from_secs(30),
        }
    }

    /// The default sidecar of the document.
    pub fn sidecar(&self) -> PathBuf {
        factmark::store::default_sidecar_path(&self.doc)
    }

    /// A headless app over this environment.
    pub fn harness(&self) -> Harness<'static, FactmarkApp> {
        self.harness_with_fs(Arc::new(RealFs))
    }

    /// A headless app over this environment using `fs` (e.g. one that injects faults).
    pub fn harness_with_fs(
        &self,
        fs: Arc<dyn factmark::store::Fs>,
    ) -> Harness<'static, FactmarkApp> {
        let dialogs = self.dialogs.clone();
        let opener = self.opener.clone();
        let data_dir = self.data_dir.clone();
        let interval = self.recovery_interval;
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .with_max_steps(12)
            .build_eframe(move |cc| {
                let deps = AppDeps::new(Box::new(dialogs), fs, data_dir)
                    .with_opener(Box::new(opener))
                    .with_recovery_interval(interval)
                    // The harness clock runs ahead while file work is in flight, which can
                    // turn a test's click into a long press; tests/ui_doc_changed.rs checks
                    // the document watch with its own harness.
                    .with_document_check_interval(Duration::from_secs(3600));
                FactmarkApp::new(cc, deps)
            });
        settle(&mut harness);
        harness
    }
}

/// Run frames until the app has no file work running (at most 10 s).
pub fn settle(harness: &mut Harness<'static, FactmarkApp>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        harness.run();
        if !harness.state().is_busy() {
            harness.run();
            if !harness.state().is_busy() {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "file work did not finish in 10 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Open the environment's document through File → Open (the fake dialog answers).
pub fn open_document(env: &Env, harness: &mut Harness<'static, FactmarkApp>) {
    env.dialogs.push(&env.doc);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    settle(harness);
    let session = harness.state().session().expect("document opened");
    assert_eq!(session.doc_path(), env.doc.as_path());
}

/// Char range of the first occurrence of `needle` in the open document.
pub fn range_of(harness: &Harness<'static, FactmarkApp>, needle: &str) -> std::ops::Range<usize> {
    let session = harness.state().session().expect("document open");
    let start = *session
        .doc()
        .find_all_char_starts(needle)
        .first()
        .expect("needle in document");
    start..start + needle.chars().count()
}

/// Select `needle` in the document view, as a user dragging over it would.
pub fn select_text(
    harness: &mut Harness<'static, FactmarkApp>,
    needle: &str,
) -> std::ops::Range<usize> {
    let range = range_of(harness, needle);
    harness
        .state_mut()
        .session_mut()
        .expect("document open")
        .doc_view
        .set_selection(Some(range.clone()));
    harness.run();
    range
}

/// Press a bare key (no modifiers).
pub fn press(harness: &mut Harness<'static, FactmarkApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

/// A fresh environment with its document open in a headless app.
pub fn opened() -> (Env, Harness<'static, FactmarkApp>) {
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    (env, harness)
}

/// A fresh environment with its document open in an app whose filesystem fails (or holds)
/// on request.
pub fn opened_with_faults() -> (
    Env,
    Harness<'static, FactmarkApp>,
    Arc<factmark::store::FaultyFs>,
) {
    let mut env = Env::new();
    // A recovery copy is an atomic write too: one written while a test waits would take
    // the fault the test injected for its save (the harness clock runs ahead under load).
    env.recovery_interval = Duration::from_secs(24 * 3600);
    let fs = Arc::new(factmark::store::FaultyFs::new());
    let mut harness = env.harness_with_fs(fs.clone());
    open_document(&env, &mut harness);
    (env, harness, fs)
}

/// Select `needle` and press `key` (1 claim, 2 quote, 3 attribution, or a custom tag's
/// key); returns the new annotation's id, which is now selected.
pub fn annotate(
    harness: &mut Harness<'static, FactmarkApp>,
    needle: &str,
    key: egui::Key,
) -> AnnotationId {
    select_text(harness, needle);
    press(harness, key);
    harness
        .state()
        .session()
        .and_then(|session| session.selected())
        .expect("the new annotation is selected")
}

/// Ctrl+S, then wait for the save to finish.
pub fn save(harness: &mut Harness<'static, FactmarkApp>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(harness);
}

/// Click a menu, then one of its entries, by their labels.
pub fn menu(harness: &mut Harness<'static, FactmarkApp>, menu: &str, entry: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

/// Drop `path` on the window, as a file manager would.
pub fn drop_path(harness: &mut Harness<'static, FactmarkApp>, path: &std::path::Path) {
    #[derive(Debug)]
    struct Dropped(PathBuf);
    impl egui::DroppedFile for Dropped {
        fn path(&self) -> &std::path::Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            std::fs::read(&self.0).map_err(|e| e.to_string())
        }
    }
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
}

//! Every app command in one table: label, keyboard shortcut and tooltip, so menus, buttons
//! and keys agree. Views never change state themselves; they send [`Action`]s.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{AnnotationId, Edit, Verdict};

/// A command without arguments, reachable from menus and keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Open a document with the file dialog.
    Open,
    /// Open another annotation set for the current document.
    OpenSet,
    /// Show a folder of documents as a desk (progress, claims across them).
    OpenFolder,
    /// Fetch a web page into a folder and open it.
    OpenWebAddress,
    /// Save the clipboard's text as a new document and open it.
    NewFromClipboard,
    /// Merge a teammate's set for the current document into this one.
    MergeSet,
    /// Show a teammate's set over the document as a read-only layer.
    ShowLayer,
    /// Show the compare window: agreement and disagreements between this set and layers.
    CompareReviewers,
    /// Save the annotation set.
    Save,
    /// Save the annotation set under another name.
    SaveAs,
    /// Show the export window (W3C, ClaimReview, brat, CSV, HTML, Markdown).
    Export,
    /// Import W3C Web Annotations from a file into the set.
    ImportW3c,
    /// Show the review details window (publisher, addresses, title).
    ReviewDetails,
    /// Close the window (asks about unsaved changes).
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Show the find bar.
    Find,
    /// Go to the next find match.
    FindNext,
    /// Go to the previous find match.
    FindPrevious,
    /// Bigger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Select and show the next annotation.
    NextAnnotation,
    /// Select and show the previous annotation.
    PreviousAnnotation,
    /// Delete the selected annotation.
    DeleteAnnotation,
    /// Clear the text selection and the selected annotation.
    ClearSelection,
    /// Show the settings window.
    Settings,
    /// Show the tags window (custom tags and their keys).
    ManageTags,
    /// Switch between light and dark theme.
    ToggleTheme,
    /// Show the annotation list tab.
    ShowAnnotations,
    /// Show the evidence tab.
    ShowEvidence,
    /// Show the review queue tab.
    ShowReview,
    /// Give the selected claim this verdict.
    SetVerdict(Verdict),
    /// Add evidence to the selected annotation and link it, in one step.
    AddEvidence,
}

/// A command's entry in the table.
#[derive(Debug, Clone, Copy)]
pub struct CommandInfo {
    /// Menu and button text.
    pub label: &'static str,
    /// Keyboard shortcut, if any.
    pub shortcut: Option<KeyboardShortcut>,
    /// Longer explanation shown on hover, without the shortcut: [`UiCommand::hover_text`]
    /// adds the shortcuts as this platform writes them.
    pub tooltip: &'static str,
    /// Is the shortcut a bare key (no Ctrl/Cmd), which must not fire while typing?
    pub bare_key: bool,
}

const fn key(modifiers: Modifiers, logical_key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, logical_key))
}

const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl UiCommand {
    /// Every command, most specific shortcut first (Ctrl+Shift+S before Ctrl+S), which is the
    /// order keys are matched in.
    pub const ALL: [Self; 40] = [
        Self::SaveAs,
        Self::Redo,
        Self::FindPrevious,
        Self::Open,
        Self::OpenSet,
        Self::OpenFolder,
        Self::OpenWebAddress,
        Self::NewFromClipboard,
        Self::MergeSet,
        Self::ShowLayer,
        Self::CompareReviewers,
        Self::Save,
        Self::Export,
        Self::ImportW3c,
        Self::ReviewDetails,
        Self::Quit,
        Self::Undo,
        Self::Find,
        Self::FindNext,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::NextAnnotation,
        Self::PreviousAnnotation,
        Self::DeleteAnnotation,
        Self::ClearSelection,
        Self::Settings,
        Self::ManageTags,
        Self::ToggleTheme,
        Self::ShowAnnotations,
        Self::ShowEvidence,
        Self::ShowReview,
        Self::SetVerdict(Verdict::Unreviewed),
        Self::SetVerdict(Verdict::True),
        Self::SetVerdict(Verdict::MostlyTrue),
        Self::SetVerdict(Verdict::HalfTrue),
        Self::SetVerdict(Verdict::MostlyFalse),
        Self::SetVerdict(Verdict::False),
        Self::SetVerdict(Verdict::Misleading),
        Self::SetVerdict(Verdict::Unverifiable),
        Self::AddEvidence,
    ];

    /// The table: label, shortcut, tooltip.
    pub fn info(self) -> CommandInfo {
        let (label, shortcut, tooltip) = match self {
            Self::Open => (
                "Open…",
                key(Modifiers::COMMAND, Key::O),
                "Open a text document and its annotation set",
            ),
            Self::OpenSet => (
                "Open Annotation Set…",
                None,
                "Open another annotation set for this document",
            ),
            Self::OpenFolder => (
                "Open Folder…",
                None,
                "Show every document in a folder with its progress, and the claims across them",
            ),
            Self::OpenWebAddress => (
                "Open Web Address…",
                None,
                "Fetch a web page (http or https), save it with its set and open it",
            ),
            Self::NewFromClipboard => (
                "New from Clipboard…",
                None,
                "Save the text on the clipboard as a new .txt document and open it",
            ),
            Self::ShowLayer => (
                "Show a Teammate's Set as a Layer…",
                None,
                "Outline another reviewer's annotations over the document, read-only, to \
                 compare before merging",
            ),
            Self::CompareReviewers => (
                "Compare Reviewers…",
                None,
                "Agreement between this set and teammates' layers (precision, recall, F1, \
                 kappa, alpha) and where they disagree on the text; adopt a teammate's span",
            ),
            Self::MergeSet => (
                "Merge a Teammate's Set…",
                None,
                "Combine another reviewer's set for this document with yours, as one \
                 undoable step; where you both changed the same thing, both are kept",
            ),
            Self::Save => (
                "Save",
                key(Modifiers::COMMAND, Key::S),
                "Save the annotation set beside the document",
            ),
            Self::SaveAs => (
                "Save As…",
                key(CMD_SHIFT, Key::S),
                "Save the annotation set under another name",
            ),
            Self::Export => (
                "Export…",
                key(Modifiers::COMMAND, Key::E),
                "Write the annotations as W3C, ClaimReview, brat, CSV, HTML or Markdown",
            ),
            Self::ImportW3c => (
                "Import W3C Annotations…",
                None,
                "Add annotations from a W3C Web Annotation (or Hypothesis) JSON file",
            ),
            Self::ReviewDetails => (
                "Review Details…",
                None,
                "Publisher, web addresses and title used by the ClaimReview export",
            ),
            Self::Quit => (
                "Quit",
                key(Modifiers::COMMAND, Key::Q),
                "Close factmark (asks about unsaved changes)",
            ),
            Self::Undo => (
                "Undo",
                key(Modifiers::COMMAND, Key::Z),
                "Take back the last change",
            ),
            Self::Redo => ("Redo", key(CMD_SHIFT, Key::Z), "Do again what was undone"),
            Self::Find => (
                "Find…",
                key(Modifiers::COMMAND, Key::F),
                "Find text in the document",
            ),
            Self::FindNext => ("Find Next", key(Modifiers::NONE, Key::F3), "Next match"),
            Self::FindPrevious => (
                "Find Previous",
                key(Modifiers::SHIFT, Key::F3),
                "Previous match",
            ),
            Self::ZoomIn => (
                "Larger Text",
                key(Modifiers::COMMAND, Key::Equals),
                "Make the document text larger",
            ),
            Self::ZoomOut => (
                "Smaller Text",
                key(Modifiers::COMMAND, Key::Minus),
                "Make the document text smaller",
            ),
            Self::NextAnnotation => (
                "Next Annotation",
                key(Modifiers::NONE, Key::N),
                "Select and show the next annotation",
            ),
            Self::PreviousAnnotation => (
                "Previous Annotation",
                key(Modifiers::NONE, Key::P),
                "Select and show the previous annotation",
            ),
            Self::DeleteAnnotation => (
                "Delete Annotation",
                key(Modifiers::NONE, Key::Delete),
                "Delete the selected annotation",
            ),
            Self::ClearSelection => (
                "Clear Selection",
                key(Modifiers::NONE, Key::Escape),
                "Clear the text selection and the selected annotation",
            ),
            Self::Settings => (
                "Settings…",
                key(Modifiers::COMMAND, Key::Comma),
                "Reviewer name, theme, font size",
            ),
            Self::ManageTags => ("Tags…", None, "Define custom tags, their colours and keys"),
            Self::ToggleTheme => ("Toggle Dark Mode", None, "Switch light and dark theme"),
            Self::ShowAnnotations => ("Annotations", None, "List of annotations"),
            Self::ShowEvidence => ("Evidence", None, "Evidence and links"),
            Self::ShowReview => (
                "Review Queue",
                None,
                "Annotations that moved approximately or lost their place",
            ),
            Self::AddEvidence => (
                "Add Evidence…",
                key(Modifiers::COMMAND, Key::L),
                "Add a web page, file or citation to the selected annotation and link it with \
                 a stance, in one step; or link evidence already in the set",
            ),
            Self::SetVerdict(verdict) => (
                verdict.label(),
                verdict_key(verdict).map(|k| KeyboardShortcut::new(Modifiers::ALT, k)),
                "Give the selected claim this verdict",
            ),
        };
        let bare_key = shortcut.is_some_and(|s| {
            !s.modifiers.command && !s.modifiers.ctrl && !s.modifiers.alt && !is_function_key(s)
        });
        CommandInfo {
            label,
            shortcut,
            tooltip,
            bare_key,
        }
    }

    /// Extra shortcuts that also trigger the command (Ctrl+Y for redo, Ctrl++ for zoom,
    /// Backspace for delete as on macOS keyboards).
    pub fn alternate_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)];
        const ZOOM_IN: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus)];
        const DELETE: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)];
        match self {
            Self::Redo => &REDO,
            Self::ZoomIn => &ZOOM_IN,
            Self::DeleteAnnotation => &DELETE,
            _ => &[],
        }
    }
}

impl UiCommand {
    /// The tooltip followed by every shortcut as this platform writes them:
    /// "Do again what was undone (Ctrl+Shift+Z, Ctrl+Y)"; on macOS "Shift+Cmd+Z, Cmd+Y".
    pub fn hover_text(self, ctx: &egui::Context) -> String {
        hover_text_for(self, ctx.os() == egui::os::OperatingSystem::Mac)
    }
}

fn hover_text_for(command: UiCommand, is_mac: bool) -> String {
    let info = command.info();
    let keys: Vec<String> = info
        .shortcut
        .iter()
        .chain(command.alternate_shortcuts())
        .map(|shortcut| format_shortcut(shortcut, is_mac))
        .collect();
    if keys.is_empty() {
        info.tooltip.to_owned()
    } else {
        format!("{} ({})", info.tooltip, keys.join(", "))
    }
}

/// A shortcut as this platform writes it: "Ctrl+Shift+S" elsewhere, "Shift+Cmd+S" on macOS
/// (egui's own formatting, so menus, tooltips and keys agree).
pub fn shortcut_label(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    format_shortcut(shortcut, ctx.os() == egui::os::OperatingSystem::Mac)
}

fn format_shortcut(shortcut: &KeyboardShortcut, is_mac: bool) -> String {
    let names = egui::ModifierNames {
        is_short: true,
        ..egui::ModifierNames::NAMES
    };
    shortcut.format(&names, is_mac)
}

/// The digit that sets a verdict with Alt: its place in [`Verdict::ALL`] (Alt+0
/// unreviewed, Alt+1 true … Alt+7 unverifiable), beside the tag digits 1, 2, 3.
fn verdict_key(verdict: Verdict) -> Option<Key> {
    const DIGITS: [Key; 10] = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    let place = Verdict::ALL.iter().position(|v| *v == verdict)?;
    DIGITS.get(place).copied()
}

/// Drop the text an Alt shortcut also typed this frame (X11 sends "5" with Alt+5), so the
/// verdict or stance key does not land in the focused text field too.
pub fn drop_typed_text_of(input: &mut egui::InputState, key: Key) {
    let name = key.name();
    input.events.retain(|event| match event {
        egui::Event::Text(text) => !text.eq_ignore_ascii_case(name),
        _ => true,
    });
}

fn is_function_key(shortcut: KeyboardShortcut) -> bool {
    matches!(shortcut.logical_key, Key::F3)
}

/// What the compare window's figures depend on: the document, the set's generation, the
/// layers' revision, and which reviewers are A and B.
pub type CompareKey = (usize, u64, u64, usize, usize);

/// Something a view asks the app loop to do.
#[derive(Debug, Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "a handful of actions per frame; boxing would only add noise"
)]
pub enum Action {
    /// Run a table command.
    Run(UiCommand),
    /// Apply an edit to the set; `label` names it in the Edit menu ("Undo <label>").
    Edit {
        /// What the user did, e.g. "Add claim".
        label: String,
        /// The change.
        edit: Edit,
    },
    /// Select an annotation (or none); `scroll` brings it into view.
    Select {
        /// The annotation to select.
        id: Option<AnnotationId>,
        /// Scroll the document to it.
        scroll: bool,
    },
    /// Tag the current text selection with this tag name.
    TagSelection(String),
    /// Open this document (asks about unsaved changes first).
    OpenDocument(PathBuf),
    /// Open this document and select one of its annotations.
    OpenDocumentAt {
        /// The document.
        path: PathBuf,
        /// The annotation to select once open.
        annotation: AnnotationId,
    },
    /// Give these annotations (document, id) this verdict, saving each document's set.
    CopyVerdict {
        /// The verdict.
        verdict: crate::model::Verdict,
        /// Where: each document and the annotation in it.
        targets: Vec<(PathBuf, AnnotationId)>,
    },
    /// Compute agreement between codings off the UI thread (the compare window shows the
    /// result when it comes back).
    ComputeAgreement {
        /// What the figures are computed from (the compare window's key).
        key: CompareKey,
        /// The document the codings are over.
        doc: std::sync::Arc<crate::model::Document>,
        /// A, B, then the other reviewers.
        codings: Vec<crate::model::agreement::Coding>,
        /// Which reviewer each coding is.
        order: Vec<usize>,
    },
    /// Fetch this web address into a folder the user picks, and open the page.
    FetchPage(String),
    /// Save this text as a new `.txt` where the user picks, and open it.
    NewDocumentFromText(String),
    /// Open the bundled sample document.
    OpenSample,
    /// Ask the user to confirm, then open this web address.
    ConfirmOpenUrl(String),
    /// Show this local evidence file (relative to the document folder) in the file manager.
    Reveal(String),
    /// Keep a copy of this web page evidence, already in the set, now (on the worker).
    SnapshotEvidence(crate::model::EvidenceId),
    /// Fetch a web page evidence's copy in the background, then add the evidence (with its
    /// snapshot) and this link as one undoable step.
    AddEvidenceWithSnapshot {
        /// What the user did, e.g. "Add and link evidence …".
        label: String,
        /// The evidence (a web page), checked, without its snapshot yet.
        evidence: Box<crate::model::Evidence>,
        /// The link to add with it.
        link: crate::model::Link,
    },
    /// Pick a local evidence file with the dialog and fill the evidence form with it.
    PickEvidenceFile,
    /// Put an orphaned or fuzzy annotation on the current text selection.
    Reattach(AnnotationId),
    /// Scroll the document to a char offset without changing the selection.
    ScrollTo(usize),
    /// Scroll the document to these chars and flash them ("Show" in the review queue).
    ShowPlace(std::ops::Range<usize>),
    /// Show a message to the user.
    Notify(crate::ui::state::messages::Message),
    /// Export the set in this format: pick where with the save dialog, then write it.
    Export(crate::export::Format),
    /// Open an exported HTML report in the browser.
    OpenReport(PathBuf),
    /// Show or hide a teammate's layer (by index).
    ToggleLayer(usize),
    /// Take a teammate's layer away (by index).
    RemoveLayer(usize),
    /// Merge a teammate's layer into the set (by index), as one undoable step.
    MergeLayer(usize),
    /// Select this char range in the document and scroll to it.
    ShowRange(std::ops::Range<usize>),
    /// Adopt a teammate's annotation from a layer into the set, as one undoable step.
    Adopt {
        /// The layer's index.
        layer: usize,
        /// The annotation in the layer's set.
        id: AnnotationId,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn shortcuts_are_unique_and_specific_ones_come_first() {
        let mut seen = HashSet::new();
        for command in UiCommand::ALL {
            if let Some(shortcut) = command.info().shortcut {
                assert!(seen.insert(shortcut), "{command:?} reuses {shortcut:?}");
            }
        }
        // A shortcut that logically matches a later one (Ctrl+Shift+S vs Ctrl+S) must come
        // first, or pressing it would run the less specific command.
        let ordered: Vec<_> = UiCommand::ALL
            .iter()
            .filter_map(|c| c.info().shortcut)
            .collect();
        for (i, earlier) in ordered.iter().enumerate() {
            for later in ordered.iter().skip(i + 1) {
                let shadowed = later.logical_key == earlier.logical_key
                    && later.modifiers.matches_logically(earlier.modifiers);
                assert!(!shadowed, "{earlier:?} and {later:?} collide");
            }
        }
    }

    /// Regression: tooltips wrote "(Ctrl+=)" by hand, wrong on macOS and free to drift from
    /// the table. Now the table holds no key names and `hover_text` adds them.
    #[test]
    fn tooltips_name_shortcuts_from_the_table_for_each_platform() {
        for command in UiCommand::ALL {
            let tooltip = command.info().tooltip;
            for hint in ["Ctrl", "Cmd", "(n)", "(p)", "(Esc)", "(Delete)"] {
                assert!(!tooltip.contains(hint), "{command:?} hard-codes {hint}");
            }
        }
        assert_eq!(
            hover_text_for(UiCommand::Redo, false),
            "Do again what was undone (Ctrl+Shift+Z, Ctrl+Y)"
        );
        let mac = hover_text_for(UiCommand::ZoomIn, true);
        assert!(mac.contains("Cmd") && !mac.contains("Ctrl"), "{mac}");
        assert_eq!(
            hover_text_for(UiCommand::NextAnnotation, false),
            "Select and show the next annotation (N)"
        );
        assert_eq!(
            hover_text_for(UiCommand::ManageTags, false),
            "Define custom tags, their colours and keys"
        );
    }

    #[test]
    fn every_verdict_has_its_own_key_named_in_its_tooltip() {
        for verdict in Verdict::ALL {
            let command = UiCommand::SetVerdict(verdict);
            assert!(
                UiCommand::ALL.contains(&command),
                "{verdict:?} missing from ALL"
            );
            let info = command.info();
            assert!(info.shortcut.is_some(), "{verdict:?} has no key");
            assert!(!info.bare_key, "Alt keys work while typing in the note");
        }
        assert_eq!(
            hover_text_for(UiCommand::SetVerdict(Verdict::True), false),
            "Give the selected claim this verdict (Alt+1)"
        );
        assert_eq!(UiCommand::SetVerdict(Verdict::False).info().label, "False");
    }

    #[test]
    fn bare_keys_are_the_single_key_commands() {
        assert!(UiCommand::NextAnnotation.info().bare_key);
        assert!(UiCommand::DeleteAnnotation.info().bare_key);
        assert!(!UiCommand::Save.info().bare_key);
        assert!(!UiCommand::FindNext.info().bare_key);
    }

    #[test]
    fn single_key_shortcuts_are_reserved_from_tag_keys() {
        use crate::model::tag_key::RESERVED_TAG_KEYS;
        let mut letters = Vec::new();
        for command in UiCommand::ALL {
            let info = command.info();
            let Some(shortcut) = info.shortcut.filter(|_| info.bare_key) else {
                continue;
            };
            let mut name = shortcut.logical_key.name().chars();
            if let (Some(key), None) = (name.next(), name.next())
                && key.is_ascii_alphanumeric()
            {
                letters.push(key);
                assert!(
                    RESERVED_TAG_KEYS.contains(&key.to_ascii_lowercase()),
                    "{command:?} uses {key:?}, which a tag could take: add it to RESERVED_TAG_KEYS"
                );
            }
        }
        assert!(
            !letters.is_empty(),
            "the table has single-key commands (n, p)"
        );
    }
}

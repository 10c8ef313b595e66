//! User settings (reviewer name, theme, font size) and recent files, persisted with eframe's
//! storage. The window that edits them is [`crate::ui::windows::settings`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::defaults::reviewer_name;

/// Key under which the app's persisted state is stored.
pub const STORAGE_KEY: &str = "factmark";

/// How many recent documents are remembered.
pub const MAX_RECENT: usize = 10;

/// Smallest and largest document font size in points.
pub const FONT_SIZE_RANGE: std::ops::RangeInclusive<f32> = 10.0..=32.0;

/// Light, dark, or follow the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Light background.
    Light,
    /// Dark background.
    Dark,
}

impl ThemeChoice {
    /// Label in the settings window.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    /// The egui preference for this choice.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// What the user can set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Written as the author of new annotations.
    pub reviewer: String,
    /// Colour theme.
    pub theme: ThemeChoice,
    /// Document font size in points.
    pub font_size: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            reviewer: default_reviewer(),
            theme: ThemeChoice::System,
            font_size: 17.0,
        }
    }
}

/// The reviewer name from the environment, by the rule the command line uses too
/// ([`reviewer_name`]).
pub fn default_reviewer() -> String {
    reviewer_name(None, |var| std::env::var(var).ok())
}

/// Everything persisted between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// The settings.
    pub settings: Settings,
    /// Recently opened documents, most recent first.
    pub recent: Vec<PathBuf>,
}

impl Persisted {
    /// Put `path` (canonical, absolute) first in the recent list. Relative entries that
    /// older versions stored are dropped: they open a different file from another folder.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path && p.is_absolute());
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_most_recent_first_without_duplicates() {
        let mut persisted = Persisted::default();
        persisted.recent.push(PathBuf::from("relative.txt"));
        let root = std::path::absolute("/").unwrap_or_default();
        for name in ["a", "b", "a", "c"] {
            persisted.remember(&root.join(name));
        }
        assert_eq!(
            persisted.recent,
            vec![root.join("c"), root.join("a"), root.join("b")],
            "most recent first, no duplicates, no relative path"
        );
        for n in 0..20 {
            persisted.remember(&root.join(format!("f{n}")));
        }
        assert_eq!(persisted.recent.len(), MAX_RECENT);
    }

    #[test]
    fn settings_round_trip_through_ron() {
        let persisted = Persisted {
            settings: Settings {
                reviewer: "ana".into(),
                theme: ThemeChoice::Dark,
                font_size: 20.0,
            },
            recent: vec![PathBuf::from("/tmp/x.txt")],
        };
        let text = ron::to_string(&persisted).expect("serializes");
        assert_eq!(ron::from_str::<Persisted>(&text).ok(), Some(persisted));
    }
}

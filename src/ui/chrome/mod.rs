//! The frame around the document: menu bar, find bar, status bar, welcome screen.

pub mod find_bar;
pub mod menu;
pub mod status_bar;
pub mod welcome;

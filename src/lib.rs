//! factmark: fact-check annotation of text documents.
//!
//! Layers (see DESIGN.md): `model` (pure), `store` (files), `export` (formats), `cli`, `ui`.

pub mod cli;
pub mod export;
pub mod model;
pub mod store;

#[cfg(feature = "gui")]
pub mod ui;

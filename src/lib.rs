//! factmark: fact-check annotation of text documents.
//!
//! Layers (see DESIGN.md): `model` (pure), `store` (files), `export` (formats), `cli`, `ui`.

pub mod export;
pub mod model;

#[cfg(feature = "gui")]
pub mod ui;

//! Pure types and logic: text, annotations, evidence, anchoring, edits.
//!
//! No I/O, no clock (time is passed in), no egui.

pub mod anchor;
pub mod edit;
pub mod excerpt;
pub mod invisible;
pub mod set;
pub mod text;
pub mod web;

pub use anchor::{AnchorSummary, anchor_set};
pub use edit::{Edit, EditError, apply};
pub use set::*;
pub use text::{Document, Fingerprint, LineCol};

//! Text and colour for display: safe one-line labels of untrusted text, tag colours.

pub mod colors;
pub mod labels;

//! factmark: fact-check annotation of text documents.
pub mod model;
pub mod store;

//! Floating windows and modal prompts: export, review details, tags, settings, questions. Each takes the state it shows and returns `Action`s or a choice.

pub mod add_evidence;
pub mod compare;
pub mod desk;
pub mod export;
pub mod new_document;
pub mod open_path;
pub mod prompts;
pub mod review_details;
pub mod settings;
pub mod tags;

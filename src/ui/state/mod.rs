//! State the app owns and views read: the command table and `Action`s, the open document's session, undo history, messages, settings, the highlight list.

pub mod commands;
pub mod highlight_list;
pub mod history;
pub mod layers;
pub mod messages;
pub mod session;
pub mod settings;
pub mod versions;

//! The side panel's tabs: annotation list and detail editor, evidence, review queue. Each takes the state it shows and returns `Action`s.

pub mod annotation_list;
pub mod detail;
pub mod evidence;
pub mod evidence_card;
pub mod review_queue;

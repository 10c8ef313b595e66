//! A set's revision: which saved version of the set this is, and which versions it came
//! from, so a later merge can tell whether a teammate's set grew out of the one we loaded
//! (then the loaded one is a common base) or not (then only a union is honest).
//!
//! ```text
//! saved once:   Revision { id: "a1…", ancestors: [] }
//! saved again:  Revision { id: "b2…", ancestors: ["a1…"] }
//! and again:    Revision { id: "c3…", ancestors: ["b2…", "a1…"] }   (at most 16 kept)
//! ```

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// How many earlier revision ids a set remembers.
pub const MAX_ANCESTORS: usize = 16;

/// Which saved version a set is. Invariant: `ancestors` never holds `id`, has the newest
/// first and at most [`MAX_ANCESTORS`] entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// 16 hex digits of the SHA-256 of the set's content (the file without its revision).
    pub id: String,
    /// The revision this one was saved over, then that one's ancestors.
    pub ancestors: Vec<String>,
}

impl Revision {
    /// The revision of content `content_id` saved over `previous`: `previous` itself when
    /// it already names this content, else a new revision with `previous` as first ancestor.
    pub fn after(previous: Option<&Self>, content_id: String) -> Self {
        let Some(previous) = previous else {
            return Self {
                id: content_id,
                ancestors: Vec::new(),
            };
        };
        if previous.id == content_id {
            return previous.clone();
        }
        let ancestors = std::iter::once(&previous.id)
            .chain(&previous.ancestors)
            .filter(|id| **id != content_id)
            .take(MAX_ANCESTORS)
            .cloned()
            .collect();
        Self {
            id: content_id,
            ancestors,
        }
    }

    /// Is `id` this revision or one of its ancestors?
    pub fn includes(&self, id: &str) -> bool {
        self.id == id || self.ancestors.iter().any(|a| a == id)
    }
}

/// The revision id of serialized content: the first 16 hex digits of its SHA-256.
pub fn content_id(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_16_hex_digits_and_deterministic() {
        let id = content_id(b"(version: 1)");
        assert_eq!(id.len(), 16);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(id, content_id(b"(version: 1)"));
        assert_ne!(id, content_id(b"(version: 2)"));
    }

    #[test]
    fn each_new_content_pushes_the_previous_id_and_keeps_at_most_16() {
        let first = Revision::after(None, "r0".to_owned());
        assert!(first.ancestors.is_empty());
        assert_eq!(Revision::after(Some(&first), "r0".to_owned()), first);
        let mut revision = first;
        for n in 1..=20 {
            revision = Revision::after(Some(&revision), format!("r{n}"));
        }
        assert_eq!(revision.id, "r20");
        assert_eq!(revision.ancestors.len(), MAX_ANCESTORS);
        assert_eq!(revision.ancestors.first().map(String::as_str), Some("r19"));
        assert!(revision.includes("r4") && !revision.includes("r3"));
    }
}

//! Which key may apply a tag in the app: the one rule the app's tags window, the command
//! line's `tag add --key` and [`crate::model::apply`] all check.

use crate::model::set::TagDef;

/// Single keys the app's command table already uses (n: next annotation, p: previous). A
/// tag cannot take them, or the command would shadow the tag (or the tag the command). The
/// app's command table checks in a test that its single-key shortcuts are all listed here.
pub const RESERVED_TAG_KEYS: [char; 2] = ['n', 'p'];

/// Why a key cannot apply a tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagKeyError {
    /// Not an ASCII letter or digit.
    #[error("key {key:?} is not available: use a digit or a letter (other than n and p)")]
    NotAlphanumeric {
        /// The key asked for.
        key: char,
    },
    /// Used by an app command.
    #[error(
        "key {key:?} is not available: the app uses it for another command; use a digit or another letter"
    )]
    Reserved {
        /// The key asked for (lowercase).
        key: char,
    },
    /// Another tag has it.
    #[error("key {key:?} already applies the tag {tag:?}")]
    Taken {
        /// The key asked for (lowercase).
        key: char,
        /// The tag that has it.
        tag: String,
    },
}

/// Check a key for a new tag among `tags`, and return it lowercase: an ASCII letter or
/// digit, not one of [`RESERVED_TAG_KEYS`], not the key of another tag.
///
/// ```
/// # use factmark::model::{TagDef, tag_key::tag_key};
/// let tags = TagDef::builtins();
/// assert_eq!(tag_key('Q', &tags), Ok('q'));
/// assert!(tag_key('n', &tags).is_err()); // next annotation
/// assert!(tag_key('1', &tags).is_err()); // claim
/// ```
pub fn tag_key(key: char, tags: &[TagDef]) -> Result<char, TagKeyError> {
    if !key.is_ascii_alphanumeric() {
        return Err(TagKeyError::NotAlphanumeric { key });
    }
    let key = key.to_ascii_lowercase();
    if RESERVED_TAG_KEYS.contains(&key) {
        return Err(TagKeyError::Reserved { key });
    }
    if let Some(other) = tags.iter().find(|t| t.key == Some(key)) {
        return Err(TagKeyError::Taken {
            key,
            tag: other.name.clone(),
        });
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_table() {
        let tags = TagDef::builtins();
        for (key, want) in [
            ('4', Ok('4')),
            ('Z', Ok('z')),
            ('n', Err(TagKeyError::Reserved { key: 'n' })),
            ('P', Err(TagKeyError::Reserved { key: 'p' })),
            (
                '2',
                Err(TagKeyError::Taken {
                    key: '2',
                    tag: "quote".to_owned(),
                }),
            ),
            ('-', Err(TagKeyError::NotAlphanumeric { key: '-' })),
            ('é', Err(TagKeyError::NotAlphanumeric { key: 'é' })),
        ] {
            assert_eq!(tag_key(key, &tags), want, "{key:?}");
        }
    }
}

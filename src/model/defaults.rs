//! What new work is called when the reviewer did not say: the reviewer's name on new
//! annotations and the title of a new annotation set. The command line and the app both
//! call these, so a set reads the same whichever made it.

use std::path::Path;

use crate::model::text::Document;

/// Environment variables that may hold the reviewer's name, in the order they are tried.
pub const REVIEWER_ENV_VARS: [&str; 3] = ["FACTMARK_AUTHOR", "USER", "USERNAME"];

/// The name recorded when no name is known.
pub const FALLBACK_REVIEWER: &str = "reviewer";

/// Longest default set title, in chars.
pub const MAX_DEFAULT_TITLE_CHARS: usize = 120;

/// The reviewer's name: the first non-blank of `explicit` (a `--author` option or the app's
/// setting), then each of [`REVIEWER_ENV_VARS`] as `lookup` reads them, trimmed; else
/// [`FALLBACK_REVIEWER`]. A blank value never wins: `FACTMARK_AUTHOR="  "` falls through to
/// `USER`.
///
/// ```
/// # use factmark::model::defaults::reviewer_name;
/// let env = |var: &str| (var == "USER").then(|| "ana".to_owned());
/// assert_eq!(reviewer_name(Some(" "), env), "ana");
/// ```
pub fn reviewer_name(explicit: Option<&str>, lookup: impl Fn(&str) -> Option<String>) -> String {
    let from_env = REVIEWER_ENV_VARS.iter().filter_map(|var| lookup(var));
    explicit
        .map(str::to_owned)
        .into_iter()
        .chain(from_env)
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| FALLBACK_REVIEWER.to_owned())
}

/// A new set's title: the document's first non-blank line (its headline, up to
/// [`MAX_DEFAULT_TITLE_CHARS`] chars), else the document's file stem (`article.txt` →
/// `article`).
pub fn new_set_title(doc: &Document, doc_path: &Path) -> String {
    let first_line = doc.text().lines().map(str::trim).find(|l| !l.is_empty());
    match first_line {
        Some(line) => line.chars().take(MAX_DEFAULT_TITLE_CHARS).collect(),
        None => doc_path
            .file_stem()
            .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |var: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == var)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn reviewer_prefers_factmark_author_then_user() {
        assert_eq!(
            reviewer_name(None, env(&[("FACTMARK_AUTHOR", "ana"), ("USER", "root")])),
            "ana"
        );
        assert_eq!(
            reviewer_name(None, env(&[("FACTMARK_AUTHOR", "  "), ("USER", "root")])),
            "root"
        );
        assert_eq!(reviewer_name(None, env(&[("USERNAME", "win")])), "win");
        assert_eq!(reviewer_name(None, env(&[])), "reviewer");
    }

    #[test]
    fn reviewer_table() {
        let all = env(&[
            ("FACTMARK_AUTHOR", " ana "),
            ("USER", "root"),
            ("USERNAME", "win"),
        ]);
        let blank_author = env(&[
            ("FACTMARK_AUTHOR", "\t"),
            ("USER", " "),
            ("USERNAME", "win"),
        ]);
        let blanks = env(&[("FACTMARK_AUTHOR", ""), ("USER", " "), ("USERNAME", "\n")]);
        for (explicit, lookup, want) in [
            (Some("bo"), &all as &dyn Fn(&str) -> Option<String>, "bo"),
            (Some("  "), &all, "ana"),
            (None, &all, "ana"),
            (None, &blank_author, "win"),
            (Some(""), &blanks, FALLBACK_REVIEWER),
        ] {
            assert_eq!(reviewer_name(explicit, lookup), want, "{explicit:?}");
        }
    }

    #[test]
    fn title_is_the_first_line_else_the_file_stem() {
        let path = Path::new("docs/article.txt");
        for (text, want) in [
            ("Headline here\n\nBody.", "Headline here"),
            ("\n  \n  Indented headline  \nBody", "Indented headline"),
            ("", "article"),
            ("\n \n", "article"),
        ] {
            assert_eq!(new_set_title(&Document::new(text), path), want, "{text:?}");
        }
        let long = "x".repeat(300);
        assert_eq!(
            new_set_title(&Document::new(&long), path).chars().count(),
            MAX_DEFAULT_TITLE_CHARS
        );
    }
}

//! HTML: the article as a reader mode finds it (dom_smoothie, a Rust port of Mozilla's
//! Readability), paragraphs, headings and list items kept as blocks, and the page's title,
//! byline and published date.

use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

use super::{ExtractError, Extracted, PageMeta, join_blocks};
use crate::model::text::{DecodeError, decode};

/// Most elements parsed from one page.
const MAX_ELEMENTS: usize = 500_000;

/// The article of an HTML page.
pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let html = decode(bytes).map_err(|err| match err {
        DecodeError::InvalidUtf8 { byte_offset }
        | DecodeError::InvalidUtf16 { byte_offset }
        | DecodeError::Binary { byte_offset } => ExtractError::HtmlNotUtf8 { byte_offset },
    })?;
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability =
        Readability::new(html.as_str(), None, Some(config)).map_err(readability_error)?;
    // Reader mode's own test: a page without enough article text (a menu, a login wall)
    // has nothing to annotate.
    if !readability.is_probably_readable() {
        return Err(ExtractError::NoArticle);
    }
    let canonical_url = readability
        .doc
        .select("link[rel='canonical']")
        .attr("href")
        .map(|href| href.to_string());
    let article = readability.parse().map_err(readability_error)?;
    // Reader mode's formatted text puts each paragraph, heading and list item on its own
    // line; each becomes a block.
    let text = join_blocks(article.text_content.split('\n'));
    if text.trim().is_empty() {
        return Err(ExtractError::NoArticle);
    }
    let meta = PageMeta {
        title: non_empty(Some(article.title.clone())),
        byline: non_empty(article.byline.clone()),
        published: article.published_time.as_deref().and_then(date_part),
        url: non_empty(canonical_url.or_else(|| article.url.clone()))
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
    };
    Ok(Extracted { text, meta })
}

fn readability_error(err: ReadabilityError) -> ExtractError {
    match err {
        ReadabilityError::TooManyElements(found, max) => ExtractError::HtmlTooLarge { found, max },
        ReadabilityError::GrabFailed | ReadabilityError::BadDocumentURL => ExtractError::NoArticle,
    }
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| super::fold_whitespace(&t))
        .filter(|t| !t.is_empty())
}

/// `YYYY-MM-DD` from an ISO 8601 date or date-time, else `None`.
fn date_part(stamp: &str) -> Option<String> {
    let date = stamp.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_table() {
        assert_eq!(
            date_part("2026-03-04T10:00:00Z").as_deref(),
            Some("2026-03-04")
        );
        assert_eq!(date_part(" 2026-03-04").as_deref(), Some("2026-03-04"));
        assert_eq!(date_part("March 4"), None);
        assert_eq!(date_part("2026-13-40"), None);
    }
}

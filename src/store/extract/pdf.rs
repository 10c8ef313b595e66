//! PDF: the text layer, page by page in the order the extractor reads it, pages separated
//! by [`super::PAGE_BREAK`], words hyphenated at line ends joined again.

use super::{ExtractError, Extracted, MAX_PDF_PAGES, PAGE_BREAK, PageMeta};

/// The text layer of a PDF.
pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let pages = catch(|| read_pages(bytes))?;
    let page_count = pages.len();
    let pages: Vec<String> = pages.iter().map(|p| tidy_page(p)).collect();
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(ExtractError::NoTextLayer { pages: page_count });
    }
    let mut text = pages.join(PAGE_BREAK);
    text.push('\n');
    Ok(Extracted {
        text,
        meta: PageMeta::default(),
    })
}

fn read_pages(bytes: &[u8]) -> Result<Vec<String>, ExtractError> {
    let corrupt = |err: &dyn std::fmt::Display| ExtractError::CorruptPdf {
        reason: super::fold_whitespace(&err.to_string()),
    };
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| corrupt(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ExtractError::EncryptedPdf);
    }
    let page_count = doc.get_pages().len();
    if page_count == 0 {
        return Err(ExtractError::CorruptPdf {
            reason: "it has no pages".to_owned(),
        });
    }
    let page_count = page_count.min(MAX_PDF_PAGES);
    let mut pages = Vec::with_capacity(page_count);
    for page_number in 1..=page_count {
        let number = u32::try_from(page_number).unwrap_or(u32::MAX);
        let mut out = String::new();
        let mut device = pdf_extract::PlainTextOutput::new(&mut out);
        pdf_extract::output_doc_page(&doc, &mut device, number).map_err(|e| corrupt(&e))?;
        pages.push(out);
    }
    Ok(pages)
}

/// Run the extractor, turning a panic on a malformed file into an error.
fn catch(
    read: impl FnOnce() -> Result<Vec<String>, ExtractError> + std::panic::UnwindSafe,
) -> Result<Vec<String>, ExtractError> {
    std::panic::catch_unwind(read).unwrap_or_else(|_| {
        Err(ExtractError::CorruptPdf {
            reason: "the PDF parser gave up on its structure".to_owned(),
        })
    })
}

/// One page's text: lines trimmed at the end, blank-line runs folded to one blank line,
/// a word split by a hyphen at a line end joined, no blank lines at the page's ends.
pub(crate) fn tidy_page(raw: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut blank = false;
    for line in raw.lines() {
        let line = line.trim_end().trim_start_matches('\u{c}');
        if line.trim().is_empty() {
            blank = !lines.is_empty();
            continue;
        }
        if !blank
            && let Some(prev) = lines.last_mut()
            && joins_hyphenated(prev, line)
        {
            // The word's end moves up to its start; the rest of the line stays a line, so
            // line numbers still match the page.
            let next = line.trim_start();
            let (fragment, rest) = next.split_once(char::is_whitespace).unwrap_or((next, ""));
            prev.pop();
            prev.push_str(fragment);
            let rest = rest.trim_start();
            if !rest.is_empty() {
                lines.push(rest.to_owned());
            }
            continue;
        }
        if blank {
            lines.push(String::new());
            blank = false;
        }
        lines.push(line.to_owned());
    }
    lines.join("\n")
}

/// Does `prev` end in a word broken by a hyphen that `next` continues (`misinfor-` +
/// `mation`)? Only a letter before the hyphen and a lowercase letter after count, so
/// `COVID-` + `19` and dashes stay.
fn joins_hyphenated(prev: &str, next: &str) -> bool {
    let mut tail = prev.chars().rev();
    let (Some('-'), Some(before)) = (tail.next(), tail.next()) else {
        return false;
    };
    before.is_alphabetic()
        && next
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_table() {
        for (raw, tidy) in [
            ("misinfor-\nmation spreads\n", "misinformation\nspreads"),
            ("a misinfor-\nmation\nnext", "a misinformation\nnext"),
            ("COVID-\n19 cases", "COVID-\n19 cases"),
            ("a well-\nKnown", "a well-\nKnown"),
            ("\n\nfirst  \n\n\n\nsecond\n\n", "first\n\nsecond"),
            ("end -\nnext", "end -\nnext"),
        ] {
            assert_eq!(tidy_page(raw), tidy, "{raw:?}");
        }
    }

    #[test]
    fn garbage_is_a_corrupt_pdf_not_a_panic() {
        for bytes in [&b"%PDF-1.4\n%garbage"[..], b"", b"\x00\x01\x02"] {
            let err = extract(bytes).expect_err("garbage");
            assert!(matches!(err, ExtractError::CorruptPdf { .. }), "{err}");
        }
    }
}

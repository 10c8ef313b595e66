//! DOCX: the paragraphs and headings of `word/document.xml` in order, footnotes after the
//! text (each marked `[n]` where it is cited). Decompression is capped: a zip bomb stops at
//! [`super::MAX_DOCX_UNCOMPRESSED_BYTES`].

use std::collections::HashMap;
use std::io::{Cursor, Read as _};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{ExtractError, Extracted, MAX_DOCX_UNCOMPRESSED_BYTES, PageMeta, join_blocks};

/// Heading over the footnotes block.
pub const FOOTNOTES_HEADING: &str = "Footnotes";

/// The text of a Word document.
pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|err| ExtractError::NotDocx {
            reason: format!("not a zip archive ({err})"),
        })?;
    let mut budget = MAX_DOCX_UNCOMPRESSED_BYTES;
    let document = read_part(&mut archive, "word/document.xml", &mut budget)?.ok_or_else(|| {
        ExtractError::NotDocx {
            reason: "the archive has no word/document.xml".to_owned(),
        }
    })?;
    let notes = match read_part(&mut archive, "word/footnotes.xml", &mut budget)? {
        Some(xml) => footnotes(&xml)?,
        None => HashMap::new(),
    };
    let body = paragraphs(&document, "word/document.xml")?;
    let mut cited = Vec::new();
    let mut blocks = Vec::with_capacity(body.len());
    for paragraph in body {
        let mut text = String::new();
        for piece in paragraph {
            match piece {
                Piece::Text(t) => text.push_str(&t),
                Piece::NoteRef(id) => {
                    if notes.contains_key(&id) {
                        cited.push(id);
                        text.push_str(&format!("[{}]", cited.len()));
                    }
                }
            }
        }
        blocks.push(text);
    }
    if !cited.is_empty() {
        blocks.push(FOOTNOTES_HEADING.to_owned());
        for (n, id) in cited.iter().enumerate() {
            let note = notes.get(id).map_or("", String::as_str);
            blocks.push(format!("[{}] {note}", n + 1));
        }
    }
    Ok(Extracted {
        text: join_blocks(blocks),
        meta: PageMeta::default(),
    })
}

/// One part of the package as UTF-8, reading at most `budget` more bytes in all.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, ExtractError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(err) => {
            return Err(ExtractError::NotDocx {
                reason: format!("cannot read {name} ({err})"),
            });
        }
    };
    let too_large = ExtractError::DocxTooLarge {
        max: MAX_DOCX_UNCOMPRESSED_BYTES,
    };
    if file.size() > *budget {
        return Err(too_large);
    }
    let mut bytes = Vec::new();
    // The declared size may lie: count what decompression really yields.
    file.take(*budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| ExtractError::NotDocx {
            reason: format!("cannot unpack {name} ({err})"),
        })?;
    let read = bytes.len() as u64;
    if read > *budget {
        return Err(too_large);
    }
    *budget -= read;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|err| ExtractError::BadDocxXml {
            part: name.to_owned(),
            reason: format!("not UTF-8 at byte {}", err.utf8_error().valid_up_to()),
        })
}

/// A run of a paragraph: text, or a footnote reference by id.
enum Piece {
    Text(String),
    NoteRef(String),
}

/// The next XML event of `part`, or why the part is not readable XML.
fn next_event<'a>(reader: &mut Reader<&'a [u8]>, part: &str) -> Result<Event<'a>, ExtractError> {
    reader.read_event().map_err(|err| ExtractError::BadDocxXml {
        part: part.to_owned(),
        reason: err.to_string(),
    })
}

/// The paragraphs (`w:p`) of a part, each as its pieces. Tabs and breaks read as spaces.
fn paragraphs(xml: &str, part: &str) -> Result<Vec<Vec<Piece>>, ExtractError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<Vec<Piece>> = None;
    let mut in_text = false;
    loop {
        let event = next_event(&mut reader, part)?;
        match event {
            Event::Start(e) => {
                match e.local_name().as_ref() {
                    "p" => current = Some(Vec::new()),
                    "t" => in_text = true,
                    _ => {}
                }
                inline_element(&e, current.as_mut());
            }
            Event::Empty(e) => {
                if e.local_name().as_ref() == "p" {
                    out.push(Vec::new());
                }
                inline_element(&e, current.as_mut());
            }
            Event::End(e) => match e.local_name().as_ref() {
                "p" => out.extend(current.take()),
                "t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.push(Piece::Text(t.xml10_content().into_owned()));
                }
            }
            Event::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => predefined_entity(&r.xml10_content()).map(str::to_owned),
                };
                if let (Some(p), Some(text)) = (current.as_mut(), resolved) {
                    p.push(Piece::Text(text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Tabs, breaks and footnote references inside a paragraph.
fn inline_element(e: &BytesStart<'_>, paragraph: Option<&mut Vec<Piece>>) {
    let Some(paragraph) = paragraph else {
        return;
    };
    match e.local_name().as_ref() {
        "tab" | "br" | "cr" => paragraph.push(Piece::Text(" ".to_owned())),
        "footnoteReference" => {
            if let Some(id) = attribute(e, "id") {
                paragraph.push(Piece::NoteRef(id));
            }
        }
        _ => {}
    }
}

fn attribute(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    match name {
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "quot" => Some("\""),
        "apos" => Some("'"),
        _ => None,
    }
}

/// Footnote texts by id from `word/footnotes.xml` (separators skipped).
fn footnotes(xml: &str) -> Result<HashMap<String, String>, ExtractError> {
    let part = "word/footnotes.xml";
    let mut reader = Reader::from_str(xml);
    let mut notes = HashMap::new();
    let mut start = None;
    loop {
        let position = reader.buffer_position();
        let event = next_event(&mut reader, part)?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "footnote" => {
                let separator = attribute(&e, "type").is_some_and(|t| t != "normal");
                start = (!separator)
                    .then(|| attribute(&e, "id").map(|id| (id, position)))
                    .flatten();
            }
            Event::End(e) if e.local_name().as_ref() == "footnote" => {
                if let Some((id, from)) = start.take() {
                    let to = reader.buffer_position();
                    let from = usize::try_from(from).unwrap_or(usize::MAX);
                    let to = usize::try_from(to).unwrap_or(usize::MAX);
                    let inner = xml.get(from..to).unwrap_or_default();
                    let text = paragraphs(inner, part)?
                        .into_iter()
                        .map(|p| {
                            p.into_iter()
                                .filter_map(|piece| match piece {
                                    Piece::Text(t) => Some(t),
                                    Piece::NoteRef(_) => None,
                                })
                                .collect::<String>()
                        })
                        .collect::<Vec<_>>()
                        .join(" ");
                    notes.insert(id, super::fold_whitespace(&text));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(notes)
}

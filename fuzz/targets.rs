//! Fuzz targets (issue 9 §12), shared by the harness (`examples/fuzz.rs`) and the
//! regression test (`tests/fuzz_regressions.rs`). Each takes arbitrary bytes, must never
//! panic, and checks a round-trip property rather than only "doesn't crash" (STYLE.md).
//! A failed property is returned as `Err(description)`; otherwise `Ok(label)` names the
//! kind of outcome (the harness keeps one input per new label as its corpus).

use chrono::{TimeZone as _, Utc};
use factmark::export::import_w3c;
use factmark::model::{AnchorStatus, Annotation, AnnotationSet, Document, anchor_set};
use factmark::store::{parse_set, serialize_set};

/// The targets by name.
pub const TARGETS: [&str; 4] = ["sidecar", "document", "w3c", "anchor"];

/// Run the target `name` on `bytes`.
pub fn run(name: &str, bytes: &[u8]) -> Result<String, String> {
    match name {
        "sidecar" => sidecar(bytes),
        "document" => document(bytes),
        "w3c" => w3c(bytes),
        "anchor" => anchor(bytes),
        other => Err(format!("no fuzz target {other:?}")),
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A label for an error: its message without digits or quoted parts, shortened.
fn label(kind: &str, message: &str) -> String {
    let mut out = String::from(kind);
    out.push(':');
    let mut quoted = false;
    for c in message.chars() {
        if c == '"' || c == '`' || c == '\'' {
            quoted = !quoted;
        } else if !quoted && !c.is_ascii_digit() {
            out.push(c);
        }
        if out.len() > 48 {
            break;
        }
    }
    out
}

/// The sidecar loader: what parses serializes, and its serialization parses back to the
/// same bytes.
fn sidecar(bytes: &[u8]) -> Result<String, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok("not utf-8".to_owned());
    };
    let path = std::path::Path::new("fuzz.factmark.ron");
    let set = match parse_set(text, path) {
        Ok(set) => set,
        Err(err) => return Ok(label("refused", &err.to_string())),
    };
    let first = serialize_set(&set).map_err(|e| format!("a loaded set fails to save: {e}"))?;
    let again = parse_set(&first, path).map_err(|e| format!("a saved set fails to load: {e}"))?;
    let second = serialize_set(&again).map_err(|e| format!("second save fails: {e}"))?;
    if first != second {
        return Err("save, load, save changed the bytes".to_owned());
    }
    Ok(format!(
        "loaded:{}:{}:{}",
        set.annotations.len().min(3),
        set.evidence.len().min(3),
        set.links.len().min(3)
    ))
}

/// The document decoder: canonical text has no CR or BOM, and decoding it again gives
/// the same text and fingerprint; char/byte maps agree.
fn document(bytes: &[u8]) -> Result<String, String> {
    let doc = match Document::from_bytes(bytes) {
        Ok(doc) => doc,
        Err(err) => return Ok(label("refused", &err.to_string())),
    };
    let text = doc.text();
    if text.contains('\r') || text.starts_with('\u{feff}') {
        return Err("canonical text keeps a CR or a BOM".to_owned());
    }
    let again = Document::from_bytes(text.as_bytes())
        .map_err(|e| format!("canonical text does not decode: {e}"))?;
    if again.text() != text || again.fingerprint() != doc.fingerprint() {
        return Err("decoding canonical text changes it".to_owned());
    }
    if doc.char_len() != text.chars().count() {
        return Err("char length disagrees".to_owned());
    }
    for (char_index, (byte_index, _)) in text.char_indices().enumerate().step_by(97) {
        if doc.char_to_byte(char_index) != byte_index || doc.byte_to_char(byte_index) != char_index
        {
            return Err(format!("char/byte map wrong at char {char_index}"));
        }
    }
    let crlf = bytes.windows(2).any(|w| w == b"\r\n");
    Ok(format!(
        "decoded:bom={}:crlf={crlf}:ascii={}",
        bytes.starts_with(b"\xef\xbb\xbf")
            || bytes.starts_with(b"\xff\xfe")
            || bytes.starts_with(b"\xfe\xff"),
        text.is_ascii()
    ))
}

const W3C_DOC: &str = "The harbour authority said the new pier will cost less than forty \
million. Engineers expect the work to finish in spring. \u{5e9}\u{5dc}\u{5d5}\u{5dd} and \
caf\u{e9} and e\u{301} and \u{1f469}\u{200d}\u{1f467} end.\n";

/// The W3C importer: never panics; what it imports is a set that saves and loads back.
fn w3c(bytes: &[u8]) -> Result<String, String> {
    let Ok(json) = std::str::from_utf8(bytes) else {
        return Ok("not utf-8".to_owned());
    };
    let doc = Document::new(W3C_DOC);
    let mut set = AnnotationSet::new(&doc, "fuzz.txt", "fuzz", now());
    let summary = match import_w3c(json, &doc, &mut set, now()) {
        Ok(summary) => summary,
        Err(err) => return Ok(label("refused", &err.to_string())),
    };
    check_placements(&set, &doc)?;
    let saved = serialize_set(&set).map_err(|e| format!("imported set fails to save: {e}"))?;
    let path = std::path::Path::new("fuzz.factmark.ron");
    let loaded = parse_set(&saved, path).map_err(|e| format!("imported set fails to load: {e}"))?;
    let again = serialize_set(&loaded).map_err(|e| format!("second save fails: {e}"))?;
    if saved != again {
        return Err("imported set: save, load, save changed the bytes".to_owned());
    }
    let skipped = summary.skipped.first().map(|s| label("", &s.reason));
    Ok(format!(
        "imported:{}:{:#}:{skipped:?}",
        summary.imported.min(3),
        summary.anchors
    ))
}

/// Anchoring: the bytes make a document, spans annotated on it, and an edited copy; after
/// anchoring, exact and moved annotations sit on their quote, fuzzy ones on grapheme
/// boundaries, none is lost, and anchoring again changes nothing placed.
fn anchor(bytes: &[u8]) -> Result<String, String> {
    let split = bytes.iter().position(|&b| b == 0xff).unwrap_or(bytes.len());
    let (original, rest) = bytes.split_at(split);
    let before = Document::new(&String::from_utf8_lossy(original));
    let mut after_text: Vec<char> = before.text().chars().collect();
    let mut set = AnnotationSet::new(&before, "fuzz.txt", "fuzz", now());
    let len = before.char_len();
    let mut steps = rest.chunks(3);
    for chunk in steps.by_ref().take(8) {
        let (Some(&a), Some(&b)) = (chunk.first(), chunk.get(1)) else {
            break;
        };
        if len == 0 {
            break;
        }
        let start = usize::from(a) * len / 256;
        let range = before.snap_to_graphemes(start..(start + 1 + usize::from(b) % 24).min(len));
        if !range.is_empty() {
            set.annotations
                .push(Annotation::new(&before, range, "claim", "fuzz", now()));
        }
    }
    for chunk in steps {
        let (Some(&op), Some(&at)) = (chunk.first(), chunk.get(1)) else {
            break;
        };
        let at = usize::from(at) * (after_text.len() + 1) / 256;
        let what = chunk.get(2).copied().unwrap_or(b'x');
        if op % 2 == 0 {
            let inserted = ['x', ' ', '\n', 'é', '\u{301}', '😀', 'a', '.'];
            let c = inserted.get(usize::from(what) % inserted.len()).copied();
            after_text.insert(at.min(after_text.len()), c.unwrap_or('x'));
        } else {
            let end = (at + 1 + usize::from(what) % 8).min(after_text.len());
            after_text.drain(at.min(end)..end);
        }
    }
    let after = Document::new(&after_text.iter().collect::<String>());
    let count = set.annotations.len();
    let quotes: Vec<String> = set
        .annotations
        .iter()
        .map(|a| a.quote.exact.clone())
        .collect();
    let summary = anchor_set(&mut set, &after);
    if summary.total() != count || set.annotations.len() != count {
        return Err("anchoring lost an annotation".to_owned());
    }
    for (annotation, quote) in set.annotations.iter().zip(&quotes) {
        if annotation.status == AnchorStatus::Orphaned && annotation.quote.exact != *quote {
            return Err("an orphan lost its quote".to_owned());
        }
    }
    check_placements(&set, &after)?;
    let placed = set.clone();
    anchor_set(&mut set, &after);
    for (again, once) in set.annotations.iter().zip(&placed.annotations) {
        if matches!(once.status, AnchorStatus::Exact | AnchorStatus::Moved)
            && (again.status != AnchorStatus::Exact || again.position != once.position)
        {
            return Err(format!(
                "anchoring twice moved a placed annotation: {:?} {:?} -> {:?} {:?}",
                once.status, once.position, again.status, again.position
            ));
        }
    }
    Ok(format!(
        "anchored:{}:{}:{}:{}",
        summary.exact.min(2),
        summary.moved.min(2),
        summary.fuzzy.min(2),
        summary.orphaned.min(2)
    ))
}

/// Exact and moved annotations sit on their quote; every placed one is on grapheme
/// boundaries inside the text.
fn check_placements(set: &AnnotationSet, doc: &Document) -> Result<(), String> {
    for annotation in &set.annotations {
        let position = annotation.position;
        match annotation.status {
            AnchorStatus::Orphaned => continue,
            AnchorStatus::Exact | AnchorStatus::Moved => {
                if doc.slice(position.range()) != annotation.quote.exact {
                    return Err(format!("{:?} is not on its quote", annotation.status));
                }
            }
            AnchorStatus::Fuzzy { score } => {
                if !(0.75..=1.0).contains(&score) {
                    return Err(format!("fuzzy score {score} out of range"));
                }
            }
        }
        if position.char_start >= position.char_end || position.char_end > doc.char_len() {
            return Err(format!(
                "placed span {position:?} is empty or outside the text"
            ));
        }
        if !doc.is_grapheme_boundary(position.char_start)
            || !doc.is_grapheme_boundary(position.char_end)
        {
            return Err(format!("placed span {position:?} cuts a grapheme"));
        }
    }
    Ok(())
}

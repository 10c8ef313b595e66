//! Reading one W3C / Hypothesis annotation (a `serde_json::Value`) into plain parts.
//! Tolerant of the shapes real exports use; see [`super::w3c_import`] for the rules.

use std::ops::Range;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use super::ExportError;
use super::w3c_import::id_from;
use crate::model::{
    Color, Evidence, EvidenceId, EvidenceKind, Stance, TAG_ATTRIBUTION, TAG_CLAIM, TAG_QUOTE,
    TagDef, TextQuote, Verdict,
};

/// The parts of one annotation, before it joins a set.
#[derive(Debug, Clone)]
pub(crate) struct ParsedAnnotation {
    /// Its id as written (or a content key when it has none).
    pub id: String,
    pub tag: String,
    pub position: Option<Range<usize>>,
    pub quote: Option<TextQuote>,
    pub note: String,
    pub author: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    pub verdict: Option<Verdict>,
    pub evidence: Vec<(Evidence, Stance)>,
    /// The id (as written) of the attribution this is "said by".
    pub said_by: Option<String>,
}

/// The annotations in any accepted root shape.
pub(crate) fn annotation_list(root: &Value) -> Result<Vec<&Value>, ExportError> {
    if let Value::Array(items) = root {
        return Ok(items.iter().collect());
    }
    let Value::Object(object) = root else {
        return Err(ExportError::NotAnnotations(
            "expected a JSON object or array of annotations".into(),
        ));
    };
    if let Some(Value::Array(rows)) = object.get("rows") {
        return Ok(rows.iter().collect());
    }
    if let Some(Value::Array(items)) = object.get("items") {
        return Ok(items.iter().collect());
    }
    match object.get("first") {
        Some(Value::Object(page)) => {
            return match page.get("items") {
                Some(Value::Array(items)) => Ok(items.iter().collect()),
                _ => Err(ExportError::NotAnnotations(
                    "the collection's \"first\" page has no \"items\" array".into(),
                )),
            };
        }
        Some(Value::String(address)) => {
            return Err(ExportError::NotAnnotations(format!(
                "the collection's pages are not embedded (\"first\" is the address {address:?}); \
                 download the pages and import them one by one"
            )));
        }
        _ => {}
    }
    if has_type(root, "Annotation") || object.contains_key("target") {
        return Ok(vec![root]);
    }
    Err(ExportError::NotAnnotations(
        "found no annotations: expected an AnnotationCollection, AnnotationPage, an array, a \
         single annotation or a Hypothesis export with \"rows\""
            .into(),
    ))
}

/// Tag colours a factmark export declares in `factmark:tags`.
pub(crate) fn tag_colors(root: &Value) -> Vec<(String, Color)> {
    let Some(Value::Array(tags)) = root.get("factmark:tags") else {
        return Vec::new();
    };
    tags.iter()
        .filter_map(|t| {
            let name = t.get("factmark:name")?.as_str()?;
            let color = Color::parse(t.get("factmark:color")?.as_str()?)?;
            Some((name.to_owned(), color))
        })
        .collect()
}

fn has_type(value: &Value, wanted: &str) -> bool {
    match value.get("type").or_else(|| value.get("@type")) {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// A one-or-many value as a list.
fn many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

fn time(value: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Parse one annotation; `Err` says why it cannot be used.
pub(crate) fn parse_annotation(
    item: &Value,
    now: DateTime<Utc>,
) -> Result<ParsedAnnotation, String> {
    if !item.is_object() {
        return Err("not a JSON object".into());
    }
    let (position, quote) = selectors(item)?;
    let created = time(text(item, "created")).unwrap_or(now);
    let modified =
        time(text(item, "modified").or_else(|| text(item, "updated"))).unwrap_or(created);
    let id = match text(item, "id") {
        Some(id) if !id.is_empty() => id.to_owned(),
        _ => format!(
            "content:{}:{:?}:{}",
            quote.as_ref().map_or("", |q| q.exact.as_str()),
            position,
            created.to_rfc3339()
        ),
    };
    let mut parsed = ParsedAnnotation {
        id,
        tag: String::new(),
        position,
        quote,
        note: String::new(),
        author: author(item),
        created,
        modified,
        verdict: None,
        evidence: Vec::new(),
        said_by: None,
    };
    let mut notes: Vec<String> = Vec::new();
    if let Some(value) = text(item, "bodyValue").or_else(|| text(item, "text"))
        && !value.is_empty()
    {
        notes.push(value.to_owned());
    }
    for body in many(item.get("body")) {
        read_body(body, &mut parsed, &mut notes);
    }
    parsed.note = notes.join("\n\n");
    if parsed.tag.is_empty()
        && let Some(tag) = many(item.get("tags"))
            .into_iter()
            .filter_map(Value::as_str)
            .map(tag_name)
            .find(|t| !t.is_empty())
    {
        parsed.tag = tag;
    }
    if parsed.tag.is_empty() {
        let motivations: Vec<&str> = many(item.get("motivation"))
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        parsed.tag = if motivations.contains(&"assessing") {
            TAG_CLAIM
        } else if motivations.contains(&"identifying") {
            TAG_ATTRIBUTION
        } else {
            TAG_QUOTE
        }
        .to_owned();
    }
    Ok(parsed)
}

/// A tag name made valid: lowercase, spaces to `-`, other characters dropped, 32 chars at most.
fn tag_name(written: &str) -> String {
    let name: String = written
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_')
        .take(32)
        .collect();
    if TagDef::is_valid_name(&name) {
        name
    } else {
        String::new()
    }
}

fn author(item: &Value) -> String {
    if let Some(creator) = many(item.get("creator")).first() {
        if let Some(name) = creator.as_str() {
            return name.to_owned();
        }
        for key in ["name", "nickname", "id"] {
            if let Some(name) = text(creator, key) {
                return name.to_owned();
            }
        }
    }
    if let Some(name) = item.get("user_info").and_then(|u| text(u, "display_name")) {
        return name.to_owned();
    }
    let user = text(item, "user").unwrap_or_default();
    let user = user.strip_prefix("acct:").unwrap_or(user);
    user.split('@').next().unwrap_or(user).to_owned()
}

type Selected = (Option<Range<usize>>, Option<TextQuote>);

fn selectors(item: &Value) -> Result<Selected, String> {
    let mut position = None;
    let mut quote = None;
    for target in many(item.get("target")) {
        for selector in many(target.get("selector")) {
            if has_type(selector, "TextPositionSelector") && position.is_none() {
                let start = selector.get("start").and_then(Value::as_u64);
                let end = selector.get("end").and_then(Value::as_u64);
                let (Some(start), Some(end)) = (start, end) else {
                    return Err("TextPositionSelector without whole-number start and end".into());
                };
                if start > end {
                    return Err(format!(
                        "TextPositionSelector start {start} is after end {end}"
                    ));
                }
                let to_usize =
                    |n: u64| usize::try_from(n).map_err(|_| format!("offset {n} too large"));
                position = Some(to_usize(start)?..to_usize(end)?);
            } else if has_type(selector, "TextQuoteSelector") && quote.is_none() {
                let Some(exact) = text(selector, "exact") else {
                    return Err("TextQuoteSelector without \"exact\"".into());
                };
                quote = Some(TextQuote {
                    exact: exact.to_owned(),
                    prefix: text(selector, "prefix").unwrap_or_default().to_owned(),
                    suffix: text(selector, "suffix").unwrap_or_default().to_owned(),
                });
            }
        }
        if position.is_some() || quote.is_some() {
            break;
        }
    }
    if position.is_none() && quote.is_none() {
        return Err("no TextQuoteSelector or TextPositionSelector in the target".into());
    }
    Ok((position, quote))
}

fn read_body(body: &Value, parsed: &mut ParsedAnnotation, notes: &mut Vec<String>) {
    if let Some(address) = body.as_str() {
        if crate::export::is_web_url(address) {
            parsed
                .evidence
                .push((foreign_evidence(address, parsed.created), Stance::Context));
        }
        return;
    }
    let purpose = many(body.get("purpose"))
        .into_iter()
        .filter_map(Value::as_str)
        .next()
        .unwrap_or_default();
    let value = text(body, "value");
    match (purpose, value) {
        ("tagging", Some(value)) if parsed.tag.is_empty() => parsed.tag = tag_name(value),
        ("tagging", _) => {}
        ("assessing", Some(value)) => match Verdict::parse(value) {
            Some(verdict) => parsed.verdict = Some(verdict),
            None => notes.push(format!("Assessment: {value}")),
        },
        ("identifying", _) if source_id(body).is_some_and(|s| s.starts_with("urn:uuid:")) => {
            parsed.said_by = source_id(body).map(str::to_owned);
        }
        ("linking", _) => {
            if let Some(evidence) = linked_evidence(body, parsed.created) {
                parsed.evidence.push(evidence);
            }
        }
        (_, Some(value)) if !value.is_empty() => notes.push(value.to_owned()),
        _ => {}
    }
}

fn source_id(body: &Value) -> Option<&str> {
    match body.get("source") {
        Some(Value::String(id)) => Some(id),
        Some(object @ Value::Object(_)) => text(object, "id"),
        _ => body.get("id").and_then(Value::as_str),
    }
}

fn foreign_evidence(address: &str, created: DateTime<Utc>) -> Evidence {
    Evidence {
        id: EvidenceId(id_from(address, "evidence")),
        kind: EvidenceKind::Url {
            url: address.to_owned(),
            archived_url: None,
        },
        title: String::new(),
        accessed: None,
        note: String::new(),
        created,
        author: String::new(),
        snapshot: None,
    }
}

fn linked_evidence(body: &Value, created: DateTime<Utc>) -> Option<(Evidence, Stance)> {
    // Unsafe evidence is exported with its address beside the `source` (never as it):
    // read it back so that the import refuses it for what it is.
    let source = text(body, "factmark:unsafeAddress")
        .or_else(|| source_id(body))
        .unwrap_or_default();
    let stance = text(body, "factmark:stance")
        .and_then(Stance::parse)
        .unwrap_or(Stance::Context);
    let id = match text(body, "factmark:evidence") {
        Some(id) => id_from(id, "evidence"),
        None if !source.is_empty() => id_from(source, "evidence"),
        None => return None,
    };
    let kind = match text(body, "factmark:kind") {
        // Checked by the import with every other evidence (an unsafe path is refused there).
        Some("file") => EvidenceKind::File {
            path: source.to_owned(),
        },
        Some("citation") => EvidenceKind::Citation {
            text: text(body, "factmark:citation").unwrap_or(source).to_owned(),
        },
        // A factmark `url` stays a URL whatever its scheme, so that the import can refuse
        // it with its reason; a foreign non-web source becomes a citation.
        Some("url") => EvidenceKind::Url {
            url: source.to_owned(),
            archived_url: text(body, "factmark:archivedUrl").map(str::to_owned),
        },
        _ if crate::export::is_web_url(source) => EvidenceKind::Url {
            url: source.to_owned(),
            archived_url: text(body, "factmark:archivedUrl").map(str::to_owned),
        },
        _ => EvidenceKind::Citation {
            text: source.to_owned(),
        },
    };
    let title = text(body, "factmark:title")
        .or_else(|| text(body, "title"))
        .or_else(|| text(body, "name"))
        .unwrap_or_default();
    let evidence = Evidence {
        id: EvidenceId(id),
        kind,
        title: title.to_owned(),
        accessed: text(body, "factmark:accessed").and_then(|d| d.parse::<NaiveDate>().ok()),
        note: text(body, "factmark:note").unwrap_or_default().to_owned(),
        created: time(text(body, "factmark:created")).unwrap_or(created),
        author: String::new(),
        snapshot: None,
    };
    let snapshot = match &evidence.kind {
        EvidenceKind::Url { url, .. } => body.get("state").and_then(|state| snapshot(state, url)),
        _ => None,
    };
    Some((
        Evidence {
            snapshot,
            ..evidence
        },
        stance,
    ))
}

/// A kept copy from a factmark `TimeState` (`factmark:path`, `factmark:sha256`,
/// `sourceDate`); `None` for anything else. Checked by the import like every snapshot.
fn snapshot(state: &Value, url: &str) -> Option<crate::model::Snapshot> {
    if text(state, "type") != Some("TimeState") {
        return None;
    }
    Some(crate::model::Snapshot {
        path: text(state, "factmark:path")?.to_owned(),
        sha256: text(state, "factmark:sha256")?.to_owned(),
        retrieved: time(text(state, "sourceDate"))?,
        final_url: text(state, "factmark:finalUrl").unwrap_or(url).to_owned(),
        content_type: text(state, "factmark:contentType").map(str::to_owned),
    })
}

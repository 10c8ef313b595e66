//! W3C Web Annotation JSON-LD export.
//!
//! The file is one `AnnotationCollection` whose `first` is an embedded `AnnotationPage`
//! holding every annotation in `items` (document order):
//!
//! ```text
//! { "@context": ["http://www.w3.org/ns/anno.jsonld", {"factmark": "urn:factmark:vocab#"}],
//!   "type": "AnnotationCollection", "label": title, "total": n,
//!   "factmark:tags": [{"factmark:name": "claim", "factmark:color": "#f5a623"}, …],
//!   "first": { "type": "AnnotationPage", "startIndex": 0, "items": [annotation, …] } }
//! ```
//!
//! Each annotation: `id` `urn:uuid:…`, `motivation` (claim → `assessing`, attribution →
//! `identifying`, anything else → `highlighting`), `created`, `modified`, `creator` (Person),
//! and `body`, a list of:
//! - the tag: `TextualBody`, purpose `tagging`, value the tag name;
//! - the verdict (when reviewed): `TextualBody`, purpose `assessing`, value `mostly-true` …;
//! - the note: `TextualBody`, purpose `commenting`, format `text/plain`;
//! - "said by": `SpecificResource`, purpose `identifying`, source the attribution's `urn:uuid:`;
//! - each evidence link: `SpecificResource`, purpose `linking`, source the web address (or the
//!   relative path, or the evidence's `urn:uuid:` for a citation) with the stance and the
//!   evidence's own fields as `factmark:` properties.
//!
//! `target.source` is the document (`id` = its URL or file name) carrying the canonical
//! text's fingerprint as `factmark:sha256` and `factmark:charLength`; `target.selector` holds
//! a `TextQuoteSelector` and a `TextPositionSelector` (start/end in code points = our chars).
//! Keys come out sorted (serde_json's map), so the same set gives the same bytes.

use serde_json::{Map, Value, json};

use super::report::numbered;
use super::{ExportContext, ExportError, Format, write_error};
use crate::model::{
    Annotation, AnnotationSet, Evidence, EvidenceKind, Link, TAG_ATTRIBUTION, TAG_CLAIM, Verdict,
};

/// The W3C Web Annotation JSON-LD context.
pub(crate) const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The IRI of factmark's own terms (prefix `factmark:`).
pub(crate) const FACTMARK_VOCAB: &str = "urn:factmark:vocab#";

/// W3C motivation for an annotation with this tag.
pub(crate) fn motivation(tag: &str) -> &'static str {
    match tag {
        TAG_CLAIM => "assessing",
        TAG_ATTRIBUTION => "identifying",
        _ => "highlighting",
    }
}

pub(crate) fn to_json(ctx: &ExportContext<'_>) -> Result<String, ExportError> {
    let items: Vec<Value> = numbered(ctx.set)
        .into_iter()
        .map(|(_, a)| annotation_json(ctx, a))
        .collect();
    let tags: Vec<Value> = ctx
        .set
        .tags
        .iter()
        .map(|t| json!({"factmark:name": t.name, "factmark:color": t.color.to_string()}))
        .collect();
    let collection = json!({
        "@context": [ANNO_CONTEXT, {"factmark": FACTMARK_VOCAB}],
        "type": "AnnotationCollection",
        "label": ctx.set.title,
        "total": items.len(),
        "generator": {"type": "Software", "name": crate::model::GENERATOR_NAME},
        "generated": rfc3339(ctx.now),
        "factmark:tags": tags,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    });
    let mut text =
        serde_json::to_string_pretty(&collection).map_err(|e| write_error(Format::W3c, e))?;
    text.push('\n');
    Ok(text)
}

fn rfc3339(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn annotation_json(ctx: &ExportContext<'_>, annotation: &Annotation) -> Value {
    let mut object = Map::new();
    object.insert("id".into(), urn(&annotation.id.0));
    object.insert("type".into(), "Annotation".into());
    object.insert("motivation".into(), motivation(&annotation.tag).into());
    object.insert("created".into(), rfc3339(annotation.created).into());
    object.insert("modified".into(), rfc3339(annotation.modified).into());
    if !annotation.author.is_empty() {
        object.insert(
            "creator".into(),
            json!({"type": "Person", "name": annotation.author}),
        );
    }
    object.insert("body".into(), Value::Array(bodies(ctx.set, annotation)));
    let fingerprint = ctx.doc.fingerprint();
    object.insert(
        "target".into(),
        json!({
            "source": {
                "id": ctx.document_uri,
                "type": "Text",
                "format": "text/plain",
                "factmark:sha256": fingerprint.sha256,
                "factmark:charLength": fingerprint.char_len,
            },
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": annotation.quote.exact,
                    "prefix": annotation.quote.prefix,
                    "suffix": annotation.quote.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": annotation.position.char_start,
                    "end": annotation.position.char_end,
                },
            ],
        }),
    );
    Value::Object(object)
}

fn urn(id: &uuid::Uuid) -> Value {
    Value::String(format!("urn:uuid:{id}"))
}

fn bodies(set: &AnnotationSet, annotation: &Annotation) -> Vec<Value> {
    let mut bodies = vec![json!({
        "type": "TextualBody", "purpose": "tagging", "value": annotation.tag,
    })];
    if annotation.verdict != Verdict::Unreviewed {
        bodies.push(json!({
            "type": "TextualBody", "purpose": "assessing", "value": annotation.verdict.name(),
        }));
    }
    if !annotation.note.is_empty() {
        bodies.push(json!({
            "type": "TextualBody", "purpose": "commenting", "format": "text/plain",
            "value": annotation.note,
        }));
    }
    for link in set.links_of(annotation.id) {
        match link {
            Link::SaidBy {
                annotation: from,
                attribution,
            } if *from == annotation.id => bodies.push(json!({
                "type": "SpecificResource", "purpose": "identifying",
                "source": urn(&attribution.0), "factmark:relation": "saidBy",
            })),
            Link::Evidence {
                evidence, stance, ..
            } => {
                if let Some(item) = set.evidence_item(*evidence) {
                    bodies.push(evidence_body(item, stance.name()));
                }
            }
            Link::SaidBy { .. } => {}
        }
    }
    bodies
}

fn evidence_body(evidence: &Evidence, stance: &str) -> Value {
    let mut body = Map::new();
    body.insert("type".into(), "SpecificResource".into());
    body.insert("purpose".into(), "linking".into());
    body.insert("factmark:stance".into(), stance.into());
    body.insert("factmark:evidence".into(), urn(&evidence.id.0));
    body.insert("factmark:created".into(), rfc3339(evidence.created).into());
    if !evidence.title.is_empty() {
        body.insert("factmark:title".into(), evidence.title.clone().into());
    }
    if !evidence.note.is_empty() {
        body.insert("factmark:note".into(), evidence.note.clone().into());
    }
    if let Some(date) = evidence.accessed {
        body.insert("factmark:accessed".into(), date.to_string().into());
    }
    let (kind, source) = match &evidence.kind {
        EvidenceKind::Url { url, archived_url } => {
            if let Some(archived) = archived_url {
                body.insert("factmark:archivedUrl".into(), archived.clone().into());
            }
            ("url", Value::String(url.clone()))
        }
        EvidenceKind::File { path } => ("file", Value::String(path.clone())),
        EvidenceKind::Citation { text } => {
            body.insert("factmark:citation".into(), text.clone().into());
            ("citation", urn(&evidence.id.0))
        }
    };
    body.insert("factmark:kind".into(), kind.into());
    body.insert("source".into(), source);
    Value::Object(body)
}

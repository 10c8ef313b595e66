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
//! The collection's `id` is a stable `urn:uuid:` ([`collection_id`]). `target.source` is the
//! document: `id` its web address when published, else `urn:factmark:sha256:<hex>` (an IRI
//! either way, as the model asks), its file name as `factmark:fileName`, and the canonical
//! text's fingerprint as `factmark:sha256` and `factmark:charLength`. Unsafe evidence is
//! never a link: its `source` is its own `urn:uuid:`, with `factmark:unsafe` saying why; `target.selector` holds
//! a `TextQuoteSelector` and a `TextPositionSelector` (start/end in code points = our chars).
//! Keys come out sorted (serde_json's map), so the same set gives the same bytes.

use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};

use super::report::numbered;
use super::{ExportContext, ExportError, Format, write_error};
use crate::model::evidence::evidence_problem;
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
        "id": collection_id(ctx.set),
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

/// The collection's IRI, stable for a set: a `urn:uuid:` derived (SHA-256) from what never
/// changes in a set, its creation time and the document path it was made for. Sets carry
/// no id of their own (format 1), so exporting the same set again gives the same IRI.
pub(crate) fn collection_id(set: &AnnotationSet) -> String {
    let seed = format!(
        "factmark-collection\n{}\n{}",
        set.created
            .to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        set.source.path
    );
    let digest = Sha256::digest(seed.as_bytes());
    let mut bytes = [0u8; 16];
    for (slot, byte) in bytes.iter_mut().zip(digest.iter()) {
        *slot = *byte;
    }
    format!(
        "urn:uuid:{}",
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    )
}

/// The target document's IRI: its web address when published (an http(s) URL), else a URN
/// naming its canonical text by fingerprint, `urn:factmark:sha256:<hex>`.
pub(crate) fn document_iri(ctx: &ExportContext<'_>) -> String {
    if crate::model::web::is_web_url(ctx.document_uri) {
        ctx.document_uri.trim().to_owned()
    } else {
        format!("urn:factmark:sha256:{}", ctx.doc.fingerprint().sha256)
    }
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
                "id": document_iri(ctx),
                "factmark:fileName": ctx.document_name,
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
    if let Some(reason) = evidence_problem(&evidence.kind) {
        // Unsafe evidence (a `javascript:` address, a path out of the folder) is never a
        // link: its `source` is its own id, the text is kept beside it with the reason.
        let (kind, address) = match &evidence.kind {
            EvidenceKind::Url { url, .. } => ("url", url),
            EvidenceKind::File { path } => ("file", path),
            EvidenceKind::Citation { text } => ("citation", text),
        };
        body.insert("factmark:kind".into(), kind.into());
        body.insert("factmark:unsafeAddress".into(), address.clone().into());
        body.insert("factmark:unsafe".into(), reason.into());
        body.insert("source".into(), urn(&evidence.id.0));
        return Value::Object(body);
    }
    let (kind, source) = match &evidence.kind {
        EvidenceKind::Url { url, archived_url } => {
            if let Some(archived) = archived_url {
                body.insert("factmark:archivedUrl".into(), archived.clone().into());
            }
            if let Some(snapshot) = evidence.safe_snapshot() {
                // The W3C model's TimeState: the copy kept when the page was retrieved.
                // The factmark: keys carry the rest of the record, so an import brings the
                // snapshot back as it was.
                let mut state = json!({
                    "type": "TimeState",
                    "sourceDate": rfc3339(snapshot.retrieved),
                    "cached": super::report::relative_href(&snapshot.path),
                    "factmark:path": snapshot.path,
                    "factmark:sha256": snapshot.sha256,
                    "factmark:finalUrl": snapshot.final_url,
                });
                if let (Some(content_type), Some(state)) =
                    (&snapshot.content_type, state.as_object_mut())
                {
                    state.insert("factmark:contentType".into(), content_type.clone().into());
                }
                body.insert("state".into(), state);
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

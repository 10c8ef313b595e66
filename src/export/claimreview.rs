//! schema.org ClaimReview JSON-LD: a JSON array with one `ClaimReview` per claim that has a
//! verdict ([`crate::model::AnnotationSet::rated_claims`]: Unreviewed claims and other tags
//! are left out), in document order.
//!
//! - `claimReviewed`: the claim's quote, whitespace collapsed, cut to 300 chars;
//! - `reviewRating`: `alternateName` = the verdict's label on the set's rating scale
//!   ([`crate::model::rating::RatingScale`], default False = 1 … True = 5); `ratingValue`,
//!   `bestRating`, `worstRating` from the same scale. Verdicts the scale
//!   does not place (by default Misleading and Unverifiable, which are not degrees of truth)
//!   get no numbers at all, only `alternateName`, as Google's fact-check markup allows;
//! - `itemReviewed`: a `Claim` whose `author` is the Person named by the claim's "said by"
//!   attribution span, `appearance` the document (`review.document_url`, file name) and
//!   `datePublished` the document's publication date when known;
//! - `author`: the Organization from the review settings; `datePublished`: the export date;
//!   `url`: the review's address; `reviewBody`: the note; `citation`: the linked evidence;
//!   for an approved claim, `editor`: the Person who signed it off and `dateModified`: when.
//!
//! Export is refused, naming each claim and field, when a required field (`url`,
//! `claimReviewed`, `reviewRating.alternateName`) is missing.

use serde_json::{Map, Value, json};

use super::escape::is_web_url;
use super::report::{evidence_title, location, numbered};
use super::{ExportContext, ExportError, Format, MissingFields, write_error};
use crate::model::text::{Shorten, shorten};
use crate::model::workflow::is_locked;
use crate::model::{Annotation, EvidenceKind};

/// How long `claimReviewed` may be, in chars.
const CLAIM_MAX_CHARS: usize = 300;

pub(crate) fn to_json(ctx: &ExportContext<'_>) -> Result<String, ExportError> {
    let claims: Vec<(usize, &Annotation)> = numbered(ctx.set)
        .into_iter()
        .filter(|(_, a)| a.rated_verdict().is_some())
        .collect();
    if claims.is_empty() {
        return Err(ExportError::NoVerdicts);
    }
    let missing: Vec<MissingFields> = claims
        .iter()
        .filter_map(|(number, a)| check(ctx, *number, a))
        .collect();
    if !missing.is_empty() {
        return Err(ExportError::ClaimReviewMissing(missing));
    }
    let reviews: Vec<Value> = claims.iter().map(|(_, a)| review(ctx, a)).collect();
    let mut text = serde_json::to_string_pretty(&Value::Array(reviews))
        .map_err(|e| write_error(Format::ClaimReview, e))?;
    text.push('\n');
    Ok(text)
}

fn check(ctx: &ExportContext<'_>, number: usize, annotation: &Annotation) -> Option<MissingFields> {
    let mut fields = Vec::new();
    let url = ctx.set.review.review_url.trim();
    if url.is_empty() {
        fields.push("url (set the review's web address in the review settings)".to_owned());
    } else if !is_web_url(url) {
        fields.push(format!(
            "url ({url:?} is not an http or https address; fix it in the review settings)"
        ));
    }
    if shorten(&annotation.quote.exact, Shorten::words(CLAIM_MAX_CHARS)).is_empty() {
        fields.push("claimReviewed (the claim's quoted text is empty)".to_owned());
    }
    if ctx.rating_scale.label(annotation.verdict).is_empty() {
        fields.push("reviewRating.alternateName (give the claim a verdict)".to_owned());
    }
    (!fields.is_empty()).then(|| MissingFields {
        number,
        location: location(annotation, ctx.doc),
        quote: shorten(&annotation.quote.exact, Shorten::words(40)),
        fields,
    })
}

/// Insert `key: value` when the value is not blank.
fn put(object: &mut Map<String, Value>, key: &str, value: &str) {
    if !value.trim().is_empty() {
        object.insert(key.to_owned(), value.trim().into());
    }
}

fn review(ctx: &ExportContext<'_>, annotation: &Annotation) -> Value {
    let review = &ctx.set.review;
    let mut rating = Map::new();
    rating.insert("@type".into(), "Rating".into());
    rating.insert(
        "alternateName".into(),
        ctx.rating_scale.label(annotation.verdict).into(),
    );
    if let Some(value) = ctx.rating_scale.value(annotation.verdict) {
        rating.insert("ratingValue".into(), value.into());
        rating.insert("bestRating".into(), ctx.rating_scale.best().into());
        rating.insert("worstRating".into(), ctx.rating_scale.worst().into());
    }

    let mut appearance = Map::new();
    appearance.insert("@type".into(), "CreativeWork".into());
    put(&mut appearance, "url", &review.document_url);
    put(&mut appearance, "name", ctx.document_name);
    if !review.document_author.is_empty() {
        appearance.insert(
            "author".into(),
            json!({"@type": "Person", "name": review.document_author}),
        );
    }
    let mut claim = Map::new();
    claim.insert("@type".into(), "Claim".into());
    if let Some(attribution) = ctx.set.said_by(annotation.id) {
        claim.insert(
            "author".into(),
            json!({"@type": "Person", "name": shorten(&attribution.quote.exact, Shorten::words(100))}),
        );
    }
    claim.insert("appearance".into(), Value::Object(appearance));
    put(&mut claim, "datePublished", &review.document_published);

    let mut organization = Map::new();
    organization.insert("@type".into(), "Organization".into());
    put(&mut organization, "name", &review.organization);
    put(&mut organization, "url", &review.organization_url);

    let citations: Vec<Value> = ctx
        .set
        .evidence_of(annotation.id)
        .map(|(evidence, _)| {
            let mut work = Map::new();
            work.insert("@type".into(), "CreativeWork".into());
            put(&mut work, "name", evidence_title(evidence));
            if let EvidenceKind::Url { url, .. } = &evidence.kind {
                put(&mut work, "url", url);
            }
            Value::Object(work)
        })
        .collect();

    let mut object = Map::new();
    object.insert("@context".into(), "https://schema.org".into());
    object.insert("@type".into(), "ClaimReview".into());
    object.insert("url".into(), review.review_url.trim().into());
    object.insert(
        "claimReviewed".into(),
        shorten(&annotation.quote.exact, Shorten::words(CLAIM_MAX_CHARS)).into(),
    );
    object.insert(
        "datePublished".into(),
        ctx.now.date_naive().to_string().into(),
    );
    object.insert("author".into(), Value::Object(organization));
    object.insert("reviewRating".into(), Value::Object(rating));
    object.insert("itemReviewed".into(), Value::Object(claim));
    put(&mut object, "reviewBody", &annotation.note);
    // Who signed the claim off and when: the editor who approved it (schema.org
    // CreativeWork `editor`), and the approval as the review's last change.
    if let Some(sign_off) = annotation
        .workflow
        .sign_off
        .as_ref()
        .filter(|_| is_locked(annotation))
    {
        object.insert(
            "editor".into(),
            json!({"@type": "Person", "name": sign_off.by.trim()}),
        );
        object.insert(
            "dateModified".into(),
            sign_off
                .at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                .into(),
        );
    }
    if !citations.is_empty() {
        object.insert("citation".into(), Value::Array(citations));
    }
    Value::Object(object)
}

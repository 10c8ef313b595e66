//! schema.org ClaimReview JSON-LD: a JSON array with one `ClaimReview` per claim that has a
//! verdict ([`crate::model::AnnotationSet::rated_claims`]: Unreviewed claims and other tags
//! are left out), in document order.
//!
//! - `claimReviewed`: the claim's quote, whitespace collapsed, cut to 300 chars;
//! - `reviewRating`: `alternateName` = the verdict label; `ratingValue`, `bestRating`,
//!   `worstRating` from the [`RatingScale`] (default False = 1 … True = 5). Verdicts the scale
//!   does not place (by default Misleading and Unverifiable, which are not degrees of truth)
//!   get no numbers at all, only `alternateName`, as Google's fact-check markup allows;
//! - `itemReviewed`: a `Claim` whose `author` is the Person named by the claim's "said by"
//!   attribution span, `appearance` the document (`review.document_url`, file name) and
//!   `datePublished` the document's publication date when known;
//! - `author`: the Organization from the review settings; `datePublished`: the export date;
//!   `url`: the review's address; `reviewBody`: the note; `citation`: the linked evidence.
//!
//! Export is refused, naming each claim and field, when a required field (`url`,
//! `claimReviewed`, `reviewRating.alternateName`) is missing.

use serde_json::{Map, Value, json};

use super::escape::is_web_url;
use super::report::{evidence_title, location, numbered};
use super::{ExportContext, ExportError, Format, MissingFields, write_error};
use crate::model::text::{Shorten, shorten};
use crate::model::{Annotation, EvidenceKind, Verdict};

/// How long `claimReviewed` may be, in chars.
const CLAIM_MAX_CHARS: usize = 300;

/// A numeric rating scale: `worst` < `best`, and a value in `worst..=best` for each verdict
/// it places. Built only through [`RatingScale::new`], so an instance is always valid.
///
/// ```
/// use factmark::export::RatingScale;
/// use factmark::model::Verdict;
/// let scale = RatingScale::new(1, 3, &[(Verdict::False, 1), (Verdict::True, 3)]).unwrap();
/// assert_eq!(scale.value(Verdict::True), Some(3));
/// assert_eq!(scale.value(Verdict::Misleading), None);
/// assert!(RatingScale::new(5, 1, &[]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingScale {
    worst: i64,
    best: i64,
    values: Vec<(Verdict, i64)>,
}

/// Why a rating scale is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    /// The worst rating is not below the best.
    #[error("worst rating {worst} must be below best rating {best}")]
    Inverted {
        /// Worst rating given.
        worst: i64,
        /// Best rating given.
        best: i64,
    },
    /// A verdict's value lies outside worst..=best.
    #[error("{verdict} is rated {value}, outside the scale {worst}..={best}")]
    OutOfRange {
        /// The verdict's label.
        verdict: &'static str,
        /// Its value.
        value: i64,
        /// Worst rating.
        worst: i64,
        /// Best rating.
        best: i64,
    },
    /// Unreviewed claims are never exported, so they cannot be rated.
    #[error("Unreviewed cannot have a rating")]
    Unreviewed,
    /// A verdict appears twice.
    #[error("{0} is rated twice")]
    Duplicate(&'static str),
}

impl RatingScale {
    /// A scale from `worst` to `best` placing the given verdicts; the others get no number.
    pub fn new(worst: i64, best: i64, values: &[(Verdict, i64)]) -> Result<Self, ScaleError> {
        if worst >= best {
            return Err(ScaleError::Inverted { worst, best });
        }
        for (i, (verdict, value)) in values.iter().enumerate() {
            if *verdict == Verdict::Unreviewed {
                return Err(ScaleError::Unreviewed);
            }
            if !(worst..=best).contains(value) {
                return Err(ScaleError::OutOfRange {
                    verdict: verdict.label(),
                    value: *value,
                    worst,
                    best,
                });
            }
            if values.iter().take(i).any(|(v, _)| v == verdict) {
                return Err(ScaleError::Duplicate(verdict.label()));
            }
        }
        Ok(Self {
            worst,
            best,
            values: values.to_vec(),
        })
    }

    /// The worst rating.
    pub fn worst(&self) -> i64 {
        self.worst
    }

    /// The best rating.
    pub fn best(&self) -> i64 {
        self.best
    }

    /// The rating of a verdict, if the scale places it.
    pub fn value(&self, verdict: Verdict) -> Option<i64> {
        self.values
            .iter()
            .find(|(v, _)| *v == verdict)
            .map(|(_, n)| *n)
    }
}

impl Default for RatingScale {
    /// False = 1, Mostly false = 2, Half true = 3, Mostly true = 4, True = 5; Misleading and
    /// Unverifiable unplaced.
    fn default() -> Self {
        Self {
            worst: 1,
            best: 5,
            values: vec![
                (Verdict::False, 1),
                (Verdict::MostlyFalse, 2),
                (Verdict::HalfTrue, 3),
                (Verdict::MostlyTrue, 4),
                (Verdict::True, 5),
            ],
        }
    }
}

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
    if annotation.verdict.label().is_empty() {
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
    rating.insert("alternateName".into(), annotation.verdict.label().into());
    if let Some(value) = ctx.rating_scale.value(annotation.verdict) {
        rating.insert("ratingValue".into(), value.into());
        rating.insert("bestRating".into(), ctx.rating_scale.best().into());
        rating.insert("worstRating".into(), ctx.rating_scale.worst().into());
    }

    let mut appearance = Map::new();
    appearance.insert("@type".into(), "CreativeWork".into());
    put(&mut appearance, "url", &review.document_url);
    put(&mut appearance, "name", ctx.document_name);
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
    if !citations.is_empty() {
        object.insert("citation".into(), Value::Array(citations));
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_validation() {
        assert_eq!(
            RatingScale::new(5, 1, &[]),
            Err(ScaleError::Inverted { worst: 5, best: 1 })
        );
        assert_eq!(
            RatingScale::new(3, 3, &[]),
            Err(ScaleError::Inverted { worst: 3, best: 3 })
        );
        assert!(matches!(
            RatingScale::new(1, 5, &[(Verdict::True, 6)]),
            Err(ScaleError::OutOfRange { value: 6, .. })
        ));
        assert!(matches!(
            RatingScale::new(1, 5, &[(Verdict::False, 0)]),
            Err(ScaleError::OutOfRange { value: 0, .. })
        ));
        assert_eq!(
            RatingScale::new(1, 5, &[(Verdict::Unreviewed, 3)]),
            Err(ScaleError::Unreviewed)
        );
        assert_eq!(
            RatingScale::new(1, 5, &[(Verdict::True, 5), (Verdict::True, 4)]),
            Err(ScaleError::Duplicate("True"))
        );
        let scale = RatingScale::new(-2, 2, &[(Verdict::False, -2), (Verdict::Misleading, -1)]);
        assert_eq!(scale.map(|s| s.value(Verdict::Misleading)), Ok(Some(-1)));
    }

    #[test]
    fn default_scale_orders_truth() {
        let scale = RatingScale::default();
        let order = [
            Verdict::False,
            Verdict::MostlyFalse,
            Verdict::HalfTrue,
            Verdict::MostlyTrue,
            Verdict::True,
        ];
        let values: Vec<Option<i64>> = order.iter().map(|v| scale.value(*v)).collect();
        assert_eq!(values, vec![Some(1), Some(2), Some(3), Some(4), Some(5)]);
        assert_eq!(scale.value(Verdict::Unverifiable), None);
        // the default passes its own validation
        assert_eq!(
            RatingScale::new(scale.worst(), scale.best(), &scale.values),
            Ok(scale.clone())
        );
    }
}

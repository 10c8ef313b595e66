//! ClaimReview export: structure of every item, the rating scale, and refusal with the
//! missing fields named per claim.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use export_fixture::{context, fixture};
use factmark::export::{ExportError, Format, RatingScale, export};
use factmark::model::Verdict;
use factmark::model::rating::RatingLevel;
use serde_json::Value;

#[test]
fn one_review_per_claim_with_a_verdict() {
    let (doc, set) = fixture();
    let files = export(&context(&doc, &set), Format::ClaimReview).expect("export");
    let root: Value = serde_json::from_slice(&files[0].bytes).expect("JSON");
    let reviews = root.as_array().expect("array");
    let with_verdict = set
        .annotations
        .iter()
        .filter(|a| a.verdict != Verdict::Unreviewed)
        .count();
    assert_eq!(reviews.len(), with_verdict);
    for review in reviews {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        for key in ["url", "claimReviewed", "datePublished"] {
            assert!(
                review[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {review}"
            );
        }
        assert!(
            review["claimReviewed"]
                .as_str()
                .is_some_and(|s| s.chars().count() <= 300)
        );
        assert_eq!(review["datePublished"], "2026-05-12");
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Harbor Fact Desk");
        let rating = &review["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        let label = rating["alternateName"].as_str().expect("alternateName");
        let verdict = Verdict::parse(label).expect("a verdict label");
        match RatingScale::default().value(verdict) {
            Some(value) => {
                assert_eq!(rating["ratingValue"].as_i64(), Some(value));
                assert_eq!(rating["bestRating"].as_i64(), Some(5));
                assert_eq!(rating["worstRating"].as_i64(), Some(1));
            }
            None => assert!(rating.get("ratingValue").is_none(), "{label} has no number"),
        }
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert_eq!(
            review["itemReviewed"]["appearance"]["url"],
            "https://news.example/harbor-minutes"
        );
        for citation in review["citation"].as_array().into_iter().flatten() {
            assert_eq!(citation["@type"], "CreativeWork");
            assert!(citation["name"].is_string());
        }
    }
    assert_eq!(reviews[0]["itemReviewed"]["author"]["name"], "The mayor");
}

/// A rated claim retagged as a quote keeps its stored verdict, but the app hides it and the
/// export window does not count it: ClaimReview used to export it anyway.
#[test]
fn retagged_rated_claim_is_not_exported() {
    let (doc, mut set) = fixture();
    let before = set.rated_claims().count();
    let retagged = set
        .annotations
        .iter_mut()
        .find(|a| a.verdict == Verdict::True)
        .expect("a claim rated True");
    retagged.tag = "quote".into();
    let retagged_quote = retagged.quote.exact.clone();
    // The export window's count of claims with a verdict.
    assert_eq!(set.rated_claims().count(), before - 1);
    let files = export(&context(&doc, &set), Format::ClaimReview).expect("export");
    let root: Value = serde_json::from_slice(&files[0].bytes).expect("JSON");
    let reviews = root.as_array().expect("array");
    assert_eq!(reviews.len(), set.rated_claims().count());
    assert!(
        reviews
            .iter()
            .all(|r| r["reviewRating"]["alternateName"] != Verdict::True.label()),
        "{reviews:?}"
    );
    assert!(
        !reviews
            .iter()
            .any(|r| r["claimReviewed"].as_str() == Some(retagged_quote.as_str()))
    );
}

#[test]
fn missing_fields_are_named_per_claim() {
    let (doc, mut set) = fixture();
    set.review.review_url.clear();
    set.annotations[2].quote.exact = "  \n ".into();
    let err = export(&context(&doc, &set), Format::ClaimReview).expect_err("refused");
    let ExportError::ClaimReviewMissing(missing) = &err else {
        panic!("{err}")
    };
    assert_eq!(missing.len(), 3, "{err}");
    assert!(
        missing
            .iter()
            .all(|m| m.fields.iter().any(|f| f.starts_with("url")))
    );
    let message = err.to_string();
    assert!(message.contains("claimReviewed"), "{message}");
    assert!(message.contains("claim 3 at 3:"), "{message}");

    set.review.review_url = "javascript:alert(1)".into();
    let err = export(&context(&doc, &set), Format::ClaimReview).expect_err("refused");
    assert!(
        err.to_string().contains("not an http or https address"),
        "{err}"
    );
}

#[test]
fn nothing_reviewed_is_an_error() {
    let (doc, mut set) = fixture();
    for a in &mut set.annotations {
        a.verdict = Verdict::Unreviewed;
    }
    let err = export(&context(&doc, &set), Format::ClaimReview).expect_err("refused");
    assert!(matches!(err, ExportError::NoVerdicts));
}

#[test]
fn a_custom_scale_is_used() {
    let (doc, set) = fixture();
    let mut ctx = context(&doc, &set);
    ctx.rating_scale = RatingScale::new(
        0,
        10,
        &[(Verdict::MostlyFalse, 3), (Verdict::Misleading, 2)],
    )
    .expect("valid");
    let files = export(&ctx, Format::ClaimReview).expect("export");
    let root: Value = serde_json::from_slice(&files[0].bytes).expect("JSON");
    assert_eq!(root[0]["reviewRating"]["ratingValue"], 3);
    assert_eq!(root[0]["reviewRating"]["bestRating"], 10);
    assert!(
        root[1]["reviewRating"].get("ratingValue").is_none(),
        "True is unplaced here"
    );
    assert_eq!(root[2]["reviewRating"]["ratingValue"], 2);
    assert!(RatingScale::new(10, 10, &[]).is_err());
    assert!(RatingScale::new(0, 10, &[(Verdict::True, 11)]).is_err());
}

#[test]
fn the_sets_own_scale_names_and_numbers_the_verdicts() {
    // The scale lives in the set (so every export and teammate uses it); here 1 is best.
    let (doc, mut set) = fixture();
    set.rating_scale = RatingScale::with_labels(
        4,
        1,
        vec![
            RatingLevel {
                verdict: Verdict::MostlyFalse,
                label: "Mostly wrong".into(),
                value: Some(3),
            },
            RatingLevel {
                verdict: Verdict::Misleading,
                label: "Spin".into(),
                value: None,
            },
        ],
    )
    .expect("valid");
    let files = export(&context(&doc, &set), Format::ClaimReview).expect("export");
    let root: Value = serde_json::from_slice(&files[0].bytes).expect("JSON");
    let rating = &root[0]["reviewRating"];
    assert_eq!(rating["alternateName"], "Mostly wrong");
    assert_eq!(
        (
            &rating["ratingValue"],
            &rating["worstRating"],
            &rating["bestRating"]
        ),
        (&Value::from(3), &Value::from(4), &Value::from(1))
    );
    assert_eq!(root[2]["reviewRating"]["alternateName"], "Spin");
    assert!(root[2]["reviewRating"].get("ratingValue").is_none());
}

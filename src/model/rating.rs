//! The set's rating scale: for each verdict a label and, where the verdict is a degree of
//! truth, a number between the scale's two ends, with explicit `worst` and `best` (either
//! may be the larger number). ClaimReview export and reports use it.
//!
//! Built only through [`RatingScale::new`] / [`RatingScale::with_labels`], and checked the
//! same way when a set file is read, so an instance is always valid; the default (today's
//! scale: False = 1 … True = 5, Misleading and Unverifiable unnumbered) is left out of files.
//!
//! ```
//! use factmark::model::rating::RatingScale;
//! use factmark::model::Verdict;
//! let scale = RatingScale::new(1, 3, &[(Verdict::False, 1), (Verdict::True, 3)]).unwrap();
//! assert_eq!(scale.value(Verdict::True), Some(3));
//! assert_eq!(scale.value(Verdict::Misleading), None);
//! assert!(RatingScale::new(5, 5, &[]).is_err());
//! ```

use serde::{Deserialize, Serialize};

use crate::model::set::Verdict;

/// Longest label a scale may give a verdict, in chars.
pub const LABEL_MAX_CHARS: usize = 40;

/// One verdict's place on the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingLevel {
    /// The verdict.
    pub verdict: Verdict,
    /// How reports and ClaimReview name it (`Pants on fire` …).
    pub label: String,
    /// Its number, or `None` for verdicts that are not a degree of truth.
    pub value: Option<i64>,
}

/// The file form of a scale, checked into a [`RatingScale`] on load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ScaleParts {
    worst: i64,
    best: i64,
    levels: Vec<RatingLevel>,
}

/// A valid rating scale (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ScaleParts", into = "ScaleParts")]
pub struct RatingScale {
    worst: i64,
    best: i64,
    levels: Vec<RatingLevel>,
}

/// Why a rating scale is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    /// Both ends are the same number.
    #[error("worst rating {0} and best rating {0} must differ")]
    SameEnds(i64),
    /// A verdict's value lies outside the scale.
    #[error("{verdict} is rated {value}, outside the scale from {worst} (worst) to {best} (best)")]
    OutOfRange {
        /// The verdict's name.
        verdict: &'static str,
        /// Its value.
        value: i64,
        /// Worst rating.
        worst: i64,
        /// Best rating.
        best: i64,
    },
    /// Unreviewed claims are never rated.
    #[error("unreviewed cannot be on the rating scale")]
    Unreviewed,
    /// A verdict appears twice.
    #[error("{0} is on the rating scale twice")]
    Duplicate(&'static str),
    /// A label is empty, too long or has control characters.
    #[error("the label of {0} must be 1-{LABEL_MAX_CHARS} characters without control characters")]
    BadLabel(&'static str),
}

impl RatingScale {
    /// A scale from `worst` to `best` placing the given verdicts, labelled as usual; the
    /// others keep their usual label and get no number.
    pub fn new(worst: i64, best: i64, values: &[(Verdict, i64)]) -> Result<Self, ScaleError> {
        let levels = values
            .iter()
            .map(|(verdict, value)| RatingLevel {
                verdict: *verdict,
                label: verdict.label().to_owned(),
                value: Some(*value),
            })
            .collect();
        Self::with_labels(worst, best, levels)
    }

    /// A scale with its own labels; verdicts not listed keep their usual label, no number.
    pub fn with_labels(
        worst: i64,
        best: i64,
        levels: Vec<RatingLevel>,
    ) -> Result<Self, ScaleError> {
        if worst == best {
            return Err(ScaleError::SameEnds(worst));
        }
        let range = worst.min(best)..=worst.max(best);
        for (i, level) in levels.iter().enumerate() {
            let name = level.verdict.name();
            if level.verdict == Verdict::Unreviewed {
                return Err(ScaleError::Unreviewed);
            }
            if levels.iter().take(i).any(|l| l.verdict == level.verdict) {
                return Err(ScaleError::Duplicate(name));
            }
            let label = level.label.trim();
            if label.is_empty()
                || label.chars().count() > LABEL_MAX_CHARS
                || label.chars().any(char::is_control)
            {
                return Err(ScaleError::BadLabel(name));
            }
            if let Some(value) = level.value
                && !range.contains(&value)
            {
                return Err(ScaleError::OutOfRange {
                    verdict: name,
                    value,
                    worst,
                    best,
                });
            }
        }
        Ok(Self {
            worst,
            best,
            levels,
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
        self.level(verdict).and_then(|l| l.value)
    }

    /// How the scale names a verdict (its usual label when the scale does not list it).
    pub fn label(&self, verdict: Verdict) -> &str {
        self.level(verdict)
            .map_or(verdict.label(), |l| l.label.trim())
    }

    /// The listed levels.
    pub fn levels(&self) -> &[RatingLevel] {
        &self.levels
    }

    /// Is this today's default scale (left out of files)?
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    fn level(&self, verdict: Verdict) -> Option<&RatingLevel> {
        self.levels.iter().find(|l| l.verdict == verdict)
    }
}

impl Default for RatingScale {
    /// False = 1, Mostly false = 2, Half true = 3, Mostly true = 4, True = 5; Misleading and
    /// Unverifiable unplaced.
    fn default() -> Self {
        let placed = [
            (Verdict::False, 1),
            (Verdict::MostlyFalse, 2),
            (Verdict::HalfTrue, 3),
            (Verdict::MostlyTrue, 4),
            (Verdict::True, 5),
        ];
        Self {
            worst: 1,
            best: 5,
            levels: placed
                .into_iter()
                .map(|(verdict, value)| RatingLevel {
                    verdict,
                    label: verdict.label().to_owned(),
                    value: Some(value),
                })
                .collect(),
        }
    }
}

impl TryFrom<ScaleParts> for RatingScale {
    type Error = ScaleError;

    fn try_from(parts: ScaleParts) -> Result<Self, ScaleError> {
        Self::with_labels(parts.worst, parts.best, parts.levels)
    }
}

impl From<RatingScale> for ScaleParts {
    fn from(scale: RatingScale) -> Self {
        Self {
            worst: scale.worst,
            best: scale.best,
            levels: scale.levels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(verdict: Verdict, label: &str, value: Option<i64>) -> RatingLevel {
        RatingLevel {
            verdict,
            label: label.to_owned(),
            value,
        }
    }

    #[test]
    fn validation_table() {
        assert_eq!(RatingScale::new(3, 3, &[]), Err(ScaleError::SameEnds(3)));
        let out = RatingScale::new(1, 5, &[(Verdict::True, 6)]);
        assert!(
            matches!(out, Err(ScaleError::OutOfRange { value: 6, .. })),
            "{out:?}"
        );
        assert_eq!(
            RatingScale::new(1, 5, &[(Verdict::Unreviewed, 3)]),
            Err(ScaleError::Unreviewed)
        );
        assert_eq!(
            RatingScale::new(1, 5, &[(Verdict::True, 5), (Verdict::True, 4)]),
            Err(ScaleError::Duplicate("true"))
        );
        for bad in ["", "  ", "a\u{7}b", &"x".repeat(41)] {
            let levels = vec![level(Verdict::False, bad, Some(1))];
            assert_eq!(
                RatingScale::with_labels(1, 5, levels),
                Err(ScaleError::BadLabel("false")),
                "{bad:?}"
            );
        }
        // 1 may be the best end: values are checked between the two ends either way.
        let reversed = RatingScale::new(4, 1, &[(Verdict::True, 1), (Verdict::False, 4)]);
        assert_eq!(reversed.map(|s| s.value(Verdict::False)), Ok(Some(4)));
        assert!(RatingScale::new(4, 1, &[(Verdict::True, 0)]).is_err());
    }

    #[test]
    fn the_default_is_todays_scale_and_passes_its_own_check() {
        let scale = RatingScale::default();
        assert_eq!((scale.worst(), scale.best()), (1, 5));
        assert_eq!(scale.value(Verdict::MostlyTrue), Some(4));
        assert_eq!(scale.value(Verdict::Misleading), None);
        assert_eq!(scale.label(Verdict::Misleading), "Misleading");
        let checked =
            RatingScale::with_labels(scale.worst(), scale.best(), scale.levels().to_vec());
        assert_eq!(checked, Ok(scale));
    }

    #[test]
    fn a_scale_in_a_file_is_checked_when_read() {
        let good = "(worst: 0, best: 2, levels: [(verdict: False, label: \"Pants on fire\", \
                    value: Some(0))])";
        let scale: RatingScale = ron::from_str(good).expect("valid scale");
        assert_eq!(scale.label(Verdict::False), "Pants on fire");
        assert_eq!(scale.label(Verdict::True), "True");
        let bad = "(worst: 0, best: 2, levels: [(verdict: False, label: \"x\", value: Some(7))])";
        let err = ron::from_str::<RatingScale>(bad).expect_err("out of range");
        assert!(err.to_string().contains("false is rated 7"), "{err}");
    }
}

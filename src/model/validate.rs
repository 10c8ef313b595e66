//! One validation door for whole sets: the rules a set must keep wherever it comes from
//! (a file, an import, anchoring). `apply` keeps them for edits; [`validate`] checks a set
//! built any other way and reports what breaks them, item by item. Nothing is fixed or
//! dropped here: the caller shows the findings (and refuses a set it cannot address).
//!
//! ```
//! # use factmark::model::{AnnotationSet, Document, validate::validate};
//! let doc = Document::new("Some text");
//! let set = AnnotationSet::new(&doc, "a.txt", "t", chrono::Utc::now());
//! assert!(validate(&set, doc.char_len()).is_empty());
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::evidence::evidence_problem;
use crate::model::set::{AnchorStatus, AnnotationSet, Link};
use crate::model::snapshot::snapshot_problem;

/// The item a finding is about, said so a person can find it in the file or the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// An annotation, by id.
    Annotation(String),
    /// An evidence item, by id.
    Evidence(String),
    /// A link, by its two ends.
    Link(String),
    /// A tag definition, by name.
    Tag(String),
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Annotation(id) => write!(f, "annotation {id}"),
            Self::Evidence(id) => write!(f, "evidence {id}"),
            Self::Link(ends) => write!(f, "link {ends}"),
            Self::Tag(name) => write!(f, "tag {name:?}"),
        }
    }
}

/// What is wrong with an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Two or more items share this id: none of them can be addressed.
    DuplicateId(usize),
    /// A link's end is not in the set.
    DanglingLink(&'static str),
    /// The span ends before it starts.
    ReversedSpan(usize, usize),
    /// The span ends past the text.
    SpanOutsideText(usize, usize),
    /// The annotation's tag is not defined in the set.
    UnknownTag(String),
    /// Two tag definitions share this name.
    DuplicateTagName(usize),
    /// Evidence that must not be opened or exported as a link.
    UnsafeEvidence(String),
}

/// One broken rule, with the item it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which item.
    pub item: Item,
    /// What is wrong.
    pub problem: Problem,
}

impl Finding {
    /// Does this finding make items impossible to address (the set must not be edited)?
    pub fn is_blocking(&self) -> bool {
        matches!(self.problem, Problem::DuplicateId(_))
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let item = &self.item;
        match &self.problem {
            Problem::DuplicateId(count) => write!(
                f,
                "{item} appears {count} times (ids must be unique); give all but one a new id \
                 (any new UUID) in the file, or restore its .bak"
            ),
            Problem::DanglingLink(end) => write!(f, "{item}: its {end} is not in the set"),
            Problem::ReversedSpan(start, end) => {
                write!(f, "{item}: span {start}..{end} ends before it starts")
            }
            Problem::SpanOutsideText(end, len) => write!(
                f,
                "{item}: span ends at char {end}, past the end of the text ({len} chars)"
            ),
            Problem::UnknownTag(tag) => write!(
                f,
                "{item}: tag {tag:?} is not defined in the set; define it with `factmark tag add`"
            ),
            Problem::DuplicateTagName(count) => {
                write!(f, "{item} is defined {count} times; keep one definition")
            }
            Problem::UnsafeEvidence(reason) => {
                write!(
                    f,
                    "{item} is unsafe and will not be opened or linked: {reason}"
                )
            }
        }
    }
}

/// Check every rule of a whole set over a text of `text_char_len` chars: unique ids,
/// links whose ends exist, spans in order and inside the text, known tags, unique tag
/// names, safe evidence. Findings come in the order of the set's items.
pub fn validate(set: &AnnotationSet, text_char_len: usize) -> Vec<Finding> {
    let mut findings = duplicate_ids(set);
    let mut tag_counts: HashMap<&str, usize> = HashMap::new();
    for tag in &set.tags {
        *tag_counts.entry(tag.name.as_str()).or_default() += 1;
    }
    let mut reported = HashSet::new();
    for tag in &set.tags {
        let count = tag_counts.get(tag.name.as_str()).copied().unwrap_or(0);
        if count > 1 && reported.insert(tag.name.as_str()) {
            findings.push(Finding {
                item: Item::Tag(tag.name.clone()),
                problem: Problem::DuplicateTagName(count),
            });
        }
    }
    for annotation in &set.annotations {
        let item = || Item::Annotation(annotation.id.to_string());
        let position = annotation.position;
        if position.char_end < position.char_start {
            findings.push(Finding {
                item: item(),
                problem: Problem::ReversedSpan(position.char_start, position.char_end),
            });
        } else if position.char_end > text_char_len && annotation.status != AnchorStatus::Orphaned {
            // An orphan's position is a hint into an older text: only placed spans must fit.
            findings.push(Finding {
                item: item(),
                problem: Problem::SpanOutsideText(position.char_end, text_char_len),
            });
        }
        if !tag_counts.contains_key(annotation.tag.as_str()) {
            findings.push(Finding {
                item: item(),
                problem: Problem::UnknownTag(annotation.tag.clone()),
            });
        }
    }
    for evidence in &set.evidence {
        let problems = [
            evidence_problem(&evidence.kind),
            evidence.snapshot.as_ref().and_then(snapshot_problem),
        ];
        for reason in problems.into_iter().flatten() {
            findings.push(Finding {
                item: Item::Evidence(evidence.id.to_string()),
                problem: Problem::UnsafeEvidence(reason),
            });
        }
    }
    let annotations: HashSet<_> = set.annotations.iter().map(|a| a.id).collect();
    let evidence: HashSet<_> = set.evidence.iter().map(|e| e.id).collect();
    for link in &set.links {
        let (ends, missing) = match link {
            Link::Evidence {
                annotation,
                evidence: item,
                ..
            } => (
                format!("{annotation} -> evidence {item}"),
                if !annotations.contains(annotation) {
                    Some("annotation")
                } else if !evidence.contains(item) {
                    Some("evidence")
                } else {
                    None
                },
            ),
            Link::SaidBy {
                annotation,
                attribution,
            } => (
                format!("{annotation} said by {attribution}"),
                if !annotations.contains(annotation) {
                    Some("annotation")
                } else if !annotations.contains(attribution) {
                    Some("attribution")
                } else {
                    None
                },
            ),
        };
        if let Some(end) = missing {
            findings.push(Finding {
                item: Item::Link(ends),
                problem: Problem::DanglingLink(end),
            });
        }
    }
    findings
}

/// Ids used by more than one annotation, or more than one evidence item.
pub fn duplicate_ids(set: &AnnotationSet) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut counts: HashMap<_, usize> = HashMap::new();
    for annotation in &set.annotations {
        *counts.entry(annotation.id).or_default() += 1;
    }
    let mut seen = HashSet::new();
    for annotation in &set.annotations {
        let count = counts.get(&annotation.id).copied().unwrap_or(0);
        if count > 1 && seen.insert(annotation.id) {
            findings.push(Finding {
                item: Item::Annotation(annotation.id.to_string()),
                problem: Problem::DuplicateId(count),
            });
        }
    }
    let mut counts: HashMap<_, usize> = HashMap::new();
    for evidence in &set.evidence {
        *counts.entry(evidence.id).or_default() += 1;
    }
    let mut seen = HashSet::new();
    for evidence in &set.evidence {
        let count = counts.get(&evidence.id).copied().unwrap_or(0);
        if count > 1 && seen.insert(evidence.id) {
            findings.push(Finding {
                item: Item::Evidence(evidence.id.to_string()),
                problem: Problem::DuplicateId(count),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::set::{
        Annotation, AnnotationId, Evidence, EvidenceId, EvidenceKind, Stance, TagDef, TextPosition,
    };
    use crate::model::text::Document;
    use chrono::{TimeZone as _, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn base() -> (Document, AnnotationSet, Annotation) {
        let doc = Document::new("The claim is not true at all.");
        let mut set = AnnotationSet::new(&doc, "a.txt", "t", now());
        let annotation = Annotation::new(&doc, 4..9, "claim", "ana", now());
        set.annotations.push(annotation.clone());
        (doc, set, annotation)
    }

    fn problems(set: &AnnotationSet, doc: &Document) -> Vec<String> {
        validate(set, doc.char_len())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_clean_set_has_no_findings() {
        let (doc, set, _) = base();
        assert!(problems(&set, &doc).is_empty());
    }

    #[test]
    fn each_rule_is_reported_with_its_item() {
        let (doc, set, annotation) = base();
        let evidence = Evidence {
            id: EvidenceId::random(),
            kind: EvidenceKind::Url {
                url: "javascript:alert(1)".into(),
                archived_url: None,
            },
            title: String::new(),
            accessed: None,
            note: String::new(),
            created: now(),
            author: String::new(),
            snapshot: None,
        };
        type Spoil = Box<dyn Fn(&mut AnnotationSet)>;
        let cases: Vec<(Spoil, &str)> = vec![
            (
                Box::new(move |s| s.annotations.push(annotation.clone())),
                "appears 2 times",
            ),
            (
                Box::new(|s| {
                    s.annotations[0].position = TextPosition {
                        char_start: 9,
                        char_end: 4,
                    }
                }),
                "span 9..4 ends before it starts",
            ),
            (
                Box::new(|s| s.annotations[0].position = (4..99).into()),
                "past the end of the text (29 chars)",
            ),
            (
                Box::new(|s| s.annotations[0].tag = "gossip".into()),
                "tag \"gossip\" is not defined",
            ),
            (
                Box::new(|s| s.tags.push(TagDef::builtins()[0].clone())),
                "tag \"claim\" is defined 2 times",
            ),
            (
                Box::new(move |s| s.evidence.push(evidence.clone())),
                "unsafe and will not be opened",
            ),
            (
                Box::new(|s| {
                    let id = s.annotations[0].id;
                    s.links.push(Link::Evidence {
                        annotation: id,
                        evidence: EvidenceId::random(),
                        stance: Stance::Supports,
                    });
                }),
                "its evidence is not in the set",
            ),
            (
                Box::new(|s| {
                    let id = s.annotations[0].id;
                    s.links.push(Link::SaidBy {
                        annotation: id,
                        attribution: AnnotationId::random(),
                    });
                }),
                "its attribution is not in the set",
            ),
        ];
        for (spoil, want) in cases {
            let mut set = set.clone();
            spoil(&mut set);
            let found = problems(&set, &doc);
            assert_eq!(found.len(), 1, "{want}: {found:?}");
            assert!(found[0].contains(want), "{want}: {found:?}");
        }
    }

    #[test]
    fn an_orphan_may_point_past_the_text_but_not_backwards() {
        let (doc, mut set, _) = base();
        set.annotations[0].status = AnchorStatus::Orphaned;
        set.annotations[0].position = (40..45).into();
        assert!(problems(&set, &doc).is_empty());
        set.annotations[0].position = TextPosition {
            char_start: 45,
            char_end: 40,
        };
        assert_eq!(problems(&set, &doc).len(), 1);
    }
}

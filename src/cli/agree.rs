//! `factmark agree`: agreement between reviewers' sets of one document.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Args;
use serde::Serialize;

use crate::cli::output::outln;
use crate::model::agreement::{Agreement, Coding, MatchCounts, agreement, made_for_document};
use crate::model::{AnnotationSet, Document, anchor_set};
use crate::store::{self, RealFs, StoreError};

/// Arguments of `factmark agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The document the sets annotate.
    pub document: PathBuf,
    /// The reviewers' sets: A (the reference), B (compared with A), then any more (counted
    /// in Krippendorff's alpha).
    #[arg(value_name = "SET")]
    pub sets: Vec<PathBuf>,
    /// Print `{"tags": {TAG: {"exact": {...}, "overlap": {...}}}, "kappa", "alpha"}`.
    #[arg(long)]
    pub json: bool,
}

/// Precision, recall and F1 as `--json` prints them (`null` when undefined).
#[derive(Debug, Serialize)]
struct JsonScores {
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
}

impl From<MatchCounts> for JsonScores {
    fn from(counts: MatchCounts) -> Self {
        Self {
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
        }
    }
}

#[derive(Debug, Serialize)]
struct JsonTag {
    exact: JsonScores,
    overlap: JsonScores,
}

#[derive(Debug, Serialize)]
struct JsonAgreement {
    tags: BTreeMap<String, JsonTag>,
    kappa: Option<f64>,
    alpha: Option<f64>,
}

/// Run `factmark agree`: exit 0 with the figures, 2 on bad input.
#[allow(
    clippy::print_stderr,
    reason = "with --json, what was left out is said beside the answer, not in it"
)]
pub fn run(args: &AgreeArgs) -> anyhow::Result<i32> {
    if args.sets.len() < 2 {
        bail!(
            "agreement needs at least two sets, got {}: factmark agree DOC SET_A SET_B [SET_C…] [--json]",
            args.sets.len()
        );
    }
    // The canonical text, as every command reads it (a PDF, DOCX or HTML through its
    // extracted text).
    let doc =
        store::open_document_with_set(&RealFs, &args.document, None, store::max_document_bytes()?)?
            .doc;
    let doc_name = store::paths::file_name(&args.document);
    let mut codings = Vec::with_capacity(args.sets.len());
    for path in &args.sets {
        let set = load_for(path, &doc, &doc_name, &args.document)?;
        codings.push(Coding::of(&set));
    }
    let result = agreement(&doc, &codings);
    let names: Vec<String> = args
        .sets
        .iter()
        .map(|p| store::paths::file_name(p))
        .collect();
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&to_json(&result))?);
        for (name, orphaned) in names.iter().zip(&result.orphaned) {
            if *orphaned > 0 {
                eprintln!(
                    "factmark: {orphaned} orphaned annotation(s) of {name} left out (see `factmark check`)"
                );
            }
        }
    } else {
        print_table(&result, &names, &codings)?;
    }
    Ok(0)
}

/// Read a set and anchor it against the document; refuse a set of another document.
fn load_for(
    path: &Path,
    doc: &Document,
    doc_name: &str,
    doc_path: &Path,
) -> anyhow::Result<AnnotationSet> {
    let loaded = match store::load_set(&RealFs, path) {
        // Comparing only reads: a newer set's understood part is enough.
        Err(StoreError::NewerVersion { .. }) => store::load_set_read_only(&RealFs, path),
        other => other,
    }
    .with_context(|| format!("set {} could not be compared", path.display()))?;
    let mut set = loaded.set;
    let source = set.source.clone();
    let summary = anchor_set(&mut set, doc);
    if !made_for_document(&source, doc, doc_name, &summary) {
        bail!(
            "{} is a set of {:?}, not of {}: its text differs and none of its {} annotation(s) anchor in it; compare sets made for the same document",
            path.display(),
            source.path,
            doc_path.display(),
            set.annotations.len()
        );
    }
    Ok(set)
}

fn to_json(result: &Agreement) -> JsonAgreement {
    JsonAgreement {
        tags: result
            .tags
            .iter()
            .map(|(tag, figures)| {
                (
                    tag.clone(),
                    JsonTag {
                        exact: figures.exact.into(),
                        overlap: figures.overlap.into(),
                    },
                )
            })
            .collect(),
        kappa: result.kappa,
        alpha: result.alpha,
    }
}

/// How the table names set `index`: A, B, C … Z, then #27, #28 …
fn letter(index: usize) -> String {
    u8::try_from(index).ok().filter(|i| *i < 26).map_or_else(
        || format!("#{}", index + 1),
        |i| char::from(b'A' + i).to_string(),
    )
}

/// A figure with three decimals, or `-` when undefined.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn print_table(result: &Agreement, names: &[String], codings: &[Coding]) -> anyhow::Result<()> {
    for (index, (name, coding)) in names.iter().zip(codings).enumerate() {
        let letter = letter(index);
        let orphaned = match coding.orphaned {
            0 => String::new(),
            n => format!(", {n} orphaned left out"),
        };
        outln!(
            "{letter} = {name}: {} span(s){orphaned}",
            coding.spans.len()
        );
    }
    outln!("");
    outln!("B against A, per tag (P precision, R recall, F1; - = no spans to divide by)");
    outln!(
        "{:<14} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
        "tag",
        "A",
        "B",
        "exact P",
        "R",
        "F1",
        "ovl P",
        "R",
        "F1"
    );
    if result.tags.is_empty() {
        outln!("(no spans in A or B)");
    }
    for (tag, figures) in &result.tags {
        let (e, o) = (figures.exact, figures.overlap);
        outln!(
            "{:<14} {:>5} {:>5} | {:>7} {:>6} {:>6} | {:>6} {:>6} {:>6}",
            tag,
            e.reference,
            e.candidate,
            figure(e.precision()),
            figure(e.recall()),
            figure(e.f1()),
            figure(o.precision()),
            figure(o.recall()),
            figure(o.f1())
        );
    }
    outln!("");
    outln!(
        "Cohen's kappa (A, B) over {} character(s): {}",
        result.units,
        figure(result.kappa)
    );
    outln!(
        "Krippendorff's alpha (nominal, {} sets):   {}",
        codings.len(),
        figure(result.alpha)
    );
    for (i, j, kappa) in &result.pairwise_kappa {
        outln!(
            "Cohen's kappa ({}, {}): {}",
            letter(*i),
            letter(*j),
            figure(*kappa)
        );
    }
    if result.kappa.is_none() || result.alpha.is_none() {
        outln!("(- : undefined, everyone used one category only, or the text has no characters)");
    }
    Ok(())
}

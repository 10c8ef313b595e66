//! `factmark annotate`.

use std::ops::Range;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::Args;

use crate::cli::output::outln;
use crate::cli::{SetArg, Workspace, excerpt};
use crate::model::defaults::reviewer_name;
use crate::model::search::{Case, find_loose};
use crate::model::{Annotation, Document, Edit, Verdict, is_claim_tag};

/// Arguments of `factmark annotate`.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// The document.
    pub document: PathBuf,
    /// Tag of the new annotation (claim, quote, attribution or a custom tag).
    #[arg(long)]
    pub tag: String,
    /// The text to annotate, as typed or pasted: any spaces or line breaks read as one space,
    /// straight and typographic quotes and dashes as equal.
    #[arg(long, conflicts_with = "range", required_unless_present = "range")]
    pub quote: Option<String>,
    /// Which occurrence of --quote, counting from 1, when the text occurs more than once.
    #[arg(long, requires = "quote", value_name = "N")]
    pub occurrence: Option<usize>,
    /// Char offsets over the canonical text, half-open: START..END.
    #[arg(long, value_name = "START..END")]
    pub range: Option<String>,
    /// A note.
    #[arg(long)]
    pub note: Option<String>,
    /// Verdict of a claim: unreviewed, true, mostly-true, half-true, mostly-false, false,
    /// misleading, unverifiable.
    #[arg(long)]
    pub verdict: Option<String>,
    /// Reviewer name [default: the first non-blank of $FACTMARK_AUTHOR, $USER, $USERNAME].
    #[arg(long)]
    pub author: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark annotate`.
pub fn run(args: &AnnotateArgs) -> anyhow::Result<i32> {
    let mut workspace = Workspace::open(&args.document, &args.set, true)?;
    if workspace.set.tag(&args.tag).is_none() {
        bail!(
            "unknown tag {:?}; known tags: {} (define a new one with `factmark tag add DOC NAME --color #RRGGBB`)",
            args.tag,
            workspace.set.tag_names()
        );
    }
    let verdict = match &args.verdict {
        None => None,
        Some(_) if !is_claim_tag(&args.tag) => bail!(
            "--verdict is only for claims, and this annotation is tagged {:?}",
            args.tag
        ),
        Some(text) => Some(Verdict::parse(text).with_context(|| {
            let names: Vec<&str> = Verdict::ALL.iter().map(|v| v.name()).collect();
            format!("unknown verdict {text:?}; use one of: {}", names.join(", "))
        })?),
    };
    let range = match (&args.quote, &args.range) {
        (Some(quote), _) => find_quote(&workspace.doc, quote, args.occurrence)?,
        (None, Some(range)) => parse_range(&workspace.doc, range)?,
        (None, None) => bail!("give the span with --quote TEXT or --range START..END"),
    };
    let author = reviewer_name(args.author.as_deref(), |var| std::env::var(var).ok());
    let mut annotation = Annotation::new(
        &workspace.doc,
        range,
        &args.tag,
        &author,
        crate::cli::workspace::now(),
    );
    if let Some(note) = &args.note {
        annotation.note.clone_from(note);
    }
    if let Some(verdict) = verdict {
        annotation.verdict = verdict;
        annotation.workflow.verdict_by = Some(crate::model::workflow::Stamp {
            by: author.clone(),
            at: annotation.created,
        });
    }
    let id = annotation.id;
    workspace.apply(Edit::AddAnnotation(annotation))?;
    let saved = workspace.save()?;
    outln!("{id}");
    Ok(saved.exit_code(0))
}

/// Where `quote` occurs in the document, as a char range: the `occurrence`-th (1-based), or
/// the only one. The quote is found as pasted (any spaces or line breaks as one space,
/// straight and typographic quotes and dashes as equal: [`crate::model::search`]); the
/// range is the document's exact text.
pub fn find_quote(
    doc: &Document,
    quote: &str,
    occurrence: Option<usize>,
) -> anyhow::Result<Range<usize>> {
    if quote.trim().is_empty() {
        bail!("--quote is empty; give the text to annotate");
    }
    let found = find_loose(doc.text(), quote, Case::Sensitive, usize::MAX);
    let at = |range: &Range<usize>| doc.line_col(range.start).to_string();
    let range = match (found.as_slice(), occurrence) {
        ([], _) => bail!(
            "quote {:?} not found in the document (spaces, quote marks and dashes may differ, \
             letters and case must match)",
            excerpt(quote, 60)
        ),
        (_, Some(0)) => bail!("--occurrence counts from 1"),
        (all, Some(n)) => match all.get(n - 1) {
            Some(range) => range.clone(),
            None => bail!(
                "--occurrence {n} asked, but the quote occurs only {} time(s)",
                all.len()
            ),
        },
        ([range], None) => range.clone(),
        (all, None) => {
            let places: Vec<String> = all.iter().take(10).map(at).collect();
            bail!(
                "quote {:?} is ambiguous: it occurs {} times (at line:column {}); choose one with --occurrence N",
                excerpt(quote, 60),
                all.len(),
                places.join(", ")
            )
        }
    };
    Ok(doc.snap_to_graphemes(range))
}

fn parse_range(doc: &Document, text: &str) -> anyhow::Result<Range<usize>> {
    let parsed = text.split_once("..").and_then(|(a, b)| {
        Some((
            a.trim().parse::<usize>().ok()?,
            b.trim().parse::<usize>().ok()?,
        ))
    });
    let Some((start, end)) = parsed else {
        bail!("--range {text:?} is not of the form START..END (char offsets, e.g. 120..164)");
    };
    if start >= end {
        bail!("--range {text:?} is empty or reversed; END must be greater than START");
    }
    if end > doc.char_len() {
        bail!(
            "--range {text:?} ends past the document, which is {} chars long",
            doc.char_len()
        );
    }
    Ok(doc.snap_to_graphemes(start..end))
}

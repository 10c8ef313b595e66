//! `factmark annotate` and `factmark tag`.

use std::ops::Range;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};

use crate::cli::{Session, SetArg, excerpt};
use crate::model::{Annotation, Color, Document, Edit, TagDef, Verdict, is_claim_tag};

/// Arguments of `factmark annotate`.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// The document.
    pub document: PathBuf,
    /// Tag of the new annotation (claim, quote, attribution or a custom tag).
    #[arg(long)]
    pub tag: String,
    /// The exact text to annotate, as written in the document (curly quotes and dashes too).
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
    /// Reviewer name [default: $FACTMARK_AUTHOR or $USER].
    #[arg(long)]
    pub author: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// `factmark tag …`.
#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Define a custom tag in a document's set.
    Add(TagAddArgs),
    /// List the tags of a document's set.
    List {
        /// The document.
        document: PathBuf,
        #[command(flatten)]
        #[allow(missing_docs)]
        set: SetArg,
    },
}

/// Arguments of `factmark tag add`.
#[derive(Debug, Args)]
pub struct TagAddArgs {
    /// The document.
    pub document: PathBuf,
    /// Tag name: lowercase letters, digits, '-' and '_'.
    pub name: String,
    /// Highlight colour, #RRGGBB.
    #[arg(long)]
    pub color: String,
    /// Key that applies the tag in the app (one character).
    #[arg(long)]
    pub key: Option<char>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub set: SetArg,
}

/// Run `factmark annotate`.
#[allow(clippy::print_stdout, reason = "the new id is the command's answer")]
pub fn run(args: &AnnotateArgs) -> anyhow::Result<i32> {
    let mut session = Session::open(&args.document, &args.set, true)?;
    if session.set.tag(&args.tag).is_none() {
        bail!(
            "unknown tag {:?}; known tags: {} (define a new one with `factmark tag add DOC NAME --color #RRGGBB`)",
            args.tag,
            session.set.tag_names()
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
        (Some(quote), _) => find_quote(&session.doc, quote, args.occurrence)?,
        (None, Some(range)) => parse_range(&session.doc, range)?,
        (None, None) => bail!("give the span with --quote TEXT or --range START..END"),
    };
    let author = crate::cli::session::author(args.author.as_deref());
    let mut annotation = Annotation::new(
        &session.doc,
        range,
        &args.tag,
        &author,
        crate::cli::session::now(),
    );
    if let Some(note) = &args.note {
        annotation.note.clone_from(note);
    }
    if let Some(verdict) = verdict {
        annotation.verdict = verdict;
    }
    let id = annotation.id;
    session.apply(Edit::AddAnnotation(annotation))?;
    session.save()?;
    println!("{id}");
    Ok(0)
}

/// Where `quote` occurs in the document, as a char range: the `occurrence`-th (1-based), or
/// the only one.
pub fn find_quote(
    doc: &Document,
    quote: &str,
    occurrence: Option<usize>,
) -> anyhow::Result<Range<usize>> {
    if quote.is_empty() {
        bail!("--quote is empty; give the exact text to annotate");
    }
    let quote = crate::model::text::canonicalize(quote);
    let starts = doc.find_all(&quote);
    let len = quote.chars().count();
    let at = |start: usize| doc.line_col(start).to_string();
    match (starts.as_slice(), occurrence) {
        ([], _) => {
            let hint = if doc_has_folded(doc, &quote) {
                "; the document writes it with other quote marks or dashes (copy them exactly, e.g. “ ” ’ —)"
            } else {
                ""
            };
            bail!(
                "quote {:?} not found in the document{hint}",
                excerpt(&quote, 60)
            )
        }
        (_, Some(0)) => bail!("--occurrence counts from 1"),
        (all, Some(n)) => match all.get(n - 1) {
            Some(&start) => Ok(start..start + len),
            None => bail!(
                "--occurrence {n} asked, but the quote occurs only {} time(s)",
                all.len()
            ),
        },
        ([start], None) => Ok(*start..*start + len),
        (all, None) => {
            let places: Vec<String> = all.iter().take(10).map(|&s| at(s)).collect();
            bail!(
                "quote {:?} is ambiguous: it occurs {} times (at line:column {}); choose one with --occurrence N",
                excerpt(&quote, 60),
                all.len(),
                places.join(", ")
            )
        }
    }
}

/// Replace curly quotes and dashes by their plain ASCII forms.
fn fold_typography(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | '‚' => '\'',
            '–' | '—' | '‒' => '-',
            c => c,
        })
        .collect()
}

fn doc_has_folded(doc: &Document, quote: &str) -> bool {
    let folded_quote = fold_typography(quote);
    fold_typography(doc.text()).contains(&folded_quote)
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

/// Run `factmark tag …`.
#[allow(clippy::print_stdout, reason = "listing tags is the command's answer")]
pub fn run_tag(command: TagCommand) -> anyhow::Result<i32> {
    match command {
        TagCommand::Add(args) => {
            let color = Color::parse(&args.color)
                .with_context(|| format!("--color {:?} is not of the form #RRGGBB", args.color))?;
            let mut session = Session::open(&args.document, &args.set, true)?;
            if let Some(key) = args.key
                && let Some(taken) = session.set.tags.iter().find(|t| t.key == Some(key))
            {
                bail!("key {key:?} is already used by tag {:?}", taken.name);
            }
            session.apply(Edit::AddTag(TagDef {
                name: args.name.clone(),
                color,
                key: args.key,
            }))?;
            session.save()?;
            println!("{}", args.name);
        }
        TagCommand::List { document, set } => {
            let session = Session::open(&document, &set, true)?;
            for tag in &session.set.tags {
                let key = tag.key.map(String::from).unwrap_or_default();
                println!("{}\t{}\t{}", tag.name, tag.color, key);
            }
        }
    }
    Ok(0)
}

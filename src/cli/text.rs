//! `factmark text`: the canonical text of a document, the text offsets count in.

use std::path::PathBuf;

use clap::Args;

use crate::store::{self, RealFs};

/// Arguments of `factmark text`.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// The document (text, Markdown, HTML, PDF or DOCX).
    pub document: PathBuf,
    /// Annotation set file [default: DOC.factmark.ron beside the document]; for an
    /// extracted document its record decides whether the saved text is still current.
    #[arg(long, value_name = "PATH")]
    pub set: Option<PathBuf>,
}

/// Run `factmark text`: print the canonical text exactly (the same text the app shows).
pub fn run(args: &TextArgs) -> anyhow::Result<i32> {
    let opened = store::open_document_with_set(
        &RealFs,
        &args.document,
        args.set.as_deref(),
        store::max_document_bytes()?,
    )?;
    if let Some(note) = opened.extraction.as_ref().and_then(|e| e.note()) {
        #[allow(clippy::print_stderr, reason = "a note beside the text, said once")]
        {
            eprintln!("factmark: {}: {note}", args.document.display());
        }
    }
    crate::cli::output::write_bytes(opened.doc.text().as_bytes())?;
    Ok(0)
}

//! CSV: one row per annotation, RFC 4180 (CRLF line ends, quoted when needed, UTF-8, no BOM).
//!
//! Columns: `id, tag, start, end, quote, verdict, status, author, note, evidence` where start
//! and end are char offsets over canonical text and `evidence` is the linked evidence web
//! addresses joined by one space. Text cells starting with `=`, `+`, `-`, `@`, tab or CR get a
//! leading `'` (see [`guard_formula`]) so spreadsheets never evaluate them.

use csv::{Terminator, WriterBuilder};

use super::escape::guard_formula;
use super::report::numbered;
use super::{ExportContext, ExportError, Format, write_error};
use crate::model::EvidenceKind;

/// The header row.
const HEADER: [&str; 10] = [
    "id", "tag", "start", "end", "quote", "verdict", "status", "author", "note", "evidence",
];

pub(crate) fn to_csv(ctx: &ExportContext<'_>) -> Result<String, ExportError> {
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(HEADER)
        .map_err(|e| write_error(Format::Csv, e))?;
    for (_, annotation) in numbered(ctx.set) {
        let evidence_urls: Vec<&str> = ctx
            .set
            .evidence_of(annotation.id)
            .filter_map(|(evidence, _)| match &evidence.kind {
                EvidenceKind::Url { url, .. } => Some(url.as_str()),
                EvidenceKind::File { .. } | EvidenceKind::Citation { .. } => None,
            })
            .collect();
        let evidence = evidence_urls.join(" ");
        let start = annotation.position.char_start.to_string();
        let end = annotation.position.char_end.to_string();
        let id = annotation.id.to_string();
        let row = [
            id.as_str(),
            &guard_formula(&annotation.tag),
            &start,
            &end,
            &guard_formula(&annotation.quote.exact),
            annotation.verdict.name(),
            annotation.status.name(),
            &guard_formula(&annotation.author),
            &guard_formula(&annotation.note),
            &guard_formula(&evidence),
        ];
        writer
            .write_record(row)
            .map_err(|e| write_error(Format::Csv, e))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| write_error(Format::Csv, e))?;
    String::from_utf8(bytes).map_err(|e| write_error(Format::Csv, e))
}

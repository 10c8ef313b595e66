//! Markdown report (in progress).
use super::ExportContext;
pub(crate) fn to_markdown(ctx: &ExportContext<'_>) -> String {
    let _ = ctx;
    String::new()
}

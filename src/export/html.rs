//! HTML report (in progress).
use super::ExportContext;
pub(crate) fn to_html(ctx: &ExportContext<'_>) -> String {
    let _ = ctx;
    String::new()
}

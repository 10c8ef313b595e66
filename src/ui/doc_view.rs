//! The document view: per-paragraph galleys, highlights, hit-testing, selection.

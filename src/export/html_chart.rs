//! Inline SVG horizontal bar charts for the HTML report (no scripts, no external assets).

use std::fmt::Write as _;

use super::escape::escape_html;
use crate::model::Verdict;

/// Height of one bar row in px.
const ROW: usize = 24;
/// Width of the label column in px.
const LABEL: usize = 130;
/// Width available for the longest bar in px.
const BAR: usize = 300;

/// One bar: label, count, fill colour `#rrggbb`.
pub(crate) struct Bar {
    /// Text left of the bar.
    pub label: String,
    /// Its value.
    pub count: usize,
    /// Fill colour.
    pub color: String,
}

/// A titled bar chart as an `<svg>` element with an accessible label.
pub(crate) fn bar_chart(title: &str, bars: &[Bar]) -> String {
    let height = ROW * bars.len() + 30;
    let width = LABEL + BAR + 50;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let summary: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.count))
        .collect();
    let mut svg = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">\n\
         <text x=\"0\" y=\"16\" class=\"chart-title\">{}</text>\n",
        escape_html(&format!("{title}. {}", summary.join(", "))),
        escape_html(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 26 + i * ROW;
        let length = if bar.count == 0 {
            0
        } else {
            (bar.count * BAR / max).max(2)
        };
        let _ = writeln!(
            svg,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect x=\"{LABEL}\" y=\"{y}\" width=\"{length}\" height=\"{h}\" fill=\"{color}\"/>\
             <text x=\"{cx}\" y=\"{ty}\">{count}</text>",
            lx = LABEL - 8,
            ty = y + 14,
            label = escape_html(&bar.label),
            h = ROW - 6,
            color = escape_html(&bar.color),
            cx = LABEL + length + 6,
            count = bar.count,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The fixed colour of a verdict in charts and badges.
pub(crate) fn verdict_color(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Unreviewed => "#bdbdbd",
        Verdict::True => "#2e7d32",
        Verdict::MostlyTrue => "#7cb342",
        Verdict::HalfTrue => "#fbc02d",
        Verdict::MostlyFalse => "#f57c00",
        Verdict::False => "#c62828",
        Verdict::Misleading => "#8e24aa",
        Verdict::Unverifiable => "#757575",
    }
}

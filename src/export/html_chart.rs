//! Inline SVG horizontal bar charts for the HTML report (no scripts, no external assets).

use std::fmt::Write as _;

use maud::{Escaper, Markup, Render, html};

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
pub(crate) fn bar_chart(title: &str, bars: &[Bar]) -> Markup {
    let height = ROW * bars.len() + 30;
    let width = LABEL + BAR + 50;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let summary: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.count))
        .collect();
    let length = |bar: &Bar| {
        if bar.count == 0 {
            0
        } else {
            (bar.count * BAR / max).max(2)
        }
    };
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
            viewBox={ "0 0 " (width) " " (height) } role="img"
            aria-label={ (title) ". " (summary.join(", ")) } {
            "\n"
            text x="0" y="16" class="chart-title" { (title) } "\n"
            @for (i, bar) in bars.iter().enumerate() {
                @let y = 26 + i * ROW;
                text x=(LABEL - 8) y=(y + 14) text-anchor="end" { (bar.label) }
                (Rect { y, width: length(bar), fill: &bar.color })
                text x=(LABEL + length(bar) + 6) y=(y + 14) { (bar.count) } "\n"
            }
        }
    }
}

/// One bar, `<rect …/>`. Inside HTML an SVG element is only closed by `/>` or an end tag,
/// and `maud` writes neither for void elements; the fill goes through maud's [`Escaper`].
struct Rect<'a> {
    y: usize,
    width: usize,
    fill: &'a str,
}

impl Render for Rect<'_> {
    fn render_to(&self, buffer: &mut String) {
        let _ = write!(
            buffer,
            "<rect x=\"{LABEL}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"",
            self.y,
            self.width,
            ROW - 6
        );
        let _ = Escaper::new(buffer).write_str(self.fill);
        buffer.push_str("\"/>");
    }
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

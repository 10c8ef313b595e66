//! Messages to the user, floating above the status bar. Each error is shown exactly once
//! and stays until dismissed; information fades after a few seconds.

use egui::{Color32, RichText};

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Something happened as asked ("Saved").
    Info,
    /// Something needs attention but nothing failed.
    Warning,
    /// Something failed; the text says what to do.
    Error,
}

/// One message.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// How serious it is.
    pub severity: Severity,
    /// What happened and what to do, in words.
    pub text: String,
}

impl Message {
    /// An information message.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            severity: Severity::Info,
            text: text.into(),
        }
    }

    /// A warning.
    pub fn warning(text: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            text: text.into(),
        }
    }

    /// An error.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            text: text.into(),
        }
    }
}

/// Seconds an information message stays up.
const INFO_SECONDS: f64 = 5.0;

/// The messages currently shown.
#[derive(Debug, Default)]
pub struct Messages {
    shown: Vec<(Message, Option<f64>)>,
}

impl Messages {
    /// Show a message (an identical one already shown is not repeated).
    pub fn push(&mut self, message: Message) {
        if self.shown.iter().any(|(m, _)| *m == message) {
            return;
        }
        self.shown.push((message, None));
    }

    /// The messages shown now, oldest first.
    pub fn current(&self) -> impl Iterator<Item = &Message> {
        self.shown.iter().map(|(m, _)| m)
    }

    /// Is there an error on screen whose text contains `needle`?
    pub fn has_error_containing(&self, needle: &str) -> bool {
        self.current()
            .any(|m| m.severity == Severity::Error && m.text.contains(needle))
    }

    /// Remove every message.
    pub fn clear(&mut self) {
        self.shown.clear();
    }

    /// Remove information and warnings (they described the set or document being replaced);
    /// errors stay until dismissed.
    pub fn clear_notices(&mut self) {
        self.shown.retain(|(m, _)| m.severity == Severity::Error);
    }

    /// Draw the banner (if any message is up) at the top of `ui`.
    pub fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        let mut dismissed = Vec::new();
        for (index, (message, shown_at)) in self.shown.iter_mut().enumerate() {
            let first_shown = *shown_at.get_or_insert(now);
            if message.severity == Severity::Info {
                let left = INFO_SECONDS - (now - first_shown);
                if left <= 0.0 {
                    dismissed.push(index);
                    continue;
                }
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
            let (fill, icon) = match message.severity {
                Severity::Info => (Color32::from_rgb(0x2e, 0x7d, 0x32), ""),
                Severity::Warning => (Color32::from_rgb(0xb2, 0x6a, 0x00), "Warning:"),
                Severity::Error => (Color32::from_rgb(0xb0, 0x20, 0x20), "Error:"),
            };
            egui::Frame::new()
                .fill(fill)
                .shadow(ui.visuals().popup_shadow)
                .inner_margin(egui::Margin::symmetric(8, 4))
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Dismiss")
                            .on_hover_text("Hide this message")
                            .clicked()
                        {
                            dismissed.push(index);
                        }
                        if !icon.is_empty() {
                            ui.label(RichText::new(icon).color(Color32::WHITE).strong());
                        }
                        ui.add(
                            egui::Label::new(RichText::new(&message.text).color(Color32::WHITE))
                                .wrap(),
                        );
                    });
                });
        }
        for index in dismissed.into_iter().rev() {
            if index < self.shown.len() {
                self.shown.remove(index);
            }
        }
    }
}

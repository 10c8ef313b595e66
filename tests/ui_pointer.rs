//! The app with the real document view, driven by the pointer: drag to select, press a
//! tag key; click a highlight to select it (clicks cycle through overlaps); hover shows
//! the tag, verdict and note.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "pointer helpers fail their test by panicking"
)]

mod ui_support;

use egui::{Key, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{TAG_CLAIM, TAG_QUOTE};
use factmark::ui::FactmarkApp;
use ui_support::{annotate, opened, press, range_of};

/// A point just inside the left edge of char `c` of the document.
fn before_char(harness: &Harness<'static, FactmarkApp>, c: usize) -> Pos2 {
    let rect = harness
        .state()
        .session()
        .expect("open")
        .doc_view
        .char_screen_rect(c)
        .unwrap_or_else(|| panic!("char {c} not on screen"));
    rect.left_center() + vec2(1.0, 0.0)
}

fn inside_char(harness: &Harness<'static, FactmarkApp>, c: usize) -> Pos2 {
    let rect = harness
        .state()
        .session()
        .expect("open")
        .doc_view
        .char_screen_rect(c)
        .unwrap_or_else(|| panic!("char {c} not on screen"));
    rect.center()
}

fn drag(harness: &mut Harness<'static, FactmarkApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + (to - from) * 0.5);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
}

fn click(harness: &mut Harness<'static, FactmarkApp>, at: Pos2) {
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.run();
    harness.drop_at(at);
    harness.run();
}

#[test]
fn drag_select_then_press_2() {
    let (_env, mut harness) = opened();
    let wanted = range_of(&harness, "Mayor Adaeze Thorncroft");
    let from = before_char(&harness, wanted.start);
    let to = before_char(&harness, wanted.end);
    drag(&mut harness, from, to);
    let selection = harness
        .state()
        .session()
        .expect("open")
        .doc_view
        .selection()
        .expect("dragging selects");
    assert_eq!(selection, wanted);

    press(&mut harness, Key::Num2);
    let session = harness.state().session().expect("open");
    let annotation = session.set().annotations.first().expect("tagged");
    assert_eq!(annotation.tag, TAG_QUOTE);
    assert_eq!(annotation.quote.exact, "Mayor Adaeze Thorncroft");
    harness.get_by_label_contains("quote  “Mayor Adaeze Thorncroft”");
}

#[test]
fn clicking_overlapping_highlights_cycles_and_hover_explains() {
    let (_env, mut harness) = opened();
    // A claim over a long span and a quote inside it.
    let outer = "Mayor Adaeze Thorncroft defended the decision";
    annotate(&mut harness, outer, Key::Num1);
    annotate(&mut harness, "Adaeze Thorncroft", Key::Num2);
    press(&mut harness, Key::Escape);
    let ids = |h: &Harness<'static, FactmarkApp>, tag: &str| {
        h.state()
            .session()
            .expect("open")
            .set()
            .annotations
            .iter()
            .find(|a| a.tag == tag)
            .map(|a| a.id)
            .expect("annotation")
    };
    let (claim, quote) = (ids(&harness, TAG_CLAIM), ids(&harness, TAG_QUOTE));
    let inner = range_of(&harness, "Adaeze Thorncroft");
    let at = inside_char(&harness, inner.start + 3);

    click(&mut harness, at);
    let selected =
        |h: &Harness<'static, FactmarkApp>| h.state().session().expect("open").selected();
    assert_eq!(selected(&harness), Some(quote), "shortest span first");
    click(&mut harness, at);
    assert_eq!(selected(&harness), Some(claim), "a second click cycles");
    click(&mut harness, at);
    assert_eq!(selected(&harness), Some(quote));

    harness.hover_at(at + vec2(0.0, 1.0));
    // Tooltips appear after the pointer rests a moment.
    for _ in 0..60 {
        harness.step();
    }
    harness.get_by_label_contains("click again to cycle");
}

/// Press and release in the same frame, as a quick tap on a touchpad delivers them.
fn tap(harness: &mut Harness<'static, FactmarkApp>, at: Pos2, modifiers: egui::Modifiers) {
    harness.hover_at(at);
    harness.run();
    let events = &mut harness.input_mut().events;
    events.push(egui::Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        events.push(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    harness.run();
    harness
        .input_mut()
        .events
        .push(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run();
}

#[test]
fn a_quick_tap_places_the_caret_for_shift_arrows_and_shift_tap() {
    let (_env, mut harness) = opened();
    let range = range_of(&harness, "bidding");
    // Take focus away from the document first.
    press(&mut harness, Key::Escape);

    let at = before_char(&harness, range.start);
    tap(&mut harness, at, egui::Modifiers::NONE);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    let selection =
        |h: &Harness<'static, FactmarkApp>| h.state().session().expect("open").doc_view.selection();
    assert_eq!(selection(&harness), Some(range.start..range.start + 2));

    let at = before_char(&harness, range.end);
    tap(&mut harness, at, egui::Modifiers::SHIFT);
    assert_eq!(
        selection(&harness),
        Some(range.clone()),
        "a shift-tap extends the selection"
    );
}

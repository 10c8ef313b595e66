//! The document view through egui_kittest: dragging selects chars, clicks report annotations,
//! keyboard extends the selection.

#![cfg(feature = "gui")]
#![allow(clippy::panic)] // a test fails by panicking

use std::sync::Arc;

use egui::{Color32, Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{AnnotationId, Document};
use factmark::ui::doc_view::{DocView, Highlight, HighlightKind};

const TEXT: &str = "Alpha beta gamma delta.\nSecond paragraph here, with more words.\n\nThird one.";

struct State {
    view: DocView,
    clicked: Vec<Vec<AnnotationId>>,
    selection_changes: usize,
}

fn harness(highlights: Vec<Highlight>) -> Harness<'static, State> {
    let mut view = DocView::new(Arc::new(Document::new(TEXT)));
    view.set_highlights(highlights);
    let state = State {
        view,
        clicked: Vec::new(),
        selection_changes: 0,
    };
    let mut harness = Harness::builder()
        .with_size(vec2(800.0, 400.0))
        .with_step_dt(1.0 / 60.0) // double clicks need presses < 0.3 s apart
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, state: &mut State| {
                let out = state.view.ui(ui);
                if !out.clicked.is_empty() {
                    state.clicked.push(out.clicked);
                }
                state.selection_changes += usize::from(out.selection_changed);
            },
            state,
        );
    harness.run();
    harness
}

/// A point just inside the left edge of char `c` (so the nearest cursor is before it).
fn before_char(harness: &Harness<'_, State>, c: usize) -> Pos2 {
    let rect = harness
        .state()
        .view
        .char_screen_rect(c)
        .unwrap_or_else(|| panic!("char {c} not on screen"));
    rect.left_center() + vec2(1.0, 0.0)
}

fn drag(harness: &mut Harness<'_, State>, from: Pos2, to: Pos2) {
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

fn annotation(range: std::ops::Range<usize>) -> Highlight {
    Highlight {
        id: Some(AnnotationId::random()),
        char_range: range,
        color: Color32::GOLD,
        kind: HighlightKind::Annotation,
    }
}

#[test]
fn view_has_an_accessible_label() {
    let harness = harness(Vec::new());
    let _node = harness.get_by_label("Document");
}

#[test]
fn dragging_selects_the_chars_between_press_and_release() {
    let mut harness = harness(Vec::new());
    // "Alpha beta gamma": beta starts at 6, the space after gamma is 16.
    let (from, to) = (before_char(&harness, 6), before_char(&harness, 16));
    drag(&mut harness, from, to);
    assert_eq!(harness.state().view.selection(), Some(6..16));
    assert_eq!(&TEXT[6..16], "beta gamma");
    assert!(harness.state().selection_changes >= 1);
    assert!(harness.state().clicked.is_empty(), "a drag is not a click");

    // Across paragraphs, dragging backwards: from "paragraph" (31) back to "delta" (17).
    let (from, to) = (before_char(&harness, 31), before_char(&harness, 17));
    drag(&mut harness, from, to);
    assert_eq!(harness.state().view.selection(), Some(17..31));
}

#[test]
fn click_on_a_highlight_reports_its_id_shortest_first_and_clears_the_selection() {
    let long = annotation(0..23);
    let short = annotation(11..16);
    let (long_id, short_id) = (long.id, short.id);
    let mut harness = harness(vec![long, short]);
    harness.state_mut().view.set_selection(Some(30..40));
    harness.run();
    let gamma = harness
        .state()
        .view
        .char_screen_rect(13)
        .map(|r| r.center());
    let Some(gamma) = gamma else {
        panic!("gamma not on screen")
    };
    harness.hover_at(gamma);
    harness.run();
    harness.drag_at(gamma);
    harness.run();
    harness.drop_at(gamma);
    harness.run();
    let want: Vec<AnnotationId> = [short_id, long_id].into_iter().flatten().collect();
    assert_eq!(harness.state().clicked, vec![want]);
    assert_eq!(harness.state().view.selection(), None);

    // A click on plain text reports nothing.
    let plain = harness
        .state()
        .view
        .char_screen_rect(30)
        .map(|r| r.center());
    let Some(plain) = plain else {
        panic!("char 30 not on screen")
    };
    harness.hover_at(plain);
    harness.run();
    harness.drag_at(plain);
    harness.run();
    harness.drop_at(plain);
    harness.run();
    assert_eq!(harness.state().clicked.len(), 1);
}

#[test]
fn shift_arrows_extend_and_ctrl_a_selects_all() {
    let mut harness = harness(Vec::new());
    let (from, to) = (before_char(&harness, 6), before_char(&harness, 10));
    drag(&mut harness, from, to);
    assert_eq!(harness.state().view.selection(), Some(6..10));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().view.selection(), Some(6..11));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().view.selection(), Some(6..9));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    let Some(down) = harness.state().view.selection() else {
        panic!("selection lost")
    };
    assert_eq!(down.start, 6);
    assert!(
        (24..40).contains(&down.end),
        "shift+down lands on the next line: {down:?}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    assert_eq!(
        harness.state().view.selection(),
        Some(0..TEXT.chars().count())
    );
}

#[test]
fn shift_click_extends_the_selection() {
    let mut harness = harness(Vec::new());
    let (from, to) = (before_char(&harness, 6), before_char(&harness, 10));
    drag(&mut harness, from, to);
    let far = before_char(&harness, 17);
    harness.hover_at(far);
    harness.run();
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos: far,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    harness.run();
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos: far,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    harness.run();
    assert_eq!(harness.state().view.selection(), Some(6..17));
}

#[test]
fn scroll_to_char_brings_a_far_paragraph_on_screen() {
    let text: String = (0..400)
        .map(|i| format!("Paragraph number {i} with some filler text to wrap.\n"))
        .collect();
    let target = text.find("Paragraph number 350").unwrap_or(0);
    let mut view = DocView::new(Arc::new(Document::new(&text)));
    view.scroll_to_char(target);
    let mut harness = Harness::builder()
        .with_size(vec2(600.0, 400.0))
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, view: &mut DocView| {
                view.ui(ui);
            },
            view,
        );
    harness.run();
    let rect = harness.state().char_screen_rect(target);
    let Some(rect) = rect else {
        panic!("target not laid out")
    };
    assert!(rect.top() >= 0.0 && rect.bottom() <= 400.0, "{rect:?}");
    assert!(
        harness.state().cached_layouts() < 60,
        "only visible blocks are laid out"
    );
}

fn press_release(harness: &mut Harness<'_, State>, at: Pos2) {
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
}

#[test]
fn double_click_selects_a_word_and_triple_click_a_paragraph() {
    let mut harness = harness(Vec::new());
    let Some(at) = harness
        .state()
        .view
        .char_screen_rect(37)
        .map(|r| r.center())
    else {
        panic!("char 37 not on screen")
    };
    // char 37 is inside "paragraph" (31..40) of "Second paragraph here, ..."
    harness.hover_at(at);
    harness.run();
    press_release(&mut harness, at);
    press_release(&mut harness, at);
    assert_eq!(harness.state().view.selection(), Some(31..40));
    press_release(&mut harness, at);
    assert_eq!(harness.state().view.selection(), Some(24..63));
}

#[test]
fn dragging_below_the_view_scrolls_and_keeps_selecting() {
    let text: String = (0..200)
        .map(|i| format!("Line {i:03} of a long document.\n"))
        .collect();
    let mut view = DocView::new(Arc::new(Document::new(&text)));
    view.set_highlights(Vec::new());
    let state = State {
        view,
        clicked: Vec::new(),
        selection_changes: 0,
    };
    let mut harness = Harness::builder()
        .with_size(vec2(600.0, 300.0))
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, state: &mut State| {
                state.view.ui(ui);
            },
            state,
        );
    harness.run();
    let from = before_char(&harness, 5);
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    let below = Pos2::new(from.x, 340.0);
    harness.hover_at(below);
    for _ in 0..30 {
        harness.step();
    }
    let Some(first) = harness.state().view.first_visible_char() else {
        panic!("nothing drawn")
    };
    assert!(first > 0, "the view scrolled down while dragging below it");
    harness.drop_at(below);
    harness.run();
    let Some(selection) = harness.state().view.selection() else {
        panic!("no selection")
    };
    assert_eq!(selection.start, 5);
    assert!(
        selection.end > 300,
        "selection grew past the first screen: {selection:?}"
    );
}

#[test]
fn scrolling_up_through_unmeasured_paragraphs_does_not_jump() {
    // Paragraph lengths vary a lot, so estimated heights are wrong until measured.
    let text: String = (0..300)
        .map(|i| {
            let words = 3 + (i * 37) % 90;
            let mut p = format!("P{i:03}");
            for w in 0..words {
                p.push_str(if w % 7 == 0 { " WWWWWW" } else { " ii" });
            }
            p.push('\n');
            p
        })
        .collect();
    let doc = Arc::new(Document::new(&text));
    let mut view = DocView::new(doc.clone());
    view.scroll_to_char(doc.char_len());
    let mut harness = Harness::builder()
        .with_size(vec2(600.0, 400.0))
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, view: &mut DocView| {
                view.ui(ui);
            },
            view,
        );
    harness.run();
    for _ in 0..80 {
        let Some(top) = harness.state().first_visible_char() else {
            panic!("nothing drawn")
        };
        let Some(before) = harness.state().char_screen_rect(top) else {
            panic!("top not drawn")
        };
        harness.state_mut().scroll_by(-40.0);
        harness.run();
        let Some(after) = harness.state().char_screen_rect(top) else {
            panic!("{top} vanished")
        };
        let moved = after.top() - before.top();
        assert!(
            (moved - 40.0).abs() < 1.5,
            "char {top} moved {moved} instead of 40"
        );
    }
}

#[test]
fn a_right_click_keeps_the_selection_for_the_context_menu() {
    let mut harness = harness(Vec::new());
    let (from, to) = (before_char(&harness, 6), before_char(&harness, 16));
    drag(&mut harness, from, to);
    assert_eq!(harness.state().view.selection(), Some(6..16));
    let elsewhere = before_char(&harness, 30);
    harness.hover_at(elsewhere);
    harness.run();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: elsewhere,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    assert_eq!(harness.state().view.selection(), Some(6..16));
}

#[test]
fn copy_puts_the_selected_text_on_the_clipboard() {
    let mut harness = harness(Vec::new());
    let (from, to) = (before_char(&harness, 6), before_char(&harness, 16));
    drag(&mut harness, from, to);
    harness.event(egui::Event::Copy);
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec!["beta gamma".to_owned()]);
}

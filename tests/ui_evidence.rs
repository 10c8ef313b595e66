//! Evidence: add a web page and link it; `javascript:` refused; opening asks first.

#![cfg(feature = "gui")]
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "helpers fail their test by panicking"
)]

mod ui_support;

use egui::Key;
use egui_kittest::kittest::Queryable as _;
use factmark::model::{EvidenceKind, Link, Stance};
use factmark::ui::app::dialogs::Opened;
use ui_support::{Env, annotate, open_document, opened};

fn evidence_tab(harness: &mut egui_kittest::Harness<'static, factmark::ui::FactmarkApp>) {
    harness.get_by_label_contains("Evidence (").click();
    harness.run();
}

fn type_into(
    harness: &mut egui_kittest::Harness<'static, factmark::ui::FactmarkApp>,
    label: &str,
    text: &str,
) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

#[test]
fn add_url_evidence_link_it_and_open_after_confirming() {
    let (env, mut harness) = opened();
    annotate(&mut harness, "$41.3 million", Key::Num1);
    evidence_tab(&mut harness);

    type_into(
        &mut harness,
        "URL",
        "https://budget.example.org/2026/bridge",
    );
    harness.get_by_label_contains("host: budget.example.org");
    type_into(&mut harness, "Title", "Council budget");
    harness.get_by_label("Add evidence").click();
    harness.run();

    let session = harness.state().session().expect("open");
    let evidence = session
        .set()
        .evidence
        .first()
        .expect("evidence added")
        .clone();
    assert_eq!(evidence.title, "Council budget");
    assert!(matches!(
        &evidence.kind,
        EvidenceKind::Url { url, .. } if url == "https://budget.example.org/2026/bridge"
    ));
    assert!(evidence.accessed.is_some(), "accessed defaults to today");

    let annotation = session.selected().expect("new claim is selected");
    harness.get_by_label("Link to selected").click();
    harness.run();
    let links = &harness.state().session().expect("open").set().links;
    assert_eq!(
        links,
        &vec![Link::Evidence {
            annotation,
            evidence: evidence.id,
            stance: Stance::Supports,
        }]
    );

    // Opening asks first and shows the host; nothing opens until confirmed.
    harness.get_by_label("Open in browser…").click();
    harness.run();
    assert!(env.opener.opened().is_empty());
    harness.get_by_label("budget.example.org");
    harness.get_by_label("Open in browser").click();
    harness.run();
    assert_eq!(
        env.opener.opened(),
        vec![Opened::Url("https://budget.example.org/2026/bridge".into())]
    );

    // Unlink again from the evidence card.
    harness.get_by_label("Unlink from selected").click();
    harness.run();
    assert!(
        harness
            .state()
            .session()
            .expect("open")
            .set()
            .links
            .is_empty()
    );
}

#[test]
fn javascript_and_file_urls_are_refused() {
    let (_env, mut harness) = opened();
    evidence_tab(&mut harness);
    for (url, scheme) in [
        ("javascript:alert(document.cookie)", "javascript"),
        ("file:///etc/passwd", "file"),
    ] {
        harness.get_by_label("URL").focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        harness.get_by_label("URL").type_text(url);
        harness.run();
        harness.get_by_label("Add evidence").click();
        harness.run();
        assert!(
            harness
                .state()
                .session()
                .expect("open")
                .set()
                .evidence
                .is_empty(),
            "{url} must not be added"
        );
        assert!(
            harness
                .state()
                .messages()
                .has_error_containing(&format!("\"{scheme}\" addresses are refused")),
            "no refusal shown for {url}"
        );
    }
}

#[test]
fn local_file_outside_the_document_folder_is_refused() {
    let env = Env::new();
    let inside = env.doc.parent().expect("docs").join("minutes.pdf");
    std::fs::write(&inside, b"%PDF").expect("write");
    let outside = env.dir.path().join("secret.txt");
    std::fs::write(&outside, b"x").expect("write");
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    evidence_tab(&mut harness);
    harness.get_by_label("Local file").click();
    harness.run();

    env.dialogs.push(&outside);
    harness.get_by_label("Choose file…").click();
    harness.run();
    assert!(
        harness
            .state()
            .messages()
            .has_error_containing("inside the document's folder")
    );

    env.dialogs.push(&inside);
    harness.get_by_label("Choose file…").click();
    harness.run();
    harness.get_by_label("Add evidence").click();
    harness.run();
    let session = harness.state().session().expect("open");
    let evidence = session.set().evidence.first().expect("file evidence");
    assert_eq!(
        evidence.kind,
        EvidenceKind::File {
            path: "minutes.pdf".into()
        }
    );
    harness.get_by_label("Reveal in file manager").click();
    harness.run();
    assert_eq!(env.opener.opened(), vec![Opened::Revealed(inside)]);
}

#[test]
fn edit_evidence_and_undo_the_edit() {
    let (_env, mut harness) = opened();
    evidence_tab(&mut harness);
    harness.get_by_label("Citation").click();
    harness.run();
    type_into(
        &mut harness,
        "Citation text",
        "Council minutes, 11 March 2026, p. 4",
    );
    type_into(&mut harness, "Title", "Minutes");
    harness.get_by_label("Add evidence").click();
    harness.run();

    harness.get_by_label("Edit details").click();
    harness.run();
    harness.get_by_label("Title").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.get_by_label("Title").type_text("Council minutes");
    harness.run();
    harness.get_by_label("Update evidence").click();
    harness.run();
    let title = |h: &egui_kittest::Harness<'static, factmark::ui::FactmarkApp>| {
        let set = h.state().session().expect("open").set();
        assert_eq!(set.evidence.len(), 1);
        set.evidence.first().expect("one").title.clone()
    };
    assert_eq!(title(&harness), "Council minutes");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(title(&harness), "Minutes");
}

#[test]
fn a_long_url_error_wraps_instead_of_widening_the_side_panel() {
    let (_env, mut harness) = opened();
    evidence_tab(&mut harness);
    let panel_left = |h: &egui_kittest::Harness<'static, factmark::ui::FactmarkApp>| {
        h.get_by_label_contains("Annotations (").rect().left()
    };
    let before = panel_left(&harness);

    // One typed character is not a URL yet: the form shows the (long) reason.
    type_into(&mut harness, "URL", "h");
    harness.get_by_label_contains("https://");
    for _ in 0..5 {
        harness.run();
    }

    let after = panel_left(&harness);
    assert!(
        (after - before).abs() < 1.0,
        "side panel moved its left edge from {before} to {after}"
    );
}

/// The app and `factmark evidence add` make evidence with one constructor: a web page with no
/// title is titled by its host, and one with no accessed date was accessed today.
#[test]
fn url_evidence_without_title_or_date_gets_the_same_defaults_as_the_cli() {
    let env = Env::new();
    let mut harness = env.harness();
    open_document(&env, &mut harness);
    evidence_tab(&mut harness);
    harness.get_by_label("Accessed").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    type_into(&mut harness, "URL", "https://Budget.example.org/2026");
    harness.get_by_label("Add evidence").click();
    harness.run();
    let session = harness.state().session().expect("open");
    let evidence = session.set().evidence.first().expect("evidence added");
    assert_eq!(evidence.title, "budget.example.org");
    assert_eq!(evidence.accessed, Some(chrono::Utc::now().date_naive()));
}

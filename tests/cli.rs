//! The `factmark` command line, run as a real binary on temp copies of documents.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation is the test failing"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const ARTICLE: &str = "Harbor Council Votes on Budget

The council approved a budget of $48 million on Tuesday, the largest in the city’s history.
“We have cut waste by a third,” said Mayor Ana Ruiz at the meeting.
According to the finance office, property taxes rose 4 percent last year.
Critics said the bridge repairs were delayed twice.
";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn factmark(args: &[&str], dir: &Path) -> Run {
    factmark_with_env(args, dir, &[])
}

/// Run with `FACTMARK_AUTHOR=tester`, then the variables in `env`.
fn factmark_with_env(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(args)
        .current_dir(dir)
        .env("FACTMARK_AUTHOR", "tester")
        .envs(env.iter().copied())
        .output()
        .expect("binary runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "factmark panicked: {}",
        run.stderr
    );
    if run.code == 2 {
        assert_eq!(
            run.stderr.trim_end().lines().count(),
            1,
            "an error is one line: {:?}",
            run.stderr
        );
    }
    run
}

fn ok(args: &[&str], dir: &Path) -> String {
    let run = factmark(args, dir);
    assert_eq!(run.code, 0, "{args:?} failed: {}", run.stderr);
    run.stdout
}

fn setup(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("article.txt");
    fs::write(&doc, text).expect("write doc");
    (dir, doc)
}

/// Annotate the first (only) occurrence of `quote` in `article.txt` with `tag`; the new
/// annotation's id.
fn annotate(dir: &Path, tag: &str, quote: &str) -> String {
    annotate_with(dir, tag, quote, &[])
}

/// [`annotate`] with more options (`--verdict`, `--note` …).
fn annotate_with(dir: &Path, tag: &str, quote: &str, options: &[&str]) -> String {
    let mut args = vec!["annotate", "article.txt", "--tag", tag, "--quote", quote];
    args.extend_from_slice(options);
    ok(&args, dir).trim().to_owned()
}

/// A temp folder with `article.txt` holding `text` and a set with one annotation of `quote`
/// tagged `tag`; the annotation's id.
fn setup_annotated(text: &str, tag: &str, quote: &str) -> (tempfile::TempDir, PathBuf, String) {
    let (dir, doc) = setup(text);
    let id = annotate(dir.path(), tag, quote);
    (dir, doc, id)
}

/// `factmark tag add article.txt legal --color #aa33cc --key KEY`.
fn add_legal_tag(dir: &Path, key: &str) -> Run {
    factmark(
        &[
            "tag",
            "add",
            "article.txt",
            "legal",
            "--color",
            "#aa33cc",
            "--key",
            key,
        ],
        dir,
    )
}

/// The default annotation set of `article.txt`.
fn set_path(dir: &Path) -> PathBuf {
    dir.join("article.txt.factmark.ron")
}

fn list(dir: &Path) -> Vec<Value> {
    let out = ok(&["list", "article.txt", "--json"], dir);
    let Value::Array(items) = serde_json::from_str(&out).expect("list --json is JSON") else {
        panic!("list --json is not an array: {out}");
    };
    items
}

/// `factmark export article.txt --format w3c -o OUT --set SET`.
fn export_w3c(dir: &Path, out: &str, set: &Path) {
    ok(
        &[
            "export",
            "article.txt",
            "--format",
            "w3c",
            "-o",
            out,
            "--set",
            &set.to_string_lossy(),
        ],
        dir,
    );
}

fn char_index_of(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("needle in text");
    text[..byte].chars().count()
}

#[test]
fn annotate_then_list_gives_char_offsets() {
    let (dir, _) = setup(ARTICLE);
    let quote = "“We have cut waste by a third,”";
    let id = annotate(dir.path(), "quote", quote);
    let id = id.trim();
    assert_eq!(id.len(), 36, "prints a uuid: {id}");
    assert!(set_path(dir.path()).exists());
    let items = list(dir.path());
    assert_eq!(items.len(), 1);
    let item = &items[0];
    let start = char_index_of(ARTICLE, quote);
    assert_eq!(item["id"], id);
    assert_eq!(item["char_start"], start);
    assert_eq!(item["char_end"], start + quote.chars().count());
    assert_eq!(item["quote"], quote);
    assert_eq!(item["status"], "exact");
    assert_eq!(item["author"], "tester");
    assert_eq!(item["tag"], "quote");
}

/// A news article with no-break and thin spaces, curly quotes, an en dash and a line break
/// inside a sentence; the reviewer types or pastes the phrase with plain characters.
const PASTED: &str = "Aid Update

Medical aid reached the\u{a0}NGOs\u{a0}Doctors Without Borders on Monday.
The convoy of 12\u{2009}trucks was \u{201c}the largest since 2019\u{2013}2020,\u{201d}
the organizers\u{2019} spokesperson said.
";

#[test]
fn quote_is_found_as_pasted_and_stored_exactly() {
    let (dir, _) = setup(PASTED);
    // (typed quote, the document's exact text the annotation must hold)
    let table = [
        (
            "the NGOs Doctors Without Borders",
            "the\u{a0}NGOs\u{a0}Doctors Without Borders",
        ),
        ("12 trucks", "12\u{2009}trucks"),
        (
            "\"the largest since 2019-2020,\" the organizers' spokesperson",
            "\u{201c}the largest since 2019\u{2013}2020,\u{201d}\nthe organizers\u{2019} spokesperson",
        ),
    ];
    for (typed, exact) in table {
        annotate(dir.path(), "claim", typed);
        let items = list(dir.path());
        let item = items
            .iter()
            .find(|item| item["quote"] == exact)
            .unwrap_or_else(|| panic!("{typed:?} stored as {exact:?}: {items:?}"));
        let start = char_index_of(PASTED, exact);
        assert_eq!(item["char_start"], start);
        assert_eq!(item["char_end"], start + exact.chars().count());
        assert_eq!(item["status"], "exact");
    }
}

#[test]
fn claim_with_verdict_and_note() {
    let (dir, _) = setup(ARTICLE);
    annotate_with(
        dir.path(),
        "claim",
        "property taxes rose 4 percent last year",
        &[
            "--verdict",
            "mostly-false",
            "--note",
            "Assessor data shows 2.1%.",
            "--author",
            "ana",
        ],
    );
    let items = list(dir.path());
    assert_eq!(items[0]["verdict"], "mostly-false");
    assert_eq!(items[0]["note"], "Assessor data shows 2.1%.");
    assert_eq!(items[0]["author"], "ana");
}

#[test]
fn range_snaps_to_graphemes() {
    let text = "Team 👩‍👩‍👧 won, said Jose\u{301}.\n";
    let (dir, _) = setup(text);
    // 5..7 cuts the family emoji (chars 5..10) in half: it widens to the whole cluster.
    ok(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--range",
            "5..7",
        ],
        dir.path(),
    );
    let items = list(dir.path());
    assert_eq!(items[0]["char_start"], 5);
    assert_eq!(items[0]["char_end"], 10);
    assert_eq!(items[0]["quote"], "👩‍👩‍👧");
}

#[test]
fn bad_requests_exit_2_and_leave_files_alone() {
    let (dir, _, _) = setup_annotated(ARTICLE, "claim", "Critics said");
    let set_path = set_path(dir.path());
    let before = fs::read(&set_path).expect("set exists");
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "annotate",
                "article.txt",
                "--tag",
                "clam",
                "--quote",
                "council",
            ],
            "known tags: claim, quote, attribution",
        ),
        (
            &[
                "annotate",
                "article.txt",
                "--tag",
                "claim",
                "--quote",
                "the",
            ],
            "choose one with --occurrence N",
        ),
        (
            &[
                "annotate",
                "article.txt",
                "--tag",
                "claim",
                "--quote",
                "not in the text",
            ],
            "not found",
        ),
        (
            &[
                "annotate",
                "article.txt",
                "--tag",
                "quote",
                "--quote",
                "\"we have cut waste",
            ],
            "letters and case must match",
        ),
        (
            &[
                "annotate",
                "article.txt",
                "--tag",
                "claim",
                "--range",
                "9..3",
            ],
            "empty or reversed",
        ),
        (
            &[
                "annotate",
                "article.txt",
                "--tag",
                "claim",
                "--range",
                "0..99999",
            ],
            "ends past the document",
        ),
        (
            &[
                "annotate",
                "article.txt",
                "--tag",
                "quote",
                "--quote",
                "council",
                "--verdict",
                "false",
            ],
            "only for claims",
        ),
        (
            &[
                "evidence",
                "add",
                "article.txt",
                "--url",
                "javascript:alert(1)",
            ],
            "only http:// and https://",
        ),
        (
            &["evidence", "add", "article.txt", "--file", "/etc/hostname"],
            "",
        ),
        (&["list", "missing.txt"], "missing.txt"),
    ];
    for (args, message) in cases {
        let run = factmark(args, dir.path());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(message),
            "{args:?}: stderr {:?} lacks {message:?}",
            run.stderr
        );
        assert_eq!(
            fs::read(&set_path).expect("set"),
            before,
            "{args:?} changed the set"
        );
    }
}

#[test]
fn occurrence_picks_one_of_several() {
    let (dir, _) = setup(ARTICLE);
    annotate_with(dir.path(), "claim", "the", &["--occurrence", "2"]);
    let items = list(dir.path());
    let first = char_index_of(ARTICLE, "the");
    let second_byte = ARTICLE[ARTICLE.find("the").expect("the") + 1..]
        .find("the")
        .expect("second")
        + ARTICLE.find("the").expect("the")
        + 1;
    let second = ARTICLE[..second_byte].chars().count();
    assert_ne!(first, second);
    assert_eq!(items[0]["char_start"], second);
}

#[test]
fn crlf_and_bom_copy_still_anchors_exact() {
    let (dir, doc, _) = setup_annotated(ARTICLE, "claim", "$48 million");
    let crlf = format!("\u{FEFF}{}", ARTICLE.replace('\n', "\r\n"));
    fs::write(&doc, crlf).expect("rewrite");
    let run = factmark(&["check", "article.txt"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("1 exact"), "{}", run.stdout);
}

#[test]
fn inserted_paragraph_moves_annotations_and_check_write_saves() {
    let (dir, doc) = setup(ARTICLE);
    let quote = "property taxes rose 4 percent";
    annotate(dir.path(), "claim", quote);
    let changed = ARTICLE.replacen("\n\n", "\n\nEditor’s note: this story was updated.\n\n", 1);
    fs::write(&doc, &changed).expect("rewrite");
    let run = factmark(&["check", "article.txt"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("1 moved"), "{}", run.stdout);
    let items = list(dir.path());
    assert_eq!(items[0]["status"], "moved");
    assert_eq!(items[0]["char_start"], char_index_of(&changed, quote));
    // --write stores the new place; the next check finds it exact.
    ok(&["check", "article.txt", "--write"], dir.path());
    let run = factmark(&["check", "article.txt"], dir.path());
    assert!(run.stdout.contains("1 exact"), "{}", run.stdout);
}

#[test]
fn deleted_sentence_orphans_but_keeps_the_annotation() {
    let (dir, doc) = setup(ARTICLE);
    let sentence = "Critics said the bridge repairs were delayed twice.";
    annotate(dir.path(), "claim", sentence);
    annotate(dir.path(), "claim", "$48 million");
    fs::write(&doc, ARTICLE.replace(sentence, "")).expect("rewrite");
    let run = factmark(&["check", "article.txt", "--write"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("1 orphaned"), "{}", run.stdout);
    assert!(run.stdout.contains("orphaned"), "{}", run.stdout);
    let items = list(dir.path());
    assert_eq!(items.len(), 2, "nothing dropped");
    let orphan = items
        .iter()
        .find(|i| i["status"] == "orphaned")
        .expect("an orphan is listed");
    assert_eq!(orphan["quote"], sentence);
}

#[test]
fn malformed_and_newer_sets_are_refused_untouched() {
    let (dir, _, _) = setup_annotated(ARTICLE, "claim", "$48 million");
    let set_path = set_path(dir.path());
    let good = fs::read_to_string(&set_path).expect("set");
    let malformed = good.replacen("annotations:", "annotations: ((", 1);
    let newer = good.replacen("version: 1,", "version: 99,", 1);
    assert_ne!(newer, good, "the file has a version line");
    // Malformed files are reported as path:line:column.
    for (bytes, message) in [
        (malformed, "article.txt.factmark.ron:"),
        (newer, "newer factmark"),
    ] {
        fs::write(&set_path, &bytes).expect("write");
        for args in [
            &["list", "article.txt"][..],
            &[
                "annotate",
                "article.txt",
                "--tag",
                "claim",
                "--quote",
                "Critics",
            ][..],
            &["check", "article.txt", "--write"][..],
        ] {
            let run = factmark(args, dir.path());
            assert_eq!(run.code, 2, "{args:?}");
            assert!(run.stderr.contains(message), "{:?}", run.stderr);
            assert_eq!(fs::read_to_string(&set_path).expect("set"), bytes);
        }
    }
}

#[cfg(unix)]
#[test]
fn saving_keeps_permissions_and_a_backup() {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, _, _) = setup_annotated(ARTICLE, "claim", "$48 million");
    let set_path = set_path(dir.path());
    fs::set_permissions(&set_path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let first = fs::read(&set_path).expect("set");
    annotate(dir.path(), "claim", "Critics said");
    let mode = fs::metadata(&set_path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let backup = dir.path().join("article.txt.factmark.ron.bak");
    assert_eq!(fs::read(backup).expect("backup kept"), first);
}

#[test]
fn evidence_and_said_by_links() {
    let (dir, _) = setup(ARTICLE);
    fs::write(dir.path().join("minutes.pdf"), b"%PDF").expect("file");
    let quote = annotate(dir.path(), "quote", "“We have cut waste by a third,”");
    let said = annotate(dir.path(), "attribution", "said Mayor Ana Ruiz");
    let (quote, said) = (quote.trim(), said.trim());
    ok(
        &["link", "article.txt", "--from", &quote[..8], "--to", said],
        dir.path(),
    );
    let url = ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            "https://budget.example.org/2026",
            "--title",
            "Budget 2026",
            "--link",
            quote,
            "--stance",
            "refutes",
        ],
        dir.path(),
    );
    let file = ok(
        &["evidence", "add", "article.txt", "--file", "minutes.pdf"],
        dir.path(),
    );
    ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--citation",
            "Council minutes, 3 March",
        ],
        dir.path(),
    );
    let listing = ok(&["evidence", "list", "article.txt"], dir.path());
    assert!(listing.contains(url.trim()));
    assert!(listing.contains(file.trim()));
    assert!(listing.contains("file minutes.pdf"), "{listing}");
    let ron = fs::read_to_string(set_path(dir.path())).expect("set");
    assert!(ron.contains("SaidBy"), "{ron}");
    assert!(ron.contains("Refutes"), "{ron}");
    // Linking to a non-attribution is refused.
    let run = factmark(
        &["link", "article.txt", "--from", said, "--to", quote],
        dir.path(),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("attribution"), "{}", run.stderr);
}

#[test]
fn custom_tags_are_defined_explicitly() {
    let (dir, _) = setup(ARTICLE);
    let run = add_legal_tag(dir.path(), "4");
    assert_eq!(run.code, 0, "{}", run.stderr);
    annotate(dir.path(), "legal", "Critics said");
    let tags = ok(&["tag", "list", "article.txt"], dir.path());
    assert!(tags.contains("legal\t#aa33cc\t4"), "{tags}");
    let run = factmark(
        &[
            "tag",
            "add",
            "article.txt",
            "Bad Name",
            "--color",
            "#aa33cc",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 2);
}

#[test]
fn invalid_documents_are_refused_with_the_byte_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("bad.txt"), b"fine so far \xff\xfe oops").expect("write");
    let run = factmark(
        &["annotate", "bad.txt", "--tag", "claim", "--range", "0..4"],
        dir.path(),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("byte 12"), "{}", run.stderr);
    assert!(run.stderr.contains("bad.txt"), "{}", run.stderr);
    assert!(!dir.path().join("bad.txt.factmark.ron").exists());
}

#[test]
fn oversized_documents_are_refused_before_reading() {
    let (dir, _) = setup(&"A long line of text.\n".repeat(60_000));
    let out = Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args([
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--range",
            "0..4",
        ])
        .current_dir(dir.path())
        .env("FACTMARK_MAX_DOCUMENT_MIB", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("over the 1048576-byte limit"), "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_factmark"))
        .args(["list", "article.txt"])
        .current_dir(dir.path())
        .env("FACTMARK_MAX_DOCUMENT_MIB", "lots")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FACTMARK_MAX_DOCUMENT_MIB"));
}

#[test]
fn sample_sets_anchor_exactly_against_their_documents() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs");
    for doc in [
        "harbor-bridge.txt",
        "multilingual-notes.txt",
        "water-report.txt",
    ] {
        let run = factmark(&["check", doc], &samples);
        assert_eq!(run.code, 0, "{doc}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains(" 0 orphaned"), "{doc}: {}", run.stdout);
        assert!(!run.stdout.contains(" 0 exact"), "{doc}: {}", run.stdout);
    }
}

#[test]
fn export_import_and_review_settings() {
    let (dir, _) = setup(ARTICLE);
    annotate_with(
        dir.path(),
        "claim",
        "property taxes rose 4 percent last year",
        &["--verdict", "false"],
    );
    // ClaimReview needs the publishing details first, and says which are missing.
    let run = factmark(
        &["export", "article.txt", "--format", "claimreview"],
        dir.path(),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("url"), "{}", run.stderr);
    ok(
        &[
            "review",
            "article.txt",
            "--organization",
            "Harbor Checks",
            "--organization-url",
            "https://checks.example",
            "--review-url",
            "https://checks.example/r/1",
        ],
        dir.path(),
    );
    let json = ok(
        &["export", "article.txt", "--format", "claimreview"],
        dir.path(),
    );
    let reviews: Value = serde_json::from_str(&json).expect("claimreview is JSON");
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "False");
    assert_eq!(reviews[0]["author"]["name"], "Harbor Checks");
    let run = factmark(
        &[
            "review",
            "article.txt",
            "--review-url",
            "javascript:alert(1)",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 2);

    // brat writes two files; without -o that is an error.
    let run = factmark(&["export", "article.txt", "--format", "brat"], dir.path());
    assert_eq!(run.code, 2);
    ok(
        &["export", "article.txt", "--format", "brat", "-o", "out"],
        dir.path(),
    );
    // An export never overwrites the document or its set.
    for (format, out) in [
        ("brat", "article.ann"),
        ("brat", "article.txt"),
        ("html", "article.txt"),
        ("csv", "article.txt.factmark.ron"),
    ] {
        let run = factmark(
            &["export", "article.txt", "--format", format, "-o", out],
            dir.path(),
        );
        assert_eq!(run.code, 2, "{format} {out}");
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("article.txt")).expect("doc"),
        ARTICLE
    );
    ok(
        &[
            "export",
            "article.txt",
            "--format",
            "brat",
            "-o",
            "x.brat.ann",
        ],
        dir.path(),
    );
    assert!(dir.path().join("x.brat.ann").exists());
    assert!(dir.path().join("x.brat.txt").exists());
    let ann = fs::read_to_string(dir.path().join("out.ann")).expect("ann");
    let start = char_index_of(ARTICLE, "property taxes");
    assert!(ann.contains(&format!("claim {start} ")), "{ann}");
    assert_eq!(
        fs::read_to_string(dir.path().join("out.txt")).expect("txt"),
        ARTICLE
    );

    // W3C out of one document, into a copy: same annotations, anchored exactly.
    export_w3c(dir.path(), "w3c.jsonld", &set_path(dir.path()));
    fs::write(dir.path().join("copy.txt"), ARTICLE).expect("copy");
    let summary = ok(&["import", "copy.txt", "w3c.jsonld"], dir.path());
    assert!(summary.contains("imported 1 annotation"), "{summary}");
    assert!(summary.contains("1 exact"), "{summary}");
    let run = factmark(&["export", "article.txt", "--format", "pdf"], dir.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("use one of"), "{}", run.stderr);
}

#[test]
fn a_tag_key_the_app_uses_is_refused() {
    let (dir, _) = setup(ARTICLE);
    for (key, message) in [
        ("n", "the app uses it"),
        ("P", "the app uses it"),
        ("1", "already applies the tag \"claim\""),
        ("-", "use a digit or a letter"),
    ] {
        let run = add_legal_tag(dir.path(), key);
        assert_eq!(run.code, 2, "--key {key}: {}", run.stderr);
        assert!(run.stderr.contains(message), "--key {key}: {}", run.stderr);
        assert!(!set_path(dir.path()).exists(), "--key {key} wrote the set");
    }
    // A capital letter is stored as the lowercase key the app matches.
    let run = add_legal_tag(dir.path(), "L");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tags = ok(&["tag", "list", "article.txt"], dir.path());
    assert!(tags.contains("legal\t#aa33cc\tl"), "{tags}");
}

#[test]
fn a_blank_factmark_author_falls_through_to_user() {
    let (dir, _) = setup(ARTICLE);
    let run = factmark_with_env(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "Critics said",
        ],
        dir.path(),
        &[("FACTMARK_AUTHOR", "  "), ("USER", "ana"), ("USERNAME", "")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(list(dir.path())[0]["author"], "ana");
}

#[test]
fn url_evidence_without_a_title_is_titled_by_its_host() {
    let (dir, _) = setup(ARTICLE);
    ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--url",
            "https://Budget.example.org/2026",
        ],
        dir.path(),
    );
    let listing = ok(&["evidence", "list", "article.txt"], dir.path());
    assert!(
        listing.trim_end().ends_with("  budget.example.org"),
        "{listing}"
    );
    let ron = fs::read_to_string(set_path(dir.path())).expect("set");
    assert!(ron.contains("accessed: Some("), "{ron}");
}

// ---- sharing: saves that merge, merge, the git merge driver, conflicts ----------------

/// Two processes annotating one document at once, 50 rounds: every annotation they
/// reported is in the set at the end (before locked, merging saves, 44 of 100 were lost).
#[test]
fn two_processes_annotating_at_once_lose_nothing() {
    let (dir, _doc) = setup(ARTICLE);
    let dir = dir.path();
    // Create the set first, so both runs read an existing file.
    annotate(dir, "claim", "the largest in the city’s history");
    let quotes = ["$48 million", "property taxes rose 4 percent"];
    let mut ids = Vec::new();
    for _ in 0..50 {
        let running: Vec<_> = quotes
            .iter()
            .map(|quote| {
                Command::new(env!("CARGO_BIN_EXE_factmark"))
                    .args([
                        "annotate",
                        "article.txt",
                        "--tag",
                        "claim",
                        "--quote",
                        quote,
                    ])
                    .current_dir(dir)
                    .env("FACTMARK_AUTHOR", "tester")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn factmark")
            })
            .collect();
        for child in running {
            let out = child.wait_with_output().expect("factmark ran");
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            ids.push(String::from_utf8_lossy(&out.stdout).trim().to_owned());
        }
    }
    let listed: Vec<String> = list(dir)
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_owned))
        .collect();
    for id in &ids {
        assert!(listed.contains(id), "annotation {id} was reported but lost");
    }
    assert!(listed.len() >= 101);
}

/// Three copies of one set: base, and two reviewers' versions edited with `--set`.
fn three_copies(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    annotate(dir, "claim", "$48 million");
    let base = dir.join("base.ron");
    let ours = dir.join("ours.ron");
    let theirs = dir.join("theirs.ron");
    for copy in [&base, &ours, &theirs] {
        fs::copy(set_path(dir), copy).expect("copy set");
    }
    (base, ours, theirs)
}

/// Annotate `quote` with `tag` in the set at `set`, as reviewer `who`.
fn annotate_in(dir: &Path, set: &Path, who: &str, tag: &str, quote: &str) {
    let run = factmark_with_env(
        &[
            "annotate",
            "article.txt",
            "--tag",
            tag,
            "--quote",
            quote,
            "--set",
            &set.to_string_lossy(),
        ],
        dir,
        &[("FACTMARK_AUTHOR", who)],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn review_title(dir: &Path, set: &Path, title: &str) {
    ok(
        &[
            "review",
            "article.txt",
            "--title",
            title,
            "--set",
            &set.to_string_lossy(),
        ],
        dir,
    );
}

#[test]
fn merge_with_base_combines_and_keeps_a_same_field_conflict_until_resolved() {
    let (dir, _doc) = setup(ARTICLE);
    let dir = dir.path();
    let (base, ours, theirs) = three_copies(dir);
    review_title(dir, &ours, "Budget check (Ana)");
    review_title(dir, &theirs, "Budget check (Bea)");
    ok(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "quote",
            "--quote",
            "We have cut waste by a third",
            "--set",
            &theirs.to_string_lossy(),
        ],
        dir,
    );

    let out = set_path(dir);
    let run = factmark(
        &[
            "merge",
            "--base",
            &base.to_string_lossy(),
            &ours.to_string_lossy(),
            &theirs.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
        dir,
    );
    assert_eq!(run.code, 1, "conflicts exit 1: {}", run.stderr);
    assert!(run.stderr.contains("1 conflict(s)"), "{}", run.stderr);
    assert_eq!(list(dir).len(), 2, "their new quote is in the merged set");

    let conflicts = factmark(&["conflicts", "article.txt", "--json"], dir);
    assert_eq!(conflicts.code, 1);
    let Value::Array(conflicts) = serde_json::from_str(&conflicts.stdout).expect("JSON") else {
        panic!("conflicts --json is not an array");
    };
    let conflict = &conflicts[0];
    assert_eq!(conflict["field"], "title");
    assert_eq!(conflict["ours"]["value"], "Budget check (Ana)");
    assert_eq!(conflict["theirs"]["value"], "Budget check (Bea)");
    assert_eq!(conflict["ours"]["by"], "ours.ron");
    let id = conflict["id"].as_str().expect("id");

    let resolved = ok(&["resolve", "article.txt", id, "--theirs"], dir);
    assert!(resolved.contains("0 conflict(s) left"), "{resolved}");
    assert_eq!(factmark(&["conflicts", "article.txt"], dir).code, 0);
    let text = fs::read_to_string(set_path(dir)).expect("read");
    assert!(text.contains("title: \"Budget check (Bea)\""), "{text}");
    assert!(!text.contains("conflicts:"));
}

#[test]
fn merge_without_base_is_a_union_that_folds_the_same_span() {
    let (dir, _doc) = setup(ARTICLE);
    let dir = dir.path();
    let (_base, ours, theirs) = three_copies(dir);
    // Both reviewers independently tag the same sentence as a claim.
    for (set, who) in [(&ours, "ana"), (&theirs, "bea")] {
        annotate_in(dir, set, who, "claim", "property taxes rose 4 percent");
    }
    let out = dir.join("union.ron");
    let run = factmark(
        &[
            "merge",
            &ours.to_string_lossy(),
            &theirs.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
        dir,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("folded"),
        "the fold is reported: {}",
        run.stderr
    );
    let listed = factmark(
        &[
            "list",
            "article.txt",
            "--json",
            "--set",
            &out.to_string_lossy(),
        ],
        dir,
    );
    let Value::Array(items) = serde_json::from_str(&listed.stdout).expect("JSON") else {
        panic!("not an array");
    };
    assert_eq!(
        items.len(),
        2,
        "one $48 million claim and one folded tax claim"
    );
}

/// A git repository where two branches annotate and edit one set, merged through the
/// driver that `factmark git-setup --write` installs.
#[test]
fn git_merges_sets_through_the_driver_without_conflict_markers() {
    let (dir, _doc) = setup(ARTICLE);
    let dir = dir.path();
    let git = |args: &[&str]| {
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_factmark"))
            .parent()
            .expect("bin dir")
            .to_path_buf();
        let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )))
        .expect("PATH");
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("PATH", path)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
            .env("FACTMARK_AUTHOR", "tester")
            .output()
            .expect("git runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let must = |args: &[&str]| {
        let (code, out) = git(args);
        assert_eq!(code, 0, "git {args:?}: {out}");
    };
    must(&["init", "-q", "-b", "main"]);
    ok(&["git-setup", "--write"], dir);
    let attributes = fs::read_to_string(dir.join(".gitattributes")).expect("attributes");
    assert!(attributes.contains("*.factmark.ron merge=factmark"));
    let ignore = fs::read_to_string(dir.join(".gitignore")).expect("gitignore");
    assert!(ignore.contains("*.factmark.ron.bak") && ignore.contains(".*.factmark.ron.lock"));
    annotate(dir, "claim", "$48 million");
    must(&["add", "-A"]);
    must(&["commit", "-q", "-m", "base"]);

    // Clean: the branches change different things.
    must(&["checkout", "-q", "-b", "ana"]);
    annotate(dir, "quote", "We have cut waste by a third");
    must(&["commit", "-q", "-am", "ana"]);
    must(&["checkout", "-q", "main"]);
    annotate(dir, "claim", "property taxes rose 4 percent");
    must(&["commit", "-q", "-am", "main"]);
    let (code, out) = git(&["merge", "-q", "--no-edit", "ana"]);
    assert_eq!(code, 0, "a clean merge: {out}");
    let text = fs::read_to_string(set_path(dir)).expect("read");
    assert!(!text.contains("<<<<<<<"), "no conflict markers");
    assert_eq!(list(dir).len(), 3, "both branches' annotations");

    // Conflicting: both retitle the set.
    must(&["checkout", "-q", "-b", "bea"]);
    ok(&["review", "article.txt", "--title", "Bea's title"], dir);
    must(&["commit", "-q", "-am", "bea"]);
    must(&["checkout", "-q", "main"]);
    ok(&["review", "article.txt", "--title", "Main's title"], dir);
    must(&["commit", "-q", "-am", "main title"]);
    let (code, out) = git(&["merge", "-q", "--no-edit", "bea"]);
    assert_ne!(code, 0, "git reports the conflict: {out}");
    let text = fs::read_to_string(set_path(dir)).expect("read");
    assert!(!text.contains("<<<<<<<"), "still no markers: {text}");
    assert_eq!(list(dir).len(), 3, "the set loads with every annotation");
    let conflicts = factmark(&["conflicts", "article.txt", "--json"], dir);
    assert_eq!(conflicts.code, 1);
    assert!(
        conflicts.stdout.contains("Bea's title"),
        "{}",
        conflicts.stdout
    );
    assert!(conflicts.stdout.contains("Main's title"));
    // The driver leaves nothing behind in the work tree (no .bak, no lock of git's files).
    let (_, status) = git(&["status", "--porcelain"]);
    assert!(
        !status.contains("merge_file") && !status.contains(".bak"),
        "{status}"
    );
}

/// Importing a W3C export of a set that came from factmark merges by id: our own export
/// changes nothing; a teammate's export adds their new annotation and keeps the one note
/// that differs as a conflict (exit 1, named on stderr), never silently skipped.
#[test]
fn importing_an_export_of_a_shared_set_merges_it_by_id() {
    let (dir, _doc) = setup(ARTICLE);
    let dir = dir.path();
    let claim = annotate_with(dir, "claim", "$48 million", &["--note", "check the budget"]);
    annotate(dir, "quote", "We have cut waste by a third");

    // Import `file`: exit `code`, with these counts of new, updated, unchanged annotations.
    let import = |file: &str, code: i32, counts: &str| {
        let run = factmark(&["import", "article.txt", file], dir);
        assert_eq!(run.code, code, "{}", run.stderr);
        assert!(run.stdout.contains(counts), "{}", run.stdout);
        run
    };

    // Our own export, imported again: nothing changes, not even a byte.
    export_w3c(dir, "own.jsonld", &set_path(dir));
    let before = fs::read(set_path(dir)).expect("read");
    import("own.jsonld", 0, "0 new, 0 updated, 2 unchanged");
    assert_eq!(
        fs::read(set_path(dir)).expect("read"),
        before,
        "re-import changed the set"
    );

    // A teammate's copy: one note changed, one claim added.
    let mate = dir.join("mate.ron");
    fs::copy(set_path(dir), &mate).expect("copy");
    let text = fs::read_to_string(&mate).expect("read");
    assert!(text.contains("note: \"check the budget\""), "{text}");
    fs::write(
        &mate,
        text.replace("check the budget", "checked: it was $46 million"),
    )
    .expect("write");
    annotate_in(dir, &mate, "bea", "claim", "property taxes rose 4 percent");
    export_w3c(dir, "mate.jsonld", &mate);

    let run = import("mate.jsonld", 1, "1 new, 1 updated, 1 unchanged");
    assert!(
        run.stderr.contains("1 conflict(s) kept in the set"),
        "{}",
        run.stderr
    );
    assert_eq!(list(dir).len(), 3, "the teammate's new claim is added");
    let conflicts = factmark(&["conflicts", "article.txt", "--json"], dir);
    let Value::Array(conflicts) = serde_json::from_str(&conflicts.stdout).expect("JSON") else {
        panic!("conflicts --json is not an array");
    };
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let conflict = &conflicts[0];
    assert_eq!(conflict["field"], "note");
    assert!(
        conflict["item"].to_string().contains(&claim[..8]),
        "{conflict}"
    );
    assert_eq!(conflict["ours"]["value"], "check the budget");
    assert_eq!(conflict["theirs"]["value"], "checked: it was $46 million");
    assert_eq!(conflict["theirs"]["by"], "mate.jsonld (imported)");

    // Importing the same file again finds the same conflict, nothing new besides.
    let again = factmark(&["import", "article.txt", "mate.jsonld"], dir);
    assert!(again.stdout.contains("0 new"), "{}", again.stdout);
    assert_eq!(list(dir).len(), 3);
}

/// Regression: `list | head -1`, `list > /dev/full` and friends panicked ("failed printing
/// to stdout", exit 101), and `annotate > /dev/full` saved and then panicked, so a script
/// retrying on failure added the work twice.
#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_never_panics_and_says_what_was_saved() {
    let (dir, _doc, _id) = setup_annotated(ARTICLE, "claim", "$48 million");
    let dir = dir.path();
    // Every listing below has something to print.
    ok(
        &[
            "evidence",
            "add",
            "article.txt",
            "--citation",
            "Council minutes",
        ],
        dir,
    );
    let run_with = |args: &[&str], stdout: std::process::Stdio| {
        let out = Command::new(env!("CARGO_BIN_EXE_factmark"))
            .args(args)
            .current_dir(dir)
            .env("FACTMARK_AUTHOR", "tester")
            .stdout(stdout)
            .output()
            .expect("factmark runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let set = "article.txt.factmark.ron";
    let listings: [&[&str]; 9] = [
        &["agree", "article.txt", set, set],
        &["agree", "article.txt", set, set, "--json"],
        &["list", "article.txt"],
        &["list", "article.txt", "--json"],
        &["check", "article.txt"],
        &["tag", "list", "article.txt"],
        &["evidence", "list", "article.txt"],
        &["conflicts", "article.txt"],
        &["export", "article.txt", "--format", "csv"],
    ];
    for args in listings {
        // A closed pipe: the reader is gone; the command ends quietly.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let (code, stderr) = run_with(args, writer.into());
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(code, 0, "{args:?} on a closed pipe: {stderr}");
        assert!(
            stderr.is_empty(),
            "{args:?} is quiet on a closed pipe: {stderr}"
        );
        // A full disk: one clear line, exit 2, nothing changed.
        let full = fs::File::create("/dev/full").expect("/dev/full");
        let (code, stderr) = run_with(args, full.into());
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(code, 2, "{args:?} on a full disk: {stderr}");
        assert!(stderr.contains("nothing was changed"), "{args:?}: {stderr}");
    }

    // A command that saves, then cannot print its answer, says the change was saved.
    let full = fs::File::create("/dev/full").expect("/dev/full");
    let (code, stderr) = run_with(
        &[
            "annotate",
            "article.txt",
            "--tag",
            "claim",
            "--quote",
            "Critics said",
        ],
        full.into(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("the change was saved"), "{stderr}");
    let critics = list(dir)
        .iter()
        .filter(|a| a["quote"] == "Critics said")
        .count();
    assert_eq!(
        critics, 1,
        "saved once, and the message says not to run it again"
    );
}

/// `factmark claim article.txt ID ARGS…` as `who`.
fn claim(dir: &Path, id: &str, who: &str, args: &[&str]) -> Run {
    let mut all = vec!["claim", "article.txt", id, "--author", who];
    all.extend_from_slice(args);
    factmark(&all, dir)
}

#[test]
fn claim_moves_through_review_and_refuses_self_approval() {
    let (dir, _doc) = setup(ARTICLE);
    let id = annotate_with(
        dir.path(),
        "claim",
        "property taxes rose 4 percent",
        &["--verdict", "true", "--author", "ana"],
    );
    let short = &id[..8];
    let run = claim(dir.path(), short, "ana", &["--state", "approved"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot go from open to approved; from open it can go to researching"),
        "{}",
        run.stderr
    );
    let run = claim(
        dir.path(),
        short,
        "ana",
        &["--state", "needs-review", "--assign", "bea"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("needs-review") && run.stdout.contains("assigned to bea"));
    let before = fs::read(set_path(dir.path())).unwrap();
    let run = claim(dir.path(), short, "ana", &["--state", "approved"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "ana cannot approve this claim: ana set its verdict; another reviewer must sign it off"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read(set_path(dir.path())).unwrap(),
        before,
        "a refusal writes nothing"
    );
    let run = claim(dir.path(), short, "bea", &["--state", "approved"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("approved by bea at "), "{}", run.stdout);

    let plain = factmark(&["list", "article.txt"], dir.path());
    assert!(plain.stdout.contains(" approved "), "{}", plain.stdout);
    let listed = &list(dir.path())[0];
    assert_eq!(listed["state"], "approved");
    assert_eq!(listed["assignee"], "bea");
    assert_eq!(listed["sign_off"]["by"], "bea");
    assert_eq!(listed["verdict_by"]["by"], "ana");
    let history: Vec<String> = listed["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            format!("{} {}: {} -> {}", h["by"], h["field"], h["old"], h["new"]).replace('"', "")
        })
        .collect();
    assert_eq!(
        history,
        vec![
            "ana assignee:  -> bea",
            "ana state: open -> needs-review",
            "bea state: needs-review -> approved",
        ]
    );
    // The verdict is locked while approved; reopening unlocks it.
    let run = claim(dir.path(), short, "cyd", &["--state", "bogus"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown --state \"bogus\""),
        "{}",
        run.stderr
    );
    let shown = claim(dir.path(), short, "cyd", &[]);
    assert_eq!(shown.code, 0);
    assert!(
        shown.stdout.starts_with(&format!("{id}  approved by bea")),
        "{}",
        shown.stdout
    );
    let run = claim(dir.path(), short, "cyd", &["--state", "researching"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(list(dir.path())[0]["sign_off"], Value::Null);
}

#[test]
fn claim_state_is_only_for_claims() {
    let (dir, _doc, id) = setup_annotated(ARTICLE, "quote", "We have cut waste by a third");
    let run = claim(dir.path(), &id, "ana", &["--state", "researching"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("only claims have a review state; this annotation is tagged \"quote\""),
        "{}",
        run.stderr
    );
}

#[test]
fn comments_are_added_resolved_and_reopened() {
    let (dir, _doc, id) = setup_annotated(ARTICLE, "claim", "largest in the city’s history");
    let run = factmark(
        &[
            "comment",
            "article.txt",
            &id,
            "Which years were compared?",
            "--author",
            "bea",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cid = run.stdout.trim().to_owned();
    assert_eq!(cid.len(), 36, "prints the comment id: {cid:?}");
    let comments = list(dir.path())[0]["comments"].clone();
    assert_eq!(comments[0]["id"], cid.as_str());
    assert_eq!(comments[0]["author"], "bea");
    assert_eq!(comments[0]["text"], "Which years were compared?");
    assert_eq!(comments[0]["resolved"], false);

    let resolve = |flag: &str, who: &str| {
        factmark(
            &["comment", "article.txt", flag, &cid[..6], "--author", who],
            dir.path(),
        )
    };
    let run = resolve("--resolve", "ana");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim(), format!("{cid} resolved"));
    let listed = &list(dir.path())[0]["comments"][0];
    assert_eq!(listed["resolved"], true);
    assert_eq!(listed["resolved_by"]["by"], "ana");
    let run = resolve("--resolve", "ana");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the comment is already resolved"),
        "{}",
        run.stderr
    );
    let run = resolve("--reopen", "bea");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(list(dir.path())[0]["comments"][0]["resolved"], false);

    let run = factmark(&["comment", "article.txt", "--resolve", "ffff"], dir.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no comment with id \"ffff\""),
        "{}",
        run.stderr
    );
    let run = factmark(&["comment", "article.txt", &id, "  "], dir.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("a comment needs some text"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_html_can_leave_out_claims_not_yet_approved() {
    let (dir, _doc) = setup(ARTICLE);
    let approved = annotate_with(
        dir.path(),
        "claim",
        "property taxes rose 4 percent",
        &["--verdict", "true", "--author", "ana"],
    );
    annotate_with(
        dir.path(),
        "claim",
        "delayed twice",
        &["--verdict", "false"],
    );
    assert_eq!(
        claim(dir.path(), &approved, "ana", &["--state", "needs-review"]).code,
        0
    );
    assert_eq!(
        claim(dir.path(), &approved, "bea", &["--state", "approved"]).code,
        0
    );
    let full = ok(&["export", "article.txt", "--format", "html"], dir.path());
    assert!(full.contains("Approved by bea on ") && full.contains("False</span>"));
    let published = ok(
        &[
            "export",
            "article.txt",
            "--format",
            "html",
            "--approved-only",
        ],
        dir.path(),
    );
    assert!(published.contains("Approved by bea on "), "{published}");
    assert!(
        published.contains("1 claim(s) not yet approved left out"),
        "{published}"
    );
    assert!(
        !published.contains("False</span>"),
        "the unapproved claim is gone"
    );
    let run = factmark(
        &[
            "export",
            "article.txt",
            "--format",
            "csv",
            "--approved-only",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--approved-only is for the html and md reports"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_reviewers_workflow_changes_merge_by_field_and_clash_as_conflicts() {
    let (dir, _doc, id) = setup_annotated(ARTICLE, "claim", "delayed twice");
    let copy = |name: &str| {
        fs::copy(set_path(dir.path()), dir.path().join(name)).unwrap();
    };
    for name in ["base.ron", "ana.ron", "bea.ron"] {
        copy(name);
    }
    let on = |set: &str, args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--set", set]);
        ok(&all, dir.path())
    };
    // ana moves the claim on; bea comments: different fields combine.
    on(
        "ana.ron",
        &[
            "claim",
            "article.txt",
            &id,
            "--state",
            "researching",
            "--author",
            "ana",
        ],
    );
    on(
        "bea.ron",
        &[
            "comment",
            "article.txt",
            &id,
            "Which years?",
            "--author",
            "bea",
        ],
    );
    let run = factmark(
        &[
            "merge", "--base", "base.ron", "ana.ron", "bea.ron", "-o", "out.ron",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = ok(
        &["list", "article.txt", "--json", "--set", "out.ron"],
        dir.path(),
    );
    let merged: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(merged[0]["state"], "researching");
    assert_eq!(merged[0]["comments"][0]["text"], "Which years?");

    // Both assign it, to different people: a conflict kept in the set, named by field.
    on(
        "ana.ron",
        &[
            "claim",
            "article.txt",
            &id,
            "--assign",
            "cyd",
            "--author",
            "ana",
        ],
    );
    on(
        "bea.ron",
        &[
            "claim",
            "article.txt",
            &id,
            "--assign",
            "dov",
            "--author",
            "bea",
        ],
    );
    let run = factmark(
        &[
            "merge", "--base", "base.ron", "ana.ron", "bea.ron", "-o", "out2.ron",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let run = factmark(
        &["conflicts", "article.txt", "--json", "--set", "out2.ron"],
        dir.path(),
    );
    assert_eq!(
        run.code, 1,
        "exit 1 while conflicts are left: {}",
        run.stderr
    );
    let listed = run.stdout;
    assert!(listed.contains("\"assignee\""), "{listed}");
    assert!(listed.contains("cyd") && listed.contains("dov"), "{listed}");
}

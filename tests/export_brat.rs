//! brat standoff: every T line's offsets select its text in the `.txt` written beside it.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)] // tests fail by panicking

mod export_fixture;

use export_fixture::{context, fixture};
use factmark::export::{Format, export};

#[test]
fn offsets_line_up_with_the_txt() {
    let (doc, set) = fixture();
    let files = export(&context(&doc, &set), Format::Brat).expect("export");
    assert_eq!(
        files.iter().map(|f| f.extension).collect::<Vec<_>>(),
        ["ann", "txt"]
    );
    let ann = String::from_utf8(files[0].bytes.clone()).expect("utf-8");
    let txt = String::from_utf8(files[1].bytes.clone()).expect("utf-8");
    assert_eq!(txt, doc.text());
    let chars: Vec<char> = txt.chars().collect();
    let mut t_lines = 0;
    for line in ann.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(fields.len() >= 2, "{line:?}");
        if !line.starts_with('T') {
            continue;
        }
        t_lines += 1;
        assert_eq!(fields.len(), 3, "{line:?}");
        let (_, offsets) = fields[1].split_once(' ').expect("type and offsets");
        let mut texts = Vec::new();
        for fragment in offsets.split(';') {
            let (start, end) = fragment.split_once(' ').expect("start end");
            let (start, end): (usize, usize) = (start.parse().expect("n"), end.parse().expect("n"));
            let text: String = chars[start..end].iter().collect();
            assert!(
                !text.contains('\n'),
                "fragments never cross lines: {line:?}"
            );
            texts.push(text);
        }
        assert_eq!(texts.join(" "), fields[2], "{line:?}");
    }
    // orphaned annotations are left out
    assert_eq!(t_lines, set.annotations.len() - 1);
    assert!(ann.contains("\tclaim 253 269;270 280\tA claim spanning two lines.\n"));
    assert!(ann.contains("R1\tSaid_by Arg1:T2 Arg2:T1\n"));
    assert!(
        !ann.lines()
            .any(|l| l.starts_with('#') && l.split('\t').count() != 3)
    );
}

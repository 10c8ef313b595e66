//! A small HTTP server on 127.0.0.1, started inside a test, answering a few fixed routes:
//! the fetch tests (`tests/fetch.rs`), the snapshot tests (`tests/snapshot.rs`) and the
//! app's snapshot test (`tests/ui_snapshot.rs`) all fetch from it, never from the network.
#![allow(
    dead_code,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fixture; a failing step fails the test"
)]

use std::fs;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::Duration;

/// The text `/notes.txt` answers with (our own writing).
pub const NOTES: &str = "Minutes of the harbor board, 3 March: the ferry timetable stays \
                         as it is until the bridge reopens.\n";

/// Start a server answering a few routes; its base address (`http://127.0.0.1:PORT`).
///
/// - `/2026/bridge`: the sample article (HTML); `/short` redirects to it; `/loop` redirects
///   to itself;
/// - `/nav`: a page without an article; `/notes.txt`: [`NOTES`] as `text/plain`;
/// - `/huge`: 40 MiB; `/slow`: answers after 4 s; anything else: 404.
pub fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    base
}

/// The sample article `/2026/bridge` answers with.
pub fn article() -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_docs/formats/bridge-article.html"))
        .expect("sample")
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let article = article();
    let head_typed = |status: &str, content_type: &str, extra: &str, len: usize| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\nConnection: close\r\n{extra}\r\n"
        )
    };
    let head = |status: &str, extra: &str, len: usize| {
        head_typed(status, "text/html; charset=utf-8", extra, len)
    };
    let _ = match path.as_str() {
        "/2026/bridge" => stream
            .write_all(head("200 OK", "", article.len()).as_bytes())
            .and_then(|()| stream.write_all(&article)),
        "/short" => stream
            .write_all(head("301 Moved Permanently", "Location: /2026/bridge\r\n", 0).as_bytes()),
        "/loop" => stream.write_all(head("302 Found", "Location: /loop\r\n", 0).as_bytes()),
        "/nav" => {
            let body = b"<html><body><nav><a href=/>Home</a></nav></body></html>";
            stream
                .write_all(head("200 OK", "", body.len()).as_bytes())
                .and_then(|()| stream.write_all(body))
        }
        "/notes.txt" => stream
            .write_all(head_typed("200 OK", "text/plain", "", NOTES.len()).as_bytes())
            .and_then(|()| stream.write_all(NOTES.as_bytes())),
        "/huge" => {
            let len = 40 * 1024 * 1024;
            let chunk = vec![b'a'; 64 * 1024];
            let mut result = stream.write_all(head("200 OK", "", len).as_bytes());
            for _ in 0..len / chunk.len() {
                result = result.and_then(|()| stream.write_all(&chunk));
            }
            result
        }
        "/slow" => {
            std::thread::sleep(Duration::from_secs(4));
            stream.write_all(head("200 OK", "", 0).as_bytes())
        }
        _ => stream.write_all(head("404 Not Found", "", 0).as_bytes()),
    };
}

//! A fuzzing harness without cargo-fuzz (issue 9 §12): mutate a seed corpus for a fixed
//! time, run one target (fuzz/targets.rs) on each input, and keep what is interesting.
//!
//! `cargo run --example fuzz -- TARGET SECONDS [SEED]` reads seeds from
//! `fuzz/corpus/TARGET/`, writes inputs that reach a new kind of outcome there, and inputs
//! that panic or break a property to `fuzz/found/TARGET/`, with the reason on stderr.
//! Commit the found ones (and useful corpus files); `tests/fuzz_regressions.rs` runs every
//! committed input again.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line harness reports on its terminal"
)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "../fuzz/targets.rs"]
mod targets;

/// xorshift64*: small, fast, deterministic from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

/// Tokens worth splicing in: structure of RON, JSON and text that parsers treat specially.
const TOKENS: [&[u8]; 24] = [
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b",",
    b":",
    b"\\u{0}",
    b"\\",
    b"\r\n",
    b"\r",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xcc\x81",
    b"\xf0\x9f\x98\x80",
    b"\xd8\xa7",
    b"-1",
    b"18446744073709551616",
    b"1e999",
    b"null",
    b"Orphaned",
];

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 if len > 0 => {
                if let Some(byte) = out.get_mut(at.min(len - 1)) {
                    *byte ^= 1 << rng.below(8);
                }
            }
            1 => out.insert(at, u8::try_from(rng.below(256)).unwrap_or(0)),
            2 if len > 0 => {
                let end = (at + 1 + rng.below(16)).min(len);
                out.drain(at.min(end)..end);
            }
            3 if len > 0 => {
                let from = rng.below(len);
                let end = (from + 1 + rng.below(64)).min(len);
                let piece: Vec<u8> = out.get(from..end).unwrap_or_default().to_vec();
                out.splice(at..at, piece);
            }
            4 => {
                let token = TOKENS.get(rng.below(TOKENS.len())).copied().unwrap_or(b"");
                out.splice(at..at, token.iter().copied());
            }
            5 if !corpus.is_empty() => {
                let other = corpus
                    .get(rng.below(corpus.len()))
                    .cloned()
                    .unwrap_or_default();
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(128)).min(other.len());
                out.splice(
                    at..at,
                    other.get(from..end).unwrap_or_default().iter().copied(),
                );
            }
            _ if len > 1 => out.truncate(at.max(1)),
            _ => {}
        }
    }
    out
}

/// At most this many new-outcome inputs are written to the corpus folder per run.
const MAX_SAVED: usize = 150;

fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn save(dir: &Path, bytes: &[u8]) {
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(format!("{:016x}", hash(bytes))), bytes);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(target), Some(seconds)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: fuzz TARGET SECONDS [SEED]; targets: {:?}",
            targets::TARGETS
        );
        std::process::exit(2);
    };
    let seconds: u64 = seconds.parse().unwrap_or(60);
    let seed: u64 = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let corpus_dir = root.join("corpus").join(target);
    let found_dir = root.join("found").join(target);
    let mut corpus: Vec<Vec<u8>> = std::fs::read_dir(&corpus_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let mut labels: HashSet<String> = HashSet::new();
    let mut failures: HashSet<String> = HashSet::new();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs: u64 = 0;
    while Instant::now() < deadline {
        let base = corpus
            .get(rng.below(corpus.len()))
            .cloned()
            .unwrap_or_default();
        let input = mutate(&mut rng, &base, &corpus);
        runs += 1;
        let outcome = std::panic::catch_unwind(|| targets::run(target, &input));
        let failure = match outcome {
            Ok(Ok(label)) => {
                if labels.insert(label.clone()) {
                    println!("new outcome after {runs} runs: {label}");
                    if labels.len() <= MAX_SAVED {
                        save(&corpus_dir, &input);
                    }
                    corpus.push(input);
                } else if corpus.len() < 2000 && rng.below(64) == 0 {
                    corpus.push(input);
                }
                continue;
            }
            Ok(Err(property)) => property,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                format!("panic: {message}")
            }
        };
        if failures.insert(failure.clone()) {
            eprintln!("FOUND after {runs} runs: {failure}");
            save(&found_dir, &input);
        }
    }
    println!(
        "{target}: {runs} runs in {seconds} s, {} outcome kinds, {} distinct failures",
        labels.len(),
        failures.len()
    );
}

//! The command line's answers on stdout, without panicking when stdout fails: a closed
//! pipe (`factmark list | head -1`) ends the command quietly, as other Unix tools do, and
//! any other write error (a full disk) is reported once, saying whether the change was
//! saved first, so a script that retries does not add the work twice.

use std::fmt;
use std::io::{self, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a command has saved the set (checked when output fails afterwards).
static SAVED: AtomicBool = AtomicBool::new(false);

/// Stdout could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}", describe(.0))]
pub struct OutputError(#[source] pub io::Error);

fn describe(err: &io::Error) -> String {
    if SAVED.load(Ordering::Relaxed) {
        format!(
            "the change was saved, but its output could not be written ({err}); do not run \
             the command again, check with `factmark list`"
        )
    } else {
        format!("could not write the output: {err}; nothing was changed")
    }
}

impl OutputError {
    /// Was stdout a pipe whose reader has gone (nothing to report)?
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Record that the set was saved (so an output error after it says so).
pub fn note_saved() {
    SAVED.store(true, Ordering::Relaxed);
}

/// Write one line to stdout.
pub fn write_line(args: fmt::Arguments<'_>) -> Result<(), OutputError> {
    let mut out = io::stdout().lock();
    out.write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(OutputError)
}

/// Write bytes to stdout as they are (an export).
pub fn write_bytes(bytes: &[u8]) -> Result<(), OutputError> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(OutputError)
}

/// `println!` for the command line's answers: returns [`OutputError`] through `?` instead
/// of panicking when stdout is closed or full.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::write_line(format_args!($($arg)*))?
    };
}
pub(crate) use outln;

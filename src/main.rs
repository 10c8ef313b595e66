//! The `factmark` binary: a subcommand goes to the command line, anything else opens the app.

use std::process::ExitCode;

use clap::Parser as _;
use factmark::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => run(command),
        None => open_app(cli.document, cli.layers),
    };
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        // A closed pipe (`factmark list | head -1`): the reader has what it wanted.
        Err(err)
            if err
                .downcast_ref::<factmark::cli::output::OutputError>()
                .is_some_and(factmark::cli::output::OutputError::is_closed_pipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            #[allow(clippy::print_stderr, reason = "main reports each error once")]
            {
                eprintln!("factmark: error: {}", one_line(&err));
            }
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line: "what: why: why".
/// A cause already spelled out by the message before it is not repeated.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(feature = "gui")]
fn open_app(
    document: Option<std::path::PathBuf>,
    layers: Vec<std::path::PathBuf>,
) -> anyhow::Result<i32> {
    factmark::ui::run(document, layers)?;
    Ok(0)
}

#[cfg(not(feature = "gui"))]
fn open_app(
    _document: Option<std::path::PathBuf>,
    _layers: Vec<std::path::PathBuf>,
) -> anyhow::Result<i32> {
    anyhow::bail!(
        "this factmark was built without the app (feature \"gui\"); use a subcommand, see `factmark --help`"
    )
}

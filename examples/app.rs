//! Run the desktop app: `cargo run --example app -- [DOCUMENT]`.

fn main() -> anyhow::Result<()> {
    factmark::ui::run(std::env::args_os().nth(1).map(std::path::PathBuf::from))
}

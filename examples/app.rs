//! Run the desktop app: `cargo run --example app -- [DOCUMENT]`.

#[cfg(feature = "gui")]
fn main() -> anyhow::Result<()> {
    factmark::ui::run(
        std::env::args_os().nth(1).map(std::path::PathBuf::from),
        Vec::new(),
    )
}

#[cfg(not(feature = "gui"))]
fn main() -> anyhow::Result<()> {
    anyhow::bail!("built without the `gui` feature; rebuild with default features")
}

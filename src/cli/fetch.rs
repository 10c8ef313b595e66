//! `factmark fetch URL [-o DIR]`: save a web page and a set for it, ready to annotate.

use std::path::PathBuf;

use clap::Args;

use crate::cli::output::{note_saved, outln};
use crate::cli::workspace::now;
use crate::store::RealFs;
use crate::store::fetch::{FetchLimits, fetch_to_folder};

/// Arguments of `factmark fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The page's address (http or https).
    pub url: String,
    /// Folder to save the page in [default: the current folder].
    #[arg(
        short = 'o',
        long = "output-dir",
        value_name = "DIR",
        default_value = "."
    )]
    pub output_dir: PathBuf,
}

/// Run `factmark fetch`: fetch the page (30 s, 16 MiB, 5 redirects at most), check its
/// text can be extracted, save it with its set and print the page's path.
pub fn run(args: &FetchArgs) -> anyhow::Result<i32> {
    let path = fetch_to_folder(
        &RealFs,
        &args.url,
        &args.output_dir,
        FetchLimits::default(),
        now(),
    )?;
    note_saved();
    outln!("{}", path.display());
    Ok(0)
}

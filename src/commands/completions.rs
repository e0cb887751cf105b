//! `cargo ship completions <shell>` and `cargo ship man`: generated from the same clap
//! definition as `--help`, so they cannot drift from it.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Exit;

pub fn run(args: &CompletionsArgs) -> Result<Exit> {
    // Completions are for the `cargo-ship` binary; `cargo ship …` is cargo's own command line.
    let mut command = Cli::command().bin_name("cargo-ship");
    clap_complete::generate(
        args.shell,
        &mut command,
        "cargo-ship",
        &mut std::io::stdout(),
    );
    Ok(Exit::Done)
}

/// The man page of `cargo-ship`: the options, then a section listing every subcommand.
pub fn man() -> Result<Exit> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    std::io::Write::write_all(&mut std::io::stdout(), &out)?;
    Ok(Exit::Done)
}

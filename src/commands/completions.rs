//! `cargo ship completions <shell>`: generated from the same clap definition as `--help`.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Exit;

pub fn run(args: &CompletionsArgs) -> Result<Exit> {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "cargo-ship",
        &mut std::io::stdout(),
    );
    Ok(Exit::Done)
}

//! One file per subcommand: each turns parsed arguments into calls of the modules that do the
//! work, prints the result, and returns the exit code.

mod check;
mod completions;
mod hook;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::error::{Exit, cannot_run};
use crate::ui::Ui;

pub fn run(cli: Cli, ui: &Ui) -> Result<Exit> {
    match &cli.command {
        Command::Check(args) => check::run(args, &cli.global, ui),
        Command::Completions(args) => completions::run(args),
        Command::Hook(command) => hook::run(command, ui),
        Command::Suggest(_) => not_yet("suggest"),
        Command::Package(_) => not_yet("package"),
        Command::Publish(_) => not_yet("publish"),
        Command::Yank(_) => not_yet("yank"),
        Command::Major(_)
        | Command::Minor(_)
        | Command::Patch(_)
        | Command::Release(_)
        | Command::Rc(_)
        | Command::Beta(_)
        | Command::Alpha(_)
        | Command::Auto(_)
        | Command::Version(_) => not_yet("<level>"),
    }
}

fn not_yet(command: &str) -> Result<Exit> {
    Err(cannot_run(format!(
        "`cargo ship {command}` is not implemented yet in this version of cargo-ship"
    )))
}

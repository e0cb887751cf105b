//! One file per subcommand: each turns parsed arguments into calls of the modules that do the
//! work, prints the result, and returns the exit code.

mod check;
mod completions;
mod hook;
mod package;
mod publish;
mod release;
mod suggest;
mod yank;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::error::Exit;
use crate::ui::Ui;
use crate::version::{Level, PreKind};

pub fn run(cli: Cli, ui: &Ui) -> Result<Exit> {
    match &cli.command {
        Command::Check(args) => check::run(args, &cli.global, ui),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
        Command::Hook(command) => hook::run(command, ui),
        Command::Suggest(args) => suggest::run(args, &cli.global, ui),
        Command::Package(args) => package::run(args, &cli.global, ui),
        Command::Publish(args) => publish::run(args, &cli.global, ui),
        Command::Yank(args) => yank::run(args, &cli.global, ui),
        Command::Major(args) => release::run_level(Level::Major, args, &cli.global, ui),
        Command::Minor(args) => release::run_level(Level::Minor, args, &cli.global, ui),
        Command::Patch(args) => release::run_level(Level::Patch, args, &cli.global, ui),
        Command::Release(args) => release::run_level(Level::Release, args, &cli.global, ui),
        Command::Rc(args) => release::run_level(Level::Pre(PreKind::Rc), args, &cli.global, ui),
        Command::Beta(args) => release::run_level(Level::Pre(PreKind::Beta), args, &cli.global, ui),
        Command::Alpha(args) => {
            release::run_level(Level::Pre(PreKind::Alpha), args, &cli.global, ui)
        }
        Command::Auto(args) => release::run_auto(args, &cli.global, ui),
        Command::Version(words) => release::run_explicit(words, &cli.global, ui),
    }
}

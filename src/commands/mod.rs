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
use crate::context::Context;
use crate::error::Exit;
use crate::ui::Ui;
use crate::version::{Level, PreKind};

pub fn run(cli: Cli, ui: &Ui) -> Result<Exit> {
    let cx = Context::new(&cli.global, ui)?;
    match &cli.command {
        Command::Check(args) => check::run(args, &cx),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
        Command::Hook(command) => hook::run(command, &cx),
        Command::Suggest(args) => suggest::run(args, &cx),
        Command::Package(args) => package::run(args, &cx),
        Command::Publish(args) => publish::run(args, &cx),
        Command::Yank(args) => yank::run(args, &cx),
        Command::Major(args) => release::run_level(Level::Major, args, &cx),
        Command::Minor(args) => release::run_level(Level::Minor, args, &cx),
        Command::Patch(args) => release::run_level(Level::Patch, args, &cx),
        Command::Release(args) => release::run_level(Level::Release, args, &cx),
        Command::Rc(args) => release::run_level(Level::Pre(PreKind::Rc), args, &cx),
        Command::Beta(args) => release::run_level(Level::Pre(PreKind::Beta), args, &cx),
        Command::Alpha(args) => release::run_level(Level::Pre(PreKind::Alpha), args, &cx),
        Command::Auto(args) => release::run_auto(args, &cx),
        Command::Version(words) => release::run_explicit(words, &cx),
    }
}

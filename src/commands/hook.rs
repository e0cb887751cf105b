//! `cargo ship hook install|uninstall`.

use anyhow::Result;

use crate::cli::HookCommand;
use crate::context::Context;
use crate::error::Exit;
use crate::hook::{self, Installed, Removed};

pub fn run(command: &HookCommand, cx: &Context) -> Result<Exit> {
    let (cwd, ui) = (&cx.cwd, cx.ui);
    match command {
        HookCommand::Install { force } => match hook::install(cwd, *force)? {
            Installed::New(path) => ui.status("Installed", path.display()),
            Installed::Updated(path) => ui.status("Updated", path.display()),
            Installed::Replaced { hook, backup } => {
                ui.status("Installed", hook.display());
                ui.note(format!(
                    "the previous hook was kept as `{}`",
                    backup.display()
                ));
            }
        },
        HookCommand::Uninstall => match hook::uninstall(cwd)? {
            Removed::Removed(path) => ui.status("Removed", path.display()),
            Removed::Restored(path) => {
                ui.status("Removed", path.display());
                ui.note("the hook it had replaced is back in place");
            }
            Removed::NotInstalled(path) => {
                ui.status(
                    "Unchanged",
                    format!("no cargo ship hook at {}", path.display()),
                );
            }
        },
    }
    Ok(Exit::Done)
}

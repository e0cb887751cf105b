//! `cargo ship <major|minor|patch|release|rc|beta|alpha|X.Y.Z>`.

use std::ffi::OsString;

use anyhow::Result;
use clap::Parser;

use crate::cli::{GlobalArgs, ReleaseArgs};
use crate::error::{Exit, cannot_run};
use crate::release;
use crate::ui::Ui;
use crate::version::Level;

pub fn run_level(level: Level, args: &ReleaseArgs, global: &GlobalArgs, ui: &Ui) -> Result<Exit> {
    release::run(Some(level), args, global, ui)
}

/// `cargo ship auto`: release at the suggested versions.
pub fn run_auto(args: &ReleaseArgs, global: &GlobalArgs, ui: &Ui) -> Result<Exit> {
    release::run(None, args, global, ui)
}

/// `cargo ship 1.4.0 [flags]`: clap hands over everything after the version, so the release
/// flags (and global ones) are parsed here with the same definitions.
#[derive(Debug, Parser)]
#[command(name = "cargo ship <VERSION>", no_binary_name = true)]
struct ExplicitVersion {
    #[command(flatten)]
    release: ReleaseArgs,
    #[command(flatten)]
    global: GlobalArgs,
}

pub fn run_explicit(words: &[OsString], global: &GlobalArgs, ui: &Ui) -> Result<Exit> {
    let Some(first) = words.first().and_then(|w| w.to_str()) else {
        return Err(cannot_run("expected a subcommand or a version"));
    };
    let version = semver::Version::parse(first).map_err(|_| {
        cannot_run(format!(
            "unrecognized subcommand or version `{first}`: see `cargo ship --help` (a version is \
             written X.Y.Z, e.g. `cargo ship 1.4.0`)"
        ))
    })?;
    let parsed = match ExplicitVersion::try_parse_from(&words[1..]) {
        Ok(parsed) => parsed,
        Err(err) => {
            let _ = err.print();
            return Ok(if err.use_stderr() {
                Exit::CannotRun
            } else {
                Exit::Done
            });
        }
    };
    let global = merge(global, &parsed.global);
    let ui = if global.verbose != 0 || global.quiet {
        Ui::new(&global)
    } else {
        ui.clone()
    };
    release::run(Some(Level::Exact(version)), &parsed.release, &global, &ui)
}

fn merge(before: &GlobalArgs, after: &GlobalArgs) -> GlobalArgs {
    let mut merged = before.clone();
    merged.verbose += after.verbose;
    merged.quiet |= after.quiet;
    merged.offline |= after.offline;
    if after.token.is_some() {
        merged.token = after.token.clone();
    }
    merged.config.extend(after.config.iter().cloned());
    if after.color != crate::cli::ColorWhen::Auto {
        merged.color = after.color;
    }
    merged
}

//! `cargo ship <major|minor|patch|release|rc|beta|alpha|X.Y.Z>`.

use std::ffi::OsString;

use anyhow::Result;
use clap::Parser;

use crate::cli::{GlobalArgs, ReleaseArgs};
use crate::context::Context;
use crate::error::{Exit, cannot_run};
use crate::release;
use crate::ui::Ui;
use crate::version::Level;

pub fn run_level(level: Level, args: &ReleaseArgs, cx: &Context) -> Result<Exit> {
    release::run(Some(level), args, cx)
}

/// `cargo ship auto`: release at the suggested versions.
pub fn run_auto(args: &ReleaseArgs, cx: &Context) -> Result<Exit> {
    release::run(None, args, cx)
}

// `cargo ship 1.4.0 [flags]`: clap hands over everything after the version, so the release
// flags (and global ones) are parsed here with the same definitions.
#[derive(Debug, Parser)]
#[command(
    name = "cargo ship <VERSION>",
    no_binary_name = true,
    about = "Release an explicit version: `cargo ship 1.4.0`, `cargo ship 2.0.0-rc.1` (it must be \
             greater than the current one)",
    after_long_help = crate::cli::VERSION_RULES
)]
struct ExplicitVersion {
    #[command(flatten)]
    release: ReleaseArgs,
    #[command(flatten)]
    global: GlobalArgs,
}

pub fn run_explicit(words: &[OsString], cx: &Context) -> Result<Exit> {
    let Some(first) = words.first().and_then(|w| w.to_str()) else {
        return Err(cannot_run("expected a subcommand or a version"));
    };
    let version = semver::Version::parse(first)
        .map_err(|_| cannot_run(unrecognized(first, &crate::cli::subcommand_names())))?;
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
    // The flags after the version count as if given before it: a context of their own.
    let global = merge(cx.global, &parsed.global);
    let ui = if global.verbose != 0 || global.quiet {
        Ui::new(&global)
    } else {
        cx.ui.clone()
    };
    let cx = Context::new(&global, &ui)?;
    release::run(Some(Level::Exact(version)), &parsed.release, &cx)
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

/// What to say of a first word that is neither a subcommand nor a version: the nearest
/// subcommand for a typo (`pacth`), the full version for a short or prefixed one (`1.2`,
/// `v2.0.0`).
fn unrecognized(word: &str, subcommands: &[String]) -> String {
    let general = format!(
        "unrecognized subcommand or version `{word}`: see `cargo ship --help` (a version is \
         written X.Y.Z, e.g. `cargo ship 1.4.0`)"
    );
    let bare = word.trim_start_matches(['v', 'V']);
    if bare != word && semver::Version::parse(bare).is_ok() {
        return format!("{general}; did you mean `cargo ship {bare}`?");
    }
    let parts: Vec<&str> = bare.split('.').collect();
    if (1..3).contains(&parts.len()) && parts.iter().all(|p| p.parse::<u64>().is_ok()) {
        let mut full = parts.clone();
        full.resize(3, "0");
        return format!("{general}; did you mean `cargo ship {}`?", full.join("."));
    }
    let nearest = subcommands
        .iter()
        .map(|name| (strsim::jaro_winkler(word, name), name))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((_, name)) => format!("{general}; did you mean `cargo ship {name}`?"),
        None => general,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_a_did_you_mean() {
        let names: Vec<String> = ["patch", "minor", "major", "check"]
            .map(String::from)
            .to_vec();
        for (word, meant) in [
            ("pacth", Some("patch")),
            ("minr", Some("minor")),
            ("1.2", Some("1.2.0")),
            ("v2.0.0", Some("2.0.0")),
            ("zzz", None),
        ] {
            let said = unrecognized(word, &names);
            match meant {
                Some(meant) => assert!(
                    said.ends_with(&format!("did you mean `cargo ship {meant}`?")),
                    "{word}: {said}"
                ),
                None => assert!(!said.contains("did you mean"), "{word}: {said}"),
            }
        }
    }
}

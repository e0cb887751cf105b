//! `cargo ship suggest`: the next version of each selected package, with every reason.

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use crate::changes::history;
use crate::changes::since::History;
use crate::changes::since::Published;
use crate::cli::{Format, SuggestArgs};
use crate::context::Context;
use crate::error::{Exit, cannot_run};
use crate::git::Git;
use crate::registry::index::Index;
use crate::settings::{LeftOut, Settings};
use crate::suggest::{self, Sources, Suggestion};
use crate::tree::Tree;
use crate::ui::{BOLD, CYAN};
use crate::workspace::Workspace;

pub fn run(args: &SuggestArgs, cx: &Context) -> Result<Exit> {
    let (_cwd, _global, ui) = (&cx.cwd, cx.global, cx.ui);
    let tree = Tree::Disk;
    let ws = cx.workspace(&tree, args.select.manifest_path.as_deref())?;
    let selected = ws.select(&args.select, false)?;
    let settings = Settings::for_workspace(&ws)?;
    let repository = open_repository(&ws)?;
    if let (Some(since), Some((git, _, _))) = (&args.since, &repository) {
        let found = git.output(&[
            "rev-parse",
            "--verify",
            "-q",
            &format!("{since}^{{commit}}"),
        ])?;
        if !found.status.success() {
            return Err(cannot_run(format!(
                "--since `{since}` is not a revision of the repository at `{}`",
                git.dir().display()
            )));
        }
    }
    if repository.is_none() {
        ui.note("no git history (not a repository, or no commits yet): only the changelog counts as evidence");
    }
    // A crate released without tags is found in the registry's index (one request each).
    let config = cx.config()?;
    let http = cx.http()?;
    let registry = config.choose(
        None,
        None,
        crate::publish::common_publish_list(&ws, &selected).as_deref(),
    );
    let index = match &registry {
        Ok(registry) if !http.is_offline() => Index::open(http, registry, None).ok(),
        _ => None,
    };
    let published =
        |name: &str, version: &semver::Version| index.as_ref()?.has_version(name, version);
    let sources = Sources {
        ws: &ws,
        tree: &tree,
        history: repository.as_ref().map(|(git, top, repo)| History {
            git,
            top: top.as_path(),
            tags: repo,
            published: index.is_some().then_some(&published as Published),
        }),
        since: args.since.as_deref(),
        api: args.api || settings.api_diff,
    };
    let mut suggestions = suggest::suggest_all(&sources, &selected)?;
    if args.select.packages.is_empty() {
        let target = registry.as_ref().ok();
        for suggestion in &mut suggestions {
            if let Some(why) = left_out(&ws, &suggestion.name, target)? {
                leave_out(suggestion, why);
            }
        }
    }
    let shallow = repository.as_ref().is_some_and(|(git, _, _)| {
        git.run(&["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|out| out.trim() == "true")
    });
    if shallow {
        for suggestion in &mut suggestions {
            suggestion.notes.push(
                "this is a shallow clone: its history may stop before the last release, so \
                 commits and tags can be missing (`git fetch --unshallow` fetches them)"
                    .into(),
            );
        }
    }
    match args.output.format {
        Format::Json => print_json(&suggestions)?,
        Format::Human => print_human(&suggestions),
    }
    Ok(Exit::Done)
}

/// Why a workspace release leaves `name` out, as `release` says it; `None` when it would
/// release it.
fn left_out(
    ws: &Workspace,
    name: &str,
    registry: Option<&crate::registry::config::Registry>,
) -> Result<Option<String>> {
    let Some(package) = ws.find(name) else {
        return Ok(None);
    };
    Ok(
        crate::settings::left_out(ws, package, registry, true)?.map(|why| match why {
            LeftOut::NotReleased { origin } => format!("`release = false` at {origin}"),
            LeftOut::NotPublished => "it is not published".to_string(),
        }),
    )
}

/// A member a workspace release leaves out has no next version: judging it would show
/// `toml_benchmarks 0.0.0 fix 0.0.0` for a crate that is never released.
fn leave_out(suggestion: &mut Suggestion, why: String) {
    suggestion.change = crate::version::Change::None;
    suggestion.next = None;
    suggestion.reasons.clear();
    suggestion.notes = vec![format!(
        "{why}: a workspace release leaves {} out (select it with -p to see its evidence)",
        suggestion.name
    )];
}

/// The repository around the workspace: git, its top directory, its tags.
pub fn open_repository(ws: &Workspace) -> Result<Option<(Git, PathBuf, history::Repo)>> {
    let probe = Git::new(&ws.root_dir);
    if !probe.is_repository() {
        return Ok(None);
    }
    let top = PathBuf::from(probe.run(&["rev-parse", "--show-toplevel"])?.trim_end());
    let git = Git::new(&top);
    let has_commits = git
        .output(&["rev-parse", "--verify", "-q", "HEAD"])
        .is_ok_and(|o| o.status.success());
    if !has_commits {
        return Ok(None);
    }
    let repo = history::Repo::read(&git)?;
    Ok(Some((git, top, repo)))
}

fn print_json(suggestions: &[Suggestion]) -> Result<()> {
    let packages = suggestions
        .iter()
        .map(|s| SuggestedJson {
            name: &s.name,
            current: s.current.to_string(),
            change: s.change.as_str(),
            next: s.next.as_ref().map(ToString::to_string),
            since: s.since(),
            reasons: s
                .reasons
                .iter()
                .map(|r| ReasonJson {
                    source: r.source,
                    change: r.change.as_str(),
                    detail: &r.detail,
                })
                .collect(),
            notes: &s.notes,
        })
        .collect();
    crate::error::print_json(&SuggestJson { packages })
}

/// `suggest --format json` (DESIGN.md): every note the human output shows is in `notes`.
#[derive(Serialize)]
struct SuggestJson<'a> {
    packages: Vec<SuggestedJson<'a>>,
}

#[derive(Serialize)]
struct SuggestedJson<'a> {
    name: &'a str,
    current: String,
    change: &'static str,
    next: Option<String>,
    since: Option<&'a str>,
    reasons: Vec<ReasonJson<'a>>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct ReasonJson<'a> {
    source: crate::suggest::Source,
    change: &'static str,
    detail: &'a str,
}

fn print_human(suggestions: &[Suggestion]) {
    let rows: Vec<[String; 5]> = suggestions
        .iter()
        .map(|s| {
            [
                s.name.clone(),
                s.current.to_string(),
                s.change.as_str().to_string(),
                s.next.as_ref().map_or("-".to_string(), ToString::to_string),
                s.since().map_or_else(|| since_text(s), str::to_string),
            ]
        })
        .collect();
    let header = ["package", "current", "change", "next", "since"].map(str::to_string);
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: &[String; 5]| {
        row.iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:width$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    anstream::println!("{BOLD}{}{BOLD:#}", line(&header));
    for row in &rows {
        println!("{}", line(row));
    }
    // A workspace between releases: one line for all the members with nothing to say but that.
    let unchanged: Vec<String> = suggestions
        .iter()
        .filter(|s| s.says_only_unchanged())
        .map(|s| s.name.clone())
        .collect();
    let summed_up = unchanged.len() > 1;
    for s in suggestions {
        if s.reasons.is_empty() && s.notes.is_empty() || summed_up && s.says_only_unchanged() {
            continue;
        }
        anstream::println!("\n{BOLD}{}{BOLD:#} since {}:", s.name, s.base);
        for reason in &s.reasons {
            let source = serde_json::to_value(reason.source)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            println!(
                "  {source:<9}  {:<8}  {}",
                reason.change.as_str(),
                reason.detail
            );
        }
        for note in &s.notes {
            anstream::println!("  {CYAN}note{CYAN:#}: {note}");
        }
    }
    if summed_up {
        anstream::println!(
            "\n{BOLD}unchanged{BOLD:#} since their last release: {} (no commit touches a file \
             they ship, their locked dependencies or a workspace dependency)",
            crate::words::summary(&unchanged)
        );
    }
}

fn since_text(s: &Suggestion) -> String {
    match &s.base {
        history::Base::VersionChange { commit } => crate::git::short(commit).to_string(),
        history::Base::Published { version, .. } => format!("{version} (registry)"),
        history::Base::Start => "(all history)".into(),
        _ => "-".into(),
    }
}

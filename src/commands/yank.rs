//! `cargo ship yank VERSION [--undo]`: read the index first (does the version exist, is it
//! already in the wanted state), show the request, send it (our client for `cargo:token`
//! credentials, `cargo yank` for other credential providers), then read the index again until
//! it shows the change.

use std::time::Duration;

use anyhow::Result;

use crate::cargo::Cargo;
use crate::check::rules::publish::{Publish as Setting, read};
use crate::cli::{Format, YankArgs};
use crate::context::Context;
use crate::error::{Exit, Failure, after_changes, cannot_run, refused};
use crate::registry::api;
use crate::registry::config::{Auth, Registry};
use crate::registry::index::Index;
use crate::report::{PackageSteps, Status, Step, StepLine, StepsReport};
use crate::tree::Tree;
use crate::workspace::Workspace;

/// How long the index gets to show a yank.
const CONFIRM_TIMEOUT: Duration = Duration::from_secs(30);

/// A yank (or unyank) as planned before anything is sent: which version, where, and how.
struct Plan<'a> {
    name: String,
    version: semver::Version,
    registry: Registry,
    auth: Auth,
    index: Index<'a>,
    step: Step,
    /// The yanked flag the index must show afterwards.
    wanted: bool,
}

impl Plan<'_> {
    /// "yanked" / "unyanked".
    fn done(&self) -> &'static str {
        if self.wanted { "yanked" } else { "unyanked" }
    }
}

/// What the preflight found to send.
struct Request {
    api_base: String,
    /// `DELETE …/yank (Authorization: ****)`, for the user and the JSON.
    shown: String,
}

pub fn run(args: &YankArgs, cx: &Context) -> Result<Exit> {
    let _lock = crate::release::take_lock(&cx.cwd, args.confirm.dry_run, cx.ui)?;
    let plan = plan(args, cx)?;
    let json = args.output.format == Format::Json;
    let Some(request) = preflight(&plan, args)? else {
        cx.ui.status(
            "Unchanged",
            format!(
                "{} {} is already {} in {}",
                plan.name,
                plan.version,
                plan.done(),
                plan.registry.display_name()
            ),
        );
        let why = format!("already {}", plan.done());
        print_json(json, &plan, Status::Skipped, &why)?;
        return Ok(Exit::Done);
    };
    if args.confirm.dry_run {
        let how = match plan.auth {
            Auth::Provider(_) => format!(
                "`cargo yank --version {}{}` (the credential provider holds the token): {}",
                plan.version,
                if args.undo { " --undo" } else { "" },
                request.shown
            ),
            _ => request.shown.clone(),
        };
        cx.ui.status("Would send", &how);
        print_json(json, &plan, Status::Planned, &how)?;
        return Ok(Exit::Done);
    }
    crate::publish::require_auth(&plan.registry, &plan.auth)?;
    let question = format!(
        "{} {} {} in {}?",
        capitalized(plan.step.as_str()),
        plan.name,
        plan.version,
        plan.registry.display_name()
    );
    if !cx.ui.consent(args.confirm.yes, &question)? {
        cx.ui.status("Cancelled", "nothing was sent");
        return Ok(Exit::Done);
    }
    execute(&plan, &request, args, cx, json)
}

/// The version, the crate, the registry and its credentials, the index: nothing is sent.
fn plan<'a>(args: &YankArgs, cx: &'a Context) -> Result<Plan<'a>> {
    let version = semver::Version::parse(args.version()).map_err(|err| {
        cannot_run(format!(
            "`{}` is not a version (X.Y.Z): {err}",
            args.version()
        ))
    })?;
    let (name, publish_list) = crate_name(args, cx)?;
    let config = cx.config()?;
    let registry = config.choose(
        args.registry.registry.as_deref(),
        args.registry.index.as_deref(),
        publish_list.as_deref(),
    )?;
    let auth = config.auth(&registry, cx.global.token.as_ref());
    let index = Index::open(cx.http()?, &registry, auth.token())?;
    let (step, wanted) = if args.undo {
        (Step::Unyank, false)
    } else {
        (Step::Yank, true)
    };
    Ok(Plan {
        name,
        version,
        registry,
        auth,
        index,
        step,
        wanted,
    })
}

/// Reads the index: the crate and the version must exist; `None` when the version is already
/// in the wanted state. Also finds the registry's web API.
fn preflight(plan: &Plan, args: &YankArgs) -> Result<Option<Request>> {
    let (name, version, registry) = (&plan.name, &plan.version, &plan.registry);
    let Some(entries) = plan.index.versions(name)? else {
        return Err(refused(format!(
            "{} has no crate named `{name}` (read from {})",
            registry.display_name(),
            plan.index.base()
        )));
    };
    let found = plan.index.find(name, version)?;
    let Some(entry) = found.as_ref() else {
        let published: Vec<&str> = entries.iter().map(|e| e.vers.as_str()).collect();
        return Err(refused(format!(
            "`{name}` has no version {version} in {}; published versions: {}",
            registry.display_name(),
            published.join(", ")
        )));
    };
    if entry.yanked == plan.wanted {
        return Ok(None);
    }
    let api_base = plan.index.config()?.api.clone().ok_or_else(|| {
        cannot_run(format!(
            "{} has no web API (config.json has no `api`)",
            registry.display_name()
        ))
    })?;
    let url = api::yank_url(&api_base, name, &version.to_string(), args.undo)?;
    let shown = format!(
        "{} {url} (Authorization: ****)",
        api::yank_method(args.undo)
    );
    Ok(Some(Request { api_base, shown }))
}

/// Sends the request (itself, or through cargo when a credential provider holds the token),
/// then reads the index until it shows the change.
fn execute(
    plan: &Plan,
    request: &Request,
    args: &YankArgs,
    cx: &Context,
    json: bool,
) -> Result<Exit> {
    let (name, version) = (&plan.name, &plan.version);
    match &plan.auth {
        Auth::Token(token, _) => api::yank(
            cx.http()?,
            &request.api_base,
            name,
            &version.to_string(),
            args.undo,
            token,
        )?,
        _ => yank_with_cargo(
            &cx.cwd,
            &cx.global.config,
            name,
            version,
            args.undo,
            &plan.registry,
            &plan.auth,
        )?,
    }
    if confirm(&plan.index, name, version, plan.wanted)? {
        cx.ui.status(
            &capitalized(plan.done()),
            format!(
                "{name} {version} in {} (the index shows it)",
                plan.registry.display_name()
            ),
        );
        print_json(json, plan, Status::Done, &request.shown)?;
        Ok(Exit::Done)
    } else {
        print_json(
            json,
            plan,
            Status::Failed,
            "the index does not show the change",
        )?;
        Err(anyhow::Error::new::<Failure>(after_changes(format!(
            "the {} request for {name} {version} was accepted, but after {}s the index of {} \
             still does not show it; check again later with `cargo ship yank {version}{} \
             --dry-run`",
            plan.step,
            CONFIRM_TIMEOUT.as_secs(),
            plan.registry.display_name(),
            if args.undo { " --undo" } else { "" }
        ))))
    }
}

/// The crate to yank: `-p NAME` (any crate name, even outside the workspace), else the current
/// package; with its `publish` list when its manifest is at hand.
fn crate_name(args: &YankArgs, cx: &Context) -> Result<(String, Option<Vec<String>>)> {
    let ws = cx.workspace(&Tree::Disk, args.manifest_path.as_deref());
    let publish_list = |ws: &Workspace, name: &str| {
        ws.find(name)
            .and_then(|p| match p.field(ws, "publish").map(read) {
                Ok(Ok(Setting::Only(names))) => Some(names),
                _ => None,
            })
    };
    match (&args.package, ws) {
        (Some(name), Ok(ws)) => Ok((name.clone(), publish_list(&ws, name))),
        (Some(name), Err(_)) => Ok((name.clone(), None)),
        (None, Ok(ws)) => {
            let selected = ws.select(&crate::cli::Select::default(), false)?;
            match selected.as_slice() {
                [package] => Ok((package.name.clone(), publish_list(&ws, &package.name))),
                _ => Err(cannot_run(format!(
                    "the workspace at `{}` has several packages: say which with -p NAME",
                    ws.root().path.display()
                ))),
            }
        }
        (None, Err(err)) => {
            Err(err.context("say which crate with -p NAME, or run in its directory"))
        }
    }
}

fn yank_with_cargo(
    cwd: &std::path::Path,
    config: &[String],
    name: &str,
    version: &semver::Version,
    undo: bool,
    registry: &Registry,
    auth: &Auth,
) -> Result<()> {
    let cargo = Cargo::new(&cwd.join("Cargo.toml"), config);
    let run = cargo.yank(
        name,
        &version.to_string(),
        undo,
        registry,
        auth,
        &mut |_| {},
    )?;
    if run.success {
        Ok(())
    } else {
        Err(cannot_run(format!("`cargo yank` failed: {}", run.error())))
    }
}

/// Reads the index until the entry shows the wanted state.
fn confirm(index: &Index, name: &str, version: &semver::Version, wanted: bool) -> Result<bool> {
    let shown = crate::wait::poll(Duration::from_millis(500), CONFIRM_TIMEOUT, || {
        let entries = index.versions_fresh(name)?.unwrap_or_default();
        Ok(entries
            .iter()
            .any(|e| e.is(version) && e.yanked == wanted)
            .then_some(()))
    })?;
    Ok(shown.is_some())
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn print_json(json: bool, plan: &Plan, status: Status, detail: &str) -> Result<()> {
    if json {
        crate::error::print_json(&StepsReport {
            packages: vec![PackageSteps {
                name: plan.name.clone(),
                version: plan.version.to_string(),
                previous_version: None,
                steps: vec![
                    StepLine::new(Step::Index, Status::Done, "read before the request"),
                    StepLine::new(plan.step, status, detail),
                ],
            }],
        })?;
    }
    Ok(())
}

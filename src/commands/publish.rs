//! `cargo ship publish`: the registry preflight, then one `cargo publish` for exactly the
//! selected crates not yet in the registry. A rerun after a failure publishes what is left.

use anyhow::Result;
use semver::Version;

use crate::cargo::Cargo;
use crate::cli::{Format, PublishArgs};
use crate::context::Context;
use crate::error::{Exit, Failure, after_changes, cannot_run, refused};
use crate::git::Git;
use crate::publish::{self, AlreadyPublished, Registries};
use crate::registry::config::{Auth, Registry};
use crate::report::{PackageSteps, Status, Step, StepLine, StepsReport};
use crate::settings::publishable;
use crate::tree::Tree;
use crate::workspace::current_version;
use crate::workspace::{Package, Workspace};

/// A publish as planned before the registry is asked: which crates, where, how they build.
struct Plan<'w> {
    crates: Vec<(&'w Package, Version)>,
    registry: Registry,
    auth: Auth,
    build: crate::settings::Build,
}

pub fn run(args: &PublishArgs, cx: &Context) -> Result<Exit> {
    let ui = cx.ui;
    let tree = Tree::Disk;
    let ws = cx.workspace(&tree, args.select.manifest_path.as_deref())?;
    let _lock = crate::release::take_lock(&ws.root_dir, args.confirm.dry_run, ui)?;
    let Some(plan) = plan(args, cx, &ws)? else {
        ui.status("Skipped", "no selected package is publishable");
        return Ok(Exit::Done);
    };
    let verdict = preflight(&plan, cx, &ws, &tree)?;
    let json = args.output.format == Format::Json;
    if verdict.pending.is_empty() {
        ui.status(
            "Published",
            "nothing: every selected crate is already in the registry",
        );
        print_json(json, &verdict, &[], Status::Skipped)?;
        return Ok(Exit::Done);
    }
    ui.status(
        "Publish",
        format!("{} to {}", listed(&verdict), plan.registry.display_name()),
    );
    if !args.confirm.dry_run
        && !ui.consent(
            args.confirm.yes,
            "Publish? (a published version can never be replaced)",
        )?
    {
        ui.status("Cancelled", "nothing was published");
        return Ok(Exit::Done);
    }
    execute(&plan, &verdict, args, cx, &ws, json)
}

/// The crates to publish (the selection less the unpublishable, refused when named with
/// `-p`), the registry and its credentials; a dirty tree is refused. `None`: nothing to do.
fn plan<'w>(args: &PublishArgs, cx: &Context, ws: &'w Workspace) -> Result<Option<Plan<'w>>> {
    let selected = ws.select(&args.select, false)?;
    let build = args
        .build
        .over(crate::settings::common_build(ws, &selected)?);
    let config = cx.config()?;
    let registry = config.choose(
        args.registry.registry.as_deref(),
        args.registry.index.as_deref(),
        publish::common_publish_list(ws, &selected).as_deref(),
    )?;
    let mut crates: Vec<(&Package, Version)> = Vec::new();
    for package in selected {
        if publishable(ws, package, Some(&registry))? {
            crates.push((package, current_version(ws, package)?));
        } else if !args.select.packages.is_empty() {
            return Err(refused(format!(
                "package `{}` may not be published to {} (`publish` in its manifest, or a missing `version`)",
                package.name,
                registry.display_name()
            )));
        } else {
            cx.ui.note(format!(
                "`{}` is not published (publish = false)",
                package.name
            ));
        }
    }
    if crates.is_empty() {
        return Ok(None);
    }
    let git = Git::new(&ws.root_dir);
    if !args.allow_dirty && git.is_repository() {
        let dirty = git.uncommitted_files()?;
        if !dirty.is_empty() {
            return Err(refused(format!(
                "the working tree has uncommitted changes that would be packaged: {}; commit them or pass --allow-dirty",
                dirty.join(", ")
            )));
        }
    }
    let auth = config.auth(&registry, cx.global.token.as_ref());
    Ok(Some(Plan {
        crates,
        registry,
        auth,
        build,
    }))
}

/// The registry's word before anything is uploaded: the token, the versions it already has
/// (skipped), every dependency available, the burst limits. Errors refuse the publish.
fn preflight(plan: &Plan, cx: &Context, ws: &Workspace, tree: &Tree) -> Result<publish::Verdict> {
    let registries = Registries {
        http: cx.http()?,
        config: cx.config()?,
        target: &plan.registry,
        auth: &plan.auth,
    };
    registries.require_auth()?;
    let verdict = publish::preflight(ws, tree, &registries, &plan.crates, AlreadyPublished::Skip)?;
    for diagnostic in &verdict.diagnostics {
        anstream::eprintln!("{}\n", diagnostic.render(ws, &cx.cwd));
    }
    if verdict.has_errors() {
        return Err(refused("nothing was published: fix the errors above first"));
    }
    for note in &verdict.rate_notes {
        cx.ui.warn(note);
    }
    for (name, version) in &verdict.published {
        cx.ui.status(
            "Skipped",
            format!(
                "{name} v{version}: already in {}",
                plan.registry.display_name()
            ),
        );
    }
    Ok(verdict)
}

/// `cargo publish` of what is left; a stop after some uploads says what is published and how
/// to finish (exit 3).
fn execute(
    plan: &Plan,
    verdict: &publish::Verdict,
    args: &PublishArgs,
    cx: &Context,
    ws: &Workspace,
    json: bool,
) -> Result<Exit> {
    let names: Vec<String> = verdict.pending.iter().map(|(n, _)| n.clone()).collect();
    let cargo = Cargo::new(&ws.root().path, &cx.global.config).with_build(&plan.build);
    match publish::run_cargo(
        &cargo,
        &names,
        &plan.registry,
        &plan.auth,
        args.confirm.dry_run,
        args.allow_dirty,
        cx.ui,
    ) {
        Ok(_) => {
            let (status, verb) = if args.confirm.dry_run {
                (Status::Planned, "Rehearsed")
            } else {
                (Status::Done, "Published")
            };
            print_json(json, verdict, &names, status)?;
            cx.ui.status(
                verb,
                format!("{} to {}", listed(verdict), plan.registry.display_name()),
            );
            Ok(Exit::Done)
        }
        Err(stopped) => {
            print_json(json, verdict, &stopped.uploaded, Status::Done)?;
            let message = format!(
                "publishing stopped: {stopped}.{}",
                if stopped.uploaded.is_empty() {
                    String::new()
                } else {
                    format!(
                        " To publish the rest, run `{}` (published crates are skipped)",
                        crate::cli::rerun_with_yes()
                    )
                }
            );
            if stopped.uploaded.is_empty() {
                Err(cannot_run(message))
            } else {
                Err(anyhow::Error::new::<Failure>(after_changes(message)))
            }
        }
    }
}

/// "alpha v0.1.0, beta v0.2.0": the crates left to publish.
fn listed(verdict: &publish::Verdict) -> String {
    verdict
        .pending
        .iter()
        .map(|(n, v)| format!("{n} v{v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_json(
    json: bool,
    verdict: &publish::Verdict,
    done: &[String],
    status: Status,
) -> Result<()> {
    if !json {
        return Ok(());
    }
    let entry = |name: &str, version: &semver::Version, steps| PackageSteps {
        name: name.to_string(),
        version: version.to_string(),
        previous_version: None,
        steps,
    };
    let mut packages = Vec::new();
    for (name, version) in &verdict.published {
        packages.push(entry(
            name,
            version,
            vec![
                StepLine::new(Step::Preflight, Status::Done, "already in the registry"),
                StepLine::new(Step::Publish, Status::Skipped, "already published"),
            ],
        ));
    }
    for (name, version) in &verdict.pending {
        let (step_status, detail) = if done.contains(name) {
            (status, "")
        } else if status == Status::Skipped {
            (Status::Skipped, "")
        } else {
            (Status::Failed, "not published")
        };
        packages.push(entry(
            name,
            version,
            vec![
                StepLine::new(Step::Preflight, Status::Done, ""),
                StepLine::new(Step::Publish, step_status, detail),
            ],
        ));
    }
    crate::error::print_json(&StepsReport { packages })
}

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
use crate::release::repo::dirty_files;
use crate::report::{PackageSteps, Status, Step, StepLine, StepsReport};
use crate::settings::publishable;
use crate::tree::Tree;
use crate::workspace::Package;
use crate::workspace::current_version;

pub fn run(args: &PublishArgs, cx: &Context) -> Result<Exit> {
    let (cwd, global, ui) = (&cx.cwd, cx.global, cx.ui);
    let tree = Tree::Disk;
    let ws = cx.workspace(&tree, args.select.manifest_path.as_deref())?;
    let selected = ws.select(&args.select, false)?;
    let build = args
        .build
        .over(crate::settings::common_build(&ws, &selected)?);
    let _lock = crate::release::take_lock(&ws.root_dir, args.confirm.dry_run, ui)?;
    let config = cx.config()?;
    let registry = config.choose(
        args.registry.registry.as_deref(),
        args.registry.index.as_deref(),
        publish::common_publish_list(&ws, &selected).as_deref(),
    )?;

    let mut crates: Vec<(&Package, Version)> = Vec::new();
    for package in &selected {
        if publishable(&ws, package, Some(&registry))? {
            crates.push((package, current_version(&ws, package)?));
        } else if !args.select.packages.is_empty() {
            return Err(refused(format!(
                "package `{}` may not be published to {} (`publish` in its manifest, or a missing `version`)",
                package.name,
                registry.display_name()
            )));
        } else {
            ui.note(format!(
                "`{}` is not published (publish = false)",
                package.name
            ));
        }
    }
    if crates.is_empty() {
        ui.status("Skipped", "no selected package is publishable");
        return Ok(Exit::Done);
    }
    let git = Git::new(&ws.root_dir);
    if !args.allow_dirty && git.is_repository() {
        let dirty = dirty_files(&git)?;
        if !dirty.is_empty() {
            return Err(refused(format!(
                "the working tree has uncommitted changes that would be packaged: {}; commit them or pass --allow-dirty",
                dirty.join(", ")
            )));
        }
    }

    let auth = config.auth(&registry, global.token.as_ref());
    let http = cx.http()?;
    let registries = Registries {
        http,
        config,
        target: &registry,
        auth: &auth,
    };
    registries.require_auth()?;
    let verdict = publish::preflight(&ws, &tree, &registries, &crates, AlreadyPublished::Skip)?;
    for diagnostic in &verdict.diagnostics {
        anstream::eprintln!("{}\n", diagnostic.render(&ws, cwd));
    }
    if verdict.has_errors() {
        return Err(refused("nothing was published: fix the errors above first"));
    }
    for note in &verdict.rate_notes {
        ui.warn(note);
    }
    for (name, version) in &verdict.published {
        ui.status(
            "Skipped",
            format!("{name} v{version}: already in {}", registry.display_name()),
        );
    }
    let json = args.output.format == Format::Json;
    let names: Vec<String> = verdict.pending.iter().map(|(n, _)| n.clone()).collect();
    if names.is_empty() {
        ui.status(
            "Published",
            "nothing: every selected crate is already in the registry",
        );
        print_json(json, &verdict, &[], Status::Skipped)?;
        return Ok(Exit::Done);
    }
    let listed: Vec<String> = verdict
        .pending
        .iter()
        .map(|(n, v)| format!("{n} v{v}"))
        .collect();
    ui.status(
        "Publish",
        format!("{} to {}", listed.join(", "), registry.display_name()),
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

    let cargo = Cargo::new(&ws.root().path, &global.config).with_build(&build);
    match publish::run_cargo(
        &cargo,
        &names,
        &registry,
        &auth,
        args.confirm.dry_run,
        args.allow_dirty,
        ui,
    ) {
        Ok(_) => {
            let status = if args.confirm.dry_run {
                Status::Planned
            } else {
                Status::Done
            };
            print_json(json, &verdict, &names, status)?;
            let verb = if args.confirm.dry_run {
                "Rehearsed"
            } else {
                "Published"
            };
            ui.status(
                verb,
                format!("{} to {}", listed.join(", "), registry.display_name()),
            );
            Ok(Exit::Done)
        }
        Err(stopped) => {
            print_json(json, &verdict, &stopped.uploaded, Status::Done)?;
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

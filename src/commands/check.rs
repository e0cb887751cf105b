//! `cargo ship check`: load the workspace (from disk or the git index), judge each selected
//! package, print the report, exit 1 on errors (or warnings with `--strict`).

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use crate::check::rules::publish::{self, Publish};
use crate::check::{PackageReport, Stage, check_package};
use crate::cli::{CheckArgs, Format};
use crate::context::Context;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Exit;
use crate::fix;
use crate::registry::config::{Config, Registry};
use crate::registry::index::Index;
use crate::tree::Tree;
use crate::ui::{BOLD, GREEN, RED, Ui, YELLOW};
use crate::workspace::{Package, Workspace};

pub fn run(args: &CheckArgs, cx: &Context) -> Result<Exit> {
    let (cwd, global, ui) = (&cx.cwd, cx.global, cx.ui);
    let tree = if args.staged {
        Tree::index(cwd)?
    } else {
        Tree::Disk
    };
    let config = cx.config()?;
    let ws = cx.workspace(&tree, args.select.manifest_path.as_deref())?;
    let mut reports = judge(&ws, &tree, config, args)?;
    if ui.verbose > 0 {
        show_setting_origins(&ws, &ws.select(&args.select, args.staged)?, ui);
    }
    if reports.is_empty() {
        // Silence here would read as "all is well".
        ui.status(
            "Nothing",
            "to check: no package is selected (every member is excluded)",
        );
    }
    if args.registry.is_some() && !args.staged && !global.offline && !config.offline() {
        note_published(&ws, cx, &mut reports)?;
    }
    if args.fix {
        let Some(fixed) = fix(&ws, &tree, &reports, cwd, args, ui)? else {
            return Ok(Exit::Done);
        };
        reports = judge(&fixed, &tree, config, args)?;
        return report(&fixed, cwd, &reports, args, ui);
    }
    report(&ws, cwd, &reports, args, ui)
}

/// `-v`: where each release setting that is not a default comes from, the workspace's once and
/// then what each package sets for itself.
fn show_setting_origins(ws: &Workspace, selected: &[&Package], ui: &Ui) {
    let Ok(workspace) = crate::settings::Settings::for_workspace(ws) else {
        return;
    };
    for (key, origin) in &workspace.origins {
        ui.verbose(
            "Setting",
            format!("`{key}` for the workspace from {origin}"),
        );
    }
    for package in selected {
        let Ok(own) = crate::settings::Settings::for_package(ws, package) else {
            continue;
        };
        for (key, origin) in &own.origins {
            if workspace.origins.get(key) != Some(origin) {
                ui.verbose(
                    "Setting",
                    format!("`{key}` for {} from {origin}", package.name),
                );
            }
        }
    }
}

/// Checks every selected package against its target registry.
fn judge(
    ws: &Workspace,
    tree: &Tree,
    config: &Config,
    args: &CheckArgs,
) -> Result<Vec<(PackageReport, Registry)>> {
    // A workspace-wide setting is judged with every member: report it once, with the first.
    let mut seen_settings = Vec::new();
    Ok(ws
        .select(&args.select, args.staged)?
        .into_iter()
        .map(|package| {
            let registry = target_registry(config, ws, package, args.registry.as_deref());
            let mut report = check_package(ws, tree, package, &registry, &Stage::Check);
            report.diagnostics.retain(|d| {
                d.file.is_none() || {
                    let key = (d.rule.id, d.message.clone(), d.file.clone());
                    !seen_settings.contains(&key) && {
                        seen_settings.push(key);
                        true
                    }
                }
            });
            (report, registry)
        })
        .collect())
}

/// `check --registry`: a note for each package whose current version is already published
/// (between releases that is the normal state, so it is never an error). An unreachable index
/// is a warning: judging the manifests does not need it.
fn note_published(
    ws: &Workspace,
    cx: &Context,
    reports: &mut [(PackageReport, Registry)],
) -> Result<()> {
    let (config, http, ui) = (cx.config()?, cx.http()?, cx.ui);
    for (report, registry) in reports.iter_mut().filter(|(r, _)| r.skipped.is_none()) {
        let Some(version) = report
            .version
            .as_deref()
            .and_then(|v| semver::Version::parse(v).ok())
        else {
            continue;
        };
        let auth = config.auth(registry, cx.global.token.as_ref());
        let found = Index::open(http, registry, auth.token())
            .and_then(|index| index.find(&report.name, &version));
        match found {
            Ok(Some(_)) => {
                let Some(package) = ws.find(&report.name) else {
                    continue;
                };
                report.diagnostics.push(
                    Diagnostic::new(
                        &crate::check::rules::registry::VERSION_ALREADY_PUBLISHED,
                        crate::check::severity(
                            &crate::check::rules::registry::VERSION_ALREADY_PUBLISHED,
                            registry.is_crates_io,
                            &Stage::Check,
                        ),
                        format!(
                            "{} {version} is already published in {}: the next release needs a new version",
                            report.name,
                            registry.display_name()
                        ),
                    )
                    .at(package.key_loc(ws, "version")),
                );
            }
            Ok(None) => {}
            Err(err) => {
                ui.warn(format!(
                    "could not read the index of {}: {err:#}",
                    registry.display_name()
                ));
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Prints the report and turns it into the exit code.
fn report(
    ws: &Workspace,
    cwd: &Path,
    reports: &[(PackageReport, Registry)],
    args: &CheckArgs,
    ui: &Ui,
) -> Result<Exit> {
    let errors: usize = reports.iter().map(|(r, _)| r.count(Severity::Error)).sum();
    let warnings: usize = reports
        .iter()
        .map(|(r, _)| r.count(Severity::Warning))
        .sum();
    match args.output.format {
        Format::Json => print_json(ws, reports, errors, warnings)?,
        Format::Human => print_human(ws, cwd, reports, ui),
    }
    let failed = errors > 0 || (args.strict && warnings > 0);
    if failed && args.output.format == Format::Human && !ui.quiet {
        let summary = match (errors, args.strict && warnings > 0) {
            (0, _) => format!("{} (--strict)", plural(warnings, "warning")),
            (_, true) => format!(
                "{} and {} (--strict)",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
            (_, false) => plural(errors, "error"),
        };
        anstream::println!("{RED}error{RED:#}: the check failed with {summary}");
    }
    Ok(if failed { Exit::Refused } else { Exit::Done })
}

/// `--fix`: plans the edits, shows them, writes them once the user agrees, and returns the
/// reloaded workspace (`None` for a dry run, which stops after showing the diff).
fn fix(
    ws: &Workspace,
    tree: &Tree,
    reports: &[(PackageReport, Registry)],
    cwd: &Path,
    args: &CheckArgs,
    ui: &Ui,
) -> Result<Option<Workspace>> {
    let selected = ws.select(&args.select, args.staged)?;
    let pairs: Vec<_> = selected
        .into_iter()
        .zip(reports.iter().map(|(r, _)| r))
        .collect();
    let plan = fix::plan(ws, tree, &pairs, cwd)?;
    for note in &plan.notes {
        ui.note(note);
    }
    if plan.edits.is_empty() {
        ui.status("Fixed", "nothing: no unambiguous fix applies");
    } else if args.dry_run || !args.yes {
        for change in &plan.changes {
            ui.status("Would fix", change);
        }
        if args.dry_run || ui.is_interactive() {
            for edit in &plan.edits {
                anstream::print!("{}", edit.diff(cwd));
            }
        }
    }
    if args.dry_run {
        ui.status("Dry run", "no file was written");
        return Ok(None);
    }
    if !plan.edits.is_empty() {
        if !ui.consent(args.yes, "Write these changes?")? {
            ui.status("Cancelled", "no file was written");
            return Ok(None);
        }
        for edit in &plan.edits {
            edit.write()?;
        }
        for change in &plan.changes {
            ui.status("Fixed", change);
        }
    }
    Workspace::load(tree, cwd, args.select.manifest_path.as_deref()).map(Some)
}

/// The registry a package is judged against: `--registry`, else cargo's choice for it.
fn target_registry(
    config: &Config,
    ws: &Workspace,
    package: &Package,
    explicit: Option<&str>,
) -> Registry {
    let allowed = match package.field(ws, "publish").map(publish::read) {
        Ok(Ok(Publish::Only(names))) => Some(names),
        _ => None,
    };
    config.choose_for_check(explicit, allowed.as_deref())
}

fn print_json(
    ws: &Workspace,
    reports: &[(PackageReport, Registry)],
    errors: usize,
    warnings: usize,
) -> Result<()> {
    let packages = reports
        .iter()
        .map(|(report, _)| CheckedJson {
            name: &report.name,
            version: report.version.as_deref(),
            manifest_path: &report.manifest_path,
            skipped: report.skipped.is_some(),
            diagnostics: report.diagnostics.iter().map(|d| d.to_json(ws)).collect(),
        })
        .collect();
    crate::error::print_json(&CheckJson {
        packages,
        errors,
        warnings,
    })
}

/// `check --format json` (DESIGN.md).
#[derive(Serialize)]
struct CheckJson<'a> {
    packages: Vec<CheckedJson<'a>>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct CheckedJson<'a> {
    name: &'a str,
    version: Option<&'a str>,
    manifest_path: &'a Path,
    skipped: bool,
    diagnostics: Vec<crate::diagnostic::DiagnosticJson<'a>>,
}

fn print_human(ws: &Workspace, cwd: &Path, reports: &[(PackageReport, Registry)], ui: &Ui) {
    // Each package's line, then its diagnostics under it. A problem in the workspace root is
    // shown once, with the first member, naming every member that inherits it. A skipped
    // package's only diagnostic is the note saying why; its line says it.
    let judged: Vec<&PackageReport> = reports.iter().map(|(r, _)| r).collect();
    let shown = crate::check::shown_once(ws, &judged);
    for ((report, registry), diagnostics) in reports.iter().zip(shown) {
        if !ui.quiet {
            anstream::println!("{}", summary_line(report, registry));
        }
        if report.skipped.is_some() {
            continue;
        }
        for diagnostic in diagnostics {
            if ui.quiet && diagnostic.severity != Severity::Error {
                continue;
            }
            anstream::println!("{}\n", diagnostic.render(ws, cwd));
        }
    }
}

/// `Checked alpha v0.1.0 for crates.io: 2 warnings` (or why it was skipped).
fn summary_line(report: &PackageReport, registry: &Registry) -> String {
    let name = format!(
        "{} v{}",
        report.name,
        report.version.as_deref().unwrap_or("0.0.0")
    );
    if let Some(reason) = &report.skipped {
        return format!("{YELLOW}{:>12}{YELLOW:#} {name}: {reason}", "Skipped");
    }
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let outcome = match (errors, warnings) {
        (0, 0) => format!("{BOLD}ready{BOLD:#}"),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    };
    let verb_style = if errors > 0 { RED } else { GREEN };
    format!(
        "{verb_style}{:>12}{verb_style:#} {name} for {}: {outcome}",
        "Checked",
        registry.display_name()
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

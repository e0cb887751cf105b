//! `cargo ship <level>`: plan, preflight, show, ask, then execute the same plan.

pub mod execute;
pub mod plan;
pub mod preflight;
pub mod repo;
pub mod resume;
pub mod show;

use anyhow::{Context, Result};

use crate::cargo::Cargo;
use crate::cli::{Format, GlobalArgs, ReleaseArgs};
use crate::error::{Exit, refused};
use crate::publish::{AlreadyPublished, Registries};
use crate::registry::config::{Auth, Config, Registry};
use crate::registry::http::Http;
use crate::registry::index::Index;
use crate::settings::Settings;
use crate::tree::Tree;
use crate::ui::Ui;
use crate::version::Level;
use crate::workspace::Workspace;

use crate::suggest::Sources;
use execute::{Executor, Status};
use plan::{Inputs, Publish, Request};

/// Runs a release at `level`, or at the suggested versions when `level` is `None` (`auto`).
pub fn run(level: Option<Level>, args: &ReleaseArgs, global: &GlobalArgs, ui: &Ui) -> Result<Exit> {
    let cwd = std::env::current_dir().context("could not read the current directory")?;
    let tree = Tree::Disk;
    let ws = Workspace::load(&tree, &cwd, args.select.manifest_path.as_deref())?;
    let selected = ws.select(&args.select, false)?;
    let config = Config::load(&cwd, &global.config)?;
    let settings = Settings::for_workspace(&ws)?;
    let repo = repo::RepoState::read(&ws.root_dir)?;
    let publishing = !args.no_publish && !args.no_commit;
    let registry = if publishing {
        let set = plan::release_set(&ws, &selected);
        Some(config.choose(
            args.registry.registry.as_deref(),
            args.registry.index.as_deref(),
            crate::publish::common_publish_list(&ws, &set).as_deref(),
        )?)
    } else {
        None
    };
    let auth = registry
        .as_ref()
        .map_or(Auth::Missing, |r| config.auth(r, global.token.as_ref()));
    let http = Http::new(ui, global.offline || config.offline());
    let mut inputs = Inputs {
        ws: &ws,
        tree: &tree,
        selected,
        repo: repo.as_ref(),
        settings: &settings,
        registry: registry.clone(),
        today: today(),
    };
    let mut request = Request {
        level: level.clone().unwrap_or(Level::Patch),
        exact: None,
        pre: args.pre.map(|p| match p {
            crate::cli::PreKind::Alpha => crate::version::PreKind::Alpha,
            crate::cli::PreKind::Beta => crate::version::PreKind::Beta,
            crate::cli::PreKind::Rc => crate::version::PreKind::Rc,
        }),
        no_commit: args.no_commit,
        no_tag: args.no_tag,
        no_push: args.no_push,
        no_publish: args.no_publish,
    };

    // The network is read by a real run and by `--dry-run --verify`, never by a plain dry run.
    let network = !args.confirm.dry_run || args.verify;
    let unpublished = |wanted: &[(String, semver::Version)]| -> Result<Vec<String>> {
        let Some(registry) = &registry else {
            return Ok(Vec::new());
        };
        let index = Index::open(&http, registry, token_of(&auth))?;
        let mut missing = Vec::new();
        for (name, version) in wanted {
            if index.find(name, version)?.is_none() {
                missing.push(name.clone());
            }
        }
        Ok(missing)
    };
    let pending: Option<resume::PendingUploads> = if network && registry.is_some() {
        Some(&unpublished)
    } else {
        None
    };
    let resumed = resume::detect(&inputs, &request, pending)?;
    let plan = match resumed {
        Some(plan) => plan,
        None => {
            // The evidence: commits and changelog; the API too when `api-diff = true` and the
            // run may build (not a plain dry run).
            let sources = Sources {
                ws: &ws,
                tree: &tree,
                git: repo.as_ref().map(|r| (&r.git, r.top.as_path(), &r.history)),
                since: None,
                api: settings.api_diff && network,
            };
            if level.is_none() {
                let suggestions = crate::suggest::suggest_all(&sources, &inputs.selected)?;
                let exact: std::collections::BTreeMap<String, semver::Version> = suggestions
                    .iter()
                    .filter_map(|s| s.next.clone().map(|next| (s.name.clone(), next)))
                    .collect();
                if exact.is_empty() {
                    ui.status(
                        "Nothing",
                        "to release: no change since the last release calls for a new version",
                    );
                    return Ok(Exit::Done);
                }
                inputs.selected.retain(|p| exact.contains_key(&p.name));
                request.exact = Some(exact);
            }
            let plan = plan::build(&inputs, &request)?;
            if level.is_some() {
                under_bump_guard(&sources, &inputs, &plan, args.force, ui)?;
            }
            plan
        }
    };

    let judge_against = registry
        .clone()
        .unwrap_or_else(|| config.choose_for_check(args.registry.registry.as_deref(), None));
    let findings = preflight::local(&inputs, &plan, &request, &judge_against, args.allow_dirty)?;
    for diagnostic in &findings.diagnostics {
        anstream::eprintln!("{}\n", diagnostic.render(&ws, &cwd));
    }
    if preflight::has_errors(&findings) {
        return Err(refused(
            "the release was refused before any change: fix the errors above (the rules are \
             judged against the planned versions)",
        ));
    }
    if network && let Publish::Crates { names, registry } = &plan.publish {
        registry_preflight(
            &inputs,
            &plan,
            names,
            registry,
            &auth,
            &http,
            &config,
            args,
            ui,
            &cwd,
            &global.config,
        )?;
    }

    let json = args.output.format == Format::Json;
    if args.confirm.dry_run {
        if json {
            let records = show::planned(&plan, &cwd, args.verify);
            println!(
                "{}",
                serde_json::to_string_pretty(&show::json(&plan, &records))?
            );
        } else {
            anstream::print!("{}", show::human(&plan, &cwd, true));
            let checked = if args.verify {
                "the registry checks and cargo package + verify passed"
            } else {
                "a real run first checks the registry and runs cargo package + verify"
            };
            ui.status("Dry run", format!("nothing was changed; {checked}"));
        }
        return Ok(Exit::Done);
    }

    if !json || ui.is_interactive() {
        anstream::eprint!("{}", show::human(&plan, &cwd, false));
    }
    if !ui.consent(args.confirm.yes, "Release?")? {
        ui.status("Cancelled", "nothing was changed");
        return Ok(Exit::Done);
    }
    let publisher = registry.as_ref().map(|registry| CargoPublisher {
        cargo: Cargo::new(&ws.root().path, &global.config),
        registry: registry.clone(),
        auth: auth.clone(),
        allow_dirty: args.allow_dirty,
    });
    let mut executor = Executor::new(
        &plan,
        repo.as_ref(),
        ui,
        &cwd,
        publisher.as_ref().map(|p| p as &dyn execute::Publisher),
        crate::cli::rerun_with_yes(),
    );
    let result = executor.run();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&show::json(&plan, &executor.records))?
        );
    }
    result?;
    let released: Vec<String> = plan
        .released
        .iter()
        .map(|r| format!("{} v{}", r.name, r.new))
        .collect();
    if !executor.records.iter().any(|r| r.status == Status::Failed) {
        ui.status("Released", released.join(", "));
    }
    Ok(Exit::Done)
}

/// Refuses a release whose versions are below what the evidence requires (exit 1), unless
/// `--force`, which turns the refusal into a warning.
fn under_bump_guard(
    sources: &Sources,
    inputs: &Inputs,
    plan: &plan::Plan,
    force: bool,
    ui: &Ui,
) -> Result<()> {
    let packages: Vec<&crate::workspace::Package> = plan
        .released
        .iter()
        .map(|r| &inputs.ws.members[r.member])
        .collect();
    let suggestions = crate::suggest::suggest_all(sources, &packages)?;
    for (release, suggestion) in plan.released.iter().zip(&suggestions) {
        if let Err(message) = crate::suggest::guard(suggestion, &release.new) {
            if force {
                ui.warn(format!("{message} (--force: releasing anyway)"));
            } else {
                return Err(refused(message));
            }
        }
    }
    Ok(())
}

fn token_of(auth: &Auth) -> Option<crate::cli::Secret> {
    match auth {
        Auth::Token(token, _) => Some(token.clone()),
        _ => None,
    }
}

/// Before any change: a token exists, the registry answers, the planned versions are new, every
/// dependency is available, and `cargo package` builds each crate to publish.
#[allow(clippy::too_many_arguments)]
fn registry_preflight(
    inputs: &Inputs,
    plan: &plan::Plan,
    names: &[String],
    registry: &Registry,
    auth: &Auth,
    http: &Http,
    config: &Config,
    args: &ReleaseArgs,
    ui: &Ui,
    cwd: &std::path::Path,
    config_overrides: &[String],
) -> Result<()> {
    let registries = Registries {
        http,
        config,
        target: registry,
        auth,
    };
    registries.require_auth()?;
    let crates: Vec<(&crate::workspace::Package, semver::Version)> = plan
        .released
        .iter()
        .filter(|r| names.contains(&r.name))
        .map(|r| (&inputs.ws.members[r.member], r.new.clone()))
        .collect();
    let already = if plan.resuming.is_some() {
        AlreadyPublished::Skip
    } else {
        AlreadyPublished::Refuse
    };
    let verdict = crate::publish::preflight(inputs.ws, inputs.tree, &registries, &crates, already)?;
    for diagnostic in &verdict.diagnostics {
        anstream::eprintln!("{}\n", diagnostic.render(inputs.ws, cwd));
    }
    if verdict.has_errors() {
        return Err(refused(
            "the release was refused before any change: the registry checks failed (see above)",
        ));
    }
    for note in &verdict.rate_notes {
        ui.warn(note);
    }
    if plan.resuming.is_some() {
        return Ok(());
    }
    let cargo = Cargo::new(&inputs.ws.root().path, config_overrides);
    let progress = ui.spinner("Verifying", format!("cargo package {}", names.join(", ")));
    let run = cargo.package(
        names,
        Some((registry, auth)),
        args.allow_dirty,
        false,
        &mut |line| ui.relay_cargo(&progress, line),
    )?;
    progress.finish();
    if !run.success {
        return Err(refused(format!(
            "the release was refused before any change: `cargo package` failed: {}",
            run.error()
        )));
    }
    ui.status(
        "Verified",
        format!("{} package and build", names.join(", ")),
    );
    Ok(())
}

/// Publishes a release's crates with `cargo publish`.
struct CargoPublisher {
    cargo: Cargo,
    registry: Registry,
    auth: Auth,
    allow_dirty: bool,
}

impl execute::Publisher for CargoPublisher {
    fn publish(&self, names: &[String], ui: &Ui) -> Result<Vec<String>> {
        crate::publish::run_cargo(
            &self.cargo,
            names,
            &self.registry,
            &self.auth,
            false,
            self.allow_dirty,
            ui,
        )
        .map_err(|stopped| {
            anyhow::anyhow!(
                "{} (published: {}; not published: {})",
                stopped.message,
                if stopped.uploaded.is_empty() {
                    "none".to_string()
                } else {
                    stopped.uploaded.join(", ")
                },
                stopped.not_uploaded.join(", ")
            )
        })
    }
}

/// Today's date (UTC) as YYYY-MM-DD, or `SOURCE_DATE_EPOCH`'s for reproducible output.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_418), (2025, 11, 26));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}

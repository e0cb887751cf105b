//! Publishing, shared by `cargo ship publish` and the release pipeline: the registry preflight
//! (what is already published, rules for new crates, dependencies present in their
//! registries, rate limits), then one `cargo publish -p … -p …` for what is left, waiting out
//! HTTP 429 answers and resuming.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Result;
use semver::{Version, VersionReq};

use crate::cargo::{Cargo, Run};
use crate::check::{Stage, check_package};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::cannot_run;
use crate::registry::config::{Auth, Config, Registry};
use crate::registry::http::Http;
use crate::registry::index::Index;
use crate::tree::Tree;
use crate::ui::Ui;
use crate::workspace::{Dep, Package, Workspace};

/// crates.io's publish rate limits: new crates burst 5 then 1 per 10 minutes; new versions
/// burst 30 then 1 per minute.
const NEW_CRATE_BURST: usize = 5;
const NEW_CRATE_INTERVAL: u64 = 600;
const NEW_VERSION_BURST: usize = 30;
const NEW_VERSION_INTERVAL: u64 = 60;

/// The one registry every given package's `publish` list names, if they agree (cargo picks
/// it when nothing else names a registry).
pub fn common_publish_list(ws: &Workspace, packages: &[&Package]) -> Option<Vec<String>> {
    use crate::check::rules::publish::{Publish as Setting, read};
    let mut common: Option<Vec<String>> = None;
    for package in packages {
        if let Ok(Ok(Setting::Only(names))) = package.field(ws, "publish").map(read) {
            match &common {
                None => common = Some(names),
                Some(existing) if *existing == names => {}
                Some(_) => return None,
            }
        }
    }
    common
}

/// The outcome of the registry preflight.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Crates to publish, in the order given.
    pub pending: Vec<(String, Version)>,
    /// Already in the index: skipped (a rerun resumes this way).
    pub published: Vec<(String, Version)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings about crates.io's rate limits, with the time the plan takes.
    pub rate_notes: Vec<String>,
}

impl Verdict {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// How a preflight treats a version already in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlreadyPublished {
    /// `cargo ship publish`, or a resumed release: skip it.
    Skip,
    /// A fresh release: the planned version must be new.
    Refuse,
}

pub struct Registries<'a> {
    pub http: &'a Http,
    pub config: &'a Config,
    pub target: &'a Registry,
    pub auth: &'a Auth,
}

impl Registries<'_> {
    /// Refuses early when no credential can reach the registry.
    pub fn require_auth(&self) -> Result<()> {
        require_auth(self.target, self.auth)
    }
}

/// Refuses (exit 2) when no credential for `target` exists anywhere cargo would look.
pub fn require_auth(target: &Registry, auth: &Auth) -> Result<()> {
    if !matches!(auth, Auth::Missing) {
        return Ok(());
    }
    let name = target.name.clone().unwrap_or_else(|| "<name>".into());
    let variable = if target.is_crates_io {
        "CARGO_REGISTRY_TOKEN".to_string()
    } else {
        format!(
            "CARGO_REGISTRIES_{}_TOKEN",
            crate::registry::config::env_name(&name)
        )
    };
    Err(cannot_run(format!(
        "no token for {}: set {variable}, run `cargo login --registry {name}`, or pass --token",
        target.display_name()
    )))
}

/// A registry rule's severity when publishing: the preflight of an upload.
fn publish_severity(rule: &crate::check::rules::Rule, registries: &Registries) -> Severity {
    crate::check::severity(
        rule,
        registries.target.is_crates_io,
        &crate::check::Stage::Preflight {
            planned_version: None,
            new_crate: false,
        },
    )
}

/// Checks each crate against the registry: already published, new-crate limits, and that every
/// dependency's required version exists in its own registry (or earlier in this plan).
pub fn preflight(
    ws: &Workspace,
    tree: &Tree,
    registries: &Registries,
    crates: &[(&Package, Version)],
    already: AlreadyPublished,
) -> Result<Verdict> {
    let index = Index::open(registries.http, registries.target, registries.auth.token())?;
    let config = index.config()?;
    // cargo hands our token to the registry's API: the same rule as our own requests (https,
    // or plain http to loopback only), checked before cargo runs.
    if let (Auth::Token(..), Some(api)) = (registries.auth, &config.api) {
        let url = url::Url::parse(api).map_err(|err| {
            cannot_run(format!(
                "the API URL `{api}` in {}'s config.json is not a URL: {err}",
                registries.target.display_name()
            ))
        })?;
        crate::registry::http::ensure_safe_for_token(&url)?;
        // A wrong token found now refuses before any change, not after the commit and tag.
        if let Auth::Token(token, _) = registries.auth
            && !registries.http.is_offline()
        {
            crate::registry::api::check_token(registries.http, api, token)?;
        }
    }
    let mut verdict = Verdict::default();
    let mut new_crates = 0;
    for (package, version) in crates {
        let entries = index.versions(&package.name)?;
        let new_crate = entries.is_none();
        let exists = !new_crate && index.find(&package.name, version)?.is_some();
        if exists {
            match already {
                AlreadyPublished::Skip => {
                    verdict.published.push((package.name.clone(), version.clone()));
                    continue;
                }
                AlreadyPublished::Refuse => verdict.diagnostics.push(
                    Diagnostic::new(
                        &crate::check::rules::registry::VERSION_ALREADY_PUBLISHED,
                        publish_severity(
                            &crate::check::rules::registry::VERSION_ALREADY_PUBLISHED,
                            registries,
                        ),
                        format!(
                            "{} {version} is already published in {} (a published version can never be replaced)",
                            package.name,
                            registries.target.display_name()
                        ),
                    )
                    .at(package.key_loc(ws, "version"))
                    .help("release a greater version"),
                ),
            }
        }
        if new_crate {
            new_crates += 1;
        }
        let stage = Stage::Preflight {
            planned_version: Some(version.clone()),
            new_crate,
        };
        let report = check_package(ws, tree, package, registries.target, &stage);
        verdict.diagnostics.extend(report.diagnostics);
        verdict
            .pending
            .push((package.name.clone(), version.clone()));
    }
    check_dependencies(ws, registries, &index, crates, &mut verdict)?;
    if registries.target.is_crates_io {
        verdict.rate_notes = rate_notes(new_crates, verdict.pending.len() - new_crates);
    }
    Ok(verdict)
}

/// `dependency-not-in-registry` for every dependency that will be uploaded with a crate.
fn check_dependencies(
    ws: &Workspace,
    registries: &Registries,
    target_index: &Index,
    crates: &[(&Package, Version)],
    verdict: &mut Verdict,
) -> Result<()> {
    let planned: BTreeMap<&str, &Version> = verdict
        .pending
        .iter()
        .chain(&verdict.published)
        .map(|(name, version)| (name.as_str(), version))
        .collect();
    let mut other_indexes: BTreeMap<String, Index> = BTreeMap::new();
    for (package, _) in crates
        .iter()
        .filter(|(p, _)| verdict.pending.iter().any(|(n, _)| *n == p.name))
    {
        for dep in package.dependencies(ws).into_iter().flatten() {
            if !dep.is_packaged() {
                continue;
            }
            let Some((requirement, _)) = dep.version else {
                continue;
            };
            let Ok(req) = VersionReq::parse(requirement) else {
                continue;
            };
            let registry = dependency_registry(registries, &dep)?;
            if registry == *registries.target
                && let Some(version) = planned.get(dep.crate_name())
                && req.matches(version)
            {
                continue;
            }
            let index = if registry == *registries.target {
                target_index
            } else {
                let key = registry.index.clone();
                if !other_indexes.contains_key(&key) {
                    other_indexes
                        .insert(key.clone(), Index::open(registries.http, &registry, None)?);
                }
                &other_indexes[&key]
            };
            let found = index.versions(dep.crate_name())?.is_some_and(|entries| {
                entries
                    .iter()
                    .filter(|e| !e.yanked)
                    .filter_map(|e| e.version())
                    .any(|v| req.matches(&v))
            });
            if !found {
                verdict.diagnostics.push(
                    Diagnostic::new(
                        &crate::check::rules::registry::DEPENDENCY_NOT_IN_REGISTRY,
                        publish_severity(
                            &crate::check::rules::registry::DEPENDENCY_NOT_IN_REGISTRY,
                            registries,
                        ),
                        format!(
                            "`{}` depends on `{}` {requirement}, which {} does not have",
                            package.name,
                            dep.crate_name(),
                            registry.display_name()
                        ),
                    )
                    .at(dep.spec_loc())
                    .help("publish that version of the dependency first, or release both together"),
                );
            }
        }
    }
    Ok(())
}

/// Where a dependency is resolved from once packaged: its `registry` (or `registry-index`),
/// else crates.io, also for a path dependency (cargo drops the path and keeps the version).
fn dependency_registry(registries: &Registries, dep: &Dep) -> Result<Registry> {
    if let Some((name, _)) = &dep.registry {
        return registries.config.choose(Some(name), None, None);
    }
    if let Some(index) = dep.registry_index {
        return registries.config.choose(None, Some(index), None);
    }
    Ok(Registry::crates_io())
}

fn rate_notes(new_crates: usize, new_versions: usize) -> Vec<String> {
    let mut notes = Vec::new();
    if new_crates > NEW_CRATE_BURST {
        let minutes = (new_crates - NEW_CRATE_BURST) as u64 * NEW_CRATE_INTERVAL / 60;
        notes.push(format!(
            "{new_crates} new crates: crates.io accepts {NEW_CRATE_BURST} at once, then one every 10 minutes; expect about {minutes} minutes of waiting"
        ));
    }
    if new_versions > NEW_VERSION_BURST {
        let minutes = (new_versions - NEW_VERSION_BURST) as u64 * NEW_VERSION_INTERVAL / 60;
        notes.push(format!(
            "{new_versions} new versions: crates.io accepts {NEW_VERSION_BURST} at once, then one a minute; expect about {minutes} minutes of waiting"
        ));
    }
    notes
}

/// A publish that stopped: what was uploaded before it did.
#[derive(Debug)]
pub struct Stopped {
    pub uploaded: Vec<String>,
    pub not_uploaded: Vec<String>,
    pub message: String,
}

/// Why publishing stopped and where it left each crate: the part of every error message that
/// tells the user what is already on the registry for good.
impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let uploaded = if self.uploaded.is_empty() {
            "none".to_string()
        } else {
            self.uploaded.join(", ")
        };
        write!(
            f,
            "{} (published: {uploaded}; not published: {})",
            self.message,
            self.not_uploaded.join(", ")
        )
    }
}

/// Runs `cargo publish` for `names` (dry run: `--dry-run`), showing progress; on HTTP 429
/// waits (the time crates.io names, else its documented rate) with a countdown and resumes
/// with what is left.
pub fn run_cargo(
    cargo: &Cargo,
    names: &[String],
    registry: &Registry,
    auth: &Auth,
    dry_run: bool,
    allow_dirty: bool,
    ui: &Ui,
) -> std::result::Result<Vec<String>, Stopped> {
    let mut left: Vec<String> = names.to_vec();
    let mut uploaded: Vec<String> = Vec::new();
    let verb = if dry_run { "Rehearsing" } else { "Publishing" };
    let mut refused_in_a_row = 0;
    loop {
        let progress = ui.spinner(verb, left.join(", "));
        let result = cargo.publish(&left, registry, auth, dry_run, allow_dirty, &mut |line| {
            ui.relay_cargo(&progress, line)
        });
        progress.finish();
        let run: Run = match result {
            Ok(run) => run,
            Err(err) => {
                return Err(Stopped {
                    not_uploaded: left,
                    uploaded,
                    message: format!("{err:#}"),
                });
            }
        };
        let now_uploaded: Vec<String> = run.uploaded().into_iter().map(|(name, _)| name).collect();
        uploaded.extend(now_uploaded.iter().cloned());
        left.retain(|name| !now_uploaded.contains(name));
        if run.success {
            let verb = if dry_run { "rehearsed" } else { "published" };
            return Ok(names
                .iter()
                .map(|_| format!("{verb} to {}", registry.display_name()))
                .collect());
        }
        let error = run.error();
        // An upload the registry accepted just before an interruption, not yet in the index
        // the preflight read: it is published, go on with the rest.
        if let Some(name) = already_exists(&error, &left) {
            ui.status(
                "Skipped",
                format!("{name}: the registry already has this version"),
            );
            uploaded.push(name.clone());
            left.retain(|n| *n != name);
            if left.is_empty() {
                return Ok(names
                    .iter()
                    .map(|_| format!("published to {}", registry.display_name()))
                    .collect());
            }
            continue;
        }
        refused_in_a_row = if now_uploaded.is_empty() {
            refused_in_a_row + 1
        } else {
            1
        };
        // A registry that keeps refusing (an hour's `Retry-After` cargo does not show us) is
        // not waited out forever: stop, saying what is published, and let a rerun resume.
        if is_rate_limited(&error) && refused_in_a_row > RATE_LIMIT_ROUNDS {
            return Err(Stopped {
                uploaded,
                not_uploaded: left,
                message: format!(
                    "{} kept answering HTTP 429 (rate limit) after {RATE_LIMIT_ROUNDS} waits; \
                     stopped rather than retry without end. {error}",
                    registry.display_name()
                ),
            });
        }
        if is_rate_limited(&error) && !left.is_empty() {
            let wait = rate_limit_wait(&error);
            let why = format!("{} answered HTTP 429 (rate limit)", registry.display_name());
            if !countdown(ui, wait, &why) {
                return Err(Stopped {
                    uploaded,
                    not_uploaded: left,
                    message: format!("interrupted (Ctrl-C) while waiting: {why}"),
                });
            }
            continue;
        }
        return Err(Stopped {
            uploaded,
            not_uploaded: left,
            message: error,
        });
    }
}

/// How many rate-limit waits in a row, without an upload between them, before stopping.
const RATE_LIMIT_ROUNDS: u32 = 3;

/// The crate cargo failed to publish because the registry already has that version.
fn already_exists(error: &str, left: &[String]) -> Option<String> {
    if !(error.contains("already exists") || error.contains("already uploaded")) {
        return None;
    }
    let (_, rest) = error.split_once("failed to publish ")?;
    let name = rest.split_whitespace().next()?;
    left.iter().find(|n| *n == name).cloned()
}

/// How long crates.io asks to wait: the time in its "try again after …" message, else its
/// documented rate for new crates or new versions.
/// Whether cargo's error is the registry's HTTP 429 answer. Cargo writes it as
/// "the remote server responded with an error (status 429 Too Many Requests): …"; a bare "429"
/// is not enough (a registry on port 34291 has it in every URL).
fn is_rate_limited(error: &str) -> bool {
    error.contains("(status 429") || error.contains("got 429")
}

fn rate_limit_wait(error: &str) -> Duration {
    if let Some((_, rest)) = error.split_once("try again after ") {
        let when = rest
            .split(" or ")
            .next()
            .unwrap_or(rest)
            .trim()
            .trim_end_matches('.');
        if let Ok(time) = httpdate::parse_http_date(when)
            && let Ok(wait) = time.duration_since(std::time::SystemTime::now())
        {
            return wait + Duration::from_secs(1);
        }
    }
    if error.contains("new crate") {
        Duration::from_secs(NEW_CRATE_INTERVAL)
    } else {
        Duration::from_secs(NEW_VERSION_INTERVAL)
    }
}

/// Waits `wait` with a countdown on the terminal; `false` when Ctrl-C cut it short.
fn countdown(ui: &Ui, wait: Duration, why: &str) -> bool {
    let seconds = wait.as_secs().max(1);
    let progress = ui.spinner("Waiting", format!("{seconds}s: {why}"));
    let waited = crate::wait::pause(Duration::from_secs(seconds), |left| {
        progress.set_message(format!("{left}s: {why}"));
    });
    progress.finish();
    waited
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_the_registry_already_has_is_recognised() {
        let left = vec!["beta".to_string(), "gamma".to_string()];
        let kellnr = "failed to publish beta v0.2.0 to registry at http://127.0.0.1:1 Caused by: the remote server responded with an error (status 500 Internal Server Error): ERROR: Crate with version already exists: beta-0.2.0";
        assert_eq!(already_exists(kellnr, &left), Some("beta".into()));
        assert_eq!(
            already_exists("failed to publish beta v0.2.0: status 403", &left),
            None
        );
    }

    #[test]
    fn rate_notes_estimate_the_wait() {
        assert!(rate_notes(5, 30).is_empty());
        let notes = rate_notes(7, 32);
        assert_eq!(notes.len(), 2);
        assert!(notes[0].contains("about 20 minutes"), "{notes:?}");
        assert!(notes[1].contains("about 2 minutes"), "{notes:?}");
    }

    #[test]
    fn only_the_registrys_429_answer_is_a_rate_limit() {
        assert!(is_rate_limited(
            "failed to publish to registry at https://crates.io\n\nCaused by:\n  the remote \
             server responded with an error (status 429 Too Many Requests): You have published \
             too many new crates in a short period of time."
        ));
        assert!(!is_rate_limited(
            "failed to publish to registry at http://127.0.0.1:34291/api/v1/crates/\n\nCaused \
             by:\n  the remote server responded with an error (status 403 Forbidden)"
        ));
    }

    #[test]
    fn the_429_wait_follows_the_message_or_the_documented_rate() {
        assert_eq!(
            rate_limit_wait("You have published too many new crates"),
            Duration::from_secs(600)
        );
        assert_eq!(
            rate_limit_wait("status 429 Too Many Requests"),
            Duration::from_secs(60)
        );
    }
}

//! `cargo ship <level>`: plan, preflight, show, ask, then execute the same plan.

pub mod execute;
mod journal;
pub mod plan;
pub mod preflight;
pub mod rehearsal;
mod replace;
pub mod repo;
pub mod resume;
pub mod show;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cargo::Cargo;
use crate::cli::{Format, GlobalArgs, ReleaseArgs};
use crate::context::Context;
use crate::error::{Exit, refused};
use crate::publish::{AlreadyPublished, Registries};
use crate::registry::config::{Auth, Config, Registry};
use crate::registry::http::Http;
use crate::registry::index::Index;
use crate::settings::{LeftOut, Settings};
use crate::tree::Tree;
use crate::ui::Ui;
use crate::version::Level;
use crate::workspace::Workspace;

use crate::report::Status;
use crate::suggest::Sources;
use execute::Executor;
use plan::{Inputs, Publish, Request};

/// The workspace as the plan's edits will leave it.
pub struct Planned<'a> {
    pub ws: &'a Workspace,
    pub tree: &'a Tree,
}

/// What a release run reads once and every step uses.
struct Environment<'a> {
    args: &'a ReleaseArgs,
    global: &'a GlobalArgs,
    ui: &'a Ui,
    cwd: &'a Path,
    config: &'a Config,
    settings: Settings,
    repo: Option<repo::RepoState>,
    /// The registry to publish to, when the release publishes.
    registry: Option<Registry>,
    /// The registry the crates go to, even with --no-publish: an untagged version is looked
    /// up there.
    lookup_registry: Option<Registry>,
    auth: Auth,
    http: &'a Http,
    /// How cargo packages and verifies the crates (settings, then flags).
    build: crate::settings::Build,
    /// The network is read by a real run and by `--dry-run --verify`, never by a plain dry run.
    network: bool,
    /// The diagnostics the local preflight showed, as rendered: the registry preflight judges
    /// the same rules again (knowing which crates are new) and says only what is new.
    shown: std::cell::RefCell<std::collections::HashSet<String>>,
}

/// Runs a release at `level`, or at the suggested versions when `level` is `None` (`auto`).
pub fn run(level: Option<Level>, args: &ReleaseArgs, cx: &Context) -> Result<Exit> {
    let (cwd, ui) = (&cx.cwd, cx.ui);
    // Before anything is read: a second release at once would plan from a tree the first one
    // is rewriting.
    // The repository is the one holding the manifest (`--manifest-path` may name another).
    let repo_dir = match args
        .select
        .manifest_path
        .as_deref()
        .and_then(std::path::Path::parent)
    {
        Some(dir) if !dir.as_os_str().is_empty() => cwd.join(dir),
        _ => cwd.to_path_buf(),
    };
    let lock = take_lock(&repo_dir, args.confirm.dry_run, ui)?;
    // A run killed while editing left some files bumped and others not: put them back before
    // the manifests are read.
    if lock.is_some()
        && let Some(note) = journal::recover(&crate::git::Git::new(&repo_dir))?
    {
        ui.note(&note);
    }
    let tree = Tree::Disk;
    let ws = cx.workspace(&tree, args.select.manifest_path.as_deref())?;
    let mut selected = ws.select(&args.select, false)?;
    let env = Environment::load(&ws, &selected, args, cx)?;
    // `release = false` and, for a workspace selection, members not published are left out.
    let workspace_selection = args.select.packages.is_empty();
    let target = env.registry.clone().or_else(|| env.lookup_registry.clone());
    let mut skipped_notes = Vec::new();
    let mut not_published = Vec::new();
    let mut kept = Vec::new();
    for package in selected {
        let name = &package.name;
        match crate::settings::left_out(&ws, package, target.as_ref(), workspace_selection)? {
            None => kept.push(package),
            Some(LeftOut::NotReleased { origin }) if !workspace_selection => {
                return Err(refused(format!(
                    "`{name}` is not released: `release = false` at {origin}; remove that \
                     setting to release it"
                )));
            }
            Some(LeftOut::NotReleased { origin }) => skipped_notes.push(format!(
                "`{name}` is not released: `release = false` at {origin}"
            )),
            Some(LeftOut::NotPublished) => not_published.push(format!(
                "`{name}` is not published: a workspace release leaves it out (select it with -p \
                 to release it without publishing)"
            )),
        }
    }
    skipped_notes.extend(not_published);
    selected = kept;
    if selected.is_empty() {
        for note in &skipped_notes {
            ui.note(note);
        }
        ui.status(
            "Nothing",
            "to release: no package is selected (every member is excluded or not published)",
        );
        return Ok(Exit::Done);
    }
    let index = env.lookup_index();
    let published =
        |name: &str, version: &semver::Version| index.as_ref()?.has_version(name, version);
    let mut inputs = Inputs {
        ws: &ws,
        tree: &tree,
        selected,
        repo: env.repo.as_ref(),
        settings: &env.settings,
        registry: env.registry.clone(),
        published: index
            .is_some()
            .then_some(&published as crate::changes::since::Published),
        today: today(),
    };
    if let Some(repo) = &env.repo
        && repo.shallow
        && !args.no_commit
    {
        return Err(refused(
            "this is a shallow clone: it cannot show the history a release needs (the last \
             release tag and the commits since). Fetch the whole history with `git fetch \
             --unshallow`, then run this command again",
        ));
    }
    if let Some(tag) = &args.prev_tag_name {
        remember_previous_tag(&ws, &inputs, tag)?;
    }
    let mut request = request(level.clone(), args)?;
    let Some((mut plan, mut refusals)) = env.plan(&mut inputs, &mut request, level.is_none())?
    else {
        ui.status(
            "Nothing",
            "to release: no change since the last release calls for a new version",
        );
        return Ok(Exit::Done);
    };
    plan.notes.extend(skipped_notes);
    // The rules and the registry judge the manifests as the edits will leave them.
    let planned_tree = Tree::Planned(
        plan.edits
            .iter()
            .map(|e| (e.path.clone(), e.new.clone()))
            .collect(),
    );
    let planned_ws = Workspace::load(&planned_tree, &ws.root_dir, None)?;
    let planned = Planned {
        ws: &planned_ws,
        tree: &planned_tree,
    };
    refusals.extend(env.preflight(&inputs, &planned, &plan, &request)?);
    if args.confirm.dry_run {
        if refusals.is_empty() {
            env.registry_preflight_if_needed(&planned, &plan)?;
        }
        env.show_dry_run(&plan, refusals.is_empty())?;
        return refused_all(ui, refusals).unwrap_or(Ok(Exit::Done));
    }
    if let Some(refusal) = refused_all(ui, refusals) {
        return refusal;
    }
    env.registry_preflight_if_needed(&planned, &plan)?;
    env.execute(&ws, &plan)
}

/// `--prev-tag-name TAG`: the last release of the one crate released is that tag, whatever
/// cargo ship would have found (a tag of another format, a history it cannot read).
fn remember_previous_tag(ws: &Workspace, inputs: &Inputs, tag: &str) -> Result<()> {
    let [package] = plan::release_set(ws, &inputs.selected)[..] else {
        return Err(refused(
            "--prev-tag-name names the previous release of one crate: select that crate with -p",
        ));
    };
    let repo = inputs
        .repo
        .ok_or_else(|| refused("--prev-tag-name needs a git repository"))?;
    let Some(found) = repo.history.tag(tag) else {
        return Err(refused(format!(
            "--prev-tag-name: there is no tag `{tag}` in this repository (`git tag --list` shows \
             the tags; `git fetch --tags` brings the remote's)"
        )));
    };
    let current = crate::workspace::current_version(ws, package)?;
    let manifest = crate::changes::since::version_manifest(ws, package, &repo.top);
    let version = crate::changes::history::version_at(
        &repo.git,
        &found.commit,
        &manifest.display().to_string(),
    )
    .and_then(|v| semver::Version::parse(&v).ok())
    .unwrap_or_else(|| current.clone());
    for releases_only in [false, true] {
        repo.history.remember_last_release(
            (package.name.clone(), current.to_string(), releases_only),
            crate::changes::history::Base::Tag {
                name: tag.to_string(),
                commit: found.commit.clone(),
                version: version.clone(),
            },
        );
    }
    Ok(())
}

/// The registry cargo-release's `registry` setting names for the crates of a release; crates
/// that name different registries cannot be published by one run.
fn configured_registry(
    ws: &Workspace,
    set: &[&crate::workspace::Package],
) -> Result<Option<String>> {
    let mut named: Vec<(String, String)> = Vec::new();
    for package in set {
        let settings = Settings::for_package(ws, package)?;
        if let Some(registry) = settings.registry {
            let origin = settings
                .origins
                .get("registry")
                .cloned()
                .unwrap_or_default();
            named.push((registry, origin));
        }
    }
    named.dedup_by(|a, b| a.0 == b.0);
    match named.as_slice() {
        [] => Ok(None),
        [(one, _)] => Ok(Some(one.clone())),
        [first, second, ..] => Err(refused(format!(
            "the crates of this release are configured for different registries: `{}` at {} and \
             `{}` at {}; release them separately with -p, or choose one with --registry",
            first.0, first.1, second.0, second.1
        ))),
    }
}

/// Every refusal shown, the last as the error (exit 1); `None` when there is none.
fn refused_all(ui: &Ui, mut refusals: Vec<String>) -> Option<Result<Exit>> {
    let last = refusals.pop()?;
    for refusal in refusals {
        ui.error(&anyhow::anyhow!(refusal));
    }
    Some(Err(refused(last)))
}

fn request(level: Option<Level>, args: &ReleaseArgs) -> Result<Request> {
    let metadata = args
        .metadata
        .as_deref()
        .map(|meta| {
            semver::BuildMetadata::new(meta.trim_start_matches('+')).map_err(|err| {
                crate::error::cannot_run(format!(
                    "--metadata `{meta}` is not valid build metadata ({err}): use dot-separated \
                     ASCII letters, digits and hyphens, e.g. `spec-1.1.0`"
                ))
            })
        })
        .transpose()?;
    Ok(Request {
        level: level.unwrap_or(Level::Patch),
        exact: None,
        pre: args.pre,
        no_commit: args.no_commit,
        no_tag: args.no_tag,
        no_push: args.no_push,
        no_publish: args.no_publish,
        metadata,
        tag_name: args
            .tag_name
            .as_deref()
            .map(crate::settings::template::from_cargo_release),
        sign: args.sign,
    })
}

impl<'a> Environment<'a> {
    fn load(
        ws: &Workspace,
        selected: &[&crate::workspace::Package],
        args: &'a ReleaseArgs,
        cx: &'a Context,
    ) -> Result<Self> {
        let (global, ui) = (cx.global, cx.ui);
        let config = cx.config()?;
        let mut settings = Settings::for_workspace(ws)?;
        if !args.allow_branch.is_empty() {
            settings.allow_branch = args.allow_branch.clone();
            settings
                .origins
                .insert("allow-branch".into(), "--allow-branch".into());
        }
        settings.sign_commit |= args.sign;
        let repo = repo::RepoState::read(&ws.root_dir)?;
        let set = plan::release_set(ws, selected);
        let build = args.build.over(crate::settings::common_build(ws, &set)?);
        let publish_list = crate::publish::common_publish_list(ws, &set);
        let named = match (&args.registry.registry, &args.registry.index) {
            (None, None) => configured_registry(ws, &set)?,
            (name, _) => name.clone(),
        };
        let choose = || {
            config.choose(
                named.as_deref(),
                args.registry.index.as_deref(),
                publish_list.as_deref(),
            )
        };
        let registry = if !args.no_publish && !args.no_commit {
            Some(choose()?)
        } else {
            None
        };
        // The registry a crate released without tags is looked up in, also with --no-publish.
        let lookup_registry = registry.clone().or_else(|| choose().ok());
        let auth = registry
            .as_ref()
            .map_or(Auth::Missing, |r| config.auth(r, global.token.as_ref()));
        let http = cx.http()?;
        Ok(Environment {
            args,
            global,
            ui,
            cwd: &cx.cwd,
            config,
            settings,
            repo,
            registry,
            lookup_registry,
            auth,
            http,
            build,
            network: !args.confirm.dry_run || args.verify,
            shown: Default::default(),
        })
    }

    /// The index to ask whether an untagged version is published: one read per crate, made
    /// also by a dry run (it decides what the last release is), never offline.
    fn lookup_index(&self) -> Option<Index<'_>> {
        if self.http.is_offline() {
            return None;
        }
        let registry = self.lookup_registry.as_ref()?;
        Index::open(self.http, registry, self.auth.token()).ok()
    }

    /// The crates among `wanted` whose version the registry does not have yet.
    fn unpublished(&self, wanted: &[(String, semver::Version)]) -> Result<Vec<String>> {
        let Some(registry) = &self.registry else {
            return Ok(Vec::new());
        };
        let index = Index::open(self.http, registry, self.auth.token())?;
        let mut missing = Vec::new();
        for (name, version) in wanted {
            if index.find(name, version)?.is_none() {
                missing.push(name.clone());
            }
        }
        Ok(missing)
    }

    /// What the push remote has: listed by the remote in a real run, from the remote-tracking
    /// branches in a dry run (which reads no network) or when the remote does not answer.
    fn remote_tags(&self) -> resume::RemoteTags {
        let listed = self.repo.as_ref().and_then(|repo| {
            if !self.network || self.args.no_push {
                return None;
            }
            let remote = repo.push_remote(self.settings.push_remote.as_deref())?;
            repo.remote_tags(&remote)
        });
        listed.map_or(resume::RemoteTags::Tracking, resume::RemoteTags::Listed)
    }

    /// The plan and what refuses it: what is left of an unfinished release, else a new one (at
    /// the suggested versions for `auto`, guarded against under-bumping otherwise). `None`:
    /// nothing to release.
    fn plan(
        &self,
        inputs: &mut Inputs,
        request: &mut Request,
        auto: bool,
    ) -> Result<Option<(plan::Plan, Vec<String>)>> {
        let unpublished = |wanted: &[(String, semver::Version)]| self.unpublished(wanted);
        let pending: Option<resume::PendingUploads> =
            (self.network && self.registry.is_some()).then_some(&unpublished);
        if let Some(plan) = resume::detect(inputs, request, &self.remote_tags(), pending)? {
            return Ok(Some((plan, Vec::new())));
        }
        // The evidence: commits and changelog; the API too when `api-diff = true` and the run
        // may build (not a plain dry run).
        let sources = Sources {
            ws: inputs.ws,
            tree: inputs.tree,
            history: inputs.history(),
            since: None,
            api: self.settings.api_diff && self.network,
        };
        let mut notes = Vec::new();
        if auto {
            let suggestions = crate::suggest::suggest_all(&sources, &inputs.selected)?;
            let exact: std::collections::BTreeMap<String, semver::Version> = suggestions
                .iter()
                .filter_map(|s| s.next.clone().map(|next| (s.name.clone(), next)))
                .collect();
            if exact.is_empty() {
                return Ok(None);
            }
            inputs.selected.retain(|p| exact.contains_key(&p.name));
            request.exact = Some(exact);
        } else {
            match self.leave_out_unchanged(inputs)? {
                Some(left_out) => notes = left_out,
                None => return Ok(None),
            }
        }
        let mut plan = plan::build(inputs, request)?;
        plan.notes.extend(notes);
        let refusals = if auto {
            Vec::new()
        } else {
            under_bump_guard(&sources, inputs, &plan, self.args.force, self.ui)?
        };
        Ok(Some((plan, refusals)))
    }

    /// Leaves out the packages with no commit since their last release (a rerun after a
    /// finished release must not release again), unless a workspace dependency of theirs is
    /// released too. One package alone is refused instead (exit 1), unless `--force`.
    /// `None`: every package was left out.
    fn leave_out_unchanged(&self, inputs: &mut Inputs) -> Result<Option<Vec<String>>> {
        if self.args.force {
            return Ok(Some(Vec::new()));
        }
        if let Some(history) = inputs.history() {
            crate::changes::since::read_history(inputs.ws, history, &inputs.selected)?;
        }
        let unchanged = plan::unchanged(inputs)?;
        if unchanged.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let lone = plan::release_set(inputs.ws, &inputs.selected).len() == 1
            || unchanged.len() == inputs.selected.len() && inputs.selected.len() == 1;
        if lone {
            let (name, base) = &unchanged[0];
            let waiting = match inputs.selected.iter().find(|p| &p.name == name) {
                Some(package) => plan::unselected_changed_dependencies(inputs, package)?,
                None => Vec::new(),
            };
            let together = release_together(name, &waiting);
            return Err(refused(format!(
                "nothing changed in `{name}` since {base}: no commit touches it, so there is \
                 nothing to release{together}. Pass --force to release it anyway"
            )));
        }
        let names: Vec<&str> = unchanged.iter().map(|(n, _)| n.as_str()).collect();
        let kept = plan::with_changed_dependencies(inputs.ws, &inputs.selected, &names);
        let mut notes = Vec::new();
        for (name, base) in &unchanged {
            if !kept.contains(&name.as_str()) {
                notes.push(format!(
                    "`{name}` is left out: nothing changed in it since {base}"
                ));
            }
        }
        inputs
            .selected
            .retain(|p| !names.contains(&p.name.as_str()) || kept.contains(&p.name.as_str()));
        if inputs.selected.is_empty() {
            for note in &notes {
                self.ui.note(note);
            }
            return Ok(None);
        }
        Ok(Some(notes))
    }

    /// Everything that refuses the release locally, before any change; the diagnostics are
    /// shown here, the refusals returned so a dry run can show the plan first.
    fn preflight(
        &self,
        inputs: &Inputs,
        planned: &Planned,
        plan: &plan::Plan,
        request: &Request,
    ) -> Result<Vec<String>> {
        let judge_against = self.registry.clone().unwrap_or_else(|| {
            self.config
                .choose_for_check(self.args.registry.registry.as_deref(), None)
        });
        let findings = preflight::local(
            inputs,
            planned,
            plan,
            request,
            &judge_against,
            self.args.allow_dirty,
        )?;
        self.show_once(planned.ws, &findings.diagnostics);
        let mut refusals = findings.refusals.clone();
        if preflight::has_errors(&findings) {
            refusals.push(
                "the release was refused before any change: fix the errors above (the rules are \
                 judged against the planned versions)"
                    .into(),
            );
        }
        Ok(refusals)
    }

    fn show_once(&self, ws: &Workspace, diagnostics: &[crate::diagnostic::Diagnostic]) {
        let mut shown = self.shown.borrow_mut();
        for diagnostic in diagnostics {
            let text = diagnostic.render(ws, self.cwd);
            if shown.insert(text.clone()) {
                anstream::eprintln!("{text}\n");
            }
        }
    }

    fn registry_preflight_if_needed(&self, planned: &Planned, plan: &plan::Plan) -> Result<()> {
        if self.network
            && let Publish::Crates { names, registry } = &plan.publish
        {
            self.registry_preflight(planned, plan, names, registry)?;
        }
        Ok(())
    }

    fn show_dry_run(&self, plan: &plan::Plan, clean: bool) -> Result<()> {
        if self.args.output.format == Format::Json {
            let records = show::planned(plan, self.cwd, self.args.verify);
            crate::error::print_json(&show::json(plan, &records))?;
            return Ok(());
        }
        anstream::print!("{}", show::human(plan, self.cwd, true));
        let checked = if self.args.verify {
            "the registry checks and cargo package + verify passed"
        } else {
            "a real run first checks the registry and runs cargo package + verify"
        };
        if clean {
            self.ui
                .status("Dry run", format!("nothing was changed; {checked}"));
        } else {
            self.ui.status(
                "Dry run",
                "nothing was changed; the release would be refused:",
            );
        }
        Ok(())
    }

    /// Shows the plan with its diffs, asks, and carries it out.
    fn execute(&self, ws: &Workspace, plan: &plan::Plan) -> Result<Exit> {
        let json = self.args.output.format == Format::Json;
        if !json || self.ui.is_interactive() {
            anstream::eprint!("{}", show::human(plan, self.cwd, !self.args.confirm.yes));
        }
        if !self.ui.consent(self.args.confirm.yes, "Release?")? {
            return Err(refused("cancelled: nothing was changed"));
        }
        let publisher = self.registry.as_ref().map(|registry| CargoPublisher {
            cargo: Cargo::new(&ws.root().path, &self.global.config).with_build(&self.build),
            registry: registry.clone(),
            auth: self.auth.clone(),
            allow_dirty: self.args.allow_dirty,
        });
        let mut executor = Executor::new(
            plan,
            self.repo.as_ref(),
            self.ui,
            self.cwd,
            publisher.as_ref().map(|p| p as &dyn execute::Publisher),
            crate::cli::rerun_with_yes(),
        );
        let result = executor.run();
        if json {
            crate::error::print_json(&show::json(plan, &executor.records))?;
        }
        result?;
        if !executor.records.iter().any(|r| r.status == Status::Failed) {
            let verb = if plan.commit.is_some() || plan.resuming.is_some() {
                "Released"
            } else {
                "Edited"
            };
            self.ui.status(verb, plan::crate_list(&plan.released));
        }
        Ok(Exit::Done)
    }

    /// Before any change: a token exists, the registry answers, the planned versions are new,
    /// every dependency is available, and `cargo package` builds each crate to publish.
    fn registry_preflight(
        &self,
        planned: &Planned,
        plan: &plan::Plan,
        names: &[String],
        registry: &Registry,
    ) -> Result<()> {
        let registries = Registries {
            http: self.http,
            config: self.config,
            target: registry,
            auth: &self.auth,
        };
        registries.require_auth()?;
        let crates: Vec<(&crate::workspace::Package, semver::Version)> = plan
            .released
            .iter()
            .filter(|r| names.contains(&r.name))
            .map(|r| (&planned.ws.members[r.member], r.new.clone()))
            .collect();
        let already = if plan.resuming.is_some() {
            AlreadyPublished::Skip
        } else {
            AlreadyPublished::Refuse
        };
        let verdict =
            crate::publish::preflight(planned.ws, planned.tree, &registries, &crates, already)?;
        self.show_once(planned.ws, &verdict.diagnostics);
        if verdict.has_errors() {
            return Err(refused(
                "the release was refused before any change: the registry checks failed (see above)",
            ));
        }
        for note in &verdict.rate_notes {
            self.ui.warn(note);
        }
        if plan.resuming.is_some() {
            return Ok(());
        }
        // Package the crates as they will be released, from a copy with the edits applied.
        let root = &planned.ws.root_dir;
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let copy = rehearsal::planned_copy(root, &plan.edits, &target.join("cargo-ship/planned"))?;
        let cargo = Cargo::new(&copy, &self.global.config)
            .with_target_dir(&target)
            .with_build(&self.build);
        let ui = self.ui;
        let progress = ui.spinner("Verifying", format!("cargo package {}", names.join(", ")));
        let run = cargo.package(
            names,
            Some((registry, &self.auth)),
            self.args.allow_dirty,
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
}

/// The refusals of a release whose versions are below what the evidence requires, unless
/// `--force`, which turns them into warnings.
fn under_bump_guard(
    sources: &Sources,
    inputs: &Inputs,
    plan: &plan::Plan,
    force: bool,
    ui: &Ui,
) -> Result<Vec<String>> {
    let mut refusals = Vec::new();
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
                refusals.push(message);
            }
        }
    }
    Ok(refusals)
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
        .map_err(|stopped| anyhow::anyhow!("{stopped}"))
    }
}

/// Today's date (UTC) as YYYY-MM-DD, or `SOURCE_DATE_EPOCH`'s for reproducible output.
/// The repository's run lock for a mutating run (none for a dry run, which changes nothing).
pub fn take_lock(
    dir: &std::path::Path,
    dry_run: bool,
    ui: &Ui,
) -> Result<Option<crate::lock::RunLock>> {
    if dry_run {
        return Ok(None);
    }
    let lock = crate::lock::RunLock::acquire(dir, &crate::cli::this_command())?;
    if let Some(note) = lock.as_ref().and_then(|l| l.took_over.as_ref()) {
        ui.note(note);
    }
    Ok(lock)
}

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

/// How to release `name` with the unselected workspace dependencies whose changes `suggest`
/// counts for it (empty when there are none), to end the "nothing changed" refusal.
fn release_together(name: &str, waiting: &[String]) -> String {
    if waiting.is_empty() {
        return String::new();
    }
    let ticked: Vec<String> = waiting.iter().map(|n| format!("`{n}`")).collect();
    let flags: Vec<String> = waiting
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(name))
        .map(|n| format!("-p {n}"))
        .collect();
    let (dependencies, their) = if waiting.len() == 1 {
        ("dependency", "its")
    } else {
        ("dependencies", "their")
    };
    format!(
        ". Its workspace {dependencies} {} changed since {their} last release, which `suggest` \
         counts for it: release them together (`{}`)",
        crate::words::summary(&ticked),
        flags.join(" ")
    )
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

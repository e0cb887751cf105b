//! The release plan: which crates move to which version, every file edit (as whole-file
//! contents), the commit, the tags, what is published and pushed. Building it changes
//! nothing; `--dry-run` prints it and a real run executes this same value.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;
use semver::Version;

use crate::bump;
use crate::changes::changelog;
use crate::changes::commits::Commit;
use crate::changes::history::{self, Base};
use crate::changes::since::{
    History, Published, changed_dependency, last_release, last_tag_format, lock_changes,
    shipping_commits,
};
use crate::diagnostic::Diagnostic;
use crate::edit::FileEdit;
use crate::error::refused;
use crate::registry::config::Registry;
use crate::release::repo::RepoState;
use crate::report::Step;
use crate::settings::template::{Vars, fill, fill_cargo_release};
use crate::settings::{Settings, publishable};
use crate::tree::Tree;
use crate::version::{self, Level, PreKind};
use crate::words::summary;
use crate::workspace::{
    Package, Workspace, current_version, inherits_version, workspace_dependencies,
};

/// One crate whose version changes.
#[derive(Debug, Clone)]
pub struct Released {
    pub name: String,
    /// Index into `ws.members`.
    pub member: usize,
    pub old: Version,
    pub new: Version,
    /// Moves with `[workspace.package] version`.
    pub shared: bool,
    /// Will be published (allowed by `publish` and `metadata.ship.publish`).
    pub publish: bool,
    pub tag: Option<String>,
    /// The package's release settings, read once for the whole plan.
    pub settings: Settings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTag {
    pub name: String,
    /// Empty: a lightweight tag (cargo-release's blank `tag-message`).
    pub message: String,
    /// `git tag -s` (`sign-tag`, `--sign`).
    pub sign: bool,
}

/// cargo-release's `pre-release-hook` for one released crate: run after the edits, before
/// the commit, in the crate's directory, with cargo-release's environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookRun {
    pub crate_name: String,
    pub args: Vec<String>,
    pub dir: PathBuf,
    pub env: Vec<(&'static str, String)>,
    /// Where the setting is, for messages.
    pub origin: String,
}

/// A local-only release tag left on a commit HEAD no longer contains (the release commit was
/// rebased or amended), moved onto the commit in HEAD that sets that version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagMove {
    pub name: String,
    pub from: String,
    pub to: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Push {
    pub remote: String,
    pub branch: String,
    pub tags: Vec<String>,
    /// `git push --push-option` values (`push-options`).
    pub options: Vec<String>,
}

/// The publish step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Publish {
    /// Crates to publish, in workspace order (cargo orders them by dependencies).
    Crates {
        names: Vec<String>,
        registry: Registry,
    },
    /// Not part of this run, and why.
    Skipped(SkipReason),
}

/// Why a release publishes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Not decided yet (a plan under construction).
    Undecided,
    NoPublishFlag,
    NoCommit,
    NothingPublishable,
    NoRegistry,
    AlreadyPublished,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SkipReason::Undecided => "",
            SkipReason::NoPublishFlag => "--no-publish",
            SkipReason::NoCommit => "--no-commit: what is published must be committed",
            SkipReason::NothingPublishable => "no released crate is publishable",
            SkipReason::NoRegistry => "no registry was chosen",
            SkipReason::AlreadyPublished => "already published",
        })
    }
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub released: Vec<Released>,
    pub edits: Vec<FileEdit>,
    /// Edited files git does not track (an ignored Cargo.lock): written, not committed.
    pub untracked: Vec<PathBuf>,
    /// What else moves and why, for the user.
    pub notes: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    pub commit: Option<String>,
    /// `git commit -S` (`sign-commit`, `--sign`).
    pub sign_commit: bool,
    /// Run before the commit, in this order.
    pub hooks: Vec<HookRun>,
    pub tags: Vec<PlannedTag>,
    pub tag_moves: Vec<TagMove>,
    pub publish: Publish,
    pub push: Option<Push>,
    /// Steps left out, with the reason (`--no-tag`, no remote, …).
    pub skipped: Vec<(Step, String)>,
    /// Set when the run finishes an earlier, interrupted release instead of bumping.
    pub resuming: Option<String>,
}

/// Why a release makes no commit of its own: the versions are in HEAD already.
pub const NOTHING_TO_COMMIT: &str =
    "nothing to commit: HEAD already holds the versions released, so the tags go on it";

impl Plan {
    /// Whether the release commit holds anything: a tracked edit, or a hook that may write. A
    /// version prepared in the manifest, or a new crate's first version, edits nothing: HEAD is
    /// the release, and an empty commit would fail.
    pub fn commits_anything(&self) -> bool {
        !self.hooks.is_empty() || self.edits.iter().any(|e| !self.untracked.contains(&e.path))
    }

    /// A plan that moves `released` and does nothing else yet.
    pub fn new(released: Vec<Released>) -> Self {
        Plan {
            released,
            edits: Vec::new(),
            untracked: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
            commit: None,
            sign_commit: false,
            hooks: Vec::new(),
            tags: Vec::new(),
            tag_moves: Vec::new(),
            publish: Publish::Skipped(SkipReason::Undecided),
            push: None,
            skipped: Vec::new(),
            resuming: None,
        }
    }
}

/// "name vX.Y.Z, other vA.B.C": the crates of a release, for commit subjects and terminal
/// lines; past a few, "… and 297 more" keeps the line readable (the commit body lists all).
pub fn crate_list(released: &[Released]) -> String {
    let all: Vec<String> = released
        .iter()
        .map(|r| format!("{} v{}", r.name, r.new))
        .collect();
    summary(&all)
}

/// What the user asked for, after parsing.
#[derive(Debug, Clone)]
pub struct Request {
    pub level: Level,
    /// `auto`: the version of each crate to release (the suggestion), instead of `level`.
    pub exact: Option<BTreeMap<String, Version>>,
    pub pre: Option<PreKind>,
    pub no_commit: bool,
    pub no_tag: bool,
    pub no_push: bool,
    pub no_publish: bool,
    /// `--metadata META`: build metadata for every new version.
    pub metadata: Option<semver::BuildMetadata>,
    /// `--tag-name TEMPLATE`, over the settings' template.
    pub tag_name: Option<String>,
    /// `--sign`: sign the commit and the tags.
    pub sign: bool,
}

/// Everything planning reads, gathered beforehand.
pub struct Inputs<'a> {
    pub ws: &'a Workspace,
    pub tree: &'a Tree,
    pub selected: Vec<&'a Package>,
    pub repo: Option<&'a RepoState>,
    pub settings: &'a Settings,
    pub registry: Option<Registry>,
    /// The registry's index, when a crate without tags may be looked up in it.
    pub published: Option<Published<'a>>,
    pub today: String,
}

impl<'a> Inputs<'a> {
    /// Where the last releases are looked up, in a repository with commits.
    pub fn history(&self) -> Option<History<'a>> {
        let repo = self.repo?;
        repo.head.as_ref()?;
        Some(History {
            git: &repo.git,
            top: &repo.top,
            tags: &repo.history,
            published: self.published,
        })
    }
}

/// The members a release of `selected` moves: the selection, plus every member that inherits
/// the workspace version when one of them does (they share one version).
pub fn release_set<'a>(ws: &'a Workspace, selected: &[&'a Package]) -> Vec<&'a Package> {
    let shares = |p: &Package| inherits_version(ws, p);
    let mut set: Vec<&Package> = selected.to_vec();
    if selected.iter().any(|p| shares(p)) {
        for member in &ws.members {
            if shares(member) && !set.iter().any(|p| p.manifest == member.manifest) {
                set.push(member);
            }
        }
    }
    // cargo-release's `shared-version`: a group's crates are released together.
    let groups: Vec<String> = set.iter().filter_map(|p| shared_group(ws, p)).collect();
    for member in &ws.members {
        if shared_group(ws, member).is_some_and(|g| groups.contains(&g))
            && !set.iter().any(|p| p.manifest == member.manifest)
        {
            set.push(member);
        }
    }
    set.sort_by(|a, b| a.name.cmp(&b.name));
    set
}

fn shared_group(ws: &Workspace, package: &Package) -> Option<String> {
    Settings::for_package(ws, package).ok()?.shared_version
}

/// A `shared-version` group must come out of the bump at one version, as cargo-release
/// requires; crates that start apart would end apart.
fn check_shared_versions(released: &[Released]) -> Result<()> {
    for release in released {
        let Some(group) = &release.settings.shared_version else {
            continue;
        };
        if let Some(other) = released
            .iter()
            .find(|r| r.new != release.new && r.settings.shared_version.as_ref() == Some(group))
        {
            return Err(refused(format!(
                "`{}` and `{}` share one version (`shared-version` in their release settings) \
                 but would be released as {} and {}: set both manifests to the same version \
                 first",
                release.name, other.name, release.new, other.new
            )));
        }
    }
    Ok(())
}

/// The tag for a released crate: the configured template; else the format of its last release
/// tag (a repository tagged `1.0.28` goes on with `1.0.29`, not a surprise `v1.0.29`); else
/// `v{version}` for a lone crate or a shared version, `{name}-v{version}` for independently
/// versioned members.
pub(super) fn tag_name(
    ws: &Workspace,
    package: &Package,
    settings: &Settings,
    (current, new): (&Version, &Version),
    shared: bool,
    history: Option<&history::Repo>,
    request: &Request,
) -> Result<String> {
    let mut settings = settings.clone();
    if let Some(template) = &request.tag_name {
        settings.tag_name = Some(template.clone());
    }
    let template = match settings.tag_template(ws, package) {
        Some(template) => template,
        None => history
            .and_then(|repo| {
                // A manifest holding a placeholder below every tag (semver's `0.0.0` between
                // releases) has no tag at or below it; the new version bounds the search then.
                last_tag_format(ws, repo, package, current)
                    .or_else(|| last_tag_format(ws, repo, package, new))
            })
            .or_else(|| {
                // A member never tagged takes the format its workspace's tags use.
                let repo = history?;
                ws.members
                    .iter()
                    .filter(|m| m.name != package.name)
                    .filter_map(|m| {
                        let version = current_version(ws, m).ok()?;
                        last_tag_format(ws, repo, m, &version)
                    })
                    .find(|format| format.contains("{name}"))
            })
            .unwrap_or_else(|| {
                let publishable_members = ws
                    .members
                    .iter()
                    .filter(|m| publishable(ws, m, None).unwrap_or(false))
                    .count();
                let unpublished = !publishable(ws, package, None).unwrap_or(true);
                if shared || publishable_members <= 1 && !(unpublished && ws.members.len() > 1) {
                    "v{version}"
                } else {
                    "{name}-v{version}"
                }
            })
            .to_string(),
    };
    let version = history::without_build(new);
    let vars = Vars::new()
        .release(&package.name, current, &version)
        .set("prefix", "");
    Ok(fill(&template, &vars))
}

/// The selected packages with no commit since their last release that touches them (or any
/// member released with them: a shared version, one name-less tag, as `suggest` judges them),
/// and nothing else `suggest` counts (a changed workspace dependency, changelog entries added),
/// with that release. Only a tag or a published version counts as a release, not a guessed
/// version change. A group is judged once from each point: 300 crates released under one tag
/// are one question, not 300 of 300 crates each.
pub fn unchanged(inputs: &Inputs) -> Result<Vec<(String, Base)>> {
    let Some(history) = inputs.history() else {
        return Ok(Vec::new());
    };
    let ws = inputs.ws;
    let sources = crate::suggest::Sources {
        ws,
        tree: inputs.tree,
        history: Some(history),
        since: None,
        api: false,
    };
    // (the group's names, the point it was judged from, whether it changed since)
    let mut judged: Vec<(Vec<&str>, Option<String>, bool)> = Vec::new();
    let mut found = Vec::new();
    for package in &inputs.selected {
        let current = current_version(ws, package)?;
        let base = last_release(ws, history, package, &current, !current.pre.is_empty())?;
        if !matches!(base, Base::Tag { .. } | Base::Published { .. }) {
            continue;
        }
        let known = judged.iter().find(|(names, since, _)| {
            names.contains(&package.name.as_str()) && since.as_deref() == base.rev()
        });
        let changed = match known {
            Some((_, _, changed)) => *changed,
            None => {
                let group = crate::suggest::release_group(&sources, package, None)?;
                let changed = ships_changes(inputs, history, base.rev(), &group)?;
                let names = group.iter().map(|p| p.name.as_str()).collect();
                judged.push((names, base.rev().map(str::to_string), changed));
                changed
            }
        };
        if !changed {
            found.push((package.name.clone(), base));
        }
    }
    let mut unchanged = Vec::new();
    for (name, base) in found {
        let Some(package) = inputs.selected.iter().find(|p| p.name == name) else {
            continue;
        };
        if !changed_besides_its_files(inputs, history, package, &base)? {
            unchanged.push((name, base));
        }
    }
    Ok(unchanged)
}

/// The workspace dependencies of `package` left out of the selection that changed since their
/// own last release: `suggest -p anstream` counts anstyle's unreleased fix (it would be
/// released with it), while `cargo ship patch -p anstream` alone finds anstream unchanged. The
/// refusal names them, so the two commands do not seem to disagree.
pub fn unselected_changed_dependencies(inputs: &Inputs, package: &Package) -> Result<Vec<String>> {
    let Some(history) = inputs.history() else {
        return Ok(Vec::new());
    };
    let ws = inputs.ws;
    let mut changed = Vec::new();
    for dependency in workspace_dependencies(ws, package) {
        if inputs.selected.iter().any(|p| p.name == dependency.name) {
            continue;
        }
        let current = current_version(ws, dependency)?;
        let base = last_release(ws, history, dependency, &current, !current.pre.is_empty())?;
        if !matches!(base, Base::Tag { .. } | Base::Published { .. }) {
            continue;
        }
        if ships_changes(inputs, history, base.rev(), &[dependency])? {
            changed.push(dependency.name.clone());
        }
    }
    Ok(changed)
}

/// Whether a commit since `base` changed a file one of `group` ships, or the dependencies
/// `Cargo.lock` holds for it.
fn ships_changes(
    inputs: &Inputs,
    history: History,
    base: Option<&str>,
    group: &[&Package],
) -> Result<bool> {
    Ok(
        !shipping_commits(inputs.ws, history, base, group)?.is_empty()
            || lock_changes(inputs.ws, inputs.tree, history, base, group)?.is_some(),
    )
}

/// What `suggest` counts as a change since `base` though no file the package ships changed: a
/// workspace dependency whose shipped files changed since then (toml 0.8.16, after
/// toml_datetime's fix), or entries added to its changelog since then, under Unreleased or the
/// coming version's heading (toml 0.8.12: a fix in code it shares with toml_edit). Both are
/// measured from the package's own release, so a rerun after that release still finds nothing.
fn changed_besides_its_files(
    inputs: &Inputs,
    history: History,
    package: &Package,
    base: &Base,
) -> Result<bool> {
    let ws = inputs.ws;
    if changed_dependency(ws, history, base.rev(), package)?.is_some() {
        return Ok(true);
    }
    let Some((path, rev)) = changelog::of(inputs.tree, ws, package).zip(base.rev()) else {
        return Ok(false);
    };
    if crate::changes::since::changed_file(history, rev, &path)?.is_none() {
        return Ok(false);
    }
    let Some(text) = inputs.tree.read(&path)? else {
        return Ok(false);
    };
    // The Unreleased section, or one written for the coming version (insta's `## 1.41.1`).
    let mut entries = changelog::entries(&text);
    if let Base::Tag { version, .. } | Base::Published { version, .. } = base
        && let Some((_, prepared, _)) = changelog::prepared(&text, version)
    {
        entries.extend(prepared);
    }
    Ok(entries
        .iter()
        .any(|entry| entry.change != crate::version::Change::None))
}

/// The names among `unchanged` that still need a release because a workspace dependency of
/// theirs (not a dev-dependency) is released: a changed member of `selected`, or one kept so.
pub fn with_changed_dependencies<'n>(
    ws: &Workspace,
    selected: &[&Package],
    unchanged: &[&'n str],
) -> Vec<&'n str> {
    let mut released: Vec<&str> = selected
        .iter()
        .map(|p| p.name.as_str())
        .filter(|name| !unchanged.contains(name))
        .collect();
    let mut kept = Vec::new();
    loop {
        let before = kept.len();
        for package in selected {
            let name = package.name.as_str();
            let Some(&name) = unchanged.iter().find(|u| **u == name) else {
                continue;
            };
            if kept.contains(&name) {
                continue;
            }
            let depends_on_released = workspace_dependencies(ws, package)
                .iter()
                .any(|dep| released.contains(&dep.name.as_str()));
            if depends_on_released {
                kept.push(name);
                released.push(name);
            }
        }
        if kept.len() == before {
            return kept;
        }
    }
}

/// An explicit version at or below the manifest's, while the manifest's is not released: the
/// version prepared there (a "prepare release" commit, a new crate's first 0.1.0), or one
/// between the last release and it (insta's 1.18.0-alpha.1 while the manifest held 1.18.0,
/// cargo-release's 0.7.0-beta.1 over its 0.7.0-dev marker). It must still be above the last
/// release. `None`: not that case (the bump decides, and refuses a version not greater).
fn below_unreleased(
    inputs: &Inputs,
    package: &Package,
    current: &Version,
    level: &Level,
) -> Result<Option<Version>> {
    let Level::Exact(wanted) = level else {
        return Ok(None);
    };
    let Some(history) = inputs.history() else {
        return Ok(None);
    };
    let (wanted_release, current_release) = (
        history::without_build(wanted),
        history::without_build(current),
    );
    if wanted_release > current_release {
        return Ok(None);
    }
    // Pre-release tags count here: `1.0.0-rc.1` tagged is `1.0.0-rc.1` released.
    let base = last_release(inputs.ws, history, package, current, false)?;
    let last = match &base {
        Base::Tag { version, .. } | Base::Published { version, .. } => {
            Some(history::without_build(version))
        }
        _ => None,
    };
    match last {
        Some(last) if last == current_release && wanted_release == current_release => {
            Err(refused(format!(
                "cannot release `{}` {current}: it is released already ({base}); ask for a \
                 greater version",
                package.name
            )))
        }
        // Released: the bump says the version is not greater.
        Some(last) if last == current_release => Ok(None),
        Some(last) if wanted_release <= last => Err(refused(format!(
            "cannot release `{}` {wanted}: the last release is {last} ({base}); ask for a \
             greater version",
            package.name
        ))),
        _ => Ok(Some(wanted.clone())),
    }
}

pub fn build(inputs: &Inputs, request: &Request) -> Result<Plan> {
    let ws = inputs.ws;
    let set = release_set(ws, &inputs.selected);
    let mut released = Vec::new();
    for package in &set {
        let shared = inherits_version(ws, package);
        let old = current_version(ws, package)?;
        let new = match request.exact.as_ref().and_then(|e| e.get(&package.name)) {
            Some(version) => version.clone(),
            None => match below_unreleased(inputs, package, &old, &request.level)? {
                Some(version) => version,
                None => version::bump(&old, &request.level, request.pre).map_err(|err| {
                    refused(format!("cannot release `{}` {old}: {err}", package.name))
                })?,
            },
        };
        let settings = Settings::for_package(ws, package)?;
        let new = with_metadata(&package.name, settings.metadata, &old, new, request)?;
        let tag = if request.no_commit || request.no_tag || !settings.tag {
            None
        } else {
            let history = inputs.repo.map(|r| &r.history);
            Some(tag_name(
                ws,
                package,
                &settings,
                (&old, &new),
                shared,
                history,
                request,
            )?)
        };
        released.push(Released {
            name: package.name.clone(),
            member: ws.member_index(package),
            old,
            new,
            shared,
            publish: publishable(ws, package, inputs.registry.as_ref())?,
            tag,
            settings,
        });
    }
    check_shared_versions(&released)?;
    let mut plan = Plan::new(released);
    plan_edits(inputs, &mut plan)?;
    let replaced = super::replace::targets(inputs, &plan)?;
    plan_changelogs(inputs, &mut plan, &replaced)?;
    super::replace::plan_replacements(inputs, &mut plan)?;
    plan_git(inputs, request, &mut plan)?;
    if plan.commit.is_some() {
        plan_hooks(inputs, &mut plan)?;
    }
    plan.publish = plan_publish(inputs, request, &plan);
    Ok(plan)
}

/// The new version's build metadata: `--metadata`, else what the `metadata` policy keeps.
fn with_metadata(
    name: &str,
    policy: crate::settings::Metadata,
    old: &Version,
    mut new: Version,
    request: &Request,
) -> Result<Version> {
    use crate::settings::Metadata;
    if let Some(meta) = &request.metadata {
        new.build = meta.clone();
    }
    match policy {
        Metadata::Optional => {}
        Metadata::Persistent if new.build.is_empty() => new.build = old.build.clone(),
        Metadata::Persistent => {}
        Metadata::Ignore => new.build = semver::BuildMetadata::EMPTY,
        Metadata::Required if new.build.is_empty() => {
            return Err(refused(format!(
                "`{}` requires build metadata on every release (`metadata = \"required\"`): \
                 give it with --metadata META or an explicit version X.Y.Z+META",
                name
            )));
        }
        Metadata::Required => {}
    }
    Ok(new)
}

/// Version fields, dependents' requirements, Cargo.lock.
fn plan_edits(inputs: &Inputs, plan: &mut Plan) -> Result<()> {
    let ws = inputs.ws;
    let mut texts: BTreeMap<usize, String> = BTreeMap::new();
    let text_of = |texts: &BTreeMap<usize, String>, index: usize| {
        texts
            .get(&index)
            .cloned()
            .unwrap_or_else(|| ws.manifests[index].text().to_string())
    };
    let mut workspace_version_done = false;
    for release in &plan.released {
        let package = &ws.members[release.member];
        if release.shared {
            if !workspace_version_done {
                let text = bump::set_version(&text_of(&texts, 0), &release.new, true)?;
                texts.insert(0, text);
                workspace_version_done = true;
            }
        } else {
            let text = bump::set_version(&text_of(&texts, package.manifest), &release.new, false)?;
            texts.insert(package.manifest, text);
        }
    }
    // A requirement cannot hold build metadata.
    let bumped: BTreeMap<String, Version> = plan
        .released
        .iter()
        .map(|r| (r.name.clone(), history::without_build(&r.new)))
        .collect();
    for index in 0..ws.manifests.len() {
        let policy = match ws.members.iter().find(|m| m.manifest == index) {
            Some(owner) => Settings::for_package(ws, owner)?.dependent_version,
            None => Settings::for_workspace(ws)?.dependent_version,
        };
        let (text, changes) = bump::update_requirements(&text_of(&texts, index), &bumped, policy)?;
        if changes.is_empty() {
            continue;
        }
        texts.insert(index, text);
        let owner = ws.members.iter().find(|m| m.manifest == index);
        let released = owner.is_some_and(|m| plan.released.iter().any(|r| r.name == m.name));
        for change in changes {
            let whose = owner.map_or("the workspace".to_string(), |m| format!("`{}`", m.name));
            let unpublished = owner.is_some_and(|m| !publishable(ws, m, None).unwrap_or(true));
            let tail = match owner {
                Some(_) if !released && unpublished => " (not published, so not released)",
                Some(_) if !released => " (not released: add it with -p or use --workspace)",
                _ => "",
            };
            plan.notes.push(format!(
                "{whose} requires `{}` {} → {} in [{}]{tail}",
                change.dependency, change.old, change.new, change.table
            ));
        }
    }
    for release in plan.released.iter().filter(|r| !r.publish) {
        plan.notes.push(if release.shared {
            format!(
                "`{}` moves to {} with the workspace version (it is not published)",
                release.name, release.new
            )
        } else {
            format!(
                "`{}` is not published: it is released (edited, committed, tagged) without \
                 publishing",
                release.name
            )
        });
    }
    for (index, new) in texts {
        let manifest = &ws.manifests[index];
        if new != manifest.text() {
            plan.edits.push(FileEdit {
                path: manifest.path.clone(),
                old: manifest.text().to_string(),
                new,
            });
        }
    }
    let lock = ws.root_dir.join("Cargo.lock");
    if let Some(old) = inputs.tree.read(&lock)? {
        let moves: BTreeMap<String, (Version, Version)> = plan
            .released
            .iter()
            .map(|r| (r.name.clone(), (r.old.clone(), r.new.clone())))
            .collect();
        let new = bump::update_lock(&old, &moves)?;
        if new != old {
            plan.edits.push(FileEdit {
                path: lock,
                old,
                new,
            });
        }
    }
    Ok(())
}

/// Promotes each released crate's changelog (its own, else the root's), filling an empty
/// Unreleased section from conventional commits, and warns when that section is empty.
fn plan_changelogs(inputs: &Inputs, plan: &mut Plan, replaced: &[PathBuf]) -> Result<()> {
    let ws = inputs.ws;
    let mut by_file: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (index, release) in plan.released.iter().enumerate() {
        let package = &ws.members[release.member];
        if let Some(path) = changelog::of(inputs.tree, ws, package) {
            by_file.entry(path).or_default().push(index);
        }
    }
    for (path, indices) in by_file {
        if replaced.contains(&path) {
            plan.notes.push(format!(
                "{} is edited by the project's pre-release-replacements, not promoted by cargo ship",
                path.display()
            ));
            continue;
        }
        let releases: Vec<&Released> = indices.iter().map(|&i| &plan.released[i]).collect();
        let first = releases[0];
        if releases.iter().any(|r| r.new != first.new) {
            plan.notes.push(format!(
                "{} documents crates released at different versions; promote its Unreleased section by hand",
                path.display()
            ));
            continue;
        }
        let Some(old) = inputs.tree.read(&path)? else {
            continue;
        };
        if changelog::unreleased(&old).is_none() {
            plan.notes.push(format!(
                "{} has no `## [Unreleased]` section above its releases; it is left as it is",
                path.display()
            ));
            continue;
        }
        let packages: Vec<&Package> = releases.iter().map(|r| &ws.members[r.member]).collect();
        let commits = match inputs.history() {
            Some(history) => {
                // What `suggest` counts: the commits that change what the crates ship, less
                // those reverted since, with pull requests' merges by their titles.
                let base = last_release(ws, history, packages[0], &first.old, false)?;
                shipping_commits(ws, history, base.rev(), &packages)?
            }
            None => Vec::new(),
        };
        let empty = changelog::entries(&old).is_empty();
        if empty && !commits.is_empty() {
            let fills = changelog::entries_from_commits(&old, &commits, "\n").is_some();
            plan.warnings
                .push(missing_entry_warning(&path, &old, &commits, fills));
        }
        let tag = first.tag.as_deref();
        if let Some(new) =
            changelog::promote(&old, &first.new.to_string(), &inputs.today, tag, &commits)
            && new != old
        {
            plan.edits.push(FileEdit { path, old, new });
        }
    }
    Ok(())
}

fn missing_entry_warning(
    path: &std::path::Path,
    text: &str,
    commits: &[Commit],
    fills: bool,
) -> Diagnostic {
    let line = changelog::unreleased(text).map_or(0, |s| s.heading) + 1;
    let help = if fills {
        "this release fills it from the conventional commits (see the diff); edit it if users need more".to_string()
    } else {
        "describe the changes under `## [Unreleased]` before releasing".to_string()
    };
    let mut diagnostic = Diagnostic::new(
        &crate::check::rules::release::CHANGELOG_MISSING_ENTRY,
        crate::check::severity(
            &crate::check::rules::release::CHANGELOG_MISSING_ENTRY,
            false,
            &crate::check::Stage::Check,
        ),
        format!(
            "the Unreleased section of {} is empty, but {} commit{} since the last release",
            path.display(),
            commits.len(),
            if commits.len() == 1 {
                " was made"
            } else {
                "s were made"
            }
        ),
    )
    .help(help);
    diagnostic.file = Some((path.to_path_buf(), Some(line)));
    diagnostic
}

/// The commit, the tags and the push, as far as flags, settings and the repository allow.
pub(super) fn plan_git(inputs: &Inputs, request: &Request, plan: &mut Plan) -> Result<()> {
    let Some(repo) = inputs.repo else {
        plan.skipped
            .push((Step::Commit, "not a git repository".into()));
        return Ok(());
    };
    let edited: Vec<PathBuf> = plan.edits.iter().map(|e| e.path.clone()).collect();
    plan.untracked = repo.untracked(&edited)?;
    if request.no_commit {
        plan.skipped.push((Step::Commit, "--no-commit".into()));
        plan.skipped.push((Step::Tag, "--no-commit".into()));
        plan.skipped.push((Step::Push, "--no-commit".into()));
        return Ok(());
    }
    let Some(first) = plan.released.first() else {
        return Ok(());
    };
    if !inputs.settings.consolidate_commits && plan.released.len() > 1 {
        let origin = inputs
            .settings
            .origins
            .get("consolidate-commits")
            .cloned()
            .unwrap_or_default();
        return Err(refused(format!(
            "`consolidate-commits = false` at {origin} asks for one commit per crate, which \
             cargo ship does not make: it releases {} crates in one commit. Release them one at \
             a time with -p, or remove the setting to release them together",
            plan.released.len()
        )));
    }
    let vars = Vars::new()
        .release(&first.name, &first.old, &first.new)
        .set("crates", crate_list(&plan.released))
        .set("date", inputs.today.as_str());
    let mut message = fill(&inputs.settings.commit_message, &vars);
    if crate::words::shortened(plan.released.len()) {
        // The subject names a few; the body names every crate and version.
        message.push_str("\n\n");
        for release in &plan.released {
            message.push_str(&format!("- {} v{}\n", release.name, release.new));
        }
    }
    plan.commit = Some(message);
    plan.sign_commit = inputs.settings.sign_commit;
    if request.no_tag {
        plan.skipped.push((Step::Tag, "--no-tag".into()));
    } else {
        for release in &plan.released {
            let Some(name) = &release.tag else { continue };
            // A name-less tag (`1.48.0`) stands for every crate released at that version: an
            // earlier release of the group already made it.
            if let Some(existing) = repo.history.tag(name)
                && !name.contains(&release.name)
                && repo.history.is_merged(existing)
            {
                plan.notes.push(format!(
                    "tag `{name}` already marks {} of the crates released together under one \
                     tag: it is kept, and stands for `{}` too",
                    history::without_build(&release.new),
                    release.name
                ));
                continue;
            }
            let settings = &release.settings;
            if let Some(tag) = plan.tags.iter_mut().find(|t| t.name == *name) {
                if settings.tag_message.is_none() {
                    tag.message
                        .push_str(&format!(", {} v{}", release.name, release.new));
                }
            } else {
                let message = match &settings.tag_message {
                    // cargo-release's `tag-message`, with its placeholders.
                    Some(template) => {
                        let vars = Vars::new()
                            .release(&release.name, &release.old, &release.new)
                            .set("tag_name", name.as_str())
                            .set("prefix", settings.tag_prefix.clone().unwrap_or_default())
                            .set("date", inputs.today.as_str());
                        fill(template, &vars)
                    }
                    None => format!("Release {} v{}", release.name, release.new),
                };
                plan.tags.push(PlannedTag {
                    name: name.clone(),
                    message,
                    sign: settings.sign_tag || request.sign,
                });
            }
        }
    }
    for release in &plan.released {
        let settings = &release.settings;
        if !settings.tag {
            let origin = settings.origins.get("tag").cloned().unwrap_or_default();
            plan.notes.push(format!(
                "`{}` is not tagged: `tag = false` at {origin}",
                release.name
            ));
        }
    }
    for tag in plan
        .tags
        .iter()
        .filter(|t| t.message.starts_with("Release ") && t.message.contains(", "))
    {
        plan.notes.push(format!(
            "tag `{}` stands for every crate released at this version ({})",
            tag.name,
            tag.message.trim_start_matches("Release ")
        ));
    }
    if request.no_push || !inputs.settings.push {
        let why = if request.no_push {
            "--no-push"
        } else {
            "`push = false` in [metadata.ship]"
        };
        plan.skipped.push((Step::Push, why.into()));
        return Ok(());
    }
    match (
        repo.push_remote(inputs.settings.push_remote.as_deref()),
        &repo.branch,
    ) {
        (Some(remote), Some(branch)) => {
            plan.push = Some(Push {
                remote,
                branch: branch.clone(),
                tags: plan.tags.iter().map(|t| t.name.clone()).collect(),
                options: inputs.settings.push_options.clone(),
            });
        }
        (None, _) => plan
            .skipped
            .push((Step::Push, "the repository has no remote".into())),
        (_, None) => plan.skipped.push((Step::Push, "HEAD is detached".into())),
    }
    Ok(())
}

/// Each released crate's `pre-release-hook`, its arguments and environment filled in.
fn plan_hooks(inputs: &Inputs, plan: &mut Plan) -> Result<()> {
    let ws = inputs.ws;
    for release in &plan.released {
        let package = &ws.members[release.member];
        let Some(hook) = release.settings.hook.clone() else {
            continue;
        };
        let mut vars = Vars::new()
            .release(&release.name, &release.old, &release.new)
            .set("date", inputs.today.as_str());
        // No tag, no value: `{{tag_name}}` stays as written, as cargo-release leaves it.
        if let Some(tag) = &release.tag {
            vars = vars.set("tag_name", tag.clone());
        }
        let dir = ws.manifest(package).dir().to_path_buf();
        let env = vec![
            (
                "PREV_VERSION",
                history::without_build(&release.old).to_string(),
            ),
            ("PREV_METADATA", release.old.build.to_string()),
            (
                "NEW_VERSION",
                history::without_build(&release.new).to_string(),
            ),
            ("NEW_METADATA", release.new.build.to_string()),
            ("DRY_RUN", "false".to_string()),
            ("CRATE_NAME", release.name.clone()),
            ("WORKSPACE_ROOT", ws.root_dir.display().to_string()),
            ("CRATE_ROOT", dir.display().to_string()),
        ];
        plan.hooks.push(HookRun {
            crate_name: release.name.clone(),
            args: hook
                .args
                .iter()
                .map(|a| fill_cargo_release(a, &vars))
                .collect(),
            dir,
            env,
            origin: hook.origin,
        });
    }
    Ok(())
}

pub(super) fn plan_publish(inputs: &Inputs, request: &Request, plan: &Plan) -> Publish {
    if request.no_publish {
        return Publish::Skipped(SkipReason::NoPublishFlag);
    }
    if request.no_commit {
        return Publish::Skipped(SkipReason::NoCommit);
    }
    let names: Vec<String> = plan
        .released
        .iter()
        .filter(|r| r.publish)
        .map(|r| r.name.clone())
        .collect();
    match (&inputs.registry, names.is_empty()) {
        (_, true) => Publish::Skipped(SkipReason::NothingPublishable),
        (None, false) => Publish::Skipped(SkipReason::NoRegistry),
        (Some(registry), false) => Publish::Crates {
            names,
            registry: registry.clone(),
        },
    }
}

//! The next version from the evidence, strongest first: conventional commits since the last
//! release, the changelog's Unreleased section, and (with `--api`) the public API diff. Every
//! reason is kept, so the verdict can be checked; the same verdict guards `cargo ship <level>`
//! against releasing a smaller version than the changes require.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::Result;
use semver::{Prerelease, Version};
use serde::Serialize;

use crate::changes::api;
use crate::changes::changelog;
use crate::changes::changesets;
use crate::changes::commits::{self, Commit};
use crate::changes::history::{self, Base};
use crate::tree::Tree;
use crate::version::{self, Change, Level, PreKind};
use crate::workspace::{Package, Workspace};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Commit,
    Changelog,
    Api,
    /// Files the package ships changed, whatever the commit messages say.
    Files,
    /// A dependency of the package changed: a workspace member it depends on, or one its
    /// public API names moving to an incompatible version.
    Dependency,
    /// The manifest already holds an unreleased version.
    Manifest,
    /// The dependencies it locks (cargo packages `Cargo.lock`) changed.
    Lockfile,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub source: Source,
    pub change: Change,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct Suggestion {
    pub name: String,
    pub current: Version,
    pub change: Change,
    pub next: Option<Version>,
    /// The smallest release the changes allow (Cargo's compatibility rule).
    pub required: Option<Version>,
    pub base: Base,
    pub reasons: Vec<Reason>,
    pub notes: Vec<String>,
    /// The released version the base stands for, and whether the manifest's version is
    /// released: what `next` is computed from when more evidence arrives.
    base_version: Option<Version>,
    current_published: bool,
    /// The version a prepared changelog section names: `next` never goes below it.
    floor: Option<Version>,
    /// What changed since the manifest's published pre-release.
    pre_change: Option<Change>,
}

impl Suggestion {
    /// Whether all it says is that nothing the package would upload changed: many such
    /// packages (a workspace between releases) are summed up in one line, not a note each.
    pub fn says_only_unchanged(&self) -> bool {
        self.change == Change::None
            && self.reasons.is_empty()
            && self.notes == [unchanged_note(&self.name, &self.base)]
    }

    /// Adds a reason and recomputes the verdict with it.
    fn raise(&mut self, reason: Reason) {
        self.change = self.change.max(reason.change);
        self.reasons.push(reason);
        let (next, required) = next_version(
            &self.current,
            self.base_version.as_ref(),
            self.change,
            self.current_published,
        );
        let next = pre_release_step(&self.current, self.current_published, self.pre_change, next);
        self.next = at_least(next, self.floor.as_ref());
        self.required = required;
    }

    /// The tag (or revision) the evidence is measured from, for JSON's `since`.
    pub fn since(&self) -> Option<&str> {
        self.base.tag_name()
    }
}

/// Where the evidence comes from.
pub struct Sources<'a> {
    pub ws: &'a Workspace,
    pub tree: &'a Tree,
    /// The repository (work tree top, its tags, the registry to ask), when there is one.
    pub history: Option<crate::changes::since::History<'a>>,
    /// `--since REF`.
    pub since: Option<&'a str>,
    /// Compare the public API (builds rustdoc JSON).
    pub api: bool,
}

/// The evidence gathered for a group of packages released together.
#[derive(Debug, Default)]
pub struct Evidence {
    pub commits: Vec<Commit>,
    pub changelog: Option<(PathBuf, Vec<changelog::Entry>)>,
    /// A changelog section already written for a version above the last release, and the
    /// line of its heading: the maintainer's own next version.
    pub changelog_version: Option<(Version, usize)>,
    pub changesets: Vec<changesets::Changeset>,
    pub api: Option<std::result::Result<Vec<api::ApiChange>, String>>,
    pub semver_checks: Option<(bool, String)>,
    /// What changed in the dependencies `Cargo.lock` holds for it.
    pub lockfile: Option<String>,
    /// What changed in its Cargo features.
    pub features: Vec<api::ApiChange>,
    /// Dependencies moved to an incompatible version.
    pub dependencies: Vec<api::ApiChange>,
    /// A raised `rust-version`.
    pub rust_version: Vec<String>,
    /// What the commits say changed since the manifest's published pre-release, when the base
    /// is an earlier release: nothing when only documentation and tests changed.
    pub pre_change: Option<Change>,
    /// The files changed since that pre-release when all of them are documentation and tests.
    pub pre_documentation: Vec<String>,
    /// Commits (by id) whose scope names another workspace member: the member they speak for.
    pub scoped_elsewhere: BTreeMap<String, String>,
    /// Commits (by id) that say more than a fix but changed only documentation and tests of
    /// what it ships.
    pub documentation_only: BTreeSet<String>,
    /// Whether the evidence is that of several packages released together.
    pub group: bool,
    /// Files it ships that the working tree changed and no commit holds yet.
    pub uncommitted: Vec<String>,
}

/// One suggestion per selected package. Packages released together share one: the members
/// that inherit the workspace version, and those released under one name-less tag at equal
/// versions (insta and cargo-insta). A package whose workspace dependency changed needs at
/// least a fix.
pub fn suggest_all(sources: &Sources, selected: &[&Package]) -> Result<Vec<Suggestion>> {
    let ws = sources.ws;
    let judged = with_workspace_dependencies(ws, selected);
    if let (Some(history), None) = (sources.history, sources.since) {
        crate::changes::since::read_history(ws, history, &judged)?;
    }
    let mut by_name: BTreeMap<String, Suggestion> = BTreeMap::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for package in &judged {
        if by_name.contains_key(&package.name) {
            continue;
        }
        let asked = selected.iter().any(|s| s.name == package.name);
        let group = release_group(sources, package, sources.since.filter(|_| asked))?;
        let chosen = group
            .iter()
            .any(|member| selected.iter().any(|s| s.name == member.name));
        let suggestion = suggest(sources, &group, chosen)?;
        for member in &group {
            let mut shared = suggestion.clone();
            shared.name = member.name.clone();
            if group.len() > 1 {
                shared.notes.push(released_with(&group, member));
            }
            by_name.insert(member.name.clone(), shared);
        }
        if group.len() > 1 {
            groups.push(group.iter().map(|m| m.name.clone()).collect());
        }
    }
    loop {
        raise_for_dependencies(ws, &judged, &mut by_name);
        let changed = raise_for_changed_dependencies(sources, &judged, &mut by_name)?;
        if !(share_within_groups(&groups, &mut by_name) || changed) {
            break;
        }
    }
    for suggestion in by_name.values_mut() {
        if suggestion.change == Change::None && suggestion.base != Base::Start {
            let note = unchanged_note(&suggestion.name, &suggestion.base);
            suggestion.notes.push(note);
        }
    }
    Ok(selected
        .iter()
        .filter_map(|p| by_name.get(&p.name).cloned())
        .collect())
}

/// What is said of a package nothing of which changed since `base`.
fn unchanged_note(name: &str, base: &Base) -> String {
    format!(
        "nothing {name} would upload changed since {}: no commit touches a file it ships, its \
         locked dependencies or a workspace dependency",
        describe(base)
    )
}

/// The note telling a member of a group which packages share its version.
fn released_with(group: &[&Package], member: &Package) -> String {
    let others: Vec<String> = group
        .iter()
        .filter(|p| p.name != member.name)
        .map(|p| p.name.clone())
        .collect();
    format!(
        "released together with {}: one version for all, from the changes of all",
        crate::words::summary(&others)
    )
}

/// `selected` and the workspace members they depend on (not dev-dependencies), transitively.
fn with_workspace_dependencies<'a>(
    ws: &'a Workspace,
    selected: &[&'a Package],
) -> Vec<&'a Package> {
    let mut all: Vec<&Package> = selected.to_vec();
    let mut at = 0;
    while at < all.len() {
        for dep in crate::workspace::workspace_dependencies(ws, all[at]) {
            if !all.iter().any(|p| p.name == dep.name) {
                all.push(dep);
            }
        }
        at += 1;
    }
    all
}

/// The packages released together with `package`: every member inheriting the workspace
/// version; the members whose last release is the same name-less tag at the same version
/// (`since` a name-less tag, the members whose manifests held its version there); else
/// `package` alone.
pub fn release_group<'a>(
    sources: &Sources<'a>,
    package: &'a Package,
    since: Option<&str>,
) -> Result<Vec<&'a Package>> {
    let ws = sources.ws;
    if crate::workspace::inherits_version(ws, package) {
        return Ok(crate::workspace::shared_version_members(ws));
    }
    let Some(history) = sources.history.filter(|_| ws.members.len() > 1) else {
        return Ok(vec![package]);
    };
    let key = |member: &Package| -> Result<Option<(String, Version)>> {
        let current = crate::workspace::current_version(ws, member)?;
        let released_at = match since {
            // Its manifest held the tag's version there, and no tag of its own marks that
            // version (anstyle-git 0.2.3 had `anstyle-git-v0.2.3` beside anstyle's `v0.2.3`).
            Some(rev) => Version::parse(rev.trim_start_matches('v'))
                .ok()
                .filter(|tagged| {
                    manifest_version_at(sources, member, rev)
                        .is_some_and(|held| history::without_build(&held) == *tagged)
                })
                .filter(|tagged| {
                    let template = crate::settings::tag_template(ws, member);
                    history::find_own_tag(history.tags, &member.name, template.as_deref(), tagged)
                        .is_none()
                })
                .map(|_| rev.to_string()),
            None => match crate::changes::since::last_release(
                ws,
                history,
                member,
                &current,
                !current.pre.is_empty(),
            )? {
                Base::Tag { name, version, .. }
                    if history::format_of(&name, &member.name, &version)
                        .is_some_and(|f| !f.contains("{name}")) =>
                {
                    Some(name)
                }
                _ => None,
            },
        };
        Ok(released_at.map(|tag| (tag, history::without_build(&current))))
    };
    let Some(mine) = key(package)? else {
        return Ok(vec![package]);
    };
    let mut group = vec![package];
    for member in &ws.members {
        // Equal versions first: reading another member's release costs git calls, and in a
        // workspace of hundreds most members hold other versions.
        let same_version = crate::workspace::current_version(ws, member)
            .is_ok_and(|v| history::without_build(&v) == mine.1);
        if member.name != package.name
            && same_version
            && !crate::workspace::inherits_version(ws, member)
            && key(member)?.as_ref() == Some(&mine)
        {
            group.push(member);
        }
    }
    Ok(group)
}

/// Members released together have one version: a dependency that raised one of them (`b`
/// depends on `c`, `a` does not, both inherit the workspace version) raises all, the reason
/// saying through whom. True when it raised one.
fn share_within_groups(groups: &[Vec<String>], by_name: &mut BTreeMap<String, Suggestion>) -> bool {
    let mut raised = false;
    for group in groups {
        let Some(strongest) = group
            .iter()
            .filter_map(|name| by_name.get(name))
            .max_by_key(|s| s.change)
            .cloned()
        else {
            continue;
        };
        for name in group {
            let Some(mine) = by_name.get_mut(name) else {
                continue;
            };
            let before = mine.change;
            if before >= strongest.change {
                continue;
            }
            for reason in strongest
                .reasons
                .iter()
                .filter(|r| r.source == Source::Dependency)
            {
                mine.raise(Reason {
                    detail: format!("{} (released with it): {}", strongest.name, reason.detail),
                    ..reason.clone()
                });
            }
            raised |= mine.change > before;
        }
    }
    raised
}

/// A package none of whose own files changed needs a fix when a workspace dependency's shipped
/// files changed since the package's release, even if that dependency was released since and
/// has nothing new of its own: the published package still requires the old one. Measured from
/// the package's release, as the release guard measures it, so the two never disagree. True
/// when it raised one (its dependents then follow).
fn raise_for_changed_dependencies(
    sources: &Sources,
    judged: &[&Package],
    by_name: &mut BTreeMap<String, Suggestion>,
) -> Result<bool> {
    let Some(history) = sources.history else {
        return Ok(false);
    };
    let mut raised = false;
    for package in judged {
        let Some(suggestion) = by_name.get_mut(&package.name) else {
            continue;
        };
        if suggestion.change != Change::None || suggestion.base.rev().is_none() {
            continue;
        }
        if let Some((dependency, latest)) = crate::changes::since::changed_dependency(
            sources.ws,
            history,
            suggestion.base.rev(),
            package,
        )? {
            suggestion.raise(Reason {
                source: Source::Dependency,
                change: Change::Fix,
                detail: format!(
                    "{} changed since {} (latest: {} {}): it depends on it",
                    dependency.name,
                    describe(&suggestion.base),
                    latest.short_id(),
                    latest.subject
                ),
            });
            raised = true;
        }
    }
    Ok(raised)
}

/// A package whose workspace dependency changed needs at least a fix (until nothing more
/// changes: dependencies of dependencies count too); one whose public API names a dependency
/// whose next version its requirement no longer admits breaks with it (`changes::dependencies`).
fn raise_for_dependencies(
    ws: &Workspace,
    judged: &[&Package],
    by_name: &mut BTreeMap<String, Suggestion>,
) {
    loop {
        let mut raised = false;
        for package in judged {
            let Some(mut suggestion) = by_name.get(&package.name).cloned() else {
                continue;
            };
            let before = (suggestion.change, suggestion.notes.len());
            for dep in package.dependencies(ws).into_iter().flatten() {
                if dep.kind == crate::workspace::DepKind::Dev || dep.path.is_none() {
                    continue;
                }
                let Some(theirs) = by_name.get(dep.crate_name()) else {
                    continue;
                };
                if theirs.change == Change::None || theirs.name == suggestion.name {
                    continue;
                }
                let next = theirs.next.as_ref().map(history::without_build);
                // Only a normal dependency's types can be in the API, and only if it names them.
                let incompatible = match (dep.version, &next) {
                    (Some((req, _)), Some(next))
                        if dep.kind == crate::workspace::DepKind::Normal =>
                    {
                        crate::changes::dependencies::incompatible_upgrade(req, &next.to_string())
                            .then(|| (req.to_string(), next.to_string()))
                    }
                    _ => None,
                }
                .filter(|_| crate::changes::exposed::exposes(ws, package, dep.name));
                if let Some((req, next)) = incompatible {
                    let found = crate::changes::dependencies::verdict(
                        &theirs.name,
                        &req,
                        &next,
                        crate::changes::exposed::ships_binaries(ws, package),
                    );
                    let known = suggestion.notes.contains(&found.detail)
                        || suggestion.reasons.iter().any(|r| r.detail == found.detail);
                    match (known, found.change) {
                        (true, _) => {}
                        (false, Change::None) => suggestion.notes.push(found.detail),
                        (false, change) => suggestion.raise(Reason {
                            source: Source::Dependency,
                            change,
                            detail: found.detail,
                        }),
                    }
                }
                if suggestion.change == Change::None {
                    suggestion.raise(Reason {
                        source: Source::Dependency,
                        change: Change::Fix,
                        detail: format!("{} changed: it depends on it", theirs.name),
                    });
                }
            }
            if (suggestion.change, suggestion.notes.len()) != before {
                by_name.insert(package.name.clone(), suggestion);
                raised = true;
            }
        }
        if !raised {
            return;
        }
    }
}

/// Suggests the next version of `group` (one package, or the members sharing one version),
/// reported under `group[0]`'s name; `selected` when the user named one of them.
fn suggest(sources: &Sources, group: &[&Package], selected: bool) -> Result<Suggestion> {
    let ws = sources.ws;
    let leader = group[0];
    let current = crate::workspace::current_version(ws, leader)?;
    // `--since` is the user's point for the packages they asked about; a workspace dependency
    // brought in with them is released, or not, for what changed since its own last release.
    let since = sources.since.filter(|_| selected);
    let base = match (since, sources.history) {
        (Some(rev), _) => Base::Explicit {
            rev: rev.to_string(),
        },
        (None, Some(history)) => crate::changes::since::last_release(
            ws,
            history,
            leader,
            &current,
            !current.pre.is_empty(),
        )?,
        (None, None) => Base::Start,
    };
    let base_version = base_version(sources, leader, &base, selected);
    let mut evidence = gather(sources, group, &base, base_version.as_ref())?;
    // Without tags to tell, a pre-release in the manifest counts as published.
    let current_published = match (&base, sources.history) {
        (Base::Published { .. }, _) => true,
        (_, Some(history)) => {
            let template = crate::settings::tag_template(ws, leader);
            history::has_tag(history.tags, &leader.name, template.as_deref(), &current)
        }
        (_, None) => true,
    };
    if let Some(history) = sources.history
        && !current.pre.is_empty()
        && current_published
        && let Some((change, documentation)) =
            change_since_pre_release(sources, history, group, &current, &evidence.uncommitted)?
    {
        evidence.pre_change = Some(change);
        evidence.pre_documentation = documentation;
    }
    let mut suggestion = verdict(
        &leader.name,
        &current,
        base_version.as_ref(),
        current_published,
        base,
        &evidence,
    );
    if let Some(history) = sources.history
        && history.published.is_none()
        && !suggestion.current_published
        && matches!(suggestion.base, Base::VersionChange { .. } | Base::Start)
    {
        suggestion.notes.push(format!(
            "no release tag for {current}, and the registry was not asked whether it is \
             published (offline)"
        ));
    }
    if let Some(history) = sources.history
        && matches!(suggestion.base, Base::VersionChange { .. } | Base::Start)
        && let Some(Base::Tag { name, .. }) =
            crate::changes::since::tag_above_manifest(ws, history, leader, &current)
    {
        suggestion.notes.push(format!(
            "tag {name} in HEAD's history is above the manifest's {current}, so it is not \
             taken as the last release; if {current} is a placeholder, measure from the tag \
             with `--since {name}` and release the version you mean (`cargo ship X.Y.Z`)"
        ));
    }
    Ok(suggestion)
}

/// What changed since the tag of the manifest's pre-release (`None` when it has no tag): what
/// the conventional commits say, and at least a fix when any commit touched what it ships or
/// the working tree has `uncommitted` changes to it. Nothing when all of those changes are
/// documentation and tests, which are then listed: the code the pre-release tried is the code
/// a release ships.
fn change_since_pre_release(
    sources: &Sources,
    history: crate::changes::since::History,
    group: &[&Package],
    current: &Version,
    uncommitted: &[String],
) -> Result<Option<(Change, Vec<String>)>> {
    let template = crate::settings::tag_template(sources.ws, group[0]);
    let Some(tag) = history::find_tag(history.tags, &group[0].name, template.as_deref(), current)
    else {
        return Ok(None);
    };
    let commits =
        crate::changes::since::shipping_commits(sources.ws, history, Some(&tag.commit), group)?;
    if commits.is_empty() && uncommitted.is_empty() {
        return Ok(Some((Change::None, Vec::new())));
    }
    let (changed, code) = crate::changes::since::changed_code(
        sources.ws,
        history,
        &tag.commit,
        group,
        &commits,
        uncommitted,
    )?;
    if code.is_empty() {
        return Ok(Some((Change::None, changed)));
    }
    let said = commits.iter().map(Commit::change).max();
    Ok(Some((
        said.unwrap_or(Change::None).max(Change::Fix),
        Vec::new(),
    )))
}

/// The released version the base stands for: a tag's version (also `--since TAG`).
fn base_version(
    sources: &Sources,
    package: &Package,
    base: &Base,
    selected: bool,
) -> Option<Version> {
    match base {
        Base::Tag { version, .. } | Base::Published { version, .. } => Some(version.clone()),
        Base::Explicit { rev } => {
            let template = crate::settings::tag_template(sources.ws, package);
            let named = template
                .iter()
                .map(String::as_str)
                .chain(history::LEGACY_FORMATS.iter().copied())
                .find_map(|format| history::tag_version(rev, format, &package.name))
                // A bare version (`v0.19.10`, `1.2.0`) names no package; a configured format
                // of the package's own (knope's `config/v{version}`) names it.
                .map(|version| {
                    let bare = Version::parse(rev.trim_start_matches('v')).is_ok();
                    (version, bare)
                });
            match named {
                Some((version, false)) => Some(version),
                Some((version, true)) => {
                    name_less_tag_version(sources, package, rev, version, selected)
                }
                None => manifest_version_named_by(sources, package, rev),
            }
        }
        _ => None,
    }
}

/// A name-less tag (`v0.19.10`) in a workspace may be another member's release: `--since
/// v0.19.10 -p toml_edit` judges toml_datetime, then at 0.6.2 or not yet written, from that
/// point too. For a member whose manifest held another version there, the tag stands for that
/// version. A member without a manifest there is new since, unless the user named it (it may
/// have moved: toml_edit left the repository's root), when the tag is taken at its word.
fn name_less_tag_version(
    sources: &Sources,
    package: &Package,
    rev: &str,
    version: Version,
    selected: bool,
) -> Option<Version> {
    if sources.ws.members.len() == 1 {
        return Some(version);
    }
    match manifest_version_at(sources, package, rev) {
        Some(held) if history::without_build(&held) != version => Some(held),
        Some(_) => Some(version),
        None => selected.then_some(version),
    }
}

/// The version `package`'s manifest held at `rev`.
fn manifest_version_at(sources: &Sources, package: &Package, rev: &str) -> Option<Version> {
    let history = sources.history?;
    let manifest = sources
        .ws
        .manifest(package)
        .path
        .strip_prefix(history.top)
        .ok()?;
    let text = history::version_at(history.git, rev, &manifest.to_string_lossy())?;
    Version::parse(&text).ok()
}

/// For a `--since` ref in a format of its own (knope's `versioning/v0.3.0` for the crate
/// `knope-versioning`, its early `v.0.1.0`): the version the package's manifest held there,
/// when the ref's name ends with exactly that version, so it names that release.
fn manifest_version_named_by(sources: &Sources, package: &Package, rev: &str) -> Option<Version> {
    let version = manifest_version_at(sources, package, rev)?;
    let plain = history::without_build(&version).to_string();
    let named = rev.strip_suffix(&plain)?;
    // `…v0.3.0`, `….0.3.0`, `…-0.3.0`, `…/0.3.0`: the version is a whole part of the name.
    (named.is_empty() || named.ends_with(['v', '.', '-', '/', '_'])).then_some(version)
}

fn gather(
    sources: &Sources,
    group: &[&Package],
    base: &Base,
    base_version: Option<&Version>,
) -> Result<Evidence> {
    let ws = sources.ws;
    let mut evidence = Evidence {
        group: group.len() > 1,
        ..Evidence::default()
    };
    if let Some(history) = sources.history {
        let crate::changes::since::History { git, top, .. } = history;
        // Only commits that change what the package ships count.
        evidence.commits = crate::changes::since::shipping_commits(ws, history, base.rev(), group)?;
        evidence.scoped_elsewhere =
            scoped_elsewhere(ws, history, base.rev(), group, &evidence.commits)?;
        let scoped = &evidence.scoped_elsewhere;
        evidence.documentation_only = crate::changes::since::documentation_commits(
            ws,
            history,
            group,
            &evidence.commits,
            |c| scoped.contains_key(&c.id),
        )?;
        evidence.uncommitted = crate::changes::since::uncommitted_shipped(ws, history, group)?;
        evidence.lockfile =
            crate::changes::since::lock_changes(ws, sources.tree, history, base.rev(), group)?;
        if let Some(rev) = base.rev() {
            let manifests =
                crate::changes::since::manifest_changes(ws, sources.tree, history, rev, group)?;
            evidence.features = manifests.features;
            evidence.dependencies = manifests.dependencies;
            evidence.rust_version = manifests.rust_version;
        }
        if sources.api
            && let Some(rev) = base.rev()
        {
            let leader = group[0];
            let target = ws.root_dir.join("target");
            let manifest = &ws.manifest(leader).path;
            // Both builds write the lockfile; suggesting changes nothing.
            let lockfile = crate::edit::Snapshot::take(&ws.root_dir.join("Cargo.lock"))?;
            let checks = api::semver_checks(manifest, &leader.name, rev);
            let compared = api::compare(git, top, manifest, &leader.name, rev, &target);
            lockfile.restore()?;
            evidence.semver_checks = checks;
            evidence.api = Some(compared?);
        }
    }
    if let Some(path) = changelog::of(sources.tree, ws, group[0])
        && let Some(text) = sources.tree.read(&path)?
    {
        let mut entries = changelog::entries(&text);
        if let Some(last) = base_version
            && let Some((version, prepared, line)) = changelog::prepared(&text, last)
        {
            entries.extend(prepared);
            evidence.changelog_version = Some((version, line));
        }
        evidence.changelog = Some((path, entries));
    }
    for package in group {
        evidence.changesets.extend(changesets::pending(
            sources.tree,
            &ws.root_dir,
            &package.name,
        ));
    }
    Ok(evidence)
}

/// The commits whose conventional scope names another workspace member than `group`'s, and
/// that changed that member too, with the member: see [`commits::scope_of_another`]. A commit
/// that did not touch the member it seems to name speaks of something of ours (a module
/// called like a sibling crate), and keeps its level.
fn scoped_elsewhere(
    ws: &Workspace,
    history: crate::changes::since::History,
    base: Option<&str>,
    group: &[&Package],
    found: &[Commit],
) -> Result<BTreeMap<String, String>> {
    let ours: Vec<&str> = group.iter().map(|p| p.name.as_str()).collect();
    let members: Vec<&str> = ws.members.iter().map(|m| m.name.as_str()).collect();
    // `found` lists only our files; the range's own list has every file.
    let all = history.tags.log.since(base)?;
    // Each member's own files: its directory without the members nested in it (a root
    // package's directory holds them all).
    let own: Vec<(&str, commits::Paths)> = ws
        .members
        .iter()
        .map(|m| {
            let exclude = ws.nested_in(m).map(|n| n.dir.clone()).collect();
            let include = vec![m.dir.clone()];
            (m.name.as_str(), commits::Paths { include, exclude })
        })
        .collect();
    let touched = |commit: &Commit| -> Vec<&str> {
        own.iter()
            .filter(|(_, paths)| {
                commit
                    .files
                    .iter()
                    .any(|f| paths.holds(&history.top.join(f)))
            })
            .map(|(name, _)| *name)
            .collect()
    };
    let mut homes: BTreeMap<String, Option<&str>> = BTreeMap::new();
    let mut scoped = BTreeMap::new();
    for commit in found {
        let named = commits::scope_of_another(commit, &ours, &members).or_else(|| {
            let scope = commits::scope(commit)?;
            *homes
                .entry(scope.clone())
                .or_insert_with(|| scope_home(&scope, &all, &ours, &members, &touched))
        });
        let Some(name) = named else {
            continue;
        };
        let whole = all.iter().find(|c| c.id == commit.id);
        if whole.is_some_and(|c| touched(c).contains(&name)) {
            scoped.insert(commit.id.clone(), name.to_string());
        }
    }
    Ok(scoped)
}

/// The member a scope that names none stands for, learned from the commits of the range that
/// carry it: the one member every such commit touched, when some touched nothing else.
/// anstyle-stream became anstream and its commits kept `stream` as their scope; a
/// `feat(stream)` that also adapted anstyle-wincon is anstream's feature, a fix of wincon. A
/// scope spread over several members (toml's `serde`, in toml and toml_edit alike) names none.
fn scope_home<'m>(
    scope: &str,
    all: &[Commit],
    ours: &[&str],
    members: &[&'m str],
    touched: &dyn Fn(&Commit) -> Vec<&'m str>,
) -> Option<&'m str> {
    if members.iter().any(|m| commits::scope_names(scope, m)) {
        return None;
    }
    let carriers: Vec<Vec<&str>> = all
        .iter()
        .filter(|c| commits::scope(c).as_deref() == Some(scope))
        .map(touched)
        .filter(|t| !t.is_empty())
        .collect();
    let mut common = carriers.first()?.clone();
    common.retain(|m| carriers.iter().all(|t| t.contains(m)));
    let [home] = common[..] else {
        return None;
    };
    let alone = carriers.iter().any(|t| t.len() == 1);
    (alone && !ours.contains(&home)).then_some(home)
}

/// The verdict from the evidence (pure: the tests drive it with tables).
pub fn verdict(
    name: &str,
    current: &Version,
    base_version: Option<&Version>,
    current_published: bool,
    base: Base,
    evidence: &Evidence,
) -> Suggestion {
    let mut reasons = Vec::new();
    let mut notes = Vec::new();
    let mut unconventional = 0;
    let mut neutral = 0;
    for commit in &evidence.commits {
        match (&commit.conventional, commit.change()) {
            (None, _) => unconventional += 1,
            (Some(_), Change::None) => neutral += 1,
            (Some(_), change) => reasons.push(match evidence.scoped_elsewhere.get(&commit.id) {
                Some(member) if change > Change::Fix => Reason {
                    source: Source::Commit,
                    change: Change::Fix,
                    detail: format!(
                        "{} {} (its scope is {member}'s: here it changed files to follow it)",
                        commit.short_id(),
                        commit.subject
                    ),
                },
                _ if change > Change::Fix && evidence.documentation_only.contains(&commit.id) => {
                    Reason {
                        source: Source::Commit,
                        change: Change::Fix,
                        detail: format!(
                            "{} {} (here it changed only documentation and tests)",
                            commit.short_id(),
                            commit.subject
                        ),
                    }
                }
                _ => Reason {
                    source: Source::Commit,
                    change,
                    detail: format!("{} {}", commit.short_id(), commit.subject),
                },
            }),
        }
    }
    if unconventional > 0 {
        let since = describe(&base);
        notes.push(if unconventional == 1 {
            format!("1 commit since {since} is not a conventional commit: its message says nothing")
        } else {
            format!(
                "{unconventional} commits since {since} are not conventional commits: their messages say nothing"
            )
        });
    }
    if neutral > 0 {
        notes.push(if neutral == 1 {
            "1 conventional commit (docs, chore, refactor, …) changes nothing for users".into()
        } else {
            format!(
                "{neutral} conventional commits (docs, chore, refactor, …) change nothing for users"
            )
        });
    }
    if let Some((path, entries)) = &evidence.changelog {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        for entry in entries {
            let place = match &entry.heading {
                Some(heading) => format!("{file}:{} {heading}", entry.line),
                None => format!("{file}:{}", entry.line),
            };
            if !entry.known_heading && entry.change == Change::None {
                let heading = entry.heading.as_deref().unwrap_or_default();
                notes.push(format!(
                    "{file}:{}: `{heading}` is not a heading cargo ship knows; not counted",
                    entry.line
                ));
                continue;
            }
            if entry.change != Change::None {
                reasons.push(Reason {
                    source: Source::Changelog,
                    change: entry.change,
                    detail: format!("{place}: {}", entry.text),
                });
            }
        }
    }
    for changeset in &evidence.changesets {
        if changeset.change != Change::None {
            reasons.push(Reason {
                source: Source::Changelog,
                change: changeset.change,
                detail: format!(
                    "{} {}: {}",
                    changeset.file.display(),
                    changeset.key,
                    changeset.title
                ),
            });
        }
    }
    match &evidence.semver_checks {
        Some((true, summary)) => reasons.push(Reason {
            source: Source::Api,
            change: Change::Breaking,
            detail: format!("cargo semver-checks: {summary}"),
        }),
        Some((false, _)) => notes.push("cargo semver-checks found no breaking change".into()),
        None => {}
    }
    let semver_checks_decides = evidence.semver_checks.is_some();
    let api_changes = match &evidence.api {
        Some(Ok(changes)) => changes.as_slice(),
        Some(Err(note)) => {
            notes.push(note.clone());
            &[]
        }
        None => &[],
    };
    for change in api_changes.iter().chain(&evidence.features) {
        // With cargo semver-checks installed, it alone decides what is breaking.
        if semver_checks_decides && change.change == Change::Breaking {
            continue;
        }
        // Possibly breaking: said, but the commits and the changelog decide.
        if change.change == Change::None {
            notes.push(change.detail.clone());
            continue;
        }
        reasons.push(Reason {
            source: Source::Api,
            change: change.change,
            detail: change.detail.clone(),
        });
    }
    // See `changes::dependencies`; with cargo semver-checks installed, it decides.
    for change in &evidence.dependencies {
        if change.change == Change::None || semver_checks_decides {
            notes.push(change.detail.clone());
        } else {
            reasons.push(Reason {
                source: Source::Dependency,
                change: change.change,
                detail: change.detail.clone(),
            });
        }
    }
    // Said, never decided: see `changes::msrv`.
    notes.extend(evidence.rust_version.iter().cloned());
    // A manifest already holding an unreleased version above the last release (a "prepare
    // release" commit): that version is the floor of the next one.
    if let Some(base_version) = base_version
        && current.pre.is_empty()
        && !current_published
        && history::without_build(current) > history::without_build(base_version)
    {
        reasons.push(Reason {
            source: Source::Manifest,
            change: Change::Fix,
            detail: format!(
                "the manifest already holds {current}, above the last release {base_version}: \
                 it is not released yet"
            ),
        });
    }
    // A changelog section already written for the next version: what the maintainer chose.
    if let (Some(base_version), Some((declared, line))) =
        (base_version, &evidence.changelog_version)
    {
        let file = evidence
            .changelog
            .as_ref()
            .and_then(|(path, _)| path.file_name())
            .map_or_else(|| changelog::FILE_NAME.into(), |n| n.to_string_lossy());
        reasons.push(Reason {
            source: Source::Changelog,
            change: change_to(base_version, declared),
            detail: format!(
                "{file}:{line} already has a section for {declared}, above the last release \
                 {base_version}"
            ),
        });
    }
    // The floor: whatever the messages say, a change to what the package ships is a fix.
    if reasons.is_empty() && !evidence.commits.is_empty() {
        let first = &evidence.commits[0];
        let count = evidence.commits.len();
        reasons.push(Reason {
            source: Source::Files,
            change: Change::Fix,
            detail: format!(
                "{count} commit{} changed files {} (latest: {} {}{})",
                if count == 1 { "" } else { "s" },
                if evidence.group {
                    "its release group ships"
                } else {
                    "it ships"
                },
                first.short_id(),
                first.subject,
                first
                    .files
                    .first()
                    .map_or(String::new(), |f| format!(", {f}"))
            ),
        });
    }
    if let Some(files) = first_and_more(&evidence.uncommitted) {
        let what = format!("uncommitted changes to files it ships ({files})");
        if reasons.is_empty() {
            reasons.push(Reason {
                source: Source::Files,
                change: Change::Fix,
                detail: format!(
                    "{what}: not committed yet; a release takes them once they are (or with \
                     --allow-dirty)"
                ),
            });
        } else {
            notes.push(format!(
                "{what}: at least a fix; their commit message, not written yet, may say more"
            ));
        }
    }
    if reasons.is_empty()
        && let Some(locked) = &evidence.lockfile
    {
        reasons.push(Reason {
            source: Source::Lockfile,
            change: Change::Fix,
            detail: format!("Cargo.lock, which cargo packages with it, changed: {locked}"),
        });
    }
    let change = reasons
        .iter()
        .map(|r| r.change)
        .max()
        .unwrap_or(Change::None);
    let never_released = base == Base::Start && !current_published;
    let floor = evidence.changelog_version.as_ref().map(|(v, _)| v.clone());
    let (next, required) = if never_released && change != Change::None && current.pre.is_empty() {
        // No tag, no version change, no tag of this version: the manifest's version is the
        // first release.
        (Some(current.clone()), Some(current.clone()))
    } else {
        next_version(current, base_version, change, current_published)
    };
    // Measured from the pre-release itself, the change is the change since it.
    let pre_change = evidence
        .pre_change
        .or((base_version == Some(current)).then_some(change));
    let next = pre_release_step(current, current_published, pre_change, next);
    if next.is_some() && change == Change::None {
        notes.push(format!(
            "nothing changed since the pre-release {current}: a release finishes it"
        ));
    }
    if let Some(files) = first_and_more(&evidence.pre_documentation)
        && next.as_ref().is_some_and(|n| n.pre.is_empty())
    {
        notes.push(format!(
            "only documentation and tests changed since the pre-release {current} ({files}): \
             the code it tried is the code a release ships, so the release finishes it"
        ));
    }
    if let Some(continued) = &next
        && !continued.pre.is_empty()
        && current_published
        && (continued.major, continued.minor, continued.patch)
            == (current.major, current.minor, current.patch)
    {
        notes.push(format!(
            "{continued} continues the pre-releases of {}.{}.{}, since what it ships changed \
             after {current}; `cargo ship release` finishes them instead",
            current.major, current.minor, current.patch
        ));
    }
    let next = at_least(next, floor.as_ref());
    Suggestion {
        name: name.to_string(),
        current: current.clone(),
        change,
        next,
        required,
        base,
        reasons,
        notes,
        base_version: base_version.cloned(),
        current_published,
        floor,
        pre_change,
    }
}

/// `a.rs`, `a.rs and 2 more`: a list of files named in one line.
fn first_and_more(files: &[String]) -> Option<String> {
    let first = files.first()?;
    Some(match files.len() - 1 {
        0 => first.clone(),
        n => format!("{first} and {n} more"),
    })
}

/// A published pre-release moves on to the next one while anything still changes
/// (cargo-release's 0.9.0-beta.1 … beta.8 took fixes, knope's rc.0 … rc.4 build fixes): a
/// series is there to test what will be released, and ending it is the maintainer's call. When
/// nothing changed since it, or only its documentation and tests (semver's 1.0.0-rc.2, then a
/// doc typo and new tests, then 1.0.0), releasing can only mean finishing it, and the release
/// is what was tested.
fn pre_release_step(
    current: &Version,
    current_published: bool,
    pre_change: Option<Change>,
    next: Option<Version>,
) -> Option<Version> {
    if current.pre.is_empty() || !current_published {
        return next;
    }
    let release = Version::new(current.major, current.minor, current.patch);
    match next {
        Some(next) if next == release && pre_change.is_some_and(|c| c > Change::None) => {
            Some(next_pre_release(current))
        }
        None if pre_change == Some(Change::None) => Some(release),
        next => next,
    }
}

/// `1.0.0-beta.1` → `1.0.0-beta.2`; `1.0.0-rc` → `1.0.0-rc.1`.
fn next_pre_release(current: &Version) -> Version {
    let mut parts: Vec<String> = current
        .pre
        .as_str()
        .split('.')
        .map(str::to_string)
        .collect();
    match parts.last().and_then(|p| p.parse::<u64>().ok()) {
        Some(n) => {
            let last = parts.len() - 1;
            parts[last] = (n + 1).to_string();
        }
        None => parts.push("1".into()),
    }
    let mut next = current.clone();
    next.pre = Prerelease::new(&parts.join(".")).unwrap_or(Prerelease::EMPTY);
    next.build = semver::BuildMetadata::EMPTY;
    next
}

/// The change a move from `base` to `declared` stands for under Cargo's rule: the largest
/// whose smallest release `declared` reaches.
fn change_to(base: &Version, declared: &Version) -> Change {
    let release = |v: &Version| Version::new(v.major, v.minor, v.patch);
    let (base, declared) = (release(base), release(declared));
    if declared <= base {
        return Change::Fix;
    }
    [Change::Breaking, Change::Feature]
        .into_iter()
        .find(|c| version::required(&base, *c).is_some_and(|r| r <= declared))
        .unwrap_or(Change::Fix)
}

/// `next`, raised to `floor` (a version the maintainer already wrote down) when below it.
fn at_least(next: Option<Version>, floor: Option<&Version>) -> Option<Version> {
    match (next, floor) {
        (Some(next), Some(floor)) if *floor > next => Some(floor.clone()),
        (next, _) => next,
    }
}

fn describe(base: &Base) -> String {
    match base {
        Base::Tag { name, .. } => name.clone(),
        Base::Explicit { rev } => rev.clone(),
        Base::VersionChange { commit } => format!("commit {}", crate::git::short(commit)),
        Base::Published { version, .. } => format!("{version} (published, untagged)"),
        Base::Start => "the first commit".into(),
    }
}

/// The next version and the smallest acceptable one.
///
/// On a release, Cargo's rule from the last release; when the manifest is already ahead of it
/// (bumped before the release), the manifest's version is released if it is enough. On a
/// pre-release `X.Y.Z-pre`, the requirement is measured from the last release: a published
/// (tagged) pre-release continues (`rc.2` → `rc.3`), an unpublished development version is
/// released as `X.Y.Z`, both only when `X.Y.Z` is enough; otherwise a pre-release of the
/// required version starts.
pub fn next_version(
    current: &Version,
    base: Option<&Version>,
    change: Change,
    current_published: bool,
) -> (Option<Version>, Option<Version>) {
    if change == Change::None {
        return (None, None);
    }
    let release = Version::new(current.major, current.minor, current.patch);
    if current.pre.is_empty() {
        return match base {
            Some(base) if base < current => {
                let required = version::required(base, change);
                let next = match &required {
                    Some(required) if required > current => required.clone(),
                    _ => current.clone(),
                };
                (Some(next), required)
            }
            // A manifest behind its last release (semver's `0.0.0` placeholder after 0.11.0)
            // moves on from the release, never below it.
            Some(base) if base > current => {
                let required = version::required(base, change);
                (required.clone(), required)
            }
            _ => {
                let required = version::required(current, change);
                (required.clone(), required)
            }
        };
    }
    let required = base.and_then(|b| version::required(b, change));
    let kind = PreKind::of(current);
    match &required {
        // A published pre-release line moves on to a pre-release of the required version; an
        // unpublished development version (`0.12.5-alpha.0`) simply becomes that release.
        Some(required) if release < *required => {
            let mut next = required.clone();
            if current_published {
                next.pre = Prerelease::new(&format!("{}.1", kind.unwrap_or(PreKind::Rc).as_str()))
                    .unwrap_or(Prerelease::EMPTY);
            }
            (Some(next), Some(required.clone()))
        }
        // The release it leads to is enough for the changes: finish it.
        _ => (Some(release.clone()), required.or(Some(release))),
    }
}

/// The under-bump guard: `Err` with the reasons when `planned` is below what the changes
/// require (comparing versions, not level names; a pre-release of the required version is
/// fine).
pub fn guard(suggestion: &Suggestion, planned: &Version) -> std::result::Result<(), String> {
    let Some(required) = &suggestion.required else {
        return Ok(());
    };
    let planned_release = Version::new(planned.major, planned.minor, planned.patch);
    if planned_release >= *required {
        return Ok(());
    }
    let reasons: Vec<String> = suggestion
        .reasons
        .iter()
        .filter(|r| r.change == suggestion.change)
        .take(5)
        .map(|r| r.detail.clone())
        .collect();
    let level = [Level::Patch, Level::Minor, Level::Major]
        .into_iter()
        .find(|level| version::bump(&suggestion.current, level, None).is_ok_and(|v| v >= *required))
        .map_or(String::new(), |level| format!(" with `cargo ship {level}`"));
    Err(format!(
        "releasing {} {planned} would under-bump: the changes since {} are {} and need at least {required} ({}). Release {required}{level} (or a pre-release of it), or pass --force",
        suggestion.name,
        describe(&suggestion.base),
        suggestion.change.as_str(),
        reasons.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::commits::parse;

    fn v(text: &str) -> Version {
        Version::parse(text).expect("version")
    }

    /// The base when the current version is tagged: the usual state between releases.
    fn tagged(current: &str) -> Base {
        Base::Tag {
            name: format!("v{current}"),
            commit: "0000000".into(),
            version: v(current),
        }
    }

    fn with_commits(messages: &[&str]) -> Evidence {
        Evidence {
            commits: messages
                .iter()
                .enumerate()
                .map(|(i, m)| parse(&format!("{i:07}abcdef"), m))
                .collect(),
            ..Evidence::default()
        }
    }

    #[test]
    fn cargo_rule_picks_the_next_version() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("1.4.2", &["fix: a", "feat: b"], Some("1.5.0")),
            ("1.4.2", &["feat!: drop"], Some("2.0.0")),
            // Shipped files changed: a fix, whatever the messages say.
            ("1.4.2", &["docs: words", "Update README"], Some("1.4.3")),
            ("0.3.1", &["feat: b"], Some("0.3.2")),
            ("0.3.1", &["refactor!: api"], Some("0.4.0")),
            ("0.0.4", &["feat!: x"], Some("0.0.5")),
            ("2.0.0", &["perf: faster"], Some("2.0.1")),
        ];
        for (current, messages, next) in cases {
            let s = verdict(
                "x",
                &v(current),
                None,
                true,
                tagged(current),
                &with_commits(messages),
            );
            assert_eq!(
                s.next.map(|v| v.to_string()).as_deref(),
                *next,
                "{current} {messages:?}"
            );
        }
    }

    #[test]
    fn pre_releases_finish_or_restart_from_the_last_release() {
        // 1.0.0-rc.2 after 0.9.0, with a fix: 1.0.0 is enough, so finish it.
        let (next, _) = next_version(&v("1.0.0-rc.2"), Some(&v("0.9.0")), Change::Fix, true);
        assert_eq!(next, Some(v("1.0.0")));
        let (next, _) = next_version(&v("1.1.1-rc.4"), Some(&v("1.1.0")), Change::Fix, true);
        assert_eq!(next, Some(v("1.1.1")));
        // An untagged development version is released as it is, or as the required release.
        let (next, _) = next_version(
            &v("0.13.0-alpha.0"),
            Some(&v("0.12.4")),
            Change::Breaking,
            false,
        );
        assert_eq!(next, Some(v("0.13.0")));
        let (next, _) = next_version(
            &v("0.12.5-alpha.0"),
            Some(&v("0.12.4")),
            Change::Breaking,
            false,
        );
        assert_eq!(next, Some(v("0.13.0")));
        // 1.1.0-beta.1 after 1.0.0, with a breaking change: 2.0.0 is needed.
        let (next, required) = next_version(
            &v("1.1.0-beta.1"),
            Some(&v("1.0.0")),
            Change::Breaking,
            true,
        );
        assert_eq!(next, Some(v("2.0.0-beta.1")));
        assert_eq!(required, Some(v("2.0.0")));
    }

    #[test]
    fn a_prepared_manifest_is_the_floor_even_without_other_evidence() {
        let s = verdict(
            "x",
            &v("1.2.0"),
            Some(&v("1.1.0")),
            false,
            tagged("1.1.0"),
            &Evidence::default(),
        );
        assert_eq!(s.next, Some(v("1.2.0")));
        assert_eq!(s.reasons[0].source, Source::Manifest);
    }

    #[test]
    fn a_manifest_bumped_before_the_release_is_released_when_enough() {
        // Behind the last release: from the release.
        let (next, _) = next_version(&v("0.0.0"), Some(&v("0.11.0")), Change::Breaking, true);
        assert_eq!(next, Some(v("0.12.0")));
        let (next, _) = next_version(&v("0.1.1"), Some(&v("0.1.0")), Change::Fix, false);
        assert_eq!(next, Some(v("0.1.1")));
        let (next, required) =
            next_version(&v("1.0.1"), Some(&v("1.0.0")), Change::Breaking, false);
        assert_eq!((next, required), (Some(v("2.0.0")), Some(v("2.0.0"))));
    }

    #[test]
    fn a_crate_never_released_suggests_its_current_version() {
        let s = verdict(
            "x",
            &v("0.1.0"),
            None,
            false,
            Base::Start,
            &with_commits(&["feat: first"]),
        );
        assert_eq!(s.next, Some(v("0.1.0")));
        let tagged = Base::VersionChange {
            commit: "abc".into(),
        };
        let s = verdict(
            "x",
            &v("0.1.0"),
            None,
            false,
            tagged,
            &with_commits(&["feat: first"]),
        );
        assert_eq!(s.next, Some(v("0.1.1")));
    }

    #[test]
    fn the_guard_compares_versions_not_level_names() {
        let breaking = verdict(
            "x",
            &v("1.4.2"),
            None,
            true,
            tagged("1.4.2"),
            &with_commits(&["feat!: drop a flag"]),
        );
        let err = guard(&breaking, &v("1.4.3")).expect_err("under-bump");
        assert!(
            err.contains("need at least 2.0.0") && err.contains("feat!: drop a flag"),
            "{err}"
        );
        assert!(
            guard(&breaking, &v("2.0.0-rc.1")).is_ok(),
            "a pre-release of the required version"
        );
        let feature_on_0x = verdict(
            "x",
            &v("0.3.1"),
            None,
            true,
            tagged("0.3.1"),
            &with_commits(&["feat: more"]),
        );
        assert!(
            guard(&feature_on_0x, &v("0.3.2")).is_ok(),
            "patch on 0.3.1 with a feat is right"
        );
    }

    #[test]
    fn the_changelog_counts_and_unknown_headings_are_noted() {
        let evidence = Evidence {
            changelog: Some((
                PathBuf::from("CHANGELOG.md"),
                changelog::entries(
                    "## [Unreleased]\n### Removed\n- old API\n### Thanks\n- words\n",
                ),
            )),
            ..Evidence::default()
        };
        let s = verdict("x", &v("1.0.0"), None, true, tagged("1.0.0"), &evidence);
        assert_eq!(s.change, Change::Breaking);
        assert_eq!(s.next, Some(v("2.0.0")));
        assert!(
            s.reasons[0]
                .detail
                .starts_with("CHANGELOG.md:3 Removed: old API"),
            "{:?}",
            s.reasons
        );
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains("`Thanks` is not a heading")),
            "{:?}",
            s.notes
        );
    }
}

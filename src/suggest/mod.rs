//! The next version from the evidence, strongest first: conventional commits since the last
//! release, the changelog's Unreleased section and changesets, the Cargo feature and (with
//! `--api`) public API diffs, then the floors that hold whatever the messages say (shipped
//! files, dependencies, a prepared manifest). Every reason is kept, so the verdict can be
//! checked; the same verdict guards `cargo ship <level>` against releasing a smaller version
//! than the changes require.
//!
//! `evidence` reads the repository, `verdict` judges what it read (pure), `next` turns the
//! verdict into a version; `group` and `dependencies` move packages released together or
//! depending on each other as one; `base` names the release the evidence is measured from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::Result;
use semver::Version;
use serde::Serialize;

mod base;
mod dependencies;
mod evidence;
mod group;
mod next;
mod verdict;

pub use group::release_group;
pub use next::guard;
pub use verdict::verdict;

use crate::changes::api;
use crate::changes::changelog;
use crate::changes::changesets;
use crate::changes::commits::Commit;
use crate::changes::history::{self, Base};
use crate::tree::Tree;
use crate::version::Change;
use crate::workspace::{Package, Workspace};
use base::base_version;
use dependencies::{
    raise_for_changed_dependencies, raise_for_dependencies, with_workspace_dependencies,
};
use evidence::{change_since_pre_release, gather};
use group::share_within_groups;
use next::{at_least, next_version, pre_release_step};

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

fn describe(base: &Base) -> String {
    match base {
        Base::Tag { name, .. } => name.clone(),
        Base::Explicit { rev } => rev.clone(),
        Base::VersionChange { commit } => format!("commit {}", crate::git::short(commit)),
        Base::Published { version, .. } => format!("{version} (published, untagged)"),
        Base::Start => "the first commit".into(),
    }
}

//! The evidence for a group of packages, read from the repository, the changelog and the
//! changesets: I/O only, judged by `verdict`.

use std::collections::BTreeMap;

use anyhow::Result;
use semver::Version;

use super::{Evidence, Sources};
use crate::changes::api;
use crate::changes::changelog;
use crate::changes::changesets;
use crate::changes::commits::{self, Commit};
use crate::changes::history::{self, Base};
use crate::version::Change;
use crate::workspace::{Package, Workspace};

/// What the repository, the changelog and the changesets say about `group` since `base`:
/// commits that touch what it ships, uncommitted files, manifest and lock changes, the API
/// diff when asked for.
pub(super) fn gather(
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
    // Only a scope can name another member; most commits carry none.
    if !found.iter().any(|c| commits::scope(c).is_some()) {
        return Ok(BTreeMap::new());
    }
    let ours: Vec<&str> = group.iter().map(|p| p.name.as_str()).collect();
    let members: Vec<&str> = ws.members.iter().map(|m| m.name.as_str()).collect();
    // `found` lists only our files; the range's own list has every file.
    let all = history.tags.log.since(base)?;
    // The members whose own files a commit changed: one pass over the members per file, not
    // every member's nested ones per member (a 300-crate workspace asks this for each of its
    // packages).
    let touched = |commit: &Commit| -> Vec<&str> {
        let mut names: Vec<&str> = commit
            .files
            .iter()
            .filter_map(|file| ws.member_holding(&history.top.join(file)))
            .map(|m| m.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
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

/// What changed since the tag of the manifest's pre-release (`None` when it has no tag): what
/// the conventional commits say, and at least a fix when any commit touched what it ships or
/// the working tree has `uncommitted` changes to it. Nothing when all of those changes are
/// documentation and tests, which are then listed: the code the pre-release tried is the code
/// a release ships.
pub(super) fn change_since_pre_release(
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

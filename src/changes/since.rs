//! Since the last release: where a package's last release is (its tag, the registry, the
//! commit that set its version), and what changed since then that it ships — commits, locked
//! dependencies, Cargo features. Shared by `suggest` and the release plan.

use std::path::{Path, PathBuf};

use anyhow::Result;
use semver::Version;

use crate::changes::commits::{self, Commit};
use crate::changes::history::{self, Base};
use crate::changes::shipped::Shipped;
use crate::git::Git;
use crate::settings::tag_template;
use crate::tree::Tree;
use crate::workspace::{
    Package, Workspace, current_version, inherits_version, workspace_dependencies,
};

/// The known format of the package's last release tag.
pub fn last_tag_format(
    ws: &Workspace,
    repo: &history::Repo,
    package: &Package,
    current: &Version,
) -> Option<&'static str> {
    match find_last_tag(ws, repo, package, None, current, false)? {
        Base::Tag { name, version, .. } => history::format_of(&name, &package.name, &version),
        _ => None,
    }
}

/// The manifest that holds the package's version (the root's for a shared version), relative
/// to the repository's top.
pub fn version_manifest(ws: &Workspace, package: &Package, top: &Path) -> PathBuf {
    let manifest = if inherits_version(ws, package) {
        &ws.root().path
    } else {
        &ws.manifest(package).path
    };
    manifest.strip_prefix(top).unwrap_or(manifest).to_path_buf()
}

/// The package's last release tag. In a workspace a bare tag (`v0.4.3`) is the package's only
/// where its manifest held that version, or when it is the version the manifest holds now.
fn find_last_tag(
    ws: &Workspace,
    tags: &history::Repo,
    package: &Package,
    configured: Option<&str>,
    current: &Version,
    releases_only: bool,
) -> Option<Base> {
    let git = tags.git();
    let relative = git.map(|git| {
        version_manifest(ws, package, git.dir())
            .display()
            .to_string()
    });
    let current_release = history::without_build(current);
    // The version its manifest (the text at today's path) held at a commit.
    let held_at = |commit: &str| {
        let (git, path) = git.zip(relative.as_ref())?;
        history::version_at(git, commit, path)
    };
    // Held there (or at the root, before the crate moved): its release. Held an older version
    // there, and holds the tag's now: the tag of a group it was released into later. Not there
    // at all: another crate's tag.
    let owns = |tag: &history::Tag, version: &Version| {
        let (Some(git), Some(_)) = (git, &relative) else {
            return true;
        };
        // Every member asks this of the same tag: one read for all.
        history::prefetch_versions(git, &tag.commit, || {
            ws.members
                .iter()
                .map(|m| version_manifest(ws, m, git.dir()).display().to_string())
                .collect()
        });
        let held = held_at(&tag.commit)
            .or_else(|| history::root_version_at(git, &tag.commit, &package.name))
            .and_then(|text| Version::parse(&text).ok())
            .map(|held| history::without_build(&held));
        match held {
            Some(held) if held == *version => true,
            Some(held) => held < *version && *version == current_release,
            None => false,
        }
    };
    let bare = if ws.members.len() == 1 {
        history::Bare::Sole
    } else {
        history::Bare::Owned(&owns)
    };
    let base = history::last_tag(
        tags,
        &package.name,
        configured,
        current,
        releases_only,
        bare,
    )?;
    // One name-less tag for a group released in several commits (insta: `minor -p
    // cargo-insta`, then `minor -p insta`): this package's release is the later commit that
    // changed its version. A manifest that appeared later with the version already set is a
    // crate that moved (insta into `insta/` after 1.37.0), not a release. One that held the
    // version at the tag was released there (and needs no search of its history).
    let released_at_tag = |commit: &str| {
        held_at(commit)
            .and_then(|text| Version::parse(&text).ok())
            .is_some_and(|held| history::without_build(&held) == current_release)
    };
    if let (
        Base::Tag {
            name,
            commit,
            version,
        },
        Some(git),
        Some(path),
    ) = (&base, git, &relative)
        && ws.members.len() > 1
        && *version == current_release
        && history::format_of(name, &package.name, version).is_some_and(|f| !f.contains("{name}"))
        && !released_at_tag(commit)
        && let Ok(Some(set)) = history::version_change(git, Path::new(path))
        && set != *commit
        && git
            .output(&["merge-base", "--is-ancestor", commit, &set])
            .is_ok_and(|o| o.status.success())
    {
        return Some(Base::Tag {
            name: name.clone(),
            commit: set,
            version: version.clone(),
        });
    }
    Some(base)
}

/// Where a package's changes are, for `git log`: everything in a single-crate repository, else
/// the released members' directories minus other members nested inside them.
pub fn change_paths(ws: &Workspace, packages: &[&Package]) -> commits::Paths {
    if ws.members.len() <= 1 {
        return commits::Paths::default();
    }
    let mut include: Vec<PathBuf> = packages.iter().map(|p| p.dir.clone()).collect();
    // A readme or license file outside the directory is packaged too.
    for package in packages {
        include.extend(crate::changes::shipped::copied_in(ws, package));
    }
    include.sort();
    include.dedup();
    let mut exclude: Vec<PathBuf> = packages
        .iter()
        .flat_map(|p| ws.nested_in(p))
        .filter(|m| !packages.iter().any(|p| p.manifest == m.manifest))
        .map(|m| m.dir.clone())
        .collect();
    exclude.sort();
    exclude.dedup();
    commits::Paths { include, exclude }
}

/// Asks the registry whether a crate's version is published; `None` when it could not say.
pub type Published<'a> = &'a dyn Fn(&str, &Version) -> Option<bool>;

/// Where the last-release search looks.
#[derive(Clone, Copy)]
pub struct History<'a> {
    pub git: &'a Git,
    /// The work tree's top directory.
    pub top: &'a Path,
    pub tags: &'a history::Repo,
    /// The registry's index, when it may be asked (not offline).
    pub published: Option<Published<'a>>,
}

/// The last release of a package: its release tag; without one, the manifest's version when the
/// registry has it (a crate released without tags); else the commit that last changed its
/// version; else all history. With `releases_only` (the manifest holds a pre-release),
/// pre-release tags are steps on the way, not releases.
pub fn last_release(
    ws: &Workspace,
    history: History,
    package: &Package,
    current: &Version,
    releases_only: bool,
) -> Result<Base> {
    let key = (package.name.clone(), current.to_string(), releases_only);
    if let Some(base) = history.tags.known_last_release(&key) {
        return Ok(base);
    }
    let base = find_last_release(ws, history, package, current, releases_only)?;
    history.tags.remember_last_release(key, base.clone());
    Ok(base)
}

fn find_last_release(
    ws: &Workspace,
    history: History,
    package: &Package,
    current: &Version,
    releases_only: bool,
) -> Result<Base> {
    let template = tag_template(ws, package);
    let tag = find_last_tag(
        ws,
        history.tags,
        package,
        template.as_deref(),
        current,
        releases_only,
    );
    // A tag older than the manifest's release version: a prepared release, or one published
    // without a tag (cargo-release's 0.13.2: `cargo publish` by hand, never tagged). Only the
    // registry can tell which, and suggesting a version it already has would fail the release.
    let manifest_ahead = |base: &Base| {
        matches!(base, Base::Tag { version, .. }
            if current.pre.is_empty() && *version < history::without_build(current))
    };
    if let Some(base) = &tag
        && !manifest_ahead(base)
    {
        return Ok(base.clone());
    }
    let relative = version_manifest(ws, package, history.top);
    let published = history
        .published
        .and_then(|published| published(&package.name, current));
    if published == Some(true) {
        return Ok(Base::Published {
            commit: history::version_set(history.git, &relative)?,
            version: current.clone(),
        });
    }
    if let Some(base) = tag {
        return Ok(base);
    }
    Ok(match history::version_change(history.git, &relative)? {
        Some(commit) => Base::VersionChange { commit },
        None => Base::Start,
    })
}

/// The newest release tag of `package` in HEAD's history whose version is above the
/// manifest's. DESIGN takes no such tag as the last release, but one is a sign that the
/// manifest holds a placeholder (semver kept `0.0.0` between releases of its rewrite), which
/// the user should hear about rather than a suggestion counted from the first commit. In a
/// workspace, only tags that name the package count: a bare `v1.2.0` may be anyone's.
pub fn tag_above_manifest(
    ws: &Workspace,
    history: History,
    package: &Package,
    current: &Version,
) -> Option<Base> {
    let template = tag_template(ws, package);
    let nobody = |_: &history::Tag, _: &Version| false;
    let bare = if ws.members.len() == 1 {
        history::Bare::Sole
    } else {
        history::Bare::Owned(&nobody)
    };
    let any = Version::new(u64::MAX, 0, 0);
    history::last_tag(history.tags, &package.name, template.as_deref(), &any, true, bare)
        .filter(|base| matches!(base, Base::Tag { version, .. } if *version > history::without_build(current)))
}

/// Reads the commits since every one of `packages`' last releases in one `git log` (one
/// process, whatever the number of members), before they are asked about one by one.
pub fn read_history(ws: &Workspace, history: History, packages: &[&Package]) -> Result<()> {
    if packages.len() < 2 {
        return Ok(());
    }
    let mut bases = Vec::new();
    for package in packages {
        let current = current_version(ws, package)?;
        let base = last_release(ws, history, package, &current, !current.pre.is_empty())?;
        bases.push(base.rev().map(str::to_string));
    }
    let bases: Vec<Option<&str>> = bases.iter().map(Option::as_deref).collect();
    history.tags.log.prefetch(&bases)
}

/// What changed since `base` in the dependencies `group` locks (cargo packages the lock
/// with every crate), when a commit since then changed the workspace's `Cargo.lock`.
pub fn lock_changes(
    ws: &Workspace,
    tree: &Tree,
    history: History,
    base: Option<&str>,
    group: &[&Package],
) -> Result<Option<String>> {
    let Some(base) = base else {
        return Ok(None);
    };
    let lock = ws.root_dir.join("Cargo.lock");
    let locks = history.tags;
    let Some(old) = locks.lock(&format!("at {base}"), || changed_file(history, base, &lock))?
    else {
        return Ok(None);
    };
    let Some(text) = tree.read(&lock)? else {
        return Ok(None);
    };
    let Some(new) = locks.lock(&format!("now {text}"), || Ok(Some(text.clone())))? else {
        return Ok(None);
    };
    let builds = |name: &str| -> Option<std::collections::BTreeSet<String>> {
        let member = ws.members.iter().find(|m| m.name == name)?;
        Some(
            member
                .dependencies(ws)
                .into_iter()
                .flatten()
                .filter(|dep| dep.kind != crate::workspace::DepKind::Dev)
                .map(|dep| dep.crate_name().to_string())
                .collect(),
        )
    };
    Ok(group
        .iter()
        .find_map(|p| crate::changes::lockfile::changes(&old, &new, &p.name, &builds)))
}

/// The text `path` had at `base`, when a commit since then, or the working tree, changed it
/// (`None` when none did, or it did not exist there).
pub fn changed_file(history: History, base: &str, path: &Path) -> Result<Option<String>> {
    let Ok(relative) = path.strip_prefix(history.top) else {
        return Ok(None);
    };
    let relative = relative.to_string_lossy().replace('\\', "/");
    let committed = history
        .tags
        .log
        .since(Some(base))?
        .iter()
        .any(|c| c.files.contains(&relative));
    if !committed && !history.tags.uncommitted()?.contains(&relative) {
        return Ok(None);
    }
    history.git.file_at(base, &relative)
}

/// What the manifests of `group` say changed since `base`, read from each manifest then and
/// now (no build): Cargo features (API by the Cargo book), dependencies the public API names
/// that moved to an incompatible version, and a raised `rust-version`.
#[derive(Debug, Default)]
pub struct ManifestChanges {
    pub features: Vec<crate::changes::api::ApiChange>,
    pub dependencies: Vec<crate::changes::api::ApiChange>,
    pub rust_version: Vec<String>,
}

/// The [`ManifestChanges`] of `group`'s manifests that changed since `base`.
pub fn manifest_changes(
    ws: &Workspace,
    tree: &Tree,
    history: History,
    base: &str,
    group: &[&Package],
) -> Result<ManifestChanges> {
    use crate::changes::features::{self, Features};
    use crate::changes::msrv;
    let mut changes = ManifestChanges::default();
    // The root's text then, when a commit changed it: an inherited `rust-version` lives there.
    let root = &ws.root().path;
    let root_then = changed_file(history, base, root)?;
    let olds = group
        .iter()
        .map(|p| changed_file(history, base, &ws.manifest(p).path))
        .collect::<Result<Vec<_>>>()?;
    // `workspace.package.rust-version` then and now, read once, and only when a manifest
    // changed.
    let (inherited_then, inherited_now) = if root_then.is_some() || olds.iter().any(Option::is_some)
    {
        let now = tree
            .read(root)?
            .and_then(|t| msrv::workspace_rust_version(&t));
        let then = match &root_then {
            Some(text) => msrv::workspace_rust_version(text),
            None => now.clone(),
        };
        (then, now)
    } else {
        (None, None)
    };
    for (package, old) in group.iter().zip(olds) {
        if old.is_none() && root_then.is_none() {
            continue;
        }
        let path = &ws.manifest(package).path;
        let Some(new) = tree.read(path)? else {
            continue;
        };
        // What did not change reads the same then as now.
        let member_then = old.as_deref().unwrap_or(&new);
        changes.rust_version.extend(msrv::diff(
            msrv::rust_version(member_then, inherited_then.as_ref()).as_ref(),
            msrv::rust_version(&new, inherited_now.as_ref()).as_ref(),
        ));
        let Some(old) = old else {
            continue;
        };
        if let (Some(then), Some(now)) = (Features::of(&old), Features::of(&new)) {
            // A feature is an implementation detail when neither it, the features it goes
            // through, nor the dependencies it enables reach the public API.
            let internal = |enables: &features::Enables| {
                use crate::changes::exposed::{exposes, gates_public_items};
                let gated = gates_public_items(
                    ws,
                    package,
                    enables.features.iter().chain(&enables.dependencies),
                );
                !gated && !enables.dependencies.iter().any(|d| exposes(ws, package, d))
            };
            changes
                .features
                .extend(features::diff(&then, &now, internal));
        }
        let exposed = |dep: &str| crate::changes::exposed::exposes(ws, package, dep);
        changes
            .dependencies
            .extend(crate::changes::dependencies::diff(
                &old,
                &new,
                exposed,
                crate::changes::exposed::ships_binaries(ws, package),
            ));
    }
    Ok(changes)
}

/// The commits since `base` that change a file one of `group` ships: what counts as a change
/// to the group, whatever the messages say.
pub fn shipping_commits(
    ws: &Workspace,
    history: History,
    base: Option<&str>,
    group: &[&Package],
) -> Result<Vec<Commit>> {
    let shipped = shipped_by(ws, history, group);
    let touching = history
        .tags
        .log
        .touching(base, &change_paths(ws, group), history.top)?;
    let shipping = touching
        .into_iter()
        .filter(|c| c.files.iter().any(|f| ships(&shipped, f)))
        .collect();
    Ok(crate::changes::commits::evidence(shipping))
}

/// What each package of `group` ships, as cargo packages it.
fn shipped_by(ws: &Workspace, history: History, group: &[&Package]) -> Vec<Shipped> {
    group
        .iter()
        .map(|p| Shipped::of(ws, p, history.top))
        .collect()
}

/// The files `group` ships that the working tree changed and no commit holds yet (`git
/// status`): what a package made now would differ in, as a commit of them would. `Cargo.lock`
/// is left to [`lock_changes`], which reads the working tree's by content: any build writes
/// one, and an untracked lock a build just made is no change to what the crate does.
pub fn uncommitted_shipped(
    ws: &Workspace,
    history: History,
    group: &[&Package],
) -> Result<Vec<String>> {
    let shipped = shipped_by(ws, history, group);
    let uncommitted = history.tags.uncommitted()?;
    Ok(shipped_among(
        &shipped,
        uncommitted
            .iter()
            .filter(|f| Path::new(f).file_name() != Some("Cargo.lock".as_ref())),
    ))
}

/// The files `group` ships that `commits` (since `base`) or the working tree changed, and of
/// those the ones that may change the code that gets built: none when only documentation and
/// tests changed (see [`crate::changes::code`]).
pub fn changed_code(
    ws: &Workspace,
    history: History,
    base: &str,
    group: &[&Package],
    commits: &[Commit],
    uncommitted: &[String],
) -> Result<(Vec<String>, Vec<String>)> {
    let shipped = shipped_by(ws, history, group);
    let mut files = shipped_among(
        &shipped,
        commits.iter().flat_map(|c| &c.files).chain(uncommitted),
    );
    files.sort();
    files.dedup();
    let dirs = package_dirs(history, group);
    let code = crate::changes::code::changed_code(history.git, base, &dirs, &files)?;
    Ok((files, code))
}

/// The ids of `commits` that say more than a fix but changed only the documentation and tests
/// of what `group` ships: a message speaks for the code its commit changed, and here it changed
/// none (anstyle's `fix(stream)!: Shorten the crate name to anstream` also fixed a doc link
/// in anstyle). `skip` holds commits already known to be fixes here.
///
/// Only the verdict needs an answer, so the diffs are read strongest claim first, newest first,
/// in growing batches, and reading stops at the first commit whose claim stands: below it no
/// claim can change the verdict (those left unread keep what they say).
pub fn documentation_commits(
    ws: &Workspace,
    history: History,
    group: &[&Package],
    commits: &[Commit],
    skip: impl Fn(&Commit) -> bool,
) -> Result<std::collections::BTreeSet<String>> {
    use crate::version::Change;
    let shipped = shipped_by(ws, history, group);
    let dirs = package_dirs(history, group);
    let mut found = std::collections::BTreeSet::new();
    for level in [Change::Breaking, Change::Feature] {
        let claims: Vec<(&str, Vec<String>)> = commits
            .iter()
            .filter(|c| c.change() == level && !skip(c))
            .map(|c| (c.id.as_str(), shipped_among(&shipped, &c.files)))
            .filter(|(_, files)| !files.is_empty())
            .collect();
        let mut read = 0;
        let mut batch = 4;
        while read < claims.len() {
            let chunk = &claims[read..(read + batch).min(claims.len())];
            let documentation = crate::changes::code::documentation_commits(
                history.tags,
                history.git,
                &dirs,
                chunk,
            )?;
            let stands = chunk.iter().any(|(id, _)| !documentation.contains(*id));
            found.extend(documentation);
            if stands {
                return Ok(found);
            }
            read += chunk.len();
            batch *= 8;
        }
    }
    Ok(found)
}

/// The files among `files` that one of `shipped` ships.
fn shipped_among<'f>(
    shipped: &[Shipped],
    files: impl IntoIterator<Item = &'f String>,
) -> Vec<String> {
    files
        .into_iter()
        .filter(|f| ships(shipped, f))
        .cloned()
        .collect()
}

/// Whether one of `shipped` ships `file`.
fn ships(shipped: &[Shipped], file: &str) -> bool {
    shipped.iter().any(|s| s.ships(file))
}

/// The directories of `group`, relative to the repository's top.
fn package_dirs<'p>(history: History, group: &[&'p Package]) -> Vec<&'p Path> {
    group
        .iter()
        .map(|p| p.dir.strip_prefix(history.top).unwrap_or(&p.dir))
        .collect()
}

/// The first workspace dependency of `package` with a commit since `base` that changed what it
/// ships, and the latest such commit. The package changes with it: the release guard and
/// `suggest` both ask this, from the package's own release, so they cannot disagree.
pub fn changed_dependency<'a>(
    ws: &'a Workspace,
    history: History,
    base: Option<&str>,
    package: &Package,
) -> Result<Option<(&'a Package, Commit)>> {
    for dependency in workspace_dependencies(ws, package) {
        if let Some(latest) = shipping_commits(ws, history, base, &[dependency])?
            .into_iter()
            .next()
        {
            return Ok(Some((dependency, latest)));
        }
    }
    Ok(None)
}

//! The workspace as cargo sees it, found and loaded without running cargo.
//!
//! `cargo ship check` runs in a pre-commit hook, so it cannot afford a `cargo metadata` (a
//! second cargo start-up plus resolution). Instead this module follows cargo's documented rules:
//! find the root by walking up from the manifest, expand `members` globs minus `exclude`, add
//! path dependencies inside the root, and resolve `workspace = true` inheritance. Values are kept
//! as raw `toml_edit` items with spans, so a bad value becomes a diagnostic at its line instead
//! of a load error. Tests compare the result with `cargo metadata --no-deps` on every fixture.

mod manifest;
mod package;
mod queries;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use toml_edit::{Item, TableLike};

use crate::error::{cannot_run, refused};
use crate::tree::{Tree, normalize};
pub use queries::{
    Publish, current_version, inherits_version, read_publish, shared_version_members,
    workspace_dependencies,
};

pub use manifest::{Loc, Manifest, key_span, line_column, table_span, value_span};
pub use package::{Dep, DepKind, Field, FieldError, Package};

#[derive(Debug)]
pub struct Workspace {
    /// Directory of the root manifest.
    pub root_dir: PathBuf,
    /// Every manifest read; index 0 is the workspace root (or the lone package).
    pub manifests: Vec<Manifest>,
    /// Members, sorted by name.
    pub members: Vec<Package>,
    /// Whether the root manifest has a `[workspace]` table.
    pub is_workspace: bool,
    /// The member whose manifest the search started from, if that manifest is a package.
    current: Option<usize>,
    /// `workspace.default-members`, when given and the search started at the root (cargo
    /// ignores them elsewhere).
    default_members: Option<Vec<usize>>,
    /// cargo-release's configuration files found beside the root and the members' manifests
    /// (`release.toml`) and in the user's configuration directory; a repository switching from
    /// cargo-release keeps its settings (the settings layer reads them).
    pub release_files: Vec<Manifest>,
}

/// Which packages a command acts on: cargo's `-p SPEC` (`name` or `name@version`),
/// `--workspace` and `--exclude`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'s> {
    pub packages: &'s [String],
    pub workspace: bool,
    pub exclude: &'s [String],
}

impl Workspace {
    /// Loads the workspace around `manifest_path` (or the nearest Cargo.toml above `cwd`).
    pub fn load(tree: &Tree, cwd: &Path, manifest_path: Option<&Path>) -> Result<Self> {
        let start = match manifest_path {
            Some(path) => start_manifest(tree, &normalize(&cwd.join(path)))?,
            None => find_manifest(tree, cwd)?,
        };
        let mut loader = Loader {
            tree,
            manifests: Vec::new(),
        };
        // The start manifest is loaded first (index 0); the root moves to index 0, so the start
        // manifest ends up where the root was found.
        let start_index = loader.load(&start)?;
        let root_index = loader.find_root(start_index)?;
        loader.manifests.swap(0, root_index);
        loader.into_workspace(root_index)
    }

    pub fn root(&self) -> &Manifest {
        &self.manifests[0]
    }

    pub fn manifest(&self, package: &Package) -> &Manifest {
        &self.manifests[package.manifest]
    }

    /// The other members whose directory lies inside `package`'s (a root package's directory
    /// holds the whole workspace). Asked for every member of a release, this compares every
    /// pair of members: a byte-prefix test rejects siblings before any path is compared
    /// component by component, which cost a 300-crate dry run more than half its time.
    pub fn nested_in<'w>(&'w self, package: &'w Package) -> impl Iterator<Item = &'w Package> {
        self.members.iter().filter(move |m| {
            m.dir.as_os_str().len() > package.dir.as_os_str().len() && lies_in(&m.dir, &package.dir)
        })
    }

    /// The member whose own files hold `file` (absolute): the deepest member directory it is
    /// in, since a member's directory may hold others (a root package's holds them all).
    pub fn member_holding(&self, file: &Path) -> Option<&Package> {
        self.members
            .iter()
            .filter(|m| lies_in(file, &m.dir))
            .max_by_key(|m| m.dir.as_os_str().len())
    }

    /// `[workspace.package]` of the root, the source of inherited fields.
    pub fn inheritable_package(&self) -> Option<&dyn TableLike> {
        self.root()
            .workspace()?
            .get("package")
            .and_then(Item::as_table_like)
    }

    /// `[workspace.dependencies]` of the root.
    pub fn inheritable_dependencies(&self) -> Option<&dyn TableLike> {
        self.root()
            .workspace()?
            .get("dependencies")
            .and_then(Item::as_table_like)
    }

    pub fn find(&self, name: &str) -> Option<&Package> {
        self.members.iter().find(|p| p.name == name)
    }

    /// Where `package` stands in [`Workspace::members`], so plans can refer to it by index.
    pub fn member_index(&self, package: &Package) -> usize {
        self.members
            .iter()
            .position(|m| m.manifest == package.manifest)
            .expect("packages come from this workspace's members")
    }

    /// The packages a command acts on, with cargo's meaning of `-p`, `--workspace`,
    /// `--exclude`, and of no flag at all. `all_by_default` widens the last case to every
    /// member (a commit concerns the whole repository).
    pub fn select<'s>(
        &self,
        select: impl Into<Selection<'s>>,
        all_by_default: bool,
    ) -> Result<Vec<&Package>> {
        let select = select.into();
        if !select.packages.is_empty() {
            let mut chosen = Vec::new();
            for spec in select.packages {
                let (name, version) = match spec.split_once('@') {
                    Some((name, version)) => (name, Some(version)),
                    None => (spec.as_str(), None),
                };
                // `-p 'anstyle-*'`: a glob, as cargo takes it.
                let pattern = name
                    .contains(['*', '?', '['])
                    .then(|| glob::Pattern::new(name).ok())
                    .flatten();
                let found: Vec<&Package> = self
                    .members
                    .iter()
                    .filter(|p| match &pattern {
                        Some(pattern) => pattern.matches(&p.name),
                        None => p.name == name,
                    })
                    .filter(|p| version.is_none_or(|v| p.version_text(self) == Some(v)))
                    .collect();
                if found.is_empty() {
                    return Err(self.unknown_package(spec));
                }
                for package in found {
                    if !chosen.iter().any(|p: &&Package| p.name == package.name) {
                        chosen.push(package);
                    }
                }
            }
            return Ok(chosen);
        }
        if select.workspace || all_by_default {
            for spec in select.exclude {
                if self.find(spec).is_none() {
                    return Err(self.unknown_package(spec));
                }
            }
            return Ok(self
                .members
                .iter()
                .filter(|p| !select.exclude.contains(&p.name))
                .collect());
        }
        if let Some(indices) = &self.default_members {
            return Ok(indices.iter().map(|&i| &self.members[i]).collect());
        }
        if let Some(current) = self.current {
            return Ok(vec![&self.members[current]]);
        }
        Ok(self.members.iter().collect())
    }

    fn unknown_package(&self, spec: &str) -> anyhow::Error {
        let names: Vec<&str> = self.members.iter().map(|p| p.name.as_str()).collect();
        let wanted = spec.split('@').next().unwrap_or(spec);
        let nearest = names
            .iter()
            .map(|name| (strsim::jaro_winkler(wanted, name), name))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map_or(String::new(), |(_, name)| {
                format!(" (did you mean `{name}`?)")
            });
        cannot_run(format!(
            "package `{spec}` is not a member of the workspace at `{}`{nearest}; members: {}",
            self.root().path.display(),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ))
    }
}

/// cargo-release's user-level configuration files, highest precedence first.
pub fn user_release_files() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let config_dir = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| home.as_ref().map(|home| home.join(".config")));
    config_dir
        .map(|dir| dir.join("cargo-release").join("release.toml"))
        .into_iter()
        .chain(home.map(|home| home.join(".release.toml")))
        .collect()
}

/// The manifest named by `--manifest-path`, which cargo requires to be a `Cargo.toml` file.
fn start_manifest(tree: &Tree, path: &Path) -> Result<PathBuf> {
    if path.file_name().is_none_or(|name| name != "Cargo.toml") {
        return Err(cannot_run(format!(
            "the manifest path `{}` must name a Cargo.toml file",
            path.display()
        )));
    }
    if tree.is_dir(path) {
        return Err(not_a_file(path));
    }
    if !tree.is_file(path) {
        return Err(cannot_run(format!(
            "manifest path `{}` does not exist",
            path.display()
        )));
    }
    Ok(path.to_path_buf())
}

/// The first Cargo.toml in `cwd` or above, as cargo finds it; a directory of that name is
/// an error, as for cargo, not a reason to look further up.
fn find_manifest(tree: &Tree, cwd: &Path) -> Result<PathBuf> {
    for path in cwd.ancestors().map(|dir| dir.join("Cargo.toml")) {
        if tree.is_file(&path) {
            return Ok(path);
        }
        if tree.is_dir(&path) {
            return Err(not_a_file(&path));
        }
    }
    Err(cannot_run(format!(
        "could not find `Cargo.toml` in `{}` or any parent directory",
        cwd.display()
    )))
}

fn not_a_file(path: &Path) -> anyhow::Error {
    cannot_run(format!(
        "`{}` is a directory, not a manifest: cargo reads a package from a Cargo.toml file",
        path.display()
    ))
}

struct Loader<'t> {
    tree: &'t Tree,
    manifests: Vec<Manifest>,
}

impl Loader<'_> {
    /// Reads and parses a manifest once, returning its index.
    fn load(&mut self, path: &Path) -> Result<usize> {
        let path = normalize(path);
        if let Some(index) = self.manifests.iter().position(|m| m.path == path) {
            return Ok(index);
        }
        let text = self.tree.read(&path)?.ok_or_else(|| {
            cannot_run(format!("could not read `{}`: no such file", path.display()))
        })?;
        self.manifests.push(Manifest::parse(path, text)?);
        Ok(self.manifests.len() - 1)
    }

    /// Cargo's `find_root`: the manifest itself if it has `[workspace]`, the one
    /// `package.workspace` points to, or the nearest ancestor with a `[workspace]` that does not
    /// exclude it. A lone package is its own root.
    fn find_root(&mut self, start: usize) -> Result<usize> {
        let manifest = &self.manifests[start];
        if manifest.workspace().is_some() {
            return Ok(start);
        }
        let start_path = manifest.path.clone();
        if let Some(pointer) = manifest
            .package()
            .and_then(|p| p.get("workspace"))
            .and_then(Item::as_str)
        {
            let root = manifest.dir().join(pointer).join("Cargo.toml");
            return self.load(&root);
        }
        for dir in start_path
            .parent()
            .into_iter()
            .flat_map(Path::ancestors)
            .skip(1)
        {
            let candidate = dir.join("Cargo.toml");
            if !self.tree.is_file(&candidate) {
                continue;
            }
            let index = self.load(&candidate)?;
            let ancestor = &self.manifests[index];
            if ancestor.workspace().is_some() {
                if !is_excluded(ancestor, &start_path) {
                    return Ok(index);
                }
            } else if let Some(pointer) = ancestor
                .package()
                .and_then(|p| p.get("workspace"))
                .and_then(Item::as_str)
            {
                let root = ancestor.dir().join(pointer).join("Cargo.toml");
                return self.load(&root);
            }
        }
        Ok(start)
    }

    fn into_workspace(mut self, start: usize) -> Result<Workspace> {
        let root_dir = self.manifests[0].dir().to_path_buf();
        let is_workspace = self.manifests[0].workspace().is_some();
        let mut member_manifests: Vec<usize> = Vec::new();
        if is_workspace {
            if self.manifests[0].package().is_some() {
                member_manifests.push(0);
            }
            for dir in self.member_dirs("members")? {
                let path = dir.join("Cargo.toml");
                if is_excluded(&self.manifests[0], &path) {
                    continue;
                }
                if !self.tree.is_file(&path) {
                    return Err(refused(format!(
                        "workspace member `{}` listed in `{}` has no Cargo.toml",
                        dir.display(),
                        self.manifests[0].path.display()
                    )));
                }
                let index = self.load(&path)?;
                if !member_manifests.contains(&index) {
                    member_manifests.push(index);
                }
            }
            self.add_path_dependencies(&mut member_manifests, &root_dir)?;
        } else {
            member_manifests.push(0);
        }

        let mut members = Vec::new();
        for index in member_manifests {
            let manifest = &self.manifests[index];
            if manifest.package().is_none() {
                if index == 0 {
                    continue;
                }
                return Err(refused(format!(
                    "workspace member `{}` has no [package] table (a nested virtual workspace?)",
                    manifest.path.display()
                )));
            }
            members.push(Package::new(index, manifest));
        }
        members.sort_by(|a, b| a.name.cmp(&b.name).then(a.manifest.cmp(&b.manifest)));
        // Two members of one name (a symlinked directory, a copy): cargo refuses the
        // workspace, and a release would plan the crate twice.
        if let Some(pair) = members.windows(2).find(|pair| pair[0].name == pair[1].name) {
            return Err(refused(format!(
                "two packages named `{}` in this workspace: `{}` and `{}` (cargo refuses such a \
                 workspace; remove one, or leave it out with `workspace.exclude`)",
                pair[0].name,
                self.manifests[pair[0].manifest].path.display(),
                self.manifests[pair[1].manifest].path.display()
            )));
        }

        let current = members.iter().position(|p| p.manifest == start);
        if self.manifests[start].package().is_some() && current.is_none() {
            return Err(refused(format!(
                "current package believes it's in a workspace when it's not: `{}` is not a \
                 member of the workspace at `{}`; add it to `workspace.members` or to \
                 `workspace.exclude`",
                self.manifests[start].path.display(),
                self.manifests[0].path.display()
            )));
        }
        let default_members = if is_workspace && start == 0 {
            self.default_members(&members)?
        } else {
            None
        };
        let release_files = self.release_files(&root_dir, &members)?;
        Ok(Workspace {
            root_dir,
            manifests: self.manifests,
            members,
            is_workspace,
            current,
            default_members,
            release_files,
        })
    }

    /// `release.toml` of the root and of each member's directory, the root's `knope.toml`,
    /// then the user-level files
    /// cargo-release reads (`$XDG_CONFIG_HOME/cargo-release/release.toml`, `~/.release.toml`),
    /// which live outside the repository and so are read from disk even for `--staged`.
    fn release_files(&self, root_dir: &Path, members: &[Package]) -> Result<Vec<Manifest>> {
        let mut dirs = vec![root_dir.to_path_buf()];
        for member in members {
            let dir = self.manifests[member.manifest].dir().to_path_buf();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
        let mut files = Vec::new();
        for dir in dirs {
            let path = dir.join("release.toml");
            if let Some(text) = self.tree.read(&path)? {
                files.push(Manifest::parse(path, text)?);
            }
        }
        // knope's configuration names its packages' tags (`settings::knope`).
        let knope = root_dir.join("knope.toml");
        if let Some(text) = self.tree.read(&knope)? {
            files.push(Manifest::parse(knope, text)?);
        }
        for path in user_release_files() {
            if let Some(text) = Tree::Disk.read(&path)? {
                files.push(Manifest::parse(path, text)?);
            }
        }
        Ok(files)
    }

    /// Expands `workspace.<key>` globs to existing directories; a pattern matching nothing is
    /// kept as a plain path, as cargo does.
    fn member_dirs(&self, key: &str) -> Result<Vec<PathBuf>> {
        let root = &self.manifests[0];
        let Some(item) = root.workspace().and_then(|w| w.get(key)) else {
            return Ok(Vec::new());
        };
        let entries = string_array(item).ok_or_else(|| {
            refused(format!(
                "`workspace.{key}` in `{}` must be an array of strings",
                root.path.display()
            ))
        })?;
        let mut dirs = Vec::new();
        for entry in entries {
            let pattern = root.dir().join(entry);
            let pattern_text = pattern.to_str().with_context(|| {
                format!("`workspace.{key}` entry `{entry}` is not a valid UTF-8 path")
            })?;
            let expanded = self.tree.glob_dirs(pattern_text)?;
            if expanded.is_empty() {
                dirs.push(normalize(&pattern));
            } else {
                dirs.extend(expanded.into_iter().map(|dir| normalize(&dir)));
            }
        }
        Ok(dirs)
    }

    /// Members' path dependencies inside the workspace root are members too.
    fn add_path_dependencies(&mut self, members: &mut Vec<usize>, root_dir: &Path) -> Result<()> {
        let mut next = 0;
        while next < members.len() {
            let manifest = &self.manifests[members[next]];
            next += 1;
            let paths = path_dependencies(manifest, &self.manifests[0]);
            for path in paths {
                let manifest_path = normalize(&path.join("Cargo.toml"));
                if !manifest_path.starts_with(root_dir)
                    || is_excluded(&self.manifests[0], &manifest_path)
                    || !self.tree.is_file(&manifest_path)
                {
                    continue;
                }
                let index = self.load(&manifest_path)?;
                if !members.contains(&index) && self.manifests[index].package().is_some() {
                    members.push(index);
                }
            }
        }
        Ok(())
    }

    fn default_members(&self, members: &[Package]) -> Result<Option<Vec<usize>>> {
        let root = &self.manifests[0];
        if root
            .workspace()
            .and_then(|w| w.get("default-members"))
            .is_none()
        {
            return Ok(None);
        }
        let mut indices = Vec::new();
        for dir in self.member_dirs("default-members")? {
            let path = dir.join("Cargo.toml");
            let found = members
                .iter()
                .position(|p| self.manifests[p.manifest].path == path);
            match found {
                Some(index) => indices.push(index),
                None => {
                    return Err(refused(format!(
                        "`workspace.default-members` in `{}` names `{}`, which is not a member",
                        root.path.display(),
                        dir.display()
                    )));
                }
            }
        }
        Ok(Some(indices))
    }
}

/// Cargo's `is_excluded`: under an `exclude` entry and not under an explicit `members` entry.
fn is_excluded(root: &Manifest, manifest_path: &Path) -> bool {
    let Some(workspace) = root.workspace() else {
        return false;
    };
    let under = |key: &str| {
        workspace
            .get(key)
            .and_then(string_array)
            .unwrap_or_default()
            .iter()
            .any(|entry| manifest_path.starts_with(normalize(&root.dir().join(entry))))
    };
    under("exclude") && !under("members")
}

/// Directories of every `path` dependency of a manifest, `workspace = true` ones included.
fn path_dependencies(manifest: &Manifest, root: &Manifest) -> Vec<PathBuf> {
    let inherited = root
        .workspace()
        .and_then(|w| w.get("dependencies"))
        .and_then(Item::as_table_like);
    let mut paths = BTreeSet::new();
    for (_, table) in package::dependency_tables(manifest) {
        for (name, spec) in table.iter() {
            let Some(spec) = spec.as_table_like() else {
                continue;
            };
            if let Some(path) = spec.get("path").and_then(Item::as_str) {
                paths.insert(normalize(&manifest.dir().join(path)));
            } else if spec.get("workspace").and_then(Item::as_bool) == Some(true)
                && let Some(path) = inherited
                    .and_then(|deps| deps.get(name))
                    .and_then(Item::as_table_like)
                    .and_then(|dep| dep.get("path"))
                    .and_then(Item::as_str)
            {
                paths.insert(normalize(&root.dir().join(path)));
            }
        }
    }
    paths.into_iter().collect()
}

/// An array of strings, or `None` when the item is anything else.
pub fn string_array(item: &Item) -> Option<Vec<&str>> {
    item.as_array()?.iter().map(|v| v.as_str()).collect()
}

/// Whether `inner` is `outer` or below it. A byte-prefix test rejects most paths before the
/// component-wise comparison, which costs: both are asked about every pair of members.
fn lies_in(inner: &Path, outer: &Path) -> bool {
    inner
        .as_os_str()
        .as_encoded_bytes()
        .starts_with(outer.as_os_str().as_encoded_bytes())
        && inner.starts_with(outer)
}

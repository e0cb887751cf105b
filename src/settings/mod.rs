//! The settings a release follows: cargo ship's own `[workspace.metadata.ship]`, overridden
//! per package by `[package.metadata.ship]`, both above cargo-release's configuration when the
//! repository has one (`cargo_release`), above the tag names `knope.toml` gives (`knope`).
//! Unknown keys of ours are errors (a typo must not silently change how a release is made);
//! unknown cargo-release keys are warnings.

mod cargo_release;
mod knope;
pub mod template;

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Result;
use toml_edit::{Item, TableLike};

pub use crate::bump::DependentVersion;
use crate::error::refused;
use crate::workspace::{Manifest, Package, Workspace, line_column};
pub use cargo_release::ConfigWarning;

pub const DEFAULT_COMMIT_MESSAGE: &str = "chore: release {crates}";

/// Every key cargo ship reads, with its meaning (for the error on an unknown key).
const KEYS: &[(&str, &str)] = &[
    (
        "tag-name",
        "tag template, e.g. \"v{version}\" or \"{name}-v{version}\"",
    ),
    (
        "commit-message",
        "commit message template; {crates} lists \"name vX.Y.Z\"",
    ),
    (
        "allow-branch",
        "branches a release may be made from (globs)",
    ),
    ("push", "push the branch and tags after releasing"),
    (
        "dependent-version",
        "\"upgrade\" (default: members' requirements on a released crate move to it) or \"fix\" (only when it no longer satisfies them)",
    ),
    ("push-remote", "the remote to push to"),
    ("publish", "publish to the registry when releasing"),
    (
        "metadata",
        "build metadata policy: \"optional\" (dropped by a level bump), \"required\", \"ignore\" or \"persistent\" (kept across bumps)",
    ),
    (
        "api-diff",
        "let `suggest` compare the public API (builds rustdoc JSON)",
    ),
];

#[derive(Debug, Clone)]
pub struct Settings {
    /// Tag template (`{prefix}`, `{name}`, `{version}`, …).
    pub tag_name: Option<String>,
    /// cargo-release's `tag-prefix`, the value of `{prefix}`.
    pub tag_prefix: Option<String>,
    /// Whether a release of the package is tagged at all.
    pub tag: bool,
    /// Annotated tag message template; empty makes a lightweight tag.
    pub tag_message: Option<String>,
    pub commit_message: String,
    /// `false`: cargo-release's one commit per crate, which cargo ship does not make.
    pub consolidate_commits: bool,
    pub allow_branch: Vec<String>,
    pub push: bool,
    pub push_remote: Option<String>,
    /// `git push --push-option` values.
    pub push_options: Vec<String>,
    pub publish: bool,
    /// `false`: a workspace release leaves the package out (cargo-release's `release`).
    pub release: bool,
    /// The registry to publish to when the command line names none.
    pub registry: Option<String>,
    /// Crates of one group share one version (cargo-release's `shared-version`).
    pub shared_version: Option<String>,
    pub api_diff: bool,
    pub metadata: Metadata,
    pub dependent_version: DependentVersion,
    pub build: Build,
    pub sign_commit: bool,
    pub sign_tag: bool,
    pub replacements: Vec<Replacement>,
    pub hook: Option<Hook>,
    /// Where each setting that is not a default came from (`path:line:column`), by key.
    pub origins: BTreeMap<String, String>,
    /// cargo-release keys read and not honoured, each with what happens instead.
    pub warnings: Vec<ConfigWarning>,
}

/// How `cargo package` / `cargo publish` build the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    pub verify: bool,
    pub features: Vec<String>,
    pub all_features: bool,
    pub no_default_features: bool,
    pub target: Option<String>,
    pub locked: bool,
}

impl Default for Build {
    fn default() -> Self {
        Build {
            verify: true,
            features: Vec::new(),
            all_features: false,
            no_default_features: false,
            target: None,
            locked: false,
        }
    }
}

/// One of cargo-release's `pre-release-replacements`.
#[derive(Debug, Clone)]
pub struct Replacement {
    /// Relative to the released crate's directory.
    pub file: PathBuf,
    pub search: regex::Regex,
    /// Template; regex groups (`$1`) work after the placeholders are filled.
    pub replace: String,
    pub exactly: Option<usize>,
    pub min: Option<usize>,
    pub max: Option<usize>,
    /// Also run when the new version is a pre-release.
    pub prerelease: bool,
    /// `path:line:column` of the setting, for messages.
    pub origin: String,
}

/// cargo-release's `pre-release-hook`: a command run after the edits, before the commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hook {
    /// Program and arguments, templates each.
    pub args: Vec<String>,
    pub origin: String,
}

/// What happens to build metadata (`+spec-1.1.0`) in a release: cargo-release's policy values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Metadata {
    /// Kept when given (an explicit version, `--metadata`), dropped by a level bump.
    #[default]
    Optional,
    /// Every release must carry some.
    Required,
    /// Never written.
    Ignore,
    /// Kept across level bumps.
    Persistent,
}

impl Metadata {
    fn parse(value: Option<&str>) -> Option<Self> {
        match value? {
            "optional" => Some(Metadata::Optional),
            "required" => Some(Metadata::Required),
            "ignore" => Some(Metadata::Ignore),
            "persistent" => Some(Metadata::Persistent),
            _ => None,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tag_name: None,
            tag_prefix: None,
            tag: true,
            tag_message: None,
            commit_message: DEFAULT_COMMIT_MESSAGE.into(),
            consolidate_commits: true,
            allow_branch: vec!["*".into()],
            push: true,
            push_remote: None,
            push_options: Vec::new(),
            publish: true,
            release: true,
            registry: None,
            shared_version: None,
            api_diff: false,
            metadata: Metadata::Optional,
            dependent_version: DependentVersion::Upgrade,
            build: Build::default(),
            sign_commit: false,
            sign_tag: false,
            replacements: Vec::new(),
            hook: None,
            origins: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }
}

impl Settings {
    /// The workspace's settings: cargo-release's workspace-level configuration, then
    /// `[workspace.metadata.ship]` and the root package's `[package.metadata.ship]`.
    pub fn for_workspace(ws: &Workspace) -> Result<Self> {
        Settings::layered(ws, None)
    }

    /// One package's settings: every cargo-release source (the workspace's, then its own),
    /// then the `metadata.ship` tables (the workspace's, then its own), which win.
    pub fn for_package(ws: &Workspace, package: &Package) -> Result<Self> {
        Settings::layered(ws, Some(package))
    }

    fn layered(ws: &Workspace, package: Option<&Package>) -> Result<Self> {
        let mut settings = Settings::default();
        if let Some((template, origin)) = package.and_then(|p| knope::tag_name(ws, p)) {
            settings.tag_name = Some(template);
            settings.origins.insert("tag-name".into(), origin);
        }
        for source in cargo_release::workspace_sources(ws) {
            settings.apply_cargo_release(&source)?;
        }
        if let Some(package) = package {
            for source in cargo_release::package_sources(ws, package) {
                settings.apply_cargo_release(&source)?;
            }
        }
        let root = ws.root();
        if let Some(table) = ship_table(root.workspace()) {
            settings.apply(table, root, "workspace.metadata.ship")?;
        }
        if let Some(table) = ship_table(root.package()) {
            settings.apply(table, root, "package.metadata.ship")?;
        }
        if let Some(package) = package.filter(|p| p.manifest != 0) {
            let manifest = ws.manifest(package);
            if let Some(table) = ship_table(manifest.package()) {
                settings.apply(table, manifest, "package.metadata.ship")?;
            }
        }
        Ok(settings)
    }

    /// The tag template with `{prefix}` filled: `tag-prefix` when set, else cargo-release's
    /// default (nothing for a crate at the workspace root, `{name}-` for one below it).
    pub fn tag_template(&self, ws: &Workspace, package: &Package) -> Option<String> {
        let template = match (&self.tag_name, &self.tag_prefix) {
            (Some(template), _) => template.clone(),
            (None, Some(_)) => "{prefix}v{version}".to_string(),
            (None, None) => return None,
        };
        let prefix = self.tag_prefix.clone().unwrap_or_else(|| {
            if ws.manifest(package).dir() == ws.root_dir {
                String::new()
            } else {
                "{name}-".to_string()
            }
        });
        Some(template.replace("{prefix}", &prefix))
    }

    fn apply(&mut self, table: &dyn TableLike, manifest: &Manifest, at: &str) -> Result<()> {
        for (key, item) in table.iter() {
            let wrong = |expected: &str| bad_value(manifest, table, key, at, expected);
            match key {
                "tag-name" => self.tag_name = Some(string(item).ok_or_else(|| wrong("a string"))?),
                "commit-message" => {
                    self.commit_message = string(item).ok_or_else(|| wrong("a string"))?;
                }
                "allow-branch" => {
                    self.allow_branch = crate::workspace::string_array(item)
                        .ok_or_else(|| wrong("an array of strings"))?
                        .into_iter()
                        .map(str::to_string)
                        .collect();
                }
                "push" => self.push = item.as_bool().ok_or_else(|| wrong("a boolean"))?,
                "push-remote" => {
                    self.push_remote = Some(string(item).ok_or_else(|| wrong("a string"))?);
                }
                "publish" => self.publish = item.as_bool().ok_or_else(|| wrong("a boolean"))?,
                "api-diff" => self.api_diff = item.as_bool().ok_or_else(|| wrong("a boolean"))?,
                "dependent-version" => {
                    self.dependent_version = match item.as_str() {
                        Some("upgrade") => DependentVersion::Upgrade,
                        Some("fix") => DependentVersion::Fix,
                        _ => return Err(wrong("one of \"upgrade\", \"fix\"")),
                    };
                }
                "metadata" => {
                    self.metadata = Metadata::parse(item.as_str()).ok_or_else(|| {
                        wrong("one of \"optional\", \"required\", \"ignore\", \"persistent\"")
                    })?;
                }
                unknown => {
                    let known: Vec<String> = KEYS
                        .iter()
                        .map(|(k, what)| format!("`{k}` ({what})"))
                        .collect();
                    return Err(refused(format!(
                        "unknown key `{unknown}` in [{at}] at {}; known keys: {}",
                        position(manifest, table, key),
                        known.join(", ")
                    )));
                }
            }
            self.origins
                .insert(key.to_string(), position(manifest, table, key));
        }
        Ok(())
    }

    /// Whether `branch` matches `allow-branch`.
    pub fn allows_branch(&self, branch: &str) -> bool {
        self.allow_branch
            .iter()
            .any(|pattern| glob::Pattern::new(pattern).is_ok_and(|p| p.matches(branch)))
    }
}

fn ship_table(table: Option<&dyn TableLike>) -> Option<&dyn TableLike> {
    table?
        .get("metadata")?
        .as_table_like()?
        .get("ship")?
        .as_table_like()
}

fn string(item: &Item) -> Option<String> {
    item.as_str().map(str::to_string)
}

fn position(manifest: &Manifest, table: &dyn TableLike, key: &str) -> String {
    match table.get_key_value(key).and_then(|(k, _)| k.span()) {
        Some(span) => {
            let (line, column) = line_column(manifest.text(), span.start);
            format!("{}:{line}:{column}", manifest.path.display())
        }
        None => manifest.path.display().to_string(),
    }
}

fn bad_value(
    manifest: &Manifest,
    table: &dyn TableLike,
    key: &str,
    at: &str,
    expected: &str,
) -> anyhow::Error {
    refused(format!(
        "`{key}` in [{at}] at {} must be {expected}",
        position(manifest, table, key)
    ))
}

/// The build options of crates packaged by one cargo run, which takes one set: crates whose
/// settings ask for different ones are refused (package them separately with -p).
pub fn common_build(ws: &Workspace, packages: &[&Package]) -> Result<Build> {
    let mut common: Option<(Build, &str)> = None;
    for package in packages {
        let build = Settings::for_package(ws, package)?.build;
        match &common {
            None => common = Some((build, &package.name)),
            Some((first, name)) if *first != build => {
                return Err(refused(format!(
                    "`{name}` and `{}` are packaged with different options (`verify`, \
                     `enable-features`, `enable-all-features` or `target` in their release \
                     settings), and one cargo run takes one set: select them separately with -p",
                    package.name
                )));
            }
            Some(_) => {}
        }
    }
    Ok(common.map(|(build, _)| build).unwrap_or_default())
}

/// The tag format a package's releases use, for finding the last one.
pub fn tag_template(ws: &Workspace, package: &Package) -> Option<String> {
    Settings::for_package(ws, package)
        .ok()
        .and_then(|s| s.tag_template(ws, package))
}

/// The changelog `knope.toml` names for a package knope versions (`Some(None)`: none).
pub fn knope_changelog(ws: &Workspace, package: &Package) -> Option<Option<PathBuf>> {
    knope::changelog(ws, package)
}

/// Why a release leaves a selected package out.
pub enum LeftOut {
    /// cargo-release's `release = false`, at `origin`: never released, even when named.
    NotReleased { origin: String },
    /// Not published to the target registry: a workspace selection leaves it out (cargo's
    /// `publish --workspace` skips it too); `-p` names one on purpose.
    NotPublished,
}

/// Whether, and why, a release of `workspace_selection` (no `-p`) or of named packages
/// leaves `package` out; a member inheriting the workspace version moves with it.
pub fn left_out(
    ws: &Workspace,
    package: &Package,
    registry: Option<&crate::registry::config::Registry>,
    workspace_selection: bool,
) -> Result<Option<LeftOut>> {
    let settings = Settings::for_package(ws, package)?;
    if !settings.release {
        let origin = settings.origins.get("release").cloned().unwrap_or_default();
        return Ok(Some(LeftOut::NotReleased { origin }));
    }
    let published = !workspace_selection
        || crate::workspace::inherits_version(ws, package)
        || publishable(ws, package, registry)?;
    Ok((!published).then_some(LeftOut::NotPublished))
}

/// Whether the package may be published by this release.
pub fn publishable(
    ws: &Workspace,
    package: &Package,
    registry: Option<&crate::registry::config::Registry>,
) -> Result<bool> {
    use crate::workspace::{Field, Publish as Setting, read_publish as read};
    if matches!(package.field(ws, "version"), Ok(Field::Absent)) {
        return Ok(false);
    }
    let setting = package
        .field(ws, "publish")
        .map_err(|e| refused(e.message))
        .and_then(|field| read(field).map_err(|e| refused(e.message)))?;
    let ship = Settings::for_package(ws, package)?;
    Ok(ship.publish
        && match setting {
            Setting::Anywhere => true,
            Setting::Nowhere => false,
            Setting::Only(names) => registry.is_none_or(|r| r.allowed_by(&names)),
        })
}

//! cargo ship's own settings: `[workspace.metadata.ship]`, overridden per package by
//! `[package.metadata.ship]`. Unknown keys are errors (a typo must not silently change how a
//! release is made).

use anyhow::Result;
use toml_edit::{Item, TableLike};

pub use crate::bump::DependentVersion;
use crate::error::refused;
use crate::workspace::{Package, Workspace, line_column};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub tag_name: Option<String>,
    pub commit_message: String,
    pub allow_branch: Vec<String>,
    pub push: bool,
    pub push_remote: Option<String>,
    pub publish: bool,
    pub api_diff: bool,
    pub metadata: Metadata,
    pub dependent_version: DependentVersion,
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

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tag_name: None,
            commit_message: DEFAULT_COMMIT_MESSAGE.into(),
            allow_branch: vec!["*".into()],
            push: true,
            push_remote: None,
            publish: true,
            api_diff: false,
            metadata: Metadata::Optional,
            dependent_version: DependentVersion::Upgrade,
        }
    }
}

impl Settings {
    /// The workspace's settings (`[workspace.metadata.ship]`, or the root package's).
    pub fn for_workspace(ws: &Workspace) -> Result<Self> {
        let mut settings = Settings::default();
        let root = ws.root();
        if let Some(table) = ship_table(root.workspace()) {
            settings.apply(table, ws, 0, "workspace.metadata.ship")?;
        }
        if let Some(table) = ship_table(root.package()) {
            settings.apply(table, ws, 0, "package.metadata.ship")?;
        }
        Ok(settings)
    }

    /// One package's settings: the workspace's, overridden by its own.
    pub fn for_package(ws: &Workspace, package: &Package) -> Result<Self> {
        let mut settings = Settings::for_workspace(ws)?;
        if package.manifest != 0
            && let Some(table) = ship_table(ws.manifest(package).package())
        {
            settings.apply(table, ws, package.manifest, "package.metadata.ship")?;
        }
        Ok(settings)
    }

    fn apply(
        &mut self,
        table: &dyn TableLike,
        ws: &Workspace,
        manifest: usize,
        at: &str,
    ) -> Result<()> {
        for (key, item) in table.iter() {
            let wrong = |expected: &str| bad_value(ws, manifest, table, key, at, expected);
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
                    self.metadata = match item.as_str() {
                        Some("optional") => Metadata::Optional,
                        Some("required") => Metadata::Required,
                        Some("ignore") => Metadata::Ignore,
                        Some("persistent") => Metadata::Persistent,
                        _ => {
                            return Err(wrong(
                                "one of \"optional\", \"required\", \"ignore\", \"persistent\"",
                            ));
                        }
                    };
                }
                unknown => {
                    let known: Vec<String> = KEYS
                        .iter()
                        .map(|(k, what)| format!("`{k}` ({what})"))
                        .collect();
                    return Err(refused(format!(
                        "unknown key `{unknown}` in [{at}] at {}; known keys: {}",
                        position(ws, manifest, table, key),
                        known.join(", ")
                    )));
                }
            }
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

fn position(ws: &Workspace, manifest: usize, table: &dyn TableLike, key: &str) -> String {
    let manifest = &ws.manifests[manifest];
    match table.get_key_value(key).and_then(|(k, _)| k.span()) {
        Some(span) => {
            let (line, column) = line_column(manifest.text(), span.start);
            format!("{}:{line}:{column}", manifest.path.display())
        }
        None => manifest.path.display().to_string(),
    }
}

fn bad_value(
    ws: &Workspace,
    manifest: usize,
    table: &dyn TableLike,
    key: &str,
    at: &str,
    expected: &str,
) -> anyhow::Error {
    refused(format!(
        "`{key}` in [{at}] at {} must be {expected}",
        position(ws, manifest, table, key)
    ))
}

/// Fills a template's `{name}`, `{version}` and `{crates}` placeholders.
pub fn render(template: &str, name: &str, version: &str, crates: &str) -> String {
    template
        .replace("{name}", name)
        .replace("{version}", version)
        .replace("{crates}", crates)
}

/// The tag format a package's releases use, for finding the last one.
pub fn tag_template(ws: &Workspace, package: &Package) -> Option<String> {
    Settings::for_package(ws, package)
        .ok()
        .and_then(|s| s.tag_name)
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

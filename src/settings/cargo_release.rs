//! cargo-release's configuration, read so that a repository switching to cargo ship keeps its
//! release policy without an edit: every key with a meaning here is honoured, every other key
//! is a warning that names it — a setting is never dropped silently.
//!
//! Sources, lowest precedence first (cargo-release's reference, "Sources"): the user's
//! `~/.release.toml` and `$XDG_CONFIG_HOME/cargo-release/release.toml`, the workspace's
//! `release.toml`, `[workspace.metadata.release]`, then for one crate its `release.toml` and
//! `[package.metadata.release]`. Our own `metadata.ship` tables sit above all of them.

use std::path::PathBuf;

use anyhow::Result;
use toml_edit::{Item, TableLike};

use super::template::from_cargo_release;
use super::{DependentVersion, Hook, Metadata, Replacement, Settings, bad_value, position};
use crate::workspace::{Manifest, Package, Workspace, string_array, user_release_files};

/// One table of cargo-release settings and where it is.
pub struct Source<'w> {
    pub table: &'w dyn TableLike,
    pub file: &'w Manifest,
    /// How the table is named in messages: `release.toml` or `[package.metadata.release]`.
    pub at: String,
    /// A member's own source, where cargo-release ignores workspace-wide keys.
    pub member: bool,
}

/// A key read and not honoured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    pub key: String,
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

/// Keys cargo-release reads from the workspace's configuration only.
const WORKSPACE_KEYS: &[&str] = &[
    "allow-branch",
    "push",
    "push-remote",
    "push-options",
    "consolidate-commits",
];

/// Keys cargo ship knows and does not do, with what it does instead.
const NOT_DONE: &[(&str, &str)] = &[
    (
        "owners",
        "cargo ship does not change a crate's owners; run `cargo owner --add LOGIN` once after \
         the first publish",
    ),
    (
        "rate-limit",
        "cargo ship does not pace uploads itself; when the registry answers 429 it waits as \
         told, at most three times, then stops and says how to resume",
    ),
    (
        "certs-source",
        "cargo ship always trusts the platform's certificate store plus `http.cainfo`, as \
         cargo does",
    ),
];

/// The workspace-level sources, lowest precedence first.
pub fn workspace_sources(ws: &Workspace) -> Vec<Source<'_>> {
    let mut sources = Vec::new();
    for path in user_release_files().iter().rev() {
        if let Some(file) = ws.release_files.iter().find(|f| &f.path == path) {
            sources.push(Source {
                table: file.doc.as_table(),
                file,
                at: path.display().to_string(),
                member: false,
            });
        }
    }
    let root = ws.root();
    if let Some(file) = release_toml(ws, root) {
        sources.push(Source {
            table: file.doc.as_table(),
            file,
            at: "release.toml".into(),
            member: false,
        });
    }
    if let Some(table) = metadata_release(root.workspace()) {
        sources.push(Source {
            table,
            file: root,
            at: "[workspace.metadata.release]".into(),
            member: false,
        });
    }
    // A lone crate (or the root package) keeps its workspace-wide keys in its own table.
    if let Some(table) = metadata_release(root.package()) {
        sources.push(Source {
            table,
            file: root,
            at: "[package.metadata.release]".into(),
            member: false,
        });
    }
    sources
}

/// One member's own sources (none for the root package, whose are the workspace's).
pub fn package_sources<'w>(ws: &'w Workspace, package: &Package) -> Vec<Source<'w>> {
    let manifest = ws.manifest(package);
    if package.manifest == 0 {
        return Vec::new();
    }
    let mut sources = Vec::new();
    if manifest.dir() != ws.root_dir
        && let Some(file) = release_toml(ws, manifest)
    {
        sources.push(Source {
            table: file.doc.as_table(),
            file,
            at: "release.toml".into(),
            member: true,
        });
    }
    if let Some(table) = metadata_release(manifest.package()) {
        sources.push(Source {
            table,
            file: manifest,
            at: "[package.metadata.release]".into(),
            member: true,
        });
    }
    sources
}

fn release_toml<'w>(ws: &'w Workspace, manifest: &Manifest) -> Option<&'w Manifest> {
    let path = manifest.dir().join("release.toml");
    ws.release_files.iter().find(|f| f.path == path)
}

fn metadata_release(table: Option<&dyn TableLike>) -> Option<&dyn TableLike> {
    table?
        .get("metadata")?
        .as_table_like()?
        .get("release")?
        .as_table_like()
}

impl Settings {
    /// Applies one cargo-release source over the settings so far.
    pub(super) fn apply_cargo_release(&mut self, source: &Source) -> Result<()> {
        let Source {
            table, file, at, ..
        } = source;
        for (key, item) in table.iter() {
            let wrong = |expected: &str| bad_value(file, *table, key, at, expected);
            let string = || {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| wrong("a string"))
            };
            let boolean = || item.as_bool().ok_or_else(|| wrong("a boolean"));
            let strings = || {
                string_array(item)
                    .map(|list| list.into_iter().map(str::to_string).collect::<Vec<_>>())
                    .ok_or_else(|| wrong("an array of strings"))
            };
            if source.member && WORKSPACE_KEYS.contains(&key) {
                self.warn(
                    source,
                    key,
                    "cargo-release reads this key from the workspace's configuration only, and \
                     so does cargo ship: move it to the workspace's release.toml or \
                     [workspace.metadata.release]",
                );
                continue;
            }
            match key {
                "allow-branch" => self.allow_branch = strings()?,
                "release" => self.release = boolean()?,
                "publish" => self.publish = boolean()?,
                "push" => self.push = boolean()?,
                "push-remote" => self.push_remote = Some(string()?),
                "push-options" => self.push_options = strings()?,
                "tag" => self.tag = boolean()?,
                "tag-name" => self.tag_name = Some(from_cargo_release(&string()?)),
                "tag-prefix" => self.tag_prefix = Some(from_cargo_release(&string()?)),
                "tag-message" => self.tag_message = Some(from_cargo_release(&string()?)),
                "pre-release-commit-message" => {
                    self.commit_message = from_cargo_release(&string()?);
                }
                "consolidate-commits" => self.consolidate_commits = boolean()?,
                "shared-version" => {
                    self.shared_version = match (item.as_bool(), item.as_str()) {
                        (Some(true), _) => Some("default".into()),
                        (Some(false), _) => None,
                        (_, Some(name)) => Some(name.to_string()),
                        _ => return Err(wrong("a boolean or a group name")),
                    };
                }
                "dependent-version" => match item.as_str() {
                    Some("upgrade") => self.dependent_version = DependentVersion::Upgrade,
                    Some("fix") => self.dependent_version = DependentVersion::Fix,
                    Some(other @ ("error" | "warn" | "ignore")) => {
                        self.dependent_version = DependentVersion::Fix;
                        self.warn(
                            source,
                            key,
                            &format!(
                                "`dependent-version = \"{other}\"` is not implemented: cargo \
                                 ship uses \"fix\" (a requirement changes only when the new \
                                 version no longer satisfies it, so the workspace still builds)"
                            ),
                        );
                    }
                    _ => {
                        return Err(wrong(
                            "one of \"upgrade\", \"fix\", \"error\", \"warn\", \"ignore\"",
                        ));
                    }
                },
                "metadata" => {
                    self.metadata = Metadata::parse(item.as_str()).ok_or_else(|| {
                        wrong("one of \"optional\", \"required\", \"ignore\", \"persistent\"")
                    })?;
                }
                "registry" => self.registry = Some(string()?),
                "verify" => self.build.verify = boolean()?,
                "enable-features" => self.build.features = strings()?,
                "enable-all-features" => self.build.all_features = boolean()?,
                "target" => self.build.target = Some(string()?),
                "sign-commit" => self.sign_commit = boolean()?,
                "sign-tag" => self.sign_tag = boolean()?,
                "pre-release-replacements" => {
                    self.replacements = replacements(file, *table, key, at, item)?;
                }
                "pre-release-hook" => {
                    let args = match (item.as_str(), string_array(item)) {
                        (Some(command), _) => vec![command.to_string()],
                        (None, Some(list)) if !list.is_empty() => {
                            list.into_iter().map(str::to_string).collect()
                        }
                        _ => return Err(wrong("a command: a string or an array of strings")),
                    };
                    self.hook = Some(Hook {
                        args,
                        origin: position(file, *table, key),
                    });
                }
                other => {
                    let family = other.split('.').next().unwrap_or(other);
                    match NOT_DONE.iter().find(|(k, _)| *k == family) {
                        Some((_, instead)) => self.warn(source, key, instead),
                        None => self.warn(
                            source,
                            key,
                            "not a cargo-release key cargo ship knows; it has no effect",
                        ),
                    }
                    continue;
                }
            }
            self.origins
                .insert(key.to_string(), position(file, *table, key));
        }
        Ok(())
    }

    fn warn(&mut self, source: &Source, key: &str, message: &str) {
        let line = source
            .table
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .map_or(1, |span| source.file.line_column(span.start).0);
        self.warnings.push(ConfigWarning {
            key: key.to_string(),
            file: source.file.path.clone(),
            line,
            message: format!("`{key}` in {}: {message}", source.at),
        });
    }
}

/// `pre-release-replacements`: an array of `{file, search, replace, min, max, exactly,
/// prerelease}` tables; the regex is compiled here so a bad one is refused before anything.
fn replacements(
    file: &Manifest,
    table: &dyn TableLike,
    key: &str,
    at: &str,
    item: &Item,
) -> Result<Vec<Replacement>> {
    let wrong = |expected: &str| bad_value(file, table, key, at, expected);
    let entries: Vec<&dyn TableLike> = match item {
        Item::ArrayOfTables(tables) => tables.iter().map(|t| t as &dyn TableLike).collect(),
        Item::Value(toml_edit::Value::Array(array)) => array
            .iter()
            .map(|v| v.as_inline_table().map(|t| t as &dyn TableLike))
            .collect::<Option<_>>()
            .ok_or_else(|| wrong("an array of tables"))?,
        _ => return Err(wrong("an array of tables")),
    };
    let origin = position(file, table, key);
    let mut out = Vec::new();
    for entry in entries {
        let text = |name: &str| entry.get(name).and_then(Item::as_str).map(str::to_string);
        let count = |name: &str| {
            entry
                .get(name)
                .and_then(Item::as_integer)
                .and_then(|n| usize::try_from(n).ok())
        };
        let (Some(path), Some(search), Some(replace)) =
            (text("file"), text("search"), text("replace"))
        else {
            return Err(wrong(
                "an array of tables, each with `file`, `search` and `replace` strings",
            ));
        };
        let regex = regex::Regex::new(&search).map_err(|err| {
            crate::error::refused(format!(
                "`search` regex `{search}` of `{key}` in {at} at {origin} does not compile: {err}"
            ))
        })?;
        out.push(Replacement {
            file: PathBuf::from(path),
            search: regex,
            replace,
            exactly: count("exactly"),
            min: count("min"),
            max: count("max"),
            prerelease: entry
                .get("prerelease")
                .and_then(Item::as_bool)
                .unwrap_or(false),
            origin: origin.clone(),
        });
    }
    Ok(out)
}

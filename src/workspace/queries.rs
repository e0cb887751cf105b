//! The questions about a package that every command asks: its version, whether it shares
//! the workspace's, whether it may be published, which members it builds with.

use anyhow::Result;
use semver::Version;
use toml_edit::Item;

use super::{Field, FieldError, Package, Workspace};
use crate::error::refused;

/// What `package.publish` allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Publish {
    Anywhere,
    Nowhere,
    Only(Vec<String>),
}

pub fn read_publish(field: Field) -> Result<Publish, FieldError> {
    let Field::Present { item, loc, .. } = field else {
        return Ok(Publish::Anywhere);
    };
    match item {
        Item::Value(value) if value.as_bool() == Some(true) => Ok(Publish::Anywhere),
        Item::Value(value) if value.as_bool() == Some(false) => Ok(Publish::Nowhere),
        _ => super::string_array(item)
            .map(|names| Publish::Only(names.into_iter().map(str::to_string).collect()))
            .ok_or(FieldError {
                loc,
                message: "`package.publish` must be a boolean or an array of registry names".into(),
            }),
    }
}

pub fn inherits_version(ws: &Workspace, package: &Package) -> bool {
    matches!(
        package.field(ws, "version"),
        Ok(Field::Present {
            inherited: true,
            ..
        })
    )
}

/// The package's version as semver, or a refusal naming the manifest.
pub fn current_version(ws: &Workspace, package: &Package) -> Result<Version> {
    let text = package.version_text(ws).unwrap_or("0.0.0");
    Version::parse(text).map_err(|err| {
        refused(format!(
            "package `{}` has version `{text}` in `{}`, which is not semver: {err}",
            package.name,
            ws.manifest(package).path.display()
        ))
    })
}

/// The members that inherit `[workspace.package] version`: released together, as one.
pub fn shared_version_members(ws: &Workspace) -> Vec<&Package> {
    ws.members
        .iter()
        .filter(|m| inherits_version(ws, m))
        .collect()
}

/// The workspace members `package` depends on to build (path dependencies, not
/// dev-dependencies): when one changes, `package` changes with it.
pub fn workspace_dependencies<'a>(ws: &'a Workspace, package: &Package) -> Vec<&'a Package> {
    package
        .dependencies(ws)
        .into_iter()
        .flatten()
        .filter(|dep| dep.kind != crate::workspace::DepKind::Dev && dep.path.is_some())
        .filter_map(|dep| ws.members.iter().find(|m| m.name == dep.crate_name()))
        .collect()
}

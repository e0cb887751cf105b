//! knope's `knope.toml` names the tags of the packages it releases: `NAME/v{version}` for the
//! crates a `[packages.NAME]` table versions (knope's own repository tags
//! `versioning/v0.4.0` for the crate `knope-versioning`), `v{version}` for a lone `[package]`.
//! Read as the lowest layer, so a repository moving from knope to cargo ship finds its last
//! releases and keeps tagging the same way; its other keys are knope's business.

use std::path::PathBuf;

use toml_edit::{Item, TableLike};

use super::position;
use crate::workspace::{Package, Workspace};

const FILE_NAME: &str = "knope.toml";

/// The tag template knope gives `package`, and where (`knope.toml:LINE:COLUMN`).
pub fn tag_name(ws: &Workspace, package: &Package) -> Option<(String, String)> {
    let found = versioning(ws, package)?;
    let template = match found.name {
        Some(name) => format!("{name}/v{{version}}"),
        None => "v{version}".to_string(),
    };
    Some((template, found.at))
}

/// The changelog knope writes `package`'s releases in (`changelog = "…"`), when knope
/// versions it: `Some(None)` when it names none. The root's CHANGELOG.md of knope's own
/// repository is the `knope` package's; knope-config must not read it as its own.
pub fn changelog(ws: &Workspace, package: &Package) -> Option<Option<PathBuf>> {
    let found = versioning(ws, package)?;
    Some(
        found
            .table
            .get("changelog")
            .and_then(Item::as_str)
            .map(|path| ws.root_dir.join(clean(path))),
    )
}

/// The knope package that versions a crate's manifest.
struct Found<'w> {
    /// `[packages.NAME]`'s name; `None` for a lone `[package]`.
    name: Option<&'w str>,
    table: &'w dyn TableLike,
    /// Where the table is, for `check -v`.
    at: String,
}

fn versioning<'w>(ws: &'w Workspace, package: &Package) -> Option<Found<'w>> {
    let file = ws
        .release_files
        .iter()
        .find(|f| f.path == ws.root_dir.join(FILE_NAME))?;
    let manifest = ws.manifest(package).path.strip_prefix(&ws.root_dir).ok()?;
    let manifest = manifest.to_string_lossy().replace('\\', "/");
    let doc = file.doc.as_table();
    if let Some(single) = doc.get("package").and_then(Item::as_table_like)
        && versions(single, &manifest)
    {
        return Some(Found {
            name: None,
            table: single,
            at: position(file, doc, "package"),
        });
    }
    let packages = doc.get("packages").and_then(Item::as_table_like)?;
    packages.iter().find_map(|(name, table)| {
        let table = table.as_table_like()?;
        versions(table, &manifest).then(|| Found {
            name: Some(name),
            table,
            at: position(file, packages, name),
        })
    })
}

/// Whether a knope package's `versioned_files` holds the manifest's own version: the path
/// itself, or `{ path = … }` without `dependency` (which versions a requirement on another).
fn versions(package: &dyn TableLike, manifest: &str) -> bool {
    let Some(files) = package.get("versioned_files").and_then(Item::as_array) else {
        return false;
    };
    files.iter().any(|entry| match entry.as_str() {
        Some(path) => clean(path) == manifest,
        None => entry.as_inline_table().is_some_and(|table| {
            table.get("dependency").is_none()
                && table.get("regex").is_none()
                && table.get("path").and_then(|p| p.as_str()).map(clean) == Some(manifest.into())
        }),
    })
}

fn clean(path: &str) -> String {
    path.trim_start_matches("./").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml_edit::DocumentMut {
        text.parse().expect("toml")
    }

    #[test]
    fn a_package_versions_its_manifest_not_a_requirement_on_it() {
        let doc = table(
            "versioned_files = [\"crates/a/Cargo.toml\", \"Cargo.lock\", \
             { path = \"Cargo.toml\", dependency = \"a\" }, { path = \"./crates/b/Cargo.toml\" }]",
        );
        assert!(versions(doc.as_table(), "crates/a/Cargo.toml"));
        assert!(versions(doc.as_table(), "crates/b/Cargo.toml"));
        assert!(!versions(doc.as_table(), "Cargo.toml"));
        assert!(!versions(doc.as_table(), "crates/c/Cargo.toml"));
    }
}

//! Pending changesets (`.changeset/*.md`, as knope and changesets-style tools write them): a
//! front matter naming packages and a change type (`major`, `minor`, `patch`), then the release
//! note. They are release notes written ahead, like an Unreleased changelog section.

use std::path::{Path, PathBuf};

use crate::tree::Tree;
use crate::version::Change;

pub const DIR: &str = ".changeset";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changeset {
    /// The file, relative to the workspace root (`.changeset/name.md`).
    pub file: PathBuf,
    /// The front matter key that named the package (`default`, the package, or its suffix).
    pub key: String,
    pub change: Change,
    pub title: String,
}

/// The pending changesets under `root` that concern `package`.
pub fn pending(tree: &Tree, root: &Path, package: &str) -> Vec<Changeset> {
    let dir = root.join(DIR);
    let mut found = Vec::new();
    for name in tree.file_names(&dir) {
        if !name.ends_with(".md") || name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        let Ok(Some(text)) = tree.read(&dir.join(&name)) else {
            continue;
        };
        for (key, change, title) in parse(&text) {
            if concerns(&key, package) {
                found.push(Changeset {
                    file: Path::new(DIR).join(&name),
                    key,
                    change,
                    title: title.clone(),
                });
            }
        }
    }
    found
}

/// A front matter key names a package when it is the package's name, `default`, or the last
/// part of a prefixed name (`versioning` for `knope-versioning`).
fn concerns(key: &str, package: &str) -> bool {
    key == package || key == "default" || package.ends_with(&format!("-{key}"))
}

/// `(key, change, title)` for each package the front matter names.
fn parse(text: &str) -> Vec<(String, Change, String)> {
    let mut lines = text.lines();
    if lines.next().map(str::trim) != Some("---") {
        return Vec::new();
    }
    let mut entries = Vec::new();
    for line in lines.by_ref() {
        let line = line.trim();
        if line == "---" {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_string();
        let change = match value.trim().trim_matches(['"', '\'']) {
            "major" => Change::Breaking,
            "minor" => Change::Feature,
            "patch" => Change::Fix,
            _ => Change::None,
        };
        entries.push((key, change));
    }
    let title = lines
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .unwrap_or_default();
    entries
        .into_iter()
        .map(|(key, change)| (key, change, title.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_names_packages_and_change_types() {
        let text =
            "---\nknope: major\nversioning: patch\n---\n\n# Auto-update dependencies\n\nMore.\n";
        assert_eq!(
            parse(text),
            vec![
                (
                    "knope".into(),
                    Change::Breaking,
                    "Auto-update dependencies".into()
                ),
                (
                    "versioning".into(),
                    Change::Fix,
                    "Auto-update dependencies".into()
                ),
            ]
        );
        assert!(parse("# no front matter\n").is_empty());
        assert!(concerns("versioning", "knope-versioning"));
        assert!(concerns("default", "anything"));
        assert!(!concerns("knope", "knope-config"));
    }
}

//! Which files a package ships, as `cargo package` decides: the files under the package's
//! directory, minus other members nested in it and the build directory, then `include` (only
//! what it names, plus the manifest) or else `exclude` (all but what it names). A change to a
//! file the package does not ship is no change to the package, whatever the commit says; a
//! change to one it ships is at least a fix, whatever the commit says.

use std::path::{Path, PathBuf};

use glob::{MatchOptions, Pattern};

use crate::workspace::{Field, Package, Workspace, string_array};

pub struct Shipped {
    /// The package's directory relative to the repository's top (empty at the top).
    dir: PathBuf,
    /// Other members' directories inside it, relative to it.
    nested: Vec<PathBuf>,
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
    /// Files outside the directory that cargo copies in (`readme`, `license-file`), relative
    /// to the repository's top.
    extra: Vec<PathBuf>,
}

impl Shipped {
    pub fn of(ws: &Workspace, package: &Package, top: &Path) -> Self {
        let dir = package
            .dir
            .strip_prefix(top)
            .unwrap_or(&package.dir)
            .to_path_buf();
        let nested = ws
            .nested_in(package)
            .filter_map(|m| m.dir.strip_prefix(&package.dir).ok())
            .map(Path::to_path_buf)
            .collect();
        let patterns = |key: &str| match package.field(ws, key) {
            Ok(Field::Present { item, .. }) => string_array(item)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| Pattern::new(p.trim_start_matches('/').trim_end_matches('/')).ok())
                .collect(),
            _ => Vec::new(),
        };
        let extra = copied_in(ws, package)
            .into_iter()
            .filter_map(|path| Some(path.strip_prefix(top).ok()?.to_path_buf()))
            .collect();
        Shipped {
            dir,
            nested,
            include: patterns("include"),
            exclude: patterns("exclude"),
            extra,
        }
    }

    /// Whether `file` (relative to the repository's top) is in the package.
    pub fn ships(&self, file: &str) -> bool {
        if self.extra.iter().any(|extra| extra == Path::new(file)) {
            return true;
        }
        let Ok(relative) = Path::new(file).strip_prefix(&self.dir) else {
            return false;
        };
        if relative.starts_with("target") || self.nested.iter().any(|n| relative.starts_with(n)) {
            return false;
        }
        if relative == Path::new("Cargo.toml") {
            return true;
        }
        if !self.include.is_empty() {
            return matches_any(&self.include, relative);
        }
        !matches_any(&self.exclude, relative)
    }
}

/// The files cargo copies into the package from elsewhere (`readme`, `license-file` outside
/// its directory), as absolute paths.
pub fn copied_in(ws: &Workspace, package: &Package) -> Vec<PathBuf> {
    ["readme", "license-file"]
        .iter()
        .filter_map(|key| match package.field(ws, key) {
            Ok(Field::Present {
                item, inherited, ..
            }) => {
                let path = normalize(&package.base_dir(ws, inherited).join(item.as_str()?));
                (!path.starts_with(&package.dir)).then_some(path)
            }
            _ => None,
        })
        .collect()
}

/// `a/b/../c` → `a/c`, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// gitignore-style: a pattern matches the path or one of the directories above it; one
/// without a `/` matches a name at any depth.
fn matches_any(patterns: &[Pattern], path: &Path) -> bool {
    let options = MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: false,
    };
    let ancestors: Vec<&Path> = path
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .collect();
    patterns.iter().any(|pattern| {
        let anywhere = !pattern.as_str().contains('/');
        ancestors.iter().any(|prefix| {
            pattern.matches_path_with(prefix, options)
                || anywhere
                    && prefix
                        .file_name()
                        .is_some_and(|name| pattern.matches_with(&name.to_string_lossy(), options))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(dir: &str, include: &[&str], exclude: &[&str]) -> Shipped {
        let compile = |list: &[&str]| {
            list.iter()
                .map(|p| Pattern::new(p).expect("pattern"))
                .collect()
        };
        Shipped {
            dir: PathBuf::from(dir),
            nested: vec![PathBuf::from("fuzz")],
            include: compile(include),
            exclude: compile(exclude),
            extra: vec![PathBuf::from("README.md")],
        }
    }

    #[test]
    fn files_outside_the_package_or_left_out_are_not_shipped() {
        let all = shipped("crates/core", &[], &["benches", "*.png"]);
        assert!(all.ships("crates/core/src/lib.rs"));
        assert!(all.ships("crates/core/README.md"));
        assert!(
            all.ships("README.md"),
            "a readme outside the directory ships too"
        );
        assert!(!all.ships("crates/other/src/lib.rs"));
        assert!(
            !all.ships("crates/core/fuzz/src/main.rs"),
            "a nested member"
        );
        assert!(!all.ships("crates/core/benches/big.rs"));
        assert!(!all.ships("crates/core/docs/logo.png"));
        let only = shipped("", &["src/**/*.rs", "README.md"], &[]);
        assert!(only.ships("src/parse/mod.rs"));
        assert!(only.ships("Cargo.toml"), "the manifest always ships");
        assert!(!only.ships(".github/workflows/ci.yml"));
        assert!(!only.ships("tests/it.rs"));
    }
}

//! The workspace as the release will leave it, for `cargo package` to verify: a copy of the
//! files cargo could package (tracked, or untracked and not ignored) with the plan's edits
//! applied, under the target directory. Verifying the working tree instead would build the
//! current versions, and an exact pin between members (`=0.1.1`) would not be exercised.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::edit::FileEdit;
use crate::git::Git;

/// Copies the workspace at `root` into `dest` (emptied first) and applies `edits`; returns
/// the copy's root manifest.
pub fn planned_copy(root: &Path, edits: &[FileEdit], dest: &Path) -> Result<PathBuf> {
    if dest.exists() {
        std::fs::remove_dir_all(dest)
            .with_context(|| format!("could not empty `{}`", dest.display()))?;
    }
    for relative in files(root)? {
        let from = root.join(&relative);
        let to = dest.join(&relative);
        if !from.is_file() {
            continue;
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create `{}`", parent.display()))?;
        }
        std::fs::copy(&from, &to)
            .with_context(|| format!("could not copy `{}` for packaging", from.display()))?;
    }
    for edit in edits {
        let Ok(relative) = edit.path.strip_prefix(root) else {
            continue;
        };
        let to = dest.join(relative);
        std::fs::write(&to, &edit.new)
            .with_context(|| format!("could not write `{}`", to.display()))?;
    }
    Ok(dest.join("Cargo.toml"))
}

/// The files below `root` a package could contain: git's list where there is a repository,
/// else every file outside `target/` and `.git/`.
fn files(root: &Path) -> Result<Vec<PathBuf>> {
    let git = Git::new(root);
    if git.is_repository() {
        let listed = git.run(&[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])?;
        return Ok(listed
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect());
    }
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let dir = root.join(&relative);
        let entries = std::fs::read_dir(&dir)
            .with_context(|| format!("could not list `{}`", dir.display()))?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            if relative.as_os_str().is_empty() && (name == "target" || name == ".git") {
                continue;
            }
            let path = relative.join(&name);
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => stack.push(path),
                Ok(kind) if kind.is_file() => found.push(path),
                _ => {}
            }
        }
    }
    Ok(found)
}

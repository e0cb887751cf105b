//! The git pre-commit hook: a small shell script that runs `cargo-ship ship check --staged`,
//! written where `git rev-parse --git-path hooks` says (so `core.hooksPath` and worktrees work).
//! A hook someone else wrote is never overwritten without `--force`, and then it is kept aside.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::edit::write_atomic;
use crate::error::{cannot_run, refused};
use crate::git::Git;

/// Identifies a hook cargo ship wrote.
const MARKER: &str = "# installed by `cargo ship hook install`";

const SCRIPT: &str = "#!/bin/sh
# installed by `cargo ship hook install`; remove with `cargo ship hook uninstall`.
# Refuses a commit whose staged Cargo.toml breaks a rule crates.io or cargo enforces.
if ! command -v cargo-ship >/dev/null 2>&1; then
    echo 'pre-commit: cargo-ship is not on PATH (cargo install cargo-ship), or commit with --no-verify' >&2
    exit 1
fi
exec cargo-ship ship check --staged
";

#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    New(PathBuf),
    Updated(PathBuf),
    /// A foreign hook was moved to the given backup path.
    Replaced {
        hook: PathBuf,
        backup: PathBuf,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum Removed {
    Removed(PathBuf),
    /// Removed ours and put back the hook it had replaced.
    Restored(PathBuf),
    NotInstalled(PathBuf),
}

fn hook_path(dir: &Path) -> Result<PathBuf> {
    let git = Git::new(dir);
    if !git.is_repository() {
        return Err(cannot_run(format!(
            "`{}` is not inside a git repository",
            dir.display()
        )));
    }
    Ok(git.git_path("hooks")?.join("pre-commit"))
}

fn backup_path(hook: &Path) -> PathBuf {
    hook.with_file_name("pre-commit.before-cargo-ship")
}

fn is_ours(hook: &Path) -> Result<bool> {
    let text =
        std::fs::read(hook).with_context(|| format!("could not read `{}`", hook.display()))?;
    Ok(String::from_utf8_lossy(&text).contains(MARKER))
}

pub fn install(dir: &Path, force: bool) -> Result<Installed> {
    let hook = hook_path(dir)?;
    let hooks_dir = hook.parent().context("hook path has no directory")?;
    std::fs::create_dir_all(hooks_dir)
        .with_context(|| format!("could not create `{}`", hooks_dir.display()))?;
    let outcome = if !hook.exists() {
        Installed::New(hook.clone())
    } else if is_ours(&hook)? {
        Installed::Updated(hook.clone())
    } else if force {
        let backup = backup_path(&hook);
        std::fs::rename(&hook, &backup).with_context(|| {
            format!(
                "could not move `{}` to `{}`",
                hook.display(),
                backup.display()
            )
        })?;
        Installed::Replaced {
            hook: hook.clone(),
            backup,
        }
    } else {
        return Err(refused(format!(
            "`{}` already exists and was not written by cargo ship; re-run with --force to \
             replace it (it is kept as `{}`)",
            hook.display(),
            backup_path(&hook).display()
        )));
    };
    write_atomic(&hook, SCRIPT.as_bytes())?;
    make_executable(&hook)?;
    Ok(outcome)
}

pub fn uninstall(dir: &Path) -> Result<Removed> {
    let hook = hook_path(dir)?;
    if !hook.exists() {
        return Ok(Removed::NotInstalled(hook));
    }
    if !is_ours(&hook)? {
        return Err(refused(format!(
            "`{}` was not written by cargo ship; not removing it",
            hook.display()
        )));
    }
    let backup = backup_path(&hook);
    if backup.exists() {
        std::fs::rename(&backup, &hook)
            .with_context(|| format!("could not restore `{}`", backup.display()))?;
        return Ok(Removed::Restored(hook));
    }
    std::fs::remove_file(&hook)
        .with_context(|| format!("could not remove `{}`", hook.display()))?;
    Ok(Removed::Removed(hook))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("could not make `{}` executable", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<()> {
    Ok(())
}

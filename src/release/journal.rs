//! The release's edits as one unit. Each file is replaced atomically, but a run killed between
//! two of them (or between its temporary file and the rename) leaves some manifests bumped and
//! others not, plus a `.cargo-ship-*.tmp`: every rerun then refused the dirty tree. So before the
//! first edit, the old and new text of every file go to `.git/cargo-ship-edits`; the journal is
//! removed once the edits are committed (or kept, with `--no-commit`) or put back. A run that
//! finds a journal knows a killed run edited those files: it puts the uncommitted ones back
//! and removes its temporary files, so the rerun starts from the tree the killed run started
//! from.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::edit::{FileEdit, write_atomic};
use crate::error::refused;
use crate::git::Git;

const FILE_NAME: &str = "cargo-ship-edits";

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    /// `None`: the file did not exist before the release created it.
    old: Option<String>,
    new: String,
}

/// Where the journal of the repository at `git` lives.
fn location(git: &Git) -> Result<PathBuf> {
    git.git_path(FILE_NAME)
}

/// Records the edits about to be written.
pub fn begin(git: &Git, edits: &[FileEdit]) -> Result<()> {
    let entries: Vec<Entry> = edits
        .iter()
        .map(|edit| Entry {
            path: edit.path.clone(),
            old: edit.path.exists().then(|| edit.old.clone()),
            new: edit.new.clone(),
        })
        .collect();
    let path = location(git)?;
    let text = serde_json::to_vec(&entries).context("could not record the release's edits")?;
    write_atomic(&path, &text)
}

/// The edits are committed, kept on purpose, or put back: nothing to recover.
pub fn end(git: &Git) {
    if let Ok(path) = location(git) {
        let _ = std::fs::remove_file(path);
    }
}

/// Puts back what a killed run had edited and not committed; `Some(note)` when there was
/// anything. A file changed since by someone else is not touched: that is refused, naming it.
pub fn recover(git: &Git) -> Result<Option<String>> {
    let path = location(git)?;
    let Ok(text) = std::fs::read(&path) else {
        return Ok(None);
    };
    let Ok(entries) = serde_json::from_slice::<Vec<Entry>>(&text) else {
        end(git);
        return Ok(None);
    };
    let top = PathBuf::from(git.run(&["rev-parse", "--show-toplevel"])?.trim_end());
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let mut restored = Vec::new();
    for entry in &entries {
        let now = std::fs::read_to_string(&entry.path).ok();
        let committed = committed_text(git, &top, &entry.path);
        // Committed as the release left it, or never touched: nothing to put back.
        if now.as_deref() == entry.old.as_deref()
            || (now.as_deref() == Some(entry.new.as_str()) && committed == now)
        {
            continue;
        }
        if now.as_deref() != Some(entry.new.as_str()) {
            return Err(refused(format!(
                "a release was stopped while editing `{}`, and the file has changed since; \
                 check it with `git diff`, put it right, then remove `{}` and run this \
                 command again",
                entry.path.display(),
                path.display()
            )));
        }
        match &entry.old {
            Some(old) => write_atomic(&entry.path, old.as_bytes())?,
            None => std::fs::remove_file(&entry.path)
                .with_context(|| format!("could not remove `{}`", entry.path.display()))?,
        }
        restored.push(entry.path.display().to_string());
    }
    if !restored.is_empty() {
        // A `git commit` killed after staging them leaves them in the index: unstage too.
        let mut args = vec!["reset", "--quiet", "--"];
        args.extend(restored.iter().map(String::as_str));
        git.run(&args)
            .context("could not unstage the files a stopped release had staged")?;
    }
    let mut removed = 0;
    for dir in entries.iter().filter_map(|e| e.path.parent()) {
        removed += remove_temporary_files(dir);
    }
    end(git);
    if restored.is_empty() && removed == 0 {
        return Ok(None);
    }
    Ok(Some(format!(
        "a stopped release had edited {}: put back as they were{}",
        if restored.is_empty() {
            "nothing".to_string()
        } else {
            restored.join(", ")
        },
        if removed > 0 {
            format!(", and its {removed} temporary file(s) removed")
        } else {
            String::new()
        }
    )))
}

/// The text HEAD holds for `path` (under the work tree's `top`), if any.
fn committed_text(git: &Git, top: &Path, path: &Path) -> Option<String> {
    // Both as the file system resolves them (`/var` is `/private/var` on macOS).
    let real = path
        .parent()
        .and_then(|dir| std::fs::canonicalize(dir).ok())
        .and_then(|dir| Some(dir.join(path.file_name()?)))
        .unwrap_or_else(|| path.to_path_buf());
    let relative = real.strip_prefix(top).ok()?;
    git.file_at("HEAD", &relative.to_string_lossy().replace('\\', "/"))
        .ok()
        .flatten()
}

/// Removes the `.cargo-ship-*.tmp` files `write_atomic` leaves when killed before its rename.
fn remove_temporary_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(".cargo-ship-") && name.ends_with(".tmp")
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

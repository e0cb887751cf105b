//! One mutating `cargo ship` at a time per repository: two releases run at once each read the
//! tree, then each restores or commits over the other's edits. The run takes an exclusive
//! lock on `.git/cargo-ship.lock` (the operating system's file lock, which a killed process
//! loses with its last breath) before anything is read, and writes its process id and command
//! there; a second run refuses at once, naming the first. A lock file still naming a run when
//! the lock is free was left by a killed run: it is taken over with a note.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

use crate::error::refused;
use crate::git::Git;

const FILE_NAME: &str = "cargo-ship.lock";

/// Held while a mutating command runs; released (and its file removed) when dropped, or by
/// the operating system when the process dies.
#[derive(Debug)]
pub struct RunLock {
    file: File,
    path: PathBuf,
    /// A note for the user when the lock of a killed run was taken over.
    pub took_over: Option<String>,
}

/// Who holds a lock, as its file says.
#[derive(Debug, PartialEq, Eq)]
struct Holder {
    pid: u32,
    command: String,
    started: u64,
}

impl RunLock {
    /// Takes the repository's lock for `command` (`cargo ship patch --workspace`), or refuses
    /// (exit 1) when another run holds it. `None` outside a git repository: there is no
    /// repository-wide place to hold it.
    pub fn acquire(dir: &Path, command: &str) -> Result<Option<RunLock>> {
        let git = Git::new(dir);
        if !git.is_repository() {
            return Ok(None);
        }
        let path = git.git_path(FILE_NAME)?;
        // The file is removed when a run ends: a lock taken on a file that was just removed
        // (or replaced) is no lock at all, so open again until the locked file is the one at
        // the path.
        for _ in 0..10 {
            let context = || format!("could not open the lock `{}`", path.display());
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(context)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(held(&mut file, &path)),
                Err(TryLockError::Error(err)) => {
                    return Err(err)
                        .with_context(|| format!("could not lock `{}`", path.display()));
                }
            }
            if !is_at(&file, &path) {
                continue;
            }
            let mut left = String::new();
            let _ = file.read_to_string(&mut left);
            let took_over = parse(&left).map(|h| {
                format!(
                    "took over the lock left by `{}` (process {}, no longer running): if it \
                     was stopped halfway, this run finishes or reports its release",
                    h.command, h.pid
                )
            });
            let mut took_over = took_over;
            if let Some(holder) = parse(&left)
                && let Some(note) = remove_stale_index_lock(&git, holder.started)
            {
                took_over = took_over.map(|t| format!("{t}; {note}"));
            }
            write_holder(&mut file, command).with_context(context)?;
            return Ok(Some(RunLock {
                file,
                path,
                took_over,
            }));
        }
        Err(refused(format!(
            "could not take the lock `{}`: other runs keep replacing it",
            path.display()
        )))
    }
}

/// A killed `git commit` leaves git's `index.lock` behind and every later git command fails on
/// it. One written after the killed run started (and no run of ours holds the lock now) is
/// that run's: removed, and said.
fn remove_stale_index_lock(git: &Git, killed_run_started: u64) -> Option<String> {
    let index_lock = git.git_path("index.lock").ok()?;
    let written = std::fs::metadata(&index_lock)
        .and_then(|m| m.modified())
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_secs();
    if written < killed_run_started {
        return None;
    }
    std::fs::remove_file(&index_lock).ok()?;
    Some(format!(
        "removed `{}`, left by its interrupted git command",
        index_lock.display()
    ))
}

/// Whether the open `file` is the one at `path` now.
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(there)) => open.dev() == there.dev() && open.ino() == there.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// The refusal when another run holds the lock, naming it as its file does.
fn held(file: &mut File, path: &Path) -> anyhow::Error {
    let mut text = String::new();
    let _ = file.read_to_string(&mut text);
    let who = match parse(&text) {
        Some(h) => format!(
            "`{}` (process {}, started {} ago)",
            h.command,
            h.pid,
            age(h.started)
        ),
        None => "a run that is starting".to_string(),
    };
    refused(format!(
        "another cargo ship is changing this repository: {who} holds `{}`. Wait for it to \
         finish, then run this command again",
        path.display()
    ))
}

fn write_holder(file: &mut File, command: &str) -> std::io::Result<()> {
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{}\n{started}\n{command}", std::process::id())?;
    file.sync_all()
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Removed while still locked: a run that opened it meanwhile finds it gone and opens
        // again. A killed run leaves it behind, naming itself.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

fn parse(text: &str) -> Option<Holder> {
    let mut lines = text.lines();
    let pid = lines.next()?.trim().parse().ok()?;
    let started = lines.next()?.trim().parse().ok()?;
    let command = lines.next().unwrap_or("cargo ship").trim().to_string();
    Some(Holder {
        pid,
        command,
        started,
    })
}

fn age(started: u64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    crate::duration::in_words(Duration::from_secs(now.saturating_sub(started)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_file_says_who_holds_it() {
        assert_eq!(
            parse("42\n1700000000\ncargo ship patch --workspace\n"),
            Some(Holder {
                pid: 42,
                command: "cargo ship patch --workspace".into(),
                started: 1_700_000_000,
            })
        );
        assert_eq!(parse("garbage"), None);
    }
}

//! The `git` command line, so the user's configuration (signing, hooks, credentials,
//! `core.hooksPath`, worktrees) applies exactly as when they run git themselves.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, Result, bail};

#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
}

impl Git {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Git { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command.args(args).current_dir(&self.dir);
        command
    }

    /// Starts git with piped stdin and stdout (stderr dropped), for a conversation such as
    /// `cat-file --batch`.
    pub fn spawn_piped(&self, args: &[&str]) -> Result<std::process::Child> {
        self.command(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .with_context(|| format!("could not run `git {}`", args.join(" ")))
    }

    /// Runs git and returns its output, whatever the exit status.
    pub fn output(&self, args: &[&str]) -> Result<Output> {
        self.command(args)
            .output()
            .context("could not run `git`: is it installed and on PATH?")
    }

    /// Runs git; a non-zero exit becomes an error quoting git's stderr.
    pub fn run(&self, args: &[&str]) -> Result<String> {
        let output = self.output(args)?;
        if !output.status.success() {
            // One paragraph: git's multi-line advice joined into one line.
            let stderr = String::from_utf8_lossy(&output.stderr);
            let stderr: Vec<&str> = stderr.split_whitespace().collect();
            bail!("`git {}` failed: {}", args.join(" "), stderr.join(" "));
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The text of `path` (relative to the work tree's top, `/`-separated) at `rev`;
    /// `None` when it has no such file.
    pub fn file_at(&self, rev: &str, path: &str) -> Result<Option<String>> {
        let out = self.output(&["show", &format!("{rev}:{path}")])?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned()))
    }

    /// The paths `git status` lists (relative to the work tree's top, untracked files
    /// included, ignored ones not): what a commit, or a package made with `--allow-dirty`,
    /// would take that HEAD does not have.
    pub fn uncommitted_files(&self) -> Result<Vec<String>> {
        let status = self.run(&["status", "--porcelain=v1", "-z", "--untracked-files=all"])?;
        Ok(parse_status(&status))
    }

    /// Whether `dir` is inside a git work tree.
    pub fn is_repository(&self) -> bool {
        self.output(&["rev-parse", "--is-inside-work-tree"])
            .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"true"))
    }

    /// The URL of a remote, if it exists.
    pub fn remote_url(&self, remote: &str) -> Option<String> {
        let output = self.output(&["remote", "get-url", remote]).ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
            .filter(|url| !url.is_empty())
    }

    /// A path inside the git directory (`hooks`, …), absolute, honouring `core.hooksPath` and
    /// worktrees as `git rev-parse --git-path` does.
    pub fn git_path(&self, name: &str) -> Result<PathBuf> {
        let out = self.run(&["rev-parse", "--git-path", name])?;
        let path = PathBuf::from(out.trim_end_matches(['\n', '\r']));
        Ok(if path.is_absolute() {
            path
        } else {
            self.dir.join(path)
        })
    }
}

/// `git status --porcelain=v1 -z` paths. Each entry is `XY PATH`; a rename or copy is
/// followed by a second field, the old path, with no status in front of it.
fn parse_status(status: &str) -> Vec<String> {
    let mut fields = status.split('\0');
    let mut paths = Vec::new();
    while let Some(entry) = fields.next() {
        let (Some(code), Some(path)) = (entry.get(..2), entry.get(3..)) else {
            continue;
        };
        if code.contains(['R', 'C']) {
            fields.next();
        }
        if !path.is_empty() {
            paths.push(path.to_string());
        }
    }
    paths
}

/// A commit id as people read it: its first 7 characters.
pub fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// A browsable https URL for a git remote URL: `git@github.com:o/r.git` →
/// `https://github.com/o/r`. Credentials in the URL are dropped; local paths give `None`.
pub fn web_url(remote: &str) -> Option<String> {
    let remote = remote.trim();
    let (host, path) = if let Some(rest) = remote
        .strip_prefix("https://")
        .or_else(|| remote.strip_prefix("http://"))
        .or_else(|| remote.strip_prefix("ssh://"))
        .or_else(|| remote.strip_prefix("git://"))
    {
        let (authority, path) = rest.split_once('/')?;
        let host = authority.rsplit('@').next()?;
        // An ssh port is not the web port.
        let host = if remote.starts_with("ssh://") {
            host.split(':').next()?
        } else {
            host
        };
        (host.to_string(), path.to_string())
    } else if let Some((user_host, path)) = remote.split_once(':') {
        // scp-like `user@host:path`; a Windows drive or a plain path has no `@`/dot host.
        let host = user_host.rsplit('@').next()?;
        if !host.contains('.') || path.starts_with('/') && !user_host.contains('@') {
            return None;
        }
        (host.to_string(), path.to_string())
    } else {
        return None;
    };
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    if host.is_empty() || path.is_empty() {
        return None;
    }
    Some(format!("https://{host}/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_keep_their_whole_paths() {
        assert_eq!(
            parse_status("R  notes.md\0ééé.md\0 M src/a.rs\0?? new file.txt\0"),
            ["notes.md", "src/a.rs", "new file.txt"]
        );
    }

    #[test]
    fn remote_urls_become_browsable_https_urls() {
        for (remote, web) in [
            (
                "git@github.com:owner/repo.git",
                Some("https://github.com/owner/repo"),
            ),
            (
                "https://github.com/owner/repo.git",
                Some("https://github.com/owner/repo"),
            ),
            (
                "https://github.com/owner/repo",
                Some("https://github.com/owner/repo"),
            ),
            (
                "https://user:secret@gitlab.com/g/sub/repo.git",
                Some("https://gitlab.com/g/sub/repo"),
            ),
            (
                "ssh://git@codeberg.org:2222/owner/repo.git",
                Some("https://codeberg.org/owner/repo"),
            ),
            (
                "git://git.example.org/repo",
                Some("https://git.example.org/repo"),
            ),
            ("/srv/git/repo.git", None),
            ("../repo", None),
            ("file:///srv/git/repo.git", None),
        ] {
            assert_eq!(web_url(remote).as_deref(), web, "{remote}");
        }
    }
}

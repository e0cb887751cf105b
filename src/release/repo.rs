//! The git state a release depends on, read once before planning: branch, upstream, dirty
//! files, tags and HEAD's history. Only local refs are read (no fetch): a dry run must not
//! touch the network.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::changes::history;
use crate::git::Git;

#[derive(Debug)]
pub struct RepoState {
    pub git: Git,
    /// The work tree's top directory.
    pub top: PathBuf,
    pub head: Option<String>,
    pub head_subject: Option<String>,
    /// `None` on a detached HEAD.
    pub branch: Option<String>,
    pub upstream: Option<Upstream>,
    pub remotes: Vec<String>,
    /// `git status --porcelain` paths (relative to the top), untracked files included.
    pub dirty: Vec<String>,
    pub history: history::Repo,
    /// A shallow clone lacks the history a release is measured against.
    pub shallow: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    pub remote: String,
    /// `origin/main`.
    pub tracking: String,
    /// Commits the upstream has that HEAD lacks (as of the last fetch).
    pub behind: usize,
    /// Whether the upstream already contains HEAD (the branch was pushed).
    pub contains_head: bool,
}

impl RepoState {
    /// The state of the repository containing `dir`, or `None` outside a git work tree.
    pub fn read(dir: &Path) -> Result<Option<Self>> {
        let probe = Git::new(dir);
        if !probe.is_repository() {
            return Ok(None);
        }
        let top = PathBuf::from(probe.run(&["rev-parse", "--show-toplevel"])?.trim_end());
        let git = Git::new(&top);
        let head = git
            .output(&["rev-parse", "--verify", "-q", "HEAD"])
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        let head_subject = match head {
            Some(_) => Some(git.run(&["log", "-1", "--format=%s"])?.trim().to_string()),
            None => None,
        };
        let branch = git
            .output(&["symbolic-ref", "--short", "-q", "HEAD"])
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        let remotes = git.run(&["remote"])?.lines().map(str::to_string).collect();
        let upstream = match (&branch, &head) {
            (Some(branch), Some(_)) => read_upstream(&git, branch)?,
            _ => None,
        };
        let dirty = git.uncommitted_files()?;
        let history = history::Repo::read(&git)?;
        let shallow = git
            .run(&["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|out| out.trim() == "true");
        Ok(Some(RepoState {
            shallow,
            git,
            top,
            head,
            head_subject,
            branch,
            upstream,
            remotes,
            dirty,
            history,
        }))
    }

    /// The paths among `paths` that git does not track (an ignored Cargo.lock is edited but
    /// not committed), in one `git ls-files`.
    pub fn untracked(&self, paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
        let relative: Vec<String> = paths
            .iter()
            .map(|p| p.strip_prefix(&self.top).unwrap_or(p).display().to_string())
            .collect();
        let mut args = vec!["ls-files", "-z", "--"];
        args.extend(relative.iter().map(String::as_str));
        let listed = self.git.run(&args)?;
        let tracked: Vec<&str> = listed.split('\0').collect();
        Ok(paths
            .iter()
            .zip(&relative)
            .filter(|(_, rel)| !tracked.contains(&rel.as_str()))
            .map(|(path, _)| path.clone())
            .collect())
    }

    /// Whether `<remote>/<branch>` (the remote-tracking ref a push updates) contains HEAD.
    pub fn pushed(&self, remote: &str, branch: &str) -> bool {
        let tracking = format!("refs/remotes/{remote}/{branch}");
        self.git
            .output(&["merge-base", "--is-ancestor", "HEAD", &tracking])
            .is_ok_and(|o| o.status.success())
    }

    /// A commit's subject line.
    pub fn subject(&self, commit: &str) -> Result<String> {
        Ok(self
            .git
            .run(&["log", "-1", "--format=%s", commit])?
            .trim()
            .to_string())
    }

    /// The commits among `commits` that a remote-tracking branch of `remote` contains, as of
    /// the last fetch: one `git rev-list`, whatever the number of members. A remote never
    /// fetched (no tracking branches) tells nothing: all are taken as contained, so a dry run
    /// does not invent unfinished releases.
    pub fn tracked_by_remote<'c>(
        &self,
        remote: &str,
        commits: &[&'c str],
    ) -> std::collections::HashSet<&'c str> {
        let prefix = format!("refs/remotes/{remote}/");
        let all = self
            .git
            .run(&["for-each-ref", "--format=%(refname)", "--count=1", &prefix])
            .unwrap_or_default();
        if all.trim().is_empty() || commits.is_empty() {
            return commits.iter().copied().collect();
        }
        // What the commits reach that no tracking branch does: a commit listed there is not
        // on the remote.
        let remotes = format!("--remotes={remote}");
        let mut args = vec!["rev-list"];
        args.extend(commits.iter().copied());
        args.extend(["--not", remotes.as_str()]);
        let Ok(out) = self.git.run(&args) else {
            return std::collections::HashSet::new();
        };
        let missing: std::collections::HashSet<&str> = out.lines().map(str::trim).collect();
        commits
            .iter()
            .copied()
            .filter(|c| !missing.contains(c))
            .collect()
    }

    /// The tags the remote has, as it lists them (`git ls-remote`); `None` when it cannot be
    /// reached.
    pub fn remote_tags(&self, remote: &str) -> Option<std::collections::BTreeSet<String>> {
        let listed = self
            .git
            .run(&["ls-remote", "--tags", "--refs", remote])
            .ok()?;
        Some(
            listed
                .lines()
                .filter_map(|line| line.split('\t').nth(1)?.strip_prefix("refs/tags/"))
                .map(str::to_string)
                .collect(),
        )
    }

    /// The remote releases are pushed to: the configured one, the branch's upstream remote,
    /// else `origin` when it exists.
    pub fn push_remote(&self, configured: Option<&str>) -> Option<String> {
        if let Some(remote) = configured {
            return Some(remote.to_string());
        }
        if let Some(upstream) = &self.upstream {
            return Some(upstream.remote.clone());
        }
        self.remotes.iter().find(|r| *r == "origin").cloned()
    }
}

fn read_upstream(git: &Git, branch: &str) -> Result<Option<Upstream>> {
    let remote = git
        .output(&["config", &format!("branch.{branch}.remote")])?
        .stdout;
    let remote = String::from_utf8_lossy(&remote).trim().to_string();
    let tracking = git.output(&[
        "rev-parse",
        "--abbrev-ref",
        "--symbolic-full-name",
        "@{upstream}",
    ])?;
    if remote.is_empty() || !tracking.status.success() {
        return Ok(None);
    }
    let tracking = String::from_utf8_lossy(&tracking.stdout).trim().to_string();
    let behind = git
        .run(&["rev-list", "--count", "HEAD..@{upstream}"])?
        .trim()
        .parse()
        .unwrap_or(0);
    let contains_head = git
        .output(&["merge-base", "--is-ancestor", "HEAD", "@{upstream}"])?
        .status
        .success();
    Ok(Some(Upstream {
        remote,
        tracking,
        behind,
        contains_head,
    }))
}

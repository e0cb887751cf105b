//! The commits since each package's last release, read once for the whole workspace.
//!
//! One `git log` per package is one process per member: 300 of them in a 300-crate workspace,
//! which made a dry run cost 35 `cargo metadata`s. Instead the range from HEAD down to the
//! common ancestor of every last release is read in one `git log --name-only` with parents,
//! and each package's own range (`base..HEAD`) is then found in memory by walking the parents;
//! its files are matched against the package's paths in memory too.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::rc::Rc;

use anyhow::Result;

use crate::changes::commits::{self, Commit};
use crate::git::Git;

/// The commits read so far, and the ranges already answered.
#[derive(Debug, Default)]
pub struct Log {
    git: Option<Git>,
    graph: RefCell<Option<Graph>>,
    ranges: RefCell<HashMap<Option<String>, Rc<[Commit]>>>,
}

/// Every commit from HEAD down to (not including) `bottom`, merges too, with their parents.
#[derive(Debug)]
struct Graph {
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
    /// Where the read stopped: the bases' common ancestor; `None` when all of history was read.
    bottom: Option<String>,
}

#[derive(Debug)]
struct Node {
    commit: Commit,
    parents: Vec<String>,
}

const FORMAT: &str = "--format=%x1e%H%x00%P%x00%B%x00";

impl Log {
    pub fn new(git: &Git) -> Self {
        Log {
            git: Some(git.clone()),
            ..Log::default()
        }
    }

    /// Reads, in one `git log`, every commit that any of `bases..HEAD` holds (`None`: all of
    /// history), so that [`Log::since`] answers each of them without another process.
    pub fn prefetch(&self, bases: &[Option<&str>]) -> Result<()> {
        let Some(git) = &self.git else {
            return Ok(());
        };
        let mut distinct: Vec<Option<&str>> = Vec::new();
        for base in bases {
            if !distinct.contains(base) {
                distinct.push(*base);
            }
        }
        let missing: Vec<Option<&str>> = distinct
            .into_iter()
            .filter(|b| !self.ranges.borrow().contains_key(&b.map(str::to_string)))
            .collect();
        if missing.len() < 2 {
            // One range is read by `since` itself, with nothing to share.
            return Ok(());
        }
        let bottom = if missing.contains(&None) {
            None
        } else {
            let mut args = vec!["merge-base", "--octopus"];
            args.extend(missing.iter().flatten());
            let out = git.output(&args)?;
            // Unrelated histories have no common ancestor: read them all.
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
                .filter(|id| !id.is_empty())
        };
        let range = match &bottom {
            Some(bottom) => vec!["HEAD".to_string(), format!("^{bottom}")],
            None => vec!["HEAD".to_string()],
        };
        let nodes = read(git, &range)?;
        let index = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.commit.id.clone(), i))
            .collect();
        *self.graph.borrow_mut() = Some(Graph {
            nodes,
            index,
            bottom,
        });
        Ok(())
    }

    /// The commits in `base..HEAD` (all of HEAD's history without a base), newest first, each
    /// with every file it changed; merges with the files they changed against their first
    /// parent (callers choose which to keep: [`commits::evidence`]).
    pub fn since(&self, base: Option<&str>) -> Result<Rc<[Commit]>> {
        let key = base.map(str::to_string);
        if let Some(known) = self.ranges.borrow().get(&key) {
            return Ok(Rc::clone(known));
        }
        let Some(git) = &self.git else {
            return Ok(Rc::from(Vec::new()));
        };
        let base_id = match base {
            Some(rev) if !is_commit_id(rev) => Some(resolve(git, rev)?),
            other => other.map(str::to_string),
        };
        let found = match self
            .graph
            .borrow()
            .as_ref()
            .and_then(|g| g.range(base_id.as_deref()))
        {
            Some(found) => found,
            None => {
                let range = match &base_id {
                    Some(base) => vec![format!("{base}..HEAD")],
                    None => vec!["HEAD".to_string()],
                };
                read(git, &range)?.into_iter().map(|n| n.commit).collect()
            }
        };
        let found: Rc<[Commit]> = Rc::from(found);
        self.ranges.borrow_mut().insert(key, Rc::clone(&found));
        Ok(found)
    }

    /// The commits in `base..HEAD` that touch `paths`, each listing only its files there
    /// (git names them relative to the work tree's `top`).
    pub fn touching(
        &self,
        base: Option<&str>,
        paths: &commits::Paths,
        top: &Path,
    ) -> Result<Vec<Commit>> {
        Ok(self
            .since(base)?
            .iter()
            .filter_map(|commit| {
                let files: Vec<String> = commit
                    .files
                    .iter()
                    .filter(|f| paths.holds(&top.join(f)))
                    .cloned()
                    .collect();
                (!files.is_empty() || paths.is_everything()).then(|| Commit {
                    files,
                    ..commit.clone()
                })
            })
            .collect())
    }
}

impl Graph {
    /// `base..HEAD` from the commits read, when they hold all of it: the base is one of them
    /// or the place the read stopped.
    fn range(&self, base: Option<&str>) -> Option<Vec<Commit>> {
        let reachable = match base {
            None if self.bottom.is_none() => HashSet::new(),
            None => return None,
            Some(base) if self.bottom.as_deref() == Some(base) => HashSet::new(),
            Some(base) if self.index.contains_key(base) => self.ancestors(base),
            Some(_) => return None,
        };
        Some(
            self.nodes
                .iter()
                .enumerate()
                .filter(|(i, _)| !reachable.contains(i))
                .map(|(_, n)| n.commit.clone())
                .collect(),
        )
    }

    /// `base` and its ancestors among the commits read.
    fn ancestors(&self, base: &str) -> HashSet<usize> {
        let mut seen = HashSet::new();
        let mut stack: Vec<usize> = self.index.get(base).copied().into_iter().collect();
        while let Some(i) = stack.pop() {
            if !seen.insert(i) {
                continue;
            }
            stack.extend(
                self.nodes[i]
                    .parents
                    .iter()
                    .filter_map(|p| self.index.get(p).copied()),
            );
        }
        seen
    }
}

fn is_commit_id(rev: &str) -> bool {
    rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit())
}

fn resolve(git: &Git, rev: &str) -> Result<String> {
    Ok(git
        .run(&["rev-parse", "--verify", &format!("{rev}^{{commit}}")])?
        .trim()
        .to_string())
}

/// `git log --name-only` over `range`, merges included: their parents link the graph, and
/// they list the files they changed against their first parent (a combined diff, the files
/// that differ from every parent, would say exactly what the merge itself changed, but it cost
/// toml's history 0.39 s instead of 0.15 s).
fn read(git: &Git, range: &[String]) -> Result<Vec<Node>> {
    let mut args = vec!["log", "--diff-merges=first-parent", "--name-only", FORMAT];
    args.extend(range.iter().map(String::as_str));
    args.push("--");
    let out = git.run(&args)?;
    Ok(out
        .split('\x1e')
        .filter_map(|record| {
            let mut fields = record.splitn(4, '\0');
            let id = fields.next()?.trim();
            let parents = fields.next()?;
            let message = fields.next()?;
            let files = fields.next()?;
            let parents: Vec<String> = parents.split_whitespace().map(str::to_string).collect();
            let mut commit = commits::parse(id, message);
            commit.merge = parents.len() > 1;
            commit.files = files
                .lines()
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect();
            Some(Node { commit, parents })
        })
        .collect())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::process::Command;

    /// Runs git in `dir` with a fixed identity; its trimmed output.
    pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    fn commit(dir: &Path, file: &str, message: &str) -> String {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, message).unwrap();
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "-m", message]);
        git(dir, &["rev-parse", "HEAD"])
    }

    fn subjects(commits: &[Commit]) -> Vec<&str> {
        commits.iter().map(|c| c.subject.as_str()).collect()
    }

    /// Three bases on a history with a merge: one read answers each range exactly as
    /// `git log base..HEAD` does, and the path filter keeps each package's files.
    #[test]
    fn one_read_answers_every_range_as_git_log_does() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        git(dir, &["init", "-q", "-b", "main"]);
        let first = commit(dir, "a/src/lib.rs", "feat: a");
        let second = commit(dir, "b/src/lib.rs", "fix: b");
        git(dir, &["checkout", "-q", "-b", "side"]);
        commit(dir, "a/src/side.rs", "fix: a on a branch");
        git(dir, &["checkout", "-q", "main"]);
        let third = commit(dir, "b/src/more.rs", "feat: more b");
        git(dir, &["merge", "-q", "--no-edit", "side"]);
        commit(dir, "README.md", "docs: readme");

        let git_ = Git::new(dir);
        let log = Log::new(&git_);
        let bases = [
            Some(first.as_str()),
            Some(second.as_str()),
            Some(third.as_str()),
            None,
        ];
        log.prefetch(&bases).unwrap();
        assert!(log.graph.borrow().as_ref().unwrap().bottom.is_none());
        for base in bases {
            let range = base.map_or("HEAD".to_string(), |b| format!("{b}..HEAD"));
            let expected = git(dir, &["log", "--format=%s", &range]);
            let expected: Vec<&str> = expected.lines().collect();
            let since = log.since(base).unwrap();
            let mut found = subjects(&since);
            let mut wanted = expected.clone();
            found.sort_unstable();
            wanted.sort_unstable();
            assert_eq!(found, wanted, "since {base:?}");
        }

        let top = std::fs::canonicalize(dir).unwrap();
        let paths = commits::Paths {
            include: vec![top.join("a")],
            exclude: Vec::new(),
        };
        let touching = commits::evidence(log.touching(Some(&second), &paths, &top).unwrap());
        assert_eq!(subjects(&touching), ["fix: a on a branch"]);
        assert_eq!(touching[0].files, ["a/src/side.rs"]);
    }

    /// anstyle merges its project template from an unrelated history and adapts every crate in
    /// the merge commit itself: for a crate only that merge changed, the merge is the evidence;
    /// where the merged branch's own commits changed the crate, they are, and the merge that
    /// brought them adds nothing.
    #[test]
    fn a_merge_counts_where_no_other_commit_changed_the_files() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        git(dir, &["init", "-q", "-b", "main"]);
        commit(dir, "crates/a/src/lib.rs", "feat: a");
        let release = commit(dir, "crates/b/src/lib.rs", "feat: b");
        git(dir, &["checkout", "-q", "--orphan", "template"]);
        git(dir, &["rm", "-q", "-r", "-f", "."]);
        commit(dir, "src/lib.rs", "chore: template lint");
        git(dir, &["checkout", "-q", "main"]);
        git(
            dir,
            &[
                "merge",
                "-q",
                "--no-commit",
                "--allow-unrelated-histories",
                "-s",
                "ours",
                "template",
            ],
        );
        std::fs::write(dir.join("crates/a/src/lib.rs"), "#![warn(lint)]").unwrap();
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "-m", "chore: Update from template"]);
        git(dir, &["checkout", "-q", "-b", "side", "HEAD~1"]);
        commit(dir, "crates/b/README.md", "docs: b readme");
        git(dir, &["checkout", "-q", "main"]);
        git(dir, &["merge", "-q", "--no-edit", "side"]);

        let log = Log::new(&Git::new(dir));
        let top = std::fs::canonicalize(dir).unwrap();
        let of = |member: &str| {
            let paths = commits::Paths {
                include: vec![top.join("crates").join(member)],
                exclude: Vec::new(),
            };
            commits::evidence(log.touching(Some(&release), &paths, &top).unwrap())
        };
        let a = of("a");
        assert_eq!(subjects(&a), ["chore: Update from template"]);
        assert_eq!(a[0].files, ["crates/a/src/lib.rs"]);
        assert_eq!(subjects(&of("b")), ["docs: b readme"]);
    }

    /// Bases that share history below them: the read stops at their common ancestor.
    #[test]
    fn the_read_stops_at_the_bases_common_ancestor() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        git(dir, &["init", "-q", "-b", "main"]);
        commit(dir, "old.rs", "chore: old history");
        let first = commit(dir, "a.rs", "feat: a");
        let second = commit(dir, "b.rs", "fix: b");
        commit(dir, "c.rs", "fix: c");
        let log = Log::new(&Git::new(dir));
        log.prefetch(&[Some(&first), Some(&second)]).unwrap();
        assert_eq!(
            log.graph.borrow().as_ref().unwrap().bottom.as_deref(),
            Some(first.as_str())
        );
        assert_eq!(
            subjects(&log.since(Some(&first)).unwrap()),
            ["fix: c", "fix: b"]
        );
        assert_eq!(subjects(&log.since(Some(&second)).unwrap()), ["fix: c"]);
    }
}

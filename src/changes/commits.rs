//! Conventional commits since the last release, for one package: one `git log` with a path
//! filter, each message parsed with `git-conventional`.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::git::Git;
use crate::version::Change;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub subject: String,
    /// `None` for a message that is not a conventional commit.
    pub conventional: Option<Conventional>,
    /// The files it changed (relative to the repository's top), within the paths asked for.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conventional {
    /// `feat`, `fix`, … (lower-cased).
    pub kind: String,
    pub scope: Option<String>,
    pub description: String,
    pub breaking: bool,
}

impl Commit {
    pub fn short_id(&self) -> &str {
        crate::git::short(&self.id)
    }

    /// What the commit means for the version: `feat` → feature, `fix`/`perf` → fix, `!` or a
    /// `BREAKING CHANGE:` footer → breaking, anything else none.
    pub fn change(&self) -> Change {
        match &self.conventional {
            None => Change::None,
            Some(c) if c.breaking => Change::Breaking,
            Some(c) if c.kind == "feat" => Change::Feature,
            Some(c) if c.kind == "fix" || c.kind == "perf" => Change::Fix,
            Some(_) => Change::None,
        }
    }
}

pub fn parse(id: &str, message: &str) -> Commit {
    let message = message.trim();
    let subject = message.lines().next().unwrap_or_default().to_string();
    let conventional = git_conventional::Commit::parse(message)
        .ok()
        .map(|commit| Conventional {
            kind: commit.type_().as_str().to_ascii_lowercase(),
            scope: commit.scope().map(|s| s.as_str().to_string()),
            description: commit.description().to_string(),
            breaking: commit.breaking(),
        });
    Commit {
        id: id.to_string(),
        subject,
        conventional,
        files: Vec::new(),
    }
}

/// Where a package's changes are: its directory, minus the directories of other members
/// nested inside it (a root package's directory holds the whole workspace). An empty list
/// means the whole repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    pub include: Vec<PathBuf>,
    pub exclude: Vec<PathBuf>,
}

/// Non-merge commits in `base..HEAD` (all of HEAD's history without a base) touching `paths`,
/// newest first.
pub fn since(git: &Git, base: Option<&str>, paths: &Paths) -> Result<Vec<Commit>> {
    let range = match base {
        Some(base) => format!("{base}..HEAD"),
        None => "HEAD".to_string(),
    };
    let mut args: Vec<String> = vec![
        "log".into(),
        "--no-merges".into(),
        "--name-only".into(),
        "--format=%x1e%H%x00%B%x00".into(),
        range,
        "--".into(),
    ];
    args.extend(pathspecs(git.dir(), paths));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = git.run(&args)?;
    Ok(out
        .split('\x1e')
        .filter_map(|record| {
            let (id, rest) = record.split_once('\0')?;
            let (message, files) = rest.split_once('\0')?;
            let mut commit = parse(id.trim(), message);
            commit.files = files
                .lines()
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect();
            Some(commit)
        })
        .collect())
}

fn pathspecs(cwd: &Path, paths: &Paths) -> Vec<String> {
    let relative = |path: &Path| {
        let rel = pathdiff(path, cwd);
        if rel.as_os_str().is_empty() {
            ".".to_string()
        } else {
            rel.display().to_string()
        }
    };
    let mut specs: Vec<String> = paths.include.iter().map(|p| relative(p)).collect();
    if specs.is_empty() && !paths.exclude.is_empty() {
        specs.push(".".into());
    }
    specs.extend(
        paths
            .exclude
            .iter()
            .map(|p| format!(":(exclude){}", relative(p))),
    );
    specs
}

/// `path` relative to `base` when below it (git takes pathspecs relative to its cwd).
fn pathdiff(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_map_to_changes() {
        let cases = [
            ("feat: add a flag", Change::Feature),
            ("feat(cli)!: drop a flag", Change::Breaking),
            ("fix: off by one", Change::Fix),
            ("perf: faster", Change::Fix),
            ("docs: typo", Change::None),
            (
                "refactor: x\n\nBREAKING CHANGE: the API moved",
                Change::Breaking,
            ),
            ("chore: y\n\nBREAKING-CHANGE: gone", Change::Breaking),
            ("Update README", Change::None),
            ("Merge pull request #3 from a/b", Change::None),
        ];
        for (message, change) in cases {
            assert_eq!(parse("abcdef0123", message).change(), change, "{message}");
        }
        assert!(parse("1", "Update README").conventional.is_none());
    }
}

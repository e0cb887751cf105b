//! Commit messages as conventional commits (parsed with `git-conventional`), and the paths
//! whose commits count as a package's changes.

use std::path::{Path, PathBuf};

use crate::version::Change;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    pub subject: String,
    /// `None` for a message that is not a conventional commit.
    pub conventional: Option<Conventional>,
    /// The files it changed (relative to the repository's top), within the paths asked for;
    /// for a merge, against its first parent.
    pub files: Vec<String>,
    /// A merge commit: see [`evidence`] for when it counts.
    pub merge: bool,
    /// The commit it reverts, as `git revert` writes it in the message ("This reverts commit
    /// <id>.").
    pub reverts: Option<String>,
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
        self.conventional
            .as_ref()
            .map_or(Change::None, Conventional::change)
    }
}

impl Conventional {
    fn change(&self) -> Change {
        if self.breaking {
            Change::Breaking
        } else if self.kind == "feat" {
            Change::Feature
        } else if self.kind == "fix" || self.kind == "perf" {
            Change::Fix
        } else {
            Change::None
        }
    }
}

/// The workspace member a conventional commit's scope names, among `members`, when it names
/// none of `ours`: `fix(wincon)!:` speaks for `anstyle-wincon` (a scope is a member's name or
/// its last part after `-`/`_`). Such a commit that also touched one of ours changed our files
/// to follow that member — a fix here, not its `feat` or `!` (toml's `fix(edit)!: Allow
/// disabling parser or display` was a patch of `toml`). When our public API names that member,
/// its break may reach our users: the dependency note says so, and decides nothing, as for
/// any dependency.
pub fn scope_of_another<'m>(
    commit: &Commit,
    ours: &[&str],
    members: &[&'m str],
) -> Option<&'m str> {
    let scope = scope(commit)?;
    if ours.iter().any(|m| scope_names(&scope, m)) {
        return None;
    }
    members.iter().copied().find(|m| scope_names(&scope, m))
}

/// Whether a (lower-cased) scope is `member`'s name or its last part after `-`/`_`.
pub fn scope_names(scope: &str, member: &str) -> bool {
    let member = member.to_ascii_lowercase();
    member == scope
        || member.ends_with(&format!("-{scope}"))
        || member.ends_with(&format!("_{scope}"))
}

/// A commit's scope, lower-cased.
pub fn scope(commit: &Commit) -> Option<String> {
    Some(
        commit
            .conventional
            .as_ref()?
            .scope
            .as_deref()?
            .to_ascii_lowercase(),
    )
}

/// The commit types of the Conventional Commits and Angular conventions (commitlint's
/// `config-conventional`), and the ones release tools commonly add.
const TYPES: &[&str] = &[
    "feat", "fix", "perf", "docs", "style", "refactor", "test", "tests", "build", "ci", "chore",
    "revert", "deps", "security", "release", "feature", "bugfix", "hotfix",
];

/// A commit type in the spelling the rest of the tool knows: `feature` is `feat` (git-cliff's
/// and release-plz's default parsers match `^feat`), `bugfix` and `hotfix` are `fix`.
fn canonical_type(kind: &str) -> String {
    match kind.to_ascii_lowercase().as_str() {
        "feature" => "feat".to_string(),
        "bugfix" | "hotfix" => "fix".to_string(),
        other => other.to_string(),
    }
}

pub fn parse(id: &str, message: &str) -> Commit {
    let message = pull_request(message.trim());
    let mut subject = message.lines().next().unwrap_or_default().to_string();
    let mut conventional = conventional(message);
    if conventional.is_none()
        && let Some((item, said)) = squashed(message)
    {
        subject = item.to_string();
        conventional = Some(said);
    }
    let reverts = message.lines().find_map(|line| {
        let id: String = line
            .trim()
            .strip_prefix("This reverts commit ")?
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        (id.len() >= 7).then_some(id)
    });
    Commit {
        id: id.to_string(),
        subject,
        conventional,
        files: Vec::new(),
        merge: false,
        reverts,
    }
}

/// A message as a conventional commit, `None` when it is none.
fn conventional(message: &str) -> Option<Conventional> {
    let subject = message.lines().next().unwrap_or_default();
    git_conventional::Commit::parse(message)
        .ok()
        // `glob!: Add a three-argument form` (insta) names a Rust macro: a `!` after a word
        // that is no commit type is not a breaking-change marker.
        .filter(|commit| {
            let kind = commit.type_().as_str().to_ascii_lowercase();
            TYPES.contains(&kind.as_str()) || !subject.contains(&format!("{}!:", commit.type_()))
        })
        .map(|commit| Conventional {
            kind: canonical_type(commit.type_().as_str()),
            scope: commit.scope().map(|s| s.as_str().to_string()),
            description: commit.description().to_string(),
            breaking: commit.breaking(),
        })
}

/// GitHub's squash merge of several commits keeps the pull request's title as the subject and
/// lists each squashed commit's message below it as a `* ` item. When the title is no
/// conventional commit, the items that say something say what changed, and the strongest
/// speaks for the commit (toml_edit's "Apply feedback from porting cargo (#240)" squashed a
/// `fix!:`).
fn squashed(message: &str) -> Option<(&str, Conventional)> {
    let (_, body) = message.split_once('\n')?;
    body.lines()
        .filter_map(|line| line.strip_prefix("* "))
        .filter_map(|item| Some((item.trim(), conventional(item.trim())?)))
        .filter(|(_, said)| said.change() > Change::None)
        .max_by_key(|(_, said)| said.change())
}

/// The message a merge of a pull request speaks with: GitHub writes `Merge pull request #N
/// from owner/branch` as the subject and the pull request's title below it, GitLab `Merge
/// branch 'x' into 'main'`, the title, and `See merge request group/project!N`. The title is
/// where projects that merge this way state the change (`feat(progress): Add Debug impls`), as
/// a squash merge would in its subject. Any other message is itself.
fn pull_request(message: &str) -> &str {
    let Some((subject, body)) = message.split_once('\n') else {
        return message;
    };
    let body = body.trim();
    let github = subject.starts_with("Merge pull request #");
    let gitlab = subject.starts_with("Merge branch '")
        && body
            .lines()
            .any(|line| line.starts_with("See merge request "));
    if (github || gitlab) && !body.is_empty() {
        body
    } else {
        message
    }
}

/// `commits` (newest first) without those a later commit among them reverts: a `feat` taken
/// back before the release says nothing about it. The revert itself stays, a change to the
/// files like any other; a revert that is itself reverted ("Reapply …") takes nothing back.
fn without_reverted(commits: Vec<Commit>) -> Vec<Commit> {
    let mut reverted: Vec<String> = Vec::new();
    let mut kept = Vec::with_capacity(commits.len());
    for commit in commits {
        if reverted.iter().any(|id| commit.id.starts_with(id.as_str())) {
            continue;
        }
        if let Some(id) = &commit.reverts {
            reverted.push(id.clone());
        }
        kept.push(commit);
    }
    kept
}

/// The commits that are evidence of a change, from `commits` (newest first): those a later
/// one reverts left out, and the merges left out too, except
/// - the merges whose message is a conventional commit that says something: projects that
///   merge with the pull request's title (`fix(toml): preserve datetimes (#1194)`) state the
///   change there, whatever the branch's own commits say ("wip", "address review");
/// - all of them when only merges are left. A merge's files (against its first parent) are
///   mostly its branch's commits' files, counted with those commits; a merge is the evidence
///   when no other commit changed the files asked about, which is when the merge changed them
///   itself — anstyle and toml merge their project template from an unrelated history and
///   adapt every crate in the merge commit.
pub fn evidence(commits: Vec<Commit>) -> Vec<Commit> {
    let commits = without_reverted(commits);
    if commits.iter().all(|c| c.merge) {
        return commits;
    }
    commits
        .into_iter()
        .filter(|c| !c.merge || c.change() > Change::None)
        .collect()
}

/// Where a package's changes are: its directory, minus the directories of other members
/// nested inside it (a root package's directory holds the whole workspace). An empty list
/// means the whole repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    pub include: Vec<PathBuf>,
    pub exclude: Vec<PathBuf>,
}

impl Paths {
    /// Whether `file` (absolute) is one of these paths: below an included path (anywhere
    /// without any) and below no excluded one.
    pub fn holds(&self, file: &Path) -> bool {
        (self.include.is_empty() || self.include.iter().any(|p| file.starts_with(p)))
            && !self.exclude.iter().any(|p| file.starts_with(p))
    }

    /// The whole repository: a commit that changes no file still counts.
    pub fn is_everything(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }
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
            ("revert!: undo the API change", Change::Breaking),
            ("Feature: a flag", Change::Feature),
            ("bugfix(parser): a crash", Change::Fix),
            ("hotfix!: revert the format", Change::Breaking),
            // insta's commit about its `glob!` macro: no commit type, no breaking change.
            ("glob!: Add three-arg version (#347)", Change::None),
        ];
        for (message, change) in cases {
            assert_eq!(parse("abcdef0123", message).change(), change, "{message}");
        }
        assert!(parse("1", "Update README").conventional.is_none());
        assert!(parse("1", "glob!: Add it").conventional.is_none());
        // A type of the project's own, without `!`, is still a conventional commit.
        assert!(parse("1", "glob: Add it").conventional.is_some());
    }

    #[test]
    fn a_squash_merge_speaks_with_its_strongest_squashed_commit() {
        // GitHub's squash of toml_edit's #240: the title says nothing, the items do.
        let squash = parse(
            "1",
            "Apply feedback from porting cargo (#240)\n\n* fix!: Make `Document::root` private\n\n* feat: Make it easier to work with root table\n\nSo callers need not match.\n\n* docs: typo",
        );
        assert_eq!(squash.change(), Change::Breaking);
        assert_eq!(squash.subject, "fix!: Make `Document::root` private");
        // A conventional title speaks for itself, whatever the items say.
        let titled = parse("1", "fix: a crash (#12)\n\n* feat: wip\n* more");
        assert_eq!(titled.change(), Change::Fix);
        assert_eq!(titled.subject, "fix: a crash (#12)");
        // Prose in a list is no item of a squash.
        let prose = parse("1", "Rework the parser\n\n* faster\n* Note: smaller");
        assert_eq!(prose.change(), Change::None);
        assert_eq!(prose.subject, "Rework the parser");
    }

    #[test]
    fn a_scope_names_a_member_by_its_name_or_its_last_part() {
        let members = ["anstyle", "anstyle-wincon", "toml_edit", "toml"];
        let scoped = |message: &str, ours: &[&str]| {
            scope_of_another(&parse("1", message), ours, &members).map(str::to_string)
        };
        assert_eq!(
            scoped("fix(wincon)!: Clarify", &["anstyle"]).as_deref(),
            Some("anstyle-wincon")
        );
        assert_eq!(
            scoped("fix(edit)!: Allow disabling", &["toml"]).as_deref(),
            Some("toml_edit")
        );
        assert_eq!(
            scoped("feat(Anstyle): x", &["anstyle-wincon"]).as_deref(),
            Some("anstyle")
        );
        // Our own scope, a module's scope, no scope, not conventional: nothing to say.
        assert_eq!(scoped("fix(wincon)!: Clarify", &["anstyle-wincon"]), None);
        assert_eq!(scoped("feat(serde): x", &["toml"]), None);
        assert_eq!(scoped("feat!: x", &["toml"]), None);
        assert_eq!(scoped("Rework wincon", &["toml"]), None);
    }

    #[test]
    fn a_commit_reverted_before_the_release_says_nothing() {
        let feat = parse("1111111aaaa", "feat: a flag");
        let revert = parse(
            "2222222bbbb",
            "Revert \"feat: a flag\"\n\nThis reverts commit 1111111aaaa.\n",
        );
        assert_eq!(revert.reverts.as_deref(), Some("1111111aaaa"));
        let fix = parse("3333333cccc", "fix: a crash");
        let subjects = |commits: Vec<Commit>| -> Vec<String> {
            commits.into_iter().map(|c| c.subject).collect()
        };
        assert_eq!(
            subjects(evidence(vec![revert.clone(), fix.clone(), feat.clone()])),
            ["Revert \"feat: a flag\"", "fix: a crash"]
        );
        // Reapplied: the revert is taken back, the feature stands.
        let reapply = parse(
            "4444444dddd",
            "Reapply \"feat: a flag\"\n\nThis reverts commit 2222222bbbb.",
        );
        assert_eq!(
            subjects(evidence(vec![reapply, revert.clone(), feat.clone()])),
            ["Reapply \"feat: a flag\"", "feat: a flag"]
        );
        // A revert of something released before: nothing here to take back.
        assert_eq!(subjects(evidence(vec![revert])).len(), 1);
    }

    #[test]
    fn a_merge_is_evidence_alone_or_when_its_message_says_something() {
        let commit = |message: &str, merge: bool| Commit {
            merge,
            ..parse(message, message)
        };
        let subjects = |commits: Vec<Commit>| -> Vec<String> {
            commits.into_iter().map(|c| c.subject).collect()
        };
        let clean = commit("Merge pull request #3 from a/b", true);
        let titled = commit("fix(toml): preserve datetimes (#1194)", true);
        let wip = commit("wip", false);
        assert_eq!(
            subjects(evidence(vec![clean.clone(), titled.clone(), wip.clone()])),
            ["fix(toml): preserve datetimes (#1194)", "wip"]
        );
        assert_eq!(
            subjects(evidence(vec![clean])),
            ["Merge pull request #3 from a/b"]
        );
        // GitHub's merge of a pull request says it in the title under its subject.
        let github = commit(
            "Merge pull request #343 from epage/debug\n\nfeat(progress)!: Add Debug impls\n\nBREAKING CHANGE: more",
            true,
        );
        assert_eq!(github.subject, "feat(progress)!: Add Debug impls");
        assert_eq!(github.change(), Change::Breaking);
        assert_eq!(subjects(evidence(vec![github, wip])).len(), 2);
        let gitlab = commit(
            "Merge branch 'topic' into 'main'\n\nfix: a crash\n\nSee merge request a/b!12",
            true,
        );
        assert_eq!(gitlab.subject, "fix: a crash");
        assert_eq!(gitlab.change(), Change::Fix);
        // A merge of a branch, or one GitHub wrote no title for, is what it says.
        let branch = commit("Merge branch 'main' into topic\n\nfeat: conflicts", true);
        assert_eq!(branch.change(), Change::None);
        assert_eq!(
            commit("Merge pull request #3 from a/b\n\n", true).subject,
            "Merge pull request #3 from a/b"
        );
    }
}

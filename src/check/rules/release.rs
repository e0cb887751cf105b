//! Rules about a release rather than a commit: the release preflight reports them, plain
//! `check` and the pre-commit hook never do.

use super::{Enforcer, Rule};

pub const DIRTY_WORKTREE: Rule = Rule {
    id: "dirty-worktree",
    enforcer: Enforcer::Release,
    summary: "uncommitted changes that would be packaged",
};

pub const CHANGELOG_MISSING_ENTRY: Rule = Rule {
    id: "changelog-missing-entry",
    enforcer: Enforcer::Release,
    summary: "the changelog exists but its Unreleased section is empty while commits since the \
              last release exist",
};

//! Reruns never release twice: the shapes in which real repositories showed a second release
//! (a rerun after `git pull --rebase` or a merge, a different command after a failure, a rerun
//! after success), each on a real git repository with a bare remote.

mod common;

use std::path::{Path, PathBuf};

use common::{commit_file, fixture, git, run, ship};
use tempfile::TempDir;

/// `valid-crate` (tidy 0.3.1) released as `v0.3.1`, pushed to a bare `remote.git`, and a
/// `feat:` commit since.
fn repo_with_a_feature() -> (TempDir, PathBuf, PathBuf) {
    let (temp, dir) = fixture("valid-crate");
    let remote = temp.path().join("remote.git");
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "v0.3.1", "-m", "v0.3.1"]);
    common::add_remote(&dir, &remote);
    commit_file(&dir, "src/lib.rs", "feat: something new");
    (temp, dir, remote)
}

/// A teammate pushes a commit to `remote` first.
fn teammate_pushes(temp: &Path, remote: &Path) {
    let other = temp.join("teammate");
    git(
        temp,
        &[
            "clone",
            "-q",
            remote.to_str().expect("utf-8"),
            other.to_str().expect("utf-8"),
        ],
    );
    commit_file(&other, "NOTES.md", "docs: a teammate's note");
    git(&other, &["push", "-q", "origin", "main"]);
}

fn remote_tags(remote: &Path) -> Vec<String> {
    git(remote, &["tag", "--list"])
        .lines()
        .map(str::to_string)
        .collect()
}

fn manifest_version(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .expect("read")
        .lines()
        .find_map(|l| {
            l.strip_prefix("version = \"")
                .map(|v| v.trim_end_matches('"').to_string())
        })
        .expect("a version")
}

/// The release whose push was rejected, then `git pull` with `how`: the rerun finishes that
/// release (one version on the remote, its tag on the release commit the branch contains).
fn rejected_push_then_pull(how: &str) -> (TempDir, PathBuf, PathBuf, common::Output) {
    let (temp, dir, remote) = repo_with_a_feature();
    teammate_pushes(temp.path(), &remote);
    let out = run(ship(&dir, temp.path()).args(["minor", "--yes", "--no-publish"]));
    assert_eq!(out.code, 3, "{}", out.all());
    common::assert_contains(&out.stderr, "the release stopped at the push");
    // Git's own lines stay, and the way out is said.
    common::assert_contains(&out.stderr, "rejected");
    common::assert_contains(&out.stderr, "pull first");
    git(&dir, &["pull", "-q", how, "origin", "main"]);
    let rerun = run(ship(&dir, temp.path()).args(["minor", "--yes", "--no-publish"]));
    assert_eq!(rerun.code, 0, "{}", rerun.all());
    (temp, dir, remote, rerun)
}

#[test]
fn a_rerun_after_pull_rebase_finishes_the_release_and_starts_no_other() {
    let (_temp, dir, remote, rerun) = rejected_push_then_pull("--rebase");
    common::assert_contains(&rerun.stderr, "release of tidy v0.4.0 is unfinished");
    common::assert_contains(&rerun.stderr, "Move tag");
    assert_eq!(manifest_version(&dir), "0.4.0");
    assert_eq!(remote_tags(&remote), ["v0.3.1", "v0.4.0"]);
    // The tag moved onto the rebased release commit, which is HEAD, and the remote has it.
    assert_eq!(
        git(&dir, &["rev-parse", "v0.4.0^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    assert_eq!(
        git(&remote, &["rev-parse", "v0.4.0^{commit}"]),
        git(&remote, &["rev-parse", "main"])
    );
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s", "v0.4.0"]).trim(),
        "chore: release tidy v0.4.0"
    );
}

#[test]
fn a_rerun_after_pull_with_a_merge_pushes_the_release_as_it_is() {
    let (_temp, dir, remote, rerun) = rejected_push_then_pull("--no-rebase");
    common::assert_contains(&rerun.stderr, "finishing what is left: push");
    assert!(!rerun.stderr.contains("Move tag"), "{}", rerun.stderr);
    assert_eq!(remote_tags(&remote), ["v0.3.1", "v0.4.0"]);
    assert_eq!(
        git(&remote, &["rev-parse", "main"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    // The tag stays on the release commit, which the merged branch contains.
    assert_eq!(
        git(&remote, &["log", "-1", "--format=%s", "v0.4.0"]).trim(),
        "chore: release tidy v0.4.0"
    );
}

#[test]
fn a_tag_left_behind_moves_to_the_commit_that_sets_its_version() {
    let (temp, dir, remote) = repo_with_a_feature();
    teammate_pushes(temp.path(), &remote);
    let out = run(ship(&dir, temp.path()).args(["minor", "--yes", "--no-publish"]));
    assert_eq!(out.code, 3, "{}", out.all());
    // The release commit is dropped, but the manifest is set to the version by hand.
    git(&dir, &["fetch", "-q"]);
    git(&dir, &["reset", "-q", "--hard", "origin/main"]);
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replace("0.3.1", "0.4.0")).expect("write");
    git(&dir, &["commit", "-q", "-am", "chore: 0.4.0 by hand"]);
    let before = git(&dir, &["rev-parse", "--all"]);
    let out = run(ship(&dir, temp.path()).args(["minor", "--yes", "--no-publish"]));
    // The hand-made commit sets 0.4.0: the tag moves there, and nothing else is released.
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "Move tag v0.4.0");
    assert_eq!(remote_tags(&remote), ["v0.3.1", "v0.4.0"]);
    assert_ne!(git(&dir, &["rev-parse", "--all"]), before);
}

#[test]
fn a_different_command_is_refused_while_a_release_is_unfinished() {
    let (temp, dir, remote) = repo_with_a_feature();
    let moved = temp.path().join("remote.moved");
    std::fs::rename(&remote, &moved).expect("take the remote away");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--force"]));
    assert_eq!(out.code, 3, "{}", out.all());
    std::fs::rename(&moved, &remote).expect("bring the remote back");
    let before = git(&dir, &["rev-parse", "--all"]);
    let out = run(ship(&dir, temp.path()).args(["minor", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "release of tidy 0.3.2 is unfinished");
    common::assert_contains(&out.stderr, "asks for 0.4.0 instead");
    common::assert_contains(&out.stderr, "`cargo ship patch --yes --no-publish`");
    assert_eq!(git(&dir, &["rev-parse", "--all"]), before);
    assert_eq!(remote_tags(&remote), ["v0.3.1"]);
    // The command it names finishes the release, and nothing more.
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(remote_tags(&remote), ["v0.3.1", "v0.3.2"]);
    assert_eq!(manifest_version(&dir), "0.3.2");
}

#[test]
fn a_rerun_after_success_releases_nothing() {
    let (temp, dir, remote) = repo_with_a_feature();
    let out = run(ship(&dir, temp.path()).args(["minor", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let before = (git(&dir, &["rev-parse", "--all"]), remote_tags(&remote));
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "nothing changed in `tidy` since tag v0.4.0");
    assert_eq!(
        (git(&dir, &["rev-parse", "--all"]), remote_tags(&remote)),
        before
    );
    // --force releases anyway.
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--force"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(manifest_version(&dir), "0.4.1");
}

#[test]
fn a_workspace_rerun_skips_the_members_that_did_not_change() {
    let (temp, dir) = fixture("workspace-independent");
    let remote = temp.path().join("remote.git");
    common::git_init(&dir);
    for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    common::add_remote(&dir, &remote);
    commit_file(&dir, "crates/gamma/src/lib.rs", "fix: gamma only");
    let out = run(ship(&dir, temp.path()).args(["patch", "--workspace", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "Release gamma 1.0.0 → 1.0.1");
    common::assert_contains(
        &out.stdout,
        "`alpha` is left out: nothing changed in it since tag alpha-v0.1.0",
    );
    assert!(!out.stdout.contains("Release alpha"), "{}", out.stdout);
    // A change in alpha releases beta too, which depends on it.
    commit_file(&dir, "crates/alpha/src/lib.rs", "fix: alpha");
    let out = run(ship(&dir, temp.path()).args(["patch", "--workspace", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    for expected in [
        "Release alpha 0.1.0 → 0.1.1",
        "Release beta 0.2.0 → 0.2.1",
        "Release gamma 1.0.0 → 1.0.1",
    ] {
        common::assert_contains(&out.stdout, expected);
    }
    let out = run(ship(&dir, temp.path()).args(["patch", "--workspace", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    // Nothing changed since: the whole workspace has nothing to release (exit 0).
    let out = run(ship(&dir, temp.path()).args(["patch", "--workspace", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "Nothing to release");
}

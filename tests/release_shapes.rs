//! Release decisions on synthetic repositories shaped like the real ones where they went wrong:
//! `publish = false` members (toml), a release tagged on a release branch (typst), two crates
//! under one name-less tag (insta), build metadata (toml), git dependencies without a version
//! (typst), and repositories git cannot show the history of.

mod common;

use std::path::{Path, PathBuf};

use common::{commit_file, git, json, run, ship};
use tempfile::TempDir;

/// A repository made of `files`, committed on `main`, with `tags` on that commit and a bare
/// `remote.git` holding both.
fn repo(files: &[(&str, &str)], tags: &[&str]) -> (TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("repo");
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    common::git_init(&dir);
    for tag in tags {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    let remote = temp.path().join("remote.git");
    common::add_remote(&dir, &remote);
    (temp, dir, remote)
}

fn manifest(name: &str, version: &str, extra: &str) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n\
         description = \"The {name} crate\"\nlicense = \"MIT\"\n\
         repository = \"https://github.com/example/{name}\"\n{extra}"
    )
}

const LIB: &str = "//! A crate.\n";

/// The crate `name` at 0.3.1, released as `v0.3.1` and pushed, with its changelog `file`.
fn released_with_changelog(name: &str, file: &str, changelog: &str) -> (TempDir, PathBuf, PathBuf) {
    repo(
        &[
            ("Cargo.toml", &manifest(name, "0.3.1", "")),
            ("src/lib.rs", LIB),
            (file, changelog),
        ],
        &["v0.3.1"],
    )
}

#[test]
fn publish_false_members_are_left_out_of_a_workspace_release_but_follow_requirements() {
    let core = manifest("core-lib", "0.1.0", "");
    let bench = manifest(
        "bench",
        "0.0.0",
        "publish = false\n\n[dependencies]\ncore-lib = { path = \"../core\", version = \"0.1.0\" }\n",
    );
    let (temp, dir, _remote) = repo(
        &[
            (
                "Cargo.toml",
                "[workspace]\nresolver = \"2\"\nmembers = [\"crates/*\"]\n",
            ),
            ("crates/core/Cargo.toml", &core),
            ("crates/core/src/lib.rs", LIB),
            ("crates/bench/Cargo.toml", &bench),
            ("crates/bench/src/lib.rs", LIB),
        ],
        &["core-lib-v0.1.0"],
    );
    commit_file(&dir, "crates/core/src/lib.rs", "fix: core");
    commit_file(&dir, "crates/bench/src/lib.rs", "fix: bench");
    for selection in [&["--workspace"][..], &[][..]] {
        let mut args = vec!["patch", "--dry-run"];
        args.extend_from_slice(selection);
        let out = run(ship(&dir, temp.path()).args(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.all());
        common::assert_contains(&out.stdout, "Release core-lib 0.1.0 → 0.1.1");
        common::assert_contains(&out.stdout, "Commit chore: release core-lib v0.1.1\n");
        common::assert_contains(&out.stdout, "`bench` is not published");
        common::assert_contains(
            &out.stdout,
            "`bench` requires `core-lib` 0.1.0 → 0.1.1 in [dependencies] (not published, so not released)",
        );
        common::assert_contains(
            &out.stdout,
            "+core-lib = { path = \"../core\", version = \"0.1.1\" }",
        );
        assert!(!out.stdout.contains("Release bench"), "{}", out.stdout);
        assert!(!out.stdout.contains("bench-v"), "{}", out.stdout);
    }
    // Named with -p, it is released without publishing, in the workspace's tag format.
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "bench", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "Release bench 0.0.0 → 0.0.1");
    common::assert_contains(&out.stdout, "Tag bench-v0.0.1");
    common::assert_contains(
        &out.stdout,
        "released (edited, committed, tagged) without publishing",
    );
    common::assert_contains(&out.stdout, "No publish no released crate is publishable");
}

#[test]
fn a_release_tagged_on_a_release_branch_is_the_last_release() {
    let (temp, dir, _remote) = repo(
        &[
            ("Cargo.toml", &manifest("typeset", "0.11.0", "")),
            ("src/lib.rs", LIB),
        ],
        &["v0.11.0"],
    );
    // 0.15.1 is tagged on its release branch; main gets the same version by a cherry-pick.
    git(&dir, &["checkout", "-q", "-b", "release-0.15"]);
    let set_version = |dir: &Path, message: &str| {
        let text = manifest("typeset", "0.15.1", "");
        std::fs::write(dir.join("Cargo.toml"), text).expect("write");
        git(dir, &["commit", "-q", "-am", message]);
    };
    set_version(&dir, "chore: release 0.15.1");
    git(&dir, &["tag", "-a", "v0.15.1", "-m", "v0.15.1"]);
    git(&dir, &["push", "-q", "origin", "release-0.15", "v0.15.1"]);
    git(&dir, &["checkout", "-q", "main"]);
    for n in 0..5 {
        commit_file(&dir, "src/lib.rs", &format!("feat: work {n} before 0.15.1"));
    }
    set_version(&dir, "chore: version 0.15.1 on main");
    commit_file(&dir, "src/lib.rs", "fix: after 0.15.1");
    let out = run(ship(&dir, temp.path()).args(["suggest", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    assert_eq!(report["packages"][0]["since"], "v0.15.1", "{report}");
    assert_eq!(report["packages"][0]["next"], "0.15.2", "{report}");
    let out = run(ship(&dir, temp.path()).args(["auto", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "Release typeset 0.15.1 → 0.15.2");
    common::assert_contains(&out.stdout, "Tag v0.15.2");
}

/// insta and cargo-insta: released together under one name-less tag, pinned to each other,
/// then both changed.
fn lockstep_pair() -> (TempDir, PathBuf, PathBuf) {
    lockstep_pair_changing(&[
        ("insta/src/lib.rs", "Add a snapshot kind"),
        ("cargo-insta/src/lib.rs", "Add a review flag"),
    ])
}

/// The pair released at 1.47.0, then `changes` committed (file, message).
fn lockstep_pair_changing(changes: &[(&str, &str)]) -> (TempDir, PathBuf, PathBuf) {
    let insta = manifest("insta", "1.47.0", "");
    let cli = manifest(
        "cargo-insta",
        "1.47.0",
        "\n[dependencies]\ninsta = { version = \"=1.47.0\", path = \"../insta\" }\n",
    );
    let (temp, dir, remote) = repo(
        &[
            (
                "Cargo.toml",
                "[workspace]\nresolver = \"2\"\nmembers = [\"insta\", \"cargo-insta\"]\n",
            ),
            ("insta/Cargo.toml", &insta),
            ("insta/src/lib.rs", LIB),
            ("cargo-insta/Cargo.toml", &cli),
            ("cargo-insta/src/lib.rs", LIB),
        ],
        &["1.47.0"],
    );
    for (file, message) in changes {
        commit_file(&dir, file, message);
    }
    (temp, dir, remote)
}

/// insta 1.46.1 fixed only cargo-insta: `suggest` gave insta 1.46.1 with its group, and
/// `patch -p insta` refused, "nothing changed in `insta`". Both judge the group now.
#[test]
fn a_change_to_one_crate_of_a_group_releases_the_other() {
    let (temp, dir, _remote) =
        lockstep_pair_changing(&[("cargo-insta/src/lib.rs", "Fix inline snapshots")]);
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "insta", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "insta 1.47.0 → 1.47.1");
}

#[test]
fn one_name_less_tag_stands_for_the_crates_released_together() {
    let (temp, dir, remote) = lockstep_pair();
    let out =
        run(ship(&dir, temp.path()).args(["minor", "-p", "cargo-insta", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(git(&dir, &["tag", "--points-at", "HEAD"]).trim(), "1.48.0");
    // The second crate of the group is not blocked by the group's tag.
    let out = run(ship(&dir, temp.path()).args(["minor", "-p", "insta", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "tag `1.48.0` already marks 1.48.0");
    assert_eq!(
        git(&remote, &["tag", "--list"]).lines().collect::<Vec<_>>(),
        ["1.47.0", "1.48.0"]
    );
    assert!(
        std::fs::read_to_string(dir.join("insta/Cargo.toml"))
            .expect("read")
            .contains("version = \"1.48.0\"")
    );
    // Released: a rerun finds nothing changed in insta since its own release commit (the
    // group's tag is on cargo-insta's). cargo-insta did change since: its pin on insta moved.
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "insta", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "nothing changed in `insta` since tag 1.48.0");

    // --workspace releases the group under one tag.
    let (temp, dir, _remote) = lockstep_pair();
    let out = run(ship(&dir, temp.path()).args(["minor", "--workspace", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let tags: Vec<&str> = out.stdout.lines().filter(|l| l.contains(" Tag ")).collect();
    assert_eq!(tags.len(), 1, "{}", out.stdout);
    common::assert_contains(
        &out.stdout,
        "tag `1.48.0` stands for every crate released at this version",
    );
}

#[test]
fn build_metadata_is_kept_when_asked_and_never_tagged() {
    let (temp, dir, _remote) = repo(
        &[
            (
                "Cargo.toml",
                &manifest("toml-parser", "1.1.3+spec-1.1.0", ""),
            ),
            ("src/lib.rs", LIB),
        ],
        &["toml-parser-v1.1.3"],
    );
    commit_file(&dir, "src/lib.rs", "fix: a parser bug");
    let out = run(ship(&dir, temp.path()).args(["1.1.4+spec-1.1.0", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "1.1.3+spec-1.1.0 → 1.1.4+spec-1.1.0");
    common::assert_contains(&out.stdout, "Tag toml-parser-v1.1.4 (");
    // A level bump drops it (the default policy) …
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    common::assert_contains(&out.stdout, "1.1.3+spec-1.1.0 → 1.1.4\n");
    // … keeps it with `metadata = "persistent"` …
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).expect("read");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("{text}\n[package.metadata.ship]\nmetadata = \"persistent\"\n"),
    )
    .expect("write");
    git(
        &dir,
        &["commit", "-q", "-am", "chore: keep the spec version"],
    );
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .expect("read")
            .contains("version = \"1.1.4+spec-1.1.0\"")
    );
    assert_eq!(
        git(&dir, &["tag", "--points-at", "HEAD"]).trim(),
        "toml-parser-v1.1.4"
    );
    // … and --metadata sets it.
    commit_file(&dir, "src/lib.rs", "fix: another");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run", "--metadata", "spec-1.2.0"]));
    common::assert_contains(&out.stdout, "1.1.4+spec-1.1.0 → 1.1.5+spec-1.2.0");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run", "--metadata", "spec_1"]));
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "--metadata `spec_1` is not valid build metadata",
    );
}

#[test]
fn publish_only_rules_do_not_block_a_release_that_does_not_publish() {
    let text = manifest(
        "typeset",
        "0.1.0",
        "\n[dependencies]\nfonts = { git = \"https://github.com/example/fonts\" }\n",
    );
    let (temp, dir, _remote) = repo(&[("Cargo.toml", &text), ("src/lib.rs", LIB)], &["v0.1.0"]);
    commit_file(&dir, "src/lib.rs", "fix: layout");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(
        out.code,
        1,
        "publishing refuses a git dependency: {}",
        out.all()
    );
    common::assert_contains(&out.stdout, "Release typeset 0.1.0 → 0.1.1");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn a_dry_run_shows_the_whole_plan_then_every_refusal() {
    let (temp, dir, remote) = repo(
        &[
            ("Cargo.toml", &manifest("tidy", "0.3.1", "")),
            ("src/lib.rs", LIB),
        ],
        &["v0.3.1"],
    );
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    std::fs::write(dir.join("notes.txt"), "wip\n").expect("write");
    let before = (common::files(&dir), git(&remote, &["for-each-ref"]));
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stdout, "Release tidy 0.3.1 → 0.3.2");
    common::assert_contains(&out.stdout, "+version = \"0.3.2\"");
    common::assert_contains(&out.stderr, "uncommitted changes: notes.txt");
    assert_eq!(
        (common::files(&dir), git(&remote, &["for-each-ref"])),
        before
    );
    // Detached too: both refusals, after the plan.
    git(&dir, &["checkout", "-q", "--detach"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stdout, "Release tidy 0.3.1 → 0.3.2");
    common::assert_contains(
        &out.stderr,
        "error: the working tree has uncommitted changes",
    );
    common::assert_contains(&out.stderr, "HEAD is detached");
}

#[test]
fn repositories_git_cannot_read_get_one_plain_sentence() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("crate");
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(dir.join("Cargo.toml"), manifest("tidy", "0.1.0", "")).expect("write");
    std::fs::write(dir.join("src/lib.rs"), LIB).expect("write");
    // Not a repository.
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(&out.stderr, "is not in a git repository");
    assert!(!out.stderr.contains("fatal:"), "{}", out.stderr);
    // A repository without commits.
    git(&dir, &["init", "-q", "-b", "main"]);
    for command in [&["patch", "--dry-run"][..], &["suggest"][..]] {
        let out = run(ship(&dir, temp.path()).args(command));
        assert!(
            !out.stderr.contains("fatal:"),
            "{command:?}: {}",
            out.stderr
        );
        assert!(out.code <= 2, "{command:?}: {}", out.all());
    }
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "the repository has no commits yet");
    // A shallow clone.
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "v0.1.0", "-m", "v0.1.0"]);
    commit_file(&dir, "src/lib.rs", "fix: one");
    commit_file(&dir, "src/lib.rs", "fix: two");
    let shallow = temp.path().join("shallow");
    let url = format!("file://{}", dir.display());
    git(
        temp.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            shallow.to_str().expect("utf-8"),
        ],
    );
    let out = run(ship(&shallow, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "shallow clone");
    common::assert_contains(&out.stderr, "git fetch --unshallow");
    let out = run(ship(&shallow, temp.path()).args(["suggest"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "shallow clone");
}

#[test]
fn a_changelog_named_changes_md_is_read_and_promoted() {
    let changes = "# Changes\n\n## [Unreleased]\n\n### Added\n\n- Streaming parser\n\n## [0.3.1] - 2026-01-01\n";
    let (temp, dir, _remote) = released_with_changelog("tidy", "CHANGES.md", changes);
    commit_file(&dir, "src/lib.rs", "Rework the parser");
    let out = run(ship(&dir, temp.path()).args(["suggest"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "CHANGES.md:7 Added: Streaming parser");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-push"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let promoted = std::fs::read_to_string(dir.join("CHANGES.md")).expect("read");
    assert!(
        promoted.contains("## [Unreleased]\n\n## [0.3.2] - ")
            && promoted.contains("### Added\n\n- Streaming parser"),
        "{promoted}"
    );
}

#[test]
fn the_changelog_is_filled_from_what_suggest_counts() {
    let changelog = "# Changelog\n\n## [Unreleased]\n\n## [0.3.1] - 2026-01-01\n";
    let (temp, dir, _remote) = released_with_changelog("tidy", "CHANGELOG.md", changelog);
    // A feature taken back before the release is not in it.
    commit_file(&dir, "src/lib.rs", "feat: a flag nobody asked for");
    git(&dir, &["revert", "--no-edit", "HEAD"]);
    // A pull request merged by GitHub speaks with its title.
    git(&dir, &["checkout", "-q", "-b", "topic"]);
    commit_file(&dir, "src/lib.rs", "wip");
    git(&dir, &["checkout", "-q", "main"]);
    common::merge(
        &dir,
        "topic",
        &[
            "Merge pull request #4 from me/topic",
            "fix: handle empty input",
        ],
    );
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "+### Fixed\n+\n+- handle empty input (");
    assert!(
        !out.stdout.contains("a flag nobody asked for"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("+### Added"), "{}", out.stdout);
}

#[test]
fn the_changelog_is_filled_in_its_own_style() {
    // anstyle's section words, insta's date-less release headings.
    let changelog = "# Changelog\n\n## Unreleased\n\n## 0.3.1\n\n### Features\n\n- Colors\n\n### Fixes\n\n- A crash\n\n### Performance\n\n- Less copying\n";
    let (temp, dir, _remote) = released_with_changelog("anstyle", "CHANGELOG.md", changelog);
    commit_file(&dir, "src/lib.rs", "feat: underline styles");
    commit_file(&dir, "src/lib.rs", "perf: no allocation in Display");
    commit_file(&dir, "src/lib.rs", "chore: tidy");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(
        &out.stdout,
        "+## 0.3.2\n+\n+### Features\n+\n+- underline styles",
    );
    common::assert_contains(
        &out.stdout,
        "+### Performance\n+\n+- no allocation in Display",
    );
    assert!(!out.stdout.contains("### Added"), "{}", out.stdout);
    common::assert_contains(
        &out.stderr,
        "this release fills it from the conventional commits",
    );

    // Only a chore since: nothing to fill, and the warning does not claim otherwise.
    let (temp, dir, _remote) = released_with_changelog("anstyle", "CHANGELOG.md", changelog);
    commit_file(&dir, "src/lib.rs", "chore: tidy");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        !out.stderr.contains("this release fills it"),
        "{}",
        out.stderr
    );
    common::assert_contains(&out.stderr, "describe the changes under `## [Unreleased]`");

    // A bullet under no heading is a change, not an unknown heading.
    std::fs::write(
        dir.join("CHANGELOG.md"),
        changelog.replace("## Unreleased\n", "## Unreleased\n\n- Handle NO_COLOR\n"),
    )
    .expect("write");
    git(&dir, &["commit", "-q", "-am", "docs: changelog"]);
    let out = run(ship(&dir, temp.path()).args(["suggest", "--format", "json"]));
    let report = json(&out);
    assert_eq!(report["packages"][0]["change"], "fix", "{report}");
    assert_eq!(
        report["packages"][0]["reasons"][0]["source"], "changelog",
        "{report}"
    );
    assert!(!out.stdout.contains("no heading"), "{}", out.stdout);
}

#[test]
fn an_old_bare_tag_of_another_crate_is_not_a_members_release() {
    // knope: the tool was tagged `v0.4.3` long ago; its config crate, added later at 0.4.3,
    // never had that release, and the workspace now tags `NAME/vX.Y.Z`.
    let (temp, dir, _remote) = repo(
        &[
            ("Cargo.toml", &manifest("tool", "0.4.3", "")),
            ("src/lib.rs", LIB),
        ],
        &["v0.4.3"],
    );
    std::fs::write(
        dir.join("Cargo.toml"),
        manifest(
            "tool",
            "0.23.0",
            "\n[workspace]\nmembers = [\"crates/*\"]\n",
        ),
    )
    .expect("write");
    std::fs::create_dir_all(dir.join("crates/tool-config/src")).expect("mkdir");
    std::fs::write(
        dir.join("crates/tool-config/Cargo.toml"),
        manifest("tool-config", "0.4.3", ""),
    )
    .expect("write");
    std::fs::write(dir.join("crates/tool-config/src/lib.rs"), LIB).expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "feat: a config crate"]);
    git(&dir, &["tag", "-a", "tool/v0.23.0", "-m", "tool 0.23.0"]);
    commit_file(&dir, "crates/tool-config/src/lib.rs", "fix: config");
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "tool-config", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "Tag tool-config/v0.4.4 (");
    let out =
        run(ship(&dir, temp.path()).args(["suggest", "-p", "tool-config", "--format", "json"]));
    let report = json(&out);
    assert_ne!(report["packages"][0]["since"], "v0.4.3", "{report}");
}

#[test]
fn an_empty_selection_and_a_staged_rename_are_reported_not_panicked_on() {
    let (temp, dir, _remote) = repo(
        &[
            (
                "Cargo.toml",
                "[workspace]\nresolver = \"2\"\nmembers = [\"crates/*\"]\n",
            ),
            ("crates/one/Cargo.toml", &manifest("one", "0.1.0", "")),
            ("crates/one/src/lib.rs", LIB),
            ("ééé.md", "notes\n"),
        ],
        &["one-v0.1.0"],
    );
    let out = run(ship(&dir, temp.path()).args([
        "patch",
        "--workspace",
        "--exclude",
        "one",
        "--dry-run",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "Nothing to release: no package is selected");
    // A staged rename of a file with a multibyte name: its whole new path is listed.
    commit_file(&dir, "crates/one/src/lib.rs", "fix: one");
    git(&dir, &["mv", "ééé.md", "notes.md"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "one", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "uncommitted changes: notes.md.");
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn dependent_version_fix_leaves_satisfied_requirements_alone() {
    // anstyle's policy: a member's requirement on a released crate changes only when the new
    // version no longer satisfies it.
    for (policy, rewritten) in [(None, true), (Some("fix"), false), (Some("upgrade"), true)] {
        let (temp, dir) = common::fixture("workspace-independent");
        let beta = dir.join("crates/beta/Cargo.toml");
        let text = std::fs::read_to_string(&beta).expect("read");
        std::fs::write(
            &beta,
            text.replace("version = \"0.1\"", "version = \"0.1.0\""),
        )
        .expect("write");
        if let Some(policy) = policy {
            let root = dir.join("Cargo.toml");
            let mut text = std::fs::read_to_string(&root).expect("read");
            text.push_str(&format!(
                "\n[workspace.metadata.ship]\ndependent-version = \"{policy}\"\n"
            ));
            std::fs::write(&root, text).expect("write");
        }
        common::git_init(&dir);
        for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
            common::git(&dir, &["tag", "-a", tag, "-m", tag]);
        }
        common::commit_file(&dir, "crates/alpha/src/lib.rs", "fix: alpha");
        let out = common::run(common::ship(&dir, temp.path()).args([
            "patch",
            "-p",
            "alpha",
            "--dry-run",
            "--no-push",
            "--no-publish",
        ]));
        assert_eq!(out.code, 0, "{policy:?}: {}", out.all());
        assert_eq!(
            out.all().contains("requires `alpha` 0.1.0 → 0.1.1"),
            rewritten,
            "{policy:?}: {}",
            out.all()
        );
    }
}

#[test]
fn a_release_of_many_crates_names_a_few_in_lines_and_all_in_the_commit_body() {
    let mut files: Vec<(String, String)> = vec![(
        "Cargo.toml".into(),
        "[workspace]\nresolver = \"2\"\nmembers = [\"crates/*\"]\n".into(),
    )];
    for i in 0..6 {
        files.push((
            format!("crates/c{i}/Cargo.toml"),
            format!(
                "[package]\nname = \"c{i}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
                 description = \"Crate {i}\"\nlicense = \"MIT\"\n"
            ),
        ));
        files.push((format!("crates/c{i}/src/lib.rs"), "//! A crate.\n".into()));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (temp, dir, _) = repo(&borrowed, &[]);
    let out = run(ship(&dir, temp.path()).args(["minor", "--workspace", "--no-publish", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(
        &out.all(),
        "Commit chore: release c0 v0.2.0, c1 v0.2.0, c2 v0.2.0 and 3 more (its body lists all 6 crates)",
    );
    common::assert_contains(
        &out.all(),
        "Push main, c0-v0.2.0, c1-v0.2.0 and 4 more to origin",
    );
    common::assert_contains(
        &out.all(),
        "Released c0 v0.2.0, c1 v0.2.0, c2 v0.2.0 and 3 more",
    );
    let message = git(&dir, &["log", "-1", "--format=%B"]);
    assert!(
        message.starts_with("chore: release c0 v0.2.0, c1 v0.2.0, c2 v0.2.0 and 3 more\n\n"),
        "{message}"
    );
    for i in 0..6 {
        common::assert_contains(&message, &format!("- c{i} v0.2.0\n"));
    }
}

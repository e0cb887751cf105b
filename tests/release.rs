//! `cargo ship <level>` on real git repositories made in temp dirs, with a local bare
//! repository as the push remote.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{commit_file, fixture, git, json, run, ship};
use tempfile::TempDir;

/// A fixture as a git repository on `main`, tagged at its current version, pushed to a bare
/// `remote.git` next to it; returns (temp, repo dir, remote dir).
fn released_repo(name: &str, tag: &str) -> (TempDir, PathBuf, PathBuf) {
    let (temp, dir) = fixture(name);
    let remote = temp.path().join("remote.git");
    common::git_init(&dir);
    git(&dir, &["tag", "-a", tag, "-m", tag]);
    common::add_remote(&dir, &remote);
    (temp, dir, remote)
}

/// One commit that touches the source of every package of a fixture, so each has something
/// to release.
fn change_every_member(dir: &Path) {
    let mut sources = vec![dir.join("src/lib.rs")];
    if let Ok(crates) = std::fs::read_dir(dir.join("crates")) {
        sources.extend(crates.flatten().map(|c| c.path().join("src/lib.rs")));
    }
    for source in sources.iter().filter(|s| s.exists()) {
        common::change_file(source);
    }
    git(dir, &["commit", "-q", "-am", "Rework the crates"]);
}

/// Everything a dry run must leave alone: every file's bytes (the .git directory included),
/// all refs, the status, and the remote's refs.
fn state(dir: &Path, remote: &Path) -> (Vec<(String, Vec<u8>)>, String, String, String) {
    let files = common::files(dir);
    (
        files,
        git(dir, &["rev-parse", "--all"]),
        git(dir, &["status", "--porcelain", "--untracked-files=all"]),
        git(remote, &["for-each-ref"]),
    )
}

/// The step named `name` of the first package of a release's JSON report; null when it has none.
fn step_of(report: &serde_json::Value, name: &str) -> serde_json::Value {
    report["packages"][0]["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["step"] == name))
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_dry_run_changes_nothing_for_any_level_on_a_crate_and_a_workspace() {
    for (name, tag) in [
        ("valid-crate", "v0.3.1"),
        ("workspace-inherit", "v0.2.0"),
        ("workspace-independent", "beta-v0.2.0"),
    ] {
        let (temp, dir, remote) = released_repo(name, tag);
        change_every_member(&dir);
        let before = state(&dir, &remote);
        for level in ["major", "minor", "patch", "rc", "beta", "alpha", "9.0.0"] {
            for extra in [&[][..], &["--workspace"][..], &["--format", "json"][..]] {
                let mut args = vec![level, "--dry-run"];
                args.extend_from_slice(extra);
                let out = run(ship(&dir, temp.path()).args(&args));
                assert_eq!(out.code, 0, "{name} {args:?}: {}", out.all());
                assert_eq!(
                    state(&dir, &remote),
                    before,
                    "{name} {args:?} changed something"
                );
            }
        }
        // `release` on a release version is refused, and changes nothing either.
        let out = run(ship(&dir, temp.path()).args(["release", "--dry-run"]));
        assert_eq!(out.code, 1, "{}", out.all());
        common::assert_contains(&out.stderr, "is not a pre-release");
        assert_eq!(state(&dir, &remote), before);
    }
}

#[test]
fn a_dry_run_shows_the_diff_versions_commit_and_tag() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    for expected in [
        "Release tidy 0.3.1 → 0.3.2",
        "-version = \"0.3.1\"",
        "+version = \"0.3.2\"",
        "Commit chore: release tidy v0.3.2",
        "Tag v0.3.2",
        "Push main, v0.3.2 to origin",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing {expected:?} in:\n{}",
            out.stdout
        );
    }
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run", "--format", "json"]));
    let report = json(&out);
    assert_eq!(report["packages"][0]["name"], "tidy");
    assert_eq!(report["packages"][0]["version"], "0.3.2");
    assert_eq!(report["packages"][0]["previous_version"], "0.3.1");
    let steps: Vec<(String, String)> = report["packages"][0]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap_or("").into(),
                s["status"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let expect = |step: &str, status: &str| {
        assert!(
            steps.contains(&(step.into(), status.into())),
            "{step} {status} not in {steps:?}"
        );
    };
    expect("edit", "planned");
    expect("commit", "planned");
    expect("tag", "planned");
    expect("push", "planned");
    expect("publish", "planned");
}

#[test]
fn a_release_edits_commits_tags_and_pushes() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "feat: something new");
    let out = run(ship(&dir, temp.path()).args(["minor", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .expect("read")
            .contains("version = \"0.4.0\"")
    );
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "chore: release tidy v0.4.0"
    );
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
    assert_eq!(
        git(&dir, &["cat-file", "-t", "v0.4.0"]).trim(),
        "tag",
        "annotated tag"
    );
    assert_eq!(
        git(&remote, &["rev-parse", "main"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    assert_eq!(
        git(&remote, &["rev-parse", "v0.4.0^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    // Exactly the files the plan wrote are in the commit.
    assert_eq!(
        git(&dir, &["show", "--name-only", "--format=", "HEAD"]).trim(),
        "Cargo.toml"
    );
}

#[test]
fn formatting_survives_a_bump_byte_for_byte_except_the_version() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    let manifest = dir.join("Cargo.toml");
    let original = "# A comment at the top\n\n[package]\n# unusual key order: version before name\nversion = \"0.3.1\"   # trailing comment\nname = \"tidy\"\n\nedition = \"2021\"\nrust-version = \"1.70\"\ndescription = \"A small, well-described crate used to test cargo ship\"\nlicense = \"MIT\"\nrepository = \"https://github.com/example/tidy\"\nkeywords = [\"parsing\"]\ncategories = [\"parsing\"]\nmetadata = { ship = { allow-branch = [\"main\"] } }\n\n[dependencies]\nhelper = { path = \"helper\", version = \"0.1\", optional = true }\nserde = { version = \"1.0\", optional = true }\n\n[features]\ndefault = []\nserde = [\"dep:serde\"]\n\"c++20\" = []\n";
    std::fs::write(&manifest, original).expect("write");
    git(&dir, &["commit", "-q", "-am", "fix: reformat"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-push"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        std::fs::read_to_string(&manifest).expect("read"),
        original.replace("version = \"0.3.1\"   #", "version = \"0.3.2\"   #")
    );
}

#[test]
fn crlf_line_endings_are_kept() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    let manifest = dir.join("Cargo.toml");
    let crlf = std::fs::read_to_string(&manifest)
        .expect("read")
        .replace('\n', "\r\n");
    std::fs::write(&manifest, &crlf).expect("write");
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "# Changelog\r\n\r\n## [Unreleased]\r\n\r\n- A fix.\r\n",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "fix: windows"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-push"]));
    assert_eq!(out.code, 0, "{}", out.all());
    for file in ["Cargo.toml", "CHANGELOG.md"] {
        let text = std::fs::read_to_string(dir.join(file)).expect("read");
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "{file} has a bare LF: {text:?}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&manifest).expect("read"),
        crlf.replace("\"0.3.1\"", "\"0.3.2\"")
    );
}

#[test]
fn dependents_follow_and_cargo_lock_stays_consistent() {
    let (temp, dir, _remote) = released_repo("workspace-independent", "alpha-v0.1.0");
    commit_file(&dir, "crates/alpha/src/lib.rs", "feat!: alpha changes");
    let out = run(ship(&dir, temp.path()).args([
        "minor",
        "-p",
        "alpha",
        "-p",
        "beta",
        "--yes",
        "--no-publish",
        "--no-push",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).expect("read");
    assert!(read("crates/alpha/Cargo.toml").contains("version = \"0.2.0\""));
    assert!(read("crates/beta/Cargo.toml").contains("version = \"0.3.0\""));
    assert!(
        read("crates/beta/Cargo.toml")
            .contains("alpha = { path = \"../alpha\", version = \"0.2\" }")
    );
    // gamma is not released, but its requirement on beta follows (operator kept).
    assert!(
        read("crates/gamma/Cargo.toml")
            .contains("beta = { version = \"=0.3.0\", path = \"../beta\" }")
    );
    assert!(read("crates/gamma/Cargo.toml").contains("version = \"1.0.0\""));
    assert!(
        out.stderr
            .contains("`gamma` requires `beta` =0.2.0 → =0.3.0"),
        "{}",
        out.stderr
    );
    // Independently versioned members get their own tags.
    let tags = git(&dir, &["tag", "--points-at", "HEAD"]);
    assert_eq!(
        tags.lines().collect::<Vec<_>>(),
        ["alpha-v0.2.0", "beta-v0.3.0"]
    );
    // Cargo.lock was rewritten, and cargo agrees with it without touching it.
    let lock = read("Cargo.lock");
    assert!(
        lock.contains("name = \"alpha\"\nversion = \"0.2.0\""),
        "{lock}"
    );
    let metadata = Command::new(env!("CARGO"))
        .args(["metadata", "--locked", "--offline", "--format-version", "1"])
        .current_dir(&dir)
        .env("CARGO_HOME", temp.path().join("cargo-home"))
        .output()
        .expect("cargo metadata");
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    assert_eq!(read("Cargo.lock"), lock);
}

#[test]
fn a_shared_workspace_version_moves_every_member_with_one_tag() {
    let (temp, dir, _remote) = released_repo("workspace-inherit", "v0.2.0");
    commit_file(&dir, "crates/core/src/lib.rs", "feat: core grows");
    let out = run(ship(&dir, temp.path()).args([
        "minor",
        "-p",
        "inherit-core",
        "--yes",
        "--no-publish",
        "--no-push",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    let root = std::fs::read_to_string(dir.join("Cargo.toml")).expect("read");
    assert!(root.contains("version = \"0.3.0\"\nedition"), "{root}");
    assert!(
        root.contains("inherit-core = { path = \"crates/core\", version = \"0.3.0\" }"),
        "{root}"
    );
    assert!(
        out.stderr
            .contains("`inherit-internal` moves to 0.3.0 with the workspace version"),
        "{}",
        out.stderr
    );
    assert_eq!(git(&dir, &["tag", "--points-at", "HEAD"]).trim(), "v0.3.0");
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "chore: release inherit-cli v0.3.0, inherit-core v0.3.0, inherit-internal v0.3.0"
    );
}

#[test]
fn a_dirty_tree_is_refused_listing_the_files() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    std::fs::write(dir.join("notes.txt"), "wip\n").expect("write");
    let before = state(&dir, &remote);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "uncommitted changes: notes.txt");
    assert_eq!(state(&dir, &remote), before);
    // --allow-dirty proceeds, warns, and commits only what it edited.
    let out = run(ship(&dir, temp.path()).args([
        "patch",
        "--yes",
        "--no-publish",
        "--allow-dirty",
        "--no-push",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "warning[dirty-worktree]");
    assert_eq!(git(&dir, &["status", "--porcelain"]).trim(), "?? notes.txt");
}

#[test]
fn without_a_terminal_nothing_happens_without_yes() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let before = state(&dir, &remote);
    let out = run(ship(&dir, temp.path()).args(["patch", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr
            .contains("re-run with --yes to proceed non-interactively"),
        "{}",
        out.stderr
    );
    assert_eq!(state(&dir, &remote), before);
}

#[track_caller]
fn assert_no_colour(text: &str) {
    let colour = regex_lite_sgr(text);
    assert!(colour.is_none(), "colour code {colour:?} in {text:?}");
}

/// The first SGR (colour) escape sequence in `text`, if any.
fn regex_lite_sgr(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        let tail = &rest[at + 2..];
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(tail.len());
        if tail[end..].starts_with('m') {
            return Some(format!("\\e[{}m", &tail[..end]));
        }
        rest = &tail[end..];
    }
    None
}

/// Runs the binary on a pseudo-terminal (util-linux `script`), typing `input`.
fn on_a_terminal(dir: &Path, home: &Path, args: &str, input: &str) -> common::Output {
    on_a_terminal_with(dir, home, args, input, true)
}

/// [`on_a_terminal`], with `NO_COLOR` set or not.
fn on_a_terminal_with(
    dir: &Path,
    home: &Path,
    args: &str,
    input: &str,
    no_color: bool,
) -> common::Output {
    let command = format!("{} {args}", common::bin().display());
    let mut child = Command::new("script");
    if no_color {
        child.env("NO_COLOR", "1");
    } else {
        child.env_remove("NO_COLOR");
    }
    child
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .env("TERM", "xterm")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("CARGO_HOME", home.join("cargo-home"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = child.spawn().expect("script");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(input.as_bytes()).expect("type");
    }
    let output = child.wait_with_output().expect("wait");
    common::Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn declining_the_confirmation_on_a_terminal_changes_nothing() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let before = state(&dir, &remote);
    let out = on_a_terminal(&dir, temp.path(), "patch --no-publish", "n\n");
    assert_eq!(out.code, 1, "declining refuses: {}", out.all());
    // The same diff as a dry run, before the question.
    let diff = out
        .stdout
        .find("+version = \"0.3.2\"")
        .expect("the diff is shown");
    let question = out.stdout.find("Release? ").expect("the question");
    assert!(diff < question, "{}", out.stdout);
    common::assert_contains(&out.stdout, "-version = \"0.3.1\"");
    common::assert_contains(&out.stdout, "cancelled: nothing was changed");
    assert_eq!(state(&dir, &remote), before);
    // NO_COLOR: no colour codes at all (cursor movement around the prompt is fine).
    assert_no_colour(&out.stdout);
    // So does --color never, without NO_COLOR; and without either, a terminal gets colour.
    let out = on_a_terminal_with(
        &dir,
        temp.path(),
        "patch --no-publish --color never",
        "n\n",
        false,
    );
    assert_eq!(out.code, 1, "{}", out.all());
    assert_no_colour(&out.stdout);
    let out = on_a_terminal_with(&dir, temp.path(), "patch --no-publish", "n\n", false);
    assert!(regex_lite_sgr(&out.stdout).is_some(), "{:?}", out.stdout);
    // Accepting releases.
    let out = on_a_terminal(&dir, temp.path(), "patch --no-push --no-publish", "y\n");
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "chore: release tidy v0.3.2"
    );
}

#[test]
fn a_failed_push_exits_3_and_a_rerun_finishes_without_bumping_again() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let moved = temp.path().join("remote.moved");
    std::fs::rename(&remote, &moved).expect("take the remote away");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 3, "{}", out.all());
    common::assert_contains(&out.stderr, "the release stopped at the push");
    common::assert_contains(&out.stderr, "Done: edited Cargo.toml");
    common::assert_contains(&out.stderr, "tagged v0.3.2");
    assert!(
        out.stderr
            .contains("To finish, run `cargo ship patch --yes --no-publish`"),
        "{}",
        out.stderr
    );
    let error = out.stderr.trim_end().lines().last().expect("an error line");
    assert!(
        error.starts_with("error: the release stopped at the push"),
        "one paragraph, last: {}",
        out.stderr
    );

    std::fs::rename(&moved, &remote).expect("bring the remote back");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "finishing what is left: push");
    assert!(
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .expect("read")
            .contains("version = \"0.3.2\"")
    );
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "chore: release tidy v0.3.2"
    );
    assert_eq!(
        git(&remote, &["rev-parse", "v0.3.2^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
}

#[test]
fn an_interrupted_release_without_its_tag_gets_the_tag_on_rerun() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-push"]));
    assert_eq!(out.code, 0, "{}", out.all());
    // As if the process had been killed after the commit.
    git(&dir, &["tag", "-d", "v0.3.2"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "finishing what is left: tag, push");
    assert_eq!(
        git(&remote, &["rev-parse", "v0.3.2^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    assert!(
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .expect("read")
            .contains("version = \"0.3.2\"")
    );
}

#[test]
fn a_repository_tagged_without_a_v_keeps_its_tag_format() {
    let (temp, dir, remote) = released_repo("valid-crate", "0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    common::assert_contains(&out.stdout, "Tag 0.3.2 (");
    common::assert_contains(&out.stdout, "Push main, 0.3.2 to origin");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-push"]));
    assert_eq!(out.code, 0, "{}", out.all());
    // Killed after the commit: the rerun must tag in the same format, not a new one.
    git(&dir, &["tag", "-d", "0.3.2"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        git(&remote, &["rev-parse", "0.3.2^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    assert_eq!(git(&dir, &["tag", "--list", "v*"]), "");
}

#[test]
fn a_repository_tagged_by_cargo_workspaces_keeps_its_tag_format() {
    let (temp, dir, _remote) = released_repo("valid-crate", "tidy@0.3.1");
    commit_file(&dir, "src/lib.rs", "feat: a streaming parser");
    let out = run(ship(&dir, temp.path()).args(["minor", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "Tag tidy@0.4.0 (");
    common::assert_contains(&out.stdout, "Push main, tidy@0.4.0 to origin");
}

#[test]
fn pre_releases_advance_and_finish() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    let version = || {
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .expect("read")
            .lines()
            .find_map(|l| {
                l.strip_prefix("version = \"")
                    .map(|v| v.trim_end_matches('"').to_string())
            })
            .expect("version")
    };
    for (args, expected) in [
        (&["minor", "--pre", "beta"][..], "0.4.0-beta.1"),
        (&["beta"][..], "0.4.0-beta.2"),
        (&["rc"][..], "0.4.0-rc.1"),
        (&["release"][..], "0.4.0"),
    ] {
        commit_file(&dir, "src/lib.rs", "fix: more");
        let mut full = args.to_vec();
        full.extend(["--yes", "--no-push", "--no-publish"]);
        let out = run(ship(&dir, temp.path()).args(&full));
        assert_eq!(out.code, 0, "{args:?}: {}", out.all());
        assert_eq!(version(), expected, "{args:?}");
    }
    commit_file(&dir, "src/lib.rs", "fix: after the release");
    let out = run(ship(&dir, temp.path()).args(["alpha", "--dry-run", "--no-push"]));
    assert_eq!(out.code, 0, "a new alpha of the next patch: {}", out.all());
    common::assert_contains(&out.stdout, "0.4.0 → 0.4.1-alpha.1");
    let out = run(ship(&dir, temp.path()).args(["0.3.9", "--dry-run", "--no-push"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr
            .contains("not greater than the current version 0.4.0"),
        "{}",
        out.stderr
    );
}

#[test]
fn without_git_only_no_commit_may_edit_files() {
    let (temp, dir) = fixture("valid-crate");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(&out.stderr, "--no-commit");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-commit"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .expect("read")
            .contains("version = \"0.3.2\"")
    );
}

#[test]
fn settings_are_read_and_unknown_keys_refused() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    let with = |settings: &str| {
        text.replace(
            "[dependencies]",
            &format!("[package.metadata.ship]\n{settings}\n\n[dependencies]"),
        )
    };
    std::fs::write(
        &manifest,
        with("tag-name = \"release-{version}\"\ncommit-message = \"Release {name} {version}\""),
    )
    .expect("write");
    git(&dir, &["commit", "-q", "-am", "chore: settings"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-push"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "Release tidy 0.3.2"
    );
    assert_eq!(
        git(&dir, &["tag", "--points-at", "HEAD"]).trim(),
        "release-0.3.2"
    );

    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replace("tag-name", "tag-nmae")).expect("write");
    git(&dir, &["commit", "-q", "-am", "chore: typo"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr
            .contains("unknown key `tag-nmae` in [package.metadata.ship]"),
        "{}",
        out.stderr
    );
    common::assert_contains(&out.stderr, "Cargo.toml:");

    std::fs::write(&manifest, with("allow-branch = [\"release/*\"]")).expect("write");
    git(&dir, &["commit", "-q", "-am", "chore: branches"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "not allowed from branch `main`");
}

#[test]
fn a_branch_behind_its_upstream_is_refused() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let other = temp.path().join("other");
    git(
        temp.path(),
        &[
            "clone",
            "-q",
            remote.to_str().expect("utf-8"),
            other.to_str().expect("utf-8"),
        ],
    );
    commit_file(&other, "README.md", "docs: elsewhere");
    git(&other, &["push", "-q", "origin", "main"]);
    git(&dir, &["fetch", "-q"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "1 commit behind `origin/main`");
}

#[test]
fn the_users_signing_configuration_applies() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    let gpg = temp.path().join("fake-gpg");
    common::write_executable(
        &gpg,
        "#!/bin/sh\ncat >/dev/null\necho '[GNUPG:] SIG_CREATED D 1 8 00 1 X' >&2\nprintf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\n",
    );
    git(
        &dir,
        &["config", "gpg.program", gpg.to_str().expect("utf-8")],
    );
    git(&dir, &["config", "user.signingkey", "FAKE"]);
    git(&dir, &["config", "commit.gpgSign", "true"]);
    git(&dir, &["config", "tag.gpgSign", "true"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--no-push"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        git(&dir, &["cat-file", "commit", "HEAD"]).contains("gpgsig"),
        "the commit is signed"
    );
    assert!(
        git(&dir, &["cat-file", "tag", "v0.3.2"]).contains("BEGIN PGP SIGNATURE"),
        "the tag is signed"
    );
}

/// `.git/cargo-ship.lock` of a repository.
fn lock_file(dir: &Path) -> PathBuf {
    dir.join(".git").join("cargo-ship.lock")
}

#[test]
fn a_second_run_at_once_refuses_naming_the_first_and_a_killed_runs_lock_is_taken_over() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    change_every_member(&dir);
    let head = git(&dir, &["rev-parse", "HEAD"]);
    // A live holder: this test holds the lock, as a running release would.
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    std::fs::write(
        lock_file(&dir),
        format!("4242\n{started}\ncargo ship minor --yes\n"),
    )
    .expect("write");
    let held = std::fs::File::open(lock_file(&dir)).expect("open");
    held.try_lock().expect("lock");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-push", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    // How long ago depends on the machine's load: 0s, or 1s on a busy CI runner.
    common::assert_contains(
        &out.stderr,
        "another cargo ship is changing this repository: `cargo ship minor --yes` (process 4242, started ",
    );
    common::assert_contains(&out.stderr, "s ago) holds");
    assert_eq!(
        git(&dir, &["rev-parse", "HEAD"]),
        head,
        "nothing was changed"
    );
    // The holder dies (its lock goes with it) and leaves its file behind: a killed run's lock,
    // taken over with a note, and released at the end.
    // Killed inside `git commit`, it also left git's own index.lock.
    drop(held);
    std::fs::write(dir.join(".git/index.lock"), "").expect("write");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-push", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "took over the lock left by `cargo ship minor --yes`",
    );
    common::assert_contains(
        &out.stderr,
        "index.lock`, left by its interrupted git command",
    );
    assert!(!lock_file(&dir).exists(), "the lock is released on exit");
    // A dry run takes no lock: it runs while a release holds it.
    std::fs::write(lock_file(&dir), "").expect("write");
    let held = std::fs::File::open(lock_file(&dir)).expect("open");
    held.try_lock().expect("lock");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run", "--force"]));
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn two_releases_started_together_make_one_release() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    change_every_member(&dir);
    let head = git(&dir, &["rev-parse", "HEAD"]);
    let start = || {
        ship(&dir, temp.path())
            .args(["patch", "--yes", "--no-push", "--no-publish"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (first, second) = (start(), start());
    let outputs = [
        first.wait_with_output().expect("wait"),
        second.wait_with_output().expect("wait"),
    ];
    let codes: Vec<i32> = outputs
        .iter()
        .map(|o| o.status.code().unwrap_or(-1))
        .collect();
    let said: Vec<String> = outputs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert_eq!(
        codes.iter().filter(|c| **c == 0).count(),
        1,
        "exactly one run releases: {codes:?} {said:?}"
    );
    assert!(
        codes.iter().all(|c| *c == 0 || *c == 1),
        "{codes:?} {said:?}"
    );
    // One release commit on top, the version bumped once, one tag.
    assert_eq!(git(&dir, &["rev-parse", "HEAD^"]), head);
    common::assert_contains(
        &std::fs::read_to_string(dir.join("Cargo.toml")).expect("read"),
        "version = \"0.3.2\"",
    );
    assert_eq!(git(&dir, &["tag", "--list", "v0.3.*"]).lines().count(), 2);
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
    assert!(!lock_file(&dir).exists());
}

#[test]
fn a_refused_release_still_answers_json_when_asked() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    let out =
        run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-publish", "--format", "json"]));
    assert_eq!(out.code, 1, "{}", out.all());
    let document: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON on stdout");
    assert_eq!(document["error"]["exit"], 1, "{document}");
    common::assert_contains(
        document["error"]["message"].as_str().unwrap_or_default(),
        "nothing changed in `tidy` since tag v0.3.1",
    );
}

/// Ctrl-C while `git commit` runs (its pre-commit hook sleeping): the terminal interrupts the
/// whole process group; cargo ship restores the files, says so, and a rerun releases.
#[cfg(unix)]
#[test]
fn ctrl_c_during_the_commit_restores_the_files_and_says_so() {
    use std::os::unix::process::CommandExt;
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    change_every_member(&dir);
    let hook = dir.join(".git/hooks/pre-commit");
    common::write_executable(&hook, "#!/bin/sh\ntouch .git/hook-started\nsleep 20\n");
    let child = ship(&dir, temp.path())
        .args(["patch", "--yes", "--no-push", "--no-publish"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    while !dir.join(".git/hook-started").exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the hook never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let group = i32::try_from(child.id()).expect("pid");
    // SAFETY: sends SIGINT to the process group the test just started, as a terminal does.
    unsafe {
        libc::kill(-group, libc::SIGINT);
    }
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    common::assert_contains(
        &stderr,
        "interrupted (Ctrl-C) during the commit; the files were restored: nothing changed",
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "it did not wait for the hook"
    );
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
    assert_eq!(git(&dir, &["tag", "--list", "v0.3.2"]), "");
    // Without the hook, the same command releases.
    std::fs::remove_file(&hook).expect("remove");
    let out = run(ship(&dir, temp.path()).args(["patch", "--yes", "--no-push", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(git(&dir, &["tag", "--list", "v0.3.2"]).trim(), "v0.3.2");
}

#[test]
fn the_lock_is_taken_in_the_repository_of_the_manifest_path() {
    let (temp, dir, _remote) = released_repo("valid-crate", "v0.3.1");
    change_every_member(&dir);
    std::fs::write(lock_file(&dir), "4243\n0\ncargo ship patch --yes\n").expect("write");
    let held = std::fs::File::open(lock_file(&dir)).expect("open");
    held.try_lock().expect("lock");
    // Run from outside the repository, naming its manifest.
    let manifest = dir.join("Cargo.toml");
    let out = run(ship(temp.path(), temp.path()).args([
        "patch",
        "--yes",
        "--no-push",
        "--no-publish",
        "--manifest-path",
        manifest.to_str().expect("utf-8"),
    ]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "another cargo ship is changing this repository",
    );
}

/// A workspace release, recorded the way a maintainer would check it afterwards: the exact
/// output, which files changed (and nothing else), the refs made locally and on the remote.
#[test]
fn a_workspace_release_changes_exactly_the_versions_the_commit_the_tags_and_the_remote() {
    let (temp, dir, remote) = released_repo("workspace-independent", "alpha-v0.1.0");
    change_every_member(&dir);
    let files_before = common::files(&dir);
    let refs_before = git(&dir, &["for-each-ref", "--format=%(refname)"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--workspace", "--no-publish", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    snapbox::assert_data_eq!(
        out.stderr.clone(),
        snapbox::str![[r#"
     Release alpha 0.1.0 → 0.1.1
     Release beta 0.2.0 → 0.2.1
     Release gamma 1.0.0 → 1.0.1
        Note `gamma` requires `beta` =0.2.0 → =0.2.1 in [dependencies]
        Edit crates/alpha/Cargo.toml, crates/beta/Cargo.toml, crates/gamma/Cargo.toml, Cargo.lock
      Commit chore: release alpha v0.1.1, beta v0.2.1, gamma v1.0.1
         Tag alpha-v0.1.1 (Release alpha v0.1.1)
         Tag beta-v0.2.1 (Release beta v0.2.1)
         Tag gamma-v1.0.1 (Release gamma v1.0.1)
  No publish --no-publish
        Push main, alpha-v0.1.1, beta-v0.2.1, gamma-v1.0.1 to origin
      Edited crates/alpha/Cargo.toml, crates/beta/Cargo.toml, crates/gamma/Cargo.toml, Cargo.lock
   Committed [..] chore: release alpha v0.1.1, beta v0.2.1, gamma v1.0.1
      Tagged alpha-v0.1.1
      Tagged beta-v0.2.1
      Tagged gamma-v1.0.1
     Pushing main, alpha-v0.1.1, beta-v0.2.1, gamma-v1.0.1 to origin
      Pushed main, alpha-v0.1.1, beta-v0.2.1, gamma-v1.0.1 to origin
    Released alpha v0.1.1, beta v0.2.1, gamma v1.0.1

"#]]
    );
    // Outside .git, only the three manifests and the lock file changed.
    let changed: Vec<String> = common::files(&dir)
        .into_iter()
        .filter(|(path, _)| !path.starts_with(".git"))
        .filter(|file| !files_before.contains(file))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        changed,
        [
            "Cargo.lock",
            "crates/alpha/Cargo.toml",
            "crates/beta/Cargo.toml",
            "crates/gamma/Cargo.toml"
        ]
    );
    let refs_after = git(&dir, &["for-each-ref", "--format=%(refname)"]);
    let new_refs: Vec<&str> = refs_after
        .lines()
        .filter(|r| !refs_before.lines().any(|b| b == *r))
        .collect();
    assert_eq!(
        new_refs,
        [
            "refs/tags/alpha-v0.1.1",
            "refs/tags/beta-v0.2.1",
            "refs/tags/gamma-v1.0.1"
        ]
    );
    assert_eq!(
        git(
            &remote,
            &["for-each-ref", "--format=%(refname) %(objectname)"]
        ),
        git(
            &dir,
            &[
                "for-each-ref",
                "refs/heads/main",
                "refs/tags",
                "--format=%(refname) %(objectname)"
            ]
        ),
        "the remote holds the branch and every tag as they are here"
    );
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
}

/// semver 0.2.2 was prepared in its manifest before it was tagged; `cargo ship 0.2.2` there
/// said "0.2.2 is not greater than the current version 0.2.2". The version prepared is
/// released as it is: nothing to edit, so no commit, the tag on HEAD.
#[test]
fn an_explicit_version_prepared_in_the_manifest_is_released_as_it_is() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    commit_file(&dir, "src/lib.rs", "fix: a bug");
    common::commit_manifest_version(&dir, "0.3.1", "0.3.2", "chore: prepare 0.3.2");
    let head = git(&dir, &["rev-parse", "HEAD"]);

    let before = state(&dir, &remote);
    let out = run(ship(&dir, temp.path()).args(["0.3.2", "--dry-run", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    assert_eq!(
        step_of(&report, "commit")["status"],
        "skipped",
        "{report:#}"
    );
    assert_eq!(step_of(&report, "tag")["detail"], "v0.3.2", "{report:#}");
    assert_eq!(state(&dir, &remote), before);

    let out = run(ship(&dir, temp.path()).args(["0.3.2", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(git(&dir, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(&remote, &["rev-parse", "v0.3.2^{commit}"]), head);
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
}

/// Below an unreleased manifest version, an explicit version above the last release is fine:
/// insta 1.18.0-alpha.1 while its manifest held 1.18.0, cargo-release 0.7.0-beta.1 over its
/// 0.7.0-dev marker, both refused as "not greater than the current version". One at or below
/// the last release is still refused, naming it.
#[test]
fn an_explicit_version_between_the_last_release_and_an_unreleased_manifest_is_allowed() {
    let (temp, dir, remote) = released_repo("valid-crate", "v0.3.1");
    common::commit_manifest_version(&dir, "0.3.1", "0.4.0-dev", "chore: start 0.4.0");
    commit_file(&dir, "src/lib.rs", "feat: something new");
    let before = state(&dir, &remote);

    let out = run(ship(&dir, temp.path()).args(["0.4.0-beta.1", "--dry-run", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    assert_eq!(
        report["packages"][0]["version"], "0.4.0-beta.1",
        "{report:#}"
    );
    assert_eq!(
        step_of(&report, "tag")["detail"],
        "v0.4.0-beta.1",
        "{report:#}"
    );
    for asked in ["0.3.1", "0.3.0"] {
        let out = run(ship(&dir, temp.path()).args([asked, "--dry-run"]));
        assert_eq!(out.code, 1, "{}", out.all());
        common::assert_contains(
            &out.stderr,
            &format!("cannot release `tidy` {asked}: the last release is 0.3.1 (tag v0.3.1)"),
        );
    }
    assert_eq!(state(&dir, &remote), before);
}

/// semver keeps `version = "0.0.0"` in its manifest between releases and tags `1.0.0-rc.1`
/// style: no tag is at or below 0.0.0, so its tags' format was not found and `v1.0.0-rc.1`
/// was planned. The new version bounds the search for the format then.
#[test]
fn a_placeholder_manifest_version_keeps_the_repositorys_tag_format() {
    let (temp, dir, _remote) = released_repo("valid-crate", "0.3.1");
    common::commit_manifest_version(&dir, "0.3.1", "0.0.0", "Back to the placeholder");
    commit_file(&dir, "src/lib.rs", "feat: something new");
    let out = run(ship(&dir, temp.path()).args(["1.0.0-rc.1", "--dry-run", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    assert_eq!(
        step_of(&report, "tag")["detail"],
        "1.0.0-rc.1",
        "{report:#}"
    );
}

/// toml 0.8.12 fixed a bug in code it shares with toml_edit and said so in its own changelog
/// only; `suggest -p toml` gave 0.8.12, but `cargo ship 0.8.12 -p toml` refused: "nothing
/// changed in `toml`" (no commit touched a file it ships). The same held for a member whose
/// workspace dependency changed (toml 0.8.16). Both count, measured from the member's own
/// release, so a rerun after it still finds nothing to do.
#[test]
fn a_changelog_entry_or_a_dependency_change_since_the_release_is_a_change() {
    let (temp, dir) = fixture("workspace-independent");
    let beta = dir.join("crates/beta");
    let manifest = std::fs::read_to_string(beta.join("Cargo.toml")).expect("read");
    std::fs::write(
        beta.join("Cargo.toml"),
        manifest.replace(
            "categories = [\"development-tools\"]\n",
            "categories = [\"development-tools\"]\ninclude = [\"src/**/*.rs\", \"Cargo.toml\"]\n",
        ),
    )
    .expect("write");
    std::fs::write(
        beta.join("CHANGELOG.md"),
        "# Changelog\n\n## [Unreleased] - ReleaseDate\n\n## [0.2.0] - 2026-01-01\n",
    )
    .expect("write");
    common::git_init(&dir);
    for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    let remote = temp.path().join("remote.git");
    common::add_remote(&dir, &remote);
    std::fs::write(
        beta.join("CHANGELOG.md"),
        "# Changelog\n\n## [Unreleased] - ReleaseDate\n\n### Fixes\n\n- Parse long inputs\n\n\
         ## [0.2.0] - 2026-01-01\n",
    )
    .expect("write");
    git(
        &dir,
        &["commit", "-q", "-am", "docs(beta): the fix reaches beta"],
    );

    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "beta", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        git(&remote, &["rev-parse", "beta-v0.2.1^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "beta", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "nothing changed in `beta` since tag beta-v0.2.1",
    );

    // alpha changes and is not released yet: beta, asked for alone, needs a fix too. Released
    // so, a rerun does not release it again for the same change of alpha's: it is measured
    // from beta's release.
    commit_file(&dir, "crates/alpha/src/lib.rs", "fix: alpha mends");
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "beta", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.all(), "Release beta 0.2.1 → 0.2.2");
    let out = run(ship(&dir, temp.path()).args(["patch", "-p", "beta", "--yes", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "nothing changed in `beta` since tag beta-v0.2.2",
    );
    // `suggest -p beta` still says 0.2.3, counting alpha's unreleased fix as released with
    // it: the refusal says so, and how to release both.
    common::assert_contains(
        &out.stderr,
        "Its workspace dependency `alpha` changed since its last release, which `suggest` \
         counts for it: release them together (`-p alpha -p beta`). Pass --force",
    );
}

/// insta 1.41.1 was released for what its changelog says under `## 1.41.1`, written after
/// 1.41.0 ("Re-release of 1.41.1 to generate release artifacts correctly"); no file insta
/// ships had changed, and the release was refused as "nothing changed".
#[test]
fn a_changelog_section_written_for_the_coming_version_is_a_change() {
    let (temp, dir) = fixture("valid-crate");
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(
        &manifest,
        text.replacen(
            "version = \"0.3.1\"",
            "version = \"0.3.1\"\ninclude = [\"src/**/*.rs\", \"Cargo.toml\"]",
            1,
        ),
    )
    .expect("write");
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "# Changelog\n\n## 0.3.1\n\n- A fix\n",
    )
    .expect("write");
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "v0.3.1", "-m", "v0.3.1"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "nothing changed in `tidy` since tag v0.3.1");

    std::fs::write(
        dir.join("CHANGELOG.md"),
        "# Changelog\n\n## 0.3.2\n\n- Re-release of 0.3.2 with its artifacts\n\n## 0.3.1\n\n- A fix\n",
    )
    .expect("write");
    git(&dir, &["commit", "-q", "-am", "Prepare 0.3.2"]);
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.all(), "Release tidy 0.3.1 → 0.3.2");
}

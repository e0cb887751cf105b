//! `cargo ship suggest`, `cargo ship auto` and the under-bump guard, on real git repositories
//! built by the tests.

mod common;

use std::path::{Path, PathBuf};

use common::{git, json, run, ship};
use tempfile::TempDir;

const META: &str = "edition = \"2021\"\nrust-version = \"1.70\"\ndescription = \"A crate for suggest tests\"\nlicense = \"MIT\"\nrepository = \"https://github.com/example/s\"\nkeywords = [\"test\"]\ncategories = [\"development-tools\"]\n";

/// A one-crate repository at `version`, committed, optionally tagged.
fn crate_repo(version: &str, tag: Option<&str>) -> (TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("demo");
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"demo\"\nversion = \"{version}\"\n{META}"),
    )
    .expect("write");
    std::fs::write(dir.join("src/lib.rs"), "//! Demo.\n").expect("write");
    std::fs::write(dir.join("README.md"), "# demo\n").expect("write");
    std::fs::write(dir.join(".gitignore"), "/target\n").expect("write");
    common::git_init(&dir);
    if let Some(tag) = tag {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    (temp, dir)
}

/// The `workspace-independent` fixture in git, each member tagged at its release
/// (alpha 0.1.0, beta 0.2.0, gamma 1.0.0).
fn released_workspace() -> (TempDir, PathBuf) {
    let (temp, dir) = common::fixture("workspace-independent");
    common::git_init(&dir);
    for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    (temp, dir)
}

/// The `workspace-independent` fixture in git, untagged, with beta's public API naming
/// alpha's types (anstyle's adapters).
fn beta_names_alpha() -> (TempDir, PathBuf) {
    let (temp, dir) = common::fixture("workspace-independent");
    std::fs::write(
        dir.join("crates/beta/src/lib.rs"),
        "//! beta\npub fn convert(value: alpha::Value) -> u8 { 0 }\n",
    )
    .expect("write");
    common::git_init(&dir);
    (temp, dir)
}

/// The entry of `name` in a suggest report.
fn package_named(report: &serde_json::Value, name: &str) -> serde_json::Value {
    report["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no {name} in {report}"))
}

/// Commits a change to `file` (created if needed) with `message`.
fn commit(dir: &Path, file: &str, message: &str) {
    commit_files(dir, &[file], message);
}

/// Commits a change to each of `files` (created if needed) in one commit with `message`.
fn commit_files(dir: &Path, files: &[&str], message: &str) {
    for file in files {
        common::change_file(&dir.join(file));
    }
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Commits a comment appended to each of `files`, in one commit with `message`.
fn commit_comments(dir: &Path, files: &[&str], message: &str) {
    for file in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let mut text = std::fs::read_to_string(&path).unwrap_or_default();
        text.push_str("// a comment\n");
        std::fs::write(&path, text).expect("write");
    }
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

fn suggestion(dir: &Path, home: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["suggest", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(ship(dir, home).args(&args));
    assert_eq!(out.code, 0, "{}", out.all());
    json(&out)
}

#[test]
fn commits_decide_by_cargos_rule_on_1x_0y_and_00z() {
    for (version, messages, change, next) in [
        ("1.4.2", &["fix: a bug"][..], "fix", "1.4.3"),
        (
            "1.4.2",
            &["fix: a bug", "feat: a flag"][..],
            "feature",
            "1.5.0",
        ),
        ("1.4.2", &["feat!: drop a flag"][..], "breaking", "2.0.0"),
        (
            "1.4.2",
            &["refactor: x\n\nBREAKING CHANGE: the API moved"][..],
            "breaking",
            "2.0.0",
        ),
        ("0.3.1", &["feat: a flag"][..], "feature", "0.3.2"),
        ("0.3.1", &["feat(api)!: new types"][..], "breaking", "0.4.0"),
        ("0.0.4", &["feat!: anything"][..], "breaking", "0.0.5"),
    ] {
        let (temp, dir) = crate_repo(version, Some(&format!("v{version}")));
        for message in messages {
            commit(&dir, "src/lib.rs", message);
        }
        let report = suggestion(&dir, temp.path(), &[]);
        let package = &report["packages"][0];
        assert_eq!(package["current"], version);
        assert_eq!(
            package["change"], change,
            "{version} {messages:?}: {package:#}"
        );
        assert_eq!(package["next"], next, "{version} {messages:?}: {package:#}");
        assert_eq!(package["since"], format!("v{version}"));
        assert_eq!(
            package["reasons"].as_array().expect("reasons").len(),
            messages.len()
        );
        assert_eq!(package["reasons"][0]["source"], "commit");
    }
}

#[test]
fn a_change_to_shipped_files_is_a_fix_whatever_the_message_says() {
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    commit(&dir, "src/lib.rs", "Tweak things");
    commit(&dir, "README.md", "docs: wording");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["change"], "fix", "{package}");
    assert_eq!(package["next"], "1.0.1");
    assert_eq!(package["reasons"][0]["source"], "files", "{package}");
    let out = run(ship(&dir, temp.path()).arg("suggest"));
    common::assert_contains(&out.stdout, "2 commits changed files it ships");
    common::assert_contains(
        &out.stdout,
        "1 commit since v1.0.0 is not a conventional commit: its message says nothing",
    );
}

/// A maintainer edits `src/`, then asks what the next version is before committing: the
/// answer was "nothing changed since v1.0.0", because only commits were read. What `git
/// status` lists and the package ships counts as a change too.
#[test]
fn uncommitted_changes_to_shipped_files_are_a_change() {
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    // An untracked lock a build just wrote, and a file the package does not ship: no change.
    std::fs::write(dir.join("Cargo.lock"), "version = 4\n").expect("write");
    std::fs::create_dir_all(dir.join("target")).expect("mkdir");
    std::fs::write(dir.join("target/out.txt"), "built\n").expect("write");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["change"], "none", "{package}");

    std::fs::write(dir.join("src/lib.rs"), "//! Demo.\npub fn grown() {}\n").expect("write");
    std::fs::write(dir.join("src/new.rs"), "// new\n").expect("write");
    let before = common::files(&dir);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "1.0.1", "{package}");
    assert_eq!(package["reasons"][0]["source"], "files", "{package}");
    common::assert_contains(
        package["reasons"][0]["detail"].as_str().unwrap_or_default(),
        "uncommitted changes to files it ships (src/lib.rs and 1 more): not committed yet",
    );
    assert_eq!(common::files(&dir), before, "suggest changed the tree");

    // With a commit that says more, they are a note beside it.
    git(&dir, &["stash", "-q", "-u"]);
    commit(&dir, "src/flag.rs", "feat: a flag");
    git(&dir, &["stash", "pop", "-q"]);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "1.1.0", "{package}");
    common::assert_contains(
        &package["notes"].to_string(),
        "uncommitted changes to files it ships (src/lib.rs and 1 more): at least a fix",
    );
}

/// A workspace member with uncommitted changes moves the members that depend on it, as a
/// commit would.
#[test]
fn an_uncommitted_change_to_a_workspace_dependency_raises_its_dependents() {
    let (temp, dir) = released_workspace();
    std::fs::write(dir.join("crates/alpha/src/lib.rs"), "// edited\n").expect("write");
    let report = suggestion(&dir, temp.path(), &["-p", "beta"]);
    let beta = &report["packages"][0];
    assert_eq!(beta["next"], "0.2.1", "{report}");
    assert_eq!(beta["reasons"][0]["source"], "dependency", "{report}");
    let report = suggestion(&dir, temp.path(), &["-p", "gamma"]);
    assert_eq!(report["packages"][0]["change"], "fix", "{report}");
}

#[test]
fn files_the_package_does_not_ship_are_no_change() {
    let (temp, dir) = crate_repo("1.0.0", None);
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(
        &manifest,
        text.replacen(
            "[package]\n",
            "[package]\nexclude = [\"/ci\", \"*.png\"]\n",
            1,
        ),
    )
    .expect("write");
    git(&dir, &["commit", "-q", "-am", "chore: exclude CI files"]);
    git(&dir, &["tag", "-a", "v1.0.0", "-m", "v1.0.0"]);
    commit(&dir, "ci/run.sh", "feat: a new CI step");
    commit(&dir, "docs/logo.png", "Update the logo");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["change"], "none", "{package}");
    assert_eq!(package["next"], serde_json::Value::Null);
    commit(&dir, "src/lib.rs", "Tweak things");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "1.0.1", "{package}");
}

#[test]
fn a_workspace_member_sees_only_commits_in_its_directory() {
    let (temp, dir) = released_workspace();
    commit(&dir, "crates/alpha/src/lib.rs", "feat!: alpha breaks");
    commit(&dir, "crates/beta/src/lib.rs", "fix: beta fix");
    commit(&dir, "docs/guide.md", "feat: outside every member");
    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    let by_name = |name: &str| package_named(&report, name);
    assert_eq!(by_name("alpha")["next"], "0.2.0");
    assert_eq!(by_name("alpha")["since"], "alpha-v0.1.0");
    assert_eq!(by_name("beta")["next"], "0.2.1");
    // gamma has no commit of its own (docs/ is outside every member): only its dependency
    // counts.
    let gamma = by_name("gamma");
    let sources: Vec<&str> = gamma["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter_map(|r| r["source"].as_str())
        .collect();
    assert_eq!(sources, ["dependency"], "{gamma}");
}

/// anstyle-stream was renamed anstream and its commits kept the scope `stream`, which names no
/// member; `feat(stream): Allow wrapping a Vec directly` also adapted anstyle-wincon, which
/// anstyle released as a patch. A scope every commit of which touched one member, some only
/// it, is that member's; a scope spread over members names none.
#[test]
fn a_scope_that_names_no_member_is_the_member_its_commits_touch() {
    let (temp, dir) = released_workspace();
    commit(
        &dir,
        "crates/alpha/src/lib.rs",
        "fix(core): tighten a check",
    );
    commit_files(
        &dir,
        &["crates/alpha/src/lib.rs", "crates/gamma/src/lib.rs"],
        "feat(core): a new kind of value",
    );
    let gamma = package_named(&suggestion(&dir, temp.path(), &["-p", "gamma"]), "gamma");
    assert_eq!(gamma["next"], "1.0.1", "{gamma:#}");
    common::assert_contains(
        &gamma["reasons"].to_string(),
        "feat(core): a new kind of value (its scope is alpha's: here it changed files to follow it)",
    );

    // `serde` is spread over alpha and gamma: gamma's own feature.
    let (temp, dir) = released_workspace();
    commit(
        &dir,
        "crates/alpha/src/lib.rs",
        "fix(serde): alpha's serializer",
    );
    commit(
        &dir,
        "crates/gamma/src/lib.rs",
        "fix(serde): gamma's serializer",
    );
    commit_files(
        &dir,
        &["crates/alpha/src/lib.rs", "crates/gamma/src/lib.rs"],
        "feat(serde): borrowed strings",
    );
    let gamma = package_named(&suggestion(&dir, temp.path(), &["-p", "gamma"]), "gamma");
    assert_eq!(gamma["next"], "1.1.0", "{gamma:#}");
}

/// A message speaks for the code its commit changed. anstyle's `fix(stream)!: Shorten the
/// crate name to anstream` also fixed a doc link in anstyle (released as a patch); toml's
/// `feat(toml): Multi-line inline tables…` added only tests to toml. Where a commit changed
/// only documentation and tests, it is a fix; one code line among its comments and it says
/// what it says.
#[test]
fn a_commit_that_changed_only_documentation_and_tests_here_is_a_fix() {
    let (temp, dir) = released_workspace();
    // A user's `diff.noprefix` must not hide the diffs from suggest.
    git(&dir, &["config", "diff.noprefix", "true"]);
    commit_files(
        &dir,
        &["crates/alpha/src/lib.rs", "crates/gamma/README.md"],
        "feat!: alpha's new model",
    );
    commit_comments(
        &dir,
        &["crates/gamma/src/lib.rs"],
        "feat!: document the new model",
    );
    commit_files(
        &dir,
        &["crates/gamma/tests/inline.rs"],
        "feat: inline tables",
    );
    commit_files(
        &dir,
        &["crates/gamma/examples/model.rs"],
        "feat!: an example of the new model",
    );
    let gamma = package_named(&suggestion(&dir, temp.path(), &["-p", "gamma"]), "gamma");
    let reasons = gamma["reasons"].to_string();
    assert_eq!(gamma["change"], "fix", "{gamma:#}");
    for subject in [
        "feat!: alpha's new model",
        "feat!: document the new model",
        "feat: inline tables",
        "feat!: an example of the new model",
    ] {
        common::assert_contains(
            &reasons,
            &format!("{subject} (here it changed only documentation and tests)"),
        );
    }

    // A code line beside the comments: the message decides.
    commit_files(&dir, &["crates/gamma/src/lib.rs"], "feat: gamma grows");
    let gamma = package_named(&suggestion(&dir, temp.path(), &["-p", "gamma"]), "gamma");
    assert_eq!(gamma["next"], "1.1.0", "{gamma:#}");
}

#[test]
fn merge_commits_bring_their_branch_commits() {
    let (temp, dir) = crate_repo("2.1.0", Some("v2.1.0"));
    git(&dir, &["checkout", "-q", "-b", "topic"]);
    commit(&dir, "src/lib.rs", "feat: from a branch");
    git(&dir, &["checkout", "-q", "main"]);
    commit(&dir, "README.md", "docs: meanwhile");
    common::merge(&dir, "topic", &["Merge branch 'topic'"]);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "2.2.0", "{package:#}");
    let reasons = package["reasons"].as_array().expect("reasons");
    assert_eq!(
        reasons.len(),
        1,
        "the merge commit itself is not evidence: {reasons:?}"
    );
}

#[test]
fn a_squash_merge_speaks_with_the_commits_it_squashed() {
    let (temp, dir) = crate_repo("2.1.0", Some("v2.1.0"));
    commit(
        &dir,
        "src/lib.rs",
        "Apply review feedback (#31)\n\n* feat(parser): stream the input\n\n* docs: explain streaming",
    );
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "2.2.0", "{package:#}");
    common::assert_contains(
        &package["reasons"].to_string(),
        "feat(parser): stream the input",
    );
}

#[test]
fn a_github_merge_speaks_with_its_pull_request_title() {
    let (temp, dir) = crate_repo("2.1.0", Some("v2.1.0"));
    git(&dir, &["checkout", "-q", "-b", "topic"]);
    commit(&dir, "src/lib.rs", "wip");
    commit(&dir, "src/lib.rs", "address review");
    git(&dir, &["checkout", "-q", "main"]);
    common::merge(
        &dir,
        "topic",
        &[
            "Merge pull request #7 from me/topic",
            "feat(parser): stream the input",
        ],
    );
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "2.2.0", "{package:#}");
    common::assert_contains(
        &package["reasons"].to_string(),
        "feat(parser): stream the input",
    );
}

#[test]
fn legacy_tag_formats_and_the_newest_ancestor_tag() {
    for tag in [
        "1.3.0",
        "v1.3.0",
        "demo-v1.3.0",
        "demo/v1.3.0",
        "demo-1.3.0",
        "v.1.3.0",
        // cargo-workspaces tags each crate `name@version`.
        "demo@1.3.0",
    ] {
        let (temp, dir) = crate_repo("1.3.0", Some(tag));
        commit(&dir, "src/lib.rs", "fix: after the release");
        let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
        assert_eq!(package["since"], tag);
        assert_eq!(package["next"], "1.3.1");
    }
    // knope's dobby 0.1.2, prepared in the manifest after `v.0.1.1`: offline, with no tag
    // read, 0.1.2 looked released and 0.1.3 was suggested.
    let (temp, dir) = crate_repo("0.1.1", Some("v.0.1.1"));
    common::commit_manifest_version(&dir, "0.1.1", "0.1.2", "fix: Update Cargo.lock");
    let package = &suggestion(&dir, temp.path(), &["--offline"])["packages"][0];
    assert_eq!(package["since"], "v.0.1.1", "{package:#}");
    assert_eq!(package["next"], "0.1.2", "{package:#}");
    // A tag on another branch and a tag newer than the manifest are not the last release.
    let (temp, dir) = crate_repo("1.3.0", Some("v1.2.0"));
    commit(&dir, "src/lib.rs", "feat: one");
    git(&dir, &["tag", "-a", "v1.3.0", "-m", "v1.3.0"]);
    git(
        &dir,
        &["tag", "-a", "v9.0.0", "-m", "a tag from the future"],
    );
    git(&dir, &["checkout", "-q", "-b", "side"]);
    commit(&dir, "src/lib.rs", "fix: side");
    git(&dir, &["tag", "-a", "v1.3.5", "-m", "off main"]);
    git(&dir, &["checkout", "-q", "main"]);
    commit(&dir, "src/lib.rs", "fix: two");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["since"], "v1.3.0", "{package:#}");
    assert_eq!(package["next"], "1.3.1");
}

#[test]
fn without_tags_the_version_change_or_all_history_is_the_base() {
    let (temp, dir) = crate_repo("0.1.0", None);
    commit(&dir, "src/lib.rs", "feat: early");
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replace("0.1.0", "0.2.0")).expect("write");
    git(&dir, &["commit", "-q", "-am", "chore: 0.2.0"]);
    commit(&dir, "src/lib.rs", "fix: after the bump");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["since"], serde_json::Value::Null);
    assert_eq!(
        package["change"], "fix",
        "only the commit after the version change: {package:#}"
    );
    assert_eq!(package["next"], "0.2.1");

    let (temp, dir) = crate_repo("0.1.0", None);
    commit(&dir, "src/lib.rs", "feat: something");
    let out = run(ship(&dir, temp.path()).arg("suggest"));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "(all history)");
    common::assert_contains(&out.stdout, "since the first commit");
}

/// semver kept `version = "0.0.0"` in its manifest while 0.11.0 was tagged in its history:
/// `suggest` counted from the first commit and proposed 0.0.0 without saying why. The tag
/// above the manifest is still not its last release, but the note names it and the way out.
#[test]
fn a_tag_above_a_placeholder_manifest_version_is_named() {
    let (temp, dir) = crate_repo("1.2.0", Some("v1.2.0"));
    common::commit_manifest_version(&dir, "1.2.0", "0.0.0", "chore: placeholder version");
    commit(&dir, "src/lib.rs", "fix: rewrite");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["since"], serde_json::Value::Null, "{package:#}");
    common::assert_contains(
        &package["notes"].to_string(),
        "tag v1.2.0 in HEAD's history is above the manifest's 0.0.0, so it is not taken as \
         the last release; if 0.0.0 is a placeholder, measure from the tag with `--since \
         v1.2.0`",
    );
    let package = &suggestion(&dir, temp.path(), &["--since", "v1.2.0"])["packages"][0];
    assert_eq!(package["next"], "1.2.1", "{package:#}");
    assert!(
        !package["notes"].to_string().contains("placeholder"),
        "{package:#}"
    );

    // A manifest at or above its tags hears nothing of the kind.
    let (temp, dir) = crate_repo("1.2.0", Some("v1.2.0"));
    commit(&dir, "src/lib.rs", "fix: mend");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert!(
        !package["notes"].to_string().contains("placeholder"),
        "{package:#}"
    );
}

#[test]
fn since_overrides_the_last_release() {
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    commit(&dir, "src/lib.rs", "feat!: big");
    let middle = git(&dir, &["rev-parse", "HEAD"]).trim().to_string();
    commit(&dir, "src/lib.rs", "fix: small");
    let package = &suggestion(&dir, temp.path(), &["--since", &middle])["packages"][0];
    assert_eq!(package["change"], "fix");
    assert_eq!(package["since"], middle);
    let out = run(ship(&dir, temp.path()).args(["suggest", "--since", "no-such-ref"]));
    assert_eq!(out.code, 2, "{}", out.all());
}

#[test]
fn a_pre_release_is_measured_from_the_last_release_and_finished_when_nothing_changed() {
    let (temp, dir) = crate_repo("0.9.0", Some("v0.9.0"));
    commit(&dir, "src/lib.rs", "feat!: towards 1.0");
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replace("0.9.0", "1.0.0-rc.2")).expect("write");
    git(
        &dir,
        &["commit", "-q", "-am", "chore: release demo v1.0.0-rc.2"],
    );
    git(&dir, &["tag", "-a", "v1.0.0-rc.2", "-m", "rc.2"]);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(
        package["since"], "v0.9.0",
        "measured from the last release: {package:#}"
    );
    // 1.0.0 covers a breaking change since 0.9.0, and nothing changed since rc.2: finish it.
    assert_eq!(package["next"], "1.0.0", "{package:#}");
    // A fix found in rc.2 is tested in another candidate first.
    commit(&dir, "src/lib.rs", "fix: found in rc.2");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "1.0.0-rc.3", "{package:#}");
}

/// A section that says it has nothing ("Nothing yet.") is an empty one, not a fix.
#[test]
fn a_changelog_placeholder_is_no_entry() {
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    commit(&dir, "src/lib.rs", "feat: a flag");
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "# Changelog\n\n## [Unreleased]\n\nNothing yet.\n\n## [1.0.0] - 2026-01-01\n",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "docs: a changelog"]);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "1.1.0", "{package:#}");
    let reasons = package["reasons"].to_string();
    assert!(!reasons.contains("Nothing yet"), "{package:#}");
    let out = run(ship(&dir, temp.path()).args(["minor", "--dry-run", "--no-publish"]));
    common::assert_contains(&out.all(), "+### Added");
    common::assert_contains(&out.all(), "+- a flag");
    // The placeholder is the file's template for Unreleased: it stays there, above the
    // release.
    common::assert_contains(&out.all(), "\n Nothing yet.\n \n+## [1.1.0] - ");
    assert!(!out.all().contains("-Nothing yet."), "{}", out.all());
}

#[test]
fn a_changelog_template_of_todos_is_no_entry() {
    // bumpalo's CHANGELOG.md between releases: a date to fill in and a TODO under every
    // heading, `Removed` included. Read as entries, it made an untouched crate "breaking".
    let (temp, dir) = crate_repo("3.19.1", Some("v3.19.1"));
    let template: String = [
        "Added",
        "Changed",
        "Deprecated",
        "Removed",
        "Fixed",
        "Security",
    ]
    .iter()
    .map(|h| format!("### {h}\n\n* TODO (or remove section if none)\n\n"))
    .collect();
    std::fs::write(
        dir.join("CHANGELOG.md"),
        format!("## Unreleased\n\nReleased YYYY-MM-DD.\n\n{template}{}\n\n## 3.19.1\n\nReleased 2025-01-02.\n", "-".repeat(80)),
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "docs: changelog template"]);
    commit(&dir, "src/lib.rs", "fix: a small thing");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["change"], "fix", "{package:#}");
    assert_eq!(package["next"], "3.19.2", "{package:#}");
    assert!(!package.to_string().contains("TODO"), "{package:#}");
}

/// toml's `fix(edit)!: Require a Document to always be a Table` was reverted before toml_edit
/// 0.23.0: a change taken back before the release says nothing about it.
#[test]
fn a_commit_reverted_before_the_release_says_nothing() {
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    commit(&dir, "src/lib.rs", "feat!: require a table");
    git(&dir, &["revert", "--no-edit", "HEAD"]);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "1.0.1", "{package:#}");
    let reasons = package["reasons"].to_string();
    common::assert_contains(&reasons, "Revert \\\"feat!: require a table\\\"");
    assert!(!reasons.contains("breaking"), "{package:#}");
    // Reapplied, it stands again.
    git(&dir, &["revert", "--no-edit", "HEAD"]);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "2.0.0", "{package:#}");
}

#[test]
fn each_changelog_heading_variant_counts() {
    for (heading, change, next) in [
        ("Added", "feature", "1.1.0"),
        ("Features", "feature", "1.1.0"),
        ("Fixed", "fix", "1.0.1"),
        ("Fixes", "fix", "1.0.1"),
        ("Bug Fixes", "fix", "1.0.1"),
        ("Security", "fix", "1.0.1"),
        ("Removed", "breaking", "2.0.0"),
        ("Breaking", "breaking", "2.0.0"),
        ("Breaking Changes", "breaking", "2.0.0"),
        ("Changed", "feature", "1.1.0"),
        ("Deprecated", "feature", "1.1.0"),
        ("New Features (BREAKING)", "breaking", "2.0.0"),
        ("<!-- 0 -->🚀 Features", "feature", "1.1.0"),
    ] {
        // spin's releases are `#` headings over `###` groups.
        for (unreleased, release) in [
            ("## [Unreleased]", "## [1.0.0]"),
            ("## Unreleased", "## [1.0.0]"),
            ("## [Unreleased] - ReleaseDate", "## [1.0.0]"),
            ("# Unreleased", "# [1.0.0]"),
        ] {
            let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
            std::fs::write(
                dir.join("CHANGELOG.md"),
                format!("# Changelog\n\n{unreleased}\n\n### {heading}\n\n- Something users see.\n\n{release} - 2026-01-01\n"),
            )
            .expect("write");
            git(&dir, &["add", "-A"]);
            git(&dir, &["commit", "-q", "-m", "Write the changelog"]);
            let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
            assert_eq!(package["change"], change, "{heading} under {unreleased}");
            assert_eq!(package["next"], next, "{heading} under {unreleased}");
            assert_eq!(package["reasons"][0]["source"], "changelog");
            assert_eq!(
                package["reasons"][0]["detail"],
                format!("CHANGELOG.md:7 {heading}: Something users see.")
            );
        }
    }
    // "Changed" with BREAKING in the entry is breaking.
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "## [Unreleased]\n### Changed\n- BREAKING: renamed `run`\n",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "Changelog"]);
    assert_eq!(
        suggestion(&dir, temp.path(), &[])["packages"][0]["next"],
        "2.0.0"
    );
    // cargo-smart-release's own shape (gitoxide's changelogs): items indented by one space and
    // opened by an anchor, statistics that say nothing about the version.
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "## Unreleased\n\n### Bug Fixes (BREAKING)\n\n - <csr-id-8cad009eafe8e1054a715dc99bb9a884325d5ea5/> `Tree::lookup_entry()` is not mutating anymore\n   The previous implementation was a crutch.\n\n### Commit Statistics\n\n<csr-read-only-do-not-edit/>\n\n - 4 commits contributed to the release.\n\n## 0.49.1 (2023-07-19)\n",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(
        &dir,
        &["commit", "-q", "-m", "Prepare changelogs prior to release"],
    );
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "2.0.0", "{package:#}");
    assert_eq!(
        package["reasons"][0]["detail"],
        "CHANGELOG.md:5 Bug Fixes (BREAKING): `Tree::lookup_entry()` is not mutating anymore"
    );
    assert!(
        !package
            .to_string()
            .contains("not a heading cargo ship knows"),
        "statistics are no unknown heading: {package:#}"
    );
    // The word in a fix's prose is no mark (this repository's own changelog, which says
    // what its API diff called breaking, asked for a major release).
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "## [Unreleased]
### Fixed
- `suggest` called `S {}` → `S;` breaking
- A bug breaking builds on Windows
",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "Changelog"]);
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["change"], "fix", "{package}");
    assert_eq!(package["next"], "1.0.1");
}

#[test]
fn the_under_bump_guard_refuses_with_reasons_and_force_overrides() {
    let (temp, dir) = crate_repo("1.4.2", Some("v1.4.2"));
    commit(&dir, "src/lib.rs", "feat!: drop the old API");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run", "--no-publish"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "need at least 2.0.0");
    common::assert_contains(&out.stderr, "feat!: drop the old API");
    common::assert_contains(&out.stderr, "`cargo ship major`");
    let out = run(ship(&dir, temp.path()).args(["major", "--dry-run", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let out =
        run(ship(&dir, temp.path()).args(["major", "--pre", "rc", "--dry-run", "--no-publish"]));
    assert_eq!(
        out.code,
        0,
        "a pre-release of the required version: {}",
        out.all()
    );
    let out = run(ship(&dir, temp.path()).args(["patch", "--force", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "--force: releasing anyway");
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "chore: release demo v1.4.3"
    );

    // On 0.3.1 a feature needs only 0.3.2: `patch` is right.
    let (temp, dir) = crate_repo("0.3.1", Some("v0.3.1"));
    commit(&dir, "src/lib.rs", "feat: a flag");
    let out = run(ship(&dir, temp.path()).args(["patch", "--dry-run", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn auto_releases_the_suggested_version_or_says_there_is_nothing_to_do() {
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    let out = run(ship(&dir, temp.path()).args(["auto", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "Nothing to release");
    commit(&dir, "src/lib.rs", "feat: new");
    let out = run(ship(&dir, temp.path()).args(["auto", "--yes", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        git(&dir, &["describe", "--tags", "--exact-match"]).trim(),
        "v1.1.0"
    );
}

#[test]
fn the_release_preflight_warns_about_an_empty_changelog_and_check_does_not() {
    let (temp, dir) = crate_repo("1.0.0", Some("v1.0.0"));
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "Add a changelog"]);
    commit(&dir, "src/lib.rs", "Improve things");
    let out = run(ship(&dir, temp.path()).args(["minor", "--dry-run", "--no-publish"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "warning[changelog-missing-entry]");
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert!(
        !out.all().contains("changelog-missing-entry"),
        "{}",
        out.all()
    );
}

/// A library whose public API the tests change.
const API: &str = "//! API demo.\npub fn kept() {}\npub fn removed() {}\npub enum Mode { A, B }\n#[non_exhaustive]\npub enum Open { X }\npub struct Point { pub x: i32, pub y: i32 }\npub trait Shape {\n    fn area(&self) -> f64;\n    fn name(&self) -> &str { \"shape\" }\n}\n";

#[test]
fn the_public_api_diff_finds_breaking_changes_and_additions() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "pub fn removed() {}\n",
            "",
            "breaking",
            "removed fn demo::removed",
        ),
        (
            "pub fn kept() {}\n",
            "pub fn kept() {}\npub fn added() {}\n",
            "feature",
            "added fn demo::added",
        ),
        (
            "pub enum Mode { A, B }",
            "pub enum Mode { A, B, C }",
            "breaking",
            "added variant demo::Mode::C to an exhaustive enum",
        ),
        (
            "pub enum Open { X }",
            "pub enum Open { X, Y }",
            "feature",
            "added variant demo::Open::Y",
        ),
        (
            "pub y: i32 }",
            "pub y: i32, pub z: i32 }",
            "breaking",
            "added field demo::Point::z to a struct whose fields are all public",
        ),
        (
            "fn area(&self) -> f64;",
            "fn area(&self) -> f64;\n    fn sides(&self) -> u32;",
            "breaking",
            "added trait item demo::Shape::sides without a default",
        ),
        (
            "fn area(&self) -> f64;",
            "fn area(&self) -> f64;\n    fn sides(&self) -> u32 { 0 }",
            "feature",
            "added trait item demo::Shape::sides",
        ),
        (
            "pub fn kept() {}",
            "pub fn kept(_: u8) {}",
            "breaking",
            "changed fn demo::kept: new signature",
        ),
    ];
    let (temp, dir) = crate_repo("1.2.0", None);
    std::fs::write(dir.join("src/lib.rs"), API).expect("write");
    git(&dir, &["commit", "-q", "-am", "Write the API"]);
    git(&dir, &["tag", "-a", "v1.2.0", "-m", "v1.2.0"]);
    for (from, to, change, detail) in cases {
        std::fs::write(dir.join("src/lib.rs"), API.replacen(from, to, 1)).expect("write");
        git(&dir, &["commit", "-q", "-am", "Change the API"]);
        let package = &suggestion(&dir, temp.path(), &["--api"])["packages"][0];
        assert_eq!(package["change"], *change, "{detail}: {package:#}");
        let details: Vec<&str> = package["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .filter_map(|r| r["detail"].as_str())
            .collect();
        assert!(details.contains(detail), "{detail} not in {details:?}");
        assert!(
            package["reasons"]
                .as_array()
                .expect("reasons")
                .iter()
                .all(|r| r["source"] == "api")
        );
        git(&dir, &["reset", "-q", "--hard", "v1.2.0"]);
    }
    // The baseline worktree is gone afterwards.
    assert!(!git(&dir, &["worktree", "list"]).contains("api-baseline"));
}

/// nix has no default features: compared with them alone, its API was almost empty and its
/// breaking releases read as nothing. Every feature left to users is on, as cargo
/// semver-checks does; when one does not build, both sides go back to default features and the
/// note says so.
#[test]
fn the_api_behind_a_feature_is_compared_and_a_feature_that_does_not_build_falls_back() {
    let (temp, dir) = crate_repo("1.2.0", None);
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("read");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("{manifest}\n[features]\nextra = []\nunstable = []\n"),
    )
    .expect("write");
    let lib = "//! Demo.\npub fn kept() {}\n#[cfg(feature = \"extra\")]\npub fn gated() {}\n";
    std::fs::write(dir.join("src/lib.rs"), lib).expect("write");
    git(
        &dir,
        &["commit", "-q", "-am", "Gate an item behind a feature"],
    );
    git(&dir, &["tag", "-a", "v1.2.0", "-m", "v1.2.0"]);
    // An unstable feature is not the API: it is not turned on, so this does not break.
    let unstable = "#[cfg(feature = \"unstable\")]\ncompile_error!(\"nightly only\");\n";
    std::fs::write(
        dir.join("src/lib.rs"),
        format!(
            "{}{unstable}",
            lib.replace("pub fn gated() {}", "pub fn gated(_: u8) {}")
        ),
    )
    .expect("write");
    git(&dir, &["commit", "-q", "-am", "Change the gated item"]);
    let package = &suggestion(&dir, temp.path(), &["--api"])["packages"][0];
    assert_eq!(package["change"], "breaking", "{package:#}");
    assert_eq!(
        package["reasons"][0]["detail"], "changed fn demo::gated: new signature",
        "{package:#}"
    );

    // `extra` stops building: compared with default features, where nothing changed.
    std::fs::write(
        dir.join("src/lib.rs"),
        format!(
            "{lib}{}",
            "#[cfg(feature = \"extra\")]\ncompile_error!(\"broken\");\n"
        ),
    )
    .expect("write");
    git(&dir, &["commit", "-q", "-am", "Break the feature"]);
    let package = &suggestion(&dir, temp.path(), &["--api"])["packages"][0];
    assert_eq!(package["change"], "fix", "{package:#}");
    assert!(
        package["notes"].as_array().expect("notes").contains(&serde_json::json!(
            "the API was compared with default features only: with `extra` as well, one side did not build"
        )),
        "{package:#}"
    );
}

/// The `demo` crate, released as v1.2.0 from the repository's root with the API above, then
/// moved into `crates/demo` of a new workspace beside another crate (insta 1.37.0 → `insta/`,
/// anstyle 0.2.2 and toml_edit → `crates/`). The move is staged, not committed.
fn released_then_moved() -> (TempDir, PathBuf) {
    let (temp, dir) = crate_repo("1.2.0", None);
    std::fs::write(dir.join("src/lib.rs"), API).expect("write");
    git(&dir, &["commit", "-q", "-am", "Write the API"]);
    git(&dir, &["tag", "-a", "v1.2.0", "-m", "v1.2.0"]);
    std::fs::create_dir_all(dir.join("crates/demo")).expect("mkdir");
    for moved in ["Cargo.toml", "src", "README.md"] {
        git(&dir, &["mv", moved, &format!("crates/demo/{moved}")]);
    }
    std::fs::create_dir_all(dir.join("crates/other/src")).expect("mkdir");
    std::fs::write(
        dir.join("crates/other/Cargo.toml"),
        format!("[package]\nname = \"other\"\nversion = \"0.1.0\"\n{META}"),
    )
    .expect("write");
    std::fs::write(dir.join("crates/other/src/lib.rs"), "//! Other.\n").expect("write");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"crates/*\"]\n",
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    (temp, dir)
}

/// insta 1.38.0 was suggested "since the first commit": its manifest was not at `insta/` when
/// 1.37.0 was tagged, so the tag looked like another crate's.
#[test]
fn the_last_release_is_found_from_before_the_crate_moved() {
    let (temp, dir) = released_then_moved();
    git(
        &dir,
        &["commit", "-q", "-m", "refactor: make room for more crates"],
    );
    commit(&dir, "crates/demo/src/lib.rs", "fix: round areas");
    let package = &suggestion(&dir, temp.path(), &["-p", "demo"])["packages"][0];
    assert_eq!(package["since"], "v1.2.0", "{package:#}");
    assert_eq!(package["next"], "1.2.1", "{package:#}");
    // The other crate never had a release; the tag is not its.
    let other = &suggestion(&dir, temp.path(), &["-p", "other"])["packages"][0];
    assert_ne!(other["since"], "v1.2.0", "{other:#}");
}

/// anstyle 0.2.3's API was compared with nothing: "did not exist at v0.2.2". Its API at the
/// last release is where its manifest was then.
#[test]
fn the_api_is_compared_with_a_release_made_before_the_crate_moved() {
    let (temp, dir) = released_then_moved();
    std::fs::write(
        dir.join("crates/demo/src/lib.rs"),
        API.replacen("pub fn kept() {}", "pub fn kept() {}\npub fn added() {}", 1),
    )
    .expect("write");
    git(&dir, &["add", "-A"]);
    git(
        &dir,
        &["commit", "-q", "-m", "refactor: make room for more crates"],
    );
    let package = &suggestion(&dir, temp.path(), &["--api", "-p", "demo"])["packages"][0];
    assert_eq!(package["next"], "1.3.0", "{package:#}");
    assert_eq!(
        package["reasons"][0]["detail"], "added fn demo::added",
        "{package:#}"
    );
    assert_eq!(
        package["notes"],
        serde_json::json!([
            "1 conventional commit (docs, chore, refactor, …) changes nothing for users"
        ]),
        "{package:#}"
    );
    // The manifest made its own workspace was the baseline checkout's, which is gone.
    assert!(!git(&dir, &["worktree", "list"]).contains("api-baseline"));
    assert_eq!(git(&dir, &["diff", "--stat"]), "");
}

#[test]
fn a_member_whose_workspace_dependency_changed_needs_a_fix() {
    let (temp, dir) = released_workspace();
    commit(&dir, "crates/alpha/src/lib.rs", "feat: alpha grows");
    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    let by_name = |name: &str| package_named(&report, name);
    assert_eq!(by_name("alpha")["next"], "0.1.1");
    // beta depends on alpha; gamma on beta (its dev-dependency on alpha does not count).
    for (name, next, because) in [("beta", "0.2.1", "alpha"), ("gamma", "1.0.1", "beta")] {
        let package = by_name(name);
        assert_eq!(package["next"], next, "{package}");
        assert_eq!(package["reasons"][0]["source"], "dependency", "{package}");
        common::assert_contains(
            package["reasons"][0]["detail"].as_str().unwrap_or_default(),
            &format!("{because} changed"),
        );
    }
    // Asked for beta alone, the dependency still counts.
    let report = suggestion(&dir, temp.path(), &["-p", "beta"]);
    assert_eq!(report["packages"][0]["next"], "0.2.1", "{report}");
}

/// alpha changed and was released on its own; beta, which depends on it, was not. `suggest`
/// said "none" for beta while `cargo ship patch -p beta` released it: the release guard counts
/// a dependency changed since beta's release, and now `suggest` counts it the same way.
#[test]
fn a_dependency_changed_and_released_since_the_members_release_still_counts() {
    let (temp, dir) = released_workspace();
    commit(&dir, "crates/alpha/src/lib.rs", "fix: alpha mends");
    common::commit_member_version(
        &dir,
        "crates/alpha/Cargo.toml",
        "0.1.0",
        "0.1.1",
        "chore: release alpha v0.1.1",
    );
    git(&dir, &["tag", "-a", "alpha-v0.1.1", "-m", "alpha-v0.1.1"]);

    let report = suggestion(&dir, temp.path(), &["-p", "beta"]);
    let beta = &report["packages"][0];
    assert_eq!(beta["next"], "0.2.1", "{report}");
    assert_eq!(beta["reasons"][0]["source"], "dependency", "{report}");
    common::assert_contains(
        beta["reasons"][0]["detail"].as_str().unwrap_or_default(),
        "alpha changed since beta-v0.2.0 (latest: ",
    );
    // alpha itself has nothing new since its own release.
    let report = suggestion(&dir, temp.path(), &["-p", "alpha"]);
    assert_eq!(report["packages"][0]["change"], "none", "{report}");
}

/// A workspace between releases printed one "nothing … would upload changed" note per member
/// (300 on a 300-crate workspace). They are one line now; JSON keeps each package's note.
#[test]
fn unchanged_members_are_summed_up_in_one_line() {
    let (temp, dir) = released_workspace();
    commit(&dir, "NOTES.md", "docs: notes outside every member");
    let out = run(ship(&dir, temp.path()).args(["suggest", "--workspace"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(
        &out.stdout,
        "unchanged since their last release: alpha, beta, gamma (no commit touches a file they \
         ship, their locked dependencies or a workspace dependency)",
    );
    assert!(
        !out.stdout.contains("would upload changed"),
        "{}",
        out.stdout
    );

    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    common::assert_contains(
        &package_named(&report, "beta")["notes"].to_string(),
        "nothing beta would upload changed since beta-v0.2.0",
    );
    // One unchanged package keeps its own note.
    let out = run(ship(&dir, temp.path()).args(["suggest", "-p", "alpha"]));
    common::assert_contains(&out.stdout, "nothing alpha would upload changed");
}

/// toml 0.8.16 was released because toml_datetime was, whose lock had changed since its own
/// release, though not since toml's: `--since` is the point for the package asked about, not
/// for the dependencies it brings in.
#[test]
fn since_a_ref_judges_workspace_dependencies_from_their_own_release() {
    let (temp, dir) = released_workspace();
    commit(&dir, "crates/alpha/src/lib.rs", "fix: alpha mends");
    let head = git(&dir, &["rev-parse", "HEAD"]);
    let report = suggestion(&dir, temp.path(), &["-p", "beta", "--since", head.trim()]);
    let beta = &report["packages"][0];
    assert_eq!(beta["next"], "0.2.1", "{report}");
    assert_eq!(
        beta["reasons"][0]["detail"], "alpha changed: it depends on it",
        "{report}"
    );
    // Asked about both, both are judged from the ref.
    let report = suggestion(
        &dir,
        temp.path(),
        &["-p", "beta", "-p", "alpha", "--since", head.trim()],
    );
    assert_eq!(package_named(&report, "beta")["change"], "none", "{report}");
}

/// a and b inherit the workspace version; b depends on c, which has its own. c's fix raised b
/// to 1.0.1 and left a at "none", two answers for one version. The group moves together.
#[test]
fn a_dependency_that_raises_one_member_of_a_shared_version_raises_all() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("ws");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"a\", \"b\", \"c\"]\n\n\
         [workspace.package]\nversion = \"1.0.0\"\n",
    )
    .expect("write");
    for (name, version, deps) in [
        ("a", "version.workspace = true", ""),
        (
            "b",
            "version.workspace = true",
            "\n[dependencies]\nc = { version = \"0.1.0\", path = \"../c\" }\n",
        ),
        ("c", "version = \"0.1.0\"", ""),
    ] {
        std::fs::create_dir_all(dir.join(name).join("src")).expect("mkdir");
        std::fs::write(
            dir.join(name).join("Cargo.toml"),
            format!("[package]\nname = \"{name}\"\n{version}\n{META}{deps}"),
        )
        .expect("write");
        std::fs::write(dir.join(name).join("src/lib.rs"), "//! A crate.\n").expect("write");
    }
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "v1.0.0", "-m", "v1.0.0"]);
    git(&dir, &["tag", "-a", "c-v0.1.0", "-m", "c-v0.1.0"]);
    commit(&dir, "c/src/lib.rs", "fix(c): mend");

    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    for name in ["a", "b"] {
        let package = package_named(&report, name);
        assert_eq!(package["next"], "1.0.1", "{report:#}");
    }
    assert_eq!(
        package_named(&report, "a")["reasons"][0]["detail"],
        "b (released with it): c changed: it depends on it",
        "{report:#}"
    );
    assert_eq!(package_named(&report, "c")["next"], "0.1.1", "{report:#}");
}

#[test]
fn crates_released_under_one_tag_are_judged_together() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("snap");
    for (name, deps) in [
        ("snap", ""),
        (
            "cargo-snap",
            "\n[dependencies]\nsnap = { version = \"=1.4.0\", path = \"../snap\" }\n",
        ),
        // At the same version by chance, released under a tag of its own.
        ("snap-theme", ""),
    ] {
        std::fs::create_dir_all(dir.join(name).join("src")).expect("mkdir");
        std::fs::write(
            dir.join(name).join("Cargo.toml"),
            format!("[package]\nname = \"{name}\"\nversion = \"1.4.0\"\n{META}{deps}"),
        )
        .expect("write");
        std::fs::write(dir.join(name).join("src/lib.rs"), "//! A crate.\n").expect("write");
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"snap\", \"cargo-snap\", \"snap-theme\"]\n",
    )
    .expect("write");
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "1.4.0", "-m", "1.4.0"]);
    git(
        &dir,
        &["tag", "-a", "snap-theme-v1.4.0", "-m", "snap-theme-v1.4.0"],
    );
    commit(
        &dir,
        "cargo-snap/src/lib.rs",
        "feat: review in the terminal",
    );
    commit(&dir, "snap/src/lib.rs", "fix: redactions");
    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    for name in ["snap", "cargo-snap"] {
        assert_eq!(
            package_named(&report, name)["next"],
            "1.5.0",
            "one version for the group: {report}"
        );
    }
    assert_eq!(package_named(&report, "snap-theme")["change"], "none");
    // `--since` the group's tag, as when the maintainer names it: still one group, and said.
    let report = suggestion(&dir, temp.path(), &["-p", "snap", "--since", "1.4.0"]);
    assert_eq!(report["packages"][0]["next"], "1.5.0", "{report}");
    assert_eq!(
        report["packages"][0]["notes"][0],
        "released together with cargo-snap: one version for all, from the changes of all",
        "{report}"
    );
}

#[test]
fn a_readme_outside_the_member_is_shipped_by_it() {
    // Every member of the fixture packages the root README.md (`readme = "../../README.md"`).
    let (temp, dir) = released_workspace();
    commit(&dir, "README.md", "Document the chain");
    let report = suggestion(&dir, temp.path(), &["-p", "alpha"]);
    let alpha = package_named(&report, "alpha");
    assert_eq!(alpha["next"], "0.1.1", "{alpha}");
    assert_eq!(alpha["reasons"][0]["source"], "files", "{alpha}");
}

#[test]
fn a_lock_file_update_is_a_fix_for_the_members_that_lock_it() {
    // cargo packages Cargo.lock with every crate: beta (and gamma, through beta) lock itoa,
    // alpha does not.
    let (temp, dir) = common::fixture("workspace-independent");
    let lock = |itoa: &str| {
        format!(
            "version = 4\n\n[[package]]\nname = \"alpha\"\nversion = \"0.1.0\"\n\n\
             [[package]]\nname = \"beta\"\nversion = \"0.2.0\"\ndependencies = [\"alpha\", \"itoa\"]\n\n\
             [[package]]\nname = \"gamma\"\nversion = \"1.0.0\"\ndependencies = [\"alpha\", \"beta\"]\n\n\
             [[package]]\nname = \"itoa\"\nversion = \"{itoa}\"\n\
             source = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        )
    };
    std::fs::write(dir.join("Cargo.lock"), lock("1.0.10")).expect("write");
    let beta = dir.join("crates/beta/Cargo.toml");
    let text = std::fs::read_to_string(&beta).expect("read");
    std::fs::write(
        &beta,
        text.replace("[dependencies]\n", "[dependencies]\nitoa = \"1\"\n"),
    )
    .expect("write");
    common::git_init(&dir);
    for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    std::fs::write(dir.join("Cargo.lock"), lock("1.0.15")).expect("write");
    git(
        &dir,
        &["commit", "-q", "-am", "chore(deps): update compatible"],
    );

    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    let alpha = package_named(&report, "alpha");
    assert_eq!(alpha["next"], serde_json::Value::Null, "{alpha}");
    for (name, next) in [("beta", "0.2.1"), ("gamma", "1.0.1")] {
        let package = package_named(&report, name);
        assert_eq!(package["next"], next, "{package}");
        assert_eq!(package["reasons"][0]["source"], "lockfile", "{package}");
        common::assert_contains(
            package["reasons"][0]["detail"].as_str().unwrap_or_default(),
            "itoa 1.0.10 → 1.0.15",
        );
    }
    // A release leaves alpha out (nothing it uploads changed) and releases the other two.
    let out = run(ship(&dir, temp.path()).args(["patch", "--workspace", "--dry-run", "--no-push"]));
    common::assert_contains(&out.all(), "`alpha` is left out");
    common::assert_contains(&out.all(), "beta");
}

#[test]
fn a_changelog_section_for_the_next_version_is_its_floor() {
    // insta writes `## 1.40.0` before tagging; at that point the next version is decided.
    for (last, section, next, change) in [
        ("1.39.0", "1.40.0", "1.40.0", "feature"),
        ("0.3.5", "1.0.0", "1.0.0", "breaking"),
        ("2.0.1", "2.0.2", "2.0.2", "fix"),
    ] {
        let (temp, dir) = crate_repo(last, Some(last));
        std::fs::write(
            dir.join("CHANGELOG.md"),
            format!("# Changelog\n\n## {section}\n\n- Fixed a panic in the review.\n\n## {last}\n\n- Older.\n"),
        )
        .expect("write");
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "-m", "Prepare the release"]);
        let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
        assert_eq!(package["next"], next, "{package}");
        assert_eq!(package["change"], change, "{package}");
        let reasons = package["reasons"].to_string();
        common::assert_contains(
            &reasons,
            &format!("CHANGELOG.md:3 already has a section for {section}"),
        );
    }
}

#[test]
fn a_removed_cargo_feature_is_breaking_without_building_anything() {
    let (temp, dir) = crate_repo("1.2.0", None);
    let manifest = dir.join("Cargo.toml");
    let with_features = |list: &str| {
        let text = std::fs::read_to_string(&manifest).expect("read");
        let base = text
            .split("\n[features]")
            .next()
            .unwrap_or_default()
            .to_string();
        std::fs::write(&manifest, format!("{base}\n[features]\n{list}")).expect("write");
    };
    with_features("default = [\"std\"]\nstd = []\nextra = []\n");
    git(&dir, &["commit", "-q", "-am", "Features"]);
    git(&dir, &["tag", "-a", "v1.2.0", "-m", "v1.2.0"]);
    for (list, change, next, detail) in [
        (
            "default = [\"std\"]\nstd = []\n",
            "breaking",
            "2.0.0",
            "removed Cargo feature `extra`",
        ),
        (
            "default = []\nstd = []\nextra = []\n",
            "breaking",
            "2.0.0",
            "Cargo feature `default` no longer enables `std`",
        ),
        (
            "default = [\"std\"]\nstd = []\nextra = []\nalloc = []\n",
            "feature",
            "1.3.0",
            "added Cargo feature `alloc`",
        ),
    ] {
        // Edited and not committed yet, then committed: the same verdict.
        with_features(list);
        for committed in [false, true] {
            if committed {
                git(&dir, &["commit", "-q", "-am", "Rework the features"]);
            }
            let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
            assert_eq!(package["change"], change, "{committed}: {package:#}");
            assert_eq!(package["next"], next, "{committed}: {package:#}");
            assert_eq!(package["reasons"][0]["source"], "api", "{package:#}");
            assert_eq!(package["reasons"][0]["detail"], detail, "{package:#}");
        }
        git(&dir, &["reset", "-q", "--hard", "v1.2.0"]);
    }
}

#[test]
fn a_published_pre_release_continues_while_anything_changes_and_is_finished_when_nothing_did() {
    // cargo-release's 0.9.0-beta.1 … beta.8 took features and fixes alike; 0.7.0 was released
    // with nothing changed since 0.7.0-beta.3.
    for (message, next) in [
        (Some("feat: hook arguments"), "0.8.0-beta.2"),
        (Some("fix: error reporting"), "0.8.0-beta.2"),
        (Some("Tidy the error path"), "0.8.0-beta.2"),
        (None, "0.8.0"),
    ] {
        let (temp, dir) = crate_repo("0.7.1", Some("v0.7.1"));
        commit(&dir, "src/lib.rs", "feat: colors");
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).expect("read");
        std::fs::write(&manifest, text.replace("0.7.1", "0.8.0-beta.1")).expect("write");
        git(
            &dir,
            &["commit", "-q", "-am", "chore: release 0.8.0-beta.1"],
        );
        git(&dir, &["tag", "-a", "v0.8.0-beta.1", "-m", "beta.1"]);
        if let Some(message) = message {
            commit(&dir, "src/lib.rs", message);
        }
        let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
        assert_eq!(package["next"], next, "{message:?}: {package:#}");
        let says_how_to_finish = package["notes"].as_array().expect("notes").iter().any(|n| {
            n.as_str()
                .is_some_and(|n| n.ends_with("`cargo ship release` finishes them instead"))
        });
        assert_eq!(says_how_to_finish, message.is_some(), "{package:#}");
        // Asked from the pre-release itself, the same answer.
        let package = &suggestion(&dir, temp.path(), &["--since", "v0.8.0-beta.1"])["packages"][0];
        assert_eq!(package["next"], next, "{message:?} --since: {package:#}");
    }
}

/// Nothing committed since a published pre-release finishes it, but an edit not committed yet
/// is a change: the pre-release goes on, as it would for a commit.
#[test]
fn an_uncommitted_change_since_a_pre_release_continues_it() {
    let (temp, dir) = crate_repo("0.8.0-beta.1", Some("v0.8.0-beta.1"));
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "0.8.0", "{package:#}");
    std::fs::write(dir.join("src/lib.rs"), "//! Demo.\npub fn edited() {}\n").expect("write");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "0.8.0-beta.2", "{package:#}");
}

/// A pre-release is there to try the code out. semver 1.0.0 followed 1.0.0-rc.2 after a typo
/// fixed in a doc comment and new tests, cargo-release 0.8.0 followed 0.8.0-beta.5 after a
/// README update; but knope's 0.4.0-rc.1 followed rc.0 to try a changed publish workflow, and
/// a build script or a manifest is code too.
#[test]
fn a_pre_release_whose_code_did_not_change_since_is_finished() {
    let finishing = "the code it tried is the code a release ships, so the release finishes it";
    for (files, next) in [
        (&["README.md", "src/lib.rs", "tests/parse.rs"][..], "1.0.0"),
        (&["LICENSE-MIT", "benches/speed.rs"][..], "1.0.0"),
        (&["examples/demo.rs"][..], "1.0.0"),
        (&[".github/workflows/publish.yml"][..], "1.0.0-rc.3"),
        (&["README.md", "build.rs"][..], "1.0.0-rc.3"),
        (&["src/data.txt"][..], "1.0.0-rc.3"),
    ] {
        let (temp, dir) = crate_repo("0.9.0", Some("v0.9.0"));
        // Diff settings that change git's headers are the user's business, not ours.
        git(&dir, &["config", "diff.mnemonicPrefix", "true"]);
        git(&dir, &["config", "diff.noprefix", "true"]);
        commit(&dir, "src/lib.rs", "feat!: the stable API");
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).expect("read");
        std::fs::write(&manifest, text.replace("0.9.0", "1.0.0-rc.2")).expect("write");
        git(&dir, &["commit", "-q", "-am", "chore: release 1.0.0-rc.2"]);
        git(&dir, &["tag", "-a", "v1.0.0-rc.2", "-m", "rc.2"]);
        commit_comments(&dir, files, "Fix typo in docs, add tests");
        let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
        assert_eq!(package["next"], next, "{files:?}: {package:#}");
        let notes = package["notes"].to_string();
        assert_eq!(
            notes.contains(finishing),
            next == "1.0.0",
            "{files:?}: {notes}"
        );
        if next == "1.0.0" {
            assert!(
                notes.contains(&format!("since the pre-release 1.0.0-rc.2 ({}", files[0])),
                "{notes}"
            );
            // The same holds for a documentation edit not committed yet; a code edit is a change.
            let lib = dir.join("src/lib.rs");
            let text = std::fs::read_to_string(&lib).expect("read");
            std::fs::write(&lib, text.replace("//! Demo.", "//! Demo, reworded.")).expect("write");
            let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
            assert_eq!(package["next"], "1.0.0", "uncommitted comment: {package:#}");
            std::fs::write(&lib, text + "pub fn late() {}\n").expect("write");
            let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
            assert_eq!(
                package["next"], "1.0.0-rc.3",
                "uncommitted code: {package:#}"
            );
        }
    }
}

/// anstyle's adapters (`pub fn to_owo_style(style: anstyle::Style)`): anstyle 0.1 → 0.2 made
/// anstyle-owo-colors, -termcolor and -yansi 0.2.0. A workspace dependency the public API
/// names breaks the dependent too.
#[test]
fn a_dependent_whose_api_names_a_breaking_workspace_dependency_breaks_with_it() {
    let (temp, dir) = beta_names_alpha();
    for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    commit(&dir, "crates/alpha/src/lib.rs", "feat!: alpha breaks");
    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    let beta = package_named(&report, "beta");
    assert_eq!(beta["next"], "0.3.0", "{beta}");
    assert_eq!(beta["reasons"][0]["source"], "dependency", "{beta}");
    assert_eq!(
        beta["reasons"][0]["detail"],
        "dependency `alpha` moves to an incompatible version (0.1 → 0.2.0) and the public API \
         names it: users' code naming its types breaks",
        "{beta}"
    );
    // gamma's API does not name beta: nothing to say.
    let gamma = package_named(&report, "gamma");
    assert!(
        !gamma["notes"].to_string().contains("incompatible"),
        "{gamma}"
    );
}

/// semver 0.10.0 → 0.11.0 ("depend on actual semver-parser 0.10.0"): a dependency the public
/// API names moved to an incompatible version, so users break with it. A dependency used only
/// inside is not mentioned. A package that also ships a binary (cargo-release) versions its
/// command line: there it is said as possibly breaking, and decides nothing.
#[test]
fn a_dependency_the_api_names_moved_to_an_incompatible_version_breaks_a_library() {
    let exposed = "impl From<semver_parser::Version> for Version { }\n";
    let private = "fn parse() { semver_parser::parse(); }\n";
    for (lib, binary, next, said) in [
        (exposed, false, "0.11.0", Some("dependency")),
        (private, false, "0.10.1", None),
        (exposed, true, "0.10.1", Some("possibly breaking")),
    ] {
        let (temp, dir) = common::fixture("valid-crate");
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .expect("manifest")
            .replace("version = \"0.3.1\"", "version = \"0.10.0\"")
            .replace(
                "[dependencies]\n",
                "[dependencies]\nsemver-parser = \"0.7.0\"\n",
            );
        std::fs::write(&manifest, text).expect("write");
        std::fs::write(dir.join("src/lib.rs"), lib).expect("write");
        if binary {
            std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").expect("write");
        }
        common::git_init(&dir);
        git(&dir, &["tag", "-a", "0.10.0", "-m", "0.10.0"]);
        let text = std::fs::read_to_string(&manifest).expect("manifest");
        std::fs::write(&manifest, text.replace("\"0.7.0\"", "\"0.10.0\"")).expect("write");
        git(
            &dir,
            &[
                "commit",
                "-q",
                "-am",
                "depend on actual semver-parser 0.10.0",
            ],
        );
        let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
        assert_eq!(package["next"], next, "{package}");
        let moved = "dependency `semver-parser` moves to an incompatible version (0.7.0 → 0.10.0)";
        let reason = package["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .find(|r| r["detail"].as_str().is_some_and(|d| d.starts_with(moved)));
        let note = package["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .find(|n| {
                n.as_str()
                    .is_some_and(|n| n.starts_with(&format!("possibly breaking: {moved}")))
            });
        match said {
            Some("dependency") => {
                let reason = reason.expect("a reason");
                assert_eq!(reason["source"], "dependency", "{package}");
                assert_eq!(reason["change"], "breaking", "{package}");
            }
            Some(_) => assert!(reason.is_none() && note.is_some(), "{package}"),
            None => assert!(reason.is_none() && note.is_none(), "{package}"),
        }
    }
}

/// toml_edit 0.14.2 ("fix: Make 'perf' opt-in") took `perf = ["kstring"]` out of `default`:
/// `kstring` only picks a private string type, so no public item goes, and it was a patch.
/// The same feature gating a public function is breaking.
#[test]
fn a_default_feature_that_only_swaps_an_internal_dependency_is_possibly_breaking() {
    let private = "#[cfg(feature = \"kstring\")]\ntype Inner = kstring::KString;\n#[cfg(not(feature = \"kstring\"))]\ntype Inner = String;\npub struct Key(Inner);\n";
    let public = "#[cfg(feature = \"kstring\")]\npub fn fast_key() {}\n";
    for (lib, next) in [(private, "0.14.2"), (public, "0.15.0")] {
        let (temp, dir) = crate_repo("0.14.1", None);
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).expect("manifest");
        std::fs::write(
            &manifest,
            format!("{text}\n[dependencies]\nkstring = {{ version = \"1\", optional = true }}\n\n[features]\ndefault = [\"perf\"]\nperf = [\"kstring\"]\n"),
        )
        .expect("write");
        std::fs::write(dir.join("src/lib.rs"), lib).expect("write");
        git(&dir, &["commit", "-q", "-am", "Use kstring"]);
        git(&dir, &["tag", "-a", "v0.14.1", "-m", "v0.14.1"]);
        let text = std::fs::read_to_string(&manifest).expect("manifest");
        std::fs::write(
            &manifest,
            text.replace("default = [\"perf\"]", "default = []"),
        )
        .expect("write");
        git(&dir, &["commit", "-q", "-am", "fix: Make 'perf' opt-in"]);
        let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
        assert_eq!(package["next"], next, "{package}");
    }
}

/// An MSRV raise is said, with both versions, in the member that inherits it from the
/// workspace; it does not decide the level (most releases on the measured histories ship it
/// in a patch).
#[test]
fn a_raised_rust_version_is_said_and_decides_nothing() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("ws");
    let member = dir.join("crates/core");
    std::fs::create_dir_all(member.join("src")).expect("mkdir");
    let root = "[workspace]\nmembers = [\"crates/core\"]\n\n[workspace.package]\nrust-version = \"1.70\"\n";
    std::fs::write(dir.join("Cargo.toml"), root).expect("write");
    std::fs::write(
        member.join("Cargo.toml"),
        format!(
            "[package]\nname = \"core\"\nversion = \"1.2.0\"\n{}",
            META.replace("rust-version = \"1.70\"", "rust-version.workspace = true")
        ),
    )
    .expect("write");
    std::fs::write(member.join("src/lib.rs"), "//! Core.\n").expect("write");
    std::fs::write(dir.join(".gitignore"), "/target\n").expect("write");
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "core-v1.2.0", "-m", "core 1.2.0"]);
    std::fs::write(dir.join("Cargo.toml"), root.replace("1.70", "1.85")).expect("write");
    commit(&member, "src/lib.rs", "fix: use let chains");

    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["next"], "1.2.1", "{package:#}");
    let notes: Vec<&str> = package["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("rust-version raised from 1.70 to 1.85")),
        "{notes:?}"
    );
}

/// knope's tags name its crates in a format of their own (`versioning/v0.3.0` for
/// `knope-versioning`, early `v.0.1.0`) and its release commits bump the manifest first: the
/// `--since` tag still stands for the version the manifest held there, so the prepared version
/// is the next one, not one past it.
#[test]
fn a_since_tag_in_any_format_stands_for_the_version_it_names() {
    for tag in ["v.1.2.0", "versioning/v1.2.0"] {
        let (temp, dir) = crate_repo("1.2.0", Some(tag));
        commit(&dir, "src/lib.rs", "fix: a crash");
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).expect("read");
        std::fs::write(&manifest, text.replace("1.2.0", "1.2.1")).expect("write");
        git(&dir, &["commit", "-q", "-am", "chore: prepare release"]);
        let package = &suggestion(&dir, temp.path(), &["--since", tag])["packages"][0];
        assert_eq!(package["next"], "1.2.1", "{tag}: {package:#}");
        // A ref whose name does not end in the version it held says nothing about it.
        let package = &suggestion(&dir, temp.path(), &["--since", "HEAD~1"])["packages"][0];
        assert_eq!(package["next"], "1.2.2", "HEAD~1: {package:#}");
    }
}

/// toml's `fix(edit)!: Allow disabling parser or display` also touched `toml`, which only
/// followed toml_edit's change: a scope naming another member speaks for that member, and here
/// the commit is the fix its files changing makes it.
#[test]
fn a_commit_scoped_to_another_member_is_a_fix_for_the_ones_it_also_touched() {
    let (temp, dir) = released_workspace();
    commit_files(
        &dir,
        &["crates/alpha/src/lib.rs", "crates/beta/src/lib.rs"],
        "feat(alpha)!: rework the parser",
    );
    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    let alpha = package_named(&report, "alpha");
    assert_eq!(alpha["change"], "breaking", "{alpha:#}");
    let beta = package_named(&report, "beta");
    assert_eq!(beta["change"], "fix", "{beta:#}");
    assert_eq!(beta["next"], "0.2.1", "{beta:#}");
    assert!(
        beta["reasons"][0]["detail"].as_str().is_some_and(
            |d| d.ends_with("(its scope is alpha's: here it changed files to follow it)")
        ),
        "{beta:#}"
    );
    // A commit that changed only beta speaks of something of beta's, whatever it is called.
    git(&dir, &["reset", "-q", "--hard", "HEAD~1"]);
    commit(
        &dir,
        "crates/beta/src/lib.rs",
        "feat(alpha)!: rework beta's alpha module",
    );
    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    let beta = package_named(&report, "beta");
    assert_eq!(beta["change"], "breaking", "{beta:#}");
}

/// toml's `--since v0.19.10 -p toml_edit` said "dependency `toml_datetime` moves to an
/// incompatible version (0.6.3 → 0.19.11)": the name-less tag of toml_edit's release was read
/// as toml_datetime's release too. In a workspace, such a tag stands for the version each
/// member's manifest held there.
#[test]
fn a_name_less_since_tag_is_not_another_members_release() {
    let (temp, dir) = beta_names_alpha();
    // beta's release, in the name-less format.
    git(&dir, &["tag", "-a", "v0.2.0", "-m", "v0.2.0"]);
    commit(&dir, "crates/alpha/src/lib.rs", "fix: alpha's bug");

    let report = suggestion(&dir, temp.path(), &["-p", "beta", "--since", "v0.2.0"]);
    let beta = package_named(&report, "beta");
    assert_eq!(beta["next"], "0.2.1", "{beta}");
    common::assert_contains(&beta["reasons"].to_string(), "alpha changed");
    assert!(
        !beta["notes"].to_string().contains("incompatible"),
        "{beta}"
    );

    let report = suggestion(
        &dir,
        temp.path(),
        &["-p", "alpha", "-p", "beta", "--since", "v0.2.0"],
    );
    // alpha was at 0.1.0 there: its fix is 0.1.1, not 0.2.1.
    assert_eq!(package_named(&report, "alpha")["next"], "0.1.1", "{report}");
    assert_eq!(package_named(&report, "beta")["next"], "0.2.1", "{report}");
}

/// insta 1.26.0 → 1.28.0: "glob!: Add three-arg version to specify base_path" is about the
/// `glob!` macro, yet was read as a breaking conventional commit and suggested 2.0.0.
#[test]
fn a_macro_name_before_the_colon_is_not_a_breaking_change() {
    let (temp, dir) = crate_repo("1.26.0", Some("1.26.0"));
    commit(&dir, "src/lib.rs", "glob!: Add three-arg version (#347)");
    let package = &suggestion(&dir, temp.path(), &[])["packages"][0];
    assert_eq!(package["change"], "fix", "{package:#}");
    assert_eq!(package["next"], "1.26.1", "{package:#}");
    common::assert_contains(&package["notes"].to_string(), "not a conventional commit");
}

/// toml's `suggest --workspace` listed `toml_benchmarks 0.0.0 fix 0.0.0 (all history)`: a
/// member a workspace release leaves out (`publish = false`) has no next version there, and
/// says why; named with `-p`, it is judged.
#[test]
fn a_member_that_is_not_published_has_no_next_version_in_a_workspace_suggestion() {
    let (temp, dir) = common::fixture("workspace-independent");
    let bench = dir.join("crates/bench");
    std::fs::create_dir_all(bench.join("src")).expect("mkdir");
    std::fs::write(
        bench.join("Cargo.toml"),
        "[package]\nname = \"bench\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n",
    )
    .expect("write");
    std::fs::write(bench.join("src/lib.rs"), "//! Benchmarks.\n").expect("write");
    common::git_init(&dir);
    for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    commit(&dir, "crates/bench/src/lib.rs", "fix: a faster benchmark");

    let report = suggestion(&dir, temp.path(), &["--workspace"]);
    let left_out = package_named(&report, "bench");
    assert_eq!(left_out["change"], "none", "{left_out:#}");
    assert_eq!(left_out["next"], serde_json::Value::Null, "{left_out:#}");
    assert_eq!(left_out["reasons"], serde_json::json!([]), "{left_out:#}");
    common::assert_contains(
        &left_out["notes"].to_string(),
        "it is not published: a workspace release leaves bench out",
    );

    let named = &suggestion(&dir, temp.path(), &["-p", "bench"])["packages"][0];
    assert_eq!(named["change"], "fix", "{named:#}");
    common::assert_contains(&named["reasons"].to_string(), "a faster benchmark");
}

/// knope tags its crates by the name of their `[packages.NAME]` table (`versioning/v0.4.0`
/// for `knope-versioning`): without `--since`, that tag was not found as the last release.
/// `knope.toml` names the format, which a release keeps using, and each package's changelog.
#[test]
fn knope_toml_names_the_tags_of_the_packages_it_versions() {
    let (temp, dir) = common::fixture("workspace-independent");
    std::fs::write(
        dir.join("knope.toml"),
        "[packages.first]\nversioned_files = [\"crates/alpha/Cargo.toml\", \"Cargo.lock\", \
         { path = \"crates/beta/Cargo.toml\", dependency = \"alpha\" }]\n\
         changelog = \"crates/alpha/CHANGELOG.md\"\n\
         [packages.main]\nversioned_files = [\"crates/gamma/Cargo.toml\"]\n\
         changelog = \"CHANGELOG.md\"\n",
    )
    .expect("write");
    // The root changelog is gamma's (knope's own repository: knope's, not knope-config's),
    // and alpha's has not been written yet.
    std::fs::write(
        dir.join("CHANGELOG.md"),
        "# Changelog\n\n## 5.0.0 (2024-07-01)\n\n### Features\n\n- gamma's feature\n",
    )
    .expect("write");
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "first/v0.1.0", "-m", "first 0.1.0"]);
    commit(&dir, "crates/alpha/src/lib.rs", "fix: alpha's bug");

    let alpha = &suggestion(&dir, temp.path(), &["-p", "alpha"])["packages"][0];
    assert_eq!(alpha["since"], "first/v0.1.0", "{alpha:#}");
    assert_eq!(alpha["next"], "0.1.1", "{alpha:#}");
    assert_eq!(
        alpha["reasons"].as_array().map(Vec::len),
        Some(1),
        "{alpha:#}"
    );

    let out =
        run(ship(&dir, temp.path()).args(["patch", "-p", "alpha", "--dry-run", "--no-publish"]));
    common::assert_contains(&out.all(), "first/v0.1.1");
    // beta only depends on alpha: its tags stay in the workspace's default format.
    let out = run(ship(&dir, temp.path()).args(["-v", "check", "-p", "beta"]));
    assert!(!out.all().contains("first/v"), "{}", out.all());
}

/// knope's history tags `config/v0.0.0` on a commit whose manifest said 0.0.1, then resets
/// it to 0.0.0: a tag in the package's configured format names its release, whatever the
/// manifest held there (only a bare `v1.2.3` may be another member's).
#[test]
fn a_since_tag_in_the_configured_format_names_that_release() {
    let (temp, dir) = common::fixture("workspace-independent");
    std::fs::write(
        dir.join("knope.toml"),
        "[packages.first]\nversioned_files = [\"crates/alpha/Cargo.toml\"]\n",
    )
    .expect("write");
    let manifest = dir.join("crates/alpha/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replace("0.1.0", "0.1.1")).expect("write");
    common::git_init(&dir);
    git(&dir, &["tag", "-a", "first/v0.1.0", "-m", "first 0.1.0"]);
    std::fs::write(&manifest, &text).expect("write");
    git(&dir, &["commit", "-q", "-am", "Reset initial version"]);
    commit(&dir, "crates/alpha/src/lib.rs", "fix: alpha's bug");
    let report = suggestion(
        &dir,
        temp.path(),
        &["-p", "alpha", "--since", "first/v0.1.0"],
    );
    assert_eq!(report["packages"][0]["next"], "0.1.1", "{report:#}");
}

/// `suggest --api` builds the crate at its last release and now, and cargo writes the lockfile
/// as it builds. A command that only reads must leave the repository as it found it: no
/// Cargo.lock appears where none was (a library that neither commits nor ignores one), and a
/// tracked one that is stale (a "prepare release" commit that raised the manifest's version
/// only) is not rewritten.
#[test]
fn comparing_apis_leaves_the_lockfile_as_it_was() {
    let (temp, dir) = crate_repo("1.2.0", Some("v1.2.0"));
    commit(&dir, "src/lib.rs", "fix: mend");
    suggestion(&dir, temp.path(), &["--api"]);
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
    assert!(!dir.join("Cargo.lock").exists());

    std::fs::write(
        dir.join("Cargo.lock"),
        "version = 4\n\n[[package]]\nname = \"demo\"\nversion = \"1.2.0\"\n",
    )
    .expect("write");
    git(&dir, &["add", "Cargo.lock"]);
    git(&dir, &["commit", "-q", "-m", "chore: lock"]);
    common::commit_manifest_version(&dir, "1.2.0", "1.2.1", "chore: prepare 1.2.1");
    let before = common::files(&dir.join("src"));
    let lock = std::fs::read(dir.join("Cargo.lock")).expect("read");
    let package = &suggestion(&dir, temp.path(), &["--api"])["packages"][0];
    assert_eq!(package["next"], "1.2.1", "{package:#}");
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
    assert_eq!(std::fs::read(dir.join("Cargo.lock")).expect("read"), lock);
    assert_eq!(common::files(&dir.join("src")), before);
}

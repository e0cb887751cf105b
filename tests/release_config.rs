//! A repository that releases with cargo-release keeps its configuration when it switches:
//! `release.toml`, `[workspace.metadata.release]` and `[package.metadata.release]` are honoured
//! (branches, tags, metadata, dependents, replacements, hooks, signing, packaging options) or
//! warned about by name — never ignored. The configurations of real repositories are in
//! `fixtures/cargo-release-configs/`, read here in workspaces of the same shape.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_contains, fixtures_dir, git, json, run, ship};
use tempfile::TempDir;

const CHANGELOG: &str = "# Change Log\n\n<!-- next-header -->\n## [Unreleased] - ReleaseDate\n\n\
### Fixes\n\n- A fix\n\n## [1.0.0] - 2026-01-01\n\n<!-- next-url -->\n\
[Unreleased]: https://example.com/demo/compare/{TAG}...HEAD\n";

/// A two-crate workspace (`alpha`, and `beta` depending on `alpha = "1.0"`), each crate with
/// cargo-release's changelog layout and a README naming the current release, released as
/// `{name}-v{version}` and pushed to a bare remote; then one commit changing both crates.
/// `config` names a directory of `fixtures/cargo-release-configs`: its `release.toml` goes
/// to the root and its `[package.metadata.release]` into each crate.
fn workspace(config: &str, version: &str) -> (TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("demo");
    let source = fixtures_dir().join("cargo-release-configs").join(config);
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"crates/*\"]\n\n[workspace.package]\n\
         edition = \"2021\"\nlicense = \"MIT\"\nrepository = \"https://example.com/demo\"\n",
    );
    std::fs::copy(source.join("release.toml"), dir.join("release.toml")).expect("copy config");
    let metadata =
        std::fs::read_to_string(source.join("package-metadata-release.toml")).unwrap_or_default();
    for (name, dependency) in [
        ("alpha", ""),
        (
            "beta",
            "alpha = { path = \"../alpha\", version = \"1.0\" }\n",
        ),
    ] {
        let crate_dir = dir.join("crates").join(name);
        write(
            &crate_dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{name}\"\nversion = \"{version}\"\ndescription = \"The \
                 {name} crate\"\nedition.workspace = true\nlicense.workspace = true\n\
                 repository.workspace = true\n\n[dependencies]\n{dependency}\n{metadata}"
            ),
        );
        write(&crate_dir.join("src/lib.rs"), "//! A crate.\n");
        write(
            &crate_dir.join("CHANGELOG.md"),
            &CHANGELOG.replace("{TAG}", &format!("{name}-v1.0.0")),
        );
        write(
            &crate_dir.join("README.md"),
            "# Demo\n\nCurrent release: 1.0.0\n",
        );
    }
    common::git_init(&dir);
    git(&dir, &["tag", "alpha-v1.0.0"]);
    git(&dir, &["tag", "beta-v1.0.0"]);
    let remote = temp.path().join("remote.git");
    common::add_remote(&dir, &remote);
    for name in ["alpha", "beta"] {
        let lib = dir.join("crates").join(name).join("src/lib.rs");
        write(&lib, "//! A crate.\npub fn fixed() {}\n");
    }
    git(&dir, &["commit", "-q", "-am", "fix: both crates"]);
    (temp, dir, remote)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Adds lines to a file (a `release.toml`).
fn append(path: &Path, lines: &str) {
    write(path, &format!("{}{lines}", read(path)));
}

/// Adds keys at the top of a crate's `[package.metadata.release]` table.
fn add_release_keys(manifest: &Path, keys: &str) {
    let text = read(manifest);
    assert!(
        text.contains("[package.metadata.release]\n"),
        "{}",
        manifest.display()
    );
    write(
        manifest,
        &text.replacen(
            "[package.metadata.release]\n",
            &format!("[package.metadata.release]\n{keys}"),
            1,
        ),
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

fn home(temp: &TempDir) -> PathBuf {
    temp.path().join("home")
}

/// The diagnostics `check --format json` reports with `rule`, across packages.
fn diagnostics_of(output: &common::Output, rule: &str) -> Vec<serde_json::Value> {
    json(output)["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .flat_map(|p| p["diagnostics"].as_array().cloned().unwrap_or_default())
        .filter(|d| d["rule"] == rule)
        .collect()
}

#[test]
fn real_configurations_are_read_with_only_the_keys_cargo_ship_does_not_do_named() {
    for (config, warned) in [
        ("anstyle", vec!["owners"]),
        ("toml", vec!["owners"]),
        ("cargo-release", vec![]),
    ] {
        let (temp, dir, _) = workspace(config, "1.0.0");
        let out = run(ship(&dir, &home(&temp)).args(["check", "--format", "json"]));
        assert_eq!(out.code, 0, "{config}: {}", out.all());
        let warnings = diagnostics_of(&out, "setting-not-honoured");
        let keys: Vec<String> = warnings
            .iter()
            .map(|d| d["message"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(keys.len(), warned.len(), "{config}: {keys:?}");
        for (message, key) in keys.iter().zip(&warned) {
            assert!(
                message.starts_with(&format!("`{key}` in release.toml")),
                "{message}"
            );
        }
        // Reported once for the workspace, at the key's line.
        for warning in &warnings {
            assert!(
                warning["file"]
                    .as_str()
                    .unwrap_or_default()
                    .ends_with("release.toml")
            );
            assert_eq!(warning["line"], 1);
        }
    }
}

#[test]
fn a_dry_run_honours_allow_branch_tag_prefix_persistent_metadata_and_dependent_version() {
    // anstyle's release.toml (allow-branch main, dependent-version fix, owners), toml's
    // `metadata = "persistent"` added, and anstyle's `tag-prefix = ""` on alpha.
    let (temp, dir, remote) = workspace("anstyle", "1.0.0+spec-1.1.0");
    append(&dir.join("release.toml"), "metadata = \"persistent\"\n");
    let alpha = dir.join("crates/alpha/Cargo.toml");
    add_release_keys(&alpha, "tag-prefix = \"\"\n");
    git(&dir, &["commit", "-q", "-am", "chore: configure"]);
    git(&dir, &["checkout", "-q", "-b", "feature"]);
    let before = (common::files(&dir), git(&remote, &["for-each-ref"]));

    let refused = run(ship(&dir, &home(&temp)).args(["patch", "--workspace", "--dry-run"]));
    assert_eq!(refused.code, 1, "{}", refused.all());
    assert_contains(
        &refused.all(),
        "releases are not allowed from branch `feature`: `allow-branch` at ",
    );
    assert_contains(&refused.all(), "release.toml:3:1 allows main");

    let out = run(ship(&dir, &home(&temp)).args([
        "patch",
        "--workspace",
        "--dry-run",
        "--allow-branch",
        "feat*",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    let text = out.all();
    // Build metadata kept across the bump; the tags drop it.
    assert_contains(&text, "alpha 1.0.0+spec-1.1.0 → 1.0.1+spec-1.1.0");
    assert_contains(&text, "Tag v1.0.1");
    assert_contains(&text, "Tag beta-v1.0.1");
    // `dependent-version = "fix"`: beta's `alpha = "1.0"` still admits 1.0.1, so it stays.
    assert!(!text.contains("version = \"1.0.1\" }"), "{text}");
    assert!(!text.contains("+alpha = { path"), "{text}");
    // The replacements run instead of cargo ship's own changelog promotion.
    assert_contains(&text, "+## [1.0.1] - ");
    assert_contains(
        &text,
        "+[Unreleased]: https://example.com/demo/compare/v1.0.1...HEAD",
    );
    assert_contains(
        &text,
        "+[Unreleased]: https://example.com/demo/compare/beta-v1.0.1...HEAD",
    );
    assert_eq!(
        before,
        (common::files(&dir), git(&remote, &["for-each-ref"])),
        "a dry run changed something"
    );
}

#[test]
fn a_placeholder_without_a_value_stays_as_written_in_the_replacement() {
    // anstyle's replacement writes `{{repository}}/compare/{{tag_name}}...HEAD`; a crate with no
    // `repository` gets the placeholder back, as cargo-release leaves it, not `/compare/…`.
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    let root = dir.join("Cargo.toml");
    write(
        &root,
        &read(&root).replace("repository = \"https://example.com/demo\"\n", ""),
    );
    for name in ["alpha", "beta"] {
        let manifest = dir.join("crates").join(name).join("Cargo.toml");
        write(
            &manifest,
            &read(&manifest).replace("repository.workspace = true\n", ""),
        );
    }
    git(&dir, &["commit", "-q", "-am", "chore: no repository"]);
    let before = common::files(&dir);

    let out = run(ship(&dir, &home(&temp)).args(["patch", "-p", "alpha", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_contains(
        &out.all(),
        "+[Unreleased]: {{repository}}/compare/alpha-v1.0.1...HEAD",
    );
    assert!(!out.all().contains("]: /compare/"), "{}", out.all());
    assert_eq!(before, common::files(&dir), "a dry run changed something");
}

#[test]
fn a_hook_of_a_release_without_a_tag_gets_the_placeholder_as_written() {
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    let alpha = dir.join("crates/alpha/Cargo.toml");
    add_release_keys(
        &alpha,
        "pre-release-hook = [\"sh\", \"-c\", \"echo \\\"$0\\\" > hook-ran.txt\", \"{{tag_name}}\"]\n",
    );
    git(&dir, &["commit", "-q", "-am", "chore: hook"]);

    let out = run(ship(&dir, &home(&temp)).args([
        "patch",
        "-p",
        "alpha",
        "--no-publish",
        "--no-tag",
        "--no-push",
        "--yes",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        read(&dir.join("crates/alpha/hook-ran.txt")),
        "{{tag_name}}\n"
    );
}

#[test]
fn a_release_applies_the_replacements_runs_the_hook_and_commits_what_it_wrote() {
    let (temp, dir, remote) = workspace("cargo-release", "1.0.0");
    // cargo-release's own release.toml runs ./hook.sh with fixed arguments; this hook records
    // its arguments and environment in a file the release commit must include.
    common::write_executable(
        &dir.join("crates/alpha/hook.sh"),
        "#!/bin/sh\necho \"$PREV_VERSION $NEW_VERSION $DRY_RUN $CRATE_NAME $*\" > hook-ran.txt\necho hook says hi\n",
    );
    let alpha = dir.join("crates/alpha/Cargo.toml");
    add_release_keys(
        &alpha,
        "pre-release-hook = [\"./hook.sh\", \"{{version}}\"]\n\
         tag-message = \"Release {{crate_name}} {{version}} ({{tag_name}})\"\n",
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "chore: hook"]);
    // cargo-release's config says `allow-branch = ["master"]` and `consolidate-commits = false`.
    git(&dir, &["branch", "-q", "-m", "master"]);
    git(&dir, &["push", "-q", "-u", "origin", "master"]);

    let out = run(ship(&dir, &home(&temp)).args(["patch", "-p", "alpha", "--no-publish", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    // The hook's own output goes to stderr: stdout is the report.
    assert!(out.stderr.contains("hook says hi") && !out.stdout.contains("hook says hi"));
    let crate_dir = dir.join("crates/alpha");
    assert_eq!(
        read(&crate_dir.join("hook-ran.txt")),
        "1.0.0 1.0.1 false alpha 1.0.1\n"
    );
    assert_eq!(
        read(&crate_dir.join("README.md")),
        "# Demo\n\nCurrent release: 1.0.1\n"
    );
    let changelog = read(&crate_dir.join("CHANGELOG.md"));
    assert_contains(
        &changelog,
        "<!-- next-header -->\n## [Unreleased] - ReleaseDate\n\n## [1.0.1] - ",
    );
    assert_contains(
        &changelog,
        "[1.0.1]: https://example.com/demo/compare/alpha-v1.0.0...alpha-v1.0.1",
    );
    let committed = git(&dir, &["show", "--name-only", "--format=%s", "HEAD"]);
    for file in ["hook-ran.txt", "README.md", "CHANGELOG.md", "Cargo.toml"] {
        assert_contains(&committed, &format!("crates/alpha/{file}"));
    }
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
    let message = git(
        &dir,
        &["tag", "-l", "--format=%(contents:subject)", "alpha-v1.0.1"],
    );
    assert_eq!(message.trim(), "Release alpha 1.0.1 (alpha-v1.0.1)");
    assert_contains(&git(&remote, &["tag", "-l"]), "alpha-v1.0.1");
}

#[test]
fn a_failing_hook_stops_the_release_before_the_commit_with_the_files_put_back() {
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    append(
        &dir.join("release.toml"),
        "pre-release-hook = [\"sh\", \"-c\", \"exit 3\"]\n",
    );
    git(&dir, &["commit", "-q", "-am", "chore: a hook that refuses"]);
    let head = git(&dir, &["rev-parse", "HEAD"]);

    let out = run(ship(&dir, &home(&temp)).args(["patch", "-p", "alpha", "--no-publish", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(&out.all(), "the pre-release-hook of alpha (set at ");
    assert_contains(&out.all(), "`sh -c exit 3` exited with exit status: 3");
    assert_contains(&out.all(), "the files were restored");
    assert_eq!(git(&dir, &["status", "--porcelain"]), "");
    assert_eq!(git(&dir, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(&dir, &["tag", "-l", "alpha-v1.0.1"]), "");
}

#[test]
fn replacement_counts_are_checked_before_anything_changes() {
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    // The changelog no longer has the marker its `exactly = 1` replacement needs.
    let changelog = dir.join("crates/alpha/CHANGELOG.md");
    write(
        &changelog,
        &read(&changelog).replace("<!-- next-url -->\n", ""),
    );
    git(&dir, &["commit", "-q", "-am", "docs: lose the marker"]);
    let before = common::files(&dir);

    let out = run(ship(&dir, &home(&temp)).args(["patch", "-p", "alpha", "--no-publish", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(&out.all(), "`pre-release-replacements` at ");
    assert_contains(
        &out.all(),
        "crates/alpha/Cargo.toml:12:1: `<!-- next-url -->` matches 0 times",
    );
    assert_contains(&out.all(), "exactly 1 expected");
    assert_eq!(before, common::files(&dir));
}

#[test]
fn release_false_tag_false_and_one_commit_per_crate_are_honoured_or_refused() {
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    let beta = dir.join("crates/beta/Cargo.toml");
    add_release_keys(&beta, "release = false\n");
    git(&dir, &["commit", "-q", "-am", "chore: beta is internal"]);

    let out = run(ship(&dir, &home(&temp)).args(["patch", "--workspace", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_contains(&out.all(), "`beta` is not released: `release = false` at ");
    assert!(!out.all().contains("beta 1.0.0 →"), "{}", out.all());
    let named = run(ship(&dir, &home(&temp)).args(["patch", "-p", "beta", "--dry-run"]));
    assert_eq!(named.code, 1, "{}", named.all());
    assert_contains(
        &named.all(),
        "`beta` is not released: `release = false` at ",
    );

    // `tag = false` for alpha, and cargo-release's one-commit-per-crate for the workspace.
    append(&dir.join("release.toml"), "tag = false\n");
    let out =
        run(ship(&dir, &home(&temp)).args(["patch", "-p", "alpha", "--dry-run", "--allow-dirty"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_contains(&out.all(), "`alpha` is not tagged: `tag = false` at ");
    assert!(!out.all().contains("Tag "), "{}", out.all());

    write(&beta, &read(&beta).replace("release = false", ""));
    append(&dir.join("release.toml"), "consolidate-commits = false\n");
    let out =
        run(ship(&dir, &home(&temp)).args(["patch", "--workspace", "--dry-run", "--allow-dirty"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(&out.all(), "`consolidate-commits = false` at ");
    assert_contains(&out.all(), "Release them one at a time with -p");
}

#[test]
fn check_refuses_an_unusable_setting_warns_on_a_misspelt_key_and_says_where_settings_come_from() {
    let (temp, dir, _) = workspace("toml", "1.0.0");
    let home = home(&temp);
    // A user-level file (~/.release.toml) is the lowest source; the workspace's file wins.
    write(
        &home.join(".release.toml"),
        "push-remote = \"upstream\"\nallow-branch = [\"*\"]\n",
    );
    append(&dir.join("release.toml"), "sign-commits = true\n");

    let out = run(ship(&dir, &home).args(["check", "-v"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_contains(
        &out.all(),
        "warning[setting-not-honoured]: `sign-commits` in release.toml: not a cargo-release key cargo ship knows",
    );
    assert_contains(&out.all(), "release.toml:4");
    assert_contains(&out.all(), "`push-remote` for the workspace from ");
    assert_contains(&out.all(), ".release.toml:1:1");
    assert_contains(&out.all(), "`allow-branch` for the workspace from ");
    assert_contains(&out.all(), "demo/release.toml:2:1");

    // Our own table: an unknown key is an error in check, as in a release, naming the table.
    let root = dir.join("Cargo.toml");
    let original = read(&root);
    write(
        &root,
        &format!("{original}\n[workspace.metadata.ship]\ntag-nme = \"v{{version}}\"\n"),
    );
    let out = run(ship(&dir, &home).args(["check"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(
        &out.all(),
        "error[invalid-setting]: unknown key `tag-nme` in [workspace.metadata.ship] at ",
    );
    write(&root, &original);

    let alpha = dir.join("crates/alpha/Cargo.toml");
    write(
        &alpha,
        &read(&alpha).replace("search=\"Unreleased\"", "search=\"Unreleased(\""),
    );
    let out = run(ship(&dir, &home).args(["check"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(
        &out.all(),
        "error[invalid-setting]: `search` regex `Unreleased(` of `pre-release-replacements`",
    );
    let release =
        run(ship(&dir, &home).args(["patch", "-p", "alpha", "--dry-run", "--allow-dirty"]));
    assert_eq!(release.code, 1, "{}", release.all());
    assert_contains(&release.all(), "does not compile");
}

#[test]
fn the_packaging_settings_and_flags_reach_cargo() {
    let (temp, dir, _) = workspace("cargo-release", "1.0.0");
    // alpha builds only with its `extra` feature.
    let alpha = dir.join("crates/alpha");
    write(
        &alpha.join("src/lib.rs"),
        "#[cfg(not(feature = \"extra\"))]\ncompile_error!(\"needs the extra feature\");\n",
    );
    let manifest = alpha.join("Cargo.toml");
    write(
        &manifest,
        &read(&manifest).replace(
            "[dependencies]\n",
            "[features]\nextra = []\n\n[dependencies]\n",
        ),
    );
    git(&dir, &["commit", "-q", "-am", "feat: extra"]);
    let package = |extra: &[&str]| {
        let mut args = vec!["package", "-p", "alpha", "--allow-dirty"];
        args.extend_from_slice(extra);
        run(ship(&dir, &home(&temp)).args(&args))
    };

    let out = package(&[]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(&out.all(), "needs the extra feature");
    assert_eq!(package(&["--features", "extra"]).code, 0);
    assert_eq!(package(&["--no-verify"]).code, 0);

    add_release_keys(&manifest, "enable-features = [\"extra\"]\n");
    let out = package(&[]);
    assert_eq!(out.code, 0, "{}", out.all());
    write(
        &manifest,
        &read(&manifest).replace("enable-features = [\"extra\"]\n", "verify = false\n"),
    );
    assert_eq!(package(&[]).code, 0);
}

#[test]
fn prev_tag_name_sets_the_last_release_and_a_missing_tag_is_refused() {
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    git(&dir, &["tag", "everything-before-this"]);
    let patch_alpha = |extra: &[&str]| {
        let mut args = vec!["patch", "-p", "alpha", "--dry-run"];
        args.extend_from_slice(extra);
        run(ship(&dir, &home(&temp)).args(&args))
    };
    let out = patch_alpha(&[]);
    assert_eq!(out.code, 0, "{}", out.all());
    let out = patch_alpha(&["--prev-tag-name", "everything-before-this"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(&out.all(), "since tag everything-before-this");
    let out = patch_alpha(&["--prev-tag-name", "nope"]);
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(&out.all(), "there is no tag `nope` in this repository");
}

#[test]
fn tag_name_and_sign_make_signed_tags_and_commits_with_the_given_template() {
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    // git signs with an SSH key: no GPG agent needed, the signature is in the objects.
    let key = temp.path().join("signing-key");
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen (openssh-client) is needed for the signing test");
    assert!(made.success());
    git(&dir, &["config", "gpg.format", "ssh"]);
    git(
        &dir,
        &[
            "config",
            "user.signingkey",
            &format!("{}.pub", key.display()),
        ],
    );

    let out = run(ship(&dir, &home(&temp)).args([
        "patch",
        "-p",
        "alpha",
        "--no-publish",
        "--yes",
        "--sign",
        "--tag-name",
        "{{crate_name}}@{{version}}",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_contains(
        &git(&dir, &["cat-file", "-p", "HEAD"]),
        "-----BEGIN SSH SIGNATURE-----",
    );
    assert_contains(
        &git(&dir, &["cat-file", "-p", "alpha@1.0.1"]),
        "-----BEGIN SSH SIGNATURE-----",
    );
}

#[test]
fn push_options_reach_the_remote() {
    let (temp, dir, remote) = workspace("anstyle", "1.0.0");
    git(&remote, &["config", "receive.advertisePushOptions", "true"]);
    let seen = temp.path().join("push-options.txt");
    common::write_executable(
        &remote.join("hooks/pre-receive"),
        &format!(
            "#!/bin/sh\necho \"$GIT_PUSH_OPTION_COUNT $GIT_PUSH_OPTION_0\" > '{}'\n",
            seen.display()
        ),
    );
    append(&dir.join("release.toml"), "push-options = [\"ci.skip\"]\n");
    git(
        &dir,
        &["commit", "-q", "-am", "chore: skip CI on release pushes"],
    );

    let out = run(ship(&dir, &home(&temp)).args(["patch", "-p", "alpha", "--no-publish", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(read(&seen), "1 ci.skip\n");
}

/// cargo-release's placeholders are spelt `{{x}}`; a workspace-level `[workspace.metadata.
/// release]` is a source too, below the crate's own.
#[test]
fn workspace_metadata_release_is_read_below_the_crates_own_settings() {
    let (temp, dir, _) = workspace("cargo-release", "1.0.0");
    let root = dir.join("Cargo.toml");
    write(
        &root,
        &format!(
            "{}\n[workspace.metadata.release]\nallow-branch = [\"main\"]\nconsolidate-commits = true\ntag-name = \"{{{{crate_name}}}}/{{{{version}}}}\"\n",
            read(&root)
        ),
    );
    let beta = dir.join("crates/beta/Cargo.toml");
    add_release_keys(&beta, "tag-name = \"beta-release-{{version}}\"\n");
    git(&dir, &["commit", "-q", "-am", "chore: tags"]);
    let out = run(ship(&dir, &home(&temp)).args(["patch", "--workspace", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    // The workspace's allow-branch (main) is above cargo-release's own release.toml (master).
    assert_contains(&out.all(), "Tag alpha/1.0.1");
    assert_contains(&out.all(), "Tag beta-release-1.0.1");

    // Our own table wins over every cargo-release source, a crate's own included.
    append(
        &root,
        "\n[workspace.metadata.ship]\ntag-name = \"rel-{name}-{version}\"\n",
    );
    let out =
        run(ship(&dir, &home(&temp)).args(["patch", "--workspace", "--dry-run", "--allow-dirty"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_contains(&out.all(), "Tag rel-alpha-1.0.1");
    assert_contains(&out.all(), "Tag rel-beta-1.0.1");
}

#[test]
fn shared_version_groups_move_together_and_registry_names_where_they_go() {
    let (temp, dir, _) = workspace("anstyle", "1.0.0");
    append(
        &dir.join("release.toml"),
        "shared-version = true\nregistry = \"internal\"\n",
    );
    git(
        &dir,
        &["commit", "-q", "-am", "chore: one version, our registry"],
    );
    let cargo_home = home(&temp).join("cargo-home");
    write(
        &cargo_home.join("config.toml"),
        "[registries.internal]\nindex = \"sparse+http://127.0.0.1:9/index/\"\n",
    );

    // Naming one crate of the group releases both, at one version, to the named registry.
    let out = run(ship(&dir, &home(&temp)).args(["minor", "-p", "alpha", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_contains(&out.all(), "Release alpha 1.0.0 → 1.1.0");
    assert_contains(&out.all(), "Release beta 1.0.0 → 1.1.0");
    assert_contains(&out.all(), "Publish alpha, beta to registry `internal`");

    // Crates that start apart would end apart: refused before anything changes.
    let beta = dir.join("crates/beta/Cargo.toml");
    write(
        &beta,
        &read(&beta).replace("version = \"1.0.0\"", "version = \"1.0.3\""),
    );
    git(&dir, &["commit", "-q", "-am", "chore: beta ahead"]);
    let out = run(ship(&dir, &home(&temp)).args(["patch", "-p", "alpha", "--dry-run"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_contains(&out.all(), "share one version (`shared-version`");
    assert_contains(&out.all(), "released as 1.0.1 and 1.0.4");
}

//! `cargo ship check`, as a user runs it: a fixture copied to a temp dir, the real binary,
//! the output, the exit code and the files afterwards.

mod common;

use std::path::Path;

use common::{fixture, git, git_init, json, run, ship};
use serde_json::json;

/// Each broken fixture, the rule it breaks, the line of Cargo.toml it must point at, the
/// severity, and the exit code.
const BROKEN: &[(&str, &str, usize, &str, i32)] = &[
    ("missing-description", "missing-description", 1, "error", 1),
    (
        "description-too-long",
        "description-too-long",
        6,
        "error",
        1,
    ),
    ("missing-license", "missing-license", 1, "error", 1),
    ("invalid-license", "invalid-license", 7, "error", 1),
    (
        "license-file-missing",
        "license-file-missing",
        10,
        "error",
        1,
    ),
    ("readme-missing", "readme-missing", 11, "error", 1),
    ("invalid-name", "invalid-name", 2, "error", 1),
    ("reserved-name", "reserved-name", 2, "error", 1),
    ("invalid-version", "invalid-version", 3, "error", 1),
    ("too-many-keywords", "too-many-keywords", 9, "error", 1),
    ("invalid-keyword", "invalid-keyword", 9, "error", 1),
    ("too-many-categories", "too-many-categories", 10, "error", 1),
    ("invalid-category", "invalid-category", 10, "error", 1),
    ("invalid-url", "invalid-url", 8, "error", 1),
    (
        "invalid-rust-version",
        "invalid-rust-version",
        5,
        "error",
        1,
    ),
    ("invalid-edition", "invalid-edition", 4, "error", 1),
    ("no-targets", "no-targets", 1, "error", 1),
    (
        "dependency-without-version",
        "dependency-without-version",
        13,
        "error",
        1,
    ),
    (
        "cross-registry-dependency",
        "cross-registry-dependency",
        13,
        "error",
        1,
    ),
    ("wildcard-dependency", "wildcard-dependency", 13, "error", 1),
    (
        "too-many-dependencies",
        "too-many-dependencies",
        1,
        "warning",
        0,
    ),
    ("too-many-features", "too-many-features", 12, "warning", 0),
    (
        "invalid-feature-name",
        "invalid-feature-name",
        14,
        "error",
        1,
    ),
    ("invalid-manifest", "invalid-manifest", 6, "error", 1),
    ("publish-disabled", "publish-disabled", 11, "note", 0),
    ("missing-metadata", "missing-repository", 1, "warning", 0),
    ("missing-metadata", "missing-documentation", 1, "warning", 0),
    ("missing-metadata", "missing-homepage", 1, "warning", 0),
    ("missing-metadata", "missing-readme", 1, "warning", 0),
    ("missing-metadata", "missing-keywords", 1, "warning", 0),
    ("missing-metadata", "missing-categories", 1, "warning", 0),
    ("missing-metadata", "missing-rust-version", 1, "warning", 0),
];

#[test]
fn each_broken_fixture_reports_its_rule_at_the_right_line() {
    for &(name, rule, line, severity, code) in BROKEN {
        let (temp, dir) = fixture(&format!("broken/{name}"));
        let out = run(ship(&dir, temp.path()).args(["check", "--format", "json"]));
        assert_eq!(out.code, code, "{name}: {}", out.all());
        let report = json(&out);
        let found = report["packages"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("{name}: no {rule} in {report:#}"));
        assert_eq!(found["line"], line, "{name}: {found:#}");
        assert_eq!(found["severity"], severity, "{name}: {found:#}");
        assert_eq!(
            found["file"],
            dir.join("Cargo.toml").display().to_string(),
            "{name}: file is absolute"
        );

        let human = run(ship(&dir, temp.path()).arg("check"));
        assert_eq!(human.code, code, "{name}: {}", human.all());
        if severity != "note" {
            assert!(
                human.stdout.contains(&format!("{severity}[{rule}]")),
                "{name}: {}",
                human.stdout
            );
            assert!(
                human.stdout.contains(&format!("--> Cargo.toml:{line}:")),
                "{name}: {}",
                human.stdout
            );
        }
    }
}

#[test]
fn broken_fixtures_trigger_only_their_own_rule() {
    for &(name, rule, ..) in BROKEN {
        if name == "missing-metadata" {
            continue;
        }
        let (temp, dir) = fixture(&format!("broken/{name}"));
        let report = json(&run(
            ship(&dir, temp.path()).args(["check", "--format", "json"])
        ));
        let rules: Vec<&str> = report["packages"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["rule"].as_str())
            .collect();
        assert!(!rules.is_empty(), "{name}: {rule} did not fire");
        assert!(rules.iter().all(|r| *r == rule), "{name}: {rules:?}");
    }
}

/// Every rule has a test that makes it fire: a broken fixture above for the rules a plain
/// `check` reports, and for the others (the release preflight, the registry, packaging, the
/// settings) a test that asserts its rendered id. The other half — that no rule fires on a
/// crate that publishes fine — is `valid_crates_pass_with_a_short_success_line`.
#[test]
fn every_rule_is_made_to_fire_by_some_test() {
    let tests: String = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"))
        .expect("tests dir")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| std::fs::read_to_string(e.path()).expect("read test"))
        .collect();
    for rule in cargo_ship::check::RULES {
        let in_broken = BROKEN.iter().any(|(_, id, ..)| *id == rule.id);
        let asserted = ["error", "warning", "note"]
            .iter()
            .any(|severity| tests.contains(&format!("{severity}[{}]", rule.id)))
            || tests.contains(&format!("\"rule\": \"{}\"", rule.id))
            || tests.contains(&format!("d[\"rule\"] == \"{}\"", rule.id));
        assert!(
            in_broken || asserted,
            "rule `{}` has no test that makes it fire",
            rule.id
        );
    }
}

/// Crates that publish fine must not get a single diagnostic: path dev-dependencies,
/// `license-file` only, `MIT/Apache-2.0`, `GPL-3.0+`, inherited fields, a 20-byte keyword, `c++`.
#[test]
fn valid_crates_pass_with_a_short_success_line() {
    for name in [
        "valid-crate",
        "license-file-only",
        "gpl-plus",
        "workspace-inherit",
        "workspace-root-package",
    ] {
        let (temp, dir) = fixture(name);
        let out = run(ship(&dir, temp.path()).args(["check", "--workspace", "--format", "json"]));
        assert_eq!(out.code, 0, "{name}: {}", out.all());
        let report = json(&out);
        for package in report["packages"].as_array().expect("packages") {
            let diagnostics = package["diagnostics"].as_array().expect("diagnostics");
            if package["skipped"] == true {
                assert_eq!(diagnostics.len(), 1, "{name}: {package:#}");
                assert_eq!(diagnostics[0]["rule"], "publish-disabled");
            } else {
                assert!(diagnostics.is_empty(), "{name}: {package:#}");
            }
        }
        let human = run(ship(&dir, temp.path()).args(["check", "--workspace"]));
        assert_eq!(human.code, 0);
        common::assert_contains(&human.stdout, "for crates.io: ready");
        assert!(!human.stdout.contains("error"), "{}", human.stdout);
    }
}

#[test]
fn json_output_has_exactly_the_documented_shape() {
    let (temp, dir) = fixture("broken/invalid-license");
    let out = run(ship(&dir, temp.path()).args(["check", "--format", "json"]));
    let manifest = dir.join("Cargo.toml").display().to_string();
    assert_eq!(
        json(&out),
        json!({
            "packages": [{
                "name": "bad-license",
                "version": "0.1.0",
                "manifest_path": manifest,
                "skipped": false,
                "diagnostics": [{
                    "rule": "invalid-license",
                    "severity": "error",
                    "message": "`license = \"mit\"` is not a valid SPDX expression: unknown term",
                    "file": manifest,
                    "line": 7,
                    "column": 11,
                    "help": "did you mean `license = \"MIT\"`?",
                }],
            }],
            "errors": 1,
            "warnings": 0,
        })
    );
}

#[test]
fn human_output_looks_like_rustc() {
    let (temp, dir) = fixture("broken/invalid-category");
    let out = run(ship(&dir, temp.path()).arg("check"));
    snapbox::assert_data_eq!(
        out.stdout,
        snapbox::str![[r#"
     Checked bad-category v0.1.0 for crates.io: 1 error
error[invalid-category]: `command-line-tools` is not a crates.io category
  --> Cargo.toml:10:15
   |
10 | categories = ["command-line-tools"]
   |               ^^^^^^^^^^^^^^^^^^^^
   |
   = help: did you mean `command-line-utilities`? (slugs: https://crates.io/category_slugs)

error: the check failed with 1 error

"#]]
    );
}

#[test]
fn inherited_fields_are_reported_where_the_user_must_edit_them() {
    let (temp, dir) = fixture("workspace-broken-inherit");
    let out = run(ship(&dir, temp.path()).args(["check", "--format", "json"]));
    assert_eq!(out.code, 1, "{}", out.all());
    let report = json(&out);
    let root = dir.join("Cargo.toml").display().to_string();
    let find = |package: &str, rule: &str| {
        report["packages"]
            .as_array()
            .expect("packages")
            .iter()
            .find(|p| p["name"] == package)
            .and_then(|p| {
                p["diagnostics"]
                    .as_array()
                    .expect("diagnostics")
                    .iter()
                    .find(|d| d["rule"] == rule)
                    .cloned()
            })
            .unwrap_or_else(|| panic!("{package}: no {rule} in {report:#}"))
    };
    let license = find("broken-app", "invalid-license");
    assert_eq!(
        (license["file"].as_str(), license["line"].as_u64()),
        (Some(root.as_str()), Some(10))
    );
    let dep = find("broken-app", "dependency-without-version");
    assert_eq!(
        (dep["file"].as_str(), dep["line"].as_u64()),
        (Some(root.as_str()), Some(17))
    );
    let inherit = find("broken-shared", "invalid-manifest");
    assert_eq!(
        inherit["file"],
        dir.join("crates/shared/Cargo.toml").display().to_string()
    );
    assert_eq!(inherit["line"], 12);

    // The root's problem is shown once in human output, not once per member.
    let human = run(ship(&dir, temp.path()).arg("check"));
    assert_eq!(
        human.stdout.matches("error[invalid-license]").count(),
        1,
        "{}",
        human.stdout
    );
}

#[test]
fn other_registries_get_server_rules_as_warnings_and_cargo_rules_as_errors() {
    let (temp, dir) = fixture("broken/missing-description");
    let out =
        run(ship(&dir, temp.path()).args(["check", "--registry", "internal", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let diagnostic = &json(&out)["packages"][0]["diagnostics"][0];
    assert_eq!(diagnostic["rule"], "missing-description");
    assert_eq!(diagnostic["severity"], "warning");
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("crates.io would refuse this")),
        "{diagnostic}"
    );

    let (temp, dir) = fixture("broken/dependency-without-version");
    let out = run(ship(&dir, temp.path()).args(["check", "--registry", "internal"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("error[dependency-without-version]"));

    // A cross-registry dependency is only a problem for crates.io.
    let (temp, dir) = fixture("broken/cross-registry-dependency");
    let out = run(ship(&dir, temp.path()).args(["check", "--registry", "internal"]));
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn the_registry_default_and_package_publish_choose_the_target() {
    let (temp, dir) = fixture("broken/missing-description");
    std::fs::create_dir_all(dir.join(".cargo")).expect("mkdir");
    std::fs::write(
        dir.join(".cargo/config.toml"),
        "[registry]\ndefault = \"internal\"\n[registries.internal]\nindex = \"sparse+http://127.0.0.1:1/index/\"\n",
    )
    .expect("write config");
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "warning[missing-description]");
    common::assert_contains(&out.stdout, "for registry `internal`");

    // A package that may only go to another registry is skipped for crates.io.
    let (temp, dir) = fixture("valid-crate");
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(
        &manifest,
        text.replace(
            "[dependencies]",
            "publish = [\"internal\"]\n\n[dependencies]",
        ),
    )
    .expect("write");
    let out = run(ship(&dir, temp.path()).args(["check", "--registry", "crates-io"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "Skipped tidy v0.3.1");
}

#[test]
fn strict_makes_warnings_fail() {
    let (temp, dir) = fixture("broken/missing-metadata");
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "7 warnings");
    let out = run(ship(&dir, temp.path()).args(["check", "--strict"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stdout, "7 warnings (--strict)");
}

#[test]
fn cargo_dispatches_to_the_subcommand() {
    let (temp, dir) = fixture("valid-crate");
    let out = run(common::cargo_ship(&dir, temp.path()).arg("check"));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("Checked tidy v0.3.1 for crates.io: ready")
    );
}

/// Input that cannot be checked at all: exit 2, one paragraph naming the file, no panic.
#[test]
fn unreadable_input_exits_2_with_a_clear_message() {
    let assert_clean = |out: &common::Output, needle: &str| {
        assert_eq!(out.code, 2, "{}", out.all());
        assert!(
            out.stderr.contains(needle),
            "expected {needle:?} in:\n{}",
            out.stderr
        );
        assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
        assert_eq!(
            out.stderr.trim_end().lines().count(),
            1,
            "one paragraph: {}",
            out.stderr
        );
        assert!(!out.all().contains("panicked") && !out.all().contains("RUST_BACKTRACE"));
    };

    let (temp, dir) = fixture("valid-crate");
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"x\"\nversion = \n",
    )
    .expect("write");
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert_clean(&out, &format!("{}:3:", dir.join("Cargo.toml").display()));

    std::fs::write(dir.join("Cargo.toml"), b"[package]\nname = \"\xff\"\n").expect("write");
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert_clean(&out, "is not valid UTF-8 (line 2");

    let out = run(ship(&dir, temp.path()).args(["check", "--manifest-path", "nope/Cargo.toml"]));
    assert_clean(&out, "nope/Cargo.toml` does not exist");

    let empty = temp.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let out = run(ship(&empty, temp.path()).arg("check"));
    assert_clean(&out, "could not find `Cargo.toml`");

    let (temp, dir) = fixture("workspace-inherit");
    let out = run(ship(&dir, temp.path()).args(["check", "-p", "nope"]));
    assert_clean(&out, "package `nope` is not a member");

    let out = run(ship(&dir, temp.path()).args(["check", "--format", "xml"]));
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(&out.stderr, "invalid value 'xml'");
}

#[test]
fn a_workspace_member_without_cargo_toml_is_refused() {
    let (temp, dir) = fixture("workspace-inherit");
    std::fs::create_dir_all(dir.join("crates/empty")).expect("mkdir");
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "crates/empty");
}

#[test]
fn staged_checks_what_the_commit_contains() {
    let (temp, dir) = fixture("valid-crate");
    git_init(&dir);
    let manifest = dir.join("Cargo.toml");
    let good = std::fs::read_to_string(&manifest).expect("read");
    let bad = good.replace(
        "description = \"A small, well-described crate used to test cargo ship\"\n",
        "",
    );

    // An unstaged edit that breaks a rule does not fail the staged check.
    std::fs::write(&manifest, &bad).expect("write");
    let out = run(ship(&dir, temp.path()).args(["check", "--staged"]));
    assert_eq!(out.code, 0, "{}", out.all());
    // The plain check sees the working tree.
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert_eq!(out.code, 1, "{}", out.all());

    // Staged, it fails; restoring the working tree does not help.
    git(&dir, &["add", "Cargo.toml"]);
    std::fs::write(&manifest, &good).expect("write");
    let out = run(ship(&dir, temp.path()).args(["check", "--staged"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stdout, "error[missing-description]");

    // A README deleted from the index is missing for the commit.
    git(&dir, &["add", "Cargo.toml"]);
    git(&dir, &["rm", "-q", "--cached", "README.md"]);
    let out = run(ship(&dir, temp.path()).args(["check", "--staged", "--format", "json"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(
        json(&out)["packages"][0]["diagnostics"][0]["rule"],
        "readme-missing"
    );
}

#[test]
fn staged_checks_every_member_of_a_workspace() {
    let (temp, dir) = fixture("workspace-inherit");
    git_init(&dir);
    let out = run(ship(&dir, temp.path()).args(["check", "--staged", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let names: Vec<String> = json(&out)["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "inherit-cli",
            "inherit-core",
            "inherit-gen",
            "inherit-internal"
        ]
    );
}

#[test]
fn fix_fills_what_is_unambiguous_and_keeps_the_formatting() {
    let (temp, dir) = fixture("broken/missing-metadata");
    std::fs::copy(
        common::fixtures_dir().join("valid-crate/LICENSE-MIT"),
        dir.join("LICENSE"),
    )
    .expect("license");
    std::fs::write(dir.join("readme.md"), "# bare\n").expect("readme");
    let manifest = dir.join("Cargo.toml");
    let original = std::fs::read_to_string(&manifest).expect("read").replace(
        "license = \"MIT\"\n",
        "# keep this comment\nkeywords = [\"CLI\",   \"Tools\"]\n",
    );
    std::fs::write(&manifest, &original).expect("write");
    git_init(&dir);
    git(
        &dir,
        &["remote", "add", "origin", "git@github.com:example/bare.git"],
    );

    // A dry run shows the diff and writes nothing.
    let before = common::files(&dir);
    let out = run(ship(&dir, temp.path()).args(["check", "--fix", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("+repository = \"https://github.com/example/bare\""),
        "{}",
        out.stdout
    );
    common::assert_contains(&out.stdout, "+license = \"MIT\"");
    common::assert_contains(&out.stdout, "+readme = \"readme.md\"");
    common::assert_contains(&out.stdout, "-keywords = [\"CLI\",   \"Tools\"]");
    assert_eq!(common::files(&dir), before);

    // Without a terminal, nothing is written without --yes.
    let out = run(ship(&dir, temp.path()).args(["check", "--fix"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "re-run with --yes");
    assert_eq!(common::files(&dir), before);

    let out = run(ship(&dir, temp.path()).args(["check", "--fix", "--yes"]));
    common::assert_contains(&out.stderr, "from git remote `origin`");
    let fixed = std::fs::read_to_string(&manifest).expect("read");
    assert!(fixed.starts_with(&original[..original.find("keywords").expect("keywords")]));
    assert!(
        fixed.contains("# keep this comment\nkeywords = [\"cli\",   \"tools\"]\n"),
        "{fixed}"
    );
    assert!(
        fixed.contains("repository = \"https://github.com/example/bare\"\n"),
        "{fixed}"
    );
    assert!(fixed.contains("license = \"MIT\"\n"), "{fixed}");
    // What remains is reported, and only warnings remain.
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stdout, "missing-categories");
    assert!(!out.stdout.contains("missing-repository"), "{}", out.stdout);
}

#[test]
fn fix_never_chooses_between_two_licenses() {
    let (temp, dir) = fixture("broken/missing-license");
    let license_texts = common::fixtures_dir().join("valid-crate/LICENSE-MIT");
    std::fs::copy(&license_texts, dir.join("LICENSE-MIT")).expect("copy");
    std::fs::write(dir.join("LICENSE-OTHER"), "All rights reserved.\n").expect("write");
    let before = common::files(&dir);
    let out = run(ship(&dir, temp.path()).args(["check", "--fix", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr
            .contains("several license files (LICENSE-MIT, LICENSE-OTHER)"),
        "{}",
        out.stderr
    );
    assert_eq!(common::files(&dir), before);
}

#[test]
fn fix_prefers_workspace_inheritance() {
    let (temp, dir) = fixture("workspace-inherit");
    let manifest = dir.join("crates/core/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replace("repository.workspace = true\n", "")).expect("write");
    let out = run(ship(&dir, temp.path()).args(["check", "--fix", "--yes", "-p", "inherit-core"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let fixed = std::fs::read_to_string(&manifest).expect("read");
    assert!(fixed.contains("repository.workspace = true"), "{fixed}");
}

#[test]
fn the_installed_hook_refuses_a_commit_that_stages_a_broken_manifest() {
    let (temp, dir) = fixture("valid-crate");
    git_init(&dir);
    let out = run(ship(&dir, temp.path()).args(["hook", "install"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let hook = dir.join(".git/hooks/pre-commit");
    assert!(
        std::fs::read_to_string(&hook)
            .expect("hook")
            .contains("cargo-ship ship check --staged")
    );

    let bin_dir = common::bin().parent().expect("dir").to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let commit = |message: &str| {
        std::process::Command::new("git")
            .args(["commit", "-q", "-m", message])
            .current_dir(&dir)
            .env("PATH", &path)
            .env("CARGO_HOME", temp.path().join("cargo-home"))
            .env("GIT_AUTHOR_NAME", "T")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "T")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .expect("git commit")
    };
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(
        &manifest,
        text.replace(
            "description = \"A small, well-described crate used to test cargo ship\"\n",
            "",
        ),
    )
    .expect("write");
    std::fs::write(dir.join("src/lib.rs"), "//! changed\n").expect("write");
    git(&dir, &["add", "src/lib.rs"]);
    assert!(
        commit("an unrelated change").status.success(),
        "unstaged manifest edits do not block"
    );

    git(&dir, &["add", "Cargo.toml"]);
    let refused = commit("drop the description");
    assert!(!refused.status.success());
    // git sends a hook's stdout to its stderr.
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&refused.stdout),
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(shown.contains("error[missing-description]"), "{shown}");
    assert_eq!(
        git(&dir, &["log", "--format=%s", "-1"]).trim(),
        "an unrelated change"
    );
}

#[test]
fn hook_install_respects_foreign_hooks_and_hooks_path() {
    let (temp, dir) = fixture("valid-crate");
    git_init(&dir);
    git(&dir, &["config", "core.hooksPath", "githooks"]);
    let hooks = dir.join("githooks");
    std::fs::create_dir_all(&hooks).expect("mkdir");
    std::fs::write(hooks.join("pre-commit"), "#!/bin/sh\necho mine\n").expect("write");

    let out = run(ship(&dir, temp.path()).args(["hook", "install"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "--force");
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit")).expect("hook"),
        "#!/bin/sh\necho mine\n"
    );

    let out = run(ship(&dir, temp.path()).args(["hook", "install", "--force"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        std::fs::read_to_string(hooks.join("pre-commit"))
            .expect("hook")
            .contains("check --staged")
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit.before-cargo-ship")).expect("backup"),
        "#!/bin/sh\necho mine\n"
    );

    let out = run(ship(&dir, temp.path()).args(["hook", "uninstall"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        std::fs::read_to_string(hooks.join("pre-commit")).expect("hook"),
        "#!/bin/sh\necho mine\n"
    );

    let out = run(ship(&dir, temp.path()).args(["hook", "uninstall"]));
    assert_eq!(out.code, 1, "a foreign hook is not removed: {}", out.all());
}

#[test]
fn pre_commit_framework_hook_definition_matches_the_design() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .expect("read");
    for line in [
        "- id: cargo-ship-check",
        "  language: rust",
        "  entry: cargo-ship ship check --staged",
        "  pass_filenames: false",
        "  files: Cargo\\.toml$",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?}");
    }
}

#[test]
fn missing_license_help_offers_the_expression_for_two_license_files() {
    let (temp, dir) = fixture("broken/missing-license");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["LICENSE-MIT", "LICENSE-APACHE"] {
        std::fs::copy(root.join(name), dir.join(name)).expect("copy");
    }
    let out = run(ship(&dir, temp.path()).args(["check", "--format", "json"]));
    assert_eq!(out.code, 1, "{}", out.all());
    let help = json(&out)["packages"][0]["diagnostics"][0]["help"].clone();
    assert_eq!(
        help,
        "found LICENSE-APACHE (Apache-2.0) and LICENSE-MIT (MIT): which applies is your legal choice; if users may choose, `license = \"Apache-2.0 OR MIT\"`"
    );

    std::fs::remove_file(dir.join("LICENSE-APACHE")).expect("remove");
    let out = run(ship(&dir, temp.path()).args(["check", "--format", "json"]));
    let help = json(&out)["packages"][0]["diagnostics"][0]["help"].clone();
    assert_eq!(
        help,
        "LICENSE-MIT is the MIT license text: add `license = \"MIT\"` (`cargo ship check --fix` writes it)"
    );
}

#[test]
fn a_package_without_a_library_or_binary_is_refused_as_cargo_would() {
    // (files besides Cargo.toml, extra manifest text, expected to be refused)
    let cases: &[(&[&str], &str, bool)] = &[
        (&[], "", true),
        (&["src/bin/tool.rs"], "", false),
        (&["lib.rs"], "\n[lib]\npath = \"lib.rs\"\n", false),
        (
            &["tool.rs"],
            "\n[[bin]]\nname = \"tool\"\npath = \"tool.rs\"\n",
            false,
        ),
        (&["src/main.rs"], "", false),
        (&["src/main.rs"], "autobins = false\n", true),
    ];
    for (files, extra, refused) in cases {
        let (temp, dir) = fixture("valid-crate");
        std::fs::remove_file(dir.join("src/lib.rs")).expect("remove");
        for file in *files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "fn main() {}\n").expect("write");
        }
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).expect("read");
        let text = match extra.strip_suffix('\n').filter(|e| !e.contains('[')) {
            // A `[package]` key goes right under its table.
            Some(key) => text.replacen("[package]\n", &format!("[package]\n{key}\n"), 1),
            None => format!("{text}{extra}"),
        };
        std::fs::write(&manifest, text).expect("write");
        let out = run(ship(&dir, temp.path()).arg("check"));
        let said = out
            .all()
            .contains("error[no-targets]: package `tidy` has no library and no binary to build");
        assert_eq!(said, *refused, "{files:?} {extra:?}:\n{}", out.all());
        assert_eq!(
            out.code,
            if *refused { 1 } else { 0 },
            "{files:?} {extra:?}:\n{}",
            out.all()
        );
    }
}

#[test]
fn a_cargo_toml_that_is_a_directory_is_named() {
    let temp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(temp.path().join("odd/Cargo.toml")).expect("mkdir");
    let out = run(ship(&temp.path().join("odd"), temp.path()).arg("check"));
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "Cargo.toml` is a directory, not a manifest: cargo reads a package from a Cargo.toml file",
    );
    let out =
        run(ship(temp.path(), temp.path()).args(["check", "--manifest-path", "odd/Cargo.toml"]));
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(&out.stderr, "is a directory, not a manifest");
}

#[test]
fn every_member_excluded_says_nothing_is_checked() {
    let (temp, dir) = fixture("workspace-independent");
    let out = run(ship(&dir, temp.path()).args([
        "check",
        "--workspace",
        "--exclude",
        "alpha",
        "--exclude",
        "beta",
        "--exclude",
        "gamma",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "Nothing to check: no package is selected (every member is excluded)",
    );
}

#[test]
fn a_workspace_groups_diagnostics_under_each_member_and_names_who_inherits_a_root_value() {
    let (temp, dir) = fixture("workspace-broken-inherit");
    let out = run(ship(&dir, temp.path()).arg("check"));
    assert_eq!(out.code, 1, "{}", out.all());
    let text = &out.stdout;
    let inherited = "(in [workspace.package], inherited by `broken-app`, `broken-shared`)";
    assert_eq!(text.matches(inherited).count(), 1, "{text}");
    // Each member's line comes first, its own diagnostics under it.
    let app = text.find("Checked broken-app").expect("app line");
    let license = text.find("error[invalid-license]").expect("license");
    let shared = text.find("Checked broken-shared").expect("shared line");
    let description = text
        .find("description.workspace = true")
        .expect("description");
    assert!(
        app < license && license < shared && shared < description,
        "{text}"
    );
}

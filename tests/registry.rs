//! Publishing and yanking against a real registry server (kellnr) on 127.0.0.1, driven by the
//! real binary and the real cargo. Each test has its own server, data dir and CARGO_HOME.

mod common;

use std::path::Path;
use std::process::Command;

use common::kellnr::Kellnr;
use common::{fixture, git, git_init, json, run, ship};

/// The binary, pointed at `kellnr` as the default registry `local`.
fn ship_to(kellnr: &Kellnr, dir: &Path, home: &Path) -> Command {
    let mut command = ship(dir, home);
    kellnr.env(&mut command);
    command
}

fn assert_no_token(out: &common::Output, token: &str) {
    assert!(
        !out.stdout.contains(token) && !out.stderr.contains(token),
        "the token was printed:\n{}",
        out.all()
    );
}

#[test]
fn a_published_crate_is_in_the_index_and_publishing_again_is_skipped() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    git_init(&dir);
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["publish", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.all(), kellnr.log());
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);
    assert!(
        out.stderr
            .contains("Published alpha v0.1.0 to registry `local`"),
        "{}",
        out.stderr
    );
    assert_no_token(&out, &kellnr.token);

    let out = run(ship_to(&kellnr, &dir, temp.path())
        .args(["publish", "-p", "alpha", "--yes", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    assert_eq!(report["packages"][0]["name"], "alpha");
    assert_eq!(report["packages"][0]["steps"][1]["step"], "publish");
    assert_eq!(report["packages"][0]["steps"][1]["status"], "skipped");
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);
}

#[test]
fn a_dry_run_publish_rehearses_and_uploads_nothing() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    git_init(&dir);
    let out =
        run(ship_to(&kellnr, &dir, temp.path()).args(["publish", "--workspace", "--dry-run"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "Rehearsed");
    for name in ["alpha", "beta", "gamma"] {
        assert!(kellnr.versions(name).is_empty(), "{name} was uploaded");
    }
}

#[test]
fn a_workspace_publishes_in_dependency_order_and_a_failed_run_resumes() {
    // The registry takes crates up to 1 MiB: beta, with 1.5 MiB of random data, is refused
    // after alpha went up.
    let kellnr = Kellnr::start_with(&[("KELLNR_REGISTRY__MAX_CRATE_SIZE", "1")]);
    let (temp, dir) = fixture("registry-chain");
    let mut noise = vec![0u8; 1536 * 1024];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut noise))
        .expect("random bytes");
    std::fs::write(dir.join("crates/beta/src/noise.bin"), &noise).expect("write");
    git_init(&dir);

    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["publish", "--workspace", "--yes"]));
    assert_eq!(out.code, 3, "some crates were published: {}", out.all());
    let error = out.stderr.trim_end().lines().last().unwrap_or_default();
    assert!(
        error.contains("(published: alpha; not published: beta, gamma)."),
        "{error}"
    );
    assert!(
        error.contains("run `cargo ship publish --workspace --yes`"),
        "{error}"
    );
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);
    assert!(kellnr.versions("beta").is_empty() && kellnr.versions("gamma").is_empty());

    std::fs::remove_file(dir.join("crates/beta/src/noise.bin")).expect("remove");
    git(&dir, &["commit", "-q", "-am", "Drop the noise"]);
    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "publish",
        "--workspace",
        "--yes",
        "--format",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}\n{}", out.all(), kellnr.log());
    let report = json(&out);
    let statuses: Vec<(String, String)> = report["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_string(),
                p["steps"][1]["status"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("alpha".to_string(), "skipped".to_string()),
            ("beta".into(), "done".into()),
            ("gamma".into(), "done".into())
        ]
    );
    // Each crate was published exactly once, dependencies first.
    let published_at = |name: &str| {
        let entries = kellnr.index_entries(name);
        assert_eq!(entries.len(), 1, "{name}: {entries:?}");
        entries[0]["pubtime"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let (alpha, beta, gamma) = (
        published_at("alpha"),
        published_at("beta"),
        published_at("gamma"),
    );
    assert!(
        alpha <= beta && beta <= gamma,
        "order: {alpha} {beta} {gamma}"
    );
}

/// A registry with `registry-chain`'s alpha 0.1.0 published, and the fixture as a repository.
fn with_alpha_published() -> (Kellnr, tempfile::TempDir, std::path::PathBuf) {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    git_init(&dir);
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["publish", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    (kellnr, temp, dir)
}

/// A repository of `registry-chain` with a bare remote, tagged at alpha's version.
fn released_repo(temp: &Path, dir: &Path) -> std::path::PathBuf {
    let remote = temp.join("remote.git");
    git_init(dir);
    git(dir, &["tag", "-a", "alpha-v0.1.0", "-m", "alpha 0.1.0"]);
    common::add_remote(dir, &remote);
    std::fs::write(
        dir.join("crates/alpha/src/lib.rs"),
        "//! Fixture crate, fixed.\n",
    )
    .expect("write");
    git(dir, &["commit", "-q", "-am", "fix: alpha"]);
    remote
}

#[test]
fn a_release_publishes_between_the_tag_and_the_push() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    let remote = released_repo(temp.path(), &dir);
    // anstyle's release.toml names owners, which cargo ship leaves to `cargo owner`.
    std::fs::write(dir.join("release.toml"), "owners = [\"github:org:team\"]\n").expect("write");
    git(&dir, &["add", "release.toml"]);
    git(&dir, &["commit", "-q", "-m", "chore: release settings"]);
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["patch", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.all(), kellnr.log());
    assert_eq!(kellnr.versions("alpha"), [("0.1.1".to_string(), false)]);
    // The registry preflight judges the rules again; what the local one said is not repeated.
    assert_eq!(
        out.stderr.matches("warning[setting-not-honoured]").count(),
        1,
        "{}",
        out.stderr
    );
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "chore: release alpha v0.1.1"
    );
    assert_eq!(
        git(&remote, &["rev-parse", "alpha-v0.1.1^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    let order: Vec<&str> = ["Verified", "Committed", "Tagged", "Published", "Pushed"]
        .into_iter()
        .filter(|step| out.stderr.contains(step))
        .collect();
    assert_eq!(order.len(), 5, "{}", out.stderr);
    let position = |word: &str| out.stderr.find(word).expect("step");
    assert!(position("Verified") < position("Committed"));
    assert!(position("Tagged") < position("Published"));
    assert!(position("Published") < position("Pushed"));
    assert_no_token(&out, &kellnr.token);
}

/// `registry-chain` in git with a bare remote, never tagged nor published: alpha's manifest
/// holds its first version, 0.1.0.
fn never_released() -> (
    Kellnr,
    tempfile::TempDir,
    std::path::PathBuf,
    std::path::PathBuf,
) {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    git_init(&dir);
    let remote = temp.path().join("remote.git");
    common::add_remote(&dir, &remote);
    (kellnr, temp, dir, remote)
}

/// A new crate's first release is the version its manifest holds: `cargo ship 0.1.0` was
/// refused with "0.1.0 is not greater than the current version 0.1.0" (only `auto` could make
/// it). Asked again once it is out, it is refused as released, before any change.
#[test]
fn a_first_release_is_made_at_the_version_the_manifest_holds() {
    let (kellnr, temp, dir, remote) = never_released();
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["0.1.0", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.all(), kellnr.log());
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);
    assert_eq!(
        git(&remote, &["rev-parse", "alpha-v0.1.0^{commit}"]),
        git(&dir, &["rev-parse", "HEAD"])
    );
    let manifest = std::fs::read_to_string(dir.join("crates/alpha/Cargo.toml")).expect("read");
    assert!(manifest.contains("version = \"0.1.0\""), "{manifest}");

    std::fs::write(
        dir.join("crates/alpha/src/lib.rs"),
        "//! Fixture crate, fixed.\n",
    )
    .expect("write");
    git(&dir, &["commit", "-q", "-am", "fix: alpha"]);
    let head = git(&dir, &["rev-parse", "HEAD"]);
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["0.1.0", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "cannot release `alpha` 0.1.0: it is released already (tag alpha-v0.1.0); ask for a greater version",
    );
    assert_eq!(git(&dir, &["rev-parse", "HEAD"]), head);
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);
}

/// A first release has nothing to commit; killed after its tag (as under `kill -9`), the same
/// command run again publishes and pushes it, once.
#[test]
fn a_first_release_killed_after_its_tag_is_finished_by_a_rerun() {
    let (kellnr, temp, dir, remote) = never_released();
    let head = git(&dir, &["rev-parse", "HEAD"]);
    let out = run(ship_to(&kellnr, &dir, temp.path())
        .args(["0.1.0", "-p", "alpha", "--yes"])
        .env("CARGO_SHIP_CRASH_AT", "publish"));
    assert_ne!(out.code, 0, "{}", out.all());
    assert!(kellnr.versions("alpha").is_empty());

    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["0.1.0", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.all(), kellnr.log());
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);
    assert_eq!(git(&dir, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(&remote, &["rev-parse", "alpha-v0.1.0^{commit}"]), head);
}

#[test]
fn with_the_registry_down_a_release_fails_in_preflight_and_changes_nothing() {
    let mut kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    let remote = released_repo(temp.path(), &dir);
    kellnr.stop();
    let state = || {
        (
            std::fs::read(dir.join("crates/alpha/Cargo.toml")).expect("read"),
            git(&dir, &["rev-parse", "--all"]),
            git(&dir, &["status", "--porcelain"]),
            git(&remote, &["for-each-ref"]),
        )
    };
    let before = state();
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["patch", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr
            .contains(&format!("could not reach {}", kellnr.url)),
        "{}",
        out.stderr
    );
    assert_eq!(state(), before);
}

#[test]
fn an_already_published_version_refuses_the_release() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    released_repo(temp.path(), &dir);
    // Someone published 0.1.1 by hand already.
    let mut cargo = Command::new(env!("CARGO"));
    cargo
        .args([
            "publish",
            "-p",
            "alpha",
            "--registry",
            "local",
            "--allow-dirty",
        ])
        .current_dir(&dir)
        .env("CARGO_HOME", temp.path().join("cargo-home"));
    kellnr.env(&mut cargo);
    let text = std::fs::read_to_string(dir.join("crates/alpha/Cargo.toml")).expect("read");
    std::fs::write(
        dir.join("crates/alpha/Cargo.toml"),
        text.replace("0.1.0", "0.1.1"),
    )
    .expect("write");
    assert!(cargo.status().expect("cargo publish").success());
    git(&dir, &["checkout", "--", "."]);
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["patch", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "error[version-already-published]");
    assert_eq!(
        git(&dir, &["log", "-1", "--format=%s"]).trim(),
        "fix: alpha"
    );
}

#[test]
fn yank_and_unyank_flip_the_index_flag() {
    let (kellnr, temp, dir) = with_alpha_published();

    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "yank",
        "0.1.0",
        "-p",
        "alpha",
        "--dry-run",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stderr.contains(&format!(
            "DELETE {}/api/v1/crates/alpha/0.1.0/yank (Authorization: ****)",
            kellnr.url
        )),
        "{}",
        out.stderr
    );
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);

    let out =
        run(ship_to(&kellnr, &dir, temp.path()).args(["yank", "0.1.0", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), true)]);
    assert_no_token(&out, &kellnr.token);

    let out =
        run(ship_to(&kellnr, &dir, temp.path()).args(["yank", "0.1.0", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(&out.stderr, "already yanked");

    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "yank", "0.1.0", "-p", "alpha", "--undo", "--yes", "--format", "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(json(&out)["packages"][0]["steps"][1]["status"], "done");
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);

    let out =
        run(ship_to(&kellnr, &dir, temp.path()).args(["yank", "9.9.9", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "has no version 9.9.9");
    common::assert_contains(&out.stderr, "published versions: 0.1.0");

    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "yank",
        "0.1.0",
        "-p",
        "no-such-crate",
        "--yes",
    ]));
    assert_eq!(out.code, 1, "{}", out.all());

    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["yank", "0.1.0", "-p", "alpha"]));
    assert_eq!(out.code, 1, "without --yes off a terminal: {}", out.all());
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);

    // cargo's spellings: `--version V` and the Rust book's `--vers V`, with `--undo` too. The
    // program's own version is only `cargo ship --version`.
    for (flag, undo, yanked) in [
        ("--version", false, true),
        ("--vers", true, false),
        ("--vers", false, true),
        ("--version", true, false),
    ] {
        let mut args = vec!["yank", flag, "0.1.0", "-p", "alpha", "--yes"];
        if undo {
            args.push("--undo");
        }
        let out = run(ship_to(&kellnr, &dir, temp.path()).args(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.all());
        assert_eq!(
            kellnr.versions("alpha"),
            [("0.1.0".to_string(), yanked)],
            "{args:?}"
        );
    }
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["check", "--version"]));
    assert_eq!(out.code, 2, "{}", out.all());
}

#[test]
fn a_wrong_token_is_refused_with_exit_2_and_never_printed() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    git_init(&dir);
    let wrong = common::secret("wrong-token-5f1d2c");
    let wrong = wrong.as_str();
    let mut publish = ship_to(&kellnr, &dir, temp.path());
    publish
        .env("CARGO_REGISTRIES_LOCAL_TOKEN", wrong)
        .args(["publish", "-p", "alpha", "--yes"]);
    let out = run(&mut publish);
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_contains(&out.stderr, "403");
    let last = out.stderr.trim_end().lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: publishing stopped:")
            && last.contains("(published: none; not published: "),
        "{}",
        out.stderr
    );
    assert_no_token(&out, wrong);
    assert!(kellnr.versions("alpha").is_empty());

    // The real token publishes; a wrong one cannot yank, through --token too.
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["publish", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let out = run(ship_to(&kellnr, &dir, temp.path())
        .args(["yank", "0.1.0", "-p", "alpha", "--yes", "--token", wrong]));
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr
            .contains("the registry refused the token (HTTP 403)"),
        "{}",
        out.stderr
    );
    assert_no_token(&out, wrong);
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), false)]);
}

#[test]
fn a_credential_provider_other_than_cargo_token_is_left_to_cargo() {
    let (kellnr, temp, dir) = with_alpha_published();
    let script = temp.path().join("print-token");
    common::write_executable(&script, &format!("#!/bin/sh\necho {}\n", kellnr.token));
    let mut yank = ship_to(&kellnr, &dir, temp.path());
    yank.env_remove("CARGO_REGISTRIES_LOCAL_TOKEN")
        .env(
            "CARGO_REGISTRIES_LOCAL_CREDENTIAL_PROVIDER",
            format!("cargo:token-from-stdout {}", script.display()),
        )
        .args(["yank", "0.1.0", "-p", "alpha", "--yes"]);
    let out = run(&mut yank);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(kellnr.versions("alpha"), [("0.1.0".to_string(), true)]);
    assert_no_token(&out, &kellnr.token);
}

#[test]
fn check_with_a_registry_notes_a_version_already_published() {
    let (kellnr, temp, dir) = with_alpha_published();
    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "check",
        "--workspace",
        "--registry",
        "local",
        "--format",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    let alpha = &report["packages"][0];
    assert_eq!(alpha["name"], "alpha");
    assert_eq!(alpha["diagnostics"][0]["rule"], "version-already-published");
    assert_eq!(alpha["diagnostics"][0]["severity"], "note");
    assert!(
        report["packages"][1]["diagnostics"]
            .as_array()
            .expect("list")
            .is_empty()
    );
}

#[test]
fn package_reports_what_the_crate_file_holds() {
    let (temp, dir) = fixture("workspace-independent");
    git_init(&dir);
    let out = run(ship(&dir, temp.path()).args(["package", "-p", "alpha", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    let alpha = &report["packages"][0];
    assert_eq!(alpha["name"], "alpha");
    assert_eq!(alpha["version"], "0.1.0");
    assert!(
        alpha["crate_file"]
            .as_str()
            .is_some_and(|p| p.ends_with("target/package/alpha-0.1.0.crate")),
        "{alpha}"
    );
    assert!(alpha["size"].as_u64().is_some_and(|s| s > 0));
    assert!(alpha["unpacked_size"].as_u64() > alpha["size"].as_u64());
    assert!(alpha["files"].as_u64().is_some_and(|n| n >= 4), "{alpha}");
    let largest: Vec<&str> = alpha["largest"]
        .as_array()
        .expect("largest")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(largest.contains(&"Cargo.toml"), "{largest:?}");
}

#[test]
fn package_list_names_the_files_as_cargo_does_without_building() {
    let (temp, dir) = fixture("workspace-independent");
    git_init(&dir);
    // A crate that does not compile: listing must not build it.
    std::fs::write(dir.join("crates/alpha/src/lib.rs"), "this is not rust\n").expect("write");
    let out = run(ship(&dir, temp.path()).args([
        "package",
        "-p",
        "alpha",
        "--list",
        "-q",
        "--allow-dirty",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    let files: Vec<&str> = out.stdout.lines().collect();
    for file in ["Cargo.toml", "Cargo.toml.orig", "src/lib.rs"] {
        assert!(files.contains(&file), "{files:?}");
    }
    assert_eq!(out.stderr, "", "-q prints nothing but the list");
    assert!(
        !dir.join("target/package").exists(),
        "--list packaged something"
    );

    let out = run(ship(&dir, temp.path()).args([
        "package",
        "--workspace",
        "--list",
        "--allow-dirty",
        "--format",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    let names: Vec<&str> = report["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        names.contains(&"alpha") && names.contains(&"beta"),
        "{names:?}"
    );
    let alpha_files = report["packages"][0]["files"].as_array().expect("files");
    assert!(alpha_files.iter().any(|f| f == "src/lib.rs"), "{report}");
}

#[test]
fn a_dependency_missing_from_the_registry_refuses_the_publish() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    git_init(&dir);
    // beta needs alpha 0.1 from `local`, which has never seen alpha.
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["publish", "-p", "beta", "--yes"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "error[dependency-not-in-registry]: `beta` depends on `alpha` 0.1, which registry `local` does not have",
    );
    common::assert_contains(&out.stderr, "--> crates/beta/Cargo.toml:");
    assert!(kellnr.versions("beta").is_empty());
    // Released together, alpha comes first: nothing is missing.
    let out =
        run(ship_to(&kellnr, &dir, temp.path())
            .args(["publish", "-p", "alpha", "-p", "beta", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
}

#[test]
fn a_crate_over_the_size_limit_is_crate_too_large() {
    let (temp, dir) = fixture("workspace-independent");
    let mut noise = vec![0u8; 11 * 1024 * 1024];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut noise))
        .expect("random bytes");
    std::fs::write(dir.join("crates/alpha/src/noise.bin"), &noise).expect("write");
    git_init(&dir);
    let out = run(ship(&dir, temp.path()).args(["package", "-p", "alpha"]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(
        &out.stderr,
        "error[crate-too-large]: alpha v0.1.0 is 11.0 MiB compressed",
    );
}

#[test]
fn a_crate_released_without_tags_is_found_in_the_registry() {
    // alpha 0.1.0 is published, but the repository has no tag for it (itoa's shape).
    let (kellnr, temp, dir) = with_alpha_published();
    std::fs::write(dir.join("crates/alpha/src/lib.rs"), "pub fn more() {}\n").expect("write");
    git(&dir, &["commit", "-q", "-am", "feat: more"]);
    std::fs::write(dir.join("crates/alpha/src/lib.rs"), "pub fn other() {}\n").expect("write");
    git(&dir, &["commit", "-q", "-am", "fix!: rename the API"]);
    let out =
        run(ship_to(&kellnr, &dir, temp.path())
            .args(["suggest", "-p", "alpha", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.all());
    let report = json(&out);
    assert_eq!(report["packages"][0]["change"], "breaking", "{report}");
    assert_eq!(report["packages"][0]["next"], "0.2.0", "{report}");
    // A patch would be below what the registry's 0.1.0 and the changes require.
    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "patch",
        "-p",
        "alpha",
        "--dry-run",
        "--no-publish",
    ]));
    assert_eq!(out.code, 1, "{}", out.all());
    common::assert_contains(&out.stderr, "would under-bump");
    // Offline, the registry is not asked, and the output says so.
    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "--offline",
        "suggest",
        "-p",
        "alpha",
        "--format",
        "json",
    ]));
    let report = json(&out);
    let notes = report["packages"][0]["notes"].to_string();
    assert!(notes.contains("the registry was not asked"), "{report}");
}

/// cargo-release 0.13.1 → 0.13.3: 0.13.2 was published by a commit that set the version but
/// was never tagged, so the last tag is older than the manifest. Taken for a prepared release,
/// `suggest` offered 0.13.2 again; the registry tells a published version from a prepared one.
#[test]
fn a_version_published_without_a_tag_above_the_last_tag_is_the_last_release() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    git_init(&dir);
    git(&dir, &["tag", "-a", "alpha-v0.1.0", "-m", "alpha 0.1.0"]);
    let manifest = dir.join("crates/alpha/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replace("0.1.0", "0.1.1")).expect("write");
    git(&dir, &["commit", "-q", "-am", "version 0.1.1"]);
    let suggest = || {
        let out = run(ship_to(&kellnr, &dir, temp.path())
            .args(["suggest", "-p", "alpha", "--format", "json"]));
        assert_eq!(out.code, 0, "{}", out.all());
        json(&out)["packages"][0].clone()
    };
    // Not published: a prepared release, its own version next.
    assert_eq!(suggest()["next"], "0.1.1");

    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["publish", "-p", "alpha", "--yes"]));
    assert_eq!(out.code, 0, "{}", out.all());
    std::fs::write(dir.join("crates/alpha/src/lib.rs"), "//! Fixed.\n").expect("write");
    git(&dir, &["commit", "-q", "-am", "fix: alpha"]);
    let alpha = suggest();
    assert_eq!(alpha["next"], "0.1.2", "{alpha:#}");
    assert_eq!(
        alpha["reasons"].as_array().map(Vec::len),
        Some(1),
        "{alpha:#}"
    );
    common::assert_contains(&alpha["reasons"].to_string(), "fix: alpha");
}

#[test]
fn exact_pins_are_judged_and_packaged_at_the_planned_versions() {
    // gamma pins beta `=0.2.0`; a first release into a fresh registry moves both.
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    let remote = temp.path().join("remote.git");
    git_init(&dir);
    common::add_remote(&dir, &remote);
    for name in ["alpha", "beta", "gamma"] {
        let path = dir.join(format!("crates/{name}/src/lib.rs"));
        std::fs::write(&path, format!("//! {name}, fixed.\n")).expect("write");
    }
    git(&dir, &["commit", "-q", "-am", "fix: every crate"]);
    let out = run(ship_to(&kellnr, &dir, temp.path()).args([
        "patch",
        "--workspace",
        "--dry-run",
        "--verify",
    ]));
    assert_eq!(out.code, 0, "{}\n{}", out.all(), kellnr.log());
    // cargo packaged the planned versions, with the planned pin.
    let planned = dir.join("target/cargo-ship/planned/crates/gamma/Cargo.toml");
    let text = std::fs::read_to_string(&planned).expect("the planned copy");
    assert!(text.contains("beta = { version = \"=0.2.1\""), "{text}");
    assert!(dir.join("target/package/gamma-1.0.1.crate").exists());
    let out = run(ship_to(&kellnr, &dir, temp.path()).args(["patch", "--workspace", "--yes"]));
    assert_eq!(out.code, 0, "{}\n{}", out.all(), kellnr.log());
    assert!(
        !out.stderr.contains("dependency-not-in-registry"),
        "{}",
        out.stderr
    );
    assert_eq!(kellnr.versions("beta"), [("0.2.1".to_string(), false)]);
    assert_eq!(kellnr.versions("gamma"), [("1.0.1".to_string(), false)]);
}

/// The canary: kellnr's token (and every other token a test hands out) is registered with the
/// test helpers, so every command run anywhere in this suite fails its test if it prints one.
/// Here the whole release flow runs with `-vv`, through success and error paths, and then no
/// file of the repository nor any git object holds it either.
#[test]
fn the_token_never_leaks_with_vv_on_success_and_error_paths() {
    let kellnr = Kellnr::start();
    let (temp, dir) = fixture("registry-chain");
    let _remote = released_repo(temp.path(), &dir);
    let runs: [&[&str]; 5] = [
        &["patch", "-p", "alpha", "--yes", "-vv"],
        &["publish", "-p", "alpha", "--yes", "-vv", "--format", "json"],
        &["yank", "0.1.1", "-p", "alpha", "--yes", "-vv"],
        &["yank", "0.1.1", "-p", "alpha", "--undo", "--yes", "-vv"],
        &["check", "--registry", "local", "-vv"],
    ];
    for args in runs {
        let out = run(ship_to(&kellnr, &dir, temp.path()).args(args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.all());
    }
    // Error paths: a wrong token, then the registry gone.
    let wrong = common::secret("wrong-canary-token-9e41");
    let out = run(ship_to(&kellnr, &dir, temp.path())
        .env("CARGO_REGISTRIES_LOCAL_TOKEN", &wrong)
        .args(["yank", "0.1.1", "-p", "alpha", "--yes", "-vv"]));
    assert_eq!(out.code, 2, "{}", out.all());
    let mut gone = kellnr;
    gone.stop();
    let out =
        run(ship_to(&gone, &dir, temp.path())
            .args(["yank", "0.1.1", "-p", "alpha", "--yes", "-vv"]));
    assert_eq!(out.code, 2, "{}", out.all());
    common::assert_secrets_nowhere(&dir);
}

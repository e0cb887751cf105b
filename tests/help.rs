//! `--help` of every command, checked against snapshots in tests/snapshots/help (regenerate
//! with `SNAPSHOTS=overwrite cargo test --test help`), and the completions and man page made
//! from the same definition.

mod common;

use std::path::PathBuf;

use cargo_ship::cli::Cli;
use clap::CommandFactory;
use common::{run, ship};

fn snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/help")
        .join(format!("{name}.txt"));
    let expected = snapbox::Data::read_from(&path, None);
    snapbox::Assert::new()
        .action_env("SNAPSHOTS")
        .eq(actual.to_string(), expected);
}

/// Every command line with a `--help`: the top level, each subcommand, `hook`'s subcommands.
fn commands() -> Vec<Vec<String>> {
    let cli = Cli::command();
    let mut all = vec![Vec::new()];
    for sub in cli.get_subcommands() {
        all.push(vec![sub.get_name().to_string()]);
        for nested in sub.get_subcommands() {
            all.push(vec![
                sub.get_name().to_string(),
                nested.get_name().to_string(),
            ]);
        }
    }
    all
}

#[test]
fn help_of_every_command_matches_its_snapshot() {
    let temp = tempfile::tempdir().expect("temp dir");
    for words in commands() {
        let mut command = ship(temp.path(), temp.path());
        command.args(&words).arg("--help").env("COLUMNS", "100");
        let out = run(&mut command);
        assert_eq!(out.code, 0, "{words:?}: {}", out.all());
        let name = if words.is_empty() {
            "cargo-ship".to_string()
        } else {
            words.join("-")
        };
        snapshot(&name, &out.stdout);
    }
}

#[test]
fn help_states_the_version_rules_and_the_dry_run_guarantee() {
    let temp = tempfile::tempdir().expect("temp dir");
    let top = run(ship(temp.path(), temp.path()).arg("--help"));
    assert!(
        top.stdout
            .contains("on 0.Y.Z a breaking change needs 0.(Y+1).0"),
        "{}",
        top.stdout
    );
    assert!(
        top.stdout
            .contains("--dry-run changes no file, no git state and no registry state")
    );
    for level in [
        "major", "minor", "patch", "release", "rc", "beta", "alpha", "auto",
    ] {
        let out = run(ship(temp.path(), temp.path()).args([level, "--help"]));
        for needle in [
            "On a pre-release X.Y.Z-pre.N (npm's rules)",
            "on 0.Y.Z breaking -> 0.(Y+1).0",
            "changes nothing: no file (not Cargo.lock), no git",
        ] {
            assert!(
                out.stdout.contains(needle),
                "`{level} --help` lacks {needle:?}"
            );
        }
    }
}

#[test]
fn completions_and_the_man_page_cover_every_subcommand() {
    let temp = tempfile::tempdir().expect("temp dir");
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(ship(temp.path(), temp.path()).args(["completions", shell]));
        assert_eq!(out.code, 0, "{shell}: {}", out.all());
        for name in &names {
            assert!(
                out.stdout.contains(name.as_str()),
                "{shell} completions lack `{name}`"
            );
        }
    }
    let out = run(ship(temp.path(), temp.path()).arg("man"));
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.starts_with(".ie"),
        "a roff man page: {}",
        &out.stdout[..40.min(out.stdout.len())]
    );
    for name in &names {
        let escaped = format!("cargo\\-ship\\-{}", name.replace('-', "\\-"));
        assert!(out.stdout.contains(&escaped), "the man page lacks `{name}`");
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let temp = tempfile::tempdir().expect("temp dir");
    let mut command = ship(temp.path(), temp.path());
    let mut child = command
        .args(["completions", "zsh"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // The reader goes away before anything is read, as with `| head -0`.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_explicit_version_form_has_user_help_not_implementation_notes() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = common::run(common::ship(temp.path(), temp.path()).args(["2.0.0", "--help"]));
    assert_eq!(out.code, 0, "{}", out.all());
    common::assert_contains(
        &out.stdout,
        "Release an explicit version: `cargo ship 1.4.0`",
    );
    assert!(!out.stdout.contains("clap"), "{}", out.stdout);
}

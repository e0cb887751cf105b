//! Crash anywhere, rerun, converge. A 3-crate workspace (alpha ← beta ← gamma, changelogs, a
//! bare remote, a real kellnr) is released with `cargo ship patch --workspace --yes`; each
//! trial kills that run with SIGKILL at a moment spread over the uninterrupted run's duration,
//! reruns the same command (at most three times) until it finishes, and compares everything
//! with an uninterrupted release: the files byte for byte, the release commit (same hash:
//! identity and dates are fixed), each tag once on the remote at that commit, each crate
//! version once in the registry, no second bump.
//!
//! Ignored by default (it takes a minute); `cargo test --test crash -- --ignored` runs 20 kill
//! points, `benches/crash.sh N` runs N and prints "kill points survived / tried".

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::kellnr::Kellnr;
use common::{fixture, git, git_init, run, ship};
use tempfile::TempDir;

const CRATES: [(&str, &str); 3] = [("alpha", "0.1.1"), ("beta", "0.2.1"), ("gamma", "1.0.1")];

/// A released workspace with a fix in every crate, its remote, on `kellnr`.
fn prepared() -> (TempDir, PathBuf, PathBuf) {
    let (temp, dir) = fixture("registry-chain");
    for (name, _) in CRATES {
        std::fs::write(
            dir.join(format!("crates/{name}/CHANGELOG.md")),
            "# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- A fix.\n",
        )
        .expect("write");
    }
    git_init(&dir);
    for tag in ["alpha-v0.1.0", "beta-v0.2.0", "gamma-v1.0.0"] {
        git(&dir, &["tag", "-a", tag, "-m", tag]);
    }
    let remote = temp.path().join("remote.git");
    common::add_remote(&dir, &remote);
    for (name, _) in CRATES {
        common::change_file(&dir.join(format!("crates/{name}/src/lib.rs")));
    }
    git(&dir, &["commit", "-q", "-am", "fix: every crate"]);
    git(&dir, &["push", "-q", "origin", "main"]);
    (temp, dir, remote)
}

fn release(kellnr: &Kellnr, dir: &Path, home: &Path) -> Command {
    let mut command = ship(dir, home);
    kellnr.env(&mut command);
    command.args(["patch", "--workspace", "--yes"]);
    command
}

/// What a finished release leaves, to compare across trials.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    files: Vec<(String, Vec<u8>)>,
    head: String,
    remote_head: String,
    remote_tags: String,
    registry: Vec<Vec<(String, bool)>>,
    status: String,
}

fn outcome(dir: &Path, remote: &Path, kellnr: &Kellnr) -> Outcome {
    Outcome {
        files: common::files(dir)
            .into_iter()
            .filter(|(path, _)| !path.starts_with(".git/") && !path.starts_with("target/"))
            .collect(),
        head: git(dir, &["rev-parse", "HEAD"]),
        remote_head: git(remote, &["rev-parse", "main"]),
        remote_tags: git(
            remote,
            &[
                "for-each-ref",
                "refs/tags",
                "--format=%(refname) %(*objectname)",
            ],
        ),
        registry: CRATES
            .iter()
            .map(|(name, _)| kellnr.versions(name))
            .collect(),
        status: git(dir, &["status", "--porcelain"]),
    }
}

/// Kills a release `after` its start, then reruns it until it finishes. `Ok` with how it
/// ended, or `Err` with what went wrong.
fn trial(after: Duration, reference: &Outcome) -> Result<String, String> {
    let kellnr = Kellnr::start();
    let (temp, dir, remote) = prepared();
    let mut child = release(&kellnr, &dir, temp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let finished = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break Some(status);
        }
        if started.elapsed() >= after {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut said = match finished {
        Some(status) => format!("finished before the kill ({status})"),
        None => format!("killed at {:.2}s", after.as_secs_f64()),
    };
    if finished.is_none() && !rerun_until_done(&kellnr, &dir, temp.path(), &mut said) {
        return Err(said);
    }
    let got = outcome(&dir, &remote, &kellnr);
    let differs = differences(&got, reference);
    if differs.is_empty() {
        Ok(said)
    } else {
        Err(format!("{said}; differs: {}", differs.join(", ")))
    }
}

/// The uninterrupted release, as every converged trial must end.
fn reference() -> (Outcome, Duration) {
    let kellnr = Kellnr::start();
    let (temp, dir, remote) = prepared();
    let started = Instant::now();
    let out = run(&mut release(&kellnr, &dir, temp.path()));
    let duration = started.elapsed();
    assert_eq!(out.code, 0, "{}", out.all());
    let reference = outcome(&dir, &remote, &kellnr);
    for (name, version) in CRATES {
        assert!(
            reference
                .registry
                .iter()
                .flatten()
                .any(|(v, _)| v == version),
            "{name} {version} published: {:?}",
            reference.registry
        );
    }
    (reference, duration)
}

/// Reruns the release until it finishes (at most three times); `Err` with what it said when
/// it does not.
fn rerun_until_done(kellnr: &Kellnr, dir: &Path, home: &Path, said: &mut String) -> bool {
    for attempt in 1..=3 {
        let out = run(&mut release(kellnr, dir, home));
        // A run killed after its last step left nothing to do: "nothing changed" is the
        // right answer of a rerun then.
        let nothing_left = out.code == 1 && out.stderr.contains("nothing changed in");
        said.push_str(&format!("; rerun {attempt}: exit {}", out.code));
        if out.code == 0 || nothing_left {
            return true;
        }
        said.push_str(&format!(
            " ({})",
            out.stderr.lines().last().unwrap_or_default()
        ));
    }
    false
}

/// Which parts of an outcome differ from the reference.
fn differences(got: &Outcome, reference: &Outcome) -> Vec<&'static str> {
    [
        ("files", got.files != reference.files),
        ("release commit", got.head != reference.head),
        ("remote branch", got.remote_head != reference.remote_head),
        ("remote tags", got.remote_tags != reference.remote_tags),
        ("registry", got.registry != reference.registry),
        ("status", got.status != reference.status),
    ]
    .into_iter()
    .filter_map(|(what, differs)| differs.then_some(what))
    .collect()
}

/// The fast mode, run by default: the process aborts (as under `kill -9`: no destructor, the
/// lock left behind) after each file the release writes and before each later step, and one
/// rerun must finish the release exactly as an uninterrupted one.
#[test]
fn a_release_stopped_at_every_step_boundary_converges_on_rerun() {
    let (reference, _) = reference();
    // `commit+staged`: killed inside `git commit` after it staged the files.
    let points = [
        "edit:1",
        "edit:2",
        "edit:3",
        "edit:4",
        "edit:5",
        "edit:6",
        "edit:7",
        "commit",
        "commit+staged",
        "tag",
        "publish",
        "push",
    ];
    let mut failures = Vec::new();
    for point in points {
        let kellnr = Kellnr::start();
        let (temp, dir, remote) = prepared();
        let (at, staged) = match point.strip_suffix("+staged") {
            Some(at) => (at, true),
            None => (point, false),
        };
        let out = run(release(&kellnr, &dir, temp.path()).env("CARGO_SHIP_CRASH_AT", at));
        if staged {
            git(&dir, &["add", "-u"]);
        }
        let mut said = format!("{point}: exit {}", out.code);
        if out.code == 0 {
            failures.push(format!("{said}: the crash point was never reached"));
            continue;
        }
        if !rerun_until_done(&kellnr, &dir, temp.path(), &mut said) {
            failures.push(said);
            continue;
        }
        let got = outcome(&dir, &remote, &kellnr);
        let differs = differences(&got, &reference);
        if !differs.is_empty() {
            failures.push(format!("{said}; differs: {}", differs.join(", ")));
        }
    }
    eprintln!(
        "step boundaries survived / tried: {} / {}",
        points.len() - failures.len(),
        points.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "kills real releases: cargo test --test crash -- --ignored, or benches/crash.sh"]
fn a_release_killed_anywhere_converges_on_rerun() {
    let trials: u32 = std::env::var("CRASH_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    // The uninterrupted release: what every trial must end with, and how long it takes.
    let (reference, duration) = reference();

    let mut failures = Vec::new();
    for i in 0..trials {
        // Spread over the run, a little past its end.
        let after = duration.mul_f64((f64::from(i) + 0.5) / f64::from(trials) * 1.05);
        match trial(after, &reference) {
            Ok(said) => eprintln!("kill point {i}: {said}"),
            Err(said) => {
                eprintln!("kill point {i}: FAILED: {said}");
                failures.push(format!("{i}: {said}"));
            }
        }
    }
    eprintln!(
        "kill points survived / tried: {} / {trials} (release takes {:.2}s)",
        trials as usize - failures.len(),
        duration.as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! Shared helpers for the integration tests: fixtures copied to temp dirs, the real binary run
//! with an isolated cargo home, and real git repositories.

#![allow(dead_code)]

pub mod kellnr;

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The binary under test, as built by cargo for this test run.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cargo-ship"))
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A copy of `fixtures/<name>` in a fresh temp dir; returns the dir and the copy's path.
pub fn fixture(name: &str) -> (TempDir, PathBuf) {
    let temp = tempfile::Builder::new()
        .prefix("cargo-ship-test-")
        .tempdir()
        .expect("temp dir");
    let dest = temp
        .path()
        .join(name.rsplit('/').next().expect("fixture name"));
    copy_dir(&fixtures_dir().join(name), &dest);
    (temp, dest)
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The cargo-ship binary, run in `dir`, with a private CARGO_HOME under `home` so no user
/// configuration applies and nothing can reach crates.io.
pub fn ship(dir: &Path, home: &Path) -> Command {
    let mut command = Command::new(bin());
    isolate(&mut command, home);
    command.current_dir(dir);
    command
}

/// Like [`ship`], but through cargo's dispatch: `cargo ship …` with our binary first on PATH.
pub fn cargo_ship(dir: &Path, home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    isolate(&mut command, home);
    let bin_dir = bin().parent().expect("binary dir").to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin_dir];
    paths.extend(std::env::split_paths(&path));
    command.env("PATH", std::env::join_paths(paths).expect("PATH"));
    command.arg("ship").current_dir(dir);
    command
}

fn isolate(command: &mut Command, home: &Path) {
    for (key, _) in std::env::vars() {
        if key.starts_with("CARGO_") && key != "CARGO_HOME" {
            command.env_remove(&key);
        }
    }
    let cargo_home = home.join("cargo-home");
    std::fs::create_dir_all(&cargo_home).expect("cargo home");
    // The user's own files (cargo-release's ~/.release.toml and
    // ~/.config/cargo-release/release.toml) must not reach a test; rustup's toolchains stay.
    if let Some(rustup_home) = std::env::var_os("RUSTUP_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".rustup")))
        .filter(|dir| dir.exists())
    {
        command.env("RUSTUP_HOME", rustup_home);
    }
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("CARGO_HOME", &cargo_home)
        .env("CARGO_NET_OFFLINE", "true")
        // Nothing in a test may reach a non-loopback host: proxy everything else to a closed
        // port, so an attempt fails at once instead of reaching crates.io.
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .envs(GIT_ENV);
}

/// Who commits in the tests, and when: a fixed identity and date make every commit hash
/// reproducible, so the README's sessions print the same hashes on every run.
pub const GIT_ENV: [(&str, &str); 7] = [
    ("GIT_CONFIG_NOSYSTEM", "1"),
    ("GIT_AUTHOR_NAME", "Ada Lovelace"),
    ("GIT_AUTHOR_EMAIL", "ada@example.com"),
    ("GIT_COMMITTER_NAME", "Ada Lovelace"),
    ("GIT_COMMITTER_EMAIL", "ada@example.com"),
    ("GIT_AUTHOR_DATE", "2026-11-26T12:00:00Z"),
    ("GIT_COMMITTER_DATE", "2026-11-26T12:00:00Z"),
];

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// The tokens this test binary has handed out: no command's output may ever contain one.
static SECRETS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Registers a token as a canary: every later [`run`] fails its test if stdout or stderr holds
/// it, and [`assert_secrets_nowhere`] looks for it in files and git objects.
pub fn secret(token: &str) -> String {
    SECRETS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(token.to_string());
    token.to_string()
}

fn secrets() -> Vec<String> {
    SECRETS.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

pub fn run(command: &mut Command) -> Output {
    let output = command.output().expect("run command");
    let out = Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    for token in secrets() {
        assert!(
            !out.stdout.contains(&token) && !out.stderr.contains(&token),
            "a token was printed by {command:?}:\n{}",
            out.all()
        );
    }
    out
}

/// No registered token in any file under `dir` (its `.git` too, every git object read back
/// through `git cat-file`): what cargo ship writes and commits never holds one.
pub fn assert_secrets_nowhere(dir: &Path) {
    let tokens = secrets();
    for (path, bytes) in files(dir) {
        let text = String::from_utf8_lossy(&bytes);
        for token in &tokens {
            assert!(!text.contains(token.as_str()), "a token is in {path}");
        }
    }
    if dir.join(".git").exists() {
        let objects = Command::new("git")
            .args(["cat-file", "--batch-all-objects", "--batch"])
            .current_dir(dir)
            .output()
            .expect("git cat-file");
        let text = String::from_utf8_lossy(&objects.stdout);
        for token in &tokens {
            assert!(!text.contains(token.as_str()), "a token is in a git object");
        }
    }
}

/// Runs git in `dir`, panicking with its output on failure; returns stdout.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .envs(GIT_ENV)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?} failed in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Makes `dir` a git repository with everything committed on `main`.
pub fn git_init(dir: &Path) {
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["config", "commit.gpgsign", "false"]);
    git(dir, &["config", "tag.gpgsign", "false"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "initial commit"]);
}

/// Appends a line to `file` (created if needed) and commits everything with `message`.
pub fn commit_file(dir: &Path, file: &str, message: &str) {
    change_file(&dir.join(file));
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Merges `branch` into the checked-out branch with a merge commit whose message is
/// `paragraphs`: GitHub's is `Merge pull request #N from owner/branch` above the title.
pub fn merge(dir: &Path, branch: &str, paragraphs: &[&str]) {
    let mut args = vec!["merge", "-q", "--no-ff", branch];
    for paragraph in paragraphs {
        args.extend(["-m", paragraph]);
    }
    git(dir, &args);
}

/// Appends a line to `path` (created if needed): in a Rust file, a line of code that adds no
/// API (a comment would change no code, and `suggest` knows it).
pub fn change_file(path: &Path) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    let mut text = std::fs::read_to_string(path).unwrap_or_default();
    let is_rust = path.extension().is_some_and(|e| e == "rs");
    text.push_str(if is_rust {
        "const _: () = ();\n"
    } else {
        "changed\n"
    });
    std::fs::write(path, text).expect("write");
}

/// Changes the crate's manifest `version` from `from` to `to` and commits that alone, as a
/// "prepare release" commit or a development marker does.
pub fn commit_manifest_version(dir: &Path, from: &str, to: &str, message: &str) {
    commit_member_version(dir, "Cargo.toml", from, to, message);
}

/// [`commit_manifest_version`] for the manifest at `manifest` (relative to `dir`): a member
/// released on its own.
pub fn commit_member_version(dir: &Path, manifest: &str, from: &str, to: &str, message: &str) {
    let manifest = dir.join(manifest);
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(
        &manifest,
        text.replace(&format!("\"{from}\""), &format!("\"{to}\"")),
    )
    .expect("write");
    git(dir, &["commit", "-q", "-am", message]);
}

/// Creates the bare repository `remote` and pushes `dir`'s `main` and tags to it as `origin`.
pub fn add_remote(dir: &Path, remote: &Path) {
    let remote = remote.to_str().expect("utf-8 path");
    git(dir, &["init", "-q", "--bare", "-b", "main", remote]);
    git(dir, &["remote", "add", "origin", remote]);
    git(dir, &["push", "-q", "-u", "origin", "main", "--tags"]);
}

/// The JSON a command printed on stdout.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_str(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            output.stdout, output.stderr
        )
    })
}

/// Every file below `dir` (the .git directory included) with its bytes, sorted: what a command
/// that promises to change nothing must leave identical.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("prefix")
                    .display()
                    .to_string();
                files.push((name, std::fs::read(&path).expect("read")));
            }
        }
    }
    files.sort();
    files
}

/// Writes a shell script and makes it executable (a fake gpg, a credential provider).
pub fn write_executable(path: &Path, script: &str) {
    std::fs::write(path, script).expect("write script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

/// Asserts that `text` contains `needle`, showing `text` when it does not.
#[track_caller]
pub fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "expected {needle:?} in:\n{text}");
}

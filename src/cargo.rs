//! cargo as a subprocess, for what only cargo should do: packaging (with verification),
//! publishing (it orders a workspace, verifies against a local overlay and waits for the
//! index), and yanking when a credential provider other than `cargo:token` holds the token.
//!
//! cargo's stderr is streamed line by line to a callback (progress on a terminal, plain lines
//! otherwise) and kept for the error message.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

use crate::registry::config::{Auth, CRATES_IO, Registry, env_name};
use crate::settings::Build;

/// The registry name used to hand an `--index URL` to cargo through `--config`.
const INDEX_ALIAS: &str = "cargo-ship-index";

pub struct Cargo {
    program: OsString,
    manifest_path: PathBuf,
    /// `--config KEY=VALUE` overrides given to cargo ship, passed on so cargo sees the same
    /// configuration.
    config: Vec<String>,
    /// `CARGO_TARGET_DIR` for the runs, when it must differ from the manifest's own.
    target_dir: Option<PathBuf>,
    /// How `package` and `publish` build the crates.
    build: Build,
}

/// What a cargo run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub success: bool,
    pub lines: Vec<String>,
}

impl Run {
    /// cargo's `error:` lines and their causes, joined into one paragraph.
    pub fn error(&self) -> String {
        let start = self
            .lines
            .iter()
            .position(|l| l.starts_with("error"))
            .unwrap_or(self.lines.len().saturating_sub(3));
        let text: Vec<&str> = self.lines[start..]
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let joined = text.join(" ");
        let joined = joined
            .strip_prefix("error: ")
            .unwrap_or(&joined)
            .to_string();
        if joined.is_empty() {
            "cargo failed without an error message".into()
        } else {
            joined
        }
    }

    /// `(name, version)` of each crate cargo reported as uploaded.
    pub fn uploaded(&self) -> Vec<(String, String)> {
        self.lines
            .iter()
            .filter_map(|line| {
                let rest = line.trim_start().strip_prefix("Uploaded ")?;
                let mut words = rest.split_whitespace();
                let name = words.next()?;
                let version = words.next()?.strip_prefix('v')?;
                Some((name.to_string(), version.to_string()))
            })
            .collect()
    }
}

impl Cargo {
    pub fn new(manifest_path: &Path, config: &[String]) -> Self {
        Cargo {
            program: program(),
            manifest_path: manifest_path.to_path_buf(),
            config: config.to_vec(),
            target_dir: None,
            build: Build::default(),
        }
    }

    /// Packages and publishes with these options (`--no-verify`, features, target, …).
    pub fn with_build(mut self, build: &Build) -> Self {
        self.build = build.clone();
        self
    }

    /// Builds in `dir` (a copy of the workspace shares its original's build cache).
    pub fn with_target_dir(mut self, dir: &Path) -> Self {
        self.target_dir = Some(dir.to_path_buf());
        self
    }

    fn bare(&self, subcommand: &str) -> Command {
        let mut command = Command::new(&self.program);
        command.arg(subcommand);
        for value in &self.config {
            command.arg("--config").arg(value);
        }
        command
    }

    fn command(&self, subcommand: &str) -> Command {
        let mut command = self.bare(subcommand);
        command.arg("--manifest-path").arg(&self.manifest_path);
        if let Some(dir) = &self.target_dir {
            command.env("CARGO_TARGET_DIR", dir);
        }
        command
    }

    /// The `--registry` arguments and token environment that make cargo use `registry`.
    fn target(command: &mut Command, registry: &Registry, auth: &Auth) {
        let name = match &registry.name {
            Some(name) => name.clone(),
            None => {
                command.arg("--config").arg(format!(
                    "registries.{INDEX_ALIAS}.index={}",
                    toml_edit::Value::from(registry.index.as_str())
                ));
                INDEX_ALIAS.to_string()
            }
        };
        command.arg("--registry").arg(&name);
        if let Auth::Token(token, _) = auth {
            let variable = if name == CRATES_IO {
                "CARGO_REGISTRY_TOKEN".to_string()
            } else {
                format!("CARGO_REGISTRIES_{}_TOKEN", env_name(&name))
            };
            command.env(variable, token.expose());
        }
    }

    /// `cargo <subcommand> -p a -p b … [--allow-dirty]`.
    fn packages_command(
        &self,
        subcommand: &str,
        packages: &[String],
        allow_dirty: bool,
    ) -> Command {
        let mut command = self.command(subcommand);
        for package in packages {
            command.arg("-p").arg(package);
        }
        if allow_dirty {
            command.arg("--allow-dirty");
        }
        let build = &self.build;
        if !build.verify {
            command.arg("--no-verify");
        }
        if !build.features.is_empty() {
            command.arg("--features").arg(build.features.join(","));
        }
        if build.all_features {
            command.arg("--all-features");
        }
        if build.no_default_features {
            command.arg("--no-default-features");
        }
        if let Some(target) = &build.target {
            command.arg("--target").arg(target);
        }
        if build.locked {
            command.arg("--locked");
        }
        command
    }

    /// `cargo package` with verification, prepared for `registry` when given.
    pub fn package(
        &self,
        packages: &[String],
        registry: Option<(&Registry, &Auth)>,
        allow_dirty: bool,
        on_line: &mut dyn FnMut(&str),
    ) -> Result<Run> {
        let mut command = self.packages_command("package", packages, allow_dirty);
        if let Some((registry, auth)) = registry {
            Self::target(&mut command, registry, auth);
        }
        stream(command, on_line)
    }

    /// `cargo package --list -p NAME`: the files the `.crate` would hold, without building
    /// anything (cargo's own file selection: `include`/`exclude`, ignore files, generated
    /// `Cargo.toml.orig` and `.cargo_vcs_info.json`).
    pub fn list_files(&self, package: &str, allow_dirty: bool) -> Result<Vec<String>> {
        let mut command = self.packages_command("package", &[package.to_string()], allow_dirty);
        command.arg("--list");
        let output = command
            .stdin(Stdio::null())
            .env("CARGO_TERM_COLOR", "never")
            .output()
            .context("could not run `cargo package --list`")?;
        if !output.status.success() {
            let run = Run {
                success: false,
                lines: String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .map(str::to_string)
                    .collect(),
            };
            anyhow::bail!("`cargo package --list` failed: {}", run.error());
        }
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_string)
            .collect())
    }

    /// `cargo publish -p a -p b …` (or its `--dry-run`).
    pub fn publish(
        &self,
        packages: &[String],
        registry: &Registry,
        auth: &Auth,
        dry_run: bool,
        allow_dirty: bool,
        on_line: &mut dyn FnMut(&str),
    ) -> Result<Run> {
        let mut command = self.packages_command("publish", packages, allow_dirty);
        Self::target(&mut command, registry, auth);
        if dry_run {
            command.arg("--dry-run");
        }
        stream(command, on_line)
    }

    /// `cargo yank --version V [--undo] NAME`.
    pub fn yank(
        &self,
        name: &str,
        version: &str,
        undo: bool,
        registry: &Registry,
        auth: &Auth,
        on_line: &mut dyn FnMut(&str),
    ) -> Result<Run> {
        let mut command = self.bare("yank");
        command.arg("--version").arg(version);
        if undo {
            command.arg("--undo");
        }
        Self::target(&mut command, registry, auth);
        command.arg(name);
        if let Some(dir) = self.manifest_path.parent() {
            command.current_dir(dir);
        }
        stream(command, on_line)
    }

    /// The target directory, where `cargo package` puts `.crate` files.
    pub fn target_dir(&self) -> Result<PathBuf> {
        let output = self
            .command("metadata")
            .args(["--no-deps", "--format-version", "1", "--offline"])
            .stderr(Stdio::piped())
            .output()
            .context("could not run `cargo metadata`")?;
        if !output.status.success() {
            anyhow::bail!(
                "`cargo metadata` failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        let metadata: serde_json::Value =
            serde_json::from_slice(&output.stdout).context("cargo metadata printed no JSON")?;
        metadata["target_directory"]
            .as_str()
            .map(PathBuf::from)
            .context("cargo metadata has no target_directory")
    }
}

/// Runs cargo, passing each stderr line to `on_line`; stdout is collected too, so nothing
/// reaches our own stdout (which may carry JSON).
fn stream(mut command: Command, on_line: &mut dyn FnMut(&str)) -> Result<Run> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_TERM_PROGRESS_WHEN", "never");
    let mut child = command.spawn().context("could not run cargo")?;
    let mut stdout = child.stdout.take().context("cargo has no stdout")?;
    let drain = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let stderr = child.stderr.take().context("cargo has no stderr")?;
    let mut lines = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.context("could not read cargo's output")?;
        on_line(&line);
        lines.push(line);
    }
    let status = child.wait().context("could not wait for cargo")?;
    let out = drain.join().unwrap_or_default();
    lines.extend(out.lines().map(str::to_string));
    Ok(Run {
        success: status.success(),
        lines,
    })
}

/// The cargo to run: `$CARGO` when cargo started us (`cargo ship`), else the one on `PATH`.
fn program() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// `cargo rustdoc --lib` writing the JSON output format (on a stable toolchain, through
/// `RUSTC_BOOTSTRAP`), for the API comparison, of the package whose manifest `manifest` is.
/// The manifest names it, not `-p NAME`: anstyle's workspace also locks anstyle 1.0.13 from
/// crates.io, and `-p anstyle` is ambiguous there. `features` are enabled besides the default
/// ones.
pub fn rustdoc_json(
    manifest: &Path,
    target_dir: &Path,
    features: &[String],
) -> Result<std::process::Output> {
    let mut command = Command::new(program());
    command
        .args(["rustdoc", "--lib", "--quiet", "--manifest-path"])
        .arg(manifest)
        .arg("--target-dir")
        .arg(target_dir);
    if !features.is_empty() {
        command.arg("--features").arg(features.join(","));
    }
    command
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .env("RUSTC_BOOTSTRAP", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .context("could not run `cargo rustdoc`")
}

/// `cargo semver-checks check-release` against `rev`; `None` when it is not installed.
pub fn semver_checks(manifest: &Path, package: &str, rev: &str) -> Option<std::process::Output> {
    let installed = Command::new(program())
        .args(["semver-checks", "--version"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        return None;
    }
    Command::new(program())
        .args([
            "semver-checks",
            "check-release",
            "-p",
            package,
            "--baseline-rev",
            rev,
            "--manifest-path",
        ])
        .arg(manifest)
        .stdin(std::process::Stdio::null())
        .output()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_and_errors_are_read_from_cargo_output() {
        let run = Run {
            success: false,
            lines: vec![
                "   Packaging a v0.1.0 (/w/a)".into(),
                "   Uploading a v0.1.0 (/w/a)".into(),
                "    Uploaded a v0.1.0 to registry `local`".into(),
                "error: failed to publish b v0.1.0 to registry at http://127.0.0.1:1".into(),
                "".into(),
                "Caused by:".into(),
                "  the remote server responded with an error (status 403 Forbidden)".into(),
            ],
        };
        assert_eq!(run.uploaded(), [("a".to_string(), "0.1.0".to_string())]);
        assert_eq!(
            run.error(),
            "failed to publish b v0.1.0 to registry at http://127.0.0.1:1 Caused by: the remote server responded with an error (status 403 Forbidden)"
        );
    }
}

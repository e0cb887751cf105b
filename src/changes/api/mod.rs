//! The public API as evidence: rustdoc JSON of the last release (built in a `git worktree`
//! under `target/`) and of the working tree, compared item by item.
//!
//! `surface` reads what a crate makes public, `diff` says what each difference means under
//! the Cargo book's SemVer rules. The JSON is parsed with the `rustdoc-types` version whose
//! `FORMAT_VERSION` matches; another format is skipped with a note rather than misread.

mod alias;
mod bounds;
mod diff;
mod surface;

pub use diff::{ApiChange, diff};
pub use surface::Surface;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustdoc_types::Crate;
use serde_json::Value;

use crate::git::Git;

/// Reads a rustdoc JSON file; `Ok(Err(note))` when its format is not the one this build reads.
pub fn load(path: &Path) -> Result<std::result::Result<Crate, String>> {
    let text =
        std::fs::read(path).with_context(|| format!("could not read `{}`", path.display()))?;
    let probe: Value = serde_json::from_slice(&text)
        .with_context(|| format!("`{}` is not JSON", path.display()))?;
    let format = probe["format_version"].as_u64().unwrap_or(0);
    if format != u64::from(rustdoc_types::FORMAT_VERSION) {
        return Ok(Err(format!(
            "the API comparison was skipped: this toolchain's rustdoc writes JSON format {format}, cargo-ship reads format {}",
            rustdoc_types::FORMAT_VERSION
        )));
    }
    serde_json::from_value(probe)
        .map(Ok)
        .with_context(|| format!("could not read the rustdoc JSON in `{}`", path.display()))
}

/// Builds the rustdoc JSON of a package's library, with `features` besides the default ones;
/// returns its path.
pub fn build_json(
    manifest: &Path,
    package: &str,
    lib_name: &str,
    target_dir: &Path,
    features: &[String],
) -> Result<std::result::Result<PathBuf, String>> {
    let output = crate::cargo::rustdoc_json(manifest, target_dir, features)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let words: Vec<&str> = stderr.split_whitespace().collect();
        return Ok(Err(format!(
            "`cargo rustdoc` failed for {package}: {}",
            words.join(" ")
        )));
    }
    Ok(Ok(target_dir.join("doc").join(format!("{lib_name}.json"))))
}

/// One of the two builds compared: a manifest, where it builds, and the features its own
/// manifest leaves to users.
struct Side<'a> {
    manifest: &'a Path,
    target: PathBuf,
    features: Vec<String>,
}

impl Side<'_> {
    fn build(&self, package: &str, all: bool) -> Result<std::result::Result<PathBuf, String>> {
        let features = if all { self.features.as_slice() } else { &[] };
        let lib_name = package.replace('-', "_");
        build_json(self.manifest, package, &lib_name, &self.target, features)
    }
}

/// The API of `package` at `rev` against the working tree: builds both (the old one in a git
/// worktree under `target_dir`) and compares them. `Err(note)` when it cannot be compared.
pub fn compare(
    git: &Git,
    top: &Path,
    manifest: &Path,
    package: &str,
    rev: &str,
    target_dir: &Path,
) -> Result<std::result::Result<Vec<ApiChange>, String>> {
    let work = target_dir.join("cargo-ship");
    let tree = work.join("api-baseline");
    let _ = git.run(&["worktree", "remove", "--force", &tree.display().to_string()]);
    let _ = std::fs::remove_dir_all(&tree);
    git.run(&[
        "worktree",
        "add",
        "--detach",
        "--force",
        &tree.display().to_string(),
        rev,
    ])
    .with_context(|| format!("could not check out {rev} into a worktree"))?;
    let relative = manifest.strip_prefix(top).unwrap_or(manifest);
    let built = match manifest_at(git, &tree, relative, package, rev) {
        Some(old_manifest) => {
            keep_out_of_enclosing_workspace(&tree, &old_manifest).and_then(|()| {
                let side = |manifest, target| Side {
                    manifest,
                    target: work.join(target),
                    features: features_for_users(manifest),
                };
                build_both(
                    &side(&old_manifest, "api-baseline-target"),
                    &side(manifest, "api-current"),
                    package,
                )
            })
        }
        None => Ok(Err(format!(
            "{package} did not exist at {rev}: no API to compare with"
        ))),
    };
    let _ = git.run(&["worktree", "remove", "--force", &tree.display().to_string()]);
    let Built { old, new, note } = match built? {
        Ok(built) => built,
        Err(note) => return Ok(Err(note)),
    };
    let (old, new) = match (load(&old)?, load(&new)?) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(note), _) | (_, Err(note)) => return Ok(Err(note)),
    };
    let mut changes = diff(&Surface::of(&old), &Surface::of(&new));
    changes.extend(note.map(|detail| ApiChange {
        change: crate::version::Change::None,
        path: package.to_string(),
        detail,
    }));
    Ok(Ok(changes))
}

/// Where the rustdoc JSON of both sides is, and what to say about how it was built.
struct Built {
    old: PathBuf,
    new: PathBuf,
    note: Option<String>,
}

/// The rustdoc JSON of both sides, with every feature left to users, as cargo semver-checks
/// compares (nix has no default features: with them alone rustdoc shows almost nothing of
/// it). When that does not build on either side (a feature for another platform, one needing
/// a nightly compiler, a dependency not downloaded offline), both are built with default
/// features only, and the note says so: a side with more features than the other would
/// read as items added or removed.
fn build_both(old: &Side, new: &Side, package: &str) -> Result<std::result::Result<Built, String>> {
    let featured = !old.features.is_empty() || !new.features.is_empty();
    if featured
        && let Ok(new_json) = new.build(package, true)?
        && let Ok(old_json) = old.build(package, true)?
    {
        return Ok(Ok(Built {
            old: old_json,
            new: new_json,
            note: None,
        }));
    }
    let new_json = match new.build(package, false)? {
        Ok(path) => path,
        Err(note) => return Ok(Err(note)),
    };
    let old_json = match old.build(package, false)? {
        Ok(path) => path,
        Err(note) => return Ok(Err(note)),
    };
    let note = featured.then(|| {
        let mut names: Vec<String> = new
            .features
            .iter()
            .chain(&old.features)
            .map(|f| format!("`{f}`"))
            .collect();
        names.sort_unstable();
        names.dedup();
        format!(
            "the API was compared with default features only: with {} as well, one side did \
             not build",
            crate::words::summary(&names)
        )
    });
    Ok(Ok(Built {
        old: old_json,
        new: new_json,
        note,
    }))
}

/// The features `manifest` leaves to users (none when it cannot be read).
fn features_for_users(manifest: &Path) -> Vec<String> {
    std::fs::read_to_string(manifest)
        .ok()
        .and_then(|text| crate::changes::features::Features::of(&text))
        .map(|features| features.for_users())
        .unwrap_or_default()
}

/// `package`'s manifest in the checkout of `rev` at `tree`: where it is now, else wherever a
/// manifest of that name was then. Crates move (anstyle's from the root into `crates/`), and
/// their API from before the move is still the one to compare with.
fn manifest_at(
    git: &Git,
    tree: &Path,
    relative: &Path,
    package: &str,
    rev: &str,
) -> Option<PathBuf> {
    let names = |path: &Path| {
        std::fs::read_to_string(path).is_ok_and(|text| {
            toml_edit::Document::parse(text).is_ok_and(|doc| {
                doc.get("package")
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str())
                    == Some(package)
            })
        })
    };
    let same_place = tree.join(relative);
    if names(&same_place) {
        return Some(same_place);
    }
    let files = git.run(&["ls-tree", "-r", "--name-only", rev]).ok()?;
    files
        .lines()
        .filter(|file| *file == "Cargo.toml" || file.ends_with("/Cargo.toml"))
        .map(|file| tree.join(file))
        .find(|path| names(path))
}

/// The baseline checkout sits under the workspace's `target/`, so cargo looking upwards for
/// the package's workspace would find today's, which does not list it (anstyle 0.2.2 was a
/// root package without `[workspace]`; the repository is a workspace now). When nothing in the
/// checkout between the package and its top declares a workspace, the package's manifest is
/// made its own, as cargo suggests; the checkout is thrown away afterwards.
fn keep_out_of_enclosing_workspace(tree: &Path, manifest: &Path) -> Result<()> {
    let declares_workspace = |path: &Path| {
        std::fs::read_to_string(path).is_ok_and(|text| {
            toml_edit::Document::parse(text).is_ok_and(|doc| doc.contains_key("workspace"))
        })
    };
    let bounded = manifest
        .ancestors()
        .skip(1)
        .take_while(|dir| dir.starts_with(tree))
        .any(|dir| declares_workspace(&dir.join("Cargo.toml")));
    if bounded {
        return Ok(());
    }
    let text = std::fs::read_to_string(manifest)
        .with_context(|| format!("could not read `{}`", manifest.display()))?;
    std::fs::write(manifest, format!("{text}\n[workspace]\n"))
        .with_context(|| format!("could not write `{}`", manifest.display()))
}

/// `cargo semver-checks --baseline-rev`'s verdict, when it is installed: `Some(true)` when it
/// finds breaking changes.
pub fn semver_checks(manifest: &Path, package: &str, rev: &str) -> Option<(bool, String)> {
    let output = crate::cargo::semver_checks(manifest, package, rev)?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = text
        .lines()
        .find(|l| l.contains("Summary"))
        .unwrap_or("see `cargo semver-checks` output")
        .trim()
        .to_string();
    let breaking = text.contains("new major version") || text.contains("FAIL");
    Some((breaking, summary))
}

//! The public API as evidence: rustdoc JSON of the last release (built in a `git worktree`
//! under `target/`) and of the working tree, compared item by item.
//!
//! Removed or changed public items are breaking. Added items are features, except the
//! additions Cargo's SemVer guide calls major: a variant on an exhaustive enum, a field on a
//! struct whose fields are all public, a trait item without a default. The JSON is parsed with
//! the `rustdoc-types` version whose `FORMAT_VERSION` matches; another format is skipped with a
//! note rather than misread.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use rustdoc_types::{Attribute, Crate, Id, Item, ItemEnum, StructKind, Visibility};
use serde_json::Value;

use crate::git::Git;
use crate::version::Change;

/// What the parent of a member item promises, deciding what adding a member means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    /// A top-level item or an inherent method.
    Free,
    /// A variant of an enum without `#[non_exhaustive]`.
    ExhaustiveVariant,
    /// A field of a struct whose fields were all public and that is not `#[non_exhaustive]`.
    OpenField,
    /// A trait item without a default.
    RequiredTraitItem,
    /// Anything else whose addition is minor.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ApiItem {
    kind: &'static str,
    signature: String,
    member: Member,
}

/// The public items of a crate by path (`crate::module::Item`, `crate::Type::method`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Surface {
    items: BTreeMap<String, ApiItem>,
}

/// One difference and what it means for the version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChange {
    pub change: Change,
    pub detail: String,
}

impl Surface {
    pub fn of(krate: &Crate) -> Self {
        let mut surface = Surface::default();
        let mut visiting = HashSet::new();
        let name = krate
            .index
            .get(&krate.root)
            .and_then(|i| i.name.clone())
            .unwrap_or_else(|| "crate".into());
        surface.walk(krate, &krate.root, &name, &mut visiting);
        surface
    }

    fn add(&mut self, path: String, kind: &'static str, signature: String, member: Member) {
        self.items.insert(
            path,
            ApiItem {
                kind,
                signature,
                member,
            },
        );
    }

    fn walk(&mut self, krate: &Crate, id: &Id, path: &str, visiting: &mut HashSet<Id>) {
        let Some(item) = krate.index.get(id) else {
            return;
        };
        if !visiting.insert(*id) {
            return;
        }
        match &item.inner {
            ItemEnum::Module(module) => {
                for child in &module.items {
                    let Some(child_item) = krate.index.get(child) else {
                        continue;
                    };
                    if child_item.visibility != Visibility::Public {
                        continue;
                    }
                    let name = match &child_item.inner {
                        ItemEnum::Use(use_) => use_.name.clone(),
                        _ => child_item.name.clone().unwrap_or_default(),
                    };
                    match &child_item.inner {
                        ItemEnum::Use(use_) if use_.is_glob => {
                            if let Some(target) = &use_.id {
                                self.walk(krate, target, path, visiting);
                            }
                        }
                        ItemEnum::Use(use_) => {
                            if let Some(target) = &use_.id {
                                self.walk(krate, target, &format!("{path}::{name}"), visiting);
                            } else {
                                self.add(
                                    format!("{path}::{name}"),
                                    "re-export",
                                    use_.source.clone(),
                                    Member::Free,
                                );
                            }
                        }
                        _ => self.walk(krate, child, &format!("{path}::{name}"), visiting),
                    }
                }
                if path.contains("::") {
                    self.add(path.to_string(), "module", String::new(), Member::Free);
                }
            }
            ItemEnum::Struct(strukt) => {
                let non_exhaustive = is_non_exhaustive(item);
                let (shape, fields, all_public) = match &strukt.kind {
                    StructKind::Unit => ("unit", Vec::new(), true),
                    StructKind::Tuple(fields) => (
                        "tuple",
                        fields
                            .iter()
                            .enumerate()
                            .filter_map(|(i, f)| f.map(|f| (i.to_string(), f)))
                            .collect(),
                        fields.iter().all(Option::is_some),
                    ),
                    StructKind::Plain {
                        fields,
                        has_stripped_fields,
                    } => (
                        "plain",
                        fields
                            .iter()
                            .filter_map(|f| Some((krate.index.get(f)?.name.clone()?, *f)))
                            .collect(),
                        !has_stripped_fields,
                    ),
                };
                let signature = format!(
                    "{shape} all_public={all_public} non_exhaustive={non_exhaustive} generics={}",
                    canonical(&strukt.generics)
                );
                self.add(path.to_string(), "struct", signature, Member::Free);
                let member = if all_public && !non_exhaustive {
                    Member::OpenField
                } else {
                    Member::Other
                };
                for (name, field) in fields {
                    let Some(field_item) = krate.index.get(&field) else {
                        continue;
                    };
                    if field_item.visibility == Visibility::Public {
                        self.add(
                            format!("{path}::{name}"),
                            "field",
                            canonical(&field_item.inner),
                            member,
                        );
                    }
                }
                self.methods(krate, &strukt.impls, path);
            }
            ItemEnum::Enum(enumeration) => {
                let non_exhaustive = is_non_exhaustive(item);
                let signature = format!(
                    "non_exhaustive={non_exhaustive} stripped={} generics={}",
                    enumeration.has_stripped_variants,
                    canonical(&enumeration.generics)
                );
                self.add(path.to_string(), "enum", signature, Member::Free);
                let member = if non_exhaustive {
                    Member::Other
                } else {
                    Member::ExhaustiveVariant
                };
                for variant in &enumeration.variants {
                    let Some(variant_item) = krate.index.get(variant) else {
                        continue;
                    };
                    let name = variant_item.name.clone().unwrap_or_default();
                    self.add(
                        format!("{path}::{name}"),
                        "variant",
                        canonical(&variant_item.inner),
                        member,
                    );
                }
                self.methods(krate, &enumeration.impls, path);
            }
            ItemEnum::Trait(tr) => {
                let signature = format!(
                    "unsafe={} auto={} generics={} bounds={}",
                    tr.is_unsafe,
                    tr.is_auto,
                    canonical(&tr.generics),
                    canonical(&tr.bounds)
                );
                self.add(path.to_string(), "trait", signature, Member::Free);
                for member_id in &tr.items {
                    let Some(member_item) = krate.index.get(member_id) else {
                        continue;
                    };
                    let name = member_item.name.clone().unwrap_or_default();
                    let required = match &member_item.inner {
                        ItemEnum::Function(f) => !f.has_body,
                        ItemEnum::AssocConst { value, .. } => value.is_none(),
                        ItemEnum::AssocType { type_, .. } => type_.is_none(),
                        _ => false,
                    };
                    let member = if required {
                        Member::RequiredTraitItem
                    } else {
                        Member::Other
                    };
                    let signature =
                        format!("required={required} {}", canonical(&member_item.inner));
                    self.add(format!("{path}::{name}"), "trait item", signature, member);
                }
            }
            ItemEnum::Macro(_) | ItemEnum::ProcMacro(_) => {
                self.add(path.to_string(), "macro", String::new(), Member::Free);
            }
            inner => {
                if let Some(kind) = signature_kind(inner) {
                    self.add(path.to_string(), kind, canonical(inner), Member::Free);
                }
            }
        }
        visiting.remove(id);
    }

    /// Public inherent methods and associated items of a type.
    fn methods(&mut self, krate: &Crate, impls: &[Id], path: &str) {
        for impl_id in impls {
            let Some(Item {
                inner: ItemEnum::Impl(imp),
                ..
            }) = krate.index.get(impl_id)
            else {
                continue;
            };
            if imp.trait_.is_some() {
                continue;
            }
            for member in &imp.items {
                let Some(member_item) = krate.index.get(member) else {
                    continue;
                };
                if member_item.visibility != Visibility::Public {
                    continue;
                }
                let name = member_item.name.clone().unwrap_or_default();
                self.add(
                    format!("{path}::{name}"),
                    "method",
                    canonical(&member_item.inner),
                    Member::Free,
                );
            }
        }
    }
}

/// The kind of the items whose whole serialized form is their signature (a change anywhere in
/// it is a change to the API), or `None` for items that are not part of the surface themselves.
fn signature_kind(inner: &ItemEnum) -> Option<&'static str> {
    Some(match inner {
        ItemEnum::Function(_) => "fn",
        ItemEnum::Constant { .. } => "const",
        ItemEnum::Static(_) => "static",
        ItemEnum::TypeAlias(_) => "type",
        ItemEnum::Union(_) => "union",
        ItemEnum::TraitAlias(_) => "trait alias",
        _ => return None,
    })
}

fn is_non_exhaustive(item: &Item) -> bool {
    item.attrs
        .iter()
        .any(|a| matches!(a, Attribute::NonExhaustive))
}

/// A value as JSON without rustdoc's per-build ids, so two builds compare equal.
fn canonical<T: serde::Serialize>(value: &T) -> String {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("id");
                map.remove("span");
                map.remove("has_body");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(value).unwrap_or(Value::Null);
    strip(&mut json);
    json.to_string()
}

/// What changed between two surfaces, breaking changes first.
pub fn diff(old: &Surface, new: &Surface) -> Vec<ApiChange> {
    let mut changes = Vec::new();
    for (path, item) in &old.items {
        match new.items.get(path) {
            None => changes.push(ApiChange {
                change: Change::Breaking,
                detail: format!("removed {} {path}", item.kind),
            }),
            Some(now) if now.signature != item.signature => changes.push(ApiChange {
                change: Change::Breaking,
                detail: format!("changed {} {path}", item.kind),
            }),
            Some(_) => {}
        }
    }
    for (path, item) in &new.items {
        if old.items.contains_key(path) {
            continue;
        }
        let parent_member = path
            .rsplit_once("::")
            .and_then(|(parent, _)| old.items.get(parent))
            .is_some();
        let (change, why) = match item.member {
            Member::ExhaustiveVariant if parent_member => {
                (Change::Breaking, " to an exhaustive enum")
            }
            Member::OpenField if parent_member => {
                (Change::Breaking, " to a struct whose fields are all public")
            }
            Member::RequiredTraitItem if parent_member => (Change::Breaking, " without a default"),
            _ => (Change::Feature, ""),
        };
        changes.push(ApiChange {
            change,
            detail: format!("added {} {path}{why}", item.kind),
        });
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.change));
    changes
}

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

/// Builds the rustdoc JSON of a package's library; returns its path.
pub fn build_json(
    manifest: &Path,
    package: &str,
    lib_name: &str,
    target_dir: &Path,
) -> Result<std::result::Result<PathBuf, String>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "rustdoc",
            "--lib",
            "--quiet",
            "-p",
            package,
            "--manifest-path",
        ])
        .arg(manifest)
        .arg("--target-dir")
        .arg(target_dir)
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .env("RUSTC_BOOTSTRAP", "1")
        .stdin(Stdio::null())
        .output()
        .context("could not run `cargo rustdoc`")?;
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
    let lib_name = package.replace('-', "_");
    let work = target_dir.join("cargo-ship");
    let current = match build_json(manifest, package, &lib_name, &work.join("api-current"))? {
        Ok(path) => path,
        Err(note) => return Ok(Err(note)),
    };
    let new = match load(&current)? {
        Ok(krate) => krate,
        Err(note) => return Ok(Err(note)),
    };
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
    let old_manifest = tree.join(relative);
    let result = if old_manifest.is_file() {
        build_json(
            &old_manifest,
            package,
            &lib_name,
            &work.join("api-baseline-target"),
        )
    } else {
        Ok(Err(format!(
            "{package} did not exist at {rev}: no API to compare with"
        )))
    };
    let _ = git.run(&["worktree", "remove", "--force", &tree.display().to_string()]);
    let old = match result? {
        Ok(path) => match load(&path)? {
            Ok(krate) => krate,
            Err(note) => return Ok(Err(note)),
        },
        Err(note) => return Ok(Err(note)),
    };
    Ok(Ok(diff(&Surface::of(&old), &Surface::of(&new))))
}

/// `cargo semver-checks --baseline-rev`'s verdict, when it is installed: `Some(true)` when it
/// finds breaking changes.
pub fn semver_checks(manifest: &Path, package: &str, rev: &str) -> Option<(bool, String)> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let installed = Command::new(&cargo)
        .args(["semver-checks", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        return None;
    }
    let output = Command::new(&cargo)
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
        .stdin(Stdio::null())
        .output()
        .ok()?;
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

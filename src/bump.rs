//! Format-preserving version edits: a package's (or the workspace's) version, the requirements
//! other members have on a bumped crate, and the bumped members' entries in Cargo.lock.
//!
//! `toml_edit` parses the file and locates each value by its span; only those bytes are
//! replaced, so comments, key order, blank lines, quoting and CRLF line endings stay exactly
//! as they were (re-serializing a document would normalize line endings).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use semver::{Op, Version, VersionReq};
use std::ops::Range;

use toml_edit::{Document, Item, TableLike, Value};

/// How members' requirements on a released crate follow it (cargo-release's values).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DependentVersion {
    /// Set to the new version: an old requirement would let users resolve a release without
    /// the new API.
    #[default]
    Upgrade,
    /// Changed only when the new version no longer satisfies it (anstyle's policy).
    Fix,
}

/// A requirement that was rewritten, for the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementChange {
    pub dependency: String,
    pub table: String,
    pub old: String,
    pub new: String,
}

/// Replacements to make in a text: byte ranges and what goes there.
type Splices = Vec<(Range<usize>, String)>;

fn parse(text: &str) -> Result<Document<&str>> {
    Document::parse(text).context("a manifest that parsed once no longer parses")
}

/// Applies replacements to `text`; everything outside them stays byte-for-byte (line endings,
/// comments, quoting of other values).
fn splice(text: &str, mut splices: Splices) -> String {
    splices.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = text.to_string();
    for (range, replacement) in splices {
        out.replace_range(range, &replacement);
    }
    out
}

/// The new string value written with the quotes the old one used.
fn quoted_like(text: &str, span: &Range<usize>, new: &str) -> String {
    if text[span.clone()].starts_with('\'') {
        format!("'{new}'")
    } else {
        format!("\"{new}\"")
    }
}

/// A string value's span, when the item is a string.
fn string_span(item: &Item) -> Option<Range<usize>> {
    item.as_value().filter(|v| v.is_str()).and_then(Value::span)
}

/// Sets `package.version` (`workspace = false`) or `workspace.package.version`.
pub fn set_version(text: &str, new: &Version, workspace: bool) -> Result<String> {
    let doc = parse(text)?;
    let table = if workspace {
        doc.get("workspace")
            .and_then(|w| w.get("package"))
            .and_then(Item::as_table_like)
            .context("[workspace.package] is missing")?
    } else {
        doc.get("package")
            .or_else(|| doc.get("project"))
            .and_then(Item::as_table_like)
            .context("[package] is missing")?
    };
    let span = table
        .get("version")
        .and_then(string_span)
        .context("`version` is not a string")?;
    let replacement = quoted_like(text, &span, &new.to_string());
    Ok(splice(text, vec![(span, replacement)]))
}

/// The requirement `old` rewritten for `new`, keeping the operator as written and the number
/// of components (`^1.2` → `^1.3`, `=1.2.3` → `=1.3.0`, `1.*` → `2.*`); a pre-release needs all
/// three components. `None` for requirements this rule does not cover (`<2`, `>=1, <2`).
pub fn rewrite_requirement(old: &str, new: &Version) -> Option<String> {
    let req = VersionReq::parse(old).ok()?;
    let [comparator] = req.comparators.as_slice() else {
        return None;
    };
    let trimmed = old.trim();
    let operator_end = trimmed.find(|c: char| c.is_ascii_digit())?;
    let operator = &trimmed[..operator_end];
    let (major, minor, patch) = (new.major, new.minor, new.patch);
    let version = match comparator.op {
        Op::Wildcard => match comparator.minor {
            Some(_) => format!("{major}.{minor}.*"),
            None => format!("{major}.*"),
        },
        Op::Caret | Op::Tilde | Op::Exact | Op::GreaterEq => {
            if !new.pre.is_empty() {
                format!("{major}.{minor}.{patch}-{}", new.pre)
            } else {
                match (comparator.minor, comparator.patch) {
                    (None, _) => format!("{major}"),
                    (Some(_), None) => format!("{major}.{minor}"),
                    (Some(_), Some(_)) => format!("{major}.{minor}.{patch}"),
                }
            }
        }
        _ => return None,
    };
    Some(format!("{operator}{version}"))
}

/// Sets every requirement on a bumped crate in the manifest's dependency tables (also
/// target-specific ones and `[workspace.dependencies]`) to the new version. Only entries with
/// a `path` are the workspace member; `workspace = true` entries follow the root's entry.
pub fn update_requirements(
    text: &str,
    bumped: &BTreeMap<String, Version>,
    policy: DependentVersion,
) -> Result<(String, Vec<RequirementChange>)> {
    let doc = parse(text)?;
    let mut splices = Vec::new();
    let mut changes = Vec::new();
    const TABLES: &[&str] = &[
        "dependencies",
        "build-dependencies",
        "build_dependencies",
        "dev-dependencies",
        "dev_dependencies",
    ];
    let mut visit = |root: &dyn TableLike, prefix: &str| {
        for key in TABLES {
            if let Some(table) = root.get(key).and_then(Item::as_table_like) {
                let name = format!("{prefix}{key}");
                update_table(
                    text,
                    table,
                    &name,
                    bumped,
                    policy,
                    &mut splices,
                    &mut changes,
                );
            }
        }
    };
    visit(doc.as_table(), "");
    if let Some(targets) = doc.get("target").and_then(Item::as_table_like) {
        for (cfg, item) in targets.iter() {
            if let Some(target) = item.as_table_like() {
                visit(target, &format!("target.'{cfg}'."));
            }
        }
    }
    if let Some(deps) = doc
        .get("workspace")
        .and_then(|w| w.get("dependencies"))
        .and_then(Item::as_table_like)
    {
        update_table(
            text,
            deps,
            "workspace.dependencies",
            bumped,
            policy,
            &mut splices,
            &mut changes,
        );
    }
    Ok((splice(text, splices), changes))
}

fn update_table(
    text: &str,
    table: &dyn TableLike,
    table_name: &str,
    bumped: &BTreeMap<String, Version>,
    policy: DependentVersion,
    splices: &mut Splices,
    changes: &mut Vec<RequirementChange>,
) {
    for (key, item) in table.iter() {
        let Some(spec) = item.as_table_like() else {
            continue;
        };
        let crate_name = spec.get("package").and_then(Item::as_str).unwrap_or(key);
        let Some(new) = bumped.get(crate_name) else {
            continue;
        };
        if spec.get("path").is_none() {
            continue;
        }
        let Some(version) = spec.get("version") else {
            continue;
        };
        let (Some(old), Some(span)) = (version.as_str(), string_span(version)) else {
            continue;
        };
        let still_satisfied = semver::VersionReq::parse(old).is_ok_and(|req| req.matches(new));
        if policy == DependentVersion::Fix && still_satisfied {
            continue;
        }
        if let Some(rewritten) = rewrite_requirement(old, new)
            && rewritten != old
        {
            splices.push((span.clone(), quoted_like(text, &span, &rewritten)));
            changes.push(RequirementChange {
                dependency: key.to_string(),
                table: table_name.to_string(),
                old: old.to_string(),
                new: rewritten,
            });
        }
    }
}

/// Cargo.lock with the bumped workspace members' entries (no `source`) at their new version,
/// and `"name version"` references to them updated.
pub fn update_lock(text: &str, bumped: &BTreeMap<String, (Version, Version)>) -> Result<String> {
    let doc = Document::parse(text).context("Cargo.lock is not valid TOML")?;
    let Some(packages) = doc.get("package").and_then(Item::as_array_of_tables) else {
        return Ok(text.to_string());
    };
    let mut splices = Vec::new();
    for package in packages.iter() {
        let name = package.get("name").and_then(Item::as_str);
        let is_local = package.get("source").is_none();
        if let Some((old, new)) = name.and_then(|n| bumped.get(n))
            && is_local
            && let Some(version) = package.get("version")
            && version.as_str() == Some(old.to_string().as_str())
            && let Some(span) = string_span(version)
        {
            splices.push((span.clone(), quoted_like(text, &span, &new.to_string())));
        }
        let Some(deps) = package.get("dependencies").and_then(Item::as_array) else {
            continue;
        };
        for dep in deps.iter() {
            let (Some(reference), Some(span)) = (dep.as_str(), dep.span()) else {
                continue;
            };
            let mut parts = reference.split(' ');
            let (Some(dep_name), Some(dep_version), None) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            if let Some((old, new)) = bumped.get(dep_name)
                && dep_version == old.to_string()
            {
                splices.push((
                    span.clone(),
                    quoted_like(text, &span, &format!("{dep_name} {new}")),
                ));
            }
        }
    }
    Ok(splice(text, splices))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).expect("version")
    }

    #[test]
    fn requirements_keep_operator_and_components() {
        let cases = [
            ("0.2", "0.3.0", Some("0.3")),
            ("0.2.0", "0.3.0", Some("0.3.0")),
            ("^1.2.3", "1.3.0", Some("^1.3.0")),
            ("~1.2", "1.3.0", Some("~1.3")),
            ("=1.2.3", "1.2.4", Some("=1.2.4")),
            (">= 1.2", "2.0.0", Some(">= 2.0")),
            ("1", "2.0.0", Some("2")),
            ("1.*", "2.0.0", Some("2.*")),
            ("1.2", "1.3.0-rc.1", Some("1.3.0-rc.1")),
            ("^1.3.0-rc.1", "1.3.0", Some("^1.3.0")),
            ("<2", "2.0.0", None),
            (">=1, <2", "2.0.0", None),
        ];
        for (old, new, expected) in cases {
            assert_eq!(
                rewrite_requirement(old, &v(new)).as_deref(),
                expected,
                "{old} → {new}"
            );
        }
    }

    #[test]
    fn a_version_edit_changes_only_the_version() {
        let text = "# top\n[package]\nname = \"x\"   # the name\nversion = \"0.1.0\" # keep me\n\n[dependencies]\ny = { path = \"../y\", version = \"0.1\" }\n";
        let out = set_version(text, &v("0.2.0"), false).expect("edit");
        assert_eq!(out, text.replace("\"0.1.0\"", "\"0.2.0\""));
    }

    #[test]
    fn dependents_follow_bumped_path_dependencies_only() {
        let text = "[dependencies]\na = { path = \"../a\", version = \"0.1\" } # a\nb = \"0.1\"\n\n[target.'cfg(unix)'.dev-dependencies]\nrenamed = { package = \"a\", path = \"../a\", version = \"=0.1.0\" }\n";
        let bumped = BTreeMap::from([("a".to_string(), v("0.2.0")), ("b".to_string(), v("0.2.0"))]);
        let (out, changes) =
            update_requirements(text, &bumped, DependentVersion::Upgrade).expect("edit");
        assert_eq!(
            out,
            "[dependencies]\na = { path = \"../a\", version = \"0.2\" } # a\nb = \"0.1\"\n\n[target.'cfg(unix)'.dev-dependencies]\nrenamed = { package = \"a\", path = \"../a\", version = \"=0.2.0\" }\n"
        );
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].table, "target.'cfg(unix)'.dev-dependencies");
    }

    #[test]
    fn the_fix_policy_leaves_satisfied_requirements_alone() {
        let text = "[dependencies]
a = { path = \"../a\", version = \"0.1.0\" }
b = { path = \"../b\", version = \"=1.0.0\" }
";
        let bumped = BTreeMap::from([("a".to_string(), v("0.1.1")), ("b".to_string(), v("1.0.1"))]);
        let (out, changes) =
            update_requirements(text, &bumped, DependentVersion::Fix).expect("edit");
        // `0.1.0` still takes 0.1.1; `=1.0.0` does not take 1.0.1.
        assert_eq!(
            out,
            "[dependencies]\na = { path = \"../a\", version = \"0.1.0\" }\nb = { path = \"../b\", version = \"=1.0.1\" }\n"
        );
        assert_eq!(changes.len(), 1);
        let (upgraded, _) =
            update_requirements(text, &bumped, DependentVersion::Upgrade).expect("edit");
        assert!(upgraded.contains("version = \"0.1.1\""), "{upgraded}");
    }

    #[test]
    fn the_lock_file_moves_local_packages_only() {
        let lock = "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\ndependencies = [\n \"a 0.1.0\",\n]\n";
        let bumped = BTreeMap::from([("a".to_string(), (v("0.1.0"), v("0.2.0")))]);
        let out = update_lock(lock, &bumped).expect("edit");
        assert_eq!(
            out,
            "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"0.2.0\"\n\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\ndependencies = [\n \"a 0.2.0\",\n]\n"
        );
    }
}

//! The locked dependencies a package ships: cargo puts a `Cargo.lock` into every `.crate` it
//! packages (rust-lang/cargo#14815), holding the package's part of the
//! workspace's lock. A dependency update that changes that part changes what the package
//! uploads, even when no file of its own changed — why maintainers release after a
//! `chore(deps)` commit.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use toml_edit::DocumentMut;

/// One locked package: `name version (source)`.
type Locked = String;

/// What a workspace member depends on to build (its normal and build dependencies, by
/// package name): the lock lists a member's dev-dependencies too, but users of the crate never
/// build those, and following them would tie every member to every other.
pub type Builds<'f> = &'f dyn Fn(&str) -> Option<BTreeSet<String>>;

/// A lock file, parsed once: its packages by name.
#[derive(Debug, Default)]
pub struct Lock {
    by_name: BTreeMap<String, Vec<Entry>>,
}

/// One `[[package]]` of a lock file.
#[derive(Debug)]
struct Entry {
    version: String,
    /// Empty for a workspace member.
    source: String,
    /// `name`, `name version` or `name version (source)`.
    dependencies: Vec<String>,
}

impl Lock {
    /// Empty when the text is not a lock file.
    pub fn parse(text: &str) -> Lock {
        let mut lock = Lock::default();
        let Ok(doc) = text.parse::<DocumentMut>() else {
            return lock;
        };
        let Some(packages) = doc.get("package").and_then(|p| p.as_array_of_tables()) else {
            return lock;
        };
        for package in packages {
            let field = |key: &str| {
                package
                    .get(key)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            };
            let dependencies = package
                .get("dependencies")
                .and_then(|d| d.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            lock.by_name.entry(field("name")).or_default().push(Entry {
                version: field("version"),
                source: field("source"),
                dependencies,
            });
        }
        lock
    }

    /// The packages `root` depends on, transitively, without `root` itself; a workspace
    /// member's (an entry without `source`) edges are limited to what `builds` says. Empty
    /// when the lock does not hold `root`.
    pub fn closure(&self, root: &str, builds: Builds) -> BTreeSet<Locked> {
        // A workspace member has no source; prefer it when a registry crate shares its name.
        let Some(start) = self.by_name.get(root).and_then(|entries| {
            entries
                .iter()
                .find(|e| e.source.is_empty())
                .or(entries.first())
        }) else {
            return BTreeSet::new();
        };
        let edges = |name: &str, entry: &Entry| -> Vec<String> {
            match (entry.source.is_empty(), builds(name)) {
                (true, Some(allowed)) => entry
                    .dependencies
                    .iter()
                    .filter(|d| allowed.contains(d.split(' ').next().unwrap_or_default()))
                    .cloned()
                    .collect(),
                _ => entry.dependencies.clone(),
            }
        };
        let mut found = BTreeSet::new();
        let mut queue: VecDeque<String> = edges(root, start).into();
        while let Some(reference) = queue.pop_front() {
            // The version, when given, picks among several locked versions of one name.
            let mut words = reference.split(' ');
            let name = words.next().unwrap_or_default();
            let version = words.next();
            let Some(entries) = self.by_name.get(name) else {
                continue;
            };
            let Some(entry) = entries
                .iter()
                .find(|e| version.is_none_or(|wanted| wanted == e.version))
            else {
                continue;
            };
            if found.insert(format!("{name} {} ({})", entry.version, entry.source)) {
                queue.extend(edges(name, entry));
            }
        }
        found
    }
}

/// What changed in `root`'s locked dependencies from `old` to `new`, in words
/// (`serde 1.0.1 → 1.0.2`), at most a few; `None` when nothing did.
pub fn changes(old: &Lock, new: &Lock, root: &str, builds: Builds) -> Option<String> {
    let before = old.closure(root, builds);
    let after = new.closure(root, builds);
    if before == after {
        return None;
    }
    let versions = |set: &BTreeSet<Locked>| -> BTreeMap<String, Vec<String>> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for locked in set {
            let mut words = locked.split(' ');
            let name = words.next().unwrap_or_default().to_string();
            map.entry(name)
                .or_default()
                .push(words.next().unwrap_or_default().to_string());
        }
        map
    };
    let (before, after) = (versions(&before), versions(&after));
    let mut said: Vec<String> = Vec::new();
    for name in before.keys().chain(after.keys()).collect::<BTreeSet<_>>() {
        let (old, new) = (before.get(name), after.get(name));
        if old == new {
            continue;
        }
        let list = |v: Option<&Vec<String>>| v.map_or("none".to_string(), |v| v.join("/"));
        said.push(match (old, new) {
            (None, Some(_)) => format!("{name} {} added", list(new)),
            (Some(_), None) => format!("{name} {} removed", list(old)),
            _ => format!("{name} {} → {}", list(old), list(new)),
        });
    }
    // A source change alone (same versions) still differs.
    if said.is_empty() {
        said.push("a dependency's source".into());
    }
    let more = said.len().saturating_sub(3);
    said.truncate(3);
    let mut text = said.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde", "lib"]

[[package]]
name = "lib"
version = "0.2.0"
dependencies = ["itoa"]

[[package]]
name = "other"
version = "1.0.0"
dependencies = ["regex"]

[[package]]
name = "serde"
version = "1.0.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "itoa"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "regex"
version = "1.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

    /// Every member builds with all it locks (no dev-dependencies in the test lock).
    fn all(_: &str) -> Option<BTreeSet<String>> {
        None
    }

    fn changes(old: &str, new: &str, root: &str, builds: Builds) -> Option<String> {
        super::changes(&Lock::parse(old), &Lock::parse(new), root, builds)
    }

    fn closure(lock: &str, root: &str, builds: Builds) -> BTreeSet<Locked> {
        Lock::parse(lock).closure(root, builds)
    }

    #[test]
    fn a_dependency_update_changes_the_packages_that_lock_it_only() {
        let new = OLD
            .replace("version = \"1.0.0\"\nsource", "version = \"1.0.9\"\nsource")
            .replace("version = \"1.5.0\"", "version = \"1.6.0\"");
        assert_eq!(
            changes(OLD, &new, "app", &all).as_deref(),
            Some("itoa 1.0.0 → 1.0.9")
        );
        assert_eq!(
            changes(OLD, &new, "lib", &all).as_deref(),
            Some("itoa 1.0.0 → 1.0.9")
        );
        assert_eq!(
            changes(OLD, &new, "other", &all).as_deref(),
            Some("regex 1.5.0 → 1.6.0")
        );
        // The package's own version is not a dependency change.
        let bumped = OLD.replace(
            "name = \"app\"\nversion = \"0.1.0\"",
            "name = \"app\"\nversion = \"0.2.0\"",
        );
        assert_eq!(changes(OLD, &bumped, "app", &all), None);
        assert_eq!(changes(OLD, &bumped, "other", &all), None);
    }

    #[test]
    fn two_versions_of_one_name_are_told_apart() {
        let lock = OLD.replace(
            "dependencies = [\"itoa\"]",
            "dependencies = [\"itoa 1.0.0\"]",
        ) + "\n[[package]]\nname = \"itoa\"\nversion = \"0.4.8\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";
        assert!(
            closure(&lock, "lib", &all)
                .contains("itoa 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)")
        );
        assert_eq!(closure(&lock, "lib", &all).len(), 1);
        assert!(closure("not a lock", "lib", &all).is_empty());
    }

    #[test]
    fn a_members_dev_dependencies_are_not_what_it_ships() {
        // app builds with lib only; serde is its dev-dependency.
        let builds = |name: &str| (name == "app").then(|| BTreeSet::from(["lib".to_string()]));
        let new = OLD.replace("version = \"1.0.1\"", "version = \"1.0.2\"");
        assert_eq!(changes(OLD, &new, "app", &builds), None);
        assert_eq!(
            changes(OLD, &new, "app", &all).as_deref(),
            Some("serde 1.0.1 → 1.0.2")
        );
    }
}

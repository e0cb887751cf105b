//! Cargo features are API too (the Cargo book's SemVer chapter): removing a feature, or a
//! feature no longer enabling something, breaks whoever enabled it; adding one is a feature.
//! Read from the two manifests, no build needed.

use std::collections::{BTreeMap, BTreeSet};

use toml_edit::{DocumentMut, Item, Table};

use crate::changes::api::ApiChange;
use crate::version::Change;

/// A manifest's features: name → what it enables. An optional dependency that no feature
/// names as `dep:NAME` is an implicit feature of its own name.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Features {
    declared: BTreeMap<String, BTreeSet<String>>,
    /// The implicit features of optional dependencies.
    implicit: BTreeSet<String>,
    /// Every optional dependency, implicit feature or not.
    optional: BTreeSet<String>,
}

impl Features {
    /// `None` when the text is not a manifest.
    pub fn of(manifest: &str) -> Option<Self> {
        let doc = manifest.parse::<DocumentMut>().ok()?;
        let mut features = Features::default();
        if let Some(table) = doc.get("features").and_then(Item::as_table_like) {
            for (name, list) in table.iter() {
                let enables = list
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                features.declared.insert(name.to_string(), enables);
            }
        }
        // Cargo's `default` exists when not declared, empty: writing `default = []` in or
        // taking it out changes nothing for users.
        features.declared.entry("default".into()).or_default();
        let named_with_dep: BTreeSet<&str> = features
            .declared
            .values()
            .flatten()
            .filter_map(|e| e.strip_prefix("dep:"))
            .collect();
        let mut optional = BTreeSet::new();
        let mut read = |deps: Option<&Item>| {
            let Some(deps) = deps.and_then(Item::as_table_like) else {
                return;
            };
            for (name, spec) in deps.iter() {
                let is_optional = spec
                    .as_table_like()
                    .and_then(|t| t.get("optional"))
                    .and_then(Item::as_bool)
                    .unwrap_or(false);
                if is_optional {
                    optional.insert(name.to_string());
                }
            }
        };
        for key in ["dependencies", "build-dependencies"] {
            read(doc.get(key));
        }
        if let Some(targets) = doc.get("target").and_then(Item::as_table) {
            for (_, target) in targets.iter() {
                let target: Option<&Table> = target.as_table();
                for key in ["dependencies", "build-dependencies"] {
                    read(target.and_then(|t| t.get(key)));
                }
            }
        }
        features.optional = optional.clone();
        features.implicit = optional
            .into_iter()
            .filter(|name| !named_with_dep.contains(name.as_str()))
            .filter(|name| !features.declared.contains_key(name))
            .collect();
        Some(features)
    }

    /// The features a user may turn on, as cargo semver-checks picks them for its comparison:
    /// every one (an optional dependency's implicit one too) but `default` and those whose
    /// names say they are not for users (see [`is_for_users`]), nor an optional dependency only
    /// such a feature turns on (libc's `rustc-dep-of-std` brings `rustc-std-workspace-core`).
    pub fn for_users(&self) -> Vec<String> {
        let named_by = |for_users: bool| -> BTreeSet<&String> {
            self.declared
                .iter()
                .filter(|(name, _)| is_for_users(name) == for_users)
                .flat_map(|(_, enables)| enables)
                .collect()
        };
        let (users, others) = (named_by(true), named_by(false));
        let theirs: BTreeSet<&String> = others.difference(&users).copied().collect();
        let declared = self
            .declared
            .keys()
            .filter(|name| *name != "default" && is_for_users(name));
        let implicit = self
            .implicit
            .iter()
            .filter(|name| is_for_users(name) && !theirs.contains(name));
        declared.chain(implicit).cloned().collect()
    }

    /// Everything `feature` turns on, the features it enables followed: with
    /// `a = ["b"]` and `b = ["dep:x"]`, `a` reaches `b` and `dep:x`. An optional dependency's
    /// implicit feature `x` turns on `dep:x`, and so does `x/feature` (not the weak `x?/…`).
    fn reaches(&self, feature: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut stack = vec![feature];
        while let Some(name) = stack.pop() {
            for entry in self.declared.get(name).into_iter().flatten() {
                if found.insert(entry.clone()) && self.declared.contains_key(entry) {
                    stack.push(entry);
                }
                let dependency = match entry.split_once('/') {
                    Some((dependency, _)) if !dependency.ends_with('?') => {
                        Some(dependency).filter(|d| self.optional.contains(*d))
                    }
                    Some(_) => None,
                    None => Some(entry.as_str()).filter(|e| self.implicit.contains(*e)),
                };
                if let Some(dependency) = dependency {
                    found.insert(format!("dep:{dependency}"));
                    if self.implicit.contains(dependency) {
                        found.insert(dependency.to_string());
                    }
                }
            }
        }
        found
    }

    /// What `feature` enables when that is only dependencies: the features on the way (itself
    /// included) and the dependencies. `None` when one of them enables nothing at all (a flag
    /// of its own that code tests) or something else.
    fn dependencies_only(&self, feature: &str) -> Option<Enables> {
        let mut found = BTreeSet::new();
        let mut stack = vec![feature.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let enables = self.declared.get(&name)?;
            if enables.is_empty() {
                return None;
            }
            for entry in enables {
                let dependency = entry
                    .strip_prefix("dep:")
                    .or_else(|| {
                        entry
                            .split_once('/')
                            .map(|(dep, _)| dep.trim_end_matches('?'))
                    })
                    .or_else(|| self.implicit.contains(entry).then_some(entry.as_str()));
                match dependency {
                    Some(dependency) => {
                        found.insert(dependency.to_string());
                    }
                    None if self.declared.contains_key(entry) => stack.push(entry.clone()),
                    None => return None,
                }
            }
        }
        Some(Enables {
            features: seen,
            dependencies: found,
        })
    }
}

/// What a feature enables, by name: the features (itself included) and the dependencies.
#[derive(Debug, PartialEq, Eq)]
pub struct Enables {
    pub features: BTreeSet<String>,
    pub dependencies: BTreeSet<String>,
}

/// A feature named with a leading underscore (`__private_…`) is, by convention, not for users.
fn is_private(name: &str) -> bool {
    name.starts_with('_')
}

/// Whether a feature's name leaves it to users: promised (see [`is_promised`]) and not
/// `no_std`, which takes items away when on, so documenting the API with it hides them.
fn is_for_users(name: &str) -> bool {
    is_promised(name) && name != "no_std"
}

/// Whether removing the feature may break users: not private, not cargo semver-checks'
/// unstable names (`unstable`, `nightly`, `bench`, each also as a `-`/`_` prefix), and not
/// `rustc-dep-of-std`, which builds the crate as part of the standard library (libc, cfg-if).
fn is_promised(name: &str) -> bool {
    let unstable = ["unstable", "nightly", "bench"].iter().any(|word| {
        name.strip_prefix(word)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_']))
    });
    !is_private(name) && !unstable && name != "rustc-dep-of-std"
}

/// The feature changes from `old` to `new`, under the path `features::NAME`. Only features
/// count for certain: a list that stops enabling a dependency (`dep:x`, `x/feature`, an
/// optional dependency) may have only swapped an implementation detail, so that is possibly
/// breaking, and so is one that stops enabling a feature whose only effect is such a
/// dependency, when `internal` says nothing public depends on what it enables (toml_edit
/// 0.14.2 took `perf = ["kstring"]` out of `default`); private and unstable features (see
/// [`is_promised`]) are nobody's API.
pub fn diff(old: &Features, new: &Features, internal: impl Fn(&Enables) -> bool) -> Vec<ApiChange> {
    let mut changes = Vec::new();
    let mut say = |change: Change, name: &str, detail: String| {
        changes.push(ApiChange {
            change,
            path: format!("features::{name}"),
            detail,
        });
    };
    for (name, enables) in &old.declared {
        if !is_promised(name) {
            continue;
        }
        match new.declared.get(name) {
            None if new.implicit.contains(name) => {}
            None => say(
                Change::Breaking,
                name,
                format!("removed Cargo feature `{name}`"),
            ),
            // An unchanged list reaches what it did: nothing to follow.
            Some(now) if now == enables => {}
            Some(now) => {
                // Through the features it enables: `cloudflare_zlib = ["zlib"]` with
                // `zlib = ["any_c_zlib", …]` still enables `any_c_zlib` (flate2 1.1.11).
                let reaches = new.reaches(name);
                let reached = old.reaches(name);
                let lost: Vec<&str> = enables
                    .iter()
                    .filter(|e| !reaches.contains(*e))
                    .map(String::as_str)
                    .filter(|e| is_promised(e))
                    .collect();
                let (features, dependencies): (Vec<&str>, Vec<&str>) = lost
                    .into_iter()
                    .partition(|e| old.declared.contains_key(*e) && !e.contains('/'));
                let (implementation, features): (Vec<&str>, Vec<&str>) =
                    features.into_iter().partition(|f| {
                        old.dependencies_only(f)
                            .is_some_and(|enables| internal(&enables))
                    });
                let implementation_only = !implementation.is_empty();
                let dependencies: Vec<&str> =
                    dependencies.into_iter().chain(implementation).collect();
                let gained = now
                    .iter()
                    .filter(|e| !reached.contains(*e) && is_promised(e))
                    .count();
                if !features.is_empty() {
                    say(
                        Change::Breaking,
                        name,
                        format!(
                            "Cargo feature `{name}` no longer enables {}",
                            quoted(&features)
                        ),
                    );
                } else if !dependencies.is_empty() {
                    say(
                        Change::None,
                        name,
                        format!(
                            "possibly breaking: Cargo feature `{name}` no longer enables {}{}",
                            quoted(&dependencies),
                            if implementation_only {
                                ", whose dependencies the public API does not show"
                            } else {
                                ""
                            }
                        ),
                    );
                } else if gained > 0 {
                    say(
                        Change::Feature,
                        name,
                        format!("Cargo feature `{name}` enables more"),
                    );
                }
            }
        }
    }
    for name in &old.implicit {
        if !new.implicit.contains(name) && !new.declared.contains_key(name) && is_promised(name) {
            // Still a dependency, but a `dep:` entry now hides its feature (spin 0.10's "Use
            // `dep:` syntax"): users who enabled it break the same way, and the message must not
            // say the dependency went.
            let detail = if new.optional.contains(name) {
                format!(
                    "possibly breaking: optional dependency `{name}` is no longer a Cargo feature of its own (a feature now names it `dep:{name}`)"
                )
            } else {
                format!(
                    "possibly breaking: optional dependency `{name}` (an implicit feature) removed"
                )
            };
            say(Change::None, name, detail);
        }
    }
    for name in new.declared.keys().chain(&new.implicit) {
        if !old.declared.contains_key(name) && !old.implicit.contains(name) && is_promised(name) {
            say(
                Change::Feature,
                name,
                format!("added Cargo feature `{name}`"),
            );
        }
    }
    changes
}

fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
[package]
name = "demo"
version = "1.0.0"

[dependencies]
serde = { version = "1", optional = true }
regex = { version = "1", optional = true }

[features]
default = ["std", "unicode"]
std = []
unicode = ["dep:regex"]
"#;

    fn verdicts(new: &str) -> Vec<(Change, String)> {
        verdicts_between(OLD, new)
    }

    /// The verdicts of going from `old` back to [`OLD`]: what removing its additions means.
    fn verdicts_back(old: &str) -> Vec<(Change, String)> {
        verdicts_between(old, OLD)
    }

    fn verdicts_between(old: &str, new: &str) -> Vec<(Change, String)> {
        let old = Features::of(old).expect("manifest");
        let new = Features::of(new).expect("manifest");
        diff(&old, &new, |_| false)
            .into_iter()
            .map(|c| (c.change, c.detail))
            .collect()
    }

    #[test]
    fn the_features_for_users_leave_out_default_private_and_unstable_ones() {
        let features = Features::of(
            r#"
[package]
name = "demo"
version = "1.0.0"

[dependencies]
serde = { version = "1", optional = true }
regex = { version = "1", optional = true }
core = { version = "1", optional = true, package = "rustc-std-workspace-core" }

[features]
default = ["std"]
std = []
unicode = ["dep:regex"]
_internal = []
nightly = []
unstable-simd = []
no_std = []
rustc-dep-of-std = ["core"]
"#,
        )
        .expect("manifest");
        assert_eq!(features.for_users(), ["std", "unicode", "serde"]);
    }

    /// toml_edit 0.14.2: `default = ["perf"]` → `default = []`, where `perf = ["kstring"]`
    /// only swaps the string type inside. Whether that is internal is the caller's to say.
    #[test]
    fn a_feature_that_only_enables_internal_dependencies_is_possibly_breaking() {
        let old = "[dependencies]\nkstring = { version = \"1\", optional = true }\n\n[features]\ndefault = [\"perf\"]\nperf = [\"kstring\"]\n";
        let new = old.replace("default = [\"perf\"]", "default = []");
        let (old, new) = (
            Features::of(old).expect("manifest"),
            Features::of(&new).expect("manifest"),
        );
        let perf = Enables {
            features: BTreeSet::from(["perf".to_string()]),
            dependencies: BTreeSet::from(["kstring".to_string()]),
        };
        assert_eq!(old.dependencies_only("perf").as_ref(), Some(&perf));
        let asked = std::cell::RefCell::new(Vec::new());
        let internal = diff(&old, &new, |enables| {
            asked.borrow_mut().push(enables.features.clone());
            true
        });
        assert_eq!(asked.into_inner(), [perf.features]);
        assert_eq!(internal[0].change, Change::None, "{internal:?}");
        assert_eq!(
            internal[0].detail,
            "possibly breaking: Cargo feature `default` no longer enables `perf`, whose \
             dependencies the public API does not show"
        );
        let public = diff(&old, &new, |_| false);
        assert_eq!(public[0].change, Change::Breaking, "{public:?}");
        // Through another feature, both are names code could test.
        let through = Features::of("[dependencies]\nkstring = { version = \"1\", optional = true }\n\n[features]\nfast = [\"perf\"]\nperf = [\"dep:kstring\"]\n").expect("manifest");
        assert_eq!(
            through.dependencies_only("fast"),
            Some(Enables {
                features: BTreeSet::from(["fast".to_string(), "perf".to_string()]),
                dependencies: BTreeSet::from(["kstring".to_string()]),
            })
        );
        // A flag feature of its own (`std = []`) is something code tests: never internal.
        assert_eq!(
            Features::of(OLD)
                .expect("manifest")
                .dependencies_only("std"),
            None
        );
    }

    #[test]
    fn each_feature_rule_of_the_cargo_book() {
        assert_eq!(verdicts(OLD), []);
        // Major: removing a feature.
        assert_eq!(
            verdicts(&OLD.replace("std = []\n", "")),
            [(Change::Breaking, "removed Cargo feature `std`".to_string())]
        );
        // Major: removing a feature from a feature list.
        assert_eq!(
            verdicts(&OLD.replace("default = [\"std\", \"unicode\"]", "default = [\"std\"]")),
            [(
                Change::Breaking,
                "Cargo feature `default` no longer enables `unicode`".to_string()
            )]
        );
        // Minor: adding a feature (an optional dependency's implicit one too).
        assert_eq!(
            verdicts(&OLD.replace("std = []\n", "std = []\nalloc = []\n")),
            [(Change::Feature, "added Cargo feature `alloc`".to_string())]
        );
        assert_eq!(
            verdicts(&OLD.replace(
                "[features]",
                "[dependencies.log]\nversion = \"0.4\"\noptional = true\n\n[features]"
            )),
            [(Change::Feature, "added Cargo feature `log`".to_string())]
        );
        // Possibly breaking: removing an optional dependency (its implicit feature goes).
        assert_eq!(
            verdicts(&OLD.replace("serde = { version = \"1\", optional = true }\n", "")),
            [(
                Change::None,
                "possibly breaking: optional dependency `serde` (an implicit feature) removed"
                    .to_string()
            )]
        );
        // A feature that stops enabling a dependency may only have swapped an
        // implementation: possibly breaking.
        assert_eq!(
            verdicts(
                &OLD.replace("regex = { version = \"1\", optional = true }\n", "")
                    .replace("\"dep:regex\"", "")
            ),
            [(
                Change::None,
                "possibly breaking: Cargo feature `unicode` no longer enables `dep:regex`"
                    .to_string()
            )]
        );
        // Private features (a leading underscore) are nobody's API.
        let with_private = OLD.replace("std = []\n", "std = []\n__internal = []\n");
        assert_eq!(verdicts(&with_private), []);
        assert_eq!(verdicts_back(&with_private), []);
        // Unstable ones by their names (cargo semver-checks' convention) are not promised:
        // removing them, or taking them out of another's list, breaks no one.
        let unstable = OLD.replace(
            "std = []\n",
            "std = [\"nightly-simd\"]\nunstable = []\nnightly-simd = []\nbench_internals = []\n",
        );
        assert_eq!(verdicts_back(&unstable), []);
        // `no_std` is left out of the documented API (it takes items away), but users who
        // enable it break when it goes.
        let no_std = OLD.replace("std = []\n", "std = []\nno_std = []\n");
        assert_eq!(
            verdicts_back(&no_std),
            [(
                Change::Breaking,
                "removed Cargo feature `no_std`".to_string()
            )]
        );
        let benchmarks = OLD.replace("std = []\n", "std = []\nbenchmarks = []\n");
        assert_eq!(
            verdicts_back(&benchmarks),
            [(
                Change::Breaking,
                "removed Cargo feature `benchmarks`".to_string()
            )],
            "`benchmarks` is no unstable name"
        );
        // Hiding an implicit feature behind `dep:` takes it away although the dependency
        // stays: the note says which happened.
        assert_eq!(
            verdicts(&OLD.replace("std = []\n", "std = []\njson = [\"dep:serde\"]\n")),
            [
                (
                    Change::None,
                    "possibly breaking: optional dependency `serde` is no longer a Cargo feature of its own (a feature now names it `dep:serde`)"
                        .to_string()
                ),
                (Change::Feature, "added Cargo feature `json`".to_string())
            ]
        );
        // Turning an implicit feature into a declared one keeps it.
        assert_eq!(
            verdicts(&OLD.replace("std = []\n", "std = []\nserde = [\"dep:serde\"]\n")),
            []
        );
    }

    #[test]
    fn an_undeclared_default_feature_is_an_empty_one() {
        let manifest = |features: &str| {
            format!("[package]\nname = \"demo\"\n\n[features]\nstd = []\n{features}\n")
        };
        let changes = |old: &str, new: &str| verdicts_between(&manifest(old), &manifest(new));
        assert_eq!(changes("default = []", ""), []);
        assert_eq!(changes("", "default = []"), []);
        assert_eq!(
            changes("", "default = [\"std\"]"),
            [(
                Change::Feature,
                "Cargo feature `default` enables more".to_string()
            )]
        );
        assert_eq!(
            changes("default = [\"std\"]", ""),
            [(
                Change::Breaking,
                "Cargo feature `default` no longer enables `std`".to_string()
            )]
        );
    }

    /// `foo = ["dep:bar"]` and `foo = ["bar"]` (bar's implicit feature) both turn bar on, and
    /// so does `foo = ["bar/std"]`; `bar?/std` does not.
    #[test]
    fn a_dependency_is_enabled_by_its_implicit_feature_or_one_of_its_features() {
        let manifest = |features: &str| {
            format!(
                "[package]\nname = \"demo\"\n\n[dependencies]\nbar = {{ version = \"1\", optional = true }}\n\n[features]\n{features}\n"
            )
        };
        let explicit = manifest("foo = [\"dep:bar\"]");
        let details = |new: &str| -> Vec<String> {
            verdicts_between(&explicit, new)
                .into_iter()
                .map(|(_, detail)| detail)
                .collect()
        };
        for same in ["foo = [\"bar/std\"]", "foo = [\"dep:bar\", \"bar?/std\"]"] {
            let found = details(&manifest(same));
            assert!(
                !found.iter().any(|d| d.contains("no longer enables")),
                "{same}: {found:?}"
            );
        }
        let found = details(&manifest("foo = [\"bar?/std\"]"));
        assert!(
            found
                .iter()
                .any(|d| d.contains("no longer enables `dep:bar`")),
            "{found:?}"
        );
    }

    /// flate2 1.1.11 wrote `cloudflare_zlib = ["zlib"]`, and `zlib` enables `any_c_zlib`:
    /// still enabled, one step further. Judged by what a feature reaches, in both directions.
    #[test]
    fn a_feature_enabled_through_another_is_still_enabled() {
        let reach = OLD.replace(
            "default = [\"std\", \"unicode\"]",
            "default = [\"unicode\"]\nfull = [\"std\", \"unicode\"]",
        );
        let old = Features::of(&reach).expect("manifest");
        let moved = reach
            .replace("full = [\"std\", \"unicode\"]", "full = [\"unicode\"]")
            .replace(
                "unicode = [\"dep:regex\"]",
                "unicode = [\"std\", \"dep:regex\"]",
            );
        assert_eq!(
            diff(&old, &Features::of(&moved).expect("manifest"), |_| false),
            // `full` reaches `std` through `unicode`; `unicode` is the one that gained it.
            [ApiChange {
                change: Change::Feature,
                path: "features::unicode".into(),
                detail: "Cargo feature `unicode` enables more".into(),
            }]
        );
        let dropped = reach.replace("full = [\"std\", \"unicode\"]", "full = [\"unicode\"]");
        assert_eq!(
            diff(&old, &Features::of(&dropped).expect("manifest"), |_| false)
                .iter()
                .map(|c| (c.change, c.detail.as_str()))
                .collect::<Vec<_>>(),
            [(
                Change::Breaking,
                "Cargo feature `full` no longer enables `std`"
            )]
        );
    }
}

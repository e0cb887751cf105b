//! A dependency moved to a semver-incompatible version (`semver-parser = "0.7"` → `"0.10"`,
//! `anstyle` 0.2 → 0.3 in the same workspace). When the crate's public API names that
//! dependency (`changes::exposed`), its users break with it: the Cargo book calls a public
//! dependency's major update a major change, and semver 0.6.0, toml_edit 0.14.0 and 0.25.0
//! and anstyle-owo-colors 2.0.0 were released so. A dependency used only inside is nobody's
//! business. A package that ships binaries is the exception: its version speaks for its
//! command line, and its library, if any, serves it (cargo-release "tracks compatibility for
//! the binaries, not the API" and upgraded exposed dependencies in nine patch releases), so
//! there it is said as possibly breaking and decides nothing.

use semver::{Version, VersionReq};
use toml_edit::{Document, Item, TableLike};

use crate::changes::api::ApiChange;
use crate::version::Change;

/// The requirements of the normal dependencies a manifest declares (target-specific ones too),
/// by the name the code uses; `workspace = true` and requirement-less entries are left out.
pub fn requirements(manifest: &str) -> Vec<(String, String)> {
    let Ok(doc) = Document::parse(manifest) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut read = |table: Option<&dyn TableLike>| {
        for (name, spec) in table.into_iter().flat_map(|t| t.iter()) {
            let req = spec.as_str().or_else(|| {
                spec.as_table_like()
                    .and_then(|t| t.get("version"))
                    .and_then(Item::as_str)
            });
            if let Some(req) = req {
                found.push((name.to_string(), req.to_string()));
            }
        }
    };
    read(doc.get("dependencies").and_then(Item::as_table_like));
    if let Some(targets) = doc.get("target").and_then(Item::as_table_like) {
        for (_, target) in targets.iter() {
            read(target.get("dependencies").and_then(Item::as_table_like));
        }
    }
    found
}

/// The lowest version a requirement admits (`^0.7` → 0.7.0), for comparing requirements.
fn floor(req: &str) -> Option<Version> {
    let req = VersionReq::parse(req).ok()?;
    let first = req.comparators.first()?;
    Some(Version::new(
        first.major,
        first.minor.unwrap_or(0),
        first.patch.unwrap_or(0),
    ))
}

/// Cargo's compatibility class: the left-most non-zero component.
fn class(version: &Version) -> (u64, u64, u64) {
    match (version.major, version.minor) {
        (0, 0) => (0, 0, version.patch),
        (0, minor) => (0, minor, 0),
        (major, _) => (major, 0, 0),
    }
}

/// Whether `new` asks for a version `old` would not have admitted, above it.
pub fn incompatible_upgrade(old: &str, new: &str) -> bool {
    match (floor(old), floor(new)) {
        (Some(old), Some(new)) => new > old && class(&new) != class(&old),
        _ => false,
    }
}

/// What an incompatible upgrade of `dependency`, which the crate's public API names, means:
/// breaking, or only possibly so for a package that `ships_binaries`.
pub fn verdict(dependency: &str, from: &str, to: &str, ships_binaries: bool) -> ApiChange {
    let moved = format!(
        "dependency `{dependency}` moves to an incompatible version ({from} → {to}) and the \
         public API names it"
    );
    let (change, detail) = if ships_binaries {
        (
            Change::None,
            format!(
                "possibly breaking: {moved}; the package ships binaries, whose version speaks \
                 for the command line rather than the library"
            ),
        )
    } else {
        (
            Change::Breaking,
            format!("{moved}: users' code naming its types breaks"),
        )
    };
    ApiChange {
        change,
        path: format!("dependencies::{dependency}"),
        detail,
    }
}

/// The incompatible upgrades between two versions of a manifest, of dependencies `exposed`
/// says the public API names.
pub fn diff(
    old: &str,
    new: &str,
    exposed: impl Fn(&str) -> bool,
    ships_binaries: bool,
) -> Vec<ApiChange> {
    let before = requirements(old);
    requirements(new)
        .into_iter()
        .filter_map(|(name, now)| {
            let (_, was) = before.iter().find(|(n, _)| *n == name)?;
            (incompatible_upgrade(was, &now) && exposed(&name))
                .then(|| verdict(&name, was, &now, ships_binaries))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_move_across_cargos_compatibility_boundary_counts() {
        assert!(incompatible_upgrade("0.7.0", "0.10.0"));
        assert!(incompatible_upgrade("1", "2.0"));
        assert!(incompatible_upgrade("0.0.3", "0.0.4"));
        assert!(!incompatible_upgrade("1.0", "1.4.2"));
        assert!(!incompatible_upgrade("0.7.0", "0.7.3"));
        assert!(!incompatible_upgrade("2", "1"));
        assert!(!incompatible_upgrade("*", "1"));
    }

    #[test]
    fn an_exposed_dependency_moved_across_the_boundary_breaks_a_library() {
        let old = "[dependencies]\nsemver-parser = \"0.7.0\"\nlog = \"0.4\"\n[dev-dependencies]\nx = \"1\"\n";
        let new = "[dependencies]\nsemver-parser = { version = \"0.10.0\" }\nlog = \"0.4.20\"\n[dev-dependencies]\nx = \"2\"\n";
        assert_eq!(diff(old, new, |_| false, false), []);
        let found = diff(old, new, |_| true, false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].change, Change::Breaking);
        assert_eq!(found[0].path, "dependencies::semver-parser");
        assert_eq!(
            found[0].detail,
            "dependency `semver-parser` moves to an incompatible version (0.7.0 → 0.10.0) and \
             the public API names it: users' code naming its types breaks"
        );
        // A package shipping binaries: said, decides nothing.
        let said = diff(old, new, |_| true, true);
        assert_eq!(said[0].change, Change::None);
        assert!(
            said[0].detail.starts_with("possibly breaking"),
            "{}",
            said[0].detail
        );
    }
}

//! A dependency moved to a semver-incompatible version (`semver-parser = "0.7"` → `"0.10"`,
//! `anstyle` 0.2 → 0.3 in the same workspace). When the crate's public API names that
//! dependency (`changes::exposed`), its users may break with it (the Cargo book: a public
//! dependency's major update is a major change); a dependency used only inside is nobody's
//! business. The text check is not proof, and on the six real histories making it decide lost
//! more releases than it won (toml and cargo-release expose dependencies they upgrade in
//! patches; anstyle's adapters and semver bump with them), so it is said — "possibly
//! breaking", with the dependency and both versions — and decides nothing; `--api` does.

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

/// The note for an incompatible upgrade of `dependency`, which the crate's public API names.
pub fn verdict(dependency: &str, from: &str, to: &str) -> ApiChange {
    ApiChange {
        change: Change::None,
        path: format!("dependencies::{dependency}"),
        detail: format!(
            "possibly breaking: dependency `{dependency}` moves to an incompatible version \
             ({from} → {to}) and the public API names it; a breaking release is needed only if \
             its types are in signatures users call (`--api` compares them)"
        ),
    }
}

/// The incompatible upgrades between two versions of a manifest, of dependencies `exposed`
/// says the public API names.
pub fn diff(old: &str, new: &str, exposed: impl Fn(&str) -> bool) -> Vec<ApiChange> {
    let before = requirements(old);
    requirements(new)
        .into_iter()
        .filter_map(|(name, now)| {
            let (_, was) = before.iter().find(|(n, _)| *n == name)?;
            (incompatible_upgrade(was, &now) && exposed(&name)).then(|| verdict(&name, was, &now))
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
    fn an_exposed_dependency_moved_across_the_boundary_is_said_and_decides_nothing() {
        let old = "[dependencies]\nsemver-parser = \"0.7.0\"\nlog = \"0.4\"\n[dev-dependencies]\nx = \"1\"\n";
        let new = "[dependencies]\nsemver-parser = { version = \"0.10.0\" }\nlog = \"0.4.20\"\n[dev-dependencies]\nx = \"2\"\n";
        assert_eq!(diff(old, new, |_| false), []);
        let said = diff(old, new, |_| true);
        assert_eq!(said.len(), 1);
        assert_eq!(said[0].change, Change::None);
        assert_eq!(said[0].path, "dependencies::semver-parser");
        assert!(
            said[0].detail.starts_with("possibly breaking"),
            "{}",
            said[0].detail
        );
    }
}

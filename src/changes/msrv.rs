//! The minimum supported Rust version, read from the manifests then and now.
//!
//! Raising `rust-version` is not in the API, but users on an older Rust can no longer build
//! the crate. Whether that needs a minor release is a project's policy, not a rule: some
//! projects (the embedded working group, toml since 1.0) release it as a minor, while most
//! releases on the histories we measure (anstyle, semver, cargo-release, toml before 1.0) ship
//! it in a patch; deciding "minor" lost 27 releases for 7 won. So it is said as a note, with
//! both versions, and decides nothing.

use semver::Version;
use toml_edit::{Document, Item};

/// `package.rust-version` of a manifest; `rust-version.workspace = true` takes `inherited`,
/// the root's [`workspace_rust_version`] (read once for all members).
pub fn rust_version(manifest: &str, inherited: Option<&Version>) -> Option<Version> {
    // The immutable document: a manifest can be megabytes long, and only one value is read.
    let doc = Document::parse(manifest).ok()?;
    let value = doc.get("package")?.get("rust-version")?;
    if let Some(text) = value.as_str() {
        return parse(text);
    }
    let is_inherited = value
        .as_table_like()
        .and_then(|t| t.get("workspace"))
        .and_then(Item::as_bool)
        .unwrap_or(false);
    is_inherited.then(|| inherited.cloned()).flatten()
}

/// `workspace.package.rust-version` of a root manifest.
pub fn workspace_rust_version(root: &str) -> Option<Version> {
    let doc = Document::parse(root).ok()?;
    parse(
        doc.get("workspace")?
            .get("package")?
            .get("rust-version")?
            .as_str()?,
    )
}

/// `1.85` → 1.85.0 (`rust-version` may leave out the patch).
fn parse(text: &str) -> Option<Version> {
    let mut parts = text.trim().split('.').map(|p| p.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten().unwrap_or(0);
    let patch = parts.next().flatten().unwrap_or(0);
    Some(Version::new(major, minor, patch))
}

/// A raise of the minimum Rust version between two manifests, as a note. A version declared
/// for the first time is not a raise: it may only write down what was already true.
pub fn diff(old: Option<&Version>, new: Option<&Version>) -> Option<String> {
    let (old, new) = (old?, new?);
    (new > old).then(|| {
        format!(
            "rust-version raised from {} to {}: users on an older Rust can no longer build \
             it; projects whose policy keeps MSRV raises out of patch releases release a minor",
            short(old),
            short(new)
        )
    })
}

fn short(version: &Version) -> String {
    if version.patch == 0 {
        format!("{}.{}", version.major, version.minor)
    } else {
        version.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rust_version_is_read_directly_or_from_the_workspace() {
        let own = "[package]\nname = \"a\"\nrust-version = \"1.70\"\n";
        assert_eq!(rust_version(own, None), Some(Version::new(1, 70, 0)));
        let inherited = "[package]\nname = \"a\"\nrust-version.workspace = true\n";
        let root = workspace_rust_version("[workspace.package]\nrust-version = \"1.85.1\"\n");
        assert_eq!(root, Some(Version::new(1, 85, 1)));
        assert_eq!(rust_version(inherited, root.as_ref()), root);
        assert_eq!(rust_version(inherited, None), None);
        let both = "[workspace.package]\nrust-version = \"1.66\"\n[package]\nname = \"a\"\nrust-version = { workspace = true }\n";
        let root = workspace_rust_version(both);
        assert_eq!(
            rust_version(both, root.as_ref()),
            Some(Version::new(1, 66, 0))
        );
        assert_eq!(rust_version("[package]\nname = \"a\"\n", None), None);
        assert_eq!(rust_version("not toml [", None), None);
    }

    #[test]
    fn only_a_raise_counts() {
        let v = |s: &str| parse(s);
        let raised = diff(v("1.66").as_ref(), v("1.85").as_ref()).expect("a raise");
        assert_eq!(
            raised,
            "rust-version raised from 1.66 to 1.85: users on an older Rust can no longer build \
             it; projects whose policy keeps MSRV raises out of patch releases release a minor"
        );
        assert!(diff(v("1.85").as_ref(), v("1.66").as_ref()).is_none());
        assert!(diff(v("1.70").as_ref(), v("1.70.0").as_ref()).is_none());
        assert!(diff(None, v("1.70").as_ref()).is_none());
    }
}

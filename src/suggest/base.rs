//! The released version the evidence is measured from, when the base names one.

use semver::Version;

use super::Sources;
use crate::changes::history::{self, Base};
use crate::workspace::Package;

/// The released version the base stands for: a tag's version (also `--since TAG`).
pub(super) fn base_version(
    sources: &Sources,
    package: &Package,
    base: &Base,
    selected: bool,
) -> Option<Version> {
    match base {
        Base::Tag { version, .. } | Base::Published { version, .. } => Some(version.clone()),
        Base::Explicit { rev } => {
            let template = crate::settings::tag_template(sources.ws, package);
            let named = template
                .iter()
                .map(String::as_str)
                .chain(history::LEGACY_FORMATS.iter().copied())
                .find_map(|format| history::tag_version(rev, format, &package.name))
                // A bare version (`v0.19.10`, `1.2.0`) names no package; a configured format
                // of the package's own (knope's `config/v{version}`) names it.
                .map(|version| {
                    let bare = Version::parse(rev.trim_start_matches('v')).is_ok();
                    (version, bare)
                });
            match named {
                Some((version, false)) => Some(version),
                Some((version, true)) => {
                    name_less_tag_version(sources, package, rev, version, selected)
                }
                None => manifest_version_named_by(sources, package, rev),
            }
        }
        _ => None,
    }
}

/// A name-less tag (`v0.19.10`) in a workspace may be another member's release: `--since
/// v0.19.10 -p toml_edit` judges toml_datetime, then at 0.6.2 or not yet written, from that
/// point too. For a member whose manifest held another version there, the tag stands for that
/// version. A member without a manifest there is new since, unless the user named it (it may
/// have moved: toml_edit left the repository's root), when the tag is taken at its word.
fn name_less_tag_version(
    sources: &Sources,
    package: &Package,
    rev: &str,
    version: Version,
    selected: bool,
) -> Option<Version> {
    if sources.ws.members.len() == 1 {
        return Some(version);
    }
    match manifest_version_at(sources, package, rev) {
        Some(held) if history::without_build(&held) != version => Some(held),
        Some(_) => Some(version),
        None => selected.then_some(version),
    }
}

/// The version `package`'s manifest held at `rev`.
pub(super) fn manifest_version_at(
    sources: &Sources,
    package: &Package,
    rev: &str,
) -> Option<Version> {
    let history = sources.history?;
    let manifest = sources
        .ws
        .manifest(package)
        .path
        .strip_prefix(history.top)
        .ok()?;
    let text = history::version_at(history.git, rev, &manifest.to_string_lossy())?;
    Version::parse(&text).ok()
}

/// For a `--since` ref in a format of its own (knope's `versioning/v0.3.0` for the crate
/// `knope-versioning`, its early `v.0.1.0`): the version the package's manifest held there,
/// when the ref's name ends with exactly that version, so it names that release.
fn manifest_version_named_by(sources: &Sources, package: &Package, rev: &str) -> Option<Version> {
    let version = manifest_version_at(sources, package, rev)?;
    let plain = history::without_build(&version).to_string();
    let named = rev.strip_suffix(&plain)?;
    // `…v0.3.0`, `….0.3.0`, `…-0.3.0`, `…/0.3.0`: the version is a whole part of the name.
    (named.is_empty() || named.ends_with(['v', '.', '-', '/', '_'])).then_some(version)
}

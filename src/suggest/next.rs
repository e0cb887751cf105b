//! The next version under Cargo's compatibility rule, pre-release steps, and the under-bump
//! guard that holds a planned release to it.

use semver::{Prerelease, Version};

use super::{Suggestion, describe};
use crate::version::{self, Change, Level, PreKind};

/// The next version and the smallest acceptable one.
///
/// On a release, Cargo's rule from the last release; when the manifest is already ahead of it
/// (bumped before the release), the manifest's version is released if it is enough. On a
/// pre-release `X.Y.Z-pre`, the requirement is measured from the last release: a published
/// (tagged) pre-release continues (`rc.2` → `rc.3`), an unpublished development version is
/// released as `X.Y.Z`, both only when `X.Y.Z` is enough; otherwise a pre-release of the
/// required version starts.
pub(super) fn next_version(
    current: &Version,
    base: Option<&Version>,
    change: Change,
    current_published: bool,
) -> (Option<Version>, Option<Version>) {
    if change == Change::None {
        return (None, None);
    }
    let release = Version::new(current.major, current.minor, current.patch);
    if current.pre.is_empty() {
        return match base {
            Some(base) if base < current => {
                let required = version::required(base, change);
                let next = match &required {
                    Some(required) if required > current => required.clone(),
                    _ => current.clone(),
                };
                (Some(next), required)
            }
            // A manifest behind its last release (semver's `0.0.0` placeholder after 0.11.0)
            // moves on from the release, never below it.
            Some(base) if base > current => {
                let required = version::required(base, change);
                (required.clone(), required)
            }
            _ => {
                let required = version::required(current, change);
                (required.clone(), required)
            }
        };
    }
    let required = base.and_then(|b| version::required(b, change));
    let kind = PreKind::of(current);
    match &required {
        // A published pre-release line moves on to a pre-release of the required version; an
        // unpublished development version (`0.12.5-alpha.0`) simply becomes that release.
        Some(required) if release < *required => {
            let mut next = required.clone();
            if current_published {
                next.pre = Prerelease::new(&format!("{}.1", kind.unwrap_or(PreKind::Rc).as_str()))
                    .unwrap_or(Prerelease::EMPTY);
            }
            (Some(next), Some(required.clone()))
        }
        // The release it leads to is enough for the changes: finish it.
        _ => (Some(release.clone()), required.or(Some(release))),
    }
}

/// A published pre-release moves on to the next one while anything still changes
/// (cargo-release's 0.9.0-beta.1 … beta.8 took fixes, knope's rc.0 … rc.4 build fixes): a
/// series is there to test what will be released, and ending it is the maintainer's call. When
/// nothing changed since it, or only its documentation and tests (semver's 1.0.0-rc.2, then a
/// doc typo and new tests, then 1.0.0), releasing can only mean finishing it, and the release
/// is what was tested.
pub(super) fn pre_release_step(
    current: &Version,
    current_published: bool,
    pre_change: Option<Change>,
    next: Option<Version>,
) -> Option<Version> {
    if current.pre.is_empty() || !current_published {
        return next;
    }
    let release = Version::new(current.major, current.minor, current.patch);
    match next {
        Some(next) if next == release && pre_change.is_some_and(|c| c > Change::None) => {
            Some(next_pre_release(current))
        }
        None if pre_change == Some(Change::None) => Some(release),
        next => next,
    }
}

/// `1.0.0-beta.1` → `1.0.0-beta.2`; `1.0.0-rc` → `1.0.0-rc.1`.
fn next_pre_release(current: &Version) -> Version {
    let mut parts: Vec<String> = current
        .pre
        .as_str()
        .split('.')
        .map(str::to_string)
        .collect();
    match parts.last().and_then(|p| p.parse::<u64>().ok()) {
        Some(n) => {
            let last = parts.len() - 1;
            parts[last] = (n + 1).to_string();
        }
        None => parts.push("1".into()),
    }
    let mut next = current.clone();
    next.pre = Prerelease::new(&parts.join(".")).unwrap_or(Prerelease::EMPTY);
    next.build = semver::BuildMetadata::EMPTY;
    next
}

/// The change a move from `base` to `declared` stands for under Cargo's rule: the largest
/// whose smallest release `declared` reaches.
pub(super) fn change_to(base: &Version, declared: &Version) -> Change {
    let release = |v: &Version| Version::new(v.major, v.minor, v.patch);
    let (base, declared) = (release(base), release(declared));
    if declared <= base {
        return Change::Fix;
    }
    [Change::Breaking, Change::Feature]
        .into_iter()
        .find(|c| version::required(&base, *c).is_some_and(|r| r <= declared))
        .unwrap_or(Change::Fix)
}

/// `next`, raised to `floor` (a version the maintainer already wrote down) when below it.
pub(super) fn at_least(next: Option<Version>, floor: Option<&Version>) -> Option<Version> {
    match (next, floor) {
        (Some(next), Some(floor)) if *floor > next => Some(floor.clone()),
        (next, _) => next,
    }
}

/// The under-bump guard: `Err` with the reasons when `planned` is below what the changes
/// require (comparing versions, not level names; a pre-release of the required version is
/// fine).
pub fn guard(suggestion: &Suggestion, planned: &Version) -> std::result::Result<(), String> {
    let Some(required) = &suggestion.required else {
        return Ok(());
    };
    let planned_release = Version::new(planned.major, planned.minor, planned.patch);
    if planned_release >= *required {
        return Ok(());
    }
    let reasons: Vec<String> = suggestion
        .reasons
        .iter()
        .filter(|r| r.change == suggestion.change)
        .take(5)
        .map(|r| r.detail.clone())
        .collect();
    let level = [Level::Patch, Level::Minor, Level::Major]
        .into_iter()
        .find(|level| version::bump(&suggestion.current, level, None).is_ok_and(|v| v >= *required))
        .map_or(String::new(), |level| format!(" with `cargo ship {level}`"));
    Err(format!(
        "releasing {} {planned} would under-bump: the changes since {} are {} and need at least {required} ({}). Release {required}{level} (or a pre-release of it), or pass --force",
        suggestion.name,
        describe(&suggestion.base),
        suggestion.change.as_str(),
        reasons.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).expect("version")
    }

    #[test]
    fn pre_releases_finish_or_restart_from_the_last_release() {
        // 1.0.0-rc.2 after 0.9.0, with a fix: 1.0.0 is enough, so finish it.
        let (next, _) = next_version(&v("1.0.0-rc.2"), Some(&v("0.9.0")), Change::Fix, true);
        assert_eq!(next, Some(v("1.0.0")));
        let (next, _) = next_version(&v("1.1.1-rc.4"), Some(&v("1.1.0")), Change::Fix, true);
        assert_eq!(next, Some(v("1.1.1")));
        // An untagged development version is released as it is, or as the required release.
        let (next, _) = next_version(
            &v("0.13.0-alpha.0"),
            Some(&v("0.12.4")),
            Change::Breaking,
            false,
        );
        assert_eq!(next, Some(v("0.13.0")));
        let (next, _) = next_version(
            &v("0.12.5-alpha.0"),
            Some(&v("0.12.4")),
            Change::Breaking,
            false,
        );
        assert_eq!(next, Some(v("0.13.0")));
        // 1.1.0-beta.1 after 1.0.0, with a breaking change: 2.0.0 is needed.
        let (next, required) = next_version(
            &v("1.1.0-beta.1"),
            Some(&v("1.0.0")),
            Change::Breaking,
            true,
        );
        assert_eq!(next, Some(v("2.0.0-beta.1")));
        assert_eq!(required, Some(v("2.0.0")));
    }

    #[test]
    fn a_manifest_bumped_before_the_release_is_released_when_enough() {
        // Behind the last release: from the release.
        let (next, _) = next_version(&v("0.0.0"), Some(&v("0.11.0")), Change::Breaking, true);
        assert_eq!(next, Some(v("0.12.0")));
        let (next, _) = next_version(&v("0.1.1"), Some(&v("0.1.0")), Change::Fix, false);
        assert_eq!(next, Some(v("0.1.1")));
        let (next, required) =
            next_version(&v("1.0.1"), Some(&v("1.0.0")), Change::Breaking, false);
        assert_eq!((next, required), (Some(v("2.0.0")), Some(v("2.0.0"))));
    }
}

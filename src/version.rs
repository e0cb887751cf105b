//! Version arithmetic: bump levels, pre-releases, and Cargo's compatibility rule.
//!
//! On a release version the levels mean what cargo-release means. On a pre-release they follow
//! npm's rules, which users expect: `patch`/`release` finish the pre-release, `minor` and
//! `major` finish it when it already is that kind of release (`2.0.0-rc.1` + `major` →
//! `2.0.0`). Pre-release kinds only move forward: alpha → beta → rc.

use std::fmt;

use semver::{BuildMetadata, Prerelease, Version};

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    Major,
    Minor,
    Patch,
    /// Finish a pre-release: `X.Y.Z-pre` → `X.Y.Z`.
    Release,
    /// A pre-release of the next patch, or the next one of the same kind.
    Pre(PreKind),
    /// An explicit version, which must be greater.
    Exact(Version),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PreKind {
    Alpha,
    Beta,
    Rc,
}

impl PreKind {
    /// Every kind, in release order.
    pub const ALL: [PreKind; 3] = [PreKind::Alpha, PreKind::Beta, PreKind::Rc];

    /// The kind of a pre-release version (`1.2.0-beta.3` → beta), `None` for a release or a
    /// pre-release of another naming (`1.2.0-dev`).
    pub fn of(version: &Version) -> Option<PreKind> {
        let name = version.pre.as_str().split('.').next()?;
        PreKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PreKind::Alpha => "alpha",
            PreKind::Beta => "beta",
            PreKind::Rc => "rc",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Level::Major => f.write_str("major"),
            Level::Minor => f.write_str("minor"),
            Level::Patch => f.write_str("patch"),
            Level::Release => f.write_str("release"),
            Level::Pre(kind) => f.write_str(kind.as_str()),
            Level::Exact(version) => write!(f, "{version}"),
        }
    }
}

/// `version` without build metadata, which plays no part in ordering releases.
fn without_build(version: &Version) -> Version {
    Version {
        build: BuildMetadata::EMPTY,
        ..version.clone()
    }
}

/// Why a bump is impossible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BumpError(pub String);

impl fmt::Display for BumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The next version after `current` for `level`, optionally as the first pre-release of `pre`
/// (`major --pre rc` on 1.4.0 → 2.0.0-rc.1).
pub fn bump(current: &Version, level: &Level, pre: Option<PreKind>) -> Result<Version, BumpError> {
    let next = match (level, pre) {
        // An explicit version keeps its build metadata (`1.1.4+spec-1.1.0`).
        (Level::Exact(version), _) => version.clone(),
        (Level::Pre(kind), _) => next_pre(current, *kind)?,
        (Level::Release, _) if current.pre.is_empty() => {
            return Err(BumpError(format!(
                "{current} is not a pre-release; `release` finishes a pre-release (use patch, minor or major)"
            )));
        }
        (level, None) => finish(current, level),
        (level, Some(kind)) => {
            let target = finish(current, level);
            start_pre(current, &target, kind)
        }
    };
    if without_build(&next) <= without_build(current) {
        return Err(BumpError(format!(
            "{next} is not greater than the current version {current}{}",
            going_backwards_hint(current, &next)
        )));
    }
    Ok(next)
}

/// A release version for `level`: a plain bump, or finishing a pre-release per npm's rules.
fn finish(current: &Version, level: &Level) -> Version {
    let (x, y, z) = (current.major, current.minor, current.patch);
    let released = |major, minor, patch| Version::new(major, minor, patch);
    if current.pre.is_empty() {
        return match level {
            Level::Major => released(x + 1, 0, 0),
            Level::Minor => released(x, y + 1, 0),
            _ => released(x, y, z + 1),
        };
    }
    match level {
        Level::Major if y == 0 && z == 0 => released(x, 0, 0),
        Level::Major => released(x + 1, 0, 0),
        Level::Minor if z == 0 => released(x, y, 0),
        Level::Minor => released(x, y + 1, 0),
        _ => released(x, y, z),
    }
}

/// `rc`/`beta`/`alpha` alone: the next patch's first pre-release, or the next of the same
/// kind, or a later kind of the same version.
fn next_pre(current: &Version, kind: PreKind) -> Result<Version, BumpError> {
    if current.pre.is_empty() {
        let target = Version::new(current.major, current.minor, current.patch + 1);
        return Ok(with_pre(&target, kind, 1));
    }
    let target = Version::new(current.major, current.minor, current.patch);
    Ok(start_pre(current, &target, kind))
}

/// The pre-release `kind` of `target`: continuing the current one (N+1) when it already is a
/// `kind` pre-release of `target`, else starting at 1.
fn start_pre(current: &Version, target: &Version, kind: PreKind) -> Version {
    let same_release =
        (current.major, current.minor, current.patch) == (target.major, target.minor, target.patch);
    match pre_parts(&current.pre) {
        Some((current_kind, n)) if same_release && current_kind == kind.as_str() => {
            with_pre(target, kind, n + 1)
        }
        _ => with_pre(target, kind, 1),
    }
}

fn with_pre(target: &Version, kind: PreKind, n: u64) -> Version {
    let mut version = Version::new(target.major, target.minor, target.patch);
    version.pre = Prerelease::new(&format!("{}.{n}", kind.as_str()))
        .expect("a kind and a number make a valid pre-release");
    version
}

/// `rc.3` → ("rc", 3); `rc` → ("rc", 0); anything else → None.
fn pre_parts(pre: &Prerelease) -> Option<(&str, u64)> {
    let mut parts = pre.as_str().split('.');
    let kind = parts.next()?;
    match (parts.next(), parts.next()) {
        (None, _) => Some((kind, 0)),
        (Some(n), None) => n.parse().ok().map(|n| (kind, n)),
        _ => None,
    }
}

fn going_backwards_hint(current: &Version, next: &Version) -> String {
    if !current.pre.is_empty()
        && !next.pre.is_empty()
        && (current.major, current.minor, current.patch) == (next.major, next.minor, next.patch)
    {
        format!(
            " (pre-releases only move forward: alpha → beta → rc; `{}` comes before `{}`)",
            next.pre, current.pre
        )
    } else {
        String::new()
    }
}

/// The kind of change a release contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    None,
    Fix,
    Feature,
    Breaking,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::None => "none",
            Change::Fix => "fix",
            Change::Feature => "feature",
            Change::Breaking => "breaking",
        }
    }
}

/// The smallest release after the release `base` that Cargo's compatibility rule allows for a
/// change: for X ≥ 1 breaking → X+1, feature → Y+1, fix → Z+1; for 0.Y.Z breaking → 0.(Y+1).0,
/// anything else → 0.Y.(Z+1); for 0.0.Z every change → 0.0.(Z+1). `None` for no change. After a
/// pre-release `X.Y.Z-pre`, any change still fits in `X.Y.Z`, which is not released yet.
pub fn required(base: &Version, change: Change) -> Option<Version> {
    let (x, y, z) = (base.major, base.minor, base.patch);
    let version = match (x, y, change) {
        (_, _, Change::None) => return None,
        _ if !base.pre.is_empty() => Version::new(x, y, z),
        (0, 0, _) => Version::new(0, 0, z + 1),
        (0, _, Change::Breaking) => Version::new(0, y + 1, 0),
        (0, _, _) => Version::new(0, y, z + 1),
        (_, _, Change::Breaking) => Version::new(x + 1, 0, 0),
        (_, _, Change::Feature) => Version::new(x, y + 1, 0),
        (_, _, Change::Fix) => Version::new(x, y, z + 1),
    };
    Some(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).expect("version")
    }

    #[test]
    fn the_bump_table() {
        use Level::*;
        use PreKind::*;
        let cases: &[(&str, Level, Option<PreKind>, &str)] = &[
            // Release versions: cargo-release's levels.
            ("1.2.3", Major, None, "2.0.0"),
            ("1.2.3", Minor, None, "1.3.0"),
            ("1.2.3", Patch, None, "1.2.4"),
            ("0.3.1", Major, None, "1.0.0"),
            ("0.3.1", Minor, None, "0.4.0"),
            ("0.3.1", Patch, None, "0.3.2"),
            ("0.0.7", Patch, None, "0.0.8"),
            ("1.2.3+build.5", Patch, None, "1.2.4"),
            // Pre-release levels on a release: the next patch, starting at .1.
            ("1.2.3", Pre(Rc), None, "1.2.4-rc.1"),
            ("1.2.3", Pre(Beta), None, "1.2.4-beta.1"),
            ("1.2.3", Pre(Alpha), None, "1.2.4-alpha.1"),
            // --pre with a level.
            ("1.4.0", Major, Some(Rc), "2.0.0-rc.1"),
            ("1.4.0", Minor, Some(Beta), "1.5.0-beta.1"),
            ("1.4.0", Patch, Some(Alpha), "1.4.1-alpha.1"),
            ("0.9.3", Major, Some(Rc), "1.0.0-rc.1"),
            ("2.0.0-rc.1", Major, Some(Rc), "2.0.0-rc.2"),
            ("1.3.0-alpha.2", Minor, Some(Beta), "1.3.0-beta.1"),
            ("1.2.3-rc.1", Minor, Some(Rc), "1.3.0-rc.1"),
            // npm's rules on a pre-release.
            ("1.2.3-rc.1", Patch, None, "1.2.3"),
            ("1.2.3-rc.1", Release, None, "1.2.3"),
            ("1.2.0-rc.1", Minor, None, "1.2.0"),
            ("1.2.3-rc.1", Minor, None, "1.3.0"),
            ("2.0.0-rc.1", Major, None, "2.0.0"),
            ("2.1.0-rc.1", Major, None, "3.0.0"),
            ("2.0.1-rc.1", Major, None, "3.0.0"),
            ("0.4.0-beta.3", Minor, None, "0.4.0"),
            ("1.0.0-alpha", Release, None, "1.0.0"),
            // Continuing and advancing pre-releases.
            ("1.0.0-rc.1", Pre(Rc), None, "1.0.0-rc.2"),
            ("1.0.0-rc.9", Pre(Rc), None, "1.0.0-rc.10"),
            ("1.0.0-beta.2", Pre(Beta), None, "1.0.0-beta.3"),
            ("1.0.0-alpha.1", Pre(Alpha), None, "1.0.0-alpha.2"),
            ("1.0.0-alpha.4", Pre(Beta), None, "1.0.0-beta.1"),
            ("1.0.0-alpha.4", Pre(Rc), None, "1.0.0-rc.1"),
            ("1.0.0-beta.2", Pre(Rc), None, "1.0.0-rc.1"),
            ("1.0.0-rc", Pre(Rc), None, "1.0.0-rc.1"),
            ("1.0.0-dev.3", Pre(Rc), None, "1.0.0-rc.1"),
            // Explicit versions.
            ("1.2.3", Exact(v("1.2.4")), None, "1.2.4"),
            ("1.2.3", Exact(v("2.0.0-rc.1")), None, "2.0.0-rc.1"),
            ("1.2.3-rc.1", Exact(v("1.2.3")), None, "1.2.3"),
            ("1.2.3", Exact(v("1.3.0+meta")), None, "1.3.0+meta"),
        ];
        assert!(cases.len() >= 40);
        for (current, level, pre, expected) in cases {
            assert_eq!(
                bump(&v(current), level, *pre).map(|v| v.to_string()),
                Ok(expected.to_string()),
                "{current} {level} --pre {pre:?}"
            );
        }
    }

    #[test]
    fn going_backwards_or_sideways_is_refused() {
        use Level::*;
        use PreKind::*;
        let cases: &[(&str, Level, Option<PreKind>)] = &[
            ("1.0.0-rc.1", Pre(Alpha), None),
            ("1.0.0-rc.1", Pre(Beta), None),
            ("1.0.0-beta.1", Pre(Alpha), None),
            ("2.0.0-rc.1", Major, Some(Alpha)),
            ("1.2.3", Exact(v("1.2.3")), None),
            ("1.2.3", Exact(v("1.2.2")), None),
            ("1.2.3", Exact(v("1.2.3-rc.1")), None),
            ("1.2.3", Release, None),
        ];
        for (current, level, pre) in cases {
            let result = bump(&v(current), level, *pre);
            assert!(
                result.is_err(),
                "{current} {level} --pre {pre:?} gave {result:?}"
            );
        }
        let err = bump(&v("1.0.0-rc.1"), &Pre(Alpha), None).unwrap_err();
        assert!(err.0.contains("only move forward"), "{err}");
    }

    #[test]
    fn cargo_compatibility_rule() {
        let cases = [
            ("1.4.2", Change::Breaking, Some("2.0.0")),
            ("1.4.2", Change::Feature, Some("1.5.0")),
            ("1.4.2", Change::Fix, Some("1.4.3")),
            ("0.3.1", Change::Breaking, Some("0.4.0")),
            ("0.3.1", Change::Feature, Some("0.3.2")),
            ("0.3.1", Change::Fix, Some("0.3.2")),
            ("0.0.4", Change::Breaking, Some("0.0.5")),
            ("0.0.4", Change::Feature, Some("0.0.5")),
            ("1.0.0", Change::None, None),
            ("2.0.0-rc.1", Change::Breaking, Some("2.0.0")),
            ("0.4.0-rc.4", Change::Fix, Some("0.4.0")),
        ];
        for (base, change, expected) in cases {
            assert_eq!(
                required(&v(base), change).map(|v| v.to_string()).as_deref(),
                expected,
                "{base} {change:?}"
            );
        }
    }
}

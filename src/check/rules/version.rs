//! `version`, `rust-version` and `edition`.

use super::{Enforcer, Rule};
use crate::check::{Checker, Stage};

pub const INVALID_VERSION: Rule = Rule {
    id: "invalid-version",
    enforcer: Enforcer::Server,
    summary: "version that is not strict semver (`MAJOR.MINOR.PATCH[-pre][+build]`) or longer \
              than 150 characters",
};

pub const INVALID_RUST_VERSION: Rule = Rule {
    id: "invalid-rust-version",
    enforcer: Enforcer::Server,
    summary: "`rust-version` that is not a bare version of digits and dots (`1.70`, `1.70.0`)",
};

pub const INVALID_EDITION: Rule = Rule {
    id: "invalid-edition",
    enforcer: Enforcer::Cargo,
    summary: "`edition` other than 2015, 2018, 2021 or 2024",
};

pub const MISSING_RUST_VERSION: Rule = Rule {
    id: "missing-rust-version",
    enforcer: Enforcer::Advice,
    summary: "no `rust-version`: users on older toolchains get build errors instead of a clear \
              message, and cargo's MSRV-aware resolver cannot help them",
};

const MAX_VERSION_LENGTH: usize = 150;
const EDITIONS: &[&str] = &["2015", "2018", "2021", "2024"];

pub fn check(cx: &mut Checker) {
    check_version(cx);
    check_rust_version(cx);
    check_edition(cx);
}

fn check_version(cx: &mut Checker) {
    if let Stage::Preflight {
        planned_version: Some(planned),
        ..
    } = cx.stage
    {
        let text = planned.to_string();
        if text.len() > MAX_VERSION_LENGTH {
            let loc = cx.package.key_loc(cx.ws, "version");
            let d = cx
                .diag(&INVALID_VERSION, format!("the planned version `{text}` is longer than {MAX_VERSION_LENGTH} characters"))
                .at(loc);
            cx.push(d);
        }
        return;
    }
    let (version, loc, _) = match cx.package.str_field(cx.ws, "version") {
        Ok(Some(field)) => field,
        // Absent: cargo uses 0.0.0 with `publish = false`; the publish rule reports that.
        Ok(None) => return,
        Err(err) => return cx.invalid(err),
    };
    if let Err(problem) = validate_version(version) {
        let d = cx
            .diag(&INVALID_VERSION, problem)
            .at(loc)
            .help("use semver: MAJOR.MINOR.PATCH, optionally -PRERELEASE and +BUILD (`1.0.0`, `0.3.0-rc.1`)");
        cx.push(d);
    }
}

pub fn validate_version(version: &str) -> Result<(), String> {
    if version.len() > MAX_VERSION_LENGTH {
        return Err(format!(
            "the version is {} characters long, at most {MAX_VERSION_LENGTH} are allowed",
            version.len()
        ));
    }
    semver::Version::parse(version)
        .map(drop)
        .map_err(|err| format!("`{version}` is not a valid semver version: {err}"))
}

fn check_rust_version(cx: &mut Checker) {
    match cx.package.str_field(cx.ws, "rust-version") {
        Ok(Some((value, loc, _))) => {
            if !is_valid_rust_version(value) {
                let d = cx
                    .diag(&INVALID_RUST_VERSION, format!("`rust-version = \"{value}\"` is not a bare Rust version"))
                    .at(loc)
                    .help("write the oldest supported Rust release as digits and dots, e.g. `rust-version = \"1.70\"`");
                cx.push(d);
            }
        }
        Ok(None) => {
            let loc = cx.package.header_loc(cx.ws);
            let d = cx
                .diag(&MISSING_RUST_VERSION, "no `rust-version`: the oldest Rust this crate builds with is not declared")
                .at(loc)
                .help("add `rust-version = \"1.xx\"` (cargo's MSRV-aware resolver and older toolchains use it)");
            cx.push(d);
        }
        Err(err) => cx.invalid(err),
    }
}

/// crates.io's `validate_rust_version`: a version requirement made only of digits and dots.
pub fn is_valid_rust_version(value: &str) -> bool {
    semver::VersionReq::parse(value).is_ok()
        && value.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn check_edition(cx: &mut Checker) {
    match cx.package.str_field(cx.ws, "edition") {
        Ok(Some((edition, loc, _))) if !EDITIONS.contains(&edition) => {
            let d = cx
                .diag(
                    &INVALID_EDITION,
                    format!("`edition = \"{edition}\"` is not a Rust edition"),
                )
                .at(loc)
                .help(format!("use one of {}", EDITIONS.join(", ")));
            cx.push(d);
        }
        Ok(_) => {}
        Err(err) => cx.invalid(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_versions_are_digits_and_dots() {
        for ok in ["1.70", "1.70.0", "1", "1.56"] {
            assert!(is_valid_rust_version(ok), "{ok}");
        }
        for bad in [
            "^1.70",
            "1.70-beta",
            "1.56.0.0",
            ">=1.70",
            "",
            "1.x",
            "stable",
        ] {
            assert!(!is_valid_rust_version(bad), "{bad}");
        }
    }

    #[test]
    fn versions_are_strict_semver_of_bounded_length() {
        for ok in ["0.1.0", "1.0.0-rc.1", "1.0.0+build.5", "10.20.30"] {
            assert!(validate_version(ok).is_ok(), "{ok}");
        }
        for bad in ["1.0", "v1.0.0", "01.0.0", "1.0.0.0", ""] {
            assert!(validate_version(bad).is_err(), "{bad}");
        }
        let long = format!("1.0.0-{}", "a".repeat(145));
        assert!(validate_version(&long).is_err());
    }
}

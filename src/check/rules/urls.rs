//! `homepage`, `documentation` and `repository`: crates.io accepts only absolute http(s) URLs
//! (`validate_url`); cargo warns when none of the three is set.

use super::{Enforcer, Rule};
use crate::check::Checker;

pub const INVALID_URL: Rule = Rule {
    id: "invalid-url",
    enforcer: Enforcer::Server,
    summary: "`homepage`, `documentation` or `repository` empty, not starting with `http://` or \
              `https://`, or not a parseable URL",
};

pub const MISSING_REPOSITORY: Rule = Rule {
    id: "missing-repository",
    enforcer: Enforcer::Advice,
    summary: "no `repository`: users cannot find the source, issues or changelog",
};

pub const MISSING_DOCUMENTATION: Rule = Rule {
    id: "missing-documentation",
    enforcer: Enforcer::Advice,
    summary: "none of `documentation`, `homepage`, `repository` is set (cargo warns)",
};

pub const MISSING_HOMEPAGE: Rule = Rule {
    id: "missing-homepage",
    enforcer: Enforcer::Advice,
    summary: "none of `homepage`, `documentation`, `repository` is set (cargo warns)",
};

const URL_FIELDS: &[&str] = &["homepage", "documentation", "repository"];

pub fn check(cx: &mut Checker) {
    let mut present = Vec::new();
    for &key in URL_FIELDS {
        match cx.package.str_field(cx.ws, key) {
            Ok(Some((url, loc, _))) => {
                present.push(key);
                if let Err(problem) = validate_url(url) {
                    let d = cx
                        .diag(&INVALID_URL, format!("`{key} = \"{url}\"` {problem}"))
                        .at(loc)
                        .help("write an absolute URL starting with https:// (or http://)");
                    cx.push(d);
                }
            }
            Ok(None) => {}
            Err(err) => {
                present.push(key);
                cx.invalid(err);
            }
        }
    }
    let header = cx.package.header_loc(cx.ws);
    if !present.contains(&"repository") {
        let d = cx
            .diag(&MISSING_REPOSITORY, format!("package `{}` has no `repository`", cx.package.name))
            .at(header.clone())
            .help("add `repository = \"https://…\"` (`cargo ship check --fix` fills it from the git remote)");
        cx.push(d);
    }
    if present.is_empty() {
        let name = &cx.package.name;
        let documentation = cx
            .diag(
                &MISSING_DOCUMENTATION,
                format!("package `{name}` has no `documentation`, `homepage` or `repository`"),
            )
            .at(header.clone())
            .help(
                "add `documentation = \"https://…\"`, or leave it out once published: docs.rs \
                 serves every crate's documentation and crates.io links to it",
            );
        cx.push(documentation);
        let homepage = cx
            .diag(
                &MISSING_HOMEPAGE,
                format!("package `{name}` has no `homepage`, `documentation` or `repository`"),
            )
            .at(header)
            .help(
                "add `homepage = \"https://…\"` for the project's site, or a `repository`, which \
                 crates.io shows as the link when there is no homepage",
            );
        cx.push(homepage);
    }
}

/// crates.io's `validate_url`: the prefix is checked on the text itself (URL parsing would
/// normalize a missing slash away), then the whole URL must parse.
pub fn validate_url(url: &str) -> Result<(), String> {
    if !url.starts_with("http://") && !url.starts_with("https://") {
        return Err("must begin with http:// or https://".into());
    }
    url::Url::parse(url)
        .map(drop)
        .map_err(|err| format!("is not a valid URL: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_absolute_http() {
        for ok in [
            "https://github.com/o/r",
            "http://example.com",
            "https://docs.rs/x/1.0.0/x/",
        ] {
            assert!(validate_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "github.com/o/r",
            "git@github.com:o/r.git",
            "ftp://x",
            "https:/x.org",
            "https://exa mple.com",
        ] {
            assert!(validate_url(bad).is_err(), "{bad}");
        }
    }
}

//! `license` and `license-file`: crates.io requires one of them, parses `license` as an SPDX
//! expression in its own mode, and cargo refuses to package a `license-file` that is missing.

use super::{Enforcer, Rule};
use crate::check::Checker;
use crate::license_text;

pub const MISSING_LICENSE: Rule = Rule {
    id: "missing-license",
    enforcer: Enforcer::Server,
    summary: "neither `license` nor `license-file` is set",
};

pub const INVALID_LICENSE: Rule = Rule {
    id: "invalid-license",
    enforcer: Enforcer::Server,
    summary: "`license` is not an SPDX expression crates.io accepts (`MIT OR Apache-2.0`, \
              `MIT/Apache-2.0`, `GPL-3.0+`)",
};

pub const LICENSE_FILE_MISSING: Rule = Rule {
    id: "license-file-missing",
    enforcer: Enforcer::Cargo,
    summary: "`license-file` does not name a file",
};

/// crates.io's parse mode (`src/licenses.rs`). Not `ParseMode::LAX`, which accepts `mit` and
/// `Apache 2.0`, both refused by the server.
const CRATES_IO_MODE: spdx::ParseMode = spdx::ParseMode {
    allow_slash_as_or_operator: true,
    allow_imprecise_license_names: false,
    allow_postfix_plus_on_gpl: true,
    allow_deprecated: true,
    allow_unknown: false,
};

pub fn check(cx: &mut Checker) {
    let license = match cx.package.str_field(cx.ws, "license") {
        Ok(field) => field,
        Err(err) => return cx.invalid(err),
    };
    let license_file = match cx.package.str_field(cx.ws, "license-file") {
        Ok(field) => field,
        Err(err) => return cx.invalid(err),
    };
    let has_license = license
        .as_ref()
        .is_some_and(|(text, _, _)| !text.is_empty());
    let has_file = license_file
        .as_ref()
        .is_some_and(|(text, _, _)| !text.is_empty());
    if !has_license && !has_file {
        let loc = match &license {
            Some((_, loc, _)) => loc.clone(),
            None => cx.package.header_loc(cx.ws),
        };
        let help = missing_license_help(cx);
        let d = cx
            .diag(
                &MISSING_LICENSE,
                format!(
                    "package `{}` has no `license` or `license-file`",
                    cx.package.name
                ),
            )
            .at(loc)
            .help(help);
        cx.push(d);
    }
    if let Some((text, loc, _)) = license.filter(|(text, _, _)| !text.is_empty())
        && let Err(reason) = parse(text)
    {
        let mut d = cx
            .diag(
                &INVALID_LICENSE,
                format!("`license = \"{text}\"` is not a valid SPDX expression: {reason}"),
            )
            .at(loc);
        d = match suggest(text) {
            Some(fixed) => d.help(format!("did you mean `license = \"{fixed}\"`?")),
            None => d.help("use SPDX identifiers joined by OR/AND (https://spdx.org/licenses/), or `license-file` for a license without one"),
        };
        cx.push(d);
    }
    if let Some((path, loc, inherited)) = license_file {
        let full = cx.package.base_dir(cx.ws, inherited).join(path);
        if !cx.tree.is_file(&full) {
            let d = cx
                .diag(
                    &LICENSE_FILE_MISSING,
                    format!("`license-file = \"{path}\"` does not name a file"),
                )
                .at(loc)
                .help(format!(
                    "cargo refuses to package it: create `{}` or fix the path",
                    full.display()
                ));
            cx.push(d);
        }
    }
}

/// What to write, judging by the license files next to the manifest (read only when the rule
/// fires): one recognised text names its id; several are the user's legal choice, so the help
/// only offers the expression that lets users choose.
fn missing_license_help(cx: &Checker) -> String {
    const DEFAULT: &str = "add an SPDX expression such as `license = \"MIT OR Apache-2.0\"`, or `license-file = \"LICENSE\"` for a custom license";
    let files = license_text::license_files(cx.tree, &cx.package.dir);
    let found: Vec<(String, Option<license_text::Identified>)> = files
        .into_iter()
        .map(|name| {
            let text = cx
                .tree
                .read(&cx.package.dir.join(&name))
                .ok()
                .flatten()
                .unwrap_or_default();
            let identified = license_text::identify(&text);
            (name, identified)
        })
        .collect();
    match found.as_slice() {
        [] => DEFAULT.to_string(),
        [(name, Some(one))] => format!(
            "{name} is the {} license text: add `license = \"{}\"`{}",
            one.id,
            one.id,
            if one.unambiguous {
                " (`cargo ship check --fix` writes it)"
            } else {
                " with -only or -or-later as your notices say"
            }
        ),
        several if several.iter().all(|(_, id)| id.is_some()) => {
            let described: Vec<String> = several
                .iter()
                .filter_map(|(name, id)| id.as_ref().map(|id| format!("{name} ({})", id.id)))
                .collect();
            let ids: Vec<&str> = several
                .iter()
                .filter_map(|(_, id)| id.as_ref().map(|id| id.id.as_str()))
                .collect();
            format!(
                "found {}: which applies is your legal choice; if users may choose, `license = \"{}\"`",
                described.join(" and "),
                ids.join(" OR ")
            )
        }
        _ => format!(
            "{DEFAULT} (license files found: {})",
            found
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Parses as crates.io does; the error text is spdx's reason.
pub fn parse(text: &str) -> Result<spdx::Expression, String> {
    spdx::Expression::parse_mode(text, CRATES_IO_MODE).map_err(|err| err.reason.to_string())
}

/// The nearest expression crates.io accepts: identifiers with their case fixed (`mit` → `MIT`),
/// else spdx's canonical form of an imprecise name (`Apache2` → `Apache-2.0`).
pub fn suggest(text: &str) -> Option<String> {
    let case_fixed = fix_case(text);
    if case_fixed != text && parse(&case_fixed).is_ok() {
        return Some(case_fixed);
    }
    match spdx::Expression::canonicalize(&case_fixed) {
        Ok(Some(canonical)) if parse(&canonical).is_ok() => Some(canonical),
        _ => None,
    }
}

/// Replaces each identifier by the SPDX id it matches ignoring case.
fn fix_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        out.push_str(&canonical_id(token).unwrap_or_else(|| token.clone()));
        token.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || c == '(' || c == ')' || c == '/' {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

fn canonical_id(token: &str) -> Option<String> {
    let (base, plus) = match token.strip_suffix('+') {
        Some(base) => (base, "+"),
        None => (token, ""),
    };
    if ["and", "or", "with"].contains(&base.to_ascii_lowercase().as_str()) {
        return Some(base.to_ascii_uppercase());
    }
    spdx::identifiers::LICENSES
        .iter()
        .map(|license| license.name)
        .chain(
            spdx::identifiers::EXCEPTIONS
                .iter()
                .map(|exception| exception.name),
        )
        .find(|name| name.eq_ignore_ascii_case(base))
        .map(|name| format!("{name}{plus}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_io_accepts_these() {
        for ok in [
            "MIT",
            "MIT OR Apache-2.0",
            "MIT/Apache-2.0",
            "MIT or Apache-2.0",
            "GPL-3.0+",
            "GPL-3.0",
            "Apache-2.0 WITH LLVM-exception",
            "MIT AND (Apache-2.0 OR BSD-3-Clause)",
            "LicenseRef-Proprietary",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn crates_io_refuses_these_and_we_suggest_the_nearest() {
        for (bad, fixed) in [
            ("mit", Some("MIT")),
            ("Apache2", Some("Apache-2.0")),
            ("apache 2.0", Some("Apache-2.0")),
            ("MIT OR apache-2.0", Some("MIT OR Apache-2.0")),
            ("gpl-3.0-or-later", Some("GPL-3.0-or-later")),
            ("Foo", None),
            ("MIT OR", None),
        ] {
            assert!(parse(bad).is_err(), "{bad}");
            assert_eq!(suggest(bad).as_deref(), fixed, "{bad}");
        }
    }
}

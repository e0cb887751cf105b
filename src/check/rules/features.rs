//! `[features]` and dependency feature lists, validated like crates.io's
//! `validate_feature_name`/`validate_feature`, and its default limits.

use super::{Enforcer, Rule};
use crate::check::Checker;
use crate::workspace::{Loc, key_span};

pub const TOO_MANY_FEATURES: Rule = Rule {
    id: "too-many-features",
    enforcer: Enforcer::ServerLimit,
    summary: "more than 300 features, or a feature enabling more than 300 entries (crates.io's \
              default limit, raised per crate on request)",
};

pub const INVALID_FEATURE_NAME: Rule = Rule {
    id: "invalid-feature-name",
    enforcer: Enforcer::Server,
    summary: "a feature name (or `dep:NAME`, `NAME/feature` in a feature or a dependency's \
              `features`) that crates.io does not accept",
};

const MAX_FEATURES: usize = 300;

pub fn check(cx: &mut Checker) {
    check_feature_table(cx);
    check_dependency_features(cx);
}

fn check_feature_table(cx: &mut Checker) {
    let Some(features) = cx.package.features(cx.ws) else {
        return;
    };
    let manifest = cx.package.manifest;
    let table_loc = Loc {
        manifest,
        span: cx.ws.manifests[manifest]
            .doc
            .get("features")
            .and_then(crate::workspace::table_span),
    };
    if features.len() > MAX_FEATURES {
        let d = cx
            .diag(&TOO_MANY_FEATURES, format!("{} features, crates.io allows {MAX_FEATURES} by default", features.len()))
            .at(table_loc.clone())
            .help("ask the crates.io team to raise the limit for this crate before publishing (help@crates.io)");
        cx.push(d);
    }
    for (name, item) in features.iter() {
        let loc = Loc {
            manifest,
            span: key_span(features, name),
        };
        if let Err(problem) = validate_feature_name(name) {
            let d = cx
                .diag(&INVALID_FEATURE_NAME, format!("feature `{name}`: {problem}"))
                .at(loc.clone())
                .help("feature names start with a letter, digit or `_` and continue with letters, digits, `_`, `-`, `+` or `.`");
            cx.push(d);
        }
        let Some(values) = item.as_array() else {
            cx.invalid(crate::workspace::FieldError {
                loc,
                message: format!("feature `{name}` must be an array of strings"),
            });
            continue;
        };
        if values.len() > MAX_FEATURES {
            let d = cx
                .diag(&TOO_MANY_FEATURES, format!("feature `{name}` enables {} entries, crates.io allows {MAX_FEATURES} by default", values.len()))
                .at(loc.clone());
            cx.push(d);
        }
        for value in values.iter() {
            let value_loc = Loc {
                manifest,
                span: value.span(),
            };
            let Some(text) = value.as_str() else {
                cx.invalid(crate::workspace::FieldError {
                    loc: value_loc,
                    message: format!("feature `{name}` must be an array of strings"),
                });
                continue;
            };
            if let Err(problem) = validate_feature(text) {
                let d = cx
                    .diag(
                        &INVALID_FEATURE_NAME,
                        format!("`{text}` in feature `{name}`: {problem}"),
                    )
                    .at(value_loc)
                    .help("write a feature name, `dep:NAME`, `NAME/feature` or `NAME?/feature`");
                cx.push(d);
            }
        }
    }
}

fn check_dependency_features(cx: &mut Checker) {
    for dep in cx.package.dependencies(cx.ws).into_iter().flatten() {
        if !dep.is_packaged() {
            continue;
        }
        for (feature, loc) in &dep.features {
            if let Err(problem) = validate_feature(feature) {
                let d = cx
                    .diag(
                        &INVALID_FEATURE_NAME,
                        format!(
                            "`{feature}` in the features of dependency `{}`: {problem}",
                            dep.name
                        ),
                    )
                    .at(loc.clone());
                cx.push(d);
            }
        }
    }
}

/// crates.io's `validate_feature_name`.
pub fn validate_feature_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("a feature name cannot be empty".into());
    };
    if !(unicode_ident::is_xid_start(first) || first == '_' || first.is_ascii_digit()) {
        return Err(format!(
            "the first character `{first}` must be a letter, a digit or `_`"
        ));
    }
    if let Some(bad) =
        chars.find(|&c| !(unicode_ident::is_xid_continue(c) || matches!(c, '+' | '-' | '.')))
    {
        return Err(format!("invalid character `{bad}`"));
    }
    Ok(())
}

/// crates.io's `validate_feature`: `NAME/feature`, `NAME?/feature`, `dep:NAME`, or a name.
pub fn validate_feature(value: &str) -> Result<(), String> {
    if let Some((dep, feature)) = value.split_once('/') {
        let dep = dep.strip_suffix('?').unwrap_or(dep);
        validate_dependency_name(dep)?;
        validate_feature_name(feature)
    } else if let Some((_, dep)) = value.split_once("dep:") {
        validate_dependency_name(dep)
    } else {
        validate_feature_name(value)
    }
}

/// crates.io's `validate_dependency_name`.
fn validate_dependency_name(name: &str) -> Result<(), String> {
    if name.chars().count() > 64 {
        return Err(format!(
            "the dependency name `{name}` is longer than 64 characters"
        ));
    }
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("the dependency name is empty".into());
    };
    if first.is_ascii_digit() {
        return Err(format!(
            "the dependency name `{name}` cannot start with a digit"
        ));
    }
    if !(first.is_ascii_alphabetic() || first == '_') {
        return Err(format!(
            "invalid character `{first}` at the start of dependency name `{name}`"
        ));
    }
    if let Some(bad) = chars.find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))) {
        return Err(format!(
            "invalid character `{bad}` in dependency name `{name}`"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_values_follow_crates_io() {
        for ok in [
            "foo",
            "1foo",
            "_foo",
            "_foo-_+.1",
            "a/a",
            "32-column-tables",
            "c++20",
            "krate/c++20",
            "foo?/bar",
            "dep:foo",
            "bar.web",
            "foo/bar.web",
            "défaut",
        ] {
            assert!(validate_feature(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/",
            "%/%",
            "c++20/wow",
            "dep:foo?/bar",
            "foo/?bar",
            "foo?bar",
            "dep:0foo",
            "0foo?/bar.web",
            "-x",
            "a b",
        ] {
            assert!(validate_feature(bad).is_err(), "{bad:?}");
        }
    }
}

//! `keywords`: at most five, each at most 20 bytes of ASCII letters, digits, `_`, `-`, `+`,
//! starting with a letter or digit (crates.io's `Keyword::valid_name`).

use toml_edit::Item;

use super::{Enforcer, Rule};
use crate::check::Checker;
use crate::workspace::{Field, FieldError, Loc};

pub const TOO_MANY_KEYWORDS: Rule = Rule {
    id: "too-many-keywords",
    enforcer: Enforcer::Server,
    summary: "more than 5 keywords",
};

pub const INVALID_KEYWORD: Rule = Rule {
    id: "invalid-keyword",
    enforcer: Enforcer::Server,
    summary: "keyword empty, longer than 20 bytes, not starting with an ASCII letter or digit, or \
              with characters other than ASCII letters, digits, `_`, `-`, `+`",
};

pub const MISSING_KEYWORDS: Rule = Rule {
    id: "missing-keywords",
    enforcer: Enforcer::Advice,
    summary: "no `keywords`: the crate is harder to find on crates.io",
};

const MAX_KEYWORDS: usize = 5;
const MAX_KEYWORD_LENGTH: usize = 20;

pub fn check(cx: &mut Checker) {
    let list = match string_list(cx, "keywords") {
        Ok(list) => list,
        Err(err) => return cx.invalid(err),
    };
    let Some((array_loc, keywords)) = list.filter(|(_, k)| !k.is_empty()) else {
        let loc = cx.package.key_loc(cx.ws, "keywords");
        let d = cx
            .diag(
                &MISSING_KEYWORDS,
                format!("package `{}` has no `keywords`", cx.package.name),
            )
            .at(loc)
            .help("add up to five search terms, e.g. `keywords = [\"parser\", \"json\"]`");
        return cx.push(d);
    };
    if keywords.len() > MAX_KEYWORDS {
        let d = cx
            .diag(
                &TOO_MANY_KEYWORDS,
                format!(
                    "{} keywords, crates.io allows at most {MAX_KEYWORDS}",
                    keywords.len()
                ),
            )
            .at(array_loc)
            .help("keep the five that users are most likely to search for");
        cx.push(d);
    }
    for (keyword, loc) in keywords {
        if let Err(problem) = validate_keyword(keyword) {
            let d = cx
                .diag(&INVALID_KEYWORD, problem)
                .at(loc)
                .help("keywords are at most 20 bytes of ASCII letters, digits, `_`, `-` and `+`, starting with a letter or digit");
            cx.push(d);
        }
    }
}

pub fn validate_keyword(keyword: &str) -> Result<(), String> {
    if keyword.is_empty() {
        return Err("a keyword is empty".into());
    }
    if keyword.len() > MAX_KEYWORD_LENGTH {
        return Err(format!(
            "keyword `{keyword}` is {} bytes long, at most {MAX_KEYWORD_LENGTH} are allowed",
            keyword.len()
        ));
    }
    let mut chars = keyword.chars();
    let first = chars.next().unwrap_or(' ');
    if !first.is_ascii_alphanumeric() {
        return Err(format!(
            "keyword `{keyword}` must start with an ASCII letter or digit"
        ));
    }
    if let Some(bad) = chars.find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+')))
    {
        return Err(format!("keyword `{keyword}` contains `{bad}`"));
    }
    Ok(())
}

/// A `[package]` field holding an array of strings, with the location of the array and of
/// each element; `Ok(None)` when absent.
#[allow(clippy::type_complexity)]
pub fn string_list<'a>(
    cx: &Checker<'a>,
    key: &str,
) -> Result<Option<(Loc, Vec<(&'a str, Loc)>)>, FieldError> {
    let (item, loc) = match cx.package.field(cx.ws, key)? {
        Field::Absent => return Ok(None),
        Field::Present { item, loc, .. } => (item, loc),
    };
    let wrong_type = || FieldError {
        loc: loc.clone(),
        message: format!("`package.{key}` must be an array of strings"),
    };
    let array = match item {
        Item::Value(value) => value.as_array().ok_or_else(wrong_type)?,
        _ => return Err(wrong_type()),
    };
    let mut entries = Vec::new();
    for value in array.iter() {
        let text = value.as_str().ok_or_else(wrong_type)?;
        entries.push((
            text,
            Loc {
                manifest: loc.manifest,
                span: value.span().or_else(|| loc.span.clone()),
            },
        ));
    }
    Ok(Some((loc, entries)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_follow_crates_io() {
        for ok in [
            "c++",
            "cli",
            "no-std",
            "a_b",
            "x1",
            "12345678901234567890",
            "ASCII",
        ] {
            assert!(validate_keyword(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "-cli",
            "_x",
            "+x",
            "has space",
            "ünïcode",
            "123456789012345678901",
            "a.b",
        ] {
            assert!(validate_keyword(bad).is_err(), "{bad:?}");
        }
    }
}

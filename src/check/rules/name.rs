//! The crate name: what crates.io accepts (`crates_io_validation`) and the names it reserves.

use super::{Enforcer, Rule};
use crate::check::Checker;

pub const INVALID_NAME: Rule = Rule {
    id: "invalid-name",
    enforcer: Enforcer::Server,
    summary: "name empty, longer than 64 characters, not starting with an ASCII letter, or with \
              characters other than ASCII letters, digits, `-` and `_`",
};

pub const RESERVED_NAME: Rule = Rule {
    id: "reserved-name",
    enforcer: Enforcer::Server,
    summary: "name reserved by crates.io (std, core, test, …) or a Windows device name (nul, con, …)",
};

const MAX_NAME_LENGTH: usize = 64;

/// crates.io's `reserved_crate_names` table.
const RESERVED: &[&str] = &[
    "alloc",
    "arena",
    "ast",
    "builtins",
    "collections",
    "compiler-builtins",
    "compiler-rt",
    "compiletest",
    "core",
    "coretest",
    "debug",
    "driver",
    "flate",
    "fmt_macros",
    "grammar",
    "graphviz",
    "macro",
    "macros",
    "proc_macro",
    "rbml",
    "rust-installer",
    "rustbook",
    "rustc",
    "rustc_back",
    "rustc_borrowck",
    "rustc_driver",
    "rustc_llvm",
    "rustc_resolve",
    "rustc_trans",
    "rustc_typeck",
    "rustdoc",
    "rustllvm",
    "rustuv",
    "serialize",
    "std",
    "syntax",
    "test",
    "unicode",
];

pub fn check(cx: &mut Checker) {
    let field = match cx.package.str_field(cx.ws, "name") {
        Ok(Some(field)) => field,
        Ok(None) => {
            let loc = cx.package.header_loc(cx.ws);
            let d = cx
                .diag(
                    &crate::check::rules::manifest::INVALID_MANIFEST,
                    "`package.name` is missing",
                )
                .at(loc)
                .help("add `name = \"…\"` to [package]");
            cx.push(d);
            return;
        }
        Err(err) => return cx.invalid(err),
    };
    let (name, loc, _) = field;
    if let Err(problem) = validate_name(name) {
        let d = cx
            .diag(&INVALID_NAME, problem)
            .at(loc)
            .help("crate names use ASCII letters, digits, `-` and `_`, start with a letter and have at most 64 characters");
        cx.push(d);
        return;
    }
    if is_reserved(name) {
        let d = cx
            .diag(&RESERVED_NAME, format!("the name `{name}` is reserved by crates.io"))
            .at(loc)
            .help("choose another name; crates.io reserves names of the standard library's crates and Windows device names");
        cx.push(d);
    }
}

/// crates.io's `validate_crate_name`, with its wording.
pub fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the crate name is empty".into());
    }
    if name.chars().count() > MAX_NAME_LENGTH {
        return Err(format!(
            "the name `{name}` is too long ({} characters, at most {MAX_NAME_LENGTH})",
            name.chars().count()
        ));
    }
    let mut chars = name.chars();
    if let Some(first) = chars.next() {
        if first.is_ascii_digit() {
            return Err(format!("the name `{name}` cannot start with a digit"));
        }
        if !first.is_ascii_alphabetic() {
            return Err(format!(
                "invalid character `{first}` in crate name `{name}`: the first character must be an ASCII letter"
            ));
        }
    }
    if let Some(bad) = chars.find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!(
            "invalid character `{bad}` in crate name `{name}`: only ASCII letters, digits, `-` and `_` are allowed"
        ));
    }
    Ok(())
}

pub fn is_reserved(name: &str) -> bool {
    let normalized = name.to_lowercase().replace('-', "_");
    if RESERVED
        .iter()
        .any(|reserved| reserved.replace('-', "_") == normalized)
    {
        return true;
    }
    is_windows_device(&normalized)
}

fn is_windows_device(name: &str) -> bool {
    matches!(name, "nul" | "con" | "prn" | "aux")
        || ["com", "lpt"].iter().any(|prefix| {
            name.strip_prefix(prefix)
                .is_some_and(|digit| digit.len() == 1 && digit.as_bytes()[0].is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_crates_io_validation() {
        for ok in ["foo", "foo_bar", "foo-dash", "a1", "X"] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1foo", "_foo", "-foo", "foo+plus", "京", "foo bar"] {
            assert!(validate_name(bad).is_err(), "{bad:?}");
        }
        assert!(validate_name(&"a".repeat(64)).is_ok());
        assert!(validate_name(&"a".repeat(65)).is_err());
    }

    #[test]
    fn reserved_names_compare_case_and_dash_insensitively() {
        for reserved in [
            "std",
            "STD",
            "proc-macro",
            "compiler_builtins",
            "nul",
            "COM1",
            "lpt9",
        ] {
            assert!(is_reserved(reserved), "{reserved}");
        }
        for free in ["stdx", "com10", "lpt", "serde", "nullable"] {
            assert!(!is_reserved(free), "{free}");
        }
    }
}

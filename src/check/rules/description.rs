//! `description`: required by crates.io, at most 1000 bytes.

use super::{Enforcer, Rule};
use crate::check::Checker;

pub const MISSING_DESCRIPTION: Rule = Rule {
    id: "missing-description",
    enforcer: Enforcer::Server,
    summary: "`description` absent or empty",
};

pub const DESCRIPTION_TOO_LONG: Rule = Rule {
    id: "description-too-long",
    enforcer: Enforcer::Server,
    summary: "`description` longer than 1000 bytes",
};

/// crates.io's `MAX_DESCRIPTION_LENGTH`, compared with `len()`: bytes, not characters.
const MAX_DESCRIPTION_LENGTH: usize = 1000;

pub fn check(cx: &mut Checker) {
    match cx.package.str_field(cx.ws, "description") {
        Ok(Some(("", loc, _))) => {
            let d = cx
                .diag(&MISSING_DESCRIPTION, "`description` is empty")
                .at(loc)
                .help("write one sentence saying what the crate does; crates.io shows it in search results");
            cx.push(d);
        }
        Ok(Some((text, loc, _))) if text.len() > MAX_DESCRIPTION_LENGTH => {
            let d = cx
                .diag(
                    &DESCRIPTION_TOO_LONG,
                    format!("`description` is {} bytes long, at most {MAX_DESCRIPTION_LENGTH} are allowed", text.len()),
                )
                .at(loc)
                .help("keep the description to a sentence or two; the README holds the rest");
            cx.push(d);
        }
        Ok(Some(_)) => {}
        Ok(None) => {
            let loc = cx.package.header_loc(cx.ws);
            let d = cx
                .diag(&MISSING_DESCRIPTION, format!("package `{}` has no `description`", cx.package.name))
                .at(loc)
                .label("add `description = \"…\"` to this table")
                .help("write one sentence saying what the crate does; crates.io shows it in search results");
            cx.push(d);
        }
        Err(err) => cx.invalid(err),
    }
}

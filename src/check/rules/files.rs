//! The README cargo packages: `readme = "path"`, `readme = true` (README.md), `readme = false`
//! (none), or, when absent, the first of README.md, README.txt, README in the package root.

use std::path::PathBuf;

use toml_edit::Item;

use super::{Enforcer, Rule};
use crate::check::Checker;
use crate::tree::Tree;
use crate::workspace::{Field, FieldError, Loc, Package, Workspace};

pub const README_MISSING: Rule = Rule {
    id: "readme-missing",
    enforcer: Enforcer::Cargo,
    summary: "`readme` does not name a file",
};

pub const MISSING_README: Rule = Rule {
    id: "missing-readme",
    enforcer: Enforcer::Advice,
    summary: "no `readme` and no README file cargo would pick up: the crate's page on crates.io \
              stays empty",
};

/// The files cargo picks up when `readme` is absent, in its order.
pub const DEFAULT_README_FILES: &[&str] = &["README.md", "README.txt", "README"];

/// What the manifest says about the README.
pub enum Readme {
    /// `readme = false`.
    Disabled,
    /// A path given by `readme`, resolved.
    Named {
        written: String,
        path: PathBuf,
        loc: Loc,
    },
    /// Absent: the file cargo found, if any.
    Default(Option<PathBuf>),
}

pub fn check(cx: &mut Checker) {
    let readme = match resolve(cx.ws, cx.tree, cx.package) {
        Ok(readme) => readme,
        Err(err) => return cx.invalid(err),
    };
    match readme {
        Readme::Named { written, path, loc } if !cx.tree.is_file(&path) => {
            let d = cx
                .diag(&README_MISSING, format!("`readme = \"{written}\"` does not name a file"))
                .at(loc)
                .help(format!("cargo refuses to package it: create `{}`, fix the path, or set `readme = false`", path.display()));
            cx.push(d);
        }
        Readme::Default(None) => {
            let loc = cx.package.header_loc(cx.ws);
            let d = cx
                .diag(&MISSING_README, format!("package `{}` has no README", cx.package.name))
                .at(loc)
                .help("add a README.md next to Cargo.toml (cargo picks it up), or point `readme` at one");
            cx.push(d);
        }
        _ => {}
    }
}

/// Resolves the `readme` field the way cargo does.
pub fn resolve(ws: &Workspace, tree: &Tree, package: &Package) -> Result<Readme, FieldError> {
    match package.field(ws, "readme")? {
        Field::Absent => Ok(Readme::Default(
            DEFAULT_README_FILES
                .iter()
                .map(|name| package.dir.join(name))
                .find(|path| tree.is_file(path)),
        )),
        Field::Present {
            item,
            loc,
            inherited,
        } => {
            let base = package.base_dir(ws, inherited);
            match item {
                Item::Value(value) if value.as_bool() == Some(false) => Ok(Readme::Disabled),
                Item::Value(value) if value.as_bool() == Some(true) => Ok(Readme::Named {
                    written: "README.md".into(),
                    path: base.join("README.md"),
                    loc,
                }),
                _ => match item.as_str() {
                    Some(written) => Ok(Readme::Named {
                        written: written.to_string(),
                        path: base.join(written),
                        loc,
                    }),
                    None => Err(FieldError {
                        loc,
                        message: "`package.readme` must be a path or a boolean".into(),
                    }),
                },
            }
        }
    }
}

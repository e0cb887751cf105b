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

pub const NO_TARGETS: Rule = Rule {
    id: "no-targets",
    enforcer: Enforcer::Cargo,
    summary: "no library and no binary: neither `src/lib.rs`, `src/main.rs`, `src/bin/*.rs` nor \
              a `[lib]` or `[[bin]]` table, so cargo refuses to build or package it",
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
    check_targets(cx);
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

/// A package cargo can build has a target: `[lib]` or `[[bin]]`, else the files its target
/// discovery finds (`src/lib.rs`; unless `autobins = false`, `src/main.rs` or
/// `src/bin/*.rs`).
fn check_targets(cx: &mut Checker) {
    let doc = &cx.ws.manifest(cx.package).doc;
    let declared = doc.get("lib").is_some_and(|lib| lib.is_table_like())
        || doc
            .get("bin")
            .and_then(Item::as_array_of_tables)
            .is_some_and(|bins| !bins.is_empty());
    if declared {
        return;
    }
    let dir = &cx.package.dir;
    let autobins = doc
        .get("package")
        .and_then(|p| p.get("autobins"))
        .and_then(Item::as_bool)
        .unwrap_or(true);
    let found = cx.tree.is_file(&dir.join("src/lib.rs"))
        || autobins
            && (cx.tree.is_file(&dir.join("src/main.rs"))
                || cx
                    .tree
                    .file_names(&dir.join("src/bin"))
                    .iter()
                    .any(|name| name.ends_with(".rs")));
    if found {
        return;
    }
    let loc = cx.package.header_loc(cx.ws);
    let d = cx
        .diag(
            &NO_TARGETS,
            format!(
                "package `{}` has no library and no binary to build",
                cx.package.name
            ),
        )
        .at(loc)
        .help("add `src/lib.rs` or `src/main.rs`, or name the target's file in a `[lib]` or `[[bin]]` table (cargo refuses to package a crate without one)");
    cx.push(d);
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

//! Whether a library shows a dependency in its public API: a public item or an `impl` whose
//! line names the dependency's paths (`pub fn to_owo_style(style: anstyle::Style)`,
//! `impl From<semver_parser::Version> for Version`, `pub use regex::Regex`); and whether a
//! Cargo feature gates public items. Read from the source text of the modules users can
//! reach, no build: good enough to tell an adapter crate from one that uses a parser
//! internally, which is what decides whether a dependency's incompatible release, or a
//! feature no longer enabled, reaches the crate's users.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::workspace::{Package, Workspace};

/// Whether `package`'s library names `dependency` (the key its manifest uses) in a public
/// signature of a module users can reach. A package without a library has no API to expose it
/// in.
pub fn exposes(ws: &Workspace, package: &Package, dependency: &str) -> bool {
    let Some(lib) = library_root(ws, package) else {
        return false;
    };
    let ident = format!("{}::", dependency.replace('-', "_"));
    any_reachable(lib, |text| names_publicly(text, &ident))
}

/// Whether `package`'s library may make a public item depend on one of Cargo `features`: a
/// `#[cfg(…)]` naming it on a public item, an impl or a module, any `cfg_attr` naming it, or a
/// whole file under it. `cfg`s inside function bodies and on private items change only how it
/// works (toml_edit's `#[cfg(feature = "kstring")] type Inner = kstring::KString;`). The
/// sources are read once for all of them.
pub fn gates_public_items<'f>(
    ws: &Workspace,
    package: &Package,
    features: impl IntoIterator<Item = &'f String>,
) -> bool {
    let Some(lib) = library_root(ws, package) else {
        return false;
    };
    let named: Vec<String> = features
        .into_iter()
        .map(|feature| format!("feature = \"{feature}\""))
        .collect();
    any_reachable(lib, |text| {
        named.iter().any(|named| feature_gates_public(text, named))
    })
}

fn feature_gates_public(text: &str, named: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines.iter().enumerate().any(|(at, line)| {
        if !line.contains(named) {
            return false;
        }
        if line.starts_with("#![") || line.contains("cfg_attr") {
            return true;
        }
        if !line.starts_with("#[cfg") {
            return false;
        }
        // The item the attribute is on: the next line that is not an attribute or a comment.
        lines[at + 1..]
            .iter()
            .find(|l| !l.is_empty() && !l.starts_with("#[") && !l.starts_with("//"))
            .is_some_and(|item| {
                item.starts_with("pub ") || item.starts_with("impl") || item.starts_with("mod ")
            })
    })
}

/// Whether `test` holds for the text of a module users can reach from the library root `lib`.
fn any_reachable(lib: PathBuf, test: impl Fn(&str) -> bool) -> bool {
    let mut stack = vec![lib];
    let mut seen = HashSet::new();
    while let Some(file) = stack.pop() {
        if !seen.insert(file.clone()) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if test(&text) {
            return true;
        }
        stack.extend(reachable_modules(&file, &text));
    }
    false
}

/// The files of the modules `file` declares that users can reach: `pub mod x;`, or `mod x;`
/// that it re-exports from (`pub use x::Thing;`). insta's `pub use console::style;` sat in
/// its private `mod utils;`, and was never insta's API.
fn reachable_modules(file: &Path, text: &str) -> Vec<PathBuf> {
    let Some(parent) = file.parent() else {
        return Vec::new();
    };
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let dir = match stem {
        "lib" | "main" | "mod" => parent.to_path_buf(),
        _ => parent.join(stem),
    };
    let reexports: Vec<&str> = text
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("pub use "))
        .collect();
    text.lines()
        .map(str::trim)
        .filter_map(|line| {
            let (public, rest) = match line.strip_prefix("pub mod ") {
                Some(rest) => (true, rest),
                None => (false, line.strip_prefix("mod ")?),
            };
            let name = rest.strip_suffix(';')?.trim();
            let reexported = || {
                let paths =
                    [" ", "self::", "crate::", "{"].map(|before| format!("{before}{name}::"));
                reexports
                    .iter()
                    .any(|l| paths.iter().any(|path| l.contains(path.as_str())))
            };
            if !public && !reexported() {
                return None;
            }
            [
                dir.join(format!("{name}.rs")),
                dir.join(name).join("mod.rs"),
            ]
            .into_iter()
            .find(|candidate| candidate.is_file())
        })
        .collect()
}

/// Whether the package builds binaries (`[[bin]]`, `src/main.rs`, `src/bin/`): then its
/// version speaks for its command line, not for its library.
pub fn ships_binaries(ws: &Workspace, package: &Package) -> bool {
    let doc = &ws.manifest(package).doc;
    let declared = doc
        .get("bin")
        .and_then(|bins| bins.as_array_of_tables())
        .is_some_and(|bins| !bins.is_empty());
    let discovered = doc
        .get("package")
        .and_then(|p| p.get("autobins"))
        .and_then(|a| a.as_bool())
        != Some(false)
        && (package.dir.join("src/main.rs").is_file() || package.dir.join("src/bin").is_dir());
    declared || discovered
}

/// The library's root file: `[lib] path`, else `src/lib.rs` when it exists.
fn library_root(ws: &Workspace, package: &Package) -> Option<std::path::PathBuf> {
    let manifest = ws.manifest(package);
    let declared = manifest
        .doc
        .get("lib")
        .and_then(|lib| lib.get("path"))
        .and_then(|path| path.as_str())
        .map(|path| package.dir.join(path));
    let root = declared.unwrap_or_else(|| package.dir.join("src").join("lib.rs"));
    Path::new(&root).is_file().then_some(root)
}

fn names_publicly(text: &str, ident: &str) -> bool {
    text.lines().map(str::trim_start).any(|line| {
        if line.starts_with("pub ") {
            line.contains(ident)
        } else if line.starts_with("impl") {
            impl_exposes(line, ident)
        } else {
            false
        }
    })
}

/// An `impl` line exposes the dependency when its types are what the impl is about: the type
/// implemented for (`impl Display for dep::Thing`) or a trait argument (`impl From<dep::Thing>
/// for Ours`). Implementing the dependency's own trait for a type of ours
/// (`impl dep::Parser for OurParser`) keeps the dependency inside.
fn impl_exposes(line: &str, ident: &str) -> bool {
    let Some((head, for_type)) = line.split_once(" for ") else {
        return false;
    };
    let mut trait_part = head.trim_start_matches("impl").trim_start();
    if trait_part.starts_with('<') {
        // The impl's own generic parameters: `impl<'a, T: dep::Bound>`.
        let mut depth = 0;
        let end = trait_part.char_indices().find_map(|(i, c)| {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(i + 1)
        });
        trait_part = trait_part[end.unwrap_or(trait_part.len())..].trim_start();
    }
    let arguments = trait_part.find('<').map_or("", |at| &trait_part[at..]);
    for_type.contains(ident) || arguments.contains(ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_modules_users_can_reach_count() {
        let temp = tempfile::tempdir().expect("temp dir");
        let src = temp.path();
        let write = |name: &str, text: &str| std::fs::write(src.join(name), text).expect("write");
        write(
            "lib.rs",
            "mod utils;\nmod wincon;\npub use wincon::Stream;\npub mod api;\n",
        );
        // insta: a private module's `pub use` is not the crate's API.
        write("utils.rs", "pub use console::style;\n");
        write(
            "wincon.rs",
            "pub struct Stream;\nimpl Stream {\n    pub fn new(c: anstyle_wincon::Console) {}\n}\n",
        );
        std::fs::create_dir(src.join("api")).expect("mkdir");
        write("api/mod.rs", "pub fn parse(v: semver_parser::Version) {}\n");
        let lib = src.join("lib.rs");
        let names = |ident: &str| any_reachable(lib.clone(), |text| names_publicly(text, ident));
        assert!(!names("console::"));
        assert!(names("anstyle_wincon::"));
        assert!(names("semver_parser::"));
    }

    #[test]
    fn a_feature_gates_public_items_only_through_cfgs_on_them() {
        let named = "feature = \"kstring\"";
        // toml_edit 0.14: the feature picks a private type and a line in a body.
        let inside = "#[cfg(feature = \"kstring\")]\ntype Inner = kstring::KString;\nfn f() {\n    #[cfg(feature = \"kstring\")]\n    let inner = 1;\n}\n";
        assert!(!feature_gates_public(inside, named));
        for public in [
            "#[cfg(feature = \"kstring\")]\n/// Docs.\n#[inline]\npub fn fast() {}\n",
            "#[cfg(all(feature = \"kstring\", unix))]\nimpl From<K> for S {}\n",
            "#[cfg_attr(feature = \"kstring\", derive(Hash))]\npub struct S;\n",
            "#![cfg(feature = \"kstring\")]\n",
            "#[cfg(feature = \"kstring\")]\nmod fast;\n",
        ] {
            assert!(feature_gates_public(public, named), "{public}");
        }
    }

    #[test]
    fn public_signatures_and_impls_name_a_dependency_private_code_does_not() {
        let adapter = "pub fn to_owo_style(style: anstyle::Style) -> owo_colors::Style {\n";
        assert!(names_publicly(adapter, "anstyle::"));
        assert!(names_publicly(
            "impl From<semver_parser::Version> for Version {",
            "semver_parser::"
        ));
        assert!(names_publicly("    pub use regex::Regex;", "regex::"));
        let private = "pub(crate) fn parse(input: winnow::Stream) {}\nfn f() { winnow::x() }\n";
        assert!(!names_publicly(private, "winnow::"));
        // The dependency's trait implemented for a type of ours stays inside.
        assert!(!names_publicly(
            "impl<'b> winnow::error::ParseError<Input<'b>> for ParserError<'b> {",
            "winnow::"
        ));
        assert!(!names_publicly(
            "impl toml_edit::visit_mut::VisitMut for DocumentFormatter {",
            "toml_edit::"
        ));
        assert!(names_publicly(
            "impl fmt::Display for dep::Thing {",
            "dep::"
        ));
    }
}

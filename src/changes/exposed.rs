//! Whether a library shows a dependency in its public API: a public item or an `impl` whose
//! line names the dependency's paths (`pub fn to_owo_style(style: anstyle::Style)`,
//! `impl From<semver_parser::Version> for Version`, `pub use regex::Regex`). Read from the
//! source text, no build: good enough to tell an adapter crate from one that uses a parser
//! internally, which is what decides whether a dependency's incompatible release reaches the
//! crate's users.

use std::path::Path;

use crate::workspace::{Package, Workspace};

/// Whether `package`'s library names `dependency` (the key its manifest uses) in a public
/// signature. A package without a library has no API to expose it in.
pub fn exposes(ws: &Workspace, package: &Package, dependency: &str) -> bool {
    let Some(lib) = library_root(ws, package) else {
        return false;
    };
    let ident = format!("{}::", dependency.replace('-', "_"));
    let dir = lib.parent().unwrap_or(&package.dir).to_path_buf();
    // The binaries beside the library (`src/main.rs`, `src/bin/`) are not its API.
    let binaries = [dir.join("main.rs"), dir.join("bin")];
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if binaries.contains(&path) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path).is_ok_and(|text| names_publicly(&text, &ident))
            {
                return true;
            }
        }
    }
    false
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

//! Whether a change to the files a package ships changes the code that gets built. A
//! pre-release exists to try the code out; when only its documentation (Markdown, license
//! texts, doc comments) and its tests changed since, the code it tried is the code a release
//! would ship (semver 1.0.0 followed 1.0.0-rc.2 after a doc-comment typo and new tests,
//! cargo-release 0.8.0 followed 0.8.0-beta.5 after a README update).
//!
//! Anything not known to be documentation or tests counts as code: a manifest or lock change,
//! a build script, a CI workflow (knope's rc.1 and rc.3 tried out a new publish workflow), an
//! `.rs` file with one changed line that is not a comment, a renamed, added or binary file.

use std::path::Path;

use anyhow::Result;

use crate::git::Git;

/// Of `files` (relative to the repository's top, each shipped by a package whose directory is
/// one of `dirs`, also relative to the top), the ones whose change since `base` may change the
/// code that gets built; empty when every change is documentation or tests. The working tree
/// is compared, so uncommitted edits count too.
pub fn changed_code(
    git: &Git,
    base: &str,
    dirs: &[&Path],
    files: &[String],
) -> Result<Vec<String>> {
    let (sources, mut code): (Vec<&String>, Vec<&String>) = files
        .iter()
        .filter(|file| !is_documentation(file) && !is_test(file, dirs))
        .partition(|file| file.ends_with(".rs"));
    if !sources.is_empty() {
        let diff = source_diff(git, base, &sources)?;
        code.extend(sources.into_iter().filter(|file| {
            diff.iter()
                .find(|(path, _)| path == *file)
                .is_none_or(|(_, only_comments)| !only_comments)
        }));
    }
    Ok(code.into_iter().cloned().collect())
}

/// Files that only document: Markdown and similar prose, and the license and readme files
/// cargo copies in. (A `.txt` may be data a crate `include_str!`s, so it is not one.)
fn is_documentation(file: &str) -> bool {
    let path = Path::new(file);
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(extension.as_str(), "md" | "markdown" | "rst" | "adoc") {
        return true;
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_ascii_uppercase();
    [
        "LICENSE",
        "LICENCE",
        "COPYING",
        "README",
        "CHANGELOG",
        "AUTHORS",
        "NOTICE",
    ]
    .iter()
    .any(|name| stem.starts_with(name))
        && !matches!(extension.as_str(), "rs" | "toml")
}

/// Integration tests and benchmarks (`tests/`, `benches/` at a package's top): users of the
/// crate never build them.
fn is_test(file: &str, dirs: &[&Path]) -> bool {
    dirs.iter().any(|dir| {
        Path::new(file)
            .strip_prefix(dir)
            .is_ok_and(|rest| rest.starts_with("tests") || rest.starts_with("benches"))
    })
}

/// One `git diff` of `files` from `base` to the working tree: for each file in it, whether
/// every changed line is a comment or blank. A file it does not list (git quotes unusual
/// paths) is taken for code.
fn source_diff(git: &Git, base: &str, files: &[&String]) -> Result<Vec<(String, bool)>> {
    let mut args = vec![
        "diff",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        base,
        "--",
    ];
    let specs: Vec<String> = files
        .iter()
        .map(|file| format!(":(top,literal){file}"))
        .collect();
    args.extend(specs.iter().map(String::as_str));
    Ok(parse_diff(&git.run(&args)?))
}

fn parse_diff(diff: &str) -> Vec<(String, bool)> {
    let mut files: Vec<(String, bool)> = Vec::new();
    for line in diff.lines() {
        if let Some(header) = line.strip_prefix("diff --git a/") {
            // `a/PATH b/PATH`: the same path twice, renames being off.
            let path = &header[..header.len().saturating_sub(3) / 2];
            files.push((path.to_string(), true));
            continue;
        }
        let Some((_, only_comments)) = files.last_mut() else {
            continue;
        };
        let changed =
            line.starts_with(['+', '-']) && !line.starts_with("+++ ") && !line.starts_with("--- ");
        let structural = line.starts_with("new file mode")
            || line.starts_with("deleted file mode")
            || line.starts_with("Binary files");
        if structural || (changed && !is_comment(&line[1..])) {
            *only_comments = false;
        }
    }
    files
}

/// A line comment (`//`, `///`, `//!`) or a blank line.
fn is_comment(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_is_prose_and_the_files_cargo_copies_in() {
        for file in [
            "README.md",
            "crates/a/CHANGELOG.md",
            "LICENSE-MIT",
            "COPYING",
            "doc/guide.rst",
        ] {
            assert!(is_documentation(file), "{file}");
        }
        for file in [
            "words.txt",
            "src/lib.rs",
            "Cargo.toml",
            "build.rs",
            ".github/workflows/ci.yml",
            "src/readme.rs",
        ] {
            assert!(!is_documentation(file), "{file}");
        }
    }

    #[test]
    fn tests_and_benches_are_those_at_a_package_top() {
        let dirs = [Path::new("crates/a"), Path::new("")];
        assert!(is_test("crates/a/tests/it.rs", &dirs));
        assert!(is_test("benches/parse.rs", &dirs));
        assert!(!is_test("src/tests.rs", &dirs));
        assert!(!is_test("crates/a/src/tests/mod.rs", &dirs));
    }

    #[test]
    fn a_diff_of_comments_only_leaves_the_code_alone() {
        let diff = "diff --git a/src/lib.rs b/src/lib.rs\nindex 1..2 100644\n--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -3 +3 @@\n-/// documneted\n+/// documented\n\
                    diff --git a/src/parse.rs b/src/parse.rs\n--- a/src/parse.rs\n+++ b/src/parse.rs\n@@ -9,0 +10,2 @@\n+// why\n+    let x = 1;\n\
                    diff --git a/src/new.rs b/src/new.rs\nnew file mode 100644\n--- /dev/null\n+++ b/src/new.rs\n@@ -0,0 +1 @@\n+//! docs\n";
        assert_eq!(
            parse_diff(diff),
            vec![
                ("src/lib.rs".to_string(), true),
                ("src/parse.rs".to_string(), false),
                ("src/new.rs".to_string(), false),
            ]
        );
    }
}

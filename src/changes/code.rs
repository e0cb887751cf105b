//! Whether a change to the files a package ships changes the code that gets built. A
//! pre-release exists to try the code out; when only its documentation (Markdown, license
//! texts, doc comments) and its tests changed since, the code it tried is the code a release
//! would ship (semver 1.0.0 followed 1.0.0-rc.2 after a doc-comment typo and new tests,
//! cargo-release 0.8.0 followed 0.8.0-beta.5 after a README update).
//!
//! Anything not known to be documentation or tests counts as code: a manifest or lock change,
//! a build script, a CI workflow (knope's rc.1 and rc.3 tried out a new publish workflow), an
//! `.rs` file with one changed line that is not a comment, a renamed, added or binary file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use anyhow::Result;

use crate::changes::history::Repo;
use crate::git::Git;

/// Of `files` (relative to the repository's top, each shipped by a package whose directory is
/// one of `dirs`, also relative to the top), the ones whose change from `base` to the working
/// tree (uncommitted edits included) may change the code that gets built; empty when every
/// change is documentation or tests.
pub fn changed_code(
    git: &Git,
    base: &str,
    dirs: &[&Path],
    files: &[String],
) -> Result<Vec<String>> {
    let (sources, mut code) = sort_out(files, dirs);
    if !sources.is_empty() {
        let args = vec![
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            base,
        ];
        let specs: Vec<String> = sources
            .iter()
            .map(|file| format!(":(top,literal){file}"))
            .collect();
        let diff = parse_diff(&diff_output(git, args, &specs)?);
        code.extend(
            sources
                .into_iter()
                .filter(|file| diff.get(file.as_str()) != Some(&true)),
        );
    }
    Ok(code.into_iter().cloned().collect())
}

/// Of `commits` (each an id and the files it changed that a package whose directory is one of
/// `dirs` ships), the ids of those that changed only documentation and tests. The Rust diffs
/// of the commits are read once for every package (`repo` keeps them), in one `git show` for
/// all those not read yet (a merge against its first parent).
pub fn documentation_commits(
    repo: &Repo,
    git: &Git,
    dirs: &[&Path],
    commits: &[(&str, Vec<String>)],
) -> Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    let mut to_read: Vec<(&str, Vec<&String>)> = Vec::new();
    for (id, files) in commits {
        match sort_out(files, dirs) {
            (_, code) if !code.is_empty() => {}
            (sources, _) if sources.is_empty() => {
                found.insert(id.to_string());
            }
            (sources, _) => to_read.push((id, sources)),
        }
    }
    if to_read.is_empty() {
        return Ok(found);
    }
    let ids: Vec<&str> = to_read.iter().map(|(id, _)| *id).collect();
    let diffs = repo.rust_diffs(&ids, |missing| rust_diffs(git, missing))?;
    for ((id, sources), diff) in to_read.iter().zip(diffs) {
        if sources
            .iter()
            .all(|file| diff.get(file.as_str()) == Some(&true))
        {
            found.insert(id.to_string());
        }
    }
    Ok(found)
}

/// For each of `ids`, its diff of Rust files (see [`parse_diff`]), from one `git show`; a
/// commit git could not show is missing, and its files are then taken for code.
fn rust_diffs(git: &Git, ids: &[&str]) -> Result<HashMap<String, Diff>> {
    let mut args = vec![
        "show",
        "-U0",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "--diff-merges=first-parent",
        "--format=%x00%H",
    ];
    args.extend(ids);
    let output = diff_output(git, args, &[":(top,glob)**/*.rs".to_string()])?;
    Ok(output
        .split('\0')
        .filter(|chunk| !chunk.is_empty())
        .map(|chunk| {
            let (id, diff) = chunk.split_once('\n').unwrap_or((chunk, ""));
            (id.to_string(), parse_diff(diff))
        })
        .collect())
}

/// `files` without documentation and tests, split into Rust sources (code unless their diff
/// shows comments only) and the rest (code).
fn sort_out<'f>(files: &'f [String], dirs: &[&Path]) -> (Vec<&'f String>, Vec<&'f String>) {
    files
        .iter()
        .filter(|file| !is_documentation(file) && !is_test(file, dirs))
        .partition(|file| file.ends_with(".rs"))
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
    let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
    let upper = name.to_ascii_uppercase();
    (crate::license_text::is_license_file(name)
        || ["README", "CHANGELOG", "AUTHORS", "NOTICE"]
            .iter()
            .any(|prose| upper.starts_with(prose)))
        && !matches!(extension.as_str(), "rs" | "toml")
}

/// Integration tests, benchmarks and examples (`tests/`, `benches/`, `examples/` at a
/// package's top): users of the crate never build them.
fn is_test(file: &str, dirs: &[&Path]) -> bool {
    dirs.iter().any(|dir| {
        Path::new(file).strip_prefix(dir).is_ok_and(|rest| {
            rest.starts_with("tests") || rest.starts_with("benches") || rest.starts_with("examples")
        })
    })
}

/// The output of a `git diff`/`git show` (`args`) limited to the pathspecs `specs`; empty
/// when git fails, which leaves every file taken for code. The user's diff settings that
/// change the headers (`diff.mnemonicPrefix`, `diff.noprefix`, `diff.relative`) are
/// overridden, so that [`parse_diff`] reads the paths.
fn diff_output(git: &Git, args: Vec<&str>, specs: &[String]) -> Result<String> {
    let args: Vec<&str> = args
        .into_iter()
        .chain(["--src-prefix=a/", "--dst-prefix=b/", "--no-relative", "--"])
        .chain(specs.iter().map(String::as_str))
        .collect();
    let output = git.output(&args)?;
    Ok(if output.status.success() {
        String::from_utf8_lossy(&output.stdout).into_owned()
    } else {
        String::new()
    })
}

/// For each file in a `-U0` diff, whether every changed line is a comment or blank. A file it
/// does not hold (git quotes unusual paths) is taken for code by those who ask.
pub type Diff = BTreeMap<String, bool>;

fn parse_diff(diff: &str) -> Diff {
    let mut files = Diff::new();
    let mut current: Option<&mut bool> = None;
    for line in diff.lines() {
        if let Some(header) = line.strip_prefix("diff --git a/") {
            // `a/PATH b/PATH`: the same path twice, renames being off.
            current = header
                .get(..header.len().saturating_sub(3) / 2)
                .map(|path| files.entry(path.to_string()).or_insert(true));
            continue;
        }
        let Some(only_comments) = current.as_deref_mut() else {
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
            "UNLICENSE",
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
        assert!(is_test("crates/a/examples/demo.rs", &dirs));
        assert!(!is_test("src/examples.rs", &dirs));
        assert!(!is_test("src/tests.rs", &dirs));
        assert!(!is_test("crates/a/src/tests/mod.rs", &dirs));
    }

    #[test]
    fn a_diff_of_comments_only_leaves_the_code_alone() {
        let diff = "diff --git a/src/lib.rs b/src/lib.rs\nindex 1..2 100644\n--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -3 +3 @@\n-/// documneted\n+/// documented\n\
                    diff --git a/src/parse.rs b/src/parse.rs\n--- a/src/parse.rs\n+++ b/src/parse.rs\n@@ -9,0 +10,2 @@\n+// why\n+    let x = 1;\n\
                    diff --git a/src/new.rs b/src/new.rs\nnew file mode 100644\n--- /dev/null\n+++ b/src/new.rs\n@@ -0,0 +1 @@\n+//! docs\n";
        let parsed = parse_diff(diff);
        let expected = [
            ("src/lib.rs", true),
            ("src/new.rs", false),
            ("src/parse.rs", false),
        ];
        let parsed: Vec<(&str, bool)> = parsed.iter().map(|(p, o)| (p.as_str(), *o)).collect();
        assert_eq!(parsed, expected);
        // Headers whose halves differ are not read (and never cut a character in two).
        assert!(parse_diff("diff --git a/a\u{e9} b/x\n+let x = 1;\n").is_empty());
    }
}

//! The structure the code keeps: the lower layers know nothing of the command line, and no two
//! top-level modules import each other (directly or around a loop).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The code of a file without its `#[cfg(test)]` part.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read source");
    text.split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .to_string()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_lower_layers_do_not_know_the_command_line() {
    for layer in ["workspace", "registry", "check", "changes"] {
        for file in rust_files(&src().join(layer)) {
            assert!(
                !code(&file).contains("crate::cli"),
                "{} uses the command line",
                file.display()
            );
        }
    }
}

#[test]
fn no_top_level_modules_import_each_other_in_a_loop() {
    let modules: BTreeSet<String> = std::fs::read_dir(src())
        .expect("src")
        .flatten()
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for module in &modules {
        let file = src().join(format!("{module}.rs"));
        let files = if file.exists() {
            vec![file]
        } else {
            rust_files(&src().join(module))
        };
        for file in files {
            let text = code(&file);
            for (at, _) in text.match_indices("crate::") {
                let name: String = text[at + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name != *module && modules.contains(&name) {
                    imports.entry(module.clone()).or_default().insert(name);
                }
            }
        }
    }
    // A module reaches itself through its imports: a loop.
    for start in &modules {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = imports.get(start).into_iter().flatten().collect();
        while let Some(next) = stack.pop() {
            assert_ne!(next, start, "`{start}` imports itself through {seen:?}");
            if seen.insert(next.clone()) {
                stack.extend(imports.get(next).into_iter().flatten());
            }
        }
    }
}

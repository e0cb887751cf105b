//! Shell completions and man pages, as a user installs them: the bash script sourced into a
//! real bash completing `cargo ship …` and `cargo-ship …`, and every man page a page names
//! written by `cargo ship man --out`.

mod common;

use std::process::Command;

use common::{run, ship};

/// The words bash would complete after sourcing cargo's own completion (a stand-in that
/// answers `build`) and then ours.
fn complete(words: &[&str]) -> String {
    let temp = tempfile::tempdir().expect("temp dir");
    let script = run(ship(temp.path(), temp.path()).args(["completions", "bash"]));
    assert_eq!(script.code, 0, "{}", script.all());
    let path = temp.path().join("cargo-ship.bash");
    std::fs::write(&path, &script.stdout).expect("write script");
    let words_list = words.join(" ");
    let session = format!(
        "_cargo() {{ COMPREPLY=(build); }}\ncomplete -F _cargo cargo\nsource '{}'\n\
         COMP_WORDS=({words_list}); COMP_CWORD={cword}\n\
         func=$(complete -p {program} | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')\n\
         \"$func\" {program} \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         echo \"${{COMPREPLY[*]}}\"\n",
        path.display(),
        cword = words.len() - 1,
        program = words[0],
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &session])
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn bash_completes_cargo_ship_and_cargo_ship_binary_and_leaves_cargo_alone() {
    assert_eq!(complete(&["cargo", "ship", "pat"]), "patch");
    assert_eq!(complete(&["cargo-ship", "pat"]), "patch");
    assert_eq!(complete(&["cargo", "ship", "check", "--for"]), "--format");
    assert_eq!(
        complete(&["cargo", "ship", "patch", "--no-ver"]),
        "--no-verify"
    );
    assert_eq!(
        complete(&["cargo", "ship", "yank", "--ver"]),
        "--vers --version --verbose"
    );
    // Everything else still goes to cargo's own completion.
    assert_eq!(complete(&["cargo", "bu"]), "build");
}

/// What fish offers for `line` with our script loaded (fish's `complete -C`), first column.
fn fish_complete(line: &str) -> Vec<String> {
    let temp = tempfile::tempdir().expect("temp dir");
    let script = run(ship(temp.path(), temp.path()).args(["completions", "fish"]));
    assert_eq!(script.code, 0, "{}", script.all());
    let path = temp.path().join("cargo-ship.fish");
    std::fs::write(&path, &script.stdout).expect("write script");
    let out = Command::new("fish")
        .args(["--no-config", "-c"])
        .arg(format!("source '{}'; complete -C'{line}'", path.display()))
        .output()
        .expect("fish is needed for this test (scripts/test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn fish_completes_cargo_ship_and_the_cargo_ship_binary() {
    assert_eq!(fish_complete("cargo ship pat"), ["patch"]);
    assert_eq!(fish_complete("cargo-ship pat"), ["patch"]);
    assert_eq!(fish_complete("cargo ship check --for"), ["--format"]);
    assert_eq!(
        fish_complete("cargo ship check --color "),
        ["always", "auto", "never"]
    );
    assert!(fish_complete("cargo ship yank --ver").contains(&"--vers".to_string()));
    // `cargo pat` is not ours to complete.
    assert!(!fish_complete("cargo pat").contains(&"patch".to_string()));
}

#[test]
fn man_out_writes_every_page_the_pages_name() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("man");
    let out = run(ship(temp.path(), temp.path())
        .args(["man", "--out"])
        .arg(&dir));
    assert_eq!(out.code, 0, "{}", out.all());
    let mut named = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("man dir") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("page");
        let text = text.replace("\\-", "-");
        for (at, _) in text.match_indices("cargo-ship-") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if text[at + name.len()..].starts_with("(1)") {
                named.push(name);
            }
        }
    }
    assert!(named.len() > 10, "{named:?}");
    for name in named {
        assert!(
            dir.join(format!("{name}.1")).exists(),
            "{name}(1) is named but not written"
        );
    }
    let page = run(ship(temp.path(), temp.path()).args(["man", "yank"]));
    assert_eq!(page.code, 0);
    assert!(
        page.stdout.contains(".TH cargo-ship-yank 1"),
        "{}",
        page.stdout
    );
    let unknown = run(ship(temp.path(), temp.path()).args(["man", "nope"]));
    assert_eq!(unknown.code, 2, "{}", unknown.all());
    assert!(
        unknown
            .stderr
            .contains("`nope` is not a cargo ship command")
    );
}

//! Every command example in README.md is a test: each ```console block runs against the fixture
//! its `<!-- readme-test: … -->` comment names, and its output must match what the block shows
//! (`[..]` and `...` stand for output that varies, `[ROOT]` and `[PORT]` for the temp dir and
//! the registry's port). A changed flag or message fails this test, not the reader.
//!
//! `README_UPDATE=1 cargo test --test readme` rewrites the blocks with what the commands print.
//!
//! Steps of a `readme-test` comment, separated by `;`: `fixture NAME` (copy it and work
//! there), `git` (commit everything on `main`), `tag NAME`, `remote` (a bare `origin`, pushed),
//! `commit FILE MESSAGE` (append a line to FILE and commit), `registry` (a kellnr server as
//! the default registry `local`), `exit N` (the last command's exit code), `install` (the
//! install block: `cargo install` is not run, `cargo ship check` runs on this repository),
//! `test-command` (the test command must exist and be executable).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::kellnr::Kellnr;
use snapbox::IntoData;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

#[derive(Debug)]
struct Block {
    /// Line of the opening fence (0-based), for rewriting and messages.
    start: usize,
    end: usize,
    steps: Vec<String>,
    commands: Vec<(String, String)>,
}

fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut steps: Option<Vec<String>> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(rest) = line.strip_prefix("<!-- readme-test:") {
            let rest = rest.trim_end_matches("-->").trim();
            steps = Some(
                rest.split(';')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            );
        } else if line == "```console" {
            let start = i;
            let mut body = Vec::new();
            i += 1;
            while i < lines.len() && lines[i].trim() != "```" {
                body.push(lines[i]);
                i += 1;
            }
            let mut commands: Vec<(String, String)> = Vec::new();
            for line in body {
                if let Some(command) = line.strip_prefix("$ ") {
                    commands.push((command.to_string(), String::new()));
                } else if let Some((_, output)) = commands.last_mut() {
                    output.push_str(line);
                    output.push('\n');
                }
            }
            let steps = steps.take().unwrap_or_else(|| {
                panic!("README.md line {}: a console block without a `<!-- readme-test: … -->` comment", start + 1)
            });
            blocks.push(Block {
                start,
                end: i,
                steps,
                commands,
            });
        }
        i += 1;
    }
    blocks
}

/// Where a block runs and what it needs alive while it does.
struct Session {
    _temp: tempfile::TempDir,
    root: PathBuf,
    dir: PathBuf,
    kellnr: Option<Kellnr>,
}

fn prepare(block: &Block) -> (Session, Option<i32>) {
    let temp = tempfile::Builder::new()
        .prefix("readme-")
        .tempdir()
        .expect("temp dir");
    let root = temp.path().canonicalize().expect("canonical temp dir");
    let mut session = Session {
        root: root.clone(),
        dir: root.clone(),
        _temp: temp,
        kellnr: None,
    };
    let mut exit = None;
    for step in &block.steps {
        let (word, rest) = step.split_once(' ').unwrap_or((step.as_str(), ""));
        match word {
            "fixture" => {
                let dest = root.join(rest.rsplit('/').next().expect("name"));
                common::copy_dir(&common::fixtures_dir().join(rest), &dest);
                session.dir = dest;
            }
            "git" => common::git_init(&session.dir),
            "tag" => {
                common::git(&session.dir, &["tag", "-a", rest, "-m", rest]);
            }
            "remote" => common::add_remote(&session.dir, &root.join("origin.git")),
            "commit" => {
                let (file, message) = rest.split_once(' ').expect("commit FILE MESSAGE");
                common::change_file(&session.dir.join(file));
                common::git(&session.dir, &["add", "-A"]);
                common::git(&session.dir, &["commit", "-q", "-m", message]);
            }
            "registry" => session.kellnr = Some(Kellnr::start()),
            "exit" => exit = Some(rest.parse().expect("exit code")),
            "install" => session.dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            "test-command" => {}
            other => panic!(
                "README.md line {}: unknown readme-test step `{other}`",
                block.start + 1
            ),
        }
    }
    (session, exit)
}

/// Runs one README command the way a user's shell would, stdout and stderr interleaved.
fn run_command(session: &Session, command: &str) -> (i32, String) {
    let words: Vec<String> = shell_words(command);
    let bin_dir = common::bin().parent().expect("bin dir").to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let (program, args) = words.split_first().expect("a command");
    let mut cmd = match program.as_str() {
        "cargo" => Command::new(env!("CARGO")),
        "git" => Command::new("git"),
        other => panic!("README commands run cargo or git, not `{other}`"),
    };
    cmd.args(args).current_dir(&session.dir);
    for (key, _) in std::env::vars() {
        if key.starts_with("CARGO_") && key != "CARGO_HOME" {
            cmd.env_remove(&key);
        }
    }
    let home = session.root.join(".cargo-home");
    std::fs::create_dir_all(&home).expect("cargo home");
    cmd.env("PATH", path)
        .env("CARGO_HOME", &home)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795651200")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .envs(common::GIT_ENV);
    match &session.kellnr {
        Some(kellnr) => kellnr.env(&mut cmd),
        None => {
            cmd.env("CARGO_NET_OFFLINE", "true");
        }
    }
    let (mut reader, writer) = std::io::pipe().expect("pipe");
    cmd.stdout(writer.try_clone().expect("pipe")).stderr(writer);
    let mut child = cmd.spawn().expect("run a README command");
    drop(cmd);
    let mut output = String::new();
    reader.read_to_string(&mut output).expect("read output");
    let status = child.wait().expect("wait");
    (status.code().unwrap_or(-1), normalize(&output, session))
}

fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => quote = Some(c),
            (None, ' ') => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The temp dir as `[ROOT]`, the registry's port as `[PORT]`, cargo's timings as `[..]s`.
fn normalize(output: &str, session: &Session) -> String {
    let mut text = output.replace(session.root.to_str().expect("utf-8"), "[ROOT]");
    if let Some(kellnr) = &session.kellnr {
        text = text.replace(&kellnr.port.to_string(), "[PORT]");
    }
    text.lines()
        .map(|line| match line.find(" target(s) in ") {
            Some(at) => format!("{} target(s) in [..]", &line[..at]),
            None => line.trim_end().to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if output.is_empty() { "" } else { "\n" }
}

#[test]
fn every_readme_example_is_true() {
    let text = std::fs::read_to_string(README).expect("README.md");
    let blocks = blocks(&text);
    assert!(blocks.len() >= 10, "the README has an example per command");
    let update = std::env::var_os("README_UPDATE").is_some();
    let mut rewritten: Vec<(usize, usize, String)> = Vec::new();
    for block in &blocks {
        if block.steps.iter().any(|s| s == "test-command") {
            for (command, _) in &block.commands {
                let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(command.trim());
                assert!(
                    path.is_file(),
                    "the README's test command `{command}` does not exist"
                );
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
                    assert!(mode & 0o111 != 0, "`{command}` is not executable");
                }
            }
            continue;
        }
        let (session, exit) = prepare(block);
        let mut body = String::new();
        for (index, (command, expected)) in block.commands.iter().enumerate() {
            body.push_str(&format!("$ {command}\n"));
            if command.starts_with("cargo install") {
                assert!(
                    block.steps.iter().any(|s| s == "install"),
                    "`cargo install` only in the install block"
                );
                continue;
            }
            let (code, actual) = run_command(&session, command);
            let wanted = if index + 1 == block.commands.len() {
                exit.unwrap_or(0)
            } else {
                0
            };
            assert_eq!(
                code,
                wanted,
                "README.md line {}: `{command}` exited {code}:\n{actual}",
                block.start + 1
            );
            if update {
                body.push_str(&actual);
            } else {
                body.push_str(expected);
                let label = format!("README.md line {} (`{command}`)", block.start + 1);
                if let Err(err) = snapbox::Assert::new().try_eq(
                    Some(&label),
                    actual.as_str().into_data(),
                    expected.as_str().into_data(),
                ) {
                    panic!(
                        "{label}: the output differs from the README (README_UPDATE=1 rewrites it)\n{err}"
                    );
                }
            }
        }
        if update {
            rewritten.push((block.start, block.end, body));
        }
    }
    if update {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (start, end, body) in rewritten.into_iter().rev() {
            let replacement: Vec<String> = body.trim_end().lines().map(str::to_string).collect();
            lines.splice(start + 1..end, replacement);
        }
        std::fs::write(README, lines.join("\n") + "\n").expect("rewrite README.md");
    }
}

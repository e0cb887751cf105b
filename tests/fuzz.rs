//! Bad input never panics: the manifest loader and every `check` rule run, in process, on
//! mutated copies of the fixtures' manifests (bytes flipped, inserted and cut; a BOM, CRLF,
//! non-UTF-8, deep nesting, huge tables). Each input must load or be refused with an error —
//! never a panic, never a hang. The inputs that once failed stay in `REGRESSIONS`.
//!
//! `FUZZ_ITERATIONS=N` (default 3000) sets how many mutated inputs; `FUZZ_SEED` the start.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use cargo_ship::check::{Stage, check_package};
use cargo_ship::registry::config::Registry;
use cargo_ship::tree::Tree;
use cargo_ship::workspace::Workspace;

/// Inputs that once broke the loader or a rule, kept as they were.
const REGRESSIONS: &[&str] = &[
    // A package name with a multibyte first character (the index path sliced bytes).
    "[package]\nname = \"é1\"\nversion = \"0.1.0\"\n",
    "\u{feff}[package]\r\nname = \"bom\"\r\nversion = \"0.1.0\"\r\n",
    "[package]\nname = \"x\"\nversion = \"0.1.0\"\nlicense = \"MIT OR\"\n",
    "[package]\nname = \"\"\nversion = \"\"\n",
    "[package]\nname = \"x\"\nversion = \"0.1.0\"\n[features]\ndefault = [\"default\"]\n",
    "[package]\nname = \"x\"\nversion = \"0.1.0\"\nreadme = true\nlicense-file = \"/\"\n",
    "[package]\nname = \"x\"\nversion.workspace = true\n",
    "[workspace]\nmembers = [\"../*\", \"/\", \"**\"]\n",
    "[package]\nname = \"x\"\nversion = \"0.1.0\"\nkeywords = [1, {a = 2}]\ncategories = \"c\"\n",
];

/// xorshift64*: a seeded generator, so a failure names an input that can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Bytes that tend to break parsers and rules.
const SPICE: &[&[u8]] = &[
    b"\"",
    b"[",
    b"]",
    b"{",
    b"}",
    b"=",
    b"\n",
    b"\r\n",
    b"\\",
    b".workspace = true",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\x00",
    b"'''",
    b"\"\"\"",
    b"[[bin]]\n",
    b"[lib]\n",
    b"[features]\n",
    b"[dependencies]\n",
    b"*",
    b"../",
    b"0.0.0-",
    b"+",
    b"\xe2\x80\xae",
];

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let spice = SPICE[rng.below(SPICE.len())];
                bytes.splice(at..at, spice.iter().copied());
            }
            2 => bytes.truncate(at),
            3 if !bytes.is_empty() => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            4 => {
                // Deep nesting.
                let depth = 1 + rng.below(3000);
                let nested = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
                bytes.splice(at..at, nested.into_bytes());
            }
            5 => {
                // A big table.
                let many: String = (0..rng.below(5000))
                    .map(|i| format!("f{i} = []\n"))
                    .collect();
                bytes.extend_from_slice(b"\n[features]\n");
                bytes.extend_from_slice(many.as_bytes());
            }
            _ => {
                let other = rng.below(bytes.len() + 1);
                let (a, b) = (at.min(other), at.max(other));
                let copy = bytes[a..b].to_vec();
                bytes.splice(b..b, copy);
            }
        }
    }
    bytes
}

/// Loads and checks one manifest; `Err` with the panic's message if anything panicked.
fn exercise(dir: &Path, manifest: &[u8]) -> Result<(), String> {
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write");
    let result = std::panic::catch_unwind(|| {
        let tree = Tree::Disk;
        let Ok(ws) = Workspace::load(&tree, dir, None) else {
            return;
        };
        let registry = Registry::crates_io();
        for package in &ws.members {
            let _ = check_package(&ws, &tree, package, &registry, &Stage::Check);
        }
    });
    result.map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .unwrap_or_else(|| "a panic".into())
    })
}

#[test]
fn mutated_manifests_never_panic_the_loader_or_a_rule() {
    let iterations: usize = std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let mut rng = Rng(std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed_cafe_f00d));
    let seeds: Vec<Vec<u8>> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
            .expect("fixtures")
            .flatten()
            .filter_map(|entry| std::fs::read(entry.path().join("Cargo.toml")).ok())
            .chain(REGRESSIONS.iter().map(|r| r.as_bytes().to_vec()))
            .collect();
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("fuzz");
    std::fs::create_dir_all(dir.join("src")).expect("mkdir");
    std::fs::write(dir.join("src/lib.rs"), "").expect("write");
    std::fs::write(dir.join("README.md"), "# fuzz\n").expect("write");

    // Keep panics quiet: a failure is reported with its input below.
    std::panic::set_hook(Box::new(|_| {}));
    let mut distinct = HashSet::new();
    let mut failures = Vec::new();
    let started = Instant::now();
    for regression in REGRESSIONS {
        if let Err(panic) = exercise(&dir, regression.as_bytes()) {
            failures.push(format!("regression {regression:?}: {panic}"));
        }
    }
    for _ in 0..iterations {
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(seed, &mut rng);
        let fresh = distinct.insert(input.clone());
        let one = Instant::now();
        if let Err(panic) = exercise(&dir, &input) {
            failures.push(format!(
                "{panic}\ninput: {:?}",
                String::from_utf8_lossy(&input)
            ));
        }
        assert!(
            one.elapsed() < Duration::from_secs(10),
            "an input took {:?} (a hang?): {:?}",
            one.elapsed(),
            String::from_utf8_lossy(&input)
        );
        let _ = fresh;
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "fuzz: {} executions, {} distinct inputs, {} panics, {:.1}s",
        iterations + REGRESSIONS.len(),
        distinct.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

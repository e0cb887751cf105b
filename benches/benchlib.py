"""Shared by the Python benchmarks: running a command and failing loudly when it fails, building
the cargo-ship to measure, and finding the crates cargo has downloaded."""

import glob
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(args, cwd, check=True, env=None, stdin=None):
    """Runs `args` in `cwd`, capturing text output; raises naming the command when it fails
    and `check` is set."""
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, input=stdin)
    if check and result.returncode != 0:
        raise RuntimeError(f"{args} failed in {cwd}: {result.stderr}")
    return result


def release_binary():
    """Builds this checkout's cargo-ship in release mode; returns the binary's path."""
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "cargo-ship")


def cargo_cache_dirs():
    """The directories cargo unpacks downloaded crates into ($CARGO_HOME/registry/src/*)."""
    cargo_home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    return glob.glob(os.path.join(cargo_home, "registry", "src", "*"))


def cached_crates():
    """The unpacked crates in cargo's cache: each directory with a Cargo.toml, in name order."""
    return [
        os.path.join(cache, entry)
        for cache in cargo_cache_dirs()
        for entry in sorted(os.listdir(cache))
        if os.path.exists(os.path.join(cache, entry, "Cargo.toml"))
    ]

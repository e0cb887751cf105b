#!/usr/bin/env python3
"""How often `cargo ship suggest --api` calls a published compatible release "breaking", and
how often it finds a break where the maintainers published one.

Every crate with two versions in the local cargo cache ($CARGO_HOME/registry/src) whose
maintainers published them as compatible (same major, or same minor below 1.0) is a labelled
pair: the newer one promises not to break the older one's users. For each pair, a throwaway
git repository holds the old sources (tagged) and then the new ones, and `suggest --api` runs
there; a breaking API reason on such a pair is a false "breaking" unless the maintainers broke
their promise (API reasons: what rustdoc and the manifests' features show, and a dependency the
public API names moving to an incompatible version, which users see as changed types), so the list printed is for review and the rate is an upper bound. The pairs
published as incompatible (a new major, or a new minor below 1.0) measure the other side: how
many of them the diff calls breaking.

    benches/api_precision.py [--max N] [--only NAME ...] [--binary PATH]

--binary measures another build (an older release, to compare) on the same pairs.

The pairs' dev-dependencies, lockfiles and the optional dependencies the cache has never seen
are dropped, the same in both versions (tests are not the API; offline resolution then uses
what the cache holds). Pairs whose rustdoc cannot build offline are
counted apart. Nothing reaches the network (CARGO_NET_OFFLINE).
"""

import argparse
import json
import os
import re
import shutil
import tempfile

from benchlib import cargo_cache_dirs, release_binary, run

CRATE_DIR = re.compile(r"^(?P<name>.+)-(?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)(?P<pre>-[^+]*)?(?:\+.*)?$")
SECTION = re.compile(r"^\s*\[\[?([^\]]+)\]\]?\s*$")
TEST_ONLY = re.compile(r"^(dev-dependencies|target\..*\.dev-dependencies)(\..*)?$")
DEPENDENCY_TABLE = re.compile(r"^(target\..*\.)?(build-)?dependencies\.(?P<dep>[^.\]]+)$")


def version_pairs(cache):
    """(name, old dir, new dir, compatible) for consecutive cached versions: compatible when
    both are in one compatibility range (same major, or same minor below 1.0)."""
    versions = {}
    for entry in os.listdir(cache):
        match = CRATE_DIR.match(entry)
        if match and not match.group("pre"):
            key = tuple(int(match.group(k)) for k in ("major", "minor", "patch"))
            versions.setdefault(match.group("name"), []).append((key, entry))
    for name, found in sorted(versions.items()):
        found.sort()
        for (a, old), (b, new) in zip(found, found[1:]):
            compatible = a[0] == b[0] and (a[0] > 0 or a[1] == b[1])
            yield name, os.path.join(cache, old), os.path.join(cache, new), compatible


def sections(text):
    """(header or None, lines) for each section of a manifest, in order."""
    found = [(None, [])]
    for line in text.splitlines(keepends=True):
        section = SECTION.match(line)
        if section:
            found.append((line.strip(), []))
        found[-1][1].append(line)
    return found


def offline_buildable(manifest, cached):
    """The manifest without what offline resolution cannot find and the API does not show:
    dev-dependencies, test, bench and example targets, and optional dependencies the cache
    has never seen (with the feature entries that name them)."""
    with open(manifest) as f:
        text = f.read()
    kept, dropped = [], set()
    for header, lines in sections(text):
        name = header.strip("[]").strip() if header else ""
        targets = header is not None and header.startswith("[[") and name in ("bench", "test", "example")
        dependency = DEPENDENCY_TABLE.match(name)
        if TEST_ONLY.match(name) or targets:
            continue
        if dependency and re.search(r"^optional\s*=\s*true", "".join(lines), re.M):
            renamed = re.search(r'^package\s*=\s*"([^"]+)"', "".join(lines), re.M)
            if (renamed.group(1) if renamed else dependency.group("dep")) not in cached:
                dropped.add(dependency.group("dep"))
                continue
        kept.append((name, lines))
    out = []
    for name, lines in kept:
        body = "".join(lines)
        if name == "features":
            for dep in dropped:
                body = re.sub(r'"(dep:)?%s(\??/[^"]*)?",?' % re.escape(dep), "", body)
        out.append(body)
    with open(manifest, "w") as f:
        f.write("".join(out))


def place(source, repo, cached):
    """Replaces the repository's tree with a published crate's sources."""
    for entry in os.listdir(repo):
        if entry != ".git":
            path = os.path.join(repo, entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
    shutil.copytree(source, repo, dirs_exist_ok=True)
    for generated in (".cargo_vcs_info.json", ".cargo-ok", "Cargo.lock"):
        if os.path.exists(os.path.join(repo, generated)):
            os.remove(os.path.join(repo, generated))
    offline_buildable(os.path.join(repo, "Cargo.toml"), cached)


def judge(binary, old, new, work, cached):
    """The API reasons and notes `suggest --api` gives for old -> new, or None when rustdoc
    could not document both."""
    repo = os.path.join(work, "repo")
    shutil.rmtree(repo, ignore_errors=True)
    os.makedirs(repo)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    run(git + ["init", "-q", "-b", "main"], repo)
    place(old, repo, cached)
    run(git + ["add", "-A"], repo)
    run(git + ["commit", "-qm", "release"], repo)
    version = CRATE_DIR.match(os.path.basename(old))
    run(git + ["tag", f"v{version.group('major')}.{version.group('minor')}.{version.group('patch')}"], repo)
    place(new, repo, cached)
    run(git + ["add", "-A"], repo)
    run(git + ["commit", "-qm", "work"], repo)
    out = run([binary, "ship", "suggest", "--api", "--format", "json"], repo, check=False)
    if out.returncode != 0:
        return None
    report = json.loads(out.stdout)["packages"][0]
    if any("rustdoc" in note and ("failed" in note or "could not" in note) for note in report["notes"]):
        return None
    api = [r for r in report["reasons"] if r["source"] in ("api", "dependency")]
    possibly = [n for n in report["notes"] if "possibly breaking" in n]
    return api, possibly


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=0, help="stop after N pairs")
    parser.add_argument("--only", nargs="*", default=[], help="only these crates")
    parser.add_argument("--binary", help="a cargo-ship binary to measure (default: this checkout's)")
    args = parser.parse_args()
    binary = args.binary
    if not binary:
        binary = release_binary()
    caches = cargo_cache_dirs()
    os.environ["CARGO_NET_OFFLINE"] = "true"
    work = tempfile.mkdtemp(prefix="api-precision-")
    cached = {CRATE_DIR.match(e).group("name") for c in caches for e in os.listdir(c) if CRATE_DIR.match(e)}
    pairs = [p for cache in caches for p in version_pairs(cache) if not args.only or p[0] in args.only]
    if args.max:
        pairs = pairs[: args.max]
    found = {True: [], False: []}
    unbuilt = {True: 0, False: 0}
    noted = []
    for name, old, new, compatible in pairs:
        verdict = judge(binary, old, new, work, cached)
        if verdict is None:
            unbuilt[compatible] += 1
            continue
        api, possibly = verdict
        if compatible and possibly:
            noted.append((os.path.basename(old), os.path.basename(new), possibly))
        claims = [r["detail"] for r in api if r["change"] == "breaking"]
        by_dependency = all(r["source"] == "dependency" for r in api if r["change"] == "breaking")
        found[compatible].append((os.path.basename(old), os.path.basename(new), claims, by_dependency))
    shutil.rmtree(work, ignore_errors=True)
    compatible = found[True]
    breaking = [f for f in compatible if f[2]]
    n = max(len(compatible), 1)
    print(f"compatible pairs in the cargo cache: {len(compatible) + unbuilt[True]}; documented both: {len(compatible)}; rustdoc failed offline: {unbuilt[True]}")
    print(f"called breaking: {len(breaking)} ({100 * len(breaking) / n:.1f} %), only by an exposed dependency: {sum(f[3] for f in breaking)}; with a possibly-breaking note: {len(noted)}")
    for old, new, claims, _ in breaking:
        print(f"- {old} -> {new}: " + "; ".join(claims[:3]) + (f" (+{len(claims) - 3} more)" if len(claims) > 3 else ""))
    for old, new, said in noted:
        print(f"- noted {old} -> {new}: {said[0]}" + (f" (+{len(said) - 1} more)" if len(said) > 1 else ""))
    incompatible = found[False]
    missed = [f for f in incompatible if not f[2]]
    caught = [f for f in incompatible if f[2]]
    print(f"incompatible pairs (a new major, or minor below 1.0): {len(incompatible) + unbuilt[False]}; documented both: {len(incompatible)}; called breaking: {len(caught)}, only by an exposed dependency: {sum(f[3] for f in caught)}")
    print("not called breaking (for review: a major release need not break an API rustdoc sees, and a proc-macro crate shows none): " + ", ".join(f"{old} -> {new}" for old, new, *_ in missed))

if __name__ == "__main__":
    main()

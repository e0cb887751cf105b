#!/usr/bin/env python3
"""Accuracy of `cargo ship suggest` on real release histories.

For each pair of consecutive release tags A -> B of a package, the repository is checked out at
B's parent (the state just before the release commit) and `cargo ship suggest --since A` runs
there; its `next` is compared with B. In the same run, a commit-only baseline (conventional
commits since A with Cargo's compatibility rule, computed here) is scored the same way.

    benches/suggest_accuracy.py [BUNDLE_DIR]

BUNDLE_DIR holds knope.bundle and cargo-release.bundle (default: ../shared/data/histories).
"""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VERSION = r"(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)"

# Tag families per history: (tag pattern, package).
FAMILIES = {
    "knope": [
        (r"^knope/v" + VERSION + "$", "knope"),
        (r"^v\.?" + VERSION + "$", "knope"),
        (r"^" + VERSION + "$", "knope"),
        (r"^versioning/v" + VERSION + "$", "knope-versioning"),
        (r"^config/v" + VERSION + "$", "knope-config"),
    ],
    "cargo-release": [
        (r"^v" + VERSION + "$", "cargo-release"),
        (r"^" + VERSION + "$", "cargo-release"),
        (r"^cargo-release-" + VERSION + "$", "cargo-release"),
    ],
}

CONVENTIONAL = re.compile(r"^(\w+)(\([^)]*\))?(!)?: ")


def run(args, cwd, check=True):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"{args} failed: {result.stderr}")
    return result


def parse_version(text):
    main, _, pre = text.partition("-")
    major, minor, patch = (int(x) for x in main.split("."))
    pre_key = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split(".")) if pre else None
    # A release sorts after its pre-releases.
    return (major, minor, patch, 0 if pre else 1, pre_key or ())


def required(current, change):
    major, minor, patch = (int(x) for x in current.split("-")[0].split("."))
    if change == "none":
        return None
    if major == 0 and minor == 0:
        return f"0.0.{patch + 1}"
    if major == 0:
        return f"0.{minor + 1}.0" if change == "breaking" else f"0.{minor}.{patch + 1}"
    if change == "breaking":
        return f"{major + 1}.0.0"
    if change == "feature":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def baseline(repo, since, paths, current):
    """Conventional commits since `since` touching `paths`, and Cargo's rule."""
    log = run(["git", "log", "--no-merges", "--format=%B%x1e", f"{since}..HEAD", "--"] + paths, repo).stdout
    rank = {"none": 0, "fix": 1, "feature": 2, "breaking": 3}
    change = "none"
    for message in log.split("\x1e"):
        message = message.strip()
        match = CONVENTIONAL.match(message)
        if not match:
            continue
        kind, _, bang = match.groups()
        this = "none"
        if bang or re.search(r"^BREAKING[ -]CHANGE: ", message, re.M):
            this = "breaking"
        elif kind == "feat":
            this = "feature"
        elif kind in ("fix", "perf"):
            this = "fix"
        if rank[this] > rank[change]:
            change = this
    if "-" in current:
        # A commit-only tool has no rule for pre-releases: it bumps the release part.
        current = current.split("-")[0]
    return required(current, change)


def pairs(repo, history):
    tags = run(["git", "tag"], repo).stdout.split()
    by_package = {}
    for tag in tags:
        for pattern, package in FAMILIES[history]:
            match = re.match(pattern, tag)
            if match:
                by_package.setdefault(package, []).append((parse_version(match.group(1)), match.group(1), tag))
                break
    for package, found in by_package.items():
        found.sort()
        # One tag per version (knope has both `0.3.0` and `v0.3.0`): the first spelling.
        unique = []
        for entry in found:
            if not unique or unique[-1][0] != entry[0]:
                unique.append(entry)
        for (_, va, a), (_, vb, b) in zip(unique, unique[1:]):
            if run(["git", "merge-base", "--is-ancestor", a, b], repo, check=False).returncode == 0:
                yield package, a, b, vb


def score(history, bundle, binary):
    work = tempfile.mkdtemp(prefix=f"accuracy-{history}-")
    repo = os.path.join(work, history)
    run(["git", "clone", "-q", bundle, repo], work)
    results = []
    for package, a, b, expected in pairs(repo, history):
        run(["git", "checkout", "-q", "--detach", "--force", f"{b}^"], repo)
        run(["git", "clean", "-qfdx"], repo)
        member = os.path.join("crates", package)
        paths = [member] if os.path.isfile(os.path.join(repo, member, "Cargo.toml")) else []
        args = [binary, "ship", "suggest", "--since", a, "--format", "json"]
        if paths:
            args += ["-p", package]
        out = run(args, repo, check=False)
        if out.returncode != 0:
            results.append((package, a, b, expected, None, None, "skipped: " + out.stderr.strip()[:120]))
            continue
        suggestion = json.loads(out.stdout)["packages"][0]
        ours = suggestion["next"]
        base = baseline(repo, a, paths, suggestion["current"])
        results.append((package, a, b, expected, ours, base, ""))
    return results


def main():
    bundles = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "histories")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "cargo-ship")
    env_home = tempfile.mkdtemp(prefix="accuracy-home-")
    os.environ["CARGO_HOME"] = env_home
    total_ours = total_base = total = 0
    for history in ("cargo-release", "knope"):
        bundle = os.path.join(bundles, f"{history}.bundle")
        results = score(history, bundle, binary)
        scored = [r for r in results if not r[6]]
        skipped = len(results) - len(scored)
        ours = sum(1 for r in scored if r[4] == r[3])
        base = sum(1 for r in scored if r[5] == r[3])
        worse = [r for r in scored if r[5] == r[3] and r[4] != r[3]]
        better = [r for r in scored if r[4] == r[3] and r[5] != r[3]]
        print(f"{history}: {len(scored)} release pairs ({skipped} skipped)")
        print(f"  cargo ship suggest   {ours:4} agree  {100 * ours / max(len(scored), 1):5.1f} %")
        print(f"  commit-only baseline {base:4} agree  {100 * base / max(len(scored), 1):5.1f} %")
        print(f"  better than the baseline on {len(better)} pairs, worse on {len(worse)}")
        reasons = {}
        for r in results:
            if r[6]:
                reasons[r[6][:90]] = reasons.get(r[6][:90], 0) + 1
        for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1])[:5]:
            print(f"    {count} {reason}")
        for r in worse:
            print(f"    worse: {r[0]} {r[1]} -> {r[2]}: ours {r[4]}, baseline {r[5]}")
        total += len(scored)
        total_ours += ours
        total_base += base
    print(f"all: cargo ship {100 * total_ours / max(total, 1):.1f} % vs baseline {100 * total_base / max(total, 1):.1f} % on {total} pairs")


if __name__ == "__main__":
    main()

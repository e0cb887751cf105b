#!/usr/bin/env python3
"""Accuracy of `cargo ship suggest` on real release histories, against simple baselines.

For each pair of consecutive release tags A -> B of a package, the repository is put at B's
parent (just before the release: a "prepare release" commit may already hold B's version there)
with the tags made after that point hidden, and `cargo ship suggest --since A` runs there; its
`next` is compared with B. In the same run two baselines are scored the same way: "always
patch" (A's version, patch + 1) and "commit messages only" (conventional commits since A that
touch the package, by Cargo's compatibility rule from A's version; a patch when none says more,
since a release is being made — what release-plz and git-cliff-based tools do). The misses are
then counted by kind (`miss_kind`), to show what DESIGN.md's rules and the maintainers' own
choices (graduations, pre-releases, features released as patches) account for.

    benches/suggest_accuracy.py [--max N] [BUNDLE_DIR]

BUNDLE_DIR holds the histories (default: ../shared/data/histories); --max keeps the N newest
pairs per project. Nothing reaches the network (CARGO_NET_OFFLINE, a temp CARGO_HOME).
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import tempfile

from benchlib import release_binary, run

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TAG = re.compile(r"^(?:(?P<name>.+?)[-/])?v?\.?(?P<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$")
CONVENTIONAL = re.compile(r"^(\w+)(\([^)]*\))?(!)?: ")


def parse_version(text):
    main, _, pre = text.partition("-")
    major, minor, patch = (int(x) for x in main.split("."))
    pre_key = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split(".")) if pre else ()
    # A release sorts after its pre-releases.
    return (major, minor, patch, 0 if pre else 1, pre_key)


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


def commit_only(repo, since, paths, version):
    """Conventional commits since `since` touching `paths`, by Cargo's rule from `version`; a
    patch when they say nothing, as a commit-reading release tool does."""
    log = run(["git", "log", "--no-merges", "--format=%B%x1e", f"{since}..HEAD", "--"] + paths, repo).stdout
    rank = {"none": 0, "fix": 1, "feature": 2, "breaking": 3}
    change = "fix"
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
    return required(version, change)


def always_patch(version):
    major, minor, patch = (int(x) for x in version.split("-")[0].split("."))
    return f"{major}.{minor}.{patch + 1}"


def manifests_at(repo, rev):
    """{package name: (version, directory)} of the manifests in the tree at `rev`."""
    files = run(["git", "ls-tree", "-r", "--name-only", rev], repo).stdout.split("\n")
    found = {}
    for path in files:
        if not path.endswith("Cargo.toml") or "/fixtures/" in path or "tests/" in path:
            continue
        text = run(["git", "show", f"{rev}:{path}"], repo, check=False).stdout
        package = re.search(r"^\[package\][^\[]*?^name\s*=\s*\"([^\"]+)\"", text, re.M | re.S)
        version = re.search(r"^\[package\][^\[]*?^version\s*=\s*\"([^\"]+)\"", text, re.M | re.S)
        if package:
            found[package.group(1)] = (version.group(1) if version else None, os.path.dirname(path))
    return found


def package_of(tag, name, version, manifests, project):
    """The package a release tag stands for: the member it names, else the one whose manifest
    held that version at the tag (preferring the one named like the project)."""
    if name:
        for member in manifests:
            if member == name or member.endswith("-" + name) or member == f"{project}-{name}":
                return member
        return None
    holders = [m for m, (v, _) in manifests.items() if v and v.split("+")[0] == version]
    if project in holders:
        return project
    return holders[0] if holders else None


def pairs(repo, project):
    by_package = {}
    for tag in run(["git", "tag"], repo).stdout.split():
        match = TAG.match(tag)
        if not match:
            continue
        version = match.group("version")
        package = package_of(tag, match.group("name"), version, manifests_at(repo, tag), project)
        if package:
            by_package.setdefault(package, {}).setdefault(parse_version(version), (version, tag))
    for package, found in by_package.items():
        ordered = [found[key] for key in sorted(found)]
        for (va, a), (vb, b) in zip(ordered, ordered[1:]):
            if run(["git", "merge-base", "--is-ancestor", a, b], repo, check=False).returncode == 0:
                yield package, a, va, b, vb


def releases_in_order(repo, project):
    """The release pairs of `repo` (see `pairs`), oldest release first."""
    return sorted(pairs(repo, project), key=lambda p: run(["git", "log", "-1", "--format=%ct", p[3]], repo).stdout)


@contextlib.contextmanager
def just_before(repo, release, branch=None):
    """The repository at `release`'s parent, clean (on `branch`, else detached), with the tags
    made after that point deleted, as they did not exist yet; they are put back on leaving."""
    checkout = ["-B", branch] if branch else ["--detach"]
    run(["git", "checkout", "-q", "--force", *checkout, f"{release}^"], repo)
    run(["git", "clean", "-qfdx"], repo)
    later = run(
        ["git", "for-each-ref", "--no-merged=HEAD", "--format=%(refname) %(objectname)", "refs/tags"], repo
    ).stdout.splitlines()
    run(["git", "update-ref", "--stdin"], repo, stdin="".join(f"delete {line.split()[0]}\n" for line in later))
    try:
        yield
    finally:
        run(["git", "update-ref", "--stdin"], repo, stdin="".join(f"create {line}\n" for line in later))


def offline_release_build(prefix):
    """Builds cargo-ship in release mode and returns its path; from here on nothing reaches the
    network (CARGO_NET_OFFLINE, a temp CARGO_HOME named with `prefix`, removed by the caller)."""
    binary = release_binary()
    os.environ["CARGO_HOME"] = tempfile.mkdtemp(prefix=f"{prefix}-home-")
    os.environ["CARGO_NET_OFFLINE"] = "true"
    return binary


def score(project, bundle, binary, newest):
    work = tempfile.mkdtemp(prefix=f"accuracy-{project}-")
    repo = os.path.join(work, project)
    run(["git", "clone", "-q", bundle, repo], work)
    found = releases_in_order(repo, project)
    if newest:
        found = found[-newest:]
    results = []
    for package, a, va, b, vb in found:
        with just_before(repo, b):
            members = manifests_at(repo, "HEAD")
            directory = members.get(package, (None, ""))[1]
            paths = [directory] if directory and len(members) > 1 else []
            args = [binary, "ship", "suggest", "--since", a, "--format", "json", "-p", package]
            out = run(args, repo, check=False)
        if out.returncode != 0:
            results.append((package, a, b, vb, None, None, None, "skipped: " + out.stderr.strip()[:120], [], va))
            continue
        report = json.loads(out.stdout)["packages"][0]
        ours = (report["next"] or "").split("+")[0]
        said = [f"{r['source']} {r['change']}: {r['detail']}" for r in report["reasons"][:1]] + report["notes"]
        results.append((package, a, b, vb, ours, always_patch(va), commit_only(repo, a, paths, va), "", said, va))
    shutil.rmtree(work, ignore_errors=True)
    return results


def nothing_shipped(result):
    """Whether `suggest` found nothing the package ships changed at the release's parent."""
    return not result[4] and any("would upload changed" in said for said in result[8])


MISS_KINDS = [
    ("nothing shipped", "the parent ships nothing new: `none` by DESIGN.md's rule"),
    ("0.0.z -> 0.1.0", "DESIGN.md keeps 0.0.z at 0.0.(z+1): the step to 0.1 is the maintainers' call"),
    ("graduation", "0.y.z -> 1.0.0 or later: a stability promise, not a kind of change"),
    ("pre-release", "a pre-release started, continued or finished other than suggested"),
    ("above the evidence", "released more than the commits, changelog and manifests call for"),
    ("below the evidence", "released less than they call for (often a feature as a patch)"),
]


def miss_kind(result):
    """Which of MISS_KINDS a miss is: read from the versions alone, so that the table says how
    much of what is left each rule of DESIGN.md or maintainer's choice accounts for."""
    released, ours, before = result[3], result[4], result[9]
    if nothing_shipped(result):
        return "nothing shipped"
    if not ours:
        return "above the evidence"
    if before.startswith("0.0.") and released.startswith("0.1."):
        return "0.0.z -> 0.1.0"
    if before.startswith("0.") and not released.startswith("0."):
        return "graduation"
    if "-" in released or "-" in ours:
        return "pre-release"
    return "above the evidence" if parse_version(released) > parse_version(ours) else "below the evidence"


def print_misses_by_kind(by_project):
    """One row per project: its misses counted by kind."""
    print("\nThe misses by kind (read from the versions; see `miss_kind`):\n")
    print("| project | " + " | ".join(kind for kind, _ in MISS_KINDS) + " |")
    print("|---|" + "---|" * len(MISS_KINDS))
    totals = [0] * len(MISS_KINDS)
    for project, scored in by_project:
        kinds = [miss_kind(r) for r in scored if r[4] != r[3]]
        counts = [kinds.count(kind) for kind, _ in MISS_KINDS]
        totals = [t + c for t, c in zip(totals, counts)]
        print(f"| {project} | " + " | ".join(str(c) for c in counts) + " |")
    print("| all | " + " | ".join(str(t) for t in totals) + " |\n")
    for kind, meaning in MISS_KINDS:
        print(f"- {kind}: {meaning}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=0, help="the newest N release pairs per project")
    parser.add_argument("bundles", nargs="?", default=os.path.join(ROOT, "..", "shared", "data", "histories"))
    args = parser.parse_args()
    binary = offline_release_build("accuracy")
    totals = [0, 0, 0, 0]
    # Releases whose parent ships nothing new: the release commit itself carries the change
    # (or nothing changed at all), so `none` is the answer by the rule that `none` means nothing
    # the package uploads changed, while both baselines assume a release is being made.
    unchanged_rows = []
    print("| project | pairs | cargo ship suggest | always patch | commit messages only |")
    print("|---|---|---|---|---|")
    misses = []
    newest = []
    by_project = []
    for bundle in sorted(f for f in os.listdir(args.bundles) if f.endswith(".bundle")):
        project = bundle[: -len(".bundle")]
        results = score(project, os.path.join(args.bundles, bundle), binary, args.max)
        scored = [r for r in results if not r[7]]
        n = max(len(scored), 1)
        ours = sum(r[4] == r[3] for r in scored)
        patch = sum(r[5] == r[3] for r in scored)
        commits = sum(r[6] == r[3] for r in scored)
        skipped = len(results) - len(scored)
        print(f"| {project} | {len(scored)}{f' ({skipped} skipped)' if skipped else ''} | {100 * ours / n:.1f} % | {100 * patch / n:.1f} % | {100 * commits / n:.1f} % |")
        totals = [totals[0] + len(scored), totals[1] + ours, totals[2] + patch, totals[3] + commits]
        by_project.append((project, scored))
        kept = [r for r in scored if not nothing_shipped(r)]
        unchanged_rows.append((project, len(scored) - len(kept), kept))
        misses += [f"{project} {r[0]} {r[1]} -> {r[2]}: ours {r[4]}, patch {r[5]}, commits {r[6]}" for r in scored if r[4] != r[3]]
        if scored:
            last = scored[-1]
            why = "" if last[4] == last[3] else " — " + (last[8][0] if last[8] else "no reason given")
            newest.append(f"- {project}: {last[0]} {last[1]} -> {last[2]}: suggested {last[4] or 'nothing'}{why}")
    n = max(totals[0], 1)
    print(f"| all | {totals[0]} | {100 * totals[1] / n:.1f} % | {100 * totals[2] / n:.1f} % | {100 * totals[3] / n:.1f} % |")
    print("\nWithout the releases whose parent ships nothing new (`none` by rule; a release is")
    print("assumed by both baselines):\n")
    print("| project | such releases | pairs left | cargo ship suggest | always patch | commit messages only |")
    print("|---|---|---|---|---|---|")
    everything = ("all", sum(u for _, u, _ in unchanged_rows), [r for _, _, kept in unchanged_rows for r in kept])
    for project, unchanged, kept in unchanged_rows + [everything]:
        k = max(len(kept), 1)
        rates = [100 * sum(r[i] == r[3] for r in kept) / k for i in (4, 5, 6)]
        print(f"| {project} | {unchanged} | {len(kept)} | {rates[0]:.1f} % | {rates[1]:.1f} % | {rates[2]:.1f} % |")
    print_misses_by_kind(by_project)
    print("\nThe newest release of each project (suggested at its parent):")
    print("\n".join(newest))
    shutil.rmtree(os.environ["CARGO_HOME"], ignore_errors=True)
    with open(os.path.join(tempfile.gettempdir(), "suggest_accuracy_misses.txt"), "w") as f:
        f.write("\n".join(misses) + "\n")


if __name__ == "__main__":
    main()

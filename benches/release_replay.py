#!/usr/bin/env python3
"""Replays every release of the real histories as its maintainer asked for it.

For each pair of consecutive release tags A -> B of a package (the pairs of
`suggest_accuracy.py`), the repository is put at B's parent on a branch, with the tags made
after that point deleted and no remote-tracking refs (a bare remote stands for the one pushed
to), and `cargo ship <B's version> -p <package> --dry-run --no-push --allow-branch '*'` runs
there. A release passes when the plan releases that version under B's own tag. The others are
counted by why: a refusal of the under-bump guard (the changes ask for more than the version
given), "nothing changed" (the tag's parent holds nothing new, so the release commit itself
carried the change), a tag format the maintainers changed at that release, or anything else,
printed in full: those are the ones to read.

    benches/release_replay.py [BUNDLE_DIR]

Nothing reaches the network (CARGO_NET_OFFLINE, a temp CARGO_HOME).
"""

import argparse
import collections
import json
import os
import shutil
import tempfile

import suggest_accuracy
from benchlib import run

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def planned_tag(stdout, package):
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        return None
    for entry in report.get("packages", []):
        for step in entry.get("steps", []):
            if entry["name"] == package and step["step"] == "tag" and step["status"] == "planned":
                return step["detail"]
    return None


def why(code, tag, wanted, stderr):
    if code == 0:
        return "passes" if tag == wanted else "tag format changed at this release"
    errors = [line for line in stderr.splitlines() if line.startswith("error")]
    last = errors[-1] if errors else stderr.strip()[-200:]
    if "would under-bump" in last:
        return "under-bump guard"
    if "nothing changed in" in last:
        return "nothing changed"
    return "other: " + last


def replay(project, bundle, binary):
    work = tempfile.mkdtemp(prefix=f"replay-{project}-")
    repo = os.path.join(work, project)
    run(["git", "clone", "-q", bundle, repo], work)
    remote = os.path.join(work, "remote.git")
    run(["git", "init", "-q", "--bare", remote], work)
    run(["git", "remote", "set-url", "origin", remote], repo)
    for ref in run(["git", "for-each-ref", "--format=%(refname)", "refs/remotes"], repo).stdout.split():
        run(["git", "update-ref", "-d", ref], repo)
    results = []
    for package, a, _, b, vb in suggest_accuracy.releases_in_order(repo, project):
        with suggest_accuracy.just_before(repo, b, branch="release"):
            args = [binary, "ship", vb, "-p", package, "--dry-run", "--format", "json", "--no-push", "--allow-branch", "*"]
            out = run(args, repo, check=False)
        verdict = why(out.returncode, planned_tag(out.stdout, package), b, out.stderr)
        results.append((package, a, b, verdict))
    shutil.rmtree(work, ignore_errors=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bundles", nargs="?", default=os.path.join(ROOT, "..", "shared", "data", "histories"))
    args = parser.parse_args()
    binary = suggest_accuracy.offline_release_build("replay")
    totals = collections.Counter()
    others = []
    print("| project | releases | planned as released | under-bump guard | nothing changed | tag format changed | other |")
    print("|---|---|---|---|---|---|---|")
    for bundle in sorted(f for f in os.listdir(args.bundles) if f.endswith(".bundle")):
        project = bundle[: -len(".bundle")]
        results = replay(project, os.path.join(args.bundles, bundle), binary)
        counts = collections.Counter(r[3] if not r[3].startswith("other") else "other" for r in results)
        totals.update(counts)
        totals["releases"] += len(results)
        others += [f"- {project} {p} {a} -> {b}: {v[len('other: '):]}" for p, a, b, v in results if v.startswith("other")]
        print(f"| {project} | {len(results)} | {counts['passes']} | {counts['under-bump guard']} | "
              f"{counts['nothing changed']} | {counts['tag format changed at this release']} | {counts['other']} |")
    print(f"| all | {totals['releases']} | {totals['passes']} | {totals['under-bump guard']} | "
          f"{totals['nothing changed']} | {totals['tag format changed at this release']} | {totals['other']} |")
    if others:
        print("\nRefused for other reasons:")
        print("\n".join(others))
    shutil.rmtree(os.environ["CARGO_HOME"], ignore_errors=True)


if __name__ == "__main__":
    main()

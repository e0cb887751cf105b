#!/usr/bin/env python3
"""Replays cargo ship on real release histories: the standing proof against real repositories.

For each bundle in the histories directory, at the parent of a sample of its newest release
tags (tags not yet made at that point are deleted, as they did not exist then), it runs:

  - `check --workspace`: every error on a repository whose maintainers did publish is false;
  - `suggest --workspace --format json`: does `next` equal the version that was released?
  - `auto --dry-run --workspace --format json`: a plan must never name a `publish = false` member;
  - a real `patch --workspace --yes --no-publish` into a bare remote a teammate pushed to first
    (push rejected, exit 3), then `git pull --rebase` and the same command again: the remote must
    end with exactly the tags of the first run, once (no second release).

    benches/real_repos.py [--samples N] [BUNDLE_DIR]

Nothing here reaches the network: CARGO_NET_OFFLINE is set and CARGO_HOME is a temp dir.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile

from benchlib import release_binary, run

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VERSION = r"v?\.?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)"
# `NAME-vX.Y.Z`, `NAME/vX.Y.Z`, `NAME-X.Y.Z`, `vX.Y.Z`, `X.Y.Z`.
TAG = re.compile(r"^(?:(?P<name>.+?)[-/])?" + VERSION + "$")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Replay",
    "GIT_AUTHOR_EMAIL": "replay@example.com",
    "GIT_COMMITTER_NAME": "Replay",
    "GIT_COMMITTER_EMAIL": "replay@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def release_tags(repo):
    """Release tags, oldest first by the date of the commit they point at."""
    refs = run(
        ["git", "for-each-ref", "--sort=creatordate", "--format=%(refname:strip=2)", "refs/tags"],
        repo,
    ).stdout.split()
    return [t for t in refs if TAG.match(t) and "-" not in TAG.match(t).group(2)]


def members(repo, env):
    """(name, version, publishable, manifest dir) of each workspace member, from cargo."""
    out = run(
        ["cargo", "metadata", "--no-deps", "--offline", "--format-version", "1"],
        repo,
        check=False,
        env=env,
    )
    if out.returncode != 0:
        return []
    meta = json.loads(out.stdout)
    return [
        (p["name"], p["version"], p.get("publish") != [], os.path.dirname(p["manifest_path"]))
        for p in meta["packages"]
    ]


def released_by(tag, found, project):
    """The (name, version) the tag stands for, among the members: a name-less tag stands for the
    lone publishable member, else the one named like the project."""
    match = TAG.match(tag)
    name, version = match.group("name"), match.group(2)
    publishable = [m for m in found if m[2]]
    if name is None:
        if len(publishable) == 1:
            return publishable[0][0], version
        name = project
    for member, _, _, _ in found:
        if member == name or member.endswith("-" + name) or name.endswith(member):
            return member, version
    return None


def setup(clone_from, work, tag, env):
    """A clone at `tag`'s parent on branch `main`, without the tags made after it, and a bare
    remote holding the same."""
    repo = os.path.join(work, "repo")
    run(["git", "clone", "-q", clone_from, repo], work, env=env)
    run(["git", "checkout", "-q", "-B", "main", f"{tag}^"], repo, env=env)
    later = run(["git", "tag", "--no-merged", "HEAD"], repo, env=env).stdout.split()
    for chunk in range(0, len(later), 200):
        run(["git", "tag", "-d", *later[chunk : chunk + 200]], repo, env=env)
    for branch in run(["git", "branch", "--format=%(refname:short)"], repo, env=env).stdout.split():
        if branch != "main":
            run(["git", "branch", "-q", "-D", branch], repo, env=env)
    run(["git", "remote", "remove", "origin"], repo, env=env)
    remote = os.path.join(work, "remote.git")
    run(["git", "init", "-q", "--bare", "-b", "main", remote], work, env=env)
    run(["git", "remote", "add", "origin", remote], repo, env=env)
    run(["git", "push", "-q", "-u", "origin", "main", "--tags"], repo, env=env)
    return repo, remote


def teammate_pushes(work, remote, env):
    other = os.path.join(work, "teammate")
    run(["git", "clone", "-q", remote, other], work, env=env)
    with open(os.path.join(other, "TEAMMATE.md"), "a") as f:
        f.write("a teammate's note\n")
    run(["git", "add", "-A"], other, env=env)
    run(["git", "commit", "-q", "-m", "docs: a teammate's note"], other, env=env)
    run(["git", "push", "-q", "origin", "main"], other, env=env)


def replay(binary, clone_from, project, tag, env):
    work = tempfile.mkdtemp(prefix="replay-")
    try:
        repo, remote = setup(clone_from, work, tag, env)
        found = members(repo, env)
        result = {"tag": tag, "false_errors": [], "agree": None, "unpublished_planned": [], "double": None}
        ship = lambda *args: run([binary, "ship", *args], repo, check=False, env=env)

        out = ship("check", "--workspace", "--format", "json")
        if out.returncode not in (0, 1):
            result["false_errors"].append(f"check exit {out.returncode}: {out.stderr.strip()[:160]}")
        else:
            for package in json.loads(out.stdout)["packages"]:
                for d in package["diagnostics"]:
                    if d["severity"] == "error":
                        result["false_errors"].append(f"{package['name']}: {d['rule']}: {d['message'][:100]}")

        target = released_by(tag, found, project)
        out = ship("suggest", "--workspace", "--format", "json")
        if out.returncode != 0:
            result["false_errors"].append(f"suggest exit {out.returncode}: {out.stderr.strip()[:160]}")
        elif target:
            suggestions = {p["name"]: p for p in json.loads(out.stdout)["packages"]}
            mine = suggestions.get(target[0])
            if mine is not None:
                result["agree"] = (mine["next"] or "").split("+")[0] == target[1].split("+")[0]
                result["suggested"] = f"{target[0]} {mine['next']} (released {target[1]})"

        unpublished = {name for name, _, publishable, _ in found if not publishable}
        out = ship("auto", "--dry-run", "--workspace", "--format", "json")
        if out.returncode == 0 and out.stdout.strip():
            planned = {p["name"] for p in json.loads(out.stdout)["packages"]}
            result["unpublished_planned"] = sorted(planned & unpublished)
        elif out.returncode not in (0, 1):
            result["false_errors"].append(f"auto --dry-run exit {out.returncode}: {out.stderr.strip()[:160]}")

        before = set(run(["git", "tag"], repo, env=env).stdout.split())
        teammate_pushes(work, remote, env)
        first = ship("patch", "--workspace", "--yes", "--no-publish")
        made = set(run(["git", "tag"], repo, env=env).stdout.split()) - before
        if first.returncode == 3 and made:
            run(["git", "pull", "-q", "--rebase", "origin", "main"], repo, env=env)
            again = ship("patch", "--workspace", "--yes", "--no-publish")
            on_remote = set(run(["git", "tag"], remote, env=env).stdout.split()) - before
            local = set(run(["git", "tag"], repo, env=env).stdout.split()) - before
            result["double"] = again.returncode != 0 or on_remote != made or local != made
            result["rerun"] = f"exit {again.returncode}, {len(made)} tag(s) made, {len(on_remote)} on the remote"
            if result["double"]:
                result["rerun"] += f": {again.stderr.strip()[-300:]}"
        else:
            result["rerun"] = f"first run exit {first.returncode}: {first.stderr.strip()[-200:]}"
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=4, help="release tags per repository")
    parser.add_argument("bundles", nargs="?", default=os.path.join(ROOT, "..", "shared", "data", "histories"))
    args = parser.parse_args()
    binary = release_binary()
    env = dict(os.environ, CARGO_HOME=tempfile.mkdtemp(prefix="replay-home-"), CARGO_NET_OFFLINE="true")
    env.update(GIT_ENV)
    rows = []
    for bundle in sorted(f for f in os.listdir(args.bundles) if f.endswith(".bundle")):
        name = bundle[: -len(".bundle")]
        source = tempfile.mkdtemp(prefix=f"replay-{name}-")
        clone = os.path.join(source, name)
        run(["git", "clone", "-q", os.path.join(args.bundles, bundle), clone], source, env=env)
        tags = release_tags(clone)[-args.samples :]
        results = [replay(binary, clone, name, tag, env) for tag in tags]
        shutil.rmtree(source, ignore_errors=True)
        scored = [r for r in results if r["agree"] is not None]
        rows.append(
            (
                name,
                len(results),
                sum(len(r["false_errors"]) for r in results),
                f"{sum(r['agree'] for r in scored)}/{len(scored)}",
                sum(len(r["unpublished_planned"]) for r in results),
                sum(1 for r in results if r["double"]),
                sum(1 for r in results if r["double"] is not None),
            )
        )
        for r in results:
            for error in r["false_errors"]:
                print(f"  {name} {r['tag']}: false error: {error}", file=sys.stderr)
            if r["unpublished_planned"]:
                print(f"  {name} {r['tag']}: plans unpublished {r['unpublished_planned']}", file=sys.stderr)
            print(f"  {name} {r['tag']}: {r.get('suggested', 'no suggestion scored')}; rerun: {r['rerun']}", file=sys.stderr)
    print("| repository | points | false errors | suggest = released | plans with unpublished | double releases | rebase reruns tried |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What `cargo ship` reads in the changelogs of published crates, and writes into them.

Each crate in $CARGO_HOME/registry/src that ships a changelog is put in a throwaway git
repository: its published files committed and tagged `v{version}`, then one `fix:` commit to its
code. `cargo ship suggest` runs there, and `cargo ship patch --dry-run` shows the release it
would make. Between releases an Unreleased section is empty, holds the maintainers' template
(bumpalo's `* TODO (or remove section if none)` under every heading) or holds entries written
ahead (hashbrown's), so:

- a changelog reason above a fix is listed for review: real pending entries, or a template
  read as entries (a false "breaking" on a crate nobody touched);
- the headings `suggest` does not know are counted (each is a note, and no evidence);
- the release heading the dry run would write is printed beside the last release's, to read
  that it follows the file's format and says nothing of the last release (its date). The
  throwaway tags are `v{version}`: a heading linking tags written otherwise
  (`async-compression-v0.4.37`) gets no link rather than a guessed one.

    benches/published_changelogs.py [--max N]

The crates are hard-linked into a temp dir (the cache is never touched); nothing reaches the
network (CARGO_NET_OFFLINE, `--offline`).
"""

import argparse
import collections
import json
import os
import re
import shutil
import tempfile
import time

from benchlib import cached_crates, release_binary, run

NAMES = ["CHANGELOG.md", "Changelog.md", "changelog.md", "CHANGES.md"]
RANK = {"none": 0, "fix": 1, "feature": 2, "breaking": 3}


def throwaway_repo(source, work):
    """The crate's files in a fresh repository, released as `v{version}`, then changed by one
    `fix:` commit to its library or binary root; `None` when it has neither."""
    crate = os.path.join(work, os.path.basename(source))
    shutil.copytree(source, crate, copy_function=os.link)
    code = next((p for p in ("src/lib.rs", "src/main.rs") if os.path.exists(os.path.join(crate, p))), None)
    if code is None:
        return None
    version = os.path.basename(source).rsplit("-", 1)[1]
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgSign=false"]
    run(git + ["init", "-q", "-b", "main"], crate)
    run(git + ["add", "-A"], crate)
    run(git + ["commit", "-q", "-m", f"chore: release {version}"], crate)
    run(git + ["tag", f"v{version}"], crate)
    # A hard link shares the cache's inode: replace the file before writing to it.
    path = os.path.join(crate, code)
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    os.unlink(path)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n// a fix\n")
    run(git + ["commit", "-q", "-am", "fix: a small thing"], crate)
    return crate


def release_heading(diff, version):
    """The heading the dry run's changelog diff adds for `version`."""
    for line in diff.splitlines():
        if line.startswith("+#") and version in line:
            return line[1:]
    return None


def last_heading(crate, version):
    """The heading of the last release, `version`, in the crate's changelog."""
    for name in NAMES:
        path = os.path.join(crate, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                return next((l.strip() for l in f if l.startswith("#") and version in l), None)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=0, help="the first N crates with a changelog")
    args = parser.parse_args()
    binary = release_binary()
    os.environ["CARGO_NET_OFFLINE"] = "true"
    work = tempfile.mkdtemp(prefix="published-changelogs-")
    sources = [
        crate for crate in cached_crates() if any(os.path.exists(os.path.join(crate, name)) for name in NAMES)
    ]
    if args.max:
        sources = sources[: args.max]
    started = time.monotonic()
    said = collections.Counter()
    above_fix, unknown, headings, skipped = [], collections.Counter(), [], 0
    for source in sources:
        crate = throwaway_repo(source, work)
        if crate is None:
            skipped += 1
            continue
        out = run([binary, "ship", "suggest", "--offline", "--format", "json"], crate, check=False)
        if out.returncode != 0:
            skipped += 1
            shutil.rmtree(crate, ignore_errors=True)
            continue
        package = json.loads(out.stdout)["packages"][0]
        from_changelog = [r for r in package["reasons"] if r["source"] == "changelog"]
        strongest = max((r["change"] for r in from_changelog), key=RANK.get, default="none")
        said[strongest] += 1
        if RANK[strongest] > RANK["fix"]:
            first = next(r for r in from_changelog if r["change"] == strongest)
            above_fix.append(f"{os.path.basename(source)}: {strongest}: {first['detail'][:100]}")
        for note in package["notes"]:
            found = re.search(r"`([^`]+)` is not a heading", note)
            if found:
                unknown[found.group(1)] += 1
        if package["next"]:
            dry = run(
                [binary, "ship", package["next"], "--dry-run", "--no-publish", "--no-push", "--offline", "--allow-branch", "*"],
                crate,
                check=False,
            )
            written = release_heading(dry.stdout + dry.stderr, package["next"])
            if written:
                last = last_heading(crate, package["current"])
                headings.append(f"{os.path.basename(source):40} {written:60} (last: {last})")
        shutil.rmtree(crate, ignore_errors=True)
    elapsed = time.monotonic() - started
    shutil.rmtree(work, ignore_errors=True)
    print(f"published crates with a changelog: {len(sources)} ({skipped} skipped: no src/lib.rs or main.rs, or suggest refused) in {elapsed:.1f} s")
    print("what their changelog says after one fix: " + ", ".join(f"{k} {said[k]}" for k in RANK))
    print("\nchangelogs saying more than a fix (pending entries, or a template read as entries):")
    print("\n".join(f"- {line}" for line in above_fix) or "- none")
    print("\nheadings not known (a note each, no evidence): " + (", ".join(f"{h} {n}" for h, n in unknown.most_common(20)) or "none"))
    print("\nrelease headings a dry run writes:")
    print("\n".join(headings) or "none")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`cargo ship check` on every published crate in the local cargo cache.

Each crate in $CARGO_HOME/registry/src was accepted by its registry, so a refusal is a false
alarm unless today's cargo refuses to package it too (rules tightened over time: an old
crate's readme may no longer be in its package). For each crate `check` refuses, `cargo
package --list` is asked; the disagreements are printed, as are the warnings' counts.

    benches/published_check.py [--max N]

The crates are hard-linked into a temp dir (the cache is never touched); nothing reaches the
network (CARGO_NET_OFFLINE).
"""

import argparse
import collections
import os
import re
import shutil
import tempfile
import time

from benchlib import cached_crates, release_binary, run



def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=0, help="the first N crates")
    args = parser.parse_args()
    binary = release_binary()
    os.environ["CARGO_NET_OFFLINE"] = "true"
    work = tempfile.mkdtemp(prefix="published-check-")
    crates = cached_crates()
    if args.max:
        crates = crates[: args.max]
    ready, refused, agreed, warnings = 0, [], 0, collections.Counter()
    started = time.monotonic()
    for source in crates:
        crate = os.path.join(work, os.path.basename(source))
        shutil.copytree(source, crate, copy_function=os.link)
        out = run([binary, "ship", "check"], crate, check=False)
        warnings.update(re.findall(r"warning\[([a-z-]+)\]", out.stdout + out.stderr))
        if out.returncode == 0:
            ready += 1
        else:
            cargo = run(["cargo", "package", "--list", "--allow-dirty"], crate, check=False)
            if cargo.returncode != 0:
                agreed += 1
            else:
                rules = sorted(set(re.findall(r"error\[([a-z-]+)\]", out.stdout + out.stderr)))
                refused.append((os.path.basename(source), rules or [out.stderr.strip()[:200]]))
        shutil.rmtree(crate, ignore_errors=True)
    elapsed = time.monotonic() - started
    shutil.rmtree(work, ignore_errors=True)
    print(f"published crates checked: {len(crates)} in {elapsed:.1f} s")
    print(f"ready: {ready}; refused where cargo package refuses too: {agreed}; refused, cargo packages it: {len(refused)}")
    for name, rules in refused:
        print(f"- {name}: {', '.join(rules)}")
    print("warnings: " + ", ".join(f"{rule} {count}" for rule, count in warnings.most_common()))


if __name__ == "__main__":
    main()

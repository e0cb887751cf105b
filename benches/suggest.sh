#!/usr/bin/env bash
# Benchmark: `cargo ship suggest -p P` on a generated repository of 10 000 commits (a workspace
# of 4 members, conventional messages, the last release tagged 10 000 commits back), against
# `git log --format=%H%x00%B -- <member dir>`, the path-limited log it cannot avoid, measured
# in the same run for each package. Goal: <= 2x.
#
# Each commit adds a line of code. A history whose feature commits all change comments only is
# the worst case: suggest then reads every one's diff to know none adds a feature (one
# `git show` for all; +80 ms, 2.2-2.4x, on 500 such commits per member on 2026-12-01).
#
#   benches/suggest.sh [RUNS]        (default 10 runs of each command, interleaved)
# shellcheck source=benches/lib.sh
source "$(dirname "$0")/lib.sh"
runs=${1:-10}

bin="$PWD/target/release/cargo-ship"
repo="$work/repo"
mkdir -p "$repo"
git -C "$repo" init -q -b main

# The workspace, committed and tagged, then 10 000 commits through fast-import.
members=(core cli web util)
cat >"$repo/Cargo.toml" <<'TOML'
[workspace]
resolver = "2"
members = ["crates/*"]
TOML
for m in "${members[@]}"; do
  mkdir -p "$repo/crates/$m/src"
  printf '[package]\nname = "big-%s"\nversion = "1.0.0"\nedition = "2021"\n' "$m" >"$repo/crates/$m/Cargo.toml"
  echo "//! $m" >"$repo/crates/$m/src/lib.rs"
done
git -C "$repo" add -A
git -C "$repo" -c user.name=b -c user.email=b@example.com commit -q -m "chore: start"
for m in "${members[@]}"; do
  git -C "$repo" -c user.name=b -c user.email=b@example.com tag -a "big-$m-v1.0.0" -m release
done
start=$(git -C "$repo" rev-parse HEAD)
python3 - "$start" "${members[@]}" <<'PY' | git -C "$repo" fast-import --quiet --date-format=raw
import sys
start, members = sys.argv[1], sys.argv[2:]
kinds = ["fix: correct an edge case", "feat: add an option", "docs: explain more", "chore: tidy up", "refactor: simplify"]
out = sys.stdout
for i in range(10000):
    member = members[i % len(members)]
    message = f"{kinds[i % len(kinds)]} ({i})\n"
    content = f"pub fn f{i}() {{}}\n"
    out.write("commit refs/heads/main\n")
    out.write(f"mark :{i + 1}\n")
    out.write(f"committer b <b@example.com> {1700000000 + i} +0000\n")
    out.write(f"data {len(message.encode())}\n{message}\n")
    if i == 0:
        out.write(f"from {start}\n")
    out.write(f"M 100644 inline crates/{member}/src/change.rs\n")
    out.write(f"data {len(content.encode())}\n{content}\n")
PY
git -C "$repo" checkout -q -f main
echo "commits: $(git -C "$repo" rev-list --count HEAD)"

for m in "${members[@]}"; do
  "$bin" ship suggest -p "big-$m" --manifest-path "$repo/Cargo.toml" >/dev/null
  git -C "$repo" log --format=%H%x00%B -- "crates/$m" >/dev/null
done
echo "medians of $runs runs each, interleaved:"
for m in "${members[@]}"; do
  floor=() ship=()
  for _ in $(seq 1 "$runs"); do
    t0=$(now); git -C "$repo" log --format=%H%x00%B -- "crates/$m" >/dev/null; t1=$(now)
    floor+=($(( (t1 - t0) / 1000 )))
    t0=$(now); (cd "$repo" && "$bin" ship suggest -p "big-$m" >/dev/null); t1=$(now)
    ship+=($(( (t1 - t0) / 1000 )))
  done
  f=$(printf '%s\n' "${floor[@]}" | median)
  s=$(printf '%s\n' "${ship[@]}" | median)
  awk -v m="big-$m" -v f="$f" -v s="$s" 'BEGIN {
    printf "%-10s git log -- dir %7.1f ms   cargo ship suggest %7.1f ms   ratio %.2fx\n", m, f/1000, s/1000, s/f }'
done

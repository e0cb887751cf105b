#!/usr/bin/env bash
# Benchmark: `cargo ship minor --dry-run` against `cargo metadata --no-deps --offline` (the
# floor), and against `cargo release minor` (its dry run) when cargo-release is installed, in
# the same run: on a one-crate git repository and on 20- and 300-crate chain workspaces (each
# member depends on the previous one), the 300 released under their own tags or under one
# name-less tag (insta's way: one group, found from the tags). Goals: <= 3x the floor on one
# crate, <= 10x on the 20-crate chain, <= 5x at 300 crates (the history is read once, not
# once per member).
#
#   benches/release.sh [RUNS]      (default 20 runs of each command, interleaved)
# shellcheck source=benches/lib.sh
source "$(dirname "$0")/lib.sh"
runs=${1:-20}

repo() { # DIR FILE TAG...: a git repo with tagged releases, a bare remote and one new commit
  # that changes FILE (a crate with no change since its release has nothing to release)
  local dir=$1 file=$2 tag
  shift 2
  git -C "$dir" init -q -b main
  git -C "$dir" add -A
  git -C "$dir" commit -q -m "feat: initial"
  for tag in "$@"; do git -C "$dir" tag -a "$tag" -m release; done
  git init -q --bare "$dir.remote"
  git -C "$dir" remote add origin "$dir.remote"
  git -C "$dir" push -q -u origin main --tags
  echo "// change" >>"$dir/$file"
  git -C "$dir" commit -q -am "fix: a change"
}

# A dependency-free crate with its Cargo.lock committed (cargo-release runs `cargo metadata`,
# which would otherwise write one and leave the tree dirty).
cp -r fixtures/gpl-plus "$work/one"
printf '/target\n' >"$work/one/.gitignore"
printf '# Changelog\n\n## [Unreleased]\n\n- A fix.\n' >"$work/one/CHANGELOG.md"
(cd "$work/one" && cargo generate-lockfile --offline --quiet)
repo "$work/one" README.md v2.1.0

workspace() { # DIR N [TAG]: an N-crate chain workspace (each member depends on the previous
  # one), released once (under TAG, else a tag per member), then a change in the first link:
  # every other link depends on it, so all N are released.
  local chain=$1 n=$2 tag=${3:-} i dir
  mkdir -p "$chain"
  cat >"$chain/Cargo.toml" <<'TOML'
[workspace]
resolver = "2"
members = ["crates/*"]

[workspace.package]
edition = "2021"
rust-version = "1.74"
license = "MIT"
repository = "https://github.com/example/chain"
TOML
  echo "# chain" >"$chain/README.md"
  printf '/target\n' >"$chain/.gitignore"
  for i in $(seq 1 "$n"); do
    dir="$chain/crates/link-$i"
    mkdir -p "$dir/src"
    echo "//! link $i" >"$dir/src/lib.rs"
    {
      echo "[package]"
      echo "name = \"link-$i\""
      echo "version = \"0.1.0\""
      echo "description = \"Link $i of the chain\""
      for key in edition rust-version license repository; do echo "$key.workspace = true"; done
      echo "readme = \"../../README.md\""
      echo "keywords = [\"bench\"]"
      echo "categories = [\"development-tools\"]"
      if [ "$i" -gt 1 ]; then
        echo
        echo "[dependencies]"
        echo "link-$((i - 1)) = { path = \"../link-$((i - 1))\", version = \"0.1.0\" }"
      fi
    } >"$dir/Cargo.toml"
  done
  (cd "$chain" && cargo generate-lockfile --offline --quiet)
  if [ -n "$tag" ]; then
    repo "$chain" crates/link-1/src/lib.rs "$tag"
  else
    repo "$chain" crates/link-1/src/lib.rs $(for i in $(seq 1 "$n"); do echo "link-$i-v0.1.0"; done)
  fi
}
workspace "$work/chain" 20
workspace "$work/wide" 300
workspace "$work/lockstep" 300 v0.1.0

have_release=false
if cargo release --version >/dev/null 2>&1; then have_release=true; fi

measure() { # DIR LABEL
  local dir=$1 label=$2 floor=() ship=() rel=()
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(now); (cd "$dir" && cargo metadata --no-deps --format-version 1 --offline >/dev/null); t1=$(now)
    floor+=($(( (t1 - t0) / 1000 )))
    t0=$(now); (cd "$dir" && cargo ship minor --dry-run --workspace >/dev/null 2>&1); t1=$(now)
    ship+=($(( (t1 - t0) / 1000 )))
    if $have_release; then
      t0=$(now); (cd "$dir" && cargo release minor --workspace --no-publish --no-confirm >/dev/null 2>&1 || true); t1=$(now)
      rel+=($(( (t1 - t0) / 1000 )))
    fi
  done
  local f s
  f=$(printf '%s\n' "${floor[@]}" | median)
  s=$(printf '%s\n' "${ship[@]}" | median)
  awk -v l="$label" -v f="$f" -v s="$s" 'BEGIN {
    printf "%-22s cargo metadata %7.1f ms   cargo ship minor --dry-run %7.1f ms   ratio %.2fx\n", l, f/1000, s/1000, s/f }'
  if $have_release; then
    local r
    r=$(printf '%s\n' "${rel[@]}" | median)
    awk -v l="$label" -v f="$f" -v r="$r" 'BEGIN {
      printf "%-22s cargo release minor (dry run) %7.1f ms   ratio %.2fx\n", l, r/1000, r/f }'
  fi
}

# Warm-up.
(cd "$work/one" && cargo ship minor --dry-run >/dev/null 2>&1)
(cd "$work/chain" && cargo ship minor --dry-run --workspace >/dev/null 2>&1)
(cd "$work/wide" && cargo ship minor --dry-run --workspace >/dev/null 2>&1)
(cd "$work/lockstep" && cargo ship minor --dry-run --workspace >/dev/null 2>&1)

echo "medians of $runs runs each, interleaved:"
measure "$work/one" "one crate"
measure "$work/chain" "20-crate chain"
measure "$work/wide" "300-crate chain"
measure "$work/lockstep" "300 crates, one tag"
$have_release || echo "(cargo-release is not installed: no comparison with it)"

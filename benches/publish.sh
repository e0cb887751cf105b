#!/usr/bin/env bash
# Benchmark: `cargo ship publish --workspace --yes` against plain `cargo publish --workspace` on
# an identical copy of a generated 10-crate workspace (two dependency layers), each publishing
# to its own fresh local registry (kellnr, see scripts/registry), in the same run. Goal: <= 1.1x
# (the preflight and index checks must cost almost nothing next to packaging and upload).
#
#   benches/publish.sh [ROUNDS]     (default 3 rounds, each with fresh registries)
# shellcheck source=benches/lib.sh
source "$(dirname "$0")/lib.sh"
rounds=${1:-3}

registry=$PWD/scripts/registry
cleanup() {
  for dir in "$work"/reg-*; do [ -d "$dir" ] && "$registry" stop "$dir"; done
  rm -rf "$work"
}
trap cleanup EXIT

generate() { # DIR
  local ws=$1
  mkdir -p "$ws"
  cat >"$ws/Cargo.toml" <<'TOML'
[workspace]
resolver = "2"
members = ["crates/*"]

[workspace.package]
version = "0.1.0"
edition = "2021"
rust-version = "1.74"
license = "MIT"
repository = "https://github.com/example/layers"
TOML
  echo "# layers" >"$ws/README.md"
  printf '/target\n' >"$ws/.gitignore"
  for layer in 1 2; do
    for i in 1 2 3 4 5; do
      local name="layer$layer-crate$i" dir="$ws/crates/layer$layer-crate$i"
      mkdir -p "$dir/src"
      echo "//! $name" >"$dir/src/lib.rs"
      {
        echo "[package]"
        echo "name = \"$name\""
        echo "description = \"Crate $i of layer $layer\""
        for key in version edition rust-version license repository; do echo "$key.workspace = true"; done
        echo "readme = \"../../README.md\""
        echo "keywords = [\"bench\"]"
        echo "categories = [\"development-tools\"]"
        echo "publish = [\"local\"]"
        if [ "$layer" = 2 ]; then
          echo
          echo "[dependencies]"
          echo "layer1-crate$i = { path = \"../layer1-crate$i\", version = \"0.1.0\", registry = \"local\" }"
        fi
      } >"$dir/Cargo.toml"
    done
  done
  (cd "$ws" && CARGO_REGISTRIES_LOCAL_INDEX=sparse+http://127.0.0.1:9/ cargo generate-lockfile --offline --quiet)
  git -C "$ws" init -q -b main && git -C "$ws" add -A && git -C "$ws" commit -q -m initial
}

# Warm the build of the generated crates once (both tools verify-build each crate).
generate "$work/warm"

plain=() ship=()
for round in $(seq 1 "$rounds"); do
  for tool in plain ship; do
    dir="$work/$tool-$round"
    generate "$dir"
    reg="$work/reg-$tool-$round"
    # shellcheck disable=SC1090
    eval "$("$registry" start "$reg" | sed 's/^/export /')"
    export CARGO_REGISTRIES_LOCAL_INDEX=$REGISTRY_INDEX CARGO_REGISTRIES_LOCAL_TOKEN=$REGISTRY_TOKEN
    t0=$(now)
    if [ "$tool" = plain ]; then
      (cd "$dir" && cargo publish --workspace --registry local >/dev/null 2>&1)
    else
      (cd "$dir" && cargo ship publish --workspace --yes >/dev/null 2>&1)
    fi
    t1=$(now)
    # Every crate must be in the index, or the timing means nothing.
    for layer in 1 2; do for i in 1 2 3 4 5; do
      curl -fsS "$REGISTRY_URL/api/v1/crates/la/ye/layer$layer-crate$i" >/dev/null \
        || { echo "layer$layer-crate$i was not published by $tool" >&2; exit 1; }
    done; done
    "$registry" stop "$reg"
    if [ "$tool" = plain ]; then plain+=($(( (t1 - t0) / 1000 ))); else ship+=($(( (t1 - t0) / 1000 ))); fi
  done
done
p=$(printf '%s\n' "${plain[@]}" | median)
s=$(printf '%s\n' "${ship[@]}" | median)
awk -v p="$p" -v s="$s" -v r="$rounds" 'BEGIN {
  printf "medians of %d rounds, 10-crate workspace, two layers:\n", r
  printf "cargo publish --workspace %8.2f s   cargo ship publish --workspace --yes %8.2f s   ratio %.3fx\n", p/1e6, s/1e6, s/p }'

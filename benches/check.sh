#!/usr/bin/env bash
# Benchmark: `cargo ship check` against `cargo metadata --no-deps --format-version 1 --offline`
# (the floor: one cargo start-up reading the manifests), measured in the same run, on one crate
# and on a generated 300-crate workspace. Prints medians and the ratio; the goal is <= 1.25x.
#
#   benches/check.sh [RUNS]        (default 30 runs of each command, interleaved)
# shellcheck source=benches/lib.sh
source "$(dirname "$0")/lib.sh"
runs=${1:-30}

cp -r fixtures/valid-crate "$work/one"

# A 300-member workspace: inherited metadata, each member depending on the previous one.
ws="$work/ws300"
mkdir -p "$ws"
cat >"$ws/Cargo.toml" <<'TOML'
[workspace]
resolver = "2"
members = ["crates/*"]

[workspace.package]
version = "1.0.0"
edition = "2021"
rust-version = "1.74"
license = "MIT OR Apache-2.0"
repository = "https://github.com/example/big"
keywords = ["bench"]
categories = ["development-tools"]
TOML
echo "# big" >"$ws/README.md"
for i in $(seq 1 300); do
  dir="$ws/crates/member-$i"
  mkdir -p "$dir/src"
  echo "//! member $i" >"$dir/src/lib.rs"
  {
    echo "[package]"
    echo "name = \"member-$i\""
    echo "description = \"Member $i of the benchmark workspace\""
    for key in version edition rust-version license repository keywords categories; do
      echo "$key.workspace = true"
    done
    echo "readme = \"../../README.md\""
    echo
    echo "[dependencies]"
    if [ "$i" -gt 1 ]; then echo "member-$((i - 1)) = { path = \"../member-$((i - 1))\", version = \"1.0.0\" }"; fi
    echo "serde = { version = \"1\", optional = true }"
    echo
    echo "[features]"
    echo "default = []"
    echo "serde = [\"dep:serde\"]"
  } >"$dir/Cargo.toml"
done

# median_ms LABEL DIR CMD... : runs CMD in DIR $runs times, prints the median in ms.
declare -A samples
measure_pair() {
  local dir=$1 name_a=$2 name_b=$3
  local a=() b=()
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(now); (cd "$dir" && cargo metadata --no-deps --format-version 1 --offline >/dev/null); t1=$(now)
    a+=($(( (t1 - t0) / 1000 )))
    t0=$(now); (cd "$dir" && cargo ship check --workspace >/dev/null); t1=$(now)
    b+=($(( (t1 - t0) / 1000 )))
  done
  samples[$name_a]=$(printf '%s\n' "${a[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  samples[$name_b]=$(printf '%s\n' "${b[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
}

# Warm up the page cache and cargo's own files once.
(cd "$work/one" && cargo metadata --no-deps --format-version 1 --offline >/dev/null && cargo ship check >/dev/null)
(cd "$ws" && cargo metadata --no-deps --format-version 1 --offline >/dev/null && cargo ship check --workspace >/dev/null)

measure_pair "$work/one" one_floor one_ship
measure_pair "$ws" ws_floor ws_ship

report() {
  local label=$1 floor=$2 ship=$3
  awk -v l="$label" -v f="$floor" -v s="$ship" 'BEGIN {
    printf "%-26s cargo metadata %7.1f ms   cargo ship check %7.1f ms   ratio %.2fx\n", l, f/1000, s/1000, s/f }'
}
echo "medians of $runs runs each, interleaved:"
report "one crate" "${samples[one_floor]}" "${samples[one_ship]}"
report "300-crate workspace" "${samples[ws_floor]}" "${samples[ws_ship]}"

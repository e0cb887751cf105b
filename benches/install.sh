#!/usr/bin/env bash
# Benchmark: what a new user's `cargo install --path .` costs, from a fresh clone with an empty
# target directory: wall time and the installed binary's size. The crates are already in the
# local registry cache (download time depends on the network, not on us).
#
#   benches/install.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q . "$work/clone"
cargo fetch --locked --quiet --manifest-path "$work/clone/Cargo.toml"
start=$(date +%s)
CARGO_TARGET_DIR="$work/target" cargo install --quiet --locked --path "$work/clone" --root "$work/root"
end=$(date +%s)
bytes=$(stat -c %s "$work/root/bin/cargo-ship")
echo "install: $((end - start)) s on $(nproc) cores (goal <= 300 s)"
awk -v b="$bytes" 'BEGIN { printf "binary: %.2f MiB (%d bytes; goal <= 8.5 MiB)\n", b / 1048576, b }'

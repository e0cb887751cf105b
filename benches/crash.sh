#!/usr/bin/env bash
# Crash anywhere, rerun, converge: kills `cargo ship patch --workspace --yes` with SIGKILL at N
# moments spread over its run (3-crate workspace, bare remote, a real kellnr), reruns it, and
# compares with an uninterrupted release. Prints each kill point and
# "kill points survived / tried".
#
#   benches/crash.sh [N]      (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/registry install >/dev/null
CRASH_TRIALS=${1:-200} cargo test --release --test crash -- --ignored --nocapture 2>&1 |
  grep -E "^kill point|survived|panicked"

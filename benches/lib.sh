# Shared by the benchmark scripts (sourced): a release build first on PATH, a scratch directory
# with its own CARGO_HOME (removed on exit), a clock in nanoseconds and a median.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo build --release --quiet
export PATH="$PWD/target/release:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_HOME="$work/cargo-home"
mkdir -p "$CARGO_HOME"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

now() { date +%s%N; }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

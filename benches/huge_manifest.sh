#!/usr/bin/env bash
# Benchmark: time and peak memory on a pathological manifest (one crate, FEATURES features;
# the default 2 000 000 makes a 56 MB Cargo.toml), as ratios against cargo's own commands on
# the same file, measured in the same run: `cargo metadata --no-deps` (what `check` competes
# with) and `cargo package --no-verify` (what a real release runs anyway).
#
#   benches/huge_manifest.sh [FEATURES]
# shellcheck source=benches/lib.sh
source "$(dirname "$0")/lib.sh"
features=${1:-2000000}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }

crate="$work/huge"
mkdir -p "$crate/src"
echo 'pub fn f() {}' >"$crate/src/lib.rs"
python3 - "$crate/Cargo.toml" "$features" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write('[package]\nname = "huge"\nversion = "0.1.0"\nedition = "2021"\nlicense = "MIT"\n'
            'description = "A manifest with very many features"\n'
            'repository = "https://example.com/huge"\n\n[features]\n')
    for i in range(n):
        f.write(f"feature_number_{i:07} = []\n")
PY
git -C "$crate" init -q
git -C "$crate" add -A
git -C "$crate" commit -qm "huge manifest"
echo "manifest: $(du -h "$crate/Cargo.toml" | cut -f1), $features features"

# Prints "<seconds> <peak KB>" of one command run in the crate.
measure() {
  (cd "$crate" && /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1) || true
  cat "$work/time"
}
read -r meta_s meta_kb < <(measure cargo metadata --no-deps --format-version 1 --offline)
read -r check_s check_kb < <(measure cargo-ship ship check --offline)
read -r dry_s dry_kb < <(measure cargo-ship ship patch --dry-run --offline)
read -r pkg_s pkg_kb < <(measure cargo package --no-verify --allow-dirty --offline)

report() {
  awk -v n="$1" -v s="$2" -v kb="$3" -v bs="$meta_s" -v bkb="$meta_kb" -v ps="$pkg_s" -v pkb="$pkg_kb" \
    'BEGIN { printf "%-32s %7.2f s %8.0f MB   time %5.2fx / %5.2fx   memory %5.2fx / %5.2fx\n",
             n, s, kb / 1024, s / bs, s / ps, kb / bkb, kb / pkb }'
}
echo "ratios: against cargo metadata / against cargo package"
report "cargo metadata --no-deps" "$meta_s" "$meta_kb"
report "cargo package --no-verify" "$pkg_s" "$pkg_kb"
report "cargo ship check" "$check_s" "$check_kb"
report "cargo ship patch --dry-run" "$dry_s" "$dry_kb"

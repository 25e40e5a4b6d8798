#!/usr/bin/env bash
# Coverage-guided fuzzing on stable Rust with AFL++ (cargo-afl).
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 60 seconds for each target, every target
#   fuzz/run.sh 600 check record          ten minutes each for two
#
# Builds the targets with `cargo afl` into target/afl (installing cargo-afl and its AFL++
# first if missing), runs each with afl-fuzz for SECONDS on fuzz/corpus/<target>/, then prints
# its executions per second, the edges it found (its coverage) and any crashes or hangs.
# Crashes and hangs are copied to fuzz/regressions/<target>/, which `cargo test -p
# postwise-fuzz` replays: commit them with the fix. AFL++'s own output stays in
# target/afl/out/<target>/ (its queue is the grown corpus: `cargo afl cmin` it into
# fuzz/corpus/<target>/ to keep what it found).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
all=(check record answers import_docx import_txt lint)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo afl --version >/dev/null 2>&1; then
  cargo install --locked cargo-afl
fi
# cargo-afl builds AFL++ once for the toolchain; a second call says it is built already.
cargo afl config --build >/dev/null 2>&1 || true

export CARGO_TARGET_DIR="$PWD/target/afl"
cargo afl build --release --quiet -p postwise-fuzz --features afl --bins

# No CPU governor or core-dump handler to satisfy on a shared machine; no screen to draw.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_QUIET=1

stat() { grep -E "^$2 " "$1" | sed 's/.*: //'; }

printf '%-14s %8s %10s %12s %9s %8s %6s\n' target seconds execs/s executions edges coverage crashes
for target in "${targets[@]}"; do
  out="$CARGO_TARGET_DIR/out/$target"
  rm -rf "$out"
  mkdir -p "$out"
  cargo afl fuzz -i "fuzz/corpus/$target" -o "$out" -V "$seconds" -t 5000 -m none \
    "$CARGO_TARGET_DIR/release/fuzz_$target" >"$out/afl.log" 2>&1 || {
      echo "afl-fuzz failed for $target: see $out/afl.log" >&2
      tail -20 "$out/afl.log" >&2
      exit 1
    }
  stats="$out/default/fuzzer_stats"
  crashes=0
  for kind in crashes hangs; do
    for found in "$out"/default/"$kind"/id:*; do
      [ -e "$found" ] || continue
      mkdir -p "fuzz/regressions/$target"
      cp "$found" "fuzz/regressions/$target/$kind-$(sha256sum "$found" | cut -c1-16)"
      crashes=$((crashes + 1))
    done
  done
  printf '%-14s %8s %10s %12s %9s %8s %6s\n' "$target" "$(stat "$stats" run_time)" "$(stat "$stats" execs_per_sec)" \
    "$(stat "$stats" execs_done)" "$(stat "$stats" edges_found)/$(stat "$stats" total_edges)" \
    "$(stat "$stats" bitmap_cvg)" "$crashes"
done

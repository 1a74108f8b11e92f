#!/usr/bin/env bash
# Builds and runs one libFuzzer target over the real PINN sources.
#
#   scripts/fuzz.sh json|problem|expression SECONDS [libFuzzer options…]
#   scripts/fuzz.sh TARGET build          # build only; prints the binary's path
#
# How: SwiftPM builds the PINN and ENNCore targets into .build-fuzz with -sanitize=fuzzer
# (coverage instrumentation; no libFuzzer main, because no executable is linked) and
# -enable-testing (the targets reach internal types such as JSONParser through
# @testable import). swiftc then compiles Fuzz/<Target>.swift and links it with those
# objects and libFuzzer. The corpus lives in .build-fuzz/corpus/TARGET, seeded from
# problems/*.json, Tests/PINNTests/Fixtures and docs/picture (for `expression`: every
# expression string in them); crashing, timing-out or leaking inputs land in
# .build-fuzz/artifacts/TARGET/. One job on one core (-jobs=1 is libFuzzer's default).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: scripts/fuzz.sh json|problem|expression SECONDS|build [libFuzzer options…]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS|build}
shift 2
case $target in
    json) source=JSONReader ;;
    problem) source=ProblemDecoder ;;
    expression) source=ExpressionParser ;;
    *) echo "scripts/fuzz.sh: unknown target '$target' (json, problem, expression)" >&2; exit 2 ;;
esac
scratch=$root/.build-fuzz
cd "$root"
swift build -c release --scratch-path "$scratch" --target PINN -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing >&2
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
mkdir -p "$scratch/fuzz"
binary=$scratch/fuzz/$target
modules=()
for m in CHDF5 CFFTW CBLAS CCairo; do modules+=(-Xcc "-fmodule-map-file=$root/Sources/$m/module.modulemap"); done
cflags=()
for f in $(pkg-config --cflags hdf5-serial fftw3 openblas cairo); do cflags+=(-Xcc "$f"); done
# The objects of the fuzzed modules, newest build only (SwiftPM keeps them beside the module).
objects=("$bin"/PINN.build/*.o "$bin"/ENNCore.build/*.o "$bin"/CSupport.build/*.o)
if [[ ! -x $binary || -n $(find "$root/Fuzz/$source.swift" "${objects[@]}" -newer "$binary" 2>/dev/null | head -1) ]]; then
    swiftc -sanitize=fuzzer -parse-as-library -O -target-cpu "${PINN_TARGET_CPU:-native}" \
        -I "$bin/Modules" -I "$bin" -Xcc "-I$root/Sources/CSupport/include" "${modules[@]}" "${cflags[@]}" \
        "$root/Fuzz/$source.swift" "${objects[@]}" \
        $(pkg-config --libs-only-L hdf5-serial openblas) -lhdf5 -lfftw3 -lfftw3_threads -lopenblas -lcairo \
        -o "$binary" >&2
fi
if [[ $seconds == build ]]; then echo "$binary"; exit 0; fi

corpus=$scratch/corpus/$target
artifacts=$scratch/artifacts/$target/
mkdir -p "$corpus" "$artifacts"
seeds=("$root"/problems/*.json "$root"/Tests/PINNTests/Fixtures/*.json "$root"/docs/picture/*.json)
if [[ $target == expression ]]; then
    # Every string value that reads as an expression (has a letter or an operator).
    python3 - "$corpus" "${seeds[@]}" <<'PY'
import hashlib, json, sys
out = sys.argv[1]
def strings(v):
    if isinstance(v, str): yield v
    elif isinstance(v, dict):
        for x in v.values(): yield from strings(x)
    elif isinstance(v, list):
        for x in v: yield from strings(x)
for path in sys.argv[2:]:
    for s in strings(json.load(open(path))):
        if len(s) < 200 and any(c in s for c in "+-*/^()_"):
            open(f"{out}/seed-{hashlib.sha1(s.encode()).hexdigest()[:12]}", "w").write(s)
PY
else
    for f in "${seeds[@]}"; do cp "$f" "$corpus/seed-$(sha1sum < "$f" | cut -c1-12)"; done
fi
dictionary=()
if [[ $target == problem ]]; then
    # Every key and short string of the seeds, quoted as in JSON, so mutations build
    # sections the validator reads instead of misspelt ones it rejects at once.
    python3 - "$scratch/problem.dict" "${seeds[@]}" <<'PY'
import json, sys
words = set()
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items(): words.add(k); walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
    elif isinstance(v, str) and len(v) < 24: words.add(v)
for path in sys.argv[2:]: walk(json.load(open(path)))
with open(sys.argv[1], "w") as out:
    for w in sorted(w for w in words if w.isascii() and w.isprintable()):
        out.write(json.dumps(json.dumps(w)) + "\n")
PY
    dictionary=(-dict="$scratch/problem.dict")
fi
# From an empty directory: a problem that names a data file must not find one by accident.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
exec "$binary" "$corpus" -max_total_time="$seconds" -artifact_prefix="$artifacts" -timeout=10 -rss_limit_mb=4096 \
    -max_len=16384 -print_final_stats=1 "${dictionary[@]}" "$@"

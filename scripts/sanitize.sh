#!/usr/bin/env bash
# Builds the package and its tests under a sanitizer and runs the tests.
#
#   scripts/sanitize.sh address|thread [XCTest filter]
#
# Each sanitizer has its own scratch directory (.build-asan, .build-tsan), so the normal
# .build stays valid. Release mode (as `make test`): the suite's numeric tests are sized for
# optimised code. A filter (e.g. 'ENNCoreTests|PINNTests.RADTests') runs a subset; without
# one the whole XCTest suite runs, which under TSan on 2 cores takes far longer than the
# ~4 minutes of a normal run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sanitizer=${1:?usage: scripts/sanitize.sh address|thread [filter]}
case $sanitizer in
    address) scratch=$root/.build-asan ;;
    thread) scratch=$root/.build-tsan ;;
    *) echo "scripts/sanitize.sh: unknown sanitizer '$sanitizer' (address, thread)" >&2; exit 2 ;;
esac
cd "$root"
swift build -c release --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
# halt_on_error: the first report fails the run; leaks are reported by ASan at exit.
# Leaks in fontconfig and ArgumentParser are suppressed (scripts/lsan-suppressions.txt);
# the child pinn-solve processes the end-to-end tests start inherit these settings.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/scripts/lsan-suppressions.txt:print_suppressions=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
# No Swift backtracer: under ASan, the swift-backtrace of a child that stops on a precondition
# on purpose (ResultWriterFailureTests) hung for 7 minutes holding the child's stderr pipe, and
# the suite with it.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
filter=()
if [[ $# -ge 2 ]]; then filter=(--filter "$2"); fi
swift test -c release --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" --disable-swift-testing "${filter[@]}"

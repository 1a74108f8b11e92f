#!/usr/bin/env bash
# Runs scripts/check-paraview.py under Xvfb with pvpython, killing it after 120 s, and
# retries (up to 3 runs) when ParaView aborts while opening its X window (exit 134) or
# hangs (137) -- seen in about 1 of 10 runs with ParaView 5.11 on Debian 12.
# Usage: scripts/check-paraview.sh /abs/file.xdmf ARRAY... [options of check-paraview.py]
set -u
script="$(cd "$(dirname "$0")" && pwd)/check-paraview.py"
for attempt in 1 2 3; do
    timeout -s KILL 120 xvfb-run -a pvpython "$script" "$@"
    status=$?
    if [ "$status" -ne 134 ] && [ "$status" -ne 137 ]; then exit "$status"; fi
    echo "check-paraview: pvpython exited with $status (attempt $attempt), retrying" >&2
done
exit "$status"

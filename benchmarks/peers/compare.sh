#!/usr/bin/env bash
# One command for the side-by-side table: makes sure the venv exists (setup.sh
# is idempotent), then runs compare.py with the given options.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/setup.sh" >&2
exec "$here/.venv/bin/python" "$here/compare.py" "$@"

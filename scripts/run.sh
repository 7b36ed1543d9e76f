#!/usr/bin/env bash
# Builds Dunderscope and opens the window on the bundled demo model (or the model given).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/app/dunderscope "$@"

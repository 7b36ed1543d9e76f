#!/usr/bin/env bash
# Builds Dunderscope and runs every test suite (offscreen: no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
mkdir -p /tmp/ds-runtime && chmod 700 /tmp/ds-runtime
export XDG_RUNTIME_DIR=/tmp/ds-runtime
ctest --test-dir build --output-on-failure -j2

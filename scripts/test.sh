#!/usr/bin/env bash
# The test command: the Maven test suite, then the end-to-end check of the training UI in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify
scripts/ui-e2e.sh

#!/usr/bin/env bash
# Browser tests: builds the postwise binary, then runs every tests/e2e/*.test.mjs with
# `node --test` against `postwise serve` in Debian's Chromium (CHROMIUM overrides its path).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --bin postwise
export POSTWISE_BIN="$PWD/target/debug/postwise"
# Chromium from Debian and the npm packages, when missing (.ci/setup checks before installing).
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ] || [ ! -d tests/e2e/node_modules/playwright-core ]; then
  .ci/setup --test
fi
exec node --test --test-reporter=spec tests/e2e/*.test.mjs

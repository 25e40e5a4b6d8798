#!/usr/bin/env bash
# Browser tests: builds the postwise binary, then runs every tests/e2e/*.test.mjs with
# `node --test` against `postwise serve` in Debian's Chromium. Needs `.ci/setup --test` (or
# Chromium at /usr/bin/chromium and `npm ci` in tests/e2e).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet --bin postwise
export POSTWISE_BIN="$PWD/target/debug/postwise"
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node --test --test-reporter=spec tests/e2e/*.test.mjs

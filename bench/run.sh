#!/usr/bin/env bash
# The API and board benchmark (see docs/performance.md). Usage: bench/run.sh [--smoke]
# Installs and starts what it needs like test.sh (PostgreSQL, Chromium, wrk), builds in Release, runs.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
# shellcheck source=../scripts/test-env.sh
source scripts/test-env.sh
ensure_postgres
ensure_chromium
ensure_wrk
dotnet build bench/Bench -c Release --nologo -v q -clp:ErrorsOnly
exec dotnet bench/Bench/bin/Release/net10.0/Bench.dll "$@"

#!/usr/bin/env bash
# Measures live-update latency across two instances (see bench/LiveLatency/Program.cs).
# Usage: bench/live-latency.sh [writes]   (default 200). Installs/starts PostgreSQL and Chromium like test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
die() { printf 'live-latency: %s\n' "$*" >&2; exit 1; }
# shellcheck source=../scripts/test-env.sh
source scripts/test-env.sh
ensure_postgres
ensure_chromium
dotnet run --project bench/LiveLatency -c Release -- "$@"

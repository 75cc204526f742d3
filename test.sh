#!/usr/bin/env bash
# Runs every test project against a real PostgreSQL server and ends with one line:
#   N passed, N failed, N skipped
#
# Chromium (for TaskBoard.E2E): /usr/bin/chromium, or TASKBOARD_CHROMIUM; installed with apt when missing.
# nginx (for the scale-out test with deploy/nginx.conf): installed with apt when missing.
# systemd-analyze (checks deploy/taskboard@.service): installed with apt (package systemd) when missing.
# wrk (for the benchmark's smoke run, which counts as one test): installed with apt when missing.
# Node.js and npm (OpenAPI linters, the TypeScript client): installed with apt when missing; then
# `npm ci` in openapi/ installs the exact tool versions of its lock file.
#
# PostgreSQL: when TASKBOARD_TEST_POSTGRES is set (a connection string for a role that may create
# databases), that server is used as it is. Otherwise the local Debian cluster is used; when it is
# missing and this runs as root, it is installed with apt and started.
#
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Tasks".
set -euo pipefail
cd "$(dirname "$0")"

die() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# shellcheck source=scripts/test-env.sh
source scripts/test-env.sh

ensure_postgres
ensure_chromium
ensure_nginx
ensure_wrk
ensure_node
ensure_systemd_analyze

say "Building"
dotnet build TaskBoard.sln --nologo -v quiet -clp:ErrorsOnly || die "The build failed."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
projects=(TaskBoard.Tests TaskBoard.E2E)
status=0
for project in "${projects[@]}"; do
  say "Testing $project"
  dotnet test "$project" --no-build --nologo "$@" 2>&1 | tee -a "$log" || status=1
done

# The benchmark in smoke mode (a few seconds on small data), so it keeps working; skipped when a
# --filter narrows the run. It counts as one test.
bench_passed=0
bench_failed=0
if [[ " $* " != *" --filter "* ]]; then
  say "Benchmark smoke run (bench/run.sh --smoke, on the Debug build)"
  if dotnet bench/Bench/bin/Debug/net10.0/Bench.dll --smoke >"$log.bench" 2>&1; then
    tail -n 25 "$log.bench"
    bench_passed=1
  else
    cat "$log.bench"
    echo "test.sh: the benchmark's smoke run failed." >&2
    bench_failed=1
  fi
  rm -f "$log.bench"
fi

# VSTest prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...".
summaries=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true)
count() { grep -oE "$1: +[0-9]+" <<<"$summaries" | awk '{ sum += $2 } END { print sum + 0 }'; }
passed=$(( $(count Passed) + bench_passed ))
failed=$(( $(count Failed) + bench_failed ))
skipped=$(count Skipped)

# A project that crashed or was filtered to nothing prints no summary; a crash must not pass quietly.
reported=$(grep -c . <<<"$summaries" || true)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: a test run failed without reporting a failed test (crash or no summary); counting it as a failure." >&2
  failed=$((failed + 1))
fi
[ "$reported" -gt 0 ] || [ "$status" -ne 0 ] || echo "test.sh: no test ran." >&2

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

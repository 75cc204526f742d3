#!/usr/bin/env bash
# Runs every test project against a real PostgreSQL server and ends with one line:
#   N passed, N failed, N skipped
#
# Chromium (for TaskBoard.E2E): /usr/bin/chromium, or TASKBOARD_CHROMIUM; installed with apt when missing.
# nginx (for the scale-out test with deploy/nginx.conf): installed with apt when missing.
#
# PostgreSQL: when TASKBOARD_TEST_POSTGRES is set (a connection string for a role that may create
# databases), that server is used as it is. Otherwise the local Debian cluster is used; when it is
# missing and this runs as root, it is installed with apt and started.
#
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Tasks".
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else return 1; fi
}

apt_install() {
  command -v apt-get >/dev/null || return 1
  say "Installing $* with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

postgres_help="Point the tests at a server instead: set TASKBOARD_TEST_POSTGRES to a connection string for a role with CREATEDB, e.g.
  TASKBOARD_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=me;Password=...;Database=postgres' ./test.sh"

ensure_postgres() {
  if [ -n "${TASKBOARD_TEST_POSTGRES:-}" ]; then
    say "Using the PostgreSQL server from TASKBOARD_TEST_POSTGRES"
    return
  fi

  if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ]; then
    apt_install postgresql || die "PostgreSQL is not installed, and it can only be installed here as root with apt.
$postgres_help"
  fi
  [ "$(id -u)" -eq 0 ] || die "Starting the local PostgreSQL cluster and creating the test role needs root.
$postgres_help"

  local cluster version name port status
  cluster=$(pg_lsclusters -h | head -n 1)
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    say "Creating PostgreSQL cluster $version/main"
    pg_createcluster "$version" main >/dev/null
    cluster=$(pg_lsclusters -h | head -n 1)
  fi
  read -r version name port status _ <<<"$cluster"
  if [ "$status" != "online" ]; then
    say "Starting PostgreSQL $version/$name on port $port"
    pg_ctlcluster "$version" "$name" start
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  pg_isready -q -h 127.0.0.1 -p "$port" || die "PostgreSQL $version/$name did not start; see /var/log/postgresql/."

  # A throwaway password for the local test role, made once per machine and kept outside the repository
  # (so two test runs on one machine share it instead of changing it under each other).
  local secret_file="${XDG_STATE_HOME:-$HOME/.local/state}/taskboard/test-postgres-password" password
  if [ ! -s "$secret_file" ]; then
    mkdir -p "$(dirname "$secret_file")"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$secret_file")
  fi
  password=$(cat "$secret_file")
  (cd / && runuser -u postgres -- psql -q -X -p "$port" -v ON_ERROR_STOP=1 -v pw="$password" >/dev/null <<'SQL'
SELECT format('CREATE ROLE taskboard_test LOGIN CREATEDB PASSWORD %L', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'taskboard_test') \gexec
SELECT format('ALTER ROLE taskboard_test LOGIN CREATEDB PASSWORD %L', :'pw') \gexec
-- Databases left behind by an interrupted earlier run, unless another run is using the server right now.
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database
 WHERE datname LIKE 'tb\_test\_%'
   AND NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE usename = 'taskboard_test') \gexec
SQL
  )
  export TASKBOARD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=taskboard_test;Password=$password;Database=postgres"
}

ensure_chromium() {
  local chromium="${TASKBOARD_CHROMIUM:-/usr/bin/chromium}"
  [ -x "$chromium" ] && return
  [ -z "${TASKBOARD_CHROMIUM:-}" ] || die "TASKBOARD_CHROMIUM is $chromium, which is not an executable."
  apt_install chromium || die "Chromium is missing for the browser tests and can only be installed here as root with apt.
Install Debian's chromium package, or set TASKBOARD_CHROMIUM to a Chromium executable."
}

ensure_nginx() {
  [ -x /usr/sbin/nginx ] && return
  apt_install nginx || die "nginx is missing for the scale-out tests and can only be installed here as root with apt.
Install Debian's nginx package."
  # The package may start its default site; the tests run their own nginx with deploy/nginx.conf.
  service nginx stop >/dev/null 2>&1 || true
}

ensure_postgres
ensure_chromium
ensure_nginx

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

# VSTest prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...".
summaries=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true)
count() { grep -oE "$1: +[0-9]+" <<<"$summaries" | awk '{ sum += $2 } END { print sum + 0 }'; }
passed=$(count Passed)
failed=$(count Failed)
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

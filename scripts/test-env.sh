# Shared by test.sh and the benchmarks: installs and starts what the tests need (PostgreSQL,
# Chromium, nginx) and exports TASKBOARD_TEST_POSTGRES. The caller defines die() before sourcing.
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else return 1; fi
}

apt_install() {
  command -v apt-get >/dev/null || return 1
  say "Installing $* with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

postgres_help="Point the tests at a server instead: set TASKBOARD_TEST_POSTGRES to a connection string for a role with CREATEDB and CREATEROLE, e.g.
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
SELECT format('CREATE ROLE taskboard_test LOGIN CREATEDB CREATEROLE PASSWORD %L', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'taskboard_test') \gexec
SELECT format('ALTER ROLE taskboard_test LOGIN CREATEDB CREATEROLE PASSWORD %L', :'pw') \gexec
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


ensure_wrk() {
  command -v wrk >/dev/null && return
  apt_install wrk || die "wrk (the benchmark's load generator) is missing and can only be installed here as root with apt.
Install Debian's wrk package."
}

# Node.js and npm run the OpenAPI linters and the TypeScript client (openapi/package.json, exact
# versions in its lock file). Debian's nodejs is enough.
ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm || die "Node.js and npm are missing for the OpenAPI checks and can only be installed here as root with apt.
Install Debian's nodejs and npm packages."
  fi
  say "Installing the OpenAPI tools (npm ci in openapi/)"
  npm ci --prefix openapi --no-audit --no-fund --loglevel=error >/dev/null || die "npm ci in openapi/ failed."
}

# systemd-analyze checks deploy/taskboard@.service.
ensure_systemd_analyze() {
  command -v systemd-analyze >/dev/null && return
  apt_install systemd || die "systemd-analyze is missing (for checking deploy/taskboard@.service) and can only be installed here as root with apt.
Install Debian's systemd package."
}

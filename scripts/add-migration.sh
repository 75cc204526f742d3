#!/usr/bin/env bash
# Adds a migration NAME for both providers, then regenerates sql/.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 MigrationName" >&2; exit 2; }
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Postgres Sqlite; do
  dotnet ef migrations add "$1" --project TaskBoard.Data --startup-project TaskBoard.Data \
    --context "${provider}DbContext" --output-dir "Database/Migrations/$provider"
done
scripts/update-sql.sh

#!/usr/bin/env bash
# Regenerates sql/ from the EF Core migrations. Run it after adding a migration (scripts/add-migration.sh
# does); the test SqlScriptsMatchTheMigrations fails while sql/ is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
script() { dotnet ef migrations script --project TaskBoard.Data --startup-project TaskBoard.Data "$@"; }
script --context PostgresDbContext --idempotent --output sql/postgres.sql
# EF Core cannot write an idempotent script for SQLite (it has no conditional DDL): this one creates the schema from scratch.
script --context SqliteDbContext --output sql/sqlite.sql

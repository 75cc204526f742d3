#!/usr/bin/env bash
# Writes the live OpenAPI document over openapi/taskboard.json (after a change of the API's contract),
# then rebuilds the generated C# client from it. Commit the document with the change.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/test-env.sh
source scripts/test-env.sh
ensure_postgres
dotnet build TaskBoard.sln --nologo -v quiet -clp:ErrorsOnly
TASKBOARD_UPDATE_OPENAPI=1 dotnet test TaskBoard.Tests --no-build --nologo --filter "FullyQualifiedName~OpenApiContractTests.TheCommittedDocumentIsTheLiveOne"
dotnet build TaskBoard.ApiClient --nologo -v quiet -clp:ErrorsOnly

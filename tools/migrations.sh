#!/usr/bin/env bash
# Adds one migration for every provider, so the three migration sets never drift apart.
#   tools/migrations.sh AddDeadlines
# BpmEfDesign=true switches on the design-time references (src/build/EfDesign.Workaround.props).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f design.db
name=${1:?usage: tools/migrations.sh <MigrationName>}
dotnet tool restore >/dev/null
export BpmEfDesign=true
for provider in Sqlite PostgreSql SqlServer; do
  dotnet ef migrations add "$name" \
    --project src/Bpm.Persistence --startup-project src/Bpm.Persistence \
    --context "${provider}BpmDbContext" --output-dir "Migrations/$provider"
done
# Leave the normal build without design-time references.
dotnet build src/Bpm.Persistence >/dev/null

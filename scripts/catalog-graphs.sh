#!/usr/bin/env bash
# Regenerates every diagram in docs/catalog.md from its definition with `hongqi graph`, so the docs never drift:
# each `<!-- graph: definitions/FILE.yaml -->` line is followed by the Mermaid block the CLI draws for FILE.
# tests/HongqiFlow.Engine.Tests/Graph/CatalogDiagramTests.cs fails when a block differs from the current output.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=engine/HongqiFlow.Cli/bin/Debug/net10.0/hongqi.dll
[ -f "$cli" ] || dotnet build engine/HongqiFlow.Cli -v q -nologo
doc=docs/catalog.md
out=$(mktemp)
state=copy
while IFS= read -r line || [ -n "$line" ]; do
  case $state in
    old-block)
      [ "$line" = '```' ] && state=copy
      continue
      ;;
    after-marker)
      state=copy
      if [ "$line" = '```mermaid' ]; then
        state=old-block
        continue
      fi
      ;;
  esac
  printf '%s\n' "$line" >>"$out"
  if [[ $line =~ ^'<!-- graph: '(.+)' -->'$ ]]; then
    printf '%s\n' '```mermaid' >>"$out"
    dotnet "$cli" graph "${BASH_REMATCH[1]}" >>"$out"
    printf '%s\n' '```' >>"$out"
    state=after-marker
  fi
done <"$doc"
mv "$out" "$doc"
echo "regenerated the diagrams in $doc"

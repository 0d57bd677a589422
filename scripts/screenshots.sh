#!/usr/bin/env bash
# The README's pictures of the documents (docs/screenshots/pdf-*.png), made from the demo
# network as `make demo` shows it, at the tests' pinned instant (Tuesday 1 December 2026,
# 10:40 in Paris): each PDF written by the command line, its first page rendered by pdftoppm.
# `make screenshots` runs it after the end-to-end tests have taken the window's pictures.
set -euo pipefail
cd "$(dirname "$0")/.."

cli=target/debug/permanences
out=${PERMANENCES_SCREENSHOTS:-docs/screenshots}
export PERMANENCES_NOW=${PERMANENCES_NOW:-2026-12-01T10:40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/demo.sqlite3"
mkdir -p "$out"

"$cli" --db "$db" demo >/dev/null
site=$("$cli" --db "$db" sites list --json | python3 -c '
import json, sys
print(next(s["id"] for s in json.load(sys.stdin) if s["name"] == "Espace numérique de l'"'"'Hôtel de Ville"))')
slip=$("$cli" --db "$db" book --site "$site" --start 2026-12-01T11:30 --name "Mme Schneider" \
  --phone "06 12 34 56 78" --reason caf --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')

render() { # NAME, then the command's arguments: writes $out/pdf-NAME.png
  local name=$1
  shift
  "$cli" --db "$db" "$@" -o "$work/$name.pdf" >/dev/null
  pdftoppm -png -r 50 -singlefile -f 1 -l 1 "$work/$name.pdf" "$out/pdf-$name"
  echo "$out/pdf-$name.png"
}
render poster-a4 leaflet --site "$site" --logo permanences
render poster-a4-gros leaflet --site "$site" --large-print
render poster-a5 leaflet --site "$site" --size a5
render reseau-a5 leaflet --network
render reseau-a5-gros leaflet --network --large-print
render reseau-a4 leaflet --network --size a4
render coupon slip --appointment "$slip"
render jour daysheet --site "$site" --date 2026-12-01
render semaine weeksheet --site "$site" --date 2026-12-01
render bilan report --from 2026-11-01 --to 2026-11-30

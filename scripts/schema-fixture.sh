#!/usr/bin/env bash
# Makes the upgrade test's fixtures for the schema of a released version, with that version's
# own code: tests/fixtures/schema/v<N>.sqlite3 (the demo network seeded at a pinned instant:
# sites, team, permanences, closures, appointments, walk-ins, visits, followed people),
# v<N>-chiffree.sqlite3 (the same, encrypted by that version's Paramètres code), and
# v<N>.json (every table's row count and spot-checked records, read with Python's sqlite3,
# independently of our code).
#
#   scripts/schema-fixture.sh previous   the version `scripts/package.sh previous` builds
#
# Every release that adds a migration adds its fixture this way (README, contributors).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

[ "${1:-}" = previous ] || { sed -n '2,10p' "$0"; exit 2; }
version=$(sed -n 's/^PREVIOUS_VERSION=//p' scripts/package.sh)
src=$root/target/package/$version/src
export CARGO_TARGET_DIR=$root/target/package/$version/target
if [ ! -x "$CARGO_TARGET_DIR/release/permanences" ]; then
  scripts/package.sh previous
fi
cli=$CARGO_TARGET_DIR/release/permanences
mkdir -p "$src/examples"
cp scripts/schema-fixture-encrypt.rs "$src/examples/schema_fixture_encrypt.rs"
(cd "$src" && cargo build --release -p permanences --example schema_fixture_encrypt)
encrypt=$CARGO_TARGET_DIR/release/examples/schema_fixture_encrypt

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/fixture.sqlite3
# The demo is anchored on its "now": pinned, so the same commit gives the same data.
export PERMANENCES_NOW=2026-11-27T10:00
"$cli" --db "$db" demo
schema=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])" "$db")
dest=tests/fixtures/schema
mkdir -p "$dest"
python3 scripts/schema-fixture.py "$db" "$version" >"$dest/v$schema.json"
cp "$db" "$dest/v$schema.sqlite3"
cp "$db" "$work/enc.sqlite3"
"$encrypt" "$work/enc.sqlite3" "fixture de la version $version"
cp "$work/enc.sqlite3" "$dest/v$schema-chiffree.sqlite3"
ls -l "$dest"

#!/usr/bin/env bash
# `make link-order`: rewrites src-tauri/link-order.txt, the functions the window runs at start
# and in `make footprint`'s screen tour, that build.rs has the linker place together
# (scripts/link_order.py says why). A release build with its symbols kept (`cargo rustc`, the
# bin only: about 2 minutes once the dependencies are built; the next `cargo build --release`
# links the stripped binary again), then one launch under callgrind, about a minute.
# Run it alone, holding the shared build lock: `flock /tmp/perm-cargo.lock make link-order`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export PERMANENCES_NOW=${PERMANENCES_NOW:-2026-12-01T10:40}

cargo rustc --release -p permanences-app --bin permanences-app -- -C strip=none
work=target/link-order
rm -rf "$work" && mkdir -p "$work/bin"
cp target/release/permanences-app "$work/bin/permanences-app"
ln -sfn permanences-app "$work/bin/permanences"
"$work/bin/permanences" --db "$work/demo.sqlite3" demo >/dev/null
exec dbus-run-session -- python3 scripts/link_order.py --app "$work/bin/permanences-app" \
  --demo-db "$work/demo.sqlite3" --now "$PERMANENCES_NOW" --out src-tauri/link-order.txt

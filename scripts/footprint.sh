#!/usr/bin/env bash
# `make footprint`: builds the app and the bare Tauri window (tools/hello-floor) with the same
# profile in ONE cargo call (same features, shared dependency artifacts), prepares the demo
# data and the 1 M-appointment data, and measures both under a private Xvfb (footprint.py).
#
# A release build takes about 16 minutes on a 2-core machine and measures best on a quiet
# one: run it alone, holding the shared build lock (`flock /tmp/perm-cargo.lock make footprint`).
#   PROFILE=debug   measure a debug build instead (to try the script; figures not meaningful)
#   RUNS=15 IDLE=60 rounds of launches for the start time, seconds of idle CPU measure
# Run it twice: the second run says from how many rounds on the two agree within 5 %.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

profile=${PROFILE:-release}
case "$profile" in
  debug | dev) cargo_profile=dev; dir=target/debug ;;
  *) cargo_profile=$profile; dir=target/$profile ;;
esac

# The window's binary is also the command line (called as `permanences`): the data sets are
# written through a link of that name, as the package installs it.
cargo build --profile "$cargo_profile" -p permanences-app -p hello-floor --bins
mkdir -p target/footprint/bin
ln -sfn "$PWD/$dir/permanences-app" target/footprint/bin/permanences

# The data sets and the app see the same pinned day (a Tuesday: a busy agenda).
export PERMANENCES_NOW=${PERMANENCES_NOW:-2026-12-01T10:40}
data=target/footprint
mkdir -p "$data"
rm -f "$data"/demo.sqlite3*
target/footprint/bin/permanences --db "$data/demo.sqlite3" demo >/dev/null
# The big data set takes a while to write: kept between runs (delete it to start over).
if [ ! -s "$data/big.sqlite3" ]; then
  rm -f "$data"/big.sqlite3*
  target/footprint/bin/permanences --db "$data/big.sqlite3" generate
fi
# Writing the data sets leaves hundreds of MB of dirty pages: flushed now, not while the app
# starts. Measured right after `generate`, the 1 M set started at 1.40× the floor; the same
# binary on a copy of that file, launched in turn with the demo, started as fast as the demo.
sync

# Inside a D-Bus session of its own, as every desktop session has one (dbus-bin, installed by
# `make setup-test`). Without a session bus, about one launch in four waited half a second more
# somewhere in GTK or WebKit, the floor's as often as the app's (hello-floor, 20 launches: 6
# took 740–770 ms instead of 220–310; with NO_AT_BRIDGE=1, still 2), and two runs of the same
# binaries disagreed by up to 6.7 % at 15 rounds. In a private session: none in 20 launches,
# for the floor and for the app.
exec dbus-run-session -- python3 scripts/footprint.py --app "$dir/permanences-app" --hello "$dir/hello-floor" \
  --demo-db "$data/demo.sqlite3" --big-db "$data/big.sqlite3" \
  --ui-dist ui/dist --hello-dist tools/hello-floor/dist --work "$data" --runs "${RUNS:-15}" --idle "${IDLE:-60}" --now "$PERMANENCES_NOW"

#!/usr/bin/env bash
# The app's window read as a screen reader reads it (tests/atspi): inside a private D-Bus
# session with the accessibility bus on, so that WebKitGTK exports the page over AT-SPI.
# `make test-atspi` runs it; the tests start their own Xvfb and tauri-driver. Arguments go
# to pytest (e.g. `scripts/atspi.sh test_focus.py -x`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PERMANENCES_ATSPI_INNER:-}" ]; then
  # A runtime directory of its own: the accessibility bus's socket is made there (without one,
  # at ~/.cache/at-spi/bus, where any other session's bus launcher, another run or a desktop
  # app, replaces it: then « Couldn't connect to accessibility bus » halfway through a run).
  # Set before the session bus starts, which starts the bus launcher with its environment.
  runtime=$(mktemp -d "${TMPDIR:-/tmp}/permanences-atspi.XXXXXX")
  trap 'rm -rf "$runtime"' EXIT
  # dbus-daemon's notes about its file-descriptor limit are noise here.
  env PERMANENCES_ATSPI_INNER=1 XDG_RUNTIME_DIR="$runtime" dbus-run-session -- "$0" "$@" \
    2> >(grep -v '^dbus-daemon\[' >&2)
  exit
fi
export GTK_A11Y=atspi NO_AT_BRIDGE=0
# Asking the accessibility bus its address starts it (D-Bus activation), then it is switched on
# as an assistive technology would.
dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null
dbus-send --session --dest=org.a11y.Bus /org/a11y/bus org.freedesktop.DBus.Properties.Set \
  string:org.a11y.Status string:IsEnabled variant:boolean:true
cd tests/atspi
timeout --kill-after=30 600 ../../.venv/bin/python -m pytest -q -rs -p no:cacheprovider --timeout=300 "$@"

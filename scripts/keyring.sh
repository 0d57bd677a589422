#!/usr/bin/env bash
# The network's password in the desktop's keyring (tests/it/keyring.rs), against a real GNOME
# Keyring: a private D-Bus session (dbus-run-session), a throwaway home for the keyring files,
# and gnome-keyring-daemon started with its login keyring unlocked, as a desktop session
# starts it. The tests check what they stored with secret-tool (libsecret-tools). About 20 s
# once built. Installed by scripts/setup.sh test: gnome-keyring, libsecret-tools, dbus-daemon.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Built first, outside the private session, so that its time is not spent inside it.
cargo test -p permanences --test it --no-run

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/run" "$scratch/data" "$scratch/config"
chmod 700 "$scratch/run"

# The desktop's keyring of the person running the tests is never touched: the daemon keeps its
# files under the scratch folder and answers on the private bus only.
env SCRATCH="$scratch" XDG_RUNTIME_DIR="$scratch/run" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  dbus-run-session -- bash -euo pipefail -c '
    printf %s "keyring-tests" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
    # The daemon answers once its secrets are on the bus: a probe stored and read back.
    for _ in $(seq 50); do
      if printf probe | secret-tool store --label=probe service fr.permanences.probe user probe 2>/dev/null \
        && [ "$(secret-tool lookup service fr.permanences.probe user probe)" = probe ]; then
        break
      fi
      sleep 0.1
    done
    [ "$(secret-tool lookup service fr.permanences.probe user probe)" = probe ] \
      || { echo "gnome-keyring-daemon ne répond pas sur le bus privé" >&2; exit 1; }
    cargo test -p permanences --test it keyring:: -- --ignored --test-threads=1 2>&1 | tee "$SCRATCH/out"
    # A filter that matched nothing would pass: the two tests must have run.
    grep -q "test result: ok. 2 passed" "$SCRATCH/out" \
      || { echo "les tests du trousseau ne se sont pas tous exécutés" >&2; exit 1; }
  '

#!/usr/bin/env bash
# Installs what `make run` / `make test` need on Debian/Ubuntu, and only what is missing.
#   scripts/setup.sh run   -> packages to build and open the app
#   scripts/setup.sh test  -> plus Xvfb, WebKitWebDriver, tauri-driver, Python test tools
#   scripts/setup.sh package -> plus what builds and checks the Debian package
set -euo pipefail
mode=${1:-run}
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust est nécessaire : installez-le avec rustup (https://rustup.rs), puis relancez." >&2
  exit 1
fi

# libdbus-1-dev: the keyring crate talks to the Secret Service through libdbus (the network's
# password).
run_pkgs=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  libxdo-dev build-essential pkg-config file fonts-dejavu-core libdbus-1-dev)
# chromium: the accessibility audit (ui/a11y) drives Debian's build with playwright-core.
# faketime: `make sweep` runs the suite under other dates. zbar-tools: zbarimg decodes the
# reminders' QR codes in the tests.
# at-spi2-core, gir1.2-atspi-2.0, python3-gi, dbus-daemon, dbus-bin: the window read as a screen
# reader reads it (tests/atspi), with the system's Python (a venv has no `gi`); orca and
# speech-dispatcher: what Orca says in the three main flows (tests/atspi/test_orca.py); locales:
# the French locale Orca speaks in there (generated below).
# gnome-keyring, libsecret-tools: the network's password in a real keyring, checked with
# secret-tool (scripts/keyring.sh).
# davical, postgresql, php-cgi: DAViCal, the third real CalDAV server of the sharing tests
# (tests/it/common/davical.rs starts its own PostgreSQL cluster and `php -S`; php-cgi is named
# so that apt satisfies DAViCal's `php` with it rather than with Apache).
test_pkgs=(pngquant xvfb xauth webkit2gtk-driver x11-utils xdotool python3-venv poppler-utils qpdf chromium
  faketime zbar-tools at-spi2-core gir1.2-atspi-2.0 python3-gi dbus-daemon dbus-bin orca
  speech-dispatcher locales gnome-keyring libsecret-tools davical postgresql php-cgi)
command -v npm >/dev/null 2>&1 || run_pkgs+=(nodejs npm)

# dpkg-dev: dpkg-shlibdeps finds the package's dependencies; the three checkers a
# distribution runs on a package, its desktop entry and its AppStream metainfo; valgrind:
# `make link-order` lists the functions the window's start runs (callgrind).
package_pkgs=(dpkg-dev lintian desktop-file-utils appstream man-db valgrind)

want=("${run_pkgs[@]}")
[ "$mode" = test ] || [ "$mode" = package ] && want+=("${test_pkgs[@]}")
[ "$mode" = package ] && want+=("${package_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installation des paquets système manquants : ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end packages, at the versions of the lock file.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  (cd ui && npm ci --no-audit --no-fund)
fi

if [ "$mode" = test ] || [ "$mode" = package ]; then
  # fr_FR.UTF-8, for Orca to speak French in tests/atspi (its words, « boîte de dialogue »,
  # come from its translation): uncommented in /etc/locale.gen and generated, once.
  if ! locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\?8'; then
    echo "Génération des paramètres régionaux fr_FR.UTF-8 (Orca en français)"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd sed -i 's/^# *\(fr_FR\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    grep -q '^fr_FR\.UTF-8 UTF-8' /etc/locale.gen || echo 'fr_FR.UTF-8 UTF-8' | $sudo_cmd tee -a /etc/locale.gen >/dev/null
    $sudo_cmd locale-gen
  fi
  # tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end tests.
  if ! command -v tauri-driver >/dev/null 2>&1; then
    cargo install tauri-driver --version '^2' --locked
  fi
  # Selenium, pytest and the independent validators (iCalendar, Table Schema, opening_hours),
  # in a project-local virtual environment. pip runs through the venv's own python: a venv
  # copied from another checkout keeps script shebangs pointing at the original one.
  if [ ! -x .venv/bin/python ] || [ tests/requirements.txt -nt .venv/.installed ]; then
    python3 -m venv .venv
    .venv/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements.txt
    touch .venv/.installed
  fi
fi

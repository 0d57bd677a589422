# Permanences: the two commands are `make run` and `make test`; both install what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

APP := target/debug/permanences-app
CLI := target/debug/permanences
DATA_DIR := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/fr.permanences.app
DEMO_DB := $(DATA_DIR)/permanences-demo.sqlite3
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: link-order test-keyring package test-package test-budget man soak sweep screenshots bench footprint help run demo test setup setup-test ui app cli bindings fmt lint test-core test-ui test-a11y test-e2e test-atspi clean

help:
	@echo "make run    installe ce qui manque, construit et ouvre l'application"
	@echo "make demo   idem, sur un réseau d'exemple (base séparée)"
	@echo "make test   installe ce qui manque et lance toutes les vérifications"

setup:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

# The guide's pages and pictures are built into the bundle too (ui/vite.config.ts).
ui/dist/index.html: $(shell find ui/src ui/index.html ui/vite.config.ts docs/guide -type f 2>/dev/null) \
		$(wildcard docs/screenshots/*.png) ui/package-lock.json
	cd ui && npm run build

ui: ui/dist/index.html

# Both binaries in one build: the workspace's feature set is then the same for each, so the
# shared dependencies are compiled once.
app: ui
	cargo build --workspace --exclude hello-floor --bins

cli: app

run: setup app
	$(APP)

demo: setup app cli
	@mkdir -p "$(DATA_DIR)"
	@if [ ! -s "$(DEMO_DB)" ]; then $(CLI) --db "$(DEMO_DB)" demo; fi
	$(APP) --db "$(DEMO_DB)"

# The manual pages of the command line (assets/packaging/man/), from its clap definition; a
# test fails when they are stale.
man:
	UPDATE_MAN=1 cargo test -p permanences --bin permanences man_pages

bindings:
	UPDATE_BINDINGS=1 cargo test -p permanences-app --lib bindings_are_fresh

fmt:
	cargo fmt --all

# Everything CI checks, in the order that fails fastest.
test: setup-test ui
	cargo fmt --all -- --check
	cd ui && npm run check && npm run lint
	cargo clippy --workspace --all-targets -- -D warnings
	$(MAKE) --no-print-directory test-budget test-core test-keyring test-ui test-a11y test-e2e test-atspi

# What a person pays for, against budgets.toml: the UI bundle (gzip), the crates compiled into
# the shipped binaries (cargo tree, offline). The first screen's IPC round trips are counted by
# test-ui (ui/tests/firstScreen.test.ts), the package's sizes by test-package.
test-budget: ui
	.venv/bin/python -m pytest -q -rs -p no:cacheprovider tests/budget

test-core:
	cargo test --workspace

test-ui:
	cd ui && npm test

# Every screen and dialog (ui/a11y/screens.mjs) in headless Chromium with axe-core, at 1024×600,
# 200 % zoom, high contrast and large text: WCAG 2.1 A/AA, no sideways scrolling.
test-a11y: ui
	cd ui && npm run a11y

# A webview that never answers must fail the run, not hold it until CI's limit: the whole
# suite takes about 2 minutes, so 15 is a generous bound; one test (set-up and tear-down
# included) gets 3 minutes, then fails with the stack where it waited and the others go on.
test-e2e: app cli
	cd tests/e2e && timeout --kill-after=30 900 ../../.venv/bin/python -m pytest -q -rs -p no:cacheprovider \
		--timeout=180 --timeout-method=signal --durations=5

# The real window (WebKitGTK) read over AT-SPI, as Orca reads it: every screen of the audit's
# list (names, roles, lists, dialogs, alerts), where the keyboard focus goes (Tab, dialogs,
# refusals, navigation), and what Orca 43 says in the three main flows. In a private D-Bus
# session with the accessibility bus on; about 2 min 30 s. See docs/accessibility.md.
test-atspi: app cli
	scripts/atspi.sh

# The network's password in a real GNOME Keyring (tests/it/keyring.rs): join stores it there,
# never in the database or a backup; leave removes it; an upgraded database's is moved. In a
# private D-Bus session with an unlocked gnome-keyring-daemon (the person's own keyring is
# never touched); about 20 s once built.
test-keyring:
	scripts/keyring.sh

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules .venv

# Start time, memory, idle CPU, binary and bundle sizes, beside a bare Tauri window: a release
# build (~16 min), to run alone: `flock /tmp/perm-cargo.lock make footprint`. Not in `make test`.
# Each launch on a fresh copy of its data set, 15 rounds, median and interquartile range; run
# it twice in a row: the second run says from how many rounds on the two agree within 5 %.
footprint: setup-test ui
	scripts/footprint.sh

# The functions the window runs at start and in the footprint's tour, for the linker to place
# together in release builds (src-tauri/link-order.txt, read by src-tauri/build.rs): run it
# again after a change of the start's code or of the dependencies. Release link + callgrind,
# about 3 minutes: `flock /tmp/perm-cargo.lock make link-order`. Not in `make test`.
link-order: setup-package ui
	scripts/link-order.sh

# The Debian package from a release build: target/package/permanences_<version>_amd64.deb
# (about 20 minutes from a clean clone on 2 cores; run it alone). Not part of `make test`.
package: setup-package
	scripts/package.sh

setup-package:
	@scripts/setup.sh package

# The package checked as a distribution and a user would: lintian, appstreamcli,
# desktop-file-validate, install / run / remove under Xvfb, and the upgrade from the 0.1.0
# package (built from that commit by `scripts/package.sh previous`: a second release build
# the first time). Installs packages on this machine (root or sudo). Not part of `make test`.
test-package: package
	scripts/package.sh previous
	timeout --kill-after=30 1800 .venv/bin/python -m pytest -q -rs -p no:cacheprovider tests/package

# The crash test at length: 1000 SIGKILLs of a process recording visits (make test does 50).
# Set PERMANENCES_CRASH_SEED to replay a run. Not part of `make test`.
soak:
	PERMANENCES_CRASH_KILLS=$${PERMANENCES_CRASH_KILLS:-1000} cargo test -p permanences --test it crash:: -- --nocapture

# The whole suite (Rust, UI, end to end) with the machine's clock set to each of seven
# consecutive days, from Good Friday to the Thursday after Easter 2027 (the spring DST change
# on Sunday): every day must pass. About 25 minutes; not in `make test`.
sweep: setup-test app cli
	scripts/sweep.sh

# Refreshes the pictures of the README and the documentation (docs/screenshots/), on the demo
# network at the tests' pinned instant: the windows taken by the end-to-end tests (which
# otherwise write them under target/screenshots) and the documents' first pages.
# Then docs/screenshots/manifest.json records the hashes of the sources each picture shows
# (a test fails when a picture the README or the guide links is older than them).
screenshots: setup-test app cli
	PERMANENCES_SCREENSHOTS=docs/screenshots $(MAKE) --no-print-directory test-e2e
	scripts/screenshots.sh
	# 256 colours at most (the screens are flat): a third of the bytes, in the app's guide and
	# so in the package.
	pngquant --quality=70-95 --speed 1 --force --ext .png --skip-if-larger docs/screenshots/*.png || [ $$? -ge 98 ]
	scripts/screenshots-manifest.py

# Speed figures (criterion): scheduling at 1 M appointments, statistics at 1 M visits, PDF
# generation, calendar export (and Python icalendar writing the same events, for the
# ratio). Not part of `make test`.
bench: setup-test
	cargo bench --bench scheduling --bench leaflet --bench stats --bench calendar --bench gathering --bench caldav
	.venv/bin/python tests/ics/bench_icalendar.py
	.venv/bin/python benches/dav_server_costs.py
	.venv/bin/python benches/dav_read_costs.py 5000

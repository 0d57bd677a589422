#!/usr/bin/env bash
# The suite on any day: runs the Rust tests (every test binary of the workspace), the UI tests
# and the end-to-end tests in the real window as if the machine's clock showed each of seven
# consecutive days, with libfaketime (Debian's `faketime`), and prints a line per day.
#
# The days (`SWEEP_FROM`, 7 days by default: `SWEEP_DAYS`) run from Good Friday 2027, a public
# holiday in Alsace-Moselle, through Saturday, Sunday 28 March (Easter, and the night the
# clocks go forward), Easter Monday (a public holiday everywhere), to Thursday. Each day runs
# at `SWEEP_TIME` in Paris (10:40). The tests pin their own clock (tests/it/common,
# tests/e2e/conftest.py, the app's and the command line's PERMANENCES_NOW), so every day must
# give the same answers; a test that read the real date would show it here.
#
#   make sweep                       # builds first, then about 3 minutes a day
#   SWEEP_FROM=2026-12-28 make sweep # another week (New Year's Day)
set -euo pipefail
cd "$(dirname "$0")/.."

from=${SWEEP_FROM:-2027-03-26}
days=${SWEEP_DAYS:-7}
at=${SWEEP_TIME:-10:40}
lib=$(dpkg -L libfaketime 2>/dev/null | grep -m1 'libfaketimeMT.so.1$' || true)
if [ -z "$lib" ]; then
  echo "libfaketime est nécessaire : make sweep l'installe (scripts/setup.sh test)." >&2
  exit 1
fi

# The test executables, built once (the same ones `make test` runs), with their package folder.
mapfile -t binaries < <(cargo test --workspace --no-run --message-format=json 2>/dev/null |
  python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("profile", {}).get("test") and m.get("executable"):
        print(m["manifest_path"].rsplit("/", 1)[0] + "\t" + m["executable"])
')

log_dir=target/sweep
mkdir -p "$log_dir"
summary=()
failed=0
for n in $(seq 0 $((days - 1))); do
  day=$(date -u -d "$from + $n day" +%F)
  # The UTC instant of that Paris wall-clock time (the offset changes on 28 March).
  utc=$(python3 -c "
import datetime, zoneinfo
t = datetime.datetime.fromisoformat('$day $at').replace(tzinfo=zoneinfo.ZoneInfo('Europe/Paris'))
print(t.astimezone(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M:%S'))")
  label="$(LC_ALL=C.UTF-8 date -u -d "$day" '+%A %F') $at Paris"
  # The monotonic clock is faked too: Python's time.sleep fails under libfaketime otherwise.
  fake=(env TZ=UTC LD_PRELOAD="$lib" FAKETIME="@$utc")
  log="$log_dir/$day.log"
  : >"$log"
  status=passed
  for entry in "${binaries[@]}"; do
    dir=${entry%%$'\t'*}
    exe=${entry#*$'\t'}
    (cd "$dir" && "${fake[@]}" "$exe" -q) >>"$log" 2>&1 || status=FAILED
  done
  (cd ui && "${fake[@]}" npx vitest run) >>"$log" 2>&1 || status=FAILED
  (cd tests/e2e && "${fake[@]}" timeout --kill-after=30 900 ../../.venv/bin/python -m pytest -q -p no:cacheprovider) \
    >>"$log" 2>&1 || status=FAILED
  rust=$(grep -E '^test result' "$log" | awk '{p+=$4; f+=$6} END {print p+0 " passed, " f+0 " failed"}')
  e2e=$(grep -E '^[0-9]+ (passed|failed)' "$log" | tail -1)
  line="$label: $status (Rust: $rust; e2e: ${e2e:-none})"
  echo "$line"
  summary+=("$line")
  [ "$status" = passed ] || failed=1
done
printf '%s\n' "${summary[@]}" >"$log_dir/summary.txt"
exit $failed

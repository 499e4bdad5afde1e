#!/usr/bin/env bash
# Suite speed against an earlier commit, on the tests both commits have (issue 11: "make test no slower than
# before by more than 10 %"; figures in docs/test-speed.md).
#
#   scripts/suite_speed.sh OLD_COMMIT            # both commits, one after the other (old first)
#   SKIP_OLD=1 scripts/suite_speed.sh OLD_COMMIT # only this checkout (the old figure taken earlier)
#   SKIP_NEW=1 scripts/suite_speed.sh OLD_COMMIT # only the old commit (a second sample of it)
#
# The test ids common to OLD_COMMIT and this checkout are collected in each; each side then runs exactly those ids
# the way `make pytest-sqlite` runs the suite (SQLite, `-n 2 --dist loadfile`), with a fresh empty data dir and a
# fresh empty triage model directory (as on a fresh clone, where the first test trains the model). Prints wall time
# and CPU time (user + system, the pytest process and all its workers, joblib's training workers included through
# scripts/loky_reaper.py) per side. Run it on an otherwise idle
# machine: wall time depends on what else runs, CPU time much less.
set -euo pipefail
cd "$(dirname "$0")/.."
old="${1:?usage: scripts/suite_speed.sh OLD_COMMIT}"
here="$PWD"
work="$(mktemp -d /tmp/suite-speed.XXXXXX)"
venv="$here/.venv"
git worktree add --detach "$work/old" "$old" >/dev/null
trap 'git -C "$here" worktree remove --force "$work/old" >/dev/null 2>&1 || true' EXIT
ln -s "$venv" "$work/old/.venv"

collect() {  # collect DIR OUT
  (cd "$1" && PYTHONPATH="$1" MADOGUCHI_DATA_DIR="$(mktemp -d)" "$venv/bin/pytest" --collect-only -q 2>/dev/null |
    grep '::' | sort >"$2")
}
collect "$work/old" "$work/old.ids"
collect "$here" "$work/new.ids"
comm -12 "$work/old.ids" "$work/new.ids" >"$work/common.ids"
echo "tests: old $(wc -l <"$work/old.ids"), this checkout $(wc -l <"$work/new.ids"), common $(wc -l <"$work/common.ids")"

run() {  # run LABEL DIR
  local models data
  models="$(mktemp -d)" data="$(mktemp -d)"
  (cd "$2" && PYTHONPATH="$2:$here/scripts" MADOGUCHI_DATA_DIR="$data" MADOGUCHI_TRIAGE_MODEL_DIR="$models" \
    DJANGO_ALLOW_ASYNC_UNSAFE=true /usr/bin/time -f "$1: wall %e s, CPU %U s user + %S s system" \
    "$venv/bin/pytest" -q -n 2 --dist loadfile -p loky_reaper "@$work/common.ids" | grep -E "^(FAILED|ERROR)|passed|failed") || true
  echo "$1: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "${SKIP_OLD:-0}" = 1 ] || run "old $old" "$work/old"
[ "${SKIP_NEW:-0}" = 1 ] || run "this checkout $(git rev-parse --short HEAD)" "$here"

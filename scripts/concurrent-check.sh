#!/usr/bin/env bash
# Two full test runs at once, from two clones, on one machine: what the suites share with the rest
# of the machine (a port, a folder under .cache, a wall-clock wait, a browser profile) shows up as
# failures here. A check that prints figures, not a test.
#
#   scripts/concurrent-check.sh [commit]                       (default: HEAD, committed work only)
#   HEAVY_LOCK=/work/lanes/.heavy.lock scripts/concurrent-check.sh
#
# Each clone gets `npm ci`, then both run the steps of `npm test` (typecheck, lint, build, unit,
# integration, end-to-end) at the same time, every step even when an earlier one failed. They
# share the code-server install (ELEMENTS_HOST_CACHE, default: this checkout's .cache/host) as
# two developers' checkouts would. HEAVY_LOCK: a file to hold with flock while the two runs go
# (not while cloning and installing). KEEP=1 keeps the clones; the logs are always kept.
# STEPS="typecheck test:unit" runs some steps only.
# Prints, per clone and step: the exit code, the time, mocha's passing and failing counts, and
# the titles of failed tests; the load average before, during (every 30 s) and after.
# Exit code: 0 when every step of both clones passed, 1 otherwise, 2 when the setup failed.
set -u

repo=$(git rev-parse --show-toplevel) || exit 2
commit=$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}") || exit 2
export ELEMENTS_HOST_CACHE=${ELEMENTS_HOST_CACHE:-$repo/.cache/host}
work=$(mktemp -d "${TMPDIR:-/tmp}/elements-concurrent-XXXXXX") || exit 2
# Readable by all, as a checkout usually is: a unit test runs the CLI from the clone as another user.
chmod 755 "$work"
read -ra steps <<< "${STEPS:-typecheck lint build test:unit test:integration test:e2e}"
echo "commit ${commit:0:12}, host install $ELEMENTS_HOST_CACHE, logs in $work"

for n in 1 2; do
  git clone --quiet --no-checkout "$repo" "$work/clone$n" && git -C "$work/clone$n" checkout --quiet --detach "$commit" || exit 2
done
for n in 1 2; do
  echo "npm ci in clone $n…"
  (cd "$work/clone$n" && npm ci --no-audit --no-fund --loglevel=error > "$work/clone$n.npm-ci.log" 2>&1) || { echo "npm ci failed: $work/clone$n.npm-ci.log"; exit 2; }
done

if [ -n "${HEAVY_LOCK:-}" ]; then
  echo "waiting for $HEAVY_LOCK…"
  exec 9> "$HEAVY_LOCK"
  flock 9
fi

run_clone() {
  local n=$1 step started
  cd "$work/clone$n" || return
  for step in "${steps[@]}"; do
    started=$(date +%s)
    npm run "$step" > "$work/clone$n.$step.log" 2>&1 < /dev/null
    echo "$step $? $(($(date +%s) - started))" >> "$work/clone$n.steps"
  done
}

echo "before: $(uptime)"
(while sleep 30; do uptime >> "$work/load.log"; done) &
sampler=$!
started=$(date +%s)
run_clone 1 &
first=$!
run_clone 2 &
second=$!
wait "$first" "$second"
kill "$sampler" 2> /dev/null
echo "after: $(uptime) ($(($(date +%s) - started)) s)"
if [ -s "$work/load.log" ]; then
  echo "1-minute load average during the runs: $(awk '{gsub(",", "", $(NF-2)); print $(NF-2)}' "$work/load.log" | sort -n | sed -n '1p;$p' | paste -sd' ' | sed 's/ / to /')"
fi

status=0
for n in 1 2; do
  echo "clone $n:"
  while read -r step code seconds; do
    log="$work/clone$n.$step.log"
    passing=$(grep -aoE '[0-9]+ passing' "$log" | awk '{s += $1} END {print s + 0}')
    failing=$(grep -aoE '[0-9]+ failing' "$log" | awk '{s += $1} END {print s + 0}')
    [ "$code" = 0 ] || status=1
    printf '  %-17s exit %s  %4s s  %5s passing  %3s failing\n' "$step" "$code" "$seconds" "$passing" "$failing"
    # mocha's list of failures ("  1) suite", "       test:") and the integration runner's ("✗ title")
    grep -aE -A1 '^  [0-9]+\) ' "$log" | grep -av '^--$' | paste -d' ' - - | tr -s ' ' | sed 's/^/      /' | head -10
    grep -aE '^✗ ' "$log" | sed 's/^/      /' | head -10
  done < "$work/clone$n.steps"
done
if [ "${KEEP:-}" != 1 ]; then rm -rf "$work/clone1" "$work/clone2"; fi
echo "logs: $work"
exit $status

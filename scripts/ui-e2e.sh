#!/usr/bin/env bash
# End-to-end check of the training UI in headless Chromium (results and screenshots in target/ui-e2e/):
# - regzoo's pages, served by `regzoo ui` for a study of two runs (`regzoo ablate`, two variants) and a folder with a
#   damaged run and a folder that holds no run: the runs page lists every folder (the damaged ones with their notes),
#   a run's page and the comparison of the study's two runs draw exactly the points of the runs' metrics.json, and
#   the browser console stays free of errors (scripts/ui-e2e-pages.py);
# - a live run (`regzoo train --ui`): its open page gains an epoch while the run trains;
# - DL4J's own overview (/train/overview) has score data for the runs;
# - both servers listen on loopback only.
# Installs Debian's chromium when it is missing and this runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/ui-e2e
rm -rf "$out"
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "ui-e2e: installing Debian's chromium..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "ui-e2e: chromium is missing: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

small=(--train-limit 300 --batch-size 16)

# A study of two runs, as `regzoo tune` and `regzoo ablate` leave them: a folder of run folders.
./regzoo ablate fashion-smallcnn --variants none,l2 --epochs 2 "${small[@]}" --out "$out/ablation" \
  >"$out/ablate.log" 2>&1

# Folders the runs page lists with a note: a run whose metrics.json and stats.bin are damaged (written an hour ago,
# so not taken for a run another process is writing), and a folder that holds no run.
mkdir -p "$out/damaged/broken-run" "$out/damaged/not-a-run"
cp "$(ls "$out"/ablation/*/recipe.json | head -n 1)" "$out/damaged/broken-run/"
echo '{"recipe": "fashion-smallcnn", "epochs": [' >"$out/damaged/broken-run/metrics.json"
echo 'not a MapDB file' >"$out/damaged/broken-run/stats.bin"
touch -d '1 hour ago' "$out"/damaged/broken-run/*

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# A live run, long enough to be still training when its page is opened; stopped once the check is done.
./regzoo train fashion-smallcnn --epochs 30 --patience 30 "${small[@]}" --ui --port 9320 --out "$out/live" \
  >"$out/live.log" 2>&1 &
live_pid=$!
pids+=("$live_pid")
./regzoo ui "$out/ablation" "$out/damaged" --port 9310 >"$out/ui.log" 2>&1 &
ui_pid=$!
pids+=("$ui_pid")

# The base address (http://localhost:PORT) a process prints with its pages' address, once it does.
address() {
  local log=$1 pid=$2 url=""
  for _ in $(seq 1 360); do
    url=$(grep -o 'http://localhost:[0-9]*/regzoo' "$log" | head -n 1 || true)
    [[ -n "$url" ]] && { echo "${url%/regzoo}"; return; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "ui-e2e: no UI address in $log" >&2
  cat "$log" >&2
  exit 1
}
ui=$(address "$out/ui.log" "$ui_pid")
live=$(address "$out/live.log" "$live_pid")

if command -v ss >/dev/null 2>&1; then
  for base in "$ui" "$live"; do
    port=${base##*:}
    listening=$(ss -Hltn "sport = :$port" | awk '{print $4}')
    [[ "$listening" =~ ^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):$port$ ]] \
      || { echo "ui-e2e: port $port listens on '$listening', not on loopback only" >&2; exit 1; }
  done
  echo "ui-e2e: both UIs listen on loopback only (${ui##*:}, ${live##*:})"
else
  echo "ui-e2e: listening addresses not checked (no ss here; TrainingUiTest checks them on Linux)"
fi

python3 scripts/ui-e2e-pages.py --ui "$ui" --live "$live" --study ablation --out "$out" \
  --expect-note "metrics.json cannot be read" --expect-note "stats.bin cannot be opened" \
  --expect-note "not a run folder"
kill "$live_pid" 2>/dev/null || true

python3 - "$ui/train/overview" "$out/overview-data.json" <<'PY'
import json, sys, urllib.request
url, dest = sys.argv[1], sys.argv[2]
page = urllib.request.urlopen(url, timeout=30)
assert page.status == 200, page.status
assert b"DL4J Training UI" in page.read(), "not the training UI page"
data = urllib.request.urlopen(url + "/data", timeout=30).read()
open(dest, "wb").write(data)
scores = json.loads(data)["scores"]
assert len(scores) > 0, "the score chart has no data"
print(f"ui-e2e: DL4J's /train/overview 200, score chart with {len(scores)} points")
PY

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1280,900 \
  --virtual-time-budget=8000 --screenshot="$PWD/$out/overview.png" "$ui/train/overview" >"$out/chromium.log" 2>&1
[[ -s "$out/overview.png" ]] || { echo "ui-e2e: no screenshot" >&2; cat "$out/chromium.log" >&2; exit 1; }
echo "ui-e2e: screenshots in $out: runs.png run.png compare.png live.png overview.png"
echo "ui-e2e: 1 passed, 0 failed"

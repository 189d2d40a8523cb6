#!/usr/bin/env bash
# End-to-end check of DL4J's training UI: train a tiny run, serve it with `regzoo ui`, confirm the overview's score
# chart has data, and save a headless-Chromium screenshot of /train/overview (target/ui-e2e/overview.png).
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

./regzoo train fashion-smallcnn --epochs 1 --train-limit 600 --batch-size 16 --out "$out/run" >"$out/train.log" 2>&1

./regzoo ui "$out/run" --port 9310 >"$out/ui.log" 2>&1 &
ui_pid=$!
trap 'kill "$ui_pid" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 120); do
  url=$(grep -o 'http://localhost:[0-9]*/train/overview' "$out/ui.log" || true)
  [[ -n "$url" ]] && break
  kill -0 "$ui_pid" 2>/dev/null || { cat "$out/ui.log" >&2; exit 1; }
  sleep 0.5
done
[[ -n "$url" ]] || { echo "ui-e2e: the UI did not start" >&2; cat "$out/ui.log" >&2; exit 1; }

python3 - "$url" "$out/overview-data.json" <<'PY'
import json, sys, urllib.request
url, dest = sys.argv[1], sys.argv[2]
page = urllib.request.urlopen(url, timeout=30)
assert page.status == 200, page.status
assert b"DL4J Training UI" in page.read(), "not the training UI page"
data = urllib.request.urlopen(url + "/data", timeout=30).read()
open(dest, "wb").write(data)
scores = json.loads(data)["scores"]
assert len(scores) > 0, "the score chart has no data"
print(f"ui-e2e: /train/overview 200, score chart with {len(scores)} points")
PY

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1280,900 \
  --virtual-time-budget=8000 --screenshot="$PWD/$out/overview.png" "$url" >"$out/chromium.log" 2>&1
[[ -s "$out/overview.png" ]] || { echo "ui-e2e: no screenshot" >&2; cat "$out/chromium.log" >&2; exit 1; }
echo "ui-e2e: screenshot $out/overview.png"
echo "ui-e2e: 1 passed, 0 failed"

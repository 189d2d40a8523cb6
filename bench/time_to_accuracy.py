#!/usr/bin/env python3
"""Time to accuracy of a training run: the wall time until the test accuracy first passes given thresholds.

A run folder's metrics.json holds each epoch's training seconds; the test accuracy of each epoch's model comes from
snapshots of it kept while the run trained (a file per epoch, e.g. epoch-12.zip: a copy of the run's latestEma.zip or
latestModel.zip after epoch 12), each evaluated here with `regzoo eval`. The test set is only measured, never used to
select anything: the run's own best model is chosen on validation data as always.

    bench/time_to_accuracy.py RUN_DIR SNAPSHOT_DIR [--thresholds 0.93,0.95] [--out FILE.md] [--regzoo ./regzoo]
                              [--every-epoch]

Prints (and writes with --out) a Markdown table: epoch, cumulative training time, validation and test accuracy, and
for each threshold the first epoch and time that pass it. Snapshots are evaluated in epoch order until every threshold
has been passed (all of them with --every-epoch); evaluations are cached in SNAPSHOT_DIR/test-accuracy.json.
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys


def evaluate(regzoo, model):
    out = subprocess.run([regzoo, "eval", str(model)], capture_output=True, text=True)
    found = re.search(r"Test accuracy: ([0-9.]+)", out.stdout)
    if out.returncode != 0 or not found:
        sys.exit(f"regzoo eval {model} failed (exit {out.returncode}): {out.stderr.strip()[-300:]}")
    return float(found.group(1))


def ranges(numbers):
    """Sorted integers as "1-3, 7, 9-12"."""
    spans = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run_dir", type=pathlib.Path)
    ap.add_argument("snapshot_dir", type=pathlib.Path)
    ap.add_argument("--thresholds", default="0.93,0.95")
    ap.add_argument("--out", type=pathlib.Path)
    ap.add_argument("--every-epoch", action="store_true",
                    help="evaluate every snapshot, not only those until the last threshold is passed")
    ap.add_argument("--regzoo", default=str(pathlib.Path(__file__).resolve().parent.parent / "regzoo"))
    args = ap.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]

    epochs = json.loads((args.run_dir / "metrics.json").read_text())["epochs"]
    cache_file = args.snapshot_dir / "test-accuracy.json"
    cache = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    rows, elapsed, unpassed = [], 0.0, set(thresholds)
    for e in epochs:
        elapsed += e["seconds"]
        snapshot = args.snapshot_dir / f"epoch-{e['epoch']}.zip"
        key = str(e["epoch"])
        test = None
        if snapshot.exists() and (args.every_epoch or unpassed or key in cache):
            if key not in cache:
                cache[key] = evaluate(args.regzoo, snapshot)
                cache_file.write_text(json.dumps(cache, indent=1))
                print(f"epoch {e['epoch']}: test accuracy {cache[key]:.4f}", file=sys.stderr, flush=True)
            test = cache[key]
            unpassed = {t for t in unpassed if test < t}
        rows.append((e["epoch"], elapsed, e["val_accuracy"], test))

    lines = ["| epoch | training time (h) | val accuracy | test accuracy |", "|---|---|---|---|"]
    lines += [f"| {ep} | {t / 3600:.2f} | {val:.4f} | {'' if test is None else f'{test:.4f}'} |"
              for ep, t, val, test in rows]
    lines.append("")
    for threshold in thresholds:
        first = next((r for r in rows if r[3] is not None and r[3] >= threshold), None)
        lines.append(f"- test accuracy ≥ {threshold:.2%}: " + ("not reached" if first is None else
                     f"epoch {first[0]}, after {first[1] / 3600:.2f} h of training ({first[1] / 60:.0f} min)"))
    missing = [r[0] for r in rows if r[3] is None]
    if missing:
        lines.append(f"- epochs not evaluated (no snapshot, or after the last threshold was passed): "
                     f"{ranges(missing)}")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()

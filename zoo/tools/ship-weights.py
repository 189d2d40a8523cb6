#!/usr/bin/env python3
"""Turns a run folder's bestModel.zip into weights shipped in the zoo.

Usage: python3 zoo/tools/ship-weights.py RUN_DIR NAME
Copies RUN_DIR/bestModel.zip to zoo/src/main/resources/dev/regzoo/zoo/pretrained/NAME.zip without the updater state
(not needed for inference or fine-tuning; halves the size), with class names of schedules moved into the zoo module
updated, and prints its SHA-256 for the card (NAME.properties, which you then complete by hand: accuracy, date,
command; and MODEL_CARD.md).
"""
import hashlib
import os
import sys
import zipfile

MOVED = {b"dev.regzoo.recipes.train.WarmupCosineSchedule": b"dev.regzoo.zoo.WarmupCosineSchedule"}
DST = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "dev", "regzoo", "zoo", "pretrained")


def main(run_dir, name):
    src = os.path.join(run_dir, "bestModel.zip")
    dst = os.path.join(DST, name + ".zip")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename == "updaterState.bin":
                continue
            data = zin.read(info.filename)
            if info.filename == "configuration.json":
                for old, new in MOVED.items():
                    data = data.replace(old, new)
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(entry, data)
    with open(dst, "rb") as f:
        print("sha256=" + hashlib.sha256(f.read()).hexdigest())
    print("wrote", os.path.normpath(dst), os.path.getsize(dst), "bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

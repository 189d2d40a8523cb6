#!/usr/bin/env python3
"""Turns a run folder's bestModel.zip into weights shipped in the zoo.

Usage: python3 zoo/tools/ship-weights.py RUN_DIR NAME
Copies RUN_DIR/bestModel.zip to zoo/src/main/resources/dev/regzoo/zoo/pretrained/NAME.zip without the updater state
(not needed for inference or fine-tuning; halves the size), with class names of schedules moved into the zoo module
updated and DL4J's stock convolution and ReLU layers replaced by the zoo's faster implementations of the same layers
(same JSON fields and parameters: KeptOutputConvolutionLayer, ReluLayer), and prints its SHA-256 for the card
(NAME.properties, which you then complete by hand: accuracy, date, command; and MODEL_CARD.md). Run on a folder
holding an already shipped file as bestModel.zip, it upgrades that file in place of a retraining.
"""
import hashlib
import json
import os
import sys
import zipfile

LAYERS = "dev.regzoo.zoo.layers."
# Serialized classes that moved: the schedule from the recipes to the zoo, then the zoo's DL4J extensions to
# dev.regzoo.zoo.layers (as dev.regzoo.zoo.LegacyClassNames maps them at load time).
MOVED = {"dev.regzoo.recipes.train.WarmupCosineSchedule": LAYERS + "WarmupCosineSchedule"}
MOVED.update({"dev.regzoo.zoo." + name: LAYERS + name for name in (
    "AddVertex", "ChannelsFirstPreProcessor", "ChannelsLastPreProcessor", "KeptOutputConvolutionLayer",
    "MatmulDenseLayer", "ReluLayer", "WarmupCosineSchedule")})
STOCK_CONV = "org.deeplearning4j.nn.conf.layers.ConvolutionLayer"
STOCK_ACTIVATION = "org.deeplearning4j.nn.conf.layers.ActivationLayer"
RELU = "org.nd4j.linalg.activations.impl.ActivationReLU"


def upgrade(node):
    """Renames moved classes and swaps stock layers for the zoo's implementations, in place, anywhere in the JSON."""
    if isinstance(node, dict):
        cls = node.get("@class")
        if cls in MOVED:
            node["@class"] = MOVED[cls]
        elif cls == STOCK_CONV:
            node["@class"] = LAYERS + "KeptOutputConvolutionLayer"
        elif cls == STOCK_ACTIVATION and node.get("activationFn", {}).get("@class") == RELU:
            node["@class"] = LAYERS + "ReluLayer"
        for value in node.values():
            upgrade(value)
    elif isinstance(node, list):
        for value in node:
            upgrade(value)
    return node
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
                data = json.dumps(upgrade(json.loads(data)), indent=2).encode()
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

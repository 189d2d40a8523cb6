#!/usr/bin/env python3
"""Regenerates regzoo's embedded Fashion-MNIST sample: a class-balanced, seeded subset of the full set.

Reads the Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist) and writes gzipped IDX files to
data/src/main/resources/dev/regzoo/data/fashion-mnist-sample/. Usage: python3 data/tools/make-fashion-sample.py
"""
import gzip
import os
import random
import struct

SRC = os.environ.get("FMNIST_DIR", "/usr/share/datasets/fashion-mnist")
DST = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "dev", "regzoo", "data",
                   "fashion-mnist-sample")
PER_CLASS = {"train": 600, "t10k": 100}
SEED = 20261123


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return dims, raw[4 + 4 * ndim:]


def write_idx(path, magic, dims, payload):
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(struct.pack(">I", magic) + struct.pack(">" + "I" * len(dims), *dims) + payload)


def main():
    os.makedirs(DST, exist_ok=True)
    rng = random.Random(SEED)
    for split, per_class in PER_CLASS.items():
        (n, rows, cols), pixels = read_idx(os.path.join(SRC, f"{split}-images-idx3-ubyte.gz"))
        _, labels = read_idx(os.path.join(SRC, f"{split}-labels-idx1-ubyte.gz"))
        by_class = {c: [i for i in range(n) if labels[i] == c] for c in range(10)}
        chosen = sorted(i for c in range(10) for i in rng.sample(by_class[c], per_class))
        size = rows * cols
        write_idx(os.path.join(DST, f"{split}-images-idx3-ubyte.gz"), 0x803, (len(chosen), rows, cols),
                  b"".join(pixels[i * size:(i + 1) * size] for i in chosen))
        write_idx(os.path.join(DST, f"{split}-labels-idx1-ubyte.gz"), 0x801, (len(chosen),),
                  bytes(labels[i] for i in chosen))
        print(split, len(chosen), "images")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Groups `perf script -F tid,ip,sym,dso -G` samples of the busiest threads by what the code does.

Reads perf script output on stdin and prints one line per group: its share of the samples of the N busiest threads
(the training thread and libnd4j's / OpenMP's worker). Written for bench/profile.sh; perf's own reports group by
symbol, and libnd4j's symbols are long C++ lambdas, so this names them.
"""
import collections
import re
import sys

GROUPS = [
    ("run-time generated code: oneDNN JIT kernels (convolutions) and HotSpot-compiled Java", r"\[JIT\]|perf-\d+\.map"),
    ("oneDNN convolution (non-JIT parts)", r"convolution"),
    ("oneDNN reorders (layout changes)", r"reorder"),
    ("max pooling (oneDNN, NCHW reference loop; forward, also re-run in the backward pass)", r"nchw_pooling_fwd"),
    ("max pooling backward (oneDNN)", r"nchw_pooling_bwd"),
    ("BatchNorm forward (oneDNN)", r"batch_normalization_fwd"),
    ("BatchNorm statistics (libnd4j moments / variance)", r"Deviation|SummaryStats"),
    ("ND4J reductions (BatchNorm backward, loss, updater)", r"reduce|Reduce"),
    ("ND4J broadcasts (BatchNorm backward)", r"broadcast::"),
    ("ReLU and other element-wise ops", r"relu|pairwise|PairWise|Transform|applyPairwise|applyLambda|random"),
    ("OpenBLAS gemm (dense layers)", r"openblas"),
    ("OpenMP barrier / spin-wait (a core waiting for the other)", r"libgomp"),
    ("kernel: page faults and zeroing of fresh memory", r"page|fault|mm_|vma|alloc|folio|memcg|lru|mas_walk|unmap|zap|pte"),
    ("kernel: other (scheduling, syscalls)", r"kallsyms"),
    ("libc (memcpy, malloc)", r"libc\.so"),
    ("JVM runtime (GC, interpreter)", r"libjvm|libjava"),
]


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    samples = [line.split(None, 2) for line in sys.stdin if line.strip()]
    samples = [s for s in samples if len(s) == 3]
    busiest = {tid for tid, _ in collections.Counter(s[0] for s in samples).most_common(threads)}
    counts = collections.Counter()
    for tid, _, rest in samples:
        if tid in busiest:
            counts[next((name for name, rx in GROUPS if re.search(rx, rest)), "other")] += 1
    total = sum(counts.values()) or 1
    print(f"{total} samples of the {threads} busiest threads")
    for name, n in counts.most_common():
        print(f"{100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()

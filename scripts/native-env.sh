# Environment for the native libraries under DL4J (glibc's malloc, OpenBLAS), sourced by ./regzoo,
# scripts/spark-train.sh and bench/op-times.sh; a variable already set is kept. Measurements: docs/benchmarks.md.
# Library users set the same variables in their JVM's environment (README, "Using regzoo from your own Maven project").

# glibc: serve every allocation above 13 MiB with its own mmap, returned to the system when freed. By default glibc
# raises this threshold (up to 32 MiB) after each large free, so libnd4j's and oneDNN's big per-op scratch buffers
# then come from malloc's arenas, which keep them: resnet18's training peak RSS fell from ~2.4 GB to ~1.7-1.9 GB.
# Lower thresholds save memory but make mid-sized buffers fresh mmaps that the kernel must zero on every step: 4 MiB
# cost ~15% of smallcnn's training speed (its 6 MB buffers), 8 MiB ~8% against 13 MiB (oneDNN's 12.8 MB reorder
# buffers of its 32-channel 28x28 layers) for ~180 MB less.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-13631488}"
# glibc: keep 64 MiB free at the top of each malloc arena when trimming (default 128 KiB). The training thread's arena
# otherwise hands the pages of every large buffer freed at its top back to the kernel (madvise), and the next step's
# buffer of the same size faults them in again, zeroed: smallcnn's 20-s bench took 752,000 page faults by default,
# 244,000 with the pad, and trained ~10% faster; resnet18's peak RSS rose by ~1%.
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-67108864}"
# OpenBLAS (ND4J's matrix products: dense layers) lets its worker thread spin on sched_yield for 2^28 cycles after each
# product by default; with the dense layers run every step it never sleeps and takes CPU time from the OpenMP threads
# of the convolutions (17% of a core in a smallcnn profile). 2^4 cycles, then sleep: smallcnn +11%.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"

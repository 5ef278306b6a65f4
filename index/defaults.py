"""Defaults shared by the library (`BuildOptions`, `FaissStore`) and the config's sections, so
the two can never drift apart. No imports: the CLI reads its config before loading NumPy.

The figures behind the vector index choices are in bench/README.md: "auto" builds IVF above
APPROX_ABOVE vectors (HNSW reached recall@10 0.83 at 1M), and 32 probes gave recall@10 1.000
at 100k vectors and 0.996 at 1M.
"""

CHUNK_TOKENS = 200  # word-pieces per chunk
BATCH_SIZE = 32  # chunks per forward pass when embedding
KEEP_GENERATIONS = 2
APPROX_ABOVE = 50_000
IVF_NPROBE = 32
HNSW_M = 32
HNSW_EF_SEARCH = 128

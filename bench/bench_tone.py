"""Tone engine benchmark: the real-statement corpus, and rendering speed.

Runs `tests/textkit/data/tone_corpus.jsonl` (372 statements from published social media policies
and guidelines, sources in SOURCES.md) through `textkit.tone`: per voice, the share rendered as
expected, how many were left as written, how many garbled (must be 0), and classify accuracy.
``tone_renders_per_s`` renders a 1,000-rule document of distinct statements in both voices
with the engine's caches cleared first.

    make bench BENCH=tone
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textkit import tone  # noqa: E402
from textkit.modality import GUIDELINE, POLICY  # noqa: E402
from textkit.tone.corpus import entries, score_corpus  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "textkit" / "data" / "tone_corpus.jsonl"


def run() -> dict[str, float]:
    score = score_corpus(CORPUS)
    figures: dict[str, float] = {"tone_corpus_size": score["size"]}
    for voice in (POLICY, GUIDELINE):
        figures[f"tone_{voice}_correct_pct"] = 100 * score[voice]["correct_share"]
        figures[f"tone_{voice}_left_as_written"] = score[voice]["left_as_written"]
        figures[f"tone_{voice}_garbled"] = score[voice]["garbled"]
    figures["tone_classify_accuracy_pct"] = 100 * score["classify"]["accuracy"]

    rows = list(entries(CORPUS))
    # Distinct statements: each corpus statement with a number appended, so no cache helps.
    document = [
        (f"{row.statement.rstrip('.')} within {n} days.", row.modality)
        for n, row in zip(range(1000), (rows * 3)[:1000], strict=True)
    ]
    started = time.perf_counter()
    for text, modality in document:
        tone.render(text, POLICY, modality)
        tone.render(text, GUIDELINE, modality)
    figures["tone_renders_per_s"] = 2 * len(document) / (time.perf_counter() - started)
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<32} {value:g}")

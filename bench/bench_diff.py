"""Benchmark of the word diff, the three-way merge and the snapshot comparison.

Targets: 40,000 words with 5% of the words edited diff in 100 ms or less; a complete rewrite
of 40,000 words in 1.5 s or less. Inputs are generated from fixed seeds so runs compare.

    python bench/bench_diff.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textkit.compare import compare_snapshots  # noqa: E402
from textkit.diff import word_diff  # noqa: E402
from textkit.merge import three_way_merge  # noqa: E402

WORDS = 40_000

COMMON = (
    "the of and to a in is that for it as with be on not you your this are or by at from we "
    "our can have an will if about what when more they their all who any should must may do "
    "share post company employees information social media online blog comment people work "
    "customers partners business product products public personal professional content site "
    "sites network networks community communities confidential legal policy guidelines "
    "respect judgment value conversation colleagues coworkers manager privacy identify name "
    "opinion opinions views represent speak behalf mistake correct quickly transparent honest "
    "copyright fair use material permission law laws security phishing account accounts "
    "password devices resources time responsible responsibility brand reputation trust "
    "audience readers topics sensitive financial results future announcements clients "
    "always never remember consider think before publish published internet search forever"
).split()


def _vocabulary(rng: random.Random) -> list[str]:
    # Real prose: a few hundred frequent words plus a long tail of rare ones (names, terms).
    letters = "abcdefghijklmnopqrstuvwxyz"
    tail = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 11))) for _ in range(6000)}
    return COMMON + sorted(tail)


class Prose:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = _vocabulary(self.rng)
        self.weights = [1 / (rank + 1) for rank in range(len(self.vocabulary))]

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, self.weights, k=count)

    def paragraphs(self, words: list[str]) -> list[list[str]]:
        """Group words into sentences and paragraphs of 40-160 words.

        Punctuation and capitals stay attached to their word, so an edit changes only the
        words it touches."""
        result: list[list[str]] = []
        paragraph: list[str] = []
        size = self.rng.randint(40, 160)
        start = True
        for word in words:
            if start:
                word = word.capitalize()
            roll = self.rng.random()
            start = roll < 0.07 or len(paragraph) + 1 == size
            paragraph.append(word + ("." if start else ("," if roll < 0.12 else "")))
            if len(paragraph) == size:
                result.append(paragraph)
                paragraph = []
                size = self.rng.randint(40, 160)
        if paragraph:
            paragraph[-1] = paragraph[-1].rstrip(",.") + "."
            result.append(paragraph)
        return result

    @staticmethod
    def document(paragraphs: list[list[str]]) -> str:
        return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"

    def edit(self, words: list[str], share: float) -> list[str]:
        """Replace, insert or delete the given share of words."""
        result = list(words)
        positions = sorted(self.rng.sample(range(len(words)), int(len(words) * share)))
        for position in reversed(positions):
            roll = self.rng.random()
            if roll < 0.7:
                result[position] = self.rng.choice(self.vocabulary)
            elif roll < 0.85:
                result.insert(position, self.rng.choice(self.vocabulary))
            else:
                del result[position]
        return result


def _median_ms(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def _snapshots(prose: Prose) -> tuple[dict, dict]:
    modalities = ["must", "must_not", "should", "should_not", "may"]
    sections = []
    for s in range(200):
        rules = [
            {
                "key": f"{s}-{r}",
                "modality": modalities[(s + r) % 5],
                "statement": " ".join(prose.words(15)) + ".",
                "policy_text": "",
                "guideline_text": " ".join(prose.words(12)) + ".",
                "explanation": " ".join(prose.words(40)) + ".",
                "visibility": "both",
            }
            for r in range(5)
        ]
        sections.append(
            {
                "key": str(s),
                "anchor": f"section-{s}",
                "heading": " ".join(prose.words(3)).title(),
                "body": prose.document(prose.paragraphs(prose.words(120))),
                "visibility": "both",
                "rules": rules,
            }
        )
    document = {
        "subject": "Social Computing",
        "title_policy": "Social Computing Policy",
        "title_guideline": "Social Computing Guidelines",
        "summary": " ".join(prose.words(40)),
    }
    old = {"document": document, "sections": sections}
    new = {
        "document": dict(document),
        "sections": [dict(s, rules=[dict(r) for r in s["rules"]]) for s in sections],
    }
    # A light review round: a few bodies edited, a rule reworded, a modality changed, a
    # section moved, a rule added.
    for s in (5, 50, 120):
        body = new["sections"][s]["body"].split(" ")
        new["sections"][s]["body"] = " ".join(prose.edit(body, 0.1))
    new["sections"][7]["rules"][2]["statement"] += " Always."
    new["sections"][9]["rules"][0]["modality"] = "must"
    new["sections"].insert(0, new["sections"].pop(150))
    new["sections"][30]["rules"].append(dict(new["sections"][30]["rules"][0], key="new-rule"))
    return old, new


def run() -> dict[str, float]:
    prose = Prose(2024)
    base_words = prose.words(WORDS)
    base_paragraphs = prose.paragraphs(base_words)
    old = prose.document(base_paragraphs)

    # 5% of the words edited, scattered through every paragraph.
    edited = prose.document([prose.edit(p, 0.05) for p in base_paragraphs])
    rewritten = prose.document(prose.paragraphs(prose.words(WORDS)))

    # Two editors at once: some paragraphs edited by one, some by the other, and some by both
    # in different halves (merged word by word).
    ours_paragraphs, theirs_paragraphs = [], []
    for i, paragraph in enumerate(base_paragraphs):
        half = len(paragraph) // 2
        first, second = paragraph[:half], paragraph[half:]
        if i % 3 == 0:
            ours_paragraphs.append(prose.edit(paragraph, 0.05))
            theirs_paragraphs.append(paragraph)
        elif i % 3 == 1:
            ours_paragraphs.append(paragraph)
            theirs_paragraphs.append(prose.edit(paragraph, 0.05))
        else:
            ours_paragraphs.append(prose.edit(first, 0.05) + second)
            theirs_paragraphs.append(first + prose.edit(second, 0.05))
    ours = prose.document(ours_paragraphs)
    theirs = prose.document(theirs_paragraphs)
    merged = three_way_merge(old, ours, theirs)
    old_snapshot, new_snapshot = _snapshots(prose)

    return {
        "diff_edit_ms": _median_ms(lambda: word_diff(old, edited), 9),
        "diff_rewrite_ms": _median_ms(lambda: word_diff(old, rewritten), 3),
        "merge_ms": _median_ms(lambda: three_way_merge(old, ours, theirs), 5),
        "merge_conflicts": float(len(merged.conflicts)),
        "compare_200_sections_ms": _median_ms(
            lambda: compare_snapshots(old_snapshot, new_snapshot), 9
        ),
    }


if __name__ == "__main__":
    print(run())

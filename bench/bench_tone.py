"""Tone engine benchmark: speed of rephrasing, and how well the realistic statements come out.

``tone_rules_per_s`` rephrases a 1,000-rule document in both tones (2,000 renderings);
``tone_100k_chars_ms`` is one 100,000-character paragraph in guideline tone. The ``*_pct``
figures run the realistic statements of the test data set through the checks the held-out set
is scored by: no prohibitive wording left in guideline tone, a clear obligation or prohibition
in policy tone, the subject matter kept.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.guidelines.test_tone import OBLIGATION, subject_matter_kept  # noqa: E402
from tests.guidelines.tone_cases import (  # noqa: E402
    CASES,
    GUIDELINE_STATEMENTS,
    POLICY_STATEMENTS,
)
from textkit.legacy_tone import GUIDELINE, POLICY, lint, rephrase  # noqa: E402


def _percent(items: list[str], passes) -> float:
    return 100 * sum(1 for item in items if passes(item)) / len(items)


def run() -> dict[str, float]:
    statements = [case.text for case in CASES] + POLICY_STATEMENTS + GUIDELINE_STATEMENTS
    document = (statements * (1000 // len(statements) + 1))[:1000]
    started = time.perf_counter()
    for text in document:
        rephrase(text, POLICY)
        rephrase(text, GUIDELINE)
    rules_per_s = 2 * len(document) / (time.perf_counter() - started)

    paragraph = ("Don't post anonymously, and never share passwords with anyone. " * 1600)[:100_000]
    started = time.perf_counter()
    rephrase(paragraph, GUIDELINE)
    long_ms = 1000 * (time.perf_counter() - started)

    def guideline_clean(text: str) -> bool:
        return not lint(rephrase(text, GUIDELINE), GUIDELINE)

    def policy_clear(text: str) -> bool:
        return bool(OBLIGATION.search(re.sub("’", "'", rephrase(text, POLICY))))

    return {
        "tone_rules_per_s": rules_per_s,
        "tone_100k_chars_ms": long_ms,
        "tone_guideline_clean_pct": _percent(POLICY_STATEMENTS, guideline_clean),
        "tone_policy_clear_pct": _percent(GUIDELINE_STATEMENTS, policy_clear),
        "tone_subject_kept_pct": _percent(
            POLICY_STATEMENTS + GUIDELINE_STATEMENTS,
            lambda s: (
                subject_matter_kept(s, rephrase(s, GUIDELINE))
                and subject_matter_kept(s, rephrase(s, POLICY))
            ),
        ),
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<28} {value:,.1f}")

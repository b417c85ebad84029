"""Scoring the engine on a corpus of real published statements.

The corpus is JSON lines: id, org, source, statement, modality, and for each voice the list of
acceptable renderings ("policy", "guideline"); an empty list means the statement should be left
as written. Alternates (JSON lines: id, voice, text, why) add renderings found correct under the
contract after the corpus was written; by default they are read from `tone_alternates.jsonl`
beside the corpus.

Each statement gets one outcome per voice:
- "correct": the output equals an expected rendering or an alternate (after normalising curly
  quotes and white space), or equals the statement when the expected list is empty;
- "left as written": not rendered (automatic False, the statement unchanged) while renderings
  were expected: a miss, but an honest one;
- "garbled": rendered (automatic True) into something that matches nothing expected.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textkit.modality import TONES, Modality
from textkit.tone.classify import classify
from textkit.tone.engine import render

CORRECT = "correct"
LEFT = "left as written"
GARBLED = "garbled"

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@dataclass(frozen=True)
class Entry:
    id: str
    statement: str
    modality: Modality
    expected: dict[str, tuple[str, ...]]


def entries(path: Path) -> Iterator[Entry]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield Entry(
                    str(row["id"]),
                    row["statement"],
                    Modality(row["modality"].lower().replace(" ", "_")),
                    {tone: tuple(row.get(tone) or ()) for tone in TONES},
                )
            except (ValueError, KeyError, TypeError, AttributeError):
                # A line being written while we read: skip it rather than fail the score.
                continue
            del number


def alternates(path: Path) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    if not path.exists():
        return found
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            found.setdefault((str(row["id"]), row["voice"]), set()).add(normalise(row["text"]))
    return found


def outcome(entry: Entry, tone: str, extra: set[str]) -> tuple[str, str]:
    """The outcome for one statement in one voice, and the engine's output."""
    phrasing = render(entry.statement, tone, entry.modality)
    expected = {normalise(text) for text in entry.expected[tone]} | extra
    output = normalise(phrasing.text)
    if output in expected:
        return CORRECT, phrasing.text
    if not entry.expected[tone] and output == normalise(entry.statement):
        return CORRECT, phrasing.text
    if not phrasing.automatic and phrasing.text == entry.statement:
        return LEFT, phrasing.text
    return GARBLED, phrasing.text


def score_corpus(path: str | Path, alternates_path: str | Path | None = None) -> dict[str, Any]:
    """Per voice: counts of each outcome and the share correct; classify accuracy; details."""
    corpus = Path(path)
    extra = alternates(
        Path(alternates_path) if alternates_path else corpus.with_name("tone_alternates.jsonl")
    )
    rows = list(entries(corpus))
    result: dict[str, Any] = {"size": len(rows)}
    for tone in TONES:
        counts = {CORRECT: 0, LEFT: 0, GARBLED: 0}
        details: list[dict[str, str]] = []
        for entry in rows:
            verdict, output = outcome(entry, tone, extra.get((entry.id, tone), set()))
            counts[verdict] += 1
            if verdict != CORRECT:
                details.append(
                    {
                        "id": entry.id,
                        "outcome": verdict,
                        "modality": entry.modality.value,
                        "statement": entry.statement,
                        "output": output,
                        "expected": " | ".join(entry.expected[tone]) or "(as written)",
                    }
                )
        result[tone] = {
            "correct": counts[CORRECT],
            "left_as_written": counts[LEFT],
            "garbled": counts[GARBLED],
            "correct_share": counts[CORRECT] / len(rows) if rows else 0.0,
            "misses": details,
        }
    right = sum(classify(entry.statement) == entry.modality for entry in rows)
    result["classify"] = {
        "correct": right,
        "accuracy": right / len(rows) if rows else 0.0,
        "misses": [
            {
                "id": e.id,
                "statement": e.statement,
                "modality": e.modality.value,
                "classified": classify(e.statement).value,
            }
            for e in rows
            if classify(e.statement) != e.modality
        ],
    }
    return result


def summary(result: dict[str, Any]) -> str:
    """One line per voice and one for classify, for a benchmark to print."""
    lines = [f"corpus: {result['size']} statements"]
    for tone in TONES:
        voice = result[tone]
        lines.append(
            f"{tone}: {voice['correct_share']:.1%} correct, {voice['left_as_written']} left as "
            f"written, {voice['garbled']} garbled"
        )
    lines.append(f"classify: {result['classify']['accuracy']:.1%}")
    return "\n".join(lines)

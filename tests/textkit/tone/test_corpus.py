"""The engine on real published statements: the product's bar (PRODUCT.md) and the scoring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from textkit.modality import Modality
from textkit.tone.corpus import (
    CORRECT,
    GARBLED,
    LEFT,
    Entry,
    normalise,
    outcome,
    score_corpus,
    summary,
)

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = DATA / "tone_corpus.jsonl"


@pytest.fixture(scope="module")
def score() -> dict[str, Any]:
    return score_corpus(CORPUS)


def test_the_corpus_is_there_and_large() -> None:
    assert score_corpus(CORPUS)["size"] >= 320


@pytest.mark.parametrize("tone", ["policy", "guideline"])
def test_nothing_is_garbled(score: dict[str, Any], tone: str) -> None:
    garbled = [miss for miss in score[tone]["misses"] if miss["outcome"] == GARBLED]
    assert garbled == []
    assert score[tone]["garbled"] == 0


@pytest.mark.parametrize("tone", ["policy", "guideline"])
def test_at_least_nine_in_ten_come_out_right(score: dict[str, Any], tone: str) -> None:
    assert score[tone]["correct_share"] >= 0.90


def test_classify_reads_the_modality_of_most_statements(score: dict[str, Any]) -> None:
    assert score["classify"]["accuracy"] >= 0.85


def test_the_summary_gives_one_line_per_voice_and_one_for_classify(
    score: dict[str, Any],
) -> None:
    lines = summary(score).splitlines()
    assert lines[0] == f"corpus: {score['size']} statements"
    assert lines[1].startswith("policy: ") and "garbled" in lines[1]
    assert lines[2].startswith("guideline: ")
    assert lines[3].startswith("classify: ")


def test_every_alternate_names_a_corpus_statement_and_a_voice() -> None:
    ids = {json.loads(line)["id"] for line in CORPUS.read_text(encoding="utf-8").splitlines()}
    path = DATA / "tone_alternates.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert row["id"] in ids
        assert row["voice"] in ("policy", "guideline")
        assert row["text"] and row["why"]


ENTRY = Entry(
    "x-1",
    "Don’t post anonymously.",
    Modality.MUST_NOT,
    {"policy": ("Do not post anonymously.",), "guideline": ()},
)


def test_an_output_equal_to_an_expected_rendering_is_correct() -> None:
    assert outcome(ENTRY, "policy", set()) == (CORRECT, "Do not post anonymously.")


def test_an_empty_expected_list_accepts_the_statement_as_written() -> None:
    assert outcome(ENTRY, "guideline", set())[0] == CORRECT


def test_a_rendering_matching_nothing_is_garbled() -> None:
    entry = Entry(
        "x-2", "Never post anonymously.", Modality.MUST_NOT, {"policy": ("X.",), "guideline": ()}
    )
    assert outcome(entry, "policy", set())[0] == GARBLED


def test_an_alternate_counts_as_expected() -> None:
    entry = Entry(
        "x-3", "Never post anonymously.", Modality.MUST_NOT, {"policy": ("X.",), "guideline": ()}
    )
    assert outcome(entry, "policy", {"Do not post anonymously."})[0] == CORRECT


def test_a_statement_left_as_written_is_told_apart_from_a_garbled_one() -> None:
    entry = Entry(
        "x-4",
        "Should you post anonymously?",
        Modality.SHOULD,
        {"policy": ("You should not post anonymously.",), "guideline": ()},
    )
    assert outcome(entry, "policy", set()) == (LEFT, "Should you post anonymously?")


def test_curly_quotes_and_spaces_do_not_count_as_differences() -> None:
    assert normalise("Don’t  post “this”. ") == normalise('Don\'t post "this".')

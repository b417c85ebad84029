"""classify: the modality a statement's wording states; stance: how prohibitive rules are."""

from __future__ import annotations

import pytest

from textkit.modality import Modality as M
from textkit.tone import Stance, classify, stance


@pytest.mark.parametrize(
    ("statement", "modality"),
    [
        ("Employees must identify themselves.", M.MUST),
        ("Identify yourself.", M.MUST),
        ("Don't post anonymously.", M.MUST_NOT),
        ("You may not use company logos.", M.MUST_NOT),
        ("Posting confidential material is prohibited.", M.MUST_NOT),
        ("These retweets must be avoided.", M.MUST_NOT),
        ("No political endorsements", M.MUST_NOT),
        ("Try to add value.", M.SHOULD),
        ("You may want to add a disclaimer.", M.SHOULD),
        ("It's never a bad idea to ask first.", M.SHOULD),
        ("Avoid posting when angry.", M.SHOULD_NOT),
        ("Feel free to share our posts.", M.MAY),
        ("You do not have to disclose your employer.", M.MAY),
        ("Soldiers are authorized to use social media.", M.MAY),
        ("If you are unsure ask your manager.", M.MUST),
        ("Don't forget your day job.", M.MUST),
    ],
)
def test_classify(statement: str, modality: M) -> None:
    assert classify(statement) == modality


@pytest.mark.parametrize("statement", ["Social media changes quickly.", "", "Is this a rule?"])
def test_classify_defaults_to_should_when_the_wording_does_not_say(statement: str) -> None:
    assert classify(statement) == M.SHOULD


def test_stance_counts_and_shares() -> None:
    found = stance([M.MUST, M.MUST_NOT, "should", M.MAY])
    assert found.total == 4
    assert found.counts[M.MUST] == 1 and found.counts[M.SHOULD_NOT] == 0
    assert found.share(M.SHOULD) == 0.25
    assert found.share("must_not") == 0.25
    assert found.binding_share == 0.5


def test_stance_of_no_rules_is_empty_not_an_error() -> None:
    found = stance([])
    assert found == Stance({modality: 0 for modality in M}, 0)
    assert found.share(M.MUST) == 0.0
    assert found.binding_share == 0.0


def test_stance_rejects_what_is_not_a_modality() -> None:
    with pytest.raises(ValueError):
        stance(["sometimes"])

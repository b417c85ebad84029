"""Saying a rule to the reader: whole-audience subjects and their pronouns."""

from __future__ import annotations

import pytest

from textkit.tone.address import is_audience, pronoun_edits
from textkit.tone.predicate import apply
from textkit.tone.sentences import sentence


@pytest.mark.parametrize(
    ("subject", "audience"),
    [
        ("Employees", True),
        ("All staff", True),
        ("Faculty and staff", True),
        ("All staff, volunteers and trustees", True),
        ("Nurses, midwives and nursing associates", True),
        ("Dell employees and other company representatives", True),
        ("Public servants", True),
        ("Members of staff", True),
        ("A university employee", True),
        ("Hourly employees", False),
        ("Managers", False),
        ("Reporters", False),
        ("Employees who serve as administrators", False),
        ("Employees and contractors", False),
    ],
)
def test_whole_audience_or_part_of_it(subject: str, audience: bool) -> None:
    sent = sentence(subject + " must read this.")
    last = len(subject.replace(",", " ,").split())
    assert is_audience(sent, 0, last) is audience


def rewrite(text: str, singular: bool = False) -> str | None:
    sent = sentence(text)
    edits = pronoun_edits(sent, 0, sent.body_end, singular)
    if edits is None:
        return None
    return apply(sent, 0, sent.body_end, sorted((a, b, t) for (a, b), t in edits.items()))


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        ("identify themselves", "identify yourself"),
        ("protect their passwords", "protect your passwords"),
        ("say so if they are using their accounts", "say so if you are using your accounts"),
        (
            "be mindful that the things they say are public",
            "be mindful that the things you say are public",
        ),
        (
            "use the same safeguards as they would offline",
            "use the same safeguards as you would offline",
        ),
        ("respect customers and their privacy", "respect customers and their privacy"),
        (
            "check with their supervisor, who should tell them",
            "check with your supervisor, who should tell them",
        ),
    ],
)
def test_the_subjects_pronouns_become_yours(predicate: str, expected: str) -> None:
    assert rewrite(predicate) == expected


def test_his_or_her_for_a_singular_subject() -> None:
    assert rewrite("use his or her own account", singular=True) == "use your own account"


@pytest.mark.parametrize(
    "predicate",
    [
        "fix errors before they spread",
        "not share passwords with anyone, even if they ask",
        "tell customers that they may be recorded",
        "keep the devices given to them",
    ],
)
def test_a_pronoun_that_may_point_elsewhere_stops_the_rewrite(predicate: str) -> None:
    assert rewrite(predicate) is None

"""check and strength_of: the contract on any phrasing, automatic or written by hand."""

from __future__ import annotations

import pytest

from textkit.modality import GUIDELINE, POLICY
from textkit.modality import Modality as M
from textkit.tone import Finding, check, strength_of

P, G = POLICY, GUIDELINE


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("Employees must identify themselves.", M.MUST),
        ("Make sure you identify yourself.", M.MUST),
        ("Always identify yourself.", M.MUST),
        ("Never post anonymously.", M.MUST_NOT),
        ("Don't post anonymously.", M.MUST_NOT),
        ("Employees must not post anonymously.", M.MUST_NOT),
        ("Posting photos of patients is prohibited.", M.MUST_NOT),
        ("Try to reply within a day.", M.SHOULD),
        ("We encourage you to reply within a day.", M.SHOULD),
        ("Employees should reply within a day.", M.SHOULD),
        ("Avoid posting when angry.", M.SHOULD_NOT),
        ("Think twice before posting when angry.", M.SHOULD_NOT),
        ("Employees should not post when angry.", M.SHOULD_NOT),
        ("Feel free to use your own devices.", M.MAY),
        ("Employees may use their own devices.", M.MAY),
        ("You may not use company logos.", M.MUST_NOT),
        ("You may want to add a disclaimer.", M.SHOULD),
        ("It's never a bad idea to ask.", M.SHOULD),
        ("Staff shall protect customer data.", M.MUST),
    ],
)
def test_strength_of_reads_the_wording(text: str, strength: M) -> None:
    assert strength_of(text) == strength


@pytest.mark.parametrize(
    "text", ["Identify yourself.", "Social media changes quickly.", "Is it okay?", ""]
)
def test_strength_of_says_when_it_cannot_tell(text: str) -> None:
    assert strength_of(text) is None


@pytest.mark.parametrize(
    ("text", "tone", "modality"),
    [
        ("Make sure you identify yourself.", G, M.MUST),
        ("Never post anonymously.", G, M.MUST_NOT),
        ("Try to reply within a day.", G, M.SHOULD),
        ("Avoid posting when angry.", G, M.SHOULD_NOT),
        ("Feel free to use your own devices.", G, M.MAY),
        ("Employees must identify themselves.", P, M.MUST),
        ("Identify yourself.", P, M.MUST),
        ("Do not post anonymously.", P, M.MUST_NOT),
        ("You should reply within a day.", P, M.SHOULD),
        ("Employees should not post when angry.", P, M.SHOULD_NOT),
        ("Employees may use their own devices.", P, M.MAY),
        ('Use the disclaimer "I must say this is mine."', G, M.MUST),
    ],
)
def test_phrasings_that_keep_the_contract(text: str, tone: str, modality: M) -> None:
    assert check(text, tone, modality) == []


def test_a_guideline_phrasing_that_weakens_a_prohibition() -> None:
    findings = check("Try not to post anonymously.", G, M.MUST_NOT)
    assert [finding.code for finding in findings] == ["strength"]
    assert findings[0].message == (
        "This guideline phrasing reads as advice to avoid something but the rule is MUST NOT "
        "(Not allowed)."
    )


def test_a_suggestion_where_the_rule_forbids() -> None:
    findings = check("Feel free to post anonymously.", G, M.MUST_NOT)
    assert findings[0].code == "strength"
    assert "reads as a permission but the rule is MUST NOT (Not allowed)" in findings[0].message


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("You must identify yourself.", "must"),
        ("Posting anonymously is prohibited.", "prohibited"),
        ("Staff shall protect data.", "shall"),
        ("This is not permitted.", "not permitted"),
        ("A disclaimer is required.", "required"),
        ("Violations lead to disciplinary action.", "violations"),
    ],
)
def test_legal_vocabulary_in_guideline_voice(text: str, word: str) -> None:
    findings = check(text, G, M.MUST if "must" in text or "required" in text else M.MUST_NOT)
    legal = [finding for finding in findings if finding.code == "legal-vocabulary"]
    assert legal and f"“{word}”" in legal[0].message


@pytest.mark.parametrize(
    "text",
    [
        "We encourage you to reply.",
        "Try to reply.",
        "It's a good idea to reply.",
        "Feel free to reply.",
        "Consider replying.",
    ],
)
def test_encouragement_in_policy_voice(text: str) -> None:
    modality = M.MAY if "free" in text else M.SHOULD
    assert "encouragement" in [finding.code for finding in check(text, P, modality)]


def test_a_plain_imperative_in_a_policy_binds() -> None:
    assert [f.code for f in check("Add value.", P, M.SHOULD)] == ["strength"]
    assert check("Add value.", P, M.MUST) == []


def test_findings_come_with_a_fix_that_keeps_the_modality() -> None:
    findings = check(
        "Employees must not post anonymously.",
        G,
        M.MUST_NOT,
        statement="Employees must not post anonymously.",
    )
    assert findings == [
        Finding(
            "legal-vocabulary",
            "This guideline phrasing uses legal vocabulary (“must not”); guideline voice "
            "gives the same point as advice.",
            "Never post anonymously.",
        )
    ]
    assert check(findings[0].fix or "", G, M.MUST_NOT) == []


def test_a_hand_written_phrasing_of_the_wrong_strength_gets_the_engines_fix() -> None:
    findings = check(
        "Avoid posting anonymously.", G, M.MUST_NOT, statement="Don't post anonymously."
    )
    assert [f.code for f in findings] == ["strength"]
    assert findings[0].fix == "Don't post anonymously."


def test_a_statement_the_engine_left_as_written_says_it_needs_phrasing() -> None:
    statement = "A disclaimer is required on every blog."
    findings = check(statement, G, M.MUST, statement=statement)
    assert [f.code for f in findings] == ["legal-vocabulary", "unrendered"]
    assert findings[1].message.startswith("needs your phrasing: ")
    assert all(f.fix is None for f in findings)


def test_a_statement_without_a_readable_rule_is_flagged_for_phrasing_only() -> None:
    statement = "The Trust Principles apply to all of us."
    assert [f.code for f in check(statement, G, M.MUST, statement=statement)] == ["unrendered"]
    assert check(statement, G, M.MUST) == []


def test_quoted_words_are_the_authors_and_are_not_checked() -> None:
    assert check("Include “I must say my views are my own.”", G, M.MUST) == []


def test_an_unknown_tone_is_an_error() -> None:
    with pytest.raises(ValueError, match="tone"):
        check("Be honest.", "casual", M.MUST)

"""The verb forms the tone engine needs: gerunds, their base forms, coordinated verbs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textkit import legacy_morphology as morphology
from textkit.legacy_morphology import (
    VERBS,
    base_from_gerund,
    base_phrase,
    gerund,
    gerund_phrase,
    is_verb,
    starts_with_gerund,
    third_person,
)


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("post", "posting"),
        ("share", "sharing"),
        ("make", "making"),
        ("be", "being"),
        ("see", "seeing"),
        ("agree", "agreeing"),
        ("lie", "lying"),
        ("die", "dying"),
        ("run", "running"),
        ("chat", "chatting"),
        ("blog", "blogging"),
        ("spam", "spamming"),
        ("quit", "quitting"),
        ("admit", "admitting"),
        ("refer", "referring"),
        ("visit", "visiting"),
        ("open", "opening"),
        ("offer", "offering"),
        ("edit", "editing"),
        ("panic", "panicking"),
        ("fix", "fixing"),
        ("show", "showing"),
        ("play", "playing"),
        ("copy", "copying"),
        ("read", "reading"),
        ("double-check", "double-checking"),
        ("e-mail", "e-mailing"),
        ("badmouth", "badmouthing"),
        ("screenshot", "screenshotting"),
    ],
)
def test_it_forms_the_gerund(verb, expected):
    assert gerund(verb) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("posting", "post"),
        ("sharing", "share"),
        ("using", "use"),
        ("being", "be"),
        ("lying", "lie"),
        ("running", "run"),
        ("calling", "call"),
        ("passing", "pass"),
        ("adding", "add"),
        ("hoping", "hope"),
        ("creating", "create"),
        ("visiting", "visit"),
        ("controlling", "control"),
        ("panicking", "panic"),
        ("copying", "copy"),
        # Not in the word list: spelling decides.
        ("tweaking", "tweak"),
        ("outsourcing", "outsource"),
        ("vlogging", "vlog"),
        ("emphasizing", "emphasize"),
        ("ensuring", "ensure"),
        ("rehashing", "rehash"),
    ],
)
def test_it_finds_the_base_form_behind_a_gerund(word, expected):
    assert base_from_gerund(word) == expected


@pytest.mark.parametrize("word", ["bring", "thing", "anything", "during", "post", "sing", "ing"])
def test_words_that_merely_end_in_ing_have_no_base_form(word):
    assert base_from_gerund(word) is None


def test_it_keeps_the_case_of_the_word():
    assert gerund("Post") == "Posting"
    assert gerund("POST") == "POSTING"
    assert base_from_gerund("Sharing") == "Share"


def test_every_listed_verb_survives_a_round_trip_through_its_gerund():
    failures = [v for v in sorted(VERBS) if base_from_gerund(gerund(v)) != v]
    assert failures == []


def test_spelling_alone_recovers_nearly_every_listed_verb(monkeypatch):
    # The word list settles ambiguous cases; the spelling rules must carry the rest.
    verbs = sorted(VERBS)
    monkeypatch.setattr(morphology, "VERBS", frozenset())
    recovered = sum(1 for v in verbs if base_from_gerund(gerund(v)) == v)
    assert recovered / len(verbs) >= 0.95


@pytest.mark.parametrize(
    ("verb", "expected"),
    [("avoid", "avoids"), ("try", "tries"), ("push", "pushes"), ("be", "is"), ("say", "says")],
)
def test_it_forms_the_third_person(verb, expected):
    assert third_person(verb) == expected


def test_is_verb_knows_base_forms_only():
    assert is_verb("share")
    assert is_verb("Disclose")
    assert not is_verb("sharing")
    assert not is_verb("information")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("post anonymously", "posting anonymously"),
        ("post or share passwords", "posting or sharing passwords"),
        ("copy, distribute, or modify files", "copying, distributing, or modifying files"),
        ("cite or reference clients", "citing or referencing clients"),
        ("post or comment on rumors", "posting or commenting on rumors"),
        ("share passwords and work files", "sharing passwords and work files"),
        (
            "post things that harm or embarrass people",
            "posting things that harm or embarrass people",
        ),
        (
            "use company email to harass or intimidate",
            "using company email to harass or intimidate",
        ),
        (
            "pick fights, and be the first to apologise",
            "picking fights, and be the first to apologise",
        ),
        ("knowingly post falsehoods", "knowingly posting falsehoods"),
        (", under any circumstances, share it", ", under any circumstances, sharing it"),
        ("be rude", "being rude"),
    ],
)
def test_it_turns_a_verb_phrase_into_a_gerund_phrase(phrase, expected):
    assert gerund_phrase(phrase) == expected


@pytest.mark.parametrize("phrase", ["the rules", "", "   ", "123 abc", "anything goes", "to post"])
def test_a_phrase_without_a_leading_verb_has_no_gerund(phrase):
    assert gerund_phrase(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("posting anonymously", "post anonymously"),
        ("disclosing or discussing results", "disclose or discuss results"),
        ("using company email and messaging apps", "use company email and messaging apps"),
        ("publicly criticising competitors", "publicly criticise competitors"),
    ],
)
def test_it_turns_a_gerund_phrase_back_into_the_base_form(phrase, expected):
    assert base_phrase(phrase) == expected


def test_it_tells_gerund_phrases_from_noun_phrases():
    assert starts_with_gerund("posting anonymously")
    assert not starts_with_gerund("conflicts of interest")
    assert not starts_with_gerund("anything personal")


@given(st.sampled_from(sorted(VERBS)), st.sampled_from(["", " it", " the rules", " or share"]))
def test_gerund_and_base_phrases_are_inverse(verb, rest):
    phrase = verb + rest
    assert base_phrase(gerund_phrase(phrase)) == phrase


@given(st.text(max_size=200))
def test_the_phrase_functions_never_raise(text):
    gerund_phrase(text)
    base_phrase(text)
    for word in text.split()[:5]:
        gerund(word)
        base_from_gerund(word)
        third_person(word)

"""Verb forms from lemminflect, with the domain's overrides."""

from __future__ import annotations

import pytest

from textkit.tone import morphology as morph


@pytest.mark.parametrize(
    ("verb", "gerund"),
    [
        ("post", "posting"),
        ("share", "sharing"),
        ("disengage", "disengaging"),
        ("be", "being"),
        ("lie", "lying"),
        ("blog", "blogging"),
        ("program", "programming"),
        ("screenshot", "screenshotting"),
        ("Post", "Posting"),
        ("double-check", "double-checking"),
    ],
)
def test_gerunds(verb: str, gerund: str) -> None:
    assert morph.gerund(verb) == gerund


@pytest.mark.parametrize(
    ("word", "base"),
    [("posting", "post"), ("sharing", "share"), ("blogging", "blog"), ("tweeting", "tweet")],
)
def test_gerunds_back_to_base(word: str, base: str) -> None:
    assert morph.base_of_gerund(word) == base


@pytest.mark.parametrize("word", ["thing", "during", "bring", "king", "ing"])
def test_words_that_only_look_like_gerunds(word: str) -> None:
    assert morph.base_of_gerund(word) is None


@pytest.mark.parametrize(
    ("word", "base"), [("disclosed", "disclose"), ("written", "write"), ("tagged", "tag")]
)
def test_participles_back_to_base(word: str, base: str) -> None:
    assert morph.base_of_participle(word) == base


@pytest.mark.parametrize(
    "word", ["post", "trust", "tag", "link", "share", "friend", "blog", "text"]
)
def test_the_domain_overrides_make_these_verbs(word: str) -> None:
    assert morph.is_base_verb(word)


@pytest.mark.parametrize("word", ["posted", "posts", "the", "must", "your", "information"])
def test_not_base_verbs(word: str) -> None:
    assert not morph.is_base_verb(word)


def test_function_words_are_not_nouns() -> None:
    assert not morph.is_noun("your")
    assert "PRON" in morph.classes("they")


def test_case_follows_the_model_word() -> None:
    assert morph.match_case("POST", "posting") == "POSTING"
    assert morph.match_case("Post", "posting") == "Posting"
    assert morph.match_case("post", "posting") == "posting"


def test_people_and_plurals() -> None:
    assert morph.is_person("midwives")
    assert morph.is_plural_noun("errors")
    assert not morph.is_plural_noun("staff")

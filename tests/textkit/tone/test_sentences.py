"""Sentences and tokens: quotations, links and numbers stay whole."""

from __future__ import annotations

import pytest

from textkit.tone.sentences import LINK, NUMBER, PUNCT, QUOTE, WORD, sentence, split, tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(token.text, token.kind) for token in tokenize(text)]


def test_a_quotation_is_one_token_whatever_it_holds() -> None:
    assert ("“Opinions are my own. Don't quote me.”", QUOTE) in kinds(
        "Add “Opinions are my own. Don't quote me.” to your profile."
    )


def test_straight_single_quotes_are_quotations_but_apostrophes_are_not() -> None:
    assert kinds("Say 'I work here' when you don't know.") == [
        ("Say", WORD),
        ("'I work here'", QUOTE),
        ("when", WORD),
        ("you", WORD),
        ("don't", WORD),
        ("know", WORD),
        (".", PUNCT),
    ]


@pytest.mark.parametrize(
    "link", ["https://example.com/a.b?c=1", "www.ibm.com/blogs", "help@example.org", "#IAMINTEL"]
)
def test_links_addresses_and_tags_are_one_token(link: str) -> None:
    assert (link, LINK) in kinds(f"Visit {link}.")


def test_numbers_and_abbreviations_keep_their_full_stops() -> None:
    assert kinds("Post 3.5 times a day, e.g. at 9 a.m.")[1] == ("3.5", NUMBER)
    assert ("e.g.", WORD) in kinds("Use e.g. a disclaimer.")


def test_a_token_knows_its_lower_case_with_straight_apostrophes() -> None:
    assert tokenize("Don’t")[0].low == "don't"


def test_splitting_keeps_every_character() -> None:
    text = "  Don't post anonymously.  Your name builds trust! Mr. Smith agrees. "
    pieces = split(text.strip())
    assert [piece for piece, _space in pieces] == [
        "Don't post anonymously.",
        "Your name builds trust!",
        "Mr. Smith agrees.",
    ]
    assert "".join(piece + space for piece, space in pieces) == text.strip()


def test_no_split_inside_quotations_or_after_abbreviations() -> None:
    assert len(split("Write “I agree. I disagree.” in lower case, etc. and then stop.")) == 1


def test_final_punctuation_is_read_as_written() -> None:
    assert sentence("Be honest!").final == "!"
    assert sentence("Be honest").final == ""
    assert sentence("Is this a rule?").is_question
    assert sentence('Use "Views are my own."').final == ""

"""Properties of the tone engine that hold for any input, checked with generated statements."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textkit.modality import TONES, Modality
from textkit.tone import check, classify, render, strength_of
from textkit.tone.sentences import QUOTE, tokenize

# Pieces of real rule statements, combined into sentences the engine has and has not seen.
LEADS = [
    "",
    "If you are unsure, ",
    "If in doubt ",
    "When posting, ",
    "Please ",
    "And ",
    "However, ",
]
SUBJECTS = ["", "Employees ", "You ", "Managers ", "Staff ", "All staff and volunteers "]
FRAMES = [
    "",
    "must ",
    "must not ",
    "should ",
    "should not ",
    "may ",
    "may not ",
    "are required to ",
    "are encouraged to ",
    "Do not ",
    "Don't ",
    "Never ",
    "Always ",
    "Avoid ",
    "Try to ",
    "Feel free to ",
    "We encourage you to ",
    "Make sure you ",
    "Think twice before ",
    "Refrain from ",
]
VERBS = ["post", "share", "posting", "disclose", "be", "identify", "comment on", "use", "trust"]
OBJECTS = [
    "confidential information",
    "yourself",
    "their passwords",
    "photos or videos of customers",
    '"Views are my own"',
    "the Trust Principles",
    "anything at https://example.com/a.b",
    "more than 3 times a day",
]
TAILS = ["", " when you are angry", " and do not disengage", ", even if asked", " (or repost)"]
ENDS = [".", "!", "?", "", ".”", ";"]


@st.composite
def statements(draw: st.DrawFn) -> str:
    parts = [
        draw(st.sampled_from(LEADS)),
        draw(st.sampled_from(SUBJECTS)),
        draw(st.sampled_from(FRAMES)),
        draw(st.sampled_from(VERBS)),
        " ",
        draw(st.sampled_from(OBJECTS)),
        draw(st.sampled_from(TAILS)),
        draw(st.sampled_from(ENDS)),
    ]
    text = "".join(parts)
    if draw(st.booleans()):
        text = text + " " + draw(st.sampled_from(["This builds trust.", "Never lie.", "Ok?"]))
    return text


ANY_TEXT = st.one_of(statements(), st.text(max_size=80))
TONE = st.sampled_from(TONES)
MODALITY = st.sampled_from(list(Modality))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ANY_TEXT, TONE, MODALITY)
def test_render_never_raises_and_reports_what_it_did(
    text: str, tone: str, modality: Modality
) -> None:
    phrasing = render(text, tone, modality)
    assert isinstance(phrasing.text, str)
    if not phrasing.automatic:
        assert phrasing.text == text
        assert phrasing.reason.startswith("needs your phrasing: ")


@SETTINGS
@given(ANY_TEXT, TONE, MODALITY)
def test_an_automatic_rendering_always_passes_the_contract(
    text: str, tone: str, modality: Modality
) -> None:
    phrasing = render(text, tone, modality)
    if phrasing.automatic:
        assert check(phrasing.text, tone, modality) == []


@SETTINGS
@given(ANY_TEXT, TONE, MODALITY)
def test_the_same_input_gives_the_same_output(text: str, tone: str, modality: Modality) -> None:
    assert render(text, tone, modality) == render(text, tone, modality.value)


@SETTINGS
@given(ANY_TEXT, TONE, MODALITY)
def test_quoted_spans_survive_word_for_word(text: str, tone: str, modality: Modality) -> None:
    quotes = [token.text for token in tokenize(text) if token.kind == QUOTE]
    rendered = render(text, tone, modality).text
    assert [token.text for token in tokenize(rendered) if token.kind == QUOTE] == quotes


@SETTINGS
@given(ANY_TEXT, TONE, MODALITY)
def test_final_punctuation_and_first_capital_are_kept(
    text: str, tone: str, modality: Modality
) -> None:
    phrasing = render(text, tone, modality)
    if phrasing.automatic:
        assert phrasing.text.rstrip()[-1:] == text.rstrip()[-1:]
        assert phrasing.text[:1].isupper() == text[:1].isupper()


@SETTINGS
@given(ANY_TEXT)
def test_classify_and_strength_never_raise(text: str) -> None:
    assert isinstance(classify(text), Modality)
    found = strength_of(text)
    assert found is None or isinstance(found, Modality)

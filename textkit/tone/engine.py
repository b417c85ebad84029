"""`render` and `check`: one statement, two voices, the same obligation.

render reads every sentence into frames, builds the phrasing for the voice and modality from
the frames, and checks it against the contract before returning it. Anything it cannot fully
read comes back exactly as written, with a reason for the author.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from textkit.modality import GUIDELINE, TONES, Modality
from textkit.tone import address, contract, frames, generate, lexicon, sentences
from textkit.tone import morphology as morph
from textkit.tone.contract import Finding
from textkit.tone.frames import PASSIVE, SUBJECT, THING, WE, Reading
from textkit.tone.sentences import PROTECTED_KINDS

NEEDS_PHRASING = "needs your phrasing: "


@dataclass(frozen=True)
class Phrasing:
    text: str  # the rendering, or the statement exactly as written
    automatic: bool  # True: the engine rendered it; False: left as written
    reason: str = ""  # when left as written: a short reason for the author


def render(statement: str, tone: str, modality: Modality | str) -> Phrasing:
    """The statement in `tone`, stating `modality`; as written when the engine cannot."""
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}; expected one of {TONES}")
    return _render(statement, tone, Modality(modality))


@lru_cache(maxsize=16384)
def _render(statement: str, tone: str, modality: Modality) -> Phrasing:
    stripped = statement.strip()
    if not stripped:
        return _as_written(statement, "the statement is empty")
    head = statement[: len(statement) - len(statement.lstrip())]
    pieces: list[str] = [head]
    split = sentences.split(stripped)
    rules = 0
    for text, space in split:
        outcome = _render_sentence(text, tone, modality, several=len(split) > 1)
        if isinstance(outcome, _Refusal):
            return _as_written(statement, outcome.reason)
        rendered, is_rule = outcome
        rules += is_rule
        pieces.append(rendered)
        pieces.append(space)
    if rules == 0:
        return _as_written(statement, "no sentence in it states a rule the engine can read")
    text = "".join(pieces) + statement[len(head) + len(stripped) :]
    if contract.violations(text, tone, modality):
        return _as_written(statement, "no phrasing the engine can build keeps the contract")
    if not _protected_kept(statement, text):
        return _as_written(statement, "quoted text, a link or a number would change")
    return Phrasing(text, True)


@dataclass(frozen=True)
class _Refusal:
    reason: str


def _render_sentence(
    text: str, tone: str, modality: Modality, *, several: bool
) -> tuple[str, bool] | _Refusal:
    """The sentence in the voice (and whether it states a rule), or why it cannot be."""
    reading = frames.read_text(text)
    if reading is None:
        if _states_rule(text):
            if "?" in text:
                return _Refusal("it asks a question")
            return _Refusal(f"the engine cannot read “{_short(text)}”")
        return text, False
    as_written = generate.as_written_ok(reading, tone, modality)
    if not as_written and reading.modality != modality:
        opposite = reading.modality.is_negative != modality.is_negative
        if opposite or several or generate.keeps_only(reading):
            # The frames cannot turn a prohibition into a requirement (or the reverse), nor
            # give a sentence among others a strength its wording does not state.
            return _Refusal(
                f"its wording says {reading.modality.label} ({reading.modality.strength}) "
                f"but the rule is {modality.label} ({modality.strength})"
            )
    if as_written and not contract.violations(text, tone, modality):
        return text, True
    for candidate in generate.candidates(reading, tone, modality):
        if not contract.violations(candidate, tone, modality) and _reads_back(candidate):
            return candidate, True
    return _Refusal(_why_not(reading, tone, text))


def _reads_back(candidate: str) -> bool:
    """What the engine writes, it can read: a phrasing it cannot read is not one it trusts."""
    return frames.read_text(candidate) is not None


def _why_not(reading: Reading, tone: str, text: str) -> str:
    """A short reason, for the author, why no phrasing in `tone` could be built."""
    if reading.mixed:
        return "it joins rules of different strengths in one sentence"
    if not reading.predicate.certain:
        return f"the engine cannot tell which words are verbs in “{_short(text)}”"
    if tone == GUIDELINE:
        if reading.person == PASSIVE:
            return "a passive rule has no reader to speak to; name who does it"
        if reading.person in (SUBJECT, THING, WE):
            audience = address.is_audience(reading.sentence, *reading.subject)
            if reading.person == SUBJECT and audience:
                return "it is unclear whom a pronoun in it refers to"
            return f"it is about “{_short(reading.subject_text, 40)}”, not said to every reader"
        terms = contract.legal_terms(text)
        if terms:
            listed = ", ".join(dict.fromkeys(term.lower() for term in terms))
            return f"its subject matter uses legal vocabulary ({listed})"
    elif contract.encouragement_terms(text):
        return "its subject matter uses an encouragement frame"
    return f"no {tone} phrasing of “{_short(text)}” keeps its meaning"


def _states_rule(text: str) -> bool:
    """Whether an unreadable sentence looks like it states a rule (then nothing is rendered)."""
    tokens = sentences.tokenize(text)
    words = [token for token in tokens if token.is_word]
    if not words:
        return False
    if contract.keyword_strength(text) is not None:
        return True
    first = words[0].low
    return first in lexicon.FRAME_ADVERBS or _could_be_imperative(first)


def _could_be_imperative(word: str) -> bool:
    return morph.is_base_verb(word) and not morph.is_noun(word)


def _protected_kept(statement: str, text: str) -> bool:
    """Every quotation, link and number of the statement is in the phrasing, in order."""
    before = [
        token.text for token in sentences.tokenize(statement) if token.kind in PROTECTED_KINDS
    ]
    after = [token.text for token in sentences.tokenize(text) if token.kind in PROTECTED_KINDS]
    return before == after


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _as_written(statement: str, reason: str) -> Phrasing:
    return Phrasing(statement, False, NEEDS_PHRASING + reason)


def check(text: str, tone: str, modality: Modality | str, *, statement: str = "") -> list[Finding]:
    """Contract findings for any phrasing of a rule, each with a fix where one exists."""
    modality = Modality(modality)
    findings = contract.violations(text, tone, modality)
    fix: str | None = None
    if statement:
        rendered = render(statement, tone, modality)
        if rendered.automatic and rendered.text != text:
            fix = rendered.text
        if text == statement and not rendered.automatic:
            # The engine could not build this voice: the author is asked for a phrasing.
            findings.append(Finding("unrendered", rendered.reason, None))
    if fix is not None:
        findings = [Finding(f.code, f.message, fix) for f in findings]
    return findings

"""The rendering contract, checked on any phrasing: automatic or written by hand.

- Guideline voice uses no legal vocabulary or threats (shall, must, prohibited, ...).
- Policy voice uses no encouragement frames ("we encourage", "try to", "feel free", ...).
- The strength the wording expresses is the rule's modality.

Quotations are the author's words, not the phrasing's voice: they are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from textkit.modality import GUIDELINE, POLICY, TONES, Modality
from textkit.tone import frames, lexicon, sentences
from textkit.tone.frames import Reading

M = Modality


@dataclass(frozen=True)
class Finding:
    code: str  # "strength" | "legal-vocabulary" | "encouragement" | "unrendered"
    message: str
    fix: str | None


# How a strength reads, in the words of a finding.
READS_AS: dict[Modality, str] = {
    M.MUST: "a requirement",
    M.MUST_NOT: "a firm limit",
    M.SHOULD: "a suggestion",
    M.SHOULD_NOT: "advice to avoid something",
    M.MAY: "a permission",
}


def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(terms, key=len, reverse=True)
    body = "|".join(re.escape(term).replace(r"\ ", r"\s+") for term in alternatives)
    return re.compile(r"(?<![\w'’-])(?:" + body + r")(?![\w'’-])", re.IGNORECASE)


_LEGAL = _term_pattern(lexicon.LEGAL_TERMS)
_ENCOURAGEMENT = _term_pattern(lexicon.ENCOURAGEMENT_TERMS)


_MAY_QUOTE = re.compile(r"[\"“”‘]|(?<!\w)'|[@#]|://|www\.|\.\w")


@lru_cache(maxsize=4096)
def _unquoted(text: str) -> str:
    """The text with quotations and links blanked out (same length)."""
    if not _MAY_QUOTE.search(text):
        return text.replace("’", "'")
    pieces: list[str] = []
    cursor = 0
    for token in sentences.tokenize(text):
        if token.kind in (sentences.QUOTE, sentences.LINK):
            pieces.append(text[cursor : token.start])
            pieces.append(" " * (token.end - token.start))
            cursor = token.end
    pieces.append(text[cursor:])
    return "".join(pieces).replace("’", "'")


def legal_terms(text: str) -> list[str]:
    return [match.group() for match in _LEGAL.finditer(_unquoted(text))]


def encouragement_terms(text: str) -> list[str]:
    return [match.group() for match in _ENCOURAGEMENT.finditer(_unquoted(text))]


# Words that carry a rule when the frames cannot read a sentence: the strength they suggest.
_KEYWORDS: tuple[tuple[re.Pattern[str], Modality], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), modality)
    for pattern, modality in (
        (
            r"\b(?:must\s+not|mustn't|shall\s+not|may\s+not|cannot|can't|can\s+not|never"
            r"|prohibited|forbidden|not\s+(?:permitted|allowed|acceptable|tolerated)"
            r"|unacceptable|will\s+not\s+be\s+tolerated|do\s+not|don't|under\s+no\s+circumstances)\b",
            M.MUST_NOT,
        ),
        (r"\b(?:should\s+not|shouldn't|avoid|refrain|discouraged?|think\s+twice)\b", M.SHOULD_NOT),
        (r"\b(?:must|shall|required|mandatory|obliged|obligated|need\s+to|have\s+to)\b", M.MUST),
        (
            r"\b(?:should|recommend(?:ed)?|encourage[ds]?|try\s+to|consider|advisable|good\s+idea"
            r"|ought\s+to)\b",
            M.SHOULD,
        ),
        (r"\b(?:may|can|feel\s+free|welcome\s+to|permitted|allowed|free\s+to)\b", M.MAY),
        (r"^\s*no\s+\w+", M.MUST_NOT),  # "No political endorsements"
    )
)


def keyword_strength(text: str) -> Modality | None:
    bare = _unquoted(text)
    for pattern, modality in _KEYWORDS:
        if pattern.search(bare):
            return modality
    return None


def _reading_strengths(reading: Reading, tone: str | None) -> frozenset[Modality]:
    """Strengths a reading's wording is compatible with, in `tone` (None: either)."""
    if reading.plain:
        # A bare imperative binds in a policy; in a guideline, or out of any voice, it may read
        # as advice too.
        if tone == POLICY:
            return frozenset({M.MUST})
        return frozenset({M.MUST, M.SHOULD})
    if reading.frame in ("refrain", "imperative+refrain", "we-ask-refrain"):
        return frozenset({M.MUST_NOT, M.SHOULD_NOT})
    if reading.frame in ("avoid", "imperative+avoid") and tone == POLICY:
        # "Avoid X" in a policy reads as a firm limit.
        return frozenset({M.MUST_NOT})
    return frozenset({reading.modality})


@lru_cache(maxsize=16384)
def sentence_strengths(text: str, tone: str | None) -> frozenset[Modality] | None:
    """Strengths one sentence's wording is compatible with; None when it states no rule."""
    reading = frames.read_text(text)
    if reading is not None:
        return _reading_strengths(reading, tone)
    keyword = keyword_strength(text)
    return None if keyword is None else frozenset({keyword})


def strengths(text: str, tone: str | None) -> frozenset[Modality] | None:
    """Strengths a phrasing is compatible with: those every rule-bearing sentence allows."""
    result: frozenset[Modality] | None = None
    for piece, _space in sentences.split(text):
        found = sentence_strengths(piece, tone)
        if found is None:
            continue
        result = found if result is None else result & found
    return result


def strength_of(text: str) -> Modality | None:
    """The strength a phrasing's wording expresses; None when it cannot tell."""
    found = strengths(text, None)
    if found is None or len(found) != 1:
        return None
    return next(iter(found))


def violations(text: str, tone: str, modality: Modality) -> list[Finding]:
    """The contract findings for a phrasing, without fixes."""
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}; expected one of {TONES}")
    modality = Modality(modality)
    findings: list[Finding] = []
    voice = "guideline" if tone == GUIDELINE else "policy"
    if tone == GUIDELINE:
        terms = legal_terms(text)
        if terms:
            listed = ", ".join(f"“{term}”" for term in dict.fromkeys(t.lower() for t in terms))
            findings.append(
                Finding(
                    "legal-vocabulary",
                    f"This guideline phrasing uses legal vocabulary ({listed}); guideline "
                    "voice gives the same point as advice.",
                    None,
                )
            )
    else:
        terms = encouragement_terms(text)
        if terms:
            listed = ", ".join(f"“{term}”" for term in dict.fromkeys(t.lower() for t in terms))
            findings.append(
                Finding(
                    "encouragement",
                    f"This policy phrasing uses an encouragement frame ({listed}); policy voice "
                    "states the rule plainly.",
                    None,
                )
            )
    found = strengths(text, tone)
    if found is not None and modality not in found:
        reads = _describe(found)
        findings.append(
            Finding(
                "strength",
                f"This {voice} phrasing reads as {reads} but the rule is {modality.label} "
                f"({modality.strength}).",
                None,
            )
        )
    return findings


def _describe(found: frozenset[Modality]) -> str:
    order = [m for m in Modality if m in found]
    return " or ".join(READS_AS[m] for m in order)

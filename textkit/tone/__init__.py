"""The tone engine: one rule statement, two voices, the same obligation (PRODUCT.md).

    render(statement, tone, modality) -> Phrasing   the statement in a voice, or as written
    classify(statement) -> Modality                 the modality its wording states
    strength_of(text) -> Modality | None            the strength a phrasing expresses
    check(text, tone, modality, statement=...)      contract findings, each with a fix
    stance(modalities) -> Stance                    how prohibitive a set of rules is

Stages: sentences (split, protect quotes and links) -> frames (read a sentence: lead, subject,
modal frame, predicate) -> generate (a frame for the voice, the rest as written) -> contract
(check the result). morphology wraps lemminflect; lexicon holds the word lists.
"""

from textkit.tone.classify import classify
from textkit.tone.contract import Finding, strength_of
from textkit.tone.engine import Phrasing, check, render
from textkit.tone.stance import Stance, stance

__all__ = [
    "Finding",
    "Phrasing",
    "Stance",
    "check",
    "classify",
    "render",
    "stance",
    "strength_of",
]

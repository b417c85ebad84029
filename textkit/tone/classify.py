"""The modality a statement's wording states: the engine's best guess for a new rule."""

from __future__ import annotations

from textkit.modality import Modality
from textkit.tone import contract, frames, sentences


def classify(statement: str) -> Modality:
    """The modality the wording states; SHOULD when it does not say (a bare imperative)."""
    for text, _space in sentences.split(statement.strip()):
        reading = frames.read_text(text)
        if reading is not None:
            return reading.modality
        keyword = contract.keyword_strength(text)
        if keyword is not None:
            return keyword
    return Modality.SHOULD

"""The one vocabulary of rule strength: RFC 2119 modalities, tones and the words readers see."""

from __future__ import annotations

from enum import StrEnum

POLICY = "policy"
GUIDELINE = "guideline"
TONES: tuple[str, str] = (POLICY, GUIDELINE)


class Modality(StrEnum):
    """RFC 2119 modality of a rule."""

    MUST = "must"
    MUST_NOT = "must_not"
    SHOULD = "should"
    SHOULD_NOT = "should_not"
    MAY = "may"

    @property
    def label(self) -> str:
        """The RFC 2119 keyword, for editors and reviewers: "MUST NOT"."""
        return self.value.replace("_", " ").upper()

    @property
    def strength(self) -> str:
        """The rule's strength in plain words, shown to every reader in both voices."""
        return STRENGTHS[self]

    @property
    def is_negative(self) -> bool:
        return self in (Modality.MUST_NOT, Modality.SHOULD_NOT)

    @property
    def is_binding(self) -> bool:
        """MUST and MUST NOT are obligations; the others advise or permit."""
        return self in (Modality.MUST, Modality.MUST_NOT)


STRENGTHS: dict[Modality, str] = {
    Modality.MUST: "Required",
    Modality.MUST_NOT: "Not allowed",
    Modality.SHOULD: "Recommended",
    Modality.SHOULD_NOT: "Best avoided",
    Modality.MAY: "Allowed",
}

# How binding each modality is, for "tightened" and "loosened": a MUST NOT and a MUST bind
# equally, in opposite directions; a MAY binds nobody.
BINDING_ORDER: dict[Modality, int] = {
    Modality.MAY: 0,
    Modality.SHOULD: 1,
    Modality.SHOULD_NOT: 1,
    Modality.MUST: 2,
    Modality.MUST_NOT: 2,
}

"""The stance meter: how prohibitive a document or section is, from its rules' modalities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from textkit.modality import Modality


@dataclass(frozen=True)
class Stance:
    counts: dict[Modality, int]
    total: int

    def share(self, modality: Modality | str) -> float:
        """The share of rules with this modality, 0.0 for no rules."""
        if not self.total:
            return 0.0
        return self.counts.get(Modality(modality), 0) / self.total

    @property
    def binding_share(self) -> float:
        """The share of MUST and MUST NOT rules: the obligations."""
        return self.share(Modality.MUST) + self.share(Modality.MUST_NOT)


def stance(modalities: Iterable[Modality | str]) -> Stance:
    counted = Counter(Modality(modality) for modality in modalities)
    counts = {modality: counted.get(modality, 0) for modality in Modality}
    return Stance(counts, sum(counts.values()))
